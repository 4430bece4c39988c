//! Replication stories: leaders, followers, the ISR and the high watermark; acks and
//! min.insync.replicas; broker failures; and the seed's reassignment, step by step.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::sim::cluster::{BrokerState, ClusterConfig, ClusterEvent};
use kafka_playground::sim::config::{Acks, KeyMode, ProducerSpec, SimConfig};
use kafka_playground::sim::consumer::{ConsumerSpec, OffsetReset};
use kafka_playground::sim::{Command, Event, Sim};

fn cluster_sim(brokers: i32, rf: u16, partitions: u32, assignment: Option<Vec<Vec<i32>>>) -> Sim {
    let mut cluster = ClusterConfig::brokers(brokers, rf);
    cluster.placement_start_index = Some(0);
    cluster.replica_assignment = assignment;
    let config = SimConfig { topic: "test1".into(), partitions, cluster, ..SimConfig::default() };
    Sim::new(config, 7).unwrap()
}

fn producer(s: &mut Sim, rate: f64, acks: Acks) {
    let mut spec = ProducerSpec::new("p", rate, KeyMode::None);
    spec.acks = acks;
    spec.linger_ms = 0;
    s.apply(Command::AddProducer { spec }).unwrap();
}

fn cluster_events(events: &[Event]) -> Vec<&ClusterEvent> {
    events.iter().filter_map(|e| if let Event::Cluster { detail, .. } = e { Some(detail) } else { None }).collect()
}

#[test]
fn placement_uses_kafkas_algorithm_and_followers_replicate_to_the_high_watermark() {
    let mut s = cluster_sim(5, 3, 10, None);
    // AdminUtils with start index 0 on brokers 1..5 = the vector's table shifted to ids 1..5.
    let replicas: Vec<Vec<i32>> = s.cluster.partitions.iter().map(|p| p.replicas.clone()).collect();
    assert_eq!(replicas[0], vec![1, 2, 3]);
    assert_eq!(replicas[5], vec![1, 3, 4]);
    assert_eq!(replicas[9], vec![5, 2, 3]);
    producer(&mut s, 200.0, Acks::All);
    let events = run_for(&mut s, 3_000);
    for p in 0..10u32 {
        let part = &s.cluster.partitions[p as usize];
        let leo = s.log(p).unwrap().log_end_offset();
        assert!(part.high_watermark <= leo);
        assert_eq!(part.isr.len(), 3);
        assert_eq!(part.leader, Some(part.replicas[0]), "the preferred leader leads");
    }
    // acks=all: a batch is acknowledged only once the high watermark has passed it, never before
    // it was appended.
    let mut appended = std::collections::BTreeMap::new();
    let mut acked = 0;
    for e in &events {
        match e {
            Event::BatchAppended { partition, base_offset, time_ms, .. } => {
                appended.insert((*partition, *base_offset), *time_ms);
            }
            Event::BatchAcknowledged { partition, base_offset, time_ms, .. } => {
                let at = appended[&(*partition, *base_offset)];
                assert!(*time_ms > at, "followers fetch first: {at} → {time_ms}");
                acked += 1;
            }
            _ => {}
        }
    }
    assert!(acked > 100);
}

#[test]
fn too_few_in_sync_replicas_refuse_acks_all_until_delivery_timeout() {
    let mut s = cluster_sim(3, 3, 1, None);
    s.cluster.config.min_insync_replicas = 2;
    producer(&mut s, 10.0, Acks::All);
    run_for(&mut s, 2_000);
    s.apply(Command::StopBroker { broker: 2 }).unwrap();
    s.apply(Command::StopBroker { broker: 3 }).unwrap();
    assert_eq!(s.cluster.partitions[0].isr, vec![1]);
    let events = run_for(&mut s, 125_000);
    let retried = events.iter().filter(|e| matches!(e, Event::ProduceRetried { error, .. } if error.starts_with("NotEnoughReplicasException: The size of the current ISR 1 is insufficient to satisfy the min.isr requirement of 2"))).count();
    assert!(retried > 100, "retried every retry.backoff.ms: {retried}");
    let failed: Vec<&String> = events
        .iter()
        .filter_map(|e| if let Event::ProduceFailed { error, .. } = e { Some(error) } else { None })
        .collect();
    if failed.is_empty() {
        let p = s.producer_ids().next().unwrap();
        let snap = s.snapshot(kafka_playground::sim::SnapshotOptions { recent_records: 0, key_counts: false });
        panic!("no failure: {:?} now {}", snap.producers.iter().find(|x| x.id == p), s.now_ms());
    }
    assert!(failed[0].starts_with("TimeoutException: Expiring"), "{}", failed[0]);
    let hw_before = s.cluster.partitions[0].high_watermark;
    // acks=1 is not subject to min.insync.replicas.
    let mut spec = ProducerSpec::new("p1", 10.0, KeyMode::None);
    spec.acks = Acks::One;
    s.apply(Command::AddProducer { spec }).unwrap();
    run_for(&mut s, 2_000);
    assert!(s.log(0).unwrap().log_end_offset() > hw_before);
    // Under min ISR the high watermark does not move (KIP-966, Kafka 3.7+).
    assert_eq!(s.cluster.partitions[0].high_watermark, hw_before);
    s.apply(Command::RestartBroker { broker: 2 }).unwrap();
    let events = run_for(&mut s, 3_000);
    assert!(cluster_events(&events)
        .iter()
        .any(|e| matches!(e, ClusterEvent::IsrExpanded { added, .. } if added == &vec![2])));
    assert!(s.cluster.partitions[0].high_watermark > hw_before);
}

#[test]
fn a_crashed_leader_is_fenced_after_the_session_timeout_and_acks_all_loses_nothing() {
    let mut s = cluster_sim(3, 3, 1, None);
    producer(&mut s, 50.0, Acks::All);
    let mut spec = ConsumerSpec::new("c", "g");
    spec.auto_offset_reset = OffsetReset::Earliest;
    s.apply(Command::AddConsumer { spec }).unwrap();
    run_for(&mut s, 5_000);
    assert_eq!(s.cluster.partitions[0].leader, Some(1));
    s.apply(Command::CrashBroker { broker: 1 }).unwrap();
    let events = run_for(&mut s, 8_000);
    assert_eq!(s.cluster.brokers[&1].state, BrokerState::Crashed);
    assert!(
        cluster_events(&events).iter().all(|e| !matches!(e, ClusterEvent::LeaderElected { .. })),
        "not before the session timeout"
    );
    assert!(events.iter().any(
        |e| matches!(e, Event::ProduceRetried { error, .. } if error.starts_with("NotLeaderOrFollowerException"))
    ));
    let events = run_for(&mut s, 2_000);
    let ce = cluster_events(&events);
    assert!(ce.iter().any(|e| matches!(e, ClusterEvent::BrokerFenced { broker: 1 })));
    assert!(ce.iter().any(|e| matches!(e, ClusterEvent::LeaderElected { leader: 2, .. })), "{ce:?}");
    run_for(&mut s, 10_000);
    // Every record acknowledged with acks=all is in the log, below the high watermark.
    let p = s.producer_ids().next().unwrap();
    let snap = s.snapshot(kafka_playground::sim::SnapshotOptions { recent_records: 0, key_counts: false });
    let acked = snap.producers.iter().find(|x| x.id == p).unwrap().records_acked;
    assert!(acked > 600);
    assert!(s.cluster.partitions[0].high_watermark >= acked);
    assert_eq!(s.cluster.acked_records_lost, 0);
    // The stopped broker keeps its replica; back, it catches up and rejoins the ISR.
    assert_eq!(s.cluster.partitions[0].replicas, vec![1, 2, 3]);
    s.apply(Command::RestartBroker { broker: 1 }).unwrap();
    run_for(&mut s, 3_000);
    assert!(s.cluster.partitions[0].isr.contains(&1));
}

#[test]
fn a_partition_with_no_in_sync_replica_goes_offline_and_comes_back_with_its_last_leader() {
    let mut s = cluster_sim(2, 2, 1, None);
    producer(&mut s, 20.0, Acks::One);
    run_for(&mut s, 2_000);
    s.apply(Command::StopBroker { broker: 2 }).unwrap();
    run_for(&mut s, 1_000);
    let events = s.apply(Command::StopBroker { broker: 1 }).unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::Cluster { detail: ClusterEvent::PartitionOffline { partition: 0 }, .. })));
    assert_eq!(s.cluster.partitions[0].leader, None);
    // Broker 2 is not in the ISR: with unclean.leader.election.enable=false it cannot lead.
    s.apply(Command::RestartBroker { broker: 2 }).unwrap();
    run_for(&mut s, 2_000);
    assert_eq!(s.cluster.partitions[0].leader, None, "still offline");
    let leo = s.log(0).unwrap().log_end_offset();
    s.apply(Command::RestartBroker { broker: 1 }).unwrap();
    run_for(&mut s, 2_000);
    assert_eq!(s.cluster.partitions[0].leader, Some(1));
    assert!(s.log(0).unwrap().log_end_offset() > leo, "writes resume");
}

#[test]
fn the_seed_reassignment_follows_the_controllers_steps_and_loses_nothing() {
    // The seed: six brokers, test1-0 on 1,2,3 moves to 4,5,6; test1-1 on 4,5,6 moves to 1,2,3.
    let mut s = cluster_sim(6, 3, 2, Some(vec![vec![1, 2, 3], vec![4, 5, 6]]));
    s.cluster.config.replication_bytes_per_s = 200_000;
    producer(&mut s, 200.0, Acks::All);
    run_for(&mut s, 3_000);
    let hw0 = s.cluster.partitions[0].high_watermark;
    let events = s
        .apply(Command::AlterPartitionReassignments {
            targets: vec![(0, Some(vec![4, 5, 6])), (1, Some(vec![1, 2, 3]))],
        })
        .unwrap();
    let mut states: Vec<(Vec<i32>, Option<i32>, Vec<i32>)> = vec![(vec![1, 2, 3], Some(1), vec![1, 2, 3])];
    let mut record = |s: &Sim| {
        let p = &s.cluster.partitions[0];
        let st = (p.replicas.clone(), p.leader, {
            let mut i = p.isr.clone();
            i.sort();
            i
        });
        if states.last() != Some(&st) {
            states.push(st);
        }
    };
    record(&s);
    assert!(events.iter().any(|e| matches!(e, Event::Cluster { detail: ClusterEvent::ReassignmentStarted { partition: 0, adding, removing, .. }, .. } if adding == &vec![4, 5, 6] && removing == &vec![1, 2, 3])));
    let mut hw_prev = s.cluster.partitions[0].high_watermark;
    let mut steps = Vec::new();
    for _ in 0..600 {
        let events = run_for(&mut s, 50);
        record(&s);
        steps.extend(
            cluster_events(&events)
                .into_iter()
                .filter(|e| match e {
                    ClusterEvent::IsrExpanded { partition, .. }
                    | ClusterEvent::ReassignmentCompleted { partition, .. }
                    | ClusterEvent::LeaderElected { partition, .. } => *partition == 0,
                    _ => false,
                })
                .cloned(),
        );
        let hw = s.cluster.partitions[0].high_watermark;
        assert!(hw >= hw_prev, "the high watermark never goes back");
        hw_prev = hw;
    }
    // KRaft (PartitionReassignmentReplicas): RS = target ++ removing while the new replicas copy
    // (zk_reassignment_example A2); they join the ISR (phase B: ISR = 1..6); then one
    // controller step sets replicas = target, ISR = target and moves the leader to 4 (the
    // ZooKeeper controller's B3, B4 and B6 happen together).
    assert_eq!(states[1], (vec![4, 5, 6, 1, 2, 3], Some(1), vec![1, 2, 3]));
    let joined = steps.iter().position(|e| matches!(e, ClusterEvent::IsrExpanded { isr, .. } if { let mut i = isr.clone(); i.sort(); i == vec![1, 2, 3, 4, 5, 6] }));
    let completed = steps.iter().position(|e| matches!(e, ClusterEvent::ReassignmentCompleted { replicas, isr, .. } if replicas == &vec![4, 5, 6] && isr == &vec![4, 5, 6]));
    let elected = steps.iter().position(|e| matches!(e, ClusterEvent::LeaderElected { leader: 4, .. }));
    assert!(joined.is_some() && completed.is_some() && elected.is_some(), "{steps:?}");
    assert!(joined < completed && completed < elected, "{steps:?}");
    assert_eq!(states.last().unwrap(), &(vec![4, 5, 6], Some(4), vec![4, 5, 6]));
    let p1 = &s.cluster.partitions[1];
    assert_eq!(p1.replicas, vec![1, 2, 3]);
    assert_eq!(p1.leader, Some(1));
    assert!(s.cluster.partitions[0].high_watermark > hw0);
    assert_eq!(s.cluster.acked_records_lost, 0);
    assert!(s.cluster.ongoing().is_empty());
}

#[test]
fn a_throttle_slows_the_copy() {
    let time_to_finish = |throttle: Option<u64>| {
        let mut s = cluster_sim(6, 3, 1, Some(vec![vec![1, 2, 3]]));
        producer(&mut s, 500.0, Acks::One);
        run_for(&mut s, 10_000);
        s.apply(Command::AlterPartitionReassignments { targets: vec![(0, Some(vec![4, 5, 6]))] }).unwrap();
        if let Some(rate) = throttle {
            s.apply(Command::SetReplicationThrottles {
                leader: vec![(0, 1), (0, 2), (0, 3)],
                follower: vec![(0, 4), (0, 5), (0, 6)],
                brokers: vec![1, 2, 3, 4, 5, 6],
                rate,
            })
            .unwrap();
        }
        let mut t = 0;
        while s.cluster.partitions[0].reassignment.is_some() && t < 600_000 {
            run_for(&mut s, 100);
            t += 100;
        }
        t
    };
    let free = time_to_finish(None);
    let throttled = time_to_finish(Some(100_000));
    assert!(free < 2_000, "{free}");
    assert!(throttled > 5 * free, "free {free} ms, throttled {throttled} ms");
}

use kafka_playground::reassign_tool::{self, SEED_REASSIGNMENT_JSON};

mod common;
use common::run_for;

#[test]
fn the_tool_executes_the_seed_json_verifies_and_clears_throttles() {
    let mut s = cluster_sim(6, 3, 2, Some(vec![vec![1, 2, 3], vec![4, 5, 6]]));
    producer(&mut s, 100.0, Acks::All);
    run_for(&mut s, 2_000);
    let run = reassign_tool::execute(&mut s, SEED_REASSIGNMENT_JSON, Some(2_000_000), false).unwrap();
    assert_eq!(
        run.output,
        "Current partition replica assignment\n\n{\"version\":1,\"partitions\":[{\"topic\":\"test1\",\"partition\":0,\"replicas\":[1,2,3],\"log_dirs\":[\"any\",\"any\",\"any\"]},{\"topic\":\"test1\",\"partition\":1,\"replicas\":[4,5,6],\"log_dirs\":[\"any\",\"any\",\"any\"]}]}\n\nSave this to use as the --reassignment-json-file option during rollback\nWarning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\nThe inter-broker throttle limit was set to 2000000 B/s\nSuccessfully started partition reassignments for test1-0,test1-1\n"
    );
    assert_eq!(s.cluster.brokers[&4].follower_throttle, Some(2_000_000));
    // A second execute without --additional is refused; nothing changes.
    let e = reassign_tool::execute(&mut s, SEED_REASSIGNMENT_JSON, None, false).unwrap_err();
    assert!(e.message.starts_with("Cannot execute because there is an existing partition assignment."));
    assert_eq!(
        reassign_tool::list(&s),
        "Current partition reassignments:\ntest1-0: replicas: 4,5,6,1,2,3. adding: 4,5,6. removing: 1,2,3.\ntest1-1: replicas: 1,2,3,4,5,6. adding: 1,2,3. removing: 4,5,6.\n"
    );
    let v = reassign_tool::verify(&mut s, SEED_REASSIGNMENT_JSON, false).unwrap();
    assert_eq!(v.output, "Status of partition reassignment:\nReassignment of partition test1-0 is still in progress.\nReassignment of partition test1-1 is still in progress.\n\n");
    assert_eq!(s.cluster.brokers[&4].follower_throttle, Some(2_000_000), "not cleared while in progress");
    run_for(&mut s, 20_000);
    let v = reassign_tool::verify(&mut s, SEED_REASSIGNMENT_JSON, false).unwrap();
    assert_eq!(
        v.output,
        "Status of partition reassignment:\nReassignment of partition test1-0 is completed.\nReassignment of partition test1-1 is completed.\n\nClearing broker-level throttles on brokers 1,2,3,4,5,6\nClearing topic-level throttles on topic test1\n"
    );
    assert!(s.cluster.brokers.values().all(|b| b.follower_throttle.is_none() && b.leader_throttle.is_none()));
    assert!(s.cluster.leader_throttled.is_empty());
    assert_eq!(s.cluster.partitions[0].replicas, vec![4, 5, 6]);
    assert_eq!(s.cluster.partitions[1].replicas, vec![1, 2, 3]);
}

#[test]
fn the_tool_refuses_bad_input_with_kafkas_messages_and_changes_nothing() {
    let mut s = cluster_sim(6, 3, 2, Some(vec![vec![1, 2, 3], vec![4, 5, 6]]));
    let before = format!("{:?}", s.cluster.partitions);
    let cases = [
        (r#"{"version":1,"partitions":[{"topic":"test1","partition":0,"replicas":[4,5,7]}]}"#, "Unknown broker id 7"),
        (
            r#"{"version":1,"partitions":[{"topic":"test1","partition":9,"replicas":[4,5,6]}]}"#,
            "Unable to find partition: test1-9",
        ),
        (
            r#"{"version":1,"partitions":[{"topic":"nope","partition":0,"replicas":[4,5,6]}]}"#,
            "Unable to find partition: nope-0",
        ),
        (
            r#"{"version":1,"partitions":[{"topic":"test1","partition":0,"replicas":[4,4,6]}]}"#,
            "Partition replica lists may not contain duplicate entries: test1-0 contains multiple entries for 4",
        ),
        (r#"{"version":1,"partitions":[]}"#, "Partition reassignment list cannot be empty"),
        (r#"{"version":3,"partitions":[]}"#, "Not supported version field value 3"),
        (
            r#"{"version":1,"partitions":[{"topic":"test1","partition":0,"replicas":[4,5,6],"log_dirs":["any"]}]}"#,
            "Size of replicas list [4, 5, 6] is different from size of log dirs list [any] for partition test1-0",
        ),
        ("{\"version\":1,\n\"partitions\":[{\"topic\":\"test1\",}]}", "The input string is not a valid JSON"),
    ];
    for (json, want) in cases {
        let e = reassign_tool::execute(&mut s, json, None, false).unwrap_err();
        assert!(e.message.starts_with(want), "{json}: {}", e.message);
        assert_eq!(format!("{:?}", s.cluster.partitions), before, "{json}");
    }
    let e = reassign_tool::execute(&mut s, "{\"version\":1,\n\"partitions\":[{\"topic\":\"test1\",}]}", None, false)
        .unwrap_err();
    assert_eq!(e.line, 2);
    let g =
        reassign_tool::generate(&mut s, r#"{"topics":[{"topic":"test1"}],"version":1}"#, "1,2,3,4,5,6", false).unwrap();
    assert!(g.output.starts_with("Current partition replica assignment\n{\"version\":1,\"partitions\":[{\"topic\":\"test1\",\"partition\":0,\"replicas\":[1,2,3]"));
    assert!(g.output.contains("\n\nProposed partition reassignment configuration\n{\"version\":1"));
    let e = reassign_tool::generate(&mut s, r#"{"topics":[{"topic":"test1"}],"version":1}"#, "1,2", false).unwrap_err();
    assert_eq!(e.message, "Replication factor: 3 larger than available brokers: 2.");
    assert_eq!(format!("{:?}", s.cluster.partitions), before);
}

#[test]
fn acks_1_can_lose_acknowledged_records_on_failover_and_unclean_election_trades_data_for_availability() {
    // acks=1: the leader acknowledges at append; a follower 20 ms behind becomes leader when it
    // crashes, and what it had not fetched is cut.
    let mut s = cluster_sim(2, 2, 1, None);
    s.cluster.config.replication_bytes_per_s = 20_000; // a slow follower
    producer(&mut s, 400.0, Acks::One);
    run_for(&mut s, 3_000);
    let leo = s.log(0).unwrap().log_end_offset();
    let follower = s.cluster.partitions[0].followers[&2].leo;
    assert!(follower < leo, "the follower lags: {follower} < {leo}");
    s.apply(Command::StopBroker { broker: 1 }).unwrap();
    // Broker 2 may have left the ISR by now (30 s not passed: it is still in it).
    assert_eq!(s.cluster.partitions[0].leader, Some(2));
    assert!(s.cluster.acked_records_lost > 0, "acknowledged records were cut");
    assert!(s.log(0).unwrap().log_end_offset() < leo);

    // Unclean election: the only in-sync replica is gone, an out-of-sync one takes over.
    let mut s = cluster_sim(2, 2, 1, None);
    s.cluster.config.unclean_leader_election = true;
    s.cluster.config.replica_lag_time_max_ms = 1_000;
    producer(&mut s, 50.0, Acks::One);
    run_for(&mut s, 2_000);
    s.apply(Command::StopBroker { broker: 2 }).unwrap();
    run_for(&mut s, 3_000);
    assert_eq!(s.cluster.partitions[0].isr, vec![1]);
    s.apply(Command::RestartBroker { broker: 2 }).unwrap();
    s.apply(Command::CrashBroker { broker: 2 }).unwrap();
    let events = s.apply(Command::StopBroker { broker: 1 }).unwrap();
    assert!(events.iter().any(|e| matches!(e, Event::Cluster { detail: ClusterEvent::PartitionOffline { .. }, .. })));
    s.apply(Command::RestartBroker { broker: 2 }).unwrap();
    // Broker 2 is not in the ISR; with unclean.leader.election.enable it leads anyway, and the
    // records it never had are gone.
    assert_eq!(s.cluster.partitions[0].leader, Some(2));
    assert!(s.cluster.acked_records_lost > 0);
}
