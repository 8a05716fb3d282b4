//! [`Extractor`] and [`ExtractorBuilder`].

use crate::document::Document;
use crate::entity::Kind;
use crate::error::Error;
use crate::gazetteer::{parse, Lexicon};
use crate::pipeline::{kind_index, Run};
use once_cell::sync::Lazy;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The gazetteers embedded in the crate: file name and content.
const DEFAULT_GAZETTEERS: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../gazetteers/countries.tsv")),
    ("regions.tsv", include_str!("../gazetteers/regions.tsv")),
    ("cities.tsv", include_str!("../gazetteers/cities.tsv")),
    ("places.tsv", include_str!("../gazetteers/places.tsv")),
    (
        "organisations.tsv",
        include_str!("../gazetteers/organisations.tsv"),
    ),
    ("org-heads.tsv", include_str!("../gazetteers/org-heads.tsv")),
    ("titles.tsv", include_str!("../gazetteers/titles.tsv")),
    (
        "honorifics.tsv",
        include_str!("../gazetteers/honorifics.tsv"),
    ),
    ("demonyms.tsv", include_str!("../gazetteers/demonyms.tsv")),
    (
        "first-names.tsv",
        include_str!("../gazetteers/first-names.tsv"),
    ),
];

/// The gazetteers embedded in the crate, in the order they are loaded: each file's name
/// (`countries.tsv`…) and its whole content, header comments (source, version, licence)
/// included.
///
/// ```
/// let (name, content) = nommer::embedded_gazetteers().next().unwrap();
/// assert_eq!(name, "countries.tsv");
/// assert!(content.starts_with('#'));
/// ```
pub fn embedded_gazetteers() -> impl Iterator<Item = (&'static str, &'static str)> {
    DEFAULT_GAZETTEERS.iter().copied()
}

static DEFAULT: Lazy<Extractor> = Lazy::new(|| {
    ExtractorBuilder::new()
        .build()
        .expect("the embedded gazetteers are valid (checked by the test suite)")
});

/// Finds entities in French text.
///
/// Building compiles the gazetteers (tens of milliseconds); extracting is cheap. An extractor is
/// `Send + Sync` and cheap to clone (the compiled data sits behind an [`Arc`]): build it once
/// and share it across threads. [`Extractor::default`] returns a clone of one built on first use
/// from the embedded gazetteers.
///
/// ```
/// let doc = nommer::Extractor::default().extract("M. Novak est arrivé à Bamako.");
/// let texts: Vec<&str> = doc.entities().iter().map(|e| e.text()).collect();
/// assert_eq!(texts, ["Novak", "Bamako"]);
/// ```
#[derive(Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

struct Inner {
    lexicon: Lexicon,
    enabled: [bool; 6],
}

impl Default for Extractor {
    fn default() -> Extractor {
        DEFAULT.clone()
    }
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("gazetteers", &self.inner.lexicon.files)
            .field("entries", &self.inner.lexicon.entries.len())
            .finish()
    }
}

/// Texts longer than this are processed in pieces cut at a line break (or a space), so that
/// offsets fit the internal `u32` maps and memory stays proportional to the piece.
const MAX_PIECE: usize = 64 << 20;

impl Extractor {
    /// The default extractor (same as [`Extractor::default`]).
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// A builder, to add gazetteers or switch kinds off.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The compiled gazetteers, for the crate's own tests.
    #[cfg(test)]
    pub(crate) fn lexicon(&self) -> &Lexicon {
        &self.inner.lexicon
    }

    /// Finds the entities of `text`: a flat list sorted by position, never overlapping.
    ///
    /// Any `&str` is valid input; extraction never fails and never panics. Time is linear in the
    /// length of the text.
    pub fn extract(&self, text: &str) -> Document {
        if text.len() <= MAX_PIECE {
            return Run::new(text, &self.inner.lexicon).extract(&self.inner.enabled);
        }
        let mut entities = Vec::new();
        let mut offset = 0;
        let mut char_offset = 0;
        while offset < text.len() {
            let mut end = (offset + MAX_PIECE).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end < text.len() {
                let piece = &text[offset..end];
                if let Some(cut) = piece.rfind('\n').or_else(|| piece.rfind(' ')) {
                    if cut > 0 {
                        end = offset + cut + 1;
                    }
                }
            }
            let piece = &text[offset..end];
            let doc = Run::new(piece, &self.inner.lexicon).extract(&self.inner.enabled);
            for mut e in doc.entities {
                e.start += offset;
                e.end += offset;
                e.char_start += char_offset;
                e.char_end += char_offset;
                entities.push(e);
            }
            char_offset += piece.chars().count();
            offset = end;
        }
        Document {
            entities,
            ..Document::default()
        }
    }

    /// Extracts as [`extract`](Self::extract) does, then what `options` ask for: the values of
    /// relative dates from the document's date ([`Options::date`]), and the document layer
    /// (persons, titles, quotes, acronyms, relations).
    ///
    /// Relative dates (« mardi », « hier », « en mars », « la semaine dernière », « le 9 »)
    /// are date entities either way; without a document date they have no value. With one,
    /// each gets the ISO 8601 value a reader of the article would give it: « mardi » in an
    /// article of Wednesday 27 November 2024 is the day before, a week an interval from Monday
    /// to Sunday, a month `YYYY-MM`. A weekday or month alone is read in the tense of its
    /// sentence (the past unless a verb says otherwise).
    ///
    /// ```
    /// use nommer::{Extractor, Kind, Options, Value};
    ///
    /// let text = "Le ministre a déclaré mardi qu'il se rendra à Bamako la semaine prochaine.";
    /// let options = Options::new().date("2024-11-27".parse().unwrap());
    /// let doc = Extractor::default().extract_with(text, &options);
    /// let dates: Vec<(&str, Option<&Value>)> =
    ///     doc.of_kind(Kind::Date).map(|e| (e.text(), e.value())).collect();
    /// assert_eq!(dates[0], ("mardi", Some(&Value::Date("2024-11-26".into()))));
    /// assert_eq!(
    ///     dates[1],
    ///     ("semaine prochaine", Some(&Value::Interval("2024-12-02".into(), "2024-12-08".into())))
    /// );
    ///
    /// // Without a date, the same entities, without values.
    /// let flat = Extractor::default().extract(text);
    /// let mardi = flat.of_kind(Kind::Date).next().unwrap();
    /// assert_eq!((mardi.text(), mardi.value()), ("mardi", None));
    /// ```
    ///
    /// With the document layer:
    ///
    /// ```
    /// use nommer::{Extractor, Options};
    ///
    /// let text = "M. Novak est arrivé mardi à Bamako.";
    /// let options = Options::new().date("2024-11-27".parse().unwrap()).document_layer(true);
    /// let doc = Extractor::default().extract_with(text, &options);
    /// assert_eq!(doc.persons()[0].name(), "Novak");
    /// ```
    pub fn extract_with(&self, text: &str, options: &Options) -> Document {
        let mut doc = self.extract(text);
        if let Some(date) = options.date {
            doc.date = Some(date);
            crate::reldate::resolve(text, &mut doc.entities, date);
        }
        if options.document_layer {
            let links = crate::links::read(text, &mut doc.entities, &self.inner.lexicon);
            doc.persons = links.persons;
            doc.quotes = links.quotes;
            doc.acronyms = links.acronyms;
            doc.relations = links.relations;
        }
        doc
    }

    /// Extracts the entities and reads the document layer: who is who, which titles each
    /// person holds and what they belong to, who said what, what the acronyms stand for.
    /// The same as [`extract_with`](Self::extract_with) with
    /// [`Options::document_layer`] on.
    ///
    /// ```
    /// let text = "Alexandre Novak, vice-Premier ministre de la Fédération de Russie, est \
    ///             arrivé à Bamako. « Nous voulons aller plus loin », a déclaré M. Novak.";
    /// let doc = nommer::Extractor::default().analyse(text);
    /// let novak = &doc.persons()[0];
    /// assert_eq!(novak.name(), "Alexandre Novak");
    /// assert_eq!(novak.mentions().len(), 2);
    /// ```
    pub fn analyse(&self, text: &str) -> Document {
        self.extract_with(text, &Options::new().document_layer(true))
    }
}

/// What [`Extractor::extract_with`] reads beyond the flat entities.
///
/// The default reads nothing more: the same result as [`Extractor::extract`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    date: Option<crate::Date>,
    document_layer: bool,
}

impl Options {
    /// The default options: no document date, no document layer.
    pub fn new() -> Options {
        Options::default()
    }
    /// The document's date: relative dates (« mardi », « hier », « le mois dernier », « en
    /// mars », « le 9 ») get their ISO 8601 value from it (see
    /// [`Extractor::extract_with`]). Without it they are date entities with no value.
    ///
    /// ```
    /// use nommer::{Extractor, Options, Value};
    ///
    /// let options = Options::new().date("2024-11-27".parse().unwrap());
    /// let doc = Extractor::default().extract_with("Le bilan a été publié hier.", &options);
    /// assert_eq!(doc.entities()[0].value(), Some(&Value::Date("2024-11-26".into())));
    /// ```
    pub fn date(mut self, date: crate::Date) -> Options {
        self.date = Some(date);
        self
    }
    /// Whether to read the document layer (persons, titles, quotes, acronyms, relations).
    pub fn document_layer(mut self, on: bool) -> Options {
        self.document_layer = on;
        self
    }
}

/// Builds an [`Extractor`] with the user's own gazetteers and choices.
///
/// ```
/// use nommer::{Extractor, Kind};
///
/// let extractor = Extractor::builder()
///     .gazetteer_str("my-orgs.tsv", "Société des Mines du Nord\torg\t-\t-\n")
///     .disable(Kind::Title)
///     .build()
///     .expect("valid gazetteer");
/// let doc = extractor.extract("La Société des Mines du Nord recrute.");
/// assert_eq!(doc.entities()[0].text(), "Société des Mines du Nord");
///
/// let err = Extractor::builder()
///     .gazetteer_str("bad.tsv", "# header\nAcme\tcompany\t-\t-\n")
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "gazetteer bad.tsv, line 2: unknown kind \"company\" \
///     (expected one of country, city, region, place, org, title, honorific, demonym, \
///     demonym-prefix, first-name, org-head)");
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    defaults: bool,
    files: Vec<PathBuf>,
    texts: Vec<(String, String)>,
    enabled: [bool; 6],
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder with the embedded gazetteers and every kind enabled.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            defaults: true,
            files: Vec::new(),
            texts: Vec::new(),
            enabled: [true; 6],
        }
    }

    /// Leaves out the embedded gazetteers: only the user's are used.
    pub fn without_default_gazetteers(mut self) -> ExtractorBuilder {
        self.defaults = false;
        self
    }

    /// Adds a gazetteer file (read at [`build`](Self::build); format in `gazetteers/README.md`).
    pub fn gazetteer_file(mut self, path: impl AsRef<Path>) -> ExtractorBuilder {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds a gazetteer from a string; `name` names it in errors and provenance.
    pub fn gazetteer_str(mut self, name: &str, content: &str) -> ExtractorBuilder {
        self.texts.push((name.to_string(), content.to_string()));
        self
    }

    /// Switches a kind off: its entities are not returned (they still serve as evidence, so
    /// switching titles off does not lose « le général \[Assimi Goïta\] »).
    pub fn disable(mut self, kind: Kind) -> ExtractorBuilder {
        self.enabled[kind_index(kind)] = false;
        self
    }

    /// Switches a kind back on.
    pub fn enable(mut self, kind: Kind) -> ExtractorBuilder {
        self.enabled[kind_index(kind)] = true;
        self
    }

    /// Reads and compiles the gazetteers. Errors name the file and line of a malformed entry.
    pub fn build(self) -> Result<Extractor, Error> {
        let mut sources: Vec<(Cow<'static, str>, Cow<'static, str>)> = Vec::new();
        if self.defaults {
            for &(name, content) in DEFAULT_GAZETTEERS {
                sources.push((Cow::Borrowed(name), Cow::Borrowed(content)));
            }
        }
        for path in &self.files {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| Error::read(&name, e))?;
            let content = String::from_utf8(bytes).map_err(|e| {
                // The line and offset of the first bad byte, as a text editor shows them.
                let at = e.utf8_error().valid_up_to();
                let before = &e.as_bytes()[..at];
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                Error::line(&name, line, format!("invalid UTF-8 at byte offset {at}"))
            })?;
            sources.push((Cow::Owned(name), Cow::Owned(content)));
        }
        sources.extend(
            self.texts
                .into_iter()
                .map(|(n, c)| (Cow::Owned(n), Cow::Owned(c))),
        );
        if sources.len() > u16::MAX as usize {
            return Err(Error::build("too many gazetteer files"));
        }
        let mut files = Vec::with_capacity(sources.len());
        let mut entries = Vec::new();
        for (idx, (name, content)) in sources.iter().enumerate() {
            entries.extend(parse(name, content, idx as u16)?);
            files.push(name.clone());
        }
        let lexicon = Lexicon::build(files, entries)?;
        crate::rules::warm_up();
        Ok(Extractor {
            inner: Arc::new(Inner {
                lexicon,
                enabled: self.enabled,
            }),
        })
    }
}
