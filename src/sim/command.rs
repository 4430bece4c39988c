//! What callers ask of the simulation (`Command`) and why it refuses (`Rejected`).

use serde::Serialize;

use super::*;

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
    /// `kafka-console-producer.sh --topic T`: as `ConsoleProduce`, to any topic (one console
    /// producer per topic).
    ConsoleProduceTo {
        topic: String,
        records: Vec<TypedRecord>,
    },
    /// `kafka-topics.sh --alter --partitions N` (grow only) of the first topic.
    AlterPartitions {
        partitions: u32,
    },
    /// `kafka-topics.sh --create` on the running cluster.
    CreateTopic {
        spec: topics::TopicSpec,
    },
    /// `kafka-topics.sh --delete`: the topic, its records, its committed offsets and its
    /// throttles go.
    DeleteTopic {
        topic: String,
    },
    /// `kafka-topics.sh --alter --topic T --partitions N` (grow only) of any topic.
    AlterTopicPartitions {
        topic: String,
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
    /// A timeline step names a client that is not running.
    UnknownClient {
        kind: ClientKind,
        client_id: String,
    },
    /// A console step's tool printed an error (Kafka's text).
    ToolFailed {
        output: String,
    },
    /// A topic could not be created, deleted or grown.
    Topic {
        error: topics::TopicError,
    },
}

/// A producer or a consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    Producer,
    Consumer,
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
            Rejected::Topic { error } => write!(f, "{error}"),
            Rejected::UnknownClient { kind: ClientKind::Producer, client_id } => {
                write!(f, "client.id: no running producer with client.id {client_id:?}")
            }
            Rejected::UnknownClient { kind: ClientKind::Consumer, client_id } => {
                write!(f, "client.id: no consumer with client.id {client_id:?}")
            }
            Rejected::ToolFailed { output } => write!(f, "console: {output}"),
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
