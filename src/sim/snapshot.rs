//! Plain data describing the simulation at one instant, for drawing and reports.

use serde::Serialize;

use super::*;

/// How far an [`Sim::advance_to`] call got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// True when the simulation reached the requested time; false when the step budget ran out
    /// first (call again to continue).
    pub reached: bool,
    pub steps: usize,
}

/// What to include in a [`Snapshot`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotOptions {
    /// Most recent records per partition to include.
    pub recent_records: usize,
    /// Include the per-key record counts.
    pub key_counts: bool,
}

impl Default for SnapshotOptions {
    fn default() -> Self {
        Self { recent_records: 32, key_counts: false }
    }
}

/// Plain data describing the simulation at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub time_us: u64,
    pub time_ms: u64,
    pub kafka_version: &'static str,
    pub topic: String,
    /// The topics, by name: each with its partitions' slots (the index into `partitions`).
    pub topics: Vec<TopicSnapshot>,
    pub partitions: Vec<PartitionSnapshot>,
    pub producers: Vec<ProducerSnapshot>,
    pub records_appended: u64,
    pub bytes_appended: u64,
    /// Brokers in id order, with their load.
    pub brokers: Vec<BrokerSnapshot>,
    /// Records acknowledged to acks=0/1 producers and then cut by a leader change.
    pub acked_records_lost: u64,
}

/// A topic and where its partitions are in [`Snapshot::partitions`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicSnapshot {
    pub name: String,
    pub slots: Vec<u32>,
}

/// A broker and its load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokerSnapshot {
    pub id: cluster::BrokerId,
    pub rack: Option<String>,
    pub state: cluster::BrokerState,
    /// Topic partitions it leads, and replicas it hosts (leaders included).
    pub leaders: u32,
    pub replicas: u32,
    /// `__consumer_offsets` partitions it leads (groups it coordinates).
    pub coordinator_for: Vec<u32>,
    /// Bytes per second over the last second: in (produce + replication fetched), out
    /// (replication served + consumer fetches).
    pub bytes_in_per_s: u64,
    pub bytes_out_per_s: u64,
    pub throttle: Option<u64>,
}

/// A partition's replicas as the page and the report show them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicaSnapshot {
    pub replicas: Vec<cluster::BrokerId>,
    pub leader: Option<cluster::BrokerId>,
    pub isr: Vec<cluster::BrokerId>,
    pub high_watermark: u64,
    /// Each follower's log end offset.
    pub followers: Vec<(cluster::BrokerId, u64)>,
    pub adding: Vec<cluster::BrokerId>,
    pub removing: Vec<cluster::BrokerId>,
    pub target: Option<Vec<cluster::BrokerId>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartitionSnapshot {
    pub partition: u32,
    pub log_start_offset: u64,
    pub log_end_offset: u64,
    pub bytes: u64,
    /// Most recent records, oldest first.
    pub recent: Vec<RecordMeta>,
    /// Records per key (empty unless asked for), in key order.
    pub records_by_key: Vec<(Key, u64)>,
    pub records_without_key: u64,
    pub records_other_keys: u64,
    /// The segments holding the newest `recent_records` offsets, oldest first (the last is
    /// the active one); at most `recent_records + 1`.
    pub segments: Vec<log::Segment>,
    /// Segments in the whole log.
    pub segment_count: usize,
    pub replication: ReplicaSnapshot,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProducerSnapshot {
    /// Records whose batch failed (`delivery.timeout.ms`, acks=0 with no leader).
    pub records_failed: u64,
    /// Records whose `send()` returned after `max.block.ms` with a future failed by `BufferExhaustedException`.
    pub sends_failed: u64,
    pub id: ProducerId,
    pub spec: ProducerSpec,
    pub state: ProducerState,
    pub records_sent: u64,
    pub records_acked: u64,
    pub records_buffered: u64,
    pub buffered_bytes: u64,
    pub batches_sent: u64,
    pub requests_sent: u64,
    pub requests_in_flight: u32,
    pub blocked: bool,
    pub blocked_ms: u64,
    pub sticky_partition: Option<u32>,
    pub known_partitions: u32,
    /// Open batches by partition: (partition, records, bytes).
    pub open_batches: Vec<(u32, u32, u32)>,
}

impl Sim {
    /// Plain data for drawing and reports.
    pub fn snapshot(&self, options: SnapshotOptions) -> Snapshot {
        let partitions = self
            .logs
            .iter()
            .map(|log| {
                let skip = log.recent().len().saturating_sub(options.recent_records);
                PartitionSnapshot {
                    partition: log.partition(),
                    log_start_offset: log.log_start_offset(),
                    log_end_offset: log.log_end_offset(),
                    bytes: log.bytes_total(),
                    recent: log.recent().skip(skip).copied().collect(),
                    records_by_key: if options.key_counts { log.records_by_key() } else { Vec::new() },
                    records_without_key: log.records_without_key(),
                    records_other_keys: log.records_other_keys(),
                    segments: {
                        let from = log.log_end_offset().saturating_sub(options.recent_records as u64);
                        let mut segs: Vec<log::Segment> = log
                            .segments()
                            .rev()
                            .take_while(|s| s.end_offset > from || s.end_offset == log.log_end_offset())
                            .take(options.recent_records.saturating_add(1))
                            .copied()
                            .collect();
                        segs.reverse();
                        segs
                    },
                    segment_count: log.segment_count(),
                    replication: {
                        let r = &self.cluster.partitions[log.partition() as usize];
                        ReplicaSnapshot {
                            replicas: r.replicas.clone(),
                            leader: r.leader,
                            isr: r.isr.clone(),
                            high_watermark: r.high_watermark.min(log.log_end_offset()),
                            followers: r.followers.iter().map(|(b, f)| (*b, f.leo)).collect(),
                            adding: r.reassignment.as_ref().map(|x| x.replicas.adding.clone()).unwrap_or_default(),
                            removing: r.reassignment.as_ref().map(|x| x.replicas.removing.clone()).unwrap_or_default(),
                            target: r.reassignment.as_ref().map(|x| x.target.clone()),
                        }
                    },
                }
            })
            .collect();
        let producers = self
            .producers
            .values()
            .map(|p| ProducerSnapshot {
                id: p.id,
                spec: p.spec.clone(),
                state: p.state,
                records_sent: p.records_sent,
                records_acked: p.records_acked,
                records_buffered: p.records_buffered(),
                buffered_bytes: p.buffered_bytes,
                batches_sent: p.batches_sent,
                requests_sent: p.requests_sent,
                requests_in_flight: p.in_flight.len() as u32,
                blocked: p.blocked_since_us.is_some(),
                records_failed: p.records_failed,
                sends_failed: p.sends_failed,
                blocked_ms: (p.blocked_us + p.blocked_since_us.map_or(0, |s| self.now_us - s)) / 1000,
                sticky_partition: p.partitioner.current().map(|i| i.partition),
                known_partitions: p.known_partitions,
                open_batches: p
                    .accumulator
                    .iter()
                    .enumerate()
                    .filter_map(|(part, q)| q.back().map(|b| (part as u32, b.records.len() as u32, b.size_bytes)))
                    .collect(),
            })
            .collect();
        Snapshot {
            time_us: self.now_us,
            time_ms: self.now_ms(),
            kafka_version: config::KAFKA_VERSION,
            topic: self.config.topic.clone(),
            topics: self
                .topics
                .iter()
                .map(|t| TopicSnapshot { name: t.name.clone(), slots: t.slots.clone() })
                .collect(),
            partitions,
            producers,
            records_appended: self.records_appended,
            bytes_appended: self.bytes_appended,
            brokers: self.broker_snapshots(),
            acked_records_lost: self.cluster.acked_records_lost,
        }
    }

    /// Brokers with their leaders, replicas and load.
    pub fn broker_snapshots(&self) -> Vec<BrokerSnapshot> {
        let now_ms = self.now_ms();
        self.cluster
            .brokers
            .values()
            .map(|b| {
                let (bytes_in_per_s, bytes_out_per_s) = b.rates(now_ms);
                BrokerSnapshot {
                    id: b.id,
                    rack: b.rack.clone(),
                    state: b.state,
                    leaders: self.cluster.partitions.iter().filter(|p| p.leader == Some(b.id)).count() as u32,
                    replicas: self.cluster.partitions.iter().filter(|p| p.replicas.contains(&b.id)).count() as u32,
                    coordinator_for: self
                        .cluster
                        .offsets
                        .iter()
                        .filter(|(_, r)| r.leader == Some(b.id))
                        .map(|(p, _)| *p)
                        .collect(),
                    bytes_in_per_s,
                    bytes_out_per_s,
                    throttle: b.follower_throttle.or(b.leader_throttle),
                }
            })
            .collect()
    }
}
