//! A consumer's settings (Kafka's names and Kafka 4.0 defaults) and what the application does
//! about commits and resets.

use serde::{Deserialize, Serialize};

use super::*;
use crate::sim::config::ConfigError;
use crate::sim::error::ConfigProblem;

/// What the application does about commits (the seed's strategies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommitStrategy {
    /// `enable.auto.commit=true`: committed inside `poll()` every `auto.commit.interval.ms`.
    Auto,
    /// `commitSync()` after each processed record (`offset + 1` of that record).
    SyncPerRecord,
    /// `commitSync()` after processing the whole batch a `poll()` returned.
    SyncPerBatch,
    /// `commitAsync()` after processing the whole batch.
    AsyncPerBatch,
    /// `commitSync()` right after `poll()`, before processing (at-most-once).
    BeforeProcessing,
}

impl CommitStrategy {
    /// Every strategy, in the order the page lists them.
    pub const ALL: [CommitStrategy; 5] = [
        CommitStrategy::Auto,
        CommitStrategy::SyncPerRecord,
        CommitStrategy::SyncPerBatch,
        CommitStrategy::AsyncPerBatch,
        CommitStrategy::BeforeProcessing,
    ];

    /// The strategy a name stands for (the scenario file's and the page's names).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            CommitStrategy::Auto => "auto",
            CommitStrategy::SyncPerRecord => "sync-per-record",
            CommitStrategy::SyncPerBatch => "sync-per-batch",
            CommitStrategy::AsyncPerBatch => "async-per-batch",
            CommitStrategy::BeforeProcessing => "before-processing",
        }
    }
}

/// `auto.offset.reset`, including Kafka 4.0's `by_duration:<ISO-8601>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetReset {
    Latest,
    Earliest,
    None,
    /// The first offset whose timestamp is at or after now − `ms`.
    ByDuration {
        ms: u64,
    },
}

impl OffsetReset {
    /// The setting's value as Kafka's config shows it (`by_duration:PT…S` for a duration).
    pub fn config_value(self) -> String {
        match self {
            Self::Latest => "latest".into(),
            Self::Earliest => "earliest".into(),
            Self::None => "none".into(),
            Self::ByDuration { ms } => format!("by_duration:PT{}.{:03}S", ms / 1000, ms % 1000),
        }
    }
}

/// One consumer's settings, with Kafka's names and Kafka 4.0 defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsumerSpec {
    pub client_id: String,
    /// `group.id`.
    pub group_id: String,
    /// `group.instance.id` (static membership).
    pub group_instance_id: Option<String>,
    pub commit: CommitStrategy,
    /// `auto.commit.interval.ms` (5000).
    pub auto_commit_interval_ms: u64,
    /// `max.poll.records` (500).
    pub max_poll_records: u32,
    /// `max.poll.interval.ms` (300000); also the rebalance timeout.
    pub max_poll_interval_ms: u64,
    /// `session.timeout.ms` (45000).
    pub session_timeout_ms: u64,
    /// `heartbeat.interval.ms` (3000).
    pub heartbeat_interval_ms: u64,
    /// `partition.assignment.strategy` (the playground uses one assignor per consumer; Kafka's
    /// default list `[range, cooperative-sticky]` behaves as `range` with the eager protocol).
    pub assignor: Strategy,
    /// `auto.offset.reset` (latest).
    pub auto_offset_reset: OffsetReset,
    /// `fetch.max.wait.ms` (500): how long a fetch waits for `fetch.min.bytes`.
    pub fetch_max_wait_ms: u64,
    /// `fetch.min.bytes` (1): the least data a fetch returns before `fetch.max.wait.ms`.
    pub fetch_min_bytes: u64,
    /// `fetch.max.bytes` (52428800): the most data one fetch returns (at least one batch).
    pub fetch_max_bytes: u64,
    /// `max.partition.fetch.bytes` (1048576): the most data per partition per fetch.
    pub max_partition_fetch_bytes: u64,
    /// `metadata.max.age.ms` (300000): how often the consumer refreshes its metadata. The group
    /// leader rejoins when the partition count differs from the one it assigned
    /// (`ConsumerCoordinator.rejoinNeededOrPending`).
    pub metadata_max_age_ms: u64,
    /// The application hands records to a worker queue and keeps polling, calling `pause()`
    /// on its partitions when the queue reaches `high` records and `resume()` when it falls to
    /// `low` (a common pattern; the playground's marks). `None`: it processes each batch
    /// before the next poll.
    pub pause_resume: Option<(u32, u32)>,
    /// The application's processing time per record, ms (uniform in `min..=max`).
    pub processing_ms_min: u64,
    pub processing_ms_max: u64,
    /// `subscribe(topics)` or `subscribe(Pattern)`.
    #[serde(skip_serializing_if = "Subscription::is_first_topic")]
    pub subscription: Subscription,
}

/// What a consumer subscribes to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subscription {
    /// `subscribe(Collection<String>)`; empty: the first topic. Topics that do not exist are
    /// kept in the subscription and get partitions once created.
    Topics(Vec<String>),
    /// `subscribe(Pattern)`: the topics whose whole name matches, as of the consumer's last
    /// metadata refresh (`metadata.max.age.ms`); a new matching topic joins at the next one.
    Pattern(String),
}

impl Subscription {
    pub fn is_first_topic(&self) -> bool {
        matches!(self, Subscription::Topics(t) if t.is_empty())
    }
}

/// Most topics one consumer subscribes to by name.
pub const SUBSCRIBED_TOPICS_MAX: usize = 16;

impl ConsumerSpec {
    pub fn new(client_id: impl Into<String>, group_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            group_id: group_id.into(),
            group_instance_id: None,
            commit: CommitStrategy::Auto,
            auto_commit_interval_ms: 5_000,
            max_poll_records: 500,
            max_poll_interval_ms: 300_000,
            session_timeout_ms: 45_000,
            heartbeat_interval_ms: 3_000,
            assignor: Strategy::Range,
            auto_offset_reset: OffsetReset::Latest,
            fetch_max_wait_ms: 500,
            fetch_min_bytes: 1,
            fetch_max_bytes: 52_428_800,
            max_partition_fetch_bytes: 1_048_576,
            metadata_max_age_ms: 300_000,
            pause_resume: None,
            processing_ms_min: 10,
            processing_ms_max: 10,
            subscription: Subscription::Topics(Vec::new()),
        }
    }

    /// Kafka's checks (with Kafka-like messages); the first bad setting is named.
    pub fn validate(&self) -> Result<(), ConfigError> {
        crate::sim::config::validate_client_id(&self.client_id)?;
        if self.group_id.is_empty() || self.group_id.len() > 249 {
            return Err(ConfigError::length("group.id", 249));
        }
        if let Some(i) = &self.group_instance_id {
            if i.is_empty() || i.len() > 249 {
                return Err(ConfigError::length("group.instance.id", 249));
            }
        }
        if self.max_poll_records == 0 {
            return Err(ConfigError::kafka(
                "max.poll.records",
                "ConfigException",
                "Invalid value 0 for configuration max.poll.records: Value must be at least 1",
                ConfigProblem::AtLeast { min: 1 },
            ));
        }
        if self.max_poll_records > 100_000 {
            return Err(ConfigError::at_most("max.poll.records", 100_000u64));
        }
        if !(6_000..=1_800_000).contains(&self.session_timeout_ms) {
            return Err(ConfigError::typed(
                "session.timeout.ms",
                format!(
                    "The session timeout {} is outside the broker's allowed range [group.min.session.timeout.ms=6000, group.max.session.timeout.ms=1800000]",
                    self.session_timeout_ms
                ),
                ConfigProblem::Between { min: "6000".into(), max: "1800000".into() },
            ));
        }
        if self.heartbeat_interval_ms == 0 || self.heartbeat_interval_ms >= self.session_timeout_ms {
            return Err(ConfigError::typed(
                "heartbeat.interval.ms",
                "heartbeat.interval.ms must be set lower than session.timeout.ms",
                ConfigProblem::Below { other: "session.timeout.ms" },
            ));
        }
        if self.max_poll_interval_ms == 0 || self.max_poll_interval_ms > 86_400_000 {
            return Err(ConfigError::between("max.poll.interval.ms", "1", "86400000"));
        }
        if self.auto_commit_interval_ms > 86_400_000 {
            return Err(ConfigError::between("auto.commit.interval.ms", "0", "86400000"));
        }
        if self.fetch_max_wait_ms > 60_000 {
            return Err(ConfigError::between("fetch.max.wait.ms", "0", "60000"));
        }
        if self.fetch_min_bytes > 52_428_800 {
            return Err(ConfigError::between("fetch.min.bytes", "0", "52428800"));
        }
        if self.fetch_max_bytes == 0 || self.fetch_max_bytes > 1 << 31 {
            return Err(fetch_bytes("fetch.max.bytes"));
        }
        if let Some((high, low)) = self.pause_resume {
            if high == 0 || low >= high || high > 1_000_000 {
                return Err(ConfigError::pair("pause.resume", ("low", "high"), true, 1_000_000));
            }
            if self.commit != CommitStrategy::Auto {
                return Err(ConfigError::typed(
                    "pause.resume",
                    "the playground's pause/resume application uses enable.auto.commit=true",
                    ConfigProblem::AutoCommitOnly,
                ));
            }
        }
        if self.max_partition_fetch_bytes == 0 || self.max_partition_fetch_bytes > 1 << 31 {
            return Err(fetch_bytes("max.partition.fetch.bytes"));
        }
        if self.metadata_max_age_ms == 0 || self.metadata_max_age_ms > 86_400_000 {
            return Err(ConfigError::between("metadata.max.age.ms", "1", "86400000"));
        }
        match &self.subscription {
            Subscription::Topics(list) => {
                if list.len() > SUBSCRIBED_TOPICS_MAX {
                    return Err(ConfigError::at_most("topics", SUBSCRIBED_TOPICS_MAX as u64));
                }
                for t in list {
                    crate::sim::config::validate_topic_name(t)?;
                }
            }
            Subscription::Pattern(p) => {
                crate::util::regex::Regex::new(p).map_err(|e| {
                    ConfigError::kafka(
                        "pattern",
                        "PatternSyntaxException",
                        e.to_string(),
                        ConfigProblem::Pattern { index: e.index },
                    )
                })?;
            }
        }
        if self.processing_ms_min > self.processing_ms_max || self.processing_ms_max > 3_600_000 {
            return Err(ConfigError::pair("processing.ms", ("min", "max"), false, 3_600_000));
        }
        Ok(())
    }
}

/// A fetch size out of `[1, 2^31]`, as the playground words it.
fn fetch_bytes(field: &str) -> ConfigError {
    ConfigError::typed(
        field,
        "Value must be at least 1 (and at most 2147483648)",
        ConfigProblem::Between { min: "1".into(), max: "2147483648".into() },
    )
}
