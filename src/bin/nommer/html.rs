//! The HTML page of `nommer extract --format html`: one standalone file (inline CSS, no
//! script, no network) that shows each document's text with its entities as coloured marks,
//! and, when the document layer ran, a panel of its persons, quotations and acronyms.
//!
//! The page is written as a stream: [`head`] once, [`section`] per document, [`tail`] once;
//! nothing is kept between sections, so a page of a million documents costs the memory of
//! one. The marks nest in the only order that cannot cross: paragraph (`<p>`), quotation
//! (`<q>`), entity (`<mark>`). Entities never overlap; a quotation whose end falls inside an
//! entity is widened to the whole entity, and a quotation over several paragraphs is closed
//! and reopened at each paragraph break. Every piece of the text goes through [`escape`]
//! (`& < > " '`, control characters made visible, non-characters replaced), and every offset
//! is checked against the text before use, so any [`Document`] gives a well-formed page.

use nommer::{
    Affiliation, Document, Entity, Gender, Kind, Place, Ref, RelationKind, Source, Value,
};
use std::io::{self, Write};

/// One document of the page.
pub struct Page<'a> {
    /// The document's name: its JSONL id, or the file name.
    pub id: &'a str,
    /// The text the entities were extracted from (their byte offsets point into it).
    pub text: &'a str,
    /// What was extracted from `text`.
    pub doc: &'a Document,
}

/// How one kind (a location: one subtype) looks: its CSS class (whose rule in [`CSS`] gives
/// its colours and its short label) and its name in the legend.
struct Style {
    class: &'static str,
    name: &'static str,
}

/// Every style, in legend order.
const STYLES: [Style; 10] = [
    Style {
        class: "k-per",
        name: "Personne",
    },
    Style {
        class: "k-tit",
        name: "Titre, fonction",
    },
    Style {
        class: "k-cty",
        name: "Pays",
    },
    Style {
        class: "k-cit",
        name: "Ville",
    },
    Style {
        class: "k-reg",
        name: "Région",
    },
    Style {
        class: "k-plc",
        name: "Autre lieu",
    },
    Style {
        class: "k-org",
        name: "Organisation",
    },
    Style {
        class: "k-dat",
        name: "Date",
    },
    Style {
        class: "k-dem",
        name: "Gentilé (nationalité)",
    },
    Style {
        class: "k-oth",
        name: "Autre",
    },
];

/// The index in [`STYLES`] of an entity's kind and subtype.
fn style_of(e: &Entity) -> usize {
    match e.kind() {
        Kind::Person => 0,
        Kind::Title => 1,
        Kind::Location => match e.place() {
            Some(Place::Country) => 2,
            Some(Place::City) => 3,
            Some(Place::Region) => 4,
            _ => 5,
        },
        Kind::Organisation => 6,
        Kind::Date => 7,
        Kind::Demonym => 8,
        _ => 9,
    }
}

const CSS: &str = r#"
:root{--ink:#1c1d21;--mute:#5b5f6b;--line:#e3e0d8;--paper:#fbfaf7;--card:#fff;--accent:#2a3f9d;
--serif:"Source Serif 4",Charter,"Iowan Old Style",Georgia,"Noto Serif","DejaVu Serif",serif;
--sans:Inter,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.5 var(--sans);display:flex;flex-direction:column;min-height:100vh}
.page-head{order:0;background:#1f2433;color:#f4f2ec;padding:1.4rem clamp(1rem,4vw,3rem) 1.2rem}
.page-head h1{margin:0;font:700 1.45rem/1.2 var(--sans);letter-spacing:-.01em;overflow-wrap:anywhere}
.page-head h1 small{font-weight:400;color:#b9bccb;font-size:.8em;margin-left:.4em}
.page-head p{margin:.35rem 0 0;color:#c9ccd8;font-size:.9rem;max-width:60rem}
.legend{list-style:none;margin:.9rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem .5rem}
.legend li,.counts li{display:inline-flex;align-items:center;gap:.35em;border-radius:999px;padding:.12em .65em .12em .5em;font-size:.82rem;background:var(--bg);color:var(--fg);border:1px solid color-mix(in srgb,var(--fg) 30%,transparent)}
.legend li::before,.counts li::before{content:"";width:.65em;height:.65em;border-radius:50%;background:var(--fg)}
.legend li.lq{--bg:#f3efe4;--fg:#6b5a2e}
.toc{order:1;padding:.8rem clamp(1rem,4vw,3rem);background:#eceae3;border-bottom:1px solid var(--line)}
.toc h2{font:600 .8rem var(--sans);text-transform:uppercase;letter-spacing:.08em;color:var(--mute);margin:0 0 .4rem}
.toc .totals{margin-bottom:.8rem}
.toc ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem}
.toc a{display:inline-block;min-width:2.2em;text-align:center;padding:.1em .4em;border-radius:.35em;background:#fff;border:1px solid var(--line);color:var(--accent);text-decoration:none;font-size:.85rem}
.toc a:hover,.toc a:focus{border-color:var(--accent)}
main{order:2;flex:1;padding:1.2rem clamp(.6rem,3vw,3rem) 2rem}
.page-foot{order:3;color:var(--mute);font-size:.8rem;padding:1rem clamp(1rem,4vw,3rem);border-top:1px solid var(--line)}
.doc{background:var(--card);border:1px solid var(--line);border-radius:.8rem;box-shadow:0 1px 2px rgba(20,20,40,.05),0 6px 24px rgba(20,20,40,.04);margin:0 auto 1.6rem;max-width:82rem;overflow:hidden}
.doc-head{padding:1rem 1.4rem .8rem;border-bottom:1px solid var(--line);background:linear-gradient(#fff,#fcfbf8)}
.doc-head h2{margin:0;font:650 1.05rem/1.3 var(--sans);display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.doc-head .num{color:#fff;background:#1f2433;border-radius:.35em;padding:.05em .45em;font-size:.85em;font-weight:600;font-variant-numeric:tabular-nums}
.doc-head .id{overflow-wrap:anywhere}
.doc-head .meta{margin:.25rem 0 .55rem;color:var(--mute);font-size:.85rem}
.counts{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.counts b{font-variant-numeric:tabular-nums}
.jump{display:none;margin-top:.55rem;font-size:.85rem;color:var(--accent)}
.doc-body{display:grid;grid-template-columns:minmax(0,1fr)}
.doc-body.with-panel{grid-template-columns:minmax(0,1fr) minmax(17rem,24rem)}
.text{padding:1.3rem clamp(1rem,3vw,2.4rem) 1.6rem;font:1.08rem/2.05 var(--serif);max-width:50rem;hyphens:auto;overflow-wrap:break-word}
.text p{margin:0 0 .9em}
.text p.empty{color:var(--mute);font:italic .95rem var(--sans)}
mark.e:hover{filter:saturate(1.6)}
mark.e{background:var(--bg);color:inherit;border-radius:.28em;padding:.1em .25em .05em;border-bottom:2px solid var(--fg);-webkit-box-decoration-break:clone;box-decoration-break:clone;unicode-bidi:isolate}
mark.e::after{content:var(--l);font:600 .64rem/1 var(--sans);letter-spacing:.03em;color:var(--fg);margin-left:.35em;vertical-align:.12em;white-space:nowrap;display:inline-block;max-width:18em;overflow:hidden;text-overflow:ellipsis}
mark.e[data-v]::after{content:var(--l) " · " attr(data-v)}
.ctl{font:600 .7em/1 "DejaVu Sans Mono",ui-monospace,monospace;color:#9c1f37;border:1px solid #e6b8c0;border-radius:.2em;padding:0 .15em;margin:0 .05em}
mark.e:target{outline:2px solid var(--fg);outline-offset:1px}
mark.e.short{white-space:nowrap}
mark.e.warn{border-bottom-style:dotted}
mark.e.warn::before{content:"⚠ ";color:#a0223a;font-size:.8em}
.k-per{--bg:#e1e8ff;--fg:#2a3f9d;--l:"personne"}
.k-tit{--bg:#fff0c7;--fg:#7a4b00;--l:"titre"}
.k-cty{--bg:#d4f1db;--fg:#19612f;--l:"pays"}
.k-cit{--bg:#cdeeec;--fg:#0b5c57;--l:"ville"}
.k-reg{--bg:#e7f0c5;--fg:#4b5a0a;--l:"région"}
.k-plc{--bg:#e4efe9;--fg:#2d5a44;--l:"lieu"}
mark.k-plc{border-bottom-style:dashed}
.k-org{--bg:#ffe0e5;--fg:#9c1f37;--l:"org."}
.k-dat{--bg:#efe2fb;--fg:#5f2887;--l:"date"}
.k-dem{--bg:#ffe5d3;--fg:#8f3d0c;--l:"gentilé"}
.k-oth{--bg:#ebebeb;--fg:#444;--l:"autre"}
q.q{quotes:none;background:#f6f2e6;border-radius:.3em;box-shadow:inset 0 -.12em 0 #d9ccab;-webkit-box-decoration-break:clone;box-decoration-break:clone;padding:.05em 0}
q.q::before,q.q::after{content:none}
q.q:target{background:#fde9a8}
a.spk{font:600 .68rem/1 var(--sans);color:#5b4714;background:#efe6cc;border-radius:999px;padding:.2em .55em;margin-left:.3em;text-decoration:none;vertical-align:.15em;white-space:nowrap}
a.spk::before{content:"— "}
.panel{border-left:1px solid var(--line);background:#faf9f5;padding:1.1rem 1.2rem 1.4rem;font-size:.9rem}
@media (min-width:62.01rem){.panel>.sticky{position:sticky;top:.8rem;max-height:calc(100vh - 1.6rem);overflow:auto;scrollbar-width:thin}}
.panel h3{font:650 .78rem var(--sans);text-transform:uppercase;letter-spacing:.08em;color:var(--mute);margin:0 0 .5rem;display:flex;justify-content:space-between}
.part+.part{margin-top:1.3rem}
.panel ol,.panel ul{list-style:none;margin:0;padding:0}
.person{background:#fff;border:1px solid var(--line);border-left:4px solid #2a3f9d;border-radius:.5rem;padding:.5rem .7rem;margin-bottom:.5rem}
.person .pn{display:flex;justify-content:space-between;gap:.5rem;align-items:baseline}
.person .pn a{font-weight:650;color:var(--ink);text-decoration:none}
.person .pn a:hover{text-decoration:underline}
.tag{font-size:.75rem;color:var(--mute);white-space:nowrap}
.chips{display:flex;flex-wrap:wrap;gap:.25rem;margin-top:.35rem}
.chip{background:var(--bg);color:var(--fg);border-radius:.3em;padding:.05em .4em;font-size:.8rem}
.aff{margin:.3rem 0 0;font-size:.8rem;color:var(--mute)}
.quote{background:#fff;border:1px solid var(--line);border-left:4px solid #c9b47a;border-radius:.5rem;padding:.5rem .7rem;margin-bottom:.5rem}
.quote blockquote{margin:0;font:italic .92rem/1.45 var(--serif);display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
.quote blockquote a{color:inherit;text-decoration:none}
.quote .by{margin:.35rem 0 0;font-size:.8rem;color:var(--mute)}
.quote .by strong{color:var(--ink)}
.cue{font-style:italic}
.acr{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.3rem .7rem;align-items:baseline}
.acr dt{font-weight:700;background:#ffe0e5;color:#9c1f37;border-radius:.3em;padding:0 .4em}
.acr dd{margin:0}
details.rel summary{cursor:pointer;font:650 .78rem var(--sans);text-transform:uppercase;letter-spacing:.08em;color:var(--mute)}
details.rel li{font-size:.8rem;margin:.25rem 0;color:var(--mute)}
details.rel li b{color:var(--ink);font-weight:600}
.none{color:var(--mute);font-style:italic}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
@media (max-width:62rem){.jump{display:inline-block}.doc-body.with-panel{grid-template-columns:minmax(0,1fr)}.panel{border-left:0;border-top:1px solid var(--line)}.text{max-width:none}}
@media (max-width:30rem){body{font-size:15px}.page-head h1{font-size:1.15rem}.page-head p{display:none}.legend li{font-size:.75rem}.text{font-size:1.02rem;line-height:1.95;padding:1rem .9rem}.doc-head{padding:.8rem .9rem}.doc{border-radius:.5rem}main{padding:.6rem .4rem}}
@media print{body{background:#fff;display:block;font-size:10pt}.toc{display:none}.page-head{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 .5rem}.page-head p,.page-head h1 small{color:#333}
.text{line-height:1.75;max-width:none}
.jump{display:none}.doc{box-shadow:none;border:0;break-before:page;max-width:none}.doc:first-child{break-before:auto}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}.doc-body.with-panel{grid-template-columns:minmax(0,1fr) 16rem}
.panel>.sticky{position:static;max-height:none;overflow:visible}.person,.quote{break-inside:avoid}.quote blockquote{display:block;-webkit-line-clamp:none}a{color:inherit}}
"#;

/// Writes `<!DOCTYPE html>…<body>` with the styles and the legend.
pub fn head(out: &mut dyn Write, title: &str) -> io::Result<()> {
    out.write_all(
        b"<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
          <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
          <meta name=\"color-scheme\" content=\"light\">\n",
    )?;
    write!(
        out,
        "<meta name=\"generator\" content=\"nommer {}\">\n<title>",
        env!("CARGO_PKG_VERSION")
    )?;
    escape(out, title, Mode::Attr)?;
    out.write_all(b"</title>\n<style>")?;
    out.write_all(CSS.as_bytes())?;
    // One CSS counter a kind: the page's totals, shown by the table of contents that `tail`
    // writes after every section (counters follow the document order).
    out.write_all(b"body{counter-reset:")?;
    for s in &STYLES {
        write!(out, " {}", s.class)?;
    }
    out.write_all(b"}\n")?;
    for s in &STYLES {
        let c = s.class;
        writeln!(
            out,
            "mark.{c}{{counter-increment:{c}}}.totals .{c} b::after{{content:counter({c})}}"
        )?;
    }
    out.write_all(b"</style>\n</head>\n<body>\n<header class=\"page-head\">\n<h1>")?;
    escape(out, title, Mode::Text)?;
    out.write_all(b" <small>entit\xc3\xa9s nomm\xc3\xa9es</small></h1>\n")?;
    out.write_all(
        "<p>Chaque entité est marquée de la couleur de sa sorte, avec une étiquette qui donne \
         sa valeur (code ISO, date, nom complet) ; survolez-la pour sa source (ligne de \
         gazetteer ou règle). Les citations sont sur fond crème, suivies de leur locuteur.</p>\n"
            .as_bytes(),
    )?;
    out.write_all(b"<ul class=\"legend\" aria-label=\"L\xc3\xa9gende\">")?;
    for s in &STYLES[..STYLES.len() - 1] {
        write!(out, "<li class=\"{}\">{}</li>", s.class, s.name)?;
    }
    out.write_all(b"<li class=\"lq\">\xc2\xab citation \xc2\xbb</li></ul>\n</header>\n<main>\n")
}

/// Writes the end of the page (`count` documents were written).
pub fn tail(out: &mut dyn Write, count: usize) -> io::Result<()> {
    out.write_all(b"</main>\n")?;
    if count > 1 {
        // Written last (the ids are known only now), shown under the header (`order`).
        write!(
            out,
            "<nav class=\"toc\" aria-label=\"Sommaire\"><h2>{count} documents \u{b7} entit\u{e9}s \
             de la page</h2><ul class=\"counts totals\">"
        )?;
        for s in &STYLES[..STYLES.len() - 1] {
            write!(out, "<li class=\"{}\">{} <b></b></li>", s.class, s.name)?;
        }
        out.write_all(b"</ul><h2>Sommaire</h2><ol>")?;
        for n in 1..=count {
            write!(out, "<li><a href=\"#d{n}\">{n}</a></li>")?;
        }
        out.write_all(b"</ol></nav>\n")?;
    }
    let plural = if count == 1 { "" } else { "s" };
    write!(
        out,
        "<footer class=\"page-foot\">{count} document{plural} \u{b7} nommer {}</footer>\n\
         </body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// A quotation as marked in the text: bytes `start..end` (its quotation marks included when
/// they are there, widened to whole entities), index `quote` in `Document::quotes`.
struct QuoteRun {
    start: usize,
    end: usize,
    quote: usize,
}

/// Writes one document's section (`number` counts from 1).
pub fn section(out: &mut dyn Write, page: &Page, number: usize) -> io::Result<()> {
    let (text, doc) = (page.text, page.doc);
    // The entities that can be marked: on char boundaries of `text`, non-empty, in order.
    let mut ents: Vec<(usize, usize, usize)> = Vec::with_capacity(doc.entities().len());
    let mut counts = [0usize; STYLES.len()];
    for (i, e) in doc.entities().iter().enumerate() {
        let r = e.range();
        let after_last = ents.last().map_or(0, |l| l.1);
        if r.start >= r.end || r.start < after_last || text.get(r.clone()).is_none() {
            continue;
        }
        ents.push((r.start, r.end, i));
        counts[style_of(e)] += 1;
    }
    let runs = quote_runs(text, doc, &ents);
    let layer = !(doc.persons().is_empty() && doc.quotes().is_empty() && doc.acronyms().is_empty());

    writeln!(
        out,
        "<section class=\"doc\" id=\"d{number}\" aria-labelledby=\"d{number}-h\">"
    )?;
    write!(
        out,
        "<header class=\"doc-head\"><h2 id=\"d{number}-h\"><span class=\"num\">{number}</span> <span class=\"id\">"
    )?;
    escape(out, page.id, Mode::Text)?;
    out.write_all(b"</span></h2>\n<p class=\"meta\">")?;
    let n = ents.len();
    write!(out, "{n} entit\u{e9}{}", if n == 1 { "" } else { "s" })?;
    if layer {
        let (p, q, a) = (
            doc.persons().len(),
            doc.quotes().len(),
            doc.acronyms().len(),
        );
        write!(
            out,
            " \u{b7} {p} personne{} \u{b7} {q} citation{} \u{b7} {a} sigle{}",
            plural(p),
            plural(q),
            plural(a)
        )?;
    }
    if let Some(d) = doc.date() {
        write!(
            out,
            " \u{b7} dat\u{e9} du <time datetime=\"{d}\">{d}</time>"
        )?;
    }
    writeln!(out, " \u{b7} {} octets</p>", text.len())?;
    out.write_all(b"<ul class=\"counts\" aria-label=\"Entit\xc3\xa9s par sorte\">")?;
    for (s, c) in STYLES.iter().zip(counts) {
        if c > 0 {
            write!(
                out,
                "<li class=\"{}\" data-count=\"{c}\">{} <b>{c}</b></li>",
                s.class, s.name
            )?;
        }
    }
    out.write_all(b"</ul>")?;
    if layer {
        // Shown when the panel is under the text (narrow screens).
        write!(
            out,
            "<a class=\"jump\" href=\"#d{number}-panel\">Qui est qui, qui a dit quoi \u{2193}</a>"
        )?;
    }
    out.write_all(b"</header>\n")?;
    write!(
        out,
        "<div class=\"doc-body{}\">\n<article class=\"text\" lang=\"fr\">\n",
        if layer { " with-panel" } else { "" }
    )?;
    write_text(out, text, doc, &ents, &runs, number)?;
    out.write_all(b"</article>\n")?;
    if layer {
        panel(out, doc, number, &ents, &runs)?;
    }
    out.write_all(b"</div>\n</section>\n")
}

/// `"s"` for a plural count.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The index in `ents` of the first entity that ends after `at`.
fn first_ending_after(ents: &[(usize, usize, usize)], at: usize) -> usize {
    ents.partition_point(|e| e.1 <= at)
}

/// The quotations to mark, non-overlapping, each widened to its quotation marks and to the
/// entities its ends fall inside.
fn quote_runs(text: &str, doc: &Document, ents: &[(usize, usize, usize)]) -> Vec<QuoteRun> {
    const SPACES: &[char] = &[' ', '\u{a0}', '\u{202f}', '\u{2009}'];
    let free = |a: usize, b: usize| {
        // No entity meets a..b.
        ents.get(first_ending_after(ents, a))
            .is_none_or(|e| e.0 >= b)
    };
    let mut runs: Vec<QuoteRun> = Vec::new();
    for (k, q) in doc.quotes().iter().enumerate() {
        let r = q.span().range();
        if r.start > r.end || text.get(r.clone()).is_none() {
            continue;
        }
        let (mut start, mut end) = (r.start, r.end);
        let before = text[..start].trim_end_matches(SPACES);
        if let Some(c) = before.chars().next_back() {
            let at = before.len() - c.len_utf8();
            if matches!(c, '«' | '“' | '"' | '„' | '‹') && free(at, start) {
                start = at;
            }
        }
        let after = &text[end..];
        let rest = after.trim_start_matches(SPACES);
        if let Some(c) = rest.chars().next() {
            let at = end + (after.len() - rest.len()) + c.len_utf8();
            if matches!(c, '»' | '”' | '"' | '‟' | '›') && free(end, at) {
                end = at;
            }
        }
        if let Some(e) = ents.get(first_ending_after(ents, start)) {
            if e.0 < start {
                start = e.0;
            }
        }
        if let Some(e) = ents.get(first_ending_after(ents, end)) {
            if e.0 < end {
                end = e.1;
            }
        }
        if start >= end || runs.last().is_some_and(|l| start < l.end) {
            continue;
        }
        runs.push(QuoteRun {
            start,
            end,
            quote: k,
        });
    }
    runs
}

/// Whether `c` ends a line: a paragraph break in the page.
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The state of the text being written: which elements are open.
struct Writer<'o, 'd> {
    out: &'o mut dyn Write,
    doc: &'d Document,
    number: usize,
    /// A `<p>` is open.
    para: bool,
    /// The quotation being read (index in the runs), and whether its `<q>` is open in this
    /// paragraph.
    quote: Option<usize>,
    q_open: bool,
    /// Anything was written.
    any: bool,
}

impl Writer<'_, '_> {
    /// Opens the paragraph (and the quotation going on in it) before content.
    fn open(&mut self, runs: &[QuoteRun]) -> io::Result<()> {
        if !self.para {
            self.out.write_all(b"<p>")?;
            self.para = true;
            self.any = true;
        }
        if let (Some(r), false) = (self.quote, self.q_open) {
            let q = &runs[r];
            self.out.write_all(b"<q class=\"q cont\"")?;
            self.quote_title(q.quote)?;
            self.q_open = true;
        }
        Ok(())
    }

    /// Writes ` title="…">` for quotation `k`, closing its start tag.
    fn quote_title(&mut self, k: usize) -> io::Result<()> {
        if let Some(s) = self.doc.quotes().get(k).and_then(|q| q.speaker()) {
            self.out.write_all(b" title=\"")?;
            escape(self.out, s.name(), Mode::Attr)?;
            self.out.write_all(" \u{2014} ".as_bytes())?;
            escape(self.out, s.cue().text(), Mode::Attr)?;
            self.out.write_all(b"\"")?;
        }
        self.out.write_all(b">")
    }
}

/// Writes the paragraphs of `text` with its quotations and entities marked.
fn write_text(
    out: &mut dyn Write,
    text: &str,
    doc: &Document,
    ents: &[(usize, usize, usize)],
    runs: &[QuoteRun],
    number: usize,
) -> io::Result<()> {
    let mut w = Writer {
        out,
        doc,
        number,
        para: false,
        quote: None,
        q_open: false,
        any: false,
    };
    let (mut pos, mut ei, mut qi) = (0usize, 0usize, 0usize);
    let mut in_entity: Option<usize> = None;
    while pos < text.len() {
        if let Some(end) = in_entity {
            // Inside an entity: its text, line breaks as <br>.
            escape(w.out, &text[pos..end], Mode::Text)?;
            w.out.write_all(b"</mark>")?;
            in_entity = None;
            pos = end;
            continue;
        }
        if let Some(r) = w.quote {
            if runs[r].end == pos {
                if w.q_open {
                    w.out.write_all(b"</q>")?;
                    w.q_open = false;
                }
                w.quote = None;
                speaker_link(&mut w, runs[r].quote)?;
                continue;
            }
        }
        if w.quote.is_none() && qi < runs.len() && runs[qi].start == pos {
            w.open(runs)?;
            write!(
                w.out,
                "<q class=\"q\" id=\"d{}-q{}\"",
                number, runs[qi].quote
            )?;
            w.quote_title(runs[qi].quote)?;
            w.quote = Some(qi);
            w.q_open = true;
            qi += 1;
            continue;
        }
        if ei < ents.len() && ents[ei].0 == pos {
            w.open(runs)?;
            let (_, end, i) = ents[ei];
            mark(w.out, &doc.entities()[i], i, number)?;
            in_entity = Some(end);
            ei += 1;
            continue;
        }
        // Plain text up to the next event, cut at the first line break.
        let mut next = text.len();
        if let Some(e) = ents.get(ei) {
            next = next.min(e.0);
        }
        match w.quote {
            Some(r) => next = next.min(runs[r].end),
            None => {
                if let Some(q) = runs.get(qi) {
                    next = next.min(q.start);
                }
            }
        }
        let piece = &text[pos..next];
        match piece.find(is_break) {
            Some(b) => {
                if w.para || !piece[..b].trim().is_empty() {
                    w.open(runs)?;
                    escape(w.out, &piece[..b], Mode::Text)?;
                }
                // The break and the blank space after it, up to the next event.
                let rest = piece[b..].trim_start_matches(char::is_whitespace);
                pos = next - rest.len();
                if w.q_open {
                    w.out.write_all(b"</q>")?;
                    w.q_open = false;
                }
                if w.para {
                    w.out.write_all(b"</p>\n")?;
                    w.para = false;
                }
            }
            None => {
                if !piece.is_empty() && (w.para || !piece.trim().is_empty()) {
                    w.open(runs)?;
                    escape(w.out, piece, Mode::Text)?;
                }
                pos = next;
            }
        }
    }
    if let Some(r) = w.quote {
        if w.q_open {
            w.out.write_all(b"</q>")?;
        }
        w.q_open = false;
        w.quote = None;
        speaker_link(&mut w, runs[r].quote)?;
    }
    if w.para {
        w.out.write_all(b"</p>\n")?;
    }
    if !w.any {
        w.out.write_all(b"<p class=\"empty\">Texte vide.</p>\n")?;
    }
    Ok(())
}

/// After a quotation: a link to its entry in the panel, naming its speaker.
fn speaker_link(w: &mut Writer, k: usize) -> io::Result<()> {
    let Some(s) = w.doc.quotes().get(k).and_then(|q| q.speaker()) else {
        return Ok(());
    };
    if !w.para {
        w.out.write_all(b"<p>")?;
        w.para = true;
        w.any = true;
    }
    write!(w.out, "<a class=\"spk\" href=\"#d{}-qp{k}\">", w.number)?;
    escape(w.out, s.name(), Mode::Text)?;
    w.out.write_all(b"</a>")
}

/// Writes the start tag of entity `e` (index `i`): class, id, value label and hover text.
fn mark(out: &mut dyn Write, e: &Entity, i: usize, number: usize) -> io::Result<()> {
    let s = &STYLES[style_of(e)];
    write!(out, "<mark class=\"e {}", s.class)?;
    if e.warning().is_some() {
        out.write_all(b" warn")?;
    }
    // A short entity keeps its label on its line; a long one may wrap.
    if e.text().chars().nth(24).is_none() && !e.text().contains(is_break) {
        out.write_all(b" short")?;
    }
    write!(out, "\" id=\"d{number}-e{i}\"")?;
    let value = value_text(e.value());
    if let Some(v) = value.as_deref().filter(|v| *v != e.text()) {
        out.write_all(b" data-v=\"")?;
        escape(out, v, Mode::Attr)?;
        out.write_all(b"\"")?;
    }
    write!(out, " title=\"{}", s.name)?;
    if let Some(v) = &value {
        out.write_all(b" = ")?;
        escape(out, v, Mode::Attr)?;
    }
    out.write_all(" \u{2014} ".as_bytes())?;
    match e.source() {
        Source::Gazetteer { file, line } => {
            escape(out, file, Mode::Attr)?;
            write!(out, ":{line}")?;
        }
        Source::Rule(r) => {
            out.write_all("règle ".as_bytes())?;
            escape(out, r, Mode::Attr)?;
        }
        _ => out.write_all(b"?")?,
    }
    if let Some(w) = e.warning() {
        out.write_all(" \u{2014} \u{26a0} ".as_bytes())?;
        escape(out, w, Mode::Attr)?;
    }
    out.write_all(b"\">")
}

/// A value as the page shows it.
fn value_text(v: Option<&Value>) -> Option<String> {
    Some(match v? {
        Value::Country(c) => c.clone(),
        Value::Countries(cs) => cs.join("+"),
        Value::Date(d) => d.clone(),
        Value::Dates(ds) => ds.join(", "),
        Value::Interval(a, b) => format!("{a} \u{2192} {b}"),
        Value::Name(n) => n.clone(),
        _ => return None,
    })
}

/// The name of a country code, as the document writes it (a country entity valued `code`).
fn country_name<'d>(doc: &'d Document, code: &str) -> Option<&'d str> {
    doc.entities()
        .iter()
        .find(|e| {
            e.place() == Some(Place::Country) && e.value() == Some(&Value::Country(code.into()))
        })
        .map(|e| e.text())
}

/// Writes an affiliation: « Mali (ML) », or an organisation's name.
fn affiliation(out: &mut dyn Write, doc: &Document, a: &Affiliation) -> io::Result<()> {
    match a {
        Affiliation::Country(c) => {
            if let Some(name) = country_name(doc, c) {
                escape(out, name, Mode::Text)?;
                out.write_all(b" (")?;
                escape(out, c, Mode::Text)?;
                out.write_all(b")")
            } else {
                escape(out, c, Mode::Text)
            }
        }
        Affiliation::Organisation(o) => escape(out, o, Mode::Text),
        _ => out.write_all(b"?"),
    }
}

/// Writes the panel of the document layer: persons, quotations, acronyms, relations.
fn panel(
    out: &mut dyn Write,
    doc: &Document,
    number: usize,
    ents: &[(usize, usize, usize)],
    runs: &[QuoteRun],
) -> io::Result<()> {
    // Links go only to what the text marks (a document may hold spans that do not fit it).
    let marked = |i: usize| ents.binary_search_by_key(&i, |e| e.2).is_ok();
    let quoted = |k: usize| runs.binary_search_by_key(&k, |r| r.quote).is_ok();
    writeln!(
        out,
        "<aside class=\"panel\" id=\"d{number}-panel\" aria-label=\"Qui est qui, qui a dit quoi\">\
         <div class=\"sticky\">",
    )?;
    if !doc.persons().is_empty() {
        write!(
            out,
            "<div class=\"part\"><h3><span>Personnes</span><span>{}</span></h3><ol>",
            doc.persons().len()
        )?;
        for p in doc.persons() {
            out.write_all(b"<li class=\"person\"><div class=\"pn\">")?;
            match p.mentions().iter().find(|m| marked(m.entity())) {
                Some(m) => {
                    write!(out, "<a href=\"#d{number}-e{}\">", m.entity())?;
                    escape(out, p.name(), Mode::Text)?;
                    out.write_all(b"</a>")?;
                }
                None => escape(out, p.name(), Mode::Text)?,
            }
            let n = p.mentions().len();
            out.write_all(b"<span class=\"tag\" title=\"")?;
            for (k, m) in p.mentions().iter().enumerate() {
                out.write_all(if k == 0 { b"" } else { b", " })?;
                escape(out, m.text(), Mode::Attr)?;
            }
            let gender = match p.gender() {
                Some(Gender::Masculine) => "masc. \u{b7} ",
                Some(Gender::Feminine) => "fém. \u{b7} ",
                None => "",
            };
            write!(out, "\">{gender}{n} mention{}</span></div>", plural(n))?;
            if !p.titles().is_empty() {
                out.write_all(b"<ul class=\"chips\" aria-label=\"Titres\">")?;
                for (k, t) in p.titles().iter().enumerate() {
                    // A title given twice is shown once.
                    if p.titles()[..k].iter().any(|u| u.text() == t.text()) {
                        continue;
                    }
                    out.write_all(b"<li class=\"chip k-tit\">")?;
                    escape(out, t.text(), Mode::Text)?;
                    out.write_all(b"</li>")?;
                }
                out.write_all(b"</ul>")?;
            }
            if let Some(a) = p.affiliation() {
                out.write_all("<p class=\"aff\">Affiliation : ".as_bytes())?;
                affiliation(out, doc, a)?;
                out.write_all(b"</p>")?;
            }
            out.write_all(b"</li>\n")?;
        }
        out.write_all(b"</ol></div>\n")?;
    }
    if !doc.quotes().is_empty() {
        write!(
            out,
            "<div class=\"part\"><h3><span>Citations</span><span>{}</span></h3><ol>",
            doc.quotes().len()
        )?;
        for (k, q) in doc.quotes().iter().enumerate() {
            write!(
                out,
                "<li class=\"quote\" id=\"d{number}-qp{k}\"><blockquote>"
            )?;
            if quoted(k) {
                write!(out, "<a href=\"#d{number}-q{k}\">")?;
            }
            out.write_all("\u{ab}\u{a0}".as_bytes())?;
            escape(out, q.span().text(), Mode::Text)?;
            out.write_all("\u{a0}\u{bb}".as_bytes())?;
            if quoted(k) {
                out.write_all(b"</a>")?;
            }
            out.write_all(b"</blockquote><p class=\"by\">")?;
            match q.speaker() {
                Some(s) => {
                    out.write_all("\u{2014} <strong>".as_bytes())?;
                    escape(out, s.name(), Mode::Text)?;
                    out.write_all(b"</strong>")?;
                    if s.kind() == Kind::Organisation {
                        out.write_all(b" (organisation)")?;
                    }
                    out.write_all(" \u{b7} <span class=\"cue\">\u{ab}\u{a0}".as_bytes())?;
                    escape(out, s.cue().text(), Mode::Text)?;
                    out.write_all(" \u{bb}</span> \u{b7} ".as_bytes())?;
                    escape(out, s.rule(), Mode::Text)?;
                }
                None => {
                    out.write_all(b"<span class=\"none\">locuteur non identifi\xc3\xa9</span>")?
                }
            }
            out.write_all(b"</p></li>\n")?;
        }
        out.write_all(b"</ol></div>\n")?;
    }
    if !doc.acronyms().is_empty() {
        write!(
            out,
            "<div class=\"part\"><h3><span>Sigles</span><span>{}</span></h3><dl class=\"acr\">",
            doc.acronyms().len()
        )?;
        for a in doc.acronyms() {
            out.write_all(b"<dt>")?;
            escape(out, a.acronym(), Mode::Text)?;
            out.write_all(b"</dt><dd>")?;
            escape(out, a.expansion(), Mode::Text)?;
            let n = a.mentions().len();
            write!(
                out,
                " <span class=\"tag\">{} \u{b7} {n} mention{}</span></dd>",
                if a.defined_in_text() {
                    "défini dans le texte"
                } else {
                    "gazetteer"
                },
                plural(n)
            )?;
        }
        out.write_all(b"</dl></div>\n")?;
    }
    if !doc.relations().is_empty() {
        write!(
            out,
            "<div class=\"part\"><details class=\"rel\"><summary>Relations ({})</summary><ul>",
            doc.relations().len()
        )?;
        for r in doc.relations() {
            out.write_all(b"<li><b>")?;
            reference(out, doc, r.from())?;
            write!(out, "</b> {} <b>", relation_name(r.kind()))?;
            reference(out, doc, r.to())?;
            out.write_all("</b> : \u{ab}\u{a0}".as_bytes())?;
            escape(out, r.evidence().text(), Mode::Text)?;
            out.write_all("\u{a0}\u{bb}</li>".as_bytes())?;
        }
        out.write_all(b"</ul></details></div>\n")?;
    }
    out.write_all(b"</div></aside>\n")
}

/// What a relation kind says, in French.
fn relation_name(k: RelationKind) -> &'static str {
    match k {
        RelationKind::PersonTitle => "a pour titre",
        RelationKind::PersonAffiliation => "appartient à",
        RelationKind::TitleAffiliation => "relève de",
        RelationKind::QuoteSpeaker => "est dite par",
        RelationKind::AcronymExpansion => "signifie",
        RelationKind::DemonymCountry => "désigne",
        _ => "→",
    }
}

/// Writes one end of a relation by name.
fn reference(out: &mut dyn Write, doc: &Document, r: &Ref) -> io::Result<()> {
    match r {
        Ref::Person(i) => match doc.persons().get(*i) {
            Some(p) => escape(out, p.name(), Mode::Text),
            None => write!(out, "personne {i}"),
        },
        Ref::Entity(i) => match doc.entities().get(*i) {
            Some(e) => escape(out, e.text(), Mode::Text),
            None => write!(out, "entité {i}"),
        },
        Ref::Quote(i) => write!(out, "la citation {}", i + 1),
        Ref::Acronym(i) => match doc.acronyms().get(*i) {
            Some(a) => escape(out, a.acronym(), Mode::Text),
            None => write!(out, "sigle {i}"),
        },
        Ref::Country(c) => escape(out, c, Mode::Text),
        Ref::Organisation(o) => escape(out, o, Mode::Text),
        _ => out.write_all(b"?"),
    }
}

/// Where escaped text goes: element content (line breaks become `<br>`) or an attribute
/// value (line breaks become spaces).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Attr,
}

/// Writes `s` escaped for HTML: `& < > " '` as references, line breaks as `<br>` (text) or
/// spaces (attributes), other control characters in caret notation (`^G`, in a
/// `<span class="ctl">` in text), C1 controls and non-characters as U+FFFD. Runs of ordinary characters are written as one
/// slice.
fn escape(out: &mut dyn Write, s: &str, mode: Mode) -> io::Result<()> {
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let rep: &[u8] = match c {
            '&' => b"&amp;",
            '<' => b"&lt;",
            '>' => b"&gt;",
            '"' => b"&quot;",
            '\'' => b"&#39;",
            '\t' | ' '..='~' => continue,
            '\r' if s[i + 1..].starts_with('\n') => b"",
            c if is_break(c) => match mode {
                Mode::Text => b"<br>",
                Mode::Attr => b" ",
            },
            '\0'..='\x1f' | '\x7f' => {
                // Caret notation (^G, ^?), which every font can show.
                out.write_all(&s.as_bytes()[from..i])?;
                let caret = [b'^', (c as u8) ^ 0x40];
                if mode == Mode::Text {
                    out.write_all(b"<span class=\"ctl\">")?;
                    out.write_all(&caret)?;
                    out.write_all(b"</span>")?;
                } else {
                    out.write_all(&caret)?;
                }
                from = i + 1;
                continue;
            }
            '\u{80}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => "\u{fffd}".as_bytes(),
            c if (c as u32) & 0xfffe == 0xfffe => "\u{fffd}".as_bytes(),
            _ => continue,
        };
        out.write_all(&s.as_bytes()[from..i])?;
        out.write_all(rep)?;
        from = i + c.len_utf8();
    }
    out.write_all(&s.as_bytes()[from..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str, mode: Mode) -> String {
        let mut v = Vec::new();
        escape(&mut v, s, mode).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(esc("a<b>&\"'", Mode::Text), "a&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(
            esc("x\u{7}y\0\u{7f}", Mode::Text),
            "x<span class=\"ctl\">^G</span>y<span class=\"ctl\">^@</span><span class=\"ctl\">^?</span>"
        );
        assert_eq!(esc("\u{1b}[31m", Mode::Attr), "^[[31m");
        assert_eq!(esc("a\r\nb\nc", Mode::Text), "a<br>b<br>c");
        assert_eq!(esc("a\r\nb", Mode::Attr), "a b");
        assert_eq!(
            esc("\u{85}\u{9f}\u{fffe}\u{1ffff}\u{fdd0}", Mode::Attr),
            " \u{fffd}\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(esc("été « ok »", Mode::Text), "été « ok »");
    }
}
