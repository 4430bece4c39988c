//! The Kafka console: Kafka's own command lines (`kafka-topics.sh`, `kafka-console-producer.sh`,
//! `kafka-console-consumer.sh`, `kafka-consumer-groups.sh`, `kafka-reassign-partitions.sh`,
//! `kafka-configs.sh`) against the simulated cluster, with output laid out like Kafka 4.0's
//! tools. The page's terminal panel and `kafka-playground console` run this same code.
//!
//! Files (`--reassignment-json-file`, `--topics-to-move-json-file`) live in a small in-memory
//! directory: `echo '...' > name.json`, `ls`, `cat`.

pub use crate::util::shell::{quote_word, tokenize};

mod configs;
mod consumer;
mod groups;
mod producer;
mod topics;

use configs::configs;
use consumer::console_consumer;
use groups::consumer_groups;
pub use topics::{describe_topic, describe_topic_named, topic_id};

use crate::util::ordmap::OrdMap;
use std::collections::VecDeque;

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
            ("--replica-assignment", true),
            ("--config", true),
            ("--if-exists", false),
            ("--exclude-internal", false),
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
            ("--include", true),
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
    /// `help`: the page words it in the visitor's language (`output` has the English).
    pub help: Option<Help>,
}

/// A `help` request: one tool's, or (`None`) everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    pub tool: Option<&'static str>,
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
        topic: String,
    },
}

/// A console session: its files, its history and whether the console producer is reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Console {
    pub files: OrdMap<String, String>,
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
    values: OrdMap<&'static str, Vec<String>>,
}

impl Opts {
    fn parse(tool: &'static str, args: &[String]) -> Result<Self, String> {
        let spec = options(tool);
        let mut values: OrdMap<&'static str, Vec<String>> = OrdMap::new();
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
        Self { files: OrdMap::new(), mode: Mode::Shell, history: VecDeque::new(), base: None }
    }

    /// A console whose directory holds these files.
    pub fn with_files(files: OrdMap<String, String>) -> Self {
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
        if let Mode::Producer { line: start, parse_key, separator, topic } = self.mode.clone() {
            return self.produce_line(sim, &start, (parse_key, &separator, &topic), line);
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
            "help" => {
                let topic = args.first().map(String::as_str);
                Outcome { help: Some(Help { tool: help_tool(topic) }), ..Outcome::ok(help(topic)) }
            }
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
            let mut files = OrdMap::new();
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
                    let _ = self.write_file(super::reassign::PROPOSAL_FILE, p.trim());
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

/// An outcome that changed the simulation (replayable).
fn changed(output: String, events: Vec<Event>, _o: &Opts) -> Outcome {
    Outcome {
        output,
        events,
        replay: Some(Replay { line: String::new(), input: Vec::new(), files: OrdMap::new() }),
        ..Outcome::default()
    }
}

/// A tool's command line in `help`: Kafka's options, the same in every language.
fn usage(tool: &str) -> &'static str {
    match tool {
        "kafka-topics.sh" => "kafka-topics.sh --bootstrap-server localhost:9092 (--list | --describe [--topic T] | --alter --topic T --partitions N |\n  --create --topic T [--partitions N] [--replication-factor R] [--replica-assignment 1:2,2:3] [--config K=V] | --delete --topic T)",
        "kafka-console-producer.sh" => "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic T [--property parse.key=true --property key.separator=:]",
        "kafka-console-consumer.sh" => "kafka-console-consumer.sh --bootstrap-server localhost:9092 (--topic T | --include REGEX) [--from-beginning | --partition P --offset O|earliest|latest]\n  [--max-messages N] [--property print.key=true] [--property print.partition=true] [--property print.offset=true]",
        "kafka-consumer-groups.sh" => "kafka-consumer-groups.sh --bootstrap-server localhost:9092 (--list | --describe --group G [--state] |\n  --reset-offsets --group G (--topic T[:P,...] ... | --all-topics) (--to-earliest | --to-latest | --to-current | --to-offset N | --shift-by N |\n  --to-datetime YYYY-MM-DDTHH:mm:SS.sss | --by-duration PnDTnHnMnS) [--dry-run | --execute])",
        "kafka-reassign-partitions.sh" => "kafka-reassign-partitions.sh --bootstrap-server localhost:9092 (--generate --topics-to-move-json-file F --broker-list 1,2,3 |\n  --execute --reassignment-json-file F [--throttle B/s] [--additional] | --verify --reassignment-json-file F |\n  --cancel --reassignment-json-file F | --list)",
        "kafka-configs.sh" => "kafka-configs.sh --bootstrap-server localhost:9092 (--describe | --alter --add-config K=V,... | --alter --delete-config K)\n  --entity-type brokers --entity-name B (leader/follower.replication.throttled.rate) |\n  --entity-type topics --entity-name T (leader/follower.replication.throttled.replicas=[0:1,1:2])",
        _ => "",
    }
}

/// What `help` explains besides the command lines: worded by each language (the page's
/// i18n tables; [`HelpNote::english`] for the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpNote {
    /// What the console is, and its keys.
    Intro,
    /// `--topic` is a regular expression except with `--create`.
    TopicRegex,
    /// The console producer reads one record per line until an empty line or Ctrl-D.
    ProducerInput,
    /// The shell's own commands.
    Builtins,
}

impl HelpNote {
    pub const ALL: &'static [HelpNote] =
        &[HelpNote::Intro, HelpNote::TopicRegex, HelpNote::ProducerInput, HelpNote::Builtins];

    pub fn english(self) -> &'static str {
        match self {
            HelpNote::Intro => {
                "Kafka's tools against the simulated cluster (Kafka 4.0 output). Tab completes; ↑ ↓ recall.\n"
            }
            HelpNote::TopicRegex => "  (--topic is a regular expression except with --create)",
            HelpNote::ProducerInput => {
                "  then one record per line (key:value with parse.key); an empty line or Ctrl-D ends."
            }
            HelpNote::Builtins => {
                "\nls, cat FILE, echo 'TEXT' > FILE (files for --reassignment-json-file), history, clear, help TOOL"
            }
        }
    }
}

/// One line (or block) of `help`: a tool's command line or a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPart {
    Usage(&'static str),
    Note(HelpNote),
}

/// A tool's name as `help` takes it (`kafka-topics` or `kafka-topics.sh`), if it has a usage.
fn help_tool(topic: Option<&str>) -> Option<&'static str> {
    let t = topic?;
    COMMANDS[..6].iter().copied().find(|c| *c == t || c.strip_suffix(".sh") == Some(t))
}

/// `help [TOOL]`: its parts, in order (one tool's, or every tool's with the intro and the
/// shell's commands).
pub fn help_parts(topic: Option<&str>) -> Vec<HelpPart> {
    let tool_parts = |t: &'static str| {
        let mut v = vec![HelpPart::Usage(usage(t))];
        match t {
            "kafka-topics.sh" => v.push(HelpPart::Note(HelpNote::TopicRegex)),
            "kafka-console-producer.sh" => v.push(HelpPart::Note(HelpNote::ProducerInput)),
            _ => {}
        }
        v
    };
    match help_tool(topic) {
        Some(t) => tool_parts(t),
        None => {
            let mut v = vec![HelpPart::Note(HelpNote::Intro)];
            for t in &COMMANDS[..6] {
                v.extend(tool_parts(t));
            }
            v.push(HelpPart::Note(HelpNote::Builtins));
            v
        }
    }
}

/// `help [TOOL]` worded by `note` (one line per part).
pub fn help_with(topic: Option<&str>, note: impl Fn(HelpNote) -> String) -> String {
    help_parts(topic)
        .into_iter()
        .map(|p| match p {
            HelpPart::Usage(u) => format!("{u}\n"),
            HelpPart::Note(n) => format!("{}\n", note(n)),
        })
        .collect()
}

/// `help [TOOL]` in English (the command line's console).
pub fn help(topic: Option<&str>) -> String {
    help_with(topic, |n| n.english().to_string())
}

/// `kafka-consumer-groups.sh --reset-offsets` for the page's form: the group, the topic, the
/// scenario and its value, `--dry-run` or `--execute`, each word quoted for the shell.
pub fn reset_offsets_line(
    bootstrap: &str,
    group: &str,
    topic: &str,
    mode: crate::sim::offsets_tool::ResetMode,
    value: &str,
    execute: bool,
) -> String {
    let option = format!("--{}", mode.name());
    let mut words: Vec<String> = [
        "kafka-consumer-groups.sh",
        "--bootstrap-server",
        bootstrap,
        "--reset-offsets",
        "--group",
        group,
        "--topic",
        topic,
        &option,
    ]
    .iter()
    .map(|w| quote_word(w))
    .collect();
    let value = value.trim();
    if mode.needs_value() && !value.is_empty() {
        words.push(quote_word(value));
    }
    words.push(if execute { "--execute" } else { "--dry-run" }.to_string());
    words.join(" ")
}
