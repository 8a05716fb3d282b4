//! French tokens over the folded view, with flags read from the original text.
//!
//! A word is a run of letters and digits with inner hyphens and apostrophes (« Jean-Pierre »,
//! « aujourd'hui », « a-t-il »); an elided article or pronoun is split off with its apostrophe
//! (« l' » + « Irak »), also when a space was typed after the apostrophe (« l' Irak »). Every
//! other non-space char is a token of its own. Flags record what the rules need: capitalised,
//! all in capitals, first word of a sentence, inside a line written in capitals (a headline).

use crate::normalize::Folded;

/// The first letter is upper case in the original.
pub(crate) const CAP: u8 = 1;
/// Every letter is upper case in the original, and there are at least two.
pub(crate) const UPPER: u8 = 2;
/// First word of a sentence, a line, or a quotation.
pub(crate) const SENT_START: u8 = 4;
/// The word is in a line written in capitals: case tells nothing there.
pub(crate) const SHOUT: u8 = 8;
/// Letters and digits (a word); otherwise punctuation or symbol.
pub(crate) const WORD: u8 = 16;
/// Digits only.
pub(crate) const NUMBER: u8 = 32;
/// A line break (or a blank) stands between this token and the previous one.
pub(crate) const AFTER_BREAK: u8 = 64;
/// A word with an inner hyphen or apostrophe (« Jean-Pierre », « aujourd'hui »; not the final
/// apostrophe of an elided « l' »).
pub(crate) const JOINED: u8 = 128;

/// One token: folded and original byte ranges, flags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    /// Folded start byte.
    pub(crate) fs: u32,
    /// Folded end byte.
    pub(crate) fe: u32,
    /// Flags (`CAP`, `UPPER`…).
    pub(crate) flags: u8,
}

impl Token {
    #[inline]
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
    #[inline]
    pub(crate) fn text<'a>(&self, folded: &'a str) -> &'a str {
        &folded[self.fs as usize..self.fe as usize]
    }
}

/// Elided words that end with an apostrophe and are split off the next word.
const ELIDED: &[&str] = &[
    "l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Abbreviations after which a period does not end a sentence (folded, without the period).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste", "av", "bd", "gal",
    "col", "cdt", "cne", "lt", "sgt", "gen", "prof", "vol", "no", "n", "p", "art", "env", "ex",
    "c", "j", "etc", "cf", "vs", "jr", "sr",
];

/// Per ASCII byte: `ALNUM` for a letter, `ALNUM | DIGIT` for a digit, 0 otherwise (and for
/// bytes of multi-byte chars).
const ASCII: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphabetic() {
            t[b] = ALNUM;
        } else if (b as u8).is_ascii_digit() {
            t[b] = ALNUM | DIGIT;
        }
        b += 1;
    }
    t
};
const ALNUM: u8 = 1;
const DIGIT: u8 = 2;

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const LOW_BITS: u64 = 0x0101_0101_0101_0101;

/// For each byte of `x`: its high bit set when the byte is ASCII and strictly between `lo` and
/// `hi` (`lo` < 128, `hi` <= 128), every other bit clear. The classic SWAR range test (Sean
/// Anderson's « bit twiddling hacks », *hasbetween*), exact per byte for ASCII bytes; bytes
/// from 0x80 up never pass.
#[inline]
fn ascii_between(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & (LOW_BITS * 0x7f);
    (LOW_BITS * (127 + u64::from(hi)) - low7)
        & !x
        & (low7 + LOW_BITS * (127 - u64::from(lo)))
        & HIGH_BITS
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits the folded text into tokens and flags them from the original; `tokens` is a buffer
/// to reuse (cleared first).
pub(crate) fn tokenize(orig: &str, folded: &Folded, mut tokens: Vec<Token>) -> Vec<Token> {
    let f = folded.text.as_str();
    let fb = f.as_bytes();
    tokens.clear();
    tokens.reserve(f.len() / 5 + 1);
    let mut i = 0;
    // A line break since the last token: the next one gets AFTER_BREAK.
    let mut newline = false;
    while i < fb.len() {
        let b = fb[i];
        if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
            newline |= b == b'\n' || b == b'\r';
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            f[i..].chars().next().unwrap_or(' ')
        };
        if c.is_whitespace() || c.is_control() {
            // Line and paragraph separators, next line (U+2028, U+2029, U+0085).
            newline |= matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}');
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let break_flag = if newline && !tokens.is_empty() {
            AFTER_BREAK
        } else {
            0
        };
        newline = false;
        if !is_word_char(c) {
            i += c.len_utf8();
            tokens.push(Token {
                fs: start as u32,
                fe: i as u32,
                flags: break_flag,
            });
            continue;
        }
        // A word: letters and digits, inner hyphens and apostrophes.
        let mut end;
        // Stays DIGIT while every char read is an ASCII digit.
        let mut digits = DIGIT;
        let mut joined = 0;
        loop {
            // Consume word chars: eight ASCII bytes at a time while they are all lower-case
            // letters or digits (the folded text has no ASCII capitals), then by a table
            // lookup.
            while let Some(chunk) = fb.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let alnum =
                    ascii_between(x, b'a' - 1, b'z' + 1) | ascii_between(x, b'0' - 1, b'9' + 1);
                let stop = !alnum & HIGH_BITS;
                if stop == 0 {
                    digits &= u8::from(ascii_between(x, b'0' - 1, b'9' + 1) == HIGH_BITS) * DIGIT;
                    i += 8;
                    continue;
                }
                // The bytes before the first one that is not a letter or digit.
                let n = (stop.trailing_zeros() / 8) as usize;
                if n > 0 {
                    let digit_bits = ascii_between(x, b'0' - 1, b'9' + 1);
                    let want = HIGH_BITS >> (8 * (8 - n));
                    digits &= u8::from(digit_bits & want == want) * DIGIT;
                    i += n;
                }
                break;
            }
            while i < fb.len() {
                let k = ASCII[usize::from(fb[i])];
                if k != 0 {
                    digits &= k;
                    i += 1;
                    continue;
                }
                if fb[i] < 0x80 {
                    break;
                }
                let c = f[i..].chars().next().unwrap_or(' ');
                if is_word_char(c) {
                    digits = 0;
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            end = i;
            // « l' Irak », typed with a space after the apostrophe: the elided word is still
            // « l' ».
            if i + 2 < fb.len()
                && fb[i] == b'\''
                && fb[i + 1] == b' '
                && ELIDED.contains(&&f[start..i])
                && f[i + 2..].chars().next().is_some_and(is_word_char)
            {
                end = i + 1;
                i += 1;
                break;
            }
            if i + 1 < fb.len() && (fb[i] == b'-' || fb[i] == b'\'') {
                let next = f[i + 1..].chars().next().unwrap_or(' ');
                if is_word_char(next) {
                    digits = 0;
                    if fb[i] == b'\'' && ELIDED.contains(&&f[start..i]) {
                        // « l'Irak »: the elided word keeps its apostrophe.
                        end = i + 1;
                        i += 1;
                        break;
                    }
                    joined = JOINED;
                    i += 1;
                    continue;
                }
            }
            break;
        }
        let number = digits != 0;
        let flags = WORD | break_flag | joined | if number { NUMBER } else { 0 };
        tokens.push(Token {
            fs: start as u32,
            fe: end as u32,
            flags,
        });
    }
    flag_case(orig, folded, &mut tokens);
    flag_sentences(f, &mut tokens);
    flag_shouting(&mut tokens);
    tokens
}

/// Reads the case of each word in the original text.
fn flag_case(orig: &str, folded: &Folded, tokens: &mut [Token]) {
    for t in tokens.iter_mut() {
        if !t.has(WORD) || t.has(NUMBER) {
            continue;
        }
        let os = folded.orig_start(orig, t.fs as usize);
        // Most words start with a lower-case letter: nothing more to read (an ASCII one is
        // read as a byte).
        if orig.as_bytes().get(os).is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        let first = orig.get(os..).and_then(|s| s.chars().next());
        if !first.is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()) {
            continue;
        }
        let oe = folded.orig_end(orig, t.fe as usize);
        let word = orig.get(os..oe).unwrap_or("");
        if !word
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
        {
            continue;
        }
        let mut letters = 0;
        let mut upper = 0;
        let mut first_upper = None;
        for c in word.chars() {
            if c.is_alphabetic() {
                letters += 1;
                let u = c.is_uppercase();
                if u {
                    upper += 1;
                }
                if first_upper.is_none() {
                    first_upper = Some(u);
                }
            }
        }
        if first_upper == Some(true) {
            t.flags |= CAP;
        }
        if letters >= 2 && upper == letters {
            t.flags |= UPPER;
        }
    }
}

/// Marks the first word of each sentence, line and quotation.
fn flag_sentences(f: &str, tokens: &mut [Token]) {
    let mut start = true;
    for idx in 0..tokens.len() {
        let t = tokens[idx];
        if t.has(AFTER_BREAK) {
            start = true;
        }
        if t.has(WORD) {
            if start {
                tokens[idx].flags |= SENT_START;
                start = false;
            }
            continue;
        }
        match t.text(f) {
            "." | "!" | "?" | "…" => {
                // A period after an abbreviation or an initial does not end the sentence.
                let abbrev = idx > 0
                    && tokens[idx - 1].has(WORD)
                    && tokens[idx - 1].fe == t.fs
                    && t.text(f) == "."
                    && {
                        let w = tokens[idx - 1].text(f);
                        ABBREVIATIONS.contains(&w) || w.chars().count() == 1
                    };
                if !abbrev {
                    start = true;
                }
            }
            // The first word of a quotation or after a colon is capitalised for its own
            // reasons: treat it as sentence-initial. A closing quote (glued to the word
            // before it) must not reset.
            "\"" if idx > 0 && tokens[idx - 1].fe == t.fs => {}
            "«" | "\"" | "“" | ":" | "—" | "–" => start = true,
            _ => {}
        }
    }
}

/// Marks words in lines where most words are in capitals (headlines, OCR'd mastheads).
fn flag_shouting(tokens: &mut [Token]) {
    // One pass counts each line's words and words in capitals; a line that shouts is marked
    // when its end is reached.
    let mut line_start = 0;
    let mut words = 0usize;
    let mut upper = 0usize;
    for idx in 0..=tokens.len() {
        let boundary = idx == tokens.len() || (idx > 0 && tokens[idx].has(AFTER_BREAK));
        if boundary {
            if words >= 3 && upper * 10 >= words * 6 {
                for t in &mut tokens[line_start..idx] {
                    t.flags |= SHOUT;
                }
            }
            line_start = idx;
            words = 0;
            upper = 0;
        }
        if let Some(t) = tokens.get(idx) {
            words += usize::from(t.has(WORD) && !t.has(NUMBER) && t.fe - t.fs >= 2);
            upper += usize::from(t.has(UPPER));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(String, u8)> {
        let f = Folded::new(s);
        tokenize(s, &f, Vec::new())
            .iter()
            .map(|t| (t.text(&f.text).to_string(), t.flags))
            .collect()
    }

    #[test]
    fn splits_elision_keeps_inner_hyphens() {
        let w: Vec<String> = words("l’Irak, aujourd'hui Jean-Pierre a-t-il dit.")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            w,
            [
                "l'",
                "irak",
                ",",
                "aujourd'hui",
                "jean-pierre",
                "a-t-il",
                "dit",
                "."
            ]
        );
    }

    #[test]
    fn flags_case_and_sentences() {
        let w = words("Le jeudi, M. Novak parle. Il part");
        let flag = |s: &str| w.iter().find(|(t, _)| t == s).unwrap().1;
        assert!(flag("le") & SENT_START != 0);
        assert!(flag("novak") & CAP != 0);
        assert!(
            flag("novak") & SENT_START == 0,
            "M. does not end a sentence"
        );
        assert!(flag("il") & SENT_START != 0);
        assert!(flag("jeudi") & CAP == 0);
    }

    #[test]
    fn swar_range_test_is_exact_per_byte() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let x =
                    (0x2020_2020_2020_2020u64 & !(0xff << (8 * pos))) | (u64::from(b) << (8 * pos));
                let got = ascii_between(x, b'a' - 1, b'z' + 1) >> (8 * pos) & 0x80 != 0;
                assert_eq!(got, b.is_ascii_lowercase(), "byte {b:#x} at {pos}");
                let got = ascii_between(x, b'0' - 1, b'9' + 1) >> (8 * pos) & 0x80 != 0;
                assert_eq!(got, b.is_ascii_digit(), "byte {b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn numbers_and_long_words() {
        let w = words("12345678901 a1234567890 anticonstitutionnellement 2024-2025 x");
        let flag = |s: &str| w.iter().find(|(t, _)| t == s).unwrap().1;
        assert!(flag("12345678901") & NUMBER != 0);
        assert!(flag("a1234567890") & NUMBER == 0);
        assert!(flag("anticonstitutionnellement") & NUMBER == 0);
        assert!(flag("2024-2025") & NUMBER == 0);
        assert_eq!(w.len(), 5);
    }

    #[test]
    fn flags_headlines() {
        let w = words("LA GRÈVE CONTINUE À PARIS\nLe texte suit.");
        assert!(w[0].1 & SHOUT != 0);
        assert!(w.iter().find(|(t, _)| t == "texte").unwrap().1 & SHOUT == 0);
    }
}
