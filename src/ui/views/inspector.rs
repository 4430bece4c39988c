//! The inspector: what a stage object is and what can be done to it (RaftScope's modal, made
//! non-blocking), beside the log view of the partitions in focus.

use super::*;
use crate::app::{Focus, Tab};
use crate::sim::cluster::BrokerState;

/// The inspector of the focused object (nothing when none is).
pub(super) fn inspector(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    let Some(focus) = m.focus.clone() else { return html! {} };
    let lang = m.lang;
    let close = dispatch.reform(|_| Action::Focus(None));
    let (title, body) = match &focus {
        Focus::Broker(id) => broker(m, *id, dispatch),
        Focus::Partition(slot) => partition(m, *slot, dispatch),
        Focus::Producer(id) => producer(m, *id, dispatch),
        Focus::Consumer(id) => consumer(m, *id, dispatch),
        Focus::Group(g) => group(m, g, dispatch),
    };
    html! {
        <aside class="inspector" aria-labelledby="inspector-h" data-testid="inspector" data-focus={format!("{focus:?}")}>
            <div class="panel-head">
                <h2 id="inspector-h">{ title }</h2>
                <button class="button small" data-testid="inspector-close" onclick={close}>{ t(lang, T::InspectorClose) }</button>
            </div>
            { body }
        </aside>
    }
}

fn more(m: &AppModel, tab: Tab, dispatch: &Callback<Action>) -> Html {
    html! {
        <button class="button small" data-testid="inspector-more" onclick={dispatch.reform(move |_| Action::SelectTab(tab))}>{ t(m.lang, T::OpenTab) }{ " ↓" }</button>
    }
}

fn broker(m: &AppModel, id: i32, dispatch: &Callback<Action>) -> (String, Html) {
    let lang = m.lang;
    let title = format!("{} {id}", t(lang, T::BrokerWord));
    let Some(b) = m.brokers.brokers.iter().find(|b| b.id == id) else { return (title, html! {}) };
    let running = b.state == BrokerState::Running;
    let body = html! {
        <>
            <p>
                <span class="tag state" data-testid="inspector-state">{ format!("{:?}", b.state) }</span>
                { format!(" {} {} · {} {} · {} {} · {} {}", t(lang, T::Leaders), b.leaders, t(lang, T::ReplicasWord), b.replicas,
                    t(lang, T::BytesIn), view::format_rate_bytes(b.bytes_in_per_s), t(lang, T::BytesOut), view::format_rate_bytes(b.bytes_out_per_s)) }
                if let Some(th) = b.throttle { { format!(" · {} {}", t(lang, T::ThrottleWord), view::format_rate_bytes(th)) } }
                if !b.coordinator_for.is_empty() {
                    { format!(" · {} {}", t(lang, T::CoordinatorFor), b.coordinator_for.iter().map(|p| format!("__consumer_offsets-{p}")).collect::<Vec<_>>().join(", ")) }
                }
            </p>
            <div class="consumer-actions">
                <button class="button small" data-testid="inspector-stop-broker" disabled={b.state == BrokerState::Fenced}
                    onclick={dispatch.reform(move |_| Action::StopBroker(id))}>{ t(lang, T::StopBroker) }</button>
                <button class="button small" data-testid="inspector-crash-broker" disabled={!running}
                    onclick={dispatch.reform(move |_| Action::CrashBroker(id))}>{ t(lang, T::CrashBroker) }</button>
                <button class="button small" data-testid="inspector-restart-broker" disabled={running}
                    onclick={dispatch.reform(move |_| Action::RestartBroker(id))}>{ t(lang, T::RestartBroker) }</button>
                <button class="button small" data-testid="inspector-remove-broker"
                    onclick={dispatch.reform(move |_| Action::RemoveBroker(id))}>{ t(lang, T::Decommission) }</button>
                { more(m, Tab::Brokers, dispatch) }
            </div>
        </>
    };
    (title, body)
}

fn partition(m: &AppModel, slot: u32, dispatch: &Callback<Action>) -> (String, Html) {
    let lang = m.lang;
    let name = m.run.sim.topics().partition_name(slot);
    let Some(lane) = m.lanes.iter().find(|l| l.partition == slot) else { return (name, html! {}) };
    let list = |v: &[i32]| v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",");
    let brokers: Vec<i32> = m.brokers.brokers.iter().map(|b| b.id).collect();
    let body = html! {
        <>
            <p data-testid="inspector-partition" data-leader={lane.leader.map_or(String::new(), |l| l.to_string())}>
                { format!("{} {} · {} [{}] · ISR [{}] · {} {} · LEO {} · {} {}",
                    t(lang, T::RoleLeader), lane.leader.map_or_else(|| t(lang, T::OfflineWord).to_string(), |l| l.to_string()),
                    t(lang, T::ReplicasWord), list(&lane.replicas), list(&lane.isr),
                    t(lang, T::HighWatermark), lane.high_watermark, lane.log_end_offset, t(lang, T::LogStart), lane.log_start_offset) }
            </p>
            <MoveForm slot={slot} replicas={lane.replicas.clone()} brokers={brokers} lang={lang} dispatch={dispatch.clone()} />
        </>
    };
    (name, body)
}

#[derive(Properties, PartialEq)]
struct MoveProps {
    slot: u32,
    replicas: Vec<i32>,
    brokers: Vec<i32>,
    lang: Lang,
    dispatch: Callback<Action>,
}

/// The keyboard's way to drag a replica: pick the replica and the broker it moves to.
#[function_component(MoveForm)]
fn move_form(p: &MoveProps) -> Html {
    let from = use_state(|| p.replicas.first().copied().unwrap_or(0));
    let to = use_state(|| p.brokers.iter().copied().find(|b| !p.replicas.contains(b)).unwrap_or(0));
    let slot = p.slot;
    let (f, tt) = (*from, *to);
    html! {
        <div class="inline-form move-form">
            <label>{ t(p.lang, T::ReplicasWord) }
                <select data-testid="move-from" onchange={{ let s = from.clone(); Callback::from(move |e: Event2| { if let Ok(v) = select_value(&e).parse() { s.set(v) } }) }}>
                    { for p.replicas.iter().map(|b| html! { <option value={b.to_string()} selected={*b == f}>{ format!("{} {b}", t(p.lang, T::BrokerWord)) }</option> }) }
                </select>
            </label>
            <label>{ t(p.lang, T::MoveTo) }
                <select data-testid="move-to" onchange={{ let s = to.clone(); Callback::from(move |e: Event2| { if let Ok(v) = select_value(&e).parse() { s.set(v) } }) }}>
                    { for p.brokers.iter().map(|b| html! { <option value={b.to_string()} selected={*b == tt}>{ format!("{} {b}", t(p.lang, T::BrokerWord)) }</option> }) }
                </select>
            </label>
            <button class="button small" data-testid="move-draft" onclick={p.dispatch.reform(move |_| Action::DraftMove { slot, from: f, to: tt })}>
                { "→ kafka-reassign-partitions.sh" }
            </button>
        </div>
    }
}

fn producer(m: &AppModel, id: u32, dispatch: &Callback<Action>) -> (String, Html) {
    let lang = m.lang;
    let Some(p) = m.snapshot.producers.iter().find(|p| p.id == id) else { return (format!("P{id}"), html! {}) };
    let body = html! {
        <>
            <p>{ format!("{} {} · {} {} · {} {} · acks={} · linger.ms={} · batch.size={}", t(lang, T::Sent), p.records_sent, t(lang, T::Acked), p.records_acked,
                t(lang, T::Buffered), p.records_buffered, p.spec.acks.name(), p.spec.linger_ms, p.spec.batch_size) }
                if p.blocked { <strong class="field-error">{ format!(" · {}", t(lang, T::SendBlockedWord)) }</strong> }
            </p>
            <div class="consumer-actions">
                <button class="button small" data-testid="inspector-remove-producer" onclick={dispatch.reform(move |_| Action::RemoveProducer(id))}>{ t(lang, T::Remove) }</button>
                { more(m, Tab::Producers, dispatch) }
            </div>
        </>
    };
    (format!("P{id} · {}", p.spec.client_id), body)
}

fn consumer(m: &AppModel, id: u32, dispatch: &Callback<Action>) -> (String, Html) {
    use crate::sim::consumer::ConsumerState as S;
    let lang = m.lang;
    let Some(c) = m.consumers.consumers.iter().find(|c| c.id == id) else { return (format!("C{id}"), html! {}) };
    let down = matches!(c.state, S::Crashed | S::Closed | S::Failed);
    let body = html! {
        <>
            <p data-testid="inspector-consumer" data-state={format!("{:?}", c.state)}>
                { format!("group.id={} · {} · {} {} · {} {} · {} {}", c.group, consumers::state_text(lang, c.state),
                    t(lang, T::Assigned), if c.partition_names.is_empty() { "-".to_string() } else { c.partition_names.join(", ") },
                    t(lang, T::Processed), c.processed, t(lang, T::Commits), c.commits) }
            </p>
            if let Some(e) = &c.error { <p class="field-error">{ e.clone() }</p> }
            <div class="consumer-actions">
                <button class="button small" data-testid="inspector-crash-consumer" disabled={down} onclick={dispatch.reform(move |_| Action::CrashConsumer(id))}>{ t(lang, T::Crash) }</button>
                <button class="button small" data-testid="inspector-close-consumer" disabled={down} onclick={dispatch.reform(move |_| Action::CloseConsumer(id))}>{ t(lang, T::CloseConsumer) }</button>
                <button class="button small" data-testid="inspector-restart-consumer" disabled={!down} onclick={dispatch.reform(move |_| Action::RestartConsumer(id))}>{ t(lang, T::Restart) }</button>
                { more(m, Tab::Consumers, dispatch) }
            </div>
        </>
    };
    (format!("C{id} · {}", c.client_id), body)
}

fn group(m: &AppModel, name: &str, dispatch: &Callback<Action>) -> (String, Html) {
    let lang = m.lang;
    let Some(g) = m.consumers.groups.iter().find(|g| g.group == name) else { return (name.to_string(), html! {}) };
    let coordinator = m.brokers.brokers.iter().find(|b| b.coordinator_for.contains(&g.offsets_partition)).map(|b| b.id);
    let members = m.consumers.consumers.iter().filter(|c| c.group == g.group).count();
    let body = html! {
        <>
            <p data-testid="inspector-group">
                { format!("{:?} · {} {} · {} {} · __consumer_offsets-{} ({} {}) · {} {} · {} {} · {} {}", g.state, t(lang, T::Generation), g.generation,
                    t(lang, T::Members), members, g.offsets_partition, t(lang, T::BrokerWord), coordinator.map_or("-".to_string(), |b| b.to_string()),
                    t(lang, T::Processed), g.processed, t(lang, T::Duplicates), g.duplicates, t(lang, T::Lost), g.lost) }
            </p>
            <div class="consumer-actions">{ more(m, Tab::Consumers, dispatch) }</div>
        </>
    };
    (format!("{} {}", t(lang, T::Group), g.group), body)
}
