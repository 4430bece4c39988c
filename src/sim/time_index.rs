//! A partition's time index: what `ListOffsets(forTimestamp)` needs, exact at any age up to a
//! memory bound, and cheap to clone.
//!
//! Kafka keeps a sparse time index per segment and then scans the segment's batches
//! (`UnifiedLog.fetchOffsetByTimestamp`, `LogSegment.findOffsetByTimestamp`). The simulation
//! has no batches on disk, so it keeps every record that raises its segment's running maximum
//! timestamp, as `(offset, timestamp)`: the first record at or after any timestamp is always
//! one of these, so a look-up is exact.
//!
//! Entries live in sealed chunks (8 bytes an entry: deltas from the chunk's first entry) behind
//! `Rc`, plus one open tail, so clones (the time-travel checkpoints copy the whole simulation)
//! share the sealed chunks. Past `max_entries` the oldest two chunks of the same level are
//! merged, pairing their entries: `(o1, t1), (o2, t2)` becomes `(o1, t2)`, so a look-up there
//! can answer earlier than Kafka (never later), and older data is coarser, like a binary counter
//! (an entry is rewritten at most a logarithmic number of times).

use std::rc::Rc;

/// Entries per sealed chunk.
pub const TIME_INDEX_CHUNK: usize = 512;

/// A sealed chunk: its first entry, then each entry as `(offset, timestamp)` deltas from it.
/// Invariant: non-empty, offsets increasing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Chunk {
    /// How many times its entries were merged in pairs.
    level: u32,
    first: (u64, u64),
    last_offset: u64,
    deltas: Rc<Vec<(u32, u32)>>,
}

impl Chunk {
    /// Seal `entries` (non-empty; every delta from the first fits in 32 bits).
    fn seal(level: u32, entries: &[(u64, u64)]) -> Self {
        let first = entries[0];
        let deltas = entries.iter().map(|(o, t)| ((o - first.0) as u32, t.saturating_sub(first.1) as u32)).collect();
        Self { level, first, last_offset: entries[entries.len() - 1].0, deltas: Rc::new(deltas) }
    }

    fn len(&self) -> usize {
        self.deltas.len()
    }

    fn entries(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        let (o, t) = self.first;
        self.deltas.iter().map(move |(d_o, d_t)| (o + *d_o as u64, t + *d_t as u64))
    }
}

/// Whether an entry can join a chunk starting at `first` (its deltas fit in 32 bits).
fn fits(first: (u64, u64), entry: (u64, u64)) -> bool {
    entry.0 - first.0 <= u32::MAX as u64 && entry.1 >= first.1 && entry.1 - first.1 <= u32::MAX as u64
}

/// Invariant: offsets increase across the chunks and the tail; at most `max_entries` entries
/// plus one open tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeIndex {
    chunks: Vec<Chunk>,
    tail: Vec<(u64, u64)>,
    len: usize,
    max_entries: usize,
}

impl TimeIndex {
    pub fn new(max_entries: usize) -> Self {
        Self { chunks: Vec::new(), tail: Vec::new(), len: 0, max_entries: max_entries.max(2 * TIME_INDEX_CHUNK) }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The newest entry.
    pub fn last(&self) -> Option<(u64, u64)> {
        self.tail.last().copied().or_else(|| self.chunks.last().and_then(|c| c.entries().last()))
    }

    /// Append an entry (its offset above every other). `starts_segment(offset)` tells which
    /// entries begin a segment: those are never merged into the entry before them, so the
    /// index stays exact at every segment start (where retention puts the log start offset).
    pub fn push(&mut self, offset: u64, timestamp_ms: u64, starts_segment: &dyn Fn(u64) -> bool) {
        debug_assert!(self.last().is_none_or(|(o, _)| o < offset));
        let entry = (offset, timestamp_ms);
        if self.tail.first().is_some_and(|f| !fits(*f, entry)) {
            self.seal_tail();
        }
        self.tail.push(entry);
        self.len += 1;
        if self.tail.len() >= TIME_INDEX_CHUNK {
            self.seal_tail();
        }
        // Each merge shrinks the index or, when nothing can be paired (every entry starts a
        // segment), gives up until the next push.
        while self.len > self.max_entries && self.chunks.len() >= 2 && self.merge_oldest(starts_segment) {}
    }

    fn seal_tail(&mut self) {
        if !self.tail.is_empty() {
            self.chunks.push(Chunk::seal(0, &self.tail));
            self.tail.clear();
        }
    }

    /// Merge the oldest two adjacent chunks of the same level (or the two oldest) into one.
    /// Returns whether the index shrank.
    fn merge_oldest(&mut self, starts_segment: &dyn Fn(u64) -> bool) -> bool {
        let i = (0..self.chunks.len() - 1).find(|&i| self.chunks[i].level == self.chunks[i + 1].level).unwrap_or(0);
        let all: Vec<(u64, u64)> = self.chunks[i].entries().chain(self.chunks[i + 1].entries()).collect();
        let mut merged: Vec<(u64, u64)> = Vec::with_capacity(all.len() / 2 + 1);
        let mut k = 0;
        while k < all.len() {
            match all.get(k + 1) {
                Some(&next) if !starts_segment(next.0) && fits(all[k], next) => {
                    merged.push((all[k].0, next.1));
                    k += 2;
                }
                _ => {
                    merged.push(all[k]);
                    k += 1;
                }
            }
        }
        // Nothing paired (every entry starts a segment), or the pair spans more than 32 bits of
        // deltas: leave the chunks as they are.
        if merged.len() == all.len() || !merged.iter().all(|e| fits(merged[0], *e)) {
            return false;
        }
        let level = self.chunks[i].level.max(self.chunks[i + 1].level) + 1;
        self.len = self.len - all.len() + merged.len();
        self.chunks.splice(i..=i + 1, [Chunk::seal(level, &merged)]);
        true
    }

    /// Forget entries below `offset` (retention moved the log start offset): whole chunks go;
    /// look-ups skip what is left below it.
    pub fn drop_below(&mut self, offset: u64) {
        let gone = self.chunks.iter().take_while(|c| c.last_offset < offset).count();
        if gone > 0 {
            self.len -= self.chunks.drain(..gone).map(|c| c.len()).sum::<usize>();
        }
        if self.chunks.is_empty() {
            let before = self.tail.len();
            self.tail.retain(|e| e.0 >= offset);
            self.len -= before - self.tail.len();
        }
    }

    /// Remove every entry at or above `offset` (the log was truncated).
    pub fn truncate_from(&mut self, offset: u64) {
        loop {
            while self.tail.last().is_some_and(|e| e.0 >= offset) {
                self.tail.pop();
                self.len -= 1;
            }
            if !self.tail.is_empty() {
                return;
            }
            match self.chunks.last() {
                Some(c) if c.last_offset >= offset => {
                    let c = self.chunks.pop().expect("last");
                    self.tail = c.entries().collect();
                }
                _ => return,
            }
        }
    }

    /// The first entry at or above offset `from` whose timestamp is at or after `ts_ms`.
    pub fn first_at_or_after(&self, from: u64, ts_ms: u64) -> Option<u64> {
        let start = self.chunks.partition_point(|c| c.last_offset < from);
        let sealed = self.chunks[start..].iter().flat_map(|c| c.entries());
        sealed.chain(self.tail.iter().copied()).find(|e| e.0 >= from && e.1 >= ts_ms).map(|e| e.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_segments(_: u64) -> bool {
        false
    }

    #[test]
    fn exact_until_the_bound_then_never_later_and_clones_share_chunks() {
        let mut ix = TimeIndex::new(1_024);
        for o in 0..1_000u64 {
            ix.push(o, o * 10, &no_segments);
        }
        assert_eq!(ix.first_at_or_after(0, 5_001), Some(501));
        let copy = ix.clone();
        assert!(Rc::ptr_eq(&copy.chunks[0].deltas, &ix.chunks[0].deltas), "a clone shares sealed chunks");
        for o in 1_000..5_000u64 {
            ix.push(o, o * 10, &no_segments);
        }
        assert!(ix.len() <= 1_024 + TIME_INDEX_CHUNK);
        for ts in (0..49_990u64).step_by(137) {
            let exact = ts.div_ceil(10);
            let got = ix.first_at_or_after(0, ts).unwrap();
            assert!(got <= exact, "{ts}: {got} > {exact}");
        }
        assert_eq!(ix.first_at_or_after(0, 49_000), Some(4_900), "the newest entries stay exact");
        assert_eq!(copy.first_at_or_after(0, 5_001), Some(501), "the clone is unchanged");
        ix.truncate_from(4_000);
        assert!(ix.last().is_some_and(|e| e.0 < 4_000 && e.0 >= 3_900), "{:?}", ix.last());
        assert_eq!(ix.first_at_or_after(0, 45_000), None);
        ix.drop_below(3_000);
        assert!(ix.first_at_or_after(3_000, 0).is_some_and(|o| o >= 3_000));
    }

    #[test]
    fn entries_far_apart_start_a_new_chunk() {
        let mut ix = TimeIndex::new(1_024);
        ix.push(0, 0, &no_segments);
        ix.push(1, 5_000_000_000, &no_segments); // 58 days later: does not fit 32 bits
        ix.push(u64::from(u32::MAX) + 10, 5_000_000_001, &no_segments);
        assert_eq!(ix.first_at_or_after(0, 1), Some(1));
        assert_eq!(ix.first_at_or_after(0, 5_000_000_001), Some(u64::from(u32::MAX) + 10));
        assert_eq!(ix.len(), 3);
    }
}
