//! The controller's side of partition reassignment (`AlterPartitionReassignments`) and the replication throttles.

use super::*;

impl Cluster {
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
        let mut seen = OrdSet::new();
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
        leader: OrdSet<(u32, BrokerId)>,
        follower: OrdSet<(u32, BrokerId)>,
        brokers: &OrdSet<BrokerId>,
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
                *set = replicas.unwrap_or_default().into_iter().collect();
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
    pub fn ongoing(&self) -> OrdMap<u32, &Reassignment> {
        self.partitions.iter().enumerate().filter_map(|(i, p)| p.reassignment.as_ref().map(|r| (i as u32, r))).collect()
    }
}
