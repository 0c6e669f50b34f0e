//! Where a rule set comes from: the default rules embedded in the binary, a
//! file, or a folder of files.

use std::collections::HashSet;
use std::path::Path;

use super::compile::Compiler;
use super::error::{RuleError, RuleErrors};
use super::set::Rules;

/// The default rule set, embedded at build time. `tests/rules.rs` checks that
/// this list holds every `.toml` and `.words` file in `rules/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("rules/actors.toml", include_str!("../../rules/actors.toml")),
    ("rules/common.toml", include_str!("../../rules/common.toml")),
    ("rules/counts.toml", include_str!("../../rules/counts.toml")),
    ("rules/dates.toml", include_str!("../../rules/dates.toml")),
    (
        "rules/numbers.toml",
        include_str!("../../rules/numbers.toml"),
    ),
    (
        "rules/outlets.toml",
        include_str!("../../rules/outlets.toml"),
    ),
    ("rules/quotes.toml", include_str!("../../rules/quotes.toml")),
    ("rules/text.toml", include_str!("../../rules/text.toml")),
    (
        "rules/plural_noun.words",
        include_str!("../../rules/plural_noun.words"),
    ),
    (
        "rules/measure_unit.words",
        include_str!("../../rules/measure_unit.words"),
    ),
];

impl Rules {
    /// The default rule set embedded in the binary.
    pub fn embedded() -> Result<Rules, RuleErrors> {
        let sources: Vec<(String, String)> = EMBEDDED
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        Rules::from_sources(&sources)
    }

    /// Loads a rules file, or every `.toml` file and `.words` word list in a
    /// folder (recursively, in file-name order).
    pub fn load(path: &Path) -> Result<Rules, RuleErrors> {
        let single = |message: String| {
            RuleErrors(vec![RuleError {
                file: path.display().to_string(),
                line: None,
                rule: None,
                message,
            }])
        };
        let mut errors = Vec::new();
        let files = if path.is_dir() {
            let is_toml = |p: &Path| {
                crate::files::has_extension(p, "toml") || crate::files::has_extension(p, "words")
            };
            let walk = crate::files::files_under(path, &is_toml, &mut HashSet::new());
            // A rule set read in part would be another rule set: whatever
            // was not read is an error.
            errors.extend(walk.problems.iter().map(|problem| RuleError {
                file: problem.path().display().to_string(),
                line: None,
                rule: None,
                message: problem.to_string(),
            }));
            if walk.files.is_empty() && errors.is_empty() {
                return Err(single("folder holds no .toml rules files".into()));
            }
            walk.files
        } else {
            vec![path.to_path_buf()]
        };
        let mut sources = Vec::new();
        for file in files {
            match std::fs::read(&file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => sources.push((file.display().to_string(), text)),
                    Err(e) => errors.push(RuleError {
                        file: file.display().to_string(),
                        line: None,
                        rule: None,
                        message: format!(
                            "not valid UTF-8 (at byte {})",
                            e.utf8_error().valid_up_to()
                        ),
                    }),
                },
                Err(e) => errors.push(RuleError {
                    file: file.display().to_string(),
                    line: None,
                    rule: None,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        if sources.is_empty() {
            // Every file failed to load; that says it all.
            return Err(RuleErrors(errors));
        }
        match Rules::from_sources(&sources) {
            Ok(rules) if errors.is_empty() => Ok(rules),
            Ok(_) => Err(RuleErrors(errors)),
            Err(RuleErrors(more)) => {
                errors.extend(more);
                Err(RuleErrors(errors))
            }
        }
    }

    /// Compiles a rule set from (file name, TOML text) pairs.
    pub fn from_sources(sources: &[(String, String)]) -> Result<Rules, RuleErrors> {
        Compiler::default().compile(sources)
    }
}
