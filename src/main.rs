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
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    std::process::exit(outcome.code);
}

/// In the browser the same binary is the playground (Trunk builds it for wasm32).
#[cfg(target_arch = "wasm32")]
fn main() {
    kafka_playground::ui::start();
}
