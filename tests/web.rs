//! Browser tests (wasm-bindgen-test, headless Chromium): mount the real app into its own
//! element, click the real buttons, assert on the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use kafka_playground::sim::murmur2::partition_for_key;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element for one test, with browser state (saved language) cleared.
fn fresh_root() -> Element {
    if let Some(s) = web_sys::window().unwrap().local_storage().unwrap() {
        s.clear().unwrap();
    }
    // Each test checks its own panics: a failed assertion in an earlier test (which shows the
    // panel through the panic hook) must not fail every test after it.
    if let Some(panel) = document().get_element_by_id(kafka_playground::ui::PANIC_PANEL_ID) {
        panel.set_attribute("hidden", "").unwrap();
    }
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(40)).await;
}

fn q(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]")).unwrap().unwrap_or_else(|| panic!("no {testid}"))
}

fn qa(root: &Element, testid: &str) -> Vec<Element> {
    let list = root.query_selector_all(&format!("[data-testid=\"{testid}\"]")).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap()).collect()
}

async fn click(root: &Element, testid: &str) {
    q(root, testid).dyn_into::<HtmlElement>().unwrap().click();
    settle().await;
}

/// Shows one tab of panels under the picture, as a visitor would (the others are not drawn).
async fn open_tab(root: &Element, tab: &str) {
    click(root, &format!("tab-{tab}")).await;
    assert_eq!(q(root, "tab-panel").get_attribute("data-tab").as_deref(), Some(tab));
}

async fn type_into(root: &Element, testid: &str, text: &str) {
    let input: HtmlInputElement = q(root, testid).dyn_into().unwrap();
    input.set_value(text);
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
}

#[path = "web/stage.rs"]
mod stage;

fn panic_panel_visible() -> bool {
    document()
        .get_element_by_id(kafka_playground::ui::PANIC_PANEL_ID)
        .map(|p| !p.has_attribute("hidden"))
        .unwrap_or(false)
}

#[wasm_bindgen_test]
async fn stepping_appends_records_into_the_partition_murmur2_picks() {
    kafka_playground::ui::install_panic_hook();
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    assert_eq!(qa(&root, "lane").len(), 6);
    assert!(qa(&root, "cell").is_empty());
    for _ in 0..30 {
        click(&root, "step-100").await;
    }
    let mut keyed = 0;
    for lane in qa(&root, "lane") {
        let partition: u32 = lane.get_attribute("data-partition").unwrap().parse().unwrap();
        let leo: u64 = lane.get_attribute("data-leo").unwrap().parse().unwrap();
        let cells = lane.query_selector_all("[data-testid=\"cell\"]").unwrap();
        assert!(cells.length() as u64 <= leo);
        for i in 0..cells.length() {
            let cell: Element = cells.item(i).unwrap().dyn_into().unwrap();
            let key = cell.get_attribute("data-key").unwrap();
            if key.starts_with("user-") || key.starts_with("key-") {
                assert_eq!(partition_for_key(key.as_bytes(), 6), partition, "key {key}");
                keyed += 1;
            }
        }
    }
    assert!(keyed >= 10, "{keyed} keyed records drawn");
    assert!(q(&root, "sim-time").text_content().unwrap().contains("3.000 s"));
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn play_runs_the_clock_and_pause_stops_it() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    click(&root, "play").await;
    yew::platform::time::sleep(Duration::from_millis(1500)).await;
    let leo_sum = |root: &Element| -> u64 {
        qa(root, "lane").iter().map(|l| l.get_attribute("data-leo").unwrap().parse::<u64>().unwrap()).sum()
    };
    let played = leo_sum(&root);
    assert!(played >= 3, "records appended while playing: {played}");
    click(&root, "play").await; // pause
    let t1 = q(&root, "sim-time").text_content().unwrap();
    yew::platform::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(q(&root, "sim-time").text_content().unwrap(), t1);
    app.destroy();
}

#[wasm_bindgen_test]
async fn switching_language_shows_korean() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    click(&root, "lang-ko").await;
    let text = root.text_content().unwrap();
    assert!(text.contains("재생"), "play button in Korean");
    assert!(text.contains("프로듀서"));
    open_tab(&root, "producers").await;
    assert!(root.text_content().unwrap().contains("어느 파티션으로?"));
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("ko"));
    click(&root, "lang-en").await;
    assert!(root.text_content().unwrap().contains("Play"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn bad_field_values_are_rejected_with_messages_not_panics() {
    kafka_playground::ui::install_panic_hook();
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    open_tab(&root, "producers").await;
    for (field, button, text, needle) in [
        ("partitions", "alter-partitions", "abc", "Partitions"),
        ("partitions", "alter-partitions", "0", "Partitions"),
        ("partitions", "alter-partitions", "3", "would not be an increase"),
        ("partitions", "alter-partitions", "99999999999999999999", "Partitions"),
        ("seed", "apply-seed", "-1", "Seed"),
        ("seed", "apply-seed", "1.5", "Seed"),
        ("rate", "apply-producer", "fast", "Rate"),
        ("rate", "apply-producer", "-3", "Rate"),
        ("linger-ms", "apply-producer", "999999999", "linger.ms"),
        ("batch-size", "apply-producer", "", "batch.size"),
    ] {
        type_into(&root, field, text).await;
        click(&root, button).await;
        let notice = q(&root, "notice").text_content().unwrap();
        assert!(notice.contains(needle), "{field}={text:?}: {notice}");
        assert!(!panic_panel_visible(), "{field}={text:?} reached the panic panel");
        // Put a good value back so the next case tests only its own field.
        let good = match field {
            "rate" => "5",
            "linger-ms" => "5",
            "batch-size" => "16384",
            _ => continue,
        };
        type_into(&root, field, good).await;
    }
    assert_eq!(qa(&root, "lane").len(), 6, "nothing changed");
    // The calculator validates hex bytes as you type.
    type_into(&root, "calc-key", "0x1").await;
    let mode: web_sys::HtmlSelectElement = q(&root, "calc-mode").dyn_into().unwrap();
    mode.set_value("hex");
    mode.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    assert!(q(&root, "calc-error").text_content().unwrap().contains("Key bytes"));
    type_into(&root, "calc-key", "00000000").await;
    type_into(&root, "calc-partitions", "6").await;
    assert_eq!(q(&root, "calc-murmur2").text_content().unwrap(), "850957120");
    assert_eq!(q(&root, "calc-partition").text_content().unwrap(), "4");
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_panic_panel_shows_the_failure_in_the_pages_language() {
    // A panic on wasm32 aborts the module, so the test calls what the hook calls.
    document().document_element().unwrap().set_attribute("lang", "ko").unwrap();
    kafka_playground::ui::show_panic_panel("deliberate test failure");
    assert!(panic_panel_visible());
    let panel = document().get_element_by_id(kafka_playground::ui::PANIC_PANEL_ID).unwrap();
    let text = panel.text_content().unwrap();
    assert!(text.contains("deliberate test failure"));
    assert!(text.contains("플레이그라운드가 멈췄습니다"));
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    panel.set_attribute("hidden", "").unwrap();
    document().document_element().unwrap().set_attribute("lang", "en").unwrap();
}

#[wasm_bindgen_test]
fn malformed_scenarios_are_rejected_in_wasm_without_reaching_the_panic_panel() {
    // A panic here would abort the wasm module (and fail every later test).
    kafka_playground::ui::install_panic_hook();
    let cases = [
        "",
        "{",
        "null",
        "[]",
        "{\"version\": 1}",
        "{\"version\": 1, \"topic\": {\"partitions\": 1e99}}",
        "{\"version\": 1, \"topic\": {\"partitions\": 6}, \"producers\": [{\"client.id\": \"\", \"rate\": {\"records.per.sec\": 1}}]}",
        "{\"version\": 1, \"topic\": {\"partitions\": 6}, \"producers\": [{\"client.id\": \"p\", \"rate\": {\"records.per.sec\": 1e308}}]}",
        "{\"version\": 1, \"topic\": {\"partitions\": 6}, \"timeline\": [{\"at.ms\": 5}]}",
        "{\"version\": 1, \"topic\": {\"partitions\": 6}, \"extra\": true}",
        "{\"version\": 1, \"topic\": {\"name\": \"../../etc\", \"partitions\": 6}}",
        "\u{feff}{\"version\": 1}",
    ];
    for text in cases {
        let err = kafka_playground::scenario::parse(text).expect_err(text);
        assert!(!err.message.is_empty(), "{text}");
        assert!(!err.to_string().is_empty());
    }
    assert!(kafka_playground::scenario::parse(kafka_playground::scenario::DEFAULT_SCENARIO).is_ok());
    assert!(!panic_panel_visible());
}

#[wasm_bindgen_test]
async fn crashing_a_consumer_hands_its_partitions_to_the_standby_and_shows_duplicates() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    // The group forms after group.initial.rebalance.delay.ms (3 s); then both consumers work
    // and auto-commit every 5 s.
    for _ in 0..90 {
        click(&root, "step-100").await;
    }
    let consumers = qa(&root, "consumer");
    assert_eq!(consumers.len(), 2);
    let first = consumers[0].clone();
    assert_ne!(first.get_attribute("data-state").as_deref(), Some("Crashed"));
    first
        .query_selector("[data-testid=\"crash-consumer\"]")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    assert_eq!(qa(&root, "consumer")[0].get_attribute("data-state").as_deref(), Some("Crashed"));
    // session.timeout.ms (10 s here) later, the other consumer owns all six partitions and has
    // processed the first one's uncommitted records again.
    for _ in 0..130 {
        click(&root, "step-100").await;
    }
    let second = &qa(&root, "consumer")[1];
    let parts =
        second.query_selector("[data-testid=\"consumer-partitions\"]").unwrap().unwrap().text_content().unwrap();
    assert_eq!(parts, "0,1,2,3,4,5");
    let dups = q(&root, "duplicates").text_content().unwrap();
    let n: u64 = dups.split_whitespace().next().unwrap().parse().unwrap();
    assert!(n > 0, "duplicates shown: {dups}");
    assert!(!qa(&root, "committed-marker").is_empty(), "committed offsets are marked on the lanes");
    assert!(!panic_panel_visible());
    app.destroy();
}

async fn choose(root: &Element, testid: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = q(root, testid).dyn_into().unwrap();
    select.set_value(value);
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
}

/// Wait (up to `ms` of wall time) until `ok` holds.
async fn wait_until(ms: u64, ok: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 50 {
        if ok() {
            return true;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    ok()
}

#[wasm_bindgen_test]
async fn the_retention_preset_shows_deleted_segments_and_an_out_of_range_reset() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    choose(&root, "preset", "retention-out-of-range").await;
    assert_eq!(q(&root, "preset-story").get_attribute("data-preset").as_deref(), Some("retention-out-of-range"));
    assert!(q(&root, "preset-story").text_content().unwrap().contains("retention.ms = 20 s"));
    assert_eq!(qa(&root, "lane").len(), 4);
    choose(&root, "speed", "32").await;
    click(&root, "play").await;
    let reset_seen = wait_until(12_000, || {
        qa(&root, "reset-flash").iter().any(|f| f.text_content().unwrap().contains("out of range"))
    })
    .await;
    click(&root, "play").await;
    let time = q(&root, "sim-time").text_content().unwrap();
    let flashes = qa(&root, "reset-flash").iter().map(|f| f.text_content().unwrap()).collect::<Vec<_>>();
    assert!(reset_seen, "an out-of-range reset was labelled ({time}; {flashes:?})");
    let text = qa(&root, "reset-flash").iter().map(|f| f.text_content().unwrap()).collect::<Vec<_>>().join("\n");
    assert!(text.contains("out of range") && text.contains("auto.offset.reset=earliest"), "{text}");
    assert!(!qa(&root, "reset-arc").is_empty(), "the jump is drawn on the lane");
    let starts: Vec<u64> =
        qa(&root, "lane").iter().map(|l| l.get_attribute("data-log-start").unwrap().parse().unwrap()).collect();
    assert!(starts.iter().all(|s| *s > 0), "retention moved every log start offset: {starts:?}");
    assert!(!qa(&root, "segment").is_empty());
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_reset_offsets_form_refuses_then_executes_on_an_empty_group() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    // The group forms after 6 s (group.initial.rebalance.delay.ms, extended once: the second
    // consumer joined during the first 3 s).
    for _ in 0..70 {
        click(&root, "step-100").await;
    }
    // The group is Stable: Kafka refuses.
    click(&root, "reset-execute").await;
    assert!(q(&root, "reset-error").text_content().unwrap().contains("is inactive, but the current state is Stable"));
    // A bad value names the option; nothing runs.
    choose(&root, "reset-mode", "to-offset").await;
    type_into(&root, "reset-value", "ten").await;
    click(&root, "reset-dry-run").await;
    assert_eq!(q(&root, "reset-error").text_content().unwrap(), "--to-offset: 'ten' is not a whole number");
    // Stop both consumers (close() finishes the batch in hand, commits and leaves): the group
    // becomes Empty.
    for c in qa(&root, "close-consumer") {
        c.dyn_into::<HtmlElement>().unwrap().click();
        settle().await;
    }
    for _ in 0..60 {
        click(&root, "step-100").await;
    }
    type_into(&root, "reset-value", "2").await;
    click(&root, "reset-dry-run").await;
    let out = q(&root, "reset-output");
    assert_eq!(out.get_attribute("data-executed").as_deref(), Some("false"));
    assert!(out.text_content().unwrap().contains("NEW-OFFSET"));
    click(&root, "reset-execute").await;
    assert_eq!(q(&root, "reset-output").get_attribute("data-executed").as_deref(), Some("true"));
    for _ in 0..3 {
        click(&root, "step-100").await;
    }
    let committed: Vec<u64> = qa(&root, "committed-marker")
        .iter()
        .map(|m| m.get_attribute("data-offset").unwrap().parse().unwrap())
        .collect();
    assert_eq!(committed.len(), 6, "{committed:?}");
    assert!(committed.iter().all(|c| *c <= 2), "{committed:?}");
    assert!(!panic_panel_visible());
    app.destroy();
}

fn chips(root: &Element) -> Vec<(String, String, String)> {
    qa(root, "broker")
        .iter()
        .flat_map(|b| {
            let id = b.get_attribute("data-broker").unwrap();
            let list = b.query_selector_all("[data-testid=\"replica-chip\"]").unwrap();
            (0..list.length())
                .map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap())
                .map(|c| {
                    (id.clone(), c.get_attribute("data-partition").unwrap(), c.get_attribute("data-role").unwrap())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn pasting_the_seed_json_and_executing_moves_replicas_between_brokers() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    open_tab(&root, "brokers").await;
    choose(&root, "preset", "seed-reassignment").await;
    assert_eq!(qa(&root, "broker").len(), 6);
    let c = chips(&root);
    assert!(c.contains(&("1".into(), "0".into(), "leader".into())), "{c:?}");
    assert!(c.contains(&("4".into(), "1".into(), "leader".into())), "{c:?}");
    for _ in 0..20 {
        click(&root, "step-100").await;
    }
    // Paste Kafka's JSON (with a syntax error first: a message with line and column, nothing runs).
    let editor: web_sys::HtmlTextAreaElement = q(&root, "reassign-json").dyn_into().unwrap();
    editor.set_value(
        "{\"version\": 1,\n \"partitions\": [{\"topic\": \"test1\", \"partition\": 0, \"replicas\": [4, 5, 6],}]}",
    );
    editor.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    click(&root, "reassign-execute").await;
    let err = q(&root, "reassign-error").text_content().unwrap();
    assert!(err.contains("not a valid JSON") && err.contains("line 2"), "{err}");
    editor.set_value(kafka_playground::reassign_tool::SEED_REASSIGNMENT_JSON);
    editor.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    type_into(&root, "reassign-throttle", "500000").await;
    click(&root, "reassign-execute").await;
    let out = q(&root, "reassign-output").text_content().unwrap();
    assert!(out.contains("Successfully started partition reassignments for test1-0,test1-1"), "{out}");
    // At once, while paused (the copy then finishes within a fresh throttle's first window).
    wait_until(1_000, || chips(&root).contains(&("4".into(), "0".into(), "adding".into()))).await;
    let c = chips(&root);
    assert!(c.contains(&("4".into(), "0".into(), "adding".into())), "new replicas appear: {c:?}");
    assert!(c.contains(&("1".into(), "0".into(), "removing".into())), "{c:?}");
    assert!(qa(&root, "lane-replicas")[0].get_attribute("data-replicas").unwrap().starts_with("4,5,6,1,2,3"));
    click(&root, "reassign-verify").await;
    assert!(q(&root, "reassign-output").text_content().unwrap().contains("is still in progress."));
    choose(&root, "speed", "64").await;
    click(&root, "play").await;
    let done = wait_until(15_000, || {
        let c = chips(&root);
        !c.iter().any(|x| x.2 == "adding" || x.2 == "removing")
            && c.contains(&("4".into(), "0".into(), "leader".into()))
    })
    .await;
    click(&root, "play").await;
    assert!(done, "replicas moved: {:?}", chips(&root));
    let c = chips(&root);
    assert!(!c.iter().any(|x| x.0 == "1" && x.1 == "0"), "the old replicas are gone: {c:?}");
    click(&root, "reassign-verify").await;
    let out = q(&root, "reassign-output").text_content().unwrap();
    assert!(
        out.contains("Reassignment of partition test1-0 is completed.")
            && out.contains("Clearing topic-level throttles on topic test1"),
        "{out}"
    );
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_pull_vs_push_comparison_shows_push_dropping_and_pull_lagging() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    open_tab(&root, "charts").await;
    choose(&root, "preset", "backpressure").await;
    assert!(!qa(&root, "push-row").is_empty(), "the preset runs the push comparison");
    choose(&root, "speed", "16").await;
    click(&root, "play").await;
    let num = |id: &str| -> u64 { q(&root, id).text_content().unwrap().trim().parse().unwrap_or(0) };
    let seen = wait_until(12_000, || num("push-dropped") > 0 && num("pull-lag") > 500).await;
    click(&root, "play").await;
    assert!(seen, "push dropped {} and pull lag {}", num("push-dropped"), num("pull-lag"));
    assert_eq!(num("pull-dropped"), 0, "pull drops nothing");
    assert!(!qa(&root, "series").is_empty(), "charts drawn");
    // Stop the comparison, start it again with a bad buffer size: a message, nothing runs.
    click(&root, "stop-push").await;
    assert!(qa(&root, "push-row").is_empty());
    type_into(&root, "push-buffer", "lots").await;
    click(&root, "start-push").await;
    assert!(q(&root, "notice").text_content().unwrap().contains("push.buffer.records"));
    assert!(qa(&root, "push-row").is_empty());
    assert!(!panic_panel_visible());
    app.destroy();
}

fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn keyboard_shortcuts_play_step_change_speed_and_list_themselves() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    let time = |root: &Element| q(root, "sim-time").text_content().unwrap();
    let t0 = time(&root);
    // The page listens for keys once its first render's effects ran: on a loaded machine that
    // can be after `settle()`, so press again until the page answers (at most 5 s).
    for _ in 0..25 {
        press("ArrowDown");
        if wait_until(200, || time(&root) != t0).await {
            break;
        }
    }
    assert_ne!(time(&root), t0, "↓ steps 100 ms");
    let speed = || q(&root, "speed").dyn_into::<web_sys::HtmlSelectElement>().unwrap().value();
    assert_eq!(speed(), "1");
    press("+");
    settle().await;
    assert_eq!(speed(), "2");
    press("-");
    press("-");
    settle().await;
    assert_eq!(speed(), "0.5");
    press(" ");
    settle().await;
    assert_eq!(q(&root, "play").get_attribute("aria-pressed").as_deref(), Some("true"));
    press(" ");
    settle().await;
    assert_eq!(q(&root, "play").get_attribute("aria-pressed").as_deref(), Some("false"));
    press("?");
    settle().await;
    assert!(q(&root, "shortcuts").text_content().unwrap().contains("Space"));
    press("Escape");
    settle().await;
    assert!(qa(&root, "shortcuts").is_empty());
    // Typing in a field is not a shortcut.
    let seed: HtmlInputElement = q(&root, "seed").dyn_into().unwrap();
    seed.focus().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("+");
    init.set_bubbles(true);
    seed.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    settle().await;
    assert_eq!(speed(), "0.5");
    assert!(!panic_panel_visible());
    app.destroy();
}

fn key_on(el: &Element, key: &str, ctrl: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
}

async fn console_run(root: &Element, line: &str) {
    type_into(root, "console-input", line).await;
    key_on(&q(root, "console-input"), "Enter", false);
    settle().await;
}

fn screen(root: &Element) -> String {
    q(root, "console-screen").text_content().unwrap()
}

#[wasm_bindgen_test]
async fn the_console_runs_kafka_commands_completes_and_recalls() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    open_tab(&root, "console").await;
    choose(&root, "preset", "seed-reassignment").await;
    console_run(&root, "kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic test1").await;
    let s = screen(&root);
    assert!(s.contains("\tPartitionCount: 2\tReplicationFactor: 3"), "{s}");
    assert!(s.contains("Partition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3"), "{s}");
    console_run(&root, "kafka-topics.sh --describe").await;
    assert!(screen(&root).contains("Missing required argument \"[bootstrap-server]\""));
    // Tab completes the command name.
    type_into(&root, "console-input", "kafka-reas").await;
    key_on(&q(&root, "console-input"), "Tab", false);
    settle().await;
    let input: HtmlInputElement = q(&root, "console-input").dyn_into().unwrap();
    assert_eq!(input.value(), "kafka-reassign-partitions.sh ");
    // ↑ recalls the previous line.
    type_into(&root, "console-input", "").await;
    key_on(&q(&root, "console-input"), "ArrowUp", false);
    settle().await;
    let input: HtmlInputElement = q(&root, "console-input").dyn_into().unwrap();
    assert_eq!(input.value(), "kafka-topics.sh --describe");
    // The console producer: typed records land by murmur2 and the consumer prints them.
    console_run(&root, "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic test1 --property parse.key=true --property key.separator=:").await;
    console_run(&root, "alice:hello from the console").await;
    key_on(&q(&root, "console-input"), "d", true);
    settle().await;
    for _ in 0..20 {
        click(&root, "step-100").await;
    }
    console_run(&root, "kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic test1 --from-beginning --property print.key=true --property print.partition=true").await;
    let p = partition_for_key(b"alice", 2);
    assert!(screen(&root).contains(&format!("Partition:{p}\talice\thello from the console")), "{}", screen(&root));
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn scrubbing_back_and_forward_shows_the_same_state() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    for _ in 0..40 {
        click(&root, "step-100").await;
    }
    crash_first(&root).await;
    for _ in 0..40 {
        click(&root, "step-100").await;
    }
    let lanes = |root: &Element| {
        qa(root, "lane")
            .iter()
            .map(|l| format!("{:?}/{:?}", l.get_attribute("data-leo"), l.get_attribute("data-partition")))
            .collect::<Vec<_>>()
    };
    let at_end = lanes(&root);
    let end_time = q(&root, "sim-time").text_content().unwrap();
    assert!(
        qa(&root, "marker").iter().any(|m| m.get_attribute("data-kind").as_deref() == Some("visitor")),
        "your crash is marked"
    );
    let scrub: HtmlInputElement = q(&root, "scrubber").dyn_into().unwrap();
    scrub.set_value("2000");
    scrub.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    assert!(q(&root, "in-past").text_content().unwrap().contains("past"));
    assert_ne!(lanes(&root), at_end);
    click(&root, "to-now").await;
    assert_eq!(lanes(&root), at_end, "forward again: the same logs");
    assert_eq!(q(&root, "sim-time").text_content().unwrap(), end_time);
    assert!(qa(&root, "in-past").is_empty());
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_share_link_round_trips_and_a_bad_one_says_why() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    choose(&root, "preset", "seed-reassignment").await;
    for _ in 0..15 {
        click(&root, "step-100").await;
    }
    open_tab(&root, "brokers").await;
    click(&root, "reassign-execute").await;
    for _ in 0..10 {
        click(&root, "step-100").await;
    }
    let chips_before = chips(&root);
    open_tab(&root, "scenario").await;
    click(&root, "share").await;
    let url: HtmlInputElement = q(&root, "share-url").dyn_into().unwrap();
    let url = url.value();
    let fragment = url.split('#').nth(1).expect("a fragment").to_string();
    assert!(fragment.starts_with("run=v1."), "{fragment}");
    let time_before = q(&root, "sim-time").text_content().unwrap();
    app.destroy();

    // A new page opened with the link: same moment, same replicas.
    let root2 = fresh_root();
    web_sys::window().unwrap().location().set_hash(&fragment).unwrap();
    let app2 = kafka_playground::ui::mount(root2.clone());
    // The link replays the run up to its moment: wait for it (a loaded machine takes longer).
    wait_until(5_000, || {
        root2.query_selector("[data-testid=\"sim-time\"]").ok().flatten().and_then(|e| e.text_content())
            == Some(time_before.clone())
    })
    .await;
    assert_eq!(q(&root2, "sim-time").text_content().unwrap(), time_before);
    open_tab(&root2, "brokers").await;
    assert_eq!(chips(&root2), chips_before);
    web_sys::window().unwrap().location().set_hash("run=v1.%%%broken").unwrap();
    app2.destroy();
    let root3 = fresh_root();
    let app3 = kafka_playground::ui::mount(root3.clone());
    wait_until(5_000, || root3.query_selector("[data-testid=\"share-error\"]").ok().flatten().is_some()).await;
    assert!(q(&root3, "share-error").text_content().unwrap().contains("share link"));
    web_sys::window().unwrap().location().set_hash("").unwrap();
    assert!(!panic_panel_visible());
    app3.destroy();
}

#[wasm_bindgen_test]
async fn a_lesson_runs_through_its_steps() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    choose(&root, "lesson-pick", "commits").await;
    let lesson = || q(&root, "lesson");
    assert_eq!(lesson().get_attribute("data-step").as_deref(), Some("0"));
    assert_eq!(lesson().get_attribute("data-done").as_deref(), Some("false"));
    assert!(q(&root, "lesson-text").text_content().unwrap().contains("orders-app"));
    // Step 1 waits for 3 s of simulated time.
    for _ in 0..31 {
        click(&root, "step-100").await;
    }
    assert_eq!(lesson().get_attribute("data-done").as_deref(), Some("true"));
    click(&root, "lesson-next").await;
    assert_eq!(lesson().get_attribute("data-step").as_deref(), Some("1"));
    // Step 2 waits for a commit (auto.commit.interval.ms = 5000, after the group formed).
    for _ in 0..150 {
        click(&root, "step-100").await;
        if lesson().get_attribute("data-done").as_deref() == Some("true") {
            break;
        }
    }
    assert_eq!(lesson().get_attribute("data-done").as_deref(), Some("true"));
    click(&root, "lesson-next").await;
    // Step 3 asks for a crash: it waits until the visitor does it.
    for _ in 0..5 {
        click(&root, "step-100").await;
    }
    assert_eq!(lesson().get_attribute("data-done").as_deref(), Some("false"));
    crash_first(&root).await;
    assert_eq!(lesson().get_attribute("data-done").as_deref(), Some("true"));
    click(&root, "lesson-prev").await;
    assert_eq!(lesson().get_attribute("data-step").as_deref(), Some("1"));
    // Korean text too.
    click(&root, "lang-ko").await;
    assert!(q(&root, "lesson-text").text_content().unwrap().contains("커밋"));
    click(&root, "lesson-free").await;
    assert!(qa(&root, "lesson").is_empty());
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_scenario_editor_validates_as_you_type_and_starts_the_scenario() {
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    open_tab(&root, "scenario").await;
    click(&root, "editor-from-run").await;
    assert!(q(&root, "editor-status").text_content().unwrap().contains("✓"));
    let area: web_sys::HtmlTextAreaElement = q(&root, "editor-json").dyn_into().unwrap();
    let text = area.value();
    area.set_value(&text.replacen("\"partitions\": 6", "\"partitions\": 0", 1));
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    let status = q(&root, "editor-status").text_content().unwrap();
    assert!(status.contains("topic.partitions") && status.contains("line"), "{status}");
    assert!(q(&root, "editor-start").has_attribute("disabled"));
    let field: HtmlInputElement = q(&root, "field-topic.partitions").dyn_into().unwrap();
    field.set_value("8");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    assert!(q(&root, "editor-status").text_content().unwrap().contains("✓"));
    click(&root, "editor-start").await;
    assert_eq!(qa(&root, "lane").len(), 8);
    assert!(q(&root, "recent").text_content().unwrap().contains("8 partitions"), "kept in recent scenarios");
    assert!(!panic_panel_visible());
    app.destroy();
}

async fn crash_first(root: &Element) {
    qa(root, "consumer")[0]
        .query_selector("[data-testid=\"crash-consumer\"]")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    settle().await;
}
