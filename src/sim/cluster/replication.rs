//! Replication rounds: followers fetch whole batches (throttled replicas wait while the quota window is over the rate), ISR shrink and expand, the high watermark, reassignments completing.

use super::*;

impl Cluster {
    /// HW = min LEO over the ISR (the leader's is the log's); forward only; not while the ISR
    /// is below `min.insync.replicas` (Kafka 3.7+, KIP-966).
    pub(super) fn update_hw(&mut self, partition: u32, leader_leo: u64) {
        let min_isr = self.config.min_insync_replicas as usize;
        let p = &mut self.partitions[partition as usize];
        let Some(leader) = p.leader else { return };
        if p.isr.len() < min_isr.min(p.replicas.len()) {
            return;
        }
        let min = p
            .isr
            .iter()
            .map(|b| if *b == leader { leader_leo } else { p.followers.get(b).map_or(leader_leo, |f| f.leo) })
            .min()
            .unwrap_or(leader_leo);
        if min > p.high_watermark {
            p.high_watermark = min;
        }
    }

    /// Everything due now: fencing, replication, ISR changes, reassignment steps, preferred
    /// leader elections. Returns truncations `(partition, to)` the caller applies to the logs
    /// (before anything else reads them).
    pub fn process(&mut self, now_us: u64, logs: &[&dyn LeaderLog], out: &mut Vec<ClusterEvent>) -> Vec<(u32, u64)> {
        let now_ms = now_us / 1000;
        let mut truncations = Vec::new();
        // The controller fences brokers whose session timed out.
        let due: Vec<BrokerId> =
            self.brokers.values().filter(|b| b.fence_at_us.is_some_and(|t| t <= now_us)).map(|b| b.id).collect();
        for id in due {
            let b = self.brokers.get_mut(&id).expect("due broker");
            b.fence_at_us = None;
            b.state = BrokerState::Fenced;
            out.push(ClusterEvent::BrokerFenced { broker: id });
            self.remove_broker_from_isrs(id, now_ms, logs, out, &mut truncations, ElectionCause::BrokerFenced);
        }
        if self.next_tick_us.is_some_and(|t| t <= now_us) {
            self.next_tick_us = None;
            let busy = self.replicate(now_ms, logs, out, &mut truncations);
            if busy {
                self.schedule_tick(now_us);
            }
        }
        if self.config.auto_leader_rebalance && self.brokers.len() > 1 && self.next_rebalance_check_us() <= now_us {
            self.last_rebalance_check_us = now_us;
            self.preferred_leader_elections(logs, out, &mut truncations);
        }
        truncations
    }

    /// One replication round: followers fetch, the ISR shrinks and grows, the HW moves,
    /// reassignments complete. Returns whether another round is needed.
    pub(super) fn replicate(
        &mut self,
        now_ms: u64,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
    ) -> bool {
        let tick_bytes = |rate: u64| rate * REPLICATION_TICK_MS / 1000;
        let mut busy = false;
        // Per-broker budgets for this round.
        let mut fetch_budget: OrdMap<BrokerId, u64> =
            self.brokers.keys().map(|b| (*b, tick_bytes(self.config.replication_bytes_per_s))).collect();
        let lag_max = self.config.replica_lag_time_max_ms;
        for pi in 0..self.partitions.len() {
            let log = logs[pi];
            // A truncation decided earlier in this instant (an election) is not applied to the
            // log yet: the leader's log already ends there.
            let leo = truncations
                .iter()
                .filter(|(q, _)| *q as usize == pi)
                .map(|(_, to)| *to)
                .fold(log.log_end_offset(), u64::min);
            // The simulation runs the cluster before the instant's appends: a fetch sees what
            // the leader had before them.
            let visible = leo;
            let start = log.log_start_offset();
            let per_record = log.bytes_per_record().max(1);
            let Some(leader) = self.partitions[pi].leader else { continue };
            if !self.brokers[&leader].alive() {
                continue;
            }
            let followers: Vec<BrokerId> = self.partitions[pi].followers.keys().copied().collect();
            for f in followers {
                if !self.brokers[&f].alive() {
                    continue;
                }
                let throttled = self.follower_throttled.contains(&(pi as u32, f))
                    || self.leader_throttled.contains(&(pi as u32, leader))
                        && self.partitions[pi].reassignment.as_ref().is_some_and(|r| r.replicas.adding.contains(&f));
                let prog = self.partitions[pi].followers.get_mut(&f).expect("follower");
                if prog.leo < start {
                    prog.leo = start;
                }
                if prog.leo >= leo {
                    prog.last_caught_up_ms = now_ms;
                    prog.credit = 0;
                    continue;
                }
                busy = true;
                let mut budget = fetch_budget[&f];
                // A throttled replica is left out of the fetch while either side's quota is
                // exceeded (`ReplicaFetcherThread` / `ReplicaManager.shouldLeaderThrottle`).
                if throttled {
                    let (fb, lb) = (&self.brokers[&f], &self.brokers[&leader]);
                    if fb.follower_quota.exceeded(now_ms, fb.follower_throttle)
                        || lb.leader_quota.exceeded(now_ms, lb.leader_throttle)
                    {
                        budget = 0;
                    }
                }
                prog.credit += budget;
                let mut fetched_bytes = 0;
                // Whole batches only, of what the leader had when the fetch was sent.
                while prog.leo < visible {
                    let end = log.batch_end_after(prog.leo).min(visible).max(prog.leo + 1);
                    let bytes = (end - prog.leo) * per_record;
                    if bytes > prog.credit {
                        break;
                    }
                    prog.credit -= bytes;
                    fetched_bytes += bytes;
                    prog.leo = end;
                }
                // Caught up: it has everything the leader had when this fetch was sent
                // (`Replica.updateFetchState`: lastCaughtUpTime).
                if prog.leo >= visible {
                    prog.last_caught_up_ms = now_ms;
                    prog.credit = 0;
                }
                // A follower cannot bank more than one second of budget.
                prog.credit = prog.credit.min(budget * (1000 / REPLICATION_TICK_MS));
                *fetch_budget.get_mut(&f).expect("broker") -= fetched_bytes.min(fetch_budget[&f]);
                if throttled && fetched_bytes > 0 {
                    // Only throttled replicas' bytes count towards the quotas.
                    self.brokers.get_mut(&f).expect("broker").follower_quota.record(now_ms, fetched_bytes);
                    self.brokers.get_mut(&leader).expect("broker").leader_quota.record(now_ms, fetched_bytes);
                }
                if fetched_bytes > 0 {
                    self.brokers.get_mut(&f).expect("broker").add_in(now_ms, fetched_bytes);
                    self.brokers.get_mut(&leader).expect("broker").add_out(now_ms, fetched_bytes);
                }
            }
            self.update_isr(pi, leader, now_ms, lag_max, out);
            self.update_hw(pi as u32, leo);
            self.maybe_complete_reassignment(pi as u32, logs, out, truncations);
        }
        busy
    }

    /// ISR: shrink followers that lag more than `replica.lag.time.max.ms`; expand those caught
    /// up to the high watermark.
    fn update_isr(&mut self, pi: usize, leader: BrokerId, now_ms: u64, lag_max: u64, out: &mut Vec<ClusterEvent>) {
        let p = &mut self.partitions[pi];
        let hw = p.high_watermark;
        let stale: Vec<BrokerId> = p
            .isr
            .iter()
            .copied()
            .filter(|b| {
                *b != leader && p.followers.get(b).is_some_and(|f| now_ms.saturating_sub(f.last_caught_up_ms) > lag_max)
            })
            .collect();
        if !stale.is_empty() {
            p.isr.retain(|b| !stale.contains(b));
            out.push(ClusterEvent::IsrShrunk { partition: pi as u32, removed: stale, isr: p.isr.clone() });
        }
        // A follower joins the ISR once it has everything below the high watermark (as of
        // the fetch it just answered) (`Partition.isFollowerInSync`).
        let joining: Vec<BrokerId> = p
            .followers
            .iter()
            .filter(|(b, f)| !p.isr.contains(b) && f.leo >= hw && f.last_caught_up_ms == now_ms)
            .map(|(b, _)| *b)
            .filter(|b| self.brokers[b].alive())
            .collect();
        if !joining.is_empty() {
            p.isr.extend(&joining);
            out.push(ClusterEvent::IsrExpanded { partition: pi as u32, added: joining, isr: p.isr.clone() });
        }
    }

    pub(super) fn maybe_complete_reassignment(
        &mut self,
        pi: u32,
        logs: &[&dyn LeaderLog],
        out: &mut Vec<ClusterEvent>,
        truncations: &mut Vec<(u32, u64)>,
    ) {
        let p = &mut self.partitions[pi as usize];
        let Some(r) = &p.reassignment else { return };
        let Some((replicas, isr)) = r.replicas.maybe_complete(&p.isr) else { return };
        let removing = r.replicas.removing.clone();
        p.reassignment = None;
        p.replicas = replicas;
        p.isr = isr;
        for b in &removing {
            p.followers.remove(b);
        }
        // The controller writes no config records here: the throttles stay until
        // `kafka-reassign-partitions.sh --verify` (or `--cancel`) removes them.
        out.push(ClusterEvent::ReassignmentCompleted {
            partition: pi,
            replicas: self.partitions[pi as usize].replicas.clone(),
            isr: self.partitions[pi as usize].isr.clone(),
        });
        // The leader stays if it is still a valid leader; otherwise the first target replica
        // in the ISR (`PartitionChangeBuilder.tryElection`).
        let p = &self.partitions[pi as usize];
        let valid = p.leader.is_some_and(|l| p.replicas.contains(&l) && p.isr.contains(&l) && self.brokers[&l].alive());
        if !valid {
            // The new leader is in the ISR: it has everything below the high watermark; what
            // only the old leader had (not yet acknowledged to acks=all producers) is cut.
            self.elect(pi, logs, out, truncations, ElectionCause::LeaderRemoved);
        }
    }
}
