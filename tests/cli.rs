//! The command-line tool, run as a new user would: the real binary, real files.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kafka-playground"))
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = bin().args(args).output().expect("binary runs");
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap_or(-1))
}

fn write_temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kafka-playground-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn partition_prints_key_tab_partition_in_order() {
    let (out, err, code) = run(&["partition", "--partitions", "6", "user-2", "kafka", ""]);
    assert_eq!(code, 0, "{err}");
    // keyed_partition.computed: user-2 -> 2, kafka -> 4, "" -> 3 for 6 partitions.
    assert_eq!(out, "user-2\t2\nkafka\t4\n\t3\n");
}

#[test]
fn partition_hex_and_json() {
    let (out, _, code) =
        run(&["partition", "--partitions", "12", "--hex", "--json", "--", "00000000", "00000000000003e8"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["key"], "00000000");
    assert_eq!(v[0]["murmur2"], 850957120);
    assert_eq!(v[0]["partition"], 4);
    assert_eq!(v[1]["murmur2"], -1937572645);
    assert_eq!(v[1]["partition"], 7);
}

#[test]
fn partition_bad_input_exits_2_with_a_message() {
    for (args, needle) in [
        (vec!["partition", "--partitions", "0", "a"], "--partitions"),
        (vec!["partition", "--partitions", "x", "a"], "--partitions"),
        (vec!["partition", "a"], "--partitions N is required"),
        (vec!["partition", "--partitions", "3"], "at least one KEY"),
        (vec!["partition", "--partitions", "3", "--hex", "abc"], "KEY 1"),
        (vec!["partition", "--partitions", "3", "--hex", "00", "zz"], "KEY 2"),
        (vec!["partition", "--partitions", "3", "--bogus", "a"], "unknown option"),
        (vec!["frobnicate"], "unknown command"),
        (vec![], "no command"),
    ] {
        let (out, err, code) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn run_prints_a_text_report_and_a_json_report() {
    let (scenario, _, code) = run(&["example-scenario"]);
    assert_eq!(code, 0);
    let path = write_temp("default.json", &scenario);
    let (text, err, code) = run(&["run", &path, "--until", "5000"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("PARTITION"));
    assert!(text.contains("LOG-END-OFFSET"));
    assert!(text.contains("producer-1"));
    let (json, _, code) = run(&["run", &path, "--until", "5000", "--format", "json", "--seed", "7"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["seed"], 7);
    assert_eq!(v["until_ms"], 5000);
    assert_eq!(v["partitions"].as_array().unwrap().len(), 6);
    let appended: u64 = v["partitions"].as_array().unwrap().iter().map(|p| p["log_end_offset"].as_u64().unwrap()).sum();
    let acked: u64 = v["producers"].as_array().unwrap().iter().map(|p| p["records_acked"].as_u64().unwrap()).sum();
    assert_eq!(appended, acked);
    assert!(appended > 40);
    // Same seed, same report.
    let (json2, _, _) = run(&["run", &path, "--until", "5000", "--format", "json", "--seed", "7"]);
    assert_eq!(json, json2);
}

#[test]
fn run_rejects_bad_scenarios_naming_field_line_and_column() {
    let cases = [
        ("{\n  \"version\": 1,\n  \"topic\": { \"partitions\": 6, \"colour\": 1 }\n}", "topic.colour", "line 3"),
        ("{\n  \"version\": 2,\n  \"topic\": { \"partitions\": 6 }\n}", "version", "line 2"),
        ("{\n  \"version\": 1,\n  \"topic\": { \"partitions\": 65 }\n}", "topic.partitions", "line 3"),
        (
            "{\n  \"version\": 1,\n  \"topic\": { \"partitions\": 6 },\n  \"producers\": [\n    { \"client.id\": \"p\", \"rate\": { \"records.per.sec\": 5 }, \"linger.ms\": 99999999 }\n  ]\n}",
            "producers[0].linger.ms",
            "line 5",
        ),
        (
            "{\n  \"version\": 1,\n  \"topic\": { \"partitions\": 6 },\n  \"producers\": [\n    { \"client.id\": \"p\", \"rate\": { \"records.per.sec\": -1 } }\n  ]\n}",
            "producers[0].rate.records.per.sec",
            "line 5",
        ),
        ("{ \"version\": 1, \"topic\": { \"partitions\": 6 }", "EOF", "line 1"),
        ("not json", "expected", "line 1"),
    ];
    for (i, (text, field, line)) in cases.iter().enumerate() {
        let path = write_temp(&format!("bad{i}.json"), text);
        let (out, err, code) = run(&["run", &path]);
        assert_eq!(code, 2, "case {i}");
        assert!(out.is_empty());
        assert!(err.contains(field), "case {i}: {err}");
        assert!(err.contains(line), "case {i}: {err}");
        assert!(!err.contains("panicked"));
    }
    let (_, err, code) = run(&["run", "/definitely/not/here.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"));
    let (_, err, code) = run(&["run", "x.json", "--format", "yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("--format"));
    let (_, err, code) = run(&["run", "x.json", "--until", "-5"]);
    assert_eq!(code, 2);
    assert!(err.contains("--until"));
}

#[test]
fn assign_runs_each_strategy_on_a_file() {
    let path = write_temp(
        "assign.json",
        r#"{"partitions": {"topic": 3},
            "members": {"consumer1": {"topics": ["topic"], "owned": ["topic-0", "topic-1", "topic-2"], "generation": 1},
                        "consumer2": {"topics": ["topic"], "owned": [], "generation": 1}}}"#,
    );
    let run_strategy = |s: &str| {
        let (out, err, code) = run(&["assign", "--strategy", s, &path]);
        assert_eq!(code, 0, "{s}: {err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    // sticky_assignor vector "testAddRemoveConsumerOneTopic step2".
    assert_eq!(
        run_strategy("sticky"),
        serde_json::json!({"consumer1": ["topic-0", "topic-1"], "consumer2": ["topic-2"]})
    );
    assert_eq!(
        run_strategy("cooperative-sticky"),
        serde_json::json!({"consumer1": ["topic-0", "topic-1"], "consumer2": []})
    );
    assert_eq!(
        run_strategy("range"),
        serde_json::json!({"consumer1": ["topic-0", "topic-1"], "consumer2": ["topic-2"]})
    );
    assert_eq!(
        run_strategy("roundrobin"),
        serde_json::json!({"consumer1": ["topic-0", "topic-2"], "consumer2": ["topic-1"]})
    );
    // The subscriptions shorthand, with a static member sorting first (range_assignor vector).
    let path = write_temp(
        "assign2.json",
        r#"{"partitions": {"topic1": 3, "topic2": 3},
            "members": {"consumer-b": {"topics": ["topic1", "topic2"], "instance_id": "instance1"},
                        "consumer-a": {"topics": ["topic1", "topic2"], "instance_id": "instance2"}}}"#,
    );
    let (out, _, code) = run(&["assign", "--strategy", "range", &path]);
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        serde_json::json!({"consumer-b": ["topic1-0", "topic1-1", "topic2-0", "topic2-1"], "consumer-a": ["topic1-2", "topic2-2"]})
    );
    let path = write_temp(
        "assign3.json",
        r#"{"partitions": {"t": 2}, "subscriptions": {"x": ["t"], "y": ["t"], "z": ["t"]}}"#,
    );
    let (out, _, code) = run(&["assign", "--strategy", "roundrobin", &path]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), r#"{"x":["t-0"],"y":["t-1"],"z":[]}"#);
}

#[test]
fn assign_and_offsets_partition_reject_bad_input() {
    let bad_owned = write_temp(
        "bad-owned.json",
        r#"{"partitions": {"t": 3}, "members": {"c": {"topics": ["t"], "owned": ["t0"]}}}"#,
    );
    let unknown =
        write_temp("bad-field.json", "{\"partitions\": {\"t\": 3},\n \"members\": {\"c\": {\"topic\": [\"t\"]}}}");
    let both = write_temp("bad-both.json", r#"{"partitions": {"t": 3}, "members": {}, "subscriptions": {}}"#);
    for (args, needle) in [
        (vec!["assign", "--strategy", "sticky", bad_owned.as_str()], "members.c.owned[0]"),
        (vec!["assign", "--strategy", "range", unknown.as_str()], "line 2"),
        (vec!["assign", "--strategy", "range", both.as_str()], "not both"),
        (vec!["assign", "--strategy", "uniform", both.as_str()], "unknown assignor"),
        (vec!["assign", bad_owned.as_str()], "--strategy is required"),
        (vec!["assign", "--strategy", "range"], "no FILE"),
        (vec!["offsets-partition"], "at least one GROUP"),
        (vec!["offsets-partition", "--partitions", "0", "g"], "--partitions"),
        (vec!["offsets-partition", "-g"], "use --"),
    ] {
        let (out, err, code) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn offsets_partition_prints_group_tab_partition() {
    // offsets_topic_partition.computed: test-group -> 12, GydZG_ (hashCode MIN_VALUE) -> 0.
    let (out, _, code) = run(&["offsets-partition", "test-group", "GydZG_", "--", "", "-dash"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "test-group\t12");
    assert_eq!(lines[1], "GydZG_\t0");
    assert_eq!(lines[2], "\t0");
    assert!(lines[3].starts_with("-dash\t"));
    let (out, _, _) = run(&["offsets-partition", "--partitions", "10", "payments"]);
    assert_eq!(out, "payments\t3\n");
}

#[test]
fn run_reports_groups_describe_tables_and_the_ledger() {
    let path = write_temp(
        "groups.json",
        r#"{
  "version": 1, "seed": 7, "until.ms": 30000,
  "topic": { "name": "orders", "partitions": 3 },
  "producers": [ { "client.id": "p1", "rate": { "records.per.sec": 20 }, "keys": { "mode": "fixed", "count": 6 } } ],
  "consumers": [
    { "client.id": "c1", "group.id": "billing", "auto.offset.reset": "earliest", "session.timeout.ms": 10000 },
    { "client.id": "c2", "group.id": "billing", "auto.offset.reset": "earliest", "session.timeout.ms": 10000 },
    { "client.id": "a1", "group.id": "audit", "commit": "sync-per-record", "auto.offset.reset": "earliest",
      "partition.assignment.strategy": "cooperative-sticky", "processing.ms": { "min": 5, "max": 20 } }
  ],
  "timeline": [ { "at.ms": 12000, "crash.consumer": "c1" } ]
}"#,
    );
    let (text, err, code) = run(&["run", &path]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG"));
    assert!(text.contains("commits in __consumer_offsets-9"), "billing -> partition 9 of 50");
    assert!(text.contains("commits in __consumer_offsets-5"), "audit -> partition 5 of 50");
    let (json, _, _) = run(&["run", &path, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let groups = v["groups"].as_array().unwrap();
    let billing = groups.iter().find(|g| g["group"] == "billing").unwrap();
    let audit = groups.iter().find(|g| g["group"] == "audit").unwrap();
    assert!(billing["duplicates"].as_u64().unwrap() > 0, "the crash of an auto-committing consumer costs duplicates");
    assert_eq!(billing["lost"], 0);
    assert_eq!(audit["duplicates"], 0);
    assert_eq!(audit["processed"], v["records_appended"]);
    let consumers = v["consumers"].as_array().unwrap();
    assert_eq!(consumers.iter().find(|c| c["client.id"] == "c1").unwrap()["state"], "crashed");
    // Bad consumer settings are refused with Kafka-like messages naming the field.
    for (bad, needle) in [
        (r#""max.poll.records": 0"#, "max.poll.records"),
        (r#""session.timeout.ms": 1000"#, "group.min.session.timeout.ms=6000"),
        (r#""partition.assignment.strategy": "uniform""#, "partition.assignment.strategy"),
        (r#""commit": "sometimes""#, "commit"),
    ] {
        let text = format!(
            r#"{{"version": 1, "topic": {{"partitions": 1}}, "consumers": [{{"client.id": "c", "group.id": "g", {bad}}}]}}"#
        );
        let path = write_temp("bad-consumer.json", &text);
        let (_, err, code) = run(&["run", &path]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains(needle), "{bad}: {err}");
    }
}

#[test]
fn consumer_groups_describes_and_resets_like_kafka() {
    let path = write_temp(
        "reset.json",
        r#"{ "version": 1, "until.ms": 20000,
  "topic": { "name": "orders", "partitions": 2 },
  "producers": [ { "client.id": "p", "rate": { "records.per.sec": 20 } } ],
  "consumers": [ { "client.id": "c1", "group.id": "billing", "auto.offset.reset": "earliest" } ],
  "timeline": [ { "at.ms": 12000, "close.consumer": "c1" } ] }"#,
    );
    let (out, err, code) = run(&["consumer-groups", "--describe", "--group", "billing", &path]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Consumer group 'billing' has no active members."));
    let (out, _, code) =
        run(&["consumer-groups", "--reset-offsets", "--group", "billing", "--to-offset", "99999", &path]);
    assert_eq!(code, 0);
    assert!(out.contains(
        "New offset (99999) is higher than latest offset for topic partition orders-0. Value will be set to 303"
    ));
    assert!(out.contains("GROUP                          TOPIC                          PARTITION  NEW-OFFSET"));
    let (out, _, _) =
        run(&["consumer-groups", "--reset-offsets", "--group", "billing", "--to-earliest", "--execute", &path]);
    let row: Vec<&str> =
        out.lines().find(|l| l.starts_with("billing") && l.contains(" 0 ")).unwrap().split_whitespace().collect();
    assert_eq!(row, vec!["billing", "orders", "0", "0"]);
    // While the consumer is still in the group, Kafka refuses.
    let (_, err, code) =
        run(&["consumer-groups", "--reset-offsets", "--group", "billing", "--to-earliest", "--at", "10000", &path]);
    assert_eq!(code, 2);
    assert!(err.contains(
        "Assignments can only be reset if the group 'billing' is inactive, but the current state is Stable."
    ));
    for (args, needle) in [
        (vec!["consumer-groups", "--reset-offsets", "--group", "billing", &path], "needs a scenario"),
        (vec!["consumer-groups", "--reset-offsets", "--group", "billing", "--to-offset", "x", &path], "--to-offset"),
        (
            vec!["consumer-groups", "--reset-offsets", "--group", "billing", "--by-duration", "1h", &path],
            "--by-duration",
        ),
        (
            vec!["consumer-groups", "--reset-offsets", "--group", "billing", "--to-datetime", "soon", &path],
            "--to-datetime",
        ),
        (vec!["consumer-groups", "--reset-offsets", "--to-latest", &path], "--group is required"),
        (vec!["consumer-groups", "--describe", "--reset-offsets", "--group", "g", &path], "one of --describe"),
        (
            vec!["consumer-groups", "--reset-offsets", "--group", "billing", "--to-latest", "--to-earliest", &path],
            "only one",
        ),
    ] {
        let (out, err, code) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn scenario_auto_offset_reset_accepts_kafka_values_only() {
    let ok = write_temp(
        "reset-ok.json",
        r#"{"version": 1, "topic": {"partitions": 1}, "consumers": [{"client.id": "c", "group.id": "g", "auto.offset.reset": "by_duration:PT1M"}]}"#,
    );
    let (_, err, code) = run(&["run", &ok]);
    assert_eq!(code, 0, "{err}");
    let bad = write_temp(
        "reset-bad.json",
        r#"{"version": 1, "topic": {"partitions": 1}, "consumers": [{"client.id": "c", "group.id": "g", "auto.offset.reset": "newest"}]}"#,
    );
    let (_, err, code) = run(&["run", &bad]);
    assert_eq!(code, 2);
    assert!(err.contains("consumers[0].auto.offset.reset"), "{err}");
    assert!(
        err.contains(
            "The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'"
        ),
        "{err}"
    );
}

#[test]
fn place_replicas_prints_kafkas_assignment() {
    // adminutils_replica_assignment (AdminRackAwareTest#testReplicaAssignment).
    let (out, err, code) =
        run(&["place-replicas", "--brokers", "0,1,2,3,4", "--partitions", "10", "--replication-factor", "3"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "{\"0\": [0, 1, 2], \"1\": [1, 2, 3], \"2\": [2, 3, 4], \"3\": [3, 4, 0], \"4\": [4, 0, 1], \"5\": [0, 2, 3], \"6\": [1, 3, 4], \"7\": [2, 4, 0], \"8\": [3, 0, 1], \"9\": [4, 1, 2]}\n"
    );
    for (args, needle) in [
        (
            vec!["place-replicas", "--brokers", "0,1", "--partitions", "2", "--replication-factor", "3"],
            "Replication factor: 3 larger than available brokers: 2.",
        ),
        (
            vec!["place-replicas", "--brokers", "0,x", "--partitions", "2", "--replication-factor", "1"],
            "--brokers: entry 2 ('x')",
        ),
        (
            vec!["place-replicas", "--brokers", "0,0", "--partitions", "2", "--replication-factor", "1"],
            "broker 0 is listed twice",
        ),
        (
            vec!["place-replicas", "--brokers", "0,1", "--partitions", "0", "--replication-factor", "1"],
            "Number of partitions must be larger than 0.",
        ),
        (vec!["place-replicas", "--partitions", "2", "--replication-factor", "1"], "--brokers is required"),
        (
            vec![
                "place-replicas",
                "--brokers",
                "0",
                "--partitions",
                "1",
                "--replication-factor",
                "1",
                "--start-index",
                "-1",
            ],
            "--start-index",
        ),
    ] {
        let (out, err, code) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn reassign_runs_the_seed_example_against_a_scenario() {
    let (scenario, _, code) = run(&["seed-reassignment-scenario"]);
    assert_eq!(code, 0);
    // Without the timeline's own steps: execute from the command line at 5 s, verify later.
    let mut v: serde_json::Value = serde_json::from_str(&scenario).unwrap();
    v["timeline"] = serde_json::json!([]);
    let path = write_temp("seed.json", &v.to_string());
    let json = write_temp(
        "move.json",
        r#"{"version":1,"partitions":[{"topic":"test1","partition":0,"replicas":[4,5,6]},{"topic":"test1","partition":1,"replicas":[1,2,3]}]}"#,
    );
    let (out, err, code) = run(&[
        "reassign",
        "--bootstrap-server",
        "localhost:9092",
        "--scenario",
        &path,
        "--at",
        "5000",
        "--execute",
        "--reassignment-json-file",
        &json,
        "--throttle",
        "5000000",
        "--verify-at",
        "30000",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Current partition replica assignment\n\n{\"version\":1,\"partitions\":[{\"topic\":\"test1\",\"partition\":0,\"replicas\":[1,2,3]"), "{out}");
    assert!(out.contains("The inter-broker throttle limit was set to 5000000 B/s\nSuccessfully started partition reassignments for test1-0,test1-1\n"), "{out}");
    assert!(
        out.contains(
            "Reassignment of partition test1-0 is completed.\nReassignment of partition test1-1 is completed."
        ),
        "{out}"
    );
    assert!(out.contains("Clearing broker-level throttles on brokers 1,2,3,4,5,6"), "{out}");
    // Verify right after execute: still in progress.
    let (out, _, _) = run(&[
        "reassign",
        "--scenario",
        &path,
        "--at",
        "5000",
        "--execute",
        "--reassignment-json-file",
        &json,
        "--throttle",
        "100000",
        "--verify-at",
        "5100",
    ]);
    assert!(out.contains("Reassignment of partition test1-0 is still in progress."), "{out}");
    let topics = write_temp("topics.json", r#"{"topics":[{"topic":"test1"}],"version":1}"#);
    let (out, err, code) = run(&[
        "reassign",
        "--scenario",
        &path,
        "--generate",
        "--topics-to-move-json-file",
        &topics,
        "--broker-list",
        "1,2,3,4,5,6",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Current partition replica assignment\n{\"version\":1,\"partitions\":[{\"topic\":\"test1\",\"partition\":0,\"replicas\":[1,2,3]"));
    assert!(out.contains("Proposed partition reassignment configuration\n{\"version\":1,\"partitions\":[{\"topic\":\"test1\",\"partition\":0,\"replicas\":["));
    let (out, _, code) = run(&["reassign", "--scenario", &path, "--list"]);
    assert_eq!((out.as_str(), code), ("No partition reassignments found.\n", 0));
    let bad =
        write_temp("bad.json", r#"{"version":1,"partitions":[{"topic":"test1","partition":0,"replicas":[4,5,9]}]}"#);
    let (out, err, code) = run(&["reassign", "--scenario", &path, "--execute", "--reassignment-json-file", &bad]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("Error: Unknown broker id 9"), "{err}");
    let (_, err, code) = run(&["reassign", "--scenario", &path, "--execute", "--verify"]);
    assert_eq!(code, 2);
    assert!(err.contains("exactly one action"), "{err}");
    // The whole timeline, as the scenario has it: the report shows the tool's output and the result.
    let seed = write_temp("seed-full.json", &scenario);
    let (out, err, code) = run(&["run", &seed]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Topic: test1\tPartition: 0\tLeader: 4\tReplicas: 4,5,6\tIsr: 4,5,6"), "{out}");
    assert!(out.contains("kafka-reassign-partitions.sh at 40000 ms:\nStatus of partition reassignment:\nReassignment of partition test1-0 is completed."), "{out}");
}

#[test]
fn consumer_groups_reset_takes_all_topics_and_warns_when_no_record_is_that_late() {
    let path = write_temp(
        "reset-scope.json",
        r#"{ "version": 1, "until.ms": 20000,
  "topic": { "name": "orders", "partitions": 3 },
  "producers": [ { "client.id": "p", "rate": { "records.per.sec": 20 }, "keys": { "mode": "fixed", "count": 9 } } ],
  "timeline": [ { "at.ms": 1000, "console": "kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group g --reset-offsets --topic orders:0,2 --to-earliest --execute" } ] }"#,
    );
    // --all-topics: the partitions the group has committed offsets for (0 and 2).
    let (out, err, code) =
        run(&["consumer-groups", "--reset-offsets", "--group", "g", "--all-topics", "--to-latest", &path]);
    assert_eq!(code, 0, "{err}");
    let partitions: Vec<&str> =
        out.lines().filter(|l| l.starts_with("g ")).map(|l| l.split_whitespace().nth(2).unwrap()).collect();
    assert_eq!(partitions, vec!["0", "2"], "{out}");
    // A timestamp later than every record: Kafka's warning, then the latest offset.
    let (out, _, code) = run(&[
        "consumer-groups",
        "--reset-offsets",
        "--group",
        "g",
        "--topic",
        "orders:1",
        "--to-datetime",
        "1970-01-02T00:00:00.000",
        &path,
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("\nWarn: Partition 1 from topic orders is empty. Falling back to latest known offset.\n"),
        "{out}"
    );
    let (_, err, code) = run(&[
        "consumer-groups",
        "--reset-offsets",
        "--group",
        "g",
        "--all-topics",
        "--topic",
        "orders",
        "--to-latest",
        &path,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("all-topics"), "{err}");
}
