//! Every word of the UI, in English and Korean. `T` is a closed set of message ids, so the
//! compiler checks that both languages have every message.

use serde::{Deserialize, Serialize};

use crate::sim::Event;

mod config;
mod events;
mod fields;
mod files;
mod words;

pub use config::config_error;
pub use events::*;
pub use fields::*;
pub use files::{console_help, scenario_error, share_error};
pub use words::{t, T};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// The language to start in from the browser's language tag (`ko`, `ko-KR` -> Korean).
    pub fn from_tag(tag: &str) -> Self {
        if tag.to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_picks_korean_for_ko_tags() {
        assert_eq!(Lang::from_tag("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_tag("ko"), Lang::Ko);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn korean_text_is_korean() {
        let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
        for id in [T::Title, T::Play, T::Producers, T::Calculator, T::Simplified, T::PanicTitle] {
            assert!(hangul(t(Lang::Ko, id)), "{id:?} has no Hangul");
            assert!(!hangul(t(Lang::En, id)), "{id:?} English text has Hangul");
        }
        let e = FieldError { field: Field::Rate, problem: FieldProblem::NotANumber };
        assert!(hangul(&field_error(Lang::Ko, &e)));
        assert!(field_error(Lang::En, &e).starts_with("Rate:"));
    }
}
