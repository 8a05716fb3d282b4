//! Titles with their portfolio (« ministre de l'Administration territoriale et de la
//! Décentralisation », « président de la Transition »), and the complement chain they share with
//! organisation names.

use crate::entity::Kind;
use crate::pipeline::{prio, starts, Run, Src};
use crate::tokenize::{CAP, NUMBER, SENT_START, UPPER, WORD};

/// What a complement chain is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chain {
    /// A portfolio after a title: stops before places and organisations, which are outside the
    /// title (« président de la Transition » du « Mali »).
    Title,
    /// The rest of an organisation name after its head noun: places are inside
    /// (« Union nationale des travailleurs du Mali »).
    Org,
}

const TITLE_CONNECTORS: &[&str] = &["a", "au", "aux", "aupres"];
const ORG_CONNECTORS: &[&str] = &["pour", "contre"];

/// Nouns too general to end an organisation's name (« Cour suprême du pays »).
const GENERIC_NOUNS: &[&str] = &[
    "pays", "fait", "moment", "jour", "jours", "temps", "cas", "reste", "coup", "nombre", "part",
    "lieu", "sujet", "point", "cours", "cote", "annee", "mois", "semaine", "ville", "region",
    "saison",
];

/// Longest chain, in connectors.
const MAX_STEPS: usize = 6;

impl Run<'_> {
    /// A lower-case content word (« partenariat », « travailleurs »).
    fn is_lower_word(&self, i: usize) -> bool {
        let w = self.word(i);
        self.tokens
            .get(i)
            .is_some_and(|t| t.has(WORD) && !t.has(CAP) && !t.has(NUMBER))
            && !self.is_function_word(i)
            && !self.is_calendar_word(i)
            && w.len() >= 3
            && !GENERIC_NOUNS.contains(&w)
            // An infinitive after « de » is a verb: « l'Église catholique de tenter ».
            && !(((w.ends_with("er") && !w.ends_with("ier")) || w.ends_with("ir"))
                && self.word(i - 1) == "de")
            && !w.ends_with("ment")
    }

    /// An adjective inside an organisation's name: one by its ending, or a nationality in
    /// lower case (« Fédération espagnole de triathlon », « Parti populaire kurde »).
    pub(crate) fn is_org_adjective(&self, i: usize) -> bool {
        self.is_adjective(i)
            || (self.is(i, super::class::DEMONYM)
                && self
                    .tokens
                    .get(i)
                    .is_some_and(|t| t.has(WORD) && !t.has(CAP)))
    }

    /// A known first name followed by a capitalised word: a person starts here.
    pub(crate) fn person_starts(&self, i: usize) -> bool {
        self.is_first_name(i) && self.is_cap_word(i + 1)
    }

    /// « et » then one capitalised word that starts nothing known and ends the name
    /// (« Culture et Diversité »; not « l'Union européenne et Israël »).
    pub(crate) fn coordinated_name_word(&self, m: usize) -> bool {
        self.word(m) == "et"
            && self.is_cap_word(m + 1)
            && !self.tok_has(m + 1, SENT_START)
            && self.starts.get(m + 1) == Some(&0)
            && !self.is_first_name(m + 1)
            && !self.is(m + 1, super::class::ORG_HEAD)
            && !self.is_cap_word(m + 2)
            && !self.tok_has(m + 2, UPPER)
    }

    /// Capitalised words and the adjectives after them, from `k`; returns the end.
    pub(crate) fn content(&self, k: usize, mode: Chain) -> usize {
        let mut m = k;
        let mut has_cap = false;
        loop {
            // « Université baptiste de Hong Kong »: a listed place or organisation that opens
            // like a person's name is the place.
            if self.is_cap_word(m)
                && !self.tok_has(m, SENT_START)
                && (!self.person_starts(m)
                    || (mode == Chain::Org && self.starts_with(m, starts::LOC | starts::ORG)))
            {
                if mode == Chain::Title
                    && ((m > k && self.starts_with(m, starts::LOC | starts::ORG))
                        || self.tok_has(m, UPPER))
                {
                    // A place, an organisation or an acronym is outside the title:
                    // « président de l'AMC ».
                    break;
                }
                m += 1;
                has_cap = true;
                continue;
            }
            // « Fondation Culture et Diversité »: a second capitalised word coordinated with
            // the first, which no list knows and which ends the name.
            if has_cap && mode == Chain::Org && self.coordinated_name_word(m) {
                m += 2;
                continue;
            }
            if has_cap
                && (self.is_adjective(m) || (mode == Chain::Org && self.is_org_adjective(m)))
                && m - k < 6
                && !(mode == Chain::Title && self.starts_with(m, starts::DEMONYM))
            {
                // « ministre des Affaires étrangères » [algérien]: the nationality is its own
                // entity.
                m += 1;
                continue;
            }
            break;
        }
        if has_cap {
            m
        } else {
            k
        }
    }

    /// Extends a head ending before token `start` with its complement; returns the end token
    /// (exclusive), `start` when there is none.
    pub(crate) fn complement(&self, start: usize, mode: Chain) -> usize {
        let extra = match mode {
            Chain::Title => TITLE_CONNECTORS,
            Chain::Org => ORG_CONNECTORS,
        };
        let mut j = start;
        let mut good = start;
        // Up to three lower-case complements may end an organisation name whose head is
        // capitalised inside a sentence (« Bureau de la sécurité des transports »).
        let mut lower_ends = 0;
        let lower_end_ok = mode == Chain::Org
            && start > 0
            && !self.tok_has(start - 1, SENT_START)
            && !(start > 1 && self.tok_has(start - 2, SENT_START) && self.is_cap_word(start - 2));
        if mode == Chain::Org {
            while self.is_org_adjective(j) && j - start < 2 {
                j += 1;
                good = j;
            }
        }
        for _ in 0..MAX_STEPS {
            let (c, bare) = self.connector(j, extra);
            if c == 0 {
                break;
            }
            let k = j + c;
            if mode == Chain::Title
                && (bare || self.starts_with(k, starts::LOC | starts::ORG | starts::DATE))
            {
                // « ambassadeur de France », « général de Gaulle »: not a portfolio.
                break;
            }
            if mode == Chain::Org
                && matches!(self.word(j), "et" | ",")
                && ((self.is(k, super::class::ORG_HEAD) && self.is_cap_word(k))
                    || self.starts_with(k, starts::ORG))
            {
                // « président du Sénat et de l'Assemblée nationale »: a second organisation,
                // not the first one's complement.
                break;
            }
            let end = self.content(k, mode);
            // « contre » takes only a lower-case complement (« Ligue contre le cancer »), not a
            // name: « la Ligue Europa contre le Celtic ».
            if end > k && self.word(j) == "contre" {
                break;
            }
            if end > k {
                j = end;
                good = end;
                continue;
            }
            // Organisations allow one lower-case noun before a capitalised complement:
            // « Forum de partenariat Russie-Afrique », « Union des travailleurs du Mali ».
            if mode == Chain::Org && self.is_lower_word(k) {
                let end = self.content(k + 1, mode);
                if end > k + 1 {
                    j = end;
                    good = end;
                    continue;
                }
                let (c2, _) = self.connector(k + 1, extra);
                if c2 > 0 && self.content(k + 1 + c2, mode) > k + 1 + c2 {
                    j = k + 1;
                    continue;
                }
                // « Cour des comptes », « Conseil de sécurité », « Haut Conseil des
                // collectivités »: a capitalised head inside a sentence makes a name of a
                // lower-case complement too, with its adjectives.
                if lower_end_ok
                    && lower_ends < 3
                    // « Fédération du commerce et de la distribution », « Association
                    // nationale pour l'étude de la neige » (« pour » with an article: not
                    // « pour obtenir »).
                    && (matches!(self.word(j), "de" | "du" | "des" | "d'")
                        || (matches!(self.word(j), "pour" | "contre")
                            && matches!(self.word(j + 1), "la" | "le" | "l'" | "les"))
                        || (self.word(j) == "et"
                            && matches!(self.word(j + 1), "de" | "du" | "des" | "d'")))
                {
                    let mut m = k + 1;
                    while self.is_org_adjective(m) && m - k < 3 {
                        m += 1;
                    }
                    j = m;
                    good = m;
                    lower_ends += 1;
                    continue;
                }
            }
            break;
        }
        good
    }

    #[inline(never)]
    pub(crate) fn title_phase(&mut self) {
        let n = self.cands.len();
        for idx in 0..n {
            if self.cands[idx].kind != Kind::Title {
                continue;
            }
            let (ts, te) = (self.cands[idx].ts, self.cands[idx].te);
            let end = self.complement(te, Chain::Title);
            if end > te {
                self.push_tokens(
                    ts,
                    end,
                    Kind::Title,
                    None,
                    None,
                    Src::Rule("title+portfolio"),
                    prio::TITLE,
                );
            }
        }
    }
}
