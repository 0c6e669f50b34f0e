//! Mentions of people and bodies in an article's own voice (outside quotation
//! marks), each with its canonical form, so that "he", "she", "it" and a bare
//! surname can be resolved to who they stand for.
//!
//! A person is a run of two or more name words ("Sabrina Singh", "Cho
//! Tae-yul", "Maria L. Santos"), or one name word that is the last or first
//! word of a person named earlier ("Singh", "Cho"). A run that is a place from
//! the `place` lexicon, that stands before a role ("South Korean Foreign
//! Minister ..."), after "the" ("the Supreme Court"), or after a
//! `place_preposition` ("in Battle Creek"), is not a person.
//! Gender comes from the `given_name` lexicon and from gendered words before
//! the name (`gender_word`: "spokeswoman", "Mr."); unknown agrees with
//! both pronouns. A body is a phrase that ends in a `body_noun` ("the Ukrainian
//! Foreign Ministry", "the U.S. government"); a shorter form ("the Foreign
//! Ministry") resolves to the longer one named earlier.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::rules::vocabulary::{self, Lex};
use crate::rules::{Lexicon, Rules};
use crate::text::{Document, for_each_piece, is_title_case};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    /// A gender as a lexicon's value gives it.
    pub(crate) fn parse(s: &str) -> Gender {
        match s.parse() {
            Ok(vocabulary::Gender::Male) => Gender::Male,
            Ok(vocabulary::Gender::Female) => Gender::Female,
            Err(_) => Gender::Unknown,
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

/// What a single word is to the mention finder, as bits: read once per word
/// from one table, instead of one lookup per word list.
mod class {
    pub const ROLE_NOUN: u16 = 1;
    pub const ROLE_MODIFIER: u16 = 1 << 1;
    pub const NOT_NAME: u16 = 1 << 2;
    pub const PLACE: u16 = 1 << 3;
    /// The first word of a `body_noun` entry.
    pub const BODY_START: u16 = 1 << 4;
    /// A `body_noun` entry of one word.
    pub const BODY_NOUN: u16 = 1 << 12;
    /// The last word of a `body_noun` entry of several words.
    pub const BODY_END: u16 = 1 << 13;
    pub const ISSUE_VERB: u16 = 1 << 5;
    /// A `given_name`, by its value: male, female, or another value.
    pub const GIVEN_MALE: u16 = 1 << 6;
    pub const GIVEN_FEMALE: u16 = 1 << 7;
    pub const GIVEN_OTHER: u16 = 1 << 8;
    /// A `gender_word`, by its value.
    pub const GENDER_MALE: u16 = 1 << 9;
    pub const GENDER_FEMALE: u16 = 1 << 10;
    pub const GENDER_OTHER: u16 = 1 << 11;
    /// A `company_suffix`.
    pub const COMPANY_SUFFIX: u16 = 1 << 14;
    /// A `place_preposition`.
    pub const PLACE_PREPOSITION: u16 = 1 << 15;
    pub const GIVEN: u16 = GIVEN_MALE | GIVEN_FEMALE | GIVEN_OTHER;
    pub const ROLE: u16 = ROLE_NOUN | ROLE_MODIFIER;
}

/// Which word of a lexicon's entries gives a class.
#[derive(Clone, Copy)]
enum Part {
    /// Entries of one word.
    Whole,
    /// The first word of every entry.
    First,
    /// The last word of entries of several words.
    Last,
}

/// The rules' word lists that mentions are read with, built once per rule
/// set: the classes of single words in one table, and the lexicons of phrases
/// (places and bodies of several words).
#[derive(Debug, Clone)]
pub(crate) struct Words {
    /// Single words, folded as lexicon keys, to their classes.
    classes: FxHashMap<Box<[u8]>, u16>,
    possessives: Vec<String>,
    places: Lexicon,
    body_nouns: Lexicon,
    company_suffixes: Lexicon,
    /// "the": before a role noun, or opening a body's name.
    articles: Lexicon,
    /// What an `issue_verb` issues: "statement".
    statements: Lexicon,
    /// The word that joins joint issuers: "and".
    conjunction: String,
    /// The most words in a `body_noun` entry: no longer phrase is one.
    body_noun_words: usize,
}

impl Words {
    pub(crate) fn from_rules(rules: &Rules) -> Words {
        let mut classes: FxHashMap<Box<[u8]>, u16> = FxHashMap::default();
        let mut add = |lexicon: Lex, class_of: &dyn Fn(Option<&str>) -> u16, part: Part| {
            for (entry, value) in rules.lexicon(lexicon).entries() {
                let several = entry.contains(' ');
                let word = match part {
                    Part::First => entry.split(' ').next().unwrap_or(entry),
                    Part::Last if several => entry.rsplit(' ').next().unwrap_or(entry),
                    Part::Whole if !several => entry,
                    Part::Last | Part::Whole => continue,
                };
                *classes.entry(word.as_bytes().into()).or_default() |= class_of(value);
            }
        };
        let by_gender = |male, female, other| {
            // An entry without a value says nothing of gender.
            move |value: Option<&str>| match value.map(Gender::parse) {
                Some(Gender::Male) => male,
                Some(Gender::Female) => female,
                Some(Gender::Unknown) => other,
                None => 0,
            }
        };
        add(Lex::RoleNoun, &|_| class::ROLE_NOUN, Part::Whole);
        add(Lex::RoleModifier, &|_| class::ROLE_MODIFIER, Part::Whole);
        add(Lex::NotName, &|_| class::NOT_NAME, Part::Whole);
        add(Lex::Place, &|_| class::PLACE, Part::Whole);
        add(Lex::BodyNoun, &|_| class::BODY_START, Part::First);
        add(Lex::BodyNoun, &|_| class::BODY_NOUN, Part::Whole);
        add(Lex::BodyNoun, &|_| class::BODY_END, Part::Last);
        add(Lex::IssueVerb, &|_| class::ISSUE_VERB, Part::Whole);
        add(Lex::CompanySuffix, &|_| class::COMPANY_SUFFIX, Part::Whole);
        add(
            Lex::PlacePreposition,
            &|_| class::PLACE_PREPOSITION,
            Part::Whole,
        );
        let given = by_gender(class::GIVEN_MALE, class::GIVEN_FEMALE, class::GIVEN_OTHER);
        add(Lex::GivenName, &given, Part::Whole);
        let gender = by_gender(
            class::GENDER_MALE,
            class::GENDER_FEMALE,
            class::GENDER_OTHER,
        );
        add(Lex::GenderWord, &gender, Part::Whole);
        // A weekday written out ends a name: "Cole Saturday said" is Cole
        // on Saturday (its short forms, "Sun", "Wed", may be names). A
        // number word opens none: "Twelve Sailors died".
        add(Lex::WeekdayName, &|_| class::NOT_NAME, Part::Whole);
        add(Lex::NumberWord, &|_| class::NOT_NAME, Part::Whole);
        Words {
            classes,
            possessives: rules
                .lexicon(Lex::PossessiveSuffix)
                .entries()
                .map(|(suffix, _)| suffix.to_string())
                .collect(),
            places: rules.lexicon(Lex::Place).clone(),
            body_nouns: rules.lexicon(Lex::BodyNoun).clone(),
            company_suffixes: rules.lexicon(Lex::CompanySuffix).clone(),
            body_noun_words: rules
                .lexicon(Lex::BodyNoun)
                .entries()
                .map(|(entry, _)| entry.split(' ').count())
                .max()
                .unwrap_or(0),
            articles: rules.lexicon(Lex::DefiniteArticle).clone(),
            statements: rules.lexicon(Lex::StatementNoun).clone(),
            // The shortest, then the first in order: one spelling, whatever
            // order the rules file lists them in.
            conjunction: rules
                .lexicon(Lex::Conjunction)
                .entries()
                .map(|(word, _)| word)
                .min_by_key(|w| (w.len(), *w))
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// The classes of one word (none for a phrase).
    fn classes(&self, w: &str) -> u16 {
        crate::rules::lexicon::with_key_bytes(w, |key| self.classes.get(key).copied().unwrap_or(0))
    }

    fn is_place(&self, phrase: &str) -> bool {
        self.places.contains(phrase)
    }

    /// The word without a possessive ending, and whether it had one.
    fn strip_possessive<'w>(&self, w: &'w str) -> (&'w str, bool) {
        for suffix in &self.possessives {
            if let Some(stem) = w.strip_suffix(suffix.as_str()) {
                return (stem, true);
            }
        }
        (w, false)
    }

    /// A name word that is no role and no `not_name`, given its classes.
    fn is_name_word(w: &str, classes: u16) -> bool {
        is_name_word(w) && classes & (class::ROLE | class::NOT_NAME) == 0
    }

    /// A person's gender: from the given name, else from the nearest gendered
    /// word before the name.
    fn gender_of(&self, given: &str, before: &[&str]) -> Gender {
        let gender = |classes: u16, [male, female, other]: [u16; 3]| {
            if classes & male != 0 {
                Some(Gender::Male)
            } else if classes & female != 0 {
                Some(Gender::Female)
            } else {
                (classes & other != 0).then_some(Gender::Unknown)
            }
        };
        let given_classes = [class::GIVEN_MALE, class::GIVEN_FEMALE, class::GIVEN_OTHER];
        let gender_classes = [
            class::GENDER_MALE,
            class::GENDER_FEMALE,
            class::GENDER_OTHER,
        ];
        gender(self.classes(given), given_classes)
            .or_else(|| {
                before
                    .iter()
                    .rev()
                    .find_map(|w| gender(self.classes(w), gender_classes))
            })
            .unwrap_or(Gender::Unknown)
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
/// quotes to the paragraph's end. A first mark that closes (right after a
/// word's punctuation, before a space: `… give up," said Jones`) ends a
/// quotation opened in an earlier paragraph, as in text of one sentence per
/// line: the paragraph is quoted up to it.
pub(crate) fn quoted_ranges(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let mut marks: Vec<usize> = text[para.clone()]
        .match_indices('"')
        .map(|(i, _)| para.start + i)
        .collect();
    let mut out = Vec::new();
    if let Some(&first) = marks.first() {
        let before = &text[para.start..first];
        let after = &text[first + 1..para.end];
        let closes = !before.trim().is_empty()
            && before.ends_with([',', '.', '?', '!', '…', '-'])
            && after.chars().next().is_none_or(char::is_whitespace);
        if closes {
            out.push(para.start..first + 1);
            marks.remove(0);
        }
    }
    out.extend(
        marks
            .chunks(2)
            .map(|pair| pair[0]..pair.get(1).map_or(para.end, |end| end + 1)),
    );
    out
}

/// A word of the text with its range, trailing punctuation removed.
struct Token<'a> {
    word: &'a str,
    range: Range<usize>,
    /// Punctuation followed the word: a name or a body ends there.
    ends_phrase: bool,
    /// The word's classes (see `class`).
    classes: u16,
}

/// The tokens of `text[range]`, appended to `out`.
fn tokens<'a>(text: &'a str, range: Range<usize>, words: &Words, out: &mut Vec<Token<'a>>) {
    let slice = &text[range.clone()];
    // A piece's offset counts one byte for each whitespace character before it.
    let mut offset = 0;
    for_each_piece(slice, |raw| {
        let start = range.start + offset;
        offset += raw.len() + 1;
        if raw.is_empty() {
            return;
        }
        // Punctuation is ASCII: trimmed a byte at a time.
        let kept = raw
            .bytes()
            .rposition(|b| !matches!(b, b',' | b'.' | b';' | b':' | b')' | b'?' | b'!'))
            .map_or(0, |k| k + 1);
        let word = &raw[..kept];
        // "U.S." keeps its last period: a word of capitals and periods.
        let word = if raw.ends_with('.') && word.contains('.') {
            &raw[..word.len() + 1]
        } else {
            word
        };
        let opening = |w: &str| w.bytes().take_while(|&b| b == b'(').count();
        let word = &word[opening(word)..];
        if word.is_empty() {
            return;
        }
        let lead = opening(raw);
        // A parenthesis ends the phrase before it: "Dan Whitaker (D-Ohio)".
        if lead > 0 {
            if let Some(previous) = out.last_mut() {
                previous.ends_phrase = true;
            }
        }
        out.push(Token {
            word,
            range: start + lead..start + lead + word.len(),
            ends_phrase: raw.len() > word.len() + lead,
            classes: words.classes(word),
        });
    });
}

/// How many bytes of a paragraph are read into tokens at a time.
const STRETCH: usize = 64 * 1024;

/// How many tokens before the current one the finder may look at: a body's
/// capitalized words and its article (nine), the words before a name (four).
const BEHIND: usize = 16;

/// A paragraph's tokens, read a stretch at a time as the finder moves on, and
/// let go of once it is past them. Held whole, a long paragraph's tokens
/// would cost some forty bytes a word; the finder looks only a few tokens
/// back, and ahead as far as a run of names goes.
struct Window<'a> {
    text: &'a str,
    words: &'a Words,
    toks: Vec<Token<'a>>,
    /// The index in the paragraph of `toks[0]`.
    base: usize,
    /// The text not read yet: from a whitespace character (or the
    /// paragraph's start) to the paragraph's end.
    rest: Range<usize>,
}

impl<'a> Window<'a> {
    fn new(text: &'a str, words: &'a Words) -> Window<'a> {
        Window {
            text,
            words,
            toks: Vec::new(),
            base: 0,
            rest: 0..0,
        }
    }

    /// Starts on the paragraph `range` (the buffer serves every paragraph).
    fn start(&mut self, range: Range<usize>) {
        self.toks.clear();
        self.base = 0;
        self.rest = range;
    }

    /// Whether the paragraph has a token `i`, reading on to it.
    fn load(&mut self, i: usize) -> bool {
        while i >= self.read() && !self.rest.is_empty() {
            // A stretch ends at a whitespace character: no word is cut.
            let from = (self.rest.start + STRETCH).min(self.rest.end);
            let end = self.text.as_bytes()[from..self.rest.end]
                .iter()
                .position(|&b| matches!(b, b'\t'..=b'\r' | b' '))
                .map_or(self.rest.end, |k| from + k);
            tokens(self.text, self.rest.start..end, self.words, &mut self.toks);
            self.rest.start = end;
        }
        i < self.read()
    }

    /// The index of the first token not read yet.
    fn read(&self) -> usize {
        self.base + self.toks.len()
    }

    /// Token `i`, read.
    fn at(&self, i: usize) -> &Token<'a> {
        &self.toks[i - self.base]
    }

    /// Tokens `range`, read.
    fn slice(&self, range: Range<usize>) -> &[Token<'a>] {
        &self.toks[range.start - self.base..range.end - self.base]
    }

    /// Lets go of the tokens more than `BEHIND` before token `i`, once they
    /// are more than those kept (so that moving the rest down costs no more
    /// than reading them did).
    fn pass(&mut self, i: usize) {
        let done = i.saturating_sub(BEHIND).saturating_sub(self.base);
        if done > STRETCH / 16 && done > self.toks.len() / 2 {
            self.toks.drain(..done);
            self.base += done;
        }
    }
}

/// Whether a paragraph is a headline in title case ("Senator Says Bill Will
/// Pass"; see `is_title_case`): one line without final punctuation (a line
/// that ends with a colon leads into what follows). Its capitalized words
/// are not names, so it gives no mentions.
fn is_title_case_line(para: &str) -> bool {
    let line = para.trim();
    if line.contains('\n') || line.ends_with(['.', '!', '?', '"', ':', ',', ';', ')']) {
        return false;
    }
    is_title_case(line)
}

/// Whether a token is an initial: one capital letter and a period ("A.").
fn is_initial(text: &str, tok: &Token) -> bool {
    let b = tok.word.as_bytes();
    b.len() == 1 && b[0].is_ascii_uppercase() && text.as_bytes().get(tok.range.end) == Some(&b'.')
}

/// Every person and body mentioned outside quotation marks in `paragraphs`, in
/// text order, with canonical forms resolved as they are met.
pub(crate) fn find(doc: &Document, paragraphs: Range<usize>, words: &Words) -> Vec<Mention> {
    let text = doc.text();
    let mut out: Vec<Mention> = Vec::new();
    // Last and first words of full names, and bodies' shorter forms, to the
    // canonical form met last.
    let mut by_last: FxHashMap<String, (String, Gender)> = FxHashMap::default();
    let mut by_first: FxHashMap<String, (String, Gender)> = FxHashMap::default();
    let mut bodies: Vec<String> = Vec::new();
    let mut window = Window::new(text, words);
    // A paragraph's statements, which follow its people and bodies in `out`.
    let mut statements: Vec<Mention> = Vec::new();
    for k in paragraphs {
        let para = &doc.paragraphs[k];
        if para.boilerplate || is_title_case_line(&text[para.range.clone()]) {
            continue;
        }
        // Quoted ranges are in order and do not overlap: the only one that can
        // hold a token is the last one starting before the token ends.
        let quoted = quoted_ranges(text, para.range.clone());
        let inside = |r: &Range<usize>| {
            let k = quoted.partition_point(|q| q.start < r.end);
            k > 0 && quoted[k - 1].end > r.start
        };
        window.start(para.range.clone());
        // The paragraph's people and bodies start here in `out`.
        let first = out.len();
        // Tokens before `verbs` have been read for statements.
        let mut verbs = 0;
        let mut i = 0;
        loop {
            // Every mention that may issue a statement at a token before `i`
            // is found: it ends before that token.
            while verbs < i {
                let named = &out[first..];
                if let Some(s) = statement_at(doc, k, &mut window, verbs, named, &statements) {
                    statements.push(s);
                }
                verbs += 1;
            }
            window.pass(i);
            // What a body noun may span.
            window.load(i + 4);
            if !window.load(i) {
                break;
            }
            if inside(&window.at(i).range) {
                i += 1;
                continue;
            }
            // A body: the longest phrase that ends in a body noun here.
            let body = body_at(&window.toks, i - window.base, words);
            if let Some((start, end)) = body.map(|(s, e)| (s + window.base, e + window.base)) {
                let span = window.at(start).range.start..window.at(end).range.end;
                let phrase = words.body_name(&text[span.clone()]);
                // A shorter form of two or more words ("the Foreign Ministry")
                // or a common noun ("the ministry") is the longer body named
                // before; one name ("NATO") is itself.
                let bare = words.without_article(&phrase);
                let common = !bare.contains(char::is_uppercase);
                let name = bodies
                    .iter()
                    .rev()
                    .filter(|_| common || bare.contains(' '))
                    .find(|b| {
                        b.len() > phrase.len()
                            && match common {
                                true => words.ends_with_words(&b.to_lowercase(), bare),
                                false => words.ends_with_words(b, &phrase),
                            }
                    })
                    .cloned()
                    .unwrap_or(phrase);
                push_body(&mut out, &mut bodies, span, k, name);
                i = end + 1;
                continue;
            }
            // A person: a run of name words.
            let mut end = i;
            let mut names: Vec<&str> = Vec::new();
            // One of the names is a place ("Kursk"), or all of them are.
            let mut place = false;
            let mut possessive_run = false;
            while window.load(end) && !inside(&window.at(end).range) {
                // The token after, for an initial.
                window.load(end + 1);
                let tok = window.at(end);
                // Most words are lowercase: no name, whatever their ending.
                if !tok.word.starts_with(char::is_uppercase) {
                    break;
                }
                // A middle initial ("A." in "Jill A. Martin") stands inside a
                // name, before another name word.
                if !names.is_empty() && is_initial(text, tok) && window.read() > end + 1 {
                    let next = window.at(end + 1);
                    if !inside(&next.range) && Words::is_name_word(next.word, next.classes) {
                        names.push(&text[tok.range.start..=tok.range.end]);
                        end += 1;
                        continue;
                    }
                }
                let (stem, possessive) = words.strip_possessive(tok.word);
                let classes = match possessive {
                    true => words.classes(stem),
                    false => tok.classes,
                };
                if !Words::is_name_word(stem, classes) {
                    break;
                }
                if classes & class::PLACE != 0 {
                    place = true;
                }
                names.push(stem);
                end += 1;
                possessive_run = possessive;
                if possessive || tok.ends_phrase {
                    break;
                }
            }
            if names.is_empty() {
                i += 1;
                continue;
            }
            if let Some((start, last)) = company_at(&mut window, i, end, names.len()) {
                // "Acme Corp.": the suffix's period is the name's.
                let last_end = window.at(last).range.end;
                let period = text[last_end..].starts_with('.')
                    && words
                        .company_suffixes
                        .contains(&text[window.at(last).range.start..=last_end]);
                let span = window.at(start).range.start..last_end + usize::from(period);
                let name = words.body_name(&text[span.clone()]);
                push_body(&mut out, &mut bodies, span, k, name);
                i = last + 1;
                continue;
            }
            // A run of names right before a role names what the role is of
            // ("Cole campaign manager"), unless a comma sets the role off as
            // the person's ("Ada Cole, president of the academy").
            let before_role = window.load(end)
                && !window.at(end - 1).ends_phrase
                && window.at(end).classes & class::ROLE != 0;
            // A run of names right before a figure names a thing: "Harbor
            // Line Ferry 12", "Boeing 787", "Apollo 11".
            let before_figure = window.load(end)
                && !window.at(end - 1).ends_phrase
                && window
                    .at(end)
                    .word
                    .starts_with(|c: char| c.is_ascii_digit());
            let place = place || (names.len() > 1 && words.is_place(&names.join(" ")));
            let set_off = appositive_roles(&mut window, text, end, words);
            let span = window.at(i).range.start..window.at(end - 1).range.end;
            let context = window.slice(i.saturating_sub(4)..i);
            // A run of names right after "in" or "near" is where something
            // is ("the plant in Battle Creek"), unless it opens with a given
            // name or owns something ("in Ada Cole's plan").
            let place = place
                || (!possessive_run
                    && words.classes(names[0]) & class::GIVEN == 0
                    && context.last().is_some_and(|t| {
                        !t.ends_phrase && t.classes & class::PLACE_PREPOSITION != 0
                    }));
            let mut roles: Vec<String> = context
                .iter()
                .rev()
                .take_while(|t| {
                    t.classes & class::ROLE != 0 || is_name_word(t.word) || t.word.contains('.')
                })
                .filter(|t| t.classes & class::ROLE_NOUN != 0)
                .map(|t| t.word.to_lowercase())
                .collect();
            roles.extend(set_off);
            // A run of names after "the" (over capitalized words of a role:
            // "New") names a thing, not a person: "the Supreme Court", "the New
            // York Times", "the Las Vegas Strip".
            let after_article = names.len() > 1
                && context
                    .iter()
                    .rev()
                    .find(|t| {
                        t.ends_phrase
                            || t.classes & class::ROLE_MODIFIER == 0
                            || !t.word.starts_with(char::is_uppercase)
                    })
                    .is_some_and(|t| !t.ends_phrase && words.articles.contains(t.word));
            let person = match names.len() {
                _ if before_role || before_figure || place || after_article => None,
                1 => by_last
                    .get(names[0])
                    .or_else(|| by_first.get(names[0]))
                    .cloned(),
                _ => {
                    let full = names.join(" ");
                    let context: Vec<&str> = context.iter().map(|t| t.word).collect();
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
            // Such a thing may be a body that ends in its last word ("Court",
            // "Times"): read from there.
            let body_last = after_article && window.at(end - 1).classes & class::BODY_START != 0;
            i = if body_last { end - 1 } else { end };
        }
        out.append(&mut statements);
    }
    out
}

/// The statement issued at token `j` of paragraph `k`, if any: "X and Y
/// issued a joint statement" is a statement mention named after the people
/// and bodies mentioned before the verb in the same sentence. The verbs are
/// the `issue_verb` lexicon. `named` are the people and bodies of the
/// paragraph found so far, in text order, `earlier` its statements before
/// this one.
fn statement_at(
    doc: &Document,
    k: usize,
    window: &mut Window,
    j: usize,
    named: &[Mention],
    earlier: &[Mention],
) -> Option<Mention> {
    if window.at(j).classes & class::ISSUE_VERB == 0 {
        return None;
    }
    let words = window.words;
    // "a (joint | strongly worded ...) statement", a few words on.
    window.load(j + 5);
    let ahead = window.slice(j + 1..window.read().min(j + 6));
    let noun = ahead.iter().find(|t| words.statements.contains(t.word))?;
    let verb = window.at(j).range.clone();
    let para = &doc.paragraphs[k];
    let sentence_start = para
        .sentences
        .partition_point(|s| s.start <= verb.start)
        .checked_sub(1)
        .map_or(para.range.start, |s| para.sentences[s].start);
    // The issuers were found walking back from the last mention of the
    // paragraph to the sentence's start, which met the paragraph's statements
    // first: one from an earlier sentence ended the walk with no issuer, and
    // this keeps that. The people and bodies end in text order (each is found
    // past the last one's words), so those that end in the sentence before the
    // verb are found by binary search: the walk cost every mention after the
    // verb, over the whole of a long paragraph for each verb.
    if earlier.iter().rev().any(|m| m.span.end <= sentence_start) {
        return None;
    }
    let from = named.partition_point(|m| m.span.end <= sentence_start);
    let to = named.partition_point(|m| m.span.end <= verb.start);
    let mut issuers: Vec<String> = Vec::new();
    for m in named[from..to.max(from)].iter().rev() {
        if !issuers.contains(&m.name) {
            issuers.push(m.name.clone());
        }
    }
    if issuers.is_empty() {
        return None;
    }
    issuers.reverse();
    Some(Mention {
        span: noun.range.clone(),
        paragraph: k,
        name: issuers.join(&format!(" {} ", words.conjunction)),
        referent: Referent::Statement,
    })
}

/// Records a body's mention, and its name among the article's bodies.
fn push_body(
    out: &mut Vec<Mention>,
    bodies: &mut Vec<String>,
    span: Range<usize>,
    paragraph: usize,
    name: String,
) {
    if !bodies.contains(&name) {
        bodies.push(name.clone());
    }
    out.push(Mention {
        span,
        paragraph,
        name,
        referent: Referent::Body,
    });
}

/// The role nouns of a role set off by a comma after the name that ends
/// before token `end`: "Tom Lasker, the president of Quayside Ferries" is
/// the president, "Ada Cole, chair and CEO of ..." the chair and the CEO.
fn appositive_roles(window: &mut Window, text: &str, end: usize, words: &Words) -> Vec<String> {
    /// The most words of the role: "the deputy chief of staff and".
    const MOST_WORDS: usize = 6;
    let mut roles = Vec::new();
    if !text[window.at(end - 1).range.end..].starts_with(',') {
        return roles;
    }
    let mut j = end;
    while j < end + MOST_WORDS && window.load(j) {
        let t = window.at(j);
        if t.classes & class::ROLE_NOUN != 0 {
            roles.push(t.word.to_lowercase());
        } else {
            let article = j == end && words.articles.contains(t.word);
            let joins = t.word == words.conjunction || t.classes & class::ROLE_MODIFIER != 0;
            if !(article || joins) {
                break;
            }
        }
        if t.ends_phrase {
            break;
        }
        j += 1;
    }
    roles
}

/// The first and last token of a company's name, where the run of names
/// from token `start` to before `end` (`names` of them) is one: it ends in a
/// `company_suffix` ("Acme Corp", "Harbor Motor Company") or stands right
/// before one ("Quayside LLC", "Quayside Group PLC"). Capitalized role words right before the run
/// are part of the name ("General Motors Corp.").
fn company_at(
    window: &mut Window,
    start: usize,
    end: usize,
    names: usize,
) -> Option<(usize, usize)> {
    let last = end - 1;
    let ends_in_suffix = names > 1 && window.at(last).classes & class::COMPANY_SUFFIX != 0;
    let suffix_after = window.load(end)
        && !window.at(last).ends_phrase
        && window.at(end).classes & class::COMPANY_SUFFIX != 0;
    if !ends_in_suffix && !suffix_after {
        return None;
    }
    let mut first = start;
    while first > window.base && start - first < 2 {
        let prev = window.at(first - 1);
        let role_word =
            prev.classes & class::ROLE != 0 && prev.word.starts_with(char::is_uppercase);
        if prev.ends_phrase || !role_word {
            break;
        }
        first -= 1;
    }
    Some((first, if suffix_after { end } else { last }))
}

/// A body phrase ending at token `i` or at the few tokens after it (body nouns
/// may be several words: "White House"): its first and last token.
fn body_at(toks: &[Token], i: usize, words: &Words) -> Option<(usize, usize)> {
    // Most words start no body noun: look further only for those that do.
    if toks[i].classes & class::BODY_START == 0 {
        return None;
    }
    let nouns = &words.body_nouns;
    // The longest body noun that starts at token i. Tokens hold no
    // whitespace: a phrase of n tokens has n words.
    let longest = toks.len().min(i + 4).min(i + words.body_noun_words);
    let end = (i..longest).rev().find(|&j| {
        !toks[i..j].iter().any(|t| t.ends_phrase)
            && match j == i {
                // One word: its classes say whether it is an entry.
                true => toks[i].classes & class::BODY_NOUN != 0,
                // Several: their key's last word is the last token's key, so
                // only a phrase ending in the last word of an entry can be one.
                false => {
                    toks[j].classes & class::BODY_END != 0
                        && nouns.contains_words(toks[i..=j].iter().map(|t| t.word))
                }
            }
    })?;
    // A body before a role is part of the role: "EU foreign policy chief",
    // "Pentagon spokeswoman".
    if !toks[end].ends_phrase
        && toks
            .get(end + 1)
            .is_some_and(|t| t.classes & class::ROLE != 0)
    {
        return None;
    }
    // Walk back over capitalized words (a few: a body's name is short) and a
    // leading "the".
    let mut start = i;
    while start > 0 && i - start < 8 {
        let prev = &toks[start - 1];
        let (stem, possessive) = words.strip_possessive(prev.word);
        let classes = match possessive {
            true => words.classes(stem),
            false => prev.classes,
        };
        let capital =
            stem.chars().next().is_some_and(char::is_uppercase) && classes & class::NOT_NAME == 0;
        if prev.ends_phrase || !(capital || classes & class::ROLE_MODIFIER != 0) {
            break;
        }
        start -= 1;
    }
    if start > 0 && words.articles.contains(toks[start - 1].word) && !toks[start - 1].ends_phrase {
        start -= 1;
    }
    // A lowercase noun alone ("the ministry", "government") is a body only
    // with a determiner or a capitalized word before it.
    let capitalized = toks[start..=end]
        .iter()
        .any(|t| t.word.chars().next().is_some_and(char::is_uppercase));
    (capitalized || start < i).then_some((start, end))
}

impl Words {
    /// A body's canonical spelling: a leading article in lowercase ("The
    /// Pentagon" is "the Pentagon").
    fn body_name(&self, phrase: &str) -> String {
        match phrase.split_once(' ') {
            Some((article, rest))
                if article.starts_with(char::is_uppercase) && self.articles.contains(article) =>
            {
                format!("{} {rest}", article.to_lowercase())
            }
            _ => phrase.to_string(),
        }
    }

    /// A phrase without its leading article ("the ministry" is "ministry").
    fn without_article<'p>(&self, phrase: &'p str) -> &'p str {
        match phrase.split_once(' ') {
            Some((article, rest)) if self.articles.contains(article) => rest,
            _ => phrase,
        }
    }

    /// Whether `long` ends with the words of `short`, ignoring a leading
    /// article.
    fn ends_with_words(&self, long: &str, short: &str) -> bool {
        let short = self.without_article(short);
        long.ends_with(short)
            && long[..long.len() - short.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
    }
}

#[cfg(test)]
mod tests {
    use super::quoted_ranges;

    fn quoted(text: &str) -> Vec<&str> {
        quoted_ranges(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn marks_pair_up_and_an_unpaired_last_one_quotes_to_the_end() {
        assert_eq!(
            quoted(r#""We won," Cole said. "It took years"#),
            [r#""We won,""#, r#""It took years"#]
        );
        assert_eq!(quoted(r#"The "storm watch" alerts"#), [r#""storm watch""#]);
    }

    #[test]
    fn a_first_mark_that_closes_ends_a_quotation_opened_before() {
        assert_eq!(
            quoted(r#"We will never give up," said Jones. "Never.""#),
            [r#"We will never give up,""#, r#""Never.""#]
        );
        // After a comma, a mark with a word right after it opens.
        assert_eq!(quoted(r#"Ruiz said,"We will pay.""#), [r#""We will pay.""#]);
    }
}
