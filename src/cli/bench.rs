//! `kafka-playground bench`: the benchmark scenarios, timed (the one clock read).

use super::*;

/// `bench`: the only place the tool reads a clock (the core never does).
pub(super) fn cmd_bench(args: &[String]) -> Outcome {
    let mut name = "heavy".to_string();
    let mut rate = 100_000.0;
    let mut seconds = 10u64;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1);
        match args[i].as_str() {
            "--scenario" => match value.map(String::as_str) {
                Some(v @ ("default" | "heavy")) => name = v.to_string(),
                Some(v) => return Outcome::usage(format!("--scenario: '{v}' is not default or heavy")),
                None => return Outcome::usage("--scenario needs a value (default or heavy)"),
            },
            "--rate" => match parse_number::<f64>("--rate", value) {
                Ok(v) if v > 0.0 && v <= 1_000_000.0 => rate = v,
                Ok(_) => return Outcome::usage("--rate: must be more than 0 and at most 1000000"),
                Err(o) => return o,
            },
            "--seconds" => match parse_number::<u64>("--seconds", value) {
                Ok(v) if (1..=3600).contains(&v) => seconds = v,
                Ok(_) => return Outcome::usage("--seconds: must be between 1 and 3600"),
                Err(o) => return o,
            },
            other => return Outcome::usage(format!("bench: unknown option '{other}'")),
        }
        i += 2;
    }
    let scenario = if name == "heavy" {
        crate::scenario::bench::heavy(rate)
    } else {
        crate::scenario::bench::default_at(Some(rate))
    };
    let mut run = crate::scenario::bench::start(&scenario);
    crate::scenario::bench::advance(&mut run, 5_000);
    let t0 = std::time::Instant::now();
    let records = crate::scenario::bench::advance(&mut run, seconds * 1000);
    let wall = t0.elapsed().as_secs_f64();
    Outcome::ok(format!(
        "{{\"scenario\": \"{name}\", \"rate\": {rate}, \"simulated_ms\": {}, \"records\": {records}, \"wall_ms\": {:.1}, \"records_per_second\": {:.0}}}\n",
        seconds * 1000,
        wall * 1000.0,
        records as f64 / wall.max(1e-9)
    ))
}
