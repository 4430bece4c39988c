//! The classic consumer's loop: processing records, the `max.poll.interval.ms` timer, commits
//! (sent, answered by the coordinator, failed).

use super::*;

impl ConsumerWorld {
    /// Run everything due at `now`. `topic` is the one topic all groups read.
    pub fn process(
        &mut self,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        rng: &mut SimRng,
        out: &mut Vec<ConsumerEvent>,
    ) {
        self.expire_offsets(now, TopicsView::new(topic, view), out);
        // 1. Offset commits reaching the coordinator.
        while self.commits.front().is_some_and(|c| c.arrive_us <= now) {
            let req = self.commits.pop_front().expect("front");
            self.handle_commit(req, now, TopicsView::new(topic, view), out);
        }
        // 2. Liveness: poll timeouts (max.poll.interval.ms) and session timeouts.
        let timed_out: Vec<ConsumerId> = self
            .consumers
            .values()
            .filter(|c| {
                c.member_id.is_some()
                    && matches!(c.state, ConsumerState::Processing | ConsumerState::Committing)
                    && now > c.last_poll_us + c.spec.max_poll_interval_ms * 1000
            })
            .map(|c| c.id)
            .collect();
        for id in timed_out {
            self.poll_timeout(id, now, out);
        }
        let groups: Vec<String> = self.groups.keys().cloned().collect();
        for g in &groups {
            let expired: Vec<String> = self.groups[g]
                .members
                .iter()
                .filter(|(_, m)| m.heartbeat_stopped_us.is_some_and(|t| t + m.session_timeout_ms * 1000 <= now))
                .map(|(id, _)| id.clone())
                .collect();
            for member in expired {
                self.remove_member(g, &member, now, GroupReason::SessionTimeout, out);
            }
        }
        // 3. Rebalances whose time is up.
        for g in &groups {
            let due = self.groups[g].rebalance_deadline_us.is_some_and(|t| t <= now);
            if due {
                self.complete_rebalance(g, now, topic, view, true, out);
            } else {
                // Members that left (or timed out) may have been the last ones awaited.
                self.maybe_complete(g, now, topic, view, out);
            }
        }
        // 3b. Pause/resume applications: their workers process the queue.
        let workers: Vec<ConsumerId> = self
            .consumers
            .values()
            .filter(|c| {
                c.worker_next_us.is_some_and(|t| t <= now)
                    && !matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed)
            })
            .map(|c| c.id)
            .collect();
        for id in workers {
            self.work(id, now, rng, out);
        }
        // 4. Consumers whose turn it is.
        let due: Vec<ConsumerId> = self
            .consumers
            .values()
            .filter(|c| {
                c.next_us <= now
                    && !matches!(
                        c.state,
                        ConsumerState::Crashed
                            | ConsumerState::Closed
                            | ConsumerState::Failed
                            | ConsumerState::Rebalancing
                    )
            })
            .map(|c| c.id)
            .collect();
        for id in due {
            let state = self.consumers[&id].state;
            match state {
                ConsumerState::Polling | ConsumerState::Idle => self.poll(id, now, topic, view, rng, out),
                ConsumerState::Processing => self.process_record(id, now, rng, out),
                ConsumerState::Committing => self.commit_answered(id, now, topic, view, rng, out),
                _ => {}
            }
        }
        self.refresh_wakeup();
    }

    fn poll_timeout(&mut self, id: ConsumerId, now: u64, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let group = c.spec.group_id.clone();
        let Some(member) = c.member_id.clone() else { return };
        if c.spec.group_instance_id.is_some() {
            // A static member sends no LeaveGroup; its heartbeats stop and the session expires.
            if let Some(m) = self.groups.get_mut(&group).and_then(|g| g.members.get_mut(&member)) {
                m.heartbeat_stopped_us.get_or_insert(now);
            }
            c.last_poll_us = now; // report once
            return;
        }
        self.remove_member(&group, &member, now, GroupReason::PollTimeout, out);
    }

    pub(in crate::sim) fn send_commit(
        &mut self,
        id: ConsumerId,
        now: u64,
        sync: bool,
        auto: bool,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let offsets: Vec<(u32, u64)> = c.assignment.iter().map(|(p, pos)| (*p, pos.position)).collect();
        self.send_offsets(id, now, offsets, sync, auto, out);
    }

    fn send_offsets(
        &mut self,
        id: ConsumerId,
        now: u64,
        offsets: Vec<(u32, u64)>,
        sync: bool,
        auto: bool,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        if !sync && self.commits.len() >= COMMITS_IN_FLIGHT_MAX {
            c.last_error = Some("commitAsync skipped: too many commits in flight".into());
            return;
        }
        c.commits_sent += 1;
        out.push(ConsumerEvent::CommitSent { consumer: id, offsets: offsets.clone(), sync, auto });
        self.commits.push_back(CommitRequest {
            arrive_us: now + self.latency_us,
            consumer: id,
            group: c.spec.group_id.clone(),
            member_id: c.member_id.clone(),
            generation: c.generation,
            offsets,
        });
        if sync {
            c.state = ConsumerState::Committing;
            c.next_us = now + 2 * self.latency_us;
        }
    }

    /// The coordinator validates a commit (`ClassicGroup.validateOffsetCommit`) and appends it to
    /// `__consumer_offsets`.
    fn handle_commit(&mut self, req: CommitRequest, now: u64, tv: TopicsView<'_>, out: &mut Vec<ConsumerEvent>) {
        let coordinator_down =
            self.groups.get(&req.group).is_some_and(|g| self.coordinators_down.contains(&g.offsets_partition));
        let failure = match (&req.member_id, self.groups.get(&req.group)) {
            _ if coordinator_down => Some("CoordinatorNotAvailableException: The coordinator is not available."),
            (None, _) => Some("CommitFailedException: Commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group."),
            (_, None) => Some("CommitFailedException: the group does not exist"),
            (Some(member), Some(g)) => {
                if !g.members.contains_key(member) {
                    Some("CommitFailedException: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing.")
                } else if req.generation != g.generation {
                    Some("CommitFailedException: ILLEGAL_GENERATION: the group has moved to a newer generation")
                } else if g.state == GroupState::CompletingRebalance {
                    Some("RebalanceInProgressException: Offset commit cannot be completed since the consumer group is rebalancing")
                } else {
                    None
                }
            }
        };
        if let Some(error) = failure {
            if let Some(c) = self.consumers.get_mut(&req.consumer) {
                c.commits_failed += 1;
                c.last_error = Some(error.to_string());
            }
            out.push(ConsumerEvent::CommitFailed { consumer: req.consumer, error: error.to_string() });
            return;
        }
        let g = self.groups.get_mut(&req.group).expect("checked");
        let part = g.offsets_partition;
        let mut last = 0;
        for (p, off) in &req.offsets {
            g.committed.insert(*p, *off);
            let (topic, partition) = tv.owner(*p);
            last = self.offsets.append(
                part,
                OffsetCommitRecord {
                    log_offset: 0,
                    group: req.group.clone(),
                    topic,
                    partition,
                    offset: Some(*off),
                    metadata: String::new(),
                    commit_timestamp_ms: now / 1000,
                },
            );
        }
        if let Some(c) = self.consumers.get_mut(&req.consumer) {
            for (p, off) in &req.offsets {
                if let Some(pos) = c.assignment.get_mut(p) {
                    pos.committed = Some(*off);
                }
            }
        }
        if !req.offsets.is_empty() {
            out.push(ConsumerEvent::OffsetCommitted {
                group: req.group,
                consumer: req.consumer,
                offsets: req.offsets,
                offsets_partition: part,
                log_offset: last,
            });
        }
    }

    fn commit_answered(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        rng: &mut SimRng,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        match c.after_commit {
            AfterCommit::Process => {
                c.state = ConsumerState::Processing;
                c.next_us = now + processing_us(&c.spec, rng);
                if c.batch.is_empty() {
                    c.state = ConsumerState::Polling;
                    c.next_us = now;
                }
            }
            AfterCommit::Poll => {
                c.state = ConsumerState::Polling;
                self.poll(id, now, topic, view, rng, out);
            }
            AfterCommit::Close => self.finish_close(id, now, out),
            AfterCommit::Join => {
                c.after_commit = AfterCommit::Poll;
                c.state = ConsumerState::Polling;
                c.rejoin_requested = true;
                self.join_now(id, now, topic, view, out);
            }
        }
    }

    /// The application finishes a record (and, while processing takes no time, the ones after
    /// it at the same instant).
    /// A pause/resume application's worker: finish the record in processing, start the next,
    /// and `resume()` when the queue falls to the low mark.
    fn work(&mut self, id: ConsumerId, now: u64, rng: &mut SimRng, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let Some((_, low)) = c.spec.pause_resume else { return };
        let ledger = self.ledger.groups.entry(c.spec.group_id.clone()).or_default();
        if let Some((p, off)) = pop_record(&mut c.batch) {
            c.records_processed += 1;
            ledger.process(p, off);
        }
        c.worker_next_us = if c.batch.is_empty() { None } else { Some(now + processing_us(&c.spec, rng).max(1)) };
        let queued = c.records_in_hand();
        if c.paused && queued <= low as u64 {
            c.paused = false;
            out.push(ConsumerEvent::PartitionsResumed { consumer: id, queued });
        }
    }

    fn process_record(&mut self, id: ConsumerId, now: u64, rng: &mut SimRng, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let ledger = self.ledger.groups.entry(c.spec.group_id.clone()).or_default();
        loop {
            let Some((p, off)) = pop_record(&mut c.batch) else {
                c.state = ConsumerState::Polling;
                c.next_us = now;
                return;
            };
            c.records_processed += 1;
            ledger.process(p, off);
            let batch_done = c.batch.is_empty();
            if batch_done {
                out.push(ConsumerEvent::BatchProcessed { consumer: id, records: c.batch_size, duplicates: 0 });
            }
            match (c.spec.commit, batch_done) {
                (CommitStrategy::SyncPerRecord, _) => {
                    c.after_commit = if batch_done { AfterCommit::Poll } else { AfterCommit::Process };
                    self.send_offsets(id, now, vec![(p, off + 1)], true, false, out);
                    return;
                }
                (CommitStrategy::SyncPerBatch, true) => {
                    c.after_commit = AfterCommit::Poll;
                    self.send_commit(id, now, true, false, out);
                    return;
                }
                (CommitStrategy::AsyncPerBatch, true) => {
                    self.send_commit(id, now, false, false, out);
                    let c = self.consumers.get_mut(&id).expect("exists");
                    c.state = ConsumerState::Polling;
                    c.next_us = now;
                    return;
                }
                (_, true) => {
                    c.state = ConsumerState::Polling;
                    c.next_us = now;
                    return;
                }
                (_, false) => {
                    let dt = processing_us(&c.spec, rng);
                    if dt > 0 {
                        c.next_us = now + dt;
                        return;
                    }
                }
            }
        }
    }
}
