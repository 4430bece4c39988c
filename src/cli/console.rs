//! `kafka-playground console`: the Kafka console on standard input.

use super::*;

pub(super) fn cmd_console(args: &[String], read: &dyn Fn(&str) -> Result<String, String>) -> Outcome {
    use crate::tools::console::Console;
    let mut path: Option<&String> = None;
    let mut at: Option<u64> = None;
    let mut seed: Option<u64> = None;
    let mut lines: Vec<String> = Vec::new();
    let mut console = Console::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = args.get(i + 1);
        match a {
            "--at" => match parse_number::<u64>(a, value) {
                Ok(v) => at = Some(v.min(UNTIL_MS_MAX)),
                Err(o) => return o,
            },
            "--seed" => match parse_number::<u64>(a, value) {
                Ok(v) => seed = Some(v),
                Err(o) => return o,
            },
            "-c" => match value {
                Some(v) => lines.push(v.clone()),
                None => return Outcome::usage("-c needs a command line"),
            },
            "--file" => {
                let Some((name, file)) = value.and_then(|v| v.split_once('=')) else {
                    return Outcome::usage("--file needs NAME=PATH");
                };
                let text = match read(file) {
                    Ok(t) => t,
                    Err(e) => return Outcome::error(format!("cannot read {file}: {e}")),
                };
                if let Err(e) = console.write_file(name, &text) {
                    return Outcome::usage(format!("--file: {e}"));
                }
            }
            s if s.starts_with('-') => return Outcome::usage(format!("console: unknown option '{s}'")),
            _ => {
                if path.is_some() {
                    return Outcome::usage(format!("console: unexpected argument '{a}'"));
                }
                path = Some(&args[i]);
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let Some(path) = path else { return Outcome::usage("console: no SCENARIO.json given") };
    let (mut run, _) = match run_scenario(path, seed, at, read) {
        Ok(r) => r,
        Err(o) => return o,
    };
    console.base = read(path).ok().and_then(|t| scenario::parse(&t).ok());
    if lines.is_empty() {
        match read("-") {
            Ok(text) => lines = text.lines().map(str::to_string).collect(),
            Err(e) => return Outcome::error(format!("cannot read standard input: {e}")),
        }
    }
    let mut stdout = String::new();
    let mut failed = false;
    for line in &lines {
        stdout.push_str(console.prompt());
        stdout.push_str(line);
        stdout.push('\n');
        // `sleep S`: let S seconds of simulated time pass (the page has its own clock).
        if let Some(secs) = line.trim().strip_prefix("sleep ") {
            match secs.trim().parse::<f64>() {
                Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => {
                    let until = (run.sim.now_ms() + (v * 1000.0) as u64).min(UNTIL_MS_MAX);
                    run.run_until(until, &mut |_| {});
                }
                _ => {
                    stdout.push_str(&format!("sleep: '{}' is not a number of seconds (0 to 86400)\n", secs.trim()));
                    failed = true;
                }
            }
            continue;
        }
        let o = console.exec(&mut run.sim, line);
        stdout.push_str(&o.output);
        failed |= o.error;
    }
    stdout.push_str(&console.end_input().output);
    Outcome { stdout, stderr: String::new(), code: if failed { 1 } else { 0 } }
}
