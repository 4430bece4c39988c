//! `kafka-console-consumer.sh`: --from-beginning, --partition, --offset, --max-messages, --group.

use super::*;

/// `kafka-console-consumer.sh`: prints what the log holds below the high watermark (the
/// playground keeps the newest records in detail; a note says where that window starts).
pub(super) fn console_consumer(sim: &mut Sim, o: &Opts) -> Result<Outcome, String> {
    let topic = sim.config().topic.clone();
    let t = o.require("--topic")?;
    if t != topic {
        return Err(format!("the playground simulates one topic ({topic}); '{t}' is not it"));
    }
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
    if let Some(p) = partition {
        if p >= sim.partition_count() {
            return Err(format!("Error: partition {p} does not exist (the topic has {})", sim.partition_count()));
        }
    }
    let offset = o.get("--offset");
    if offset.is_some() && partition.is_none() {
        return Err("The partition is required when offset is specified.".into());
    }
    if o.has("--group") && (partition.is_some() || offset.is_some()) {
        return Err("Options group and partition/offset cannot be specified together.".into());
    }
    let partitions: Vec<u32> = match partition {
        Some(p) => vec![p],
        None => (0..sim.partition_count()).collect(),
    };
    let mut records = Vec::new();
    let mut note = String::new();
    for p in partitions {
        let Some(log) = sim.log(p) else { continue };
        let hw = sim.cluster().high_watermark(p).min(log.log_end_offset());
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
                "(partition {p}: offsets {start} to {} are counted but not kept in detail by the playground)\n",
                kept_from - 1
            ));
        }
        records.extend(log.recent().filter(|r| r.offset >= start && r.offset < hw).map(|r| (p, *r)));
    }
    crate::util::order::sort_by_key(&mut records, |(p, r)| (r.timestamp_ms, *p, r.offset));
    let limit = max.unwrap_or(CONSUMER_PRINT_MAX).min(CONSUMER_PRINT_MAX);
    let mut s = String::new();
    let shown = records.len().min(limit);
    for (p, r) in records.iter().take(limit) {
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
            fields.push(match sim.record_value(*p, r.offset) {
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
