//! Attribution beyond single rules: quotes continued across an attribution or
//! paragraphs, speakers resolved across the article, and what is not a quote.

use std::collections::HashMap;

use crate::util;

/// The quote rows of one article read from plain text on standard input.
fn quotes(text: &str) -> Vec<HashMap<String, String>> {
    let run = util::claimex_in(None, &["extract", "-"], Some(text.as_bytes()));
    run.rows()
        .into_iter()
        .filter(|r| r["kind"] == "quote")
        .collect()
}

fn speaker_of<'r>(rows: &'r [HashMap<String, String>], starts: &str) -> &'r str {
    rows.iter()
        .find(|r| r["value"].starts_with(starts))
        .unwrap_or_else(|| panic!("no quote starting {starts:?} in {rows:?}"))["speaker"]
        .as_str()
}

#[test]
fn a_quote_split_by_its_attribution_is_one_speaker() {
    let rows = quotes(
        "“We will win this war,” Defense Minister Kim Yong-hyun said. “It will take time, and we are ready for it.”\n",
    );
    assert_eq!(speaker_of(&rows, "We will win"), "Kim Yong-hyun");
    let second = rows
        .iter()
        .find(|r| r["value"].starts_with("It will take time"))
        .unwrap();
    assert_eq!(
        (second["speaker"].as_str(), second["rule"].as_str()),
        ("Kim Yong-hyun", "quote.continued")
    );
}

#[test]
fn a_paragraph_that_is_only_a_quote_goes_on_with_the_speaker_before() {
    let rows = quotes(concat!(
        "“The front is not moving,” NATO chief Mark Rutte said.\n\n",
        "“We must make sure that Ukraine gets into a position of strength.”\n\n",
        "Officials met later. “This is a separate matter entirely,” an aide noted.\n",
    ));
    assert_eq!(speaker_of(&rows, "We must make sure"), "Mark Rutte");
}

#[test]
fn a_quote_over_several_paragraphs_takes_the_attribution_at_its_end() {
    let rows = quotes(concat!(
        "“We have seen the troops move toward the front and we are watching closely.\n\n",
        "“They will be legitimate targets on the battlefield,” Pentagon spokeswoman Sabrina Singh said.\n",
    ));
    assert_eq!(
        speaker_of(&rows, "We have seen the troops"),
        "Sabrina Singh"
    );
}

#[test]
fn scare_quotes_and_stray_marks_invent_no_speaker() {
    let rows = quotes(concat!(
        "Cho and Borrell called the deployment a “flagrant” violation, Borrell said.\n\n",
        "The ministry called it “a monument to short-sightedness in strategic decisions.”\n\n",
        "A stray “ mark opens here and never closes, and the text goes on.\n\n",
        "“Unattributed words stand here with nobody around them.”\n",
    ));
    assert!(
        !rows.iter().any(|r| r["value"].starts_with("flagrant")),
        "{rows:?}"
    );
    assert!(
        !rows.iter().any(|r| r["value"].starts_with("Unattributed")),
        "{rows:?}"
    );
    assert!(
        !rows.iter().any(|r| r["value"].starts_with("a monument")),
        "{rows:?}"
    );
}

#[test]
fn pronouns_take_the_nearest_person_of_their_gender() {
    let rows = quotes(concat!(
        "Pentagon spokeswoman Sabrina Singh briefed reporters on Monday.\n\n",
        "Defense Secretary Lloyd Austin has cautioned Pyongyang.\n\n",
        "“We are increasingly concerned,” she told reporters.\n\n",
        "“They will be targets,” he said.\n",
    ));
    assert_eq!(speaker_of(&rows, "We are increasingly"), "Sabrina Singh");
    assert_eq!(speaker_of(&rows, "They will be targets"), "Lloyd Austin");
}

#[test]
fn a_pronoun_with_nobody_to_refer_to_stays_unresolved() {
    let rows = quotes("“We are ready,” she said.\n");
    let row = rows.first().unwrap();
    assert_eq!(
        (row["speaker"].as_str(), row["speaker_mention"].as_str()),
        ("", "she")
    );
}

#[test]
fn bodies_speak_and_it_refers_to_the_last_one() {
    let rows = quotes(concat!(
        "The Ukrainian Foreign Ministry issued a statement on Tuesday.\n\n",
        "The Foreign Ministry statement called the deal a failure.\n\n",
        "“Only full membership in NATO can guarantee our security,” it said.\n\n",
        "South Korea’s military said the North had built new barriers along the border.\n",
    ));
    assert_eq!(
        speaker_of(&rows, "Only full membership"),
        "the Ukrainian Foreign Ministry"
    );
    assert_eq!(
        speaker_of(&rows, "the North had built"),
        "South Korea's military"
    );
}

#[test]
fn according_to_attributes_the_sentence() {
    let rows = quotes(
        "About 3,000 troops have moved to the front, according to the South Korean Defense Ministry.\n",
    );
    assert_eq!(
        speaker_of(&rows, "About 3,000 troops"),
        "the South Korean Defense Ministry"
    );
}

#[test]
fn the_ministry_is_the_last_ministry_named() {
    let rows = quotes(concat!(
        "The South Korean Defense Ministry confirmed the deployment on Monday.\n\n",
        "The ministry said about 3,000 troops had moved to the front line.\n",
    ));
    assert_eq!(
        speaker_of(&rows, "about 3,000 troops"),
        "the South Korean Defense Ministry"
    );
}

#[test]
fn the_statement_is_who_issued_it() {
    let rows = quotes(concat!(
        "After a meeting in Seoul, South Korean Foreign Minister Cho Tae-yul and EU foreign policy chief Josep Borrell issued a joint statement condemning the deployment.\n\n",
        "“We are also deeply concerned about the possibility of any transfer of technology,” the statement said.\n",
    ));
    assert_eq!(
        speaker_of(&rows, "We are also deeply concerned"),
        "Cho Tae-yul and Josep Borrell"
    );
}
