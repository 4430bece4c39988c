//! Share links: a scenario, its seed and a moment in the URL fragment,
//! `#run=v1.<base64url(deflate(payload))>`. The payload is `seed`, `at.ms` and the scenario
//! file on three lines. Decoding checks the size before and after inflating, so a corrupted or
//! hostile link answers with a message and never a panic or a huge allocation.

use crate::scenario::{self, Scenario};

/// Longest link fragment accepted (characters after `#run=`): links past it are refused with
/// a message that says to save the scenario as a file instead.
pub const LINK_CHARS_MAX: usize = 12_000;
const PREFIX: &str = "v1.";

/// What a share link carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub scenario: Scenario,
    pub seed: u64,
    pub at_ms: u64,
}

/// Why a link could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    TooLong {
        chars: usize,
    },
    /// Not a share link this build reads.
    NotALink,
    /// A character outside base64url, at `position` (1-based).
    NotBase64 {
        position: usize,
        character: char,
    },
    /// The data ends mid-character.
    CutShort,
    /// The data does not inflate, or inflates past the bound.
    Corrupt,
    NotUtf8,
    /// `seed` or `at.ms` is not a whole number.
    NotANumber {
        name: &'static str,
        value: String,
    },
    /// `at.ms` past the longest run.
    AtMs {
        max: u64,
    },
    NoScenario,
    /// The scenario inside the link is refused.
    Scenario(scenario::ScenarioError),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLong { chars } => write!(
                f,
                "the link would be {chars} characters; at most {LINK_CHARS_MAX} (save the scenario as a file instead)"
            ),
            ShareError::NotALink => {
                write!(f, "share link: it does not start with v1. (an unknown version or not a share link)")
            }
            ShareError::NotBase64 { position, character } => {
                write!(f, "share link: character {position} ('{character}') is not base64url")
            }
            ShareError::CutShort => write!(f, "share link: the data is cut short"),
            ShareError::Corrupt => write!(f, "share link: the data is corrupted or too large once unpacked"),
            ShareError::NotUtf8 => write!(f, "share link: the data is not UTF-8 text"),
            ShareError::NotANumber { name, value } => write!(f, "share link: {name}: '{value}' is not a whole number"),
            ShareError::AtMs { max } => write!(f, "share link: at.ms: must be at most {max}"),
            ShareError::NoScenario => write!(f, "share link: no scenario"),
            ShareError::Scenario(e) => write!(f, "share link: scenario: {e}"),
        }
    }
}

/// The fragment (without `#run=`) for this scenario, seed and moment.
pub fn encode(scenario: &Scenario, seed: u64, at_ms: u64) -> Result<String, ShareError> {
    // The writer's own output is JSON; were it not, the link would carry the text as written.
    let text = scenario::to_json(scenario);
    let compact = crate::sim::cluster::json::parse(&text).map_or(text, |v| v.to_string());
    let payload = format!("{seed}\n{at_ms}\n{compact}");
    let packed = miniz_oxide::deflate::compress_to_vec(payload.as_bytes(), 9);
    let link = format!("{PREFIX}{}", base64url(&packed));
    if link.len() > LINK_CHARS_MAX {
        return Err(ShareError::TooLong { chars: link.len() });
    }
    Ok(link)
}

/// Read a fragment made by [`encode`] (with or without the leading `#run=`).
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let f = fragment.trim_start_matches('#');
    let f = f.strip_prefix("run=").unwrap_or(f);
    if f.len() > LINK_CHARS_MAX {
        return Err(ShareError::TooLong { chars: f.len() });
    }
    let body = f.strip_prefix(PREFIX).ok_or(ShareError::NotALink)?;
    let packed = unbase64url(body)?;
    let payload = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, scenario::SCENARIO_BYTES_MAX + 64)
        .map_err(|_| ShareError::Corrupt)?;
    let text = String::from_utf8(payload).map_err(|_| ShareError::NotUtf8)?;
    let mut lines = text.splitn(3, '\n');
    let mut number = |name: &'static str| -> Result<u64, ShareError> {
        let v = lines.next().unwrap_or("");
        v.parse::<u64>().map_err(|_| ShareError::NotANumber { name, value: v.chars().take(40).collect() })
    };
    let seed = number("seed")?;
    let at_ms = number("at.ms")?;
    if at_ms > scenario::UNTIL_MS_MAX {
        return Err(ShareError::AtMs { max: scenario::UNTIL_MS_MAX });
    }
    let json = lines.next().ok_or(ShareError::NoScenario)?;
    let scenario = scenario::parse(json).map_err(ShareError::Scenario)?;
    Ok(Shared { scenario, seed, at_ms })
}

use crate::util::BASE64URL_ALPHABET as ALPHABET;

pub use crate::util::base64url;

fn unbase64url(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let v = ALPHABET
            .iter()
            .position(|a| *a == c)
            .ok_or(ShareError::NotBase64 { position: i + 1, character: c as char })?;
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if text.len() % 4 == 1 {
        return Err(ShareError::CutShort);
    }
    Ok(out)
}
