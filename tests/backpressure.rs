//! Backpressure stories: producers faster than the brokers or the consumers, and what bounds
//! memory on each side.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::sim::cluster::ClusterConfig;
use kafka_playground::sim::config::{KeyMode, ProducerSpec, SimConfig};
use kafka_playground::sim::{Command, Event, Sim, SnapshotOptions};

#[test]
fn a_broker_slower_than_the_producer_fills_buffer_memory_and_send_blocks() {
    let cluster = ClusterConfig { produce_bytes_per_s: Some(50_000), ..ClusterConfig::default() };
    let mut s = Sim::new(SimConfig { partitions: 1, cluster, ..SimConfig::default() }, 1).unwrap();
    let mut spec = ProducerSpec::new("fast", 2_000.0, KeyMode::None);
    spec.value_bytes = 200;
    spec.buffer_memory = 256 * 1024;
    spec.max_block_ms = 2_000;
    s.apply(Command::AddProducer { spec }).unwrap();
    let events = run_for(&mut s, 20_000);
    let snap = s.snapshot(SnapshotOptions { recent_records: 0, key_counts: false });
    let p = &snap.producers[0];
    // The log grew no faster than the broker's limit (50 KB/s ≈ 220 records/s of ~228 bytes).
    let leo = s.log(0).unwrap().log_end_offset();
    assert!(leo <= 20 * 50_000 / 200, "appended {leo}");
    assert!(leo > 20 * 50_000 / 300, "the broker worked at its limit: {leo}");
    assert!(events.iter().any(|e| matches!(e, Event::SendBlocked { .. })));
    // Memory frees as the broker appends, so send() waits but never for max.block.ms: the
    // application is slowed to the broker's pace (backpressure), nothing fails.
    assert_eq!(p.sends_failed, 0);
    assert!(p.blocked_ms > 10_000, "send() spent most of the time blocked: {} ms", p.blocked_ms);
    assert!(p.buffered_bytes <= 256 * 1024, "memory stays within buffer.memory");
}

#[test]
fn with_no_leader_nothing_frees_memory_and_the_record_fails_after_max_block_ms() {
    let cluster = ClusterConfig::brokers(1, 1);
    let mut s = Sim::new(SimConfig { partitions: 1, cluster, ..SimConfig::default() }, 1).unwrap();
    let mut spec = ProducerSpec::new("p", 2_000.0, KeyMode::None);
    spec.value_bytes = 200;
    spec.buffer_memory = 64 * 1024;
    spec.max_block_ms = 2_000;
    s.apply(Command::AddProducer { spec }).unwrap();
    run_for(&mut s, 1_000);
    s.apply(Command::StopBroker { broker: 1 }).unwrap();
    let events = run_for(&mut s, 20_000);
    // KafkaProducer.doSend: send() returns after max.block.ms and the record fails through
    // its future and callback; the event log says so in both languages.
    let blocked_at = events.iter().find_map(|e| matches!(e, Event::SendBlocked { .. }).then(|| e.time_ms())).unwrap();
    let first = events.iter().find(|e| matches!(e, Event::SendFailed { .. })).unwrap();
    assert_eq!(first.time_ms(), blocked_at + 2_000, "send() returns after max.block.ms");
    let line = kafka_playground::i18n::event_line(kafka_playground::i18n::Lang::En, first, &|_| "p".into());
    assert!(line.contains("future and callback"), "{line}");
    let ko = kafka_playground::i18n::event_line(kafka_playground::i18n::Lang::Ko, first, &|_| "p".into());
    assert!(ko.contains("콜백"), "{ko}");
    let failed: Vec<&String> = events
        .iter()
        .filter_map(|e| if let Event::SendFailed { error, .. } = e { Some(error) } else { None })
        .collect();
    assert!(failed[0].starts_with("BufferExhaustedException: Failed to allocate"), "{}", failed[0]);
    assert!(
        failed[0].contains("within the configured max blocking time 2000 ms. Total memory: 65536 bytes."),
        "{}",
        failed[0]
    );
    // One blocked send() at a time: one failure per max.block.ms once full.
    assert!((9..=10).contains(&failed.len()), "{}", failed.len());
    let snap = s.snapshot(SnapshotOptions { recent_records: 0, key_counts: false });
    assert_eq!(snap.producers[0].sends_failed as usize, failed.len());
    assert!(snap.producers[0].buffered_bytes <= 64 * 1024);
}

use kafka_playground::sim::consumer::{describe_group, ConsumerSpec, OffsetReset};

mod common;
use common::run_for;

fn group_lag(s: &Sim) -> u64 {
    let view = s.logs_view();
    describe_group(&s.consumers, "g", &s.config().topic, &view)
        .unwrap_or_default()
        .iter()
        .map(|r| r.log_end_offset - r.current_offset.unwrap_or(0))
        .sum()
}

fn slow_consumer(s: &mut Sim, name: &str) {
    let mut spec = ConsumerSpec::new(name, "g");
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.session_timeout_ms = 10_000;
    spec.processing_ms_min = 20; // 50 records/s each
    spec.processing_ms_max = 20;
    spec.max_poll_records = 100;
    s.apply(Command::AddConsumer { spec }).unwrap();
}

#[test]
fn lag_grows_linearly_while_producers_outpace_consumers_and_falls_after_scaling_out() {
    let mut s = Sim::new(SimConfig { partitions: 4, ..SimConfig::default() }, 5).unwrap();
    s.apply(Command::AddProducer { spec: ProducerSpec::new("p", 150.0, KeyMode::None) }).unwrap();
    slow_consumer(&mut s, "c1");
    run_for(&mut s, 10_000);
    let mut samples = Vec::new();
    for _ in 0..4 {
        run_for(&mut s, 10_000);
        samples.push(group_lag(&s));
    }
    // 150 in, 50 out per second: about 100 more records of lag every second.
    for w in samples.windows(2) {
        let growth = w[1] as f64 - w[0] as f64;
        assert!((700.0..1300.0).contains(&growth), "lag grew by {growth} in 10 s: {samples:?}");
    }
    // Scale out to four consumers (one per partition): 200 out per second, more than 150 in.
    for n in 2..=4 {
        slow_consumer(&mut s, &format!("c{n}"));
    }
    run_for(&mut s, 15_000);
    let after_rebalance = group_lag(&s);
    run_for(&mut s, 30_000);
    let later = group_lag(&s);
    assert!(later + 500 < after_rebalance, "lag falls: {after_rebalance} → {later}");
    // A fifth consumer has no partition left: it sits idle.
    slow_consumer(&mut s, "c5");
    run_for(&mut s, 10_000);
    let idle = s.consumers.consumers.values().filter(|c| c.assignment.is_empty()).count();
    assert_eq!(idle, 1);
}

#[test]
fn a_pull_consumer_holds_no_more_than_its_fetch_limits_however_large_the_backlog() {
    let mut s = Sim::new(SimConfig { partitions: 2, ..SimConfig::default() }, 5).unwrap();
    let mut p = ProducerSpec::new("p", 2_000.0, KeyMode::None);
    p.value_bytes = 1_000;
    s.apply(Command::AddProducer { spec: p }).unwrap();
    let mut spec = ConsumerSpec::new("c", "g");
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.max_partition_fetch_bytes = 50_000;
    spec.processing_ms_min = 5;
    spec.processing_ms_max = 5;
    s.apply(Command::AddConsumer { spec }).unwrap();
    let mut peak = 0;
    let mut peak_in_hand = 0;
    for _ in 0..300 {
        run_for(&mut s, 100);
        let c = s.consumers.consumers.values().next().unwrap();
        peak = peak.max(c.batch_bytes);
        peak_in_hand = peak_in_hand.max(c.records_in_hand());
    }
    assert!(group_lag(&s) > 10_000, "a large backlog waits in the broker's log");
    // Two partitions × max.partition.fetch.bytes, about 50 records of ~1 KB each.
    assert!(peak <= 2 * 50_000, "peak batch {peak} bytes");
    assert!(peak_in_hand <= 2 * 50_000 / 1_000, "{peak_in_hand} records in hand");
    assert!(peak > 0);
}

#[test]
fn fetch_min_bytes_makes_a_fetch_wait_for_data_up_to_fetch_max_wait_ms() {
    let mut s = Sim::new(SimConfig { partitions: 1, ..SimConfig::default() }, 5).unwrap();
    let mut p = ProducerSpec::new("p", 10.0, KeyMode::None);
    p.value_bytes = 100;
    s.apply(Command::AddProducer { spec: p }).unwrap();
    let mut spec = ConsumerSpec::new("c", "g");
    spec.auto_offset_reset = OffsetReset::Earliest;
    spec.fetch_min_bytes = 100_000; // never reached at 10 records/s
    spec.fetch_max_wait_ms = 2_000;
    let _ = s.apply(Command::AddConsumer { spec });
    let events = run_for(&mut s, 20_000);
    let polls: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            Event::Consumer { time_ms, detail: kafka_playground::sim::consumer::ConsumerEvent::Polled { .. } } => {
                Some(*time_ms)
            }
            _ => None,
        })
        .collect();
    assert!(polls.len() >= 5, "{polls:?}");
    for w in polls.windows(2) {
        assert!(w[1] - w[0] >= 2_000, "each fetch waited fetch.max.wait.ms: {polls:?}");
    }
}

#[test]
fn the_same_load_pushed_overflows_while_pulled_it_waits_as_lag() {
    let text = r#"{
      "version": 1, "until.ms": 30000,
      "topic": { "name": "orders", "partitions": 2 },
      "producers": [ { "client.id": "p", "rate": { "records.per.sec": 200 }, "value.bytes": 500 } ],
      "consumers": [ { "client.id": "c", "group.id": "g", "auto.offset.reset": "earliest",
                       "processing.ms": { "min": 10, "max": 10 } } ],
      "push": { "buffer.records": 500, "overflow": "drop", "processing.ms": 10 }
    }"#;
    let scenario = kafka_playground::scenario::parse(text).unwrap();
    let (mut run, _) = kafka_playground::scenario::Run::start(&scenario, None).unwrap();
    run.run_until(30_000, &mut |_| {});
    let push = run.sim.push.clone().unwrap();
    let report = kafka_playground::report::Report::from_run(&run, 30_000);
    let lag: u64 = report.groups[0].describe.iter().map(|r| r.lag.unwrap_or(r.log_end_offset)).sum();
    // 200 records/s in, 100/s out on either side.
    assert!(push.dropped > 2_000, "push drops what its buffer cannot hold: {}", push.dropped);
    assert!(push.peak_buffered == 500);
    assert_eq!(report.groups[0].lost, 0, "pull loses nothing");
    assert!(lag > 2_000, "pull keeps the backlog in the log as lag: {lag}");
    assert!(report.history.peak_lag >= lag.min(report.history.peak_lag), "peak tracked");
    assert!(report.history.samples.len() > 100);
    let lags: Vec<u64> = report.history.samples.iter().map(|s| s.group_lag.iter().map(|g| g.1).sum()).collect();
    assert!(lags.windows(20).all(|w| w[19] >= w[0]), "lag only grows while consumers are slower");
    let text = report.to_text();
    assert!(text.contains("Push comparison (buffer 500 records, overflow Drop)"), "{text}");
    assert!(text.contains("Lag over time (every 150 ms;"), "{text}");
    // Crash on overflow: everything after is lost.
    let crash = text_with_crash();
    assert!(crash.crashed_at_ms.is_some());
}

fn text_with_crash() -> kafka_playground::sim::push::PushModel {
    let text = r#"{"version": 1, "until.ms": 10000, "topic": {"partitions": 1},
      "producers": [ { "client.id": "p", "rate": { "records.per.sec": 500 } } ],
      "push": { "buffer.records": 100, "overflow": "crash", "processing.ms": 5 } }"#;
    let scenario = kafka_playground::scenario::parse(text).unwrap();
    let (mut run, _) = kafka_playground::scenario::Run::start(&scenario, None).unwrap();
    run.run_until(10_000, &mut |_| {});
    run.sim.push.clone().unwrap()
}

#[test]
fn pause_and_resume_keep_the_queue_between_the_marks_and_the_member_alive() {
    let run = |pause: Option<(u32, u32)>| {
        let mut s = Sim::new(SimConfig { partitions: 2, ..SimConfig::default() }, 9).unwrap();
        s.apply(Command::AddProducer { spec: ProducerSpec::new("p", 300.0, KeyMode::None) }).unwrap();
        let mut spec = ConsumerSpec::new("c", "g");
        spec.auto_offset_reset = OffsetReset::Earliest;
        spec.processing_ms_min = 10;
        spec.processing_ms_max = 10;
        spec.max_poll_interval_ms = 2_000;
        spec.pause_resume = pause;
        if pause.is_none() {
            // Process the batch, then commitSync(): the commit after the leave fails.
            spec.commit = kafka_playground::sim::consumer::CommitStrategy::SyncPerBatch;
        }
        s.apply(Command::AddConsumer { spec }).unwrap();
        let mut peak = 0;
        let mut events = Vec::new();
        for _ in 0..300 {
            events.extend(run_for(&mut s, 100));
            peak = peak.max(s.consumers.consumers.values().next().unwrap().records_in_hand());
        }
        (s, events, peak)
    };
    let consumer_events = |events: &[Event]| -> Vec<kafka_playground::sim::consumer::ConsumerEvent> {
        events
            .iter()
            .filter_map(|e| if let Event::Consumer { detail, .. } = e { Some(detail.clone()) } else { None })
            .collect()
    };
    use kafka_playground::sim::consumer::ConsumerEvent as C;
    let (s, events, peak) = run(Some((200, 50)));
    let ev = consumer_events(&events);
    assert!(ev.iter().any(|e| matches!(e, C::PartitionsPaused { queued, .. } if *queued >= 200)));
    assert!(ev.iter().any(|e| matches!(e, C::PartitionsResumed { queued, .. } if *queued <= 50)));
    assert!(peak <= 200 + 500, "the queue stays near the high mark: {peak}");
    assert!(
        !ev.iter().any(|e| matches!(e, C::MemberLeft { .. })),
        "poll() keeps running: no max.poll.interval.ms leave"
    );
    assert!(s.consumers.ledger.groups["g"].processed > 2_500);
    assert_eq!(s.consumers.ledger.groups["g"].duplicates, 0);
    // The same application processing each 500-record batch before polling again (5 s) exceeds
    // max.poll.interval.ms = 2 s: it leaves the group, and its commitSync() fails.
    let (_, events, _) = run(None);
    let ev = consumer_events(&events);
    assert!(ev.iter().any(|e| matches!(e, C::MemberLeft { reason, .. } if reason.contains("max.poll.interval.ms"))));
    assert!(ev
        .iter()
        .any(|e| matches!(e, C::CommitFailed { error, .. } if error.starts_with("CommitFailedException"))));
}
