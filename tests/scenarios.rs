//! Scenario tests: each tells a short Kafka story and checks what Kafka would do.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::scenario::{self, Run};
use kafka_playground::sim::config::{KeyMode, ProducerSpec, RateMode, SimConfig};
use kafka_playground::sim::murmur2::partition_for_key;
use kafka_playground::sim::{Command, Event, Rejected, Sim, SnapshotOptions};

mod common;
use common::run_for;

fn sim(partitions: u32, seed: u64) -> Sim {
    Sim::new(SimConfig { partitions, ..SimConfig::default() }, seed).unwrap()
}

fn add(sim: &mut Sim, spec: ProducerSpec) -> u32 {
    match sim.apply(Command::AddProducer { spec }).unwrap().as_slice() {
        [Event::ProducerAdded { producer, .. }] => *producer,
        other => panic!("unexpected {other:?}"),
    }
}

fn full(sim: &Sim) -> kafka_playground::sim::Snapshot {
    sim.snapshot(SnapshotOptions { recent_records: usize::MAX, key_counts: true })
}

#[test]
fn same_scenario_and_seed_give_the_same_trace_and_another_seed_does_not() {
    let s = scenario::parse(scenario::DEFAULT_SCENARIO).unwrap();
    let trace = |seed: u64| {
        let (mut run, mut events) = Run::start(&s, Some(seed)).unwrap();
        run.run_until(20_000, &mut |e| events.push(e.clone()));
        serde_json::to_string(&events).unwrap()
    };
    let a = trace(42);
    let b = trace(42);
    let c = trace(43);
    assert!(a.len() > 1000, "a real trace: {} bytes", a.len());
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn every_record_with_a_key_lands_in_its_murmur2_partition() {
    let mut s = sim(6, 1);
    add(&mut s, ProducerSpec::new("p", 500.0, KeyMode::Fixed { count: 20, prefix: "user-".into() }));
    run_for(&mut s, 3_000);
    let snap = full(&s);
    let mut total = 0;
    for p in &snap.partitions {
        for (key, n) in &p.records_by_key {
            assert_eq!(partition_for_key(key.as_bytes(), 6), p.partition, "key {key:?}");
            total += n;
        }
        for r in &p.recent {
            assert_eq!(partition_for_key(r.key.unwrap().as_bytes(), 6), p.partition);
        }
    }
    assert!(total >= 1490, "{total} records");
}

#[test]
fn shrinking_a_topic_is_refused_with_kafkas_message_and_changes_nothing() {
    let mut s = sim(4, 1);
    let before = full(&s);
    let err = s.apply(Command::AlterPartitions { partitions: 3 }).unwrap_err();
    assert_eq!(
        err,
        Rejected::InvalidPartitions {
            message: "The topic orders currently has 4 partition(s); 3 would not be an increase.".into()
        }
    );
    let err = s.apply(Command::AlterPartitions { partitions: 4 }).unwrap_err();
    assert_eq!(err, Rejected::InvalidPartitions { message: "Topic already has 4 partition(s).".into() });
    assert!(matches!(s.apply(Command::AlterPartitions { partitions: 65 }), Err(Rejected::InvalidConfig { .. })));
    assert_eq!(full(&s), before);
}

#[test]
fn keys_move_only_after_the_producer_refreshes_its_metadata() {
    // Story: 3 partitions, keys user-1..user-12; the topic grows to 6 at t=1 s. The producer's
    // metadata.max.age.ms is 4 s, so until t=4 s it still uses 3 partitions; after, keys whose
    // murmur2 % 6 differs from % 3 go elsewhere, and the event lists exactly those keys.
    let mut s = sim(3, 5);
    let mut spec = ProducerSpec::new("p", 200.0, KeyMode::Fixed { count: 12, prefix: "user-".into() });
    spec.metadata_max_age_ms = 4_000;
    add(&mut s, spec);
    run_for(&mut s, 1_000);
    let events = s.apply(Command::AlterPartitions { partitions: 6 }).unwrap();
    assert!(matches!(events[..], [Event::PartitionsAdded { from: 3, to: 6, .. }]));
    run_for(&mut s, 2_900); // t = 3.9 s
    let snap = full(&s);
    for p in &snap.partitions[3..] {
        assert_eq!(p.log_end_offset, 0, "partition {} got records before the refresh", p.partition);
    }
    let events = run_for(&mut s, 3_000); // t = 6.9 s
    let refreshed: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::MetadataRefreshed { time_ms, partitions, keys_moved, moved, .. } => {
                Some((*time_ms, *partitions, *keys_moved, moved.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(refreshed.len(), 1);
    let (at, parts, count, moved) = &refreshed[0];
    assert_eq!((*at, *parts), (4_000, 6));
    let expected: Vec<String> = (1..=12)
        .map(|i| format!("user-{i}"))
        .filter(|k| partition_for_key(k.as_bytes(), 3) != partition_for_key(k.as_bytes(), 6))
        .collect();
    assert_eq!(*count as usize, expected.len());
    assert_eq!(moved.iter().map(|m| m.key.display()).collect::<Vec<_>>(), expected);
    for m in moved {
        assert_eq!(m.to, partition_for_key(m.key.as_bytes(), 6));
        assert_eq!(m.to, m.from + 3, "h % 6 is h % 3 or h % 3 + 3");
    }
    let snap = full(&s);
    let new_records: u64 = snap.partitions[3..].iter().map(|p| p.log_end_offset).sum();
    assert!(new_records > 0, "keys now reach the new partitions");
}

#[test]
fn records_without_key_stick_to_one_partition_until_batch_size_bytes() {
    // batch.size 1000, 100-byte values (115-byte records): the sticky partitioner switches
    // after at least 1000 bytes went to a partition, and never before.
    let mut s = sim(6, 9);
    let mut spec = ProducerSpec::new("p", 1000.0, KeyMode::None);
    spec.batch_size = 1000;
    add(&mut s, spec);
    let events = run_for(&mut s, 2_000);
    let switches: Vec<_> = events.iter().filter(|e| matches!(e, Event::StickyPartitionChanged { .. })).collect();
    assert!(switches.len() >= 50, "{} switches", switches.len());
    // Between switches the records go to one partition: count appended records per run.
    let mut appended_between = Vec::new();
    let mut current = 0u64;
    for e in &events {
        match e {
            Event::StickyPartitionChanged { from: Some(_), .. } => {
                appended_between.push(current);
                current = 0;
            }
            Event::RequestSent { batches, .. } => current += batches.iter().map(|b| b.records as u64).sum::<u64>(),
            _ => {}
        }
    }
    // 1000 bytes / (115-byte records + 61-byte header) -> at least 8 records per partition run.
    assert!(appended_between.iter().skip(1).all(|&n| n >= 8), "{appended_between:?}");
    let snap = full(&s);
    let used = snap.partitions.iter().filter(|p| p.log_end_offset > 0).count();
    assert!(used >= 5, "spread over partitions: {used}");
}

#[test]
fn linger_ms_holds_records_until_the_batch_is_old_enough() {
    // 100 records/s with linger.ms=200 and a big batch.size: each request carries ~20 records.
    let mut s = sim(1, 3);
    let mut spec = ProducerSpec::new("p", 100.0, KeyMode::None);
    spec.linger_ms = 200;
    add(&mut s, spec);
    let events = run_for(&mut s, 2_000);
    let sizes: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            Event::RequestSent { batches, .. } => Some(batches.iter().map(|b| b.records).sum()),
            _ => None,
        })
        .collect();
    assert!(sizes.len() >= 8 && sizes.len() <= 11, "{sizes:?}");
    assert!(sizes.iter().all(|&n| (19..=21).contains(&n)), "{sizes:?}");
    // And with linger.ms=0 every record is its own request.
    let mut s = sim(1, 3);
    let mut spec = ProducerSpec::new("p", 100.0, KeyMode::None);
    spec.linger_ms = 0;
    add(&mut s, spec);
    let events = run_for(&mut s, 1_000);
    let requests = events.iter().filter(|e| matches!(e, Event::RequestSent { .. })).count();
    assert!(requests >= 99, "{requests}");
}

#[test]
fn closing_a_producer_flushes_its_buffer_before_it_goes() {
    let mut s = sim(2, 3);
    let mut spec = ProducerSpec::new("p", 50.0, KeyMode::None);
    spec.linger_ms = 10_000;
    let id = add(&mut s, spec);
    run_for(&mut s, 1_000);
    let snap = full(&s);
    assert!(snap.producers[0].records_buffered >= 49);
    assert_eq!(snap.records_appended, 0);
    let events = s.apply(Command::RemoveProducer { producer: id }).unwrap();
    assert!(matches!(events[..], [Event::ProducerClosing { .. }]));
    let events = run_for(&mut s, 100);
    assert!(events.iter().any(|e| matches!(e, Event::ProducerRemoved { .. })));
    let snap = full(&s);
    assert!(snap.producers.is_empty());
    assert_eq!(snap.records_appended, 51, "every record sent before close() is appended");
}

#[test]
fn bursty_producer_is_silent_between_bursts() {
    let mut s = sim(1, 3);
    let mut spec = ProducerSpec::new("p", 100.0, KeyMode::None);
    spec.rate_mode = RateMode::Bursty { burst_ms: 1_000, idle_ms: 1_000 };
    spec.linger_ms = 0;
    add(&mut s, spec);
    let events = run_for(&mut s, 4_000);
    let in_idle = events.iter().filter(|e| match e {
        Event::RequestSent { time_ms, .. } => (time_ms % 2_000) >= 1_000,
        _ => false,
    });
    assert_eq!(in_idle.count(), 0);
    let snap = full(&s);
    assert!((199..=201).contains(&snap.producers[0].records_sent), "{}", snap.producers[0].records_sent);
}

#[test]
fn memory_stays_bounded_over_a_long_run_with_random_keys() {
    let mut s = sim(4, 3);
    add(&mut s, ProducerSpec::new("p", 20_000.0, KeyMode::Random));
    run_for(&mut s, 60_000);
    let snap = s.snapshot(SnapshotOptions { recent_records: usize::MAX, key_counts: true });
    let limits = s.config().log_limits;
    let total: u64 = snap.partitions.iter().map(|p| p.log_end_offset).sum();
    assert!(total >= 1_199_000, "{total}");
    for p in &snap.partitions {
        assert!(p.recent.len() <= limits.recent_records_max);
        assert!(p.records_by_key.len() <= limits.key_stats_max);
        let counted: u64 =
            p.records_by_key.iter().map(|(_, n)| n).sum::<u64>() + p.records_other_keys + p.records_without_key;
        assert_eq!(counted, p.log_end_offset, "every record counted exactly");
    }
}

#[test]
fn a_full_buffer_blocks_send_and_unblocks_when_requests_complete() {
    // A slow network (1 s per request), one request in flight, and a tiny buffer.memory: the
    // producer's send() blocks, and its rate drops to what the network carries.
    let config = SimConfig { partitions: 1, network_latency_us: 1_000_000, ..SimConfig::default() };
    let mut s = Sim::new(config, 1).unwrap();
    let mut spec = ProducerSpec::new("p", 1000.0, KeyMode::None);
    spec.buffer_memory = 4096;
    spec.max_in_flight = 1;
    add(&mut s, spec);
    let events = run_for(&mut s, 5_000);
    assert!(events.iter().any(|e| matches!(e, Event::SendBlocked { .. })));
    assert!(events.iter().any(|e| matches!(e, Event::SendUnblocked { .. })));
    let snap = full(&s);
    let p = &snap.producers[0];
    assert!(p.buffered_bytes <= 4096);
    assert!(p.records_sent < 500, "send() was throttled: {}", p.records_sent);
    assert!(p.blocked_ms > 1_000);
}

#[test]
fn scenario_timeline_applies_steps_and_reports_rejections() {
    let text = r#"{
      "version": 1, "seed": 3, "until.ms": 3000,
      "topic": { "name": "t", "partitions": 2 },
      "producers": [ { "client.id": "a", "rate": { "records.per.sec": 10 }, "keys": { "mode": "fixed", "count": 3 } } ],
      "timeline": [
        { "at.ms": 1000, "alter.partitions": 1 },
        { "at.ms": 1500, "alter.partitions": 4 },
        { "at.ms": 2000, "remove.producer": "a" }
      ]
    }"#;
    let s = scenario::parse(text).unwrap();
    let (mut run, _) = Run::start(&s, None).unwrap();
    let mut events = Vec::new();
    run.run_until(3000, &mut |e| events.push(e.clone()));
    assert_eq!(run.rejected.len(), 1);
    assert_eq!(run.rejected[0].at_ms, 1000);
    assert_eq!(run.sim.partition_count(), 4);
    assert!(events.iter().any(|e| matches!(e, Event::ProducerRemoved { time_ms, .. } if *time_ms >= 2000)));
    let report = kafka_playground::report::Report::from_run(&run, 3000);
    assert!(report.to_text().contains("would not be an increase"));
    // Sends at 0, 100, ..., 2000 ms: a step at T runs after everything due at T.
    assert_eq!(report.records_appended, 21);
}

#[test]
fn scenarios_describe_clusters_and_refuse_bad_cluster_settings_with_positions() {
    let (text, seed) = (kafka_playground::scenario::SEED_REASSIGNMENT_SCENARIO, 0);
    let s = scenario::parse(text).unwrap();
    assert_eq!(s.sim.cluster.brokers.len(), 6);
    assert_eq!(s.sim.cluster.replica_assignment, Some(vec![vec![1, 2, 3], vec![4, 5, 6]]));
    assert_eq!(s.sim.cluster.min_insync_replicas, 2);
    assert_eq!(s.timeline.len(), 2);
    let (mut run, _) = Run::start(&s, Some(seed)).unwrap();
    run.run_until(45_000, &mut |_| {});
    assert!(run.rejected.is_empty(), "{:?}", run.rejected);
    assert_eq!(run.tool_output.len(), 2);
    assert!(run.tool_output[1].1.contains("Reassignment of partition test1-0 is completed."));
    let base = |topic: &str, cluster: &str, timeline: &str| {
        format!(r#"{{"version": 1, "topic": {topic}, "cluster": {cluster}, "timeline": {timeline}}}"#)
    };
    let cases = [
        (
            base(r#"{"partitions": 2, "replication.factor": 4}"#, r#"{"brokers": [1, 2, 3]}"#, "[]"),
            "topic.replication.factor",
            "larger than available brokers: 3",
        ),
        (
            base(r#"{"partitions": 2, "replica.assignment": [[1, 1], [2, 3]]}"#, r#"{"brokers": [1, 2, 3]}"#, "[]"),
            "topic.replica.assignment",
            "may not contain duplicate entries: 1",
        ),
        (
            base(r#"{"partitions": 2, "replica.assignment": [[1, 2], [2, 9]]}"#, r#"{"brokers": [1, 2, 3]}"#, "[]"),
            "topic.replica.assignment",
            "Unknown broker id 9",
        ),
        (
            base(r#"{"partitions": 3, "replica.assignment": [[1, 2], [2, 3]]}"#, r#"{"brokers": [1, 2, 3]}"#, "[]"),
            "topic.replica.assignment",
            "2 replica lists for 3 partitions",
        ),
        (base(r#"{"partitions": 1}"#, r#"{"brokers": [1, 1]}"#, "[]"), "cluster.brokers", "appears twice"),
        (
            base(r#"{"partitions": 1, "min.insync.replicas": 0}"#, r#"{"brokers": [1]}"#, "[]"),
            "topic.min.insync.replicas",
            "at least 1",
        ),
        (base(r#"{"partitions": 1}"#, r#"{"brokers": [1], "bogus": 1}"#, "[]"), "cluster", "unknown field `bogus`"),
        (
            base(
                r#"{"partitions": 1}"#,
                r#"{"brokers": [1]}"#,
                r#"[{"at.ms": 5, "execute.reassignment": {"reassignment": {"version": 1, "partitions": []}}}]"#,
            ),
            "timeline[0]",
            "Partition reassignment list cannot be empty",
        ),
        (
            base(
                r#"{"partitions": 1}"#,
                r#"{"brokers": [1]}"#,
                r#"[{"at.ms": 5, "stop.broker": 1, "crash.broker": 1}]"#,
            ),
            "timeline[0]",
            "exactly one of",
        ),
    ];
    for (json, path, needle) in cases {
        let e = scenario::parse(&json).unwrap_err();
        assert!(e.path.starts_with(path), "{json}\n→ {e}");
        assert!(e.message.contains(needle), "{json}\n→ {e}");
        assert!(e.line > 0, "{e}");
    }
    // Producer acks are Kafka's values; anything else is named.
    let bad = r#"{"version": 1, "topic": {"partitions": 1}, "producers": [{"client.id": "p", "rate": {"records.per.sec": 1}, "acks": "2"}]}"#;
    let e = scenario::parse(bad).unwrap_err();
    assert!(e.to_string().contains("acks") && e.to_string().contains("all, -1, 0, 1"), "{e}");
}

#[test]
fn the_benchmark_scenarios_run_as_described() {
    use kafka_playground::bench;
    let heavy = bench::heavy(100_000.0);
    assert_eq!(
        (heavy.sim.partitions, heavy.sim.cluster.brokers.len(), heavy.sim.cluster.replication_factor),
        (12, 6, 3)
    );
    assert_eq!(heavy.consumers.len(), 12);
    let mut run = bench::start(&heavy);
    bench::advance(&mut run, 5_000);
    let appended = bench::advance(&mut run, 1_000);
    assert!((95_000..=105_000).contains(&appended), "about 100,000 records/s: {appended}");
    for g in 0..3 {
        let ledger = &run.sim.consumers.ledger.groups[&format!("group-{g}")];
        assert!(ledger.processed > 400_000, "group-{g} keeps up: {}", ledger.processed);
    }
    let mut d = bench::start(&bench::default_at(Some(10_000.0)));
    let n = bench::advance(&mut d, 2_000);
    assert!((15_000..=25_000).contains(&n), "about 10,000 records/s: {n}");
}
