//! The scenario file format: plain data (`Scenario`, its timeline of `Step`s) and its reader
//! and writer. JSON with `"version": 1`, Kafka's setting names, unknown fields rejected; every
//! error names the field (as a path such as `producers[0].linger.ms`) and the line and column.
//!
//! Architecture Invariant: imports only `sim` and `util`. A console step is a `Replay` (plain
//! data) checked with the shell words of `util`; running it is the tools' and `Run`'s job.

use crate::util::ordmap::OrdMap;

use serde::Serialize;

use crate::sim::config::{ProducerSpec, SimConfig};
use crate::sim::consumer::ConsumerSpec;

mod defaults;
mod json;
mod problem;
mod read;
mod reader;
mod write;

pub use defaults::{playground_default, DEFAULT_SCENARIO, SEED_REASSIGNMENT_SCENARIO};
pub use problem::{JsonKind, JsonType, ScenarioProblem};
pub use read::parse;
pub use write::{set_field, to_json};

/// Longest console command line, bytes.
pub const LINE_BYTES_MAX: usize = 64 * 1024;
/// Most files in the console's directory (and in a console step).
pub const FILES_MAX: usize = 16;

/// A console command that changed the simulation, in a form that replays it exactly: the
/// line, the lines typed into it (console producer), and the files it read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replay {
    pub line: String,
    pub input: Vec<String>,
    pub files: OrdMap<String, String>,
}

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
    /// `create.topic`: `kafka-topics.sh --create` on the running cluster.
    CreateTopic(crate::sim::topics::TopicSpec),
    /// `delete.topic`.
    DeleteTopic(String),
    /// `alter.partitions` with a topic: `{"topic": "payments", "partitions": 6}`.
    AlterTopicPartitions {
        topic: String,
        partitions: u32,
    },
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
    Console(Replay),
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
    /// What is wrong, in English (serde's words, the settings' own, Kafka's exception text).
    pub message: String,
    /// What is wrong, typed: the page words it in each language.
    pub problem: ScenarioProblem,
}

impl ScenarioError {
    /// An error of the whole document (no place in the text).
    pub fn whole(message: impl Into<String>, problem: ScenarioProblem) -> Self {
        Self { path: String::new(), line: 0, column: 0, message: message.into(), problem }
    }
}

/// `push.processing.ms` out of range, as the file's reader and its steps word it.
pub(crate) fn push_processing_error() -> crate::sim::error::ConfigError {
    crate::sim::error::ConfigError::typed(
        "push.processing.ms",
        "must be more than 0 and at most 3600000",
        crate::sim::error::ConfigProblem::Positive { max: 3_600_000 },
    )
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
