//! Writing a scenario file (`parse(&to_json(s)) == s`) and editing one field of its text.

use super::*;
use crate::sim::config::RateMode;
use crate::sim::consumer::OffsetReset;

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
    if !c.topics.is_empty() {
        root.insert("topics".into(), Value::Array(c.topics.iter().map(topic_json).collect()));
    }
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

/// A topic beside the first (`topics[i]`, `create.topic`): only what differs from Kafka's
/// topic defaults, besides name and partitions.
fn topic_json(t: &crate::sim::topics::TopicSpec) -> serde_json::Value {
    use serde_json::json;
    let d = crate::sim::topics::TopicSpec::new(t.name.clone(), t.partitions);
    let mut m = serde_json::Map::new();
    m.insert("name".into(), json!(t.name));
    m.insert("partitions".into(), json!(t.partitions));
    if let Some(rf) = t.replication_factor {
        m.insert("replication.factor".into(), json!(rf));
    }
    if t.retention_ms != d.retention_ms {
        m.insert("retention.ms".into(), json!(t.retention_ms.map_or(-1, |v| v as i64)));
    }
    if t.retention_bytes != d.retention_bytes {
        m.insert("retention.bytes".into(), json!(t.retention_bytes.map_or(-1, |v| v as i64)));
    }
    if t.log_limits.segment_bytes != d.log_limits.segment_bytes {
        m.insert("segment.bytes".into(), json!(t.log_limits.segment_bytes));
    }
    if t.log_limits.segment_ms != d.log_limits.segment_ms {
        m.insert("segment.ms".into(), json!(t.log_limits.segment_ms));
    }
    if let Some(a) = &t.replica_assignment {
        m.insert("replica.assignment".into(), json!(a));
    }
    serde_json::Value::Object(m)
}

fn producer_json(p: &ProducerSpec) -> serde_json::Value {
    use serde_json::json;
    let rate = match p.rate_mode {
        RateMode::Steady => json!({"records.per.sec": p.rate_records_per_s, "mode": "steady"}),
        RateMode::Bursty { burst_ms, idle_ms } => json!({
            "records.per.sec": p.rate_records_per_s, "mode": "bursty", "burst.ms": burst_ms, "idle.ms": idle_ms
        }),
    };
    let mut v = json!({
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
    });
    if !p.topics.is_empty() {
        let topics: Vec<serde_json::Value> =
            p.topics.iter().map(|t| json!({"topic": t.topic, "weight": t.weight})).collect();
        v["topics"] = serde_json::Value::Array(topics);
    }
    v
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
        match &c.subscription {
            crate::sim::consumer::Subscription::Topics(t) if t.is_empty() => {}
            crate::sim::consumer::Subscription::Topics(t) => {
                m.insert("topics".into(), json!(t));
            }
            crate::sim::consumer::Subscription::Pattern(p) => {
                m.insert("pattern".into(), json!(p));
            }
        }
    }
    v
}

/// A document read by the one JSON reader, as a value to write (numbers as written).
fn to_value(j: &crate::sim::cluster::json::Json) -> serde_json::Value {
    use crate::sim::cluster::json::Json;
    use serde_json::Value;
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Num(n) => match (n.parse::<u64>(), n.parse::<i64>(), n.parse::<f64>()) {
            (Ok(u), _, _) => Value::from(u),
            (_, Ok(i), _) => Value::from(i),
            (_, _, Ok(f)) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            _ => Value::Null,
        },
        Json::Str(s) => Value::String(s.clone()),
        Json::Arr(a) => Value::Array(a.iter().map(to_value).collect()),
        Json::Obj(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), to_value(v))).collect()),
    }
}

fn step_json(s: &Step) -> serde_json::Value {
    use serde_json::{json, Value};
    let raw = |text: &str| crate::sim::cluster::json::parse(text).map_or(Value::Null, |j| to_value(&j));
    let (key, value) = match &s.action {
        Action::AlterPartitions(n) => ("alter.partitions", json!(n)),
        Action::CreateTopic(t) => ("create.topic", topic_json(t)),
        Action::DeleteTopic(t) => ("delete.topic", json!(t)),
        Action::AlterTopicPartitions { topic, partitions } => {
            ("alter.partitions", json!({"topic": topic, "partitions": partitions}))
        }
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
    let json = crate::sim::cluster::json::parse(text).map_err(|e| ScenarioError {
        path: String::new(),
        line: e.line,
        column: e.column,
        message: format!("fix the JSON before using the fields: {e}"),
        problem: super::ScenarioProblem::FixJsonFirst(e.syntax),
    })?;
    let mut doc = to_value(&json);
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
                problem: super::ScenarioProblem::NotAnObject,
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
