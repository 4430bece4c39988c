//! Scenario files written back (`to_json`) and share links: round trips and bad links.

use kafka_playground::presets::Preset;
use kafka_playground::scenario::{self, Run};
use kafka_playground::share::{self, base64url, ShareError, LINK_CHARS_MAX};

#[test]
fn every_preset_round_trips_through_its_scenario_file() {
    for p in Preset::ALL {
        let s = p.scenario();
        let text = scenario::to_json(&s);
        let back = scenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", p.id()));
        assert_eq!(back, s, "{}", p.id());
    }
    let seed = scenario::parse(scenario::SEED_REASSIGNMENT_SCENARIO).unwrap();
    assert_eq!(scenario::parse(&scenario::to_json(&seed)).unwrap(), seed);
}

#[test]
fn a_share_link_reproduces_the_same_run() {
    let s = scenario::parse(scenario::SEED_REASSIGNMENT_SCENARIO).unwrap();
    let link = share::encode(&s, 42, 7_500).unwrap();
    assert!(link.starts_with("v1.") && link.len() < 4_000, "{} chars", link.len());
    assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'), "URL-safe");
    let shared = share::decode(&format!("#run={link}")).unwrap();
    assert_eq!((shared.seed, shared.at_ms), (42, 7_500));
    assert_eq!(shared.scenario, s);
    let run = |sc: &scenario::Scenario| {
        let (mut r, _) = Run::start(sc, Some(42)).unwrap();
        r.run_until(7_500, &mut |_| {});
        format!("{:?}", r.sim.snapshot(Default::default()))
    };
    assert_eq!(run(&s), run(&shared.scenario));
}

#[test]
fn bad_links_answer_with_messages() {
    let s = scenario::parse(scenario::SEED_REASSIGNMENT_SCENARIO).unwrap();
    let good = share::encode(&s, 1, 0).unwrap();
    let cases: Vec<(String, &str)> = vec![
        ("v2.AAAA".into(), "does not start with v1."),
        ("v1.ab*cd".into(), "character 3 ('*') is not base64url"),
        ("v1.A".into(), "cut short"),
        (format!("v1.{}", base64url(b"not deflate at all")), "corrupted"),
        (good[..good.len() / 2].to_string(), ""),
        (format!("v1.{}", "A".repeat(LINK_CHARS_MAX)), "at most"),
        (format!("v1.{}", base64url(&miniz_oxide::deflate::compress_to_vec(b"1\n2\n{\"version\": 1}", 9))), "scenario"),
        (format!("v1.{}", base64url(&miniz_oxide::deflate::compress_to_vec(b"x\n2\n{}", 9))), "seed: 'x'"),
        // A bomb: 1 MB of zeros packs small but must not be unpacked past the limit.
        (format!("v1.{}", base64url(&miniz_oxide::deflate::compress_to_vec(&vec![b'0'; 1_000_000], 9))), "too large"),
    ];
    for (link, expect) in cases {
        let e = share::decode(&link).expect_err(&link[..link.len().min(40)]);
        assert!(e.to_string().contains(expect), "{link:.40}: {e}");
    }
    let big = {
        let mut s = s.clone();
        for i in 0..400 {
            s.timeline.push(scenario::Step {
                at_ms: i,
                action: scenario::Action::Console(kafka_playground::console::Replay {
                    line: format!("kafka-topics.sh --bootstrap-server localhost:9092 --describe {i:x}{}", i * 7919),
                    input: vec![format!("{:x}", (i as u64).wrapping_mul(0x9e3779b97f4a7c15))],
                    files: Default::default(),
                }),
            });
        }
        s
    };
    assert!(matches!(share::encode(&big, 1, 0), Err(ShareError::TooLong { .. })));
}

#[test]
fn editor_fields_change_one_value_and_keep_the_rest() {
    let s = scenario::parse(scenario::SEED_REASSIGNMENT_SCENARIO).unwrap();
    let text = scenario::to_json(&s);
    let t2 = scenario::set_field(&text, &["topic", "partitions"], "4").unwrap();
    let s2 = scenario::parse(&t2).unwrap_err();
    assert!(s2.to_string().contains("replica.assignment"), "4 partitions no longer match the 2 replica lists: {s2}");
    let t3 = scenario::set_field(&text, &["seed"], "99").unwrap();
    assert_eq!(scenario::parse(&t3).unwrap().seed, 99);
    let t4 = scenario::set_field(&text, &["topic", "retention.ms"], "soon").unwrap();
    let e = scenario::parse(&t4).unwrap_err();
    assert!(e.to_string().contains("retention.ms"), "{e}");
    let e = scenario::set_field("{ not json", &["seed"], "1").unwrap_err();
    assert!(e.line == 1 && e.message.contains("fix the JSON"), "{e}");
}
