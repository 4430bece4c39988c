//! The report of a headless run: per partition the offsets and records per key, per producer
//! the records sent. JSON (stable field names) or aligned text.

use serde::Serialize;

use crate::scenario::{RejectedStep, Run};
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
    pub rejected: Vec<RejectedStep>,
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
                })
                .collect(),
            records_appended: snap.records_appended,
            rejected: run.rejected.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serializes")
    }

    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
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
            "{:<10} {:>18} {:>16} {:>10}  RECORDS-BY-KEY",
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
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:<20} {:>12} {:>13} {:>16} {:>13} {:>10}",
            "CLIENT-ID", "RECORDS-SENT", "RECORDS-ACKED", "RECORDS-BUFFERED", "REQUESTS-SENT", "BLOCKED-MS"
        );
        for p in &self.producers {
            let _ = writeln!(
                s,
                "{:<20} {:>12} {:>13} {:>16} {:>13} {:>10}",
                p.client_id, p.records_sent, p.records_acked, p.records_buffered, p.requests_sent, p.blocked_ms
            );
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "Records appended: {}", self.records_appended);
        for r in &self.rejected {
            let _ = writeln!(s, "Rejected at {} ms: {}", r.at_ms, r.error);
        }
        s
    }
}
