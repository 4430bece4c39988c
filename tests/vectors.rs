//! Kafka's own test vectors, run against the simulation's implementation.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::sim::murmur2::{murmur2, parse_hex_key, partition_for_key, to_positive};
use kafka_playground::sim::partitioner::{next_partition, PartitionLoadStats, StickyPartitioner};
use kafka_playground::sim::rng::SimRng;
use serde_json::Value;

fn vectors() -> Value {
    let text = include_str!("data/kafka-vectors.json");
    serde_json::from_str(text).expect("vectors parse")
}

fn hex(s: &str) -> Vec<u8> {
    parse_hex_key(s).expect("hex in vectors")
}

#[test]
fn murmur2_kafka_test_vectors() {
    let v = vectors();
    let cases = v["murmur2.kafka_test"]["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 6);
    for c in cases {
        let bytes = hex(c["input_hex"].as_str().unwrap());
        assert_eq!(bytes, c["input_ascii"].as_str().unwrap().as_bytes());
        let h = murmur2(&bytes);
        assert_eq!(h as i64, c["murmur2"].as_i64().unwrap(), "murmur2({:?})", c["input_ascii"]);
        assert_eq!(to_positive(h) as i64, c["toPositive"].as_i64().unwrap());
    }
}

#[test]
fn keyed_partition_computed_vectors() {
    let v = vectors();
    let set = &v["keyed_partition.computed"];
    let mut checked = 0;
    for group in ["string_keys", "numeric_keys"] {
        for c in set[group].as_array().unwrap() {
            let bytes = hex(c["key_hex"].as_str().unwrap());
            if let Some(utf8) = c.get("key_utf8") {
                assert_eq!(bytes, utf8.as_str().unwrap().as_bytes());
            }
            assert_eq!(murmur2(&bytes) as i64, c["murmur2"].as_i64().unwrap(), "{c}");
            for (n, expected) in c["partition"].as_object().unwrap() {
                let n: u32 = n.parse().unwrap();
                assert_eq!(
                    partition_for_key(&bytes, n) as u64,
                    expected.as_u64().unwrap(),
                    "key {} n {n}",
                    c["key_hex"]
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 200, "only {checked} checks");
}

fn builtin_case<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["builtin_partitioner"]["cases"].as_array().unwrap().iter().find(|c| c["name"] == name).expect(name)
}

fn u32s(v: &Value) -> Vec<u32> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as u32).collect()
}

#[test]
fn builtin_partitioner_cft_javadoc_example() {
    let v = vectors();
    let c = builtin_case(&v, "CFT example in updatePartitionLoadStats");
    let queues = u32s(&c["queue_sizes"]);
    let ids: Vec<u32> = (0..queues.len() as u32).collect();
    let stats = PartitionLoadStats::from_queue_sizes(&queues, &ids, queues.len() as u32).expect("unequal queues");
    assert_eq!(stats.cumulative_frequency_table, u32s(&c["cumulative_frequency_table"]));
    for (r, expected) in c["random_mod_8_to_partition_index"].as_object().unwrap() {
        let r: u32 = r.parse().unwrap();
        assert_eq!(stats.pick(r) as u64, expected.as_u64().unwrap(), "random {r}");
    }
}

#[test]
fn builtin_partitioner_adaptive_partitions_test() {
    let v = vectors();
    let c = builtin_case(&v, "adaptivePartitionsTest");
    let queues = u32s(&c["queue_sizes"]);
    let ids = u32s(&c["partition_ids"]);
    let stats = PartitionLoadStats::from_queue_sizes(&queues, &ids, ids.len() as u32).unwrap();
    assert_eq!(stats.cumulative_frequency_table, u32s(&c["cumulative_frequency_table(derived)"]));
    let mut freq = vec![0u32; ids.len()];
    for r in 0..42 {
        let p = next_partition(r, ids.len() as u32, &ids, Some(&stats));
        freq[ids.iter().position(|&i| i == p).unwrap()] += 1;
    }
    assert_eq!(freq, u32s(&c["sequential_random_0_to_41_frequencies"]));
}

#[test]
fn builtin_partitioner_sticky_partitioning_test() {
    let v = vectors();
    let c = builtin_case(&v, "testStickyPartitioning");
    let batch = c["stickyBatchSize"].as_u64().unwrap() as u32;
    let bytes = c["bytes_per_record"].as_u64().unwrap() as u32;
    // A mock random that counts up, as Kafka's test uses a sequence.
    let mut next_random = 0u32;
    let mut random = || {
        next_random += 1;
        next_random - 1
    };
    let available = [0, 1, 2];
    let mut p = StickyPartitioner::new(batch);
    let mut chosen = Vec::new();
    for _ in 0..4 {
        let part = p.partition(random(), 3, &available, None);
        chosen.push(part);
        p.update_after_append(bytes, true, random(), 3, &available, None);
    }
    assert_eq!(chosen[0], chosen[1]);
    assert_eq!(chosen[1], chosen[2]);
    assert_ne!(chosen[2], chosen[3], "record 4 goes to another partition: {chosen:?}");

    // A one-partition topic always gets partition 0.
    let mut one = StickyPartitioner::new(batch);
    for _ in 0..10 {
        assert_eq!(one.partition(random(), 1, &[0], None), 0);
        one.update_after_append(bytes, true, random(), 1, &[0], None);
    }
}

#[test]
fn builtin_partitioner_unavailable_partitions_test() {
    let v = vectors();
    let c = builtin_case(&v, "unavailablePartitionsTest");
    assert_eq!(u32s(&c["partitions_without_leader"]["topicA"]), vec![1]);
    let mut rng = SimRng::new(11);
    // topicA: 3 partitions, 1 has no leader.
    let mut seen = std::collections::BTreeSet::new();
    let mut a = StickyPartitioner::new(1);
    for _ in 0..100 {
        let part = a.partition(rng.next_positive_i32(), 3, &[0, 2], None);
        assert_ne!(part, 1);
        seen.insert(part);
        a.update_after_append(1, true, rng.next_positive_i32(), 3, &[0, 2], None);
    }
    assert!(seen.len() > 1);
    // topicB: 2 partitions, 0 has no leader: always 1.
    let mut b = StickyPartitioner::new(1);
    for _ in 0..100 {
        assert_eq!(b.partition(rng.next_positive_i32(), 2, &[1], None), 1);
        b.update_after_append(1, true, rng.next_positive_i32(), 2, &[1], None);
    }
    // topicC: 1 partition without a leader: no partition is available, so all count: 0.
    let mut cc = StickyPartitioner::new(1);
    for _ in 0..10 {
        assert_eq!(cc.partition(rng.next_positive_i32(), 1, &[], None), 0);
        cc.update_after_append(1, true, rng.next_positive_i32(), 1, &[], None);
    }
}

#[test]
fn builtin_partitioner_sticky_batch_size_more_than_zero() {
    let v = vectors();
    let c = builtin_case(&v, "testStickyBatchSizeMoreThatZero");
    assert_eq!(c["stickyBatchSize"], 0);
    assert!(StickyPartitioner::try_new(0).is_err(), "Kafka: IllegalArgumentException");
    assert!(StickyPartitioner::try_new(1).is_ok());
    // KafkaProducer itself turns batch.size=0 into 1 before building the partitioner.
    let mut p = StickyPartitioner::new(0);
    p.partition(0, 2, &[0, 1], None);
    assert!(p.update_after_append(1, true, 1, 2, &[0, 1], None).is_some());
}

#[test]
fn config_defaults_match_kafka_4() {
    use kafka_playground::sim::config::*;
    let v = vectors();
    let p = &v["config_defaults"]["producer"];
    assert_eq!(p["batch.size"].as_u64().unwrap(), DEFAULT_BATCH_SIZE as u64);
    assert_eq!(p["linger.ms"]["4.0"].as_u64().unwrap(), DEFAULT_LINGER_MS);
    assert_eq!(p["buffer.memory"].as_u64().unwrap(), DEFAULT_BUFFER_MEMORY);
    assert_eq!(p["max.in.flight.requests.per.connection"].as_u64().unwrap(), DEFAULT_MAX_IN_FLIGHT as u64);
    assert_eq!(KAFKA_VERSION, "4.0");
}
