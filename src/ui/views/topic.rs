//! The topic: partition lanes (records, segments, markers) and key moves.

use super::*;

/// The partitions the log view shows: the focused object's (a partition, a consumer's or a
/// group's assignment), else every partition.
pub(super) fn log_partitions(m: &AppModel) -> Option<Vec<u32>> {
    use crate::app::Focus;
    let cvm = &m.consumers;
    let of_consumers = |pred: &dyn Fn(&view::ConsumerCardVm) -> bool| -> Vec<u32> {
        let mut v: Vec<u32> =
            cvm.consumers.iter().filter(|c| pred(c)).flat_map(|c| c.partitions.iter().map(|p| p.0)).collect();
        crate::util::order::sort(&mut v);
        v.dedup();
        v
    };
    match m.focus.as_ref()? {
        Focus::Partition(slot) => Some(vec![*slot]),
        Focus::Consumer(id) => Some(of_consumers(&|c| c.id == *id)).filter(|v| !v.is_empty()),
        Focus::Group(g) => Some(of_consumers(&|c| c.group == *g)).filter(|v| !v.is_empty()),
        _ => None,
    }
}

/// The log view: the lanes (records, segments, markers, the high watermark) of the partitions
/// in focus, one row each. Re-rendered only when something it draws changed.
pub(super) fn topic_svg(m: &AppModel) -> Html {
    let only = log_partitions(m);
    let cvm = &m.consumers;
    let shown = |p: u32| only.as_ref().is_none_or(|o| o.contains(&p));
    html! {
        <TopicLanes lanes={m.lanes.clone()} consumers={m.consumers.clone()} layout={m.layout} lang={m.lang}
            only={only.clone()} topic={m.snapshot.topic.clone()} partitions={m.snapshot.partitions.len()}
            arriving={m.lanes.iter().filter(|l| shown(l.partition)).map(|l| m.arriving_from(l.partition)).collect::<Vec<_>>()}
            deletions={m.deletions.iter().map(|d| (d.partition, d.from, d.to)).collect::<Vec<_>>()}
            resets={m.reset_flashes.iter().map(|f| {
                let gi = cvm.consumers.iter().find(|c| c.id == f.consumer).map_or(0, |c| c.group_index);
                (f.partition, f.from, f.to, gi)
            }).collect::<Vec<_>>()} />
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct TopicLanesProps {
    lanes: Rc<Vec<view::LaneVm>>,
    consumers: Rc<view::ConsumersVm>,
    layout: Layout,
    lang: Lang,
    /// The partitions in focus (all when `None`).
    only: Option<Vec<u32>>,
    topic: String,
    partitions: usize,
    /// Per lane shown, the first offset still in the air.
    arriving: Vec<u64>,
    /// (partition, from, to) just deleted by retention.
    deletions: Vec<(u32, u64, u64)>,
    /// (partition, from, to, group index) position resets just made.
    resets: Vec<(u32, Option<u64>, u64, usize)>,
}

#[function_component(TopicLanes)]
fn topic_lanes(p: &TopicLanesProps) -> Html {
    let lay: Layout = p.layout;
    let lanes: Vec<&view::LaneVm> =
        p.lanes.iter().filter(|l| p.only.as_ref().is_none_or(|o| o.contains(&l.partition))).collect();
    let cvm = &p.consumers;
    let height = lay.lane_y(lanes.len() as u32) + 4.0;
    html! {
        <div class="topic-stage">
        <svg class="topic" data-testid="topic" viewBox={format!("0 0 {} {}", lay.view_width, height)}
            role="img" aria-label={format!("{} {} · {}", t(p.lang, T::Topic), p.topic, crate::i18n::count(p.lang, Counted::Partitions, p.partitions as u64))}>
            { for lanes.iter().enumerate().map(|(row, lane)| {
                let markers: Vec<view::LaneMarker> = cvm.markers.iter().filter(|mk| mk.partition == lane.partition).cloned().collect();
                let dup: Vec<(u64, u64)> = cvm.groups.iter().flat_map(|g| g.duplicate_ranges.iter()).filter(|r| r.0 == lane.partition).map(|r| (r.1, r.2)).collect();
                let lost: Vec<(u64, u64)> = cvm.groups.iter().flat_map(|g| g.lost_ranges.iter()).filter(|r| r.0 == lane.partition).map(|r| (r.1, r.2)).collect();
                html! {
                    <LaneView key={lane.partition} row={row as u32} lane={(*lane).clone()} layout={lay} lang={p.lang}
                        arriving_from={p.arriving.get(row).copied().unwrap_or(u64::MAX)}
                        markers={markers} duplicates={dup} lost={lost}
                        deletions={p.deletions.iter().filter(|d| d.0 == lane.partition).map(|d| (d.1, d.2)).collect::<Vec<_>>()}
                        resets={p.resets.iter().filter(|f| f.0 == lane.partition).map(|f| (f.1, f.2, f.3)).collect::<Vec<_>>()} />
                }
            }) }
        </svg>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct LaneProps {
    /// Its row in the log view.
    pub(super) row: u32,
    pub(super) lane: view::LaneVm,
    pub(super) layout: Layout,
    pub(super) lang: Lang,
    pub(super) arriving_from: u64,
    #[prop_or_default]
    pub(super) markers: Vec<view::LaneMarker>,
    /// Offset ranges a group processed twice / never (drawn on the cells).
    #[prop_or_default]
    pub(super) duplicates: Vec<(u64, u64)>,
    #[prop_or_default]
    pub(super) lost: Vec<(u64, u64)>,
    /// Offset ranges retention just deleted (drawn fading out), as (from, to).
    #[prop_or_default]
    pub(super) deletions: Vec<(u64, u64)>,
    /// Position resets just made, as (from, to, group index): an arc over the lane.
    #[prop_or_default]
    pub(super) resets: Vec<(Option<u64>, u64, usize)>,
}

/// The cells in the order of their slots (`offset % cells`): a window of consecutive offsets
/// has each slot at most once, and the order stays the same as the window slides.
pub(super) fn slot_order(cells: &[view::CellVm], slots: usize) -> Vec<&view::CellVm> {
    let slots = slots.max(1) as u64;
    let mut v: Vec<&view::CellVm> = cells.iter().collect();
    crate::util::order::sort_by_key(&mut v, |c| c.offset % slots);
    v
}

/// One partition's log. Cells sit at fixed positions inside a group that slides left as the
/// log grows, so a new record changes one transform instead of every cell's coordinates.
#[function_component(LaneView)]
pub(super) fn lane_view(p: &LaneProps) -> Html {
    let lay = p.layout;
    let lane = &p.lane;
    let y = lay.lane_y(p.row);
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
            { lane_label(p, y, font) }
            { replicas_label(lane, &lay, y, p.lang) }
            <rect class="lane-bg" x={lay.lane_x.to_string()} y={y.to_string()} width={(lay.cells as f64 * cw).to_string()} height={lay.lane_height.to_string()} rx="4" />
            <g class="cells" transform={format!("translate({shift} {y})")}>
                // Offsets of the window below the log start offset: deleted by retention.
                <g class="deleted">
                if start > first {
                    <g class="deleted-area" data-testid="deleted-area">
                        <title>{ format!("{first}–{}: {}", start - 1, t(p.lang, T::DeletedByRetention)) }</title>
                        <rect x={at(first).to_string()} y="1" width={(at(start.min(window_end)) - at(first)).to_string()} height={(lay.lane_height - 2.0).to_string()} rx="3" />
                    </g>
                }
                </g>
                // Segments: outlined bands; the active one (last) is dashed. Each keyed list is
                // the only child of its own group, so Yew matches its keys (as siblings of other
                // lists, a new cell re-created every cell of the lane).
                <g class="segments">
                { for lane.segments.iter().enumerate().map(|(i, (b, e))| {
                    let active = i + 1 == lane.segments.len();
                    let e = (*e).max(*b);
                    html! {
                        <rect class={classes!("segment", active.then_some("active"))} key={*b} data-testid="segment"
                            x={(at(*b) + 0.5).to_string()} y="0.5" width={(at(e) - at(*b) - 1.0).max(2.0).to_string()} height={(lay.lane_height - 1.0).to_string()} rx="4" />
                    }
                }) }
                </g>
                // Keyed by slot (offset modulo the window), in slot order: when records arrive
                // faster than the window turns over (10,000 records/s), Yew updates the same
                // nodes in place instead of removing and creating every cell each frame.
                <g class="cell-list">
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
                </g>
                // Just deleted: the removed records fade and fall away (CSS animation on mount).
                <g class="ghosts">
                { for p.deletions.iter().filter(|(_, to)| *to > first).map(|(from, to)| {
                    let a = (*from).max(first);
                    html! {
                        <rect class="ghost" key={format!("d{from}")} data-testid="deletion" x={(at(a) + 1.0).to_string()} y="2"
                            width={(at(*to) - at(a) - 2.0).max(2.0).to_string()} height={(lay.lane_height - 4.0).to_string()} rx="3" />
                    }
                }) }
                </g>
            </g>
            // Every list and optional mark sits in its own group: the lane's children never
            // shift, so Yew never re-creates the lane when a marker or a reset label comes or goes.
            <g class="log-start-mark">
            if start > first && start < window_end && !lay.compact {
                <text class="log-start" x={(screen_x(start) - 3.0).to_string()} y={(y + lay.lane_height / 2.0 + 4.0).to_string()} text-anchor="end">
                    { format!("{} {start}", t(p.lang, T::LogStart)) }
                </text>
            }
            </g>
            <g class="resets">
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
            </g>
            <g class="markers">
            { for p.markers.iter().map(|mk| marker(mk, screen_x(mk.offset), y, lay.lane_height, start, p.lang)) }
            </g>
            <g class="hw-mark">
            if lane.high_watermark < lane.log_end_offset && lane.high_watermark >= first {
                <line class="hw" data-testid="hw" data-hw={lane.high_watermark.to_string()}
                    x1={screen_x(lane.high_watermark).to_string()} x2={screen_x(lane.high_watermark).to_string()}
                    y1={(y - 3.0).to_string()} y2={(y + lay.lane_height + 3.0).to_string()} />
            }
            </g>
            { leo_mark(lane, &lay, end_x, y, font) }
        </g>
    }
}

pub(super) fn key_moves(m: &AppModel) -> Html {
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

/// The lane's leader, replicas and ISR, beside its label.
fn replicas_label(lane: &view::LaneVm, lay: &Layout, y: f64, lang: Lang) -> Html {
    html! {
        <text class={classes!("lane-replicas", lane.leader.is_none().then_some("offline"), lane.reassigning.then_some("moving"))}
            x={(lay.lane_x - 6.0).to_string()} y={(y + lay.lane_height / 2.0 + 9.0).to_string()} text-anchor="end"
            data-testid="lane-replicas" data-leader={lane.leader.map_or(String::new(), |l| l.to_string())}
            data-replicas={lane.replicas.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")}
            data-isr={lane.isr.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")}>
            <title>{ crate::i18n::lane_replicas_title(lang, lane.leader, &lane.replicas, &lane.isr, lane.high_watermark) }</title>
            { match lane.leader {
                None => t(lang, T::OfflineWord).to_string(),
                Some(l) if lay.compact => format!("★{l}"),
                Some(l) if lane.reassigning => format!("★{l} [{}]", lane.replicas.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")),
                Some(l) => format!("★{l} ISR {}", lane.isr.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")),
            } }
        </text>
    }
}

/// A group's committed offset (▲, below the lane) or a consumer's position (▼, above), at
/// screen x `x` (offsets older than the drawn window sit at its left edge).
fn marker(mk: &view::LaneMarker, x: f64, y: f64, lane_height: f64, start: u64, lang: Lang) -> Html {
    let gcol = format!("--group: var(--group-{}); transform: translate({x:.1}px, {y}px)", mk.group_index % 4);
    let out_of_range = mk.offset < start;
    if mk.committed {
        html! {
            <g class={classes!("marker", "committed", out_of_range.then_some("out-of-range"))} key={format!("c{}", mk.label)} style={gcol}
                data-testid="committed-marker" data-offset={mk.offset.to_string()}>
                <title>{ crate::i18n::marker_title(lang, &mk.label, true, mk.offset) }</title>
                <path d={format!("M0 {} l-5 7 h10 z", lane_height)} />
            </g>
        }
    } else {
        html! {
            <g class="marker position" key={format!("p{}", mk.label)} style={gcol} data-testid="position-marker" data-offset={mk.offset.to_string()}>
                <title>{ crate::i18n::marker_title(lang, &mk.label, false, mk.offset) }</title>
                <path d="M0 0 l-5 -7 h10 z" />
            </g>
        }
    }
}

/// The lane's name, left of it.
fn lane_label(p: &LaneProps, y: f64, font: f64) -> Html {
    let (lay, lane) = (p.layout, &p.lane);
    html! {
        <text class="lane-label" x={(lay.lane_x - 6.0).to_string()} y={(y + lay.lane_height / 2.0 - 1.0).to_string()} text-anchor="end" font-size={font.to_string()}>
            { match &lane.label {
                Some(name) => name.clone(),
                None if lay.compact => format!("P{}", lane.partition),
                None => format!("{} {}", t(p.lang, T::Partition), lane.partition),
            } }
        </text>
    }
}

/// The log end offset: a line after the newest cell and its number.
fn leo_mark(lane: &view::LaneVm, lay: &Layout, end_x: f64, y: f64, font: f64) -> Html {
    html! {
        <g class="leo" transform={format!("translate({end_x} {y})")}>
            <line x1="1" y1="-2" x2="1" y2={(lay.lane_height + 2.0).to_string()} />
            <text x="5" y={(lay.lane_height / 2.0 + 4.0).to_string()} font-size={(font - 1.0).to_string()}>
                { if lay.compact { format!("{}", lane.log_end_offset) } else { format!("LEO {}", lane.log_end_offset) } }
            </text>
        </g>
    }
}
