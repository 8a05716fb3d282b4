//! The output types: [`Entity`], its [`Kind`], [`Value`] and [`Source`], and [`Document`].

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// What an entity is. Non-exhaustive: later versions may add kinds (events, say).
///
/// Serialised in JSON as a lower-case string (`"person"`, `"location"`…); a location's subtype is
/// carried by [`Entity::place`] and serialised beside it as `"subtype"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Kind {
    /// A person's name, without honorific or title: « M. \[Novak\] ».
    Person,
    /// A title, function, office or rank, with its portfolio: « \[ministre des Armées\] ».
    Title,
    /// A place: country, city, region or other (see [`Place`]).
    Location,
    /// An organisation, by full name or acronym.
    Organisation,
    /// A date expression, without its preposition: « le \[28 novembre 2024\] ».
    Date,
    /// A nationality adjective or noun: « malien », « les Russes », « russo-maliennes ».
    Demonym,
}

impl Kind {
    /// All kinds, in declaration order.
    pub const ALL: [Kind; 6] = [
        Kind::Person,
        Kind::Title,
        Kind::Location,
        Kind::Organisation,
        Kind::Date,
        Kind::Demonym,
    ];

    /// The lower-case name used in JSON (`"person"`, `"organisation"`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Title => "title",
            Kind::Location => "location",
            Kind::Organisation => "organisation",
            Kind::Date => "date",
            Kind::Demonym => "demonym",
        }
    }

    /// The coarse CoNLL-style label: `PER`, `LOC`, `ORG`, `DATE`, `TITLE` or `DEMONYM`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "PER",
            Kind::Title => "TITLE",
            Kind::Location => "LOC",
            Kind::Organisation => "ORG",
            Kind::Date => "DATE",
            Kind::Demonym => "DEMONYM",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The subtype of a [`Kind::Location`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Place {
    /// A state or territory with an ISO 3166-1 code.
    Country,
    /// A city or town.
    City,
    /// A world or sub-national region: Sahel, Afrique de l'Ouest, Crimée.
    Region,
    /// Any other named place.
    Other,
}

impl Place {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Country => "country",
            Place::City => "city",
            Place::Region => "region",
            Place::Other => "other",
        }
    }
}

/// The canonical value of an entity, where one exists.
///
/// Serialised externally tagged: `{"country": "ML"}`, `{"countries": ["RU", "ML"]}`,
/// `{"date": "2024-11-28"}`, `{"dates": ["2024-11-09", "2024-11-10"]}`,
/// `{"interval": ["2024-11-09", "2024-11-12"]}`, `{"name": "Confédération des États du Sahel"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Value {
    /// ISO 3166-1 alpha-2 code of a country (`XK` for Kosovo).
    Country(String),
    /// ISO 3166-1 alpha-2 codes, for demonyms (« russo-maliennes » → `\["RU", "ML"\]`).
    Countries(Vec<String>),
    /// An ISO 8601 date of the precision the text gives: `2024-11-28`, `2024-11` or `2024`.
    Date(String),
    /// Several ISO 8601 dates: « les 9 et 10 novembre 2024 ».
    Dates(Vec<String>),
    /// An ISO 8601 interval, first and last day: « du 9 au 12 mai 2022 », a week (« la
    /// semaine dernière », Monday to Sunday); first and last year for a decade (« les années
    /// 1990 » → `["1990", "1999"]`).
    Interval(String, String),
    /// A canonical name: the full name of an acronym or organisation, the full name of the
    /// person a short mention refers to, the canonical form of a place or title.
    Name(String),
}

/// Where an entity comes from: the gazetteer entry or the rule that produced it.
///
/// Serialised as `{"gazetteer": {"file": "countries.tsv", "line": 42}}` or
/// `{"rule": "title+name"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Source {
    /// A gazetteer entry: file name and 1-based line.
    Gazetteer {
        /// The gazetteer file name (`countries.tsv`, or the user's file). Borrowed for the
        /// embedded gazetteers, so that reporting where an entity comes from costs no
        /// allocation.
        file: Cow<'static, str>,
        /// The 1-based line of the entry in that file.
        line: u32,
    },
    /// A named pattern rule (rule names are `'static`; deserialised ones are owned).
    Rule(Cow<'static, str>),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Gazetteer { file, line } => write!(f, "{file}:{line}"),
            Source::Rule(name) => write!(f, "rule {name}"),
        }
    }
}

/// A named entity found in the text.
///
/// Offsets always refer to the caller's original `&str`, never to a normalised copy:
/// `&text[entity.range()] == entity.text()`. Byte offsets are the Rust truth; char offsets
/// (Unicode scalar values, what Python's `str` indexes) are for JSON consumers. JavaScript's
/// UTF-16 indices differ from both for characters outside the Basic Multilingual Plane.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub(crate) kind: Kind,
    #[serde(rename = "subtype", default, skip_serializing_if = "Option::is_none")]
    pub(crate) place: Option<Place>,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) char_start: usize,
    pub(crate) char_end: usize,
    pub(crate) text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) value: Option<Value>,
    pub(crate) source: Source,
    /// What the text says that does not hold together, reported rather than silently fixed
    /// (« mardi 28 novembre 2024 »: that day is a Thursday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) warning: Option<Cow<'static, str>>,
}

impl Entity {
    /// The entity's kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// The subtype of a location (`None` for other kinds).
    pub fn place(&self) -> Option<Place> {
        self.place
    }
    /// Byte offset of the first byte in the caller's text.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset one past the last byte in the caller's text.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The byte range in the caller's text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The range in Unicode scalar values (chars) of the caller's text.
    pub fn char_range(&self) -> Range<usize> {
        self.char_start..self.char_end
    }
    /// The entity's text, exactly as in the caller's text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The canonical value, where one exists.
    pub fn value(&self) -> Option<&Value> {
        self.value.as_ref()
    }
    /// The gazetteer entry or rule that produced the entity.
    pub fn source(&self) -> &Source {
        &self.source
    }
    /// What does not hold together in the entity's text, if anything: a weekday that is not
    /// the date's (« mardi 28 novembre 2024 »). The value is what the rest of the text says
    /// (the day and month), not a correction.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{} {}", self.start, self.end, self.kind)?;
        if let Some(p) = self.place {
            write!(f, "/{}", p.as_str())?;
        }
        write!(f, " {:?}", self.text)?;
        match &self.value {
            Some(Value::Country(c)) => write!(f, " = {c}")?,
            Some(Value::Countries(c)) => write!(f, " = {}", c.join("+"))?,
            Some(Value::Date(d)) => write!(f, " = {d}")?,
            Some(Value::Dates(d)) => write!(f, " = {}", d.join(", "))?,
            Some(Value::Interval(a, b)) => write!(f, " = {a}/{b}")?,
            Some(Value::Name(n)) => write!(f, " = {n:?}")?,
            None => {}
        }
        write!(f, " [{}]", self.source)?;
        if let Some(w) = &self.warning {
            write!(f, " ({w})")?;
        }
        Ok(())
    }
}
