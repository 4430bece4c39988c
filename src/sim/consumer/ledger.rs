//! The delivery ledger (each record processed how many times) and the delivery guarantee a
//! group's setup gives.

use crate::util::ordmap::OrdMap;
use std::collections::VecDeque;

use serde::Serialize;

use super::*;

/// How many times each record was processed, per group and partition, exactly and in bounded
/// memory: consumption of a partition is sequential, so a record below the highest offset ever
/// processed is a repeat, and offsets skipped over were never processed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ledger {
    pub groups: OrdMap<String, GroupLedger>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupLedger {
    /// Per partition the group has consumed: the offset after the highest offset ever
    /// processed (or, before its first record, where its consumption started). A partition
    /// with no entry has never been consumed by the group.
    pub processed_upto: OrdMap<u32, u64>,
    pub processed: u64,
    pub duplicates: u64,
    pub lost: u64,
    /// Latest ranges (partition, from, to-exclusive) processed again.
    pub duplicate_ranges: VecDeque<(u32, u64, u64)>,
    /// Latest ranges never processed though the group moved past them.
    pub lost_ranges: VecDeque<(u32, u64, u64)>,
}

fn push_range(q: &mut VecDeque<(u32, u64, u64)>, partition: u32, offset: u64) {
    if let Some(last) = q.back_mut() {
        if last.0 == partition && last.2 == offset {
            last.2 = offset + 1;
            return;
        }
    }
    if q.len() == LEDGER_RANGES_MAX {
        q.pop_front();
    }
    q.push_back((partition, offset, offset + 1));
}

impl GroupLedger {
    /// A record was processed. Returns true when it had been processed before.
    pub(in crate::sim) fn process(&mut self, partition: u32, offset: u64) -> bool {
        self.processed += 1;
        let upto = self.processed_upto.entry(partition).or_insert(offset);
        if offset < *upto {
            self.duplicates += 1;
            push_range(&mut self.duplicate_ranges, partition, offset);
            true
        } else {
            if offset > *upto {
                // Skipped over [upto, offset): never processed by this group.
                self.lost += offset - *upto;
                if self.lost_ranges.len() == LEDGER_RANGES_MAX {
                    self.lost_ranges.pop_front();
                }
                self.lost_ranges.push_back((partition, *upto, offset));
            }
            *upto = offset + 1;
            false
        }
    }

    /// The group's consumption starts (first assignment, or a reset) at `offset`: nothing before
    /// it counts as lost.
    pub(in crate::sim) fn start_at(&mut self, partition: u32, offset: u64) {
        self.processed_upto.entry(partition).or_insert(offset);
    }
}

/// The delivery guarantee a group's setup gives (the `KafkaConsumer` javadoc, "Offsets and
/// Consumer Position"): auto-commit and commits after processing are at-least-once only when
/// everything a `poll()` returned is processed before the next `poll()`; committing before
/// processing is at-most-once; handing records to a worker and polling on (pause/resume)
/// commits records that are not processed yet, so a crash can lose some and repeat others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryGuarantee {
    AtLeastOnce,
    AtMostOnce,
    /// Neither: records can be lost and repeated.
    NoGuarantee,
}

/// The guarantee the group's consumers give together (the weakest of them).
pub fn delivery_guarantee(world: &ConsumerWorld, group: &str) -> DeliveryGuarantee {
    let members = || world.consumers.values().filter(|c| c.spec.group_id == group);
    if members().any(|c| c.spec.pause_resume.is_some()) {
        DeliveryGuarantee::NoGuarantee
    } else if members().any(|c| c.spec.commit == CommitStrategy::BeforeProcessing) {
        DeliveryGuarantee::AtMostOnce
    } else {
        DeliveryGuarantee::AtLeastOnce
    }
}
