//! One instant of the simulation, in Kafka's order: the cluster (fencing, replication, ISR,
//! reassignment steps, elections), then each producer (requests arriving at the leaders, acks,
//! `delivery.timeout.ms` and `max.block.ms`, metadata, the application's `send()` calls, the
//! sender), then retention, the push comparison and the consumers.

use super::*;

/// What a produce request reaches: the cluster and the leaders' logs.
struct Leaders<'a> {
    cluster: &'a mut cluster::Cluster,
    logs: &'a mut [PartitionLog],
    values: &'a mut TypedValues,
    records_appended: &'a mut u64,
    bytes_appended: &'a mut u64,
    topic: &'a str,
}

impl Sim {
    /// Everything due at `self.now_us`, producer by producer in id order.
    pub(super) fn process_instant(&mut self, out: &mut Vec<Event>) {
        let out_start = out.len();
        let now = self.now_us;
        self.cluster_round(now, out);
        self.producers_round(now, out);
        self.retention_round(now, out);
        // The push comparison: the broker pushes what was just written.
        if let Some(pm) = self.push.as_mut() {
            push_round(pm, now, &out[out_start..]);
        }
        self.consumers_round(now, out_start, out);
    }

    /// The cluster first (fencing, replication, ISR, reassignment steps, elections): a
    /// follower's fetch sees what the leader had before this instant's appends.
    fn cluster_round(&mut self, now: u64, out: &mut Vec<Event>) {
        if self.cluster.next_wakeup_us().is_some_and(|t| t <= now) {
            let time_ms = now / 1000;
            let mut events = Vec::new();
            let views: Vec<&dyn cluster::LeaderLog> = self.logs.iter().map(|l| l as &dyn cluster::LeaderLog).collect();
            let truncations = self.cluster.process(now, &views, &mut events);
            self.apply_truncations(&truncations, now, out);
            out.extend(events.into_iter().map(|detail| Event::Cluster { time_ms, detail }));
            self.complete_acks(now, out);
        }
    }

    /// Each producer in id order.
    fn producers_round(&mut self, now: u64, out: &mut Vec<Event>) {
        let time_ms = now / 1000;
        let all_partitions = std::mem::take(&mut self.all_partitions);
        let mut leaders: Vec<Option<cluster::BrokerId>> = Vec::new();
        let mut ids = std::mem::take(&mut self.scratch_ids);
        ids.clear();
        ids.extend(self.producers.keys().copied());
        for &id in &ids {
            let Sim {
                producers,
                cluster,
                logs,
                values,
                rng,
                config,
                records_appended,
                bytes_appended,
                next_request_id,
                topics,
                ..
            } = self;
            let p = producers.get_mut(&id).expect("id from keys");
            let mut at = Leaders { cluster, logs, values, records_appended, bytes_appended, topic: &config.topic };
            arrive(p, id, now, &mut at, out);
            // acks=all: batches the high watermark has passed are acknowledged.
            ack_covered(p, id, cluster, time_ms, out);
            expire_and_block(p, id, now, &config.topic, out);
            refresh_metadata(p, id, now, topics, &config.topic, out);
            send_due(p, id, now, &all_partitions, (topics, &config.topic), rng, out);
            drain(p, id, now, cluster, next_request_id, config.network_latency_us, &mut leaders, out);
            debug_assert!(p
                .in_flight
                .iter()
                .map(|r| r.node)
                .all(|n| p.requests_outstanding_to(n) <= p.spec.max_in_flight as usize));
            debug_assert!(p.buffered_bytes <= p.spec.buffer_memory);

            // 5. A closing producer goes away once everything it had is acknowledged.
            if p.state == ProducerState::Closing && p.is_idle() {
                producers.remove(&id);
                out.push(Event::ProducerRemoved { time_ms, producer: id });
            }
        }
        self.all_partitions = all_partitions;
        self.scratch_ids = ids;
    }

    fn retention_round(&mut self, now: u64, out: &mut Vec<Event>) {
        let time_ms = now / 1000;
        // Retention (`log.retention.check.interval.ms`): delete whole old segments.
        if now >= self.next_retention_check_us {
            self.next_retention_check_us = now + self.config.retention_check_interval_ms.max(1) * 1000;
            for log in &mut self.logs {
                // Each topic's own retention.ms / retention.bytes (a freed slot has no topic).
                let Some(t) = self.topics.owner(log.partition()).and_then(|(t, _)| self.topics.get(t)) else {
                    continue;
                };
                let hw = self.cluster.high_watermark(log.partition()).min(log.log_end_offset());
                if let Some((start, reason)) = log.delete_old_segments(time_ms, t.retention_ms, t.retention_bytes, hw) {
                    out.push(Event::SegmentsDeleted {
                        time_ms,
                        partition: log.partition(),
                        log_start_offset: start,
                        reason,
                    });
                }
            }
        }
    }

    fn consumers_round(&mut self, now: u64, out_start: usize, out: &mut Vec<Event>) {
        let time_ms = now / 1000;
        // The consumer side: data that just arrived wakes consumers waiting in poll().
        if !self.consumers.consumers.is_empty() {
            for e in &out[out_start..] {
                if let Event::BatchAppended { partition, .. } = e {
                    self.consumers.on_append(*partition, now);
                }
            }
            if self.consumers.next_wakeup_us().is_none_or(|t| t > now) {
                return;
            }
            let mut events = Vec::new();
            // Each group's coordinator is the leader of its __consumer_offsets partition.
            let parts: Vec<u32> = self.consumers.groups.values().map(|g| g.offsets_partition).collect();
            for p in parts {
                self.cluster.ensure_offsets_partition(p);
            }
            self.consumers.coordinators_down = self
                .cluster
                .offsets
                .iter()
                .filter(|(_, r)| r.leader.is_none_or(|l| self.cluster.brokers.get(&l).is_none_or(|b| !b.alive())))
                .map(|(p, _)| *p)
                .collect();
            let view = LogsView(&self.logs, &self.cluster, &self.topics);
            self.consumers.process(now, &self.config.topic, &view, &mut self.rng, &mut events);
            for e in &events {
                if let consumer::ConsumerEvent::Polled { partitions, .. } = e {
                    for (p, from, to) in partitions {
                        let per = self.logs[*p as usize].bytes_per_record();
                        self.cluster.on_consumer_fetch(*p, (to - from) * per, time_ms);
                    }
                }
            }
            out.extend(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }));
        }
    }
}

/// The push comparison: the broker pushes what was just appended.
fn push_round(pm: &mut push::PushModel, now: u64, appended: &[Event]) {
    pm.process(now);
    for e in appended {
        if let Event::BatchAppended { records, .. } = e {
            pm.push(*records as u64, now);
        }
    }
}

/// Produce requests arrive: the leader appends the batches (or refuses them: no leader, or
/// acks=all with too few in-sync replicas).
fn arrive(p: &mut Producer, id: ProducerId, now: u64, at: &mut Leaders<'_>, out: &mut Vec<Event>) {
    let time_ms = now / 1000;
    // 1. Produce requests arrive: the leader appends the batches (or refuses them:
    //    no leader, or acks=all with too few in-sync replicas).
    let acks = p.spec.acks;
    while p.in_flight.front().is_some_and(|f| f.arrive_us <= now) {
        // A broker's produce limit: the request waits its turn at its leaders.
        if at.cluster.config.produce_bytes_per_s.is_some() {
            let front = p.in_flight.front_mut().expect("front exists");
            if !front.admitted {
                let mut per: OrdMap<cluster::BrokerId, u64> = OrdMap::new();
                for b in &front.batches {
                    if let Some(l) = at.cluster.leader(b.partition) {
                        *per.entry(l).or_insert(0) += b.size_bytes as u64;
                    }
                }
                let leaders: Vec<(cluster::BrokerId, u64)> = per.into_iter().collect();
                let done = at.cluster.produce_slot(&leaders, now);
                front.admitted = true;
                if done > now {
                    front.arrive_us = done;
                    // Keep arrival order: requests behind it wait too.
                    let t = done;
                    for r in p.in_flight.iter_mut().skip(1) {
                        r.arrive_us = r.arrive_us.max(t);
                    }
                    break;
                }
            }
        }
        let req = p.in_flight.pop_front().expect("front exists");
        let mut awaiting = Vec::new();
        for batch in req.batches {
            let records = batch.records.len() as u32;
            match at.cluster.check_produce(batch.partition, acks == config::Acks::All) {
                Err(e) => {
                    let error = match e {
                        cluster::ProduceError::NotLeader => format!(
                            "NotLeaderOrFollowerException: no leader for {}-{}",
                            at.topic, batch.partition
                        ),
                        cluster::ProduceError::NotEnoughReplicas { isr, required } => format!(
                            "NotEnoughReplicasException: The size of the current ISR {isr} is insufficient to satisfy the min.isr requirement of {required} for partition {}-{}",
                            at.topic, batch.partition
                        ),
                    };
                    if acks == config::Acks::Zero {
                        // Nobody is told: the records are simply gone.
                        p.buffered_bytes -= batch.size_bytes as u64;
                        p.records_failed += records as u64;
                        p.records_acked -= records as u64;
                        out.push(Event::ProduceFailed {
                            time_ms,
                            producer: id,
                            partition: batch.partition,
                            records,
                            error,
                        });
                    } else {
                        out.push(Event::ProduceRetried {
                            time_ms,
                            producer: id,
                            partition: batch.partition,
                            records,
                            error,
                        });
                        p.requeue(batch, now);
                    }
                }
                Ok(_) => {
                    let log = &mut at.logs[batch.partition as usize];
                    let base_offset = log.append(&batch.records);
                    if !at.values.pending.is_empty() {
                        at.values.landed(batch.partition, base_offset, &batch.records);
                    }
                    at.cluster.on_append(batch.partition, &*log, batch.size_bytes as u64, time_ms);
                    *at.records_appended += records as u64;
                    *at.bytes_appended += batch.size_bytes as u64;
                    out.push(Event::BatchAppended {
                        time_ms,
                        producer: id,
                        partition: batch.partition,
                        base_offset,
                        records,
                        bytes: batch.size_bytes,
                    });
                    match acks {
                        config::Acks::All => awaiting.push((batch, base_offset)),
                        config::Acks::One => {
                            p.records_acked += records as u64;
                            p.buffered_bytes -= batch.size_bytes as u64;
                        }
                        config::Acks::Zero => p.buffered_bytes -= batch.size_bytes as u64,
                    }
                }
            }
        }
        if !awaiting.is_empty() {
            p.awaiting.push_back(producer::AwaitingAck {
                request_id: req.request_id,
                node: req.node,
                batches: awaiting,
            });
        }
    }
}

/// `delivery.timeout.ms`, and `max.block.ms` for a `send()` blocked on `buffer.memory`.
fn expire_and_block(p: &mut Producer, id: ProducerId, now: u64, topic: &str, out: &mut Vec<Event>) {
    let time_ms = now / 1000;
    // delivery.timeout.ms
    let mut failed = Vec::new();
    p.expire(now, topic, &mut failed);
    for f in failed {
        out.push(Event::ProduceFailed {
            time_ms,
            producer: id,
            partition: f.partition,
            records: f.records,
            error: f.error,
        });
    }
    // max.block.ms: the blocked send() returns, its future failed with
    // BufferExhaustedException; the application goes on with its next record, which
    // blocks again while the buffer is full.
    if let Some(since) = p.blocked_since_us {
        if now >= since + p.spec.max_block_ms * 1000
            && p.buffered_bytes + max_append_bytes(&p.spec) > p.spec.buffer_memory
        {
            p.sends_failed += 1;
            p.blocked_us += now - since;
            p.blocked_since_us = Some(now);
            if !p.manual_only() {
                let next = p.next_send_us + p.interval_us();
                p.next_send_us = p.align_to_schedule(next);
            } else {
                p.manual.pop_front();
            }
            out.push(Event::SendFailed {
                time_ms,
                producer: id,
                error: format!(
                    "BufferExhaustedException: Failed to allocate {} bytes within the configured max blocking time {} ms. Total memory: {} bytes. Available memory: {} bytes. Poolable size: {} bytes",
                    max_append_bytes(&p.spec),
                    p.spec.max_block_ms,
                    p.spec.buffer_memory,
                    p.spec.buffer_memory.saturating_sub(p.buffered_bytes),
                    p.spec.batch_size
                ),
            });
        }
    }
    if let Some(since) = p.blocked_since_us {
        if p.buffered_bytes + max_append_bytes(&p.spec) <= p.spec.buffer_memory {
            p.blocked_since_us = None;
            p.refresh_ready();
            p.blocked_us += now - since;
            if !p.manual_only() {
                p.next_send_us = now;
            }
            out.push(Event::SendUnblocked { time_ms, producer: id, blocked_ms: (now - since) / 1000 });
        }
    }
}

/// Metadata refresh (`metadata.max.age.ms`): learn each topic's partition count.
fn refresh_metadata(
    p: &mut Producer,
    id: ProducerId,
    now: u64,
    topics: &topics::Topics,
    first: &str,
    out: &mut Vec<Event>,
) {
    let time_ms = now / 1000;
    if p.state != ProducerState::Running || p.metadata_due_us() > now {
        return;
    }
    p.metadata_refreshed_us = now;
    let names: Vec<&str> = match p.spec.topics.is_empty() {
        true => vec![first],
        false => p.spec.topics.iter().map(|t| t.topic.as_str()).collect(),
    };
    for (i, name) in names.into_iter().enumerate() {
        let partitions = topics.get(name).map_or(0, |t| t.partitions());
        let (partitioner, known) = match i {
            0 => (&mut p.partitioner, &mut p.known_partitions),
            _ => {
                let (a, b) = &mut p.other_topics[i - 1];
                (a, b)
            }
        };
        if *known != partitions && partitions > 0 {
            let from_partitions = *known;
            let (keys_moved, moved) = key_moves(&p.fixed_keys, from_partitions, partitions);
            *known = partitions;
            partitioner.reset();
            out.push(Event::MetadataRefreshed {
                time_ms,
                producer: id,
                from_partitions,
                partitions,
                keys_moved,
                moved,
                topic: (name != first).then(|| name.to_string()),
            });
        }
    }
}

/// Which of its topics the next `send()` goes to: by weight, drawn only when there are several.
fn pick_topic(p: &Producer, rng: &mut SimRng) -> usize {
    if p.spec.topics.len() <= 1 {
        return 0;
    }
    let total: u64 = p.spec.topics.iter().map(|t| t.weight as u64).sum();
    let mut x = rng.below(total.max(1));
    for (i, t) in p.spec.topics.iter().enumerate() {
        if x < t.weight as u64 {
            return i;
        }
        x -= t.weight as u64;
    }
    0
}

/// The application's `send()` calls that are due.
fn send_due(
    p: &mut Producer,
    id: ProducerId,
    now: u64,
    all_partitions: &[u32],
    (topics, first): (&topics::Topics, &str),
    rng: &mut SimRng,
    out: &mut Vec<Event>,
) {
    let time_ms = now / 1000;
    // 3. The application's send() calls that are due.
    while p.state == ProducerState::Running
        && p.blocked_since_us.is_none()
        && (p.next_send_us <= now || p.manual.front().is_some_and(|m| m.at_us <= now))
    {
        if p.buffered_bytes + max_append_bytes(&p.spec) > p.spec.buffer_memory {
            p.blocked_since_us = Some(now);
            // A send() waiting for memory makes every first batch sendable
            // (`RecordAccumulator.ready`: exhausted).
            p.refresh_ready();
            out.push(Event::SendBlocked { time_ms, producer: id });
            break;
        }
        // The topic of this send(): its partitioner becomes the current one for the send.
        let target = pick_topic(p, rng);
        let slots: &[u32] = {
            let name = p.spec.topics.get(target).map_or(first, |t| t.topic.as_str());
            topics.get(name).map_or(&[], |t| t.slots.as_slice())
        };
        if target > 0 {
            let (other, known) = &mut p.other_topics[target - 1];
            std::mem::swap(&mut p.partitioner, other);
            std::mem::swap(&mut p.known_partitions, known);
        }
        let known = p.known_partitions.min(slots.len() as u32);
        let available = &all_partitions[..known as usize];
        // A typed record (console producer) goes first; then the schedule's.
        let manual = p.manual.front().filter(|m| m.at_us <= now).copied();
        let (key, value_bytes, value_id) = match manual {
            Some(m) => {
                p.manual.pop_front();
                (m.key, m.value_bytes, m.value_id)
            }
            None => (p.next_key(rng), p.spec.value_bytes, 0),
        };
        match key {
            Some(k) => {
                let partition = murmur2::partition_for_key(k.as_bytes(), known);
                p.append_value(slots[partition as usize], Some(k), value_bytes, value_id, now);
            }
            None => {
                // Load statistics and random numbers are drawn only when the
                // partitioner actually chooses (as Kafka computes them lazily too).
                let mut changed = |from: Option<u32>, to: u32| {
                    let (from, to) = (from.map(|f| slots[f as usize]), slots[to as usize]);
                    out.push(Event::StickyPartitionChanged { time_ms, producer: id, from, to })
                };
                // `RecordAccumulator.partitionChanged`: a switch disabled while the
                // sticky partition's queue had an incomplete batch happens at the next
                // send() once its batches are all full or drained.
                let mut current = p.partitioner.current().map(|i| i.partition).filter(|&c| c < known);
                if let Some(c) = current {
                    if p.all_batches_full(slots[c as usize]) && p.partitioner.would_switch(0, true) {
                        let load = p.load_stats_in(known, slots);
                        let random = rng.next_positive_i32();
                        if let Some(to) =
                            p.partitioner.update_after_append(0, true, random, known, available, load.as_ref())
                        {
                            changed(Some(c), to);
                            current = Some(to);
                        }
                    }
                }
                let partition = match current {
                    Some(c) => c,
                    None => {
                        let load = p.load_stats_in(known, slots);
                        let random = rng.next_positive_i32();
                        let chosen = p.partitioner.partition(random, known, available, load.as_ref());
                        changed(None, chosen);
                        chosen
                    }
                };
                let (bytes, enable_switch) =
                    p.append_value(slots[partition as usize], None, value_bytes, value_id, now);
                let (load, random) = if p.partitioner.would_switch(bytes, enable_switch) {
                    (p.load_stats_in(known, slots), rng.next_positive_i32())
                } else {
                    (None, 0)
                };
                let switched =
                    p.partitioner.update_after_append(bytes, enable_switch, random, known, available, load.as_ref());
                if let Some(to) = switched {
                    changed(Some(partition), to);
                }
            }
        }
        if target > 0 {
            let (other, known) = &mut p.other_topics[target - 1];
            std::mem::swap(&mut p.partitioner, other);
            std::mem::swap(&mut p.known_partitions, known);
        }
        if manual.is_none() {
            let next = p.next_send_us + p.interval_us();
            p.next_send_us = p.align_to_schedule(next);
        }
    }
}

/// The sender: one produce request per ready broker, one batch per partition.
#[allow(clippy::too_many_arguments)]
fn drain(
    p: &mut Producer,
    id: ProducerId,
    now: u64,
    cluster: &cluster::Cluster,
    next_request_id: &mut u64,
    latency_us: u64,
    leaders: &mut Vec<Option<cluster::BrokerId>>,
    out: &mut Vec<Event>,
) {
    let time_ms = now / 1000;
    // 4. The sender: one produce request per ready broker, one batch per partition
    //    (`Sender.sendProducerData`), as long as requests keep being drained (the sender
    //    thread loops at once while batches are ready).
    if !p.accumulator.is_empty() {
        leaders.clear();
        leaders.extend((0..p.accumulator.len() as u32).map(|q| cluster.leader(q)));
        for _ in 0..=PRODUCE_REQUESTS_PER_STEP_MAX {
            let requests = p.drain_requests(now, leaders);
            if requests.is_empty() {
                break;
            }
            for (node, batches) in requests {
                if p.spec.acks == config::Acks::Zero {
                    // acks=0: the send counts as done as soon as it leaves.
                    p.records_acked += batches.iter().map(|b| b.records.len() as u64).sum::<u64>();
                }
                let request_id = *next_request_id;
                *next_request_id += 1;
                p.batches_sent += batches.len() as u64;
                p.requests_sent += 1;
                let summary = batches
                    .iter()
                    .map(|b| BatchSummary {
                        partition: b.partition,
                        records: b.records.len() as u32,
                        bytes: b.size_bytes,
                    })
                    .collect();
                p.in_flight.push_back(InFlight {
                    request_id,
                    node,
                    arrive_us: now + latency_us,
                    batches,
                    admitted: false,
                });
                out.push(Event::RequestSent { time_ms, producer: id, request_id, node, batches: summary });
            }
        }
    }
}
