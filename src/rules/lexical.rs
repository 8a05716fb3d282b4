//! Small closed word classes the rules share: French function words, adjective endings,
//! connectors, name particles. These are grammar, not world knowledge, so they live in code.

use crate::entity::Place;
use crate::gazetteer::{Entry, EntryKind, Lexicon, AMBIGUOUS};
use crate::pipeline::Run;
use crate::tokenize::{Token, CAP, JOINED, SHOUT, WORD};

/// Bits of [`Run::cls`](crate::pipeline::Run): what each word is, looked up once.
pub(crate) mod class {
    pub(crate) const FUNCTION: u32 = 1;
    pub(crate) const CALENDAR: u32 = 2;
    pub(crate) const PARTICLE: u32 = 4;
    pub(crate) const FIRST_NAME: u32 = 8;
    pub(crate) const AMBIGUOUS_FIRST_NAME: u32 = 16;
    pub(crate) const HONORIFIC: u32 = 32;
    pub(crate) const ORG_HEAD: u32 = 64;
    /// Street heads and event heads (`rules/places.rs`).
    pub(crate) const STREET: u32 = 128;
    pub(crate) const EVENT: u32 = 256;
    /// The first word of a proper name in the gazetteers: a name can start only at such a word
    /// (or inside a hyphenated or elided one), so the trie is walked from those alone.
    pub(crate) const NAME_HEAD: u32 = 512;
    /// A demonym or a combining form (« malien », « russo »).
    pub(crate) const DEMONYM: u32 = 1024;
    /// A common noun that announces an organisation's name (« la banque », « le parti »).
    pub(crate) const ORG_CUE: u32 = 2048;
    /// A profession or role noun that announces a person's name (« le chanteur », « l'avocate »).
    pub(crate) const PERSON_CUE: u32 = 4096;
    /// A noun that says what kind of place follows (« la ville de »), `rules/places.rs`.
    pub(crate) const PLACE_CUE: u32 = 8192;
    /// A word that closes a company's name (« Corporation »), `rules/orgs.rs`.
    pub(crate) const ORG_SUFFIX: u32 = 16384;
    /// The first word of a title or of a name that opens in lower case (see `NAME_HEAD`).
    pub(crate) const ANY_HEAD: u32 = 32768;
    /// A proper name in the gazetteers is this one word (« France »; see `NAME_HEAD`).
    pub(crate) const NAME_ONE: u32 = 1 << 16;
    /// A word that opens a relative date besides weekdays and months (« hier », « semaine »,
    /// « années »), `rules/reldates.rs`.
    pub(crate) const RELATIVE_DATE: u32 = 1 << 17;
    /// The bits that count only on a capitalised word. DEMONYM must stay out: « malien » is a
    /// demonym in lower case, and the demonym phase visits only the words with that bit (or a
    /// hyphen).
    pub(crate) const CAPITALISED_ONLY: u32 =
        FIRST_NAME | AMBIGUOUS_FIRST_NAME | HONORIFIC | ORG_HEAD;
}

/// Function words and frequent sentence openers that are never part of a name, even when
/// capitalised (folded).
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "actuellement",
    "afin",
    "ainsi",
    "alors",
    "and",
    "apres",
    "au",
    "aucun",
    "aucune",
    "aujourd'hui",
    "aussi",
    "autre",
    "autres",
    "aux",
    "avaient",
    "avant",
    "avec",
    "avoir",
    "ayant",
    "c'",
    "ca",
    "car",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celui",
    "cependant",
    "ces",
    "cet",
    "cette",
    "chaque",
    "chez",
    "comme",
    "comment",
    "concernant",
    "contre",
    "d'",
    "dans",
    "de",
    "depuis",
    "des",
    "desormais",
    "donc",
    "dont",
    "du",
    "durant",
    "egalement",
    "elle",
    "elles",
    "en",
    "encore",
    "enfin",
    "entre",
    "environ",
    "est",
    "et",
    "etaient",
    "etait",
    "etant",
    "ete",
    "etre",
    "eux",
    "hier",
    "il",
    "ils",
    "j'",
    "je",
    "jusqu'",
    "l'",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "lorsqu'",
    "lui",
    "m'",
    "ma",
    "maintenant",
    "mais",
    "me",
    "meme",
    "mes",
    "mon",
    "n'",
    "ne",
    "neanmoins",
    "ni",
    "non",
    "nos",
    "notamment",
    "notre",
    "nous",
    "of",
    "on",
    "or",
    "ou",
    "oui",
    "par",
    "parce",
    "pas",
    "pendant",
    "peu",
    "plus",
    "plusieurs",
    "pour",
    "pourquoi",
    "pourtant",
    "puis",
    "qu'",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "quoi",
    "recemment",
    "s'",
    "sa",
    "sans",
    "se",
    "selon",
    "sera",
    "serait",
    "seront",
    "ses",
    "seulement",
    "si",
    "son",
    "sont",
    "sous",
    "sur",
    "ta",
    "tandis",
    "te",
    "tes",
    "the",
    "toi",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutefois",
    "toutes",
    "tres",
    "tu",
    "un",
    "une",
    "vers",
    "via",
    "voici",
    "voila",
    "vos",
    "votre",
    "vous",
    "y",
];

/// Months (folded, in order): capitalised in headlines and dates, never names.
pub(crate) const MONTHS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// Days of the week (folded, Monday first), likewise never names.
pub(crate) const DAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Common nouns that announce the name of an organisation (« le groupe », « la banque »).
const ORG_CUE_NOUNS: &[&str] = &[
    "groupe",
    "société",
    "entreprise",
    "compagnie",
    "firme",
    "banque",
    "parti",
    "mouvement",
    "formation",
    "syndicat",
    "association",
    "organisme",
    "journal",
    "quotidien",
    "hebdomadaire",
    "magazine",
    "revue",
    "agence",
    "chaîne",
    "radio",
    "studio",
    "éditeur",
    "constructeur",
    "fabricant",
    "opérateur",
    "label",
    "club",
    "laboratoire",
    "fondation",
    "collectif",
    "cabinet",
    "assureur",
    "distributeur",
    "start-up",
    "plateforme",
    "réseau",
    "média",
    "géant",
    "équipe",
    "coalition",
    "organisation",
    "enseigne",
    "boutique",
    "magasin",
    "supermarché",
    "hypermarché",
    "institut",
    "sondeur",
    "sondage",
    "lycée",
    "collège",
    "hôpital",
    "clinique",
];

/// Professions and roles that announce a name (« le footballeur Sadio Mané »), singular,
/// masculine and feminine.
const PERSON_CUE_NOUNS: &[&str] = &[
    "acteur",
    "actrice",
    "chanteur",
    "chanteuse",
    "rappeur",
    "rappeuse",
    "musicien",
    "musicienne",
    "écrivain",
    "écrivaine",
    "auteur",
    "autrice",
    "romancier",
    "romancière",
    "poète",
    "poétesse",
    "réalisateur",
    "réalisatrice",
    "cinéaste",
    "artiste",
    "humoriste",
    "comédien",
    "comédienne",
    "journaliste",
    "photographe",
    "animateur",
    "animatrice",
    "présentateur",
    "présentatrice",
    "footballeur",
    "footballeuse",
    "joueur",
    "joueuse",
    "attaquant",
    "attaquante",
    "défenseur",
    "milieu",
    "gardien",
    "gardienne",
    "entraîneur",
    "entraîneuse",
    "sélectionneur",
    "athlète",
    "coureur",
    "coureuse",
    "cycliste",
    "boxeur",
    "boxeuse",
    "pilote",
    "nageur",
    "nageuse",
    "tennisman",
    "tenniswoman",
    "basketteur",
    "basketteuse",
    "sprinteur",
    "sprinteuse",
    "avocat",
    "avocate",
    "médecin",
    "chirurgien",
    "chirurgienne",
    "chercheur",
    "chercheuse",
    "scientifique",
    "économiste",
    "historien",
    "historienne",
    "sociologue",
    "politologue",
    "philosophe",
    "architecte",
    "ingénieur",
    "ingénieure",
    "homme",
    "femme",
    "militant",
    "militante",
    "opposant",
    "opposante",
    "activiste",
    "syndicaliste",
    "blogueur",
    "blogueuse",
    "youtubeur",
    "youtubeuse",
    "influenceur",
    "influenceuse",
    "entrepreneur",
    "entrepreneuse",
    "milliardaire",
    "homme d'affaires",
    "candidat",
    "candidate",
    "suspect",
    "suspecte",
    "victime",
    "otage",
    "détenu",
    "détenue",
    "prêcheur",
    "prédicateur",
    "rabbin",
    "imam",
    "cardinal",
    "chef",
    "leader",
    "fondateur",
    "fondatrice",
    "patron",
    "patronne",
    "styliste",
    "créateur",
    "créatrice",
    "danseur",
    "danseuse",
    "compositeur",
    "compositrice",
    "peintre",
    "sculpteur",
    "sculptrice",
    "dessinateur",
    "dessinatrice",
    "producteur",
    "productrice",
];

/// Particles inside personal names (folded).
const NAME_PARTICLES: &[&str] = &[
    "de", "d'", "du", "des", "van", "von", "der", "den", "ben", "bin", "ibn", "ould", "ag", "al",
    "el", "abu", "abou", "dos", "da", "das", "di", "del", "della", "le", "la", "mac", "ter", "zu",
    "bint",
];

/// Endings of French adjectives that follow a capitalised head in names of institutions and
/// portfolios (« territoriale », « étrangères », « mondiale », « unies », « communiste »), folded.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "al", "ale", "ales", "aux", "el", "elle", "elles", "els", "ique", "iques", "aire", "aires",
    "ien", "ienne", "iens", "iennes", "ain", "aine", "aines", "ains", "ais", "aise", "aises",
    "ois", "oise", "oises", "ere", "eres", "ier", "iere", "ieres", "iers", "if", "ive", "ives",
    "ifs", "eur", "eure", "eures", "eurs", "ee", "ees", "ie", "ies", "eme", "emes", "ant", "ante",
    "antes", "ente", "entes", "iste", "istes",
];

/// The words that open a relative date besides weekdays, months and numbers (folded): they
/// carry the `RELATIVE_DATE` class, so that this phase visits only them, the calendar words and
/// numbers, by their class bits and flags.
pub(crate) const RELATIVE_WORDS: &[&str] = &[
    "1er",
    "mi-janvier",
    "mi-fevrier",
    "mi-mars",
    "mi-avril",
    "mi-mai",
    "mi-juin",
    "mi-juillet",
    "mi-aout",
    "mi-septembre",
    "mi-octobre",
    "mi-novembre",
    "mi-decembre",
    "hier",
    "avant-hier",
    "aujourd'hui",
    "demain",
    "apres-demain",
    "semaine",
    "mois",
    "mois-ci",
    "an",
    "annee",
    "annees",
];

/// Common nouns that open the name of a street, a square, a station…, compared with the
/// original word, accents included: « porté » is a verb, not « porte ».
pub(crate) const STREET_HEADS: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "place",
    "quai",
    "pont",
    "porte",
    "gare",
    "square",
    "allée",
    "impasse",
    "chemin",
    "route",
    "esplanade",
    "parvis",
    "rond-point",
    "carrefour",
    "aéroport",
    "faubourg",
    "autoroute",
    "promenade",
    "jardin",
    "parc",
];

/// Nouns that say what kind of place follows « de » (folded), and the subtype they give.
pub(crate) const PLACE_CUES: &[(&str, Place)] = &[
    ("ville", Place::City),
    ("village", Place::City),
    ("commune", Place::City),
    ("localite", Place::City),
    ("bourgade", Place::City),
    ("province", Place::Region),
    ("region", Place::Region),
    ("departement", Place::Region),
    ("district", Place::Region),
    ("comte", Place::Region),
    ("wilaya", Place::Region),
    ("prefecture", Place::Region),
    ("canton", Place::Region),
    ("etat", Place::Region),
    ("ile", Place::Other),
    ("archipel", Place::Other),
    ("quartier", Place::Other),
    ("massif", Place::Other),
    ("vallee", Place::Other),
];

/// Nouns that open the name of an event (folded). « tour » and « open » count capitalised only.
pub(crate) const EVENT_HEADS: &[&str] = &[
    "tour",
    "jeux",
    "coupe",
    "championnat",
    "championnats",
    "open",
    "internationaux",
    "rallye",
    "trophee",
    "festival",
    "salon",
    "masters",
    "marathon",
    "mondial",
    "mondiaux",
    "ironman",
    "biennale",
    "exposition",
    "euro",
    "grand-prix",
];

/// Last words of company and institution names, as written (« Valve Corporation », « Niantic
/// Labs »), English ones included (« International Skating Union », « Columbia Records »).
pub(crate) const ORG_SUFFIXES: &[&str] = &[
    "Inc",
    "Ltd",
    "SA",
    "SAS",
    "SARL",
    "Group",
    "Groupe",
    "Holding",
    "Holdings",
    "Corporation",
    "Corp",
    "Company",
    "Airlines",
    "Airways",
    "Bank",
    "Telecom",
    "Motors",
    "Pharma",
    "Labs",
    "Technologies",
    "Capital",
    "Partners",
    "Studios",
    "Entertainment",
    "Games",
    "Energy",
    "Industries",
    "Systems",
    "Software",
    "Institute",
    "Foundation",
    "International",
    "Association",
    "Federation",
    "Council",
    "Agency",
    "Organization",
    "Committee",
    "Society",
    "Union",
    "Party",
    "Records",
    "Pictures",
    "Productions",
    "Network",
    "Navy",
];

/// The closed classes above, folded, with their bits, for the lexicon's word map.
pub(crate) fn closed_classes() -> impl Iterator<Item = (String, u32)> {
    [
        (FUNCTION_WORDS, class::FUNCTION),
        (MONTHS, class::CALENDAR),
        (DAYS, class::CALENDAR),
        (RELATIVE_WORDS, class::RELATIVE_DATE),
        (NAME_PARTICLES, class::PARTICLE),
        (STREET_HEADS, class::STREET),
        (EVENT_HEADS, class::EVENT),
        (ORG_CUE_NOUNS, class::ORG_CUE),
        (PERSON_CUE_NOUNS, class::PERSON_CUE),
        (ORG_SUFFIXES, class::ORG_SUFFIX),
    ]
    .into_iter()
    .flat_map(|(list, bit)| list.iter().map(move |&w| (crate::normalize::fold(w), bit)))
    .chain(
        PLACE_CUES
            .iter()
            .map(|&(w, _)| (crate::normalize::fold(w), class::PLACE_CUE)),
    )
}

/// The class bit of a single-word gazetteer entry.
pub(crate) fn class_of(e: &Entry) -> u32 {
    match e.kind {
        EntryKind::FirstName if e.has(AMBIGUOUS) => class::FIRST_NAME | class::AMBIGUOUS_FIRST_NAME,
        EntryKind::FirstName => class::FIRST_NAME,
        EntryKind::Honorific => class::HONORIFIC,
        EntryKind::OrgHead => class::ORG_HEAD,
        EntryKind::Demonym | EntryKind::DemonymPrefix => class::DEMONYM,
        _ => 0,
    }
}

/// The class bits of a word token, folded `w` with token `flags`: one lookup in the
/// lexicon's word map (two for a hyphenated capitalised word).
#[inline]
pub(crate) fn word_class(w: &str, flags: u8, lex: &Lexicon) -> u32 {
    let bits_of = |w: &str| lex.word(w).map_or(0, |i| i.class);
    // First names, honorifics and organisation heads only count capitalised, and a
    // proper name starts with a capital or a digit.
    if flags & CAP == 0 {
        return if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            bits_of(w) & !class::CAPITALISED_ONLY
        } else {
            lex.lower_class(w)
        };
    }
    let mut bits = bits_of(w);
    // Only a JOINED word has an inner hyphen.
    if bits & (class::FIRST_NAME | class::DEMONYM) == 0 && flags & JOINED != 0 {
        // « Jean-Yves »: a hyphenated given name whose first part is known (not
        // « Néo-Zélandaise »).
        if let Some((first, _)) = w.split_once('-') {
            bits |= bits_of(first) & class::FIRST_NAME;
        }
    }
    bits
}

/// The bit of a word's length in a mask of lengths: bit `len`, and bit 63 for every length from
/// 63 bytes on. A scan that stops only at the words of a list tests this against the list's
/// [`length_mask`] before any string compare or hash.
#[inline]
pub(crate) const fn length_bit(len: usize) -> u64 {
    1 << if len < 63 { len } else { 63 }
}

/// The mask of the lengths of `words` (see [`length_bit`]).
pub(crate) const fn length_mask(words: &[&str]) -> u64 {
    let mut mask = 0;
    let mut k = 0;
    while k < words.len() {
        mask |= length_bit(words[k].len());
        k += 1;
    }
    mask
}

/// [`Run::is_cap_word`] of a token with its classes: capitalised, a word, not in a line in
/// capitals, neither a function word nor a calendar word.
#[inline]
pub(crate) fn cap_word(t: &Token, classes: u32) -> bool {
    t.flags & (WORD | CAP | SHOUT) == WORD | CAP
        && classes & (class::FUNCTION | class::CALENDAR) == 0
}

impl Run<'_> {
    /// Whether token `i` has a class bit.
    #[inline]
    pub(crate) fn is(&self, i: usize, bit: u32) -> bool {
        self.cls.get(i).is_some_and(|c| c & bit != 0)
    }

    /// The preposition « à » (folded « a », written with its accent, composed or not).
    pub(crate) fn is_a_grave(&self, i: usize) -> bool {
        self.word(i) == "a" && !matches!(self.orig_word(i), "a" | "A")
    }

    /// A function word (never part of a name).
    #[inline]
    pub(crate) fn is_function_word(&self, i: usize) -> bool {
        self.is(i, class::FUNCTION)
    }

    /// A month or day name.
    #[inline]
    pub(crate) fn is_calendar_word(&self, i: usize) -> bool {
        self.is(i, class::CALENDAR)
    }

    /// A name particle (de, van, ben, ould…).
    #[inline]
    pub(crate) fn is_particle(&self, i: usize) -> bool {
        self.is(i, class::PARTICLE)
    }

    /// A lower-case word that looks like an adjective.
    pub(crate) fn is_adjective(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        if !t.has(WORD) || t.has(CAP) || self.is_function_word(i) {
            return false;
        }
        let w = self.word(i);
        if w.len() < 4 {
            return false;
        }
        // « appelle », « rappelle », « interpelle »: verbs, no adjective ends so.
        ADJECTIVE_ENDINGS.iter().any(|e| w.ends_with(e)) && !w.ends_with("pelle")
    }

    /// A capitalised word that can be part of a proper name: capitalised, not a number, not a
    /// function word or calendar word, not in a line in capitals.
    pub(crate) fn is_cap_word(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.cls.get(i)) {
            (Some(t), Some(&c)) => cap_word(t, c),
            _ => false,
        }
    }

    /// Length in tokens of a connector starting at token `i` (« de », « de la », « de l' »,
    /// « du », « des », « d' », « et de la », « chargé du »…, or one of `extra`, with its
    /// article), 0 if none; and whether it is a bare « de » or « d' », without article.
    pub(crate) fn connector(&self, i: usize, extra: &[&str]) -> (usize, bool) {
        let w = self.word(i);
        let mut n = 0;
        let mut bare = false;
        let mut j = i;
        if w == "et" || w == "," {
            j += 1;
            n += 1;
        }
        // « ministre délégué chargé du Commerce extérieur »: « chargé » then a connector
        // (once: no recursion, whatever the text repeats).
        let charged =
            n == 0 && matches!(self.word(j), "charge" | "chargee" | "charges" | "chargees");
        if charged {
            j += 1;
            n += 1;
        }
        match self.word(j) {
            "de" => match self.word(j + 1) {
                "la" | "l'" => n += 2,
                _ => {
                    n += 1;
                    bare = !charged;
                }
            },
            "du" | "des" => n += 1,
            "d'" => {
                n += 1;
                bare = !charged;
            }
            // « a » is « à » only with its accent: « a appelé » is a verb.
            "a" if !self.is_a_grave(j) => return (0, false),
            w2 if extra.contains(&w2) => match self.word(j + 1) {
                "la" | "l'" | "le" | "les" => n += 2,
                _ => n += 1,
            },
            _ => return (0, false),
        }
        (n, bare)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    /// The demonym phase visits only the words with the DEMONYM class (or a hyphen): every
    /// one-word demonym of the default gazetteers must get it, written in lower case
    /// (« malien ») or capitalised (« Malien »).
    #[test]
    fn every_one_word_demonym_has_the_demonym_class() {
        let ex = crate::Extractor::default();
        let lex = ex.lexicon();
        let mut checked = 0;
        for e in lex.entries.iter().filter(|e| e.kind == EntryKind::Demonym) {
            let w = fold(&e.surface);
            if w.contains([' ', '-', '\'']) {
                continue;
            }
            for flags in [WORD, WORD | CAP] {
                assert_ne!(
                    word_class(&w, flags, lex) & class::DEMONYM,
                    0,
                    "{w:?} (flags {flags:#b})"
                );
            }
            checked += 1;
        }
        assert!(checked > 300, "only {checked} demonyms checked");
    }
}
