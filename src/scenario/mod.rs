//! Running scenarios: `Run` (a scenario's timeline applied to a `Sim`), its history, share
//! links, the headless report, exports and the benchmark scenarios. The file format itself is
//! `format` (re-exported here).
//!
//! Architecture Invariant: imports only `util`, `sim`, `format` and `tools`; nothing of the
//! page and nothing of the browser.

pub mod bench;
pub mod export;
pub mod history;
pub mod report;
mod run;
pub mod share;

pub use crate::format::*;
pub use run::{RejectedStep, Run};
