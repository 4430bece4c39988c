//! Producer cards and their inline forms.

use super::*;

/// A one-field form (a number and a button): the text is kept while typing and sent as an
/// `Action` on submit; it resets when the model's value changes.
#[derive(Properties, PartialEq)]
pub(super) struct InlineFormProps {
    pub(super) label: &'static str,
    pub(super) button: &'static str,
    /// `data-testid` of the input and of the button.
    pub(super) field_id: &'static str,
    pub(super) button_id: &'static str,
    pub(super) value: String,
    pub(super) action: InlineAction,
    pub(super) dispatch: Callback<Action>,
}

/// What an inline form's text becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum InlineAction {
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
pub(super) fn inline_form(p: &InlineFormProps) -> Html {
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
pub(super) struct ProducerProps {
    pub(super) index: usize,
    pub(super) producer: ProducerSnapshot,
    pub(super) lang: Lang,
    pub(super) dispatch: Callback<Action>,
}

#[function_component(ProducerCard)]
pub(super) fn producer_card(p: &ProducerProps) -> Html {
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
