//! Consumers and groups: the consumers drawing, consumer cards, the groups' describe tables.

use super::*;
use crate::i18n::ConsumerSetting;
use crate::sim::consumer::CommitStrategy;
use crate::sim::group::assignor::Strategy;

#[derive(Properties, PartialEq)]
pub(super) struct ConsumersProps {
    pub(super) consumers: Rc<view::ConsumersVm>,
    pub(super) lang: Lang,
    pub(super) dispatch: Callback<Action>,
}

pub(super) fn state_text(lang: Lang, s: crate::sim::consumer::ConsumerState) -> &'static str {
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

pub(super) fn commit_text(lang: Lang, c: crate::sim::consumer::CommitStrategy) -> &'static str {
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
pub(super) fn consumers_panel(p: &ConsumersProps) -> Html {
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
    let help = |s: ConsumerSetting| html! { <small class="help">{ crate::i18n::setting_help(lang, s) }</small> };
    let field = |setting: ConsumerSetting, testid: &'static str, value: &String, on: Callback<InputEvent>| {
        html! {
            <label><span><code>{ setting.name() }</code></span>
                <input class="num" data-testid={testid} inputmode="numeric" value={value.clone()} oninput={on} />
                { help(setting) }</label>
        }
    };
    let f = &*form;
    html! {
        <section class="panel consumers-panel" aria-labelledby="consumers-h">
            <h2 id="consumers-h">{ t(lang, T::Consumers) }</h2>
            <form class="consumer-add" onsubmit={onsubmit}>
                <label><span><code>{ "group.id" }</code></span>
                    <input data-testid="consumer-group" value={f.group_id.clone()} oninput={text(|f, v| f.group_id = v)} spellcheck="false" />
                    { help(ConsumerSetting::GroupId) }</label>
                <label><span>{ t(lang, T::CommitStrategyLabel) }</span>
                    <select data-testid="consumer-commit" onchange={choice(|f, v| if let Some(c) = CommitStrategy::from_name(&v) { f.commit = c })}>
                        { for CommitStrategy::ALL.iter().map(|c| html! {
                            <option value={c.name()} selected={f.commit == *c}>{ commit_text(lang, *c) }</option>
                        }) }
                    </select>{ help(ConsumerSetting::Commit) }</label>
                <details class="consumer-settings">
                    <summary>{ t(lang, T::MoreSettings) }</summary>
                    <label><span><code>{ "group.instance.id" }</code></span>
                        <input data-testid="consumer-instance" value={f.group_instance_id.clone()} oninput={text(|f, v| f.group_instance_id = v)} spellcheck="false" />
                        { help(ConsumerSetting::GroupInstanceId) }</label>
                    <label><span><code>{ "partition.assignment.strategy" }</code></span>
                        <select data-testid="consumer-assignor" onchange={choice(|f, v| if let Some(a) = Strategy::parse(&v) { f.assignor = a })}>
                            { for Strategy::ALL.iter().map(|a| html! {
                                <option value={a.name()} selected={f.assignor == *a}>{ a.name() }</option>
                            }) }
                        </select>{ help(ConsumerSetting::PartitionAssignmentStrategy) }</label>
                    <label><span><code>{ "auto.offset.reset" }</code></span>
                        <select data-testid="consumer-reset" onchange={choice(|f, v| f.auto_offset_reset = v)}>
                            { for ["latest", "earliest", "none", "by_duration"].iter().map(|a| html! {
                                <option value={*a} selected={f.auto_offset_reset == *a}>{ *a }</option>
                            }) }
                        </select>{ help(ConsumerSetting::AutoOffsetReset) }</label>
                    if f.auto_offset_reset == "by_duration" {
                        <label><span>{ t(lang, T::ResetDuration) }</span>
                            <input data-testid="consumer-reset-duration" value={f.reset_duration.clone()} oninput={text(|f, v| f.reset_duration = v)} spellcheck="false" />
                        </label>
                    }
                    { field(ConsumerSetting::AutoCommitIntervalMs, "consumer-auto-commit-interval", &f.auto_commit_interval_ms, text(|f, v| f.auto_commit_interval_ms = v)) }
                    <label><span>{ "pause() / resume() " }{ t(lang, T::HighLow) }</span>
                        <span class="pair">
                            <input class="num" data-testid="consumer-pause-high" inputmode="numeric" placeholder="-" value={f.pause_high.clone()} oninput={text(|f, v| f.pause_high = v)} />
                            <input class="num" data-testid="consumer-pause-low" inputmode="numeric" placeholder="-" value={f.pause_low.clone()} oninput={text(|f, v| f.pause_low = v)} />
                        </span>
                        { help(ConsumerSetting::PauseResume) }</label>
                    { field(ConsumerSetting::FetchMinBytes, "consumer-fetch-min-bytes", &f.fetch_min_bytes, text(|f, v| f.fetch_min_bytes = v)) }
                    { field(ConsumerSetting::FetchMaxWaitMs, "consumer-fetch-max-wait", &f.fetch_max_wait_ms, text(|f, v| f.fetch_max_wait_ms = v)) }
                    { field(ConsumerSetting::FetchMaxBytes, "consumer-fetch-max-bytes", &f.fetch_max_bytes, text(|f, v| f.fetch_max_bytes = v)) }
                    { field(ConsumerSetting::MaxPartitionFetchBytes, "consumer-partition-fetch-bytes", &f.max_partition_fetch_bytes, text(|f, v| f.max_partition_fetch_bytes = v)) }
                    { field(ConsumerSetting::MaxPollRecords, "consumer-max-poll-records", &f.max_poll_records, text(|f, v| f.max_poll_records = v)) }
                    { field(ConsumerSetting::MaxPollIntervalMs, "consumer-max-poll-interval", &f.max_poll_interval_ms, text(|f, v| f.max_poll_interval_ms = v)) }
                    { field(ConsumerSetting::SessionTimeoutMs, "consumer-session-timeout", &f.session_timeout_ms, text(|f, v| f.session_timeout_ms = v)) }
                    { field(ConsumerSetting::HeartbeatIntervalMs, "consumer-heartbeat", &f.heartbeat_interval_ms, text(|f, v| f.heartbeat_interval_ms = v)) }
                    <label><span><code>{ "processing.ms" }</code>{ " " }{ t(lang, T::MinMax) }</span>
                        <span class="pair">
                            <input class="num" data-testid="consumer-processing-min" inputmode="numeric" value={f.processing_ms_min.clone()} oninput={text(|f, v| f.processing_ms_min = v)} />
                            <input class="num" data-testid="consumer-processing-max" inputmode="numeric" value={f.processing_ms_max.clone()} oninput={text(|f, v| f.processing_ms_max = v)} />
                        </span>
                        { help(ConsumerSetting::ProcessingMs) }</label>
                </details>
                <button class="button" type="submit" data-testid="add-consumer">{ "+ " }{ t(lang, T::AddConsumer) }</button>
            </form>
            if p.consumers.consumers.is_empty() {
                <p class="muted">{ t(lang, T::NoConsumers) }</p>
            }
            <ul class="consumer-list">
                { for p.consumers.consumers.iter().map(|c| consumer_card(lang, c, &p.dispatch)) }
            </ul>
            <p class="note">{ t(lang, T::SessionNote) }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct GroupsProps {
    pub(super) consumers: Rc<view::ConsumersVm>,
    pub(super) lang: Lang,
}

#[function_component(GroupsPanel)]
pub(super) fn groups_panel(p: &GroupsProps) -> Html {
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
                    <div class="table-wrap" tabindex="0" role="region" aria-label={format!("kafka-consumer-groups.sh --describe --group {}", g.group)}>
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
                        { format!("{} · ", crate::i18n::count(lang, Counted::Processed, g.processed)) }
                        <span class={classes!((g.duplicates > 0).then_some("warn"))} data-testid="duplicates">{ crate::i18n::count(lang, Counted::Duplicates, g.duplicates) }</span>
                        { " · " }
                        <span class={classes!((g.lost > 0).then_some("warn"))} data-testid="lost">{ crate::i18n::count(lang, Counted::Lost, g.lost) }</span>
                        <p class="muted">{ t(lang, match g.guarantee { view::Guarantee::AtLeastOnce => T::AtLeastOnce, view::Guarantee::AtMostOnce => T::AtMostOnce, view::Guarantee::NoGuarantee => T::NoGuarantee }) }</p>
                    </div>
                    <details class="offsets-details" open=true>
                        <summary>{ format!("{} · __consumer_offsets-{} ({})", t(lang, T::OffsetsTopicTitle), g.offsets_partition, crate::i18n::count(lang, Counted::Records, g.offsets_log_end)) }</summary>
                        <p class="muted">{ t(lang, T::CompactionNote) }</p>
                        <ol class="mono offsets-log" data-testid="offsets-log" tabindex="0">
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

/// One consumer's card: state, assignment, positions and commits, and its actions.
fn consumer_card(lang: Lang, c: &view::ConsumerCardVm, dispatch: &Callback<Action>) -> Html {
    use crate::sim::consumer::ConsumerState as S;
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
            <p class="muted">{ format!("{} · {}", c.group, commit_text(lang, c.commit)) }
                if !c.subscription.is_empty() { { format!(" · subscribe({})", c.subscription) } }
            </p>
            <dl class="stats">
                <div><dt>{ t(lang, T::Assigned) }</dt><dd data-testid="consumer-partitions">{
                    if c.partitions.is_empty() { "-".to_string() } else { c.partition_names.join(",") }
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
                    onclick={dispatch.reform(move |_| Action::CrashConsumer(id))}>{ t(lang, T::Crash) }</button>
                <button class="button small" data-testid="close-consumer" disabled={down}
                    onclick={dispatch.reform(move |_| Action::CloseConsumer(id))}>{ t(lang, T::CloseConsumer) }</button>
                <button class="button small" data-testid="restart-consumer" disabled={!down}
                    onclick={dispatch.reform(move |_| Action::RestartConsumer(id))}>{ t(lang, T::Restart) }</button>
            </div>
        </li>
    }
}
