//! The seed's first part as stories: who commits which offset, when, where it is stored, and
//! what a crash costs.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::sim::config::{KeyMode, ProducerSpec, SimConfig};
use kafka_playground::sim::consumer::{CommitStrategy, ConsumerEvent, ConsumerSpec, ConsumerState, OffsetReset};
use kafka_playground::sim::group::java::offsets_partition_for;
use kafka_playground::sim::{Command, Event, Sim};

mod common;
use common::run_for;

fn sim(partitions: u32) -> Sim {
    Sim::new(SimConfig { partitions, ..SimConfig::default() }, 11).unwrap()
}

fn consumer_events(events: &[Event]) -> Vec<&ConsumerEvent> {
    events.iter().filter_map(|e| if let Event::Consumer { detail, .. } = e { Some(detail) } else { None }).collect()
}

fn producer(s: &mut Sim, rate: f64) {
    let mut spec = ProducerSpec::new("p", rate, KeyMode::None);
    spec.linger_ms = 0;
    s.apply(Command::AddProducer { spec }).unwrap();
}

fn consumer(s: &mut Sim, name: &str, commit: CommitStrategy) -> u32 {
    let mut spec = ConsumerSpec::new(name, "g");
    spec.commit = commit;
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.session_timeout_ms = 10_000;
    spec.processing_ms_min = 1;
    spec.processing_ms_max = 1;
    add_consumer(s, spec)
}

fn add_consumer(s: &mut Sim, spec: ConsumerSpec) -> u32 {
    let events = s.apply(Command::AddConsumer { spec }).unwrap();
    match &events[..] {
        [Event::Consumer { detail: ConsumerEvent::ConsumerAdded { consumer, .. }, .. }] => *consumer,
        other => panic!("{other:?}"),
    }
}

fn owner(s: &Sim, partition: u32) -> Option<u32> {
    s.consumers.consumers.values().find(|c| c.assignment.contains_key(&partition)).map(|c| c.id)
}

/// The consumer the group coordinator counts as the partition's owner.
fn group_owner(s: &Sim, partition: u32) -> Option<u32> {
    s.consumers.groups["g"].members.values().find(|m| m.assigned.contains(&partition)).map(|m| m.consumer)
}

#[test]
fn auto_commit_crash_makes_the_successor_process_the_uncommitted_records_again() {
    // One partition, 10 records/s; two consumers of group g with enable.auto.commit=true
    // (every 5000 ms): one works, the other stands by idle.
    let mut s = sim(1);
    producer(&mut s, 10.0);
    let c1 = consumer(&mut s, "c1", CommitStrategy::Auto);
    let c2 = consumer(&mut s, "c2", CommitStrategy::Auto);
    run_for(&mut s, 9_000);
    assert_eq!(owner(&s, 0), Some(c1));
    assert_eq!(s.consumers.consumers[&c2].state, ConsumerState::Idle, "the extra consumer sits idle");
    // Run until an auto-commit lands, then 2 s more: about 20 records processed, uncommitted.
    let mut committed_at = None;
    for _ in 0..200 {
        let events = run_for(&mut s, 50);
        if consumer_events(&events).iter().any(|e| matches!(e, ConsumerEvent::OffsetCommitted { .. })) {
            committed_at = Some(s.now_ms());
            break;
        }
    }
    assert!(committed_at.is_some(), "an auto-commit happened");
    run_for(&mut s, 2_000);
    let group = &s.consumers.groups["g"];
    let committed = group.committed[&0];
    let processed_upto = s.consumers.ledger.groups["g"].processed_upto[&0];
    let uncommitted = processed_upto - committed;
    assert!((19..=21).contains(&uncommitted), "processed since the last commit: {uncommitted}");
    assert_eq!(s.consumers.ledger.groups["g"].duplicates, 0);

    s.apply(Command::CrashConsumer { consumer: c1 }).unwrap();
    // The group notices session.timeout.ms (10 s here) after c1's last heartbeat (at most
    // heartbeat.interval.ms, 3 s, before the crash), then c2 takes over from the committed
    // offset and processes those records again.
    run_for(&mut s, 6_900);
    assert_eq!(group_owner(&s, 0), Some(c1), "not noticed yet: the group still counts c1 as the owner");
    assert_eq!(owner(&s, 0), None, "nobody is reading");
    run_for(&mut s, 8_000);
    assert_eq!(owner(&s, 0), Some(c2));
    let ledger = &s.consumers.ledger.groups["g"];
    assert_eq!(ledger.duplicates, uncommitted, "exactly the uncommitted records were processed twice");
    assert_eq!(ledger.lost, 0);
}

#[test]
fn commit_before_processing_loses_the_rest_of_the_batch_on_a_crash() {
    let mut s = sim(1);
    producer(&mut s, 200.0);
    run_for(&mut s, 1_000);
    let p = s.producer_ids().next().unwrap();
    s.apply(Command::RemoveProducer { producer: p }).unwrap();
    run_for(&mut s, 100);
    let mut spec = ConsumerSpec::new("c1", "g");
    spec.commit = CommitStrategy::BeforeProcessing;
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.session_timeout_ms = 6_000;
    spec.max_poll_records = 10;
    spec.processing_ms_min = 100;
    spec.processing_ms_max = 100;
    let c1 = add_consumer(&mut s, spec.clone());
    spec.client_id = "c2".into();
    let c2 = add_consumer(&mut s, spec);
    // The first rebalance after 6 s (group.initial.rebalance.delay.ms, extended once because
    // c2 joined during the delay), then batches of 10 at 100 ms a record: crash 3 records into
    // a batch.
    run_for(&mut s, 6_000 + 1_000 + 350);
    assert_eq!(owner(&s, 0), Some(c1));
    let c = &s.consumers.consumers[&c1];
    let in_hand = c.records_in_hand();
    assert!(in_hand > 0 && in_hand < 10, "mid-batch: {in_hand} left");
    s.apply(Command::CrashConsumer { consumer: c1 }).unwrap();
    run_for(&mut s, 30_000);
    assert_eq!(owner(&s, 0), Some(c2));
    let ledger = &s.consumers.ledger.groups["g"];
    assert_eq!(ledger.lost, in_hand, "the committed offset was past the unprocessed records");
    assert_eq!(ledger.duplicates, 0, "at-most-once: nothing twice");
    assert_eq!(ledger.processed_upto[&0], s.log(0).unwrap().log_end_offset(), "the successor read the rest");
}

#[test]
fn commit_sync_per_record_repeats_at_most_one_record_per_crash() {
    // The group forms 6 s in (the initial delay, extended once for c2).
    for crash_ms in [7_010, 7_035, 7_052, 7_099, 7_100, 7_101] {
        let mut s = sim(1);
        producer(&mut s, 100.0);
        let c1 = consumer(&mut s, "c1", CommitStrategy::SyncPerRecord);
        let c2 = consumer(&mut s, "c2", CommitStrategy::SyncPerRecord);
        run_for(&mut s, crash_ms);
        assert_eq!(owner(&s, 0), Some(c1));
        s.apply(Command::CrashConsumer { consumer: c1 }).unwrap();
        run_for(&mut s, 20_000);
        assert_eq!(owner(&s, 0), Some(c2));
        let ledger = &s.consumers.ledger.groups["g"];
        assert!(ledger.duplicates <= 1, "crash at {crash_ms}: {} duplicates", ledger.duplicates);
        assert_eq!(ledger.lost, 0);
    }
}

#[test]
fn commits_land_in_the_groups_consumer_offsets_partition_and_compact_to_the_latest() {
    let mut s = sim(2);
    producer(&mut s, 50.0);
    consumer(&mut s, "c1", CommitStrategy::SyncPerBatch);
    let events = run_for(&mut s, 10_000);
    let want = offsets_partition_for("g", 50);
    let committed: Vec<_> = consumer_events(&events)
        .into_iter()
        .filter_map(|e| match e {
            ConsumerEvent::OffsetCommitted { offsets_partition, .. } => Some(*offsets_partition),
            _ => None,
        })
        .collect();
    assert!(committed.len() > 5);
    assert!(committed.iter().all(|&p| p == want));
    let log = &s.consumers.offsets.logs[&want];
    assert!(log.log_end_offset as usize >= committed.len());
    // The compacted view keeps one record per (group, topic, partition): the latest.
    assert_eq!(log.compacted.len(), 2);
    for ((group, _, partition), record) in &log.compacted {
        assert_eq!(group, "g");
        assert_eq!(record.offset, Some(s.consumers.groups["g"].committed[partition]));
    }
}

#[test]
fn a_static_member_restarted_within_the_session_timeout_keeps_its_partitions_without_a_rebalance() {
    let mut s = sim(4);
    producer(&mut s, 20.0);
    let mut a = ConsumerSpec::new("a", "g");
    a.group_instance_id = Some("instance-a".into());
    a.session_timeout_ms = 10_000;
    let mut b = ConsumerSpec::new("b", "g");
    b.group_instance_id = Some("instance-b".into());
    b.session_timeout_ms = 10_000;
    let ca = add_consumer(&mut s, a);
    add_consumer(&mut s, b);
    run_for(&mut s, 8_000);
    let before: Vec<u32> = s.consumers.consumers[&ca].assignment.keys().copied().collect();
    assert_eq!(before.len(), 2);
    let rebalances = s.consumers.groups["g"].rebalances;
    s.apply(Command::CrashConsumer { consumer: ca }).unwrap();
    run_for(&mut s, 4_000);
    s.apply(Command::RestartConsumer { consumer: ca }).unwrap();
    run_for(&mut s, 2_000);
    let after: Vec<u32> = s.consumers.consumers[&ca].assignment.keys().copied().collect();
    assert_eq!(after, before);
    assert_eq!(s.consumers.groups["g"].rebalances, rebalances, "no rebalance");
}

#[test]
fn exceeding_max_poll_interval_costs_the_member_its_partitions_and_its_commit() {
    let mut s = sim(1);
    producer(&mut s, 100.0);
    let mut slow = ConsumerSpec::new("a-slow", "g");
    slow.commit = CommitStrategy::SyncPerBatch;
    slow.auto_offset_reset = OffsetReset::Earliest;
    slow.max_poll_interval_ms = 2_000;
    slow.max_poll_records = 50;
    slow.processing_ms_min = 100;
    slow.processing_ms_max = 100;
    let c1 = add_consumer(&mut s, slow.clone());
    let mut quick = slow;
    quick.client_id = "b-quick".into();
    quick.processing_ms_min = 1;
    quick.processing_ms_max = 1;
    let c2 = add_consumer(&mut s, quick);
    let events = run_for(&mut s, 20_000);
    let ev = consumer_events(&events);
    assert!(ev.iter().any(|e| matches!(e, ConsumerEvent::MemberLeft { consumer, reason, .. } if *consumer == c1 && reason.contains("max.poll.interval.ms"))));
    assert!(ev.iter().any(|e| matches!(e, ConsumerEvent::CommitFailed { consumer, error } if *consumer == c1 && error.starts_with("CommitFailedException"))));
    assert!(s.consumers.ledger.groups["g"].duplicates > 0, "the new owner re-processed the uncommitted batch");
    let _ = c2;
}

struct FixedView {
    start: u64,
    hw: u64,
    partitions: u32,
}

impl kafka_playground::sim::consumer::PartitionView for FixedView {
    fn offsets(&self, _: u32) -> (u64, u64) {
        (self.start, self.hw)
    }
    fn partitions(&self) -> u32 {
        self.partitions
    }
}

#[test]
fn describe_matches_kafka_consumer_groups_vectors() {
    use kafka_playground::sim::consumer::{describe_group, format_describe, ConsumerWorld, Group, GroupState};
    let v: serde_json::Value = serde_json::from_str(include_str!("data/kafka-vectors.json")).unwrap();
    let set = &v["consumer_groups_command.derived"];
    let state = &set["partition_state"];
    let view = FixedView {
        start: state["logStartOffset"].as_u64().unwrap(),
        hw: state["highWatermark"].as_u64().unwrap(),
        partitions: 2,
    };
    let mut world = ConsumerWorld::new(50, 1000);
    world.groups.insert(
        "g".into(),
        Group {
            group_id: "g".into(),
            state: GroupState::Empty,
            generation: 3,
            members: Default::default(),
            leader: None,
            rebalance_deadline_us: None,
            committed: [(0, state["committed"].as_u64().unwrap())].into(),
            offsets_partition: 0,
            pending_second_round: false,
            rebalances: 3,
            empty_since_us: None,
        },
    );
    let rows = describe_group(&world, "g", "t", &view).unwrap();
    assert_eq!(rows.len(), 1);
    let d = &set["describe"];
    assert_eq!(rows[0].current_offset, d["CURRENT-OFFSET"].as_u64());
    assert_eq!(rows[0].log_end_offset, d["LOG-END-OFFSET"].as_u64().unwrap(), "LOG-END-OFFSET is the high watermark");
    assert_eq!(rows[0].lag, d["LAG"].as_u64());
    let text = format_describe("g", Some(GroupState::Empty), &rows);
    assert!(text.starts_with("Consumer group 'g' has no active members."));
    assert!(text.contains("GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG"));
    let line = text.lines().last().unwrap();
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cols, vec!["g", "t", "0", "180", "250", "70", "-", "-", "-"]);
    // No committed offset: CURRENT-OFFSET and LAG print '-'.
    let nd = &set["describe_no_commit"];
    assert_eq!(nd["CURRENT-OFFSET"], "-");
    let row = kafka_playground::sim::consumer::DescribeRow { current_offset: None, lag: None, ..rows[0].clone() };
    let text = format_describe("g", Some(GroupState::Stable), &[row]);
    let cols: Vec<String> = text.lines().last().unwrap().split_whitespace().map(String::from).collect();
    assert_eq!(cols[3], "-");
    assert_eq!(cols[4], nd["LOG-END-OFFSET"].as_u64().unwrap().to_string());
    assert_eq!(cols[5], "-");
}

#[test]
fn auto_commit_follows_the_classic_consumer_timeline() {
    // auto_commit_timeline.derived: auto-commit runs inside poll() once auto.commit.interval.ms
    // has passed since the assignment (or the last auto-commit), and commits the positions of
    // the records returned by EARLIER polls; close() commits synchronously.
    let v: serde_json::Value = serde_json::from_str(include_str!("data/kafka-vectors.json")).unwrap();
    let set = &v["auto_commit_timeline.derived"];
    assert_eq!(set["config"]["auto.commit.interval.ms"], 5000);
    assert_eq!(set["events"][2]["auto_commit"]["p"], 1000);

    // Plenty of data; batches of 500 records at 6 ms each: polls every 3000 ms.
    let mut s = sim(1);
    producer(&mut s, 2_000.0);
    run_for(&mut s, 3_000);
    let mut spec = ConsumerSpec::new("c", "g");
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.processing_ms_min = 6;
    spec.processing_ms_max = 6;
    let c = add_consumer(&mut s, spec);
    // The group forms after group.initial.rebalance.delay.ms (3000): assignment at t0.
    let mut events = run_for(&mut s, 3_001);
    let t0 = s.now_ms() - 1;
    events.extend(run_for(&mut s, 12_500));
    let mut polls = Vec::new();
    let mut commits = Vec::new();
    for e in &events {
        if let Event::Consumer { time_ms, detail } = e {
            match detail {
                ConsumerEvent::Polled { consumer, partitions, .. } if *consumer == c => {
                    polls.push((*time_ms - t0, partitions[0].2))
                }
                ConsumerEvent::CommitSent { offsets, auto: true, .. } => commits.push((*time_ms - t0, offsets[0].1)),
                _ => {}
            }
        }
    }
    assert_eq!(polls[..4], [(0, 500), (3_000, 1_000), (6_000, 1_500), (9_000, 2_000)], "{polls:?}");
    // First poll at or after 5000 ms commits the position before its own records: 1000.
    // The next deadline is 6000 + 5000: the poll at 12000 commits 2000.
    assert_eq!(commits[..2], [(6_000, 1_000), (12_000, 2_000)], "{commits:?}");
    // close(): finishes the batch in hand, then commits synchronously.
    s.apply(Command::CloseConsumer { consumer: c }).unwrap();
    let events = run_for(&mut s, 4_000);
    let ev = consumer_events(&events);
    assert!(ev.iter().any(|e| matches!(e, ConsumerEvent::CommitSent { sync: true, auto: true, .. })));
    assert!(ev.iter().any(|e| matches!(e, ConsumerEvent::ConsumerClosed { .. })));
    assert_eq!(s.consumers.groups["g"].committed[&0], 2_500);
}

#[test]
fn a_new_group_on_a_busy_topic_starts_where_auto_offset_reset_says() {
    // 1 partition with 100 records already; three new groups join.
    let mut s = sim(1);
    producer(&mut s, 100.0);
    run_for(&mut s, 1_000);
    let add = |s: &mut Sim, group: &str, reset: OffsetReset| {
        let mut spec = ConsumerSpec::new(format!("{group}-c"), group);
        spec.auto_offset_reset = reset;
        add_consumer(s, spec)
    };
    let latest = add(&mut s, "late", OffsetReset::Latest);
    let earliest = add(&mut s, "early", OffsetReset::Earliest);
    let none = add(&mut s, "strict", OffsetReset::None);
    let leo_before = s.log(0).unwrap().log_end_offset();
    let events = run_for(&mut s, 3_001);
    let resets: Vec<(u32, u64)> = consumer_events(&events)
        .into_iter()
        .filter_map(|e| match e {
            ConsumerEvent::PositionReset { consumer, offset, .. } => Some((*consumer, *offset)),
            _ => None,
        })
        .collect();
    let at = |c| resets.iter().find(|(id, _)| *id == c).map(|(_, o)| *o);
    assert!(at(latest).unwrap() >= leo_before, "latest starts at the high watermark");
    assert_eq!(at(earliest), Some(0), "earliest starts at the log start offset");
    let failed = &s.consumers.consumers[&none];
    assert_eq!(failed.state, ConsumerState::Failed);
    assert!(failed.last_error.as_deref().unwrap().starts_with("NoOffsetForPartitionException"));
}

fn retained_sim(retention_ms: u64) -> Sim {
    let mut config = SimConfig { partitions: 1, ..SimConfig::default() };
    config.log_limits.segment_bytes = 2_000;
    config.retention_ms = Some(retention_ms);
    config.retention_check_interval_ms = 1_000;
    Sim::new(config, 3).unwrap()
}

#[test]
fn retention_moves_the_log_start_and_a_slow_consumer_is_reset_out_of_range() {
    let mut s = retained_sim(5_000);
    producer(&mut s, 100.0);
    let mut spec = ConsumerSpec::new("slow", "g");
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.processing_ms_min = 200;
    spec.processing_ms_max = 200;
    spec.max_poll_records = 5;
    add_consumer(&mut s, spec);
    let events = run_for(&mut s, 30_000);
    let log = s.log(0).unwrap();
    assert!(log.log_start_offset() > 0, "retention deleted segments");
    assert!(events.iter().any(|e| matches!(e, Event::SegmentsDeleted { .. })));
    let resets: Vec<&String> = consumer_events(&events)
        .into_iter()
        .filter_map(|e| match e {
            ConsumerEvent::PositionReset { reason, .. } if reason.contains("out of range") => Some(reason),
            _ => None,
        })
        .collect();
    assert!(!resets.is_empty(), "the consumer fell behind the log start offset and was reset");
    assert!(s.consumers.ledger.groups["g"].lost > 0, "records deleted before processing were never processed");
    // The log keeps only what retention allows, whatever the run length: memory stays bounded.
    assert!(log.segments().len() < 40);
    assert!(log.segments().all(|seg| seg.base_offset >= log.log_start_offset()));
}

#[test]
fn a_consumer_down_longer_than_retention_finds_its_commit_out_of_range() {
    for (reset, fails) in [
        (OffsetReset::Earliest, false),
        (OffsetReset::Latest, false),
        (OffsetReset::ByDuration { ms: 3_600_000 }, false),
        (OffsetReset::None, true),
    ] {
        let mut s = retained_sim(5_000);
        producer(&mut s, 100.0);
        let mut spec = ConsumerSpec::new("c", "g");
        spec.auto_offset_reset = OffsetReset::Earliest;
        spec.session_timeout_ms = 6_000;
        spec.processing_ms_min = 1;
        spec.processing_ms_max = 1;
        let c = add_consumer(&mut s, spec);
        run_for(&mut s, 10_000);
        let committed = s.consumers.groups["g"].committed[&0];
        s.apply(Command::CrashConsumer { consumer: c }).unwrap();
        run_for(&mut s, 30_000);
        assert!(s.log(0).unwrap().log_start_offset() > committed, "the commit now points below the log");
        // Restart with the policy under test.
        s.consumers.consumers.get_mut(&c).unwrap().spec.auto_offset_reset = reset;
        s.apply(Command::RestartConsumer { consumer: c }).unwrap();
        run_for(&mut s, 5_000);
        let consumer = &s.consumers.consumers[&c];
        if fails {
            assert_eq!(consumer.state, ConsumerState::Failed);
            assert!(consumer.last_error.as_deref().unwrap().starts_with("OffsetOutOfRangeException"));
        } else {
            assert_ne!(consumer.state, ConsumerState::Failed);
            assert!(s.consumers.ledger.groups["g"].lost > 0);
        }
    }
}

#[test]
fn offsets_of_a_group_empty_longer_than_offsets_retention_minutes_expire() {
    let mut s = sim(1);
    s.consumers.offsets_retention_ms = 60_000; // offsets.retention.minutes = 1
    s.consumers.offsets_retention_check_ms = 5_000;
    producer(&mut s, 20.0);
    let c = consumer(&mut s, "c1", CommitStrategy::SyncPerBatch);
    run_for(&mut s, 10_000);
    assert!(!s.consumers.groups["g"].committed.is_empty());
    s.apply(Command::CloseConsumer { consumer: c }).unwrap();
    run_for(&mut s, 30_000);
    assert_eq!(s.consumers.groups["g"].state, kafka_playground::sim::consumer::GroupState::Empty);
    assert!(!s.consumers.groups["g"].committed.is_empty(), "not yet: empty for 30 s");
    let events = run_for(&mut s, 40_000);
    assert!(consumer_events(&events)
        .iter()
        .any(|e| matches!(e, ConsumerEvent::OffsetsExpired { group, .. } if group == "g")));
    // The group's last offset expired: the group itself is deleted.
    assert!(!s.consumers.groups.contains_key("g"));
    // Tombstones: the compacted view no longer holds the group's offsets.
    let log = &s.consumers.offsets.logs[&offsets_partition_for("g", 50)];
    assert!(log.compacted.keys().all(|(group, _, _)| group != "g"));
    assert!(log.recent.iter().any(|r| r.group == "g" && r.offset.is_none()));
    // When the group comes back, auto.offset.reset applies (earliest here: from the start again).
    s.apply(Command::RestartConsumer { consumer: c }).unwrap();
    let events = run_for(&mut s, 5_000);
    let ev = consumer_events(&events);
    assert!(
        ev.iter().any(|e| matches!(e, ConsumerEvent::PositionReset { offset: 0, reason, .. } if reason.contains("no committed offset"))),
        "{ev:?}"
    );
}

#[test]
fn by_duration_starts_at_the_first_record_that_recent() {
    // Kafka 4.0 (KIP-1106): auto.offset.reset=by_duration:PT5S starts at the first offset whose
    // timestamp is at or after now - 5 s.
    let mut s = sim(1);
    producer(&mut s, 20.0);
    run_for(&mut s, 20_000);
    let mut spec = ConsumerSpec::new("c", "g");
    spec.auto_offset_reset = OffsetReset::parse("by_duration:PT5S").unwrap();
    add_consumer(&mut s, spec);
    let events = run_for(&mut s, 3_001); // the group forms at t = 23 s
    let reset = consumer_events(&events)
        .into_iter()
        .find_map(|e| match e {
            ConsumerEvent::PositionReset { offset, .. } => Some(*offset),
            _ => None,
        })
        .expect("a reset");
    // Records every 50 ms from t = 0: the first at or after t = 18 s is offset 360.
    assert_eq!(reset, 360);
    assert!(OffsetReset::parse("by_duration:5s").unwrap_err().contains("by_duration:<PnDTnHnMn.nS.>"));
    assert!(OffsetReset::parse("by_duration:-PT5S").unwrap_err().contains("Negative duration"));
}

#[test]
fn a_committed_offset_above_the_log_end_is_out_of_range_for_every_policy() {
    // The broker stores whatever offset a client or the admin tool commits; a consumer that
    // starts from one above the log end offset gets OFFSET_OUT_OF_RANGE and auto.offset.reset.
    for (policy, expect) in
        [("earliest", Some(0u64)), ("latest", Some(u64::MAX)), ("by_duration:PT1H", Some(0)), ("none", None)]
    {
        let mut s = sim(1);
        producer(&mut s, 20.0);
        run_for(&mut s, 5_000);
        s.apply(Command::AlterGroupOffsets { group: "g".into(), offsets: vec![(0, 10_000)] }).unwrap();
        let mut spec = ConsumerSpec::new("c", "g");
        spec.auto_offset_reset = OffsetReset::parse(policy).unwrap();
        let c = add_consumer(&mut s, spec);
        let events = run_for(&mut s, 3_100);
        let hw_then = s.log(0).unwrap().log_end_offset();
        let reset = consumer_events(&events).into_iter().find_map(|e| match e {
            ConsumerEvent::PositionReset { from, offset, cause, .. } => Some((*from, *offset, *cause)),
            _ => None,
        });
        match expect {
            None => {
                assert_eq!(reset, None, "{policy}");
                let consumer = &s.consumers.consumers[&c];
                assert_eq!(consumer.state, ConsumerState::Failed);
                assert!(
                    consumer.last_error.as_deref().unwrap().starts_with("OffsetOutOfRangeException"),
                    "{:?}",
                    consumer.last_error
                );
            }
            Some(want) => {
                let (from, offset, cause) = reset.unwrap_or_else(|| panic!("{policy}: no reset"));
                assert_eq!(from, Some(10_000), "{policy}");
                assert_eq!(cause, kafka_playground::sim::consumer::ResetCause::CommittedOutOfRange, "{policy}");
                if want == u64::MAX {
                    assert!(offset > 50 && offset <= hw_then, "{policy}: latest = the high watermark then, {offset}");
                } else {
                    assert_eq!(offset, want, "{policy}");
                }
            }
        }
    }
}

#[test]
fn the_admin_tool_refuses_an_active_group_and_changes_nothing() {
    let mut s = sim(2);
    producer(&mut s, 20.0);
    consumer(&mut s, "c1", CommitStrategy::SyncPerBatch);
    run_for(&mut s, 8_000);
    let before = s.consumers.groups["g"].committed.clone();
    let err = s.apply(Command::AlterGroupOffsets { group: "g".into(), offsets: vec![(0, 0)] }).unwrap_err();
    assert!(err.to_string().contains("inactive, but the current state is Stable"), "{err}");
    let plan = s.plan_offsets_reset("g", kafka_playground::sim::offsets_tool::ResetSpec::ToEarliest);
    assert!(plan.unwrap_err().contains("inactive"));
    let err = s.apply(Command::AlterGroupOffsets { group: "other".into(), offsets: vec![(7, 0)] }).unwrap_err();
    assert!(err.to_string().contains("orders-7 does not exist"), "{err}");
    assert_eq!(s.consumers.groups["g"].committed, before);
    assert!(!s.consumers.groups.contains_key("other"));
}
