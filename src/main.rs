//! `kafka-playground`: the simulation core, headless (native) or the playground (wasm32).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let read = |path: &str| {
        if path == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text).map_err(|e| e.to_string())
        } else {
            std::fs::read_to_string(path).map_err(|e| e.to_string())
        }
    };
    let outcome = kafka_playground::cli::run(&args, &read);
    // A reader that stops early (`| head`) closes the pipe: what is left is simply not wanted,
    // so a write error ends the output quietly instead of panicking as `print!` would.
    use std::io::Write;
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes()).and_then(|_| std::io::stdout().flush());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}

/// In the browser the same binary is the playground (Trunk builds it for wasm32).
#[cfg(target_arch = "wasm32")]
fn main() {
    kafka_playground::ui::start();
}
