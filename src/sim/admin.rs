//! Topics on the running cluster: `kafka-topics.sh --create`, `--delete` and `--alter
//! --partitions` as the KRaft controller carries them out (`ReplicationControlManager
//! .createTopic`, `deleteTopic`, `createPartitions`), and what the group coordinator does when a
//! topic goes (`OffsetMetadataManager.onPartitionsDeleted`: its committed offsets are deleted).

use super::topics::{TopicError, TopicSpec};
use super::*;

impl Sim {
    /// The cluster's topics.
    pub fn topics(&self) -> &topics::Topics {
        &self.topics
    }

    /// The slot of `topic-partition` (see [`topics`]).
    pub fn slot(&self, topic: &str, partition: u32) -> Option<u32> {
        self.topics.slot(topic, partition)
    }

    /// Kafka's name of a slot's partition (`orders-3`).
    pub fn partition_name(&self, slot: u32) -> String {
        self.topics.partition_name(slot)
    }

    /// `kafka-topics.sh --create`: validate, place (or take `--replica-assignment`), and add
    /// the topic's empty partitions.
    pub(super) fn create_topic(&mut self, spec: TopicSpec) -> Result<Vec<Event>, Rejected> {
        topics::validate_spec(&self.topics, &spec).map_err(|error| Rejected::InvalidConfig { error })?;
        let replicas = match &spec.replica_assignment {
            Some(a) => {
                if a.len() != spec.partitions as usize {
                    return Err(Rejected::InvalidConfig {
                        error: ConfigError::replica_lists("replica-assignment", a.len(), spec.partitions),
                    });
                }
                self.cluster.check_assignment(a).map_err(|error| Rejected::Cluster { error })?;
                a.clone()
            }
            None => {
                let rf = spec.replication_factor.unwrap_or(self.cluster.config.replication_factor);
                let seed = self.rng.next_u64() as i64;
                self.cluster.place_topic(spec.partitions, rf, seed).map_err(|error| Rejected::Cluster { error })?
            }
        };
        let replication_factor = replicas.first().map_or(0, |r| r.len() as u16);
        let slots = self.topics.free_slots(spec.partitions);
        for (slot, r) in slots.iter().zip(replicas) {
            self.install_log(*slot, spec.log_limits);
            self.cluster.install_partition(*slot, r);
        }
        self.topics.insert(&spec, slots.clone());
        Ok(vec![Event::TopicCreated { time_ms: self.now_ms(), topic: spec.name, slots, replication_factor }])
    }

    /// `kafka-topics.sh --delete`: the topic's partitions leave every broker, its committed
    /// offsets are deleted, its throttles and reassignments end. Refused for the first topic
    /// and while a producer sends to it (see [`TopicError`]).
    pub(super) fn delete_topic(&mut self, topic: &str) -> Result<Vec<Event>, Rejected> {
        let refuse = |error| Err(Rejected::Topic { error });
        if self.topics.get(topic).is_none() {
            return refuse(TopicError::Unknown { topic: topic.to_string() });
        }
        if topic == self.config.topic {
            return refuse(TopicError::FirstTopic { topic: topic.to_string() });
        }
        if let Some(p) = self.producers.values().find(|p| p.spec.topics.iter().any(|t| t.topic == topic)) {
            return refuse(TopicError::ProducedTo { topic: topic.to_string(), client_id: p.spec.client_id.clone() });
        }
        let removed = self.topics.remove(topic).expect("checked");
        for slot in &removed.slots {
            self.cluster.remove_partition(*slot);
            self.install_log(*slot, removed.log_limits);
            self.values.by_offset.retain(|(s, _), _| s != slot);
        }
        let now = self.now_us;
        let offsets_deleted = self.consumers.forget_partitions(topic, &removed.slots, now);
        Ok(vec![Event::TopicDeleted {
            time_ms: self.now_ms(),
            topic: topic.to_string(),
            slots: removed.slots,
            offsets_deleted,
        }])
    }

    /// `kafka-topics.sh --alter --partitions N` of a topic other than the first (placed by
    /// `StripedReplicaPlacer` with the topic's replication factor, as `createPartitions` does).
    pub(super) fn alter_topic_partitions(&mut self, topic: &str, partitions: u32) -> Result<Vec<Event>, Rejected> {
        if topic == self.config.topic {
            return self.alter_partitions(partitions);
        }
        let t = self
            .topics
            .get(topic)
            .ok_or(Rejected::Topic { error: TopicError::Unknown { topic: topic.to_string() } })?;
        let current = t.partitions();
        check_increase(topic, current, partitions)?;
        self.topics.check_room(0, partitions - current).map_err(|error| Rejected::Topic { error })?;
        let rf = self.cluster.partitions[t.slots[0] as usize].replicas.len() as u16;
        let limits = t.log_limits;
        let slots = self.topics.free_slots(partitions - current);
        let seed = self.rng.next_u64() as i64;
        self.cluster.grow_topic(&slots, rf, seed).map_err(|error| Rejected::Cluster { error })?;
        for slot in &slots {
            self.install_log(*slot, limits);
        }
        self.topics.grow(topic, slots);
        Ok(vec![Event::PartitionsAdded {
            time_ms: self.now_ms(),
            from: current,
            to: partitions,
            topic: Some(topic.into()),
        }])
    }

    /// `kafka-topics.sh --alter --partitions N` of the first topic.
    pub(super) fn alter_partitions(&mut self, partitions: u32) -> Result<Vec<Event>, Rejected> {
        let topic = self.config.topic.clone();
        let current = self.topics.get(&topic).map_or(0, |t| t.partitions());
        check_increase(&topic, current, partitions)?;
        self.topics.check_room(0, partitions - current).map_err(|error| Rejected::Topic { error })?;
        let slots = self.topics.free_slots(partitions - current);
        self.cluster.add_partitions(current, partitions, &slots).map_err(|error| Rejected::InvalidConfig { error })?;
        for slot in &slots {
            self.install_log(*slot, self.config.log_limits);
        }
        self.topics.grow(&topic, slots);
        self.config.partitions = partitions;
        Ok(vec![Event::PartitionsAdded { time_ms: self.now_ms(), from: current, to: partitions, topic: None }])
    }

    /// A new producer (its number taken) whose topics exist.
    pub(super) fn new_producer(&mut self, spec: ProducerSpec) -> Result<Producer, Rejected> {
        let (known, others) = self.producer_topics(&spec)?;
        let id = self.next_producer_id;
        self.next_producer_id += 1;
        let mut producer = Producer::new(id, spec, self.now_us, known);
        producer.other_topics = others;
        Ok(producer)
    }

    /// A producer's topics checked (each must exist: the playground does not auto-create
    /// topics), with the partition count of its first topic and a partitioner per further one.
    #[allow(clippy::type_complexity)]
    pub(super) fn producer_topics(
        &self,
        spec: &ProducerSpec,
    ) -> Result<(u32, Vec<(partitioner::StickyPartitioner, u32)>), Rejected> {
        use super::error::ConfigProblem;
        let invalid = |field: String, message: String, problem: ConfigProblem| Rejected::InvalidConfig {
            error: ConfigError::typed(field, message, problem),
        };
        if spec.topics.len() > topics::TOPICS_MAX {
            return Err(Rejected::InvalidConfig { error: ConfigError::at_most("topics", topics::TOPICS_MAX as u64) });
        }
        let mut counts = Vec::with_capacity(spec.topics.len());
        for (i, t) in spec.topics.iter().enumerate() {
            if t.weight == 0 || t.weight > config::TOPIC_WEIGHT_MAX {
                return Err(Rejected::InvalidConfig {
                    error: ConfigError::between(format!("topics[{i}].weight"), 1, config::TOPIC_WEIGHT_MAX),
                });
            }
            if spec.topics[..i].iter().any(|o| o.topic == t.topic) {
                let problem = ConfigProblem::Twice { value: t.topic.clone() };
                return Err(invalid(format!("topics[{i}].topic"), format!("{} is listed twice", t.topic), problem));
            }
            let Some(topic) = self.topics.get(&t.topic) else {
                let message = format!(
                    "unknown topic {} (create it first: the playground's brokers run with auto.create.topics.enable=false)",
                    t.topic
                );
                let problem = ConfigProblem::UnknownTopic { topic: t.topic.clone() };
                return Err(invalid(format!("topics[{i}].topic"), message, problem));
            };
            counts.push(topic.partitions());
        }
        let first = match counts.first() {
            Some(n) => *n,
            None => self.topics.get(&self.config.topic).map_or(0, |t| t.partitions()),
        };
        let others =
            counts.iter().skip(1).map(|n| (partitioner::StickyPartitioner::new(spec.batch_size), *n)).collect();
        Ok((first, others))
    }

    /// An empty log in `slot` (a new slot at the end, or a freed one).
    fn install_log(&mut self, slot: u32, limits: log::LogLimits) {
        let log = PartitionLog::new(slot, limits);
        match self.logs.get_mut(slot as usize) {
            Some(l) => *l = log,
            None => self.logs.push(log),
        }
    }
}

/// `createPartitions`' checks, with the KRaft controller's messages.
fn check_increase(topic: &str, current: u32, partitions: u32) -> Result<(), Rejected> {
    if partitions < current {
        return Err(Rejected::InvalidPartitions {
            message: format!(
                "The topic {topic} currently has {current} partition(s); {partitions} would not be an increase."
            ),
        });
    }
    if partitions == current {
        return Err(Rejected::InvalidPartitions { message: format!("Topic already has {current} partition(s).") });
    }
    config::validate_partitions(partitions).map_err(|error| Rejected::InvalidConfig { error })
}
