use super::*;

#[test]
fn topic_partition_names_round_trip() {
    let tp = TopicPartition::parse("my-topic-12").unwrap();
    assert_eq!(tp, TopicPartition::new("my-topic", 12));
    assert_eq!(tp.name(), "my-topic-12");
    assert!(TopicPartition::parse("topic").is_none());
    assert!(TopicPartition::parse("-1").is_none());
    assert!(TopicPartition::parse("t-x").is_none());
    assert_eq!(Strategy::parse("cooperative-sticky"), Some(Strategy::CooperativeSticky));
    assert_eq!(Strategy::parse("uniform"), None);
}

#[test]
fn cooperative_first_round_holds_back_moving_partitions() {
    // consumer1 owns all three; consumer2 joins: sticky moves topic-2, cooperative holds it
    // back for the follow-up rebalance.
    let ppt: OrdMap<String, u32> = [("topic".to_string(), 3)].into();
    let mut c1 = Member::new("consumer1", &["topic"]);
    c1.owned = (0..3).map(|p| TopicPartition::new("topic", p)).collect();
    c1.generation = Some(1);
    let c2 = Member::new("consumer2", &["topic"]);
    let sticky = assign(Strategy::Sticky, &ppt, &[c1.clone(), c2.clone()]).unwrap();
    let coop = assign(Strategy::CooperativeSticky, &ppt, &[c1, c2]).unwrap();
    assert_eq!(sticky["consumer2"], vec![TopicPartition::new("topic", 2)]);
    assert!(coop["consumer2"].is_empty());
    assert_eq!(coop["consumer1"].len(), 2);
}
