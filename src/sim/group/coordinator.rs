//! The classic group coordinator (`GroupMetadataManager`, `ClassicGroup`): JoinGroup, the
//! initial rebalance delay, the rebalance timeout, assignment through the group leader's
//! assignor (eager and cooperative), SyncGroup.

use crate::util::ordmap::OrdMap;

use serde::Serialize;

use super::assignor::{self, Member, Strategy, TopicPartition};
use super::java::offsets_partition_for;
use crate::sim::consumer::*;
use crate::sim::reason::{GroupReason, Reason};

/// Consumer group state (classic protocol).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GroupState {
    Empty,
    PreparingRebalance,
    CompletingRebalance,
    Stable,
    Dead,
}

/// A group, as its coordinator keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub group_id: String,
    pub state: GroupState,
    pub generation: i32,
    /// Members by member id: their consumer and whether they joined this round.
    pub members: OrdMap<String, GroupMember>,
    pub leader: Option<String>,
    /// When the current rebalance must end (rebalance timeout, or the initial delay).
    pub rebalance_deadline_us: Option<u64>,
    /// Committed offsets per partition.
    pub committed: OrdMap<u32, u64>,
    /// `__consumer_offsets` partition of this group.
    pub offsets_partition: u32,
    /// Partitions being revoked in a cooperative first round (to reassign in the follow-up).
    pub pending_second_round: bool,
    pub rebalances: u32,
    /// Since when the group has had no members (offsets expire `offsets.retention.minutes` later).
    pub empty_since_us: Option<u64>,
}

/// The initial rebalance of a group that was Empty (`group.initial.rebalance.delay.ms`,
/// extended while members keep joining: `GroupMetadataManager
/// .tryCompleteInitialRebalanceElseSchedule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::sim) struct InitialRebalance {
    delay_ms: u64,
    /// What is left of the rebalance timeout.
    remaining_ms: u64,
    /// A member joined during the delay (`ClassicGroup.newMemberAdded`).
    new_member_added: bool,
}

impl Group {
    pub(in crate::sim) fn new(group_id: &str, offsets_partitions: u32) -> Self {
        Group {
            group_id: group_id.to_string(),
            state: GroupState::Empty,
            generation: 0,
            members: OrdMap::new(),
            leader: None,
            rebalance_deadline_us: None,
            committed: OrdMap::new(),
            offsets_partition: offsets_partition_for(group_id, offsets_partitions),
            pending_second_round: false,
            rebalances: 0,
            empty_since_us: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupMember {
    pub consumer: ConsumerId,
    pub client_id: String,
    pub instance_id: Option<String>,
    pub joined: bool,
    /// Last heartbeat (a crashed member stops heartbeating).
    pub last_heartbeat_us: u64,
    pub session_timeout_ms: u64,
    pub rebalance_timeout_ms: u64,
    /// What it owned when it joined (sticky assignors) and in which generation.
    pub owned: Vec<u32>,
    pub owned_generation: i32,
    pub join_order: u64,
    /// Its current assignment (from the last completed rebalance).
    pub assigned: Vec<u32>,
    /// When its heartbeats stopped (crash, or a static member's poll timeout / close).
    pub heartbeat_stopped_us: Option<u64>,
}

impl ConsumerWorld {
    /// JoinGroup (and, for eager protocols, revoke everything first, after an auto-commit).
    pub(in crate::sim) fn join(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let auto = c.spec.commit == CommitStrategy::Auto;
        if auto && c.member_id.is_some() && !c.assignment.is_empty() {
            // onJoinPrepare: commit what was consumed (and wait for it) before revoking.
            c.after_commit = AfterCommit::Join;
            self.send_commit(id, now, true, true, out);
            return;
        }
        self.join_now(id, now, topic, view, out);
    }

    pub(in crate::sim) fn join_now(
        &mut self,
        id: ConsumerId,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let c = self.consumers.get_mut(&id).expect("exists");
        let eager = !c.spec.assignor.is_cooperative();
        let owned: Vec<u32> = c.assignment.keys().copied().collect();
        // The eager StickyAssignor keeps its last assignment and generation in the
        // subscription's userData (`StickyAssignor.memberData`): the eager protocol revokes
        // everything before JoinGroup, so `ownedPartitions` would be empty.
        let user_data_owned = (c.spec.assignor == Strategy::Sticky).then(|| (owned.clone(), c.generation));
        let rejoin_reason = c.rejoin_reason.take();
        c.joined_subscription = Some(c.subscribed.clone());
        if eager && !owned.is_empty() {
            c.assignment.clear();
            c.batch.clear();
            out.push(ConsumerEvent::PartitionsRevoked { consumer: id, partitions: owned.clone() });
        }
        let group_id = c.spec.group_id.clone();
        let offsets_partitions = self.offsets.partitions;
        let g = self.groups.entry(group_id.clone()).or_insert_with(|| Group::new(&group_id, offsets_partitions));
        // Static member coming back within its session: same member, no rebalance.
        if let Some(instance) = c.spec.group_instance_id.clone() {
            let existing = g
                .members
                .iter()
                .find(|(_, m)| m.instance_id.as_deref() == Some(instance.as_str()))
                .map(|(k, _)| k.clone());
            if let Some(member_id) = existing {
                let m = g.members.get_mut(&member_id).expect("found");
                m.consumer = id;
                m.heartbeat_stopped_us = None;
                if g.state == GroupState::Stable {
                    let assigned = m.assigned.clone();
                    c.member_id = Some(member_id.clone());
                    c.generation = g.generation;
                    c.rejoin_requested = false;
                    out.push(ConsumerEvent::JoinGroup { consumer: id, group: group_id.clone(), member_id });
                    let generation = g.generation;
                    self.install_assignment(id, &group_id, generation, &assigned, now, (topic, view), out);
                    return;
                }
                c.member_id = Some(member_id);
            }
        }
        let member_id = match &c.member_id {
            Some(m) if g.members.contains_key(m) => m.clone(),
            _ => {
                self.join_seq += 1;
                format!("{}-{:04x}", c.spec.client_id, self.join_seq)
            }
        };
        self.join_seq += 1;
        let order = self.join_seq;
        let entry = g.members.entry(member_id.clone()).or_insert_with(|| GroupMember {
            consumer: id,
            client_id: c.spec.client_id.clone(),
            instance_id: c.spec.group_instance_id.clone(),
            joined: false,
            last_heartbeat_us: now,
            session_timeout_ms: c.spec.session_timeout_ms,
            rebalance_timeout_ms: c.spec.max_poll_interval_ms,
            owned: Vec::new(),
            owned_generation: -1,
            join_order: order,
            assigned: Vec::new(),
            heartbeat_stopped_us: None,
        });
        entry.joined = true;
        entry.consumer = id;
        g.empty_since_us = None;
        match &user_data_owned {
            Some((owned, generation)) => {
                entry.owned = owned.clone();
                entry.owned_generation = *generation;
            }
            None => {
                entry.owned = c.assignment.keys().copied().collect();
                entry.owned_generation = c.generation;
            }
        }
        entry.heartbeat_stopped_us = None;
        c.member_id = Some(member_id.clone());
        c.rejoin_requested = false;
        c.state = ConsumerState::Rebalancing;
        out.push(ConsumerEvent::JoinGroup { consumer: id, group: group_id.clone(), member_id });
        self.after_join(id, group_id, now, (topic, view), rejoin_reason, out);
    }

    /// What a JoinGroup starts: the first rebalance (after `group.initial.rebalance.delay.ms`),
    /// a rebalance of a stable group, or one more member for a rebalance under way.
    fn after_join(
        &mut self,
        id: ConsumerId,
        group_id: String,
        now: u64,
        (topic, view): (&str, &dyn PartitionView),
        rejoin_reason: Option<GroupReason>,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let g = self.groups.get_mut(&group_id).expect("the member just joined");
        match g.state {
            GroupState::Empty | GroupState::Dead => {
                g.state = GroupState::PreparingRebalance;
                // group.initial.rebalance.delay.ms: wait for more members before the first
                // round, and again while new members keep joining, up to the rebalance timeout.
                let delay = self.initial_rebalance_delay_ms;
                let timeout = g.members.values().map(|m| m.rebalance_timeout_ms).max().unwrap_or(0);
                self.initial_rebalances.insert(
                    group_id.clone(),
                    InitialRebalance {
                        delay_ms: delay,
                        remaining_ms: timeout.saturating_sub(delay),
                        new_member_added: false,
                    },
                );
                g.rebalance_deadline_us = Some(now + delay * 1000);
                g.rebalances += 1;
                out.push(ConsumerEvent::RebalanceStarted {
                    group: group_id,
                    reason: Reason::new(GroupReason::FirstMemberJoined),
                });
            }
            GroupState::Stable | GroupState::CompletingRebalance => {
                let reason = rejoin_reason.unwrap_or(GroupReason::MemberJoined);
                self.start_rebalance(&group_id, now, reason, out);
                // start_rebalance asks everyone to rejoin; this member just did.
                let member = self.consumers[&id].member_id.clone().unwrap_or_default();
                if let Some(m) = self.groups.get_mut(&group_id).and_then(|g| g.members.get_mut(&member)) {
                    m.joined = true;
                }
                let c = self.consumers.get_mut(&id).expect("exists");
                c.state = ConsumerState::Rebalancing;
                c.rejoin_requested = false;
                self.maybe_complete(&group_id, now, topic, view, out);
            }
            GroupState::PreparingRebalance => {
                if let Some(i) = self.initial_rebalances.get_mut(&group_id) {
                    i.new_member_added = true;
                }
                self.maybe_complete(&group_id, now, topic, view, out)
            }
        }
    }

    pub(in crate::sim) fn maybe_complete(
        &mut self,
        group: &str,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        out: &mut Vec<ConsumerEvent>,
    ) {
        let g = &self.groups[group];
        let initial_wait = self.initial_rebalances.contains_key(group);
        if g.state == GroupState::PreparingRebalance && !initial_wait && g.members.values().all(|m| m.joined) {
            self.complete_rebalance(group, now, topic, view, false, out);
        }
    }

    /// The leader runs the assignor; SyncGroup hands every member its partitions.
    pub(in crate::sim) fn complete_rebalance(
        &mut self,
        group: &str,
        now: u64,
        topic: &str,
        view: &dyn PartitionView,
        deadline: bool,
        out: &mut Vec<ConsumerEvent>,
    ) {
        if deadline {
            if let Some(i) = self.initial_rebalances.get_mut(group) {
                if i.new_member_added && i.remaining_ms != 0 {
                    // A member joined during the delay: wait once more (never past the
                    // rebalance timeout).
                    let (delay, remaining) = (i.delay_ms, i.remaining_ms);
                    let new_delay = self.initial_rebalance_delay_ms.min(remaining);
                    *i = InitialRebalance {
                        delay_ms: new_delay,
                        remaining_ms: remaining.saturating_sub(delay),
                        new_member_added: false,
                    };
                    self.groups.get_mut(group).expect("exists").rebalance_deadline_us = Some(now + new_delay * 1000);
                    return;
                }
            }
            // Members that did not rejoin in time are dropped from the group.
            let late: Vec<String> =
                self.groups[group].members.iter().filter(|(_, m)| !m.joined).map(|(k, _)| k.clone()).collect();
            for member in late {
                let g = self.groups.get_mut(group).expect("exists");
                if let Some(m) = g.members.remove(&member) {
                    out.push(ConsumerEvent::MemberLeft {
                        group: group.into(),
                        consumer: m.consumer,
                        reason: Reason::new(GroupReason::RebalanceTimeout),
                    });
                    if let Some(c) = self.consumers.get_mut(&m.consumer) {
                        c.member_id = None;
                        c.generation = -1;
                    }
                }
            }
        }
        let g = self.groups.get_mut(group).expect("exists");
        g.rebalance_deadline_us = None;
        self.initial_rebalances.remove(group);
        if g.members.is_empty() {
            g.state = GroupState::Empty;
            g.empty_since_us = Some(now);
            return;
        }
        let g = &self.groups[group];
        let mut members: Vec<(&String, &GroupMember)> = g.members.iter().collect();
        crate::util::order::sort_by_key(&mut members, |(_, m)| m.join_order);
        let leader = members[0].0.clone();
        let leader_consumer = members[0].1.consumer;
        let strategy = self.consumers.get(&leader_consumer).map_or(Strategy::Range, |c| c.spec.assignor);
        // The leader assigns the partitions its metadata knows over the group's subscription,
        // and remembers the counts (`assignmentSnapshot`) to rejoin when its metadata shows
        // others.
        let tv = TopicsView::new(topic, view);
        let (assignor_members, ppt) = self.assignor_input(&members, leader_consumer, tv);
        let partition_count: u32 = ppt.values().sum();
        let result = assignor::assign(strategy, &ppt, &assignor_members).unwrap_or_default();
        let g = self.groups.get_mut(group).expect("exists");
        g.generation += 1;
        g.state = GroupState::Stable;
        g.leader = Some(leader.clone());
        let generation = g.generation;
        let mut listing = Vec::new();
        let mut installs = Vec::new();
        let mut any_revoked = false;
        for (member_id, m) in g.members.iter_mut() {
            let parts: Vec<u32> = result
                .get(member_id)
                .map(|l| l.iter().filter_map(|tp| tv.slot(&tp.topic, tp.partition)).collect())
                .unwrap_or_default();
            if m.owned.iter().any(|p| !parts.contains(p)) && strategy.is_cooperative() {
                any_revoked = true;
            }
            m.assigned = parts.clone();
            m.joined = false;
            listing.push((m.client_id.clone(), parts.clone()));
            installs.push((m.consumer, member_id.clone(), parts));
        }
        out.push(ConsumerEvent::RebalanceCompleted { group: group.into(), generation, leader, assignment: listing });
        for c in self.consumers.values_mut() {
            if c.spec.group_id == group {
                c.assignment_snapshot = (c.id == leader_consumer).then_some(partition_count);
                c.assignment_metadata =
                    (c.id == leader_consumer).then(|| ppt.iter().map(|(t, n)| (t.clone(), *n)).collect());
            }
        }
        for (consumer, member_id, parts) in installs {
            if let Some(c) = self.consumers.get_mut(&consumer) {
                if c.member_id.as_deref() == Some(member_id.as_str()) && c.state == ConsumerState::Rebalancing {
                    c.generation = generation;
                    self.install_assignment(consumer, group, generation, &parts, now, (topic, view), out);
                }
            }
        }
        if any_revoked {
            // Cooperative: partitions that change owner were revoked in this round; a second
            // rebalance hands them to their new owners.
            self.start_rebalance(group, now, GroupReason::CooperativeFollowUp, out);
        }
    }

    /// What the leader's assignor is given: each member's subscription (as it joined) and
    /// owned partitions, and the partition counts the leader's metadata knows for the group's
    /// topics (topics it does not know are skipped, as `AbstractPartitionAssignor` does).
    fn assignor_input(
        &self,
        members: &[(&String, &GroupMember)],
        leader_consumer: ConsumerId,
        tv: TopicsView<'_>,
    ) -> (Vec<Member>, OrdMap<String, u32>) {
        let leader_meta = self
            .consumers
            .get(&leader_consumer)
            .map(|c| c.known_topics.clone())
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| tv.all());
        let member_topics = |consumer: ConsumerId| -> Vec<String> {
            self.consumers
                .get(&consumer)
                .and_then(|c| c.joined_subscription.clone().filter(|s| !s.is_empty()))
                .unwrap_or_else(|| vec![tv.first.to_string()])
        };
        let known = |t: &str| leader_meta.get(t).copied().unwrap_or(0);
        let assignor_members: Vec<Member> = members
            .iter()
            .map(|(id, m)| Member {
                id: (*id).clone(),
                instance_id: m.instance_id.clone(),
                topics: member_topics(m.consumer).into_iter().filter(|t| known(t) > 0).collect(),
                owned: m
                    .owned
                    .iter()
                    .map(|p| tv.owner(*p))
                    .filter(|(t, p)| *p < known(t))
                    .map(|(t, p)| TopicPartition::new(t, p))
                    .collect(),
                generation: (m.owned_generation >= 0).then_some(m.owned_generation),
            })
            .collect();
        let ppt = assignor_members.iter().flat_map(|m| m.topics.iter()).map(|t| (t.clone(), known(t))).collect();
        (assignor_members, ppt)
    }

    /// A member received its assignment: keep what it still owns, revoke the rest, and find
    /// positions for new partitions from the committed offsets (or `auto.offset.reset`).
    fn install_assignment(
        &mut self,
        id: ConsumerId,
        group: &str,
        generation: i32,
        parts: &[u32],
        now: u64,
        (topic, view): (&str, &dyn PartitionView),
        out: &mut Vec<ConsumerEvent>,
    ) {
        let committed = self.groups.get(group).map(|g| g.committed.clone()).unwrap_or_default();
        let c = self.consumers.get_mut(&id).expect("exists");
        c.generation = generation;
        c.rejoin_requested = false;
        let revoked: Vec<u32> = c.assignment.keys().filter(|p| !parts.contains(p)).copied().collect();
        if !revoked.is_empty() {
            for p in &revoked {
                c.assignment.remove(p);
            }
            c.batch.retain(|(p, _, _)| !revoked.contains(p));
            out.push(ConsumerEvent::PartitionsRevoked { consumer: id, partitions: revoked });
        }
        let mut added = Vec::new();
        let mut failure = None;
        for &p in parts {
            if c.assignment.contains_key(&p) {
                continue;
            }
            let (start, hw) = view.offsets(p);
            let leo = view.log_end_offset(p).max(hw);
            let policy = c.spec.auto_offset_reset;
            let committed_offset = committed.get(&p).copied();
            let position = match initial_position(committed_offset, start, hw, leo, policy) {
                Ok(Some(pos)) => {
                    if committed_offset != Some(pos) {
                        let (reason, cause) = if committed_offset.is_some() {
                            ("committed offset out of range", ResetCause::CommittedOutOfRange)
                        } else {
                            ("no committed offset", ResetCause::NoCommittedOffset)
                        };
                        out.push(ConsumerEvent::PositionReset {
                            consumer: id,
                            partition: p,
                            from: committed_offset,
                            offset: pos,
                            cause,
                            policy: policy_name(c.spec.auto_offset_reset),
                            reason: format!("{reason}; auto.offset.reset={}", policy_name(c.spec.auto_offset_reset)),
                        });
                    }
                    pos
                }
                Ok(None) => {
                    // by_duration: ListOffsets by timestamp (now − duration), latest if none.
                    let ms = match policy {
                        AutoOffsetReset::ByDuration { ms } => ms,
                        _ => 0,
                    };
                    let pos = view.offset_for_timestamp(p, (now / 1000).saturating_sub(ms)).unwrap_or(hw);
                    out.push(ConsumerEvent::PositionReset {
                        consumer: id,
                        partition: p,
                        from: committed_offset,
                        offset: pos,
                        cause: if committed_offset.is_some() {
                            ResetCause::CommittedOutOfRange
                        } else {
                            ResetCause::NoCommittedOffset
                        },
                        policy: policy_name(c.spec.auto_offset_reset),
                        reason: format!(
                            "no valid committed offset; auto.offset.reset={}",
                            policy_name(c.spec.auto_offset_reset)
                        ),
                    });
                    pos
                }
                Err(StartError::NoOffsetForPartition) => {
                    failure = Some(format!("NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [{topic}-{p}]"));
                    continue;
                }
                Err(StartError::OffsetOutOfRange { offset }) => {
                    failure = Some(format!(
                        "OffsetOutOfRangeException: Offsets out of range with no configured reset policy for partitions: {{{topic}-{p}={offset}}}"
                    ));
                    continue;
                }
            };
            c.assignment.insert(p, PartitionPosition { position, committed: committed.get(&p).copied() });
            added.push((p, position));
        }
        let new_parts: Vec<u32> = added.iter().map(|(p, _)| *p).collect();
        if !new_parts.is_empty() {
            out.push(ConsumerEvent::PartitionsAssigned { consumer: id, partitions: new_parts });
        }
        c.state = if c.assignment.is_empty() { ConsumerState::Idle } else { ConsumerState::Polling };
        c.next_us = now;
        c.next_auto_commit_us = now + c.spec.auto_commit_interval_ms * 1000;
        let ledger = self.ledger.groups.entry(group.to_string()).or_default();
        for (p, pos) in added {
            ledger.start_at(p, pos);
        }
        if let Some(error) = failure {
            self.fail(id, now, error, out);
        }
    }
}
