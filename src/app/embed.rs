//! Embedding options, browser-free: the URL parameters of `embed.html`, the attributes of
//! `<kafka-playground>` and the options of the JavaScript `mount()` all become one validated
//! [`EmbedConfig`]. Every error names the option; nothing here panics.

use serde::{Deserialize, Serialize};

use crate::app::lessons::Lesson;
use crate::app::presets::Preset;
use crate::i18n::Lang;
use crate::scenario::{self, Scenario};

/// The options `mount()` takes (JavaScript object keys).
pub const OPTION_NAMES: [&str; 10] =
    ["lesson", "scenario", "lang", "theme", "controls", "autoplay", "seed", "start", "origins", "home"];

/// Largest scenario accepted from a URL parameter or an attribute (characters).
pub const EMBED_SCENARIO_MAX: usize = 64 * 1024;
/// Most origins in a `postMessage` allow-list.
pub const ORIGINS_MAX: usize = 16;

/// How much of the playground an embed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Controls {
    /// Everything the playground page has.
    #[default]
    Full,
    /// The lesson, play/pause/step/speed, the topic and the consumers.
    Minimal,
    /// The topic drawing and the consumers only (pair with `autoplay`).
    None,
}

/// Options as they come from JavaScript (`mount(element, options)`), all optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbedOptions {
    pub lesson: Option<String>,
    /// A preset id, a scenario file's JSON text, or a share link (`v1.…`).
    pub scenario: Option<String>,
    pub lang: Option<String>,
    pub theme: Option<String>,
    pub controls: Option<String>,
    pub autoplay: Option<bool>,
    pub seed: Option<u64>,
    /// Start at this simulated time (ms): the run is replayed to it.
    pub start: Option<u64>,
    /// Origins allowed to command an `embed.html` frame with `postMessage`.
    pub origins: Option<Vec<String>>,
    /// The playground page's address, for "open in the playground" (the loader sets it).
    pub home: Option<String>,
}

/// What the scenario option named.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Preset(Preset),
    Scenario(Box<Scenario>),
    Shared(Box<crate::scenario::share::Shared>),
}

/// Validated embedding options.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedConfig {
    pub lesson: Option<&'static Lesson>,
    pub source: Source,
    pub lang: Option<Lang>,
    pub theme: Theme,
    pub controls: Controls,
    pub autoplay: bool,
    pub seed: Option<u64>,
    pub start_ms: u64,
    pub origins: Vec<String>,
    pub home: Option<String>,
}

/// Why options were refused: the option's name and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmbedError {
    pub option: String,
    pub message: String,
}

impl std::fmt::Display for EmbedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.option, self.message)
    }
}

impl std::error::Error for EmbedError {}

fn err(option: &str, message: impl Into<String>) -> EmbedError {
    EmbedError { option: option.to_string(), message: message.into() }
}

impl EmbedOptions {
    /// From `name=value` pairs (URL query parameters or element attributes). Unknown names are
    /// refused; `autoplay` accepts `""`, `1`, `true`, `0`, `false`; `origins` is a
    /// comma-separated list.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, EmbedError> {
        let mut o = EmbedOptions::default();
        for (k, v) in pairs {
            let text = || Some(v.to_string());
            match k {
                "lesson" => o.lesson = text(),
                "scenario" => o.scenario = text(),
                "lang" => o.lang = text(),
                "theme" => o.theme = text(),
                "controls" => o.controls = text(),
                "autoplay" => {
                    o.autoplay = Some(match v {
                        "" | "1" | "true" | "autoplay" => true,
                        "0" | "false" => false,
                        other => return Err(err("autoplay", format!("'{}' is not true or false", clip(other)))),
                    })
                }
                "seed" => {
                    o.seed = Some(v.parse().map_err(|_| err("seed", format!("'{}' is not a whole number", clip(v))))?)
                }
                "start" | "t" => {
                    o.start = Some(v.parse().map_err(|_| err("start", format!("'{}' is not milliseconds", clip(v))))?)
                }
                "home" => o.home = text(),
                "origins" => {
                    o.origins = Some(v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                }
                // Sizing and page-level attributes handled by the loader.
                "height" | "class" | "id" | "style" => {}
                other => {
                    return Err(err(
                        other,
                        "is not an option (lesson, scenario, lang, theme, controls, autoplay, seed, start, origins)",
                    ))
                }
            }
        }
        Ok(o)
    }

    /// Check every option.
    pub fn validate(self) -> Result<EmbedConfig, EmbedError> {
        let lesson = match self.lesson.as_deref() {
            None | Some("") => None,
            Some(id) => Some(crate::app::lessons::find(id).ok_or_else(|| {
                let ids: Vec<&str> = crate::app::lessons::LESSONS.iter().map(|l| l.id).collect();
                err("lesson", format!("'{}' is not a lesson ({})", clip(id), ids.join(", ")))
            })?),
        };
        let source = match self.scenario.as_deref().map(str::trim) {
            None | Some("") => Source::Preset(lesson.and_then(|l| l.steps[0].load).unwrap_or(Preset::Default)),
            Some(s) if s.len() > EMBED_SCENARIO_MAX => {
                return Err(err("scenario", format!("{} characters; at most {EMBED_SCENARIO_MAX}", s.len())))
            }
            Some(s) if s.starts_with('{') => {
                Source::Scenario(Box::new(scenario::parse(s).map_err(|e| err("scenario", e.to_string()))?))
            }
            Some(s) if s.starts_with("v1.") || s.starts_with("#run=") || s.starts_with("run=") => {
                Source::Shared(Box::new(crate::scenario::share::decode(s).map_err(|e| err("scenario", e.to_string()))?))
            }
            Some(id) => Source::Preset(Preset::from_id(id).ok_or_else(|| {
                let ids: Vec<&str> = Preset::ALL.iter().map(|p| p.id()).collect();
                err(
                    "scenario",
                    format!(
                        "'{}' is not a built-in scenario ({}), scenario JSON or a share link",
                        clip(id),
                        ids.join(", ")
                    ),
                )
            })?),
        };
        let lang = match self.lang.as_deref() {
            None | Some("") => None,
            Some("en") => Some(Lang::En),
            Some("ko") => Some(Lang::Ko),
            Some(other) => return Err(err("lang", format!("'{}' is not en or ko", clip(other)))),
        };
        let theme = match self.theme.as_deref() {
            None | Some("") | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => return Err(err("theme", format!("'{}' is not auto, light or dark", clip(other)))),
        };
        let controls = match self.controls.as_deref() {
            None | Some("") | Some("full") => Controls::Full,
            Some("minimal") => Controls::Minimal,
            Some("none") => Controls::None,
            Some(other) => return Err(err("controls", format!("'{}' is not full, minimal or none", clip(other)))),
        };
        let start_ms = self.start.unwrap_or(0);
        if start_ms > 3_600_000 {
            return Err(err("start", "at most 3600000 ms (an hour of simulated time)"));
        }
        let origins = self.origins.unwrap_or_default();
        if origins.len() > ORIGINS_MAX {
            return Err(err("origins", format!("at most {ORIGINS_MAX}")));
        }
        for (i, o) in origins.iter().enumerate() {
            let ok = (o.starts_with("https://") || o.starts_with("http://"))
                && !o[o.find("//").map_or(0, |p| p + 2)..].contains('/')
                && o.len() <= 200;
            if !ok {
                return Err(err(
                    "origins",
                    format!("entry {} ('{}') is not an origin such as https://example.com", i + 1, clip(o)),
                ));
            }
        }
        let home = match self.home {
            None => None,
            Some(h)
                if (h.starts_with("https://")
                    || h.starts_with("http://")
                    || h.starts_with('/')
                    || h.starts_with("./"))
                    && h.len() <= 500
                    && !h.contains(['"', '<', '>', ' ']) =>
            {
                Some(h)
            }
            Some(h) => return Err(err("home", format!("'{}' is not an http(s) address or a path", clip(&h)))),
        };
        Ok(EmbedConfig {
            home,
            lesson,
            source,
            lang,
            theme,
            controls,
            autoplay: self.autoplay.unwrap_or(false),
            seed: self.seed,
            start_ms,
            origins,
        })
    }
}

/// At most 60 characters of a value, for messages (a hostile value is not echoed in full).
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// The page's colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn attr(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}
