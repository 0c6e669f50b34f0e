//! The outlet an article's own text names, for articles whose manifest or
//! JSONL line does not: the site's own boilerplate ("your Sun Journal
//! account"), or the agency whose copy the text is ("SEOUL (AP) —", "By Jane
//! Doe, Associated Press"); and the wire it credits, for its own copy or a
//! contribution ("Associated Press writer ... contributed", "includes
//! reporting from The Associated Press"). The patterns are the rules file's
//! `[[outlet]]` entries.

use std::ops::Range;

use crate::rules::vocabulary::Lex;
use crate::rules::{OutletRole, OutletRule, Rules};
use crate::text::Document;

/// What the credits in one article say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Credits {
    /// The first site named by its own boilerplate.
    pub site: Option<String>,
    /// The first agency whose own copy the text is: its dateline credit or
    /// byline.
    pub own: Option<String>,
    /// The first wire service credited, for its own copy or a contribution.
    pub wire: Option<String>,
}

impl Credits {
    /// The outlet to show when none was given: the site, else the agency
    /// whose copy the text is. An agency credited only for a contribution
    /// ("includes reporting from The Associated Press") is the `wire`, not
    /// the outlet: the rewrite is someone else's, and with no name for it
    /// the outlet is unknown.
    pub fn outlet(&self) -> Option<&str> {
        self.site.as_deref().or(self.own.as_deref())
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
            match rule.role {
                OutletRole::Site if !with_site => continue,
                OutletRole::Site if found.site.is_none() => {
                    found.site = name_in(rules, rule, text);
                }
                OutletRole::Own if found.own.is_none() => {
                    found.own = name_in(rules, rule, text);
                    found.wire = found.wire.take().or_else(|| found.own.clone());
                }
                OutletRole::Wire if found.wire.is_none() => {
                    found.wire = name_in(rules, rule, text);
                }
                _ => {}
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
