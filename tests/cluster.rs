//! Replica placement and reassignment against Kafka's own vectors.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::util::ordmap::OrdMap;

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
        let want: OrdMap<i32, Vec<i32>> =
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

use kafka_playground::sim::cluster::reassign::{
    calculate_proposed_move_map, follower_throttles, format_as_reassignment_json, leader_throttles, parse_execute_args,
    parse_generate_args, reassigning_brokers, OngoingReassignment, ReassignmentReplicas, TopicPartition,
};

fn tp(s: &str) -> TopicPartition {
    let (t, p) = s.rsplit_once('-').unwrap();
    TopicPartition::new(t, p.parse().unwrap())
}

fn parts(v: &Value) -> OrdMap<TopicPartition, Vec<i32>> {
    v.as_object().unwrap().iter().map(|(k, v)| (tp(k), ints(v))).collect()
}

#[test]
fn kraft_reassignment_replicas_vectors() {
    let v = vectors();
    let cases = v["kraft_reassignment_replicas"]["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let r = match (c.get("current"), c.get("target")) {
            (Some(cur), Some(t)) => ReassignmentReplicas::new(&ints(cur), &ints(t)),
            _ => ReassignmentReplicas {
                removing: ints(&c["removing"]),
                adding: ints(&c["adding"]),
                replicas: ints(&c["replicas"]),
            },
        };
        if let Some(x) = c.get("removing") {
            assert_eq!(r.removing, ints(x), "{name}");
            assert_eq!(r.adding, ints(&c["adding"]), "{name}");
            assert_eq!(r.replicas, ints(&c["replicas"]), "{name}");
        }
        if let Some(completes) = c.get("completes") {
            let got = r.maybe_complete(&ints(&c["isr"]));
            assert_eq!(got.is_some(), completes.as_bool().unwrap(), "{name}");
            if let Some((replicas, isr)) = got {
                assert_eq!(replicas, ints(&c["new_replicas"]), "{name}");
                assert_eq!(isr, ints(&c["new_isr"]), "{name}");
            }
        }
    }
}

#[test]
fn reassignment_json_format_vectors() {
    let v = vectors();
    let set = &v["reassignment_json_format"];
    let ex = &set["rollback_json_example"];
    let proposed = parts(&ex["input_proposed"]);
    let current = parts(&ex["input_current"]);
    let rollback: OrdMap<TopicPartition, Vec<i32>> =
        current.into_iter().filter(|(k, _)| proposed.contains_key(k)).collect();
    assert_eq!(format_as_reassignment_json(&rollback, &OrdMap::new()), ex["output"].as_str().unwrap());
    for c in set["parse_cases"].as_array().unwrap() {
        let json = c["json"].as_str().unwrap();
        match (c.get("error_prefix"), c.get("result")) {
            (Some(prefix), _) => {
                let e = parse_execute_args(json).unwrap_err();
                assert!(e.message.starts_with(prefix.as_str().unwrap()), "{json}: {}", e.message);
                assert!(!e.path.is_empty(), "names where: {json}");
            }
            (None, Some(result)) => {
                let (got, moves) = parse_execute_args(json).unwrap();
                assert_eq!(got, parts(result), "{json}");
                let want_moves: OrdMap<String, String> = c["log_dir_moves"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect();
                assert_eq!(moves, want_moves, "{json}");
            }
            _ => unreachable!(),
        }
    }
    for c in set["generate_args_cases"].as_array().unwrap() {
        let got = parse_generate_args(c["topics_json"].as_str().unwrap(), c["broker_list"].as_str().unwrap());
        match c.get("error") {
            Some(e) => {
                // The vector names the failure; Kafka's messages (parseGenerateAssignmentArgs):
                let want = match e.as_str().unwrap() {
                    "duplicate broker entries" => "Broker list contains duplicate entries: ",
                    "duplicate topics" => "List of topics to reassign contains duplicate entries: ",
                    other => panic!("unknown vector error {other}"),
                };
                let msg = got.unwrap_err().message;
                assert!(msg.starts_with(want), "{msg}");
            }
            None => {
                let (brokers, topics) = got.unwrap();
                assert_eq!(brokers, ints(&c["result"]["brokers"]));
                let want: Vec<String> =
                    c["result"]["topics"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
                assert_eq!(topics, want);
            }
        }
    }
}

#[test]
fn reassignment_throttles_vectors() {
    let v = vectors();
    let set = &v["reassignment_throttles"];
    let ongoing: OrdMap<TopicPartition, OngoingReassignment> = set["currentReassignments(replicas,adding,removing)"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, x)| {
            let a = x.as_array().unwrap();
            (tp(k), OngoingReassignment { replicas: ints(&a[0]), adding: ints(&a[1]), removing: ints(&a[2]) })
        })
        .collect();
    let moves =
        calculate_proposed_move_map(&ongoing, &parts(&set["proposedParts"]), &parts(&set["currentParts"])).unwrap();
    for (k, want) in set["expected_moves(sources->destinations)"].as_object().unwrap() {
        let t = tp(k);
        let m = &moves[&t.topic][&t.partition];
        let w = want.as_array().unwrap();
        assert_eq!(m.sources.iter().copied().collect::<Vec<_>>(), ints(&w[0]), "{k} sources");
        assert_eq!(m.destinations.iter().copied().collect::<Vec<_>>(), ints(&w[1]), "{k} destinations");
    }
    let leader = leader_throttles(&moves);
    for (topic, want) in set["expected_leader.replication.throttled.replicas"].as_object().unwrap() {
        assert_eq!(leader[topic], want.as_str().unwrap(), "{topic}");
    }
    let follower = follower_throttles(&moves);
    for (topic, want) in set["expected_follower.replication.throttled.replicas"].as_object().unwrap() {
        assert_eq!(follower[topic], want.as_str().unwrap(), "{topic}");
    }
    let brokers: Vec<i32> = reassigning_brokers(&moves).into_iter().collect();
    assert_eq!(brokers, ints(&set["expected_reassigning_brokers (get leader/follower.replication.throttled.rate)"]));
}
