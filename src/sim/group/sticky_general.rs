//! The sticky assignor's general builder (`AbstractStickyAssignor.GeneralAssignmentBuilder`),
//! used when members subscribe to different topics, with its `PartitionMovements`.

use crate::util::ordmap::{OrdMap, OrdSet};

use super::assignor::*;
use super::java::{hash_map_order, string_compare};

/// `PartitionMovements`: where partitions moved during a general assignment, to keep it sticky.
#[derive(Default)]
pub(super) struct Movements {
    /// partition -> (src, dst)
    pub(super) by_partition: OrdMap<TopicPartition, (String, String)>,
    /// topic -> (src, dst) -> partitions in insertion order (a Java HashSet: see `first`).
    pub(super) by_topic: OrdMap<String, OrdMap<(String, String), Vec<TopicPartition>>>,
}

impl Movements {
    pub(super) fn remove_record(&mut self, tp: &TopicPartition) -> (String, String) {
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

    pub(super) fn add_record(&mut self, tp: &TopicPartition, pair: (String, String)) {
        self.by_partition.insert(tp.clone(), pair.clone());
        self.by_topic.entry(tp.topic.clone()).or_default().entry(pair).or_default().push(tp.clone());
    }

    pub(super) fn move_partition(&mut self, tp: &TopicPartition, old: &str, new: &str) {
        if self.by_partition.contains_key(tp) {
            let existing = self.remove_record(tp);
            if existing.0 != new {
                self.add_record(tp, (existing.0, new.to_string()));
            }
        } else {
            self.add_record(tp, (old.to_string(), new.to_string()));
        }
    }

    pub(super) fn actual_partition_to_move(&self, tp: &TopicPartition, old: &str, new: &str) -> TopicPartition {
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
pub(super) struct General<'a> {
    pub(super) ppt: &'a OrdMap<String, u32>,
    pub(super) total: usize,
    pub(super) members: &'a [Member],
    pub(super) current: OrdMap<String, Vec<TopicPartition>>,
    pub(super) topic_consumers: OrdMap<String, Vec<String>>,
    pub(super) consumer_topics: OrdMap<String, Vec<String>>,
    pub(super) partition_consumer: OrdMap<TopicPartition, String>,
    pub(super) sorted_all_partitions: Vec<TopicPartition>,
    /// Members of the TreeSet ordered by (assignment size, id).
    pub(super) in_sorted: OrdSet<String>,
    pub(super) revocation_required: bool,
    pub(super) max_generation: i32,
    pub(super) movements: Movements,
}

impl<'a> General<'a> {
    pub(super) fn new(
        ppt: &'a OrdMap<String, u32>,
        members: &'a [Member],
        ids_in_map_order: &[String],
        current: OrdMap<String, Vec<TopicPartition>>,
        max_generation: i32,
    ) -> Self {
        let mut topic_consumers: OrdMap<String, Vec<String>> = ppt.keys().map(|t| (t.clone(), Vec::new())).collect();
        let mut consumer_topics = OrdMap::new();
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
        let mut partition_consumer = OrdMap::new();
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
            in_sorted: OrdSet::new(),
            revocation_required: false,
            max_generation,
            movements: Movements::default(),
        }
    }

    pub(super) fn size(&self, c: &str) -> usize {
        self.current.get(c).map_or(0, Vec::len)
    }

    /// The TreeSet `sortedCurrentSubscriptions`, in order.
    pub(super) fn sorted(&self) -> Vec<String> {
        let mut v: Vec<String> = self.in_sorted.iter().cloned().collect();
        crate::util::order::sort_by(&mut v, |a, b| self.size(a).cmp(&self.size(b)).then_with(|| string_compare(a, b)));
        v
    }

    pub(super) fn build(mut self) -> Assignment {
        let prev = self.prepopulate_prev_assignment();
        let assigned = self.assign_owned_partitions();
        let mut unassigned: Vec<TopicPartition> =
            self.sorted_all_partitions.iter().filter(|tp| !assigned.contains(*tp)).cloned().collect();
        self.in_sorted = self.current.keys().cloned().collect();
        self.balance(&prev, &mut unassigned);
        self.current
    }

    pub(super) fn prepopulate_prev_assignment(&self) -> OrdMap<TopicPartition, (String, i32)> {
        let mut prev: OrdMap<TopicPartition, (String, i32)> = OrdMap::new();
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

    pub(super) fn assign_owned_partitions(&mut self) -> OrdSet<TopicPartition> {
        let mut assigned = OrdSet::new();
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

    pub(super) fn max_assignment_size(&self, consumer: &str) -> usize {
        let topics = &self.consumer_topics[consumer];
        if topics.len() == self.ppt.len() {
            self.total
        } else {
            topics.iter().map(|t| self.ppt[t] as usize).sum()
        }
    }

    pub(super) fn is_balanced(&self) -> bool {
        let sorted = self.sorted();
        let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else { return true };
        if self.size(first) + 1 >= self.size(last) {
            return true;
        }
        let mut owner: OrdMap<&TopicPartition, &String> = OrdMap::new();
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

    pub(super) fn balance_score(assignment: &OrdMap<String, Vec<TopicPartition>>) -> usize {
        let sizes: Vec<usize> = assignment.values().map(Vec::len).collect();
        let mut score = 0;
        for i in 0..sizes.len() {
            for j in i + 1..sizes.len() {
                score += sizes[i].abs_diff(sizes[j]);
            }
        }
        score
    }

    pub(super) fn balance(
        &mut self,
        prev: &OrdMap<TopicPartition, (String, i32)>,
        unassigned: &mut Vec<TopicPartition>,
    ) {
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
        let fixed_topics: OrdSet<String> =
            self.topic_consumers.iter().filter(|(_, cs)| cs.len() < 2).map(|(t, _)| t.clone()).collect();
        self.sorted_all_partitions.retain(|tp| !fixed_topics.contains(&tp.topic));
        unassigned.retain(|tp| !fixed_topics.contains(&tp.topic));
        // Only members that can take part in reassignment stay in play.
        let mut fixed_assignments = OrdMap::new();
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

    pub(super) fn can_consumer_participate(&self, c: &str) -> bool {
        let size = self.size(c);
        if size < self.max_assignment_size(c) {
            return true;
        }
        self.current[c].iter().any(|tp| self.topic_consumers[&tp.topic].len() >= 2)
    }

    pub(super) fn perform_reassignments(
        &mut self,
        partitions: &[TopicPartition],
        prev: &OrdMap<TopicPartition, (String, i32)>,
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

    pub(super) fn reassign_to(&mut self, tp: &TopicPartition, new_consumer: &str) {
        let consumer = self.partition_consumer[tp].clone();
        let moved = self.movements.actual_partition_to_move(tp, &consumer, new_consumer);
        let old = self.partition_consumer[&moved].clone();
        self.movements.move_partition(&moved, &old, new_consumer);
        self.current.get_mut(&old).expect("owner").retain(|p| *p != moved);
        self.current.get_mut(new_consumer).expect("member").push(moved.clone());
        self.partition_consumer.insert(moved, new_consumer.to_string());
    }
}
