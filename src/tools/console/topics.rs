//! `kafka-topics.sh`: --list, --describe, --create, --alter (Kafka 4.0's checks and messages).

use super::*;

impl Console {
    pub(super) fn topics(&mut self, sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
        let topic = sim.config().topic.clone();
        let action = o.action(&["--list", "--describe", "--create", "--alter", "--delete"])?;
        let named = o.get("--topic");
        let check_topic = |t: Option<&str>| -> Result<(), String> {
            match t {
                Some(t) if t != topic => Err(format!(
                    "Error while executing topic command : Topic '{t}' does not exist as expected\n(the playground simulates one topic, {topic})"
                )),
                _ => Ok(()),
            }
        };
        match action {
            "--list" => Ok(Outcome::ok(format!("{topic}\n"))),
            "--describe" => {
                check_topic(named)?;
                Ok(Outcome::ok(describe_topic(sim)))
            }
            "--create" => {
                let t = o.require("--topic")?;
                if t == topic {
                    return Err(format!("Error while executing topic command : Topic '{t}' already exists."));
                }
                let created = create_topic(sim, o, self.base.as_ref())?;
                Ok(Outcome {
                    output: format!(
                        "Created topic {t}.\n(the playground shows one topic: a fresh run now shows {t} on the same brokers, without clients)\n"
                    ),
                    created: Some(created),
                    ..Outcome::default()
                })
            }
            "--delete" => {
                check_topic(Some(o.require("--topic")?))?;
                Err("Error while executing topic command : the playground's topic cannot be deleted".into())
            }
            _ => {
                check_topic(Some(o.require("--topic")?))?;
                let n: u32 = o.number("--partitions")?.ok_or("Missing required argument \"[partitions]\"")?;
                let current = sim.partition_count();
                if n <= current {
                    return Err(format!(
                        "Error while executing topic command : Topic currently has {current} partitions, which is higher than the requested {n}."
                    ));
                }
                let events = sim
                    .apply(Command::AlterPartitions { partitions: n })
                    .map_err(|e| format!("Error while executing topic command : {e}"))?;
                Ok(changed(String::new(), events, o))
            }
        }
    }
}

/// `kafka-topics.sh --create --topic T --partitions N [--replication-factor R] [--config K=V]`:
/// the scenario for a fresh run with this topic (Kafka's checks and messages).
pub(super) fn create_topic(
    sim: &Sim,
    o: &Opts,
    base: Option<&crate::format::Scenario>,
) -> Result<crate::format::Scenario, String> {
    let name = o.require("--topic")?;
    crate::sim::config::validate_topic_name(name)
        .map_err(|e| format!("Error while executing topic command : {}", e.message))?;
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || "._-".contains(*c))) {
        return Err(format!(
            "Error while executing topic command : Topic name \"{name}\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-' ('{bad}')"
        ));
    }
    let partitions: u32 = o.number("--partitions")?.ok_or("Missing required argument \"[partitions]\"")?;
    if partitions == 0 {
        return Err("Error while executing topic command : The partitions must be greater than 0".into());
    }
    let rf: u16 =
        match o.number::<i64>("--replication-factor")?.unwrap_or(1) {
            r if (1..=i64::from(i16::MAX)).contains(&r) => r as u16,
            _ => return Err(
                "Error while executing topic command : The replication factor must be between 1 and 32767 inclusive"
                    .into(),
            ),
        };
    let live = sim.cluster().brokers.values().filter(|b| b.state == crate::sim::cluster::BrokerState::Running).count();
    if rf as usize > live {
        // KRaft's StripedReplicaPlacer, wrapped by the controller (Kafka 4.0 wording).
        return Err(format!(
            "Error while executing topic command : Unable to replicate the partition {rf} time(s): The target replication factor of {rf} cannot be reached because only {live} broker(s) are registered."
        ));
    }
    let mut s = match base {
        Some(b) => b.clone(),
        None => crate::format::playground_default(),
    };
    s.sim.topic = name.to_string();
    s.sim.partitions = partitions;
    s.sim.cluster.brokers = sim
        .cluster
        .brokers
        .values()
        .map(|b| crate::sim::cluster::BrokerSpec { id: b.id, rack: b.rack.clone() })
        .collect();
    s.sim.cluster.replication_factor = rf;
    s.sim.cluster.replica_assignment = None;
    s.sim.cluster.min_insync_replicas = 1;
    s.sim.cluster.unclean_leader_election = false;
    s.sim.retention_ms = Some(604_800_000);
    s.sim.retention_bytes = None;
    s.producers.clear();
    s.consumers.clear();
    s.timeline.clear();
    s.push = None;
    s.seed = sim.seed();
    for kv in o.all("--config") {
        let (k, v) = kv.split_once('=').ok_or_else(|| format!("--config: '{kv}' is not key=value"))?;
        let num = |v: &str| {
            v.parse::<i64>().map_err(|_| format!("Invalid value {v} for configuration {k}: Not a number of type LONG"))
        };
        match k {
            "retention.ms" => s.sim.retention_ms = u64::try_from(num(v)?).ok(),
            "retention.bytes" => s.sim.retention_bytes = u64::try_from(num(v)?).ok(),
            "segment.bytes" => s.sim.log_limits.segment_bytes = num(v)?.max(100) as u64,
            "segment.ms" => s.sim.log_limits.segment_ms = num(v)?.max(1) as u64,
            "min.insync.replicas" => s.sim.cluster.min_insync_replicas = num(v)?.clamp(1, i64::from(u16::MAX)) as u16,
            "unclean.leader.election.enable" => s.sim.cluster.unclean_leader_election = v == "true",
            other => return Err(format!("--config: '{other}' is not a topic config the playground simulates (retention.ms, retention.bytes, segment.bytes, segment.ms, min.insync.replicas, unclean.leader.election.enable)")),
        }
    }
    let text = crate::format::to_json(&s);
    crate::format::parse(&text).map_err(|e| format!("Error while executing topic command : {e}"))
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

/// `kafka-topics.sh --describe`.
pub fn describe_topic(sim: &Sim) -> String {
    use std::fmt::Write;
    let c = sim.config();
    let cl = &sim.cluster();
    let mut configs = Vec::new();
    // Like Kafka, only configs set on the topic (here: those not at Kafka's default).
    match c.retention_ms {
        Some(604_800_000) => {}
        Some(r) => configs.push(format!("retention.ms={r}")),
        None => configs.push("retention.ms=-1".into()),
    }
    if let Some(b) = c.retention_bytes {
        configs.push(format!("retention.bytes={b}"));
    }
    if c.log_limits.segment_bytes != 1_073_741_824 {
        configs.push(format!("segment.bytes={}", c.log_limits.segment_bytes));
    }
    if c.cluster.min_insync_replicas != 1 {
        configs.push(format!("min.insync.replicas={}", c.cluster.min_insync_replicas));
    }
    if c.cluster.unclean_leader_election {
        configs.push("unclean.leader.election.enable=true".into());
    }
    let pairs = |s: &crate::util::ordmap::OrdSet<(u32, i32)>| {
        s.iter().map(|(p, b)| format!("{p}:{b}")).collect::<Vec<_>>().join(",")
    };
    if !cl.leader_throttled.is_empty() {
        configs.push(format!("leader.replication.throttled.replicas={}", pairs(&cl.leader_throttled)));
    }
    if !cl.follower_throttled.is_empty() {
        configs.push(format!("follower.replication.throttled.replicas={}", pairs(&cl.follower_throttled)));
    }
    let rf = cl.partitions.first().map_or(0, |p| p.reassignment.as_ref().map_or(p.replicas.len(), |r| r.target.len()));
    let mut s = format!(
        "Topic: {}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}\n",
        c.topic,
        topic_id(sim.seed(), &c.topic),
        cl.partitions.len(),
        rf,
        configs.join(",")
    );
    for (i, p) in cl.partitions.iter().enumerate() {
        let _ = write!(
            s,
            "\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}",
            c.topic,
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
