//! A Korean event log shows Korean for every event reason: each typed reason (rebalances, members
//! leaving, leader elections) is worded in Korean, and a run that goes through them prints no
//! English reason on the Korean page. Setting names, method calls and protocol names stay as
//! Kafka spells them.

use kafka_playground::i18n::{self, Lang};
use kafka_playground::sim::reason::{Election, ElectionCause, GroupReason};

/// English left in a Korean line once Kafka's own names (settings, calls, requests) are removed.
fn english_prose(line: &str) -> Vec<String> {
    let allowed = ["LeaveGroup", "unclean", "controlled", "shutdown", "ISR"];
    // A call such as `close()` stays as Kafka's API names it.
    line.split_whitespace()
        .filter(|w| !w.contains("()"))
        .flat_map(|w| w.split(|c: char| "(),:;→".contains(c)))
        .filter(|w| !w.is_empty())
        .filter(|w| !w.contains('.') && !w.contains('_') && !w.contains('-'))
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() > 1)
        .filter(|w| !allowed.contains(w))
        .map(str::to_string)
        .collect()
}

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
        assert!(english_prose(&ko).is_empty(), "{r:?}: English in {ko:?}: {:?}", english_prose(&ko));
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

/// The seams a particle leaves when it follows a number the text cannot know ("20이(가)").
const SEAMS: [&str; 4] = ["(으)로", "이(가)", "을(를)", "은(는)"];

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
