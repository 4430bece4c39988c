//! The terminal (the console's lines) and the tool forms (reassignment, reset offsets).

use super::*;

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

impl AppModel {
    pub(super) fn term(&mut self, kind: TermKind, text: String) {
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
    pub(super) fn console_line(&mut self, line: &str) {
        let prompt = self.console.prompt();
        self.term(TermKind::Input, format!("{prompt}{line}"));
        if let Some(l) = self.lesson.as_mut() {
            l.observe_command(line);
        }
        let mut scratch = self.run.sim.clone();
        let console = Rc::make_mut(&mut self.console);
        console.base = Some(self.scenario.clone());
        let outcome = console.exec(&mut scratch, line);
        if outcome.clear {
            Rc::make_mut(&mut self.terminal).clear();
        }
        let kind = if outcome.error { TermKind::Error } else { TermKind::Output };
        // `help` is worded in the visitor's language; every other output is the tool's.
        let text = match outcome.help {
            Some(h) => crate::i18n::console_help(self.lang, h.tool),
            None => outcome.output.clone(),
        };
        if let Some(replay) = outcome.replay {
            if let Err(n) = self.intervene(scenario::Action::Console(replay)) {
                self.notice = Some(n);
            }
        }
        self.term(kind, text);
    }

    /// Run a Kafka tool's command line for a form (reset offsets, reassignment): its output,
    /// and whether it failed. Changes go through the timeline like the console's.
    pub(super) fn tool_line(&mut self, line: &str) -> Result<String, String> {
        self.tool_run(line).map(|(output, _)| output)
    }

    /// Run a tool's line on a copy first: on success it goes on the timeline (so it replays)
    /// and the console's files after it come back with the output.
    pub(super) fn tool_run(
        &mut self,
        line: &str,
    ) -> Result<(String, crate::util::ordmap::OrdMap<String, String>), String> {
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
        Ok((outcome.output, console.files))
    }

    pub(super) fn reassign(&mut self, form: &ReassignForm) {
        use crate::tools::reassign::{
            topics_to_move_json, ReassignAction, ReassignRequest, PROPOSAL_FILE, REASSIGNMENT_FILE, TOPICS_FILE,
        };
        let topic = self.run.sim.config().topic.clone();
        let console = Rc::make_mut(&mut self.console);
        let files = console
            .write_file(REASSIGNMENT_FILE, &self.reassign_json)
            .and_then(|_| console.write_file(TOPICS_FILE, &topics_to_move_json(&topic)));
        let request = ReassignRequest {
            action: form.action,
            broker_list: &form.broker_list,
            throttle: &form.throttle,
            additional: form.additional,
        };
        let generate = form.action == ReassignAction::Generate;
        let result = files.and_then(|_| {
            if generate && form.broker_list.contains(char::is_whitespace) {
                return Err(format!("--broker-list: '{}' must not contain spaces", form.broker_list.trim()));
            }
            self.tool_run(&request.command_line(BOOTSTRAP)).map_err(|e| e.trim_end().to_string())
        });
        let result = result.map(|(output, files)| {
            // The proposal goes into the editor, ready for --execute.
            if let Some(p) = files.get(PROPOSAL_FILE).filter(|_| generate) {
                self.reassign_json = p.clone();
            }
            output
        });
        self.reassign_output = Some(ReassignOutput { action: form.action, result });
        self.refresh();
    }

    /// `kafka-consumer-groups.sh --reset-offsets --group G --topic T --<mode> [value]
    /// [--execute]`: print the plan (or the error); with `execute`, commit it.
    pub(super) fn reset_offsets(&mut self, form: &ResetForm, execute: bool) {
        use crate::sim::offsets_tool::parse_reset_spec;
        let group = form.group.trim().to_string();
        let checked = if group.is_empty() {
            Err("--group: give the group whose offsets to reset".to_string())
        } else {
            parse_reset_spec(form.mode.name(), &form.value, self.run.sim.now_ms()).map(|_| ())
        };
        let result = checked.and_then(|_| {
            let topic = self.run.sim.config().topic.clone();
            let line =
                crate::tools::console::reset_offsets_line(BOOTSTRAP, &group, &topic, form.mode, &form.value, execute);
            self.tool_line(&line).map_err(|e| e.trim_end().to_string())
        });
        self.reset_output = Some(ResetOutput { executed: execute && result.is_ok(), result });
        self.refresh();
    }
}
