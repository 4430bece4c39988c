//! A scenario file's or a share link's refusal in the visitor's language: English as the
//! command line prints it; Korean worded from the typed problem, with the place in the text
//! ("줄 3, 열 5") and Kafka's exception text quoted as Kafka prints it.

use super::Lang;
use crate::scenario::share::{ShareError, LINK_CHARS_MAX};
use crate::scenario::{JsonKind, JsonType, ScenarioError, ScenarioProblem as P};
use crate::sim::cluster::json::{JsonPart, JsonSyntax as S, DEPTH_MAX};
use crate::util::shell::ShellError;

/// `place: what is wrong (line, column)`, in `lang`.
pub fn scenario_error(lang: Lang, e: &ScenarioError) -> String {
    match lang {
        Lang::En => return e.to_string(),
        Lang::Ko => {}
    }
    let place = if e.path.is_empty() || e.path == "." { "시나리오" } else { e.path.as_str() };
    let at = if e.line > 0 { format!(" (줄 {}, 열 {})", e.line, e.column) } else { String::new() };
    format!("{place}: {}{at}", scenario_problem_ko(e))
}

/// Why a share link could not be made or read, in `lang`.
pub fn share_error(lang: Lang, e: &ShareError) -> String {
    match lang {
        Lang::En => return e.to_string(),
        Lang::Ko => {}
    }
    let words = match e {
        ShareError::TooLong { chars } => format!(
            "링크가 너무 깁니다 (길이 {chars}자, 최대 {LINK_CHARS_MAX}자). 시나리오를 파일로 저장해 공유하세요."
        ),
        ShareError::NotALink => "공유 링크가 아니거나 이 빌드가 모르는 버전입니다 (\"v1.\"로 시작하지 않음).".into(),
        ShareError::NotBase64 { position, character } => {
            format!("{position}번째 글자('{character}')가 base64url 문자가 아닙니다.")
        }
        ShareError::CutShort => "링크의 데이터가 중간에 잘렸습니다.".into(),
        ShareError::Corrupt => "링크의 데이터가 손상되었거나, 풀었을 때 너무 큽니다.".into(),
        ShareError::NotUtf8 => "링크의 데이터가 UTF-8 텍스트가 아닙니다.".into(),
        ShareError::NotANumber { name, value } => {
            let name = if *name == "seed" { "시드" } else { name };
            format!("{name} 값이 0 이상의 정수가 아닙니다 ('{value}').")
        }
        ShareError::AtMs { max } => format!("at.ms는 {max} 이하여야 합니다."),
        ShareError::NoScenario => "링크에 시나리오가 없습니다.".into(),
        ShareError::Scenario(e) => format!("링크 속 시나리오를 읽을 수 없습니다. {}", scenario_error(lang, e)),
    };
    format!("공유 링크: {words}")
}

fn scenario_problem_ko(e: &ScenarioError) -> String {
    match &e.problem {
        P::Json(s) => format!("JSON 문법 오류입니다. {}", json_syntax_ko(*s)),
        P::FixJsonFirst(s) => format!("필드를 바꾸기 전에 JSON을 고치세요. {}", json_syntax_ko(*s)),
        P::TooBig { bytes, max } => format!("시나리오가 너무 큽니다 (크기 {bytes}바이트, 최대 {max}바이트)."),
        P::UnknownField { field } => format!("없는 필드입니다 (\"{field}\")."),
        P::DuplicateField { field } => format!("같은 필드가 두 번 있습니다 (\"{field}\")."),
        P::MissingField { field } => format!("꼭 있어야 하는 필드가 없습니다 (\"{field}\")."),
        P::InvalidType { found, expected } => {
            format!("값의 타입이 맞지 않습니다 (필요한 값: {}, 받은 값: {}).", json_type_ko(*expected), json_kind_ko(found))
        }
        P::InvalidValue { value, expected } => {
            format!("값이 범위를 벗어났습니다 (필요한 값: {}, 받은 값: {value}).", json_type_ko(*expected))
        }
        P::UnknownVariant { value, expected } => {
            let list: Vec<String> = expected.iter().map(|v| format!("`{v}`")).collect();
            format!("지원하지 않는 값입니다 (\"{value}\"). 쓸 수 있는 값은 {}입니다.", list.join(", "))
        }
        P::Version { reads, found } => {
            format!("이 빌드는 버전 {reads} 형식만 읽습니다 (파일의 버전 {found}).")
        }
        P::Setting { problem, exception } => {
            let words = super::config::problem_ko(problem);
            match exception {
                Some(x) => {
                    let text = e.message.strip_prefix(x).and_then(|t| t.strip_prefix(": ")).unwrap_or(&e.message);
                    format!("{words} ({x}: {text})")
                }
                None => words,
            }
        }
        P::UnlimitedOrAtLeastZero => "-1(무제한)이거나 0 이상이어야 합니다.".into(),
        P::ClusterWide => "min.insync.replicas, unclean.leader.election.enable, log.retention.check.interval.ms는 클러스터 전체 설정이라 첫 토픽에만 쓸 수 있습니다.".into(),
        P::BurstyOnly => "burst.ms와 idle.ms는 \"mode\": \"bursty\"일 때만 씁니다.".into(),
        P::BurstyNeeds => "\"mode\": \"bursty\"에는 burst.ms와 idle.ms가 필요합니다.".into(),
        P::FixedOnly => "\"count\"와 \"prefix\"는 \"mode\": \"fixed\"일 때만 씁니다.".into(),
        P::TopicsOrPattern => {
            "\"topics\"와 \"pattern\" 중 하나만 쓰세요 (subscribe(Collection) 또는 subscribe(Pattern)).".into()
        }
        P::NoTopics => "토픽을 하나 이상 적으세요.".into(),
        P::OneAction => {
            "단계마다 동작을 정확히 하나 적어야 합니다 (예: \"add.consumer\", \"crash.broker\", \"console\").".into()
        }
        P::ConsoleOnly => "\"input\"과 \"files\"는 \"console\" 단계에만 씁니다.".into(),
        P::ConsoleLine(ShellError::Unterminated { quote, column }) => {
            format!("{column}번째 글자에서 연 따옴표({quote})가 닫히지 않았습니다.")
        }
        P::ConsoleLine(ShellError::TrailingBackslash { column }) => {
            format!("줄이 역슬래시(\\)로 끝납니다 ({column}번째 글자).")
        }
        P::Tool { exception, text } => {
            format!("재배치 JSON을 kafka-reassign-partitions.sh가 거부했습니다 ({exception}: {text})")
        }
        P::NotAnObject => "객체가 아닌 값 안에는 필드를 둘 수 없습니다.".into(),
        P::CommandLine => "\"assign\" 입력 파일을 읽을 수 없습니다.".into(),
    }
}

/// What breaks the JSON grammar, as a Korean engineer says it.
fn json_syntax_ko(s: S) -> String {
    match s {
        S::Eof(None) => "JSON이 중간에 끝났습니다.".into(),
        S::Eof(Some(JsonPart::Value)) => "값이 와야 할 자리에서 JSON이 끝났습니다.".into(),
        S::Eof(Some(JsonPart::Object)) => "객체를 닫는 }가 없습니다.".into(),
        S::Eof(Some(JsonPart::List)) => "배열을 닫는 ]가 없습니다.".into(),
        S::Eof(Some(JsonPart::String)) => "문자열을 닫는 큰따옴표(\")가 없습니다.".into(),
        S::RecursionLimit => format!("중첩이 너무 깊습니다 (최대 {DEPTH_MAX}단계)."),
        S::KeyMustBeString => "객체의 키는 큰따옴표로 감싼 문자열이어야 합니다.".into(),
        S::ExpectedColon => "키 다음에 콜론(:)이 와야 합니다.".into(),
        S::ExpectedObjectComma => "객체 안에서는 쉼표(,)나 닫는 }가 와야 합니다.".into(),
        S::ExpectedListComma => "배열 안에서는 쉼표(,)나 닫는 ]가 와야 합니다.".into(),
        S::ExpectedValue => "값이 와야 할 자리입니다 (숫자, 문자열, true, false, null, 객체, 배열).".into(),
        S::InvalidNumber => "숫자 형식이 올바르지 않습니다.".into(),
        S::InvalidEscape => "문자열의 이스케이프(\\)가 올바르지 않습니다.".into(),
        S::InvalidUnicode => "UTF-8 형식이 아닌 바이트가 있습니다.".into(),
        S::LoneSurrogate => "\\u 이스케이프의 서로게이트 쌍이 맞지 않습니다.".into(),
        S::InvalidCodePoint => "\\u 이스케이프가 올바른 유니코드 코드 포인트가 아닙니다.".into(),
        S::ControlCharacter => {
            "문자열 안에 제어 문자(\\u0000-\\u001F)가 있습니다. 줄바꿈은 \\n처럼 이스케이프로 쓰세요.".into()
        }
        S::TrailingCharacters => "JSON 값이 끝난 뒤에 다른 글자가 있습니다.".into(),
    }
}

/// The type a field takes, in Korean.
fn json_type_ko(t: JsonType) -> &'static str {
    match t {
        JsonType::U64 => "0 이상 18446744073709551615 이하의 정수",
        JsonType::U32 => "0 이상 4294967295 이하의 정수",
        JsonType::U16 => "0 이상 65535 이하의 정수",
        JsonType::I64 => "64비트 정수",
        JsonType::I32 => "-2147483648 이상 2147483647 이하의 정수",
        JsonType::F64 => "숫자",
        JsonType::Bool => "true 또는 false",
        JsonType::String => "문자열",
        JsonType::Sequence => "배열",
        JsonType::Object | JsonType::Map => "객체",
    }
}

/// A JSON value as the Korean page names what it found.
fn json_kind_ko(k: &JsonKind) -> String {
    match k {
        JsonKind::Null => "null".into(),
        JsonKind::Bool(b) => format!("불리언 {b}"),
        JsonKind::Float(n) => format!("실수 {n}"),
        JsonKind::Integer(n) => format!("정수 {n}"),
        JsonKind::Str(s) => format!("문자열 {s:?}"),
        JsonKind::Sequence => "배열".into(),
        JsonKind::Map => "객체".into(),
    }
}

/// The console's `help` in `lang`: the tools' command lines as Kafka spells them, the notes
/// in the visitor's words.
pub fn console_help(lang: Lang, tool: Option<&str>) -> String {
    use crate::tools::console::{help_with, HelpNote};
    help_with(tool, |n| {
        match (lang, n) {
        (Lang::En, n) => n.english().to_string(),
        (Lang::Ko, HelpNote::Intro) => "시뮬레이션된 클러스터에 카프카 도구를 실행합니다(카프카 4.0 출력). Tab 자동 완성, ↑ ↓ 이전 명령.\n".into(),
        (Lang::Ko, HelpNote::TopicRegex) => "  (--create가 아니면 --topic 값을 정규 표현식으로 읽습니다)".into(),
        (Lang::Ko, HelpNote::ProducerInput) => {
            "  실행한 뒤 한 줄에 레코드 하나씩 입력합니다 (parse.key를 켜면 키:값 형식). 빈 줄이나 Ctrl-D로 끝냅니다.".into()
        }
        (Lang::Ko, HelpNote::Builtins) => {
            "\n셸 명령: ls, cat 파일, echo '내용' > 파일 (--reassignment-json-file에 넘길 파일 만들기), history, clear, help 도구".into()
        }
    }
    })
}
