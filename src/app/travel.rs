//! Time travel: the run's timeline (the scenario's steps and the visitor's actions, in the order
//! they apply), checkpoints of the run, and markers for the scrubber. Seeking restores the
//! newest checkpoint at or before the moment and replays deterministically to it; acting at a
//! past moment forks: the visitor's later actions, checkpoints and markers are discarded.

use std::collections::VecDeque;

use crate::scenario::{Run, Scenario, Step};
use crate::sim::cluster::ClusterEvent;
use crate::sim::consumer::ConsumerEvent;
use crate::sim::Event;

/// Most checkpoints kept; past it every other one is dropped and the interval doubles.
pub const CHECKPOINTS_MAX: usize = 40;
/// The first interval between checkpoints, simulated microseconds.
pub const CHECKPOINT_EVERY_US: u64 = 2_000_000;
/// Most markers on the scrubber (oldest dropped).
pub const MARKERS_MAX: usize = 400;
/// Markers of one kind closer than this are drawn as one, ms.
const MARKER_GAP_MS: u64 = 500;
/// Steps per call while replaying to a moment.
const REPLAY_STEPS: usize = 1 << 16;

/// What a marker on the scrubber stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum MarkerKind {
    Commit,
    Crash,
    Rebalance,
    Reset,
    Reassignment,
    /// Something the visitor did.
    Visitor,
}

impl MarkerKind {
    /// A letter for each kind, so colour is never the only signal.
    pub fn letter(self) -> &'static str {
        match self {
            MarkerKind::Commit => "C",
            MarkerKind::Crash => "X",
            MarkerKind::Rebalance => "R",
            MarkerKind::Reset => "O",
            MarkerKind::Reassignment => "M",
            MarkerKind::Visitor => "V",
        }
    }

    /// Which events get a marker.
    pub fn of(e: &Event) -> Option<(u64, MarkerKind)> {
        let kind = match e {
            Event::Consumer { detail, .. } => match detail {
                ConsumerEvent::OffsetCommitted { .. } | ConsumerEvent::GroupOffsetsAltered { .. } => MarkerKind::Commit,
                ConsumerEvent::ConsumerCrashed { .. } | ConsumerEvent::ConsumerFailed { .. } => MarkerKind::Crash,
                ConsumerEvent::RebalanceStarted { .. } => MarkerKind::Rebalance,
                ConsumerEvent::PositionReset { .. } => MarkerKind::Reset,
                _ => return None,
            },
            Event::Cluster { detail, .. } => match detail {
                ClusterEvent::BrokerCrashed { .. } => MarkerKind::Crash,
                ClusterEvent::ReassignmentStarted { .. }
                | ClusterEvent::ReassignmentCompleted { .. }
                | ClusterEvent::ReassignmentCancelled { .. } => MarkerKind::Reassignment,
                _ => return None,
            },
            _ => return None,
        };
        Some((e.time_ms(), kind))
    }
}

/// One marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub at_ms: u64,
    pub kind: MarkerKind,
}

/// The run's history for scrubbing.
#[derive(Debug, Clone)]
pub struct TimeTravel {
    /// Every step in the order it applies; `true` for the visitor's.
    pub timeline: Vec<(Step, bool)>,
    /// Runs at increasing times; the first is the run before anything happened.
    checkpoints: Vec<Run>,
    every_us: u64,
    /// The furthest moment reached.
    pub horizon_us: u64,
    /// Invariant: at most `MARKERS_MAX`, in time order.
    pub markers: VecDeque<Marker>,
}

impl TimeTravel {
    /// Start from a run that has not advanced yet.
    pub fn new(scenario: &Scenario, start: &Run) -> Self {
        Self {
            timeline: scenario.timeline.iter().cloned().map(|s| (s, false)).collect(),
            checkpoints: vec![start.clone()],
            every_us: CHECKPOINT_EVERY_US,
            horizon_us: 0,
            markers: VecDeque::new(),
        }
    }

    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }

    /// After the run advanced: extend the horizon, take a checkpoint if one is due, mark events.
    pub fn observe(&mut self, run: &Run, events: &[Event]) {
        let now = run.sim.now_us();
        let fresh_ms = self.horizon_us / 1000;
        let at_frontier = now >= self.horizon_us;
        for e in events {
            if let Some((at_ms, kind)) = MarkerKind::of(e) {
                if at_frontier && at_ms >= fresh_ms {
                    self.mark(at_ms, kind);
                }
            }
        }
        if at_frontier {
            self.horizon_us = now;
        }
        let last = self.checkpoints.last().map_or(0, |c| c.sim.now_us());
        if now >= last + self.every_us {
            self.checkpoints.push(run.clone());
            if self.checkpoints.len() > CHECKPOINTS_MAX {
                let mut i = 0;
                self.checkpoints.retain(|_| {
                    i += 1;
                    i % 2 == 1
                });
                self.every_us *= 2;
            }
        }
    }

    pub fn mark(&mut self, at_ms: u64, kind: MarkerKind) {
        let near = self.markers.iter().rev().take_while(|m| m.at_ms + MARKER_GAP_MS >= at_ms).any(|m| m.kind == kind);
        if near && kind != MarkerKind::Visitor {
            return;
        }
        if self.markers.len() == MARKERS_MAX {
            self.markers.pop_front();
        }
        self.markers.push_back(Marker { at_ms, kind });
    }

    /// The visitor acts now on `run` (which is at the moment of acting): discard the future if
    /// this is the past, then record the step (already applied by the caller).
    pub fn fork(&mut self, run: &Run) {
        let now = run.sim.now_us();
        if now >= self.horizon_us {
            return;
        }
        let applied = run.applied_steps;
        let mut k = 0;
        self.timeline.retain(|(_, visitor)| {
            k += 1;
            k <= applied || !visitor
        });
        self.checkpoints.retain(|c| c.sim.now_us() <= now);
        while self.markers.back().is_some_and(|m| m.at_ms * 1000 > now) {
            self.markers.pop_back();
        }
        self.horizon_us = now;
    }

    /// Record a visitor's step that the run has just applied.
    pub fn record(&mut self, run: &Run, step: Step) {
        let at = run.applied_steps - 1;
        self.timeline.insert(at.min(self.timeline.len()), (step, true));
        self.mark(run.sim.now_ms(), MarkerKind::Visitor);
        self.horizon_us = self.horizon_us.max(run.sim.now_us());
    }

    /// The run at `t_us` (at most the horizon): the newest checkpoint at or before it, replayed.
    /// Returns the run and the events of the replay.
    pub fn seek(&self, t_us: u64) -> (Run, Vec<Event>) {
        let t_us = t_us.min(self.horizon_us);
        let mut run =
            self.checkpoints.iter().rev().find(|c| c.sim.now_us() <= t_us).unwrap_or(&self.checkpoints[0]).clone();
        run.set_pending(self.timeline[run.applied_steps.min(self.timeline.len())..].iter().map(|(s, _)| s.clone()));
        let mut events = Vec::new();
        while !run.advance(t_us, REPLAY_STEPS, &mut events).reached {}
        (run, events)
    }

    /// The scenario with every step of the timeline (the visitor's included): what a share link
    /// or a saved file carries.
    pub fn scenario(&self, base: &Scenario) -> Scenario {
        let mut s = base.clone();
        s.timeline = self.timeline.iter().map(|(step, _)| step.clone()).collect();
        s
    }
}
