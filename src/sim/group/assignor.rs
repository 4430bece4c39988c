//! Kafka's client-side partition assignors (classic group protocol, run by the group leader):
//! `range`, `roundrobin`, `sticky` and `cooperative-sticky`, without racks, as in Kafka 4.0.
//!
//! Sources: `clients/.../consumer/RangeAssignor.java`, `RoundRobinAssignor.java`,
//! `internals/AbstractPartitionAssignor.java` (member order), `internals/AbstractStickyAssignor.java`
//! (`allSubscriptionsEqual`, `ConstrainedAssignmentBuilder`, `GeneralAssignmentBuilder`,
//! `PartitionMovements`), `CooperativeStickyAssignor.java` (`adjustAssignment`), `StickyAssignor.memberData`.
//! Where Kafka's result depends on `java.util.HashMap`/`HashSet` iteration order, that order is
//! reproduced (see `java::hash_map_order`).

use crate::util::ordmap::{OrdMap, OrdSet};
use std::cmp::Ordering;

use serde::Serialize;

use super::java::{hash_map_order, string_compare, string_hash_code};
use super::sticky_general::General;

/// A topic partition, ordered by topic (Java string order) then partition.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: u32,
}

impl TopicPartition {
    pub fn new(topic: impl Into<String>, partition: u32) -> Self {
        Self { topic: topic.into(), partition }
    }

    /// `TopicPartition.hashCode()`.
    pub fn java_hash(&self) -> i32 {
        let result = 31i32.wrapping_add(self.partition as i32);
        result.wrapping_mul(31).wrapping_add(string_hash_code(&self.topic))
    }

    /// `topic-partition`, as Kafka prints it.
    pub fn name(&self) -> String {
        format!("{}-{}", self.topic, self.partition)
    }

    /// Parse `topic-partition` (the last `-` separates the number).
    pub fn parse(text: &str) -> Option<Self> {
        let (topic, p) = text.rsplit_once('-')?;
        if topic.is_empty() || p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(Self::new(topic, p.parse().ok()?))
    }
}

impl Ord for TopicPartition {
    fn cmp(&self, other: &Self) -> Ordering {
        string_compare(&self.topic, &other.topic).then(self.partition.cmp(&other.partition))
    }
}

impl PartialOrd for TopicPartition {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One member's subscription, as the group leader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The member id (in the simulation, also the consumer's name).
    pub id: String,
    /// `group.instance.id` (static membership).
    pub instance_id: Option<String>,
    pub topics: Vec<String>,
    /// Partitions it owned in its last generation (sticky assignors).
    pub owned: Vec<TopicPartition>,
    /// The generation those were owned in.
    pub generation: Option<i32>,
}

impl Member {
    pub fn new(id: impl Into<String>, topics: &[&str]) -> Self {
        Self {
            id: id.into(),
            instance_id: None,
            topics: topics.iter().map(|t| t.to_string()).collect(),
            owned: Vec::new(),
            generation: None,
        }
    }
}

/// `partition.assignment.strategy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Strategy {
    #[serde(rename = "range")]
    Range,
    #[serde(rename = "roundrobin")]
    RoundRobin,
    #[serde(rename = "sticky")]
    Sticky,
    #[serde(rename = "cooperative-sticky")]
    CooperativeSticky,
}

impl Strategy {
    pub const ALL: [Strategy; 4] =
        [Strategy::Range, Strategy::RoundRobin, Strategy::Sticky, Strategy::CooperativeSticky];

    /// The assignor's `name()`.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Range => "range",
            Strategy::RoundRobin => "roundrobin",
            Strategy::Sticky => "sticky",
            Strategy::CooperativeSticky => "cooperative-sticky",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.name() == s)
    }

    /// The class a consumer's `partition.assignment.strategy` names.
    pub fn class_name(self) -> &'static str {
        match self {
            Strategy::Range => "org.apache.kafka.clients.consumer.RangeAssignor",
            Strategy::RoundRobin => "org.apache.kafka.clients.consumer.RoundRobinAssignor",
            Strategy::Sticky => "org.apache.kafka.clients.consumer.StickyAssignor",
            Strategy::CooperativeSticky => "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
        }
    }

    /// `COOPERATIVE` for cooperative-sticky, `EAGER` for the others.
    pub fn is_cooperative(self) -> bool {
        self == Strategy::CooperativeSticky
    }
}

/// Member id to its partitions, each list sorted by topic then partition.
pub type Assignment = OrdMap<String, Vec<TopicPartition>>;

/// Why an assignment could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum AssignError {
    /// Kafka's assignors throw `IllegalStateException` on inconsistent input.
    IllegalState(String),
}

/// Run an assignor. `partitions_per_topic` holds every topic the members may subscribe to;
/// topics nobody subscribes to are ignored, subscribed topics missing from it are skipped (as
/// Kafka skips topics without metadata). Members are given in the order the leader received
/// them (it decides Java hash-map ties).
pub fn assign(
    strategy: Strategy,
    partitions_per_topic: &OrdMap<String, u32>,
    members: &[Member],
) -> Result<Assignment, AssignError> {
    // AbstractPartitionAssignor: partitionsPerTopic over subscribed topics with metadata.
    let subscribed: OrdSet<&str> = members.iter().flat_map(|m| m.topics.iter().map(String::as_str)).collect();
    let ppt: OrdMap<String, u32> = partitions_per_topic
        .iter()
        .filter(|(t, n)| subscribed.contains(t.as_str()) && **n > 0)
        .map(|(t, n)| (t.clone(), *n))
        .collect();
    let mut out = match strategy {
        Strategy::Range => range(&ppt, members),
        Strategy::RoundRobin => round_robin(&ppt, members),
        Strategy::Sticky => sticky(&ppt, members)?.0,
        Strategy::CooperativeSticky => {
            let (mut assignment, transferring) = sticky(&ppt, members)?;
            let transferring = match transferring {
                Some(t) => t,
                None => compute_partitions_transferring_ownership(members, &assignment),
            };
            for (tp, consumer) in transferring {
                if let Some(list) = assignment.get_mut(&consumer) {
                    list.retain(|p| *p != tp);
                }
            }
            assignment
        }
    };
    for list in out.values_mut() {
        crate::util::order::sort(list);
    }
    Ok(out)
}

/// `AbstractPartitionAssignor.MemberInfo.compareTo`: static members first, by instance id;
/// then dynamic members by member id.
fn member_order(a: &Member, b: &Member) -> Ordering {
    match (&a.instance_id, &b.instance_id) {
        (Some(x), Some(y)) => string_compare(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => string_compare(&a.id, &b.id),
    }
}

fn empty_assignment(members: &[Member]) -> Assignment {
    members.iter().map(|m| (m.id.clone(), Vec::new())).collect()
}

/// `RangeAssignor`: per topic, contiguous ranges in member order; the first
/// `partitions % consumers` members get one extra.
fn range(ppt: &OrdMap<String, u32>, members: &[Member]) -> Assignment {
    let mut out = empty_assignment(members);
    for (topic, &n) in ppt {
        let mut consumers: Vec<&Member> = members.iter().filter(|m| m.topics.iter().any(|t| t == topic)).collect();
        if consumers.is_empty() {
            continue;
        }
        crate::util::order::sort_by(&mut consumers, |a, b| member_order(a, b));
        let per = n as usize / consumers.len();
        let extra = n as usize % consumers.len();
        for (i, m) in consumers.iter().enumerate() {
            let start = per * i + i.min(extra);
            let len = per + usize::from(i < extra);
            let list = out.get_mut(&m.id).expect("member listed");
            list.extend((start..start + len).map(|p| TopicPartition::new(topic.clone(), p as u32)));
        }
    }
    out
}

/// `RoundRobinAssignor`: all partitions sorted by topic then partition, handed out over the
/// sorted members in a circle, skipping members not subscribed to the partition's topic.
fn round_robin(ppt: &OrdMap<String, u32>, members: &[Member]) -> Assignment {
    let mut out = empty_assignment(members);
    if members.is_empty() {
        return out;
    }
    let mut sorted: Vec<&Member> = members.iter().collect();
    crate::util::order::sort_by(&mut sorted, |a, b| member_order(a, b));
    let mut topics: Vec<&String> = ppt.keys().collect();
    crate::util::order::sort_by(&mut topics, |a, b| string_compare(a, b));
    let mut next = 0usize;
    for topic in topics {
        for p in 0..ppt[topic] {
            if !sorted.iter().any(|m| m.topics.iter().any(|t| t == topic)) {
                break;
            }
            while !sorted[next % sorted.len()].topics.iter().any(|t| t == topic) {
                next += 1;
            }
            let m = sorted[next % sorted.len()];
            next += 1;
            out.get_mut(&m.id).expect("member listed").push(TopicPartition::new(topic.clone(), p));
        }
    }
    out
}

pub(super) const DEFAULT_GENERATION: i32 = -1;

/// `AbstractStickyAssignor.assignPartitions`: the assignment and, on the constrained path, the
/// partitions transferring ownership (the general path leaves that to the cooperative
/// assignor to compute).
#[allow(clippy::type_complexity)]
fn sticky(
    ppt: &OrdMap<String, u32>,
    members: &[Member],
) -> Result<(Assignment, Option<OrdMap<TopicPartition, String>>), AssignError> {
    if members.is_empty() {
        return Ok((Assignment::new(), Some(OrdMap::new())));
    }
    // The leader's `subscriptions` is a HashMap: iterate members in its order.
    let hashes: Vec<i32> = members.iter().map(|m| string_hash_code(&m.id)).collect();
    let order: Vec<&Member> = hash_map_order(&hashes).into_iter().map(|i| &members[i]).collect();

    // allSubscriptionsEqual (also collects owned partitions, resolving double claims).
    let mut all_equal = true;
    let first_topics: OrdSet<&String> = order[0].topics.iter().collect();
    let mut max_generation = DEFAULT_GENERATION;
    let mut owned: OrdMap<String, Vec<TopicPartition>> = OrdMap::new();
    let mut multiple_owners: OrdSet<TopicPartition> = OrdSet::new();
    let mut previous_owner: OrdMap<TopicPartition, String> = OrdMap::new();
    let generation_of =
        |id: &str| members.iter().find(|m| m.id == id).and_then(|m| m.generation).unwrap_or(DEFAULT_GENERATION);
    for m in &order {
        let topics: OrdSet<&String> = m.topics.iter().collect();
        if topics != first_topics {
            all_equal = false;
        }
        let gen = m.generation.unwrap_or(DEFAULT_GENERATION);
        max_generation = max_generation.max(gen);
        owned.insert(m.id.clone(), Vec::new());
        for tp in &m.owned {
            if !ppt.contains_key(&tp.topic) {
                continue;
            }
            match previous_owner.get(tp).cloned() {
                None => {
                    owned.get_mut(&m.id).expect("inserted").push(tp.clone());
                    previous_owner.insert(tp.clone(), m.id.clone());
                }
                Some(other) => {
                    let other_gen = generation_of(&other);
                    if gen == other_gen {
                        multiple_owners.insert(tp.clone());
                        owned.get_mut(&other).expect("owner listed").retain(|p| p != tp);
                        previous_owner.insert(tp.clone(), m.id.clone());
                    } else if gen > other_gen {
                        owned.get_mut(&m.id).expect("inserted").push(tp.clone());
                        owned.get_mut(&other).expect("owner listed").retain(|p| p != tp);
                        previous_owner.insert(tp.clone(), m.id.clone());
                    }
                }
            }
        }
    }
    let ids: Vec<String> = order.iter().map(|m| m.id.clone()).collect();
    if all_equal {
        constrained(ppt, &ids, owned, &multiple_owners).map(|(a, t)| (a, Some(t)))
    } else {
        Ok((General::new(ppt, members, &ids, owned, max_generation).build(), None))
    }
}

/// `ConstrainedAssignmentBuilder` (all members subscribe to the same topics).
#[allow(clippy::type_complexity)]
fn constrained(
    ppt: &OrdMap<String, u32>,
    ids_in_map_order: &[String],
    mut current: OrdMap<String, Vec<TopicPartition>>,
    multiple_owners: &OrdSet<TopicPartition>,
) -> Result<(Assignment, OrdMap<TopicPartition, String>), AssignError> {
    let total: usize = ppt.values().map(|&n| n as usize).sum();
    let n = ids_in_map_order.len();
    let min_quota = total / n;
    let max_quota = total.div_ceil(n);
    let expected_over = total % n;
    let mut current_over = 0usize;
    let mut assignment: Assignment = ids_in_map_order.iter().map(|c| (c.clone(), Vec::new())).collect();
    let mut assigned: OrdSet<TopicPartition> = OrdSet::new();
    let mut revoked: OrdSet<TopicPartition> = OrdSet::new();
    let mut under: Vec<String> = Vec::new();
    let mut exact: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    let mut transferring: OrdMap<TopicPartition, String> = OrdMap::new();

    // assignOwnedPartitions, iterating the HashMap of owned partitions.
    for consumer in ids_in_map_order {
        let mut own = current.remove(consumer).unwrap_or_default();
        crate::util::order::sort_by(&mut own, |a, b| {
            a.partition.cmp(&b.partition).then_with(|| string_compare(&a.topic, &b.topic))
        });
        own.retain(|tp| !multiple_owners.contains(tp));
        let list = assignment.get_mut(consumer).expect("listed");
        if own.len() < min_quota {
            for tp in own {
                assigned.insert(tp.clone());
                list.push(tp);
            }
            under.push(consumer.clone());
        } else if own.len() >= max_quota && current_over < expected_over {
            current_over += 1;
            if current_over == expected_over {
                exact.clear();
            }
            for (i, tp) in own.into_iter().enumerate() {
                if i < max_quota {
                    assigned.insert(tp.clone());
                    list.push(tp);
                } else {
                    revoked.insert(tp);
                }
            }
        } else {
            for (i, tp) in own.into_iter().enumerate() {
                if i < min_quota {
                    assigned.insert(tp.clone());
                    list.push(tp);
                } else {
                    revoked.insert(tp);
                }
            }
            if current_over < expected_over {
                exact.push_back(consumer.clone());
            }
        }
    }

    let mut topics: Vec<&String> = ppt.keys().collect();
    crate::util::order::sort_by(&mut topics, |a, b| string_compare(a, b));
    let unassigned: Vec<TopicPartition> = topics
        .iter()
        .flat_map(|t| (0..ppt[*t]).map(move |p| TopicPartition::new((*t).clone(), p)))
        .filter(|tp| !assigned.contains(tp))
        .collect();
    crate::util::order::sort_by(&mut under, |a, b| string_compare(a, b));
    crate::util::order::sort_by(exact.make_contiguous(), |a, b| string_compare(a, b));

    // assignRoundRobin, with Java's iterator-with-removal over the under-quota list.
    let mut pos = 0usize;
    for tp in unassigned {
        let consumer = if pos < under.len() {
            pos += 1;
            under[pos - 1].clone()
        } else if under.is_empty() && exact.is_empty() {
            return Err(AssignError::IllegalState("No more unfilled consumers to be assigned.".into()));
        } else if under.is_empty() {
            exact.pop_front().expect("not empty")
        } else {
            pos = 1;
            under[0].clone()
        };
        let list = assignment.get_mut(&consumer).expect("listed");
        list.push(tp.clone());
        if revoked.contains(&tp) || multiple_owners.contains(&tp) {
            transferring.insert(tp, consumer.clone());
        }
        // (Kafka also counts members reaching maxQuota here, for an error log only.)
        if list.len() == min_quota {
            if pos > 0 && under.get(pos - 1) == Some(&consumer) {
                under.remove(pos - 1);
                pos -= 1;
            }
            exact.push_back(consumer);
        }
    }
    Ok((assignment, transferring))
}

/// `CooperativeStickyAssignor.computePartitionsTransferringOwnership`: partitions newly
/// assigned to one member that another member owned.
fn compute_partitions_transferring_ownership(
    members: &[Member],
    assignment: &Assignment,
) -> OrdMap<TopicPartition, String> {
    let mut added: OrdMap<TopicPartition, String> = OrdMap::new();
    let mut revoked: OrdSet<TopicPartition> = OrdSet::new();
    for (consumer, assigned) in assignment {
        let owned: &[TopicPartition] = members.iter().find(|m| &m.id == consumer).map_or(&[], |m| &m.owned);
        for tp in assigned {
            if !owned.contains(tp) {
                added.insert(tp.clone(), consumer.clone());
            }
        }
        for tp in owned {
            if !assigned.contains(tp) {
                revoked.insert(tp.clone());
            }
        }
    }
    added.retain(|tp, _| revoked.contains(tp));
    added
}

/// The sticky assignor's general builder alone, whatever the subscriptions. Kafka uses it only
/// when members subscribe to different topics; the `StickyAssignor` Javadoc examples were
/// written against it (and Kafka 4.0 gives other, equally balanced and sticky, answers for the
/// equal-subscription ones through the constrained builder).
pub fn assign_sticky_general(partitions_per_topic: &OrdMap<String, u32>, members: &[Member]) -> Assignment {
    let hashes: Vec<i32> = members.iter().map(|m| string_hash_code(&m.id)).collect();
    let ids: Vec<String> = hash_map_order(&hashes).into_iter().map(|i| members[i].id.clone()).collect();
    let owned: OrdMap<String, Vec<TopicPartition>> = members
        .iter()
        .map(|m| {
            (m.id.clone(), m.owned.iter().filter(|tp| partitions_per_topic.contains_key(&tp.topic)).cloned().collect())
        })
        .collect();
    let max_generation = members.iter().filter_map(|m| m.generation).max().unwrap_or(DEFAULT_GENERATION);
    let mut out = General::new(partitions_per_topic, members, &ids, owned, max_generation).build();
    for list in out.values_mut() {
        crate::util::order::sort(list);
    }
    out
}

#[cfg(test)]
#[path = "assignor_tests.rs"]
mod tests;
