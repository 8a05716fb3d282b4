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
        if !matches!(e.kind, Kind::Organisation | Kind::Location)
            || !(is_acronym(&e.text) || is_word_acronym(e))
        {
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
                // A country's acronym keeps its code (« RDC »: CD).
                let e = &mut entities[m.entity];
                if !matches!(e.value, Some(Value::Country(_))) {
                    e.value = Some(Value::Name(a.expansion.clone()));
                }
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

/// Whether an entity is an acronym written as a word, as the French press writes those it
/// pronounces (« l'Otan », « la Fifa », « la Minusma »): one capitalised word whose value, the
/// full name, it abbreviates.
fn is_word_acronym(e: &Entity) -> bool {
    let Some(Value::Name(full)) = &e.value else {
        return false;
    };
    // « Atlantique » for « océan Atlantique », « Harvard » for « Université Harvard »: a word
    // of the full name, or the start of one, is a short form, not an acronym.
    let word = crate::normalize::fold(&e.text);
    let short_form = crate::normalize::fold(full)
        .split(|c: char| c.is_whitespace() || c == '\'')
        .any(|w| w.starts_with(word.as_str()));
    e.text.len() >= 3
        && !e.text.contains(char::is_whitespace)
        && e.text.starts_with(char::is_uppercase)
        && full.contains(' ')
        && !short_form
        && initials_fit(&e.text, full)
}

/// The text's definition of the acronym entity `i`: the expansion and the span of
/// « Expansion (ACR) » or « ACR (Expansion) ».
fn definition(view: &View<'_>, entities: &[Entity], i: usize) -> Option<(String, Span)> {
    let e = &entities[i];
    let text = view.text;
    // The byte of « ( » when the acronym stands between parentheses, and the name written
    // before it that fits the acronym, starting before byte `below`.
    let open = text[..e.start]
        .trim_end_matches([' ', '\u{a0}'])
        .strip_suffix('(')
        .filter(|_| text[e.end..].starts_with(')'))
        .map(str::len);
    let read_before = |below: usize| {
        let open = open?;
        let s = written_before(text, open, &e.text).filter(|&s| s < below)?;
        let name = text[s..open].trim_end_matches([' ', '\u{a0}']);
        Some((name.to_string(), view.span(s, e.end + 1)))
    };
    // « Expansion (ACR) ».
    if i > 0 && text[e.end..].starts_with(')') {
        let p = &entities[i - 1];
        let g = view.gap(p.end, e.start);
        if matches!(g.trim_matches([' ', '\u{a0}']), "(") && is_expansion_of(p, e) {
            // An entity that does not fit the acronym may end a longer name that does (« British
            // Association of Nutrition and Lifestyle Medicine (BANT) »).
            if !fits(&p.text, &e.text) {
                if let Some(found) = read_before(p.start) {
                    return Some(found);
                }
            }
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
    // The flat entities may cut a long name short (« Rassemblement pour la démocratie » [et le
    // progrès] (RDP)) or miss it: the words of the text, when they fit the acronym.
    if let Some(found) = read_before(usize::MAX) {
        return Some(found);
    }
    let after = text[e.end..].trim_start_matches([' ', '\u{a0}']);
    if let Some(inner) = after.strip_prefix('(') {
        let close = inner.find(')').filter(|&c| c <= MAX_NAME)?;
        let name = inner[..close].trim_matches([' ', '\u{a0}']);
        if fits(name, &e.text) {
            let end = e.end + (text[e.end..].len() - after.len()) + 1 + close + 1;
            return Some((name.to_string(), view.span(e.start, end)));
        }
    }
    None
}

/// The longest name an acronym's definition reads from the text, in bytes.
const MAX_NAME: usize = 160;

/// The start of the name written right before the parenthesis at byte `open` that `acr`
/// abbreviates: the nearest capitalised word with the acronym's first letter, at most
/// [`MAX_NAME`] bytes back and within the clause, from which the words fit the acronym.
fn written_before(text: &str, open: usize, acr: &str) -> Option<usize> {
    let mut lo = open.saturating_sub(MAX_NAME);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let window = &text[lo..open];
    // The clause: after the last punctuation mark.
    let from = window
        .rfind(['.', ',', ';', ':', '(', ')', '«', '»', '"', '\n'])
        .map_or(0, |k| {
            k + window[k..].chars().next().map_or(1, char::len_utf8)
        });
    let first = acr.chars().next()?;
    let mut k = window.len();
    while let Some(at) = window[from..k].rfind([' ', '\u{a0}', '\'', '’']) {
        let word_start = lo + from + at + window[from + at..].chars().next()?.len_utf8();
        if starts_with_cap(&text[word_start..], first) && fits(&text[word_start..open], acr) {
            return Some(word_start);
        }
        k = from + at;
    }
    let clause_start = lo + from;
    let clause = &text[clause_start..open];
    let lead = clause.len() - clause.trim_start().len();
    let s = clause_start + lead;
    (starts_with_cap(&text[s..], first) && fits(&text[s..open], acr)).then_some(s)
}

/// Whether a word starts with capital `first` (accents folded: « École » for « E »), and is no
/// capitalised function word opening a sentence (« Selon l'Institut… »).
fn starts_with_cap(w: &str, first: char) -> bool {
    let word = w.split([' ', '\u{a0}', '\'', '’']).next().unwrap_or("");
    let function = matches!(
        crate::normalize::fold(word).as_str(),
        "selon"
            | "pour"
            | "par"
            | "sur"
            | "sous"
            | "avec"
            | "dans"
            | "depuis"
            | "apres"
            | "avant"
            | "lors"
            | "mais"
            | "et"
            | "ou"
            | "le"
            | "la"
            | "les"
            | "un"
            | "une"
            | "des"
            | "du"
            | "de"
            | "en"
            | "au"
            | "aux"
            | "ce"
            | "cette"
            | "ces"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "notre"
            | "nos"
            | "a"
            | "l"
            | "d"
    );
    !function
        && w.chars().next().is_some_and(|c| {
            c.is_uppercase()
                && crate::normalize::fold(&c.to_string())
                    == crate::normalize::fold(&first.to_string())
        })
}

/// Whether `name` can be what `acr` abbreviates: two words or more, the first capitalised with
/// the acronym's first letter, and at least two of the acronym's letters, in order, initials of
/// its words (« Banque agricole du Sahel » for BAS; not every letter need be an initial, nor
/// every word give one).
fn fits(name: &str, acr: &str) -> bool {
    let words: Vec<&str> = name
        .split([' ', '\u{a0}', '\'', '’', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    let letters: Vec<String> = acr
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| crate::normalize::fold(&c.to_string()))
        .collect();
    let (Some(first), Some(l0)) = (words.first(), letters.first()) else {
        return false;
    };
    if words.len() < 2
        || !first.starts_with(char::is_uppercase)
        || name.contains(['(', ')', '.', ';', ':', '«', '»'])
    {
        return false;
    }
    let initial = |w: &str| crate::normalize::fold(&w.chars().next().unwrap_or(' ').to_string());
    if initial(first) != *l0 {
        return false;
    }
    // Letters of the acronym may be missing from the name and short function words (« de »,
    // « l' », « pour ») have none.
    let mut matched = 0;
    let mut li = 0;
    for w in words
        .iter()
        .filter(|w| w.chars().count() > 3 || w.starts_with(char::is_uppercase))
    {
        if let Some(k) = letters[li..].iter().position(|l| *l == initial(w)) {
            matched += 1;
            li += k + 1;
        }
    }
    matched >= 2
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
    fn definitions_read_from_the_text() {
        let ex = crate::Extractor::default();
        let doc = ex.analyse("Le Programme national de développement local (PNDL) a financé dix projets. Le PNDL s'achève.");
        let a = &doc.acronyms()[0];
        assert_eq!(
            (a.acronym(), a.expansion(), a.defined_in_text()),
            ("PNDL", "Programme national de développement local", true)
        );
        // A multi-byte mark ends the clause looked back over (no panic inside « »).
        ex.analyse(
            "Le Cardinal OUEDRAOGO a suspendu «l'Association Apôtres de l'Agneau» (AAA) hier.",
        );
        ex.analyse("«Agence» (AG) et “Banque” (BA), puis Agence de l’État (AE).");
    }

    #[test]
    fn acronyms() {
        for a in ["AES", "CEDEAO", "UE", "AT&T", "G5-S", "RN"] {
            assert!(is_acronym(a), "{a}");
        }
        for a in ["A", "Mali", "Union africaine", "aes", "U2a", "M23"] {
            assert!(!is_acronym(a), "{a}");
        }
    }

    #[test]
    fn acronyms_written_as_words() {
        let doc = crate::Extractor::default()
            .analyse("La Fifa et l'Otan ont écrit à l'Université Harvard. Harvard a répondu.");
        let found: Vec<&str> = doc.acronyms().iter().map(|a| a.acronym()).collect();
        assert!(
            found.contains(&"Fifa") && found.contains(&"Otan"),
            "{found:?}"
        );
        assert!(!found.contains(&"Harvard"), "{found:?}");
    }

    #[test]
    fn a_definition_after_a_closing_guillemet() {
        // The clause before « (ACR) » starts after a mark of two bytes: no panic, a char
        // boundary.
        for t in [
            "Le cardinal a suspendu «l'Association des Apôtres» (AA) hier.",
            "Il a quitté l’«Union des Patriotes Africains» (UPA).",
            "«» (AB)",
        ] {
            let doc = crate::Extractor::default().analyse(t);
            for a in doc.acronyms() {
                assert!(t.contains(a.acronym()));
            }
        }
    }
}
