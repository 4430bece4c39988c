//! One partition's append-only log: exact counters for every record, bounded detail.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::record::Key;
use super::ProducerId;

/// What the log remembers of one record (the value itself is only its size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordMeta {
    pub offset: u64,
    pub key: Option<Key>,
    pub value_bytes: u32,
    /// `CreateTime`, in simulated milliseconds.
    pub timestamp_ms: u64,
    pub producer: ProducerId,
}

/// A record on its way into a log (offset not yet assigned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingRecord {
    pub key: Option<Key>,
    pub value_bytes: u32,
    pub timestamp_ms: u64,
    pub producer: ProducerId,
    /// This record's bytes in its batch (`DefaultRecord.sizeInBytes`).
    pub size_bytes: u32,
}

/// Bounds on what a log keeps in detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LogLimits {
    /// Most recent records kept with their key and size, for drawing.
    pub recent_records_max: usize,
    /// Distinct keys counted one by one; records of further keys are counted together.
    pub key_stats_max: usize,
}

impl Default for LogLimits {
    fn default() -> Self {
        Self { recent_records_max: 256, key_stats_max: 1024 }
    }
}

/// A partition's log.
///
/// Invariant: `log_start_offset <= log_end_offset`; offsets are assigned once, in order, and
/// never reused; `records_total() == log_end_offset - 0` until retention exists (issue 4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionLog {
    partition: u32,
    log_start_offset: u64,
    /// Offset of the next record to be appended.
    log_end_offset: u64,
    bytes_total: u64,
    /// A lookup table only: it is never iterated in hash order (see `records_by_key()`).
    records_by_key: HashMap<Key, u64, BuildHasherDefault<FxHasher>>,
    records_without_key: u64,
    /// Records whose key did not fit in `records_by_key` (more than `key_stats_max` keys).
    records_other_keys: u64,
    records_by_producer: BTreeMap<ProducerId, u64>,
    /// Invariant: at most `limits.recent_records_max` entries, consecutive offsets ending at
    /// `log_end_offset - 1`.
    recent: VecDeque<RecordMeta>,
    limits: LogLimits,
}

impl PartitionLog {
    pub fn new(partition: u32, limits: LogLimits) -> Self {
        Self {
            partition,
            log_start_offset: 0,
            log_end_offset: 0,
            bytes_total: 0,
            records_by_key: HashMap::default(),
            records_without_key: 0,
            records_other_keys: 0,
            records_by_producer: BTreeMap::new(),
            recent: VecDeque::with_capacity(limits.recent_records_max.min(1024)),
            limits,
        }
    }

    pub fn partition(&self) -> u32 {
        self.partition
    }
    pub fn log_start_offset(&self) -> u64 {
        self.log_start_offset
    }
    pub fn log_end_offset(&self) -> u64 {
        self.log_end_offset
    }
    pub fn bytes_total(&self) -> u64 {
        self.bytes_total
    }
    /// Records per key, in key order.
    pub fn records_by_key(&self) -> Vec<(Key, u64)> {
        let mut v: Vec<(Key, u64)> = self.records_by_key.iter().map(|(k, n)| (*k, *n)).collect();
        v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// Records with this key (0 if the key is not in the table).
    pub fn records_for_key(&self, key: &Key) -> u64 {
        self.records_by_key.get(key).copied().unwrap_or(0)
    }

    /// Distinct keys counted one by one.
    pub fn distinct_keys(&self) -> usize {
        self.records_by_key.len()
    }
    pub fn records_without_key(&self) -> u64 {
        self.records_without_key
    }
    pub fn records_other_keys(&self) -> u64 {
        self.records_other_keys
    }
    pub fn records_by_producer(&self) -> &BTreeMap<ProducerId, u64> {
        &self.records_by_producer
    }
    /// The most recent records, oldest first (at most `recent_records_max`).
    pub fn recent(&self) -> impl DoubleEndedIterator<Item = &RecordMeta> + ExactSizeIterator {
        self.recent.iter()
    }

    /// Append records in order; returns the base offset (the first record's offset).
    pub fn append(&mut self, records: &[PendingRecord]) -> u64 {
        let base = self.log_end_offset;
        for r in records {
            let meta = RecordMeta {
                offset: self.log_end_offset,
                key: r.key,
                value_bytes: r.value_bytes,
                timestamp_ms: r.timestamp_ms,
                producer: r.producer,
            };
            self.log_end_offset += 1;
            self.bytes_total += r.size_bytes as u64;
            match r.key {
                None => self.records_without_key += 1,
                Some(k) => {
                    if let Some(n) = self.records_by_key.get_mut(&k) {
                        *n += 1;
                    } else if self.records_by_key.len() < self.limits.key_stats_max {
                        self.records_by_key.insert(k, 1);
                    } else {
                        self.records_other_keys += 1;
                    }
                }
            }
            if self.limits.recent_records_max > 0 {
                if self.recent.len() == self.limits.recent_records_max {
                    self.recent.pop_front();
                }
                self.recent.push_back(meta);
            }
        }
        // Count per producer once per run of records from one producer (a batch is one run).
        let mut i = 0;
        while i < records.len() {
            let producer = records[i].producer;
            let run = records[i..].iter().take_while(|r| r.producer == producer).count();
            *self.records_by_producer.entry(producer).or_insert(0) += run as u64;
            i += run;
        }
        self.check_invariants();
        base
    }

    /// Total records ever appended (exact).
    pub fn records_total(&self) -> u64 {
        self.log_end_offset
    }

    fn check_invariants(&self) {
        debug_assert!(self.log_start_offset <= self.log_end_offset);
        debug_assert!(self.recent.len() <= self.limits.recent_records_max);
        debug_assert!(self.records_by_key.len() <= self.limits.key_stats_max);
        debug_assert!(self.recent.back().is_none_or(|r| r.offset + 1 == self.log_end_offset));
        debug_assert_eq!(
            self.records_by_key.values().sum::<u64>() + self.records_without_key + self.records_other_keys,
            self.log_end_offset - self.log_start_offset
        );
    }
}

/// The Fx hash (rustc's): fast and deterministic, for the key lookup table.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(key: Option<&str>) -> PendingRecord {
        PendingRecord {
            key: key.map(|k| Key::from_bytes(k.as_bytes()).unwrap()),
            value_bytes: 10,
            timestamp_ms: 0,
            producer: 1,
            size_bytes: 20,
        }
    }

    #[test]
    fn offsets_are_consecutive_and_counters_exact() {
        let mut log = PartitionLog::new(0, LogLimits { recent_records_max: 3, key_stats_max: 1 });
        assert_eq!(log.append(&[rec(Some("a")), rec(Some("b"))]), 0);
        assert_eq!(log.append(&[rec(None), rec(Some("a"))]), 2);
        assert_eq!(log.log_end_offset(), 4);
        assert_eq!(log.distinct_keys(), 1);
        assert_eq!(log.records_for_key(&Key::from_bytes(b"a").unwrap()), 2);
        assert_eq!(log.records_by_key(), vec![(Key::from_bytes(b"a").unwrap(), 2)]);
        assert_eq!(log.records_other_keys(), 1);
        assert_eq!(log.records_without_key(), 1);
        let recent: Vec<u64> = log.recent().map(|r| r.offset).collect();
        assert_eq!(recent, vec![1, 2, 3]);
        assert_eq!(log.bytes_total(), 80);
    }
}
