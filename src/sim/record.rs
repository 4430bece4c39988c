//! Record keys and Kafka's record size arithmetic (message format v2).

use serde::{Serialize, Serializer};

/// Longest key the simulation stores inline, in bytes.
pub const KEY_BYTES_MAX: usize = 32;

/// A record key: up to [`KEY_BYTES_MAX`] bytes, stored inline (no allocation per record).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    len: u8,
    bytes: [u8; KEY_BYTES_MAX],
}

impl Key {
    /// A key from bytes; `None` when longer than [`KEY_BYTES_MAX`].
    pub fn from_bytes(data: &[u8]) -> Option<Self> {
        if data.len() > KEY_BYTES_MAX {
            return None;
        }
        let mut bytes = [0u8; KEY_BYTES_MAX];
        bytes[..data.len()].copy_from_slice(data);
        Some(Self { len: data.len() as u8, bytes })
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The key as text when it is UTF-8, else as `0x` hex.
    pub fn display(&self) -> String {
        match std::str::from_utf8(self.as_bytes()) {
            Ok(s) => s.to_string(),
            Err(_) => format!("0x{}", super::murmur2::to_hex(self.as_bytes())),
        }
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({:?})", self.display())
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display())
    }
}

/// Size of Kafka's varint (zig-zag) encoding of `value`: `ByteUtils.sizeOfVarint`.
pub fn size_of_varint(value: i32) -> u32 {
    let mut v = ((value << 1) ^ (value >> 31)) as u32;
    let mut bytes = 1;
    while v & 0xffff_ff80 != 0 {
        bytes += 1;
        v >>= 7;
    }
    bytes
}

/// Size of Kafka's varlong (zig-zag) encoding of `value`: `ByteUtils.sizeOfVarlong`.
pub fn size_of_varlong(value: i64) -> u32 {
    let mut v = ((value << 1) ^ (value >> 63)) as u64;
    let mut bytes = 1;
    while v & 0xffff_ffff_ffff_ff80 != 0 {
        bytes += 1;
        v >>= 7;
    }
    bytes
}

/// `DefaultRecordBatch.RECORD_BATCH_OVERHEAD`: the v2 batch header, 61 bytes.
pub const RECORD_BATCH_OVERHEAD: u32 = 61;

/// `DefaultRecord.sizeInBytes(offsetDelta, timestampDelta, key, value, headers=[])`.
pub fn record_size_in_bytes(offset_delta: i32, timestamp_delta: i64, key_len: Option<u32>, value_len: u32) -> u32 {
    let mut body = 1; // attributes
    body += size_of_varint(offset_delta);
    body += size_of_varlong(timestamp_delta);
    body += match key_len {
        None => 1, // varint(-1)
        Some(k) => size_of_varint(k as i32) + k,
    };
    body += size_of_varint(value_len as i32) + value_len;
    body += size_of_varint(0); // header count
    body + size_of_varint(body as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_sizes_match_kafka() {
        // ByteUtilsTest: zig-zag, so -1 -> 1 byte, 63 -> 1, 64 -> 2, i32::MAX -> 5.
        assert_eq!(size_of_varint(0), 1);
        assert_eq!(size_of_varint(-1), 1);
        assert_eq!(size_of_varint(63), 1);
        assert_eq!(size_of_varint(64), 2);
        assert_eq!(size_of_varint(i32::MAX), 5);
        assert_eq!(size_of_varint(i32::MIN), 5);
        assert_eq!(size_of_varlong(i64::MAX), 10);
        assert_eq!(size_of_varlong(0), 1);
    }

    #[test]
    fn record_size_counts_every_field() {
        // key "user-1" (6 bytes), value 100 bytes, first record of a batch:
        // attributes 1 + offsetDelta 1 + timestampDelta 1 + key 1+6 + value 2+100 + headers 1 = 113,
        // plus varint(113) = 2 bytes.
        assert_eq!(record_size_in_bytes(0, 0, Some(6), 100), 115);
        assert_eq!(record_size_in_bytes(0, 0, None, 10), 1 + 1 + 1 + 1 + 1 + 10 + 1 + 1);
    }

    #[test]
    fn keys_longer_than_the_limit_are_refused() {
        assert!(Key::from_bytes(&[0u8; KEY_BYTES_MAX]).is_some());
        assert!(Key::from_bytes(&[0u8; KEY_BYTES_MAX + 1]).is_none());
        assert_eq!(Key::from_bytes(&[0xff, 0x00]).unwrap().display(), "0xff00");
    }
}
