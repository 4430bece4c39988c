//! Consumers, consumer groups (classic protocol), offset commits into `__consumer_offsets`, and
//! the delivery ledger. Kafka 4.0's classic consumer (`ClassicKafkaConsumer` +
//! `ConsumerCoordinator`) and classic group coordinator, reduced to what shows.
//!
//! Reference: Kafka's `ConsumerCoordinator` (commits, `onJoinPrepare`, `rejoinNeededOrPending`),
//! `GroupMetadataManager` and `ClassicGroup` (the classic group coordinator, offset expiry),
//! `KafkaConsumer` (the poll loop, liveness) and the assignors in `group::assignor`.

use crate::util::order::CollectBtree;
use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::config::ConfigError;
use super::group::assignor::{self, Member, Strategy, TopicPartition};
use super::group::java::offsets_partition_for;
use super::offsets_tool::{initial_position, AutoOffsetReset, StartError};
use super::rng::SimRng;

/// A consumer's number within one simulation (1, 2, ...; never reused).
pub type ConsumerId = u32;

/// What the application does about commits (the seed's strategies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommitStrategy {
    /// `enable.auto.commit=true`: committed inside `poll()` every `auto.commit.interval.ms`.
    Auto,
    /// `commitSync()` after each processed record (`offset + 1` of that record).
    SyncPerRecord,
    /// `commitSync()` after processing the whole batch a `poll()` returned.
    SyncPerBatch,
    /// `commitAsync()` after processing the whole batch.
    AsyncPerBatch,
    /// `commitSync()` right after `poll()`, before processing (at-most-once).
    BeforeProcessing,
}

impl CommitStrategy {
    pub fn name(self) -> &'static str {
        match self {
            CommitStrategy::Auto => "auto",
            CommitStrategy::SyncPerRecord => "sync-per-record",
            CommitStrategy::SyncPerBatch => "sync-per-batch",
            CommitStrategy::AsyncPerBatch => "async-per-batch",
            CommitStrategy::BeforeProcessing => "before-processing",
        }
    }
}

/// `auto.offset.reset`, including Kafka 4.0's `by_duration:<ISO-8601>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetReset {
    Latest,
    Earliest,
    None,
    /// The first offset whose timestamp is at or after now − `ms`.
    ByDuration {
        ms: u64,
    },
}

impl OffsetReset {
    /// Parse Kafka's value (`latest`, `earliest`, `none`, `by_duration:PT1H`), with Kafka's
    /// validator message on error.
    pub fn parse(value: &str) -> Result<Self, String> {
        Ok(match AutoOffsetReset::parse(value)? {
            AutoOffsetReset::Latest => Self::Latest,
            AutoOffsetReset::Earliest => Self::Earliest,
            AutoOffsetReset::None => Self::None,
            AutoOffsetReset::ByDuration { ms } => Self::ByDuration { ms },
        })
    }
}

/// One consumer's settings, with Kafka's names and Kafka 4.0 defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsumerSpec {
    pub client_id: String,
    /// `group.id`.
    pub group_id: String,
    /// `group.instance.id` (static membership).
    pub group_instance_id: Option<String>,
    pub commit: CommitStrategy,
    /// `auto.commit.interval.ms` (5000).
    pub auto_commit_interval_ms: u64,
    /// `max.poll.records` (500).
    pub max_poll_records: u32,
    /// `max.poll.interval.ms` (300000); also the rebalance timeout.
    pub max_poll_interval_ms: u64,
    /// `session.timeout.ms` (45000).
    pub session_timeout_ms: u64,
    /// `heartbeat.interval.ms` (3000).
    pub heartbeat_interval_ms: u64,
    /// `partition.assignment.strategy` (the playground uses one assignor per consumer; Kafka's
    /// default list `[range, cooperative-sticky]` behaves as `range` with the eager protocol).
    pub assignor: Strategy,
    /// `auto.offset.reset` (latest).
    pub auto_offset_reset: OffsetReset,
    /// `fetch.max.wait.ms` (500): how long a fetch waits for `fetch.min.bytes`.
    pub fetch_max_wait_ms: u64,
    /// `fetch.min.bytes` (1): the least data a fetch returns before `fetch.max.wait.ms`.
    pub fetch_min_bytes: u64,
    /// `fetch.max.bytes` (52428800): the most data one fetch returns (at least one batch).
    pub fetch_max_bytes: u64,
    /// `max.partition.fetch.bytes` (1048576): the most data per partition per fetch.
    pub max_partition_fetch_bytes: u64,
    /// `metadata.max.age.ms` (300000): how often the consumer refreshes its metadata. The group
    /// leader rejoins when the partition count differs from the one it assigned
    /// (`ConsumerCoordinator.rejoinNeededOrPending`).
    pub metadata_max_age_ms: u64,
    /// The application hands records to a worker queue and keeps polling, calling `pause()`
    /// on its partitions when the queue reaches `high` records and `resume()` when it falls to
    /// `low` (a common pattern; the playground's marks). `None`: it processes each batch
    /// before the next poll.
    pub pause_resume: Option<(u32, u32)>,
    /// The application's processing time per record, ms (uniform in `min..=max`).
    pub processing_ms_min: u64,
    pub processing_ms_max: u64,
}

impl ConsumerSpec {
    pub fn new(client_id: impl Into<String>, group_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            group_id: group_id.into(),
            group_instance_id: None,
            commit: CommitStrategy::Auto,
            auto_commit_interval_ms: 5_000,
            max_poll_records: 500,
            max_poll_interval_ms: 300_000,
            session_timeout_ms: 45_000,
            heartbeat_interval_ms: 3_000,
            assignor: Strategy::Range,
            auto_offset_reset: OffsetReset::Latest,
            fetch_max_wait_ms: 500,
            fetch_min_bytes: 1,
            fetch_max_bytes: 52_428_800,
            max_partition_fetch_bytes: 1_048_576,
            metadata_max_age_ms: 300_000,
            pause_resume: None,
            processing_ms_min: 10,
            processing_ms_max: 10,
        }
    }

    /// Kafka's checks (with Kafka-like messages); the first bad setting is named.
    pub fn validate(&self) -> Result<(), ConfigError> {
        super::config::validate_client_id(&self.client_id)?;
        if self.group_id.is_empty() || self.group_id.len() > 249 {
            return Err(ConfigError::new("group.id", "must be 1 to 249 characters"));
        }
        if let Some(i) = &self.group_instance_id {
            if i.is_empty() || i.len() > 249 {
                return Err(ConfigError::new("group.instance.id", "must be 1 to 249 characters"));
            }
        }
        if self.max_poll_records == 0 || self.max_poll_records > 100_000 {
            return Err(ConfigError::new(
                "max.poll.records",
                format!(
                    "Invalid value {} for configuration max.poll.records: Value must be at least 1",
                    self.max_poll_records
                ),
            ));
        }
        if !(6_000..=1_800_000).contains(&self.session_timeout_ms) {
            return Err(ConfigError::new(
                "session.timeout.ms",
                format!(
                    "The session timeout {} is outside the broker's allowed range [group.min.session.timeout.ms=6000, group.max.session.timeout.ms=1800000]",
                    self.session_timeout_ms
                ),
            ));
        }
        if self.heartbeat_interval_ms == 0 || self.heartbeat_interval_ms >= self.session_timeout_ms {
            return Err(ConfigError::new(
                "heartbeat.interval.ms",
                "heartbeat.interval.ms must be set lower than session.timeout.ms",
            ));
        }
        if self.max_poll_interval_ms == 0 || self.max_poll_interval_ms > 86_400_000 {
            return Err(ConfigError::new("max.poll.interval.ms", "must be between 1 and 86400000"));
        }
        if self.auto_commit_interval_ms > 86_400_000 {
            return Err(ConfigError::new("auto.commit.interval.ms", "must be between 0 and 86400000"));
        }
        if self.fetch_max_wait_ms > 60_000 {
            return Err(ConfigError::new("fetch.max.wait.ms", "must be between 0 and 60000"));
        }
        if self.fetch_min_bytes > 52_428_800 {
            return Err(ConfigError::new("fetch.min.bytes", "must be between 0 and 52428800"));
        }
        if self.fetch_max_bytes == 0 || self.fetch_max_bytes > 1 << 31 {
            return Err(ConfigError::new("fetch.max.bytes", "Value must be at least 1 (and at most 2147483648)"));
        }
        if let Some((high, low)) = self.pause_resume {
            if high == 0 || low >= high || high > 1_000_000 {
                return Err(ConfigError::new("pause.resume", "high must be above low, and at most 1000000"));
            }
            if self.commit != CommitStrategy::Auto {
                return Err(ConfigError::new(
                    "pause.resume",
                    "the playground's pause/resume application uses enable.auto.commit=true",
                ));
            }
        }
        if self.max_partition_fetch_bytes == 0 || self.max_partition_fetch_bytes > 1 << 31 {
            return Err(ConfigError::new(
                "max.partition.fetch.bytes",
                "Value must be at least 1 (and at most 2147483648)",
            ));
        }
        if self.metadata_max_age_ms == 0 || self.metadata_max_age_ms > 86_400_000 {
            return Err(ConfigError::new("metadata.max.age.ms", "must be between 1 and 86400000"));
        }
        if self.processing_ms_min > self.processing_ms_max || self.processing_ms_max > 3_600_000 {
            return Err(ConfigError::new("processing.ms", "min must be at most max, and max at most 3600000"));
        }
        Ok(())
    }
}

/// A consumer's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsumerState {
    /// Between polls, or waiting in `poll()` for data.
    Polling,
    /// Working through the records of its last `poll()`.
    Processing,
    /// Waiting for a `commitSync()` answer.
    Committing,
    /// In a rebalance (joined, waiting for the group to settle).
    Rebalancing,
    /// In the group but assigned nothing.
    Idle,
    /// Crashed: no polls, no heartbeats.
    Crashed,
    /// Closed with `close()`.
    Closed,
    /// Stopped by an exception the application did not catch.
    Failed,
}

/// One assigned partition, as the consumer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PartitionPosition {
    /// Next offset `poll()` returns.
    pub position: u64,
    /// The offset this consumer last committed successfully (or found committed).
    pub committed: Option<u64>,
}

/// A running consumer.
#[derive(Debug, Clone)]
pub struct Consumer {
    pub id: ConsumerId,
    pub spec: ConsumerSpec,
    pub state: ConsumerState,
    /// The member id the coordinator gave it (`None` outside the group).
    pub member_id: Option<String>,
    pub generation: i32,
    /// Assigned partitions (of the one topic) with positions.
    pub assignment: BTreeMap<u32, PartitionPosition>,
    /// The records of the last `poll()` not yet processed: (partition, offset), in order.
    /// As ranges `(partition, from, to)` (to exclusive), in order.
    pub batch: VecDeque<(u32, u64, u64)>,
    pub batch_size: u32,
    /// Bytes of the batch from the last `poll()` (the consumer's memory for records).
    pub batch_bytes: u64,
    /// When the current fetch started waiting for `fetch.min.bytes`.
    fetch_wait_since_us: Option<u64>,
    /// Pause/resume application: its partitions are paused (not fetched).
    pub paused: bool,
    /// Pause/resume application: when its worker finishes the record in processing.
    pub worker_next_us: Option<u64>,
    /// When it next acts.
    pub next_us: u64,
    pub last_poll_us: u64,
    pub next_auto_commit_us: u64,
    /// The coordinator asked it to rejoin; it does at its next poll.
    pub rejoin_requested: bool,
    /// What to do when a `commitSync()` answer arrives.
    after_commit: AfterCommit,
    pub records_processed: u64,
    pub commits_sent: u64,
    pub commits_failed: u64,
    pub last_error: Option<String>,
    /// Round-robin start for fetching from several partitions.
    fetch_cursor: u32,
    /// `close()` was called: finish the batch in hand, then close at the next poll.
    pub close_requested: bool,
    /// `poll()` threw and the application is closing the consumer (it ends `Failed`).
    failing: bool,
    /// When its metadata was last refreshed (`None`: at its next poll).
    metadata_refreshed_us: Option<u64>,
    /// The partition count its metadata knows.
    pub known_partitions: u32,
    /// As the group leader: the partition count it assigned (`assignmentSnapshot`).
    pub assignment_snapshot: Option<u32>,
    /// Why it rejoins at its next poll (for the rebalance's reason).
    rejoin_reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterCommit {
    Poll,
    Process,
    Close,
    /// onJoinPrepare's auto-commit is awaited (Kafka 3.2+) before JoinGroup is sent.
    Join,
}

/// Consumer group state (classic protocol).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GroupState {
    Empty,
    PreparingRebalance,
    CompletingRebalance,
    Stable,
    Dead,
}

/// A group, as its coordinator keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub group_id: String,
    pub state: GroupState,
    pub generation: i32,
    /// Members by member id: their consumer and whether they joined this round.
    pub members: BTreeMap<String, GroupMember>,
    pub leader: Option<String>,
    /// When the current rebalance must end (rebalance timeout, or the initial delay).
    pub rebalance_deadline_us: Option<u64>,
    /// Committed offsets per partition.
    pub committed: BTreeMap<u32, u64>,
    /// `__consumer_offsets` partition of this group.
    pub offsets_partition: u32,
    /// Partitions being revoked in a cooperative first round (to reassign in the follow-up).
    pub pending_second_round: bool,
    pub rebalances: u32,
    /// Since when the group has had no members (offsets expire `offsets.retention.minutes` later).
    pub empty_since_us: Option<u64>,
}

/// The initial rebalance of a group that was Empty (`group.initial.rebalance.delay.ms`,
/// extended while members keep joining: `GroupMetadataManager
/// .tryCompleteInitialRebalanceElseSchedule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct InitialRebalance {
    delay_ms: u64,
    /// What is left of the rebalance timeout.
    remaining_ms: u64,
    /// A member joined during the delay (`ClassicGroup.newMemberAdded`).
    new_member_added: bool,
}

impl Group {
    fn new(group_id: &str, offsets_partitions: u32) -> Self {
        Group {
            group_id: group_id.to_string(),
            state: GroupState::Empty,
            generation: 0,
            members: BTreeMap::new(),
            leader: None,
            rebalance_deadline_us: None,
            committed: BTreeMap::new(),
            offsets_partition: offsets_partition_for(group_id, offsets_partitions),
            pending_second_round: false,
            rebalances: 0,
            empty_since_us: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupMember {
    pub consumer: ConsumerId,
    pub client_id: String,
    pub instance_id: Option<String>,
    pub joined: bool,
    /// Last heartbeat (a crashed member stops heartbeating).
    pub last_heartbeat_us: u64,
    pub session_timeout_ms: u64,
    pub rebalance_timeout_ms: u64,
    /// What it owned when it joined (sticky assignors) and in which generation.
    pub owned: Vec<u32>,
    pub owned_generation: i32,
    pub join_order: u64,
    /// Its current assignment (from the last completed rebalance).
    pub assigned: Vec<u32>,
    /// When its heartbeats stopped (crash, or a static member's poll timeout / close).
    pub heartbeat_stopped_us: Option<u64>,
}

/// One record of `__consumer_offsets`: key (group, topic, partition), value (offset, metadata,
/// commit timestamp), or a tombstone (value `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OffsetCommitRecord {
    /// This record's own offset in the `__consumer_offsets` partition.
    pub log_offset: u64,
    pub group: String,
    pub topic: String,
    pub partition: u32,
    pub offset: Option<u64>,
    pub metadata: String,
    pub commit_timestamp_ms: u64,
}

/// The internal topic `__consumer_offsets` (`cleanup.policy=compact`).
#[derive(Debug, Clone, Serialize)]
pub struct OffsetsTopic {
    /// `offsets.topic.num.partitions`.
    pub partitions: u32,
    /// Per partition that has records: log end offset and the most recent records.
    pub logs: BTreeMap<u32, OffsetsLog>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OffsetsLog {
    pub log_end_offset: u64,
    /// Invariant: at most `OFFSETS_RECENT_MAX` records.
    pub recent: VecDeque<OffsetCommitRecord>,
    /// The compacted view: the latest value per (group, topic, partition).
    pub compacted: BTreeMap<(String, String, u32), OffsetCommitRecord>,
}

/// Records of `__consumer_offsets` kept in detail per partition.
pub const OFFSETS_RECENT_MAX: usize = 64;
/// Consumers at most.
pub const CONSUMERS_MAX: usize = 32;
/// Offset commits in flight at most (commitAsync beyond it is skipped, with an event).
pub const COMMITS_IN_FLIGHT_MAX: usize = 1024;
/// Latest duplicate/loss ranges kept per group for drawing.
pub const LEDGER_RANGES_MAX: usize = 32;

impl OffsetsTopic {
    fn append(&mut self, partition: u32, mut record: OffsetCommitRecord) -> u64 {
        let log = self.logs.entry(partition).or_default();
        record.log_offset = log.log_end_offset;
        log.log_end_offset += 1;
        let key = (record.group.clone(), record.topic.clone(), record.partition);
        if record.offset.is_some() {
            log.compacted.insert(key, record.clone());
        } else {
            log.compacted.remove(&key);
        }
        if log.recent.len() == OFFSETS_RECENT_MAX {
            log.recent.pop_front();
        }
        log.recent.push_back(record);
        log.log_end_offset - 1
    }
}

/// How many times each record was processed, per group and partition, exactly and in bounded
/// memory: consumption of a partition is sequential, so a record below the highest offset ever
/// processed is a repeat, and offsets skipped over were never processed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ledger {
    pub groups: BTreeMap<String, GroupLedger>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupLedger {
    /// Per partition the group has consumed: the offset after the highest offset ever
    /// processed (or, before its first record, where its consumption started). A partition
    /// with no entry has never been consumed by the group.
    pub processed_upto: BTreeMap<u32, u64>,
    pub processed: u64,
    pub duplicates: u64,
    pub lost: u64,
    /// Latest ranges (partition, from, to-exclusive) processed again.
    pub duplicate_ranges: VecDeque<(u32, u64, u64)>,
    /// Latest ranges never processed though the group moved past them.
    pub lost_ranges: VecDeque<(u32, u64, u64)>,
}

fn push_range(q: &mut VecDeque<(u32, u64, u64)>, partition: u32, offset: u64) {
    if let Some(last) = q.back_mut() {
        if last.0 == partition && last.2 == offset {
            last.2 = offset + 1;
            return;
        }
    }
    if q.len() == LEDGER_RANGES_MAX {
        q.pop_front();
    }
    q.push_back((partition, offset, offset + 1));
}

impl GroupLedger {
    /// A record was processed. Returns true when it had been processed before.
    fn process(&mut self, partition: u32, offset: u64) -> bool {
        self.processed += 1;
        let upto = self.processed_upto.entry(partition).or_insert(offset);
        if offset < *upto {
            self.duplicates += 1;
            push_range(&mut self.duplicate_ranges, partition, offset);
            true
        } else {
            if offset > *upto {
                // Skipped over [upto, offset): never processed by this group.
                self.lost += offset - *upto;
                if self.lost_ranges.len() == LEDGER_RANGES_MAX {
                    self.lost_ranges.pop_front();
                }
                self.lost_ranges.push_back((partition, *upto, offset));
            }
            *upto = offset + 1;
            false
        }
    }

    /// The group's consumption starts (first assignment, or a reset) at `offset`: nothing before
    /// it counts as lost.
    fn start_at(&mut self, partition: u32, offset: u64) {
        self.processed_upto.entry(partition).or_insert(offset);
    }
}

/// An offset commit on its way to the coordinator (and back).
#[derive(Debug, Clone)]
struct CommitRequest {
    arrive_us: u64,
    consumer: ConsumerId,
    group: String,
    member_id: Option<String>,
    generation: i32,
    offsets: Vec<(u32, u64)>,
}

/// Events of the consumer side (wrapped in `Event::Consumer`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConsumerEvent {
    ConsumerAdded {
        consumer: ConsumerId,
        client_id: String,
        group: String,
    },
    JoinGroup {
        consumer: ConsumerId,
        group: String,
        member_id: String,
    },
    RebalanceStarted {
        group: String,
        reason: String,
    },
    RebalanceCompleted {
        group: String,
        generation: i32,
        leader: String,
        assignment: Vec<(String, Vec<u32>)>,
    },
    PartitionsRevoked {
        consumer: ConsumerId,
        partitions: Vec<u32>,
    },
    PartitionsAssigned {
        consumer: ConsumerId,
        partitions: Vec<u32>,
    },
    PositionReset {
        consumer: ConsumerId,
        partition: u32,
        /// The offset it had (the committed offset or the fetch position), if any.
        from: Option<u64>,
        offset: u64,
        cause: ResetCause,
        /// The `auto.offset.reset` value that chose `offset`.
        policy: String,
        /// The whole reason in English, for the command line.
        reason: String,
    },
    Polled {
        consumer: ConsumerId,
        records: u32,
        partitions: Vec<(u32, u64, u64)>,
    },
    BatchProcessed {
        consumer: ConsumerId,
        records: u32,
        duplicates: u32,
    },
    CommitSent {
        consumer: ConsumerId,
        offsets: Vec<(u32, u64)>,
        sync: bool,
        auto: bool,
    },
    OffsetCommitted {
        group: String,
        consumer: ConsumerId,
        offsets: Vec<(u32, u64)>,
        offsets_partition: u32,
        log_offset: u64,
    },
    CommitFailed {
        consumer: ConsumerId,
        error: String,
    },
    MemberLeft {
        group: String,
        consumer: ConsumerId,
        reason: String,
    },
    ConsumerCrashed {
        consumer: ConsumerId,
    },
    ConsumerRestarted {
        consumer: ConsumerId,
    },
    ConsumerClosed {
        consumer: ConsumerId,
    },
    ConsumerFailed {
        consumer: ConsumerId,
        error: String,
    },
    /// The application called `pause()` (its queue reached the high mark) or `resume()`.
    PartitionsPaused {
        consumer: ConsumerId,
        queued: u64,
    },
    PartitionsResumed {
        consumer: ConsumerId,
        queued: u64,
    },
    /// `kafka-consumer-groups.sh --reset-offsets --execute` committed new offsets for a group.
    GroupOffsetsAltered {
        group: String,
        offsets: Vec<(u32, u64)>,
        offsets_partition: u32,
    },
    /// The group was Empty for `offsets.retention.minutes`: its offsets expired (tombstones).
    OffsetsExpired {
        group: String,
        partitions: Vec<u32>,
    },
}

/// Why `auto.offset.reset` was applied to a partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResetCause {
    /// The group has no committed offset for the partition.
    NoCommittedOffset,
    /// The committed offset is outside [log start offset, high watermark].
    CommittedOutOfRange,
    /// A fetch got `OFFSET_OUT_OF_RANGE` (retention deleted the position).
    FetchOutOfRange,
}

/// Everything on the consumer side of the simulation.
#[derive(Debug, Clone)]
pub struct ConsumerWorld {
    pub consumers: BTreeMap<ConsumerId, Consumer>,
    pub groups: BTreeMap<String, Group>,
    pub offsets: OffsetsTopic,
    pub ledger: Ledger,
    commits: VecDeque<CommitRequest>,
    next_consumer_id: ConsumerId,
    join_seq: u64,
    /// `group.initial.rebalance.delay.ms` (Kafka's default 3000).
    pub initial_rebalance_delay_ms: u64,
    /// One-way network time between a client and the coordinator, microseconds.
    pub latency_us: u64,
    next_wakeup: Option<u64>,
    /// `offsets.retention.minutes` in ms (Kafka: 10080 minutes).
    pub offsets_retention_ms: u64,
    /// `offsets.retention.check.interval.ms` (Kafka: 600000).
    pub offsets_retention_check_ms: u64,
    next_expiry_check_us: u64,
    /// Groups in their initial rebalance.
    initial_rebalances: BTreeMap<String, InitialRebalance>,
    /// `__consumer_offsets` partitions with no live leader: their groups have no coordinator
    /// (set by the simulation from the cluster).
    pub coordinators_down: std::collections::BTreeSet<u32>,
}

/// A topic's offsets as the consumers see them.
pub trait PartitionView {
    /// `(log start offset, high watermark)` of a partition.
    fn offsets(&self, partition: u32) -> (u64, u64);
    fn partitions(&self) -> u32;
    /// The leader's log end offset (a fetch position above it is out of range).
    fn log_end_offset(&self, partition: u32) -> u64 {
        self.offsets(partition).1
    }
    /// `ListOffsets(forTimestamp)`: first offset with a timestamp at or after `ts_ms`.
    fn offset_for_timestamp(&self, _partition: u32, _ts_ms: u64) -> Option<u64> {
        None
    }
    /// Average bytes per record of a partition (for the fetch size limits).
    fn bytes_per_record(&self, _partition: u32) -> u64 {
        100
    }
}

impl ConsumerWorld {
    pub fn new(offsets_partitions: u32, latency_us: u64) -> Self {
        Self {
            consumers: BTreeMap::new(),
            groups: BTreeMap::new(),
            offsets: OffsetsTopic { partitions: offsets_partitions, logs: BTreeMap::new() },
            ledger: Ledger::default(),
            commits: VecDeque::new(),
            next_consumer_id: 1,
            join_seq: 0,
            initial_rebalance_delay_ms: 3_000,
            latency_us,
            next_wakeup: None,
            offsets_retention_ms: 10_080 * 60_000,
            coordinators_down: std::collections::BTreeSet::new(),
            offsets_retention_check_ms: 600_000,
            next_expiry_check_us: 0,
            initial_rebalances: BTreeMap::new(),
        }
    }

    pub fn add_consumer(
        &mut self,
        spec: ConsumerSpec,
        now: u64,
    ) -> Result<(ConsumerId, Vec<ConsumerEvent>), ConfigError> {
        spec.validate()?;
        if self.consumers.len() >= CONSUMERS_MAX {
            return Err(ConfigError::new("consumers", format!("at most {CONSUMERS_MAX} consumers")));
        }
        let id = self.next_consumer_id;
        self.next_consumer_id += 1;
        let group = spec.group_id.clone();
        let client_id = spec.client_id.clone();
        self.consumers.insert(
            id,
            Consumer {
                id,
                spec,
                state: ConsumerState::Polling,
                member_id: None,
                generation: -1,
                assignment: BTreeMap::new(),
                batch: VecDeque::new(),
                batch_size: 0,
                batch_bytes: 0,
                fetch_wait_since_us: None,
                paused: false,
                worker_next_us: None,
                next_us: now,
                last_poll_us: now,
                next_auto_commit_us: now,
                rejoin_requested: true,
                after_commit: AfterCommit::Poll,
                records_processed: 0,
                commits_sent: 0,
                commits_failed: 0,
                last_error: None,
                fetch_cursor: 0,
                close_requested: false,
                failing: false,
                metadata_refreshed_us: None,
                known_partitions: 0,
                assignment_snapshot: None,
                rejoin_reason: None,
            },
        );
        self.refresh_wakeup();
        Ok((id, vec![ConsumerEvent::ConsumerAdded { consumer: id, client_id, group }]))
    }

    /// The earliest time anything on the consumer side is due (kept up to date by every
    /// mutation: the simulation asks for it at every step).
    pub fn next_wakeup_us(&self) -> Option<u64> {
        self.next_wakeup
    }

    fn refresh_wakeup(&mut self) {
        self.next_wakeup = self.compute_next_wakeup();
    }

    fn compute_next_wakeup(&self) -> Option<u64> {
        let consumers = self
            .consumers
            .values()
            .filter(|c| {
                !matches!(
                    c.state,
                    ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed | ConsumerState::Rebalancing
                )
            })
            .flat_map(|c| std::iter::once(c.next_us).chain(c.worker_next_us));
        let groups = self.groups.values().flat_map(|g| {
            let deadline = g.rebalance_deadline_us;
            let sessions =
                g.members.values().filter_map(|m| m.heartbeat_stopped_us.map(|t| t + m.session_timeout_ms * 1000));
            deadline.into_iter().chain(sessions)
        });
        let poll_timeouts = self
            .consumers
            .values()
            .filter(|c| {
                c.member_id.is_some() && matches!(c.state, ConsumerState::Processing | ConsumerState::Committing)
            })
            .map(|c| c.last_poll_us + c.spec.max_poll_interval_ms * 1000 + 1);
        let commits = self.commits.front().map(|c| c.arrive_us);
        let expiry = self
            .groups
            .values()
            .any(|g| g.state == GroupState::Empty && !g.committed.is_empty())
            .then_some(self.next_expiry_check_us);
        consumers.chain(groups).chain(commits).chain(poll_timeouts).chain(expiry).min()
    }

    /// Data arrived on a partition: consumers waiting in `poll()` for it wake now.
    pub fn on_append(&mut self, partition: u32, now: u64) {
        for c in self.consumers.values_mut() {
            if c.state == ConsumerState::Polling && c.assignment.contains_key(&partition) && c.next_us > now {
                c.next_us = now;
                self.next_wakeup = Some(self.next_wakeup.map_or(now, |t| t.min(now)));
            }
        }
    }

    /// Crash a consumer: it stops at once; its group notices after `session.timeout.ms`.
    pub fn crash(&mut self, id: ConsumerId, now: u64) -> Option<Vec<ConsumerEvent>> {
        let c = self.consumers.get_mut(&id)?;
        if matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed) {
            return Some(Vec::new());
        }
        c.state = ConsumerState::Crashed;
        c.batch.clear();
        // The process is gone, and with it its positions; the group still counts it as the
        // owner until its session expires.
        c.assignment.clear();
        let (group, member) = (c.spec.group_id.clone(), c.member_id.clone());
        // The heartbeat thread sends a heartbeat every heartbeat.interval.ms; the coordinator
        // counts the session from the last one it received, not from the crash.
        let hb = c.spec.heartbeat_interval_ms.max(1) * 1000;
        if let (Some(g), Some(member)) = (self.groups.get_mut(&group), member) {
            if let Some(m) = g.members.get_mut(&member) {
                let last_heartbeat = (now - now % hb).max(m.last_heartbeat_us);
                m.heartbeat_stopped_us.get_or_insert(last_heartbeat);
            }
        }
        self.refresh_wakeup();
        Some(vec![ConsumerEvent::ConsumerCrashed { consumer: id }])
    }

    /// Restart a crashed or closed consumer: a new process with the same settings (a static
    /// member keeps its `group.instance.id`).
    pub fn restart(&mut self, id: ConsumerId, now: u64) -> Option<Vec<ConsumerEvent>> {
        let c = self.consumers.get_mut(&id)?;
        if !matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed) {
            return Some(Vec::new());
        }
        let static_member = c.spec.group_instance_id.clone();
        c.state = ConsumerState::Polling;
        c.assignment.clear();
        c.batch.clear();
        c.next_us = now;
        c.last_poll_us = now;
        c.rejoin_requested = true;
        c.close_requested = false;
        c.failing = false;
        c.last_error = None;
        c.metadata_refreshed_us = None;
        c.assignment_snapshot = None;
        c.rejoin_reason = None;
        if static_member.is_none() {
            c.member_id = None;
            c.generation = -1;
        }
        self.refresh_wakeup();
        Some(vec![ConsumerEvent::ConsumerRestarted { consumer: id }])
    }

    /// The application stops its loop: it finishes the records in hand, then calls `close()`
    /// (auto-commit synchronously if enabled, then LeaveGroup).
    pub fn close(&mut self, id: ConsumerId, now: u64) -> Option<Vec<ConsumerEvent>> {
        let c = self.consumers.get_mut(&id)?;
        if matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed) {
            return Some(Vec::new());
        }
        c.close_requested = true;
        if matches!(c.state, ConsumerState::Polling | ConsumerState::Idle | ConsumerState::Rebalancing) {
            c.next_us = now;
            if c.state == ConsumerState::Rebalancing {
                c.state = ConsumerState::Polling;
            }
        }
        self.refresh_wakeup();
        Some(Vec::new())
    }

    fn finish_close(&mut self, id: ConsumerId, now: u64, events: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        c.state = if c.failing { ConsumerState::Failed } else { ConsumerState::Closed };
        c.batch.clear();
        c.assignment_snapshot = None;
        let member = c.member_id.take();
        let static_member = c.spec.group_instance_id.is_some();
        let group = c.spec.group_id.clone();
        c.assignment.clear();
        events.push(ConsumerEvent::ConsumerClosed { consumer: id });
        // A static member sends no LeaveGroup: its partitions wait for session.timeout.ms.
        if let (Some(member), false) = (member, static_member) {
            self.remove_member(&group, &member, now, "close(): LeaveGroup", events);
        }
    }

    /// `poll()` threw (`NoOffsetForPartitionException`, `OffsetOutOfRangeException`) and the
    /// application, as one written with try-with-resources does, closes the consumer: it
    /// commits what it consumed (auto-commit) and sends LeaveGroup at once, so its partitions
    /// go to the live members. (Kafka's other outcomes: the process exits, and the group waits
    /// `session.timeout.ms`; only the polling thread dies, and `max.poll.interval.ms` expires.)
    fn fail(&mut self, id: ConsumerId, now: u64, error: String, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        c.last_error = Some(error.clone());
        c.failing = true;
        c.close_requested = true;
        c.batch.clear();
        c.state = ConsumerState::Polling;
        c.next_us = now;
        out.push(ConsumerEvent::ConsumerFailed { consumer: id, error });
    }

    fn remove_member(&mut self, group: &str, member: &str, now: u64, reason: &str, events: &mut Vec<ConsumerEvent>) {
        let Some(g) = self.groups.get_mut(group) else { return };
        let Some(m) = g.members.remove(member) else { return };
        events.push(ConsumerEvent::MemberLeft {
            group: group.to_string(),
            consumer: m.consumer,
            reason: reason.to_string(),
        });
        if let Some(c) = self.consumers.get_mut(&m.consumer) {
            if c.member_id.as_deref() == Some(member) {
                c.member_id = None;
                c.generation = -1;
            }
        }
        if g.members.is_empty() {
            g.state = GroupState::Empty;
            g.empty_since_us = Some(now);
            g.rebalance_deadline_us = None;
            g.leader = None;
            self.initial_rebalances.remove(group);
        } else {
            self.start_rebalance(group, now, reason, events);
        }
    }

    fn start_rebalance(&mut self, group: &str, now: u64, reason: &str, events: &mut Vec<ConsumerEvent>) {
        let g = self.groups.get_mut(group).expect("group exists");
        if g.state == GroupState::PreparingRebalance {
            return;
        }
        let timeout_ms = g.members.values().map(|m| m.rebalance_timeout_ms).max().unwrap_or(0);
        g.state = GroupState::PreparingRebalance;
        g.rebalance_deadline_us = Some(now + timeout_ms * 1000);
        for m in g.members.values_mut() {
            m.joined = false;
        }
        g.rebalances += 1;
        events.push(ConsumerEvent::RebalanceStarted { group: group.to_string(), reason: reason.to_string() });
        // Members learn about it from their next heartbeat and rejoin at their next poll().
        let members: Vec<ConsumerId> = g.members.values().map(|m| m.consumer).collect();
        for id in members {
            if let Some(c) = self.consumers.get_mut(&id) {
                c.rejoin_requested = true;
                let hb = c.spec.heartbeat_interval_ms * 1000;
                let learn_at = now + (hb - (now % hb.max(1)));
                if c.state == ConsumerState::Idle || c.state == ConsumerState::Polling {
                    c.next_us = c.next_us.min(learn_at);
                }
            }
        }
    }
}

fn policy_name(r: OffsetReset) -> String {
    match r {
        OffsetReset::Latest => "latest".into(),
        OffsetReset::Earliest => "earliest".into(),
        OffsetReset::None => "none".into(),
        OffsetReset::ByDuration { ms } => format!("by_duration ({ms} ms)"),
    }
}

/// Take the next record of a batch kept as ranges.
fn pop_record(batch: &mut VecDeque<(u32, u64, u64)>) -> Option<(u32, u64)> {
    let front = batch.front_mut()?;
    let record = (front.0, front.1);
    front.1 += 1;
    if front.1 >= front.2 {
        batch.pop_front();
    }
    Some(record)
}

impl Consumer {
    /// Records returned by `poll()` and not processed yet.
    pub fn records_in_hand(&self) -> u64 {
        self.batch.iter().map(|(_, a, b)| b - a).sum()
    }
}

/// How often a pause/resume application calls `poll()` (its loop), microseconds.
pub const PAUSED_POLL_US: u64 = 100_000;

/// Uniform processing time for one record, microseconds.
fn processing_us(spec: &ConsumerSpec, rng: &mut SimRng) -> u64 {
    let span = spec.processing_ms_max - spec.processing_ms_min;
    let ms = if span == 0 { spec.processing_ms_min } else { spec.processing_ms_min + rng.below(span + 1) };
    ms * 1000
}

impl ConsumerWorld {
    /// Run everything due at `now`. `topic` is the one topic all groups read.
    pub fn process(
        &mut self,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        rng: &mut SimRng,
        out: &mut Vec<ConsumerEvent>,
    ) {
        // 0. Offset expiry (`offsets.retention.minutes`, counted from when the group became
        // Empty; checked every `offsets.retention.check.interval.ms`): tombstones in
        // __consumer_offsets, and an Empty classic group whose last offset expired is deleted
        // (`GroupCoordinatorShard.cleanupGroupMetadata`, `GroupMetadataManager.maybeDeleteGroup`).
        if now >= self.next_expiry_check_us {
            self.next_expiry_check_us = now + self.offsets_retention_check_ms.max(1) * 1000;
            let expired: Vec<String> = self
                .groups
                .values()
                .filter(|g| {
                    g.state == GroupState::Empty
                        && !g.committed.is_empty()
                        && g.empty_since_us.is_some_and(|t| now >= t + self.offsets_retention_ms * 1000)
                })
                .map(|g| g.group_id.clone())
                .collect();
            for group in expired {
                let g = self.groups.remove(&group).expect("listed");
                let partitions: Vec<u32> = g.committed.keys().copied().collect();
                let part = g.offsets_partition;
                for p in &partitions {
                    self.offsets.append(
                        part,
                        OffsetCommitRecord {
                            log_offset: 0,
                            group: group.clone(),
                            topic: topic.to_string(),
                            partition: *p,
                            offset: None,
                            metadata: String::new(),
                            commit_timestamp_ms: now / 1000,
                        },
                    );
                }
                out.push(ConsumerEvent::OffsetsExpired { group, partitions });
            }
        }
        // 1. Offset commits reaching the coordinator.
        while self.commits.front().is_some_and(|c| c.arrive_us <= now) {
            let req = self.commits.pop_front().expect("front");
            self.handle_commit(req, now, topic, out);
        }
        // 2. Liveness: poll timeouts (max.poll.interval.ms) and session timeouts.
        let timed_out: Vec<ConsumerId> = self
            .consumers
            .values()
            .filter(|c| {
                c.member_id.is_some()
                    && matches!(c.state, ConsumerState::Processing | ConsumerState::Committing)
                    && now > c.last_poll_us + c.spec.max_poll_interval_ms * 1000
            })
            .map(|c| c.id)
            .collect();
        for id in timed_out {
            self.poll_timeout(id, now, out);
        }
        let groups: Vec<String> = self.groups.keys().cloned().collect();
        for g in &groups {
            let expired: Vec<String> = self.groups[g]
                .members
                .iter()
                .filter(|(_, m)| m.heartbeat_stopped_us.is_some_and(|t| t + m.session_timeout_ms * 1000 <= now))
                .map(|(id, _)| id.clone())
                .collect();
            for member in expired {
                self.remove_member(g, &member, now, "session timeout (no heartbeat for session.timeout.ms)", out);
            }
        }
        // 3. Rebalances whose time is up.
        for g in &groups {
            let due = self.groups[g].rebalance_deadline_us.is_some_and(|t| t <= now);
            if due {
                self.complete_rebalance(g, now, topic, view, true, out);
            } else {
                // Members that left (or timed out) may have been the last ones awaited.
                self.maybe_complete(g, now, topic, view, out);
            }
        }
        // 3b. Pause/resume applications: their workers process the queue.
        let workers: Vec<ConsumerId> = self
            .consumers
            .values()
            .filter(|c| {
                c.worker_next_us.is_some_and(|t| t <= now)
                    && !matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed)
            })
            .map(|c| c.id)
            .collect();
        for id in workers {
            self.work(id, now, rng, out);
        }
        // 4. Consumers whose turn it is.
        let due: Vec<ConsumerId> = self
            .consumers
            .values()
            .filter(|c| {
                c.next_us <= now
                    && !matches!(
                        c.state,
                        ConsumerState::Crashed
                            | ConsumerState::Closed
                            | ConsumerState::Failed
                            | ConsumerState::Rebalancing
                    )
            })
            .map(|c| c.id)
            .collect();
        for id in due {
            let state = self.consumers[&id].state;
            match state {
                ConsumerState::Polling | ConsumerState::Idle => self.poll(id, now, topic, view, rng, out),
                ConsumerState::Processing => self.process_record(id, now, rng, out),
                ConsumerState::Committing => self.commit_answered(id, now, topic, view, rng, out),
                _ => {}
            }
        }
        self.refresh_wakeup();
    }

    fn poll_timeout(&mut self, id: ConsumerId, now: u64, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let group = c.spec.group_id.clone();
        let Some(member) = c.member_id.clone() else { return };
        if c.spec.group_instance_id.is_some() {
            // A static member sends no LeaveGroup; its heartbeats stop and the session expires.
            if let Some(m) = self.groups.get_mut(&group).and_then(|g| g.members.get_mut(&member)) {
                m.heartbeat_stopped_us.get_or_insert(now);
            }
            c.last_poll_us = now; // report once
            return;
        }
        self.remove_member(&group, &member, now, "consumer poll timeout has expired (max.poll.interval.ms)", out);
    }

    fn send_commit(&mut self, id: ConsumerId, now: u64, sync: bool, auto: bool, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let offsets: Vec<(u32, u64)> = c.assignment.iter().map(|(p, pos)| (*p, pos.position)).collect();
        self.send_offsets(id, now, offsets, sync, auto, out);
    }

    fn send_offsets(
        &mut self,
        id: ConsumerId,
        now: u64,
        offsets: Vec<(u32, u64)>,
        sync: bool,
        auto: bool,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        if !sync && self.commits.len() >= COMMITS_IN_FLIGHT_MAX {
            c.last_error = Some("commitAsync skipped: too many commits in flight".into());
            return;
        }
        c.commits_sent += 1;
        out.push(ConsumerEvent::CommitSent { consumer: id, offsets: offsets.clone(), sync, auto });
        self.commits.push_back(CommitRequest {
            arrive_us: now + self.latency_us,
            consumer: id,
            group: c.spec.group_id.clone(),
            member_id: c.member_id.clone(),
            generation: c.generation,
            offsets,
        });
        if sync {
            c.state = ConsumerState::Committing;
            c.next_us = now + 2 * self.latency_us;
        }
    }

    /// The coordinator validates a commit (`ClassicGroup.validateOffsetCommit`) and appends it to
    /// `__consumer_offsets`.
    fn handle_commit(&mut self, req: CommitRequest, now: u64, topic: &str, out: &mut Vec<ConsumerEvent>) {
        let coordinator_down =
            self.groups.get(&req.group).is_some_and(|g| self.coordinators_down.contains(&g.offsets_partition));
        let failure = match (&req.member_id, self.groups.get(&req.group)) {
            _ if coordinator_down => Some("CoordinatorNotAvailableException: The coordinator is not available."),
            (None, _) => Some("CommitFailedException: Commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group."),
            (_, None) => Some("CommitFailedException: the group does not exist"),
            (Some(member), Some(g)) => {
                if !g.members.contains_key(member) {
                    Some("CommitFailedException: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing.")
                } else if req.generation != g.generation {
                    Some("CommitFailedException: ILLEGAL_GENERATION: the group has moved to a newer generation")
                } else if g.state == GroupState::CompletingRebalance {
                    Some("RebalanceInProgressException: Offset commit cannot be completed since the consumer group is rebalancing")
                } else {
                    None
                }
            }
        };
        if let Some(error) = failure {
            if let Some(c) = self.consumers.get_mut(&req.consumer) {
                c.commits_failed += 1;
                c.last_error = Some(error.to_string());
            }
            out.push(ConsumerEvent::CommitFailed { consumer: req.consumer, error: error.to_string() });
            return;
        }
        let g = self.groups.get_mut(&req.group).expect("checked");
        let part = g.offsets_partition;
        let mut last = 0;
        for (p, off) in &req.offsets {
            g.committed.insert(*p, *off);
            last = self.offsets.append(
                part,
                OffsetCommitRecord {
                    log_offset: 0,
                    group: req.group.clone(),
                    topic: topic.to_string(),
                    partition: *p,
                    offset: Some(*off),
                    metadata: String::new(),
                    commit_timestamp_ms: now / 1000,
                },
            );
        }
        if let Some(c) = self.consumers.get_mut(&req.consumer) {
            for (p, off) in &req.offsets {
                if let Some(pos) = c.assignment.get_mut(p) {
                    pos.committed = Some(*off);
                }
            }
        }
        if !req.offsets.is_empty() {
            out.push(ConsumerEvent::OffsetCommitted {
                group: req.group,
                consumer: req.consumer,
                offsets: req.offsets,
                offsets_partition: part,
                log_offset: last,
            });
        }
    }

    fn commit_answered(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        rng: &mut SimRng,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        match c.after_commit {
            AfterCommit::Process => {
                c.state = ConsumerState::Processing;
                c.next_us = now + processing_us(&c.spec, rng);
                if c.batch.is_empty() {
                    c.state = ConsumerState::Polling;
                    c.next_us = now;
                }
            }
            AfterCommit::Poll => {
                c.state = ConsumerState::Polling;
                self.poll(id, now, topic, view, rng, out);
            }
            AfterCommit::Close => self.finish_close(id, now, out),
            AfterCommit::Join => {
                c.after_commit = AfterCommit::Poll;
                c.state = ConsumerState::Polling;
                c.rejoin_requested = true;
                self.join_now(id, now, topic, view, out);
            }
        }
    }

    /// The application finishes a record (and, while processing takes no time, the ones after
    /// it at the same instant).
    /// A pause/resume application's worker: finish the record in processing, start the next,
    /// and `resume()` when the queue falls to the low mark.
    fn work(&mut self, id: ConsumerId, now: u64, rng: &mut SimRng, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let Some((_, low)) = c.spec.pause_resume else { return };
        let ledger = self.ledger.groups.entry(c.spec.group_id.clone()).or_default();
        if let Some((p, off)) = pop_record(&mut c.batch) {
            c.records_processed += 1;
            ledger.process(p, off);
        }
        c.worker_next_us = if c.batch.is_empty() { None } else { Some(now + processing_us(&c.spec, rng).max(1)) };
        let queued = c.records_in_hand();
        if c.paused && queued <= low as u64 {
            c.paused = false;
            out.push(ConsumerEvent::PartitionsResumed { consumer: id, queued });
        }
    }

    fn process_record(&mut self, id: ConsumerId, now: u64, rng: &mut SimRng, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let ledger = self.ledger.groups.entry(c.spec.group_id.clone()).or_default();
        loop {
            let Some((p, off)) = pop_record(&mut c.batch) else {
                c.state = ConsumerState::Polling;
                c.next_us = now;
                return;
            };
            c.records_processed += 1;
            ledger.process(p, off);
            let batch_done = c.batch.is_empty();
            if batch_done {
                out.push(ConsumerEvent::BatchProcessed { consumer: id, records: c.batch_size, duplicates: 0 });
            }
            match (c.spec.commit, batch_done) {
                (CommitStrategy::SyncPerRecord, _) => {
                    c.after_commit = if batch_done { AfterCommit::Poll } else { AfterCommit::Process };
                    self.send_offsets(id, now, vec![(p, off + 1)], true, false, out);
                    return;
                }
                (CommitStrategy::SyncPerBatch, true) => {
                    c.after_commit = AfterCommit::Poll;
                    self.send_commit(id, now, true, false, out);
                    return;
                }
                (CommitStrategy::AsyncPerBatch, true) => {
                    self.send_commit(id, now, false, false, out);
                    let c = self.consumers.get_mut(&id).expect("exists");
                    c.state = ConsumerState::Polling;
                    c.next_us = now;
                    return;
                }
                (_, true) => {
                    c.state = ConsumerState::Polling;
                    c.next_us = now;
                    return;
                }
                (_, false) => {
                    let dt = processing_us(&c.spec, rng);
                    if dt > 0 {
                        c.next_us = now + dt;
                        return;
                    }
                }
            }
        }
    }

    /// `poll()`: rejoin if asked, auto-commit when due, then fetch up to `max.poll.records`.
    fn poll(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        rng: &mut SimRng,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        c.last_poll_us = now;
        if c.close_requested {
            if c.spec.commit == CommitStrategy::Auto && c.member_id.is_some() && !c.assignment.is_empty() {
                c.after_commit = AfterCommit::Close;
                self.send_commit(id, now, true, true, out);
            } else {
                self.finish_close(id, now, out);
            }
            return;
        }
        // Metadata refresh (`metadata.max.age.ms`); the group leader rejoins when the
        // partition count differs from the one it assigned (`rejoinNeededOrPending`).
        if c.metadata_refreshed_us.is_none_or(|t| now >= t + c.spec.metadata_max_age_ms * 1000) {
            c.metadata_refreshed_us = Some(now);
            c.known_partitions = view.partitions();
        }
        if let Some(assigned) = c.assignment_snapshot.filter(|n| *n != c.known_partitions && c.member_id.is_some()) {
            c.assignment_snapshot = None;
            c.rejoin_requested = true;
            c.rejoin_reason = Some(format!(
                "cached metadata has changed: {topic} had {assigned} partitions at the beginning of the rebalance, now {}",
                c.known_partitions
            ));
        }
        if c.rejoin_requested || c.member_id.is_none() {
            self.join(id, now, topic, view, out);
            return;
        }
        if c.spec.commit == CommitStrategy::Auto && now >= c.next_auto_commit_us {
            c.next_auto_commit_us = now + c.spec.auto_commit_interval_ms * 1000;
            if !c.assignment.is_empty() {
                self.send_commit(id, now, false, true, out);
            }
        }
        let c = self.consumers.get_mut(&id).expect("exists");
        // A fetch position the log no longer holds (retention moved the log start offset past
        // it) gets OFFSET_OUT_OF_RANGE: reset by auto.offset.reset, or fail with `none`.
        // A position in (high watermark, log end offset] is in range: the fetch is empty
        // until the high watermark passes it (`LocalLog.read`).
        let parts: Vec<u32> = c.assignment.keys().copied().collect();
        for &p in &parts {
            let (log_start, hw) = view.offsets(p);
            let leo = view.log_end_offset(p).max(hw);
            let pos = c.assignment[&p].position;
            if pos < log_start || pos > leo {
                let reset = match c.spec.auto_offset_reset {
                    OffsetReset::Earliest => Some(log_start),
                    OffsetReset::Latest => Some(hw),
                    OffsetReset::ByDuration { ms } => {
                        Some(view.offset_for_timestamp(p, (now / 1000).saturating_sub(ms)).unwrap_or(hw))
                    }
                    OffsetReset::None => None,
                };
                match reset {
                    Some(to) => {
                        c.assignment.get_mut(&p).expect("assigned").position = to;
                        out.push(ConsumerEvent::PositionReset {
                            consumer: id,
                            partition: p,
                            from: Some(pos),
                            offset: to,
                            cause: ResetCause::FetchOutOfRange,
                            policy: policy_name(c.spec.auto_offset_reset),
                            reason: format!(
                                "fetch offset {pos} out of range [{log_start}, {leo}]; auto.offset.reset={}",
                                policy_name(c.spec.auto_offset_reset)
                            ),
                        });
                    }
                    None => {
                        let error = format!(
                            "OffsetOutOfRangeException: Offsets out of range with no configured reset policy for partitions: {{{topic}-{p}={pos}}}"
                        );
                        c.assignment.remove(&p);
                        self.fail(id, now, error, out);
                        return;
                    }
                }
            }
        }
        // A pause/resume application: pause() at the high mark; a paused poll fetches nothing
        // but keeps the member alive (max.poll.interval.ms is about poll(), not processing).
        if let Some((high, _)) = c.spec.pause_resume {
            let queued = c.records_in_hand();
            if !c.paused && queued >= high as u64 {
                c.paused = true;
                out.push(ConsumerEvent::PartitionsPaused { consumer: id, queued });
            }
            if c.paused {
                c.state = ConsumerState::Polling;
                c.next_us = now + PAUSED_POLL_US;
                return;
            }
        }
        // Fetch: partitions in turn from a rotating start, up to max.poll.records in all, at most
        // max.partition.fetch.bytes per partition and fetch.max.bytes in all (at least one
        // record, as Kafka returns at least one batch); wait for fetch.min.bytes up to
        // fetch.max.wait.ms.
        let mut available_bytes = 0;
        for &p in &parts {
            let (_, hw) = view.offsets(p);
            let pos = c.assignment[&p].position;
            available_bytes += hw.saturating_sub(pos) * view.bytes_per_record(p);
        }
        let waited = c.fetch_wait_since_us.is_some_and(|t| now >= t + c.spec.fetch_max_wait_ms * 1000);
        if available_bytes > 0 && available_bytes < c.spec.fetch_min_bytes && !waited {
            let since = *c.fetch_wait_since_us.get_or_insert(now);
            c.state = ConsumerState::Polling;
            c.next_us = since + c.spec.fetch_max_wait_ms.max(1) * 1000;
            return;
        }
        c.fetch_wait_since_us = None;
        let mut remaining = c.spec.max_poll_records as u64;
        let mut bytes_left = c.spec.fetch_max_bytes;
        let mut fetched = Vec::new();
        let mut fetched_bytes = 0;
        if !parts.is_empty() {
            let start = c.fetch_cursor as usize % parts.len();
            for k in 0..parts.len() {
                let p = parts[(start + k) % parts.len()];
                let (_, hw) = view.offsets(p);
                let per = view.bytes_per_record(p).max(1);
                let pos = c.assignment.get_mut(&p).expect("assigned");
                if pos.position < hw && remaining > 0 && (bytes_left > 0 || fetched.is_empty()) {
                    let by_bytes = (c.spec.max_partition_fetch_bytes.min(bytes_left) / per)
                        .max(if fetched.is_empty() { 1 } else { 0 });
                    let n = (hw - pos.position).min(remaining).min(by_bytes);
                    if n == 0 {
                        continue;
                    }
                    fetched.push((p, pos.position, pos.position + n));
                    c.batch.push_back((p, pos.position, pos.position + n));
                    pos.position += n;
                    remaining -= n;
                    bytes_left = bytes_left.saturating_sub(n * per);
                    fetched_bytes += n * per;
                }
            }
            c.fetch_cursor = c.fetch_cursor.wrapping_add(1);
        }
        c.batch_bytes = fetched_bytes;
        if fetched.is_empty() {
            c.state = if c.assignment.is_empty() { ConsumerState::Idle } else { ConsumerState::Polling };
            c.next_us = now + c.spec.fetch_max_wait_ms.max(1) * 1000;
            return;
        }
        let n: u64 = fetched.iter().map(|(_, a, b)| b - a).sum();
        c.batch_size = n as u32;
        out.push(ConsumerEvent::Polled { consumer: id, records: n as u32, partitions: fetched });
        if c.spec.pause_resume.is_some() {
            // Hand the records to the worker and poll again.
            if c.worker_next_us.is_none() {
                c.worker_next_us = Some(now + processing_us(&c.spec, rng).max(1));
            }
            c.state = ConsumerState::Polling;
            c.next_us = now + PAUSED_POLL_US;
            return;
        }
        if c.spec.commit == CommitStrategy::BeforeProcessing {
            c.after_commit = AfterCommit::Process;
            self.send_commit(id, now, true, false, out);
        } else {
            c.state = ConsumerState::Processing;
            c.next_us = now + processing_us(&c.spec, rng);
        }
    }

    /// JoinGroup (and, for eager protocols, revoke everything first, after an auto-commit).
    fn join(&mut self, id: ConsumerId, now: u64, topic: &str, view: &dyn PartitionView, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let auto = c.spec.commit == CommitStrategy::Auto;
        if auto && c.member_id.is_some() && !c.assignment.is_empty() {
            // onJoinPrepare: commit what was consumed (and wait for it) before revoking.
            c.after_commit = AfterCommit::Join;
            self.send_commit(id, now, true, true, out);
            return;
        }
        self.join_now(id, now, topic, view, out);
    }

    fn join_now(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let eager = !c.spec.assignor.is_cooperative();
        let owned: Vec<u32> = c.assignment.keys().copied().collect();
        // The eager StickyAssignor keeps its last assignment and generation in the
        // subscription's userData (`StickyAssignor.memberData`): the eager protocol revokes
        // everything before JoinGroup, so `ownedPartitions` would be empty.
        let user_data_owned = (c.spec.assignor == Strategy::Sticky).then(|| (owned.clone(), c.generation));
        let rejoin_reason = c.rejoin_reason.take();
        if eager && !owned.is_empty() {
            c.assignment.clear();
            c.batch.clear();
            out.push(ConsumerEvent::PartitionsRevoked { consumer: id, partitions: owned.clone() });
        }
        let group_id = c.spec.group_id.clone();
        let offsets_partitions = self.offsets.partitions;
        let g = self.groups.entry(group_id.clone()).or_insert_with(|| Group::new(&group_id, offsets_partitions));
        // Static member coming back within its session: same member, no rebalance.
        if let Some(instance) = c.spec.group_instance_id.clone() {
            let existing = g
                .members
                .iter()
                .find(|(_, m)| m.instance_id.as_deref() == Some(instance.as_str()))
                .map(|(k, _)| k.clone());
            if let Some(member_id) = existing {
                let m = g.members.get_mut(&member_id).expect("found");
                m.consumer = id;
                m.heartbeat_stopped_us = None;
                if g.state == GroupState::Stable {
                    let assigned = m.assigned.clone();
                    c.member_id = Some(member_id.clone());
                    c.generation = g.generation;
                    c.rejoin_requested = false;
                    out.push(ConsumerEvent::JoinGroup { consumer: id, group: group_id.clone(), member_id });
                    let generation = g.generation;
                    self.install_assignment(id, &group_id, generation, &assigned, now, (topic, view), out);
                    return;
                }
                c.member_id = Some(member_id);
            }
        }
        let member_id = match &c.member_id {
            Some(m) if g.members.contains_key(m) => m.clone(),
            _ => {
                self.join_seq += 1;
                format!("{}-{:04x}", c.spec.client_id, self.join_seq)
            }
        };
        self.join_seq += 1;
        let order = self.join_seq;
        let entry = g.members.entry(member_id.clone()).or_insert_with(|| GroupMember {
            consumer: id,
            client_id: c.spec.client_id.clone(),
            instance_id: c.spec.group_instance_id.clone(),
            joined: false,
            last_heartbeat_us: now,
            session_timeout_ms: c.spec.session_timeout_ms,
            rebalance_timeout_ms: c.spec.max_poll_interval_ms,
            owned: Vec::new(),
            owned_generation: -1,
            join_order: order,
            assigned: Vec::new(),
            heartbeat_stopped_us: None,
        });
        entry.joined = true;
        entry.consumer = id;
        g.empty_since_us = None;
        match &user_data_owned {
            Some((owned, generation)) => {
                entry.owned = owned.clone();
                entry.owned_generation = *generation;
            }
            None => {
                entry.owned = c.assignment.keys().copied().collect();
                entry.owned_generation = c.generation;
            }
        }
        entry.heartbeat_stopped_us = None;
        c.member_id = Some(member_id.clone());
        c.rejoin_requested = false;
        c.state = ConsumerState::Rebalancing;
        out.push(ConsumerEvent::JoinGroup { consumer: id, group: group_id.clone(), member_id });
        match g.state {
            GroupState::Empty | GroupState::Dead => {
                g.state = GroupState::PreparingRebalance;
                // group.initial.rebalance.delay.ms: wait for more members before the first
                // round, and again while new members keep joining, up to the rebalance timeout.
                let delay = self.initial_rebalance_delay_ms;
                let timeout = g.members.values().map(|m| m.rebalance_timeout_ms).max().unwrap_or(0);
                self.initial_rebalances.insert(
                    group_id.clone(),
                    InitialRebalance {
                        delay_ms: delay,
                        remaining_ms: timeout.saturating_sub(delay),
                        new_member_added: false,
                    },
                );
                g.rebalance_deadline_us = Some(now + delay * 1000);
                g.rebalances += 1;
                out.push(ConsumerEvent::RebalanceStarted { group: group_id, reason: "first member joined".into() });
            }
            GroupState::Stable | GroupState::CompletingRebalance => {
                let reason = rejoin_reason.unwrap_or_else(|| "a member joined".into());
                self.start_rebalance(&group_id, now, &reason, out);
                // start_rebalance asks everyone to rejoin; this member just did.
                let member = self.consumers[&id].member_id.clone().unwrap_or_default();
                if let Some(m) = self.groups.get_mut(&group_id).and_then(|g| g.members.get_mut(&member)) {
                    m.joined = true;
                }
                let c = self.consumers.get_mut(&id).expect("exists");
                c.state = ConsumerState::Rebalancing;
                c.rejoin_requested = false;
                self.maybe_complete(&group_id, now, topic, view, out);
            }
            GroupState::PreparingRebalance => {
                if let Some(i) = self.initial_rebalances.get_mut(&group_id) {
                    i.new_member_added = true;
                }
                self.maybe_complete(&group_id, now, topic, view, out)
            }
        }
    }

    fn maybe_complete(
        &mut self,
        group: &str,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let g = &self.groups[group];
        let initial_wait = self.initial_rebalances.contains_key(group);
        if g.state == GroupState::PreparingRebalance && !initial_wait && g.members.values().all(|m| m.joined) {
            self.complete_rebalance(group, now, topic, view, false, out);
        }
    }

    /// The leader runs the assignor; SyncGroup hands every member its partitions.
    fn complete_rebalance(
        &mut self,
        group: &str,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        deadline: bool,
        out: &mut Vec<ConsumerEvent>,
    ) {
        if deadline {
            if let Some(i) = self.initial_rebalances.get_mut(group) {
                if i.new_member_added && i.remaining_ms != 0 {
                    // A member joined during the delay: wait once more (never past the
                    // rebalance timeout).
                    let (delay, remaining) = (i.delay_ms, i.remaining_ms);
                    let new_delay = self.initial_rebalance_delay_ms.min(remaining);
                    *i = InitialRebalance {
                        delay_ms: new_delay,
                        remaining_ms: remaining.saturating_sub(delay),
                        new_member_added: false,
                    };
                    self.groups.get_mut(group).expect("exists").rebalance_deadline_us = Some(now + new_delay * 1000);
                    return;
                }
            }
            // Members that did not rejoin in time are dropped from the group.
            let late: Vec<String> =
                self.groups[group].members.iter().filter(|(_, m)| !m.joined).map(|(k, _)| k.clone()).collect();
            for member in late {
                let g = self.groups.get_mut(group).expect("exists");
                if let Some(m) = g.members.remove(&member) {
                    out.push(ConsumerEvent::MemberLeft {
                        group: group.into(),
                        consumer: m.consumer,
                        reason: "did not rejoin within the rebalance timeout".into(),
                    });
                    if let Some(c) = self.consumers.get_mut(&m.consumer) {
                        c.member_id = None;
                        c.generation = -1;
                    }
                }
            }
        }
        let g = self.groups.get_mut(group).expect("exists");
        g.rebalance_deadline_us = None;
        self.initial_rebalances.remove(group);
        if g.members.is_empty() {
            g.state = GroupState::Empty;
            g.empty_since_us = Some(now);
            return;
        }
        let mut members: Vec<(&String, &GroupMember)> = g.members.iter().collect();
        crate::util::order::sort_by_key(&mut members, |(_, m)| m.join_order);
        let leader = members[0].0.clone();
        let leader_consumer = members[0].1.consumer;
        let strategy = self.consumers.get(&leader_consumer).map_or(Strategy::Range, |c| c.spec.assignor);
        // The leader assigns the partitions its metadata knows, and remembers the count
        // (`assignmentSnapshot`) to rejoin when its metadata shows another.
        let partition_count = self
            .consumers
            .get(&leader_consumer)
            .map(|c| c.known_partitions)
            .filter(|n| *n > 0)
            .unwrap_or_else(|| view.partitions());
        let assignor_members: Vec<Member> = members
            .iter()
            .map(|(id, m)| Member {
                id: (*id).clone(),
                instance_id: m.instance_id.clone(),
                topics: vec![topic.to_string()],
                owned: m.owned.iter().map(|p| TopicPartition::new(topic, *p)).collect(),
                generation: (m.owned_generation >= 0).then_some(m.owned_generation),
            })
            .collect();
        let ppt: BTreeMap<String, u32> = [(topic.to_string(), partition_count)].into();
        let result = assignor::assign(strategy, &ppt, &assignor_members).unwrap_or_default();
        g.generation += 1;
        g.state = GroupState::Stable;
        g.leader = Some(leader.clone());
        let generation = g.generation;
        let mut listing = Vec::new();
        let mut installs = Vec::new();
        let mut any_revoked = false;
        for (member_id, m) in g.members.iter_mut() {
            let parts: Vec<u32> =
                result.get(member_id).map(|l| l.iter().map(|tp| tp.partition).collect()).unwrap_or_default();
            if m.owned.iter().any(|p| !parts.contains(p)) && strategy.is_cooperative() {
                any_revoked = true;
            }
            m.assigned = parts.clone();
            m.joined = false;
            listing.push((m.client_id.clone(), parts.clone()));
            installs.push((m.consumer, member_id.clone(), parts));
        }
        out.push(ConsumerEvent::RebalanceCompleted { group: group.into(), generation, leader, assignment: listing });
        for c in self.consumers.values_mut() {
            if c.spec.group_id == group {
                c.assignment_snapshot = (c.id == leader_consumer).then_some(partition_count);
            }
        }
        for (consumer, member_id, parts) in installs {
            if let Some(c) = self.consumers.get_mut(&consumer) {
                if c.member_id.as_deref() == Some(member_id.as_str()) && c.state == ConsumerState::Rebalancing {
                    c.generation = generation;
                    self.install_assignment(consumer, group, generation, &parts, now, (topic, view), out);
                }
            }
        }
        if any_revoked {
            // Cooperative: partitions that change owner were revoked in this round; a second
            // rebalance hands them to their new owners.
            self.start_rebalance(group, now, "cooperative follow-up: revoked partitions to reassign", out);
        }
    }

    /// A member received its assignment: keep what it still owns, revoke the rest, and find
    /// positions for new partitions from the committed offsets (or `auto.offset.reset`).
    fn install_assignment(
        &mut self,
        id: ConsumerId,
        group: &str,
        generation: i32,
        parts: &[u32],
        now: u64,
        (topic, view): (&str, &dyn PartitionView),
        out: &mut Vec<ConsumerEvent>,
    ) {
        let committed = self.groups.get(group).map(|g| g.committed.clone()).unwrap_or_default();
        let c = self.consumers.get_mut(&id).expect("exists");
        c.generation = generation;
        c.rejoin_requested = false;
        let revoked: Vec<u32> = c.assignment.keys().filter(|p| !parts.contains(p)).copied().collect();
        if !revoked.is_empty() {
            for p in &revoked {
                c.assignment.remove(p);
            }
            c.batch.retain(|(p, _, _)| !revoked.contains(p));
            out.push(ConsumerEvent::PartitionsRevoked { consumer: id, partitions: revoked });
        }
        let mut added = Vec::new();
        let mut failure = None;
        for &p in parts {
            if c.assignment.contains_key(&p) {
                continue;
            }
            let (start, hw) = view.offsets(p);
            let leo = view.log_end_offset(p).max(hw);
            let policy = match c.spec.auto_offset_reset {
                OffsetReset::Latest => AutoOffsetReset::Latest,
                OffsetReset::Earliest => AutoOffsetReset::Earliest,
                OffsetReset::None => AutoOffsetReset::None,
                OffsetReset::ByDuration { ms } => AutoOffsetReset::ByDuration { ms },
            };
            let committed_offset = committed.get(&p).copied();
            let position = match initial_position(committed_offset, start, hw, leo, policy) {
                Ok(Some(pos)) => {
                    if committed_offset != Some(pos) {
                        let (reason, cause) = if committed_offset.is_some() {
                            ("committed offset out of range", ResetCause::CommittedOutOfRange)
                        } else {
                            ("no committed offset", ResetCause::NoCommittedOffset)
                        };
                        out.push(ConsumerEvent::PositionReset {
                            consumer: id,
                            partition: p,
                            from: committed_offset,
                            offset: pos,
                            cause,
                            policy: policy_name(c.spec.auto_offset_reset),
                            reason: format!("{reason}; auto.offset.reset={}", policy_name(c.spec.auto_offset_reset)),
                        });
                    }
                    pos
                }
                Ok(None) => {
                    // by_duration: ListOffsets by timestamp (now − duration), latest if none.
                    let ms = match policy {
                        AutoOffsetReset::ByDuration { ms } => ms,
                        _ => 0,
                    };
                    let pos = view.offset_for_timestamp(p, (now / 1000).saturating_sub(ms)).unwrap_or(hw);
                    out.push(ConsumerEvent::PositionReset {
                        consumer: id,
                        partition: p,
                        from: committed_offset,
                        offset: pos,
                        cause: if committed_offset.is_some() {
                            ResetCause::CommittedOutOfRange
                        } else {
                            ResetCause::NoCommittedOffset
                        },
                        policy: policy_name(c.spec.auto_offset_reset),
                        reason: format!(
                            "no valid committed offset; auto.offset.reset={}",
                            policy_name(c.spec.auto_offset_reset)
                        ),
                    });
                    pos
                }
                Err(StartError::NoOffsetForPartition) => {
                    failure = Some(format!("NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [{topic}-{p}]"));
                    continue;
                }
                Err(StartError::OffsetOutOfRange { offset }) => {
                    failure = Some(format!(
                        "OffsetOutOfRangeException: Offsets out of range with no configured reset policy for partitions: {{{topic}-{p}={offset}}}"
                    ));
                    continue;
                }
            };
            c.assignment.insert(p, PartitionPosition { position, committed: committed.get(&p).copied() });
            added.push((p, position));
        }
        let new_parts: Vec<u32> = added.iter().map(|(p, _)| *p).collect();
        if !new_parts.is_empty() {
            out.push(ConsumerEvent::PartitionsAssigned { consumer: id, partitions: new_parts });
        }
        c.state = if c.assignment.is_empty() { ConsumerState::Idle } else { ConsumerState::Polling };
        c.next_us = now;
        c.next_auto_commit_us = now + c.spec.auto_commit_interval_ms * 1000;
        let ledger = self.ledger.groups.entry(group.to_string()).or_default();
        for (p, pos) in added {
            ledger.start_at(p, pos);
        }
        if let Some(error) = failure {
            self.fail(id, now, error, out);
        }
    }
}

impl ConsumerWorld {
    /// `--reset-offsets --execute` (AdminClient `alterConsumerGroupOffsets`): commit the given
    /// offsets for a group that is Empty or Dead (or does not exist yet), as generation -1.
    pub fn admin_commit(
        &mut self,
        group: &str,
        topic: &str,
        offsets: &[(u32, u64)],
        now: u64,
    ) -> Result<Vec<ConsumerEvent>, String> {
        let offsets_partitions = self.offsets.partitions;
        let g = self.groups.entry(group.to_string()).or_insert_with(|| Group::new(group, offsets_partitions));
        if !matches!(g.state, GroupState::Empty | GroupState::Dead) {
            return Err(format!(
                "Assignments can only be reset if the group '{group}' is inactive, but the current state is {:?}.",
                g.state
            ));
        }
        let part = g.offsets_partition;
        let mut last = 0;
        for (p, off) in offsets {
            g.committed.insert(*p, *off);
            last = self.offsets.append(
                part,
                OffsetCommitRecord {
                    log_offset: 0,
                    group: group.to_string(),
                    topic: topic.to_string(),
                    partition: *p,
                    offset: Some(*off),
                    metadata: String::new(),
                    commit_timestamp_ms: now / 1000,
                },
            );
        }
        let _ = last;
        Ok(vec![ConsumerEvent::GroupOffsetsAltered {
            group: group.to_string(),
            offsets: offsets.to_vec(),
            offsets_partition: part,
        }])
    }
}

/// The delivery guarantee a group's setup gives (the `KafkaConsumer` javadoc, "Offsets and
/// Consumer Position"): auto-commit and commits after processing are at-least-once only when
/// everything a `poll()` returned is processed before the next `poll()`; committing before
/// processing is at-most-once; handing records to a worker and polling on (pause/resume)
/// commits records that are not processed yet, so a crash can lose some and repeat others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryGuarantee {
    AtLeastOnce,
    AtMostOnce,
    /// Neither: records can be lost and repeated.
    NoGuarantee,
}

/// The guarantee the group's consumers give together (the weakest of them).
pub fn delivery_guarantee(world: &ConsumerWorld, group: &str) -> DeliveryGuarantee {
    let members = || world.consumers.values().filter(|c| c.spec.group_id == group);
    if members().any(|c| c.spec.pause_resume.is_some()) {
        DeliveryGuarantee::NoGuarantee
    } else if members().any(|c| c.spec.commit == CommitStrategy::BeforeProcessing) {
        DeliveryGuarantee::AtMostOnce
    } else {
        DeliveryGuarantee::AtLeastOnce
    }
}

/// One row of `kafka-consumer-groups.sh --describe`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DescribeRow {
    pub group: String,
    pub topic: String,
    pub partition: u32,
    /// The committed offset (`None` prints `-`).
    pub current_offset: Option<u64>,
    /// `ListOffsets(latest)` = the high watermark.
    pub log_end_offset: u64,
    /// `LOG-END-OFFSET - CURRENT-OFFSET`, `None` without a commit.
    pub lag: Option<u64>,
    pub consumer_id: Option<String>,
    pub host: Option<String>,
    pub client_id: Option<String>,
}

/// `kafka-consumer-groups.sh --describe --group G` (offsets view): a row per partition the
/// group has a committed offset for or a member owns, sorted by partition.
pub fn describe_group(
    world: &ConsumerWorld,
    group: &str,
    topic: &str,
    view: &dyn PartitionView,
) -> Option<Vec<DescribeRow>> {
    let g = world.groups.get(group)?;
    let mut partitions: std::collections::BTreeSet<u32> = g.committed.keys().copied().collect_btree();
    let mut owners: BTreeMap<u32, (&String, &GroupMember)> = BTreeMap::new();
    if g.state == GroupState::Stable {
        for (id, m) in &g.members {
            for p in &m.assigned {
                owners.insert(*p, (id, m));
                partitions.insert(*p);
            }
        }
    }
    Some(
        partitions
            .into_iter()
            .map(|p| {
                let (_, hw) = view.offsets(p);
                let committed = g.committed.get(&p).copied();
                let owner = owners.get(&p);
                DescribeRow {
                    group: group.to_string(),
                    topic: topic.to_string(),
                    partition: p,
                    current_offset: committed,
                    log_end_offset: hw,
                    lag: committed.map(|c| hw.saturating_sub(c)),
                    consumer_id: owner.map(|(id, _)| (*id).clone()),
                    host: owner.map(|_| "/127.0.0.1".to_string()),
                    client_id: owner.map(|(_, m)| m.client_id.clone()),
                }
            })
            .collect(),
    )
}

/// The describe table as `kafka-consumer-groups.sh` prints it (missing values as `-`).
pub fn format_describe(group: &str, state: Option<GroupState>, rows: &[DescribeRow]) -> String {
    use std::fmt::Write;
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    let mut s = String::new();
    match state {
        Some(GroupState::Empty) | Some(GroupState::Dead) => {
            let _ = writeln!(s, "Consumer group '{group}' has no active members.");
        }
        Some(GroupState::PreparingRebalance) | Some(GroupState::CompletingRebalance) => {
            let _ = writeln!(s, "Warning: Consumer group '{group}' is rebalancing.");
        }
        _ => {}
    }
    let w_group = rows.iter().map(|r| r.group.len()).max().unwrap_or(0).max(15);
    let w_topic = rows.iter().map(|r| r.topic.len()).max().unwrap_or(0).max(15);
    let w_consumer = rows.iter().map(|r| r.consumer_id.as_ref().map_or(1, String::len)).max().unwrap_or(0).max(15);
    let w_host = rows.iter().map(|r| r.host.as_ref().map_or(1, String::len)).max().unwrap_or(0).max(15);
    let _ = writeln!(
        s,
        "\n{:<w_group$} {:<w_topic$} {:<10} {:<15} {:<15} {:<15} {:<w_consumer$} {:<w_host$} {}",
        "GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{:<w_group$} {:<w_topic$} {:<10} {:<15} {:<15} {:<15} {:<w_consumer$} {:<w_host$} {}",
            r.group,
            r.topic,
            r.partition,
            dash(r.current_offset.map(|v| v.to_string())),
            r.log_end_offset,
            dash(r.lag.map(|v| v.to_string())),
            dash(r.consumer_id.clone()),
            dash(r.host.clone()),
            dash(r.client_id.clone())
        );
    }
    s
}
