//! What the page draws, as functions of the model. Components here keep only the text a
//! visitor is typing; every change goes out as an `Action`.

use yew::prelude::*;

use std::rc::Rc;

use crate::app::{Action, AppModel, Notice, Panels, ProducerForm, Theme};
use crate::i18n::{field_error, rejected_text, t, Lang, T};
use crate::sim::config::KeyMode;
use crate::sim::{Event, ProducerSnapshot};
use crate::view::{self, flight_point, format_sim_time, Layout, SPEEDS};

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

fn select_value(e: &Event2) -> String {
    e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
}

type Event2 = yew::events::Event;

pub fn page(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    use crate::app::embed::Controls;
    if m.controls != Controls::Full {
        return embedded_page(m, dispatch);
    }
    let lang = m.lang;
    html! {
        <div class="playground" data-testid="playground" data-lang={lang.code()}>
            { header(m, dispatch) }
            { controls(m, dispatch) }
            <super::experience::LessonBar lang={lang} lesson={m.lesson.clone()} dispatch={dispatch.clone()} />
            <p class="preset-story" data-testid="preset-story" data-preset={m.preset.id()}>
                <strong>{ m.preset.title(lang) }{ ": " }</strong>{ m.preset.story(lang) }
            </p>
            { notice(m, dispatch) }
            <main class="layout">
                <ProducersPanel panels={m.panels.clone()} lang={lang} dispatch={dispatch.clone()} />
                <section class="panel topic-panel" aria-labelledby="topic-h">
                    <div class="panel-head">
                        <h2 id="topic-h">{ t(lang, T::Topic) }{ ": " }<code>{ &m.snapshot.topic }</code></h2>
                        <InlineForm label={t(lang, T::Partitions)} button={t(lang, T::AddPartitions)} field_id="partitions" button_id="alter-partitions"
                            value={m.snapshot.partitions.len().to_string()} action={InlineAction::Partitions} dispatch={dispatch.clone()} />
                    </div>
                    { topic_svg(m) }
                    if !m.reset_flashes.is_empty() {
                        <ul class="reset-flashes" data-testid="reset-flashes">
                            { for m.reset_flashes.iter().rev().map(|f| {
                                let name = m.consumers.consumers.iter().find(|c| c.id == f.consumer).map_or_else(|| format!("C{}", f.consumer), |c| format!("C{} · {}", c.id, c.client_id));
                                let from = f.from.map_or("-".to_string(), |v| v.to_string());
                                html! {
                                    <li key={format!("{}-{}-{}", f.consumer, f.partition, f.born_wall_ms)} data-testid="reset-flash">
                                        <strong>{ format!("{name} · P{}: {from} → {}", f.partition, f.to) }</strong>
                                        { format!(" · {} · auto.offset.reset={}", crate::i18n::reset_cause_text(lang, f.cause, f.from), f.policy) }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                    <p class="legend">{ t(lang, T::Legend) }{ " " }{ t(lang, T::SegmentsLegend) }{ " " }{ t(lang, T::HwLegend) }</p>
                    if m.aggregated {
                        <p class="note" data-testid="aggregate-note">{ t(lang, T::AggregateNote) }</p>
                    }
                    { key_moves(m) }
                    <p class="note">{ t(lang, T::MetadataNote) }</p>
                </section>
                <ChartsPanel charts={m.charts.clone()} lang={lang} dispatch={dispatch.clone()} />
                <BrokersPanel brokers={m.brokers.clone()} lang={lang} dispatch={dispatch.clone()} />
                <ReassignPanel lang={lang} json={m.reassign_json.clone()} output={m.reassign_output.clone()}
                    brokers={m.brokers.brokers.iter().map(|b| b.id).collect::<Vec<_>>()} dispatch={dispatch.clone()} />
                <ConsumersPanel consumers={m.consumers.clone()} lang={lang} dispatch={dispatch.clone()} />
                <GroupsPanel consumers={m.consumers.clone()} lang={lang} />
                <ResetOffsetsPanel consumers={m.consumers.clone()} lang={lang} output={m.reset_output.clone()} topic={m.snapshot.topic.clone()} dispatch={dispatch.clone()} />
                <section class="panel calc-panel" aria-labelledby="calc-h">
                    <h2 id="calc-h">{ t(lang, T::Calculator) }</h2>
                    <Calculator key={m.panels.partitions} lang={lang} partitions={m.panels.partitions} />
                </section>
                <EventLogPanel panels={m.panels.clone()} lang={lang} />
                <super::experience::ConsolePanel lang={lang} lines={m.terminal.clone()} console={m.console.clone()} dispatch={dispatch.clone()} />
                <super::experience::ScenarioPanel lang={lang} editor={m.editor.clone()} share={m.share.clone()} dispatch={dispatch.clone()} />
                <super::experience::ExportPanel lang={lang} real_preview={m.real_preview.clone()} dispatch={dispatch.clone()} />
            </main>
            <footer class="footer">
                <p>{ t(lang, T::Simplified) }</p>
                <p class="muted">{ t(lang, T::ShortcutsHint) }</p>
            </footer>
            if m.show_shortcuts {
                <div class="shortcuts" role="dialog" aria-labelledby="shortcuts-h" data-testid="shortcuts">
                    <h2 id="shortcuts-h">{ t(lang, T::ShortcutsTitle) }</h2>
                    <dl>
                        <dt><kbd>{ "Space" }</kbd></dt><dd>{ t(lang, T::Play) }{ " / " }{ t(lang, T::Pause) }</dd>
                        <dt><kbd>{ "→" }</kbd></dt><dd>{ t(lang, T::StepEvent) }</dd>
                        <dt><kbd>{ "↓" }</kbd></dt><dd>{ t(lang, T::Step100ms) }</dd>
                        <dt><kbd>{ "+" }</kbd>{ " " }<kbd>{ "-" }</kbd></dt><dd>{ t(lang, T::Speed) }</dd>
                        <dt><kbd>{ "?" }</kbd></dt><dd>{ t(lang, T::ShortcutsTitle) }</dd>
                        <dt><kbd>{ "Esc" }</kbd></dt><dd>{ t(lang, T::DismissWord) }</dd>
                    </dl>
                    <button class="button" data-testid="close-shortcuts" onclick={dispatch.reform(|_| Action::ToggleShortcuts)}>{ t(lang, T::DismissWord) }</button>
                </div>
            }
            <super::experience::Timeline lang={lang} now_ms={m.timeline_now_ms} horizon_ms={m.timeline_horizon_ms}
                markers={m.markers.clone()} dispatch={dispatch.clone()} />
            <div class="visually-hidden" aria-live="polite" data-testid="live">
                { m.live.as_ref().map(|e| crate::i18n::event_line(lang, e, &|id| format!("P{id}"))).unwrap_or_default() }
            </div>
        </div>
    }
}

/// An embed with `controls=minimal` (lesson, play/step/speed, topic, consumers, timeline) or
/// `controls=none` (the topic and the consumers, and the lesson's text).
fn embedded_page(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    use crate::app::embed::Controls;
    let lang = m.lang;
    let minimal = m.controls == Controls::Minimal;
    // A minimal embed shows the panels its lesson points at (so every step can be done there).
    let wants =
        |panel: &str| minimal && m.lesson.as_ref().is_some_and(|l| l.lesson.steps.iter().any(|s| s.highlight == panel));
    html! {
        <div class={classes!("playground", "embedded", (!minimal).then_some("bare"))} data-testid="playground" data-lang={lang.code()}
            data-controls={if minimal { "minimal" } else { "none" }}>
            if minimal {
                { controls(m, dispatch) }
                <super::experience::LessonBar lang={lang} lesson={m.lesson.clone()} dispatch={dispatch.clone()} />
            } else if let Some(l) = &m.lesson {
                <p class="lesson-step" data-testid="lesson-text">{ l.current().text[if lang == Lang::Ko { 1 } else { 0 }] }</p>
            }
            { notice(m, dispatch) }
            <main class="layout embedded-layout">
                <section class="panel topic-panel" aria-labelledby="topic-h">
                    <div class="panel-head">
                        <h2 id="topic-h">{ t(lang, T::Topic) }{ ": " }<code>{ &m.snapshot.topic }</code></h2>
                        <span class="clock" data-testid="sim-time">{ format_sim_time(m.sim().now_ms()) }</span>
                    </div>
                    { topic_svg(m) }
                </section>
                if wants("charts-panel") {
                    <ChartsPanel charts={m.charts.clone()} lang={lang} dispatch={dispatch.clone()} />
                }
                if wants("brokers-panel") {
                    <BrokersPanel brokers={m.brokers.clone()} lang={lang} dispatch={dispatch.clone()} />
                }
                if wants("reassign-panel") {
                    <ReassignPanel lang={lang} json={m.reassign_json.clone()} output={m.reassign_output.clone()}
                        brokers={m.brokers.brokers.iter().map(|b| b.id).collect::<Vec<_>>()} dispatch={dispatch.clone()} />
                }
                <ConsumersPanel consumers={m.consumers.clone()} lang={lang} dispatch={dispatch.clone()} />
                if minimal {
                    <GroupsPanel consumers={m.consumers.clone()} lang={lang} />
                }
                if wants("producers-panel") {
                    <ProducersPanel panels={m.panels.clone()} lang={lang} dispatch={dispatch.clone()} />
                }
                if wants("console-panel") {
                    <super::experience::ConsolePanel lang={lang} lines={m.terminal.clone()} console={m.console.clone()} dispatch={dispatch.clone()} />
                }
            </main>
            if minimal {
                <super::experience::Timeline lang={lang} now_ms={m.timeline_now_ms} horizon_ms={m.timeline_horizon_ms}
                    markers={m.markers.clone()} dispatch={dispatch.clone()} />
            }
            <p class="embed-foot muted">
                { t(lang, T::VersionBadge) }{ " · " }{ t(lang, T::Simplified) }
                if let Some(href) = &m.open_link {
                    { " " }<a href={href.clone()} target="_blank" rel="noopener" data-testid="open-in-playground">{ t(lang, T::OpenInPlayground) }</a>
                }
            </p>
        </div>
    }
}

fn header(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    let lang = m.lang;
    let lang_button = |l: Lang, label: &'static str, testid: &'static str| {
        html! {
            <button class={classes!("chip", (lang == l).then_some("on"))} aria-pressed={(lang == l).to_string()}
                data-testid={testid} onclick={dispatch.reform(move |_| Action::SetLang(l))}>{ label }</button>
        }
    };
    let on_theme = dispatch.reform(|e: Event2| {
        Action::SetTheme(match select_value(&e).as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        })
    });
    html! {
        <header class="header">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
                    <circle cx="16" cy="7" r="4" /><circle cx="7" cy="23" r="4" /><circle cx="25" cy="23" r="4" />
                    <path d="M16 11v6M16 17l-7 3M16 17l7 3" />
                </svg>
                <div>
                    <h1>{ t(lang, T::Title) }</h1>
                    <p class="subtitle">{ t(lang, T::Subtitle) }</p>
                </div>
            </div>
            <div class="header-tools">
                <span class="badge" data-testid="version-badge">{ t(lang, T::VersionBadge) }</span>
                <div class="chips" role="group" aria-label={t(lang, T::Language)}>
                    { lang_button(Lang::En, "English", "lang-en") }
                    { lang_button(Lang::Ko, "한국어", "lang-ko") }
                </div>
                <label class="inline">
                    <span>{ t(lang, T::Theme) }</span>
                    <select data-testid="theme" onchange={on_theme}>
                        <option value="auto" selected={m.theme == Theme::Auto}>{ t(lang, T::ThemeAuto) }</option>
                        <option value="light" selected={m.theme == Theme::Light}>{ t(lang, T::ThemeLight) }</option>
                        <option value="dark" selected={m.theme == Theme::Dark}>{ t(lang, T::ThemeDark) }</option>
                    </select>
                </label>
            </div>
        </header>
    }
}

fn controls(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    let lang = m.lang;
    let on_speed = dispatch.reform(|e: Event2| Action::SetSpeed(select_value(&e).parse().unwrap_or(1.0)));
    html! {
        <div class="controls" role="toolbar">
            <button class="button primary" data-testid="play" aria-pressed={m.playing.to_string()}
                onclick={dispatch.reform(|_| Action::TogglePlay)}>
                { if m.playing { html! { <>{ "❚❚ " }{ t(lang, T::Pause) }</> } } else { html! { <>{ "▶ " }{ t(lang, T::Play) }</> } } }
            </button>
            <button class="button" data-testid="step-event" onclick={dispatch.reform(|_| Action::StepEvent)}>{ t(lang, T::StepEvent) }</button>
            <button class="button" data-testid="step-100" onclick={dispatch.reform(|_| Action::Step100Ms)}>{ t(lang, T::Step100ms) }</button>
            <label class="inline">
                <span>{ t(lang, T::Speed) }</span>
                <select data-testid="speed" onchange={on_speed}>
                    { for SPEEDS.iter().map(|s| html! {
                        <option value={s.to_string()} selected={*s == m.speed}>{ format!("{s}×") }</option>
                    }) }
                </select>
            </label>
            <button class="button" data-testid="reset" onclick={dispatch.reform(|_| Action::Reset)}>{ t(lang, T::Reset) }</button>
            <label class="inline preset">
                <span>{ t(lang, T::PresetLabel) }</span>
                <select data-testid="preset" onchange={dispatch.reform(|e: Event2| Action::LoadPreset(select_value(&e)))}>
                    { for crate::app::presets::Preset::ALL.iter().map(|p| html! {
                        <option value={p.id()} selected={*p == m.preset}>{ p.title(lang) }</option>
                    }) }
                </select>
            </label>
            <InlineForm label={t(lang, T::Seed)} button={t(lang, T::ApplySeed)} field_id="seed" button_id="apply-seed"
                value={m.seed.to_string()} action={InlineAction::Seed} dispatch={dispatch.clone()} />
            <span class="clock" data-testid="sim-time" title={t(lang, T::SimTime)}>
                <span class={classes!("dot", m.playing.then_some("live"))}></span>
                { t(lang, T::SimTime) }{ " " }<strong>{ format_sim_time(m.sim().now_ms()) }</strong>
            </span>
        </div>
    }
}

fn notice(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    let Some(n) = &m.notice else { return html! {} };
    let text = match n {
        Notice::Field(e) => field_error(m.lang, e),
        Notice::Rejected(r) => format!("{}: {}", t(m.lang, T::ErrorPrefix), rejected_text(m.lang, r)),
    };
    html! {
        <div class="notice" role="alert" data-testid="notice">
            <span>{ text }</span>
            <button class="close" aria-label="×" onclick={dispatch.reform(|_| Action::DismissNotice)}>{ "×" }</button>
        </div>
    }
}

/// A one-field form (a number and a button): the text is kept while typing and sent as an
/// `Action` on submit; it resets when the model's value changes.
#[derive(Properties, PartialEq)]
struct InlineFormProps {
    label: &'static str,
    button: &'static str,
    /// `data-testid` of the input and of the button.
    field_id: &'static str,
    button_id: &'static str,
    value: String,
    action: InlineAction,
    dispatch: Callback<Action>,
}

/// What an inline form's text becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InlineAction {
    Seed,
    Partitions,
    ProduceLimit,
}

impl InlineAction {
    fn to_action(self, text: String) -> Action {
        match self {
            InlineAction::Seed => Action::SetSeed(text),
            InlineAction::Partitions => Action::AlterPartitions(text),
            InlineAction::ProduceLimit => Action::SetProduceLimit(text),
        }
    }
}

#[function_component(InlineForm)]
fn inline_form(p: &InlineFormProps) -> Html {
    let text = use_state(|| p.value.clone());
    {
        let text = text.clone();
        use_effect_with(p.value.clone(), move |v| text.set(v.clone()));
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(input_value(&e)))
    };
    let onsubmit = {
        let text = text.clone();
        let (d, action) = (p.dispatch.clone(), p.action);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(action.to_action((*text).clone()));
        })
    };
    html! {
        <form class="inline" onsubmit={onsubmit}>
            <label class="inline">
                <span>{ p.label }</span>
                <input class="num" data-testid={p.field_id} inputmode="numeric" value={(*text).clone()} oninput={oninput} />
            </label>
            <button class="button" type="submit" data-testid={p.button_id}>{ p.button }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ProducerProps {
    index: usize,
    producer: ProducerSnapshot,
    lang: Lang,
    dispatch: Callback<Action>,
}

#[function_component(ProducerCard)]
fn producer_card(p: &ProducerProps) -> Html {
    let lang = p.lang;
    let prod = &p.producer;
    let form = use_state(|| ProducerForm::from_spec(&prod.spec));
    {
        let form = form.clone();
        use_effect_with(prod.spec.clone(), move |spec| form.set(ProducerForm::from_spec(spec)));
    }
    let edit = |f: fn(&mut ProducerForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            f(&mut next, input_value(&e));
            form.set(next);
        })
    };
    let on_keys = {
        let form = form.clone();
        Callback::from(move |e: Event2| {
            let mut next = (*form).clone();
            next.keys = select_value(&e);
            form.set(next);
        })
    };
    let on_mode = {
        let form = form.clone();
        Callback::from(move |e: Event2| {
            let mut next = (*form).clone();
            next.bursty = select_value(&e) == "bursty";
            form.set(next);
        })
    };
    let on_acks = {
        let form = form.clone();
        Callback::from(move |e: Event2| {
            let mut next = (*form).clone();
            next.acks = select_value(&e);
            form.set(next);
        })
    };
    let id = prod.id;
    let onsubmit = {
        let form = form.clone();
        let d = p.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(Action::UpdateProducer(id, (*form).clone()));
        })
    };
    let closing = prod.state == crate::sim::producer::ProducerState::Closing;
    let partitioner = match prod.spec.keys {
        KeyMode::None => t(lang, T::PartitionerSticky),
        _ => t(lang, T::PartitionerKeyed),
    };
    let colour = format!("var(--producer-{})", p.index % 4);
    html! {
        <li class="producer-card" data-testid="producer" data-producer={id.to_string()} style={format!("--accent: {colour}")}>
            <div class="producer-head">
                <strong>{ &prod.spec.client_id }</strong>
                if closing { <span class="tag">{ t(lang, T::Closing) }</span> }
                <button class="button small" data-testid="remove-producer" disabled={closing}
                    onclick={p.dispatch.reform(move |_| Action::RemoveProducer(id))}>{ t(lang, T::Remove) }</button>
            </div>
            <dl class="stats">
                <div><dt>{ t(lang, T::Sent) }</dt><dd data-testid="sent">{ prod.records_sent }</dd></div>
                <div><dt>{ t(lang, T::Acked) }</dt><dd>{ prod.records_acked }</dd></div>
                <div><dt>{ t(lang, T::Buffered) }</dt><dd>{ prod.records_buffered }</dd></div>
                if prod.blocked { <div class="warn"><dt>{ "send()" }</dt><dd data-testid="blocked">{ t(lang, T::SendBlockedWord) }</dd></div> }
                if prod.sends_failed + prod.records_failed > 0 {
                    <div class="warn"><dt>{ t(lang, T::Failed) }</dt><dd data-testid="failed">{ prod.sends_failed + prod.records_failed }</dd></div>
                }
                if let Some(s) = prod.sticky_partition {
                    <div><dt>{ t(lang, T::StickyPartition) }</dt><dd>{ s }</dd></div>
                }
            </dl>
            <p class="partitioner"><span>{ t(lang, T::Partitioner) }{ ": " }</span><code>{ partitioner }</code></p>
            <form class="producer-form" onsubmit={onsubmit}>
                <label><span>{ t(lang, T::Rate) }</span>
                    <input class="num" data-testid="rate" inputmode="decimal" value={form.rate.clone()} oninput={edit(|f, v| f.rate = v)} /></label>
                <label><span>{ t(lang, T::RateMode) }</span>
                    <select onchange={on_mode} data-testid="rate-mode">
                        <option value="steady" selected={!form.bursty}>{ t(lang, T::RateSteady) }</option>
                        <option value="bursty" selected={form.bursty}>{ t(lang, T::RateBursty) }</option>
                    </select></label>
                <label><span>{ t(lang, T::Keys) }</span>
                    <select onchange={on_keys} data-testid="keys">
                        <option value="none" selected={form.keys == "none"}>{ t(lang, T::KeysNone) }</option>
                        <option value="fixed" selected={form.keys == "fixed"}>{ t(lang, T::KeysFixed) }</option>
                        <option value="random" selected={form.keys == "random"}>{ t(lang, T::KeysRandom) }</option>
                    </select></label>
                if form.keys == "fixed" {
                    <label><span>{ t(lang, T::KeyCount) }</span>
                        <input class="num" data-testid="key-count" inputmode="numeric" value={form.key_count.clone()} oninput={edit(|f, v| f.key_count = v)} /></label>
                }
                <label><span>{ t(lang, T::ValueBytes) }</span>
                    <input class="num" inputmode="numeric" value={form.value_bytes.clone()} oninput={edit(|f, v| f.value_bytes = v)} /></label>
                <label><span><code>{ "batch.size" }</code></span>
                    <input class="num" data-testid="batch-size" inputmode="numeric" value={form.batch_size.clone()} oninput={edit(|f, v| f.batch_size = v)} /></label>
                <label><span><code>{ "linger.ms" }</code></span>
                    <input class="num" data-testid="linger-ms" inputmode="numeric" value={form.linger_ms.clone()} oninput={edit(|f, v| f.linger_ms = v)} /></label>
                <label><span><code>{ "max.block.ms" }</code></span>
                    <input class="num" data-testid="max-block-ms" inputmode="numeric" value={form.max_block_ms.clone()} oninput={edit(|f, v| f.max_block_ms = v)} /></label>
                <label><span><code>{ "acks" }</code></span>
                    <select onchange={on_acks} data-testid="acks">
                        { for ["all", "1", "0"].iter().map(|a| html! { <option value={*a} selected={form.acks == *a}>{ *a }</option> }) }
                    </select></label>
                <button class="button" type="submit" data-testid="apply-producer" disabled={closing}>{ t(lang, T::Apply) }</button>
            </form>
        </li>
    }
}

fn topic_svg(m: &AppModel) -> Html {
    let lay: Layout = m.layout;
    let snap = &m.snapshot;
    let lanes = &m.lanes;
    let cvm = &m.consumers;
    let height = lay.view_height_with(lanes.len() as u32, snap.producers.len(), cvm.consumers.len(), cvm.groups.len());
    let producer_index = |id: u32| snap.producers.iter().position(|p| p.id == id);
    let lane_mid = |p: u32| lay.lane_y(p) + lay.lane_height / 2.0;
    let font = if lay.compact { 9.0 } else { 11.0 };
    html! {
        <div class="topic-stage">
        <svg class="topic" data-testid="topic" viewBox={format!("0 0 {} {}", lay.view_width, height)}
            role="img" aria-label={format!("{} {} · {} {}", t(m.lang, T::Topic), snap.topic, snap.partitions.len(), t(m.lang, T::Partitions))}>
            // Sticky partitioner: dashed line to the current sticky partition.
            { for snap.producers.iter().enumerate().filter_map(|(i, p)| p.sticky_partition.map(|s| (i, s))).map(|(i, s)| html! {
                <line class="sticky-line" x1={(lay.producer_x + lay.producer_half_width()).to_string()} y1={lay.producer_y(i).to_string()}
                    x2={(lay.lane_x - if lay.compact { 24.0 } else { 72.0 }).to_string()} y2={lane_mid(s).to_string()} />
            }) }
            { for snap.producers.iter().enumerate().map(|(i, p)| {
                let y = lay.producer_y(i);
                let label: String = if lay.compact { format!("P{}", p.id) } else { p.spec.client_id.clone() };
                html! {
                    <g class="producer-node" transform={format!("translate({} {})", lay.producer_x, y)} style={format!("--accent: var(--producer-{})", i % 4)}>
                        <rect x={(-lay.producer_half_width()).to_string()} y="-14" width={(2.0 * lay.producer_half_width()).to_string()} height="28" rx="8" />
                        <text class="producer-label" y="4" text-anchor="middle" font-size={font.to_string()}>{ format!("P{}", p.id) }</text>
                        if !lay.compact {
                            <text class="producer-sub" y="26" text-anchor="middle">{ label }</text>
                        }
                        if p.records_buffered > 0 {
                            <g class="buffer" transform={format!("translate({} -12)", lay.producer_half_width() + 3.0)}>
                                <rect width="8" height="24" rx="2" class="buffer-bg" />
                                <rect y={(24.0 - (p.records_buffered.min(24) as f64)).to_string()} width="8" height={(p.records_buffered.min(24)).to_string()} rx="2" class="buffer-fill" />
                            </g>
                        }
                    </g>
                }
            }) }
            { for lanes.iter().map(|lane| {
                let markers: Vec<view::LaneMarker> = cvm.markers.iter().filter(|mk| mk.partition == lane.partition).cloned().collect();
                let dup: Vec<(u64, u64)> = cvm.groups.iter().flat_map(|g| g.duplicate_ranges.iter()).filter(|r| r.0 == lane.partition).map(|r| (r.1, r.2)).collect();
                let lost: Vec<(u64, u64)> = cvm.groups.iter().flat_map(|g| g.lost_ranges.iter()).filter(|r| r.0 == lane.partition).map(|r| (r.1, r.2)).collect();
                html! {
                    <LaneView key={lane.partition} lane={lane.clone()} layout={lay} lang={m.lang} arriving_from={m.arriving_from(lane.partition)}
                        markers={markers} duplicates={dup} lost={lost}
                        deletions={m.deletions.iter().filter(|d| d.partition == lane.partition).map(|d| (d.from, d.to)).collect::<Vec<_>>()}
                        resets={m.reset_flashes.iter().filter(|f| f.partition == lane.partition).map(|f| {
                            let gi = cvm.consumers.iter().find(|c| c.id == f.consumer).map_or(0, |c| c.group_index);
                            (f.from, f.to, gi)
                        }).collect::<Vec<_>>()} />
                }
            }) }
            { consumers_svg(m, lanes.len() as u32) }
        </svg>
        // Records in flight: HTML dots on their own compositor layers, moved by `transform`
        // only, so the diagram underneath is not repainted every frame. Coordinates are in
        // the diagram's units, scaled with container query units (1 unit = 100cqw / width).
        <div class="flights" aria-hidden="true">
            { for m.commit_flights.iter().filter_map(|f| {
                let ci = cvm.consumers.iter().position(|c| c.id == f.consumer)?;
                let gi = cvm.groups.iter().position(|g| g.group == f.group)?;
                let from = (lay.consumer_x(), lay.consumer_y(ci));
                let to = offsets_box_center(&lay, lanes.len() as u32, cvm.consumers.len(), cvm.groups.len(), gi);
                let (x, y) = flight_point(from, to, ((m.now_wall_ms() - f.born_wall_ms) / crate::app::FLIGHT_MS).clamp(0.0, 1.0));
                let k = 100.0 / lay.view_width;
                let r = 5.0;
                Some(html! {
                    <div class="commit-flight" style={format!("--group: var(--group-{}); width: {d:.3}cqw; height: {d:.3}cqw; transform: translate({x:.3}cqw, {y:.3}cqw) rotate(45deg);", gi % 4, d = 2.0 * r * k, x = (x - r) * k, y = (y - r) * k)}></div>
                })
            }) }
            { for m.flights.iter().filter_map(|f| producer_index(f.producer).map(|i| (i, f))).map(|(i, f)| {
                let lane_cells = lanes.get(f.partition as usize).map_or(0, |l| l.filled());
                let from = (lay.producer_x + lay.producer_half_width(), lay.producer_y(i));
                let to = (lay.landing_x(lane_cells).min(lay.lane_x + lay.cells as f64 * lay.cell_width) - lay.cell_width / 2.0, lane_mid(f.partition));
                let (x, y) = flight_point(from, to, m.flight_progress(f));
                let k = 100.0 / lay.view_width;
                let bundle = f.records > 1;
                let r = if bundle { 9.0 } else { 6.0 };
                let fill = f.colour.map(|c| format!("background: var(--key-{c});")).unwrap_or_default();
                html! {
                    <div class={classes!("flight", f.colour.is_none().then_some("nokey"), bundle.then_some("bundle"))}
                        style={format!("{fill} width: {d:.3}cqw; height: {d:.3}cqw; transform: translate({x:.3}cqw, {y:.3}cqw);", d = 2.0 * r * k, x = (x - r) * k, y = (y - r) * k)}>
                        if bundle { { f.records.min(999) } }
                    </div>
                }
            }) }
        </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LaneProps {
    lane: view::LaneVm,
    layout: Layout,
    lang: Lang,
    arriving_from: u64,
    #[prop_or_default]
    markers: Vec<view::LaneMarker>,
    /// Offset ranges a group processed twice / never (drawn on the cells).
    #[prop_or_default]
    duplicates: Vec<(u64, u64)>,
    #[prop_or_default]
    lost: Vec<(u64, u64)>,
    /// Offset ranges retention just deleted (drawn fading out), as (from, to).
    #[prop_or_default]
    deletions: Vec<(u64, u64)>,
    /// Position resets just made, as (from, to, group index): an arc over the lane.
    #[prop_or_default]
    resets: Vec<(Option<u64>, u64, usize)>,
}

/// The cells in the order of their slots (`offset % cells`): a window of consecutive offsets
/// has each slot at most once, and the order stays the same as the window slides.
fn slot_order(cells: &[view::CellVm], slots: usize) -> Vec<&view::CellVm> {
    let slots = slots.max(1) as u64;
    let mut v: Vec<&view::CellVm> = cells.iter().collect();
    crate::util::order::sort_by_key(&mut v, |c| c.offset % slots);
    v
}

/// One partition's log. Cells sit at fixed positions inside a group that slides left as the
/// log grows, so a new record changes one transform instead of every cell's coordinates.
#[function_component(LaneView)]
fn lane_view(p: &LaneProps) -> Html {
    let lay = p.layout;
    let lane = &p.lane;
    let y = lay.lane_y(lane.partition);
    let font = if lay.compact { 9.0 } else { 11.0 };
    let cw = lay.cell_width;
    let end_x = lay.landing_x(lane.filled());
    let first = lane.window_start;
    // Positions are relative to a base that moves in steps of 1024 offsets (keeps SVG
    // coordinates small at any offset).
    let base = first - first % 1024;
    let shift = lay.lane_x - (first - base) as f64 * cw;
    let at = |offset: u64| (offset - base) as f64 * cw;
    // Screen x of an offset, clamped to the drawn window.
    let screen_x = |offset: u64| (lay.lane_x + offset.saturating_sub(first) as f64 * cw).min(end_x);
    let start = lane.log_start_offset;
    let window_end = first + lay.cells as u64;
    html! {
        <g class="lane" data-testid="lane" data-partition={lane.partition.to_string()} data-leo={lane.log_end_offset.to_string()}
            data-log-start={start.to_string()} data-segments={lane.segment_count.to_string()}>
            <text class="lane-label" x={(lay.lane_x - 6.0).to_string()} y={(y + lay.lane_height / 2.0 - 1.0).to_string()} text-anchor="end" font-size={font.to_string()}>
                { if lay.compact { format!("P{}", lane.partition) } else { format!("{} {}", t(p.lang, T::Partition), lane.partition) } }
            </text>
            <text class={classes!("lane-replicas", lane.leader.is_none().then_some("offline"), lane.reassigning.then_some("moving"))}
                x={(lay.lane_x - 6.0).to_string()} y={(y + lay.lane_height / 2.0 + 9.0).to_string()} text-anchor="end"
                data-testid="lane-replicas" data-leader={lane.leader.map_or(String::new(), |l| l.to_string())}
                data-replicas={lane.replicas.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")}
                data-isr={lane.isr.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")}>
                <title>{ format!("leader {} · replicas [{}] · ISR [{}] · HW {}", lane.leader.map_or("none".into(), |l| l.to_string()),
                    lane.replicas.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(","),
                    lane.isr.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(","), lane.high_watermark) }</title>
                { match lane.leader {
                    None => "offline".to_string(),
                    Some(l) if lay.compact => format!("★{l}"),
                    Some(l) if lane.reassigning => format!("★{l} [{}]", lane.replicas.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")),
                    Some(l) => format!("★{l} ISR {}", lane.isr.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")),
                } }
            </text>
            <rect class="lane-bg" x={lay.lane_x.to_string()} y={y.to_string()} width={(lay.cells as f64 * cw).to_string()} height={lay.lane_height.to_string()} rx="4" />
            <g class="cells" transform={format!("translate({shift} {y})")}>
                // Offsets of the window below the log start offset: deleted by retention.
                if start > first {
                    <g class="deleted-area" data-testid="deleted-area">
                        <title>{ format!("{first}–{}: {}", start - 1, t(p.lang, T::DeletedByRetention)) }</title>
                        <rect x={at(first).to_string()} y="1" width={(at(start.min(window_end)) - at(first)).to_string()} height={(lay.lane_height - 2.0).to_string()} rx="3" />
                    </g>
                }
                // Segments: outlined bands; the active one (last) is dashed.
                { for lane.segments.iter().enumerate().map(|(i, (b, e))| {
                    let active = i + 1 == lane.segments.len();
                    let e = (*e).max(*b);
                    html! {
                        <rect class={classes!("segment", active.then_some("active"))} key={*b} data-testid="segment"
                            x={(at(*b) + 0.5).to_string()} y="0.5" width={(at(e) - at(*b) - 1.0).max(2.0).to_string()} height={(lay.lane_height - 1.0).to_string()} rx="4" />
                    }
                }) }
                // Keyed by slot (offset modulo the window), in slot order: when records arrive
                // faster than the window turns over (10,000 records/s), Yew updates the same
                // nodes in place instead of removing and creating every cell each frame.
                { for slot_order(&lane.cells, lay.cells).into_iter().map(|c| {
                    let x = at(c.offset);
                    let arriving = c.offset >= p.arriving_from;
                    let above_hw = c.offset >= lane.high_watermark;
                    let dup = p.duplicates.iter().any(|(a, b)| c.offset >= *a && c.offset < *b);
                    let lost = p.lost.iter().any(|(a, b)| c.offset >= *a && c.offset < *b);
                    let fill = c.colour.map(|k| format!("fill: var(--key-{k})"));
                    html! {
                        <g class={classes!("cell", arriving.then_some("arriving"), (above_hw && !arriving).then_some("above-hw"), c.colour.is_none().then_some("nokey"), dup.then_some("dup"), lost.then_some("lost"))}
                            key={c.offset % (lay.cells.max(1) as u64)} data-testid="cell" data-offset={c.offset.to_string()} data-key={c.key.clone()}>
                            <title>{ &c.title }</title>
                            <rect x={(x + 1.5).to_string()} y="2" width={(cw - 3.0).to_string()} height={(lay.lane_height - 4.0).to_string()} rx="3"
                                style={fill.unwrap_or_default()} />
                            <text class="cell-key" x={(x + cw / 2.0).to_string()} y={(lay.lane_height * 0.45).to_string()} text-anchor="middle">{ &c.label }</text>
                            <text class="cell-offset" x={(x + cw / 2.0).to_string()} y={(lay.lane_height - 5.0).to_string()} text-anchor="middle">{ c.offset % 1000 }</text>
                        </g>
                    }
                }) }
                // Just deleted: the removed records fade and fall away (CSS animation on mount).
                { for p.deletions.iter().filter(|(_, to)| *to > first).map(|(from, to)| {
                    let a = (*from).max(first);
                    html! {
                        <rect class="ghost" key={format!("d{from}")} data-testid="deletion" x={(at(a) + 1.0).to_string()} y="2"
                            width={(at(*to) - at(a) - 2.0).max(2.0).to_string()} height={(lay.lane_height - 4.0).to_string()} rx="3" />
                    }
                }) }
            </g>
            if start > first && start < window_end && !lay.compact {
                <text class="log-start" x={(screen_x(start) - 3.0).to_string()} y={(y + lay.lane_height / 2.0 + 4.0).to_string()} text-anchor="end">
                    { format!("{} {start}", t(p.lang, T::LogStart)) }
                </text>
            }
            { for p.resets.iter().map(|(from, to, gi)| {
                let x1 = from.map_or(lay.lane_x, |f| screen_x(f));
                let x2 = screen_x(*to);
                let lift = if lay.compact { 10.0 } else { 14.0 };
                html! {
                    <g class="reset-arc" key={format!("r{}-{to}", from.map_or(-1, |f| f as i64))} data-testid="reset-arc" style={format!("--group: var(--group-{})", gi % 4)}>
                        <path d={format!("M{x1} {y} C{x1} {} {x2} {} {x2} {y}", y - lift, y - lift)} />
                        <circle cx={x2.to_string()} cy={y.to_string()} r="3.5" />
                    </g>
                }
            }) }
            { for p.markers.iter().map(|mk| {
                // Offsets older than the drawn window sit at its left edge.
                let x = screen_x(mk.offset);
                let gcol = format!("--group: var(--group-{}); transform: translate({x:.1}px, {y}px)", mk.group_index % 4);
                let out_of_range = mk.offset < start;
                if mk.committed {
                    html! {
                        <g class={classes!("marker", "committed", out_of_range.then_some("out-of-range"))} key={format!("c{}", mk.label)} style={gcol}
                            data-testid="committed-marker" data-offset={mk.offset.to_string()}>
                            <title>{ format!("{}: committed offset {}", mk.label, mk.offset) }</title>
                            <path d={format!("M0 {} l-5 7 h10 z", lay.lane_height)} />
                        </g>
                    }
                } else {
                    html! {
                        <g class="marker position" key={format!("p{}", mk.label)} style={gcol} data-testid="position-marker" data-offset={mk.offset.to_string()}>
                            <title>{ format!("{}: position {}", mk.label, mk.offset) }</title>
                            <path d="M0 0 l-5 -7 h10 z" />
                        </g>
                    }
                }
            }) }
            if lane.high_watermark < lane.log_end_offset && lane.high_watermark >= first {
                <line class="hw" data-testid="hw" data-hw={lane.high_watermark.to_string()}
                    x1={screen_x(lane.high_watermark).to_string()} x2={screen_x(lane.high_watermark).to_string()}
                    y1={(y - 3.0).to_string()} y2={(y + lay.lane_height + 3.0).to_string()} />
            }
            <g class="leo" transform={format!("translate({end_x} {y})")}>
                <line x1="1" y1="-2" x2="1" y2={(lay.lane_height + 2.0).to_string()} />
                <text x="5" y={(lay.lane_height / 2.0 + 4.0).to_string()} font-size={(font - 1.0).to_string()}>
                    { if lay.compact { format!("{}", lane.log_end_offset) } else { format!("LEO {}", lane.log_end_offset) } }
                </text>
            </g>
        </g>
    }
}

fn key_moves(m: &AppModel) -> Html {
    if m.key_moves.is_empty() {
        return html! {};
    }
    html! {
        <div class="key-moves" data-testid="key-moves">
            <h3>{ t(m.lang, T::KeysMovedTitle) }</h3>
            { for m.key_moves.iter().filter_map(|(id, e)| match e {
                Event::MetadataRefreshed { from_partitions, partitions, keys_moved, moved, .. } => {
                    let p = m.snapshot.producers.iter().find(|p| p.id == *id)?;
                    let keys = match &p.spec.keys { KeyMode::Fixed { count, .. } => *count as usize, _ => 0 };
                    Some(html! {
                        <div class="key-moves-producer">
                            <p>{ crate::i18n::key_moves_heading(m.lang, &p.spec.client_id, *from_partitions, *partitions, *keys_moved, keys) }</p>
                            <ul>
                                { for moved.iter().map(|mv| html! {
                                    <li><code>{ mv.key.display() }</code>{ format!(" {} → {}", mv.from, mv.to) }</li>
                                }) }
                            </ul>
                        </div>
                    })
                }
                _ => None,
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    panels: Rc<Panels>,
    lang: Lang,
    #[prop_or_default]
    dispatch: Callback<Action>,
}

#[function_component(ProducersPanel)]
fn producers_panel(p: &PanelProps) -> Html {
    let lang = p.lang;
    let dispatch = &p.dispatch;
    html! {
        <section class="panel producers-panel" aria-labelledby="producers-h">
            <div class="panel-head">
                <h2 id="producers-h">{ t(lang, T::Producers) }</h2>
                <button class="button" data-testid="add-producer" onclick={dispatch.reform(|_| Action::AddProducer)}>
                    { "+ " }{ t(lang, T::AddProducer) }
                </button>
            </div>
            <ul class="producer-list">
                { for p.panels.producers.iter().enumerate().map(|(i, prod)| html! {
                    <ProducerCard key={prod.id} index={i} producer={prod.clone()} lang={lang} dispatch={dispatch.clone()} />
                }) }
            </ul>
        </section>
    }
}

#[function_component(EventLogPanel)]
fn event_log_panel(p: &PanelProps) -> Html {
    let lang = p.lang;
    let consumer_names = |id: u32| {
        p.panels
            .consumer_names
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| format!("consumer #{id}"))
    };
    let names = |id: u32| {
        p.panels
            .producers
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.spec.client_id.clone())
            .unwrap_or_else(|| format!("producer #{id}"))
    };
    html! {
        <section class="panel events-panel" aria-labelledby="events-h">
            <h2 id="events-h">{ t(lang, T::Events) }</h2>
            if p.panels.events.is_empty() {
                <p class="muted">{ t(lang, T::NoEvents) }</p>
            } else {
                <ol class="event-log" data-testid="event-log" aria-live="off">
                    { for p.panels.events.iter().map(|(seq, e)| html! {
                        <li key={*seq}><time>{ format_sim_time(e.time_ms()) }</time><span>{ crate::i18n::event_line_with(lang, e, &names, &consumer_names) }</span></li>
                    }) }
                </ol>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CalcProps {
    lang: Lang,
    partitions: u32,
}

#[function_component(Calculator)]
fn calculator(p: &CalcProps) -> Html {
    let lang = p.lang;
    let key = use_state(|| "user-1".to_string());
    let hex = use_state(|| false);
    let parts = use_state(|| p.partitions.to_string());
    let result = view::calculate(&key, *hex, &parts);
    let on_key = {
        let key = key.clone();
        Callback::from(move |e: InputEvent| key.set(input_value(&e)))
    };
    let on_parts = {
        let parts = parts.clone();
        Callback::from(move |e: InputEvent| parts.set(input_value(&e)))
    };
    let on_mode = {
        let hex = hex.clone();
        Callback::from(move |e: Event2| hex.set(select_value(&e) == "hex"))
    };
    html! {
        <div class="calculator">
            <p class="muted">{ t(lang, T::CalculatorHelp) }</p>
            <div class="calc-inputs">
                <label><span>{ t(lang, T::Key) }</span>
                    <input data-testid="calc-key" value={(*key).clone()} oninput={on_key} spellcheck="false" /></label>
                <label><span>{ t(lang, T::KeyFormat) }</span>
                    <select data-testid="calc-mode" onchange={on_mode}>
                        <option value="text" selected={!*hex}>{ t(lang, T::KeyText) }</option>
                        <option value="hex" selected={*hex}>{ t(lang, T::KeyHex) }</option>
                    </select></label>
                <label><span>{ t(lang, T::PartitionCount) }</span>
                    <input class="num" data-testid="calc-partitions" inputmode="numeric" value={(*parts).clone()} oninput={on_parts} /></label>
            </div>
            { match result {
                Ok(r) => html! {
                    <dl class="calc-result" data-testid="calc-result">
                        <div><dt>{ t(lang, T::Bytes) }</dt><dd><code>{ if r.key_hex.is_empty() { t(lang, T::Empty).to_string() } else { r.key_hex.clone() } }</code></dd></div>
                        <div><dt>{ "murmur2" }</dt><dd><code data-testid="calc-murmur2">{ r.murmur2 }</code></dd></div>
                        <div><dt>{ "toPositive" }</dt><dd><code>{ r.to_positive }</code></dd></div>
                        <div class="answer"><dt>{ t(lang, T::Partition) }</dt><dd><strong data-testid="calc-partition">{ r.partition }</strong>
                            <span class="muted">{ format!("  = {} % {}", r.to_positive, r.partitions) }</span></dd></div>
                    </dl>
                },
                Err(e) => html! { <p class="field-error" role="alert" data-testid="calc-error">{ field_error(lang, &e) }</p> },
            } }
        </div>
    }
}

fn offsets_box_center(lay: &Layout, partitions: u32, consumers: usize, groups: usize, index: usize) -> (f64, f64) {
    let y = lay.offsets_y(partitions, consumers) + 24.0;
    let left = lay.lane_x;
    let width = (lay.view_width - left - 8.0) / groups.max(1) as f64;
    (left + width * (index as f64 + 0.5), y)
}

/// Consumers on the right, lines to their partitions, and each group's `__consumer_offsets`
/// partition underneath.
fn consumers_svg(m: &AppModel, partitions: u32) -> Html {
    use crate::sim::consumer::ConsumerState as S;
    let lay = m.layout;
    let cvm = &m.consumers;
    if cvm.consumers.is_empty() && cvm.groups.is_empty() {
        return html! {};
    }
    let cx = lay.consumer_x();
    let half = if lay.compact { 14.0 } else { 30.0 };
    let top = lay.offsets_y(partitions, cvm.consumers.len());
    let groups = cvm.groups.len().max(1);
    let box_w = (lay.view_width - lay.lane_x - 8.0) / groups as f64;
    html! {
        <g class="consumers-layer">
            { for cvm.consumers.iter().enumerate().map(|(i, c)| {
                let y = lay.consumer_y(i);
                let end = lay.lane_x + lay.cells as f64 * lay.cell_width;
                html! {
                    <g class={classes!("consumer-node", matches!(c.state, S::Crashed | S::Closed | S::Failed).then_some("down"))}
                        style={format!("--group: var(--group-{})", c.group_index % 4)} data-testid="consumer-node" data-consumer={c.id.to_string()}>
                        { for c.partitions.iter().map(|(p, _, _)| html! {
                            <line class="assign-line" x1={(cx - half).to_string()} y1={y.to_string()} x2={(end + 4.0).to_string()} y2={(lay.lane_y(*p) + lay.lane_height / 2.0).to_string()} />
                        }) }
                        <rect x={(cx - half).to_string()} y={(y - 12.0).to_string()} width={(2.0 * half).to_string()} height="24" rx="12" />
                        <text x={cx.to_string()} y={(y + 4.0).to_string()} text-anchor="middle" class="consumer-label">
                            { if matches!(c.state, S::Crashed) { format!("✕ C{}", c.id) } else { format!("C{}", c.id) } }
                        </text>
                        if c.batch_size > 0 && c.in_hand > 0 {
                            <rect class="progress" x={(cx - half).to_string()} y={(y + 14.0).to_string()}
                                width={(2.0 * half * (1.0 - c.in_hand as f64 / c.batch_size as f64)).max(0.0).to_string()} height="3" />
                        }
                    </g>
                }
            }) }
            { for cvm.groups.iter().enumerate().map(|(i, g)| {
                let x = lay.lane_x + box_w * i as f64;
                html! {
                    <g class="offsets-box" style={format!("--group: var(--group-{})", i % 4)} data-testid="offsets-box">
                        <rect x={(x + 2.0).to_string()} y={(top + 8.0).to_string()} width={(box_w - 4.0).to_string()} height="34" rx="6" />
                        <text x={(x + 10.0).to_string()} y={(top + 22.0).to_string()} class="offsets-title">
                            { format!("__consumer_offsets-{}", g.offsets_partition) }
                        </text>
                        <text x={(x + 10.0).to_string()} y={(top + 36.0).to_string()} class="offsets-sub">
                            { format!("{} · {} {}", g.group, g.offsets_log_end, t(m.lang, T::Records)) }
                        </text>
                    </g>
                }
            }) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct ConsumersProps {
    consumers: Rc<view::ConsumersVm>,
    lang: Lang,
    dispatch: Callback<Action>,
}

fn state_text(lang: Lang, s: crate::sim::consumer::ConsumerState) -> &'static str {
    use crate::sim::consumer::ConsumerState as S;
    t(
        lang,
        match s {
            S::Polling => T::StatePolling,
            S::Processing => T::StateProcessing,
            S::Committing => T::StateCommitting,
            S::Rebalancing => T::StateRebalancing,
            S::Idle => T::StateIdle,
            S::Crashed => T::StateCrashed,
            S::Closed => T::StateClosed,
            S::Failed => T::StateFailed,
        },
    )
}

fn commit_text(lang: Lang, c: crate::sim::consumer::CommitStrategy) -> &'static str {
    use crate::sim::consumer::CommitStrategy as C;
    t(
        lang,
        match c {
            C::Auto => T::CommitAuto,
            C::SyncPerRecord => T::CommitSyncPerRecord,
            C::SyncPerBatch => T::CommitSyncPerBatch,
            C::AsyncPerBatch => T::CommitAsyncPerBatch,
            C::BeforeProcessing => T::CommitBeforeProcessing,
        },
    )
}

#[function_component(ConsumersPanel)]
fn consumers_panel(p: &ConsumersProps) -> Html {
    use crate::sim::consumer::ConsumerState as S;
    let lang = p.lang;
    let form = use_state(crate::app::ConsumerForm::default);
    let text = |f: fn(&mut crate::app::ConsumerForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            f(&mut next, input_value(&e));
            form.set(next);
        })
    };
    let choice = |f: fn(&mut crate::app::ConsumerForm, String)| {
        let form = form.clone();
        Callback::from(move |e: Event2| {
            let mut next = (*form).clone();
            f(&mut next, select_value(&e));
            form.set(next);
        })
    };
    let onsubmit = {
        let (form, d) = (form.clone(), p.dispatch.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(Action::AddConsumer((*form).clone()));
        })
    };
    let strategies = ["auto", "sync-per-record", "sync-per-batch", "async-per-batch", "before-processing"];
    let help = |name: &str| html! { <small class="help">{ crate::i18n::setting_help(lang, name) }</small> };
    let field = |name: &'static str, testid: &'static str, value: &String, on: Callback<InputEvent>| {
        html! {
            <label><span><code>{ name }</code></span>
                <input class="num" data-testid={testid} inputmode="numeric" value={value.clone()} oninput={on} />
                { help(name) }</label>
        }
    };
    let f = &*form;
    html! {
        <section class="panel consumers-panel" aria-labelledby="consumers-h">
            <h2 id="consumers-h">{ t(lang, T::Consumers) }</h2>
            <form class="consumer-add" onsubmit={onsubmit}>
                <label><span><code>{ "group.id" }</code></span>
                    <input data-testid="consumer-group" value={f.group_id.clone()} oninput={text(|f, v| f.group_id = v)} spellcheck="false" />
                    { help("group.id") }</label>
                <label><span>{ t(lang, T::CommitStrategyLabel) }</span>
                    <select data-testid="consumer-commit" onchange={choice(|f, v| f.commit = v)}>
                        { for strategies.iter().map(|s| {
                            let c = match *s {
                                "sync-per-record" => crate::sim::consumer::CommitStrategy::SyncPerRecord,
                                "sync-per-batch" => crate::sim::consumer::CommitStrategy::SyncPerBatch,
                                "async-per-batch" => crate::sim::consumer::CommitStrategy::AsyncPerBatch,
                                "before-processing" => crate::sim::consumer::CommitStrategy::BeforeProcessing,
                                _ => crate::sim::consumer::CommitStrategy::Auto,
                            };
                            html! { <option value={*s} selected={f.commit == *s}>{ commit_text(lang, c) }</option> }
                        }) }
                    </select>{ help("commit") }</label>
                <details class="consumer-settings">
                    <summary>{ t(lang, T::MoreSettings) }</summary>
                    <label><span><code>{ "group.instance.id" }</code></span>
                        <input data-testid="consumer-instance" value={f.group_instance_id.clone()} oninput={text(|f, v| f.group_instance_id = v)} spellcheck="false" />
                        { help("group.instance.id") }</label>
                    <label><span><code>{ "partition.assignment.strategy" }</code></span>
                        <select data-testid="consumer-assignor" onchange={choice(|f, v| f.assignor = v)}>
                            { for ["range", "roundrobin", "sticky", "cooperative-sticky"].iter().map(|a| html! {
                                <option value={*a} selected={f.assignor == *a}>{ *a }</option>
                            }) }
                        </select>{ help("partition.assignment.strategy") }</label>
                    <label><span><code>{ "auto.offset.reset" }</code></span>
                        <select data-testid="consumer-reset" onchange={choice(|f, v| f.auto_offset_reset = v)}>
                            { for ["latest", "earliest", "none", "by_duration"].iter().map(|a| html! {
                                <option value={*a} selected={f.auto_offset_reset == *a}>{ *a }</option>
                            }) }
                        </select>{ help("auto.offset.reset") }</label>
                    if f.auto_offset_reset == "by_duration" {
                        <label><span>{ t(lang, T::ResetDuration) }</span>
                            <input data-testid="consumer-reset-duration" value={f.reset_duration.clone()} oninput={text(|f, v| f.reset_duration = v)} spellcheck="false" />
                        </label>
                    }
                    { field("auto.commit.interval.ms", "consumer-auto-commit-interval", &f.auto_commit_interval_ms, text(|f, v| f.auto_commit_interval_ms = v)) }
                    <label><span>{ "pause() / resume()" }{ " high / low" }</span>
                        <span class="pair">
                            <input class="num" data-testid="consumer-pause-high" inputmode="numeric" placeholder="-" value={f.pause_high.clone()} oninput={text(|f, v| f.pause_high = v)} />
                            <input class="num" data-testid="consumer-pause-low" inputmode="numeric" placeholder="-" value={f.pause_low.clone()} oninput={text(|f, v| f.pause_low = v)} />
                        </span>
                        { help("pause.resume") }</label>
                    { field("fetch.min.bytes", "consumer-fetch-min-bytes", &f.fetch_min_bytes, text(|f, v| f.fetch_min_bytes = v)) }
                    { field("fetch.max.wait.ms", "consumer-fetch-max-wait", &f.fetch_max_wait_ms, text(|f, v| f.fetch_max_wait_ms = v)) }
                    { field("fetch.max.bytes", "consumer-fetch-max-bytes", &f.fetch_max_bytes, text(|f, v| f.fetch_max_bytes = v)) }
                    { field("max.partition.fetch.bytes", "consumer-partition-fetch-bytes", &f.max_partition_fetch_bytes, text(|f, v| f.max_partition_fetch_bytes = v)) }
                    { field("max.poll.records", "consumer-max-poll-records", &f.max_poll_records, text(|f, v| f.max_poll_records = v)) }
                    { field("max.poll.interval.ms", "consumer-max-poll-interval", &f.max_poll_interval_ms, text(|f, v| f.max_poll_interval_ms = v)) }
                    { field("session.timeout.ms", "consumer-session-timeout", &f.session_timeout_ms, text(|f, v| f.session_timeout_ms = v)) }
                    { field("heartbeat.interval.ms", "consumer-heartbeat", &f.heartbeat_interval_ms, text(|f, v| f.heartbeat_interval_ms = v)) }
                    <label><span><code>{ "processing.ms" }</code>{ " min / max" }</span>
                        <span class="pair">
                            <input class="num" data-testid="consumer-processing-min" inputmode="numeric" value={f.processing_ms_min.clone()} oninput={text(|f, v| f.processing_ms_min = v)} />
                            <input class="num" data-testid="consumer-processing-max" inputmode="numeric" value={f.processing_ms_max.clone()} oninput={text(|f, v| f.processing_ms_max = v)} />
                        </span>
                        { help("processing.ms") }</label>
                </details>
                <button class="button" type="submit" data-testid="add-consumer">{ "+ " }{ t(lang, T::AddConsumer) }</button>
            </form>
            if p.consumers.consumers.is_empty() {
                <p class="muted">{ t(lang, T::NoConsumers) }</p>
            }
            <ul class="consumer-list">
                { for p.consumers.consumers.iter().map(|c| {
                    let id = c.id;
                    let down = matches!(c.state, S::Crashed | S::Closed | S::Failed);
                    html! {
                        <li class={classes!("consumer-card", down.then_some("down"))} key={c.id} data-testid="consumer" data-consumer={c.id.to_string()}
                            data-state={format!("{:?}", c.state)} style={format!("--group: var(--group-{})", c.group_index % 4)}>
                            <div class="producer-head">
                                <strong>{ format!("C{} · {}", c.id, c.client_id) }</strong>
                                <span class="tag state">{ state_text(lang, c.state) }</span>
                                if c.paused { <span class="tag state warn" data-testid="paused">{ "pause()" }</span> }
                            </div>
                            <p class="muted">{ format!("{} · {}", c.group, commit_text(lang, c.commit)) }</p>
                            <dl class="stats">
                                <div><dt>{ t(lang, T::Assigned) }</dt><dd data-testid="consumer-partitions">{
                                    if c.partitions.is_empty() { "-".to_string() } else { c.partitions.iter().map(|(p, _, _)| p.to_string()).collect::<Vec<_>>().join(",") }
                                }</dd></div>
                                <div><dt>{ t(lang, T::Processed) }</dt><dd>{ c.processed }</dd></div>
                                <div><dt>{ t(lang, T::InHand) }</dt><dd>{ format!("{}/{}", c.in_hand, c.batch_size) }</dd></div>
                                <div><dt>{ t(lang, T::Commits) }</dt><dd>{ c.commits }</dd></div>
                                if c.commits_failed > 0 { <div><dt>{ t(lang, T::Failed) }</dt><dd>{ c.commits_failed }</dd></div> }
                            </dl>
                            if !c.partitions.is_empty() {
                                <ul class="mono positions" data-testid="consumer-positions">
                                    { for c.partitions.iter().map(|(p, pos, committed)| html! {
                                        <li>{ format!("p{p}: {} {pos} · {} {}", t(lang, T::Position), t(lang, T::Committed),
                                            committed.map_or("-".to_string(), |c| c.to_string())) }</li>
                                    }) }
                                </ul>
                            }
                            if let Some(e) = &c.error { <p class="field-error">{ e }</p> }
                            if c.state == S::Failed { <p class="muted" data-testid="poll-threw-note">{ t(lang, T::PollThrewNote) }</p> }
                            <div class="consumer-actions">
                                <button class="button small" data-testid="crash-consumer" disabled={down}
                                    onclick={p.dispatch.reform(move |_| Action::CrashConsumer(id))}>{ t(lang, T::Crash) }</button>
                                <button class="button small" data-testid="close-consumer" disabled={down}
                                    onclick={p.dispatch.reform(move |_| Action::CloseConsumer(id))}>{ t(lang, T::CloseConsumer) }</button>
                                <button class="button small" data-testid="restart-consumer" disabled={!down}
                                    onclick={p.dispatch.reform(move |_| Action::RestartConsumer(id))}>{ t(lang, T::Restart) }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
            <p class="note">{ t(lang, T::SessionNote) }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct GroupsProps {
    consumers: Rc<view::ConsumersVm>,
    lang: Lang,
}

#[function_component(GroupsPanel)]
fn groups_panel(p: &GroupsProps) -> Html {
    let lang = p.lang;
    if p.consumers.groups.is_empty() {
        return html! {};
    }
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    html! {
        <section class="panel groups-panel" aria-labelledby="groups-h">
            <h2 id="groups-h">{ t(lang, T::DescribeTitle) }</h2>
            { for p.consumers.groups.iter().map(|g| html! {
                <div class="group-block" data-testid="group" data-group={g.group.clone()} style={format!("--group: var(--group-{})", g.index % 4)}>
                    <h3>{ format!("{} · {:?} · {} {}", g.group, g.state, t(lang, T::Generation), g.generation) }</h3>
                    <div class="table-wrap">
                        <table class="describe" data-testid="describe">
                            <thead><tr>
                                { for ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"].iter().map(|h| html! { <th>{ *h }</th> }) }
                            </tr></thead>
                            <tbody>
                                { for g.describe.iter().map(|r| html! {
                                    <tr>
                                        <td>{ &r.group }</td><td>{ &r.topic }</td><td>{ r.partition }</td>
                                        <td>{ dash(r.current_offset.map(|v| v.to_string())) }</td><td>{ r.log_end_offset }</td>
                                        <td data-testid="lag">{ dash(r.lag.map(|v| v.to_string())) }</td>
                                        <td>{ dash(r.consumer_id.clone()) }</td><td>{ dash(r.host.clone()) }</td><td>{ dash(r.client_id.clone()) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                    if let (Some(at), Some(left)) = (g.expires_at_ms, g.expires_in_ms) {
                        <p class="expiry" data-testid="expiry">
                            <strong>{ t(lang, T::ExpiryLabel) }{ " " }{ format_sim_time(at) }</strong>
                            { " · " }
                            if left > 0 { { format!("{} {}", t(lang, T::ExpiryIn), format_sim_time(left)) } } else { { t(lang, T::ExpiryDue) } }
                            <span class="muted">{ format!(" · offsets.retention.minutes={} · offsets.retention.check.interval.ms={}", g.offsets_retention_minutes, g.offsets_retention_check_ms) }</span>
                            <span class="countdown" style={format!("--left: {:.3}", left as f64 / (g.offsets_retention_minutes.max(1) * 60_000) as f64)}></span>
                        </p>
                    }
                    <div class="ledger" data-testid="ledger">
                        <strong>{ t(lang, T::LedgerTitle) }{ ": " }</strong>
                        { format!("{} {} · ", g.processed, t(lang, T::Processed)) }
                        <span class={classes!((g.duplicates > 0).then_some("warn"))} data-testid="duplicates">{ format!("{} {}", g.duplicates, t(lang, T::Duplicates)) }</span>
                        { " · " }
                        <span class={classes!((g.lost > 0).then_some("warn"))} data-testid="lost">{ format!("{} {}", g.lost, t(lang, T::Lost)) }</span>
                        <p class="muted">{ t(lang, match g.guarantee { view::Guarantee::AtLeastOnce => T::AtLeastOnce, view::Guarantee::AtMostOnce => T::AtMostOnce, view::Guarantee::NoGuarantee => T::NoGuarantee }) }</p>
                    </div>
                    <details class="offsets-details" open=true>
                        <summary>{ format!("{} · __consumer_offsets-{} ({} {})", t(lang, T::OffsetsTopicTitle), g.offsets_partition, g.offsets_log_end, t(lang, T::Records)) }</summary>
                        <p class="muted">{ t(lang, T::CompactionNote) }</p>
                        <ol class="mono offsets-log" data-testid="offsets-log">
                            { for g.recent_commits.iter().enumerate().map(|(i, r)| {
                                let superseded = g.recent_commits[..i].iter().any(|n| n.partition == r.partition && n.topic == r.topic);
                                html! {
                                    <li key={r.log_offset} class={classes!(superseded.then_some("superseded"))}>
                                        { format!("#{} key=({}, {}, {}) value=(offset {}, \"\", {} ms)", r.log_offset, r.group, r.topic, r.partition,
                                            r.offset.map_or("null".into(), |o| o.to_string()), r.commit_timestamp_ms) }
                                    </li>
                                }
                            }) }
                        </ol>
                        <p class="muted">{ t(lang, T::Compacted) }</p>
                        <ul class="mono">
                            { for g.compacted.iter().map(|r| html! {
                                <li>{ format!("({}, {}, {}) → offset {} @ {} ms", r.group, r.topic, r.partition, r.offset.map_or("null".into(), |o| o.to_string()), r.commit_timestamp_ms) }</li>
                            }) }
                        </ul>
                    </details>
                </div>
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ResetProps {
    consumers: Rc<view::ConsumersVm>,
    lang: Lang,
    output: Option<crate::app::ResetOutput>,
    topic: String,
    dispatch: Callback<Action>,
}

/// `kafka-consumer-groups.sh --reset-offsets` as a form: the command line it stands for, a
/// dry run and --execute, and Kafka's output.
#[function_component(ResetOffsetsPanel)]
fn reset_offsets_panel(p: &ResetProps) -> Html {
    use crate::sim::offsets_tool::RESET_MODES;
    let lang = p.lang;
    let first_group = p.consumers.groups.first().map(|g| g.group.clone()).unwrap_or_default();
    let form = use_state(crate::app::ResetForm::default);
    // An empty group field means the first group listed (shown as the placeholder).
    let mut f = (*form).clone();
    if f.group.trim().is_empty() {
        f.group = first_group.clone();
    }
    let set = |g: fn(&mut crate::app::ResetForm, String)| {
        let form = form.clone();
        move |v: String| {
            let mut next = (*form).clone();
            g(&mut next, v);
            form.set(next);
        }
    };
    let on_group = {
        let s = set(|f, v| f.group = v);
        Callback::from(move |e: InputEvent| s(input_value(&e)))
    };
    let on_mode = {
        let s = set(|f, v| f.mode = v);
        Callback::from(move |e: Event2| s(select_value(&e)))
    };
    let on_value = {
        let s = set(|f, v| f.value = v);
        Callback::from(move |e: InputEvent| s(input_value(&e)))
    };
    let run = |execute: bool| {
        let (d, f) = (p.dispatch.clone(), f.clone());
        Callback::from(move |_: MouseEvent| d.emit(Action::ResetOffsets { form: f.clone(), execute }))
    };
    let needs_value = matches!(f.mode.as_str(), "to-offset" | "shift-by" | "to-datetime" | "by-duration");
    let placeholder = match f.mode.as_str() {
        "to-datetime" => "1970-01-01T00:00:30.000",
        "by-duration" => "PT30S",
        _ => "0",
    };
    let command = format!(
        "kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group {} --topic {} --reset-offsets --{}{}",
        if f.group.trim().is_empty() { "<group>" } else { f.group.trim() },
        p.topic,
        f.mode,
        if needs_value {
            format!(" {}", if f.value.trim().is_empty() { placeholder } else { f.value.trim() })
        } else {
            String::new()
        }
    );
    html! {
        <section class="panel reset-panel" aria-labelledby="reset-h">
            <h2 id="reset-h"><code>{ t(lang, T::ResetOffsetsTitle) }</code></h2>
            <p class="muted">{ t(lang, T::ResetOffsetsNote) }</p>
            <div class="reset-form">
                <label><span><code>{ "--group" }</code></span>
                    <input data-testid="reset-group" list="reset-groups" value={form.group.clone()} placeholder={first_group} oninput={on_group} spellcheck="false" />
                    <datalist id="reset-groups">
                        { for p.consumers.groups.iter().map(|g| html! { <option value={g.group.clone()}>{ format!("{:?}", g.state) }</option> }) }
                    </datalist>
                </label>
                <label><span>{ t(lang, T::ResetMode) }</span>
                    <select data-testid="reset-mode" onchange={on_mode}>
                        { for RESET_MODES.iter().map(|m| html! { <option value={*m} selected={f.mode == *m}>{ format!("--{m}") }</option> }) }
                    </select>
                </label>
                if needs_value {
                    <label><span>{ t(lang, T::ResetValue) }</span>
                        <input data-testid="reset-value" value={f.value.clone()} placeholder={placeholder} oninput={on_value} spellcheck="false" />
                    </label>
                }
                <div class="reset-buttons">
                    <button class="button" data-testid="reset-dry-run" onclick={run(false)}>{ t(lang, T::DryRun) }</button>
                    <button class="button primary" data-testid="reset-execute" onclick={run(true)}>{ t(lang, T::ExecuteReset) }</button>
                </div>
            </div>
            <pre class="mono command" data-testid="reset-command">{ format!("$ {command}") }</pre>
            { match p.output.as_ref().map(|o| (o.executed, &o.result)) {
                    None => html! {},
                    Some((executed, Ok(table))) => html! {
                        <div data-testid="reset-output" data-executed={executed.to_string()}>
                            <p class={classes!("muted", executed.then_some("ok"))}>{ t(lang, if executed { T::ResetExecuted } else { T::ResetDryRunDone }) }</p>
                            <pre class="mono table-out">{ table.trim_start_matches('\n') }</pre>
                        </div>
                    },
                    Some((_, Err(e))) => html! { <p class="field-error" role="alert" data-testid="reset-error">{ e }</p> },
                } }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct BrokersProps {
    brokers: Rc<view::BrokersVm>,
    lang: Lang,
    dispatch: Callback<Action>,
}

/// Brokers: each with its replicas (leader, follower, copying, being removed), its load, and
/// stop / crash / restart / decommission.
#[function_component(BrokersPanel)]
fn brokers_panel(p: &BrokersProps) -> Html {
    use crate::sim::cluster::BrokerState;
    use view::ReplicaRole;
    let lang = p.lang;
    let vm = &p.brokers;
    let scale = vm.max_rate.max(100_000) as f64;
    html! {
        <section class="panel brokers-panel" aria-labelledby="brokers-h">
            <div class="panel-head">
                <h2 id="brokers-h">{ t(lang, T::Brokers) }</h2>
                <InlineForm label={t(lang, T::ProduceLimit)} button={t(lang, T::SetLimit)} field_id="produce-limit" button_id="set-produce-limit"
                    value={vm.produce_limit.map_or(String::new(), |v| v.to_string())} action={InlineAction::ProduceLimit} dispatch={p.dispatch.clone()} />
                <button class="button" data-testid="add-broker" onclick={p.dispatch.reform(|_| Action::AddBroker)}>{ "+ " }{ t(lang, T::AddBroker) }</button>
            </div>
            <ul class="broker-list">
                { for vm.brokers.iter().map(|b| {
                    let id = b.id;
                    let state = match b.state {
                        BrokerState::Running => t(lang, T::BrokerRunning),
                        BrokerState::Crashed => t(lang, T::BrokerCrashed),
                        BrokerState::Fenced => t(lang, T::BrokerFenced),
                    };
                    let running = b.state == BrokerState::Running;
                    html! {
                        <li class={classes!("broker-card", (!running).then_some("down"))} key={id} data-testid="broker" data-broker={id.to_string()} data-state={format!("{:?}", b.state)}>
                            <div class="producer-head">
                                <strong>{ format!("{} {id}", t(lang, T::BrokerWord)) }</strong>
                                <span class="tag state">{ state }</span>
                            </div>
                            <p class="muted">{ format!("{} {} · {} {}", b.leaders, t(lang, T::Leaders), b.replicas, t(lang, T::ReplicasWord)) }
                                if !b.coordinator_for.is_empty() { { format!(" · {} {}", t(lang, T::CoordinatorFor), b.coordinator_for.iter().map(|p| format!("__consumer_offsets-{p}")).collect::<Vec<_>>().join(", ")) } }
                            </p>
                            <ul class="replica-chips">
                                { for b.chips.iter().map(|c| {
                                    let (sym, class) = match c.role {
                                        ReplicaRole::Leader => ("★", "leader"),
                                        ReplicaRole::Follower => ("○", "follower"),
                                        ReplicaRole::Adding => ("＋", "adding"),
                                        ReplicaRole::Removing if c.leads => ("★－", "removing"),
                                        ReplicaRole::Removing => ("－", "removing"),
                                    };
                                    html! {
                                        <li class={classes!("chip", class, (!c.in_isr).then_some("out-of-isr"))} key={c.partition}
                                            data-testid="replica-chip" data-partition={c.partition.to_string()} data-role={class}
                                            style={format!("--progress: {:.3}", c.progress)}
                                            title={format!("P{} · {class} · LEO {} · {:.0}%", c.partition, c.leo, c.progress * 100.0)}>
                                            { format!("{sym}P{}", c.partition) }
                                        </li>
                                    }
                                }) }
                            </ul>
                            <div class="load">
                                <span class="bar-label">{ t(lang, T::BytesIn) }</span>
                                <span class="bar"><span class="fill in" style={format!("width: {:.1}%", 100.0 * b.bytes_in_per_s as f64 / scale)}></span></span>
                                <span class="bar-value" data-testid="bytes-in">{ view::format_rate_bytes(b.bytes_in_per_s) }</span>
                                <span class="bar-label">{ t(lang, T::BytesOut) }</span>
                                <span class="bar"><span class="fill out" style={format!("width: {:.1}%", 100.0 * b.bytes_out_per_s as f64 / scale)}></span></span>
                                <span class="bar-value">{ view::format_rate_bytes(b.bytes_out_per_s) }</span>
                            </div>
                            if let Some(th) = b.throttle { <p class="muted throttle">{ format!("{} {}", t(lang, T::ThrottleWord), view::format_rate_bytes(th)) }</p> }
                            <div class="consumer-actions">
                                <button class="button small" data-testid="stop-broker" disabled={b.state == BrokerState::Fenced}
                                    onclick={p.dispatch.reform(move |_| Action::StopBroker(id))}>{ t(lang, T::StopBroker) }</button>
                                <button class="button small" data-testid="crash-broker" disabled={!running}
                                    onclick={p.dispatch.reform(move |_| Action::CrashBroker(id))}>{ t(lang, T::CrashBroker) }</button>
                                <button class="button small" data-testid="restart-broker" disabled={running}
                                    onclick={p.dispatch.reform(move |_| Action::RestartBroker(id))}>{ t(lang, T::RestartBroker) }</button>
                                <button class="button small" data-testid="remove-broker"
                                    onclick={p.dispatch.reform(move |_| Action::RemoveBroker(id))}>{ t(lang, T::Decommission) }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
            if vm.throttle_leftover {
                <p class="warn-note" role="status" data-testid="throttle-leftover">{ t(lang, T::ThrottleLeftover) }</p>
            }
            if vm.acked_records_lost > 0 {
                <p class="field-error" data-testid="acked-lost">{ format!("{} {}", vm.acked_records_lost, t(lang, T::AckedLost)) }</p>
            }
            <p class="legend">{ t(lang, T::ReplicaLegend) }</p>
            <p class="note">{ t(lang, T::BrokersNote) }{ format!(" min.insync.replicas={}.", vm.min_insync_replicas) }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReassignProps {
    lang: Lang,
    json: String,
    output: Option<crate::app::ReassignOutput>,
    brokers: Vec<i32>,
    dispatch: Callback<Action>,
}

/// `kafka-reassign-partitions.sh`: the JSON editor and the tool's actions.
#[function_component(ReassignPanel)]
fn reassign_panel(p: &ReassignProps) -> Html {
    let lang = p.lang;
    let throttle = use_state(String::new);
    let additional = use_state(|| false);
    let broker_list = use_state(String::new);
    let list_default = p.brokers.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",");
    let run = |action: &'static str| {
        let (d, th, add, bl, def) =
            (p.dispatch.clone(), throttle.clone(), additional.clone(), broker_list.clone(), list_default.clone());
        Callback::from(move |_: MouseEvent| {
            d.emit(Action::Reassign(crate::app::ReassignForm {
                action: action.into(),
                throttle: (*th).clone(),
                additional: *add,
                broker_list: if bl.trim().is_empty() { def.clone() } else { (*bl).clone() },
            }))
        })
    };
    let on_json = p.dispatch.reform(|e: InputEvent| {
        Action::EditReassignment(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
    });
    let on_throttle = {
        let th = throttle.clone();
        Callback::from(move |e: InputEvent| th.set(input_value(&e)))
    };
    let on_bl = {
        let bl = broker_list.clone();
        Callback::from(move |e: InputEvent| bl.set(input_value(&e)))
    };
    let on_add = {
        let add = additional.clone();
        Callback::from(move |e: Event2| add.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    html! {
        <section class="panel reassign-panel" aria-labelledby="reassign-h">
            <h2 id="reassign-h"><code>{ t(lang, T::ReassignTitle) }</code></h2>
            <p class="muted">{ t(lang, T::ReassignNote) }</p>
            <p class="muted" data-testid="throttle-burst-note">{ t(lang, T::ThrottleBurstNote) }</p>
            <textarea class="mono json-editor" data-testid="reassign-json" rows="9" spellcheck="false" value={p.json.clone()} oninput={on_json} />
            <div class="reassign-options">
                <label><span>{ t(lang, T::ThrottleLabel) }</span>
                    <input class="num" data-testid="reassign-throttle" inputmode="numeric" placeholder="-1" value={(*throttle).clone()} oninput={on_throttle} /></label>
                <label class="check"><input type="checkbox" data-testid="reassign-additional" checked={*additional} onchange={on_add} /><span>{ t(lang, T::AdditionalLabel) }</span></label>
                <label><span>{ t(lang, T::BrokerListLabel) }</span>
                    <input data-testid="reassign-broker-list" placeholder={list_default.clone()} value={(*broker_list).clone()} oninput={on_bl} spellcheck="false" /></label>
            </div>
            <div class="reset-buttons wrap">
                <button class="button" data-testid="reassign-generate" onclick={run("generate")}>{ "--generate" }</button>
                <button class="button primary" data-testid="reassign-execute" onclick={run("execute")}>{ "--execute" }</button>
                <button class="button" data-testid="reassign-verify" onclick={run("verify")}>{ "--verify" }</button>
                <button class="button" data-testid="reassign-cancel" onclick={run("cancel")}>{ "--cancel" }</button>
                <button class="button" data-testid="reassign-list" onclick={run("list")}>{ "--list" }</button>
            </div>
            { match p.output.as_ref() {
                None => html! {},
                Some(o) => match &o.result {
                    Ok(text) => html! { <pre class="mono table-out wrap" data-testid="reassign-output" data-action={o.action.clone()}>{ format!("$ kafka-reassign-partitions.sh --{} …\n{text}", o.action) }</pre> },
                    Err(e) => html! { <p class="field-error" role="alert" data-testid="reassign-error">{ e }</p> },
                },
            } }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ChartsProps {
    charts: Rc<view::ChartsVm>,
    lang: Lang,
    dispatch: Callback<Action>,
}

/// Lag, rates and memory over time, and the pull-versus-push comparison.
#[function_component(ChartsPanel)]
fn charts_panel(p: &ChartsProps) -> Html {
    let lang = p.lang;
    let vm = &p.charts;
    let buffer = use_state(|| "1000".to_string());
    let crash = use_state(|| false);
    let on_buffer = {
        let b = buffer.clone();
        Callback::from(move |e: InputEvent| b.set(input_value(&e)))
    };
    let on_crash = {
        let c = crash.clone();
        Callback::from(move |e: Event2| c.set(select_value(&e) == "crash"))
    };
    let start = {
        let (d, b, c) = (p.dispatch.clone(), buffer.clone(), crash.clone());
        Callback::from(move |_: MouseEvent| d.emit(Action::StartPush { buffer: (*b).clone(), crash: *c }))
    };
    let titles = [T::ChartLag, T::ChartRates, T::ChartBuffers];
    html! {
        <section class="panel charts-panel" aria-labelledby="charts-h">
            <h2 id="charts-h">{ t(lang, T::ChartsTitle) }</h2>
            <div class="charts">
                { for vm.charts.iter().zip(titles).map(|(c, title)| html! {
                    <figure class="chart" data-testid={format!("chart-{}", c.id)}>
                        <figcaption>{ t(lang, title) }<span class="muted">{ format!(" · max {}", c.max_label) }</span></figcaption>
                        <svg viewBox={format!("0 0 {} {}", view::CHART_W, view::CHART_H)} preserveAspectRatio="none" role="img" aria-label={t(lang, title)}>
                            <line class="axis" x1="0" y1={view::CHART_H.to_string()} x2={view::CHART_W.to_string()} y2={view::CHART_H.to_string()} />
                            { for c.series.iter().map(|s| html! {
                                <polyline class="series" style={format!("--series: var(--series-{})", s.colour % 8)} points={s.points.clone()} data-testid="series" data-name={s.name.clone()} />
                            }) }
                            { for c.columns.iter().map(|(x, w, text)| html! {
                                <rect class="hover" x={format!("{x:.1}")} y="0" width={format!("{w:.1}")} height={view::CHART_H.to_string()}><title>{ text }</title></rect>
                            }) }
                        </svg>
                        <ul class="chart-legend">
                            { for c.series.iter().map(|s| html! {
                                <li style={format!("--series: var(--series-{})", s.colour % 8)}><span class="swatch"></span>{ format!("{} {}", s.name, s.last) }</li>
                            }) }
                        </ul>
                    </figure>
                }) }
            </div>
            <p class="note">{ t(lang, T::ChartsNote) }</p>
            <h3>{ t(lang, T::PullVsPush) }</h3>
            <div class="compare" data-testid="compare">
                <div class="table-wrap">
                <table class="describe">
                    <thead><tr><th></th><th>{ t(lang, T::Delivered) }</th><th>{ t(lang, T::Dropped) }</th><th>{ t(lang, T::LagWord) }</th><th>{ t(lang, T::MemoryWord) }</th></tr></thead>
                    <tbody>
                        if let Some((d, x, l, m)) = vm.pull {
                            <tr data-testid="pull-row"><th>{ t(lang, T::PullSide) }</th><td>{ d }</td><td data-testid="pull-dropped">{ x }</td><td data-testid="pull-lag">{ l }</td><td>{ view::format_rate_bytes(m).trim_end_matches("/s").to_string() }</td></tr>
                        }
                        if let Some((d, x, l, m, crashed)) = vm.push {
                            <tr data-testid="push-row" class={classes!((x > 0).then_some("warn"))}><th>{ t(lang, T::PushSide) }</th><td>{ d }</td><td data-testid="push-dropped">{ x }</td><td>{ l }</td>
                                <td>{ view::format_rate_bytes(m).trim_end_matches("/s").to_string() }
                                    if let Some(at) = crashed { { format!(" · {} {}", t(lang, T::PushCrashed), format_sim_time(at)) } }
                                </td></tr>
                        }
                    </tbody>
                </table>
                </div>
                <div class="reassign-options">
                    <label><span>{ t(lang, T::PushBuffer) }</span><input class="num" data-testid="push-buffer" inputmode="numeric" value={(*buffer).clone()} oninput={on_buffer} /></label>
                    <label><span>{ "overflow" }</span>
                        <select data-testid="push-overflow" onchange={on_crash}>
                            <option value="drop" selected={!*crash}>{ t(lang, T::OverflowDrop) }</option>
                            <option value="crash" selected={*crash}>{ t(lang, T::OverflowCrash) }</option>
                        </select></label>
                    if vm.push.is_some() {
                        <button class="button" data-testid="stop-push" onclick={p.dispatch.reform(|_| Action::StopPush)}>{ t(lang, T::StopPush) }</button>
                    } else {
                        <button class="button primary" data-testid="start-push" onclick={start}>{ t(lang, T::StartPush) }</button>
                    }
                </div>
            </div>
            <p class="note">{ t(lang, T::PullVsPushNote) }</p>
        </section>
    }
}
