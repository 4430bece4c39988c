//! `kafka-playground assign`: Kafka's assignors on a JSON input.

use super::*;

pub(super) fn cmd_assign(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    use crate::sim::group::assignor::{assign, Strategy};
    let mut strategy: Option<Strategy> = None;
    let mut path: Option<&String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--strategy" => {
                let Some(v) = args.get(i + 1) else {
                    return Outcome::usage("--strategy needs a value (range, roundrobin, sticky, cooperative-sticky)");
                };
                match Strategy::parse(v) {
                    Some(s) => strategy = Some(s),
                    None => {
                        return Outcome::usage(format!(
                            "--strategy: unknown assignor '{v}' (range, roundrobin, sticky, cooperative-sticky)"
                        ))
                    }
                }
                i += 1;
            }
            s if s.starts_with('-') && s.len() > 1 => return Outcome::usage(format!("assign: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("assign: unexpected argument '{a}' (one FILE only)"));
                }
                path = Some(a);
            }
        }
        i += 1;
    }
    let Some(strategy) = strategy else { return Outcome::usage("assign: --strategy is required") };
    let Some(path) = path else { return Outcome::usage("assign: no FILE given") };
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => return Outcome::error(format!("cannot read {path}: {e}")),
    };
    let input = match crate::cli::group_input::parse_assign_input(&text) {
        Ok(v) => v,
        Err(e) => return Outcome::error(format!("{path}: {e}")),
    };
    match assign(strategy, &input.partitions_per_topic, &input.members) {
        Err(e) => Outcome::error(format!("assignor {}: {e:?}", strategy.name())),
        Ok(a) => {
            // An object keyed by member id (keys sorted), each list sorted by topic then partition.
            let mut out = serde_json::Map::new();
            for m in &input.members {
                let list: Vec<serde_json::Value> =
                    a.get(&m.id).map(|l| l.iter().map(|tp| tp.name().into()).collect()).unwrap_or_default();
                out.insert(m.id.clone(), list.into());
            }
            Outcome::ok(format!("{}\n", serde_json::Value::Object(out)))
        }
    }
}
