//! Figures: a number with what qualifies it, as a count rule captures it.
//! "as many as 10,000", "about 10,000 to 12,000", "between 20 and 30",
//! "more than 500", "500 or more", "larger than 20 and less than 35".
//!
//! The phrases come from the rules file: `qualifier` (phrase = class:
//! `approximate`, `at_most`, `at_least`, `exact`), `range_start` (`between`,
//! `from`), `range_connector` (`to`, `-`, `or`, `and`), `range_joiner` (`and`,
//! `but`, `,` between two bounds), `range_suffix`
//! (`or more` = `at_least`; an empty value keeps the class).

use super::number::NumberWords;
use crate::model::{Approx, Decimal};
use crate::rules::Rules;
use crate::rules::vocabulary::Lex;

/// The longest figure phrase read, in bytes; a longer one leaves `value` empty.
const MAX_FIGURE: usize = 120;

/// A reported figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The figure, or the lower end of a range; `None` for an upper bound only
    /// stated with a lower one ("less than 35" alone has value 35).
    pub value: Decimal,
    /// The upper end of a range.
    pub value_max: Option<Decimal>,
    /// From the qualifier.
    pub approx: Approx,
}

impl Figure {
    /// The interval the figure allows: (lower, upper), either open-ended.
    pub fn bounds(&self) -> (Option<Decimal>, Option<Decimal>) {
        match (self.approx, self.value_max) {
            (_, Some(max)) => (Some(self.value), Some(max)),
            (Approx::AtLeast, None) => (Some(self.value), None),
            (Approx::AtMost, None) => (None, Some(self.value)),
            _ => (Some(self.value), Some(self.value)),
        }
    }
}

/// The vocabulary of figures: numbers and the phrases around them.
#[derive(Debug, Clone, Default)]
pub struct FigureWords {
    pub numbers: NumberWords,
    /// (phrase, class), longest first.
    qualifiers: Vec<(String, Approx)>,
    /// (phrase, class), longest first; no class keeps the qualifier's.
    suffixes: Vec<(String, Option<Approx>)>,
    starts: Vec<String>,
    connectors: Vec<String>,
    joiners: Vec<String>,
}

/// Lexicon entries as (phrase, value), longest phrase first.
fn entries(rules: &Rules, lexicon: Lex) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = rules
        .lexicon(lexicon)
        .entries()
        .map(|(k, v)| (k.to_string(), v.unwrap_or("").to_string()))
        .collect();
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    out
}

impl FigureWords {
    pub fn from_rules(rules: &Rules) -> FigureWords {
        FigureWords {
            numbers: NumberWords::from_rules(rules),
            qualifiers: entries(rules, Lex::Qualifier)
                .into_iter()
                .filter_map(|(phrase, class)| Some((phrase, class.parse().ok()?)))
                .collect(),
            suffixes: entries(rules, Lex::RangeSuffix)
                .into_iter()
                .map(|(phrase, class)| (phrase, class.parse().ok()))
                .collect(),
            starts: entries(rules, Lex::RangeStart)
                .into_iter()
                .map(|e| e.0)
                .collect(),
            connectors: entries(rules, Lex::RangeConnector)
                .into_iter()
                .map(|e| e.0)
                .collect(),
            joiners: entries(rules, Lex::RangeJoiner)
                .into_iter()
                .map(|e| e.0)
                .collect(),
        }
    }

    /// Reads a figure phrase; `None` if it holds no readable number.
    pub fn parse(&self, text: &str) -> Option<Figure> {
        // Real figure phrases are short; a long run of number words ("one and
        // one and ...") would make the splits below cost the cube of its length.
        if text.len() > MAX_FIGURE {
            return None;
        }
        let text = normalize(text);
        if let Some(figure) = self.single(&text) {
            return Some(figure);
        }
        // Two bounds joined: "larger than 20 and less than 35".
        for word in &self.joiners {
            // "and" stands between spaces; "," is followed by one.
            let joiner = match word.chars().all(char::is_alphabetic) {
                true => format!(" {word} "),
                false => format!("{word} "),
            };
            for (pos, _) in text.match_indices(joiner.as_str()) {
                let (left, right) = (&text[..pos], &text[pos + joiner.len()..]);
                if let (Some(a), Some(b)) = (self.single(left), self.single(right)) {
                    return combine(a, b);
                }
            }
        }
        None
    }

    /// One qualified figure or range.
    fn single(&self, text: &str) -> Option<Figure> {
        let (class, rest) = match strip_phrase(text, &self.qualifiers) {
            Some((class, rest)) => (Some(class), rest),
            None => (None, text),
        };
        let (rest, suffix_class) = match self.suffixes.iter().find(|(s, _)| ends_with_word(rest, s))
        {
            Some((s, c)) => (rest[..rest.len() - s.len()].trim_end(), *c),
            None => (rest, None),
        };
        let approx = suffix_class.or(class).unwrap_or(Approx::Exact);
        if let Some(value) = self.numbers.parse(rest) {
            return Some(Figure {
                value,
                value_max: None,
                approx,
            });
        }
        // A range: "[between|from] A (and|to|-|or) B".
        let body = self
            .starts
            .iter()
            .find_map(|s| {
                rest.strip_prefix(s.as_str())
                    .and_then(|r| r.strip_prefix(' '))
            })
            .unwrap_or(rest);
        for connector in &self.connectors {
            for (pos, _) in body.match_indices(connector.as_str()) {
                let (left, right) = (&body[..pos], &body[pos + connector.len()..]);
                let word_connector = connector.chars().all(char::is_alphabetic);
                if word_connector && !(left.ends_with(' ') && right.starts_with(' ')) {
                    continue;
                }
                if let (Some(a), Some(b)) = (self.numbers.parse(left), self.numbers.parse(right)) {
                    return Some(Figure {
                        value: self.shared_scale(left, a, right, b),
                        value_max: Some(b),
                        approx,
                    });
                }
            }
        }
        // A start with no end is no range: "up from 900 troops" is 900.
        let value = self
            .numbers
            .parse(body)
            .filter(|_| body.len() < rest.len())?;
        Some(Figure {
            value,
            value_max: None,
            approx,
        })
    }
}

impl FigureWords {
    /// The lower end of a range whose scale is written once, after the upper
    /// end: "four to five thousand" is 4,000 to 5,000, "5-20k" 5,000 to
    /// 20,000. The scale is shared when the lower end has none and takes it
    /// without passing the upper end ("500 to 2 million" stays 500).
    fn shared_scale(&self, left: &str, low: Decimal, right: &str, high: Decimal) -> Decimal {
        let (Some(scale), false) = (self.numbers.scale(right).0, self.numbers.scale(left).1) else {
            return low;
        };
        match low.checked_mul(scale) {
            Some(scaled) if scaled <= high => scaled,
            _ => low,
        }
    }
}

/// Lowercase, one space between words, plain dashes.
fn normalize(text: &str) -> String {
    let dashed: String = text
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    dashed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The longest phrase that opens `text` as whole words (or as a symbol: `>=`).
fn strip_phrase<'t>(text: &'t str, phrases: &[(String, Approx)]) -> Option<(Approx, &'t str)> {
    phrases.iter().find_map(|(phrase, class)| {
        let rest = text.strip_prefix(phrase.as_str())?;
        let symbol = !phrase.ends_with(|c: char| c.is_alphanumeric());
        (symbol || rest.is_empty() || rest.starts_with(' ')).then(|| (*class, rest.trim_start()))
    })
}

fn ends_with_word(text: &str, phrase: &str) -> bool {
    text.strip_suffix(phrase)
        .is_some_and(|before| before.ends_with(' ') || before.is_empty())
}

/// Two one-sided bounds as one range: a lower and an upper bound.
fn combine(a: Figure, b: Figure) -> Option<Figure> {
    let (a_lo, a_hi) = a.bounds();
    let (b_lo, b_hi) = b.bounds();
    let lo = a_lo
        .filter(|_| a_hi.is_none())
        .or(b_lo.filter(|_| b_hi.is_none()))?;
    let hi = a_hi
        .filter(|_| a_lo.is_none())
        .or(b_hi.filter(|_| b_lo.is_none()))?;
    Some(Figure {
        value: lo,
        value_max: Some(hi),
        approx: Approx::Exact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(text: &str) -> Option<(String, String, String)> {
        let words = FigureWords::from_rules(&Rules::embedded().unwrap());
        words.parse(text).map(|f| {
            (
                f.value.to_string(),
                f.value_max.map(|m| m.to_string()).unwrap_or_default(),
                f.approx.to_string(),
            )
        })
    }

    fn want(v: &str, max: &str, approx: &str) -> Option<(String, String, String)> {
        Some((v.into(), max.into(), approx.into()))
    }

    #[test]
    fn qualified_figures_and_ranges() {
        assert_eq!(figure("as many as 10,000"), want("10000", "", "at_most"));
        assert_eq!(
            figure("about 10,000 to 12,000"),
            want("10000", "12000", "approximate")
        );
        assert_eq!(figure("10,000-12,000"), want("10000", "12000", "exact"));
        assert_eq!(figure("10,000 – 12,000"), want("10000", "12000", "exact"));
        assert_eq!(
            figure("between 10,000 and 12,000"),
            want("10000", "12000", "exact")
        );
        assert_eq!(figure("10,000 or 12,000"), want("10000", "12000", "exact"));
        assert_eq!(figure("from 900"), want("900", "", "exact"));
        assert_eq!(figure("more than 500"), want("500", "", "at_least"));
        assert_eq!(figure("500 or more"), want("500", "", "at_least"));
        assert_eq!(
            figure("nearly a million"),
            want("1000000", "", "approximate")
        );
        assert_eq!(
            figure("an estimated 1.5 million"),
            want("1500000", "", "approximate")
        );
        assert_eq!(figure("some 10,000"), want("10000", "", "approximate"));
        assert_eq!(figure("twenty-five"), want("25", "", "exact"));
        assert_eq!(
            figure("larger than twenty and less or equal than thirty five"),
            want("20", "35", "exact")
        );
        assert_eq!(
            figure("one thousand and five hundred"),
            want("1500", "", "exact")
        );
        assert_eq!(
            figure("from one thousand to one thousand and five hundred"),
            want("1000", "1500", "exact")
        );
        assert_eq!(figure("more than"), None);
        assert_eq!(figure("troops"), None);
    }
}
