//! Guided lessons, one per part of the seed post: a preset plus narrated steps. Each step says
//! what to watch, names the panel to highlight, and may wait for something to happen (the
//! visitor's action, or simulated time). Lesson text is written for this project in English
//! and Korean.

use crate::app::presets::Preset;
use crate::sim::cluster::ClusterEvent;
use crate::sim::consumer::ConsumerEvent;
use crate::sim::Event;

/// What a step waits for before "Next" is the obvious move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Nothing: read, then Next.
    Read,
    /// Simulated time reaches this many ms.
    Time(u64),
    /// An event of this kind happens.
    Event(EventKind),
    /// A console (or form) command line starting with this runs.
    Command(&'static str),
}

/// The events a lesson can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Commit,
    ConsumerCrashed,
    Rebalanced,
    PositionReset,
    ConsumerFailed,
    ReassignmentStarted,
    ReassignmentCompleted,
    SendBlocked,
}

impl EventKind {
    pub fn matches(self, e: &Event) -> bool {
        match (self, e) {
            (EventKind::Commit, Event::Consumer { detail: ConsumerEvent::OffsetCommitted { .. }, .. }) => true,
            (EventKind::ConsumerCrashed, Event::Consumer { detail: ConsumerEvent::ConsumerCrashed { .. }, .. }) => true,
            (EventKind::Rebalanced, Event::Consumer { detail: ConsumerEvent::RebalanceCompleted { .. }, .. }) => true,
            (EventKind::PositionReset, Event::Consumer { detail: ConsumerEvent::PositionReset { .. }, .. }) => true,
            (EventKind::ConsumerFailed, Event::Consumer { detail: ConsumerEvent::ConsumerFailed { .. }, .. }) => true,
            (
                EventKind::ReassignmentStarted,
                Event::Cluster { detail: ClusterEvent::ReassignmentStarted { .. }, .. },
            ) => true,
            (
                EventKind::ReassignmentCompleted,
                Event::Cluster { detail: ClusterEvent::ReassignmentCompleted { .. }, .. },
            ) => true,
            (EventKind::SendBlocked, Event::SendBlocked { .. }) => true,
            _ => false,
        }
    }
}

/// One narrated step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// English, Korean.
    pub text: [&'static str; 2],
    /// The panel to highlight: a CSS class of the page's panels (`topic-panel`, ...).
    pub highlight: &'static str,
    pub wait: Wait,
    /// Load this preset when the step starts (a lesson may show more than one scenario).
    pub load: Option<Preset>,
    /// What the step points at on the stage (outlined; the rest dims).
    pub spots: &'static [Spot],
}

/// Objects of the stage a lesson step points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Producers,
    Brokers,
    /// The consumers (the group's members).
    Members,
    /// The group's box.
    Group,
    /// The `__consumer_offsets` partition on the group's coordinator.
    Offsets,
    /// The log view under the stage (offsets, ▲ committed, ▼ position).
    Log,
}

impl Step {
    const fn on(self, spots: &'static [Spot]) -> Step {
        Step { spots, ..self }
    }
}

/// A lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lesson {
    pub id: &'static str,
    pub title: [&'static str; 2],
    pub steps: &'static [Step],
}

const fn step(en: &'static str, ko: &'static str, highlight: &'static str, wait: Wait) -> Step {
    Step { text: [en, ko], highlight, wait, load: None, spots: &[] }
}

const fn first(preset: Preset, en: &'static str, ko: &'static str, highlight: &'static str, wait: Wait) -> Step {
    Step { text: [en, ko], highlight, wait, load: Some(preset), spots: &[] }
}

pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "commits",
        title: ["Offset commits: auto, manual, and what a crash costs", "오프셋 커밋: 자동, 수동, 그리고 장애의 대가"],
        steps: &[
            first(
                Preset::Default,
                "Press play. Producers append records to the partitions of orders; two consumers of the group orders-app poll them. Each consumer's position is the next offset it will read.",
                "[재생]을 누르세요. 프로듀서가 orders 토픽의 파티션에 레코드를 추가하고, orders-app 그룹의 컨슈머 두 개가 poll()로 가져갑니다. 컨슈머의 위치(position)는 다음에 읽을 오프셋입니다.",
                "topic-panel",
                Wait::Time(3_000),
            ).on(&[Spot::Producers, Spot::Brokers, Spot::Members]),
            step(
                "enable.auto.commit=true: inside poll(), every auto.commit.interval.ms (5000 ms), the consumer commits the positions of records returned by earlier polls. Wait for a commit (▲ on the lane).",
                "enable.auto.commit=true이면 poll() 안에서 auto.commit.interval.ms(5000ms)마다 이전 poll()이 돌려준 레코드의 위치를 커밋합니다. 로그의 ▲ 표시(커밋)가 나타날 때까지 기다려 보세요.",
                "consumers-panel",
                Wait::Event(EventKind::Commit),
            ).on(&[Spot::Members, Spot::Offsets, Spot::Log]),
            step(
                "The committed value is the next offset to read (last processed + 1), written to __consumer_offsets. Now crash consumer-1 between two commits: click C1 on the stage, then Crash.",
                "커밋되는 값은 다음에 읽을 오프셋(마지막 처리 + 1)이며 __consumer_offsets에 기록됩니다. 이제 두 커밋 사이에 consumer-1을 강제 종료해 보세요. 스테이지에서 C1을 누르고 [강제 종료] 버튼을 누르면 됩니다.",
                "consumers-panel",
                Wait::Event(EventKind::ConsumerCrashed),
            ).on(&[Spot::Members]),
            step(
                "A crashed consumer sends no LeaveGroup: the coordinator waits session.timeout.ms, then rebalances. Its partitions go to consumer-2, which starts from the last committed offset.",
                "강제 종료된 컨슈머는 LeaveGroup을 보내지 않습니다. 코디네이터는 session.timeout.ms를 기다린 뒤 리밸런스하고, 파티션은 consumer-2에게 넘어가 마지막 커밋 오프셋부터 읽습니다.",
                "groups-panel",
                Wait::Event(EventKind::Rebalanced),
            ).on(&[Spot::Group, Spot::Members]),
            step(
                "Records processed after the last commit are processed again: at-least-once. The groups table counts these repeats. Committing manually (commitSync() after each batch) narrows the window; committing before processing turns it into at-most-once (lost records instead).",
                "마지막 커밋 이후 처리한 레코드는 다시 처리됩니다. 이것이 최소 한 번(At Least Once)입니다. kafka-consumer-groups.sh --describe (그룹 상태) 패널의 '중복' 수가 다시 처리된 레코드를 셉니다. 배치마다 commitSync()로 수동 커밋하면 그 구간이 줄고, 처리 전에 커밋하면 최대 한 번(At Most Once)이 되어 대신 레코드를 잃습니다.",
                "groups-panel",
                Wait::Read,
            ).on(&[Spot::Group, Spot::Log]),
        ],
    },
    Lesson {
        id: "offsets-topic",
        title: ["Where commits live: __consumer_offsets", "커밋은 어디에 저장되나: __consumer_offsets"],
        steps: &[
            first(
                Preset::Default,
                "Commits are records in the internal topic __consumer_offsets (50 partitions by offsets.topic.num.partitions). A group's partition is abs(hashCode(group.id)) % 50; that partition's leader is the group coordinator.",
                "커밋은 내부 토픽 __consumer_offsets(offsets.topic.num.partitions = 50)에 레코드로 저장됩니다. 그룹의 커밋이 들어갈 __consumer_offsets 파티션은 abs(hashCode(group.id)) % 50이고, 그 파티션의 리더가 그룹 코디네이터입니다.",
                "groups-panel",
                Wait::Time(6_000),
            ).on(&[Spot::Offsets, Spot::Group]),
            step(
                "Ask Kafka's own tool. In the console, run: kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group orders-app",
                "카프카 도구로 직접 확인하세요. [콘솔] 탭에서 kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group orders-app 을 실행합니다.",
                "console-panel",
                Wait::Command("kafka-consumer-groups.sh"),
            ).on(&[Spot::Group]),
            step(
                "CURRENT-OFFSET is the committed offset, LOG-END-OFFSET the high watermark, LAG the difference. A committed offset stays after the consumers leave, until offsets.retention.minutes after the group became empty.",
                "CURRENT-OFFSET은 커밋된 오프셋, LOG-END-OFFSET은 하이 워터마크, LAG는 그 차이입니다. 커밋 오프셋은 컨슈머가 떠나도 남아 있다가, 그룹이 빈 뒤 offsets.retention.minutes가 지나면 지워집니다.",
                "groups-panel",
                Wait::Read,
            ).on(&[Spot::Group, Spot::Offsets]),
        ],
    },
    Lesson {
        id: "offset-reset",
        title: ["auto.offset.reset: latest, earliest, none", "auto.offset.reset: latest, earliest, none"],
        steps: &[
            first(
                Preset::LatestVsEarliest,
                "Two new groups with no committed offset join a topic that already has records. auto.offset.reset decides where they start: latest skips to the end, earliest reads from the log start offset.",
                "커밋된 오프셋이 없는 새 그룹 두 개가 이미 레코드가 있는 토픽에 들어옵니다. 어디서 시작할지는 auto.offset.reset이 정합니다: latest는 끝으로, earliest는 로그 시작 오프셋부터 읽습니다.",
                "topic-panel",
                Wait::Event(EventKind::PositionReset),
            ).on(&[Spot::Members, Spot::Log]),
            step(
                "Watch the reset labels on the lanes: each says from where to where, why (no committed offset), and the policy.",
                "로그의 리셋 표시를 보세요. 어디서 어디로, 왜(커밋된 오프셋 없음), 어떤 정책으로 옮겼는지 보여 줍니다.",
                "topic-panel",
                Wait::Read,
            ).on(&[Spot::Log]),
            first(
                Preset::NoneFailsLoudly,
                "With none, a consumer without a committed offset does not guess: poll() throws NoOffsetForPartitionException and the application must decide.",
                "none이면 커밋된 오프셋이 없는 컨슈머는 추측하지 않습니다. poll()이 NoOffsetForPartitionException을 던지고, 애플리케이션이 결정해야 합니다.",
                "consumers-panel",
                Wait::Event(EventKind::ConsumerFailed),
            ).on(&[Spot::Members]),
        ],
    },
    Lesson {
        id: "reassignment",
        title: ["Partition reassignment across brokers", "브로커 간 파티션 재배치"],
        steps: &[
            first(
                Preset::SeedReassignment,
                "Six brokers; test1 has partition 0 on brokers 1,2,3 and partition 1 on 4,5,6 (the seed's example). The first replica in each list is the preferred leader.",
                "브로커 6대, test1 토픽의 파티션 0은 브로커 1,2,3에, 파티션 1은 4,5,6에 있습니다(원문의 예). 각 목록의 첫 번째 복제본이 선호 리더입니다.",
                "brokers-panel",
                Wait::Time(2_000),
            ).on(&[Spot::Brokers]),
            step(
                "The reassignment panel holds the seed's JSON: partition 0 to 4,5,6 and partition 1 to 1,2,3. Press --execute (or run kafka-reassign-partitions.sh --execute in the console).",
                "파티션 재배치 패널에 원문의 JSON이 있습니다. 파티션 0은 4,5,6으로, 파티션 1은 1,2,3으로 옮깁니다. [--execute]를 누르세요([콘솔] 탭에서 kafka-reassign-partitions.sh --execute를 실행해도 됩니다).",
                "reassign-panel",
                Wait::Event(EventKind::ReassignmentStarted),
            ).on(&[Spot::Brokers]),
            step(
                "KRaft adds the new replicas first (replicas = target + removing); they copy the log and join the ISR. Only then does the controller switch leaders and drop the old replicas.",
                "KRaft는 먼저 새 복제본을 추가합니다(replicas = 목표 + 제거 대상). 새 복제본이 로그를 복사해 ISR에 들어온 뒤에야 컨트롤러가 리더를 바꾸고 옛 복제본을 뺍니다.",
                "brokers-panel",
                Wait::Event(EventKind::ReassignmentCompleted),
            ).on(&[Spot::Brokers]),
            step(
                "Run --verify: it reports each partition's reassignment as completed and clears the throttles.",
                "[--verify]를 누르세요. 파티션마다 재배치 완료를 보고하고 복제 속도 제한(throttle)을 해제합니다.",
                "reassign-panel",
                Wait::Command("kafka-reassign-partitions.sh"),
            ).on(&[Spot::Brokers]),
        ],
    },
    Lesson {
        id: "backpressure",
        title: ["Backpressure: Kafka's pull model against push", "백프레셔: 카프카의 풀 모델과 푸시"],
        steps: &[
            first(
                Preset::Backpressure,
                "The producer writes faster than the consumer processes. In Kafka's pull model the consumer fetches only when it is ready (max.poll.records per poll): the lag grows, but the consumer is never overrun.",
                "프로듀서가 컨슈머의 처리 속도보다 빠르게 씁니다. 카프카의 풀 모델에서는 컨슈머가 준비되었을 때만 가져오므로(poll당 max.poll.records) 랙은 늘지만 컨슈머가 넘치지는 않습니다.",
                "charts-panel",
                Wait::Time(5_000),
            ).on(&[Spot::Producers, Spot::Members]),
            step(
                "The push comparison (not Kafka) gets every record as it is appended into a fixed buffer: it drops records or runs out of memory. Compare the two in the charts.",
                "푸시 비교 모델(카프카가 아님)은 추가되는 모든 레코드를 고정 버퍼로 받습니다. 레코드를 버리거나 메모리가 바닥납니다. [차트] 탭에서 둘을 비교하세요.",
                "charts-panel",
                Wait::Time(10_000),
            ).on(&[Spot::Members]),
            step(
                "The producer has a bound of its own: records wait in its buffer.memory (here 512 KiB) until a broker takes them. Make the brokers slower than the producer: in Brokers and reassignment, set the produce limit per broker to 20000 and press Set. The buffer fills and send() blocks (up to max.block.ms), so the application slows to the brokers' pace.",
                "프로듀서에도 자기 한계가 있습니다. 레코드는 브로커가 받아 갈 때까지 buffer.memory(여기서는 512 KiB)에서 기다립니다. 브로커를 프로듀서보다 느리게 만들어 보세요. [브로커와 파티션 재배치] 탭의 '브로커당 쓰기 한도'에 20000을 넣고 [설정]을 누르면 됩니다. 버퍼가 차면 send()가 블록되고(최대 max.block.ms), 애플리케이션은 브로커의 속도에 맞춰 느려집니다.",
                "brokers-panel",
                Wait::Event(EventKind::SendBlocked),
            ).on(&[Spot::Producers, Spot::Brokers]),
        ],
    },
];

pub fn find(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

/// Where a visitor is in a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonState {
    pub lesson: &'static Lesson,
    pub step: usize,
    /// The current step's wait is over.
    pub done: bool,
}

impl LessonState {
    pub fn new(lesson: &'static Lesson) -> Self {
        let mut s = Self { lesson, step: 0, done: false };
        s.done = matches!(s.current().wait, Wait::Read);
        s
    }

    pub fn current(&self) -> &'static Step {
        &self.lesson.steps[self.step]
    }

    pub fn is_last(&self) -> bool {
        self.step + 1 == self.lesson.steps.len()
    }

    /// Move by `delta` steps (clamped); returns the preset to load, if the new step has one.
    pub fn go(&mut self, delta: i32) -> Option<Preset> {
        let to = (self.step as i64 + delta as i64).clamp(0, self.lesson.steps.len() as i64 - 1) as usize;
        if to == self.step {
            return None;
        }
        self.step = to;
        self.done = matches!(self.current().wait, Wait::Read);
        self.current().load
    }

    /// Time passed and events happened: is the wait over?
    pub fn observe(&mut self, now_ms: u64, events: &[Event]) {
        if self.done {
            return;
        }
        self.done = match self.current().wait {
            Wait::Read => true,
            Wait::Time(ms) => now_ms >= ms,
            Wait::Event(kind) => events.iter().any(|e| kind.matches(e)),
            Wait::Command(_) => false,
        };
    }

    /// A command line ran (console or form).
    pub fn observe_command(&mut self, line: &str) {
        if let Wait::Command(prefix) = self.current().wait {
            if line.trim_start().starts_with(prefix) {
                self.done = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{t, Lang, T};

    #[test]
    fn a_step_that_waits_for_a_crash_names_the_crash_button_as_the_page_labels_it() {
        // Lesson 1 once sent Korean readers to a button labelled otherwise ("Crash" / "장애 발생").
        let mut seen = 0;
        for lesson in LESSONS {
            for step in lesson.steps.iter().filter(|s| matches!(s.wait, Wait::Event(EventKind::ConsumerCrashed))) {
                seen += 1;
                for (i, lang) in [Lang::En, Lang::Ko].into_iter().enumerate() {
                    let label = t(lang, T::Crash);
                    assert!(step.text[i].contains(label), "{}: {:?} does not name {label:?}", lesson.id, step.text[i]);
                }
            }
        }
        assert!(seen >= 1);
    }

    /// Lesson 5 step 3 tells the visitor to slow the brokers down; doing what it says makes
    /// the producer's send() block, which ends the step.
    #[test]
    fn the_backpressure_lesson_blocks_send_when_the_visitor_slows_the_brokers() {
        use crate::app::{Action, AppModel};
        let mut m = AppModel::new(Lang::Ko, 1280.0);
        m.update(Action::StartLesson("backpressure".into()));
        m.update(Action::LessonNext);
        m.update(Action::LessonNext);
        let l = m.lesson.as_ref().unwrap();
        assert_eq!(l.step, 2);
        assert_eq!(l.current().wait, Wait::Event(EventKind::SendBlocked));
        assert!(
            l.current().text[1].contains(t(Lang::Ko, T::SetLimit))
                && l.current().text[1].contains(t(Lang::Ko, T::TabBrokers))
        );
        assert!(!m.lesson.as_ref().unwrap().done);
        m.update(Action::SetProduceLimit("20000".into()));
        for _ in 0..300 {
            m.update(Action::Step100Ms);
        }
        assert!(m.lesson.as_ref().unwrap().done, "send() blocked within 30 s of simulated time");
    }

    /// Every pointer of a Korean step (`[button]`, `'label'`) names a label the Korean page
    /// prints (a word of the table, or the start of one), or one of Kafka's options
    /// (`[--execute]`), so a reader finds what the step points at.
    #[test]
    fn korean_pointers_name_what_the_korean_page_shows() {
        let labels: Vec<&str> = T::ALL.iter().map(|id| t(Lang::Ko, *id)).collect();
        let mut pointers = 0;
        for lesson in LESSONS {
            for (i, step) in lesson.steps.iter().enumerate() {
                let ko = step.text[1];
                let bracketed = ko.split('[').skip(1).filter_map(|s| s.split_once(']').map(|(p, _)| p));
                let quoted = ko.split('\'').skip(1).step_by(2);
                for p in bracketed.chain(quoted) {
                    pointers += 1;
                    let shown = p.starts_with("--")
                        || labels.iter().any(|l| *l == p || l.starts_with(&format!("{p} ")))
                        || crate::i18n::count(Lang::Ko, crate::i18n::Counted::Duplicates, 0).starts_with(p);
                    assert!(shown, "{} step {}: the page shows no {p:?}", lesson.id, i + 1);
                }
            }
        }
        assert!(pointers >= 8, "{pointers} pointers");
    }
}
