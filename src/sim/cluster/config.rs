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
        use crate::sim::error::ConfigError;
        if self.brokers.is_empty() || self.brokers.len() > BROKERS_MAX {
            return Err(ConfigError::new("brokers", format!("1 to {BROKERS_MAX} brokers")));
        }
        let mut ids = OrdSet::new();
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
                let mut seen = OrdSet::new();
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
