//! The browser playground (Yew). Compiled for wasm32 only.
//!
//! Architecture Invariant: components hold no Kafka rules. They turn DOM events into
//! [`crate::app::Action`]s and draw [`crate::app::AppModel`]; the one owner of wall-clock time
//! is the `use_animation_clock` hook on the root.

pub mod embed;
mod experience;
mod root;
mod views;

use web_sys::Element;

pub use root::{App, AppProps};

/// Id of the element that shows a panic instead of a dead page.
pub const PANIC_PANEL_ID: &str = "panic-panel";

/// Entry point of the page: install the panic hook and mount into `#app` (or `<body>`).
pub fn start() {
    install_panic_hook();
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    // Only the playground page has #app; pages that embed playgrounds call `mount()` themselves.
    if let Some(root) = document.get_element_by_id("app") {
        // The page opens playing, unless the visitor asked for reduced motion (a share link
        // opens paused at its moment).
        let reduce = web_sys::window()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
            .is_some_and(|q| q.matches());
        yew::Renderer::<App>::with_root_and_props(root, AppProps { autoplay: !reduce, embed: None }).render();
    }
}

/// Mount a playground into an element (tests and embeds mount into their own element).
pub fn mount(root: Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(root, AppProps::default()).render()
}

/// Replace the browser's silent death on a wasm panic with a visible, bilingual error panel.
/// Installing twice is harmless.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let details = info.to_string();
            web_sys::console::error_1(&format!("kafka-playground panicked: {details}").into());
            show_panic_panel(&details);
        }));
    });
}

/// What the panic hook does: show the error panel with `details`. (A panic on wasm32 aborts
/// the module, so tests call this directly instead of panicking.)
pub fn show_panic_panel(details: &str) {
    use crate::i18n::{t, Lang, T};
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lang = document
        .document_element()
        .map(|e| Lang::from_tag(&e.get_attribute("lang").unwrap_or_default()))
        .unwrap_or_default();
    let panel = match document.get_element_by_id(PANIC_PANEL_ID) {
        Some(p) => p,
        None => {
            let Ok(p) = document.create_element("div") else {
                return;
            };
            p.set_id(PANIC_PANEL_ID);
            if let Some(body) = document.body() {
                let _ = body.append_child(&p);
            }
            p
        }
    };
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("class", "panic-panel");
    let _ = panel.remove_attribute("hidden");
    panel.set_text_content(None);
    let add = |tag: &str, text: &str| {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
            Some(el)
        } else {
            None
        }
    };
    add("h2", t(lang, T::PanicTitle));
    add("p", t(lang, T::PanicBody));
    add("pre", details);
    if let Some(a) = add("a", t(lang, T::Reload)) {
        let _ = a.set_attribute("href", "");
        let _ = a.set_attribute("class", "button");
    }
}
