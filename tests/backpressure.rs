//! Backpressure stories: producers faster than the brokers or the consumers, and what bounds
//! memory on each side.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::sim::cluster::ClusterConfig;
use kafka_playground::sim::config::{KeyMode, ProducerSpec, SimConfig};
use kafka_playground::sim::{Command, Event, Sim, SnapshotOptions};

fn run_for(s: &mut Sim, ms: u64) -> Vec<Event> {
    let mut out = Vec::new();
    let target = s.now_us() + ms * 1000;
    while !s.advance_to(target, 1_000_000, &mut out).reached {}
    out
}

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
fn with_no_leader_nothing_frees_memory_and_send_throws_after_max_block_ms() {
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
