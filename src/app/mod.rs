//! The playground's model: the simulation plus what the page shows (play state, speed, event
//! log, records in flight, language, theme, messages). Pure and browser-free: the UI turns DOM
//! events into [`Action`]s and draws [`AppModel`]; wall-clock time arrives as `Tick`.


pub mod embed;
pub mod lessons;
pub mod presets;
pub mod travel;

use crate::util::order::CollectBtree;
use std::collections::{BTreeMap, VecDeque};
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
/// Largest wall-clock gap one frame accounts for (a tab in the background does not jump ahead).
pub const FRAME_GAP_MS_MAX: f64 = 100.0;
/// Text panels (producer stats, event log) refresh at most this often, wall ms: numbers that
/// change every frame are unreadable, and redrawing them costs frame time.
pub const PANEL_REFRESH_MS: f64 = 200.0;
/// How often lanes are redrawn while records fly in bundles, wall ms.
pub const AGGREGATE_REDRAW_MS: f64 = 100.0;
/// How long aggregate mode outlasts the last frame that called for it.
pub const AGGREGATE_HOLD_MS: f64 = 1000.0;
/// Flights born within this long of each other (wall ms) to the same partition are bundled
/// when there are too many to draw one by one.
pub const BUNDLE_WINDOW_MS: f64 = 120.0;

pub use crate::app::embed::Theme;

/// The producer form's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProducerForm {
    pub rate: String,
    pub bursty: bool,
    /// `none`, `fixed` or `random`.
    pub keys: String,
    pub key_count: String,
    pub value_bytes: String,
    pub batch_size: String,
    pub linger_ms: String,
    /// `0`, `1` or `all`.
    pub acks: String,
    pub max_block_ms: String,
}

impl ProducerForm {
    pub fn from_spec(spec: &ProducerSpec) -> Self {
        let (keys, key_count) = match &spec.keys {
            KeyMode::None => ("none", "6".to_string()),
            KeyMode::Fixed { count, .. } => ("fixed", count.to_string()),
            KeyMode::Random => ("random", "6".to_string()),
        };
        Self {
            rate: format_rate(spec.rate_records_per_s),
            bursty: matches!(spec.rate_mode, RateMode::Bursty { .. }),
            keys: keys.to_string(),
            key_count,
            value_bytes: spec.value_bytes.to_string(),
            batch_size: spec.batch_size.to_string(),
            linger_ms: spec.linger_ms.to_string(),
            acks: spec.acks.name().to_string(),
            max_block_ms: spec.max_block_ms.to_string(),
        }
    }

    /// The settings this form describes, on top of `base` (client.id and the rest kept).
    pub fn to_spec(&self, base: &ProducerSpec) -> Result<ProducerSpec, FieldError> {
        let rate = view::parse_rate(&self.rate)?;
        let keys = match self.keys.as_str() {
            "fixed" => KeyMode::Fixed { count: view::parse_key_count(&self.key_count)?, prefix: "user-".into() },
            "random" => KeyMode::Random,
            _ => KeyMode::None,
        };
        let mut spec = base.clone();
        spec.rate_records_per_s = rate;
        spec.rate_mode =
            if self.bursty { RateMode::Bursty { burst_ms: 1_500, idle_ms: 3_000 } } else { RateMode::Steady };
        spec.keys = keys;
        spec.value_bytes = view::parse_value_bytes(&self.value_bytes)?;
        spec.batch_size = view::parse_batch_size(&self.batch_size)?;
        spec.linger_ms = view::parse_linger_ms(&self.linger_ms)?;
        if !self.max_block_ms.is_empty() {
            spec.max_block_ms = self.max_block_ms.trim().parse::<u64>().map_err(|_| FieldError {
                field: crate::i18n::Field::Setting("max.block.ms"),
                problem: crate::i18n::FieldProblem::NotANumber,
            })?;
        }
        if !self.acks.is_empty() {
            spec.acks = crate::sim::config::Acks::parse(&self.acks).map_err(|e| FieldError {
                field: crate::i18n::Field::Setting("acks"),
                problem: crate::i18n::FieldProblem::Kafka(e.message),
            })?;
        }
        Ok(spec)
    }
}

fn format_rate(r: f64) -> String {
    if r.fract() == 0.0 {
        format!("{}", r as u64)
    } else {
        format!("{r}")
    }
}

/// The consumer form's fields, as typed (Kafka's setting names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerForm {
    pub group_id: String,
    pub group_instance_id: String,
    /// `auto`, `sync-per-record`, `sync-per-batch`, `async-per-batch`, `before-processing`.
    pub commit: String,
    pub auto_commit_interval_ms: String,
    pub max_poll_records: String,
    pub max_poll_interval_ms: String,
    pub session_timeout_ms: String,
    pub heartbeat_interval_ms: String,
    /// `range`, `roundrobin`, `sticky`, `cooperative-sticky`.
    pub assignor: String,
    /// `latest`, `earliest`, `none`, `by_duration`.
    pub auto_offset_reset: String,
    /// The ISO-8601 duration for `by_duration` (e.g. `PT30S`).
    pub reset_duration: String,
    pub processing_ms_min: String,
    pub processing_ms_max: String,
    pub fetch_min_bytes: String,
    pub fetch_max_wait_ms: String,
    pub fetch_max_bytes: String,
    pub max_partition_fetch_bytes: String,
    /// pause()/resume() marks (records queued); both empty for a batch-at-a-time application.
    pub pause_high: String,
    pub pause_low: String,
}

impl Default for ConsumerForm {
    /// Kafka's defaults, except a shorter session timeout and earliest reset (the page says so).
    fn default() -> Self {
        Self {
            group_id: "orders-app".into(),
            group_instance_id: String::new(),
            commit: "auto".into(),
            auto_commit_interval_ms: "5000".into(),
            max_poll_records: "500".into(),
            max_poll_interval_ms: "300000".into(),
            session_timeout_ms: "10000".into(),
            heartbeat_interval_ms: "3000".into(),
            assignor: "range".into(),
            auto_offset_reset: "earliest".into(),
            reset_duration: "PT30S".into(),
            processing_ms_min: "20".into(),
            processing_ms_max: "80".into(),
            fetch_min_bytes: "1".into(),
            fetch_max_wait_ms: "500".into(),
            fetch_max_bytes: "52428800".into(),
            max_partition_fetch_bytes: "1048576".into(),
            pause_high: String::new(),
            pause_low: String::new(),
        }
    }
}

impl ConsumerForm {
    /// The settings; number fields must be whole numbers (Kafka's own rules are checked when the
    /// consumer is added, with Kafka's messages).
    pub fn to_spec(&self, client_id: &str) -> Result<crate::sim::consumer::ConsumerSpec, FieldError> {
        use crate::i18n::{Field, FieldProblem};
        use crate::sim::consumer::{CommitStrategy, ConsumerSpec, OffsetReset};
        let num = |text: &str, name: &'static str| -> Result<u64, FieldError> {
            let t = text.trim();
            if t.is_empty() {
                return Err(FieldError { field: Field::Setting(name), problem: FieldProblem::Empty });
            }
            t.parse::<u64>().map_err(|_| FieldError { field: Field::Setting(name), problem: FieldProblem::NotANumber })
        };
        let mut spec = ConsumerSpec::new(client_id, self.group_id.trim());
        // The page's clients refresh metadata every 5 s (the page says so).
        spec.metadata_max_age_ms = 5_000;
        let instance = self.group_instance_id.trim();
        spec.group_instance_id = (!instance.is_empty()).then(|| instance.to_string());
        spec.commit = match self.commit.as_str() {
            "sync-per-record" => CommitStrategy::SyncPerRecord,
            "sync-per-batch" => CommitStrategy::SyncPerBatch,
            "async-per-batch" => CommitStrategy::AsyncPerBatch,
            "before-processing" => CommitStrategy::BeforeProcessing,
            _ => CommitStrategy::Auto,
        };
        spec.auto_commit_interval_ms = num(&self.auto_commit_interval_ms, "auto.commit.interval.ms")?;
        spec.max_poll_records = num(&self.max_poll_records, "max.poll.records")?.min(u32::MAX as u64) as u32;
        spec.max_poll_interval_ms = num(&self.max_poll_interval_ms, "max.poll.interval.ms")?;
        spec.session_timeout_ms = num(&self.session_timeout_ms, "session.timeout.ms")?;
        spec.heartbeat_interval_ms = num(&self.heartbeat_interval_ms, "heartbeat.interval.ms")?;
        spec.assignor = crate::sim::group::assignor::Strategy::parse(&self.assignor)
            .unwrap_or(crate::sim::group::assignor::Strategy::Range);
        let policy = match self.auto_offset_reset.as_str() {
            "by_duration" => format!("by_duration:{}", self.reset_duration.trim()),
            other => other.to_string(),
        };
        spec.auto_offset_reset = OffsetReset::parse(&policy).map_err(|message| FieldError {
            field: Field::Setting("auto.offset.reset"),
            problem: FieldProblem::Kafka(message),
        })?;
        spec.fetch_min_bytes = num(&self.fetch_min_bytes, "fetch.min.bytes")?;
        spec.fetch_max_wait_ms = num(&self.fetch_max_wait_ms, "fetch.max.wait.ms")?;
        spec.fetch_max_bytes = num(&self.fetch_max_bytes, "fetch.max.bytes")?;
        spec.max_partition_fetch_bytes = num(&self.max_partition_fetch_bytes, "max.partition.fetch.bytes")?;
        if !self.pause_high.trim().is_empty() || !self.pause_low.trim().is_empty() {
            let high = num(&self.pause_high, "pause.resume")?.min(u32::MAX as u64) as u32;
            let low = num(&self.pause_low, "pause.resume")?.min(u32::MAX as u64) as u32;
            spec.pause_resume = Some((high, low));
        }
        spec.processing_ms_min = num(&self.processing_ms_min, "processing.ms")?;
        spec.processing_ms_max = num(&self.processing_ms_max, "processing.ms")?;
        Ok(spec)
    }
}

/// What the visitor did, or a frame of the clock.
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
    /// Scrub to a moment (simulated ms; at most the furthest moment reached).
    Seek(u64),
    /// A line typed into the console (Enter).
    ConsoleLine(String),
    /// Ctrl-D in the console: end the console producer's input.
    ConsoleEnd,
    /// The scenario editor's text changed (validated at once).
    EditScenario(String),
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

/// The reassignment tool's form: the action and its options, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassignForm {
    /// `generate`, `execute`, `verify`, `cancel` or `list`.
    pub action: String,
    /// `--throttle` (bytes/s; empty for none).
    pub throttle: String,
    pub additional: bool,
    /// For `--generate`: the broker list (the topic is the playground's).
    pub broker_list: String,
}

/// What the reassignment tool printed last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReassignOutput {
    pub action: String,
    pub result: Result<String, String>,
}

/// The reset-offsets form's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetForm {
    pub group: String,
    /// One of [`crate::sim::offsets_tool::RESET_MODES`].
    pub mode: String,
    /// The number, date-time or duration the mode needs.
    pub value: String,
}

impl Default for ResetForm {
    fn default() -> Self {
        Self { group: String::new(), mode: "to-earliest".into(), value: String::new() }
    }
}

/// What the reset-offsets form printed last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetOutput {
    pub executed: bool,
    /// Kafka's table (and clamping warnings), or Kafka's / the parser's error.
    pub result: Result<String, String>,
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

/// How long a retention deletion is drawn fading out, wall ms.
pub const DELETION_MS: f64 = 1_600.0;
/// How long a position reset's label stays on the lane, wall ms.
pub const RESET_FLASH_MS: f64 = 4_000.0;
/// Most deletions / reset labels drawn at once.
pub const FLASHES_MAX: usize = 16;

/// Records retention deleted from a partition, drawn fading out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deletion {
    pub partition: u32,
    pub from: u64,
    pub to: u64,
    pub reason: crate::sim::log::RetentionReason,
    pub born_wall_ms: f64,
}

/// A consumer's position jumped by `auto.offset.reset`, labelled on the lane for a while.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResetFlash {
    pub consumer: u32,
    pub partition: u32,
    pub from: Option<u64>,
    pub to: u64,
    pub cause: crate::sim::consumer::ResetCause,
    pub policy: String,
    pub born_wall_ms: f64,
}

/// A message on the page about the last thing the visitor tried.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Field(FieldError),
    Rejected(Rejected),
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

/// A line of the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermLine {
    pub text: String,
    pub kind: TermKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Input,
    Output,
    Error,
}

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
    /// `None` until the text is edited; then the parse result's message (`Ok`: valid).
    pub status: Option<Result<(), String>>,
}

/// An offset commit flying from a consumer to its group's `__consumer_offsets` partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitFlight {
    pub consumer: u32,
    pub group: String,
    pub born_wall_ms: f64,
}

/// A record (or a bundle of records) on its way from a producer to a partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flight {
    pub producer: u32,
    pub partition: u32,
    /// The offsets it carries; the lane draws them solid once the flight lands.
    pub first_offset: u64,
    pub last_offset: u64,
    pub records: u32,
    pub colour: Option<u32>,
    pub born_wall_ms: f64,
}

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
    /// Newest first, numbered. Invariant: at most `EVENT_LOG_MAX` entries.
    pub event_log: VecDeque<(u64, Event)>,
    event_seq: u64,
    /// What the text panels show, refreshed at most every `PANEL_REFRESH_MS`.
    pub panels: Rc<Panels>,
    panels_wall_ms: f64,
    /// Invariant: at most `FLIGHTS_MAX` entries.
    pub flights: VecDeque<Flight>,
    /// Per partition, the highest offset whose record has landed on the page.
    pub landed: BTreeMap<u32, u64>,
    pub notice: Option<Notice>,
    /// Per producer with fixed keys, its latest metadata refresh that saw new partitions (the
    /// keys that moved), for the topic panel.
    pub key_moves: BTreeMap<u32, Event>,
    pub snapshot: Snapshot,
    /// The lanes drawn from `snapshot` (recomputed with it).
    pub lanes: Rc<Vec<view::LaneVm>>,
    /// Consumers, groups and lane markers (refreshed with the text panels, at most every
    /// `PANEL_REFRESH_MS`).
    pub consumers: Rc<view::ConsumersVm>,
    /// Offset commits on their way to `__consumer_offsets` (wall clock). Invariant: at most
    /// `COMMIT_FLIGHTS_MAX`.
    pub commit_flights: VecDeque<CommitFlight>,
    /// Retention deletions being drawn. Invariant: at most `FLASHES_MAX`.
    pub deletions: VecDeque<Deletion>,
    /// Position resets being labelled. Invariant: at most `FLASHES_MAX`.
    pub reset_flashes: VecDeque<ResetFlash>,
    /// Log start offset per partition as last seen (to know what a deletion removed).
    log_starts: BTreeMap<u32, u64>,
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
    /// The latest key event in words, for the page's ARIA live region (screen readers).
    pub live: Option<Event>,
    /// Records appended since the last frame (for the aggregate note).
    pub records_last_frame: u64,
    /// Batches appended in the last frame (for the aggregate decision).
    batches_last_frame: usize,
    pub aggregated: bool,
    /// Aggregate mode lasts until this wall time after the last frame that called for it (no
    /// flicker between modes near the threshold).
    aggregated_until_wall_ms: f64,
    last_wall_ms: Option<f64>,
    /// The next frame starts the clock afresh (no jump after a pause).
    resume: bool,
    force_panels: bool,
    in_tick: bool,
    snapshot_wall_ms: f64,
    sim_us_carry: f64,
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
    pub share: Option<Result<String, String>>,
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
    /// Commits, crashes, rebalances, resets and reassignment steps not yet told to an embed's
    /// listeners (it takes them after each render). Invariant: at most `NOTABLE_MAX`, newest kept.
    pub notable: Vec<(crate::app::travel::MarkerKind, Event)>,
    /// Off screen (an embed scrolled away): whether it was playing.
    hidden_playing: Option<bool>,
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
        let (run, events) = Run::start(&scenario, Some(seed)).expect("validated scenario starts");
        let scenario_for_travel = scenario.clone();
        let run_for_travel = run.clone();
        let layout = Layout::for_width(width_px);
        let next_client = scenario.producers.len() as u32 + 1;
        let mut m = Self {
            snapshot: run.sim.snapshot(SnapshotOptions { recent_records: layout.cells + 4, key_counts: false }),
            lanes: Rc::new(Vec::new()),
            consumers: Rc::new(view::ConsumersVm::default()),
            commit_flights: VecDeque::new(),
            deletions: VecDeque::new(),
            reset_flashes: VecDeque::new(),
            log_starts: BTreeMap::new(),
            reset_output: None,
            reassign_json: crate::tools::reassign::SEED_REASSIGNMENT_JSON.to_string(),
            reassign_output: None,
            brokers: Rc::new(view::BrokersVm::default()),
            charts: Rc::new(view::ChartsVm::default()),
            show_shortcuts: false,
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
            event_log: VecDeque::new(),
            event_seq: 0,
            panels: Rc::new(Panels::default()),
            panels_wall_ms: f64::NEG_INFINITY,
            flights: VecDeque::new(),
            landed: BTreeMap::new(),
            notice: None,
            key_moves: BTreeMap::new(),
            records_last_frame: 0,
            batches_last_frame: 0,
            aggregated: false,
            aggregated_until_wall_ms: f64::NEG_INFINITY,
            last_wall_ms: None,
            resume: true,
            force_panels: true,
            in_tick: false,
            snapshot_wall_ms: f64::NEG_INFINITY,
            sim_us_carry: 0.0,
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
            notable: Vec::new(),
            hidden_playing: None,
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
        Run::start(&scenario, seed).map_err(|e| format!("scenario: {e}"))?;
        let mut m = Self::with_scenario(scenario, seed, lang, width_px);
        m.preset = preset;
        m.theme = config.theme;
        m.controls = config.controls;
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
        m.force_panels = true;
        m.refresh_panels(0.0);
        Ok(m)
    }

    pub fn update(&mut self, action: Action) {
        let wall = match action {
            Action::Tick { wall_ms } => wall_ms,
            _ => self.last_wall_ms.unwrap_or(0.0),
        };
        self.in_tick = matches!(action, Action::Tick { .. });
        self.apply_action(action);
        self.refresh_panels(wall);
        self.in_tick = false;
    }

    fn apply_action(&mut self, action: Action) {
        match action {
            Action::Tick { wall_ms } => self.tick(wall_ms),
            Action::TogglePlay => {
                self.playing = !self.playing;
                self.resume = true;
            }
            Action::StepEvent => {
                self.playing = false;
                let horizon = self.run.sim.now_us() + 3_600_000_000;
                let events = self.run.step_event(horizon);
                self.travel.observe(&self.run, &events);
                let wall = self.last_wall_ms.unwrap_or(0.0);
                self.log_events(&events, wall);
                self.refresh();
            }
            Action::Step100Ms => {
                self.playing = false;
                self.advance_sim(100_000, self.last_wall_ms.unwrap_or(0.0));
            }
            Action::SetSpeed(s) => {
                if SPEEDS.contains(&s) {
                    self.speed = s;
                }
            }
            Action::SpeedUp | Action::SpeedDown => {
                let i = SPEEDS.iter().position(|s| *s == self.speed).unwrap_or(2);
                let j =
                    if matches!(action, Action::SpeedUp) { (i + 1).min(SPEEDS.len() - 1) } else { i.saturating_sub(1) };
                self.speed = SPEEDS[j];
            }
            Action::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Action::Reset => self.restart(self.seed),
            Action::SetSeed(text) => match view::parse_seed(&text) {
                Ok(seed) => self.restart(seed),
                Err(e) => self.notice = Some(Notice::Field(e)),
            },
            Action::AddProducer => {
                let n = self.next_client;
                let mut spec = ProducerSpec::new(
                    format!("producer-{n}"),
                    5.0,
                    KeyMode::Fixed { count: 6, prefix: "user-".into() },
                );
                spec.metadata_max_age_ms = 5_000;
                if self.command(Ok(Command::AddProducer { spec })) {
                    self.next_client += 1;
                }
            }
            Action::RemoveProducer(id) => {
                self.command(Ok(Command::RemoveProducer { producer: id }));
            }
            Action::UpdateProducer(id, form) => {
                let cmd = match self.snapshot.producers.iter().find(|p| p.id == id) {
                    None => Err(Notice::Rejected(Rejected::UnknownProducer { producer: id })),
                    Some(p) => form
                        .to_spec(&p.spec)
                        .map(|spec| Command::UpdateProducer { producer: id, spec })
                        .map_err(Notice::Field),
                };
                self.command(cmd);
            }
            Action::AlterPartitions(text) => {
                let cmd = view::parse_partitions(&text)
                    .map(|partitions| Command::AlterPartitions { partitions })
                    .map_err(Notice::Field);
                self.command(cmd);
            }
            Action::AddConsumer(form) => {
                let n = self.run.sim.consumers.consumers.len() + 1;
                let cmd = form
                    .to_spec(&format!("consumer-{n}"))
                    .map(|spec| Command::AddConsumer { spec })
                    .map_err(Notice::Field);
                self.command(cmd);
            }
            Action::CrashConsumer(id) => {
                self.command(Ok(Command::CrashConsumer { consumer: id }));
            }
            Action::RestartConsumer(id) => {
                self.command(Ok(Command::RestartConsumer { consumer: id }));
            }
            Action::CloseConsumer(id) => {
                self.command(Ok(Command::CloseConsumer { consumer: id }));
            }
            Action::SetLang(lang) => {
                self.lang = lang;
                self.refresh();
            }
            Action::SetTheme(theme) => self.theme = theme,
            Action::Resize(px) => {
                let layout = Layout::for_width(px);
                if layout != self.layout {
                    self.layout = layout;
                    self.refresh();
                }
            }
            Action::DismissNotice => {
                self.notice = None;
                self.show_shortcuts = false;
            }
            Action::LoadPreset(id) => match crate::app::presets::Preset::from_id(&id) {
                Some(preset) => {
                    self.lesson = None;
                    self.load_preset(preset);
                }
                None => {
                    self.notice = Some(Notice::Field(FieldError {
                        field: crate::i18n::Field::Preset,
                        problem: crate::i18n::FieldProblem::Unknown(id),
                    }))
                }
            },
            Action::ResetOffsets { form, execute } => self.reset_offsets(&form, execute),
            Action::StopBroker(b) => {
                self.command(Ok(Command::StopBroker { broker: b }));
            }
            Action::CrashBroker(b) => {
                self.command(Ok(Command::CrashBroker { broker: b }));
            }
            Action::RestartBroker(b) => {
                self.command(Ok(Command::RestartBroker { broker: b }));
            }
            Action::AddBroker => {
                let id = self.run.sim.cluster.brokers.keys().max().map_or(1, |m| m + 1);
                self.command(Ok(Command::AddBroker { broker: id, rack: None }));
            }
            Action::RemoveBroker(b) => {
                let applied = self.command(Ok(Command::RemoveBroker { broker: b }));
                if !applied && !self.run.sim.cluster.partitions_on(b).is_empty() {
                    // Offer Kafka's --generate plan over the other brokers, in the editor.
                    // On a copy: the proposal draws random numbers, and only a real --generate
                    // should change the run.
                    let mut scratch = self.run.sim.clone();
                    if let Ok(plan) = crate::tools::reassign::plan_without(&mut scratch, b) {
                        self.reassign_json = plan;
                        self.reassign_output = Some(ReassignOutput {
                            action: "generate".into(),
                            result: Ok(format!(
                                "kafka-reassign-partitions.sh --generate --broker-list (all but {b}) proposed the plan now in the editor; --execute it to move broker {b}'s replicas off, then decommission it.\n"
                            )),
                        });
                    }
                }
            }
            Action::EditReassignment(text) => self.reassign_json = text,
            Action::StartPush { buffer, crash } => {
                let cmd = buffer
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| {
                        Notice::Field(FieldError {
                            field: crate::i18n::Field::Setting("push.buffer.records"),
                            problem: crate::i18n::FieldProblem::NotANumber,
                        })
                    })
                    .map(|records| {
                        // The same application as the first consumer: its mean processing time.
                        let us = self
                            .run
                            .sim
                            .consumers
                            .consumers
                            .values()
                            .next()
                            .map_or(10_000, |c| (c.spec.processing_ms_min + c.spec.processing_ms_max) * 500)
                            .max(1);
                        Command::SetPushComparison {
                            config: Some(crate::sim::push::PushConfig {
                                buffer_records: records,
                                overflow: if crash {
                                    crate::sim::push::Overflow::Crash
                                } else {
                                    crate::sim::push::Overflow::Drop
                                },
                                processing_us: us,
                            }),
                        }
                    });
                self.command(cmd);
            }
            Action::StopPush => {
                self.command(Ok(Command::SetPushComparison { config: None }));
            }
            Action::SetProduceLimit(text) => {
                let t = text.trim();
                let cmd = if t.is_empty() {
                    Ok(Command::SetProduceLimit { bytes_per_s: None })
                } else {
                    t.parse::<u64>().map(|v| Command::SetProduceLimit { bytes_per_s: Some(v) }).map_err(|_| {
                        Notice::Field(FieldError {
                            field: crate::i18n::Field::Setting("produce.bytes.per.sec"),
                            problem: crate::i18n::FieldProblem::NotANumber,
                        })
                    })
                };
                self.command(cmd);
            }
            Action::Reassign(form) => self.reassign(&form),
            Action::Seek(ms) => self.seek(ms.saturating_mul(1000)),
            Action::ConsoleLine(line) => self.console_line(&line),
            Action::ConsoleEnd => {
                let was = self.console.in_producer();
                Rc::make_mut(&mut self.console).end_input();
                if was {
                    self.term(TermKind::Input, ">^D".into());
                }
            }
            Action::EditScenario(text) => {
                let status = Some(scenario::parse(&text).map(|_| ()).map_err(|e| e.to_string()));
                self.editor = Rc::new(Editor { text, status });
            }
            Action::EditorFromRun => {
                let text = scenario::to_json(&self.travel.scenario(&self.scenario));
                self.editor = Rc::new(Editor { text, status: Some(Ok(())) });
            }
            Action::LoadScenario(text) => match scenario::parse(&text)
                .map_err(|e| e.to_string())
                .and_then(|s| Run::start(&s, None).map(|_| s).map_err(|e| e.to_string()))
            {
                Ok(s) => {
                    self.editor = Rc::new(Editor { text, status: Some(Ok(())) });
                    self.scenario = s;
                    self.restart(self.scenario.seed);
                    self.preset = crate::app::presets::Preset::Default;
                }
                Err(e) => self.editor = Rc::new(Editor { text, status: Some(Err(e)) }),
            },
            Action::MakeShareLink => {
                let s = self.travel.scenario(&self.scenario);
                self.share =
                    Some(crate::scenario::share::encode(&s, self.seed, self.run.sim.now_ms()).map_err(|e| e.to_string()));
            }
            Action::OpenShareLink(fragment) => {
                match crate::scenario::share::decode(&fragment).map_err(|e| e.to_string()).and_then(|sh| {
                    Run::start(&sh.scenario, Some(sh.seed)).map(|_| sh).map_err(|e| format!("share link: {e}"))
                }) {
                    Ok(shared) => self.open_shared(shared),
                    Err(e) => self.share = Some(Err(e)),
                }
            }
            Action::StartLesson(id) => self.start_lesson(&id),
            Action::LessonNext => self.lesson_go(1),
            Action::LessonPrev => self.lesson_go(-1),
            Action::LessonReplay => {
                if let Some(l) = &self.lesson {
                    let id = l.lesson.id.to_string();
                    self.start_lesson(&id);
                }
            }
            Action::LessonFreePlay => self.lesson = None,
            Action::SetVisible(visible) => match (visible, self.hidden_playing) {
                (false, None) => {
                    self.hidden_playing = Some(self.playing);
                    self.playing = false;
                }
                (true, Some(was)) => {
                    self.hidden_playing = None;
                    self.playing = was;
                    self.resume = true;
                }
                _ => {}
            },
            Action::Export(kind) => {
                let s = self.travel.scenario(&self.scenario);
                self.download = Some(match kind {
                    ExportKind::Trace => Download {
                        name: "kafka-playground-trace.json",
                        mime: "application/json",
                        text: crate::scenario::export::trace_json(&s, self.seed, self.run.sim.now_ms()),
                    },
                    ExportKind::Describe => Download {
                        name: "kafka-describe.txt",
                        mime: "text/plain",
                        text: crate::scenario::export::describe_text(&self.run.sim),
                    },
                    ExportKind::RealCluster => {
                        let text = crate::scenario::export::real_cluster(&s);
                        self.real_preview = Some(Rc::new(text.clone()));
                        Download { name: "kafka-setup.sh", mime: "text/x-shellscript", text }
                    }
                });
            }
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
        self.deletions.clear();
        self.reset_flashes.clear();
        self.sim_us_carry = 0.0;
        self.resume = true;
        self.landed = (0..self.run.sim.partition_count())
            .filter_map(|p| self.run.sim.log(p).map(|l| (p, l.log_end_offset().saturating_sub(1))))
            .collect_btree();
        self.log_starts = (0..self.run.sim.partition_count())
            .filter_map(|p| self.run.sim.log(p).map(|l| (p, l.log_start_offset())))
            .collect_btree();
        self.refresh();
    }

    /// Whether the page shows a past moment (acting now discards what came after).
    pub fn in_past(&self) -> bool {
        self.run.sim.now_us() < self.travel.horizon_us
    }

    fn term(&mut self, kind: TermKind, text: String) {
        let t = Rc::make_mut(&mut self.terminal);
        for line in text.lines() {
            if t.len() == TERMINAL_LINES_MAX {
                t.pop_front();
            }
            t.push_back(TermLine { text: line.to_string(), kind });
        }
    }

    /// A console line: run on a copy first; if it changes the simulation, do it for real as
    /// a step of the timeline (so scrubbing and share links replay it).
    fn console_line(&mut self, line: &str) {
        let prompt = self.console.prompt();
        self.term(TermKind::Input, format!("{prompt}{line}"));
        if let Some(l) = self.lesson.as_mut() {
            l.observe_command(line);
        }
        let mut scratch = self.run.sim.clone();
        let console = Rc::make_mut(&mut self.console);
        console.base = Some(self.scenario.clone());
        let outcome = console.exec(&mut scratch, line);
        if let Some(created) = outcome.created.clone() {
            // One topic on the page: a fresh run shows the new one.
            self.lesson = None;
            self.scenario = created;
            self.restart(self.scenario.seed);
            self.preset = crate::app::presets::Preset::Default;
        }
        if outcome.clear {
            Rc::make_mut(&mut self.terminal).clear();
        }
        let kind = if outcome.error { TermKind::Error } else { TermKind::Output };
        let text = outcome.output.clone();
        if let Some(replay) = outcome.replay {
            if let Err(n) = self.intervene(scenario::Action::Console(replay)) {
                self.notice = Some(n);
            }
        }
        self.term(kind, text);
    }

    /// Run a Kafka tool's command line for a form (reset offsets, reassignment): its output,
    /// and whether it failed. Changes go through the timeline like the console's.
    fn tool_line(&mut self, line: &str) -> Result<String, String> {
        if let Some(l) = self.lesson.as_mut() {
            l.observe_command(line);
        }
        let mut console = (*self.console).clone();
        let mut scratch = self.run.sim.clone();
        let outcome = console.exec(&mut scratch, line);
        if outcome.error {
            return Err(outcome.output);
        }
        if let Some(replay) = outcome.replay {
            self.intervene(scenario::Action::Console(replay)).map_err(|_| outcome.output.clone())?;
        }
        Ok(outcome.output)
    }

    /// The visitor acts: at the next whole millisecond (so the step can be written in a
    /// scenario file), after discarding the future if this is a past moment.
    fn intervene(&mut self, action: scenario::Action) -> Result<Vec<Event>, Notice> {
        let wall = self.last_wall_ms.unwrap_or(0.0);
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
            return Err(Notice::Rejected(error.unwrap_or(Rejected::InvalidConfig {
                error: crate::sim::config::ConfigError::new("step", "refused".to_string()),
            })));
        }
        self.travel.record(&self.run, step);
        events.extend(out.iter().cloned());
        self.log_events(&events, wall);
        self.refresh();
        Ok(out)
    }

    /// The scenario step for a command from the page's controls (by `client.id` where a
    /// scenario names clients).
    fn step_for(&self, cmd: &Command) -> Option<scenario::Action> {
        use scenario::Action as A;
        let producer = |id: u32| self.snapshot.producers.iter().find(|p| p.id == id).map(|p| p.spec.client_id.clone());
        let consumer = |id: u32| self.run.sim.consumers.consumers.get(&id).map(|c| c.spec.client_id.clone());
        Some(match cmd {
            Command::AddProducer { spec } => A::AddProducer(spec.clone()),
            Command::UpdateProducer { spec, .. } => A::UpdateProducer(spec.clone()),
            Command::RemoveProducer { producer: id } => A::RemoveProducer(producer(*id)?),
            Command::AlterPartitions { partitions } => A::AlterPartitions(*partitions),
            Command::AddConsumer { spec } => A::AddConsumer(spec.clone()),
            Command::CrashConsumer { consumer: id } => A::CrashConsumer(consumer(*id)?),
            Command::RestartConsumer { consumer: id } => A::RestartConsumer(consumer(*id)?),
            Command::CloseConsumer { consumer: id } => A::CloseConsumer(consumer(*id)?),
            Command::StopBroker { broker } => A::StopBroker(*broker),
            Command::CrashBroker { broker } => A::CrashBroker(*broker),
            Command::RestartBroker { broker } => A::RestartBroker(*broker),
            Command::AddBroker { broker, rack } => A::AddBroker { id: *broker, rack: rack.clone() },
            Command::RemoveBroker { broker } => A::RemoveBroker(*broker),
            Command::SetProduceLimit { bytes_per_s } => A::SetProduceLimit(*bytes_per_s),
            Command::SetPushComparison { config } => A::SetPush(*config),
            _ => return None,
        })
    }

    fn reassign(&mut self, form: &ReassignForm) {
        let topic = self.run.sim.config().topic.clone();
        let console = Rc::make_mut(&mut self.console);
        let files = console.write_file("reassignment.json", &self.reassign_json).and_then(|_| {
            console.write_file(
                "topics.json",
                &format!("{{\"topics\":[{{\"topic\":{}}}],\"version\":1}}", crate::sim::cluster::json::quote(&topic)),
            )
        });
        let base = format!("kafka-reassign-partitions.sh --bootstrap-server {BOOTSTRAP}");
        let line = match form.action.as_str() {
            "generate" => Ok(format!(
                "{base} --generate --topics-to-move-json-file topics.json --broker-list {}",
                form.broker_list.trim()
            )),
            "execute" => {
                let throttle = form.throttle.trim();
                let t = if throttle.is_empty() { String::new() } else { format!(" --throttle {throttle}") };
                let a = if form.additional { " --additional" } else { "" };
                Ok(format!("{base} --execute --reassignment-json-file reassignment.json{t}{a}"))
            }
            "verify" | "cancel" => Ok(format!("{base} --{} --reassignment-json-file reassignment.json", form.action)),
            "list" => Ok(format!("{base} --list")),
            other => Err(format!("unknown action --{other}")),
        };
        let result = files.and(line).and_then(|line| {
            if form.broker_list.contains(char::is_whitespace) && form.action == "generate" {
                return Err(format!("--broker-list: '{}' must not contain spaces", form.broker_list.trim()));
            }
            self.tool_line(&line).map_err(|e| e.trim_end().to_string())
        });
        if form.action == "generate" {
            if let Some(p) =
                result.as_ref().ok().and_then(|r| r.split("Proposed partition reassignment configuration\n").nth(1))
            {
                // The proposal goes into the editor, ready for --execute.
                self.reassign_json = p.split("\n(saved as").next().unwrap_or(p).trim().to_string();
            }
        }
        self.reassign_output = Some(ReassignOutput { action: form.action.clone(), result });
        self.refresh();
    }

    /// `kafka-consumer-groups.sh --reset-offsets --group G --topic T --<mode> [value]
    /// [--execute]`: print the plan (or the error); with `execute`, commit it.
    fn reset_offsets(&mut self, form: &ResetForm, execute: bool) {
        use crate::sim::offsets_tool::parse_reset_spec;
        let group = form.group.trim().to_string();
        let checked = if group.is_empty() {
            Err("--group: give the group whose offsets to reset".to_string())
        } else {
            parse_reset_spec(&form.mode, &form.value, self.run.sim.now_ms()).map(|_| ())
        };
        let result = checked.and_then(|_| {
            let value = form.value.trim();
            let topic = self.run.sim.config().topic.clone();
            let words: Vec<String> = [
                "kafka-consumer-groups.sh",
                "--bootstrap-server",
                BOOTSTRAP,
                "--reset-offsets",
                "--group",
                &group,
                "--topic",
                &topic,
                &format!("--{}", form.mode),
            ]
            .iter()
            .map(|w| crate::tools::console::quote_word(w))
            .chain(
                (!value.is_empty() && !matches!(form.mode.as_str(), "to-earliest" | "to-latest" | "to-current"))
                    .then(|| crate::tools::console::quote_word(value)),
            )
            .chain(std::iter::once(if execute { "--execute".to_string() } else { "--dry-run".to_string() }))
            .collect();
            self.tool_line(&words.join(" ")).map_err(|e| e.trim_end().to_string())
        });
        self.reset_output = Some(ResetOutput { executed: execute && result.is_ok(), result });
        self.refresh();
    }

    /// Apply a command built from the visitor's input (or show why it could not be built);
    /// either way the page shows the outcome. Returns whether the simulation took it.
    fn command(&mut self, cmd: Result<Command, Notice>) -> bool {
        let outcome = cmd.and_then(|c| match self.step_for(&c) {
            Some(step) => self.intervene(step),
            None => Err(Notice::Rejected(Rejected::InvalidConfig {
                error: crate::sim::config::ConfigError::new("command", "not available from the page".to_string()),
            })),
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
        fresh.theme = self.theme;
        fresh.speed = self.speed;
        fresh.preset = self.preset;
        fresh.lesson = self.lesson.take();
        fresh.console = self.console.clone();
        fresh.terminal = self.terminal.clone();
        fresh.editor = self.editor.clone();
        fresh.refresh();
        *self = fresh;
    }

    fn tick(&mut self, wall_ms: f64) {
        let dt = match self.last_wall_ms {
            Some(prev) if !self.resume => (wall_ms - prev).clamp(0.0, FRAME_GAP_MS_MAX),
            _ => 0.0,
        };
        self.resume = false;
        self.last_wall_ms = Some(wall_ms);
        self.land_flights(wall_ms);
        if self.playing && dt > 0.0 {
            self.sim_us_carry += dt * self.speed * 1000.0;
            let whole = self.sim_us_carry.floor();
            self.sim_us_carry -= whole;
            self.advance_sim(whole as u64, wall_ms);
            // Aggregate mode: more batches in a frame than a quarter of FLIGHTS_MAX, or more
            // records than a quarter of all the cells drawn (from about 3,000 records/s on six
            // partitions at 60 Hz). Counted per 60 Hz frame, so one long frame is not a burst.
            let frame_ms = 1000.0 / 60.0;
            let scale = frame_ms / dt.max(frame_ms);
            let drawn = self.snapshot.partitions.len().max(1) * self.layout.cells.max(1);
            if self.batches_last_frame as f64 * scale > (FLIGHTS_MAX / 4) as f64
                || self.records_last_frame as f64 * scale * 4.0 > drawn as f64
            {
                self.aggregated_until_wall_ms = wall_ms + AGGREGATE_HOLD_MS;
            }
        }
        self.aggregated = wall_ms < self.aggregated_until_wall_ms;
    }

    fn advance_sim(&mut self, sim_us: u64, wall_ms: f64) {
        let target = self.run.sim.now_us() + sim_us;
        let mut events = Vec::new();
        let before = self.run.sim.records_appended();
        // Bounded work per frame: if the budget runs out, the simulation falls behind the
        // wall clock rather than freezing the page.
        let progress = self.run.advance(target, STEPS_PER_FRAME_MAX, &mut events);
        if !progress.reached {
            self.sim_us_carry = 0.0;
        }
        self.records_last_frame = self.run.sim.records_appended() - before;
        self.travel.observe(&self.run, &events);
        self.log_events(&events, wall_ms);
        // In aggregate mode the lanes change faster than anyone can read: redraw them at
        // `AGGREGATE_REDRAW_MS` (counters stay exact; flights keep moving every frame).
        if !self.aggregated || !self.in_tick || wall_ms - self.snapshot_wall_ms >= AGGREGATE_REDRAW_MS {
            self.refresh();
            self.snapshot_wall_ms = wall_ms;
        }
    }

    fn log_events(&mut self, events: &[Event], wall_ms: f64) {
        if let Some(l) = self.lesson.as_mut() {
            l.observe(self.run.sim.now_ms(), events);
        }
        for e in events {
            if let Some((_, kind)) = crate::app::travel::MarkerKind::of(e) {
                if self.notable.len() == NOTABLE_MAX {
                    self.notable.remove(0);
                }
                self.notable.push((kind, e.clone()));
            }
        }
        let mut appended_this_frame = 0usize;
        for e in events {
            match e {
                Event::BatchAppended { producer, partition, base_offset, records, .. } => {
                    appended_this_frame += 1;
                    let last_offset = base_offset + *records as u64 - 1;
                    let colour = self
                        .run
                        .sim
                        .log(*partition)
                        .and_then(|l| l.recent().rev().find(|r| r.offset == *base_offset).copied())
                        .and_then(|r| r.key.as_ref().map(view::key_colour));
                    self.add_flight(Flight {
                        producer: *producer,
                        partition: *partition,
                        first_offset: *base_offset,
                        last_offset,
                        records: *records,
                        colour,
                        born_wall_ms: wall_ms,
                    });
                }
                Event::Consumer {
                    detail: crate::sim::consumer::ConsumerEvent::OffsetCommitted { group, consumer, .. },
                    ..
                } => {
                    if self.commit_flights.len() == COMMIT_FLIGHTS_MAX {
                        self.commit_flights.pop_front();
                    }
                    self.commit_flights.push_back(CommitFlight {
                        consumer: *consumer,
                        group: group.clone(),
                        born_wall_ms: wall_ms,
                    });
                }
                Event::SegmentsDeleted { partition, log_start_offset, reason, .. } => {
                    let from = self.log_starts.insert(*partition, *log_start_offset).unwrap_or(0);
                    if self.deletions.len() == FLASHES_MAX {
                        self.deletions.pop_front();
                    }
                    self.deletions.push_back(Deletion {
                        partition: *partition,
                        from,
                        to: *log_start_offset,
                        reason: *reason,
                        born_wall_ms: wall_ms,
                    });
                }
                Event::Consumer {
                    detail:
                        crate::sim::consumer::ConsumerEvent::PositionReset {
                            consumer,
                            partition,
                            from,
                            offset,
                            cause,
                            policy,
                            ..
                        },
                    ..
                } => {
                    if self.reset_flashes.len() == FLASHES_MAX {
                        self.reset_flashes.pop_front();
                    }
                    self.reset_flashes.retain(|f| !(f.consumer == *consumer && f.partition == *partition));
                    self.reset_flashes.push_back(ResetFlash {
                        consumer: *consumer,
                        partition: *partition,
                        from: *from,
                        to: *offset,
                        cause: *cause,
                        policy: policy.clone(),
                        born_wall_ms: wall_ms,
                    });
                }
                Event::MetadataRefreshed { producer, .. } => {
                    let fixed = self.run.sim.snapshot_producer_keys_fixed(*producer);
                    if fixed {
                        self.key_moves.insert(*producer, e.clone());
                    }
                }
                _ => {}
            }
            if is_key_event(e) {
                self.live = Some(e.clone());
            }
            self.event_seq += 1;
            self.event_log.push_front((self.event_seq, e.clone()));
            if self.event_log.len() > EVENT_LOG_MAX {
                self.event_log.pop_back();
            }
        }
        self.batches_last_frame = appended_this_frame;
    }

    fn add_flight(&mut self, f: Flight) {
        if self.flights.len() >= FLIGHTS_MAX / 2 {
            // Too many to draw one by one: join a young flight to the same partition.
            if let Some(b) = self
                .flights
                .iter_mut()
                .rev()
                .find(|b| b.partition == f.partition && f.born_wall_ms - b.born_wall_ms <= BUNDLE_WINDOW_MS)
            {
                b.records += f.records;
                b.first_offset = b.first_offset.min(f.first_offset);
                b.last_offset = b.last_offset.max(f.last_offset);
                return;
            }
        }
        if self.flights.len() >= FLIGHTS_MAX {
            if let Some(old) = self.flights.pop_front() {
                self.mark_landed(old.partition, old.last_offset);
            }
        }
        self.flights.push_back(f);
    }

    fn land_flights(&mut self, wall_ms: f64) {
        while self.deletions.front().is_some_and(|d| wall_ms - d.born_wall_ms >= DELETION_MS) {
            self.deletions.pop_front();
        }
        while self.reset_flashes.front().is_some_and(|f| wall_ms - f.born_wall_ms >= RESET_FLASH_MS) {
            self.reset_flashes.pop_front();
        }
        while self.commit_flights.front().is_some_and(|f| wall_ms - f.born_wall_ms >= FLIGHT_MS) {
            self.commit_flights.pop_front();
        }
        while let Some(f) = self.flights.front() {
            if wall_ms - f.born_wall_ms < FLIGHT_MS {
                break;
            }
            let f = self.flights.pop_front().expect("front exists");
            self.mark_landed(f.partition, f.last_offset);
        }
    }

    fn mark_landed(&mut self, partition: u32, offset: u64) {
        let e = self.landed.entry(partition).or_insert(0);
        *e = (*e).max(offset + 1);
    }

    /// Whether a record is still in the air (drawn faint in its lane until it lands).
    pub fn in_flight(&self, partition: u32, offset: u64) -> bool {
        offset >= self.arriving_from(partition)
    }

    /// The first offset of a partition still in the air (`u64::MAX` when none is): records
    /// reach a partition in offset order, so everything from here on is arriving.
    pub fn arriving_from(&self, partition: u32) -> u64 {
        // Aggregated, the bundles in the air only suggest the traffic: a bundle is always on its
        // way, so waiting for landings would draw the whole window faded. Records show as appended.
        if self.aggregated {
            return u64::MAX;
        }
        let landed = self.landed.get(&partition).copied().unwrap_or(0);
        self.flights
            .iter()
            .filter(|f| f.partition == partition && f.last_offset >= landed)
            .map(|f| f.first_offset.max(landed))
            .min()
            .unwrap_or(u64::MAX)
    }

    /// The wall clock of the last frame (ms).
    pub fn now_wall_ms(&self) -> f64 {
        self.last_wall_ms.unwrap_or(0.0)
    }

    /// Progress (0..1) of a flight at a wall time.
    pub fn flight_progress(&self, f: &Flight) -> f64 {
        let now = self.last_wall_ms.unwrap_or(f.born_wall_ms);
        ((now - f.born_wall_ms) / FLIGHT_MS).clamp(0.0, 1.0)
    }

    fn refresh(&mut self) {
        self.snapshot =
            self.run.sim.snapshot(SnapshotOptions { recent_records: self.layout.cells + 4, key_counts: false });
        self.lanes = Rc::new(view::lanes(&self.snapshot, self.layout.cells, self.lang));

        self.force_panels = true;
    }

    /// Copy what the text panels show, if they are due (or something other than time changed).
    fn refresh_panels(&mut self, wall_ms: f64) {
        let due = self.force_panels && !self.in_tick || wall_ms - self.panels_wall_ms >= PANEL_REFRESH_MS;
        if !due {
            return;
        }
        let next = Panels {
            producers: self.snapshot.producers.clone(),
            events: self.event_log.iter().cloned().collect(),
            partitions: self.snapshot.partitions.len() as u32,
            consumer_names: self
                .run
                .sim
                .consumers
                .consumers
                .values()
                .map(|c| (c.id, c.spec.client_id.clone()))
                .collect(),
        };
        if *self.panels != next {
            self.panels = Rc::new(next);
        }
        self.timeline_now_ms = self.run.sim.now_ms();
        self.timeline_horizon_ms = (self.travel.horizon_us / 1000).max(self.timeline_now_ms);
        if self.markers.len() != self.travel.markers.len() || !self.markers.iter().eq(self.travel.markers.iter()) {
            self.markers = Rc::new(self.travel.markers.iter().copied().collect());
        }
        // Consumer cards, group tables and lane markers follow the same 5 Hz cadence.
        let consumers = view::consumers_vm(&self.run.sim);
        if *self.consumers != consumers {
            self.consumers = Rc::new(consumers);
        }
        let brokers = view::brokers_vm(&self.run.sim);
        if *self.brokers != brokers {
            self.brokers = Rc::new(brokers);
        }
        let charts = view::charts_vm(&self.run.sim, &self.run.history, self.lang);
        if *self.charts != charts {
            self.charts = Rc::new(charts);
        }
        self.panels_wall_ms = wall_ms;
        self.force_panels = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn play_for(m: &mut AppModel, wall_ms: f64) {
        let mut t = m.last_wall_ms.unwrap_or(0.0);
        m.update(Action::Tick { wall_ms: t });
        let end = t + wall_ms;
        while t < end {
            t += 16.0;
            m.update(Action::Tick { wall_ms: t });
        }
    }

    #[test]
    fn playing_advances_simulated_time_by_wall_time_times_speed() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        m.update(Action::SetSpeed(4.0));
        play_for(&mut m, 1000.0);
        let t = m.sim().now_ms();
        assert!((3900..=4100).contains(&t), "{t}");
        assert!(m.snapshot.records_appended > 20);
        assert!(!m.event_log.is_empty());
        m.update(Action::TogglePlay);
        let before = m.sim().now_us();
        play_for(&mut m, 500.0);
        assert_eq!(m.sim().now_us(), before, "paused");
    }

    #[test]
    fn bad_fields_leave_the_simulation_unchanged_and_name_the_field() {
        let mut m = AppModel::new(Lang::Ko, 390.0);
        let before = m.sim().partition_count();
        m.update(Action::AlterPartitions("lots".into()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Partitions));
        m.update(Action::AlterPartitions("3".into()));
        assert!(matches!(&m.notice, Some(Notice::Rejected(Rejected::InvalidPartitions { .. }))));
        assert_eq!(m.sim().partition_count(), before);
        m.update(Action::SetSeed("-1".into()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Seed));
        let id = m.snapshot.producers[0].id;
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        let spec_before = m.snapshot.producers[0].spec.clone();
        form.rate = "0".into();
        m.update(Action::UpdateProducer(id, form.clone()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Rate));
        assert_eq!(m.snapshot.producers[0].spec, spec_before);
        form.rate = "20".into();
        form.linger_ms = "100000".into();
        m.update(Action::UpdateProducer(id, form));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::LingerMs));
        assert_eq!(m.snapshot.producers[0].spec, spec_before);
    }

    #[test]
    fn fast_logs_are_redrawn_ten_times_a_second_and_slow_ones_every_frame() {
        // The default scenario (150 records/s): the lanes follow every frame.
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::TogglePlay);
        play_for(&mut m, 500.0);
        assert!(!m.aggregated);
        let mut redraws = 0;
        let mut t = m.last_wall_ms.unwrap();
        for _ in 0..60 {
            let before = Rc::clone(&m.lanes);
            t += 16.0;
            m.update(Action::Tick { wall_ms: t });
            redraws += usize::from(!Rc::ptr_eq(&before, &m.lanes));
        }
        assert_eq!(redraws, 60);
        // 1,000 records/s: one long frame (100 ms) brings more records than a quarter of the
        // cells drawn, but at the rate of 60 Hz frames it is not a burst.
        let id = m.snapshot.producers[0].id;
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "1000".into();
        m.update(Action::UpdateProducer(id, form));
        play_for(&mut m, 500.0);
        assert!(!m.aggregated);
        t = m.last_wall_ms.unwrap() + 100.0;
        m.update(Action::Tick { wall_ms: t });
        let drawn = m.snapshot.partitions.len() * m.layout.cells;
        assert!(m.records_last_frame as usize * 4 > drawn, "{} records in the long frame", m.records_last_frame);
        assert!(!m.aggregated, "one long frame does not aggregate");
        // One producer at 10,000 records/s: aggregated, lanes redrawn every AGGREGATE_REDRAW_MS.
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "10000".into();
        m.update(Action::UpdateProducer(id, form));
        play_for(&mut m, 500.0);
        assert!(m.aggregated);
        assert!(m.lanes.iter().all(|l| m.arriving_from(l.partition) == u64::MAX), "no cell drawn faded");
        let leo_before: u64 = m.lanes.iter().map(|l| l.log_end_offset).sum();
        let mut redraws = 0;
        for _ in 0..60 {
            let before = Rc::clone(&m.lanes);
            t = m.last_wall_ms.unwrap() + 16.0;
            m.update(Action::Tick { wall_ms: t });
            redraws += usize::from(!Rc::ptr_eq(&before, &m.lanes));
        }
        assert!((8..=11).contains(&redraws), "{redraws} redraws in 960 ms");
        let leo_after: u64 = m.lanes.iter().map(|l| l.log_end_offset).sum();
        assert!(leo_after > leo_before + 5000, "the drawn logs still advance: {leo_before} -> {leo_after}");
        // Slow again: aggregate mode holds for AGGREGATE_HOLD_MS (no flicker), then ends.
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "5".into();
        m.update(Action::UpdateProducer(id, form));
        play_for(&mut m, 300.0);
        assert!(m.aggregated, "still held");
        play_for(&mut m, 1500.0);
        assert!(!m.aggregated);
    }

    #[test]
    fn flights_are_bounded_and_land() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        let id = m.snapshot.producers[0].id;
        let mut form = ProducerForm::from_spec(&m.snapshot.producers[0].spec);
        form.rate = "20000".into();
        m.update(Action::UpdateProducer(id, form));
        m.update(Action::TogglePlay);
        m.update(Action::SetSpeed(8.0));
        play_for(&mut m, 2000.0);
        assert!(m.flights.len() <= FLIGHTS_MAX);
        assert!(m.aggregated || m.flights.iter().any(|f| f.records > 1));
        m.update(Action::TogglePlay);
        play_for(&mut m, 1000.0);
        assert!(m.flights.is_empty(), "all flights landed");
        for p in &m.snapshot.partitions {
            for r in &p.recent {
                assert!(!m.in_flight(p.partition, r.offset));
            }
        }
    }

    #[test]
    fn reset_and_seed_replay_the_same_run() {
        let run = |seed: &str| {
            let mut m = AppModel::new(Lang::En, 1280.0);
            m.update(Action::SetSeed(seed.into()));
            for _ in 0..30 {
                m.update(Action::Step100Ms);
            }
            m
        };
        let logs = |m: &AppModel| serde_json::to_string(&m.snapshot.partitions).unwrap();
        let mut a = run("7");
        let b = run("7");
        let c = run("8");
        assert_eq!(a.sim().now_ms(), 3000);
        assert_eq!(logs(&a), logs(&b));
        assert_ne!(logs(&a), logs(&c));
        a.update(Action::Reset);
        assert_eq!(a.sim().now_us(), 0);
        assert_eq!(a.seed, 7);
        assert_eq!(a.snapshot.records_appended, 0);
    }
}

#[cfg(test)]
mod consumer_form_tests {
    use super::*;

    #[test]
    fn consumer_form_rejects_bad_settings_with_the_setting_named() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        let before = m.run.sim.consumers.consumers.len();
        let mut form = ConsumerForm::default();
        form.max_poll_records = "lots".into();
        m.update(Action::AddConsumer(form.clone()));
        assert!(
            matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Setting("max.poll.records"))
        );
        form.max_poll_records = "0".into();
        m.update(Action::AddConsumer(form.clone()));
        let text = match &m.notice {
            Some(Notice::Rejected(r)) => crate::i18n::rejected_text(Lang::En, r),
            other => panic!("{other:?}"),
        };
        assert!(text.contains("max.poll.records") && text.contains("Value must be at least 1"), "{text}");
        form.max_poll_records = "500".into();
        form.session_timeout_ms = "1000".into();
        m.update(Action::AddConsumer(form.clone()));
        assert!(matches!(&m.notice, Some(Notice::Rejected(_))));
        assert_eq!(m.run.sim.consumers.consumers.len(), before, "nothing added");
        form.session_timeout_ms = "10000".into();
        form.group_instance_id = "static-1".into();
        form.assignor = "cooperative-sticky".into();
        m.update(Action::AddConsumer(form));
        assert_eq!(m.notice, None);
        let added = m.run.sim.consumers.consumers.values().last().unwrap();
        assert_eq!(added.spec.group_instance_id.as_deref(), Some("static-1"));
        assert_eq!(added.spec.assignor, crate::sim::group::assignor::Strategy::CooperativeSticky);
    }
}

#[cfg(test)]
mod retention_and_reset_tests {
    use super::*;
    use crate::sim::consumer::{GroupState, OffsetReset, ResetCause};

    fn step(m: &mut AppModel, ms: u64) {
        for _ in 0..ms / 100 {
            m.update(Action::Step100Ms);
        }
    }

    #[test]
    fn presets_load_by_id_and_an_unknown_id_changes_nothing() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("none-fails-loudly".into()));
        assert_eq!(m.preset, crate::app::presets::Preset::NoneFailsLoudly);
        assert_eq!(m.lanes.len(), 4);
        step(&mut m, 500);
        m.update(Action::Reset);
        assert_eq!(m.preset, crate::app::presets::Preset::NoneFailsLoudly, "reset replays the same preset");
        assert_eq!(m.sim().now_ms(), 0);
        m.update(Action::LoadPreset("nope".into()));
        assert!(matches!(&m.notice, Some(Notice::Field(e)) if e.field == crate::i18n::Field::Preset));
        assert_eq!(m.preset, crate::app::presets::Preset::NoneFailsLoudly);
    }

    #[test]
    fn the_retention_preset_draws_deletions_and_labels_the_out_of_range_reset() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("retention-out-of-range".into()));
        step(&mut m, 50_000);
        assert!(!m.deletions.is_empty(), "retention deleted segments");
        for d in &m.deletions {
            assert!(d.from < d.to, "{d:?}");
            assert_eq!(
                m.lanes[d.partition as usize].log_start_offset.max(d.to),
                m.lanes[d.partition as usize].log_start_offset
            );
        }
        let jumps: Vec<&ResetFlash> =
            m.reset_flashes.iter().filter(|f| f.cause == ResetCause::CommittedOutOfRange).collect();
        assert_eq!(jumps.len(), 4, "{:?}", m.reset_flashes);
        assert!(jumps.iter().all(|f| f.from.unwrap() < f.to && f.policy == "earliest"));
        assert!(m.lanes.iter().any(|l| l.segment_count > 1 && !l.segments.is_empty()));
        assert!(m.reset_flashes.len() <= FLASHES_MAX && m.deletions.len() <= FLASHES_MAX);
    }

    #[test]
    fn the_reset_form_plans_executes_and_refuses_with_kafkas_messages() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        step(&mut m, 8_000);
        let form =
            |mode: &str, value: &str| ResetForm { group: "orders-app".into(), mode: mode.into(), value: value.into() };
        let committed = |m: &AppModel| m.sim().consumers.groups["orders-app"].committed.clone();
        let before = committed(&m);
        let err = |m: &AppModel| m.reset_output.as_ref().unwrap().result.clone().unwrap_err();
        m.update(Action::ResetOffsets { form: form("to-earliest", ""), execute: true });
        assert!(err(&m).contains("can only be reset if the group 'orders-app' is inactive"), "{}", err(&m));
        m.update(Action::ResetOffsets { form: form("to-offset", ""), execute: true });
        assert_eq!(err(&m), "--to-offset needs a number");
        m.update(Action::ResetOffsets { form: form("shift-by", "-x"), execute: true });
        assert_eq!(err(&m), "--shift-by: '-x' is not a whole number");
        m.update(Action::ResetOffsets { form: form("by-duration", "1h"), execute: true });
        assert!(err(&m).starts_with("--by-duration:"), "{}", err(&m));
        m.update(Action::ResetOffsets {
            form: ResetForm { group: " ".into(), ..form("to-latest", "") },
            execute: true,
        });
        assert!(err(&m).starts_with("--group"));
        assert_eq!(committed(&m), before, "nothing changed");

        let ids: Vec<u32> = m.sim().consumers.consumers.keys().copied().collect();
        for id in ids {
            m.update(Action::CloseConsumer(id));
        }
        step(&mut m, 2_000);
        assert_eq!(m.sim().consumers.groups["orders-app"].state, GroupState::Empty);
        let before = committed(&m);
        m.update(Action::ResetOffsets { form: form("to-offset", "3"), execute: false });
        let out = m.reset_output.clone().unwrap();
        assert!(!out.executed);
        let table = out.result.unwrap();
        assert!(table.contains("NEW-OFFSET") && table.contains("orders-app"), "{table}");
        assert_eq!(committed(&m), before, "a dry run changes nothing");
        m.update(Action::ResetOffsets { form: form("to-offset", "3"), execute: true });
        assert!(m.reset_output.as_ref().unwrap().executed);
        let after = committed(&m);
        assert_eq!(after.len(), 6);
        for (p, off) in after {
            let hw = m.sim().log(p).unwrap().log_end_offset();
            assert_eq!(off, 3.min(hw), "partition {p}: clamped into [0, {hw}]");
        }
    }

    #[test]
    fn the_consumer_form_takes_by_duration_with_kafkas_validation() {
        let mut m = AppModel::new(Lang::Ko, 390.0);
        let n = m.sim().consumers.consumers.len();
        let mut form =
            ConsumerForm { auto_offset_reset: "by_duration".into(), reset_duration: "5s".into(), ..Default::default() };
        m.update(Action::AddConsumer(form.clone()));
        match &m.notice {
            Some(Notice::Field(e)) => {
                assert_eq!(e.field, crate::i18n::Field::Setting("auto.offset.reset"));
                assert!(crate::i18n::field_error(Lang::Ko, e).contains("by_duration:<PnDTnHnMn.nS.>"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(m.sim().consumers.consumers.len(), n);
        form.reset_duration = "PT5S".into();
        m.update(Action::AddConsumer(form));
        assert_eq!(m.notice, None);
        let added = m.sim().consumers.consumers.values().last().unwrap();
        assert_eq!(added.spec.auto_offset_reset, OffsetReset::ByDuration { ms: 5_000 });
    }
}

#[cfg(test)]
mod issue5_tests {
    use super::*;
    use crate::sim::cluster::BrokerState;

    fn step(m: &mut AppModel, ms: u64) {
        for _ in 0..ms / 100 {
            m.update(Action::Step100Ms);
        }
    }

    fn form(action: &str, throttle: &str) -> ReassignForm {
        ReassignForm { action: action.into(), throttle: throttle.into(), additional: false, broker_list: String::new() }
    }

    #[test]
    fn the_seed_preset_reassigns_from_the_editor_and_verifies() {
        let mut m = AppModel::new(Lang::En, 1280.0);
        m.update(Action::LoadPreset("seed-reassignment".into()));
        step(&mut m, 3_000);
        assert_eq!(m.reassign_json, crate::tools::reassign::SEED_REASSIGNMENT_JSON);
        m.update(Action::Reassign(form("execute", "x")));
        assert_eq!(m.reassign_output.as_ref().unwrap().result, Err("--throttle: 'x' is not a whole number".into()));
        assert!(m.sim().cluster.ongoing().is_empty(), "nothing started");
        m.update(Action::Reassign(form("execute", "500000")));
        let out = m.reassign_output.clone().unwrap().result.unwrap();
        assert!(out.contains("Successfully started partition reassignments for test1-0,test1-1"), "{out}");
        step(&mut m, 300);
        let chips: Vec<_> =
            m.brokers.brokers.iter().flat_map(|b| b.chips.iter().map(move |c| (b.id, c.partition, c.role))).collect();
        assert!(chips.contains(&(4, 0, view::ReplicaRole::Adding)), "{chips:?}");
        assert!(chips.contains(&(1, 0, view::ReplicaRole::Removing)));
        m.update(Action::Reassign(form("verify", "")));
        assert!(m.reassign_output.clone().unwrap().result.unwrap().contains("is still in progress."));
        step(&mut m, 30_000);
        m.update(Action::Reassign(form("verify", "")));
        let out = m.reassign_output.clone().unwrap().result.unwrap();
        assert!(
            out.contains("Reassignment of partition test1-0 is completed.")
                && out.contains("Clearing broker-level throttles"),
            "{out}"
        );
        let b4 = m.brokers.brokers.iter().find(|b| b.id == 4).unwrap();
        assert_eq!(
            b4.chips.iter().map(|c| (c.partition, c.role)).collect::<Vec<_>>(),
            vec![(0, view::ReplicaRole::Leader)]
        );
        assert!(m.brokers.brokers.iter().all(|b| b.throttle.is_none()));
    }

    #[test]
    fn brokers_stop_crash_restart_and_decommission_offers_a_plan() {
        let mut m = AppModel::new(Lang::Ko, 390.0);
        m.update(Action::LoadPreset("broker-failures".into()));
        step(&mut m, 2_000);
        m.update(Action::StopBroker(1));
        assert_eq!(m.brokers.brokers[0].state, BrokerState::Fenced);
        assert_eq!(m.brokers.brokers[0].leaders, 0, "leaderships moved at once");
        m.update(Action::CrashBroker(2));
        assert_eq!(m.brokers.brokers[1].state, BrokerState::Crashed);
        m.update(Action::CrashBroker(2));
        assert!(matches!(&m.notice, Some(Notice::Rejected(Rejected::Cluster { .. }))), "already down: refused");
        m.update(Action::RestartBroker(1));
        m.update(Action::RestartBroker(2));
        step(&mut m, 2_000);
        assert!(m.brokers.brokers.iter().all(|b| b.state == BrokerState::Running));
        m.update(Action::AddBroker);
        assert_eq!(m.brokers.brokers.len(), 4);
        assert_eq!(m.brokers.brokers[3].replicas, 0, "a new broker stays empty");
        let before = m.reassign_json.clone();
        m.update(Action::RemoveBroker(3));
        assert!(matches!(&m.notice, Some(Notice::Rejected(Rejected::Cluster { .. }))));
        assert_ne!(m.reassign_json, before, "a plan to move broker 3's replicas off is in the editor");
        let plan = crate::sim::cluster::reassign::parse_execute_args(&m.reassign_json).unwrap().0;
        assert!(plan.values().all(|r| !r.contains(&3)), "{plan:?}");
        m.update(Action::Reassign(form("execute", "")));
        step(&mut m, 10_000);
        m.update(Action::RemoveBroker(3));
        assert_eq!(m.brokers.brokers.len(), 3, "empty now: decommissioned");
        // The plan used broker 4 (Kafka's algorithm over brokers 1, 2, 4): now it hosts replicas.
        assert!(m.brokers.brokers.iter().find(|b| b.id == 4).unwrap().replicas > 0);
        m.update(Action::RemoveBroker(4));
        assert_eq!(m.brokers.brokers.len(), 3, "refused while it hosts replicas");
    }
}
