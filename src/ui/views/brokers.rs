//! The brokers panel.

use super::*;

#[derive(Properties, PartialEq)]
pub(super) struct BrokersProps {
    pub(super) brokers: Rc<view::BrokersVm>,
    pub(super) lang: Lang,
    pub(super) dispatch: Callback<Action>,
}

/// Brokers: each with its replicas (leader, follower, copying, being removed), its load, and
/// stop / crash / restart / decommission.
#[function_component(BrokersPanel)]
pub(super) fn brokers_panel(p: &BrokersProps) -> Html {
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
                            <p class="muted">{ format!("{} · {}", crate::i18n::count(lang, Counted::Leaders, b.leaders as u64), crate::i18n::count(lang, Counted::Replicas, b.replicas as u64)) }
                                if !b.coordinator_for.is_empty() { { format!(" · {} {}", t(lang, T::CoordinatorFor), b.coordinator_for.iter().map(|p| format!("__consumer_offsets-{p}")).collect::<Vec<_>>().join(", ")) } }
                            </p>
                            <ul class="replica-chips">
                                { for b.chips.iter().map(|c| {
                                    let (sym, class, role) = match c.role {
                                        ReplicaRole::Leader => ("★", "leader", T::RoleLeader),
                                        ReplicaRole::Follower => ("○", "follower", T::RoleFollower),
                                        ReplicaRole::Adding => ("＋", "adding", T::RoleAdding),
                                        ReplicaRole::Removing if c.leads => ("★－", "removing", T::RoleRemoving),
                                        ReplicaRole::Removing => ("－", "removing", T::RoleRemoving),
                                    };
                                    html! {
                                        <li class={classes!("chip", class, (!c.in_isr).then_some("out-of-isr"))} key={c.partition}
                                            data-testid="replica-chip" data-partition={c.partition.to_string()} data-role={class}
                                            style={format!("--progress: {:.3}", c.progress)}
                                            title={format!("P{} · {} · LEO {} · {:.0}%", c.partition, t(lang, role), c.leo, c.progress * 100.0)}>
                                            { format!("{sym}P{}", c.partition) }
                                        </li>
                                    }
                                }) }
                            </ul>
                            <div class="load">
                                <span class="bar-label">{ t(lang, T::BytesIn) }</span>
                                <span class="bar"><span class="fill in" style={format!("--fill: {:.3}", b.bytes_in_per_s as f64 / scale)}></span></span>
                                <span class="bar-value" data-testid="bytes-in">{ view::format_rate_bytes(b.bytes_in_per_s) }</span>
                                <span class="bar-label">{ t(lang, T::BytesOut) }</span>
                                <span class="bar"><span class="fill out" style={format!("--fill: {:.3}", b.bytes_out_per_s as f64 / scale)}></span></span>
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
                <p class="field-error" data-testid="acked-lost">{ crate::i18n::count(lang, Counted::AckedLost, vm.acked_records_lost as u64) }</p>
            }
            <p class="legend">{ t(lang, T::ReplicaLegend) }</p>
            <p class="note">{ t(lang, T::BrokersNote) }{ format!(" min.insync.replicas={}.", vm.min_insync_replicas) }</p>
        </section>
    }
}
