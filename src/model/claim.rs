//! The claims table row: the contract's columns, in the contract's order.

use serde::Serialize;

/// What a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Quote,
    Count,
    Date,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Quote, Kind::Count, Kind::Date];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Count => "count",
            Kind::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One row of the claims table.
///
/// Field order is the column order of the contract (see `COLUMNS`); columns past
/// `rule` are additions. Empty strings stand for "not known".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub doc_id: String,
    pub outlet: String,
    pub published: String,
    pub kind: Kind,
    pub subtype: String,
    pub text: String,
    pub value: String,
    pub value_max: String,
    pub approx: String,
    pub unit: String,
    pub concept: String,
    pub speaker: String,
    pub speaker_role: String,
    pub cue: String,
    pub when: String,
    pub when_text: String,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    pub rule: String,
    /// The speaker as the article wrote it at this claim (`she`, `Singh`).
    pub speaker_mention: String,
    /// Where the article was read from: a path, `path:line` for JSONL, or `<stdin>`.
    pub source: String,
    /// Where `published` came from: `manifest`, `jsonl`, `text` (inferred from a
    /// date written in the article), `caller`, or empty.
    pub published_from: String,
    /// The class of the attribution cue, from its lexicon's value: `speech`
    /// ("said"), `written` ("wrote"), `thought` ("believes", "estimated"),
    /// `according_to`.
    pub cue_class: String,
    /// Counts: the country or party the counted belong to (`North Korea`), from
    /// the `country` lexicon; `compare` groups figures by it.
    pub actor: String,
    /// Where `outlet` came from: `manifest`, `jsonl`, `text` (a credit or the
    /// site's own boilerplate in the article), `caller`, or empty.
    pub outlet_from: String,
    /// The wire service the article credits (`Associated Press` for "(AP) —"
    /// or "Associated Press writer ..."), which a reprint names beside its outlet.
    pub wire: String,
}

/// Column names, in order: the contract's twenty, then the additions.
pub const COLUMNS: [&str; 27] = [
    "doc_id",
    "outlet",
    "published",
    "kind",
    "subtype",
    "text",
    "value",
    "value_max",
    "approx",
    "unit",
    "concept",
    "speaker",
    "speaker_role",
    "cue",
    "when",
    "when_text",
    "sentence",
    "start",
    "end",
    "rule",
    "speaker_mention",
    "source",
    "published_from",
    "cue_class",
    "actor",
    "outlet_from",
    "wire",
];

/// Fields a rule example may set expectations on: every column but the ones that
/// describe the article rather than the claim.
pub fn is_expectable_field(name: &str) -> bool {
    COLUMNS.contains(&name)
        && !matches!(
            name,
            "doc_id"
                | "outlet"
                | "published"
                | "source"
                | "published_from"
                | "outlet_from"
                | "wire"
        )
}

impl Claim {
    /// A claim with only its kind set; builders fill in the rest.
    pub fn empty(kind: Kind) -> Self {
        Claim {
            doc_id: String::new(),
            outlet: String::new(),
            published: String::new(),
            kind,
            subtype: String::new(),
            text: String::new(),
            value: String::new(),
            value_max: String::new(),
            approx: String::new(),
            unit: String::new(),
            concept: String::new(),
            speaker: String::new(),
            speaker_role: String::new(),
            cue: String::new(),
            when: String::new(),
            when_text: String::new(),
            sentence: String::new(),
            start: 0,
            end: 0,
            rule: String::new(),
            speaker_mention: String::new(),
            source: String::new(),
            published_from: String::new(),
            cue_class: String::new(),
            actor: String::new(),
            outlet_from: String::new(),
            wire: String::new(),
        }
    }

    /// The text column of that name, to set (every column but `kind`, `start`
    /// and `end`).
    pub fn field_mut(&mut self, column: &str) -> Option<&mut String> {
        Some(match column {
            "doc_id" => &mut self.doc_id,
            "outlet" => &mut self.outlet,
            "published" => &mut self.published,
            "subtype" => &mut self.subtype,
            "text" => &mut self.text,
            "value" => &mut self.value,
            "value_max" => &mut self.value_max,
            "approx" => &mut self.approx,
            "unit" => &mut self.unit,
            "concept" => &mut self.concept,
            "speaker" => &mut self.speaker,
            "speaker_role" => &mut self.speaker_role,
            "cue" => &mut self.cue,
            "when" => &mut self.when,
            "when_text" => &mut self.when_text,
            "sentence" => &mut self.sentence,
            "rule" => &mut self.rule,
            "speaker_mention" => &mut self.speaker_mention,
            "source" => &mut self.source,
            "published_from" => &mut self.published_from,
            "cue_class" => &mut self.cue_class,
            "actor" => &mut self.actor,
            "outlet_from" => &mut self.outlet_from,
            "wire" => &mut self.wire,
            _ => return None,
        })
    }

    /// Every column's text in `COLUMNS` order, given `start` and `end` as
    /// text: what a table writer needs, without looking columns up by name.
    pub fn column_texts<'a>(&'a self, start: &'a str, end: &'a str) -> [&'a str; 27] {
        [
            &self.doc_id,
            &self.outlet,
            &self.published,
            self.kind.as_str(),
            &self.subtype,
            &self.text,
            &self.value,
            &self.value_max,
            &self.approx,
            &self.unit,
            &self.concept,
            &self.speaker,
            &self.speaker_role,
            &self.cue,
            &self.when,
            &self.when_text,
            &self.sentence,
            start,
            end,
            &self.rule,
            &self.speaker_mention,
            &self.source,
            &self.published_from,
            &self.cue_class,
            &self.actor,
            &self.outlet_from,
            &self.wire,
        ]
    }

    /// The value of one column as text, by column name.
    pub fn field(&self, column: &str) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow::{Borrowed, Owned};
        Some(match column {
            "doc_id" => Borrowed(&self.doc_id),
            "outlet" => Borrowed(&self.outlet),
            "published" => Borrowed(&self.published),
            "kind" => Borrowed(self.kind.as_str()),
            "subtype" => Borrowed(&self.subtype),
            "text" => Borrowed(&self.text),
            "value" => Borrowed(&self.value),
            "value_max" => Borrowed(&self.value_max),
            "approx" => Borrowed(&self.approx),
            "unit" => Borrowed(&self.unit),
            "concept" => Borrowed(&self.concept),
            "speaker" => Borrowed(&self.speaker),
            "speaker_role" => Borrowed(&self.speaker_role),
            "cue" => Borrowed(&self.cue),
            "when" => Borrowed(&self.when),
            "when_text" => Borrowed(&self.when_text),
            "sentence" => Borrowed(&self.sentence),
            "start" => Owned(self.start.to_string()),
            "end" => Owned(self.end.to_string()),
            "rule" => Borrowed(&self.rule),
            "speaker_mention" => Borrowed(&self.speaker_mention),
            "source" => Borrowed(&self.source),
            "published_from" => Borrowed(&self.published_from),
            "cue_class" => Borrowed(&self.cue_class),
            "actor" => Borrowed(&self.actor),
            "outlet_from" => Borrowed(&self.outlet_from),
            "wire" => Borrowed(&self.wire),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_field() {
        let mut c = Claim::empty(Kind::Count);
        for col in COLUMNS {
            assert!(c.field(col).is_some(), "no field for column {col}");
            let settable = c.field_mut(col).is_some();
            assert_eq!(settable, !matches!(col, "kind" | "start" | "end"), "{col}");
        }
    }

    #[test]
    fn column_texts_follow_column_order() {
        let mut c = Claim::empty(Kind::Count);
        for (i, col) in COLUMNS.iter().enumerate() {
            if let Some(slot) = c.field_mut(col) {
                *slot = format!("cell {i}");
            }
        }
        c.start = 17;
        c.end = 18;
        let texts = c.column_texts("17", "18");
        for (col, text) in COLUMNS.iter().zip(texts) {
            assert_eq!(c.field(col).unwrap(), text, "{col}");
        }
    }

    #[test]
    fn serialized_keys_follow_column_order() {
        let json = serde_json::to_value(Claim::empty(Kind::Date)).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        // serde_json's map is sorted unless preserve_order; compare as sets, and
        // the CSV header test in tests/ checks the order of the written table.
        let mut want: Vec<&str> = COLUMNS.to_vec();
        want.sort();
        let mut got = keys.clone();
        got.sort();
        assert_eq!(got, want);
    }
}
