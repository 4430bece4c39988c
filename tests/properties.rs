//! Property tests: guarantees that hold whatever the producers, partition changes and seed.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::scenario;
use kafka_playground::sim::config::{KeyMode, ProducerSpec, SimConfig};
use kafka_playground::sim::log::{LogLimits, PartitionLog, PendingRecord};
use kafka_playground::sim::murmur2::partition_for_key;
use kafka_playground::sim::record::Key;
use kafka_playground::sim::{Command, Event, Sim, SnapshotOptions};
use proptest::prelude::*;

fn key_mode() -> impl Strategy<Value = KeyMode> {
    prop_oneof![
        Just(KeyMode::None),
        (1u32..40).prop_map(|count| KeyMode::Fixed { count, prefix: "k".into() }),
        Just(KeyMode::Random),
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Advance(u64),
    AddProducer(f64, KeyMode, u32, u64),
    Grow(u32),
    Remove(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1u64..2_000).prop_map(Op::Advance),
        2 => (1.0f64..2_000.0, key_mode(), 0u32..4_000, 0u64..50).prop_map(|(r, k, b, l)| Op::AddProducer(r, k, b, l)),
        1 => (1u32..5).prop_map(Op::Grow),
        1 => (0usize..4).prop_map(Op::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Offsets are consecutive and never reused; every record sent is appended, buffered or in
    /// flight; keyed records sit in their murmur2 partition for the count the producer knew;
    /// the partition count never shrinks; time never goes back.
    #[test]
    fn the_log_and_producers_keep_kafkas_guarantees(seed in any::<u64>(), partitions in 1u32..12, ops in prop::collection::vec(op(), 1..25)) {
        let mut sim = Sim::new(SimConfig { partitions, ..SimConfig::default() }, seed).unwrap();
        let mut last_leo = vec![0u64; partitions as usize];
        let mut last_count = partitions;
        let mut last_time = 0;
        let mut sent_by_removed = 0u64;
        let mut acked_seen = std::collections::BTreeMap::new();
        for op in ops {
            match op {
                Op::Advance(ms) => {
                    let mut out = Vec::new();
                    let target = sim.now_us() + ms * 1000;
                    while !sim.advance_to(target, 5_000, &mut out).reached {}
                    let mut next_offset = last_leo.clone();
                    next_offset.resize(sim.partition_count() as usize, 0);
                    for e in &out {
                        if let Event::BatchAppended { partition, base_offset, records, .. } = e {
                            prop_assert_eq!(*base_offset, next_offset[*partition as usize], "offsets consecutive");
                            next_offset[*partition as usize] += *records as u64;
                        }
                    }
                }
                Op::AddProducer(rate, keys, batch, linger) => {
                    let mut spec = ProducerSpec::new(format!("p{}", sim.producer_ids().count()), rate, keys);
                    spec.batch_size = batch;
                    spec.linger_ms = linger;
                    spec.metadata_max_age_ms = 500;
                    let _ = sim.apply(Command::AddProducer { spec });
                }
                Op::Grow(by) => {
                    let n = (sim.partition_count() + by).min(64);
                    let _ = sim.apply(Command::AlterPartitions { partitions: n });
                }
                Op::Remove(i) => {
                    let id = sim.producer_ids().nth(i);
                    if let Some(id) = id {
                        let _ = sim.apply(Command::RemoveProducer { producer: id });
                    }
                }
            }
            let snap = sim.snapshot(SnapshotOptions { recent_records: usize::MAX, key_counts: true });
            prop_assert!(snap.time_us >= last_time);
            last_time = snap.time_us;
            prop_assert!(snap.partitions.len() as u32 >= last_count);
            last_count = snap.partitions.len() as u32;
            last_leo.resize(snap.partitions.len(), 0);
            for p in &snap.partitions {
                prop_assert!(p.log_end_offset >= last_leo[p.partition as usize], "LEO never decreases");
                last_leo[p.partition as usize] = p.log_end_offset;
                prop_assert!(p.log_start_offset <= p.log_end_offset);
                for w in p.recent.windows(2) {
                    prop_assert_eq!(w[0].offset + 1, w[1].offset);
                }
                for r in &p.recent {
                    if let Some(k) = r.key {
                        let expected_somewhere = (1..=snap.partitions.len() as u32).any(|n| partition_for_key(k.as_bytes(), n) == p.partition);
                        prop_assert!(expected_somewhere);
                    }
                }
            }
            for p in &snap.producers {
                prop_assert!(p.records_acked + p.records_buffered <= p.records_sent);
                prop_assert!(p.requests_in_flight <= p.spec.max_in_flight);
                prop_assert!(p.buffered_bytes <= p.spec.buffer_memory);
                acked_seen.insert(p.id, p.records_sent);
            }
            let live_sent: u64 = snap.producers.iter().map(|p| p.records_sent).sum();
            let removed: u64 = acked_seen.iter().filter(|(id, _)| !snap.producers.iter().any(|p| p.id == **id)).map(|(_, n)| *n).sum();
            sent_by_removed = sent_by_removed.max(removed);
            let live_unacked: u64 = snap.producers.iter().map(|p| p.records_sent - p.records_acked).sum();
            let appended: u64 = snap.partitions.iter().map(|p| p.log_end_offset).sum();
            prop_assert_eq!(appended, snap.records_appended);
            prop_assert_eq!(appended + live_unacked, live_sent + sent_by_removed, "no record lost or duplicated");
        }
    }

    /// A keyed producer's records always land in murmur2(key) % partitions.
    #[test]
    fn keyed_records_follow_murmur2(seed in any::<u64>(), partitions in 1u32..64, count in 1u32..200) {
        let mut sim = Sim::new(SimConfig { partitions, ..SimConfig::default() }, seed).unwrap();
        sim.apply(Command::AddProducer { spec: ProducerSpec::new("p", 2_000.0, KeyMode::Fixed { count, prefix: "user-".into() }) }).unwrap();
        let mut out = Vec::new();
        while !sim.advance_to(500_000, 5_000, &mut out).reached {}
        let snap = sim.snapshot(SnapshotOptions { recent_records: usize::MAX, key_counts: true });
        for p in &snap.partitions {
            for (k, _) in &p.records_by_key {
                prop_assert_eq!(partition_for_key(k.as_bytes(), partitions), p.partition);
            }
        }
    }

    /// Appending to a log: offsets consecutive from the log end offset, counters exact, detail bounded.
    #[test]
    fn partition_log_counts_exactly(batches in prop::collection::vec(prop::collection::vec(prop::option::of(0u8..20), 1..30), 1..40), recent in 0usize..50, keys_max in 0usize..10) {
        let mut log = PartitionLog::new(0, LogLimits { recent_records_max: recent, key_stats_max: keys_max, ..LogLimits::default() });
        let mut expected_leo = 0;
        for b in batches {
            let records: Vec<PendingRecord> = b.iter().map(|k| PendingRecord {
                key: k.map(|k| Key::from_bytes(&[k]).unwrap()), value_bytes: 1, timestamp_ms: 0, producer: 1, size_bytes: 10, value_id: 0,
            }).collect();
            let base = log.append(&records);
            prop_assert_eq!(base, expected_leo);
            expected_leo += records.len() as u64;
            prop_assert_eq!(log.log_end_offset(), expected_leo);
            prop_assert!(log.recent().len() <= recent);
            prop_assert!(log.distinct_keys() <= keys_max);
            let counted: u64 = log.records_by_key().iter().map(|(_, n)| n).sum::<u64>() + log.records_other_keys() + log.records_without_key();
            prop_assert_eq!(counted, expected_leo);
        }
    }

    /// The scenario parser answers any text with a scenario or an error: never a panic.
    #[test]
    fn scenario_parser_never_panics_on_any_text(text in ".{0,400}") {
        // Fails only by a panic: any text parses or is refused.
        let _ = scenario::parse(&text);
    }

    /// ... and neither on near-miss edits of a valid scenario; errors always carry a message.
    #[test]
    fn scenario_parser_handles_mutations(pos in 0usize..2000, byte in any::<u8>(), delete in any::<bool>()) {
        let mut bytes = scenario::DEFAULT_SCENARIO.as_bytes().to_vec();
        let pos = pos % bytes.len();
        if delete { bytes.remove(pos); } else { bytes[pos] = byte; }
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = scenario::parse(&text) {
            prop_assert!(!e.message.is_empty());
        }
    }
}

mod consumers {
    use kafka_playground::sim::config::{KeyMode, ProducerSpec, SimConfig};
    use kafka_playground::sim::consumer::{CommitStrategy, ConsumerSpec, OffsetReset};
    use kafka_playground::sim::group::assignor::Strategy as Assignor;
    use kafka_playground::sim::{Command, Sim};
    use proptest::prelude::*;

    /// The commit strategies that commit after processing.
    pub(super) fn strategy() -> impl Strategy<Value = CommitStrategy> {
        prop_oneof![
            Just(CommitStrategy::Auto),
            Just(CommitStrategy::SyncPerRecord),
            Just(CommitStrategy::SyncPerBatch),
            Just(CommitStrategy::AsyncPerBatch),
        ]
    }

    fn assignor() -> impl Strategy<Value = Assignor> {
        prop_oneof![
            Just(Assignor::Range),
            Just(Assignor::RoundRobin),
            Just(Assignor::Sticky),
            Just(Assignor::CooperativeSticky)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

        /// Committing after processing never loses a record, whatever the crash schedule: every
        /// record ends up processed at least once. And the simulation always makes progress
        /// (a bounded number of steps per simulated second).
        #[test]
        fn committing_after_processing_never_loses_a_record(
            seed in any::<u64>(),
            partitions in 1u32..5,
            commit in strategy(),
            assignor in assignor(),
            consumers in 1usize..4,
            schedule in prop::collection::vec((200u64..3_000, 0usize..4, any::<bool>()), 0..8),
        ) {
            let mut sim = Sim::new(SimConfig { partitions, ..SimConfig::default() }, seed).unwrap();
            let mut p = ProducerSpec::new("p", 200.0, KeyMode::Random);
            p.linger_ms = 2;
            sim.apply(Command::AddProducer { spec: p }).unwrap();
            let mut ids = Vec::new();
            for i in 0..consumers {
                let mut spec = ConsumerSpec::new(format!("c{i}"), "g");
                spec.commit = commit;
                spec.assignor = assignor;
                spec.auto_offset_reset = OffsetReset::Earliest;
                spec.session_timeout_ms = 6_000;
                spec.heartbeat_interval_ms = 1_000;
                spec.processing_ms_min = 0;
                spec.processing_ms_max = 3;
                spec.max_poll_records = 20;
                let events = sim.apply(Command::AddConsumer { spec }).unwrap();
                if let kafka_playground::sim::Event::Consumer { detail: kafka_playground::sim::consumer::ConsumerEvent::ConsumerAdded { consumer, .. }, .. } = &events[0] {
                    ids.push(*consumer);
                }
            }
            let mut out = Vec::new();
            let mut advance = |sim: &mut Sim, ms: u64| -> Result<(), TestCaseError> {
                let target = sim.now_us() + ms * 1000;
                let mut budget = 200 + ms as usize * 50;
                loop {
                    out.clear();
                    let progress = sim.advance_to(target, 1_000, &mut out);
                    budget = budget.saturating_sub(progress.steps);
                    if progress.reached { return Ok(()); }
                    prop_assert!(budget > 0, "no progress at {} us", sim.now_us());
                }
            };
            advance(&mut sim, 4_000)?;
            for (wait, who, restart) in schedule {
                advance(&mut sim, wait)?;
                let id = ids[who % ids.len()];
                sim.apply(Command::CrashConsumer { consumer: id }).unwrap();
                if restart {
                    advance(&mut sim, 500)?;
                    sim.apply(Command::RestartConsumer { consumer: id }).unwrap();
                }
            }
            // Stop producing, make sure someone is alive, and let the group catch up.
            let producer = sim.producer_ids().next().unwrap();
            sim.apply(Command::RemoveProducer { producer }).unwrap();
            sim.apply(Command::RestartConsumer { consumer: ids[0] }).unwrap();
            advance(&mut sim, 40_000)?;
            let ledger = &sim.consumers.ledger.groups["g"];
            prop_assert_eq!(ledger.lost, 0);
            for p in 0..partitions {
                let leo = sim.log(p).unwrap().log_end_offset();
                prop_assert_eq!(ledger.processed_upto.get(&p).copied().unwrap_or(0), leo, "partition {} fully processed", p);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

        /// With retention deleting segments under the consumers, every position stays within
        /// [log start offset, log end offset] after any reset, whatever the crash schedule.
        #[test]
        fn positions_stay_within_the_log_after_resets(
            seed in any::<u64>(),
            latest in any::<bool>(),
            retention_ms in 2_000u64..10_000,
            schedule in prop::collection::vec((500u64..4_000, any::<bool>()), 1..6),
        ) {
            let mut config = SimConfig { partitions: 2, ..SimConfig::default() };
            config.log_limits.segment_bytes = 1_500;
            config.retention_ms = Some(retention_ms);
            config.retention_check_interval_ms = 500;
            let mut sim = Sim::new(config, seed).unwrap();
            let mut p = ProducerSpec::new("p", 300.0, KeyMode::None);
            p.linger_ms = 0;
            sim.apply(Command::AddProducer { spec: p }).unwrap();
            let mut spec = ConsumerSpec::new("c", "g");
            spec.auto_offset_reset = if latest { OffsetReset::Latest } else { OffsetReset::Earliest };
            spec.session_timeout_ms = 6_000;
            spec.processing_ms_min = 5;
            spec.processing_ms_max = 40;
            spec.max_poll_records = 10;
            sim.apply(Command::AddConsumer { spec }).unwrap();
            let id = 1;
            let mut out = Vec::new();
            for (wait, crash) in schedule {
                let target = sim.now_us() + wait * 1000;
                while !sim.advance_to(target, 100_000, &mut out).reached { out.clear(); }
                out.clear();
                if crash {
                    sim.apply(Command::CrashConsumer { consumer: id }).unwrap();
                } else {
                    sim.apply(Command::RestartConsumer { consumer: id }).unwrap();
                }
                for c in sim.consumers.consumers.values() {
                    for (part, pos) in &c.assignment {
                        let log = sim.log(*part).unwrap();
                        prop_assert!(pos.position <= log.log_end_offset());
                    }
                }
            }
            let target = sim.now_us() + 3_000_000;
            while !sim.advance_to(target, 100_000, &mut out).reached { out.clear(); }
            for c in sim.consumers.consumers.values() {
                // A fetch position below the log start is only legal until the next poll resets it:
                // after a poll (Polling/Idle with nothing in hand) positions are in range.
                if c.batch.is_empty() && c.state == kafka_playground::sim::consumer::ConsumerState::Polling {
                    for (part, pos) in &c.assignment {
                        let log = sim.log(*part).unwrap();
                        prop_assert!(pos.position >= log.log_start_offset() || pos.position == log.log_end_offset(),
                            "partition {}: position {} below log start {}", part, pos.position, log.log_start_offset());
                        prop_assert!(pos.position <= log.log_end_offset());
                    }
                }
            }
        }
    }
}

mod reassignment {
    use kafka_playground::sim::cluster::ClusterConfig;
    use kafka_playground::sim::config::{Acks, KeyMode, ProducerSpec, SimConfig};
    use kafka_playground::sim::{Command, Sim};
    use proptest::prelude::*;

    /// A cluster, a topic with its replicas placed, and for each partition a target replica
    /// list drawn from the brokers (a permutation prefix of the right length).
    fn case() -> impl Strategy<Value = (i32, u16, u32, u64, Vec<Vec<i32>>, u64, Option<u64>)> {
        (3i32..=8, 1u16..=3, 1u32..=6, any::<u64>()).prop_flat_map(|(brokers, rf, partitions, seed)| {
            let rf = rf.min(brokers as u16);
            let target =
                Just((1..=brokers).collect::<Vec<i32>>()).prop_shuffle().prop_map(move |v| v[..rf as usize].to_vec());
            (
                Just(brokers),
                Just(rf),
                Just(partitions),
                Just(seed),
                proptest::collection::vec(target, partitions as usize),
                50u64..400,
                proptest::option::of(200_000u64..5_000_000),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

        /// Whatever the cluster and targets: a reassignment ends with replicas == target and
        /// the ISR holding every target replica, the high watermark never goes back, and no
        /// record acknowledged with acks=all is lost.
        #[test]
        fn reassignments_complete_without_losing_data((brokers, rf, partitions, seed, targets, rate, throttle) in case()) {
            let mut cluster = ClusterConfig::brokers(brokers, rf);
            cluster.replication_bytes_per_s = 2_000_000;
            let config = SimConfig { partitions, cluster, ..SimConfig::default() };
            let mut s = Sim::new(config, seed).unwrap();
            let mut spec = ProducerSpec::new("p", rate as f64, KeyMode::Fixed { count: 16, prefix: "k".into() });
            spec.acks = Acks::All;
            s.apply(Command::AddProducer { spec }).unwrap();
            let mut out = Vec::new();
            let mut t = 2_000_000;
            while !s.advance_to(t, 1_000_000, &mut out).reached {}
            let mut hw: Vec<u64> = (0..partitions).map(|p| s.cluster.high_watermark(p)).collect();
            s.apply(Command::AlterPartitionReassignments {
                targets: targets.iter().enumerate().map(|(p, r)| (p as u32, Some(r.clone()))).collect(),
            }).unwrap();
            if let Some(rate) = throttle {
                let all: Vec<(u32, i32)> = (0..partitions).flat_map(|p| (1..=brokers).map(move |b| (p, b))).collect();
                s.apply(Command::SetReplicationThrottles { leader: all.clone(), follower: all, brokers: (1..=brokers).collect(), rate }).unwrap();
            }
            for _ in 0..600 {
                t += 100_000;
                while !s.advance_to(t, 1_000_000, &mut out).reached {}
                for p in 0..partitions {
                    let now = s.cluster.high_watermark(p);
                    prop_assert!(now >= hw[p as usize], "partition {} HW went back", p);
                    hw[p as usize] = now;
                }
                if s.cluster.ongoing().is_empty() {
                    break;
                }
            }
            prop_assert!(s.cluster.ongoing().is_empty(), "still reassigning after 60 s");
            for (p, target) in targets.iter().enumerate() {
                let part = &s.cluster.partitions[p];
                prop_assert_eq!(&part.replicas, target);
                prop_assert!(target.iter().all(|b| part.isr.contains(b)), "ISR {:?} ⊉ {:?}", part.isr, target);
                prop_assert!(part.leader.is_some_and(|l| target.contains(&l)));
            }
            prop_assert_eq!(s.cluster.acked_records_lost, 0);
            let snap = s.snapshot(kafka_playground::sim::SnapshotOptions { recent_records: 0, key_counts: false });
            let acked = snap.producers[0].records_acked;
            let committed: u64 = (0..partitions).map(|p| s.cluster.high_watermark(p)).sum();
            prop_assert!(committed >= acked, "every acks=all record is below a high watermark");
        }
    }
}

/// Words the console knows, to build lines that get past the first checks.
fn console_word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "kafka-topics.sh",
            "kafka-console-producer.sh",
            "kafka-console-consumer.sh",
            "kafka-consumer-groups.sh",
            "kafka-reassign-partitions.sh",
            "kafka-configs.sh",
            "--bootstrap-server",
            "localhost:9092",
            "--describe",
            "--alter",
            "--create",
            "--list",
            "--topic",
            "test1",
            "--partitions",
            "--group",
            "test1-app",
            "--reset-offsets",
            "--to-offset",
            "--shift-by",
            "--execute",
            "--all-groups",
            "--to-earliest",
            "--entity-type",
            "brokers",
            "topics",
            "--entity-name",
            "1",
            "--add-config",
            "leader.replication.throttled.rate=100",
            "--delete-config",
            "--reassignment-json-file",
            "r.json",
            "--generate",
            "--broker-list",
            "1,2,3",
            "--from-beginning",
            "--partition",
            "--offset",
            "--max-messages",
            "-1",
            "999999999999999999999",
            "'",
            "\"",
            "\\",
            "echo",
            ">",
            "cat",
            "help",
            "k:v",
            "",
        ])
        .prop_map(str::to_string),
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever is typed, the console answers (an error message or output) and never panics;
    /// a line that fails changes nothing.
    #[test]
    fn the_console_never_panics_and_failures_change_nothing(lines in prop::collection::vec(prop::collection::vec(console_word(), 0..9), 1..6)) {
        let s = scenario::parse(scenario::SEED_REASSIGNMENT_SCENARIO).unwrap();
        let (mut run, _) = scenario::Run::start(&s, None).unwrap();
        run.run_until(1_000, &mut |_| {});
        let mut c = kafka_playground::console::Console::new();
        c.write_file("r.json", kafka_playground::reassign_tool::SEED_REASSIGNMENT_JSON).unwrap();
        for words in lines {
            let line = words.join(" ");
            let before = format!("{:?}", run.sim.snapshot(SnapshotOptions::default()));
            let o = c.exec(&mut run.sim, &line);
            if o.error {
                prop_assert!(!o.output.trim().is_empty(), "an error says something: {line}");
                prop_assert!(o.replay.is_none());
                prop_assert_eq!(&before, &format!("{:?}", run.sim.snapshot(SnapshotOptions::default())), "{}", line);
            }
            let _ = c.complete(&line);
        }
    }

    /// Any text as a share link: a message, never a panic.
    #[test]
    fn share_links_never_panic(text in "\\PC{0,200}", bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        prop_assert!(kafka_playground::share::decode(&text).is_err() || text.starts_with("v1."));
        let link = format!("v1.{}", kafka_playground::share::base64url(&bytes));
        let _ = kafka_playground::share::decode(&link);
        let packed = format!("v1.{}", kafka_playground::share::base64url(&miniz_oxide::deflate::compress_to_vec(&bytes, 6)));
        prop_assert!(kafka_playground::share::decode(&packed).is_err());
    }
}

mod ledger {
    //! The delivery ledger against an independent oracle: the records each consumer processed,
    //! followed from its `Polled` batches and its processed counter, one instant at a time.
    use std::collections::{BTreeMap, BTreeSet, VecDeque};

    use kafka_playground::sim::config::{KeyMode, ProducerSpec, SimConfig};
    use kafka_playground::sim::consumer::{CommitStrategy, ConsumerEvent, ConsumerSpec, OffsetReset};
    use kafka_playground::sim::{Command, Event, Sim};
    use proptest::prelude::*;

    /// Every commit strategy: those that commit after processing, and before.
    fn strategy() -> impl Strategy<Value = CommitStrategy> {
        prop_oneof![4 => super::consumers::strategy(), 1 => Just(CommitStrategy::BeforeProcessing)]
    }

    #[derive(Default)]
    struct Oracle {
        /// Per consumer: the records returned by poll() and not processed yet, in order.
        in_hand: BTreeMap<u32, VecDeque<(u32, u64, u64)>>,
        seen_processed: BTreeMap<u32, u64>,
        /// Per partition: every offset processed, and how many times records were processed.
        processed: BTreeMap<u32, BTreeSet<u64>>,
        count: u64,
    }

    impl Oracle {
        fn step(&mut self, sim: &Sim, events: &[Event]) {
            // Records processed during this instant come from batches polled earlier.
            for (id, c) in &sim.consumers.consumers {
                let before = self.seen_processed.insert(*id, c.records_processed).unwrap_or(0);
                let q = self.in_hand.entry(*id).or_default();
                for _ in before..c.records_processed {
                    let front = q.front_mut().expect("a processed record was in hand");
                    self.processed.entry(front.0).or_default().insert(front.1);
                    self.count += 1;
                    front.1 += 1;
                    if front.1 == front.2 {
                        q.pop_front();
                    }
                }
            }
            for e in events {
                let Event::Consumer { detail, .. } = e else { continue };
                match detail {
                    ConsumerEvent::Polled { consumer, partitions, .. } => {
                        self.in_hand.entry(*consumer).or_default().extend(partitions.iter().copied())
                    }
                    ConsumerEvent::ConsumerCrashed { consumer }
                    | ConsumerEvent::ConsumerClosed { consumer }
                    | ConsumerEvent::ConsumerFailed { consumer, .. }
                    | ConsumerEvent::ConsumerRestarted { consumer } => {
                        self.in_hand.entry(*consumer).or_default().clear();
                    }
                    ConsumerEvent::PartitionsRevoked { consumer, partitions } => {
                        self.in_hand.entry(*consumer).or_default().retain(|r| !partitions.contains(&r.0));
                    }
                    _ => {}
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

        /// Whatever the crash schedule and commit strategy, the ledger's processed, repeated and
        /// never-processed counts are the oracle's, and processed + never processed covers every
        /// offset below the group's position (the offset after the highest processed record).
        #[test]
        fn the_ledger_counts_what_an_oracle_counts(
            seed in any::<u64>(),
            partitions in 1u32..4,
            commit in strategy(),
            consumers in 1usize..4,
            processing_ms in 1u64..200,
            first in 0u64..8_000,
            schedule in prop::collection::vec((1u64..2_500, 0usize..4, any::<bool>(), any::<bool>()), 0..6),
        ) {
            let mut sim = Sim::new(SimConfig { partitions, ..SimConfig::default() }, seed).unwrap();
            let mut p = ProducerSpec::new("p", 150.0, KeyMode::Random);
            p.linger_ms = 2;
            sim.apply(Command::AddProducer { spec: p }).unwrap();
            let mut ids = Vec::new();
            for i in 0..consumers {
                let mut spec = ConsumerSpec::new(format!("c{i}"), "g");
                spec.commit = commit;
                spec.auto_offset_reset = OffsetReset::Earliest;
                spec.session_timeout_ms = 6_000;
                spec.heartbeat_interval_ms = 1_000;
                spec.processing_ms_min = 1;
                spec.processing_ms_max = processing_ms;
                spec.max_poll_records = 25;
                let events = sim.apply(Command::AddConsumer { spec }).unwrap();
                if let Event::Consumer { detail: ConsumerEvent::ConsumerAdded { consumer, .. }, .. } = &events[0] {
                    ids.push(*consumer);
                }
            }
            let mut oracle = Oracle::default();
            let mut out = Vec::new();
            // Advance up to `ms`, or (with `commit_of`) until that consumer's next commit lands:
            // the moment a crash costs the most with commits before processing.
            let mut advance = |sim: &mut Sim, oracle: &mut Oracle, ms: u64, commit_of: Option<u32>| {
                let target = sim.now_us() + ms * 1000;
                loop {
                    out.clear();
                    let reached = sim.advance_to(target, 1, &mut out).reached;
                    oracle.step(sim, &out);
                    let committed = out.iter().any(|e| matches!(e,
                        Event::Consumer { detail: ConsumerEvent::OffsetCommitted { consumer, .. }, .. } if Some(*consumer) == commit_of));
                    if reached || committed { break; }
                }
            };
            advance(&mut sim, &mut oracle, first, None);
            for (wait, who, restart, at_commit) in schedule {
                let id = ids[who % ids.len()];
                advance(&mut sim, &mut oracle, wait, at_commit.then_some(id));
                let events = sim.apply(Command::CrashConsumer { consumer: id }).unwrap();
                oracle.step(&sim, &events);
                if restart {
                    advance(&mut sim, &mut oracle, 300, None);
                    let events = sim.apply(Command::RestartConsumer { consumer: id }).unwrap();
                    oracle.step(&sim, &events);
                }
            }
            let producer = sim.producer_ids().next().unwrap();
            sim.apply(Command::RemoveProducer { producer }).unwrap();
            let events = sim.apply(Command::RestartConsumer { consumer: ids[0] }).unwrap();
            oracle.step(&sim, &events);
            advance(&mut sim, &mut oracle, 30_000, None);

            let ledger = sim.consumers.ledger.groups.get("g").cloned().unwrap_or_default();
            prop_assert_eq!(ledger.processed, oracle.count);
            let mut never = 0;
            let mut distinct = 0;
            for p in 0..partitions {
                let done = oracle.processed.get(&p).cloned().unwrap_or_default();
                distinct += done.len() as u64;
                let position = done.iter().next_back().map_or(0, |o| o + 1);
                // The group started at offset 0 (earliest, nothing deleted).
                never += (0..position).filter(|o| !done.contains(o)).count() as u64;
                prop_assert_eq!(ledger.processed_upto.get(&p).copied().unwrap_or(0), position, "partition {}", p);
            }
            prop_assert_eq!(ledger.lost, never, "never processed");
            prop_assert_eq!(ledger.duplicates, oracle.count - distinct, "processed twice");
            if commit != CommitStrategy::BeforeProcessing {
                prop_assert_eq!(ledger.lost, 0);
            }
        }
    }
}
