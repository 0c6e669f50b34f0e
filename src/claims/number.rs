//! Numbers as written in news: digits (`10,000`, `1.5`, `40 000`, `1.111,11`),
//! words (`ten thousand`, `two dozen`, `a hundred`, `twenty-five`), and both
//! mixed (`1.5 million`, `12k`), to an exact decimal value.
//!
//! The words and what they are worth come from the rules file (lexicons
//! `number_word`, `number_fraction`, `number_article`, `number_multiplier`, `number_abbreviation`,
//! `number_point`, `number_sign`, `number_filler`); this module composes them the way Duckling does: a
//! multiplier below a thousand (`hundred`, `dozen`) scales the small number
//! before it, a larger one (`thousand`, `million`) scales everything since the
//! last larger one.

use std::collections::HashMap;

use crate::model::Decimal;
use crate::rules::Rules;
use crate::rules::vocabulary::Lex;

/// What a number word does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// A value: `seven`, `twenty`.
    Value(Decimal),
    /// `a`, `an`: one when nothing comes before it ("a hundred"), else nothing
    /// ("half a dozen").
    Article,
    /// Scales what comes before: `hundred`, `dozen`, `thousand`, `k`.
    Multiplier(Decimal),
    /// `point`: the decimal point.
    Point,
    /// `minus`, `negative`.
    Minus,
    /// `and`: ignored.
    Filler,
}

/// The number vocabulary of a rule set, ready to parse with.
#[derive(Debug, Clone, Default)]
pub struct NumberWords {
    words: HashMap<String, Word>,
}

/// One token of a number phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Word(Word),
    /// A figure written in digits.
    Digits(Decimal),
}

impl NumberWords {
    /// Reads the number lexicons of a rule set; a missing lexicon adds no words.
    pub fn from_rules(rules: &Rules) -> NumberWords {
        let mut words = HashMap::new();
        let mut add = |lexicon: Lex, make: &dyn Fn(Option<&str>) -> Option<Word>| {
            for (phrase, value) in rules.lexicon(lexicon).entries() {
                if let Some(word) = make(value) {
                    words.insert(phrase.to_string(), word);
                }
            }
        };
        add(Lex::NumberWord, &|v| {
            Some(Word::Value(Decimal::parse_plain(v?)?))
        });
        add(Lex::NumberFraction, &|v| {
            Some(Word::Value(Decimal::parse_plain(v?)?))
        });
        add(Lex::NumberArticle, &|_| Some(Word::Article));
        add(Lex::NumberMultiplier, &|v| {
            Some(Word::Multiplier(Decimal::parse_plain(v?)?))
        });
        add(Lex::NumberAbbreviation, &|v| {
            Some(Word::Multiplier(Decimal::parse_plain(v?)?))
        });
        add(Lex::NumberPoint, &|_| Some(Word::Point));
        add(Lex::NumberSign, &|_| Some(Word::Minus));
        add(Lex::NumberFiller, &|_| Some(Word::Filler));
        NumberWords { words }
    }

    /// The value of a number phrase, or `None` if it is not one.
    pub fn parse(&self, text: &str) -> Option<Decimal> {
        let tokens = self.tokenize(text)?;
        compose(&tokens)
    }

    /// The scale a number phrase ends with ("thousand" in "five thousand",
    /// `k` in "20k"), and whether it has a scale anywhere.
    pub fn scale(&self, text: &str) -> (Option<Decimal>, bool) {
        let Some(tokens) = self.tokenize(text) else {
            return (None, false);
        };
        let is_scale = |t: &Token| matches!(t, Token::Word(Word::Multiplier(_)));
        let last = match tokens.last() {
            Some(Token::Word(Word::Multiplier(m))) => Some(*m),
            _ => None,
        };
        (last, tokens.iter().any(is_scale))
    }

    fn word(&self, w: &str) -> Option<Word> {
        self.words.get(&w.to_lowercase()).copied()
    }

    fn tokenize(&self, text: &str) -> Option<Vec<Token>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut tokens = Vec::new();
        let mut after_hyphen = false;
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
            } else if c.is_ascii_digit()
                || (c == '.' && chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit()))
            {
                // A hyphen joins words ("twenty-five"), never two figures in
                // digits: "5k-20k" is a range, not one number.
                if after_hyphen {
                    return None;
                }
                let end = digits_end(&chars, i);
                let end_pos = chars.get(end).map_or(text.len(), |(p, _)| *p);
                tokens.push(Token::Digits(parse_digits(&text[pos..end_pos])?));
                i = end;
            } else if c.is_alphabetic() {
                let mut end = i;
                while end < chars.len() && (chars[end].1.is_alphabetic() || chars[end].1 == '.') {
                    end += 1;
                }
                let end_pos = chars.get(end).map_or(text.len(), |(p, _)| *p);
                let word = &text[pos..end_pos];
                // "bln." and "mil." may carry a period; the word without it counts too.
                let found = self
                    .word(word)
                    .or_else(|| self.word(word.trim_end_matches('.')))?;
                tokens.push(Token::Word(found));
                i = end;
                after_hyphen = false;
            } else if matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2212}') {
                // A sign before anything else; a hyphen inside ("fifty-two").
                if tokens.is_empty() {
                    tokens.push(Token::Word(Word::Minus));
                } else {
                    after_hyphen = true;
                }
                i += 1;
                continue;
            } else {
                return None;
            }
        }
        Some(tokens)
    }
}

/// The end (exclusive char index) of a run of digits with separators: a comma
/// or period between digits, or a space before a group of exactly three
/// digits ("40 000", "1 234 567").
fn digits_end(chars: &[(usize, char)], start: usize) -> usize {
    let digit = |j: usize| chars.get(j).is_some_and(|(_, c)| c.is_ascii_digit());
    let separator = |i: usize, c: char| match c {
        ',' | '.' => digit(i + 1),
        ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => {
            i > start && (1..=3).all(|k| digit(i + k)) && !digit(i + 4)
        }
        _ => false,
    };
    let mut i = start;
    while i < chars.len() && (chars[i].1.is_ascii_digit() || separator(i, chars[i].1)) {
        i += 1;
    }
    i
}

/// Digits with separators to a value: `1,234,567`, `1 234 567`, `12,34,567.89`
/// (Indian grouping), `1.111,11` (decimal comma), `5,00`, `.08`.
fn parse_digits(s: &str) -> Option<Decimal> {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    let last_comma = s.rfind(',');
    let last_dot = s.rfind('.');
    let (grouping, decimal) = match (last_comma, last_dot) {
        (Some(c), Some(d)) if c > d => ('.', Some(',')),
        (Some(_), Some(_)) => (',', Some('.')),
        (Some(_), None) => {
            // One comma with one or two digits after it is a decimal comma.
            let after = s.len() - s.rfind(',')? - 1;
            if s.matches(',').count() == 1 && after < 3 {
                ('.', Some(','))
            } else {
                (',', None)
            }
        }
        (None, Some(_)) if s.matches('.').count() > 1 => ('.', None),
        (None, Some(_)) => (',', Some('.')),
        (None, None) => (',', None),
    };
    let (int, frac) = match decimal {
        Some(sep) => match s.rsplit_once(sep) {
            Some((i, f)) => (i.to_string(), f.to_string()),
            None => (s.clone(), String::new()),
        },
        None => (s.clone(), String::new()),
    };
    if int.contains(grouping) {
        let groups: Vec<&str> = int.split(grouping).collect();
        let last = groups.len() - 1;
        // Western groups of three, or Indian groups of two before the last three.
        let well_placed = (1..=3).contains(&groups[0].len())
            && groups[1..]
                .iter()
                .enumerate()
                .all(|(k, g)| g.len() == 3 || (g.len() == 2 && k + 1 < last));
        if !well_placed {
            return None;
        }
    }
    let int: String = int.chars().filter(|&c| c != grouping).collect();
    if frac.contains([',', '.']) {
        return None;
    }
    Decimal::parse_plain(format!("{int}.{frac}").trim_end_matches('.'))
}

/// Composes tokens into one value (see the module docs).
fn compose(tokens: &[Token]) -> Option<Decimal> {
    let mut negative = false;
    let mut total = Decimal::ZERO;
    // Below the last large multiplier: whole hundreds, and the small rest.
    let mut high = Decimal::ZERO;
    let mut low = Decimal::ZERO;
    let mut seen_value = false;
    let mut last_was_large = false;
    // The value token just before, if the token before was one.
    let mut previous_value: Option<Decimal> = None;
    let mut fraction: Option<Vec<Decimal>> = None;
    // An article counts only before a multiplier: "a hundred", never "a two".
    let article_without_multiplier =
        tokens.windows(2).any(|pair| {
            matches!(pair[0], Token::Word(Word::Article))
                && !matches!(pair[1], Token::Word(Word::Multiplier(_)))
        }) || matches!(tokens.last(), Some(Token::Word(Word::Article)));
    if article_without_multiplier {
        return None;
    }
    for token in tokens {
        let mut large = false;
        match token {
            Token::Word(Word::Filler) => continue,
            Token::Word(Word::Minus) if !seen_value && !negative => negative = true,
            Token::Word(Word::Minus) => return None,
            Token::Word(Word::Point) if fraction.is_none() => fraction = Some(Vec::new()),
            Token::Word(Word::Point) => return None,
            Token::Word(Word::Article) => {
                if fraction.is_some() {
                    return None;
                }
                if low.is_zero() && high.is_zero() {
                    low = Decimal::ONE;
                }
            }
            Token::Word(Word::Value(v)) | Token::Digits(v) => {
                if let Some(digits) = fraction.as_mut() {
                    digits.push(*v);
                    continue;
                }
                // Two values in a row only as tens and units: "twenty-five",
                // never "10,000-12,000" (a range) or "one two".
                if previous_value.is_some_and(|p| !(p.is_tens() && v.is_digit() && !v.is_zero())) {
                    return None;
                }
                low = low.checked_add(*v)?;
                seen_value = true;
                previous_value = Some(*v);
                continue;
            }
            Token::Word(Word::Multiplier(m)) => {
                let m = *m;
                if fraction.is_some() {
                    return None;
                }
                let small_multiplier = m < Decimal::from_int(1000);
                if small_multiplier {
                    let base = if low.is_zero() { Decimal::ONE } else { low };
                    let scaled = base.checked_mul(m)?;
                    if m >= Decimal::from_int(100) {
                        high = high.checked_add(scaled)?;
                        low = Decimal::ZERO;
                    } else {
                        low = scaled;
                    }
                } else {
                    let group = high.checked_add(low)?;
                    if group.is_zero() && last_was_large {
                        // "three lakh crore": a large multiplier of a large multiplier.
                        total = total.checked_mul(m)?;
                    } else {
                        let base = if group.is_zero() { Decimal::ONE } else { group };
                        total = total.checked_add(base.checked_mul(m)?)?;
                    }
                    high = Decimal::ZERO;
                    low = Decimal::ZERO;
                    large = true;
                }
                seen_value = true;
            }
        }
        last_was_large = large;
        previous_value = None;
    }
    if !seen_value {
        return None;
    }
    let mut value = total.checked_add(high)?.checked_add(low)?;
    if let Some(digits) = fraction {
        value = value.checked_add(fraction_value(&digits)?)?;
    }
    Some(if negative { value.negated() } else { value })
}

/// The value of the words after "point": each word is a run of digits
/// ("zero three" is .03, "seventy-one" is .71, "eleven" is .11).
fn fraction_value(words: &[Decimal]) -> Option<Decimal> {
    let mut digits = String::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.is_tens()
            && words
                .get(i + 1)
                .is_some_and(|u| u.is_digit() && !u.is_zero())
        {
            digits.push_str(&w.checked_add(words[i + 1])?.to_string());
            i += 2;
            continue;
        }
        if !w.is_natural() {
            return None;
        }
        digits.push_str(&w.to_string());
        i += 1;
    }
    if digits.is_empty() {
        return None;
    }
    Decimal::parse_plain(&format!(".{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn parse(s: &str) -> Option<String> {
        let words = NumberWords::from_rules(&Rules::embedded().unwrap());
        words.parse(s).map(|d| d.to_string())
    }

    #[test]
    fn digits() {
        for (text, want) in [
            ("10,000", "10000"),
            ("10000", "10000"),
            ("1,234,567", "1234567"),
            ("1.5", "1.5"),
            ("4.800", "4.8"),
            (".08", "0.08"),
            ("40 000", "40000"),
            ("1 234 567", "1234567"),
            ("12,34,567.89", "1234567.89"),
            ("1.111,11", "1111.11"),
            ("5,00", "5"),
            ("0000", "0"),
            ("-9.5", "-9.5"),
        ] {
            assert_eq!(parse(text).as_deref(), Some(want), "{text}");
        }
        for bad in ["10,00,0", "1,0000", "", "1..2", "abc", "10,000,00"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn words_and_mixed() {
        for (text, want) in [
            ("ten thousand", "10000"),
            ("two dozen", "24"),
            ("a hundred", "100"),
            ("twenty-five", "25"),
            ("fifty - two", "52"),
            ("one hundred and sixty-one", "161"),
            ("three hundred and two dozens", "324"),
            ("half a dozen", "6"),
            ("two hundred and two thousand", "202000"),
            ("two thousand and two hundred", "2200"),
            ("twenty-one trillion and three hundred", "21000000000300"),
            ("1.5 million", "1500000"),
            ("3 million", "3000000"),
            ("12k", "12000"),
            ("2.33 k", "2330"),
            ("322 hundred", "32200"),
            ("4 thousand 3 hundred and 21", "4321"),
            ("three lakh crore", "3000000000000"),
            ("two hundred point zero three", "200.03"),
            ("two hundred point seventy-one", "200.71"),
            ("minus five point five", "-5.5"),
            ("nearly a million", ""),
        ] {
            let got = parse(text).unwrap_or_default();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn decimals_are_exact() {
        let d = Decimal::parse_plain("0.1").unwrap();
        let sum = d.checked_add(Decimal::parse_plain("0.2").unwrap()).unwrap();
        assert_eq!(sum.to_string(), "0.3");
        assert_eq!(
            Decimal::parse_plain("1.674")
                .unwrap()
                .checked_mul(Decimal::from_int(1000))
                .unwrap()
                .to_string(),
            "1674"
        );
        assert_eq!(Decimal::parse_plain("-0.08").unwrap().to_string(), "-0.08");
        assert!(Decimal::from_int(5) > Decimal::parse_plain("4.99").unwrap());
    }
}
