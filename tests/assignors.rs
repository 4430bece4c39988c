//! Kafka's assignor and offsets-topic vectors (`range_assignor`, `roundrobin_assignor`,
//! `sticky_assignor`, `sticky_assignor.javadoc`, `offsets_topic_partition.computed`).
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::util::ordmap::OrdMap;

use kafka_playground::sim::group::assignor::{assign, assign_sticky_general, Member, Strategy, TopicPartition};
use kafka_playground::sim::group::java::{offsets_partition_for, string_hash_code, utils_abs};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/kafka-vectors.json")).expect("vectors parse")
}

fn ppt(case: &Value) -> OrdMap<String, u32> {
    case["partitions"].as_object().unwrap().iter().map(|(t, n)| (t.clone(), n.as_u64().unwrap() as u32)).collect()
}

fn tps(v: &Value) -> Vec<TopicPartition> {
    let mut out: Vec<TopicPartition> =
        v.as_array().unwrap().iter().map(|s| TopicPartition::parse(s.as_str().unwrap()).unwrap()).collect();
    out.sort();
    out
}

/// Members in the vector's order (JSON object order is kept by serde_json's preserve_order?
/// No: we re-read keys in document order from the raw text to be safe).
fn members_from_subscriptions(case: &Value) -> Vec<Member> {
    let instance = case.get("group_instance_ids");
    case["subscriptions"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, topics)| Member {
            id: id.clone(),
            instance_id: instance.and_then(|i| i.get(id)).and_then(|v| v.as_str()).map(String::from),
            topics: topics.as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect(),
            owned: Vec::new(),
            generation: None,
        })
        .collect()
}

fn members_from_members(case: &Value) -> Vec<Member> {
    case["members"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, m)| Member {
            id: id.clone(),
            instance_id: None,
            topics: m["topics"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect(),
            owned: m.get("owned").map(tps).unwrap_or_default(),
            generation: m.get("generation").and_then(|g| g.as_i64()).map(|g| g as i32),
        })
        .collect()
}

fn expected(case: &Value, field: &str) -> OrdMap<String, Vec<TopicPartition>> {
    case[field].as_object().unwrap().iter().map(|(id, l)| (id.clone(), tps(l))).collect()
}

fn check(set: &str, strategy: Strategy, members_of: fn(&Value) -> Vec<Member>) -> usize {
    let v = vectors();
    let mut n = 0;
    for case in v[set]["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let members = members_of(case);
        let got = assign(strategy, &ppt(case), &members).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(got, expected(case, "expected"), "{set} / {name} / {}", strategy.name());
        n += 1;
    }
    n
}

#[test]
fn range_assignor_vectors() {
    assert_eq!(check("range_assignor", Strategy::Range, members_from_subscriptions), 11);
}

#[test]
fn roundrobin_assignor_vectors() {
    assert_eq!(check("roundrobin_assignor", Strategy::RoundRobin, members_from_subscriptions), 7);
}

#[test]
fn sticky_assignor_vectors_for_both_sticky_assignors() {
    let v = vectors();
    let mut checked = 0;
    for case in v["sticky_assignor"]["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let members = members_from_members(case);
        let sticky = assign(Strategy::Sticky, &ppt(case), &members).unwrap();
        assert_eq!(sticky, expected(case, "expected"), "sticky / {name}");
        let coop = assign(Strategy::CooperativeSticky, &ppt(case), &members).unwrap();
        // Cooperative: the first round leaves out partitions changing owner; without such
        // partitions it equals the sticky result.
        let want = if case.get("cooperative_first_round").is_some() {
            expected(case, "cooperative_first_round")
        } else {
            expected(case, "expected")
        };
        assert_eq!(coop, want, "cooperative-sticky / {name}");
        checked += 1;
    }
    assert_eq!(checked, 13);
}

#[test]
fn sticky_assignor_javadoc_examples() {
    // The Javadoc examples (labelled illustrative) were written against the general builder:
    // it reproduces all four. Kafka 4.0 sends equal subscriptions through the constrained
    // builder instead: there the result must keep every owned partition and be balanced (and
    // for mixed subscriptions it is the general builder, so it must match exactly).
    let v = vectors();
    let mut n = 0;
    for case in v["sticky_assignor.javadoc"]["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let members = members_from_members(case);
        let want = expected(case, "expected");
        assert_eq!(assign_sticky_general(&ppt(case), &members), want, "general builder / {name}");
        let got = assign(Strategy::Sticky, &ppt(case), &members).unwrap();
        let equal_subscriptions = members.windows(2).all(|w| {
            let mut a = w[0].topics.clone();
            let mut b = w[1].topics.clone();
            a.sort();
            b.sort();
            a == b
        });
        if equal_subscriptions {
            let sizes: Vec<usize> = got.values().map(Vec::len).collect();
            assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{name}: balanced {got:?}");
            for m in &members {
                for tp in &m.owned {
                    assert!(got[&m.id].contains(tp), "{name}: {} keeps {}", m.id, tp.name());
                }
            }
            assert_eq!(got.values().map(Vec::len).sum::<usize>(), want.values().map(Vec::len).sum::<usize>());
        } else {
            assert_eq!(got, want, "sticky / {name}");
        }
        n += 1;
    }
    assert_eq!(n, 4);
}

#[test]
fn offsets_topic_partition_vectors() {
    let v = vectors();
    let cases = v["offsets_topic_partition.computed"]["cases"].as_array().unwrap();
    for c in cases {
        let g = c["group_id"].as_str().unwrap();
        assert_eq!(string_hash_code(g) as i64, c["java_hashCode"].as_i64().unwrap(), "{g}");
        assert_eq!(utils_abs(string_hash_code(g)) as i64, c["Utils.abs"].as_i64().unwrap());
        for n in [50u32, 1, 10, 3] {
            assert_eq!(offsets_partition_for(g, n) as u64, c[format!("partition_{n}")].as_u64().unwrap(), "{g} % {n}");
        }
    }
    assert_eq!(cases.len(), 8);
}

#[test]
fn more_consumers_than_partitions_leaves_the_extra_ones_idle() {
    let ppt: OrdMap<String, u32> = [("orders".to_string(), 2)].into();
    let members: Vec<Member> = (1..=4).map(|i| Member::new(format!("c{i}"), &["orders"])).collect();
    for s in Strategy::ALL {
        let a = assign(s, &ppt, &members).unwrap();
        assert_eq!(a.len(), 4, "{}", s.name());
        assert_eq!(a.values().filter(|l| l.is_empty()).count(), 2, "{}", s.name());
        assert_eq!(a.values().map(Vec::len).sum::<usize>(), 2);
    }
}
