//! `__consumer_offsets`: a log per partition (commits and tombstones) and its compacted view;
//! admin commits (`kafka-consumer-groups.sh --reset-offsets --execute`).

use crate::util::ordmap::OrdMap;
use std::collections::VecDeque;

use serde::Serialize;

use crate::sim::consumer::*;

/// One record of `__consumer_offsets`: key (group, topic, partition), value (offset, metadata,
/// commit timestamp), or a tombstone (value `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OffsetCommitRecord {
    /// This record's own offset in the `__consumer_offsets` partition.
    pub log_offset: u64,
    pub group: String,
    pub topic: String,
    pub partition: u32,
    pub offset: Option<u64>,
    pub metadata: String,
    pub commit_timestamp_ms: u64,
}

/// The internal topic `__consumer_offsets` (`cleanup.policy=compact`).
#[derive(Debug, Clone, Serialize)]
pub struct OffsetsTopic {
    /// `offsets.topic.num.partitions`.
    pub partitions: u32,
    /// Per partition that has records: log end offset and the most recent records.
    pub logs: OrdMap<u32, OffsetsLog>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OffsetsLog {
    pub log_end_offset: u64,
    /// Invariant: at most `OFFSETS_RECENT_MAX` records.
    pub recent: VecDeque<OffsetCommitRecord>,
    /// The compacted view: the latest value per (group, topic, partition).
    pub compacted: OrdMap<(String, String, u32), OffsetCommitRecord>,
}

/// Records of `__consumer_offsets` kept in detail per partition.
pub const OFFSETS_RECENT_MAX: usize = 64;

impl OffsetsTopic {
    pub(in crate::sim) fn append(&mut self, partition: u32, mut record: OffsetCommitRecord) -> u64 {
        let log = self.logs.entry(partition).or_default();
        record.log_offset = log.log_end_offset;
        log.log_end_offset += 1;
        let key = (record.group.clone(), record.topic.clone(), record.partition);
        if record.offset.is_some() {
            log.compacted.insert(key, record.clone());
        } else {
            log.compacted.remove(&key);
        }
        if log.recent.len() == OFFSETS_RECENT_MAX {
            log.recent.pop_front();
        }
        log.recent.push_back(record);
        log.log_end_offset - 1
    }
}

impl ConsumerWorld {
    /// Offset expiry (`offsets.retention.minutes`, counted from when the group became
    /// Empty; checked every `offsets.retention.check.interval.ms`): tombstones in
    /// __consumer_offsets, and an Empty classic group whose last offset expired is deleted
    /// (`GroupCoordinatorShard.cleanupGroupMetadata`, `GroupMetadataManager.maybeDeleteGroup`).
    pub(in crate::sim) fn expire_offsets(&mut self, now: u64, tv: TopicsView<'_>, out: &mut Vec<ConsumerEvent>) {
        if now >= self.next_expiry_check_us {
            self.next_expiry_check_us = now + self.offsets_retention_check_ms.max(1) * 1000;
            let expired: Vec<String> = self
                .groups
                .values()
                .filter(|g| {
                    g.state == GroupState::Empty
                        && !g.committed.is_empty()
                        && g.empty_since_us.is_some_and(|t| now >= t + self.offsets_retention_ms * 1000)
                })
                .map(|g| g.group_id.clone())
                .collect();
            for group in expired {
                let g = self.groups.remove(&group).expect("listed");
                let partitions: Vec<u32> = g.committed.keys().copied().collect();
                let part = g.offsets_partition;
                for p in &partitions {
                    let (topic, partition) = tv.owner(*p);
                    self.offsets.append(
                        part,
                        OffsetCommitRecord {
                            log_offset: 0,
                            group: group.clone(),
                            topic,
                            partition,
                            offset: None,
                            metadata: String::new(),
                            commit_timestamp_ms: now / 1000,
                        },
                    );
                }
                out.push(ConsumerEvent::OffsetsExpired { group, partitions });
            }
        }
    }

    /// `--reset-offsets --execute` (AdminClient `alterConsumerGroupOffsets`): commit the given
    /// offsets for a group that is Empty or Dead (or does not exist yet), as generation -1.
    pub fn admin_commit(
        &mut self,
        group: &str,
        topic: &str,
        offsets: &[(u32, u64)],
        now: u64,
    ) -> Result<Vec<ConsumerEvent>, String> {
        let named: Vec<(u32, String, u32, u64)> =
            offsets.iter().map(|(p, o)| (*p, topic.to_string(), *p, *o)).collect();
        self.admin_commit_named(group, &named, now)
    }

    /// [`Self::admin_commit`] with each offset's slot, topic and partition.
    pub fn admin_commit_named(
        &mut self,
        group: &str,
        offsets: &[(u32, String, u32, u64)],
        now: u64,
    ) -> Result<Vec<ConsumerEvent>, String> {
        let offsets_partitions = self.offsets.partitions;
        let g = self.groups.entry(group.to_string()).or_insert_with(|| Group::new(group, offsets_partitions));
        if !matches!(g.state, GroupState::Empty | GroupState::Dead) {
            return Err(format!(
                "Assignments can only be reset if the group '{group}' is inactive, but the current state is {:?}.",
                g.state
            ));
        }
        let part = g.offsets_partition;
        let mut last = 0;
        for (p, topic, partition, off) in offsets {
            g.committed.insert(*p, *off);
            last = self.offsets.append(
                part,
                OffsetCommitRecord {
                    log_offset: 0,
                    group: group.to_string(),
                    topic: topic.clone(),
                    partition: *partition,
                    offset: Some(*off),
                    metadata: String::new(),
                    commit_timestamp_ms: now / 1000,
                },
            );
        }
        let _ = last;
        Ok(vec![ConsumerEvent::GroupOffsetsAltered {
            group: group.to_string(),
            offsets: offsets.iter().map(|(p, _, _, o)| (*p, *o)).collect(),
            offsets_partition: part,
        }])
    }
}
