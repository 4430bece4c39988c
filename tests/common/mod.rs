//! The native story tests' shared harness: drive a simulation through its own API (commands,
//! `advance_to`, events), never through private fields.
#![allow(dead_code)]

use kafka_playground::sim::{Event, Sim};

/// Run `ms` more simulated milliseconds (in slices of at most 100,000 steps); the events.
pub fn run_for(s: &mut Sim, ms: u64) -> Vec<Event> {
    let mut out = Vec::new();
    let target = s.now_us() + ms * 1000;
    while !s.advance_to(target, 100_000, &mut out).reached {}
    out
}
