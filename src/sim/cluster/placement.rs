//! Kafka's replica placement, reproduced exactly: `AdminUtils.assignReplicasToBrokers` (used by
//! `kafka-reassign-partitions.sh --generate`, and by the playground when it creates a topic) and
//! the KRaft controller's `StripedReplicaPlacer`, with Java's `Random` and Kafka's `MockRandom`.

use crate::sim::error::ConfigProblem;
use crate::util::ordmap::OrdMap;

use super::BrokerId;

/// The random numbers Kafka's placement draws: `java.util.Random.nextInt(bound)` over a
/// `next(bits)` source.
pub trait JavaRandom {
    /// `Random.next(bits)`.
    fn next_bits(&mut self, bits: u32) -> i32;

    /// `Random.nextInt(bound)` (Java 17), `bound > 0`.
    fn next_int(&mut self, bound: i32) -> i32 {
        assert!(bound > 0, "bound must be positive");
        let mut r = self.next_bits(31);
        let m = bound - 1;
        if bound & m == 0 {
            return ((bound as i64 * r as i64) >> 31) as i32;
        }
        let mut u = r;
        loop {
            r = u % bound;
            if u.wrapping_sub(r).wrapping_add(m) >= 0 {
                return r;
            }
            u = self.next_bits(31);
        }
    }

    /// `Collections.shuffle(list, random)`.
    fn shuffle<T>(&mut self, list: &mut [T]) {
        for i in (2..=list.len()).rev() {
            let j = self.next_int(i as i32) as usize;
            list.swap(i - 1, j);
        }
    }
}

/// `java.util.Random` with a seed (`new Random(seed)`).
#[derive(Debug, Clone)]
pub struct JdkRandom {
    seed: u64,
}

impl JdkRandom {
    const MULTIPLIER: u64 = 0x5DEECE66D;
    const MASK: u64 = (1 << 48) - 1;

    pub fn new(seed: i64) -> Self {
        Self { seed: (seed as u64 ^ Self::MULTIPLIER) & Self::MASK }
    }
}

impl JavaRandom for JdkRandom {
    fn next_bits(&mut self, bits: u32) -> i32 {
        self.seed = (self.seed.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        (self.seed >> (48 - bits)) as i64 as i32
    }
}

/// Kafka's test `MockRandom` (`server-common/src/test/.../MockRandom.java`).
#[derive(Debug, Clone)]
pub struct MockRandom {
    state: u64,
}

impl MockRandom {
    pub fn new(state: u64) -> Self {
        Self { state }
    }
}

impl JavaRandom for MockRandom {
    fn next_bits(&mut self, bits: u32) -> i32 {
        self.state = self.state.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(3_037_000_493);
        (self.state >> (64 - bits)) as i64 as i32
    }
}

/// Why replicas could not be placed, with Kafka's exception and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementError {
    pub exception: &'static str,
    pub message: String,
    /// What is wrong, typed for the page's words.
    pub problem: ConfigProblem,
}

impl PlacementError {
    /// The refusal of the setting that asked for the placement.
    pub fn config_error(self, field: &str) -> crate::sim::error::ConfigError {
        crate::sim::error::ConfigError::kafka(field, self.exception, self.to_string(), self.problem)
    }
}

impl std::fmt::Display for PlacementError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.exception, self.message)
    }
}

/// A broker as placement sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerMetadata {
    pub id: BrokerId,
    pub rack: Option<String>,
}

/// `AdminUtils.assignReplicasToBrokers`: partition → replicas (the first is the preferred
/// leader). `fixed_start_index` < 0 draws the start index and the replica shift from `random`
/// (two independent draws); otherwise both are the fixed index. Rack-aware when every broker
/// has a rack, rack-unaware when none has; an error when only some have.
pub fn assign_replicas_to_brokers(
    brokers: &[BrokerMetadata],
    n_partitions: i32,
    replication_factor: i32,
    fixed_start_index: i32,
    start_partition_id: i32,
    random: &mut dyn FnMut(i32) -> i32,
) -> Result<OrdMap<i32, Vec<BrokerId>>, PlacementError> {
    if n_partitions <= 0 {
        return Err(PlacementError {
            exception: "InvalidPartitionsException",
            message: "Number of partitions must be larger than 0.".into(),
            problem: ConfigProblem::AtLeast { min: 1 },
        });
    }
    if replication_factor <= 0 {
        return Err(PlacementError {
            exception: "InvalidReplicationFactorException",
            message: "Replication factor must be larger than 0.".into(),
            problem: ConfigProblem::AtLeast { min: 1 },
        });
    }
    if replication_factor as usize > brokers.len() {
        return Err(PlacementError {
            exception: "InvalidReplicationFactorException",
            message: format!(
                "Replication factor: {replication_factor} larger than available brokers: {}.",
                brokers.len()
            ),
            problem: ConfigProblem::ReplicationFactor {
                factor: replication_factor as i64,
                brokers: brokers.len() as u32,
            },
        });
    }
    let with_rack = brokers.iter().filter(|b| b.rack.is_some()).count();
    if with_rack == 0 {
        let ids: Vec<BrokerId> = brokers.iter().map(|b| b.id).collect();
        Ok(rack_unaware(&ids, n_partitions, replication_factor, fixed_start_index, start_partition_id, random))
    } else if with_rack < brokers.len() {
        Err(PlacementError {
            exception: "AdminOperationException",
            message: "Not all brokers have rack information for replica rack aware assignment.".into(),
            problem: ConfigProblem::SomeRacks,
        })
    } else {
        Ok(rack_aware(brokers, n_partitions, replication_factor, fixed_start_index, start_partition_id, random))
    }
}

fn replica_index(first: usize, shift: usize, j: usize, n: usize) -> usize {
    (first + 1 + (shift + j) % (n - 1)) % n
}

/// The loop both placements share: the start index and replica shift (drawn unless fixed),
/// the shift's bump every `n` partitions, and each partition's first broker index.
fn place_each(
    n: usize,
    n_partitions: i32,
    fixed_start_index: i32,
    start_partition_id: i32,
    random: &mut dyn FnMut(i32) -> i32,
    mut replicas_for: impl FnMut(usize, usize) -> Vec<BrokerId>,
) -> OrdMap<i32, Vec<BrokerId>> {
    let start_index = if fixed_start_index >= 0 { fixed_start_index as usize } else { random(n as i32) as usize };
    let mut shift = if fixed_start_index >= 0 { fixed_start_index as usize } else { random(n as i32) as usize };
    let mut p = start_partition_id.max(0) as usize;
    let mut out = OrdMap::new();
    for _ in 0..n_partitions {
        if p > 0 && p % n == 0 {
            shift += 1;
        }
        out.insert(p as i32, replicas_for((p + start_index) % n, shift));
        p += 1;
    }
    out
}

fn rack_unaware(
    brokers: &[BrokerId],
    n_partitions: i32,
    rf: i32,
    fixed_start_index: i32,
    start_partition_id: i32,
    random: &mut dyn FnMut(i32) -> i32,
) -> OrdMap<i32, Vec<BrokerId>> {
    let n = brokers.len();
    place_each(n, n_partitions, fixed_start_index, start_partition_id, random, |first, shift| {
        let mut replicas = vec![brokers[first]];
        for j in 0..(rf as usize - 1) {
            replicas.push(brokers[replica_index(first, shift, j, n)]);
        }
        replicas
    })
}

/// `AdminUtils.getRackAlternatedBrokerList`: racks by name, brokers in a rack by id, one from
/// each rack in turn.
pub fn rack_alternated_broker_list(brokers: &[BrokerMetadata]) -> Vec<BrokerId> {
    let mut by_rack: OrdMap<&str, Vec<BrokerId>> = OrdMap::new();
    for b in brokers {
        by_rack.entry(b.rack.as_deref().unwrap_or("")).or_default().push(b.id);
    }
    for ids in by_rack.values_mut() {
        crate::util::order::sort(ids);
    }
    let mut iters: Vec<std::vec::IntoIter<BrokerId>> = by_rack.into_values().map(|v| v.into_iter()).collect();
    let mut out = Vec::with_capacity(brokers.len());
    while out.len() < brokers.len() {
        for it in iters.iter_mut() {
            if let Some(b) = it.next() {
                out.push(b);
            }
        }
    }
    out
}

fn rack_aware(
    brokers: &[BrokerMetadata],
    n_partitions: i32,
    rf: i32,
    fixed_start_index: i32,
    start_partition_id: i32,
    random: &mut dyn FnMut(i32) -> i32,
) -> OrdMap<i32, Vec<BrokerId>> {
    let rack_of: OrdMap<BrokerId, &str> = brokers.iter().map(|b| (b.id, b.rack.as_deref().unwrap_or(""))).collect();
    let num_racks = rack_of.values().collect::<crate::util::ordmap::OrdSet<_>>().len();
    let list = rack_alternated_broker_list(brokers);
    let n = list.len();
    place_each(n, n_partitions, fixed_start_index, start_partition_id, random, |first, shift| {
        let leader = list[first];
        let mut replicas = vec![leader];
        let mut racks_with_replicas = vec![rack_of[&leader]];
        let mut k = 0;
        for _ in 0..(rf as usize - 1) {
            loop {
                let broker = list[replica_index(first, shift * num_racks, k, n)];
                let rack = rack_of[&broker];
                k += 1;
                if (!racks_with_replicas.contains(&rack) || racks_with_replicas.len() == num_racks)
                    && (!replicas.contains(&broker) || replicas.len() == n)
                {
                    replicas.push(broker);
                    racks_with_replicas.push(rack);
                    break;
                }
            }
        }
        replicas
    })
}

/// A broker for `StripedReplicaPlacer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsableBroker {
    pub id: BrokerId,
    pub rack: Option<String>,
    pub fenced: bool,
}

/// `StripedReplicaPlacer.BrokerList`.
#[derive(Debug, Clone, Default)]
pub struct BrokerList {
    brokers: Vec<BrokerId>,
    index: usize,
    offset: usize,
    epoch: u32,
}

impl BrokerList {
    pub fn add(&mut self, broker: BrokerId) -> &mut Self {
        self.brokers.push(broker);
        self
    }

    fn initialize(&mut self, random: &mut dyn JavaRandomDyn) {
        if !self.brokers.is_empty() {
            crate::util::order::sort(&mut self.brokers);
            self.offset = random.next_int_dyn(self.brokers.len() as i32) as usize;
        }
    }

    /// The next broker of this iteration epoch, or `None` when the epoch has seen them all.
    pub fn next(&mut self, epoch: u32) -> Option<BrokerId> {
        if self.brokers.is_empty() {
            return None;
        }
        if self.epoch != epoch {
            self.epoch = epoch;
            self.index = 0;
            self.offset = (self.offset + 1) % self.brokers.len();
        }
        if self.index >= self.brokers.len() {
            return None;
        }
        let b = self.brokers[(self.index + self.offset) % self.brokers.len()];
        self.index += 1;
        Some(b)
    }
}

/// Object-safe access to a [`JavaRandom`].
pub trait JavaRandomDyn {
    fn next_int_dyn(&mut self, bound: i32) -> i32;
    fn shuffle_ids(&mut self, list: &mut [BrokerId]);
    fn shuffle_racks(&mut self, list: &mut [Option<String>]);
}

impl<R: JavaRandom> JavaRandomDyn for R {
    fn next_int_dyn(&mut self, bound: i32) -> i32 {
        self.next_int(bound)
    }
    fn shuffle_ids(&mut self, list: &mut [BrokerId]) {
        self.shuffle(list)
    }
    fn shuffle_racks(&mut self, list: &mut [Option<String>]) {
        self.shuffle(list)
    }
}

#[derive(Debug, Clone, Default)]
struct Rack {
    fenced: BrokerList,
    unfenced: BrokerList,
}

/// `StripedReplicaPlacer.RackList`: successive `place` calls stripe partitions across racks.
#[derive(Debug, Clone)]
pub struct RackList {
    /// Racks in `java.util.HashMap` iteration order (for the random draws), with their names.
    racks: Vec<(Option<String>, Rack)>,
    rack_names: Vec<Option<String>>,
    num_total: usize,
    num_unfenced: usize,
    epoch: u32,
    offset: usize,
}

/// `Optional<String>.hashCode()`: 0 when empty, else the string's hash.
fn optional_hash(rack: &Option<String>) -> i32 {
    rack.as_deref().map_or(0, crate::sim::group::java::string_hash_code)
}

fn compare_racks(a: &Option<String>, b: &Option<String>) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (None, None) => Equal,
        (None, Some(_)) => Less,
        (Some(_), None) => Greater,
        (Some(x), Some(y)) => crate::sim::group::java::string_compare(x, y),
    }
}

impl RackList {
    pub fn new(random: &mut dyn JavaRandomDyn, brokers: &[UsableBroker]) -> Self {
        let mut racks: Vec<(Option<String>, Rack)> = Vec::new();
        let mut rack_names = Vec::new();
        let (mut total, mut unfenced) = (0, 0);
        for b in brokers {
            let i = match racks.iter().position(|(name, _)| *name == b.rack) {
                Some(i) => i,
                None => {
                    rack_names.push(b.rack.clone());
                    racks.push((b.rack.clone(), Rack::default()));
                    racks.len() - 1
                }
            };
            if b.fenced {
                racks[i].1.fenced.add(b.id);
            } else {
                unfenced += 1;
                racks[i].1.unfenced.add(b.id);
            }
            total += 1;
        }
        // Iterate (and draw) in HashMap order, as Kafka does.
        let hashes: Vec<i32> = racks.iter().map(|(n, _)| optional_hash(n)).collect();
        let order = crate::sim::group::java::hash_map_order(&hashes);
        let mut ordered: Vec<(Option<String>, Rack)> = order.into_iter().map(|i| racks[i].clone()).collect();
        for (_, rack) in ordered.iter_mut() {
            rack.fenced.initialize(random);
            rack.unfenced.initialize(random);
        }
        crate::util::order::sort_by(&mut rack_names, compare_racks);
        let offset = if rack_names.is_empty() { 0 } else { random.next_int_dyn(rack_names.len() as i32) as usize };
        Self { racks: ordered, rack_names, num_total: total, num_unfenced: unfenced, epoch: 0, offset }
    }

    fn rack(&mut self, name: &Option<String>) -> &mut Rack {
        &mut self.racks.iter_mut().find(|(n, _)| n == name).expect("known rack").1
    }

    /// One partition's replicas.
    pub fn place(&mut self, random: &mut dyn JavaRandomDyn, rf: i32) -> Result<Vec<BrokerId>, PlacementError> {
        let invalid = |message: String, problem: ConfigProblem| PlacementError {
            exception: "InvalidReplicationFactorException",
            message,
            problem,
        };
        if rf <= 0 {
            let message = format!("Invalid replication factor {rf}: the replication factor must be positive.");
            return Err(invalid(message, ConfigProblem::AtLeast { min: 1 }));
        }
        if rf as usize > self.num_total {
            let message = format!(
                "The target replication factor of {rf} cannot be reached because only {} broker(s) are registered.",
                self.num_total
            );
            let problem = ConfigProblem::ReplicationFactor { factor: rf as i64, brokers: self.num_total as u32 };
            return Err(invalid(message, problem));
        }
        if self.num_unfenced == 0 {
            return Err(invalid("All brokers are currently fenced.".into(), ConfigProblem::AllFenced));
        }
        if self.epoch as usize == self.num_unfenced && self.num_unfenced > 1 {
            random.shuffle_racks(&mut self.rack_names);
            for (_, rack) in self.racks.iter_mut() {
                random.shuffle_ids(&mut rack.fenced.brokers);
                random.shuffle_ids(&mut rack.unfenced.brokers);
            }
            self.epoch = 0;
        }
        if self.offset == self.rack_names.len() {
            self.offset = 0;
        }
        let epoch = self.epoch;
        let mut out = Vec::with_capacity(rf as usize);
        let mut first_rack = self.offset as isize;
        loop {
            let name = self.rack_names[first_rack as usize].clone();
            if let Some(b) = self.rack(&name).unfenced.next(epoch) {
                out.push(b);
                break;
            }
            first_rack += 1;
            if first_rack as usize == self.rack_names.len() {
                first_rack = 0;
            }
        }
        let mut rack_index = self.offset;
        for _ in 1..rf {
            let result = loop {
                let mut result = None;
                if rack_index as isize == first_rack {
                    first_rack = -1;
                } else {
                    let name = self.rack_names[rack_index].clone();
                    let rack = self.rack(&name);
                    result = rack.unfenced.next(epoch).or_else(|| rack.fenced.next(epoch));
                }
                rack_index += 1;
                if rack_index == self.rack_names.len() {
                    rack_index = 0;
                }
                if let Some(b) = result {
                    break b;
                }
            };
            out.push(result);
        }
        self.epoch += 1;
        self.offset += 1;
        Ok(out)
    }
}

/// `StripedReplicaPlacer.place` for a whole topic.
pub fn striped_place(
    random: &mut dyn JavaRandomDyn,
    brokers: &[UsableBroker],
    partitions: usize,
    rf: i32,
) -> Result<Vec<Vec<BrokerId>>, PlacementError> {
    let mut racks = RackList::new(random, brokers);
    (0..partitions).map(|_| racks.place(random, rf)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jdk_random_matches_java() {
        // new Random(42).nextInt(10) == 0, then 3 (Java 17).
        let mut r = JdkRandom::new(42);
        assert_eq!(r.next_int(10), 0);
        assert_eq!(r.next_int(10), 3);
        // new Random(0).nextInt() sequence starts -1155484576 (next(32)).
        let mut r = JdkRandom::new(0);
        assert_eq!(r.next_bits(32), -1155484576);
    }
}
