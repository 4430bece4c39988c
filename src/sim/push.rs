//! The push model, for comparison with Kafka's pull: a broker that pushes every record to one
//! consumer the moment it is written, at the producers' rate. The consumer processes one record
//! at a time; what it cannot process yet waits in its buffer, and when the buffer is full the
//! next record is dropped or the consumer crashes (by setting). Kafka does not work like this:
//! the playground runs it beside the real (pull) consumers, fed by the same appends.

use serde::Serialize;

/// What a full push buffer does with the next record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overflow {
    /// Drop it (and every record that arrives while full).
    Drop,
    /// The consumer runs out of memory and crashes; everything after is lost.
    Crash,
}

/// The push consumer's settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PushConfig {
    /// Records its buffer holds.
    pub buffer_records: u64,
    pub overflow: Overflow,
    /// Processing time per record, microseconds (the same application as the pull side).
    pub processing_us: u64,
}

/// Largest push buffer (records).
pub const PUSH_BUFFER_MAX: u64 = 1_000_000;

/// The push consumer's state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PushModel {
    pub config: PushConfig,
    /// Records waiting in its buffer (not counting the one being processed).
    pub buffered: u64,
    pub peak_buffered: u64,
    pub delivered: u64,
    pub processed: u64,
    pub dropped: u64,
    pub crashed_at_ms: Option<u64>,
    /// When the record in processing is done.
    busy_until_us: Option<u64>,
}

impl PushModel {
    pub fn new(config: PushConfig) -> Self {
        Self {
            config,
            buffered: 0,
            peak_buffered: 0,
            delivered: 0,
            processed: 0,
            dropped: 0,
            crashed_at_ms: None,
            busy_until_us: None,
        }
    }

    /// The broker pushes `records` just written.
    pub fn push(&mut self, records: u64, now_us: u64) {
        for _ in 0..records {
            if self.crashed_at_ms.is_some() {
                self.dropped += 1;
                continue;
            }
            if self.busy_until_us.is_none() {
                self.delivered += 1;
                self.busy_until_us = Some(now_us + self.config.processing_us);
            } else if self.buffered < self.config.buffer_records {
                self.delivered += 1;
                self.buffered += 1;
                self.peak_buffered = self.peak_buffered.max(self.buffered);
            } else {
                match self.config.overflow {
                    Overflow::Drop => self.dropped += 1,
                    Overflow::Crash => {
                        self.crashed_at_ms = Some(now_us / 1000);
                        // The record that did not fit, the buffer, and the one in processing.
                        self.dropped += 1 + self.buffered + u64::from(self.busy_until_us.is_some());
                        self.buffered = 0;
                        self.busy_until_us = None;
                    }
                }
            }
        }
    }

    pub fn next_wakeup_us(&self) -> Option<u64> {
        self.busy_until_us
    }

    /// Finish processing due by `now_us` and start the next buffered record.
    pub fn process(&mut self, now_us: u64) {
        while let Some(t) = self.busy_until_us.filter(|t| *t <= now_us) {
            self.processed += 1;
            if self.buffered > 0 {
                self.buffered -= 1;
                self.busy_until_us = Some(t + self.config.processing_us);
            } else {
                self.busy_until_us = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_buffer_drops_or_crashes() {
        let cfg = PushConfig { buffer_records: 3, overflow: Overflow::Drop, processing_us: 1_000 };
        let mut m = PushModel::new(cfg);
        m.push(10, 0);
        assert_eq!((m.delivered, m.buffered, m.dropped), (4, 3, 6));
        m.process(2_500);
        assert_eq!((m.processed, m.buffered), (2, 1));
        let mut c = PushModel::new(PushConfig { overflow: Overflow::Crash, ..cfg });
        c.push(10, 5_000);
        assert_eq!(c.crashed_at_ms, Some(5));
        assert_eq!(c.dropped, 10, "everything: nothing was processed before the crash");
        assert_eq!(c.processed, 0);
    }
}
