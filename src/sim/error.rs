//! The error every settings check answers with: the setting's name as Kafka (or the scenario
//! format) spells it, and what is wrong. Its own module so that the cluster and the settings
//! both use it without importing each other.

use serde::Serialize;

/// A setting with a bad value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    /// The setting's name, as Kafka (or the scenario format) spells it.
    pub field: String,
    /// Kafka's wording (English), as the command line and the English page print it.
    pub message: String,
    /// What is wrong, typed where the page words it in each language.
    pub problem: ConfigProblem,
}

/// What is wrong with a setting's value, where a type fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ConfigProblem {
    /// Out of its range (`ConfigDef.Range`: "must be between min and max").
    Between { min: String, max: String },
    /// A name's length: 1 to `max` characters.
    Length { max: u32 },
    /// More than the playground holds ("at most 8 consumers").
    AtMost { max: u64 },
    /// A pair out of order: the first must be below the second (`strict`) or at most it, and
    /// the second at most `max` ("high must be above low", "min must be at most max").
    Pair { first: &'static str, second: &'static str, strict: bool, max: u64 },
    /// Anything else: the message says it (Kafka's `ConfigException` text and the playground's
    /// own bounds).
    Other,
}

impl ConfigError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into(), problem: ConfigProblem::Other }
    }

    /// A name longer than `max` characters (or empty), worded "must be 1 to {max} characters".
    pub fn length(field: impl Into<String>, max: u32) -> Self {
        Self {
            field: field.into(),
            message: format!("must be 1 to {max} characters"),
            problem: ConfigProblem::Length { max },
        }
    }

    /// More of something than the playground holds, worded "at most {max} {field}".
    pub fn at_most(field: &str, max: impl Into<u64>) -> Self {
        let max = max.into();
        Self { field: field.into(), message: format!("at most {max} {field}"), problem: ConfigProblem::AtMost { max } }
    }

    /// A (low, high) pair out of order or too large.
    pub fn pair(field: &str, (first, second): (&'static str, &'static str), strict: bool, max: u64) -> Self {
        let message = if strict {
            format!("{second} must be above {first}, and at most {max}")
        } else {
            format!("{first} must be at most {second}, and {second} at most {max}")
        };
        Self { field: field.into(), message, problem: ConfigProblem::Pair { first, second, strict, max } }
    }

    /// A value out of `[min, max]`, worded "must be between {min} and {max}".
    pub fn between(field: impl Into<String>, min: impl std::fmt::Display, max: impl std::fmt::Display) -> Self {
        Self {
            field: field.into(),
            message: format!("must be between {min} and {max}"),
            problem: ConfigProblem::Between { min: min.to_string(), max: max.to_string() },
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
