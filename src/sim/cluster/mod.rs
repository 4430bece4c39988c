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

use super::reason::{Election, ElectionCause, Reason};
use crate::util::order::CollectBtree;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

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

/// A broker as configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokerSpec {
    pub id: BrokerId,
    pub rack: Option<String>,
}

/// The cluster's settings (Kafka's names; playground-only ones say so).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterConfig {
    pub brokers: Vec<BrokerSpec>,
    /// The topic's replication factor.
    pub replication_factor: u16,
    /// `min.insync.replicas` (Kafka: 1).
    pub min_insync_replicas: u16,
    /// `replica.lag.time.max.ms` (Kafka: 30000).
    pub replica_lag_time_max_ms: u64,
    /// `unclean.leader.election.enable` (Kafka: false).
    pub unclean_leader_election: bool,
    /// `broker.session.timeout.ms` (Kafka: 9000): how long a crashed broker stays registered
    /// before the controller fences it.
    pub broker_session_timeout_ms: u64,
    /// `auto.leader.rebalance.enable` (true) and `leader.imbalance.check.interval.seconds` (300).
    /// (`leader.imbalance.per.broker.percentage` is a ZooKeeper-era setting KRaft does not use.)
    pub auto_leader_rebalance: bool,
    pub leader_imbalance_check_interval_ms: u64,
    /// Playground: bytes per second one broker can fetch as a follower (its network).
    pub replication_bytes_per_s: u64,
    /// Playground: the fixed start index for placing the topic's replicas (`None`: random, as
    /// Kafka).
    pub placement_start_index: Option<i32>,
    /// `kafka-topics.sh --create --replica-assignment`: the replicas of each partition, given
    /// instead of placed.
    pub replica_assignment: Option<Vec<Vec<BrokerId>>>,
    /// Playground: bytes per second one broker can append for producers (its disk and network);
    /// `None` for no limit. Requests queue behind it.
    pub produce_bytes_per_s: Option<u64>,
}

impl Default for ClusterConfig {
    /// One broker, replication factor 1: the model before brokers existed.
    fn default() -> Self {
        Self {
            brokers: vec![BrokerSpec { id: 1, rack: None }],
            replication_factor: 1,
            min_insync_replicas: 1,
            replica_lag_time_max_ms: 30_000,
            unclean_leader_election: false,
            broker_session_timeout_ms: 9_000,
            auto_leader_rebalance: true,
            leader_imbalance_check_interval_ms: 300_000,
            replication_bytes_per_s: 20_000_000,
            placement_start_index: None,
            replica_assignment: None,
            produce_bytes_per_s: None,
        }
    }
}

impl ClusterConfig {
    /// Brokers `1..=n`, no racks, the given replication factor.
    pub fn brokers(n: i32, replication_factor: u16) -> Self {
        Self {
            brokers: (1..=n).map(|id| BrokerSpec { id, rack: None }).collect(),
            replication_factor,
            ..Self::default()
        }
    }

    pub fn validate(&self) -> Result<(), super::error::ConfigError> {
        use super::error::ConfigError;
        if self.brokers.is_empty() || self.brokers.len() > BROKERS_MAX {
            return Err(ConfigError::new("brokers", format!("1 to {BROKERS_MAX} brokers")));
        }
        let mut ids = BTreeSet::new();
        for b in &self.brokers {
            if b.id < 0 {
                return Err(ConfigError::new("brokers", format!("node.id {} must be 0 or more", b.id)));
            }
            if !ids.insert(b.id) {
                return Err(ConfigError::new("brokers", format!("node.id {} appears twice", b.id)));
            }
        }
        if self.replication_factor == 0 || self.replication_factor as usize > self.brokers.len() {
            return Err(ConfigError::new(
                "replication.factor",
                format!(
                    "InvalidReplicationFactorException: Replication factor: {} larger than available brokers: {}.",
                    self.replication_factor,
                    self.brokers.len()
                ),
            ));
        }
        if self.min_insync_replicas == 0 {
            return Err(ConfigError::new("min.insync.replicas", "Value must be at least 1"));
        }
        if self.replication_bytes_per_s == 0 {
            return Err(ConfigError::new("replication.bytes.per.sec", "Value must be at least 1"));
        }
        if let Some(a) = &self.replica_assignment {
            for (i, r) in a.iter().enumerate() {
                let mut seen = BTreeSet::new();
                if let Some(d) = r.iter().find(|b| !seen.insert(**b)) {
                    return Err(ConfigError::new(
                        "replica.assignment",
                        format!("Partition replica lists may not contain duplicate entries: {d}"),
                    ));
                }
                if r.len() != a[0].len() || r.is_empty() {
                    return Err(ConfigError::new(
                        "replica.assignment",
                        format!("Partition {i} has different replication factor: {r:?}"),
                    ));
                }
                if let Some(b) = r.iter().find(|b| !ids.contains(b)) {
                    return Err(ConfigError::new("replica.assignment", format!("Unknown broker id {b}")));
                }
            }
        }
        Ok(())
    }
}

/// Whether a broker is serving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BrokerState {
    Running,
    /// Crashed, still registered until `broker.session.timeout.ms` passes.
    Crashed,
    /// Stopped (controlled shutdown) or crashed and fenced by the controller.
    Fenced,
}

/// A throttle config of `kafka-configs.sh` (`None` deletes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ThrottleConfig {
    /// `leader.replication.throttled.rate` (leader) or `follower.replication.throttled.rate`.
    BrokerRate { broker: BrokerId, leader: bool, rate: Option<u64> },
    /// `leader.replication.throttled.replicas` (leader) or `follower...`, as partition:broker.
    TopicReplicas { leader: bool, replicas: Option<Vec<(u32, BrokerId)>> },
}

/// `replication.quota.window.num` (11) samples of `replication.quota.window.size.seconds` (1).
pub const QUOTA_WINDOW_SAMPLES: usize = 11;
pub const QUOTA_WINDOW_MS: u64 = 1_000;

/// A replication quota's measured rate: Kafka's `Rate` over a `SampledStat` of
/// `QUOTA_WINDOW_SAMPLES` samples. A young window is padded to `samples - 1` windows
/// (`Rate.windowSize`), so a fresh throttle admits about ten seconds' worth of bytes at full
/// speed before `isQuotaExceeded` turns true; a long copy converges to the throttle's rate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QuotaWindow {
    /// `(window start ms, bytes)`, oldest first. Invariant: at most `QUOTA_WINDOW_SAMPLES`.
    samples: VecDeque<(u64, u64)>,
}

impl QuotaWindow {
    /// `SampledStat.purgeObsoleteSamples`: samples older than the whole window go.
    fn purge(&mut self, now_ms: u64) {
        let span = QUOTA_WINDOW_SAMPLES as u64 * QUOTA_WINDOW_MS;
        while self.samples.front().is_some_and(|(start, _)| now_ms.saturating_sub(*start) >= span) {
            self.samples.pop_front();
        }
    }

    /// `Sensor.record`: add bytes to the current sample (a new one when it is complete).
    pub fn record(&mut self, now_ms: u64, bytes: u64) {
        self.purge(now_ms);
        match self.samples.back_mut() {
            Some((start, b)) if now_ms < *start + QUOTA_WINDOW_MS => *b += bytes,
            _ => {
                if self.samples.len() == QUOTA_WINDOW_SAMPLES {
                    self.samples.pop_front();
                }
                self.samples.push_back((now_ms, bytes));
            }
        }
    }

    /// `Rate.measure`, bytes per second.
    pub fn rate(&self, now_ms: u64) -> u64 {
        let span = QUOTA_WINDOW_SAMPLES as u64 * QUOTA_WINDOW_MS;
        let live = || self.samples.iter().filter(|(start, _)| now_ms.saturating_sub(*start) < span);
        let total: u64 = live().map(|(_, b)| *b).sum();
        let oldest = live().next().map_or(now_ms, |(start, _)| *start);
        let mut elapsed = now_ms.saturating_sub(oldest);
        let full_windows = elapsed / QUOTA_WINDOW_MS;
        let min_full = QUOTA_WINDOW_SAMPLES as u64 - 1;
        if full_windows < min_full {
            elapsed += (min_full - full_windows) * QUOTA_WINDOW_MS;
        }
        total * 1000 / elapsed.max(1)
    }

    /// `ReplicationQuotaManager.isQuotaExceeded` for a rate limit.
    pub fn exceeded(&self, now_ms: u64, limit: Option<u64>) -> bool {
        limit.is_some_and(|l| self.rate(now_ms) > l)
    }
}

/// One broker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broker {
    pub id: BrokerId,
    pub rack: Option<String>,
    pub state: BrokerState,
    /// When the controller fences a crashed broker.
    pub fence_at_us: Option<u64>,
    /// `leader.replication.throttled.rate` / `follower.replication.throttled.rate`, bytes/s.
    pub leader_throttle: Option<u64>,
    pub follower_throttle: Option<u64>,
    /// The replication quotas' rate windows: throttled bytes served as a leader and fetched
    /// as a follower (`ReplicationQuotaManager`).
    pub leader_quota: QuotaWindow,
    pub follower_quota: QuotaWindow,
    /// Bytes received (produce + replication fetched) and sent (replication served + consumer
    /// fetches), per `LOAD_BUCKET_MS` bucket, newest last. Invariant: at most `LOAD_BUCKETS`.
    load_in: VecDeque<u64>,
    load_out: VecDeque<u64>,
    load_bucket: u64,
    pub bytes_in_total: u64,
    pub bytes_out_total: u64,
    /// With a produce limit: when the broker has appended everything queued so far.
    pub produce_free_at_us: u64,
}

impl Broker {
    fn new(spec: &BrokerSpec) -> Self {
        Self {
            id: spec.id,
            rack: spec.rack.clone(),
            state: BrokerState::Running,
            fence_at_us: None,
            leader_throttle: None,
            follower_throttle: None,
            leader_quota: QuotaWindow::default(),
            follower_quota: QuotaWindow::default(),
            load_in: VecDeque::new(),
            load_out: VecDeque::new(),
            load_bucket: 0,
            bytes_in_total: 0,
            bytes_out_total: 0,
            produce_free_at_us: 0,
        }
    }

    /// Serving requests (a crashed broker is not, even before it is fenced).
    pub fn alive(&self) -> bool {
        self.state == BrokerState::Running
    }

    fn roll(&mut self, now_ms: u64) {
        let bucket = now_ms / LOAD_BUCKET_MS;
        if self.load_in.is_empty() {
            self.load_bucket = bucket;
            self.load_in.push_back(0);
            self.load_out.push_back(0);
        }
        while self.load_bucket < bucket {
            self.load_bucket += 1;
            self.load_in.push_back(0);
            self.load_out.push_back(0);
            if self.load_in.len() > LOAD_BUCKETS {
                self.load_in.pop_front();
                self.load_out.pop_front();
            }
            if self.load_bucket + (LOAD_BUCKETS as u64) < bucket {
                self.load_bucket = bucket;
                self.load_in.clear();
                self.load_out.clear();
                self.load_in.push_back(0);
                self.load_out.push_back(0);
            }
        }
    }

    fn add_in(&mut self, now_ms: u64, bytes: u64) {
        self.roll(now_ms);
        *self.load_in.back_mut().expect("rolled") += bytes;
        self.bytes_in_total += bytes;
    }

    fn add_out(&mut self, now_ms: u64, bytes: u64) {
        self.roll(now_ms);
        *self.load_out.back_mut().expect("rolled") += bytes;
        self.bytes_out_total += bytes;
    }

    /// Bytes per second in and out over the last second (whole buckets).
    pub fn rates(&self, now_ms: u64) -> (u64, u64) {
        let bucket = now_ms / LOAD_BUCKET_MS;
        let sum = |q: &VecDeque<u64>| -> u64 {
            q.iter()
                .enumerate()
                .filter(|(i, _)| {
                    let b = self.load_bucket + 1 + *i as u64 - q.len() as u64;
                    b + LOAD_BUCKETS as u64 > bucket && b < bucket
                })
                .map(|(_, v)| *v)
                .sum()
        };
        let secs = (LOAD_BUCKETS as u64 - 1) * LOAD_BUCKET_MS;
        (sum(&self.load_in) * 1000 / secs, sum(&self.load_out) * 1000 / secs)
    }
}

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
    pub followers: BTreeMap<BrokerId, ReplicaProgress>,
    /// Invariant: never decreases; at most the leader's log end offset.
    pub high_watermark: u64,
    pub reassignment: Option<Reassignment>,
}

impl PartitionReplicas {
    fn new(replicas: Vec<BrokerId>) -> Self {
        let followers = replicas[1..]
            .iter()
            .map(|b| (*b, ReplicaProgress { leo: 0, last_caught_up_ms: 0, credit: 0 }))
            .collect_btree();
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

/// Something the cluster did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClusterEvent {
    BrokerStopped {
        broker: BrokerId,
    },
    BrokerCrashed {
        broker: BrokerId,
    },
    /// The controller fenced a broker whose session timed out.
    BrokerFenced {
        broker: BrokerId,
    },
    BrokerRestarted {
        broker: BrokerId,
    },
    BrokerAdded {
        broker: BrokerId,
    },
    BrokerRemoved {
        broker: BrokerId,
    },
    LeaderElected {
        partition: u32,
        leader: BrokerId,
        epoch: u32,
        reason: Reason<Election>,
    },
    /// No in-sync replica is alive (and unclean election is off): nobody can read or write.
    PartitionOffline {
        partition: u32,
    },
    IsrShrunk {
        partition: u32,
        removed: Vec<BrokerId>,
        isr: Vec<BrokerId>,
    },
    IsrExpanded {
        partition: u32,
        added: Vec<BrokerId>,
        isr: Vec<BrokerId>,
    },
    /// A new leader's log was shorter: records above its log end offset are gone.
    LogTruncated {
        partition: u32,
        from: u64,
        to: u64,
    },
    ReassignmentStarted {
        partition: u32,
        replicas: Vec<BrokerId>,
        adding: Vec<BrokerId>,
        removing: Vec<BrokerId>,
    },
    ReassignmentCompleted {
        partition: u32,
        replicas: Vec<BrokerId>,
        isr: Vec<BrokerId>,
    },
    ReassignmentCancelled {
        partition: u32,
        replicas: Vec<BrokerId>,
    },
    ThrottlesSet {
        rate: u64,
        brokers: Vec<BrokerId>,
    },
    ThrottlesCleared,
    /// The offsets topic partition (group coordinator) moved to another broker.
    CoordinatorMoved {
        offsets_partition: u32,
        leader: Option<BrokerId>,
    },
}

/// Why the cluster refused a command. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ClusterError {
    UnknownBroker {
        broker: BrokerId,
    },
    BrokerExists {
        broker: BrokerId,
    },
    TooManyBrokers {
        max: usize,
    },
    /// The broker still hosts replicas; `partitions` lists where.
    BrokerHasReplicas {
        broker: BrokerId,
        partitions: Vec<u32>,
    },
    BadState {
        broker: BrokerId,
        message: String,
    },
    UnknownPartition {
        partition: u32,
    },
    InvalidReplicas {
        message: String,
    },
    NoReassignment {
        partition: u32,
    },
}

impl std::fmt::Display for ClusterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClusterError::UnknownBroker { broker } => write!(f, "Unknown broker id {broker}"),
            ClusterError::BrokerExists { broker } => write!(f, "Broker {broker} already exists"),
            ClusterError::TooManyBrokers { max } => write!(f, "At most {max} brokers"),
            ClusterError::BrokerHasReplicas { broker, partitions } => write!(
                f,
                "Broker {broker} still hosts replicas of partition(s) {}; move them off first",
                partitions.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(",")
            ),
            ClusterError::BadState { message, .. } => write!(f, "{message}"),
            ClusterError::UnknownPartition { partition } => write!(f, "Unable to find partition {partition}"),
            ClusterError::InvalidReplicas { message } => write!(f, "InvalidReplicaAssignmentException: {message}"),
            ClusterError::NoReassignment { partition } => {
                write!(f, "NoReassignmentInProgressException: no reassignment of partition {partition}")
            }
        }
    }
}

/// Why a produce request for a partition cannot be appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProduceError {
    /// `NOT_LEADER_OR_FOLLOWER` / no leader: the producer retries after refreshing metadata.
    NotLeader,
    /// `NOT_ENOUGH_REPLICAS` (acks=all, ISR smaller than `min.insync.replicas`).
    NotEnoughReplicas { isr: usize, required: usize },
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
    pub brokers: BTreeMap<BrokerId, Broker>,
    /// The topic's partitions, by index.
    pub partitions: Vec<PartitionReplicas>,
    /// `__consumer_offsets` partitions (leaders and replicas only: their records are tiny).
    pub offsets: BTreeMap<u32, PartitionReplicas>,
    /// Topic configs `leader/follower.replication.throttled.replicas`, as `partition:broker`.
    pub leader_throttled: BTreeSet<(u32, BrokerId)>,
    pub follower_throttled: BTreeSet<(u32, BrokerId)>,
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
        let brokers: BTreeMap<BrokerId, Broker> = config.brokers.iter().map(|b| (b.id, Broker::new(b))).collect_btree();
        let metas: Vec<placement::BrokerMetadata> =
            config.brokers.iter().map(|b| placement::BrokerMetadata { id: b.id, rack: b.rack.clone() }).collect();
        let parts = match &config.replica_assignment {
            Some(a) => {
                if a.len() != partitions as usize {
                    return Err(super::error::ConfigError::new(
                        "replica.assignment",
                        format!("{} replica lists for {partitions} partitions", a.len()),
                    ));
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
                .map_err(|e| super::error::ConfigError::new("replication.factor", e.to_string()))?;
                assignment.into_values().map(PartitionReplicas::new).collect()
            }
        };
        Ok(Self {
            last_rebalance_check_us: 0,
            config,
            brokers,
            partitions: parts,
            offsets: BTreeMap::new(),
            leader_throttled: BTreeSet::new(),
            follower_throttled: BTreeSet::new(),
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

    /// HW = min LEO over the ISR (the leader's is the log's); forward only; not while the ISR
    /// is below `min.insync.replicas` (Kafka 3.7+, KIP-966).
    fn update_hw(&mut self, partition: u32, leader_leo: u64) {
        let min_isr = self.config.min_insync_replicas as usize;
        let p = &mut self.partitions[partition as usize];
        let Some(leader) = p.leader else { return };
        if p.isr.len() < min_isr.min(p.replicas.len()) {
            return;
        }
        let min = p
            .isr
            .iter()
            .map(|b| if *b == leader { leader_leo } else { p.followers.get(b).map_or(leader_leo, |f| f.leo) })
            .min()
            .unwrap_or(leader_leo);
        if min > p.high_watermark {
            p.high_watermark = min;
        }
    }

    /// Everything due now: fencing, replication, ISR changes, reassignment steps, preferred
    /// leader elections. Returns truncations `(partition, to)` the caller applies to the logs
    /// (before anything else reads them).
    pub fn process(&mut self, now_us: u64, logs: &[&dyn LeaderLog], out: &mut Vec<ClusterEvent>) -> Vec<(u32, u64)> {
        let now_ms = now_us / 1000;
        let mut truncations = Vec::new();
        // The controller fences brokers whose session timed out.
        let due: Vec<BrokerId> =
            self.brokers.values().filter(|b| b.fence_at_us.is_some_and(|t| t <= now_us)).map(|b| b.id).collect();
        for id in due {
            let b = self.brokers.get_mut(&id).expect("due broker");
            b.fence_at_us = None;
            b.state = BrokerState::Fenced;
            out.push(ClusterEvent::BrokerFenced { broker: id });
            self.remove_broker_from_isrs(id, now_ms, logs, out, &mut truncations, ElectionCause::BrokerFenced);
        }
        if self.next_tick_us.is_some_and(|t| t <= now_us) {
            self.next_tick_us = None;
            let busy = self.replicate(now_ms, logs, out, &mut truncations);
            if busy {
                self.schedule_tick(now_us);
            }
        }
        if self.config.auto_leader_rebalance && self.brokers.len() > 1 && self.next_rebalance_check_us() <= now_us {
            self.last_rebalance_check_us = now_us;
            self.preferred_leader_elections(logs, out, &mut truncations);
        }
        truncations
    }

    /// One replication round: followers fetch, the ISR shrinks and grows, the HW moves,
    /// reassignments complete. Returns whether another round is needed.
    fn replicate(
        &mut self,
        now_ms: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
    ) -> bool {
        let tick_bytes = |rate: u64| rate * REPLICATION_TICK_MS / 1000;
        let mut busy = false;
        // Per-broker budgets for this round.
        let mut fetch_budget: BTreeMap<BrokerId, u64> =
            self.brokers.keys().map(|b| (*b, tick_bytes(self.config.replication_bytes_per_s))).collect_btree();
        let lag_max = self.config.replica_lag_time_max_ms;
        for pi in 0..self.partitions.len() {
            let log = logs[pi];
            // A truncation decided earlier in this instant (an election) is not applied to the
            // log yet: the leader's log already ends there.
            let leo = truncations
                .iter()
                .filter(|(q, _)| *q as usize == pi)
                .map(|(_, to)| *to)
                .fold(log.log_end_offset(), u64::min);
            // The simulation runs the cluster before the instant's appends: a fetch sees what
            // the leader had before them.
            let visible = leo;
            let start = log.log_start_offset();
            let per_record = log.bytes_per_record().max(1);
            let Some(leader) = self.partitions[pi].leader else { continue };
            if !self.brokers[&leader].alive() {
                continue;
            }
            let followers: Vec<BrokerId> = self.partitions[pi].followers.keys().copied().collect();
            for f in followers {
                if !self.brokers[&f].alive() {
                    continue;
                }
                let throttled = self.follower_throttled.contains(&(pi as u32, f))
                    || self.leader_throttled.contains(&(pi as u32, leader))
                        && self.partitions[pi].reassignment.as_ref().is_some_and(|r| r.replicas.adding.contains(&f));
                let prog = self.partitions[pi].followers.get_mut(&f).expect("follower");
                if prog.leo < start {
                    prog.leo = start;
                }
                if prog.leo >= leo {
                    prog.last_caught_up_ms = now_ms;
                    prog.credit = 0;
                    continue;
                }
                busy = true;
                let mut budget = fetch_budget[&f];
                // A throttled replica is left out of the fetch while either side's quota is
                // exceeded (`ReplicaFetcherThread` / `ReplicaManager.shouldLeaderThrottle`).
                if throttled {
                    let (fb, lb) = (&self.brokers[&f], &self.brokers[&leader]);
                    if fb.follower_quota.exceeded(now_ms, fb.follower_throttle)
                        || lb.leader_quota.exceeded(now_ms, lb.leader_throttle)
                    {
                        budget = 0;
                    }
                }
                prog.credit += budget;
                let mut fetched_bytes = 0;
                // Whole batches only, of what the leader had when the fetch was sent.
                while prog.leo < visible {
                    let end = log.batch_end_after(prog.leo).min(visible).max(prog.leo + 1);
                    let bytes = (end - prog.leo) * per_record;
                    if bytes > prog.credit {
                        break;
                    }
                    prog.credit -= bytes;
                    fetched_bytes += bytes;
                    prog.leo = end;
                }
                // Caught up: it has everything the leader had when this fetch was sent
                // (`Replica.updateFetchState`: lastCaughtUpTime).
                if prog.leo >= visible {
                    prog.last_caught_up_ms = now_ms;
                    prog.credit = 0;
                }
                // A follower cannot bank more than one second of budget.
                prog.credit = prog.credit.min(budget * (1000 / REPLICATION_TICK_MS));
                *fetch_budget.get_mut(&f).expect("broker") -= fetched_bytes.min(fetch_budget[&f]);
                if throttled && fetched_bytes > 0 {
                    // Only throttled replicas' bytes count towards the quotas.
                    self.brokers.get_mut(&f).expect("broker").follower_quota.record(now_ms, fetched_bytes);
                    self.brokers.get_mut(&leader).expect("broker").leader_quota.record(now_ms, fetched_bytes);
                }
                if fetched_bytes > 0 {
                    self.brokers.get_mut(&f).expect("broker").add_in(now_ms, fetched_bytes);
                    self.brokers.get_mut(&leader).expect("broker").add_out(now_ms, fetched_bytes);
                }
            }
            // ISR: shrink followers that lag too long; expand those caught up to the HW.
            let p = &mut self.partitions[pi];
            let hw = p.high_watermark;
            let stale: Vec<BrokerId> = p
                .isr
                .iter()
                .copied()
                .filter(|b| {
                    *b != leader
                        && p.followers.get(b).is_some_and(|f| now_ms.saturating_sub(f.last_caught_up_ms) > lag_max)
                })
                .collect();
            if !stale.is_empty() {
                p.isr.retain(|b| !stale.contains(b));
                out.push(ClusterEvent::IsrShrunk { partition: pi as u32, removed: stale, isr: p.isr.clone() });
            }
            // A follower joins the ISR once it has everything below the high watermark (as of
            // the fetch it just answered) (`Partition.isFollowerInSync`).
            let joining: Vec<BrokerId> = p
                .followers
                .iter()
                .filter(|(b, f)| !p.isr.contains(b) && f.leo >= hw && f.last_caught_up_ms == now_ms)
                .map(|(b, _)| *b)
                .filter(|b| self.brokers[b].alive())
                .collect();
            if !joining.is_empty() {
                p.isr.extend(&joining);
                out.push(ClusterEvent::IsrExpanded { partition: pi as u32, added: joining, isr: p.isr.clone() });
            }
            self.update_hw(pi as u32, leo);
            self.maybe_complete_reassignment(pi as u32, logs, out, truncations);
        }
        busy
    }

    fn maybe_complete_reassignment(
        &mut self,
        pi: u32,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
    ) {
        let p = &mut self.partitions[pi as usize];
        let Some(r) = &p.reassignment else { return };
        let Some((replicas, isr)) = r.replicas.maybe_complete(&p.isr) else { return };
        let removing = r.replicas.removing.clone();
        p.reassignment = None;
        p.replicas = replicas;
        p.isr = isr;
        for b in &removing {
            p.followers.remove(b);
        }
        // The controller writes no config records here: the throttles stay until
        // `kafka-reassign-partitions.sh --verify` (or `--cancel`) removes them.
        out.push(ClusterEvent::ReassignmentCompleted {
            partition: pi,
            replicas: self.partitions[pi as usize].replicas.clone(),
            isr: self.partitions[pi as usize].isr.clone(),
        });
        // The leader stays if it is still a valid leader; otherwise the first target replica
        // in the ISR (`PartitionChangeBuilder.tryElection`).
        let p = &self.partitions[pi as usize];
        let valid = p.leader.is_some_and(|l| p.replicas.contains(&l) && p.isr.contains(&l) && self.brokers[&l].alive());
        if !valid {
            // The new leader is in the ISR: it has everything below the high watermark; what
            // only the old leader had (not yet acknowledged to acks=all producers) is cut.
            self.elect(pi, logs, out, truncations, ElectionCause::LeaderRemoved);
        }
    }

    /// Elect a leader for a partition: the first replica (in replica order) that is in the ISR
    /// and alive; with unclean election, any alive replica. A new leader whose log is shorter
    /// truncates the log (pushed to `truncations`).
    fn elect(
        &mut self,
        pi: u32,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
        cause: ElectionCause,
    ) {
        let unclean = self.config.unclean_leader_election;
        let brokers = &self.brokers;
        let p = &mut self.partitions[pi as usize];
        let old = p.leader;
        let log_leo = logs[pi as usize].log_end_offset();
        let clean = p.replicas.iter().copied().find(|b| p.isr.contains(b) && brokers[b].alive());
        let (new, unclean_used) = match clean {
            Some(b) => (Some(b), false),
            None if unclean => (p.replicas.iter().copied().find(|b| brokers[b].alive()), true),
            None => (None, false),
        };
        match new {
            None => {
                p.leader = None;
                // The ISR keeps its last member (it alone may lead again without data loss).
                if p.isr.len() > 1 {
                    p.isr.truncate(1);
                }
                if old.is_some() {
                    out.push(ClusterEvent::PartitionOffline { partition: pi });
                }
            }
            Some(b) if Some(b) == old => {}
            Some(b) => {
                // The new leader's log end offset: a follower's, or the whole log.
                let new_leo = p.followers.get(&b).map_or(log_leo, |f| f.leo);
                if let Some(o) = old.filter(|o| p.replicas.contains(o)) {
                    p.followers
                        .insert(o, ReplicaProgress { leo: new_leo.min(log_leo), last_caught_up_ms: 0, credit: 0 });
                }
                p.followers.remove(&b);
                p.leader = Some(b);
                p.leader_epoch += 1;
                if unclean_used {
                    p.isr = vec![b];
                }
                out.push(ClusterEvent::LeaderElected {
                    partition: pi,
                    leader: b,
                    epoch: p.leader_epoch,
                    reason: Reason::new(Election { cause, unclean: unclean_used }),
                });
                if new_leo < log_leo {
                    truncations.push((pi, new_leo));
                    out.push(ClusterEvent::LogTruncated { partition: pi, from: log_leo, to: new_leo });
                    if p.high_watermark > new_leo {
                        // Only an unclean election gets here: acknowledged data is lost.
                        p.high_watermark = new_leo;
                    }
                    for f in p.followers.values_mut() {
                        f.leo = f.leo.min(new_leo);
                    }
                }
            }
        }
    }

    fn remove_broker_from_isrs(
        &mut self,
        id: BrokerId,
        now_ms: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
        reason: ElectionCause,
    ) {
        for pi in 0..self.partitions.len() as u32 {
            let p = &mut self.partitions[pi as usize];
            if !p.replicas.contains(&id) {
                continue;
            }
            let was_leader = p.leader == Some(id);
            if p.isr.contains(&id) && p.isr.len() > 1 {
                p.isr.retain(|b| *b != id);
                out.push(ClusterEvent::IsrShrunk { partition: pi, removed: vec![id], isr: p.isr.clone() });
            }
            if was_leader {
                self.elect(pi, logs, out, truncations, reason);
            }
            let leo = logs[pi as usize].log_end_offset();
            self.update_hw(pi, leo);
        }
        // Group coordinators move too.
        let alive: BTreeSet<BrokerId> = self.brokers.values().filter(|b| b.alive()).map(|b| b.id).collect_btree();
        for (op, r) in self.offsets.iter_mut() {
            if r.leader == Some(id) {
                r.isr.retain(|b| *b != id);
                r.leader = r.replicas.iter().copied().find(|b| alive.contains(b));
                out.push(ClusterEvent::CoordinatorMoved { offsets_partition: *op, leader: r.leader });
            }
        }
        let _ = now_ms;
    }

    /// Controlled shutdown: leadership moves at once, the broker leaves every ISR.
    pub fn stop_broker(
        &mut self,
        id: BrokerId,
        now_us: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
    ) -> Result<Vec<(u32, u64)>, ClusterError> {
        let b = self.brokers.get_mut(&id).ok_or(ClusterError::UnknownBroker { broker: id })?;
        if b.state == BrokerState::Fenced {
            return Err(ClusterError::BadState { broker: id, message: format!("Broker {id} is already stopped") });
        }
        b.state = BrokerState::Fenced;
        b.fence_at_us = None;
        out.push(ClusterEvent::BrokerStopped { broker: id });
        let mut truncations = Vec::new();
        self.remove_broker_from_isrs(id, now_us / 1000, logs, out, &mut truncations, ElectionCause::ControlledShutdown);
        Ok(truncations)
    }

    /// The process dies: it stops serving now; the controller notices after
    /// `broker.session.timeout.ms`.
    pub fn crash_broker(&mut self, id: BrokerId, now_us: u64, out: &mut Vec<ClusterEvent>) -> Result<(), ClusterError> {
        let timeout = self.config.broker_session_timeout_ms;
        let b = self.brokers.get_mut(&id).ok_or(ClusterError::UnknownBroker { broker: id })?;
        if b.state != BrokerState::Running {
            return Err(ClusterError::BadState { broker: id, message: format!("Broker {id} is not running") });
        }
        b.state = BrokerState::Crashed;
        b.fence_at_us = Some(now_us + timeout * 1000);
        out.push(ClusterEvent::BrokerCrashed { broker: id });
        Ok(())
    }

    /// Start a stopped or crashed broker: its replicas catch up and rejoin the ISR; partitions
    /// that were offline with it as their last in-sync replica get a leader again.
    pub fn restart_broker(
        &mut self,
        id: BrokerId,
        now_us: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
    ) -> Result<Vec<(u32, u64)>, ClusterError> {
        let b = self.brokers.get_mut(&id).ok_or(ClusterError::UnknownBroker { broker: id })?;
        if b.state == BrokerState::Running {
            return Err(ClusterError::BadState { broker: id, message: format!("Broker {id} is already running") });
        }
        let was_registered = b.state == BrokerState::Crashed;
        b.state = BrokerState::Running;
        b.fence_at_us = None;
        out.push(ClusterEvent::BrokerRestarted { broker: id });
        let mut truncations = Vec::new();
        if was_registered {
            // Crashed and back before being fenced: still in the ISRs; a follower that missed
            // data simply catches up.
        }
        for pi in 0..self.partitions.len() as u32 {
            let p = &self.partitions[pi as usize];
            if p.replicas.contains(&id) && (p.leader.is_none() || p.leader == Some(id)) {
                self.elect(pi, logs, out, &mut truncations, ElectionCause::BrokerRestarted);
            }
        }
        for r in self.offsets.values_mut() {
            if r.replicas.contains(&id) && r.leader.is_none() {
                r.leader = Some(id);
            }
        }
        self.schedule_tick(now_us);
        Ok(truncations)
    }

    pub fn add_broker(&mut self, spec: BrokerSpec, out: &mut Vec<ClusterEvent>) -> Result<(), ClusterError> {
        if self.brokers.contains_key(&spec.id) {
            return Err(ClusterError::BrokerExists { broker: spec.id });
        }
        if self.brokers.len() >= BROKERS_MAX {
            return Err(ClusterError::TooManyBrokers { max: BROKERS_MAX });
        }
        if spec.id < 0 {
            return Err(ClusterError::InvalidReplicas { message: format!("node.id {} must be 0 or more", spec.id) });
        }
        out.push(ClusterEvent::BrokerAdded { broker: spec.id });
        self.config.brokers.push(spec.clone());
        self.brokers.insert(spec.id, Broker::new(&spec));
        Ok(())
    }

    /// The topic partitions with a replica on a broker.
    pub fn partitions_on(&self, id: BrokerId) -> Vec<u32> {
        (0..self.partitions.len() as u32).filter(|p| self.partitions[*p as usize].replicas.contains(&id)).collect()
    }

    /// Decommission: only an empty broker can go.
    pub fn remove_broker(&mut self, id: BrokerId, out: &mut Vec<ClusterEvent>) -> Result<(), ClusterError> {
        if !self.brokers.contains_key(&id) {
            return Err(ClusterError::UnknownBroker { broker: id });
        }
        let hosted = self.partitions_on(id);
        if !hosted.is_empty() {
            return Err(ClusterError::BrokerHasReplicas { broker: id, partitions: hosted });
        }
        if self.brokers.len() == 1 {
            return Err(ClusterError::BadState { broker: id, message: "The last broker cannot be removed".into() });
        }
        self.brokers.remove(&id);
        self.config.brokers.retain(|b| b.id != id);
        for r in self.offsets.values_mut() {
            r.replicas.retain(|b| *b != id);
            r.isr.retain(|b| *b != id);
        }
        out.push(ClusterEvent::BrokerRemoved { broker: id });
        Ok(())
    }

    /// `alterPartitionReassignments` with a target: the replica set becomes target + removing,
    /// adding replicas start copying from the log start offset.
    pub fn reassign(
        &mut self,
        pi: u32,
        target: Vec<BrokerId>,
        now_us: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
    ) -> Result<(), ClusterError> {
        let p = self.partitions.get(pi as usize).ok_or(ClusterError::UnknownPartition { partition: pi })?;
        if target.is_empty() {
            return Err(ClusterError::InvalidReplicas {
                message: "The manual partition assignment includes an empty replica list.".into(),
            });
        }
        if let Some(b) = target.iter().find(|b| !self.brokers.contains_key(b)) {
            return Err(ClusterError::InvalidReplicas {
                message: format!(
                    "The manual partition assignment includes broker {b}, but no such broker is registered."
                ),
            });
        }
        let mut seen = BTreeSet::new();
        if target.iter().any(|b| !seen.insert(*b)) {
            return Err(ClusterError::InvalidReplicas {
                message: "The manual partition assignment includes duplicate broker IDs.".into(),
            });
        }
        // A new reassignment of a reassigning partition starts from its original replicas.
        let current: Vec<BrokerId> = match &p.reassignment {
            Some(r) => r.original.clone(),
            None => p.replicas.clone(),
        };
        let rr = ReassignmentReplicas::new(&current, &target);
        let start = logs[pi as usize].log_start_offset();
        let p = &mut self.partitions[pi as usize];
        if !rr.in_progress() {
            // Same replicas, maybe reordered: no data moves.
            p.replicas = rr.replicas.clone();
            p.reassignment = None;
            out.push(ClusterEvent::ReassignmentCompleted {
                partition: pi,
                replicas: p.replicas.clone(),
                isr: p.isr.clone(),
            });
            return Ok(());
        }
        for b in &rr.adding {
            if Some(*b) != p.leader {
                p.followers.entry(*b).or_insert(ReplicaProgress {
                    leo: start,
                    last_caught_up_ms: now_us / 1000,
                    credit: 0,
                });
            }
        }
        p.replicas = rr.replicas.clone();
        out.push(ClusterEvent::ReassignmentStarted {
            partition: pi,
            replicas: rr.replicas.clone(),
            adding: rr.adding.clone(),
            removing: rr.removing.clone(),
        });
        p.reassignment = Some(Reassignment { target, original: current, replicas: rr });
        self.schedule_tick(now_us);
        Ok(())
    }

    /// `alterPartitionReassignments` with no target: revert to the original replicas.
    pub fn cancel_reassignment(
        &mut self,
        pi: u32,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
    ) -> Result<(), ClusterError> {
        let p = self.partitions.get_mut(pi as usize).ok_or(ClusterError::UnknownPartition { partition: pi })?;
        let r = p.reassignment.take().ok_or(ClusterError::NoReassignment { partition: pi })?;
        for b in &r.replicas.adding {
            if !r.original.contains(b) {
                p.followers.remove(b);
            }
        }
        p.replicas = r.original.clone();
        p.isr.retain(|b| r.original.contains(b));
        out.push(ClusterEvent::ReassignmentCancelled { partition: pi, replicas: r.original.clone() });
        let p = &self.partitions[pi as usize];
        if p.leader.is_none_or(|l| !p.replicas.contains(&l)) {
            let mut tr = Vec::new();
            self.elect(pi, logs, out, &mut tr, ElectionCause::ReassignmentCancelled);
        }
        Ok(())
    }

    /// Set the throttle configs of an `--execute --throttle`: topic-level replica lists and the
    /// broker-level rates.
    pub fn set_throttles(
        &mut self,
        leader: BTreeSet<(u32, BrokerId)>,
        follower: BTreeSet<(u32, BrokerId)>,
        brokers: &BTreeSet<BrokerId>,
        rate: u64,
        out: &mut Vec<ClusterEvent>,
    ) {
        self.leader_throttled.extend(leader);
        self.follower_throttled.extend(follower);
        for b in brokers {
            if let Some(br) = self.brokers.get_mut(b) {
                br.leader_throttle = Some(rate);
                br.follower_throttle = Some(rate);
            }
        }
        out.push(ClusterEvent::ThrottlesSet { rate, brokers: brokers.iter().copied().collect() });
    }

    /// One throttle config set or deleted (`kafka-configs.sh --alter`).
    pub fn alter_throttle_config(
        &mut self,
        change: ThrottleConfig,
        out: &mut Vec<ClusterEvent>,
    ) -> Result<(), ClusterError> {
        match change {
            ThrottleConfig::BrokerRate { broker, leader, rate } => {
                let b = self.brokers.get_mut(&broker).ok_or(ClusterError::UnknownBroker { broker })?;
                if leader {
                    b.leader_throttle = rate;
                } else {
                    b.follower_throttle = rate;
                }
                match rate {
                    Some(rate) => out.push(ClusterEvent::ThrottlesSet { rate, brokers: vec![broker] }),
                    None => {
                        if self.brokers.values().all(|b| b.leader_throttle.is_none() && b.follower_throttle.is_none()) {
                            out.push(ClusterEvent::ThrottlesCleared);
                        }
                    }
                }
            }
            ThrottleConfig::TopicReplicas { leader, replicas } => {
                let n = self.partitions.len() as u32;
                if let Some((p, _)) = replicas.as_ref().and_then(|r| r.iter().find(|(p, _)| *p >= n)) {
                    return Err(ClusterError::InvalidReplicas {
                        message: format!("partition {p} does not exist (the topic has {n})"),
                    });
                }
                let set = if leader { &mut self.leader_throttled } else { &mut self.follower_throttled };
                *set = replicas.unwrap_or_default().into_iter().collect_btree();
            }
        }
        Ok(())
    }

    /// `--verify` once nothing is in progress: every throttle removed.
    pub fn clear_throttles(&mut self, out: &mut Vec<ClusterEvent>) {
        self.leader_throttled.clear();
        self.follower_throttled.clear();
        for b in self.brokers.values_mut() {
            b.leader_throttle = None;
            b.follower_throttle = None;
        }
        out.push(ClusterEvent::ThrottlesCleared);
    }

    /// Partitions being reassigned.
    pub fn ongoing(&self) -> BTreeMap<u32, &Reassignment> {
        self.partitions
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.reassignment.as_ref().map(|r| (i as u32, r)))
            .collect_btree()
    }

    /// Auto leader rebalance, as the KRaft controller runs it every
    /// `leader.imbalance.check.interval.seconds` (`ReplicationControlManager
    /// .maybeBalancePartitionLeaders`): a PREFERRED election for every partition whose leader is
    /// not its first replica, as soon as that replica is in the ISR and unfenced
    /// (`PartitionChangeBuilder.electPreferredLeader`). No log-end-offset condition and no
    /// `leader.imbalance.per.broker.percentage` gate. The preferred replica, being in the ISR,
    /// has everything below the high watermark; anything the old leader had beyond its log end
    /// offset is cut (producers with acks=all send it again).
    fn preferred_leader_elections(
        &mut self,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
    ) {
        for pi in 0..self.partitions.len() as u32 {
            let p = &self.partitions[pi as usize];
            let Some(&preferred) = p.replicas.first() else { continue };
            if p.leader == Some(preferred)
                || !p.isr.contains(&preferred)
                || !self.brokers.get(&preferred).is_some_and(|b| b.alive())
            {
                continue;
            }
            let p = &mut self.partitions[pi as usize];
            let old = p.leader;
            let log_leo = logs[pi as usize].log_end_offset();
            let new_leo = p.followers.get(&preferred).map_or(log_leo, |f| f.leo).min(log_leo);
            if let Some(o) = old.filter(|o| p.replicas.contains(o)) {
                p.followers.insert(o, ReplicaProgress { leo: new_leo, last_caught_up_ms: 0, credit: 0 });
            }
            p.followers.remove(&preferred);
            p.leader = Some(preferred);
            p.leader_epoch += 1;
            out.push(ClusterEvent::LeaderElected {
                partition: pi,
                leader: preferred,
                epoch: p.leader_epoch,
                reason: Reason::new(Election { cause: ElectionCause::Preferred, unclean: false }),
            });
            if new_leo < log_leo {
                truncations.push((pi, new_leo));
                out.push(ClusterEvent::LogTruncated { partition: pi, from: log_leo, to: new_leo });
                for f in p.followers.values_mut() {
                    f.leo = f.leo.min(new_leo);
                }
            }
        }
    }

    /// New partitions of the topic (`kafka-topics.sh --alter --partitions`): placed with the
    /// start index of partition 0's first replica, as Kafka's add-partitions path does.
    pub fn add_partitions(&mut self, from: u32, to: u32) -> Result<(), super::error::ConfigError> {
        let metas: Vec<placement::BrokerMetadata> =
            self.brokers.values().map(|b| placement::BrokerMetadata { id: b.id, rack: b.rack.clone() }).collect();
        let ids: Vec<BrokerId> = metas.iter().map(|m| m.id).collect();
        let first = self.partitions.first().and_then(|p| p.replicas.first()).copied().unwrap_or(ids[0]);
        let start = ids.iter().position(|b| *b == first).unwrap_or(0) as i32;
        let rf = self.partitions.first().map_or(1, |p| p.replicas.len()) as i32;
        let assignment =
            placement::assign_replicas_to_brokers(&metas, (to - from) as i32, rf, start, from as i32, &mut |_| 0)
                .map_err(|e| super::error::ConfigError::new("replication.factor", e.to_string()))?;
        for (_, replicas) in assignment {
            let mut r = PartitionReplicas::new(replicas);
            r.leader = r.replicas.iter().copied().find(|b| self.brokers[b].alive());
            r.isr.retain(|b| self.brokers[b].alive());
            self.partitions.push(r);
        }
        Ok(())
    }
}
