//! Acronyms and their expansions.
//!
//! An acronym is an organisation or place entity written in capitals (« AES », « CEDEAO »)
//! whose value names its expansion. The text defines it when the acronym stands in parentheses
//! right after its expansion (« Confédération des États du Sahel (AES) ») or the expansion in
//! parentheses right after it (« le MPS (Mouvement patriotique du salut) »). A definition in the
//! text wins over a gazetteer's expansion: every mention of the acronym then carries the text's.

use super::text::View;
use super::{Acronym, Mention, Ref, Relation, RelationKind, Span};
use crate::entity::{Entity, Kind, Value};
use crate::rules::initials_fit;

/// The acronyms of the text with their expansions, in order of first mention; the mentions of
/// an acronym the text defines get the text's expansion as value.
pub(crate) fn collect(
    view: &View<'_>,
    entities: &mut [Entity],
    relations: &mut Vec<Relation>,
) -> Vec<Acronym> {
    let mut out: Vec<Acronym> = Vec::new();
    for i in 0..entities.len() {
        let e = &entities[i];
        if !matches!(e.kind, Kind::Organisation | Kind::Location) || !is_acronym(&e.text) {
            continue;
        }
        let k = match out.iter().position(|a| a.acronym == e.text) {
            Some(k) => k,
            None => {
                out.push(Acronym {
                    acronym: e.text.clone(),
                    expansion: String::new(),
                    defined_in_text: false,
                    definition: None,
                    mentions: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[k].mentions.push(Mention::of(entities, i));
        if out[k].defined_in_text {
            continue;
        }
        if let Some((expansion, def)) = definition(view, entities, i) {
            out[k].expansion = expansion;
            out[k].defined_in_text = true;
            out[k].definition = Some(def);
        } else if out[k].expansion.is_empty() {
            if let Some(Value::Name(n)) = &e.value {
                out[k].expansion = n.clone();
            }
        }
    }
    out.retain(|a| !a.expansion.is_empty());
    for (k, a) in out.iter().enumerate() {
        if a.defined_in_text {
            for m in &a.mentions {
                entities[m.entity].value = Some(Value::Name(a.expansion.clone()));
            }
        }
        relations.push(Relation {
            kind: RelationKind::AcronymExpansion,
            from: Ref::Acronym(k),
            to: Ref::Organisation(a.expansion.clone()),
            evidence: a
                .definition
                .clone()
                .unwrap_or_else(|| a.mentions[0].span.clone()),
        });
    }
    out
}

/// Whether an entity's text is an acronym: no space, two letters or more (« M23 » is a name,
/// not an acronym), all in capitals
/// (digits, « & », « - » and « . » allowed).
pub(crate) fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && s.chars().count() <= 15
        && s.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '&' | '-' | '.' | '\''))
}

/// The text's definition of the acronym entity `i`: the expansion and the span of
/// « Expansion (ACR) » or « ACR (Expansion) ».
fn definition(view: &View<'_>, entities: &[Entity], i: usize) -> Option<(String, Span)> {
    let e = &entities[i];
    let text = view.text;
    // « Expansion (ACR) ».
    if i > 0 && text[e.end..].starts_with(')') {
        let p = &entities[i - 1];
        let g = view.gap(p.end, e.start);
        if matches!(g.trim_matches([' ', '\u{a0}']), "(") && is_expansion_of(p, e) {
            return Some((p.text.clone(), view.span(p.start, e.end + 1)));
        }
    }
    // « ACR (Expansion) ».
    if let Some(n) = entities.get(i + 1) {
        let g = view.gap(e.end, n.start);
        if matches!(g.trim_matches([' ', '\u{a0}']), "(")
            && text[n.end..].starts_with(')')
            && is_expansion_of(n, e)
        {
            return Some((n.text.clone(), view.span(e.start, n.end + 1)));
        }
    }
    None
}

/// Whether entity `name` can be the expansion of an acronym: a name of several words, of an
/// organisation or a place, that the acronym can stand for ([`initials_fit`]: half its letters
/// are initials of the name, so that « Confédération des États du Sahel (AES) » passes and
/// « … du Burkina Faso (USSU-BF) » does not).
fn is_expansion_of(name: &Entity, acr: &Entity) -> bool {
    matches!(name.kind, Kind::Organisation | Kind::Location)
        && !is_acronym(&name.text)
        && name.text.split_whitespace().count() >= 2
        && initials_fit(&acr.text, &name.text)
}

#[cfg(test)]
mod tests {
    use super::is_acronym;

    #[test]
    fn acronyms() {
        for a in ["AES", "CEDEAO", "UE", "AT&T", "G5-S", "RN"] {
            assert!(is_acronym(a), "{a}");
        }
        for a in ["A", "Mali", "Union africaine", "aes", "U2a", "M23"] {
            assert!(!is_acronym(a), "{a}");
        }
    }
}
