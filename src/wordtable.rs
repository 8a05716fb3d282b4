//! A frozen table from folded words to what the lexicon knows of them, for the lookup every
//! token makes.
//!
//! Open addressing with linear probing over 16-byte slots (a 32-bit hash tag, the key's place
//! in one byte arena, the value's index): a lookup reads one slot for most words that are not
//! in the table, and compares bytes inline rather than through `memcmp`. A `HashMap<Box<str>,
//! V>` read a 48-byte bucket and a separate key allocation, and missed the cache on both.

use crate::gazetteer::FxHasher;
use std::hash::Hasher;

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
    tag: u32,
    len: u32,
    off: u32,
    /// Index into `values`; `EMPTY` for a free slot.
    value: u32,
}

const EMPTY: u32 = u32::MAX;

#[inline]
fn hash(word: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(word);
    h.finish()
}

impl<V> WordTable<V> {
    /// Freezes `(word, value)` pairs; words must be distinct. Keys past 4 GiB in all or values
    /// past `u32::MAX - 1` are more than any gazetteer holds; they panic here, at build time.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (Box<str>, V)>) -> WordTable<V> {
        let pairs: Vec<(Box<str>, V)> = pairs.into_iter().collect();
        // At most half full: a miss ends on a free slot after one or two reads.
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let shift = 64 - cap.trailing_zeros();
        let mut slots = vec![
            Slot {
                tag: 0,
                len: 0,
                off: 0,
                value: EMPTY,
            };
            cap
        ];
        let mut arena = Vec::with_capacity(pairs.iter().map(|(w, _)| w.len()).sum());
        let mut values = Vec::with_capacity(pairs.len());
        for (word, value) in pairs {
            let h = hash(word.as_bytes());
            let mut i = (h >> shift) as usize;
            while slots[i].value != EMPTY {
                i = (i + 1) & mask;
            }
            let off = u32::try_from(arena.len()).expect("word table arena over 4 GiB");
            arena.extend_from_slice(word.as_bytes());
            slots[i] = Slot {
                tag: h as u32,
                len: u32::try_from(word.len()).expect("word over 4 GiB"),
                off,
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

    /// The value of a word.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        let w = word.as_bytes();
        let h = hash(w);
        let tag = h as u32;
        let mut i = (h >> self.shift) as usize;
        loop {
            let s = self.slots[i];
            if s.value == EMPTY {
                return None;
            }
            if s.tag == tag && s.len as usize == w.len() {
                let key = &self.arena[s.off as usize..s.off as usize + w.len()];
                // Byte by byte: words are short, and the tag has already matched.
                if key.iter().zip(w).all(|(a, b)| a == b) {
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
        let empty: WordTable<u8> = WordTable::new([]);
        assert_eq!(empty.get("a"), None);
        assert_eq!(empty.get(""), None);
    }
}
