//! Persons as clusters of mentions.
//!
//! A mention is a person entity. Its *key* is its folded words (« Alexandre Novak » →
//! `alexandre novak`). A mention whose key is the end of a longer mention's key (« Novak »,
//! « Le Pen », « von der Leyen ») or a lone first word of one (« Alexandre ») is *short*; the
//! others open persons. A short mention goes to the person whose longer key it continues; when
//! several do (« Marine Le Pen », « Jean-Marie Le Pen »), to those of its gender (« M. »,
//! « Mme »), then to the one mentioned last before it (the one the text is talking about), or
//! else the first after it. A short mention that no longer one continues opens a person of its
//! own (« M. Dupont » alone).

use super::text::{fold, View};
use super::{Gender, Mention, Person};
use crate::entity::{Entity, Kind, Value};
use crate::fxhash::{FxMap, FxSet};
use crate::gazetteer::{EntryKind, Lexicon, FEM, MASC};

/// One person mention, as clustering sees it.
struct M {
    entity: usize,
    key: Vec<String>,
    gender: Option<Gender>,
    /// The gender the article of a description right before the name gives (« le romancier
    /// américain X », « la militante X »): for a person nothing else gives one.
    described: Option<Gender>,
}

/// Groups the person mentions of `entities` into persons, in order of first mention, and gives
/// each mention its person's canonical name as value (none for a mention that is the canonical
/// name itself).
pub(crate) fn cluster(view: &View<'_>, entities: &mut [Entity], lex: &Lexicon) -> Vec<Person> {
    let ms: Vec<M> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Person)
        .map(|(i, e)| M {
            entity: i,
            key: key_of(&e.text),
            gender: honorific_gender(view.text, e.start),
            described: described_gender(view.text, e.start),
        })
        .filter(|m| !m.key.is_empty())
        .collect();
    // Which mentions are short: their key continues a longer key of the text. Every key's
    // proper endings and, for a key of several words, its first word, in one set: a name has
    // a few words, so this is linear in the mentions.
    let mut continued: FxSet<&[String]> = FxSet::default();
    for m in &ms {
        continued.extend(endings(&m.key));
    }
    let short: Vec<bool> = ms
        .iter()
        .map(|m| continued.contains(m.key.as_slice()))
        .collect();
    // Persons, as their keys open them; their mentions (indices in ms).
    let mut table = Table::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut of_mention: Vec<Option<usize>> = vec![None; ms.len()];
    for (k, m) in ms.iter().enumerate() {
        if short[k] {
            continue;
        }
        let p = match table.by_key.get(m.key.as_slice()) {
            Some(&p) => p,
            None => {
                members.push(Vec::new());
                table.open(&m.key)
            }
        };
        members[p].push(k);
        of_mention[k] = Some(p);
    }
    let mut genders: Vec<Option<Gender>> = members
        .iter()
        .map(|ks| person_gender(ks.iter().map(|&k| &ms[k]), lex))
        .collect();
    // Per person: where its full mentions start (in text order), and its last short mention.
    let mut opened: Vec<Vec<usize>> = members
        .iter()
        .map(|ks| ks.iter().map(|&k| entities[ms[k].entity].start).collect())
        .collect();
    let mut last_short: Vec<Option<usize>> = vec![None; members.len()];
    // Short mentions, in text order: the person the text means.
    for (k, m) in ms.iter().enumerate() {
        if !short[k] {
            continue;
        }
        let mut cands: Vec<usize> = table
            .continuing
            .get(m.key.as_slice())
            .cloned()
            .unwrap_or_default();
        if cands.len() > 1 {
            if let Some(g) = m.gender {
                let agreeing: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&p| genders[p] != Some(g.other()))
                    .collect();
                if !agreeing.is_empty() {
                    cands = agreeing;
                }
            }
        }
        let pos = entities[m.entity].start;
        let chosen = if cands.len() <= 1 {
            cands.first().copied()
        } else {
            // The one mentioned last before this mention, else the first mentioned after: the
            // full mentions are sorted (binary search), the short ones so far are all before.
            let last_before = |p: usize| {
                let full = &opened[p];
                let k = full.partition_point(|&s| s < pos);
                let full = k.checked_sub(1).map(|k| full[k]);
                full.max(last_short[p])
            };
            let first_after = |p: usize| {
                let full = &opened[p];
                full.get(full.partition_point(|&s| s <= pos))
                    .copied()
                    .unwrap_or(usize::MAX)
            };
            cands
                .iter()
                .copied()
                .max_by_key(|&p| last_before(p).map_or(0, |s| s + 1))
                .filter(|&p| last_before(p).is_some())
                .or_else(|| cands.iter().copied().min_by_key(|&p| first_after(p)))
        };
        let p = match chosen {
            Some(p) => p,
            // No longer name continues it: a person of its own, with the other short
            // mentions of the same key.
            None => match table.by_key.get(m.key.as_slice()) {
                Some(&p) => p,
                None => {
                    members.push(Vec::new());
                    opened.push(Vec::new());
                    last_short.push(None);
                    genders.push(None);
                    table.open(&m.key)
                }
            },
        };
        members[p].push(k);
        last_short[p] = Some(pos);
        of_mention[k] = Some(p);
        if genders[p].is_none() {
            genders[p] = m.gender;
        }
    }
    // Last, for a person nothing else gave a gender: a description before one of its names.
    for (p, ks) in members.iter().enumerate() {
        if genders[p].is_none() {
            genders[p] = ks.iter().find_map(|&k| ms[k].described);
        }
    }
    // Persons in order of first mention, mentions in text order.
    let mut order: Vec<usize> = (0..members.len())
        .filter(|&p| !members[p].is_empty())
        .collect();
    for ks in members.iter_mut() {
        ks.sort_by_key(|&k| ms[k].entity);
    }
    order.sort_by_key(|&p| ms[members[p][0]].entity);
    let mut persons = Vec::with_capacity(order.len());
    for p in order {
        let ks = &members[p];
        let name = canonical_name(ks.iter().map(|&k| &entities[ms[k].entity]));
        for &k in ks {
            let e = &mut entities[ms[k].entity];
            e.value = (e.text != name).then(|| Value::Name(name.clone()));
        }
        persons.push(Person {
            name,
            gender: genders[p],
            mentions: ks
                .iter()
                .map(|&k| Mention::of(entities, ms[k].entity))
                .collect(),
            titles: Vec::new(),
            affiliation: None,
        });
    }
    persons
}

/// The keys a key continues (the rule `continues` states): its proper endings, and its first word when
/// it has several.
fn endings(key: &[String]) -> impl Iterator<Item = &[String]> {
    let first = (key.len() > 1).then(|| &key[..1]);
    (1..key.len()).map(move |k| &key[k..]).chain(first)
}

/// The persons' keys, for the clustering: which person a key opened, and which persons a
/// short key continues.
#[derive(Default)]
struct Table<'k> {
    /// The person each key opened (the first one, for a key that opened several).
    by_key: FxMap<&'k [String], usize>,
    /// Per ending (a proper end of a key, or the first word of a key of several words): the
    /// persons whose key it continues, in the order they were opened.
    continuing: FxMap<&'k [String], Vec<usize>>,
    /// How many persons are open.
    len: usize,
}

impl<'k> Table<'k> {
    /// Opens a person for `key`: its index.
    fn open(&mut self, key: &'k [String]) -> usize {
        let p = self.len;
        self.len += 1;
        self.by_key.entry(key).or_insert(p);
        for ending in endings(key) {
            let ps = self.continuing.entry(ending).or_default();
            if ps.last() != Some(&p) {
                ps.push(p);
            }
        }
        p
    }
}

/// The folded words of a name, hyphens kept inside words (« Jean-Marie »).
fn key_of(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the key `short` is the end of the longer `long` (« Novak » of « Alexandre Novak »),
/// or its lone first word (« Alexandre »): the rule that [`Table`] and the set of endings in
/// [`cluster`] implement with hashing (the tests check them against it).
#[cfg(test)]
fn continues(short: &[String], long: &[String]) -> bool {
    short.len() < long.len() && (long.ends_with(short) || (short.len() == 1 && long[0] == short[0]))
}

/// The gender an honorific just before byte `start` gives: « M. », « Mme », « Monsieur »…
pub(crate) fn honorific_gender(text: &str, start: usize) -> Option<Gender> {
    let before = text.get(..start)?;
    let head = before.trim_end_matches(|c: char| c.is_whitespace());
    // Most names have no honorific: every honorific ends with one of these letters (or a
    // period), before the space.
    let last = head.chars().next_back()?;
    if !matches!(last.to_ascii_lowercase(), '.' | 'm' | 'r' | 's' | 'e') {
        return None;
    }
    // The last word before the name (honorifics are ASCII): « M. », « Mme », « (Mme ».
    let word = head
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .next()
        .unwrap_or("");
    if word.len() > 12 || !word.is_ascii() {
        return None;
    }
    let word = word.to_ascii_lowercase();
    let word = word.as_str();
    match word {
        "m." | "m" | "mr" | "mr." | "monsieur" | "messieurs" => Some(Gender::Masculine),
        "mme" | "mme." | "mlle" | "mlle." | "madame" | "mademoiselle" => Some(Gender::Feminine),
        _ => None,
    }
}

/// The gender the article of a description right before a name gives: « le romancier américain
/// [Okey Ndibe] », « la militante [X] » — one to three lower-case words after « le » or « la ».
/// Nouns whose grammatical gender says nothing of the person's (« la star », « la victime »,
/// « le médecin », « le professeur ») give none.
pub(crate) fn described_gender(text: &str, start: usize) -> Option<Gender> {
    let mut lo = start.saturating_sub(80);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let before = text.get(lo..start)?;
    // A description ends with a letter and one space before the name.
    if !before.ends_with(' ') || !before.trim_end().ends_with(char::is_lowercase) {
        return None;
    }
    let mut words = before.split_whitespace().rev();
    // The words are read as written (lower case, checked): no folding.
    let mut noun: Option<&str> = None;
    let article = |w: &str| {
        if w.eq_ignore_ascii_case("le") {
            Some(Gender::Masculine)
        } else if w.eq_ignore_ascii_case("la") {
            Some(Gender::Feminine)
        } else {
            None
        }
    };
    for (nouns, w) in words.by_ref().enumerate() {
        if !w.chars().all(|c| c.is_lowercase() || c == '-') {
            // The article may open a sentence: « Le romancier X ».
            return article(w).filter(|_| noun.is_some_and(|n| !epicene(n)));
        }
        if let Some(g) = article(w) {
            let noun = noun?;
            // « comme le souligne X », « ainsi que l'explique X »: an object pronoun and a
            // verb, not an article and a noun.
            let pronoun = words
                .next()
                .is_some_and(|w| matches!(w, "comme" | "que" | "qu'" | "qu’" | "ne" | "le"));
            return (!epicene(noun) && !pronoun).then_some(g);
        }
        // « la femme du président X », « le fils de X »: the name is someone else's;
        // « la dernière fois que X »: a clause, not a description.
        if matches!(
            w,
            "de" | "du"
                | "des"
                | "au"
                | "aux"
                | "et"
                | "ou"
                | "où"
                | "les"
                | "un"
                | "une"
                | "que"
                | "qui"
                | "quand"
                | "comme"
                | "si"
                | "ne"
                | "pas"
                | "se"
                | "sa"
                | "son"
                | "ses"
                | "il"
                | "elle"
                | "on"
                | "y"
                | "en"
                | "a"
                | "à"
                | "est"
                | "ont"
                | "sont"
                | "par"
                | "pour"
                | "avec"
                | "sans"
                | "sur"
                | "sous"
                | "dans"
                | "entre"
                | "vers"
                | "chez"
                | "selon"
                | "après"
                | "apres"
                | "avant"
                | "contre"
                | "lors"
                | "fois"
                | "dont"
        ) || w.contains(['\'', '’'])
            || nouns == 3
        {
            return None;
        }
        noun = Some(w);
    }
    None
}

/// Nouns whose grammatical gender is not the person's: « la star », « la victime », « la
/// personnalité »; « le médecin », « le professeur », « le juge » (said of women too). Nouns of
/// one form for both (« le/la journaliste ») are not among them: their article tells.
fn epicene(noun: &str) -> bool {
    matches!(
        noun,
        "star"
            | "vedette"
            | "victime"
            | "personne"
            | "personnalité"
            | "recrue"
            | "sentinelle"
            | "célébrité"
            | "icône"
            | "idole"
            | "figure"
            | "légende"
            | "mannequin"
            | "témoin"
            | "médecin"
            | "docteur"
            | "professeur"
            | "juge"
            | "maire"
            | "ministre"
            | "auteur"
            | "écrivain"
            | "peintre"
            | "chef"
            | "ingénieur"
            | "procureur"
            | "avocat"
            | "capitaine"
    )
}

/// A person's gender from its mentions: an honorific before one, else the first name of its
/// longest key when the first-name list gives it one gender.
fn person_gender<'m>(ms: impl Iterator<Item = &'m M> + Clone, lex: &Lexicon) -> Option<Gender> {
    if let Some(g) = ms.clone().find_map(|m| m.gender) {
        return Some(g);
    }
    let longest = ms.max_by_key(|m| m.key.len())?;
    if longest.key.len() < 2 {
        return None;
    }
    first_name_gender(&longest.key[0], lex)
}

/// The gender of a first name, when the list gives it one (« Aminata »: feminine).
pub(crate) fn first_name_gender(folded: &str, lex: &Lexicon) -> Option<Gender> {
    // « Jean-Marie »: the first part tells.
    let first = folded.split('-').next().unwrap_or(folded);
    let (_, e) = lex.word_of(first, EntryKind::FirstName)?;
    match (e.has(MASC), e.has(FEM)) {
        (true, false) => Some(Gender::Masculine),
        (false, true) => Some(Gender::Feminine),
        _ => None,
    }
}

/// The canonical name among a person's mentions: the one of most words, then most letters;
/// a form with fewer words in capitals before one with more (« Ousmane Sonko » over « Ousmane
/// SONKO » and « OUSMANE SONKO »).
fn canonical_name<'e>(es: impl Iterator<Item = &'e Entity>) -> String {
    es.max_by_key(|e| {
        let words = e.text.split_whitespace().count();
        // Words not all in capitals: « Ousmane Sonko » over « Ousmane SONKO ».
        let caps = e
            .text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_lowercase))
            .count();
        (
            words,
            caps,
            e.text.chars().count(),
            std::cmp::Reverse(e.start),
        )
    })
    .map(|e| e.text.clone())
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys() {
        let k = |s: &str| key_of(s);
        assert!(continues(&k("Novak"), &k("Alexandre Novak")));
        assert!(continues(&k("Le Pen"), &k("Jean-Marie Le Pen")));
        assert!(continues(&k("Alexandre"), &k("Alexandre Novak")));
        assert!(!continues(&k("Alexandre Novak"), &k("Alexandre Novak")));
        assert!(!continues(&k("Marie"), &k("Jean-Marie Le Pen")));
        assert!(continues(&k("NOVAK"), &k("Alexandre Novak")));
    }

    #[test]
    fn the_table_continues_as_the_rule_says() {
        let names = [
            "Alexandre Novak",
            "Novak",
            "Alexandre",
            "Marine Le Pen",
            "Jean-Marie Le Pen",
            "Le Pen",
            "Pen",
            "Jean-Marie",
            "Novak Novak",
        ];
        let keys: Vec<Vec<String>> = names.iter().map(|n| key_of(n)).collect();
        let mut table = Table::default();
        for key in &keys {
            table.open(key);
        }
        for short in &keys {
            let expected: Vec<usize> = (0..keys.len())
                .filter(|&p| continues(short, &keys[p]))
                .collect();
            let got = table.continuing.get(short.as_slice()).cloned();
            assert_eq!(got.unwrap_or_default(), expected, "{short:?}");
        }
    }

    #[test]
    fn honorifics() {
        let t = "Puis M. Novak et Mme Diarra, puis Madame Sy et Traoré.";
        let at = |w: &str| t.find(w).unwrap();
        assert_eq!(honorific_gender(t, at("Novak")), Some(Gender::Masculine));
        assert_eq!(honorific_gender(t, at("Diarra")), Some(Gender::Feminine));
        assert_eq!(honorific_gender(t, at("Sy")), Some(Gender::Feminine));
        assert_eq!(honorific_gender(t, at("Traoré")), None);
    }

    #[test]
    fn a_description_before_the_name_gives_its_gender() {
        let g = |t: &str| described_gender(t, t.find('X').unwrap());
        assert_eq!(g("Le romancier américain X a dit"), Some(Gender::Masculine));
        assert_eq!(g("selon la militante X"), Some(Gender::Feminine));
        assert_eq!(g("a indiqué la journaliste X"), Some(Gender::Feminine));
        // The name is someone else's, the noun says nothing of the person, no article.
        assert_eq!(g("la femme du président X"), None);
        assert_eq!(g("la star américaine X"), None);
        assert_eq!(g("le médecin X"), None);
        assert_eq!(g("l'analyste X"), None);
        assert_eq!(g("avec X"), None);
        assert_eq!(g("la très grande et belle X"), None);
        assert_eq!(g("Le Premier ministre X"), None);
        assert_eq!(g("Et comme le souligne X"), None);
        assert_eq!(g("La dernière fois que X"), None);
    }
}
