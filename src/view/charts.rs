//! Drawing data for the charts over simulated time.

use super::*;

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
    let push = sim.push().map(|p| (p.delivered, p.dropped, 0, p.buffered * bpr, p.crashed_at_ms));
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
