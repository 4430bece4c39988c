//! `kafka-topics.sh`: --list, --describe, --create, --alter, --delete on the running cluster
//! (Kafka 4.0's `TopicCommand`: its checks and messages; `--topic` is a regular expression, as
//! Kafka's include list is, for every action but --create).

use super::*;
use crate::sim::topics::TopicSpec;

/// `TopicCommand`'s error prefix.
const ERR: &str = "Error while executing topic command : ";

impl Console {
    pub(super) fn topics(&mut self, sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
        let action = o.action(&["--list", "--describe", "--create", "--alter", "--delete"])?;
        if action != "--list" && action != "--describe" {
            o.require("--topic")?;
        }
        if action == "--create" {
            return create_topic(sim, o);
        }
        let names = matching_topics(sim, o.get("--topic"), o.has("--exclude-internal"))?;
        let ensure_exists = || match (o.get("--topic"), names.is_empty(), o.has("--if-exists")) {
            (Some(t), true, false) => Err(format!("{ERR}Topic '{t}' does not exist as expected")),
            _ => Ok(()),
        };
        match action {
            "--list" => Ok(Outcome::ok(names.iter().map(|n| format!("{n}\n")).collect::<String>())),
            "--describe" => {
                ensure_exists()?;
                let user: Vec<&String> = names.iter().filter(|n| n.as_str() != OFFSETS_TOPIC).collect();
                Ok(Outcome::ok(user.iter().map(|n| describe_topic_named(sim, n)).collect::<String>()))
            }
            "--delete" => {
                ensure_exists()?;
                let mut events = Vec::new();
                for name in &names {
                    let e = sim.apply(Command::DeleteTopic { topic: name.clone() }).map_err(|e| format!("{ERR}{e}"))?;
                    events.extend(e);
                }
                Ok(changed(String::new(), events, o))
            }
            _ => {
                ensure_exists()?;
                let n: u32 = o.number("--partitions")?.ok_or("Missing required argument \"[partitions]\"")?;
                let mut events = Vec::new();
                for name in &names {
                    let current = sim.topics().get(name).map_or(0, |t| t.partitions());
                    if n <= current {
                        return Err(format!(
                            "{ERR}Topic currently has {current} partitions, which is higher than the requested {n}."
                        ));
                    }
                    let command = match name == &sim.config().topic {
                        true => Command::AlterPartitions { partitions: n },
                        false => Command::AlterTopicPartitions { topic: name.clone(), partitions: n },
                    };
                    events.extend(sim.apply(command).map_err(|e| format!("{ERR}{e}"))?);
                }
                Ok(changed(String::new(), events, o))
            }
        }
    }
}

/// The internal topic `--list` shows once a group has used it (unless `--exclude-internal`).
const OFFSETS_TOPIC: &str = "__consumer_offsets";

/// `TopicCommand.getTopics`: every topic, sorted, that the include list (a regular expression,
/// the whole name) matches; all of them without `--topic`.
fn matching_topics(sim: &Sim, include: Option<&str>, exclude_internal: bool) -> Result<Vec<String>, String> {
    let re = match include {
        Some(p) => Some(crate::util::regex::Regex::new(p).map_err(|e| format!("{ERR}--topic: {e}"))?),
        None => None,
    };
    let internal = (!exclude_internal && !sim.cluster().offsets.is_empty()).then_some(OFFSETS_TOPIC);
    let mut names: Vec<String> = sim
        .topics()
        .names()
        .chain(internal)
        .filter(|n| re.as_ref().is_none_or(|r| r.matches(n)))
        .map(str::to_string)
        .collect();
    crate::util::order::sort(&mut names);
    Ok(names)
}

/// `kafka-topics.sh --create --topic T [--partitions N] [--replication-factor R] [--config K=V]
/// [--replica-assignment 1:2,2:3]` on the running cluster: the controller places the replicas
/// (`StripedReplicaPlacer`). Without `--partitions` or `--replication-factor`, the brokers'
/// `num.partitions` (1) and `default.replication.factor` (1).
fn create_topic(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    let name = o.require("--topic")?;
    crate::sim::config::validate_topic_name(name).map_err(|e| format!("{ERR}{}", e.message))?;
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || "._-".contains(*c))) {
        return Err(format!(
            "{ERR}Topic name \"{name}\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-' ('{bad}')"
        ));
    }
    let rf = match o.number::<i64>("--replication-factor")? {
        None => None,
        Some(r) if (1..=i64::from(i16::MAX)).contains(&r) => Some(r as u16),
        Some(_) => return Err(format!("{ERR}The replication factor must be between 1 and 32767 inclusive")),
    };
    let partitions: u32 = match o.number::<i64>("--partitions")? {
        None => 1,
        Some(p) if p < 1 => return Err(format!("{ERR}The partitions must be greater than 0")),
        Some(p) => u32::try_from(p).unwrap_or(u32::MAX),
    };
    let mut spec = TopicSpec::new(name, partitions);
    spec.replication_factor = Some(rf.unwrap_or(1));
    if let Some(text) = o.get("--replica-assignment") {
        if o.has("--partitions") || o.has("--replication-factor") {
            return Err("Option \"[replica-assignment]\" can't be used with option \"[partitions]\" or \"[replication-factor]\"".into());
        }
        let lists = parse_replica_assignment(text)?;
        spec.partitions = lists.len() as u32;
        spec.replica_assignment = Some(lists);
    }
    for kv in o.all("--config") {
        let (k, v) = kv.split_once('=').ok_or_else(|| format!("--config: '{kv}' is not key=value"))?;
        let num = |v: &str| {
            v.parse::<i64>()
                .map_err(|_| format!("{ERR}Invalid value {v} for configuration {k}: Not a number of type LONG"))
        };
        match k {
            "retention.ms" => spec.retention_ms = u64::try_from(num(v)?).ok(),
            "retention.bytes" => spec.retention_bytes = u64::try_from(num(v)?).ok(),
            "segment.bytes" => spec.log_limits.segment_bytes = num(v)?.max(100) as u64,
            "segment.ms" => spec.log_limits.segment_ms = num(v)?.max(1) as u64,
            other => return Err(format!("--config: '{other}' is not a topic config the playground simulates per topic (retention.ms, retention.bytes, segment.bytes, segment.ms; min.insync.replicas and unclean.leader.election.enable are set for the whole cluster)")),
        }
    }
    let events = sim.apply(Command::CreateTopic { spec }).map_err(|e| match e {
        crate::sim::Rejected::InvalidConfig { error } if error.field == "topic" => {
            format!("{ERR}{}", strip_exception(&error.message))
        }
        crate::sim::Rejected::InvalidConfig { error } => format!("{ERR}{}: {}", error.field, error.message),
        crate::sim::Rejected::Cluster { error } => format!("{ERR}{}", strip_exception(&error.to_string())),
        other => format!("{ERR}{other}"),
    })?;
    let mut output = String::new();
    if name.contains('.') || name.contains('_') {
        output.push_str("WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n");
    }
    output.push_str(&format!("Created topic {name}.\n"));
    Ok(changed(output, events, o))
}

/// Kafka prints the exception's message, not its class.
fn strip_exception(text: &str) -> &str {
    text.split_once("Exception: ").map_or(text, |(_, m)| m)
}

/// `--replica-assignment 1:2,2:3`: partitions by comma, replicas by colon.
fn parse_replica_assignment(text: &str) -> Result<Vec<Vec<i32>>, String> {
    text.split(',')
        .enumerate()
        .map(|(i, part)| {
            part.split(':')
                .map(|b| {
                    b.trim().parse::<i32>().map_err(|_| {
                        format!("--replica-assignment: partition {i}: '{b}' is not a broker id (expected e.g. 1:2,2:3)")
                    })
                })
                .collect()
        })
        .collect()
}

pub(super) fn join(v: &[i32]) -> String {
    v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")
}

/// The topic's id as Kafka prints a `Uuid` (16 bytes, base64url without padding), made from the
/// seed and the name (the playground's topics have no id of their own; stable per run).
pub fn topic_id(seed: u64, topic: &str) -> String {
    // Two draws of the simulation's generator (SplitMix64), seeded from the seed and the name.
    let mut rng = crate::sim::rng::SimRng::new(
        crate::sim::murmur2::murmur2(topic.as_bytes()) as u32 as u64 ^ seed.rotate_left(17),
    );
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_be_bytes());
    }
    crate::util::base64url(&bytes)
}

/// `kafka-topics.sh --describe` of the first topic.
pub fn describe_topic(sim: &Sim) -> String {
    describe_topic_named(sim, &sim.config().topic)
}

/// `kafka-topics.sh --describe --topic T`.
pub fn describe_topic_named(sim: &Sim, name: &str) -> String {
    use std::fmt::Write;
    let Some(t) = sim.topics().get(name) else { return String::new() };
    let c = sim.config();
    let cl = &sim.cluster();
    let mut configs = Vec::new();
    // Like Kafka, only configs set on the topic (here: those not at Kafka's default).
    match t.retention_ms {
        Some(604_800_000) => {}
        Some(r) => configs.push(format!("retention.ms={r}")),
        None => configs.push("retention.ms=-1".into()),
    }
    if let Some(b) = t.retention_bytes {
        configs.push(format!("retention.bytes={b}"));
    }
    if t.log_limits.segment_bytes != 1_073_741_824 {
        configs.push(format!("segment.bytes={}", t.log_limits.segment_bytes));
    }
    if c.cluster.min_insync_replicas != 1 {
        configs.push(format!("min.insync.replicas={}", c.cluster.min_insync_replicas));
    }
    if c.cluster.unclean_leader_election {
        configs.push("unclean.leader.election.enable=true".into());
    }
    let local = |slot: u32| t.slots.iter().position(|s| *s == slot);
    let pairs = |s: &crate::util::ordmap::OrdSet<(u32, i32)>| {
        let mut v: Vec<(usize, i32)> = s.iter().filter_map(|(p, b)| local(*p).map(|i| (i, *b))).collect();
        crate::util::order::sort(&mut v);
        v.iter().map(|(p, b)| format!("{p}:{b}")).collect::<Vec<_>>().join(",")
    };
    for (key, set) in [("leader", &cl.leader_throttled), ("follower", &cl.follower_throttled)] {
        let text = pairs(set);
        if !text.is_empty() {
            configs.push(format!("{key}.replication.throttled.replicas={text}"));
        }
    }
    let parts: Vec<&crate::sim::cluster::PartitionReplicas> =
        t.slots.iter().map(|s| &cl.partitions[*s as usize]).collect();
    let rf = parts.first().map_or(0, |p| p.reassignment.as_ref().map_or(p.replicas.len(), |r| r.target.len()));
    let mut s = format!(
        "Topic: {}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}\n",
        t.name,
        topic_id(sim.seed(), &t.name),
        parts.len(),
        rf,
        configs.join(",")
    );
    for (i, p) in parts.iter().enumerate() {
        let _ = write!(
            s,
            "\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}",
            t.name,
            i,
            p.leader.map_or("none".to_string(), |l| l.to_string()),
            join(&p.replicas),
            join(&p.isr)
        );
        if let Some(r) = &p.reassignment {
            let _ = write!(
                s,
                "\tAdding Replicas: {}\tRemoving Replicas: {}",
                join(&r.replicas.adding),
                join(&r.replicas.removing)
            );
        }
        // Eligible leader replicas (KIP-966) are off by default in Kafka 4.0: not simulated.
        s.push_str("\tElr: N/A\tLastKnownElr: N/A\n");
    }
    s
}
