//! `kafka-consumer-groups.sh --reset-offsets` and `auto.offset.reset` against Kafka's derived
//! vectors (`consumer_groups_command.derived`, `auto_offset_reset.derived`).
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::sim::offsets_tool::{format_reset, plan_reset, PartitionOffsets, ResetSpec};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/kafka-vectors.json")).unwrap()
}

#[test]
fn reset_offsets_vectors() {
    let v = vectors();
    let set = &v["consumer_groups_command.derived"];
    let st = &set["partition_state"];
    let p = PartitionOffsets {
        partition: 0,
        log_start_offset: st["logStartOffset"].as_u64().unwrap(),
        high_watermark: st["highWatermark"].as_u64().unwrap(),
        committed: st["committed"].as_u64(),
    };
    let no_commit = PartitionOffsets { committed: None, ..p };
    let never = |_: u32, _: u64| None;
    let run = |spec, part: PartitionOffsets| plan_reset("g", "Empty", "t", &[part], spec, &never);
    let mut checked = 0;
    for case in set["reset"].as_array().unwrap() {
        let opt = case["opt"].as_str().unwrap();
        let result = &case["result"];
        let (spec, part) = match opt {
            "--to-earliest" => (ResetSpec::ToEarliest, p),
            "--to-latest" => (ResetSpec::ToLatest, p),
            "--to-current" => (ResetSpec::ToCurrent, p),
            "--to-current (no committed offset)" => (ResetSpec::ToCurrent, no_commit),
            "--to-datetime T where no record has timestamp >= T" => (ResetSpec::ToTimestamp(u64::MAX), p),
            "--shift-by N (no committed offset)" => {
                let e = run(ResetSpec::ShiftBy(5), no_commit).unwrap_err();
                assert!(
                    e.starts_with("Cannot shift offset for partition t-0 since there is no current committed offset")
                );
                assert!(result.as_str().unwrap().contains("Cannot shift offset"));
                checked += 1;
                continue;
            }
            "any, group state Stable" => {
                let e = plan_reset("G", "Stable", "t", &[p], ResetSpec::ToEarliest, &never).unwrap_err();
                assert_eq!(
                    e,
                    "Assignments can only be reset if the group 'G' is inactive, but the current state is Stable."
                );
                assert!(result.as_str().unwrap().contains(&e));
                checked += 1;
                continue;
            }
            "no --execute" => continue,
            other => {
                let n: i64 = other.rsplit(' ').next().unwrap().parse().unwrap();
                if other.starts_with("--to-offset") {
                    (ResetSpec::ToOffset(n), p)
                } else {
                    (ResetSpec::ShiftBy(n), p)
                }
            }
        };
        let rows = run(spec, part).unwrap();
        assert_eq!(rows[0].new_offset, result.as_u64().unwrap(), "{opt}");
        match case.get("warning").and_then(|w| w.as_str()) {
            Some("lower than earliest") => {
                assert!(rows[0].warning.as_deref().unwrap().contains("is lower than earliest offset"))
            }
            Some("higher than latest") => {
                assert!(rows[0].warning.as_deref().unwrap().contains("is higher than latest offset"))
            }
            _ => {}
        }
        checked += 1;
    }
    assert!(checked >= 12, "{checked}");
    let text = format_reset("g", "t", &run(ResetSpec::ToOffset(300), p).unwrap());
    assert!(text
        .contains("New offset (300) is higher than latest offset for topic partition t-0. Value will be set to 250"));
    assert!(text.contains("GROUP                          TOPIC                          PARTITION  NEW-OFFSET"));
}

#[test]
fn auto_offset_reset_vector_outcomes() {
    // Where a consumer starts, for each committed offset and policy (auto_offset_reset.derived):
    // in range -> the committed offset; no commit or out of range -> the policy (earliest = log
    // start, latest = high watermark) or an exception with `none`.
    use kafka_playground::sim::offsets_tool::AutoOffsetReset;
    let v = vectors();
    let set = &v["auto_offset_reset.derived"];
    let st = &set["partition_state"];
    let (start, hw, leo) = (
        st["logStartOffset"].as_u64().unwrap(),
        st["highWatermark"].as_u64().unwrap(),
        st["logEndOffset"].as_u64().unwrap(),
    );
    use kafka_playground::sim::offsets_tool::{initial_position, StartError};
    let start_position = |committed: Option<u64>, policy: AutoOffsetReset| -> Result<Option<u64>, &'static str> {
        initial_position(committed, start, hw, leo, policy).map_err(|e| match e {
            StartError::NoOffsetForPartition => "NoOffsetForPartitionException",
            StartError::OffsetOutOfRange { .. } => "OffsetOutOfRangeException",
        })
    };
    let mut n = 0;
    for case in set["cases"].as_array().unwrap() {
        let committed = case["committed"].as_u64();
        let policy = case["policy"].as_str().unwrap();
        if policy == "any" || policy.starts_with("by_duration") {
            if let Some(pos) = case.get("result_position").and_then(|r| r.as_u64()) {
                assert_eq!(start_position(committed, AutoOffsetReset::Earliest).unwrap(), Some(pos));
            }
            n += 1;
            continue;
        }
        let policy = AutoOffsetReset::parse(policy).unwrap();
        match case.get("result_position").and_then(|r| r.as_u64()) {
            Some(pos) => assert_eq!(start_position(committed, policy).unwrap(), Some(pos), "{case}"),
            None => {
                let e = start_position(committed, policy).unwrap_err();
                assert!(case["result"].as_str().unwrap().starts_with(e), "{case}");
            }
        }
        n += 1;
    }
    assert_eq!(n, 10);
}
