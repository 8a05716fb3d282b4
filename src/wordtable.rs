//! A frozen table from folded words to what the lexicon knows of them, for the lookup every
//! token makes.
//!
//! Open addressing with linear probing over 16-byte slots (the key, its length, the value's
//! index). A word of eight bytes or fewer — most words — is its own key, compared as one
//! integer; a longer one keeps a 32-bit hash tag and its place in a byte arena, compared inline
//! rather than through `memcmp`. A lookup reads one slot for most words that are not in the
//! table. A `HashMap<Box<str>, V>` read a 48-byte bucket and a separate key allocation, and
//! missed the cache on both.

use crate::fxhash::{fx_mix, tail_word};

/// A word table, built once from a map.
pub(crate) struct WordTable<V> {
    slots: Box<[Slot]>,
    mask: usize,
    /// 64 minus log2 of the number of slots: the index is the hash's top bits (the Fx hash's
    /// low bits depend on the first bytes of a short word only).
    shift: u32,
    arena: Box<[u8]>,
    values: Box<[V]>,
}

#[derive(Clone, Copy)]
struct Slot {
    /// A word of eight bytes or fewer: its bytes, little-endian, zero above them ([`short_key`]),
    /// compared as one integer. A longer word: its hash's low 32 bits above its offset in the
    /// arena.
    key: u64,
    len: u32,
    /// Index into `values`; `EMPTY` for a free slot.
    value: u32,
}

const EMPTY: u32 = u32::MAX;

/// A table of this many words or fewer gets four slots a word (two for a larger one).
const SPARSE_MAX: usize = 4096;

/// Words this long or shorter are held in their slot ([`Slot::key`]); most words are.
const SHORT: usize = 8;

/// The bytes of a word of at most [`SHORT`] bytes as a little-endian integer, zero above them.
#[inline(always)]
fn short_key(w: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(w) {
        Ok(b) => u64::from_le_bytes(b),
        Err(_) if w.is_empty() => 0,
        Err(_) => tail_word(w),
    }
}

/// The hash of a short word, from its [`short_key`]: what the Fx hash of the key read as one
/// 8-byte word comes to, one multiplication (0 for the empty word, whose key is 0).
#[inline(always)]
fn short_hash(key: u64) -> u64 {
    fx_mix(0, key)
}

/// The hash of a word: [`short_hash`] of its key for a short word, [`long_hash`] for a
/// longer one.
fn hash(w: &[u8]) -> u64 {
    if w.len() <= SHORT {
        short_hash(short_key(w))
    } else {
        long_hash(w)
    }
}

/// The eight bytes of `w` from `at` as a little-endian integer (`w` holds them).
#[inline(always)]
fn chunk_at(w: &[u8], at: usize) -> u64 {
    w.get(at..at + 8)
        .and_then(|c| c.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

/// The hash of a word longer than [`SHORT`] bytes: its whole chunks of eight bytes, then the
/// last eight bytes (overlapping the chunk before them) unless the length is a multiple of
/// eight, mixed in as the Fx hash does. Every chunk is one load: no bytes are assembled one
/// by one for the tail.
fn long_hash(w: &[u8]) -> u64 {
    let mut h = 0;
    let mut at = 0;
    while at + 8 <= w.len() {
        h = fx_mix(h, chunk_at(w, at));
        at += 8;
    }
    if at < w.len() {
        h = fx_mix(h, chunk_at(w, w.len().saturating_sub(8)));
    }
    h
}

/// Whether two words longer than [`SHORT`] bytes and of the same length are equal, compared
/// eight bytes at a time (the last eight overlapping the chunk before them).
#[inline]
fn long_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    let mut at = 0;
    while at + 8 < n {
        if chunk_at(a, at) != chunk_at(b, at) {
            return false;
        }
        at += 8;
    }
    chunk_at(a, n - 8) == chunk_at(b, n - 8)
}

impl<V> WordTable<V> {
    /// Freezes `(word, value)` pairs; words must be distinct. Keys past 4 GiB in all or values
    /// past `u32::MAX - 1` are more than any gazetteer holds; they panic here, at build time.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (Box<str>, V)>) -> WordTable<V> {
        let pairs: Vec<(Box<str>, V)> = pairs.into_iter().collect();
        // At most half full: a miss ends on a free slot after one or two reads. A small table
        // (up to `SPARSE_MAX` words) is at most a quarter full: most misses read one slot,
        // for a few more kilobytes.
        let load = if pairs.len() <= SPARSE_MAX { 4 } else { 2 };
        let cap = (pairs.len() * load).next_power_of_two().max(16);
        let mask = cap - 1;
        let shift = 64 - cap.trailing_zeros();
        let mut slots = vec![
            Slot {
                key: 0,
                len: 0,
                value: EMPTY,
            };
            cap
        ];
        let long = |w: &str| if w.len() > SHORT { w.len() } else { 0 };
        let mut arena = Vec::with_capacity(pairs.iter().map(|(w, _)| long(w)).sum());
        let mut values = Vec::with_capacity(pairs.len());
        for (word, value) in pairs {
            let w = word.as_bytes();
            let h = hash(w);
            let mut i = (h >> shift) as usize;
            while slots[i].value != EMPTY {
                i = (i + 1) & mask;
            }
            let key = if w.len() <= SHORT {
                short_key(w)
            } else {
                let off = u32::try_from(arena.len()).expect("word table arena over 4 GiB");
                arena.extend_from_slice(w);
                (u64::from(h as u32) << 32) | u64::from(off)
            };
            slots[i] = Slot {
                key,
                len: u32::try_from(w.len()).expect("word over 4 GiB"),
                value: u32::try_from(values.len()).expect("too many words"),
            };
            values.push(value);
        }
        WordTable {
            slots: slots.into_boxed_slice(),
            mask,
            shift,
            arena: arena.into_boxed_slice(),
            values: values.into_boxed_slice(),
        }
    }

    /// The value of a word. A short word's lookup is inlined (it is most of them: a key, a
    /// multiplication, usually one slot read); a longer one's is not.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        let w = word.as_bytes();
        if w.len() > SHORT {
            return self.get_long(w);
        }
        let key = short_key(w);
        let mut i = (short_hash(key) >> self.shift) as usize;
        // The key is the word: one comparison a slot.
        loop {
            let s = self.slots[i];
            if s.value == EMPTY {
                return None;
            }
            if s.key == key && s.len as usize == w.len() {
                return Some(&self.values[s.value as usize]);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// [`WordTable::get`] for a word longer than [`SHORT`] bytes, held in the arena.
    #[inline(never)]
    fn get_long(&self, w: &[u8]) -> Option<&V> {
        let h = hash(w);
        let mut i = (h >> self.shift) as usize;
        let tag = h as u32;
        loop {
            let s = self.slots[i];
            if s.value == EMPTY {
                return None;
            }
            if (s.key >> 32) as u32 == tag && s.len as usize == w.len() {
                let off = s.key as u32 as usize;
                if long_eq(&self.arena[off..off + w.len()], w) {
                    return Some(&self.values[s.value as usize]);
                }
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fxhash::FxHasher;
    use std::hash::Hasher;

    #[test]
    fn long_words_compare_and_hash_by_their_bytes() {
        let base: Vec<u8> = (0..40u8).map(|b| b.wrapping_mul(37) ^ 0x5a).collect();
        for n in SHORT + 1..=base.len() {
            let a = &base[..n];
            assert!(long_eq(a, a));
            let copy = a.to_vec();
            assert_eq!(long_hash(a), long_hash(&copy));
            for k in 0..n {
                let mut b = a.to_vec();
                b[k] ^= 1;
                assert!(!long_eq(a, &b), "length {n}, byte {k}");
            }
        }
    }

    #[test]
    fn short_hash_is_the_fx_hash_of_the_key() {
        for w in ["", "a", "de", "abcdefg", "abcdefgh", "é", "l'"] {
            let mut h = FxHasher::default();
            if !w.is_empty() {
                h.write(&short_key(w.as_bytes()).to_le_bytes());
            }
            assert_eq!(short_hash(short_key(w.as_bytes())), h.finish(), "{w:?}");
        }
    }

    #[test]
    fn finds_every_word_and_nothing_else() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let t = WordTable::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.clone().into_boxed_str(), i)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(&i), "{w}");
        }
        for w in ["", "w", "w5000", "x1", "w12 ", "W1"] {
            assert_eq!(t.get(w), None, "{w:?}");
        }
        // Around the eight bytes held in a slot: words of 7, 8, 9 bytes, multi-byte chars, and
        // keys that differ only past the eighth byte or only in length.
        let words = [
            "",
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghj",
            "abcdefgh\0",
            "é",
            "éléphant",
            "éléphants",
            "saint-jean-de-luz",
            "saint-jean-de-lux",
        ];
        let t = WordTable::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (Box::<str>::from(*w), i)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(&i), "{w:?}");
        }
        for w in [
            "abcdefgj",
            "abcdefghk",
            "abcdef",
            "\0",
            "a\0",
            "saint-jean-de-lu",
            "éléphanta",
        ] {
            assert_eq!(t.get(w), None, "{w:?}");
        }
        let empty: WordTable<u8> = WordTable::new([]);
        assert_eq!(empty.get("a"), None);
        assert_eq!(empty.get(""), None);
    }
}
