//! A setting's refusal (`ConfigError`) in the visitor's language: the English page prints the
//! playground's or Kafka's English; the Korean page words the typed problem and quotes Kafka's
//! exception text after it, as Kafka prints it.

use super::Lang;
use crate::sim::error::{ConfigError, ConfigProblem as P};

/// `field: what is wrong`, in `lang`.
pub fn config_error(lang: Lang, e: &ConfigError) -> String {
    match lang {
        Lang::En => format!("{}: {}", e.field, e.message),
        Lang::Ko => {
            let quoted = match e.kafka_text() {
                Some((exception, text)) => format!(" ({exception}: {text})"),
                None => String::new(),
            };
            format!("{}: {}{quoted}", e.field, problem_ko(&e.problem))
        }
    }
}

/// The problem in Korean, as one or two sentences ending in 합니다체. A value the text cannot
/// know stands where no particle follows it (before 이상/이하, in parentheses, before 개/바이트).
pub(super) fn problem_ko(p: &P) -> String {
    match p {
        P::Between { min, max } => format!("{min}에서 {max} 사이의 값이어야 합니다."),
        P::AtLeast { min } => format!("{min} 이상이어야 합니다."),
        P::Length { max } => format!("1자 이상 {max}자 이하로 쓰세요."),
        P::AtMost { max } => format!("플레이그라운드는 최대 {max}개까지 둡니다."),
        P::Pair { first, second, strict, max } => {
            // The pair's words are fixed, so their particles are too.
            let subject = if *second == "high" { "상한은" } else { "최대는" };
            let object = if *first == "low" { "하한" } else { "최소" };
            let order = if *strict { "보다 커야" } else { "보다 크거나 같아야" };
            format!("{subject} {object}{order} 하고 {max} 이하여야 합니다.")
        }
        P::OneOf { values } => format!("{values} 중 하나여야 합니다."),
        P::Below { other } => format!("{other} 값보다 작아야 합니다."),
        P::DeliveryTimeout { min, max } => {
            format!("linger.ms + request.timeout.ms(30000) 이상, {max} 이하여야 합니다 (지금 설정으로는 최소 {min}).")
        }
        P::AutoCommitOnly => {
            "플레이그라운드의 pause()/resume() 애플리케이션은 자동 커밋(enable.auto.commit=true)으로만 동작합니다."
                .into()
        }
        P::Chars => "영문자, 숫자, '.', '_', '-'만 쓸 수 있습니다.".into(),
        P::Dots => "'.'이나 '..'만으로 된 이름은 쓸 수 없습니다.".into(),
        P::Positive { max } => format!("0보다 크고 {max} 이하여야 합니다."),
        P::MaxBytes { max } => format!("최대 {max}바이트까지 쓸 수 있습니다."),
        P::AtLeastOrEmpty { min } => format!("{min} 이상이어야 합니다. 제한을 없애려면 비워 두세요."),
        P::KeyBytes { bytes, max } => {
            format!("이 접두어로 만든 키는 최대 {bytes}바이트가 됩니다. 키는 {max}바이트까지 쓸 수 있습니다.")
        }
        P::KeyOnLine { line, max } => {
            format!("{line}번째 줄의 키가 너무 깁니다. 플레이그라운드의 키는 최대 {max}바이트입니다.")
        }
        P::QueueRoom { room } => format!("직접 입력한 레코드는 {room}개만 더 대기열에 넣을 수 있습니다."),
        P::ReplicaLists { lists, partitions } => {
            format!("복제본 목록 수가 파티션 수와 같아야 합니다 (목록 {lists}개, 파티션 {partitions}개).")
        }
        P::NegativeId { id } => format!("node.id는 0 이상이어야 합니다 (node.id {id})."),
        P::Twice { value } => format!("같은 값이 두 번 들어 있습니다 ({value})."),
        P::ReplicationFactor { factor, brokers } => {
            format!("복제 계수가 사용할 수 있는 브로커 수보다 큽니다 (복제 계수 {factor}, 브로커 {brokers}개).")
        }
        P::ReplicaCount { partition } => {
            format!("모든 파티션의 복제본 수가 같아야 합니다 (복제본 수가 다른 파티션 {partition}).")
        }
        P::UnknownBroker { broker } => format!("없는 브로커 ID입니다 (브로커 {broker})."),
        P::UnknownTopic { topic } => format!(
            "없는 토픽입니다 ({topic}). 먼저 토픽을 만드세요 (플레이그라운드 브로커는 auto.create.topics.enable=false)."
        ),
        P::Topic(e) => super::topic_error(Lang::Ko, e),
        P::SomeRacks => {
            "일부 브로커에만 랙 정보가 있습니다. 랙을 인식하는 배치에는 모든 브로커의 랙이 필요합니다.".into()
        }
        P::AllFenced => "모든 브로커가 펜싱되어 복제본을 둘 곳이 없습니다.".into(),
        P::Pattern { index } => format!("정규 표현식을 해석할 수 없습니다 ({}번째 글자 근처).", index + 1),
    }
}
