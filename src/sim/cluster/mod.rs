//! Brokers, replicas, leaders, the ISR and the high watermark; replica placement and partition
//! reassignment as Kafka (KRaft, 4.0) does them.
//!
//! The partition's records live once, in the leader's [`super::log::PartitionLog`]; a follower
//! is its log end offset into that log. Followers fetch whole batches from the leader at the
//! brokers' replication rate (and no faster than a reassignment throttle); a follower that has
//! not caught up with the leader's log end offset for `replica.lag.time.max.ms` leaves the ISR;
//! the high watermark is the lowest log end offset in the ISR and never goes back.

pub mod json;
pub mod placement;
pub mod reassign;

mod broker;
mod config;
mod election;
mod event;
mod lifecycle;
mod reassignment;
mod replication;
mod topics;

pub use broker::{Broker, BrokerState, QuotaWindow, ThrottleConfig};
pub use config::{BrokerSpec, ClusterConfig};
pub use event::{ClusterError, ClusterEvent, ProduceError, StateRefusal};

use super::reason::{Election, ElectionCause, Reason};
use crate::util::ordmap::{OrdMap, OrdSet};
use std::collections::VecDeque;

use serde::Serialize;

use reassign::ReassignmentReplicas;

/// A broker's `node.id`.
pub type BrokerId = i32;

/// Most brokers in a cluster.
pub const BROKERS_MAX: usize = 12;
/// How often followers fetch while some follower is behind (simulated ms).
pub const REPLICATION_TICK_MS: u64 = 20;
/// Load is reported over this many buckets of `LOAD_BUCKET_MS`.
pub const LOAD_BUCKETS: usize = 10;
pub const LOAD_BUCKET_MS: u64 = 100;

/// `replication.quota.window.num` (11) samples of `replication.quota.window.size.seconds` (1).
pub const QUOTA_WINDOW_SAMPLES: usize = 11;
pub const QUOTA_WINDOW_MS: u64 = 1_000;

/// A follower replica's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplicaProgress {
    /// Its log end offset.
    pub leo: u64,
    /// Last time it had caught up with the leader's log end offset (ms).
    pub last_caught_up_ms: u64,
    /// Bytes it may still fetch in the current budget (carried between ticks).
    credit: u64,
}

/// A reassignment in progress on a partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reassignment {
    pub target: Vec<BrokerId>,
    pub original: Vec<BrokerId>,
    pub replicas: ReassignmentReplicas,
}

/// One partition's replicas (the topic's partitions and `__consumer_offsets`' alike).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionReplicas {
    /// The replica set, preferred leader first (during a reassignment: target ++ removing).
    pub replicas: Vec<BrokerId>,
    pub isr: Vec<BrokerId>,
    pub leader: Option<BrokerId>,
    pub leader_epoch: u32,
    /// Followers' progress (the leader's log end offset is the log's).
    pub followers: OrdMap<BrokerId, ReplicaProgress>,
    /// Invariant: never decreases; at most the leader's log end offset.
    pub high_watermark: u64,
    pub reassignment: Option<Reassignment>,
}

impl PartitionReplicas {
    fn new(replicas: Vec<BrokerId>) -> Self {
        let followers =
            replicas[1..].iter().map(|b| (*b, ReplicaProgress { leo: 0, last_caught_up_ms: 0, credit: 0 })).collect();
        Self {
            leader: replicas.first().copied(),
            isr: replicas.clone(),
            replicas,
            leader_epoch: 0,
            followers,
            high_watermark: 0,
            reassignment: None,
        }
    }

    pub fn offline(&self) -> bool {
        self.leader.is_none()
    }
}

/// What a partition's log looks like to the cluster (the leader's log).
pub trait LeaderLog {
    fn log_start_offset(&self) -> u64;
    fn log_end_offset(&self) -> u64;
    /// The end offset of the batch that starts at or covers `offset` (whole batches replicate),
    /// or `offset + 1` when unknown.
    fn batch_end_after(&self, offset: u64) -> u64;
    /// Average bytes per record, for turning bytes into records.
    fn bytes_per_record(&self) -> u64;
}

/// The cluster: brokers and the replicas of every partition of the topic and of
/// `__consumer_offsets`.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub config: ClusterConfig,
    pub brokers: OrdMap<BrokerId, Broker>,
    /// The topic's partitions, by index.
    pub partitions: Vec<PartitionReplicas>,
    /// `__consumer_offsets` partitions (leaders and replicas only: their records are tiny).
    pub offsets: OrdMap<u32, PartitionReplicas>,
    /// Topic configs `leader/follower.replication.throttled.replicas`, as `partition:broker`.
    pub leader_throttled: OrdSet<(u32, BrokerId)>,
    pub follower_throttled: OrdSet<(u32, BrokerId)>,
    next_tick_us: Option<u64>,
    /// When the controller last ran its leader-imbalance check (the next is
    /// `leader.imbalance.check.interval.seconds` later, read from the config each time).
    last_rebalance_check_us: u64,
    /// Records acknowledged to producers and later truncated by an unclean or acks=1 failover.
    pub acked_records_lost: u64,
}

impl Cluster {
    /// A cluster with the topic's replicas placed by `AdminUtils.assignReplicasToBrokers`
    /// (`random(n)` draws the start index and shift unless the config fixes it).
    pub fn new(
        config: ClusterConfig,
        partitions: u32,
        random: &mut dyn FnMut(i32) -> i32,
    ) -> Result<Self, super::error::ConfigError> {
        config.validate()?;
        let brokers: OrdMap<BrokerId, Broker> = config.brokers.iter().map(|b| (b.id, Broker::new(b))).collect();
        let metas: Vec<placement::BrokerMetadata> =
            config.brokers.iter().map(|b| placement::BrokerMetadata { id: b.id, rack: b.rack.clone() }).collect();
        let parts = match &config.replica_assignment {
            Some(a) => {
                if a.len() != partitions as usize {
                    return Err(super::error::ConfigError::replica_lists("replica.assignment", a.len(), partitions));
                }
                a.iter().cloned().map(PartitionReplicas::new).collect()
            }
            None => {
                let start = config.placement_start_index.unwrap_or(-1);
                let assignment = placement::assign_replicas_to_brokers(
                    &metas,
                    partitions as i32,
                    config.replication_factor as i32,
                    start,
                    -1,
                    random,
                )
                .map_err(|e| e.config_error("replication.factor"))?;
                assignment.into_values().map(PartitionReplicas::new).collect()
            }
        };
        Ok(Self {
            last_rebalance_check_us: 0,
            config,
            brokers,
            partitions: parts,
            offsets: OrdMap::new(),
            leader_throttled: OrdSet::new(),
            follower_throttled: OrdSet::new(),
            next_tick_us: None,
            acked_records_lost: 0,
        })
    }

    /// Place `__consumer_offsets-p` (replication factor `min(3, brokers)`, as
    /// `offsets.topic.replication.factor` = 3 allows) the first time a group uses it.
    pub fn ensure_offsets_partition(&mut self, p: u32) -> Option<BrokerId> {
        if !self.offsets.contains_key(&p) {
            let ids: Vec<BrokerId> = self.brokers.keys().copied().collect();
            let n = ids.len();
            let rf = n.min(3);
            // assignReplicasToBrokers with start index 0 for partition p of the offsets topic.
            let first = p as usize % n;
            let shift = p as usize / n;
            let mut replicas = vec![ids[first]];
            for j in 0..rf.saturating_sub(1) {
                replicas.push(ids[(first + 1 + (shift + j) % (n - 1).max(1)) % n]);
            }
            let mut r = PartitionReplicas::new(replicas);
            r.leader = r.replicas.iter().copied().find(|b| self.brokers[b].alive());
            r.isr.retain(|b| self.brokers[b].alive());
            self.offsets.insert(p, r);
        }
        self.offsets[&p].leader
    }

    /// The group coordinator of an offsets partition (its leader), if any is alive.
    pub fn coordinator(&self, offsets_partition: u32) -> Option<BrokerId> {
        self.offsets.get(&offsets_partition).and_then(|r| r.leader)
    }

    pub fn high_watermark(&self, partition: u32) -> u64 {
        self.partitions.get(partition as usize).map_or(0, |p| p.high_watermark)
    }

    pub fn leader(&self, partition: u32) -> Option<BrokerId> {
        self.partitions.get(partition as usize).and_then(|p| p.leader)
    }

    /// Whether a produce request with these acks can be appended now.
    pub fn check_produce(&self, partition: u32, acks_all: bool) -> Result<BrokerId, ProduceError> {
        let p = &self.partitions[partition as usize];
        let leader = p.leader.filter(|l| self.brokers[l].alive()).ok_or(ProduceError::NotLeader)?;
        if acks_all {
            let required = (self.config.min_insync_replicas as usize).min(p.replicas.len());
            if p.isr.len() < required {
                return Err(ProduceError::NotEnoughReplicas { isr: p.isr.len(), required });
            }
        }
        Ok(leader)
    }

    /// With `produce_bytes_per_s`: when a produce request of `bytes` to these leaders, arriving
    /// now, can be appended. Reserves the brokers' time; returns `now` when there is no limit.
    pub fn produce_slot(&mut self, leaders: &[(BrokerId, u64)], now_us: u64) -> u64 {
        let Some(rate) = self.config.produce_bytes_per_s else { return now_us };
        let mut done = now_us;
        for (b, bytes) in leaders {
            if let Some(br) = self.brokers.get_mut(b) {
                let start = br.produce_free_at_us.max(now_us);
                br.produce_free_at_us = start + bytes * 1_000_000 / rate.max(1);
                done = done.max(br.produce_free_at_us);
            }
        }
        done
    }

    /// The leader appended: count the bytes in and, alone in the ISR, move the high watermark.
    pub fn on_append(&mut self, partition: u32, log: &dyn LeaderLog, bytes: u64, now_ms: u64) {
        let p = &self.partitions[partition as usize];
        if let Some(l) = p.leader {
            self.brokers.get_mut(&l).expect("leader exists").add_in(now_ms, bytes);
        }
        self.update_hw(partition, log.log_end_offset());
        if self.partitions[partition as usize].followers.iter().any(|(b, _)| self.brokers[b].alive()) {
            self.schedule_tick(now_ms * 1000);
        }
    }

    /// Consumers fetched `bytes` from the partition's leader.
    pub fn on_consumer_fetch(&mut self, partition: u32, bytes: u64, now_ms: u64) {
        if let Some(l) = self.leader(partition) {
            self.brokers.get_mut(&l).expect("leader exists").add_out(now_ms, bytes);
        }
    }

    fn schedule_tick(&mut self, now_us: u64) {
        let t = now_us + REPLICATION_TICK_MS * 1000;
        if self.next_tick_us.is_none_or(|n| n > t) {
            self.next_tick_us = Some(t);
        }
    }

    /// The earliest time the cluster needs attention.
    fn next_rebalance_check_us(&self) -> u64 {
        self.last_rebalance_check_us + self.config.leader_imbalance_check_interval_ms.max(1) * 1000
    }

    pub fn next_wakeup_us(&self) -> Option<u64> {
        let fences = self.brokers.values().filter_map(|b| b.fence_at_us);
        let rebalance =
            (self.config.auto_leader_rebalance && self.brokers.len() > 1).then(|| self.next_rebalance_check_us());
        self.next_tick_us.into_iter().chain(fences).chain(rebalance).min()
    }

    /// New partitions of the first topic (`kafka-topics.sh --alter --partitions`), in `slots`:
    /// placed with the start index of partition 0's first replica, as Kafka's add-partitions
    /// path does.
    pub fn add_partitions(&mut self, from: u32, to: u32, slots: &[u32]) -> Result<(), super::error::ConfigError> {
        let metas: Vec<placement::BrokerMetadata> =
            self.brokers.values().map(|b| placement::BrokerMetadata { id: b.id, rack: b.rack.clone() }).collect();
        let ids: Vec<BrokerId> = metas.iter().map(|m| m.id).collect();
        let first = self.partitions.first().and_then(|p| p.replicas.first()).copied().unwrap_or(ids[0]);
        let start = ids.iter().position(|b| *b == first).unwrap_or(0) as i32;
        let rf = self.partitions.first().map_or(1, |p| p.replicas.len()) as i32;
        let assignment =
            placement::assign_replicas_to_brokers(&metas, (to - from) as i32, rf, start, from as i32, &mut |_| 0)
                .map_err(|e| e.config_error("replication.factor"))?;
        for ((_, replicas), slot) in assignment.into_iter().zip(slots) {
            self.install_partition(*slot, replicas);
        }
        Ok(())
    }
}
