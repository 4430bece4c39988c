//! Marks in flight on the stage, painted on one canvas by `marks.js` (off the main thread where
//! the browser can): produce (producer → leader), replication (leader → follower), fetch
//! (member → leader → member: the consumer pulls), commit (member → its group's
//! `__consumer_offsets` partition), and a rebalance (member → group → member). Each mark is
//! handed over once, with where it starts and ends and how long ago it was born; nothing on the
//! page changes while it flies.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::*;
use crate::app::PulseKind;
use view::{Rect, StageVm};

#[wasm_bindgen(module = "/src/ui/views/marks.js")]
extern "C" {
    type MarkCanvas;
    #[wasm_bindgen(constructor)]
    fn new(canvas: &web_sys::Element) -> MarkCanvas;
    #[wasm_bindgen(method)]
    fn resize(this: &MarkCanvas, width: f64, height: f64);
    #[wasm_bindgen(method)]
    fn launch(this: &MarkCanvas, json: &str, theme: &str);
    #[wasm_bindgen(method)]
    fn clear(this: &MarkCanvas);
    #[wasm_bindgen(method, js_name = free)]
    fn stop(this: &MarkCanvas);
}

/// What a mark stands for (`data-launched` on the canvas counts them per kind).
#[derive(Serialize, Clone, Copy, PartialEq, Debug)]
#[serde(rename_all = "lowercase")]
pub(super) enum MarkKind {
    Record,
    Replicate,
    Fetch,
    Commit,
    Revoke,
    Assign,
}

#[derive(Serialize, Clone, Copy, PartialEq, Debug)]
#[serde(rename_all = "lowercase")]
pub(super) enum Shape {
    Circle,
    Diamond,
    Square,
}

/// One mark, in the stage's CSS pixels. Colours are CSS values or custom property names.
#[derive(Serialize, Clone, PartialEq, Debug)]
#[serde(rename_all = "camelCase")]
pub(super) struct Mark {
    #[serde(skip)]
    id: u64,
    kind: MarkKind,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    r: f64,
    shape: Shape,
    fill: &'static str,
    stroke: &'static str,
    stroke_width: f64,
    alpha: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<u32>,
    text_colour: &'static str,
    dur: f64,
    /// How long ago it was born (wall ms): it starts that far along.
    flown: f64,
    /// There and back (a fetch).
    back: bool,
}

const KEY_COLOURS: [&str; 8] = ["--key-0", "--key-1", "--key-2", "--key-3", "--key-4", "--key-5", "--key-6", "--key-7"];
const GROUP_COLOURS: [&str; 4] = ["--group-0", "--group-1", "--group-2", "--group-3"];

/// Every mark the model has in flight, placed on the stage.
pub(super) fn marks(m: &AppModel, st: &StageVm) -> Vec<Mark> {
    let now = m.now_wall_ms();
    let right_mid = |r: &Rect| (r.x + r.w, r.y + r.h / 2.0);
    let left_mid = |r: &Rect| (r.x, r.y + r.h / 2.0);
    let base = |id: u64, kind: MarkKind, from: (f64, f64), to: (f64, f64), r: f64, born: f64| Mark {
        id,
        kind,
        x0: from.0,
        y0: from.1,
        x1: to.0,
        y1: to.1,
        r,
        shape: Shape::Circle,
        fill: "--surface",
        stroke: "--text",
        stroke_width: 0.0,
        alpha: 1.0,
        text: None,
        text_colour: "--text",
        dur: crate::app::FLIGHT_MS,
        flown: (now - born).max(0.0),
        back: false,
    };
    let mut out = Vec::new();
    for f in &m.flights {
        let (Some(p), Some(to)) = (st.producer(f.producer), st.leader_at(f.partition)) else { continue };
        let bundle = f.records > 1;
        let mut k =
            base(f.id, MarkKind::Record, right_mid(&p.at), to.center(), if bundle { 8.0 } else { 5.0 }, f.born_wall_ms);
        match f.colour {
            Some(c) => {
                k.fill = KEY_COLOURS[c as usize % KEY_COLOURS.len()];
                k.stroke = "rgba(0,0,0,0.35)";
                k.stroke_width = 1.0;
                k.text_colour = "--cell-text";
            }
            None => k.stroke_width = 1.5,
        }
        k.text = bundle.then_some(f.records.min(999));
        out.push(k);
    }
    for p in &m.pulses {
        let group_head = |g: &view::StageGroup| (g.at.x + g.at.w / 2.0, g.at.y + 10.0);
        let (kind, from, to) = match p.kind {
            PulseKind::Replicate { slot, leader, follower } => {
                let (Some(a), Some(b)) = (st.replica_at(slot, leader), st.replica_at(slot, follower)) else { continue };
                (MarkKind::Replicate, a.center(), b.center())
            }
            PulseKind::Fetch { slot, consumer } => {
                let (Some((_, mem)), Some(l)) = (st.member(consumer), st.leader_at(slot)) else { continue };
                (MarkKind::Fetch, left_mid(&mem.at), l.center())
            }
            // A rebalance: partitions go back to the group (its head) and out again.
            PulseKind::Revoke { consumer } => {
                let Some((g, mem)) = st.member(consumer) else { continue };
                (MarkKind::Revoke, mem.at.center(), group_head(g))
            }
            PulseKind::Assign { consumer } => {
                let Some((g, mem)) = st.member(consumer) else { continue };
                (MarkKind::Assign, group_head(g), mem.at.center())
            }
        };
        let replicate = kind == MarkKind::Replicate;
        let mut k = base(p.id, kind, from, to, if replicate { 4.0 } else { 6.5 }, p.born_wall_ms);
        match kind {
            MarkKind::Replicate => {
                k.fill = "--accent-ui";
                k.alpha = 0.55;
            }
            MarkKind::Fetch => {
                k.stroke = "--group-0";
                k.stroke_width = 2.0;
                k.back = true;
            }
            _ => {
                k.shape = Shape::Square;
                k.fill = "--group-0";
                k.text_colour = "#fff";
                k.alpha = if kind == MarkKind::Revoke { 0.7 } else { 1.0 };
            }
        }
        k.text = (p.records > 1 && !replicate).then_some(p.records.min(999) as u32);
        out.push(k);
    }
    for f in &m.commit_flights {
        let Some((g, mem)) = st.member(f.consumer) else { continue };
        let Some(to) = st.offsets_at(&g.group) else { continue };
        let mut k = base(f.id, MarkKind::Commit, left_mid(&mem.at), to.center(), 5.0, f.born_wall_ms);
        k.shape = Shape::Diamond;
        k.fill = GROUP_COLOURS[g.index % GROUP_COLOURS.len()];
        k.stroke = "--surface";
        k.stroke_width = 1.0;
        out.push(k);
    }
    out
}

#[derive(Properties, PartialEq)]
pub(super) struct MarkLayerProps {
    pub(super) marks: Vec<Mark>,
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) theme: crate::app::Theme,
}

/// The canvas the marks fly on. Hands each mark over once (the ids only grow; after a reset
/// they start again and the canvas is cleared).
#[function_component(MarkLayer)]
pub(super) fn mark_layer(p: &MarkLayerProps) -> Html {
    let node = use_node_ref();
    let painter: Rc<std::cell::RefCell<Option<MarkCanvas>>> = use_mut_ref(|| None);
    let launched = use_mut_ref(|| 0u64);
    {
        let (node, painter) = (node.clone(), painter.clone());
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                *painter.borrow_mut() = Some(MarkCanvas::new(&el));
            }
            move || {
                if let Some(p) = painter.borrow_mut().take() {
                    p.stop();
                }
            }
        });
    }
    {
        let painter = painter.clone();
        use_effect_with((p.width, p.height), move |(w, h)| {
            if let Some(c) = painter.borrow().as_ref() {
                c.resize(*w, *h);
            }
        });
    }
    if let Some(c) = painter.borrow().as_ref() {
        let mut last = launched.borrow_mut();
        // Ids start at 1 and only grow, until a reset starts them again.
        let newest = p.marks.iter().map(|k| k.id).max().unwrap_or(0);
        if newest > 0 && newest < *last {
            c.clear();
            *last = 0;
        }
        let fresh: Vec<&Mark> = p.marks.iter().filter(|k| k.id > *last).collect();
        if !fresh.is_empty() {
            *last = newest;
            if let Ok(json) = serde_json::to_string(&fresh) {
                c.launch(&json, p.theme.attr());
            }
        }
    }
    html! {
        <canvas ref={node} class="flights" aria-hidden="true" data-testid="marks"
            style={format!("width:{:.0}px;height:{:.0}px;", p.width, p.height)} />
    }
}
