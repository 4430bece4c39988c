//! The page's forms: their fields as typed, and their checks into Kafka's settings (each
//! error names the setting).

use super::*;
use crate::sim::consumer::CommitStrategy;
use crate::sim::group::assignor::Strategy;

/// The producer form's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProducerForm {
    pub rate: String,
    pub bursty: bool,
    /// `none`, `fixed` or `random`.
    pub keys: String,
    pub key_count: String,
    pub value_bytes: String,
    pub batch_size: String,
    pub linger_ms: String,
    /// `0`, `1` or `all`.
    pub acks: String,
    pub max_block_ms: String,
}

impl ProducerForm {
    pub fn from_spec(spec: &ProducerSpec) -> Self {
        let (keys, key_count) = match &spec.keys {
            KeyMode::None => ("none", "6".to_string()),
            KeyMode::Fixed { count, .. } => ("fixed", count.to_string()),
            KeyMode::Random => ("random", "6".to_string()),
        };
        Self {
            rate: format_rate(spec.rate_records_per_s),
            bursty: matches!(spec.rate_mode, RateMode::Bursty { .. }),
            keys: keys.to_string(),
            key_count,
            value_bytes: spec.value_bytes.to_string(),
            batch_size: spec.batch_size.to_string(),
            linger_ms: spec.linger_ms.to_string(),
            acks: spec.acks.name().to_string(),
            max_block_ms: spec.max_block_ms.to_string(),
        }
    }

    /// The settings this form describes, on top of `base` (client.id and the rest kept).
    pub fn to_spec(&self, base: &ProducerSpec) -> Result<ProducerSpec, FieldError> {
        let rate = view::parse_rate(&self.rate)?;
        let keys = match self.keys.as_str() {
            "fixed" => KeyMode::Fixed { count: view::parse_key_count(&self.key_count)?, prefix: "user-".into() },
            "random" => KeyMode::Random,
            _ => KeyMode::None,
        };
        let mut spec = base.clone();
        spec.rate_records_per_s = rate;
        spec.rate_mode =
            if self.bursty { RateMode::Bursty { burst_ms: 1_500, idle_ms: 3_000 } } else { RateMode::Steady };
        spec.keys = keys;
        spec.value_bytes = view::parse_value_bytes(&self.value_bytes)?;
        spec.batch_size = view::parse_batch_size(&self.batch_size)?;
        spec.linger_ms = view::parse_linger_ms(&self.linger_ms)?;
        if !self.max_block_ms.is_empty() {
            spec.max_block_ms = self.max_block_ms.trim().parse::<u64>().map_err(|_| FieldError {
                field: crate::i18n::Field::Setting("max.block.ms"),
                problem: crate::i18n::FieldProblem::NotANumber,
            })?;
        }
        if !self.acks.is_empty() {
            spec.acks = crate::sim::config::Acks::parse(&self.acks).map_err(|e| FieldError {
                field: crate::i18n::Field::Setting("acks"),
                problem: crate::i18n::FieldProblem::Config(Box::new(e)),
            })?;
        }
        Ok(spec)
    }
}

fn format_rate(r: f64) -> String {
    if r.fract() == 0.0 {
        format!("{}", r as u64)
    } else {
        format!("{r}")
    }
}

/// The consumer form's fields, as typed (Kafka's setting names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerForm {
    pub group_id: String,
    pub group_instance_id: String,
    /// What the application does about commits (a closed choice).
    pub commit: CommitStrategy,
    pub auto_commit_interval_ms: String,
    pub max_poll_records: String,
    pub max_poll_interval_ms: String,
    pub session_timeout_ms: String,
    pub heartbeat_interval_ms: String,
    /// `partition.assignment.strategy` (a closed choice).
    pub assignor: Strategy,
    /// `latest`, `earliest`, `none`, `by_duration`.
    pub auto_offset_reset: String,
    /// The ISO-8601 duration for `by_duration` (e.g. `PT30S`).
    pub reset_duration: String,
    pub processing_ms_min: String,
    pub processing_ms_max: String,
    pub fetch_min_bytes: String,
    pub fetch_max_wait_ms: String,
    pub fetch_max_bytes: String,
    pub max_partition_fetch_bytes: String,
    /// pause()/resume() marks (records queued); both empty for a batch-at-a-time application.
    pub pause_high: String,
    pub pause_low: String,
}

impl Default for ConsumerForm {
    /// Kafka's defaults (`ConsumerSpec::new`, the one source), with the page's own choices,
    /// those of its opening scenario: `session.timeout.ms` 10000, `earliest`, 20 to 80 ms of
    /// processing per record.
    fn default() -> Self {
        let k = crate::sim::consumer::ConsumerSpec::new("", "orders-app");
        Self {
            group_id: k.group_id,
            group_instance_id: String::new(),
            commit: k.commit,
            auto_commit_interval_ms: k.auto_commit_interval_ms.to_string(),
            max_poll_records: k.max_poll_records.to_string(),
            max_poll_interval_ms: k.max_poll_interval_ms.to_string(),
            session_timeout_ms: "10000".into(),
            heartbeat_interval_ms: k.heartbeat_interval_ms.to_string(),
            assignor: k.assignor,
            auto_offset_reset: "earliest".into(),
            reset_duration: "PT30S".into(),
            processing_ms_min: "20".into(),
            processing_ms_max: "80".into(),
            fetch_min_bytes: k.fetch_min_bytes.to_string(),
            fetch_max_wait_ms: k.fetch_max_wait_ms.to_string(),
            fetch_max_bytes: k.fetch_max_bytes.to_string(),
            max_partition_fetch_bytes: k.max_partition_fetch_bytes.to_string(),
            pause_high: String::new(),
            pause_low: String::new(),
        }
    }
}

impl ConsumerForm {
    /// The settings; number fields must be whole numbers (Kafka's own rules are checked when the
    /// consumer is added, with Kafka's messages).
    pub fn to_spec(&self, client_id: &str) -> Result<crate::sim::consumer::ConsumerSpec, FieldError> {
        use crate::i18n::{Field, FieldProblem};
        use crate::sim::consumer::{ConsumerSpec, OffsetReset};
        let num = |text: &str, name: &'static str| -> Result<u64, FieldError> {
            let t = text.trim();
            if t.is_empty() {
                return Err(FieldError { field: Field::Setting(name), problem: FieldProblem::Empty });
            }
            t.parse::<u64>().map_err(|_| FieldError { field: Field::Setting(name), problem: FieldProblem::NotANumber })
        };
        let mut spec = ConsumerSpec::new(client_id, self.group_id.trim());
        // The page's clients refresh metadata every 5 s (the page says so).
        spec.metadata_max_age_ms = 5_000;
        let instance = self.group_instance_id.trim();
        spec.group_instance_id = (!instance.is_empty()).then(|| instance.to_string());
        spec.commit = self.commit;
        spec.auto_commit_interval_ms = num(&self.auto_commit_interval_ms, "auto.commit.interval.ms")?;
        spec.max_poll_records = num(&self.max_poll_records, "max.poll.records")?.min(u32::MAX as u64) as u32;
        spec.max_poll_interval_ms = num(&self.max_poll_interval_ms, "max.poll.interval.ms")?;
        spec.session_timeout_ms = num(&self.session_timeout_ms, "session.timeout.ms")?;
        spec.heartbeat_interval_ms = num(&self.heartbeat_interval_ms, "heartbeat.interval.ms")?;
        spec.assignor = self.assignor;
        let policy = match self.auto_offset_reset.as_str() {
            "by_duration" => format!("by_duration:{}", self.reset_duration.trim()),
            other => other.to_string(),
        };
        spec.auto_offset_reset = OffsetReset::parse(&policy).map_err(|message| FieldError {
            field: Field::Setting("auto.offset.reset"),
            problem: FieldProblem::Config(Box::new(crate::sim::error::ConfigError::kafka(
                "auto.offset.reset",
                "ConfigException",
                message,
                crate::sim::error::ConfigProblem::OneOf {
                    values: "latest, earliest, none, by_duration:<PnDTnHnMn.nS>",
                },
            ))),
        })?;
        spec.fetch_min_bytes = num(&self.fetch_min_bytes, "fetch.min.bytes")?;
        spec.fetch_max_wait_ms = num(&self.fetch_max_wait_ms, "fetch.max.wait.ms")?;
        spec.fetch_max_bytes = num(&self.fetch_max_bytes, "fetch.max.bytes")?;
        spec.max_partition_fetch_bytes = num(&self.max_partition_fetch_bytes, "max.partition.fetch.bytes")?;
        if !self.pause_high.trim().is_empty() || !self.pause_low.trim().is_empty() {
            let high = num(&self.pause_high, "pause.resume")?.min(u32::MAX as u64) as u32;
            let low = num(&self.pause_low, "pause.resume")?.min(u32::MAX as u64) as u32;
            spec.pause_resume = Some((high, low));
        }
        spec.processing_ms_min = num(&self.processing_ms_min, "processing.ms")?;
        spec.processing_ms_max = num(&self.processing_ms_max, "processing.ms")?;
        Ok(spec)
    }
}

/// The reassignment tool's form: the action and its options, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassignForm {
    pub action: crate::tools::reassign::ReassignAction,
    /// `--throttle` (bytes/s; empty for none).
    pub throttle: String,
    pub additional: bool,
    /// For `--generate`: the broker list (the topic is the playground's).
    pub broker_list: String,
}

/// What the reassignment tool printed last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassignOutput {
    pub action: crate::tools::reassign::ReassignAction,
    pub result: Result<String, String>,
}

/// The reset-offsets form's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetForm {
    pub group: String,
    pub mode: crate::sim::offsets_tool::ResetMode,
    /// The number, date-time or duration the mode needs.
    pub value: String,
}

impl Default for ResetForm {
    fn default() -> Self {
        Self { group: String::new(), mode: crate::sim::offsets_tool::ResetMode::ToEarliest, value: String::new() }
    }
}

/// What the reset-offsets form printed last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetOutput {
    pub executed: bool,
    /// Kafka's table (and clamping warnings), or Kafka's / the parser's error.
    pub result: Result<String, String>,
}
