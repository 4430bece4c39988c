//! Consumer groups: the assignors and the `__consumer_offsets` arithmetic.

pub mod assignor;
pub mod java;
