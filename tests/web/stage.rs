//! Browser tests of the stage: click its objects, drag a replica, watch marks fly.

use super::*;

fn stage_chip(root: &Element, slot: u32, broker: i32) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"stage-chip\"][data-slot=\"{slot}\"][data-broker=\"{broker}\"]"))
        .unwrap()
}

fn stage_broker(root: &Element, broker: i32) -> Element {
    root.query_selector(&format!("[data-testid=\"stage-broker\"][data-broker=\"{broker}\"]"))
        .unwrap()
        .expect("a broker box")
}

/// A fresh playground (with the panic hook), on `preset` if given.
async fn mounted(preset: Option<&str>) -> (Element, yew::AppHandle<kafka_playground::ui::App>) {
    kafka_playground::ui::install_panic_hook();
    let root = fresh_root();
    let app = kafka_playground::ui::mount(root.clone());
    settle().await;
    if let Some(p) = preset {
        choose(&root, "preset", p).await;
    }
    (root, app)
}

/// Drags `from` onto `to` as a pointer would: dragstart, dragover, drop, one DataTransfer.
fn drag(from: &Element, to: &Element) {
    let transfer = web_sys::DataTransfer::new().unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    for (el, kind) in [(from, "dragstart"), (to, "dragover"), (to, "drop")] {
        el.dispatch_event(&web_sys::DragEvent::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
    }
}

async fn click_el(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().unwrap().click();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_brokers_inspector_crashes_it_and_the_stage_greys_it_and_moves_its_leaders() {
    let (root, app) = mounted(Some("seed-reassignment")).await;
    // The seed's cluster on the stage: six brokers; test1-0 on 1,2,3 (led by 1), test1-1 on 4,5,6.
    assert_eq!(qa(&root, "stage-broker").len(), 6);
    assert_eq!(stage_chip(&root, 0, 1).unwrap().get_attribute("data-role").as_deref(), Some("leader"));
    assert_eq!(stage_chip(&root, 0, 2).unwrap().get_attribute("data-role").as_deref(), Some("follower"));
    assert!(stage_chip(&root, 0, 4).is_none() && stage_chip(&root, 1, 4).is_some());
    // Click broker 1: its inspector opens with its actions.
    click_el(&stage_broker(&root, 1).query_selector("[data-testid=\"stage-broker-head\"]").unwrap().unwrap()).await;
    assert_eq!(q(&root, "inspector").get_attribute("data-focus").as_deref(), Some("Broker(1)"));
    click(&root, "inspector-crash-broker").await;
    click(&root, "step-100").await;
    let b1 = stage_broker(&root, 1);
    assert_eq!(b1.get_attribute("data-state").as_deref(), Some("Crashed"));
    assert!(b1.class_list().contains("down"), "greyed");
    // Its replicas stay where they are; after the controller fences it
    // (broker.session.timeout.ms), test1-0's leader is another replica.
    assert!(stage_chip(&root, 0, 1).is_some(), "replicas never move by themselves");
    let moved = wait_until(30_000, || {
        if let Ok(el) = q(&root, "step-100").dyn_into::<HtmlElement>() {
            el.click();
        }
        [2, 3]
            .iter()
            .any(|b| stage_chip(&root, 0, *b).and_then(|c| c.get_attribute("data-role")).as_deref() == Some("leader"))
    })
    .await;
    assert!(moved, "the leader moved after fencing");
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn dragging_a_replica_to_another_broker_drafts_the_reassignment_json() {
    let (root, app) = mounted(Some("seed-reassignment")).await;
    drag(&stage_chip(&root, 0, 3).expect("test1-0 on broker 3"), &stage_broker(&root, 6));
    settle().await;
    // The editor holds Kafka's JSON for the move, and says how to run it.
    assert_eq!(q(&root, "tab-panel").get_attribute("data-tab").as_deref(), Some("brokers"));
    let editor: web_sys::HtmlTextAreaElement = q(&root, "reassign-json").dyn_into().unwrap();
    assert_eq!(
        editor.value(),
        r#"{"version":1,"partitions":[{"topic":"test1","partition":0,"replicas":[1,2,6],"log_dirs":["any","any","any"]}]}"#
    );
    assert!(!qa(&root, "draft-done").is_empty());
    // Dropping a replica on a broker that holds one of the same partition is refused.
    drag(&stage_chip(&root, 0, 1).unwrap(), &stage_broker(&root, 2));
    settle().await;
    assert!(q(&root, "draft-refusal").text_content().unwrap().contains("already holds"));
    assert_eq!(editor.value().matches("partition").count(), 2, "nothing changed");
    // --execute: broker 6 gets a replica of test1-0 (being added, then a follower).
    click(&root, "reassign-execute").await;
    click(&root, "step-100").await;
    assert!(stage_chip(&root, 0, 6).is_some(), "the new replica appears on broker 6");
    assert!(!panic_panel_visible());
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_fetch_and_a_commit_fly_and_a_replica_opens_its_partitions_log() {
    let (root, app) = mounted(None).await;
    choose(&root, "speed", "8").await;
    click(&root, "play").await;
    // The consumers pull (a fetch goes to the leader and comes back with records), and their
    // auto-commits fly to __consumer_offsets on the coordinator.
    // Each mark is handed to the stage's canvas once; the canvas counts them per kind.
    let marks = q(&root, "marks");
    let launched = |kind: &str| -> u32 {
        let text = marks.get_attribute("data-launched").unwrap_or_default();
        text.split(' ').find_map(|kv| kv.strip_prefix(&format!("{kind}:"))?.parse().ok()).unwrap_or(0)
    };
    let seen = wait_until(20_000, || launched("fetch") > 0 && launched("commit") > 0).await;
    assert!(seen, "a fetch and a commit in flight on the stage: {:?}", marks.get_attribute("data-launched"));
    assert_eq!(marks.tag_name(), "CANVAS");
    assert!(!qa(&root, "stage-member").is_empty() && !qa(&root, "stage-offsets").is_empty());
    click(&root, "play").await;
    // Click a replica: its partition's inspector, and the log view shows that partition alone.
    assert_eq!(qa(&root, "lane").len(), 6);
    click_el(&stage_chip(&root, 2, 1).unwrap()).await;
    assert_eq!(q(&root, "inspector").get_attribute("data-focus").as_deref(), Some("Partition(2)"));
    let lanes = qa(&root, "lane");
    assert_eq!(lanes.len(), 1);
    assert_eq!(lanes[0].get_attribute("data-partition").as_deref(), Some("2"));
    click(&root, "log-all").await;
    assert_eq!(qa(&root, "lane").len(), 6);
    // A member opens the consumer's inspector; Crash there crashes it on the stage.
    click_el(&qa(&root, "stage-member")[0]).await;
    click(&root, "inspector-crash-consumer").await;
    assert_eq!(qa(&root, "stage-member")[0].get_attribute("data-state").as_deref(), Some("Crashed"));
    assert!(!panic_panel_visible());
    app.destroy();
}
