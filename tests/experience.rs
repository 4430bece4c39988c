//! The playground experience, natively: time travel (scrub back and forward, fork), share
//! links through the page model, the console through the page model, and every lesson
//! followed to its end.

use kafka_playground::app::{Action, AppModel, ReassignForm, TermKind};
use kafka_playground::i18n::Lang;
use kafka_playground::lessons::{EventKind, Wait, LESSONS};
use kafka_playground::presets::Preset;
use kafka_playground::scenario;
use kafka_playground::tools::reassign::ReassignAction;

fn model(preset: Preset) -> AppModel {
    let mut m = AppModel::with_scenario(preset.scenario(), None, Lang::En, 1280.0);
    m.preset = preset;
    m
}

fn state(m: &AppModel) -> String {
    format!("{:?}", m.run.sim.snapshot(Default::default()))
}

fn step_ms(m: &mut AppModel, ms: u64) {
    for _ in 0..ms / 100 {
        m.update(Action::Step100Ms);
    }
}

#[test]
fn scrubbing_back_and_forward_reproduces_the_same_state() {
    let mut m = model(Preset::Default);
    step_ms(&mut m, 4_000);
    m.update(Action::CrashConsumer(1));
    step_ms(&mut m, 3_000);
    m.update(Action::ConsoleLine(
        "kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic orders --partitions 8".into(),
    ));
    assert_eq!(m.run.sim.partition_count(), 8, "{:?}", m.terminal);
    step_ms(&mut m, 9_000);
    let end_ms = m.run.sim.now_ms();
    let at_end = state(&m);
    let visitor_steps = m.travel.timeline.iter().filter(|(_, v)| *v).count();
    assert_eq!(visitor_steps, 2);
    assert!(m.travel.checkpoints() >= 3, "checkpoints are taken as time passes");

    m.update(Action::Seek(5_000));
    assert_eq!(m.run.sim.now_ms(), 5_000);
    assert!(m.in_past());
    assert_eq!(m.run.sim.partition_count(), 6, "the partitions were added later");
    let at_5s = state(&m);
    m.update(Action::Seek(end_ms));
    assert_eq!(state(&m), at_end, "forward again: the same state");
    assert!(!m.in_past());
    m.update(Action::Seek(5_000));
    assert_eq!(state(&m), at_5s, "back again: the same state");
    m.update(Action::Seek(0));
    assert_eq!(m.run.sim.now_ms(), 0);

    // Scrubbing lands on the same state as a run that went straight there.
    let mut straight = model(Preset::Default);
    step_ms(&mut straight, 4_000);
    straight.update(Action::CrashConsumer(1));
    step_ms(&mut straight, 1_000);
    m.update(Action::Seek(5_000));
    assert_eq!(state(&m), state(&straight));
}

#[test]
fn acting_in_the_past_discards_the_future() {
    let mut m = model(Preset::Default);
    step_ms(&mut m, 3_000);
    m.update(Action::CrashConsumer(1));
    step_ms(&mut m, 5_000);
    m.update(Action::RestartConsumer(1));
    step_ms(&mut m, 2_000);
    assert_eq!(m.travel.timeline.iter().filter(|(_, v)| *v).count(), 2);
    m.update(Action::Seek(5_000));
    m.update(Action::CrashConsumer(2));
    let visitor: Vec<u64> = m.travel.timeline.iter().filter(|(_, v)| *v).map(|(s, _)| s.at_ms).collect();
    assert_eq!(visitor, vec![3_000, 5_000], "the restart at 8 s is gone; the new crash is recorded");
    assert_eq!(m.travel.horizon_us, 5_000_000);
    assert!(m.travel.markers.iter().all(|mk| mk.at_ms <= 5_000));
    assert!(!m.in_past());
}

#[test]
fn a_share_link_opens_the_same_run_at_the_same_moment() {
    let mut m = model(Preset::SeedReassignment);
    step_ms(&mut m, 2_000);
    m.update(Action::Reassign(ReassignForm {
        action: ReassignAction::Execute,
        throttle: String::new(),
        additional: false,
        broker_list: String::new(),
    }));
    step_ms(&mut m, 1_500);
    m.update(Action::ConsoleLine("kafka-console-producer.sh --bootstrap-server localhost:9092 --topic test1 --property parse.key=true --property key.separator=:".into()));
    m.update(Action::ConsoleLine("k1:hello".into()));
    m.update(Action::ConsoleEnd);
    step_ms(&mut m, 2_500);
    m.update(Action::MakeShareLink);
    let link = m.share.clone().expect("made").expect("fits");
    let mut other = model(Preset::Default);
    other.update(Action::OpenShareLink(format!("#run={link}")));
    assert_eq!(other.run.sim.now_ms(), m.run.sim.now_ms());
    assert_eq!(state(&other), state(&m));
    other.update(Action::OpenShareLink("#run=v1.@@@".into()));
    let e = other.share.clone().expect("answered").expect_err("bad link");
    assert!(e.to_string().contains("not base64url"), "{e}");
    assert_eq!(
        e,
        kafka_playground::app::FileRefusal::Share(kafka_playground::scenario::share::ShareError::NotBase64 {
            position: 1,
            character: '@'
        })
    );
    assert_eq!(state(&other), state(&m), "a bad link changes nothing");
}

#[test]
fn the_console_on_the_page_prints_kafka_output_and_errors() {
    let mut m = model(Preset::SeedReassignment);
    step_ms(&mut m, 1_000);
    m.update(Action::ConsoleLine("kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic test1".into()));
    let out: Vec<&str> = m.terminal.iter().map(|l| l.text.as_str()).collect();
    assert!(
        out.iter().any(|l| l.starts_with("Topic: test1\tTopicId: ") && l.contains("\tPartitionCount: 2")),
        "{out:?}"
    );
    m.update(Action::ConsoleLine("kafka-topics.sh --describe".into()));
    assert_eq!(m.terminal.back().map(|l| l.kind), Some(TermKind::Error));
    m.update(Action::ConsoleLine("clear".into()));
    assert!(m.terminal.iter().all(|l| l.kind == TermKind::Input));
    m.update(Action::ConsoleLine("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic payments --partitions 4 --replication-factor 3".into()));
    // On the running cluster, beside test1 (the run goes on; the timeline replays the line).
    assert_eq!(m.run.sim.config().topic, "test1");
    assert_eq!(m.run.sim.topics().get("payments").map(|t| t.partitions()), Some(4));
    assert_eq!(m.run.sim.now_ms(), 1_000, "the same run");
    assert!(m.terminal.iter().any(|l| l.text == "Created topic payments."), "the terminal keeps its lines");
}

#[test]
fn the_editor_validates_as_you_type_and_loads() {
    let mut m = model(Preset::Default);
    m.update(Action::EditorFromRun);
    let text = m.editor.text.clone();
    assert_eq!(scenario::parse(&text).expect("valid"), m.scenario);
    let n = format!("\"partitions\": {}", m.scenario.sim.partitions);
    assert!(text.contains(&n));
    let broken = text.replacen(&n, "\"partitions\": \"three\"", 1);
    m.update(Action::EditScenario(broken.clone()));
    let e = m.editor.status.clone().unwrap().unwrap_err().to_string();
    assert!(e.contains("topic.partitions") && e.contains("line"), "{e}");
    let before = state(&m);
    m.update(Action::LoadScenario(broken));
    assert_eq!(state(&m), before, "an invalid scenario changes nothing");
    let nine = text.replacen(&n, "\"partitions\": 9", 1);
    m.update(Action::LoadScenario(nine));
    assert_eq!(m.run.sim.partition_count(), 9);
}

/// Follow each lesson as a visitor would: do what the step asks, let time pass, Next.
#[test]
fn every_lesson_can_be_followed_to_its_end() {
    for lesson in LESSONS {
        let mut m = model(Preset::Default);
        m.update(Action::StartLesson(lesson.id.into()));
        for i in 0..lesson.steps.len() {
            let l = m.lesson.clone().expect("in the lesson");
            assert_eq!(l.step, i, "{}", lesson.id);
            if let Some(p) = l.current().load {
                assert_eq!(m.preset, p, "{} step {i} loads its preset", lesson.id);
            }
            match l.current().wait {
                Wait::Event(EventKind::ConsumerCrashed) => m.update(Action::CrashConsumer(1)),
                // Slow the brokers below the producer, as the step says.
                Wait::Event(EventKind::SendBlocked) => m.update(Action::SetProduceLimit("20000".into())),
                Wait::Event(EventKind::ReassignmentStarted) => m.update(Action::Reassign(ReassignForm {
                    action: ReassignAction::Execute,
                    throttle: String::new(),
                    additional: false,
                    broker_list: String::new(),
                })),
                Wait::Command(prefix) if prefix.starts_with("kafka-consumer-groups") => m.update(Action::ConsoleLine(
                    "kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group orders-app".into(),
                )),
                Wait::Command(_) => m.update(Action::Reassign(ReassignForm {
                    action: ReassignAction::Verify,
                    throttle: String::new(),
                    additional: false,
                    broker_list: String::new(),
                })),
                _ => {}
            }
            let mut waited = 0;
            while !m.lesson.as_ref().unwrap().done {
                assert!(waited < 120_000, "{} step {i}: nothing happened in 120 s", lesson.id);
                step_ms(&mut m, 500);
                waited += 500;
            }
            m.update(Action::LessonNext);
        }
        assert!(m.lesson.as_ref().unwrap().is_last(), "{}", lesson.id);
        m.update(Action::LessonFreePlay);
        assert!(m.lesson.is_none());
    }
}

#[test]
fn exports_carry_the_run() {
    let mut m = model(Preset::SeedReassignment);
    step_ms(&mut m, 1_000);
    m.update(Action::Reassign(ReassignForm {
        action: ReassignAction::Execute,
        throttle: "1000000".into(),
        additional: false,
        broker_list: String::new(),
    }));
    let during = kafka_playground::export::describe_text(&m.run.sim);
    assert!(during.contains("Adding Replicas: 4,5,6\tRemoving Replicas: 1,2,3"), "{during}");
    step_ms(&mut m, 2_000);
    let s = m.travel.scenario(&m.scenario);
    let trace = kafka_playground::export::trace_json(&s, m.seed, m.run.sim.now_ms());
    let v: serde_json::Value = serde_json::from_str(&trace).expect("JSON");
    let events = v["events"].as_array().expect("events");
    assert!(
        events.iter().any(|e| e["event"] == "cluster" && e["detail"].to_string().contains("reassignment_started")
            || e.to_string().contains("ReassignmentStarted")),
        "the visitor's reassignment is in the trace"
    );
    assert_eq!(v["seed"], m.seed);
    let text = kafka_playground::export::describe_text(&m.run.sim);
    assert!(text.contains("\tPartitionCount: 2"), "{text}");
    assert!(text.contains("GROUP"), "{text}");
    let real = kafka_playground::export::real_cluster(&s);
    assert!(
        real.contains(
            "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic test1 --replica-assignment 1:2:3,4:5:6"
        ),
        "{real}"
    );
    assert!(real.contains("--config min.insync.replicas=2"), "{real}");
    assert!(real.contains("kafka-reassign-partitions.sh --bootstrap-server localhost:9092 --execute --reassignment-json-file reassignment.json --throttle 1000000"), "{real}");
    assert!(real.contains("partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor"), "{real}");
}

#[test]
fn a_producer_removed_at_the_start_flushes_then_goes() {
    // The visitor acts after everything due at that millisecond (as a timeline step would): at
    // 0 ms each producer has sent its first record, so close() flushes it first.
    let mut m = model(Preset::Default);
    let ids: Vec<u32> = m.snapshot.producers.iter().map(|p| p.id).collect();
    assert_eq!(ids.len(), 3);
    m.update(Action::RemoveProducer(ids[2]));
    assert!(m.notice.is_none());
    step_ms(&mut m, 100);
    assert_eq!(m.snapshot.producers.len(), 2);
    let visitor: Vec<_> = m.travel.timeline.iter().filter(|(_, v)| *v).map(|(s, _)| s.clone()).collect();
    assert_eq!(visitor.len(), 1);
    assert_eq!(visitor[0].at_ms, 0);
    assert!(matches!(&visitor[0].action, scenario::Action::RemoveProducer(id) if id == "producer-3"));
}
