//! Criterion benchmark of the core: records produced and appended per second.
//!
//! `cargo bench --bench core`. Scenario: 12 partitions, keyed records (1000 fixed keys), four
//! producers at 250,000 records/s each, 100-byte values, Kafka 4.0 batching defaults
//! (batch.size 16384, linger.ms 5). One iteration simulates 1 s = 1,000,000 records.
//! `end_to_end` adds consumers (see below).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kafka_playground::sim::config::{KeyMode, ProducerSpec, SimConfig};
use kafka_playground::sim::{Command, Sim};

const RECORDS_PER_ITER: u64 = 1_000_000;

fn keyed_sim() -> Sim {
    let config = SimConfig { partitions: 12, ..SimConfig::default() };
    let mut sim = Sim::new(config, 7).expect("valid config");
    for i in 0..4 {
        let spec =
            ProducerSpec::new(format!("bench-{i}"), 250_000.0, KeyMode::Fixed { count: 1000, prefix: "user-".into() });
        sim.apply(Command::AddProducer { spec }).expect("valid producer");
    }
    sim
}

fn run_one_second(sim: &mut Sim, events: &mut Vec<kafka_playground::sim::Event>) {
    let target = sim.now_us() + 1_000_000;
    loop {
        events.clear();
        if sim.advance_to(target, 1 << 16, events).reached {
            break;
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("produce_and_append");
    group.throughput(Throughput::Elements(RECORDS_PER_ITER));
    group.sample_size(20);
    group.bench_function("12_partitions_keyed", |b| {
        let mut sim = keyed_sim();
        let mut events = Vec::new();
        b.iter(|| run_one_second(&mut sim, &mut events));
    });
    group.bench_function("12_partitions_null_keys", |b| {
        let config = SimConfig { partitions: 12, ..SimConfig::default() };
        let mut sim = Sim::new(config, 7).expect("valid config");
        for i in 0..4 {
            let spec = ProducerSpec::new(format!("bench-{i}"), 250_000.0, KeyMode::None);
            sim.apply(Command::AddProducer { spec }).expect("valid producer");
        }
        let mut events = Vec::new();
        b.iter(|| run_one_second(&mut sim, &mut events));
    });
    group.finish();
}

/// End to end (issue 3): produce, fetch, process with zero processing time, auto-commit;
/// 6 partitions, 3 consumers in one group, 2 producers at 250,000 records/s each. One iteration
/// simulates 1 s = 500,000 records produced and consumed.
fn bench_end_to_end(c: &mut Criterion) {
    use kafka_playground::sim::consumer::{ConsumerSpec, OffsetReset};
    let mut group = c.benchmark_group("end_to_end");
    group.throughput(Throughput::Elements(500_000));
    group.sample_size(10);
    group.bench_function("6_partitions_3_consumers_auto_commit", |b| {
        let config = SimConfig { partitions: 6, ..SimConfig::default() };
        let mut sim = Sim::new(config, 7).expect("valid config");
        for i in 0..2 {
            let spec = ProducerSpec::new(
                format!("bench-{i}"),
                250_000.0,
                KeyMode::Fixed { count: 1000, prefix: "user-".into() },
            );
            sim.apply(Command::AddProducer { spec }).expect("valid producer");
        }
        for i in 0..3 {
            let mut spec = ConsumerSpec::new(format!("consumer-{i}"), "bench");
            spec.processing_ms_min = 0;
            spec.processing_ms_max = 0;
            spec.auto_offset_reset = OffsetReset::Earliest;
            sim.apply(Command::AddConsumer { spec }).expect("valid consumer");
        }
        let mut events = Vec::new();
        // The group forms after `group.initial.rebalance.delay.ms` (3 s, extended while members
        // join) and the first fetches; then it keeps up.
        for _ in 0..8 {
            run_one_second(&mut sim, &mut events);
        }
        let processed = sim.consumers.ledger.groups.get("bench").map_or(0, |g| g.processed);
        assert!(processed >= 900_000, "consumers keep up: {processed}");
        b.iter(|| run_one_second(&mut sim, &mut events));
    });
    group.finish();
}

/// Issue 9: the default scenario (its producers at 10,000 records/s in all) and the heavy one
/// (12 partitions, 6 brokers, replication factor 3, 3 groups of 4 consumers, auto-commit, 100,000
/// records/s), end to end through `Run` (timeline, history, consumers, replication). One
/// iteration simulates 1 s.
fn bench_scenarios(c: &mut Criterion) {
    use kafka_playground::bench;
    let mut group = c.benchmark_group("scenarios");
    group.sample_size(10);
    for (name, scenario, rate) in [
        ("default_10k_per_s", bench::default_at(Some(10_000.0)), 10_000u64),
        ("heavy_100k_per_s", bench::heavy(100_000.0), 100_000),
    ] {
        group.throughput(Throughput::Elements(rate));
        group.bench_function(name, |b| {
            let mut run = bench::start(&scenario);
            bench::advance(&mut run, 5_000); // groups formed
            b.iter(|| bench::advance(&mut run, 1_000));
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_end_to_end, bench_scenarios);
criterion_main!(benches);
