//! French tokens over the folded view, with flags read from the original text.
//!
//! A word is a run of letters and digits with inner hyphens and apostrophes (« Jean-Pierre »,
//! « aujourd'hui », « a-t-il »); an elided article or pronoun is split off with its apostrophe
//! (« l' » + « Irak »), also when a space was typed after the apostrophe (« l' Irak »). Every
//! other non-space char is a token of its own. Flags record what the rules need: capitalised,
//! all in capitals, first word of a sentence, inside a line written in capitals (a headline).

use crate::normalize::Folded;
use once_cell::sync::Lazy;

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

/// A letter or digit (`char::is_alphanumeric`), read in [`LATIN_CLASS`] for the chars it covers.
#[inline]
fn is_word_char(c: char) -> bool {
    latin_class(c).map_or_else(|| c.is_alphanumeric(), |k| k & latin::ALNUM != 0)
}

/// A letter (`char::is_alphabetic`), read in [`LATIN_CLASS`] for the chars it covers.
#[inline]
fn is_letter(c: char) -> bool {
    latin_class(c).map_or_else(|| c.is_alphabetic(), |k| k & latin::ALPHA != 0)
}

/// An upper-case char (`char::is_uppercase`), read in [`LATIN_CLASS`] for the chars it covers.
#[inline]
fn is_upper(c: char) -> bool {
    latin_class(c).map_or_else(|| c.is_uppercase(), |k| k & latin::UPPER != 0)
}

/// Bits of [`LATIN_CLASS`]: what `char`'s Unicode predicates say of a char.
mod latin {
    /// `char::is_alphanumeric`.
    pub(super) const ALNUM: u8 = 1;
    /// `char::is_alphabetic`.
    pub(super) const ALPHA: u8 = 2;
    /// `char::is_uppercase`.
    pub(super) const UPPER: u8 = 4;
}

/// The chars below this one have their [`latin`] bits in [`LATIN_CLASS`]: Latin-1 and Latin
/// Extended-A/B, where the accented letters of French text fall.
const LATIN_END: u32 = 0x250;

/// The [`latin`] bits of every char below [`LATIN_END`], computed once from `char`'s own
/// predicates: the same answers without their table searches (a `char::is_alphabetic` outside
/// ASCII costs some 140 instructions).
static LATIN_CLASS: Lazy<[u8; LATIN_END as usize]> = Lazy::new(|| {
    let mut t = [0u8; LATIN_END as usize];
    for (u, k) in (0u32..).zip(t.iter_mut()) {
        if let Some(c) = char::from_u32(u) {
            *k = (u8::from(c.is_alphanumeric()) * latin::ALNUM)
                | (u8::from(c.is_alphabetic()) * latin::ALPHA)
                | (u8::from(c.is_uppercase()) * latin::UPPER);
        }
    }
    t
});

/// The [`latin`] bits of `c`, if it is below [`LATIN_END`].
#[inline]
fn latin_class(c: char) -> Option<u8> {
    LATIN_CLASS.get(c as usize).copied()
}

/// Builds the char class table now rather than in the first extraction.
pub(crate) fn warm_up() {
    Lazy::force(&LATIN_CLASS);
}

/// What the token loop does with each byte of the folded text ([`BYTE`]).
mod byte {
    /// Whitespace or a control char: between tokens.
    pub(super) const SKIP: u8 = 1;
    /// A line break (`\n`, `\r`); also `SKIP`.
    pub(super) const BREAK: u8 = 2;
    /// An ASCII letter or digit: starts or continues a word.
    pub(super) const WORD: u8 = 4;
    /// Any other ASCII char: a token of its own.
    pub(super) const PUNCT: u8 = 8;
}

/// [`byte`] class of every byte; 0 for the bytes of multi-byte chars, which are decoded.
/// ASCII whitespace and controls are exactly the ASCII chars for which `char::is_whitespace` or
/// `char::is_control` holds (`0x00..=0x20` and `0x7f`).
const BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b'\n' || c == b'\r' {
            byte::SKIP | byte::BREAK
        } else if c <= b' ' || c == 0x7f {
            byte::SKIP
        } else if c.is_ascii_alphanumeric() {
            byte::WORD
        } else {
            byte::PUNCT
        };
        b += 1;
    }
    t
};

word_set! {
    /// An elided word that ends with an apostrophe and is split off the next word (« l »,
    /// « qu », « jusqu »…), as one `match` on the bytes.
    fn is_elided(&[u8]),
    /// The same words, for the tests.
    #[cfg(test)]
    const ELIDED = [
        b"l", b"d", b"j", b"qu", b"n", b"s", b"c", b"m", b"t", b"jusqu", b"lorsqu", b"puisqu",
        b"quoiqu", b"presqu",
    ]
}

word_set! {
    /// An abbreviation after which a period does not end a sentence (« m », « mme », « dr »,
    /// « etc »…, folded, without the period), as one `match` on the bytes.
    fn is_abbreviation(&[u8]),
    /// The same words, for the tests.
    #[cfg(test)]
    const ABBREVIATIONS = [
        b"m", b"mm", b"mme", b"mmes", b"mlle", b"dr", b"pr", b"me", b"mgr", b"st", b"ste", b"av",
        b"bd", b"gal", b"col", b"cdt", b"cne", b"lt", b"sgt", b"gen", b"prof", b"vol", b"no",
        b"n", b"p", b"art", b"env", b"ex", b"c", b"j", b"etc", b"cf", b"vs", b"jr", b"sr",
    ]
}

/// Splits the folded text into tokens and flags them from the original; `tokens` is a buffer
/// to reuse (cleared first).
#[cfg(test)]
pub(crate) fn tokenize(orig: &str, folded: &Folded, tokens: Vec<Token>) -> Vec<Token> {
    tokenize_classified(orig, folded, tokens, Vec::new(), |_, _, _| 0).0
}

/// Splits the folded text into tokens and flags them from the original, and gives each token
/// its class bits: `class(index, word, flags)` for a word (its index, folded text, and flags
/// but `SHOUT`, set when its line ends), 0 for any other token. `tokens` and
/// `cls` are buffers to reuse (cleared first).
///
/// One pass: each token gets all its flags when it is cut (case, sentence start), and a line
/// written in capitals is marked when its end is reached. A word is classed while its bytes
/// are at hand, rather than in a second walk over the tokens.
pub(crate) fn tokenize_classified(
    orig: &str,
    folded: &Folded,
    mut tokens: Vec<Token>,
    mut cls: Vec<u32>,
    mut class: impl FnMut(u32, &str, u8) -> u32,
) -> (Vec<Token>, Vec<u32>) {
    let f = folded.text.as_str();
    let fb = f.as_bytes();
    tokens.clear();
    tokens.reserve(f.len() / 5 + 1);
    cls.clear();
    cls.reserve(f.len() / 5 + 1);
    let mut flagger = Flagger::new(orig, folded);
    let mut i = 0;
    // The `byte` classes of the bytes skipped since the last token, or-ed together: with
    // `byte::BREAK` among them, the next token gets AFTER_BREAK.
    let mut gap = 0;
    while i < fb.len() {
        let b = fb[i];
        let k = BYTE[usize::from(b)];
        if k & byte::SKIP != 0 {
            gap |= k;
            i += 1;
            continue;
        }
        let start = i;
        let break_flag = if gap & byte::BREAK != 0 && !tokens.is_empty() {
            AFTER_BREAK
        } else {
            0
        };
        if k & byte::PUNCT != 0 {
            gap = 0;
            i += 1;
            flagger.punct(&mut tokens, start, i, break_flag, char::from(b));
            cls.push(0);
            // The one space after « , » or « . », as after a word.
            if fb.get(i) == Some(&b' ') {
                i += 1;
            }
            continue;
        }
        if k == 0 {
            // A multi-byte char.
            let c = f[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || c.is_control() {
                // Line and paragraph separators, next line (U+2028, U+2029, U+0085).
                if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                    gap |= byte::BREAK;
                }
                i += c.len_utf8();
                continue;
            }
            if !is_word_char(c) {
                gap = 0;
                i += c.len_utf8();
                flagger.punct(&mut tokens, start, i, break_flag, c);
                cls.push(0);
                continue;
            }
        }
        gap = 0;
        // A word: letters and digits, inner hyphens and apostrophes.
        let mut end;
        // Stays DIGIT while every char read is an ASCII digit: 0 from the start for the words
        // that open with a letter, which then skip the digit tests.
        let mut digits = ASCII[usize::from(b)] & DIGIT;
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
                    if digits != 0 {
                        digits &=
                            u8::from(ascii_between(x, b'0' - 1, b'9' + 1) == HIGH_BITS) * DIGIT;
                    }
                    i += 8;
                    continue;
                }
                // The bytes before the first one that is not a letter or digit.
                let n = (stop.trailing_zeros() / 8) as usize;
                if n > 0 {
                    if digits != 0 {
                        let digit_bits = ascii_between(x, b'0' - 1, b'9' + 1);
                        let want = HIGH_BITS >> (8 * (8 - n));
                        digits &= u8::from(digit_bits & want == want) * DIGIT;
                    }
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
            let sep = fb.get(i).copied();
            if sep != Some(b'\'') && sep != Some(b'-') {
                break;
            }
            // « l' Irak », typed with a space after the apostrophe: the elided word is still
            // « l' ».
            if i + 2 < fb.len()
                && sep == Some(b'\'')
                && fb[i + 1] == b' '
                && is_elided(&fb[start..i])
                && f[i + 2..].chars().next().is_some_and(is_word_char)
            {
                end = i + 1;
                i += 1;
                break;
            }
            if i + 1 < fb.len() {
                let next = f[i + 1..].chars().next().unwrap_or(' ');
                if is_word_char(next) {
                    digits = 0;
                    if sep == Some(b'\'') && is_elided(&fb[start..i]) {
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
        let flags = flagger.word(&mut tokens, start, end, flags);
        cls.push(class(cls.len() as u32, &f[start..end], flags));
        // The one space after most words, skipped here rather than by a turn of the loop (a
        // space adds no `byte::BREAK` to `gap`).
        if fb.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    flagger.finish(&mut tokens);
    (tokens, cls)
}

/// The flags that depend on the tokens around: sentence starts and lines in capitals, set as
/// the tokens are cut; and the case of each word, read in the original then.
struct Flagger<'a> {
    orig: &'a str,
    folded: &'a Folded,
    /// The next word starts a sentence.
    start: bool,
    /// The first token of the current line.
    line_start: usize,
    /// Words in capitals (`UPPER`) in the line.
    line_upper: usize,
}

impl<'a> Flagger<'a> {
    /// The state before the first token.
    fn new(orig: &'a str, folded: &'a Folded) -> Flagger<'a> {
        Flagger {
            orig,
            folded,
            start: true,
            line_start: 0,
            line_upper: 0,
        }
    }

    /// Closes the current line when `flags` has `AFTER_BREAK` (the token about to be pushed
    /// starts a new one), and then a sentence starts.
    #[inline]
    fn before(&mut self, tokens: &mut [Token], flags: u8) {
        if flags & AFTER_BREAK != 0 {
            self.close_line(tokens);
            self.start = true;
        }
    }

    /// Marks the tokens of the current line `SHOUT` if most of its words are in capitals, and
    /// starts a new line after them.
    fn close_line(&mut self, tokens: &mut [Token]) {
        let line = &mut tokens[self.line_start..];
        // A line shouts when it has three words or more (of two bytes or more, not numbers)
        // and six in ten are in capitals: never with fewer than two in capitals, so its words
        // are counted only then, rather than as each is cut.
        let upper = self.line_upper;
        if upper >= 2 {
            let words = line
                .iter()
                .filter(|t| t.has(WORD) && !t.has(NUMBER) && t.fe - t.fs >= 2)
                .count();
            if words >= 3 && upper * 10 >= words * 6 {
                for t in line {
                    t.flags |= SHOUT;
                }
            }
        }
        self.line_start = tokens.len();
        self.line_upper = 0;
    }

    /// Pushes the word `fs..fe` (folded bytes) with `flags`, adding its case and whether it
    /// starts a sentence; returns the flags pushed.
    #[inline]
    fn word(&mut self, tokens: &mut Vec<Token>, fs: usize, fe: usize, mut flags: u8) -> u8 {
        self.before(tokens, flags);
        if flags & NUMBER == 0 {
            flags |= case_flags(self.orig, self.folded, fs, fe);
            self.line_upper += usize::from(flags & UPPER != 0);
        }
        if self.start {
            flags |= SENT_START;
            self.start = false;
        }
        tokens.push(Token {
            fs: fs as u32,
            fe: fe as u32,
            flags,
        });
        flags
    }

    /// Pushes the one-char token `c` at `fs..fe`; a full stop, a colon, an opening quote or a
    /// dash makes the next word start a sentence.
    #[inline(always)]
    fn punct(&mut self, tokens: &mut Vec<Token>, fs: usize, fe: usize, flags: u8, c: char) {
        self.before(tokens, flags);
        // The previous token ends where this one starts, with no space between.
        let glued = tokens.last().filter(|p| p.fe as usize == fs);
        match c {
            '.' | '!' | '?' | '…' => {
                // A period after an abbreviation or an initial does not end the sentence.
                let abbrev = c == '.'
                    && glued.is_some_and(|p| {
                        p.has(WORD) && {
                            let w = p.text(&self.folded.text);
                            is_abbreviation(w.as_bytes()) || w.chars().count() == 1
                        }
                    });
                if !abbrev {
                    self.start = true;
                }
            }
            // The first word of a quotation or after a colon is capitalised for its own
            // reasons: treat it as sentence-initial. A closing quote (glued to the word
            // before it) must not reset.
            '"' if glued.is_some() => {}
            '«' | '"' | '“' | ':' | '—' | '–' => self.start = true,
            _ => {}
        }
        tokens.push(Token {
            fs: fs as u32,
            fe: fe as u32,
            flags,
        });
    }

    /// Closes the last line.
    fn finish(mut self, tokens: &mut [Token]) {
        self.close_line(tokens);
    }
}

/// `CAP` and `UPPER` for the word at folded bytes `fs..fe`, read in the original: `CAP` when
/// its first letter is upper case, `UPPER` when it has two letters or more, all upper case.
#[inline]
fn case_flags(orig: &str, folded: &Folded, fs: usize, fe: usize) -> u8 {
    let ob = orig.as_bytes();
    let os = folded.orig_start(orig, fs);
    // Most words start with a lower-case letter: nothing more to read.
    match ob.get(os) {
        None => return 0,
        Some(b) if b.is_ascii_lowercase() => return 0,
        _ => {}
    }
    // An ASCII original: each of its bytes gave one folded byte, so the word is the same
    // length there, and when the next original byte is ASCII too (not a combining mark that
    // `orig_end` would take in) it ends there.
    let oe = os + (fe - fs);
    if let Some(word) = ob.get(os..oe) {
        if word.is_ascii() && ob.get(oe).is_none_or(|b| b.is_ascii()) {
            // Capitals up to the first lower-case letter: the word is in capitals when it has
            // none and two capitals or more. Most capitalised words stop at their second byte.
            let mut capitals = 0usize;
            let mut no_lower = true;
            for &b in word {
                if b.is_ascii_lowercase() {
                    no_lower = false;
                    break;
                }
                capitals += usize::from(b.is_ascii_uppercase());
            }
            // The first byte is no lower-case letter (tested above): a capital, or something
            // before the first letter.
            let first_upper = word.first().is_some_and(u8::is_ascii_uppercase)
                || word
                    .iter()
                    .find(|b| b.is_ascii_alphabetic())
                    .is_some_and(u8::is_ascii_uppercase);
            return (u8::from(first_upper) * CAP) | (u8::from(no_lower && capitals >= 2) * UPPER);
        }
    }
    case_flags_unicode(orig, folded, os, fe)
}

/// [`case_flags`] for a word with non-ASCII chars in the original, starting at original byte
/// `os` and ending with folded byte `fe`.
fn case_flags_unicode(orig: &str, folded: &Folded, os: usize, fe: usize) -> u8 {
    let first = orig.get(os..).and_then(|s| s.chars().next());
    if !first.is_some_and(|c| is_upper(c) || !is_letter(c)) {
        return 0;
    }
    let oe = folded.orig_end(orig, fe);
    let word = orig.get(os..oe).unwrap_or("");
    if !word.chars().find(|&c| is_letter(c)).is_some_and(is_upper) {
        return 0;
    }
    // The first letter is upper case (checked above). The word is in capitals when it has two
    // letters or more and all are capitals: counted up to the first letter that is not.
    let mut capitals = 0;
    for c in word.chars().filter(|&c| is_letter(c)) {
        if !is_upper(c) {
            return CAP;
        }
        capitals += 1;
    }
    if capitals >= 2 {
        CAP | UPPER
    } else {
        CAP
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer before the one-pass rewrite, kept to check the new one against.
    /// Splits the folded text into tokens and flags them from the original; `tokens` is a buffer
    /// to reuse (cleared first).
    fn reference_tokenize(orig: &str, folded: &Folded, mut tokens: Vec<Token>) -> Vec<Token> {
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
            if !c.is_alphanumeric() {
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
                        digits &=
                            u8::from(ascii_between(x, b'0' - 1, b'9' + 1) == HIGH_BITS) * DIGIT;
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
                    if c.is_alphanumeric() {
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
                    && ELIDED.contains(&&fb[start..i])
                    && f[i + 2..].chars().next().is_some_and(char::is_alphanumeric)
                {
                    end = i + 1;
                    i += 1;
                    break;
                }
                if i + 1 < fb.len() && (fb[i] == b'-' || fb[i] == b'\'') {
                    let next = f[i + 1..].chars().next().unwrap_or(' ');
                    if next.is_alphanumeric() {
                        digits = 0;
                        if fb[i] == b'\'' && ELIDED.contains(&&fb[start..i]) {
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
                            ABBREVIATIONS.contains(&w.as_bytes()) || w.chars().count() == 1
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

    fn words(s: &str) -> Vec<(String, u8)> {
        let f = Folded::new(s);
        tokenize(s, &f, Vec::new())
            .iter()
            .map(|t| (t.text(&f.text).to_string(), t.flags))
            .collect()
    }

    /// Tokens and flags of the one-pass tokenizer and of the reference agree.
    fn same_as_reference(s: &str) {
        let f = Folded::new(s);
        let got: Vec<(u32, u32, u8)> = tokenize(s, &f, Vec::new())
            .iter()
            .map(|t| (t.fs, t.fe, t.flags))
            .collect();
        let want: Vec<(u32, u32, u8)> = reference_tokenize(s, &f, Vec::new())
            .iter()
            .map(|t| (t.fs, t.fe, t.flags))
            .collect();
        assert_eq!(got, want, "{s:?}");
    }

    #[test]
    fn one_pass_agrees_with_reference_on_tricky_texts() {
        for s in [
            "",
            " ",
            "\n\n",
            "Le jeudi, M. Novak parle. Il part",
            "l’Irak, aujourd'hui Jean-Pierre a-t-il dit.",
            "dans « l' Irak » et l' 2 et qu'",
            "LA GRÈVE CONTINUE À PARIS\nLe texte suit.",
            "L'ONU ET L'OTAN SE RÉUNISSENT\r\nà Genève",
            "Goi\u{0308}ta ÉTÉ E\u{0301}TE\u{0301} CAFE\u{0301} Ma\u{200B}li MA\u{200B}LI",
            "ligne\u{2028}Suite\u{2029}Autre\u{85}Fin\u{000B}x\u{000C}y\u{7f}z\u{1}",
            "ŒUVRE Œuvre œuvre STRAßE ß Æ",
            "1er 2E 90s A1 B-52 12345678901 2024-2025 H2O h2O",
            "“Il dit : « Bonjour » — puis – rien… Vraiment ? Oui ! Non.\"Ah\" dit-il \"Oh\"",
            "Dr. Who, St. Louis, J. R. R. Tolkien etc. Fin",
            "ǅemal ǈ Ⅻ Ⓐ Σ ΣΟΦΙΑ Москва МОСКВА 東京 ẞ",
            "Ä Öl ÜBER über ÀÉÎ-ÕÜ x'",
            "a\u{A0}B\u{202F}C\u{2011}D\u{AD}E",
            "fin-",
            "-début 'quote' l'",
            "A",
            "AB ab Ab aB",
            "\u{FEFF}Début du texte",
        ] {
            same_as_reference(s);
        }
    }

    #[test]
    fn one_pass_agrees_with_reference_on_random_texts() {
        let pieces = [
            "Le",
            "le",
            "LE",
            "l'",
            "L'",
            "l’",
            "qu'",
            "Jusqu'",
            " ",
            "  ",
            "\n",
            "\r\n",
            ".",
            ",",
            "!",
            "?",
            "…",
            ":",
            "«",
            "»",
            "\"",
            "“",
            "—",
            "–",
            "-",
            "'",
            "M",
            "M.",
            "Dr",
            "É",
            "é",
            "e\u{0301}",
            "E\u{0301}",
            "Œ",
            "ß",
            "\u{200B}",
            "\u{2028}",
            "\u{A0}",
            "Paris",
            "PARIS",
            "ONU",
            "2024",
            "1er",
            "x",
            "Jean-Pierre",
            "aujourd'hui",
            "anticonstitutionnellement",
            "ANTICONSTITUTIONNELLEMENT",
            "Σ",
            "東",
            "\t",
            "\u{1}",
        ];
        // A small linear congruential generator: the same texts on every run.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            same_as_reference(&s);
        }
    }

    #[test]
    fn abbreviations_match_the_list() {
        for w in ABBREVIATIONS {
            assert!(is_abbreviation(w), "{w:?}");
        }
        for w in ["", "mr", "mmm", "docteur", "e", "et", "M"] {
            let w = w.as_bytes();
            assert_eq!(is_abbreviation(w), ABBREVIATIONS.contains(&w), "{w:?}");
        }
    }

    #[test]
    fn elided_words_match_the_list() {
        for w in ELIDED {
            assert!(is_elided(w), "{w:?}");
        }
        for w in ["", "la", "de", "q", "jusq", "lorsque", "L", "aujourd"] {
            let w = w.as_bytes();
            assert_eq!(is_elided(w), ELIDED.contains(&w), "{w:?}");
        }
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
    fn classes_are_asked_for_every_word_with_its_flags() {
        let s = "LA GRÈVE CONTINUE À PARIS\nLe jeudi, M. Novak (l'Irak) dit « Jean-Pierre ».";
        let f = Folded::new(s);
        let mut asked = Vec::new();
        let (tokens, cls) = tokenize_classified(s, &f, Vec::new(), vec![7; 50], |i, w, flags| {
            asked.push((i, w.to_string(), flags));
            i + 1
        });
        assert_eq!(cls.len(), tokens.len());
        let words: Vec<(u32, String, u8)> = (0u32..)
            .zip(&tokens)
            .filter(|(_, t)| t.has(WORD))
            .map(|(i, t)| (i, t.text(&f.text).to_string(), t.flags & !SHOUT))
            .collect();
        assert_eq!(asked, words);
        for (i, (t, &c)) in (0u32..).zip(tokens.iter().zip(&cls)) {
            assert_eq!(c, if t.has(WORD) { i + 1 } else { 0 });
        }
        let key = |t: &Token| (t.fs, t.fe, t.flags);
        let plain: Vec<_> = tokenize(s, &f, Vec::new()).iter().map(key).collect();
        assert_eq!(tokens.iter().map(key).collect::<Vec<_>>(), plain);
    }

    #[test]
    fn char_predicates_agree_with_std() {
        for c in (0..0x400).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
        }
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
