//! Bad configuration: each kind of malformed user gazetteer is an error naming the file, the
//! line and the reason, or is accepted by a rule that `gazetteers/README.md` documents.

use nommer::{Extractor, Kind};
use std::path::PathBuf;

fn file(name: &str, content: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-config");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// Builds with the file alone; the error's file, line and message.
fn error_of(name: &str, content: &[u8]) -> (Option<String>, Option<u32>, String) {
    let p = file(name, content);
    let e = Extractor::builder()
        .without_default_gazetteers()
        .gazetteer_file(&p)
        .build()
        .expect_err("a malformed gazetteer must not build");
    let msg = e.to_string();
    assert!(msg.contains(name), "the message names the file: {msg}");
    (e.file().map(|f| f.to_string()), e.line_number(), msg)
}

fn builds(name: &str, content: &[u8]) -> Extractor {
    let p = file(name, content);
    Extractor::builder()
        .gazetteer_file(&p)
        .build()
        .unwrap_or_else(|e| panic!("{name} should build: {e}"))
}

const GOOD: &[u8] = b"# mine\nAcme Industries\torg\t-\t-\n";

#[test]
fn each_malformed_line_names_file_line_and_reason() {
    let cases: &[(&str, &[u8], u32, &str)] = &[
        (
            "columns.tsv",
            b"# c\nAcme\torg\n",
            2,
            "expected 4 tab-separated columns",
        ),
        ("five.tsv", b"Acme\torg\t-\t-\textra\n", 1, "found 5"),
        (
            "kind.tsv",
            b"Acme\torg\t-\t-\nAcme\torganisation\t-\t-\n",
            2,
            "unknown kind \"organisation\"",
        ),
        (
            "code.tsv",
            b"Zembla\tcountry\tZEM\t-\n",
            1,
            "ISO 3166-1 alpha-2",
        ),
        (
            "lower.tsv",
            b"Zembla\tcountry\tzm\t-\n",
            1,
            "ISO 3166-1 alpha-2",
        ),
        (
            "demonym.tsv",
            b"zemblien\tdemonym\t-\t-\n",
            1,
            "demonym needs",
        ),
        ("empty.tsv", b"\torg\t-\t-\n", 1, "empty surface"),
        ("blank.tsv", b"   \torg\t-\t-\n", 1, "empty surface"),
        ("flag.tsv", b"Acme\torg\t-\tloud\n", 1, "flag \"loud\""),
        (
            "utf8.tsv",
            b"Acme\torg\t-\t-\nB\xffta\torg\t-\t-\n",
            2,
            "invalid UTF-8 at byte offset 14",
        ),
    ];
    for &(name, content, line, reason) in cases {
        let (f, l, msg) = error_of(name, content);
        assert!(f.is_some_and(|f| f.ends_with(name)), "{msg}");
        assert_eq!(l, Some(line), "{msg}");
        assert!(msg.contains(reason), "{name}: {msg}");
        assert!(msg.contains(&format!("line {line}")), "{msg}");
    }
    // An unreadable file: named, no line.
    let e = Extractor::builder()
        .gazetteer_file("/nonexistent/dir/mine.tsv")
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("/nonexistent/dir/mine.tsv"), "{e}");
    assert_eq!(e.line_number(), None);
}

#[test]
fn documented_tolerances_are_accepted() {
    // A byte-order mark before a comment, CRLF line ends.
    let e = builds(
        "bom-crlf.tsv",
        b"\xef\xbb\xbf# mine\r\nAcme Industries\torg\t-\t-\r\nBeta Corp\torg\t-\t-\r\n",
    );
    let doc = e.extract("Acme Industries et Beta Corp ont signé.");
    let orgs: Vec<&str> = doc.of_kind(Kind::Organisation).map(|e| e.text()).collect();
    assert_eq!(orgs, ["Acme Industries", "Beta Corp"]);
    // A very long line (1 MB surface) is an entry like another, and builds in linear time.
    let mut long = vec![b'x'; 1 << 20];
    long.extend_from_slice(b"\torg\t-\t-\n");
    long.extend_from_slice(GOOD);
    builds("long.tsv", &long);
    // The same surface under two kinds is allowed (« Niger »: country and river); extraction
    // picks one by its conflict policy, and the file still builds.
    let e = builds(
        "two-kinds.tsv",
        b"Zemblie\tcountry\tZM\t-\nZemblie\tcity\tZemblie\t-\n",
    );
    let doc = e.extract("Il vit en Zemblie.");
    assert_eq!(doc.entities().len(), 1, "{:?}", doc.entities());
    assert_eq!(doc.entities()[0].kind(), Kind::Location);
    // An exact duplicate is harmless.
    builds(
        "dup.tsv",
        b"Acme Industries\torg\t-\t-\nAcme Industries\torg\t-\t-\n",
    );
}

#[test]
fn the_first_bad_line_of_several_files_is_reported_with_its_own_file() {
    let good = file("good.tsv", GOOD);
    let bad = file("second.tsv", b"Acme\torg\t-\t-\n\nFoo\tbar\n");
    let e = Extractor::builder()
        .gazetteer_file(&good)
        .gazetteer_file(&bad)
        .build()
        .unwrap_err();
    assert!(e.file().is_some_and(|f| f.ends_with("second.tsv")), "{e}");
    assert_eq!(e.line_number(), Some(3));
}
