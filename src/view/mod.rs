//! Pure functions from snapshots and form text to what the UI draws. No browser imports;
//! tested natively.

mod brokers;
mod charts;
mod consumers;
mod stage;
#[cfg(test)]
mod tests;

pub use brokers::*;
pub use charts::*;
pub use consumers::*;
use serde::Serialize;
pub use stage::*;

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
    /// Kafka's name of the partition (`payments-2`) when the cluster has more than one topic
    /// (one topic: the partition number says it all); `None` also for a deleted topic's slot.
    pub label: Option<String>,
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
    let name = |slot: u32| {
        snapshot.topics.iter().find_map(|t| t.slots.iter().position(|s| *s == slot).map(|i| format!("{}-{i}", t.name)))
    };
    let several = snapshot.topics.len() > 1;
    snapshot
        .partitions
        .iter()
        .map(|p| {
            let window_start = p.log_end_offset.saturating_sub(cells as u64);
            LaneVm {
                label: several.then(|| name(p.partition)).flatten(),
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
    pub lane_x: f64,
    pub cell_width: f64,
    pub cells: usize,
    pub compact: bool,
}

impl Layout {
    pub fn for_width(width_px: f64) -> Self {
        let compact = width_px < 640.0;
        let view_width: f64 = if compact { 360.0 } else { 1000.0 };
        let lane_x = if compact { 64.0 } else { 120.0 };
        let cell_width = if compact { 20.0 } else { 30.0 };
        // Room after the cells for the log-end-offset label.
        let marker_space = if compact { 44.0 } else { 80.0 };
        let cells = ((view_width - lane_x - marker_space) / cell_width).floor().max(4.0) as usize;
        Self {
            view_width,
            lane_height: if compact { 26.0 } else { 32.0 },
            lane_gap: if compact { 8.0 } else { 10.0 },
            lane_x,
            cell_width,
            cells,
            compact,
        }
    }

    /// The top of a row of the log view.
    pub fn lane_y(&self, row: u32) -> f64 {
        14.0 + row as f64 * (self.lane_height + self.lane_gap)
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
