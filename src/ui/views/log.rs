//! The producers panel, the event log and the partition calculator.

use super::*;

#[derive(Properties, PartialEq)]
pub(super) struct PanelProps {
    pub(super) panels: Rc<Panels>,
    pub(super) lang: Lang,
    #[prop_or_default]
    pub(super) dispatch: Callback<Action>,
}

#[function_component(ProducersPanel)]
pub(super) fn producers_panel(p: &PanelProps) -> Html {
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
pub(super) fn event_log_panel(p: &PanelProps) -> Html {
    let lang = p.lang;
    let consumer_names = |id: u32| {
        p.panels
            .consumer_names
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| format!("C{id}"))
    };
    let names = |id: u32| {
        p.panels
            .producers
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.spec.client_id.clone())
            .unwrap_or_else(|| format!("P{id}"))
    };
    html! {
        <section class="panel events-panel" aria-labelledby="events-h">
            <h2 id="events-h">{ t(lang, T::Events) }</h2>
            if p.panels.events.is_empty() {
                <p class="muted">{ t(lang, T::NoEvents) }</p>
            } else {
                <ol class="event-log" data-testid="event-log" aria-live="off" tabindex="0">
                    { for p.panels.events.iter().map(|(seq, e)| html! {
                        <li key={*seq}><time>{ format_sim_time(e.time_ms()) }</time><span>{ crate::i18n::event_line_with(lang, e, &names, &consumer_names) }</span></li>
                    }) }
                </ol>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct CalcProps {
    pub(super) lang: Lang,
    pub(super) partitions: u32,
}

#[function_component(Calculator)]
pub(super) fn calculator(p: &CalcProps) -> Html {
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
