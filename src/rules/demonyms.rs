//! Demonyms: nationality adjectives and nouns (« malien », « les Maliennes ») and their
//! compounds with combining forms (« russo-maliennes » → RU, ML; « franco-sud-africain »).

use crate::entity::{Kind, Value};
use crate::gazetteer::{EntryKind, AMBIGUOUS};
use crate::pipeline::{prio, Run, Src};
use crate::tokenize::{JOINED, NUMBER, WORD};

impl Run<'_> {
    #[inline(never)]
    pub(crate) fn demonym_phase(&mut self) {
        let lex = self.lex;
        for i in 0..self.tokens.len() {
            let t = self.tokens[i];
            if !t.has(WORD) || t.has(NUMBER) || t.fe - t.fs < 3 {
                continue;
            }
            // Most words are no demonym and have no hyphen.
            if !self.is(i, super::class::DEMONYM) && !t.has(JOINED) {
                continue;
            }
            let w = self.word(i);
            let codes = |word: &str| -> Vec<(u32, String)> {
                lex.word_ids(word)
                    .iter()
                    .filter_map(|&id| {
                        let e = &lex.entries[id as usize];
                        (e.kind == EntryKind::Demonym && !e.has(AMBIGUOUS))
                            .then(|| (id, e.value.as_deref().unwrap_or("").to_string()))
                    })
                    .collect()
            };
            let whole = codes(w);
            if !whole.is_empty() {
                let src = Src::Entry(whole[0].0);
                let mut list: Vec<String> = whole.into_iter().map(|(_, c)| c).collect();
                list.dedup();
                self.push_tokens(
                    i,
                    i + 1,
                    Kind::Demonym,
                    None,
                    Some(Value::Countries(list)),
                    src,
                    prio::DEMONYM,
                );
                continue;
            }
            if !w.contains('-') {
                continue;
            }
            // Compound: every part before the demonym is a combining form. The demonym itself
            // may contain a hyphen (« sud-africain »), so try each split point: the tail after
            // each hyphen, longest first.
            // « franco-germano-russe » has three parts; a longer chain is no demonym.
            if w.bytes().filter(|&b| b == b'-').count() > 3 {
                continue;
            }
            for (cut, _) in w.match_indices('-') {
                let tail_codes = codes(&w[cut + 1..]);
                if tail_codes.is_empty() {
                    continue;
                }
                let mut list = Vec::new();
                let ok =
                    w[..cut]
                        .split('-')
                        .all(|p| match lex.word_of(p, EntryKind::DemonymPrefix) {
                            Some((_, e)) => {
                                list.push(e.value.as_deref().unwrap_or("").to_string());
                                true
                            }
                            None => false,
                        });
                if ok {
                    list.push(tail_codes[0].1.clone());
                    self.push_tokens(
                        i,
                        i + 1,
                        Kind::Demonym,
                        None,
                        Some(Value::Countries(list)),
                        Src::Rule("demonym-compound"),
                        prio::DEMONYM,
                    );
                }
                break;
            }
        }
    }
}
