//! Kafka's command-line tools against a running `Sim`, printing Kafka's text: the console
//! shell (`kafka-topics.sh`, the console producer and consumer, `kafka-consumer-groups.sh`,
//! `kafka-configs.sh`) and `kafka-reassign-partitions.sh`.
//!
//! Architecture Invariant: imports only `sim`, `format` and `util`; never the page, the
//! scenario runner or the browser.

pub mod console;
pub mod reassign;
