//! `poll()`: rejoin when needed, auto-commit, fetch from the leaders (positions, out-of-range
//! resets, `max.poll.records`, the fetch size limits), pause and resume.

use super::*;

impl ConsumerWorld {
    /// `poll()`: rejoin if asked, auto-commit when due, then fetch up to `max.poll.records`.
    pub(in crate::sim) fn poll(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        rng: &mut SimRng,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        c.last_poll_us = now;
        if c.close_requested {
            if c.spec.commit == CommitStrategy::Auto && c.member_id.is_some() && !c.assignment.is_empty() {
                c.after_commit = AfterCommit::Close;
                self.send_commit(id, now, true, true, out);
            } else {
                self.finish_close(id, now, out);
            }
            return;
        }
        refresh_metadata(c, now, topic, view);
        if c.rejoin_requested || c.member_id.is_none() {
            self.join(id, now, topic, view, out);
            return;
        }
        if c.spec.commit == CommitStrategy::Auto && now >= c.next_auto_commit_us {
            c.next_auto_commit_us = now + c.spec.auto_commit_interval_ms * 1000;
            if !c.assignment.is_empty() {
                self.send_commit(id, now, false, true, out);
            }
        }
        if !self.reset_out_of_range(id, now, topic, view, out) {
            return;
        }
        let c = self.consumers.get_mut(&id).expect("exists");
        let parts: Vec<u32> = c.assignment.keys().copied().collect();
        // A pause/resume application: pause() at the high mark; a paused poll fetches nothing
        // but keeps the member alive (max.poll.interval.ms is about poll(), not processing).
        if let Some((high, _)) = c.spec.pause_resume {
            let queued = c.records_in_hand();
            if !c.paused && queued >= high as u64 {
                c.paused = true;
                out.push(ConsumerEvent::PartitionsPaused { consumer: id, queued });
            }
            if c.paused {
                c.state = ConsumerState::Polling;
                c.next_us = now + PAUSED_POLL_US;
                return;
            }
        }
        // Fetch: partitions in turn from a rotating start, up to max.poll.records in all, at most
        // max.partition.fetch.bytes per partition and fetch.max.bytes in all (at least one
        // record, as Kafka returns at least one batch); wait for fetch.min.bytes up to
        // fetch.max.wait.ms.
        let mut available_bytes = 0;
        for &p in &parts {
            let (_, hw) = view.offsets(p);
            let pos = c.assignment[&p].position;
            available_bytes += hw.saturating_sub(pos) * view.bytes_per_record(p);
        }
        let waited = c.fetch_wait_since_us.is_some_and(|t| now >= t + c.spec.fetch_max_wait_ms * 1000);
        if available_bytes > 0 && available_bytes < c.spec.fetch_min_bytes && !waited {
            let since = *c.fetch_wait_since_us.get_or_insert(now);
            c.state = ConsumerState::Polling;
            c.next_us = since + c.spec.fetch_max_wait_ms.max(1) * 1000;
            return;
        }
        c.fetch_wait_since_us = None;
        let (fetched, fetched_bytes) = fetch(c, &parts, view);
        c.batch_bytes = fetched_bytes;
        if fetched.is_empty() {
            c.state = if c.assignment.is_empty() { ConsumerState::Idle } else { ConsumerState::Polling };
            c.next_us = now + c.spec.fetch_max_wait_ms.max(1) * 1000;
            return;
        }
        let n: u64 = fetched.iter().map(|(_, a, b)| b - a).sum();
        c.batch_size = n as u32;
        out.push(ConsumerEvent::Polled { consumer: id, records: n as u32, partitions: fetched });
        if c.spec.pause_resume.is_some() {
            // Hand the records to the worker and poll again.
            if c.worker_next_us.is_none() {
                c.worker_next_us = Some(now + processing_us(&c.spec, rng).max(1));
            }
            c.state = ConsumerState::Polling;
            c.next_us = now + PAUSED_POLL_US;
            return;
        }
        if c.spec.commit == CommitStrategy::BeforeProcessing {
            c.after_commit = AfterCommit::Process;
            self.send_commit(id, now, true, false, out);
        } else {
            c.state = ConsumerState::Processing;
            c.next_us = now + processing_us(&c.spec, rng);
        }
    }

    /// A fetch position the log no longer holds gets OFFSET_OUT_OF_RANGE: reset by
    /// `auto.offset.reset`, or fail with `none` (false: the consumer failed).
    fn reset_out_of_range(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        out: &mut Vec<ConsumerEvent>,
    ) -> bool {
        let c = self.consumers.get_mut(&id).expect("exists");
        // A fetch position the log no longer holds (retention moved the log start offset past
        // it) gets OFFSET_OUT_OF_RANGE: reset by auto.offset.reset, or fail with `none`.
        // A position in (high watermark, log end offset] is in range: the fetch is empty
        // until the high watermark passes it (`LocalLog.read`).
        let parts: Vec<u32> = c.assignment.keys().copied().collect();
        for &p in &parts {
            let (log_start, hw) = view.offsets(p);
            let leo = view.log_end_offset(p).max(hw);
            let pos = c.assignment[&p].position;
            if pos < log_start || pos > leo {
                let reset = match c.spec.auto_offset_reset {
                    OffsetReset::Earliest => Some(log_start),
                    OffsetReset::Latest => Some(hw),
                    OffsetReset::ByDuration { ms } => {
                        Some(view.offset_for_timestamp(p, (now / 1000).saturating_sub(ms)).unwrap_or(hw))
                    }
                    OffsetReset::None => None,
                };
                match reset {
                    Some(to) => {
                        c.assignment.get_mut(&p).expect("assigned").position = to;
                        out.push(ConsumerEvent::PositionReset {
                            consumer: id,
                            partition: p,
                            from: Some(pos),
                            offset: to,
                            cause: ResetCause::FetchOutOfRange,
                            policy: policy_name(c.spec.auto_offset_reset),
                            reason: format!(
                                "fetch offset {pos} out of range [{log_start}, {leo}]; auto.offset.reset={}",
                                policy_name(c.spec.auto_offset_reset)
                            ),
                        });
                    }
                    None => {
                        let error = format!(
                            "OffsetOutOfRangeException: Offsets out of range with no configured reset policy for partitions: {{{topic}-{p}={pos}}}"
                        );
                        c.assignment.remove(&p);
                        self.fail(id, now, error, out);
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// Metadata refresh (`metadata.max.age.ms`): the topics and their partition counts, and the
/// subscription (a pattern is matched again). The group leader rejoins when a topic it
/// assigned has another partition count now, or is gone; any member rejoins when its
/// subscription changed since it joined (`ConsumerCoordinator.rejoinNeededOrPending`).
fn refresh_metadata(c: &mut Consumer, now: u64, topic: &str, view: &dyn PartitionView) {
    use crate::sim::reason::GroupReason;
    if c.metadata_refreshed_us.is_none_or(|t| now >= t + c.spec.metadata_max_age_ms * 1000) {
        c.metadata_refreshed_us = Some(now);
        c.known_topics = TopicsView::new(topic, view).all();
        c.subscribed = resolve(&c.spec.subscription, topic, &c.known_topics);
        c.known_partitions = c.subscribed.iter().filter_map(|t| c.known_topics.get(t)).sum();
    }
    if c.member_id.is_none() {
        return;
    }
    let changed = c.assignment_metadata.as_ref().and_then(|snap| {
        snap.iter()
            .map(|(t, n)| (t, *n, c.known_topics.get(t).copied().unwrap_or(0)))
            .find(|(_, assigned, now)| assigned != now)
            .map(|(t, assigned, now)| GroupReason::MetadataChanged { topic: t.clone(), assigned, now })
    });
    if let Some(reason) = changed {
        c.assignment_snapshot = None;
        c.assignment_metadata = None;
        c.rejoin_requested = true;
        c.rejoin_reason = Some(reason);
    } else if let Some(joined) = c.joined_subscription.as_ref().filter(|j| **j != c.subscribed) {
        c.rejoin_requested = true;
        c.rejoin_reason = Some(GroupReason::SubscriptionChanged { from: joined.clone(), to: c.subscribed.clone() });
        c.joined_subscription = None;
    }
}

/// One fetch: partitions in turn from a rotating start, up to `max.poll.records` in all, at
/// most `max.partition.fetch.bytes` per partition and `fetch.max.bytes` in all (at least one
/// record, as Kafka returns at least one batch). Returns the ranges fetched and their bytes.
fn fetch(c: &mut Consumer, parts: &[u32], view: &dyn PartitionView) -> (Vec<(u32, u64, u64)>, u64) {
    let mut remaining = c.spec.max_poll_records as u64;
    let mut bytes_left = c.spec.fetch_max_bytes;
    let mut fetched = Vec::new();
    let mut fetched_bytes = 0;
    if !parts.is_empty() {
        let start = c.fetch_cursor as usize % parts.len();
        for k in 0..parts.len() {
            let p = parts[(start + k) % parts.len()];
            let (_, hw) = view.offsets(p);
            let per = view.bytes_per_record(p).max(1);
            let pos = c.assignment.get_mut(&p).expect("assigned");
            if pos.position < hw && remaining > 0 && (bytes_left > 0 || fetched.is_empty()) {
                let by_bytes = (c.spec.max_partition_fetch_bytes.min(bytes_left) / per).max(if fetched.is_empty() {
                    1
                } else {
                    0
                });
                let n = (hw - pos.position).min(remaining).min(by_bytes);
                if n == 0 {
                    continue;
                }
                fetched.push((p, pos.position, pos.position + n));
                c.batch.push_back((p, pos.position, pos.position + n));
                pos.position += n;
                remaining -= n;
                bytes_left = bytes_left.saturating_sub(n * per);
                fetched_bytes += n * per;
            }
        }
        c.fetch_cursor = c.fetch_cursor.wrapping_add(1);
    }
    (fetched, fetched_bytes)
}
