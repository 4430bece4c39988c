//! `kafka-consumer-groups.sh`: --list, --describe, --reset-offsets, --delete-offsets.

use super::*;

/// `kafka-consumer-groups.sh`.
pub(super) fn consumer_groups(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    use crate::sim::consumer::{describe_group, format_describe};
    use crate::sim::offsets_tool::{format_reset_topics, parse_reset_spec, RESET_MODES};
    let topic = sim.config().topic.clone();
    let action = o.action(&["--list", "--describe", "--reset-offsets"])?;
    if action == "--list" {
        return Ok(Outcome::ok(sim.consumers().groups.keys().map(|g| format!("{g}\n")).collect::<String>()));
    }
    let groups: Vec<String> = if o.has("--all-groups") {
        sim.consumers().groups.keys().cloned().collect()
    } else {
        vec![o.require("--group")?.to_string()]
    };
    if action == "--describe" {
        let mut s = String::new();
        for group in &groups {
            let state = sim.consumers().groups.get(group.as_str()).map(|g| g.state);
            if o.has("--state") {
                match state {
                    None => return Err(format!("Error: Consumer group '{group}' does not exist.")),
                    Some(st) => {
                        let members = sim.consumers().groups.get(group.as_str()).map_or(0, |g| g.members.len());
                        s.push_str(&format!(
                            "\n{:<15} {:<25} {:<15} {}\n",
                            "GROUP", "COORDINATOR (ID)", "STATE", "#MEMBERS"
                        ));
                        let coord = sim
                            .cluster
                            .offsets
                            .get(&crate::sim::group::java::offsets_partition_for(
                                group,
                                sim.consumers().offsets.partitions,
                            ))
                            .and_then(|p| p.leader);
                        s.push_str(&format!(
                            "{:<15} {:<25} {:<15} {}\n",
                            group,
                            coord.map_or("-".to_string(), |c| format!("localhost:9092 ({c})")),
                            format!("{st:?}"),
                            members
                        ));
                    }
                }
                continue;
            }
            let view = sim.logs_view();
            match describe_group(sim.consumers(), group, &topic, &view) {
                None => return Err(format!("Error: Consumer group '{group}' does not exist.")),
                Some(rows) => s.push_str(&format_describe(group, state, &rows)),
            }
        }
        return Ok(Outcome::ok(s));
    }
    // The scope (`getPartitionsToReset`): --all-topics resets the partitions the group has
    // committed offsets for; --topic T[:P,...] every (or the listed) partition of T.
    let scope = match (o.has("--all-topics"), o.get("--topic")) {
        (true, Some(_)) => return Err("Option [all-topics] can't be used with option [topic]".into()),
        (true, None) => crate::sim::offsets_tool::ResetScope::AllTopics,
        (false, Some(_)) => {
            let values: Vec<&str> = o.all("--topic").collect();
            let counts = |t: &str| sim.topics().get(t).map(|t| t.partitions());
            crate::sim::offsets_tool::parse_topic_scopes(&values, &counts)?
        }
        (false, None) => return Err("One of the reset scopes should be defined: --all-topics, --topic.".into()),
    };
    let modes: Vec<&str> = RESET_MODES.iter().copied().filter(|m| o.has(&format!("--{m}"))).collect();
    let [mode] = modes.as_slice() else {
        return Err(format!(
            "Option [reset-offsets] takes exactly one of these options: --{}",
            RESET_MODES.join(", --")
        ));
    };
    let spec = parse_reset_spec(mode, o.get(&format!("--{mode}")).unwrap_or(""), sim.now_ms())?;
    let execute = o.has("--execute");
    let mut s = String::new();
    let mut events = Vec::new();
    if !execute && !o.has("--dry-run") {
        s.push_str("WARN: No action will be performed as the --execute option is missing. In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.\n");
    }
    // All groups or none: work on a copy and keep it only if every group succeeded.
    let mut scratch = sim.clone();
    for group in &groups {
        let plans = scratch.plan_offsets_reset_topics(group, spec, &scope).map_err(|e| format!("Error: {e}"))?;
        s.push_str(&format_reset_topics(group, &plans));
        if execute {
            let offsets = plans
                .iter()
                .flat_map(|(t, rows)| rows.iter().map(move |r| (t, r)))
                .filter_map(|(t, r)| scratch.slot(t, r.partition).map(|slot| (slot, r.new_offset)))
                .collect();
            events.extend(
                scratch
                    .apply(Command::AlterGroupOffsets { group: group.clone(), offsets })
                    .map_err(|e| e.to_string())?,
            );
        }
    }
    if execute {
        *sim = scratch;
    }
    Ok(if execute { changed(s, events, o) } else { Outcome::ok(s) })
}
