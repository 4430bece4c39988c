//! Kafka 4.0 behaviour a learner meets as soon as they explore, each told as a
//! story in Kafka's words. Each story failed on the playground before its fix.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::console::Console;
use kafka_playground::history;
use kafka_playground::reassign_tool;
use kafka_playground::sim::cluster::{ClusterConfig, ClusterEvent};
use kafka_playground::sim::config::{Acks, KeyMode, ProducerSpec, SimConfig};
use kafka_playground::sim::consumer::{
    delivery_guarantee, CommitStrategy, ConsumerEvent, ConsumerSpec, ConsumerState, DeliveryGuarantee, OffsetReset,
    ResetCause,
};
use kafka_playground::sim::group::assignor::Strategy;
use kafka_playground::sim::log::LogLimits;
use kafka_playground::sim::offsets_tool::{ResetScope, ResetSpec};
use kafka_playground::sim::{Command, Event, Sim};

mod common;
use common::run_for;

const BS: &str = "--bootstrap-server localhost:9092";

fn sim(partitions: u32) -> Sim {
    Sim::new(SimConfig { partitions, ..SimConfig::default() }, 11).unwrap()
}

fn cluster_sim(brokers: i32, rf: u16, assignment: Vec<Vec<i32>>) -> Sim {
    let mut cluster = ClusterConfig::brokers(brokers, rf);
    cluster.replica_assignment = Some(assignment.clone());
    let config =
        SimConfig { topic: "test1".into(), partitions: assignment.len() as u32, cluster, ..SimConfig::default() };
    Sim::new(config, 7).unwrap()
}

fn consumer_events(events: &[Event]) -> Vec<(u64, &ConsumerEvent)> {
    events
        .iter()
        .filter_map(|e| if let Event::Consumer { time_ms, detail } = e { Some((*time_ms, detail)) } else { None })
        .collect()
}

fn producer(s: &mut Sim, rate: f64, configure: impl FnOnce(&mut ProducerSpec)) {
    let mut spec = ProducerSpec::new("p", rate, KeyMode::None);
    spec.linger_ms = 0;
    configure(&mut spec);
    s.apply(Command::AddProducer { spec }).unwrap();
}

fn add_consumer(s: &mut Sim, spec: ConsumerSpec) -> u32 {
    let events = s.apply(Command::AddConsumer { spec }).unwrap();
    match &events[..] {
        [Event::Consumer { detail: ConsumerEvent::ConsumerAdded { consumer, .. }, .. }] => *consumer,
        other => panic!("{other:?}"),
    }
}

fn consumer(name: &str, configure: impl FnOnce(&mut ConsumerSpec)) -> ConsumerSpec {
    let mut spec = ConsumerSpec::new(name, "g");
    spec.processing_ms_min = 1;
    spec.processing_ms_max = 1;
    spec.session_timeout_ms = 10_000;
    configure(&mut spec);
    spec
}

fn owned(s: &Sim, id: u32) -> Vec<u32> {
    s.consumers.consumers[&id].assignment.keys().copied().collect()
}

// 1. ConsumerCoordinator.rejoinNeededOrPending
#[test]
fn a_growing_topic_reaches_its_group_at_the_leaders_next_metadata_refresh() {
    let mut s = sim(2);
    producer(&mut s, 50.0, |p| {
        p.metadata_max_age_ms = 1_000;
        p.keys = KeyMode::Fixed { count: 16, prefix: "user-".into() };
    });
    let a = add_consumer(&mut s, consumer("a", |c| c.metadata_max_age_ms = 5_000));
    let b = add_consumer(&mut s, consumer("b", |c| c.metadata_max_age_ms = 5_000));
    run_for(&mut s, 6_000);
    assert_eq!(owned(&s, a).len() + owned(&s, b).len(), 2);
    s.apply(Command::AlterPartitions { partitions: 4 }).unwrap();
    let events = run_for(&mut s, 10_000);
    let ev = consumer_events(&events);
    // The group leader's refreshed metadata shows 4 partitions where it assigned 2: it rejoins.
    assert!(
        ev.iter().any(|(_, e)| matches!(e, ConsumerEvent::RebalanceStarted { reason, .. } if reason.contains("cached metadata has changed"))),
        "{ev:?}"
    );
    let mut all: Vec<u32> = owned(&s, a).into_iter().chain(owned(&s, b)).collect();
    all.sort();
    assert_eq!(all, vec![0, 1, 2, 3], "the new partitions are consumed");
    // With auto.offset.reset=latest, what was written to them before the group noticed is skipped.
    let skipped: Vec<u64> = ev
        .iter()
        .filter_map(|(_, e)| match e {
            ConsumerEvent::PositionReset { partition, offset, cause: ResetCause::NoCommittedOffset, .. }
                if *partition >= 2 =>
            {
                Some(*offset)
            }
            _ => None,
        })
        .collect();
    assert_eq!(skipped.len(), 2, "{ev:?}");
    assert!(skipped.iter().any(|o| *o > 0), "records written before the rebalance are skipped: {skipped:?}");
    // The describe table lists every partition the group owns or has an offset for.
    run_for(&mut s, 6_000);
    let mut c = Console::new();
    let o = c.exec(&mut s, &format!("kafka-consumer-groups.sh {BS} --describe --group g"));
    for p in 0..4 {
        assert!(
            o.output.contains(&format!("\norders          {p}"))
                || o.output.contains(&format!(" orders          {p} ")),
            "{}",
            o.output
        );
    }
}

// 2. UnifiedLog.fetchOffsetByTimestamp, ConsumerGroupCommand.getLogTimestampOffsets
#[test]
fn timestamp_look_ups_are_exact_at_any_age_and_fall_back_to_latest_with_kafkas_warning() {
    let mut s = sim(1);
    producer(&mut s, 20.0, |_| {});
    run_for(&mut s, 120_000); // 2400 records, far more than the page keeps in detail
                              // Records every 50 ms from t = 0: the first at or after t = 10 s is offset 200.
    let rows = s.plan_offsets_reset("g", ResetSpec::ToTimestamp(10_000)).unwrap();
    assert_eq!(rows[0].new_offset, 200);
    let rows = s.plan_offsets_reset("g", ResetSpec::ToTimestamp(10_001)).unwrap();
    assert_eq!(rows[0].new_offset, 201);
    assert_eq!(rows[0].warning, None);
    let mut c = Console::new();
    let o = c.exec(
        &mut s,
        &format!("kafka-consumer-groups.sh {BS} --group g --reset-offsets --topic orders --to-datetime 1970-01-01T00:00:03.000 --dry-run"),
    );
    assert!(
        o.output.contains("g                              orders                         0          60"),
        "{}",
        o.output
    );
    // No record that late: Kafka's warning, then the latest offset.
    let o = c.exec(&mut s, &format!("kafka-consumer-groups.sh {BS} --group g --reset-offsets --topic orders --to-datetime 1970-01-02T00:00:00.000 --dry-run"));
    assert!(
        o.output.starts_with("\nWarn: Partition 0 from topic orders is empty. Falling back to latest known offset.\n"),
        "{}",
        o.output
    );
    // auto.offset.reset=by_duration finds the same offsets at any age.
    let mut spec = ConsumerSpec::new("c", "late");
    spec.auto_offset_reset = OffsetReset::parse("by_duration:PT100S").unwrap();
    add_consumer(&mut s, spec);
    let events = run_for(&mut s, 3_001);
    let reset = consumer_events(&events)
        .into_iter()
        .find_map(|(t, e)| match e {
            ConsumerEvent::PositionReset { offset, .. } => Some((t, *offset)),
            _ => None,
        })
        .expect("a reset");
    assert_eq!(reset.1, (reset.0 - 100_000) / 50, "{reset:?}");
}

#[test]
fn a_bounded_time_index_coarsens_but_never_answers_later_than_kafka() {
    let limits = LogLimits { time_index_max: 1_024, ..LogLimits::default() };
    let mut s = Sim::new(SimConfig { partitions: 1, log_limits: limits, ..SimConfig::default() }, 3).unwrap();
    producer(&mut s, 20.0, |_| {});
    run_for(&mut s, 200_000); // 4000 records, each a time-index entry
    let log = s.log(0).unwrap();
    let mut coarse = 0;
    for ts in (0u64..199_000).step_by(777) {
        let exact = ts.div_ceil(50);
        let got = log.offset_for_timestamp(ts).unwrap();
        assert!(got <= exact, "{ts}: {got} > {exact}");
        coarse += usize::from(got < exact);
    }
    assert!(coarse > 0, "past the bound, old entries were merged");
    // The newest entries stay exact.
    assert_eq!(log.offset_for_timestamp(195_000), Some(3_900));
}

// 3. A consumer whose poll() throws: the application closes it.
#[test]
fn a_consumer_whose_poll_throws_is_closed_and_its_partitions_go_to_the_live_members() {
    let mut s = sim(2);
    producer(&mut s, 20.0, |_| {});
    let a = add_consumer(&mut s, consumer("a", |c| c.auto_offset_reset = OffsetReset::None));
    let b = add_consumer(&mut s, consumer("b", |c| c.auto_offset_reset = OffsetReset::Earliest));
    let events = run_for(&mut s, 8_000);
    let ev = consumer_events(&events);
    let consumer_a = &s.consumers.consumers[&a];
    assert_eq!(consumer_a.state, ConsumerState::Failed);
    assert!(consumer_a.last_error.as_deref().unwrap().starts_with("NoOffsetForPartitionException"));
    assert!(
        ev.iter().any(|(_, e)| matches!(e, ConsumerEvent::MemberLeft { consumer, .. } if *consumer == a)),
        "LeaveGroup: {ev:?}"
    );
    assert_eq!(owned(&s, b), vec![0, 1], "the live member took over");
    assert_eq!(s.consumers.groups["g"].members.len(), 1);
}

// 4. The ledger counts a whole first batch committed before processing and lost to a crash.
#[test]
fn a_first_batch_committed_before_processing_and_lost_to_a_crash_is_counted_lost() {
    let mut s = sim(1);
    producer(&mut s, 1_000.0, |_| {});
    run_for(&mut s, 10);
    s.apply(Command::RemoveProducer { producer: 1 }).unwrap();
    run_for(&mut s, 100);
    let written = s.log(0).unwrap().log_end_offset();
    assert!(written >= 5);
    let c = add_consumer(
        &mut s,
        consumer("a", |c| {
            c.commit = CommitStrategy::BeforeProcessing;
            c.auto_offset_reset = OffsetReset::Earliest;
            c.processing_ms_min = 500;
            c.processing_ms_max = 500;
        }),
    );
    // Until the commit of the whole first batch lands; nothing is processed yet.
    loop {
        let ev = s.step_event(s.now_us() + 10_000_000);
        if ev.iter().any(|e| matches!(e, Event::Consumer { detail: ConsumerEvent::OffsetCommitted { .. }, .. })) {
            break;
        }
    }
    assert_eq!(s.consumers.consumers[&c].records_processed, 0);
    s.apply(Command::CrashConsumer { consumer: c }).unwrap();
    let b = add_consumer(&mut s, consumer("b", |c| c.auto_offset_reset = OffsetReset::Earliest));
    producer(&mut s, 10.0, |_| {});
    run_for(&mut s, 20_000);
    assert!(s.consumers.consumers[&b].records_processed > 0);
    let ledger = &s.consumers.ledger.groups["g"];
    assert_eq!(ledger.lost, written, "offsets 0..{written} were never processed");
    assert_eq!(ledger.lost_ranges.front(), Some(&(0, 0, written)));
}

// 5. ReplicationControlManager.maybeBalancePartitionLeaders
#[test]
fn under_steady_load_a_restarted_broker_gets_its_leadership_back_at_the_next_check() {
    let mut s = cluster_sim(3, 3, vec![vec![1, 2, 3]]);
    // leader.imbalance.check.interval.seconds = 10 (the controller reads it at each check).
    s.cluster.config.leader_imbalance_check_interval_ms = 10_000;
    producer(&mut s, 2_000.0, |p| p.acks = Acks::All);
    run_for(&mut s, 1_000);
    s.apply(Command::StopBroker { broker: 1 }).unwrap();
    assert_eq!(s.cluster.partitions[0].leader, Some(2));
    run_for(&mut s, 1_000);
    s.apply(Command::RestartBroker { broker: 1 }).unwrap();
    let events = run_for(&mut s, 8_500); // the check at 10 s
    let back = events.iter().find_map(|e| match e {
        Event::Cluster { time_ms, detail: ClusterEvent::LeaderElected { leader: 1, reason, .. } }
            if reason.contains("preferred") =>
        {
            Some(*time_ms)
        }
        _ => None,
    });
    assert_eq!(back, Some(10_000), "leadership moves back as soon as broker 1 is in the ISR, at the check");
    assert_eq!(s.cluster.partitions[0].leader, Some(1));
    // acks=all loses nothing in the move.
    run_for(&mut s, 2_000);
    let p = &s.snapshot(Default::default()).producers[0];
    assert_eq!(p.records_failed, 0);
}

// 6. Throttles stay until --verify removes them.
#[test]
fn throttles_stay_after_the_reassignment_until_verify_removes_them() {
    let mut s = cluster_sim(6, 3, vec![vec![1, 2, 3], vec![4, 5, 6]]);
    producer(&mut s, 50.0, |p| p.acks = Acks::All);
    run_for(&mut s, 1_000);
    reassign_tool::execute(&mut s, reassign_tool::SEED_REASSIGNMENT_JSON, Some(10_000_000), false).unwrap();
    run_for(&mut s, 20_000);
    assert!(s.cluster.ongoing().is_empty(), "the move is done");
    assert_eq!(s.cluster.brokers[&4].follower_throttle, Some(10_000_000), "the broker rate stays");
    assert!(
        !s.cluster.follower_throttled.is_empty() && !s.cluster.leader_throttled.is_empty(),
        "so do the replica lists"
    );
    let v = reassign_tool::verify(&mut s, reassign_tool::SEED_REASSIGNMENT_JSON, false).unwrap();
    assert!(v.output.contains("Clearing broker-level throttles"), "{}", v.output);
    assert!(s.cluster.follower_throttled.is_empty());
    assert!(s.cluster.brokers.values().all(|b| b.follower_throttle.is_none()));
}

// 7. ReplicationQuotaManager: a fresh throttle admits a burst of about 10 s × rate.
#[test]
fn a_fresh_throttle_admits_a_burst_and_a_long_copy_converges_to_the_rate() {
    // One replica moves from broker 1 to broker 2: the throttled bytes are the log's.
    let copy_ms = |run_ms: u64, rate: u64| {
        let mut s = cluster_sim(2, 1, vec![vec![1]]);
        producer(&mut s, 1_000.0, |p| p.acks = Acks::One);
        run_for(&mut s, run_ms);
        s.apply(Command::RemoveProducer { producer: 1 }).unwrap();
        run_for(&mut s, 1_000);
        let bytes = s.log(0).unwrap().bytes_total();
        s.apply(Command::AlterPartitionReassignments { targets: vec![(0, Some(vec![2]))] }).unwrap();
        s.apply(Command::SetReplicationThrottles {
            leader: vec![(0, 1)],
            follower: vec![(0, 2)],
            brokers: vec![1, 2],
            rate,
        })
        .unwrap();
        let mut t = 0;
        while s.cluster.partitions[0].reassignment.is_some() && t < 1_000_000 {
            run_for(&mut s, 100);
            t += 100;
        }
        (bytes, t)
    };
    // About 400 KB at 100 KB/s: within the first window's allowance, so it takes well under
    // the 4 s that bytes / rate would say.
    let (bytes, t) = copy_ms(3_000, 100_000);
    assert!(bytes > 250_000 && bytes < 1_000_000, "{bytes}");
    assert!(t <= 1_000, "a small move finishes in a burst: {t} ms for {bytes} B");
    // About 3 MB: after the first window's ten seconds' worth, the copy goes at the rate, so it
    // takes about bytes / rate - 10 s (and a longer copy converges to bytes / rate).
    let (bytes, t) = copy_ms(30_000, 100_000);
    let ideal = bytes * 1000 / 100_000;
    let t = t as u64;
    assert!(t >= (ideal - 10_000) * 9 / 10 && t <= ideal, "{t} ms for {bytes} B (bytes / rate = {ideal} ms)");
}

// 8. StickyAssignor.memberData: the eager sticky assignor reads the last assignment from userData.
#[test]
fn the_eager_sticky_assignor_keeps_the_survivors_partitions_when_a_member_leaves() {
    let mut s = sim(6);
    producer(&mut s, 20.0, |_| {});
    let ids: Vec<u32> = ["c1", "c2", "c3"]
        .iter()
        .map(|n| add_consumer(&mut s, consumer(n, |c| c.assignor = Strategy::Sticky)))
        .collect();
    run_for(&mut s, 6_000);
    let before: Vec<Vec<u32>> = ids.iter().map(|id| owned(&s, *id)).collect();
    assert!(before.iter().all(|p| p.len() == 2), "{before:?}");
    s.apply(Command::CloseConsumer { consumer: ids[0] }).unwrap();
    run_for(&mut s, 6_000);
    for (i, id) in ids.iter().enumerate().skip(1) {
        let now = owned(&s, *id);
        assert_eq!(now.len(), 3);
        assert!(before[i].iter().all(|p| now.contains(p)), "c{} kept {:?}, now {now:?}", i + 1, before[i]);
    }
}

/// Three brokers, replication factor 3, an acks=1 producer; after 1 s both followers crash, so
/// for the next 2 s (until `replica.lag.time.max.ms`) the high watermark stays while the leader
/// appends.
fn high_watermark_held_back(rate: f64) -> Sim {
    let mut s = cluster_sim(3, 3, vec![vec![1, 2, 3]]);
    producer(&mut s, rate, |p| p.acks = Acks::One);
    run_for(&mut s, 1_000);
    s.apply(Command::CrashBroker { broker: 2 }).unwrap();
    s.apply(Command::CrashBroker { broker: 3 }).unwrap();
    run_for(&mut s, 2_000);
    s
}

// 9. "Latest" is the high watermark (ListOffsets, READ_UNCOMMITTED).
#[test]
fn the_tools_latest_is_the_high_watermark_not_the_log_end_offset() {
    let s = high_watermark_held_back(200.0);
    let hw = s.cluster.high_watermark(0);
    let leo = s.log(0).unwrap().log_end_offset();
    assert!(hw + 100 < leo, "{hw} {leo}");
    let rows = s.plan_offsets_reset("g", ResetSpec::ToLatest).unwrap();
    assert_eq!(rows[0].new_offset, hw);
    let rows = s.plan_offsets_reset("g", ResetSpec::ToOffset(leo as i64)).unwrap();
    assert_eq!(rows[0].new_offset, hw);
    assert_eq!(
        rows[0].warning.as_deref(),
        Some(format!("New offset ({leo}) is higher than latest offset for topic partition test1-0. Value will be set to {hw}").as_str())
    );
}

// 10. --all-topics: the partitions the group has committed offsets for.
#[test]
fn reset_offsets_all_topics_resets_the_partitions_the_group_has_offsets_for() {
    let mut s = sim(3);
    producer(&mut s, 30.0, |_| {});
    run_for(&mut s, 2_000);
    s.apply(Command::AlterGroupOffsets { group: "g".into(), offsets: vec![(0, 5), (2, 7)] }).unwrap();
    let plan = s.plan_offsets_reset_scoped("g", ResetSpec::ToEarliest, &ResetScope::AllTopics).unwrap();
    assert_eq!(plan.iter().map(|r| r.partition).collect::<Vec<_>>(), vec![0, 2]);
    let mut c = Console::new();
    let o = c.exec(
        &mut s,
        &format!("kafka-consumer-groups.sh {BS} --group g --reset-offsets --all-topics --to-earliest --execute"),
    );
    assert!(!o.error, "{}", o.output);
    assert_eq!(o.output.lines().filter(|l| l.starts_with("g ")).count(), 2, "{}", o.output);
    assert_eq!(
        s.consumers.groups["g"].committed.iter().map(|(p, o)| (*p, *o)).collect::<Vec<_>>(),
        vec![(0, 0), (2, 0)]
    );
    let o = c.exec(
        &mut s,
        &format!("kafka-consumer-groups.sh {BS} --group g --reset-offsets --all-topics --topic orders --to-earliest"),
    );
    assert!(o.error && o.output.contains("all-topics"), "{}", o.output);
}

// 11. GroupMetadataManager.maybeDeleteGroup: an expired group is gone.
#[test]
fn a_group_whose_last_offset_expired_is_deleted_and_starts_again_at_generation_one() {
    let mut s = sim(1);
    s.consumers.offsets_retention_ms = 60_000;
    s.consumers.offsets_retention_check_ms = 5_000;
    producer(&mut s, 20.0, |_| {});
    let c = add_consumer(&mut s, consumer("a", |c| c.commit = CommitStrategy::SyncPerBatch));
    run_for(&mut s, 10_000);
    assert_eq!(s.consumers.groups["g"].generation, 1);
    s.apply(Command::CloseConsumer { consumer: c }).unwrap();
    run_for(&mut s, 70_000);
    assert!(!s.consumers.groups.contains_key("g"));
    let mut con = Console::new();
    let o = con.exec(&mut s, &format!("kafka-consumer-groups.sh {BS} --describe --group g"));
    assert!(o.error);
    assert_eq!(o.output.trim_end(), "Error: Consumer group 'g' does not exist.");
    let o = con.exec(&mut s, &format!("kafka-consumer-groups.sh {BS} --list"));
    assert!(!o.output.lines().any(|l| l == "g"), "{}", o.output);
    s.apply(Command::RestartConsumer { consumer: c }).unwrap();
    run_for(&mut s, 5_000);
    assert_eq!(s.consumers.groups["g"].generation, 1);
}

// 12. Memory bounds never delete data.
#[test]
fn the_segment_bound_coarsens_segments_and_never_moves_the_log_start_offset() {
    let limits = LogLimits { segments_max: 4, segment_bytes: 2_000, ..LogLimits::default() };
    let mut s = Sim::new(SimConfig { partitions: 1, log_limits: limits, ..SimConfig::default() }, 3).unwrap();
    producer(&mut s, 100.0, |_| {});
    let events = run_for(&mut s, 20_000);
    let log = s.log(0).unwrap();
    assert_eq!(log.log_start_offset(), 0, "nothing but retention deletes");
    assert!(!events.iter().any(|e| matches!(e, Event::SegmentsDeleted { .. })));
    assert!(log.segments().len() <= 4);
    assert!(log.segment_count() > 100, "the merged entries still count Kafka's segments: {}", log.segment_count());
}

// 13. The guarantee label tells the truth.
#[test]
fn a_group_handing_records_to_a_worker_is_neither_at_least_once_nor_at_most_once() {
    let mut s = sim(1);
    add_consumer(&mut s, consumer("a", |_| {}));
    assert_eq!(delivery_guarantee(&s.consumers, "g"), DeliveryGuarantee::AtLeastOnce);
    let mut spec = consumer("w", |c| c.pause_resume = Some((100, 10)));
    spec.group_id = "workers".into();
    add_consumer(&mut s, spec);
    assert_eq!(delivery_guarantee(&s.consumers, "workers"), DeliveryGuarantee::NoGuarantee);
    let mut spec = consumer("b", |c| c.commit = CommitStrategy::BeforeProcessing);
    spec.group_id = "early".into();
    add_consumer(&mut s, spec);
    assert_eq!(delivery_guarantee(&s.consumers, "early"), DeliveryGuarantee::AtMostOnce);
}

// 14a. GroupMetadataManager.tryCompleteInitialRebalanceElseSchedule
#[test]
fn the_initial_rebalance_delay_is_extended_while_members_keep_joining() {
    let mut s = sim(3);
    let mut events = Vec::new();
    add_consumer(&mut s, consumer("a", |_| {}));
    events.extend(run_for(&mut s, 2_000));
    add_consumer(&mut s, consumer("b", |_| {}));
    events.extend(run_for(&mut s, 2_000));
    add_consumer(&mut s, consumer("c", |_| {}));
    events.extend(run_for(&mut s, 10_000));
    let (t, first) = consumer_events(&events)
        .into_iter()
        .find_map(|(t, e)| match e {
            ConsumerEvent::RebalanceCompleted { generation, assignment, .. } => {
                Some((t, (*generation, assignment.len())))
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(first, (1, 3), "one first round with all three members");
    assert_eq!(t, 9_000, "3 s, extended by 3 s twice");
}

// 14b. A crashed member's session counts from its last heartbeat.
#[test]
fn a_crashed_members_session_counts_from_its_last_heartbeat() {
    let mut s = sim(2);
    let a = add_consumer(&mut s, consumer("a", |_| {}));
    add_consumer(&mut s, consumer("b", |_| {}));
    run_for(&mut s, 14_500);
    s.apply(Command::CrashConsumer { consumer: a }).unwrap();
    let events = run_for(&mut s, 15_000);
    let left = consumer_events(&events)
        .into_iter()
        .find_map(|(t, e)| matches!(e, ConsumerEvent::MemberLeft { consumer, .. } if *consumer == a).then_some(t))
        .unwrap();
    // Heartbeats every 3 s: the last one at 12 s; session.timeout.ms = 10 s.
    assert_eq!(left, 22_000);
}

// 14c. LocalLog.read: a position in (HW, LEO] gets an empty fetch.
#[test]
fn a_position_between_the_high_watermark_and_the_log_end_is_in_range() {
    let mut s = high_watermark_held_back(100.0);
    let (hw, leo) = (s.cluster.high_watermark(0), s.log(0).unwrap().log_end_offset());
    assert!(hw < leo);
    s.apply(Command::AlterGroupOffsets { group: "g".into(), offsets: vec![(0, leo)] }).unwrap();
    let c = add_consumer(&mut s, consumer("a", |c| c.auto_offset_reset = OffsetReset::Earliest));
    let events = run_for(&mut s, 4_000);
    assert!(
        !consumer_events(&events).iter().any(|(_, e)| matches!(e, ConsumerEvent::PositionReset { .. })),
        "no out-of-range reset"
    );
    assert_eq!(s.consumers.consumers[&c].assignment[&0].position, leo, "it waits there for the high watermark");
}

// 14e. Lag history: no committed offset, no lag.
#[test]
fn the_lag_history_counts_no_lag_without_a_committed_offset() {
    let mut s = sim(2);
    producer(&mut s, 50.0, |_| {});
    run_for(&mut s, 2_000);
    s.apply(Command::AlterGroupOffsets { group: "g".into(), offsets: vec![(0, 0)] }).unwrap();
    let sample = history::sample(&s);
    let lag0 = s.log(0).unwrap().log_end_offset();
    assert_eq!(sample.group_lag, vec![("g".to_string(), lag0)], "partition 1 has no offset: '-' in describe");
}

// 15. RecordAccumulator.ready/drain, Sender.sendProduceRequests: readiness per broker.
#[test]
fn a_ready_broker_takes_the_first_batch_of_every_partition_it_leads_in_one_request() {
    let mut s = sim(4);
    let mut spec = ProducerSpec::new("p", 40.0, KeyMode::Fixed { count: 16, prefix: "user-".into() });
    spec.linger_ms = 1_000;
    s.apply(Command::AddProducer { spec }).unwrap();
    let events = run_for(&mut s, 20_000);
    let requests: Vec<&Vec<_>> = events
        .iter()
        .filter_map(|e| if let Event::RequestSent { batches, .. } = e { Some(batches) } else { None })
        .collect();
    assert!((18..=22).contains(&requests.len()), "about one request a second: {}", requests.len());
    let full = requests.iter().filter(|b| b.len() == 4).count();
    assert!(full * 10 >= requests.len() * 9, "four batches each: {full} of {}", requests.len());
}

// 16. One batch per partition per request; max.in.flight.requests.per.connection per broker.
#[test]
fn the_in_flight_limit_counts_per_broker_and_a_request_holds_one_batch_per_partition() {
    let mut cluster = ClusterConfig::brokers(3, 1);
    cluster.replica_assignment = Some(vec![vec![1], vec![2], vec![3]]);
    let config = SimConfig { partitions: 3, cluster, network_latency_us: 100_000, ..SimConfig::default() };
    let mut s = Sim::new(config, 5).unwrap();
    let mut spec = ProducerSpec::new("p", 3_000.0, KeyMode::Fixed { count: 30, prefix: "k".into() });
    spec.max_in_flight = 1;
    spec.acks = Acks::One;
    s.apply(Command::AddProducer { spec }).unwrap();
    let mut most = 0;
    for _ in 0..300 {
        let events = run_for(&mut s, 10);
        for e in &events {
            if let Event::RequestSent { batches, .. } = e {
                let mut parts: Vec<u32> = batches.iter().map(|b| b.partition).collect();
                parts.dedup();
                assert_eq!(parts.len(), batches.len(), "one batch per partition");
            }
        }
        most = most.max(s.snapshot(Default::default()).producers[0].requests_in_flight);
    }
    assert_eq!(most, 3, "one request in flight to each of the three brokers");
}

// 17. BuiltInPartitioner.updatePartitionInfo with RecordAccumulator.partitionChanged.
#[test]
fn the_sticky_partitioner_switches_after_batch_size_bytes_at_a_batch_boundary() {
    let mut s = sim(3);
    let mut spec = ProducerSpec::new("p", 100.0, KeyMode::None);
    spec.linger_ms = 0;
    spec.batch_size = 1_000;
    s.apply(Command::AddProducer { spec }).unwrap();
    let events = run_for(&mut s, 10_000);
    let switches = events.iter().filter(|e| matches!(e, Event::StickyPartitionChanged { from: Some(_), .. })).count();
    let records = s.snapshot(Default::default()).producers[0].records_sent;
    // Each record with its one-record batch (header included) is about 167 bytes: a switch
    // every 6 records, at the first send() after batch.size bytes once the queue is drained,
    // not at the 2 x batch.size cap (every 12).
    let per_switch = records as f64 / switches as f64;
    assert!((5.5..=7.5).contains(&per_switch), "{records} records, {switches} switches");
}
