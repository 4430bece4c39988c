//! The Korean page reads as Korean: every fixed word, every count, every refusal of the cluster
//! and the topic tool, and every event line of every preset (with ids 0-9) is worded without
//! a particle seam ("(으)로", "이(가)") or a particle glued to a number ("브로커 1가"), and
//! without English prose. Kafka's own names stay English: settings (`max.poll.records`),
//! command lines, exception names and the exception text Kafka prints after them, and the few
//! terms a Korean engineer writes in English (ISR, JSON, At Least Once in parentheses).

use kafka_playground::i18n::{self, count, t, Counted, Lang, T};
use kafka_playground::sim::reason::{Election, ElectionCause, GroupReason};

/// The seams a particle leaves when it follows a value the text cannot know ("20이(가)").
const SEAMS: [&str; 4] = ["(으)로", "이(가)", "을(를)", "은(는)"];

/// Words a Korean engineer leaves in English: Kafka's and the web's names, keys on the
/// keyboard, group states, the delivery guarantees' English names given in parentheses.
const ALLOWED: &[&str] = &[
    "Apache",
    "Kafka",
    "KRaft",
    "ms",
    "null",
    "true",
    "false",
    "JSON",
    "SVG",
    "CSV",
    "Tab",
    "Space",
    "Enter",
    "Ctrl",
    "ISR",
    "LEO",
    "HW",
    "Empty",
    "Dead",
    "Stable",
    "PreparingRebalance",
    "CompletingRebalance",
    "At",
    "Least",
    "Most",
    "Once",
    "commitSync",
    "commitAsync",
    "toPositive",
    "murmur",
    "describe",
    "dry",
    "run",
    "throttle",
    "pull",
    "fetch",
    "vs",
    "LeaveGroup",
    "unclean",
    "controlled",
    "shutdown",
    "acks",
    "all",
    "MB",
    "KB",
    "KiB",
    "MiB",
    "GB",
    "B",
    "s",
    "latest",
    "earliest",
    "none",
    "range",
    "roundrobin",
    "sticky",
    "cooperative",
    "replicas",
    // The console's own shell commands (`help` lists them).
    "ls",
    "cat",
    "echo",
    "history",
    "clear",
    "help",
];

/// Drops Kafka's exception text: from an `…Exception:` to the end of its parentheses (or of
/// the line).
fn without_kafka_text(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("Exception") {
        let start = rest[..at].rfind(|c: char| c == '(' || c == ' ').map_or(0, |i| i + 1);
        out.push_str(&rest[..start]);
        let tail = &rest[at..];
        let end = tail.find(')').unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Drops what is quoted (`"topic"`, a JSON key): code, not prose; and the English name given
/// in parentheses right after a Korean term on first use ("위치(position)").
fn without_quotes(line: &str) -> String {
    let unquoted = line.split('"').step_by(2).collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let mut rest = unquoted.as_str();
    while let Some(open) = rest.find('(') {
        let glued = rest[..open].chars().last().is_some_and(|c| ('가'..='힣').contains(&c));
        let close = rest[open..].find(')').map(|i| open + i);
        match close {
            Some(close)
                if glued && rest[open + 1..close].chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-') =>
            {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// English words left once Kafka's names (settings, calls, commands, exceptions) are removed.
fn english_prose(line: &str) -> Vec<String> {
    // A command line (`kafka-…sh --bootstrap-server localhost:9092 …`) runs to the next
    // Korean word.
    let mut in_command = false;
    without_kafka_text(&without_quotes(line))
        .split_whitespace()
        .filter(|w| {
            if w.contains(".sh") {
                in_command = true;
            } else if w.chars().any(|c| ('가'..='힣').contains(&c)) {
                in_command = false;
            }
            !in_command
        })
        .filter(|w| {
            !w.contains("()")
                && !(w.contains('(') && w.contains(')') && w.is_ascii())
                && !w.starts_with("--")
                && !w.contains(".sh")
                && !w.contains('=')
        })
        .flat_map(|w| w.split(|c: char| "(),:;→/[]{}\"'=·".contains(c)))
        .filter(|w| !w.is_empty())
        .filter(|w| !w.contains('.') && !w.contains('_') && !w.contains('-'))
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() > 1)
        .filter(|w| !ALLOWED.contains(w))
        .map(str::to_string)
        .collect()
}

/// A particle written straight after a number ("브로커 1가 ", "20을 "). A setting's fixed
/// value (`acks=0/1로`) is the writer's to read aloud, so words with `=` are skipped.
fn particle_after_number(line: &str) -> Option<String> {
    let kept: Vec<&str> = line.split(' ').filter(|w| !w.contains('=')).collect();
    let chars: Vec<char> = kept.join(" ").chars().collect();
    let particles = ["가", "이", "은", "는", "을", "를", "와", "과", "로", "으로"];
    for i in 0..chars.len() {
        if !chars[i].is_ascii_digit() {
            continue;
        }
        for p in particles {
            let pc: Vec<char> = p.chars().collect();
            let end = i + 1 + pc.len();
            if end <= chars.len()
                && chars[i + 1..end] == pc[..]
                && chars.get(end).is_none_or(|c| !('가'..='힣').contains(c))
            {
                return Some(chars[i.saturating_sub(8)..end.min(chars.len())].iter().collect());
            }
        }
    }
    None
}

/// Words the glossary (docs/glossary.md) replaced: one word per concept.
const NOT_OUR_WORDS: [&str; 7] = ["재할당", "스로틀", "장애 발생", "생산자", "소비자", "처리함", "바쁜 토픽"];

/// A line formatted with values the text cannot know (ids, offsets, counts).
fn check(what: &str, line: &str) {
    if let Some(at) = particle_after_number(line) {
        panic!("{what}: a particle right after a number ({at:?}) in {line:?}");
    }
    check_static(what, line);
}

/// A fixed text: its writer reads its own numbers aloud ("billing-1이"), so only seams,
/// glossary words and English prose are checked.
fn check_static(what: &str, line: &str) {
    assert!(!SEAMS.iter().any(|s| line.contains(s)), "{what}: a particle seam in {line:?}");
    if let Some(w) = NOT_OUR_WORDS.iter().find(|w| line.contains(**w)) {
        panic!("{what}: {w:?} is not the glossary's word, in {line:?}");
    }
    let english = english_prose(line);
    assert!(english.is_empty(), "{what}: English prose {english:?} in {line:?}");
}

#[test]
fn the_checks_catch_what_they_are_for() {
    assert!(particle_after_number("컨트롤러가 브로커 1를 펜싱").is_some());
    assert!(particle_after_number("1가 따라잡아 ISR 합류").is_some());
    assert!(particle_after_number("레코드 16개 처리").is_none());
    assert!(particle_after_number("브로커 1에 복제").is_none());
    assert_eq!(english_prose("리밸런스 시작 (session timeout)"), vec!["session", "timeout"]);
    assert!(english_prose("max.poll.records 설정 (InvalidReplicaAssignmentException: Replica 3 is unknown)").is_empty());
    assert!(english_prose("kafka-reassign-partitions.sh --verify 실행").is_empty());
}

#[test]
fn every_word_of_the_korean_page_is_korean() {
    let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
    let mut worded = 0;
    for id in T::ALL {
        let ko = t(Lang::Ko, *id);
        check_static(&format!("{id:?}"), ko);
        // A word with letters in it has Hangul in Korean, unless it is a name Kafka spells
        // (a setting, a command, an exception) or a symbol.
        if english_prose(t(Lang::En, *id)).len() > 1 {
            assert!(hangul(ko), "{id:?}: {ko:?} is not Korean");
            worded += 1;
        }
    }
    assert!(worded > 100, "{worded} sentences checked");
}

#[test]
fn counts_put_the_word_first_in_korean() {
    for what in Counted::ALL {
        for n in 0..10 {
            let ko = count(Lang::Ko, *what, n);
            check(&format!("{what:?}"), &ko);
            assert!(!ko.starts_with(|c: char| c.is_ascii_digit()), "{what:?}: {ko:?} starts with the number");
            assert!(count(Lang::En, *what, n).starts_with(&n.to_string()));
        }
    }
}

#[test]
fn refusals_are_worded_in_korean_for_any_id() {
    use kafka_playground::sim::cluster::{ClusterError, StateRefusal};
    use kafka_playground::sim::topics::TopicError;
    use kafka_playground::sim::{ClientKind, Rejected};
    for n in 0..10 {
        let b = n as i32;
        let p = n as u32;
        let clusters = [
            ClusterError::UnknownBroker { broker: b },
            ClusterError::BrokerExists { broker: b },
            ClusterError::TooManyBrokers { max: n },
            ClusterError::BrokerHasReplicas { broker: b, partitions: vec![p, p + 1] },
            ClusterError::BadState { broker: b, refusal: StateRefusal::AlreadyStopped },
            ClusterError::BadState { broker: b, refusal: StateRefusal::NotRunning },
            ClusterError::BadState { broker: b, refusal: StateRefusal::AlreadyRunning },
            ClusterError::BadState { broker: b, refusal: StateRefusal::LastBroker },
            ClusterError::UnknownPartition { partition: p },
            ClusterError::InvalidReplicas { message: format!("Replica {n} is not alive") },
            ClusterError::NoReassignment { partition: p },
        ];
        for e in &clusters {
            // An exhaustive match: a new error does not compile until it is listed above.
            match e {
                ClusterError::UnknownBroker { .. }
                | ClusterError::BrokerExists { .. }
                | ClusterError::TooManyBrokers { .. }
                | ClusterError::BrokerHasReplicas { .. }
                | ClusterError::BadState { .. }
                | ClusterError::UnknownPartition { .. }
                | ClusterError::InvalidReplicas { .. }
                | ClusterError::NoReassignment { .. } => {}
            }
            check(&format!("{e:?}"), &i18n::cluster_error(Lang::Ko, e));
            assert_eq!(i18n::cluster_error(Lang::En, e), e.to_string());
        }
        let topic = format!("orders-{n}");
        let topics = [
            TopicError::Exists { topic: topic.clone() },
            TopicError::Unknown { topic: topic.clone() },
            TopicError::TooManyTopics,
            TopicError::TooManyPartitions { asked: p, total: 250 },
            TopicError::FirstTopic { topic: topic.clone() },
            TopicError::ProducedTo { topic: topic.clone(), client_id: format!("producer-{n}") },
        ];
        for e in &topics {
            match e {
                TopicError::Exists { .. }
                | TopicError::Unknown { .. }
                | TopicError::TooManyTopics
                | TopicError::TooManyPartitions { .. }
                | TopicError::FirstTopic { .. }
                | TopicError::ProducedTo { .. } => {}
            }
            check(&format!("{e:?}"), &i18n::topic_error(Lang::Ko, e));
        }
        let rejected = [
            Rejected::UnknownProducer { producer: p },
            Rejected::UnknownConsumer { consumer: p },
            Rejected::TooManyProducers { max: n },
            Rejected::Cluster { error: clusters[4].clone() },
            Rejected::Topic { error: topics[2].clone() },
            Rejected::UnknownClient { kind: ClientKind::Producer, client_id: format!("producer-{n}") },
            Rejected::UnknownClient { kind: ClientKind::Consumer, client_id: format!("consumer-{n}") },
        ];
        for e in every_config_error(n as u32) {
            let ko = i18n::config_error(Lang::Ko, &e);
            // The field leads, as the scenario format or Kafka spells it; Kafka's own text
            // follows in parentheses, as Kafka prints it.
            let (field, words) = ko.split_once(": ").unwrap();
            assert_eq!(field, e.field);
            let words = match e.kafka_text() {
                Some((exception, text)) => {
                    let quote = format!(" ({exception}: {text})");
                    assert!(words.ends_with(&quote), "{ko} quotes Kafka's {quote:?}");
                    words.strip_suffix(&quote).unwrap()
                }
                None => words,
            };
            check(&format!("{:?}", e.problem), words);
            assert!(!words.contains(&e.message), "{ko} words {:?} in Korean", e.message);
            assert_eq!(i18n::config_error(Lang::En, &e), e.to_string());
            let rejected = i18n::rejected_text(Lang::Ko, &Rejected::InvalidConfig { error: e.clone() });
            assert_eq!(rejected, ko);
        }
        for r in &rejected {
            check(&format!("{r:?}"), &i18n::rejected_text(Lang::Ko, r));
        }
    }
}

/// One refusal of every setting problem, with `n` in every value the text cannot know.
fn every_config_error(n: u32) -> Vec<kafka_playground::sim::error::ConfigError> {
    use kafka_playground::sim::error::{ConfigError, ConfigProblem as P};
    use kafka_playground::sim::topics::TopicError;
    let v = n as u64;
    let kafka = |problem: P| ConfigError::kafka("acks", "ConfigException", format!("Invalid value {n}"), problem);
    let typed = |problem: P| ConfigError::typed("replica.assignment", format!("bad {n}"), problem);
    let all = vec![
        ConfigError::between("max.poll.records", n, 1000 + n),
        ConfigError::at_least("min.insync.replicas", n as i64),
        ConfigError::length("group.id", n + 240),
        ConfigError::at_most("consumers", v),
        ConfigError::pair("pause.resume", ("low", "high"), true, v),
        ConfigError::pair("processing.ms", ("min", "max"), false, v),
        kafka(P::OneOf { values: "all, -1, 0, 1" }),
        typed(P::Below { other: "session.timeout.ms" }),
        typed(P::DeliveryTimeout { min: v + 30_000, max: 86_400_000 }),
        typed(P::AutoCommitOnly),
        typed(P::Chars),
        typed(P::Dots),
        typed(P::Positive { max: v }),
        typed(P::MaxBytes { max: v }),
        typed(P::AtLeastOrEmpty { min: v }),
        typed(P::KeyBytes { bytes: v + 33, max: 32 }),
        typed(P::KeyOnLine { line: n, max: 32 }),
        typed(P::QueueRoom { room: v }),
        ConfigError::replica_lists("replica-assignment", n as usize, n + 1),
        typed(P::NegativeId { id: -(n as i64) }),
        typed(P::Twice { value: format!("node.id {n}") }),
        ConfigError::kafka(
            "replication.factor",
            "InvalidReplicationFactorException",
            format!(
                "InvalidReplicationFactorException: Replication factor: {} larger than available brokers: {n}.",
                n + 1
            ),
            P::ReplicationFactor { factor: n as i64 + 1, brokers: n },
        ),
        typed(P::ReplicaCount { partition: n }),
        typed(P::UnknownBroker { broker: n as i64 }),
        typed(P::UnknownTopic { topic: format!("orders-{n}") }),
        typed(P::Topic(TopicError::Exists { topic: format!("orders-{n}") })),
        ConfigError::kafka("replication.factor", "AdminOperationException", "Not all brokers", P::SomeRacks),
        kafka(P::AllFenced),
        ConfigError::kafka(
            "pattern",
            "PatternSyntaxException",
            format!("Unclosed group near index {n}"),
            P::Pattern { index: n as usize },
        ),
    ];
    for e in &all {
        // An exhaustive match: a new problem does not compile until it is listed above.
        match e.problem {
            P::Between { .. }
            | P::AtLeast { .. }
            | P::Length { .. }
            | P::AtMost { .. }
            | P::Pair { .. }
            | P::OneOf { .. }
            | P::Below { .. }
            | P::DeliveryTimeout { .. }
            | P::AutoCommitOnly
            | P::Chars
            | P::Dots
            | P::Positive { .. }
            | P::MaxBytes { .. }
            | P::AtLeastOrEmpty { .. }
            | P::KeyBytes { .. }
            | P::KeyOnLine { .. }
            | P::QueueRoom { .. }
            | P::ReplicaLists { .. }
            | P::NegativeId { .. }
            | P::Twice { .. }
            | P::ReplicationFactor { .. }
            | P::ReplicaCount { .. }
            | P::UnknownBroker { .. }
            | P::UnknownTopic { .. }
            | P::Topic(_)
            | P::SomeRacks
            | P::AllFenced
            | P::Pattern { .. } => {}
        }
    }
    all
}

/// Every preset runs for a minute of simulated time, its first consumer crashes and its first
/// broker stops: every event line of the Korean log, with the clients named by bare ids, reads
/// without seams and without English prose.
#[test]
fn every_event_line_of_every_preset_reads_as_korean() {
    use kafka_playground::presets::Preset;
    use kafka_playground::scenario::Run;
    use kafka_playground::sim::Command;
    let mut lines = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for preset in Preset::ALL {
        let scenario = preset.scenario();
        // The scenario's own names (topics, groups, client ids) are the visitor's words.
        let mut names = Vec::new();
        collect_strings(&serde_json::to_value(&scenario).unwrap(), &mut names);
        names.sort_by_key(|n: &String| std::cmp::Reverse(n.len()));
        let (mut run, mut events) = Run::start(&scenario, None).unwrap();
        run.run_until(20_000, &mut |e| events.push(e.clone()));
        let consumer = run.sim.consumers.consumers.keys().next().copied();
        if let Some(c) = consumer {
            events.extend(run.sim.apply(Command::CrashConsumer { consumer: c }).unwrap_or_default());
        }
        events.extend(run.sim.apply(Command::StopBroker { broker: 1 }).unwrap_or_default());
        run.run_until(60_000, &mut |e| events.push(e.clone()));
        events.extend(run.sim.apply(Command::RestartBroker { broker: 1 }).unwrap_or_default());
        run.run_until(80_000, &mut |e| events.push(e.clone()));
        for e in &events {
            let mut ko = i18n::event_line_with(Lang::Ko, e, &|id| (id % 10).to_string(), &|id| (id % 10).to_string());
            for n in names.iter().filter(|n| n.len() > 1) {
                ko = ko.replace(n.as_str(), "이름");
            }
            check(&format!("{preset:?}"), &ko);
            kinds.insert(format!("{e:?}").split([' ', '{', '(']).next().unwrap_or_default().to_string());
            lines += 1;
        }
    }
    assert!(lines > 1000 && kinds.len() >= 5, "{lines} lines of {} kinds", kinds.len());
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// The presets' titles and stories, the lessons' titles and every step, in Korean.
#[test]
fn presets_and_lessons_read_as_korean() {
    use kafka_playground::lessons::LESSONS;
    use kafka_playground::presets::Preset;
    for p in Preset::ALL {
        let mut names = Vec::new();
        collect_strings(&serde_json::to_value(p.scenario()).unwrap(), &mut names);
        names.sort_by_key(|n: &String| std::cmp::Reverse(n.len()));
        let unnamed = |text: &str| {
            names.iter().filter(|n| n.len() > 1).fold(text.to_string(), |t, n| t.replace(n.as_str(), "이름"))
        };
        check_static(&format!("{p:?} title"), &unnamed(p.title(Lang::Ko)));
        check_static(&format!("{p:?} story"), &unnamed(p.story(Lang::Ko)));
        // Titles fit a 390 px menu: at most 30 characters.
        assert!(p.title(Lang::Ko).chars().count() <= 30, "{p:?}: {:?} is too long for 390 px", p.title(Lang::Ko));
    }
    let mut names = Vec::new();
    for p in Preset::ALL {
        collect_strings(&serde_json::to_value(p.scenario()).unwrap(), &mut names);
    }
    names.sort_by_key(|n: &String| std::cmp::Reverse(n.len()));
    let unnamed =
        |text: &str| names.iter().filter(|n| n.len() > 1).fold(text.to_string(), |t, n| t.replace(n.as_str(), "이름"));
    for l in LESSONS {
        check_static(l.id, l.title[1]);
        for (i, s) in l.steps.iter().enumerate() {
            check_static(&format!("{} step {}", l.id, i + 1), &unnamed(s.text[1]));
        }
    }
}

// Typed reasons (rebalances, members leaving, leader elections, resets): each worded in Korean,
// and a run that goes through them prints no English reason on the Korean page.
fn every_group_reason() -> Vec<GroupReason> {
    // An exhaustive match: a new reason does not compile until it is listed here.
    let all = vec![
        GroupReason::FirstMemberJoined,
        GroupReason::MemberJoined,
        GroupReason::LeaveGroup,
        GroupReason::SessionTimeout,
        GroupReason::PollTimeout,
        GroupReason::RebalanceTimeout,
        GroupReason::CooperativeFollowUp,
        GroupReason::MetadataChanged { topic: "orders".into(), assigned: 3, now: 6 },
        GroupReason::SubscriptionChanged { from: vec!["orders".into()], to: vec!["orders".into(), "orders-eu".into()] },
    ];
    for r in &all {
        match r {
            GroupReason::FirstMemberJoined
            | GroupReason::MemberJoined
            | GroupReason::LeaveGroup
            | GroupReason::SessionTimeout
            | GroupReason::PollTimeout
            | GroupReason::RebalanceTimeout
            | GroupReason::CooperativeFollowUp
            | GroupReason::MetadataChanged { .. }
            | GroupReason::SubscriptionChanged { .. } => {}
        }
    }
    all
}

fn every_election() -> Vec<Election> {
    let causes = [
        ElectionCause::BrokerFenced,
        ElectionCause::ControlledShutdown,
        ElectionCause::BrokerRestarted,
        ElectionCause::LeaderRemoved,
        ElectionCause::ReassignmentCancelled,
        ElectionCause::Preferred,
    ];
    for c in causes {
        match c {
            ElectionCause::BrokerFenced
            | ElectionCause::ControlledShutdown
            | ElectionCause::BrokerRestarted
            | ElectionCause::LeaderRemoved
            | ElectionCause::ReassignmentCancelled
            | ElectionCause::Preferred => {}
        }
    }
    causes.iter().flat_map(|&cause| [false, true].map(|unclean| Election { cause, unclean })).collect()
}

#[test]
fn every_reason_has_korean_words_and_no_english_prose() {
    for r in every_group_reason() {
        let ko = i18n::group_reason(Lang::Ko, &r);
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{r:?}: {ko}");
        // The topics' names are the visitor's.
        let words = ko.replace("orders-eu", "").replace("orders", "");
        assert!(english_prose(&words).is_empty(), "{r:?}: English in {ko:?}: {:?}", english_prose(&words));
        assert_ne!(ko, i18n::group_reason(Lang::En, &r));
    }
    for e in every_election() {
        let ko = i18n::election(Lang::Ko, &e);
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{e:?}: {ko}");
        assert!(english_prose(&ko).is_empty(), "{e:?}: English in {ko:?}: {:?}", english_prose(&ko));
    }
}

#[test]
fn the_english_page_and_the_command_line_keep_kafkas_wording() {
    use kafka_playground::sim::reason::Reason;
    let r = Reason::new(GroupReason::SessionTimeout);
    assert_eq!(i18n::group_reason(Lang::En, r.kind()), r.as_str());
    assert!(r.contains("session.timeout.ms"));
    let e = Reason::new(Election { cause: ElectionCause::BrokerFenced, unclean: true });
    assert_eq!(e, "broker fenced (unclean)");
    assert_eq!(serde_json::to_string(&e).unwrap(), "\"broker fenced (unclean)\"");
}

/// The seed's crash story, in Korean: a consumer crashes, its session times out, the group
/// rebalances; a broker is stopped and another takes leadership. No line gives its reason in
/// English.
#[test]
fn a_korean_event_log_gives_every_reason_in_korean() {
    use kafka_playground::scenario::{Run, Scenario};
    use kafka_playground::sim::Command;
    let scenario: Scenario = kafka_playground::scenario::playground_default();
    let (mut run, mut events) = Run::start(&scenario, None).unwrap();
    run.run_until(8_000, &mut |e| events.push(e.clone()));
    events.extend(run.sim.apply(Command::CrashConsumer { consumer: 1 }).unwrap());
    events.extend(run.sim.apply(Command::StopBroker { broker: 1 }).unwrap());
    run.run_until(30_000, &mut |e| events.push(e.clone()));
    use kafka_playground::sim::cluster::ClusterEvent;
    use kafka_playground::sim::consumer::ConsumerEvent;
    use kafka_playground::sim::Event;
    let mut reasons = 0;
    for e in &events {
        let (english, korean) = match e {
            Event::Consumer {
                detail: ConsumerEvent::RebalanceStarted { reason, .. } | ConsumerEvent::MemberLeft { reason, .. },
                ..
            } => (reason.to_string(), i18n::group_reason(Lang::Ko, reason.kind())),
            Event::Cluster { detail: ClusterEvent::LeaderElected { reason, .. }, .. } => {
                (reason.to_string(), i18n::election(Lang::Ko, reason.kind()))
            }
            _ => continue,
        };
        reasons += 1;
        let line = i18n::event_line(Lang::Ko, e, &|id| format!("consumer-{id}"));
        assert!(line.contains(&korean) && !line.contains(&english), "{line:?} gives the reason in English ({english})");
        assert!(english_prose(&korean).is_empty(), "English in {korean:?}");
    }
    assert!(reasons >= 3, "the story rebalanced, a member left and a leader was elected ({reasons})");
}

#[test]
fn reset_causes_and_unknown_values_read_without_particle_seams_for_any_number() {
    use kafka_playground::i18n::{field_error, Field, FieldError, FieldProblem};
    use kafka_playground::sim::consumer::ResetCause;
    let mut lines = Vec::new();
    for n in 0..10u64 {
        for cause in [ResetCause::NoCommittedOffset, ResetCause::CommittedOutOfRange, ResetCause::FetchOutOfRange] {
            lines.push(i18n::reset_cause_text(Lang::Ko, cause, Some(n)));
        }
        let e = FieldError { field: Field::Partitions, problem: FieldProblem::Unknown(n.to_string()) };
        lines.push(field_error(Lang::Ko, &e));
    }
    for line in &lines {
        assert!(!SEAMS.iter().any(|s| line.contains(s)), "a particle seam in {line:?}");
        assert!(english_prose(line).is_empty(), "English prose in {line:?}: {:?}", english_prose(line));
    }
}

/// The checks themselves type what they refuse: the Korean page words a real refusal, not
/// a fallback.
#[test]
fn real_refusals_carry_their_typed_problem() {
    use kafka_playground::sim::cluster::ClusterConfig;
    use kafka_playground::sim::config::{validate_client_id, validate_topic_name, Acks};
    use kafka_playground::sim::error::ConfigProblem as P;
    let acks = Acks::parse("2").unwrap_err();
    assert_eq!(acks.problem, P::OneOf { values: "all, -1, 0, 1" });
    assert_eq!(acks.to_string(), "acks: Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1");
    assert_eq!(
        i18n::config_error(Lang::Ko, &acks),
        "acks: all, -1, 0, 1 중 하나여야 합니다. (ConfigException: Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1)"
    );
    assert_eq!(validate_topic_name("..").unwrap_err().problem, P::Dots);
    assert_eq!(validate_topic_name("a b").unwrap_err().problem, P::Chars);
    assert_eq!(validate_client_id("a/b").unwrap_err().problem, P::Chars);
    let mut cluster = ClusterConfig::default();
    cluster.replication_factor = cluster.brokers.len() as u16 + 1;
    let e = cluster.validate().unwrap_err();
    assert_eq!(
        e.problem,
        P::ReplicationFactor { factor: cluster.brokers.len() as i64 + 1, brokers: cluster.brokers.len() as u32 }
    );
    assert!(i18n::config_error(Lang::Ko, &e).contains("(InvalidReplicationFactorException: Replication factor:"));
}

/// A scenario file's refusal of every kind, and a share link's, at line and column `n`: worded
/// in Korean without seams, particles after numbers or English prose (Kafka's exception text
/// quoted after an exception's name is Kafka's).
#[test]
fn scenario_and_share_refusals_read_as_korean() {
    use kafka_playground::scenario::share::ShareError;
    use kafka_playground::scenario::{JsonKind, JsonType, ScenarioError, ScenarioProblem as P};
    use kafka_playground::sim::cluster::json::JsonSyntax;
    use kafka_playground::sim::error::ConfigProblem;
    use kafka_playground::util::shell::ShellError;
    for n in 0..10usize {
        let mut problems: Vec<P> = JsonSyntax::ALL.iter().flat_map(|s| [P::Json(*s), P::FixJsonFirst(*s)]).collect();
        problems.extend([
            P::TooBig { bytes: n + 262_144, max: 262_144 },
            P::UnknownField { field: format!("linger{n}") },
            P::DuplicateField { field: "partitions".into() },
            P::MissingField { field: "group.id".into() },
            P::InvalidType { found: JsonKind::Str(format!("soon{n}")), expected: JsonType::U64 },
            P::InvalidType { found: JsonKind::Bool(n % 2 == 0), expected: JsonType::I32 },
            P::InvalidType { found: JsonKind::Integer(n.to_string()), expected: JsonType::Bool },
            P::InvalidType { found: JsonKind::Float(format!("{n}.5")), expected: JsonType::String },
            P::InvalidType { found: JsonKind::Null, expected: JsonType::Sequence },
            P::InvalidType { found: JsonKind::Sequence, expected: JsonType::Map },
            P::InvalidType { found: JsonKind::Map, expected: JsonType::F64 },
            P::InvalidValue { value: format!("-{n}"), expected: JsonType::U32 },
            P::InvalidValue { value: format!("7000{n}"), expected: JsonType::U16 },
            P::InvalidValue { value: format!("9{n}"), expected: JsonType::I64 },
            P::InvalidValue { value: format!("9{n}"), expected: JsonType::U64 },
            P::InvalidValue { value: format!("9{n}"), expected: JsonType::Object },
            P::UnknownVariant { value: format!("never{n}"), expected: vec!["auto".into(), "sync".into()] },
            P::Version { reads: 1, found: n as u32 },
            P::Setting { problem: ConfigProblem::AtLeast { min: n as i64 }, exception: None },
            P::Setting {
                problem: ConfigProblem::OneOf { values: "all, -1, 0, 1" },
                exception: Some("ConfigException"),
            },
            P::UnlimitedOrAtLeastZero,
            P::ClusterWide,
            P::BurstyOnly,
            P::BurstyNeeds,
            P::FixedOnly,
            P::TopicsOrPattern,
            P::NoTopics,
            P::OneAction,
            P::ConsoleOnly,
            P::ConsoleLine(ShellError::Unterminated { quote: '\'', column: n }),
            P::ConsoleLine(ShellError::TrailingBackslash { column: n }),
            P::Tool { exception: "AdminOperationException", text: format!("Partition {n} is listed twice") },
            P::NotAnObject,
            P::CommandLine,
        ]);
        for p in &problems {
            // An exhaustive match: a new problem does not compile until it is listed above.
            match p {
                P::Json(_)
                | P::FixJsonFirst(_)
                | P::TooBig { .. }
                | P::UnknownField { .. }
                | P::DuplicateField { .. }
                | P::MissingField { .. }
                | P::InvalidType { .. }
                | P::InvalidValue { .. }
                | P::UnknownVariant { .. }
                | P::Version { .. }
                | P::Setting { .. }
                | P::UnlimitedOrAtLeastZero
                | P::ClusterWide
                | P::BurstyOnly
                | P::BurstyNeeds
                | P::FixedOnly
                | P::TopicsOrPattern
                | P::NoTopics
                | P::OneAction
                | P::ConsoleOnly
                | P::ConsoleLine(_)
                | P::Tool { .. }
                | P::NotAnObject
                | P::CommandLine => {}
            }
            let message = match p {
                P::Setting { exception: Some(_), .. } => format!("Invalid value {n} for configuration acks"),
                _ => format!("English words for {n}"),
            };
            let e = ScenarioError {
                path: format!("producers[{n}].acks"),
                line: n + 1,
                column: n,
                message,
                problem: p.clone(),
            };
            let ko = i18n::scenario_error(Lang::Ko, &e);
            // The place leads, as the file spells it.
            let words = ko.strip_prefix(&format!("producers[{n}].acks: ")).expect("the place leads");
            check(&format!("{p:?}"), words);
            assert!(ko.ends_with(&format!("(줄 {}, 열 {n})", n + 1)), "{ko}: where in the text");
            if !matches!(p, P::Setting { exception: Some(_), .. }) {
                assert!(!ko.contains(&e.message), "{ko} words {:?} in Korean", e.message);
            }
            assert_eq!(i18n::scenario_error(Lang::En, &e), e.to_string());
        }
        let scenario =
            ScenarioError { path: String::new(), line: 0, column: 0, message: "x".into(), problem: P::NoTopics };
        let shares = [
            ShareError::TooLong { chars: 12_000 + n },
            ShareError::NotALink,
            ShareError::NotBase64 { position: n, character: '@' },
            ShareError::CutShort,
            ShareError::Corrupt,
            ShareError::NotUtf8,
            ShareError::NotANumber { name: "seed", value: format!("x{n}") },
            ShareError::NotANumber { name: "at.ms", value: format!("y{n}") },
            ShareError::AtMs { max: 3_600_000 + n as u64 },
            ShareError::NoScenario,
            ShareError::Scenario(scenario.clone()),
        ];
        for e in &shares {
            match e {
                ShareError::TooLong { .. }
                | ShareError::NotALink
                | ShareError::NotBase64 { .. }
                | ShareError::CutShort
                | ShareError::Corrupt
                | ShareError::NotUtf8
                | ShareError::NotANumber { .. }
                | ShareError::AtMs { .. }
                | ShareError::NoScenario
                | ShareError::Scenario(_) => {}
            }
            let ko = i18n::share_error(Lang::Ko, e);
            check(&format!("{e:?}"), &ko);
            assert!(ko.starts_with("공유 링크: "), "{ko}");
            assert_eq!(i18n::share_error(Lang::En, e), e.to_string());
        }
    }
}

/// Real files refused by the reader are worded in Korean from their type, with the place.
#[test]
fn real_scenario_refusals_read_as_korean() {
    let cases = [
        ("{\"version\": 1,, }", "JSON 문법 오류입니다."),
        ("{\"version\": 1, \"topic\": {\"partitions\": \"three\"}}", "값의 타입이 맞지 않습니다"),
        ("{\"version\": 1, \"topic\": {\"partitions\": -2}}", "값이 범위를 벗어났습니다"),
        ("{\"version\": 1, \"topic\": {\"partitions\": 2, \"partitions\": 3}}", "같은 필드가 두 번"),
        ("{\"version\": 1, \"topic\": {}}", "꼭 있어야 하는 필드가 없습니다"),
        ("{\"version\": 1, \"topik\": {}}", "없는 필드입니다"),
        ("{\"version\": 9, \"topic\": {\"partitions\": 2}}", "버전 1 형식만"),
        ("{\"version\": 1, \"topic\": {\"partitions\": 0}}", "사이의 값이어야"),
        (
            "{\"version\": 1, \"topic\": {\"partitions\": 1}, \"producers\": [{\"client.id\": \"p\", \"rate\": {\"records.per.sec\": 1}, \"acks\": \"2\"}]}",
            "(ConfigException: Invalid value 2 for configuration acks",
        ),
        (
            "{\"version\": 1, \"topic\": {\"partitions\": 1}, \"timeline\": [{\"at.ms\": 1, \"console\": \"echo 'open\"}]}",
            "따옴표(')가 닫히지 않았습니다",
        ),
    ];
    for (text, words) in cases {
        let e = kafka_playground::scenario::parse(text).expect_err("refused");
        let ko = i18n::scenario_error(Lang::Ko, &e);
        let (place, worded) = ko.split_once(": ").expect("the place leads");
        assert!(place == e.path || place == "시나리오", "{ko}");
        check(text, worded);
        assert!(ko.contains(words), "{text}: {ko}");
        assert!(ko.contains("(줄 "), "{text}: {ko} says where");
    }
}

/// The console's `help` in Korean: the tools' command lines stay as Kafka spells them, every
/// other line (what the console is, the notes, the shell's commands) reads as Korean.
#[test]
fn console_help_reads_as_korean() {
    use kafka_playground::tools::console::{HelpNote, COMMANDS};
    for n in HelpNote::ALL {
        // A closed set: a new note does not compile until it is listed.
        match n {
            HelpNote::Intro | HelpNote::TopicRegex | HelpNote::ProducerInput | HelpNote::Builtins => {}
        }
    }
    let topics: Vec<Option<&str>> = std::iter::once(None).chain(COMMANDS[..6].iter().map(|c| Some(*c))).collect();
    let mut notes = 0;
    for topic in topics {
        let en = i18n::console_help(Lang::En, topic);
        assert_eq!(en, kafka_playground::tools::console::help(topic), "the English page prints the CLI's help");
        let ko = i18n::console_help(Lang::Ko, topic);
        assert_eq!(ko.lines().count(), en.lines().count(), "{topic:?}: one Korean line per English line");
        for (k, e) in ko.lines().zip(en.lines()) {
            if k == e {
                // A command line (or a blank line): Kafka's options.
                assert!(k.is_empty() || k.contains("--"), "{topic:?}: {k:?} is neither a command line nor Korean");
                continue;
            }
            check_static(&format!("help {topic:?}"), k);
            assert!(k.chars().any(|c| ('가'..='힣').contains(&c)), "{k:?}");
            notes += 1;
        }
    }
    assert!(notes >= 4, "{notes} notes worded");
}
