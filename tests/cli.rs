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
