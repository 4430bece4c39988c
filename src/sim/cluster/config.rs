//! The cluster's settings (Kafka's names, Kafka 4.0 defaults) and their checks.

use super::*;

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

    pub fn validate(&self) -> Result<(), crate::sim::error::ConfigError> {
        use crate::sim::error::{ConfigError, ConfigProblem};
        if self.brokers.is_empty() || self.brokers.len() > BROKERS_MAX {
            let problem = ConfigProblem::Between { min: "1".into(), max: BROKERS_MAX.to_string() };
            return Err(ConfigError::typed("brokers", format!("1 to {BROKERS_MAX} brokers"), problem));
        }
        let mut ids = OrdSet::new();
        for b in &self.brokers {
            if b.id < 0 {
                let problem = ConfigProblem::NegativeId { id: b.id as i64 };
                return Err(ConfigError::typed("brokers", format!("node.id {} must be 0 or more", b.id), problem));
            }
            if !ids.insert(b.id) {
                let problem = ConfigProblem::Twice { value: format!("node.id {}", b.id) };
                return Err(ConfigError::typed("brokers", format!("node.id {} appears twice", b.id), problem));
            }
        }
        if self.replication_factor == 0 || self.replication_factor as usize > self.brokers.len() {
            let exception = "InvalidReplicationFactorException";
            if self.replication_factor == 0 {
                let message = format!("{exception}: Replication factor must be larger than 0.");
                return Err(ConfigError::kafka(
                    "replication.factor",
                    exception,
                    message,
                    ConfigProblem::AtLeast { min: 1 },
                ));
            }
            let (factor, brokers) = (self.replication_factor, self.brokers.len());
            return Err(ConfigError::kafka(
                "replication.factor",
                exception,
                format!("{exception}: Replication factor: {factor} larger than available brokers: {brokers}."),
                ConfigProblem::ReplicationFactor { factor: factor as i64, brokers: brokers as u32 },
            ));
        }
        if self.min_insync_replicas == 0 {
            return Err(ConfigError::at_least("min.insync.replicas", 1));
        }
        if self.replication_bytes_per_s == 0 {
            return Err(ConfigError::at_least("replication.bytes.per.sec", 1));
        }
        if let Some(a) = &self.replica_assignment {
            for (i, r) in a.iter().enumerate() {
                let mut seen = OrdSet::new();
                if let Some(d) = r.iter().find(|b| !seen.insert(**b)) {
                    return Err(ConfigError::typed(
                        "replica.assignment",
                        format!("Partition replica lists may not contain duplicate entries: {d}"),
                        ConfigProblem::Twice { value: format!("{d}") },
                    ));
                }
                if r.len() != a[0].len() || r.is_empty() {
                    return Err(ConfigError::typed(
                        "replica.assignment",
                        format!("Partition {i} has different replication factor: {r:?}"),
                        ConfigProblem::ReplicaCount { partition: i as u32 },
                    ));
                }
                if let Some(b) = r.iter().find(|b| !ids.contains(b)) {
                    let problem = ConfigProblem::UnknownBroker { broker: *b as i64 };
                    return Err(ConfigError::typed("replica.assignment", format!("Unknown broker id {b}"), problem));
                }
            }
        }
        Ok(())
    }
}
