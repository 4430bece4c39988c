//! The Kafka console: the command parser, the tools' output, bad input, replay.

use kafka_playground::console::{tokenize, Console, Replay};
use kafka_playground::scenario::{self, Run};

fn seed_run(until_ms: u64) -> Run {
    let s = scenario::parse(scenario::SEED_REASSIGNMENT_SCENARIO).expect("seed scenario parses");
    let (mut run, _) = Run::start(&s, None).expect("starts");
    run.run_until(until_ms, &mut |_| {});
    run
}

const BS: &str = "--bootstrap-server localhost:9092";

#[test]
fn tokenizer_follows_shell_quoting() {
    assert_eq!(tokenize(r#"a 'b c' "d \"e\"" f\ g"#).unwrap(), vec!["a", "b c", "d \"e\"", "f g"]);
    assert_eq!(tokenize("  ").unwrap(), Vec::<String>::new());
    use kafka_playground::util::shell::ShellError;
    let e = tokenize("echo 'open").unwrap_err();
    assert_eq!(e, ShellError::Unterminated { quote: '\'', column: 6 });
    assert_eq!(e.to_string(), "unterminated ' quote (column 6)");
    assert_eq!(tokenize("a \"b").unwrap_err(), ShellError::Unterminated { quote: '"', column: 3 });
    assert!(tokenize("a \\").unwrap_err().to_string().contains("backslash"));
}

#[test]
fn topics_describe_matches_the_cluster_and_alter_grows_it() {
    let mut run = seed_run(2_000);
    let mut c = Console::new();
    let o = c.exec(&mut run.sim, &format!("kafka-topics.sh {BS} --describe --topic test1"));
    assert!(!o.error, "{}", o.output);
    assert!(o.output.starts_with("Topic: test1\tTopicId: "), "{}", o.output);
    assert!(
        o.output.contains("\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\n"),
        "{}",
        o.output
    );
    let id = o.output.split('\t').nth(1).unwrap().trim_start_matches("TopicId: ");
    assert_eq!(id.len(), 22, "a Uuid as Kafka prints it: {id}");
    assert!(
        o.output.contains(
            "\tTopic: test1\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tElr: N/A\tLastKnownElr: N/A\n"
        ),
        "{}",
        o.output
    );
    assert!(o.replay.is_none(), "describe changes nothing");
    let o = c.exec(&mut run.sim, &format!("kafka-topics.sh {BS} --alter --topic test1 --partitions 4"));
    assert!(!o.error, "{}", o.output);
    assert_eq!(run.sim.partition_count(), 4);
    assert!(o.replay.is_some(), "alter is replayable");
    let o = c.exec(&mut run.sim, &format!("kafka-topics.sh {BS} --alter --topic test1 --partitions 3"));
    assert!(o.error);
    assert!(
        o.output.contains("Topic currently has 4 partitions, which is higher than the requested 3."),
        "{}",
        o.output
    );
    let o = c.exec(
        &mut run.sim,
        &format!("kafka-topics.sh {BS} --create --topic test1 --partitions 3 --replication-factor 1"),
    );
    assert!(o.output.contains("Topic 'test1' already exists."), "{}", o.output);
}

#[test]
fn bad_input_answers_with_a_message_and_changes_nothing() {
    let mut run = seed_run(1_000);
    let before = format!("{:?}", run.sim.snapshot(Default::default()));
    let mut c = Console::new();
    for (line, expect) in [
        ("kafka-topicz.sh --list", "command not found"),
        ("kafka-topics.sh --list", "Missing required argument \"[bootstrap-server]\""),
        ("kafka-topics.sh --bootstrap-server x --describe --frobnicate", "frobnicate is not a recognized option (argument 4)"),
        ("kafka-topics.sh --bootstrap-server x --alter --topic test1 --partitions", "option --partitions requires an argument"),
        ("kafka-topics.sh --bootstrap-server x --alter --topic test1 --partitions many", "--partitions: 'many' is not a whole number"),
        ("kafka-topics.sh --bootstrap-server x --describe --list", "exactly one action"),
        ("kafka-consumer-groups.sh --bootstrap-server x --describe --group nope", "Consumer group 'nope' does not exist."),
        ("kafka-consumer-groups.sh --bootstrap-server x --reset-offsets --group test1-app --topic test1", "takes exactly one of these options"),
        ("kafka-reassign-partitions.sh --bootstrap-server x --execute --reassignment-json-file missing.json", "missing.json: No such file"),
        ("kafka-configs.sh --bootstrap-server x --alter --entity-type brokers --entity-name 1 --add-config retention.ms=5", "Unknown or read-only config retention.ms"),
        ("kafka-configs.sh --bootstrap-server x --alter --entity-type brokers --entity-name 1 --add-config leader.replication.throttled.rate=fast", "Not a number of type LONG"),
        ("kafka-configs.sh --bootstrap-server x --alter --entity-type topics --entity-name test1 --add-config leader.replication.throttled.replicas=[0:1,9:2]", "partition 9 does not exist"),
        ("kafka-console-consumer.sh --bootstrap-server x --topic test1 --offset 3", "The partition is required when offset is specified."),
        ("kafka-console-producer.sh --bootstrap-server x --topic other", "topic 'other' does not exist"),
        ("kafka-console-consumer.sh --bootstrap-server x --topic test1 --include 'te.*'", "Exactly one of --include/--topic is required."),
        ("kafka-console-consumer.sh --bootstrap-server x --include '(te' ", "--include: Unclosed group"),
        ("kafka-consumer-groups.sh --bootstrap-server x --reset-offsets --group g --topic nope --to-earliest", "UnknownTopicOrPartitionException"),
        ("cat nothing.json", "No such file"),
        ("echo 'unterminated", "unterminated"),
    ] {
        let o = c.exec(&mut run.sim, line);
        assert!(o.error, "{line} should fail");
        assert!(o.output.contains(expect), "{line}: {}", o.output);
        assert!(o.replay.is_none());
    }
    let huge = "x".repeat(kafka_playground::console::LINE_BYTES_MAX + 1);
    assert!(c.exec(&mut run.sim, &huge).output.contains("at most"));
    assert_eq!(before, format!("{:?}", run.sim.snapshot(Default::default())), "nothing changed");
}

#[test]
fn console_producer_records_reach_the_log_by_key_and_the_consumer_prints_them() {
    let mut run = seed_run(1_000);
    let mut c = Console::new();
    let o = c.exec(
        &mut run.sim,
        &format!("kafka-console-producer.sh {BS} --topic test1 --property parse.key=true --property key.separator=:"),
    );
    assert!(!o.error && c.in_producer(), "{}", o.output);
    assert_eq!(c.prompt(), ">");
    let o = c.exec(&mut run.sim, "no separator here");
    assert!(o.error && o.output.contains("No key separator found"), "{}", o.output);
    for line in ["alice:first", "bob:second"] {
        let o = c.exec(&mut run.sim, line);
        assert!(!o.error, "{}", o.output);
        let r = o.replay.expect("typed records are replayable");
        assert_eq!(r.input, vec![line.to_string()]);
        assert!(r.line.starts_with("kafka-console-producer.sh"));
    }
    c.exec(&mut run.sim, "");
    assert!(!c.in_producer());
    // linger.ms=1000, acks=all: give it time.
    let t = run.sim.now_ms() + 3_000;
    run.run_until(t, &mut |_| {});
    let o = c.exec(&mut run.sim, &format!("kafka-console-consumer.sh {BS} --topic test1 --from-beginning --property print.key=true --property print.offset=true --property key.separator=|"));
    assert!(!o.error, "{}", o.output);
    let p_alice = kafka_playground::sim::murmur2::partition_for_key(b"alice", 2);
    let line = o.output.lines().find(|l| l.ends_with("|alice|first")).unwrap_or_else(|| panic!("{}", o.output));
    assert!(line.starts_with("Offset:"), "{line}");
    let offset: u64 = line["Offset:".len()..].split('|').next().unwrap().parse().unwrap();
    assert_eq!(run.sim.record_value(p_alice, offset), Some("first"), "alice is on murmur2's partition {p_alice}");
    assert!(o.output.contains("|bob|second"), "{}", o.output);
    assert!(o.output.trim_end().ends_with("messages"));
}

#[test]
fn replay_reproduces_a_reassignment_with_its_files() {
    let mut a = seed_run(2_000);
    let mut b = a.clone();
    let mut c = Console::new();
    c.write_file("r.json", kafka_playground::reassign_tool::SEED_REASSIGNMENT_JSON).unwrap();
    let o = c.exec(
        &mut a.sim,
        &format!("kafka-reassign-partitions.sh {BS} --execute --reassignment-json-file r.json --throttle 50000000"),
    );
    assert!(!o.error, "{}", o.output);
    assert!(o.output.contains("Successfully started partition reassignments for test1-0,test1-1"), "{}", o.output);
    assert!(o.output.contains("The inter-broker throttle limit was set to 50000000 B/s"), "{}", o.output);
    let replay: Replay = o.replay.expect("replayable");
    assert_eq!(
        replay.files.get("r.json").map(String::as_str),
        Some(kafka_playground::reassign_tool::SEED_REASSIGNMENT_JSON)
    );
    let again = Console::replay(&mut b.sim, &replay);
    assert_eq!(again.output, o.output);
    a.run_until(20_000, &mut |_| {});
    b.run_until(20_000, &mut |_| {});
    assert_eq!(
        format!("{:?}", a.sim.snapshot(Default::default())),
        format!("{:?}", b.sim.snapshot(Default::default()))
    );
    let o = c.exec(&mut a.sim, &format!("kafka-reassign-partitions.sh {BS} --verify --reassignment-json-file r.json"));
    assert!(o.output.contains("Reassignment of partition test1-0 is completed."), "{}", o.output);
}

#[test]
fn consumer_groups_describe_and_reset_through_the_console() {
    let mut run = seed_run(6_000);
    let mut c = Console::new();
    let o = c.exec(&mut run.sim, &format!("kafka-consumer-groups.sh {BS} --describe --group test1-app"));
    assert!(!o.error, "{}", o.output);
    assert!(o.output.contains("CURRENT-OFFSET"), "{}", o.output);
    let o = c.exec(
        &mut run.sim,
        &format!(
            "kafka-consumer-groups.sh {BS} --reset-offsets --group test1-app --topic test1 --to-earliest --execute"
        ),
    );
    assert!(o.error, "an active group cannot be reset");
    assert!(o.output.contains("Error:"), "{}", o.output);
}

#[test]
fn completion_offers_commands_options_and_files() {
    let mut c = Console::new();
    assert_eq!(c.complete("kafka-re").0, "kafka-reassign-partitions.sh ");
    let (line, list) = c.complete("kafka-co");
    assert_eq!(line, "kafka-con", "the common prefix");
    assert!(list.contains(&"kafka-configs.sh".to_string()) && list.contains(&"kafka-consumer-groups.sh".to_string()));
    assert_eq!(c.complete("kafka-topics.sh --boot").0, "kafka-topics.sh --bootstrap-server ");
    c.write_file("plan.json", "{}").unwrap();
    assert_eq!(
        c.complete("kafka-reassign-partitions.sh --execute --reassignment-json-file pl").0,
        "kafka-reassign-partitions.sh --execute --reassignment-json-file plan.json "
    );
    assert!(c.write_file("a/b", "x").is_err());
}

#[test]
fn cli_console_runs_the_same_console() {
    let dir = std::env::temp_dir().join(format!("kp-console-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("seed.json");
    std::fs::write(&path, scenario::SEED_REASSIGNMENT_SCENARIO).unwrap();
    let args: Vec<String> = [
        "console",
        path.to_str().unwrap(),
        "--at",
        "1000",
        "-c",
        "kafka-topics.sh --bootstrap-server localhost:9092 --list",
        "-c",
        "sleep 1",
        "-c",
        "kafka-nope.sh",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| e.to_string());
    let out = kafka_playground::cli::run(&args, &read);
    assert_eq!(out.code, 1, "the failing line sets the exit status");
    assert!(
        out.stdout.contains("$ kafka-topics.sh --bootstrap-server localhost:9092 --list\ntest1\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("kafka-nope.sh: command not found"), "{}", out.stdout);
}

#[test]
fn completion_after_wide_whitespace_does_not_panic() {
    // U+2003 (EM SPACE) is whitespace of three bytes: found by the property test.
    let c = Console::new();
    let (line, _) = c.complete("topics\u{2003}--de");
    assert!(line.starts_with("topics\u{2003}"));
}

#[test]
fn creating_another_topic_adds_it_to_the_running_cluster_with_kafkas_checks() {
    let mut run = seed_run(1_000);
    let mut c = Console::new();
    for (line, expect) in [
        ("kafka-topics.sh --bootstrap-server x --create --topic orders --partitions 3 --replication-factor 7", "Unable to replicate the partition 7 time(s): The target replication factor of 7 cannot be reached because only 6 broker(s) are registered."),
        ("kafka-topics.sh --bootstrap-server x --create --topic orders --partitions 0", "The partitions must be greater than 0"),
        ("kafka-topics.sh --bootstrap-server x --create --topic 'bad name' --partitions 1", "a character other than ASCII alphanumerics"),
        ("kafka-topics.sh --bootstrap-server x --create --topic orders --partitions 2 --config cleanup.policy=compact", "not a topic config the playground simulates"),
        ("kafka-topics.sh --bootstrap-server x --create --topic test1 --partitions 2", "Topic 'test1' already exists."),
        ("kafka-topics.sh --bootstrap-server x --create --topic orders --partitions 65", "partitions: must be between 1 and 64"),
    ] {
        let before = format!("{:?}", run.sim.snapshot(Default::default()));
        let o = c.exec(&mut run.sim, line);
        assert!(o.error && o.output.contains(expect), "{line}: {}", o.output);
        assert_eq!(format!("{:?}", run.sim.snapshot(Default::default())), before, "{line} changed nothing");
    }
    let records_before = run.sim.records_appended();
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --create --topic orders --partitions 3 --replication-factor 3 --config retention.ms=60000");
    assert!(!o.error, "{}", o.output);
    assert_eq!(o.output, "Created topic orders.\n");
    assert!(o.replay.is_some(), "the timeline replays it");
    // The same run: the first topic and its records are still there, beside the new one.
    assert_eq!(run.sim.records_appended(), records_before);
    assert_eq!(run.sim.topics().names().collect::<Vec<_>>(), ["orders", "test1"]);
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --list");
    assert_eq!(o.output, "orders\ntest1\n");
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --describe --topic orders");
    assert!(
        o.output.contains("\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: retention.ms=60000"),
        "{}",
        o.output
    );
    let lines: Vec<&str> = o.output.lines().skip(1).collect();
    assert_eq!(lines.len(), 3);
    for (i, l) in lines.iter().enumerate() {
        assert!(l.starts_with(&format!("\tTopic: orders\tPartition: {i}\tLeader: ")), "{l}");
    }
    // Without --partitions and --replication-factor: the brokers' num.partitions and
    // default.replication.factor (1 and 1).
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --create --topic audit");
    assert_eq!(o.output, "Created topic audit.\n");
    assert!(c
        .exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --describe --topic audit")
        .output
        .contains("PartitionCount: 1\tReplicationFactor: 1\t"));
    // --alter and --delete take the include list (a regular expression).
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --alter --topic orders --partitions 5");
    assert!(!o.error, "{}", o.output);
    assert_eq!(run.sim.topics().get("orders").unwrap().partitions(), 5);
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --delete --topic 'aud.*'");
    assert!(!o.error && o.output.is_empty(), "{}", o.output);
    assert!(run.sim.topics().get("audit").is_none());
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --delete --topic nope");
    assert!(o.output.contains("Topic 'nope' does not exist as expected"), "{}", o.output);
    let o = c.exec(&mut run.sim, "kafka-topics.sh --bootstrap-server x --delete --topic nope --if-exists");
    assert!(!o.error, "{}", o.output);
}
