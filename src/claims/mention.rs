//! Mentions of people and bodies in an article's own voice (outside quotation
//! marks), each with its canonical form, so that "he", "she", "it" and a bare
//! surname can be resolved to who they stand for.
//!
//! A person is a run of two or more name words ("Sabrina Singh", "Cho
//! Tae-yul"), or one name word that is the last or first word of a person named
//! earlier ("Singh", "Cho"). A run that is a place from the `place` lexicon, or
//! that stands before a role ("South Korean Foreign Minister ..."), is not a
//! person. Gender comes from the `given_name` lexicon and from gendered words
//! before the name (`gender_word`: "spokeswoman", "Mr."); unknown agrees with
//! both pronouns. A body is a phrase that ends in a `body_noun` ("the Ukrainian
//! Foreign Ministry", "the U.S. government"); a shorter form ("the Foreign
//! Ministry") resolves to the longer one named earlier.

use std::collections::HashMap;
use std::ops::Range;

use crate::rules::{Lexicon, Rules};
use crate::text::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    pub(crate) fn parse(s: &str) -> Gender {
        match s {
            "male" => Gender::Male,
            "female" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// Whether a mention of this gender can be what a pronoun of `other` means.
    pub(crate) fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Referent {
    /// A person, with the role nouns written just before the name
    /// ("spokeswoman" in "Pentagon spokeswoman Sabrina Singh"), lowercase.
    Person(Gender, Vec<String>),
    Body,
    /// A statement, named by who issued it: "Cho and Borrell issued a joint
    /// statement" is "Cho Tae-yul and Josep Borrell".
    Statement,
}

/// One mention, in normalized coordinates.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub span: Range<usize>,
    pub paragraph: usize,
    /// The canonical form: the full name or the longest form of the body.
    pub name: String,
    pub referent: Referent,
}

/// The rules' word lists that mentions are read with.
pub(crate) struct Words<'r> {
    role_nouns: Option<&'r Lexicon>,
    role_modifiers: Option<&'r Lexicon>,
    not_names: Option<&'r Lexicon>,
    possessives: Option<&'r Lexicon>,
    places: Option<&'r Lexicon>,
    body_nouns: Option<&'r Lexicon>,
    given_names: Option<&'r Lexicon>,
    gender_words: Option<&'r Lexicon>,
    /// The first words of the body nouns, lowercase.
    body_starts: rustc_hash::FxHashSet<String>,
    issue_verbs: Option<&'r Lexicon>,
}

impl<'r> Words<'r> {
    pub(crate) fn from_rules(rules: &'r Rules) -> Words<'r> {
        Words {
            role_nouns: rules.lexicon("role_noun"),
            role_modifiers: rules.lexicon("role_modifier"),
            not_names: rules.lexicon("not_name"),
            possessives: rules.lexicon("possessive_suffix"),
            places: rules.lexicon("place"),
            body_nouns: rules.lexicon("body_noun"),
            given_names: rules.lexicon("given_name"),
            gender_words: rules.lexicon("gender_word"),
            issue_verbs: rules.lexicon("issue_verb"),
            body_starts: rules
                .lexicon("body_noun")
                .into_iter()
                .flat_map(Lexicon::entries)
                .filter_map(|(entry, _)| entry.split(' ').next().map(str::to_string))
                .collect(),
        }
    }

    fn has(lexicon: Option<&Lexicon>, w: &str) -> bool {
        lexicon.is_some_and(|l| l.contains(w))
    }

    pub(crate) fn is_role_noun(&self, w: &str) -> bool {
        Self::has(self.role_nouns, w)
    }

    fn is_role(&self, w: &str) -> bool {
        Self::has(self.role_nouns, w) || Self::has(self.role_modifiers, w)
    }

    /// The word without a possessive ending, and whether it had one.
    fn strip_possessive<'w>(&self, w: &'w str) -> (&'w str, bool) {
        for (suffix, _) in self.possessives.into_iter().flat_map(Lexicon::entries) {
            if let Some(stem) = w.strip_suffix(suffix) {
                return (stem, true);
            }
        }
        (w, false)
    }

    fn is_name_word(&self, w: &str) -> bool {
        is_name_word(w) && !self.is_role(w) && !Self::has(self.not_names, w)
    }

    fn gender_of(&self, given: &str, before: &[&str]) -> Gender {
        let from_name = self
            .given_names
            .and_then(|l| l.value_of(given))
            .map(Gender::parse);
        let from_role = before
            .iter()
            .rev()
            .find_map(|w| self.gender_words.and_then(|l| l.value_of(w)))
            .map(Gender::parse);
        from_name.or(from_role).unwrap_or(Gender::Unknown)
    }
}

/// A capitalized word that can be part of a name: `Sabrina`, `Tae-yul`, `O'Brien`.
pub(crate) fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// The ranges of a paragraph's text that are inside quotation marks
/// (normalized to `"`): marks pair up in order, and an unpaired last one
/// quotes to the paragraph's end.
pub(crate) fn quoted_ranges(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let marks: Vec<usize> = text[para.clone()]
        .match_indices('"')
        .map(|(i, _)| para.start + i)
        .collect();
    marks
        .chunks(2)
        .map(|pair| pair[0]..pair.get(1).map_or(para.end, |end| end + 1))
        .collect()
}

/// A word of the text with its range, trailing punctuation removed.
struct Token<'a> {
    word: &'a str,
    range: Range<usize>,
    /// Punctuation followed the word: a name or a body ends there.
    ends_phrase: bool,
}

fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let mut offset = 0;
    for raw in slice.split(char::is_whitespace) {
        let start = range.start + offset;
        offset += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let word = raw.trim_end_matches([',', '.', ';', ':', ')', '?', '!']);
        // "U.S." keeps its last period: a word of capitals and periods.
        let word = if raw.ends_with('.') && word.contains('.') {
            &raw[..word.len() + 1]
        } else {
            word
        };
        let word = word.trim_start_matches('(');
        if word.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches('(').len();
        out.push(Token {
            word,
            range: start + lead..start + lead + word.len(),
            ends_phrase: raw.len() > word.len() + lead,
        });
    }
    out
}

/// Every person and body mentioned outside quotation marks in `paragraphs`, in
/// text order, with canonical forms resolved as they are met.
pub(crate) fn find(doc: &Document, paragraphs: Range<usize>, words: &Words) -> Vec<Mention> {
    let text = doc.text();
    let mut out: Vec<Mention> = Vec::new();
    // Last and first words of full names, and bodies' shorter forms, to the
    // canonical form met last.
    let mut by_last: HashMap<String, (String, Gender)> = HashMap::new();
    let mut by_first: HashMap<String, (String, Gender)> = HashMap::new();
    let mut bodies: Vec<String> = Vec::new();
    for k in paragraphs {
        let para = &doc.paragraphs[k];
        if para.boilerplate {
            continue;
        }
        // Quoted ranges are in order and do not overlap: the only one that can
        // hold a token is the last one starting before the token ends.
        let quoted = quoted_ranges(text, para.range.clone());
        let inside = |r: &Range<usize>| {
            let k = quoted.partition_point(|q| q.start < r.end);
            k > 0 && quoted[k - 1].end > r.start
        };
        let toks = tokens(text, para.range.clone());
        let mut i = 0;
        while i < toks.len() {
            if inside(&toks[i].range) {
                i += 1;
                continue;
            }
            // A body: the longest phrase that ends in a body noun here.
            if let Some((start, end)) = body_at(&toks, i, words) {
                let span = toks[start].range.start..toks[end].range.end;
                let phrase = body_name(&text[span.clone()]);
                // A shorter form of two or more words ("the Foreign Ministry")
                // or a common noun ("the ministry") is the longer body named
                // before; one name ("NATO") is itself.
                let bare = phrase.trim_start_matches("the ");
                let common = !bare.contains(char::is_uppercase);
                let name = bodies
                    .iter()
                    .rev()
                    .filter(|_| common || bare.contains(' '))
                    .find(|b| {
                        b.len() > phrase.len()
                            && match common {
                                true => ends_with_words(&b.to_lowercase(), bare),
                                false => ends_with_words(b, &phrase),
                            }
                    })
                    .cloned()
                    .unwrap_or(phrase);
                if !bodies.contains(&name) {
                    bodies.push(name.clone());
                }
                out.push(Mention {
                    span,
                    paragraph: k,
                    name,
                    referent: Referent::Body,
                });
                i = end + 1;
                continue;
            }
            // A person: a run of name words.
            let mut end = i;
            let mut names: Vec<&str> = Vec::new();
            while end < toks.len() && !inside(&toks[end].range) {
                // Most words are lowercase: no name, whatever their ending.
                if !toks[end].word.starts_with(char::is_uppercase) {
                    break;
                }
                let (stem, possessive) = words.strip_possessive(toks[end].word);
                if !words.is_name_word(stem) {
                    break;
                }
                names.push(stem);
                end += 1;
                if possessive || toks[end - 1].ends_phrase {
                    break;
                }
            }
            if names.is_empty() {
                i += 1;
                continue;
            }
            let before_role = toks.get(end).is_some_and(|t| words.is_role(t.word));
            let place = names.iter().any(|w| Words::has(words.places, w))
                || Words::has(words.places, &names.join(" "));
            let span = toks[i].range.start..toks[end - 1].range.end;
            let context: Vec<&str> = toks[i.saturating_sub(4)..i]
                .iter()
                .map(|t| t.word)
                .collect();
            let roles: Vec<String> = context
                .iter()
                .rev()
                .take_while(|w| words.is_role(w) || is_name_word(w) || w.contains('.'))
                .filter(|w| words.is_role_noun(w))
                .map(|w| w.to_lowercase())
                .collect();
            let person = match names.len() {
                _ if before_role || place => None,
                1 => by_last
                    .get(names[0])
                    .or_else(|| by_first.get(names[0]))
                    .cloned(),
                _ => {
                    let full = names.join(" ");
                    let gender = words.gender_of(names[0], &context);
                    by_last.insert(names[names.len() - 1].to_string(), (full.clone(), gender));
                    by_first.insert(names[0].to_string(), (full.clone(), gender));
                    Some((full, gender))
                }
            };
            if let Some((name, gender)) = person {
                out.push(Mention {
                    span,
                    paragraph: k,
                    name,
                    referent: Referent::Person(gender, roles),
                });
            }
            i = end;
        }
        statements(doc, k, &toks, words, &mut out);
    }
    out
}

/// Statements and who issued them: "X and Y issued a joint statement" adds a
/// statement mention named after the people and bodies mentioned before the
/// verb in the same sentence. The verbs are the `issue_verb` lexicon.
fn statements(doc: &Document, k: usize, toks: &[Token], words: &Words, out: &mut Vec<Mention>) {
    let Some(verbs) = words.issue_verbs else {
        return;
    };
    let para = &doc.paragraphs[k];
    for (j, tok) in toks.iter().enumerate() {
        if !verbs.contains(tok.word) {
            continue;
        }
        // "a (joint | strongly worded ...) statement", a few words on.
        let Some(noun) = toks[j + 1..toks.len().min(j + 6)]
            .iter()
            .find(|t| t.word.eq_ignore_ascii_case("statement"))
        else {
            continue;
        };
        let sentence_start = para
            .sentences
            .partition_point(|s| s.start <= tok.range.start)
            .checked_sub(1)
            .map_or(para.range.start, |s| para.sentences[s].start);
        let mut issuers: Vec<String> = Vec::new();
        for m in out.iter().rev() {
            if m.paragraph != k || m.span.end <= sentence_start {
                break;
            }
            if m.span.end <= tok.range.start
                && m.referent != Referent::Statement
                && !issuers.contains(&m.name)
            {
                issuers.push(m.name.clone());
            }
        }
        if issuers.is_empty() {
            continue;
        }
        issuers.reverse();
        out.push(Mention {
            span: noun.range.clone(),
            paragraph: k,
            name: issuers.join(" and "),
            referent: Referent::Statement,
        });
    }
}

/// A body phrase ending at token `i` or at the few tokens after it (body nouns
/// may be several words: "White House"): its first and last token.
fn body_at(toks: &[Token], i: usize, words: &Words) -> Option<(usize, usize)> {
    let nouns = words.body_nouns?;
    // Most words start no body noun: look further only for those that do.
    let word = toks[i].word;
    let starts = crate::rules::lexicon::with_key(word, |key| words.body_starts.contains(key));
    if !starts {
        return None;
    }
    // The longest body noun that starts at token i.
    let end = (i..toks.len().min(i + 4)).rev().find(|&j| {
        let phrase: Vec<&str> = toks[i..=j].iter().map(|t| t.word).collect();
        nouns.contains(&phrase.join(" ")) && !toks[i..j].iter().any(|t| t.ends_phrase)
    })?;
    // A body before a role is part of the role: "EU foreign policy chief",
    // "Pentagon spokeswoman".
    if !toks[end].ends_phrase && toks.get(end + 1).is_some_and(|t| words.is_role(t.word)) {
        return None;
    }
    // Walk back over capitalized words (a few: a body's name is short) and a
    // leading "the".
    let mut start = i;
    while start > 0 && i - start < 8 {
        let prev = &toks[start - 1];
        let (stem, _) = words.strip_possessive(prev.word);
        let capital = stem.chars().next().is_some_and(char::is_uppercase)
            && !Words::has(words.not_names, stem);
        if prev.ends_phrase || !(capital || Words::has(words.role_modifiers, stem)) {
            break;
        }
        start -= 1;
    }
    if start > 0 && toks[start - 1].word.eq_ignore_ascii_case("the") && !toks[start - 1].ends_phrase
    {
        start -= 1;
    }
    // A lowercase noun alone ("the ministry", "government") is a body only
    // with a determiner or a capitalized word before it.
    let capitalized = toks[start..=end]
        .iter()
        .any(|t| t.word.chars().next().is_some_and(char::is_uppercase));
    (capitalized || start < i).then_some((start, end))
}

/// A body's canonical spelling: a leading "The" written as "the".
fn body_name(phrase: &str) -> String {
    match phrase.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => phrase.to_string(),
    }
}

/// Whether `long` ends with the words of `short`, ignoring a leading "the".
fn ends_with_words(long: &str, short: &str) -> bool {
    let short = short.strip_prefix("the ").unwrap_or(short);
    long.ends_with(short)
        && long[..long.len() - short.len()]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace)
}
