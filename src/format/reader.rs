//! The scenario file's shapes read from the one JSON reader's tree
//! ([`crate::sim::cluster::json`]): unknown and repeated fields refused, each value's type
//! checked, Kafka's defaults for absent settings, and every error with the path of the field.
//! The wording follows serde's (`unknown field`, `missing field`, `invalid type`), which the
//! scenario format used before.

use super::json::*;
use super::*;
use crate::sim::cluster::json::Json;
use crate::sim::config::KeyMode;
use crate::sim::consumer::CommitStrategy;
use crate::sim::group::assignor::Strategy;

/// A bad field: its path (`producers[0].linger.ms`), what is wrong in English and typed.
pub(super) struct Bad {
    pub(super) path: String,
    pub(super) message: String,
    pub(super) problem: ScenarioProblem,
}

type R<T> = Result<T, Bad>;

pub(super) fn bad(path: &str, message: impl Into<String>, problem: ScenarioProblem) -> Bad {
    Bad { path: path.to_string(), message: message.into(), problem }
}

/// A setting's refusal at `path` (the setting's own field joined to it).
pub(super) fn setting(path: &str, e: crate::sim::error::ConfigError) -> Bad {
    let problem = ScenarioProblem::Setting { problem: e.problem, exception: e.exception };
    bad(&join(path, &e.field), e.message, problem)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn invalid_type(v: &Json, path: &str, expected: JsonType) -> Bad {
    let found = JsonKind::of(v);
    bad(
        path,
        format!("invalid type: {found}, expected {}", expected.name()),
        ScenarioProblem::InvalidType { found, expected },
    )
}

/// An object's members, checked against the keys it may have.
pub(super) struct Obj<'a> {
    path: String,
    members: &'a [(String, Json)],
}

impl<'a> Obj<'a> {
    pub(super) fn new(v: &'a Json, path: &str, keys: &[&str]) -> R<Self> {
        let Json::Obj(members) = v else { return Err(invalid_type(v, path, JsonType::Object)) };
        for (i, (k, _)) in members.iter().enumerate() {
            if !keys.contains(&k.as_str()) {
                let list: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                let message = format!("unknown field `{k}`, expected one of {}", list.join(", "));
                return Err(bad(&join(path, k), message, ScenarioProblem::UnknownField { field: k.clone() }));
            }
            if members[..i].iter().any(|(j, _)| j == k) {
                let problem = ScenarioProblem::DuplicateField { field: k.clone() };
                return Err(bad(&join(path, k), format!("duplicate field `{k}`"), problem));
            }
        }
        Ok(Self { path: path.to_string(), members })
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(super) fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// A required field.
    pub(super) fn req<T>(&self, key: &str, read: impl Fn(&'a Json, &str) -> R<T>) -> R<T> {
        match self.get(key) {
            Some(v) => read(v, &self.path(key)),
            None => {
                let problem = ScenarioProblem::MissingField { field: key.to_string() };
                Err(bad(&self.path, format!("missing field `{key}`"), problem))
            }
        }
    }

    /// A field with a default when absent.
    pub(super) fn or<T>(&self, key: &str, default: impl FnOnce() -> T, read: impl Fn(&'a Json, &str) -> R<T>) -> R<T> {
        match self.get(key) {
            Some(v) => read(v, &self.path(key)),
            None => Ok(default()),
        }
    }

    /// An optional field (`null` is absent).
    pub(super) fn opt<T>(&self, key: &str, read: impl Fn(&'a Json, &str) -> R<T>) -> R<Option<T>> {
        match self.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(v) => read(v, &self.path(key)).map(Some),
        }
    }
}

/// A number outside its type, as serde words it.
fn out_of_type(path: &str, n: impl std::fmt::Display, expected: JsonType) -> Bad {
    let message = format!("invalid value: integer `{n}`, expected {}", expected.name());
    bad(path, message, ScenarioProblem::InvalidValue { value: n.to_string(), expected })
}

fn integer(v: &Json, path: &str, expected: JsonType) -> R<i128> {
    match v {
        Json::Num(n) if !n.contains(['.', 'e', 'E']) => n.parse::<i128>().map_err(|_| out_of_type(path, n, expected)),
        other => Err(invalid_type(other, path, expected)),
    }
}

macro_rules! int_reader {
    ($name:ident, $t:ty, $expected:expr) => {
        pub(super) fn $name(v: &Json, path: &str) -> R<$t> {
            let n = integer(v, path, $expected)?;
            <$t>::try_from(n).map_err(|_| out_of_type(path, n, $expected))
        }
    };
}

int_reader!(u64_, u64, JsonType::U64);
int_reader!(u32_, u32, JsonType::U32);
int_reader!(u16_, u16, JsonType::U16);
int_reader!(i64_, i64, JsonType::I64);
int_reader!(i32_, i32, JsonType::I32);

pub(super) fn f64_(v: &Json, path: &str) -> R<f64> {
    match v {
        Json::Num(n) => n.parse::<f64>().map_err(|_| invalid_type(v, path, JsonType::F64)),
        other => Err(invalid_type(other, path, JsonType::F64)),
    }
}

pub(super) fn bool_(v: &Json, path: &str) -> R<bool> {
    match v {
        Json::Bool(b) => Ok(*b),
        other => Err(invalid_type(other, path, JsonType::Bool)),
    }
}

pub(super) fn string_(v: &Json, path: &str) -> R<String> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        other => Err(invalid_type(other, path, JsonType::String)),
    }
}

pub(super) fn list<T>(v: &Json, path: &str, read: impl Fn(&Json, &str) -> R<T>) -> R<Vec<T>> {
    match v {
        Json::Arr(items) => items.iter().enumerate().map(|(i, x)| read(x, &format!("{path}[{i}]"))).collect(),
        other => Err(invalid_type(other, path, JsonType::Sequence)),
    }
}

/// A string that must be one of `names`.
fn variant<T: Copy>(v: &Json, path: &str, names: &[(&str, T)]) -> R<T> {
    let s = string_(v, path)?;
    names.iter().find(|(n, _)| *n == s).map(|(_, t)| *t).ok_or_else(|| {
        let list: Vec<String> = names.iter().map(|(n, _)| format!("`{n}`")).collect();
        let expected = names.iter().map(|(n, _)| n.to_string()).collect();
        let message = format!("unknown variant `{s}`, expected one of {}", list.join(", "));
        bad(path, message, ScenarioProblem::UnknownVariant { value: s.clone(), expected })
    })
}

/// An error of a whole element, its path relative to the element's (`linger.ms`, or empty for
/// the element itself): the full path.
fn field_error(path: &str, b: Bad) -> Bad {
    Bad { path: join(path, &b.path), ..b }
}

impl ScenarioJson {
    pub(super) fn read(v: &Json) -> R<Self> {
        let o = Obj::new(
            v,
            "",
            &[
                "version",
                "seed",
                "until.ms",
                "topic",
                "topics",
                "network.latency.ms",
                "producers",
                "consumers",
                "group.initial.rebalance.delay.ms",
                "offsets.topic.num.partitions",
                "offsets.retention.minutes",
                "offsets.retention.check.interval.ms",
                "cluster",
                "push",
                "timeline",
            ],
        )?;
        Ok(Self {
            version: o.req("version", u32_)?,
            seed: o.or("seed", default_seed, u64_)?,
            until_ms: o.or("until.ms", default_until_ms, u64_)?,
            topic: o.opt("topic", TopicJson::read)?,
            topics: o.or("topics", Vec::new, |v, p| list(v, p, TopicJson::read))?,
            network_latency_ms: o.or("network.latency.ms", default_latency_ms, f64_)?,
            producers: o.or("producers", Vec::new, |v, p| list(v, p, ProducerJson::read))?,
            consumers: o.or("consumers", Vec::new, |v, p| list(v, p, ConsumerJson::read))?,
            initial_rebalance_delay_ms: o.or("group.initial.rebalance.delay.ms", default_initial_delay, u64_)?,
            offsets_topic_partitions: o.or("offsets.topic.num.partitions", default_offsets_partitions, u32_)?,
            offsets_retention_minutes: o.or("offsets.retention.minutes", default_offsets_retention_minutes, u64_)?,
            offsets_retention_check_interval_ms: o.or(
                "offsets.retention.check.interval.ms",
                default_offsets_retention_check,
                u64_,
            )?,
            cluster: o.opt("cluster", ClusterJson::read)?,
            push: o.opt("push", PushJson::read)?,
            timeline: o.or("timeline", Vec::new, |v, p| list(v, p, StepJson::read))?,
        })
    }
}

impl TopicJson {
    pub(super) fn read(v: &Json, path: &str) -> R<Self> {
        let o = Obj::new(
            v,
            path,
            &[
                "name",
                "partitions",
                "retention.ms",
                "retention.bytes",
                "segment.bytes",
                "segment.ms",
                "log.retention.check.interval.ms",
                "replication.factor",
                "min.insync.replicas",
                "unclean.leader.election.enable",
                "replica.assignment",
            ],
        )?;
        Ok(Self {
            name: o.or("name", default_topic, string_)?,
            partitions: o.req("partitions", u32_)?,
            retention_ms: o.or("retention.ms", default_retention_ms, i64_)?,
            retention_bytes: o.or("retention.bytes", default_retention_bytes, i64_)?,
            segment_bytes: o.or("segment.bytes", default_segment_bytes, u64_)?,
            segment_ms: o.or("segment.ms", default_segment_ms, u64_)?,
            retention_check_interval_ms: o.or("log.retention.check.interval.ms", default_retention_check, u64_)?,
            replication_factor: o.or("replication.factor", default_one_u16, u16_)?,
            min_insync_replicas: o.or("min.insync.replicas", default_one_u16, u16_)?,
            unclean_leader_election: o.or("unclean.leader.election.enable", || false, bool_)?,
            replica_assignment: o.opt("replica.assignment", |v, p| list(v, p, |v, p| list(v, p, i32_)))?,
        })
    }
}

impl ClusterJson {
    fn read(v: &Json, path: &str) -> R<Self> {
        let o = Obj::new(
            v,
            path,
            &[
                "brokers",
                "replica.lag.time.max.ms",
                "broker.session.timeout.ms",
                "auto.leader.rebalance.enable",
                "leader.imbalance.check.interval.seconds",
                "replication.bytes.per.sec",
                "placement.start.index",
                "produce.bytes.per.sec",
            ],
        )?;
        Ok(Self {
            brokers: o.req("brokers", |v, p| list(v, p, BrokerJson::read))?,
            replica_lag_time_max_ms: o.or("replica.lag.time.max.ms", default_lag_max, u64_)?,
            broker_session_timeout_ms: o.or("broker.session.timeout.ms", default_broker_session, u64_)?,
            auto_leader_rebalance: o.or("auto.leader.rebalance.enable", default_true, bool_)?,
            leader_imbalance_check_interval_seconds: o.or(
                "leader.imbalance.check.interval.seconds",
                default_imbalance_check,
                u64_,
            )?,
            replication_bytes_per_sec: o.or("replication.bytes.per.sec", default_replication_rate, u64_)?,
            placement_start_index: o.opt("placement.start.index", i32_)?,
            produce_bytes_per_sec: o.opt("produce.bytes.per.sec", u64_)?,
        })
    }
}

impl BrokerJson {
    fn read(v: &Json, path: &str) -> R<Self> {
        if let Json::Num(_) = v {
            return Ok(BrokerJson::Id(i32_(v, path)?));
        }
        let o = Obj::new(v, path, &["id", "rack"])?;
        Ok(BrokerJson::Full { id: o.req("id", i32_)?, rack: o.opt("rack", string_)? })
    }
}

impl PushJson {
    fn read(v: &Json, path: &str) -> R<Self> {
        let o = Obj::new(v, path, &["buffer.records", "overflow", "processing.ms"])?;
        use crate::sim::push::Overflow;
        Ok(Self {
            buffer_records: o.req("buffer.records", u64_)?,
            overflow: o.or("overflow", default_overflow, |v, p| {
                variant(v, p, &[("drop", Overflow::Drop), ("crash", Overflow::Crash)])
            })?,
            processing_ms: o.req("processing.ms", f64_)?,
        })
    }
}

fn key_mode(v: &Json, path: &str) -> R<KeyMode> {
    let o = Obj::new(v, path, &["mode", "count", "prefix"])?;
    let mode = o.req("mode", |v, p| variant(v, p, &[("none", 0), ("fixed", 1), ("random", 2)]))?;
    let only_mode = |m: &str| match (o.get("count"), o.get("prefix")) {
        (None, None) => Ok(()),
        _ => {
            let message = format!("unknown field for mode `{m}`: count and prefix belong to `fixed`");
            Err(bad(path, message, ScenarioProblem::FixedOnly))
        }
    };
    Ok(match mode {
        0 => only_mode("none").map(|_| KeyMode::None)?,
        2 => only_mode("random").map(|_| KeyMode::Random)?,
        _ => KeyMode::Fixed { count: o.req("count", u32_)?, prefix: o.or("prefix", || "user-".to_string(), string_)? },
    })
}

impl ProducerJson {
    fn read(v: &Json, path: &str) -> R<Self> {
        let o = Obj::new(
            v,
            path,
            &[
                "client.id",
                "topics",
                "rate",
                "keys",
                "value.bytes",
                "batch.size",
                "linger.ms",
                "buffer.memory",
                "max.in.flight.requests.per.connection",
                "metadata.max.age.ms",
                "acks",
                "delivery.timeout.ms",
                "retry.backoff.ms",
                "max.block.ms",
            ],
        )?;
        let rate = o.req("rate", |v, p| {
            let r = Obj::new(v, p, &["records.per.sec", "mode", "burst.ms", "idle.ms"])?;
            Ok(RateJson {
                records_per_sec: r.req("records.per.sec", f64_)?,
                mode: r.or("mode", default_rate_mode, |v, p| {
                    variant(v, p, &[("steady", RateModeName::Steady), ("bursty", RateModeName::Bursty)])
                })?,
                burst_ms: r.opt("burst.ms", u64_)?,
                idle_ms: r.opt("idle.ms", u64_)?,
            })
        })?;
        let fields = ProducerFields {
            client_id: o.req("client.id", string_)?,
            topics: o.or("topics", Vec::new, |v, p| list(v, p, topic_weight))?,
            rate,
            keys: o.or("keys", default_keys, key_mode)?,
            value_bytes: o.or("value.bytes", default_value_bytes, u32_)?,
            batch_size: o.or("batch.size", default_batch_size, u32_)?,
            linger_ms: o.or("linger.ms", default_linger_ms, u64_)?,
            buffer_memory: o.or("buffer.memory", default_buffer_memory, u64_)?,
            max_in_flight: o.or("max.in.flight.requests.per.connection", default_max_in_flight, u32_)?,
            metadata_max_age_ms: o.or("metadata.max.age.ms", default_metadata_max_age_ms, u64_)?,
            acks: o.or("acks", default_acks, |v, p| match v {
                Json::Num(_) => Ok(AcksJson::Number(i64_(v, p)?)),
                _ => Ok(AcksJson::Text(string_(v, p)?)),
            })?,
            delivery_timeout_ms: o.or("delivery.timeout.ms", default_delivery_timeout, u64_)?,
            retry_backoff_ms: o.or("retry.backoff.ms", default_retry_backoff, u64_)?,
            max_block_ms: o.or("max.block.ms", default_max_block, u64_)?,
        };
        ProducerJson::try_from(fields).map_err(|m| field_error(path, m))
    }
}

/// A producer's topic: `"orders"` or `{"topic": "orders", "weight": 3}`.
fn topic_weight(v: &Json, path: &str) -> R<TopicWeightJson> {
    if let Json::Str(s) = v {
        return Ok(TopicWeightJson::Name(s.clone()));
    }
    let o = Obj::new(v, path, &["topic", "weight"])?;
    Ok(TopicWeightJson::Weighted { topic: o.req("topic", string_)?, weight: o.or("weight", || 1, u32_)? })
}

impl ConsumerJson {
    fn read(v: &Json, path: &str) -> R<Self> {
        let o = Obj::new(
            v,
            path,
            &[
                "client.id",
                "topics",
                "pattern",
                "group.id",
                "group.instance.id",
                "commit",
                "auto.commit.interval.ms",
                "max.poll.records",
                "max.poll.interval.ms",
                "session.timeout.ms",
                "heartbeat.interval.ms",
                "partition.assignment.strategy",
                "auto.offset.reset",
                "fetch.max.wait.ms",
                "fetch.min.bytes",
                "fetch.max.bytes",
                "max.partition.fetch.bytes",
                "metadata.max.age.ms",
                "pause.resume",
                "processing.ms",
            ],
        )?;
        let commits: Vec<(&str, CommitStrategy)> = CommitStrategy::ALL.iter().map(|c| (c.name(), *c)).collect();
        let strategies: Vec<(&str, Strategy)> = Strategy::ALL.iter().map(|s| (s.name(), *s)).collect();
        let pair = |v: &Json, p: &str, a: &str, b: &str| -> R<(u64, u64)> {
            let o = Obj::new(v, p, &[a, b])?;
            Ok((o.req(a, u64_)?, o.req(b, u64_)?))
        };
        let fields = ConsumerFields {
            client_id: o.req("client.id", string_)?,
            topics: o.opt("topics", |v, p| list(v, p, string_))?,
            pattern: o.opt("pattern", string_)?,
            group_id: o.req("group.id", string_)?,
            group_instance_id: o.opt("group.instance.id", string_)?,
            commit: o.or("commit", default_commit, |v, p| variant(v, p, &commits))?,
            auto_commit_interval_ms: o.or("auto.commit.interval.ms", default_auto_commit_interval, u64_)?,
            max_poll_records: o.or("max.poll.records", default_max_poll_records, u32_)?,
            max_poll_interval_ms: o.or("max.poll.interval.ms", default_max_poll_interval, u64_)?,
            session_timeout_ms: o.or("session.timeout.ms", default_session_timeout, u64_)?,
            heartbeat_interval_ms: o.or("heartbeat.interval.ms", default_heartbeat, u64_)?,
            assignor: o.or("partition.assignment.strategy", default_assignor, |v, p| variant(v, p, &strategies))?,
            auto_offset_reset: o.or("auto.offset.reset", default_reset, string_)?,
            fetch_max_wait_ms: o.or("fetch.max.wait.ms", default_fetch_wait, u64_)?,
            fetch_min_bytes: o.or("fetch.min.bytes", default_fetch_min, u64_)?,
            fetch_max_bytes: o.or("fetch.max.bytes", default_fetch_max, u64_)?,
            max_partition_fetch_bytes: o.or("max.partition.fetch.bytes", default_partition_fetch_max, u64_)?,
            metadata_max_age_ms: o.or("metadata.max.age.ms", default_metadata_max_age_ms, u64_)?,
            pause_resume: o.opt("pause.resume", |v, p| {
                let (high, low) = pair(v, p, "high", "low")?;
                let high = u32::try_from(high).map_err(|_| out_of_type(&join(p, "high"), high, JsonType::U32))?;
                let low = u32::try_from(low).map_err(|_| out_of_type(&join(p, "low"), low, JsonType::U32))?;
                Ok(PauseJson { high, low })
            })?,
            processing_ms: o
                .opt("processing.ms", |v, p| pair(v, p, "min", "max").map(|(min, max)| ProcessingJson { min, max }))?,
        };
        ConsumerJson::try_from(fields).map_err(|m| field_error(path, m))
    }
}

impl StepJson {
    fn read(v: &Json, path: &str) -> R<Self> {
        let o = Obj::new(
            v,
            path,
            &[
                "at.ms",
                "alter.partitions",
                "create.topic",
                "delete.topic",
                "add.producer",
                "update.producer",
                "remove.producer",
                "add.consumer",
                "crash.consumer",
                "restart.consumer",
                "close.consumer",
                "stop.broker",
                "crash.broker",
                "restart.broker",
                "add.broker",
                "remove.broker",
                "execute.reassignment",
                "verify.reassignment",
                "cancel.reassignment",
                "console",
                "input",
                "files",
                "produce.limit",
                "push",
                "stop.push",
            ],
        )?;
        let fields = StepFields {
            at_ms: o.req("at.ms", u64_)?,
            alter_partitions: o.opt("alter.partitions", |v, p| match v {
                Json::Num(_) => Ok(AlterJson::Count(u32_(v, p)?)),
                _ => {
                    let a = Obj::new(v, p, &["topic", "partitions"])?;
                    Ok(AlterJson::Topic { topic: a.req("topic", string_)?, partitions: a.req("partitions", u32_)? })
                }
            })?,
            create_topic: o.opt("create.topic", TopicJson::read)?,
            delete_topic: o.opt("delete.topic", string_)?,
            add_producer: o.opt("add.producer", ProducerJson::read)?,
            update_producer: o.opt("update.producer", ProducerJson::read)?,
            remove_producer: o.opt("remove.producer", string_)?,
            add_consumer: o.opt("add.consumer", ConsumerJson::read)?,
            crash_consumer: o.opt("crash.consumer", string_)?,
            restart_consumer: o.opt("restart.consumer", string_)?,
            close_consumer: o.opt("close.consumer", string_)?,
            stop_broker: o.opt("stop.broker", i32_)?,
            crash_broker: o.opt("crash.broker", i32_)?,
            restart_broker: o.opt("restart.broker", i32_)?,
            add_broker: o.opt("add.broker", BrokerJson::read)?,
            remove_broker: o.opt("remove.broker", i32_)?,
            execute_reassignment: o.opt("execute.reassignment", |v, p| {
                let e = Obj::new(v, p, &["reassignment", "throttle", "additional"])?;
                Ok(ExecuteJson {
                    reassignment: e.req("reassignment", |v, _| Ok(v.clone()))?,
                    throttle: e.opt("throttle", i64_)?,
                    additional: e.or("additional", || false, bool_)?,
                })
            })?,
            verify_reassignment: o.opt("verify.reassignment", |v, _| Ok(v.clone()))?,
            cancel_reassignment: o.opt("cancel.reassignment", |v, _| Ok(v.clone()))?,
            console: o.opt("console", string_)?,
            input: o.or("input", Vec::new, |v, p| list(v, p, string_))?,
            files: o.or("files", OrdMap::new, |v, p| {
                let Json::Obj(m) = v else { return Err(invalid_type(v, p, JsonType::Map)) };
                m.iter().map(|(k, v)| Ok((k.clone(), string_(v, &join(p, k))?))).collect()
            })?,
            produce_limit: o.opt("produce.limit", u64_)?,
            push: o.opt("push", PushJson::read)?,
            stop_push: o.or("stop.push", || false, bool_)?,
        };
        StepJson::try_from(fields).map_err(|m| field_error(path, m))
    }
}

#[cfg(test)]
mod tests {
    use crate::format::parse;

    fn err(text: &str) -> (String, usize, usize, String) {
        let e = parse(text).expect_err("refused");
        (e.path, e.line, e.column, e.message)
    }

    #[test]
    fn errors_name_the_field_and_where_it_is_written() {
        let text = "{\"version\": 1,\n \"topic\": {\"partitions\": 2},\n \"producers\": [{\"client.id\": \"a\", \"rate\": {\"records.per.sec\": 1}},\n  {\"client.id\": \"b\", \"rate\": {\"records.per.sec\": 1}, \"linger.ms\": \"soon\"}]}";
        assert_eq!(
            err(text),
            ("producers[1].linger.ms".into(), 4, 54, "invalid type: string \"soon\", expected u64".into())
        );
        let e = err("{\"version\": 1, \"topic\": {\"partitions\": 2, \"partitions\": 3}}");
        assert_eq!((e.0.as_str(), e.3.as_str()), ("topic.partitions", "duplicate field `partitions`"));
        let e = err("{\"version\": 1, \"topic\": {\"partitions\": -2}}");
        assert_eq!((e.0.as_str(), e.3.as_str()), ("topic.partitions", "invalid value: integer `-2`, expected u32"));
        let e = err("{\"version\": 1, \"topic\": {}}");
        assert_eq!((e.0.as_str(), e.3.as_str()), ("topic", "missing field `partitions`"));
        let e = err("{\"version\": 1, \"topic\": {\"partitions\": 1}, \"consumers\": [{\"client.id\": \"c\", \"group.id\": \"g\", \"commit\": \"never\"}]}");
        assert_eq!(e.0, "consumers[0].commit");
        assert!(e.3.starts_with("unknown variant `never`, expected one of `auto`"), "{}", e.3);
        let e = err(
            "{\"version\": 1, \"topic\": {\"partitions\": 1}, \"timeline\": [{\"at.ms\": 1, \"stop.broker\": true}]}",
        );
        assert_eq!(
            (e.0.as_str(), e.3.as_str()),
            ("timeline[0].stop.broker", "invalid type: boolean `true`, expected i32")
        );
        // Not JSON: the reader's own message and place.
        let e = err("{\"version\": 1,, }");
        assert_eq!((e.1, e.2), (1, 15));
    }
}
