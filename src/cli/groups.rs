//! `kafka-playground consumer-groups`: `kafka-consumer-groups.sh --describe` and `--reset-offsets` at a moment of a scenario.

use super::*;
use crate::sim::consumer::{describe_group, format_describe};
use crate::sim::offsets_tool::{format_reset_topics, parse_reset_spec, ResetMode};

/// `consumer-groups` options, as given.
struct GroupsArgs<'a> {
    describe: bool,
    reset: bool,
    execute: bool,
    group: Option<&'a String>,
    path: Option<&'a String>,
    at: Option<u64>,
    /// The reset scenario and its value (`--to-offset 5`), read the way the console reads it.
    spec: Option<(ResetMode, &'a str)>,
    all_topics: bool,
    topic_scope: Option<&'a String>,
}

/// The command's options, each checked as it is read.
fn parse_args<'a>(args: &'a [String]) -> Result<GroupsArgs<'a>, Outcome> {
    let mut describe = false;
    let mut reset = false;
    let mut execute = false;
    let mut group: Option<&String> = None;
    let mut path: Option<&String> = None;
    let mut at: Option<u64> = None;
    let mut spec: Option<(ResetMode, &str)> = None;
    let mut all_topics = false;
    let mut topic_scope: Option<&String> = None;
    let mut i = 0;
    let set_spec = |s: (ResetMode, &'a str), spec: &mut Option<(ResetMode, &'a str)>| -> Result<(), Outcome> {
        if spec.is_some() {
            return Err(Outcome::usage("consumer-groups: give only one of --to-earliest, --to-latest, --to-current, --to-offset, --shift-by, --to-datetime, --by-duration"));
        }
        *spec = Some(s);
        Ok(())
    };
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1);
        let r = match a {
            "--describe" => {
                describe = true;
                Ok(())
            }
            "--reset-offsets" => {
                reset = true;
                Ok(())
            }
            "--execute" => {
                execute = true;
                Ok(())
            }
            "--dry-run" => {
                execute = false;
                Ok(())
            }
            "--all-topics" => {
                all_topics = true;
                Ok(())
            }
            "--topic" => match value {
                Some(v) => {
                    topic_scope = Some(v);
                    i += 1;
                    Ok(())
                }
                None => Err(Outcome::usage("--topic needs a topic (T or T:0,1)")),
            },
            "--group" => match value {
                Some(v) => {
                    group = Some(v);
                    i += 1;
                    Ok(())
                }
                None => Err(Outcome::usage("--group needs a group id")),
            },
            "--at" => match parse_number::<u64>("--at", value) {
                Ok(v) => {
                    at = Some(v);
                    i += 1;
                    Ok(())
                }
                Err(o) => Err(o),
            },
            // The reset scenarios, as `kafka-consumer-groups.sh` names them (`ResetMode`), their
            // values checked by the same reader as the console's (`parse_reset_spec`).
            m if m.strip_prefix("--").and_then(ResetMode::from_name).is_some() => {
                let mode = ResetMode::from_name(&m[2..]).expect("matched");
                let v = if mode.needs_value() {
                    i += 1;
                    value.map_or("", |v| v.as_str())
                } else {
                    ""
                };
                parse_reset_spec(mode.name(), v, 0).map_err(Outcome::usage).and_then(|_| set_spec((mode, v), &mut spec))
            }
            s if s.starts_with('-') && s.len() > 1 => {
                Err(Outcome::usage(format!("consumer-groups: unknown option '{s}'")))
            }
            _ => {
                if path.is_some() {
                    Err(Outcome::usage(format!("consumer-groups: unexpected argument '{a}'")))
                } else {
                    path = Some(&args[i]);
                    Ok(())
                }
            }
        };
        r?;
        i += 1;
    }
    Ok(GroupsArgs { describe, reset, execute, group, path, at, spec, all_topics, topic_scope })
}

pub(super) fn cmd_consumer_groups(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    let a = match parse_args(args) {
        Ok(a) => a,
        Err(o) => return o,
    };
    if a.describe == a.reset {
        return Outcome::usage("consumer-groups: give one of --describe or --reset-offsets");
    }
    let Some(group) = a.group else { return Outcome::usage("consumer-groups: --group is required") };
    let Some(path) = a.path else { return Outcome::usage("consumer-groups: no SCENARIO.json given") };
    if a.reset && a.spec.is_none() {
        return Outcome::usage("--reset-offsets needs a scenario: --to-earliest, --to-latest, --to-current, --to-offset N, --shift-by N, --to-datetime T or --by-duration D");
    }
    let (mut run, _) = match run_scenario(path, None, a.at.map(|t| t.min(UNTIL_MS_MAX)), read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let topic = run.sim.config().topic.clone();
    let state = run.sim.consumers().groups.get(group.as_str()).map(|g| g.state);
    if a.describe {
        let view = run.sim.logs_view();
        return match describe_group(run.sim.consumers(), group, &topic, &view) {
            None => Outcome::error(format!("Consumer group '{group}' does not exist.")),
            Some(rows) => Outcome::ok(format_describe(group, state, &rows)),
        };
    }
    let (mode, value) = a.spec.expect("checked");
    // `--by-duration` counts back from the moment the scenario reached.
    let spec = match parse_reset_spec(mode.name(), value, run.sim.now_ms()) {
        Ok(s) => s,
        Err(e) => return Outcome::usage(e),
    };
    let scope = match (a.all_topics, a.topic_scope) {
        (true, Some(_)) => return Outcome::usage("Option [all-topics] can't be used with option [topic]"),
        (true, None) => crate::sim::offsets_tool::ResetScope::AllTopics,
        (false, Some(t)) => {
            let counts = |name: &str| run.sim.topics().get(name).map(|t| t.partitions());
            match crate::sim::offsets_tool::parse_topic_scopes(&[t], &counts) {
                Ok(s) => s,
                Err(e) => return Outcome::usage(e),
            }
        }
        // The playground's CLI defaults to the one topic.
        (false, None) => crate::sim::offsets_tool::ResetScope::Topic(None),
    };
    let plans = match run.sim.plan_offsets_reset_topics(group, spec, &scope) {
        Ok(r) => r,
        Err(e) => return Outcome::error(format!("Error: {e}")),
    };
    let table = format_reset_topics(group, &plans);
    if a.execute {
        let offsets: Vec<(u32, u64)> = plans
            .iter()
            .flat_map(|(t, rows)| rows.iter().map(move |r| (t, r)))
            .filter_map(|(t, r)| run.sim.slot(t, r.partition).map(|slot| (slot, r.new_offset)))
            .collect();
        if let Err(e) = run.sim.apply(crate::sim::Command::AlterGroupOffsets { group: group.clone(), offsets }) {
            return Outcome::error(e.to_string());
        }
    }
    Outcome::ok(table)
}
