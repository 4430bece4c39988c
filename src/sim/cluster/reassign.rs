//! `kafka-reassign-partitions.sh` as Kafka 4.0 writes it (`tools/.../reassign/
//! ReassignPartitionsCommand.java`) and the KRaft controller's replica bookkeeping
//! (`metadata/.../PartitionReassignmentReplicas.java`): the JSON formats with Kafka's
//! validation messages, the throttle configs, and the text the tool prints.

use crate::util::ordmap::{OrdMap, OrdSet};

use serde::Serialize;

use super::json::Json;
use super::BrokerId;

/// A topic partition, printed as Kafka prints it (`test1-0`), ordered by topic then partition
/// (`compareTopicPartitions`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: i32,
}

impl TopicPartition {
    pub fn new(topic: impl Into<String>, partition: i32) -> Self {
        Self { topic: topic.into(), partition }
    }
}

impl std::fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

/// The KRaft controller's view of a reassigning partition (`PartitionReassignmentReplicas`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReassignmentReplicas {
    /// `current − target`, sorted.
    pub removing: Vec<BrokerId>,
    /// `target − current`, sorted.
    pub adding: Vec<BrokerId>,
    /// `target ++ removing`.
    pub replicas: Vec<BrokerId>,
}

impl ReassignmentReplicas {
    pub fn new(current: &[BrokerId], target: &[BrokerId]) -> Self {
        let mut removing: Vec<BrokerId> = current.iter().copied().filter(|r| !target.contains(r)).collect();
        crate::util::order::sort(&mut removing);
        let mut adding: Vec<BrokerId> = target.iter().copied().filter(|r| !current.contains(r)).collect();
        crate::util::order::sort(&mut adding);
        let mut replicas = target.to_vec();
        replicas.extend(&removing);
        Self { removing, adding, replicas }
    }

    pub fn in_progress(&self) -> bool {
        !self.removing.is_empty() || !self.adding.is_empty()
    }

    /// `maybeCompleteReassignment(isr)`: drop the removing replicas from the ISR and the replica
    /// list; complete only when the ISR left is non-empty and holds every target replica.
    /// Returns the new (replicas, ISR).
    pub fn maybe_complete(&self, isr: &[BrokerId]) -> Option<(Vec<BrokerId>, Vec<BrokerId>)> {
        if !self.in_progress() {
            return None;
        }
        let new_isr: Vec<BrokerId> = isr.iter().copied().filter(|r| !self.removing.contains(r)).collect();
        let new_replicas: Vec<BrokerId> =
            self.replicas.iter().copied().filter(|r| !self.removing.contains(r)).collect();
        if new_isr.is_empty() || !new_replicas.iter().all(|r| new_isr.contains(r)) {
            return None;
        }
        Some((new_replicas, new_isr))
    }
}

/// An error of the tool: Kafka's exception and message, and where in the input it is (a path
/// such as `partitions[1].replicas`, and line/column for JSON syntax; empty/0 when not
/// applicable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolError {
    pub exception: &'static str,
    pub message: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl ToolError {
    fn new(exception: &'static str, message: impl Into<String>) -> Self {
        Self { exception, message: message.into(), path: String::new(), line: 0, column: 0 }
    }
    fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {}", self.path)?;
            if self.line > 0 {
                write!(f, ", line {} column {}", self.line, self.column)?;
            }
            write!(f, ")")?;
        } else if self.line > 0 {
            write!(f, " (line {} column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

/// One entry of a reassignment JSON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReassignmentEntry {
    pub partition: TopicPartition,
    pub replicas: Vec<BrokerId>,
    /// `log_dirs` as given (`"any"` where absent).
    pub log_dirs: Vec<String>,
}

/// Largest reassignment file accepted (the page's editor and the CLI).
pub const REASSIGNMENT_JSON_BYTES_MAX: usize = 256 * 1024;
/// Most partitions in one reassignment file.
pub const REASSIGNMENT_ENTRIES_MAX: usize = 10_000;

fn parse_json(text: &str) -> Result<Json, ToolError> {
    if text.len() > REASSIGNMENT_JSON_BYTES_MAX {
        return Err(ToolError::new(
            "AdminOperationException",
            format!("The input is {} bytes; at most {REASSIGNMENT_JSON_BYTES_MAX} are accepted", text.len()),
        ));
    }
    super::json::parse(text).map_err(|e| {
        let mut err =
            ToolError::new("AdminOperationException", format!("The input string is not a valid JSON: {}", e.message()));
        err.line = e.line;
        err.column = e.column;
        err
    })
}

fn as_int(v: &Json, path: &str) -> Result<i32, ToolError> {
    v.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(|| {
        ToolError::new("JsonMappingException", format!("Expected an int value but got {v}")).at(path.to_string())
    })
}

fn field<'a>(obj: &'a Json, name: &str, path: &str) -> Result<&'a Json, ToolError> {
    if !obj.is_object() {
        return Err(ToolError::new("JsonMappingException", format!("Expected a JSON object but got {obj}"))
            .at(path.to_string()));
    }
    obj.get(name).ok_or_else(|| {
        ToolError::new("JsonMappingException", format!("No such field exists: `{name}`")).at(format!("{path}.{name}"))
    })
}

fn version_of(js: &Json) -> Result<i32, ToolError> {
    match js.get("version") {
        None => Ok(1),
        Some(v) => as_int(v, "version"),
    }
}

/// `parsePartitionReassignmentData`: entries in file order (duplicates kept, for validation).
pub fn parse_reassignment_json(text: &str) -> Result<Vec<ReassignmentEntry>, ToolError> {
    let js = parse_json(text)?;
    if !js.is_object() {
        return Err(ToolError::new("JsonMappingException", format!("Expected a JSON object but got {js}")));
    }
    let version = version_of(&js)?;
    if version != 1 {
        return Err(ToolError::new("AdminOperationException", format!("Not supported version field value {version}"))
            .at("version"));
    }
    let mut out = Vec::new();
    let Some(parts) = js.get("partitions") else { return Ok(out) };
    let arr = parts.as_array().ok_or_else(|| {
        ToolError::new("JsonMappingException", format!("Expected a JSON array but got {parts}")).at("partitions")
    })?;
    if arr.len() > REASSIGNMENT_ENTRIES_MAX {
        return Err(ToolError::new(
            "AdminOperationException",
            format!("{} partitions; at most {REASSIGNMENT_ENTRIES_MAX} per file", arr.len()),
        )
        .at("partitions"));
    }
    for (i, p) in arr.iter().enumerate() {
        let path = format!("partitions[{i}]");
        let topic_v = field(p, "topic", &path)?;
        let topic = topic_v
            .as_str()
            .ok_or_else(|| {
                ToolError::new("JsonMappingException", format!("Expected a string value but got {topic_v}"))
                    .at(format!("{path}.topic"))
            })?
            .to_string();
        let partition = as_int(field(p, "partition", &path)?, &format!("{path}.partition"))?;
        let replicas_v = field(p, "replicas", &path)?;
        let replicas: Vec<BrokerId> = replicas_v
            .as_array()
            .ok_or_else(|| {
                ToolError::new("JsonMappingException", format!("Expected a JSON array but got {replicas_v}"))
                    .at(format!("{path}.replicas"))
            })?
            .iter()
            .enumerate()
            .map(|(j, r)| as_int(r, &format!("{path}.replicas[{j}]")))
            .collect::<Result<_, _>>()?;
        let tp = TopicPartition::new(topic, partition);
        let log_dirs: Vec<String> = match p.get("log_dirs") {
            None => replicas.iter().map(|_| "any".to_string()).collect(),
            Some(v) => v
                .as_array()
                .ok_or_else(|| {
                    ToolError::new("JsonMappingException", format!("Expected a JSON array but got {v}"))
                        .at(format!("{path}.log_dirs"))
                })?
                .iter()
                .enumerate()
                .map(|(j, d)| {
                    d.as_str().map(str::to_string).ok_or_else(|| {
                        ToolError::new("JsonMappingException", format!("Expected a string value but got {d}"))
                            .at(format!("{path}.log_dirs[{j}]"))
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        if log_dirs.len() != replicas.len() {
            return Err(ToolError::new(
                "AdminCommandFailedException",
                format!(
                    "Size of replicas list {} is different from size of log dirs list {} for partition {tp}",
                    java_list(&replicas),
                    java_list(&log_dirs)
                ),
            )
            .at(format!("{path}.log_dirs")));
        }
        out.push(ReassignmentEntry { partition: tp, replicas, log_dirs });
    }
    Ok(out)
}

/// Java's `List.toString()`: `[1, 2, 3]`.
fn java_list<T: std::fmt::Display>(items: &[T]) -> String {
    format!("[{}]", items.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", "))
}

/// Java's `Set.toString()` of a `HashSet` of small ints (they iterate in ascending order).
fn java_set<T: std::fmt::Display + Ord>(items: &OrdSet<T>) -> String {
    format!("[{}]", items.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", "))
}

/// `parseExecuteAssignmentArgs`: the partition → replicas map and the log-dir moves
/// (`topic-partition@broker` → dir, for entries other than `"any"`).
#[allow(clippy::type_complexity)]
pub fn parse_execute_args(
    text: &str,
) -> Result<(OrdMap<TopicPartition, Vec<BrokerId>>, OrdMap<String, String>), ToolError> {
    let entries = parse_reassignment_json(text)?;
    if entries.is_empty() {
        return Err(ToolError::new("AdminCommandFailedException", "Partition reassignment list cannot be empty")
            .at("partitions"));
    }
    if let Some(i) = entries.iter().position(|e| e.replicas.is_empty()) {
        return Err(ToolError::new("AdminCommandFailedException", "Partition replica list cannot be empty")
            .at(format!("partitions[{i}].replicas")));
    }
    let mut seen = OrdSet::new();
    let mut dups = OrdSet::new();
    for e in &entries {
        if !seen.insert(e.partition.clone()) {
            dups.insert(e.partition.clone());
        }
    }
    if !dups.is_empty() {
        let first = entries.iter().enumerate().filter(|(_, e)| dups.contains(&e.partition)).nth(1).map_or(0, |x| x.0);
        return Err(ToolError::new(
            "AdminCommandFailedException",
            format!(
                "Partition reassignment contains duplicate topic partitions: {}",
                dups.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
            ),
        )
        .at(format!("partitions[{first}]")));
    }
    let mut messages = Vec::new();
    let mut first_bad = None;
    for (i, e) in entries.iter().enumerate() {
        let mut seen = OrdSet::new();
        let dups: OrdSet<BrokerId> = e.replicas.iter().copied().filter(|r| !seen.insert(*r)).collect();
        if !dups.is_empty() {
            first_bad.get_or_insert(i);
            messages.push(format!(
                "{} contains multiple entries for {}",
                e.partition,
                dups.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
            ));
        }
    }
    if let Some(i) = first_bad {
        return Err(ToolError::new(
            "AdminCommandFailedException",
            format!("Partition replica lists may not contain duplicate entries: {}", messages.join(". ")),
        )
        .at(format!("partitions[{i}].replicas")));
    }
    let mut moves = OrdMap::new();
    for e in &entries {
        for (r, d) in e.replicas.iter().zip(&e.log_dirs) {
            if d != "any" {
                moves.insert(format!("{}@{r}", e.partition), d.clone());
            }
        }
    }
    Ok((entries.into_iter().map(|e| (e.partition, e.replicas)).collect(), moves))
}

/// `parseGenerateAssignmentArgs`: the broker list and the topics to move.
pub fn parse_generate_args(topics_json: &str, broker_list: &str) -> Result<(Vec<BrokerId>, Vec<String>), ToolError> {
    let mut brokers = Vec::new();
    for (i, b) in broker_list.split(',').enumerate() {
        let id = b.trim().parse::<i32>().map_err(|_| {
            ToolError::new("NumberFormatException", format!("For input string: \"{b}\""))
                .at(format!("--broker-list entry {}", i + 1))
        })?;
        brokers.push(id);
    }
    let mut seen = OrdSet::new();
    let dups: OrdSet<BrokerId> = brokers.iter().copied().filter(|b| !seen.insert(*b)).collect();
    if !dups.is_empty() {
        return Err(ToolError::new(
            "AdminCommandFailedException",
            format!("Broker list contains duplicate entries: {}", java_set(&dups)),
        )
        .at("--broker-list"));
    }
    let js = parse_json(topics_json)?;
    let version = version_of(&js)?;
    if version != 1 {
        return Err(ToolError::new("AdminOperationException", format!("Not supported version field value {version}"))
            .at("version"));
    }
    let mut topics = Vec::new();
    if let Some(list) = js.get("topics") {
        let arr = list.as_array().ok_or_else(|| {
            ToolError::new("JsonMappingException", format!("Expected a JSON array but got {list}")).at("topics")
        })?;
        for (i, t) in arr.iter().enumerate() {
            let path = format!("topics[{i}]");
            let v = field(t, "topic", &path)?;
            topics.push(
                v.as_str()
                    .ok_or_else(|| {
                        ToolError::new("JsonMappingException", format!("Expected a string value but got {v}"))
                            .at(format!("{path}.topic"))
                    })?
                    .to_string(),
            );
        }
    }
    let mut seen = OrdSet::new();
    let dups: OrdSet<String> = topics.iter().filter(|t| !seen.insert((*t).clone())).cloned().collect();
    if !dups.is_empty() {
        return Err(ToolError::new(
            "AdminCommandFailedException",
            format!("List of topics to reassign contains duplicate entries: {}", java_set(&dups)),
        )
        .at("topics"));
    }
    Ok((brokers, topics))
}

/// `formatAsReassignmentJson`: compact JSON, sorted by topic then partition, `log_dirs` `"any"`
/// unless a move names a directory.
pub fn format_as_reassignment_json(
    parts: &OrdMap<TopicPartition, Vec<BrokerId>>,
    log_dirs: &OrdMap<String, String>,
) -> String {
    let items: Vec<String> = parts
        .iter()
        .map(|(tp, replicas)| {
            let dirs: Vec<String> = replicas
                .iter()
                .map(|r| {
                    let d = log_dirs.get(&format!("{tp}@{r}")).map_or("any", String::as_str);
                    super::json::quote(d)
                })
                .collect();
            format!(
                "{{\"topic\":{},\"partition\":{},\"replicas\":[{}],\"log_dirs\":[{}]}}",
                super::json::quote(&tp.topic),
                tp.partition,
                replicas.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(","),
                dirs.join(",")
            )
        })
        .collect();
    format!("{{\"version\":1,\"partitions\":[{}]}}", items.join(","))
}

/// A partition's replica movement: where data comes from and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionMove {
    pub sources: OrdSet<BrokerId>,
    pub destinations: OrdSet<BrokerId>,
}

/// A reassignment in progress as `listPartitionReassignments` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OngoingReassignment {
    pub replicas: Vec<BrokerId>,
    pub adding: Vec<BrokerId>,
    pub removing: Vec<BrokerId>,
}

/// `calculateProposedMoveMap`: topic → partition → move. Sources are the current replicas (or,
/// when already reassigning, its replicas minus those being added); destinations are the
/// target minus the sources.
pub fn calculate_proposed_move_map(
    ongoing: &OrdMap<TopicPartition, OngoingReassignment>,
    proposed: &OrdMap<TopicPartition, Vec<BrokerId>>,
    current: &OrdMap<TopicPartition, Vec<BrokerId>>,
) -> Result<OrdMap<String, OrdMap<i32, PartitionMove>>, ToolError> {
    let mut map: OrdMap<String, OrdMap<i32, PartitionMove>> = OrdMap::new();
    for (tp, r) in ongoing {
        let sources = r.replicas.iter().copied().filter(|b| !r.adding.contains(b)).collect();
        let destinations = r.adding.iter().copied().collect();
        map.entry(tp.topic.clone()).or_default().insert(tp.partition, PartitionMove { sources, destinations });
    }
    for (tp, replicas) in proposed {
        let moves = map.entry(tp.topic.clone()).or_default();
        let sources: OrdSet<BrokerId> = match moves.get(&tp.partition) {
            Some(m) => m.sources.clone(),
            None => match current.get(tp) {
                Some(c) => c.iter().copied().collect(),
                None => {
                    return Err(ToolError::new(
                        "RuntimeException",
                        format!("Trying to reassign a topic partition {tp} with 0 replicas"),
                    ))
                }
            },
        };
        let destinations = replicas.iter().copied().filter(|b| !sources.contains(b)).collect();
        moves.insert(tp.partition, PartitionMove { sources, destinations });
    }
    Ok(map)
}

/// `leader.replication.throttled.replicas` per topic: every `partition:source`, sorted as
/// strings.
pub fn leader_throttles(moves: &OrdMap<String, OrdMap<i32, PartitionMove>>) -> OrdMap<String, String> {
    moves
        .iter()
        .map(|(topic, parts)| {
            let set: OrdSet<String> =
                parts.iter().flat_map(|(p, m)| m.sources.iter().map(move |s| format!("{p}:{s}"))).collect();
            (topic.clone(), set.into_iter().collect::<Vec<_>>().join(","))
        })
        .collect()
}

/// `follower.replication.throttled.replicas` per topic: every `partition:destination`.
pub fn follower_throttles(moves: &OrdMap<String, OrdMap<i32, PartitionMove>>) -> OrdMap<String, String> {
    moves
        .iter()
        .map(|(topic, parts)| {
            let set: OrdSet<String> = parts
                .iter()
                .flat_map(|(p, m)| {
                    m.destinations.iter().filter(|d| !m.sources.contains(d)).map(move |d| format!("{p}:{d}"))
                })
                .collect();
            (topic.clone(), set.into_iter().collect::<Vec<_>>().join(","))
        })
        .collect()
}

/// The brokers that get `leader/follower.replication.throttled.rate`.
pub fn reassigning_brokers(moves: &OrdMap<String, OrdMap<i32, PartitionMove>>) -> OrdSet<BrokerId> {
    moves.values().flat_map(|p| p.values()).flat_map(|m| m.sources.iter().chain(&m.destinations)).copied().collect()
}

/// `CANNOT_EXECUTE_BECAUSE_OF_EXISTING_MESSAGE`.
pub const CANNOT_EXECUTE_BECAUSE_OF_EXISTING: &str = "Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one. The --additional flag can also be used to change the throttle by resubmitting the current reassignment.";

/// `YOU_MUST_RUN_VERIFY_PERIODICALLY_MESSAGE`.
pub const YOU_MUST_RUN_VERIFY_PERIODICALLY: &str =
    "Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.";

/// What `--verify` found for one partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionReassignmentState {
    pub current: Vec<BrokerId>,
    pub target: Vec<BrokerId>,
    pub done: bool,
}

/// `partitionReassignmentStatesToString`.
pub fn reassignment_states_to_string(states: &OrdMap<TopicPartition, PartitionReassignmentState>) -> String {
    let mut lines = vec!["Status of partition reassignment:".to_string()];
    for (tp, s) in states {
        if s.done {
            if s.current == s.target {
                lines.push(format!("Reassignment of partition {tp} is completed."));
            } else {
                let join = |v: &[BrokerId]| v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",");
                lines.push(format!(
                    "There is no active reassignment of partition {tp}, but replica set is {} rather than {}.",
                    join(&s.current),
                    join(&s.target)
                ));
            }
        } else {
            lines.push(format!("Reassignment of partition {tp} is still in progress."));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field_and_position() {
        let e = parse_reassignment_json(
            "{\"version\":1,\n \"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1,]}]}",
        )
        .unwrap_err();
        assert_eq!((e.line, e.exception), (2, "AdminOperationException"));
        let e = parse_reassignment_json(r#"{"version":1,"partitions":[{"topic":"t","partition":"x","replicas":[1]}]}"#)
            .unwrap_err();
        assert_eq!(e.path, "partitions[0].partition");
        let e = parse_reassignment_json(r#"{"version":1,"partitions":[{"topic":"t","partition":0}]}"#).unwrap_err();
        assert_eq!(e.path, "partitions[0].replicas");
        assert!(e.message.contains("replicas"));
        let e = parse_reassignment_json(r#"{"version":2,"partitions":[]}"#).unwrap_err();
        assert_eq!(e.message, "Not supported version field value 2");
        let e = parse_reassignment_json(
            r#"{"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any"]}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "Size of replicas list [1, 2] is different from size of log dirs list [any] for partition t-0"
        );
        let e = parse_execute_args(r#"{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[]}]}"#)
            .unwrap_err();
        assert_eq!(e.message, "Partition replica list cannot be empty");
        assert!(parse_reassignment_json("[]").is_err());
        assert!(parse_reassignment_json(&" ".repeat(REASSIGNMENT_JSON_BYTES_MAX + 1)).is_err());
    }
}
