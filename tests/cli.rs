//! The `nommer` command, run as a user runs it: every format on the seed article, the JSONL
//! pass-through and its order over several threads, each error path and its exit code, the
//! broken pipe, `eval`, `check-gazetteer`, `gazetteers`.
#![cfg(feature = "cli")]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const SEED: &str = "seeds/000_3d983a079f199569.txt";

fn nommer() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nommer"))
}

fn run(args: &[&str]) -> Output {
    nommer().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory for one test's files.
fn dir(test: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn tsv_lists_the_seed_entities_with_values_and_sources() {
    let o = run(&["extract", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("id\tstart\tend\tkind\ttext\tvalue\tsource")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() > 20, "{out}");
    assert!(rows.iter().all(|r| r.len() == 7 && r[0] == SEED), "{out}");
    let text = std::fs::read_to_string(SEED).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for r in &rows {
        let (s, e): (usize, usize) = (r[1].parse().unwrap(), r[2].parse().unwrap());
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice.replace('\n', "\\n"), r[4], "char offsets of {r:?}");
    }
    assert!(rows
        .iter()
        .any(|r| r[3] == "location/country" && r[4] == "Mali" && r[5] == "ML"));
    assert!(rows
        .iter()
        .any(|r| r[3] == "person" && r[6].starts_with("rule ")));
}

#[test]
fn json_formats_carry_the_document_and_the_layer() {
    let o = run(&["extract", "--format", "json", "--layer", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let records = v.as_array().expect("an array");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["file"], SEED);
    let doc = &records[0]["nommer"];
    assert!(doc["entities"].as_array().unwrap().len() > 20);
    assert!(!doc["persons"].as_array().unwrap().is_empty(), "{doc}");
    assert!(!doc["quotes"].as_array().unwrap().is_empty(), "{doc}");

    let o = run(&["extract", "-f", "jsonl", "--output-field", "ner", SEED]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
    assert!(v["ner"]["entities"].is_array());
    // Without --layer, no document layer.
    assert!(v["ner"].get("persons").is_none());
}

#[test]
fn conll_brat_and_html() {
    let o = run(&["extract", "-f", "conll", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# id = "));
    assert!(
        out.contains("\tB-PER\n") && out.contains("\tI-PER\n"),
        "{out}"
    );
    assert!(out.contains("Mali\tB-LOC\n"), "{out}");
    for line in out.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (tok, tag) = line.split_once('\t').expect("TOKEN\\tTAG");
        assert!(
            !tok.is_empty() && !tok.contains(char::is_whitespace),
            "{line:?}"
        );
        assert!(
            tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{line:?}"
        );
    }

    // Standard input's .ann goes to standard output.
    let text = std::fs::read_to_string(SEED).unwrap();
    let mut child = nommer()
        .args(["extract", "-f", "brat", "--input", "text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let ann = stdout(&o);
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let mut it = cols[1].split([' ', ';']);
        let _label = it.next();
        let nums: Vec<usize> = it.map(|x| x.parse().unwrap()).collect();
        let pieces: Vec<String> = nums
            .chunks(2)
            .map(|p| chars[p[0]..p[1]].iter().collect())
            .collect();
        assert_eq!(pieces.join(" "), cols[2], "{line}");
        n += 1;
    }
    assert!(n > 20);

    let o = run(&["extract", "-f", "html", "--layer", SEED]);
    let page = stdout(&o);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains("Novak"));
}

#[test]
fn brat_out_dir_writes_a_txt_and_an_ann_per_document() {
    let d = dir("brat");
    let input = d.join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a/1\", \"text\": \"M. Novak est à Bamako.\"}\n{\"id\": \"a/1\", \"text\": \"Le Mali.\"}\n",
    )
    .unwrap();
    let out = d.join("out");
    let o = run(&[
        "extract",
        "-f",
        "brat",
        "--out-dir",
        path(&out),
        path(&input),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.join("a_1.txt")).unwrap(),
        "M. Novak est à Bamako."
    );
    assert!(std::fs::read_to_string(out.join("a_1.ann"))
        .unwrap()
        .contains("LOC 15 21\tBamako"));
    // The second document's id is the same: it gets a name of its own.
    assert!(std::fs::read_to_string(out.join("a_1-2.ann"))
        .unwrap()
        .contains("Mali"));
    // Several documents of a JSONL file without --out-dir: an error, not a mixed .ann.
    let o = run(&["extract", "-f", "brat", path(&input)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--out-dir"), "{}", stderr(&o));
    // Text files: each .ann beside its .txt, as brat keeps a collection.
    let coll = d.join("collection");
    std::fs::create_dir_all(&coll).unwrap();
    std::fs::write(coll.join("a.txt"), "Le Mali.").unwrap();
    std::fs::write(coll.join("b.txt"), "La France.").unwrap();
    let o = run(&["extract", "-f", "brat", path(&coll)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        std::fs::read_to_string(coll.join("a.ann")).unwrap(),
        "T1\tLOC 3 7\tMali\n#1\tAnnotatorNotes T1\tML\n"
    );
    assert!(std::fs::read_to_string(coll.join("b.ann"))
        .unwrap()
        .contains("France"));
    // An .ann given as input would be overwritten: refused.
    let o = run(&["extract", "-f", "brat", path(&coll.join("a.ann"))]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(coll.join("a.ann")).unwrap().len(),
        40
    );
}

/// JSON lines with unusual but valid content: escapes, non-ASCII, nested values, spaces.
fn corpus_lines(n: usize) -> Vec<String> {
    let texts = [
        "Le président Emmanuel Macron a reçu à Paris le Premier ministre indien.",
        "« Nous voulons la paix », a déclaré M. Novak, jeudi 28 novembre 2024.",
        "L'Organisation des Nations unies (ONU) et l'Union africaine.",
        "rien ici",
        "",
    ];
    (0..n)
        .map(|i| {
            let text = texts[i % texts.len()];
            let text = serde_json::to_string(&format!("{text} \u{1F600} n°{i}\n\"x\"")).unwrap();
            format!(
                "{{ \"id\" : {i}, \"meta\": {{\"k\": [1, 2.50, null], \"é\": \"\\u00e9\"}}, \"text\": {text} }}"
            )
        })
        .collect()
}

#[test]
fn jsonl_passes_every_line_through_in_order_with_several_jobs() {
    let d = dir("order");
    let lines = corpus_lines(400);
    let input = d.join("in.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let mut outs = Vec::new();
    for jobs in ["1", "2", "3"] {
        let o = run(&["extract", "-f", "jsonl", "-j", jobs, path(&input)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        outs.push(stdout(&o));
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
    let out: Vec<&str> = outs[0].lines().collect();
    assert_eq!(out.len(), lines.len());
    for (i, (inp, got)) in lines.iter().zip(&out).enumerate() {
        // Every byte of the input line is kept; the result is added at the end.
        let body = inp.trim_end().strip_suffix('}').unwrap().trim_end();
        assert!(got.starts_with(body), "line {i}: {got}");
        let v: serde_json::Value = serde_json::from_str(got).unwrap();
        assert_eq!(v["id"], i);
        assert!(v["nommer"]["entities"].is_array());
    }
    // Standard input is read the same way (detected from its first byte).
    let mut child = nommer()
        .args(["extract", "-f", "jsonl", "-j", "2", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let all = std::fs::read(&input).unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&all));
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert_eq!(stdout(&o), outs[0]);
}

#[test]
fn document_dates_come_from_the_field_or_the_option() {
    let d = dir("dates");
    let input = d.join("in.jsonl");
    std::fs::write(
        &input,
        "{\"text\": \"Il est arrivé mardi.\", \"date\": \"2024-11-27\"}\n{\"text\": \"Il est arrivé mardi.\"}\n",
    )
    .unwrap();
    let o = run(&[
        "extract",
        "--date-field",
        "date",
        "--date",
        "2025-01-02",
        path(&input),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\tmardi\t2024-11-26\t"), "{out}");
    assert!(out.contains("\tmardi\t2024-12-31\t"), "{out}");
    let o = run(&["extract", "--date", "2024-13-01", SEED]);
    assert_eq!(o.status.code(), Some(2), "a bad date is a usage error");
}

#[test]
fn invalid_utf8_names_file_and_offset_and_lossy_replaces_it() {
    let d = dir("utf8");
    let f = d.join("bad.txt");
    std::fs::write(&f, b"Le Mali et \xff\xfe la France.").unwrap();
    let o = run(&["extract", path(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt") && err.contains("byte offset 11"),
        "{err}"
    );
    let o = run(&["extract", "--lossy", path(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 invalid UTF-8 bytes replaced"));
    assert!(stdout(&o).contains("\tFrance\tFR\t"));
}

#[test]
fn bad_jsonl_lines_stop_or_are_skipped_with_exit_code_3() {
    let d = dir("badlines");
    let f = d.join("in.jsonl");
    std::fs::write(
        &f,
        "{\"text\": \"Le Mali.\"}\n{\"text\": oops}\n{\"body\": \"no text\"}\n[1]\n{\"text\": \"La France.\"}\n",
    )
    .unwrap();
    let o = run(&["extract", "-f", "jsonl", path(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("in.jsonl:2: malformed JSON") && err.contains("--skip-bad"),
        "{err}"
    );
    let o = run(&["extract", "-f", "jsonl", "--skip-bad", path(&f)]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("in.jsonl:3: no string field \"text\""),
        "{err}"
    );
    assert!(err.contains("in.jsonl:4: not a JSON object"), "{err}");
    assert!(err.contains("3 bad lines skipped"), "{err}");
    assert_eq!(stdout(&o).lines().count(), 2);
    let o = run(&[
        "extract",
        "-f",
        "jsonl",
        "--skip-bad",
        "--allow-bad",
        path(&f),
    ]);
    assert_eq!(o.status.code(), Some(0));
    // The field can be another one.
    let o = run(&["extract", "--field", "body", "--skip-bad", "-q", path(&f)]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).is_empty() || !stderr(&o).contains("skipped (--skip-bad)"));
}

#[test]
fn a_bad_gazetteer_line_is_reported_with_file_and_line() {
    let d = dir("gaz");
    let f = d.join("mine.tsv");
    std::fs::write(
        &f,
        "# my organisations\nAcme Industries\torg\tAcme Industries\t-\nBad line without kind\nFoo\tnot-a-kind\t-\t-\n",
    )
    .unwrap();
    let o = run(&["extract", "-g", path(&f), SEED]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("mine.tsv") && err.contains("line 3"), "{err}");
    let o = run(&["check-gazetteer", path(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains("mine.tsv")), "{out}");
    std::fs::write(&f, "Acme Industries\torg\tAcme Industries\t-\n").unwrap();
    let o = run(&["check-gazetteer", path(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let t = d.join("t.txt");
    std::fs::write(&t, "Il travaille chez Acme Industries.").unwrap();
    let o = run(&["extract", "-g", path(&f), path(&t)]);
    assert!(
        stdout(&o).contains("\torganisation\tAcme Industries\t"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_closed_pipe_stops_quietly() {
    let d = dir("pipe");
    let f = d.join("big.jsonl");
    let seed = serde_json::to_string(&std::fs::read_to_string(SEED).unwrap()).unwrap();
    let line = format!("{{\"text\": {seed}}}\n");
    std::fs::write(&f, line.repeat(3000)).unwrap();
    for jobs in ["1", "2"] {
        let mut child = nommer()
            .args(["extract", "-f", "jsonl", "-j", jobs, path(&f)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.starts_with("{\"text\""));
        // stdout is dropped: the pipe is closed.
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "jobs {jobs}");
        assert_eq!(stderr(&o), "", "jobs {jobs}");
    }
}

#[test]
fn directories_are_walked_in_name_order() {
    let d = dir("walk");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("b.txt"), "La France.").unwrap();
    std::fs::write(d.join("sub/a.txt"), "Le Mali.").unwrap();
    std::fs::write(d.join("c.md"), "Le Niger.").unwrap();
    let o = run(&["extract", path(&d)]);
    let out = stdout(&o);
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{out}");
    assert!(
        ids[0].ends_with("b.txt") && ids[1].ends_with("a.txt"),
        "{ids:?}"
    );
}

#[test]
fn eval_scores_a_small_gold_file() {
    let d = dir("eval");
    let f = d.join("gold.jsonl");
    std::fs::write(
        &f,
        "{\"id\": \"1\", \"text\": \"Emmanuel Macron est à Paris.\", \"entities\": [{\"start\": 0, \"end\": 15, \"label\": \"PER\", \"text\": \"Emmanuel Macron\"}, {\"start\": 22, \"end\": 27, \"label\": \"LOC\", \"text\": \"Paris\"}]}\n",
    )
    .unwrap();
    let o = run(&["eval", path(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("PER") && out.contains("LOC"), "{out}");
}

#[test]
fn gazetteers_lists_the_embedded_files() {
    let o = run(&["gazetteers"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let countries = out
        .lines()
        .find(|l| l.starts_with("countries.tsv\t"))
        .expect("countries.tsv listed");
    let cols: Vec<&str> = countries.split('\t').collect();
    assert!(cols[2].parse::<usize>().unwrap() > 200, "{countries}");
    assert!(cols[3].contains("CLDR"), "{countries}");
}

#[test]
fn usage_errors_exit_2_and_help_documents_the_exit_codes() {
    assert_eq!(
        run(&["extract", "--format", "xml", SEED]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let o = run(&["extract", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Exit codes"));
}

#[test]
fn a_stream_gets_each_document_back_before_the_next_is_sent() {
    for jobs in ["1", "2"] {
        let mut child = nommer()
            .args([
                "extract", "--input", "jsonl", "-f", "jsonl", "-j", jobs, "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        for i in 0..3 {
            writeln!(
                stdin,
                "{{\"id\": {i}, \"text\": \"Le Mali et la France.\"}}"
            )
            .unwrap();
            stdin.flush().unwrap();
            // The input stays open: the answer must come all the same.
            let mut line = String::new();
            out.read_line(&mut line).unwrap();
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(v["id"], i, "jobs {jobs}");
            assert_eq!(v["nommer"]["entities"].as_array().unwrap().len(), 2);
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}
