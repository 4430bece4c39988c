//! The error every settings check answers with: the setting's name as Kafka (or the scenario
//! format) spells it, and what is wrong. Its own module so that the cluster and the settings
//! both use it without importing each other.

use serde::Serialize;

/// A setting with a bad value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    /// The setting's name, as Kafka (or the scenario format) spells it.
    pub field: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
