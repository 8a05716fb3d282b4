//! The HTML page of `nommer extract --format html` (`src/bin/nommer/html.rs`, included here so
//! that it is tested without the command): well-formed nesting, every entity marked once with
//! its kind's class, escaping, legend counts, one section a document, on the seed article and
//! on adversarial texts and documents.

#[path = "../src/bin/nommer/html.rs"]
mod html;

use nommer::{Document, Entity, Extractor, Kind, Place};
use std::collections::HashMap;

/// The page of `docs` (id, text, document), as one string.
fn page(title: &str, docs: &[(&str, &str, &Document)]) -> String {
    let mut out = Vec::new();
    html::head(&mut out, title).unwrap();
    for (n, (id, text, doc)) in docs.iter().enumerate() {
        let p = html::Page { id, text, doc };
        html::section(&mut out, &p, n + 1).unwrap();
    }
    html::tail(&mut out, docs.len()).unwrap();
    String::from_utf8(out).expect("the page is UTF-8")
}

const VOID: &[&str] = &["meta", "br", "link", "hr", "img", "input", "wbr"];

/// Checks that every tag of `page` is closed in order (void elements aside), that `<` and `&`
/// appear only as markup, that attribute values are quoted and closed, and that no control
/// character but `\n` is written. Returns the tags' names in order, with `/` for end tags.
fn check_well_formed(page: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    let b = page.as_bytes();
    let mut i = 0;
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    i += "<!DOCTYPE html>\n".len();
    for c in page.chars() {
        assert!(
            !c.is_control() || c == '\n',
            "control character {c:?} written"
        );
    }
    while i < b.len() {
        match b[i] {
            b'<' => {
                let end = i + page[i..].find('>').expect("an unclosed tag");
                let tag = &page[i + 1..end];
                assert_eq!(
                    tag.matches('"').count() % 2,
                    0,
                    "unbalanced quotes in <{tag}>"
                );
                assert!(
                    !tag.contains('<') && !tag.contains('\''),
                    "raw < or ' in <{tag}>"
                );
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(
                    !name.is_empty(),
                    "a bare < at byte {i}: {:?}",
                    &page[i..end + 1]
                );
                if let Some(closed) = tag.strip_prefix('/') {
                    assert_eq!(closed, name, "attributes in an end tag");
                    let open = stack
                        .pop()
                        .unwrap_or_else(|| panic!("</{name}> closes nothing"));
                    assert_eq!(open, name, "</{name}> closes <{open}> at byte {i}");
                    tags.push(format!("/{name}"));
                } else {
                    tags.push(name.clone());
                    if !VOID.contains(&name.as_str()) {
                        stack.push(name.clone());
                    }
                }
                i = end + 1;
                if name == "style" && !tag.starts_with('/') {
                    // Raw text up to </style>.
                    i += page[i..].find("</style>").expect("an unclosed <style>");
                }
            }
            b'&' => {
                let end = page[i..].find(';').expect("a bare &") + i;
                let name = &page[i + 1..end];
                assert!(
                    ["amp", "lt", "gt", "quot", "#39"].contains(&name),
                    "unknown reference &{name};"
                );
                i = end + 1;
            }
            b'>' => panic!("a bare > at byte {i}"),
            _ => i += 1,
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    let mut ids = std::collections::HashSet::new();
    for (at, _) in page.match_indices(" id=\"") {
        let id = page[at + 5..].split('"').next().unwrap();
        assert!(ids.insert(id), "id {id:?} given twice");
    }
    for (at, _) in page.match_indices(" href=\"#") {
        let id = page[at + 8..].split('"').next().unwrap();
        assert!(
            page.contains(&format!(" id=\"{id}\"")),
            "a link to no id: #{id}"
        );
    }
    tags
}

/// The class the page gives an entity of this kind and subtype (the legend's table).
fn class_of(e: &Entity) -> &'static str {
    match (e.kind(), e.place()) {
        (Kind::Person, _) => "k-per",
        (Kind::Title, _) => "k-tit",
        (Kind::Location, Some(Place::Country)) => "k-cty",
        (Kind::Location, Some(Place::City)) => "k-cit",
        (Kind::Location, Some(Place::Region)) => "k-reg",
        (Kind::Location, _) => "k-plc",
        (Kind::Organisation, _) => "k-org",
        (Kind::Date, _) => "k-dat",
        (Kind::Demonym, _) => "k-dem",
        _ => "k-oth",
    }
}

/// The text as the page writes it (independent of the module's escaper).
fn escaped(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("<br>"),
            '\t' => out.push('\t'),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str("<span class=\"ctl\">^");
                out.push(char::from(c as u8 ^ 0x40));
                out.push_str("</span>");
            }
            '\u{80}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => out.push('\u{fffd}'),
            c if (c as u32) & 0xfffe == 0xfffe => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Checks the section of document `number`: every entity marked once, with its class and its
/// text; the legend's counts equal to the entities' counts; one `<q>` start per quotation.
fn check_section(page: &str, number: usize, text: &str, doc: &Document) {
    let start = page
        .find(&format!("<section class=\"doc\" id=\"d{number}\""))
        .unwrap_or_else(|| panic!("no section {number}"));
    let end = start + page[start..].find("</section>").unwrap();
    let sec = &page[start..end];
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (i, e) in doc.entities().iter().enumerate() {
        assert_eq!(&text[e.range()], e.text());
        let id = format!(" id=\"d{number}-e{i}\"");
        assert_eq!(
            sec.matches(&id).count(),
            1,
            "entity {i} {:?} marked once",
            e.text()
        );
        let at = sec.find(&id).unwrap();
        let open = sec[..at].rfind("<mark ").unwrap();
        let class = &sec[open..at];
        let want = class_of(e);
        assert!(
            class.starts_with(&format!("<mark class=\"e {want}")),
            "{class} for {e}"
        );
        let body = at + sec[at..].find('>').unwrap() + 1;
        let close = body + sec[body..].find("</mark>").unwrap();
        assert_eq!(
            &sec[body..close],
            escaped(e.text()),
            "the text of entity {i}"
        );
        *counts.entry(want).or_default() += 1;
    }
    assert_eq!(sec.matches("<mark ").count(), doc.entities().len());
    let legend: HashMap<&str, usize> = sec
        .match_indices("<li class=\"k-")
        .filter_map(|(at, _)| {
            let li = &sec[at..at + sec[at..].find('>').unwrap()];
            let class = li.split('"').nth(1)?;
            let count = li.split("data-count=\"").nth(1)?.split('"').next()?;
            Some((class, count.parse().ok()?))
        })
        .collect();
    assert_eq!(legend, counts, "legend counts of section {number}");
    for (k, _) in doc.quotes().iter().enumerate() {
        let id = format!("<q class=\"q\" id=\"d{number}-q{k}\"");
        assert_eq!(sec.matches(&id).count(), 1, "quote {k} marked once");
    }
    for p in doc.persons() {
        assert!(
            sec.contains(&escaped(p.name())),
            "person {:?} in the panel",
            p.name()
        );
    }
}

#[test]
fn seed_page() {
    let text = include_str!("../seeds/000_3d983a079f199569.txt");
    let doc = Extractor::default().analyse(text);
    assert!(doc.len() > 30 && doc.quotes().len() == 2 && doc.persons().len() == 3);
    let page = page("seeds/000_3d983a079f199569.txt", &[("seed", text, &doc)]);
    let tags = check_well_formed(&page);
    check_section(&page, 1, text, &doc);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert_eq!(page.matches("<section class=\"doc\"").count(), 1);
    assert!(
        !page.contains("<nav"),
        "no table of contents for one document"
    );
    assert!(
        !page.contains("<script") && !page.contains("http"),
        "standalone, no network"
    );
    // Paragraphs kept: the seed has nine.
    assert!(tags.iter().filter(|t| *t == "p").count() >= 9);
    // Both quotations name their speaker in the text and in the panel.
    assert_eq!(page.matches("<a class=\"spk\"").count(), 2);
    assert!(page.contains("Confédération des États du Sahel"));
    assert!(page.contains("<aside class=\"panel\""));
    keep("seed.html", &page);
}

/// Writes `page` under `target/tmp/html/`, for tools/html/screenshot.sh and for a look.
fn keep(name: &str, page: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), page).unwrap();
}

/// The first documents of the raw news corpus, when `../shared` is there, on one page: one
/// section and one table-of-contents entry each.
#[test]
fn corpus_page() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/news-raw-fr.jsonl"
    );
    let Ok(corpus) = std::fs::read_to_string(path) else {
        eprintln!("skipped: no {path}");
        return;
    };
    let lines: Vec<serde_json::Value> = corpus
        .lines()
        .take(6)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs: Vec<(String, String, Document)> = lines
        .iter()
        .map(|v| {
            let text = v["text"].as_str().unwrap().to_string();
            let doc = Extractor::default().analyse(&text);
            (v["id"].as_str().unwrap().to_string(), text, doc)
        })
        .collect();
    let list: Vec<(&str, &str, &Document)> = docs
        .iter()
        .map(|(i, t, d)| (i.as_str(), t.as_str(), d))
        .collect();
    let page = page("news-raw-fr.jsonl", &list);
    check_well_formed(&page);
    for (n, (id, text, doc)) in list.iter().enumerate() {
        check_section(&page, n + 1, text, doc);
        assert!(page.contains(&escaped(id)));
    }
    assert_eq!(page.matches("<section class=\"doc\"").count(), list.len());
    assert_eq!(page.matches("<nav class=\"toc\"").count(), 1);
    keep("news.html", &page);
}

const ADVERSARIAL: &[&str] = &[
    "",
    "   \n\n\t ",
    "<script>alert('Emmanuel Macron')</script> & M. Novak au Mali <b>",
    "« Le Mali et la Russie sont des partenaires, a dit Alexandre Novak », a déclaré M. Novak.",
    "Le président Emmanuel Macron a déclaré : « La France & l'Allemagne \"soutiennent\" \
     l'Ukraine. »\n\nPuis il a ajouté : « Le Mali\n\net le Niger aussi ».",
    "Ctrl\u{0}\u{7}\u{1b}[31m Bamako\u{7f}\u{85}\u{9c} Paris\u{fffe}\u{fdd0}\r\nDakar\r\r\u{2028}Lomé",
    "Le pre\u{301}sident du Se\u{301}ne\u{301}gal, Macky Sall, a rencontre\u{301} l'ONU a\u{300} Gene\u{300}ve.",
    "«»\"\"« »\u{a0}«\u{a0}Mali\u{a0}»",
    "\u{202e}Bamako\u{202c} ' \" <!-- --> ]]> &amp; &#0;",
];

#[test]
fn adversarial_texts() {
    let docs: Vec<Document> = ADVERSARIAL
        .iter()
        .map(|t| Extractor::default().analyse(t))
        .collect();
    let list: Vec<(&str, &str, &Document)> = ADVERSARIAL
        .iter()
        .zip(&docs)
        .map(|(t, d)| ("<id \"&'>", *t, d))
        .collect();
    let page = page("<title> & \"quotes\"", &list);
    keep("adversarial.html", &page);
    check_well_formed(&page);
    for (n, (_, text, doc)) in list.iter().enumerate() {
        check_section(&page, n + 1, text, doc);
    }
    assert_eq!(
        page.matches("<section class=\"doc\"").count(),
        ADVERSARIAL.len()
    );
    assert_eq!(page.matches("<nav class=\"toc\"").count(), 1);
    for n in 1..=ADVERSARIAL.len() {
        assert_eq!(
            page.matches(&format!("href=\"#d{n}\"")).count(),
            1,
            "toc entry {n}"
        );
    }
    // The page's totals: a CSS counter a kind, incremented by every mark, shown in the table
    // of contents written after the sections.
    let nav = &page[page.find("<nav class=\"toc\"").unwrap()..];
    for class in [
        "k-per", "k-tit", "k-cty", "k-cit", "k-reg", "k-plc", "k-org", "k-dat", "k-dem",
    ] {
        assert!(page.contains(&format!("mark.{class}{{counter-increment:{class}}}")));
        assert!(page.contains(&format!(
            ".totals .{class} b::after{{content:counter({class})}}"
        )));
        assert!(nav.contains(&format!("<li class=\"{class}\">")));
    }
    assert!(!page.contains("<script>") && page.contains("&lt;script&gt;"));
    assert!(page.contains("&lt;title&gt; &amp; &quot;quotes&quot;"));
    assert_eq!(
        page.matches("Texte vide.").count(),
        2,
        "the empty and the blank text"
    );
    // The quotation that holds entities has them marked inside it.
    let q = page
        .find("<q class=\"q\" id=\"d4-q0\"")
        .expect("the quote of text 4");
    let q_end = q + page[q..].find("</q>").unwrap();
    assert!(page[q..q_end].contains("<mark class=\"e k-cty"));
    assert!(page[q..q_end].contains("<mark class=\"e k-per"));
}

/// Documents whose offsets do not fit their text (a deserialised `Document` can say
/// anything): overlapping, reversed, out of range and mid-character spans, quotations that cut
/// entities and paragraphs. The page skips what it cannot mark and stays well-formed.
#[test]
fn documents_that_do_not_fit_their_text() {
    let text = "Éric Dupont, « ministre du Mali\n\net de la Russie », a dit Éric.";
    let e = |kind: &str, s: usize, e: usize| {
        format!(
            r#"{{"kind":"{kind}","start":{s},"end":{e},"char_start":0,"char_end":0,"text":"x","source":{{"rule":"r<&>"}},"value":{{"name":"<v>"}}}}"#
        )
    };
    let q = |s: usize, e: usize| {
        format!(
            r#"{{"start":{s},"end":{e},"char_start":0,"char_end":0,"text":"q","speaker":{{"name":"<S>","kind":"person","person":7,"cue":{{"start":0,"end":0,"char_start":0,"char_end":0,"text":"c"}},"rule":"r"}}}}"#
        )
    };
    let bad = [
        (
            vec![
                e("person", 0, 12),
                e("title", 17, 33),
                e("location", 29, 33),
            ],
            vec![q(16, 50)],
        ),
        (
            vec![e("person", 1, 3), e("date", 5, 2), e("date", 0, 999)],
            vec![q(20, 10), q(0, 999)],
        ),
        (
            vec![e("title", 17, 45), e("person", 60, 64)],
            vec![q(20, 40), q(30, 62), q(62, 66)],
        ),
        (vec![], vec![q(0, text.len()), q(0, 0)]),
    ];
    let mut pages = Vec::new();
    for (ents, quotes) in bad {
        let json = format!(
            r#"{{"entities":[{}],"quotes":[{}],"persons":[{{"name":"<P>","mentions":[{{"entity":99,"start":0,"end":1,"char_start":0,"char_end":1,"text":"É"}}],"titles":[],"affiliation":{{"country":"ZZ"}}}}],"relations":[{{"kind":"person-title","from":{{"person":9}},"to":{{"entity":99}},"evidence":{{"start":0,"end":0,"char_start":0,"char_end":0,"text":"<e>"}}}}]}}"#,
            ents.join(","),
            quotes.join(",")
        );
        let doc: Document = serde_json::from_str(&json).unwrap();
        let page = page("t", &[("id", text, &doc)]);
        check_well_formed(&page);
        assert!(page.contains("&lt;P&gt;") && !page.contains("<P>"));
        pages.push(page);
    }
    // The first quotation, over a paragraph break and widened to the title it starts in, is
    // closed before the break and reopened after it; the title and the country are marked.
    let first = &pages[0];
    let q = first.find("<q class=\"q\" id=\"d1-q0\"").unwrap();
    assert!(first[q..].find("<mark class=\"e k-tit").unwrap() < 60);
    let cont = first
        .find("<q class=\"q cont\"")
        .expect("the quotation goes on");
    assert!(first[q..cont].contains("</q></p>"));
    assert_eq!(
        first.matches("<mark ").count(),
        2,
        "the overlapping location is left out"
    );
}

/// Texts drawn from pieces that stress the nesting (quotation marks, line breaks, names),
/// through the whole library: every page well-formed, every entity marked.
#[test]
fn generated_texts() {
    let pieces = [
        "« ",
        " »",
        "\u{a0}»",
        "\"",
        "“",
        "”",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        ", a déclaré ",
        "Alexandre Novak",
        "M. Novak",
        "le ministre malien",
        "Mali",
        "Bamako",
        "la Russie",
        "l'ONU",
        "(AES)",
        "Confédération des États du Sahel",
        "le 28 novembre 2024",
        "<",
        "&",
        "'",
        "\u{7}",
        "é",
        "e\u{301}",
        "Selon Mme Diarra, ",
        "a-t-il ajouté.",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let n = next() % 40;
        let text: String = (0..n)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        let doc = Extractor::default().analyse(&text);
        let page = page("g", &[("g", &text, &doc)]);
        check_well_formed(&page);
        check_section(&page, 1, &text, &doc);
    }
}
