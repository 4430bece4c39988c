//! Settings, with Kafka's names and defaults (Kafka 4.0 producer), and their validation.

use serde::{Deserialize, Serialize};

/// The Kafka version whose behaviour the simulation follows.
pub const KAFKA_VERSION: &str = "4.0";

/// Most partitions a topic may have in the playground.
pub const PARTITIONS_MAX: u32 = 64;
/// Most producers at once.
pub const PRODUCERS_MAX: usize = 16;
/// Highest producer rate, records per second.
pub const RATE_RECORDS_PER_S_MAX: f64 = 1_000_000.0;
/// Most distinct fixed keys a producer may cycle through.
pub const FIXED_KEYS_MAX: u32 = 1000;
/// Largest value, bytes (Kafka's `max.request.size` default is 1048576).
pub const VALUE_BYTES_MAX: u32 = 1_048_576;
/// Longest `linger.ms` accepted, one minute.
pub const LINGER_MS_MAX: u64 = 60_000;
/// Largest `batch.size` accepted (Kafka accepts any int >= 0; beyond 1 MiB it is only ever
/// capped by `max.request.size`).
pub const BATCH_SIZE_MAX: u32 = 1_048_576;

/// Kafka 4.0 producer defaults (`ProducerConfig`'s static config definitions).
pub const DEFAULT_BATCH_SIZE: u32 = 16_384;
pub const DEFAULT_LINGER_MS: u64 = 5;
pub const DEFAULT_BUFFER_MEMORY: u64 = 33_554_432;
pub const DEFAULT_MAX_IN_FLIGHT: u32 = 5;
pub const DEFAULT_METADATA_MAX_AGE_MS: u64 = 300_000;

/// How a producer's records are spread over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase", deny_unknown_fields)]
pub enum RateMode {
    /// Evenly spaced records.
    Steady,
    /// On for `burst.ms` at the rate, then silent for `idle.ms`, repeating.
    Bursty {
        #[serde(rename = "burst.ms")]
        burst_ms: u64,
        #[serde(rename = "idle.ms")]
        idle_ms: u64,
    },
}

/// Which keys a producer's records carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase", deny_unknown_fields)]
pub enum KeyMode {
    /// `null` keys: the built-in sticky partitioner chooses.
    None,
    /// `count` keys `{prefix}1` .. `{prefix}{count}`, each record picks one at random.
    Fixed {
        count: u32,
        #[serde(default = "default_key_prefix")]
        prefix: String,
    },
    /// A fresh random key per record (`key-` and 8 hex digits).
    Random,
}

fn default_key_prefix() -> String {
    "user-".to_string()
}

/// One producer's settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProducerSpec {
    /// `client.id`.
    pub client_id: String,
    /// Records per second (while bursting, for bursty producers).
    pub rate_records_per_s: f64,
    pub rate_mode: RateMode,
    pub keys: KeyMode,
    /// Value size in bytes.
    pub value_bytes: u32,
    /// `batch.size`.
    pub batch_size: u32,
    /// `linger.ms`.
    pub linger_ms: u64,
    /// `buffer.memory`.
    pub buffer_memory: u64,
    /// `max.in.flight.requests.per.connection`.
    pub max_in_flight: u32,
    /// `metadata.max.age.ms`: how often the producer refreshes metadata, and so how long it
    /// takes to notice partitions added to the topic.
    pub metadata_max_age_ms: u64,
    /// `acks` (Kafka 3.0+: `all`, with `enable.idempotence=true`).
    pub acks: Acks,
    /// `delivery.timeout.ms` (120000): a batch not acknowledged this long after it was created
    /// fails.
    pub delivery_timeout_ms: u64,
    /// `retry.backoff.ms` (100): the wait before a failed batch is sent again.
    pub retry_backoff_ms: u64,
    /// `max.block.ms` (60000): how long `send()` waits for `buffer.memory` before it throws
    /// `BufferExhaustedException`.
    pub max_block_ms: u64,
    /// The topics the application sends to, each `send()` choosing one by weight (empty: the
    /// first topic only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicWeight>,
}

/// A topic a producer sends to, and its share of the producer's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicWeight {
    pub topic: String,
    /// Relative weight (1 to `TOPIC_WEIGHT_MAX`).
    pub weight: u32,
}

/// Largest weight of one of a producer's topics.
pub const TOPIC_WEIGHT_MAX: u32 = 1000;

/// The producer's `acks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Acks {
    /// `0`: the producer does not wait for the broker.
    Zero,
    /// `1`: the leader's append is enough.
    One,
    /// `all` (`-1`): every in-sync replica has the record (the high watermark passed it).
    All,
}

impl Acks {
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        match text.trim() {
            "0" => Ok(Acks::Zero),
            "1" => Ok(Acks::One),
            "all" | "-1" => Ok(Acks::All),
            other => Err(ConfigError::kafka(
                "acks",
                "ConfigException",
                format!("Invalid value {other} for configuration acks: String must be one of: all, -1, 0, 1"),
                ConfigProblem::OneOf { values: "all, -1, 0, 1" },
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Acks::Zero => "0",
            Acks::One => "1",
            Acks::All => "all",
        }
    }
}

impl ProducerSpec {
    /// A producer with Kafka 4.0's defaults.
    pub fn new(client_id: impl Into<String>, rate_records_per_s: f64, keys: KeyMode) -> Self {
        Self {
            client_id: client_id.into(),
            rate_records_per_s,
            rate_mode: RateMode::Steady,
            keys,
            value_bytes: 100,
            batch_size: DEFAULT_BATCH_SIZE,
            linger_ms: DEFAULT_LINGER_MS,
            buffer_memory: DEFAULT_BUFFER_MEMORY,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            metadata_max_age_ms: DEFAULT_METADATA_MAX_AGE_MS,
            acks: Acks::All,
            delivery_timeout_ms: 120_000,
            retry_backoff_ms: 100,
            max_block_ms: 60_000,
            topics: Vec::new(),
        }
    }

    /// Check every field; the error names the first bad one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        validate_client_id(&self.client_id)?;
        validate_rate(self.rate_records_per_s)?;
        if let RateMode::Bursty { burst_ms, idle_ms } = self.rate_mode {
            if burst_ms == 0 || burst_ms > 3_600_000 {
                return Err(ConfigError::between("rate.burst.ms", "1", "3600000"));
            }
            if idle_ms > 3_600_000 {
                return Err(ConfigError::between("rate.idle.ms", "0", "3600000"));
            }
        }
        match &self.keys {
            KeyMode::Fixed { count, prefix } => {
                if *count == 0 || *count > FIXED_KEYS_MAX {
                    return Err(ConfigError::between("keys.count", "1", FIXED_KEYS_MAX));
                }
                let longest = prefix.len() + count.to_string().len();
                if longest > super::record::KEY_BYTES_MAX {
                    let max = super::record::KEY_BYTES_MAX;
                    return Err(ConfigError::typed(
                        "keys.prefix",
                        format!("keys would be {longest} bytes; at most {max} fit"),
                        ConfigProblem::KeyBytes { bytes: longest as u64, max: max as u64 },
                    ));
                }
            }
            KeyMode::None | KeyMode::Random => {}
        }
        if self.value_bytes > VALUE_BYTES_MAX {
            return Err(ConfigError::between("value.bytes", "0", VALUE_BYTES_MAX));
        }
        if self.batch_size > BATCH_SIZE_MAX {
            return Err(ConfigError::between("batch.size", "0", BATCH_SIZE_MAX));
        }
        if self.linger_ms > LINGER_MS_MAX {
            return Err(ConfigError::between("linger.ms", "0", LINGER_MS_MAX));
        }
        if self.buffer_memory < 1024 || self.buffer_memory > 1 << 30 {
            return Err(ConfigError::between("buffer.memory", "1024", "1073741824"));
        }
        if self.max_in_flight == 0 || self.max_in_flight > 100 {
            return Err(ConfigError::between("max.in.flight.requests.per.connection", "1", "100"));
        }
        if self.metadata_max_age_ms == 0 || self.metadata_max_age_ms > 86_400_000 {
            return Err(ConfigError::between("metadata.max.age.ms", "1", "86400000"));
        }
        // ProducerConfig: delivery.timeout.ms >= linger.ms + request.timeout.ms (30000).
        if self.delivery_timeout_ms < self.linger_ms + 30_000 || self.delivery_timeout_ms > 86_400_000 {
            return Err(ConfigError::typed(
                "delivery.timeout.ms",
                "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms (30000), and at most 86400000",
                ConfigProblem::DeliveryTimeout { min: self.linger_ms + 30_000, max: 86_400_000 },
            ));
        }
        if self.max_block_ms > 3_600_000 {
            return Err(ConfigError::between("max.block.ms", "0", "3600000"));
        }
        if self.retry_backoff_ms > 3_600_000 {
            return Err(ConfigError::between("retry.backoff.ms", "0", "3600000"));
        }
        Ok(())
    }
}

pub fn validate_client_id(id: &str) -> Result<(), ConfigError> {
    if id.is_empty() || id.len() > 64 {
        return Err(ConfigError::length("client.id", 64));
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(ConfigError::typed(
            "client.id",
            "may use only letters, digits, '.', '_' and '-'",
            ConfigProblem::Chars,
        ));
    }
    Ok(())
}

pub fn validate_rate(rate: f64) -> Result<(), ConfigError> {
    if !rate.is_finite() || rate <= 0.0 || rate > RATE_RECORDS_PER_S_MAX {
        return Err(ConfigError::typed(
            "rate",
            format!("records per second must be more than 0 and at most {RATE_RECORDS_PER_S_MAX}"),
            ConfigProblem::Positive { max: RATE_RECORDS_PER_S_MAX as u64 },
        ));
    }
    Ok(())
}

pub fn validate_partitions(n: u32) -> Result<(), ConfigError> {
    if n == 0 || n > PARTITIONS_MAX {
        return Err(ConfigError::between("partitions", "1", PARTITIONS_MAX));
    }
    Ok(())
}

/// Kafka's legal topic names: `[a-zA-Z0-9._-]`, 1 to 249 characters, not `.` or `..`.
pub fn validate_topic_name(name: &str) -> Result<(), ConfigError> {
    if name.is_empty() || name.len() > 249 || name == "." || name == ".." {
        let problem =
            if name == "." || name == ".." { ConfigProblem::Dots } else { ConfigProblem::Length { max: 249 } };
        return Err(ConfigError::typed("topic.name", "must be 1 to 249 characters and not '.' or '..'", problem));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(ConfigError::typed(
            "topic.name",
            "contains a character other than ASCII alphanumerics, '.', '_' and '-'",
            ConfigProblem::Chars,
        ));
    }
    Ok(())
}

pub use super::error::{ConfigError, ConfigProblem};

/// Simulation-wide settings that are not Kafka's (the playground's simplifications and bounds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimConfig {
    pub topic: String,
    pub partitions: u32,
    /// One-way time from a producer to the partition leader, microseconds (a simplification:
    /// one number for the whole network).
    pub network_latency_us: u64,
    pub log_limits: super::log::LogLimits,
    /// `retention.ms` (`None` = -1, keep forever; Kafka's default is 604800000).
    pub retention_ms: Option<u64>,
    /// `retention.bytes` per partition (`None` = -1, Kafka's default).
    pub retention_bytes: Option<u64>,
    /// `log.retention.check.interval.ms` (Kafka: 300000).
    pub retention_check_interval_ms: u64,
    /// Brokers, replication factor and replication settings.
    pub cluster: super::cluster::ClusterConfig,
    /// Topics beside the first one, created at time 0 in this order (placed by the KRaft
    /// controller's `StripedReplicaPlacer`).
    pub topics: Vec<super::topics::TopicSpec>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            topic: "orders".to_string(),
            partitions: 6,
            network_latency_us: 2_000,
            log_limits: super::log::LogLimits::default(),
            retention_ms: Some(604_800_000),
            retention_bytes: None,
            retention_check_interval_ms: 300_000,
            cluster: super::cluster::ClusterConfig::default(),
            topics: Vec::new(),
        }
    }
}
