//! Any `&str` is valid input: no panic, spans on char boundaries that cut the caller's text,
//! sorted and non-overlapping, char offsets that agree with byte offsets — on random Unicode,
//! decomposed accents, control and zero-width characters, headlines in capitals, huge inputs.
//! And a malformed user gazetteer gives an error naming its file and line.

use nommer::{Date, Document, Extractor, Kind, Options};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// The library's checker (`nommer::check_invariants`, shared with the fuzz targets): spans,
/// offsets, values and the document layer's references.
fn check_invariants(text: &str, doc: &Document) {
    if let Err(e) = nommer::check_invariants(text, doc) {
        let head: String = text.chars().take(200).collect();
        panic!("{e}\nin {head:?}");
    }
}

/// Pieces that stress the pipeline: accents (composed and not), quotes, no-break and zero-width
/// spaces, control characters, digits and date words, names, acronyms, parentheses.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{308}".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{202f}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{0}".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just(".".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("-".to_string()),
        Just("«".to_string()),
        Just("28".to_string()),
        Just("1er".to_string()),
        Just("novembre".to_string()),
        Just("2024".to_string()),
        Just("/".to_string()),
        Just("M.".to_string()),
        Just("Mali".to_string()),
        Just("MALI".to_string()),
        Just("Jean".to_string()),
        Just("de".to_string()),
        Just("l'".to_string()),
        Just("Conseil".to_string()),
        Just("AES".to_string()),
        Just("russo-".to_string()),
        Just("président".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        Just("œ".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        "\\PC{1,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_valid(pieces in prop::collection::vec(piece(), 0..60)) {
        let text: String = pieces.concat();
        let doc = Extractor::default().extract(&text);
        check_invariants(&text, &doc);
    }

    #[test]
    fn arbitrary_unicode_is_valid(text in "\\PC{0,300}") {
        let doc = Extractor::default().extract(&text);
        check_invariants(&text, &doc);
    }

    #[test]
    fn arbitrary_chars_are_valid(chars in prop::collection::vec(any::<char>(), 0..200)) {
        let text: String = chars.into_iter().collect();
        let doc = Extractor::default().extract(&text);
        check_invariants(&text, &doc);
    }
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_3d983a079f199569.txt"
    ))
    .unwrap()
}

#[test]
fn decomposed_accents_find_the_same_entities() {
    let nfc = seed();
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    let a = Extractor::default().extract(&nfc);
    let b = Extractor::default().extract(&nfd);
    check_invariants(&nfd, &b);
    let texts = |d: &Document| -> Vec<(Kind, String)> {
        d.entities()
            .iter()
            .map(|e| (e.kind(), e.text().nfc().collect()))
            .collect()
    };
    assert_eq!(texts(&a), texts(&b));
}

#[test]
fn results_do_not_depend_on_the_texts_extracted_before() {
    // A thread reuses its buffers from one text to the next: an ASCII text after an accented
    // one, a short text after a long one, must read the same as on a fresh thread.
    let ex = Extractor::default();
    let long = seed();
    let ascii = "M. Novak, ministre de l'Interieur du Mali, etait a Paris le 3 mai 2024.";
    let fresh = |t: &'static str| {
        std::thread::spawn(move || Extractor::default().extract(t))
            .join()
            .unwrap()
    };
    let want_ascii = fresh(ascii);
    let want_long = ex.extract(&long);
    for _ in 0..3 {
        assert_eq!(ex.extract(ascii), want_ascii);
        assert_eq!(ex.extract(&long), want_long);
        assert_eq!(ex.extract(""), Document::default());
    }
    assert!(!want_ascii.entities().is_empty());
}

#[test]
fn extraction_works_from_a_thread_local_destructor() {
    // At thread exit, thread-locals are destroyed one after another (here, the extractor's
    // scratch buffers before `LATE`, registered earlier): an extraction from a destructor
    // must still work, without the buffers.
    struct Late;
    impl Drop for Late {
        fn drop(&mut self) {
            let doc = Extractor::default().extract("M. Novak est arrivé à Paris le 3 mai 2024.");
            assert!(doc.entities().len() >= 2, "{doc:?}");
        }
    }
    thread_local! {
        static LATE: Late = const { Late };
    }
    std::thread::spawn(|| {
        LATE.with(|_| {});
        let doc = Extractor::default().extract("Paris");
        assert_eq!(doc.entities().len(), 1);
    })
    .join()
    .unwrap();
}

#[test]
fn huge_input_is_linear_and_valid() {
    let s = seed();
    let mut text = String::new();
    while text.len() < 10 << 20 {
        text.push_str(&s);
        text.push('\n');
    }
    let doc = Extractor::default().extract(&text);
    check_invariants(&text, &doc);
    let per_copy = Extractor::default().extract(&s).len();
    assert!(doc.len() >= per_copy * (text.len() / (s.len() + 1)));
}

#[test]
fn one_long_word_and_one_long_line() {
    for text in [
        "a".repeat(1 << 20),
        "Mali ".repeat(100_000),
        "( ".repeat(200_000),
    ] {
        let doc = Extractor::default().extract(&text);
        check_invariants(&text, &doc);
    }
}

/// Repetitions that once cost the square of their length or overflowed the stack (review
/// findings): runs of « chargé », of initials, of hyphenated prefixes, of event names, of
/// digit-only hyphenated words. Each is a few hundred kilobytes: linear work finishes at once.
#[test]
fn adversarial_repetitions_stay_linear_and_valid() {
    let inputs = [
        format!("le ministre {}de la Défense", "chargé ".repeat(40_000)),
        format!("{}Novak.", "M. ".repeat(60_000)),
        format!("{}malien", "franco-".repeat(60_000)),
        "le Tour de France, ".repeat(20_000),
        "1-2 ".repeat(80_000),
        "( ABC ) ".repeat(40_000),
        "à Bandol ".repeat(40_000),
        "Jean et Marie Dupont, ".repeat(20_000),
    ];
    for text in &inputs {
        let doc = Extractor::default().extract(text);
        check_invariants(text, &doc);
    }
}

/// Words of relative dates and what surrounds them, for texts extracted with a document date.
fn relative_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("mardi".to_string()),
        Just("Mardi".to_string()),
        Just("mars".to_string()),
        Just("mi-mars".to_string()),
        Just("dernier".to_string()),
        Just("prochaine".to_string()),
        Just("passé".to_string()),
        Just("semaine".to_string()),
        Just("cette".to_string()),
        Just("an".to_string()),
        Just("l'".to_string()),
        Just("années".to_string()),
        Just("hier".to_string()),
        Just("aujourd’hui".to_string()),
        Just("le".to_string()),
        Just("jusqu'au".to_string()),
        Just("9".to_string()),
        Just("31".to_string()),
        Just("1990".to_string()),
        Just("en".to_string()),
        Just("viendra".to_string()),
        Just("a".to_string()),
        Just("qu'".to_string()),
        Just("é".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn relative_dates_are_valid_at_any_document_date(
        pieces in prop::collection::vec(relative_piece(), 0..40),
        day in 0i64..3_652_058,
    ) {
        let text = pieces.join(" ");
        let date = Date::new(1, 1, 1).unwrap().add_days(day);
        let doc = Extractor::default().extract_with(&text, &Options::new().date(date));
        check_invariants(&text, &doc);
    }
}

/// Relative dates resolved over long repetitive texts: each reads a bounded context.
#[test]
fn relative_dates_stay_linear() {
    let date: Date = "2024-11-27".parse().unwrap();
    let inputs = [
        "mardi ".repeat(80_000),
        "le 9, ".repeat(50_000),
        "en mars et ".repeat(40_000),
        "années 1990 ".repeat(40_000),
        format!("{} mardi", "é".repeat(300_000)),
    ];
    for text in &inputs {
        let doc = Extractor::default().extract_with(text, &Options::new().date(date));
        check_invariants(text, &doc);
        let head: String = text.chars().take(20).collect();
        assert!(doc.of_kind(Kind::Date).count() > 0, "{head:?}");
    }
}

#[test]
fn headline_in_capitals_keeps_places_but_makes_no_people() {
    let text = "LE PRÉSIDENT REÇOIT LA DÉLÉGATION À BAMAKO\nLe texte suit.";
    let doc = Extractor::default().extract(text);
    check_invariants(text, &doc);
    assert!(doc.entities().iter().any(|e| e.text() == "BAMAKO"));
    assert!(doc.of_kind(Kind::Person).next().is_none(), "{:?}", doc);
}

#[test]
fn empty_and_blank_texts() {
    for text in ["", " ", "\n\n", "\u{200b}", "\u{301}", "."] {
        assert!(Extractor::default().extract(text).is_empty(), "{text:?}");
    }
}

#[test]
fn malformed_user_gazetteer_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("nommer-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mes-organisations.tsv");
    std::fs::write(
        &path,
        "# mes organisations\nAcme\torg\tAcme SA\t-\nBeta Corp\torg\n",
    )
    .unwrap();
    let err = Extractor::builder()
        .gazetteer_file(&path)
        .build()
        .unwrap_err();
    assert_eq!(err.line_number(), Some(3));
    assert!(err.file().unwrap().ends_with("mes-organisations.tsv"));
    assert!(
        err.to_string().contains("mes-organisations.tsv, line 3"),
        "{err}"
    );
    let missing = Extractor::builder()
        .gazetteer_file(dir.join("absent.tsv"))
        .build()
        .unwrap_err();
    assert!(missing.to_string().contains("absent.tsv"), "{missing}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn user_gazetteer_entries_are_found() {
    let extractor = Extractor::builder()
        .gazetteer_str("mine.tsv", "Zorbaville\tcity\tZorbaville\tcc=ML\nMINUSMA\torg\tMission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali\texact;acronym\n")
        .build()
        .unwrap();
    let doc = extractor.extract("La MINUSMA a quitté Zorbaville.");
    let found: Vec<(&str, String)> = doc
        .entities()
        .iter()
        .map(|e| (e.text(), e.source().to_string()))
        .collect();
    assert_eq!(found[0].0, "MINUSMA");
    assert_eq!(found[1], ("Zorbaville", "mine.tsv:1".to_string()));
}

#[test]
fn disabled_kinds_are_not_returned_but_still_help() {
    let extractor = Extractor::builder().disable(Kind::Title).build().unwrap();
    let doc = extractor.extract("Le général de brigade Moussa Traoré est arrivé.");
    assert!(doc.of_kind(Kind::Title).next().is_none());
    assert_eq!(
        doc.of_kind(Kind::Person).next().unwrap().text(),
        "Moussa Traoré"
    );
}

#[test]
fn json_round_trip() {
    let doc = Extractor::default().extract(&seed());
    let json = serde_json::to_string(&doc).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(doc, back);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v["entities"][0];
    assert_eq!(first["kind"], "location");
    assert_eq!(first["subtype"], "country");
    assert_eq!(first["value"]["country"], "ML");
    assert!(first["source"]["gazetteer"]["file"].is_string());
}

/// The document layer's spans and indices agree with the text and the entities (the same
/// checker: it reads the layer's lists, empty after a flat extraction).
fn check_layer(text: &str, doc: &Document) {
    check_invariants(text, doc);
}

/// Pieces of the constructions the document layer reads.
fn layer_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("« ".to_string()),
        Just(" »".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(", a-t-il déclaré".to_string()),
        Just(", a-t-elle".to_string()),
        Just(" a déclaré : ".to_string()),
        Just("Selon ".to_string()),
        Just("d'après ".to_string()),
        Just("Alexandre Novak".to_string()),
        Just("M. Novak".to_string()),
        Just("Mme Diarra".to_string()),
        Just(", le ministre malien des Affaires étrangères, ".to_string()),
        Just("le président nigérien ".to_string()),
        Just("l'ancien président ".to_string()),
        Just(" a été nommé ministre ".to_string()),
        Just("Confédération des États du Sahel (AES)".to_string()),
        Just("AES (Alliance des États du Sahel)".to_string()),
        Just("l'Otan".to_string()),
        Just(" du Mali".to_string()),
        Just(", BBC Afrique".to_string()),
        Just(" (".to_string()),
        Just(")".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{200b}".to_string()),
        "[A-Za-zÀ-ÿ]{1,8}".prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_document_layer_takes_any_text(pieces in prop::collection::vec(layer_piece(), 0..60)) {
        let text: String = pieces.concat();
        let doc = Extractor::default().analyse(&text);
        check_layer(&text, &doc);
    }

    #[test]
    fn dated_documents_take_any_text(
        pieces in prop::collection::vec(prop_oneof![layer_piece(), relative_piece()], 0..60),
        day in 0i64..3_652_058,
    ) {
        let text: String = pieces.concat();
        let date = Date::new(1, 1, 1).unwrap().add_days(day);
        let options = Options::new().date(date).document_layer(true);
        let doc = Extractor::default().extract_with(&text, &options);
        check_layer(&text, &doc);
    }

    #[test]
    fn the_document_layer_takes_arbitrary_unicode(text in "\\PC{0,300}") {
        let doc = Extractor::default().analyse(&text);
        check_layer(&text, &doc);
    }
}

/// Inputs that would cost the square of their length if a step rescanned the text per mark or
/// per entity; each is read whole (the test's time shows a regression, its assertions the
/// invariants).
/// A relative date's sentence may open after a guillemet (two bytes): a panic once.
#[test]
fn a_relative_date_after_a_guillemet() {
    let text = "« Nous irons » mardi. Il a dit « oui » hier, « non » demain.";
    let options = Options::new().date("2024-11-27".parse().unwrap());
    let doc = Extractor::default().extract_with(text, &options);
    check_invariants(text, &doc);
    assert!(doc.entities().iter().any(|e| e.text() == "mardi"));
}

#[test]
fn the_document_layer_on_pathological_inputs() {
    let texts = [
        "«".repeat(20_000),
        "»".repeat(20_000),
        "\"".repeat(20_000),
        "« a, ".repeat(10_000),
        "Alexandre Novak, ".repeat(5_000),
        "M. Novak a déclaré : « Oui », a-t-il dit. ".repeat(2_000),
        "le ministre a dit ".repeat(5_000),
        "AES (AES) ".repeat(5_000),
        format!("« {} »", "mot ".repeat(50_000)),
        // One person, many titles and back-references; persons sharing a surname.
        "Alexandre Novak, vice-Premier ministre de la Fédération de Russie, le ministre a dit. "
            .repeat(2_000),
        (0..3_000)
            .map(|i| {
                format!(
                    "Jean Le Pen{} et Marie Le Pen{}. Mme Le Pen{} a dit. ",
                    i % 7,
                    i % 7,
                    i % 7
                )
            })
            .collect::<String>(),
    ];
    for t in &texts {
        let doc = Extractor::default().analyse(t);
        check_layer(t, &doc);
    }
}
