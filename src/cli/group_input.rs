//! The input file of `kafka-playground assign`: topics with partition counts and the members'
//! subscriptions, as JSON. Errors name the field and the line and column.

use crate::util::ordmap::OrdMap;

use serde::Deserialize;

use crate::scenario::ScenarioError;
use crate::sim::group::assignor::{Member, TopicPartition};

/// Bounds that keep one assignment small.
pub const TOPICS_MAX: usize = 100;
pub const PARTITIONS_PER_TOPIC_MAX: u32 = 10_000;
pub const MEMBERS_MAX: usize = 1_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignFile {
    partitions: indexmap_like::OrderedMap<u32>,
    #[serde(default)]
    members: Option<indexmap_like::OrderedMap<MemberJson>>,
    #[serde(default)]
    subscriptions: Option<indexmap_like::OrderedMap<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberJson {
    topics: Vec<String>,
    #[serde(default)]
    owned: Vec<String>,
    #[serde(default)]
    generation: Option<i32>,
    #[serde(default)]
    instance_id: Option<String>,
}

/// A JSON object read in document order.
mod indexmap_like {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    pub struct OrderedMap<V>(pub Vec<(String, V)>);

    impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V2<V>(std::marker::PhantomData<V>);
            impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
                type Value = OrderedMap<V>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = map.next_entry::<String, V>()? {
                        if out.iter().any(|(key, _): &(String, V)| *key == k) {
                            return Err(serde::de::Error::custom(format!("duplicate key {k:?}")));
                        }
                        out.push((k, v));
                    }
                    Ok(OrderedMap(out))
                }
            }
            d.deserialize_map(V2(std::marker::PhantomData))
        }
    }
}

/// The assignor's input: partitions per topic and members in the order the file lists them.
pub struct AssignInput {
    pub partitions_per_topic: OrdMap<String, u32>,
    pub members: Vec<Member>,
}

fn err(path: &str, message: impl Into<String>) -> ScenarioError {
    let problem = crate::scenario::ScenarioProblem::CommandLine;
    ScenarioError { path: path.to_string(), line: 0, column: 0, message: message.into(), problem }
}

/// Parse an `assign` input file.
pub fn parse_assign_input(text: &str) -> Result<AssignInput, ScenarioError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: AssignFile = match serde_path_to_error::deserialize(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = inner.to_string();
            let message = message.rfind(" at line ").map_or(message.clone(), |i| message[..i].to_string());
            return Err(ScenarioError {
                path: if path == "." || path == "?" { String::new() } else { path },
                line: inner.line(),
                column: inner.column(),
                message,
                problem: crate::scenario::ScenarioProblem::CommandLine,
            });
        }
    };
    if let Err(e) = de.end() {
        return Err(ScenarioError {
            path: String::new(),
            line: e.line(),
            column: e.column(),
            message: "trailing characters".into(),
            problem: crate::scenario::ScenarioProblem::CommandLine,
        });
    }
    if raw.partitions.0.len() > TOPICS_MAX {
        return Err(err("partitions", format!("at most {TOPICS_MAX} topics")));
    }
    let mut ppt = OrdMap::new();
    for (topic, n) in raw.partitions.0 {
        if topic.is_empty() {
            return Err(err("partitions", "a topic name is empty"));
        }
        if n > PARTITIONS_PER_TOPIC_MAX {
            return Err(err(&format!("partitions.{topic}"), format!("at most {PARTITIONS_PER_TOPIC_MAX} partitions")));
        }
        ppt.insert(topic, n);
    }
    let members: Vec<Member> = match (raw.members, raw.subscriptions) {
        (Some(_), Some(_)) => return Err(err("", "give either \"members\" or \"subscriptions\", not both")),
        (None, None) => return Err(err("", "missing field `members` (or `subscriptions`)")),
        (None, Some(subs)) => subs
            .0
            .into_iter()
            .map(|(id, topics)| Member { id, instance_id: None, topics, owned: Vec::new(), generation: None })
            .collect(),
        (Some(ms), None) => {
            let mut out = Vec::new();
            for (id, m) in ms.0 {
                let mut owned = Vec::new();
                for (i, s) in m.owned.iter().enumerate() {
                    let tp = TopicPartition::parse(s).ok_or_else(|| {
                        err(
                            &format!("members.{id}.owned[{i}]"),
                            format!("{s:?} is not a topic-partition like \"orders-0\""),
                        )
                    })?;
                    owned.push(tp);
                }
                out.push(Member { id, instance_id: m.instance_id, topics: m.topics, owned, generation: m.generation });
            }
            out
        }
    };
    if members.len() > MEMBERS_MAX {
        return Err(err("members", format!("at most {MEMBERS_MAX} members")));
    }
    if let Some(m) = members.iter().find(|m| m.id.is_empty()) {
        return Err(err("members", format!("a member id is empty ({:?})", m.id)));
    }
    Ok(AssignInput { partitions_per_topic: ppt, members })
}
