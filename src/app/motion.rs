//! Wall-clock motion: the frame clock, records and commits in flight, deletions fading out,
//! reset labels, and the cadence of the slower panels.

use super::*;

/// The page model's wall-clock bookkeeping: when panels, snapshots and aggregate mode were last
/// refreshed, the last frame's time, the simulated time carried between frames, and what the
/// page was doing before it was hidden. Only the frame clock and the cadence read it.
#[derive(Debug, Clone)]
pub(super) struct WallClock {
    /// Numbers the event log's entries.
    pub(super) event_seq: u64,
    /// Batches appended in the last frame (for the aggregate decision).
    pub(super) batches_last_frame: usize,
    /// Aggregate mode lasts until this wall time after the last frame that called for it (no
    /// flicker between modes near the threshold).
    pub(super) aggregated_until_wall_ms: f64,
    pub(super) last_wall_ms: Option<f64>,
    /// The next frame starts the clock afresh (no jump after a pause).
    pub(super) resume: bool,
    pub(super) force_panels: bool,
    pub(super) in_tick: bool,
    pub(super) snapshot_wall_ms: f64,
    pub(super) sim_us_carry: f64,
    /// Log start offset per partition as last seen (to know what a deletion removed).
    pub(super) log_starts: OrdMap<u32, u64>,
    /// Whether the page was playing when it was hidden (it resumes so when shown).
    pub(super) hidden_playing: Option<bool>,
    /// Numbers flights (their key on the page, so a flight's element and its animation live
    /// as long as the flight).
    pub(super) flight_seq: u64,
    /// When the page last redrew, wall ms.
    pub(super) drawn_wall_ms: f64,
    /// When the first record flight was launched, wall ms.
    pub(super) first_flight_wall_ms: Option<f64>,
    /// The simulation moved on since the last snapshot.
    pub(super) stale: bool,
}

impl Default for WallClock {
    fn default() -> Self {
        Self {
            event_seq: 0,
            batches_last_frame: 0,
            aggregated_until_wall_ms: f64::NEG_INFINITY,
            last_wall_ms: None,
            resume: true,
            force_panels: true,
            in_tick: false,
            snapshot_wall_ms: f64::NEG_INFINITY,
            sim_us_carry: 0.0,
            log_starts: OrdMap::new(),
            hidden_playing: None,
            flight_seq: 0,
            drawn_wall_ms: f64::NEG_INFINITY,
            first_flight_wall_ms: None,
            stale: false,
        }
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

/// An offset commit flying from a consumer to its group's `__consumer_offsets` partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitFlight {
    pub id: u64,
    pub consumer: u32,
    pub group: String,
    pub born_wall_ms: f64,
}

/// Most replication and fetch pulses in the air at once (the oldest gives way).
pub const PULSES_MAX: usize = 32;

/// What a pulse on the stage carries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum PulseKind {
    /// A follower fetched from the partition's leader: records copied leader → follower (merged
    /// per broker pair and panel refresh; `slot` is the first partition of the pair).
    Replicate { slot: u32, leader: i32, follower: i32 },
    /// A consumer's fetch: the request goes to the leader and the records come back (pull).
    Fetch { slot: u32, consumer: u32 },
    /// A rebalance took a member's partitions back (`onPartitionsRevoked`): member → group.
    Revoke { consumer: u32 },
    /// A rebalance handed partitions to a member (`onPartitionsAssigned`): group → member.
    Assign { consumer: u32 },
}

/// Replication or a consumer's fetch, drawn on the stage for `FLIGHT_MS`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pulse {
    pub id: u64,
    pub kind: PulseKind,
    pub records: u64,
    pub born_wall_ms: f64,
}

/// A record (or a bundle of records) on its way from a producer to a partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flight {
    pub id: u64,
    pub producer: u32,
    pub partition: u32,
    /// The offsets it carries; the lane draws them solid once the flight lands.
    pub first_offset: u64,
    pub last_offset: u64,
    pub records: u32,
    pub colour: Option<u32>,
    pub born_wall_ms: f64,
}

impl AppModel {
    pub(super) fn tick(&mut self, wall_ms: f64) {
        let dt = match self.clock.last_wall_ms {
            Some(prev) if !self.clock.resume => (wall_ms - prev).clamp(0.0, FRAME_GAP_MS_MAX),
            _ => 0.0,
        };
        self.clock.resume = false;
        self.clock.last_wall_ms = Some(wall_ms);
        self.land_flights(wall_ms);
        if self.playing && dt > 0.0 {
            self.clock.sim_us_carry += dt * self.speed * 1000.0;
            let whole = self.clock.sim_us_carry.floor();
            self.clock.sim_us_carry -= whole;
            self.advance_sim(whole as u64, wall_ms);
            // Aggregate mode: more batches in a frame than a quarter of FLIGHTS_MAX, or more
            // records than a quarter of all the cells drawn (from about 3,000 records/s on six
            // partitions at 60 Hz). Counted per 60 Hz frame, so one long frame is not a burst.
            let frame_ms = 1000.0 / 60.0;
            let scale = frame_ms / dt.max(frame_ms);
            let drawn = self.snapshot.partitions.len().max(1) * self.layout.cells.max(1);
            if self.clock.batches_last_frame as f64 * scale > (FLIGHTS_MAX / 4) as f64
                || self.records_last_frame as f64 * scale * 4.0 > drawn as f64
            {
                self.clock.aggregated_until_wall_ms = wall_ms + AGGREGATE_HOLD_MS;
            }
        }
        self.aggregated = wall_ms < self.clock.aggregated_until_wall_ms;
        // Paused with a snapshot older than the simulation: take it now (the settled picture).
        if self.clock.stale && !self.playing {
            self.refresh();
            self.clock.snapshot_wall_ms = wall_ms;
        }
    }

    pub(super) fn advance_sim(&mut self, sim_us: u64, wall_ms: f64) {
        let target = self.run.sim.now_us() + sim_us;
        let mut events = Vec::new();
        let before = self.run.sim.records_appended();
        // Bounded work per frame: if the budget runs out, the simulation falls behind the
        // wall clock rather than freezing the page.
        let progress = self.run.advance(target, STEPS_PER_FRAME_MAX, &mut events);
        if !progress.reached {
            self.clock.sim_us_carry = 0.0;
        }
        self.records_last_frame = self.run.sim.records_appended() - before;
        self.travel.observe(&self.run, &events);
        self.log_events(&events, wall_ms);
        // Frames take a snapshot (and redraw the lanes) every `SNAPSHOT_MS`: the logs change
        // faster than anyone can read, and flights keep moving on the compositor in between.
        // A visitor's action takes one at once.
        if !self.clock.in_tick || wall_ms - self.clock.snapshot_wall_ms >= SNAPSHOT_MS - 1.0 {
            self.refresh();
            self.clock.snapshot_wall_ms = wall_ms;
        } else {
            self.clock.stale = true;
        }
    }

    pub(super) fn log_events(&mut self, events: &[Event], wall_ms: f64) {
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
        // A mark is born when its event happened: frames are about `REDRAW_MS` apart, and the
        // events of one frame start their flights as far along as they would have flown.
        let now_ms = self.run.sim.now_ms();
        let speed = self.speed.max(0.01);
        for e in events {
            let wall_ms = wall_ms - (now_ms.saturating_sub(e.time_ms()) as f64 / speed).min(FRAME_GAP_MS_MAX);
            match e {
                Event::BatchAppended { .. }
                | Event::Consumer {
                    detail:
                        crate::sim::consumer::ConsumerEvent::OffsetCommitted { .. }
                        | crate::sim::consumer::ConsumerEvent::Polled { .. }
                        | crate::sim::consumer::ConsumerEvent::PartitionsRevoked { .. }
                        | crate::sim::consumer::ConsumerEvent::PartitionsAssigned { .. },
                    ..
                } => {
                    appended_this_frame += usize::from(matches!(e, Event::BatchAppended { .. }));
                    self.launch_mark(e, wall_ms);
                }
                Event::SegmentsDeleted { partition, log_start_offset, reason, .. } => {
                    let from = self.clock.log_starts.insert(*partition, *log_start_offset).unwrap_or(0);
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
            self.clock.event_seq += 1;
            self.event_log.push_front((self.clock.event_seq, e.clone()));
            if self.event_log.len() > EVENT_LOG_MAX {
                self.event_log.pop_back();
            }
        }
        self.clock.batches_last_frame = appended_this_frame;
    }

    /// A record batch flies to its leader, a commit to `__consumer_offsets`, a fetch to the
    /// leader and back, revoked partitions from a member to its group and assigned ones back.
    fn launch_mark(&mut self, e: &Event, wall_ms: f64) {
        use crate::sim::consumer::ConsumerEvent as C;
        match e {
            Event::Consumer { detail: C::PartitionsRevoked { consumer, partitions }, .. } if !partitions.is_empty() => {
                self.add_pulse(PulseKind::Revoke { consumer: *consumer }, partitions.len() as u64, wall_ms);
            }
            Event::Consumer { detail: C::PartitionsAssigned { consumer, partitions }, .. }
                if !partitions.is_empty() =>
            {
                self.add_pulse(PulseKind::Assign { consumer: *consumer }, partitions.len() as u64, wall_ms);
            }
            Event::BatchAppended { producer, partition, base_offset, records, .. } => {
                let last_offset = base_offset + *records as u64 - 1;
                let colour = self
                    .run
                    .sim
                    .log(*partition)
                    .and_then(|l| l.recent().rev().find(|r| r.offset == *base_offset).copied())
                    .and_then(|r| r.key.as_ref().map(view::key_colour));
                self.add_flight(Flight {
                    id: 0,
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
                self.clock.flight_seq += 1;
                self.commit_flights.push_back(CommitFlight {
                    id: self.clock.flight_seq,
                    consumer: *consumer,
                    group: group.clone(),
                    born_wall_ms: wall_ms,
                });
            }
            Event::Consumer {
                detail: crate::sim::consumer::ConsumerEvent::Polled { consumer, records, partitions },
                ..
            } if *records > 0 => {
                if let Some((slot, ..)) = partitions.first() {
                    self.add_pulse(PulseKind::Fetch { slot: *slot, consumer: *consumer }, *records as u64, wall_ms);
                }
            }
            _ => {}
        }
    }

    pub(super) fn add_flight(&mut self, f: Flight) {
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
        self.clock.flight_seq += 1;
        self.clock.first_flight_wall_ms.get_or_insert(f.born_wall_ms);
        self.flights.push_back(Flight { id: self.clock.flight_seq, ..f });
    }

    pub(super) fn add_pulse(&mut self, kind: PulseKind, records: u64, wall_ms: f64) {
        if self.pulses.len() == PULSES_MAX {
            self.pulses.pop_front();
        }
        self.clock.flight_seq += 1;
        self.pulses.push_back(Pulse { id: self.clock.flight_seq, kind, records, born_wall_ms: wall_ms });
    }

    /// Replication since the last panel refresh, as pulses: every follower (or replica being
    /// added) whose log end offset grew got records from its leader; one pulse per broker pair.
    fn replication_pulses(&mut self, before: &view::BrokersVm, after: &view::BrokersVm, wall_ms: f64) {
        let mut pairs: OrdMap<(i32, i32), (u32, u64)> = OrdMap::new();
        for b in &after.brokers {
            let old = before.brokers.iter().find(|o| o.id == b.id);
            for c in b.chips.iter().filter(|c| !c.leads) {
                let was =
                    old.and_then(|o| o.chips.iter().find(|x| x.partition == c.partition)).map_or(c.leo, |x| x.leo);
                let leader =
                    after.brokers.iter().find(|l| l.chips.iter().any(|x| x.partition == c.partition && x.leads));
                if let (true, Some(l)) = (c.leo > was, leader) {
                    let e = pairs.entry((l.id, b.id)).or_insert((c.partition, 0));
                    e.1 += c.leo - was;
                }
            }
        }
        for ((leader, follower), (slot, records)) in pairs {
            self.add_pulse(PulseKind::Replicate { slot, leader, follower }, records, wall_ms);
        }
    }

    pub(super) fn land_flights(&mut self, wall_ms: f64) {
        while self.pulses.front().is_some_and(|f| wall_ms - f.born_wall_ms >= FLIGHT_MS) {
            self.pulses.pop_front();
        }
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

    pub(super) fn mark_landed(&mut self, partition: u32, offset: u64) {
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
        self.clock.last_wall_ms.unwrap_or(0.0)
    }

    /// After a frame: whether the page redraws now. It does every `REDRAW_MS`, and when
    /// nothing will move any more (the last frame shows the settled state). Flights move on the
    /// compositor in between, each started at its birth (a flight born before the redraw that
    /// draws it starts that far along), so the frames in between change nothing on the page.
    pub fn take_redraw(&mut self, wall_ms: f64) -> bool {
        let due = !self.wants_frames() || wall_ms - self.clock.drawn_wall_ms >= REDRAW_MS;
        if due {
            self.clock.drawn_wall_ms = wall_ms;
            // A page drawn stage first draws the rest a redraw after the first records flew.
            let flew = self.clock.first_flight_wall_ms.is_some_and(|w| w < wall_ms);
            if self.drawn == super::Drawn::Stage && (flew || self.run.sim.now_ms() >= super::STAGE_FIRST_MS) {
                self.drawn = super::Drawn::All;
            }
        }
        due
    }

    /// Whether anything on the page moves with wall-clock time: the simulation playing, records
    /// or commits in flight, deletions and reset labels fading, or panels due for their next
    /// refresh. When nothing does, the page asks for no animation frames.
    pub fn wants_frames(&self) -> bool {
        self.playing
            || self.clock.stale
            || self.clock.force_panels
            || !self.flights.is_empty()
            || !self.commit_flights.is_empty()
            || !self.pulses.is_empty()
            || !self.deletions.is_empty()
            || !self.reset_flashes.is_empty()
    }

    pub(super) fn refresh(&mut self) {
        self.clock.stale = false;
        self.snapshot =
            self.run.sim.snapshot(SnapshotOptions { recent_records: self.layout.cells + 4, key_counts: false });
        self.lanes = Rc::new(view::lanes(&self.snapshot, self.layout.cells, self.lang));

        self.clock.force_panels = true;
    }

    /// Copy what the text panels show, when a snapshot was just taken (every `SNAPSHOT_MS` while
    /// playing, and after an action). The same frame redraws the lanes and the panels, so the
    /// frames in between change only the clock and the marks: on a slow machine one heavy
    /// frame per snapshot rather than two (panels on their own cadence fell between snapshots).
    pub(super) fn refresh_panels(&mut self, wall_ms: f64) {
        if !self.clock.force_panels {
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
            if self.playing {
                let before = self.brokers.clone();
                self.replication_pulses(&before, &brokers, wall_ms);
            }
            self.brokers = Rc::new(brokers);
        }
        let stage = view::stage_vm(&view::StageInputs {
            snapshot: &self.snapshot,
            brokers: &self.brokers,
            consumers: &self.consumers,
            width: self.stage_width,
        });
        if *self.stage != stage {
            self.stage = Rc::new(stage);
        }
        let charts = view::charts_vm(&self.run.sim, &self.run.history, self.lang);
        if *self.charts != charts {
            self.charts = Rc::new(charts);
        }
        self.clock.force_panels = false;
    }
}
