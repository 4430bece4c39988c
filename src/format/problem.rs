//! What is wrong in a scenario file, typed: the English message (serde's wording, which the
//! format used before, and the settings' own) is kept beside it for the command line and the
//! English page; the Korean page words the type.

use serde::Serialize;

use crate::sim::cluster::json::{Json, JsonSyntax};
use crate::sim::error::ConfigProblem;

/// What is wrong in a scenario file. Closed: a new problem does not compile until each
/// language words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ScenarioProblem {
    /// The text is not JSON.
    Json(JsonSyntax),
    /// The text is not JSON, so the editor's fields cannot change it.
    FixJsonFirst(JsonSyntax),
    /// Larger than the reader accepts.
    TooBig { bytes: usize, max: usize },
    /// A key the object may not have.
    UnknownField { field: String },
    /// A key given twice.
    DuplicateField { field: String },
    /// A key the object must have.
    MissingField { field: String },
    /// A value of another JSON type than the field takes.
    InvalidType { found: JsonKind, expected: JsonType },
    /// A number outside the field's type (`-2` for a count).
    InvalidValue { value: String, expected: JsonType },
    /// A name that is not one of the field's (`expected`: the names, in order).
    UnknownVariant { value: String, expected: Vec<String> },
    /// A format version this build does not read.
    Version { reads: u32, found: u32 },
    /// A setting's check (Kafka's or the playground's bound); `exception` when the message is
    /// Kafka's own text.
    Setting { problem: ConfigProblem, exception: Option<&'static str> },
    /// `-1` (unlimited) or at least 0 (`retention.ms`, `retention.bytes`).
    UnlimitedOrAtLeastZero,
    /// A setting the playground keeps for the whole cluster, set on a later topic.
    ClusterWide,
    /// `burst.ms` and `idle.ms` given without `"mode": "bursty"`.
    BurstyOnly,
    /// `"mode": "bursty"` without `burst.ms` and `idle.ms`.
    BurstyNeeds,
    /// `count` and `prefix` given for a key mode other than `fixed`.
    FixedOnly,
    /// Both `topics` and `pattern` (`subscribe(Collection)` or `subscribe(Pattern)`).
    TopicsOrPattern,
    /// An empty `topics` list.
    NoTopics,
    /// A timeline step with no action or with more than one.
    OneAction,
    /// `input` or `files` on a step that is not a console step.
    ConsoleOnly,
    /// A console line that does not split into words.
    ConsoleLine(crate::util::shell::ShellError),
    /// A reassignment JSON the tool refuses: Kafka's exception and its text.
    Tool { exception: &'static str, text: String },
    /// A field the editor set inside something that is not an object.
    NotAnObject,
    /// The command line's `assign` input file: serde_json's words (never on the page).
    CommandLine,
}

/// A JSON value's kind, as serde names what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum JsonKind {
    Null,
    Bool(bool),
    Float(String),
    Integer(String),
    Str(String),
    Sequence,
    Map,
}

impl JsonKind {
    pub fn of(v: &Json) -> Self {
        match v {
            Json::Null => JsonKind::Null,
            Json::Bool(b) => JsonKind::Bool(*b),
            Json::Num(n) if n.contains(['.', 'e', 'E']) => JsonKind::Float(n.clone()),
            Json::Num(n) => JsonKind::Integer(n.clone()),
            Json::Str(s) => JsonKind::Str(s.clone()),
            Json::Arr(_) => JsonKind::Sequence,
            Json::Obj(_) => JsonKind::Map,
        }
    }
}

impl std::fmt::Display for JsonKind {
    /// serde's words ("string \"soon\"", "integer `-2`").
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonKind::Null => write!(f, "null"),
            JsonKind::Bool(b) => write!(f, "boolean `{b}`"),
            JsonKind::Float(n) => write!(f, "floating point `{n}`"),
            JsonKind::Integer(n) => write!(f, "integer `{n}`"),
            JsonKind::Str(s) => write!(f, "string {s:?}"),
            JsonKind::Sequence => write!(f, "sequence"),
            JsonKind::Map => write!(f, "map"),
        }
    }
}

/// The JSON type a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum JsonType {
    U64,
    U32,
    U16,
    I64,
    I32,
    F64,
    Bool,
    String,
    Sequence,
    Object,
    Map,
}

impl JsonType {
    /// serde's words ("u64", "a boolean").
    pub fn name(self) -> &'static str {
        match self {
            JsonType::U64 => "u64",
            JsonType::U32 => "u32",
            JsonType::U16 => "u16",
            JsonType::I64 => "i64",
            JsonType::I32 => "i32",
            JsonType::F64 => "f64",
            JsonType::Bool => "a boolean",
            JsonType::String => "a string",
            JsonType::Sequence => "a sequence",
            JsonType::Object => "an object",
            JsonType::Map => "a map",
        }
    }
}
