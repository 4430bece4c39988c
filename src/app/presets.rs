//! Built-in scenarios the page offers in its preset menu: each tells one story of the seed
//! post, with a timeline. They are built in Rust (no JSON parser in the browser bundle); a test
//! runs each one headless and checks that its story happens.

use crate::i18n::Lang;
use crate::scenario::{playground_default, Action, Scenario, Step};
use crate::sim::config::{KeyMode, ProducerSpec, SimConfig};
use crate::sim::consumer::{ConsumerSpec, OffsetReset};

/// The presets, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Preset {
    /// The opening scenario: three producers, a group of two consumers.
    Default,
    /// Two new groups join a busy topic, one with `latest`, one with `earliest`.
    LatestVsEarliest,
    /// A consumer is down longer than `retention.ms`: its committed offset is out of range.
    RetentionOutOfRange,
    /// `auto.offset.reset=none` on a group with no committed offset: `poll()` throws.
    NoneFailsLoudly,
    /// A group stays Empty longer than `offsets.retention.minutes`: its offsets expire.
    OffsetsExpire,
    /// The seed's reassignment: six brokers, `test1` with partition 0 on 1,2,3 and 1 on 4,5,6.
    SeedReassignment,
    /// Three brokers, replication factor 3, `min.insync.replicas=2`: stop and crash brokers.
    BrokerFailures,
    /// Producers faster than consumers: lag grows in the log; the push comparison drops.
    Backpressure,
    /// Two topics, two groups with the same members and subscriptions: range and roundrobin
    /// assign differently across topics (the picture in Kafka's assignor documentation).
    RangeVsRoundRobin,
}

impl Preset {
    pub const ALL: [Preset; 9] = [
        Preset::Default,
        Preset::LatestVsEarliest,
        Preset::RetentionOutOfRange,
        Preset::NoneFailsLoudly,
        Preset::OffsetsExpire,
        Preset::SeedReassignment,
        Preset::BrokerFailures,
        Preset::Backpressure,
        Preset::RangeVsRoundRobin,
    ];

    /// The id used in the menu (and in URLs).
    pub fn id(self) -> &'static str {
        match self {
            Preset::Default => "default",
            Preset::LatestVsEarliest => "latest-vs-earliest",
            Preset::RetentionOutOfRange => "retention-out-of-range",
            Preset::NoneFailsLoudly => "none-fails-loudly",
            Preset::OffsetsExpire => "offsets-expire",
            Preset::SeedReassignment => "seed-reassignment",
            Preset::BrokerFailures => "broker-failures",
            Preset::Backpressure => "backpressure",
            Preset::RangeVsRoundRobin => "range-vs-roundrobin",
        }
    }

    pub fn from_id(id: &str) -> Option<Preset> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Preset::Default, Lang::En) => "Three producers, one group",
            (Preset::Default, Lang::Ko) => "프로듀서 셋, 그룹 하나",
            (Preset::LatestVsEarliest, Lang::En) => "A new group joins a busy topic: latest vs earliest",
            (Preset::LatestVsEarliest, Lang::Ko) => "새 그룹의 시작점: latest vs earliest",
            (Preset::RetentionOutOfRange, Lang::En) => "A consumer is down longer than retention: out of range",
            (Preset::RetentionOutOfRange, Lang::Ko) => "보존 기간보다 오래 멈춘 컨슈머 (범위 밖 오프셋)",
            (Preset::NoneFailsLoudly, Lang::En) => "none: fail loudly",
            (Preset::NoneFailsLoudly, Lang::Ko) => "none: 넘어가지 않고 예외로 멈춤",
            (Preset::OffsetsExpire, Lang::En) => "A group empty longer than offsets.retention.minutes",
            (Preset::OffsetsExpire, Lang::Ko) => "오래 비어 있는 그룹의 오프셋 만료",
            (Preset::SeedReassignment, Lang::En) => "Reassign test1 across six brokers (kafka-reassign-partitions.sh)",
            (Preset::SeedReassignment, Lang::Ko) => "test1 파티션 재배치 (브로커 6대)",
            (Preset::BrokerFailures, Lang::En) => "Brokers fail: leaders, ISR, acks=all and min.insync.replicas",
            (Preset::BrokerFailures, Lang::Ko) => "브로커 장애와 리더, ISR",
            (Preset::Backpressure, Lang::En) => "Producers faster than consumers: pull vs push",
            (Preset::Backpressure, Lang::Ko) => "소비보다 빠른 생산: 풀 vs 푸시",
            (Preset::RangeVsRoundRobin, Lang::En) => "Two topics: range vs roundrobin",
            (Preset::RangeVsRoundRobin, Lang::Ko) => "토픽 두 개: range vs roundrobin",
        }
    }

    /// What to watch for, and what the preset shortens compared with Kafka's defaults.
    pub fn story(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Preset::Default, Lang::En) => {
                "Producers write to six partitions; the group orders-app reads them with auto-commit."
            }
            (Preset::Default, Lang::Ko) => {
                "프로듀서들이 파티션 6개에 쓰고, orders-app 그룹이 자동 커밋으로 읽습니다."
            }
            (Preset::LatestVsEarliest, Lang::En) => {
                "At 10 s two new groups subscribe to a topic that already holds records. Neither has a committed offset, so auto.offset.reset decides: new-latest starts at the high watermark and never sees the old records; new-earliest starts at the log start offset and reads them all."
            }
            (Preset::LatestVsEarliest, Lang::Ko) => {
                "10초에 새 그룹 둘이 이미 레코드가 쌓인 토픽을 구독합니다. 둘 다 커밋된 오프셋이 없으므로 auto.offset.reset이 결정합니다. new-latest는 하이 워터마크에서 시작해 이전 레코드를 보지 못하고, new-earliest는 로그 시작 오프셋부터 모두 읽습니다."
            }
            (Preset::RetentionOutOfRange, Lang::En) => {
                "billing-1 crashes at 12 s and comes back at 45 s. Meanwhile retention deletes whole segments older than retention.ms = 20 s (segment.ms = 4 s; checked every second), so the log start offset passes its committed offset. On restart the commit is out of range: auto.offset.reset=earliest jumps to the log start offset, and the deleted records are never processed. Kafka's defaults are 7 days, 7 days and 5 minutes; the preset shortens them to seconds."
            }
            (Preset::RetentionOutOfRange, Lang::Ko) => {
                "billing-1이 12초에 죽었다가 45초에 돌아옵니다. 그 사이 보존 정책이 retention.ms = 20초보다 오래된 세그먼트를 통째로 지워(segment.ms = 4초, 매초 검사) 로그 시작 오프셋이 커밋된 오프셋을 지나갑니다. 재시작하면 커밋이 범위 밖이므로 auto.offset.reset=earliest가 로그 시작 오프셋으로 점프하고, 삭제된 레코드는 끝내 처리되지 않습니다. 카프카 기본값은 7일, 7일, 5분이며 이 프리셋은 초 단위로 줄였습니다."
            }
            (Preset::NoneFailsLoudly, Lang::En) => {
                "strict-1 joins the group strict with auto.offset.reset=none. The group has no committed offset, so poll() throws NoOffsetForPartitionException and the application stops, as one that does not catch it would. Nothing is silently skipped or replayed."
            }
            (Preset::NoneFailsLoudly, Lang::Ko) => {
                "strict-1이 auto.offset.reset=none으로 strict 그룹에 합류합니다. 그룹에 커밋된 오프셋이 없으므로 poll()이 NoOffsetForPartitionException을 던지고, 예외를 잡지 않는 애플리케이션처럼 멈춥니다. 조용히 건너뛰거나 다시 읽는 일은 없습니다."
            }
            (Preset::OffsetsExpire, Lang::En) => {
                "report-1 closes at 10 s and the group reports becomes Empty. After offsets.retention.minutes = 1 (checked every 5 s) its committed offsets expire: tombstones go to __consumer_offsets, and the empty group is deleted (kafka-consumer-groups.sh --describe would say it does not exist). report-1 comes back at 85 s to a new group (generation 1) with no committed offset, so auto.offset.reset=latest applies and the records written while it was away are skipped. Kafka's default is 10080 minutes (7 days)."
            }
            (Preset::OffsetsExpire, Lang::Ko) => {
                "report-1이 10초에 종료되어 reports 그룹이 Empty가 됩니다. offsets.retention.minutes = 1분(5초마다 검사)이 지나면 커밋된 오프셋이 만료되어 __consumer_offsets에 툼스톤이 기록되고, 빈 그룹은 삭제됩니다(kafka-consumer-groups.sh --describe로 보면 그룹이 없다고 나옵니다). report-1이 85초에 돌아오면 새 그룹(세대 1)으로 시작하고, 커밋된 오프셋이 없어 auto.offset.reset=latest가 적용되고, 없던 동안 쓰인 레코드는 건너뜁니다. 카프카 기본값은 10080분(7일)입니다."
            }
            (Preset::SeedReassignment, Lang::En) => {
                "The seed's example: topic test1 has partition 0 on brokers 1,2,3 and partition 1 on 4,5,6 (replication factor 3). The editor below holds the seed's JSON, moving partition 0 to 4,5,6 and partition 1 to 1,2,3. Press --execute and watch (with --throttle 500000 B/s it takes longer; a throttle below the write rate times the new replicas never lets them catch up): the replica set becomes target + removing, the new replicas copy the log from the leader, join the ISR, leadership moves, and the old replicas are removed. --verify reports progress and removes the throttle when done. Replicas never move by themselves: stopping a broker keeps its replicas where they are."
            }
            (Preset::SeedReassignment, Lang::Ko) => {
                "원문의 예: 토픽 test1의 파티션 0은 브로커 1,2,3에, 파티션 1은 4,5,6에 있습니다(복제 계수 3). 아래 편집기에는 파티션 0을 4,5,6으로, 파티션 1을 1,2,3으로 옮기는 원문의 JSON이 있습니다. --execute를 누르고(--throttle 500000 B/s면 더 오래 걸리고, 쓰기 속도 × 새 복제본 수보다 낮은 제한이면 끝내 따라잡지 못합니다) 지켜보세요: 복제본 집합이 대상 + 제거 대상이 되고, 새 복제본이 리더에서 로그를 복사해 ISR에 합류하고, 리더가 옮겨지고, 옛 복제본이 제거됩니다. --verify는 진행 상황을 알려 주고 끝나면 제한을 해제합니다. 복제본은 스스로 움직이지 않습니다: 브로커를 멈춰도 복제본은 그 자리에 남습니다."
            }
            (Preset::BrokerFailures, Lang::En) => {
                "Three brokers; orders has replication factor 3 and min.insync.replicas=2; the producer uses acks=all. Stop a broker: its leaderships move at once (controlled shutdown). Crash one: nothing moves until the controller fences it after broker.session.timeout.ms (9 s), and its partitions refuse writes meanwhile. Stop two: the ISR falls below min.insync.replicas, sends fail with NotEnoughReplicasException and are retried until delivery.timeout.ms. Bring them back: they catch up and rejoin the ISR."
            }
            (Preset::RangeVsRoundRobin, Lang::En) => {
                "Topics t0 and t1 have three partitions each; groups range-group and rr-group have the same two members, C0 and C1, both subscribed to t0 and t1. RangeAssignor works topic by topic, so C0 gets the first two partitions of each topic: four against two. RoundRobinAssignor deals out all six partitions, sorted by topic then partition, in turn: three each. Compare the two groups' lanes and the describe table."
            }
            (Preset::RangeVsRoundRobin, Lang::Ko) => {
                "t0과 t1은 파티션이 각각 세 개입니다. range-group과 rr-group에는 같은 멤버 C0, C1이 있고, 둘 다 t0과 t1을 구독합니다. RangeAssignor는 토픽마다 따로 나누므로 C0이 토픽마다 앞의 파티션 두 개를 받아 4 대 2가 됩니다. RoundRobinAssignor는 파티션 여섯 개를 토픽, 파티션 순으로 정렬해 번갈아 나누므로 셋씩 받습니다. 두 그룹의 레인과 describe 표를 비교해 보세요."
            }
            (Preset::Backpressure, Lang::En) => {
                "A producer writes 200 records/s; consumer-1 processes 10 ms per record (100/s). Pulled, the backlog waits in the log: lag grows by about 100 records a second and the consumer holds only what one poll returns. The push comparison gets the same records pushed at 200/s into a 500-record buffer: it fills in seconds and then drops. Add consumers (same group) to scale out: with 4 partitions, lag falls once two more run; a fifth consumer sits idle."
            }
            (Preset::Backpressure, Lang::Ko) => {
                "프로듀서가 초당 200개를 쓰고 consumer-1은 레코드당 10ms(초당 100개)를 처리합니다. 풀 방식에서는 밀린 데이터가 로그에 남아 랙이 초당 약 100개씩 늘고, 컨슈머는 poll() 한 번 분량만 들고 있습니다. 푸시 비교는 같은 레코드를 초당 200개로 500개짜리 버퍼에 밀어 넣어 몇 초 만에 가득 차고 버리기 시작합니다. 같은 그룹에 컨슈머를 추가해 확장해 보세요. 파티션이 4개라 두 대를 더 돌리면 랙이 줄고, 다섯 번째 컨슈머는 놉니다."
            }
            (Preset::BrokerFailures, Lang::Ko) => {
                "브로커 3대, orders는 복제 계수 3, min.insync.replicas=2, 프로듀서는 acks=all입니다. 브로커를 정상 종료하면 리더 역할이 즉시 옮겨집니다. 장애를 내면 컨트롤러가 broker.session.timeout.ms(9초) 후 펜싱할 때까지 아무것도 옮겨지지 않고, 그동안 그 파티션은 쓰기를 거부합니다. 두 대를 멈추면 ISR이 min.insync.replicas 아래로 떨어져 전송이 NotEnoughReplicasException으로 실패하고 delivery.timeout.ms까지 재시도됩니다. 다시 켜면 따라잡아 ISR에 합류합니다."
            }
        }
    }

    /// The scenario.
    pub fn scenario(self) -> Scenario {
        match self {
            Preset::Default => playground_default(),
            Preset::LatestVsEarliest => {
                let mut s = base(4, 12.0);
                let mut latest = consumer("reader-latest", "new-latest", OffsetReset::Latest);
                latest.processing_ms_max = 30;
                let mut earliest = consumer("reader-earliest", "new-earliest", OffsetReset::Earliest);
                earliest.processing_ms_max = 30;
                s.timeline = vec![
                    Step { at_ms: 10_000, action: Action::AddConsumer(latest) },
                    Step { at_ms: 10_000, action: Action::AddConsumer(earliest) },
                ];
                s
            }
            Preset::RetentionOutOfRange => {
                let mut s = base(4, 6.0);
                s.sim.retention_ms = Some(20_000);
                s.sim.log_limits.segment_ms = 4_000;
                s.sim.retention_check_interval_ms = 1_000;
                s.consumers = vec![consumer("billing-1", "billing", OffsetReset::Earliest)];
                s.timeline = vec![
                    Step { at_ms: 12_000, action: Action::CrashConsumer("billing-1".into()) },
                    Step { at_ms: 45_000, action: Action::RestartConsumer("billing-1".into()) },
                ];
                s.until_ms = 60_000;
                s
            }
            Preset::NoneFailsLoudly => {
                let mut s = base(4, 5.0);
                s.timeline = vec![Step {
                    at_ms: 3_000,
                    action: Action::AddConsumer(consumer("strict-1", "strict", OffsetReset::None)),
                }];
                s
            }
            Preset::OffsetsExpire => {
                let mut s = base(4, 4.0);
                s.offsets_retention_minutes = 1;
                s.offsets_retention_check_interval_ms = 5_000;
                s.consumers = vec![consumer("report-1", "reports", OffsetReset::Latest)];
                s.timeline = vec![
                    Step { at_ms: 10_000, action: Action::CloseConsumer("report-1".into()) },
                    Step { at_ms: 85_000, action: Action::RestartConsumer("report-1".into()) },
                ];
                s.until_ms = 100_000;
                s
            }
            Preset::SeedReassignment => {
                let mut s = base(2, 200.0);
                s.sim.topic = "test1".into();
                s.sim.cluster = crate::sim::cluster::ClusterConfig {
                    replica_assignment: Some(vec![vec![1, 2, 3], vec![4, 5, 6]]),
                    min_insync_replicas: 2,
                    // Slow enough to watch the copy: 1 MB/s per broker.
                    replication_bytes_per_s: 1_000_000,
                    ..crate::sim::cluster::ClusterConfig::brokers(6, 3)
                };
                s.producers[0].value_bytes = 1_000;
                s.consumers = vec![consumer("consumer-1", "test1-app", OffsetReset::Earliest)];
                s.until_ms = 60_000;
                s
            }
            Preset::RangeVsRoundRobin => {
                let mut s = base(3, 20.0);
                s.sim.topic = "t0".into();
                let mut t1 = crate::sim::topics::TopicSpec::new("t1", 3);
                t1.replication_factor = Some(1);
                s.sim.topics = vec![t1];
                s.producers[0].topics = ["t0", "t1"]
                    .iter()
                    .map(|t| crate::sim::config::TopicWeight { topic: t.to_string(), weight: 1 })
                    .collect();
                let member = |id: &str, group: &str, strategy| {
                    let mut c = consumer(id, group, OffsetReset::Earliest);
                    c.assignor = strategy;
                    c.subscription = crate::sim::consumer::Subscription::Topics(vec!["t0".into(), "t1".into()]);
                    c
                };
                use crate::sim::group::assignor::Strategy;
                s.consumers = vec![
                    member("C0", "range-group", Strategy::Range),
                    member("C1", "range-group", Strategy::Range),
                    member("C0-rr", "rr-group", Strategy::RoundRobin),
                    member("C1-rr", "rr-group", Strategy::RoundRobin),
                ];
                s
            }
            Preset::Backpressure => {
                let mut s = base(4, 200.0);
                s.producers[0].keys = KeyMode::None;
                s.producers[0].value_bytes = 500;
                // 512 KiB, not 32 MiB: once the brokers are slowed, send() blocks within seconds.
                s.producers[0].buffer_memory = 512 * 1024;
                let mut c = consumer("consumer-1", "orders-app", OffsetReset::Earliest);
                c.processing_ms_min = 10;
                c.processing_ms_max = 10;
                c.max_poll_records = 100;
                s.consumers = vec![c];
                s.push = Some(crate::sim::push::PushConfig {
                    buffer_records: 500,
                    overflow: crate::sim::push::Overflow::Drop,
                    processing_us: 10_000,
                });
                s.until_ms = 60_000;
                s
            }
            Preset::BrokerFailures => {
                let mut s = base(3, 20.0);
                s.sim.cluster = crate::sim::cluster::ClusterConfig {
                    min_insync_replicas: 2,
                    placement_start_index: Some(0),
                    ..crate::sim::cluster::ClusterConfig::brokers(3, 3)
                };
                s.consumers = vec![consumer("consumer-1", "orders-app", OffsetReset::Earliest)];
                s.until_ms = 60_000;
                s
            }
        }
    }
}

/// One producer with eight fixed keys on a small topic (with four partitions every partition
/// gets some: murmur2 puts user-1..8 on partitions 0,0,0,1,1,2,3,3 in some order).
fn base(partitions: u32, rate: f64) -> Scenario {
    let mut p = ProducerSpec::new("producer-1", rate, KeyMode::Fixed { count: 8, prefix: "user-".into() });
    p.metadata_max_age_ms = 5_000;
    Scenario {
        seed: 42,
        until_ms: 30_000,
        sim: SimConfig { topic: "orders".into(), partitions, ..SimConfig::default() },
        producers: vec![p],
        consumers: Vec::new(),
        timeline: Vec::new(),
        ..playground_default()
    }
}

fn consumer(client_id: &str, group: &str, reset: OffsetReset) -> ConsumerSpec {
    let mut c = ConsumerSpec::new(client_id, group);
    c.auto_offset_reset = reset;
    c.session_timeout_ms = 10_000;
    c.metadata_max_age_ms = 5_000;
    c.processing_ms_min = 20;
    c.processing_ms_max = 80;
    c
}
