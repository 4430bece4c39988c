//! `kafka-playground reassign`: `kafka-reassign-partitions.sh` at a moment of a scenario.

use super::*;
use crate::tools::reassign;

/// `reassign` options, as given.
struct ReassignArgs<'a> {
    action: Option<&'a str>,
    scenario_path: Option<&'a String>,
    at: Option<u64>,
    verify_at: Option<u64>,
    json_file: Option<&'a String>,
    topics_file: Option<&'a String>,
    broker_list: Option<&'a String>,
    throttle: Option<i64>,
    additional: bool,
    preserve: bool,
    disable_rack_aware: bool,
}

/// The command's options, each checked as it is read.
fn parse_args(args: &[String]) -> Result<ReassignArgs<'_>, Outcome> {
    let mut action: Option<&str> = None;
    let mut scenario_path: Option<&String> = None;
    let mut at: Option<u64> = None;
    let mut verify_at: Option<u64> = None;
    let mut json_file: Option<&String> = None;
    let mut topics_file: Option<&String> = None;
    let mut broker_list: Option<&String> = None;
    let mut throttle: Option<i64> = None;
    let mut additional = false;
    let mut preserve = false;
    let mut disable_rack_aware = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1);
        let need = |name: &str| value.ok_or_else(|| Outcome::usage(format!("{name} needs a value")));
        let r: Result<(), Outcome> = match a {
            "--generate" | "--execute" | "--verify" | "--cancel" | "--list" => {
                if action.is_some() {
                    Err(Outcome::usage(
                        "Command must include exactly one action: --generate, --execute, --verify, --cancel, --list",
                    ))
                } else {
                    action = Some(a);
                    Ok(())
                }
            }
            "--scenario" => need(a).map(|v| {
                scenario_path = Some(v);
                i += 1;
            }),
            "--reassignment-json-file" => need(a).map(|v| {
                json_file = Some(v);
                i += 1;
            }),
            "--topics-to-move-json-file" => need(a).map(|v| {
                topics_file = Some(v);
                i += 1;
            }),
            "--broker-list" => need(a).map(|v| {
                broker_list = Some(v);
                i += 1;
            }),
            "--at" | "--verify-at" => parse_number::<u64>(a, value).map(|v| {
                if a == "--at" {
                    at = Some(v.min(UNTIL_MS_MAX));
                } else {
                    verify_at = Some(v.min(UNTIL_MS_MAX));
                }
                i += 1;
            }),
            "--throttle" => match value.map(|v| v.parse::<i64>()) {
                Some(Ok(v)) => {
                    throttle = Some(v);
                    i += 1;
                    Ok(())
                }
                Some(Err(_)) => {
                    Err(Outcome::usage(format!("--throttle: '{}' is not a whole number", value.expect("some"))))
                }
                None => Err(Outcome::usage("--throttle needs a value (bytes per second)")),
            },
            "--additional" => {
                additional = true;
                Ok(())
            }
            "--preserve-throttles" => {
                preserve = true;
                Ok(())
            }
            "--disable-rack-aware" => {
                disable_rack_aware = true;
                Ok(())
            }
            "--bootstrap-server" => {
                // Accepted for copy-paste from Kafka's docs; the simulated cluster is the target.
                i += 1;
                Ok(())
            }
            other => Err(Outcome::usage(format!("reassign: unknown option '{other}'"))),
        };
        r?;
        i += 1;
    }
    Ok(ReassignArgs {
        action,
        scenario_path,
        at,
        verify_at,
        json_file,
        topics_file,
        broker_list,
        throttle,
        additional,
        preserve,
        disable_rack_aware,
    })
}

pub(super) fn cmd_reassign(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    let a = match parse_args(args) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let Some(action) = a.action else {
        return Outcome::usage(
            "Command must include exactly one action: --generate, --execute, --verify, --cancel, --list",
        );
    };
    let Some(path) = a.scenario_path else { return Outcome::usage("reassign: --scenario SCENARIO.json is required") };
    let read_json = |flag: &str, f: Option<&String>| -> Result<String, Outcome> {
        let f = f.ok_or_else(|| Outcome::usage(format!("Missing required argument \"[{flag}]\"")))?;
        read(f).map_err(|e| Outcome::error(format!("cannot read {f}: {e}")))
    };
    let (mut run, _) = match run_scenario(path, None, a.at, read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let tool_error = |e: crate::sim::cluster::reassign::ToolError| Outcome::error(format!("Error: {e}"));
    match action {
        "--list" => Outcome::ok(reassign::list(&run.sim)),
        "--generate" => {
            let topics = match read_json("topics-to-move-json-file", a.topics_file) {
                Ok(t) => t,
                Err(o) => return o,
            };
            let Some(list) = a.broker_list else {
                return Outcome::usage("Missing required argument \"[broker-list]\"");
            };
            match reassign::generate(&mut run.sim, &topics, list, a.disable_rack_aware) {
                Ok(r) => Outcome::ok(r.output),
                Err(e) => tool_error(e),
            }
        }
        "--execute" => {
            let json = match read_json("reassignment-json-file", a.json_file) {
                Ok(t) => t,
                Err(o) => return o,
            };
            match reassign::execute(&mut run.sim, &json, a.throttle, a.additional) {
                Ok(r) => {
                    let mut out = r.output;
                    if let Some(t) = a.verify_at {
                        run.run_until(t.max(run.sim.now_ms()), &mut |_| {});
                        match reassign::verify(&mut run.sim, &json, a.preserve) {
                            Ok(v) => {
                                out.push_str(&format!("\n--verify at {} ms:\n", run.sim.now_ms()));
                                out.push_str(&v.output);
                            }
                            Err(e) => return tool_error(e),
                        }
                    }
                    Outcome::ok(out)
                }
                Err(e) => tool_error(e),
            }
        }
        "--verify" | "--cancel" => {
            let json = match read_json("reassignment-json-file", a.json_file) {
                Ok(t) => t,
                Err(o) => return o,
            };
            let r = if action == "--verify" {
                reassign::verify(&mut run.sim, &json, a.preserve)
            } else {
                reassign::cancel(&mut run.sim, &json, a.preserve)
            };
            match r {
                Ok(r) => Outcome::ok(r.output),
                Err(e) => tool_error(e),
            }
        }
        _ => unreachable!("actions listed above"),
    }
}
