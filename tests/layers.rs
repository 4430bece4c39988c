//! The layers' rules, checked: each folder of `src/` is a layer and imports only the layers
//! below it (`LAYERS`, lowest first); `src/util` imports nothing from the crate; `src/sim`
//! imports nothing but itself and `util`, so the simulation stays pure and never learns of the
//! page, the tools or the browser. Only `ui` touches the browser; nothing reads a clock.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::X` a layer's files name, where X is not in `allowed`, and any browser or clock.
fn reaches_outside(dir: &str, allowed: &[&str], exempt: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(!files.is_empty(), "found {dir}");
    let mut offending = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("utf-8");
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("crate::") {
                let module: String =
                    rest[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !allowed.contains(&module.as_str()) {
                    offending.push(format!("{}:{}: crate::{module}", file.display(), n + 1));
                }
                rest = &rest[i + 7..];
            }
            for banned in ["web_sys", "js_sys", "wasm_bindgen", "yew::", "Instant::now", "SystemTime"] {
                if line.contains(banned) && !exempt.contains(&banned) && !line.trim_start().starts_with("//") {
                    offending.push(format!("{}:{}: {banned}", file.display(), n + 1));
                }
            }
        }
    }
    offending
}

#[test]
fn the_simulation_imports_only_itself_and_util() {
    let offending = reaches_outside("src/sim", &["sim", "util"], &[]);
    assert!(offending.is_empty(), "the core reaches outside itself:\n{}", offending.join("\n"));
}

#[test]
fn util_imports_nothing_from_the_crate() {
    let offending = reaches_outside("src/util", &["util"], &[]);
    assert!(offending.is_empty(), "util reaches into the crate:\n{}", offending.join("\n"));
}

/// The layers, lowest first. A layer may import itself and any layer before it; `ui` (the
/// browser, wasm32 only) and `cli` (native only) are the two faces on top.
const LAYERS: &[&str] = &["util", "sim", "format", "tools", "scenario", "i18n", "view", "app"];

#[test]
fn every_layer_imports_only_the_layers_below_it() {
    let mut offending = Vec::new();
    for (i, layer) in LAYERS.iter().enumerate() {
        offending.extend(reaches_outside(&format!("src/{layer}"), &LAYERS[..=i], &[]));
    }
    // The command-line tool never needs the page (its benchmark is the one clock read); the
    // browser face may use everything, and only it touches the browser.
    let cli = ["util", "sim", "format", "tools", "scenario", "cli"];
    offending.extend(reaches_outside("src/cli", &cli, &["Instant::now"]));
    let mut with_ui = LAYERS.to_vec();
    with_ui.push("ui");
    offending.extend(reaches_outside("src/ui", &with_ui, &["web_sys", "js_sys", "wasm_bindgen", "yew::"]));
    assert!(offending.is_empty(), "a layer imports one above it:\n{}", offending.join("\n"));
}

#[test]
fn every_source_file_lives_in_a_layer_folder() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut loose = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if path.is_dir() {
            assert!(LAYERS.contains(&name.as_str()) || name == "ui" || name == "cli", "src/{name} is not a layer");
        } else if name != "lib.rs" && name != "main.rs" {
            loose.push(name);
        }
    }
    assert!(loose.is_empty(), "files outside the layer folders: {loose:?}");
}
