//! A producer: its record schedule, its `RecordAccumulator` (batches per partition) and its
//! sender (produce requests in flight). Kafka's `KafkaProducer`, reduced to what shows.

use std::collections::VecDeque;

use serde::Serialize;

use super::cluster::BrokerId;
use super::config::{KeyMode, ProducerSpec, RateMode};
use super::log::PendingRecord;
use super::partitioner::{PartitionLoadStats, StickyPartitioner};
use super::record::{record_size_in_bytes, Key, RECORD_BATCH_OVERHEAD};
use super::rng::SimRng;
use super::ProducerId;

/// `max.request.size` (Kafka's default): the most bytes of batches one produce request carries
/// (a single larger batch still goes alone).
pub const MAX_REQUEST_SIZE: u32 = 1_048_576;

/// A batch of records for one partition (`ProducerBatch`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub partition: u32,
    pub created_us: u64,
    /// `estimatedSizeInBytes`: batch header plus records.
    pub size_bytes: u32,
    /// Closed for appends: full, or a record did not fit.
    pub closed: bool,
    pub records: Vec<PendingRecord>,
    first_timestamp_ms: u64,
    /// A retried batch is not sent again before this (`retry.backoff.ms`).
    pub retry_at_us: u64,
    /// Times it was sent.
    pub attempts: u32,
}

impl Batch {
    fn new(partition: u32, now_us: u64, timestamp_ms: u64) -> Self {
        Self {
            partition,
            created_us: now_us,
            size_bytes: RECORD_BATCH_OVERHEAD,
            closed: false,
            records: Vec::new(),
            first_timestamp_ms: timestamp_ms,
            retry_at_us: 0,
            attempts: 0,
        }
    }

    /// `MemoryRecordsBuilder.isFull`.
    pub fn is_full(&self, batch_size: u32) -> bool {
        self.closed || (!self.records.is_empty() && batch_size <= self.size_bytes)
    }
}

/// A produce request on its way to the broker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    pub request_id: u64,
    /// The broker it was sent to (the leader of its partitions when it was drained).
    pub node: BrokerId,
    pub arrive_us: u64,
    pub batches: Vec<Batch>,
    /// Whether the leaders' produce limit has scheduled it (then `arrive_us` is when it is
    /// appended).
    pub admitted: bool,
}

/// A produce request appended by the leader, waiting (acks=all) for the high watermark to pass
/// its batches before the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaitingAck {
    pub request_id: u64,
    pub node: BrokerId,
    /// Each batch with its base offset in the log, until acknowledged.
    pub batches: Vec<(Batch, u64)>,
}

/// Why a batch failed for good (after retries, or at once with acks=0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedBatch {
    pub partition: u32,
    pub records: u32,
    pub error: String,
}

/// Whether the producer is running or flushing before it goes away (`close()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProducerState {
    Running,
    Closing,
}

/// A running producer.
#[derive(Debug, Clone)]
pub struct Producer {
    pub id: ProducerId,
    pub spec: ProducerSpec,
    pub state: ProducerState,
    /// When the application calls `send()` next.
    pub next_send_us: u64,
    /// Start of the rate schedule (bursts are counted from here).
    pub schedule_start_us: u64,
    /// Batches per partition (index = partition). Invariant: every batch but the last of each
    /// queue is closed.
    pub accumulator: Vec<VecDeque<Batch>>,
    /// Batches in the accumulator.
    queued_batches: usize,
    /// When the oldest queue front becomes sendable (closed: at once; open: after
    /// `linger.ms`). Recomputed when a batch opens, closes or leaves, not per record.
    ready_at_us: Option<u64>,
    /// The oldest queue front's creation time (for `delivery.timeout.ms`), kept with
    /// `ready_at_us` so that the step loop does not scan every queue.
    oldest_queued_us: Option<u64>,
    pub partitioner: StickyPartitioner,
    /// Invariant: per broker, requests in flight or awaiting acks are at most
    /// `spec.max_in_flight` (`InFlightRequests.canSendMore`).
    pub in_flight: VecDeque<InFlight>,
    /// Requests appended but not yet acknowledged (acks=all).
    pub awaiting: VecDeque<AwaitingAck>,
    /// Records whose send failed for good (`delivery.timeout.ms`, or acks=0 with no leader).
    pub records_failed: u64,
    /// Records whose `send()` returned after `max.block.ms` with a future failed by
    /// `BufferExhaustedException`.
    pub sends_failed: u64,
    /// Bytes held in batches, open, ready or in flight. Invariant: `<= spec.buffer_memory`.
    pub buffered_bytes: u64,
    pub records_sent: u64,
    pub records_acked: u64,
    pub batches_sent: u64,
    pub requests_sent: u64,
    /// Time `send()` spent waiting for `buffer.memory`, microseconds.
    pub blocked_us: u64,
    pub blocked_since_us: Option<u64>,
    /// The partition count this producer's metadata knows (refreshed every
    /// `metadata.max.age.ms`) of its first topic.
    pub known_partitions: u32,
    /// The partitioner and known partition count of each further topic it sends to
    /// (`spec.topics[1..]`): Kafka keeps one `BuiltInPartitioner` per topic.
    pub other_topics: Vec<(StickyPartitioner, u32)>,
    pub metadata_refreshed_us: u64,
    /// The keys of `KeyMode::Fixed`, built once.
    pub(in crate::sim) fixed_keys: Vec<Key>,
    /// Records typed into `kafka-console-producer.sh`, sent in order at their time.
    /// Invariant: at most `MANUAL_SENDS_MAX`.
    pub manual: VecDeque<ManualSend>,
    /// Per broker, where the next drain starts among the partitions it leads (Kafka keeps one
    /// `drainIndex` per node so that no partition starves).
    drain_index: crate::util::ordmap::OrdMap<BrokerId, usize>,
    /// The sender found batches ready only for brokers at their in-flight limit, when this
    /// many requests were outstanding: it waits for a response before trying again.
    sender_blocked_at: Option<usize>,
}

/// Most records waiting in a console producer's queue.
pub const MANUAL_SENDS_MAX: usize = 1000;

/// One `send()` the visitor typed (a console producer line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManualSend {
    pub at_us: u64,
    pub key: Option<Key>,
    pub value_bytes: u32,
    /// The typed value's number in [`crate::sim::Sim::record_value`]'s table (0: none).
    pub value_id: u32,
}

impl Producer {
    pub fn new(id: ProducerId, spec: ProducerSpec, now_us: u64, partitions: u32) -> Self {
        let partitioner = StickyPartitioner::new(spec.batch_size);
        let fixed_keys = build_fixed_keys(&spec.keys);
        Self {
            id,
            spec,
            state: ProducerState::Running,
            next_send_us: now_us,
            schedule_start_us: now_us,
            accumulator: Vec::new(),
            queued_batches: 0,
            ready_at_us: None,
            oldest_queued_us: None,
            partitioner,
            in_flight: VecDeque::new(),
            awaiting: VecDeque::new(),
            records_failed: 0,
            sends_failed: 0,
            buffered_bytes: 0,
            records_sent: 0,
            records_acked: 0,
            batches_sent: 0,
            requests_sent: 0,
            blocked_us: 0,
            blocked_since_us: None,
            known_partitions: partitions,
            other_topics: Vec::new(),
            metadata_refreshed_us: now_us,
            fixed_keys,
            manual: VecDeque::new(),
            drain_index: crate::util::ordmap::OrdMap::new(),
            sender_blocked_at: None,
        }
    }

    /// A producer that sends only what is typed (`kafka-console-producer.sh`).
    pub fn manual_only(&self) -> bool {
        self.next_send_us == u64::MAX
    }

    /// Replace the settings (rate, keys, batching) keeping queues and counters.
    pub fn update_spec(&mut self, spec: ProducerSpec) {
        if spec.batch_size != self.spec.batch_size {
            self.partitioner = StickyPartitioner::new(spec.batch_size);
            for (p, _) in self.other_topics.iter_mut() {
                *p = StickyPartitioner::new(spec.batch_size);
            }
        }
        self.fixed_keys = build_fixed_keys(&spec.keys);
        self.spec = spec;
        self.recompute_ready_at();
    }

    /// The fixed keys this producer cycles through (empty unless `KeyMode::Fixed`).
    pub fn fixed_keys(&self) -> &[Key] {
        &self.fixed_keys
    }

    /// When the metadata is next refreshed.
    pub fn metadata_due_us(&self) -> u64 {
        self.metadata_refreshed_us + self.spec.metadata_max_age_ms * 1000
    }

    /// Microseconds between records at the configured rate (at least 1).
    pub fn interval_us(&self) -> u64 {
        ((1_000_000.0 / self.spec.rate_records_per_s).round() as u64).max(1)
    }

    /// The first send time at or after `t_us` that the rate mode allows.
    pub fn align_to_schedule(&self, t_us: u64) -> u64 {
        match self.spec.rate_mode {
            RateMode::Steady => t_us,
            RateMode::Bursty { burst_ms, idle_ms } => {
                let burst = burst_ms * 1000;
                let period = burst + idle_ms * 1000;
                let since = t_us.saturating_sub(self.schedule_start_us);
                let phase = since % period;
                if phase < burst {
                    t_us
                } else {
                    t_us + (period - phase)
                }
            }
        }
    }

    /// Choose the key of the next record.
    pub fn next_key(&self, rng: &mut SimRng) -> Option<Key> {
        match &self.spec.keys {
            KeyMode::None => None,
            KeyMode::Fixed { .. } => {
                let i = rng.below(self.fixed_keys.len() as u64) as usize;
                Some(self.fixed_keys[i])
            }
            KeyMode::Random => {
                let v = rng.next_u64() as u32;
                let mut text = *b"key-00000000";
                const DIGITS: &[u8; 16] = b"0123456789abcdef";
                for i in 0..8 {
                    text[4 + i] = DIGITS[((v >> (28 - 4 * i)) & 15) as usize];
                }
                Key::from_bytes(&text)
            }
        }
    }

    /// The earliest time this producer needs attention after `now_us`, if any.
    pub fn next_wakeup_us(&self) -> Option<u64> {
        let mut next: Option<u64> = None;
        let mut consider = |t: u64| next = Some(next.map_or(t, |n: u64| n.min(t)));
        if self.state == ProducerState::Running && self.blocked_since_us.is_none() {
            consider(self.next_send_us);
            if let Some(m) = self.manual.front() {
                consider(m.at_us);
            }
        }
        if let Some(since) = self.blocked_since_us {
            consider(since + self.spec.max_block_ms * 1000);
        }
        if let Some(f) = self.in_flight.front() {
            consider(f.arrive_us);
        }
        if self.state == ProducerState::Running {
            consider(self.metadata_due_us());
        }
        if self.sender_blocked_at.is_none_or(|n| self.requests_outstanding() < n) {
            if let Some(t) = self.ready_at_us {
                consider(t);
            }
        }
        if let Some(t) = self.expiry_due_us() {
            consider(t);
        }
        next
    }

    /// Queue sizes per partition for the adaptive partitioner (`updatePartitionLoadStats`).
    pub fn load_stats(&self, num_partitions: u32) -> Option<PartitionLoadStats> {
        let identity: Vec<u32> = (0..num_partitions).collect();
        self.load_stats_in(num_partitions, &identity)
    }

    /// [`Self::load_stats`] of a topic whose partition `i` is slot `slots[i]`.
    pub fn load_stats_in(&self, num_partitions: u32, slots: &[u32]) -> Option<PartitionLoadStats> {
        let mut sizes = Vec::with_capacity(num_partitions as usize);
        let mut ids = Vec::with_capacity(num_partitions as usize);
        for p in 0..num_partitions {
            ids.push(p);
            sizes.push(self.accumulator.get(slots[p as usize] as usize).map_or(0, |q| q.len() as u32));
        }
        PartitionLoadStats::from_queue_sizes(&sizes, &ids, num_partitions)
    }

    /// Append one record to the partition's queue (`RecordAccumulator.append`), opening a new
    /// batch when it does not fit. Returns `(appended_bytes, enable_switch)`.
    pub fn append(&mut self, partition: u32, key: Option<Key>, now_us: u64) -> (u32, bool) {
        self.append_value(partition, key, self.spec.value_bytes, 0, now_us)
    }

    /// [`Self::append`] with a value of its own size (a typed record).
    pub fn append_value(
        &mut self,
        partition: u32,
        key: Option<Key>,
        value_bytes: u32,
        value_id: u32,
        now_us: u64,
    ) -> (u32, bool) {
        let timestamp_ms = now_us / 1000;
        let batch_size = self.spec.batch_size;
        let producer = self.id;
        let key_len = key.map(|k| k.len() as u32);
        if self.accumulator.len() <= partition as usize {
            self.accumulator.resize_with(partition as usize + 1, VecDeque::new);
        }
        let record = |size_bytes| PendingRecord { key, value_bytes, timestamp_ms, producer, size_bytes, value_id };
        let queue = &mut self.accumulator[partition as usize];
        let mut opened_or_closed = false;

        // tryAppend on the last batch.
        let mut appended = None;
        if let Some(last) = queue.back_mut() {
            if !last.closed {
                let offset_delta = last.records.len() as i32;
                let ts_delta = timestamp_ms as i64 - last.first_timestamp_ms as i64;
                let size = record_size_in_bytes(offset_delta, ts_delta, key_len, value_bytes);
                let has_room = !last.is_full(batch_size) && batch_size >= last.size_bytes + size;
                if has_room {
                    last.records.push(record(size));
                    last.size_bytes += size;
                    appended = Some(size);
                } else {
                    last.closed = true;
                    opened_or_closed = true;
                }
            }
        }
        let appended_bytes = match appended {
            Some(size) => size,
            None => {
                // appendNewBatch: the first record always fits; appendedBytes counts the header.
                let mut batch = Batch::new(partition, now_us, timestamp_ms);
                let size = record_size_in_bytes(0, 0, key_len, value_bytes);
                batch.records.push(record(size));
                batch.size_bytes += size;
                let total = batch.size_bytes;
                queue.push_back(batch);
                self.queued_batches += 1;
                opened_or_closed = true;
                total
            }
        };
        if let Some(last) = queue.back_mut() {
            if last.is_full(batch_size) && !last.closed {
                last.closed = true;
                opened_or_closed = true;
            }
        }
        // allBatchesFull: only the last batch may be incomplete.
        let enable_switch = queue.back().is_none_or(|b| b.is_full(batch_size));
        self.buffered_bytes += appended_bytes as u64;
        self.records_sent += 1;
        if opened_or_closed {
            self.recompute_ready_at();
        }
        (appended_bytes, enable_switch)
    }

    /// `RecordAccumulator.allBatchesFull`: the partition's last batch is full (or there is
    /// none: the sender drained the queue).
    pub fn all_batches_full(&self, partition: u32) -> bool {
        self.accumulator.get(partition as usize).and_then(|q| q.back()).is_none_or(|b| b.is_full(self.spec.batch_size))
    }

    /// Requests sent and not yet answered (in flight or awaiting acks=all).
    pub fn requests_outstanding(&self) -> usize {
        self.in_flight.len() + self.awaiting.len()
    }

    /// Requests to one broker not yet answered (`InFlightRequests.count(node)`).
    pub fn requests_outstanding_to(&self, node: BrokerId) -> usize {
        self.in_flight.iter().filter(|r| r.node == node).count()
            + self.awaiting.iter().filter(|r| r.node == node).count()
    }

    /// When the oldest unacknowledged batch reaches `delivery.timeout.ms`.
    pub fn expiry_due_us(&self) -> Option<u64> {
        let timeout = self.spec.delivery_timeout_ms * 1000;
        let awaiting = self.awaiting.iter().flat_map(|a| a.batches.iter()).map(|(b, _)| b.created_us);
        self.oldest_queued_us.into_iter().chain(awaiting).min().map(|t| t + timeout)
    }

    /// Put a batch the broker refused back at the front of its queue, to be sent again after
    /// `retry.backoff.ms` (`RecordAccumulator.reenqueue`).
    pub fn requeue(&mut self, mut batch: Batch, now_us: u64) {
        batch.retry_at_us = now_us + self.spec.retry_backoff_ms * 1000;
        batch.closed = true;
        let p = batch.partition as usize;
        if self.accumulator.len() <= p {
            self.accumulator.resize_with(p + 1, VecDeque::new);
        }
        // Oldest first, as the accumulator keeps them (idempotent producers insert in sequence
        // order).
        let q = &mut self.accumulator[p];
        let at = q.partition_point(|b| b.created_us <= batch.created_us && b.closed);
        q.insert(at, batch);
        self.queued_batches += 1;
        self.recompute_ready_at();
    }

    /// Fail every batch older than `delivery.timeout.ms` (in the accumulator, or appended and
    /// still waiting for acks=all): Kafka's `TimeoutException`, or the last error seen.
    pub fn expire(&mut self, now_us: u64, topic: &str, out: &mut Vec<FailedBatch>) {
        let timeout = self.spec.delivery_timeout_ms * 1000;
        if self.expiry_due_us().is_none_or(|t| t > now_us) {
            return;
        }
        let ms = self.spec.delivery_timeout_ms;
        let mut expired = Vec::new();
        for q in self.accumulator.iter_mut() {
            while q.front().is_some_and(|b| b.created_us + timeout <= now_us) {
                expired.push(q.pop_front().expect("front"));
            }
        }
        self.queued_batches -= expired.len();
        for a in self.awaiting.iter_mut() {
            let (old, keep): (Vec<_>, Vec<_>) =
                std::mem::take(&mut a.batches).into_iter().partition(|(b, _)| b.created_us + timeout <= now_us);
            a.batches = keep;
            expired.extend(old.into_iter().map(|(b, _)| b));
        }
        self.awaiting.retain(|a| !a.batches.is_empty());
        for b in expired {
            self.buffered_bytes -= b.size_bytes as u64;
            self.records_failed += b.records.len() as u64;
            out.push(FailedBatch {
                partition: b.partition,
                records: b.records.len() as u32,
                error: format!(
                    "TimeoutException: Expiring {} record(s) for {topic}-{}:{ms} ms has passed since batch creation",
                    b.records.len(),
                    b.partition
                ),
            });
        }
        self.recompute_ready_at();
    }

    /// The sender (`RecordAccumulator.ready`, `drain`/`drainBatchesForOneNode`,
    /// `Sender.sendProduceRequests`). A broker is ready when the first batch of any partition
    /// it leads is sendable: more than one batch queued or the batch full, `linger.ms` waited,
    /// `buffer.memory` exhausted (a `send()` is blocked) or the producer closing, and not in
    /// `retry.backoff.ms`. For each ready broker below `max.in.flight.requests.per.connection`,
    /// the first batch of every partition it leads (lingered or not, not backing off) is
    /// drained, one batch per partition, up to `max.request.size`, into one produce request.
    /// `leaders[p]` is partition p's leader. Returns one `(broker, batches)` per request.
    pub fn drain_requests(&mut self, now_us: u64, leaders: &[Option<BrokerId>]) -> Vec<(BrokerId, Vec<Batch>)> {
        let mut requests = Vec::new();
        if self.ready_at_us.is_none_or(|t| t > now_us) {
            return requests;
        }
        let linger_us = self.spec.linger_ms * 1000;
        let sendable_anyway = self.state == ProducerState::Closing || self.blocked_since_us.is_some();
        let backoff = self.spec.retry_backoff_ms.max(1) * 1000;
        let batch_size = self.spec.batch_size;
        let max_in_flight = self.spec.max_in_flight as usize;
        // ready(): the brokers with a sendable first batch.
        let mut ready_nodes: Vec<BrokerId> = Vec::new();
        for (p, q) in self.accumulator.iter_mut().enumerate() {
            let queued = q.len();
            let Some(front) = q.front_mut() else { continue };
            let Some(leader) = leaders.get(p).copied().flatten() else {
                // No leader known: the sender asks for metadata and looks again after
                // retry.backoff.ms.
                if front.retry_at_us <= now_us {
                    front.retry_at_us = now_us + backoff;
                }
                continue;
            };
            let full = queued > 1 || front.is_full(batch_size);
            let backing_off = front.retry_at_us > now_us;
            let lingered = now_us >= front.created_us + linger_us;
            if (full || lingered || sendable_anyway) && !backing_off && !ready_nodes.contains(&leader) {
                ready_nodes.push(leader);
            }
        }
        crate::util::order::sort_by_key(&mut ready_nodes, |b| *b);
        let mut blocked = false;
        for node in ready_nodes {
            // NetworkClient.ready: the connection takes another request.
            if self.requests_outstanding_to(node) + requests.iter().filter(|(n, _)| *n == node).count() >= max_in_flight
            {
                blocked = true;
                continue;
            }
            let parts: Vec<usize> = (0..leaders.len()).filter(|p| leaders[*p] == Some(node)).collect();
            if parts.is_empty() {
                continue;
            }
            let mut batches = Vec::new();
            let mut size = 0u32;
            let mut drain_index = self.drain_index.get(&node).copied().unwrap_or(0) % parts.len();
            let start = drain_index;
            loop {
                let p = parts[drain_index];
                self.drain_index.insert(node, drain_index);
                drain_index = (drain_index + 1) % parts.len();
                if let Some(first) = self.accumulator.get(p).and_then(|q| q.front()) {
                    if first.retry_at_us <= now_us {
                        if size + first.size_bytes > MAX_REQUEST_SIZE && !batches.is_empty() {
                            break;
                        }
                        let mut b = self.accumulator[p].pop_front().expect("front exists");
                        b.closed = true;
                        b.attempts += 1;
                        size += b.size_bytes;
                        batches.push(b);
                    }
                }
                if drain_index == start {
                    break;
                }
            }
            if !batches.is_empty() {
                self.queued_batches -= batches.len();
                requests.push((node, batches));
            }
        }
        self.recompute_ready_at();
        self.sender_blocked_at = (blocked && requests.is_empty()).then(|| self.requests_outstanding());
        requests
    }

    /// `buffer.memory` exhaustion started or ended (it makes every first batch sendable).
    pub fn refresh_ready(&mut self) {
        self.recompute_ready_at();
    }

    fn recompute_ready_at(&mut self) {
        let linger_us = self.spec.linger_ms * 1000;
        let sendable_anyway = self.state == ProducerState::Closing || self.blocked_since_us.is_some();
        let batch_size = self.spec.batch_size;
        self.sender_blocked_at = None;
        self.ready_at_us = self
            .accumulator
            .iter()
            .filter_map(|q| q.front().map(|b| (b, q.len() > 1)))
            .map(|(b, more)| {
                let full = more || b.is_full(batch_size);
                let t = if full || sendable_anyway { b.created_us } else { b.created_us + linger_us };
                t.max(b.retry_at_us)
            })
            .min();
        self.oldest_queued_us = self.accumulator.iter().filter_map(|q| q.front()).map(|b| b.created_us).min();
    }

    /// `close()`: stop sending; everything buffered becomes sendable at once.
    pub fn start_closing(&mut self) {
        self.state = ProducerState::Closing;
        self.recompute_ready_at();
    }

    /// Records waiting in the accumulator.
    pub fn records_buffered(&self) -> u64 {
        self.accumulator.iter().flat_map(|q| q.iter()).map(|b| b.records.len() as u64).sum()
    }

    /// Whether nothing is left to send or acknowledge.
    pub fn is_idle(&self) -> bool {
        self.queued_batches == 0 && self.in_flight.is_empty() && self.awaiting.is_empty()
    }
}

fn build_fixed_keys(keys: &KeyMode) -> Vec<Key> {
    match keys {
        KeyMode::Fixed { count, prefix } => {
            (1..=*count).filter_map(|n| Key::from_bytes(format!("{prefix}{n}").as_bytes())).collect()
        }
        KeyMode::None | KeyMode::Random => Vec::new(),
    }
}
