//! The `kafka-playground` command-line tool, as a pure function of its arguments and a file
//! reader, so tests can run it without a process.

pub mod group_input;

mod assign;
mod bench;
mod console;
mod export;
mod groups;
mod partition;
mod place;
mod reassign;
mod run;

use assign::cmd_assign;
use bench::cmd_bench;
use console::cmd_console;
use export::cmd_export;
use groups::cmd_consumer_groups;
use partition::{cmd_offsets_partition, cmd_partition};
use place::cmd_place_replicas;
use reassign::cmd_reassign;
use run::cmd_run;

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
