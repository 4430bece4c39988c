//! `kafka-playground export`: the trace, the describe tables, the real-cluster script.

use super::*;

pub(super) fn cmd_export(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    let mut path: Option<&String> = None;
    let mut what: Option<&str> = None;
    let mut at: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--trace" | "--describe" | "--real-cluster" => {
                if what.is_some() {
                    return Outcome::usage("export: give one of --trace, --describe, --real-cluster");
                }
                what = Some(a);
            }
            "--at" | "--seed" => {
                match parse_number::<u64>(a, args.get(i + 1)) {
                    Ok(v) if a == "--at" => at = Some(v.min(UNTIL_MS_MAX)),
                    Ok(v) => seed = Some(v),
                    Err(o) => return o,
                }
                i += 1;
            }
            s if s.starts_with('-') => return Outcome::usage(format!("export: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("export: unexpected argument '{a}'"));
                }
                path = Some(&args[i]);
            }
        }
        i += 1;
    }
    let Some(path) = path else { return Outcome::usage("export: no SCENARIO.json given") };
    let Some(what) = what else { return Outcome::usage("export: give one of --trace, --describe, --real-cluster") };
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => return Outcome::error(format!("cannot read {path}: {e}")),
    };
    let s = match scenario::parse(&text) {
        Ok(s) => s,
        Err(e) => return Outcome::error(format!("{path}: {e}")),
    };
    let until = at.unwrap_or(s.until_ms);
    match what {
        "--trace" => {
            Outcome::ok(format!("{}\n", crate::scenario::export::trace_json(&s, seed.unwrap_or(s.seed), until)))
        }
        "--real-cluster" => Outcome::ok(crate::scenario::export::real_cluster(&s)),
        _ => match run_scenario(path, seed, Some(until), read) {
            Ok((run, _)) => Outcome::ok(crate::scenario::export::describe_text(&run.sim)),
            Err(o) => o,
        },
    }
}
