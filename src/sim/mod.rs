//! The simulation core: pure, deterministic, no I/O, no clock.
//!
//! The caller owns time: [`Sim::advance_to`] runs everything due up to a simulated instant and
//! returns the [`Event`]s that happened; [`Sim::apply`] takes a typed [`Command`];
//! [`Sim::snapshot`] gives plain data to draw or report. Every random choice comes from the one
//! seeded [`rng::SimRng`]; every map whose order can reach an output is a `BTreeMap`.

pub mod cluster;
pub mod config;
pub mod consumer;
pub mod error;
pub mod group;
pub mod log;
pub mod murmur2;
pub mod offsets_tool;
pub mod partitioner;
pub mod producer;
pub mod push;
pub mod record;
pub mod rng;
pub mod time_index;
mod step;

use crate::util::order::CollectBtree;
use std::collections::BTreeMap;

use serde::Serialize;

use config::{ConfigError, ProducerSpec, SimConfig, PRODUCERS_MAX};
use log::{PartitionLog, RecordMeta};
use producer::{InFlight, Producer, ProducerState};
use record::Key;
use rng::SimRng;

/// A record typed into the console producer (`key:value` with `parse.key=true`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypedRecord {
    pub key: Option<String>,
    pub value: String,
}

/// The console producer's `client.id` (Kafka's `ConsoleProducer` default).
pub const CONSOLE_PRODUCER_ID: &str = "console-producer";

/// A producer's number within one simulation (1, 2, ...; never reused).
pub type ProducerId = u32;

/// Something the visitor, a scenario or a test asks the simulation to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    AddProducer {
        spec: ProducerSpec,
    },
    UpdateProducer {
        producer: ProducerId,
        spec: ProducerSpec,
    },
    /// `close()`: stop sending, flush what is buffered, then go away.
    RemoveProducer {
        producer: ProducerId,
    },
    /// `kafka-console-producer.sh`: records typed by the visitor, sent by the producer with
    /// `client.id` `console-producer` (created on first use with the console producer's
    /// settings: `acks=all`, `linger.ms=1000`, `batch.size=16384`).
    ConsoleProduce {
        records: Vec<TypedRecord>,
    },
    /// `kafka-topics.sh --alter --partitions N` (grow only).
    AlterPartitions {
        partitions: u32,
    },
    AddConsumer {
        spec: consumer::ConsumerSpec,
    },
    /// The consumer's process dies: no commit, no LeaveGroup, no heartbeats.
    CrashConsumer {
        consumer: consumer::ConsumerId,
    },
    /// Start a crashed or closed consumer again (same settings).
    RestartConsumer {
        consumer: consumer::ConsumerId,
    },
    /// The application stops: it finishes the batch in hand, then calls `close()`.
    CloseConsumer {
        consumer: consumer::ConsumerId,
    },
    /// Controlled shutdown of a broker.
    StopBroker {
        broker: cluster::BrokerId,
    },
    /// A broker's process dies (fenced after `broker.session.timeout.ms`).
    CrashBroker {
        broker: cluster::BrokerId,
    },
    RestartBroker {
        broker: cluster::BrokerId,
    },
    AddBroker {
        broker: cluster::BrokerId,
        rack: Option<String>,
    },
    /// Decommission: refused while the broker hosts replicas.
    RemoveBroker {
        broker: cluster::BrokerId,
    },
    /// `Admin.alterPartitionReassignments`: a target replica list per partition, or `None` to
    /// cancel that partition's reassignment.
    AlterPartitionReassignments {
        targets: Vec<(u32, Option<Vec<cluster::BrokerId>>)>,
    },
    /// The throttle configs `kafka-reassign-partitions.sh --execute --throttle` sets.
    SetReplicationThrottles {
        leader: Vec<(u32, cluster::BrokerId)>,
        follower: Vec<(u32, cluster::BrokerId)>,
        brokers: Vec<cluster::BrokerId>,
        rate: u64,
    },
    ClearReplicationThrottles,
    /// `kafka-configs.sh --alter`: the throttle configs one by one. For brokers
    /// `leader.replication.throttled.rate` / `follower.replication.throttled.rate` (`None`
    /// deletes); for the topic `leader.replication.throttled.replicas` /
    /// `follower.replication.throttled.replicas` (`partition:broker` pairs; `None` deletes).
    AlterThrottleConfig {
        change: cluster::ThrottleConfig,
    },
    /// The brokers' produce limit (playground), bytes per second; `None` for none.
    SetProduceLimit {
        bytes_per_s: Option<u64>,
    },
    /// Run (or stop) the push-model comparison consumer, fed by every append from now on.
    SetPushComparison {
        config: Option<push::PushConfig>,
    },
    /// `kafka-consumer-groups.sh --reset-offsets --execute`: commit these offsets for an
    /// inactive group (plan them with [`Sim::plan_offsets_reset`]).
    AlterGroupOffsets {
        group: String,
        offsets: Vec<(u32, u64)>,
    },
}

/// Why a command was refused. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rejected", rename_all = "snake_case")]
pub enum Rejected {
    /// Kafka's `InvalidPartitionsException`, with Kafka's (KRaft controller) message.
    InvalidPartitions {
        message: String,
    },
    InvalidConfig {
        error: ConfigError,
    },
    UnknownProducer {
        producer: ProducerId,
    },
    UnknownConsumer {
        consumer: consumer::ConsumerId,
    },
    TooManyProducers {
        max: usize,
    },
    /// The offsets tool refused (Kafka's message, e.g. the group is not inactive).
    GroupOffsets {
        message: String,
    },
    /// The cluster refused (unknown broker, broker still hosting replicas, bad replica list).
    Cluster {
        error: cluster::ClusterError,
    },
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejected::InvalidPartitions { message } => {
                write!(f, "InvalidPartitionsException: {message}")
            }
            Rejected::InvalidConfig { error } => write!(f, "{error}"),
            Rejected::UnknownProducer { producer } => write!(f, "no producer {producer}"),
            Rejected::UnknownConsumer { consumer } => write!(f, "no consumer {consumer}"),
            Rejected::TooManyProducers { max } => write!(f, "at most {max} producers"),
            Rejected::GroupOffsets { message } => write!(f, "Error: {message}"),
            Rejected::Cluster { error } => write!(f, "{error}"),
        }
    }
}

/// A key whose partition changed because the partition count changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyMove {
    pub key: Key,
    pub from: u32,
    pub to: u32,
}

/// Records of one batch inside a produce request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    pub partition: u32,
    pub records: u32,
    pub bytes: u32,
}

/// Most produce requests one producer sends in one step (a bound on the sender's loop; one
/// per broker per round, and a broker takes at most `max.in.flight.requests.per.connection`).
pub const PRODUCE_REQUESTS_PER_STEP_MAX: usize = 1_200;

/// Most key moves listed in one event (the count is always exact).
pub const KEY_MOVES_LISTED_MAX: usize = 64;

/// Something that happened, at a simulated time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    ProducerAdded {
        time_ms: u64,
        producer: ProducerId,
        client_id: String,
    },
    ProducerUpdated {
        time_ms: u64,
        producer: ProducerId,
    },
    ProducerClosing {
        time_ms: u64,
        producer: ProducerId,
    },
    ProducerRemoved {
        time_ms: u64,
        producer: ProducerId,
    },
    /// The built-in partitioner moved its sticky partition (records without a key).
    StickyPartitionChanged {
        time_ms: u64,
        producer: ProducerId,
        from: Option<u32>,
        to: u32,
    },
    /// The sender drained ready batches into one produce request to one broker.
    RequestSent {
        time_ms: u64,
        producer: ProducerId,
        request_id: u64,
        /// The broker it goes to (the leader of its batches' partitions).
        node: cluster::BrokerId,
        batches: Vec<BatchSummary>,
    },
    /// The partition leader appended a batch: offsets `base_offset..base_offset+records`.
    BatchAppended {
        time_ms: u64,
        producer: ProducerId,
        partition: u32,
        base_offset: u64,
        records: u32,
        bytes: u32,
    },
    /// `send()` is blocked: `buffer.memory` is full.
    SendBlocked {
        time_ms: u64,
        producer: ProducerId,
    },
    SendUnblocked {
        time_ms: u64,
        producer: ProducerId,
        blocked_ms: u64,
    },
    /// The topic grew (`kafka-topics.sh --alter --partitions`).
    PartitionsAdded {
        time_ms: u64,
        from: u32,
        to: u32,
    },
    /// A producer refreshed metadata and now knows the new partition count; its keys that map
    /// elsewhere from now on are listed.
    /// Retention deleted old segments of a partition; its log start offset moved.
    SegmentsDeleted {
        time_ms: u64,
        partition: u32,
        log_start_offset: u64,
        reason: log::RetentionReason,
    },
    /// Something on the consumer side (groups, polls, commits, crashes).
    Consumer {
        time_ms: u64,
        detail: consumer::ConsumerEvent,
    },
    /// Brokers, leaders, ISR, reassignments.
    Cluster {
        time_ms: u64,
        detail: cluster::ClusterEvent,
    },
    /// The leader refused a batch (no leader, or too few in-sync replicas for acks=all): the
    /// producer sends it again after `retry.backoff.ms`.
    ProduceRetried {
        time_ms: u64,
        producer: ProducerId,
        partition: u32,
        records: u32,
        error: String,
    },
    /// A batch failed for good: its records were not written (or, acks=all, not known to be).
    ProduceFailed {
        time_ms: u64,
        producer: ProducerId,
        partition: u32,
        records: u32,
        error: String,
    },
    /// `buffer.memory` stayed full for `max.block.ms`: `send()` returned and the record failed
    /// with `BufferExhaustedException` through the returned future and the callback
    /// (`KafkaProducer.doSend` catches the `ApiException`); the record was not sent.
    SendFailed {
        time_ms: u64,
        producer: ProducerId,
        error: String,
    },
    /// A leader change cut records that producers (acks=0 or 1) had already been told were
    /// written.
    AcknowledgedRecordsLost {
        time_ms: u64,
        partition: u32,
        records: u64,
    },
    /// acks=all: the high watermark passed the batch; the producer has its acknowledgement.
    BatchAcknowledged {
        time_ms: u64,
        producer: ProducerId,
        partition: u32,
        base_offset: u64,
        records: u32,
    },
    MetadataRefreshed {
        time_ms: u64,
        producer: ProducerId,
        /// The partition count the producer knew before, and now.
        from_partitions: u32,
        partitions: u32,
        /// Of the producer's fixed keys, how many map to another partition now.
        keys_moved: u32,
        moved: Vec<KeyMove>,
    },
}

impl Event {
    pub fn time_ms(&self) -> u64 {
        match self {
            Event::ProducerAdded { time_ms, .. }
            | Event::ProducerUpdated { time_ms, .. }
            | Event::ProducerClosing { time_ms, .. }
            | Event::ProducerRemoved { time_ms, .. }
            | Event::StickyPartitionChanged { time_ms, .. }
            | Event::RequestSent { time_ms, .. }
            | Event::BatchAppended { time_ms, .. }
            | Event::SendBlocked { time_ms, .. }
            | Event::SendUnblocked { time_ms, .. }
            | Event::PartitionsAdded { time_ms, .. }
            | Event::MetadataRefreshed { time_ms, .. }
            | Event::Consumer { time_ms, .. }
            | Event::Cluster { time_ms, .. }
            | Event::ProduceRetried { time_ms, .. }
            | Event::ProduceFailed { time_ms, .. }
            | Event::BatchAcknowledged { time_ms, .. }
            | Event::AcknowledgedRecordsLost { time_ms, .. }
            | Event::SendFailed { time_ms, .. }
            | Event::SegmentsDeleted { time_ms, .. } => *time_ms,
        }
    }
}

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
    pub partitions: Vec<PartitionSnapshot>,
    pub producers: Vec<ProducerSnapshot>,
    pub records_appended: u64,
    pub bytes_appended: u64,
    /// Brokers in id order, with their load.
    pub brokers: Vec<BrokerSnapshot>,
    /// Records acknowledged to acks=0/1 producers and then cut by a leader change.
    pub acked_records_lost: u64,
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

/// The simulation.
#[derive(Debug, Clone)]
pub struct Sim {
    config: SimConfig,
    seed: u64,
    /// Invariant: never decreases.
    now_us: u64,
    rng: SimRng,
    /// Invariant: `logs[i].partition() == i` and `logs.len() == partitions`, which only grows.
    logs: Vec<PartitionLog>,
    producers: BTreeMap<ProducerId, Producer>,
    next_producer_id: ProducerId,
    next_request_id: u64,
    records_appended: u64,
    bytes_appended: u64,
    pub consumers: consumer::ConsumerWorld,
    /// Brokers and replicas.
    pub cluster: cluster::Cluster,
    /// The push-model consumer run beside the real ones for comparison (off by default).
    pub push: Option<push::PushModel>,
    /// When the retention check runs next (`log.retention.check.interval.ms`).
    next_retention_check_us: u64,
    /// `0..partitions`, kept to avoid allocating per step.
    all_partitions: Vec<u32>,
    scratch_ids: Vec<ProducerId>,
    /// Values typed into the console producer (generated records have only a size).
    values: TypedValues,
}

/// Most typed values kept (waiting to be appended, and appended).
pub const TYPED_VALUES_MAX: usize = 1000;

/// Values typed into `kafka-console-producer.sh`: waiting by number, then by partition and
/// offset once appended. Invariant: at most `TYPED_VALUES_MAX` of each (oldest dropped).
#[derive(Debug, Clone, Default)]
struct TypedValues {
    next_id: u32,
    pending: BTreeMap<u32, String>,
    by_offset: BTreeMap<(u32, u64), String>,
}

impl TypedValues {
    fn add(&mut self, value: String) -> u32 {
        self.next_id += 1;
        if self.pending.len() == TYPED_VALUES_MAX {
            self.pending.pop_first();
        }
        self.pending.insert(self.next_id, value);
        self.next_id
    }

    fn landed(&mut self, partition: u32, base_offset: u64, records: &[crate::sim::log::PendingRecord]) {
        for (i, r) in records.iter().enumerate() {
            if let Some(v) = (r.value_id != 0).then(|| self.pending.remove(&r.value_id)).flatten() {
                if self.by_offset.len() == TYPED_VALUES_MAX {
                    self.by_offset.pop_first();
                }
                self.by_offset.insert((partition, base_offset + i as u64), v);
            }
        }
    }
}

impl Sim {
    /// A new simulation at time 0.
    pub fn new(config: SimConfig, seed: u64) -> Result<Self, Rejected> {
        config::validate_partitions(config.partitions).map_err(|error| Rejected::InvalidConfig { error })?;
        config::validate_topic_name(&config.topic).map_err(|error| Rejected::InvalidConfig { error })?;
        let logs = (0..config.partitions).map(|p| PartitionLog::new(p, config.log_limits)).collect();
        let mut rng = SimRng::new(seed);
        let mut cluster_config = config.cluster.clone();
        if cluster_config.brokers.len() == 1 {
            // One broker: nothing to draw (keeps single-broker runs' random sequence).
            cluster_config.placement_start_index = Some(0);
        }
        let cluster = cluster::Cluster::new(cluster_config, config.partitions, &mut |n| rng.below(n as u64) as i32)
            .map_err(|error| Rejected::InvalidConfig { error })?;
        Ok(Self {
            push: None,
            cluster,
            next_retention_check_us: config.retention_check_interval_ms.max(1) * 1000,
            consumers: consumer::ConsumerWorld::new(50, config.network_latency_us),
            all_partitions: (0..config.partitions).collect(),
            scratch_ids: Vec::new(),
            values: TypedValues::default(),
            config,
            seed,
            now_us: 0,
            rng,
            logs,
            producers: BTreeMap::new(),
            next_producer_id: 1,
            next_request_id: 1,
            records_appended: 0,
            bytes_appended: 0,
        })
    }

    /// The value typed for the record at `offset` of `partition`, if it was typed (console
    /// producer) and is still remembered.
    pub fn record_value(&self, partition: u32, offset: u64) -> Option<&str> {
        self.values.by_offset.get(&(partition, offset)).map(String::as_str)
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn config(&self) -> &SimConfig {
        &self.config
    }
    pub fn now_us(&self) -> u64 {
        self.now_us
    }
    pub fn now_ms(&self) -> u64 {
        self.now_us / 1000
    }
    pub fn partition_count(&self) -> u32 {
        self.logs.len() as u32
    }
    pub fn log(&self, partition: u32) -> Option<&PartitionLog> {
        self.logs.get(partition as usize)
    }
    pub fn producer_ids(&self) -> impl Iterator<Item = ProducerId> + '_ {
        self.producers.keys().copied()
    }
    /// The partition logs as consumers and tools see them (log start offset, high watermark).
    pub fn logs_view(&self) -> impl consumer::PartitionView + '_ {
        LogsView(&self.logs, &self.cluster)
    }

    /// `kafka-consumer-groups.sh --reset-offsets` (the dry run): every partition of the topic
    /// and the offset it would get, or Kafka's error. Nothing changes.
    pub fn plan_offsets_reset(
        &self,
        group: &str,
        spec: offsets_tool::ResetSpec,
    ) -> Result<Vec<offsets_tool::ResetRow>, String> {
        self.plan_offsets_reset_scoped(group, spec, &offsets_tool::ResetScope::Topic(None))
    }

    /// `--reset-offsets` with a scope: `--all-topics` (the partitions the group has committed
    /// offsets for) or `--topic T[:P,...]`. "Latest" is `ListOffsets(latest)` with the default
    /// READ_UNCOMMITTED isolation: the high watermark, never the leader's log end offset;
    /// timestamps are looked up below it, as `ListOffsets(forTimestamp)` answers.
    pub fn plan_offsets_reset_scoped(
        &self,
        group: &str,
        spec: offsets_tool::ResetSpec,
        scope: &offsets_tool::ResetScope,
    ) -> Result<Vec<offsets_tool::ResetRow>, String> {
        let g = self.consumers.groups.get(group);
        let state = g.map_or("Dead".to_string(), |g| format!("{:?}", g.state));
        let wanted = |p: u32| match scope {
            offsets_tool::ResetScope::AllTopics => g.is_some_and(|g| g.committed.contains_key(&p)),
            offsets_tool::ResetScope::Topic(None) => true,
            offsets_tool::ResetScope::Topic(Some(list)) => list.contains(&p),
        };
        let view = self.logs_view();
        let partitions: Vec<offsets_tool::PartitionOffsets> = self
            .logs
            .iter()
            .filter(|log| wanted(log.partition()))
            .map(|log| {
                let (log_start_offset, high_watermark) = consumer::PartitionView::offsets(&view, log.partition());
                offsets_tool::PartitionOffsets {
                    partition: log.partition(),
                    log_start_offset,
                    high_watermark,
                    committed: g.and_then(|g| g.committed.get(&log.partition()).copied()),
                }
            })
            .collect();
        let lookup = |p: u32, ts: u64| consumer::PartitionView::offset_for_timestamp(&view, p, ts);
        offsets_tool::plan_reset(group, &state, &self.config.topic, &partitions, spec, &lookup)
    }

    /// Whether a producer uses fixed keys (so key moves concern it).
    pub fn snapshot_producer_keys_fixed(&self, producer: ProducerId) -> bool {
        self.producers.get(&producer).is_some_and(|p| matches!(p.spec.keys, config::KeyMode::Fixed { .. }))
    }

    /// A draw from the simulation's one RNG (for the tools that pick at random as Kafka does,
    /// such as `--generate`'s start index).
    pub fn draw_below(&mut self, bound: u64) -> u64 {
        self.rng.below(bound.max(1))
    }

    pub fn records_appended(&self) -> u64 {
        self.records_appended
    }

    /// Carry out a command now; the events it caused come back. On `Err` nothing changed.
    pub fn apply(&mut self, command: Command) -> Result<Vec<Event>, Rejected> {
        let time_ms = self.now_ms();
        match command {
            Command::AddProducer { spec } => {
                spec.validate().map_err(|error| Rejected::InvalidConfig { error })?;
                if self.producers.len() >= PRODUCERS_MAX {
                    return Err(Rejected::TooManyProducers { max: PRODUCERS_MAX });
                }
                let id = self.next_producer_id;
                self.next_producer_id += 1;
                let client_id = spec.client_id.clone();
                let producer = Producer::new(id, spec, self.now_us, self.partition_count());
                self.producers.insert(id, producer);
                Ok(vec![Event::ProducerAdded { time_ms, producer: id, client_id }])
            }
            Command::ConsoleProduce { records } => {
                let mut keys = Vec::with_capacity(records.len());
                for (i, r) in records.iter().enumerate() {
                    let key = match &r.key {
                        None => None,
                        Some(k) => Some(Key::from_bytes(k.as_bytes()).ok_or_else(|| Rejected::InvalidConfig {
                            error: ConfigError::new(
                                "key",
                                format!("line {}: keys are at most 32 bytes in the playground", i + 1),
                            ),
                        })?),
                    };
                    keys.push(key);
                }
                let mut events = Vec::new();
                let existing = self
                    .producers
                    .values()
                    .find(|p| p.manual_only() && p.state == ProducerState::Running)
                    .map(|p| p.id);
                let id = match existing {
                    Some(id) => id,
                    None => {
                        if self.producers.len() >= PRODUCERS_MAX {
                            return Err(Rejected::TooManyProducers { max: PRODUCERS_MAX });
                        }
                        let mut spec = ProducerSpec::new(CONSOLE_PRODUCER_ID, 1.0, config::KeyMode::None);
                        spec.linger_ms = 1000;
                        spec.value_bytes = 0;
                        let id = self.next_producer_id;
                        self.next_producer_id += 1;
                        let mut producer = Producer::new(id, spec, self.now_us, self.partition_count());
                        producer.next_send_us = u64::MAX;
                        self.producers.insert(id, producer);
                        events.push(Event::ProducerAdded {
                            time_ms,
                            producer: id,
                            client_id: CONSOLE_PRODUCER_ID.into(),
                        });
                        id
                    }
                };
                let now_us = self.now_us;
                let room = producer::MANUAL_SENDS_MAX - self.producers[&id].manual.len();
                if records.len() > room {
                    return Err(Rejected::InvalidConfig {
                        error: ConfigError::new("records", format!("at most {room} more typed records are queued")),
                    });
                }
                for (r, key) in records.into_iter().zip(keys) {
                    let value_bytes = r.value.len() as u32;
                    let value_id = self.values.add(r.value);
                    let p = self.producers.get_mut(&id).expect("found or created");
                    p.manual.push_back(producer::ManualSend { at_us: now_us, key, value_bytes, value_id });
                }
                Ok(events)
            }
            Command::UpdateProducer { producer, spec } => {
                spec.validate().map_err(|error| Rejected::InvalidConfig { error })?;
                let p = self.producers.get_mut(&producer).ok_or(Rejected::UnknownProducer { producer })?;
                let rate_changed =
                    p.spec.rate_records_per_s != spec.rate_records_per_s || p.spec.rate_mode != spec.rate_mode;
                p.update_spec(spec);
                if rate_changed {
                    p.schedule_start_us = self.now_us;
                    p.next_send_us = self.now_us.max(p.next_send_us.min(self.now_us + p.interval_us()));
                }
                Ok(vec![Event::ProducerUpdated { time_ms, producer }])
            }
            Command::RemoveProducer { producer } => {
                let p = self.producers.get_mut(&producer).ok_or(Rejected::UnknownProducer { producer })?;
                if p.state == ProducerState::Closing {
                    return Ok(Vec::new());
                }
                p.start_closing();
                let mut events = vec![Event::ProducerClosing { time_ms, producer }];
                if p.is_idle() {
                    self.producers.remove(&producer);
                    events.push(Event::ProducerRemoved { time_ms, producer });
                }
                Ok(events)
            }
            Command::AddConsumer { spec } => {
                let now = self.now_us;
                let (_, events) =
                    self.consumers.add_consumer(spec, now).map_err(|error| Rejected::InvalidConfig { error })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::CrashConsumer { consumer } => {
                let now = self.now_us;
                let events = self.consumers.crash(consumer, now).ok_or(Rejected::UnknownConsumer { consumer })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::RestartConsumer { consumer } => {
                let now = self.now_us;
                let events = self.consumers.restart(consumer, now).ok_or(Rejected::UnknownConsumer { consumer })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::CloseConsumer { consumer } => {
                let now = self.now_us;
                let events = self.consumers.close(consumer, now).ok_or(Rejected::UnknownConsumer { consumer })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::StopBroker { broker } => {
                self.cluster_command(|c, now, logs, out| c.stop_broker(broker, now, logs, out))
            }
            Command::CrashBroker { broker } => {
                self.cluster_command(|c, now, _, out| c.crash_broker(broker, now, out).map(|_| Vec::new()))
            }
            Command::RestartBroker { broker } => {
                self.cluster_command(|c, now, logs, out| c.restart_broker(broker, now, logs, out))
            }
            Command::AddBroker { broker, rack } => self.cluster_command(|c, _, _, out| {
                c.add_broker(cluster::BrokerSpec { id: broker, rack }, out).map(|_| Vec::new())
            }),
            Command::RemoveBroker { broker } => {
                self.cluster_command(|c, _, _, out| c.remove_broker(broker, out).map(|_| Vec::new()))
            }
            Command::AlterPartitionReassignments { targets } => {
                // All or nothing: check every target first.
                let partitions = self.partition_count();
                for (p, t) in &targets {
                    if *p >= partitions {
                        return Err(Rejected::Cluster {
                            error: cluster::ClusterError::UnknownPartition { partition: *p },
                        });
                    }
                    match t {
                        Some(t) => {
                            if let Some(b) = t.iter().find(|b| !self.cluster.brokers.contains_key(b)) {
                                return Err(Rejected::Cluster {
                                    error: cluster::ClusterError::InvalidReplicas {
                                        message: format!("The manual partition assignment includes broker {b}, but no such broker is registered."),
                                    },
                                });
                            }
                            let mut seen = std::collections::BTreeSet::new();
                            if t.is_empty() || t.iter().any(|b| !seen.insert(*b)) {
                                return Err(Rejected::Cluster {
                                    error: cluster::ClusterError::InvalidReplicas {
                                        message: "The manual partition assignment includes an empty or duplicated replica list.".into(),
                                    },
                                });
                            }
                        }
                        None => {
                            if self.cluster.partitions[*p as usize].reassignment.is_none() {
                                return Err(Rejected::Cluster {
                                    error: cluster::ClusterError::NoReassignment { partition: *p },
                                });
                            }
                        }
                    }
                }
                self.cluster_command(|c, now, logs, out| {
                    for (p, t) in targets {
                        match t {
                            Some(t) => c.reassign(p, t, now, logs, out)?,
                            None => c.cancel_reassignment(p, logs, out)?,
                        }
                    }
                    Ok(Vec::new())
                })
            }
            Command::AlterThrottleConfig { change } => self.cluster_command(|c, _, _, out| {
                c.alter_throttle_config(change, out)?;
                Ok(Vec::new())
            }),
            Command::SetReplicationThrottles { leader, follower, brokers, rate } => {
                self.cluster_command(|c, _, _, out| {
                    c.set_throttles(
                        leader.into_iter().collect_btree(),
                        follower.into_iter().collect_btree(),
                        &brokers.into_iter().collect_btree(),
                        rate,
                        out,
                    );
                    Ok(Vec::new())
                })
            }
            Command::SetProduceLimit { bytes_per_s } => {
                if bytes_per_s.is_some_and(|b| b < 1_000) {
                    return Err(Rejected::InvalidConfig {
                        error: ConfigError::new(
                            "produce.bytes.per.sec",
                            "must be at least 1000 (or empty for no limit)",
                        ),
                    });
                }
                self.cluster.config.produce_bytes_per_s = bytes_per_s;
                Ok(Vec::new())
            }
            Command::SetPushComparison { config } => {
                if let Some(c) = &config {
                    if c.buffer_records == 0 || c.buffer_records > push::PUSH_BUFFER_MAX {
                        return Err(Rejected::InvalidConfig {
                            error: ConfigError::new(
                                "push.buffer.records",
                                format!("must be between 1 and {}", push::PUSH_BUFFER_MAX),
                            ),
                        });
                    }
                    if c.processing_us == 0 || c.processing_us > 3_600_000_000 {
                        return Err(Rejected::InvalidConfig {
                            error: ConfigError::new("processing.ms", "must be between 0.001 and 3600000"),
                        });
                    }
                }
                self.push = config.map(push::PushModel::new);
                Ok(Vec::new())
            }
            Command::ClearReplicationThrottles => self.cluster_command(|c, _, _, out| {
                c.clear_throttles(out);
                Ok(Vec::new())
            }),
            Command::AlterGroupOffsets { group, offsets } => {
                let now = self.now_us;
                let topic = self.config.topic.clone();
                let partitions = self.partition_count();
                if let Some((p, _)) = offsets.iter().find(|(p, _)| *p >= partitions) {
                    return Err(Rejected::GroupOffsets { message: format!("partition {topic}-{p} does not exist") });
                }
                let events = self
                    .consumers
                    .admin_commit(&group, &topic, &offsets, now)
                    .map_err(|message| Rejected::GroupOffsets { message })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::AlterPartitions { partitions } => {
                let current = self.partition_count();
                if partitions < current {
                    return Err(Rejected::InvalidPartitions {
                        message: format!(
                            "The topic {} currently has {current} partition(s); {partitions} would not be an increase.",
                            self.config.topic
                        ),
                    });
                }
                if partitions == current {
                    return Err(Rejected::InvalidPartitions {
                        message: format!("Topic already has {current} partition(s)."),
                    });
                }
                config::validate_partitions(partitions).map_err(|error| Rejected::InvalidConfig { error })?;
                self.cluster.add_partitions(current, partitions).map_err(|error| Rejected::InvalidConfig { error })?;
                for p in current..partitions {
                    self.logs.push(PartitionLog::new(p, self.config.log_limits));
                }
                self.config.partitions = partitions;
                self.all_partitions = (0..partitions).collect();
                Ok(vec![Event::PartitionsAdded { time_ms, from: current, to: partitions }])
            }
        }
    }

    /// The earliest simulated time at which something is due, if anything is.
    pub fn next_wakeup_us(&self) -> Option<u64> {
        let producers = self.producers.values().filter_map(|p| p.next_wakeup_us());
        let retention = (self.config.retention_ms.is_some() || self.config.retention_bytes.is_some())
            .then_some(self.next_retention_check_us);
        producers
            .chain(self.consumers.next_wakeup_us())
            .chain(retention)
            .chain(self.cluster.next_wakeup_us())
            .chain(self.push.as_ref().and_then(|p| p.next_wakeup_us()))
            .min()
            .map(|t| t.max(self.now_us))
    }

    /// Run everything due up to `until_us` (simulated microseconds), doing at most `max_steps`
    /// steps (one step = everything due at one instant). Events are appended to `out`.
    pub fn advance_to(&mut self, until_us: u64, max_steps: usize, out: &mut Vec<Event>) -> Progress {
        let mut steps = 0;
        loop {
            match self.next_wakeup_us() {
                Some(t) if t <= until_us => {
                    if steps >= max_steps {
                        return Progress { reached: false, steps };
                    }
                    self.now_us = t;
                    self.process_instant(out);
                    steps += 1;
                }
                _ => {
                    self.now_us = self.now_us.max(until_us);
                    return Progress { reached: true, steps };
                }
            }
        }
    }

    /// Run until at least one event happens, but not past `horizon_us`. Returns the events.
    pub fn step_event(&mut self, horizon_us: u64) -> Vec<Event> {
        let mut out = Vec::new();
        while out.is_empty() {
            match self.next_wakeup_us() {
                Some(t) if t <= horizon_us => {
                    self.now_us = t;
                    self.process_instant(&mut out);
                }
                _ => {
                    self.now_us = self.now_us.max(horizon_us);
                    break;
                }
            }
        }
        out
    }


    /// Run a cluster command with the logs as the cluster sees them; apply any truncation it
    /// causes and report its events.
    fn cluster_command(
        &mut self,
        f: impl FnOnce(
            &mut cluster::Cluster,
            u64,
            &[&dyn cluster::LeaderLog],
            &mut Vec<cluster::ClusterEvent>,
        ) -> Result<Vec<(u32, u64)>, cluster::ClusterError>,
    ) -> Result<Vec<Event>, Rejected> {
        let now = self.now_us;
        let time_ms = now / 1000;
        let mut events = Vec::new();
        let views: Vec<&dyn cluster::LeaderLog> = self.logs.iter().map(|l| l as &dyn cluster::LeaderLog).collect();
        let mut scratch = self.cluster.clone();
        let truncations = f(&mut scratch, now, &views, &mut events).map_err(|error| Rejected::Cluster { error })?;
        self.cluster = scratch;
        let mut out = Vec::new();
        self.apply_truncations(&truncations, now, &mut out);
        out.splice(0..0, events.into_iter().map(|detail| Event::Cluster { time_ms, detail }));
        self.complete_acks(now, &mut out);
        Ok(out)
    }

    /// A new leader's log was shorter: cut the log, and send again (idempotently) the acks=all
    /// batches that were cut; acks=1 records that were already acknowledged are lost.
    fn apply_truncations(&mut self, truncations: &[(u32, u64)], now: u64, out: &mut Vec<Event>) {
        let time_ms = now / 1000;
        for &(partition, to) in truncations {
            let removed = self.logs[partition as usize].truncate_to(to);
            let mut resent = 0u64;
            for (id, p) in self.producers.iter_mut() {
                let mut resend = Vec::new();
                for a in p.awaiting.iter_mut() {
                    let (cut, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut a.batches)
                        .into_iter()
                        .partition(|(b, base)| b.partition == partition && base + b.records.len() as u64 > to);
                    a.batches = keep;
                    resend.extend(cut.into_iter().map(|(b, _)| b));
                }
                p.awaiting.retain(|a| !a.batches.is_empty());
                for b in resend {
                    resent += b.records.len() as u64;
                    out.push(Event::ProduceRetried {
                        time_ms,
                        producer: *id,
                        partition,
                        records: b.records.len() as u32,
                        error: format!(
                            "NotLeaderOrFollowerException: leader of {}-{partition} changed",
                            self.config.topic
                        ),
                    });
                    p.requeue(b, now);
                }
            }
            // What was cut and is not being sent again had been acknowledged (acks=0/1): lost.
            let lost = removed.saturating_sub(resent);
            if lost > 0 {
                self.cluster.acked_records_lost += lost;
                out.push(Event::AcknowledgedRecordsLost { time_ms, partition, records: lost });
            }
        }
    }

    /// acks=all batches whose records the high watermark now covers.
    fn complete_acks(&mut self, now: u64, out: &mut Vec<Event>) {
        for (id, p) in self.producers.iter_mut() {
            ack_covered(p, *id, &self.cluster, now / 1000, out);
        }
    }

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

/// The most bytes one `send()` can add to the buffer: a new batch with one record.
fn max_append_bytes(spec: &ProducerSpec) -> u64 {
    let key_len = match spec.keys {
        config::KeyMode::None => None,
        _ => Some(record::KEY_BYTES_MAX as u32),
    };
    (record::RECORD_BATCH_OVERHEAD + record::record_size_in_bytes(0, 0, key_len, spec.value_bytes)) as u64
}

/// Which of `keys` map to another partition when the count goes from `from` to `to`.
pub fn key_moves(keys: &[Key], from: u32, to: u32) -> (u32, Vec<KeyMove>) {
    let mut count = 0;
    let mut listed = Vec::new();
    for k in keys {
        let a = murmur2::partition_for_key(k.as_bytes(), from);
        let b = murmur2::partition_for_key(k.as_bytes(), to);
        if a != b {
            count += 1;
            if listed.len() < KEY_MOVES_LISTED_MAX {
                listed.push(KeyMove { key: *k, from: a, to: b });
            }
        }
    }
    (count, listed)
}

/// The partition logs as consumers see them.
/// Acknowledge a producer's acks=all batches that the high watermark has passed.
fn ack_covered(p: &mut Producer, id: ProducerId, cluster: &cluster::Cluster, time_ms: u64, out: &mut Vec<Event>) {
    if p.awaiting.is_empty() {
        return;
    }
    for a in p.awaiting.iter_mut() {
        let covered =
            |(b, base): &(producer::Batch, u64)| cluster.high_watermark(b.partition) >= base + b.records.len() as u64;
        // Most steps acknowledge nothing: look before moving anything.
        if !a.batches.iter().any(covered) {
            continue;
        }
        let (done, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut a.batches).into_iter().partition(covered);
        a.batches = keep;
        for (b, base) in done {
            let records = b.records.len() as u32;
            p.records_acked += records as u64;
            p.buffered_bytes -= b.size_bytes as u64;
            out.push(Event::BatchAcknowledged {
                time_ms,
                producer: id,
                partition: b.partition,
                base_offset: base,
                records,
            });
        }
    }
    p.awaiting.retain(|a| !a.batches.is_empty());
}

/// What consumers see: each partition up to its high watermark.
struct LogsView<'a>(&'a [PartitionLog], &'a cluster::Cluster);

impl consumer::PartitionView for LogsView<'_> {
    fn offsets(&self, partition: u32) -> (u64, u64) {
        self.0.get(partition as usize).map_or((0, 0), |l| {
            let hw = self.1.high_watermark(partition).min(l.log_end_offset());
            (l.log_start_offset().min(hw), hw)
        })
    }
    fn partitions(&self) -> u32 {
        self.0.len() as u32
    }
    fn log_end_offset(&self, partition: u32) -> u64 {
        self.0.get(partition as usize).map_or(0, |l| l.log_end_offset())
    }
    fn bytes_per_record(&self, partition: u32) -> u64 {
        self.0.get(partition as usize).map_or(100, |l| l.bytes_per_record())
    }
    fn offset_for_timestamp(&self, partition: u32, ts_ms: u64) -> Option<u64> {
        let hw = self.1.high_watermark(partition);
        self.0.get(partition as usize).and_then(|l| l.offset_for_timestamp(ts_ms)).filter(|o| *o < hw)
    }
}

impl cluster::LeaderLog for PartitionLog {
    fn log_start_offset(&self) -> u64 {
        PartitionLog::log_start_offset(self)
    }
    fn log_end_offset(&self) -> u64 {
        PartitionLog::log_end_offset(self)
    }
    fn batch_end_after(&self, offset: u64) -> u64 {
        PartitionLog::batch_end_after(self, offset)
    }
    fn bytes_per_record(&self) -> u64 {
        PartitionLog::bytes_per_record(self)
    }
}
