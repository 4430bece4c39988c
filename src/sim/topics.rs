//! The cluster's topics: names, partition counts, per-topic settings, and where each partition
//! lives in the simulation's partition table.
//!
//! Every partition of every topic has one *slot*: its index in the simulation's logs and the
//! cluster's replica table. The first topic's partitions are slots `0..n`, so a one-topic run
//! numbers its partitions exactly as Kafka does; other topics' partitions (and partitions added
//! later) take the lowest free slots. The core (events, the cluster, the consumers) speaks in
//! slots; [`Topics::owner`] names a slot as Kafka does, `topic-partition`. A deleted topic's
//! slots are freed and reused by the next topic created.

use serde::Serialize;

use super::cluster::BrokerId;
use super::config::{ConfigError, PARTITIONS_MAX};
use super::log::LogLimits;

/// Most topics in the cluster (not counting `__consumer_offsets`).
pub const TOPICS_MAX: usize = 16;
/// Most partitions over all topics (not counting `__consumer_offsets`).
pub const PARTITIONS_TOTAL_MAX: u32 = 256;

/// A topic as `kafka-topics.sh --create` (or a scenario's `topics`) asks for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicSpec {
    pub name: String,
    pub partitions: u32,
    /// `--replication-factor` (`None`: the broker's `default.replication.factor`, which the
    /// playground takes from the cluster's replication factor).
    pub replication_factor: Option<u16>,
    /// `retention.ms` (`None` = -1, forever).
    pub retention_ms: Option<u64>,
    /// `retention.bytes` per partition (`None` = -1).
    pub retention_bytes: Option<u64>,
    /// `segment.bytes`, `segment.ms` and the playground's memory bounds.
    pub log_limits: LogLimits,
    /// `--replica-assignment` (partition → brokers), instead of the placer.
    pub replica_assignment: Option<Vec<Vec<BrokerId>>>,
}

impl TopicSpec {
    /// A topic with Kafka 4.0's topic defaults (`retention.ms` 604800000, `retention.bytes` -1,
    /// `segment.bytes` 1073741824, `segment.ms` 604800000).
    pub fn new(name: impl Into<String>, partitions: u32) -> Self {
        Self {
            name: name.into(),
            partitions,
            replication_factor: None,
            retention_ms: Some(604_800_000),
            retention_bytes: None,
            log_limits: LogLimits::default(),
            replica_assignment: None,
        }
    }
}

/// A topic in the cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub name: String,
    /// Partition `i` of the topic is slot `slots[i]`.
    pub slots: Vec<u32>,
    pub retention_ms: Option<u64>,
    pub retention_bytes: Option<u64>,
    pub log_limits: LogLimits,
}

impl Topic {
    pub fn partitions(&self) -> u32 {
        self.slots.len() as u32
    }
}

/// The topics, sorted by name (as `kafka-topics.sh --list` prints them; at most `TOPICS_MAX`,
/// so a scan finds one), and the owner of every slot.
/// Invariant: `topics` sorted by name, names unique; `owner[s] == Some((t, i))` exactly when the
/// topic named `t` has `slots[i] == s`.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    topics: Vec<Topic>,
    owner: Vec<Option<(String, u32)>>,
}

/// Why a topic cannot be created, deleted or grown: Kafka's exception and message, or the
/// playground's bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TopicError {
    /// `TopicExistsException`.
    Exists {
        topic: String,
    },
    /// `UnknownTopicOrPartitionException`.
    Unknown {
        topic: String,
    },
    /// The playground's bounds ([`TOPICS_MAX`], [`PARTITIONS_TOTAL_MAX`], [`PARTITIONS_MAX`]).
    TooManyTopics,
    TooManyPartitions {
        asked: u32,
        total: u32,
    },
    /// The playground keeps its first topic (the one the page and the lessons draw).
    FirstTopic {
        topic: String,
    },
    /// A running producer sends to it: the playground asks to remove the producer first
    /// (Kafka's producer would wait `max.block.ms` for metadata, or re-create the topic with
    /// `auto.create.topics.enable`).
    ProducedTo {
        topic: String,
        client_id: String,
    },
}

impl std::fmt::Display for TopicError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TopicError::Exists { topic } => write!(f, "TopicExistsException: Topic '{topic}' already exists."),
            TopicError::Unknown { topic } => {
                write!(f, "UnknownTopicOrPartitionException: This server does not host this topic-partition. ({topic})")
            }
            TopicError::TooManyTopics => write!(f, "topics: the playground holds at most {TOPICS_MAX} topics"),
            TopicError::TooManyPartitions { asked, total } => write!(
                f,
                "partitions: {asked} more would make {} partitions over all topics; the playground holds at most {PARTITIONS_TOTAL_MAX} (each topic at most {PARTITIONS_MAX})",
                total + asked
            ),
            TopicError::FirstTopic { topic } => {
                write!(f, "topic: the playground keeps its first topic {topic} (delete other topics)")
            }
            TopicError::ProducedTo { topic, client_id } => write!(
                f,
                "topic: producer {client_id} sends to {topic}; remove it first (the playground simplifies: Kafka's producer would wait max.block.ms for the topic's metadata)"
            ),
        }
    }
}

impl Topics {
    pub fn get(&self, name: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.name == name)
    }

    /// Topics sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = &Topic> + '_ {
        self.topics.iter()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.topics.iter().map(|t| t.name.as_str())
    }

    pub fn len(&self) -> usize {
        self.topics.len()
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }

    /// The slot of `topic-partition`.
    pub fn slot(&self, topic: &str, partition: u32) -> Option<u32> {
        self.get(topic).and_then(|t| t.slots.get(partition as usize).copied())
    }

    /// The topic and partition a slot holds.
    pub fn owner(&self, slot: u32) -> Option<(&str, u32)> {
        self.owner.get(slot as usize).and_then(|o| o.as_ref()).map(|(t, p)| (t.as_str(), *p))
    }

    /// Kafka's name of a slot's partition, `topic-partition`.
    pub fn partition_name(&self, slot: u32) -> String {
        match self.owner(slot) {
            Some((t, p)) => format!("{t}-{p}"),
            None => format!("(deleted)-{slot}"),
        }
    }

    /// Slots ever used (the length of the partition table).
    pub fn slots_len(&self) -> u32 {
        self.owner.len() as u32
    }

    /// Partitions over all topics.
    pub fn partitions_total(&self) -> u32 {
        self.topics.iter().map(|t| t.partitions()).sum()
    }

    /// Whether `more` partitions (in `new_topics` new topics) fit the bounds.
    pub fn check_room(&self, new_topics: usize, more: u32) -> Result<(), TopicError> {
        if self.topics.len() + new_topics > TOPICS_MAX {
            return Err(TopicError::TooManyTopics);
        }
        let total = self.partitions_total();
        if total + more > PARTITIONS_TOTAL_MAX {
            return Err(TopicError::TooManyPartitions { asked: more, total });
        }
        Ok(())
    }

    /// The `n` slots new partitions take: the lowest free ones, then new ones at the end.
    pub fn free_slots(&self, n: u32) -> Vec<u32> {
        let free = (0..self.slots_len()).filter(|s| self.owner[*s as usize].is_none());
        free.chain(self.slots_len()..).take(n as usize).collect()
    }

    /// Add a topic whose partitions take `slots`.
    pub(crate) fn insert(&mut self, spec: &TopicSpec, slots: Vec<u32>) {
        for (i, s) in slots.iter().enumerate() {
            self.set_owner(*s, Some((spec.name.clone(), i as u32)));
        }
        let at = self.topics.iter().position(|t| t.name > spec.name).unwrap_or(self.topics.len());
        self.topics.insert(
            at,
            Topic {
                name: spec.name.clone(),
                slots,
                retention_ms: spec.retention_ms,
                retention_bytes: spec.retention_bytes,
                log_limits: spec.log_limits,
            },
        );
    }

    /// New partitions of a topic, in `slots`.
    pub(crate) fn grow(&mut self, name: &str, slots: Vec<u32>) {
        let Some(t) = self.topics.iter_mut().find(|t| t.name == name) else { return };
        let from = t.slots.len() as u32;
        t.slots.extend(slots.iter().copied());
        for (i, s) in slots.into_iter().enumerate() {
            self.set_owner(s, Some((name.to_string(), from + i as u32)));
        }
    }

    /// Remove a topic; its slots are free again.
    pub(crate) fn remove(&mut self, name: &str) -> Option<Topic> {
        let at = self.topics.iter().position(|t| t.name == name)?;
        let t = self.topics.remove(at);
        for s in &t.slots {
            self.set_owner(*s, None);
        }
        Some(t)
    }

    fn set_owner(&mut self, slot: u32, owner: Option<(String, u32)>) {
        if self.owner.len() <= slot as usize {
            self.owner.resize(slot as usize + 1, None);
        }
        self.owner[slot as usize] = owner;
    }
}

/// Check a new topic's name and partition count against Kafka's rules and the playground's
/// bounds.
pub fn validate_spec(topics: &Topics, spec: &TopicSpec) -> Result<(), ConfigError> {
    super::config::validate_topic_name(&spec.name)?;
    super::config::validate_partitions(spec.partitions)?;
    if spec.replication_factor == Some(0) {
        return Err(ConfigError::kafka(
            "replication.factor",
            "InvalidReplicationFactorException",
            "Replication factor must be larger than 0, or -1 to use the default value.",
            super::error::ConfigProblem::AtLeast { min: 1 },
        ));
    }
    if topics.get(&spec.name).is_some() {
        return Err(topic_refused("topic", TopicError::Exists { topic: spec.name.clone() }));
    }
    topics.check_room(1, spec.partitions).map_err(|e| topic_refused("topics", e))
}

/// A topic refusal as a setting's error: the topic tool's words.
fn topic_refused(field: &str, e: TopicError) -> ConfigError {
    ConfigError::typed(field, e.to_string(), super::error::ConfigProblem::Topic(e))
}
