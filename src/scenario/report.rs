//! The report of a headless run: per partition the offsets and records per key, per producer
//! the records sent. JSON (stable field names) or aligned text.

use serde::Serialize;

use crate::scenario::{RejectedStep, Run};
use crate::sim::consumer::{describe_group, format_describe, ConsumerState, DescribeRow, GroupState};
use crate::sim::SnapshotOptions;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub kafka_version: &'static str,
    pub topic: String,
    pub seed: u64,
    pub until_ms: u64,
    pub partitions: Vec<PartitionReport>,
    pub producers: Vec<ProducerReport>,
    pub records_appended: u64,
    pub groups: Vec<GroupReport>,
    pub consumers: Vec<ConsumerReport>,
    pub brokers: Vec<crate::sim::BrokerSnapshot>,
    /// Records acknowledged with acks=0/1 and then cut by a leader change.
    pub acked_records_lost: u64,
    /// What the timeline's `kafka-reassign-partitions.sh` steps printed.
    pub tool_output: Vec<ToolOutput>,
    /// Lag, rates and buffers over time (sampled), peak lag, and rebalances caused by
    /// `max.poll.interval.ms`.
    pub history: crate::scenario::history::History,
    /// The push-model comparison consumer, if the scenario runs one.
    pub push: Option<crate::sim::push::PushModel>,
    pub rejected: Vec<RejectedStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolOutput {
    pub at_ms: u64,
    pub output: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    pub group: String,
    pub state: GroupState,
    pub generation: i32,
    pub rebalances: u32,
    /// The `__consumer_offsets` partition holding this group's commits.
    pub offsets_partition: u32,
    /// Commit records written to that partition (all groups on it).
    pub offsets_partition_records: u64,
    pub describe: Vec<DescribeRow>,
    /// The delivery ledger: records processed, processed more than once, and never processed
    /// though the group's position moved past them.
    pub processed: u64,
    pub duplicates: u64,
    pub lost: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsumerReport {
    #[serde(rename = "client.id")]
    pub client_id: String,
    #[serde(rename = "group.id")]
    pub group_id: String,
    pub state: ConsumerState,
    pub partitions: Vec<u32>,
    pub records_processed: u64,
    pub commits_sent: u64,
    pub commits_failed: u64,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartitionReport {
    pub partition: u32,
    pub log_start_offset: u64,
    pub log_end_offset: u64,
    /// Key (as text, or `0x` hex) to record count, in key order.
    pub records_by_key: Vec<KeyCount>,
    pub records_without_key: u64,
    /// Records of keys beyond the per-partition key table (see `LogLimits::key_stats_max`).
    pub records_other_keys: u64,
    pub leader: Option<i32>,
    pub replicas: Vec<i32>,
    pub isr: Vec<i32>,
    pub high_watermark: u64,
    /// During a reassignment: the replicas being added and removed.
    pub adding: Vec<i32>,
    pub removing: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyCount {
    pub key: String,
    pub records: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProducerReport {
    #[serde(rename = "client.id")]
    pub client_id: String,
    pub records_sent: u64,
    pub records_acked: u64,
    pub records_buffered: u64,
    pub requests_sent: u64,
    pub blocked_ms: u64,
    /// Records whose batch failed (`delivery.timeout.ms`), and `send()` calls that threw
    /// `BufferExhaustedException` after `max.block.ms`.
    pub records_failed: u64,
    pub sends_failed: u64,
}

impl Report {
    /// Everything a finished (or paused) run shows. Producers that were closed and removed are
    /// not listed; their records are in the partitions.
    pub fn from_run(run: &Run, until_ms: u64) -> Self {
        let snap = run.sim.snapshot(SnapshotOptions { recent_records: 0, key_counts: true });
        Self {
            kafka_version: snap.kafka_version,
            topic: snap.topic.clone(),
            seed: run.sim.seed(),
            until_ms,
            partitions: snap
                .partitions
                .iter()
                .map(|p| PartitionReport {
                    partition: p.partition,
                    log_start_offset: p.log_start_offset,
                    log_end_offset: p.log_end_offset,
                    records_by_key: p
                        .records_by_key
                        .iter()
                        .map(|(k, n)| KeyCount { key: k.display(), records: *n })
                        .collect(),
                    records_without_key: p.records_without_key,
                    records_other_keys: p.records_other_keys,
                    leader: p.replication.leader,
                    replicas: p.replication.replicas.clone(),
                    isr: p.replication.isr.clone(),
                    high_watermark: p.replication.high_watermark,
                    adding: p.replication.adding.clone(),
                    removing: p.replication.removing.clone(),
                })
                .collect(),
            producers: snap
                .producers
                .iter()
                .map(|p| ProducerReport {
                    client_id: p.spec.client_id.clone(),
                    records_sent: p.records_sent,
                    records_acked: p.records_acked,
                    records_buffered: p.records_buffered,
                    requests_sent: p.requests_sent,
                    blocked_ms: p.blocked_ms,
                    records_failed: p.records_failed,
                    sends_failed: p.sends_failed,
                })
                .collect(),
            records_appended: snap.records_appended,
            groups: run
                .sim
                .consumers
                .groups
                .values()
                .map(|g| {
                    let ledger = run.sim.consumers().ledger.groups.get(&g.group_id).cloned().unwrap_or_default();
                    GroupReport {
                        group: g.group_id.clone(),
                        state: g.state,
                        generation: g.generation,
                        rebalances: g.rebalances,
                        offsets_partition: g.offsets_partition,
                        offsets_partition_records: run
                            .sim
                            .consumers
                            .offsets
                            .logs
                            .get(&g.offsets_partition)
                            .map_or(0, |l| l.log_end_offset),
                        describe: describe_group(run.sim.consumers(), &g.group_id, &snap.topic, &run.sim.logs_view())
                            .unwrap_or_default(),
                        processed: ledger.processed,
                        duplicates: ledger.duplicates,
                        lost: ledger.lost,
                    }
                })
                .collect(),
            consumers: run
                .sim
                .consumers
                .consumers
                .values()
                .map(|c| ConsumerReport {
                    client_id: c.spec.client_id.clone(),
                    group_id: c.spec.group_id.clone(),
                    state: c.state,
                    partitions: c.assignment.keys().copied().collect(),
                    records_processed: c.records_processed,
                    commits_sent: c.commits_sent,
                    commits_failed: c.commits_failed,
                    last_error: c.last_error.clone(),
                })
                .collect(),
            brokers: snap.brokers.clone(),
            acked_records_lost: snap.acked_records_lost,
            tool_output: run
                .tool_output
                .iter()
                .map(|(at_ms, output)| ToolOutput { at_ms: *at_ms, output: output.clone() })
                .collect(),
            history: run.history.clone(),
            push: run.sim.push().cloned(),
            rejected: run.rejected.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serializes")
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        self.text_partitions(&mut s);
        self.text_producers(&mut s);
        self.text_replicas(&mut s);
        self.text_brokers(&mut s);
        self.text_lag(&mut s);
        self.text_push(&mut s);
        self.text_groups(&mut s);
        self.text_consumers(&mut s);
        s
    }

    /// Each partition's offsets and records by key.
    fn text_partitions(&self, s: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(
            s,
            "Topic: {}  PartitionCount: {}  (Kafka {} behaviour, seed {}, until {} ms)",
            self.topic,
            self.partitions.len(),
            self.kafka_version,
            self.seed,
            self.until_ms
        );
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:<10} {:>18} {:>16} {:>10}  APPENDED-BY-KEY",
            "PARTITION", "LOG-START-OFFSET", "LOG-END-OFFSET", "RECORDS"
        );
        for p in &self.partitions {
            let mut keys: Vec<String> = p.records_by_key.iter().map(|k| format!("{}={}", k.key, k.records)).collect();
            if p.records_without_key > 0 {
                keys.push(format!("(null)={}", p.records_without_key));
            }
            if p.records_other_keys > 0 {
                keys.push(format!("(other keys)={}", p.records_other_keys));
            }
            let shown = if keys.len() > 12 {
                let more = keys.len() - 12;
                keys.truncate(12);
                format!("{} ... and {more} more keys", keys.join(" "))
            } else {
                keys.join(" ")
            };
            let _ = writeln!(
                s,
                "{:<10} {:>18} {:>16} {:>10}  {}",
                p.partition,
                p.log_start_offset,
                p.log_end_offset,
                p.log_end_offset - p.log_start_offset,
                if shown.is_empty() { "-".to_string() } else { shown }
            );
        }
    }

    /// The producers' counters.
    fn text_producers(&self, s: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:<20} {:>12} {:>13} {:>16} {:>13} {:>10} {:>14} {:>12}",
            "CLIENT-ID",
            "RECORDS-SENT",
            "RECORDS-ACKED",
            "RECORDS-BUFFERED",
            "REQUESTS-SENT",
            "BLOCKED-MS",
            "RECORDS-FAILED",
            "SENDS-FAILED"
        );
        for p in &self.producers {
            let _ = writeln!(
                s,
                "{:<20} {:>12} {:>13} {:>16} {:>13} {:>10} {:>14} {:>12}",
                p.client_id,
                p.records_sent,
                p.records_acked,
                p.records_buffered,
                p.requests_sent,
                p.blocked_ms,
                p.records_failed,
                p.sends_failed
            );
        }
    }

    /// `kafka-topics.sh --describe` lines, acks lost, and the tool output.
    fn text_replicas(&self, s: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(s);
        let ids = |v: &[i32]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")
            }
        };
        for p in &self.partitions {
            let mut line = format!(
                "Topic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\tHighWatermark: {}",
                self.topic,
                p.partition,
                p.leader.map_or("none".to_string(), |l| l.to_string()),
                ids(&p.replicas),
                ids(&p.isr),
                p.high_watermark
            );
            if !p.adding.is_empty() || !p.removing.is_empty() {
                line.push_str(&format!(
                    "\tAdding Replicas: {}\tRemoving Replicas: {}",
                    ids(&p.adding),
                    ids(&p.removing)
                ));
            }
            let _ = writeln!(s, "{line}");
        }
    }

    /// The brokers, their load and the groups they coordinate.
    fn text_brokers(&self, s: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:<8} {:<8} {:>8} {:>9} {:>12} {:>13}  COORDINATOR-FOR",
            "BROKER", "STATE", "LEADERS", "REPLICAS", "BYTES-IN/S", "BYTES-OUT/S"
        );
        for b in &self.brokers {
            let _ = writeln!(
                s,
                "{:<8} {:<8} {:>8} {:>9} {:>12} {:>13}  {}",
                b.id,
                format!("{:?}", b.state),
                b.leaders,
                b.replicas,
                b.bytes_in_per_s,
                b.bytes_out_per_s,
                if b.coordinator_for.is_empty() {
                    "-".to_string()
                } else {
                    b.coordinator_for.iter().map(|p| format!("__consumer_offsets-{p}")).collect::<Vec<_>>().join(",")
                }
            );
        }
        if self.acked_records_lost > 0 {
            let _ = writeln!(s, "Acknowledged records lost to leader changes (acks=0/1): {}", self.acked_records_lost);
        }
        for t in &self.tool_output {
            let _ = writeln!(s);
            let _ = writeln!(s, "kafka-reassign-partitions.sh at {} ms:", t.at_ms);
            s.push_str(&t.output);
            if !t.output.ends_with('\n') {
                s.push('\n');
            }
        }
    }

    /// Lag over time.
    fn text_lag(&self, s: &mut String) {
        use std::fmt::Write;
        if !self.groups.is_empty() {
            let h = &self.history;
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "Lag over time (every {} ms; peak {}; members that left after max.poll.interval.ms: {}):",
                h.every_ms, h.peak_lag, h.poll_interval_leaves
            );
            let _ = writeln!(
                s,
                "{:>10} {:>10} {:>12} {:>12} {:>14} {:>14}",
                "TIME-MS", "LAG", "APPENDED/S", "PROCESSED/S", "CONSUMER-BYTES", "PRODUCER-BYTES"
            );
            let n = h.samples.len();
            let stride = n.div_ceil(20).max(1);
            let mut prev: Option<&crate::scenario::history::Sample> = None;
            for (i, x) in h.samples.iter().enumerate() {
                if i % stride != 0 && i + 1 != n {
                    continue;
                }
                let rate = |a: u64, b: u64, t0: u64| if x.time_ms > t0 { (a - b) * 1000 / (x.time_ms - t0) } else { 0 };
                let (ar, pr) = prev.map_or((0, 0), |p| {
                    (rate(x.appended, p.appended, p.time_ms), rate(x.processed, p.processed, p.time_ms))
                });
                let lag: u64 = x.group_lag.iter().map(|(_, l)| *l).sum();
                let _ = writeln!(
                    s,
                    "{:>10} {:>10} {:>12} {:>12} {:>14} {:>14}",
                    x.time_ms, lag, ar, pr, x.consumer_bytes, x.producer_bytes
                );
                prev = Some(x);
            }
        }
    }

    /// The push comparison.
    fn text_push(&self, s: &mut String) {
        use std::fmt::Write;
        if let Some(p) = &self.push {
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "Push comparison (buffer {} records, overflow {:?}): delivered {}, processed {}, dropped {}, peak buffer {}{}",
                p.config.buffer_records,
                p.config.overflow,
                p.delivered,
                p.processed,
                p.dropped,
                p.peak_buffered,
                p.crashed_at_ms.map_or(String::new(), |t| format!(", crashed at {t} ms"))
            );
        }
    }

    /// Each group's describe table and delivery ledger.
    fn text_groups(&self, s: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(s);
        let _ = writeln!(s, "Records appended: {}", self.records_appended);
        for g in &self.groups {
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "Group {}: state {:?}, generation {}, {} rebalance(s); commits in __consumer_offsets-{} ({} records there)",
                g.group, g.state, g.generation, g.rebalances, g.offsets_partition, g.offsets_partition_records
            );
            s.push_str(&format_describe(&g.group, Some(g.state), &g.describe));
            let _ = writeln!(
                s,
                "Delivery ledger: {} processed, {} processed more than once, {} never processed",
                g.processed, g.duplicates, g.lost
            );
        }
    }

    /// The consumers, and the timeline steps the simulation refused.
    fn text_consumers(&self, s: &mut String) {
        use std::fmt::Write;
        if !self.consumers.is_empty() {
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "{:<16} {:<16} {:<12} {:<12} {:>10} {:>8} {:>8}  ERROR",
                "CLIENT-ID", "GROUP", "STATE", "PARTITIONS", "PROCESSED", "COMMITS", "FAILED"
            );
            for c in &self.consumers {
                let parts = c.partitions.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(",");
                let _ = writeln!(
                    s,
                    "{:<16} {:<16} {:<12} {:<12} {:>10} {:>8} {:>8}  {}",
                    c.client_id,
                    c.group_id,
                    format!("{:?}", c.state),
                    if parts.is_empty() { "-".into() } else { parts },
                    c.records_processed,
                    c.commits_sent,
                    c.commits_failed,
                    c.last_error.as_deref().unwrap_or("-")
                );
            }
        }
        for r in &self.rejected {
            let _ = writeln!(s, "Rejected at {} ms: {}", r.at_ms, r.error);
        }
    }
}
