//! Topics created and deleted on the running cluster (KRaft): the controller places a new
//! topic's replicas with `StripedReplicaPlacer` (`ReplicationControlManager.createTopic`), and
//! a deleted topic's partitions leave every broker.

use super::placement::{self, JdkRandom, UsableBroker};
use super::*;

impl Cluster {
    /// `ReplicationControlManager.createTopic`: `partitions` replica lists from
    /// `StripedReplicaPlacer` over the registered brokers (fenced ones marked fenced), drawn
    /// with a `java.util.Random` seeded from the simulation's RNG. Kafka's error when it cannot.
    pub fn place_topic(&self, partitions: u32, rf: u16, seed: i64) -> Result<Vec<Vec<BrokerId>>, ClusterError> {
        let brokers: Vec<UsableBroker> = self
            .brokers
            .values()
            .map(|b| UsableBroker { id: b.id, rack: b.rack.clone(), fenced: b.state == BrokerState::Fenced })
            .collect();
        let mut random = JdkRandom::new(seed);
        let placed = placement::striped_place(&mut random, &brokers, partitions as usize, rf as i32).map_err(|e| {
            ClusterError::InvalidReplicas {
                message: format!(
                    "InvalidReplicationFactorException: Unable to replicate the partition {rf} time(s): {}",
                    e.message
                ),
            }
        })?;
        // The ISR is the replicas that are active; none active is refused as the placer would.
        if placed.iter().any(|r| !r.iter().any(|b| self.brokers[b].alive())) {
            return Err(ClusterError::InvalidReplicas {
                message: format!("InvalidReplicationFactorException: Unable to replicate the partition {rf} time(s): All brokers are currently fenced or in controlled shutdown."),
            });
        }
        Ok(placed)
    }

    /// A `--replica-assignment` checked as the controller checks it
    /// (`ReplicationControlManager.validateManualPartitionAssignment`, brokers in id order).
    pub fn check_assignment(&self, assignment: &[Vec<BrokerId>]) -> Result<(), ClusterError> {
        let invalid =
            |m: String| ClusterError::InvalidReplicas { message: format!("InvalidReplicaAssignmentException: {m}") };
        for (p, r) in assignment.iter().enumerate() {
            if r.is_empty() {
                return Err(invalid("The manual partition assignment includes an empty replica list.".into()));
            }
            let mut sorted = r.clone();
            crate::util::order::sort(&mut sorted);
            for (i, b) in sorted.iter().enumerate() {
                if !self.brokers.contains_key(b) {
                    return Err(invalid(format!(
                        "The manual partition assignment includes broker {b}, but no such broker is registered."
                    )));
                }
                if i > 0 && sorted[i - 1] == *b {
                    return Err(invalid(format!(
                        "The manual partition assignment includes the broker {b} more than once."
                    )));
                }
            }
            let rf = assignment[0].len();
            if p > 0 && r.len() != rf {
                return Err(invalid(format!("The manual partition assignment includes a partition with {} replica(s), but this is not consistent with previous partitions, which have {rf} replica(s).", r.len())));
            }
            if !r.iter().any(|b| self.brokers[b].alive()) {
                return Err(invalid(format!("All brokers specified in the manual partition assignment for partition {p} are fenced or in controlled shutdown.")));
            }
        }
        Ok(())
    }

    /// A new partition in `slot` with these replicas: the ISR and the leader are the live ones.
    pub fn install_partition(&mut self, slot: u32, replicas: Vec<BrokerId>) {
        let mut r = PartitionReplicas::new(replicas);
        r.leader = r.replicas.iter().copied().find(|b| self.brokers[b].alive());
        r.isr.retain(|b| self.brokers[b].alive());
        let i = slot as usize;
        if i == self.partitions.len() {
            self.partitions.push(r);
        } else {
            self.partitions[i] = r;
        }
    }

    /// A deleted topic's partition: no replicas anywhere, no throttles.
    pub fn remove_partition(&mut self, slot: u32) {
        if let Some(p) = self.partitions.get_mut(slot as usize) {
            *p = PartitionReplicas {
                replicas: Vec::new(),
                isr: Vec::new(),
                leader: None,
                followers: OrdMap::new(),
                leader_epoch: 0,
                high_watermark: 0,
                reassignment: None,
            };
        }
        self.leader_throttled.retain(|(p, _)| *p != slot);
        self.follower_throttled.retain(|(p, _)| *p != slot);
    }

    /// New partitions of a topic other than the first: placed by `StripedReplicaPlacer`
    /// (`ReplicationControlManager.createPartitions`), with the topic's replication factor.
    pub fn grow_topic(&mut self, slots: &[u32], rf: u16, seed: i64) -> Result<(), ClusterError> {
        let placed = self.place_topic(slots.len() as u32, rf, seed)?;
        for (slot, replicas) in slots.iter().zip(placed) {
            self.install_partition(*slot, replicas);
        }
        Ok(())
    }
}
