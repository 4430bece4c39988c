//! `kafka-playground place-replicas`: Kafka's replica placement.

use super::*;

pub(super) fn cmd_place_replicas(args: &[String]) -> Outcome {
    use crate::sim::cluster::placement::{assign_replicas_to_brokers, BrokerMetadata};
    let mut brokers: Option<Vec<i32>> = None;
    let mut partitions: Option<i32> = None;
    let mut rf: Option<i32> = None;
    let mut start_index = 0i32;
    let mut start_partition = -1i32;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1);
        let int = |name: &str| -> Result<i32, Outcome> {
            let v = value.ok_or_else(|| Outcome::usage(format!("{name} needs a value")))?;
            v.parse::<i32>().map_err(|_| Outcome::usage(format!("{name}: '{v}' is not a whole number")))
        };
        let r: Result<(), Outcome> = match a {
            "--brokers" => match value {
                None => Err(Outcome::usage("--brokers needs a list such as 0,1,2")),
                Some(v) => {
                    let parsed: Result<Vec<i32>, String> = v
                        .split(',')
                        .enumerate()
                        .map(|(k, b)| {
                            b.trim()
                                .parse::<i32>()
                                .map_err(|_| format!("--brokers: entry {} ('{b}') is not a broker id", k + 1))
                        })
                        .collect();
                    match parsed {
                        Ok(list) => {
                            let mut seen = crate::util::ordmap::OrdSet::new();
                            if let Some(d) = list.iter().find(|b| !seen.insert(**b)) {
                                Err(Outcome::usage(format!("--brokers: broker {d} is listed twice")))
                            } else {
                                brokers = Some(list);
                                i += 1;
                                Ok(())
                            }
                        }
                        Err(e) => Err(Outcome::usage(e)),
                    }
                }
            },
            "--partitions" => int(a).map(|v| {
                partitions = Some(v);
                i += 1;
            }),
            "--replication-factor" => int(a).map(|v| {
                rf = Some(v);
                i += 1;
            }),
            "--start-index" => int(a).and_then(|v| {
                if v < 0 {
                    Err(Outcome::usage("--start-index must be 0 or more (omit it for Kafka's random choice)"))
                } else {
                    start_index = v;
                    i += 1;
                    Ok(())
                }
            }),
            "--start-partition" => int(a).map(|v| {
                start_partition = v;
                i += 1;
            }),
            other => Err(Outcome::usage(format!("place-replicas: unknown option '{other}'"))),
        };
        if let Err(o) = r {
            return o;
        }
        i += 1;
    }
    let Some(brokers) = brokers else { return Outcome::usage("place-replicas: --brokers is required") };
    let Some(partitions) = partitions else { return Outcome::usage("place-replicas: --partitions is required") };
    let Some(rf) = rf else { return Outcome::usage("place-replicas: --replication-factor is required") };
    if partitions > 10_000 {
        return Outcome::usage("--partitions: at most 10000");
    }
    let metas: Vec<BrokerMetadata> = brokers.iter().map(|id| BrokerMetadata { id: *id, rack: None }).collect();
    match assign_replicas_to_brokers(&metas, partitions, rf, start_index, start_partition, &mut |_| 0) {
        Ok(map) => {
            let body: Vec<String> = map
                .iter()
                .map(|(p, r)| format!("\"{p}\": [{}]", r.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")))
                .collect();
            Outcome::ok(format!("{{{}}}\n", body.join(", ")))
        }
        Err(e) => Outcome::error(e.to_string()),
    }
}
