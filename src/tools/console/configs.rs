//! `kafka-configs.sh`: --describe and --alter of the broker and topic configs the playground simulates.

use super::*;

/// `kafka-configs.sh` for the replication throttles.
pub(super) fn configs(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    let action = o.action(&["--describe", "--alter"])?;
    let entity_type = o.require("--entity-type")?;
    let mut topic = sim.config().topic.clone();
    let brokers: Vec<i32> = match entity_type {
        "brokers" => {
            if o.has("--entity-default") {
                return Err(
                    "the playground has no dynamic default broker configs; name a broker with --entity-name".into()
                );
            }
            match o.get("--entity-name") {
                Some(n) => vec![n.parse::<i32>().map_err(|_| format!("--entity-name: '{n}' is not a broker id"))?],
                None if action == "--describe" => sim.cluster().brokers.keys().copied().collect(),
                None => {
                    return Err("--entity-name or --entity-default must be specified with --alter of brokers".into())
                }
            }
        }
        "topics" => {
            let n = o.require("--entity-name")?;
            if sim.topics().get(n).is_none() {
                return Err(format!("Error: topic '{n}' does not exist"));
            }
            topic = n.to_string();
            Vec::new()
        }
        other => return Err(format!("--entity-type: '{other}' (the playground configures brokers and topics)")),
    };
    for b in &brokers {
        if !sim.cluster().brokers.contains_key(b) {
            return Err(format!("Error: broker {b} does not exist"));
        }
    }
    if action == "--describe" {
        let mut s = String::new();
        if entity_type == "brokers" {
            for b in &brokers {
                let br = &sim.cluster().brokers[b];
                s.push_str(&format!("Dynamic configs for broker {b} are:\n"));
                if let Some(r) = br.leader_throttle {
                    s.push_str(&format!("  leader.replication.throttled.rate={r} sensitive=false synonyms={{DYNAMIC_BROKER_CONFIG:leader.replication.throttled.rate={r}}}\n"));
                }
                if let Some(r) = br.follower_throttle {
                    s.push_str(&format!("  follower.replication.throttled.rate={r} sensitive=false synonyms={{DYNAMIC_BROKER_CONFIG:follower.replication.throttled.rate={r}}}\n"));
                }
            }
        } else {
            s.push_str(&format!("Dynamic configs for topic {topic} are:\n"));
            let slots = &sim.topics().get(&topic).expect("checked").slots;
            let pairs = |v: &crate::util::ordmap::OrdSet<(u32, i32)>| {
                let mut local: Vec<(usize, i32)> =
                    v.iter().filter_map(|(p, b)| slots.iter().position(|s| s == p).map(|i| (i, *b))).collect();
                crate::util::order::sort(&mut local);
                local.iter().map(|(p, b)| format!("{p}:{b}")).collect::<Vec<_>>().join(",")
            };
            for (name, set) in
                [("leader", &sim.cluster().leader_throttled), ("follower", &sim.cluster().follower_throttled)]
            {
                let v = pairs(set);
                if !v.is_empty() {
                    s.push_str(&format!("  {name}.replication.throttled.replicas={v} sensitive=false synonyms={{DYNAMIC_TOPIC_CONFIG:{name}.replication.throttled.replicas={v}}}\n"));
                }
            }
        }
        return Ok(Outcome::ok(s));
    }
    let mut changes = Vec::new();
    let partitions = sim.topics().get(&topic).map_or(0, |t| t.partitions());
    if let Some(add) = o.get("--add-config") {
        for kv in split_configs(add) {
            let (k, v) = kv.split_once('=').ok_or_else(|| format!("--add-config: '{kv}' is not key=value"))?;
            changes.push(config_change(entity_type, &brokers, k, Some(v), partitions)?);
        }
    }
    if let Some(del) = o.get("--delete-config") {
        for k in del.split(',') {
            changes.push(config_change(entity_type, &brokers, k.trim(), None, partitions)?);
        }
    }
    if changes.is_empty() {
        return Err("At least one of --add-config or --delete-config must be specified with --alter".into());
    }
    let mut events = Vec::new();
    let mut scratch = sim.clone();
    for change in changes.into_iter().flatten() {
        let change = in_slots(&scratch, &topic, change);
        events.extend(scratch.apply(Command::AlterThrottleConfig { change }).map_err(|e| format!("Error: {e}"))?);
    }
    *sim = scratch;
    let what = if entity_type == "brokers" { format!("broker {}", brokers[0]) } else { format!("topic {topic}") };
    Ok(changed(format!("Completed updating config for {what}.\n"), events, o))
}

/// A topic's throttled replicas as the cluster keeps them: its partitions as slots, beside
/// the other topics' (the cluster holds one set over all topics).
fn in_slots(sim: &Sim, topic: &str, change: ThrottleConfig) -> ThrottleConfig {
    let ThrottleConfig::TopicReplicas { leader, replicas } = change else { return change };
    let slots = &sim.topics().get(topic).expect("checked").slots;
    let current = if leader { &sim.cluster().leader_throttled } else { &sim.cluster().follower_throttled };
    let mut all: Vec<(u32, i32)> = current.iter().filter(|(s, _)| !slots.contains(s)).copied().collect();
    all.extend(replicas.unwrap_or_default().into_iter().filter_map(|(p, b)| Some((*slots.get(p as usize)?, b))));
    ThrottleConfig::TopicReplicas { leader, replicas: (!all.is_empty()).then_some(all) }
}

/// `a=1,b=[0:1,1:2]`: commas inside square brackets belong to the value.
pub(super) fn split_configs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(super) fn config_change(
    entity_type: &str,
    brokers: &[i32],
    key: &str,
    value: Option<&str>,
    partitions: u32,
) -> Result<Vec<ThrottleConfig>, String> {
    match (entity_type, key) {
        ("brokers", "leader.replication.throttled.rate" | "follower.replication.throttled.rate") => {
            let rate = match value {
                None => None,
                Some(v) => Some(v.parse::<u64>().map_err(|_| format!("Invalid value {v} for configuration {key}: Not a number of type LONG"))?),
            };
            let leader = key.starts_with("leader");
            Ok(brokers.iter().map(|&broker| ThrottleConfig::BrokerRate { broker, leader, rate }).collect())
        }
        ("topics", "leader.replication.throttled.replicas" | "follower.replication.throttled.replicas") => {
            let leader = key.starts_with("leader");
            let replicas = match value {
                None => None,
                Some(v) => {
                    let v = v.trim_start_matches('[').trim_end_matches(']');
                    if v == "*" {
                        return Err(format!("{key}: '*' (all replicas) is not simulated; list partition:broker pairs"));
                    }
                    let mut pairs = Vec::new();
                    for (i, pair) in v.split(',').filter(|p| !p.is_empty()).enumerate() {
                        let parsed = pair.split_once(':').and_then(|(p, b)| Some((p.trim().parse::<u32>().ok()?, b.trim().parse::<i32>().ok()?)));
                        match parsed {
                            Some((p, _)) if p >= partitions => return Err(format!("{key}: entry {} ('{pair}'): partition {p} does not exist", i + 1)),
                            Some(x) => pairs.push(x),
                            None => return Err(format!("Invalid value {v} for configuration {key}: entry {} ('{pair}') is not partition:broker", i + 1)),
                        }
                    }
                    Some(pairs)
                }
            };
            Ok(vec![ThrottleConfig::TopicReplicas { leader, replicas }])
        }
        _ => Err(format!(
            "Unknown or read-only config {key} for {entity_type} in the playground (it alters the replication throttles: {})",
            if entity_type == "brokers" { "leader.replication.throttled.rate, follower.replication.throttled.rate" } else { "leader.replication.throttled.replicas, follower.replication.throttled.replicas" }
        )),
    }
}
