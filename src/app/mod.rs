//! The playground's model: the simulation plus what the page shows (play state, speed, event
//! log, records in flight, language, theme, messages). Pure and browser-free: the UI turns DOM
//! events into [`Action`]s and draws [`AppModel`]; wall-clock time arrives as `Tick`.

mod actions;
pub mod embed;
mod forms;
mod motion;
mod terminal;
#[cfg(test)]
mod tests;

pub use forms::{ConsumerForm, ProducerForm, ReassignForm, ReassignOutput, ResetForm, ResetOutput};
use motion::WallClock;
pub use motion::{
    CommitFlight, Deletion, Flight, Pulse, PulseKind, ResetFlash, DELETION_MS, FLASHES_MAX, PULSES_MAX, RESET_FLASH_MS,
};

/// An object on the stage a visitor opened: its inspector shows its settings and actions; the log view follows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Focus {
    Producer(u32),
    Broker(i32),
    /// A partition (its slot), from any of its replicas.
    Partition(u32),
    Consumer(u32),
    Group(String),
}
pub use terminal::{TermKind, TermLine};
pub mod lessons;
pub mod presets;
pub mod travel;

use crate::util::ordmap::OrdMap;
use std::collections::VecDeque;
use std::rc::Rc;

use serde::Serialize;

use crate::i18n::{FieldError, Lang};
use crate::scenario::{self, Run, Scenario};
use crate::sim::config::{KeyMode, ProducerSpec, RateMode};
use crate::sim::{Command, Event, Rejected, Sim, Snapshot, SnapshotOptions};
use crate::view::{self, Layout, EVENT_LOG_MAX, FLIGHTS_MAX, SPEEDS};

/// Wall-clock duration of one record's flight to its partition, ms.
pub const FLIGHT_MS: f64 = 650.0;
/// Most simulation steps per animation frame (bounded work per frame).
pub const STEPS_PER_FRAME_MAX: usize = 12_000;
/// Largest wall-clock gap one frame accounts for (a tab in the background does not jump ahead;
/// frames come about every `REDRAW_MS`, later on a slow machine).
pub const FRAME_GAP_MS_MAX: f64 = 250.0;
/// How often the page redraws while playing when no flight starts, wall ms (lanes, counters,
/// the clock); flights move on the compositor in between.
pub const REDRAW_MS: f64 = 100.0;
/// How often a playing page takes a snapshot of the logs (the log view's lanes), wall ms:
/// every other redraw (marks keep flying on the compositor in between).
pub const SNAPSHOT_MS: f64 = 200.0;
/// The stage's width, CSS px, in a page (or an embed) `px` wide, as the page's style sheet lays
/// it out: `.playground` at most 1280 px wide with 16 px of padding (8 px at 860 px and below;
/// an embed fills its box with 8 px), the topic panel's 1 px border and 12 px padding. The
/// stage measures itself after the first render (`Action::StageWidth`); when this guessed
/// right, that report changes nothing and the page does not render again.
pub fn stage_px_for_width(px: f64, controls: crate::app::embed::Controls) -> f64 {
    if controls != crate::app::embed::Controls::Full {
        return px - 2.0 * (8.0 + 13.0);
    }
    let padding = if px <= 860.0 { 8.0 } else { 16.0 };
    px.min(1280.0) - 2.0 * (padding + 13.0)
}
/// How long aggregate mode outlasts the last frame that called for it.
pub const AGGREGATE_HOLD_MS: f64 = 1000.0;
/// Flights born within this long of each other (wall ms) to the same partition are bundled
/// when there are too many to draw one by one.
pub const BUNDLE_WINDOW_MS: f64 = 120.0;

pub use crate::app::embed::Theme;

/// What the visitor did, or a frame of the clock.
/// The tabs of panels under the picture, one shown at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Producers and the partition calculator.
    Producers,
    /// Consumers, the groups (`--describe`) and `--reset-offsets`.
    #[default]
    Consumers,
    /// Brokers and `kafka-reassign-partitions.sh`.
    Brokers,
    Charts,
    Console,
    /// The scenario editor and exports.
    Scenario,
    Events,
}

impl Tab {
    pub const ALL: [Tab; 7] =
        [Tab::Consumers, Tab::Producers, Tab::Brokers, Tab::Charts, Tab::Console, Tab::Scenario, Tab::Events];

    pub fn id(self) -> &'static str {
        match self {
            Tab::Producers => "producers",
            Tab::Consumers => "consumers",
            Tab::Brokers => "brokers",
            Tab::Charts => "charts",
            Tab::Console => "console",
            Tab::Scenario => "scenario",
            Tab::Events => "events",
        }
    }

    /// The tab that holds a panel (by its class, as lessons name it).
    pub fn holding(panel: &str) -> Option<Tab> {
        Some(match panel {
            "producers-panel" | "calc-panel" => Tab::Producers,
            "consumers-panel" | "groups-panel" | "reset-panel" => Tab::Consumers,
            "brokers-panel" | "reassign-panel" => Tab::Brokers,
            "charts-panel" => Tab::Charts,
            "console-panel" => Tab::Console,
            "scenario-panel" | "export-panel" => Tab::Scenario,
            "events-panel" => Tab::Events,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A frame: the wall clock (ms, from `performance.now()`).
    Tick {
        wall_ms: f64,
    },
    TogglePlay,
    StepEvent,
    Step100Ms,
    SetSpeed(f64),
    Reset,
    /// Restart with the seed typed in the seed field.
    SetSeed(String),
    AddProducer,
    RemoveProducer(u32),
    UpdateProducer(u32, ProducerForm),
    /// The partition count typed in the topic form.
    AlterPartitions(String),
    SetLang(Lang),
    SetTheme(Theme),
    /// The diagram's width changed (CSS px).
    Resize(f64),
    /// The stage's own box is this wide (CSS px, measured).
    StageWidth(f64),
    /// Add a consumer with the settings typed in the consumer form.
    AddConsumer(ConsumerForm),
    CrashConsumer(u32),
    RestartConsumer(u32),
    CloseConsumer(u32),
    DismissNotice,
    /// Load a preset by id (see [`crate::app::presets::Preset`]).
    LoadPreset(String),
    /// `kafka-consumer-groups.sh --reset-offsets` from the form: a dry run or `--execute`.
    ResetOffsets {
        form: ResetForm,
        execute: bool,
    },
    StopBroker(i32),
    CrashBroker(i32),
    RestartBroker(i32),
    /// Add a broker with the next free id.
    AddBroker,
    /// Decommission (refused while it hosts replicas: a plan to move them off is offered).
    RemoveBroker(i32),
    /// The reassignment editor's text changed.
    EditReassignment(String),
    /// Run `kafka-reassign-partitions.sh` with the editor's JSON.
    Reassign(ReassignForm),
    /// Start the push-model comparison: buffer size (records, as typed) and crash on overflow.
    StartPush {
        buffer: String,
        crash: bool,
    },
    StopPush,
    /// The brokers' produce limit (bytes/s, as typed; empty for none).
    SetProduceLimit(String),
    /// Keyboard: the next faster or slower speed.
    SpeedUp,
    SpeedDown,
    /// Keyboard: show or hide the list of shortcuts.
    ToggleShortcuts,
    /// Show one tab of panels under the picture.
    SelectTab(Tab),
    /// Open (or, with `None`, close) a stage object's inspector.
    Focus(Option<Focus>),
    /// A replica dragged on the stage from one broker to another: drafted into the
    /// reassignment editor as Kafka's JSON (nothing runs until `--execute`).
    DraftMove {
        slot: u32,
        from: i32,
        to: i32,
    },
    /// Scrub to a moment (simulated ms; at most the furthest moment reached).
    Seek(u64),
    /// A line typed into the console (Enter).
    ConsoleLine(String),
    /// Ctrl-D in the console: end the console producer's input.
    ConsoleEnd,
    /// The scenario editor's text changed (validated at once).
    EditScenario(String),
    /// A change to the editor was refused (a field set in text that is not JSON, a file too
    /// large): the text stays, the status says why.
    EditorRefused(crate::scenario::ScenarioError),
    /// Fill the editor with the current run's scenario (its timeline includes your actions).
    EditorFromRun,
    /// Start the editor's scenario (or a loaded file's text).
    LoadScenario(String),
    /// Make a share link for the current run and moment.
    MakeShareLink,
    /// Open a share link's fragment.
    OpenShareLink(String),
    /// Start a guided lesson by id.
    StartLesson(String),
    /// Make an export file (the page offers it for download).
    Export(ExportKind),
    /// An embed scrolled out of view (pause) or back (play again if it was playing).
    SetVisible(bool),
    /// Lesson navigation.
    LessonNext,
    LessonPrev,
    LessonReplay,
    /// Leave the lesson and keep playing freely from here.
    LessonFreePlay,
}

/// Events worth announcing to screen readers (the rest scroll by in the event log).
fn is_key_event(e: &Event) -> bool {
    use crate::sim::cluster::ClusterEvent as Ce;
    use crate::sim::consumer::ConsumerEvent as C;
    match e {
        Event::Consumer { detail, .. } => matches!(
            detail,
            C::RebalanceCompleted { .. }
                | C::PositionReset { .. }
                | C::ConsumerCrashed { .. }
                | C::ConsumerFailed { .. }
                | C::CommitFailed { .. }
                | C::OffsetsExpired { .. }
                | C::PartitionsPaused { .. }
                | C::PartitionsResumed { .. }
        ),
        Event::Cluster { detail, .. } => matches!(
            detail,
            Ce::LeaderElected { .. }
                | Ce::PartitionOffline { .. }
                | Ce::BrokerFenced { .. }
                | Ce::ReassignmentCompleted { .. }
                | Ce::LogTruncated { .. }
        ),
        Event::SendFailed { .. } | Event::ProduceFailed { .. } | Event::AcknowledgedRecordsLost { .. } => true,
        Event::PartitionsAdded { .. } | Event::SegmentsDeleted { .. } => true,
        _ => false,
    }
}

/// A message on the page about the last thing the visitor tried.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Field(FieldError),
    Rejected(Rejected),
    /// The command has no timeline step, so the page does not offer it.
    Unavailable,
}

/// The slowly refreshed data of the text panels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Panels {
    pub producers: Vec<crate::sim::ProducerSnapshot>,
    /// Newest first, numbered.
    pub events: Vec<(u64, Event)>,
    pub partitions: u32,
    /// Consumer ids and their client.id.
    pub consumer_names: Vec<(u32, String)>,
}

/// Most offset commits drawn in flight at once.
pub const COMMIT_FLIGHTS_MAX: usize = 24;
/// Notable events kept per update for embeds' listeners.
pub const NOTABLE_MAX: usize = 64;
/// Lines the terminal keeps.
pub const TERMINAL_LINES_MAX: usize = 400;
/// The console's host, as Kafka's docs write it.
pub const BOOTSTRAP: &str = "localhost:9092";

/// A file for the visitor to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub name: &'static str,
    pub mime: &'static str,
    pub text: String,
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Trace,
    Describe,
    RealCluster,
}

/// The scenario editor: the text and its validation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Editor {
    pub text: String,
    /// `None` until the text is edited; then the parse result (`Ok`: valid).
    pub status: Option<Result<(), FileRefusal>>,
}

/// Why the editor's scenario or a share link cannot run, typed: the view words it in the
/// visitor's language.
#[derive(Debug, Clone, PartialEq)]
pub enum FileRefusal {
    /// The scenario file is refused (where, and why).
    Scenario(crate::scenario::ScenarioError),
    /// The share link is refused.
    Share(crate::scenario::share::ShareError),
    /// Read, but the simulation refuses to start it.
    Start(crate::sim::Rejected),
}

impl std::fmt::Display for FileRefusal {
    /// The English page's words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::Lang;
        match self {
            FileRefusal::Scenario(e) => f.write_str(&crate::i18n::scenario_error(Lang::En, e)),
            FileRefusal::Share(e) => f.write_str(&crate::i18n::share_error(Lang::En, e)),
            FileRefusal::Start(r) => f.write_str(&crate::i18n::rejected_text(Lang::En, r)),
        }
    }
}

/// What the page draws. A page that opens playing draws the header, the controls and the
/// stage first (`Stage`), and everything else (the log view, the open tab) from the first
/// redraw after records have started to fly, or once the simulation has run `STAGE_FIRST_MS`
/// with none: the first records fly before the browser has built and laid out the rest (about
/// 30 % sooner on the full page). Any action but the clock's and the window's draws everything
/// at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawn {
    Stage,
    All,
}

impl Drawn {
    /// The page's `data-drawn` attribute (tests wait for `all`).
    pub fn attr(self) -> &'static str {
        match self {
            Drawn::Stage => "stage",
            Drawn::All => "all",
        }
    }
}

/// Simulated time after which a page drawn stage first draws everything, records or not.
pub const STAGE_FIRST_MS: u64 = 500;

/// The playground's whole state.
#[derive(Debug, Clone)]
pub struct AppModel {
    pub preset: crate::app::presets::Preset,
    pub scenario: Scenario,
    pub run: Run,
    pub seed: u64,
    pub playing: bool,
    pub speed: f64,
    pub lang: Lang,
    pub theme: Theme,
    pub layout: Layout,
    /// The wall-clock bookkeeping (frames, cadence, carry); only `motion.rs` reasons about it.
    clock: WallClock,
    /// Newest first, numbered. Invariant: at most `EVENT_LOG_MAX` entries.
    pub event_log: VecDeque<(u64, Event)>,
    /// What the text panels show, refreshed with each snapshot (at most every `SNAPSHOT_MS`).
    pub panels: Rc<Panels>,
    /// Invariant: at most `FLIGHTS_MAX` entries.
    pub flights: VecDeque<Flight>,
    /// Per partition, the highest offset whose record has landed on the page.
    pub landed: OrdMap<u32, u64>,
    pub notice: Option<Notice>,
    /// Per producer with fixed keys, its latest metadata refresh that saw new partitions (the
    /// keys that moved), for the topic panel.
    pub key_moves: OrdMap<u32, Event>,
    pub snapshot: Snapshot,
    /// The lanes drawn from `snapshot` (recomputed with it).
    pub lanes: Rc<Vec<view::LaneVm>>,
    /// Consumers, groups and lane markers (refreshed with the text panels, at most every
    /// `SNAPSHOT_MS`).
    pub consumers: Rc<view::ConsumersVm>,
    /// Offset commits on their way to `__consumer_offsets` (wall clock). Invariant: at most
    /// `COMMIT_FLIGHTS_MAX`.
    pub commit_flights: VecDeque<CommitFlight>,
    /// Replication and consumer fetches being drawn. Invariant: at most `PULSES_MAX`.
    pub pulses: VecDeque<Pulse>,
    /// The stage (refreshed with the text panels).
    pub stage: Rc<view::StageVm>,
    /// The stage's width in its units (about CSS pixels; `view::stage_width`).
    pub stage_width: f64,
    /// The stage object whose inspector is open.
    pub focus: Option<Focus>,
    /// Replica moves dragged on the stage, by slot (the reassignment editor holds their JSON).
    pub drafts: OrdMap<u32, Vec<i32>>,
    /// Why the last drag could not be drafted.
    pub draft_refusal: Option<crate::tools::reassign::DraftRefusal>,
    /// Retention deletions being drawn. Invariant: at most `FLASHES_MAX`.
    pub deletions: VecDeque<Deletion>,
    /// Position resets being labelled. Invariant: at most `FLASHES_MAX`.
    pub reset_flashes: VecDeque<ResetFlash>,
    /// What the reset-offsets form printed last.
    pub reset_output: Option<ResetOutput>,
    /// The reassignment editor's JSON (prefilled with the seed's example).
    pub reassign_json: String,
    pub reassign_output: Option<ReassignOutput>,
    /// Brokers for the brokers panel (refreshed with the text panels).
    pub brokers: Rc<view::BrokersVm>,
    /// Charts and the pull/push counters (refreshed with the text panels).
    pub charts: Rc<view::ChartsVm>,
    /// The keyboard shortcuts list is open.
    pub show_shortcuts: bool,
    /// The tab of panels shown under the picture (a lesson step switches to its panel's tab).
    pub tab: Tab,
    /// The lesson step the tab last followed (lesson id, step).
    lesson_tab: Option<(&'static str, usize)>,
    /// The latest key event in words, for the page's ARIA live region (screen readers).
    pub live: Option<Event>,
    /// Records appended since the last frame (for the aggregate note).
    pub records_last_frame: u64,
    pub aggregated: bool,
    next_client: u32,
    /// The timeline, checkpoints and markers for scrubbing.
    pub travel: crate::app::travel::TimeTravel,
    /// The Kafka console: its files, history and mode.
    pub console: Rc<crate::tools::console::Console>,
    /// What the terminal shows. Invariant: at most `TERMINAL_LINES_MAX` lines.
    pub terminal: Rc<VecDeque<TermLine>>,
    /// The scenario editor's text and what parsing it said (validated as it is typed).
    pub editor: Rc<Editor>,
    /// The share link made last (or why it could not be made).
    pub share: Option<Result<String, FileRefusal>>,
    /// The guided lesson being followed, if any.
    pub lesson: Option<crate::app::lessons::LessonState>,
    /// A file the page should offer for download (taken by the UI once offered).
    pub download: Option<Download>,
    /// The real-cluster script, once asked for (shown on the page).
    pub real_preview: Option<Rc<String>>,
    /// The scrubber's markers, its moment and its end (refreshed with the text panels, so the
    /// timeline redraws at most five times a second).
    pub markers: Rc<Vec<crate::app::travel::Marker>>,
    pub timeline_now_ms: u64,
    pub timeline_horizon_ms: u64,
    /// How much of the page an embed shows (`Full` on the playground page).
    pub controls: crate::app::embed::Controls,
    /// What the page has drawn so far (the full page draws the stage first, see `Drawn`).
    pub drawn: Drawn,
    /// Commits, crashes, rebalances, resets and reassignment steps not yet told to an embed's
    /// listeners (it takes them after each render). Invariant: at most `NOTABLE_MAX`, newest kept.
    pub notable: Vec<(crate::app::travel::MarkerKind, Event)>,
    /// Off screen (an embed scrolled away): whether it was playing.
    /// An embed's "open in the playground" address (the playground page with this scenario).
    pub open_link: Option<String>,
}

impl AppModel {
    pub fn new(lang: Lang, width_px: f64) -> Self {
        let scenario = scenario::playground_default();
        Self::with_scenario(scenario, None, lang, width_px)
    }

    pub fn with_scenario(scenario: Scenario, seed: Option<u64>, lang: Lang, width_px: f64) -> Self {
        let seed = seed.unwrap_or(scenario.seed);
        let started = Run::start(&scenario, Some(seed)).expect("validated scenario starts");
        Self::with_run(started, scenario, seed, lang, width_px)
    }

    /// The page around a run that has started (`Run::start` on `scenario` with `seed`).
    fn with_run((run, events): (Run, Vec<Event>), scenario: Scenario, seed: u64, lang: Lang, width_px: f64) -> Self {
        let scenario_for_travel = scenario.clone();
        let run_for_travel = run.clone();
        let layout = Layout::for_width(width_px);
        let next_client = scenario.producers.len() as u32 + 1;
        let mut m = Self {
            snapshot: run.sim.snapshot(SnapshotOptions { recent_records: layout.cells + 4, key_counts: false }),
            lanes: Rc::new(Vec::new()),
            consumers: Rc::new(view::ConsumersVm::default()),
            commit_flights: VecDeque::new(),
            pulses: VecDeque::new(),
            stage: Rc::new(view::StageVm::default()),
            stage_width: view::stage_width(stage_px_for_width(width_px, crate::app::embed::Controls::Full)),
            focus: None,
            drafts: OrdMap::new(),
            draft_refusal: None,
            deletions: VecDeque::new(),
            reset_flashes: VecDeque::new(),
            reset_output: None,
            reassign_json: crate::tools::reassign::SEED_REASSIGNMENT_JSON.to_string(),
            reassign_output: None,
            brokers: Rc::new(view::BrokersVm::default()),
            charts: Rc::new(view::ChartsVm::default()),
            show_shortcuts: false,
            tab: Tab::default(),
            lesson_tab: None,
            live: None,
            preset: crate::app::presets::Preset::Default,
            scenario,
            run,
            seed,
            playing: false,
            speed: 1.0,
            lang,
            theme: Theme::Auto,
            layout,
            clock: WallClock::default(),
            event_log: VecDeque::new(),
            panels: Rc::new(Panels::default()),
            flights: VecDeque::new(),
            landed: OrdMap::new(),
            notice: None,
            key_moves: OrdMap::new(),
            records_last_frame: 0,
            aggregated: false,
            next_client,
            travel: crate::app::travel::TimeTravel::new(&scenario_for_travel, &run_for_travel),
            console: Rc::new(crate::tools::console::Console::new()),
            terminal: Rc::new(VecDeque::new()),
            editor: Rc::new(Editor::default()),
            share: None,
            lesson: None,
            download: None,
            real_preview: None,
            markers: Rc::new(Vec::new()),
            timeline_now_ms: 0,
            timeline_horizon_ms: 0,
            controls: crate::app::embed::Controls::Full,
            drawn: Drawn::All,
            notable: Vec::new(),
            open_link: None,
        };
        m.log_events(&events, 0.0);
        m.refresh();
        m.refresh_panels(0.0);
        m
    }

    pub fn sim(&self) -> &Sim {
        &self.run.sim
    }

    /// Carry out an action.
    /// A playground for an embed: its scenario, lesson, language, theme, controls, seed and
    /// start time; autoplay if asked.
    pub fn embedded(config: &crate::app::embed::EmbedConfig, lang: Lang, width_px: f64) -> Result<Self, String> {
        use crate::app::embed::Source;
        let lang = config.lang.unwrap_or(lang);
        let (scenario, seed, preset) = match &config.source {
            Source::Preset(p) => (p.scenario(), config.seed, *p),
            Source::Scenario(s) => ((**s).clone(), config.seed, crate::app::presets::Preset::Default),
            Source::Shared(sh) => {
                (sh.scenario.clone(), Some(config.seed.unwrap_or(sh.seed)), crate::app::presets::Preset::Default)
            }
        };
        let seed = seed.unwrap_or(scenario.seed); // started once: a refused scenario is an error
        let started = Run::start(&scenario, Some(seed)).map_err(|e| format!("scenario: {e}"))?;
        let mut m = Self::with_run(started, scenario, seed, lang, width_px);
        m.preset = preset;
        m.theme = config.theme;
        m.controls = config.controls;
        m.stage_width = view::stage_width(stage_px_for_width(width_px, m.controls));
        if let Some(l) = config.lesson {
            m.lesson = Some(crate::app::lessons::LessonState::new(l));
        }
        let start = match &config.source {
            Source::Shared(sh) if config.start_ms == 0 => sh.at_ms,
            _ => config.start_ms,
        };
        if start > 0 {
            let mut events = Vec::new();
            while !m.run.advance(start * 1000, 1 << 16, &mut events).reached {
                m.travel.observe(&m.run, &events);
                events.clear();
            }
            m.travel.observe(&m.run, &events);
            m.after_jump();
        }
        if config.autoplay {
            m.playing = true;
        }
        let home = config.home.clone().unwrap_or_else(|| "./".to_string());
        m.open_link = crate::scenario::share::encode(&m.scenario, m.seed, m.run.sim.now_ms())
            .ok()
            .map(|l| format!("{}#run={l}", home.split('#').next().unwrap_or("")));
        m.clock.force_panels = true;
        m.refresh_panels(0.0);
        Ok(m)
    }

    pub fn update(&mut self, action: Action) {
        let wall = match action {
            Action::Tick { wall_ms } => wall_ms,
            _ => self.clock.last_wall_ms.unwrap_or(0.0),
        };
        self.clock.in_tick = matches!(action, Action::Tick { .. });
        if !matches!(action, Action::Tick { .. } | Action::Resize(_) | Action::StageWidth(_)) {
            self.drawn = Drawn::All;
        }
        self.apply_action(action);
        self.follow_lesson_tab();
        self.refresh_panels(wall);
        self.clock.in_tick = false;
    }

    /// A lesson step that points at a panel shows that panel's tab, once per step (the visitor
    /// may switch tabs during the step).
    fn follow_lesson_tab(&mut self) {
        let at = self.lesson.as_ref().map(|l| (l.lesson.id, l.step));
        if at != self.lesson_tab {
            self.lesson_tab = at;
            if let Some(tab) = self.lesson.as_ref().and_then(|l| Tab::holding(l.current().highlight)) {
                self.tab = tab;
            }
        }
    }

    /// Whether `action` would change nothing at all: the window or the stage reporting the
    /// size the page is already laid out for (as they do once after the first render), so the
    /// page need not render again.
    pub fn changes_nothing(&self, action: &Action) -> bool {
        match *action {
            Action::Resize(px) => {
                view::stage_width(stage_px_for_width(px, self.controls)) == self.stage_width
                    && Layout::for_width(px) == self.layout
            }
            Action::StageWidth(px) => view::stage_width(px) == self.stage_width,
            _ => false,
        }
    }

    /// A page that opens playing draws its stage first (`Drawn`); a paused one has nothing
    /// moving to show early, so it draws everything at once.
    pub fn draw_stage_first(&mut self) {
        if self.playing && self.controls == crate::app::embed::Controls::Full {
            self.drawn = Drawn::Stage;
        }
    }

    /// Open what a share link carries: the scenario, its seed, and the moment (replayed).
    pub fn open_shared(&mut self, shared: crate::scenario::share::Shared) {
        self.scenario = shared.scenario;
        self.restart(shared.seed);
        self.preset = crate::app::presets::Preset::Default;
        self.travel.horizon_us = 0;
        // Run to the moment (the whole timeline replays, the visitor's actions included).
        let mut events = Vec::new();
        let target = shared.at_ms * 1000;
        while !self.run.advance(target, 1 << 16, &mut events).reached {
            self.travel.observe(&self.run, &events);
            events.clear();
        }
        self.travel.observe(&self.run, &events);
        self.after_jump();
        self.share = None;
    }

    fn start_lesson(&mut self, id: &str) {
        let Some(lesson) = crate::app::lessons::find(id) else {
            self.notice = Some(Notice::Field(FieldError {
                field: crate::i18n::Field::Preset,
                problem: crate::i18n::FieldProblem::Unknown(id.to_string()),
            }));
            return;
        };
        let state = crate::app::lessons::LessonState::new(lesson);
        if let Some(p) = state.current().load {
            self.load_preset(p);
        }
        self.lesson = Some(state);
    }

    fn lesson_go(&mut self, delta: i32) {
        let load = self.lesson.as_mut().and_then(|l| l.go(delta));
        if let Some(p) = load {
            let lesson = self.lesson.take();
            self.load_preset(p);
            self.lesson = lesson;
        }
        if let Some(l) = self.lesson.as_mut() {
            l.observe(self.run.sim.now_ms(), &[]);
        }
    }

    fn load_preset(&mut self, preset: crate::app::presets::Preset) {
        self.scenario = preset.scenario();
        self.restart(self.scenario.seed);
        self.preset = preset;
    }

    /// Scrub to `t_us` (clamped to the furthest moment reached).
    fn seek(&mut self, t_us: u64) {
        let (run, _) = self.travel.seek(t_us);
        self.run = run;
        self.playing = false;
        self.after_jump();
    }

    /// After the run jumped (seek, link): nothing in flight, labels and counters from here.
    fn after_jump(&mut self) {
        self.flights.clear();
        self.commit_flights.clear();
        self.pulses.clear();
        self.deletions.clear();
        self.reset_flashes.clear();
        self.clock.sim_us_carry = 0.0;
        self.clock.resume = true;
        self.landed = (0..self.run.sim.partition_count())
            .filter_map(|p| self.run.sim.log(p).map(|l| (p, l.log_end_offset().saturating_sub(1))))
            .collect();
        self.clock.log_starts = (0..self.run.sim.partition_count())
            .filter_map(|p| self.run.sim.log(p).map(|l| (p, l.log_start_offset())))
            .collect();
        self.refresh();
    }

    /// Whether the page shows a past moment (acting now discards what came after).
    pub fn in_past(&self) -> bool {
        self.run.sim.now_us() < self.travel.horizon_us
    }

    /// The visitor acts: at the next whole millisecond (so the step can be written in a
    /// scenario file), after discarding the future if this is a past moment.
    fn intervene(&mut self, action: scenario::Action) -> Result<Vec<Event>, Notice> {
        let wall = self.clock.last_wall_ms.unwrap_or(0.0);
        let now = self.run.sim.now_us();
        let at_us = now.div_ceil(1000) * 1000;
        let mut events = Vec::new();
        while !self.run.advance(at_us, 1 << 16, &mut events).reached {}
        self.travel.fork(&self.run);
        let before = self.run.clone();
        let step = scenario::Step { at_ms: at_us / 1000, action: action.clone() };
        let mut out = Vec::new();
        if !self.run.apply_now(action, &mut out) {
            let error = self.run.rejected.last().map(|r| r.error.clone());
            self.run = before;
            self.log_events(&events, wall);
            return Err(error.map_or(Notice::Unavailable, Notice::Rejected));
        }
        self.travel.record(&self.run, step);
        events.extend(out.iter().cloned());
        self.log_events(&events, wall);
        self.refresh();
        Ok(out)
    }

    /// Apply a command built from the visitor's input (or show why it could not be built);
    /// either way the page shows the outcome. Returns whether the simulation took it.
    fn command(&mut self, cmd: Result<Command, Notice>) -> bool {
        let outcome = cmd.and_then(|c| match self.run.step_for(&c) {
            Some(step) => self.intervene(step),
            None => Err(Notice::Unavailable),
        });
        let applied = match outcome {
            Ok(_) => {
                self.notice = None;
                true
            }
            Err(n) => {
                self.notice = Some(n);
                false
            }
        };
        self.refresh();
        applied
    }

    fn restart(&mut self, seed: u64) {
        let mut fresh = Self::with_scenario(self.scenario.clone(), Some(seed), self.lang, 0.0);
        fresh.layout = self.layout;
        fresh.stage_width = self.stage_width;
        fresh.theme = self.theme;
        fresh.speed = self.speed;
        fresh.preset = self.preset;
        fresh.lesson = self.lesson.take();
        fresh.console = self.console.clone();
        fresh.terminal = self.terminal.clone();
        fresh.editor = self.editor.clone();
        // The visitor stays where they were: the same tab, following the same lesson step.
        fresh.tab = self.tab;
        fresh.lesson_tab = self.lesson_tab;
        // An embed stays the embed its author wrote.
        fresh.controls = self.controls;
        fresh.open_link = self.open_link.take();
        fresh.refresh();
        *self = fresh;
    }
}
