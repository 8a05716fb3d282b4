//! Titles and affiliations of persons.
//!
//! Read off the flat entities and the few words between them, in this order:
//!
//! 1. *title before the name*: a title, its complements (« du [Mali] », « nigérien »), then the
//!    name (« le président nigérien Mohamed Bazoum ») or, after « , le », another title of the
//!    same person (« le Premier ministre, le général de division Abdoulaye Maïga »);
//! 2. *apposition*: the name, a comma, a title and its complements, closed by punctuation
//!    (« Alexandre Novak, vice-Premier ministre de la Fédération de Russie, »), and the titles
//!    that follow it with « également », « et » (« X, ministre des Finances et porte-parole du
//!    gouvernement »); with an article (« X, le président du Sénat, ») the title must be closed
//!    by punctuation, so that a new clause (« Après avoir reçu X, le ministre a dit ») is no
//!    apposition;
//! 3. *back reference*: a title used alone after an article (« le vice-Premier ministre a
//!    ajouté ») names the one person already given that title, if only one was;
//! 4. *affiliation*: the first title of a person that has a complement naming a country or an
//!    organisation (« du Mali », « de l'ONU », « malien »), else a demonym just before the name
//!    (« l'Allemande Kristin Möller »), else — for a person with a title whose country the text
//!    does not say — the country the article is about, when one country is named clearly more
//!    often than any other.

use super::text::{fold, View};
use super::{Affiliation, Gender, Mention, Person, Ref, Relation, RelationKind};
use crate::entity::{Entity, Kind, Place, Value};
use crate::fxhash::FxMap;
use crate::gazetteer::Lexicon;

/// Gives each person the titles the text gives them and their affiliation, and records the
/// person–title, title–affiliation and person–affiliation relations.
pub(crate) fn link(
    view: &View<'_>,
    entities: &[Entity],
    persons: &mut [Person],
    relations: &mut Vec<Relation>,
    _lex: &Lexicon,
) {
    let n = entities.len();
    // Person of each entity.
    let mut person_of: Vec<Option<usize>> = vec![None; n];
    for (p, person) in persons.iter().enumerate() {
        for m in &person.mentions {
            person_of[m.entity] = Some(p);
        }
    }
    // The folded words between each entity and the next; only short gaps are read (the
    // constructions are a few words long), longer ones are left empty (no construction reads
    // an empty gap), and so are the gaps no construction reads: those after an entity that is
    // not a title, a person, a demonym or in a title's complement.
    let read = |i: usize| {
        let read_after = |k: Kind| matches!(k, Kind::Title | Kind::Person | Kind::Demonym);
        // A title's complement may take two entities (« ambassadeur de [France] au [Niger] »).
        read_after(entities[i].kind)
            || (1..=2).any(|d| i >= d && entities[i - d].kind == Kind::Title)
    };
    let gaps: Vec<String> = (0..n)
        .map(|i| match entities.get(i + 1) {
            Some(next) if next.start.saturating_sub(entities[i].end) <= MAX_GAP && read(i) => {
                fold(view.gap(entities[i].end, next.start))
            }
            // No construction reads an empty gap: this one allocates nothing.
            _ => String::new(),
        })
        .collect();
    // Per title entity: its holder, and its affiliation (with the entity that gives it).
    let mut holder: Vec<Option<usize>> = vec![None; n];
    let affiliation: Vec<Option<(Affiliation, usize)>> = (0..n)
        .map(|i| {
            if entities[i].kind == Kind::Title {
                complement(entities, &gaps, i)
            } else {
                None
            }
        })
        .collect();
    // The end of a title's complements: the last entity of « président de la Transition du
    // Mali » (the title itself when none).
    let complement_end = |i: usize| -> usize {
        match &affiliation[i] {
            Some((_, j)) => *j,
            None => i,
        }
    };

    // 1. Titles before the name.
    let mut i = 0;
    while i < n {
        if entities[i].kind != Kind::Title || holder[i].is_some() {
            i += 1;
            continue;
        }
        let mut chain = vec![i];
        let mut j = i;
        // « Roger Tawes, porte-parole de la police, George Anagonou, … »: a title in apposition
        // to the name before it names no one after a comma.
        let appositive = i > 0
            && entities[i - 1].kind == Kind::Person
            && matches!(gaps[i - 1].as_str(), ", " | " , ");
        let found = loop {
            let k = complement_end(j);
            let Some(next) = entities.get(k + 1) else {
                break None;
            };
            let rest = after_portfolio(view, entities, k);
            let g = rest.as_deref().unwrap_or(gaps[k].as_str());
            match next.kind {
                Kind::Person
                    if g == " "
                        || matches!(g, ", " | " , ") && !appositive
                        || trailing_qualifier(g) =>
                {
                    break person_of[k + 1]
                }
                Kind::Title if matches!(g, ", le " | ", la " | ", l'" | " , le " | " , la ") => {
                    chain.push(k + 1);
                    j = k + 1;
                }
                Kind::Title if g == " " => {
                    chain.push(k + 1);
                    j = k + 1;
                }
                _ => break None,
            }
        };
        let last = *chain.last().unwrap_or(&i);
        if let Some(p) = found {
            for &t in &chain {
                holder[t] = Some(p);
            }
        }
        i = last.max(i) + 1;
    }

    // 2. Appositions after the name.
    for i in 0..n {
        if entities[i].kind != Kind::Person {
            continue;
        }
        let Some(p) = person_of[i] else { continue };
        let mut k = i;
        let mut first = true;
        while let Some(next) = entities.get(k + 1) {
            if next.kind != Kind::Title || holder[k + 1].is_some() {
                break;
            }
            let g = gaps[k].as_str();
            let (ok, needs_close) = if first {
                apposition_opening(g)
            } else {
                (next_title(g) || next_title(skip_noun(g)), false)
            };
            if !ok {
                break;
            }
            let t = k + 1;
            let end = complement_end(t);
            if needs_close && !closed(view, entities, end) {
                break;
            }
            holder[t] = Some(p);
            k = end;
            first = false;
        }
    }

    // 2b. Titles as predicates: « X a été nommé ministre de … », « X est devenu député »,
    // « X, élu président en 2016, ».
    for i in 0..n.saturating_sub(1) {
        if entities[i].kind != Kind::Person || entities[i + 1].kind != Kind::Title {
            continue;
        }
        let (Some(p), None) = (person_of[i], holder[i + 1]) else {
            continue;
        };
        if predicate(&gaps[i]) {
            holder[i + 1] = Some(p);
        }
    }

    // 3. Titles used alone that refer back to a person given that title before.
    // Per key (qualifiers and folded title): the distinct (person, lower-case portfolio) pairs
    // given so far — few, however many times a title recurs, so each look-up is short.
    let mut given: FxMap<String, Vec<(usize, Option<String>)>> = FxMap::default();
    for i in 0..n {
        if entities[i].kind != Kind::Title {
            continue;
        }
        // « l'ancien président » is not « le président »: the qualifiers are part of the key.
        let key = |i: usize| {
            format!(
                "{}{}",
                qualifiers(view.text, &entities[i]),
                fold(&entities[i].text)
            )
        };
        if let Some(p) = holder[i] {
            let office = lower_portfolio_after(view.text, entities[i].end);
            let holders = given.entry(key(i)).or_default();
            if !holders.iter().any(|(q, o)| *q == p && *o == office) {
                holders.push((p, office));
            }
            continue;
        }
        if given.is_empty() || !after_article(view.text, entities[i].start) {
            continue;
        }
        let Some(holders) = given.get(&key(i)) else {
            continue;
        };
        // « le ministre [de la réconciliation nationale] »: only a holder of that office.
        let office = lower_portfolio_after(view.text, entities[i].end);
        let mut who: Vec<usize> = holders
            .iter()
            .filter(|(_, o)| office.is_none() || *o == office)
            .map(|&(p, _)| p)
            .collect();
        who.sort_unstable();
        who.dedup();
        if let [p] = who.as_slice() {
            holder[i] = Some(*p);
        }
    }

    // Titles, gender, relations.
    for i in 0..n {
        let Some(p) = holder[i] else { continue };
        persons[p].titles.push(Mention::of(entities, i));
        let g = title_gender(view.text, &entities[i]);
        // A feminine title (« la ministre », « présidente ») tells more than the first-name
        // list (« Yassine »), less than an honorific (« M. »).
        let overrides = g == Some(Gender::Feminine)
            && persons[p].gender == Some(Gender::Masculine)
            && !persons[p]
                .mentions
                .iter()
                .any(|m| super::persons::honorific_gender(view.text, m.span.start).is_some());
        if persons[p].gender.is_none() || overrides {
            persons[p].gender = g;
        }
        relations.push(Relation {
            kind: RelationKind::PersonTitle,
            from: Ref::Person(p),
            to: Ref::Entity(i),
            evidence: evidence(view, entities, i, p, persons),
        });
        if let Some((a, j)) = &affiliation[i] {
            relations.push(Relation {
                kind: RelationKind::TitleAffiliation,
                from: Ref::Entity(i),
                to: affiliation_ref(a),
                evidence: view.span(entities[i].start, entities[*j].end),
            });
        }
    }
    for person in persons.iter_mut() {
        person.titles.sort_by_key(|m| m.entity);
    }

    // 4. Affiliations.
    let dominant = dominant_country(entities);
    for (p, person) in persons.iter_mut().enumerate() {
        let from_title = person.titles.iter().find_map(|t| {
            affiliation[t.entity]
                .as_ref()
                .map(|(a, j)| (a.clone(), t.entity, *j))
        });
        let found = from_title.or_else(|| {
            person.mentions.iter().find_map(|m| {
                let i = m.entity;
                let prev = i.checked_sub(1)?;
                let e = &entities[prev];
                if e.kind == Kind::Demonym && gaps[prev] == " " {
                    single_country(e).map(|c| (Affiliation::Country(c), prev, i))
                } else {
                    None
                }
            })
        });
        // « Henri Konan Bédié, du PDCI, », « Alla Konstantinova de Mediazona », « Mamadou
        // Faye, BBC Afrique » (a byline), « Benoît Hamon (PS) »: the organisation after a name.
        let found = found.or_else(|| {
            person.mentions.iter().find_map(|m| {
                let i = m.entity;
                let e = entities.get(i + 1)?;
                if e.kind != Kind::Organisation {
                    return None;
                }
                let g = gaps[i].as_str();
                let of = matches!(
                    g,
                    " de "
                        | " du "
                        | " de la "
                        | " de l'"
                        | ", du "
                        | ", de la "
                        | ", de l'"
                        | ", de "
                );
                let byline = matches!(g, ", " | " (") && closed(view, entities, i + 1);
                // « Ibrahim Boubacar Keïta (IBK) » is the person's own acronym.
                let own = crate::rules::initials_fit(&e.text, &entities[i].text);
                if !(of || byline) || own {
                    return None;
                }
                let name = match &e.value {
                    Some(Value::Name(n)) => n.clone(),
                    _ => e.text.clone(),
                };
                Some((Affiliation::Organisation(name), i, i + 1))
            })
        });
        let found = found.or_else(|| {
            let t = person.titles.first()?.entity;
            let (code, at) = context_country(view.text, entities, t, dominant.as_ref())?;
            Some((Affiliation::Country(code), t, at))
        });
        if let Some((a, from, to)) = found {
            let (s, e) = (from.min(to), from.max(to));
            relations.push(Relation {
                kind: RelationKind::PersonAffiliation,
                from: Ref::Person(p),
                to: affiliation_ref(&a),
                evidence: view.span(entities[s].start, entities[e].end),
            });
            person.affiliation = Some(a);
        }
    }
}

/// The longest gap between two entities, in bytes, that the constructions read.
const MAX_GAP: usize = 64;

/// The words between entity `k` (a title, or a demonym after one) and the next one, folded,
/// after a portfolio the flat entities leave outside the title: « le ministre malien [des
/// Affaires étrangères], Abdoulaye Diop », « le président [de la transition], Bah N'Daw ».
/// None when no portfolio follows. The portfolio opens with
/// « de », « du », « des », « de la », « de l' », « d' » and a capitalised word, and goes on
/// with capitalised words, « et », « de »… and adjectives (« étrangères »); other lower-case
/// words only when a comma closes it, so that a verb (« de la Santé a reçu X ») ends it.
fn after_portfolio(view: &View<'_>, entities: &[Entity], k: usize) -> Option<String> {
    if !matches!(entities[k].kind, Kind::Demonym | Kind::Title) {
        return None;
    }
    let next = entities.get(k + 1)?;
    if next.start - entities[k].end > MAX_GAP {
        return None;
    }
    let raw = view.gap(entities[k].end, next.start);
    let words: Vec<(usize, &str)> = raw
        .split_inclusive([' ', '\u{a0}', '\'', '’'])
        .scan(0, |at, w| {
            let s = *at;
            *at += w.len();
            Some((s, w))
        })
        .collect();
    // The preposition, then a capitalised word.
    let connector = |w: &str| {
        matches!(
            fold(w).trim_end(),
            "de" | "du" | "des" | "la" | "l'" | "d'" | "et" | "aux" | "a" | "au"
        )
    };
    let mut n = 0;
    while n < words.len() && words[n].1.trim().is_empty() {
        n += 1;
    }
    let first = n;
    while n < words.len() && connector(words[n].1) {
        n += 1;
    }
    if n == first || !fold(words[first].1).starts_with(['d']) {
        return None;
    }
    // A portfolio in lower case (« le président de la transition, Bah N'Daw ») only when a
    // comma closes it, in four words at most, and not an infinitive (« au ministre de
    // recevoir X »).
    let head = words.get(n)?.1.trim_end_matches([' ', '\u{a0}', ',']);
    let lower_head = head.starts_with(char::is_lowercase);
    let bare_de = matches!(fold(words[n - 1].1).trim_end(), "de" | "d'");
    let infinitive = fold(head);
    if lower_head
        && (words.len() - n > 4
            || bare_de
                && ((infinitive.ends_with("er") && !infinitive.ends_with("ier"))
                    || infinitive.ends_with("ir")
                    || infinitive.ends_with("re")))
    {
        return None;
    }
    if !lower_head && !head.starts_with(char::is_uppercase) {
        return None;
    }
    // The portfolio's end: after its last word that is not a connector.
    let mut end = None;
    let mut lower = false;
    for &(at, w) in &words[n..] {
        let core = w.trim_end_matches([' ', '\u{a0}']);
        let word = core.trim_end_matches(',');
        if word.is_empty() || !word.chars().all(|c| c.is_alphabetic() || "-'’".contains(c)) {
            break;
        }
        if !connector(word) {
            lower |= word.starts_with(char::is_lowercase) && !portfolio_adjective(word);
            end = Some(at + word.len());
        }
        if core.ends_with(',') {
            break;
        }
    }
    let end = end?;
    let rest = &raw[end..];
    if (lower || lower_head) && !rest.trim_start().starts_with(',') {
        return None;
    }
    Some(fold(rest))
}

/// An adjective of a portfolio after its capitalised noun (« étrangères », « territoriale »,
/// « publique », « nationale »), by its ending: a verb (« a reçu ») has none of these.
fn portfolio_adjective(w: &str) -> bool {
    let w = fold(w);
    w.chars().count() >= 5
        && [
            "ale", "ales", "aux", "ere", "eres", "ique", "iques", "elle", "elles", "aire", "aires",
            "ienne", "iennes", "ee", "ees",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// The complement of title `i` that says whom it belongs to: « de la [Fédération de Russie] »,
/// « du [Mali] », « de l'[ONU] », « [malien] », with the entity that gives it.
fn complement(entities: &[Entity], gaps: &[String], i: usize) -> Option<(Affiliation, usize)> {
    let next = entities.get(i + 1)?;
    let g = after_noun(gaps[i].as_str());
    let of = OF.contains(&g);
    let found = match next.kind {
        Kind::Location if of && next.place == Some(Place::Country) => match &next.value {
            Some(Value::Country(c)) => Some((Affiliation::Country(c.clone()), i + 1)),
            _ => None,
        },
        Kind::Organisation if of => {
            let name = match &next.value {
                Some(Value::Name(n)) => n.clone(),
                _ => next.text.clone(),
            };
            Some((Affiliation::Organisation(name), i + 1))
        }
        Kind::Demonym if g == " " => single_country(next).map(|c| (Affiliation::Country(c), i + 1)),
        _ => None,
    };
    // The posting after the country: « ambassadeur de France [au Niger] ».
    found.map(|(a, j)| match entities.get(j + 1) {
        Some(n)
            if n.kind == Kind::Location
                && matches!(
                    gaps[j].as_str(),
                    " au "
                        | " aux "
                        | " en "
                        | " a "
                        | " aupres du "
                        | " aupres de la "
                        | " aupres de l'"
                        | " aupres des "
                ) =>
        {
            (a, j + 1)
        }
        _ => (a, j),
    })
}

/// A gap between a title and its complement, with a common noun of one or two words skipped:
/// « porte-parole [du gouvernement] du Niger », « président [de la Commission] de la CEDEAO »
/// give « du », « de la »; other gaps are returned as they are.
fn after_noun(g: &str) -> &str {
    skip_common_noun(g, &[' ', '\''], |rest| OF.contains(&rest))
}

/// The prepositions that open a noun complement: « de la », « du »…
const OF: [&str; 6] = [" de la ", " de l'", " du ", " des ", " de ", " d'"];

/// A gap with a common noun of one or two words after its preposition skipped (« [du
/// gouvernement] »), when what follows the noun is `wanted` (the noun ends at one of `ends`):
/// what follows; the gap itself otherwise.
fn skip_common_noun<'g>(g: &'g str, ends: &[char], wanted: impl Fn(&str) -> bool) -> &'g str {
    let Some(mut rest) = OF.iter().find_map(|p| g.strip_prefix(p)) else {
        return g;
    };
    for _ in 0..2 {
        let end = rest.find(ends).unwrap_or(rest.len());
        let w = &rest[..end];
        if w.chars().count() < 4 || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return g;
        }
        rest = &rest[end..];
        if wanted(rest) {
            return rest;
        }
        rest = match rest.strip_prefix(' ') {
            Some(r) => r,
            None => return g,
        };
    }
    g
}

/// The country of a demonym that names one.
fn single_country(e: &Entity) -> Option<String> {
    match &e.value {
        Some(Value::Countries(cs)) if cs.len() == 1 => Some(cs[0].clone()),
        _ => None,
    }
}

/// Whether the folded words between a name and a title open an apposition, and whether the
/// title must then be closed by punctuation (after an article).
fn apposition_opening(g: &str) -> (bool, bool) {
    let Some(rest) = g.strip_prefix(", ").or_else(|| g.strip_prefix(" , ")) else {
        // « Abdoulaye Diop (ministre des Affaires étrangères) ».
        return (g == " (", false);
    };
    // « X, le célèbre ancien président »: an article, then at most two qualifiers.
    let (article, rest) = match rest {
        r if r.starts_with("l'") => (true, &r[2..]),
        r if r.starts_with("le ") || r.starts_with("la ") => (true, &r[3..]),
        r => (false, r),
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let ok = words.len() <= 2
        && words.iter().all(|w| {
            is_qualifier(w)
                || !article
                    && matches!(
                        *w,
                        "egalement" | "alors" | "desormais" | "lui-meme" | "elle-meme"
                    )
        });
    (ok, article && ok)
}

/// A word that qualifies a title before it (« ancien », « actuel », « célèbre »), folded.
fn is_qualifier(w: &str) -> bool {
    matches!(
        w,
        "ancien"
            | "ancienne"
            | "actuel"
            | "actuelle"
            | "nouveau"
            | "nouvel"
            | "nouvelle"
            | "futur"
            | "future"
            | "celebre"
            | "puissant"
            | "puissante"
            | "tout-puissant"
            | "influent"
            | "influente"
            | "defunt"
            | "defunte"
            | "regrette"
            | "regrettee"
            | "emblematique"
            | "charismatique"
            | "controverse"
            | "controversee"
            | "populaire"
            | "jeune"
            | "vieux"
            | "principal"
            | "principale"
            | "entrant"
            | "entrante"
    )
}

/// Whether the gap between a title and a name is a qualifier of the title: « le président
/// [actuel, ]Adama Barrow », « le président [élu ]X ».
fn trailing_qualifier(g: &str) -> bool {
    let Some(rest) = g.strip_prefix(' ') else {
        return false;
    };
    let (w, tail) = rest.split_at(rest.find([',', ' ']).unwrap_or(rest.len()));
    matches!(tail, " " | ", " | " , ")
        && (is_qualifier(w)
            || matches!(
                w,
                "sortant" | "sortante" | "elu" | "elue" | "interimaire" | "designe" | "designee"
            ))
}

/// Whether the folded words between a name and a title make the title a predicate of the
/// name: « a été nommé », « est devenu », « a été élu », « , nommé », « , élue », « qui est ».
fn predicate(g: &str) -> bool {
    let g = g.trim();
    let g = g.strip_prefix(", ").unwrap_or(g);
    let g = g.strip_prefix("qui ").unwrap_or(g);
    let (verb, rest) = match g.split_once(' ') {
        Some((a, r)) if matches!(a, "a" | "avait" | "aura" | "sera" | "est" | "etait" | "fut") => {
            (r, a)
        }
        _ => (g, ""),
    };
    // « a été nommé » is passive; « a nommé » names someone else.
    let passive = verb.starts_with("ete ");
    if matches!(rest, "a" | "avait" | "aura") && !passive {
        return false;
    }
    let verb = verb.strip_prefix("ete ").unwrap_or(verb);
    let verb = verb.strip_suffix(" au poste de").unwrap_or(verb);
    let verb = verb
        .trim_end_matches(" le")
        .trim_end_matches(" la")
        .trim_end_matches(" l'");
    let participle = matches!(
        verb,
        "nomme"
            | "nommee"
            | "elu"
            | "elue"
            | "reelu"
            | "reelue"
            | "designe"
            | "designee"
            | "reconduit"
            | "reconduite"
            | "investi"
            | "investie"
            | "promu"
            | "promue"
            | "devenu"
            | "devenue"
            | "intronise"
            | "intronisee"
    );
    // « , nommé ministre, » stands alone, « a été nommé » and « est devenu » with their
    // auxiliary. « est ministre » (a plain copula) is left out: « X est ministre de la Justice
    // depuis » is rarer than « X est ministre … qui » misreadings.
    participle
}

/// The qualifiers of a title that tell another holder, as a key: those before it (« l'ancien »,
/// « le nouveau », two at most) and one after it (« élu »), by their first four letters
/// (« ancien » and « ancienne » alike), each followed by a space.
fn qualifiers(text: &str, e: &Entity) -> String {
    let mut lo = e.start.saturating_sub(40);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let before = fold(&text[lo..e.start]);
    let mut found: Vec<String> = Vec::new();
    // Only the qualifiers that change who holds the title count: « l'ancien président » is
    // another person than « le président », « le président actuel » or « sortant » the same.
    let temporal = |w: &str| {
        matches!(
            w,
            "ancien"
                | "ancienne"
                | "futur"
                | "future"
                | "defunt"
                | "defunte"
                | "regrette"
                | "regrettee"
                | "nouveau"
                | "nouvel"
                | "nouvelle"
                | "ex"
                | "entrant"
                | "entrante"
        )
    };
    for w in before.split_whitespace().rev().take(2) {
        let w = w.strip_prefix("l'").unwrap_or(w);
        if !is_qualifier(w) {
            break;
        }
        if temporal(w) {
            found.push(w.chars().take(4).collect());
        }
    }
    let mut hi = (e.end + 24).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let after = fold(&text[e.end..hi]);
    if let Some(w) = after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())
    {
        if temporal(w) || matches!(w, "elu" | "elue") {
            found.push(w.chars().take(4).collect());
        }
    }
    found.sort();
    found.iter().map(|w| format!("{w} ")).collect()
}

/// Whether the folded words between two titles of an apposition go on with the same person's
/// titles: « , également », « et », « , mais aussi », « , ainsi que », a bare comma
/// (« ministre d'État, ministre de la Défense »), each maybe with « ancien », « actuel »…
/// (« sénatrice, également ancienne ministre »).
fn next_title(g: &str) -> bool {
    const LINKS: [&str; 8] = [
        ", egalement ",
        ", mais aussi ",
        " mais aussi ",
        " et egalement ",
        ", ainsi que ",
        ", et ",
        " et ",
        ", ",
    ];
    LINKS.iter().filter_map(|l| g.strip_prefix(l)).any(|rest| {
        matches!(
            rest,
            "" | "ancien " | "ancienne " | "actuel " | "actuelle " | "egalement " | "aussi "
        )
    })
}

/// A gap with the common noun that completes the title before it skipped: « porte-parole [du
/// gouvernement] et député » gives « et ». The gap itself when it opens with no such noun.
fn skip_noun(g: &str) -> &str {
    skip_common_noun(g, &[' ', ','], next_title)
}

/// Whether punctuation (or the end of the text or of a line) follows entity `i`, allowing
/// between them a qualifier of the title (« en exil », « par intérim », « sortant ») and a
/// place after « de » (« le procureur de [Dallas], »).
fn closed(view: &View<'_>, entities: &[Entity], i: usize) -> bool {
    let pads = [' ', '\u{a0}', '\u{202f}', '\t'];
    let mut end = entities[i].end;
    let mut next = i + 1;
    for _ in 0..2 {
        let rest = view.text[end..].trim_start_matches(pads);
        let at = view.text.len() - rest.len();
        // « de Dallas », « du Texas »: a place or an organisation named right after.
        if let Some(e) = entities.get(next) {
            let gap = fold(view.gap(end, e.start));
            if OF.contains(&gap.as_str()) && matches!(e.kind, Kind::Location | Kind::Organisation) {
                end = e.end;
                next += 1;
                continue;
            }
        }
        let mut cut = rest.len().min(24);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let f = fold(&rest[..cut]);
        let tail = [
            "en exil",
            "par interim",
            "sortant",
            "sortante",
            "en exercice",
            "en fonction",
            "en poste",
            "dechu",
            "dechue",
            "de facto",
        ]
        .into_iter()
        .find(|t| f.starts_with(t) && !f[t.len()..].starts_with(char::is_alphanumeric));
        match tail {
            Some(t) => {
                // The folded tail has as many chars as the text's (accents fold one to one).
                let n: usize = rest
                    .chars()
                    .take(t.chars().count())
                    .map(char::len_utf8)
                    .sum();
                end = at + n;
            }
            None => break,
        }
    }
    let rest = view.text[end..].trim_start_matches(pads);
    rest.is_empty()
        || rest.starts_with([',', '.', ';', ':', ')', '»', '\n', '\r', '!', '?', '”', '"'])
}

/// Whether an article that refers back (« le », « la », « l' », « ce », « cette ») stands just
/// before byte `start`.
fn after_article(text: &str, start: usize) -> bool {
    let mut lo = start.saturating_sub(40);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let f = fold(&text[lo..start]);
    // « l'ancien président », « le président »: qualifiers between are skipped (two at most).
    let mut words: Vec<&str> = f
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    for _ in 0..2 {
        match words.last() {
            Some(w) if is_qualifier(w) => {
                words.pop();
            }
            Some(w) if w.starts_with("l'") && is_qualifier(&w[2..]) => {
                return true;
            }
            _ => break,
        }
    }
    let Some(w) = words.last() else {
        return false;
    };
    w.rsplit(|c: char| !(c.is_alphanumeric() || c == '\''))
        .next()
        .is_some_and(|w| matches!(w, "le" | "la" | "ce" | "cette" | "du" | "au" | "l'"))
}

/// A portfolio in lower case that the flat title leaves out, after byte `end`, folded: its
/// preposition and first word (« le ministre [de la réconciliation] nationale » is another
/// office than « le ministre » of another portfolio).
fn lower_portfolio_after(text: &str, end: usize) -> Option<String> {
    let mut to = (end + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let rest = text[end..to].strip_prefix(' ')?;
    let (p, head) = ["de la ", "de l'", "de l’", "du ", "des ", "de ", "d'", "d’"]
        .iter()
        .find_map(|p| rest.strip_prefix(p).map(|h| (p, h)))?;
    if !head.starts_with(char::is_lowercase) {
        return None;
    }
    let word = head.split([' ', ',', '.', ';']).next().unwrap_or("");
    Some(fold(&format!("{p}{word}")))
}

/// The gender a title gives its holder: « la ministre », « présidente ».
fn title_gender(text: &str, e: &Entity) -> Option<Gender> {
    let before: String = {
        let mut cs: Vec<char> = text[..e.start].chars().rev().take(6).collect();
        cs.reverse();
        cs.into_iter().collect()
    };
    let b = fold(&before);
    let b = b.trim_end();
    if b.ends_with(" la") || b == "la" || b.ends_with(" cette") {
        return Some(Gender::Feminine);
    }
    let head = fold(&e.text);
    let head = head.split([' ', '-']).find(|w| *w != "vice").unwrap_or("");
    if head.ends_with("ente")
        || head.ends_with("trice")
        || head.ends_with("euse")
        || head.ends_with("iere")
        || head.ends_with("ere") && head != "pere" && head != "frere"
        || matches!(
            head,
            "premiere" | "deputee" | "deleguee" | "chargee" | "elue"
        )
    {
        return Some(Gender::Feminine);
    }
    if b.ends_with(" le") || b == "le" || b.ends_with(" du") || b.ends_with(" au") {
        return Some(Gender::Masculine);
    }
    None
}

/// The text that shows that person `p` holds title `t`: from the nearest of its mentions to
/// the title.
fn evidence(
    view: &View<'_>,
    entities: &[Entity],
    t: usize,
    p: usize,
    persons: &[Person],
) -> super::Span {
    let te = &entities[t];
    // The mentions are in text order: the nearest is one of the two around the title.
    let ms = &persons[p].mentions;
    let k = ms.partition_point(|m| m.entity < t);
    let near = ms[k.saturating_sub(1)..(k + 1).min(ms.len())]
        .iter()
        .map(|m| &entities[m.entity])
        .min_by_key(|e| {
            if e.start >= te.end {
                e.start - te.end
            } else {
                te.start.saturating_sub(e.end)
            }
        });
    match near {
        Some(m) if m.start.abs_diff(te.start) < 400 => {
            view.span(m.start.min(te.start), m.end.max(te.end))
        }
        _ => super::Span::of(te),
    }
}

fn affiliation_ref(a: &Affiliation) -> Ref {
    match a {
        Affiliation::Country(c) => Ref::Country(c.clone()),
        Affiliation::Organisation(o) => Ref::Organisation(o.clone()),
    }
}

/// The country an entity names: a country, or a demonym of one country.
fn country_of(e: &Entity) -> Option<String> {
    match (&e.kind, &e.value) {
        (Kind::Location, Some(Value::Country(c))) => Some(c.clone()),
        (Kind::Demonym, _) => single_country(e),
        _ => None,
    }
}

/// The country the article is about: the one named most often (countries and demonyms that
/// name one), if it is named at least twice and more often than any other; whether it is named
/// at least three times and in at least three mentions of five (the article is about it
/// throughout, not one story of a digest). Returns the code, the index of its first mention,
/// and that strength.
fn dominant_country(entities: &[Entity]) -> Option<Dominant> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut total = 0;
    for (i, e) in entities.iter().enumerate() {
        let Some(code) = country_of(e) else { continue };
        total += 1;
        match counts.iter_mut().find(|(c, _, _)| *c == code) {
            Some(x) => x.1 += 1,
            None => counts.push((code, 1, i)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let (c, n, i) = match counts.as_slice() {
        [(c, n, i)] if *n >= 2 => (c, *n, *i),
        [(c, n, i), (_, m, _), ..] if *n >= 2 && *n > *m => (c, *n, *i),
        _ => return None,
    };
    Some(Dominant {
        code: c.clone(),
        first: i,
        throughout: n >= 3 && 5 * n >= 3 * total,
    })
}

/// The article's dominant country ([`dominant_country`]).
struct Dominant {
    code: String,
    first: usize,
    throughout: bool,
}

/// The country of a title that names none (« le Premier ministre »), from its context: the one
/// country its sentence names; among several, the article's dominant one if it is one of them;
/// with none, the same in its paragraph; with none there either, the dominant country only
/// when the whole article is about it. Returns the code and the entity that names it.
fn context_country(
    text: &str,
    entities: &[Entity],
    t: usize,
    dominant: Option<&Dominant>,
) -> Option<(String, usize)> {
    let e = &entities[t];
    // Demonyms count in the sentence only: further away they qualify other things (« l'ancienne
    // colonie française »).
    let pick = |from: usize, to: usize, demonyms: bool| -> Option<Option<(String, usize)>> {
        let found = countries_between(entities, from, to, demonyms);
        match found.as_slice() {
            [] => None,
            [one] => Some(Some(one.clone())),
            several => {
                Some(dominant.and_then(|d| several.iter().find(|(c, _)| *c == d.code).cloned()))
            }
        }
    };
    let (ss, se) = sentence_bounds(text, e.start, e.end);
    if let Some(r) = pick(ss, se, true) {
        return r;
    }
    let (ps, pe) = paragraph_bounds(text, e.start, e.end);
    if let Some(r) = pick(ps, pe, false) {
        return r;
    }
    let d = dominant.filter(|d| d.throughout)?;
    Some((d.code.clone(), d.first))
}

/// The distinct countries the entities between bytes `from` and `to` name (with the demonyms
/// that name one, or not), each with its first entity.
fn countries_between(
    entities: &[Entity],
    from: usize,
    to: usize,
    demonyms: bool,
) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let first = entities.partition_point(|e| e.start < from);
    for (k, e) in entities.iter().enumerate().skip(first) {
        if e.end > to {
            break;
        }
        if e.kind == Kind::Demonym && !demonyms {
            continue;
        }
        if let Some(c) = country_of(e) {
            if !out.iter().any(|(o, _)| *o == c) {
                out.push((c, k));
            }
        }
    }
    out
}

/// The sentence around bytes `s..e`: from after the last sentence end before it (« . », « ! »,
/// « ? » after a lower-case letter or a digit, then a space; or a line break) to the next one,
/// at most 400 bytes each way.
fn sentence_bounds(text: &str, s: usize, e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let ends_at = |k: usize| {
        // A sentence ends with byte k: a line break, or a period… after a small letter.
        b[k] == b'\n'
            || matches!(b[k], b'.' | b'!' | b'?')
                && k > 0
                && (b[k - 1].is_ascii_lowercase() || b[k - 1].is_ascii_digit() || b[k - 1] >= 0x80)
                && b.get(k + 1).is_none_or(|c| c.is_ascii_whitespace())
    };
    let lo = s.saturating_sub(400);
    let start = (lo..s).rev().find(|&k| ends_at(k)).map_or(lo, |k| k + 1);
    let hi = (e + 400).min(b.len());
    let end = (e..hi).find(|&k| ends_at(k)).unwrap_or(hi);
    (start, end)
}

/// The paragraph (line) around bytes `s..e`, at most 2,000 bytes each way.
fn paragraph_bounds(text: &str, s: usize, e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let lo = s.saturating_sub(2000);
    let start = memchr::memrchr(b'\n', &b[lo..s]).map_or(lo, |k| lo + k + 1);
    let hi = (e + 2000).min(b.len());
    let end = memchr::memchr(b'\n', &b[e..hi]).map_or(hi, |k| e + k);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::predicate;

    #[test]
    fn titles_as_predicates() {
        for g in [
            " a ete nomme ",
            " est devenu ",
            " a ete elue ",
            ", nommee ",
            ", devenu ",
            ", qui a ete elu ",
            " a ete nomme au poste de ",
            " est devenue la ",
            // A headline: « X nommé secrétaire général ».
            " nomme ",
        ] {
            assert!(predicate(g), "{g:?}");
        }
        for g in [
            " est ",
            " a rencontre le ",
            ", le ",
            " a dit au ",
            " a nomme ",
        ] {
            assert!(!predicate(g), "{g:?}");
        }
    }

    #[test]
    fn the_organisation_after_a_name() {
        let doc = crate::Extractor::default().analyse(
            "Selon Amadou Diallo, de l'Organisation mondiale de la santé, la situation est grave. \
             Ibrahim Boubacar Keïta (IBK) a parlé.",
        );
        let aff = |name: &str| {
            doc.persons()
                .iter()
                .find(|p| p.name() == name)
                .and_then(|p| p.affiliation().cloned())
        };
        assert_eq!(
            aff("Amadou Diallo"),
            Some(crate::Affiliation::Organisation(
                "Organisation mondiale de la santé".into()
            ))
        );
        assert_eq!(aff("Ibrahim Boubacar Keïta"), None);
    }

    #[test]
    fn a_title_stated_of_a_name_is_theirs() {
        let doc = crate::Extractor::default().analyse(
            "Aminata Touré a été nommée Premier ministre en 2013. Le lendemain, Abdoulaye \
             Diop a rencontré le ministre de la Défense.",
        );
        let titles = |name: &str| -> Vec<String> {
            doc.persons()
                .iter()
                .find(|p| p.name() == name)
                .map(|p| p.titles().iter().map(|t| t.text().to_string()).collect())
                .unwrap_or_default()
        };
        assert_eq!(titles("Aminata Touré"), ["Premier ministre"]);
        assert!(titles("Abdoulaye Diop").is_empty());
    }
}
