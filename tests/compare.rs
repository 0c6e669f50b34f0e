//! `claimex compare` on the seeds and on claims tables, run as a user would.

use std::collections::{BTreeSet, HashMap};

use crate::util::{self, Dir, claimex, parse_csv, samples};

/// `compare` on the bundled samples with their manifest, plus `extra` arguments.
fn compare_seeds(extra: &[&str]) -> util::Run {
    let dir = samples();
    let manifest = dir.join("manifest.csv");
    let mut args = vec![
        "compare",
        dir.to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = claimex(&args);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(util::only_notes(&run.stderr), "{}", run.stderr);
    run
}

fn troops(rows: &[HashMap<String, String>]) -> Vec<&HashMap<String, String>> {
    rows.iter()
        .filter(|r| r["group"] == "troops deployed / North Korea")
        .collect()
}

#[test]
fn the_csv_has_the_contract_columns_first() {
    let run = compare_seeds(&[]);
    let header = run.stdout.lines().next().unwrap();
    assert!(
        header.starts_with(
            "group,concept,actor,story,disagree,doc_id,outlet,published,value,value_max,approx,unit,speaker,when,text,sentence"
        ),
        "{header}"
    );
}

#[test]
fn the_troops_group_holds_every_outlets_figure_with_its_owner() {
    let rows = compare_seeds(&[]).rows();
    let group = troops(&rows);
    let figures: BTreeSet<(&str, &str)> = group
        .iter()
        .filter(|r| r["approx"] != "vague")
        .map(|r| (r["value"].as_str(), r["value_max"].as_str()))
        .collect();
    assert_eq!(
        figures,
        BTreeSet::from([("10000", ""), ("8000", ""), ("10000", "12000")])
    );
    let speakers: BTreeSet<&str> = group.iter().map(|r| r["speaker"].as_str()).collect();
    for who in [
        "Matthew Miller",
        "the U.S. government",
        "U.S., South Korean and Ukrainian intelligence assessments",
        "Sabrina Singh",
        "Volodymyr Zelensky",
    ] {
        assert!(speakers.contains(who), "{who} not in {speakers:?}");
    }
    // Reprints count among the articles, on the row of the copy first read.
    let articles: BTreeSet<&str> = group
        .iter()
        .flat_map(|r| {
            std::iter::once(r["doc_id"].as_str())
                .chain(r["reprinted_in"].split("; ").filter(|d| !d.is_empty()))
        })
        .collect();
    assert!(articles.len() >= 4, "{articles:?}");
    // Miller's 10,000 against the assessments' 10,000–12,000 on Nov. 4; the
    // 8,000 of Oct. 31 is a figure of its own day, in the timeline.
    assert!(group.iter().all(|r| r["disagree"] == "yes"));
    let disagreement = &group[0]["disagreement"];
    assert!(
        disagreement.starts_with("2024-11-04: 10,000 (Matthew Miller) vs 10,000–12,000 ("),
        "{disagreement}"
    );
    let timeline = &group[0]["timeline"];
    assert!(
        timeline.contains(
            "2024-10-31: 8,000 (the U.S. government) → 2024-11-04: 10,000 (Matthew Miller)"
        ),
        "{timeline}"
    );
}

#[test]
fn wire_copies_share_a_story_and_count_once() {
    let rows = compare_seeds(&[]).rows();
    let group = troops(&rows);
    let story_of = |doc: &str| -> String {
        rows.iter()
            .find(|r| r["doc_id"] == doc || r["reprinted_in"].split("; ").any(|d| d == doc))
            .map(|r| r["story"].clone())
            .unwrap()
    };
    assert_eq!(
        story_of("000_37409f865a15fab3"),
        story_of("001_ca7cebb2266aefef")
    );
    assert_ne!(
        story_of("000_37409f865a15fab3"),
        story_of("002_806c665e7ddad4bd")
    );
    assert_ne!(
        story_of("000_37409f865a15fab3"),
        story_of("003_acae0075ff362d20")
    );
    // Miller's 10,000 is one row, run by both copies.
    let miller: Vec<_> = group
        .iter()
        .filter(|r| r["speaker"] == "Matthew Miller")
        .collect();
    assert_eq!(miller.len(), 1);
    assert_eq!(miller[0]["doc_id"], "000_37409f865a15fab3");
    assert_eq!(miller[0]["reprinted_in"], "001_ca7cebb2266aefef");
}

#[test]
fn the_rewrite_that_reports_8000_as_current_is_flagged_stale() {
    let rows = compare_seeds(&[]).rows();
    let stale: Vec<_> = troops(&rows)
        .into_iter()
        .filter(|r| !r["stale"].is_empty())
        .collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["doc_id"], "002_806c665e7ddad4bd");
    assert_eq!(stale[0]["value"], "8000");
    assert!(
        stale[0]["stale"].contains("2024-10-31"),
        "{}",
        stale[0]["stale"]
    );
}

#[test]
fn counts_without_a_concept_are_listed_not_compared() {
    let rows = compare_seeds(&[]).rows();
    let countries: Vec<_> = rows
        .iter()
        .filter(|r| r["group"] == "countries (no concept)")
        .collect();
    let values: BTreeSet<&str> = countries.iter().map(|r| r["value"].as_str()).collect();
    assert_eq!(values, BTreeSet::from(["2", "32"]));
    assert!(countries.iter().all(|r| r["disagree"] == "no"));
}

#[test]
fn markdown_reads_as_a_report() {
    let md = compare_seeds(&["--format", "md"]).stdout;
    assert!(md.starts_with("# Figures compared"));
    assert!(md.contains("## troops deployed / North Korea ("), "{md}");
    assert!(md.contains("| 10,000\u{2013}12,000 |"), "{md}");
    assert!(md.contains("| 8,000 |"), "{md}");
}

#[test]
fn by_concept_merges_actors() {
    let rows = compare_seeds(&["--by", "concept"]).rows();
    assert!(rows.iter().any(|r| r["group"] == "troops deployed"));
    assert!(rows.iter().all(|r| r["actor"].is_empty()));
}

#[test]
fn a_claims_table_compares_like_the_articles_it_came_from() {
    let dir = Dir::new();
    let table = util::extract_seeds("csv").stdout;
    let csv = dir.write("claims.csv", &table);
    let jsonl = dir.write("claims.jsonl", util::extract_seeds("jsonl").stdout);
    let direct = compare_seeds(&[]).stdout;
    for file in [&csv, &jsonl] {
        let run = claimex(&["compare", "--claims", file]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, direct, "compare --claims {file}");
    }
}

#[test]
fn a_hand_edited_table_keeps_its_good_rows_and_names_the_bad_ones() {
    let dir = Dir::new();
    let table = "\u{feff}doc_id,kind,value,value_max,approx,unit,concept,actor,speaker,when,sentence,start\n\
                 a,count,\"10,000\",,,troops,troops,North Korea,Singh,2024-10-28,North Korea sent troops,0\n\
                 b,counts,8000,,,troops,troops,North Korea,,,x,0\n\
                 c,count,8000,,,troops,troops,North Korea,Miller,2024-10-31,North Korea sent more,notanumber\n\
                 d,count,8000,,,troops,troops,North Korea,\"'=HYPERLINK(\"\"x\"\")\",2024-10-31,Another sentence,0\n\
                 e,count,9000,,,troops,troops,North Korea\n";
    let file = dir.write("edited.csv", table);
    let run = claimex(&["compare", "--claims", &file]);
    assert_eq!(run.code, 1, "bad rows make a partial run");
    assert!(
        run.stderr.contains("edited.csv:3: `kind` is `counts`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("edited.csv:4: `start` is `notanumber`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("edited.csv:6: the row has 8 cells where the header has 12"),
        "{}",
        run.stderr
    );
    let rows = parse_csv(&run.stdout);
    let values: Vec<&str> = rows.iter().map(|r| r["value"].as_str()).collect();
    assert_eq!(values, ["10000", "8000"]);
    // The formula guard comes off on reading and goes back on writing.
    assert_eq!(rows[1]["speaker"], "'=HYPERLINK(\"x\")");
}

#[test]
fn a_table_that_is_not_a_claims_table_is_an_error() {
    let dir = Dir::new();
    let file = dir.write("other.csv", "name,age\nAda,36\n");
    let run = claimex(&["compare", "--claims", &file]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no `kind` column"), "{}", run.stderr);
    let missing = claimex(&["compare", "--claims", &dir.join("missing.csv")]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("missing.csv: cannot read"),
        "{}",
        missing.stderr
    );
}

#[test]
fn a_bom_opens_the_csv_as_utf8_in_excel() {
    let out = compare_seeds(&["--bom"]).stdout;
    assert!(out.starts_with('\u{feff}'));
    assert!(out.contains("Russia’s"), "curly quotes kept");
}

#[test]
fn compare_writes_its_file_whole() {
    let dir = Dir::new();
    let out = dir.join("report.md");
    compare_seeds(&["--format", "md", "-o", &out]);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Figures compared"));
}

#[test]
fn no_input_is_an_error_and_writes_nothing() {
    for command in ["extract", "compare"] {
        let run = claimex(&[command]);
        assert_eq!(run.code, 2, "{command}");
        assert_eq!(run.stdout, "", "{command} wrote a table for no input");
        assert!(run.stderr.contains("no input"), "{}", run.stderr);
    }
    let both = claimex(&["compare", "--claims", "x.csv", "samples"]);
    assert_eq!(both.code, 2, "--claims with articles is a usage error");
}

#[test]
fn articles_without_sentences_are_not_each_others_reprints() {
    let dir = Dir::new();
    let file = dir.write(
        "short.csv",
        "doc_id,kind,value,value_max,approx,unit,concept,actor,outlet\n\
         a,count,8000,,,troops,troops,North Korea,Daily One\n\
         b,count,8000,,,troops,troops,North Korea,Daily Two\n",
    );
    let run = claimex(&["compare", "--claims", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = parse_csv(&run.stdout);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_ne!(rows[0]["story"], rows[1]["story"]);
    assert_eq!(rows[0]["reprinted_in"], "");
}

#[test]
fn a_wire_story_run_by_hundreds_of_sites_is_one_story() {
    // More copies than story detection compares pair by pair.
    const SITES: usize = 300;
    let text = std::fs::read_to_string(samples().join("000_37409f865a15fab3.txt")).unwrap();
    let lines: String = (0..SITES)
        .map(|k| {
            let article = serde_json::json!({
                "id": format!("site-{k:03}"),
                "outlet": format!("Site {k}"),
                "published": "2024-11-04",
                "text": text,
            });
            format!("{article}\n")
        })
        .collect();
    let dir = Dir::new();
    let file = dir.write("copies.jsonl", lines);
    let run = claimex(&["compare", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    let miller: Vec<_> = troops(&rows)
        .into_iter()
        .filter(|r| r["speaker"] == "Matthew Miller")
        .collect();
    assert_eq!(miller.len(), 1, "one row for all the copies");
    assert_eq!(miller[0]["doc_id"], "site-000");
    assert_eq!(miller[0]["reprinted_in"].split("; ").count(), SITES - 1);
    assert_eq!(miller[0]["outlets"].split("; ").count(), SITES);
    let workbook = dir.join("copies.xlsx");
    let run = claimex(&["compare", &file, "--format", "xlsx", "-o", &workbook]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

const HEADER: &str = "doc_id,kind,value,value_max,approx,unit,concept,actor,speaker,sentence\n";

/// A table cut short (by a full disk, a killed job, a partial copy) is not
/// taken as whole: its last row is named, not read.
#[test]
fn a_table_cut_short_has_its_last_row_named_not_read() {
    let dir = Dir::new();
    let whole = "a,count,8000,,,troops,troops,North Korea,Singh,North Korea sent troops\n";
    let cuts = [
        // The last line without its line break.
        ("no_break.csv", format!("{HEADER}{whole}b,count,10")),
        // Inside a quoted cell.
        (
            "open_quote.csv",
            format!(
                "{HEADER}{whole}b,count,10000,,,troops,troops,North Korea,Kim,\"North Korea sent"
            ),
        ),
    ];
    for (name, table) in cuts {
        let file = dir.write(name, table);
        let run = claimex(&["compare", "--claims", &file]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{name}:3: the table ends in the middle of this row"
            )),
            "{name}: {}",
            run.stderr
        );
        let values: Vec<String> = run.rows().into_iter().map(|r| r["value"].clone()).collect();
        assert_eq!(values, ["8000"], "{name}");
    }
    let jsonl = dir.write(
        "cut.jsonl",
        "{\"doc_id\":\"a\",\"kind\":\"count\",\"value\":\"8000\",\"value_max\":\"\",\"approx\":\"\",\"unit\":\"troops\",\"concept\":\"troops\",\"actor\":\"North Korea\"}\n{\"doc_id\":\"b\",\"kind\":\"count\",\"val",
    );
    let run = claimex(&["compare", "--claims", &jsonl]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cut.jsonl:2: the table ends in the middle"),
        "{}",
        run.stderr
    );
    assert_eq!(run.rows().len(), 1);
}

#[test]
fn a_table_without_the_columns_compare_reads_is_refused() {
    let dir = Dir::new();
    let file = dir.write(
        "thin.csv",
        "doc_id,kind,value,concept\na,count,8000,troops\n",
    );
    let run = claimex(&["compare", "--claims", &file]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "the table lacks the column(s) value_max, approx, unit, actor that compare reads"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

/// `inf`, `1e5` and a figure longer than any number are named; the largest
/// figure that fits still draws a chart, with a bounded axis.
#[test]
fn figures_that_are_no_numbers_are_named_and_huge_ones_charted() {
    let dir = Dir::new();
    let huge = "9".repeat(38);
    let table = format!(
        "{HEADER}\
         a,count,{huge},,,troops,troops,X,,One\n\
         b,count,8000,,,troops,troops,X,,Two\n\
         c,count,inf,,,troops,troops,X,,Three\n\
         d,count,1e5,,,troops,troops,X,,Four\n\
         e,count,{huge}9999,,,troops,troops,X,,Five\n\
         f,count,NaN,,,troops,troops,X,,Six\n"
    );
    let file = dir.write("odd.csv", table);
    let html = dir.join("odd.html");
    let run = crate::util::claimex_bounded(
        60,
        None,
        &[
            "compare", "--claims", &file, "--format", "html", "-o", &html,
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "odd.csv:4: `value`: `inf` is not a number",
        "odd.csv:5: `value`: `1e5` is not a number",
        "odd.csv:6: `value`: `999999999999999999999999999999999999999999` has more digits than a figure can (38)",
        "odd.csv:7: `value`: `NaN` is not a number",
    ] {
        assert!(run.stderr.contains(said), "{said}: {}", run.stderr);
    }
    let page = std::fs::read_to_string(&html).unwrap();
    let ticks = page.matches("text-anchor=\"end\"").count();
    assert!((2..=21).contains(&ticks), "{ticks} ticks");
}

#[test]
fn html_in_article_fields_is_escaped_in_the_markdown_report() {
    let dir = Dir::new();
    let table = format!(
        "{HEADER}\
         a,count,8000,,,troops,troops,X,<script>alert(1)</script>,One\n\
         b,count,9000,,,troops,troops,X,<img src=x onerror=alert(1)>,Two\n\
         c,count,7000,,,troops,troops,X,[click](javascript:alert(1)) | *bold*,Three\n"
    );
    let file = dir.write("html.csv", table);
    let run = claimex(&["compare", "--claims", &file, "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(!md.contains("<script") && !md.contains("<img"), "{md}");
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(
        md.contains("\\[click\\](javascript:alert(1)) \\| \\*bold\\*"),
        "{md}"
    );
}

#[test]
fn the_killed_the_rescued_and_the_missing_are_not_one_group() {
    let dir = Dir::new();
    let articles = dir.write(
        "a.jsonl",
        concat!(
            r#"{"id":"wire","outlet":"Wire","published":"2024-03-12","text":"At least 214 people were killed when the building collapsed, the agency said. Rescuers pulled 1,310 people from the rubble, and 450 people remain missing."}"#,
            "\n",
            r#"{"id":"paper","outlet":"Paper","published":"2024-03-12","text":"The governor said 209 people were killed in the collapse. About 1,310 people were rescued."}"#,
            "\n",
        ),
    );
    let run = claimex(&["compare", &articles]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = parse_csv(&run.stdout);
    let group_of = |value: &str| {
        rows.iter().find(|r| r["value"] == value).map(|r| {
            (
                r["group"].as_str(),
                r["event"].as_str(),
                r["disagree"].as_str(),
            )
        })
    };
    // 209 and 214 killed disagree; the rescued agree; the missing stand alone.
    assert_eq!(group_of("214"), Some(("people killed", "killed", "yes")));
    assert_eq!(group_of("209"), Some(("people killed", "killed", "yes")));
    assert_eq!(group_of("1310"), Some(("people rescued", "rescued", "no")));
    assert_eq!(group_of("450"), Some(("people missing", "missing", "no")));
}

#[test]
fn a_figure_whose_clause_names_no_event_joins_the_one_event_of_its_group() {
    let dir = Dir::new();
    let file = dir.write(
        "t.csv",
        "doc_id,kind,value,value_max,approx,unit,concept,actor,event\n\
         a,count,8000,,,troops,troops,North Korea,\n\
         b,count,10000,,,troops,troops,North Korea,deployed\n\
         c,count,40,,,people,people,,killed\n\
         c,count,12,,,people,people,,\n\
         d,count,90,,,people,people,,rescued\n",
    );
    let run = claimex(&["compare", "--claims", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = parse_csv(&run.stdout);
    let group = |value: &str| rows.iter().find(|r| r["value"] == value).unwrap()["group"].clone();
    assert_eq!(group("8000"), "troops deployed / North Korea");
    assert_eq!(group("10000"), "troops deployed / North Korea");
    // Killed and rescued both named: the unsaid 12 is neither.
    assert_eq!(group("40"), "people killed");
    assert_eq!(group("90"), "people rescued");
    assert_eq!(group("12"), "people");
}
