//! Organisations named by a head noun and its complement (« Confédération des États du
//! Sahel », « Banque centrale des États de l'Afrique de l'Ouest »), and acronyms defined in the
//! text by « Full Name (ACR) ».

use super::class;
use super::lexical::{length_bit, ORG_SUFFIXES};
use super::titles::Chain;
use crate::entity::{Kind, Place, Value};
use crate::pipeline::starts;
use crate::pipeline::{prio, Run, Src};
use crate::tokenize::{CAP, NUMBER, SENT_START, SHOUT, UPPER, WORD};

/// Acronyms of common nouns, currencies, competitions and treaties, never organisations
/// (« le PIB », « la TVA », « un CDD », « 500 FCFA », « la CAN », « l'ALENA »).
const COMMON_ACRONYMS: &[&str] = &[
    "ADN", "ADSL", "AECG", "AI", "ALENA", "AM", "AOC", "API", "ARN", "AVC", "BAC", "BD", "BEP",
    "BTP", "BTS", "CAC", "CAN", "CAP", "CAPES", "CD", "CDD", "CDI", "CEO", "CETA", "CFA", "CHAN",
    "CHU", "CO2", "COVID", "CRS", "CSG", "CV", "DG", "DJ", "DRH", "DUT", "DVD", "EPR", "EUR",
    "FAQ", "FCFA", "GMT", "GPS", "HD", "HLM", "HT", "IA", "IFI", "IPO", "IRM", "ISF", "ITT", "IVG",
    "JO", "JT", "KO", "LED", "LGBT", "LGBTQ", "MBA", "MMA", "NB", "NDLR", "OGM", "OK", "ONG",
    "OPA", "OVNI", "PAC", "PACS", "PC", "PDF", "PDG", "PIB", "PLU", "PM", "PMA", "PME", "PS4",
    "PV", "QCM", "QG", "QI", "RER", "RGPD", "RIC", "RSA", "RTT", "SDF", "SIDA", "SMIC", "SMS",
    "SUV", "TAFTA", "TATP", "TER", "TGV", "TNT", "TPE", "TPP", "TTC", "TTIP", "TV", "TVA", "URL",
    "US", "USB", "USD", "UTC", "UV", "VIH", "VIP", "VTC", "VTT", "WC", "WIFI", "ZAD", "ZFE",
];

/// Nouns of devices, vehicles, weapons, missions and programmes: capitals right after them are
/// the thing's designation, not an organisation (« le télescope KAIT », « un missile SCUD »,
/// « les blindés VBRG », « la mission SELENE », « le programme DACA »; folded).
const DESIGNATED_NOUNS: &[&str] = &[
    "telescope",
    "telescopes",
    "satellite",
    "satellites",
    "sonde",
    "fusee",
    "lanceur",
    "missile",
    "missiles",
    "blinde",
    "blindes",
    "vehicule",
    "vehicules",
    "char",
    "chars",
    "avion",
    "avions",
    "helicoptere",
    "helicopteres",
    "drone",
    "drones",
    "navire",
    "fregate",
    "sous-marin",
    "reacteur",
    "moteur",
    "logiciel",
    "instrument",
    "spectrometre",
    "detecteur",
    "module",
    "mission",
    "programme",
    "projet",
    "experience",
    "virus",
    "gene",
    "format",
    "norme",
];

/// Time zones written in capitals after a time (« 0 h 30 EDT », « 11 h 43 HAE »).
const TIME_ZONES: &[&str] = &[
    "EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "AKST", "HST", "CET", "CEST", "BST",
    "WAT", "EAT", "HAE", "HNE", "HAP", "HNP", "HAC", "HNC", "HAR", "HNR", "HAA", "HNA", "HAT",
    "HNT",
];

/// Prefixes of sports clubs' names, as written.
const CLUB_PREFIXES: &[&str] = &[
    "AS", "FC", "SC", "RC", "AC", "US", "CS", "JS", "ES", "SM", "OC", "AJ", "USM", "ASEC", "SCO",
    "CA", "CR", "JSK", "MC", "RS", "SA",
];

/// Suffixes of sports clubs' names, as written (« Amiens SC », « Chelsea FC »).
const CLUB_SUFFIXES: &[&str] = &["FC", "SC", "AC", "CF", "AFC", "HC", "HB", "BC", "RC"];

// `Run::club_phase` visits only the tokens in capitals of two to four bytes: every prefix and
// suffix must be two to four ASCII capitals, or it would never be seen.
const _: () = {
    let lists = [CLUB_PREFIXES, CLUB_SUFFIXES];
    let mut l = 0;
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            let w = lists[l][k].as_bytes();
            assert!(w.len() >= 2 && w.len() <= 4);
            let mut b = 0;
            while b < w.len() {
                assert!(w[b].is_ascii_uppercase());
                b += 1;
            }
            k += 1;
        }
        l += 1;
    }
};

/// Heads that name one institution on their own, in context (folded).
const INSTITUTIONS: &[&str] = &[
    "assemblee",
    "parlement",
    "senat",
    "commission",
    "congres",
    "conseil",
    "federation",
    "union",
];

/// Lower-case nouns that form an institution's name with their complement, in running text
/// (« l'université de Genève », « le diocèse de Hearst », « le tribunal de Nanterre »; folded).
const LOWER_HEADS: &[&str] = &[
    "universite",
    "diocese",
    "federation",
    "institut",
    "academie",
    "observatoire",
    "comite",
];

/// French trade-union confederations, as written: their federations are named by the trade
/// after them (« CGT Cheminots », « FO des Transports »).
const UNION_CONFEDERATIONS: &[&str] = &[
    "CGT",
    "CFDT",
    "FO",
    "CFTC",
    "CFE-CGC",
    "UNSA",
    "SUD",
    "FSU",
    "Solidaires",
];

/// The words of the `match` of `Run::lowercase_org_phase`, besides [`LOWER_HEADS`]. Its arms
/// name them by these constants, which [`LOWERCASE_ORG_WORDS`] lists: a word written there as
/// a literal would not pass the quick test, and its arm would never fire.
mod lower_org {
    pub(super) const MINISTERE: &str = "ministere";
    pub(super) const SECRETARIAT: &str = "secretariat";
    pub(super) const PARLEMENT: &str = "parlement";
    pub(super) const SENAT: &str = "senat";
    pub(super) const AIR: &str = "air";
    pub(super) const OPEN_PAREN: &str = "(";
    /// All of the above.
    pub(super) const ALL: &[&str] = &[MINISTERE, SECRETARIAT, PARLEMENT, SENAT, AIR, OPEN_PAREN];
}

/// The words that `Run::lowercase_org_phase` acts on (those of its `match`): what its quick
/// test lets through.
const LOWERCASE_ORG_WORDS: &[&[&str]] = &[lower_org::ALL, LOWER_HEADS];

/// The quick test of `Run::lowercase_org_phase`: per first byte, the lengths ([`length_bit`]) of
/// the words of [`LOWERCASE_ORG_WORDS`] that start with it. A word passes when its bit is set.
static LOWERCASE_ORG_FILTER: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut l = 0;
    while l < LOWERCASE_ORG_WORDS.len() {
        let list = LOWERCASE_ORG_WORDS[l];
        let mut k = 0;
        while k < list.len() {
            let w = list[k].as_bytes();
            assert!(!w.is_empty());
            table[w[0] as usize] |= length_bit(w.len());
            k += 1;
        }
        l += 1;
    }
    table
};

/// Adjectives of a continent or a region of the world, which name an organisation's reach
/// as a nationality does (« Parti populaire européen »; folded).
const CONTINENTAL: &[&str] = &[
    "europeen",
    "europeenne",
    "europeens",
    "europeennes",
    "africain",
    "africaine",
    "africains",
    "africaines",
    "asiatique",
    "asiatiques",
    "arabe",
    "arabes",
];

/// Adjectives of regions and nations within a state that have a legislature of their own
/// (« le parlement catalan », « le parlement flamand », « le parlement écossais » via the
/// demonyms; folded, all genders and numbers).
const REGIONAL: &[&str] = &[
    "catalan",
    "catalane",
    "catalans",
    "catalanes",
    "basque",
    "basques",
    "flamand",
    "flamande",
    "flamands",
    "flamandes",
    "wallon",
    "wallonne",
    "wallons",
    "wallonnes",
    "bruxellois",
    "bruxelloise",
    "bruxelloises",
    "quebecois",
    "quebecoise",
    "quebecoises",
    "ontarien",
    "ontarienne",
    "ontariens",
    "ontariennes",
    "bavarois",
    "bavaroise",
    "bavaroises",
    "corse",
    "corses",
    "kurde",
    "kurdes",
    "andalou",
    "andalouse",
    "andalous",
    "andalouses",
    "galicien",
    "galicienne",
    "galiciens",
    "galiciennes",
    "sicilien",
    "sicilienne",
    "siciliens",
    "siciliennes",
    "sarde",
    "sardes",
];

/// Heads of a representation or a mission abroad, whose name ends with the country it is in
/// (folded).
const ABROAD_HEADS: &[&str] = &[
    "ambassade",
    "consulat",
    "mission",
    "delegation",
    "representation",
    "bureau",
];

/// Adjectives that form one head with the noun after them (« Haut Conseil », « Haute Cour »).
const HEAD_PREFIXES: &[&str] = &["haut", "haute", "grand", "grande", "nouveau", "nouvelle"];

impl Run<'_> {
    /// Adds an organisation candidate spanning tokens `ts..te`, found by `rule`.
    fn push_org(&mut self, ts: usize, te: usize, rule: &'static str, p: u8) {
        self.push_tokens(ts, te, Kind::Organisation, None, None, Src::Rule(rule), p);
    }

    fn is_org_head(&self, i: usize) -> bool {
        self.is(i, class::ORG_HEAD) && self.is_cap_word(i)
    }

    #[inline(never)]
    pub(crate) fn org_phase(&mut self) {
        self.lowercase_org_phase();
        self.club_phase();
        // A head has the ORG_HEAD class: only the cued tokens can.
        // By index, not `for &i in &self.cued`: the loop body borrows `self` mutably.
        for k in 0..self.cued.len() {
            let i = self.cued[k] as usize;
            if !self.is_org_head(i) {
                continue;
            }
            let start =
                if i > 0 && self.is_cap_word(i - 1) && HEAD_PREFIXES.contains(&self.word(i - 1)) {
                    i - 1
                } else {
                    i
                };
            let mut end = self.complement(i + 1, Chain::Org);
            if end == i + 1
                && !self.tok_has(i, SENT_START)
                // « Olivier Le Cour Grandmaison »: a capitalised article inside a sentence
                // opens a surname.
                && !(i > 0 && self.tok_has(i - 1, CAP) && !self.tok_has(i - 1, SENT_START))
            {
                // A name right after the head: « l'Université Concordia », « l'Agence France
                // Presse », « la Fondation Culture et Diversité » — not a person (« Parti
                // Jean Dupont ») nor a known organisation of its own.
                let mut k = i + 1;
                while k - i <= 3
                    && self.is_cap_word(k)
                    && self.word(k).len() >= 2
                    && !self.tok_has(k, SENT_START)
                    && !self.person_starts(k)
                    && !self.starts_with(k, starts::ORG | starts::PERSON)
                {
                    k += 1;
                }
                if k > i + 1 && self.coordinated_name_word(k) {
                    k += 2;
                }
                if k > i + 1 {
                    end = self.complement(k, Chain::Org).max(k);
                }
            }
            if end == i + 1 {
                // Alone, only the institutions a text names by their head: « l'Assemblée »,
                // « le Parlement », « la Commission » (capitalised inside a sentence).
                if INSTITUTIONS.contains(&self.word(i))
                    && !self.tok_has(i, SENT_START)
                    && matches!(
                        self.word(i.wrapping_sub(1)),
                        "l'" | "le" | "la" | "du" | "au"
                    )
                {
                    self.push_org(i, i + 1, "institution", prio::PERSON_WEAK);
                }
                continue;
            }
            // A sentence-initial head needs a capitalised complement, not an adjective only:
            // « Conseil municipal » opening a sentence is not a name.
            if self.tok_has(start, SENT_START) && !(i + 1..end).any(|k| self.is_cap_word(k)) {
                continue;
            }
            // « l'Ambassade d'Algérie au Canada », « la Mission des Nations unies pour la
            // stabilisation en Haïti »: a representation abroad names the country it is in.
            if ABROAD_HEADS.contains(&self.word(i))
                && matches!(self.word(end), "au" | "aux" | "en")
                && self.starts_with(end + 1, starts::LOC)
            {
                end = self.content(end + 1, Chain::Org).max(end);
            }
            self.push_org(start, end, "org-head", prio::ORG_RULE);
        }
        self.org_nationality();
    }

    /// « la Sécurité civile française », « le Parti travailliste australien », « le Parti
    /// populaire européen »: a listed organisation followed by a nationality in lower case
    /// takes it into its name (the rule `org-head` already does so for the names it reads).
    fn org_nationality(&mut self) {
        let n = self.cands.len();
        for idx in 0..n {
            let c = &self.cands[idx];
            if c.kind != Kind::Organisation || c.hidden || !matches!(c.src, Src::Entry(_)) {
                continue;
            }
            let te = c.te;
            if !(self.is(te, class::DEMONYM) || CONTINENTAL.contains(&self.word(te)))
                || !self.tok_has(te, WORD)
                || self.tok_has(te, CAP)
                || self.tokens[te].fs != self.tokens[te - 1].fe + 1
            {
                continue;
            }
            let mut ext = self.cands[idx].clone();
            ext.te = te + 1;
            ext.fe = self.tokens[te].fe as usize;
            ext.src = Src::Rule("org+nationality");
            ext.prio = prio::ORG_RULE;
            self.cands.push(ext);
        }
    }

    /// « Air Méditerranée », « Air Algérie », « Air Côte d'Ivoire » (token `i` is « air »):
    /// « Air » and a name or a place is an airline (not inside a longer name: « Royal Air
    /// Force »; not « Air Force »).
    #[inline(never)]
    fn airline(&self, i: usize) -> Option<(usize, usize, &'static str)> {
        if !self.tok_has(i, CAP)
            || (i > 0 && self.is_cap_word(i - 1) && !self.tok_has(i, SENT_START))
            || matches!(self.word(i + 1), "force" | "forces")
        {
            return None;
        }
        let mut k = i + 1;
        while k - i <= 3 && !self.tok_has(k, SENT_START) {
            if self.is_cap_word(k) {
                k += 1;
            } else if k > i + 1
                && matches!(self.word(k), "d'" | "de" | "du")
                && self.is_cap_word(k + 1)
            {
                k += 2;
            } else {
                break;
            }
        }
        (k > i + 1).then_some((i, k, "air+name"))
    }

    /// « la Fnsea (Fédération nationale des syndicats…) », « la Cami (fédération nationale
    /// Sport & Cancer) » (token `i` is « ( »): after an article, a capitalised word no list
    /// knows, explained in parentheses by a noun that opens or announces an organisation, is
    /// that organisation's short name.
    #[inline(never)]
    fn short_name_before_parenthesis(&self, i: usize) -> Option<(usize, usize, &'static str)> {
        if i < 2
            || !self.is_cap_word(i - 1)
            || self.tok_has(i - 1, SENT_START | UPPER)
            || self.starts[i - 1] != 0
            || self.is_first_name(i - 1)
            || !matches!(
                self.word(i - 2),
                "la" | "le" | "l'" | "les" | "du" | "au" | "aux" | "des"
            )
        {
            return None;
        }
        let k = if matches!(self.word(i + 1), "la" | "le" | "l'" | "les" | "une" | "un") {
            i + 2
        } else {
            i + 1
        };
        let names_org = self.is(k, class::ORG_CUE)
            || (self.tok_has(k, WORD)
                && self
                    .lex
                    .word(self.word(k))
                    .is_some_and(|w| w.class & class::ORG_HEAD != 0));
        names_org.then_some((i - 1, i, "name+(org noun)"))
    }

    /// « l'université Harvard »: lower-case « université » (token `i`) and up to three
    /// capitalised words in apposition.
    #[inline(never)]
    fn university_name(&self, i: usize) -> Option<(usize, usize, &'static str)> {
        let mut k = i + 1;
        while k - i <= 3 && self.is_cap_word(k) && !self.tok_has(k, SENT_START) {
            k += 1;
        }
        (k > i + 1).then_some((i, k, "universite+name"))
    }

    /// « ministère de l'Intérieur »: a ministry named by its portfolio, lower-case head.
    fn lowercase_org_phase(&mut self) {
        let mut found = Vec::new();
        let bytes = self.folded.text.as_bytes();
        // Only the words of the match below do anything: the scan skips the tokens that fail
        // the quick test (most). Its arms name their words by the constants of `lower_org` or
        // by `LOWER_HEADS`, which the quick test is built from: never by a literal.
        let mut from = 0;
        while let Some(i) = self.next_where(from, |t, _| {
            let len = (t.fe - t.fs) as usize;
            LOWERCASE_ORG_FILTER[bytes[t.fs as usize] as usize] & length_bit(len) != 0
        }) {
            from = i + 1;
            match self.word(i) {
                lower_org::MINISTERE | lower_org::SECRETARIAT if !self.tok_has(i, CAP) => {
                    // « ministère russe de la Défense », « ministère de la Santé afghan »: the
                    // nationality is part of the ministry's name.
                    let lower_demonym = |k: usize| {
                        self.is(k, class::DEMONYM) && self.tok_has(k, WORD) && !self.tok_has(k, CAP)
                    };
                    let from = if lower_demonym(i + 1) { i + 2 } else { i + 1 };
                    let mut end = self.complement(from, Chain::Title);
                    if end > from {
                        if from == i + 1 && lower_demonym(end) {
                            end += 1;
                        }
                        found.push((i, end, "ministry"));
                    }
                }
                lower_org::PARLEMENT | lower_org::SENAT
                    if !self.tok_has(i, CAP)
                        && (self.is(i + 1, class::DEMONYM)
                            || REGIONAL.contains(&self.word(i + 1)))
                        && self.tok_has(i + 1, WORD)
                        && !self.tok_has(i + 1, CAP) =>
                {
                    found.push((i, i + 2, "lower-head+demonym"));
                }
                // Rare words: their rules are out of line, not to weigh on this loop.
                lower_org::AIR => found.extend(self.airline(i)),
                lower_org::OPEN_PAREN => found.extend(self.short_name_before_parenthesis(i)),
                w if LOWER_HEADS.contains(&w) && !self.tok_has(i, CAP) => {
                    // « l'université Harvard », « l'université Paris Dauphine »: a university
                    // is named by its head and the name in apposition, listed or not.
                    if w == "universite" {
                        if let Some(f) = self.university_name(i) {
                            found.push(f);
                            continue;
                        }
                    }
                    // Adjectives, one connector and a capitalised name that is not an
                    // organisation of its own (« institut de la Commission européenne »).
                    let mut j = i + 1;
                    while self.is_adjective(j) && j - i < 3 {
                        j += 1;
                    }
                    let (c, _) = self.connector(j, &[]);
                    if c == 0 || self.word(j) == "et" || self.starts_with(j + c, starts::ORG) {
                        continue;
                    }
                    let end = self.content(j + c, Chain::Org);
                    if end > j + c {
                        found.push((i, end, "lower-head"));
                    }
                }
                _ => {}
            }
        }
        for (ts, te, rule) in found {
            self.push_org(ts, te, rule, prio::ORG_RULE);
        }
    }

    /// An acronym that no list knows, inside a sentence, is most often an organisation
    /// (« la NASA », « l'IGPN »). Roman numerals and the acronyms of common nouns are not.
    #[inline(never)]
    pub(crate) fn unknown_acronym_phase(&mut self) {
        // Read only when a word in capitals gets that far (most texts have none).
        let mut common: Option<Vec<&str>> = None;
        let mut found = Vec::new();
        // A word in capitals in a text not written in capitals: a scan to the next one.
        let mut from = 0;
        while let Some(i) = self.next_where(from, |t, _| t.flags & (UPPER | SHOUT) == UPPER) {
            from = i + 1;
            let t = self.tokens[i];
            if self.starts[i] != 0 || !self.is_acronym(i) {
                continue;
            }
            let w = self.orig_word(i);
            // In parentheses it is an acronym whatever its length (« (CNDD-FDD) »).
            let bracketed = i > 0 && self.word(i - 1) == "(" && self.word(i + 1) == ")";
            // Words in capitals are not acronyms: function and calendar words (« LE », « MAI »),
            // words with accents (« GRÈVE »), long ones (« JOURNAUX »).
            // A hyphenated acronym counts by its parts (« CNDD-FDD »).
            if (w.split('-').any(|p| p.len() > 7 || p.is_empty()) && !bracketed)
                || !w.is_ascii()
                || self.is_function_word(i)
                || self.is_calendar_word(i)
                || w.chars().any(|c| c.is_ascii_digit())
                || w.chars().all(|c| "IVXLCDM".contains(c))
                || COMMON_ACRONYMS.contains(&w)
                || TIME_ZONES.contains(&w)
                || (i > 0
                    && !self.tok_has(i - 1, CAP)
                    && DESIGNATED_NOUNS.contains(&self.word(i - 1)))
                || common
                    .get_or_insert_with(|| self.common_noun_acronyms())
                    .contains(&w)
                || !w.chars().next().is_some_and(char::is_alphabetic)
            {
                continue;
            }
            // Inside a run of capitalised words it is a name in capitals (« Emmanuel MACRON »,
            // « Ousmane SONKO » opening a sentence: a known first name).
            if (i > 0
                && self.is_cap_word(i - 1)
                && (!self.tok_has(i - 1, SENT_START) || self.is_first_name(i - 1)))
                || self.tok_has(i + 1, UPPER)
            {
                continue;
            }
            // Followed by a number or a code, letters in capitals are a designation, an index or
            // an edition, not an organisation: « KIC 8462852 », « SN 2016gkg », « CAC 40 »,
            // « COP 21 ». Not before a year, which may date the organisation's season or
            // draft (« la LNH 2003 »).
            let next = self.word(i + 1);
            if self.tok_has(i + 1, WORD)
                && next.as_bytes()[0].is_ascii_digit()
                && self.tokens[i + 1].fs > t.fe
                && !(self.tok_has(i + 1, NUMBER)
                    && next.len() == 4
                    && next.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y)))
            {
                continue;
            }
            found.push(i);
        }
        for i in found {
            self.push_org(i, i + 1, "acronym-unknown", prio::PERSON_WEAK);
        }
    }

    /// Acronyms the text defines by common nouns, which name no organisation: « un référendum
    /// d'initiative citoyenne (RIC) », « le RIC (référendum d'initiative citoyenne) », « des
    /// blindés VBRG (véhicules blindés à roues de la gendarmerie) ». The words before « (ACR) »,
    /// back to a punctuation mark or twice as many words as the acronym has letters, hold no
    /// capital and no noun that opens or announces an organisation (« l'institut géologique
    /// américain (USGS) », « le service national de renseignement (SNR) »); the words in
    /// « ACR (…) » open in lower case with no noun that announces an organisation (« le MHP
    /// (parti d'action nationaliste) » stays an organisation).
    fn common_noun_acronyms(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if !self.f().contains('(') {
            return out;
        }
        let mut title_end = vec![false; self.tokens.len() + 1];
        for c in self.cands.iter().filter(|c| c.kind == Kind::Title) {
            title_end[c.te] = true;
        }
        let lower = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.has(WORD) && !t.has(CAP) && !t.has(UPPER))
        };
        let n = self.tokens.len();
        // « ( », not the first token nor the last.
        for i in self.paren_tokens().filter(|&i| i > 0 && i + 1 < n) {
            let after_title = title_end[i];
            // « … lower-case words (ACR) »
            // (Not after a title: « le maire (UDE) » names the mayor's party.)
            if self.word(i + 2) == ")" && self.is_acronym(i + 1) && lower(i - 1) && !after_title {
                let reach = 2 * self.orig_word(i + 1).chars().count() + 3;
                let mut from = i - 1;
                while from > 0
                    && i - from < reach
                    && !self.tok_has(from, SENT_START)
                    && !matches!(self.word(from - 1), "," | "." | ";" | ":" | "(" | ")")
                {
                    from -= 1;
                }
                let named = (from..i).any(|k| {
                    (self.tok_has(k, CAP) && !self.tok_has(k, SENT_START) && self.tok_has(k, WORD))
                        || self.is(k, class::ORG_CUE)
                        // An organisation head in lower case: « l'institut géologique ».
                        || self
                            .lex
                            .word(self.word(k))
                            .is_some_and(|w| w.class & class::ORG_HEAD != 0)
                });
                if !named {
                    out.push(self.orig_word(i + 1));
                }
            }
            // « ACR (lower-case words) »
            if self.is_acronym(i - 1)
                && lower(i + 1)
                && lower(i + 2)
                && !self.is(i + 1, class::ORG_CUE)
                && !self.is_function_word(i + 1)
            {
                out.push(self.orig_word(i - 1));
            }
        }
        out
    }

    /// Sports clubs by their prefix: « AS Vita Club », « FC Nantes », « RC Lens ».
    fn club_phase(&mut self) {
        let mut found = Vec::new();
        // A prefix, as a suffix, is ASCII and has two to four letters, as its folded token has
        // (the length is tested first: reading the original word costs more).
        // One scan visits the words in capitals of that length; the clubs named by a suffix
        // are pushed after those named by a prefix.
        let mut by_suffix = Vec::new();
        let mut from = 0;
        while let Some(i) = self.next_where(from, |t, _| {
            t.has(UPPER) && (2..=4).contains(&(t.fe - t.fs))
        }) {
            from = i + 1;
            let w = self.orig_word(i);
            if CLUB_PREFIXES.contains(&w) {
                found.extend(self.club_after_prefix(i));
            }
            // « Amiens SC », « Chelsea FC »: the town or name before a club suffix.
            if i > 0 && CLUB_SUFFIXES.contains(&w) {
                by_suffix.extend(self.club_before_suffix(i));
            }
        }
        found.append(&mut by_suffix);
        for (ts, te) in found {
            self.push_org(ts, te, "club", prio::ORG_RULE);
        }
    }

    /// The club named by the prefix at token `i` (« FC Nantes »), as a token span.
    fn club_after_prefix(&self, i: usize) -> Option<(usize, usize)> {
        let mut end = i + 1;
        while end - i <= 3
            && (self.is_cap_word(end) || self.starts_with(end, starts::LOC))
            && !self.tok_has(end, SENT_START)
        {
            end += 1;
        }
        (end > i + 1).then_some((i, end))
    }

    /// The club named by the suffix at token `i` (« Chelsea FC »), as a token span.
    fn club_before_suffix(&self, i: usize) -> Option<(usize, usize)> {
        let mut s = i;
        while s > 0
            && i - s < 3
            && (self.is_cap_word(s - 1) || self.starts_with(s - 1, starts::LOC))
            && !self.tok_has(s - 1, UPPER)
            && !self.tok_has(s, SENT_START)
        {
            s -= 1;
        }
        // « Pays d'Aix RC »: a place name with its connector.
        while s > 1
            && s < i
            && matches!(self.word(s - 1), "d'" | "de")
            && self.is_cap_word(s - 2)
            && !self.tok_has(s - 1, SENT_START)
        {
            s -= 2;
        }
        (s < i).then_some((s, i + 1))
    }

    /// « le studio de développement Bluehole », « la banque Oddo », « la formation de gauche
    /// Podemos »: a noun that says what kind of organisation follows, then a capitalised name
    /// that no list knows.
    pub(crate) fn org_cue_phase(&mut self) {
        let mut found = Vec::new();
        // Both rules open at a token of a cue class (`Run::cued`).
        let cued = || self.cued.iter().map(|&i| i as usize);
        for i in cued() {
            if !self.is(i, class::ORG_CUE) || self.tok_has(i, CAP) {
                continue;
            }
            // The cue's own complement: an adjective or « de » + a lower-case word.
            let mut j = i + 1;
            for _ in 0..2 {
                if self.is_adjective(j) {
                    j += 1;
                } else if matches!(self.word(j), "de" | "d'")
                    && self.tok_has(j + 1, WORD)
                    && !self.tok_has(j + 1, CAP)
                    && !self.is_function_word(j + 1)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if !self.is_cap_word(j)
                || self.word(j).len() < 2
                || self.tok_has(j, SENT_START)
                || self.starts[j] != 0
                || self.person_starts(j)
                // « le lycée Alexis de Tocqueville »: a person's name with a particle.
                || (self.is_first_name(j) && self.is_particle(j + 1))
            {
                continue;
            }
            let mut end = j;
            while end - j < 4 && self.is_cap_word(end) && self.starts[end] == 0 {
                end += 1;
            }
            found.push((j, end));
        }
        // « Niantic Labs », « Valve Corporation », « Ethiopian Airlines »: capitalised words
        // closed by a word that says « company ».
        for i in cued().filter(|&i| i > 0) {
            if !self.is(i, class::ORG_SUFFIX)
                || !self.tok_has(i, CAP)
                || !ORG_SUFFIXES.contains(&self.orig_word(i))
            {
                continue;
            }
            let mut s = i;
            while s > 0
                && i - s < 3
                && (self.is_cap_word(s - 1) || self.tok_has(s - 1, UPPER))
                && !self.tok_has(s, SENT_START)
            {
                s -= 1;
            }
            if s < i {
                found.push((s, i + 1));
            }
        }
        for (ts, te) in found {
            self.push_org(ts, te, "cue+name", prio::PERSON_WEAK);
        }
        self.brand_country_phase();
        self.org_branch_phase();
        self.union_branch_phase();
    }

    /// « la CGT Cheminots », « FO des Transports », « la CGT du livre »: a trade-union
    /// confederation followed by the trade of one of its federations is that federation.
    fn union_branch_phase(&mut self) {
        let mut found = Vec::new();
        for c in &self.cands {
            if c.hidden
                || c.kind != Kind::Organisation
                || c.te - c.ts != 1
                || !matches!(c.src, Src::Entry(_))
                || !UNION_CONFEDERATIONS.contains(&self.orig_word(c.ts))
            {
                continue;
            }
            let k = c.te;
            if self.is_cap_word(k)
                && !self.tok_has(k, SENT_START)
                && self.starts[k] == 0
                && !self.is_first_name(k)
            {
                found.push((c.ts, k + 1));
            } else if matches!(self.word(k), "du" | "des")
                && self.tok_has(k + 1, WORD)
                && !self.is_function_word(k + 1)
                && !self.is_calendar_word(k + 1)
                && self.word(k + 1).len() >= 4
                && (!self.tok_has(k + 1, CAP) || self.starts[k + 1] == 0)
            {
                found.push((c.ts, k + 2));
            }
        }
        for (ts, te) in found {
            self.push_org(ts, te, "union+branch", prio::ORG_RULE);
        }
    }

    /// « Havas France », « Ubisoft Montréal », « Greenpeace Belgique »: a listed organisation
    /// (not an acronym, which names sports scores and lists: « PSG Lyon ») then a country, city
    /// or region of one word, with nothing capitalised after it, is the organisation's branch
    /// there: one organisation.
    fn org_branch_phase(&mut self) {
        let mut place_at: Vec<u32> = vec![0; self.tokens.len() + 1];
        for c in &self.cands {
            if !c.hidden
                && c.kind == Kind::Location
                && c.te - c.ts == 1
                && matches!(c.place, Some(Place::Country | Place::City | Place::Region))
            {
                place_at[c.ts] = 1;
            }
        }
        let mut found = Vec::new();
        for c in &self.cands {
            let Src::Entry(id) = c.src else {
                continue;
            };
            let e = &self.lex.entries[id as usize];
            if c.hidden
                || c.kind != Kind::Organisation
                || e.has(crate::gazetteer::ACRONYM)
                || e.has(crate::gazetteer::EXACT)
                || place_at[c.te] == 0
                || self.tok_has(c.te, SENT_START)
                || !self.tok_has(c.te, CAP)
                || self.is_cap_word(c.te + 1)
                || self.tok_has(c.te + 1, UPPER)
            {
                continue;
            }
            found.push((c.ts, c.te + 1));
        }
        for (ts, te) in found {
            self.push_org(ts, te, "org+branch", prio::ORG_RULE);
        }
    }

    /// « Business France », « Météo France », « Patinage Canada », « Air Mali »: a capitalised
    /// word that is no name of its own, then a country, is a company or a national body named
    /// for its country. Not after a first name (« Anatole France »).
    fn brand_country_phase(&mut self) {
        let mut found = Vec::new();
        for c in &self.cands {
            if c.hidden || c.place != Some(Place::Country) || c.te - c.ts != 1 || c.ts == 0 {
                continue;
            }
            let p = c.ts - 1;
            if !self.is_cap_word(p)
                || self.tok_has(c.ts, SENT_START)
                || self.tok_has(p, SENT_START)
                || self.is_cap_word(c.te)
                || self.tok_has(p, UPPER)
                || self.starts[p] != 0
                || self.is_first_name(p)
                || self.is(p, class::DEMONYM)
                || self.word(p).len() < 3
                || (p > 0 && self.is_cap_word(p - 1))
            {
                continue;
            }
            found.push((p, c.te));
        }
        for (ts, te) in found {
            self.push_org(ts, te, "brand+country", prio::PERSON_WEAK);
        }
    }

    /// The first of the capitalised words just before token `i`.
    fn name_start_before(&self, i: usize) -> usize {
        let mut k = i;
        while k > 0 && self.is_cap_word(k - 1) && i - k < 5 {
            k -= 1;
        }
        k
    }

    /// The tokens that are an opening parenthesis « ( », in text order: found by a search of
    /// the folded text for the byte, not by a visit of every token.
    fn paren_tokens(&self) -> impl Iterator<Item = usize> + '_ {
        self.f().match_indices('(').filter_map(|(p, _)| {
            let i = self.tokens.partition_point(|t| (t.fs as usize) < p);
            self.tokens
                .get(i)
                .is_some_and(|t| t.fs as usize == p && t.fe - t.fs == 1)
                .then_some(i)
        })
    }

    /// An acronym token: two to twelve letters or digits in capitals (« AES », « G5 », « M23 »).
    ///
    /// It starts with a capital (the last test): the acronym-reuse scan of `document.rs` relies
    /// on it, visiting only the tokens with `CAP` set.
    fn is_acronym(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        let w = self.orig_word(i);
        t.has(WORD)
            && (t.has(UPPER) || w.chars().filter(|c| c.is_uppercase()).count() >= 2)
            && (2..=12).contains(&w.chars().count())
            && w.chars().next().is_some_and(char::is_uppercase)
    }

    /// « Confédération des États du Sahel (AES) »: the acronym takes the kind of the name
    /// before it, and names it (the document pass applies it to later bare uses).
    #[inline(never)]
    /// The original text of tokens `ts..te`.
    fn tokens_text(&self, ts: usize, te: usize) -> &'_ str {
        self.orig_text(self.tokens[ts].fs as usize, self.tokens[te - 1].fe as usize)
    }

    pub(crate) fn acronym_definition_phase(&mut self) {
        // Where « ( ACR ) » stands: `i` is the « ( » (not the first token, nor one of the last
        // two).
        let opens: Vec<usize> = self
            .paren_tokens()
            .filter(|&i| {
                i > 0
                    && i + 2 < self.tokens.len()
                    && self.word(i + 2) == ")"
                    && self.is_acronym(i + 1)
            })
            .collect();
        if opens.is_empty() {
            return;
        }
        let mut new = Vec::new();
        // The longest organisation or place ending at each token.
        // (`usize::MAX`: none.)
        let mut ending = std::mem::take(&mut self.bufs.per_token);
        ending.clear();
        ending.resize(self.tokens.len() + 1, usize::MAX);
        for (idx, c) in self.cands.iter().enumerate() {
            if c.hidden || !matches!(c.kind, Kind::Organisation | Kind::Location) {
                continue;
            }
            let better = match ending[c.te] {
                usize::MAX => true,
                b => {
                    let b = &self.cands[b];
                    (c.te - c.ts, c.prio) > (b.te - b.ts, b.prio)
                }
            };
            if better {
                ending[c.te] = idx;
            }
        }
        for i in opens {
            let before = ending[i];
            let before = (before != usize::MAX).then_some(before);
            // A known place in parentheses, written as a name, locates what comes before:
            // « l'université de Manchester (Royaume-Uni) ».
            if self.starts_with(i + 1, starts::LOC) && !self.tok_has(i + 1, UPPER) {
                continue;
            }
            // « Benoît Hamon (PS) »: a person's party, not the acronym of the person (and
            // « Amadou Toumani Touré (ATT) » is a person's); but « le parti Chama Cha Mapinduzi
            // (CCM) », after a noun that names an organisation and with initials that spell
            // the acronym, is the acronym's name whatever its first word.
            if before.is_none() {
                let k = self.name_start_before(i);
                let named_org = k > 0
                    && !self.tok_has(k - 1, CAP)
                    && self.is(k - 1, class::ORG_HEAD | class::ORG_CUE)
                    && initials_spell(self.orig_word(i + 1), (k..i).map(|t| self.orig_word(t)));
                if self.is_first_name(k) && !named_org {
                    continue;
                }
            }
            let before = before.map(|idx| &self.cands[idx]);
            let (kind, place, ts, country) = match before {
                // A one-word place before parentheses is a dateline or a code, not the
                // acronym's full name: « Bamako (AMAP) ».
                Some(c) if c.kind == Kind::Location && c.te - c.ts < 2 => continue,
                Some(c) => (
                    c.kind,
                    c.place,
                    c.ts,
                    match &c.value {
                        Some(Value::Country(code)) => Some(code.clone()),
                        _ => None,
                    },
                ),
                None => {
                    // A capitalised name no rule knew: capitalised words, connectors,
                    // adjectives, back to the first capitalised word.
                    let mut k = i;
                    let mut caps = 0;
                    while k > 0 {
                        let p = k - 1;
                        if self.is_cap_word(p) {
                            caps += 1;
                            k = p;
                        } else if self.is_adjective(p)
                            || matches!(
                                self.word(p),
                                "de" | "du" | "des" | "d'" | "la" | "l'" | "et"
                            )
                        {
                            k = p;
                        } else {
                            break;
                        }
                        if self.tok_has(k, SENT_START) {
                            break;
                        }
                    }
                    while k < i && !self.is_cap_word(k) {
                        k += 1;
                    }
                    if caps < 2 || k >= i {
                        continue;
                    }
                    let acr = self.orig_word(i + 1);
                    if !initials_fit(acr, self.tokens_text(k, i)) {
                        self.acronyms.entry(acr.to_string()).or_insert((
                            Kind::Organisation,
                            None,
                            None,
                        ));
                        continue;
                    }
                    new.push((k, i, Kind::Organisation, None, None, "name(ACR)"));
                    (Kind::Organisation, None, k, None)
                }
            };
            let full = self.tokens_text(ts, i).to_string();
            let acr = self.orig_word(i + 1).to_string();
            // « Union des sports … du Burkina Faso (USSU-BF) »: the name before the parentheses
            // must be one the acronym can stand for, not the last words of a longer one. The
            // acronym is still one of the text's, with no full name: its later uses are found.
            if !initials_fit(&acr, &full) {
                self.acronyms
                    .entry(acr)
                    .or_insert((Kind::Organisation, None, None));
                continue;
            }
            if self.acronyms.contains_key(&acr) {
                // Defined already: the first definition names every use.
                continue;
            }
            // A country's acronym has its code (« République démocratique du Congo (RDC) »);
            // anything else, the full name.
            let value = match country {
                Some(code) => Value::Country(code),
                None => Value::Name(full),
            };
            new.push((
                i + 1,
                i + 2,
                kind,
                place,
                Some(value.clone()),
                "acronym-definition",
            ));
            self.acronyms.insert(acr, (kind, place, Some(value)));
        }
        self.bufs.per_token = ending;
        for (ts, te, kind, place, value, rule) in new {
            self.push_tokens(ts, te, kind, place, value, Src::Rule(rule), prio::ACRONYM);
        }
    }
}

/// Whether the initials of `words` (two or more, in capitals) are the letters of `acronym`, one
/// for one and in order: « CCM » and « Chama Cha Mapinduzi », not « PS » and « Benoît Hamon ».
fn initials_spell<'w>(acronym: &str, words: impl Iterator<Item = &'w str>) -> bool {
    let mut letters = acronym.chars().filter(|c| c.is_alphabetic());
    let mut n = 0;
    for w in words {
        let Some(first) = w.chars().next() else {
            return false;
        };
        if letters.next() != Some(first) {
            return false;
        }
        n += 1;
    }
    n >= 2 && letters.next().is_none()
}

/// Whether `acronym` can stand for `name`. Either at least half of its letters are initials of
/// the name's words, articles and prepositions included (« CEDEAO » for « Communauté économique
/// des États de l'Afrique de l'Ouest »), in any order (a translated name reorders them:
/// « Congrès national africain (ANC) »); or it is made of the first letters of words of the
/// name, in order (« COMANAV » for « Compagnie malienne de navigation »). Loose on purpose:
/// « AES » keeps the initials of « Alliance des États du Sahel » for « Confédération des États
/// du Sahel »; what it rules out is a name that is only the end of the real one (« … du Burkina
/// Faso (USSU-BF) ») or another name.
pub(crate) fn initials_fit(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = crate::normalize::fold(acronym)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if letters.is_empty() || letters.len() > 16 {
        return false;
    }
    // The name's words, as runs of their letters in one buffer.
    let folded = crate::normalize::fold(name);
    let mut chars: Vec<char> = Vec::with_capacity(folded.len());
    let mut words: Vec<(usize, usize)> = Vec::new();
    for w in folded.split(|c: char| c.is_whitespace() || matches!(c, '-' | '\'')) {
        let from = chars.len();
        chars.extend(w.chars().filter(|c| c.is_alphabetic()));
        if chars.len() > from {
            words.push((from, chars.len()));
            if words.len() == 64 {
                break;
            }
        }
    }
    // Initials, each serving one letter.
    let mut initials: Vec<char> = words.iter().map(|&(a, _)| chars[a]).collect();
    let mut matched = 0;
    for a in &letters {
        if let Some(k) = initials.iter().position(|b| b == a) {
            initials.swap_remove(k);
            matched += 1;
        }
    }
    if 2 * matched >= letters.len() {
        return true;
    }
    // Word beginnings in order. From letter i, every word from the first one reached there
    // on may be skipped, so the words reached with letters[..i] spelt are those from low[i]
    // on; a word's prefix that spells letters[i..i + k] reaches the next word with i + k.
    let (n, l) = (words.len(), letters.len());
    let mut low = [usize::MAX; 17];
    low[0] = 0;
    for i in 0..l {
        if low[i] > n {
            continue;
        }
        for (j, &(a, e)) in words.iter().enumerate().skip(low[i]) {
            let mut k = 0;
            while a + k < e && i + k < l && chars[a + k] == letters[i + k] {
                k += 1;
                low[i + k] = low[i + k].min(j + 1);
            }
        }
    }
    low[l] <= n
}

#[cfg(test)]
mod tests {
    use super::{initials_fit, initials_spell};

    /// The reading `initials_fit` replaced (a table of booleans over letters and words): the
    /// oracle of its spans of reached words.
    fn initials_fit_table(acronym: &str, name: &str) -> bool {
        let letters: Vec<char> = crate::normalize::fold(acronym)
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        let folded = crate::normalize::fold(name);
        let words: Vec<Vec<char>> = folded
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '\''))
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphabetic())
                    .collect::<Vec<char>>()
            })
            .filter(|w| !w.is_empty())
            .take(64)
            .collect();
        if letters.is_empty() || letters.len() > 16 {
            return false;
        }
        let mut initials: Vec<char> = words.iter().map(|w| w[0]).collect();
        let mut matched = 0;
        for a in &letters {
            if let Some(k) = initials.iter().position(|b| b == a) {
                initials.swap_remove(k);
                matched += 1;
            }
        }
        if 2 * matched >= letters.len() {
            return true;
        }
        let n = words.len();
        let mut reach = vec![vec![false; n + 1]; letters.len() + 1];
        reach[0][0] = true;
        for i in 0..letters.len() {
            for j in 0..n {
                if !reach[i][j] {
                    continue;
                }
                reach[i][j + 1] = true;
                let w = &words[j];
                let mut k = 0;
                while k < w.len() && i + k < letters.len() && w[k] == letters[i + k] {
                    k += 1;
                    reach[i + k][j + 1] = true;
                }
            }
        }
        reach[letters.len()].iter().any(|&r| r)
    }

    #[test]
    fn initials_fit_agrees_with_the_table() {
        let acronyms = [
            "COMANAV", "AES", "USSU-BF", "CEDEAO", "ONU", "PDCI-RDA", "X", "MINUSMA",
        ];
        let words = [
            "Compagnie",
            "malienne",
            "de",
            "navigation",
            "Union",
            "des",
            "sports",
            "du",
            "Burkina",
            "Faso",
            "Mission",
            "multidimensionnelle",
            "intégrée",
            "l'Afrique",
            "Ouest",
            "États",
            "Sahel",
            "Côte-d'Ivoire",
            "nations",
            "unies",
            "comanav",
            "Xénon",
            "Parti",
        ];
        let mut seed = 0x1234_5678_9abc_def1u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let acr = acronyms[(seed % acronyms.len() as u64) as usize];
            let n = (seed >> 8) % 9;
            let name: Vec<&str> = (0..n)
                .map(|k| words[((seed >> (12 + 5 * k)) % words.len() as u64) as usize])
                .collect();
            let name = name.join(" ");
            assert_eq!(
                initials_fit(acr, &name),
                initials_fit_table(acr, &name),
                "{acr} {name}"
            );
        }
    }

    #[test]
    fn initials_that_spell_an_acronym() {
        let spell = |a: &str, n: &str| initials_spell(a, n.split(' '));
        assert!(spell("CCM", "Chama Cha Mapinduzi"));
        assert!(spell("ANC", "African National Congress"));
        assert!(!spell("PS", "Benoît Hamon"));
        assert!(!spell("CC", "Chama Cha Mapinduzi"));
        assert!(!spell("C", "Chama"));
    }

    #[test]
    fn initials() {
        for (a, n) in [
            ("RDC", "République démocratique du Congo"),
            (
                "CEDEAO",
                "Communauté économique des États de l'Afrique de l'Ouest",
            ),
            ("AES", "Confédération des États du Sahel"),
            ("OTAN", "Organisation du traité de l’Atlantique Nord"),
            ("UNB", "Université Nazi-Boni de Bobo-Dioulasso"),
            ("MRD", "Mouvement pour le Renouveau démocratique"),
            ("ANC", "Congrès national africain"),
            ("COMANAV", "Compagnie malienne de navigation"),
            ("SOPAFER", "Société de Patrimoine ferroviaire du Mali"),
            ("ELECAM", "Elections Cameroon"),
        ] {
            assert!(initials_fit(a, n), "{a} {n}");
        }
        for (a, n) in [
            ("USSU-BF", "Burkina Faso"),
            ("AMAP", "Bamako"),
            ("FMI", "Banque mondiale"),
            ("MINUSTAH", "Force de maintien de la paix"),
            ("BCEAO", "Afrique de l'Ouest"),
            ("SERAP", "Accountability Project"),
            ("", "Union africaine"),
        ] {
            assert!(!initials_fit(a, n), "{a} {n}");
        }
    }
}
