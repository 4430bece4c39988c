//! What happens on the consumer side, as events (wrapped in `Event::Consumer`).

use serde::Serialize;

use super::*;
use crate::sim::reason::{GroupReason, Reason};

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
        reason: Reason<GroupReason>,
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
        reason: Reason<GroupReason>,
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
