//! The page's opening scenario and the seed's reassignment scenario.

use super::*;
use crate::sim::config::{KeyMode, RateMode};
use crate::sim::consumer::OffsetReset;

/// The opening scenario built directly (the page uses this, so the browser bundle needs no JSON
/// parser); a test checks it equals `parse(DEFAULT_SCENARIO)`.
pub fn playground_default() -> Scenario {
    let producer = |id: &str, rate: f64, keys: KeyMode| {
        let mut p = ProducerSpec::new(id, rate, keys);
        p.metadata_max_age_ms = 5_000;
        p
    };
    let mut p2 = producer("producer-2", 3.0, KeyMode::None);
    p2.batch_size = 512;
    let mut p3 = producer("producer-3", 8.0, KeyMode::Random);
    p3.rate_mode = RateMode::Bursty { burst_ms: 1_500, idle_ms: 3_000 };
    let consumer = |id: &str| {
        let mut c = ConsumerSpec::new(id, "orders-app");
        c.auto_offset_reset = OffsetReset::Earliest;
        c.session_timeout_ms = 10_000;
        c.metadata_max_age_ms = 5_000;
        c.processing_ms_min = 20;
        c.processing_ms_max = 80;
        c
    };
    Scenario {
        seed: 42,
        until_ms: 10_000,
        sim: SimConfig { topic: "orders".into(), partitions: 6, network_latency_us: 2_000, ..SimConfig::default() },
        producers: vec![producer("producer-1", 5.0, KeyMode::Fixed { count: 6, prefix: "user-".into() }), p2, p3],
        consumers: vec![consumer("consumer-1"), consumer("consumer-2")],
        initial_rebalance_delay_ms: 3_000,
        offsets_topic_partitions: 50,
        offsets_retention_minutes: 10_080,
        offsets_retention_check_interval_ms: 600_000,
        push: None,
        timeline: Vec::new(),
    }
}

/// The seed's reassignment: six brokers, topic `test1` with partition 0 on brokers 1,2,3 and
/// partition 1 on 4,5,6 (replication factor 3); a producer and a consumer group keep working
/// while `kafka-reassign-partitions.sh --execute` moves the partitions at 10 s (throttled to
/// 1 MB/s) and `--verify` runs at 40 s.
pub const SEED_REASSIGNMENT_SCENARIO: &str = r#"{
  "version": 1,
  "seed": 42,
  "until.ms": 45000,
  "topic": { "name": "test1", "partitions": 2, "replica.assignment": [[1, 2, 3], [4, 5, 6]],
             "min.insync.replicas": 2 },
  "cluster": { "brokers": [1, 2, 3, 4, 5, 6] },
  "producers": [
    { "client.id": "producer-1", "rate": { "records.per.sec": 200 }, "value.bytes": 1000,
      "keys": { "mode": "fixed", "count": 8, "prefix": "user-" } }
  ],
  "consumers": [
    { "client.id": "consumer-1", "group.id": "test1-app", "auto.offset.reset": "earliest",
      "session.timeout.ms": 10000 }
  ],
  "timeline": [
    { "at.ms": 10000, "execute.reassignment": { "throttle": 1000000, "reassignment":
      { "version": 1, "partitions": [
        { "topic": "test1", "partition": 0, "replicas": [4, 5, 6] },
        { "topic": "test1", "partition": 1, "replicas": [1, 2, 3] } ] } } },
    { "at.ms": 40000, "verify.reassignment":
      { "version": 1, "partitions": [
        { "topic": "test1", "partition": 0, "replicas": [4, 5, 6] },
        { "topic": "test1", "partition": 1, "replicas": [1, 2, 3] } ] } }
  ]
}"#;

/// The playground's opening scenario: three producers on six partitions, and a group of two
/// auto-committing consumers.
pub const DEFAULT_SCENARIO: &str = r#"{
  "version": 1,
  "seed": 42,
  "until.ms": 10000,
  "topic": { "name": "orders", "partitions": 6 },
  "producers": [
    { "client.id": "producer-1", "rate": { "records.per.sec": 5 },
      "keys": { "mode": "fixed", "count": 6, "prefix": "user-" }, "metadata.max.age.ms": 5000 },
    { "client.id": "producer-2", "rate": { "records.per.sec": 3 },
      "keys": { "mode": "none" }, "batch.size": 512, "metadata.max.age.ms": 5000 },
    { "client.id": "producer-3", "rate": { "records.per.sec": 8, "mode": "bursty", "burst.ms": 1500, "idle.ms": 3000 },
      "keys": { "mode": "random" }, "metadata.max.age.ms": 5000 }
  ],
  "consumers": [
    { "client.id": "consumer-1", "group.id": "orders-app", "auto.offset.reset": "earliest",
      "session.timeout.ms": 10000, "metadata.max.age.ms": 5000, "processing.ms": { "min": 20, "max": 80 } },
    { "client.id": "consumer-2", "group.id": "orders-app", "auto.offset.reset": "earliest",
      "session.timeout.ms": 10000, "metadata.max.age.ms": 5000, "processing.ms": { "min": 20, "max": 80 } }
  ]
}"#;
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_default_equals_the_published_json() {
        assert_eq!(parse(DEFAULT_SCENARIO).unwrap(), playground_default());
    }
}
