//! `rules check` holds a rule set to the vocabulary the code declares: every
//! problem names its file, line and rule (or lexicon), and the check fails.

use crate::util::{Dir, claimex};

/// A copy of the default rules in a scratch folder, with `edit` applied to
/// one file's text.
fn rules_with(file: &str, edit: impl Fn(&str) -> String) -> (Dir, String) {
    let dir = Dir::new();
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(rules).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if name == file { edit(&text) } else { text };
        assert!(name != file || !text.is_empty());
        dir.write(&format!("rules/{name}"), text);
    }
    let path = dir.join("rules");
    (dir, path)
}

/// The line of the first occurrence of `needle` in a default rules file.
fn line_of(file: &str, needle: &str) -> usize {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rules")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {file}"));
    text[..at].matches('\n').count() + 1
}

/// `rules check` on a copy of the default rules edited by `edit`: it fails,
/// and its stderr holds every `expected` piece.
fn check_fails(file: &str, edit: impl Fn(&str) -> String, expected: &[&str]) -> String {
    let (_dir, path) = rules_with(file, edit);
    let run = claimex(&["rules", "check", &path]);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    for piece in expected {
        assert!(
            run.stderr.contains(piece),
            "{piece:?} not in:\n{}",
            run.stderr
        );
    }
    run.stderr
}

#[test]
fn a_misspelled_subtype_is_named_with_its_file_line_and_rule() {
    let line = line_of("dates.toml", "subtype = \"duration\"");
    check_fails(
        "dates.toml",
        |t| t.replacen("subtype = \"duration\"", "subtype = \"Duration\"", 1),
        &[
            &format!("dates.toml:{line}: rule "),
            "unknown subtype `Duration` for a date rule (expected date, time, duration, set)",
        ],
    );
}

#[test]
fn a_lexicon_the_code_needs_cannot_be_left_out() {
    let stderr = check_fails(
        "dates.toml",
        |t| {
            let start = t.find("\nfuture_marker = [").unwrap();
            let end = start + t[start..].find("]\n").unwrap() + 2;
            format!("{}{}", &t[..start + 1], &t[end..])
        },
        &["date rules need the lexicon `future_marker`, which no rules file defines"],
    );
    // It names the first date rule, with its file and line.
    let line = stderr
        .lines()
        .find(|l| l.contains("`future_marker`"))
        .unwrap();
    assert!(
        line.contains("dates.toml:") && line.contains(": rule date."),
        "{line}"
    );
}

#[test]
fn a_value_outside_a_lexicons_declared_values_is_an_error() {
    let line = line_of("common.toml", "[lexicons.pronoun]");
    check_fails(
        "common.toml",
        |t| t.replace("\"they\" = \"group\"", "\"they\" = \"grp\""),
        &[&format!(
            "common.toml:{line}: lexicon `pronoun`, entry `they`: `grp` is not one of male, female, body, statement, group"
        )],
    );
}

#[test]
fn a_capture_takes_only_a_lexicon_whose_values_it_can_hold() {
    check_fails(
        "dates.toml",
        |t| {
            t.replacen(
                "\"monday\" = \"1\"\n\"mondays\" = \"1\"",
                "\"monday\" = \"8\"\n\"mondays\" = \"1\"",
                1,
            )
        },
        &[
            "takes lexicon `weekday_counted`, whose entry `monday`: `8` is not a whole number from 1 to 7",
        ],
    );
}

#[test]
fn set_constants_are_captures_of_the_rules_kind_with_their_values() {
    check_fails(
        "dates.toml",
        |t| t.replacen("set = { shift = \"-1\" }", "set = { shift = \"last\" }", 1),
        &["`set` shift: `last` is not a whole number"],
    );
    check_fails(
        "dates.toml",
        |t| t.replacen("set = { shift = \"-1\" }", "set = { speaker = \"x\" }", 1),
        &["`set` names `speaker`, which a date rule does not read"],
    );
}

#[test]
fn settings_are_declared_and_needed() {
    check_fails(
        "dates.toml",
        |t| t.replace("two_digit_years_from = 1950", "two_digit_year_from = 1950"),
        &[
            "unknown setting `two_digit_year_from`",
            "date rules need the setting `two_digit_years_from`",
        ],
    );
}

#[test]
fn the_vocabulary_is_printed_as_documented() {
    let run = claimex(&["rules", "vocabulary"]);
    assert_eq!(run.code, 0);
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/vocabulary.md"),
    )
    .unwrap();
    assert_eq!(run.stdout, doc);
    assert!(run.stdout.contains("| `future_marker` | date rules |"));
}
