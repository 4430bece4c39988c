//! `kafka-reassign-partitions.sh` against the simulated cluster: `--generate`, `--execute`,
//! `--verify`, `--cancel` and `--list`, printing what Kafka 4.0's tool prints. The command line
//! and the page both call these.

use crate::util::ordmap::{OrdMap, OrdSet};

use crate::sim::cluster::placement::{assign_replicas_to_brokers, BrokerMetadata};
use crate::sim::cluster::reassign::{
    calculate_proposed_move_map, follower_throttles, format_as_reassignment_json, leader_throttles, parse_execute_args,
    parse_generate_args, parse_reassignment_json, reassigning_brokers, reassignment_states_to_string,
    OngoingReassignment, PartitionReassignmentState, ToolError, TopicPartition, CANNOT_EXECUTE_BECAUSE_OF_EXISTING,
    YOU_MUST_RUN_VERIFY_PERIODICALLY,
};
use crate::sim::cluster::BrokerId;
use crate::sim::{Command, Event, Sim};

/// The tool's actions (`--generate`, `--execute`, `--verify`, `--cancel`, `--list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReassignAction {
    Generate,
    Execute,
    Verify,
    Cancel,
    List,
}

impl ReassignAction {
    pub const ALL: [ReassignAction; 5] = [
        ReassignAction::Generate,
        ReassignAction::Execute,
        ReassignAction::Verify,
        ReassignAction::Cancel,
        ReassignAction::List,
    ];

    /// The action's option without its dashes.
    pub fn name(self) -> &'static str {
        match self {
            ReassignAction::Generate => "generate",
            ReassignAction::Execute => "execute",
            ReassignAction::Verify => "verify",
            ReassignAction::Cancel => "cancel",
            ReassignAction::List => "list",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// The file the page's editor is saved as for `--reassignment-json-file`.
pub const REASSIGNMENT_FILE: &str = "reassignment.json";
/// The file `--generate` reads its topics from.
pub const TOPICS_FILE: &str = "topics.json";
/// Where the console saves a `--generate` proposal.
pub const PROPOSAL_FILE: &str = "proposed.json";

/// A run of the tool as the page's form asks for it; the options the visitor types stay text
/// (the tool checks them with Kafka's messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassignRequest<'a> {
    pub action: ReassignAction,
    pub broker_list: &'a str,
    pub throttle: &'a str,
    pub additional: bool,
}

impl ReassignRequest<'_> {
    /// Kafka's command line for the request, reading `REASSIGNMENT_FILE` and `TOPICS_FILE`.
    pub fn command_line(&self, bootstrap: &str) -> String {
        let base = format!("kafka-reassign-partitions.sh --bootstrap-server {bootstrap}");
        match self.action {
            ReassignAction::Generate => format!(
                "{base} --generate --topics-to-move-json-file {TOPICS_FILE} --broker-list {}",
                self.broker_list.trim()
            ),
            ReassignAction::Execute => {
                let throttle = self.throttle.trim();
                let t = if throttle.is_empty() { String::new() } else { format!(" --throttle {throttle}") };
                let a = if self.additional { " --additional" } else { "" };
                format!("{base} --execute --reassignment-json-file {REASSIGNMENT_FILE}{t}{a}")
            }
            ReassignAction::Verify | ReassignAction::Cancel => {
                format!("{base} --{} --reassignment-json-file {REASSIGNMENT_FILE}", self.action.name())
            }
            ReassignAction::List => format!("{base} --list"),
        }
    }
}

/// The topics file `--generate` reads: one topic.
pub fn topics_to_move_json(topic: &str) -> String {
    topics_to_move_json_of(&[topic.to_string()])
}

/// The topics file `--generate` reads, for several topics.
pub fn topics_to_move_json_of(topics: &[String]) -> String {
    let list: Vec<String> =
        topics.iter().map(|t| format!("{{\"topic\":{}}}", crate::sim::cluster::json::quote(t))).collect();
    format!("{{\"topics\":[{}],\"version\":1}}", list.join(","))
}

/// What a tool run printed, and what it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolRun {
    pub output: String,
    pub events: Vec<Event>,
}

fn err(exception: &'static str, message: impl Into<String>) -> ToolError {
    ToolError { exception, message: message.into(), path: String::new(), line: 0, column: 0 }
}

/// The current replicas of every topic's partitions.
fn current_assignment(sim: &Sim) -> OrdMap<TopicPartition, Vec<BrokerId>> {
    sim.topics()
        .iter()
        .flat_map(|t| t.slots.iter().enumerate().map(move |(i, s)| (t, i, *s)))
        .map(|(t, i, slot)| {
            // During a reassignment describeTopics shows the full replica set.
            (TopicPartition::new(t.name.clone(), i as i32), sim.cluster().partitions[slot as usize].replicas.clone())
        })
        .collect()
}

/// A slot as the tool names it.
fn topic_partition(sim: &Sim, slot: u32) -> TopicPartition {
    let (t, p) = sim.topics().owner(slot).unwrap_or((&sim.config().topic, slot));
    TopicPartition::new(t.to_string(), p as i32)
}

fn ongoing(sim: &Sim) -> OrdMap<TopicPartition, OngoingReassignment> {
    sim.cluster
        .ongoing()
        .into_iter()
        .map(|(p, r)| {
            (
                topic_partition(sim, p),
                OngoingReassignment {
                    replicas: sim.cluster().partitions[p as usize].replicas.clone(),
                    adding: r.replicas.adding.clone(),
                    removing: r.replicas.removing.clone(),
                },
            )
        })
        .collect()
}

/// `--generate`: the current assignment of the topics and a proposal over the broker list
/// (`AdminUtils.assignReplicasToBrokers`, random start index from the simulation's RNG).
pub fn generate(
    sim: &mut Sim,
    topics_json: &str,
    broker_list: &str,
    disable_rack_aware: bool,
) -> Result<ToolRun, ToolError> {
    let (brokers, topics) = parse_generate_args(topics_json, broker_list)?;
    if let Some(t) = topics.iter().find(|t| sim.topics().get(t).is_none()) {
        return Err(err("UnknownTopicOrPartitionException", format!("Topic {t} not found.")));
    }
    let current: OrdMap<TopicPartition, Vec<BrokerId>> =
        current_assignment(sim).into_iter().filter(|(tp, _)| topics.contains(&tp.topic)).collect();
    let wanted: OrdSet<BrokerId> = brokers.iter().copied().collect();
    let metas: Vec<BrokerMetadata> = sim
        .cluster
        .brokers
        .values()
        .filter(|b| wanted.contains(&b.id))
        .map(|b| BrokerMetadata { id: b.id, rack: if disable_rack_aware { None } else { b.rack.clone() } })
        .collect();
    let rackless = metas.iter().filter(|m| m.rack.is_none()).count();
    if !disable_rack_aware && rackless != 0 && rackless != metas.len() {
        return Err(err(
            "AdminOperationException",
            "Not all brokers have rack information. Add --disable-rack-aware in command line to make replica assignment without rack information.",
        ));
    }
    // `calculateAssignment`: topic by topic in `HashMap` order, each placed on its own.
    let mut names: Vec<&str> = current.keys().map(|tp| tp.topic.as_str()).collect();
    names.dedup();
    let hashes: Vec<i32> = names.iter().map(|t| crate::sim::group::java::string_hash_code(t)).collect();
    let mut proposed = OrdMap::new();
    for i in crate::sim::group::java::hash_map_order(&hashes) {
        let topic = names[i];
        let of_topic: Vec<&Vec<BrokerId>> =
            current.iter().filter(|(tp, _)| tp.topic == topic).map(|(_, r)| r).collect();
        let rf = of_topic.first().map_or(1, |r| r.len()) as i32;
        let assignment = assign_replicas_to_brokers(&metas, of_topic.len() as i32, rf, -1, -1, &mut |bound| {
            sim.draw_below(bound as u64) as i32
        })
        .map_err(|e| err(e.exception, e.message))?;
        for (p, r) in assignment {
            proposed.insert(TopicPartition::new(topic.to_string(), p), r);
        }
    }
    let none = OrdMap::new();
    let output = format!(
        "Current partition replica assignment\n{}\n\nProposed partition reassignment configuration\n{}\n",
        format_as_reassignment_json(&current, &none),
        format_as_reassignment_json(&proposed, &none)
    );
    Ok(ToolRun { output, events: Vec::new() })
}

/// The proposal `--generate` would make for moving everything off one broker (for
/// decommissioning): all other brokers as the broker list.
pub fn plan_without(sim: &mut Sim, broker: BrokerId) -> Result<String, ToolError> {
    let others: Vec<String> = sim.cluster().brokers.keys().filter(|b| **b != broker).map(|b| b.to_string()).collect();
    let names: Vec<String> = sim.topics().names().map(str::to_string).collect();
    let run = generate(sim, &topics_to_move_json_of(&names), &others.join(","), true)?;
    Ok(run.output.split("Proposed partition reassignment configuration\n").nth(1).unwrap_or("").trim().to_string())
}

/// `--execute [--throttle N] [--additional]`.
pub fn execute(sim: &mut Sim, json: &str, throttle: Option<i64>, additional: bool) -> Result<ToolRun, ToolError> {
    let (proposed, moves) = parse_execute_args(json)?;
    if let Some(m) = moves.keys().next() {
        return Err(err(
            "AdminCommandFailedException",
            format!("log_dirs: each simulated broker has one log directory; use \"any\" ({m})"),
        ));
    }
    let current_reassignments = ongoing(sim);
    if !additional && !current_reassignments.is_empty() {
        return Err(err("TerseException", CANNOT_EXECUTE_BECAUSE_OF_EXISTING));
    }
    let mut brokers = OrdSet::new();
    for r in proposed.values() {
        brokers.extend(r.iter().copied());
    }
    if let Some(b) = brokers.iter().find(|b| !sim.cluster().brokers.contains_key(b)) {
        return Err(err("AdminCommandFailedException", format!("Unknown broker id {b}")));
    }
    let all = current_assignment(sim);
    let missing: Vec<String> = proposed.keys().filter(|tp| !all.contains_key(tp)).map(|tp| tp.to_string()).collect();
    if !missing.is_empty() {
        return Err(err(
            "UnknownTopicOrPartitionException",
            format!("Unable to find partition: {}", missing.join(", ")),
        ));
    }
    let current: OrdMap<TopicPartition, Vec<BrokerId>> =
        all.into_iter().filter(|(tp, _)| proposed.contains_key(tp)).collect();
    let mut output = format!(
        "Current partition replica assignment\n\n{}\n\nSave this to use as the --reassignment-json-file option during rollback\n",
        format_as_reassignment_json(&current, &OrdMap::new())
    );
    let mut events = Vec::new();
    if let Some(rate) = throttle.filter(|t| *t >= 0) {
        output.push_str(YOU_MUST_RUN_VERIFY_PERIODICALLY);
        output.push('\n');
        let move_map = calculate_proposed_move_map(&current_reassignments, &proposed, &current)?;
        // The topic configs name partitions within each topic; the cluster keeps slots.
        let pairs = |m: &OrdMap<String, String>| -> Vec<(u32, BrokerId)> {
            m.iter()
                .flat_map(|(t, v)| v.split(',').filter(|x| !x.is_empty()).map(move |x| (t, x)))
                .filter_map(|(t, x)| x.split_once(':').map(|(p, b)| (t, p, b)))
                .filter_map(|(t, p, b)| Some((sim.slot(t, p.parse().ok()?)?, b.parse().ok()?)))
                .collect()
        };
        let cmd = Command::SetReplicationThrottles {
            leader: pairs(&leader_throttles(&move_map)),
            follower: pairs(&follower_throttles(&move_map)),
            brokers: reassigning_brokers(&move_map).into_iter().collect(),
            rate: rate as u64,
        };
        events.extend(sim.apply(cmd).map_err(|e| err("AdminCommandFailedException", e.to_string()))?);
        output.push_str(&format!("The inter-broker throttle limit was set to {rate} B/s\n"));
    }
    let targets = proposed
        .iter()
        .filter_map(|(tp, r)| Some((sim.slot(&tp.topic, u32::try_from(tp.partition).ok()?)?, Some(r.clone()))))
        .collect();
    match sim.apply(Command::AlterPartitionReassignments { targets }) {
        Ok(e) => events.extend(e),
        Err(e) => {
            return Err(err("TerseException", format!("Error reassigning partition(s):\n{e}")));
        }
    }
    output.push_str(&format!(
        "Successfully started partition reassignment{} for {}\n",
        if proposed.len() == 1 { "" } else { "s" },
        proposed.keys().map(|tp| tp.to_string()).collect::<Vec<_>>().join(",")
    ));
    Ok(ToolRun { output, events })
}

fn clear_all_throttles(sim: &mut Sim, targets: &[(TopicPartition, Vec<BrokerId>)], output: &mut String) -> Vec<Event> {
    let mut brokers: OrdSet<BrokerId> = sim.cluster().brokers.keys().copied().collect();
    for (_, r) in targets {
        brokers.extend(r.iter().copied());
    }
    output.push_str(&format!(
        "Clearing broker-level throttles on broker{} {}\n",
        if brokers.len() == 1 { "" } else { "s" },
        brokers.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")
    ));
    let topics: OrdSet<&str> = targets.iter().map(|(tp, _)| tp.topic.as_str()).collect();
    output.push_str(&format!(
        "Clearing topic-level throttles on topic{} {}\n",
        if topics.len() == 1 { "" } else { "s" },
        topics.into_iter().collect::<Vec<_>>().join(",")
    ));
    sim.apply(Command::ClearReplicationThrottles).unwrap_or_default()
}

/// The state of each listed partition, and whether any reassignment is running in the cluster.
pub fn partition_states(
    sim: &Sim,
    targets: &[(TopicPartition, Vec<BrokerId>)],
) -> (OrdMap<TopicPartition, PartitionReassignmentState>, bool) {
    let running = ongoing(sim);
    let all = current_assignment(sim);
    let states = targets
        .iter()
        .map(|(tp, target)| {
            let state = match running.get(tp) {
                Some(r) => {
                    PartitionReassignmentState { current: r.replicas.clone(), target: target.clone(), done: false }
                }
                None => PartitionReassignmentState {
                    current: all.get(tp).cloned().unwrap_or_default(),
                    target: target.clone(),
                    done: true,
                },
            };
            (tp.clone(), state)
        })
        .collect();
    (states, !running.is_empty())
}

/// `--verify [--preserve-throttles]`.
pub fn verify(sim: &mut Sim, json: &str, preserve_throttles: bool) -> Result<ToolRun, ToolError> {
    let entries = parse_reassignment_json(json)?;
    let targets: Vec<(TopicPartition, Vec<BrokerId>)> =
        entries.into_iter().map(|e| (e.partition, e.replicas)).collect();
    let (states, ongoing) = partition_states(sim, &targets);
    let mut output = reassignment_states_to_string(&states);
    output.push('\n');
    // The (empty) log-directory move report.
    output.push('\n');
    let mut events = Vec::new();
    if !ongoing && !preserve_throttles {
        events = clear_all_throttles(sim, &targets, &mut output);
    }
    Ok(ToolRun { output, events })
}

/// `--cancel [--preserve-throttles]`.
pub fn cancel(sim: &mut Sim, json: &str, preserve_throttles: bool) -> Result<ToolRun, ToolError> {
    let entries = parse_reassignment_json(json)?;
    let targets: Vec<(TopicPartition, Vec<BrokerId>)> =
        entries.into_iter().map(|e| (e.partition, e.replicas)).collect();
    let running = ongoing(sim);
    let cancel: Vec<TopicPartition> = targets
        .iter()
        .filter_map(|(tp, _)| {
            running.get(tp).filter(|r| r.adding.is_empty() || !r.removing.is_empty()).map(|_| tp.clone())
        })
        .collect::<OrdSet<_>>()
        .into_iter()
        .collect();
    let mut output = String::new();
    let mut events = Vec::new();
    if cancel.is_empty() {
        output.push_str("None of the specified partition reassignments are active.\n");
    } else {
        let cmd = Command::AlterPartitionReassignments {
            targets: cancel.iter().map(|tp| (tp.partition as u32, None)).collect(),
        };
        events.extend(
            sim.apply(cmd)
                .map_err(|e| err("TerseException", format!("Error cancelling partition reassignment: {e}")))?,
        );
        output.push_str(&format!(
            "Successfully cancelled partition reassignment{} for: {}\n",
            if cancel.len() == 1 { "" } else { "s" },
            cancel.iter().map(|tp| tp.to_string()).collect::<Vec<_>>().join(",")
        ));
    }
    // Kafka prints this without a newline.
    output.push_str("None of the specified partition moves are active.");
    if !preserve_throttles {
        output.push('\n');
        events.extend(clear_all_throttles(sim, &targets, &mut output));
    }
    Ok(ToolRun { output, events })
}

/// `--list`.
pub fn list(sim: &Sim) -> String {
    let running = ongoing(sim);
    if running.is_empty() {
        return "No partition reassignments found.\n".into();
    }
    let join = |v: &[BrokerId]| v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",");
    let lines: Vec<String> = running
        .iter()
        .map(|(tp, r)| {
            format!(
                "{tp}: replicas: {}.{}{}",
                join(&r.replicas),
                if r.adding.is_empty() { String::new() } else { format!(" adding: {}.", join(&r.adding)) },
                if r.removing.is_empty() { String::new() } else { format!(" removing: {}.", join(&r.removing)) }
            )
        })
        .collect();
    format!("Current partition reassignments:\n{}\n", lines.join("\n"))
}

/// The seed's example (topic `test1`, six brokers): partition 0 from 1,2,3 to 4,5,6 and
/// partition 1 from 4,5,6 to 1,2,3.
pub const SEED_REASSIGNMENT_JSON: &str = r#"{"version": 1,
 "partitions": [
  {"topic": "test1", "partition": 0, "replicas": [4, 5, 6]},
  {"topic": "test1", "partition": 1, "replicas": [1, 2, 3]}
 ]}"#;

/// Why a replica dragged on the stage cannot be drafted there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftRefusal {
    /// Dropped on the broker it is already on.
    SameBroker,
    /// The target broker already holds a replica of that partition (Kafka rejects duplicate
    /// replicas: `ReassignPartitionsCommand.validateReplicas`).
    AlreadyReplica,
    /// No such broker, no such replica, or a deleted topic's partition.
    Unknown,
}

/// The reassignment JSON a drag on the stage drafts: the replica of `slot` moved from broker
/// `from` to broker `to` (same place in the replica list, so the preferred leader stays first
/// when it is not the one moved), on top of the moves already `drafted` (by slot). Kafka's
/// format (`ReassignPartitionsCommand.formatAsReassignmentJson`); nothing runs until
/// `--execute`.
pub fn draft_move(
    sim: &Sim,
    drafted: &mut OrdMap<u32, Vec<BrokerId>>,
    slot: u32,
    from: BrokerId,
    to: BrokerId,
) -> Result<String, DraftRefusal> {
    if from == to {
        return Err(DraftRefusal::SameBroker);
    }
    if !sim.cluster().brokers.contains_key(&to) || sim.topics().owner(slot).is_none() {
        return Err(DraftRefusal::Unknown);
    }
    let current = sim.cluster().partitions.get(slot as usize).ok_or(DraftRefusal::Unknown)?;
    let mut replicas = drafted.get(&slot).cloned().unwrap_or_else(|| match &current.reassignment {
        // Mid-reassignment, the target is the replica set being built.
        Some(r) => r.target.clone(),
        None => current.replicas.clone(),
    });
    if replicas.contains(&to) {
        return Err(DraftRefusal::AlreadyReplica);
    }
    let at = replicas.iter().position(|b| *b == from).ok_or(DraftRefusal::Unknown)?;
    replicas[at] = to;
    drafted.insert(slot, replicas);
    let parts: OrdMap<TopicPartition, Vec<BrokerId>> =
        drafted.iter().map(|(s, r)| (topic_partition(sim, *s), r.clone())).collect();
    Ok(format_as_reassignment_json(&parts, &OrdMap::new()))
}
