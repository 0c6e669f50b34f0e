//! The rules file: the default set is clean, `rules check` reports every problem
//! with file, line and rule id, `rules test` reports every mismatch, and
//! `--rules` replaces the default set.

use crate::util::{ARTICLE, Dir, claimex, copy_default_rules};

/// The lexicons the code reads for count rules, each empty: a rule set of
/// counts must define them, and turns off in the open what it does not use.
/// Written as tables, they may close a file whose `[lexicons]` opened it.
const COUNT_LEXICONS: &str = "\n[lexicons.not_in_unit]\n[lexicons.not_counted]\n[lexicons.people_concept]\n[lexicons.qualifier]\n[lexicons.range_start]\n[lexicons.range_connector]\n[lexicons.range_joiner]\n[lexicons.range_suffix]\n[lexicons.number_word]\n[lexicons.number_fraction]\n[lexicons.number_article]\n[lexicons.number_multiplier]\n[lexicons.number_abbreviation]\n[lexicons.number_point]\n[lexicons.number_sign]\n[lexicons.number_filler]\n[lexicons.country]\n[lexicons.actor_blocker]\n[lexicons.actor_marker]\n[lexicons.actor_determiner]\n[lexicons.count_noun]\n[lexicons.plural_noun]\n[lexicons.collective_noun]\n[lexicons.measure_unit]\n[lexicons.rate_after]\n[lexicons.event]\n[lexicons.event_presence]\n[lexicons.presence_concept]\n[lexicons.clause_end]\n[lexicons.generic_concept]\n[lexicons.count_joiner]\n[lexicons.singular_ending]\n[lexicons.total_scope]\n[lexicons.not_as_of]\n";

/// A minimal valid rules file with one count rule, less `COUNT_LEXICONS`.
const SMALL: &str = r#"
[lexicons]
noun = ["troops", "soldiers"]

[macros]
NUM = '\d+(?:,\d{3})*'

[[rule]]
id = "count.any"
kind = "count"
pattern = '(?P<value>{NUM})\s+(?P<unit>{@noun})'

[[rule.example]]
text = "5,000 troops"
expect = { value = "5000", unit = "troops" }

[[rule.example]]
text = "in 2024"
expect_none = true
"#;

#[test]
fn default_rules_check_clean_and_all_examples_pass() {
    let run = claimex(&["rules", "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("ok: "), "{}", run.stdout);
    assert_eq!(
        run.stderr, "",
        "every default rule has positive and negative examples"
    );

    let run = claimex(&["rules", "test"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains(" passed, 0 failed"), "{}", run.stdout);
}

#[test]
fn embedded_list_holds_every_rules_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| format!("rules/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".toml") || n.ends_with(".words"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = claimex::rules::EMBEDDED
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk, "add new rules files to rules::EMBEDDED");
    // And the folder loads to the same rule set as the embedded copy.
    let from_disk = claimex::Rules::load(&dir).unwrap();
    let embedded = claimex::Rules::embedded().unwrap();
    let ids = |r: &claimex::Rules| r.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&from_disk), ids(&embedded));
}

#[test]
fn a_small_rules_file_replaces_the_defaults() {
    let dir = Dir::new();
    // Alone, it lacks the lexicons the code reads for counts: each is named.
    let rules = dir.write("small.toml", SMALL);
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "small.toml:8: rule count.any: count rules need the lexicon `qualifier`, which no rules file defines"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("34 problem(s)"), "{}", run.stderr);
    let rules = dir.write("small.toml", format!("{SMALL}{COUNT_LEXICONS}"));
    assert_eq!(claimex(&["rules", "check", &rules]).code, 0);
    assert_eq!(claimex(&["rules", "test", &rules]).code, 0);
    let article = dir.write("a.txt", ARTICLE);
    let run = claimex(&["extract", &article, "--rules", &rules]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["rule"] == "count.any"),
        "only the given rules run"
    );
}

#[test]
fn a_folder_of_rules_files_is_merged() {
    let dir = Dir::new();
    dir.write(
        "set/a.toml",
        format!("[lexicons]\nnoun = [\"troops\"]\n{COUNT_LEXICONS}"),
    );
    dir.write(
        "set/sub/b.toml",
        "[[rule]]\nid = \"c\"\nkind = \"count\"\npattern = '(?P<value>\\d+) (?P<unit>{@noun})'\n",
    );
    let run = claimex(&["rules", "check", &dir.join("set")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("b.toml:1: rule c: rule should have"),
        "missing examples are a warning: {}",
        run.stderr
    );
}

/// Writes `text` as a rules file, checks it, and returns stderr (which must
/// report failure with exit code 2).
fn check_fails(text: &str) -> String {
    let dir = Dir::new();
    let rules = dir.write("bad.toml", text);
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 2, "rules check must fail:\n{}", run.stderr);
    // `extract` and `rules test` refuse the same rule set as a usage error.
    let article = dir.write("a.txt", ARTICLE);
    assert_eq!(claimex(&["extract", &article, "--rules", &rules]).code, 2);
    assert_eq!(claimex(&["rules", "test", &rules]).code, 2);
    run.stderr
}

fn rule(id: &str, pattern: &str) -> String {
    format!("[[rule]]\nid = \"{id}\"\nkind = \"count\"\npattern = '{pattern}'\n")
}

#[test]
fn each_kind_of_problem_is_reported_with_file_line_and_rule() {
    let cases: Vec<(String, &str)> = vec![
        (
            rule("r.lex", "(?P<value>\\d+) {@nope}"),
            "bad.toml:4: rule r.lex: unknown lexicon {@nope}",
        ),
        (
            rule("r.mac", "{NOPE}"),
            "bad.toml:4: rule r.mac: unknown macro {NOPE}",
        ),
        (
            format!(
                "[macros]\nA = '{{B}}'\nB = '{{A}}'\n{}",
                rule("r.cyc", "{A}")
            ),
            "macro cycle: A -> B -> A",
        ),
        (
            rule("r.re", "(?P<value>\\d+"),
            "bad.toml:4: rule r.re: regex error",
        ),
        (
            rule("r.big", "(?P<value>(?:\\w{100}){100}){50}"),
            "bad.toml:4: rule r.big: pattern compiles to more than the limit",
        ),
        (
            rule("r.cap", "(?P<valeu>\\d+)"),
            "bad.toml:4: rule r.cap: capture `valeu` means nothing in a count rule",
        ),
        (
            format!("{}patern = 'x'\n", rule("r.field", "(?P<value>\\d+)")),
            "bad.toml:5: rule r.field: unknown field `rule.0.patern`",
        ),
        (
            format!(
                "{}{}",
                rule("r.dup", "(?P<value>\\d+)"),
                rule("r.dup", "(?P<value>\\d+)")
            ),
            "bad.toml:5: rule r.dup: duplicate rule id (first defined at",
        ),
        (
            "[[rule]]\nid = \"r.kind\"\nkind = \"money\"\npattern = 'x'\n".to_string(),
            "bad.toml:3: rule r.kind: unknown kind `money`",
        ),
        (
            format!(
                "{}[[rule.example]]\ntext = \"5\"\nexpect = {{ valu = \"5\" }}\n",
                rule("r.ex", "(?P<value>\\d+)")
            ),
            "bad.toml:5: rule r.ex: example expects unknown field `valu`",
        ),
        ("[[rule]\nid = 1".to_string(), "bad.toml:1: TOML syntax"),
        (
            "[text]\nboilerplate = ['(unclosed']\n".to_string(),
            "bad.toml:2: bad text pattern",
        ),
    ];
    for (text, want) in cases {
        let stderr = check_fails(&text);
        assert!(
            stderr.contains(want),
            "want {want:?} in:\n{stderr}\nfor rules:\n{text}"
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = format!(
        "unknown_top = 1\n{}{}{}",
        rule("a", "{@nope}"),
        rule("b", "(?P<value>\\d+"),
        rule("a", "(?P<value>\\d+)")
    );
    let stderr = check_fails(&text);
    for want in [
        "rule a: unknown lexicon",
        "rule b: regex error",
        "rule a: duplicate rule id",
        "unknown field `unknown_top`",
        "4 problem(s)",
    ] {
        assert!(stderr.contains(want), "want {want:?} in:\n{stderr}");
    }
}

#[test]
fn escapes_in_patterns_are_not_macros() {
    let dir = Dir::new();
    let text = format!(
        "{}[[rule.example]]\ntext = \"Troops: 12 Troops\"\nexpect = {{ value = \"12\" }}\n",
        rule(
            "esc",
            "\\p{Lu}\\w+:\\x{20}(?P<value>\\d{1,3}) (?P<unit>\\p{Lu}\\w+)"
        )
    ) + COUNT_LEXICONS;
    let rules = dir.write("esc.toml", text);
    let run = claimex(&["rules", "test", &rules]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn rules_test_reports_each_mismatch() {
    let dir = Dir::new();
    let text = format!(
        "{}{}",
        SMALL,
        r#"
[[rule.example]]
text = "5,000 soldiers"
expect = { value = "6000" }

[[rule.example]]
text = "7 troops"
expect_none = true

[[rule.example]]
text = "no figure here"
expect = { value = "1" }
"#
    ) + COUNT_LEXICONS;
    let rules = dir.write("r.toml", text);
    let run = claimex(&["rules", "test", &rules]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("r.toml:21: rule count.any: in \"5,000 soldiers\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("value: expected \"6000\", got \"5000\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("r.toml:25: rule count.any: expected no count"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("r.toml:29: rule count.any: no claim from this rule"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2 passed, 3 failed"), "{}", run.stdout);
}

#[test]
fn a_unicode_word_boundary_is_a_warning_and_an_ascii_one_is_not() {
    let dir = Dir::new();
    let rules = dir.write(
        "b.toml",
        format!(
            "{SMALL}{}{}{COUNT_LEXICONS}",
            rule("slow", "\\b(?P<value>\\d+) troops\\b"),
            rule("fast", "(?-u:\\b)(?P<value>\\d+) soldiers(?-u:\\b)")
        ),
    );
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("rule slow: pattern uses Unicode's `\\b`"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("rule fast: pattern uses"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rules_file_that_is_not_utf8_is_one_error() {
    let dir = Dir::new();
    let rules = dir.write("bad.toml", b"[lexicons]\nx = [\"\xff\"]\n");
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("bad.toml: not valid UTF-8 (at byte 17)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 problem(s)"),
        "no follow-on errors: {}",
        run.stderr
    );
}

#[test]
fn a_pattern_matching_empty_text_is_a_warning() {
    let dir = Dir::new();
    let rules = dir.write(
        "empty.toml",
        format!(
            "{SMALL}{}{COUNT_LEXICONS}",
            rule("maybe", "(?P<value>\\d*)")
        ),
    );
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("rule maybe: pattern can match empty text"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_rules_path_is_an_error() {
    let run = claimex(&["rules", "check", "/nonexistent/rules.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("/nonexistent/rules.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_outlet_rules_are_named_with_their_line_and_the_rest_reported_too() {
    let dir = Dir::new();
    let text = format!(
        "{SMALL}\n\
[[outlet]]\n\
id = \"outlet.bad_role\"\n\
role = \"agency\"\n\
pattern = '(?P<outlet>AP)'\n\
\n\
[[outlet]]\n\
id = \"outlet.bad_pattern\"\n\
role = \"wire\"\n\
pattern = '(?P<outlet>AP'\n\
\n\
[[outlet]]\n\
id = \"outlet.no_expectation\"\n\
role = \"site\"\n\
pattern = 'your (?P<outlet>\\w+) account'\n\
\n\
[[outlet.example]]\n\
text = \"your Daily account\"\n"
    );
    let rules = dir.write("bad.toml", text);
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for want in [
        "rule outlet.bad_role: unknown outlet role `agency` (expected wire, own or site)",
        "rule outlet.bad_pattern: bad pattern",
        "rule outlet.no_expectation: an outlet example needs `expect` or `expect_none = true`",
    ] {
        assert!(
            run.stderr.contains(want),
            "{want:?} not in:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("bad.toml:"), "{}", run.stderr);
}

#[test]
fn outlet_examples_run_in_rules_test() {
    let dir = Dir::new();
    let text = format!(
        "{SMALL}\n\
[[outlet]]\n\
id = \"outlet.site\"\n\
role = \"site\"\n\
pattern = 'your (?P<outlet>\\w+ \\w+) account'\n\
\n\
[[outlet.example]]\n\
text = \"Sign into your Sun Journal account.\"\n\
expect = \"Sun Times\"\n\
{COUNT_LEXICONS}[lexicons.outlet_name]\n"
    );
    let rules = dir.write("outlets.toml", text);
    let run = claimex(&["rules", "test", &rules]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("rule outlet.site: expected outlet \"Sun Times\" in \"Sign into your Sun Journal account.\", found \"Sun Journal\""),
        "{}",
        run.stdout
    );
}

/// A rule that captures nothing its kind reads would yield rows with empty
/// values: `rules check` says what the kind needs.
#[test]
fn a_rule_without_the_captures_its_kind_needs_is_an_error() {
    let dir = Dir::new();
    let rules = copy_default_rules(&dir);
    dir.write(
        "rules/zz_bare.toml",
        "[[rule]]\nid = \"count.bare\"\nkind = \"count\"\npattern = '''\\d+ troops'''\n\n\
         [[rule]]\nid = \"quote.bare\"\nkind = \"quote\"\npattern = '''said \\w+'''\n",
    );
    let run = claimex(&["rules", "check", &rules]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for said in [
        "zz_bare.toml:4: rule count.bare: a count rule needs a `figure` or a `value` capture",
        "zz_bare.toml:9: rule quote.bare: a quote rule needs a `quote` capture",
    ] {
        assert!(run.stderr.contains(said), "{said}: {}", run.stderr);
    }
}

/// Joins are rules: a broken one is named with its line like any rule.
#[test]
fn broken_joins_are_named_with_their_line() {
    let text = format!(
        "{SMALL}\n\
[[join]]\n\
id = \"date.join.bad_operation\"\n\
operation = \"merge\"\n\
first = [\"date\"]\n\
second = [\"date\"]\n\
between = [\"to\"]\n\
\n\
[[join]]\n\
id = \"date.join.bad_subtype\"\n\
operation = \"range\"\n\
first = [\"day\"]\n\
second = [\"date\"]\n\
between = [\"to\"]\n\
\n\
[[join]]\n\
id = \"date.join.no_opener\"\n\
operation = \"range\"\n\
first = [\"date\"]\n\
second = [\"date\"]\n\
between = [\"and\"]\n\
needs_opener = true\n"
    );
    let stderr = check_fails(&text);
    for want in [
        "rule date.join.bad_operation: unknown join operation `merge` (expected range, part_of, anchor, on_day)",
        "rule date.join.bad_subtype: unknown subtype `day` in `first`",
        "rule date.join.no_opener: a join with `needs_opener` needs an `opener`",
    ] {
        assert!(stderr.contains(want), "{want:?} not in:\n{stderr}");
    }
    assert!(stderr.contains("bad.toml:"), "{stderr}");
}

/// A new range form is a rules-file change: a join added beside the default
/// rules joins two dates its way, and `rules test` runs its examples.
#[test]
fn a_join_added_to_the_rules_makes_a_new_range_form() {
    let dir = Dir::new();
    let rules = copy_default_rules(&dir);
    dir.write(
        "rules/zz_joins.toml",
        "[[join]]\n\
id = \"date.join.up_to\"\n\
operation = \"range\"\n\
first = [\"date\"]\n\
second = [\"date\"]\n\
between = [\"up to\"]\n\
opener = [\"from\"]\n\
\n\
[[join.example]]\n\
text = \"The fair runs from Oct. 2 up to Oct. 22.\"\n\
published = \"2024-11-04\"\n\
expect = { text = \"from Oct. 2 up to Oct. 22\", value = \"2024-10-02\", value_max = \"2024-10-22\" }\n\
\n\
[[join.example]]\n\
text = \"Oct. 2 was calm; up to Oct. 22 it rained.\"\n\
published = \"2024-11-04\"\n\
expect_none = true\n",
    );
    let run = claimex(&["rules", "test", &rules]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let article = dir.write("a.txt", "The fair runs from Oct. 2 up to Oct. 22.\n");
    let run = claimex(&["extract", &article, "--rules", &rules]);
    let rows = run.rows();
    let range: Vec<_> = rows
        .iter()
        .filter(|r| r["rule"] == "date.join.up_to")
        .collect();
    assert_eq!(range.len(), 1, "{}", run.stdout);
    assert_eq!(range[0]["text"], "from Oct. 2 up to Oct. 22");
}

#[test]
fn a_fallback_rule_yields_to_every_other_rule_of_its_kind() {
    let dir = Dir::new();
    // A longer match wins its overlap, unless its rule is a fallback.
    let wide = "\n[[rule]]\nid = \"count.wide\"\nkind = \"count\"\nFALLBACK\npattern = '(?P<value>{NUM})\\s+(?P<unit>{@noun}|boats)\\s+[a-z]+'\n";
    let article = dir.write(
        "a.txt",
        "Then 5,000 troops crossed. Later 12 boats docked.\n",
    );
    let rule_of = |fallback: &str| {
        let text = format!(
            "{SMALL}{COUNT_LEXICONS}{}",
            wide.replace("FALLBACK", fallback)
        );
        let rules = dir.write("rules.toml", text);
        let run = claimex(&["extract", &article, "--rules", &rules]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.rows()
            .iter()
            .map(|r| (r["value"].clone(), r["rule"].clone()))
            .collect::<Vec<_>>()
    };
    let pair = |v: &str, r: &str| (v.to_string(), r.to_string());
    assert_eq!(
        rule_of(""),
        [pair("5000", "count.wide"), pair("12", "count.wide")]
    );
    // Where only the fallback matches ("boats"), it still makes the claim.
    assert_eq!(
        rule_of("fallback = true"),
        [pair("5000", "count.any"), pair("12", "count.wide")]
    );
}
