//! The stage: the cluster as one picture, laid out so data flows one way (producers → brokers
//! → consumer groups). Every object has a box in stage units (one unit is about one CSS pixel:
//! the stage's box is measured and laid out in CSS pixels, rounded down to `STAGE_WIDTH_STEP`),
//! so marks in flight can be aimed at them without reading the page's layout.

use super::*;
use crate::sim::cluster::BrokerState;

/// Stage units are rounded to this (the layout changes only when the width crosses a step).
pub const STAGE_WIDTH_STEP: f64 = 8.0;
/// Under this width the stage stacks: producers on top, brokers, groups at the bottom.
pub const STAGE_COMPACT_BELOW: f64 = 600.0;
/// Most replica chips drawn in one broker; the rest are counted in one glyph (`+n`).
pub const CHIPS_PER_BROKER_MAX: usize = 24;

/// The widest a broker's box is drawn.
pub const BOX_W_MAX: f64 = 320.0;

/// A box in stage units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// A producer on the stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageProducer {
    pub id: u32,
    pub client_id: String,
    /// The topics it writes (empty: the first topic).
    pub topics: Vec<String>,
    pub blocked: bool,
    pub buffered: u64,
    pub at: Rect,
}

/// A replica of a partition on a broker.
#[derive(Debug, Clone, PartialEq)]
pub struct StageChip {
    pub slot: u32,
    /// Kafka's name (`orders-2`).
    pub name: String,
    /// The partition number within its topic.
    pub number: u32,
    /// Index of its topic (its colour).
    pub topic_index: usize,
    pub role: ReplicaRole,
    pub in_isr: bool,
    pub leads: bool,
    /// How much of the leader's log it has (0..=1).
    pub progress: f64,
    pub leo: u64,
    pub at: Rect,
}

/// A `__consumer_offsets` partition on its leader (the coordinator of the groups it holds).
#[derive(Debug, Clone, PartialEq)]
pub struct StageOffsets {
    pub partition: u32,
    /// Indices of the groups whose coordinator it is.
    pub groups: Vec<usize>,
    pub at: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageBroker {
    pub id: i32,
    pub state: BrokerState,
    pub bytes_in_per_s: u64,
    pub bytes_out_per_s: u64,
    pub leaders: u32,
    pub replicas: u32,
    pub throttle: Option<u64>,
    pub chips: Vec<StageChip>,
    /// Replicas not drawn as chips (crowded), counted exactly.
    pub more: u32,
    pub more_at: Rect,
    pub offsets: Vec<StageOffsets>,
    pub at: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageMember {
    pub consumer: u32,
    pub client_id: String,
    pub state: crate::sim::consumer::ConsumerState,
    /// Assigned partitions: (slot, Kafka's name).
    pub partitions: Vec<(u32, String)>,
    pub at: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageGroup {
    pub group: String,
    pub index: usize,
    pub state: crate::sim::consumer::GroupState,
    pub generation: i32,
    pub offsets_partition: u32,
    /// Empty with committed offsets: simulated ms until they expire (0: at the next check).
    pub expires_in_ms: Option<u64>,
    pub members: Vec<StageMember>,
    pub at: Rect,
}

/// What the exceptions strip counts (Cruise Control's and Kafka UI's "bad ones first").
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StageHealth {
    pub under_replicated: u32,
    pub offline: u32,
    pub under_min_isr: u32,
    pub reassigning: u32,
}

/// The whole stage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageVm {
    pub width: f64,
    pub height: f64,
    pub compact: bool,
    pub producers: Vec<StageProducer>,
    pub brokers: Vec<StageBroker>,
    pub groups: Vec<StageGroup>,
    pub health: StageHealth,
    /// Topic names, by topic index (for the legend).
    pub topics: Vec<String>,
    /// Each slot's leader (`None`: offline).
    pub leaders: Vec<Option<i32>>,
}

impl StageVm {
    pub fn producer(&self, id: u32) -> Option<&StageProducer> {
        self.producers.iter().find(|p| p.id == id)
    }

    pub fn chip(&self, slot: u32, broker: i32) -> Option<&StageChip> {
        self.brokers.iter().find(|b| b.id == broker)?.chips.iter().find(|c| c.slot == slot)
    }

    /// Where a partition's leader is drawn (its chip, or its broker's `+n` glyph when crowded
    /// out).
    pub fn leader_at(&self, slot: u32) -> Option<Rect> {
        self.replica_at(slot, self.leaders.get(slot as usize).copied().flatten()?)
    }

    /// Where the replica of `slot` on `broker` is drawn.
    pub fn replica_at(&self, slot: u32, broker: i32) -> Option<Rect> {
        let b = self.brokers.iter().find(|b| b.id == broker)?;
        b.chips.iter().find(|c| c.slot == slot).map(|c| c.at).or((b.more > 0).then_some(b.more_at))
    }

    pub fn member(&self, consumer: u32) -> Option<(&StageGroup, &StageMember)> {
        self.groups.iter().find_map(|g| g.members.iter().find(|m| m.consumer == consumer).map(|m| (g, m)))
    }

    /// The `__consumer_offsets` chip of a group (on its coordinator).
    pub fn offsets_at(&self, group: &str) -> Option<Rect> {
        let g = self.groups.iter().find(|g| g.group == group)?;
        self.brokers.iter().flat_map(|b| b.offsets.iter()).find(|o| o.partition == g.offsets_partition).map(|o| o.at)
    }
}

/// Inputs the stage is drawn from (already computed for the panels).
pub struct StageInputs<'a> {
    pub snapshot: &'a Snapshot,
    pub brokers: &'a BrokersVm,
    pub consumers: &'a ConsumersVm,
    /// Stage width in units (about CSS pixels).
    pub width: f64,
}

/// The stage's width for a page or embed `px` wide: rounded down to `STAGE_WIDTH_STEP`, at
/// least 320.
pub fn stage_width(px: f64) -> f64 {
    ((px.max(320.0) / STAGE_WIDTH_STEP).floor() * STAGE_WIDTH_STEP).min(1600.0)
}

struct Metrics {
    chip_w: f64,
    chip_h: f64,
    gap: f64,
    head: f64,
    pad: f64,
}

pub fn stage_vm(inp: &StageInputs) -> StageVm {
    let width = inp.width.max(320.0);
    let compact = width < STAGE_COMPACT_BELOW;
    let m = if compact {
        Metrics { chip_w: 26.0, chip_h: 18.0, gap: 3.0, head: 20.0, pad: 5.0 }
    } else {
        Metrics { chip_w: 40.0, chip_h: 22.0, gap: 4.0, head: 26.0, pad: 8.0 }
    };
    let snap = inp.snapshot;
    let topics: Vec<String> = snap.topics.iter().map(|t| t.name.clone()).collect();
    // Columns: producers | brokers | groups (wide); rows of the same (compact).
    let (prod_w, group_w, lane_gap) = if compact {
        (0.0, 0.0, 0.0)
    } else {
        ((width * 0.11).clamp(92.0, 140.0), (width * 0.17).clamp(140.0, 220.0), 44.0)
    };
    let brokers_x = if compact { 0.0 } else { prod_w + lane_gap };
    let brokers_w = if compact { width } else { width - prod_w - group_w - 2.0 * lane_gap };
    let n = inp.brokers.brokers.len().max(1);
    let min_box = if compact { 104.0 } else { 150.0 };
    let max_cols = (((brokers_w + 10.0) / (min_box + 10.0)).floor() as usize).clamp(1, 6);
    let rows = n.div_ceil(max_cols.min(n));
    let cols = n.div_ceil(rows);
    let box_gap = if compact { 6.0 } else { 10.0 };
    // Boxes at most `BOX_W_MAX` wide, the grid centred between producers and groups.
    let box_w = ((brokers_w - box_gap * (cols as f64 - 1.0)) / cols as f64).min(BOX_W_MAX);
    let grid_w = box_w * cols as f64 + box_gap * (cols as f64 - 1.0);
    let brokers_x = brokers_x + (brokers_w - grid_w) / 2.0;
    let per_row = (((box_w - 2.0 * m.pad + m.gap) / (m.chip_w + m.gap)).floor() as usize).max(1);
    // Every box in a row is as tall as the fullest one.
    let slots_needed = |b: &BrokerCardVm| b.chips.len().min(CHIPS_PER_BROKER_MAX) + b.coordinator_for.len();
    let chip_rows = inp.brokers.brokers.iter().map(|b| slots_needed(b).div_ceil(per_row)).max().unwrap_or(0).max(1);
    let box_h = m.head + chip_rows as f64 * (m.chip_h + m.gap) + m.pad + if compact { 0.0 } else { 14.0 };

    let (producers, prod_card_h, prod_per_row) = producers(snap, compact, width, prod_w);
    let prod_rows = if compact { snap.producers.len().div_ceil(prod_per_row) } else { 0 };
    let brokers_y = if compact && prod_rows > 0 { prod_rows as f64 * (prod_card_h + 6.0) + 30.0 } else { 0.0 };

    // Brokers and their chips.
    let mut brokers = Vec::with_capacity(n);
    for (i, b) in inp.brokers.brokers.iter().enumerate() {
        let (r, c) = (i / cols, i % cols);
        let at = Rect {
            x: brokers_x + c as f64 * (box_w + box_gap),
            y: brokers_y + r as f64 * (box_h + box_gap),
            w: box_w,
            h: box_h,
        };
        brokers.push(broker_box(b, at, &m, per_row, snap, inp.consumers));
    }
    let brokers_h = rows as f64 * (box_h + box_gap) - box_gap;

    let groups_top = if compact { brokers_y + brokers_h + 30.0 } else { 0.0 };
    let groups = groups(inp.consumers, compact, width, group_w, groups_top);
    let groups_bottom = groups.last().map_or(0.0, |g| g.at.y + g.at.h);
    let producers_bottom = producers.last().map_or(0.0, |p| p.at.y + p.at.h);
    let height = (brokers_y + brokers_h).max(groups_bottom).max(producers_bottom).ceil() + 2.0;
    let leaders = snap.partitions.iter().map(|p| p.replication.leader).collect();
    StageVm {
        width,
        height,
        compact,
        producers,
        brokers,
        groups,
        health: health(snap, inp.brokers.min_insync_replicas),
        topics,
        leaders,
    }
}

/// The exceptions strip's counts.
fn health(snap: &Snapshot, min_insync_replicas: u16) -> StageHealth {
    let mut health = StageHealth::default();
    for p in &snap.partitions {
        let r = &p.replication;
        if r.leader.is_none() {
            health.offline += 1;
        }
        if r.isr.len() < r.replicas.len() {
            health.under_replicated += 1;
        }
        if (r.isr.len() as u16) < min_insync_replicas {
            health.under_min_isr += 1;
        }
        if r.target.is_some() {
            health.reassigning += 1;
        }
    }
    health
}

/// The groups' boxes and their members: a column on the right (wide) or rows at the bottom.
fn groups(consumers: &ConsumersVm, compact: bool, width: f64, group_w: f64, top: f64) -> Vec<StageGroup> {
    let member_h = if compact { 22.0 } else { 30.0 };
    let (group_x, group_w_drawn, mut group_y) =
        if compact { (0.0, width, top) } else { (width - group_w, group_w, top) };
    let mut groups = Vec::with_capacity(consumers.groups.len());
    for g in &consumers.groups {
        let members: Vec<&ConsumerCardVm> = consumers.consumers.iter().filter(|c| c.group == g.group).collect();
        let h = 22.0 + members.len().max(1) as f64 * (member_h + 4.0) + 4.0;
        let at = Rect { x: group_x, y: group_y, w: group_w_drawn, h };
        let members = members
            .iter()
            .enumerate()
            .map(|(k, c)| StageMember {
                consumer: c.id,
                client_id: c.client_id.clone(),
                state: c.state,
                partitions: c.partitions.iter().zip(&c.partition_names).map(|((s, ..), n)| (*s, n.clone())).collect(),
                at: Rect { x: at.x + 6.0, y: at.y + 22.0 + k as f64 * (member_h + 4.0), w: at.w - 12.0, h: member_h },
            })
            .collect();
        groups.push(StageGroup {
            group: g.group.clone(),
            index: g.index,
            state: g.state,
            generation: g.generation,
            offsets_partition: g.offsets_partition,
            expires_in_ms: g.expires_in_ms,
            members,
            at,
        });
        group_y += h + 10.0;
    }
    groups
}

/// The producers' cards: a column on the left (wide) or rows on top (compact). Returns the
/// cards, their height and how many fit in a row.
fn producers(snap: &Snapshot, compact: bool, width: f64, prod_w: f64) -> (Vec<StageProducer>, f64, usize) {
    let prod_card_h = if compact { 28.0 } else { 44.0 };
    let mut producers: Vec<StageProducer> = Vec::with_capacity(snap.producers.len());
    let prod_per_row = if compact { ((width + 6.0) / 96.0).floor().max(1.0) as usize } else { 1 };
    for (i, p) in snap.producers.iter().enumerate() {
        let at = if compact {
            let (r, c) = (i / prod_per_row, i % prod_per_row);
            Rect { x: c as f64 * 96.0, y: r as f64 * (prod_card_h + 6.0), w: 90.0, h: prod_card_h }
        } else {
            Rect { x: 0.0, y: i as f64 * (prod_card_h + 10.0), w: prod_w, h: prod_card_h }
        };
        producers.push(StageProducer {
            id: p.id,
            client_id: p.spec.client_id.clone(),
            topics: p.spec.topics.iter().map(|t| t.topic.clone()).collect(),
            blocked: p.blocked,
            buffered: p.records_buffered,
            at,
        });
    }
    (producers, prod_card_h, prod_per_row)
}

/// A slot's topic index, partition number and Kafka name.
fn owner(snap: &Snapshot, slot: u32) -> (usize, u32, String) {
    snap.topics
        .iter()
        .enumerate()
        .find_map(|(ti, t)| t.slots.iter().position(|s| *s == slot).map(|i| (ti, i as u32, format!("{}-{i}", t.name))))
        .unwrap_or((0, slot, format!("{}-{slot}", snap.topic)))
}

/// One broker's box at `at`: its replica chips in fixed slots (`per_row` to a row), the `+n`
/// glyph when crowded, then its `__consumer_offsets` partitions.
fn broker_box(
    b: &BrokerCardVm,
    at: Rect,
    m: &Metrics,
    per_row: usize,
    snap: &Snapshot,
    consumers: &ConsumersVm,
) -> StageBroker {
    let cell = |k: usize| Rect {
        x: at.x + m.pad + (k % per_row) as f64 * (m.chip_w + m.gap),
        y: at.y + m.head + (k / per_row) as f64 * (m.chip_h + m.gap),
        w: m.chip_w,
        h: m.chip_h,
    };
    let shown = if b.chips.len() > CHIPS_PER_BROKER_MAX { CHIPS_PER_BROKER_MAX - 1 } else { b.chips.len() };
    let chips: Vec<StageChip> = b.chips[..shown]
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let (topic_index, number, name) = owner(snap, c.partition);
            StageChip {
                slot: c.partition,
                name,
                number,
                topic_index,
                role: c.role,
                in_isr: c.in_isr,
                leads: c.leads,
                progress: c.progress,
                leo: c.leo,
                at: cell(k),
            }
        })
        .collect();
    let more = (b.chips.len() - shown) as u32;
    let offsets = b
        .coordinator_for
        .iter()
        .enumerate()
        .map(|(k, p)| StageOffsets {
            partition: *p,
            groups: consumers.groups.iter().filter(|g| g.offsets_partition == *p).map(|g| g.index).collect(),
            at: cell(shown + usize::from(more > 0) + k),
        })
        .collect();
    StageBroker {
        id: b.id,
        state: b.state,
        bytes_in_per_s: b.bytes_in_per_s,
        bytes_out_per_s: b.bytes_out_per_s,
        leaders: b.leaders,
        replicas: b.replicas,
        throttle: b.throttle,
        more_at: cell(shown),
        chips,
        more,
        offsets,
        at,
    }
}
