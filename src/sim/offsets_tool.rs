//! `auto.offset.reset` values (Kafka 4.0, with `by_duration:` from KIP-1106) and the offset
//! reset tool (`kafka-consumer-groups.sh --reset-offsets`). Pure functions over partition
//! offsets (`AutoOffsetResetStrategy`, `ConsumerGroupCommand.prepareOffsetsToReset`).

use serde::Serialize;

/// `auto.offset.reset` (`AutoOffsetResetStrategy`): one enum with the consumer's setting.
pub use super::consumer::OffsetReset as AutoOffsetReset;

/// Kafka's validator message for a bad `auto.offset.reset`.
pub const AUTO_OFFSET_RESET_INVALID: &str =
    "The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.";

impl super::consumer::OffsetReset {
    /// `AutoOffsetResetStrategy.fromString` plus the config validator.
    pub fn parse(value: &str) -> Result<Self, String> {
        let invalid =
            || format!("Invalid value {value} for configuration auto.offset.reset: {AUTO_OFFSET_RESET_INVALID}");
        let tokens: Vec<&str> = value.split(':').collect();
        match tokens.as_slice() {
            [one] => match one.to_ascii_lowercase().as_str() {
                "latest" => Ok(Self::Latest),
                "earliest" => Ok(Self::Earliest),
                "none" => Ok(Self::None),
                _ => Err(invalid()),
            },
            [kind, duration] if kind.eq_ignore_ascii_case("by_duration") => {
                let ms = parse_duration_ms(duration).map_err(|e| format!("{}: {e}", invalid()))?;
                Ok(Self::ByDuration { ms })
            }
            _ => Err(invalid()),
        }
    }
}

/// `java.time.Duration.parse` (`PnDTnHnMn.nS`, case-insensitive) to milliseconds. Negative
/// durations are refused, as Kafka refuses them for `by_duration`.
pub fn parse_duration_ms(text: &str) -> Result<u64, String> {
    let s = text.trim();
    let upper = s.to_ascii_uppercase();
    let (negative, rest) = match upper.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, upper.strip_prefix('+').unwrap_or(&upper)),
    };
    let Some(body) = rest.strip_prefix('P') else {
        return Err(format!("'{text}' is not an ISO-8601 duration such as PT1H or P1DT30M"));
    };
    if body.is_empty() || body == "T" {
        return Err(format!("'{text}' has no amount"));
    }
    let (days_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut total_ms: i128 = 0;
    let mut read = |part: &str, units: &[(char, i128)], allow_fraction: bool| -> Result<(), String> {
        let mut rest = part;
        let mut last_unit = 0usize;
        while !rest.is_empty() {
            let end = rest
                .find(|c: char| c.is_ascii_alphabetic())
                .ok_or_else(|| format!("'{text}': a number without a unit"))?;
            let (num, tail) = rest.split_at(end);
            let unit = tail.chars().next().expect("found");
            let pos =
                units.iter().position(|(u, _)| *u == unit).ok_or_else(|| format!("'{text}': unexpected '{unit}'"))?;
            if pos < last_unit {
                return Err(format!("'{text}': units out of order"));
            }
            last_unit = pos + 1;
            let factor = units[pos].1;
            let (int_part, frac_part) = match num.split_once(['.', ',']) {
                Some((i, f)) if allow_fraction && unit == 'S' => (i, f),
                Some(_) => return Err(format!("'{text}': only seconds may have a fraction")),
                None => (num, ""),
            };
            let sign: i128 = if int_part.starts_with('-') { -1 } else { 1 };
            let digits = int_part.trim_start_matches(['-', '+']);
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 18 {
                return Err(format!("'{text}': '{num}' is not a number"));
            }
            if frac_part.len() > 9 || !frac_part.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("'{text}': bad fraction of a second"));
            }
            let whole: i128 = digits.parse::<i128>().map_err(|_| format!("'{text}': number too large"))?;
            let mut frac_ms: i128 = 0;
            if !frac_part.is_empty() {
                let padded = format!("{frac_part:0<9}");
                frac_ms = padded[..3].parse::<i128>().unwrap_or(0);
            }
            total_ms += sign * (whole * factor + frac_ms);
            rest = &tail[1..];
        }
        Ok(())
    };
    read(days_part, &[('D', 86_400_000)], false)?;
    if let Some(t) = time_part {
        if t.is_empty() {
            return Err(format!("'{text}': nothing after T"));
        }
        read(t, &[('H', 3_600_000), ('M', 60_000), ('S', 1_000)], true)?;
    }
    if negative {
        total_ms = -total_ms;
    }
    if total_ms < 0 {
        return Err("Negative duration is not supported in by_duration offset reset strategy.".into());
    }
    u64::try_from(total_ms).map_err(|_| format!("'{text}': too long"))
}

/// Where a consumer starts on a partition (`SubscriptionState` + `FetchCollector`): at the
/// committed offset when it is in range (`log start ≤ c ≤ log end`), else by the policy:
/// earliest = log start offset, latest = high watermark. With `none` the consumer fails, with
/// `NoOffsetForPartitionException` (no commit) or `OffsetOutOfRangeException` (out of range).
/// `ByDuration` is resolved by the caller (`Ok(None)` here).
pub fn initial_position(
    committed: Option<u64>,
    log_start_offset: u64,
    high_watermark: u64,
    log_end_offset: u64,
    policy: AutoOffsetReset,
) -> Result<Option<u64>, StartError> {
    match committed {
        Some(c) if c >= log_start_offset && c <= log_end_offset => Ok(Some(c)),
        other => match policy {
            AutoOffsetReset::Earliest => Ok(Some(log_start_offset)),
            AutoOffsetReset::Latest => Ok(Some(high_watermark)),
            AutoOffsetReset::ByDuration { .. } => Ok(None),
            AutoOffsetReset::None => match other {
                None => Err(StartError::NoOffsetForPartition),
                Some(c) => Err(StartError::OffsetOutOfRange { offset: c }),
            },
        },
    }
}

/// Why a consumer with `auto.offset.reset=none` cannot start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StartError {
    NoOffsetForPartition,
    OffsetOutOfRange { offset: u64 },
}

/// `--to-datetime 'YYYY-MM-DDTHH:mm:SS.sss'` to simulated milliseconds (the simulation's time
/// 0 is 1970-01-01T00:00:00.000, UTC).
pub fn parse_datetime_ms(text: &str) -> Result<u64, String> {
    let bad = || format!("'{text}' is not a date-time like 1970-01-01T00:00:05.000");
    let (date, time) = text.split_once('T').ok_or_else(bad)?;
    let d: Vec<&str> = date.split('-').collect();
    let (hms, frac) = match time.split_once('.') {
        Some((a, b)) => (a, b),
        None => (time, "0"),
    };
    let t: Vec<&str> = hms.split(':').collect();
    if d.len() != 3 || t.len() != 3 || frac.len() > 3 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let num = |s: &str, lo: i64, hi: i64| -> Result<i64, String> {
        let v: i64 = s.parse().map_err(|_| bad())?;
        if !s.chars().all(|c| c.is_ascii_digit()) || v < lo || v > hi {
            return Err(bad());
        }
        Ok(v)
    };
    let (y, m, day) = (num(d[0], 1970, 9999)?, num(d[1], 1, 12)?, num(d[2], 1, 31)?);
    let (hh, mm, ss) = (num(t[0], 0, 23)?, num(t[1], 0, 59)?, num(t[2], 0, 59)?);
    let ms = format!("{frac:0<3}").parse::<i64>().map_err(|_| bad())?;
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y2, m2) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * m2 + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Ok((((days * 24 + hh) * 60 + mm) * 60 + ss) as u64 * 1000 + ms as u64)
}

/// The offsets one partition offers the tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartitionOffsets {
    pub partition: u32,
    pub log_start_offset: u64,
    /// `ListOffsets(latest)`: the high watermark.
    pub high_watermark: u64,
    pub committed: Option<u64>,
}

/// A `--reset-offsets` scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ResetSpec {
    ToEarliest,
    ToLatest,
    ToCurrent,
    ToOffset(i64),
    ShiftBy(i64),
    /// `--to-datetime` (ms since the epoch of the simulation) and `--by-duration` (already turned
    /// into `now − duration`): the first offset whose timestamp is at or after it.
    ToTimestamp(u64),
}

/// Which partitions `--reset-offsets` touches (`getPartitionsToReset`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ResetScope {
    /// `--all-topics`: the partitions the group has committed offsets for.
    AllTopics,
    /// `--topic T` (every partition) or `--topic T:0,2` (those) of the first topic.
    Topic(Option<Vec<u32>>),
    /// `--topic` once or more, by name: each topic with every (`None`) or the listed partitions.
    Named(Vec<(String, Option<Vec<u32>>)>),
}

/// `--topic T[:P,...]`, once or more (`parseTopicPartitionsToReset`), for the topics that
/// exist (`partitions_of` gives a topic's partition count).
pub fn parse_topic_scopes(values: &[&str], partitions_of: &dyn Fn(&str) -> Option<u32>) -> Result<ResetScope, String> {
    let mut named: Vec<(String, Option<Vec<u32>>)> = Vec::new();
    for value in values {
        let name = value.split_once(':').map_or(*value, |(n, _)| n);
        let Some(n) = partitions_of(name) else {
            return Err(format!(
                "Error: Executing consumer group command failed due to org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition. ({name})"
            ));
        };
        let ResetScope::Topic(parts) = parse_topic_scope(value, name, n)? else { unreachable!("one topic") };
        match named.iter_mut().find(|(t, _)| t == name) {
            Some((_, existing)) => match (existing.as_mut(), parts) {
                (Some(e), Some(p)) => e.extend(p.into_iter().filter(|x| !e.contains(x)).collect::<Vec<_>>()),
                (_, _) => *existing = None,
            },
            None => named.push((name.to_string(), parts)),
        }
    }
    Ok(ResetScope::Named(named))
}

/// `--topic T` or `--topic T:0,2` for the simulated topic (`parseTopicPartitionsToReset`).
pub fn parse_topic_scope(value: &str, topic: &str, partitions: u32) -> Result<ResetScope, String> {
    let (name, list) = match value.split_once(':') {
        Some((n, l)) => (n, Some(l)),
        None => (value, None),
    };
    if name != topic {
        return Err(format!("Error: the playground simulates one topic ({topic}); '{name}' is not it"));
    }
    let Some(list) = list else { return Ok(ResetScope::Topic(None)) };
    let mut parts = Vec::new();
    for (i, item) in list.split(',').enumerate() {
        let p: u32 = item
            .trim()
            .parse()
            .map_err(|_| format!("--topic: partition {} ('{item}') is not a partition number", i + 1))?;
        if p >= partitions {
            return Err(format!("--topic: partition {p} does not exist (the topic has {partitions})"));
        }
        if !parts.contains(&p) {
            parts.push(p);
        }
    }
    Ok(ResetScope::Topic(Some(parts)))
}

/// One partition's new offset, with Kafka's warning if it had to be clamped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResetRow {
    pub partition: u32,
    pub new_offset: u64,
    pub warning: Option<String>,
}

/// `ConsumerGroupCommand.prepareOffsetsToReset` for one topic. `offset_for_time` answers
/// `ListOffsets(forTimestamp)` (`None` when no record is that late: latest is used).
pub fn plan_reset(
    group: &str,
    group_state: &str,
    topic: &str,
    partitions: &[PartitionOffsets],
    spec: ResetSpec,
    offset_for_time: &dyn Fn(u32, u64) -> Option<u64>,
) -> Result<Vec<ResetRow>, String> {
    if group_state != "Empty" && group_state != "Dead" {
        return Err(format!(
            "Assignments can only be reset if the group '{group}' is inactive, but the current state is {group_state}."
        ));
    }
    let mut rows = Vec::new();
    for p in partitions {
        let clamp = |target: i64| -> (u64, Option<String>) {
            if target < p.log_start_offset as i64 {
                (
                    p.log_start_offset,
                    Some(format!(
                        "New offset ({target}) is lower than earliest offset for topic partition {topic}-{}. Value will be set to {}",
                        p.partition, p.log_start_offset
                    )),
                )
            } else if target > p.high_watermark as i64 {
                (
                    p.high_watermark,
                    Some(format!(
                        "New offset ({target}) is higher than latest offset for topic partition {topic}-{}. Value will be set to {}",
                        p.partition, p.high_watermark
                    )),
                )
            } else {
                (target as u64, None)
            }
        };
        let (new_offset, warning) = match spec {
            ResetSpec::ToEarliest => (p.log_start_offset, None),
            ResetSpec::ToLatest => (p.high_watermark, None),
            ResetSpec::ToCurrent => (p.committed.unwrap_or(p.high_watermark), None),
            ResetSpec::ToOffset(n) => clamp(n),
            ResetSpec::ShiftBy(n) => match p.committed {
                None => {
                    return Err(format!(
                        "Cannot shift offset for partition {topic}-{} since there is no current committed offset",
                        p.partition
                    ))
                }
                Some(c) => clamp(c as i64 + n),
            },
            // No record at or after the timestamp: ListOffsets answers UNKNOWN_OFFSET and the
            // tool falls back to latest (`getLogTimestampOffsets`).
            ResetSpec::ToTimestamp(ts) => match offset_for_time(p.partition, ts) {
                Some(offset) => (offset, None),
                None => (
                    p.high_watermark,
                    Some(format!(
                        "Warn: Partition {} from topic {topic} is empty. Falling back to latest known offset.",
                        p.partition
                    )),
                ),
            },
        };
        rows.push(ResetRow { partition: p.partition, new_offset, warning });
    }
    Ok(rows)
}

/// The reset scenarios, by their `kafka-consumer-groups.sh` option names (without `--`).
pub const RESET_MODES: [&str; 7] =
    ["to-earliest", "to-latest", "to-current", "to-offset", "shift-by", "to-datetime", "by-duration"];

/// The `--reset-offsets` scenarios (`ResetOffsetsCommand`'s options), a closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetMode {
    ToEarliest,
    ToLatest,
    ToCurrent,
    ToOffset,
    ShiftBy,
    ToDatetime,
    ByDuration,
}

impl ResetMode {
    pub const ALL: [ResetMode; 7] = [
        ResetMode::ToEarliest,
        ResetMode::ToLatest,
        ResetMode::ToCurrent,
        ResetMode::ToOffset,
        ResetMode::ShiftBy,
        ResetMode::ToDatetime,
        ResetMode::ByDuration,
    ];

    /// The option without its dashes (`to-earliest`).
    pub fn name(self) -> &'static str {
        RESET_MODES[Self::ALL.iter().position(|m| *m == self).expect("listed")]
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Whether the option takes a value (a number, a date-time or a duration).
    pub fn needs_value(self) -> bool {
        !matches!(self, ResetMode::ToEarliest | ResetMode::ToLatest | ResetMode::ToCurrent)
    }
}

/// A reset scenario from a form: the option name and its value, as typed. `now_ms` turns
/// `by-duration` into a timestamp. The error names the option.
pub fn parse_reset_spec(mode: &str, value: &str, now_ms: u64) -> Result<ResetSpec, String> {
    let value = value.trim();
    let number = |name: &str| -> Result<i64, String> {
        if value.is_empty() {
            return Err(format!("--{name} needs a number"));
        }
        value.parse::<i64>().map_err(|_| format!("--{name}: '{value}' is not a whole number"))
    };
    Ok(match mode {
        "to-earliest" => ResetSpec::ToEarliest,
        "to-latest" => ResetSpec::ToLatest,
        "to-current" => ResetSpec::ToCurrent,
        "to-offset" => ResetSpec::ToOffset(number(mode)?),
        "shift-by" => ResetSpec::ShiftBy(number(mode)?),
        "to-datetime" => ResetSpec::ToTimestamp(parse_datetime_ms(value).map_err(|e| format!("--to-datetime: {e}"))?),
        "by-duration" => ResetSpec::ToTimestamp(
            now_ms.saturating_sub(parse_duration_ms(value).map_err(|e| format!("--by-duration: {e}"))?),
        ),
        other => return Err(format!("unknown reset scenario '{other}' (one of --{})", RESET_MODES.join(", --"))),
    })
}

/// The plan as `kafka-consumer-groups.sh --reset-offsets` prints it.
pub fn format_reset(group: &str, topic: &str, rows: &[ResetRow]) -> String {
    format_reset_topics(group, &[(topic.to_string(), rows.to_vec())])
}

/// The reset plan of several topics as one table (topics by name, partitions in order).
pub fn format_reset_topics(group: &str, topics: &[(String, Vec<ResetRow>)]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for r in topics.iter().flat_map(|(_, rows)| rows) {
        if let Some(w) = &r.warning {
            // `getLogTimestampOffsets` prints its warning after a blank line.
            if w.starts_with("Warn:") {
                s.push('\n');
            }
            let _ = writeln!(s, "{w}");
        }
    }
    let _ = writeln!(s, "\n{:<30} {:<30} {:<10} {:<15}", "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
    for (topic, rows) in topics {
        for r in rows {
            let _ = writeln!(s, "{:<30} {:<30} {:<10} {:<15}", group, topic, r.partition, r.new_offset);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_like_java() {
        assert_eq!(parse_duration_ms("PT1H"), Ok(3_600_000));
        assert_eq!(parse_duration_ms("pt15m"), Ok(900_000));
        assert_eq!(parse_duration_ms("P1DT2H3M4.5S"), Ok(86_400_000 + 7_200_000 + 180_000 + 4_500));
        assert_eq!(parse_duration_ms("PT0.001S"), Ok(1));
        assert!(parse_duration_ms("PT-1H").unwrap_err().contains("Negative"));
        assert!(parse_duration_ms("-PT1H").unwrap_err().contains("Negative"));
        for bad in ["", "P", "PT", "1H", "PT1X", "PT1M1H", "P1H", "PT1.5M", "PTH"] {
            assert!(parse_duration_ms(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn datetimes_map_to_simulated_milliseconds() {
        assert_eq!(parse_datetime_ms("1970-01-01T00:00:05.000"), Ok(5_000));
        assert_eq!(parse_datetime_ms("1970-01-01T00:01:00"), Ok(60_000));
        assert_eq!(parse_datetime_ms("1970-01-02T00:00:00.5"), Ok(86_400_500));
        for bad in ["1970-01-01", "1970-13-01T00:00:00", "yesterday", "1970-01-01T25:00:00", "1970-01-01T00:00:00.1234"]
        {
            assert!(parse_datetime_ms(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn auto_offset_reset_values() {
        assert_eq!(AutoOffsetReset::parse("latest"), Ok(AutoOffsetReset::Latest));
        assert_eq!(AutoOffsetReset::parse("EARLIEST"), Ok(AutoOffsetReset::Earliest));
        assert_eq!(AutoOffsetReset::parse("none"), Ok(AutoOffsetReset::None));
        assert_eq!(AutoOffsetReset::parse("by_duration:PT1H"), Ok(AutoOffsetReset::ByDuration { ms: 3_600_000 }));
        for bad in ["by_duration", "by_duration:", "newest", "by_duration:1h", "by_duration:PT1H:x"] {
            let e = AutoOffsetReset::parse(bad).unwrap_err();
            assert!(e.contains("auto.offset.reset") && e.contains("by_duration:<PnDTnHnMn.nS.>"), "{bad}: {e}");
        }
    }
}
