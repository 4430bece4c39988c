//! Drawing data for brokers: cards, replica chips and their roles, rates.

use super::*;

/// A replica on a broker, as a chip in the broker's card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicaChipVm {
    pub partition: u32,
    pub role: ReplicaRole,
    pub in_isr: bool,
    /// It is the partition's leader (also while being removed).
    pub leads: bool,
    /// How much of the leader's log it has (0..=1).
    pub progress: f64,
    /// Its log end offset (followers) or the log's (leader).
    pub leo: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReplicaRole {
    Leader,
    Follower,
    /// Being added by a reassignment (copying).
    Adding,
    /// Being removed by a reassignment.
    Removing,
}

/// A broker card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokerCardVm {
    pub id: i32,
    pub state: crate::sim::cluster::BrokerState,
    pub leaders: u32,
    pub replicas: u32,
    pub bytes_in_per_s: u64,
    pub bytes_out_per_s: u64,
    pub throttle: Option<u64>,
    pub coordinator_for: Vec<u32>,
    pub chips: Vec<ReplicaChipVm>,
}

/// The cluster as the brokers panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct BrokersVm {
    pub brokers: Vec<BrokerCardVm>,
    /// Largest byte rate on any broker (for the bars' scale).
    pub max_rate: u64,
    /// Partitions being reassigned.
    pub reassigning: Vec<u32>,
    /// Replication throttles still set with no reassignment in progress (the controller never
    /// removes them; `--verify` does).
    pub throttle_leftover: bool,
    pub min_insync_replicas: u16,
    pub acked_records_lost: u64,
    pub produce_limit: Option<u64>,
}

pub fn brokers_vm(sim: &crate::sim::Sim) -> BrokersVm {
    let snaps = sim.broker_snapshots();
    let c = &sim.cluster();
    let brokers: Vec<BrokerCardVm> = snaps
        .into_iter()
        .map(|b| {
            let chips = c
                .partitions
                .iter()
                .enumerate()
                .filter(|(_, p)| p.replicas.contains(&b.id))
                .map(|(i, p)| {
                    let log_leo = sim.log(i as u32).map_or(0, |l| l.log_end_offset());
                    let log_start = sim.log(i as u32).map_or(0, |l| l.log_start_offset());
                    let leo =
                        if p.leader == Some(b.id) { log_leo } else { p.followers.get(&b.id).map_or(0, |f| f.leo) };
                    let span = log_leo.saturating_sub(log_start);
                    let progress = if span == 0 {
                        1.0
                    } else {
                        (leo.saturating_sub(log_start) as f64 / span as f64).clamp(0.0, 1.0)
                    };
                    let role = match &p.reassignment {
                        Some(r) if r.replicas.adding.contains(&b.id) => ReplicaRole::Adding,
                        Some(r) if r.replicas.removing.contains(&b.id) => ReplicaRole::Removing,
                        _ if p.leader == Some(b.id) => ReplicaRole::Leader,
                        _ => ReplicaRole::Follower,
                    };
                    ReplicaChipVm {
                        partition: i as u32,
                        role,
                        in_isr: p.isr.contains(&b.id),
                        leads: p.leader == Some(b.id),
                        progress,
                        leo,
                    }
                })
                .collect();
            BrokerCardVm {
                id: b.id,
                state: b.state,
                leaders: b.leaders,
                replicas: b.replicas,
                bytes_in_per_s: b.bytes_in_per_s,
                bytes_out_per_s: b.bytes_out_per_s,
                throttle: b.throttle,
                coordinator_for: b.coordinator_for,
                chips,
            }
        })
        .collect();
    BrokersVm {
        max_rate: brokers.iter().map(|b| b.bytes_in_per_s.max(b.bytes_out_per_s)).max().unwrap_or(0),
        brokers,
        reassigning: c.ongoing().keys().copied().collect(),
        throttle_leftover: c.ongoing().is_empty()
            && (!c.leader_throttled.is_empty()
                || !c.follower_throttled.is_empty()
                || c.brokers.values().any(|b| b.leader_throttle.is_some() || b.follower_throttle.is_some())),
        min_insync_replicas: c.config.min_insync_replicas,
        acked_records_lost: c.acked_records_lost,
        produce_limit: c.config.produce_bytes_per_s,
    }
}

/// Bytes per second as text (B/s, KB/s, MB/s).
pub fn format_rate_bytes(b: u64) -> String {
    if b >= 1_000_000 {
        format!("{:.1} MB/s", b as f64 / 1_000_000.0)
    } else if b >= 1_000 {
        format!("{:.0} KB/s", b as f64 / 1_000.0)
    } else {
        format!("{b} B/s")
    }
}
