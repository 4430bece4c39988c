//! The Kafka console: Kafka's own command lines (`kafka-topics.sh`, `kafka-console-producer.sh`,
//! `kafka-console-consumer.sh`, `kafka-consumer-groups.sh`, `kafka-reassign-partitions.sh`,
//! `kafka-configs.sh`) against the simulated cluster, with output laid out like Kafka 4.0's
//! tools. The page's terminal panel and `kafka-playground console` run this same code.
//!
//! Files (`--reassignment-json-file`, `--topics-to-move-json-file`) live in a small in-memory
//! directory: `echo '...' > name.json`, `ls`, `cat`.

pub use crate::util::shell::{quote_word, tokenize};

use std::collections::{BTreeMap, VecDeque};

use crate::sim::cluster::ThrottleConfig;
use crate::sim::{Command, Event, Sim, TypedRecord};

pub use crate::format::{Replay, FILES_MAX, LINE_BYTES_MAX};
/// The largest file in the console's directory, bytes.
pub const FILE_BYTES_MAX: usize = 256 * 1024;
/// Most lines kept in the history.
pub const HISTORY_MAX: usize = 100;
/// Most records `kafka-console-consumer.sh` prints at once.
pub const CONSUMER_PRINT_MAX: usize = 500;

/// The console tools and the shell commands, for `help` and completion.
pub const COMMANDS: &[&str] = &[
    "kafka-topics.sh",
    "kafka-console-producer.sh",
    "kafka-console-consumer.sh",
    "kafka-consumer-groups.sh",
    "kafka-reassign-partitions.sh",
    "kafka-configs.sh",
    "help",
    "ls",
    "cat",
    "echo",
    "history",
    "clear",
];

/// Each tool's options, with whether they take a value.
fn options(tool: &str) -> &'static [(&'static str, bool)] {
    match tool {
        "kafka-topics.sh" => &[
            ("--bootstrap-server", true),
            ("--list", false),
            ("--describe", false),
            ("--create", false),
            ("--alter", false),
            ("--delete", false),
            ("--topic", true),
            ("--partitions", true),
            ("--replication-factor", true),
            ("--config", true),
            ("--help", false),
        ],
        "kafka-console-producer.sh" => &[
            ("--bootstrap-server", true),
            ("--topic", true),
            ("--property", true),
            ("--reader-property", true),
            ("--producer-property", true),
            ("--help", false),
        ],
        "kafka-console-consumer.sh" => &[
            ("--bootstrap-server", true),
            ("--topic", true),
            ("--from-beginning", false),
            ("--partition", true),
            ("--offset", true),
            ("--max-messages", true),
            ("--property", true),
            ("--formatter-property", true),
            ("--group", true),
            ("--help", false),
        ],
        "kafka-consumer-groups.sh" => &[
            ("--bootstrap-server", true),
            ("--list", false),
            ("--describe", false),
            ("--reset-offsets", false),
            ("--group", true),
            ("--all-groups", false),
            ("--topic", true),
            ("--all-topics", false),
            ("--members", false),
            ("--state", false),
            ("--offsets", false),
            ("--to-earliest", false),
            ("--to-latest", false),
            ("--to-current", false),
            ("--to-offset", true),
            ("--shift-by", true),
            ("--to-datetime", true),
            ("--by-duration", true),
            ("--dry-run", false),
            ("--execute", false),
            ("--help", false),
        ],
        "kafka-reassign-partitions.sh" => &[
            ("--bootstrap-server", true),
            ("--generate", false),
            ("--execute", false),
            ("--verify", false),
            ("--cancel", false),
            ("--list", false),
            ("--topics-to-move-json-file", true),
            ("--broker-list", true),
            ("--reassignment-json-file", true),
            ("--throttle", true),
            ("--additional", false),
            ("--preserve-throttles", false),
            ("--disable-rack-aware", false),
            ("--help", false),
        ],
        "kafka-configs.sh" => &[
            ("--bootstrap-server", true),
            ("--describe", false),
            ("--alter", false),
            ("--entity-type", true),
            ("--entity-name", true),
            ("--entity-default", false),
            ("--add-config", true),
            ("--delete-config", true),
            ("--help", false),
        ],
        _ => &[],
    }
}

/// What one line did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// What the tool printed (stdout and stderr together, in order).
    pub output: String,
    /// The command failed (the simulation is unchanged).
    pub error: bool,
    /// Events the command caused.
    pub events: Vec<Event>,
    /// Set when the simulation changed: how to do it again.
    pub replay: Option<Replay>,
    /// `clear`: the terminal empties its screen.
    pub clear: bool,
    /// `kafka-topics.sh --create` of another topic: the playground shows one topic, so the
    /// caller starts a fresh run of this scenario (same brokers, the new topic, no clients).
    pub created: Option<crate::format::Scenario>,
}

impl Outcome {
    fn ok(output: impl Into<String>) -> Self {
        Self { output: output.into(), ..Self::default() }
    }
    fn err(output: impl Into<String>) -> Self {
        Self { output: output.into(), error: true, ..Self::default() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Shell,
    /// `kafka-console-producer.sh` is reading lines.
    Producer {
        line: String,
        parse_key: bool,
        separator: String,
    },
}

/// A console session: its files, its history and whether the console producer is reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Console {
    pub files: BTreeMap<String, String>,
    mode: Mode,
    history: VecDeque<String>,
    /// The scenario being run (what `--create` starts from: its brokers and settings).
    pub base: Option<crate::format::Scenario>,
}

impl Default for Console {
    fn default() -> Self {
        Self::new()
    }
}

/// Parsed options: each option's values in order (flags have one empty value).
struct Opts {
    values: BTreeMap<&'static str, Vec<String>>,
}

impl Opts {
    fn parse(tool: &'static str, args: &[String]) -> Result<Self, String> {
        let spec = options(tool);
        let mut values: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (a, None),
            };
            let Some(&(opt, takes)) = spec.iter().find(|(n, _)| *n == name) else {
                if a.starts_with('-') {
                    return Err(format!(
                        "{}: {} is not a recognized option (argument {})",
                        tool,
                        a.trim_start_matches('-'),
                        i + 1
                    ));
                }
                return Err(format!("{tool}: unexpected argument '{a}' (argument {})", i + 1));
            };
            let v = if takes {
                match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        match args.get(i) {
                            Some(v) if !v.starts_with("--") => v.clone(),
                            _ => return Err(format!("{tool}: option {opt} requires an argument (argument {i})")),
                        }
                    }
                }
            } else {
                String::new()
            };
            values.entry(opt).or_default().push(v);
            i += 1;
        }
        Ok(Self { values })
    }
    fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }
    fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.last()).map(String::as_str)
    }
    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.values.get(name).into_iter().flatten().map(String::as_str)
    }
    fn require(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("Missing required argument \"[{}]\"", name.trim_start_matches('-')))
    }
    fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.parse::<T>().map(Some).map_err(|_| format!("{name}: '{v}' is not a whole number")),
        }
    }
    /// Exactly one of the actions.
    fn action(&self, actions: &[&'static str]) -> Result<&'static str, String> {
        let given: Vec<&&str> = actions.iter().filter(|a| self.has(a)).collect();
        match given.as_slice() {
            [one] => Ok(one),
            _ => Err(format!("Command must include exactly one action: {}", actions.join(", "))),
        }
    }
}

impl Console {
    pub fn new() -> Self {
        Self { files: BTreeMap::new(), mode: Mode::Shell, history: VecDeque::new(), base: None }
    }

    /// A console whose directory holds these files.
    pub fn with_files(files: BTreeMap<String, String>) -> Self {
        Self { files, ..Self::new() }
    }

    /// The prompt: `$ ` at the shell, `>` while the console producer reads.
    pub fn prompt(&self) -> &'static str {
        match self.mode {
            Mode::Shell => "$ ",
            Mode::Producer { .. } => ">",
        }
    }

    pub fn in_producer(&self) -> bool {
        matches!(self.mode, Mode::Producer { .. })
    }

    /// Lines typed, oldest first.
    pub fn history(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.history.iter()
    }

    /// Put a file in the directory (the page's reassignment editor writes its JSON here).
    pub fn write_file(&mut self, name: &str, text: &str) -> Result<(), String> {
        if name.is_empty() || name.contains('/') || name.len() > 64 {
            return Err(format!("{name}: file names are 1 to 64 characters, without '/'"));
        }
        if text.len() > FILE_BYTES_MAX {
            return Err(format!("{name}: files are at most {FILE_BYTES_MAX} bytes"));
        }
        if !self.files.contains_key(name) && self.files.len() >= FILES_MAX {
            return Err(format!("{name}: the directory holds at most {FILES_MAX} files"));
        }
        self.files.insert(name.to_string(), text.to_string());
        Ok(())
    }

    /// Run one line against the simulation.
    pub fn exec(&mut self, sim: &mut Sim, line: &str) -> Outcome {
        if line.len() > LINE_BYTES_MAX {
            return Outcome::err(format!("the line is {} bytes; at most {LINE_BYTES_MAX}\n", line.len()));
        }
        if let Mode::Producer { line: start, parse_key, separator } = self.mode.clone() {
            return self.produce_line(sim, &start, parse_key, &separator, line);
        }
        if !line.trim().is_empty() {
            if self.history.len() == HISTORY_MAX {
                self.history.pop_front();
            }
            self.history.push_back(line.to_string());
        }
        let tokens = match tokenize(line) {
            Ok(t) => t,
            Err(e) => return Outcome::err(format!("{e}\n")),
        };
        let Some(cmd) = tokens.first() else { return Outcome::ok("") };
        let args = &tokens[1..];
        let tool = COMMANDS.iter().copied().find(|c| *c == cmd.as_str() || c.strip_suffix(".sh") == Some(cmd.as_str()));
        let Some(tool) = tool else {
            return Outcome::err(format!("{cmd}: command not found (type help)\n"));
        };
        let mut out = match tool {
            "help" => Outcome::ok(help(args.first().map(String::as_str))),
            "clear" => Outcome { clear: true, ..Outcome::ok("") },
            "history" => Outcome::ok(
                self.history.iter().enumerate().map(|(i, l)| format!("{:>5}  {l}\n", i + 1)).collect::<String>(),
            ),
            "ls" => Outcome::ok(self.files.iter().map(|(n, t)| format!("{:>8}  {n}\n", t.len())).collect::<String>()),
            "cat" => match args {
                [] => Outcome::err("cat: give a file name\n"),
                names => {
                    let mut s = String::new();
                    for n in names {
                        match self.files.get(n) {
                            Some(t) => {
                                s.push_str(t);
                                if !t.ends_with('\n') {
                                    s.push('\n');
                                }
                            }
                            None => return Outcome::err(format!("cat: {n}: No such file\n")),
                        }
                    }
                    Outcome::ok(s)
                }
            },
            "echo" => self.echo(args),
            _ => {
                let opts = match Opts::parse(tool, args) {
                    Ok(o) => o,
                    Err(e) => return Outcome::err(format!("{e}\n")),
                };
                if opts.has("--help") {
                    return Outcome::ok(help(Some(tool)));
                }
                if tool != "kafka-console-producer.sh" || opts.get("--bootstrap-server").is_none() {
                    if let Err(e) = opts.require("--bootstrap-server") {
                        return Outcome::err(format!("{e}\n"));
                    }
                }
                let r = match tool {
                    "kafka-topics.sh" => self.topics(sim, &opts),
                    "kafka-console-producer.sh" => self.start_producer(sim, &opts, line),
                    "kafka-console-consumer.sh" => console_consumer(sim, &opts),
                    "kafka-consumer-groups.sh" => consumer_groups(sim, &opts),
                    "kafka-reassign-partitions.sh" => self.reassign(sim, &opts),
                    "kafka-configs.sh" => configs(sim, &opts),
                    _ => Err(format!("{tool}: not available\n")),
                };
                match r {
                    Ok(o) => o,
                    Err(e) => Outcome::err(if e.ends_with('\n') { e } else { format!("{e}\n") }),
                }
            }
        };
        if out.replay.is_some() {
            // What it read, so it can be done again without this console.
            let mut files = BTreeMap::new();
            for t in &tokens {
                if let Some(text) = self.files.get(t) {
                    files.insert(t.clone(), text.clone());
                }
            }
            if let Some(r) = out.replay.as_mut() {
                r.files = files;
                if r.line.is_empty() {
                    r.line = line.to_string();
                }
            }
        }
        out
    }

    /// Do a recorded command again on a fresh console (time travel, shared links, timelines).
    pub fn replay(sim: &mut Sim, replay: &Replay) -> Outcome {
        let mut console = Console::with_files(replay.files.clone());
        let mut out = console.exec(sim, &replay.line);
        for l in &replay.input {
            let o = console.exec(sim, l);
            out.output.push_str(&o.output);
            out.error |= o.error;
            out.events.extend(o.events);
        }
        out
    }

    /// Leave the console producer (Ctrl-D).
    pub fn end_input(&mut self) -> Outcome {
        let was = self.in_producer();
        self.mode = Mode::Shell;
        Outcome::ok(if was { "\n" } else { "" })
    }

    fn echo(&mut self, args: &[String]) -> Outcome {
        match args.iter().position(|a| a == ">") {
            None => Outcome::ok(format!("{}\n", args.join(" "))),
            Some(at) => {
                let Some(name) = args.get(at + 1) else { return Outcome::err("echo: > needs a file name\n") };
                if args.len() > at + 2 {
                    return Outcome::err(format!("echo: unexpected '{}' after the file name\n", args[at + 2]));
                }
                match self.write_file(name, &format!("{}\n", args[..at].join(" "))) {
                    Ok(()) => Outcome::ok(""),
                    Err(e) => Outcome::err(format!("echo: {e}\n")),
                }
            }
        }
    }

    fn topics(&mut self, sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
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

    fn start_producer(&mut self, sim: &mut Sim, o: &Opts, line: &str) -> Result<Outcome, String> {
        let topic = sim.config().topic.clone();
        let t = o.require("--topic")?;
        if t != topic {
            return Err(format!("the playground simulates one topic ({topic}); '{t}' is not it"));
        }
        let mut parse_key = false;
        let mut separator = "\t".to_string();
        for p in o.all("--property").chain(o.all("--reader-property")) {
            let (k, v) = p.split_once('=').ok_or_else(|| format!("--property: '{p}' is not key=value"))?;
            match k {
                "parse.key" => parse_key = v.eq_ignore_ascii_case("true"),
                "key.separator" => separator = v.to_string(),
                "ignore.error" | "parse.headers" => {}
                other => return Err(format!("--property: '{other}' is not a line reader property the playground knows (parse.key, key.separator)")),
            }
        }
        if separator.is_empty() {
            return Err("--property: key.separator must not be empty".into());
        }
        self.mode = Mode::Producer { line: line.to_string(), parse_key, separator };
        Ok(Outcome::ok("(type one record per line; Ctrl-D or an empty line ends)\n"))
    }

    fn produce_line(&mut self, sim: &mut Sim, start: &str, parse_key: bool, separator: &str, line: &str) -> Outcome {
        if line.is_empty() || line == "\u{4}" {
            self.mode = Mode::Shell;
            return Outcome::ok("");
        }
        let record = if parse_key {
            match line.split_once(separator) {
                Some((k, v)) => TypedRecord { key: Some(k.to_string()), value: v.to_string() },
                None => {
                    return Outcome::err(format!(
                        "org.apache.kafka.common.KafkaException: No key separator found on line number 1: '{line}'\n"
                    ))
                }
            }
        } else {
            TypedRecord { key: None, value: line.to_string() }
        };
        match sim.apply(Command::ConsoleProduce { records: vec![record] }) {
            Ok(events) => Outcome {
                events,
                replay: Some(Replay { line: start.to_string(), input: vec![line.to_string()], files: BTreeMap::new() }),
                ..Outcome::ok("")
            },
            Err(e) => Outcome::err(format!("{e}\n")),
        }
    }

    fn reassign(&mut self, sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
        use crate::tools::reassign;
        let action = o.action(&["--generate", "--execute", "--verify", "--cancel", "--list"])?;
        let file = |flag: &str| -> Result<String, String> {
            let name = o.require(flag)?;
            self.files
                .get(name)
                .cloned()
                .ok_or_else(|| format!("{name}: No such file (write one with echo '...' > {name}; ls lists them)"))
        };
        let tool = |e: crate::sim::cluster::reassign::ToolError| format!("Error: {e}");
        let preserve = o.has("--preserve-throttles");
        let r = match action {
            "--list" => return Ok(Outcome::ok(reassign::list(sim))),
            "--generate" => {
                let topics = file("--topics-to-move-json-file")?;
                let list = o.require("--broker-list")?;
                let r = reassign::generate(sim, &topics, list, o.has("--disable-rack-aware")).map_err(tool)?;
                if let Some(p) = r.output.split("Proposed partition reassignment configuration\n").nth(1) {
                    let _ = self.write_file("proposed.json", p.trim());
                }
                r
            }
            "--execute" => {
                let json = file("--reassignment-json-file")?;
                let throttle: Option<i64> = o.number("--throttle")?;
                reassign::execute(sim, &json, throttle, o.has("--additional")).map_err(tool)?
            }
            "--verify" => reassign::verify(sim, &file("--reassignment-json-file")?, preserve).map_err(tool)?,
            _ => reassign::cancel(sim, &file("--reassignment-json-file")?, preserve).map_err(tool)?,
        };
        let mut out = changed(r.output, r.events, o);
        if action == "--generate" {
            out.output.push_str("(saved as proposed.json)\n");
        }
        Ok(out)
    }

    /// Complete the word at the end of `line`: the completed line when there is one answer,
    /// else the candidates (the terminal lists them).
    pub fn complete(&self, line: &str) -> (String, Vec<String>) {
        let word_start =
            line.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        let (head, word) = line.split_at(word_start);
        let first = head.split_whitespace().next();
        let candidates: Vec<String> = match first {
            None => COMMANDS.iter().filter(|c| c.starts_with(word)).map(|c| c.to_string()).collect(),
            Some(cmd) => {
                let prev = head.split_whitespace().last().unwrap_or("");
                let file_flags = ["--reassignment-json-file", "--topics-to-move-json-file"];
                if file_flags.contains(&prev) || cmd == "cat" {
                    self.files.keys().filter(|f| f.starts_with(word)).cloned().collect()
                } else if prev == "--bootstrap-server" {
                    vec!["localhost:9092".to_string()].into_iter().filter(|s| s.starts_with(word)).collect()
                } else {
                    let used: Vec<&str> = head.split_whitespace().collect();
                    options(cmd)
                        .iter()
                        .map(|(n, _)| *n)
                        .filter(|n| n.starts_with(word) && (word == *n || !used.contains(n)))
                        .map(str::to_string)
                        .collect()
                }
            }
        };
        if candidates.len() == 1 {
            (format!("{head}{} ", candidates[0]), Vec::new())
        } else {
            // The longest common prefix, then the list.
            let mut prefix = candidates.first().cloned().unwrap_or_default();
            for c in &candidates {
                while !c.starts_with(&prefix) {
                    prefix.pop();
                }
            }
            let completed = if prefix.len() > word.len() { format!("{head}{prefix}") } else { line.to_string() };
            (completed, candidates)
        }
    }
}

/// `kafka-topics.sh --create --topic T --partitions N [--replication-factor R] [--config K=V]`:
/// the scenario for a fresh run with this topic (Kafka's checks and messages).
fn create_topic(
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
    let live = sim.cluster.brokers.values().filter(|b| b.state == crate::sim::cluster::BrokerState::Running).count();
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

/// An outcome that changed the simulation (replayable).
fn changed(output: String, events: Vec<Event>, _o: &Opts) -> Outcome {
    Outcome {
        output,
        events,
        replay: Some(Replay { line: String::new(), input: Vec::new(), files: BTreeMap::new() }),
        ..Outcome::default()
    }
}

fn join(v: &[i32]) -> String {
    v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")
}

/// The topic's id as Kafka prints a `Uuid` (16 bytes, base64url without padding), made from the
/// seed and the name (the playground's topics have no id of their own; stable per run).
pub fn topic_id(seed: u64, topic: &str) -> String {
    let mut h = crate::sim::murmur2::murmur2(topic.as_bytes()) as u32 as u64 ^ seed.rotate_left(17);
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        // SplitMix64 steps.
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        chunk.copy_from_slice(&(z ^ (z >> 31)).to_be_bytes());
    }
    crate::util::base64url(&bytes)
}

/// `kafka-topics.sh --describe`.
pub fn describe_topic(sim: &Sim) -> String {
    use std::fmt::Write;
    let c = sim.config();
    let cl = &sim.cluster;
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
    let pairs = |s: &std::collections::BTreeSet<(u32, i32)>| {
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

/// `kafka-console-consumer.sh`: prints what the log holds below the high watermark (the
/// playground keeps the newest records in detail; a note says where that window starts).
fn console_consumer(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    let topic = sim.config().topic.clone();
    let t = o.require("--topic")?;
    if t != topic {
        return Err(format!("the playground simulates one topic ({topic}); '{t}' is not it"));
    }
    let mut print = BTreeMap::new();
    for p in o.all("--property").chain(o.all("--formatter-property")) {
        let (k, v) = p.split_once('=').ok_or_else(|| format!("--property: '{p}' is not key=value"))?;
        match k {
            "print.key" | "print.partition" | "print.offset" | "print.timestamp" | "print.value" | "key.separator" => {
                print.insert(k.to_string(), v.to_string());
            }
            other => return Err(format!("--property: '{other}' is not a formatter property the playground knows (print.key, print.partition, print.offset, print.timestamp, print.value, key.separator)")),
        }
    }
    let on = |k: &str, d: bool| print.get(k).map_or(d, |v| v.eq_ignore_ascii_case("true"));
    let sep = print.get("key.separator").cloned().unwrap_or_else(|| "\t".into());
    let partition: Option<u32> = o.number("--partition")?;
    let max: Option<usize> = o.number("--max-messages")?;
    if let Some(p) = partition {
        if p >= sim.partition_count() {
            return Err(format!("Error: partition {p} does not exist (the topic has {})", sim.partition_count()));
        }
    }
    let offset = o.get("--offset");
    if offset.is_some() && partition.is_none() {
        return Err("The partition is required when offset is specified.".into());
    }
    if o.has("--group") && (partition.is_some() || offset.is_some()) {
        return Err("Options group and partition/offset cannot be specified together.".into());
    }
    let partitions: Vec<u32> = match partition {
        Some(p) => vec![p],
        None => (0..sim.partition_count()).collect(),
    };
    let mut records = Vec::new();
    let mut note = String::new();
    for p in partitions {
        let Some(log) = sim.log(p) else { continue };
        let hw = sim.cluster.high_watermark(p).min(log.log_end_offset());
        let start = match offset {
            Some("earliest") => log.log_start_offset(),
            Some("latest") => hw,
            Some(v) => v.parse::<u64>().map_err(|_| format!("--offset: '{v}' is not earliest, latest or an offset"))?,
            None if o.has("--from-beginning") => log.log_start_offset(),
            None => hw,
        };
        let kept_from = log.recent().next().map_or(log.log_end_offset(), |r| r.offset);
        if start < kept_from && kept_from < hw {
            note.push_str(&format!(
                "(partition {p}: offsets {start} to {} are counted but not kept in detail by the playground)\n",
                kept_from - 1
            ));
        }
        records.extend(log.recent().filter(|r| r.offset >= start && r.offset < hw).map(|r| (p, *r)));
    }
    crate::util::order::sort_by_key(&mut records, |(p, r)| (r.timestamp_ms, *p, r.offset));
    let limit = max.unwrap_or(CONSUMER_PRINT_MAX).min(CONSUMER_PRINT_MAX);
    let mut s = String::new();
    let shown = records.len().min(limit);
    for (p, r) in records.iter().take(limit) {
        let mut fields = Vec::new();
        if on("print.timestamp", false) {
            fields.push(format!("CreateTime:{}", r.timestamp_ms));
        }
        if on("print.partition", false) {
            fields.push(format!("Partition:{p}"));
        }
        if on("print.offset", false) {
            fields.push(format!("Offset:{}", r.offset));
        }
        if on("print.key", false) {
            fields.push(r.key.as_ref().map_or("null".to_string(), |k| k.display()));
        }
        if on("print.value", true) {
            fields.push(match sim.record_value(*p, r.offset) {
                Some(v) => v.to_string(),
                None => format!("<{} bytes, not simulated>", r.value_bytes),
            });
        }
        s.push_str(&fields.join(&sep));
        s.push('\n');
    }
    s.push_str(&note);
    if o.has("--group") {
        s.push_str("(the playground's console consumer reads without joining a group: add a consumer on the page to see group behaviour)\n");
    }
    if shown == 0 && offset.is_none() && !o.has("--from-beginning") {
        s.push_str(
            "(no new records yet: a real console consumer would wait; add --from-beginning to read what is there)\n",
        );
    }
    s.push_str(&format!("Processed a total of {shown} messages\n"));
    Ok(Outcome::ok(s))
}

/// `kafka-consumer-groups.sh`.
fn consumer_groups(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    use crate::sim::consumer::{describe_group, format_describe};
    use crate::sim::offsets_tool::{format_reset, parse_reset_spec, RESET_MODES};
    let topic = sim.config().topic.clone();
    let action = o.action(&["--list", "--describe", "--reset-offsets"])?;
    if action == "--list" {
        return Ok(Outcome::ok(sim.consumers.groups.keys().map(|g| format!("{g}\n")).collect::<String>()));
    }
    let groups: Vec<String> = if o.has("--all-groups") {
        sim.consumers.groups.keys().cloned().collect()
    } else {
        vec![o.require("--group")?.to_string()]
    };
    if action == "--describe" {
        let mut s = String::new();
        for group in &groups {
            let state = sim.consumers.groups.get(group.as_str()).map(|g| g.state);
            if o.has("--state") {
                match state {
                    None => return Err(format!("Error: Consumer group '{group}' does not exist.")),
                    Some(st) => {
                        let members = sim.consumers.groups.get(group.as_str()).map_or(0, |g| g.members.len());
                        s.push_str(&format!(
                            "\n{:<15} {:<25} {:<15} {}\n",
                            "GROUP", "COORDINATOR (ID)", "STATE", "#MEMBERS"
                        ));
                        let coord = sim
                            .cluster
                            .offsets
                            .get(&crate::sim::group::java::offsets_partition_for(
                                group,
                                sim.consumers.offsets.partitions,
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
            match describe_group(&sim.consumers, group, &topic, &view) {
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
        (false, Some(t)) => crate::sim::offsets_tool::parse_topic_scope(t, &topic, sim.partition_count())?,
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
        let rows = scratch.plan_offsets_reset_scoped(group, spec, &scope).map_err(|e| format!("Error: {e}"))?;
        s.push_str(&format_reset(group, &topic, &rows));
        if execute {
            let offsets = rows.iter().map(|r| (r.partition, r.new_offset)).collect();
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

/// `kafka-configs.sh` for the replication throttles.
fn configs(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    let action = o.action(&["--describe", "--alter"])?;
    let entity_type = o.require("--entity-type")?;
    let topic = sim.config().topic.clone();
    let brokers: Vec<i32> = match entity_type {
        "brokers" => {
            if o.has("--entity-default") {
                return Err(
                    "the playground has no dynamic default broker configs; name a broker with --entity-name".into()
                );
            }
            match o.get("--entity-name") {
                Some(n) => vec![n.parse::<i32>().map_err(|_| format!("--entity-name: '{n}' is not a broker id"))?],
                None if action == "--describe" => sim.cluster.brokers.keys().copied().collect(),
                None => {
                    return Err("--entity-name or --entity-default must be specified with --alter of brokers".into())
                }
            }
        }
        "topics" => {
            let n = o.require("--entity-name")?;
            if n != topic {
                return Err(format!("the playground simulates one topic ({topic}); '{n}' is not it"));
            }
            Vec::new()
        }
        other => return Err(format!("--entity-type: '{other}' (the playground configures brokers and topics)")),
    };
    for b in &brokers {
        if !sim.cluster.brokers.contains_key(b) {
            return Err(format!("Error: broker {b} does not exist"));
        }
    }
    if action == "--describe" {
        let mut s = String::new();
        if entity_type == "brokers" {
            for b in &brokers {
                let br = &sim.cluster.brokers[b];
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
            let pairs = |v: &std::collections::BTreeSet<(u32, i32)>| {
                v.iter().map(|(p, b)| format!("{p}:{b}")).collect::<Vec<_>>().join(",")
            };
            for (name, set) in
                [("leader", &sim.cluster.leader_throttled), ("follower", &sim.cluster.follower_throttled)]
            {
                if !set.is_empty() {
                    let v = pairs(set);
                    s.push_str(&format!("  {name}.replication.throttled.replicas={v} sensitive=false synonyms={{DYNAMIC_TOPIC_CONFIG:{name}.replication.throttled.replicas={v}}}\n"));
                }
            }
        }
        return Ok(Outcome::ok(s));
    }
    let mut changes = Vec::new();
    if let Some(add) = o.get("--add-config") {
        for kv in split_configs(add) {
            let (k, v) = kv.split_once('=').ok_or_else(|| format!("--add-config: '{kv}' is not key=value"))?;
            changes.push(config_change(entity_type, &brokers, k, Some(v), sim.partition_count())?);
        }
    }
    if let Some(del) = o.get("--delete-config") {
        for k in del.split(',') {
            changes.push(config_change(entity_type, &brokers, k.trim(), None, sim.partition_count())?);
        }
    }
    if changes.is_empty() {
        return Err("At least one of --add-config or --delete-config must be specified with --alter".into());
    }
    let mut events = Vec::new();
    let mut scratch = sim.clone();
    for change in changes.into_iter().flatten() {
        events.extend(scratch.apply(Command::AlterThrottleConfig { change }).map_err(|e| format!("Error: {e}"))?);
    }
    *sim = scratch;
    let what = if entity_type == "brokers" { format!("broker {}", brokers[0]) } else { format!("topic {topic}") };
    Ok(changed(format!("Completed updating config for {what}.\n"), events, o))
}

/// `a=1,b=[0:1,1:2]`: commas inside square brackets belong to the value.
fn split_configs(s: &str) -> Vec<String> {
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

fn config_change(
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

/// `help` and `TOOL --help`.
pub fn help(topic: Option<&str>) -> String {
    let usage = |tool: &str| -> &'static str {
        match tool {
            "kafka-topics.sh" => "kafka-topics.sh --bootstrap-server localhost:9092 (--list | --describe [--topic T] | --alter --topic T --partitions N |\n  --create --topic T --partitions N [--replication-factor R] [--config K=V])\n",
            "kafka-console-producer.sh" => "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic T [--property parse.key=true --property key.separator=:]\n  then one record per line (key:value with parse.key); an empty line or Ctrl-D ends.\n",
            "kafka-console-consumer.sh" => "kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic T [--from-beginning | --partition P --offset O|earliest|latest]\n  [--max-messages N] [--property print.key=true] [--property print.partition=true] [--property print.offset=true]\n",
            "kafka-consumer-groups.sh" => "kafka-consumer-groups.sh --bootstrap-server localhost:9092 (--list | --describe --group G [--state] |\n  --reset-offsets --group G (--topic T | --all-topics) (--to-earliest | --to-latest | --to-current | --to-offset N | --shift-by N |\n  --to-datetime YYYY-MM-DDTHH:mm:SS.sss | --by-duration PnDTnHnMnS) [--dry-run | --execute])\n",
            "kafka-reassign-partitions.sh" => "kafka-reassign-partitions.sh --bootstrap-server localhost:9092 (--generate --topics-to-move-json-file F --broker-list 1,2,3 |\n  --execute --reassignment-json-file F [--throttle B/s] [--additional] | --verify --reassignment-json-file F |\n  --cancel --reassignment-json-file F | --list)\n",
            "kafka-configs.sh" => "kafka-configs.sh --bootstrap-server localhost:9092 (--describe | --alter --add-config K=V,... | --alter --delete-config K)\n  --entity-type brokers --entity-name B (leader/follower.replication.throttled.rate) |\n  --entity-type topics --entity-name T (leader/follower.replication.throttled.replicas=[0:1,1:2])\n",
            _ => "",
        }
    };
    match topic {
        Some(t) if !usage(t).is_empty() => usage(t).to_string(),
        Some(t) if !t.ends_with(".sh") && !usage(&format!("{t}.sh")).is_empty() => {
            usage(&format!("{t}.sh")).to_string()
        }
        _ => {
            let mut s = String::from(
                "Kafka's tools against the simulated cluster (Kafka 4.0 output). Tab completes; ↑ ↓ recall.\n\n",
            );
            for t in &COMMANDS[..6] {
                s.push_str(usage(t));
            }
            s.push_str(
                "\nls, cat FILE, echo 'TEXT' > FILE (files for --reassignment-json-file), history, clear, help TOOL\n",
            );
            s
        }
    }
}
