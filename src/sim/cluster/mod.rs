//! Brokers, replicas, leaders, the ISR and the high watermark; replica placement and partition
//! reassignment as Kafka does them.

pub mod placement;
pub mod reassign;

/// A broker's `node.id`.
pub type BrokerId = i32;
