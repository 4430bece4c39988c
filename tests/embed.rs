//! Embedding options (URL parameters, attributes, the JS API's options) and embedded models.

use kafka_playground::app::{AppModel, Theme};
use kafka_playground::embed::{Controls, EmbedOptions, Source};
use kafka_playground::i18n::Lang;
use kafka_playground::presets::Preset;

fn opts(pairs: &[(&str, &str)]) -> Result<kafka_playground::embed::EmbedConfig, String> {
    EmbedOptions::from_pairs(pairs.iter().copied()).and_then(|o| o.validate()).map_err(|e| e.to_string())
}

#[test]
fn options_from_url_parameters_and_attributes() {
    let c = opts(&[
        ("lesson", "reassignment"),
        ("lang", "ko"),
        ("theme", "dark"),
        ("controls", "minimal"),
        ("autoplay", ""),
        ("seed", "7"),
        ("t", "2500"),
    ])
    .unwrap();
    assert_eq!(c.lesson.map(|l| l.id), Some("reassignment"));
    assert_eq!(c.source, Source::Preset(Preset::SeedReassignment), "a lesson brings its scenario");
    assert_eq!(
        (c.lang, c.theme, c.controls, c.autoplay, c.seed, c.start_ms),
        (Some(Lang::Ko), Theme::Dark, Controls::Minimal, true, Some(7), 2500)
    );
    let c =
        opts(&[("scenario", "backpressure"), ("origins", "https://blog.example.com, http://localhost:3000")]).unwrap();
    assert_eq!(c.source, Source::Preset(Preset::Backpressure));
    assert_eq!(c.origins, vec!["https://blog.example.com", "http://localhost:3000"]);
    let json = kafka_playground::scenario::to_json(&Preset::OffsetsExpire.scenario());
    assert!(matches!(opts(&[("scenario", &json)]).unwrap().source, Source::Scenario(_)));
    let link = kafka_playground::share::encode(&Preset::Default.scenario(), 3, 1200).unwrap();
    assert!(matches!(opts(&[("scenario", &link)]).unwrap().source, Source::Shared(_)));
}

#[test]
fn bad_options_name_the_option_and_never_echo_a_long_value() {
    let long = "x".repeat(500);
    for (pairs, expect) in [
        (vec![("lesson", "nope")], "lesson: 'nope' is not a lesson (commits, offsets-topic"),
        (vec![("scenario", "nope")], "scenario: 'nope' is not a built-in scenario"),
        (vec![("scenario", "{\"version\": 2}")], "scenario: "),
        (vec![("scenario", "v1.!!!")], "scenario: share link"),
        (vec![("lang", "fr")], "lang: 'fr' is not en or ko"),
        (vec![("theme", "neon")], "theme: 'neon' is not auto, light or dark"),
        (vec![("controls", "some")], "controls: 'some' is not full, minimal or none"),
        (vec![("autoplay", "maybe")], "autoplay: 'maybe' is not true or false"),
        (vec![("seed", "-1")], "seed: '-1' is not a whole number"),
        (vec![("start", "99999999")], "start: at most 3600000"),
        (vec![("origins", "javascript:alert(1)")], "origins: entry 1"),
        (vec![("onload", "alert(1)")], "onload: is not an option"),
        (vec![("lesson", long.as_str())], "…"),
    ] {
        let e = opts(&pairs).expect_err(expect);
        assert!(e.contains(expect), "{pairs:?}: {e}");
        assert!(e.len() < 400, "a hostile value is clipped: {} chars", e.len());
    }
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(kafka_playground::embed::EMBED_SCENARIO_MAX));
    assert!(opts(&[("scenario", &big)]).unwrap_err().contains("characters; at most"));
    // From JavaScript: unknown fields are refused by serde.
    let e = serde_json::from_str::<EmbedOptions>(r#"{"lesson": "commits", "evil": 1}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field `evil`"), "{e}");
}

#[test]
fn an_embedded_playground_starts_as_asked() {
    let c = opts(&[("lesson", "commits"), ("lang", "ko"), ("controls", "none"), ("autoplay", "1"), ("start", "3000")])
        .unwrap();
    let m = AppModel::embedded(&c, Lang::En, 800.0).unwrap();
    assert_eq!(m.lang, Lang::Ko);
    assert_eq!(m.controls, Controls::None);
    assert!(m.playing);
    assert_eq!(m.run.sim.now_ms(), 3000);
    assert_eq!(m.lesson.as_ref().map(|l| l.lesson.id), Some("commits"));
    for l in kafka_playground::lessons::LESSONS {
        let c = opts(&[("lesson", l.id)]).unwrap();
        let m = AppModel::embedded(&c, Lang::En, 390.0).unwrap();
        assert_eq!(Some(m.preset), l.steps[0].load, "{}", l.id);
    }
    let link = kafka_playground::share::encode(&Preset::BrokerFailures.scenario(), 9, 4_000).unwrap();
    let m = AppModel::embedded(&opts(&[("scenario", &link)]).unwrap(), Lang::En, 800.0).unwrap();
    assert_eq!((m.seed, m.run.sim.now_ms()), (9, 4_000), "a share link's seed and moment");
}

#[test]
fn scrolled_away_an_embed_pauses_and_comes_back_as_it_was() {
    use kafka_playground::app::Action;
    let mut m = AppModel::embedded(&opts(&[("autoplay", "true")]).unwrap(), Lang::En, 800.0).unwrap();
    m.update(Action::SetVisible(false));
    assert!(!m.playing);
    m.update(Action::SetVisible(true));
    assert!(m.playing);
    m.update(Action::TogglePlay);
    m.update(Action::SetVisible(false));
    m.update(Action::SetVisible(true));
    assert!(!m.playing, "paused by the visitor stays paused");
    // The visitor presses play while the page still thinks the embed is away (the observer's
    // report of its coming back arrives after the click): the visitor's choice wins.
    m.update(Action::SetVisible(false));
    m.update(Action::TogglePlay);
    assert!(m.playing);
    m.update(Action::SetVisible(true));
    assert!(m.playing, "played by the visitor while away keeps playing");
    // Stepping while away: paused, and coming back does not start it again.
    let mut m = AppModel::embedded(&opts(&[("autoplay", "true")]).unwrap(), Lang::En, 800.0).unwrap();
    m.update(Action::SetVisible(false));
    m.update(Action::Step100Ms);
    m.update(Action::SetVisible(true));
    assert!(!m.playing, "stepped by the visitor stays paused");
}

#[test]
fn a_scenario_the_simulation_refuses_is_the_embeds_error_not_a_panic() {
    // Built in code (a file would be refused by the reader first): no partitions at all.
    let mut scenario = Preset::Default.scenario();
    scenario.sim.partitions = 0;
    let mut c = opts(&[("lesson", "commits")]).unwrap();
    c.source = Source::Scenario(Box::new(scenario));
    let e = AppModel::embedded(&c, Lang::En, 800.0).err().expect("refused");
    assert!(e.starts_with("scenario: "), "{e}");
    // The same embed with its lesson's own scenario starts.
    assert!(AppModel::embedded(&opts(&[("lesson", "commits")]).unwrap(), Lang::En, 800.0).is_ok());
}
