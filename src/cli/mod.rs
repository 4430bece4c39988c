//! The `kafka-playground` command-line tool, as a pure function of its arguments and a file
//! reader, so tests can run it without a process.

pub mod group_input;

use serde::Serialize;

use crate::scenario::report::Report;
use crate::scenario::{self, Run, UNTIL_MS_MAX};
use crate::sim::murmur2;

/// What a command printed and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Self { stdout, stderr: String::new(), code: 0 }
    }
    fn usage(message: impl std::fmt::Display) -> Self {
        Self {
            stdout: String::new(),
            stderr: format!("kafka-playground: {message}\nTry 'kafka-playground --help'.\n"),
            code: 2,
        }
    }
    fn error(message: impl std::fmt::Display) -> Self {
        Self { stdout: String::new(), stderr: format!("kafka-playground: {message}\n"), code: 2 }
    }
}

pub const HELP: &str = "\
kafka-playground: Apache Kafka (4.0 client behaviour), simulated.

Usage:
  kafka-playground run SCENARIO.json [--until MS] [--seed N] [--format json|text]
      Run a scenario headless and print a report: per partition the log start offset,
      log end offset and records per key; per producer the records sent.
  kafka-playground partition --partitions N [--hex] [--json] [--] KEY...
      Which partition each key goes to: toPositive(murmur2(key bytes)) % N.
      Prints KEY<TAB>PARTITION per key; --json prints [{\"key\",\"murmur2\",\"partition\"}].
      With --hex each KEY is the key's bytes in hex (00000001 = Integer key 1).
  kafka-playground assign --strategy range|roundrobin|sticky|cooperative-sticky FILE
      Run a group assignor as the group leader does. FILE is JSON:
      {\"partitions\": {\"orders\": 3}, \"members\": {\"c1\": {\"topics\": [\"orders\"],
       \"owned\": [\"orders-0\"], \"generation\": 1, \"instance_id\": \"i-1\"}}}
      (owned, generation, instance_id optional; \"subscriptions\": {\"c1\": [\"orders\"]} is a
      shorthand). Prints {\"c1\": [\"orders-0\", ...]}; for cooperative-sticky, the first round.
  kafka-playground offsets-partition [--partitions N] [--] GROUP...
      The __consumer_offsets partition of each group: abs(hashCode(group.id)) % N (N = 50,
      offsets.topic.num.partitions). Prints GROUP<TAB>PARTITION per group.
  kafka-playground consumer-groups --describe --group G SCENARIO.json [--at MS]
  kafka-playground consumer-groups --reset-offsets --group G [--all-topics | --topic T[:P,...]] SCENARIO.json [--at MS]
      (--to-earliest | --to-latest | --to-current | --to-offset N | --shift-by N |
       --to-datetime YYYY-MM-DDTHH:mm:SS.sss | --by-duration PnDTnHnMnS) [--dry-run | --execute]
      As kafka-consumer-groups.sh, against the scenario run until MS (default: its until.ms).
      Reset needs the group Empty or Dead; --dry-run (the default) prints the plan.
  kafka-playground reassign --scenario SCENARIO.json [--at MS]
      (--generate --topics-to-move-json-file F --broker-list 1,2,3 [--disable-rack-aware] |
       --execute --reassignment-json-file F [--throttle B/s] [--additional] [--verify-at MS] |
       --verify --reassignment-json-file F [--preserve-throttles] |
       --cancel --reassignment-json-file F [--preserve-throttles] | --list)
      As kafka-reassign-partitions.sh, against the scenario's cluster run until MS (default:
      its until.ms). --execute --verify-at MS also runs on to MS and prints --verify there.
  kafka-playground place-replicas --brokers 0,1,2 --partitions N --replication-factor R
      [--start-index I] [--start-partition P]
      Kafka's AdminUtils.assignReplicasToBrokers (rack-unaware) with a fixed start index
      (default 0; it also fixes the replica shift, as in Kafka). Prints {\"0\": [0, 1], ...}.
  kafka-playground console SCENARIO.json [--at MS] [--seed N] [--file NAME=PATH]... [-c LINE]...
      Kafka's tools against the scenario's cluster run until MS (default: its until.ms), the
      same console as the page's: kafka-topics.sh, kafka-console-producer.sh,
      kafka-console-consumer.sh, kafka-consumer-groups.sh, kafka-reassign-partitions.sh,
      kafka-configs.sh (type help). Lines come from -c, else from standard input; --file puts
      a file in the console's directory; a line `sleep S` lets S simulated seconds pass.
      Exit status 1 if a line failed.
  kafka-playground export SCENARIO.json (--trace | --describe | --real-cluster) [--at MS] [--seed N]
      The page's exports: the run's events as JSON, Kafka's describe tables at MS, or the
      commands and client properties that set up the scenario on a real Kafka 4.x cluster.
  kafka-playground bench [--scenario default|heavy] [--rate N] [--seconds S]
      Native throughput of a benchmark scenario (the same as the browser benchmark page's):
      simulated records per wall-clock second, as JSON. Defaults: heavy, 100000, 10.
  kafka-playground example-scenario
      Print the playground's opening scenario (a starting point for your own).
  kafka-playground seed-reassignment-scenario
      Print the seed's reassignment scenario: six brokers, topic test1 with partition 0 on
      1,2,3 and partition 1 on 4,5,6.
  kafka-playground --help | --version

Exit status: 0 on success, 2 on bad input (the message names the field and position).
";

/// Run the tool. `read` reads a file's text by path.
pub fn run(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    let Some(cmd) = args.first() else {
        return Outcome::usage("no command given");
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => Outcome::ok(HELP.to_string()),
        "-V" | "--version" => Outcome::ok(format!("kafka-playground {}\n", env!("CARGO_PKG_VERSION"))),
        "run" => cmd_run(&args[1..], read),
        "partition" => cmd_partition(&args[1..]),
        "assign" => cmd_assign(&args[1..], read),
        "offsets-partition" => cmd_offsets_partition(&args[1..]),
        "consumer-groups" => cmd_consumer_groups(&args[1..], read),
        "reassign" => cmd_reassign(&args[1..], read),
        "place-replicas" => cmd_place_replicas(&args[1..]),
        "console" => cmd_console(&args[1..], read),
        "export" => cmd_export(&args[1..], read),
        "bench" => cmd_bench(&args[1..]),
        "example-scenario" => Outcome::ok(format!("{}\n", scenario::DEFAULT_SCENARIO)),
        "seed-reassignment-scenario" => Outcome::ok(format!("{}\n", scenario::SEED_REASSIGNMENT_SCENARIO)),
        other => Outcome::usage(format!(
            "unknown command '{other}' (expected run, partition, assign, offsets-partition, consumer-groups, reassign, place-replicas, console, export, bench, example-scenario or seed-reassignment-scenario)"
        )),
    }
}

fn parse_number<T: std::str::FromStr>(flag: &str, value: Option<&String>) -> Result<T, Outcome> {
    let Some(v) = value else {
        return Err(Outcome::usage(format!("{flag} needs a value")));
    };
    v.parse::<T>().map_err(|_| Outcome::usage(format!("{flag}: '{v}' is not a valid non-negative whole number")))
}

/// Read, parse and run a scenario file until `until` (its own `until.ms` by default).
fn run_scenario(
    path: &str,
    seed: Option<u64>,
    until: Option<u64>,
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(Run, u64), Outcome> {
    let text = read(path).map_err(|e| Outcome::error(format!("cannot read {path}: {e}")))?;
    let scenario = scenario::parse(&text).map_err(|e| Outcome::error(format!("{path}: {e}")))?;
    let (mut run, _) = Run::start(&scenario, seed).map_err(|e| Outcome::error(format!("{path}: {e}")))?;
    let until_ms = until.unwrap_or(scenario.until_ms);
    run.run_until(until_ms, &mut |_| {});
    Ok((run, until_ms))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Text,
}

fn cmd_run(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    let mut path: Option<&String> = None;
    let mut until: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut format = Format::Text;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--until" => match parse_number::<u64>("--until", args.get(i + 1)) {
                Ok(v) if v >= 1 && v <= UNTIL_MS_MAX => {
                    until = Some(v);
                    i += 1;
                }
                Ok(_) => return Outcome::usage(format!("--until: must be between 1 and {UNTIL_MS_MAX} ms")),
                Err(o) => return o,
            },
            "--seed" => match parse_number::<u64>("--seed", args.get(i + 1)) {
                Ok(v) => {
                    seed = Some(v);
                    i += 1;
                }
                Err(o) => return o,
            },
            "--format" => {
                format = match args.get(i + 1).map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("text") => Format::Text,
                    Some(other) => return Outcome::usage(format!("--format: '{other}' is not json or text")),
                    None => return Outcome::usage("--format needs a value (json or text)"),
                };
                i += 1;
            }
            s if s.starts_with('-') && s.len() > 1 => return Outcome::usage(format!("run: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("run: unexpected argument '{a}' (one scenario file only)"));
                }
                path = Some(a);
            }
        }
        i += 1;
    }
    let Some(path) = path else {
        return Outcome::usage("run: no scenario file given");
    };
    let (run, until_ms) = match run_scenario(path, seed, until, read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let report = Report::from_run(&run, until_ms);
    Outcome::ok(match format {
        Format::Json => format!("{}\n", report.to_json()),
        Format::Text => report.to_text(),
    })
}

#[derive(Serialize)]
struct KeyPartition {
    key: String,
    murmur2: i32,
    partition: u32,
}

fn cmd_partition(args: &[String]) -> Outcome {
    let mut partitions: Option<u32> = None;
    let mut hex = false;
    let mut json = false;
    let mut keys: Vec<&String> = Vec::new();
    let mut i = 0;
    let mut only_keys = false;
    while i < args.len() {
        let a = &args[i];
        if only_keys {
            keys.push(a);
        } else {
            match a.as_str() {
                "--" => only_keys = true,
                "--hex" => hex = true,
                "--json" => json = true,
                "--partitions" => {
                    match parse_number::<u32>("--partitions", args.get(i + 1)) {
                        Ok(n) if n >= 1 => partitions = Some(n),
                        Ok(_) => return Outcome::usage("--partitions: must be at least 1"),
                        Err(o) => return o,
                    }
                    i += 1;
                }
                s if s.starts_with("--") => return Outcome::usage(format!("partition: unknown option '{s}'")),
                _ => keys.push(a),
            }
        }
        i += 1;
    }
    let Some(n) = partitions else {
        return Outcome::usage("partition: --partitions N is required");
    };
    if keys.is_empty() {
        return Outcome::usage("partition: give at least one KEY");
    }
    let mut rows = Vec::with_capacity(keys.len());
    for (index, key) in keys.iter().enumerate() {
        let bytes = if hex {
            match murmur2::parse_hex_key(key) {
                Ok(b) => b,
                Err(e) => return Outcome::error(format!("KEY {} ('{key}'): {e}", index + 1)),
            }
        } else {
            key.as_bytes().to_vec()
        };
        let h = murmur2::murmur2(&bytes);
        rows.push(KeyPartition { key: (*key).clone(), murmur2: h, partition: murmur2::to_positive(h) % n });
    }
    if json {
        Outcome::ok(format!("{}\n", serde_json::to_string(&rows).expect("rows serialize")))
    } else {
        Outcome::ok(rows.iter().map(|r| format!("{}\t{}\n", r.key, r.partition)).collect())
    }
}

fn cmd_assign(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    use crate::sim::group::assignor::{assign, Strategy};
    let mut strategy: Option<Strategy> = None;
    let mut path: Option<&String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--strategy" => {
                let Some(v) = args.get(i + 1) else {
                    return Outcome::usage("--strategy needs a value (range, roundrobin, sticky, cooperative-sticky)");
                };
                match Strategy::parse(v) {
                    Some(s) => strategy = Some(s),
                    None => {
                        return Outcome::usage(format!(
                            "--strategy: unknown assignor '{v}' (range, roundrobin, sticky, cooperative-sticky)"
                        ))
                    }
                }
                i += 1;
            }
            s if s.starts_with('-') && s.len() > 1 => return Outcome::usage(format!("assign: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("assign: unexpected argument '{a}' (one FILE only)"));
                }
                path = Some(a);
            }
        }
        i += 1;
    }
    let Some(strategy) = strategy else { return Outcome::usage("assign: --strategy is required") };
    let Some(path) = path else { return Outcome::usage("assign: no FILE given") };
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => return Outcome::error(format!("cannot read {path}: {e}")),
    };
    let input = match crate::cli::group_input::parse_assign_input(&text) {
        Ok(v) => v,
        Err(e) => return Outcome::error(format!("{path}: {e}")),
    };
    match assign(strategy, &input.partitions_per_topic, &input.members) {
        Err(e) => Outcome::error(format!("assignor {}: {e:?}", strategy.name())),
        Ok(a) => {
            // An object keyed by member id (keys sorted), each list sorted by topic then partition.
            let mut out = serde_json::Map::new();
            for m in &input.members {
                let list: Vec<serde_json::Value> =
                    a.get(&m.id).map(|l| l.iter().map(|tp| tp.name().into()).collect()).unwrap_or_default();
                out.insert(m.id.clone(), list.into());
            }
            Outcome::ok(format!("{}\n", serde_json::Value::Object(out)))
        }
    }
}

fn cmd_offsets_partition(args: &[String]) -> Outcome {
    use crate::sim::group::java::offsets_partition_for;
    let mut partitions: u32 = 50;
    let mut groups: Vec<&String> = Vec::new();
    let mut only_groups = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if only_groups {
            groups.push(a);
        } else {
            match a.as_str() {
                "--" => only_groups = true,
                "--partitions" => {
                    match parse_number::<u32>("--partitions", args.get(i + 1)) {
                        Ok(n) if n >= 1 => partitions = n,
                        Ok(_) => return Outcome::usage("--partitions: must be at least 1"),
                        Err(o) => return o,
                    }
                    i += 1;
                }
                s if s.starts_with('-') && s.len() > 1 => {
                    return Outcome::usage(format!(
                        "offsets-partition: unknown option '{s}' (use -- before a group id starting with '-')"
                    ))
                }
                _ => groups.push(a),
            }
        }
        i += 1;
    }
    if groups.is_empty() {
        return Outcome::usage("offsets-partition: give at least one GROUP");
    }
    Outcome::ok(groups.iter().map(|g| format!("{g}\t{}\n", offsets_partition_for(g, partitions))).collect())
}

fn cmd_consumer_groups(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    use crate::sim::consumer::{describe_group, format_describe};
    use crate::sim::offsets_tool::{format_reset, parse_datetime_ms, parse_duration_ms, ResetSpec};
    let mut describe = false;
    let mut reset = false;
    let mut execute = false;
    let mut group: Option<&String> = None;
    let mut path: Option<&String> = None;
    let mut at: Option<u64> = None;
    let mut spec: Option<ResetSpec> = None;
    let mut by_duration: Option<u64> = None;
    let mut all_topics = false;
    let mut topic_scope: Option<&String> = None;
    let mut i = 0;
    let set_spec = |s: ResetSpec, spec: &mut Option<ResetSpec>| -> Result<(), Outcome> {
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
            "--to-earliest" => set_spec(ResetSpec::ToEarliest, &mut spec),
            "--to-latest" => set_spec(ResetSpec::ToLatest, &mut spec),
            "--to-current" => set_spec(ResetSpec::ToCurrent, &mut spec),
            "--to-offset" | "--shift-by" => match value.map(|v| v.parse::<i64>()) {
                Some(Ok(n)) => {
                    i += 1;
                    set_spec(if a == "--to-offset" { ResetSpec::ToOffset(n) } else { ResetSpec::ShiftBy(n) }, &mut spec)
                }
                Some(Err(_)) => Err(Outcome::usage(format!("{a}: '{}' is not a whole number", value.expect("some")))),
                None => Err(Outcome::usage(format!("{a} needs a number"))),
            },
            "--to-datetime" => match value.map(|v| parse_datetime_ms(v)) {
                Some(Ok(ts)) => {
                    i += 1;
                    set_spec(ResetSpec::ToTimestamp(ts), &mut spec)
                }
                Some(Err(e)) => Err(Outcome::usage(format!("--to-datetime: {e}"))),
                None => Err(Outcome::usage("--to-datetime needs a date-time")),
            },
            "--by-duration" => match value.map(|v| parse_duration_ms(v)) {
                Some(Ok(d)) => {
                    i += 1;
                    by_duration = Some(d);
                    set_spec(ResetSpec::ToTimestamp(0), &mut spec)
                }
                Some(Err(e)) => Err(Outcome::usage(format!("--by-duration: {e}"))),
                None => Err(Outcome::usage("--by-duration needs a duration such as PT1H")),
            },
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
        if let Err(o) = r {
            return o;
        }
        i += 1;
    }
    if describe == reset {
        return Outcome::usage("consumer-groups: give one of --describe or --reset-offsets");
    }
    let Some(group) = group else { return Outcome::usage("consumer-groups: --group is required") };
    let Some(path) = path else { return Outcome::usage("consumer-groups: no SCENARIO.json given") };
    if reset && spec.is_none() {
        return Outcome::usage("--reset-offsets needs a scenario: --to-earliest, --to-latest, --to-current, --to-offset N, --shift-by N, --to-datetime T or --by-duration D");
    }
    let (mut run, _) = match run_scenario(path, None, at.map(|t| t.min(UNTIL_MS_MAX)), read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let topic = run.sim.config().topic.clone();
    let state = run.sim.consumers.groups.get(group.as_str()).map(|g| g.state);
    if describe {
        let view = run.sim.logs_view();
        return match describe_group(&run.sim.consumers, group, &topic, &view) {
            None => Outcome::error(format!("Consumer group '{group}' does not exist.")),
            Some(rows) => Outcome::ok(format_describe(group, state, &rows)),
        };
    }
    let mut spec = spec.expect("checked");
    if let Some(d) = by_duration {
        spec = ResetSpec::ToTimestamp(run.sim.now_ms().saturating_sub(d));
    }
    let scope = match (all_topics, topic_scope) {
        (true, Some(_)) => return Outcome::usage("Option [all-topics] can't be used with option [topic]"),
        (true, None) => crate::sim::offsets_tool::ResetScope::AllTopics,
        (false, Some(t)) => match crate::sim::offsets_tool::parse_topic_scope(t, &topic, run.sim.partition_count()) {
            Ok(s) => s,
            Err(e) => return Outcome::usage(e),
        },
        // The playground's CLI defaults to the one topic.
        (false, None) => crate::sim::offsets_tool::ResetScope::Topic(None),
    };
    let rows = match run.sim.plan_offsets_reset_scoped(group, spec, &scope) {
        Ok(r) => r,
        Err(e) => return Outcome::error(format!("Error: {e}")),
    };
    let table = format_reset(group, &topic, &rows);
    if execute {
        let offsets: Vec<(u32, u64)> = rows.iter().map(|r| (r.partition, r.new_offset)).collect();
        if let Err(e) = run.sim.apply(crate::sim::Command::AlterGroupOffsets { group: group.clone(), offsets }) {
            return Outcome::error(e.to_string());
        }
    }
    Outcome::ok(table)
}

fn cmd_reassign(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    use crate::tools::reassign;
    let mut action: Option<&str> = None;
    let mut scenario_path: Option<&String> = None;
    let mut at: Option<u64> = None;
    let mut verify_at: Option<u64> = None;
    let mut json_file: Option<&String> = None;
    let mut topics_file: Option<&String> = None;
    let mut broker_list: Option<&String> = None;
    let mut throttle: Option<i64> = None;
    let mut additional = false;
    let mut preserve = false;
    let mut disable_rack_aware = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1);
        let need = |name: &str| value.ok_or_else(|| Outcome::usage(format!("{name} needs a value")));
        let r: Result<(), Outcome> = match a {
            "--generate" | "--execute" | "--verify" | "--cancel" | "--list" => {
                if action.is_some() {
                    Err(Outcome::usage(
                        "Command must include exactly one action: --generate, --execute, --verify, --cancel, --list",
                    ))
                } else {
                    action = Some(a);
                    Ok(())
                }
            }
            "--scenario" => need(a).map(|v| {
                scenario_path = Some(v);
                i += 1;
            }),
            "--reassignment-json-file" => need(a).map(|v| {
                json_file = Some(v);
                i += 1;
            }),
            "--topics-to-move-json-file" => need(a).map(|v| {
                topics_file = Some(v);
                i += 1;
            }),
            "--broker-list" => need(a).map(|v| {
                broker_list = Some(v);
                i += 1;
            }),
            "--at" | "--verify-at" => parse_number::<u64>(a, value).map(|v| {
                if a == "--at" {
                    at = Some(v.min(UNTIL_MS_MAX));
                } else {
                    verify_at = Some(v.min(UNTIL_MS_MAX));
                }
                i += 1;
            }),
            "--throttle" => match value.map(|v| v.parse::<i64>()) {
                Some(Ok(v)) => {
                    throttle = Some(v);
                    i += 1;
                    Ok(())
                }
                Some(Err(_)) => {
                    Err(Outcome::usage(format!("--throttle: '{}' is not a whole number", value.expect("some"))))
                }
                None => Err(Outcome::usage("--throttle needs a value (bytes per second)")),
            },
            "--additional" => {
                additional = true;
                Ok(())
            }
            "--preserve-throttles" => {
                preserve = true;
                Ok(())
            }
            "--disable-rack-aware" => {
                disable_rack_aware = true;
                Ok(())
            }
            "--bootstrap-server" => {
                // Accepted for copy-paste from Kafka's docs; the simulated cluster is the target.
                i += 1;
                Ok(())
            }
            other => Err(Outcome::usage(format!("reassign: unknown option '{other}'"))),
        };
        if let Err(o) = r {
            return o;
        }
        i += 1;
    }
    let Some(action) = action else {
        return Outcome::usage(
            "Command must include exactly one action: --generate, --execute, --verify, --cancel, --list",
        );
    };
    let Some(path) = scenario_path else { return Outcome::usage("reassign: --scenario SCENARIO.json is required") };
    let read_json = |flag: &str, f: Option<&String>| -> Result<String, Outcome> {
        let f = f.ok_or_else(|| Outcome::usage(format!("Missing required argument \"[{flag}]\"")))?;
        read(f).map_err(|e| Outcome::error(format!("cannot read {f}: {e}")))
    };
    let (mut run, _) = match run_scenario(path, None, at, read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let tool_error = |e: crate::sim::cluster::reassign::ToolError| Outcome::error(format!("Error: {e}"));
    match action {
        "--list" => Outcome::ok(reassign::list(&run.sim)),
        "--generate" => {
            let topics = match read_json("topics-to-move-json-file", topics_file) {
                Ok(t) => t,
                Err(o) => return o,
            };
            let Some(list) = broker_list else { return Outcome::usage("Missing required argument \"[broker-list]\"") };
            match reassign::generate(&mut run.sim, &topics, list, disable_rack_aware) {
                Ok(r) => Outcome::ok(r.output),
                Err(e) => tool_error(e),
            }
        }
        "--execute" => {
            let json = match read_json("reassignment-json-file", json_file) {
                Ok(t) => t,
                Err(o) => return o,
            };
            match reassign::execute(&mut run.sim, &json, throttle, additional) {
                Ok(r) => {
                    let mut out = r.output;
                    if let Some(t) = verify_at {
                        run.run_until(t.max(run.sim.now_ms()), &mut |_| {});
                        match reassign::verify(&mut run.sim, &json, preserve) {
                            Ok(v) => {
                                out.push_str(&format!("\n--verify at {} ms:\n", run.sim.now_ms()));
                                out.push_str(&v.output);
                            }
                            Err(e) => return tool_error(e),
                        }
                    }
                    Outcome::ok(out)
                }
                Err(e) => tool_error(e),
            }
        }
        "--verify" | "--cancel" => {
            let json = match read_json("reassignment-json-file", json_file) {
                Ok(t) => t,
                Err(o) => return o,
            };
            let r = if action == "--verify" {
                reassign::verify(&mut run.sim, &json, preserve)
            } else {
                reassign::cancel(&mut run.sim, &json, preserve)
            };
            match r {
                Ok(r) => Outcome::ok(r.output),
                Err(e) => tool_error(e),
            }
        }
        _ => unreachable!("actions listed above"),
    }
}

fn cmd_place_replicas(args: &[String]) -> Outcome {
    use crate::sim::cluster::placement::{assign_replicas_to_brokers, BrokerMetadata};
    let mut brokers: Option<Vec<i32>> = None;
    let mut partitions: Option<i32> = None;
    let mut rf: Option<i32> = None;
    let mut start_index = 0i32;
    let mut start_partition = -1i32;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1);
        let int = |name: &str| -> Result<i32, Outcome> {
            let v = value.ok_or_else(|| Outcome::usage(format!("{name} needs a value")))?;
            v.parse::<i32>().map_err(|_| Outcome::usage(format!("{name}: '{v}' is not a whole number")))
        };
        let r: Result<(), Outcome> = match a {
            "--brokers" => match value {
                None => Err(Outcome::usage("--brokers needs a list such as 0,1,2")),
                Some(v) => {
                    let parsed: Result<Vec<i32>, String> = v
                        .split(',')
                        .enumerate()
                        .map(|(k, b)| {
                            b.trim()
                                .parse::<i32>()
                                .map_err(|_| format!("--brokers: entry {} ('{b}') is not a broker id", k + 1))
                        })
                        .collect();
                    match parsed {
                        Ok(list) => {
                            let mut seen = std::collections::BTreeSet::new();
                            if let Some(d) = list.iter().find(|b| !seen.insert(**b)) {
                                Err(Outcome::usage(format!("--brokers: broker {d} is listed twice")))
                            } else {
                                brokers = Some(list);
                                i += 1;
                                Ok(())
                            }
                        }
                        Err(e) => Err(Outcome::usage(e)),
                    }
                }
            },
            "--partitions" => int(a).map(|v| {
                partitions = Some(v);
                i += 1;
            }),
            "--replication-factor" => int(a).map(|v| {
                rf = Some(v);
                i += 1;
            }),
            "--start-index" => int(a).and_then(|v| {
                if v < 0 {
                    Err(Outcome::usage("--start-index must be 0 or more (omit it for Kafka's random choice)"))
                } else {
                    start_index = v;
                    i += 1;
                    Ok(())
                }
            }),
            "--start-partition" => int(a).map(|v| {
                start_partition = v;
                i += 1;
            }),
            other => Err(Outcome::usage(format!("place-replicas: unknown option '{other}'"))),
        };
        if let Err(o) = r {
            return o;
        }
        i += 1;
    }
    let Some(brokers) = brokers else { return Outcome::usage("place-replicas: --brokers is required") };
    let Some(partitions) = partitions else { return Outcome::usage("place-replicas: --partitions is required") };
    let Some(rf) = rf else { return Outcome::usage("place-replicas: --replication-factor is required") };
    if partitions > 10_000 {
        return Outcome::usage("--partitions: at most 10000");
    }
    let metas: Vec<BrokerMetadata> = brokers.iter().map(|id| BrokerMetadata { id: *id, rack: None }).collect();
    match assign_replicas_to_brokers(&metas, partitions, rf, start_index, start_partition, &mut |_| 0) {
        Ok(map) => {
            let body: Vec<String> = map
                .iter()
                .map(|(p, r)| format!("\"{p}\": [{}]", r.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")))
                .collect();
            Outcome::ok(format!("{{{}}}\n", body.join(", ")))
        }
        Err(e) => Outcome::error(e.to_string()),
    }
}

fn cmd_console(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    use crate::tools::console::Console;
    let mut path: Option<&String> = None;
    let mut at: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut lines: Vec<String> = Vec::new();
    let mut console = Console::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1);
        match a {
            "--at" => match parse_number::<u64>(a, value) {
                Ok(v) => at = Some(v.min(UNTIL_MS_MAX)),
                Err(o) => return o,
            },
            "--seed" => match parse_number::<u64>(a, value) {
                Ok(v) => seed = Some(v),
                Err(o) => return o,
            },
            "-c" => match value {
                Some(v) => lines.push(v.clone()),
                None => return Outcome::usage("-c needs a command line"),
            },
            "--file" => {
                let Some((name, file)) = value.and_then(|v| v.split_once('=')) else {
                    return Outcome::usage("--file needs NAME=PATH");
                };
                let text = match read(file) {
                    Ok(t) => t,
                    Err(e) => return Outcome::error(format!("cannot read {file}: {e}")),
                };
                if let Err(e) = console.write_file(name, &text) {
                    return Outcome::usage(format!("--file: {e}"));
                }
            }
            s if s.starts_with('-') => return Outcome::usage(format!("console: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("console: unexpected argument '{a}'"));
                }
                path = Some(&args[i]);
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let Some(path) = path else { return Outcome::usage("console: no SCENARIO.json given") };
    let (mut run, _) = match run_scenario(path, seed, at, read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    console.base = read(path).ok().and_then(|t| scenario::parse(&t).ok());
    if lines.is_empty() {
        match read("-") {
            Ok(text) => lines = text.lines().map(str::to_string).collect(),
            Err(e) => return Outcome::error(format!("cannot read standard input: {e}")),
        }
    }
    let mut stdout = String::new();
    let mut failed = false;
    for line in &lines {
        stdout.push_str(console.prompt());
        stdout.push_str(line);
        stdout.push('\n');
        // `sleep S`: let S seconds of simulated time pass (the page has its own clock).
        if let Some(secs) = line.trim().strip_prefix("sleep ") {
            match secs.trim().parse::<f64>() {
                Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => {
                    let until = (run.sim.now_ms() + (v * 1000.0) as u64).min(UNTIL_MS_MAX);
                    run.run_until(until, &mut |_| {});
                }
                _ => {
                    stdout.push_str(&format!("sleep: '{}' is not a number of seconds (0 to 86400)\n", secs.trim()));
                    failed = true;
                }
            }
            continue;
        }
        let o = console.exec(&mut run.sim, line);
        if let Some(created) = &o.created {
            match Run::start(created, None) {
                Ok((fresh, _)) => run = fresh,
                Err(e) => {
                    stdout.push_str(&format!("{e}\n"));
                    failed = true;
                }
            }
            console.base = Some(created.clone());
        }
        stdout.push_str(&o.output);
        failed |= o.error;
    }
    stdout.push_str(&console.end_input().output);
    Outcome { stdout, stderr: String::new(), code: if failed { 1 } else { 0 } }
}

fn cmd_export(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    let mut path: Option<&String> = None;
    let mut what: Option<&str> = None;
    let mut at: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--trace" | "--describe" | "--real-cluster" => {
                if what.is_some() {
                    return Outcome::usage("export: give one of --trace, --describe, --real-cluster");
                }
                what = Some(a);
            }
            "--at" | "--seed" => {
                match parse_number::<u64>(a, args.get(i + 1)) {
                    Ok(v) if a == "--at" => at = Some(v.min(UNTIL_MS_MAX)),
                    Ok(v) => seed = Some(v),
                    Err(o) => return o,
                }
                i += 1;
            }
            s if s.starts_with('-') => return Outcome::usage(format!("export: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("export: unexpected argument '{a}'"));
                }
                path = Some(&args[i]);
            }
        }
        i += 1;
    }
    let Some(path) = path else { return Outcome::usage("export: no SCENARIO.json given") };
    let Some(what) = what else { return Outcome::usage("export: give one of --trace, --describe, --real-cluster") };
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => return Outcome::error(format!("cannot read {path}: {e}")),
    };
    let s = match scenario::parse(&text) {
        Ok(s) => s,
        Err(e) => return Outcome::error(format!("{path}: {e}")),
    };
    let until = at.unwrap_or(s.until_ms);
    match what {
        "--trace" => {
            Outcome::ok(format!("{}\n", crate::scenario::export::trace_json(&s, seed.unwrap_or(s.seed), until)))
        }
        "--real-cluster" => Outcome::ok(crate::scenario::export::real_cluster(&s)),
        _ => match run_scenario(path, seed, Some(until), read) {
            Ok((run, _)) => Outcome::ok(crate::scenario::export::describe_text(&run.sim)),
            Err(o) => o,
        },
    }
}

/// `bench`: the only place the tool reads a clock (the core never does).
fn cmd_bench(args: &[String]) -> Outcome {
    let mut name = "heavy".to_string();
    let mut rate = 100_000.0;
    let mut seconds = 10u64;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1);
        match args[i].as_str() {
            "--scenario" => match value.map(String::as_str) {
                Some(v @ ("default" | "heavy")) => name = v.to_string(),
                Some(v) => return Outcome::usage(format!("--scenario: '{v}' is not default or heavy")),
                None => return Outcome::usage("--scenario needs a value (default or heavy)"),
            },
            "--rate" => match parse_number::<f64>("--rate", value) {
                Ok(v) if v > 0.0 && v <= 1_000_000.0 => rate = v,
                Ok(_) => return Outcome::usage("--rate: must be more than 0 and at most 1000000"),
                Err(o) => return o,
            },
            "--seconds" => match parse_number::<u64>("--seconds", value) {
                Ok(v) if (1..=3600).contains(&v) => seconds = v,
                Ok(_) => return Outcome::usage("--seconds: must be between 1 and 3600"),
                Err(o) => return o,
            },
            other => return Outcome::usage(format!("bench: unknown option '{other}'")),
        }
        i += 2;
    }
    let scenario = if name == "heavy" {
        crate::scenario::bench::heavy(rate)
    } else {
        crate::scenario::bench::default_at(Some(rate))
    };
    let mut run = crate::scenario::bench::start(&scenario);
    crate::scenario::bench::advance(&mut run, 5_000);
    let t0 = std::time::Instant::now();
    let records = crate::scenario::bench::advance(&mut run, seconds * 1000);
    let wall = t0.elapsed().as_secs_f64();
    Outcome::ok(format!(
        "{{\"scenario\": \"{name}\", \"rate\": {rate}, \"simulated_ms\": {}, \"records\": {records}, \"wall_ms\": {:.1}, \"records_per_second\": {:.0}}}\n",
        seconds * 1000,
        wall * 1000.0,
        records as f64 / wall.max(1e-9)
    ))
}
