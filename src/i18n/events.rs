//! Event sentences (the event log, the live region, notable events) in both languages.

use super::*;

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
    // A consumer without a known name is named as the stage labels it.
    event_line_with(lang, e, name, &|id| format!("C{id}"))
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
        (Event::PartitionsAdded { from, to, topic: None, .. }, Lang::En) => {
            format!("topic altered: {from} → {to} partitions")
        }
        (Event::PartitionsAdded { from, to, topic: None, .. }, Lang::Ko) => {
            format!("토픽 변경: 파티션 {from} → {to}개")
        }
        (Event::PartitionsAdded { from, to, topic: Some(t), .. }, Lang::En) => {
            format!("topic {t} altered: {from} → {to} partitions")
        }
        (Event::PartitionsAdded { from, to, topic: Some(t), .. }, Lang::Ko) => {
            format!("토픽 {t} 변경: 파티션 {from} → {to}개")
        }
        (Event::TopicCreated { topic, slots, replication_factor, .. }, Lang::En) => {
            format!("topic {topic} created: {} partition(s), replication factor {replication_factor}", slots.len())
        }
        (Event::TopicCreated { topic, slots, replication_factor, .. }, Lang::Ko) => {
            format!("토픽 {topic} 생성: 파티션 {}개, 복제 계수 {replication_factor}", slots.len())
        }
        (Event::TopicDeleted { topic, offsets_deleted, .. }, Lang::En) => {
            format!("topic {topic} deleted, with its records and {offsets_deleted} committed offset(s)")
        }
        (Event::TopicDeleted { topic, offsets_deleted, .. }, Lang::Ko) => {
            format!("토픽 {topic} 삭제: 레코드와 커밋된 오프셋 {offsets_deleted}개도 삭제됨")
        }
        (Event::Cluster { detail, .. }, _) => cluster_event_line(lang, detail),
        (Event::AcknowledgedRecordsLost { partition, records, .. }, Lang::En) => format!(
            "partition {partition}: {records} record(s) acknowledged with acks=0/1 were cut by the leader change: lost"
        ),
        (Event::AcknowledgedRecordsLost { partition, records, .. }, Lang::Ko) => {
            format!("파티션 {partition}: acks=0/1로 확인된 레코드 {records}개가 리더 변경으로 잘려 유실됨")
        }
        (
            Event::ProducerAdded { .. }
            | Event::ProducerUpdated { .. }
            | Event::ProducerClosing { .. }
            | Event::ProducerRemoved { .. }
            | Event::StickyPartitionChanged { .. }
            | Event::RequestSent { .. }
            | Event::BatchAppended { .. }
            | Event::SendBlocked { .. }
            | Event::SendUnblocked { .. }
            | Event::MetadataRefreshed { .. }
            | Event::SendFailed { .. }
            | Event::ProduceRetried { .. }
            | Event::ProduceFailed { .. }
            | Event::BatchAcknowledged { .. },
            _,
        ) => producer_event_line(lang, e, name),
    }
}

/// What a number counts: the words around it differ in order between the languages
/// ("3 leaders", "리더 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Processed,
    Duplicates,
    Lost,
    Leaders,
    Replicas,
    AckedLost,
    Partitions,
    Records,
    Producers,
    Consumers,
    Steps,
}

impl Counted {
    pub const ALL: &'static [Counted] = &[
        Counted::Processed,
        Counted::Duplicates,
        Counted::Lost,
        Counted::Leaders,
        Counted::Replicas,
        Counted::AckedLost,
        Counted::Partitions,
        Counted::Records,
        Counted::Producers,
        Counted::Consumers,
        Counted::Steps,
    ];
}

/// A count with its word, in the language's order; Korean puts no particle after the number.
pub fn count(lang: Lang, what: Counted, n: u64) -> String {
    use Counted::*;
    match (what, lang) {
        (Processed, Lang::En) => format!("{n} processed"),
        (Processed, Lang::Ko) => format!("처리 {n}"),
        (Duplicates, Lang::En) => format!("{n} processed twice"),
        (Duplicates, Lang::Ko) => format!("중복 {n}"),
        (Lost, Lang::En) => format!("{n} never processed"),
        (Lost, Lang::Ko) => format!("유실 {n}"),
        (Leaders, Lang::En) => format!("{n} leaders"),
        (Leaders, Lang::Ko) => format!("리더 {n}"),
        (Replicas, Lang::En) => format!("{n} replicas"),
        (Replicas, Lang::Ko) => format!("복제본 {n}"),
        (AckedLost, Lang::En) => format!("{n} records acknowledged with acks=0/1 and lost to a leader change"),
        (AckedLost, Lang::Ko) => format!("acks=0/1로 확인되었다가 리더 변경으로 유실된 레코드 {n}개"),
        (Partitions, Lang::En) => format!("{n} partitions"),
        (Partitions, Lang::Ko) => format!("파티션 {n}개"),
        (Records, Lang::En) => format!("{n} records"),
        (Records, Lang::Ko) => format!("레코드 {n}개"),
        (Producers, Lang::En) => format!("{n} producers"),
        (Producers, Lang::Ko) => format!("프로듀서 {n}"),
        (Consumers, Lang::En) => format!("{n} consumers"),
        (Consumers, Lang::Ko) => format!("컨슈머 {n}"),
        (Steps, Lang::En) => format!("{n} steps"),
        (Steps, Lang::Ko) => format!("단계 {n}개"),
    }
}

/// A partition's leader, replicas, ISR and high watermark (the log view's tooltip).
pub fn lane_replicas_title(lang: Lang, leader: Option<i32>, replicas: &[i32], isr: &[i32], hw: u64) -> String {
    let list = |v: &[i32]| v.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",");
    match lang {
        Lang::En => format!(
            "leader {} · replicas [{}] · ISR [{}] · high watermark {hw}",
            leader.map_or("none".into(), |l| l.to_string()),
            list(replicas),
            list(isr)
        ),
        Lang::Ko => format!(
            "리더 {} · 복제본 [{}] · ISR [{}] · 하이 워터마크 {hw}",
            leader.map_or("없음".into(), |l| l.to_string()),
            list(replicas),
            list(isr)
        ),
    }
}

/// A group's committed offset or a consumer's position on a lane (its tooltip).
pub fn marker_title(lang: Lang, label: &str, committed: bool, offset: u64) -> String {
    match (lang, committed) {
        (Lang::En, true) => format!("{label}: committed offset {offset}"),
        (Lang::En, false) => format!("{label}: position {offset}"),
        (Lang::Ko, true) => format!("{label} 커밋된 오프셋 {offset}"),
        (Lang::Ko, false) => format!("{label} 위치 {offset}"),
    }
}

pub(super) fn ids(v: &[i32]) -> String {
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
        (C::BrokerAdded { broker }, Lang::Ko) => format!("브로커 {broker} 추가: 파티션 재배치 전까지 비어 있음"),
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
            format!("파티션 {partition}: ISR 확장, 브로커 {} 따라잡아 합류: [{}]", ids(added), ids(isr))
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
            "파티션 {partition}: 재배치 시작, 복제본 [{}] (추가 {}, 제거 {})",
            ids(replicas),
            ids(adding),
            ids(removing)
        ),
        (C::ReassignmentCompleted { partition, replicas, isr }, Lang::En) => {
            format!("partition {partition}: reassignment complete, replicas [{}], ISR [{}]", ids(replicas), ids(isr))
        }
        (C::ReassignmentCompleted { partition, replicas, isr }, Lang::Ko) => {
            format!("파티션 {partition}: 재배치 완료, 복제본 [{}], ISR [{}]", ids(replicas), ids(isr))
        }
        (C::ReassignmentCancelled { partition, replicas }, Lang::En) => {
            format!("partition {partition}: reassignment cancelled, replicas back to [{}]", ids(replicas))
        }
        (C::ReassignmentCancelled { partition, replicas }, Lang::Ko) => {
            format!("파티션 {partition}: 재배치 취소, 복제본 복귀: [{}]", ids(replicas))
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

/// One line of the event log for the consumer side. `name` gives a consumer's client.id.
pub fn consumer_event_line(
    lang: Lang,
    e: &crate::sim::consumer::ConsumerEvent,
    name: &dyn Fn(u32) -> String,
) -> String {
    use crate::sim::consumer::ConsumerEvent as C;
    let offsets = |v: &[(u32, u64)]| v.iter().map(|(p, o)| format!("p{p}={o}")).collect::<Vec<_>>().join(" ");
    match (e, lang) {
        (C::PartitionsPaused { consumer, queued }, Lang::En) => {
            format!(
                "{}: pause() — {queued} records queued (high mark); paused partitions are not fetched",
                name(*consumer)
            )
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
        (C::PositionReset { consumer, partition, offset, from, cause, policy, .. }, lang) => {
            let why = reset_cause_text(lang, *cause, *from);
            match lang {
                Lang::En => format!(
                    "{}: partition {partition} position reset to {offset}: {why}; auto.offset.reset={policy}",
                    name(*consumer)
                ),
                Lang::Ko => format!(
                    "{}: 파티션 {partition} 위치 리셋 → {offset} ({why}, auto.offset.reset={policy})",
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
            format!("{}: 레코드 {records}개 배치 처리 완료", name(*consumer))
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
        (C::CommitFailed { consumer, error }, Lang::En) => format!("{}: commit failed: {error}", name(*consumer)),
        (C::CommitFailed { consumer, error }, Lang::Ko) => format!("{}: 커밋 실패: {error}", name(*consumer)),
        (C::ConsumerCrashed { consumer }, Lang::En) => format!("{} crashed", name(*consumer)),
        (C::ConsumerCrashed { consumer }, Lang::Ko) => format!("{} 장애로 중단", name(*consumer)),
        (C::ConsumerRestarted { consumer }, Lang::En) => format!("{} restarted", name(*consumer)),
        (C::ConsumerRestarted { consumer }, Lang::Ko) => format!("{} 재시작", name(*consumer)),
        (C::ConsumerClosed { consumer }, Lang::En) => format!("{} closed", name(*consumer)),
        (C::ConsumerClosed { consumer }, Lang::Ko) => format!("{} 종료", name(*consumer)),
        (C::ConsumerFailed { consumer, error }, Lang::En) => format!("{} stopped: {error}", name(*consumer)),
        (C::ConsumerFailed { consumer, error }, Lang::Ko) => format!("{} 중단: {error}", name(*consumer)),
        (
            C::JoinGroup { .. }
            | C::RebalanceStarted { .. }
            | C::RebalanceCompleted { .. }
            | C::PartitionsRevoked { .. }
            | C::PartitionsAssigned { .. }
            | C::OffsetCommitted { .. }
            | C::MemberLeft { .. }
            | C::GroupOffsetsAltered { .. }
            | C::OffsetsExpired { .. },
            _,
        ) => group_event_line(lang, e, name),
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
        (R::CommittedOutOfRange, Lang::Ko) => format!("범위 밖의 커밋된 오프셋 {from}"),
        (R::FetchOutOfRange, Lang::En) => format!("fetch offset {from} out of range (deleted by retention)"),
        (R::FetchOutOfRange, Lang::Ko) => format!("범위 밖의 페치 오프셋 {from} (보존 정책으로 삭제됨)"),
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
            R::SubscriptionChanged { from, to } => {
                format!("구독 변경, 토픽 [{}] → [{}]", from.join(", "), to.join(", "))
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

/// One line for a producer's event.
fn producer_event_line(lang: Lang, e: &Event, name: &dyn Fn(u32) -> String) -> String {
    match (e, lang) {
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
        (Event::MetadataRefreshed { producer, partitions, keys_moved, .. }, Lang::En) => format!(
            "{}: metadata refreshed, sees {partitions} partitions; {keys_moved} of its keys now map elsewhere",
            name(*producer)
        ),
        (Event::MetadataRefreshed { producer, partitions, keys_moved, .. }, Lang::Ko) => format!(
            "{}: 메타데이터 갱신, 파티션 {partitions}개 인식; 키 {keys_moved}개가 다른 파티션으로 감",
            name(*producer)
        ),
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
        // Not one of these events (the caller dispatches only the ones above).
        _ => String::new(),
    }
}

/// One line for a consumer group's event (joins, rebalances, assignments, committed offsets).
fn group_event_line(lang: Lang, e: &crate::sim::consumer::ConsumerEvent, name: &dyn Fn(u32) -> String) -> String {
    use crate::sim::consumer::ConsumerEvent as C;
    let parts = |v: &[u32]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
    let offsets = |v: &[(u32, u64)]| v.iter().map(|(p, o)| format!("p{p}={o}")).collect::<Vec<_>>().join(" ");
    match (e, lang) {
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
        (C::OffsetCommitted { group, offsets: o, offsets_partition, .. }, Lang::En) => {
            format!("__consumer_offsets-{offsets_partition}: {group} committed {}", offsets(o))
        }
        (C::OffsetCommitted { group, offsets: o, offsets_partition, .. }, Lang::Ko) => {
            format!("__consumer_offsets-{offsets_partition}: {group} 커밋 기록 {}", offsets(o))
        }
        (C::MemberLeft { group, consumer, reason }, Lang::En) => {
            format!("group {group}: {} left ({reason})", name(*consumer))
        }
        (C::MemberLeft { group, consumer, reason }, Lang::Ko) => {
            format!("그룹 {group}: {} 탈퇴 ({})", name(*consumer), group_reason(Lang::Ko, reason.kind()))
        }
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
        // Not one of these events (the caller dispatches only the ones above).
        _ => String::new(),
    }
}
