//! `Run`: a scenario's timeline applied to a `Sim`, headless or a frame at a time.

use serde::Serialize;

use crate::format::{Action, Scenario, Step, TIMELINE_STEPS_MAX};
use crate::sim::{Command, Event, Rejected, Sim};

/// A command of the timeline that the simulation refused (the run goes on, as a script
/// calling Kafka's tools would).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RejectedStep {
    pub at_ms: u64,
    pub action: Action,
    pub error: Rejected,
}

/// A scenario being run: the simulation plus the steps not yet applied.
#[derive(Debug, Clone)]
pub struct Run {
    pub sim: Sim,
    pending: std::collections::VecDeque<Step>,
    pub rejected: Vec<RejectedStep>,
    /// What the timeline's `kafka-reassign-partitions.sh` steps printed, with their time.
    /// Invariant: at most `TIMELINE_STEPS_MAX`.
    pub tool_output: Vec<(u64, String)>,
    /// Samples over simulated time (lag, rates, buffers).
    pub history: crate::scenario::history::History,
    /// Timeline steps applied so far (the page's time travel restores a checkpoint and
    /// re-queues the timeline from here).
    pub applied_steps: usize,
}

/// Steps per `advance_to` call when running headless.
const STEPS_PER_CALL: usize = 1 << 16;

impl Run {
    /// Start a scenario with the given seed (the scenario's own when `None`).
    pub fn start(scenario: &Scenario, seed: Option<u64>) -> Result<(Self, Vec<Event>), Rejected> {
        let mut sim = Sim::new(scenario.sim.clone(), seed.unwrap_or(scenario.seed))?;
        let mut events = Vec::new();
        sim.configure_group_coordinator(
            scenario.initial_rebalance_delay_ms,
            scenario.offsets_topic_partitions,
            scenario.offsets_retention_minutes,
            scenario.offsets_retention_check_interval_ms,
        );
        for spec in &scenario.producers {
            events.extend(sim.apply(Command::AddProducer { spec: spec.clone() })?);
        }
        for spec in &scenario.consumers {
            events.extend(sim.apply(Command::AddConsumer { spec: spec.clone() })?);
        }
        if let Some(p) = scenario.push {
            sim.apply(Command::SetPushComparison { config: Some(p) })?;
        }
        Ok((
            Self {
                sim,
                pending: scenario.timeline.iter().cloned().collect(),
                rejected: Vec::new(),
                tool_output: Vec::new(),
                history: crate::scenario::history::History::new((scenario.until_ms / 200).clamp(100, 60_000), 240),
                applied_steps: 0,
            },
            events,
        ))
    }

    /// Run until `until_ms`, applying timeline steps on time. `sink` sees every event.
    pub fn run_until(&mut self, until_ms: u64, sink: &mut dyn FnMut(&Event)) {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let progress = self.advance(until_ms * 1000, STEPS_PER_CALL, &mut buf);
            buf.iter().for_each(&mut *sink);
            if progress.reached {
                return;
            }
        }
    }

    /// Advance toward `until_us` with at most `max_steps` simulation steps, applying the
    /// timeline steps that fall due on the way (the page calls this once per frame).
    pub fn advance(&mut self, until_us: u64, max_steps: usize, out: &mut Vec<Event>) -> crate::sim::Progress {
        let mut steps = 0;
        loop {
            self.history.maybe_sample(&self.sim);
            let next_step_us = self.pending.front().map(|s| s.at_ms * 1000).filter(|&t| t <= until_us);
            let next_sample_us = (self.history.next_ms * 1000).min(until_us);
            let target = next_step_us.unwrap_or(until_us).min(next_sample_us);
            let from = out.len();
            let progress = self.sim.advance_to(target, max_steps - steps, out);
            self.history.observe(&out[from..]);
            steps += progress.steps;
            if !progress.reached {
                return crate::sim::Progress { reached: false, steps };
            }
            if target < next_step_us.unwrap_or(until_us) {
                continue; // a sample was due
            }
            if next_step_us.is_none() {
                self.history.maybe_sample(&self.sim);
                return crate::sim::Progress { reached: true, steps };
            }
            self.apply_next_step(out);
        }
    }

    /// Run until at least one event happens (a timeline step counts), but not past
    /// `horizon_us`.
    pub fn step_event(&mut self, horizon_us: u64) -> Vec<Event> {
        loop {
            let step_us = self.pending.front().map(|s| s.at_ms * 1000).filter(|&t| t <= horizon_us);
            let mut out = self.sim.step_event(step_us.unwrap_or(horizon_us));
            if !out.is_empty() || step_us.is_none() {
                return out;
            }
            self.apply_next_step(&mut out);
            if !out.is_empty() {
                return out;
            }
        }
    }

    /// The timeline steps not yet applied.
    pub fn pending_steps(&self) -> usize {
        self.pending.len()
    }

    /// Replace the steps still to apply (they must all be due at or after now).
    pub fn set_pending(&mut self, steps: impl IntoIterator<Item = Step>) {
        self.pending = steps.into_iter().collect();
    }

    /// Apply a step now (the visitor's action, at the current time). Returns whether the
    /// simulation took it (else it is in `rejected`).
    pub fn apply_now(&mut self, action: Action, out: &mut Vec<Event>) -> bool {
        let rejected = self.rejected.len();
        self.pending.push_front(Step { at_ms: self.sim.now_ms(), action });
        self.apply_next_step(out);
        self.rejected.len() == rejected
    }

    fn apply_next_step(&mut self, out: &mut Vec<Event>) {
        let Some(step) = self.pending.pop_front() else { return };
        self.applied_steps += 1;
        let tool = match &step.action {
            Action::ExecuteReassignment { json, throttle, additional } => {
                Some(crate::tools::reassign::execute(&mut self.sim, json, *throttle, *additional))
            }
            Action::VerifyReassignment { json } => Some(crate::tools::reassign::verify(&mut self.sim, json, false)),
            Action::Console(replay) => {
                let o = crate::tools::console::Console::replay(&mut self.sim, replay);
                out.extend(o.events);
                if self.tool_output.len() == TIMELINE_STEPS_MAX {
                    self.tool_output.remove(0);
                }
                self.tool_output.push((step.at_ms, format!("$ {}\n{}", replay.line, o.output)));
                if o.error {
                    self.rejected.push(RejectedStep {
                        at_ms: step.at_ms,
                        action: step.action.clone(),
                        error: Rejected::ToolFailed { output: o.output.trim().to_string() },
                    });
                }
                return;
            }
            Action::CancelReassignment { json } => Some(crate::tools::reassign::cancel(&mut self.sim, json, false)),
            _ => None,
        };
        if let Some(result) = tool {
            match result {
                Ok(run) => {
                    out.extend(run.events);
                    if self.tool_output.len() == TIMELINE_STEPS_MAX {
                        self.tool_output.remove(0);
                    }
                    self.tool_output.push((step.at_ms, run.output));
                }
                Err(e) => self.rejected.push(RejectedStep {
                    at_ms: step.at_ms,
                    action: step.action,
                    error: Rejected::Cluster {
                        error: crate::sim::cluster::ClusterError::InvalidReplicas { message: e.to_string() },
                    },
                }),
            }
            return;
        }
        match self.command_for(&step.action).and_then(|cmd| self.sim.apply(cmd)) {
            Ok(events) => out.extend(events),
            Err(error) => self.rejected.push(RejectedStep { at_ms: step.at_ms, action: step.action, error }),
        }
    }

    /// The timeline step for a command (by `client.id` where a scenario names clients): the
    /// inverse of `command_for`, kept beside it. `None` for commands a timeline has no step for.
    pub fn step_for(&self, cmd: &Command) -> Option<Action> {
        use Action as A;
        let producer = |id: u32| {
            let options = crate::sim::SnapshotOptions { recent_records: 0, key_counts: false };
            self.sim.snapshot(options).producers.into_iter().find(|p| p.id == id).map(|p| p.spec.client_id)
        };
        let consumer = |id: u32| self.sim.consumers().consumers.get(&id).map(|c| c.spec.client_id.clone());
        Some(match cmd {
            Command::AddProducer { spec } => A::AddProducer(spec.clone()),
            Command::UpdateProducer { spec, .. } => A::UpdateProducer(spec.clone()),
            Command::RemoveProducer { producer: id } => A::RemoveProducer(producer(*id)?),
            Command::AlterPartitions { partitions } => A::AlterPartitions(*partitions),
            Command::CreateTopic { spec } => A::CreateTopic(spec.clone()),
            Command::DeleteTopic { topic } => A::DeleteTopic(topic.clone()),
            Command::AlterTopicPartitions { topic, partitions } => {
                A::AlterTopicPartitions { topic: topic.clone(), partitions: *partitions }
            }
            Command::AddConsumer { spec } => A::AddConsumer(spec.clone()),
            Command::CrashConsumer { consumer: id } => A::CrashConsumer(consumer(*id)?),
            Command::RestartConsumer { consumer: id } => A::RestartConsumer(consumer(*id)?),
            Command::CloseConsumer { consumer: id } => A::CloseConsumer(consumer(*id)?),
            Command::StopBroker { broker } => A::StopBroker(*broker),
            Command::CrashBroker { broker } => A::CrashBroker(*broker),
            Command::RestartBroker { broker } => A::RestartBroker(*broker),
            Command::AddBroker { broker, rack } => A::AddBroker { id: *broker, rack: rack.clone() },
            Command::RemoveBroker { broker } => A::RemoveBroker(*broker),
            Command::SetProduceLimit { bytes_per_s } => A::SetProduceLimit(*bytes_per_s),
            Command::SetPushComparison { config } => A::SetPush(*config),
            _ => return None,
        })
    }

    fn command_for(&self, action: &Action) -> Result<Command, Rejected> {
        let find = |client_id: &str| {
            self.sim
                .snapshot(crate::sim::SnapshotOptions { recent_records: 0, key_counts: false })
                .producers
                .iter()
                .find(|p| p.spec.client_id == client_id && p.state == crate::sim::producer::ProducerState::Running)
                .map(|p| p.id)
                .ok_or_else(|| Rejected::UnknownClient {
                    kind: crate::sim::ClientKind::Producer,
                    client_id: client_id.to_string(),
                })
        };
        let consumer = |client_id: &str| {
            self.sim.consumers().consumers.values().find(|c| c.spec.client_id == client_id).map(|c| c.id).ok_or_else(
                || Rejected::UnknownClient { kind: crate::sim::ClientKind::Consumer, client_id: client_id.to_string() },
            )
        };
        Ok(match action {
            Action::AddConsumer(spec) => Command::AddConsumer { spec: spec.clone() },
            Action::CrashConsumer(id) => Command::CrashConsumer { consumer: consumer(id)? },
            Action::RestartConsumer(id) => Command::RestartConsumer { consumer: consumer(id)? },
            Action::CloseConsumer(id) => Command::CloseConsumer { consumer: consumer(id)? },
            Action::AlterPartitions(n) => Command::AlterPartitions { partitions: *n },
            Action::CreateTopic(spec) => Command::CreateTopic { spec: spec.clone() },
            Action::DeleteTopic(topic) => Command::DeleteTopic { topic: topic.clone() },
            Action::AlterTopicPartitions { topic, partitions } => {
                Command::AlterTopicPartitions { topic: topic.clone(), partitions: *partitions }
            }
            Action::AddProducer(spec) => Command::AddProducer { spec: spec.clone() },
            Action::UpdateProducer(spec) => {
                Command::UpdateProducer { producer: find(&spec.client_id)?, spec: spec.clone() }
            }
            Action::RemoveProducer(id) => Command::RemoveProducer { producer: find(id)? },
            Action::StopBroker(b) => Command::StopBroker { broker: *b },
            Action::CrashBroker(b) => Command::CrashBroker { broker: *b },
            Action::RestartBroker(b) => Command::RestartBroker { broker: *b },
            Action::AddBroker { id, rack } => Command::AddBroker { broker: *id, rack: rack.clone() },
            Action::RemoveBroker(b) => Command::RemoveBroker { broker: *b },
            Action::SetProduceLimit(b) => Command::SetProduceLimit { bytes_per_s: *b },
            Action::SetPush(config) => Command::SetPushComparison { config: *config },
            Action::ExecuteReassignment { .. }
            | Action::Console(_)
            | Action::VerifyReassignment { .. }
            | Action::CancelReassignment { .. } => {
                unreachable!("tool steps are applied by apply_next_step")
            }
        })
    }
}
