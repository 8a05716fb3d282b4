//! A read-only view of the text for the document layer: gaps between entities, folded words,
//! spans with char offsets, paragraph limits.

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

#[cfg(test)]
mod tests {
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
