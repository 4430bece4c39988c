//! `kafka-console-consumer.sh`: --topic or --include (a regular expression), --from-beginning,
//! --partition, --offset, --max-messages, --group.

use super::*;

/// `kafka-console-consumer.sh`: prints what the log holds below the high watermark (the
/// playground keeps the newest records in detail; a note says where that window starts).
pub(super) fn console_consumer(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    // `ConsoleConsumerOptions`: exactly one of --topic and --include; --partition needs --topic.
    let topics: Vec<String> = match (o.get("--topic"), o.get("--include")) {
        (Some(_), Some(_)) | (None, None) => {
            return Err("Exactly one of --include/--topic is required. ".into());
        }
        (Some(t), None) => match sim.topics().get(t) {
            Some(_) => vec![t.to_string()],
            None => {
                return Err(format!(
                "Error: topic '{t}' does not exist (the playground's brokers run with auto.create.topics.enable=false)"
            ))
            }
        },
        (None, Some(p)) => {
            let re = crate::util::regex::Regex::new(p).map_err(|e| format!("--include: {e}"))?;
            sim.topics().names().filter(|t| re.matches(t)).map(str::to_string).collect()
        }
    };
    let mut print = OrdMap::new();
    for p in o.all("--property").chain(o.all("--formatter-property")) {
        let (k, v) = p.split_once('=').ok_or_else(|| format!("--property: '{p}' is not key=value"))?;
        match k {
            "print.key" | "print.partition" | "print.offset" | "print.timestamp" | "print.value" | "key.separator" => {
                print.insert(k.to_string(), v.to_string());
            }
            other => return Err(format!("--property: '{other}' is not a formatter property the playground knows (print.key, print.partition, print.offset, print.timestamp, print.value, key.separator)")),
        }
    }
    let on = |k: &str, d: bool| print.get(k).map_or(d, |v| v.eq_ignore_ascii_case("true"));
    let sep = print.get("key.separator").cloned().unwrap_or_else(|| "\t".into());
    let partition: Option<u32> = o.number("--partition")?;
    let max: Option<usize> = o.number("--max-messages")?;
    if partition.is_some() && o.has("--include") {
        return Err("The topic is required when partition is specified.".into());
    }
    if let Some(p) = partition {
        let n = sim.topics().get(&topics[0]).map_or(0, |t| t.partitions());
        if p >= n {
            return Err(format!("Error: partition {p} does not exist (the topic has {n})"));
        }
    }
    let offset = o.get("--offset");
    if offset.is_some() && partition.is_none() {
        return Err("The partition is required when offset is specified.".into());
    }
    if o.has("--group") && (partition.is_some() || offset.is_some()) {
        return Err("Options group and partition/offset cannot be specified together.".into());
    }
    // (slot, topic-local partition) of every partition read.
    let partitions: Vec<(u32, u32)> = topics
        .iter()
        .filter_map(|t| sim.topics().get(t))
        .flat_map(|t| t.slots.iter().enumerate().map(|(i, s)| (*s, i as u32)))
        .filter(|(_, i)| partition.is_none_or(|p| p == *i))
        .collect();
    let mut records = Vec::new();
    let mut note = String::new();
    for (slot, p) in partitions {
        let Some(log) = sim.log(slot) else { continue };
        let hw = sim.cluster().high_watermark(slot).min(log.log_end_offset());
        let start = match offset {
            Some("earliest") => log.log_start_offset(),
            Some("latest") => hw,
            Some(v) => v.parse::<u64>().map_err(|_| format!("--offset: '{v}' is not earliest, latest or an offset"))?,
            None if o.has("--from-beginning") => log.log_start_offset(),
            None => hw,
        };
        let kept_from = log.recent().next().map_or(log.log_end_offset(), |r| r.offset);
        if start < kept_from && kept_from < hw {
            note.push_str(&format!(
                "(partition {}: offsets {start} to {} are counted but not kept in detail by the playground)\n",
                if topics.len() > 1 { sim.partition_name(slot) } else { p.to_string() },
                kept_from - 1
            ));
        }
        records.extend(log.recent().filter(|r| r.offset >= start && r.offset < hw).map(|r| (slot, p, *r)));
    }
    crate::util::order::sort_by_key(&mut records, |(slot, _, r)| (r.timestamp_ms, *slot, r.offset));
    let limit = max.unwrap_or(CONSUMER_PRINT_MAX).min(CONSUMER_PRINT_MAX);
    let mut s = String::new();
    let shown = records.len().min(limit);
    for (slot, p, r) in records.iter().take(limit) {
        let mut fields = Vec::new();
        if on("print.timestamp", false) {
            fields.push(format!("CreateTime:{}", r.timestamp_ms));
        }
        if on("print.partition", false) {
            fields.push(format!("Partition:{p}"));
        }
        if on("print.offset", false) {
            fields.push(format!("Offset:{}", r.offset));
        }
        if on("print.key", false) {
            fields.push(r.key.as_ref().map_or("null".to_string(), |k| k.display()));
        }
        if on("print.value", true) {
            fields.push(match sim.record_value(*slot, r.offset) {
                Some(v) => v.to_string(),
                None => format!("<{} bytes, not simulated>", r.value_bytes),
            });
        }
        s.push_str(&fields.join(&sep));
        s.push('\n');
    }
    s.push_str(&note);
    if o.has("--group") {
        s.push_str("(the playground's console consumer reads without joining a group: add a consumer on the page to see group behaviour)\n");
    }
    if shown == 0 && offset.is_none() && !o.has("--from-beginning") {
        s.push_str(
            "(no new records yet: a real console consumer would wait; add --from-beginning to read what is there)\n",
        );
    }
    s.push_str(&format!("Processed a total of {shown} messages\n"));
    Ok(Outcome::ok(s))
}
