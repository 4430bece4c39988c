//! `AppModel::update`'s reducer: each `Action` by kind (playback and the page, what the
//! visitor does to the simulation, files, presets, lessons and tools).

use super::*;

impl AppModel {
    pub(super) fn apply_action(&mut self, action: Action) {
        match action {
            a @ (Action::Tick { .. }
            | Action::TogglePlay
            | Action::StepEvent
            | Action::Step100Ms
            | Action::SetSpeed(..)
            | Action::SpeedUp
            | Action::SpeedDown
            | Action::ToggleShortcuts
            | Action::SelectTab(..)
            | Action::Focus(..)
            | Action::Reset
            | Action::SetSeed(..)
            | Action::SetLang(..)
            | Action::SetTheme(..)
            | Action::Resize(..)
            | Action::StageWidth(..)
            | Action::DismissNotice
            | Action::Seek(..)
            | Action::SetVisible(..)) => self.playback(a),
            a @ (Action::AddProducer
            | Action::RemoveProducer(..)
            | Action::UpdateProducer(..)
            | Action::AlterPartitions(..)
            | Action::AddConsumer(..)
            | Action::CrashConsumer(..)
            | Action::RestartConsumer(..)
            | Action::CloseConsumer(..)
            | Action::StopBroker(..)
            | Action::CrashBroker(..)
            | Action::RestartBroker(..)
            | Action::AddBroker
            | Action::RemoveBroker(..)
            | Action::StartPush { .. }
            | Action::StopPush
            | Action::SetProduceLimit(..)) => self.simulate(a),
            a @ (Action::EditScenario(..)
            | Action::EditorRefused(..)
            | Action::EditorFromRun
            | Action::LoadScenario(..)
            | Action::MakeShareLink
            | Action::OpenShareLink(..)
            | Action::Export(..)) => self.files(a),
            a @ (Action::LoadPreset(..)
            | Action::ResetOffsets { .. }
            | Action::EditReassignment(..)
            | Action::DraftMove { .. }
            | Action::Reassign(..)
            | Action::ConsoleLine(..)
            | Action::ConsoleEnd
            | Action::StartLesson(..)
            | Action::LessonNext
            | Action::LessonPrev
            | Action::LessonReplay
            | Action::LessonFreePlay) => self.tools(a),
        }
    }

    /// Play, pause, step, speed, seed, seek; the page itself (language, theme, size, notices).
    fn playback(&mut self, action: Action) {
        match action {
            Action::Tick { wall_ms } => self.tick(wall_ms),
            Action::TogglePlay => {
                self.playing = !self.playing;
                self.clock.resume = true;
                // A visitor's play or pause while the embed counts as away wins over coming back.
                self.clock.hidden_playing = None;
            }
            Action::StepEvent => {
                self.playing = false;
                self.clock.hidden_playing = None;
                let horizon = self.run.sim.now_us() + 3_600_000_000;
                let events = self.run.step_event(horizon);
                self.travel.observe(&self.run, &events);
                let wall = self.clock.last_wall_ms.unwrap_or(0.0);
                self.log_events(&events, wall);
                self.refresh();
            }
            Action::Step100Ms => {
                self.playing = false;
                self.clock.hidden_playing = None;
                self.advance_sim(100_000, self.clock.last_wall_ms.unwrap_or(0.0));
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
            Action::SelectTab(tab) => self.tab = tab,
            Action::Focus(focus) => self.focus = focus,
            Action::Reset => self.restart(self.seed),
            Action::SetSeed(text) => match view::parse_seed(&text) {
                Ok(seed) => self.restart(seed),
                Err(e) => self.notice = Some(Notice::Field(e)),
            },
            Action::SetLang(lang) => {
                self.lang = lang;
                self.refresh();
            }
            Action::SetTheme(theme) => self.theme = theme,
            Action::StageWidth(px) => {
                let width = view::stage_width(px);
                if width != self.stage_width {
                    self.stage_width = width;
                    self.clock.force_panels = true;
                }
            }
            Action::Resize(px) => {
                let width = view::stage_width(stage_px_for_width(px, self.controls));
                if width != self.stage_width {
                    self.stage_width = width;
                    self.clock.force_panels = true;
                }
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
            Action::Seek(ms) => self.seek(ms.saturating_mul(1000)),
            Action::SetVisible(visible) => match (visible, self.clock.hidden_playing) {
                (false, None) => {
                    self.clock.hidden_playing = Some(self.playing);
                    self.playing = false;
                }
                (true, Some(was)) => {
                    self.clock.hidden_playing = None;
                    self.playing = was;
                    self.clock.resume = true;
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// What the visitor does to the simulation: producers, partitions, consumers, brokers, the push comparison, the produce limit.
    fn simulate(&mut self, action: Action) {
        match action {
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
                let n = self.run.sim.consumers().consumers.len() + 1;
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
                let id = self.run.sim.cluster().brokers.keys().max().map_or(1, |m| m + 1);
                self.command(Ok(Command::AddBroker { broker: id, rack: None }));
            }
            Action::RemoveBroker(b) => self.remove_broker(b),
            Action::StartPush { buffer, crash } => self.start_push(buffer, crash),
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
            _ => {}
        }
    }

    /// The scenario editor, share links and exports.
    fn files(&mut self, action: Action) {
        match action {
            Action::EditScenario(text) => {
                let status = Some(scenario::parse(&text).map(|_| ()).map_err(FileRefusal::Scenario));
                self.editor = Rc::new(Editor { text, status });
            }
            Action::EditorRefused(e) => {
                let text = self.editor.text.clone();
                self.editor = Rc::new(Editor { text, status: Some(Err(FileRefusal::Scenario(e))) });
            }
            Action::EditorFromRun => {
                let text = scenario::to_json(&self.travel.scenario(&self.scenario));
                self.editor = Rc::new(Editor { text, status: Some(Ok(())) });
            }
            Action::LoadScenario(text) => match scenario::parse(&text)
                .map_err(FileRefusal::Scenario)
                .and_then(|s| Run::start(&s, None).map(|_| s).map_err(FileRefusal::Start))
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
                self.share = Some(
                    crate::scenario::share::encode(&s, self.seed, self.run.sim.now_ms()).map_err(FileRefusal::Share),
                );
            }
            Action::OpenShareLink(fragment) => {
                match crate::scenario::share::decode(&fragment)
                    .map_err(FileRefusal::Share)
                    .and_then(|sh| Run::start(&sh.scenario, Some(sh.seed)).map(|_| sh).map_err(FileRefusal::Start))
                {
                    Ok(shared) => self.open_shared(shared),
                    Err(e) => {
                        // Said where share links live, and shown.
                        self.share = Some(Err(e));
                        self.tab = crate::app::Tab::Scenario;
                    }
                }
            }
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
            _ => {}
        }
    }

    /// Presets, lessons, the tool forms and the console.
    fn tools(&mut self, action: Action) {
        match action {
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
            Action::EditReassignment(text) => {
                self.reassign_json = text;
                self.drafts.clear();
            }
            Action::DraftMove { slot, from, to } => {
                match crate::tools::reassign::draft_move(&self.run.sim, &mut self.drafts, slot, from, to) {
                    Ok(json) => {
                        self.reassign_json = json;
                        self.draft_refusal = None;
                    }
                    Err(r) => self.draft_refusal = Some(r),
                }
                self.tab = Tab::Brokers;
            }
            Action::Reassign(form) => self.reassign(&form),
            Action::ConsoleLine(line) => self.console_line(&line),
            Action::ConsoleEnd => {
                let was = self.console.in_producer();
                Rc::make_mut(&mut self.console).end_input();
                if was {
                    self.term(TermKind::Input, ">^D".into());
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
            _ => {}
        }
    }
    /// The push comparison beside the consumers, with the first consumer's processing time.
    fn start_push(&mut self, buffer: String, crash: bool) {
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

    /// Decommission a broker; if it still holds replicas, offer Kafka's plan to move them off.
    fn remove_broker(&mut self, b: i32) {
        let applied = self.command(Ok(Command::RemoveBroker { broker: b }));
        if !applied && !self.run.sim.cluster().partitions_on(b).is_empty() {
            // Offer Kafka's --generate plan over the other brokers, in the editor.
            // On a copy: the proposal draws random numbers, and only a real --generate
            // should change the run.
            let mut scratch = self.run.sim.clone();
            if let Ok(plan) = crate::tools::reassign::plan_without(&mut scratch, b) {
                self.reassign_json = plan;
                self.reassign_output = Some(ReassignOutput {
                    action: crate::tools::reassign::ReassignAction::Generate,
                    result: Ok(format!(
                        "kafka-reassign-partitions.sh --generate --broker-list (all but {b}) proposed the plan now in the editor; --execute it to move broker {b}'s replicas off, then decommission it.\n"
                    )),
                });
            }
        }
    }
}
