//! What happened, at a simulated time (`Event`).

use serde::Serialize;

use super::*;

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
        /// The topic, when it is not the first one.
        #[serde(skip_serializing_if = "Option::is_none")]
        topic: Option<String>,
    },
    /// `kafka-topics.sh --create`: a topic with its partitions in `slots` (partition `i` is
    /// `slots[i]` in every event that names a partition).
    TopicCreated {
        time_ms: u64,
        topic: String,
        slots: Vec<u32>,
        replication_factor: u16,
    },
    /// `kafka-topics.sh --delete`: the topic's partitions (`slots`) left every broker; groups'
    /// committed offsets for them were deleted (`OffsetMetadataManager.onPartitionsDeleted`).
    TopicDeleted {
        time_ms: u64,
        topic: String,
        slots: Vec<u32>,
        offsets_deleted: u32,
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
        /// The topic, when it is not the first one.
        #[serde(skip_serializing_if = "Option::is_none")]
        topic: Option<String>,
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
            | Event::TopicCreated { time_ms, .. }
            | Event::TopicDeleted { time_ms, .. }
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
