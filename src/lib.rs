//! kafka-playground: Apache Kafka's producer, log and partitioner behaviour, simulated
//! deterministically; the same core drives the browser playground (wasm32) and the
//! `kafka-playground` command-line tool.
//!
//! Architecture Invariant: `util` imports nothing of the crate, `sim` nothing but `util`
//! (`tests/layers.rs`); `sim`, `scenario`, `report`, `i18n` and `view_model` import nothing
//! from the browser; only `ui` (compiled for wasm32 only) does; `cli` and `group_input` are
//! compiled natively only.

pub mod app;
pub mod bench;
pub mod console;
pub mod embed;
pub mod export;
pub mod history;
pub mod i18n;
pub mod lessons;
pub mod presets;
pub mod reassign_tool;
pub mod report;
pub mod scenario;
pub mod share;
pub mod sim;
pub mod travel;
pub mod util;
pub mod view_model;

/// The one sort (kept at its old path).
pub use util::order;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
/// The `assign` command's JSON input (the command-line tool only).
#[cfg(not(target_arch = "wasm32"))]
pub mod group_input;

#[cfg(target_arch = "wasm32")]
pub mod ui;
