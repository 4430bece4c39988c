//! The shapes of the scenario file, with Kafka's defaults for absent settings (read by hand
//! from the one JSON reader, [`crate::sim::cluster::json`]: no serde in the browser bundle).

use crate::sim::cluster::json::Json;

use super::*;
use crate::sim::config::{self, ConfigError, KeyMode, RateMode};
use crate::sim::consumer::{CommitStrategy, OffsetReset, Subscription};
use crate::sim::group::assignor::Strategy;

use super::reader::{bad, setting, Bad};

pub(super) struct ScenarioJson {
    pub(super) version: u32,
    pub(super) seed: u64,
    pub(super) until_ms: u64,
    /// The first topic (the one the page draws first); optional when `topics` is given.
    pub(super) topic: Option<TopicJson>,
    /// More topics, created at time 0 (or all of them, the first one first, without `topic`).
    pub(super) topics: Vec<TopicJson>,
    pub(super) network_latency_ms: f64,
    pub(super) producers: Vec<ProducerJson>,
    pub(super) consumers: Vec<ConsumerJson>,
    pub(super) initial_rebalance_delay_ms: u64,
    pub(super) offsets_topic_partitions: u32,
    pub(super) offsets_retention_minutes: u64,
    pub(super) offsets_retention_check_interval_ms: u64,
    pub(super) cluster: Option<ClusterJson>,
    /// The push-model comparison consumer.
    pub(super) push: Option<PushJson>,
    pub(super) timeline: Vec<StepJson>,
}

pub(super) fn default_offsets_retention_minutes() -> u64 {
    10_080
}
pub(super) fn default_offsets_retention_check() -> u64 {
    600_000
}

pub(super) fn default_initial_delay() -> u64 {
    3_000
}
pub(super) fn default_offsets_partitions() -> u32 {
    50
}

/// A consumer as written in a scenario; validated into a [`ConsumerSpec`].
pub(super) struct ConsumerJson(pub(super) ConsumerSpec);

pub(super) struct ConsumerFields {
    pub(super) client_id: String,
    /// `subscribe(Collection<String>)` (absent: the first topic).
    pub(super) topics: Option<Vec<String>>,
    /// `subscribe(Pattern)`: a regular expression matched against whole topic names.
    pub(super) pattern: Option<String>,
    pub(super) group_id: String,
    pub(super) group_instance_id: Option<String>,
    /// The application's commit strategy (`auto` means `enable.auto.commit=true`).
    pub(super) commit: CommitStrategy,
    pub(super) auto_commit_interval_ms: u64,
    pub(super) max_poll_records: u32,
    pub(super) max_poll_interval_ms: u64,
    pub(super) session_timeout_ms: u64,
    pub(super) heartbeat_interval_ms: u64,
    pub(super) assignor: Strategy,
    pub(super) auto_offset_reset: String,
    pub(super) fetch_max_wait_ms: u64,
    pub(super) fetch_min_bytes: u64,
    pub(super) fetch_max_bytes: u64,
    pub(super) max_partition_fetch_bytes: u64,
    pub(super) metadata_max_age_ms: u64,
    /// `{"high": 500, "low": 100}`: the application queues records, pausing and resuming.
    pub(super) pause_resume: Option<PauseJson>,
    pub(super) processing_ms: Option<ProcessingJson>,
}

pub(super) struct PauseJson {
    pub(super) high: u32,
    pub(super) low: u32,
}

/// `"processing.ms": {"min": 20, "max": 80}` (uniform), or equal min and max for a fixed time.
pub(super) struct ProcessingJson {
    pub(super) min: u64,
    pub(super) max: u64,
}

/// Kafka's consumer defaults: the one source is `ConsumerSpec::new`.
fn kafka_consumer() -> crate::sim::consumer::ConsumerSpec {
    crate::sim::consumer::ConsumerSpec::new("", "")
}

/// Kafka's producer defaults: the one source is `ProducerSpec::new`.
fn kafka_producer() -> ProducerSpec {
    ProducerSpec::new("", 1.0, KeyMode::None)
}

pub(super) fn default_commit() -> CommitStrategy {
    let k = kafka_consumer();
    k.commit
}
pub(super) fn default_auto_commit_interval() -> u64 {
    let k = kafka_consumer();
    k.auto_commit_interval_ms
}
pub(super) fn default_max_poll_records() -> u32 {
    let k = kafka_consumer();
    k.max_poll_records
}
pub(super) fn default_max_poll_interval() -> u64 {
    let k = kafka_consumer();
    k.max_poll_interval_ms
}
pub(super) fn default_session_timeout() -> u64 {
    let k = kafka_consumer();
    k.session_timeout_ms
}
pub(super) fn default_heartbeat() -> u64 {
    let k = kafka_consumer();
    k.heartbeat_interval_ms
}
pub(super) fn default_assignor() -> Strategy {
    let k = kafka_consumer();
    k.assignor
}
pub(super) fn default_reset() -> String {
    let k = kafka_consumer();
    k.auto_offset_reset.config_value()
}
pub(super) fn default_fetch_wait() -> u64 {
    let k = kafka_consumer();
    k.fetch_max_wait_ms
}
pub(super) fn default_fetch_min() -> u64 {
    let k = kafka_consumer();
    k.fetch_min_bytes
}
pub(super) fn default_fetch_max() -> u64 {
    let k = kafka_consumer();
    k.fetch_max_bytes
}
pub(super) fn default_partition_fetch_max() -> u64 {
    let k = kafka_consumer();
    k.max_partition_fetch_bytes
}

impl TryFrom<ConsumerFields> for ConsumerJson {
    type Error = Bad;
    fn try_from(f: ConsumerFields) -> Result<Self, Bad> {
        let (min, max) = match f.processing_ms {
            None => (10, 10),
            Some(ProcessingJson { min, max }) => (min, max),
        };
        let subscription = match (f.topics, f.pattern) {
            (Some(_), Some(_)) => {
                let message = "give topics or pattern, not both (subscribe(Collection) or subscribe(Pattern))";
                return Err(bad("pattern", message, ScenarioProblem::TopicsOrPattern));
            }
            (Some(t), None) if t.is_empty() => {
                return Err(bad("topics", "name at least one topic", ScenarioProblem::NoTopics))
            }
            (Some(t), None) => Subscription::Topics(t),
            (None, Some(p)) => Subscription::Pattern(p),
            (None, None) => Subscription::Topics(Vec::new()),
        };
        let spec = ConsumerSpec {
            subscription,
            client_id: f.client_id,
            group_id: f.group_id,
            group_instance_id: f.group_instance_id,
            commit: f.commit,
            auto_commit_interval_ms: f.auto_commit_interval_ms,
            max_poll_records: f.max_poll_records,
            max_poll_interval_ms: f.max_poll_interval_ms,
            session_timeout_ms: f.session_timeout_ms,
            heartbeat_interval_ms: f.heartbeat_interval_ms,
            assignor: f.assignor,
            auto_offset_reset: OffsetReset::parse(&f.auto_offset_reset).map_err(|e| {
                setting(
                    "",
                    ConfigError::kafka(
                        "auto.offset.reset",
                        "ConfigException",
                        e,
                        crate::sim::error::ConfigProblem::OneOf { values: OFFSET_RESET_VALUES },
                    ),
                )
            })?,
            fetch_max_wait_ms: f.fetch_max_wait_ms,
            fetch_min_bytes: f.fetch_min_bytes,
            fetch_max_bytes: f.fetch_max_bytes,
            max_partition_fetch_bytes: f.max_partition_fetch_bytes,
            metadata_max_age_ms: f.metadata_max_age_ms,
            pause_resume: f.pause_resume.map(|p| (p.high, p.low)),
            processing_ms_min: min,
            processing_ms_max: max,
        };
        spec.validate().map_err(|e| setting("", e))?;
        Ok(ConsumerJson(spec))
    }
}

pub(super) fn default_seed() -> u64 {
    1
}
pub(super) fn default_until_ms() -> u64 {
    10_000
}
pub(super) fn default_latency_ms() -> f64 {
    2.0
}

pub(super) struct TopicJson {
    pub(super) name: String,
    pub(super) partitions: u32,
    /// Topic configs, Kafka's names; -1 means unlimited where Kafka allows it.
    pub(super) retention_ms: i64,
    pub(super) retention_bytes: i64,
    pub(super) segment_bytes: u64,
    pub(super) segment_ms: u64,
    pub(super) retention_check_interval_ms: u64,
    pub(super) replication_factor: u16,
    pub(super) min_insync_replicas: u16,
    pub(super) unclean_leader_election: bool,
    /// `--replica-assignment`: the replicas of each partition (instead of placing them).
    pub(super) replica_assignment: Option<Vec<Vec<i32>>>,
}

impl TopicJson {
    /// A topic created on the running cluster (`create.topic`, `topics[i]`): the per-topic
    /// settings; the settings kept for the whole cluster must stay at their defaults.
    pub(super) fn into_spec(self) -> Result<crate::sim::topics::TopicSpec, Bad> {
        let at = |field: &str, e: ConfigError| setting("", ConfigError { field: field.into(), ..e });
        config::validate_topic_name(&self.name).map_err(|e| at("name", e))?;
        config::validate_partitions(self.partitions).map_err(|e| at("partitions", e))?;
        if self.retention_ms < -1 || self.retention_bytes < -1 {
            let message = "retention.ms and retention.bytes must be -1 (unlimited) or at least 0";
            return Err(bad("retention.ms", message, ScenarioProblem::UnlimitedOrAtLeastZero));
        }
        if self.segment_bytes < 100 {
            return Err(setting("", ConfigError::at_least("segment.bytes", 100)));
        }
        if self.segment_ms == 0 {
            return Err(setting("", ConfigError::at_least("segment.ms", 1)));
        }
        if self.min_insync_replicas != 1
            || self.unclean_leader_election
            || self.retention_check_interval_ms != default_retention_check()
        {
            let message = "min.insync.replicas, unclean.leader.election.enable and log.retention.check.interval.ms are set for the whole cluster, on the first topic";
            return Err(bad("min.insync.replicas", message, ScenarioProblem::ClusterWide));
        }
        let mut spec = crate::sim::topics::TopicSpec::new(self.name, self.partitions);
        spec.replication_factor = Some(self.replication_factor);
        spec.retention_ms = u64::try_from(self.retention_ms).ok();
        spec.retention_bytes = u64::try_from(self.retention_bytes).ok();
        spec.log_limits.segment_bytes = self.segment_bytes;
        spec.log_limits.segment_ms = self.segment_ms;
        spec.replica_assignment = self.replica_assignment;
        Ok(spec)
    }
}

pub(super) fn default_one_u16() -> u16 {
    1
}

pub(super) struct PushJson {
    pub(super) buffer_records: u64,
    pub(super) overflow: crate::sim::push::Overflow,
    pub(super) processing_ms: f64,
}

pub(super) fn default_overflow() -> crate::sim::push::Overflow {
    crate::sim::push::Overflow::Drop
}

/// The brokers and their settings.
pub(super) struct ClusterJson {
    /// Broker ids (`[1, 2, 3]`) or objects with racks (`[{"id": 1, "rack": "a"}]`).
    pub(super) brokers: Vec<BrokerJson>,
    pub(super) replica_lag_time_max_ms: u64,
    pub(super) broker_session_timeout_ms: u64,
    pub(super) auto_leader_rebalance: bool,
    pub(super) leader_imbalance_check_interval_seconds: u64,
    /// Playground: bytes/s one broker fetches as a follower.
    pub(super) replication_bytes_per_sec: u64,
    /// Playground: a fixed start index for placing the topic's replicas (random if absent).
    pub(super) placement_start_index: Option<i32>,
    /// Playground: bytes/s each broker can append for producers (unlimited if absent).
    pub(super) produce_bytes_per_sec: Option<u64>,
}

pub(super) enum BrokerJson {
    Id(i32),
    Full { id: i32, rack: Option<String> },
}

pub(super) fn default_lag_max() -> u64 {
    30_000
}
pub(super) fn default_broker_session() -> u64 {
    9_000
}
pub(super) fn default_true() -> bool {
    true
}
pub(super) fn default_imbalance_check() -> u64 {
    300
}
pub(super) fn default_replication_rate() -> u64 {
    20_000_000
}

pub(super) fn default_retention_ms() -> i64 {
    604_800_000
}
pub(super) fn default_retention_bytes() -> i64 {
    -1
}
pub(super) fn default_segment_bytes() -> u64 {
    1_073_741_824
}
pub(super) fn default_segment_ms() -> u64 {
    604_800_000
}
pub(super) fn default_retention_check() -> u64 {
    300_000
}

pub(super) fn default_topic() -> String {
    "orders".to_string()
}

/// A producer as written in a scenario; validated into a [`ProducerSpec`].
pub(super) struct ProducerJson(pub(super) ProducerSpec);

pub(super) struct ProducerFields {
    pub(super) client_id: String,
    /// The topics it sends to, with weights (absent: the first topic).
    pub(super) topics: Vec<TopicWeightJson>,
    pub(super) rate: RateJson,
    pub(super) keys: KeyMode,
    pub(super) value_bytes: u32,
    pub(super) batch_size: u32,
    pub(super) linger_ms: u64,
    pub(super) buffer_memory: u64,
    pub(super) max_in_flight: u32,
    pub(super) metadata_max_age_ms: u64,
    /// `"all"`, `"-1"`, `"0"`, `"1"` (a number is accepted too).
    pub(super) acks: AcksJson,
    pub(super) delivery_timeout_ms: u64,
    pub(super) retry_backoff_ms: u64,
    pub(super) max_block_ms: u64,
}

pub(super) fn default_max_block() -> u64 {
    kafka_producer().max_block_ms
}

/// `acks` as a string or a number.
pub(super) enum AcksJson {
    Text(String),
    Number(i64),
}

impl std::fmt::Display for AcksJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AcksJson::Text(t) => write!(f, "{t}"),
            AcksJson::Number(n) => write!(f, "{n}"),
        }
    }
}

pub(super) fn default_acks() -> AcksJson {
    AcksJson::Text("all".into())
}
pub(super) fn default_delivery_timeout() -> u64 {
    kafka_producer().delivery_timeout_ms
}
pub(super) fn default_retry_backoff() -> u64 {
    kafka_producer().retry_backoff_ms
}

pub(super) fn default_keys() -> KeyMode {
    KeyMode::None
}
pub(super) fn default_value_bytes() -> u32 {
    kafka_producer().value_bytes
}
pub(super) fn default_batch_size() -> u32 {
    kafka_producer().batch_size
}
pub(super) fn default_linger_ms() -> u64 {
    kafka_producer().linger_ms
}
pub(super) fn default_buffer_memory() -> u64 {
    kafka_producer().buffer_memory
}
pub(super) fn default_max_in_flight() -> u32 {
    kafka_producer().max_in_flight
}
pub(super) fn default_metadata_max_age_ms() -> u64 {
    kafka_producer().metadata_max_age_ms
}

pub(super) struct RateJson {
    pub(super) records_per_sec: f64,
    pub(super) mode: RateModeName,
    pub(super) burst_ms: Option<u64>,
    pub(super) idle_ms: Option<u64>,
}

#[derive(Clone, Copy)]
pub(super) enum RateModeName {
    Steady,
    Bursty,
}

pub(super) fn default_rate_mode() -> RateModeName {
    RateModeName::Steady
}

impl TryFrom<ProducerFields> for ProducerJson {
    type Error = Bad;
    fn try_from(f: ProducerFields) -> Result<Self, Bad> {
        let rate_mode = match (f.rate.mode, f.rate.burst_ms, f.rate.idle_ms) {
            (RateModeName::Steady, None, None) => RateMode::Steady,
            (RateModeName::Steady, _, _) => {
                let message = "burst.ms and idle.ms apply only to \"mode\": \"bursty\"";
                return Err(bad("rate", message, ScenarioProblem::BurstyOnly));
            }
            (RateModeName::Bursty, Some(burst_ms), Some(idle_ms)) => RateMode::Bursty { burst_ms, idle_ms },
            (RateModeName::Bursty, _, _) => {
                return Err(bad("rate", "bursty mode needs burst.ms and idle.ms", ScenarioProblem::BurstyNeeds))
            }
        };
        let spec = ProducerSpec {
            topics: f
                .topics
                .into_iter()
                .map(|t| match t {
                    TopicWeightJson::Name(topic) => config::TopicWeight { topic, weight: 1 },
                    TopicWeightJson::Weighted { topic, weight } => config::TopicWeight { topic, weight },
                })
                .collect(),
            client_id: f.client_id,
            rate_records_per_s: f.rate.records_per_sec,
            rate_mode,
            keys: f.keys,
            value_bytes: f.value_bytes,
            batch_size: f.batch_size,
            linger_ms: f.linger_ms,
            buffer_memory: f.buffer_memory,
            max_in_flight: f.max_in_flight,
            metadata_max_age_ms: f.metadata_max_age_ms,
            acks: config::Acks::parse(&f.acks.to_string()).map_err(|e| producer_setting(e))?,
            delivery_timeout_ms: f.delivery_timeout_ms,
            retry_backoff_ms: f.retry_backoff_ms,
            max_block_ms: f.max_block_ms,
        };
        spec.validate().map_err(producer_setting)?;
        Ok(ProducerJson(spec))
    }
}

/// A producer's topic: `"orders"` or `{"topic": "orders", "weight": 3}`.
pub(super) enum TopicWeightJson {
    Name(String),
    Weighted { topic: String, weight: u32 },
}

/// `alter.partitions`: a count (the first topic) or `{"topic": "payments", "partitions": 6}`.
pub(super) enum AlterJson {
    Count(u32),
    Topic { topic: String, partitions: u32 },
}

/// A producer setting's refusal, at the field the file spells (`rate.records.per.sec`).
fn producer_setting(e: ConfigError) -> Bad {
    let field = match e.field.as_str() {
        "rate" => "rate.records.per.sec".to_string(),
        other => other.to_string(),
    };
    setting("", ConfigError { field, ..e })
}

/// `auto.offset.reset`'s values, as its validator lists them.
const OFFSET_RESET_VALUES: &str = "latest, earliest, none, by_duration:<PnDTnHnMn.nS>";

pub(super) struct StepJson(pub(super) Step);

pub(super) struct StepFields {
    pub(super) at_ms: u64,
    pub(super) alter_partitions: Option<AlterJson>,
    /// `kafka-topics.sh --create` on the running cluster: a topic as in `topics`.
    pub(super) create_topic: Option<TopicJson>,
    pub(super) delete_topic: Option<String>,
    pub(super) add_producer: Option<ProducerJson>,
    pub(super) update_producer: Option<ProducerJson>,
    pub(super) remove_producer: Option<String>,
    pub(super) add_consumer: Option<ConsumerJson>,
    pub(super) crash_consumer: Option<String>,
    pub(super) restart_consumer: Option<String>,
    pub(super) close_consumer: Option<String>,
    pub(super) stop_broker: Option<i32>,
    pub(super) crash_broker: Option<i32>,
    pub(super) restart_broker: Option<i32>,
    pub(super) add_broker: Option<BrokerJson>,
    pub(super) remove_broker: Option<i32>,
    /// `{"reassignment": {...Kafka's JSON...}, "throttle": 1000000, "additional": false}`
    pub(super) execute_reassignment: Option<ExecuteJson>,
    /// Kafka's reassignment JSON.
    pub(super) verify_reassignment: Option<Json>,
    pub(super) cancel_reassignment: Option<Json>,
    /// A Kafka tool's command line, e.g. `kafka-topics.sh --bootstrap-server localhost:9092
    /// --alter --topic orders --partitions 6`.
    pub(super) console: Option<String>,
    /// Lines typed into the console producer started by `console`.
    pub(super) input: Vec<String>,
    /// Files the `console` command reads (`--reassignment-json-file`), name to text.
    pub(super) files: crate::util::ordmap::OrdMap<String, String>,
    /// The brokers' produce limit (playground), bytes/s; 0 removes it.
    pub(super) produce_limit: Option<u64>,
    /// Start the push-model comparison.
    pub(super) push: Option<PushJson>,
    pub(super) stop_push: bool,
}

pub(super) struct ExecuteJson {
    pub(super) reassignment: Json,
    pub(super) throttle: Option<i64>,
    pub(super) additional: bool,
}

impl TryFrom<StepFields> for StepJson {
    type Error = Bad;
    fn try_from(f: StepFields) -> Result<Self, Bad> {
        if f.at_ms > UNTIL_MS_MAX {
            let problem = ScenarioProblem::Setting {
                problem: crate::sim::error::ConfigProblem::Between { min: "0".into(), max: UNTIL_MS_MAX.to_string() },
                exception: None,
            };
            return Err(bad("at.ms", format!("must be at most {UNTIL_MS_MAX}"), problem));
        }
        let mut actions = Vec::new();
        match f.alter_partitions {
            Some(AlterJson::Count(n)) => actions.push(Action::AlterPartitions(n)),
            Some(AlterJson::Topic { topic, partitions }) => {
                actions.push(Action::AlterTopicPartitions { topic, partitions })
            }
            None => {}
        }
        if let Some(t) = f.create_topic {
            let spec = t.into_spec().map_err(|b| Bad { path: format!("create.topic.{}", b.path), ..b })?;
            actions.push(Action::CreateTopic(spec));
        }
        if let Some(t) = f.delete_topic {
            actions.push(Action::DeleteTopic(t));
        }
        if let Some(p) = f.add_producer {
            actions.push(Action::AddProducer(p.0));
        }
        if let Some(p) = f.update_producer {
            actions.push(Action::UpdateProducer(p.0));
        }
        if let Some(id) = f.remove_producer {
            actions.push(Action::RemoveProducer(id));
        }
        if let Some(c) = f.add_consumer {
            actions.push(Action::AddConsumer(c.0));
        }
        if let Some(id) = f.crash_consumer {
            actions.push(Action::CrashConsumer(id));
        }
        if let Some(id) = f.restart_consumer {
            actions.push(Action::RestartConsumer(id));
        }
        if let Some(id) = f.close_consumer {
            actions.push(Action::CloseConsumer(id));
        }
        if let Some(b) = f.stop_broker {
            actions.push(Action::StopBroker(b));
        }
        if let Some(b) = f.crash_broker {
            actions.push(Action::CrashBroker(b));
        }
        if let Some(b) = f.restart_broker {
            actions.push(Action::RestartBroker(b));
        }
        if let Some(b) = f.add_broker {
            actions.push(match b {
                BrokerJson::Id(id) => Action::AddBroker { id, rack: None },
                BrokerJson::Full { id, rack } => Action::AddBroker { id, rack },
            });
        }
        if let Some(b) = f.remove_broker {
            actions.push(Action::RemoveBroker(b));
        }
        if let Some(e) = f.execute_reassignment {
            let json = e.reassignment.to_string();
            crate::sim::cluster::reassign::parse_execute_args(&json)
                .map_err(|err| tool_refused("execute.reassignment.reassignment", err))?;
            actions.push(Action::ExecuteReassignment { json, throttle: e.throttle, additional: e.additional });
        }
        if let Some(v) = f.verify_reassignment {
            let json = v.to_string();
            crate::sim::cluster::reassign::parse_reassignment_json(&json)
                .map_err(|err| tool_refused("verify.reassignment", err))?;
            actions.push(Action::VerifyReassignment { json });
        }
        if let Some(v) = f.cancel_reassignment {
            let json = v.to_string();
            crate::sim::cluster::reassign::parse_reassignment_json(&json)
                .map_err(|err| tool_refused("cancel.reassignment", err))?;
            actions.push(Action::CancelReassignment { json });
        }
        if let Some(line) = f.console {
            actions.push(console_step(line, f.input, f.files)?);
        } else if !f.input.is_empty() || !f.files.is_empty() {
            return Err(bad("input", "input and files belong to a console step", ScenarioProblem::ConsoleOnly));
        }
        if let Some(b) = f.produce_limit {
            actions.push(Action::SetProduceLimit((b > 0).then_some(b)));
        }
        if let Some(p) = f.push {
            actions.push(push_step(p)?);
        }
        if f.stop_push {
            actions.push(Action::SetPush(None));
        }
        if actions.len() != 1 {
            let message = "a step needs exactly one of alter.partitions, add.producer, update.producer, remove.producer, add.consumer, crash.consumer, restart.consumer, close.consumer, stop.broker, crash.broker, restart.broker, add.broker, remove.broker, execute.reassignment, verify.reassignment, cancel.reassignment, console, produce.limit, push, stop.push";
            return Err(bad("", message, ScenarioProblem::OneAction));
        }
        Ok(StepJson(Step { at_ms: f.at_ms, action: actions.pop().expect("one action") }))
    }
}

/// A console step: its line splits into words, within the bounds of its input and files.
fn console_step(line: String, input: Vec<String>, files: OrdMap<String, String>) -> Result<Action, Bad> {
    use crate::sim::error::ConfigProblem;
    let bound = |problem: ConfigProblem| ScenarioProblem::Setting { problem, exception: None };
    if line.len() > LINE_BYTES_MAX {
        let problem = bound(ConfigProblem::MaxBytes { max: LINE_BYTES_MAX as u64 });
        return Err(bad("console", format!("at most {} bytes", LINE_BYTES_MAX), problem));
    }
    crate::util::shell::tokenize(&line).map_err(|e| bad("console", e.to_string(), ScenarioProblem::ConsoleLine(e)))?;
    let max = crate::sim::producer::MANUAL_SENDS_MAX;
    if input.len() > max {
        return Err(bad("input", format!("at most {max} lines"), bound(ConfigProblem::AtMost { max: max as u64 })));
    }
    if files.len() > FILES_MAX {
        let problem = bound(ConfigProblem::AtMost { max: FILES_MAX as u64 });
        return Err(bad("files", format!("at most {}", FILES_MAX), problem));
    }
    Ok(Action::Console(Replay { line, input, files }))
}

/// A `push` step: the comparison's buffer and processing time within their bounds.
fn push_step(p: PushJson) -> Result<Action, Bad> {
    if p.buffer_records == 0 || p.buffer_records > crate::sim::push::PUSH_BUFFER_MAX {
        return Err(setting("", ConfigError::between("push.buffer.records", 1, crate::sim::push::PUSH_BUFFER_MAX)));
    }
    if !p.processing_ms.is_finite() || p.processing_ms <= 0.0 || p.processing_ms > 3_600_000.0 {
        return Err(setting("", super::push_processing_error()));
    }
    Ok(Action::SetPush(Some(crate::sim::push::PushConfig {
        buffer_records: p.buffer_records,
        overflow: p.overflow,
        processing_us: ((p.processing_ms * 1000.0).round() as u64).max(1),
    })))
}

/// A reassignment JSON the tool refuses, at `path`: Kafka's exception and text.
fn tool_refused(path: &str, e: crate::sim::cluster::reassign::ToolError) -> Bad {
    let problem = ScenarioProblem::Tool { exception: e.exception, text: e.message.clone() };
    bad(path, e.to_string(), problem)
}
