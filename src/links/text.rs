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
    // Most gaps and words are ASCII with single spaces: lower-casing is their folding.
    if s.is_ascii() && !s.contains("  ") && !s.contains(['\t', '\n', '\r']) {
        return s.to_ascii_lowercase();
    }
    let pad = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}';
    let core = crate::normalize::fold(s);
    if core.is_empty() {
        return if s.chars().any(pad) {
            " ".to_string()
        } else {
            String::new()
        };
    }
    let mut out = String::with_capacity(core.len() + 2);
    if s.starts_with(pad) {
        out.push(' ');
    }
    out.push_str(&core);
    if s.ends_with(pad) {
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
