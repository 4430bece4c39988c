//! Each preset on the page tells its story when run headless: the events the page animates
//! happen, at the offsets Kafka would choose.
#![cfg(not(target_arch = "wasm32"))]

use kafka_playground::presets::Preset;
use kafka_playground::scenario::Run;
use kafka_playground::sim::consumer::{ConsumerEvent, ConsumerState, ResetCause};
use kafka_playground::sim::Event;

/// Run a preset to `until_ms`, stepping a frame at a time through `Run::advance` as the page
/// does (bounded steps per call), and return every event.
fn run(preset: Preset, until_ms: u64) -> (Run, Vec<Event>) {
    let (mut run, mut events) = Run::start(&preset.scenario(), None).unwrap();
    let mut t = 0;
    while t < until_ms * 1000 {
        t += 16_667;
        while !run.advance(t, 500, &mut events).reached {}
    }
    assert!(run.rejected.is_empty(), "{:?}", run.rejected);
    assert_eq!(run.pending_steps(), 0, "every timeline step applied");
    (run, events)
}

fn resets(events: &[Event]) -> Vec<(u32, u32, Option<u64>, u64, ResetCause, String)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Consumer {
                detail: ConsumerEvent::PositionReset { consumer, partition, from, offset, cause, policy, .. },
                ..
            } => Some((*consumer, *partition, *from, *offset, *cause, policy.clone())),
            _ => None,
        })
        .collect()
}

fn consumer_id(run: &Run, client_id: &str) -> u32 {
    run.sim.consumers.consumers.values().find(|c| c.spec.client_id == client_id).unwrap().id
}

#[test]
fn ids_round_trip_and_every_preset_starts() {
    for p in Preset::ALL {
        assert_eq!(Preset::from_id(p.id()), Some(p));
        assert!(Run::start(&p.scenario(), None).is_ok());
        assert!(!p.title(kafka_playground::i18n::Lang::Ko).is_empty());
    }
    assert_eq!(Preset::from_id("nope"), None);
}

#[test]
fn latest_starts_at_the_high_watermark_and_earliest_at_the_log_start() {
    let (run, events) = run(Preset::LatestVsEarliest, 20_000);
    let latest = consumer_id(&run, "reader-latest");
    let earliest = consumer_id(&run, "reader-earliest");
    let r = resets(&events);
    let of = |c: u32| r.iter().filter(|x| x.0 == c).cloned().collect::<Vec<_>>();
    assert_eq!(of(latest).len(), 4, "one reset per partition");
    assert_eq!(of(earliest).len(), 4);
    for (_, _, from, offset, cause, policy) in of(earliest) {
        assert_eq!((from, offset, cause, policy.as_str()), (None, 0, ResetCause::NoCommittedOffset, "earliest"));
    }
    let total_latest: u64 = of(latest).iter().map(|x| x.3).sum();
    assert!(total_latest > 100, "the busy topic held {total_latest} records when the group formed");
    for x in of(latest) {
        assert_eq!(x.4, ResetCause::NoCommittedOffset);
        assert_eq!(x.5, "latest");
    }
    let g = &run.sim.consumers.ledger.groups;
    assert!(g["new-earliest"].processed > g["new-latest"].processed + 100);
}

#[test]
fn a_consumer_down_longer_than_retention_is_reset_out_of_range() {
    let (run, events) = run(Preset::RetentionOutOfRange, 50_000);
    assert!(events.iter().any(|e| matches!(e, Event::SegmentsDeleted { .. })));
    let r = resets(&events);
    let out_of_range: Vec<_> = r.iter().filter(|x| x.4 == ResetCause::CommittedOutOfRange).collect();
    assert!(!out_of_range.is_empty(), "{r:?}");
    for (_, p, from, offset, _, policy) in out_of_range {
        let from = from.expect("a committed offset");
        assert!(from < *offset, "jumped forward over deleted records");
        assert_eq!(*offset, run.sim.log(*p).unwrap().log_start_offset().min(*offset));
        assert_eq!(policy, "earliest");
    }
    assert!(run.sim.consumers.ledger.groups["billing"].lost > 0, "the deleted records were never processed");
}

#[test]
fn none_fails_loudly_with_no_offset_for_partition() {
    let (run, events) = run(Preset::NoneFailsLoudly, 10_000);
    let c = &run.sim.consumers.consumers[&consumer_id(&run, "strict-1")];
    assert_eq!(c.state, ConsumerState::Failed);
    assert!(c.last_error.as_deref().unwrap().starts_with("NoOffsetForPartitionException"));
    assert!(resets(&events).is_empty(), "none never resets");
}

#[test]
fn offsets_expire_and_the_returning_consumer_starts_at_latest() {
    let (run, events) = run(Preset::OffsetsExpire, 90_000);
    let expired = events.iter().position(|e| {
        matches!(e, Event::Consumer { detail: ConsumerEvent::OffsetsExpired { group, .. }, .. } if group == "reports")
    });
    let expired = expired.expect("offsets expired");
    let at = events[expired].time_ms();
    assert!((70_000..=76_000).contains(&at), "empty at ~10 s, 1 minute, checked every 5 s: {at}");
    let after: Vec<_> = resets(&events[expired..]);
    assert_eq!(after.len(), 4);
    for (_, p, from, offset, cause, policy) in after {
        assert_eq!((from, cause, policy.as_str()), (None, ResetCause::NoCommittedOffset, "latest"));
        assert!(
            offset > 0 && offset <= run.sim.log(p).unwrap().log_end_offset(),
            "p{p} {offset} {:?}",
            run.sim.log(p).unwrap().log_end_offset()
        );
    }
}

#[test]
fn the_cluster_presets_place_replicas_as_described() {
    let (run, _) = run(Preset::SeedReassignment, 3_000);
    let r: Vec<Vec<i32>> = run.sim.cluster.partitions.iter().map(|p| p.replicas.clone()).collect();
    assert_eq!(r, vec![vec![1, 2, 3], vec![4, 5, 6]]);
    assert_eq!(run.sim.config().topic, "test1");
    assert_eq!(run.sim.cluster.brokers.len(), 6);
    let (run, _) = run_preset_failures();
    assert_eq!(run.sim.cluster.partitions.iter().map(|p| p.replicas.len()).collect::<Vec<_>>(), vec![3, 3, 3]);
    assert!(run.sim.cluster.partitions.iter().all(|p| p.isr.len() == 3 && p.high_watermark > 0));
}

fn run_preset_failures() -> (Run, Vec<Event>) {
    run(Preset::BrokerFailures, 5_000)
}

#[test]
fn the_backpressure_preset_lags_when_pulled_and_drops_when_pushed() {
    let (run, _) = run(Preset::Backpressure, 20_000);
    let push = run.sim.push.as_ref().unwrap();
    assert!(push.dropped > 1_000, "{}", push.dropped);
    assert_eq!(push.peak_buffered, 500);
    let lag: u64 = run.history.samples.back().unwrap().group_lag.iter().map(|g| g.1).sum();
    assert!(lag > 1_000, "{lag}");
    assert_eq!(run.sim.consumers.ledger.groups["orders-app"].lost, 0);
}
