//! Commands: what a caller (a tool, the timeline, the page) asks of the simulation, carried
//! out now or refused with nothing changed.

use super::*;

impl Sim {
    /// Carry out a command now; the events it caused come back. On `Err` nothing changed.
    pub fn apply(&mut self, command: Command) -> Result<Vec<Event>, Rejected> {
        let time_ms = self.now_ms();
        match command {
            Command::AddProducer { spec } => self.add_producer(spec),
            Command::ConsoleProduce { records } => self.console_produce(None, records),
            Command::ConsoleProduceTo { topic, records } => {
                let topic = Some(topic).filter(|t| *t != self.config.topic);
                self.console_produce(topic, records)
            }
            Command::UpdateProducer { producer, spec } => self.update_producer(producer, spec),
            Command::RemoveProducer { producer } => {
                let p = self.producers.get_mut(&producer).ok_or(Rejected::UnknownProducer { producer })?;
                if p.state == ProducerState::Closing {
                    return Ok(Vec::new());
                }
                p.start_closing();
                let mut events = vec![Event::ProducerClosing { time_ms, producer }];
                if p.is_idle() {
                    self.producers.remove(&producer);
                    events.push(Event::ProducerRemoved { time_ms, producer });
                }
                Ok(events)
            }
            Command::AddConsumer { spec } => {
                let now = self.now_us;
                let (_, events) =
                    self.consumers.add_consumer(spec, now).map_err(|error| Rejected::InvalidConfig { error })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::CrashConsumer { consumer } => {
                let now = self.now_us;
                let events = self.consumers.crash(consumer, now).ok_or(Rejected::UnknownConsumer { consumer })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::RestartConsumer { consumer } => {
                let now = self.now_us;
                let events = self.consumers.restart(consumer, now).ok_or(Rejected::UnknownConsumer { consumer })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::CloseConsumer { consumer } => {
                let now = self.now_us;
                let events = self.consumers.close(consumer, now).ok_or(Rejected::UnknownConsumer { consumer })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::StopBroker { broker } => {
                self.cluster_command(|c, now, logs, out| c.stop_broker(broker, now, logs, out))
            }
            Command::CrashBroker { broker } => {
                self.cluster_command(|c, now, _, out| c.crash_broker(broker, now, out).map(|_| Vec::new()))
            }
            Command::RestartBroker { broker } => {
                self.cluster_command(|c, now, logs, out| c.restart_broker(broker, now, logs, out))
            }
            Command::AddBroker { broker, rack } => self.cluster_command(|c, _, _, out| {
                c.add_broker(cluster::BrokerSpec { id: broker, rack }, out).map(|_| Vec::new())
            }),
            Command::RemoveBroker { broker } => {
                self.cluster_command(|c, _, _, out| c.remove_broker(broker, out).map(|_| Vec::new()))
            }
            Command::AlterPartitionReassignments { targets } => self.alter_reassignments(targets),
            Command::AlterThrottleConfig { change } => self.cluster_command(|c, _, _, out| {
                c.alter_throttle_config(change, out)?;
                Ok(Vec::new())
            }),
            Command::SetReplicationThrottles { leader, follower, brokers, rate } => {
                self.cluster_command(|c, _, _, out| {
                    c.set_throttles(
                        leader.into_iter().collect(),
                        follower.into_iter().collect(),
                        &brokers.into_iter().collect(),
                        rate,
                        out,
                    );
                    Ok(Vec::new())
                })
            }
            Command::SetProduceLimit { bytes_per_s } => {
                if bytes_per_s.is_some_and(|b| b < 1_000) {
                    return Err(Rejected::InvalidConfig {
                        error: ConfigError::typed(
                            "produce.bytes.per.sec",
                            "must be at least 1000 (or empty for no limit)",
                            super::error::ConfigProblem::AtLeastOrEmpty { min: 1000 },
                        ),
                    });
                }
                self.cluster.config.produce_bytes_per_s = bytes_per_s;
                Ok(Vec::new())
            }
            Command::SetPushComparison { config } => self.set_push_comparison(config),
            Command::ClearReplicationThrottles => self.cluster_command(|c, _, _, out| {
                c.clear_throttles(out);
                Ok(Vec::new())
            }),
            Command::AlterGroupOffsets { group, offsets } => {
                let now = self.now_us;
                let mut named = Vec::with_capacity(offsets.len());
                for (slot, offset) in &offsets {
                    let Some((topic, partition)) = self.topics.owner(*slot) else {
                        let name = match *slot < self.topics.slots_len() {
                            true => self.topics.partition_name(*slot),
                            false => format!("{}-{slot}", self.config.topic),
                        };
                        let message = format!("partition {name} does not exist");
                        return Err(Rejected::GroupOffsets { message });
                    };
                    named.push((*slot, topic.to_string(), partition, *offset));
                }
                let events = self
                    .consumers
                    .admin_commit_named(&group, &named, now)
                    .map_err(|message| Rejected::GroupOffsets { message })?;
                Ok(events.into_iter().map(|detail| Event::Consumer { time_ms, detail }).collect())
            }
            Command::AlterPartitions { partitions } => self.alter_partitions(partitions),
            Command::CreateTopic { spec } => self.create_topic(spec),
            Command::DeleteTopic { topic } => self.delete_topic(&topic),
            Command::AlterTopicPartitions { topic, partitions } => self.alter_topic_partitions(&topic, partitions),
        }
    }

    fn console_produce(&mut self, topic: Option<String>, records: Vec<TypedRecord>) -> Result<Vec<Event>, Rejected> {
        let time_ms = self.now_ms();
        let topics: Vec<config::TopicWeight> =
            topic.into_iter().map(|topic| config::TopicWeight { topic, weight: 1 }).collect();
        let mut keys = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            let key = match &r.key {
                None => None,
                Some(k) => Some(Key::from_bytes(k.as_bytes()).ok_or_else(|| Rejected::InvalidConfig {
                    error: ConfigError::typed(
                        "key",
                        format!("line {}: keys are at most 32 bytes in the playground", i + 1),
                        super::error::ConfigProblem::KeyOnLine { line: i as u32 + 1, max: 32 },
                    ),
                })?),
            };
            keys.push(key);
        }
        let mut events = Vec::new();
        let existing = self
            .producers
            .values()
            .find(|p| p.manual_only() && p.state == ProducerState::Running && p.spec.topics == topics)
            .map(|p| p.id);
        let id = match existing {
            Some(id) => id,
            None => {
                if self.producers.len() >= PRODUCERS_MAX {
                    return Err(Rejected::TooManyProducers { max: PRODUCERS_MAX });
                }
                let mut spec = ProducerSpec::new(CONSOLE_PRODUCER_ID, 1.0, config::KeyMode::None);
                spec.linger_ms = 1000;
                spec.value_bytes = 0;
                spec.topics = topics;
                let mut producer = self.new_producer(spec)?;
                let id = producer.id;
                producer.next_send_us = u64::MAX;
                self.producers.insert(id, producer);
                events.push(Event::ProducerAdded { time_ms, producer: id, client_id: CONSOLE_PRODUCER_ID.into() });
                id
            }
        };
        let now_us = self.now_us;
        let room = producer::MANUAL_SENDS_MAX - self.producers[&id].manual.len();
        if records.len() > room {
            return Err(Rejected::InvalidConfig {
                error: ConfigError::typed(
                    "records",
                    format!("at most {room} more typed records are queued"),
                    super::error::ConfigProblem::QueueRoom { room: room as u64 },
                ),
            });
        }
        for (r, key) in records.into_iter().zip(keys) {
            let value_bytes = r.value.len() as u32;
            let value_id = self.values.add(r.value);
            let p = self.producers.get_mut(&id).expect("found or created");
            p.manual.push_back(producer::ManualSend { at_us: now_us, key, value_bytes, value_id });
        }
        Ok(events)
    }

    fn alter_reassignments(
        &mut self,
        targets: Vec<(u32, Option<Vec<cluster::BrokerId>>)>,
    ) -> Result<Vec<Event>, Rejected> {
        // All or nothing: check every target first.
        let partitions = self.partition_count();
        for (p, t) in &targets {
            if *p >= partitions {
                return Err(Rejected::Cluster { error: cluster::ClusterError::UnknownPartition { partition: *p } });
            }
            match t {
                Some(t) => {
                    if let Some(b) = t.iter().find(|b| !self.cluster.brokers.contains_key(b)) {
                        return Err(Rejected::Cluster {
                            error: cluster::ClusterError::InvalidReplicas {
                                message: format!("The manual partition assignment includes broker {b}, but no such broker is registered."),
                            },
                        });
                    }
                    let mut seen = crate::util::ordmap::OrdSet::new();
                    if t.is_empty() || t.iter().any(|b| !seen.insert(*b)) {
                        return Err(Rejected::Cluster {
                            error: cluster::ClusterError::InvalidReplicas {
                                message:
                                    "The manual partition assignment includes an empty or duplicated replica list."
                                        .into(),
                            },
                        });
                    }
                }
                None => {
                    if self.cluster.partitions[*p as usize].reassignment.is_none() {
                        return Err(Rejected::Cluster {
                            error: cluster::ClusterError::NoReassignment { partition: *p },
                        });
                    }
                }
            }
        }
        self.cluster_command(|c, now, logs, out| {
            for (p, t) in targets {
                match t {
                    Some(t) => c.reassign(p, t, now, logs, out)?,
                    None => c.cancel_reassignment(p, logs, out)?,
                }
            }
            Ok(Vec::new())
        })
    }

    fn set_push_comparison(&mut self, config: Option<push::PushConfig>) -> Result<Vec<Event>, Rejected> {
        if let Some(c) = &config {
            if c.buffer_records == 0 || c.buffer_records > push::PUSH_BUFFER_MAX {
                return Err(Rejected::InvalidConfig {
                    error: ConfigError::between("push.buffer.records", 1, push::PUSH_BUFFER_MAX),
                });
            }
            if c.processing_us == 0 || c.processing_us > 3_600_000_000 {
                return Err(Rejected::InvalidConfig {
                    error: ConfigError::between("processing.ms", "0.001", "3600000"),
                });
            }
        }
        self.push = config.map(push::PushModel::new);
        Ok(Vec::new())
    }

    /// Run a cluster command with the logs as the cluster sees them; apply any truncation it
    /// causes and report its events.
    fn cluster_command(
        &mut self,
        f: impl FnOnce(
            &mut cluster::Cluster,
            u64,
            &[&dyn cluster::LeaderLog],
            &mut Vec<cluster::ClusterEvent>,
        ) -> Result<Vec<(u32, u64)>, cluster::ClusterError>,
    ) -> Result<Vec<Event>, Rejected> {
        let now = self.now_us;
        let time_ms = now / 1000;
        let mut events = Vec::new();
        let views: Vec<&dyn cluster::LeaderLog> = self.logs.iter().map(|l| l as &dyn cluster::LeaderLog).collect();
        let mut scratch = self.cluster.clone();
        let truncations = f(&mut scratch, now, &views, &mut events).map_err(|error| Rejected::Cluster { error })?;
        self.cluster = scratch;
        let mut out = Vec::new();
        self.apply_truncations(&truncations, now, &mut out);
        out.splice(0..0, events.into_iter().map(|detail| Event::Cluster { time_ms, detail }));
        self.complete_acks(now, &mut out);
        Ok(out)
    }
    /// A producer starts (its settings checked, at most `PRODUCERS_MAX`).
    fn add_producer(&mut self, spec: ProducerSpec) -> Result<Vec<Event>, Rejected> {
        let time_ms = self.now_ms();
        spec.validate().map_err(|error| Rejected::InvalidConfig { error })?;
        if self.producers.len() >= PRODUCERS_MAX {
            return Err(Rejected::TooManyProducers { max: PRODUCERS_MAX });
        }
        let client_id = spec.client_id.clone();
        let producer = self.new_producer(spec)?;
        let id = producer.id;
        self.producers.insert(id, producer);
        Ok(vec![Event::ProducerAdded { time_ms, producer: id, client_id }])
    }

    /// New settings for a running producer (a rate change restarts its schedule now).
    fn update_producer(&mut self, producer: ProducerId, spec: ProducerSpec) -> Result<Vec<Event>, Rejected> {
        let time_ms = self.now_ms();
        spec.validate().map_err(|error| Rejected::InvalidConfig { error })?;
        let (known, others) = self.producer_topics(&spec)?;
        let p = self.producers.get_mut(&producer).ok_or(Rejected::UnknownProducer { producer })?;
        let rate_changed = p.spec.rate_records_per_s != spec.rate_records_per_s || p.spec.rate_mode != spec.rate_mode;
        if p.spec.topics != spec.topics {
            p.partitioner = partitioner::StickyPartitioner::new(spec.batch_size);
            (p.known_partitions, p.other_topics) = (known, others);
        }
        p.update_spec(spec);
        if rate_changed {
            p.schedule_start_us = self.now_us;
            p.next_send_us = self.now_us.max(p.next_send_us.min(self.now_us + p.interval_us()));
        }
        Ok(vec![Event::ProducerUpdated { time_ms, producer }])
    }
}
