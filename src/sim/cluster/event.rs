//! What the cluster reports (events) and refuses (errors).

use super::*;

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

/// Why a broker's state refuses a lifecycle change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StateRefusal {
    AlreadyStopped,
    NotRunning,
    AlreadyRunning,
    /// The cluster keeps at least one broker.
    LastBroker,
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
    /// The broker's state does not allow the change.
    BadState {
        broker: BrokerId,
        refusal: StateRefusal,
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
            ClusterError::BadState { broker, refusal } => match refusal {
                StateRefusal::AlreadyStopped => write!(f, "Broker {broker} is already stopped"),
                StateRefusal::NotRunning => write!(f, "Broker {broker} is not running"),
                StateRefusal::AlreadyRunning => write!(f, "Broker {broker} is already running"),
                StateRefusal::LastBroker => write!(f, "The last broker cannot be removed"),
            },
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
