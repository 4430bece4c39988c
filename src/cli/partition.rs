//! `kafka-playground partition` (a key's partition, `Utils.murmur2`) and `offsets-partition` (a group's `__consumer_offsets` partition).

use super::*;

#[derive(Serialize)]
pub(super) struct KeyPartition {
    key: String,
    murmur2: i32,
    partition: u32,
}

pub(super) fn cmd_partition(args: &[String]) -> Outcome {
    let mut partitions: Option<u32> = None;
    let mut hex = false;
    let mut json = false;
    let mut keys: Vec<&String> = Vec::new();
    let mut i = 0;
    let mut only_keys = false;
    while i < args.len() {
        let a = &args[i];
        if only_keys {
            keys.push(a);
        } else {
            match a.as_str() {
                "--" => only_keys = true,
                "--hex" => hex = true,
                "--json" => json = true,
                "--partitions" => {
                    match parse_number::<u32>("--partitions", args.get(i + 1)) {
                        Ok(n) if n >= 1 => partitions = Some(n),
                        Ok(_) => return Outcome::usage("--partitions: must be at least 1"),
                        Err(o) => return o,
                    }
                    i += 1;
                }
                s if s.starts_with("--") => return Outcome::usage(format!("partition: unknown option '{s}'")),
                _ => keys.push(a),
            }
        }
        i += 1;
    }
    let Some(n) = partitions else {
        return Outcome::usage("partition: --partitions N is required");
    };
    if keys.is_empty() {
        return Outcome::usage("partition: give at least one KEY");
    }
    let mut rows = Vec::with_capacity(keys.len());
    for (index, key) in keys.iter().enumerate() {
        let bytes = if hex {
            match murmur2::parse_hex_key(key) {
                Ok(b) => b,
                Err(e) => return Outcome::error(format!("KEY {} ('{key}'): {e}", index + 1)),
            }
        } else {
            key.as_bytes().to_vec()
        };
        let h = murmur2::murmur2(&bytes);
        rows.push(KeyPartition { key: (*key).clone(), murmur2: h, partition: murmur2::to_positive(h) % n });
    }
    if json {
        Outcome::ok(format!("{}\n", serde_json::to_string(&rows).expect("rows serialize")))
    } else {
        Outcome::ok(rows.iter().map(|r| format!("{}\t{}\n", r.key, r.partition)).collect())
    }
}

pub(super) fn cmd_offsets_partition(args: &[String]) -> Outcome {
    use crate::sim::group::java::offsets_partition_for;
    let mut partitions: u32 = 50;
    let mut groups: Vec<&String> = Vec::new();
    let mut only_groups = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if only_groups {
            groups.push(a);
        } else {
            match a.as_str() {
                "--" => only_groups = true,
                "--partitions" => {
                    match parse_number::<u32>("--partitions", args.get(i + 1)) {
                        Ok(n) if n >= 1 => partitions = n,
                        Ok(_) => return Outcome::usage("--partitions: must be at least 1"),
                        Err(o) => return o,
                    }
                    i += 1;
                }
                s if s.starts_with('-') && s.len() > 1 => {
                    return Outcome::usage(format!(
                        "offsets-partition: unknown option '{s}' (use -- before a group id starting with '-')"
                    ))
                }
                _ => groups.push(a),
            }
        }
        i += 1;
    }
    if groups.is_empty() {
        return Outcome::usage("offsets-partition: give at least one GROUP");
    }
    Outcome::ok(groups.iter().map(|g| format!("{g}\t{}\n", offsets_partition_for(g, partitions))).collect())
}
