//! The bits of Java that Kafka's group code leans on, reproduced exactly: `String.hashCode`,
//! `String.compareTo`, Kafka's `Utils.abs`, and the iteration order of a `java.util.HashMap`
//! (which decides ties in the sticky assignor).

use std::cmp::Ordering;

/// `java.lang.String.hashCode`: `h = 31 * h + c` over UTF-16 code units, int32 wrap-around.
pub fn string_hash_code(s: &str) -> i32 {
    s.encode_utf16().fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32))
}

/// `java.lang.String.compareTo`: lexicographic over UTF-16 code units.
pub fn string_compare(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Kafka's `Utils.abs`: `Integer.MIN_VALUE` maps to 0 (not to itself, as `Math.abs` would).
pub fn utils_abs(n: i32) -> i32 {
    if n == i32::MIN {
        0
    } else {
        n.abs()
    }
}

/// The `__consumer_offsets` partition of a group: `Utils.abs(groupId.hashCode()) % partitions`
/// (`GroupCoordinatorService.partitionFor`).
pub fn offsets_partition_for(group_id: &str, offsets_topic_partitions: u32) -> u32 {
    (utils_abs(string_hash_code(group_id)) as u32) % offsets_topic_partitions
}

/// The order in which a `java.util.HashMap` (default capacity and load factor) iterates keys
/// that were `put` in the given order: by bucket (`(h ^ h >>> 16) & (capacity - 1)`), then by
/// insertion within a bucket. `hashes[i]` is the Java `hashCode()` of the i-th key inserted;
/// returns the insertion indices in iteration order.
pub fn hash_map_order(hashes: &[i32]) -> Vec<usize> {
    let mut capacity: usize = 16;
    while hashes.len() > capacity * 3 / 4 {
        capacity *= 2;
    }
    let bucket = |h: i32| {
        let h = h as u32;
        ((h ^ (h >> 16)) as usize) & (capacity - 1)
    };
    let mut order: Vec<usize> = (0..hashes.len()).collect();
    crate::util::order::sort_by_key(&mut order, |&i| (bucket(hashes[i]), i));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_hash_codes() {
        assert_eq!(string_hash_code(""), 0);
        assert_eq!(string_hash_code("BB"), 2112);
        assert_eq!(string_hash_code("test-group"), 627841412);
        assert_eq!(string_hash_code("GydZG_"), i32::MIN);
        assert_eq!(utils_abs(i32::MIN), 0);
        assert_eq!(offsets_partition_for("GydZG_", 50), 0);
    }

    #[test]
    fn hash_map_order_follows_buckets() {
        // "b" (98) and "a" (97) inserted in that order iterate as a, b (buckets 1 and 2).
        let order = hash_map_order(&[string_hash_code("b"), string_hash_code("a")]);
        assert_eq!(order, vec![1, 0]);
    }
}
