//! Replica placement and reassignment against Kafka's own vectors.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use kafka_playground::sim::cluster::placement::{
    assign_replicas_to_brokers, rack_alternated_broker_list, striped_place, BrokerList, BrokerMetadata, MockRandom,
    RackList, UsableBroker,
};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/kafka-vectors.json")).unwrap()
}

fn ints(v: &Value) -> Vec<i32> {
    v.as_array().unwrap().iter().map(|x| x.as_i64().unwrap() as i32).collect()
}

fn no_random(_: i32) -> i32 {
    panic!("a fixed start index draws nothing")
}

#[test]
fn adminutils_replica_assignment_vectors() {
    let v = vectors();
    let cases = v["adminutils_replica_assignment"]["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    for c in cases {
        let brokers: Vec<BrokerMetadata> = ints(&c["brokers"])
            .into_iter()
            .map(|id| BrokerMetadata {
                id,
                rack: c["racks"].get(id.to_string()).and_then(|r| r.as_str()).map(str::to_string),
            })
            .collect();
        if let Some(alt) = c.get("rackAlternatedBrokerList") {
            assert_eq!(rack_alternated_broker_list(&brokers), ints(alt));
            let without5: Vec<BrokerMetadata> = brokers.iter().filter(|b| b.id != 5).cloned().collect();
            assert_eq!(rack_alternated_broker_list(&without5), ints(&c["rackAlternatedBrokerList_without_broker5"]));
        }
        let got = assign_replicas_to_brokers(
            &brokers,
            c["nPartitions"].as_i64().unwrap() as i32,
            c["rf"].as_i64().unwrap() as i32,
            c["fixedStartIndex"].as_i64().unwrap() as i32,
            c["startPartitionId"].as_i64().unwrap() as i32,
            &mut no_random,
        )
        .unwrap();
        let want: BTreeMap<i32, Vec<i32>> =
            c["expected"].as_object().unwrap().iter().map(|(k, v)| (k.parse().unwrap(), ints(v))).collect();
        assert_eq!(got, want, "{}", c["call"]);
    }
}

#[test]
fn adminutils_errors_are_kafkas() {
    let b = |n: i32| (0..n).map(|id| BrokerMetadata { id, rack: None }).collect::<Vec<_>>();
    let e = assign_replicas_to_brokers(&b(3), 0, 1, 0, -1, &mut no_random).unwrap_err();
    assert_eq!(e.exception, "InvalidPartitionsException");
    let e = assign_replicas_to_brokers(&b(3), 3, 4, 0, -1, &mut no_random).unwrap_err();
    assert_eq!(
        e.to_string(),
        "InvalidReplicationFactorException: Replication factor: 4 larger than available brokers: 3."
    );
    let mut some = b(3);
    some[0].rack = Some("a".into());
    assert_eq!(
        assign_replicas_to_brokers(&some, 3, 2, 0, -1, &mut no_random).unwrap_err().exception,
        "AdminOperationException"
    );
}

fn usable(c: &Value) -> Vec<UsableBroker> {
    c["brokers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| UsableBroker {
            id: b["id"].as_i64().unwrap() as i32,
            rack: b["rack"].as_str().map(str::to_string),
            fenced: b["fenced"].as_bool().unwrap(),
        })
        .collect()
}

#[test]
fn striped_replica_placer_vectors() {
    let v = vectors();
    let cases = v["striped_replica_placer"]["cases"].as_array().unwrap();
    let mut checked = 0;
    for c in cases {
        let name = c["name"].as_str().unwrap();
        if let Some(calls) = c.get("successive_place_calls") {
            let mut random = MockRandom::new(17);
            let brokers = usable(c);
            let mut racks = RackList::new(&mut random, &brokers);
            for (i, want) in calls.as_array().unwrap().iter().enumerate() {
                let got = racks.place(&mut random, c["rf"].as_i64().unwrap() as i32).unwrap();
                assert_eq!(got, ints(want), "{name} call {i}");
            }
            checked += 1;
        } else if let Some(parts) = c.get("expected_partitions") {
            let mut random = MockRandom::new(17);
            let got = striped_place(
                &mut random,
                &usable(c),
                c["numPartitions"].as_u64().unwrap() as usize,
                c["rf"].as_i64().unwrap() as i32,
            )
            .unwrap();
            let want: Vec<Vec<i32>> = parts.as_array().unwrap().iter().map(ints).collect();
            assert_eq!(got, want, "{name}");
            checked += 1;
        } else {
            let mut list = BrokerList::default();
            for id in ints(&c["brokers_added"]) {
                list.add(id);
            }
            for call in c["calls"].as_array().unwrap() {
                let epoch = call["epoch"].as_u64().unwrap() as u32;
                let got: Vec<i32> = ints(&call["returns"]).iter().map(|_| list.next(epoch).unwrap_or(-1)).collect();
                assert_eq!(got, ints(&call["returns"]), "{name} epoch {epoch}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
}
