//! Kafka's client-side partition assignors (classic group protocol, run by the group leader):
//! `range`, `roundrobin`, `sticky` and `cooperative-sticky`, without racks, as in Kafka 4.0.
//!
//! Sources: `clients/.../consumer/RangeAssignor.java`, `RoundRobinAssignor.java`,
//! `internals/AbstractPartitionAssignor.java` (member order), `internals/AbstractStickyAssignor.java`
//! (`allSubscriptionsEqual`, `ConstrainedAssignmentBuilder`, `GeneralAssignmentBuilder`,
//! `PartitionMovements`), `CooperativeStickyAssignor.java` (`adjustAssignment`), `StickyAssignor.memberData`.
//! Where Kafka's result depends on `java.util.HashMap`/`HashSet` iteration order, that order is
//! reproduced (see `java::hash_map_order`).

use crate::util::order::CollectBtree;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::java::{hash_map_order, string_compare, string_hash_code};

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
pub type Assignment = BTreeMap<String, Vec<TopicPartition>>;

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
    partitions_per_topic: &BTreeMap<String, u32>,
    members: &[Member],
) -> Result<Assignment, AssignError> {
    // AbstractPartitionAssignor: partitionsPerTopic over subscribed topics with metadata.
    let subscribed: BTreeSet<&str> = members.iter().flat_map(|m| m.topics.iter().map(String::as_str)).collect_btree();
    let ppt: BTreeMap<String, u32> = partitions_per_topic
        .iter()
        .filter(|(t, n)| subscribed.contains(t.as_str()) && **n > 0)
        .map(|(t, n)| (t.clone(), *n))
        .collect_btree();
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
    members.iter().map(|m| (m.id.clone(), Vec::new())).collect_btree()
}

/// `RangeAssignor`: per topic, contiguous ranges in member order; the first
/// `partitions % consumers` members get one extra.
fn range(ppt: &BTreeMap<String, u32>, members: &[Member]) -> Assignment {
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
fn round_robin(ppt: &BTreeMap<String, u32>, members: &[Member]) -> Assignment {
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

const DEFAULT_GENERATION: i32 = -1;

/// `AbstractStickyAssignor.assignPartitions`: the assignment and, on the constrained path, the
/// partitions transferring ownership (the general path leaves that to the cooperative
/// assignor to compute).
#[allow(clippy::type_complexity)]
fn sticky(
    ppt: &BTreeMap<String, u32>,
    members: &[Member],
) -> Result<(Assignment, Option<BTreeMap<TopicPartition, String>>), AssignError> {
    if members.is_empty() {
        return Ok((Assignment::new(), Some(BTreeMap::new())));
    }
    // The leader's `subscriptions` is a HashMap: iterate members in its order.
    let hashes: Vec<i32> = members.iter().map(|m| string_hash_code(&m.id)).collect();
    let order: Vec<&Member> = hash_map_order(&hashes).into_iter().map(|i| &members[i]).collect();

    // allSubscriptionsEqual (also collects owned partitions, resolving double claims).
    let mut all_equal = true;
    let first_topics: BTreeSet<&String> = order[0].topics.iter().collect_btree();
    let mut max_generation = DEFAULT_GENERATION;
    let mut owned: BTreeMap<String, Vec<TopicPartition>> = BTreeMap::new();
    let mut multiple_owners: BTreeSet<TopicPartition> = BTreeSet::new();
    let mut previous_owner: BTreeMap<TopicPartition, String> = BTreeMap::new();
    let generation_of =
        |id: &str| members.iter().find(|m| m.id == id).and_then(|m| m.generation).unwrap_or(DEFAULT_GENERATION);
    for m in &order {
        let topics: BTreeSet<&String> = m.topics.iter().collect_btree();
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
    ppt: &BTreeMap<String, u32>,
    ids_in_map_order: &[String],
    mut current: BTreeMap<String, Vec<TopicPartition>>,
    multiple_owners: &BTreeSet<TopicPartition>,
) -> Result<(Assignment, BTreeMap<TopicPartition, String>), AssignError> {
    let total: usize = ppt.values().map(|&n| n as usize).sum();
    let n = ids_in_map_order.len();
    let min_quota = total / n;
    let max_quota = total.div_ceil(n);
    let expected_over = total % n;
    let mut current_over = 0usize;
    let mut assignment: Assignment = ids_in_map_order.iter().map(|c| (c.clone(), Vec::new())).collect_btree();
    let mut assigned: BTreeSet<TopicPartition> = BTreeSet::new();
    let mut revoked: BTreeSet<TopicPartition> = BTreeSet::new();
    let mut under: Vec<String> = Vec::new();
    let mut exact: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    let mut transferring: BTreeMap<TopicPartition, String> = BTreeMap::new();

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

/// `PartitionMovements`: where partitions moved during a general assignment, to keep it sticky.
#[derive(Default)]
struct Movements {
    /// partition -> (src, dst)
    by_partition: BTreeMap<TopicPartition, (String, String)>,
    /// topic -> (src, dst) -> partitions in insertion order (a Java HashSet: see `first`).
    by_topic: BTreeMap<String, BTreeMap<(String, String), Vec<TopicPartition>>>,
}

impl Movements {
    fn remove_record(&mut self, tp: &TopicPartition) -> (String, String) {
        let pair = self.by_partition.remove(tp).expect("recorded");
        let topic = self.by_topic.get_mut(&tp.topic).expect("recorded");
        let set = topic.get_mut(&pair).expect("recorded");
        set.retain(|p| p != tp);
        if set.is_empty() {
            topic.remove(&pair);
        }
        if topic.is_empty() {
            self.by_topic.remove(&tp.topic);
        }
        pair
    }

    fn add_record(&mut self, tp: &TopicPartition, pair: (String, String)) {
        self.by_partition.insert(tp.clone(), pair.clone());
        self.by_topic.entry(tp.topic.clone()).or_default().entry(pair).or_default().push(tp.clone());
    }

    fn move_partition(&mut self, tp: &TopicPartition, old: &str, new: &str) {
        if self.by_partition.contains_key(tp) {
            let existing = self.remove_record(tp);
            if existing.0 != new {
                self.add_record(tp, (existing.0, new.to_string()));
            }
        } else {
            self.add_record(tp, (old.to_string(), new.to_string()));
        }
    }

    fn actual_partition_to_move(&self, tp: &TopicPartition, old: &str, new: &str) -> TopicPartition {
        let Some(topic) = self.by_topic.get(&tp.topic) else { return tp.clone() };
        let old = self.by_partition.get(tp).map_or(old.to_string(), |p| p.0.clone());
        match topic.get(&(new.to_string(), old)) {
            None => tp.clone(),
            Some(set) => {
                // `HashSet.iterator().next()`: the first in Java's bucket order.
                let hashes: Vec<i32> = set.iter().map(TopicPartition::java_hash).collect();
                set[hash_map_order(&hashes)[0]].clone()
            }
        }
    }
}

/// `GeneralAssignmentBuilder` (members subscribe to different topics).
struct General<'a> {
    ppt: &'a BTreeMap<String, u32>,
    total: usize,
    members: &'a [Member],
    current: BTreeMap<String, Vec<TopicPartition>>,
    topic_consumers: BTreeMap<String, Vec<String>>,
    consumer_topics: BTreeMap<String, Vec<String>>,
    partition_consumer: BTreeMap<TopicPartition, String>,
    sorted_all_partitions: Vec<TopicPartition>,
    /// Members of the TreeSet ordered by (assignment size, id).
    in_sorted: BTreeSet<String>,
    revocation_required: bool,
    max_generation: i32,
    movements: Movements,
}

impl<'a> General<'a> {
    fn new(
        ppt: &'a BTreeMap<String, u32>,
        members: &'a [Member],
        ids_in_map_order: &[String],
        current: BTreeMap<String, Vec<TopicPartition>>,
        max_generation: i32,
    ) -> Self {
        let mut topic_consumers: BTreeMap<String, Vec<String>> =
            ppt.keys().map(|t| (t.clone(), Vec::new())).collect_btree();
        let mut consumer_topics = BTreeMap::new();
        let mut current = current;
        for id in ids_in_map_order {
            let m = members.iter().find(|m| &m.id == id).expect("member");
            let mut subscribed = Vec::new();
            for t in &m.topics {
                if ppt.contains_key(t) {
                    subscribed.push(t.clone());
                    topic_consumers.get_mut(t).expect("topic").push(id.clone());
                }
            }
            consumer_topics.insert(id.clone(), subscribed);
            current.entry(id.clone()).or_default();
        }
        let mut partition_consumer = BTreeMap::new();
        for (c, list) in &current {
            for tp in list {
                partition_consumer.insert(tp.clone(), c.clone());
            }
        }
        let mut sorted_topics: Vec<&String> = topic_consumers.keys().collect();
        crate::util::order::sort_by(&mut sorted_topics, |a, b| {
            topic_consumers[*a].len().cmp(&topic_consumers[*b].len()).then_with(|| string_compare(a, b))
        });
        let sorted_all_partitions = sorted_topics
            .iter()
            .flat_map(|t| (0..ppt[*t]).map(move |p| TopicPartition::new((*t).clone(), p)))
            .collect();
        Self {
            ppt,
            total: ppt.values().map(|&n| n as usize).sum(),
            members,
            current,
            topic_consumers,
            consumer_topics,
            partition_consumer,
            sorted_all_partitions,
            in_sorted: BTreeSet::new(),
            revocation_required: false,
            max_generation,
            movements: Movements::default(),
        }
    }

    fn size(&self, c: &str) -> usize {
        self.current.get(c).map_or(0, Vec::len)
    }

    /// The TreeSet `sortedCurrentSubscriptions`, in order.
    fn sorted(&self) -> Vec<String> {
        let mut v: Vec<String> = self.in_sorted.iter().cloned().collect();
        crate::util::order::sort_by(&mut v, |a, b| self.size(a).cmp(&self.size(b)).then_with(|| string_compare(a, b)));
        v
    }

    fn build(mut self) -> Assignment {
        let prev = self.prepopulate_prev_assignment();
        let assigned = self.assign_owned_partitions();
        let mut unassigned: Vec<TopicPartition> =
            self.sorted_all_partitions.iter().filter(|tp| !assigned.contains(*tp)).cloned().collect();
        self.in_sorted = self.current.keys().cloned().collect_btree();
        self.balance(&prev, &mut unassigned);
        self.current
    }

    fn prepopulate_prev_assignment(&self) -> BTreeMap<TopicPartition, (String, i32)> {
        let mut prev: BTreeMap<TopicPartition, (String, i32)> = BTreeMap::new();
        let mut update = |partitions: &[TopicPartition], consumer: &str, generation: i32| {
            for tp in partitions {
                match prev.get(tp) {
                    Some((_, g)) if generation <= *g => {}
                    _ => {
                        prev.insert(tp.clone(), (consumer.to_string(), generation));
                    }
                }
            }
        };
        for m in self.members {
            match m.generation {
                Some(g) if g < self.max_generation => update(&m.owned, &m.id, g),
                None if self.max_generation > DEFAULT_GENERATION => update(&m.owned, &m.id, DEFAULT_GENERATION),
                _ => {}
            }
        }
        prev
    }

    fn assign_owned_partitions(&mut self) -> BTreeSet<TopicPartition> {
        let mut assigned = BTreeSet::new();
        let consumers: Vec<String> = self.current.keys().cloned().collect();
        for c in consumers {
            let subscribed: Vec<String> =
                self.members.iter().find(|m| m.id == c).map(|m| m.topics.clone()).unwrap_or_default();
            let list = self.current.remove(&c).unwrap_or_default();
            let mut keep = Vec::new();
            for tp in list {
                if !self.topic_consumers.contains_key(&tp.topic) {
                    self.partition_consumer.remove(&tp);
                } else if !subscribed.contains(&tp.topic) {
                    self.revocation_required = true;
                } else {
                    assigned.insert(tp.clone());
                    keep.push(tp);
                }
            }
            self.current.insert(c, keep);
        }
        assigned
    }

    fn max_assignment_size(&self, consumer: &str) -> usize {
        let topics = &self.consumer_topics[consumer];
        if topics.len() == self.ppt.len() {
            self.total
        } else {
            topics.iter().map(|t| self.ppt[t] as usize).sum()
        }
    }

    fn is_balanced(&self) -> bool {
        let sorted = self.sorted();
        let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else { return true };
        if self.size(first) + 1 >= self.size(last) {
            return true;
        }
        let mut owner: BTreeMap<&TopicPartition, &String> = BTreeMap::new();
        for (c, list) in &self.current {
            for tp in list {
                owner.insert(tp, c);
            }
        }
        for c in &sorted {
            let count = self.size(c);
            if count == self.max_assignment_size(c) {
                continue;
            }
            for t in &self.consumer_topics[c] {
                for p in 0..self.ppt[t] {
                    let tp = TopicPartition::new(t.clone(), p);
                    if !self.current[c].contains(&tp) {
                        if let Some(other) = owner.get(&tp) {
                            if count + 1 < self.size(other) {
                                return false;
                            }
                        }
                    }
                }
            }
        }
        true
    }

    fn balance_score(assignment: &BTreeMap<String, Vec<TopicPartition>>) -> usize {
        let sizes: Vec<usize> = assignment.values().map(Vec::len).collect();
        let mut score = 0;
        for i in 0..sizes.len() {
            for j in i + 1..sizes.len() {
                score += sizes[i].abs_diff(sizes[j]);
            }
        }
        score
    }

    fn balance(&mut self, prev: &BTreeMap<TopicPartition, (String, i32)>, unassigned: &mut Vec<TopicPartition>) {
        let initializing = self.sorted().last().is_none_or(|c| self.size(c) == 0);
        // maybeAssign: each unassigned partition to the least loaded member that can take it.
        for tp in unassigned.iter() {
            if self.topic_consumers[&tp.topic].is_empty() {
                continue;
            }
            if let Some(c) = self.sorted().into_iter().find(|c| self.consumer_topics[c].contains(&tp.topic)) {
                self.current.get_mut(&c).expect("member").push(tp.clone());
                self.partition_consumer.insert(tp.clone(), c);
            }
        }
        // Only partitions of topics with two or more potential consumers can move.
        let fixed_topics: BTreeSet<String> =
            self.topic_consumers.iter().filter(|(_, cs)| cs.len() < 2).map(|(t, _)| t.clone()).collect_btree();
        self.sorted_all_partitions.retain(|tp| !fixed_topics.contains(&tp.topic));
        unassigned.retain(|tp| !fixed_topics.contains(&tp.topic));
        // Only members that can take part in reassignment stay in play.
        let mut fixed_assignments = BTreeMap::new();
        let consumers: Vec<String> = self.consumer_topics.keys().cloned().collect();
        for c in consumers {
            if !self.can_consumer_participate(&c) {
                self.in_sorted.remove(&c);
                if let Some(list) = self.current.remove(&c) {
                    fixed_assignments.insert(c, list);
                }
            }
        }
        let pre_balance = self.current.clone();
        let pre_balance_owners = self.partition_consumer.clone();
        if !self.revocation_required {
            let partitions = unassigned.clone();
            self.perform_reassignments(&partitions, prev);
        }
        let partitions = self.sorted_all_partitions.clone();
        let performed = self.perform_reassignments(&partitions, prev);
        if !initializing && performed && Self::balance_score(&self.current) >= Self::balance_score(&pre_balance) {
            self.current = pre_balance;
            self.partition_consumer = pre_balance_owners;
        }
        for (c, list) in fixed_assignments {
            self.current.insert(c.clone(), list);
            self.in_sorted.insert(c);
        }
    }

    fn can_consumer_participate(&self, c: &str) -> bool {
        let size = self.size(c);
        if size < self.max_assignment_size(c) {
            return true;
        }
        self.current[c].iter().any(|tp| self.topic_consumers[&tp.topic].len() >= 2)
    }

    fn perform_reassignments(
        &mut self,
        partitions: &[TopicPartition],
        prev: &BTreeMap<TopicPartition, (String, i32)>,
    ) -> bool {
        let mut performed = false;
        loop {
            let mut modified = false;
            for tp in partitions {
                if self.is_balanced() {
                    break;
                }
                let Some(consumer) = self.partition_consumer.get(tp).cloned() else { continue };
                if let Some((prev_consumer, _)) = prev.get(tp) {
                    if self.current.contains_key(prev_consumer) && self.size(&consumer) > self.size(prev_consumer) + 1 {
                        let target = prev_consumer.clone();
                        self.reassign_to(tp, &target);
                        performed = true;
                        modified = true;
                        continue;
                    }
                }
                let others = self.topic_consumers[&tp.topic].clone();
                if others.iter().any(|o| self.current.contains_key(o) && self.size(&consumer) > self.size(o) + 1) {
                    let new_consumer = self
                        .sorted()
                        .into_iter()
                        .find(|c| self.consumer_topics[c].contains(&tp.topic))
                        .expect("a potential consumer");
                    self.reassign_to(tp, &new_consumer);
                    performed = true;
                    modified = true;
                }
            }
            if !modified {
                return performed;
            }
        }
    }

    fn reassign_to(&mut self, tp: &TopicPartition, new_consumer: &str) {
        let consumer = self.partition_consumer[tp].clone();
        let moved = self.movements.actual_partition_to_move(tp, &consumer, new_consumer);
        let old = self.partition_consumer[&moved].clone();
        self.movements.move_partition(&moved, &old, new_consumer);
        self.current.get_mut(&old).expect("owner").retain(|p| *p != moved);
        self.current.get_mut(new_consumer).expect("member").push(moved.clone());
        self.partition_consumer.insert(moved, new_consumer.to_string());
    }
}

/// `CooperativeStickyAssignor.computePartitionsTransferringOwnership`: partitions newly
/// assigned to one member that another member owned.
fn compute_partitions_transferring_ownership(
    members: &[Member],
    assignment: &Assignment,
) -> BTreeMap<TopicPartition, String> {
    let mut added: BTreeMap<TopicPartition, String> = BTreeMap::new();
    let mut revoked: BTreeSet<TopicPartition> = BTreeSet::new();
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
pub fn assign_sticky_general(partitions_per_topic: &BTreeMap<String, u32>, members: &[Member]) -> Assignment {
    let hashes: Vec<i32> = members.iter().map(|m| string_hash_code(&m.id)).collect();
    let ids: Vec<String> = hash_map_order(&hashes).into_iter().map(|i| members[i].id.clone()).collect();
    let owned: BTreeMap<String, Vec<TopicPartition>> = members
        .iter()
        .map(|m| {
            (m.id.clone(), m.owned.iter().filter(|tp| partitions_per_topic.contains_key(&tp.topic)).cloned().collect())
        })
        .collect_btree();
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
