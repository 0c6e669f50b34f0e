//! Dates on the five seed articles, resolved against each article's date the
//! way news reads, and the date each figure is as of.

use std::collections::HashMap;

use crate::util::{self, seed_rows};

/// The (text, value, subtype) of every date claim in one article.
fn dates<'r>(rows: &'r [HashMap<String, String>], doc: &str) -> Vec<(&'r str, &'r str, &'r str)> {
    rows.iter()
        .filter(|r| r["doc_id"] == doc && r["kind"] == "date")
        .map(|r| {
            (
                r["text"].as_str(),
                r["value"].as_str(),
                r["subtype"].as_str(),
            )
        })
        .collect()
}

#[test]
fn seed_003_against_monday_oct_28() {
    let rows = seed_rows();
    let got = dates(&rows, "003_acae0075ff362d20");
    for want in [
        ("Monday", "2024-10-28", "date"),
        ("last Friday", "2024-10-25", "date"),
        ("last June", "2024-06", "date"),
        ("last week", "2024-W43", "date"),
        ("this week", "2024-W44", "date"),
        ("next week", "2024-W45", "date"),
        ("90-minute", "PT90M", "duration"),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}

#[test]
fn seed_000_both_stories() {
    let rows = seed_rows();
    let first = dates(&rows, "000_37409f865a15fab3");
    for want in [
        ("Monday", "2024-11-04", "date"),
        ("Thursday", "2024-10-31", "date"),
        ("last week", "2024-W44", "date"),
        ("last month", "2024-10", "date"),
        ("3-year-long", "P3Y", "duration"),
        ("the past two years", "P2Y", "duration"),
        ("1950-53", "1950", "date"),
    ] {
        assert!(first.contains(&want), "{want:?} not in {first:?}");
    }
    let second = dates(&rows, "000_37409f865a15fab3#2");
    for want in [
        ("Tuesday", "2024-12-03", "date"),
        ("July", "2024-07", "date"),
        ("30 years ago", "1994", "date"),
        ("Tuesday, Dec. 3, 2024", "2024-12-03", "date"),
    ] {
        assert!(second.contains(&want), "{want:?} not in {second:?}");
    }
    let range = rows.iter().find(|r| r["text"] == "1950-53").unwrap();
    assert_eq!(range["value_max"], "1953");
}

#[test]
fn seed_002_has_no_date_and_resolves_nothing_relative() {
    let rows = seed_rows();
    let got = dates(&rows, "002_806c665e7ddad4bd");
    assert!(got.contains(&("Monday", "", "date")), "{got:?}");
    assert!(
        got.contains(&("three-year-long", "P3Y", "duration")),
        "{got:?}"
    );
    assert!(got.contains(&("1953", "1953", "date")), "{got:?}");
}

#[test]
fn figures_are_dated_by_their_cue_or_their_clause() {
    let rows = seed_rows();
    let count = |doc: &str, text: &str| {
        rows.iter()
            .find(|r| r["doc_id"] == doc && r["kind"] == "count" && r["text"] == text)
            .unwrap_or_else(|| panic!("no count {text:?} in {doc}"))
            .clone()
    };
    // "Matthew Miller told reporters Monday that as many as 10,000 ..."
    let miller = count(
        "000_37409f865a15fab3",
        "as many as 10,000 North Korean soldiers",
    );
    assert_eq!(
        (miller["when"].as_str(), miller["when_text"].as_str()),
        ("2024-11-04", "Monday")
    );
    // "the 8,000 troops that the U.S. government mentioned Thursday"
    let eight = count("001_ca7cebb2266aefef", "8,000 troops");
    assert_eq!(
        (eight["when"].as_str(), eight["when_text"].as_str()),
        ("2024-10-31", "Thursday")
    );
    // "... Pentagon spokeswoman Sabrina Singh said Monday."
    let singh = count("003_acae0075ff362d20", "about 10,000 troops");
    assert_eq!(singh["when"], "2024-10-28");
    // A figure with no date in its clause is not dated.
    let range = count("000_37409f865a15fab3", "about 10,000 to 12,000 troops");
    assert_eq!(range["when"], "");
}

/// The rows of one article given as JSONL on standard input.
fn rows_of(json_line: &str) -> Vec<HashMap<String, String>> {
    let run = util::claimex_in(
        None,
        &["extract", "-", "--stdin-format", "jsonl"],
        Some(json_line.as_bytes()),
    );
    run.rows()
}

#[test]
fn an_inferred_reference_date_is_not_a_future_one() {
    let rows = rows_of(concat!(
        r#"{"id":"a","text":"SEOUL (AP) — The ministry said on Nov. 4, 2024, that troops had moved. "#,
        r#"The next election will be held on Nov. 7, 2028. Officials met Monday."}"#,
        "\n"
    ));
    let monday = rows.iter().find(|r| r["text"] == "Monday").unwrap();
    assert_eq!(
        (
            monday["published"].as_str(),
            monday["published_from"].as_str(),
            monday["value"].as_str()
        ),
        ("2024-11-04", "text", "2024-11-04")
    );
}

#[test]
fn a_cue_dated_with_a_part_of_the_day_dates_its_figures() {
    let rows = rows_of(concat!(
        r#"{"id":"a","published":"2024-11-06","text":"Singh said Monday morning that 8,000 troops had arrived."}"#,
        "\n"
    ));
    let count = rows.iter().find(|r| r["kind"] == "count").unwrap();
    assert_eq!(count["when"], "2024-11-04");
}

#[test]
fn ranges_and_compounds_are_one_claim() {
    let rows = rows_of(concat!(
        r#"{"id":"a","published":"2024-11-06","text":"Prices rose between May 2015 and 2018. "#,
        r#"He was jailed for 2 years and 6 months. Talks run Nov. 19-20. "#,
        r#"The delegation stays two weeks starting Nov. 11."}"#,
        "\n"
    ));
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| r["kind"] == "date")
        .map(|r| {
            (
                r["text"].as_str(),
                r["value"].as_str(),
                r["value_max"].as_str(),
            )
        })
        .collect();
    for want in [
        ("between May 2015 and 2018", "2015-05", "2018"),
        ("2 years and 6 months", "P2Y6M", ""),
        ("Nov. 19-20", "2024-11-19", "2024-11-20"),
        ("two weeks starting Nov. 11", "2024-11-11", "2024-11-24"),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}

/// The (text, value, value_max) of every date claim in one text of Nov. 6, 2024.
fn date_values(text: &str) -> Vec<(String, String, String)> {
    let line = format!(
        "{}\n",
        serde_json::json!({"id": "a", "published": "2024-11-06", "text": text})
    );
    rows_of(&line)
        .into_iter()
        .filter(|r| r["kind"] == "date")
        .map(|r| {
            (
                r["text"].clone(),
                r["value"].clone(),
                r["value_max"].clone(),
            )
        })
        .collect()
}

fn triple(text: &str, value: &str, max: &str) -> (String, String, String) {
    (text.into(), value.into(), max.into())
}

#[test]
fn a_range_never_ends_before_it_starts() {
    let got = date_values("The truce runs Dec. 20 through Jan. 6. The final was 3-1 May 4.");
    assert!(
        got.contains(&triple(
            "Dec. 20 through Jan. 6",
            "2024-12-20",
            "2025-01-06"
        )),
        "{got:?}"
    );
    // A score is no range of days.
    assert!(
        got.iter().all(|(text, ..)| !text.starts_with("3-1")),
        "{got:?}"
    );

    let got = date_values("Results for Q4-Q3 were mixed.");
    assert!(got.iter().all(|(.., max)| max.is_empty()), "{got:?}");
}

#[test]
fn a_count_of_days_from_a_date_is_no_range() {
    let got = date_values("The deal ends 90 days from Jan. 1. They stay for 3 days from Nov. 10.");
    assert!(
        got.iter()
            .all(|(text, ..)| !text.starts_with("90 days from")),
        "{got:?}"
    );
    assert!(
        got.contains(&triple("3 days from Nov. 10", "2024-11-10", "2024-11-12")),
        "{got:?}"
    );
}

#[test]
fn the_last_quarter_is_the_one_before() {
    let got = date_values("Profits fell in the last quarter and in the last quarter of 2016.");
    assert!(
        got.contains(&triple("the last quarter", "2024-Q3", "")),
        "{got:?}"
    );
    assert!(
        got.contains(&triple("the last quarter of 2016", "2016-Q4", "")),
        "{got:?}"
    );
}

#[test]
fn an_article_is_no_number() {
    let got = date_values("They agreed a two-week ceasefire after a hundred days.");
    assert!(got.contains(&triple("two-week", "P2W", "")), "{got:?}");
    assert!(
        got.contains(&triple("a hundred days", "P100D", "")),
        "{got:?}"
    );
}

#[test]
fn years_past_timex_range_give_no_value() {
    let got = date_values("Humans arrived 300000 years ago.");
    assert_eq!(got, vec![triple("300000 years ago", "", "")]);
}

#[test]
fn a_part_of_a_year_takes_the_relative_year_after_it() {
    let got = date_values(
        "Sales fell in the third quarter last year, rose in Q1 next year's plan, \
         and peaked in the summer of last year and in the last quarter last year.",
    );
    for want in [
        triple("the third quarter last year", "2023-Q3", ""),
        triple("the summer of last year", "2023-SU", ""),
        triple("the last quarter last year", "2023-Q4", ""),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    // A year written in digits is kept: "2016 Q3 last year" is no 2023 quarter.
    let got = date_values("In 2016 Q3 last year's rules applied.");
    assert!(got.contains(&triple("2016 Q3", "2016-Q3", "")), "{got:?}");
}

#[test]
fn anaphoric_dates_count_from_the_last_date_named() {
    let got = date_values(
        "The troops crossed on Oct. 30. The next day they reached Kursk. \
         Two days later they were shelled, and the following week they withdrew.",
    );
    for want in [
        triple("The next day", "2024-10-31", ""),
        // Counted from "the next day", itself resolved.
        triple("Two days later", "2024-11-02", ""),
        triple("the following week", "2024-W45", ""),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    // With no date named before, they count from the article's date.
    let got = date_values("He was released the next day.");
    assert_eq!(got, vec![triple("the next day", "2024-11-07", "")]);
    // A year is too coarse for a day: no value rather than a guess.
    let got = date_values("In 1953 an armistice was signed; two days later the guns fell silent.");
    assert!(got.contains(&triple("two days later", "", "")), "{got:?}");
    // ... but enough for a year.
    let got = date_values("In 1950 the war began; three years later it stopped.");
    assert!(
        got.contains(&triple("three years later", "1953", "")),
        "{got:?}"
    );
}

#[test]
fn years_in_words_are_years_unless_they_may_be_counts() {
    let got = date_values(
        "It happened in June of nineteen ninety nine, in the nineteen seventies \
         and on September 10, nineteen oh one.",
    );
    for want in [
        triple("June of nineteen ninety nine", "1999-06", ""),
        triple("the nineteen seventies", "197", ""),
        triple("September 10, nineteen oh one", "1901-09-10", ""),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    // "two thousand" ending the clause is a year; before a noun, a count.
    let got = date_values("It ended on the tenth of September, two thousand.");
    assert!(
        got.contains(&triple(
            "tenth of September, two thousand",
            "2000-09-10",
            ""
        )),
        "{got:?}"
    );
    let got = date_values("On 10 September, two thousand people marched.");
    assert_eq!(got, vec![triple("10 September", "2024-09-10", "")]);
}

#[test]
fn now_and_bounded_periods_make_ranges() {
    let got = date_values(
        "Prices rose between Jan. 22 and now. Talks resume within 2 weeks from today, \
         and next week between Wednesday and Friday the envoys meet. And now they wait.",
    );
    for want in [
        triple("between Jan. 22 and now", "2024-01-22", "2024-11-06"),
        triple("within 2 weeks from today", "2024-11-06", "2024-11-19"),
        triple(
            "next week between Wednesday and Friday",
            "2024-11-13",
            "2024-11-15",
        ),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    // "now" alone is no date.
    assert!(got.iter().all(|(text, ..)| text != "now"), "{got:?}");
}

#[test]
fn a_future_clause_puts_a_yearless_date_ahead() {
    // Nov. 3 is nearest Nov. 6 in the past, but "will be held" looks ahead.
    let got = date_values("The vote was on Nov. 3. The next one will be held on Nov. 3.");
    assert!(got.contains(&triple("Nov. 3", "2024-11-03", "")), "{got:?}");
    assert!(got.contains(&triple("Nov. 3", "2025-11-03", "")), "{got:?}");
}

#[test]
fn the_tense_of_the_sentence_places_a_yearless_date() {
    // Jan. 22 is nearer ahead (2025) than back; "flew" puts it in the past.
    let got = date_values("He flew out on Jan. 22. He returns on Jan. 22.");
    assert!(
        got.contains(&triple("Jan. 22", "2024-01-22", "")),
        "{got:?}"
    );
    assert!(
        got.contains(&triple("Jan. 22", "2025-01-22", "")),
        "{got:?}"
    );
    // A reporting verb dates the report, not the deadline it reports.
    let got = date_values("Officials announced the Dec. 1 deadline.");
    assert_eq!(got, vec![triple("Dec. 1", "2024-12-01", "")]);
    // A scheduled event is no past: "is scheduled" blocks the "-ed" reading.
    let got = date_values("The vote is scheduled for the 20th.");
    assert_eq!(got, vec![triple("the 20th", "2024-11-20", "")]);
    // A weekday written with the date picks the year it falls on.
    let got = date_values("The talks open on Wednesday, Jan. 22.");
    assert!(
        got.contains(&triple("Wednesday, Jan. 22", "2025-01-22", "")),
        "{got:?}"
    );
}

#[test]
fn the_tense_marker_nearer_the_date_wins() {
    // Oct. 7 is nearest Nov. 6 a month back; a request or an intention looks
    // ahead, a past verb after it looks back.
    let got = date_values(
        "\"Please come back on Oct. 7,\" she said. Please remember what happened on Oct. 7. \
         The minister wants to hold the vote on Oct. 7. The summit is scheduled for Oct. 7.",
    );
    let ahead = got
        .iter()
        .filter(|t| **t == triple("Oct. 7", "2025-10-07", ""))
        .count();
    let back = got
        .iter()
        .filter(|t| **t == triple("Oct. 7", "2024-10-07", ""))
        .count();
    assert_eq!((ahead, back), (3, 1), "{got:?}");
}

#[test]
fn weekdays_counted_and_days_counted_from_a_day() {
    let got = date_values(
        "The church was attacked two Sundays ago. Two Sundays later it will reopen. \
         The plant will close three weeks from tomorrow and reopen two weeks from now. \
         The team won two Sundays in a row.",
    );
    for want in [
        triple("two Sundays ago", "2024-10-27", ""),
        // Counted from the last date named.
        triple("Two Sundays later", "2024-11-10", ""),
        // From a day, a day; from now, the week.
        triple("three weeks from tomorrow", "2024-11-28", ""),
        triple("two weeks from now", "2024-W47", ""),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    assert_eq!(got.len(), 4, "{got:?}");
}

#[test]
fn glued_and_day_first_forms_are_read_with_their_guards() {
    let got = date_values(
        "The Oct2 rally was on a form dated 08/12,2015; the ferry sails 22/04. \
         The shop is open 24/7, levels of SEPT9 rose and the ratios were 10/12,15/20.",
    );
    assert_eq!(
        got,
        vec![
            triple("Oct2", "2024-10-02", ""),
            triple("08/12,2015", "2015-08-12", ""),
            triple("22/04", "2025-04-22", ""),
        ]
    );
}

#[test]
fn a_day_in_cardinal_words_or_bare_digits_is_read_where_it_ends_the_clause() {
    let got = date_values(
        "The vote was held on March thirty. In May twenty one people died. \
         The film opens on Friday the 13. On Friday the fifteen players trained.",
    );
    assert_eq!(
        got,
        vec![
            triple("March thirty", "2024-03-30", ""),
            triple("May", "2024-05", ""),
            // The nearest Friday the 13th.
            triple("Friday the 13", "2024-12-13", ""),
            triple("Friday", "2024-11-01", ""),
        ]
    );
    let got = date_values(
        "The hearing was adjourned until the 27. It was a good deal for the 27. \
         Funds were set for the 27 member states. The Bears took over on the 27.",
    );
    assert_eq!(got, vec![triple("the 27", "2024-10-27", "")]);
}

#[test]
fn a_full_stop_inside_a_date_does_not_hide_it() {
    let got = date_values(
        "The pact was signed on 16. Nov. 2016 in Berlin. He left in October. 2 people died.",
    );
    assert_eq!(
        got,
        vec![
            triple("16. Nov. 2016", "2016-11-16", ""),
            triple("October", "2024-10", ""),
        ]
    );
    let got = date_values("I'll go back October. 2");
    assert_eq!(got, vec![triple("October. 2", "2025-10-02", "")]);
}
