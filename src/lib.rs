//! kafka-playground: Apache Kafka (4.x) simulated deterministically; the same core drives the
//! browser playground (wasm32) and the `kafka-playground` command-line tool.
//!
//! Each folder is a layer; a layer imports only the layers listed before it
//! (`tests/layers.rs` checks it, `ARCHITECTURE.md` tells what each may know):
//!
//! `util` ← `sim` ← `format` ← `tools` ← `scenario` ← `i18n` ← `view` ← `app` ← `ui` (wasm32)
//! and `cli` (native).

pub mod app;
pub mod format;
pub mod i18n;
pub mod scenario;
pub mod sim;
pub mod tools;
pub mod util;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;

// The public paths of earlier releases (scenario files, tests and embedders use them).
pub use app::{embed, lessons, presets, travel};
#[cfg(not(target_arch = "wasm32"))]
pub use cli::group_input;
pub use scenario::{bench, export, history, report, share};
pub use tools::{console, reassign as reassign_tool};
pub use util::order;
pub use view as view_model;
