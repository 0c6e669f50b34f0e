//! Hostile inputs, each with its outcome asserted: what a scraper can produce
//! and what a careless rules file can hold. Timings are measured in
//! `benches/run.sh`, never asserted here.

use std::collections::HashSet;

use crate::util::{Dir, claimex, claimex_bounded, copy_default_rules, parse_csv};

/// Every row's `text` is exactly the bytes `[start..end]` of `source`.
fn assert_offsets(source: &str, stdout: &str) {
    for row in parse_csv(stdout) {
        let (s, e): (usize, usize) = (row["start"].parse().unwrap(), row["end"].parse().unwrap());
        assert_eq!(&source[s..e], row["text"], "row {row:?}");
    }
}

#[test]
fn a_binary_file_is_named_and_skipped() {
    let dir = Dir::new();
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let binary = dir.write("image.txt", bytes);
    let good = dir.write("good.txt", "Officials said 40 troops left on Monday.\n");
    let run = claimex(&["extract", &binary, &good]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("image.txt") && run.stderr.contains("UTF-8"),
        "{}",
        run.stderr
    );
    assert!(run.rows().iter().any(|r| r["doc_id"] == "good"));
    // Read anyway on request, with replacement characters.
    let lossy = claimex(&["extract", &binary, "--lossy-utf8"]);
    assert_eq!(lossy.code, 0, "{}", lossy.stderr);
}

#[test]
fn nul_bytes_are_text_like_any_other() {
    let dir = Dir::new();
    let text = "Singh said\0 about 8,000 troops\0 had moved.\0\0\n";
    let file = dir.write("nul.txt", text);
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.rows().iter().any(|r| r["value"] == "8000"));
    assert_offsets(text, &run.stdout);
}

#[test]
fn a_20_mb_article_on_one_line() {
    let dir = Dir::new();
    let filler = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(190_000);
    let text = format!("{filler}Singh said 8,000 troops arrived Monday. {filler}");
    assert!(text.len() > 20_000_000);
    let file = dir.write("long.txt", &text);
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    assert!(
        rows.iter()
            .any(|r| r["value"] == "8000" && r["speaker"] == "Singh")
    );
    assert_offsets(&text, &run.stdout);
    // A run-on sentence is cut: no row carries megabytes.
    assert!(rows.iter().all(|r| r["sentence"].len() <= 3_100));
}

#[test]
fn a_hundred_thousand_tiny_articles_are_all_accounted_for() {
    let dir = Dir::new();
    let mut jsonl = String::new();
    for i in 0..100_000 {
        jsonl.push_str(&format!(
            "{{\"id\":\"t{i}\",\"text\":\"Officials said {} troops left.\"}}\n",
            i % 50 + 2
        ));
    }
    let file = dir.write("tiny.jsonl", jsonl);
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: HashSet<String> = run
        .rows()
        .into_iter()
        .map(|r| r["doc_id"].clone())
        .collect();
    assert_eq!(ids.len(), 100_000);
}

#[test]
fn fifty_thousand_nested_quotation_marks() {
    let dir = Dir::new();
    let text = format!(
        "{}“We will win,” Rutte said. {}\n",
        "“".repeat(50_000),
        "”".repeat(50_000)
    );
    let file = dir.write("quotes.txt", &text);
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_offsets(&text, &run.stdout);
}

#[test]
fn a_ten_thousand_word_lexicon_compiles_and_matches() {
    let dir = Dir::new();
    let words: Vec<String> = (0..10_000).map(|i| format!("\"zq{i}word\"")).collect();
    let rules_text = format!(
        "[lexicons]\nbig = [{}]\n\n[[rule]]\nid = \"count.big\"\nkind = \"count\"\npattern = '''\\b(?P<value>\\d+)\\s+(?P<unit>{{@big}})'''\n\n[[rule.example]]\ntext = \"5 zq7777word\"\nexpect = {{ value = \"5\" }}\n\n[[rule.example]]\ntext = \"no figure before zq7777word\"\nexpect_none = true\n",
        words.join(",")
    );
    // The default rules, and one more file with the lexicon and its rule.
    let rules = copy_default_rules(&dir);
    dir.write("rules/zz_big.toml", rules_text);
    let check = claimex(&["rules", "test", &rules]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let file = dir.write("a.txt", "They counted 12 zq9999word and 3 zq0word.\n");
    let run = claimex(&["extract", &file, "--rules", &rules]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let values: Vec<String> = run
        .rows()
        .into_iter()
        .filter(|r| r["rule"] == "count.big")
        .map(|r| r["value"].clone())
        .collect();
    assert_eq!(values, ["12", "3"]);
}

#[test]
fn a_pattern_that_would_explode_is_an_error_naming_its_rule() {
    let dir = Dir::new();
    let rules = dir.write(
        "boom.toml",
        "[[rule]]\nid = \"date.boom\"\nkind = \"date\"\npattern = '''(?:\\w{50}){50}[\\p{L}\\p{N}]{500}'''\n",
    );
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("date.boom") && run.stderr.contains("boom.toml"),
        "{}",
        run.stderr
    );
}

/// Twenty-eight macros, each two of the one before: a 500-byte file whose
/// last macro would be 2 GB of pattern. Unused, they cost nothing; used,
/// expansion stops at the size limit with the rule's file and line.
#[test]
fn macros_that_double_at_each_level_stop_at_the_size_limit() {
    let dir = Dir::new();
    let mut macros = String::from("[macros]\nL0 = \"(?:ab|cd)\"\n");
    for level in 1..=28 {
        let below = level - 1;
        macros.push_str(&format!("L{level} = \"{{L{below}}}{{L{below}}}\"\n"));
    }
    let rules = copy_default_rules(&dir);
    dir.write("rules/zz_doubling.toml", &macros);
    let unused = claimex_bounded(60, None, &["rules", "check", &rules]);
    assert_eq!(
        unused.code, 0,
        "unused macros are never expanded: {}",
        unused.stderr
    );

    let rule = "\n[[rule]]\nid = \"count.doubling\"\nkind = \"count\"\npattern = '''(?P<value>\\d+) {L28}'''\n";
    dir.write("rules/zz_doubling.toml", macros + rule);
    let used = claimex_bounded(60, None, &["rules", "check", &rules]);
    assert_eq!(used.code, 2, "{}", used.stderr);
    assert!(
        used.stderr
            .contains("zz_doubling.toml:35: rule count.doubling: the pattern grows past"),
        "{}",
        used.stderr
    );
}
