//! The outlet an article's own text names, for articles whose manifest or
//! JSONL line does not: a wire credit ("SEOUL (AP) —", "Associated Press
//! writer ...", "includes reporting from The Associated Press") or the site's
//! own boilerplate ("your Sun Journal account"). The patterns are the rules
//! file's `[[outlet]]` entries.

use std::ops::Range;

use crate::rules::vocabulary::Lex;
use crate::rules::{OutletRole, OutletRule, Rules};
use crate::text::Document;

/// What the credits in one article say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Credits {
    /// The first site named by its own boilerplate.
    pub site: Option<String>,
    /// The first wire service credited.
    pub wire: Option<String>,
}

impl Credits {
    /// The outlet to show when none was given: the site, else the wire.
    pub fn outlet(&self) -> Option<&str> {
        self.site.as_deref().or(self.wire.as_deref())
    }
}

/// The credits in a range of paragraphs, boilerplate included (a site names
/// itself mostly there).
pub fn credits(rules: &Rules, doc: &Document, paragraphs: Range<usize>) -> Credits {
    find_credits(rules, doc, paragraphs, true)
}

/// The wire credited in a range of paragraphs, for an article whose outlet
/// is known: the site rules are not run, and the search ends at the first
/// wire credit, most often in the dateline, instead of reading every
/// paragraph for a site.
pub fn wire_credit(rules: &Rules, doc: &Document, paragraphs: Range<usize>) -> Option<String> {
    find_credits(rules, doc, paragraphs, false).wire
}

/// The credits in a range of paragraphs: the wire, and the site only when
/// `with_site`.
fn find_credits(
    rules: &Rules,
    doc: &Document,
    paragraphs: Range<usize>,
    with_site: bool,
) -> Credits {
    let mut found = Credits::default();
    for para in &doc.paragraphs[paragraphs] {
        let text = &doc.text()[para.range.clone()];
        for rule in &rules.outlets {
            let slot = match rule.role {
                OutletRole::Site if !with_site => continue,
                OutletRole::Site => &mut found.site,
                OutletRole::Wire => &mut found.wire,
            };
            if slot.is_none() {
                *slot = name_in(rules, rule, text);
            }
        }
        if (found.site.is_some() || !with_site) && found.wire.is_some() {
            break;
        }
    }
    found
}

/// The outlet one rule finds in a text: its `outlet` capture (else the whole
/// match), spelled as the `outlet_name` lexicon spells it.
pub fn name_in(rules: &Rules, rule: &OutletRule, text: &str) -> Option<String> {
    // Most paragraphs credit nothing: a match test needs no captures (and no
    // allocation for them), and `captures` finds a match exactly when it does.
    if !rule.regex.is_match(text) {
        return None;
    }
    let caps = rule.regex.captures(text)?;
    let written = caps.name("outlet").or_else(|| caps.get(0))?.as_str().trim();
    if written.is_empty() {
        return None;
    }
    let canonical = rules.lexicon(Lex::OutletName).value_of(written);
    Some(canonical.unwrap_or(written).to_string())
}
