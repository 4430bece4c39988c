//! The lowest layers' rules, checked: `src/util` imports nothing from the crate; `src/sim`
//! imports nothing but itself and `util`, so the simulation stays pure and never learns of the
//! page, the tools or the browser.
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
fn reaches_outside(dir: &str, allowed: &[&str]) -> Vec<String> {
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
                if line.contains(banned) && !line.trim_start().starts_with("//") {
                    offending.push(format!("{}:{}: {banned}", file.display(), n + 1));
                }
            }
        }
    }
    offending
}

#[test]
fn the_simulation_imports_only_itself_and_util() {
    let offending = reaches_outside("src/sim", &["sim", "util"]);
    assert!(offending.is_empty(), "the core reaches outside itself:\n{}", offending.join("\n"));
}

#[test]
fn util_imports_nothing_from_the_crate() {
    let offending = reaches_outside("src/util", &["util"]);
    assert!(offending.is_empty(), "util reaches into the crate:\n{}", offending.join("\n"));
}
