//! Consumer groups: the classic group coordinator, `__consumer_offsets`, the describe table,
//! the assignors and the Java arithmetic they depend on.

pub mod assignor;
pub mod coordinator;
pub mod describe;
pub mod java;
pub mod offsets;
mod sticky_general;
