//! The stage: producers → brokers (with their replicas) → consumer groups, as HTML boxes placed
//! by `view::stage_vm`, and the canvas the marks in flight between them are painted on
//! (`marks`). Every object is a button: it opens its inspector.

use super::*;
use crate::app::lessons::Spot;
use crate::app::Focus;
use crate::sim::cluster::BrokerState;
use view::{Rect, ReplicaRole};

/// `left/top/width/height` of a box in CSS pixels, relative to the box `within` it is drawn in.
fn place(r: &Rect, within: &Rect) -> String {
    format!("left:{:.1}px;top:{:.1}px;width:{:.1}px;height:{:.1}px;", r.x - within.x, r.y - within.y, r.w, r.h)
}

fn role_word(role: ReplicaRole) -> T {
    match role {
        ReplicaRole::Leader => T::RoleLeader,
        ReplicaRole::Follower => T::RoleFollower,
        ReplicaRole::Adding => T::RoleAdding,
        ReplicaRole::Removing => T::RoleRemoving,
    }
}

fn broker_state_word(s: BrokerState) -> T {
    match s {
        BrokerState::Running => T::BrokerRunning,
        BrokerState::Crashed => T::BrokerCrashed,
        BrokerState::Fenced => T::BrokerFenced,
    }
}

/// The whole stage: the health strip, the boxes (re-rendered only when what they show changes)
/// and the canvas the marks fly on.
pub(super) fn stage(m: &AppModel, dispatch: &Callback<Action>) -> Html {
    let st = &m.stage;
    let lang = m.lang;
    let h = st.health;
    let spots: &'static [Spot] = m.lesson.as_ref().map_or(&[], |l| l.current().spots);
    let height = st.height.max(1.0);
    html! {
        <section class="stage-wrap" aria-label={t(lang, T::StageLabel)} data-testid="stage-wrap">
            <p class="s-health" data-testid="stage-health">
                <span class={classes!((h.under_replicated > 0).then_some("bad"))}>{ format!("{} {}", t(lang, T::UnderReplicatedWord), h.under_replicated) }</span>
                <span class={classes!((h.offline > 0).then_some("bad"))}>{ format!("{} {}", t(lang, T::OfflineWord), h.offline) }</span>
                <span class={classes!((h.under_min_isr > 0).then_some("bad"))}>{ format!("{} {}", t(lang, T::UnderMinIsr), h.under_min_isr) }</span>
                <span class={classes!((h.reassigning > 0).then_some("busy"))}>{ format!("{} {}", t(lang, T::ReassigningWord), h.reassigning) }</span>
            </p>
            <div class="stage-holder" style={format!("width: {}px; height: {height}px;", st.width)}>
                <StageBoxes stage={m.stage.clone()} focus={m.focus.clone()} spots={spots} lang={lang}
                    topic={m.snapshot.topic.clone()} dispatch={dispatch.clone()} />
                <MarkLayer marks={marks(m, st)} width={st.width} height={height} theme={m.theme} />
            </div>
            if m.controls == crate::app::embed::Controls::Full {
                <p class="legend">{ t(lang, T::StageLegend) }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct StageProps {
    pub(super) stage: Rc<view::StageVm>,
    pub(super) focus: Option<Focus>,
    /// What the lesson step points at.
    pub(super) spots: &'static [Spot],
    pub(super) lang: Lang,
    /// The topic a producer writes when it names none.
    pub(super) topic: String,
    pub(super) dispatch: Callback<Action>,
}

/// The stage's boxes: producers, brokers with their replicas, groups with their members.
#[function_component(StageBoxes)]
pub(super) fn stage_boxes(p: &StageProps) -> Html {
    let st = &*p.stage;
    let lang = p.lang;
    let dispatch = &p.dispatch;
    let whole = Rect { x: 0.0, y: 0.0, w: st.width, h: st.height.max(1.0) };
    let focus = p.focus.clone();
    let focused = |f: &Focus| focus.as_ref() == Some(f);
    let open = |f: Focus| dispatch.reform(move |_| Action::Focus(Some(f.clone())));
    let spots = p.spots;
    let spot = |s: Spot| spots.contains(&s).then_some("spot");
    html! {
            <div class={classes!("stage", st.compact.then_some("compact"), (!spots.is_empty()).then_some("spotting"))} data-testid="stage"
                style={format!("width: {}px; height: {}px;", st.width, whole.h)}>
                { for st.producers.iter().map(|pr| {
                    let f = Focus::Producer(pr.id);
                    let topics = if pr.topics.is_empty() { p.topic.clone() } else { pr.topics.join(", ") };
                    html! {
                        <button key={format!("p{}", pr.id)} class={classes!("s-producer", pr.blocked.then_some("blocked"), focused(&f).then_some("on"), spot(Spot::Producers))}
                            style={format!("{} --accent: var(--producer-{});", place(&pr.at, &whole), (pr.id as usize + 3) % 4)}
                            data-testid="stage-producer" data-producer={pr.id.to_string()}
                            aria-label={format!("P{} {} → {topics}", pr.id, pr.client_id)} onclick={open(f)}>
                            <strong>{ format!("P{}", pr.id) }</strong>
                            if !st.compact { { " " }<small>{ format!("{} → {topics}", pr.client_id) }</small> }
                        </button>
                    }
                }) }
                { for st.brokers.iter().map(|b| broker_box(p, b, &whole)) }
                { for st.groups.iter().map(|g| {
                    let gf = Focus::Group(g.group.clone());
                    html! {
                        <div key={format!("g{}", g.group)} class={classes!("s-group", focused(&gf).then_some("on"), format!("st-{:?}", g.state),
                            (spots.contains(&Spot::Group) || spots.contains(&Spot::Members)).then_some("spot"), spot(Spot::Group).map(|_| "spot-box"))}
                            style={format!("{} --group: var(--group-{});", place(&g.at, &whole), g.index % 4)}
                            data-testid="stage-group" data-group={g.group.clone()} data-state={format!("{:?}", g.state)}>
                            <button class="s-group-head" onclick={open(gf)}
                                aria-label={format!("{} · {:?} ({} · {} {})", g.group, g.state, t(lang, T::Group), t(lang, T::Generation), g.generation)}>
                                <strong>{ g.group.clone() }</strong>{ format!(" · {:?}", g.state) }
                                if let Some(left) = g.expires_in_ms {
                                    <span class="s-expiry" data-testid="stage-expiry">
                                        { " ⏳ " }{ if left > 0 { format_sim_time(left) } else { t(lang, T::ExpiryDue).to_string() } }
                                    </span>
                                }
                            </button>
                            { for g.members.iter().map(|c| {
                                let cf = Focus::Consumer(c.consumer);
                                let names: Vec<&str> = c.partitions.iter().map(|(_, n)| n.as_str()).collect();
                                html! {
                                    <button key={c.consumer} class={classes!("s-member", focused(&cf).then_some("on"), format!("st-{:?}", c.state), spot(Spot::Members))}
                                        style={place(&c.at, &g.at)} data-testid="stage-member" data-consumer={c.consumer.to_string()} data-state={format!("{:?}", c.state)}
                                        aria-label={format!("C{} {} ({} · {})", c.consumer, if names.is_empty() { "-".to_string() } else { names.join(" ") }, c.client_id, consumers::state_text(lang, c.state))}
                                        onclick={open(cf)}>
                                        <strong>{ format!("C{}", c.consumer) }</strong>{ " " }
                                        <small>{ if names.is_empty() { "-".to_string() } else { names.join(" ") } }</small>
                                    </button>
                                }
                            }) }
                        </div>
                    }
                }) }
            </div>
    }
}

fn broker_box(p: &StageProps, b: &view::StageBroker, whole: &Rect) -> Html {
    let (lang, spots, dispatch) = (p.lang, p.spots, &p.dispatch);
    let id = b.id;
    let bf = Focus::Broker(id);
    let on = p.focus.as_ref() == Some(&bf);
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let d = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let data = e.data_transfer().and_then(|t| t.get_data("text/plain").ok()).unwrap_or_default();
            if let Some((slot, from)) = data.split_once(':').and_then(|(s, f)| Some((s.parse().ok()?, f.parse().ok()?)))
            {
                d.emit(Action::DraftMove { slot, from, to: id });
            }
        })
    };
    let state = t(lang, broker_state_word(b.state));
    html! {
        <div key={format!("b{id}")} class={classes!("s-broker", (b.state != BrokerState::Running).then_some("down"), on.then_some("on"),
                (spots.contains(&Spot::Brokers) || (spots.contains(&Spot::Offsets) && !b.offsets.is_empty())).then_some("spot"),
                spots.contains(&Spot::Brokers).then_some("spot-box"))}
            style={place(&b.at, whole)} data-testid="stage-broker" data-broker={id.to_string()} data-state={format!("{:?}", b.state)}
            {ondragover} {ondrop}>
            <button class="s-broker-head" data-testid="stage-broker-head" onclick={dispatch.reform(move |_| Action::Focus(Some(Focus::Broker(id))))}
                aria-label={format!("{} {id} · {state} · {} {} · {} {}", t(lang, T::BrokerWord), t(lang, T::Leaders), b.leaders, t(lang, T::ReplicasWord), b.replicas)}>
                <strong>{ format!("{} {id}", t(lang, T::BrokerWord)) }</strong>{ " " }
                <span class="tag">{ state }</span>
            </button>
            { for b.chips.iter().map(|c| {
                let (slot, leads) = (c.slot, c.leads);
                let class = match c.role { ReplicaRole::Leader => "leader", ReplicaRole::Follower => "follower", ReplicaRole::Adding => "adding", ReplicaRole::Removing => "removing" };
                let pf = Focus::Partition(slot);
                let ondragstart = Callback::from(move |e: DragEvent| {
                    if let Some(t) = e.data_transfer() {
                        let _ = t.set_data("text/plain", &format!("{slot}:{id}"));
                    }
                });
                html! {
                    <button key={format!("c{slot}")} class={classes!("s-chip", class, leads.then_some("leads"), (!c.in_isr).then_some("out-of-isr"),
                            (p.focus.as_ref() == Some(&pf)).then_some("on"))}
                        style={format!("{} --t: var(--topic-{}); --progress: {:.3};", place(&c.at, &b.at), c.topic_index % 4, c.progress)}
                        draggable="true" {ondragstart}
                        data-testid="stage-chip" data-slot={slot.to_string()} data-broker={id.to_string()} data-role={class}
                        data-isr={c.in_isr.to_string()}
                        aria-label={format!("{} · {} {id} · {}{} · LEO {}", c.name, t(lang, T::BrokerWord), t(lang, role_word(c.role)),
                            if leads && c.role == ReplicaRole::Removing { format!(", {}", t(lang, T::RoleLeader)) } else { String::new() },
                            c.leo)}
                        title={format!("{} · {} · {}", c.name, t(lang, role_word(c.role)), t(lang, if c.in_isr { T::InIsr } else { T::OutOfIsr }))}
                        onclick={dispatch.reform(move |_| Action::Focus(Some(Focus::Partition(slot))))}>
                        { if leads { format!("★{}", c.number) } else { c.number.to_string() } }
                    </button>
                }
            }) }
            if !p.stage.compact {
                <span class="s-load">{ format!("{} {} · {} {}", t(lang, T::BytesIn), view::format_rate_bytes(b.bytes_in_per_s), t(lang, T::BytesOut), view::format_rate_bytes(b.bytes_out_per_s)) }</span>
            }
            if b.more > 0 {
                <span class="s-more" style={place(&b.more_at, &b.at)} data-testid="stage-more" title={format!("+{} {}", b.more, t(lang, T::MoreReplicas))}>
                    { format!("+{}", b.more) }
                </span>
            }
            { for b.offsets.iter().map(|o| html! {
                <span key={format!("o{}", o.partition)} class={classes!("s-offsets", spots.contains(&Spot::Offsets).then_some("spot"))} style={format!("{} --group: var(--group-{});", place(&o.at, &b.at), o.groups.first().copied().unwrap_or(0) % 4)}
                    data-testid="stage-offsets" data-partition={o.partition.to_string()} title={format!("__consumer_offsets-{}", o.partition)}>
                    { format!("◆{}", o.partition) }
                </span>
            }) }
        </div>
    }
}
