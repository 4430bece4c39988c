//! `kafka-console-producer.sh`: lines typed into it become records (`parse.key`, `key.separator`).

use super::*;

impl Console {
    pub(super) fn start_producer(&mut self, sim: &mut Sim, o: &Opts, line: &str) -> Result<Outcome, String> {
        let topic = o.require("--topic")?.to_string();
        if sim.topics().get(&topic).is_none() {
            return Err(format!(
                "Error: topic '{topic}' does not exist (the playground's brokers run with auto.create.topics.enable=false: create it with kafka-topics.sh --create)"
            ));
        }
        let mut parse_key = false;
        let mut separator = "\t".to_string();
        for p in o.all("--property").chain(o.all("--reader-property")) {
            let (k, v) = p.split_once('=').ok_or_else(|| format!("--property: '{p}' is not key=value"))?;
            match k {
                "parse.key" => parse_key = v.eq_ignore_ascii_case("true"),
                "key.separator" => separator = v.to_string(),
                "ignore.error" | "parse.headers" => {}
                other => return Err(format!("--property: '{other}' is not a line reader property the playground knows (parse.key, key.separator)")),
            }
        }
        if separator.is_empty() {
            return Err("--property: key.separator must not be empty".into());
        }
        self.mode = Mode::Producer { line: line.to_string(), parse_key, separator, topic };
        Ok(Outcome::ok("(type one record per line; Ctrl-D or an empty line ends)\n"))
    }

    pub(super) fn produce_line(
        &mut self,
        sim: &mut Sim,
        start: &str,
        (parse_key, separator, topic): (bool, &str, &str),
        line: &str,
    ) -> Outcome {
        if line.is_empty() || line == "\u{4}" {
            self.mode = Mode::Shell;
            return Outcome::ok("");
        }
        let record = if parse_key {
            match line.split_once(separator) {
                Some((k, v)) => TypedRecord { key: Some(k.to_string()), value: v.to_string() },
                None => {
                    return Outcome::err(format!(
                        "org.apache.kafka.common.KafkaException: No key separator found on line number 1: '{line}'\n"
                    ))
                }
            }
        } else {
            TypedRecord { key: None, value: line.to_string() }
        };
        let command = match topic == sim.config().topic {
            true => Command::ConsoleProduce { records: vec![record] },
            false => Command::ConsoleProduceTo { topic: topic.to_string(), records: vec![record] },
        };
        match sim.apply(command) {
            Ok(events) => Outcome {
                events,
                replay: Some(Replay { line: start.to_string(), input: vec![line.to_string()], files: OrdMap::new() }),
                ..Outcome::ok("")
            },
            Err(e) => Outcome::err(format!("{e}\n")),
        }
    }
}
