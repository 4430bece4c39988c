//! The reset-offsets tool.

use super::*;

#[derive(Properties, PartialEq)]
pub(super) struct ResetProps {
    pub(super) consumers: Rc<view::ConsumersVm>,
    pub(super) lang: Lang,
    pub(super) output: Option<crate::app::ResetOutput>,
    pub(super) topic: String,
    pub(super) dispatch: Callback<Action>,
}

/// `kafka-consumer-groups.sh --reset-offsets` as a form: the command line it stands for, a
/// dry run and --execute, and Kafka's output.
#[function_component(ResetOffsetsPanel)]
pub(super) fn reset_offsets_panel(p: &ResetProps) -> Html {
    use crate::sim::offsets_tool::ResetMode;
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
        let s = set(|f, v| {
            if let Some(m) = ResetMode::from_name(&v) {
                f.mode = m
            }
        });
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
    let needs_value = f.mode.needs_value();
    let placeholder = match f.mode {
        ResetMode::ToDatetime => "1970-01-01T00:00:30.000",
        ResetMode::ByDuration => "PT30S",
        _ => "0",
    };
    let command = format!(
        "kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group {} --topic {} --reset-offsets --{}{}",
        if f.group.trim().is_empty() { "<group>" } else { f.group.trim() },
        p.topic,
        f.mode.name(),
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
                        { for ResetMode::ALL.iter().map(|m| html! { <option value={m.name()} selected={f.mode == *m}>{ format!("--{}", m.name()) }</option> }) }
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
