//! `rules test`: every rule's inline examples, run through the whole engine.

use std::fmt;

use crate::extract::Engine;
use crate::link::outlet;
use crate::model::Article;
use crate::model::Claim;
use crate::model::Kind;
use crate::rules::{Example, OutletRule};
use crate::table::cells;
use crate::text::Document;

/// One example that did not come out as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    pub file: String,
    pub line: usize,
    pub rule: String,
    pub message: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: rule {}: {}",
            self.file, self.line, self.rule, self.message
        )
    }
}

/// The outcome of running every example.
#[derive(Debug, Default)]
pub struct ExampleReport {
    pub passed: usize,
    pub failures: Vec<ExampleFailure>,
}

/// Runs every example of every rule in the engine's rule set.
pub fn run_examples(engine: &Engine) -> ExampleReport {
    let mut report = ExampleReport::default();
    for rule in &engine.rules().outlets {
        for (text, expect, line) in &rule.examples {
            match check_outlet(engine, rule, text, expect.as_deref()) {
                Ok(()) => report.passed += 1,
                Err(message) => report.failures.push(ExampleFailure {
                    file: rule.file.clone(),
                    line: *line,
                    rule: rule.id.to_string(),
                    message,
                }),
            }
        }
    }
    for rule in &engine.rules().rules {
        for example in &rule.examples {
            match check(engine, &rule.id, rule.kind, example) {
                Ok(()) => report.passed += 1,
                Err(message) => report.failures.push(ExampleFailure {
                    file: rule.file.clone(),
                    line: example.line,
                    rule: rule.id.to_string(),
                    message,
                }),
            }
        }
    }
    for join in &engine.rules().joins {
        for example in &join.examples {
            match check(engine, &join.id, Kind::Date, example) {
                Ok(()) => report.passed += 1,
                Err(message) => report.failures.push(ExampleFailure {
                    file: join.file.clone(),
                    line: example.line,
                    rule: join.id.to_string(),
                    message,
                }),
            }
        }
    }
    report
}

/// An outlet example: the rule finds `expect` in one of the text's paragraphs,
/// or nothing.
fn check_outlet(
    engine: &Engine,
    rule: &OutletRule,
    text: &str,
    expect: Option<&str>,
) -> Result<(), String> {
    let rules = engine.rules();
    let doc = Document::prepare(text, &rules.text);
    let found = doc
        .paragraphs
        .iter()
        .find_map(|p| outlet::name_in(rules, rule, &doc.text()[p.range.clone()]));
    match (found.as_deref(), expect) {
        (found, expect) if found == expect => Ok(()),
        (Some(found), None) => Err(format!("expected no outlet in {text:?}, found {found:?}")),
        (found, Some(expect)) => Err(format!(
            "expected outlet {expect:?} in {text:?}, found {}",
            found.map_or("none".to_string(), |f| format!("{f:?}"))
        )),
        (None, None) => Ok(()),
    }
}

/// A rule's or a join's example. A rule's negative example has no claim of
/// its kind at all; a join's (which joins claims the rules found) no claim of
/// the join.
fn check(engine: &Engine, id: &str, kind: Kind, example: &Example) -> Result<(), String> {
    let is_join = engine.rules().joins.iter().any(|j| &*j.id == id);
    let article = Article::new("example", example.text.clone()).with_published(example.published);
    let claims = engine.extract(&article);
    if example.expect_none {
        let found: Vec<String> = claims
            .iter()
            .filter(|c| c.kind() == kind && (!is_join || &*c.rule == id))
            .map(describe)
            .collect();
        return match found.is_empty() {
            true => Ok(()),
            false => Err(format!(
                "expected no {} in {:?}, found {}",
                match is_join {
                    true => "claim of this join",
                    false => kind.as_str(),
                },
                example.text,
                found.join("; ")
            )),
        };
    }
    // An example that names a `rule` documents which rule wins on this text;
    // otherwise the claim must come from the example's own rule.
    let own: Vec<&Claim> = match example.expect.contains_key("rule") {
        true => claims.iter().collect(),
        false => claims.iter().filter(|c| &*c.rule == id).collect(),
    };
    if own.is_empty() {
        let others: Vec<String> = claims.iter().map(describe).collect();
        let others = match others.is_empty() {
            true => "nothing".to_string(),
            false => others.join("; "),
        };
        return Err(format!(
            "no claim from this rule in {:?} (found {others})",
            example.text
        ));
    }
    let mismatches = |c: &Claim| -> Vec<String> {
        example
            .expect
            .iter()
            .filter_map(|(field, want)| {
                let got = cells::text(c, field).unwrap_or_default();
                (got != *want).then(|| format!("{field}: expected {want:?}, got {got:?}"))
            })
            .collect()
    };
    if own.iter().any(|c| mismatches(c).is_empty()) {
        return Ok(());
    }
    let closest = own
        .iter()
        .min_by_key(|c| mismatches(c).len())
        .expect("own is not empty");
    Err(format!(
        "in {:?}, claim {:?}: {}",
        example.text,
        closest.text,
        mismatches(closest).join(", ")
    ))
}

fn describe(c: &Claim) -> String {
    format!(
        "{} {:?} (rule {}, value {:?})",
        c.kind().as_str(),
        c.text,
        c.rule,
        cells::text(c, "value").unwrap_or_default()
    )
}
