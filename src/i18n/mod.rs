//! Every word of the UI, in English and Korean. `T` is a closed set of message ids, so the
//! compiler checks that both languages have every message.

use serde::{Deserialize, Serialize};

use crate::sim::Event;

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

/// Message ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    Title,
    Subtitle,
    VersionBadge,
    Language,
    Theme,
    ThemeAuto,
    ThemeLight,
    ThemeDark,
    Play,
    Pause,
    StepEvent,
    Step100ms,
    Speed,
    Reset,
    Seed,
    ApplySeed,
    SimTime,
    Producers,
    AddProducer,
    Remove,
    Apply,
    Rate,
    RateMode,
    RateSteady,
    RateBursty,
    Keys,
    KeysNone,
    KeysFixed,
    KeysRandom,
    KeyCount,
    ValueBytes,
    Sent,
    Acked,
    Buffered,
    StickyPartition,
    Closing,
    Topic,
    Partitions,
    AddPartitions,
    LogEndOffset,
    Records,
    Partition,
    Calculator,
    CalculatorHelp,
    Key,
    KeyFormat,
    KeyText,
    KeyHex,
    PartitionCount,
    Events,
    NoEvents,
    Simplified,
    AggregateNote,
    KeysMovedTitle,
    MetadataNote,
    LessonLabel,
    LessonNone,
    LessonPrev,
    LessonNext,
    LessonReplay,
    LessonFree,
    LessonStep,
    LessonWaiting,
    LessonDone,
    LessonEnd,
    TimelineTitle,
    InPast,
    ToNow,
    MarkerLegend,
    ConsoleTitle,
    ConsoleNote,
    ConsoleInput,
    ScenarioTitle,
    ScenarioNote,
    FromRun,
    StartScenario,
    SaveFile,
    OpenFile,
    Recent,
    ShareLink,
    CopyLink,
    ShareNote,
    ValidScenario,
    ExportTitle,
    ExportTrace,
    ExportDescribe,
    ExportSvg,
    ExportReal,
    ExportNote,
    OpenInPlayground,
    PanicTitle,
    PanicBody,
    Reload,
    Legend,
    NullKey,
    Partitioner,
    PartitionerKeyed,
    PartitionerSticky,
    ErrorPrefix,
    Empty,
    Bytes,
    Running,
    Paused,
    Consumers,
    AddConsumer,
    Group,
    CommitStrategyLabel,
    Crash,
    Restart,
    CloseConsumer,
    InHand,
    Processed,
    Commits,
    Failed,
    DescribeTitle,
    LedgerTitle,
    AtLeastOnce,
    AtMostOnce,
    NoGuarantee,
    PollThrewNote,
    OffsetsTopicTitle,
    Compacted,
    SessionNote,
    NoConsumers,
    StatePolling,
    StateProcessing,
    StateCommitting,
    StateRebalancing,
    StateIdle,
    StateCrashed,
    StateClosed,
    StateFailed,
    CommitAuto,
    CommitSyncPerRecord,
    CommitSyncPerBatch,
    CommitAsyncPerBatch,
    CommitBeforeProcessing,
    Duplicates,
    Lost,
    Generation,
    MoreSettings,
    CompactionNote,
    Position,
    Committed,
    Assigned,
    PresetLabel,
    ResetOffsetsTitle,
    ResetOffsetsNote,
    ResetMode,
    ResetValue,
    DryRun,
    ExecuteReset,
    ResetExecuted,
    ResetDryRunDone,
    ResetDuration,
    LogStart,
    DeletedByRetention,
    SegmentsLegend,
    ExpiryLabel,
    ExpiryIn,
    ExpiryDue,
    Brokers,
    BrokerWord,
    AddBroker,
    StopBroker,
    CrashBroker,
    RestartBroker,
    Decommission,
    Leaders,
    ReplicasWord,
    BytesIn,
    BytesOut,
    ThrottleWord,
    CoordinatorFor,
    BrokerRunning,
    BrokerCrashed,
    BrokerFenced,
    BrokersNote,
    ReplicaLegend,
    ReassignTitle,
    ReassignNote,
    ThrottleLeftover,
    ThrottleBurstNote,
    ThrottleLabel,
    AdditionalLabel,
    BrokerListLabel,
    HwLegend,
    AckedLost,
    ProduceRate,
    ConsumeRate,
    ConsumerMemory,
    ProducerMemory,
    PushMemory,
    ChartsTitle,
    ChartLag,
    ChartRates,
    ChartBuffers,
    ChartsNote,
    PullVsPush,
    PullVsPushNote,
    PullSide,
    PushSide,
    Delivered,
    Dropped,
    LagWord,
    MemoryWord,
    StartPush,
    StopPush,
    PushBuffer,
    OverflowDrop,
    OverflowCrash,
    PushCrashed,
    ProduceLimit,
    SetLimit,
    SendBlockedWord,
    ShortcutsTitle,
    ShortcutsHint,
    DismissWord,
}

pub fn t(lang: Lang, id: T) -> &'static str {
    use Lang::*;
    use T::*;
    match (id, lang) {
        (Title, En) => "Kafka Playground",
        (Title, Ko) => "카프카 플레이그라운드",
        (Subtitle, En) => "Producers, partitions and the partitioner, simulated record by record.",
        (Subtitle, Ko) => "프로듀서, 파티션, 파티셔너를 레코드 하나하나 시뮬레이션합니다.",
        (VersionBadge, En) => "Behaviour of Apache Kafka 4.0 clients",
        (VersionBadge, Ko) => "Apache Kafka 4.0 클라이언트 동작 기준",
        (Language, En) => "Language",
        (Language, Ko) => "언어",
        (Theme, En) => "Theme",
        (Theme, Ko) => "테마",
        (ThemeAuto, En) => "Auto",
        (ThemeAuto, Ko) => "자동",
        (ThemeLight, En) => "Light",
        (ThemeLight, Ko) => "라이트",
        (ThemeDark, En) => "Dark",
        (ThemeDark, Ko) => "다크",
        (Play, En) => "Play",
        (Play, Ko) => "재생",
        (Pause, En) => "Pause",
        (Pause, Ko) => "일시정지",
        (StepEvent, En) => "Step: next event",
        (StepEvent, Ko) => "한 단계: 다음 이벤트",
        (Step100ms, En) => "Step: +100 ms",
        (Step100ms, Ko) => "한 단계: +100 ms",
        (Speed, En) => "Speed",
        (Speed, Ko) => "속도",
        (Reset, En) => "Reset",
        (Reset, Ko) => "초기화",
        (Seed, En) => "Seed",
        (Seed, Ko) => "시드",
        (ApplySeed, En) => "Restart with seed",
        (ApplySeed, Ko) => "이 시드로 다시 시작",
        (SimTime, En) => "Simulated time",
        (SimTime, Ko) => "시뮬레이션 시간",
        (Producers, En) => "Producers",
        (Producers, Ko) => "프로듀서",
        (AddProducer, En) => "Add producer",
        (AddProducer, Ko) => "프로듀서 추가",
        (Remove, En) => "Remove",
        (Remove, Ko) => "제거",
        (Apply, En) => "Apply",
        (Apply, Ko) => "적용",
        (Rate, En) => "Rate (records/s)",
        (Rate, Ko) => "속도 (레코드/초)",
        (RateMode, En) => "Pattern",
        (RateMode, Ko) => "패턴",
        (RateSteady, En) => "Steady",
        (RateSteady, Ko) => "일정하게",
        (RateBursty, En) => "Bursty (1.5 s on, 3 s off)",
        (RateBursty, Ko) => "버스트 (1.5초 전송, 3초 쉼)",
        (Keys, En) => "Keys",
        (Keys, Ko) => "키",
        (KeysNone, En) => "No key (null)",
        (KeysNone, Ko) => "키 없음 (null)",
        (KeysFixed, En) => "Fixed (user-1..K)",
        (KeysFixed, Ko) => "고정 (user-1..K)",
        (KeysRandom, En) => "Random keys",
        (KeysRandom, Ko) => "무작위 키",
        (KeyCount, En) => "K (key count)",
        (KeyCount, Ko) => "K (키 개수)",
        (ValueBytes, En) => "Value size (bytes)",
        (ValueBytes, Ko) => "값 크기 (바이트)",
        (Sent, En) => "sent",
        (Sent, Ko) => "보냄",
        (Acked, En) => "appended",
        (Acked, Ko) => "저장됨",
        (Buffered, En) => "in buffer",
        (Buffered, Ko) => "버퍼 안",
        (StickyPartition, En) => "sticky partition",
        (StickyPartition, Ko) => "스티키 파티션",
        (Closing, En) => "closing: flushing its buffer",
        (Closing, Ko) => "종료 중: 버퍼를 비우는 중",
        (Topic, En) => "Topic",
        (Topic, Ko) => "토픽",
        (Partitions, En) => "Partitions",
        (Partitions, Ko) => "파티션 수",
        (AddPartitions, En) => "Alter partitions",
        (AddPartitions, Ko) => "파티션 수 변경",
        (LogEndOffset, En) => "log end offset",
        (LogEndOffset, Ko) => "로그 끝 오프셋",
        (Records, En) => "records",
        (Records, Ko) => "레코드",
        (Partition, En) => "Partition",
        (Partition, Ko) => "파티션",
        (Calculator, En) => "Which partition?",
        (Calculator, Ko) => "어느 파티션으로?",
        (CalculatorHelp, En) => "A keyed record goes to toPositive(murmur2(key bytes)) % partitions, exactly as Kafka's producer does.",
        (CalculatorHelp, Ko) => "키가 있는 레코드는 카프카 프로듀서와 똑같이 toPositive(murmur2(키 바이트)) % 파티션 수 로 갑니다.",
        (Key, En) => "Key",
        (Key, Ko) => "키",
        (KeyFormat, En) => "Key format",
        (KeyFormat, Ko) => "키 형식",
        (KeyText, En) => "Text (UTF-8)",
        (KeyText, Ko) => "텍스트 (UTF-8)",
        (KeyHex, En) => "Hex bytes",
        (KeyHex, Ko) => "16진수 바이트",
        (PartitionCount, En) => "Partition count",
        (PartitionCount, Ko) => "파티션 수",
        (Events, En) => "Event log",
        (Events, Ko) => "이벤트 기록",
        (NoEvents, En) => "Nothing yet: press Play.",
        (NoEvents, Ko) => "아직 없음: 재생을 누르세요.",
        (Simplified, En) => "Simplified: one topic (plus __consumer_offsets, whose records are not replicated), one network delay for every request, followers fetch every 20 ms at most replication.bytes.per.sec, one log directory per broker, time scaled by the speed control. Names, defaults and algorithms are Kafka 4.0's (KRaft).",
        (Simplified, Ko) => "단순화: 토픽 하나(그리고 레코드는 복제하지 않는 __consumer_offsets), 모든 요청에 같은 네트워크 지연, 팔로워는 20ms마다 최대 replication.bytes.per.sec만큼 가져옴, 브로커당 로그 디렉터리 하나, 시간은 속도 조절만큼 빨라집니다. 설정 이름, 기본값, 알고리즘은 카프카 4.0(KRaft) 그대로입니다.",
        (AggregateNote, En) => "Too many records to animate one by one: flights carry bundles and the logs are redrawn 10 times a second; every record is still counted exactly.",
        (AggregateNote, Ko) => "레코드가 너무 많아 하나씩 그리지 않습니다. 묶어서 날려 보내고 로그는 1초에 10번 다시 그립니다. 개수는 정확합니다.",
        (KeysMovedTitle, En) => "Keys that now go to another partition",
        (KeysMovedTitle, Ko) => "이제 다른 파티션으로 가는 키",
        (MetadataNote, En) => "Producers and consumers notice new partitions at their next metadata refresh (metadata.max.age.ms; Kafka's default is 300000, the playground's clients use 5000). The group's leader then rejoins and the new partitions are assigned; with auto.offset.reset=latest, whatever was written to them before that is skipped.",
        (MetadataNote, Ko) => "프로듀서와 컨슈머는 다음 메타데이터 갱신 때 새 파티션을 알게 됩니다 (metadata.max.age.ms: 카프카 기본값 300000, 플레이그라운드 클라이언트 5000). 그러면 그룹 리더가 다시 조인하고 새 파티션이 할당됩니다. auto.offset.reset=latest라면 그 전에 새 파티션에 쓰인 레코드는 건너뜁니다.",
        (LessonLabel, En) => "Lesson",
        (LessonLabel, Ko) => "레슨",
        (LessonNone, En) => "Guided lessons…",
        (LessonNone, Ko) => "가이드 레슨…",
        (LessonPrev, En) => "← Previous",
        (LessonPrev, Ko) => "← 이전",
        (LessonNext, En) => "Next →",
        (LessonNext, Ko) => "다음 →",
        (LessonReplay, En) => "Replay",
        (LessonReplay, Ko) => "다시 하기",
        (LessonFree, En) => "Try it yourself",
        (LessonFree, Ko) => "직접 해 보기",
        (LessonStep, En) => "Step",
        (LessonStep, Ko) => "단계",
        (LessonWaiting, En) => "Waiting for this to happen…",
        (LessonWaiting, Ko) => "이 일이 일어나기를 기다리는 중…",
        (LessonDone, En) => "Done: go on with Next.",
        (LessonDone, Ko) => "완료: 다음으로 넘어가세요.",
        (LessonEnd, En) => "That was the last step. Keep playing from here, or pick another lesson.",
        (LessonEnd, Ko) => "마지막 단계였습니다. 여기서 계속 자유롭게 해 보거나 다른 레슨을 고르세요.",
        (TimelineTitle, En) => "Timeline",
        (TimelineTitle, Ko) => "타임라인",
        (InPast, En) => "You are looking at the past. Play replays what happened; acting here discards everything after this moment.",
        (InPast, Ko) => "과거를 보고 있습니다. 재생하면 일어난 일을 그대로 다시 보여 주고, 여기서 조작하면 이 순간 이후는 모두 사라집니다.",
        (ToNow, En) => "Back to the latest moment",
        (ToNow, Ko) => "가장 최근 순간으로",
        (MarkerLegend, En) => "C commit · X crash · R rebalance · O offset reset · M reassignment · V your action",
        (MarkerLegend, Ko) => "C 커밋 · X 장애 · R 리밸런스 · O 오프셋 리셋 · M 재배치 · V 내 조작",
        (ConsoleTitle, En) => "Kafka console",
        (ConsoleTitle, Ko) => "카프카 콘솔",
        (ConsoleNote, En) => "Kafka's own commands against the simulated cluster (Kafka 4.0 output). Tab completes, ↑ ↓ recall, Ctrl-D ends the console producer. Type help.",
        (ConsoleNote, Ko) => "시뮬레이션된 클러스터에 카프카 명령을 그대로 실행합니다(카프카 4.0 출력). Tab 자동 완성, ↑ ↓ 이전 명령, Ctrl-D 콘솔 프로듀서 종료. help를 입력하세요.",
        (ConsoleInput, En) => "Command",
        (ConsoleInput, Ko) => "명령",
        (ScenarioTitle, En) => "Scenario",
        (ScenarioTitle, Ko) => "시나리오",
        (ScenarioNote, En) => "The run as a scenario file: your actions are its timeline steps. Edit the fields or the JSON; it is checked as you type.",
        (ScenarioNote, Ko) => "현재 실행을 시나리오 파일로 보여 줍니다. 내 조작은 타임라인 단계가 됩니다. 필드나 JSON을 고치면 입력하는 대로 검사합니다.",
        (FromRun, En) => "From this run",
        (FromRun, Ko) => "현재 실행에서 가져오기",
        (StartScenario, En) => "Start this scenario",
        (StartScenario, Ko) => "이 시나리오 시작",
        (SaveFile, En) => "Save file",
        (SaveFile, Ko) => "파일로 저장",
        (OpenFile, En) => "Open file",
        (OpenFile, Ko) => "파일 열기",
        (Recent, En) => "Recent scenarios",
        (Recent, Ko) => "최근 시나리오",
        (ShareLink, En) => "Share link",
        (ShareLink, Ko) => "공유 링크",
        (CopyLink, En) => "Copy",
        (CopyLink, Ko) => "복사",
        (ShareNote, En) => "The link holds the scenario, the seed and this moment; opening it replays the same run.",
        (ShareNote, Ko) => "링크에는 시나리오, 시드, 현재 순간이 담깁니다. 열면 같은 실행을 다시 재생합니다.",
        (ValidScenario, En) => "Valid scenario",
        (ValidScenario, Ko) => "올바른 시나리오",
        (ExportTitle, En) => "Export",
        (ExportTitle, Ko) => "내보내기",
        (ExportTrace, En) => "Trace (JSON)",
        (ExportTrace, Ko) => "트레이스 (JSON)",
        (ExportDescribe, En) => "Describe tables (text)",
        (ExportDescribe, Ko) => "describe 표 (텍스트)",
        (ExportSvg, En) => "Snapshot (SVG)",
        (ExportSvg, Ko) => "스냅샷 (SVG)",
        (ExportReal, En) => "Try it on a real cluster",
        (ExportReal, Ko) => "실제 클러스터에서 해 보기",
        (ExportNote, En) => "Files are made in your browser. The real-cluster script creates the topic and client properties for Kafka 4.x.",
        (ExportNote, Ko) => "파일은 브라우저에서 만들어집니다. 실제 클러스터 스크립트는 카프카 4.x용 토픽과 클라이언트 설정을 만듭니다.",
        (OpenInPlayground, En) => "Open in the playground ↗",
        (OpenInPlayground, Ko) => "플레이그라운드에서 열기 ↗",
        (PanicTitle, En) => "The playground stopped",
        (PanicTitle, Ko) => "플레이그라운드가 멈췄습니다",
        (PanicBody, En) => "Something inside the simulation failed. Reload the page to start again; the details below help us fix it.",
        (PanicBody, Ko) => "시뮬레이션 내부에서 오류가 났습니다. 페이지를 새로고침해 다시 시작하세요. 아래 내용은 문제 해결에 도움이 됩니다.",
        (Reload, En) => "Reload",
        (Reload, Ko) => "새로고침",
        (Legend, En) => "Colour and letter show the key; a hollow square is a record without a key.",
        (Legend, Ko) => "색과 글자는 키를 나타내고, 속이 빈 네모는 키가 없는 레코드입니다.",
        (NullKey, En) => "no key",
        (NullKey, Ko) => "키 없음",
        (Partitioner, En) => "Partitioner",
        (Partitioner, Ko) => "파티셔너",
        (PartitionerKeyed, En) => "murmur2(key) % partitions",
        (PartitionerKeyed, Ko) => "murmur2(키) % 파티션 수",
        (PartitionerSticky, En) => "built-in uniform sticky (KIP-794): switches after batch.size bytes",
        (PartitionerSticky, Ko) => "내장 균등 스티키 (KIP-794): batch.size 바이트마다 파티션 전환",
        (ErrorPrefix, En) => "Not applied",
        (ErrorPrefix, Ko) => "적용 안 됨",
        (Empty, En) => "(empty)",
        (Empty, Ko) => "(비어 있음)",
        (Bytes, En) => "bytes",
        (Bytes, Ko) => "바이트",
        (Consumers, En) => "Consumers",
        (Consumers, Ko) => "컨슈머",
        (AddConsumer, En) => "Add consumer",
        (AddConsumer, Ko) => "컨슈머 추가",
        (Group, En) => "group.id",
        (Group, Ko) => "group.id (그룹)",
        (CommitStrategyLabel, En) => "Commits",
        (CommitStrategyLabel, Ko) => "커밋 방식",
        (Crash, En) => "Crash",
        (Crash, Ko) => "장애 발생",
        (Restart, En) => "Restart",
        (Restart, Ko) => "재시작",
        (CloseConsumer, En) => "Stop (close())",
        (CloseConsumer, Ko) => "정지 (close())",
        (InHand, En) => "in hand",
        (InHand, Ko) => "처리 대기",
        (Processed, En) => "processed",
        (Processed, Ko) => "처리함",
        (Commits, En) => "commits",
        (Commits, Ko) => "커밋",
        (Failed, En) => "failed",
        (Failed, Ko) => "실패",
        (DescribeTitle, En) => "kafka-consumer-groups.sh --describe",
        (DescribeTitle, Ko) => "kafka-consumer-groups.sh --describe (그룹 상태)",
        (LedgerTitle, En) => "Delivery ledger",
        (LedgerTitle, Ko) => "처리 장부",
        (AtLeastOnce, En) => "At least once: every record is processed, some maybe twice after a crash (commits follow processing).",
        (AtLeastOnce, Ko) => "최소 한 번(At Least Once): 모든 레코드를 처리하지만, 장애 후 일부는 두 번 처리될 수 있습니다 (처리 후 커밋).",
        (AtMostOnce, En) => "At most once: nothing is processed twice, but a crash loses what was committed before it was processed.",
        (NoGuarantee, En) => "Neither at least once nor at most once: records handed to a worker are auto-committed at the next poll() before they are processed, so a crash loses some and repeats others.",
        (NoGuarantee, Ko) => "최소 한 번도, 최대 한 번도 아닙니다. 워커에 넘긴 레코드는 처리되기 전에 다음 poll()에서 자동 커밋되므로, 강제 종료되면 일부는 유실되고 일부는 중복 처리됩니다.",
        (PollThrewNote, En) => "poll() threw, and the application closed the consumer (as try-with-resources does): it sent LeaveGroup at once, so the group's other members, if any, took its partitions. Had the process exited, the group would have waited session.timeout.ms; had only the polling thread died, max.poll.interval.ms.",
        (PollThrewNote, Ko) => "poll()이 예외를 던졌고, 애플리케이션이 컨슈머를 닫았습니다(try-with-resources처럼). 바로 LeaveGroup을 보냈으므로 그룹에 다른 멤버가 있다면 그 멤버가 파티션을 넘겨받습니다. 프로세스가 종료됐다면 그룹은 session.timeout.ms만큼, 폴링 스레드만 죽었다면 max.poll.interval.ms만큼 기다렸을 것입니다.",
        (AtMostOnce, Ko) => "최대 한 번(At Most Once): 두 번 처리되지는 않지만, 처리 전에 커밋했기 때문에 장애 시 레코드를 잃습니다.",
        (OffsetsTopicTitle, En) => "Commits live in __consumer_offsets",
        (OffsetsTopicTitle, Ko) => "커밋은 __consumer_offsets 토픽에 기록됩니다",
        (Compacted, En) => "compacted view (latest per key)",
        (Compacted, Ko) => "압축된 보기 (키별 최신 값)",
        (SessionNote, En) => "These consumers use session.timeout.ms=10000 so a crash is noticed sooner (Kafka's default is 45000), counted from the member's last heartbeat. group.initial.rebalance.delay.ms is Kafka's 3000, and the coordinator waits another 3000 each time a new member joined during the wait (so two consumers starting together form the group after 6 s).",
        (SessionNote, Ko) => "이 컨슈머들은 장애를 빨리 감지하도록 session.timeout.ms=10000을 씁니다 (카프카 기본값 45000). 이 시간은 멤버의 마지막 하트비트부터 잽니다. group.initial.rebalance.delay.ms는 카프카 기본값(3000)을 씁니다. 기다리는 동안 새 멤버가 조인할 때마다 코디네이터가 같은 시간만큼 더 기다리므로, 컨슈머 두 개가 함께 시작하면 6초 뒤에 그룹이 만들어집니다.",
        (NoConsumers, En) => "No consumers yet.",
        (NoConsumers, Ko) => "아직 컨슈머가 없습니다.",
        (StatePolling, En) => "polling",
        (StatePolling, Ko) => "폴링 중",
        (StateProcessing, En) => "processing",
        (StateProcessing, Ko) => "처리 중",
        (StateCommitting, En) => "committing",
        (StateCommitting, Ko) => "커밋 중",
        (StateRebalancing, En) => "rebalancing",
        (StateRebalancing, Ko) => "리밸런싱 중",
        (StateIdle, En) => "idle (no partition)",
        (StateIdle, Ko) => "대기 (파티션 없음)",
        (StateCrashed, En) => "crashed",
        (StateCrashed, Ko) => "장애",
        (StateClosed, En) => "closed",
        (StateClosed, Ko) => "종료됨",
        (StateFailed, En) => "stopped by an exception",
        (StateFailed, Ko) => "예외로 중단",
        (CommitAuto, En) => "auto (enable.auto.commit=true)",
        (CommitAuto, Ko) => "자동 (enable.auto.commit=true)",
        (CommitSyncPerRecord, En) => "commitSync after each record",
        (CommitSyncPerRecord, Ko) => "레코드마다 commitSync",
        (CommitSyncPerBatch, En) => "commitSync after each batch",
        (CommitSyncPerBatch, Ko) => "배치마다 commitSync",
        (CommitAsyncPerBatch, En) => "commitAsync after each batch",
        (CommitAsyncPerBatch, Ko) => "배치마다 commitAsync",
        (CommitBeforeProcessing, En) => "commitSync before processing (at most once)",
        (CommitBeforeProcessing, Ko) => "처리 전에 commitSync (최대 한 번)",
        (Duplicates, En) => "processed twice",
        (Duplicates, Ko) => "중복 처리",
        (Lost, En) => "never processed",
        (Lost, Ko) => "유실",
        (Assigned, En) => "partitions",
        (Assigned, Ko) => "할당된 파티션",
        (BrokerWord, En) => "broker",
        (BrokerWord, Ko) => "브로커",
        (ProduceRate, En) => "produced",
        (ProduceRate, Ko) => "생산",
        (ConsumeRate, En) => "consumed",
        (ConsumeRate, Ko) => "소비",
        (ConsumerMemory, En) => "consumers",
        (ConsumerMemory, Ko) => "컨슈머",
        (ProducerMemory, En) => "producers",
        (ProducerMemory, Ko) => "프로듀서",
        (PushMemory, En) => "push consumer",
        (PushMemory, Ko) => "푸시 컨슈머",
        (ChartsTitle, En) => "Backpressure over time",
        (ChartsTitle, Ko) => "시간에 따른 백프레셔",
        (ChartLag, En) => "Lag (records)",
        (ChartLag, Ko) => "랙 (레코드)",
        (ChartRates, En) => "Produce vs consume (records/s)",
        (ChartRates, Ko) => "생산 vs 소비 (레코드/초)",
        (ChartBuffers, En) => "Memory in use (bytes)",
        (ChartBuffers, Ko) => "사용 중인 메모리 (바이트)",
        (ChartsNote, En) => "Sampled in simulated time; the last samples are kept. Hover for values.",
        (ChartsNote, Ko) => "시뮬레이션 시간으로 표본을 뽑고 최근 표본만 유지합니다. 값은 마우스를 올려 보세요.",
        (PullVsPush, En) => "Pull (Kafka) vs push",
        (PullVsPush, Ko) => "풀(카프카) vs 푸시",
        (PullVsPushNote, En) => "The push side is not Kafka: a broker that pushes every record the moment it is written to one consumer with the same processing time and a fixed buffer. Kafka's consumers pull: the backlog stays in the broker's log as lag, and a consumer holds at most what its fetch settings and max.poll.records allow.",
        (PullVsPushNote, Ko) => "푸시 쪽은 카프카가 아닙니다: 레코드가 쓰이는 즉시 같은 처리 시간과 고정 버퍼를 가진 컨슈머 하나에게 밀어 넣는 브로커입니다. 카프카 컨슈머는 당겨 옵니다(pull): 밀린 데이터는 브로커 로그에 랙으로 남고, 컨슈머는 fetch 설정과 max.poll.records가 허용하는 만큼만 들고 있습니다.",
        (PullSide, En) => "pull (Kafka)",
        (PullSide, Ko) => "풀 (카프카)",
        (PushSide, En) => "push",
        (PushSide, Ko) => "푸시",
        (Delivered, En) => "delivered",
        (Delivered, Ko) => "전달",
        (Dropped, En) => "dropped",
        (Dropped, Ko) => "유실",
        (LagWord, En) => "lag",
        (LagWord, Ko) => "랙",
        (MemoryWord, En) => "consumer memory",
        (MemoryWord, Ko) => "컨슈머 메모리",
        (StartPush, En) => "Run the push comparison",
        (StartPush, Ko) => "푸시 비교 실행",
        (StopPush, En) => "Stop the comparison",
        (StopPush, Ko) => "비교 중지",
        (PushBuffer, En) => "push buffer (records)",
        (PushBuffer, Ko) => "푸시 버퍼 (레코드)",
        (OverflowDrop, En) => "when full: drop",
        (OverflowDrop, Ko) => "가득 차면: 버림",
        (OverflowCrash, En) => "when full: crash",
        (OverflowCrash, Ko) => "가득 차면: 장애",
        (PushCrashed, En) => "crashed (out of memory) at",
        (PushCrashed, Ko) => "장애(메모리 부족) 시각",
        (ProduceLimit, En) => "produce limit per broker (B/s, playground)",
        (ProduceLimit, Ko) => "브로커당 쓰기 한도 (B/s, 플레이그라운드)",
        (SendBlockedWord, En) => "blocked (buffer.memory full)",
        (SendBlockedWord, Ko) => "대기 (buffer.memory 가득 참)",
        (ShortcutsTitle, En) => "Keyboard shortcuts",
        (ShortcutsTitle, Ko) => "키보드 단축키",
        (ShortcutsHint, En) => "Keyboard: Space play/pause · → next event · ↓ +100 ms · + − speed · ? all shortcuts.",
        (ShortcutsHint, Ko) => "키보드: Space 재생/일시정지 · → 다음 이벤트 · ↓ +100 ms · + − 속도 · ? 단축키 목록.",
        (DismissWord, En) => "Close",
        (DismissWord, Ko) => "닫기",
        (SetLimit, En) => "Set",
        (SetLimit, Ko) => "설정",
        (Brokers, En) => "Brokers",
        (Brokers, Ko) => "브로커",
        (AddBroker, En) => "Add broker",
        (AddBroker, Ko) => "브로커 추가",
        (StopBroker, En) => "Stop",
        (StopBroker, Ko) => "정상 종료",
        (CrashBroker, En) => "Crash",
        (CrashBroker, Ko) => "장애",
        (RestartBroker, En) => "Restart",
        (RestartBroker, Ko) => "재시작",
        (Decommission, En) => "Decommission",
        (Decommission, Ko) => "제거",
        (Leaders, En) => "leaders",
        (Leaders, Ko) => "리더",
        (ReplicasWord, En) => "replicas",
        (ReplicasWord, Ko) => "복제본",
        (BytesIn, En) => "in",
        (BytesIn, Ko) => "수신",
        (BytesOut, En) => "out",
        (BytesOut, Ko) => "송신",
        (ThrottleWord, En) => "throttle",
        (ThrottleWord, Ko) => "제한",
        (CoordinatorFor, En) => "coordinator for",
        (CoordinatorFor, Ko) => "코디네이터",
        (BrokerRunning, En) => "running",
        (BrokerRunning, Ko) => "동작 중",
        (BrokerCrashed, En) => "crashed (not yet fenced)",
        (BrokerCrashed, Ko) => "장애 (아직 펜싱 전)",
        (BrokerFenced, En) => "stopped / fenced",
        (BrokerFenced, Ko) => "중지 / 펜싱됨",
        (BrokersNote, En) => "Bytes in: produce requests and replication fetched; bytes out: replication served and consumer fetches (over the last simulated second). The playground's brokers each fetch at most replication.bytes.per.sec as followers (a simplification of the network).",
        (BrokersNote, Ko) => "수신: 프로듀스 요청과 복제로 가져온 바이트, 송신: 복제로 내준 바이트와 컨슈머 fetch (최근 시뮬레이션 1초). 플레이그라운드의 브로커는 팔로워로서 최대 replication.bytes.per.sec만큼 가져옵니다(네트워크 단순화).",
        (ReplicaLegend, En) => "★ leader · ○ follower · ＋ being added (copying, bar = how much of the log it has) · － being removed · red border: out of the ISR.",
        (ReplicaLegend, Ko) => "★ 리더 · ○ 팔로워 · ＋ 추가 중(복사 중, 막대 = 가진 로그 비율) · － 제거 중 · 빨간 테두리: ISR 밖.",
        (ReassignTitle, En) => "kafka-reassign-partitions.sh",
        (ReassignTitle, Ko) => "kafka-reassign-partitions.sh (파티션 재할당)",
        (ReassignNote, En) => "Kafka's JSON format ({\"version\": 1, \"partitions\": [{\"topic\", \"partition\", \"replicas\", \"log_dirs\" (optional)}]}). The output is what Kafka 4.0's tool prints.",
        (ThrottleLeftover, En) => "The reassignment is done, but its replication throttle is still set: the controller never removes it. Run kafka-reassign-partitions.sh --verify (it clears the throttle once nothing is in progress), as --execute's warning said: \"You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\"",
        (ThrottleLeftover, Ko) => "파티션 재배치는 끝났지만 복제 속도 제한(throttle)이 아직 걸려 있습니다. 컨트롤러는 이 설정을 지우지 않습니다. --execute가 경고한 대로 kafka-reassign-partitions.sh --verify를 실행하세요. 진행 중인 재배치가 없으면 --verify가 제한을 해제합니다.",
        (ThrottleBurstNote, En) => "Why a small move finishes \"too fast\": Kafka measures the throttle as a rate over 11 one-second samples, and a young window counts as ten seconds, so about ten seconds' worth of the throttle is copied at full speed before it bites. Long copies converge to bytes ÷ throttle.",
        (ThrottleBurstNote, Ko) => "작은 재배치가 \"너무 빨리\" 끝나는 이유: 카프카는 throttle을 1초짜리 샘플 11개에 걸친 속도로 재고, 샘플이 적을 때는 10초로 나눕니다. 그래서 제한이 걸리기 전까지 약 10초 분량을 최대 속도로 복사합니다. 긴 복사는 바이트 ÷ throttle에 가까워집니다.",
        (ReassignNote, Ko) => "카프카 JSON 형식({\"version\": 1, \"partitions\": [{\"topic\", \"partition\", \"replicas\", \"log_dirs\"(선택)}]}). 출력은 카프카 4.0 도구가 출력하는 그대로입니다.",
        (ThrottleLabel, En) => "--throttle (B/s)",
        (ThrottleLabel, Ko) => "--throttle (B/s, 복제 제한)",
        (AdditionalLabel, En) => "--additional",
        (AdditionalLabel, Ko) => "--additional (추가 재할당)",
        (BrokerListLabel, En) => "--broker-list (for --generate)",
        (BrokerListLabel, Ko) => "--broker-list (--generate용)",
        (HwLegend, En) => "The dashed line is the high watermark: consumers read only below it; faded cells above it are not yet on every in-sync replica.",
        (HwLegend, Ko) => "점선은 하이 워터마크입니다. 컨슈머는 그 아래만 읽으며, 그 위의 흐린 칸은 아직 모든 ISR 복제본에 없습니다.",
        (AckedLost, En) => "records acknowledged with acks=0/1 and lost to a leader change",
        (AckedLost, Ko) => "acks=0/1로 확인되었다가 리더 변경으로 유실된 레코드",
        (PresetLabel, En) => "Preset",
        (PresetLabel, Ko) => "프리셋",
        (ResetOffsetsTitle, En) => "kafka-consumer-groups.sh --reset-offsets",
        (ResetOffsetsTitle, Ko) => "kafka-consumer-groups.sh --reset-offsets (오프셋 리셋)",
        (ResetOffsetsNote, En) => "Only an inactive group (Empty or Dead) can be reset; the dry run prints the plan, --execute commits it to __consumer_offsets. Offsets are clamped to [log start offset, high watermark], with Kafka's warning.",
        (ResetOffsetsNote, Ko) => "비활성 그룹(Empty 또는 Dead)만 리셋할 수 있습니다. dry run은 계획만 출력하고 --execute는 __consumer_offsets에 커밋합니다. 오프셋은 [로그 시작 오프셋, 하이 워터마크] 범위로 맞춰지며 카프카의 경고가 함께 나옵니다.",
        (ResetMode, En) => "Scenario",
        (ResetMode, Ko) => "방식",
        (ResetValue, En) => "Value",
        (ResetValue, Ko) => "값",
        (DryRun, En) => "--dry-run",
        (DryRun, Ko) => "--dry-run (미리 보기)",
        (ExecuteReset, En) => "--execute",
        (ExecuteReset, Ko) => "--execute (실행)",
        (ResetExecuted, En) => "Executed: the new offsets are committed.",
        (ResetExecuted, Ko) => "실행됨: 새 오프셋이 커밋되었습니다.",
        (ResetDryRunDone, En) => "Dry run: nothing changed.",
        (ResetDryRunDone, Ko) => "dry run: 아무것도 바뀌지 않았습니다.",
        (ResetDuration, En) => "duration (ISO-8601, e.g. PT30S)",
        (ResetDuration, Ko) => "기간 (ISO-8601, 예: PT30S)",
        (LogStart, En) => "start",
        (LogStart, Ko) => "시작",
        (DeletedByRetention, En) => "deleted by retention",
        (DeletedByRetention, Ko) => "보존 정책으로 삭제됨",
        (SegmentsLegend, En) => "Shaded bands are log segments (the last is the active one); retention deletes whole segments, oldest first, and the log start offset moves. A committed ▲ left of the log start offset is out of range.",
        (SegmentsLegend, Ko) => "음영 띠는 로그 세그먼트입니다(마지막이 활성 세그먼트). 보존 정책은 가장 오래된 세그먼트부터 통째로 지우고 로그 시작 오프셋이 움직입니다. 로그 시작 오프셋보다 왼쪽의 커밋 ▲는 범위 밖입니다.",
        (ExpiryLabel, En) => "Empty: committed offsets expire at",
        (ExpiryLabel, Ko) => "Empty 상태: 커밋된 오프셋 만료 시각",
        (ExpiryIn, En) => "in",
        (ExpiryIn, Ko) => "남은 시간",
        (ExpiryDue, En) => "due at the next retention check",
        (ExpiryDue, Ko) => "다음 만료 검사 때 삭제",
        (Position, En) => "position",
        (Position, Ko) => "위치",
        (Committed, En) => "committed",
        (Committed, Ko) => "커밋됨",
        (CompactionNote, En) => "Newest first. A greyed record has a newer value for the same key: log compaction (cleanup.policy=compact) removes it.",
        (CompactionNote, Ko) => "최신 순. 회색 레코드는 같은 키의 더 새 값이 있어 로그 압축(cleanup.policy=compact)으로 지워집니다.",
        (MoreSettings, En) => "More settings (Kafka names, Kafka defaults)",
        (MoreSettings, Ko) => "설정 더 보기 (카프카 이름과 기본값)",
        (Generation, En) => "generation",
        (Generation, Ko) => "세대",
        (Running, En) => "running",
        (Running, Ko) => "실행 중",
        (Paused, En) => "paused",
        (Paused, Ko) => "멈춤",
    }
}

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
    /// Kafka's own validation message (quoted in English).
    Kafka(String),
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
        (FieldProblem::Unknown(text), Lang::Ko) => format!("{name}: {text:?}은(는) 없습니다."),
        (FieldProblem::Kafka(message), Lang::En) => format!("{name}: {message}"),
        (FieldProblem::Kafka(message), Lang::Ko) => format!("{name}: 값이 올바르지 않습니다 ({message})"),
    }
}

/// One line explaining a consumer setting, in the visitor's language.
pub fn setting_help(lang: Lang, setting: &str) -> &'static str {
    match (setting, lang) {
        ("pause.resume", Lang::En) => "Hand records to a worker queue and keep polling: pause() the partitions at the high mark, resume() at the low mark (needs auto-commit here). Empty: process each batch before the next poll().",
        ("pause.resume", Lang::Ko) => "레코드를 작업 큐에 넘기고 계속 poll(): 상한에서 pause(), 하한에서 resume() (여기서는 자동 커밋 필요). 비우면 배치를 다 처리한 뒤 다음 poll().",
        ("fetch.min.bytes", Lang::En) => "A fetch waits until this much data is ready (or fetch.max.wait.ms passes).",
        ("fetch.min.bytes", Lang::Ko) => {
            "이만큼의 데이터가 준비될 때까지(또는 fetch.max.wait.ms까지) fetch가 기다립니다."
        }
        ("fetch.max.wait.ms", Lang::En) => "How long a fetch waits for fetch.min.bytes.",
        ("fetch.max.wait.ms", Lang::Ko) => "fetch가 fetch.min.bytes를 기다리는 최대 시간.",
        ("fetch.max.bytes", Lang::En) => {
            "The most data one fetch returns (at least one batch): it bounds the consumer's memory."
        }
        ("fetch.max.bytes", Lang::Ko) => {
            "fetch 한 번이 가져오는 최대 데이터(최소 배치 하나): 컨슈머 메모리의 상한입니다."
        }
        ("max.partition.fetch.bytes", Lang::En) => "The most data per partition per fetch.",
        ("max.partition.fetch.bytes", Lang::Ko) => "fetch 한 번에 파티션당 가져오는 최대 데이터.",
        ("group.id", Lang::En) => "Consumers with the same group.id share the partitions and the committed offsets.",
        ("group.id", Lang::Ko) => "같은 group.id의 컨슈머들은 파티션과 커밋된 오프셋을 함께 씁니다.",
        ("group.instance.id", Lang::En) => {
            "Static membership: a restart within session.timeout.ms keeps the partitions, no rebalance."
        }
        ("group.instance.id", Lang::Ko) => {
            "정적 멤버십: session.timeout.ms 안에 재시작하면 리밸런스 없이 파티션을 유지합니다."
        }
        ("commit", Lang::En) => {
            "When the application commits: auto (enable.auto.commit), commitSync/commitAsync, or before processing."
        }
        ("commit", Lang::Ko) => "커밋 시점: 자동(enable.auto.commit), commitSync/commitAsync, 또는 처리 전.",
        ("auto.commit.interval.ms", Lang::En) => {
            "With auto-commit, poll() commits the positions once this much time has passed (Kafka: 5000)."
        }
        ("auto.commit.interval.ms", Lang::Ko) => {
            "자동 커밋일 때 이 시간이 지나면 poll()이 위치를 커밋합니다 (카프카 기본값 5000)."
        }
        ("max.poll.records", Lang::En) => "Most records one poll() returns (Kafka: 500).",
        ("max.poll.records", Lang::Ko) => "poll() 한 번이 돌려주는 최대 레코드 수 (카프카 기본값 500).",
        ("max.poll.interval.ms", Lang::En) => {
            "Longest time between polls; past it the member leaves the group (Kafka: 300000)."
        }
        ("max.poll.interval.ms", Lang::Ko) => {
            "poll() 사이의 최대 시간. 넘기면 그룹에서 빠집니다 (카프카 기본값 300000)."
        }
        ("session.timeout.ms", Lang::En) => {
            "How long without heartbeats before the group gives up on a member (Kafka: 45000)."
        }
        ("session.timeout.ms", Lang::Ko) => {
            "하트비트가 이 시간 동안 없으면 그룹이 멤버를 제외합니다 (카프카 기본값 45000)."
        }
        ("heartbeat.interval.ms", Lang::En) => {
            "How often the consumer heartbeats, and so learns of a rebalance (Kafka: 3000)."
        }
        ("heartbeat.interval.ms", Lang::Ko) => "하트비트 주기. 리밸런스 소식도 이때 받습니다 (카프카 기본값 3000).",
        ("partition.assignment.strategy", Lang::En) => {
            "The assignor the group leader runs: range, roundrobin, sticky, cooperative-sticky."
        }
        ("partition.assignment.strategy", Lang::Ko) => {
            "그룹 리더가 실행하는 할당 전략: range, roundrobin, sticky, cooperative-sticky."
        }
        ("auto.offset.reset", Lang::En) => {
            "Where to start without a committed offset: latest (Kafka's default), earliest, none."
        }
        ("auto.offset.reset", Lang::Ko) => "커밋된 오프셋이 없을 때 시작점: latest(카프카 기본값), earliest, none.",
        ("processing.ms", Lang::En) => "How long the application works on one record (uniform between min and max).",
        ("processing.ms", Lang::Ko) => "애플리케이션이 레코드 하나를 처리하는 시간 (최소와 최대 사이 균등 분포).",
        (_, _) => "",
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
        (Rejected::InvalidConfig { error }, Lang::En) => {
            format!("{}: {}", error.field, error.message)
        }
        (Rejected::InvalidConfig { error }, Lang::Ko) => {
            format!("{}: 값이 올바르지 않습니다 ({})", error.field, error.message)
        }
        (Rejected::UnknownConsumer { consumer }, Lang::En) => format!("There is no consumer {consumer}."),
        (Rejected::UnknownConsumer { consumer }, Lang::Ko) => format!("컨슈머 {consumer}가 없습니다."),
        (Rejected::UnknownProducer { producer }, Lang::En) => {
            format!("There is no producer {producer}.")
        }
        (Rejected::UnknownProducer { producer }, Lang::Ko) => {
            format!("프로듀서 {producer}가 없습니다.")
        }
        (Rejected::TooManyProducers { max }, Lang::En) => {
            format!("At most {max} producers at once.")
        }
        (Rejected::TooManyProducers { max }, Lang::Ko) => {
            format!("프로듀서는 한 번에 최대 {max}개입니다.")
        }
        (Rejected::Cluster { error }, Lang::En) => format!("The cluster refuses: {error}"),
        (Rejected::Cluster { error }, Lang::Ko) => format!("클러스터가 거부했습니다: {error}"),
        (Rejected::GroupOffsets { message }, Lang::En) => format!("kafka-consumer-groups.sh refuses: Error: {message}"),
        (Rejected::GroupOffsets { message }, Lang::Ko) => {
            format!("kafka-consumer-groups.sh가 거부했습니다 (그룹이 비활성 상태여야 합니다): Error: {message}")
        }
    }
}

/// The heading of one producer's key moves.
pub fn key_moves_heading(lang: Lang, client_id: &str, from: u32, to: u32, moved: u32, keys: usize) -> String {
    match lang {
        Lang::En => {
            format!("{client_id}: {from} → {to} partitions, {moved} of its {keys} keys moved")
        }
        Lang::Ko => format!("{client_id}: 파티션 {from} → {to}개, 키 {keys}개 중 {moved}개 이동"),
    }
}

/// A record's tooltip.
pub fn record_title(lang: Lang, offset: u64, key: Option<&str>, value_bytes: u32, timestamp_ms: u64) -> String {
    match lang {
        Lang::En => {
            format!("offset {offset} · key {} · {value_bytes} bytes · t={timestamp_ms} ms", key.unwrap_or("null"))
        }
        Lang::Ko => {
            format!("오프셋 {offset} · 키 {} · {value_bytes}바이트 · t={timestamp_ms} ms", key.unwrap_or("null"))
        }
    }
}

/// One line of the event log, in the visitor's language. `name` gives a producer's client.id.
pub fn event_line(lang: Lang, e: &Event, name: &dyn Fn(u32) -> String) -> String {
    event_line_with(lang, e, name, &|id| format!("consumer #{id}"))
}

/// [`event_line`] with consumer names too.
pub fn event_line_with(
    lang: Lang,
    e: &Event,
    name: &dyn Fn(u32) -> String,
    consumer_name: &dyn Fn(u32) -> String,
) -> String {
    match (e, lang) {
        (Event::Consumer { detail, .. }, _) => consumer_event_line(lang, detail, consumer_name),
        (Event::SegmentsDeleted { partition, log_start_offset, reason, .. }, Lang::En) => format!(
            "partition {partition}: retention ({}) deleted old segments; log start offset is now {log_start_offset}",
            match reason {
                crate::sim::log::RetentionReason::Time => "retention.ms",
                crate::sim::log::RetentionReason::Size => "retention.bytes",
            }
        ),
        (Event::SegmentsDeleted { partition, log_start_offset, reason, .. }, Lang::Ko) => format!(
            "파티션 {partition}: 보존 정책({})으로 오래된 세그먼트 삭제, 로그 시작 오프셋 {log_start_offset}",
            match reason {
                crate::sim::log::RetentionReason::Time => "retention.ms",
                crate::sim::log::RetentionReason::Size => "retention.bytes",
            }
        ),
        (Event::ProducerAdded { client_id, .. }, Lang::En) => format!("{client_id} started"),
        (Event::ProducerAdded { client_id, .. }, Lang::Ko) => format!("{client_id} 시작"),
        (Event::ProducerUpdated { producer, .. }, Lang::En) => format!("{} settings changed", name(*producer)),
        (Event::ProducerUpdated { producer, .. }, Lang::Ko) => format!("{} 설정 변경", name(*producer)),
        (Event::ProducerClosing { producer, .. }, Lang::En) => format!("{} close(): flushing", name(*producer)),
        (Event::ProducerClosing { producer, .. }, Lang::Ko) => format!("{} close(): 버퍼 비우는 중", name(*producer)),
        (Event::ProducerRemoved { producer, .. }, Lang::En) => format!("{} closed", name(*producer)),
        (Event::ProducerRemoved { producer, .. }, Lang::Ko) => format!("{} 종료됨", name(*producer)),
        (Event::StickyPartitionChanged { producer, from, to, .. }, Lang::En) => match from {
            Some(f) => format!("{}: sticky partition {f} → {to} (batch.size bytes reached)", name(*producer)),
            None => format!("{}: sticky partition is now {to}", name(*producer)),
        },
        (Event::StickyPartitionChanged { producer, from, to, .. }, Lang::Ko) => match from {
            Some(f) => format!("{}: 스티키 파티션 {f} → {to} (batch.size 바이트 도달)", name(*producer)),
            None => format!("{}: 스티키 파티션 {to} 선택", name(*producer)),
        },
        (Event::RequestSent { producer, batches, node, .. }, Lang::En) => {
            let n: u32 = batches.iter().map(|b| b.records).sum();
            format!("{}: produce request to broker {node}, {} batch(es), {n} record(s)", name(*producer), batches.len())
        }
        (Event::RequestSent { producer, batches, node, .. }, Lang::Ko) => {
            let n: u32 = batches.iter().map(|b| b.records).sum();
            format!("{}: 프로듀스 요청 → 브로커 {node}, 배치 {}개, 레코드 {n}개", name(*producer), batches.len())
        }
        (Event::BatchAppended { producer, partition, base_offset, records, .. }, Lang::En) => {
            let last = base_offset + *records as u64 - 1;
            if *records == 1 {
                format!("partition {partition}: offset {base_offset} appended ({})", name(*producer))
            } else {
                format!("partition {partition}: offsets {base_offset}..{last} appended ({})", name(*producer))
            }
        }
        (Event::BatchAppended { producer, partition, base_offset, records, .. }, Lang::Ko) => {
            let last = base_offset + *records as u64 - 1;
            if *records == 1 {
                format!("파티션 {partition}: 오프셋 {base_offset} 저장 ({})", name(*producer))
            } else {
                format!("파티션 {partition}: 오프셋 {base_offset}..{last} 저장 ({})", name(*producer))
            }
        }
        (Event::SendBlocked { producer, .. }, Lang::En) => {
            format!("{}: send() blocked, buffer.memory full", name(*producer))
        }
        (Event::SendBlocked { producer, .. }, Lang::Ko) => {
            format!("{}: send() 대기, buffer.memory 가득 참", name(*producer))
        }
        (Event::SendUnblocked { producer, blocked_ms, .. }, Lang::En) => {
            format!("{}: send() resumed after {blocked_ms} ms", name(*producer))
        }
        (Event::SendUnblocked { producer, blocked_ms, .. }, Lang::Ko) => {
            format!("{}: {blocked_ms} ms 후 send() 재개", name(*producer))
        }
        (Event::PartitionsAdded { from, to, .. }, Lang::En) => format!("topic altered: {from} → {to} partitions"),
        (Event::PartitionsAdded { from, to, .. }, Lang::Ko) => format!("토픽 변경: 파티션 {from} → {to}개"),
        (Event::MetadataRefreshed { producer, partitions, keys_moved, .. }, Lang::En) => format!(
            "{}: metadata refreshed, sees {partitions} partitions; {keys_moved} of its keys now map elsewhere",
            name(*producer)
        ),
        (Event::MetadataRefreshed { producer, partitions, keys_moved, .. }, Lang::Ko) => format!(
            "{}: 메타데이터 갱신, 파티션 {partitions}개 인식; 키 {keys_moved}개가 다른 파티션으로 감",
            name(*producer)
        ),
        (Event::Cluster { detail, .. }, _) => cluster_event_line(lang, detail),
        (Event::SendFailed { producer, error, .. }, Lang::En) => {
            format!(
                "{}: send() returned after max.block.ms; the record failed (future and callback): {error}",
                name(*producer)
            )
        }
        (Event::SendFailed { producer, error, .. }, Lang::Ko) => {
            format!(
                "{}: send()가 max.block.ms 뒤에 반환, 레코드 실패 (Future와 콜백으로 전달): {error}",
                name(*producer)
            )
        }
        (Event::AcknowledgedRecordsLost { partition, records, .. }, Lang::En) => format!(
            "partition {partition}: {records} record(s) acknowledged with acks=0/1 were cut by the leader change: lost"
        ),
        (Event::AcknowledgedRecordsLost { partition, records, .. }, Lang::Ko) => {
            format!("파티션 {partition}: acks=0/1로 확인된 레코드 {records}개가 리더 변경으로 잘려 유실됨")
        }
        (Event::ProduceRetried { producer, partition, records, error, .. }, Lang::En) => {
            format!("{}: partition {partition}, {records} record(s) refused, retrying: {error}", name(*producer))
        }
        (Event::ProduceRetried { producer, partition, records, error, .. }, Lang::Ko) => {
            format!("{}: 파티션 {partition} 레코드 {records}개 거부, 재시도: {error}", name(*producer))
        }
        (Event::ProduceFailed { producer, partition, records, error, .. }, Lang::En) => {
            format!("{}: partition {partition}, {records} record(s) failed: {error}", name(*producer))
        }
        (Event::ProduceFailed { producer, partition, records, error, .. }, Lang::Ko) => {
            format!("{}: 파티션 {partition} 레코드 {records}개 전송 실패: {error}", name(*producer))
        }
        (Event::BatchAcknowledged { producer, partition, base_offset, records, .. }, Lang::En) => format!(
            "{}: acks=all acknowledged, partition {partition} offsets {base_offset}..{} (high watermark passed)",
            name(*producer),
            base_offset + *records as u64 - 1
        ),
        (Event::BatchAcknowledged { producer, partition, base_offset, records, .. }, Lang::Ko) => format!(
            "{}: acks=all 확인, 파티션 {partition} 오프셋 {base_offset}..{} (하이 워터마크 통과)",
            name(*producer),
            base_offset + *records as u64 - 1
        ),
    }
}

fn ids(v: &[i32]) -> String {
    v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")
}

/// One line for a cluster event.
pub fn cluster_event_line(lang: Lang, e: &crate::sim::cluster::ClusterEvent) -> String {
    use crate::sim::cluster::ClusterEvent as C;
    match (e, lang) {
        (C::BrokerStopped { broker }, Lang::En) => {
            format!("broker {broker}: controlled shutdown; its leaderships moved")
        }
        (C::BrokerStopped { broker }, Lang::Ko) => format!("브로커 {broker}: 정상 종료, 리더 역할이 옮겨짐"),
        (C::BrokerCrashed { broker }, Lang::En) => {
            format!("broker {broker} crashed (the controller notices after broker.session.timeout.ms)")
        }
        (C::BrokerCrashed { broker }, Lang::Ko) => {
            format!("브로커 {broker} 장애 (컨트롤러는 broker.session.timeout.ms 후에 알아챔)")
        }
        (C::BrokerFenced { broker }, Lang::En) => format!("controller fenced broker {broker}: session timed out"),
        (C::BrokerFenced { broker }, Lang::Ko) => format!("컨트롤러가 브로커 {broker}를 펜싱: 세션 만료"),
        (C::BrokerRestarted { broker }, Lang::En) => format!("broker {broker} restarted; its replicas catch up"),
        (C::BrokerRestarted { broker }, Lang::Ko) => format!("브로커 {broker} 재시작, 복제본이 따라잡는 중"),
        (C::BrokerAdded { broker }, Lang::En) => {
            format!("broker {broker} added: empty until a reassignment gives it replicas")
        }
        (C::BrokerAdded { broker }, Lang::Ko) => format!("브로커 {broker} 추가: 재할당 전까지 비어 있음"),
        (C::BrokerRemoved { broker }, Lang::En) => format!("broker {broker} decommissioned"),
        (C::BrokerRemoved { broker }, Lang::Ko) => format!("브로커 {broker} 제거됨"),
        (C::LeaderElected { partition, leader, epoch, reason }, Lang::En) => {
            format!("partition {partition}: broker {leader} is leader (epoch {epoch}): {reason}")
        }
        (C::LeaderElected { partition, leader, epoch, reason }, Lang::Ko) => {
            format!(
                "파티션 {partition}: 새 리더 브로커 {leader} (에포크 {epoch}, {})",
                election(Lang::Ko, reason.kind())
            )
        }
        (C::PartitionOffline { partition }, Lang::En) => format!(
            "partition {partition} is offline: no in-sync replica is alive (unclean.leader.election.enable=false)"
        ),
        (C::PartitionOffline { partition }, Lang::Ko) => {
            format!("파티션 {partition} 오프라인: 살아 있는 ISR 복제본 없음 (unclean.leader.election.enable=false)")
        }
        (C::IsrShrunk { partition, removed, isr }, Lang::En) => {
            format!("partition {partition}: ISR shrank, without {}: [{}]", ids(removed), ids(isr))
        }
        (C::IsrShrunk { partition, removed, isr }, Lang::Ko) => {
            format!("파티션 {partition}: ISR 축소, {} 제외: [{}]", ids(removed), ids(isr))
        }
        (C::IsrExpanded { partition, added, isr }, Lang::En) => {
            format!("partition {partition}: {} caught up and joined the ISR: [{}]", ids(added), ids(isr))
        }
        (C::IsrExpanded { partition, added, isr }, Lang::Ko) => {
            format!("파티션 {partition}: {}가 따라잡아 ISR 합류: [{}]", ids(added), ids(isr))
        }
        (C::LogTruncated { partition, from, to }, Lang::En) => {
            format!("partition {partition}: the new leader's log ends at {to}; offsets {to}..{from} truncated")
        }
        (C::LogTruncated { partition, from, to }, Lang::Ko) => {
            format!("파티션 {partition}: 새 리더의 로그가 {to}에서 끝나 오프셋 {to}..{from} 잘림")
        }
        (C::ReassignmentStarted { partition, replicas, adding, removing }, Lang::En) => format!(
            "partition {partition}: reassignment started, replicas [{}] (adding {}, removing {})",
            ids(replicas),
            ids(adding),
            ids(removing)
        ),
        (C::ReassignmentStarted { partition, replicas, adding, removing }, Lang::Ko) => format!(
            "파티션 {partition}: 재할당 시작, 복제본 [{}] (추가 {}, 제거 {})",
            ids(replicas),
            ids(adding),
            ids(removing)
        ),
        (C::ReassignmentCompleted { partition, replicas, isr }, Lang::En) => {
            format!("partition {partition}: reassignment complete, replicas [{}], ISR [{}]", ids(replicas), ids(isr))
        }
        (C::ReassignmentCompleted { partition, replicas, isr }, Lang::Ko) => {
            format!("파티션 {partition}: 재할당 완료, 복제본 [{}], ISR [{}]", ids(replicas), ids(isr))
        }
        (C::ReassignmentCancelled { partition, replicas }, Lang::En) => {
            format!("partition {partition}: reassignment cancelled, replicas back to [{}]", ids(replicas))
        }
        (C::ReassignmentCancelled { partition, replicas }, Lang::Ko) => {
            format!("파티션 {partition}: 재할당 취소, 복제본 [{}]로 복귀", ids(replicas))
        }
        (C::ThrottlesSet { rate, brokers }, Lang::En) => {
            format!("The inter-broker throttle limit was set to {rate} B/s (brokers {})", ids(brokers))
        }
        (C::ThrottlesSet { rate, brokers }, Lang::Ko) => {
            format!("브로커 간 복제 제한 {rate} B/s 설정 (브로커 {})", ids(brokers))
        }
        (C::ThrottlesCleared, Lang::En) => "replication throttles removed".into(),
        (C::ThrottlesCleared, Lang::Ko) => "복제 제한 해제".into(),
        (C::CoordinatorMoved { offsets_partition, leader }, Lang::En) => match leader {
            Some(l) => format!("__consumer_offsets-{offsets_partition}: coordinator moved to broker {l}"),
            None => format!("__consumer_offsets-{offsets_partition}: no coordinator available"),
        },
        (C::CoordinatorMoved { offsets_partition, leader }, Lang::Ko) => match leader {
            Some(l) => format!("__consumer_offsets-{offsets_partition}: 코디네이터가 브로커 {l}로 이동"),
            None => format!("__consumer_offsets-{offsets_partition}: 코디네이터 없음"),
        },
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

/// One line of the event log for the consumer side. `name` gives a consumer's client.id.
pub fn consumer_event_line(
    lang: Lang,
    e: &crate::sim::consumer::ConsumerEvent,
    name: &dyn Fn(u32) -> String,
) -> String {
    use crate::sim::consumer::ConsumerEvent as C;
    let parts = |v: &[u32]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
    let offsets = |v: &[(u32, u64)]| v.iter().map(|(p, o)| format!("p{p}={o}")).collect::<Vec<_>>().join(" ");
    match (e, lang) {
        (C::PartitionsPaused { consumer, queued }, Lang::En) => {
            format!("{}: pause() — {queued} records queued (high mark); paused partitions are not fetched", name(*consumer))
        }
        (C::PartitionsPaused { consumer, queued }, Lang::Ko) => {
            format!("{}: pause() — 레코드 {queued}개 대기(상한); 일시 중지된 파티션은 가져오지 않음", name(*consumer))
        }
        (C::PartitionsResumed { consumer, queued }, Lang::En) => {
            format!("{}: resume() — {queued} records queued (low mark)", name(*consumer))
        }
        (C::PartitionsResumed { consumer, queued }, Lang::Ko) => {
            format!("{}: resume() — 레코드 {queued}개 대기(하한)", name(*consumer))
        }
        (C::ConsumerAdded { client_id, group, .. }, Lang::En) => format!("{client_id} started in group {group}"),
        (C::ConsumerAdded { client_id, group, .. }, Lang::Ko) => format!("{client_id} 시작, 그룹 {group}"),
        (C::JoinGroup { consumer, group, member_id }, Lang::En) => {
            format!("{}: JoinGroup {group} as {member_id}", name(*consumer))
        }
        (C::JoinGroup { consumer, group, member_id }, Lang::Ko) => {
            format!("{}: {group} 그룹 참가 ({member_id})", name(*consumer))
        }
        (C::RebalanceStarted { group, reason }, Lang::En) => format!("group {group}: rebalance started ({reason})"),
        (C::RebalanceStarted { group, reason }, Lang::Ko) => {
            format!("그룹 {group}: 리밸런스 시작 ({})", group_reason(Lang::Ko, reason.kind()))
        }
        (C::RebalanceCompleted { group, generation, .. }, Lang::En) => {
            format!("group {group}: generation {generation}, partitions assigned")
        }
        (C::RebalanceCompleted { group, generation, .. }, Lang::Ko) => {
            format!("그룹 {group}: 세대 {generation}, 파티션 할당 완료")
        }
        (C::PartitionsRevoked { consumer, partitions }, Lang::En) => {
            format!("{}: partitions {} revoked", name(*consumer), parts(partitions))
        }
        (C::PartitionsRevoked { consumer, partitions }, Lang::Ko) => {
            format!("{}: 파티션 {} 회수", name(*consumer), parts(partitions))
        }
        (C::PartitionsAssigned { consumer, partitions }, Lang::En) => {
            format!("{}: partitions {} assigned", name(*consumer), parts(partitions))
        }
        (C::PartitionsAssigned { consumer, partitions }, Lang::Ko) => {
            format!("{}: 파티션 {} 할당", name(*consumer), parts(partitions))
        }
        (C::PositionReset { consumer, partition, offset, from, cause, policy, .. }, lang) => {
            let why = reset_cause_text(lang, *cause, *from);
            match lang {
                Lang::En => format!(
                    "{}: partition {partition} position reset to {offset}: {why}; auto.offset.reset={policy}",
                    name(*consumer)
                ),
                Lang::Ko => format!(
                    "{}: 파티션 {partition} 위치를 {offset}(으)로 리셋: {why}; auto.offset.reset={policy}",
                    name(*consumer)
                ),
            }
        }
        (C::Polled { consumer, records, .. }, Lang::En) => {
            format!("{}: poll() returned {records} record(s)", name(*consumer))
        }
        (C::Polled { consumer, records, .. }, Lang::Ko) => {
            format!("{}: poll()이 레코드 {records}개 반환", name(*consumer))
        }
        (C::BatchProcessed { consumer, records, .. }, Lang::En) => {
            format!("{}: processed a batch of {records}", name(*consumer))
        }
        (C::BatchProcessed { consumer, records, .. }, Lang::Ko) => {
            format!("{}: 배치 {records}개 처리 완료", name(*consumer))
        }
        (C::CommitSent { consumer, offsets: o, sync, auto }, Lang::En) => {
            let how = if *auto {
                "auto-commit"
            } else if *sync {
                "commitSync"
            } else {
                "commitAsync"
            };
            format!("{}: {how} {}", name(*consumer), offsets(o))
        }
        (C::CommitSent { consumer, offsets: o, sync, auto }, Lang::Ko) => {
            let how = if *auto {
                "자동 커밋"
            } else if *sync {
                "commitSync"
            } else {
                "commitAsync"
            };
            format!("{}: {how} {}", name(*consumer), offsets(o))
        }
        (C::OffsetCommitted { group, offsets: o, offsets_partition, .. }, Lang::En) => {
            format!("__consumer_offsets-{offsets_partition}: {group} committed {}", offsets(o))
        }
        (C::OffsetCommitted { group, offsets: o, offsets_partition, .. }, Lang::Ko) => {
            format!("__consumer_offsets-{offsets_partition}: {group} 커밋 기록 {}", offsets(o))
        }
        (C::CommitFailed { consumer, error }, Lang::En) => format!("{}: commit failed: {error}", name(*consumer)),
        (C::CommitFailed { consumer, error }, Lang::Ko) => format!("{}: 커밋 실패: {error}", name(*consumer)),
        (C::MemberLeft { group, consumer, reason }, Lang::En) => {
            format!("group {group}: {} left ({reason})", name(*consumer))
        }
        (C::MemberLeft { group, consumer, reason }, Lang::Ko) => {
            format!("그룹 {group}: {} 탈퇴 ({})", name(*consumer), group_reason(Lang::Ko, reason.kind()))
        }
        (C::ConsumerCrashed { consumer }, Lang::En) => format!("{} crashed", name(*consumer)),
        (C::ConsumerCrashed { consumer }, Lang::Ko) => format!("{} 장애로 중단", name(*consumer)),
        (C::ConsumerRestarted { consumer }, Lang::En) => format!("{} restarted", name(*consumer)),
        (C::ConsumerRestarted { consumer }, Lang::Ko) => format!("{} 재시작", name(*consumer)),
        (C::ConsumerClosed { consumer }, Lang::En) => format!("{} closed", name(*consumer)),
        (C::ConsumerClosed { consumer }, Lang::Ko) => format!("{} 종료", name(*consumer)),
        (C::GroupOffsetsAltered { group, offsets, offsets_partition }, Lang::En) => format!(
            "group {group}: offsets of {} partition(s) reset by kafka-consumer-groups.sh (to __consumer_offsets-{offsets_partition})",
            offsets.len()
        ),
        (C::GroupOffsetsAltered { group, offsets, offsets_partition }, Lang::Ko) => format!(
            "그룹 {group}: kafka-consumer-groups.sh로 파티션 {}개의 오프셋 리셋 (__consumer_offsets-{offsets_partition}에 기록)",
            offsets.len()
        ),
        (C::OffsetsExpired { group, partitions }, Lang::En) => {
            format!(
                "group {group}: committed offsets of {} partition(s) expired (offsets.retention.minutes); the empty group is deleted",
                partitions.len()
            )
        }
        (C::OffsetsExpired { group, partitions }, Lang::Ko) => {
            format!("그룹 {group}: 파티션 {}개의 커밋된 오프셋 만료 (offsets.retention.minutes), 빈 그룹 삭제", partitions.len())
        }
        (C::ConsumerFailed { consumer, error }, Lang::En) => format!("{} stopped: {error}", name(*consumer)),
        (C::ConsumerFailed { consumer, error }, Lang::Ko) => format!("{} 중단: {error}", name(*consumer)),
    }
}

/// Why a position was reset, in words (the from-offset when there was one).
pub fn reset_cause_text(lang: Lang, cause: crate::sim::consumer::ResetCause, from: Option<u64>) -> String {
    use crate::sim::consumer::ResetCause as R;
    let from = from.map_or_else(|| "-".to_string(), |f| f.to_string());
    match (cause, lang) {
        (R::NoCommittedOffset, Lang::En) => "no committed offset".into(),
        (R::NoCommittedOffset, Lang::Ko) => "커밋된 오프셋 없음".into(),
        (R::CommittedOutOfRange, Lang::En) => format!("committed offset {from} out of range"),
        (R::CommittedOutOfRange, Lang::Ko) => format!("커밋된 오프셋 {from}이(가) 범위 밖"),
        (R::FetchOutOfRange, Lang::En) => format!("fetch offset {from} out of range (deleted by retention)"),
        (R::FetchOutOfRange, Lang::Ko) => format!("fetch 오프셋 {from}이(가) 범위 밖 (보존 정책으로 삭제됨)"),
    }
}

/// Why a group rebalances or a member leaves, in the page's language.
pub fn group_reason(lang: Lang, reason: &crate::sim::reason::GroupReason) -> String {
    use crate::sim::reason::{English, GroupReason as R};
    match lang {
        Lang::En => reason.english(),
        Lang::Ko => match reason {
            R::FirstMemberJoined => "첫 멤버 참여".into(),
            R::MemberJoined => "멤버 참여".into(),
            R::LeaveGroup => "close()로 LeaveGroup 전송".into(),
            R::SessionTimeout => "세션 만료, session.timeout.ms 동안 하트비트 없음".into(),
            R::PollTimeout => "max.poll.interval.ms 동안 poll() 호출 없음".into(),
            R::RebalanceTimeout => "리밸런스 제한 시간 안에 다시 참여하지 않음".into(),
            R::CooperativeFollowUp => "협력적 리밸런스 후속 라운드, 회수한 파티션 할당".into(),
            R::MetadataChanged { topic, assigned, now } => {
                format!("메타데이터 변경, 토픽 {topic}의 파티션 수 {assigned}개 → {now}개")
            }
        },
    }
}

/// Why the controller elected a leader, in the page's language.
pub fn election(lang: Lang, election: &crate::sim::reason::Election) -> String {
    use crate::sim::reason::{ElectionCause as C, English};
    match lang {
        Lang::En => election.english(),
        Lang::Ko => {
            let cause = match election.cause {
                C::BrokerFenced => "기존 리더 브로커 펜싱됨",
                C::ControlledShutdown => "기존 리더 브로커 정상 종료(controlled shutdown)",
                C::BrokerRestarted => "브로커 재시작",
                C::LeaderRemoved => "파티션 재배치로 기존 리더 제거",
                C::ReassignmentCancelled => "파티션 재배치 취소",
                C::Preferred => "선호 리더 선출, auto.leader.rebalance.enable",
            };
            if election.unclean {
                format!("{cause}, ISR 밖 복제본을 리더로 선출(unclean)")
            } else {
                cause.to_string()
            }
        }
    }
}
