//! The JavaScript API for embedding: `mount(element, options)` returns a handle with `play`,
//! `pause`, `step`, `seek`, `load`, `on`, `setVisible` and `destroy`. Options and events cross
//! the boundary with serde-wasm-bindgen; bad options are thrown as `{option, message}`.
//! Several playgrounds on one page share this module, each with its own model and clock.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::app::embed::{EmbedError, EmbedOptions};
use crate::app::travel::MarkerKind;
use crate::app::{Action, AppModel};

/// What an embedded `App` starts from.
pub struct EmbedInit {
    pub root: web_sys::Element,
    pub model: RefCell<Option<AppModel>>,
    pub remote: Remote,
}

impl PartialEq for EmbedInit {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The handle's side of an embedded app: its dispatcher and the listeners.
#[derive(Default)]
pub struct Remote {
    dispatch: RefCell<Option<Callback<Action>>>,
    /// `(event name, callback)`. Invariant: at most `LISTENERS_MAX`.
    listeners: RefCell<Vec<(MarkerKind, js_sys::Function)>>,
    playing: RefCell<bool>,
    now_ms: RefCell<u64>,
}

/// Most listeners per playground.
pub const LISTENERS_MAX: usize = 64;

impl Remote {
    pub fn connect(&self, dispatch: Callback<Action>) {
        *self.dispatch.borrow_mut() = Some(dispatch);
    }

    fn send(&self, action: Action) {
        if let Some(d) = self.dispatch.borrow().as_ref() {
            d.emit(action);
        }
    }

    /// After an update: tell the listeners.
    pub fn notify(&self, notable: &[(MarkerKind, crate::sim::Event)], playing: bool, now_ms: u64) {
        *self.playing.borrow_mut() = playing;
        *self.now_ms.borrow_mut() = now_ms;
        let listeners = self.listeners.borrow();
        if listeners.is_empty() {
            return;
        }
        for (kind, event) in notable {
            // Through `serde_json::Value`, the way the trace export serialises events: the bundle
            // then carries one `Serialize for Event` instead of two (-6 KB gzipped).
            let Some(value) = serde_json::to_value(event)
                .ok()
                .and_then(|v| serde_json::to_string(&v).ok())
                .and_then(|s| js_sys::JSON::parse(&s).ok())
            else {
                continue;
            };
            for (k, f) in listeners.iter() {
                if k == kind {
                    // A listener that throws is the host page's problem, not ours.
                    let _ = f.call1(&JsValue::NULL, &value);
                }
            }
        }
    }
}

fn event_kind(name: &str) -> Option<MarkerKind> {
    Some(match name {
        "commit" => MarkerKind::Commit,
        "crash" => MarkerKind::Crash,
        "rebalance" => MarkerKind::Rebalance,
        "reset" => MarkerKind::Reset,
        "reassignment" => MarkerKind::Reassignment,
        "action" => MarkerKind::Visitor,
        _ => return None,
    })
}

fn throw(e: EmbedError) -> JsValue {
    serde_wasm_bindgen::to_value(&e).unwrap_or_else(|_| JsValue::from_str(&e.to_string()))
}

/// A mounted playground.
#[wasm_bindgen]
pub struct Playground {
    app: Option<yew::AppHandle<super::App>>,
    init: Rc<EmbedInit>,
}

/// Mount a playground into `element`. `options`: `{lesson, scenario, lang, theme, controls,
/// autoplay, seed, start, origins}` (all optional). Throws `{option, message}` for bad options.
#[wasm_bindgen(js_name = mount)]
pub fn mount_embedded(element: web_sys::Element, options: JsValue) -> Result<Playground, JsValue> {
    super::install_panic_hook();
    let options: EmbedOptions = if options.is_undefined() || options.is_null() {
        EmbedOptions::default()
    } else {
        // serde-wasm-bindgen reads only the fields it knows: name the others ourselves.
        if let Some(obj) = options.dyn_ref::<js_sys::Object>() {
            for key in js_sys::Object::keys(obj).iter().filter_map(|k| k.as_string()) {
                if !crate::app::embed::OPTION_NAMES.contains(&key.as_str()) {
                    return Err(throw(EmbedError {
                        option: key.chars().take(40).collect(),
                        message: format!("is not an option ({})", crate::app::embed::OPTION_NAMES.join(", ")),
                    }));
                }
            }
        }
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| throw(EmbedError { option: "options".into(), message: e.to_string() }))?
    };
    mount_options(element, options)
}

fn mount_options(element: web_sys::Element, options: EmbedOptions) -> Result<Playground, JsValue> {
    super::install_panic_hook();
    let config = options.validate().map_err(throw)?;
    let width = Some(element.client_width() as f64).filter(|w| *w > 0.0).unwrap_or(800.0);
    let lang =
        crate::i18n::Lang::from_tag(&web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default());
    let model = AppModel::embedded(&config, lang, width)
        .map_err(|message| throw(EmbedError { option: "scenario".into(), message }))?;
    // Its language and theme are on its root from the start (the first render comes later, and
    // `kafka-playground:ready` fires when `mount` returns).
    let _ = element.set_attribute("lang", model.lang.code());
    let _ = element.set_attribute("data-theme", model.theme.attr());
    let init =
        Rc::new(EmbedInit { root: element.clone(), model: RefCell::new(Some(model)), remote: Remote::default() });
    let props = super::AppProps { autoplay: false, embed: Some(init.clone()) };
    let app = yew::Renderer::<super::App>::with_root_and_props(element, props).render();
    Ok(Playground { app: Some(app), init })
}

/// Mount with string options, as `name=value` pairs (`[[name, value], ...]`): the attributes of
/// `<kafka-playground>` and the URL parameters of `embed.html`. Throws `{option, message}`.
#[wasm_bindgen(js_name = mountPairs)]
pub fn mount_pairs(element: web_sys::Element, pairs: JsValue) -> Result<Playground, JsValue> {
    let pairs: Vec<(String, String)> = serde_wasm_bindgen::from_value(pairs)
        .map_err(|e| throw(EmbedError { option: "options".into(), message: e.to_string() }))?;
    let options = EmbedOptions::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(throw)?;
    mount_options(element, options)
}

#[wasm_bindgen]
impl Playground {
    pub fn play(&self) {
        if !*self.init.remote.playing.borrow() {
            self.init.remote.send(Action::TogglePlay);
        }
    }

    pub fn pause(&self) {
        if *self.init.remote.playing.borrow() {
            self.init.remote.send(Action::TogglePlay);
        }
    }

    /// To the next event.
    pub fn step(&self) {
        self.init.remote.send(Action::StepEvent);
    }

    /// To a simulated moment (ms; at most the furthest reached).
    pub fn seek(&self, ms: f64) {
        if ms.is_finite() && ms >= 0.0 {
            self.init.remote.send(Action::Seek(ms as u64));
        }
    }

    /// Start another scenario: a preset id, a scenario file's JSON or a share link.
    pub fn load(&self, scenario: String) -> Result<(), JsValue> {
        let options = EmbedOptions { scenario: Some(scenario), ..EmbedOptions::default() };
        let config = options.validate().map_err(throw)?;
        match config.source {
            crate::app::embed::Source::Preset(p) => self.init.remote.send(Action::LoadPreset(p.id().to_string())),
            crate::app::embed::Source::Scenario(s) => {
                self.init.remote.send(Action::LoadScenario(crate::scenario::to_json(&s)))
            }
            crate::app::embed::Source::Shared(_) => {
                let text = options_scenario(&config);
                self.init.remote.send(Action::OpenShareLink(text));
            }
        }
        Ok(())
    }

    /// Call `callback(event)` on `commit`, `crash`, `rebalance`, `reset`, `reassignment` or
    /// `action` (the visitor's).
    pub fn on(&self, event: String, callback: js_sys::Function) -> Result<(), JsValue> {
        let kind = event_kind(&event).ok_or_else(|| {
            throw(EmbedError {
                option: "event".into(),
                message: format!(
                    "'{}' is not an event (commit, crash, rebalance, reset, reassignment, action)",
                    event.chars().take(40).collect::<String>()
                ),
            })
        })?;
        let mut l = self.init.remote.listeners.borrow_mut();
        if l.len() >= LISTENERS_MAX {
            return Err(throw(EmbedError {
                option: "event".into(),
                message: format!("at most {LISTENERS_MAX} listeners"),
            }));
        }
        l.push((kind, callback));
        Ok(())
    }

    /// Off screen: pause (and play again when back, if it was playing).
    #[wasm_bindgen(js_name = setVisible)]
    pub fn set_visible(&self, visible: bool) {
        self.init.remote.send(Action::SetVisible(visible));
    }

    #[wasm_bindgen(getter)]
    pub fn playing(&self) -> bool {
        *self.init.remote.playing.borrow()
    }

    /// Simulated time, ms.
    #[wasm_bindgen(getter, js_name = timeMs)]
    pub fn time_ms(&self) -> f64 {
        *self.init.remote.now_ms.borrow() as f64
    }

    /// Unmount: the clock stops, listeners are dropped, the element is emptied.
    pub fn destroy(&mut self) {
        self.init.remote.listeners.borrow_mut().clear();
        *self.init.remote.dispatch.borrow_mut() = None;
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn options_scenario(config: &crate::app::embed::EmbedConfig) -> String {
    match &config.source {
        crate::app::embed::Source::Shared(sh) => crate::scenario::share::encode(&sh.scenario, sh.seed, sh.at_ms)
            .map(|l| format!("#run={l}"))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The benchmark page (`bench.html`): simulate `sim_ms` of a benchmark scenario (`default` or
/// `heavy`, at `rate` records/s) after 5 s of warm-up; returns the records appended. The page
/// times it (the core has no clock).
#[wasm_bindgen(js_name = benchCore)]
pub fn bench_core(name: &str, rate: f64, sim_ms: f64) -> Result<f64, JsValue> {
    let scenario = match name {
        "default" => crate::scenario::bench::default_at(Some(rate)),
        "heavy" => crate::scenario::bench::heavy(rate),
        other => return Err(JsValue::from_str(&format!("benchCore: unknown scenario '{other}' (default, heavy)"))),
    };
    let mut run = crate::scenario::bench::start(&scenario);
    crate::scenario::bench::advance(&mut run, 5_000);
    Ok(crate::scenario::bench::advance(&mut run, sim_ms.max(0.0) as u64) as f64)
}

/// Start the memory benchmark: the page's model (with time travel's checkpoints and the
/// history) on the default scenario at `rate` records/s. `benchMemoryAdvance` moves it on.
#[wasm_bindgen(js_name = benchMemoryStart)]
pub fn bench_memory_start(rate: f64) {
    let model =
        AppModel::with_scenario(crate::scenario::bench::default_at(Some(rate)), None, crate::i18n::Lang::En, 1280.0);
    BENCH_MODEL.with(|m| *m.borrow_mut() = Some(model));
}

/// Advance the memory benchmark's model by `minutes` of simulated time as the page would
/// (frames of 100 ms); returns the wasm memory size in bytes.
#[wasm_bindgen(js_name = benchMemoryAdvance)]
pub fn bench_memory_advance(minutes: f64) -> f64 {
    BENCH_MODEL.with(|m| {
        if let Some(model) = m.borrow_mut().as_mut() {
            for _ in 0..(minutes.max(0.0) * 600.0) as u64 {
                model.update(Action::Step100Ms);
            }
        }
    });
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().map(|b| b.byte_length() as f64).unwrap_or(0.0))
        .unwrap_or(0.0)
}

thread_local! {
    static BENCH_MODEL: RefCell<Option<AppModel>> = const { RefCell::new(None) };
}
