//! The reassignment tool.

use super::*;

#[derive(Properties, PartialEq)]
pub(super) struct ReassignProps {
    pub(super) lang: Lang,
    pub(super) json: String,
    pub(super) output: Option<crate::app::ReassignOutput>,
    pub(super) brokers: Vec<i32>,
    /// The editor holds moves dragged on the stage.
    #[prop_or_default]
    pub(super) drafted: bool,
    /// Why the last drag was refused.
    #[prop_or_default]
    pub(super) refusal: Option<crate::tools::reassign::DraftRefusal>,
    pub(super) dispatch: Callback<Action>,
}

/// `kafka-reassign-partitions.sh`: the JSON editor and the tool's actions.
#[function_component(ReassignPanel)]
pub(super) fn reassign_panel(p: &ReassignProps) -> Html {
    let lang = p.lang;
    let throttle = use_state(String::new);
    let additional = use_state(|| false);
    let broker_list = use_state(String::new);
    let list_default = p.brokers.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",");
    use crate::tools::reassign::ReassignAction as R;
    let run = |action: R| {
        let (d, th, add, bl, def) =
            (p.dispatch.clone(), throttle.clone(), additional.clone(), broker_list.clone(), list_default.clone());
        Callback::from(move |_: MouseEvent| {
            d.emit(Action::Reassign(crate::app::ReassignForm {
                action,
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
            if let Some(r) = p.refusal {
                <p class="field-error" role="alert" data-testid="draft-refusal">{ t(lang, match r {
                    crate::tools::reassign::DraftRefusal::SameBroker => T::DraftSameBroker,
                    crate::tools::reassign::DraftRefusal::AlreadyReplica => T::DraftAlreadyReplica,
                    crate::tools::reassign::DraftRefusal::Unknown => T::DraftUnknown,
                }) }</p>
            } else if p.drafted {
                <p class="warn-note" role="status" data-testid="draft-done">{ t(lang, T::DraftDone) }</p>
            }
            <textarea class="mono json-editor" data-testid="reassign-json" rows="9" spellcheck="false" value={p.json.clone()} oninput={on_json}
                aria-label="--reassignment-json-file" />
            <div class="reassign-options">
                <label><span>{ t(lang, T::ThrottleLabel) }</span>
                    <input class="num" data-testid="reassign-throttle" inputmode="numeric" placeholder="-1" value={(*throttle).clone()} oninput={on_throttle} /></label>
                <label class="check"><input type="checkbox" data-testid="reassign-additional" checked={*additional} onchange={on_add} /><span>{ t(lang, T::AdditionalLabel) }</span></label>
                <label><span>{ t(lang, T::BrokerListLabel) }</span>
                    <input data-testid="reassign-broker-list" placeholder={list_default.clone()} value={(*broker_list).clone()} oninput={on_bl} spellcheck="false" /></label>
            </div>
            <div class="reset-buttons wrap">
                <button class="button" data-testid="reassign-generate" onclick={run(R::Generate)}>{ "--generate" }</button>
                <button class="button primary" data-testid="reassign-execute" onclick={run(R::Execute)}>{ "--execute" }</button>
                <button class="button" data-testid="reassign-verify" onclick={run(R::Verify)}>{ "--verify" }</button>
                <button class="button" data-testid="reassign-cancel" onclick={run(R::Cancel)}>{ "--cancel" }</button>
                <button class="button" data-testid="reassign-list" onclick={run(R::List)}>{ "--list" }</button>
            </div>
            { match p.output.as_ref() {
                None => html! {},
                Some(o) => match &o.result {
                    Ok(text) => html! { <pre class="mono table-out wrap" data-testid="reassign-output" data-action={o.action.name()}>{ format!("$ kafka-reassign-partitions.sh --{} …\n{text}", o.action.name()) }</pre> },
                    Err(e) => html! { <p class="field-error" role="alert" data-testid="reassign-error">{ e }</p> },
                },
            } }
        </section>
    }
}
