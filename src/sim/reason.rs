//! Typed reasons carried by events. Each reason is a closed enum the page words in both
//! languages (`i18n`); it also keeps Kafka's English wording, which the command line, the
//! trace and the report print, so an event's `reason` reads (and compares) as that text.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

/// A reason: its kind (for the page's words) and its English text (for the command line).
/// Derefs to `str`, so `reason.contains(..)` and `reason == ".."` read the English text.
#[derive(Clone, PartialEq, Eq)]
pub struct Reason<K> {
    kind: K,
    text: String,
}

/// A kind of reason and its English wording.
pub trait English {
    fn english(&self) -> String;
}

impl<K: English> Reason<K> {
    pub fn new(kind: K) -> Self {
        let text = kind.english();
        Self { kind, text }
    }
}

impl<K> Reason<K> {
    pub fn kind(&self) -> &K {
        &self.kind
    }
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<K: English> From<K> for Reason<K> {
    fn from(kind: K) -> Self {
        Self::new(kind)
    }
}

impl<K> Deref for Reason<K> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl<K> fmt::Display for Reason<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<K> fmt::Debug for Reason<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

/// Serialised as its English text (traces and reports keep their format).
impl<K> Serialize for Reason<K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<K> PartialEq<str> for Reason<K> {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl<K> PartialEq<&str> for Reason<K> {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl<K> PartialEq<String> for Reason<K> {
    fn eq(&self, other: &String) -> bool {
        &self.text == other
    }
}

/// Why a consumer group rebalances or a member leaves it (the classic group coordinator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupReason {
    /// The group's first member joined (the initial rebalance).
    FirstMemberJoined,
    /// Another member joined (a new consumer, or one rejoining).
    MemberJoined,
    /// The consumer closed and sent LeaveGroup.
    LeaveGroup,
    /// No heartbeat within `session.timeout.ms`.
    SessionTimeout,
    /// No `poll()` within `max.poll.interval.ms`: the consumer leaves the group.
    PollTimeout,
    /// A member did not rejoin within the rebalance timeout.
    RebalanceTimeout,
    /// The cooperative protocol's second round: revoked partitions are handed out.
    CooperativeFollowUp,
    /// The leader saw the topic's partition count change (`ConsumerCoordinator.rejoinNeededOrPending`).
    MetadataChanged { topic: String, assigned: u32, now: u32 },
    /// A member's pattern now matches other topics (`ConsumerCoordinator.rejoinNeededOrPending`).
    SubscriptionChanged { from: Vec<String>, to: Vec<String> },
}

impl English for GroupReason {
    fn english(&self) -> String {
        match self {
            Self::FirstMemberJoined => "first member joined".into(),
            Self::MemberJoined => "a member joined".into(),
            Self::LeaveGroup => "close(): LeaveGroup".into(),
            Self::SessionTimeout => "session timeout (no heartbeat for session.timeout.ms)".into(),
            Self::PollTimeout => "consumer poll timeout has expired (max.poll.interval.ms)".into(),
            Self::RebalanceTimeout => "did not rejoin within the rebalance timeout".into(),
            Self::CooperativeFollowUp => "cooperative follow-up: revoked partitions to reassign".into(),
            Self::MetadataChanged { topic, assigned, now } => format!(
                "cached metadata has changed: {topic} had {assigned} partitions at the beginning of the rebalance, now {now}"
            ),
            Self::SubscriptionChanged { from, to } => format!(
                "subscription has changed from [{}] at the beginning of the rebalance to [{}]",
                from.join(", "),
                to.join(", ")
            ),
        }
    }
}

/// Why the controller elected a leader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElectionCause {
    /// The leader's broker was fenced (its session timed out).
    BrokerFenced,
    /// The leader's broker shut down cleanly.
    ControlledShutdown,
    /// A broker came back to a partition that had no leader.
    BrokerRestarted,
    /// A reassignment removes the current leader.
    LeaderRemoved,
    /// A cancelled reassignment went back to the old replicas.
    ReassignmentCancelled,
    /// `auto.leader.rebalance.enable`: leadership back to the preferred replica.
    Preferred,
}

/// A leader election: its cause, and whether it was unclean (a replica outside the ISR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Election {
    pub cause: ElectionCause,
    pub unclean: bool,
}

impl English for Election {
    fn english(&self) -> String {
        let cause = match self.cause {
            ElectionCause::BrokerFenced => "broker fenced",
            ElectionCause::ControlledShutdown => "controlled shutdown",
            ElectionCause::BrokerRestarted => "broker restarted",
            ElectionCause::LeaderRemoved => "reassignment: the leader is being removed",
            ElectionCause::ReassignmentCancelled => "reassignment cancelled",
            ElectionCause::Preferred => "preferred leader election (auto.leader.rebalance.enable)",
        };
        if self.unclean {
            format!("{cause} (unclean)")
        } else {
            cause.to_string()
        }
    }
}
