//! The simulation core: pure, deterministic, no I/O, no clock.
//!
//! The caller owns time: [`Sim::advance_to`] runs everything due up to a simulated instant and
//! returns the [`Event`]s that happened; [`Sim::apply`] takes a typed [`Command`];
//! [`Sim::snapshot`] gives plain data to draw or report. Every random choice comes from the one
//! seeded [`rng::SimRng`]; every map whose order can reach an output is a `OrdMap`.

mod admin;
mod apply;
pub mod cluster;
mod command;
pub mod config;
pub mod consumer;
pub mod error;
mod event;
pub mod group;
pub mod log;
pub mod murmur2;
pub mod offsets_tool;
pub mod partitioner;
pub mod producer;
pub mod push;
pub mod reason;
pub mod record;
pub mod rng;
mod snapshot;
mod step;
pub mod time_index;
pub mod topics;

pub use command::*;
pub use event::*;
pub use snapshot::*;

use crate::util::ordmap::OrdMap;

use config::{ConfigError, ProducerSpec, SimConfig, PRODUCERS_MAX};
use log::{PartitionLog, RecordMeta};
use producer::{InFlight, Producer, ProducerState};
use record::Key;
use rng::SimRng;

/// The simulation.
#[derive(Debug, Clone)]
pub struct Sim {
    config: SimConfig,
    seed: u64,
    /// Invariant: never decreases.
    now_us: u64,
    rng: SimRng,
    /// Invariant: `logs[i].partition() == i` and `logs.len() == partitions`, which only grows.
    logs: Vec<PartitionLog>,
    producers: OrdMap<ProducerId, Producer>,
    next_producer_id: ProducerId,
    next_request_id: u64,
    records_appended: u64,
    bytes_appended: u64,
    pub consumers: consumer::ConsumerWorld,
    /// Brokers and replicas.
    pub cluster: cluster::Cluster,
    /// The topics and the slot of each of their partitions in `logs` and the cluster.
    topics: topics::Topics,
    /// The push-model consumer run beside the real ones for comparison (off by default).
    pub push: Option<push::PushModel>,
    /// When the retention check runs next (`log.retention.check.interval.ms`).
    next_retention_check_us: u64,
    /// `0..PARTITIONS_MAX`, a topic's partition numbers (kept to avoid allocating per step).
    all_partitions: Vec<u32>,
    scratch_ids: Vec<ProducerId>,
    /// Values typed into the console producer (generated records have only a size).
    values: TypedValues,
}

/// Most typed values kept (waiting to be appended, and appended).
pub const TYPED_VALUES_MAX: usize = 1000;

/// Values typed into `kafka-console-producer.sh`: waiting by number, then by partition and
/// offset once appended. Invariant: at most `TYPED_VALUES_MAX` of each (oldest dropped).
#[derive(Debug, Clone, Default)]
struct TypedValues {
    next_id: u32,
    pending: OrdMap<u32, String>,
    by_offset: OrdMap<(u32, u64), String>,
}

impl TypedValues {
    fn add(&mut self, value: String) -> u32 {
        self.next_id += 1;
        if self.pending.len() == TYPED_VALUES_MAX {
            self.pending.pop_first();
        }
        self.pending.insert(self.next_id, value);
        self.next_id
    }

    fn landed(&mut self, partition: u32, base_offset: u64, records: &[crate::sim::log::PendingRecord]) {
        for (i, r) in records.iter().enumerate() {
            if let Some(v) = (r.value_id != 0).then(|| self.pending.remove(&r.value_id)).flatten() {
                if self.by_offset.len() == TYPED_VALUES_MAX {
                    self.by_offset.pop_first();
                }
                self.by_offset.insert((partition, base_offset + i as u64), v);
            }
        }
    }
}

impl Sim {
    /// A new simulation at time 0.
    pub fn new(config: SimConfig, seed: u64) -> Result<Self, Rejected> {
        config::validate_partitions(config.partitions).map_err(|error| Rejected::InvalidConfig { error })?;
        config::validate_topic_name(&config.topic).map_err(|error| Rejected::InvalidConfig { error })?;
        let logs = (0..config.partitions).map(|p| PartitionLog::new(p, config.log_limits)).collect();
        let mut rng = SimRng::new(seed);
        let mut cluster_config = config.cluster.clone();
        if cluster_config.brokers.len() == 1 {
            // One broker: nothing to draw (keeps single-broker runs' random sequence).
            cluster_config.placement_start_index = Some(0);
        }
        let cluster = cluster::Cluster::new(cluster_config, config.partitions, &mut |n| rng.below(n as u64) as i32)
            .map_err(|error| Rejected::InvalidConfig { error })?;
        let mut first = topics::TopicSpec::new(config.topic.clone(), config.partitions);
        (first.retention_ms, first.retention_bytes, first.log_limits) =
            (config.retention_ms, config.retention_bytes, config.log_limits);
        let mut topics = topics::Topics::default();
        topics.insert(&first, (0..config.partitions).collect());
        let more = config.topics.clone();
        let mut sim = Self {
            topics,
            push: None,
            cluster,
            next_retention_check_us: config.retention_check_interval_ms.max(1) * 1000,
            consumers: consumer::ConsumerWorld::new(50, config.network_latency_us),
            all_partitions: (0..config::PARTITIONS_MAX).collect(),
            scratch_ids: Vec::new(),
            values: TypedValues::default(),
            config,
            seed,
            now_us: 0,
            rng,
            logs,
            producers: OrdMap::new(),
            next_producer_id: 1,
            next_request_id: 1,
            records_appended: 0,
            bytes_appended: 0,
        };
        for spec in more {
            sim.create_topic(spec)?;
        }
        Ok(sim)
    }

    /// The value typed for the record at `offset` of `partition`, if it was typed (console
    /// producer) and is still remembered.
    pub fn record_value(&self, partition: u32, offset: u64) -> Option<&str> {
        self.values.by_offset.get(&(partition, offset)).map(String::as_str)
    }

    /// The consumer side, read-only (the page, the tools and the report read it; they change
    /// it only through commands).
    pub fn consumers(&self) -> &consumer::ConsumerWorld {
        &self.consumers
    }

    /// The brokers and replicas, read-only.
    pub fn cluster(&self) -> &cluster::Cluster {
        &self.cluster
    }

    /// The push-model comparison, if running, read-only.
    pub fn push(&self) -> Option<&push::PushModel> {
        self.push.as_ref()
    }

    /// The group coordinator's broker settings (`group.initial.rebalance.delay.ms`,
    /// `offsets.topic.num.partitions`, `offsets.retention.minutes`,
    /// `offsets.retention.check.interval.ms`), set before the first step.
    pub fn configure_group_coordinator(
        &mut self,
        initial_rebalance_delay_ms: u64,
        offsets_topic_partitions: u32,
        offsets_retention_minutes: u64,
        offsets_retention_check_interval_ms: u64,
    ) {
        let c = &mut self.consumers;
        c.initial_rebalance_delay_ms = initial_rebalance_delay_ms;
        c.offsets.partitions = offsets_topic_partitions;
        c.offsets_retention_ms = offsets_retention_minutes * 60_000;
        c.offsets_retention_check_ms = offsets_retention_check_interval_ms;
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn config(&self) -> &SimConfig {
        &self.config
    }
    pub fn now_us(&self) -> u64 {
        self.now_us
    }
    pub fn now_ms(&self) -> u64 {
        self.now_us / 1000
    }
    pub fn partition_count(&self) -> u32 {
        self.logs.len() as u32
    }
    pub fn log(&self, partition: u32) -> Option<&PartitionLog> {
        self.logs.get(partition as usize)
    }
    pub fn producer_ids(&self) -> impl Iterator<Item = ProducerId> + '_ {
        self.producers.keys().copied()
    }
    /// The partition logs as consumers and tools see them (log start offset, high watermark).
    pub fn logs_view(&self) -> impl consumer::PartitionView + '_ {
        LogsView(&self.logs, &self.cluster, &self.topics)
    }

    /// `kafka-consumer-groups.sh --reset-offsets` (the dry run): every partition of the topic
    /// and the offset it would get, or Kafka's error. Nothing changes.
    pub fn plan_offsets_reset(
        &self,
        group: &str,
        spec: offsets_tool::ResetSpec,
    ) -> Result<Vec<offsets_tool::ResetRow>, String> {
        self.plan_offsets_reset_scoped(group, spec, &offsets_tool::ResetScope::Topic(None))
    }

    /// `--reset-offsets` with a scope, for the first topic (`--all-topics`: its partitions the
    /// group has committed offsets for). "Latest" is `ListOffsets(latest)` with the default
    /// READ_UNCOMMITTED isolation: the high watermark, never the leader's log end offset;
    /// timestamps are looked up below it, as `ListOffsets(forTimestamp)` answers.
    pub fn plan_offsets_reset_scoped(
        &self,
        group: &str,
        spec: offsets_tool::ResetSpec,
        scope: &offsets_tool::ResetScope,
    ) -> Result<Vec<offsets_tool::ResetRow>, String> {
        let first = self.config.topic.clone();
        let plans = self.plan_offsets_reset_topics(group, spec, scope)?;
        Ok(plans.into_iter().filter(|(t, _)| *t == first).flat_map(|(_, rows)| rows).collect())
    }

    /// `--reset-offsets` across topics: per topic (by name) its rows, partitions numbered
    /// within the topic. `--all-topics` covers every partition the group has committed
    /// offsets for (`getPartitionsToReset`).
    pub fn plan_offsets_reset_topics(
        &self,
        group: &str,
        spec: offsets_tool::ResetSpec,
        scope: &offsets_tool::ResetScope,
    ) -> Result<Vec<(String, Vec<offsets_tool::ResetRow>)>, String> {
        use offsets_tool::ResetScope;
        let g = self.consumers.groups.get(group);
        let state = g.map_or("Dead".to_string(), |g| format!("{:?}", g.state));
        let all = |t: &topics::Topic| -> Vec<u32> { (0..t.partitions()).collect() };
        let wanted: Vec<(String, Vec<u32>)> = match scope {
            ResetScope::AllTopics => self
                .topics
                .iter()
                .map(|t| {
                    let committed = |p: &u32| g.is_some_and(|g| g.committed.contains_key(&t.slots[*p as usize]));
                    (t.name.clone(), all(t).into_iter().filter(committed).collect::<Vec<u32>>())
                })
                .filter(|(_, parts)| !parts.is_empty())
                .collect(),
            ResetScope::Topic(list) => {
                let t = self.topics.get(&self.config.topic).expect("the first topic exists");
                vec![(t.name.clone(), list.clone().unwrap_or_else(|| all(t)))]
            }
            // By topic name, as the table prints them.
            ResetScope::Named(list) => {
                let mut named: Vec<(String, Vec<u32>)> = list
                    .iter()
                    .filter_map(|(name, parts)| {
                        self.topics.get(name).map(|t| (name.clone(), parts.clone().unwrap_or_else(|| all(t))))
                    })
                    .collect();
                crate::util::order::sort_by(&mut named, |a, b| a.0.cmp(&b.0));
                named
            }
        };
        let view = self.logs_view();
        let mut plans = Vec::new();
        for (topic, parts) in wanted {
            let slots = &self.topics.get(&topic).expect("listed").slots;
            let partitions: Vec<offsets_tool::PartitionOffsets> = parts
                .iter()
                .map(|p| {
                    let slot = slots[*p as usize];
                    let (log_start_offset, high_watermark) = consumer::PartitionView::offsets(&view, slot);
                    offsets_tool::PartitionOffsets {
                        partition: *p,
                        log_start_offset,
                        high_watermark,
                        committed: g.and_then(|g| g.committed.get(&slot).copied()),
                    }
                })
                .collect();
            let lookup = |p: u32, ts: u64| consumer::PartitionView::offset_for_timestamp(&view, slots[p as usize], ts);
            plans.push((topic.clone(), offsets_tool::plan_reset(group, &state, &topic, &partitions, spec, &lookup)?));
        }
        Ok(plans)
    }

    /// Whether a producer uses fixed keys (so key moves concern it).
    pub fn snapshot_producer_keys_fixed(&self, producer: ProducerId) -> bool {
        self.producers.get(&producer).is_some_and(|p| matches!(p.spec.keys, config::KeyMode::Fixed { .. }))
    }

    /// A draw from the simulation's one RNG (for the tools that pick at random as Kafka does,
    /// such as `--generate`'s start index).
    pub fn draw_below(&mut self, bound: u64) -> u64 {
        self.rng.below(bound.max(1))
    }

    pub fn records_appended(&self) -> u64 {
        self.records_appended
    }

    /// The earliest simulated time at which something is due, if anything is.
    pub fn next_wakeup_us(&self) -> Option<u64> {
        let producers = self.producers.values().filter_map(|p| p.next_wakeup_us());
        let retention = self
            .topics
            .iter()
            .any(|t| t.retention_ms.is_some() || t.retention_bytes.is_some())
            .then_some(self.next_retention_check_us);
        producers
            .chain(self.consumers.next_wakeup_us())
            .chain(retention)
            .chain(self.cluster.next_wakeup_us())
            .chain(self.push.as_ref().and_then(|p| p.next_wakeup_us()))
            .min()
            .map(|t| t.max(self.now_us))
    }

    /// Run everything due up to `until_us` (simulated microseconds), doing at most `max_steps`
    /// steps (one step = everything due at one instant). Events are appended to `out`.
    pub fn advance_to(&mut self, until_us: u64, max_steps: usize, out: &mut Vec<Event>) -> Progress {
        let mut steps = 0;
        loop {
            match self.next_wakeup_us() {
                Some(t) if t <= until_us => {
                    if steps >= max_steps {
                        return Progress { reached: false, steps };
                    }
                    self.now_us = t;
                    self.process_instant(out);
                    steps += 1;
                }
                _ => {
                    self.now_us = self.now_us.max(until_us);
                    return Progress { reached: true, steps };
                }
            }
        }
    }

    /// Run until at least one event happens, but not past `horizon_us`. Returns the events.
    pub fn step_event(&mut self, horizon_us: u64) -> Vec<Event> {
        let mut out = Vec::new();
        while out.is_empty() {
            match self.next_wakeup_us() {
                Some(t) if t <= horizon_us => {
                    self.now_us = t;
                    self.process_instant(&mut out);
                }
                _ => {
                    self.now_us = self.now_us.max(horizon_us);
                    break;
                }
            }
        }
        out
    }

    /// A new leader's log was shorter: cut the log, and send again (idempotently) the acks=all
    /// batches that were cut; acks=1 records that were already acknowledged are lost.
    fn apply_truncations(&mut self, truncations: &[(u32, u64)], now: u64, out: &mut Vec<Event>) {
        let time_ms = now / 1000;
        for &(partition, to) in truncations {
            let removed = self.logs[partition as usize].truncate_to(to);
            let mut resent = 0u64;
            for (id, p) in self.producers.iter_mut() {
                let mut resend = Vec::new();
                for a in p.awaiting.iter_mut() {
                    let (cut, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut a.batches)
                        .into_iter()
                        .partition(|(b, base)| b.partition == partition && base + b.records.len() as u64 > to);
                    a.batches = keep;
                    resend.extend(cut.into_iter().map(|(b, _)| b));
                }
                p.awaiting.retain(|a| !a.batches.is_empty());
                for b in resend {
                    resent += b.records.len() as u64;
                    out.push(Event::ProduceRetried {
                        time_ms,
                        producer: *id,
                        partition,
                        records: b.records.len() as u32,
                        error: format!(
                            "NotLeaderOrFollowerException: leader of {}-{partition} changed",
                            self.config.topic
                        ),
                    });
                    p.requeue(b, now);
                }
            }
            // What was cut and is not being sent again had been acknowledged (acks=0/1): lost.
            let lost = removed.saturating_sub(resent);
            if lost > 0 {
                self.cluster.acked_records_lost += lost;
                out.push(Event::AcknowledgedRecordsLost { time_ms, partition, records: lost });
            }
        }
    }

    /// acks=all batches whose records the high watermark now covers.
    fn complete_acks(&mut self, now: u64, out: &mut Vec<Event>) {
        for (id, p) in self.producers.iter_mut() {
            ack_covered(p, *id, &self.cluster, now / 1000, out);
        }
    }
}

/// The most bytes one `send()` can add to the buffer: a new batch with one record.
fn max_append_bytes(spec: &ProducerSpec) -> u64 {
    let key_len = match spec.keys {
        config::KeyMode::None => None,
        _ => Some(record::KEY_BYTES_MAX as u32),
    };
    (record::RECORD_BATCH_OVERHEAD + record::record_size_in_bytes(0, 0, key_len, spec.value_bytes)) as u64
}

/// Which of `keys` map to another partition when the count goes from `from` to `to`.
pub fn key_moves(keys: &[Key], from: u32, to: u32) -> (u32, Vec<KeyMove>) {
    let mut count = 0;
    let mut listed = Vec::new();
    for k in keys {
        let a = murmur2::partition_for_key(k.as_bytes(), from);
        let b = murmur2::partition_for_key(k.as_bytes(), to);
        if a != b {
            count += 1;
            if listed.len() < KEY_MOVES_LISTED_MAX {
                listed.push(KeyMove { key: *k, from: a, to: b });
            }
        }
    }
    (count, listed)
}

/// The partition logs as consumers see them.
/// Acknowledge a producer's acks=all batches that the high watermark has passed.
fn ack_covered(p: &mut Producer, id: ProducerId, cluster: &cluster::Cluster, time_ms: u64, out: &mut Vec<Event>) {
    if p.awaiting.is_empty() {
        return;
    }
    for a in p.awaiting.iter_mut() {
        let covered =
            |(b, base): &(producer::Batch, u64)| cluster.high_watermark(b.partition) >= base + b.records.len() as u64;
        // Most steps acknowledge nothing: look before moving anything.
        if !a.batches.iter().any(covered) {
            continue;
        }
        let (done, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut a.batches).into_iter().partition(covered);
        a.batches = keep;
        for (b, base) in done {
            let records = b.records.len() as u32;
            p.records_acked += records as u64;
            p.buffered_bytes -= b.size_bytes as u64;
            out.push(Event::BatchAcknowledged {
                time_ms,
                producer: id,
                partition: b.partition,
                base_offset: base,
                records,
            });
        }
    }
    p.awaiting.retain(|a| !a.batches.is_empty());
}

/// What consumers see: each partition up to its high watermark.
struct LogsView<'a>(&'a [PartitionLog], &'a cluster::Cluster, &'a topics::Topics);

impl consumer::PartitionView for LogsView<'_> {
    fn offsets(&self, partition: u32) -> (u64, u64) {
        self.0.get(partition as usize).map_or((0, 0), |l| {
            let hw = self.1.high_watermark(partition).min(l.log_end_offset());
            (l.log_start_offset().min(hw), hw)
        })
    }
    fn partitions(&self) -> u32 {
        self.0.len() as u32
    }
    fn topics(&self) -> Option<&topics::Topics> {
        Some(self.2)
    }
    fn log_end_offset(&self, partition: u32) -> u64 {
        self.0.get(partition as usize).map_or(0, |l| l.log_end_offset())
    }
    fn bytes_per_record(&self, partition: u32) -> u64 {
        self.0.get(partition as usize).map_or(100, |l| l.bytes_per_record())
    }
    fn offset_for_timestamp(&self, partition: u32, ts_ms: u64) -> Option<u64> {
        let hw = self.1.high_watermark(partition);
        self.0.get(partition as usize).and_then(|l| l.offset_for_timestamp(ts_ms)).filter(|o| *o < hw)
    }
}

impl cluster::LeaderLog for PartitionLog {
    fn log_start_offset(&self) -> u64 {
        PartitionLog::log_start_offset(self)
    }
    fn log_end_offset(&self) -> u64 {
        PartitionLog::log_end_offset(self)
    }
    fn batch_end_after(&self, offset: u64) -> u64 {
        PartitionLog::batch_end_after(self, offset)
    }
    fn bytes_per_record(&self) -> u64 {
        PartitionLog::bytes_per_record(self)
    }
}
