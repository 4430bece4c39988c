//! The error every settings check answers with: the setting's name as Kafka (or the scenario
//! format) spells it, and what is wrong. Its own module so that the cluster and the settings
//! both use it without importing each other.

use serde::Serialize;

/// A setting with a bad value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    /// The setting's name, as Kafka (or the scenario format) spells it.
    pub field: String,
    /// Kafka's wording (English), as the command line and the English page print it.
    pub message: String,
    /// What is wrong, typed: the page words it in each language.
    pub problem: ConfigProblem,
    /// The exception Kafka throws for it (`ConfigException`, `InvalidReplicationFactorException`),
    /// when `message` is Kafka's own text: the Korean page quotes it after its own words.
    pub exception: Option<&'static str>,
}

/// What is wrong with a setting's value. Closed: a new problem does not compile until each
/// language words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ConfigProblem {
    /// Out of its range (`ConfigDef.Range`: "must be between min and max").
    Between { min: String, max: String },
    /// Below its least value (`ConfigDef.Range.atLeast`: "Value must be at least 1").
    AtLeast { min: i64 },
    /// A name's length: 1 to `max` characters.
    Length { max: u32 },
    /// More than the playground holds ("at most 8 consumers").
    AtMost { max: u64 },
    /// A pair out of order: the first must be below the second (`strict`) or at most it, and
    /// the second at most `max` ("high must be above low", "min must be at most max").
    Pair { first: &'static str, second: &'static str, strict: bool, max: u64 },
    /// Not one of Kafka's values (`ConfigDef.ValidString`: "String must be one of: …").
    OneOf { values: &'static str },
    /// Must be below another setting (`heartbeat.interval.ms` below `session.timeout.ms`).
    Below { other: &'static str },
    /// `delivery.timeout.ms` below `linger.ms + request.timeout.ms` (`min`) or above `max`.
    DeliveryTimeout { min: u64, max: u64 },
    /// The playground's pause/resume application commits automatically only.
    AutoCommitOnly,
    /// A character other than ASCII letters, digits, '.', '_' and '-' (`Topic.validate`).
    Chars,
    /// A topic named "." or ".." (`Topic.validate`).
    Dots,
    /// More than 0 and at most `max` (a rate, a processing time).
    Positive { max: u64 },
    /// At most `max` bytes (a console line).
    MaxBytes { max: u64 },
    /// At least `min`, or empty for no limit.
    AtLeastOrEmpty { min: u64 },
    /// Keys made from the prefix would be `bytes` long; at most `max` fit.
    KeyBytes { bytes: u64, max: u64 },
    /// Line `line` of typed records has a key longer than `max` bytes.
    KeyOnLine { line: u32, max: u32 },
    /// Room for only `room` more typed records.
    QueueRoom { room: u64 },
    /// A replica assignment with `lists` lists for `partitions` partitions.
    ReplicaLists { lists: u32, partitions: u32 },
    /// A negative `node.id`.
    NegativeId { id: i64 },
    /// The same value twice (a `node.id`, a topic, a broker in one replica list).
    Twice { value: String },
    /// A replication factor above the number of brokers (`InvalidReplicationFactorException`).
    ReplicationFactor { factor: i64, brokers: u32 },
    /// A partition whose replica list is longer or shorter than the first one's.
    ReplicaCount { partition: u32 },
    /// A broker id no broker has.
    UnknownBroker { broker: i64 },
    /// A topic that does not exist (the brokers run with `auto.create.topics.enable=false`).
    UnknownTopic { topic: String },
    /// A topic the cluster refuses (exists already, or past the playground's bounds).
    Topic(crate::sim::topics::TopicError),
    /// Racks on some brokers only (`AdminOperationException`).
    SomeRacks,
    /// Every broker fenced: no replica can be placed (`StripedReplicaPlacer`).
    AllFenced,
    /// A regular expression that does not parse (`PatternSyntaxException`), near `index`.
    Pattern { index: usize },
}

impl ConfigError {
    /// The playground's own check, with its English wording.
    pub fn typed(field: impl Into<String>, message: impl Into<String>, problem: ConfigProblem) -> Self {
        Self { field: field.into(), message: message.into(), problem, exception: None }
    }

    /// Kafka's own check: `message` is the text Kafka's `exception` carries.
    pub fn kafka(
        field: impl Into<String>,
        exception: &'static str,
        message: impl Into<String>,
        problem: ConfigProblem,
    ) -> Self {
        Self { field: field.into(), message: message.into(), problem, exception: Some(exception) }
    }

    /// Kafka's exception text without the exception's name, when `message` leads with it.
    pub fn kafka_text(&self) -> Option<(&'static str, &str)> {
        let exception = self.exception?;
        let text = self.message.strip_prefix(exception).and_then(|t| t.strip_prefix(": ")).unwrap_or(&self.message);
        Some((exception, text))
    }

    /// A name longer than `max` characters (or empty), worded "must be 1 to {max} characters".
    pub fn length(field: impl Into<String>, max: u32) -> Self {
        Self::typed(field, format!("must be 1 to {max} characters"), ConfigProblem::Length { max })
    }

    /// More of something than the playground holds, worded "at most {max} {field}".
    pub fn at_most(field: &str, max: impl Into<u64>) -> Self {
        let max = max.into();
        Self::typed(field, format!("at most {max} {field}"), ConfigProblem::AtMost { max })
    }

    /// A (low, high) pair out of order or too large.
    pub fn pair(field: &str, (first, second): (&'static str, &'static str), strict: bool, max: u64) -> Self {
        let message = if strict {
            format!("{second} must be above {first}, and at most {max}")
        } else {
            format!("{first} must be at most {second}, and {second} at most {max}")
        };
        Self::typed(field, message, ConfigProblem::Pair { first, second, strict, max })
    }

    /// A value out of `[min, max]`, worded "must be between {min} and {max}".
    pub fn between(field: impl Into<String>, min: impl std::fmt::Display, max: impl std::fmt::Display) -> Self {
        Self::typed(
            field,
            format!("must be between {min} and {max}"),
            ConfigProblem::Between { min: min.to_string(), max: max.to_string() },
        )
    }

    /// A replica assignment with a list count other than the partition count.
    pub fn replica_lists(field: &str, lists: usize, partitions: u32) -> Self {
        Self::typed(
            field,
            format!("{lists} replica lists for {partitions} partitions"),
            ConfigProblem::ReplicaLists { lists: lists as u32, partitions },
        )
    }

    /// Below `min`, as `ConfigDef.Range.atLeast` words it ("Value must be at least 1").
    pub fn at_least(field: impl Into<String>, min: i64) -> Self {
        Self::typed(field, format!("Value must be at least {min}"), ConfigProblem::AtLeast { min })
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
