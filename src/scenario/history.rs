//! Samples of a run over simulated time, for the page's charts and the report: lag per
//! partition and per group, produce and consume rates, consumer and producer buffer use.
//! Bounded: the oldest samples go first.

use std::collections::VecDeque;

use serde::Serialize;

use crate::sim::consumer::describe_group;
use crate::sim::{Event, Sim, SnapshotOptions};

/// One sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sample {
    pub time_ms: u64,
    /// Records appended so far (all partitions) and processed so far (all groups).
    pub appended: u64,
    pub processed: u64,
    /// Per group (in group order): the sum over partitions of log end offset − committed.
    pub group_lag: Vec<(String, u64)>,
    /// The first group's lag per partition.
    pub partition_lag: Vec<u64>,
    /// Bytes in consumers' hands (the last poll's batches) and in producers' buffers.
    pub consumer_bytes: u64,
    pub producer_bytes: u64,
    /// The push comparison consumer's buffer (records), if it runs.
    pub push_buffered: Option<u64>,
}

/// A bounded series of samples taken every `every_ms` of simulated time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    pub every_ms: u64,
    pub max: usize,
    /// Invariant: at most `max` samples, oldest first.
    pub samples: VecDeque<Sample>,
    pub next_ms: u64,
    /// The largest group lag seen in any sample.
    pub peak_lag: u64,
    /// Members that left because `max.poll.interval.ms` passed (each causes a rebalance).
    pub poll_interval_leaves: u64,
}

impl History {
    pub fn new(every_ms: u64, max: usize) -> Self {
        Self {
            every_ms: every_ms.max(1),
            max: max.max(2),
            samples: VecDeque::new(),
            next_ms: 0,
            peak_lag: 0,
            poll_interval_leaves: 0,
        }
    }

    /// Count what the events say (rebalances caused by `max.poll.interval.ms`).
    pub fn observe(&mut self, events: &[Event]) {
        for e in events {
            if let Event::Consumer { detail: crate::sim::consumer::ConsumerEvent::MemberLeft { reason, .. }, .. } = e {
                if reason.contains("max.poll.interval.ms") {
                    self.poll_interval_leaves += 1;
                }
            }
        }
    }

    /// Take a sample if one is due.
    pub fn maybe_sample(&mut self, sim: &Sim) {
        let now = sim.now_ms();
        if now < self.next_ms {
            return;
        }
        self.next_ms = now - now % self.every_ms + self.every_ms;
        let sample = sample(sim);
        self.peak_lag = self.peak_lag.max(sample.group_lag.iter().map(|(_, l)| *l).max().unwrap_or(0));
        if self.samples.len() == self.max {
            self.samples.pop_front();
        }
        self.samples.push_back(sample);
    }
}

/// Measure a simulation now.
pub fn sample(sim: &Sim) -> Sample {
    let view = sim.logs_view();
    let topic = &sim.config().topic;
    let world = &sim.consumers();
    let mut group_lag = Vec::new();
    let mut partition_lag = Vec::new();
    for (i, g) in world.groups.keys().enumerate() {
        let rows = describe_group(world, g, topic, &view).unwrap_or_default();
        // As the describe table: no committed offset, no lag (`-`), not the whole log.
        let lags: Vec<u64> = rows.iter().map(|r| r.lag.unwrap_or(0)).collect();
        if i == 0 {
            partition_lag = lags.clone();
        }
        group_lag.push((g.clone(), lags.iter().sum()));
    }
    let snap = sim.snapshot(SnapshotOptions { recent_records: 0, key_counts: false });
    Sample {
        time_ms: sim.now_ms(),
        appended: sim.records_appended(),
        processed: world.ledger.groups.values().map(|l| l.processed).sum(),
        group_lag,
        partition_lag,
        consumer_bytes: world
            .consumers
            .values()
            .map(|c| c.batch_bytes * c.records_in_hand() / u64::from(c.batch_size.max(1)))
            .sum(),
        producer_bytes: snap.producers.iter().map(|p| p.buffered_bytes).sum(),
        push_buffered: sim.push().map(|p| p.buffered),
    }
}
