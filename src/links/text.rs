//! A read-only view of the text for the document layer: gaps between entities, folded words,
//! spans with char offsets, sentence and paragraph limits.

use super::Span;
use crate::entity::Entity;

/// The text with its entities, for the document layer's steps.
pub(crate) struct View<'a> {
    pub(crate) text: &'a str,
    /// Per entity: (byte start, char start), to count chars from the nearest one.
    anchors: Vec<(usize, usize)>,
}

impl<'a> View<'a> {
    pub(crate) fn new(text: &'a str, entities: &[Entity]) -> View<'a> {
        let mut anchors = Vec::with_capacity(entities.len() * 2 + 1);
        anchors.push((0, 0));
        for e in entities {
            anchors.push((e.start, e.char_start));
            anchors.push((e.end, e.char_end));
        }
        View { text, anchors }
    }

    /// The char offset of byte `b` (a char boundary), counted from the nearest known offset
    /// before it.
    pub(crate) fn char_at(&self, b: usize) -> usize {
        let k = self.anchors.partition_point(|&(s, _)| s <= b);
        let (s, c) = self.anchors[k.saturating_sub(1)];
        c + self.text[s..b].chars().count()
    }

    /// The span of bytes `s..e` (char boundaries).
    pub(crate) fn span(&self, s: usize, e: usize) -> Span {
        let char_start = self.char_at(s);
        Span {
            start: s,
            end: e,
            char_start,
            char_end: char_start + self.text[s..e].chars().count(),
            text: self.text[s..e].to_string(),
        }
    }

    /// The text between bytes `s` and `e` (empty when `e <= s`).
    pub(crate) fn gap(&self, s: usize, e: usize) -> &'a str {
        if e <= s {
            return "";
        }
        self.text.get(s..e).unwrap_or("")
    }
}

/// Folds a piece of text as the extractor does (case, accents, apostrophes, no-break spaces),
/// then squeezes each run of white space, leading and trailing ones included, into one space.
pub(crate) fn fold(s: &str) -> String {
    // One pass and one allocation: the layer folds many short gaps and words.
    let mut out = String::with_capacity(s.len() + 1);
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            crate::normalize::fold_char(c, &mut out);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The start of the sentence that holds byte `at`: after the last « . », « ! », « ? » followed
/// by a space, or a line break, or a closing quotation mark, at most 400 bytes back.
pub(crate) fn sentence_start(text: &str, at: usize) -> usize {
    let mut lo = at.saturating_sub(400);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let s = &text[lo..at];
    let b = s.as_bytes();
    // The last line break or closing mark (» is C2 BB, ” is E2 80 9D): the sentence starts
    // after it at the latest.
    let mut floor = 0;
    let mut end = b.len();
    while let Some(p) = memchr::memrchr3(b'\n', 0xBB, 0x9D, &b[..end]) {
        let mark = match b[p] {
            b'\n' => true,
            0xBB => p >= 1 && b[p - 1] == 0xC2,
            _ => p >= 2 && b[p - 2] == 0xE2 && b[p - 1] == 0x80,
        };
        if mark {
            floor = p + 1;
            break;
        }
        end = p;
    }
    // The last « . », « ! » or « ? » after it that white space follows, unless it is an
    // abbreviation's period (« M. Novak »).
    let mut end = b.len();
    while let Some(p) = memchr::memrchr3(b'.', b'!', b'?', &b[floor..end]) {
        let p = floor + p;
        end = p;
        if !s[p + 1..].chars().next().is_some_and(char::is_whitespace) {
            continue;
        }
        let word = s[..p]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if !matches!(word, "M" | "MM" | "Mme" | "Dr" | "Pr" | "Me" | "Mgr" | "St")
            && word.chars().count() > 1
        {
            return lo + p + 1;
        }
    }
    lo + floor
}

/// The start of the paragraph (after the last line break) that holds byte `at`, looking back
/// at most 4,000 bytes (a longer paragraph starts there, for the pronouns' window).
pub(crate) fn paragraph_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut lo = at.saturating_sub(4000);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    // Skip the blank lines just before.
    let head = text[lo..at].trim_end_matches(['\n', '\r', ' ']);
    head.rfind('\n').map_or(lo, |p| lo + p + 1)
}

/// A text of fewer than `most` pieces drawn from `pieces` by a xorshift sequence (for the
/// tests that check a byte search against a char-by-char reading).
#[cfg(test)]
pub(crate) fn random_text(seed: &mut u64, pieces: &[&str], most: u64) -> String {
    let mut next = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    };
    let n = next() % most;
    (0..n)
        .map(|_| pieces[(next() % pieces.len() as u64) as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char reading `sentence_start` replaced: the oracle of its byte search.
    fn sentence_start_chars(text: &str, at: usize) -> usize {
        let mut lo = at.saturating_sub(400);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let s = &text[lo..at];
        for (k, c) in s.char_indices().rev() {
            if c == '\n' || c == '»' || c == '”' {
                return lo + k + c.len_utf8();
            }
            if !c.is_whitespace() {
                continue;
            }
            let before = &s[..k];
            if !before.ends_with(['.', '!', '?']) {
                continue;
            }
            let word = before[..before.len() - 1]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            if !matches!(word, "M" | "MM" | "Mme" | "Dr" | "Pr" | "Me" | "Mgr" | "St")
                && word.chars().count() > 1
            {
                return lo + k;
            }
        }
        lo
    }

    #[test]
    fn sentence_start_agrees_with_the_char_reading() {
        // Pieces that make and unmake sentence ends, drawn by a fixed pseudo-random sequence.
        let pieces = [
            "Il",
            " ",
            "a dit",
            ". ",
            "M. ",
            "Mme",
            ".",
            "!",
            "?",
            "\n",
            "»",
            "”",
            "“",
            "«",
            "\u{a0}",
            "\u{202f}",
            "é",
            "x",
            "Dr. ",
            "ok.\u{a0}",
            "«\u{a0}",
            " ?",
            "…",
            "\u{2029}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let text = random_text(&mut seed, &pieces, 160);
            for at in (0..=text.len()).filter(|&a| text.is_char_boundary(a)) {
                assert_eq!(
                    sentence_start(&text, at),
                    sentence_start_chars(&text, at),
                    "{text:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn folds_keeping_one_space_each_side() {
        assert_eq!(super::fold(" de\u{a0}la  "), " de la ");
        assert_eq!(super::fold(", le "), ", le ");
        assert_eq!(super::fold("  "), " ");
        assert_eq!(super::fold("L’ONU"), "l'onu");
        assert_eq!(super::fold("A  b\n"), "a b ");
        assert_eq!(super::fold(" Du "), " du ");
    }
}
