//! Drawing data for consumers and groups: cards, markers on the lanes, describe tables, the offset-expiry countdown.

use super::*;

/// What a consumer card shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsumerCardVm {
    pub id: u32,
    pub client_id: String,
    pub group: String,
    /// `subscribe(...)` as Kafka names it: the topics, or the pattern (empty: the first topic).
    pub subscription: String,
    /// Its assigned partitions as Kafka names them (`t0-1`), in the order of `partitions`.
    pub partition_names: Vec<String>,
    pub state: crate::sim::consumer::ConsumerState,
    /// Its partitions are paused (a pause/resume application at its high mark).
    pub paused: bool,
    pub commit: crate::sim::consumer::CommitStrategy,
    /// (partition, position, committed)
    pub partitions: Vec<(u32, u64, Option<u64>)>,
    pub in_hand: u64,
    pub batch_size: u32,
    pub processed: u64,
    pub commits: u64,
    pub commits_failed: u64,
    pub error: Option<String>,
    /// Index of its group among all groups (for colours).
    pub group_index: usize,
}

/// The delivery guarantee a group's setup gives (decided by the core).
pub use crate::sim::consumer::DeliveryGuarantee as Guarantee;

/// What a group's panel shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupVm {
    pub group: String,
    pub index: usize,
    pub state: crate::sim::consumer::GroupState,
    pub generation: i32,
    pub offsets_partition: u32,
    pub describe: Vec<crate::sim::consumer::DescribeRow>,
    pub processed: u64,
    pub duplicates: u64,
    pub lost: u64,
    pub guarantee: Guarantee,
    /// The newest records of its `__consumer_offsets` partition (newest first, at most 8).
    pub recent_commits: Vec<crate::sim::consumer::OffsetCommitRecord>,
    /// The compacted view of that partition for this group.
    pub compacted: Vec<crate::sim::consumer::OffsetCommitRecord>,
    pub offsets_log_end: u64,
    /// Offsets processed twice / never, as (partition, from, to).
    pub duplicate_ranges: Vec<(u32, u64, u64)>,
    pub lost_ranges: Vec<(u32, u64, u64)>,
    /// While the group is Empty with committed offsets: when they expire (simulated ms) and
    /// `offsets.retention.minutes`. The retention check runs every
    /// `offsets.retention.check.interval.ms`, so expiry happens at the first check after.
    pub expires_at_ms: Option<u64>,
    /// Simulated ms left until `expires_at_ms` (0 once passed, until the next check).
    pub expires_in_ms: Option<u64>,
    pub offsets_retention_minutes: u64,
    /// `offsets.retention.check.interval.ms`.
    pub offsets_retention_check_ms: u64,
}

/// A marker on a partition lane: a group's committed offset or a consumer's position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneMarker {
    pub partition: u32,
    pub offset: u64,
    pub committed: bool,
    pub group_index: usize,
    pub label: String,
}

/// The consumer side of the page, computed from the simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ConsumersVm {
    pub consumers: Vec<ConsumerCardVm>,
    pub groups: Vec<GroupVm>,
    pub markers: Vec<LaneMarker>,
}

pub fn consumers_vm(sim: &crate::sim::Sim) -> ConsumersVm {
    use crate::sim::consumer::describe_group;
    let world = &sim.consumers();
    let group_names: Vec<&String> = world.groups.keys().collect();
    let index_of = |g: &str| group_names.iter().position(|n| n.as_str() == g).unwrap_or(group_names.len());
    let view = sim.logs_view();
    let topic = &sim.config().topic;
    let consumers = world
        .consumers
        .values()
        .map(|c| ConsumerCardVm {
            id: c.id,
            client_id: c.spec.client_id.clone(),
            group: c.spec.group_id.clone(),
            subscription: match &c.spec.subscription {
                crate::sim::consumer::Subscription::Topics(t) if t.is_empty() => String::new(),
                crate::sim::consumer::Subscription::Topics(t) => t.join(", "),
                crate::sim::consumer::Subscription::Pattern(p) => format!("/{p}/"),
            },
            partition_names: match sim.topics().len() {
                1 => c.assignment.keys().map(|p| p.to_string()).collect(),
                _ => c.assignment.keys().map(|p| sim.partition_name(*p)).collect(),
            },
            state: c.state,
            commit: c.spec.commit,
            partitions: c.assignment.iter().map(|(p, pos)| (*p, pos.position, pos.committed)).collect(),
            in_hand: c.records_in_hand(),
            batch_size: c.batch_size,
            processed: c.records_processed,
            commits: c.commits_sent,
            commits_failed: c.commits_failed,
            error: c.last_error.clone(),
            paused: c.paused,
            group_index: index_of(&c.spec.group_id),
        })
        .collect();
    let mut markers = Vec::new();
    let groups = world
        .groups
        .values()
        .enumerate()
        .map(|(index, g)| {
            let ledger = world.ledger.groups.get(&g.group_id).cloned().unwrap_or_default();
            for (p, off) in &g.committed {
                markers.push(LaneMarker {
                    partition: *p,
                    offset: *off,
                    committed: true,
                    group_index: index,
                    label: g.group_id.clone(),
                });
            }
            let log = world.offsets.logs.get(&g.offsets_partition);
            GroupVm {
                group: g.group_id.clone(),
                index,
                state: g.state,
                generation: g.generation,
                offsets_partition: g.offsets_partition,
                describe: describe_group(world, &g.group_id, topic, &view).unwrap_or_default(),
                processed: ledger.processed,
                duplicates: ledger.duplicates,
                lost: ledger.lost,
                guarantee: crate::sim::consumer::delivery_guarantee(world, &g.group_id),
                recent_commits: log
                    .map(|l| l.recent.iter().rev().filter(|r| r.group == g.group_id).take(8).cloned().collect())
                    .unwrap_or_default(),
                compacted: log
                    .map(|l| l.compacted.values().filter(|r| r.group == g.group_id).cloned().collect())
                    .unwrap_or_default(),
                offsets_log_end: log.map_or(0, |l| l.log_end_offset),
                duplicate_ranges: ledger.duplicate_ranges.iter().copied().collect(),
                expires_at_ms: (g.state == crate::sim::consumer::GroupState::Empty && !g.committed.is_empty())
                    .then_some(g.empty_since_us)
                    .flatten()
                    .map(|t| t / 1000 + world.offsets_retention_ms),
                expires_in_ms: (g.state == crate::sim::consumer::GroupState::Empty && !g.committed.is_empty())
                    .then_some(g.empty_since_us)
                    .flatten()
                    .map(|t| (t / 1000 + world.offsets_retention_ms).saturating_sub(sim.now_ms())),
                offsets_retention_minutes: world.offsets_retention_ms / 60_000,
                offsets_retention_check_ms: world.offsets_retention_check_ms,
                lost_ranges: ledger.lost_ranges.iter().copied().collect(),
            }
        })
        .collect();
    for c in world.consumers.values() {
        for (p, pos) in &c.assignment {
            markers.push(LaneMarker {
                partition: *p,
                offset: pos.position,
                committed: false,
                group_index: index_of(&c.spec.group_id),
                label: c.spec.client_id.clone(),
            });
        }
    }
    ConsumersVm { consumers, groups, markers }
}
