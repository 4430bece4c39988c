//! What the page draws, as functions of the model. Components here keep only the text a
//! visitor is typing; every change goes out as an `Action`.

use yew::prelude::*;

use std::rc::Rc;

use crate::app::{Action, AppModel, Drawn, Notice, Panels, ProducerForm, Theme};
use crate::i18n::{field_error, rejected_text, t, Counted, Lang, T};
use crate::sim::config::KeyMode;
use crate::sim::{Event, ProducerSnapshot};
use crate::view::{self, format_sim_time, Layout, SPEEDS};

mod brokers;
mod charts;
mod consumers;
mod inspector;
mod log;
mod marks;
mod producers;
mod reassign;
mod stage;
mod tools;
mod topic;

use brokers::*;
use charts::*;
use consumers::*;
use inspector::*;
use log::*;
use marks::*;
use producers::*;
use reassign::*;
use stage::*;
use tools::*;
use topic::*;

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

pub(super) fn select_value(e: &Event2) -> String {
    e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
}

pub(super) type Event2 = yew::events::Event;

pub fn page(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    use crate::app::embed::Controls;
    if m.controls != Controls::Full {
        return embedded_page(m, dispatch);
    }
    let lang = m.lang;
    html! {
        <div class="playground" data-testid="playground" data-lang={lang.code()} data-drawn={m.drawn.attr()}>
            { header(m, dispatch) }
            { controls(m, dispatch) }
            <super::experience::LessonBar lang={lang} lesson={m.lesson.clone()} dispatch={dispatch.clone()} />
            <p class="preset-story" data-testid="preset-story" data-preset={m.preset.id()}>
                <strong>{ m.preset.title(lang) }{ ": " }</strong>{ m.preset.story(lang) }
            </p>
            { notice(m, dispatch) }
            <main class="layout paged">
                <section class="panel topic-panel" aria-labelledby="topic-h">
                    <div class="panel-head">
                        <h2 id="topic-h">{ t(lang, T::Topic) }{ ": " }<code>{ topics_heading(&m.snapshot) }</code></h2>
                        <InlineForm label={t(lang, T::Partitions)} button={t(lang, T::AddPartitions)} field_id="partitions" button_id="alter-partitions"
                            value={m.snapshot.partitions.len().to_string()} action={InlineAction::Partitions} dispatch={dispatch.clone()} />
                    </div>
                    { stage(m, dispatch) }
                    { inspector(m, dispatch) }
                    if m.drawn == Drawn::All {
                        { log_view(m, dispatch) }
                    }
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
                { tab_bar(m, dispatch) }
                <div class="tab-panel" role="tabpanel" id="tab-panel" aria-labelledby={format!("tab-{}", m.tab.id())}
                    data-testid="tab-panel" data-tab={m.tab.id()}>
                    if m.drawn == Drawn::All {
                        { tab_panels(m, dispatch) }
                    }
                </div>
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

/// The log view: a heading (with "all partitions" when focused) and the lanes in focus.
fn log_view(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    let spot = m.lesson.as_ref().is_some_and(|l| l.current().spots.contains(&crate::app::lessons::Spot::Log));
    html! {
        // In an embed the log view scrolls inside its own box (reachable by keyboard).
        <div class={classes!("log-view", spot.then_some("spot"))} data-testid="log-view"
            tabindex={(m.controls != crate::app::embed::Controls::Full).then_some("0")}
            role={(m.controls != crate::app::embed::Controls::Full).then_some("region")}
            aria-label={(m.controls != crate::app::embed::Controls::Full).then_some(t(m.lang, T::LogView))}>
            <h3 class="log-h">{ t(m.lang, T::LogView) }
                if log_partitions(m).is_some() {
                    { " " }<button class="button small" data-testid="log-all" onclick={dispatch.reform(|_| Action::Focus(None))}>{ t(m.lang, T::AllPartitions) }</button>
                }
            </h3>
            { topic_svg(m) }
        </div>
    }
}

/// The tabs under the picture: one group of panels at a time (the others are not drawn).
fn tab_bar(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    use crate::app::Tab;
    let word = |tab: Tab| match tab {
        Tab::Producers => T::TabProducers,
        Tab::Consumers => T::TabConsumers,
        Tab::Brokers => T::TabBrokers,
        Tab::Charts => T::TabCharts,
        Tab::Console => T::TabConsole,
        Tab::Scenario => T::TabScenario,
        Tab::Events => T::TabEvents,
    };
    html! {
        <div class="tabs" role="tablist" aria-label={t(m.lang, T::TabsLabel)} data-testid="tabs">
            { for Tab::ALL.iter().map(|&tab| {
                let on = m.tab == tab;
                html! {
                    <button role="tab" id={format!("tab-{}", tab.id())} class={classes!("tab", on.then_some("on"))}
                        aria-selected={on.to_string()} aria-controls="tab-panel"
                        data-testid={format!("tab-{}", tab.id())} onclick={dispatch.reform(move |_| Action::SelectTab(tab))}>
                        { t(m.lang, word(tab)) }
                    </button>
                }
            }) }
        </div>
    }
}

/// The panels of the selected tab.
fn tab_panels(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    use crate::app::Tab;
    let lang = m.lang;
    match m.tab {
        Tab::Producers => html! { <>
            <ProducersPanel panels={m.panels.clone()} lang={lang} dispatch={dispatch.clone()} />
            <section class="panel calc-panel" aria-labelledby="calc-h">
                <h2 id="calc-h">{ t(lang, T::Calculator) }</h2>
                <Calculator key={m.panels.partitions} lang={lang} partitions={m.panels.partitions} />
            </section>
        </> },
        Tab::Consumers => html! { <>
            <ConsumersPanel consumers={m.consumers.clone()} lang={lang} dispatch={dispatch.clone()} />
            <GroupsPanel consumers={m.consumers.clone()} lang={lang} />
            <ResetOffsetsPanel consumers={m.consumers.clone()} lang={lang} output={m.reset_output.clone()} topic={m.snapshot.topic.clone()} dispatch={dispatch.clone()} />
        </> },
        Tab::Brokers => html! { <>
            <BrokersPanel brokers={m.brokers.clone()} lang={lang} dispatch={dispatch.clone()} />
            <ReassignPanel lang={lang} json={m.reassign_json.clone()} output={m.reassign_output.clone()}
                brokers={m.brokers.brokers.iter().map(|b| b.id).collect::<Vec<_>>()} drafted={!m.drafts.is_empty()} refusal={m.draft_refusal} dispatch={dispatch.clone()} />
        </> },
        Tab::Charts => html! { <ChartsPanel charts={m.charts.clone()} lang={lang} dispatch={dispatch.clone()} /> },
        Tab::Console => html! {
            <super::experience::ConsolePanel lang={lang} lines={m.terminal.clone()} console={m.console.clone()} dispatch={dispatch.clone()} />
        },
        Tab::Scenario => html! { <>
            <super::experience::ScenarioPanel lang={lang} editor={m.editor.clone()} share={m.share.clone()} dispatch={dispatch.clone()} />
            <super::experience::ExportPanel lang={lang} real_preview={m.real_preview.clone()} dispatch={dispatch.clone()} />
        </> },
        Tab::Events => html! { <EventLogPanel panels={m.panels.clone()} lang={lang} /> },
    }
}

/// An embed with `controls=minimal` (the control bar, the lesson bar, the stage, the timeline,
/// and the tool panel the lesson's step needs) or `controls=none` (the stage, and the lesson's
/// text).
pub(super) fn embedded_page(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    use crate::app::embed::Controls;
    let lang = m.lang;
    let minimal = m.controls == Controls::Minimal;
    // A minimal embed shows the tool panel its lesson's current step points at (so every step
    // can be done there); brokers, consumers and groups are on the stage.
    let wants = |panel: &str| minimal && m.lesson.as_ref().is_some_and(|l| l.current().highlight == panel);
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
                <section class="panel topic-panel" aria-label={format!("{}: {}", t(lang, T::Topic), topics_heading(&m.snapshot))}>
                    if !minimal {
                        <span class="clock corner" data-testid="sim-time">{ format_sim_time(m.sim().now_ms()) }</span>
                    }
                    { stage(m, dispatch) }
                    { inspector(m, dispatch) }
                    if log_partitions(m).is_some() || m.lesson.as_ref().is_some_and(|l| l.current().spots.contains(&crate::app::lessons::Spot::Log)) {
                        { log_view(m, dispatch) }
                    }
                </section>
                if wants("charts-panel") {
                    <ChartsPanel charts={m.charts.clone()} lang={lang} dispatch={dispatch.clone()} />
                }
                if wants("reassign-panel") {
                    <ReassignPanel lang={lang} json={m.reassign_json.clone()} output={m.reassign_output.clone()}
                        brokers={m.brokers.brokers.iter().map(|b| b.id).collect::<Vec<_>>()} drafted={!m.drafts.is_empty()} refusal={m.draft_refusal} dispatch={dispatch.clone()} />
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
            <div class="embed-foot-row">
            <details class="embed-foot muted">
                <summary>{ t(lang, T::VersionBadge) }</summary>
                <p>{ t(lang, T::StageLegend) }</p>
                <p>{ t(lang, T::MarkerLegend) }</p>
                <p>{ t(lang, T::Simplified) }</p>
            </details>
            if let Some(href) = &m.open_link {
                <a class="embed-open" href={href.clone()} target="_blank" rel="noopener" data-testid="open-in-playground">{ t(lang, T::OpenInPlayground) }</a>
            }
            </div>
        </div>
    }
}

pub(super) fn header(m: &AppModel, dispatch: &Callback<Action>) -> Html {
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

pub(super) fn controls(m: &AppModel, dispatch: &Callback<Action>) -> Html {
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
            // The seed is the full playground's (an embed keeps its author's).
            if m.controls == crate::app::embed::Controls::Full {
                <InlineForm label={t(lang, T::Seed)} button={t(lang, T::ApplySeed)} field_id="seed" button_id="apply-seed"
                    value={m.seed.to_string()} action={InlineAction::Seed} dispatch={dispatch.clone()} />
            }
            <span class="clock" data-testid="sim-time" title={t(lang, T::SimTime)}>
                <span class={classes!("dot", m.playing.then_some("live"))}></span>
                <span class="clock-label">{ t(lang, T::SimTime) }{ " " }</span><strong>{ format_sim_time(m.sim().now_ms()) }</strong>
            </span>
        </div>
    }
}

pub(super) fn notice(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    let Some(n) = &m.notice else { return html! {} };
    let text = match n {
        Notice::Field(e) => field_error(m.lang, e),
        Notice::Rejected(r) => format!("{}: {}", t(m.lang, T::ErrorPrefix), rejected_text(m.lang, r)),
        Notice::Unavailable => t(m.lang, T::NotFromPage).to_string(),
    };
    html! {
        <div class="notice" role="alert" data-testid="notice">
            <span>{ text }</span>
            <button class="close" aria-label="×" onclick={dispatch.reform(|_| Action::DismissNotice)}>{ "×" }</button>
        </div>
    }
}

/// The topic, or the topics with their partition counts when there are several.
fn topics_heading(snap: &crate::sim::Snapshot) -> String {
    match snap.topics.as_slice() {
        [_] | [] => snap.topic.clone(),
        many => many.iter().map(|t| format!("{} ({})", t.name, t.slots.len())).collect::<Vec<_>>().join(" · "),
    }
}
