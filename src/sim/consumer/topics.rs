//! The topics as the consumer side sees them: a subscription (a list, or a pattern matched
//! against the topics in the consumer's metadata), partition names for `__consumer_offsets`
//! keys, and what happens when a topic is deleted.

use super::*;
use crate::sim::topics::Topics;

/// The cluster's topics through a [`PartitionView`]; `first` names the first topic (the only
/// one when the view does not list topics).
#[derive(Clone, Copy)]
pub struct TopicsView<'a> {
    pub first: &'a str,
    pub view: &'a dyn PartitionView,
}

impl<'a> TopicsView<'a> {
    pub fn new(first: &'a str, view: &'a dyn PartitionView) -> Self {
        Self { first, view }
    }

    fn topics(&self) -> Option<&'a Topics> {
        self.view.topics()
    }

    /// Every topic and its partition count, by name.
    pub fn all(&self) -> OrdMap<String, u32> {
        match self.topics() {
            Some(t) => t.iter().map(|t| (t.name.clone(), t.partitions())).collect(),
            None => [(self.first.to_string(), self.view.partitions())].into(),
        }
    }

    /// The slot of `topic-partition`.
    pub fn slot(&self, topic: &str, partition: u32) -> Option<u32> {
        match self.topics() {
            Some(t) => t.slot(topic, partition),
            None => (topic == self.first && partition < self.view.partitions()).then_some(partition),
        }
    }

    /// The topic and partition of a slot.
    pub fn owner(&self, slot: u32) -> (String, u32) {
        match self.topics().and_then(|t| t.owner(slot)) {
            Some((t, p)) => (t.to_string(), p),
            None => (self.first.to_string(), slot),
        }
    }

    /// Kafka's name of a slot's partition.
    pub fn name(&self, slot: u32) -> String {
        let (t, p) = self.owner(slot);
        format!("{t}-{p}")
    }
}

/// The topics a subscription stands for, given the topics a consumer's metadata knows: a list
/// as written (sorted, as Kafka's subscription set prints), the first topic for an empty list,
/// or the known topics whose whole name matches the pattern (`Pattern.matcher(t).matches()`).
pub fn resolve(subscription: &Subscription, first: &str, known: &OrdMap<String, u32>) -> Vec<String> {
    match subscription {
        Subscription::Topics(list) if list.is_empty() => vec![first.to_string()],
        Subscription::Topics(list) => {
            let mut l = list.clone();
            crate::util::order::sort(&mut l);
            l.dedup();
            l
        }
        Subscription::Pattern(p) => match crate::util::regex::Regex::new(p) {
            Ok(re) => known.keys().filter(|t| re.matches(t)).cloned().collect(),
            Err(_) => Vec::new(),
        },
    }
}

impl ConsumerWorld {
    /// A topic was deleted: its partitions leave every consumer's assignment and fetch (the
    /// group notices at the next metadata refresh and rebalances), commits on their way lose
    /// them, and every group's committed offsets for them are deleted with tombstones in
    /// `__consumer_offsets` (`OffsetMetadataManager.onPartitionsDeleted`). Returns how many
    /// committed offsets were deleted.
    pub fn forget_partitions(&mut self, topic: &str, slots: &[u32], now: u64) -> u32 {
        for c in self.consumers.values_mut() {
            c.assignment.retain(|p, _| !slots.contains(p));
            c.batch.retain(|(p, _, _)| !slots.contains(p));
        }
        for req in self.commits.iter_mut() {
            req.offsets.retain(|(p, _)| !slots.contains(p));
        }
        let mut deleted = 0;
        for g in self.groups.values_mut() {
            for m in g.members.values_mut() {
                m.owned.retain(|p| !slots.contains(p));
                m.assigned.retain(|p| !slots.contains(p));
            }
            for (i, slot) in slots.iter().enumerate() {
                if g.committed.remove(slot).is_some() {
                    deleted += 1;
                    self.offsets.append(
                        g.offsets_partition,
                        OffsetCommitRecord {
                            log_offset: 0,
                            group: g.group_id.clone(),
                            topic: topic.to_string(),
                            partition: i as u32,
                            offset: None,
                            metadata: String::new(),
                            commit_timestamp_ms: now / 1000,
                        },
                    );
                }
            }
        }
        self.refresh_wakeup();
        deleted
    }
}
