//! The producer's built-in partitioner for records without a key (Kafka 3.3+, KIP-794,
//! "strictly uniform sticky"), as in Kafka 4.x.
//!
//! Source: `clients/src/main/java/org/apache/kafka/clients/producer/internals/BuiltInPartitioner.java`
//! (`nextPartition`, `updatePartitionInfo`, `updatePartitionLoadStats`) and `RecordAccumulator`
//! (`allBatchesFull`, one partitioner per topic with `stickyBatchSize = batch.size`).
//! KIP-794.

use serde::Serialize;

/// Weights for choosing the next sticky partition: Kafka's `PartitionLoadStats`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionLoadStats {
    /// Running sum of `max_queue + 1 - queue[i]`.
    pub cumulative_frequency_table: Vec<u32>,
    pub partition_ids: Vec<u32>,
}

impl PartitionLoadStats {
    /// `BuiltInPartitioner.updatePartitionLoadStats`: `None` when there are no statistics or
    /// when every partition has the same queue size (then the choice is uniform).
    pub fn from_queue_sizes(queue_sizes: &[u32], partition_ids: &[u32], num_partitions: u32) -> Option<Self> {
        if queue_sizes.is_empty() || queue_sizes.len() != partition_ids.len() {
            return None;
        }
        let mut max_size_plus1 = queue_sizes[0];
        let mut all_equal = true;
        for &q in &queue_sizes[1..] {
            if q != max_size_plus1 {
                all_equal = false;
            }
            if q > max_size_plus1 {
                max_size_plus1 = q;
            }
        }
        max_size_plus1 += 1;
        if all_equal && queue_sizes.len() as u32 == num_partitions {
            return None;
        }
        let mut table = Vec::with_capacity(queue_sizes.len());
        let mut running = 0u32;
        for &q in queue_sizes {
            running += max_size_plus1 - q;
            table.push(running);
        }
        Some(Self { cumulative_frequency_table: table, partition_ids: partition_ids.to_vec() })
    }

    /// The partition a (non-negative) random value picks: weighted by the table, located with
    /// Java's `Arrays.binarySearch` convention, `abs(searchResult + 1)`.
    pub fn pick(&self, random: u32) -> u32 {
        let table = &self.cumulative_frequency_table;
        let total = *table.last().expect("non-empty table");
        let weighted = random % total;
        let index = match table.binary_search(&weighted) {
            Ok(found) => found + 1,
            Err(insertion) => insertion,
        };
        self.partition_ids[index]
    }
}

/// Kafka's `BuiltInPartitioner` for one topic of one producer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StickyPartitioner {
    /// `batch.size` (0 is treated as 1, as `KafkaProducer` does).
    sticky_batch_size: u32,
    /// The current sticky partition and the bytes produced to it since it was chosen.
    current: Option<StickyInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StickyInfo {
    pub partition: u32,
    pub produced_bytes: u32,
}

impl StickyPartitioner {
    /// For a producer's `batch.size`: 0 is treated as 1, as `KafkaProducer` does.
    pub fn new(batch_size: u32) -> Self {
        Self { sticky_batch_size: batch_size.max(1), current: None }
    }

    /// Kafka's constructor: `stickyBatchSize < 1` is an `IllegalArgumentException`.
    pub fn try_new(sticky_batch_size: u32) -> Result<Self, String> {
        if sticky_batch_size < 1 {
            return Err(format!("stickyBatchSize must be >= 1 but got {sticky_batch_size}"));
        }
        Ok(Self { sticky_batch_size, current: None })
    }

    pub fn current(&self) -> Option<StickyInfo> {
        self.current
    }

    /// `peekCurrentPartitionInfo`: the sticky partition, choosing one first if needed.
    /// `random` is a non-negative 31-bit value; `available` lists partitions with a leader.
    pub fn partition(
        &mut self,
        random: u32,
        num_partitions: u32,
        available: &[u32],
        load: Option<&PartitionLoadStats>,
    ) -> u32 {
        match self.current {
            Some(info) if info.partition < num_partitions => info.partition,
            _ => {
                let p = next_partition(random, num_partitions, available, load);
                self.current = Some(StickyInfo { partition: p, produced_bytes: 0 });
                p
            }
        }
    }

    /// Whether `update_after_append` with these arguments would switch partitions.
    pub fn would_switch(&self, appended_bytes: u32, enable_switch: bool) -> bool {
        let Some(info) = self.current else {
            return false;
        };
        let produced = info.produced_bytes.saturating_add(appended_bytes);
        let limit = self.sticky_batch_size;
        (produced >= limit && enable_switch) || produced >= limit.saturating_mul(2)
    }

    /// `updatePartitionInfo`: count the appended bytes; switch once `batch.size` bytes went to
    /// the partition and its batches are all full, or unconditionally at twice `batch.size`.
    /// Returns the new partition when it switched.
    pub fn update_after_append(
        &mut self,
        appended_bytes: u32,
        enable_switch: bool,
        random: u32,
        num_partitions: u32,
        available: &[u32],
        load: Option<&PartitionLoadStats>,
    ) -> Option<u32> {
        let info = self.current.as_mut()?;
        info.produced_bytes = info.produced_bytes.saturating_add(appended_bytes);
        let produced = info.produced_bytes;
        let limit = self.sticky_batch_size;
        let switch = (produced >= limit && enable_switch) || produced >= limit.saturating_mul(2);
        if switch {
            let p = next_partition(random, num_partitions, available, load);
            self.current = Some(StickyInfo { partition: p, produced_bytes: 0 });
            Some(p)
        } else {
            None
        }
    }

    /// Forget the sticky partition (for example when the partition count changed).
    pub fn reset(&mut self) {
        self.current = None;
    }
}

/// `BuiltInPartitioner.nextPartition`: uniform over available partitions (all partitions when
/// none is available) without load statistics, weighted by inverted queue sizes with them.
pub fn next_partition(random: u32, num_partitions: u32, available: &[u32], load: Option<&PartitionLoadStats>) -> u32 {
    match load {
        None => {
            if !available.is_empty() {
                available[(random as usize) % available.len()]
            } else {
                random % num_partitions
            }
        }
        Some(stats) => stats.pick(random),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_equal_queues_give_uniform_choice() {
        assert_eq!(PartitionLoadStats::from_queue_sizes(&[2, 2, 2], &[0, 1, 2], 3), None);
        // Same sizes but only some partitions reported: still weighted (Kafka's rule).
        assert!(PartitionLoadStats::from_queue_sizes(&[2, 2], &[0, 2], 3).is_some());
    }

    #[test]
    fn unconditional_switch_at_twice_batch_size() {
        let mut p = StickyPartitioner::new(10);
        let first = p.partition(0, 4, &[0, 1, 2, 3], None);
        assert_eq!(first, 0);
        assert_eq!(p.update_after_append(10, false, 1, 4, &[0, 1, 2, 3], None), None);
        assert_eq!(p.update_after_append(9, false, 1, 4, &[0, 1, 2, 3], None), None);
        assert_eq!(p.update_after_append(1, false, 1, 4, &[0, 1, 2, 3], None), Some(1));
    }

    #[test]
    fn batch_size_zero_is_treated_as_one() {
        let mut p = StickyPartitioner::new(0);
        p.partition(0, 2, &[0, 1], None);
        assert_eq!(p.update_after_append(1, true, 1, 2, &[0, 1], None), Some(1));
    }
}
