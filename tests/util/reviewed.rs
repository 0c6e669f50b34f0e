//! Reviewed failure lists of the data-driven evaluations: every case that
//! fails is listed with a reason written by hand, and a test fails when the
//! list and the real failures drift apart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One failing case: its id, its text, what the spec expects and what we gave.
pub struct Failure {
    pub id: String,
    pub text: String,
    pub expected: String,
    pub got: String,
}

/// Checks `failures` against the list at `relative` (from the crate root): no
/// failure missing from it, no listed case that passes, no reason left
/// "TODO". With `CLAIMEX_WRITE_FAILURES` set, the list is first rewritten from
/// `failures`, keeping the reasons already given.
pub fn check(relative: &str, failures: &[Failure]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("CLAIMEX_WRITE_FAILURES").is_some() {
        let reasons = reasons(&path);
        let mut out = String::from("# id\ttext\texpected\tgot\treason (reviewed by hand)\n");
        for f in failures {
            let reason = reasons.get(&f.id).map_or("TODO: review", String::as_str);
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{reason}\n",
                f.id,
                f.text.replace(['\t', '\n'], " "),
                f.expected,
                f.got
            ));
        }
        std::fs::write(&path, out).unwrap();
    }
    let reasons = reasons(&path);
    let new: Vec<String> = failures
        .iter()
        .filter(|f| !reasons.contains_key(&f.id))
        .map(|f| {
            format!(
                "{}\t{:?}\texpected {}\tgot {:?}",
                f.id, f.text, f.expected, f.got
            )
        })
        .collect();
    let fixed: Vec<&String> = reasons
        .keys()
        .filter(|id| !failures.iter().any(|f| &f.id == *id))
        .collect();
    assert!(
        new.is_empty(),
        "failures not in {relative} (review them, then add them with a reason):\n{}",
        new.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "cases in {relative} that now pass (remove them): {fixed:?}"
    );
    assert!(
        !reasons.values().any(|r| r.starts_with("TODO")),
        "{relative} has unreviewed reasons"
    );
}

/// id -> reason, from a reviewed failures file.
fn reasons(path: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some((
                cols.first()?.to_string(),
                cols.get(4).unwrap_or(&"").to_string(),
            ))
        })
        .collect()
}
