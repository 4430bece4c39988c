//! A broker: its state, its load per 100 ms bucket, and Kafka's quota window for throttles.

use super::*;

/// Whether a broker is serving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BrokerState {
    Running,
    /// Crashed, still registered until `broker.session.timeout.ms` passes.
    Crashed,
    /// Stopped (controlled shutdown) or crashed and fenced by the controller.
    Fenced,
}

/// A throttle config of `kafka-configs.sh` (`None` deletes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ThrottleConfig {
    /// `leader.replication.throttled.rate` (leader) or `follower.replication.throttled.rate`.
    BrokerRate { broker: BrokerId, leader: bool, rate: Option<u64> },
    /// `leader.replication.throttled.replicas` (leader) or `follower...`, as partition:broker.
    TopicReplicas { leader: bool, replicas: Option<Vec<(u32, BrokerId)>> },
}

/// A replication quota's measured rate: Kafka's `Rate` over a `SampledStat` of
/// `QUOTA_WINDOW_SAMPLES` samples. A young window is padded to `samples - 1` windows
/// (`Rate.windowSize`), so a fresh throttle admits about ten seconds' worth of bytes at full
/// speed before `isQuotaExceeded` turns true; a long copy converges to the throttle's rate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QuotaWindow {
    /// `(window start ms, bytes)`, oldest first. Invariant: at most `QUOTA_WINDOW_SAMPLES`.
    samples: VecDeque<(u64, u64)>,
}

impl QuotaWindow {
    /// `SampledStat.purgeObsoleteSamples`: samples older than the whole window go.
    pub(super) fn purge(&mut self, now_ms: u64) {
        let span = QUOTA_WINDOW_SAMPLES as u64 * QUOTA_WINDOW_MS;
        while self.samples.front().is_some_and(|(start, _)| now_ms.saturating_sub(*start) >= span) {
            self.samples.pop_front();
        }
    }

    /// `Sensor.record`: add bytes to the current sample (a new one when it is complete).
    pub fn record(&mut self, now_ms: u64, bytes: u64) {
        self.purge(now_ms);
        match self.samples.back_mut() {
            Some((start, b)) if now_ms < *start + QUOTA_WINDOW_MS => *b += bytes,
            _ => {
                if self.samples.len() == QUOTA_WINDOW_SAMPLES {
                    self.samples.pop_front();
                }
                self.samples.push_back((now_ms, bytes));
            }
        }
    }

    /// `Rate.measure`, bytes per second.
    pub fn rate(&self, now_ms: u64) -> u64 {
        let span = QUOTA_WINDOW_SAMPLES as u64 * QUOTA_WINDOW_MS;
        let live = || self.samples.iter().filter(|(start, _)| now_ms.saturating_sub(*start) < span);
        let total: u64 = live().map(|(_, b)| *b).sum();
        let oldest = live().next().map_or(now_ms, |(start, _)| *start);
        let mut elapsed = now_ms.saturating_sub(oldest);
        let full_windows = elapsed / QUOTA_WINDOW_MS;
        let min_full = QUOTA_WINDOW_SAMPLES as u64 - 1;
        if full_windows < min_full {
            elapsed += (min_full - full_windows) * QUOTA_WINDOW_MS;
        }
        total * 1000 / elapsed.max(1)
    }

    /// `ReplicationQuotaManager.isQuotaExceeded` for a rate limit.
    pub fn exceeded(&self, now_ms: u64, limit: Option<u64>) -> bool {
        limit.is_some_and(|l| self.rate(now_ms) > l)
    }
}

/// One broker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broker {
    pub id: BrokerId,
    pub rack: Option<String>,
    pub state: BrokerState,
    /// When the controller fences a crashed broker.
    pub fence_at_us: Option<u64>,
    /// `leader.replication.throttled.rate` / `follower.replication.throttled.rate`, bytes/s.
    pub leader_throttle: Option<u64>,
    pub follower_throttle: Option<u64>,
    /// The replication quotas' rate windows: throttled bytes served as a leader and fetched
    /// as a follower (`ReplicationQuotaManager`).
    pub leader_quota: QuotaWindow,
    pub follower_quota: QuotaWindow,
    /// Bytes received (produce + replication fetched) and sent (replication served + consumer
    /// fetches), per `LOAD_BUCKET_MS` bucket, newest last. Invariant: at most `LOAD_BUCKETS`.
    load_in: VecDeque<u64>,
    load_out: VecDeque<u64>,
    load_bucket: u64,
    pub bytes_in_total: u64,
    pub bytes_out_total: u64,
    /// With a produce limit: when the broker has appended everything queued so far.
    pub produce_free_at_us: u64,
}

impl Broker {
    pub(super) fn new(spec: &BrokerSpec) -> Self {
        Self {
            id: spec.id,
            rack: spec.rack.clone(),
            state: BrokerState::Running,
            fence_at_us: None,
            leader_throttle: None,
            follower_throttle: None,
            leader_quota: QuotaWindow::default(),
            follower_quota: QuotaWindow::default(),
            load_in: VecDeque::new(),
            load_out: VecDeque::new(),
            load_bucket: 0,
            bytes_in_total: 0,
            bytes_out_total: 0,
            produce_free_at_us: 0,
        }
    }

    /// Serving requests (a crashed broker is not, even before it is fenced).
    pub fn alive(&self) -> bool {
        self.state == BrokerState::Running
    }

    pub(super) fn roll(&mut self, now_ms: u64) {
        let bucket = now_ms / LOAD_BUCKET_MS;
        if self.load_in.is_empty() {
            self.load_bucket = bucket;
            self.load_in.push_back(0);
            self.load_out.push_back(0);
        }
        while self.load_bucket < bucket {
            self.load_bucket += 1;
            self.load_in.push_back(0);
            self.load_out.push_back(0);
            if self.load_in.len() > LOAD_BUCKETS {
                self.load_in.pop_front();
                self.load_out.pop_front();
            }
            if self.load_bucket + (LOAD_BUCKETS as u64) < bucket {
                self.load_bucket = bucket;
                self.load_in.clear();
                self.load_out.clear();
                self.load_in.push_back(0);
                self.load_out.push_back(0);
            }
        }
    }

    pub(super) fn add_in(&mut self, now_ms: u64, bytes: u64) {
        self.roll(now_ms);
        *self.load_in.back_mut().expect("rolled") += bytes;
        self.bytes_in_total += bytes;
    }

    pub(super) fn add_out(&mut self, now_ms: u64, bytes: u64) {
        self.roll(now_ms);
        *self.load_out.back_mut().expect("rolled") += bytes;
        self.bytes_out_total += bytes;
    }

    /// Bytes per second in and out over the last second (whole buckets).
    pub fn rates(&self, now_ms: u64) -> (u64, u64) {
        let bucket = now_ms / LOAD_BUCKET_MS;
        let sum = |q: &VecDeque<u64>| -> u64 {
            q.iter()
                .enumerate()
                .filter(|(i, _)| {
                    let b = self.load_bucket + 1 + *i as u64 - q.len() as u64;
                    b + LOAD_BUCKETS as u64 > bucket && b < bucket
                })
                .map(|(_, v)| *v)
                .sum()
        };
        let secs = (LOAD_BUCKETS as u64 - 1) * LOAD_BUCKET_MS;
        (sum(&self.load_in) * 1000 / secs, sum(&self.load_out) * 1000 / secs)
    }
}
