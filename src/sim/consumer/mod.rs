//! Consumers, consumer groups (classic protocol), offset commits into `__consumer_offsets`, and
//! the delivery ledger. Kafka 4.0's classic consumer (`ClassicKafkaConsumer` +
//! `ConsumerCoordinator`) and classic group coordinator, reduced to what shows.
//!
//! Reference: Kafka's `ConsumerCoordinator` (commits, `onJoinPrepare`, `rejoinNeededOrPending`),
//! `GroupMetadataManager` and `ClassicGroup` (the classic group coordinator, offset expiry),
//! `KafkaConsumer` (the poll loop, liveness) and the assignors in `group::assignor`.

use crate::util::ordmap::OrdMap;
use std::collections::VecDeque;

use serde::Serialize;

use super::config::ConfigError;
use super::group::assignor::Strategy;
pub(in crate::sim) use super::offsets_tool::{initial_position, AutoOffsetReset, StartError};
use super::reason::{GroupReason, Reason};
use super::rng::SimRng;

mod client;
mod event;
mod fetch;
mod ledger;
mod spec;
mod topics;

pub(in crate::sim) use super::group::coordinator::InitialRebalance;
pub use super::group::coordinator::{Group, GroupMember, GroupState};
pub use super::group::describe::{describe_group, format_describe, DescribeRow};
pub use super::group::offsets::{OffsetCommitRecord, OffsetsLog, OffsetsTopic, OFFSETS_RECENT_MAX};
pub use event::{ConsumerEvent, ResetCause};
pub use ledger::{delivery_guarantee, DeliveryGuarantee, GroupLedger, Ledger};
pub use spec::{CommitStrategy, ConsumerSpec, OffsetReset, Subscription, SUBSCRIBED_TOPICS_MAX};
pub use topics::{resolve, TopicsView};

/// Consumers at most.
pub const CONSUMERS_MAX: usize = 32;
/// Offset commits in flight at most (commitAsync beyond it is skipped, with an event).
pub const COMMITS_IN_FLIGHT_MAX: usize = 1024;
/// Latest duplicate/loss ranges kept per group for drawing.
pub const LEDGER_RANGES_MAX: usize = 32;

/// A consumer's number within one simulation (1, 2, ...; never reused).
pub type ConsumerId = u32;

/// A consumer's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsumerState {
    /// Between polls, or waiting in `poll()` for data.
    Polling,
    /// Working through the records of its last `poll()`.
    Processing,
    /// Waiting for a `commitSync()` answer.
    Committing,
    /// In a rebalance (joined, waiting for the group to settle).
    Rebalancing,
    /// In the group but assigned nothing.
    Idle,
    /// Crashed: no polls, no heartbeats.
    Crashed,
    /// Closed with `close()`.
    Closed,
    /// Stopped by an exception the application did not catch.
    Failed,
}

/// One assigned partition, as the consumer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PartitionPosition {
    /// Next offset `poll()` returns.
    pub position: u64,
    /// The offset this consumer last committed successfully (or found committed).
    pub committed: Option<u64>,
}

/// A running consumer.
#[derive(Debug, Clone)]
pub struct Consumer {
    pub id: ConsumerId,
    pub spec: ConsumerSpec,
    pub state: ConsumerState,
    /// The member id the coordinator gave it (`None` outside the group).
    pub member_id: Option<String>,
    pub generation: i32,
    /// Assigned partitions (slots, see [`crate::sim::topics`]) with positions.
    pub assignment: OrdMap<u32, PartitionPosition>,
    /// The records of the last `poll()` not yet processed: (partition, offset), in order.
    /// As ranges `(partition, from, to)` (to exclusive), in order.
    pub batch: VecDeque<(u32, u64, u64)>,
    pub batch_size: u32,
    /// Bytes of the batch from the last `poll()` (the consumer's memory for records).
    pub batch_bytes: u64,
    /// When the current fetch started waiting for `fetch.min.bytes`.
    fetch_wait_since_us: Option<u64>,
    /// Pause/resume application: its partitions are paused (not fetched).
    pub paused: bool,
    /// Pause/resume application: when its worker finishes the record in processing.
    pub worker_next_us: Option<u64>,
    /// When it next acts.
    pub next_us: u64,
    pub last_poll_us: u64,
    pub next_auto_commit_us: u64,
    /// The coordinator asked it to rejoin; it does at its next poll.
    pub rejoin_requested: bool,
    /// What to do when a `commitSync()` answer arrives.
    pub(in crate::sim) after_commit: AfterCommit,
    pub records_processed: u64,
    pub commits_sent: u64,
    pub commits_failed: u64,
    pub last_error: Option<String>,
    /// Round-robin start for fetching from several partitions.
    fetch_cursor: u32,
    /// `close()` was called: finish the batch in hand, then close at the next poll.
    pub close_requested: bool,
    /// `poll()` threw and the application is closing the consumer (it ends `Failed`).
    failing: bool,
    /// When its metadata was last refreshed (`None`: at its next poll).
    metadata_refreshed_us: Option<u64>,
    /// The partitions its metadata knows over the topics it subscribes to.
    pub known_partitions: u32,
    /// As the group leader: the partition count it assigned (`assignmentSnapshot`).
    pub assignment_snapshot: Option<u32>,
    /// Every topic and its partition count, as of its last metadata refresh.
    pub known_topics: OrdMap<String, u32>,
    /// Its subscription as of that refresh (a pattern matched against `known_topics`).
    pub subscribed: Vec<String>,
    /// The subscription it sent with its last JoinGroup (`joinedSubscription`).
    pub joined_subscription: Option<Vec<String>>,
    /// As the group leader: the topics and partition counts it assigned
    /// (`assignmentSnapshot`, a `MetadataSnapshot`).
    pub assignment_metadata: Option<Vec<(String, u32)>>,
    /// Why it rejoins at its next poll (for the rebalance's reason).
    pub(in crate::sim) rejoin_reason: Option<GroupReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::sim) enum AfterCommit {
    Poll,
    Process,
    Close,
    /// onJoinPrepare's auto-commit is awaited (Kafka 3.2+) before JoinGroup is sent.
    Join,
}

/// An offset commit on its way to the coordinator (and back).
#[derive(Debug, Clone)]
struct CommitRequest {
    arrive_us: u64,
    consumer: ConsumerId,
    group: String,
    member_id: Option<String>,
    generation: i32,
    offsets: Vec<(u32, u64)>,
}

/// Everything on the consumer side of the simulation.
#[derive(Debug, Clone)]
pub struct ConsumerWorld {
    pub consumers: OrdMap<ConsumerId, Consumer>,
    pub groups: OrdMap<String, Group>,
    pub offsets: OffsetsTopic,
    pub ledger: Ledger,
    commits: VecDeque<CommitRequest>,
    next_consumer_id: ConsumerId,
    pub(in crate::sim) join_seq: u64,
    /// `group.initial.rebalance.delay.ms` (Kafka's default 3000).
    pub initial_rebalance_delay_ms: u64,
    /// One-way network time between a client and the coordinator, microseconds.
    pub latency_us: u64,
    next_wakeup: Option<u64>,
    /// `offsets.retention.minutes` in ms (Kafka: 10080 minutes).
    pub offsets_retention_ms: u64,
    /// `offsets.retention.check.interval.ms` (Kafka: 600000).
    pub offsets_retention_check_ms: u64,
    pub(in crate::sim) next_expiry_check_us: u64,
    /// Groups in their initial rebalance.
    pub(in crate::sim) initial_rebalances: OrdMap<String, InitialRebalance>,
    /// `__consumer_offsets` partitions with no live leader: their groups have no coordinator
    /// (set by the simulation from the cluster).
    pub coordinators_down: crate::util::ordmap::OrdSet<u32>,
}

/// A topic's offsets as the consumers see them.
pub trait PartitionView {
    /// `(log start offset, high watermark)` of a partition.
    fn offsets(&self, partition: u32) -> (u64, u64);
    /// The length of the partition table (one topic: its partition count).
    fn partitions(&self) -> u32;
    /// The topics and their slots (`None`: one topic, slots `0..partitions()`).
    fn topics(&self) -> Option<&crate::sim::topics::Topics> {
        None
    }
    /// The leader's log end offset (a fetch position above it is out of range).
    fn log_end_offset(&self, partition: u32) -> u64 {
        self.offsets(partition).1
    }
    /// `ListOffsets(forTimestamp)`: first offset with a timestamp at or after `ts_ms`.
    fn offset_for_timestamp(&self, _partition: u32, _ts_ms: u64) -> Option<u64> {
        None
    }
    /// Average bytes per record of a partition (for the fetch size limits).
    fn bytes_per_record(&self, _partition: u32) -> u64 {
        100
    }
}

impl ConsumerWorld {
    pub fn new(offsets_partitions: u32, latency_us: u64) -> Self {
        Self {
            consumers: OrdMap::new(),
            groups: OrdMap::new(),
            offsets: OffsetsTopic { partitions: offsets_partitions, logs: OrdMap::new() },
            ledger: Ledger::default(),
            commits: VecDeque::new(),
            next_consumer_id: 1,
            join_seq: 0,
            initial_rebalance_delay_ms: 3_000,
            latency_us,
            next_wakeup: None,
            offsets_retention_ms: 10_080 * 60_000,
            coordinators_down: crate::util::ordmap::OrdSet::new(),
            offsets_retention_check_ms: 600_000,
            next_expiry_check_us: 0,
            initial_rebalances: OrdMap::new(),
        }
    }

    pub fn add_consumer(
        &mut self,
        spec: ConsumerSpec,
        now: u64,
    ) -> Result<(ConsumerId, Vec<ConsumerEvent>), ConfigError> {
        spec.validate()?;
        if self.consumers.len() >= CONSUMERS_MAX {
            return Err(ConfigError::at_most("consumers", CONSUMERS_MAX as u64));
        }
        let id = self.next_consumer_id;
        self.next_consumer_id += 1;
        let group = spec.group_id.clone();
        let client_id = spec.client_id.clone();
        self.consumers.insert(
            id,
            Consumer {
                id,
                spec,
                state: ConsumerState::Polling,
                member_id: None,
                generation: -1,
                assignment: OrdMap::new(),
                batch: VecDeque::new(),
                batch_size: 0,
                batch_bytes: 0,
                fetch_wait_since_us: None,
                paused: false,
                worker_next_us: None,
                next_us: now,
                last_poll_us: now,
                next_auto_commit_us: now,
                rejoin_requested: true,
                after_commit: AfterCommit::Poll,
                records_processed: 0,
                commits_sent: 0,
                commits_failed: 0,
                last_error: None,
                fetch_cursor: 0,
                close_requested: false,
                failing: false,
                metadata_refreshed_us: None,
                known_partitions: 0,
                assignment_snapshot: None,
                known_topics: OrdMap::new(),
                subscribed: Vec::new(),
                joined_subscription: None,
                assignment_metadata: None,
                rejoin_reason: None,
            },
        );
        self.refresh_wakeup();
        Ok((id, vec![ConsumerEvent::ConsumerAdded { consumer: id, client_id, group }]))
    }

    /// The earliest time anything on the consumer side is due (kept up to date by every
    /// mutation: the simulation asks for it at every step).
    pub fn next_wakeup_us(&self) -> Option<u64> {
        self.next_wakeup
    }

    fn refresh_wakeup(&mut self) {
        self.next_wakeup = self.compute_next_wakeup();
    }

    fn compute_next_wakeup(&self) -> Option<u64> {
        let consumers = self
            .consumers
            .values()
            .filter(|c| {
                !matches!(
                    c.state,
                    ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed | ConsumerState::Rebalancing
                )
            })
            .flat_map(|c| std::iter::once(c.next_us).chain(c.worker_next_us));
        let groups = self.groups.values().flat_map(|g| {
            let deadline = g.rebalance_deadline_us;
            let sessions =
                g.members.values().filter_map(|m| m.heartbeat_stopped_us.map(|t| t + m.session_timeout_ms * 1000));
            deadline.into_iter().chain(sessions)
        });
        let poll_timeouts = self
            .consumers
            .values()
            .filter(|c| {
                c.member_id.is_some() && matches!(c.state, ConsumerState::Processing | ConsumerState::Committing)
            })
            .map(|c| c.last_poll_us + c.spec.max_poll_interval_ms * 1000 + 1);
        let commits = self.commits.front().map(|c| c.arrive_us);
        let expiry = self
            .groups
            .values()
            .any(|g| g.state == GroupState::Empty && !g.committed.is_empty())
            .then_some(self.next_expiry_check_us);
        consumers.chain(groups).chain(commits).chain(poll_timeouts).chain(expiry).min()
    }

    /// Data arrived on a partition: consumers waiting in `poll()` for it wake now.
    pub fn on_append(&mut self, partition: u32, now: u64) {
        for c in self.consumers.values_mut() {
            if c.state == ConsumerState::Polling && c.assignment.contains_key(&partition) && c.next_us > now {
                c.next_us = now;
                self.next_wakeup = Some(self.next_wakeup.map_or(now, |t| t.min(now)));
            }
        }
    }

    /// Crash a consumer: it stops at once; its group notices after `session.timeout.ms`.
    pub fn crash(&mut self, id: ConsumerId, now: u64) -> Option<Vec<ConsumerEvent>> {
        let c = self.consumers.get_mut(&id)?;
        if matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed) {
            return Some(Vec::new());
        }
        c.state = ConsumerState::Crashed;
        c.batch.clear();
        // The process is gone, and with it its positions; the group still counts it as the
        // owner until its session expires.
        c.assignment.clear();
        let (group, member) = (c.spec.group_id.clone(), c.member_id.clone());
        // The heartbeat thread sends a heartbeat every heartbeat.interval.ms; the coordinator
        // counts the session from the last one it received, not from the crash.
        let hb = c.spec.heartbeat_interval_ms.max(1) * 1000;
        if let (Some(g), Some(member)) = (self.groups.get_mut(&group), member) {
            if let Some(m) = g.members.get_mut(&member) {
                let last_heartbeat = (now - now % hb).max(m.last_heartbeat_us);
                m.heartbeat_stopped_us.get_or_insert(last_heartbeat);
            }
        }
        self.refresh_wakeup();
        Some(vec![ConsumerEvent::ConsumerCrashed { consumer: id }])
    }

    /// Restart a crashed or closed consumer: a new process with the same settings (a static
    /// member keeps its `group.instance.id`).
    pub fn restart(&mut self, id: ConsumerId, now: u64) -> Option<Vec<ConsumerEvent>> {
        let c = self.consumers.get_mut(&id)?;
        if !matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed) {
            return Some(Vec::new());
        }
        let static_member = c.spec.group_instance_id.clone();
        c.state = ConsumerState::Polling;
        c.assignment.clear();
        c.batch.clear();
        c.next_us = now;
        c.last_poll_us = now;
        c.rejoin_requested = true;
        c.close_requested = false;
        c.failing = false;
        c.last_error = None;
        c.metadata_refreshed_us = None;
        c.assignment_snapshot = None;
        c.rejoin_reason = None;
        if static_member.is_none() {
            c.member_id = None;
            c.generation = -1;
        }
        self.refresh_wakeup();
        Some(vec![ConsumerEvent::ConsumerRestarted { consumer: id }])
    }

    /// The application stops its loop: it finishes the records in hand, then calls `close()`
    /// (auto-commit synchronously if enabled, then LeaveGroup).
    pub fn close(&mut self, id: ConsumerId, now: u64) -> Option<Vec<ConsumerEvent>> {
        let c = self.consumers.get_mut(&id)?;
        if matches!(c.state, ConsumerState::Crashed | ConsumerState::Closed | ConsumerState::Failed) {
            return Some(Vec::new());
        }
        c.close_requested = true;
        if matches!(c.state, ConsumerState::Polling | ConsumerState::Idle | ConsumerState::Rebalancing) {
            c.next_us = now;
            if c.state == ConsumerState::Rebalancing {
                c.state = ConsumerState::Polling;
            }
        }
        self.refresh_wakeup();
        Some(Vec::new())
    }

    fn finish_close(&mut self, id: ConsumerId, now: u64, events: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        c.state = if c.failing { ConsumerState::Failed } else { ConsumerState::Closed };
        c.batch.clear();
        c.assignment_snapshot = None;
        let member = c.member_id.take();
        let static_member = c.spec.group_instance_id.is_some();
        let group = c.spec.group_id.clone();
        c.assignment.clear();
        events.push(ConsumerEvent::ConsumerClosed { consumer: id });
        // A static member sends no LeaveGroup: its partitions wait for session.timeout.ms.
        if let (Some(member), false) = (member, static_member) {
            self.remove_member(&group, &member, now, GroupReason::LeaveGroup, events);
        }
    }

    /// `poll()` threw (`NoOffsetForPartitionException`, `OffsetOutOfRangeException`) and the
    /// application, as one written with try-with-resources does, closes the consumer: it
    /// commits what it consumed (auto-commit) and sends LeaveGroup at once, so its partitions
    /// go to the live members. (Kafka's other outcomes: the process exits, and the group waits
    /// `session.timeout.ms`; only the polling thread dies, and `max.poll.interval.ms` expires.)
    pub(in crate::sim) fn fail(&mut self, id: ConsumerId, now: u64, error: String, out: &mut Vec<ConsumerEvent>) {
        let c = self.consumers.get_mut(&id).expect("exists");
        c.last_error = Some(error.clone());
        c.failing = true;
        c.close_requested = true;
        c.batch.clear();
        c.state = ConsumerState::Polling;
        c.next_us = now;
        out.push(ConsumerEvent::ConsumerFailed { consumer: id, error });
    }

    fn remove_member(
        &mut self,
        group: &str,
        member: &str,
        now: u64,
        reason: GroupReason,
        events: &mut Vec<ConsumerEvent>,
    ) {
        let Some(g) = self.groups.get_mut(group) else { return };
        let Some(m) = g.members.remove(member) else { return };
        events.push(ConsumerEvent::MemberLeft {
            group: group.to_string(),
            consumer: m.consumer,
            reason: Reason::new(reason.clone()),
        });
        if let Some(c) = self.consumers.get_mut(&m.consumer) {
            if c.member_id.as_deref() == Some(member) {
                c.member_id = None;
                c.generation = -1;
            }
        }
        if g.members.is_empty() {
            g.state = GroupState::Empty;
            g.empty_since_us = Some(now);
            g.rebalance_deadline_us = None;
            g.leader = None;
            self.initial_rebalances.remove(group);
        } else {
            self.start_rebalance(group, now, reason, events);
        }
    }

    pub(in crate::sim) fn start_rebalance(
        &mut self,
        group: &str,
        now: u64,
        reason: GroupReason,
        events: &mut Vec<ConsumerEvent>,
    ) {
        let g = self.groups.get_mut(group).expect("group exists");
        if g.state == GroupState::PreparingRebalance {
            return;
        }
        let timeout_ms = g.members.values().map(|m| m.rebalance_timeout_ms).max().unwrap_or(0);
        g.state = GroupState::PreparingRebalance;
        g.rebalance_deadline_us = Some(now + timeout_ms * 1000);
        for m in g.members.values_mut() {
            m.joined = false;
        }
        g.rebalances += 1;
        events.push(ConsumerEvent::RebalanceStarted { group: group.to_string(), reason: Reason::new(reason) });
        // Members learn about it from their next heartbeat and rejoin at their next poll().
        let members: Vec<ConsumerId> = g.members.values().map(|m| m.consumer).collect();
        for id in members {
            if let Some(c) = self.consumers.get_mut(&id) {
                c.rejoin_requested = true;
                let hb = c.spec.heartbeat_interval_ms * 1000;
                let learn_at = now + (hb - (now % hb.max(1)));
                if c.state == ConsumerState::Idle || c.state == ConsumerState::Polling {
                    c.next_us = c.next_us.min(learn_at);
                }
            }
        }
    }
}

pub(in crate::sim) fn policy_name(r: OffsetReset) -> String {
    match r {
        OffsetReset::Latest => "latest".into(),
        OffsetReset::Earliest => "earliest".into(),
        OffsetReset::None => "none".into(),
        OffsetReset::ByDuration { ms } => format!("by_duration ({ms} ms)"),
    }
}

/// Take the next record of a batch kept as ranges.
pub(in crate::sim) fn pop_record(batch: &mut VecDeque<(u32, u64, u64)>) -> Option<(u32, u64)> {
    let front = batch.front_mut()?;
    let record = (front.0, front.1);
    front.1 += 1;
    if front.1 >= front.2 {
        batch.pop_front();
    }
    Some(record)
}

impl Consumer {
    /// Records returned by `poll()` and not processed yet.
    pub fn records_in_hand(&self) -> u64 {
        self.batch.iter().map(|(_, a, b)| b - a).sum()
    }
}

/// How often a pause/resume application calls `poll()` (its loop), microseconds.
pub const PAUSED_POLL_US: u64 = 100_000;

/// Uniform processing time for one record, microseconds.
pub(in crate::sim) fn processing_us(spec: &ConsumerSpec, rng: &mut SimRng) -> u64 {
    let span = spec.processing_ms_max - spec.processing_ms_min;
    let ms = if span == 0 { spec.processing_ms_min } else { spec.processing_ms_min + rng.below(span + 1) };
    ms * 1000
}
