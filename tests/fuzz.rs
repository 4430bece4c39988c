//! Fuzzing with proptest: the scenario parser, the reassignment JSON parser, the console
//! command parser and the share-link codec. A million cases each by default, so it is not part of
//! CI: `./scripts/fuzz.sh` (or `FUZZ_CASES=10000 cargo test --release --test fuzz -- --ignored`).
//! Checked: no panic, and every error is a clear message (not empty; the scenario parser names
//! a place: a field path or a line).

use kafka_playground::console::{tokenize, Console};
use kafka_playground::scenario;
use kafka_playground::sim::cluster::reassign::{parse_execute_args, parse_reassignment_json};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000)
}

/// Edits of a valid text: replace, insert or delete a byte or a short run, a few times.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3, 1usize..8), 1..6).prop_map(move |edits| {
        let mut b = base.as_bytes().to_vec();
        for (at, byte, kind, len) in edits {
            if b.is_empty() {
                break;
            }
            let i = at.index(b.len());
            match kind {
                0 => b[i] = byte,
                1 => b.splice(i..i, std::iter::repeat_n(byte, len)).for_each(drop),
                _ => {
                    let end = (i + len).min(b.len());
                    b.drain(i..end);
                }
            }
        }
        String::from_utf8_lossy(&b).into_owned()
    })
}

const REASSIGNMENT: &str = r#"{"version": 1, "partitions": [{"topic": "test1", "partition": 0, "replicas": [4, 5, 6], "log_dirs": ["any", "any", "any"]}, {"topic": "test1", "partition": 1, "replicas": [1, 2, 3]}]}"#;

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    #[ignore]
    fn fuzz_scenario_parser(text in prop_oneof![mutated(scenario::DEFAULT_SCENARIO), mutated(scenario::SEED_REASSIGNMENT_SCENARIO), "\\PC{0,300}"]) {
        if let Err(e) = scenario::parse(&text) {
            prop_assert!(!e.message.trim().is_empty());
            prop_assert!(!e.path.is_empty() || e.line > 0 || e.message.contains("bytes"), "{e}");
        }
    }

    #[test]
    #[ignore]
    fn fuzz_reassignment_json(text in prop_oneof![mutated(REASSIGNMENT), "\\PC{0,200}"]) {
        if let Err(e) = parse_reassignment_json(&text) {
            prop_assert!(!e.to_string().trim().is_empty());
        }
        if let Err(e) = parse_execute_args(&text) {
            prop_assert!(!e.to_string().trim().is_empty());
        }
    }

    #[test]
    #[ignore]
    fn fuzz_console(line in prop_oneof![
        mutated("kafka-reassign-partitions.sh --bootstrap-server localhost:9092 --execute --reassignment-json-file r.json --throttle 1000"),
        mutated("kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group test1-app --topic test1 --shift-by -5 --execute"),
        mutated("kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type topics --entity-name test1 --add-config leader.replication.throttled.replicas=[0:1,1:4]"),
        mutated("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t2 --partitions 3 --config retention.ms=1000"),
        "\\PC{0,120}",
    ]) {
        let _ = tokenize(&line);
        thread_local! {
            static BASE: kafka_playground::scenario::Run = {
                let s = scenario::parse(scenario::SEED_REASSIGNMENT_SCENARIO).unwrap();
                let (mut run, _) = scenario::Run::start(&s, None).unwrap();
                run.run_until(1_000, &mut |_| {});
                run
            };
        }
        let mut run = BASE.with(|r| r.clone());
        let mut c = Console::new();
        c.write_file("r.json", kafka_playground::reassign_tool::SEED_REASSIGNMENT_JSON).unwrap();
        let o = c.exec(&mut run.sim, &line);
        if o.error {
            prop_assert!(!o.output.trim().is_empty());
        }
        let _ = c.complete(&line);
    }

    #[test]
    #[ignore]
    fn fuzz_share_links(link in prop_oneof![
        "v1\\.[A-Za-z0-9_-]{0,400}",
        "\\PC{0,300}",
        prop::collection::vec(any::<u8>(), 0..400).prop_map(|b| format!("v1.{}", kafka_playground::share::base64url(&miniz_oxide::deflate::compress_to_vec(&b, 6)))),
    ]) {
        if let Err(e) = kafka_playground::share::decode(&link) {
            prop_assert!(!e.to_string().trim().is_empty());
        }
    }
}
