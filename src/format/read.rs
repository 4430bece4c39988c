//! Reading a scenario file: serde's answer turned into a field path, a line and a column.

use super::json::*;
use super::*;
use crate::sim::config::{self, ConfigError};
use crate::sim::error::ConfigProblem;

/// Parse and validate a scenario. Never panics; every error names the field and position.
pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    let mut raw = deserialize(text)?;
    let at = At(text);
    // `topic`, or the first of `topics`.
    let mut extra = std::mem::take(&mut raw.topics);
    let topic = match raw.topic.take() {
        Some(t) => t,
        None if !extra.is_empty() => extra.remove(0),
        None => {
            let message = "missing field `topic` (or give \"topics\": [...])";
            return Err(at.err("topic", "{", message, ScenarioProblem::MissingField { field: "topic".into() }));
        }
    };
    check_settings(&raw, &topic, &at)?;
    let topics = extra_topics(&topic, extra, &at)?;
    let (producers, consumers) = clients(std::mem::take(&mut raw.producers), std::mem::take(&mut raw.consumers), &at)?;
    check_group_settings(&raw, &at)?;
    let cluster = cluster_config(raw.cluster, &topic, &at)?;
    let push = push_config(raw.push, &at)?;
    let mut timeline: Vec<Step> = raw.timeline.into_iter().map(|s| s.0).collect();
    // Steps at the same time keep their written order.
    crate::util::order::sort_by_key(&mut timeline, |s| s.at_ms);
    Ok(Scenario {
        seed: raw.seed,
        until_ms: raw.until_ms,
        sim: SimConfig {
            topic: topic.name,
            partitions: topic.partitions,
            network_latency_us: (raw.network_latency_ms * 1000.0).round() as u64,
            log_limits: crate::sim::log::LogLimits {
                segment_bytes: topic.segment_bytes,
                segment_ms: topic.segment_ms,
                ..crate::sim::log::LogLimits::default()
            },
            retention_ms: u64::try_from(topic.retention_ms).ok(),
            retention_bytes: u64::try_from(topic.retention_bytes).ok(),
            retention_check_interval_ms: topic.retention_check_interval_ms,
            cluster,
            topics,
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

enum PathFrame {
    Object { key: Option<String>, expecting_key: bool },
    Array { index: usize },
}

/// The path (`producers[0].linger.ms`) of what a JSON text is in just before byte `end`: the
/// key whose value was being read, or the object or array just closed. Only the structure is
/// followed; the text may be malformed after `end`.
fn path_at(text: &str, end: usize) -> String {
    path_of(&walk(text, end, &mut |_, _| false))
}

/// Where the field at `path` is written (its key, or an element's first character); the
/// nearest enclosing field when it is absent.
fn position_of(text: &str, path: &str) -> usize {
    let mut best = 0;
    let mut found = None;
    walk(text, text.len(), &mut |at, stack| {
        let here = path_of(stack);
        if here == path {
            found = Some(at);
            return true;
        }
        if !here.is_empty() && path.starts_with(&here) {
            best = at;
        }
        false
    });
    found.unwrap_or(best)
}

/// Follow a JSON text's structure up to byte `end`, calling `visit(offset, path frames)` where
/// a key or an array element starts (`visit` returns true to stop); the frames where it stopped.
fn walk(text: &str, end: usize, visit: &mut dyn FnMut(usize, &[PathFrame]) -> bool) -> Vec<PathFrame> {
    use PathFrame as Frame;
    let bytes = &text.as_bytes()[..end.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut element_next = false;
    while i < bytes.len() {
        let c = bytes[i];
        if element_next && !c.is_ascii_whitespace() {
            element_next = false;
            if c != b']' && visit(i, &stack) {
                break;
            }
        }
        match c {
            b'{' => stack.push(Frame::Object { key: None, expecting_key: true }),
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                element_next = true;
            }
            b']' if i + 1 == bytes.len() => {
                // serde reported an element's error after reading the array's end: name the
                // element (the last one).
                break;
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => {
                    *index += 1;
                    element_next = true;
                }
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
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object { key, expecting_key: true }) = stack.last_mut() {
                    *key = Some(String::from_utf8_lossy(&bytes[start + 1..i.min(bytes.len())]).into_owned());
                    if visit(start, &stack) {
                        break;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    stack
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

/// Errors placed at a key of the text.
struct At<'a>(&'a str);

impl At<'_> {
    fn err(&self, path: &str, needle: &str, message: impl Into<String>, problem: ScenarioProblem) -> ScenarioError {
        let (line, column) = locate(self.0, needle);
        ScenarioError { path: path.to_string(), line, column, message: message.into(), problem }
    }

    /// A setting's refusal at `path`, placed at the key `needle`.
    fn setting(&self, path: &str, needle: &str, e: crate::sim::error::ConfigError) -> ScenarioError {
        let problem = ScenarioProblem::Setting { problem: e.problem, exception: e.exception };
        self.err(path, needle, e.message, problem)
    }

    /// `field` (its key) out of `[min, max]`, worded "must be between {min} and {max}".
    fn between(&self, field: &str, min: impl std::fmt::Display, max: impl std::fmt::Display) -> ScenarioError {
        self.setting(field, &format!("\"{field}\""), crate::sim::error::ConfigError::between(field, min, max))
    }

    /// More of something than the playground holds, worded "at most {max} {what}".
    fn at_most(&self, field: &str, max: usize, what: &str) -> ScenarioError {
        let e = crate::sim::error::ConfigError::at_most(what, max as u64);
        self.setting(field, &format!("\"{field}\""), e)
    }
}

/// The text read by the one JSON reader, then into the file's shapes; an error names the
/// field's path and where it is in the text.
fn deserialize(text: &str) -> Result<ScenarioJson, ScenarioError> {
    if text.len() > SCENARIO_BYTES_MAX {
        return Err(ScenarioError::whole(
            format!("the scenario is {} bytes; at most {SCENARIO_BYTES_MAX} are accepted", text.len()),
            ScenarioProblem::TooBig { bytes: text.len(), max: SCENARIO_BYTES_MAX },
        ));
    }
    let json = crate::sim::cluster::json::parse(text).map_err(|e| ScenarioError {
        path: path_at(text, offset_of(text, e.line, e.column.saturating_sub(1))),
        line: e.line,
        column: e.column,
        message: e.message().to_string(),
        problem: ScenarioProblem::Json(e.syntax),
    })?;
    ScenarioJson::read(&json).map_err(|bad| {
        let (line, column) = line_col(text, position_of(text, &bad.path));
        ScenarioError { path: bad.path, line, column, message: bad.message, problem: bad.problem }
    })
}

/// The document's own settings and bounds.
fn check_settings(raw: &ScenarioJson, topic: &TopicJson, at: &At<'_>) -> Result<(), ScenarioError> {
    if raw.version != SCENARIO_VERSION {
        return Err(at.err(
            "version",
            "\"version\"",
            format!("this build reads version {SCENARIO_VERSION}, not {}", raw.version),
            ScenarioProblem::Version { reads: SCENARIO_VERSION, found: raw.version },
        ));
    }
    if raw.until_ms == 0 || raw.until_ms > UNTIL_MS_MAX {
        return Err(at.between("until.ms", 1, UNTIL_MS_MAX));
    }
    check_topic(topic, "topic", at)?;
    if !raw.network_latency_ms.is_finite() || raw.network_latency_ms < 0.0 || raw.network_latency_ms > 10_000.0 {
        return Err(at.between("network.latency.ms", 0, 10000));
    }
    if raw.producers.len() > config::PRODUCERS_MAX {
        return Err(at.at_most("producers", config::PRODUCERS_MAX, "producers"));
    }
    if raw.timeline.len() > TIMELINE_STEPS_MAX {
        return Err(at.at_most("timeline", TIMELINE_STEPS_MAX, "steps"));
    }
    Ok(())
}

/// A topic's name, partition count and configs (`path` is `topic` or `topics[i]`).
fn check_topic(topic: &TopicJson, path: &str, at: &At<'_>) -> Result<(), ScenarioError> {
    use crate::sim::error::ConfigError;
    let err = |field: &str, e: ConfigError| at.setting(&format!("{path}.{field}"), &format!("\"{field}\""), e);
    let unlimited = |field: &str| {
        let message = "must be -1 (unlimited) or at least 0";
        at.err(&format!("{path}.{field}"), &format!("\"{field}\""), message, ScenarioProblem::UnlimitedOrAtLeastZero)
    };
    if let Err(e) = config::validate_topic_name(&topic.name) {
        return Err(err("name", e));
    }
    if let Err(e) = config::validate_partitions(topic.partitions) {
        return Err(err("partitions", e));
    }
    if topic.retention_ms < -1 {
        return Err(unlimited("retention.ms"));
    }
    if topic.retention_bytes < -1 {
        return Err(unlimited("retention.bytes"));
    }
    if topic.segment_bytes < 100 {
        let e = ConfigError::typed("segment.bytes", "must be at least 100", ConfigProblem::AtLeast { min: 100 });
        return Err(err("segment.bytes", e));
    }
    if topic.segment_ms == 0 {
        return Err(err(
            "segment.ms",
            ConfigError::typed("segment.ms", "must be at least 1", ConfigProblem::AtLeast { min: 1 }),
        ));
    }
    if topic.retention_check_interval_ms == 0 || topic.retention_check_interval_ms > 86_400_000 {
        return Err(err(
            "log.retention.check.interval.ms",
            ConfigError::between("log.retention.check.interval.ms", 1, 86400000),
        ));
    }
    Ok(())
}

/// The topics beside the first: checked, named once each, within the bounds, and without the
/// settings the playground keeps for the whole cluster.
fn extra_topics(
    first: &TopicJson,
    extra: Vec<TopicJson>,
    at: &At<'_>,
) -> Result<Vec<crate::sim::topics::TopicSpec>, ScenarioError> {
    use crate::sim::topics::{PARTITIONS_TOTAL_MAX, TOPICS_MAX};
    if extra.len() + 1 > TOPICS_MAX {
        let e = ConfigError::typed(
            "topics",
            format!("at most {TOPICS_MAX} topics in all"),
            ConfigProblem::AtMost { max: TOPICS_MAX as u64 },
        );
        return Err(at.setting("topics", "\"topics\"", e));
    }
    let mut names = vec![first.name.clone()];
    let mut total = first.partitions;
    let mut specs = Vec::with_capacity(extra.len());
    for (i, t) in extra.into_iter().enumerate() {
        let path = format!("topics[{i}]");
        check_topic(&t, &path, at)?;
        if names.contains(&t.name) {
            let message = format!("topic {:?} is named twice", t.name);
            let e = ConfigError::typed("name", message, ConfigProblem::Twice { value: t.name.clone() });
            return Err(at.setting(&format!("{path}.name"), &format!("\"{}\"", t.name), e));
        }
        total += t.partitions;
        if total > PARTITIONS_TOTAL_MAX {
            let message = format!("at most {PARTITIONS_TOTAL_MAX} partitions over all topics");
            let e =
                ConfigError::typed("partitions", message, ConfigProblem::AtMost { max: PARTITIONS_TOTAL_MAX as u64 });
            return Err(at.setting(&format!("{path}.partitions"), "\"partitions\"", e));
        }
        names.push(t.name.clone());
        let spec = t
            .into_spec()
            .map_err(|b| at.err(&format!("{path}.{}", b.path), &format!("\"{}\"", b.path), b.message, b.problem))?;
        specs.push(spec);
    }
    Ok(specs)
}

/// Producers and consumers, each `client.id` once.
fn clients(
    producers: Vec<ProducerJson>,
    consumers: Vec<ConsumerJson>,
    at: &At<'_>,
) -> Result<(Vec<ProducerSpec>, Vec<ConsumerSpec>), ScenarioError> {
    let producers: Vec<ProducerSpec> = producers.into_iter().map(|p| p.0).collect();
    for (i, p) in producers.iter().enumerate() {
        if producers[..i].iter().any(|q| q.client_id == p.client_id) {
            let needle = format!("\"{}\"", p.client_id);
            let e = ConfigError::typed(
                "client.id",
                format!("client.id {:?} is used twice", p.client_id),
                ConfigProblem::Twice { value: p.client_id.clone() },
            );
            return Err(at.setting(&format!("producers[{i}].client.id"), &needle, e));
        }
    }
    if consumers.len() > crate::sim::consumer::CONSUMERS_MAX {
        return Err(at.at_most("consumers", crate::sim::consumer::CONSUMERS_MAX, "consumers"));
    }
    let consumers: Vec<ConsumerSpec> = consumers.into_iter().map(|c| c.0).collect();
    for (i, c) in consumers.iter().enumerate() {
        if consumers[..i].iter().any(|q| q.client_id == c.client_id) {
            let needle = format!("\"{}\"", c.client_id);
            let e = ConfigError::typed(
                "client.id",
                format!("client.id {:?} is used twice", c.client_id),
                ConfigProblem::Twice { value: c.client_id.clone() },
            );
            return Err(at.setting(&format!("consumers[{i}].client.id"), &needle, e));
        }
    }
    Ok((producers, consumers))
}

/// The cluster: brokers, replication, placement (with the topic's replica settings).
fn cluster_config(
    cluster_json: Option<ClusterJson>,
    topic: &TopicJson,
    at: &At<'_>,
) -> Result<crate::sim::cluster::ClusterConfig, ScenarioError> {
    let mut cluster = crate::sim::cluster::ClusterConfig::default();
    if let Some(c) = cluster_json {
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
            let e = ConfigError::typed(
                "cluster",
                "replica.lag.time.max.ms and broker.session.timeout.ms must be at least 1",
                ConfigProblem::AtLeast { min: 1 },
            );
            return Err(at.setting("cluster", "\"cluster\"", e));
        }
    }
    cluster.replication_factor = match &topic.replica_assignment {
        Some(a) => a.first().map_or(1, |r| r.len() as u16),
        None => topic.replication_factor,
    };
    if let Some(a) = &topic.replica_assignment {
        if a.len() != topic.partitions as usize {
            let e = ConfigError::replica_lists("replica.assignment", a.len(), topic.partitions);
            return Err(at.setting("topic.replica.assignment", "\"replica.assignment\"", e));
        }
    }
    cluster.replica_assignment = topic.replica_assignment.clone();
    cluster.min_insync_replicas = topic.min_insync_replicas;
    cluster.unclean_leader_election = topic.unclean_leader_election;
    if let Err(e) = cluster.validate() {
        let (path, needle) = match e.field.as_str() {
            "replication.factor" => ("topic.replication.factor", "\"replication.factor\""),
            "min.insync.replicas" => ("topic.min.insync.replicas", "\"min.insync.replicas\""),
            "replica.assignment" => ("topic.replica.assignment", "\"replica.assignment\""),
            "replication.bytes.per.sec" => ("cluster.replication.bytes.per.sec", "\"replication.bytes.per.sec\""),
            _ => ("cluster.brokers", "\"brokers\""),
        };
        return Err(at.setting(path, needle, e));
    }
    if let Some(i) = cluster.placement_start_index {
        if i < 0 || i as usize >= cluster.brokers.len() {
            let e = ConfigError::between("placement.start.index", 0, cluster.brokers.len() - 1);
            return Err(at.setting("cluster.placement.start.index", "\"placement.start.index\"", e));
        }
    }
    Ok(cluster)
}

/// The push-model comparison, if any.
fn push_config(push: Option<PushJson>, at: &At<'_>) -> Result<Option<crate::sim::push::PushConfig>, ScenarioError> {
    Ok(match push {
        None => None,
        Some(p) => {
            if p.buffer_records == 0 || p.buffer_records > crate::sim::push::PUSH_BUFFER_MAX {
                let e = ConfigError::between("buffer.records", 1, crate::sim::push::PUSH_BUFFER_MAX);
                return Err(at.setting("push.buffer.records", "\"buffer.records\"", e));
            }
            if !p.processing_ms.is_finite() || p.processing_ms <= 0.0 || p.processing_ms > 3_600_000.0 {
                return Err(at.setting("push.processing.ms", "\"processing.ms\"", super::push_processing_error()));
            }
            Some(crate::sim::push::PushConfig {
                buffer_records: p.buffer_records,
                overflow: p.overflow,
                processing_us: ((p.processing_ms * 1000.0).round() as u64).max(1),
            })
        }
    })
}

/// The group coordinator's settings (`group.*`, `offsets.*`).
fn check_group_settings(raw: &ScenarioJson, at: &At<'_>) -> Result<(), ScenarioError> {
    if raw.initial_rebalance_delay_ms > 300_000 {
        return Err(at.between("group.initial.rebalance.delay.ms", 0, 300000));
    }
    if raw.offsets_retention_minutes == 0 || raw.offsets_retention_minutes > 10_080 * 52 {
        return Err(at.between("offsets.retention.minutes", 1, 524160));
    }
    if raw.offsets_retention_check_interval_ms == 0 || raw.offsets_retention_check_interval_ms > 86_400_000 {
        return Err(at.between("offsets.retention.check.interval.ms", 1, 86400000));
    }
    if raw.offsets_topic_partitions == 0 || raw.offsets_topic_partitions > 1000 {
        return Err(at.between("offsets.topic.num.partitions", 1, 1000));
    }
    Ok(())
}
