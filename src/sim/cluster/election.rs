//! Leader elections (clean, unclean), brokers leaving ISRs, and KRaft's automatic preferred-leader balancing.

use super::*;

impl Cluster {
    /// Elect a leader for a partition: the first replica (in replica order) that is in the ISR
    /// and alive; with unclean election, any alive replica. A new leader whose log is shorter
    /// truncates the log (pushed to `truncations`).
    pub(super) fn elect(
        &mut self,
        pi: u32,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
        cause: ElectionCause,
    ) {
        let unclean = self.config.unclean_leader_election;
        let brokers = &self.brokers;
        let p = &mut self.partitions[pi as usize];
        let old = p.leader;
        let log_leo = logs[pi as usize].log_end_offset();
        let clean = p.replicas.iter().copied().find(|b| p.isr.contains(b) && brokers[b].alive());
        let (new, unclean_used) = match clean {
            Some(b) => (Some(b), false),
            None if unclean => (p.replicas.iter().copied().find(|b| brokers[b].alive()), true),
            None => (None, false),
        };
        match new {
            None => {
                p.leader = None;
                // The ISR keeps its last member (it alone may lead again without data loss).
                if p.isr.len() > 1 {
                    p.isr.truncate(1);
                }
                if old.is_some() {
                    out.push(ClusterEvent::PartitionOffline { partition: pi });
                }
            }
            Some(b) if Some(b) == old => {}
            Some(b) => {
                // The new leader's log end offset: a follower's, or the whole log.
                let new_leo = p.followers.get(&b).map_or(log_leo, |f| f.leo);
                if let Some(o) = old.filter(|o| p.replicas.contains(o)) {
                    p.followers
                        .insert(o, ReplicaProgress { leo: new_leo.min(log_leo), last_caught_up_ms: 0, credit: 0 });
                }
                p.followers.remove(&b);
                p.leader = Some(b);
                p.leader_epoch += 1;
                if unclean_used {
                    p.isr = vec![b];
                }
                out.push(ClusterEvent::LeaderElected {
                    partition: pi,
                    leader: b,
                    epoch: p.leader_epoch,
                    reason: Reason::new(Election { cause, unclean: unclean_used }),
                });
                if new_leo < log_leo {
                    truncations.push((pi, new_leo));
                    out.push(ClusterEvent::LogTruncated { partition: pi, from: log_leo, to: new_leo });
                    if p.high_watermark > new_leo {
                        // Only an unclean election gets here: acknowledged data is lost.
                        p.high_watermark = new_leo;
                    }
                    for f in p.followers.values_mut() {
                        f.leo = f.leo.min(new_leo);
                    }
                }
            }
        }
    }

    pub(super) fn remove_broker_from_isrs(
        &mut self,
        id: BrokerId,
        now_ms: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
        reason: ElectionCause,
    ) {
        for pi in 0..self.partitions.len() as u32 {
            let p = &mut self.partitions[pi as usize];
            if !p.replicas.contains(&id) {
                continue;
            }
            let was_leader = p.leader == Some(id);
            if p.isr.contains(&id) && p.isr.len() > 1 {
                p.isr.retain(|b| *b != id);
                out.push(ClusterEvent::IsrShrunk { partition: pi, removed: vec![id], isr: p.isr.clone() });
            }
            if was_leader {
                self.elect(pi, logs, out, truncations, reason);
            }
            let leo = logs[pi as usize].log_end_offset();
            self.update_hw(pi, leo);
        }
        // Group coordinators move too.
        let alive: OrdSet<BrokerId> = self.brokers.values().filter(|b| b.alive()).map(|b| b.id).collect();
        for (op, r) in self.offsets.iter_mut() {
            if r.leader == Some(id) {
                r.isr.retain(|b| *b != id);
                r.leader = r.replicas.iter().copied().find(|b| alive.contains(b));
                out.push(ClusterEvent::CoordinatorMoved { offsets_partition: *op, leader: r.leader });
            }
        }
        let _ = now_ms;
    }

    /// Auto leader rebalance, as the KRaft controller runs it every
    /// `leader.imbalance.check.interval.seconds` (`ReplicationControlManager
    /// .maybeBalancePartitionLeaders`): a PREFERRED election for every partition whose leader is
    /// not its first replica, as soon as that replica is in the ISR and unfenced
    /// (`PartitionChangeBuilder.electPreferredLeader`). No log-end-offset condition and no
    /// `leader.imbalance.per.broker.percentage` gate. The preferred replica, being in the ISR,
    /// has everything below the high watermark; anything the old leader had beyond its log end
    /// offset is cut (producers with acks=all send it again).
    pub(super) fn preferred_leader_elections(
        &mut self,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
    ) {
        for pi in 0..self.partitions.len() as u32 {
            let p = &self.partitions[pi as usize];
            let Some(&preferred) = p.replicas.first() else { continue };
            if p.leader == Some(preferred)
                || !p.isr.contains(&preferred)
                || !self.brokers.get(&preferred).is_some_and(|b| b.alive())
            {
                continue;
            }
            let p = &mut self.partitions[pi as usize];
            let old = p.leader;
            let log_leo = logs[pi as usize].log_end_offset();
            let new_leo = p.followers.get(&preferred).map_or(log_leo, |f| f.leo).min(log_leo);
            if let Some(o) = old.filter(|o| p.replicas.contains(o)) {
                p.followers.insert(o, ReplicaProgress { leo: new_leo, last_caught_up_ms: 0, credit: 0 });
            }
            p.followers.remove(&preferred);
            p.leader = Some(preferred);
            p.leader_epoch += 1;
            out.push(ClusterEvent::LeaderElected {
                partition: pi,
                leader: preferred,
                epoch: p.leader_epoch,
                reason: Reason::new(Election { cause: ElectionCause::Preferred, unclean: false }),
            });
            if new_leo < log_leo {
                truncations.push((pi, new_leo));
                out.push(ClusterEvent::LogTruncated { partition: pi, from: log_leo, to: new_leo });
                for f in p.followers.values_mut() {
                    f.leo = f.leo.min(new_leo);
                }
            }
        }
    }
}
