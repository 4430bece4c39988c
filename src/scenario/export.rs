//! Exports: the run's trace (JSON), the describe tables (text), and "try it on a real cluster"
//! (the commands and client properties that set up the same scenario on Kafka). The SVG
//! snapshot is taken by the page from its own drawing.

use std::fmt::Write;

use crate::scenario::{Action, Run, Scenario};
use crate::sim::consumer::CommitStrategy;
use crate::sim::Sim;

/// Most events a trace carries (the rest are counted).
pub const TRACE_EVENTS_MAX: usize = 20_000;

/// The run's events from the start to `until_ms`, replayed deterministically from the scenario
/// (its timeline includes the visitor's actions) and seed. Batch appends are kept; at most
/// `TRACE_EVENTS_MAX` events, then a count of those left out.
pub fn trace_json(scenario: &Scenario, seed: u64, until_ms: u64) -> String {
    let mut events = Vec::new();
    let mut left_out = 0u64;
    let result = Run::start(scenario, Some(seed)).map(|(mut run, start)| {
        let mut keep = |e: &crate::sim::Event| {
            if events.len() < TRACE_EVENTS_MAX {
                events.push(e.clone());
            } else {
                left_out += 1;
            }
        };
        start.iter().for_each(&mut keep);
        run.run_until(until_ms, &mut keep);
    });
    let doc = serde_json::json!({
        "kafka_playground": env!("CARGO_PKG_VERSION"),
        "kafka_version": "4.0",
        "seed": seed,
        "until_ms": until_ms,
        "error": result.err().map(|e| e.to_string()),
        "events": events,
        "events_left_out": left_out,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// `kafka-topics.sh --describe`, `kafka-consumer-groups.sh --describe` for every group and
/// `kafka-reassign-partitions.sh --list`, as Kafka prints them.
pub fn describe_text(sim: &Sim) -> String {
    use crate::sim::consumer::{describe_group, format_describe};
    let topic = sim.config().topic.clone();
    let mut s = format!("$ kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic {topic}\n");
    s.push_str(&crate::tools::console::describe_topic(sim));
    let view = sim.logs_view();
    for (group, g) in &sim.consumers().groups {
        let _ =
            writeln!(s, "\n$ kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group {group}");
        if let Some(rows) = describe_group(sim.consumers(), group, &topic, &view) {
            s.push_str(&format_describe(group, Some(g.state), &rows));
        }
    }
    s.push_str("\n$ kafka-reassign-partitions.sh --bootstrap-server localhost:9092 --list\n");
    s.push_str(&crate::tools::reassign::list(sim));
    let _ = writeln!(s, "\n# kafka-playground at {} ms (simulated), Kafka 4.0 behaviour", sim.now_ms());
    s
}

/// Shell commands and client properties that set up the scenario on a real Kafka 4.x cluster.
pub fn real_cluster(s: &Scenario) -> String {
    let mut o = String::new();
    real_cluster_topic(s, &mut o);
    real_cluster_producers(s, &mut o);
    real_cluster_consumers(s, &mut o);
    real_cluster_timeline(s, &mut o);
    o.push_str(
        "\n# Simplified in the playground: one topic, one network delay, time can be sped up; see the page's notes.\n",
    );
    o
}

/// The brokers' and the topic's settings, and `kafka-topics.sh --create`.
fn real_cluster_topic(s: &Scenario, o: &mut String) {
    let c = &s.sim;
    let cl = &c.cluster;
    let bs = "--bootstrap-server localhost:9092";
    let _ = writeln!(
        o,
        "# The same scenario on a real Kafka 4.x cluster (kafka-playground {}).",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        o,
        "# Brokers: {} (ids {}).",
        cl.brokers.len(),
        cl.brokers.iter().map(|b| b.id.to_string()).collect::<Vec<_>>().join(",")
    );
    if cl.brokers.iter().any(|b| b.rack.is_some()) {
        for b in &cl.brokers {
            let _ = writeln!(o, "#   broker {}: broker.rack={}", b.id, b.rack.as_deref().unwrap_or("(none)"));
        }
    }
    let _ = writeln!(o, "# Broker settings: offsets.topic.num.partitions={} offsets.retention.minutes={} group.initial.rebalance.delay.ms={}", s.offsets_topic_partitions, s.offsets_retention_minutes, s.initial_rebalance_delay_ms);
    let _ = writeln!(
        o,
        "#   replica.lag.time.max.ms={} broker.session.timeout.ms={} auto.leader.rebalance.enable={}",
        cl.replica_lag_time_max_ms, cl.broker_session_timeout_ms, cl.auto_leader_rebalance
    );
    let mut configs = Vec::new();
    configs.push(format!("retention.ms={}", c.retention_ms.map_or(-1, |v| v as i64)));
    configs.push(format!("retention.bytes={}", c.retention_bytes.map_or(-1, |v| v as i64)));
    configs.push(format!("segment.bytes={}", c.log_limits.segment_bytes));
    configs.push(format!("segment.ms={}", c.log_limits.segment_ms));
    configs.push(format!("min.insync.replicas={}", cl.min_insync_replicas));
    if cl.unclean_leader_election {
        configs.push("unclean.leader.election.enable=true".into());
    }
    let _ = write!(o, "\nkafka-topics.sh {bs} --create --topic {}", c.topic);
    match &cl.replica_assignment {
        Some(a) => {
            let ra = a
                .iter()
                .map(|r| r.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(":"))
                .collect::<Vec<_>>()
                .join(",");
            let _ = write!(o, " --replica-assignment {ra}");
        }
        None => {
            let _ = write!(o, " --partitions {} --replication-factor {}", c.partitions, cl.replication_factor);
        }
    }
    for cfg in &configs {
        let _ = write!(o, " \\\n  --config {cfg}");
    }
    o.push('\n');
}

/// Each producer's properties and `kafka-producer-perf-test.sh`.
fn real_cluster_producers(s: &Scenario, o: &mut String) {
    let c = &s.sim;
    for p in &s.producers {
        let _ = writeln!(o, "\n# producer {} ({} records/s in the playground; keys: {:?}; kafka-producer-perf-test.sh sends them without keys)", p.client_id, p.rate_records_per_s, p.keys);
        let _ = writeln!(o, "cat > {}.properties <<'EOF'", p.client_id);
        let _ = writeln!(o, "bootstrap.servers=localhost:9092\nclient.id={}\nacks={}\nbatch.size={}\nlinger.ms={}\nbuffer.memory={}\nmax.in.flight.requests.per.connection={}\nmetadata.max.age.ms={}\ndelivery.timeout.ms={}\nretry.backoff.ms={}\nmax.block.ms={}\nEOF",
            p.client_id, p.acks.name(), p.batch_size, p.linger_ms, p.buffer_memory, p.max_in_flight, p.metadata_max_age_ms, p.delivery_timeout_ms, p.retry_backoff_ms, p.max_block_ms);
        let _ = writeln!(o, "kafka-producer-perf-test.sh --topic {} --num-records {} --record-size {} --throughput {} --producer.config {}.properties",
            c.topic, (p.rate_records_per_s * s.until_ms as f64 / 1000.0).ceil() as u64, p.value_bytes.max(1), p.rate_records_per_s, p.client_id);
    }
}

/// Each consumer's properties and `kafka-console-consumer.sh`.
fn real_cluster_consumers(s: &Scenario, o: &mut String) {
    let c = &s.sim;
    let bs = "--bootstrap-server localhost:9092";
    for k in &s.consumers {
        let _ = writeln!(
            o,
            "\n# consumer {} (group {}; the application {})",
            k.client_id,
            k.group_id,
            match k.commit {
                CommitStrategy::Auto => "lets poll() commit",
                CommitStrategy::SyncPerRecord => "calls commitSync() after each record",
                CommitStrategy::SyncPerBatch => "calls commitSync() after each batch",
                CommitStrategy::AsyncPerBatch => "calls commitAsync() after each batch",
                CommitStrategy::BeforeProcessing => "calls commitSync() before processing",
            }
        );
        let reset = k.auto_offset_reset.config_value();
        let _ = writeln!(o, "cat > {}.properties <<'EOF'", k.client_id);
        let _ = writeln!(o, "bootstrap.servers=localhost:9092\nclient.id={}\ngroup.id={}\n{}enable.auto.commit={}\nauto.commit.interval.ms={}\nmax.poll.records={}\nmax.poll.interval.ms={}\nsession.timeout.ms={}\nheartbeat.interval.ms={}\npartition.assignment.strategy={}\nauto.offset.reset={}\nfetch.min.bytes={}\nfetch.max.wait.ms={}\nfetch.max.bytes={}\nmax.partition.fetch.bytes={}\nEOF",
            k.client_id, k.group_id,
            k.group_instance_id.as_ref().map_or(String::new(), |i| format!("group.instance.id={i}\n")),
            k.commit == CommitStrategy::Auto, k.auto_commit_interval_ms, k.max_poll_records, k.max_poll_interval_ms,
            k.session_timeout_ms, k.heartbeat_interval_ms, k.assignor.class_name(), reset, k.fetch_min_bytes,
            k.fetch_max_wait_ms, k.fetch_max_bytes, k.max_partition_fetch_bytes);
        let _ = writeln!(
            o,
            "kafka-console-consumer.sh {bs} --topic {} --consumer.config {}.properties",
            c.topic, k.client_id
        );
    }
}

/// The timeline's steps as Kafka's commands (or what to do by hand).
fn real_cluster_timeline(s: &Scenario, o: &mut String) {
    let c = &s.sim;
    let bs = "--bootstrap-server localhost:9092";
    let mut files = 0;
    for step in &s.timeline {
        let at = format!("# at {} ms:", step.at_ms);
        match &step.action {
            Action::AlterPartitions(n) => {
                let _ = writeln!(o, "\n{at}\nkafka-topics.sh {bs} --alter --topic {} --partitions {n}", c.topic);
            }
            Action::ExecuteReassignment { json, throttle, additional } => {
                files += 1;
                let _ = writeln!(o, "\n{at}\ncat > reassignment-{files}.json <<'EOF'\n{json}\nEOF");
                let _ = writeln!(o, "kafka-reassign-partitions.sh {bs} --execute --reassignment-json-file reassignment-{files}.json{}{}",
                    throttle.map_or(String::new(), |t| format!(" --throttle {t}")), if *additional { " --additional" } else { "" });
            }
            Action::VerifyReassignment { .. } | Action::CancelReassignment { .. } => {
                let verb = if matches!(step.action, Action::VerifyReassignment { .. }) { "verify" } else { "cancel" };
                let _ = writeln!(
                    o,
                    "\n{at}\nkafka-reassign-partitions.sh {bs} --{verb} --reassignment-json-file reassignment-{}.json",
                    files.max(1)
                );
            }
            Action::Console(r) => {
                let _ = writeln!(o, "\n{at}");
                for (name, text) in &r.files {
                    let _ = writeln!(o, "cat > {name} <<'EOF'\n{}\nEOF", text.trim_end());
                }
                if r.input.is_empty() {
                    let _ = writeln!(o, "{}", r.line);
                } else {
                    let _ = writeln!(
                        o,
                        "printf '%s\\n' {} | {}",
                        r.input.iter().map(|l| crate::tools::console::quote_word(l)).collect::<Vec<_>>().join(" "),
                        r.line
                    );
                }
            }
            Action::StopBroker(b) => {
                let _ =
                    writeln!(o, "\n{at}\n# stop broker {b} (controlled shutdown: kafka-server-stop.sh on its host)");
            }
            Action::CrashBroker(b) => {
                let _ = writeln!(o, "\n{at}\n# crash broker {b} (kill -9 its process)");
            }
            Action::RestartBroker(b) => {
                let _ = writeln!(o, "\n{at}\n# start broker {b} again (kafka-server-start.sh)");
            }
            Action::CrashConsumer(id) => {
                let _ = writeln!(o, "\n{at}\n# crash consumer {id} (kill -9 its process)");
            }
            other => {
                let _ =
                    writeln!(o, "\n{at}\n# {} (an application or playground change: do it by hand)", step_name(other));
            }
        }
    }
}

fn step_name(a: &Action) -> String {
    match a {
        Action::AddProducer(p) => format!("add producer {}", p.client_id),
        Action::UpdateProducer(p) => format!("change producer {}", p.client_id),
        Action::RemoveProducer(id) => format!("close producer {id}"),
        Action::AddConsumer(c) => format!("start consumer {} in group {}", c.client_id, c.group_id),
        Action::RestartConsumer(id) => format!("start consumer {id} again"),
        Action::CloseConsumer(id) => format!("close consumer {id} (consumer.close())"),
        Action::AddBroker { id, .. } => format!("add broker {id}"),
        Action::RemoveBroker(id) => format!("decommission broker {id}"),
        Action::SetProduceLimit(b) => format!("produce limit {b:?} bytes/s (playground only)"),
        Action::SetPush(_) => "push comparison (not Kafka)".to_string(),
        other => format!("{other:?}"),
    }
}
