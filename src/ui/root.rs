//! The root component: owns the model (through a reducer), the animation clock, and the
//! window-size listener. Everything else is drawn by `views` from the model.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::{Action, AppModel};

/// The wait before asking for the next frame: with the frame itself, about `REDRAW_MS`.
const TICK_GAP_MS: u32 = crate::app::REDRAW_MS as u32 - 12;
use crate::i18n::Lang;

/// The model behind a reducer. The model is mutated in place (it holds the whole simulation,
/// too big to copy per frame); `version` tells Yew that something changed.
pub struct UiState {
    pub model: Rc<RefCell<AppModel>>,
    pub version: u64,
}

impl PartialEq for UiState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model) && self.version == other.version
    }
}

impl Reducible for UiState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if self.model.borrow().changes_nothing(&action) {
            return self;
        }
        let idle_tick = {
            let mut m = self.model.borrow_mut();
            // A frame redraws only when the model says so (a flight launched, or `REDRAW_MS`
            // passed) or the panels changed; flights move on the compositor in between.
            let tick = if let Action::Tick { wall_ms } = action { Some(wall_ms) } else { None };
            let panels = m.panels.clone();
            m.update(action);
            match tick {
                Some(wall_ms) => !m.take_redraw(wall_ms) && Rc::ptr_eq(&panels, &m.panels),
                None => false,
            }
        };
        if idle_tick {
            return self;
        }
        Rc::new(UiState { model: self.model.clone(), version: self.version + 1 })
    }
}

#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// Start playing at once.
    #[prop_or(false)]
    pub autoplay: bool,
    /// Set for an embedded playground (`mount()` from JavaScript): its first model, its root
    /// element and the handle's remote control.
    #[prop_or_default]
    pub embed: Option<Rc<super::embed::EmbedInit>>,
}

/// Calls `dispatch(Tick)` about every `REDRAW_MS` while something moves (`wants_frames`:
/// playing, or records, commits and fading marks still drawn in motion): a timer, then the next
/// animation frame. Marks in flight move on the compositor in between, so the main thread
/// renders about ten frames a second instead of sixty. When nothing moves, nothing is
/// scheduled, so a paused page costs the main thread nothing; the first change that makes
/// something move (its render bumps `version`) starts the clock again. The pending timer or
/// frame lives in a ref and is dropped (cancelled) on unmount.
#[hook]
fn use_animation_clock(dispatch: UseReducerDispatcher<UiState>, model: Rc<RefCell<AppModel>>, version: u64) {
    enum Pending {
        Timer(#[allow(dead_code)] gloo_timers::callback::Timeout),
        Frame(#[allow(dead_code)] AnimationFrame),
    }
    type Frame = Rc<RefCell<Option<Pending>>>;
    /// The next frame after `TICK_GAP_MS`, or the very next one while `quick` frames remain:
    /// a clock that starts takes two frames at once (the first only notes the wall clock, the
    /// second moves the simulation), so records fly a frame after the stage appears, not a gap.
    fn schedule(frame: Frame, dispatch: UseReducerDispatcher<UiState>, model: Rc<RefCell<AppModel>>, quick: u8) {
        let next = frame.clone();
        let on_frame = move || {
            let again = next.clone();
            let handle = request_animation_frame(move |wall_ms| {
                dispatch.dispatch(Action::Tick { wall_ms });
                if model.borrow().wants_frames() {
                    schedule(again, dispatch, model, quick.saturating_sub(1));
                } else {
                    again.borrow_mut().take();
                }
            });
            *next.borrow_mut() = Some(Pending::Frame(handle));
        };
        if quick == 0 {
            let timer = gloo_timers::callback::Timeout::new(TICK_GAP_MS, on_frame);
            *frame.borrow_mut() = Some(Pending::Timer(timer));
        } else {
            on_frame();
        }
    }
    let frame: Frame = use_mut_ref(|| None);
    {
        let frame = frame.clone();
        use_effect_with(version, move |_| {
            let idle = frame.borrow().is_none();
            if idle && model.borrow().wants_frames() {
                schedule(frame, dispatch, model, 2);
            }
        });
    }
    use_effect_with((), move |_| {
        move || {
            frame.borrow_mut().take();
        }
    });
}

/// Reports the window width and the stage's own width (resize listener dropped on unmount).
#[hook]
fn use_window_width(dispatch: UseReducerDispatcher<UiState>, root: Option<web_sys::Element>) {
    use_effect_with((), move |_| {
        let window = web_sys::window().expect("a window");
        let d = dispatch.clone();
        // An embed measures its own box; the page, the window.
        let stage_root = root.clone();
        let width = move || match &root {
            Some(el) => Some(el.client_width() as f64).filter(|w| *w > 0.0),
            None => web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()),
        };
        // The stage is laid out in CSS pixels of its own box.
        let stage = move || {
            let wrap = match &stage_root {
                Some(el) => el.query_selector(".stage-wrap").ok().flatten(),
                None => web_sys::window()?.document()?.query_selector(".stage-wrap").ok().flatten(),
            };
            wrap.map(|w| w.client_width() as f64).filter(|w| *w > 0.0)
        };
        if let Some(w) = width() {
            d.dispatch(Action::Resize(w));
        }
        if let Some(w) = stage() {
            d.dispatch(Action::StageWidth(w));
        }
        let listener = gloo_events::EventListener::new(&window, "resize", move |_| {
            if let Some(w) = width() {
                d.dispatch(Action::Resize(w));
            }
            if let Some(w) = stage() {
                d.dispatch(Action::StageWidth(w));
            }
        });
        move || drop(listener)
    });
}

/// Keyboard shortcuts on the page (not while typing in a field): space play/pause, → next
/// event, ↓ +100 ms, + and - speed, ? the list of shortcuts.
#[hook]
fn use_keyboard(dispatch: UseReducerDispatcher<UiState>, root: Option<web_sys::Element>) {
    use_effect_with((), move |_| {
        // The page listens on the window; an embed only to keys pressed inside it.
        let target: web_sys::EventTarget = match root {
            Some(el) => el.into(),
            None => web_sys::window().expect("a window").into(),
        };
        let d = dispatch.clone();
        let listener = gloo_events::EventListener::new(&target, "keydown", move |e| {
            let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if k.ctrl_key() || k.meta_key() || k.alt_key() {
                return;
            }
            let typing = k
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if typing {
                return;
            }
            let action = match k.key().as_str() {
                " " => Some(Action::TogglePlay),
                "ArrowRight" => Some(Action::StepEvent),
                "ArrowDown" => Some(Action::Step100Ms),
                "+" | "=" => Some(Action::SpeedUp),
                "-" | "_" => Some(Action::SpeedDown),
                "?" => Some(Action::ToggleShortcuts),
                "Escape" => Some(Action::DismissNotice),
                _ => None,
            };
            if let Some(a) = action {
                k.prevent_default();
                d.dispatch(a);
            }
        });
        move || drop(listener)
    });
}

fn initial_lang() -> Lang {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("kafka-playground.lang").ok().flatten());
    match stored.as_deref() {
        Some("ko") => Lang::Ko,
        Some("en") => Lang::En,
        _ => Lang::from_tag(&web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default()),
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let autoplay = props.autoplay;
    let embed = props.embed.clone();
    let root_el = embed.as_ref().map(|e| e.root.clone());
    let state = {
        let embed = embed.clone();
        use_reducer(move || {
            let first = embed.as_ref().and_then(|e| e.model.borrow_mut().take());
            let model = first.unwrap_or_else(|| {
                let width =
                    web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1280.0);
                let mut model = AppModel::new(initial_lang(), width);
                if autoplay {
                    model.update(Action::TogglePlay);
                    model.draw_stage_first();
                }
                model
            });
            UiState { model: Rc::new(RefCell::new(model)), version: 0 }
        })
    };
    use_animation_clock(state.dispatcher(), state.model.clone(), state.version);
    use_window_width(state.dispatcher(), root_el.clone());
    use_keyboard(state.dispatcher(), root_el.clone());

    let (lang, theme) = {
        let m = state.model.borrow();
        (m.lang, m.theme)
    };
    // The page's language and theme live on <html> (CSS and screen readers read them there);
    // an embed's on its own root, leaving the host page alone.
    {
        let root_el = root_el.clone();
        use_effect_with((lang, theme), move |(lang, theme)| {
            let el = root_el
                .clone()
                .or_else(|| web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()));
            if let Some(el) = el {
                let _ = el.set_attribute("lang", lang.code());
                let _ = el.set_attribute("data-theme", theme.attr());
            }
            if root_el.is_none() {
                if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                    let _ = storage.set_item("kafka-playground.lang", lang.code());
                }
            }
        });
    }

    // One callback for the app's lifetime, so memoised panels see equal props.
    let dispatch = {
        let d = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a: Action| d.dispatch(a)))).clone()
    };
    // The handle's remote control (embeds): its dispatcher, and listeners told of commits,
    // crashes, rebalances, resets and reassignment steps.
    if let Some(e) = &embed {
        e.remote.connect(dispatch.clone());
    }
    {
        let (model, e) = (state.model.clone(), embed.clone());
        use_effect_with(state.version, move |_| {
            if let Some(e) = e {
                let (notable, playing, now) = {
                    let mut m = model.borrow_mut();
                    (std::mem::take(&mut m.notable), m.playing, m.run.sim.now_ms())
                };
                e.remote.notify(&notable, playing, now);
            }
        });
    }
    // A share link in the address (#run=...) opens that run (the page only).
    {
        let (d, is_embed) = (dispatch.clone(), embed.is_some());
        use_effect_with((), move |_| {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            if !is_embed && hash.starts_with("#run=") {
                d.emit(Action::OpenShareLink(hash));
            }
        });
    }
    // Files the model prepared are offered once.
    {
        let model = state.model.clone();
        use_effect_with(state.version, move |_| {
            let file = model.borrow_mut().download.take();
            if let Some(f) = file {
                super::experience::download(f.name, f.mime, &f.text);
            }
        });
    }
    let model = state.model.borrow();
    super::views::page(&model, &dispatch)
}
