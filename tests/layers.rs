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
            // `super::super::` could climb out of a layer unseen: name the layer instead.
            if line.contains("super::super::") {
                offending.push(format!("{}:{}: super::super:: (write crate::LAYER::)", file.display(), n + 1));
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

/// Files a newcomer can read: none over `FILE_LINES_MAX` lines but the word table.
const FILE_LINES_MAX: usize = 800;
/// Functions a newcomer can read: none over `FN_LINES_MAX` lines but tables.
const FN_LINES_MAX: usize = 120;
/// Tables, not logic: the i18n word table (one arm per word and language).
const TABLES: &[&str] = &["src/i18n/words.rs"];

/// Lines of each `fn` in a file (from its signature to its closing brace, braces counted outside
/// strings, chars and comments).
fn function_lengths(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let t = t.strip_prefix("pub(super) ").or_else(|| t.strip_prefix("pub(crate) ")).unwrap_or(t);
        let t = t.strip_prefix("pub(in crate::sim) ").or_else(|| t.strip_prefix("pub ")).unwrap_or(t);
        let t = t.strip_prefix("const ").unwrap_or(t);
        let Some(rest) = t.strip_prefix("fn ") else { continue };
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let (mut depth, mut started) = (0i64, false);
        for (j, l) in lines.iter().enumerate().skip(i) {
            let code = strip_strings(l);
            for c in code.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        started = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !started && code.trim_end().ends_with(';') {
                break;
            }
            if started && depth == 0 {
                out.push((name.clone(), i + 1, j - i + 1));
                break;
            }
        }
    }
    out
}

/// A line without its string and char literals and its `//` comment.
fn strip_strings(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                // A char literal ('x', '\n', '{'); a lifetime ('a) has no closing quote nearby.
                let ahead: String = chars.clone().take(3).collect();
                if ahead.starts_with('\\') {
                    chars.nth(2);
                } else if ahead.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            '/' if chars.peek() == Some(&'/') => break,
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn files_and_functions_stay_short_enough_to_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut long = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root).expect("under the crate").to_string_lossy().replace('\\', "/");
        if TABLES.contains(&rel.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("utf-8");
        let n = text.lines().count();
        if n > FILE_LINES_MAX {
            long.push(format!("{rel}: {n} lines"));
        }
        for (name, at, len) in function_lengths(&text) {
            if len > FN_LINES_MAX {
                long.push(format!("{rel}:{at}: fn {name} is {len} lines"));
            }
        }
    }
    assert!(long.is_empty(), "too long to read:\n{}", long.join("\n"));
}

#[test]
fn the_length_check_counts_a_function_it_can_see() {
    let text = "fn a() {\n    let s = \"}\";\n    let c = '{';\n}\n\npub fn b(x: u32) -> u32 {\n    x\n}\n";
    assert_eq!(function_lengths(text), vec![("a".to_string(), 1, 4), ("b".to_string(), 6, 3)]);
}
