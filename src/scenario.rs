//! Scenario files: JSON with `"version": 1`, Kafka's setting names, unknown fields rejected.
//!
//! Every error names the field (as a path such as `producers[0].linger.ms`) and the line and
//! column in the JSON text.

use serde::{Deserialize, Serialize};

use crate::sim::config::{self, ConfigError, KeyMode, ProducerSpec, RateMode, SimConfig};
use crate::sim::consumer::{CommitStrategy, ConsumerSpec, OffsetReset};
use crate::sim::group::assignor::Strategy;
use crate::sim::{Command, Event, Rejected, Sim};

/// The scenario format version this build reads.
pub const SCENARIO_VERSION: u32 = 1;
/// Longest simulated run, one day.
pub const UNTIL_MS_MAX: u64 = 86_400_000;
/// Largest scenario text accepted, bytes.
pub const SCENARIO_BYTES_MAX: usize = 256 * 1024;
/// Most timeline steps.
pub const TIMELINE_STEPS_MAX: usize = 1000;

/// A parsed, validated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub seed: u64,
    pub until_ms: u64,
    pub sim: SimConfig,
    pub producers: Vec<ProducerSpec>,
    pub consumers: Vec<ConsumerSpec>,
    /// `group.initial.rebalance.delay.ms`.
    pub initial_rebalance_delay_ms: u64,
    /// `offsets.topic.num.partitions`.
    pub offsets_topic_partitions: u32,
    /// `offsets.retention.minutes` and `offsets.retention.check.interval.ms`.
    pub offsets_retention_minutes: u64,
    pub offsets_retention_check_interval_ms: u64,
    /// The push-model comparison consumer, if any.
    pub push: Option<crate::sim::push::PushConfig>,
    pub timeline: Vec<Step>,
}

/// A command at a simulated time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub at_ms: u64,
    pub action: Action,
}

/// What a timeline step does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    AlterPartitions(u32),
    AddProducer(ProducerSpec),
    UpdateProducer(ProducerSpec),
    /// By `client.id`.
    RemoveProducer(String),
    AddConsumer(ConsumerSpec),
    /// By `client.id`.
    CrashConsumer(String),
    RestartConsumer(String),
    CloseConsumer(String),
    StopBroker(i32),
    CrashBroker(i32),
    RestartBroker(i32),
    AddBroker {
        id: i32,
        rack: Option<String>,
    },
    RemoveBroker(i32),
    /// `kafka-reassign-partitions.sh --execute` with this JSON (as text), an optional
    /// `--throttle` and `--additional`.
    ExecuteReassignment {
        json: String,
        throttle: Option<i64>,
        additional: bool,
    },
    /// `--verify` (clears throttles once nothing is in progress).
    VerifyReassignment {
        json: String,
    },
    CancelReassignment {
        json: String,
    },
    /// A Kafka tool's command line run in the console (the lines typed into it, for the console
    /// producer, and the files it reads).
    Console(crate::console::Replay),
    /// The brokers' produce limit (playground), bytes/s; `None` for none.
    SetProduceLimit(Option<u64>),
    /// Start (or stop, `None`) the push-model comparison.
    SetPush(Option<crate::sim::push::PushConfig>),
}

/// Why a scenario was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// Where in the document, e.g. `producers[0].linger.ms` (empty for the whole document).
    pub path: String,
    /// 1-based line and column in the JSON text (0 when unknown).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = if self.path.is_empty() || self.path == "." { "scenario".to_string() } else { self.path.clone() };
        if self.line > 0 {
            write!(f, "{place}: {} (line {}, column {})", self.message, self.line, self.column)
        } else {
            write!(f, "{place}: {}", self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioJson {
    version: u32,
    #[serde(default = "default_seed")]
    seed: u64,
    #[serde(rename = "until.ms", default = "default_until_ms")]
    until_ms: u64,
    topic: TopicJson,
    #[serde(rename = "network.latency.ms", default = "default_latency_ms")]
    network_latency_ms: f64,
    #[serde(default)]
    producers: Vec<ProducerJson>,
    #[serde(default)]
    consumers: Vec<ConsumerJson>,
    #[serde(rename = "group.initial.rebalance.delay.ms", default = "default_initial_delay")]
    initial_rebalance_delay_ms: u64,
    #[serde(rename = "offsets.topic.num.partitions", default = "default_offsets_partitions")]
    offsets_topic_partitions: u32,
    #[serde(rename = "offsets.retention.minutes", default = "default_offsets_retention_minutes")]
    offsets_retention_minutes: u64,
    #[serde(rename = "offsets.retention.check.interval.ms", default = "default_offsets_retention_check")]
    offsets_retention_check_interval_ms: u64,
    #[serde(default)]
    cluster: Option<ClusterJson>,
    /// The push-model comparison consumer.
    #[serde(default)]
    push: Option<PushJson>,
    #[serde(default)]
    timeline: Vec<StepJson>,
}

fn default_offsets_retention_minutes() -> u64 {
    10_080
}
fn default_offsets_retention_check() -> u64 {
    600_000
}

fn default_initial_delay() -> u64 {
    3_000
}
fn default_offsets_partitions() -> u32 {
    50
}

/// A consumer as written in a scenario; validated into a [`ConsumerSpec`].
#[derive(Deserialize)]
#[serde(try_from = "ConsumerFields")]
struct ConsumerJson(ConsumerSpec);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsumerFields {
    #[serde(rename = "client.id")]
    client_id: String,
    #[serde(rename = "group.id")]
    group_id: String,
    #[serde(rename = "group.instance.id", default)]
    group_instance_id: Option<String>,
    /// The application's commit strategy (`auto` means `enable.auto.commit=true`).
    #[serde(default = "default_commit")]
    commit: CommitStrategy,
    #[serde(rename = "auto.commit.interval.ms", default = "default_auto_commit_interval")]
    auto_commit_interval_ms: u64,
    #[serde(rename = "max.poll.records", default = "default_max_poll_records")]
    max_poll_records: u32,
    #[serde(rename = "max.poll.interval.ms", default = "default_max_poll_interval")]
    max_poll_interval_ms: u64,
    #[serde(rename = "session.timeout.ms", default = "default_session_timeout")]
    session_timeout_ms: u64,
    #[serde(rename = "heartbeat.interval.ms", default = "default_heartbeat")]
    heartbeat_interval_ms: u64,
    #[serde(rename = "partition.assignment.strategy", default = "default_assignor")]
    assignor: Strategy,
    #[serde(rename = "auto.offset.reset", default = "default_reset")]
    auto_offset_reset: String,
    #[serde(rename = "fetch.max.wait.ms", default = "default_fetch_wait")]
    fetch_max_wait_ms: u64,
    #[serde(rename = "fetch.min.bytes", default = "default_fetch_min")]
    fetch_min_bytes: u64,
    #[serde(rename = "fetch.max.bytes", default = "default_fetch_max")]
    fetch_max_bytes: u64,
    #[serde(rename = "max.partition.fetch.bytes", default = "default_partition_fetch_max")]
    max_partition_fetch_bytes: u64,
    #[serde(rename = "metadata.max.age.ms", default = "default_metadata_max_age_ms")]
    metadata_max_age_ms: u64,
    /// `{"high": 500, "low": 100}`: the application queues records, pausing and resuming.
    #[serde(rename = "pause.resume", default)]
    pause_resume: Option<PauseJson>,
    #[serde(rename = "processing.ms", default)]
    processing_ms: Option<ProcessingJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PauseJson {
    high: u32,
    low: u32,
}

/// `"processing.ms": {"min": 20, "max": 80}` (uniform), or equal min and max for a fixed time.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessingJson {
    min: u64,
    max: u64,
}

fn default_commit() -> CommitStrategy {
    CommitStrategy::Auto
}
fn default_auto_commit_interval() -> u64 {
    5_000
}
fn default_max_poll_records() -> u32 {
    500
}
fn default_max_poll_interval() -> u64 {
    300_000
}
fn default_session_timeout() -> u64 {
    45_000
}
fn default_heartbeat() -> u64 {
    3_000
}
fn default_assignor() -> Strategy {
    Strategy::Range
}
fn default_reset() -> String {
    "latest".into()
}
fn default_fetch_wait() -> u64 {
    500
}
fn default_fetch_min() -> u64 {
    1
}
fn default_fetch_max() -> u64 {
    52_428_800
}
fn default_partition_fetch_max() -> u64 {
    1_048_576
}

impl TryFrom<ConsumerFields> for ConsumerJson {
    type Error = String;
    fn try_from(f: ConsumerFields) -> Result<Self, String> {
        let (min, max) = match f.processing_ms {
            None => (10, 10),
            Some(ProcessingJson { min, max }) => (min, max),
        };
        let spec = ConsumerSpec {
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
            auto_offset_reset: OffsetReset::parse(&f.auto_offset_reset)
                .map_err(|e| format!("auto.offset.reset: {e}"))?,
            fetch_max_wait_ms: f.fetch_max_wait_ms,
            fetch_min_bytes: f.fetch_min_bytes,
            fetch_max_bytes: f.fetch_max_bytes,
            max_partition_fetch_bytes: f.max_partition_fetch_bytes,
            metadata_max_age_ms: f.metadata_max_age_ms,
            pause_resume: f.pause_resume.map(|p| (p.high, p.low)),
            processing_ms_min: min,
            processing_ms_max: max,
        };
        spec.validate().map_err(|e| format!("{}: {}", e.field, e.message))?;
        Ok(ConsumerJson(spec))
    }
}

fn default_seed() -> u64 {
    1
}
fn default_until_ms() -> u64 {
    10_000
}
fn default_latency_ms() -> f64 {
    2.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicJson {
    #[serde(default = "default_topic")]
    name: String,
    partitions: u32,
    /// Topic configs, Kafka's names; -1 means unlimited where Kafka allows it.
    #[serde(rename = "retention.ms", default = "default_retention_ms")]
    retention_ms: i64,
    #[serde(rename = "retention.bytes", default = "default_retention_bytes")]
    retention_bytes: i64,
    #[serde(rename = "segment.bytes", default = "default_segment_bytes")]
    segment_bytes: u64,
    #[serde(rename = "segment.ms", default = "default_segment_ms")]
    segment_ms: u64,
    #[serde(rename = "log.retention.check.interval.ms", default = "default_retention_check")]
    retention_check_interval_ms: u64,
    #[serde(rename = "replication.factor", default = "default_one_u16")]
    replication_factor: u16,
    #[serde(rename = "min.insync.replicas", default = "default_one_u16")]
    min_insync_replicas: u16,
    #[serde(rename = "unclean.leader.election.enable", default)]
    unclean_leader_election: bool,
    /// `--replica-assignment`: the replicas of each partition (instead of placing them).
    #[serde(rename = "replica.assignment", default)]
    replica_assignment: Option<Vec<Vec<i32>>>,
}

fn default_one_u16() -> u16 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PushJson {
    #[serde(rename = "buffer.records")]
    buffer_records: u64,
    #[serde(default = "default_overflow")]
    overflow: crate::sim::push::Overflow,
    #[serde(rename = "processing.ms")]
    processing_ms: f64,
}

fn default_overflow() -> crate::sim::push::Overflow {
    crate::sim::push::Overflow::Drop
}

/// The brokers and their settings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClusterJson {
    /// Broker ids (`[1, 2, 3]`) or objects with racks (`[{"id": 1, "rack": "a"}]`).
    brokers: Vec<BrokerJson>,
    #[serde(rename = "replica.lag.time.max.ms", default = "default_lag_max")]
    replica_lag_time_max_ms: u64,
    #[serde(rename = "broker.session.timeout.ms", default = "default_broker_session")]
    broker_session_timeout_ms: u64,
    #[serde(rename = "auto.leader.rebalance.enable", default = "default_true")]
    auto_leader_rebalance: bool,
    #[serde(rename = "leader.imbalance.check.interval.seconds", default = "default_imbalance_check")]
    leader_imbalance_check_interval_seconds: u64,
    /// Playground: bytes/s one broker fetches as a follower.
    #[serde(rename = "replication.bytes.per.sec", default = "default_replication_rate")]
    replication_bytes_per_sec: u64,
    /// Playground: a fixed start index for placing the topic's replicas (random if absent).
    #[serde(rename = "placement.start.index", default)]
    placement_start_index: Option<i32>,
    /// Playground: bytes/s each broker can append for producers (unlimited if absent).
    #[serde(rename = "produce.bytes.per.sec", default)]
    produce_bytes_per_sec: Option<u64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BrokerJson {
    Id(i32),
    Full { id: i32, rack: Option<String> },
}

fn default_lag_max() -> u64 {
    30_000
}
fn default_broker_session() -> u64 {
    9_000
}
fn default_true() -> bool {
    true
}
fn default_imbalance_check() -> u64 {
    300
}
fn default_replication_rate() -> u64 {
    20_000_000
}

fn default_retention_ms() -> i64 {
    604_800_000
}
fn default_retention_bytes() -> i64 {
    -1
}
fn default_segment_bytes() -> u64 {
    1_073_741_824
}
fn default_segment_ms() -> u64 {
    604_800_000
}
fn default_retention_check() -> u64 {
    300_000
}

fn default_topic() -> String {
    "orders".to_string()
}

/// A producer as written in a scenario; validated into a [`ProducerSpec`].
#[derive(Deserialize)]
#[serde(try_from = "ProducerFields")]
struct ProducerJson(ProducerSpec);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProducerFields {
    #[serde(rename = "client.id")]
    client_id: String,
    rate: RateJson,
    #[serde(default = "default_keys")]
    keys: KeyMode,
    #[serde(rename = "value.bytes", default = "default_value_bytes")]
    value_bytes: u32,
    #[serde(rename = "batch.size", default = "default_batch_size")]
    batch_size: u32,
    #[serde(rename = "linger.ms", default = "default_linger_ms")]
    linger_ms: u64,
    #[serde(rename = "buffer.memory", default = "default_buffer_memory")]
    buffer_memory: u64,
    #[serde(rename = "max.in.flight.requests.per.connection", default = "default_max_in_flight")]
    max_in_flight: u32,
    #[serde(rename = "metadata.max.age.ms", default = "default_metadata_max_age_ms")]
    metadata_max_age_ms: u64,
    /// `"all"`, `"-1"`, `"0"`, `"1"` (a number is accepted too).
    #[serde(default = "default_acks")]
    acks: AcksJson,
    #[serde(rename = "delivery.timeout.ms", default = "default_delivery_timeout")]
    delivery_timeout_ms: u64,
    #[serde(rename = "retry.backoff.ms", default = "default_retry_backoff")]
    retry_backoff_ms: u64,
    #[serde(rename = "max.block.ms", default = "default_max_block")]
    max_block_ms: u64,
}

fn default_max_block() -> u64 {
    60_000
}

/// `acks` as a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum AcksJson {
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

fn default_acks() -> AcksJson {
    AcksJson::Text("all".into())
}
fn default_delivery_timeout() -> u64 {
    120_000
}
fn default_retry_backoff() -> u64 {
    100
}

fn default_keys() -> KeyMode {
    KeyMode::None
}
fn default_value_bytes() -> u32 {
    100
}
fn default_batch_size() -> u32 {
    config::DEFAULT_BATCH_SIZE
}
fn default_linger_ms() -> u64 {
    config::DEFAULT_LINGER_MS
}
fn default_buffer_memory() -> u64 {
    config::DEFAULT_BUFFER_MEMORY
}
fn default_max_in_flight() -> u32 {
    config::DEFAULT_MAX_IN_FLIGHT
}
fn default_metadata_max_age_ms() -> u64 {
    config::DEFAULT_METADATA_MAX_AGE_MS
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateJson {
    #[serde(rename = "records.per.sec")]
    records_per_sec: f64,
    #[serde(default = "default_rate_mode")]
    mode: RateModeName,
    #[serde(rename = "burst.ms")]
    burst_ms: Option<u64>,
    #[serde(rename = "idle.ms")]
    idle_ms: Option<u64>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RateModeName {
    Steady,
    Bursty,
}

fn default_rate_mode() -> RateModeName {
    RateModeName::Steady
}

impl TryFrom<ProducerFields> for ProducerJson {
    type Error = String;
    fn try_from(f: ProducerFields) -> Result<Self, String> {
        let rate_mode = match (f.rate.mode, f.rate.burst_ms, f.rate.idle_ms) {
            (RateModeName::Steady, None, None) => RateMode::Steady,
            (RateModeName::Steady, _, _) => {
                return Err("rate: burst.ms and idle.ms apply only to \"mode\": \"bursty\"".to_string())
            }
            (RateModeName::Bursty, Some(burst_ms), Some(idle_ms)) => RateMode::Bursty { burst_ms, idle_ms },
            (RateModeName::Bursty, _, _) => return Err("rate: bursty mode needs burst.ms and idle.ms".to_string()),
        };
        let spec = ProducerSpec {
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
            acks: config::Acks::parse(&f.acks.to_string()).map_err(|e| render_config_error(&e))?,
            delivery_timeout_ms: f.delivery_timeout_ms,
            retry_backoff_ms: f.retry_backoff_ms,
            max_block_ms: f.max_block_ms,
        };
        spec.validate().map_err(|e| render_config_error(&e))?;
        Ok(ProducerJson(spec))
    }
}

fn render_config_error(e: &ConfigError) -> String {
    let field = match e.field.as_str() {
        "rate" => "rate.records.per.sec",
        other => other,
    };
    format!("{field}: {}", e.message)
}

#[derive(Deserialize)]
#[serde(try_from = "StepFields")]
struct StepJson(Step);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFields {
    #[serde(rename = "at.ms")]
    at_ms: u64,
    #[serde(rename = "alter.partitions")]
    alter_partitions: Option<u32>,
    #[serde(rename = "add.producer")]
    add_producer: Option<ProducerJson>,
    #[serde(rename = "update.producer")]
    update_producer: Option<ProducerJson>,
    #[serde(rename = "remove.producer")]
    remove_producer: Option<String>,
    #[serde(rename = "add.consumer")]
    add_consumer: Option<ConsumerJson>,
    #[serde(rename = "crash.consumer")]
    crash_consumer: Option<String>,
    #[serde(rename = "restart.consumer")]
    restart_consumer: Option<String>,
    #[serde(rename = "close.consumer")]
    close_consumer: Option<String>,
    #[serde(rename = "stop.broker")]
    stop_broker: Option<i32>,
    #[serde(rename = "crash.broker")]
    crash_broker: Option<i32>,
    #[serde(rename = "restart.broker")]
    restart_broker: Option<i32>,
    #[serde(rename = "add.broker")]
    add_broker: Option<BrokerJson>,
    #[serde(rename = "remove.broker")]
    remove_broker: Option<i32>,
    /// `{"reassignment": {...Kafka's JSON...}, "throttle": 1000000, "additional": false}`
    #[serde(rename = "execute.reassignment")]
    execute_reassignment: Option<ExecuteJson>,
    /// Kafka's reassignment JSON.
    #[serde(rename = "verify.reassignment")]
    verify_reassignment: Option<serde_json::Value>,
    #[serde(rename = "cancel.reassignment")]
    cancel_reassignment: Option<serde_json::Value>,
    /// A Kafka tool's command line, e.g. `kafka-topics.sh --bootstrap-server localhost:9092
    /// --alter --topic orders --partitions 6`.
    console: Option<String>,
    /// Lines typed into the console producer started by `console`.
    #[serde(default)]
    input: Vec<String>,
    /// Files the `console` command reads (`--reassignment-json-file`), name to text.
    #[serde(default)]
    files: std::collections::BTreeMap<String, String>,
    /// The brokers' produce limit (playground), bytes/s; 0 removes it.
    #[serde(rename = "produce.limit")]
    produce_limit: Option<u64>,
    /// Start the push-model comparison.
    push: Option<PushJson>,
    #[serde(rename = "stop.push", default)]
    stop_push: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExecuteJson {
    reassignment: serde_json::Value,
    #[serde(default)]
    throttle: Option<i64>,
    #[serde(default)]
    additional: bool,
}

impl TryFrom<StepFields> for StepJson {
    type Error = String;
    fn try_from(f: StepFields) -> Result<Self, String> {
        if f.at_ms > UNTIL_MS_MAX {
            return Err(format!("at.ms: must be at most {UNTIL_MS_MAX}"));
        }
        let mut actions = Vec::new();
        if let Some(n) = f.alter_partitions {
            actions.push(Action::AlterPartitions(n));
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
                .map_err(|err| format!("execute.reassignment.reassignment: {}", err))?;
            actions.push(Action::ExecuteReassignment { json, throttle: e.throttle, additional: e.additional });
        }
        if let Some(v) = f.verify_reassignment {
            let json = v.to_string();
            crate::sim::cluster::reassign::parse_reassignment_json(&json)
                .map_err(|err| format!("verify.reassignment: {}", err))?;
            actions.push(Action::VerifyReassignment { json });
        }
        if let Some(v) = f.cancel_reassignment {
            let json = v.to_string();
            crate::sim::cluster::reassign::parse_reassignment_json(&json)
                .map_err(|err| format!("cancel.reassignment: {}", err))?;
            actions.push(Action::CancelReassignment { json });
        }
        if let Some(line) = f.console {
            if line.len() > crate::console::LINE_BYTES_MAX {
                return Err(format!("console: at most {} bytes", crate::console::LINE_BYTES_MAX));
            }
            crate::console::tokenize(&line).map_err(|e| format!("console: {e}"))?;
            if f.input.len() > crate::sim::producer::MANUAL_SENDS_MAX {
                return Err(format!("input: at most {} lines", crate::sim::producer::MANUAL_SENDS_MAX));
            }
            if f.files.len() > crate::console::FILES_MAX {
                return Err(format!("files: at most {}", crate::console::FILES_MAX));
            }
            actions.push(Action::Console(crate::console::Replay { line, input: f.input, files: f.files }));
        } else if !f.input.is_empty() || !f.files.is_empty() {
            return Err("input and files belong to a console step".into());
        }
        if let Some(b) = f.produce_limit {
            actions.push(Action::SetProduceLimit((b > 0).then_some(b)));
        }
        if let Some(p) = f.push {
            if p.buffer_records == 0 || p.buffer_records > crate::sim::push::PUSH_BUFFER_MAX {
                return Err(format!(
                    "push.buffer.records: must be between 1 and {}",
                    crate::sim::push::PUSH_BUFFER_MAX
                ));
            }
            if !p.processing_ms.is_finite() || p.processing_ms <= 0.0 || p.processing_ms > 3_600_000.0 {
                return Err("push.processing.ms: must be more than 0 and at most 3600000".into());
            }
            actions.push(Action::SetPush(Some(crate::sim::push::PushConfig {
                buffer_records: p.buffer_records,
                overflow: p.overflow,
                processing_us: ((p.processing_ms * 1000.0).round() as u64).max(1),
            })));
        }
        if f.stop_push {
            actions.push(Action::SetPush(None));
        }
        if actions.len() != 1 {
            return Err("a step needs exactly one of alter.partitions, add.producer, update.producer, remove.producer, add.consumer, crash.consumer, restart.consumer, close.consumer, stop.broker, crash.broker, restart.broker, add.broker, remove.broker, execute.reassignment, verify.reassignment, cancel.reassignment, console, produce.limit, push, stop.push"
                .to_string());
        }
        Ok(StepJson(Step { at_ms: f.at_ms, action: actions.pop().expect("one action") }))
    }
}

/// Parse and validate a scenario. Never panics; every error names the field and position.
pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > SCENARIO_BYTES_MAX {
        return Err(ScenarioError {
            path: String::new(),
            line: 0,
            column: 0,
            message: format!("the scenario is {} bytes; at most {SCENARIO_BYTES_MAX} are accepted", text.len()),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: ScenarioJson = match serde::Deserialize::deserialize(&mut de) {
        Ok(v) => v,
        Err(err) => {
            let inner: serde_json::Error = err;
            // The field path from where serde stopped (a scan of the text: no path-tracking
            // deserializer in the browser bundle).
            let mut path = path_at(text, offset_of(text, inner.line(), inner.column()));
            let (mut line, mut column) = (inner.line(), inner.column());
            let mut message = strip_position(&inner.to_string());
            // A validation error inside an object ("linger.ms: must be ...") is reported by
            // serde at the object's end: point at the named field instead.
            if let Some((field, rest)) = message.split_once(": ") {
                let is_field = !field.contains(' ') && (field.contains('.') || matches!(field, "rate" | "keys"));
                if is_field {
                    let end = offset_of(text, line, column);
                    let needle = format!("\"{}\"", field.strip_prefix("rate.").unwrap_or(field));
                    if let Some(found) = text[..end.min(text.len())].rfind(&needle) {
                        (line, column) = line_col(text, found);
                        // The path to that key, with the element index (the key itself is
                        // the end of the path; `rate.` fields are one level deeper).
                        let at = path_at(text, found + needle.len());
                        let parent = at.strip_suffix(field.strip_prefix("rate.").unwrap_or(field)).unwrap_or(&at);
                        let parent = parent.trim_end_matches('.').trim_end_matches(".rate");
                        path = parent.to_string();
                    }
                    path = if path.is_empty() { field.to_string() } else { format!("{path}.{field}") };
                    message = rest.to_string();
                }
            }
            return Err(ScenarioError { path, line, column, message });
        }
    };
    if let Err(e) = de.end() {
        return Err(ScenarioError {
            path: String::new(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        });
    }
    let at = |path: &str, needle: &str, message: String| {
        let (line, column) = locate(text, needle);
        ScenarioError { path: path.to_string(), line, column, message }
    };
    if raw.version != SCENARIO_VERSION {
        return Err(at(
            "version",
            "\"version\"",
            format!("this build reads version {SCENARIO_VERSION}, not {}", raw.version),
        ));
    }
    if raw.until_ms == 0 || raw.until_ms > UNTIL_MS_MAX {
        return Err(at("until.ms", "\"until.ms\"", format!("must be between 1 and {UNTIL_MS_MAX}")));
    }
    if let Err(e) = config::validate_topic_name(&raw.topic.name) {
        return Err(at("topic.name", "\"name\"", e.message));
    }
    if let Err(e) = config::validate_partitions(raw.topic.partitions) {
        return Err(at("topic.partitions", "\"partitions\"", e.message));
    }
    if raw.topic.retention_ms < -1 {
        return Err(at("topic.retention.ms", "\"retention.ms\"", "must be -1 (unlimited) or at least 0".into()));
    }
    if raw.topic.retention_bytes < -1 {
        return Err(at("topic.retention.bytes", "\"retention.bytes\"", "must be -1 (unlimited) or at least 0".into()));
    }
    if raw.topic.segment_bytes < 100 {
        return Err(at("topic.segment.bytes", "\"segment.bytes\"", "must be at least 100".into()));
    }
    if raw.topic.segment_ms == 0 {
        return Err(at("topic.segment.ms", "\"segment.ms\"", "must be at least 1".into()));
    }
    if raw.topic.retention_check_interval_ms == 0 || raw.topic.retention_check_interval_ms > 86_400_000 {
        return Err(at(
            "topic.log.retention.check.interval.ms",
            "\"log.retention.check.interval.ms\"",
            "must be between 1 and 86400000".into(),
        ));
    }
    if !raw.network_latency_ms.is_finite() || raw.network_latency_ms < 0.0 || raw.network_latency_ms > 10_000.0 {
        return Err(at("network.latency.ms", "\"network.latency.ms\"", "must be between 0 and 10000".to_string()));
    }
    if raw.producers.len() > config::PRODUCERS_MAX {
        return Err(at("producers", "\"producers\"", format!("at most {} producers", config::PRODUCERS_MAX)));
    }
    if raw.timeline.len() > TIMELINE_STEPS_MAX {
        return Err(at("timeline", "\"timeline\"", format!("at most {TIMELINE_STEPS_MAX} steps")));
    }
    let producers: Vec<ProducerSpec> = raw.producers.into_iter().map(|p| p.0).collect();
    for (i, p) in producers.iter().enumerate() {
        if producers[..i].iter().any(|q| q.client_id == p.client_id) {
            let needle = format!("\"{}\"", p.client_id);
            return Err(at(
                &format!("producers[{i}].client.id"),
                &needle,
                format!("client.id {:?} is used twice", p.client_id),
            ));
        }
    }
    if raw.consumers.len() > crate::sim::consumer::CONSUMERS_MAX {
        return Err(at(
            "consumers",
            "\"consumers\"",
            format!("at most {} consumers", crate::sim::consumer::CONSUMERS_MAX),
        ));
    }
    let consumers: Vec<ConsumerSpec> = raw.consumers.into_iter().map(|c| c.0).collect();
    for (i, c) in consumers.iter().enumerate() {
        if consumers[..i].iter().any(|q| q.client_id == c.client_id) {
            let needle = format!("\"{}\"", c.client_id);
            return Err(at(
                &format!("consumers[{i}].client.id"),
                &needle,
                format!("client.id {:?} is used twice", c.client_id),
            ));
        }
    }
    if raw.initial_rebalance_delay_ms > 300_000 {
        return Err(at(
            "group.initial.rebalance.delay.ms",
            "\"group.initial.rebalance.delay.ms\"",
            "must be between 0 and 300000".into(),
        ));
    }
    if raw.offsets_retention_minutes == 0 || raw.offsets_retention_minutes > 10_080 * 52 {
        return Err(at(
            "offsets.retention.minutes",
            "\"offsets.retention.minutes\"",
            "must be between 1 and 524160".into(),
        ));
    }
    if raw.offsets_retention_check_interval_ms == 0 || raw.offsets_retention_check_interval_ms > 86_400_000 {
        return Err(at(
            "offsets.retention.check.interval.ms",
            "\"offsets.retention.check.interval.ms\"",
            "must be between 1 and 86400000".into(),
        ));
    }
    if raw.offsets_topic_partitions == 0 || raw.offsets_topic_partitions > 1000 {
        return Err(at(
            "offsets.topic.num.partitions",
            "\"offsets.topic.num.partitions\"",
            "must be between 1 and 1000".into(),
        ));
    }
    let mut cluster = crate::sim::cluster::ClusterConfig::default();
    if let Some(c) = raw.cluster {
        cluster.brokers = c
            .brokers
            .into_iter()
            .map(|b| match b {
                BrokerJson::Id(id) => crate::sim::cluster::BrokerSpec { id, rack: None },
                BrokerJson::Full { id, rack } => crate::sim::cluster::BrokerSpec { id, rack },
            })
            .collect();
        cluster.replica_lag_time_max_ms = c.replica_lag_time_max_ms;
        cluster.broker_session_timeout_ms = c.broker_session_timeout_ms;
        cluster.auto_leader_rebalance = c.auto_leader_rebalance;
        cluster.leader_imbalance_check_interval_ms = c.leader_imbalance_check_interval_seconds.saturating_mul(1000);
        cluster.replication_bytes_per_s = c.replication_bytes_per_sec;
        cluster.placement_start_index = c.placement_start_index;
        cluster.produce_bytes_per_s = c.produce_bytes_per_sec.filter(|r| *r > 0);
        if c.replica_lag_time_max_ms == 0 || c.broker_session_timeout_ms == 0 {
            return Err(at(
                "cluster",
                "\"cluster\"",
                "replica.lag.time.max.ms and broker.session.timeout.ms must be at least 1".into(),
            ));
        }
    }
    cluster.replication_factor = match &raw.topic.replica_assignment {
        Some(a) => a.first().map_or(1, |r| r.len() as u16),
        None => raw.topic.replication_factor,
    };
    if let Some(a) = &raw.topic.replica_assignment {
        if a.len() != raw.topic.partitions as usize {
            return Err(at(
                "topic.replica.assignment",
                "\"replica.assignment\"",
                format!("{} replica lists for {} partitions", a.len(), raw.topic.partitions),
            ));
        }
    }
    cluster.replica_assignment = raw.topic.replica_assignment;
    cluster.min_insync_replicas = raw.topic.min_insync_replicas;
    cluster.unclean_leader_election = raw.topic.unclean_leader_election;
    if let Err(e) = cluster.validate() {
        let (path, needle) = match e.field.as_str() {
            "replication.factor" => ("topic.replication.factor", "\"replication.factor\""),
            "min.insync.replicas" => ("topic.min.insync.replicas", "\"min.insync.replicas\""),
            "replica.assignment" => ("topic.replica.assignment", "\"replica.assignment\""),
            "replication.bytes.per.sec" => ("cluster.replication.bytes.per.sec", "\"replication.bytes.per.sec\""),
            _ => ("cluster.brokers", "\"brokers\""),
        };
        return Err(at(path, needle, e.message));
    }
    if let Some(i) = cluster.placement_start_index {
        if i < 0 || i as usize >= cluster.brokers.len() {
            return Err(at(
                "cluster.placement.start.index",
                "\"placement.start.index\"",
                format!("must be between 0 and {}", cluster.brokers.len() - 1),
            ));
        }
    }
    let push = match raw.push {
        None => None,
        Some(p) => {
            if p.buffer_records == 0 || p.buffer_records > crate::sim::push::PUSH_BUFFER_MAX {
                return Err(at(
                    "push.buffer.records",
                    "\"buffer.records\"",
                    format!("must be between 1 and {}", crate::sim::push::PUSH_BUFFER_MAX),
                ));
            }
            if !p.processing_ms.is_finite() || p.processing_ms <= 0.0 || p.processing_ms > 3_600_000.0 {
                return Err(at(
                    "push.processing.ms",
                    "\"processing.ms\"",
                    "must be more than 0 and at most 3600000".into(),
                ));
            }
            Some(crate::sim::push::PushConfig {
                buffer_records: p.buffer_records,
                overflow: p.overflow,
                processing_us: ((p.processing_ms * 1000.0).round() as u64).max(1),
            })
        }
    };
    let mut timeline: Vec<Step> = raw.timeline.into_iter().map(|s| s.0).collect();
    // Steps at the same time keep their written order.
    crate::util::order::sort_by_key(&mut timeline, |s| s.at_ms);
    Ok(Scenario {
        seed: raw.seed,
        until_ms: raw.until_ms,
        sim: SimConfig {
            topic: raw.topic.name,
            partitions: raw.topic.partitions,
            network_latency_us: (raw.network_latency_ms * 1000.0).round() as u64,
            log_limits: crate::sim::log::LogLimits {
                segment_bytes: raw.topic.segment_bytes,
                segment_ms: raw.topic.segment_ms,
                ..crate::sim::log::LogLimits::default()
            },
            retention_ms: u64::try_from(raw.topic.retention_ms).ok(),
            retention_bytes: u64::try_from(raw.topic.retention_bytes).ok(),
            retention_check_interval_ms: raw.topic.retention_check_interval_ms,
            cluster,
        },
        producers,
        consumers,
        initial_rebalance_delay_ms: raw.initial_rebalance_delay_ms,
        offsets_topic_partitions: raw.offsets_topic_partitions,
        offsets_retention_minutes: raw.offsets_retention_minutes,
        offsets_retention_check_interval_ms: raw.offsets_retention_check_interval_ms,
        push,
        timeline,
    })
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

enum PathFrame {
    Object { key: Option<String>, expecting_key: bool },
    Array { index: usize },
}

/// The path (`producers[0].linger.ms`) of what a JSON text is in just before byte `end`: the
/// key whose value was being read, or the object or array just closed. Only the structure is
/// followed; the text may be malformed after `end`.
fn path_at(text: &str, end: usize) -> String {
    use PathFrame as Frame;
    let bytes = &text.as_bytes()[..end.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None, expecting_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b']' if i + 1 == bytes.len() => {
                // serde reports an element's error after reading the array's end: name the
                // element (the last one).
                break;
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object { key, expecting_key: true }) = stack.last_mut() {
                    *key = Some(String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]).into_owned());
                }
            }
            _ => {}
        }
        i += 1;
    }
    path_of(&stack)
}

fn path_of(stack: &[PathFrame]) -> String {
    let mut path = String::new();
    for f in stack {
        match f {
            PathFrame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            PathFrame::Object { key: None, .. } => {}
            PathFrame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Line and column (1-based) of the first occurrence of `needle`, or (0, 0).
fn locate(text: &str, needle: &str) -> (usize, usize) {
    text.find(needle).map_or((0, 0), |i| line_col(text, i))
}

/// Line and column (1-based, columns in bytes as serde_json counts them) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rposition(|&b| b == b'\n').map_or(before.len(), |nl| before.len() - nl - 1) + 1;
    (line, column)
}

/// The byte offset of a 1-based line and column (clamped to the text).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

/// A command of the timeline that the simulation refused (the run goes on, as a script
/// calling Kafka's tools would).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RejectedStep {
    pub at_ms: u64,
    pub action: Action,
    pub error: Rejected,
}

/// A scenario being run: the simulation plus the steps not yet applied.
#[derive(Debug, Clone)]
pub struct Run {
    pub sim: Sim,
    pending: std::collections::VecDeque<Step>,
    pub rejected: Vec<RejectedStep>,
    /// What the timeline's `kafka-reassign-partitions.sh` steps printed, with their time.
    /// Invariant: at most `TIMELINE_STEPS_MAX`.
    pub tool_output: Vec<(u64, String)>,
    /// Samples over simulated time (lag, rates, buffers).
    pub history: crate::history::History,
    /// Timeline steps applied so far (the page's time travel restores a checkpoint and
    /// re-queues the timeline from here).
    pub applied_steps: usize,
}

/// Steps per `advance_to` call when running headless.
const STEPS_PER_CALL: usize = 1 << 16;

impl Run {
    /// Start a scenario with the given seed (the scenario's own when `None`).
    pub fn start(scenario: &Scenario, seed: Option<u64>) -> Result<(Self, Vec<Event>), Rejected> {
        let mut sim = Sim::new(scenario.sim.clone(), seed.unwrap_or(scenario.seed))?;
        let mut events = Vec::new();
        sim.consumers.initial_rebalance_delay_ms = scenario.initial_rebalance_delay_ms;
        sim.consumers.offsets.partitions = scenario.offsets_topic_partitions;
        sim.consumers.offsets_retention_ms = scenario.offsets_retention_minutes * 60_000;
        sim.consumers.offsets_retention_check_ms = scenario.offsets_retention_check_interval_ms;
        for spec in &scenario.producers {
            events.extend(sim.apply(Command::AddProducer { spec: spec.clone() })?);
        }
        for spec in &scenario.consumers {
            events.extend(sim.apply(Command::AddConsumer { spec: spec.clone() })?);
        }
        if let Some(p) = scenario.push {
            sim.apply(Command::SetPushComparison { config: Some(p) })?;
        }
        Ok((
            Self {
                sim,
                pending: scenario.timeline.iter().cloned().collect(),
                rejected: Vec::new(),
                tool_output: Vec::new(),
                history: crate::history::History::new((scenario.until_ms / 200).clamp(100, 60_000), 240),
                applied_steps: 0,
            },
            events,
        ))
    }

    /// Run until `until_ms`, applying timeline steps on time. `sink` sees every event.
    pub fn run_until(&mut self, until_ms: u64, sink: &mut dyn FnMut(&Event)) {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let progress = self.advance(until_ms * 1000, STEPS_PER_CALL, &mut buf);
            buf.iter().for_each(&mut *sink);
            if progress.reached {
                return;
            }
        }
    }

    /// Advance toward `until_us` with at most `max_steps` simulation steps, applying the
    /// timeline steps that fall due on the way (the page calls this once per frame).
    pub fn advance(&mut self, until_us: u64, max_steps: usize, out: &mut Vec<Event>) -> crate::sim::Progress {
        let mut steps = 0;
        loop {
            self.history.maybe_sample(&self.sim);
            let next_step_us = self.pending.front().map(|s| s.at_ms * 1000).filter(|&t| t <= until_us);
            let next_sample_us = (self.history.next_ms * 1000).min(until_us);
            let target = next_step_us.unwrap_or(until_us).min(next_sample_us);
            let from = out.len();
            let progress = self.sim.advance_to(target, max_steps - steps, out);
            self.history.observe(&out[from..]);
            steps += progress.steps;
            if !progress.reached {
                return crate::sim::Progress { reached: false, steps };
            }
            if target < next_step_us.unwrap_or(until_us) {
                continue; // a sample was due
            }
            if next_step_us.is_none() {
                self.history.maybe_sample(&self.sim);
                return crate::sim::Progress { reached: true, steps };
            }
            self.apply_next_step(out);
        }
    }

    /// Run until at least one event happens (a timeline step counts), but not past
    /// `horizon_us`.
    pub fn step_event(&mut self, horizon_us: u64) -> Vec<Event> {
        loop {
            let step_us = self.pending.front().map(|s| s.at_ms * 1000).filter(|&t| t <= horizon_us);
            let mut out = self.sim.step_event(step_us.unwrap_or(horizon_us));
            if !out.is_empty() || step_us.is_none() {
                return out;
            }
            self.apply_next_step(&mut out);
            if !out.is_empty() {
                return out;
            }
        }
    }

    /// The timeline steps not yet applied.
    pub fn pending_steps(&self) -> usize {
        self.pending.len()
    }

    /// Replace the steps still to apply (they must all be due at or after now).
    pub fn set_pending(&mut self, steps: impl IntoIterator<Item = Step>) {
        self.pending = steps.into_iter().collect();
    }

    /// Apply a step now (the visitor's action, at the current time). Returns whether the
    /// simulation took it (else it is in `rejected`).
    pub fn apply_now(&mut self, action: Action, out: &mut Vec<Event>) -> bool {
        let rejected = self.rejected.len();
        self.pending.push_front(Step { at_ms: self.sim.now_ms(), action });
        self.apply_next_step(out);
        self.rejected.len() == rejected
    }

    fn apply_next_step(&mut self, out: &mut Vec<Event>) {
        let Some(step) = self.pending.pop_front() else { return };
        self.applied_steps += 1;
        let tool = match &step.action {
            Action::ExecuteReassignment { json, throttle, additional } => {
                Some(crate::reassign_tool::execute(&mut self.sim, json, *throttle, *additional))
            }
            Action::VerifyReassignment { json } => Some(crate::reassign_tool::verify(&mut self.sim, json, false)),
            Action::Console(replay) => {
                let o = crate::console::Console::replay(&mut self.sim, replay);
                out.extend(o.events);
                if self.tool_output.len() == TIMELINE_STEPS_MAX {
                    self.tool_output.remove(0);
                }
                self.tool_output.push((step.at_ms, format!("$ {}\n{}", replay.line, o.output)));
                if o.error {
                    self.rejected.push(RejectedStep {
                        at_ms: step.at_ms,
                        action: step.action.clone(),
                        error: Rejected::InvalidConfig {
                            error: ConfigError::new("console", o.output.trim().to_string()),
                        },
                    });
                }
                return;
            }
            Action::CancelReassignment { json } => Some(crate::reassign_tool::cancel(&mut self.sim, json, false)),
            _ => None,
        };
        if let Some(result) = tool {
            match result {
                Ok(run) => {
                    out.extend(run.events);
                    if self.tool_output.len() == TIMELINE_STEPS_MAX {
                        self.tool_output.remove(0);
                    }
                    self.tool_output.push((step.at_ms, run.output));
                }
                Err(e) => self.rejected.push(RejectedStep {
                    at_ms: step.at_ms,
                    action: step.action,
                    error: Rejected::Cluster {
                        error: crate::sim::cluster::ClusterError::InvalidReplicas { message: e.to_string() },
                    },
                }),
            }
            return;
        }
        match self.command_for(&step.action).and_then(|cmd| self.sim.apply(cmd)) {
            Ok(events) => out.extend(events),
            Err(error) => self.rejected.push(RejectedStep { at_ms: step.at_ms, action: step.action, error }),
        }
    }

    fn command_for(&self, action: &Action) -> Result<Command, Rejected> {
        let find = |client_id: &str| {
            self.sim
                .snapshot(crate::sim::SnapshotOptions { recent_records: 0, key_counts: false })
                .producers
                .iter()
                .find(|p| p.spec.client_id == client_id && p.state == crate::sim::producer::ProducerState::Running)
                .map(|p| p.id)
                .ok_or_else(|| Rejected::InvalidConfig {
                    error: ConfigError::new("client.id", format!("no running producer with client.id {client_id:?}")),
                })
        };
        let consumer = |client_id: &str| {
            self.sim.consumers.consumers.values().find(|c| c.spec.client_id == client_id).map(|c| c.id).ok_or_else(
                || Rejected::InvalidConfig {
                    error: ConfigError::new("client.id", format!("no consumer with client.id {client_id:?}")),
                },
            )
        };
        Ok(match action {
            Action::AddConsumer(spec) => Command::AddConsumer { spec: spec.clone() },
            Action::CrashConsumer(id) => Command::CrashConsumer { consumer: consumer(id)? },
            Action::RestartConsumer(id) => Command::RestartConsumer { consumer: consumer(id)? },
            Action::CloseConsumer(id) => Command::CloseConsumer { consumer: consumer(id)? },
            Action::AlterPartitions(n) => Command::AlterPartitions { partitions: *n },
            Action::AddProducer(spec) => Command::AddProducer { spec: spec.clone() },
            Action::UpdateProducer(spec) => {
                Command::UpdateProducer { producer: find(&spec.client_id)?, spec: spec.clone() }
            }
            Action::RemoveProducer(id) => Command::RemoveProducer { producer: find(id)? },
            Action::StopBroker(b) => Command::StopBroker { broker: *b },
            Action::CrashBroker(b) => Command::CrashBroker { broker: *b },
            Action::RestartBroker(b) => Command::RestartBroker { broker: *b },
            Action::AddBroker { id, rack } => Command::AddBroker { broker: *id, rack: rack.clone() },
            Action::RemoveBroker(b) => Command::RemoveBroker { broker: *b },
            Action::SetProduceLimit(b) => Command::SetProduceLimit { bytes_per_s: *b },
            Action::SetPush(config) => Command::SetPushComparison { config: *config },
            Action::ExecuteReassignment { .. }
            | Action::Console(_)
            | Action::VerifyReassignment { .. }
            | Action::CancelReassignment { .. } => {
                unreachable!("tool steps are applied by apply_next_step")
            }
        })
    }
}

/// The opening scenario built directly (the page uses this, so the browser bundle needs no JSON
/// parser); a test checks it equals `parse(DEFAULT_SCENARIO)`.
pub fn playground_default() -> Scenario {
    let producer = |id: &str, rate: f64, keys: KeyMode| {
        let mut p = ProducerSpec::new(id, rate, keys);
        p.metadata_max_age_ms = 5_000;
        p
    };
    let mut p2 = producer("producer-2", 3.0, KeyMode::None);
    p2.batch_size = 512;
    let mut p3 = producer("producer-3", 8.0, KeyMode::Random);
    p3.rate_mode = RateMode::Bursty { burst_ms: 1_500, idle_ms: 3_000 };
    let consumer = |id: &str| {
        let mut c = ConsumerSpec::new(id, "orders-app");
        c.auto_offset_reset = OffsetReset::Earliest;
        c.session_timeout_ms = 10_000;
        c.metadata_max_age_ms = 5_000;
        c.processing_ms_min = 20;
        c.processing_ms_max = 80;
        c
    };
    Scenario {
        seed: 42,
        until_ms: 10_000,
        sim: SimConfig { topic: "orders".into(), partitions: 6, network_latency_us: 2_000, ..SimConfig::default() },
        producers: vec![producer("producer-1", 5.0, KeyMode::Fixed { count: 6, prefix: "user-".into() }), p2, p3],
        consumers: vec![consumer("consumer-1"), consumer("consumer-2")],
        initial_rebalance_delay_ms: 3_000,
        offsets_topic_partitions: 50,
        offsets_retention_minutes: 10_080,
        offsets_retention_check_interval_ms: 600_000,
        push: None,
        timeline: Vec::new(),
    }
}

/// The seed's reassignment: six brokers, topic `test1` with partition 0 on brokers 1,2,3 and
/// partition 1 on 4,5,6 (replication factor 3); a producer and a consumer group keep working
/// while `kafka-reassign-partitions.sh --execute` moves the partitions at 10 s (throttled to
/// 1 MB/s) and `--verify` runs at 40 s.
pub const SEED_REASSIGNMENT_SCENARIO: &str = r#"{
  "version": 1,
  "seed": 42,
  "until.ms": 45000,
  "topic": { "name": "test1", "partitions": 2, "replica.assignment": [[1, 2, 3], [4, 5, 6]],
             "min.insync.replicas": 2 },
  "cluster": { "brokers": [1, 2, 3, 4, 5, 6] },
  "producers": [
    { "client.id": "producer-1", "rate": { "records.per.sec": 200 }, "value.bytes": 1000,
      "keys": { "mode": "fixed", "count": 8, "prefix": "user-" } }
  ],
  "consumers": [
    { "client.id": "consumer-1", "group.id": "test1-app", "auto.offset.reset": "earliest",
      "session.timeout.ms": 10000 }
  ],
  "timeline": [
    { "at.ms": 10000, "execute.reassignment": { "throttle": 1000000, "reassignment":
      { "version": 1, "partitions": [
        { "topic": "test1", "partition": 0, "replicas": [4, 5, 6] },
        { "topic": "test1", "partition": 1, "replicas": [1, 2, 3] } ] } } },
    { "at.ms": 40000, "verify.reassignment":
      { "version": 1, "partitions": [
        { "topic": "test1", "partition": 0, "replicas": [4, 5, 6] },
        { "topic": "test1", "partition": 1, "replicas": [1, 2, 3] } ] } }
  ]
}"#;

/// The playground's opening scenario: three producers on six partitions, and a group of two
/// auto-committing consumers.
pub const DEFAULT_SCENARIO: &str = r#"{
  "version": 1,
  "seed": 42,
  "until.ms": 10000,
  "topic": { "name": "orders", "partitions": 6 },
  "producers": [
    { "client.id": "producer-1", "rate": { "records.per.sec": 5 },
      "keys": { "mode": "fixed", "count": 6, "prefix": "user-" }, "metadata.max.age.ms": 5000 },
    { "client.id": "producer-2", "rate": { "records.per.sec": 3 },
      "keys": { "mode": "none" }, "batch.size": 512, "metadata.max.age.ms": 5000 },
    { "client.id": "producer-3", "rate": { "records.per.sec": 8, "mode": "bursty", "burst.ms": 1500, "idle.ms": 3000 },
      "keys": { "mode": "random" }, "metadata.max.age.ms": 5000 }
  ],
  "consumers": [
    { "client.id": "consumer-1", "group.id": "orders-app", "auto.offset.reset": "earliest",
      "session.timeout.ms": 10000, "metadata.max.age.ms": 5000, "processing.ms": { "min": 20, "max": 80 } },
    { "client.id": "consumer-2", "group.id": "orders-app", "auto.offset.reset": "earliest",
      "session.timeout.ms": 10000, "metadata.max.age.ms": 5000, "processing.ms": { "min": 20, "max": 80 } }
  ]
}"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_default_equals_the_published_json() {
        assert_eq!(parse(DEFAULT_SCENARIO).unwrap(), playground_default());
    }
}

/// The scenario as a scenario file (version 1): `parse(&to_json(s)) == s` (tested for every
/// preset). The page's editor, save and share links use it.
pub fn to_json(s: &Scenario) -> String {
    use serde_json::{json, Map, Value};
    let c = &s.sim;
    let cl = &c.cluster;
    let mut topic = Map::new();
    topic.insert("name".into(), json!(c.topic));
    topic.insert("partitions".into(), json!(c.partitions));
    topic.insert("retention.ms".into(), json!(c.retention_ms.map_or(-1, |v| v as i64)));
    topic.insert("retention.bytes".into(), json!(c.retention_bytes.map_or(-1, |v| v as i64)));
    topic.insert("segment.bytes".into(), json!(c.log_limits.segment_bytes));
    topic.insert("segment.ms".into(), json!(c.log_limits.segment_ms));
    topic.insert("log.retention.check.interval.ms".into(), json!(c.retention_check_interval_ms));
    topic.insert("replication.factor".into(), json!(cl.replication_factor));
    topic.insert("min.insync.replicas".into(), json!(cl.min_insync_replicas));
    topic.insert("unclean.leader.election.enable".into(), json!(cl.unclean_leader_election));
    if let Some(a) = &cl.replica_assignment {
        topic.insert("replica.assignment".into(), json!(a));
    }
    let mut root = Map::new();
    root.insert("version".into(), json!(SCENARIO_VERSION));
    root.insert("seed".into(), json!(s.seed));
    root.insert("until.ms".into(), json!(s.until_ms));
    root.insert("topic".into(), Value::Object(topic));
    root.insert("network.latency.ms".into(), json!(c.network_latency_us as f64 / 1000.0));
    let brokers: Vec<Value> = cl
        .brokers
        .iter()
        .map(|b| match &b.rack {
            None => json!(b.id),
            Some(r) => json!({"id": b.id, "rack": r}),
        })
        .collect();
    let mut cluster = Map::new();
    cluster.insert("brokers".into(), Value::Array(brokers));
    cluster.insert("replica.lag.time.max.ms".into(), json!(cl.replica_lag_time_max_ms));
    cluster.insert("broker.session.timeout.ms".into(), json!(cl.broker_session_timeout_ms));
    cluster.insert("auto.leader.rebalance.enable".into(), json!(cl.auto_leader_rebalance));
    cluster
        .insert("leader.imbalance.check.interval.seconds".into(), json!(cl.leader_imbalance_check_interval_ms / 1000));
    cluster.insert("replication.bytes.per.sec".into(), json!(cl.replication_bytes_per_s));
    if let Some(i) = cl.placement_start_index {
        cluster.insert("placement.start.index".into(), json!(i));
    }
    if let Some(b) = cl.produce_bytes_per_s {
        cluster.insert("produce.bytes.per.sec".into(), json!(b));
    }
    root.insert("cluster".into(), Value::Object(cluster));
    root.insert("producers".into(), Value::Array(s.producers.iter().map(producer_json).collect()));
    root.insert("consumers".into(), Value::Array(s.consumers.iter().map(consumer_json).collect()));
    root.insert("group.initial.rebalance.delay.ms".into(), json!(s.initial_rebalance_delay_ms));
    root.insert("offsets.topic.num.partitions".into(), json!(s.offsets_topic_partitions));
    root.insert("offsets.retention.minutes".into(), json!(s.offsets_retention_minutes));
    root.insert("offsets.retention.check.interval.ms".into(), json!(s.offsets_retention_check_interval_ms));
    if let Some(p) = &s.push {
        root.insert("push".into(), push_json(p));
    }
    let steps: Vec<Value> = s.timeline.iter().map(step_json).collect();
    root.insert("timeline".into(), Value::Array(steps));
    serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default()
}

fn push_json(p: &crate::sim::push::PushConfig) -> serde_json::Value {
    serde_json::json!({
        "buffer.records": p.buffer_records,
        "overflow": p.overflow,
        "processing.ms": p.processing_us as f64 / 1000.0,
    })
}

fn producer_json(p: &ProducerSpec) -> serde_json::Value {
    use serde_json::json;
    let rate = match p.rate_mode {
        RateMode::Steady => json!({"records.per.sec": p.rate_records_per_s, "mode": "steady"}),
        RateMode::Bursty { burst_ms, idle_ms } => json!({
            "records.per.sec": p.rate_records_per_s, "mode": "bursty", "burst.ms": burst_ms, "idle.ms": idle_ms
        }),
    };
    json!({
        "client.id": p.client_id,
        "rate": rate,
        "keys": p.keys,
        "value.bytes": p.value_bytes,
        "batch.size": p.batch_size,
        "linger.ms": p.linger_ms,
        "buffer.memory": p.buffer_memory,
        "max.in.flight.requests.per.connection": p.max_in_flight,
        "metadata.max.age.ms": p.metadata_max_age_ms,
        "acks": p.acks.name(),
        "delivery.timeout.ms": p.delivery_timeout_ms,
        "retry.backoff.ms": p.retry_backoff_ms,
        "max.block.ms": p.max_block_ms,
    })
}

fn consumer_json(c: &ConsumerSpec) -> serde_json::Value {
    use serde_json::{json, Value};
    let reset = match c.auto_offset_reset {
        OffsetReset::Latest => "latest".to_string(),
        OffsetReset::Earliest => "earliest".to_string(),
        OffsetReset::None => "none".to_string(),
        OffsetReset::ByDuration { ms } => format!("by_duration:PT{}.{:03}S", ms / 1000, ms % 1000),
    };
    let mut v = json!({
        "client.id": c.client_id,
        "group.id": c.group_id,
        "commit": c.commit,
        "auto.commit.interval.ms": c.auto_commit_interval_ms,
        "max.poll.records": c.max_poll_records,
        "max.poll.interval.ms": c.max_poll_interval_ms,
        "session.timeout.ms": c.session_timeout_ms,
        "heartbeat.interval.ms": c.heartbeat_interval_ms,
        "partition.assignment.strategy": c.assignor,
        "auto.offset.reset": reset,
        "fetch.max.wait.ms": c.fetch_max_wait_ms,
        "fetch.min.bytes": c.fetch_min_bytes,
        "fetch.max.bytes": c.fetch_max_bytes,
        "max.partition.fetch.bytes": c.max_partition_fetch_bytes,
        "metadata.max.age.ms": c.metadata_max_age_ms,
        "processing.ms": {"min": c.processing_ms_min, "max": c.processing_ms_max},
    });
    if let Value::Object(m) = &mut v {
        if let Some(i) = &c.group_instance_id {
            m.insert("group.instance.id".into(), json!(i));
        }
        if let Some((high, low)) = c.pause_resume {
            m.insert("pause.resume".into(), json!({"high": high, "low": low}));
        }
    }
    v
}

fn step_json(s: &Step) -> serde_json::Value {
    use serde_json::{json, Value};
    let raw = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    let (key, value) = match &s.action {
        Action::AlterPartitions(n) => ("alter.partitions", json!(n)),
        Action::AddProducer(p) => ("add.producer", producer_json(p)),
        Action::UpdateProducer(p) => ("update.producer", producer_json(p)),
        Action::RemoveProducer(id) => ("remove.producer", json!(id)),
        Action::AddConsumer(c) => ("add.consumer", consumer_json(c)),
        Action::CrashConsumer(id) => ("crash.consumer", json!(id)),
        Action::RestartConsumer(id) => ("restart.consumer", json!(id)),
        Action::CloseConsumer(id) => ("close.consumer", json!(id)),
        Action::StopBroker(b) => ("stop.broker", json!(b)),
        Action::CrashBroker(b) => ("crash.broker", json!(b)),
        Action::RestartBroker(b) => ("restart.broker", json!(b)),
        Action::AddBroker { id, rack } => (
            "add.broker",
            match rack {
                None => json!(id),
                Some(r) => json!({"id": id, "rack": r}),
            },
        ),
        Action::RemoveBroker(b) => ("remove.broker", json!(b)),
        Action::ExecuteReassignment { json: j, throttle, additional } => {
            ("execute.reassignment", json!({"reassignment": raw(j), "throttle": throttle, "additional": additional}))
        }
        Action::VerifyReassignment { json: j } => ("verify.reassignment", raw(j)),
        Action::CancelReassignment { json: j } => ("cancel.reassignment", raw(j)),
        Action::SetProduceLimit(b) => ("produce.limit", json!(b.unwrap_or(0))),
        Action::SetPush(Some(p)) => ("push", push_json(p)),
        Action::SetPush(None) => ("stop.push", json!(true)),
        Action::Console(r) => {
            let mut m = serde_json::Map::new();
            m.insert("at.ms".into(), json!(s.at_ms));
            m.insert("console".into(), json!(r.line));
            if !r.input.is_empty() {
                m.insert("input".into(), json!(r.input));
            }
            if !r.files.is_empty() {
                m.insert("files".into(), json!(r.files));
            }
            return Value::Object(m);
        }
    };
    let mut m = serde_json::Map::new();
    m.insert("at.ms".into(), json!(s.at_ms));
    m.insert(key.into(), value);
    Value::Object(m)
}

/// Set one field of a scenario file's text (the editor's form controls), keeping the rest as
/// written. `value` is typed text: a number, `true`/`false`, or else a string. Fails with a
/// message (and changes nothing) when the text is not JSON.
pub fn set_field(text: &str, path: &[&str], value: &str) -> Result<String, ScenarioError> {
    use serde_json::Value;
    let mut doc: Value = serde_json::from_str(text).map_err(|e| ScenarioError {
        path: String::new(),
        line: e.line(),
        column: e.column(),
        message: format!("fix the JSON before using the fields: {e}"),
    })?;
    let v = value.trim();
    let typed = if let Ok(n) = v.parse::<i64>() {
        Value::from(n)
    } else if let Ok(f) = v.parse::<f64>().map_err(|_| ()).and_then(|f| serde_json::Number::from_f64(f).ok_or(())) {
        Value::Number(f)
    } else if v == "true" || v == "false" {
        Value::Bool(v == "true")
    } else {
        Value::String(v.to_string())
    };
    let mut cur = &mut doc;
    for (i, key) in path.iter().enumerate() {
        let Value::Object(map) = cur else {
            return Err(ScenarioError {
                path: path[..i].join("."),
                line: 0,
                column: 0,
                message: "is not an object".into(),
            });
        };
        if i + 1 == path.len() {
            map.insert(key.to_string(), typed);
            break;
        }
        cur = map.entry(key.to_string()).or_insert_with(|| Value::Object(Default::default()));
    }
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default())
}
