//! Kafka's murmur2 and the keyed partitioner, bit for bit.
//!
//! Source: `clients/src/main/java/org/apache/kafka/common/utils/Utils.java` `murmur2(byte[])`
//! and `toPositive(int)`; `clients/.../producer/internals/BuiltInPartitioner.java`
//! `partitionForKey`.

/// Kafka's `Utils.murmur2(byte[])`: 32-bit signed result, with Kafka's seed `0x9747b28c`.
pub fn murmur2(data: &[u8]) -> i32 {
    let length = data.len();
    let seed: u32 = 0x9747_b28c;
    let m: u32 = 0x5bd1_e995;
    let r = 24;

    let mut h: u32 = seed ^ (length as u32);
    let length4 = length / 4;

    for i in 0..length4 {
        let i4 = i * 4;
        let mut k: u32 = (data[i4] as u32)
            | ((data[i4 + 1] as u32) << 8)
            | ((data[i4 + 2] as u32) << 16)
            | ((data[i4 + 3] as u32) << 24);
        k = k.wrapping_mul(m);
        k ^= k >> r;
        k = k.wrapping_mul(m);
        h = h.wrapping_mul(m);
        h ^= k;
    }

    let tail = length & !3;
    let rest = length % 4;
    if rest >= 3 {
        h ^= (data[tail + 2] as u32) << 16;
    }
    if rest >= 2 {
        h ^= (data[tail + 1] as u32) << 8;
    }
    if rest >= 1 {
        h ^= data[tail] as u32;
        h = h.wrapping_mul(m);
    }

    h ^= h >> 13;
    h = h.wrapping_mul(m);
    h ^= h >> 15;
    h as i32
}

/// Kafka's `Utils.toPositive(int)`: `n & 0x7fffffff` (not `abs`).
pub fn to_positive(n: i32) -> u32 {
    (n as u32) & 0x7fff_ffff
}

/// `BuiltInPartitioner.partitionForKey`: `toPositive(murmur2(key)) % numPartitions`.
pub fn partition_for_key(key: &[u8], num_partitions: u32) -> u32 {
    debug_assert!(num_partitions > 0);
    to_positive(murmur2(key)) % num_partitions
}

/// Parse a key given as hex bytes (`"00000001"`); whitespace is not allowed.
pub fn parse_hex_key(text: &str) -> Result<Vec<u8>, HexKeyError> {
    if text.len() % 2 != 0 {
        return Err(HexKeyError::OddLength { length: text.len() });
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 2);
    for (i, pair) in bytes.chunks(2).enumerate() {
        let hi = hex_digit(pair[0]).ok_or(HexKeyError::NotHex { position: i * 2 + 1 })?;
        let lo = hex_digit(pair[1]).ok_or(HexKeyError::NotHex { position: i * 2 + 2 })?;
        out.push((hi << 4) | lo);
    }
    Ok(out)
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Why a hex key did not parse; positions count characters from 1.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum HexKeyError {
    OddLength { length: usize },
    NotHex { position: usize },
}

impl std::fmt::Display for HexKeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HexKeyError::OddLength { length } => {
                write!(f, "hex key has {length} digits; it needs an even number (two per byte)")
            }
            HexKeyError::NotHex { position } => {
                write!(f, "hex key: character {position} is not a hex digit (0-9, a-f)")
            }
        }
    }
}

/// Format bytes as lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_key_hashes_like_kafka() {
        // Utils.murmur2 of zero bytes: only the final mix of the seed 0x9747b28c.
        assert_eq!(murmur2(b""), 275646681);
    }

    #[test]
    fn to_positive_masks_rather_than_abs() {
        assert_eq!(to_positive(-1), 0x7fff_ffff);
        assert_eq!(to_positive(i32::MIN), 0);
        assert_eq!(to_positive(5), 5);
    }

    #[test]
    fn hex_keys_parse_and_report_position() {
        assert_eq!(parse_hex_key("00000001").unwrap(), vec![0, 0, 0, 1]);
        assert_eq!(parse_hex_key("").unwrap(), Vec::<u8>::new());
        assert_eq!(parse_hex_key("0g").unwrap_err(), HexKeyError::NotHex { position: 2 });
        assert_eq!(parse_hex_key("abc").unwrap_err(), HexKeyError::OddLength { length: 3 });
        assert_eq!(to_hex(&[0xde, 0xad, 0x01]), "dead01");
    }
}
