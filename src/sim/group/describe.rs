//! `kafka-consumer-groups.sh --describe`: its rows and Kafka's text.

use crate::util::ordmap::OrdMap;

use serde::Serialize;

use crate::sim::consumer::*;

/// One row of `kafka-consumer-groups.sh --describe`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DescribeRow {
    pub group: String,
    pub topic: String,
    pub partition: u32,
    /// The committed offset (`None` prints `-`).
    pub current_offset: Option<u64>,
    /// `ListOffsets(latest)` = the high watermark.
    pub log_end_offset: u64,
    /// `LOG-END-OFFSET - CURRENT-OFFSET`, `None` without a commit.
    pub lag: Option<u64>,
    pub consumer_id: Option<String>,
    pub host: Option<String>,
    pub client_id: Option<String>,
}

/// `kafka-consumer-groups.sh --describe --group G` (offsets view): a row per partition the
/// group has a committed offset for or a member owns, sorted by topic and partition.
pub fn describe_group(
    world: &ConsumerWorld,
    group: &str,
    topic: &str,
    view: &dyn PartitionView,
) -> Option<Vec<DescribeRow>> {
    let g = world.groups.get(group)?;
    let mut partitions: crate::util::ordmap::OrdSet<u32> = g.committed.keys().copied().collect();
    let mut owners: OrdMap<u32, (&String, &GroupMember)> = OrdMap::new();
    if g.state == GroupState::Stable {
        for (id, m) in &g.members {
            for p in &m.assigned {
                owners.insert(*p, (id, m));
                partitions.insert(*p);
            }
        }
    }
    let tv = TopicsView::new(topic, view);
    let mut rows: Vec<DescribeRow> = partitions
        .into_iter()
        .map(|p| {
            let (_, hw) = view.offsets(p);
            let committed = g.committed.get(&p).copied();
            let owner = owners.get(&p);
            let (topic, partition) = tv.owner(p);
            DescribeRow {
                group: group.to_string(),
                topic,
                partition,
                current_offset: committed,
                log_end_offset: hw,
                lag: committed.map(|c| hw.saturating_sub(c)),
                consumer_id: owner.map(|(id, _)| (*id).clone()),
                host: owner.map(|_| "/127.0.0.1".to_string()),
                client_id: owner.map(|(_, m)| m.client_id.clone()),
            }
        })
        .collect();
    crate::util::order::sort_by(&mut rows, |a, b| (&a.topic, a.partition).cmp(&(&b.topic, b.partition)));
    Some(rows)
}

/// The describe table as `kafka-consumer-groups.sh` prints it (missing values as `-`).
pub fn format_describe(group: &str, state: Option<GroupState>, rows: &[DescribeRow]) -> String {
    use std::fmt::Write;
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    let mut s = String::new();
    match state {
        Some(GroupState::Empty) | Some(GroupState::Dead) => {
            let _ = writeln!(s, "Consumer group '{group}' has no active members.");
        }
        Some(GroupState::PreparingRebalance) | Some(GroupState::CompletingRebalance) => {
            let _ = writeln!(s, "Warning: Consumer group '{group}' is rebalancing.");
        }
        _ => {}
    }
    let w_group = rows.iter().map(|r| r.group.len()).max().unwrap_or(0).max(15);
    let w_topic = rows.iter().map(|r| r.topic.len()).max().unwrap_or(0).max(15);
    let w_consumer = rows.iter().map(|r| r.consumer_id.as_ref().map_or(1, String::len)).max().unwrap_or(0).max(15);
    let w_host = rows.iter().map(|r| r.host.as_ref().map_or(1, String::len)).max().unwrap_or(0).max(15);
    let _ = writeln!(
        s,
        "\n{:<w_group$} {:<w_topic$} {:<10} {:<15} {:<15} {:<15} {:<w_consumer$} {:<w_host$} {}",
        "GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{:<w_group$} {:<w_topic$} {:<10} {:<15} {:<15} {:<15} {:<w_consumer$} {:<w_host$} {}",
            r.group,
            r.topic,
            r.partition,
            dash(r.current_offset.map(|v| v.to_string())),
            r.log_end_offset,
            dash(r.lag.map(|v| v.to_string())),
            dash(r.consumer_id.clone()),
            dash(r.host.clone()),
            dash(r.client_id.clone())
        );
    }
    s
}
