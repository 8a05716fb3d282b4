//! The folded view of a text: lower case, accents stripped, apostrophes and spaces unified, with
//! a map from every folded byte back to the original text.
//!
//! All matching (gazetteers, triggers, date patterns) runs on the folded view; every span is cut
//! from the original text through the map, so normalisation never changes what the caller sees.

use once_cell::sync::Lazy;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded copy of a text and the way back to it.
pub(crate) struct Folded {
    /// The folded text.
    pub(crate) text: String,
    /// `map[i]` is the byte offset in the original of the char that produced folded byte `i`;
    /// unused (and empty) when the original is ASCII and offsets are the same.
    map: Vec<u32>,
    /// The original is ASCII: folded offsets are original offsets.
    ascii: bool,
}

/// The folded form of a char below U+0250 (Latin-1 and Latin Extended-A/B, where nearly every
/// accented letter of French text falls): most fold to one char, pushed without a copy.
enum LatinFold {
    /// Folds to nothing (a combining mark, a soft hyphen).
    Nothing,
    /// Folds to one ASCII char (« é » → « e »): the common case, which `Folded::new_in` reads
    /// as a byte.
    Ascii(u8),
    /// Folds to one other char (« ø » stays « ø »).
    One(char),
    /// Folds to several (« œ » → « oe »).
    Many(Box<str>),
}

/// [`LatinFold`] of every char below U+0250, computed once.
static LATIN: Lazy<Vec<LatinFold>> = Lazy::new(|| {
    (0u32..0x250)
        .map(|u| {
            let mut s = String::new();
            if let Some(c) = char::from_u32(u) {
                fold_char_slow(c, &mut s);
            }
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (None, _) => LatinFold::Nothing,
                (Some(c), None) if c.is_ascii() => LatinFold::Ascii(c as u8),
                (Some(c), None) => LatinFold::One(c),
                _ => LatinFold::Many(s.into_boxed_str()),
            }
        })
        .collect()
});

/// Builds the folding table now rather than in the first extraction.
pub(crate) fn warm_up() {
    Lazy::force(&LATIN);
}

/// Folds one char into `out`.
#[inline]
pub(crate) fn fold_char(c: char, out: &mut String) {
    match LATIN.get(c as usize) {
        Some(LatinFold::Ascii(f)) => out.push(char::from(*f)),
        Some(LatinFold::One(f)) => out.push(*f),
        Some(LatinFold::Many(s)) => out.push_str(s),
        Some(LatinFold::Nothing) => {}
        None => fold_char_slow(c, out),
    }
}

fn fold_char_slow(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '\u{FF07}' => {
            out.push('\'')
        }
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2000}'..='\u{200A}' | '\u{3000}' => {
            out.push(' ')
        }
        '\u{2010}' | '\u{2011}' => out.push('-'),
        // Zero-width and format characters vanish: « Ma\u{200B}li » still reads « mali ».
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' | 'ẞ' => out.push_str("ss"),
        _ if is_combining_mark(c) => {}
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    if !is_combining_mark(l) {
                        out.push(l);
                    }
                }
            }
        }),
    }
}

/// Folds a short string (a gazetteer surface, a trigger word) the way texts are folded, and
/// squeezes runs of spaces.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut out);
        }
    }
    // Most surfaces are already squeezed: single spaces between words, none at the ends.
    let b = out.as_bytes();
    let squeezed_already = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|x| (9..=13).contains(x))
        && (out.is_ascii() || !out.chars().any(|c| c.is_whitespace() && c != ' '));
    if squeezed_already {
        return out;
    }
    let mut squeezed = String::with_capacity(out.len());
    let mut space = false;
    for c in out.trim().chars() {
        if c.is_whitespace() {
            if !space {
                squeezed.push(' ');
            }
            space = true;
        } else {
            squeezed.push(c);
            space = false;
        }
    }
    squeezed
}

/// The end of the run of ASCII bytes that starts at `from`: eight bytes at a time, then one by
/// one.
#[inline]
fn ascii_run_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        let high = word & 0x8080_8080_8080_8080;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

/// Appends the offsets `from..to` to `map`: sixteen at a time (one array, copied in a block),
/// then one by one; a `Range` extended element by element costs some three instructions each.
#[inline]
fn extend_offsets(map: &mut Vec<u32>, from: u32, to: u32) {
    /// 0, 1, 2… 15: added to the first offset of a block.
    const STEPS: [u32; 16] = {
        let mut s = [0; 16];
        let mut k = 0;
        while k < 16 {
            s[k] = k as u32;
            k += 1;
        }
        s
    };
    let mut o = from;
    while to - o >= 16 {
        map.extend_from_slice(&STEPS.map(|k| o + k));
        o += 16;
    }
    map.extend(o..to);
}

impl Folded {
    /// Folds `orig`. ASCII input takes a fast path with no offset map.
    #[cfg(test)]
    pub(crate) fn new(orig: &str) -> Folded {
        Folded::new_in(orig, String::new(), Vec::new())
    }

    /// Folds `orig` into the buffers given (cleared first), reusing their memory.
    pub(crate) fn new_in(orig: &str, mut text: String, mut map: Vec<u32>) -> Folded {
        text.clear();
        map.clear();
        if orig.is_ascii() {
            text.push_str(orig);
            text.make_ascii_lowercase();
            return Folded {
                text,
                map,
                ascii: true,
            };
        }
        text.reserve(orig.len());
        map.reserve(orig.len());
        let bytes = orig.as_bytes();
        // The table once, not its initialisation check at every accented char.
        let latin: &[LatinFold] = &LATIN;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                // A run of ASCII: copied in bulk (lowered with the whole text at the end).
                let end = ascii_run_end(bytes, i);
                text.push_str(&orig[i..end]);
                extend_offsets(&mut map, i as u32, end as u32);
                i = end;
                continue;
            }
            // A two-byte char (U+0080 to U+07FF; a valid string holds its second byte) that
            // folds to one ASCII char, « é » most often: decoded and folded without a `char`
            // iterator. Its code point is the lead byte's low five bits above the continuation
            // byte's low six.
            if let (0xc2..=0xdf, Some(&next)) = (bytes[i], bytes.get(i + 1)) {
                let u = (usize::from(bytes[i] & 0x1f) << 6) | usize::from(next & 0x3f);
                if let Some(LatinFold::Ascii(f)) = latin.get(u) {
                    text.push(char::from(*f));
                    map.push(i as u32);
                    i += 2;
                    continue;
                }
            }
            // Safe: `i` is always on a char boundary of `orig`.
            let c = orig[i..].chars().next().unwrap_or('\u{FFFD}');
            let before = text.len();
            fold_char(c, &mut text);
            map.extend(std::iter::repeat_n(i as u32, text.len() - before));
            i += c.len_utf8();
        }
        // Folded chars are lower case already: this lowers the ASCII runs, in one pass.
        text.make_ascii_lowercase();
        Folded {
            text,
            map,
            ascii: false,
        }
    }

    /// Takes the buffers out (leaving empty ones), for the next text.
    pub(crate) fn take_buffers(&mut self) -> (String, Vec<u32>) {
        (
            std::mem::take(&mut self.text),
            std::mem::take(&mut self.map),
        )
    }

    /// Original byte offset where folded byte `f` starts (`f` may equal the folded length).
    #[inline]
    pub(crate) fn orig_start(&self, orig: &str, f: usize) -> usize {
        if self.ascii {
            f
        } else {
            self.map.get(f).map_or(orig.len(), |&o| o as usize)
        }
    }

    /// Original byte offset where the char that produced folded byte `f_end - 1` ends, extended
    /// over the combining marks that follow it (so NFD accents stay inside the span).
    #[inline]
    pub(crate) fn orig_end(&self, orig: &str, f_end: usize) -> usize {
        if self.ascii {
            return f_end;
        }
        let m = &self.map;
        if f_end == 0 {
            return self.orig_start(orig, 0);
        }
        let start = m[f_end - 1] as usize;
        let mut chars = orig[start..].chars();
        let mut end = start + chars.next().map_or(0, char::len_utf8);
        for c in chars {
            if c.is_ascii() {
                break;
            }
            if is_combining_mark(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_quotes() {
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("Goïta"), "goita");
        assert_eq!(fold("ŒUVRE  Æ"), "oeuvre ae");
        assert_eq!(
            fold("vice\u{2011}Premier\u{00A0}ministre"),
            "vice-premier ministre"
        );
        // Already squeezed, or not: ends, doubled spaces, tabs, line breaks, no-break spaces.
        for (raw, folded) in [
            (" Mali ", "mali"),
            ("Burkina  Faso", "burkina faso"),
            ("Burkina\tFaso\n", "burkina faso"),
            ("Burkina\u{a0}\u{a0}Faso", "burkina faso"),
            ("Burkina\u{2028}Faso", "burkina faso"),
            ("\u{202f}", ""),
            ("", ""),
            ("État", "etat"),
        ] {
            assert_eq!(fold(raw), folded, "{raw:?}");
        }
    }

    #[test]
    fn maps_back_to_original() {
        let orig = "le général Goi\u{0308}ta";
        let f = Folded::new(orig);
        assert_eq!(f.text, "le general goita");
        let s = f.text.find("goita").unwrap();
        let (a, b) = (f.orig_start(orig, s), f.orig_end(orig, s + "goita".len()));
        assert_eq!(&orig[a..b], "Goi\u{0308}ta");
        let s = f.text.find("general").unwrap();
        assert_eq!(
            &orig[f.orig_start(orig, s)..f.orig_end(orig, s + 7)],
            "général"
        );
    }

    #[test]
    fn ascii_runs_end_at_the_first_other_byte() {
        for text in [
            "",
            "abc",
            "abcdefghij",
            "abcdefgé",
            "é",
            "abcdefghijklmnoé",
            "aéb",
        ] {
            let b = text.as_bytes();
            for from in (0..=b.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = b[from..]
                    .iter()
                    .position(|&x| x >= 0x80)
                    .map_or(b.len(), |p| from + p);
                assert_eq!(ascii_run_end(b, from), want, "{text:?} from {from}");
            }
        }
    }

    /// Folds char by char, each char's bytes mapped to its offset: what `Folded::new_in` must
    /// give.
    fn reference_fold(orig: &str) -> (String, Vec<u32>) {
        let (mut text, mut map) = (String::new(), Vec::new());
        for (i, c) in orig.char_indices() {
            let before = text.len();
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
            } else {
                fold_char_slow(c, &mut text);
            }
            map.extend(std::iter::repeat_n(i as u32, text.len() - before));
        }
        (text, map)
    }

    #[test]
    fn folds_and_maps_as_char_by_char() {
        for orig in [
            "é",
            "Été",
            "ÉCOLE NORMALE SUPÉRIEURE de la rue d'Ulm, Paris (1794)",
            "abcdefghABCDEFGHijklmnopQRSTUVWXé",
            "Œuvre Straße ø ł İstanbul Ǆ Ωmega Москва 東京",
            "Goi\u{0308}ta E\u{0301}TE\u{0301} x\u{0300}",
            "a\u{A0}b\u{202F}c\u{2011}d\u{AD}e\u{200B}f’g",
            "\u{7f}\u{80}\u{7ff}\u{800}ÿĀžǿȀɏɐ",
        ] {
            let f = Folded::new(orig);
            let (text, map) = reference_fold(orig);
            assert_eq!(f.text, text, "{orig:?}");
            assert_eq!(f.map, map, "{orig:?}");
        }
        // Buffers reused from a longer text are cleared first.
        let long = Folded::new("Ça fait longtemps, très longtemps, vraiment très longtemps.");
        let (t, m) = (long.text, long.map);
        let f = Folded::new_in("Là", t, m);
        assert_eq!(f.text, "la");
        assert_eq!(f.map, [0, 1]);
    }

    #[test]
    fn zero_width_is_dropped() {
        let orig = "Ma\u{200B}li";
        let f = Folded::new(orig);
        assert_eq!(f.text, "mali");
        assert_eq!(f.orig_end(orig, 4), orig.len());
    }
}
