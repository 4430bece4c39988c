//! The playground experience around the simulation: guided lessons, the timeline scrubber,
//! the Kafka console, the scenario editor with files, recent scenarios and share links, and
//! exports. Components keep only what is being typed; everything else is an `Action`.

use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::lessons::{Wait, LESSONS};
use crate::app::travel::{Marker, MarkerKind};
use crate::app::{Action, Editor, TermKind, TermLine};
use crate::i18n::{t, Lang, T};
use crate::view::format_sim_time;

/// localStorage key of the recent scenarios (a JSON array of scenario texts, newest first).
pub const RECENT_KEY: &str = "kafka-playground.recent";
/// Most recent scenarios kept.
pub const RECENT_MAX: usize = 5;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The recent scenarios (texts), newest first; anything unreadable is ignored.
pub fn recent() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
        .and_then(|t| crate::sim::cluster::json::parse(&t).ok())
        .and_then(|j| j.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect::<Vec<_>>()))
        .unwrap_or_default()
        .into_iter()
        .filter(|t| t.len() <= crate::scenario::SCENARIO_BYTES_MAX)
        .take(RECENT_MAX)
        .collect()
}

fn remember(text: &str) {
    let mut list = recent();
    list.retain(|t| t != text);
    list.insert(0, text.to_string());
    list.truncate(RECENT_MAX);
    if let Some(s) = storage() {
        let items: Vec<String> = list.iter().map(|t| crate::sim::cluster::json::quote(t)).collect();
        let _ = s.set_item(RECENT_KEY, &format!("[{}]", items.join(",")));
    }
}

/// A scenario's label in the recent list: its topic, partitions and size.
fn recent_label(lang: Lang, text: &str) -> String {
    use crate::i18n::{count, Counted};
    match crate::scenario::parse(text) {
        Ok(s) => format!(
            "{} · {} · {} · {} · {}",
            s.sim.topic,
            count(lang, Counted::Partitions, s.sim.partitions as u64),
            count(lang, Counted::Producers, s.producers.len() as u64),
            count(lang, Counted::Consumers, s.consumers.len() as u64),
            count(lang, Counted::Steps, s.timeline.len() as u64)
        ),
        Err(_) => format!("({})", t(lang, T::Unreadable)),
    }
}

/// Offer text as a file download (made in the browser).
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The topic drawing as a standalone SVG: computed styles copied inline (so it looks the same
/// outside the page, in either theme).
pub fn svg_snapshot(near: Option<web_sys::Element>) -> Option<String> {
    let window = web_sys::window()?;
    let document = window.document()?;
    // The drawing of the playground the button belongs to (an embed's lives in a shadow root).
    let svg = match near.and_then(|el| el.closest(".playground").ok().flatten()) {
        Some(pg) => pg.query_selector("svg.topic").ok()??,
        None => document.query_selector("svg.topic").ok()??,
    };
    let copy: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let originals = svg.query_selector_all("*").ok()?;
    let copies = copy.query_selector_all("*").ok()?;
    const PROPS: [&str; 10] = [
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "opacity",
        "font-family",
        "font-size",
        "font-weight",
        "text-anchor",
        "dominant-baseline",
    ];
    let inline = |from: &web_sys::Element, to: &web_sys::Element| {
        if let Ok(Some(style)) = window.get_computed_style(from) {
            let css: String = PROPS
                .iter()
                .filter_map(|p| style.get_property_value(p).ok().filter(|v| !v.is_empty()).map(|v| format!("{p}:{v};")))
                .collect();
            let _ = to.set_attribute("style", &css);
        }
    };
    inline(&svg, &copy);
    for i in 0..originals.length().min(copies.length()) {
        if let (Some(a), Some(b)) = (originals.item(i), copies.item(i)) {
            if let (Ok(a), Ok(b)) = (a.dyn_into::<web_sys::Element>(), b.dyn_into::<web_sys::Element>()) {
                inline(&a, &b);
            }
        }
    }
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    if let Some(bg) = document
        .body()
        .and_then(|b| window.get_computed_style(&b).ok().flatten())
        .and_then(|s| s.get_property_value("background-color").ok())
    {
        let style = copy.get_attribute("style").unwrap_or_default();
        let _ = copy.set_attribute("style", &format!("{style}background:{bg};"));
    }
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}", copy.outer_html()))
}

/// The lesson bar: choose a lesson; while in one, its step, what to watch, and navigation. The
/// panel it points at is outlined (a style rule for that panel's class).
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub lang: Lang,
    pub lesson: Option<crate::app::lessons::LessonState>,
    pub dispatch: Callback<Action>,
}

#[function_component(LessonBar)]
pub fn lesson_bar(p: &LessonProps) -> Html {
    let lang = p.lang;
    let dispatch = &p.dispatch;
    let li = if lang == Lang::Ko { 1 } else { 0 };
    let on_pick = dispatch.reform(|e: Event| {
        let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        if v.is_empty() {
            Action::LessonFreePlay
        } else {
            Action::StartLesson(v)
        }
    });
    let current = p.lesson.as_ref().map(|l| l.lesson.id).unwrap_or("");
    html! {
        <section class="lesson-bar" aria-label={t(lang, T::LessonLabel)} data-testid="lesson-bar">
            <label class="inline">
                <span>{ t(lang, T::LessonLabel) }</span>
                <select data-testid="lesson-pick" onchange={on_pick}>
                    <option value="" selected={current.is_empty()}>{ t(lang, T::LessonNone) }</option>
                    { for LESSONS.iter().enumerate().map(|(i, l)| html! {
                        <option value={l.id} selected={l.id == current}>{ format!("{}. {}", i + 1, l.title[li]) }</option>
                    }) }
                </select>
            </label>
            if let Some(l) = &p.lesson {
                <div class="lesson" data-testid="lesson" data-lesson={l.lesson.id} data-step={l.step.to_string()} data-done={l.done.to_string()}>
                    <style>{ format!(".layout .{} {{ outline: 3px solid var(--accent); outline-offset: 3px; }}", l.current().highlight) }</style>
                    <p class="lesson-step">
                        <strong>{ format!("{} {} / {} · ", t(lang, T::LessonStep), l.step + 1, l.lesson.steps.len()) }</strong>
                        <span data-testid="lesson-text">{ l.current().text[li] }</span>
                    </p>
                    <p class={classes!("lesson-status", l.done.then_some("done"))} data-testid="lesson-status" aria-live="polite">
                        { if !l.done {
                            format!("… {}", t(lang, T::LessonWaiting))
                        } else if l.is_last() {
                            format!("✓ {}", t(lang, T::LessonEnd))
                        } else {
                            format!("✓ {}", t(lang, T::LessonDone))
                        } }
                        if let Wait::Time(ms) = l.current().wait {
                            if !l.done { { format!(" ({})", format_sim_time(ms)) } }
                        }
                    </p>
                    <div class="lesson-nav">
                        <button class="button" data-testid="lesson-prev" disabled={l.step == 0} onclick={dispatch.reform(|_| Action::LessonPrev)}>{ t(lang, T::LessonPrev) }</button>
                        <button class={classes!("button", l.done.then_some("primary"))} data-testid="lesson-next" disabled={l.is_last()}
                            onclick={dispatch.reform(|_| Action::LessonNext)}>{ t(lang, T::LessonNext) }</button>
                        <button class="button" data-testid="lesson-replay" onclick={dispatch.reform(|_| Action::LessonReplay)}>{ t(lang, T::LessonReplay) }</button>
                        <button class="button" data-testid="lesson-free" onclick={dispatch.reform(|_| Action::LessonFreePlay)}>{ t(lang, T::LessonFree) }</button>
                    </div>
                </div>
            }
        </section>
    }
}

/// The timeline under the page: scrub with the slider, markers for commits, crashes,
/// rebalances, resets, reassignment steps and your actions (a letter each, not only a colour).
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub now_ms: u64,
    pub horizon_ms: u64,
    pub markers: Rc<Vec<Marker>>,
    pub dispatch: Callback<Action>,
}

#[function_component(Timeline)]
pub fn timeline(p: &TimelineProps) -> Html {
    let lang = p.lang;
    let dispatch = &p.dispatch;
    let (now, horizon) = (p.now_ms, p.horizon_ms.max(p.now_ms));
    let in_past = now < horizon;
    let span = horizon.max(1) as f64;
    let markers = p.markers.clone();
    let on_seek = dispatch.reform(|e: InputEvent| {
        Action::Seek(e.target_unchecked_into::<web_sys::HtmlInputElement>().value().parse().unwrap_or(0))
    });
    html! {
        <section class="timeline" aria-labelledby="timeline-h" data-testid="timeline" style={format!("--span:{}", span.max(1.0))} data-now={now.to_string()} data-horizon={horizon.to_string()}>
            <div class="timeline-head">
                <h2 id="timeline-h">{ t(lang, T::TimelineTitle) }</h2>
                <span class="mono">{ format!("{} / {}", format_sim_time(now), format_sim_time(horizon)) }</span>
                if in_past {
                    <button class="button" data-testid="to-now" onclick={dispatch.reform(move |_| Action::Seek(horizon))}>{ t(lang, T::ToNow) }</button>
                }
            </div>
            <Markers markers={markers} dispatch={dispatch.clone()} />
            <input type="range" class="scrubber" data-testid="scrubber" min="0" max={horizon.to_string()} step="1" value={now.to_string()}
                aria-label={t(lang, T::TimelineTitle)} aria-valuetext={format_sim_time(now)} oninput={on_seek} />
            if in_past {
                <p class="note past" data-testid="in-past">{ t(lang, T::InPast) }</p>
            }
            <p class="legend">{ t(lang, T::MarkerLegend) }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub lang: Lang,
    pub lines: Rc<VecDeque<TermLine>>,
    pub console: Rc<crate::tools::console::Console>,
    pub dispatch: Callback<Action>,
}

/// The Kafka console: scrollback, a prompt, Enter runs, Tab completes, ↑ ↓ history, Ctrl-D.
#[function_component(ConsolePanel)]
pub fn console_panel(p: &ConsoleProps) -> Html {
    let lang = p.lang;
    let input = use_state(String::new);
    let recall = use_state(|| None::<usize>);
    let hint = use_state(Vec::<String>::new);
    let screen = use_node_ref();
    {
        let screen = screen.clone();
        use_effect_with(p.lines.len(), move |_| {
            if let Some(el) = screen.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let on_input = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| input.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_key = {
        let (input, recall, hint, d, console) =
            (input.clone(), recall.clone(), hint.clone(), p.dispatch.clone(), p.console.clone());
        Callback::from(move |e: KeyboardEvent| {
            let history: Vec<&String> = console.history().collect();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    d.emit(Action::ConsoleLine((*input).clone()));
                    input.set(String::new());
                    recall.set(None);
                    hint.set(Vec::new());
                }
                "Tab" => {
                    e.prevent_default();
                    let (line, options) = console.complete(&input);
                    input.set(line);
                    hint.set(options);
                }
                "ArrowUp" | "ArrowDown" if !history.is_empty() => {
                    e.prevent_default();
                    let n = history.len();
                    let next = match (*recall, e.key().as_str()) {
                        (None, "ArrowUp") => Some(n - 1),
                        (Some(i), "ArrowUp") => Some(i.saturating_sub(1)),
                        (Some(i), _) if i + 1 < n => Some(i + 1),
                        _ => None,
                    };
                    input.set(next.map(|i| history[i].clone()).unwrap_or_default());
                    recall.set(next);
                }
                "d" | "D" if e.ctrl_key() => {
                    e.prevent_default();
                    d.emit(Action::ConsoleEnd);
                }
                _ => {}
            }
        })
    };
    let focus = {
        let screen_input = screen.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = screen_input
                .cast::<web_sys::Element>()
                .and_then(|s| s.parent_element())
                .and_then(|p| p.query_selector("input").ok().flatten())
                .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        })
    };
    html! {
        <section class="panel console-panel" aria-labelledby="console-h" data-testid="console">
            <h2 id="console-h">{ t(lang, T::ConsoleTitle) }</h2>
            <p class="muted">{ t(lang, T::ConsoleNote) }</p>
            <div class="terminal" onclick={focus}>
                <pre class="screen mono" ref={screen} data-testid="console-screen" aria-live="polite">
                    { for p.lines.iter().map(|l| html! {
                        <span class={classes!("tl", match l.kind { TermKind::Input => "in", TermKind::Output => "out", TermKind::Error => "err" })}>{ &l.text }{ "\n" }</span>
                    }) }
                </pre>
                <label class="prompt">
                    <span class="mono" aria-hidden="true">{ p.console.prompt() }</span>
                    <input class="mono" data-testid="console-input" aria-label={t(lang, T::ConsoleInput)} spellcheck="false" autocomplete="off"
                        autocapitalize="off" value={(*input).clone()} oninput={on_input} onkeydown={on_key} />
                </label>
                if !hint.is_empty() {
                    <p class="mono hint" data-testid="console-hint">{ hint.join("  ") }</p>
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ScenarioProps {
    pub lang: Lang,
    pub editor: Rc<Editor>,
    pub share: Option<Result<String, crate::app::FileRefusal>>,
    pub dispatch: Callback<Action>,
}

const FIELDS: [(&str, &[&str]); 6] = [
    ("topic.name", &["topic", "name"]),
    ("topic.partitions", &["topic", "partitions"]),
    ("topic.replication.factor", &["topic", "replication.factor"]),
    ("topic.retention.ms", &["topic", "retention.ms"]),
    ("seed", &["seed"]),
    ("until.ms", &["until.ms"]),
];

fn field_value(text: &str, path: &[&str]) -> String {
    use crate::sim::cluster::json::Json;
    let Ok(v) = crate::sim::cluster::json::parse(text) else { return String::new() };
    let mut cur = &v;
    for k in path {
        match cur.get(k) {
            Some(x) => cur = x,
            None => return String::new(),
        }
    }
    match cur {
        Json::Str(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The scenario editor: fields and the JSON side by side, checked as you type; files, recent
/// scenarios, and share links.
#[function_component(ScenarioPanel)]
pub fn scenario_panel(p: &ScenarioProps) -> Html {
    let lang = p.lang;
    let recents = use_state(recent);
    let text = p.editor.text.clone();
    let on_json = p.dispatch.reform(|e: InputEvent| {
        Action::EditScenario(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
    });
    let start = {
        let (d, text, recents) = (p.dispatch.clone(), text.clone(), recents.clone());
        Callback::from(move |_: MouseEvent| {
            if crate::scenario::parse(&text).is_ok() {
                remember(&text);
                recents.set(recent());
            }
            d.emit(Action::LoadScenario(text.clone()));
        })
    };
    let save = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| download("scenario.json", "application/json", &text))
    };
    let open = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            if file.size() > crate::scenario::SCENARIO_BYTES_MAX as f64 {
                let (bytes, max) = (file.size() as usize, crate::scenario::SCENARIO_BYTES_MAX);
                d.emit(Action::EditorRefused(crate::scenario::ScenarioError::whole(
                    format!("{}: larger than {max} bytes", file.name()),
                    crate::scenario::ScenarioProblem::TooBig { bytes, max },
                )));
                return;
            }
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(v) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    d.emit(Action::EditScenario(v.as_string().unwrap_or_default()));
                }
            });
        })
    };
    let field = |(name, path): (&'static str, &'static [&'static str])| {
        let d = p.dispatch.clone();
        let text2 = text.clone();
        let on = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            match crate::scenario::set_field(&text2, path, &v) {
                Ok(t) => d.emit(Action::EditScenario(t)),
                Err(e) => d.emit(Action::EditorRefused(e)),
            }
        });
        html! {
            <label><span class="mono">{ name }</span>
                <input data-testid={format!("field-{name}")} value={field_value(&text, path)} onchange={on} spellcheck="false" /></label>
        }
    };
    let share_url = p.share.as_ref().and_then(|r| r.as_ref().ok()).map(|link| {
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|h| h.split('#').next().unwrap_or("").to_string())
            .unwrap_or_default();
        format!("{base}#run={link}")
    });
    let copy = {
        let url = share_url.clone().unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&url);
            }
        })
    };
    html! {
        <section class="panel scenario-panel" aria-labelledby="scenario-h" data-testid="scenario">
            <h2 id="scenario-h">{ t(lang, T::ScenarioTitle) }</h2>
            <p class="muted">{ t(lang, T::ScenarioNote) }</p>
            <div class="reset-buttons wrap">
                <button class="button" data-testid="editor-from-run" onclick={p.dispatch.reform(|_| Action::EditorFromRun)}>{ t(lang, T::FromRun) }</button>
                <button class="button primary" data-testid="editor-start" disabled={!matches!(p.editor.status, Some(Ok(())))} onclick={start}>{ t(lang, T::StartScenario) }</button>
                <button class="button" data-testid="editor-save" disabled={text.is_empty()} onclick={save}>{ t(lang, T::SaveFile) }</button>
                <label class="button file"><span>{ t(lang, T::OpenFile) }</span>
                    <input type="file" accept=".json,application/json" data-testid="editor-open" onchange={open} /></label>
                <button class="button" data-testid="share" onclick={p.dispatch.reform(|_| Action::MakeShareLink)}>{ t(lang, T::ShareLink) }</button>
            </div>
            { match &p.share {
                Some(Ok(_)) => html! {
                    <div class="share">
                        <input class="mono" readonly=true data-testid="share-url" value={share_url.clone().unwrap_or_default()} aria-label={t(lang, T::ShareLink)} />
                        <button class="button" onclick={copy}>{ t(lang, T::CopyLink) }</button>
                        <p class="note">{ t(lang, T::ShareNote) }</p>
                    </div>
                },
                Some(Err(e)) => html! { <p class="field-error" role="alert" data-testid="share-error">{ file_refusal(lang, e) }</p> },
                None => html! {},
            } }
            if !text.is_empty() {
                <div class="editor">
                    <div class="editor-fields">{ for FIELDS.iter().map(|f| field(*f)) }</div>
                    <textarea class="mono json-editor" data-testid="editor-json" rows="16" spellcheck="false" value={text.clone()} oninput={on_json}
                        aria-describedby="editor-status" aria-label={t(lang, T::ScenarioTitle)} />
                </div>
                { match &p.editor.status {
                    Some(Ok(())) => html! { <p id="editor-status" class="ok" data-testid="editor-status">{ format!("✓ {}", t(lang, T::ValidScenario)) }</p> },
                    Some(Err(e)) => html! { <p id="editor-status" class="field-error" role="alert" data-testid="editor-status">{ format!("✗ {}", file_refusal(lang, e)) }</p> },
                    None => html! {},
                } }
            }
            if !recents.is_empty() {
                <h3>{ t(lang, T::Recent) }</h3>
                <ul class="recent" data-testid="recent">
                    { for recents.iter().map(|r| {
                        let (d, r2) = (p.dispatch.clone(), r.clone());
                        html! { <li><button class="link" onclick={Callback::from(move |_: MouseEvent| d.emit(Action::EditScenario(r2.clone())))}>{ recent_label(lang, r) }</button></li> }
                    }) }
                </ul>
            }
        </section>
    }
}

/// Exports: the trace, the describe tables, an SVG snapshot, and the real-cluster script.
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub lang: Lang,
    pub real_preview: Option<Rc<String>>,
    pub dispatch: Callback<Action>,
}

#[function_component(ExportPanel)]
pub fn export_panel(p: &ExportProps) -> Html {
    use crate::app::ExportKind;
    let lang = p.lang;
    let dispatch = &p.dispatch;
    let svg = Callback::from(|e: MouseEvent| {
        if let Some(s) = svg_snapshot(e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())) {
            download("kafka-playground.svg", "image/svg+xml", &s);
        }
    });
    html! {
        <section class="panel export-panel" aria-labelledby="export-h" data-testid="export">
            <h2 id="export-h">{ t(lang, T::ExportTitle) }</h2>
            <p class="muted">{ t(lang, T::ExportNote) }</p>
            <div class="reset-buttons wrap">
                <button class="button" data-testid="export-trace" onclick={dispatch.reform(|_| Action::Export(ExportKind::Trace))}>{ t(lang, T::ExportTrace) }</button>
                <button class="button" data-testid="export-describe" onclick={dispatch.reform(|_| Action::Export(ExportKind::Describe))}>{ t(lang, T::ExportDescribe) }</button>
                <button class="button" data-testid="export-svg" onclick={svg}>{ t(lang, T::ExportSvg) }</button>
                <button class="button" data-testid="export-real" onclick={dispatch.reform(|_| Action::Export(ExportKind::RealCluster))}>{ t(lang, T::ExportReal) }</button>
            </div>
            if let Some(text) = &p.real_preview {
                <pre class="mono table-out" data-testid="real-cluster">{ text.as_str() }</pre>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct MarkersProps {
    pub markers: Rc<Vec<Marker>>,
    pub dispatch: Callback<Action>,
}

/// The scrubber's markers (redrawn only when they or the horizon change).
#[function_component(Markers)]
pub fn markers(p: &MarkersProps) -> Html {
    html! {
        <div class="markers">
            { for p.markers.iter().map(|mk| {
                let kind = match mk.kind {
                    MarkerKind::Commit => "commit",
                    MarkerKind::Crash => "crash",
                    MarkerKind::Rebalance => "rebalance",
                    MarkerKind::Reset => "reset",
                    MarkerKind::Reassignment => "reassign",
                    MarkerKind::Visitor => "visitor",
                };
                let at = mk.at_ms;
                html! {
                    <button class={classes!("marker", kind)} style={format!("--at:{}", mk.at_ms)} data-testid="marker" data-kind={kind}
                        title={format!("{} · {}", mk.kind.letter(), format_sim_time(at))}
                        aria-label={format!("{} {}", mk.kind.letter(), format_sim_time(at))}
                        onclick={p.dispatch.reform(move |_| Action::Seek(at))}>{ mk.kind.letter() }</button>
                }
            }) }
        </div>
    }
}

/// Why a scenario or a share link cannot run, in the visitor's language.
fn file_refusal(lang: Lang, e: &crate::app::FileRefusal) -> String {
    use crate::app::FileRefusal as F;
    match e {
        F::Scenario(e) => crate::i18n::scenario_error(lang, e),
        F::Share(e) => crate::i18n::share_error(lang, e),
        F::Start(r) => crate::i18n::rejected_text(lang, r),
    }
}
