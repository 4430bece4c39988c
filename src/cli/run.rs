//! `kafka-playground run`: a scenario headless, its report as text or JSON.

use super::*;

pub(super) fn cmd_run(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    let mut path: Option<&String> = None;
    let mut until: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut format = Format::Text;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--until" => match parse_number::<u64>("--until", args.get(i + 1)) {
                Ok(v) if v >= 1 && v <= UNTIL_MS_MAX => {
                    until = Some(v);
                    i += 1;
                }
                Ok(_) => return Outcome::usage(format!("--until: must be between 1 and {UNTIL_MS_MAX} ms")),
                Err(o) => return o,
            },
            "--seed" => match parse_number::<u64>("--seed", args.get(i + 1)) {
                Ok(v) => {
                    seed = Some(v);
                    i += 1;
                }
                Err(o) => return o,
            },
            "--format" => {
                format = match args.get(i + 1).map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("text") => Format::Text,
                    Some(other) => return Outcome::usage(format!("--format: '{other}' is not json or text")),
                    None => return Outcome::usage("--format needs a value (json or text)"),
                };
                i += 1;
            }
            s if s.starts_with('-') && s.len() > 1 => return Outcome::usage(format!("run: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("run: unexpected argument '{a}' (one scenario file only)"));
                }
                path = Some(a);
            }
        }
        i += 1;
    }
    let Some(path) = path else {
        return Outcome::usage("run: no scenario file given");
    };
    let (run, until_ms) = match run_scenario(path, seed, until, read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let report = Report::from_run(&run, until_ms);
    Outcome::ok(match format {
        Format::Json => format!("{}\n", report.to_json()),
        Format::Text => report.to_text(),
    })
}
