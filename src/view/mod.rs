//! Pure functions from snapshots and form text to what the UI draws. No browser imports;
//! tested natively.

use serde::Serialize;

use crate::i18n::{Field, FieldError, FieldProblem};
use crate::sim::config::{self, PARTITIONS_MAX, RATE_RECORDS_PER_S_MAX};
use crate::sim::log::RecordMeta;
use crate::sim::murmur2;
use crate::sim::record::Key;
use crate::sim::Snapshot;

/// Okabe-Ito colour-blind-safe palette size; CSS defines `--key-0` .. `--key-7`.
pub const KEY_COLOURS: u32 = 8;

/// Playback speeds offered, x real time.
pub const SPEEDS: [f64; 9] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0];

/// Most records flying at once; above this, flights are drawn as bundles.
pub const FLIGHTS_MAX: usize = 48;

/// Most event lines kept on the page.
pub const EVENT_LOG_MAX: usize = 60;

/// The colour slot of a key (stable for a key, whatever the partition count).
pub fn key_colour(key: &Key) -> u32 {
    murmur2::to_positive(murmur2::murmur2(key.as_bytes())) % KEY_COLOURS
}

/// A short label drawn in a cell: the key's last characters (e.g. `7` for `user-7`).
pub fn key_label(key: &Key) -> String {
    let text = key.display();
    if let Some(rest) = text.strip_prefix("user-") {
        return rest.chars().take(3).collect();
    }
    if let Some(rest) = text.strip_prefix("key-") {
        return rest.chars().take(2).collect();
    }
    text.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect()
}

/// One drawn log cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellVm {
    pub offset: u64,
    /// The key as text (`""` for no key).
    pub key: String,
    /// `None` for a record without a key (drawn hollow).
    pub colour: Option<u32>,
    pub label: String,
    pub title: String,
}

/// One partition lane.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneVm {
    pub partition: u32,
    pub log_start_offset: u64,
    pub log_end_offset: u64,
    /// The first offset of the drawn window (`log_end_offset − cells`, or 0): cells sit at
    /// `offset − window_start`; offsets below `log_start_offset` in the window were deleted.
    pub window_start: u64,
    pub cells: Vec<CellVm>,
    /// Segments overlapping the window as (base offset, end offset), oldest first, clipped
    /// to the window; the last is the active segment.
    pub segments: Vec<(u64, u64)>,
    /// Segments in the whole log.
    pub segment_count: usize,
    pub leader: Option<i32>,
    pub replicas: Vec<i32>,
    pub isr: Vec<i32>,
    pub high_watermark: u64,
    pub reassigning: bool,
}

impl LaneVm {
    /// Offsets from the window start to the log end (where the next record lands).
    pub fn filled(&self) -> usize {
        (self.log_end_offset - self.window_start) as usize
    }
}

/// Lanes for drawing, with at most `cells` of the newest records per lane.
pub fn lanes(snapshot: &Snapshot, cells: usize, lang: crate::i18n::Lang) -> Vec<LaneVm> {
    snapshot
        .partitions
        .iter()
        .map(|p| {
            let window_start = p.log_end_offset.saturating_sub(cells as u64);
            LaneVm {
                partition: p.partition,
                log_start_offset: p.log_start_offset,
                log_end_offset: p.log_end_offset,
                window_start,
                cells: p.recent.iter().filter(|r| r.offset >= window_start).map(|r| cell(r, lang)).collect(),
                segments: p
                    .segments
                    .iter()
                    .filter(|s| s.end_offset > window_start || s.end_offset == p.log_end_offset)
                    .map(|s| (s.base_offset.max(window_start), s.end_offset))
                    .collect(),
                segment_count: p.segment_count,
                leader: p.replication.leader,
                replicas: p.replication.replicas.clone(),
                isr: p.replication.isr.clone(),
                high_watermark: p.replication.high_watermark,
                reassigning: p.replication.target.is_some(),
            }
        })
        .collect()
}

fn cell(r: &RecordMeta, lang: crate::i18n::Lang) -> CellVm {
    match &r.key {
        Some(k) => CellVm {
            offset: r.offset,
            key: k.display(),
            colour: Some(key_colour(k)),
            label: key_label(k),
            title: crate::i18n::record_title(lang, r.offset, Some(&k.display()), r.value_bytes, r.timestamp_ms),
        },
        None => CellVm {
            offset: r.offset,
            key: String::new(),
            colour: None,
            label: String::new(),
            title: crate::i18n::record_title(lang, r.offset, None, r.value_bytes, r.timestamp_ms),
        },
    }
}

/// Geometry of the topic diagram for a container width in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Layout {
    pub view_width: f64,
    pub lane_height: f64,
    pub lane_gap: f64,
    pub producer_x: f64,
    pub lane_x: f64,
    pub cell_width: f64,
    pub cells: usize,
    pub compact: bool,
}

impl Layout {
    pub fn for_width(width_px: f64) -> Self {
        let compact = width_px < 640.0;
        let view_width: f64 = if compact { 360.0 } else { 1000.0 };
        let lane_x = if compact { 84.0 } else { 190.0 };
        let cell_width = if compact { 20.0 } else { 30.0 };
        // Room after the cells for the log-end-offset label and the consumers column.
        let marker_space = if compact { 40.0 + 56.0 } else { 80.0 + 130.0 };
        let cells = ((view_width - lane_x - marker_space) / cell_width).floor().max(4.0) as usize;
        Self {
            view_width,
            lane_height: if compact { 26.0 } else { 32.0 },
            lane_gap: if compact { 8.0 } else { 10.0 },
            producer_x: if compact { 20.0 } else { 60.0 },
            lane_x,
            cell_width,
            cells,
            compact,
        }
    }

    /// Where consumers are drawn (right of the lanes).
    pub fn consumer_x(&self) -> f64 {
        self.view_width - if self.compact { 24.0 } else { 62.0 }
    }

    pub fn consumer_y(&self, index: usize) -> f64 {
        24.0 + index as f64 * (if self.compact { 34.0 } else { 44.0 }) + self.lane_height / 2.0
    }

    /// The top of the `__consumer_offsets` row, under the lanes.
    pub fn offsets_y(&self, partitions: u32, consumers: usize) -> f64 {
        let lanes = self.lane_y(partitions) + 6.0;
        let cons = 24.0 + consumers as f64 * (if self.compact { 34.0 } else { 44.0 });
        lanes.max(cons)
    }

    /// Half the width of a producer's box.
    pub fn producer_half_width(&self) -> f64 {
        if self.compact {
            17.0
        } else {
            26.0
        }
    }

    pub fn lane_y(&self, partition: u32) -> f64 {
        24.0 + partition as f64 * (self.lane_height + self.lane_gap)
    }

    pub fn view_height(&self, partitions: u32, producers: usize) -> f64 {
        let lanes = self.lane_y(partitions) + 8.0;
        let prods = 24.0 + producers as f64 * 56.0 + 8.0;
        lanes.max(prods)
    }

    /// Height with the consumers and a `__consumer_offsets` row (when there are groups).
    pub fn view_height_with(&self, partitions: u32, producers: usize, consumers: usize, groups: usize) -> f64 {
        let base = self.view_height(partitions, producers);
        if groups == 0 {
            return base.max(self.offsets_y(partitions, consumers));
        }
        base.max(self.offsets_y(partitions, consumers) + 52.0)
    }

    pub fn producer_y(&self, index: usize) -> f64 {
        24.0 + index as f64 * 56.0 + self.lane_height / 2.0
    }

    /// Where a new record lands: just after the lane's newest cell.
    pub fn landing_x(&self, cells_in_lane: usize) -> f64 {
        self.lane_x + (cells_in_lane.min(self.cells) as f64) * self.cell_width
    }
}

/// Ease in-out (cubic): motion that starts and stops gently.
pub fn ease_in_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// A point along a flight from `from` to `to`, lifted into a gentle arc.
pub fn flight_point(from: (f64, f64), to: (f64, f64), progress: f64) -> (f64, f64) {
    let e = ease_in_out(progress);
    let x = from.0 + (to.0 - from.0) * e;
    let arc = (std::f64::consts::PI * e).sin() * -14.0;
    let y = from.1 + (to.1 - from.1) * e + arc;
    (x, y)
}

/// Simulated time as `12.345 s`.
pub fn format_sim_time(time_ms: u64) -> String {
    format!("{}.{:03} s", time_ms / 1000, time_ms % 1000)
}

fn number_field(text: &str, field: Field) -> Result<f64, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError { field, problem: FieldProblem::Empty });
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(FieldError { field, problem: FieldProblem::NotANumber })
}

fn whole_field(text: &str, field: Field, min: u64, max: u64) -> Result<u64, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError { field, problem: FieldProblem::Empty });
    }
    let range =
        || FieldError { field, problem: FieldProblem::OutOfRange { min: min.to_string(), max: max.to_string() } };
    if t.starts_with('-') && t[1..].chars().all(|c| c.is_ascii_digit()) && t.len() > 1 {
        return Err(range());
    }
    let v = if t.chars().all(|c| c.is_ascii_digit()) {
        t.parse::<u64>().map_err(|_| range())?
    } else {
        return Err(FieldError { field, problem: FieldProblem::NotANumber });
    };
    if v < min || v > max {
        return Err(range());
    }
    Ok(v)
}

/// Records per second from a form field.
pub fn parse_rate(text: &str) -> Result<f64, FieldError> {
    let v = number_field(text, Field::Rate)?;
    if v <= 0.0 || v > RATE_RECORDS_PER_S_MAX {
        return Err(FieldError {
            field: Field::Rate,
            problem: FieldProblem::OutOfRange { min: "0.01".into(), max: format!("{RATE_RECORDS_PER_S_MAX}") },
        });
    }
    if v < 0.01 {
        return Err(FieldError {
            field: Field::Rate,
            problem: FieldProblem::OutOfRange { min: "0.01".into(), max: format!("{RATE_RECORDS_PER_S_MAX}") },
        });
    }
    Ok(v)
}

pub fn parse_partitions(text: &str) -> Result<u32, FieldError> {
    whole_field(text, Field::Partitions, 1, PARTITIONS_MAX as u64).map(|v| v as u32)
}

pub fn parse_seed(text: &str) -> Result<u64, FieldError> {
    whole_field(text, Field::Seed, 0, u64::MAX)
}

pub fn parse_key_count(text: &str) -> Result<u32, FieldError> {
    whole_field(text, Field::KeyCount, 1, config::FIXED_KEYS_MAX as u64).map(|v| v as u32)
}

pub fn parse_value_bytes(text: &str) -> Result<u32, FieldError> {
    whole_field(text, Field::ValueBytes, 0, config::VALUE_BYTES_MAX as u64).map(|v| v as u32)
}

pub fn parse_batch_size(text: &str) -> Result<u32, FieldError> {
    whole_field(text, Field::BatchSize, 0, config::BATCH_SIZE_MAX as u64).map(|v| v as u32)
}

pub fn parse_linger_ms(text: &str) -> Result<u64, FieldError> {
    whole_field(text, Field::LingerMs, 0, config::LINGER_MS_MAX)
}

/// The "which partition?" calculator's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalcResult {
    pub key_hex: String,
    pub murmur2: i32,
    pub to_positive: u32,
    pub partitions: u32,
    pub partition: u32,
}

/// Compute where a key goes. `hex` reads the key as hex bytes; the calculator accepts any
/// length of key (up to 4096 bytes), not only what the simulation stores.
pub fn calculate(key_text: &str, hex: bool, partitions_text: &str) -> Result<CalcResult, FieldError> {
    let partitions = whole_field(partitions_text, Field::Partitions, 1, 100_000)? as u32;
    let bytes = if hex {
        murmur2::parse_hex_key(key_text.trim()).map_err(|e| FieldError {
            field: Field::KeyBytes,
            problem: match e {
                murmur2::HexKeyError::OddLength { length } => FieldProblem::HexOddLength { length },
                murmur2::HexKeyError::NotHex { position } => FieldProblem::HexNotADigit { position },
            },
        })?
    } else {
        key_text.as_bytes().to_vec()
    };
    if bytes.len() > 4096 {
        return Err(FieldError { field: Field::KeyBytes, problem: FieldProblem::TooLong { max_bytes: 4096 } });
    }
    let h = murmur2::murmur2(&bytes);
    let pos = murmur2::to_positive(h);
    Ok(CalcResult {
        key_hex: murmur2::to_hex(&bytes),
        murmur2: h,
        to_positive: pos,
        partitions,
        partition: pos % partitions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calculator_matches_kafka_vector() {
        let r = calculate("foobar", false, "100").unwrap();
        assert_eq!(r.murmur2, -790332482);
        assert_eq!(r.to_positive, 1357151166);
        assert_eq!(r.partition, 1357151166 % 100);
        let r = calculate("00000000", true, "6").unwrap();
        assert_eq!(r.murmur2, 850957120);
        assert_eq!(r.partition, 4);
    }

    #[test]
    fn field_errors_name_the_field() {
        assert_eq!(parse_partitions("0").unwrap_err().field, Field::Partitions);
        assert_eq!(
            parse_partitions("65").unwrap_err().problem,
            FieldProblem::OutOfRange { min: "1".into(), max: "64".into() }
        );
        assert_eq!(parse_partitions("abc").unwrap_err().problem, FieldProblem::NotANumber);
        assert_eq!(parse_partitions("").unwrap_err().problem, FieldProblem::Empty);
        assert_eq!(
            parse_partitions("-3").unwrap_err().problem,
            FieldProblem::OutOfRange { min: "1".into(), max: "64".into() }
        );
        assert_eq!(parse_rate("NaN").unwrap_err().problem, FieldProblem::NotANumber);
        assert_eq!(parse_rate("0").unwrap_err().field, Field::Rate);
        assert_eq!(parse_rate("1e9").unwrap_err().field, Field::Rate);
        assert_eq!(parse_seed("18446744073709551616").unwrap_err().field, Field::Seed);
        assert_eq!(parse_seed(" 42 ").unwrap(), 42);
        assert_eq!(calculate("zz", true, "3").unwrap_err().problem, FieldProblem::HexNotADigit { position: 1 });
        assert_eq!(calculate("abc", true, "3").unwrap_err().problem, FieldProblem::HexOddLength { length: 3 });
    }

    #[test]
    fn layout_fits_narrow_and_wide_screens() {
        let narrow = Layout::for_width(390.0);
        let wide = Layout::for_width(1280.0);
        assert!(narrow.compact && !wide.compact);
        assert!(narrow.lane_x + narrow.cells as f64 * narrow.cell_width <= narrow.view_width);
        assert!(wide.lane_x + wide.cells as f64 * wide.cell_width <= wide.view_width);
        assert!(wide.cells >= 20);
    }

    #[test]
    fn easing_starts_and_ends_in_place() {
        assert_eq!(ease_in_out(0.0), 0.0);
        assert_eq!(ease_in_out(1.0), 1.0);
        let (x, y) = flight_point((0.0, 0.0), (100.0, 50.0), 1.0);
        assert!((x - 100.0).abs() < 1e-9 && (y - 50.0).abs() < 1e-9);
    }

    #[test]
    fn key_labels_are_short() {
        assert_eq!(key_label(&Key::from_bytes(b"user-12").unwrap()), "12");
        assert_eq!(key_label(&Key::from_bytes(b"key-ab12cd34").unwrap()), "ab");
        assert_eq!(key_label(&Key::from_bytes(b"order").unwrap()), "er");
    }
}

/// What a consumer card shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsumerCardVm {
    pub id: u32,
    pub client_id: String,
    pub group: String,
    pub state: crate::sim::consumer::ConsumerState,
    /// Its partitions are paused (a pause/resume application at its high mark).
    pub paused: bool,
    pub commit: crate::sim::consumer::CommitStrategy,
    /// (partition, position, committed)
    pub partitions: Vec<(u32, u64, Option<u64>)>,
    pub in_hand: u64,
    pub batch_size: u32,
    pub processed: u64,
    pub commits: u64,
    pub commits_failed: u64,
    pub error: Option<String>,
    /// Index of its group among all groups (for colours).
    pub group_index: usize,
}

/// The delivery guarantee a group's setup gives (decided by the core).
pub use crate::sim::consumer::DeliveryGuarantee as Guarantee;

/// What a group's panel shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupVm {
    pub group: String,
    pub index: usize,
    pub state: crate::sim::consumer::GroupState,
    pub generation: i32,
    pub offsets_partition: u32,
    pub describe: Vec<crate::sim::consumer::DescribeRow>,
    pub processed: u64,
    pub duplicates: u64,
    pub lost: u64,
    pub guarantee: Guarantee,
    /// The newest records of its `__consumer_offsets` partition (newest first, at most 8).
    pub recent_commits: Vec<crate::sim::consumer::OffsetCommitRecord>,
    /// The compacted view of that partition for this group.
    pub compacted: Vec<crate::sim::consumer::OffsetCommitRecord>,
    pub offsets_log_end: u64,
    /// Offsets processed twice / never, as (partition, from, to).
    pub duplicate_ranges: Vec<(u32, u64, u64)>,
    pub lost_ranges: Vec<(u32, u64, u64)>,
    /// While the group is Empty with committed offsets: when they expire (simulated ms) and
    /// `offsets.retention.minutes`. The retention check runs every
    /// `offsets.retention.check.interval.ms`, so expiry happens at the first check after.
    pub expires_at_ms: Option<u64>,
    /// Simulated ms left until `expires_at_ms` (0 once passed, until the next check).
    pub expires_in_ms: Option<u64>,
    pub offsets_retention_minutes: u64,
    /// `offsets.retention.check.interval.ms`.
    pub offsets_retention_check_ms: u64,
}

/// A marker on a partition lane: a group's committed offset or a consumer's position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneMarker {
    pub partition: u32,
    pub offset: u64,
    pub committed: bool,
    pub group_index: usize,
    pub label: String,
}

/// The consumer side of the page, computed from the simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ConsumersVm {
    pub consumers: Vec<ConsumerCardVm>,
    pub groups: Vec<GroupVm>,
    pub markers: Vec<LaneMarker>,
}

pub fn consumers_vm(sim: &crate::sim::Sim) -> ConsumersVm {
    use crate::sim::consumer::describe_group;
    let world = &sim.consumers;
    let group_names: Vec<&String> = world.groups.keys().collect();
    let index_of = |g: &str| group_names.iter().position(|n| n.as_str() == g).unwrap_or(group_names.len());
    let view = sim.logs_view();
    let topic = &sim.config().topic;
    let consumers = world
        .consumers
        .values()
        .map(|c| ConsumerCardVm {
            id: c.id,
            client_id: c.spec.client_id.clone(),
            group: c.spec.group_id.clone(),
            state: c.state,
            commit: c.spec.commit,
            partitions: c.assignment.iter().map(|(p, pos)| (*p, pos.position, pos.committed)).collect(),
            in_hand: c.records_in_hand(),
            batch_size: c.batch_size,
            processed: c.records_processed,
            commits: c.commits_sent,
            commits_failed: c.commits_failed,
            error: c.last_error.clone(),
            paused: c.paused,
            group_index: index_of(&c.spec.group_id),
        })
        .collect();
    let mut markers = Vec::new();
    let groups = world
        .groups
        .values()
        .enumerate()
        .map(|(index, g)| {
            let ledger = world.ledger.groups.get(&g.group_id).cloned().unwrap_or_default();
            for (p, off) in &g.committed {
                markers.push(LaneMarker {
                    partition: *p,
                    offset: *off,
                    committed: true,
                    group_index: index,
                    label: g.group_id.clone(),
                });
            }
            let log = world.offsets.logs.get(&g.offsets_partition);
            GroupVm {
                group: g.group_id.clone(),
                index,
                state: g.state,
                generation: g.generation,
                offsets_partition: g.offsets_partition,
                describe: describe_group(world, &g.group_id, topic, &view).unwrap_or_default(),
                processed: ledger.processed,
                duplicates: ledger.duplicates,
                lost: ledger.lost,
                guarantee: crate::sim::consumer::delivery_guarantee(world, &g.group_id),
                recent_commits: log
                    .map(|l| l.recent.iter().rev().filter(|r| r.group == g.group_id).take(8).cloned().collect())
                    .unwrap_or_default(),
                compacted: log
                    .map(|l| l.compacted.values().filter(|r| r.group == g.group_id).cloned().collect())
                    .unwrap_or_default(),
                offsets_log_end: log.map_or(0, |l| l.log_end_offset),
                duplicate_ranges: ledger.duplicate_ranges.iter().copied().collect(),
                expires_at_ms: (g.state == crate::sim::consumer::GroupState::Empty && !g.committed.is_empty())
                    .then_some(g.empty_since_us)
                    .flatten()
                    .map(|t| t / 1000 + world.offsets_retention_ms),
                expires_in_ms: (g.state == crate::sim::consumer::GroupState::Empty && !g.committed.is_empty())
                    .then_some(g.empty_since_us)
                    .flatten()
                    .map(|t| (t / 1000 + world.offsets_retention_ms).saturating_sub(sim.now_ms())),
                offsets_retention_minutes: world.offsets_retention_ms / 60_000,
                offsets_retention_check_ms: world.offsets_retention_check_ms,
                lost_ranges: ledger.lost_ranges.iter().copied().collect(),
            }
        })
        .collect();
    for c in world.consumers.values() {
        for (p, pos) in &c.assignment {
            markers.push(LaneMarker {
                partition: *p,
                offset: pos.position,
                committed: false,
                group_index: index_of(&c.spec.group_id),
                label: c.spec.client_id.clone(),
            });
        }
    }
    ConsumersVm { consumers, groups, markers }
}

/// A replica on a broker, as a chip in the broker's card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicaChipVm {
    pub partition: u32,
    pub role: ReplicaRole,
    pub in_isr: bool,
    /// It is the partition's leader (also while being removed).
    pub leads: bool,
    /// How much of the leader's log it has (0..=1).
    pub progress: f64,
    /// Its log end offset (followers) or the log's (leader).
    pub leo: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReplicaRole {
    Leader,
    Follower,
    /// Being added by a reassignment (copying).
    Adding,
    /// Being removed by a reassignment.
    Removing,
}

/// A broker card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokerCardVm {
    pub id: i32,
    pub state: crate::sim::cluster::BrokerState,
    pub leaders: u32,
    pub replicas: u32,
    pub bytes_in_per_s: u64,
    pub bytes_out_per_s: u64,
    pub throttle: Option<u64>,
    pub coordinator_for: Vec<u32>,
    pub chips: Vec<ReplicaChipVm>,
}

/// The cluster as the brokers panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct BrokersVm {
    pub brokers: Vec<BrokerCardVm>,
    /// Largest byte rate on any broker (for the bars' scale).
    pub max_rate: u64,
    /// Partitions being reassigned.
    pub reassigning: Vec<u32>,
    /// Replication throttles still set with no reassignment in progress (the controller never
    /// removes them; `--verify` does).
    pub throttle_leftover: bool,
    pub min_insync_replicas: u16,
    pub acked_records_lost: u64,
    pub produce_limit: Option<u64>,
}

pub fn brokers_vm(sim: &crate::sim::Sim) -> BrokersVm {
    let snaps = sim.broker_snapshots();
    let c = &sim.cluster;
    let brokers: Vec<BrokerCardVm> = snaps
        .into_iter()
        .map(|b| {
            let chips = c
                .partitions
                .iter()
                .enumerate()
                .filter(|(_, p)| p.replicas.contains(&b.id))
                .map(|(i, p)| {
                    let log_leo = sim.log(i as u32).map_or(0, |l| l.log_end_offset());
                    let log_start = sim.log(i as u32).map_or(0, |l| l.log_start_offset());
                    let leo =
                        if p.leader == Some(b.id) { log_leo } else { p.followers.get(&b.id).map_or(0, |f| f.leo) };
                    let span = log_leo.saturating_sub(log_start);
                    let progress = if span == 0 {
                        1.0
                    } else {
                        (leo.saturating_sub(log_start) as f64 / span as f64).clamp(0.0, 1.0)
                    };
                    let role = match &p.reassignment {
                        Some(r) if r.replicas.adding.contains(&b.id) => ReplicaRole::Adding,
                        Some(r) if r.replicas.removing.contains(&b.id) => ReplicaRole::Removing,
                        _ if p.leader == Some(b.id) => ReplicaRole::Leader,
                        _ => ReplicaRole::Follower,
                    };
                    ReplicaChipVm {
                        partition: i as u32,
                        role,
                        in_isr: p.isr.contains(&b.id),
                        leads: p.leader == Some(b.id),
                        progress,
                        leo,
                    }
                })
                .collect();
            BrokerCardVm {
                id: b.id,
                state: b.state,
                leaders: b.leaders,
                replicas: b.replicas,
                bytes_in_per_s: b.bytes_in_per_s,
                bytes_out_per_s: b.bytes_out_per_s,
                throttle: b.throttle,
                coordinator_for: b.coordinator_for,
                chips,
            }
        })
        .collect();
    BrokersVm {
        max_rate: brokers.iter().map(|b| b.bytes_in_per_s.max(b.bytes_out_per_s)).max().unwrap_or(0),
        brokers,
        reassigning: c.ongoing().keys().copied().collect(),
        throttle_leftover: c.ongoing().is_empty()
            && (!c.leader_throttled.is_empty()
                || !c.follower_throttled.is_empty()
                || c.brokers.values().any(|b| b.leader_throttle.is_some() || b.follower_throttle.is_some())),
        min_insync_replicas: c.config.min_insync_replicas,
        acked_records_lost: c.acked_records_lost,
        produce_limit: c.config.produce_bytes_per_s,
    }
}

/// Bytes per second as text (B/s, KB/s, MB/s).
pub fn format_rate_bytes(b: u64) -> String {
    if b >= 1_000_000 {
        format!("{:.1} MB/s", b as f64 / 1_000_000.0)
    } else if b >= 1_000 {
        format!("{:.0} KB/s", b as f64 / 1_000.0)
    } else {
        format!("{b} B/s")
    }
}

/// One line of a chart: its name, colour index, and SVG polyline points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesVm {
    pub name: String,
    pub colour: usize,
    pub points: String,
    pub last: String,
}

/// A small time chart, in its own 0..CHART_W × 0..CHART_H units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartVm {
    pub id: &'static str,
    pub max_label: String,
    pub series: Vec<SeriesVm>,
    /// Hover columns: x, width, and the text for that time.
    pub columns: Vec<(f64, f64, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ChartsVm {
    pub from_ms: u64,
    pub to_ms: u64,
    pub charts: Vec<ChartVm>,
    /// Pull vs push counters: (delivered, dropped, lag, consumer memory bytes) for each side.
    pub pull: Option<(u64, u64, u64, u64)>,
    pub push: Option<(u64, u64, u64, u64, Option<u64>)>,
}

pub const CHART_W: f64 = 300.0;
pub const CHART_H: f64 = 110.0;
/// Hover columns per chart (every n-th sample).
const HOVER_COLUMNS: usize = 48;

fn fmt_num(v: f64) -> String {
    if v >= 1_000_000.0 {
        format!("{:.1}M", v / 1_000_000.0)
    } else if v >= 10_000.0 {
        format!("{:.0}k", v / 1_000.0)
    } else {
        format!("{v:.0}")
    }
}

/// Charts from a run's samples: lag (per group, and per partition of the first group), produce
/// and consume rates, and buffer use.
pub fn charts_vm(
    sim: &crate::sim::Sim,
    history: &crate::scenario::history::History,
    lang: crate::i18n::Lang,
) -> ChartsVm {
    use crate::i18n::{t, T};
    let samples: Vec<&crate::scenario::history::Sample> = history.samples.iter().collect();
    let bpr = sim.log(0).map_or(100, |l| l.bytes_per_record());
    let push = sim.push.as_ref().map(|p| (p.delivered, p.dropped, 0, p.buffered * bpr, p.crashed_at_ms));
    let (Some(first), Some(last)) = (samples.first(), samples.last()) else {
        return ChartsVm { push, ..ChartsVm::default() };
    };
    let (t0, t1) = (first.time_ms, last.time_ms.max(first.time_ms + 1));
    let x = |t: u64| (t - t0) as f64 / (t1 - t0) as f64 * CHART_W;
    let chart = |id: &'static str, lines: Vec<(String, usize, Vec<(u64, f64)>)>, unit: &str| -> ChartVm {
        let max = lines.iter().flat_map(|l| l.2.iter().map(|p| p.1)).fold(1.0f64, f64::max);
        let y = |v: f64| CHART_H - v / max * (CHART_H - 4.0);
        let series = lines
            .iter()
            .map(|(name, colour, pts)| SeriesVm {
                name: name.clone(),
                colour: *colour,
                points: pts.iter().map(|(t, v)| format!("{:.1},{:.1}", x(*t), y(*v))).collect::<Vec<_>>().join(" "),
                last: pts.last().map_or(String::new(), |p| fmt_num(p.1)),
            })
            .collect();
        let stride = samples.len().div_ceil(HOVER_COLUMNS).max(1);
        let columns = samples
            .iter()
            .enumerate()
            .step_by(stride)
            .map(|(i, s)| {
                let values: Vec<String> = lines
                    .iter()
                    .filter_map(|l| l.2.iter().find(|p| p.0 == s.time_ms).map(|p| format!("{} {}", l.0, fmt_num(p.1))))
                    .collect();
                let x0 = x(s.time_ms);
                let next = samples.get(i + stride).map_or(CHART_W, |n| x(n.time_ms));
                (x0, (next - x0).max(1.0), format!("{} s: {}{unit}", format_sim_time(s.time_ms), values.join(" · ")))
            })
            .collect();
        ChartVm { id, max_label: format!("{}{unit}", fmt_num(max)), series, columns }
    };
    let groups: Vec<String> = last.group_lag.iter().map(|(g, _)| g.clone()).collect();
    let mut lag_lines: Vec<(String, usize, Vec<(u64, f64)>)> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let pts = samples
                .iter()
                .filter_map(|s| s.group_lag.iter().find(|(n, _)| n == g).map(|(_, l)| (s.time_ms, *l as f64)))
                .collect();
            (g.clone(), i % 4, pts)
        })
        .collect();
    let parts = last.partition_lag.len().min(8);
    if groups.len() == 1 && parts > 1 {
        for p in 0..parts {
            let pts = samples.iter().filter_map(|s| s.partition_lag.get(p).map(|l| (s.time_ms, *l as f64))).collect();
            lag_lines.push((format!("P{p}"), 4 + p, pts));
        }
    }
    // Rates over about one second of samples (smoother than sample to sample).
    let k = (1000 / history.every_ms.max(1)).max(1) as usize;
    let rate = |f: fn(&crate::scenario::history::Sample) -> u64| -> Vec<(u64, f64)> {
        samples
            .windows(k + 1)
            .map(|w| {
                let (a, b) = (w[0], w[k]);
                let dt = (b.time_ms - a.time_ms).max(1) as f64 / 1000.0;
                (b.time_ms, (f(b) - f(a)) as f64 / dt)
            })
            .collect()
    };
    let smooth = |f: fn(&crate::scenario::history::Sample) -> u64| -> Vec<(u64, f64)> {
        samples.windows(k).map(|w| (w[k - 1].time_ms, w.iter().map(|s| f(s) as f64).sum::<f64>() / k as f64)).collect()
    };
    let rates = vec![
        (t(lang, T::ProduceRate).to_string(), 0, rate(|s| s.appended)),
        (t(lang, T::ConsumeRate).to_string(), 1, rate(|s| s.processed)),
    ];
    let mut buffers = vec![
        (t(lang, T::ConsumerMemory).to_string(), 1, smooth(|s| s.consumer_bytes)),
        (t(lang, T::ProducerMemory).to_string(), 0, smooth(|s| s.producer_bytes)),
    ];
    if samples.iter().any(|s| s.push_buffered.is_some()) {
        buffers.push((
            t(lang, T::PushMemory).to_string(),
            2,
            samples.iter().filter_map(|s| s.push_buffered.map(|b| (s.time_ms, (b * bpr) as f64))).collect(),
        ));
    }
    let lag_total = last.group_lag.iter().map(|(_, l)| *l).sum::<u64>();
    let processed = last.processed;
    ChartsVm {
        from_ms: t0,
        to_ms: t1,
        charts: vec![chart("lag", lag_lines, ""), chart("rates", rates, "/s"), chart("buffers", buffers, " B")],
        pull: Some((processed, 0, lag_total, last.consumer_bytes)),
        push,
    }
}
