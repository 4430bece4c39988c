//! Form fields, what is wrong with a value, setting help, refused commands: worded in both languages.

use super::*;

/// A form field's name, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Field {
    Rate,
    Partitions,
    Seed,
    KeyBytes,
    KeyCount,
    ValueBytes,
    BatchSize,
    LingerMs,
    /// A Kafka setting, named as Kafka names it (the same in every language).
    Setting(&'static str),
    /// The preset menu (or a `preset` URL parameter).
    Preset,
}

impl Field {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Field::Rate, Lang::En) => "Rate",
            (Field::Rate, Lang::Ko) => "속도",
            (Field::Partitions, Lang::En) => "Partitions",
            (Field::Partitions, Lang::Ko) => "파티션 수",
            (Field::Seed, Lang::En) => "Seed",
            (Field::Seed, Lang::Ko) => "시드",
            (Field::KeyBytes, Lang::En) => "Key bytes",
            (Field::KeyBytes, Lang::Ko) => "키 바이트",
            (Field::KeyCount, Lang::En) => "Key count",
            (Field::KeyCount, Lang::Ko) => "키 개수",
            (Field::ValueBytes, Lang::En) => "Value size",
            (Field::ValueBytes, Lang::Ko) => "값 크기",
            (Field::BatchSize, _) => "batch.size",
            (Field::LingerMs, _) => "linger.ms",
            (Field::Setting(name), _) => name,
            (Field::Preset, Lang::En) => "Preset",
            (Field::Preset, Lang::Ko) => "프리셋",
        }
    }
}

/// What is wrong with a form field's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FieldProblem {
    Empty,
    NotANumber,
    /// Allowed range, as text (numbers may be fractional).
    OutOfRange {
        min: String,
        max: String,
    },
    HexOddLength {
        length: usize,
    },
    HexNotADigit {
        position: usize,
    },
    TooLong {
        max_bytes: usize,
    },
    /// Not one of the known names (the text as given).
    Unknown(String),
    /// A setting's check refused the value (worded from its typed problem).
    Config(Box<crate::sim::error::ConfigError>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

/// A field error as a sentence in the visitor's language, naming the field.
pub fn field_error(lang: Lang, e: &FieldError) -> String {
    let name = e.field.name(lang);
    match (&e.problem, lang) {
        (FieldProblem::Empty, Lang::En) => format!("{name}: enter a value."),
        (FieldProblem::Empty, Lang::Ko) => format!("{name}: 값을 입력하세요."),
        (FieldProblem::NotANumber, Lang::En) => format!("{name}: enter a number."),
        (FieldProblem::NotANumber, Lang::Ko) => format!("{name}: 숫자를 입력하세요."),
        (FieldProblem::OutOfRange { min, max }, Lang::En) => {
            format!("{name}: must be between {min} and {max}.")
        }
        (FieldProblem::OutOfRange { min, max }, Lang::Ko) => {
            format!("{name}: {min}에서 {max} 사이여야 합니다.")
        }
        (FieldProblem::HexOddLength { length }, Lang::En) => {
            format!("{name}: {length} hex digits; two digits make one byte, so the count must be even.")
        }
        (FieldProblem::HexOddLength { length }, Lang::Ko) => {
            format!("{name}: 16진수 {length}자리입니다. 두 자리가 한 바이트이므로 짝수여야 합니다.")
        }
        (FieldProblem::HexNotADigit { position }, Lang::En) => {
            format!("{name}: character {position} is not a hex digit (0-9, a-f).")
        }
        (FieldProblem::HexNotADigit { position }, Lang::Ko) => {
            format!("{name}: {position}번째 글자가 16진수 숫자(0-9, a-f)가 아닙니다.")
        }
        (FieldProblem::TooLong { max_bytes }, Lang::En) => {
            format!("{name}: at most {max_bytes} bytes.")
        }
        (FieldProblem::TooLong { max_bytes }, Lang::Ko) => {
            format!("{name}: 최대 {max_bytes}바이트입니다.")
        }
        (FieldProblem::Unknown(text), Lang::En) => format!("{name}: there is no {text:?}."),
        (FieldProblem::Unknown(text), Lang::Ko) => format!("{name}: 없는 값입니다 ({text:?})."),
        (FieldProblem::Config(error), _) => {
            let line = super::config_error(lang, error);
            let words = line.split_once(": ").map_or(line.as_str(), |(_, w)| w);
            format!("{name}: {words}")
        }
    }
}

/// The consumer settings the page's form offers, each with its help text (a closed set: a
/// setting without help does not compile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsumerSetting {
    PauseResume,
    FetchMinBytes,
    FetchMaxWaitMs,
    FetchMaxBytes,
    MaxPartitionFetchBytes,
    GroupId,
    GroupInstanceId,
    Commit,
    AutoCommitIntervalMs,
    MaxPollRecords,
    MaxPollIntervalMs,
    SessionTimeoutMs,
    HeartbeatIntervalMs,
    PartitionAssignmentStrategy,
    AutoOffsetReset,
    ProcessingMs,
}

impl ConsumerSetting {
    /// Kafka's name (`processing.ms`, `commit` and `pause.resume` are the playground's).
    pub fn name(self) -> &'static str {
        match self {
            Self::PauseResume => "pause.resume",
            Self::FetchMinBytes => "fetch.min.bytes",
            Self::FetchMaxWaitMs => "fetch.max.wait.ms",
            Self::FetchMaxBytes => "fetch.max.bytes",
            Self::MaxPartitionFetchBytes => "max.partition.fetch.bytes",
            Self::GroupId => "group.id",
            Self::GroupInstanceId => "group.instance.id",
            Self::Commit => "commit",
            Self::AutoCommitIntervalMs => "auto.commit.interval.ms",
            Self::MaxPollRecords => "max.poll.records",
            Self::MaxPollIntervalMs => "max.poll.interval.ms",
            Self::SessionTimeoutMs => "session.timeout.ms",
            Self::HeartbeatIntervalMs => "heartbeat.interval.ms",
            Self::PartitionAssignmentStrategy => "partition.assignment.strategy",
            Self::AutoOffsetReset => "auto.offset.reset",
            Self::ProcessingMs => "processing.ms",
        }
    }
}

/// One line explaining a consumer setting, in the visitor's language.
pub fn setting_help(lang: Lang, setting: ConsumerSetting) -> &'static str {
    use ConsumerSetting as S;
    match (setting, lang) {
        (S::PauseResume, Lang::En) => "Hand records to a worker queue and keep polling: pause() the partitions at the high mark, resume() at the low mark (needs auto-commit here). Empty: process each batch before the next poll().",
        (S::PauseResume, Lang::Ko) => "레코드를 작업 큐에 넘기고 계속 poll(): 상한에서 pause(), 하한에서 resume() (여기서는 자동 커밋 필요). 비우면 배치를 다 처리한 뒤 다음 poll().",
        (S::FetchMinBytes, Lang::En) => "A fetch waits until this much data is ready (or fetch.max.wait.ms passes).",
        (S::FetchMinBytes, Lang::Ko) => {
            "이만큼의 데이터가 준비될 때까지(또는 fetch.max.wait.ms까지) fetch가 기다립니다."
        }
        (S::FetchMaxWaitMs, Lang::En) => "How long a fetch waits for fetch.min.bytes.",
        (S::FetchMaxWaitMs, Lang::Ko) => "fetch가 fetch.min.bytes를 기다리는 최대 시간.",
        (S::FetchMaxBytes, Lang::En) => {
            "The most data one fetch returns (at least one batch): it bounds the consumer's memory."
        }
        (S::FetchMaxBytes, Lang::Ko) => {
            "fetch 한 번이 가져오는 최대 데이터(최소 배치 하나): 컨슈머 메모리의 상한입니다."
        }
        (S::MaxPartitionFetchBytes, Lang::En) => "The most data per partition per fetch.",
        (S::MaxPartitionFetchBytes, Lang::Ko) => "fetch 한 번에 파티션당 가져오는 최대 데이터.",
        (S::GroupId, Lang::En) => "Consumers with the same group.id divide the topic's partitions among them (each partition to one member) and share the committed offsets.",
        (S::GroupId, Lang::Ko) => "같은 group.id의 컨슈머들은 토픽의 파티션을 나눠 읽고(파티션 하나는 멤버 하나에게), 커밋된 오프셋을 함께 씁니다.",
        (S::GroupInstanceId, Lang::En) => {
            "Static membership: a restart within session.timeout.ms keeps the partitions, no rebalance."
        }
        (S::GroupInstanceId, Lang::Ko) => {
            "정적 멤버십: session.timeout.ms 안에 재시작하면 리밸런스 없이 파티션을 유지합니다."
        }
        (S::Commit, Lang::En) => {
            "When the application commits: auto (enable.auto.commit), commitSync/commitAsync, or before processing."
        }
        (S::Commit, Lang::Ko) => "커밋 시점: 자동(enable.auto.commit), commitSync/commitAsync, 또는 처리 전.",
        (S::AutoCommitIntervalMs, Lang::En) => {
            "With auto-commit, poll() commits the positions once this much time has passed (Kafka: 5000)."
        }
        (S::AutoCommitIntervalMs, Lang::Ko) => {
            "자동 커밋일 때 이 시간이 지나면 poll()이 위치를 커밋합니다 (카프카 기본값 5000)."
        }
        (S::MaxPollRecords, Lang::En) => "Most records one poll() returns (Kafka: 500).",
        (S::MaxPollRecords, Lang::Ko) => "poll() 한 번이 돌려주는 최대 레코드 수 (카프카 기본값 500).",
        (S::MaxPollIntervalMs, Lang::En) => {
            "Longest time between polls; past it the member leaves the group (Kafka: 300000)."
        }
        (S::MaxPollIntervalMs, Lang::Ko) => {
            "poll() 사이의 최대 시간. 넘기면 그룹에서 빠집니다 (카프카 기본값 300000)."
        }
        (S::SessionTimeoutMs, Lang::En) => {
            "How long without heartbeats before the group gives up on a member (Kafka: 45000)."
        }
        (S::SessionTimeoutMs, Lang::Ko) => {
            "하트비트가 이 시간 동안 없으면 그룹이 멤버를 제외합니다 (카프카 기본값 45000)."
        }
        (S::HeartbeatIntervalMs, Lang::En) => {
            "How often the consumer heartbeats, and so learns of a rebalance (Kafka: 3000)."
        }
        (S::HeartbeatIntervalMs, Lang::Ko) => "하트비트 주기. 리밸런스 소식도 이때 받습니다 (카프카 기본값 3000).",
        (S::PartitionAssignmentStrategy, Lang::En) => {
            "The assignor the group leader runs: range, roundrobin, sticky, cooperative-sticky."
        }
        (S::PartitionAssignmentStrategy, Lang::Ko) => {
            "그룹 리더가 실행하는 할당 전략: range, roundrobin, sticky, cooperative-sticky."
        }
        (S::AutoOffsetReset, Lang::En) => {
            "Where to start without a committed offset: latest (Kafka's default), earliest, none."
        }
        (S::AutoOffsetReset, Lang::Ko) => "커밋된 오프셋이 없을 때 시작점: latest(카프카 기본값), earliest, none.",
        (S::ProcessingMs, Lang::En) => "How long the application works on one record (uniform between min and max).",
        (S::ProcessingMs, Lang::Ko) => "애플리케이션이 레코드 하나를 처리하는 시간 (최소와 최대 사이 균등 분포).",
    }
}

/// A refused command, in the visitor's language. Kafka's own error messages are quoted as
/// Kafka prints them (in English), after a translated lead.
pub fn rejected_text(lang: Lang, r: &crate::sim::Rejected) -> String {
    use crate::sim::Rejected;
    match (r, lang) {
        (Rejected::InvalidPartitions { message }, Lang::En) => {
            format!("Kafka refuses: InvalidPartitionsException: {message}")
        }
        (Rejected::InvalidPartitions { message }, Lang::Ko) => {
            format!("카프카가 거부했습니다 (파티션 수는 늘릴 수만 있습니다): InvalidPartitionsException: {message}")
        }
        (Rejected::InvalidConfig { error }, _) => super::config_error(lang, error),
        (Rejected::UnknownConsumer { consumer }, Lang::En) => format!("There is no consumer {consumer}."),
        (Rejected::UnknownConsumer { consumer }, Lang::Ko) => format!("없는 컨슈머입니다 (컨슈머 {consumer})."),
        (Rejected::UnknownProducer { producer }, Lang::En) => {
            format!("There is no producer {producer}.")
        }
        (Rejected::UnknownProducer { producer }, Lang::Ko) => {
            format!("없는 프로듀서입니다 (프로듀서 {producer}).")
        }
        (Rejected::TooManyProducers { max }, Lang::En) => {
            format!("At most {max} producers at once.")
        }
        (Rejected::TooManyProducers { max }, Lang::Ko) => {
            format!("프로듀서는 한 번에 최대 {max}개입니다.")
        }
        (Rejected::Cluster { error }, Lang::En) => format!("The cluster refuses: {error}"),
        (Rejected::Cluster { error }, Lang::Ko) => format!("클러스터가 거부했습니다. {}", cluster_error(lang, error)),
        (Rejected::UnknownClient { .. }, Lang::En) => r.to_string(),
        (Rejected::UnknownClient { kind, client_id }, Lang::Ko) => match kind {
            crate::sim::ClientKind::Producer => format!("실행 중인 프로듀서 없음 (client.id {client_id:?})"),
            crate::sim::ClientKind::Consumer => format!("컨슈머 없음 (client.id {client_id:?})"),
        },
        (Rejected::Topic { error }, Lang::En) => format!("Refused: {error}"),
        (Rejected::Topic { error }, Lang::Ko) => format!("거부했습니다. {}", topic_error(lang, error)),
        (Rejected::ToolFailed { output }, Lang::En) => format!("The tool failed: {output}"),
        (Rejected::ToolFailed { output }, Lang::Ko) => format!("도구 실행 실패: {output}"),
        (Rejected::GroupOffsets { message }, Lang::En) => format!("kafka-consumer-groups.sh refuses: Error: {message}"),
        (Rejected::GroupOffsets { message }, Lang::Ko) => {
            format!("kafka-consumer-groups.sh가 거부했습니다 (그룹이 비활성 상태여야 합니다): Error: {message}")
        }
    }
}

/// Why the cluster refused, in the visitor's language (Kafka's exception names stay as Kafka
/// spells them).
pub fn cluster_error(lang: Lang, e: &crate::sim::cluster::ClusterError) -> String {
    use crate::sim::cluster::{ClusterError as E, StateRefusal as S};
    let list = |v: &[u32]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(",");
    match (e, lang) {
        (_, Lang::En) => e.to_string(),
        (E::UnknownBroker { broker }, Lang::Ko) => format!("없는 브로커 ID입니다 (브로커 {broker})."),
        (E::BrokerExists { broker }, Lang::Ko) => format!("이미 있는 브로커입니다 (브로커 {broker})."),
        (E::TooManyBrokers { max }, Lang::Ko) => format!("브로커는 최대 {max}개입니다."),
        (E::BrokerHasReplicas { broker, partitions }, Lang::Ko) => {
            format!("브로커 {broker}에 아직 파티션 {}의 복제본이 있습니다. 먼저 재배치로 옮기세요.", list(partitions))
        }
        (E::BadState { broker, refusal }, Lang::Ko) => match refusal {
            S::AlreadyStopped => format!("이미 중지된 브로커입니다 (브로커 {broker})."),
            S::NotRunning => format!("실행 중이 아닌 브로커입니다 (브로커 {broker})."),
            S::AlreadyRunning => format!("이미 실행 중인 브로커입니다 (브로커 {broker})."),
            S::LastBroker => "마지막 브로커는 제거할 수 없습니다.".to_string(),
        },
        (E::UnknownPartition { partition }, Lang::Ko) => format!("없는 파티션입니다 (파티션 {partition})."),
        (E::InvalidReplicas { message }, Lang::Ko) => {
            format!("복제본 목록이 올바르지 않습니다 (InvalidReplicaAssignmentException: {message}).")
        }
        (E::NoReassignment { partition }, Lang::Ko) => {
            format!("진행 중인 재배치가 없습니다 (파티션 {partition}, NoReassignmentInProgressException).")
        }
    }
}

/// Why a topic cannot be created, deleted or grown, in the visitor's language.
pub fn topic_error(lang: Lang, e: &crate::sim::topics::TopicError) -> String {
    use crate::sim::config::PARTITIONS_MAX;
    use crate::sim::topics::{TopicError as E, PARTITIONS_TOTAL_MAX, TOPICS_MAX};
    match (e, lang) {
        (_, Lang::En) => e.to_string(),
        (E::Exists { topic }, Lang::Ko) => format!("이미 있는 토픽입니다 (TopicExistsException: Topic '{topic}' already exists.)"),
        (E::Unknown { topic }, Lang::Ko) => format!("없는 토픽입니다 ({topic}, UnknownTopicOrPartitionException)."),
        (E::TooManyTopics, Lang::Ko) => format!("플레이그라운드의 토픽은 최대 {TOPICS_MAX}개입니다."),
        (E::TooManyPartitions { asked, total }, Lang::Ko) => format!(
            "파티션 {asked}개를 더하면 전체 {}개가 됩니다. 플레이그라운드는 전체 최대 {PARTITIONS_TOTAL_MAX}개, 토픽당 최대 {PARTITIONS_MAX}개까지 둡니다.",
            total + asked
        ),
        (E::FirstTopic { topic }, Lang::Ko) => {
            format!("첫 토픽은 지울 수 없습니다 ({topic}, 플레이그라운드가 늘 그리는 토픽). 다른 토픽을 지우세요.")
        }
        (E::ProducedTo { topic, client_id }, Lang::Ko) => format!(
            "이 토픽에 보내는 프로듀서가 있습니다 ({client_id} → {topic}). 먼저 프로듀서를 지우세요 (단순화: 카프카 프로듀서라면 토픽 메타데이터를 max.block.ms 동안 기다립니다)."
        ),
    }
}
