//! The Fx hash (rustc's) and the maps built on it, shared by the gazetteers, the word table and
//! the rules.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hash (rustc's): a multiply and a rotate a word. Keys come from the gazetteers, and
/// the text only looks them up, so the flooding that SipHash guards against cannot happen here.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

/// One step of the Fx hash: the hash so far `h` with the next 8-byte `word` mixed in (the word
/// table's own hashing of keys uses it too).
#[inline(always)]
pub(crate) fn fx_mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = fx_mix(self.hash, word);
    }
}

/// The one to seven bytes of `rest` as a little-endian word, zero above them (what they read
/// byte by byte would give). Two overlapping loads of four bytes (of two for three bytes or
/// fewer) cover them: the second is shifted up to end at the last byte, and where the two
/// overlap they hold the same bytes, so or-ing them is exact. A `copy_from_slice` of a
/// variable length would be a call to memmove.
#[inline]
pub(crate) fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        u64::from(lo) | (u64::from(hi) << (8 * (n - 4)))
    } else if n >= 2 {
        let lo = u16::from_le_bytes([rest[0], rest[1]]);
        let hi = u16::from_le_bytes([rest[n - 2], rest[n - 1]]);
        u64::from(lo) | (u64::from(hi) << (8 * (n - 2)))
    } else {
        rest.first().map_or(0, |&b| u64::from(b))
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(tail_word(rest));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A hash map with the Fx hash.
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hash set with the Fx hash.
pub(crate) type FxSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_word_reads_the_bytes_in_order() {
        let bytes: Vec<u8> = (0..16u8)
            .map(|b| b.wrapping_mul(37).wrapping_add(0x81))
            .collect();
        for n in 0..8 {
            for from in 0..8 {
                let rest = &bytes[from..from + n];
                let mut want = 0u64;
                for (i, &b) in rest.iter().enumerate() {
                    want |= u64::from(b) << (8 * i);
                }
                assert_eq!(tail_word(rest), want, "{rest:?}");
            }
        }
    }
}
