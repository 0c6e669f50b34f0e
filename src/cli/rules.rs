//! `rules check` and `rules test`, and loading the rule set every command uses.

use std::path::Path;

use claimex::rule_examples::run_examples;
use claimex::{Engine, Rules};

use super::memory::leave;
use super::{FAILED, OK, PARTIAL, error, warning};

/// The rule set to use: `--rules PATH` or the embedded default.
pub(super) fn load_rules(path: Option<&Path>) -> Option<Rules> {
    let loaded = match path {
        Some(p) => Rules::load(p),
        None => Rules::embedded(),
    };
    match loaded {
        Ok(rules) => Some(rules),
        Err(errors) => {
            for e in &errors.0 {
                error(e);
            }
            error(format!("the rule set has {} problem(s)", errors.0.len()));
            None
        }
    }
}

pub(super) fn rules_check(path: Option<&Path>) -> u8 {
    let Some(rules) = load_rules(path) else {
        return FAILED;
    };
    for w in &rules.warnings {
        warning(w);
    }
    let examples: usize = rules.rules.iter().map(|r| r.examples.len()).sum::<usize>()
        + rules
            .outlets
            .iter()
            .map(|r| r.examples.len())
            .sum::<usize>();
    println!(
        "ok: {} rules, {} outlet rules, {} lexicons, {} examples ({})",
        rules.rules.len(),
        rules.outlets.len(),
        rules.lexicon_count(),
        examples,
        path.map_or("default rules".into(), |p| p.display().to_string())
    );
    leave(rules);
    OK
}

pub(super) fn rules_test(path: Option<&Path>) -> u8 {
    let Some(rules) = load_rules(path) else {
        return FAILED;
    };
    let report = run_examples(&Engine::new(rules));
    for f in &report.failures {
        println!("FAIL {f}");
    }
    println!(
        "rules test: {} passed, {} failed",
        report.passed,
        report.failures.len()
    );
    if report.failures.is_empty() {
        OK
    } else {
        PARTIAL
    }
}

/// `rules vocabulary`: the rules author's reference, as the code declares it.
pub(super) fn vocabulary() -> u8 {
    print!("{}", claimex::rules::vocabulary_reference());
    OK
}
