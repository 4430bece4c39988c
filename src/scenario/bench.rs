//! Benchmark scenarios shared by the criterion benchmarks (native) and the in-browser benchmark
//! page (wasm), so the two measure the same work.

use crate::scenario::{self, Run, Scenario};

/// The heavy benchmark scenario: 12 partitions on 6 brokers with replication factor 3, three
/// groups of four auto-committing consumers (no processing time), and `rate` records/s from
/// four keyed producers.
pub fn heavy(rate: f64) -> Scenario {
    let producers: Vec<String> = (0..4)
        .map(|i| {
            format!(
                r#"{{"client.id": "p{i}", "rate": {{"records.per.sec": {}}}, "keys": {{"mode": "fixed", "count": 1000}}, "value.bytes": 100}}"#,
                rate / 4.0
            )
        })
        .collect();
    let consumers: Vec<String> = (0..3)
        .flat_map(|g| {
            (0..4).map(move |c| {
                format!(
                    r#"{{"client.id": "g{g}c{c}", "group.id": "group-{g}", "auto.offset.reset": "earliest", "processing.ms": {{"min": 0, "max": 0}}}}"#
                )
            })
        })
        .collect();
    let text = format!(
        r#"{{"version": 1, "seed": 7, "until.ms": 3600000,
  "topic": {{"name": "heavy", "partitions": 12, "replication.factor": 3}},
  "cluster": {{"brokers": [1, 2, 3, 4, 5, 6], "placement.start.index": 0, "replication.bytes.per.sec": 1000000000}},
  "producers": [{}], "consumers": [{}]}}"#,
        producers.join(", "),
        consumers.join(", ")
    );
    scenario::parse(&text).expect("the heavy scenario is valid")
}

/// The playground's opening scenario at `rate` records/s in all (its three producers scaled).
pub fn default_at(rate: Option<f64>) -> Scenario {
    let mut s = scenario::playground_default();
    if let Some(rate) = rate {
        let total: f64 = s.producers.iter().map(|p| p.rate_records_per_s).sum();
        for p in &mut s.producers {
            p.rate_records_per_s *= rate / total;
        }
    }
    s
}

/// Start a run (the scenario's seed).
pub fn start(s: &Scenario) -> Run {
    Run::start(s, None).expect("benchmark scenarios start").0
}

/// Run `ms` more simulated milliseconds; returns the records appended meanwhile.
pub fn advance(run: &mut Run, ms: u64) -> u64 {
    let before = run.sim.records_appended();
    let until = run.sim.now_ms() + ms;
    run.run_until(until, &mut |_| {});
    run.sim.records_appended() - before
}
