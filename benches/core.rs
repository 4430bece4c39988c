//! Criterion benchmark of the core: records produced and appended per second.
//!
//! `cargo bench --bench core`. Scenario: 12 partitions, keyed records (1000 fixed keys), four
//! producers at 250,000 records/s each, 100-byte values, Kafka 4.0 batching defaults
//! (batch.size 16384, linger.ms 5). One iteration simulates 1 s = 1,000,000 records.

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

criterion_group!(benches, bench);
criterion_main!(benches);
