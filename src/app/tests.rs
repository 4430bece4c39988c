//! The page model's tests (natively, no browser).

use super::*;

/// Frames of 16 ms for `wall_ms` of wall time (the first at the last frame's time).
fn play_for(m: &mut AppModel, wall_ms: f64) {
    let mut t = m.clock.last_wall_ms.unwrap_or(0.0);
    m.update(Action::Tick { wall_ms: t });
    let end = t + wall_ms;
    while t < end {
        t += 16.0;
        m.update(Action::Tick { wall_ms: t });
    }
}

mod model_tests {
    use super::*;

    #[test]
    fn playing_advances_simulated_time_by_wall_time_times_speed() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        m.update(Action::SetSpeed(4.0));
        play_for(&mut m, 1000.0);
        let t = m.sim().now_ms();
        assert!((3900..=4100).contains(&t), "{t}");
        assert!(m.snapshot.records_appended > 20);
        assert!(!m.event_log.is_empty());
        m.update(Action::TogglePlay);
        let before = m.sim().now_us();
        play_for(&mut m, 500.0);
        assert_eq!(m.sim().now_us(), before, "paused");
    }

    #[test]
    fn a_paused_page_stops_asking_for_frames_once_its_marks_have_landed() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        assert!(m.wants_frames(), "playing");
        play_for(&mut m, 2000.0);
        assert!(!m.flights.is_empty() || m.snapshot.records_appended > 0);
        m.update(Action::TogglePlay);
        // What is in the air lands and the panels catch up, then nothing moves.
        let mut t = m.clock.last_wall_ms.unwrap_or(0.0);
        let mut frames = 0;
        while m.wants_frames() {
            t += 16.0;
            frames += 1;
            m.update(Action::Tick { wall_ms: t });
            assert!(frames < 1000, "a paused page keeps asking for frames");
        }
        assert!(m.flights.is_empty() && m.commit_flights.is_empty());
        let shown = m.snapshot.records_appended;
        assert_eq!(shown, m.sim().records_appended(), "the last frame drew the paused state");
        // A step that appends records starts the frames again: its records fly in.
        let before = m.sim().records_appended();
        for _ in 0..50 {
            m.update(Action::Step100Ms);
            if m.sim().records_appended() > before {
                break;
            }
        }
        assert!(m.sim().records_appended() > before);
        assert!(!m.flights.is_empty() && m.wants_frames(), "a step's records fly in");
    }

    #[test]
    fn one_tab_of_panels_and_lessons_open_the_tab_of_the_panel_they_point_at() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        assert_eq!(m.tab, Tab::Consumers);
        m.update(Action::SelectTab(Tab::Console));
        assert_eq!(m.tab, Tab::Console);
        m.update(Action::LoadPreset("seed-reassignment".into()));
        assert_eq!(m.tab, Tab::Console, "a preset keeps the visitor's tab");
        m.update(Action::StartLesson("reassignment".into()));
        let panel = m.lesson.as_ref().unwrap().current().highlight;
        assert_eq!(Some(m.tab), Tab::holding(panel), "the first step's panel ({panel}) is shown");
        // The visitor may look elsewhere during a step; the next step shows its own panel.
        m.update(Action::SelectTab(Tab::Events));
        m.update(Action::Step100Ms);
        assert_eq!(m.tab, Tab::Events);
        m.update(Action::LessonNext);
        let panel = m.lesson.as_ref().unwrap().current().highlight;
        assert_eq!(Some(m.tab), Tab::holding(panel), "the next step's panel ({panel}) is shown");
        // Every panel a lesson points at is in a tab (or is the picture, always shown).
        for l in crate::app::lessons::LESSONS {
            for step in l.steps {
                assert!(
                    step.highlight == "topic-panel" || Tab::holding(step.highlight).is_some(),
                    "{}",
                    step.highlight
                );
            }
        }
        // A broken share link is answered where share links live, and that tab is shown.
        m.update(Action::SelectTab(Tab::Producers));
        m.update(Action::OpenShareLink("#run=v1.%%%".into()));
        assert!(matches!(m.share, Some(Err(_))));
        assert_eq!(m.tab, Tab::Scenario);
    }

    #[test]
    fn bad_fields_leave_the_simulation_unchanged_and_name_the_field() {
        let mut m = AppModel::new(Lang::Ko, 390.0);
        let before = m.sim().partition_count();
        m.update(Action::AlterPartitions("lots".into()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Partitions));
        m.update(Action::AlterPartitions("3".into()));
        assert!(matches!(&m.notice, Some(Notice::Rejected(Rejected::InvalidPartitions { .. }))));
        assert_eq!(m.sim().partition_count(), before);
        m.update(Action::SetSeed("-1".into()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Seed));
        let id = m.snapshot.producers[0].id;
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        let spec_before = m.snapshot.producers[0].spec.clone();
        form.rate = "0".into();
        m.update(Action::UpdateProducer(id, form.clone()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Rate));
        assert_eq!(m.snapshot.producers[0].spec, spec_before);
        form.rate = "20".into();
        form.linger_ms = "100000".into();
        m.update(Action::UpdateProducer(id, form));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::LingerMs));
        assert_eq!(m.snapshot.producers[0].spec, spec_before);
    }

    #[test]
    fn a_page_that_opens_playing_draws_its_stage_first_and_the_rest_once_records_fly() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        m.draw_stage_first();
        assert_eq!(m.drawn, Drawn::Stage);
        // Frames as the browser gives them, each asking whether the page redraws.
        let mut t = 0.0;
        let mut first_flight_frame = None;
        for frame in 0..200 {
            t += 16.0;
            m.update(Action::Tick { wall_ms: t });
            // The window reports its size: still the stage only.
            m.update(Action::Resize(1280.0));
            if first_flight_frame.is_none() && m.clock.flight_seq > 0 {
                first_flight_frame = Some(frame);
                assert_eq!(m.drawn, Drawn::Stage, "the frame that launches the first records draws only the stage");
            }
            m.take_redraw(t);
            if m.drawn == Drawn::All {
                break;
            }
        }
        let first = first_flight_frame.expect("records flew");
        assert_eq!(m.drawn, Drawn::All, "everything drawn after the first records flew");
        assert!(m.sim().now_ms() < STAGE_FIRST_MS, "drawn because records flew, not by the time limit");
        assert!(m.clock.drawn_wall_ms > 16.0 * (first + 1) as f64, "a later redraw than the launch");

        // Paused, or an embed: everything at once.
        let mut paused = AppModel::new(Lang::En, 1280.0);
        paused.draw_stage_first();
        assert_eq!(paused.drawn, Drawn::All);
        // A visitor's first action draws everything at once.
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        m.draw_stage_first();
        m.update(Action::SelectTab(Tab::Console));
        assert_eq!(m.drawn, Drawn::All);
        // Nothing flies (no producers): the time limit.
        let mut m = AppModel::new(Lang::En, 1280.0);
        let ids: Vec<u32> = m.snapshot.producers.iter().map(|p| p.id).collect();
        for id in ids {
            m.update(Action::RemoveProducer(id));
        }
        m.update(Action::TogglePlay);
        m.draw_stage_first();
        play_for(&mut m, 600.0);
        m.take_redraw(m.clock.last_wall_ms.unwrap() + REDRAW_MS);
        assert_eq!(m.drawn, Drawn::All);
    }

    #[test]
    fn the_window_reporting_the_size_already_laid_out_changes_nothing() {
        let m = AppModel::new(Lang::En, 1280.0);
        assert!(m.changes_nothing(&Action::Resize(1280.0)), "the size the page was laid out for");
        assert!(!m.changes_nothing(&Action::Resize(390.0)), "a phone's width lays the page out again");
        // The stage measures what the style sheet makes of 1280 px (1222 px in Chromium).
        assert!(m.changes_nothing(&Action::StageWidth(1222.0)));
        let phone = AppModel::new(Lang::En, 390.0);
        assert!(phone.changes_nothing(&Action::StageWidth(348.0)), "390 px: 348 px measured");
        let wide = AppModel::new(Lang::En, 1440.0);
        assert!(wide.changes_nothing(&Action::StageWidth(1222.0)), "the page is at most 1280 px wide");
        // An embed fills its box: 1238 px of stage in 1280.
        let config = crate::app::embed::EmbedOptions { controls: Some("minimal".into()), ..Default::default() }
            .validate()
            .unwrap();
        let embed = AppModel::embedded(&config, Lang::En, 1280.0).unwrap();
        assert!(embed.changes_nothing(&Action::StageWidth(1238.0)), "{}", embed.stage_width);
        assert!(embed.changes_nothing(&Action::Resize(1280.0)));
        assert!(!m.changes_nothing(&Action::StageWidth(700.0)));
        assert!(!m.changes_nothing(&Action::TogglePlay));
        // What it says is what `update` does: nothing changes.
        let mut after = AppModel::new(Lang::En, 1280.0);
        after.update(Action::Resize(1280.0));
        assert_eq!((after.stage_width, after.layout), (m.stage_width, m.layout));
    }

    #[test]
    fn the_page_redraws_ten_times_a_second_while_flights_move_in_between() {
        // The default scenario: the lanes follow the logs every SNAPSHOT_MS and the page redraws
        // every REDRAW_MS; flights launched in between are drawn at the next redraw, started as
        // far along as they have flown; other frames change nothing on the page.
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        play_for(&mut m, 500.0);
        assert!(!m.aggregated);
        let (mut redraws, mut pages, mut launches) = (0, 0, 0);
        let mut t = m.clock.last_wall_ms.unwrap();
        for _ in 0..60 {
            let before = Rc::clone(&m.lanes);
            let flights = m.clock.flight_seq;
            t += 16.0;
            m.update(Action::Tick { wall_ms: t });
            let launched = m.clock.flight_seq > flights;
            let page = m.take_redraw(t);
            redraws += usize::from(!Rc::ptr_eq(&before, &m.lanes));
            pages += usize::from(page);
            launches += usize::from(launched);
        }
        assert!((4..=6).contains(&redraws), "{redraws} lane redraws in 960 ms");
        assert!(launches > 0, "flights launched");
        assert!((8..=11).contains(&pages), "{pages} page redraws in 960 ms");
        // 1,000 records/s: one long frame (100 ms) brings more records than a quarter of the
        // cells drawn, but at the rate of 60 Hz frames it is not a burst.
        let id = m.snapshot.producers[0].id;
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "1000".into();
        m.update(Action::UpdateProducer(id, form));
        play_for(&mut m, 500.0);
        assert!(!m.aggregated);
        t = m.clock.last_wall_ms.unwrap() + 100.0;
        m.update(Action::Tick { wall_ms: t });
        let drawn = m.snapshot.partitions.len() * m.layout.cells;
        assert!(m.records_last_frame as usize * 4 > drawn, "{} records in the long frame", m.records_last_frame);
        assert!(!m.aggregated, "one long frame does not aggregate");
        // One producer at 10,000 records/s: aggregated, lanes redrawn every SNAPSHOT_MS.
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "10000".into();
        m.update(Action::UpdateProducer(id, form));
        play_for(&mut m, 500.0);
        assert!(m.aggregated);
        assert!(m.lanes.iter().all(|l| m.arriving_from(l.partition) == u64::MAX), "no cell drawn faded");
        let leo_before: u64 = m.lanes.iter().map(|l| l.log_end_offset).sum();
        let mut redraws = 0;
        for _ in 0..60 {
            let before = Rc::clone(&m.lanes);
            t = m.clock.last_wall_ms.unwrap() + 16.0;
            m.update(Action::Tick { wall_ms: t });
            redraws += usize::from(!Rc::ptr_eq(&before, &m.lanes));
        }
        assert!((4..=6).contains(&redraws), "{redraws} redraws in 960 ms");
        let leo_after: u64 = m.lanes.iter().map(|l| l.log_end_offset).sum();
        assert!(leo_after > leo_before + 5000, "the drawn logs still advance: {leo_before} -> {leo_after}");
        // Slow again: aggregate mode holds for AGGREGATE_HOLD_MS (no flicker), then ends.
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "5".into();
        m.update(Action::UpdateProducer(id, form));
        play_for(&mut m, 300.0);
        assert!(m.aggregated, "still held");
        play_for(&mut m, 1500.0);
        assert!(!m.aggregated);
    }

    #[test]
    fn flights_are_bounded_and_land() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        let id = m.snapshot.producers[0].id;
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "20000".into();
        m.update(Action::UpdateProducer(id, form));
        m.update(Action::TogglePlay);
        m.update(Action::SetSpeed(8.0));
        play_for(&mut m, 2000.0);
        assert!(m.flights.len() <= FLIGHTS_MAX);
        assert!(m.aggregated || m.flights.iter().any(|f| f.records > 1));
        m.update(Action::TogglePlay);
        play_for(&mut m, 1000.0);
        assert!(m.flights.is_empty(), "all flights landed");
        for p in &m.snapshot.partitions {
            for r in &p.recent {
                assert!(!m.in_flight(p.partition, r.offset));
            }
        }
    }

    #[test]
    fn reset_and_seed_replay_the_same_run() {
        let run = |seed: &str| {
            let mut m = AppModel::new(Lang::En, 1280.0);
            m.update(Action::SetSeed(seed.into()));
            for _ in 0..30 {
                m.update(Action::Step100Ms);
            }
            m
        };
        let logs = |m: &AppModel| serde_json::to_string(&m.snapshot.partitions).unwrap();
        let mut a = run("7");
        let b = run("7");
        let c = run("8");
        assert_eq!(a.sim().now_ms(), 3000);
        assert_eq!(logs(&a), logs(&b));
        assert_ne!(logs(&a), logs(&c));
        a.update(Action::Reset);
        assert_eq!(a.sim().now_us(), 0);
        assert_eq!(a.seed, 7);
        assert_eq!(a.snapshot.records_appended, 0);
    }
}

mod consumer_form_tests {
    use super::*;

    #[test]
    fn consumer_form_rejects_bad_settings_with_the_setting_named() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        let before = m.run.sim.consumers().consumers.len();
        let mut form = ConsumerForm::default();
        form.max_poll_records = "lots".into();
        m.update(Action::AddConsumer(form.clone()));
        assert!(
            matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Setting("max.poll.records"))
        );
        form.max_poll_records = "0".into();
        m.update(Action::AddConsumer(form.clone()));
        let text = match &m.notice {
            Some(Notice::Rejected(r)) => crate::i18n::rejected_text(Lang::En, r),
            other => panic!("{other:?}"),
        };
        assert!(text.contains("max.poll.records") && text.contains("Value must be at least 1"), "{text}");
        form.max_poll_records = "500".into();
        form.session_timeout_ms = "1000".into();
        m.update(Action::AddConsumer(form.clone()));
        assert!(matches!(&m.notice, Some(Notice::Rejected(_))));
        assert_eq!(m.run.sim.consumers().consumers.len(), before, "nothing added");
        form.session_timeout_ms = "10000".into();
        form.group_instance_id = "static-1".into();
        form.assignor = crate::sim::group::assignor::Strategy::CooperativeSticky;
        m.update(Action::AddConsumer(form));
        assert_eq!(m.notice, None);
        let added = m.run.sim.consumers().consumers.values().last().unwrap();
        assert_eq!(added.spec.group_instance_id.as_deref(), Some("static-1"));
        assert_eq!(added.spec.assignor, crate::sim::group::assignor::Strategy::CooperativeSticky);
    }
}

mod retention_and_reset_tests {
    use super::*;
    use crate::sim::consumer::{GroupState, OffsetReset, ResetCause};

    fn step(m: &mut AppModel, ms: u64) {
        for _ in 0..ms / 100 {
            m.update(Action::Step100Ms);
        }
    }

    #[test]
    fn presets_load_by_id_and_an_unknown_id_changes_nothing() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("none-fails-loudly".into()));
        assert_eq!(m.preset, crate::app::presets::Preset::NoneFailsLoudly);
        assert_eq!(m.lanes.len(), 4);
        step(&mut m, 500);
        m.update(Action::Reset);
        assert_eq!(m.preset, crate::app::presets::Preset::NoneFailsLoudly, "reset replays the same preset");
        assert_eq!(m.sim().now_ms(), 0);
        m.update(Action::LoadPreset("nope".into()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Preset));
        assert_eq!(m.preset, crate::app::presets::Preset::NoneFailsLoudly);
    }

    #[test]
    fn the_retention_preset_draws_deletions_and_labels_the_out_of_range_reset() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("retention-out-of-range".into()));
        step(&mut m, 50_000);
        assert!(!m.deletions.is_empty(), "retention deleted segments");
        for d in &m.deletions {
            assert!(d.from < d.to, "{d:?}");
            assert_eq!(
                m.lanes[d.partition as usize].log_start_offset.max(d.to),
                m.lanes[d.partition as usize].log_start_offset
            );
        }
        let jumps: Vec<&ResetFlash> =
            m.reset_flashes.iter().filter(|f| f.cause == ResetCause::CommittedOutOfRange).collect();
        assert_eq!(jumps.len(), 4, "{:?}", m.reset_flashes);
        assert!(jumps.iter().all(|f| f.from.unwrap() < f.to && f.policy == "earliest"));
        assert!(m.lanes.iter().any(|l| l.segment_count > 1 && !l.segments.is_empty()));
        assert!(m.reset_flashes.len() <= FLASHES_MAX && m.deletions.len() <= FLASHES_MAX);
    }

    #[test]
    fn the_reset_form_plans_executes_and_refuses_with_kafkas_messages() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        step(&mut m, 8_000);
        let form = |mode: &str, value: &str| ResetForm {
            group: "orders-app".into(),
            mode: crate::sim::offsets_tool::ResetMode::from_name(mode).expect("a mode"),
            value: value.into(),
        };
        let committed = |m: &AppModel| m.sim().consumers.groups["orders-app"].committed.clone();
        let before = committed(&m);
        let err = |m: &AppModel| m.reset_output.as_ref().unwrap().result.clone().unwrap_err();
        m.update(Action::ResetOffsets { form: form("to-earliest", ""), execute: true });
        assert!(err(&m).contains("can only be reset if the group 'orders-app' is inactive"), "{}", err(&m));
        m.update(Action::ResetOffsets { form: form("to-offset", ""), execute: true });
        assert_eq!(err(&m), "--to-offset needs a number");
        m.update(Action::ResetOffsets { form: form("shift-by", "-x"), execute: true });
        assert_eq!(err(&m), "--shift-by: '-x' is not a whole number");
        m.update(Action::ResetOffsets { form: form("by-duration", "1h"), execute: true });
        assert!(err(&m).starts_with("--by-duration:"), "{}", err(&m));
        m.update(Action::ResetOffsets {
            form: ResetForm { group: " ".into(), ..form("to-latest", "") },
            execute: true,
        });
        assert!(err(&m).starts_with("--group"));
        assert_eq!(committed(&m), before, "nothing changed");

        let ids: Vec<u32> = m.sim().consumers.consumers.keys().copied().collect();
        for id in ids {
            m.update(Action::CloseConsumer(id));
        }
        step(&mut m, 2_000);
        assert_eq!(m.sim().consumers.groups["orders-app"].state, GroupState::Empty);
        let before = committed(&m);
        m.update(Action::ResetOffsets { form: form("to-offset", "3"), execute: false });
        let out = m.reset_output.clone().unwrap();
        assert!(!out.executed);
        let table = out.result.unwrap();
        assert!(table.contains("NEW-OFFSET") && table.contains("orders-app"), "{table}");
        assert_eq!(committed(&m), before, "a dry run changes nothing");
        m.update(Action::ResetOffsets { form: form("to-offset", "3"), execute: true });
        assert!(m.reset_output.as_ref().unwrap().executed);
        let after = committed(&m);
        assert_eq!(after.len(), 6);
        for (p, off) in after {
            let hw = m.sim().log(p).unwrap().log_end_offset();
            assert_eq!(off, 3.min(hw), "partition {p}: clamped into [0, {hw}]");
        }
    }

    #[test]
    fn the_consumer_form_takes_by_duration_with_kafkas_validation() {
        let mut m = AppModel::new(Lang::Ko, 390.0);
        let n = m.sim().consumers.consumers.len();
        let mut form =
            ConsumerForm { auto_offset_reset: "by_duration".into(), reset_duration: "5s".into(), ..Default::default() };
        m.update(Action::AddConsumer(form.clone()));
        match &m.notice {
            Some(Notice::Field(e)) => {
                assert_eq!(e.field, crate::i18n::Field::Setting("auto.offset.reset"));
                assert!(crate::i18n::field_error(Lang::Ko, e).contains("by_duration:<PnDTnHnMn.nS.>"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(m.sim().consumers.consumers.len(), n);
        form.reset_duration = "PT5S".into();
        m.update(Action::AddConsumer(form));
        assert_eq!(m.notice, None);
        let added = m.sim().consumers.consumers.values().last().unwrap();
        assert_eq!(added.spec.auto_offset_reset, OffsetReset::ByDuration { ms: 5_000 });
    }
}

mod reassign_tests {
    use super::*;
    use crate::sim::cluster::BrokerState;

    fn step(m: &mut AppModel, ms: u64) {
        for _ in 0..ms / 100 {
            m.update(Action::Step100Ms);
        }
    }

    fn form(action: &str, throttle: &str) -> ReassignForm {
        let action = crate::tools::reassign::ReassignAction::from_name(action).expect("an action");
        ReassignForm { action, throttle: throttle.into(), additional: false, broker_list: String::new() }
    }

    #[test]
    fn the_seed_preset_reassigns_from_the_editor_and_verifies() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("seed-reassignment".into()));
        step(&mut m, 3_000);
        assert_eq!(m.reassign_json, crate::tools::reassign::SEED_REASSIGNMENT_JSON);
        m.update(Action::Reassign(form("execute", "x")));
        assert_eq!(m.reassign_output.as_ref().unwrap().result, Err("--throttle: 'x' is not a whole number".into()));
        assert!(m.sim().cluster.ongoing().is_empty(), "nothing started");
        m.update(Action::Reassign(form("execute", "500000")));
        let out = m.reassign_output.clone().unwrap().result.unwrap();
        assert!(out.contains("Successfully started partition reassignments for test1-0,test1-1"), "{out}");
        step(&mut m, 300);
        let chips: Vec<_> =
            m.brokers.brokers.iter().flat_map(|b| b.chips.iter().map(move |c| (b.id, c.partition, c.role))).collect();
        assert!(chips.contains(&(4, 0, view::ReplicaRole::Adding)), "{chips:?}");
        assert!(chips.contains(&(1, 0, view::ReplicaRole::Removing)));
        m.update(Action::Reassign(form("verify", "")));
        assert!(m.reassign_output.clone().unwrap().result.unwrap().contains("is still in progress."));
        step(&mut m, 30_000);
        m.update(Action::Reassign(form("verify", "")));
        let out = m.reassign_output.clone().unwrap().result.unwrap();
        assert!(
            out.contains("Reassignment of partition test1-0 is completed.")
                && out.contains("Clearing broker-level throttles"),
            "{out}"
        );
        let b4 = m.brokers.brokers.iter().find(|b| b.id == 4).unwrap();
        assert_eq!(
            b4.chips.iter().map(|c| (c.partition, c.role)).collect::<Vec<_>>(),
            vec![(0, view::ReplicaRole::Leader)]
        );
        assert!(m.brokers.brokers.iter().all(|b| b.throttle.is_none()));
    }

    #[test]
    fn brokers_stop_crash_restart_and_decommission_offers_a_plan() {
        let mut m = AppModel::new(Lang::Ko, 390.0);
        m.update(Action::LoadPreset("broker-failures".into()));
        step(&mut m, 2_000);
        m.update(Action::StopBroker(1));
        assert_eq!(m.brokers.brokers[0].state, BrokerState::Fenced);
        assert_eq!(m.brokers.brokers[0].leaders, 0, "leaderships moved at once");
        m.update(Action::CrashBroker(2));
        assert_eq!(m.brokers.brokers[1].state, BrokerState::Crashed);
        m.update(Action::CrashBroker(2));
        assert!(matches!(&m.notice, Some(Notice::Rejected(Rejected::Cluster { .. }))), "already down: refused");
        m.update(Action::RestartBroker(1));
        m.update(Action::RestartBroker(2));
        step(&mut m, 2_000);
        assert!(m.brokers.brokers.iter().all(|b| b.state == BrokerState::Running));
        m.update(Action::AddBroker);
        assert_eq!(m.brokers.brokers.len(), 4);
        assert_eq!(m.brokers.brokers[3].replicas, 0, "a new broker stays empty");
        let before = m.reassign_json.clone();
        m.update(Action::RemoveBroker(3));
        assert!(matches!(&m.notice, Some(Notice::Rejected(Rejected::Cluster { .. }))));
        assert_ne!(m.reassign_json, before, "a plan to move broker 3's replicas off is in the editor");
        let plan = crate::sim::cluster::reassign::parse_execute_args(&m.reassign_json).unwrap().0;
        assert!(plan.values().all(|r| !r.contains(&3)), "{plan:?}");
        m.update(Action::Reassign(form("execute", "")));
        step(&mut m, 10_000);
        m.update(Action::RemoveBroker(3));
        assert_eq!(m.brokers.brokers.len(), 3, "empty now: decommissioned");
        // The plan used broker 4 (Kafka's algorithm over brokers 1, 2, 4): now it hosts replicas.
        assert!(m.brokers.brokers.iter().find(|b| b.id == 4).unwrap().replicas > 0);
        m.update(Action::RemoveBroker(4));
        assert_eq!(m.brokers.brokers.len(), 3, "refused while it hosts replicas");
    }

    #[test]
    fn the_stage_draws_every_replica_once_and_marks_fly_between_its_objects() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("seed-reassignment".into()));
        m.update(Action::TogglePlay);
        play_for(&mut m, 1500.0);
        let st = m.stage.clone();
        assert_eq!(st.brokers.len(), 6);
        // Every replica of every partition is one chip on its broker; one leader chip each.
        for p in &m.snapshot.partitions {
            for b in &p.replication.replicas {
                let chip = st.chip(p.partition, *b).expect("a chip per replica");
                assert_eq!(chip.leads, p.replication.leader == Some(*b));
            }
            assert_eq!(
                st.brokers.iter().flat_map(|b| &b.chips).filter(|c| c.slot == p.partition && c.leads).count(),
                1
            );
        }
        // Boxes do not overlap, and everything is inside the stage.
        let boxes: Vec<view::Rect> = st
            .brokers
            .iter()
            .map(|b| b.at)
            .chain(st.producers.iter().map(|p| p.at))
            .chain(st.groups.iter().map(|g| g.at))
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0 && a.x + a.w <= st.width + 0.01 && a.y + a.h <= st.height + 0.01, "{a:?}");
            for b in &boxes[i + 1..] {
                assert!(
                    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y,
                    "{a:?} overlaps {b:?}"
                );
            }
        }
        // Followers fetched from their leaders: replication pulses between brokers, and the
        // consumer pulled records (fetch pulses) and committed them.
        let mut kinds = (false, false);
        for _ in 0..200 {
            play_for(&mut m, 50.0);
            kinds.0 |= m
                .pulses
                .iter()
                .any(|p| matches!(p.kind, PulseKind::Replicate { leader, follower, .. } if leader != follower));
            kinds.1 |= m.pulses.iter().any(|p| matches!(p.kind, PulseKind::Fetch { .. }));
            if kinds.0 && kinds.1 {
                break;
            }
        }
        assert!(kinds.0 && kinds.1, "{kinds:?}");
        assert!(m.pulses.len() <= PULSES_MAX);
    }

    #[test]
    fn dragging_a_replica_drafts_kafkas_reassignment_json_and_refuses_a_duplicate() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("seed-reassignment".into()));
        // test1-0 is on 1,2,3: move the replica on 3 to 6.
        m.update(Action::DraftMove { slot: 0, from: 3, to: 6 });
        assert_eq!(m.tab, Tab::Brokers);
        assert_eq!(m.draft_refusal, None);
        assert_eq!(
            m.reassign_json,
            r#"{"version":1,"partitions":[{"topic":"test1","partition":0,"replicas":[1,2,6],"log_dirs":["any","any","any"]}]}"#
        );
        // A second drag adds to the draft; dropping on a broker that holds a replica is refused.
        m.update(Action::DraftMove { slot: 1, from: 4, to: 1 });
        assert!(m.reassign_json.contains(r#""partition":1,"replicas":[1,5,6]"#), "{}", m.reassign_json);
        let before = m.reassign_json.clone();
        m.update(Action::DraftMove { slot: 0, from: 1, to: 2 });
        assert_eq!(m.draft_refusal, Some(crate::tools::reassign::DraftRefusal::AlreadyReplica));
        m.update(Action::DraftMove { slot: 0, from: 1, to: 1 });
        assert_eq!(m.draft_refusal, Some(crate::tools::reassign::DraftRefusal::SameBroker));
        m.update(Action::DraftMove { slot: 0, from: 1, to: 99 });
        assert_eq!(m.draft_refusal, Some(crate::tools::reassign::DraftRefusal::Unknown));
        assert_eq!(m.reassign_json, before, "a refused drag changes nothing");
        // Executed, the draft moves the replicas.
        m.update(Action::Reassign(form("execute", "")));
        step(&mut m, 10_000);
        assert_eq!(m.snapshot.partitions[0].replication.replicas, vec![1, 2, 6]);
        assert_eq!(m.snapshot.partitions[1].replication.replicas, vec![1, 5, 6]);
    }

    #[test]
    fn focus_opens_an_inspector_and_the_stage_follows_the_width() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::Focus(Some(Focus::Broker(1))));
        assert_eq!(m.focus, Some(Focus::Broker(1)));
        m.update(Action::Focus(None));
        assert_eq!(m.focus, None);
        m.update(Action::Resize(390.0));
        m.update(Action::Tick { wall_ms: 0.0 });
        assert!(m.stage.compact && m.stage.width <= 390.0, "{}", m.stage.width);
        m.update(Action::Resize(1280.0));
        m.update(Action::Tick { wall_ms: 300.0 });
        assert!(!m.stage.compact);
    }

    #[test]
    fn the_console_help_speaks_the_pages_language_and_keeps_the_command_lines() {
        let mut m = AppModel::new(Lang::Ko, 1280.0);
        m.update(Action::ConsoleLine("help kafka-console-producer".into()));
        let lines: Vec<&str> = m.terminal.iter().map(|l| l.text.as_str()).collect();
        assert!(lines.iter().any(|l| l.starts_with("kafka-console-producer.sh --bootstrap-server")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("한 줄에 레코드 하나씩")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.contains("then one record per line")), "{lines:?}");
        m.update(Action::SetLang(Lang::En));
        m.update(Action::ConsoleLine("help kafka-console-producer".into()));
        assert!(m.terminal.iter().any(|l| l.text.contains("then one record per line")));
    }

    #[test]
    fn twelve_brokers_and_sixty_four_partitions_stay_readable_with_exact_counts() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        for _ in 0..11 {
            m.update(Action::AddBroker);
        }
        m.update(Action::ConsoleLine(
            "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic big --partitions 58 --replication-factor 3".into(),
        ));
        m.update(Action::Resize(390.0));
        for width in [1280.0, 390.0] {
            m.update(Action::StageWidth(width));
            m.update(Action::Tick { wall_ms: width });
            let st = m.stage.clone();
            assert_eq!(st.brokers.len(), 12);
            assert_eq!(m.snapshot.partitions.len(), 64);
            assert_eq!(st.compact, width < 600.0);
            for (b, card) in st.brokers.iter().zip(&m.brokers.brokers) {
                // Every replica is a chip or counted in the broker's `+n`: never approximate.
                assert_eq!(b.chips.len() as u32 + b.more, card.replicas, "broker {}", b.id);
                for c in &b.chips {
                    let (r, at) = (c.at, b.at);
                    assert!(
                        r.x >= at.x
                            && r.y >= at.y
                            && r.x + r.w <= at.x + at.w + 0.01
                            && r.y + r.h <= at.y + at.h + 0.01,
                        "{r:?} in {at:?}"
                    );
                }
            }
            assert!(st.width <= width && st.brokers.iter().all(|b| b.at.x + b.at.w <= st.width + 0.01));
        }
    }

    #[test]
    fn a_rebalance_hands_partitions_out_on_the_stage() {
        // The default group forms after group.initial.rebalance.delay.ms: each member is handed
        // its partitions (assign pulses from the group to the member, with their count).
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        let mut assigned = OrdMap::new();
        let mut t = 0.0;
        for _ in 0..600 {
            t += 50.0;
            m.update(Action::Tick { wall_ms: t });
            for p in &m.pulses {
                if let PulseKind::Assign { consumer } = p.kind {
                    assigned.insert(consumer, p.records);
                }
            }
            if assigned.len() == 2 {
                break;
            }
        }
        assert_eq!(assigned.values().sum::<u64>(), 6, "six partitions handed to two members: {assigned:?}");
    }

    #[test]
    fn an_embed_stays_minimal_through_reset_and_a_lesson_step_that_loads_a_preset() {
        use crate::app::embed::{Controls, EmbedOptions};
        let options = EmbedOptions {
            lesson: Some("offset-reset".into()),
            controls: Some("minimal".into()),
            home: Some("https://example.com/".into()),
            ..Default::default()
        };
        let config = options.validate().expect("valid options");
        let mut m = AppModel::embedded(&config, Lang::En, 880.0).expect("an embed");
        assert_eq!(m.controls, Controls::Minimal);
        let link = m.open_link.clone();
        assert!(link.is_some());
        // Steps 2 then 3: the third loads another preset (none: fail loudly), which restarts the run.
        m.update(Action::LessonNext);
        m.update(Action::LessonNext);
        assert_eq!(m.preset, crate::app::presets::Preset::NoneFailsLoudly);
        assert_eq!(m.controls, Controls::Minimal, "a lesson step's preset keeps the embed minimal");
        m.update(Action::Reset);
        assert_eq!(m.controls, Controls::Minimal, "Reset keeps the embed minimal");
        assert_eq!(m.open_link, link, "and its link to the playground");
    }
}
