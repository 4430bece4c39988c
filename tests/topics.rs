//! Stories with several topics in one cluster, told in Kafka's words: a pattern subscription
//! picks up a new topic at its next metadata refresh; range and roundrobin assign differently
//! across topics, exactly as the `assign` command computes; `--reset-offsets --all-topics`;
//! deleting a topic deletes its committed offsets; one reassignment moves partitions of two
//! topics; the bounds on topics and partitions.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::console::Console;
use kafka_playground::scenario::{self, Run};
use kafka_playground::sim::consumer::ConsumerEvent;
use kafka_playground::sim::group::assignor::{assign, Member, Strategy};
use kafka_playground::sim::topics::{TopicSpec, PARTITIONS_TOTAL_MAX, TOPICS_MAX};
use kafka_playground::sim::{Command, Event, Sim};
use std::collections::BTreeMap;

const BS: &str = "--bootstrap-server localhost:9092";

/// Two topics t0 and t1 of three partitions each, two consumers of one group subscribed to
/// both, with `strategy`; no producers.
fn two_topics(strategy: &str, group: &str) -> String {
    format!(
        r#"{{"version": 1, "seed": 7, "until.ms": 60000,
  "topics": [{{"name": "t0", "partitions": 3}}, {{"name": "t1", "partitions": 3}}],
  "cluster": {{"brokers": [1, 2, 3]}},
  "consumers": [
    {{"client.id": "C0", "group.id": "{group}", "topics": ["t0", "t1"], "partition.assignment.strategy": "{strategy}"}},
    {{"client.id": "C1", "group.id": "{group}", "topics": ["t0", "t1"], "partition.assignment.strategy": "{strategy}"}}
  ]}}"#
    )
}

/// The last assignment of `group`, as Kafka names the partitions, by client.id.
fn last_assignment(sim: &Sim, events: &[Event], group: &str) -> BTreeMap<String, Vec<String>> {
    let mut last = BTreeMap::new();
    for e in events {
        if let Event::Consumer { detail: ConsumerEvent::RebalanceCompleted { group: g, assignment, .. }, .. } = e {
            if g == group {
                last = assignment
                    .iter()
                    .map(|(client, parts)| {
                        let mut names: Vec<String> = parts.iter().map(|p| sim.partition_name(*p)).collect();
                        names.sort();
                        (client.clone(), names)
                    })
                    .collect();
            }
        }
    }
    last
}

fn run(text: &str, until_ms: u64) -> (Run, Vec<Event>) {
    let s = scenario::parse(text).expect("scenario");
    let (mut run, mut events) = Run::start(&s, None).expect("starts");
    run.run_until(until_ms, &mut |e| events.push(e.clone()));
    (run, events)
}

#[test]
fn range_and_roundrobin_differ_across_two_topics_as_kafkas_documentation_draws_them() {
    // Kafka's RangeAssignor and RoundRobinAssignor javadoc: two consumers, two topics of three
    // partitions each.
    let (r, events) = run(&two_topics("range", "g"), 10_000);
    let range = last_assignment(&r.sim, &events, "g");
    assert_eq!(range["C0"], ["t0-0", "t0-1", "t1-0", "t1-1"]);
    assert_eq!(range["C1"], ["t0-2", "t1-2"]);
    let (r, events) = run(&two_topics("roundrobin", "g"), 10_000);
    let rr = last_assignment(&r.sim, &events, "g");
    assert_eq!(rr["C0"], ["t0-0", "t0-2", "t1-1"]);
    assert_eq!(rr["C1"], ["t0-1", "t1-0", "t1-2"]);
}

#[test]
fn every_strategy_in_the_running_group_agrees_with_the_assign_command() {
    for strategy in [Strategy::Range, Strategy::RoundRobin, Strategy::Sticky, Strategy::CooperativeSticky] {
        let (r, events) = run(&two_topics(strategy.name(), "g"), 10_000);
        let running = last_assignment(&r.sim, &events, "g");
        // The same members, by member id, as the leader gave them to the assignor.
        let group = &r.sim.consumers().groups["g"];
        let members: Vec<Member> = group.members.keys().map(|id| Member::new(id.clone(), &["t0", "t1"])).collect();
        let ppt: kafka_playground::util::ordmap::OrdMap<String, u32> =
            [("t0".to_string(), 3), ("t1".to_string(), 3)].into();
        let computed = assign(strategy, &ppt, &members).expect("assigns");
        for (member_id, m) in &group.members {
            let mut expected: Vec<String> = computed[member_id].iter().map(|tp| tp.name()).collect();
            expected.sort();
            assert_eq!(running[&m.client_id], expected, "{strategy:?}: {member_id}");
        }
    }
}

#[test]
fn a_pattern_subscription_picks_up_a_new_topic_at_the_next_metadata_refresh() {
    let text = r#"{"version": 1, "seed": 3, "until.ms": 600000,
      "topic": {"name": "orders", "partitions": 2},
      "consumers": [{"client.id": "c", "group.id": "audit", "pattern": "orders.*", "metadata.max.age.ms": 30000}],
      "timeline": [{"at.ms": 10000, "create.topic": {"name": "orders-eu", "partitions": 2}},
                   {"at.ms": 10000, "create.topic": {"name": "payments", "partitions": 2}}]}"#;
    let (mut r, mut events) = run(text, 20_000);
    // Created at 10 s, but the consumer's metadata is from its last refresh: not yet.
    assert_eq!(last_assignment(&r.sim, &events, "audit")["c"], ["orders-0", "orders-1"]);
    r.run_until(40_000, &mut |e| events.push(e.clone()));
    // metadata.max.age.ms later the pattern matches orders-eu (not payments): the member
    // rejoins ("subscription has changed") and gets its partitions.
    assert_eq!(last_assignment(&r.sim, &events, "audit")["c"], ["orders-0", "orders-1", "orders-eu-0", "orders-eu-1"]);
    let reason = events.iter().find_map(|e| match e {
        Event::Consumer { detail: ConsumerEvent::RebalanceStarted { reason, .. }, .. } => {
            Some(reason.to_string()).filter(|r| r.contains("subscription has changed"))
        }
        _ => None,
    });
    assert_eq!(
        reason.as_deref(),
        Some("subscription has changed from [orders] at the beginning of the rebalance to [orders, orders-eu]")
    );
}

#[test]
fn reset_offsets_all_topics_covers_every_topic_the_group_committed() {
    let text = r#"{"version": 1, "seed": 5, "until.ms": 60000,
      "topics": [{"name": "a", "partitions": 2}, {"name": "b", "partitions": 1}],
      "producers": [{"client.id": "p", "rate": {"records.per.sec": 200}, "topics": ["a", {"topic": "b", "weight": 1}]}],
      "consumers": [{"client.id": "c", "group.id": "g", "topics": ["a", "b"], "auto.offset.reset": "earliest"}],
      "timeline": [{"at.ms": 20000, "close.consumer": "c"}]}"#;
    let (mut r, _) = run(text, 30_000);
    let mut c = Console::new();
    let o = c.exec(
        &mut r.sim,
        &format!("kafka-consumer-groups.sh {BS} --reset-offsets --group g --all-topics --to-earliest --execute"),
    );
    assert!(!o.error, "{}", o.output);
    let rows: Vec<&str> = o.output.lines().filter(|l| l.starts_with("g ")).collect();
    let named: Vec<String> = rows.iter().map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(named, ["g a 0", "g a 1", "g b 0"], "{}", o.output);
    let o = c.exec(&mut r.sim, &format!("kafka-consumer-groups.sh {BS} --describe --group g"));
    let current: Vec<(String, String, String)> = o
        .output
        .lines()
        .filter(|l| l.starts_with("g "))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[1].to_string(), f[2].to_string(), f[3].to_string())
        })
        .collect();
    assert_eq!(
        current,
        [
            ("a".into(), "0".into(), "0".into()),
            ("a".into(), "1".into(), "0".into()),
            ("b".into(), "0".into(), "0".into())
        ]
    );
    // --topic t:P names partitions of one topic.
    let o = c.exec(
        &mut r.sim,
        &format!(
            "kafka-consumer-groups.sh {BS} --reset-offsets --group g --topic b:0 --topic a:1 --to-latest --dry-run"
        ),
    );
    let rows: Vec<String> = o
        .output
        .lines()
        .filter(|l| l.starts_with("g "))
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(rows, ["g a 1", "g b 0"], "{}", o.output);
}

#[test]
fn deleting_a_topic_removes_its_records_its_offsets_and_its_partitions_from_the_group() {
    let text = r#"{"version": 1, "seed": 9, "until.ms": 60000,
      "topics": [{"name": "keep", "partitions": 2}, {"name": "drop", "partitions": 2}],
      "producers": [{"client.id": "p", "rate": {"records.per.sec": 100}}],
      "consumers": [{"client.id": "c", "group.id": "g", "topics": ["keep", "drop"], "auto.offset.reset": "earliest", "metadata.max.age.ms": 5000}]}"#;
    let (mut r, mut events) = run(text, 15_000);
    let drop_slots = r.sim.topics().get("drop").unwrap().slots.clone();
    let g = &r.sim.consumers().groups["g"];
    assert!(drop_slots.iter().all(|s| g.committed.contains_key(s)), "committed on drop: {:?}", g.committed);
    let mut c = Console::new();
    let o = c.exec(&mut r.sim, &format!("kafka-topics.sh {BS} --delete --topic drop"));
    assert!(!o.error, "{}", o.output);
    let deleted = o.events.iter().find_map(|e| match e {
        Event::TopicDeleted { topic, offsets_deleted, .. } => Some((topic.clone(), *offsets_deleted)),
        _ => None,
    });
    assert_eq!(deleted, Some(("drop".to_string(), 2)));
    // The offsets are gone from the group and tombstoned in __consumer_offsets.
    let g = &r.sim.consumers().groups["g"];
    assert!(drop_slots.iter().all(|s| !g.committed.contains_key(s)));
    let log = &r.sim.consumers().offsets.logs[&g.offsets_partition];
    for p in 0..2 {
        assert!(!log.compacted.contains_key(&("g".to_string(), "drop".to_string(), p)), "compacted away: drop-{p}");
        let tombstone = log.recent.iter().rev().find(|r| r.topic == "drop" && r.partition == p).expect("a record");
        assert_eq!(tombstone.offset, None, "a tombstone for drop-{p}");
    }
    assert!(log.compacted.keys().any(|(_, t, _)| t == "keep"), "keep's offsets stay");
    assert!(r.sim.topics().get("drop").is_none());
    let o = c.exec(&mut r.sim, &format!("kafka-topics.sh {BS} --list"));
    assert_eq!(o.output, "__consumer_offsets\nkeep\n");
    // The consumer no longer holds drop's partitions; at its next metadata refresh the group
    // rebalances over keep only.
    r.run_until(25_000, &mut |e| events.push(e.clone()));
    assert_eq!(last_assignment(&r.sim, &events, "g")["c"], ["keep-0", "keep-1"]);
    let described = c.exec(&mut r.sim, &format!("kafka-consumer-groups.sh {BS} --describe --group g")).output;
    assert!(!described.contains("drop"), "{described}");
}

#[test]
fn one_reassignment_moves_partitions_of_two_topics() {
    let text = r#"{"version": 1, "seed": 1, "until.ms": 60000,
      "topic": {"name": "test1", "partitions": 2, "replication.factor": 2, "replica.assignment": [[1, 2], [2, 3]]},
      "topics": [{"name": "test2", "partitions": 1, "replication.factor": 2, "replica.assignment": [[1, 3]]}],
      "cluster": {"brokers": [1, 2, 3, 4]},
      "producers": [{"client.id": "p", "rate": {"records.per.sec": 100}, "topics": ["test1", "test2"]}]}"#;
    let (mut r, _) = run(text, 5_000);
    let mut c = Console::new();
    c.write_file(
        "move.json",
        r#"{"version": 1, "partitions": [{"topic": "test1", "partition": 1, "replicas": [4, 3]}, {"topic": "test2", "partition": 0, "replicas": [4, 1]}]}"#,
    )
    .unwrap();
    let o =
        c.exec(&mut r.sim, &format!("kafka-reassign-partitions.sh {BS} --execute --reassignment-json-file move.json"));
    assert!(o.output.contains("Successfully started partition reassignments for test1-1,test2-0"), "{}", o.output);
    r.run_until(20_000, &mut |_| {});
    let o =
        c.exec(&mut r.sim, &format!("kafka-reassign-partitions.sh {BS} --verify --reassignment-json-file move.json"));
    assert!(o.output.contains("Reassignment of partition test1-1 is completed."), "{}", o.output);
    assert!(o.output.contains("Reassignment of partition test2-0 is completed."), "{}", o.output);
    let d = c.exec(&mut r.sim, &format!("kafka-topics.sh {BS} --describe --topic 'test.'")).output;
    assert!(d.contains("Topic: test1\tPartition: 1\tLeader: ") && d.contains("\tReplicas: 4,3\t"), "{d}");
    assert!(d.contains("Topic: test2\tPartition: 0\tLeader: ") && d.contains("\tReplicas: 4,1\t"), "{d}");
    // --generate over both topics proposes every partition of each.
    c.write_file("topics.json", r#"{"version": 1, "topics": [{"topic": "test1"}, {"topic": "test2"}]}"#).unwrap();
    let o = c.exec(
        &mut r.sim,
        &format!(
            "kafka-reassign-partitions.sh {BS} --generate --topics-to-move-json-file topics.json --broker-list 1,2,3,4"
        ),
    );
    let proposal = o.output.split("Proposed partition reassignment configuration\n").nth(1).unwrap_or("");
    for tp in [
        "\"topic\":\"test1\",\"partition\":0",
        "\"topic\":\"test1\",\"partition\":1",
        "\"topic\":\"test2\",\"partition\":0",
    ] {
        assert!(proposal.contains(tp), "{tp} in {proposal}");
    }
}

#[test]
fn the_bounds_on_topics_and_partitions_are_named_and_change_nothing() {
    let mut sim = Sim::new(Default::default(), 1).unwrap();
    for i in 1..TOPICS_MAX {
        sim.apply(Command::CreateTopic { spec: TopicSpec::new(format!("t{i}"), 1) }).expect("room");
    }
    assert_eq!(sim.topics().len(), TOPICS_MAX);
    let before = format!("{:?}", sim.snapshot(Default::default()));
    let e = sim.apply(Command::CreateTopic { spec: TopicSpec::new("one-more", 1) }).unwrap_err();
    assert_eq!(e.to_string(), format!("topics: topics: the playground holds at most {TOPICS_MAX} topics"));
    assert_eq!(format!("{:?}", sim.snapshot(Default::default())), before);
    // Partitions over all topics.
    let mut sim = Sim::new(Default::default(), 1).unwrap();
    let mut made = sim.topics().partitions_total();
    let mut i = 0;
    while made + 64 <= PARTITIONS_TOTAL_MAX {
        i += 1;
        sim.apply(Command::CreateTopic { spec: TopicSpec::new(format!("big{i}"), 64) }).expect("room");
        made += 64;
    }
    let e = sim.apply(Command::CreateTopic { spec: TopicSpec::new("too-many", 64) }).unwrap_err().to_string();
    assert!(e.contains(&format!("at most {PARTITIONS_TOTAL_MAX}")), "{e}");
    let e = sim.apply(Command::AlterTopicPartitions { topic: "big1".into(), partitions: 65 }).unwrap_err().to_string();
    assert!(e.contains("partitions: must be between 1 and 64"), "{e}");
    // The first topic stays, and a topic a producer sends to is not deleted from under it.
    let e = sim.apply(Command::DeleteTopic { topic: "orders".into() }).unwrap_err().to_string();
    assert!(e.contains("keeps its first topic"), "{e}");
    let e = sim.apply(Command::DeleteTopic { topic: "nope".into() }).unwrap_err().to_string();
    assert!(e.contains("UnknownTopicOrPartitionException"), "{e}");
}

#[test]
fn a_producer_spreads_records_over_its_topics_by_weight() {
    let text = r#"{"version": 1, "seed": 2, "until.ms": 60000,
      "topics": [{"name": "heavy", "partitions": 2}, {"name": "light", "partitions": 2}],
      "producers": [{"client.id": "p", "rate": {"records.per.sec": 1000}, "topics": [{"topic": "heavy", "weight": 3}, {"topic": "light", "weight": 1}]}]}"#;
    let (r, _) = run(text, 10_000);
    let count = |t: &str| -> u64 {
        r.sim.topics().get(t).unwrap().slots.iter().map(|s| r.sim.log(*s).unwrap().log_end_offset()).sum()
    };
    let (h, l) = (count("heavy"), count("light"));
    assert!(h + l > 9_000, "{h} + {l}");
    let share = h as f64 / (h + l) as f64;
    assert!((0.72..0.78).contains(&share), "3:1 by weight: {share}");
    // A producer's topic must exist (the playground's brokers do not auto-create topics).
    let bad = text.replace("\"topic\": \"light\"", "\"topic\": \"nowhere\"");
    let s = scenario::parse(&bad).expect("parses");
    let e = Run::start(&s, None).err().expect("refused").to_string();
    assert!(e.contains("topics[1].topic") && e.contains("unknown topic nowhere"), "{e}");
}

#[test]
fn files_written_before_topics_existed_still_read_the_same() {
    for text in [scenario::DEFAULT_SCENARIO, scenario::SEED_REASSIGNMENT_SCENARIO] {
        let s = scenario::parse(text).unwrap();
        assert!(s.sim.topics.is_empty());
        let again = scenario::parse(&scenario::to_json(&s)).unwrap();
        assert_eq!(again, s);
        assert!(!scenario::to_json(&s).contains("\"topics\""), "nothing new is written for one topic");
    }
    // A file with several topics is written back as read.
    let s = scenario::parse(&two_topics("range", "g")).unwrap();
    assert_eq!(scenario::parse(&scenario::to_json(&s)).unwrap(), s);
}
