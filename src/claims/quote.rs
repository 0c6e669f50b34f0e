//! Quotes: what was said, by whom (as written), with which cue.

use std::ops::Range;

use super::draft::Draft;
use super::fields::Fields;
use crate::engine::RuleMatch;
use crate::model::{Body, CueClass, Kind, Quote, QuoteKind};
use crate::rules::vocabulary::{Cap, Lex, PronounKind};
use crate::rules::{CompiledRule, Lexicon, Rules, Says};
use crate::text::{collapse_whitespace, words_in};

/// Punctuation that closes the quoted words but is not part of them.
const TRAILING: &[char] = &[',', ' ', '\n', '\t'];

/// Reported speech that opens with this mark (quotation marks are normalized
/// to it) is a direct quote, not reported speech.
const QUOTE_MARK: char = '"';

/// A quotation closed on a comma, which may end a statement before a second
/// cue ("said there is “no way back,” adding that …").
const QUOTED_COMMA: &str = ",\"";

/// Reported speech followed by this mark is a question: it states nothing.
const QUESTION_MARK: char = '?';

/// The most words a title in quotation marks has (“Generations with Kevin
/// Swanson”); more capitalized words are a slogan or a shout.
const TITLE_WORDS: usize = 8;

/// Lexicons of capitalized words that can open a clause but never a name.
const NOT_NAME_LEXICONS: [Lex; 3] = [Lex::NotName, Lex::Weekday, Lex::Month];

/// The speaker mention without leading or trailing words that cannot be
/// part of a name ("But Okafor" gives "Okafor"); `None` when nothing is left
/// ("The said ..."), when such a word stands inside what is left ("Have Told
/// Harbor Ferry Toll Office Was"), when the mention is a possessive
/// ("Portland's reported closure"), when a name runs on into a clause
/// ("The Harbor Courier is near a high"). A description that runs on past a
/// unit of time and a subordinator ("two days after port officials") is the
/// words after them.
pub(crate) fn speaker_range(
    text: &str,
    range: Range<usize>,
    rules: &Rules,
) -> Option<Range<usize>> {
    let mention = &text[range.clone()];
    let role_noun = mention.split_once(' ').is_some_and(|(the, noun)| {
        rules.lexicon(Lex::DefiniteArticle).contains(the)
            && rules.lexicon(Lex::RoleNoun).contains(noun)
    });
    if role_noun
        || rules.lexicon(Lex::Pronoun).contains(mention)
        || rules.lexicon(Lex::PossessivePronoun).contains(mention)
    {
        return Some(range);
    }
    let possessive = rules
        .lexicon(Lex::PossessiveSuffix)
        .entries()
        .any(|(suffix, _)| mention.ends_with(suffix));
    if possessive {
        return None;
    }
    let mut start = range.start;
    // "the Water Board's Ines Morales": the person, not whose she is, unless
    // what follows is itself a body ("South Korea's Defense Ministry").
    let after_possessor = rules
        .lexicon(Lex::PossessiveSuffix)
        .entries()
        .filter_map(|(suffix, _)| {
            mention
                .rfind(&format!("{suffix} "))
                .map(|at| at + suffix.len() + 1)
        })
        .max();
    if let Some(at) = after_possessor {
        let rest = &mention[at..];
        let body = rest
            .rsplit(' ')
            .next()
            .is_some_and(|last| rules.lexicon(Lex::BodyNoun).contains(last));
        if rest.starts_with(char::is_uppercase) && !body {
            start += at;
        }
    }
    // "two days after port officials": a description that runs on past a
    // unit of time and a subordinator in lower case is the words after them.
    let (subordinators, units) = (
        rules.lexicon(Lex::ClauseSubordinator),
        rules.lexicon(Lex::GrainUnit),
    );
    let words = words_in(text, start..range.end);
    let after_time = words.windows(2).rev().find(|pair| {
        let [(_, unit), (_, subordinator)] = pair else {
            return false;
        };
        units.contains(unit)
            && subordinator.starts_with(char::is_lowercase)
            && subordinators.contains(subordinator)
    });
    if let Some([_, (word, _)]) = after_time
        && word.end + 1 < range.end
    {
        start = word.end + 1;
    }
    let not_name = |word: &str| is_not_name(rules, word);
    start = after_words(text, start..range.end, not_name);
    // After the first word, only a capitalized word can be out of place (a
    // body's lowercase "and", "of" are its own), and an initial is none ("A."
    // in "James A. Baker").
    let capitalized_not_name =
        |w: &str| w.starts_with(char::is_uppercase) && !w.ends_with('.') && not_name(w);
    let mut end = range.end;
    while start < end {
        let last = text[start..end].rsplit(' ').next().unwrap_or_default();
        if !capitalized_not_name(last) || last.len() == end - start {
            break;
        }
        end -= last.len() + 1;
    }
    let name = text.get(start..end).unwrap_or_default();
    if start >= end || name.split(' ').any(capitalized_not_name) {
        return None;
    }
    // "The Harbor Courier is near a ten-year high": a named source that
    // runs on into a clause (its own relative clause may hold a verb:
    // "memos that were later published").
    let (verbs, relative) = (
        rules.lexicon(Lex::VerbNotInSource),
        rules.lexicon(Lex::RelativePronoun),
    );
    let words: Vec<&str> = name.split(' ').collect();
    let runs_on = (1..words.len()).any(|i| {
        words[i].starts_with(char::is_lowercase)
            && verbs.contains(words[i])
            && !relative.contains(words[i - 1])
    });
    if name.starts_with(char::is_uppercase) && runs_on {
        return None;
    }
    Some(start..end)
}

/// Whether a word (less a trailing comma or period) can open a clause but
/// never a name: "But", "Monday", "May".
fn is_not_name(rules: &Rules, word: &str) -> bool {
    let bare = word.trim_end_matches([',', '.']);
    NOT_NAME_LEXICONS
        .iter()
        .any(|&l| rules.lexicon(l).contains(bare))
}

/// Where a mention starts once the words at its front that `drop` picks
/// are left out: `range.end` when it picks every word.
fn after_words(text: &str, range: Range<usize>, drop: impl Fn(&str) -> bool) -> usize {
    let mut start = range.start;
    for word in text[range].split(' ') {
        if !drop(word) {
            break;
        }
        start += word.len() + 1;
    }
    start
}

/// The role written with a speaker, less the capitalized words that open a
/// clause before it ("But State Department spokesman" gives "State
/// Department spokesman"), though not its own determiner ("The party's
/// chief strategist", and after a name "a spokesman", "who runs ...");
/// `None` when nothing is left, or only a title ("But Sen."), which the
/// speaker column leaves out as well.
fn role_range(text: &str, range: Range<usize>, rules: &Rules) -> Option<Range<usize>> {
    let determiner = rules.lexicon(Lex::Determiner);
    let start = after_words(text, range.clone(), |word| {
        word.starts_with(char::is_uppercase)
            && is_not_name(rules, word)
            && !determiner.contains(word)
    });
    let role = text.get(start..range.end).filter(|r| !r.is_empty())?;
    (!rules.lexicon(Lex::Title).contains(role)).then_some(start..range.end)
}

/// Whether `at` lies inside words in quotation marks opened in its sentence:
/// an odd number of marks stands between the sentence's start and it.
fn inside_quotation(text: &str, sentence_start: usize, at: usize) -> bool {
    let marks = text.as_bytes()[sentence_start..at]
        .iter()
        .filter(|&&b| b == QUOTE_MARK as u8)
        .count();
    marks % 2 == 1
}

/// Whether the speaker of reported speech at `at` stands inside words in
/// quotation marks: a quotation opened in its sentence (`inside_quotation`).
/// A quotation of several sentences that closes in this one leaves outside
/// the attribution that follows its closing mark, for speech after the cue
/// ("… He is a hater,” Ruiz said, adding that …": the match starts at the
/// mark or right after it, and the quotation opened before the sentence).
fn quoted_speaker(m: &RuleMatch, text: &str, sentence_start: usize, at: usize) -> bool {
    if !inside_quotation(text, sentence_start, at) {
        return false;
    }
    let paragraph_start = text[..sentence_start].rfind('\n').map_or(0, |k| k + 1);
    let opened_before = !inside_quotation(text, paragraph_start, at);
    let start = m.span.start.max(sentence_start);
    let attribution = text[start..].starts_with(QUOTE_MARK)
        || text[sentence_start..start]
            .trim_end_matches([' ', ','])
            .ends_with(QUOTE_MARK);
    !(m.rule.says == Some(Says::After) && opened_before && attribution)
}

/// The kind of pronoun a speaker mention is, if it is one ("he", "I", "some").
fn pronoun_kind(mention: &str, rules: &Rules) -> Option<PronounKind> {
    rules.lexicon(Lex::Pronoun).value_of(mention)?.parse().ok()
}

/// Whether the writer ("I") at `range` stands inside a quotation opened
/// earlier in its paragraph: there "I" is the quoted person, whose quotation
/// may have opened sentences before (“… I doubt that is likely,” said
/// Ortiz), beyond what `inside_quotation` sees.
fn writer_quoted(text: &str, range: &Range<usize>) -> bool {
    let paragraph_start = text[..range.start].rfind('\n').map_or(0, |at| at + 1);
    inside_quotation(text, paragraph_start, range.start)
}

/// Whether the cue after an unnamed plural speaker ("some", "many") does not
/// agree with a plural subject, so that the two are a noun phrase ("many
/// promises", "some warning signs"): its first word has a
/// `not_plural_verb_ending`.
fn cue_disagrees_with_plural(m: &RuleMatch, text: &str, rules: &Rules) -> bool {
    m.group(Cap::Cue.name())
        .and_then(|cue| text[cue].split_whitespace().next())
        .is_some_and(|w| rules.lexicon(Lex::NotPluralVerbEnding).has_ending(w))
}

/// The kind of quote a rule gives: its `subtype`, a direct quote without one.
fn quote_kind(rule: &CompiledRule) -> QuoteKind {
    rule.subtype
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or(QuoteKind::Direct)
}

/// Whether a quote rule's match is a quote: its speaker and role, if it
/// captured them, must be whole words; the speaker must be more than words
/// that cannot be a name; the speaker of reported speech (`says`, searched
/// sentence by sentence in `scope`) must not stand inside a quotation opened
/// in its sentence and still open (“Cole said he would win,” she said: the
/// quotation is hers; `quoted_speaker`), nor may the writer's "I" in its
/// paragraph (`writer_quoted`); an unnamed plural speaker must agree with its
/// cue (`cue_disagrees_with_plural`); before a naming verb, the speaker may hold
/// no relative clause with its own subject (`has_relative_clause_subject`);
/// reported speech must be at least two words, not itself open with a
/// quotation mark (that is a direct quote) unless "that" stands before it,
/// and not follow the attribution of a quotation that ends right before the
/// speaker; a mixed quote's words may not be named by a relative clause of
/// their own (`named_by_relative_clause`) nor follow a participle of speech
/// (`participle_before_quotation`); a direct quote may not be the title of a
/// work (`names_a_work`). An accepted match's setting before "that" then
/// goes to its cue (`move_setting_to_cue`).
pub(crate) fn accepts(m: &mut RuleMatch, text: &str, scope: Range<usize>, rules: &Rules) -> bool {
    end_said_at_clause_end(m, text, scope.start, rules);
    end_said_before_source(m, text, rules);
    end_said_before_speaker_words(m, text, rules);
    let speaker_ok = match m.group(Cap::Speaker.name()) {
        Some(range) => {
            let quoted = m.said.is_some() && quoted_speaker(m, text, scope.start, range.start);
            let no_speaker = quoted
                || match pronoun_kind(&text[range.clone()], rules) {
                    Some(PronounKind::Writer) => writer_quoted(text, &range),
                    Some(PronounKind::Unnamed) => cue_disagrees_with_plural(m, text, rules),
                    _ => false,
                };
            let names = m
                .group(Cap::Cue.name())
                .and_then(|cue| text[cue].split_whitespace().next())
                .is_some_and(|verb| rules.lexicon(Lex::NameVerb).contains(verb));
            !no_speaker
                && whole_words(text, &range)
                && !(names && has_relative_clause_subject(&text[range.clone()], rules))
                && speaker_range(text, range, rules).is_some()
        }
        None => true,
    };
    let names_a_work = quote_kind(m.rule) == QuoteKind::Direct
        && m.group(Cap::Quote.name())
            .is_some_and(|quote| names_a_work(text, quote, rules));
    let named_elsewhere = quote_kind(m.rule) == QuoteKind::Mixed
        && m.group(Cap::Quote.name()).is_some_and(|quote| {
            named_by_relative_clause(&text[quote.clone()], rules)
                || participle_before_quotation(&text[quote], rules)
        });
    let role_ok = m
        .group(Cap::Role.name())
        .is_none_or(|range| whole_words(text, &range));
    let said_ok = match &m.said {
        Some(said) => {
            let content = &text[said.clone()];
            // A question ("What does Ukraine say about ...?") states nothing.
            let question = text[said.end..].starts_with(QUESTION_MARK)
                || text[m.span.clone()].ends_with(QUESTION_MARK);
            let attributes_quotation = said.start > m.span.start
                && attributes_quotation(
                    &text[scope.start..m.span.start],
                    &text[m.span.start..said.start],
                    content,
                    rules,
                );
            // Police said Thursday, a disclosure that renewed the debate: the
            // words after the comma describe the statement, not its content.
            let cue_and_comma = text[m.span.start..said.start].trim_end().ends_with(',');
            let describes_statement = cue_and_comma && describes_statement(content, rules);
            // “…” after "that" (or any relative pronoun: "which", "who")
            // is a clause quoted whole: saying that “…”.
            let after_relative_pronoun = said.start > m.span.start
                && text[m.span.start..said.start]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| rules.lexicon(Lex::RelativePronoun).contains(w));
            let before_cue = m.rule.says == Some(Says::Before);
            (!content.starts_with(QUOTE_MARK)
                || after_relative_pronoun
                || opens_with_quoted_fragment(
                    content,
                    before_cue.then(|| rules.lexicon(Lex::QuoteContinuation)),
                ))
                && content.split_whitespace().nth(1).is_some()
                && !question
                && !attributes_quotation
                && !describes_statement
                && !(before_cue && quotation_after_colon(content))
        }
        None => true,
    };
    let accepted = speaker_ok && role_ok && said_ok && !named_elsewhere && !names_a_work;
    if accepted {
        move_setting_to_cue(m, text, rules);
        move_manner_to_cue(m, text, rules);
    }
    accepted
}

/// What a match of a `says = "after"` rule said, and its cue.
fn said_after_cue(m: &RuleMatch) -> Option<(Range<usize>, Range<usize>)> {
    if m.rule.says != Some(Says::After) {
        return None;
    }
    Some((m.said.clone()?, m.group(Cap::Cue.name())?))
}

/// Moves the words between a cue and its `said_opener` to the cue where they
/// say when or how it was said: adverbs in "-ly", `cue_time_word`s and
/// weekdays ("said unambiguously this morning that …", "said earlier this
/// month that …"). "said the bridge that collapsed …" is left as it is:
/// "bridge" is none of these.
fn move_manner_to_cue(m: &mut RuleMatch, text: &str, rules: &Rules) {
    /// The most words before the opener: "unambiguously early this morning".
    const MOST_WORDS: usize = 4;
    let Some((said, cue)) = said_after_cue(m) else {
        return;
    };
    let content = &text[said.clone()];
    let (openers, times, weekdays) = (
        rules.lexicon(Lex::SaidOpener),
        rules.lexicon(Lex::CueTimeWord),
        rules.lexicon(Lex::Weekday),
    );
    let words: Vec<(usize, &str)> = content
        .split_ascii_whitespace()
        .take(MOST_WORDS + 1)
        .map(|w| (w.as_ptr() as usize - content.as_ptr() as usize, w))
        .collect();
    let Some(k) = words.iter().position(|(_, w)| openers.contains(w)) else {
        return;
    };
    let before = &words[..k];
    let manner = |w: &str| {
        (w.len() > 4 && w.ends_with("ly") && w.starts_with(char::is_lowercase))
            || times.contains(w)
            || weekdays.contains(w)
    };
    if before.is_empty() || !before.iter().all(|(_, w)| manner(w)) {
        return;
    }
    let (at, opener) = words[k];
    let cue_end = said.start + content[..at].trim_end().len();
    // A date among the words dates the statement: "earlier this month".
    if move_to_cue(m, text, cue.start..cue_end, said.start + at + opener.len())
        && m.group(Cap::When.name()).is_none()
    {
        m.set_group(Cap::When.name(), said.start..cue_end);
    }
}

/// Makes `cue` the match's cue and what follows the opener that ends at
/// `opener_end` what was said, if anything follows it; whether it did.
fn move_to_cue(m: &mut RuleMatch, text: &str, cue: Range<usize>, opener_end: usize) -> bool {
    let Some(said_end) = m.said.as_ref().map(|s| s.end) else {
        return false;
    };
    let rest = &text[opener_end..said_end];
    let start = opener_end + rest.len() - rest.trim_start().len();
    if start >= said_end {
        return false;
    }
    m.set_group(Cap::Cue.name(), cue);
    m.said = Some(start..said_end);
    true
}

/// Whether speech before its cue ends with a quotation opened after a colon
/// and closed on a comma ("Ortiz hinted at a deal: “She signed it,” he told
/// reporters"): the colon ends the writer's words, and the quotation is a
/// direct quote of its own.
fn quotation_after_colon(content: &str) -> bool {
    content.rsplit_once(": \"").is_some_and(|(_, quoted)| {
        quoted.matches(QUOTE_MARK).count() == 1 && quoted.trim_end().ends_with(QUOTED_COMMA)
    })
}

/// Whether the quoted words at `quote` are the title of a work (a show, a
/// book, a film), not speech: they are capitalized as a title, every word
/// but a `title_small_word`, and a `title_lead` or a possessive stands
/// before the quotation mark: on WKLM's “City Hour,”, his book “The Long Way
/// Home.”
fn names_a_work(text: &str, quote: Range<usize>, rules: &Rules) -> bool {
    let Some(before) = text[..quote.start].strip_suffix(QUOTE_MARK) else {
        return false;
    };
    let lead = before.split_whitespace().next_back().unwrap_or("");
    let led = rules.lexicon(Lex::TitleLead).contains(lead)
        || (lead.len() > 2 && rules.lexicon(Lex::PossessiveSuffix).has_ending(lead));
    let small = rules.lexicon(Lex::TitleSmallWord);
    let words: Vec<&str> = text[quote.clone()].split_whitespace().collect();
    // A shout is no title: chants of “Marco! Marco!”
    let shout = text[quote.clone()]
        .trim_end_matches(TRAILING)
        .ends_with('!');
    let titled = !shout
        && (1..=TITLE_WORDS).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty() || w.starts_with(|c: char| !c.is_lowercase()) || small.contains(w)
        });
    led && titled
}

/// Whether a mention before a naming verb holds a relative clause with a
/// subject of its own: in "a memo that the governor called “a disgrace”" the
/// memo is no speaker, and the quoted words are the governor's
/// (`quote.mixed.relative_named`). The relative word is lowercase: "That
/// Republican senator called ..." opens with a demonstrative.
fn has_relative_clause_subject(mention: &str, rules: &Rules) -> bool {
    let (relative, determiner) = (
        rules.lexicon(Lex::RelativePronoun),
        rules.lexicon(Lex::Determiner),
    );
    let words: Vec<&str> = mention.split_whitespace().collect();
    words.windows(2).any(|pair| {
        pair[0].starts_with(char::is_lowercase)
            && relative.contains(pair[0])
            && (determiner.contains(pair[1]) || pair[1].starts_with(char::is_uppercase))
    })
}

/// Whether the quoted words of a mixed quote are named by a relative clause
/// right before them: the words before the quotation mark open a relative
/// clause and end with its naming verb (and perhaps "as" or an article).
/// "The mayor defended what Ann Lee called “a reckless budget”" quotes Ann
/// Lee, not the mayor.
fn named_by_relative_clause(quote: &str, rules: &Rules) -> bool {
    let Some((lead, _)) = quote.split_once(QUOTE_MARK) else {
        return false;
    };
    let (determiner, particle) = (
        rules.lexicon(Lex::Determiner),
        rules.lexicon(Lex::NamingParticle),
    );
    let mut words: Vec<&str> = lead.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| determiner.contains(w) || particle.contains(w))
    {
        words.pop();
    }
    let Some((verb, before)) = words.split_last() else {
        return false;
    };
    let relative = rules.lexicon(Lex::RelativePronoun);
    rules.lexicon(Lex::NameVerb).contains(verb) && before.iter().any(|w| relative.contains(w))
}

/// Whether a participle of speech after a comma stands before the first
/// quotation mark of a mixed quote's words: in "Ruiz criticized the plan,
/// saying that “…”" the quotation is what "saying" attributes, a rule of its
/// own, not a name that "criticized" gives.
fn participle_before_quotation(quote: &str, rules: &Rules) -> bool {
    let Some((lead, _)) = quote.split_once(QUOTE_MARK) else {
        return false;
    };
    let participles = rules.lexicon(Lex::CueParticiple);
    let words: Vec<&str> = lead.split_whitespace().collect();
    words
        .windows(2)
        .any(|pair| pair[0].ends_with(',') && participles.contains(pair[1]))
}

/// Ends reported speech after its cue where its clause ends: at a semicolon
/// ("… denied that jobs were a factor; the yard was expected to win"), at a
/// comma before a speaker and a cue of their own ("Faced with critics
/// saying that fares were high, Okafor said that …"), and, in a clause that
/// opens its sentence with a `clause_subordinator` and holds the cue, at that
/// clause's comma ("Although Cole said she hoped to avoid layoffs, the unions
/// were displeased"). Marks inside a quotation do not count.
fn end_said_at_clause_end(m: &mut RuleMatch, text: &str, scope_start: usize, rules: &Rules) {
    let Some(said) = m.said.clone().filter(|_| m.rule.says == Some(Says::After)) else {
        return;
    };
    let cue_start = m
        .group(Cap::Cue.name())
        .map_or(m.span.start, |cue| cue.start);
    let before = &text[scope_start..cue_start.max(scope_start)];
    let subordinators = rules.lexicon(Lex::ClauseSubordinator);
    // Its first word, or first two ("Even though").
    let opening = before
        .match_indices(' ')
        .take(2)
        .any(|(at, _)| subordinators.contains(&before[..at]));
    // "As the Courier reported, the talks …": what follows the cue's comma
    // is what was reported, to the end.
    let after_comma = text[cue_start..said.start].contains(',');
    let subordinate = opening && !before.contains(',') && !after_comma;
    let content = &text[said.clone()];
    let mut quoted = false;
    let cut = content.char_indices().find_map(|(at, c)| {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return Some(at),
            ',' if !quoted
                && ((subordinate
                    && content[at + 1..].starts_with(' ')
                    && !content[at + 1..].trim_start().starts_with('"'))
                    || opens_attribution(&content[at + 1..], rules)) =>
            {
                return Some(at);
            }
            _ => {}
        }
        None
    });
    if let Some(at) = cut {
        m.said = Some(said.start..said.start + at);
    }
}

/// Whether `rest` opens a statement's own attribution: a speaker of up to
/// four words that opens with a capital or a `determiner` ("Okafor", "the
/// board's chair"; after a determiner, not a noun of speech: "a claim that"),
/// holds no verb of `verb_not_in_source`, no relative pronoun and no
/// punctuation, then a `say_verb` that is no aside (no comma after it: "the
/// fares, officials say, will rise" is one statement) and goes on.
fn opens_attribution(rest: &str, rules: &Rules) -> bool {
    /// The most words of such a speaker.
    const MOST_WORDS: usize = 4;
    let words: Vec<&str> = rest.split_whitespace().take(MOST_WORDS + 2).collect();
    let Some(first) = words.first() else {
        return false;
    };
    let determiner = rules.lexicon(Lex::Determiner).contains(first);
    let (says, verbs, relative) = (
        rules.lexicon(Lex::SayVerb),
        rules.lexicon(Lex::VerbNotInSource),
        rules.lexicon(Lex::RelativePronoun),
    );
    let in_speaker = |w: &&str| {
        w.chars().all(|c| c.is_alphanumeric() || "'’.-".contains(c))
            && !verbs.contains(w)
            && !relative.contains(w)
    };
    let first_verb = 1 + usize::from(determiner);
    (determiner || first.starts_with(char::is_uppercase))
        && (first_verb..=MOST_WORDS.min(words.len().saturating_sub(2)))
            .find(|&i| says.contains(words[i]))
            .is_some_and(|i| words[..i].iter().all(in_speaker))
}

/// Ends reported speech after a cue where a phrase that names where it came
/// from begins and runs to the sentence's end (`said_ends`): "police said the
/// driver had fled, citing the medical examiner" said "the driver had fled".
fn end_said_before_source(m: &mut RuleMatch, text: &str, rules: &Rules) {
    let matched_end = m.groups.first().cloned().flatten().map_or(0, |g| g.end);
    let Some(said) = m.said.clone().filter(|s| s.start >= matched_end) else {
        return;
    };
    let ends = rules.lexicon(Lex::SaidEnds);
    let content = &text[said.clone()];
    let cut = content.match_indices(", ").find_map(|(at, _)| {
        let rest = &content[at + 2..];
        let phrase = ends.entries().any(|(entry, _)| {
            rest.len() >= entry.len()
                && rest.is_char_boundary(entry.len())
                && rest[..entry.len()].eq_ignore_ascii_case(entry)
                && !rest[entry.len()..].starts_with(char::is_alphanumeric)
        });
        // Only a phrase that runs to the end: "the suspect, according to
        // witnesses, fled" is one statement.
        let tail = !rest.contains(',');
        (phrase && tail).then_some(at)
    });
    if let Some(at) = cut {
        let end = said.start + at;
        m.said = Some(said.start..end);
        m.span = m.span.start..matched_end.max(end);
    }
}

/// Ends reported speech before its speaker at its last comma where only a
/// few lowercase words with no verb follow that comma: they describe the
/// speaker, whose pattern did not take them ("…, law enforcement officials
/// say", "…, he and a colleague wrote"), and are no part of what was said
/// ("…, is in doubt, Harlan said" keeps its verb).
fn end_said_before_speaker_words(m: &mut RuleMatch, text: &str, rules: &Rules) {
    /// The most words such a description has: "teachers and union".
    const MOST_WORDS: usize = 3;
    // Only words right before the speaker: "…, rent or royalties, according
    // to X" ends on a list.
    let Some(said) = m
        .said
        .clone()
        .filter(|s| m.rule.says == Some(Says::Before) && !text[s.end..].starts_with(','))
    else {
        return;
    };
    let content = &text[said.clone()];
    let Some(comma) = content.rfind(", ") else {
        return;
    };
    let verbs = rules.lexicon(Lex::VerbNotInSource);
    let words: Vec<&str> = content[comma + 2..].split_whitespace().collect();
    let describes_speaker = words.len() <= MOST_WORDS
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !verbs.contains(w));
    if !words.is_empty() && describes_speaker {
        m.said = Some(said.start..said.start + comma);
    }
}

/// Moves where and to whom something was said from what was said to the cue,
/// when a `said_opener` ends it: in "told an audience in Dayton at a book
/// fair that the plan was dead" (cue "told an audience"), what was said is
/// "the plan was dead" and the cue "told an audience in Dayton at a book
/// fair". The phrase opens with a `setting_preposition`, is a few words long
/// and holds no verb of `verb_not_in_source`, no `cue_participle` ("adding
/// that" opens speech of its own), no relative pronoun and no quotation mark;
/// a `determiner` in it stands right after such a preposition, so that no
/// noun phrase of what was said is taken for one ("said in the end the
/// bridge that collapsed was never inspected" is left as it is).
fn move_setting_to_cue(m: &mut RuleMatch, text: &str, rules: &Rules) {
    /// The most words of such a phrase: "in Dayton, Ohio, at a book fair".
    const MOST_WORDS: usize = 8;
    let Some((said, cue)) = said_after_cue(m) else {
        return;
    };
    let content = &text[said.clone()];
    let (prepositions, openers, verbs, relative, determiners) = (
        rules.lexicon(Lex::SettingPreposition),
        rules.lexicon(Lex::SaidOpener),
        rules.lexicon(Lex::VerbNotInSource),
        rules.lexicon(Lex::RelativePronoun),
        rules.lexicon(Lex::Determiner),
    );
    let participles = rules.lexicon(Lex::CueParticiple);
    let mut words = content
        .split_ascii_whitespace()
        .map(|w| (w.as_ptr() as usize - content.as_ptr() as usize, w));
    if !words.next().is_some_and(|(_, w)| prepositions.contains(w)) {
        return;
    }
    let mut after_preposition = true;
    for (at, word) in words.take(MOST_WORDS) {
        if openers.contains(word) {
            let setting_end = said.start + content[..at].trim_end_matches([' ', ',']).len();
            move_to_cue(
                m,
                text,
                cue.start..setting_end,
                said.start + at + word.len(),
            );
            return;
        }
        let bare = word.trim_end_matches(',');
        let stray_determiner = !after_preposition && determiners.contains(bare);
        if stray_determiner
            || verbs.contains(bare)
            || participles.contains(bare)
            || relative.contains(bare)
            || word.contains(QUOTE_MARK)
        {
            return;
        }
        after_preposition = prepositions.contains(word);
    }
}

/// Ends what a statement says before a second statement in its sentence:
/// - one of the same subject: in "The ministry issued a statement saying the
///   talks had stalled and said it would not send a delegation", the match
///   of the second cue ("… and said") reads all before its cue as what the
///   ministry did, so what the first says ends before the `cue_joiner`
///   ("and", "but") that stands up to three words before that cue, or at a
///   quotation closed on a comma before it (`before_second_cue`);
/// - one with a speaker of its own after a comma and a joiner, for speech
///   after its cue: "Lee said the budget was balanced, and Ruiz said it was
///   not" (`before_joined_clause`); not for a source that ends the sentence
///   ("…, and …, according to X" is X's whole).
///
/// Without the cut the two statements overlap and the longer match drops
/// the other. The second cue may not stand inside quoted words of the first;
/// a statement cut to less than two words is dropped.
pub(crate) fn end_before_second_cue(matches: &mut Vec<RuleMatch>, text: &str, rules: &Rules) {
    // Each quote match's cue start and match start, by cue start.
    let mut cues: Vec<(usize, usize)> = matches
        .iter()
        .filter(|m| m.rule.kind == Kind::Quote && !m.rule.veto)
        .filter_map(|m| {
            let whole = m.groups.first().cloned().flatten()?;
            Some((m.group(Cap::Cue.name())?.start, whole.start))
        })
        .collect();
    if cues.len() < 2 {
        return;
    }
    cues.sort_unstable();
    let joiners = rules.lexicon(Lex::CueJoiner);
    let mut dropped = false;
    for m in matches.iter_mut() {
        let Some(said) = m.said.clone() else { continue };
        let first = cues.partition_point(|&(cue, _)| cue <= said.start);
        // What the first statement keeps: up to the joiner before a second
        // cue whose match reads the words before it as what its speaker did,
        // or up to ", and" before a second statement with a speaker of its own.
        let mut kept = None;
        for &(cue, start) in cues[first..].iter().take_while(|&&(cue, _)| cue < said.end) {
            if inside_quotation(text, said.start, cue) {
                continue;
            }
            if start < said.start {
                kept = before_second_cue(&text[said.start..cue], joiners);
                break;
            }
            // A source that ends the sentence ("…, according to X") speaks
            // for both clauses.
            let after_cue = m.rule.says == Some(Says::After);
            if let Some(k) =
                before_joined_clause(&text[said.start..start], joiners).filter(|_| after_cue)
            {
                kept = Some(k);
                break;
            }
        }
        let Some(kept) = kept else { continue };
        let end = said.start + kept;
        let kept = &text[said.start..end];
        m.said = Some(said.start..end);
        let matched_end = m.groups.first().cloned().flatten().map_or(end, |g| g.end);
        m.span = m.span.start..matched_end.max(end);
        if kept.split_whitespace().nth(1).is_none() {
            m.said = None;
            dropped = true;
        }
    }
    if dropped {
        matches.retain(|m| m.rule.says.is_none() || m.said.is_some());
    }
}

/// How much of what a statement says stands before a second cue of its
/// speaker (`before` runs up to that cue): up to the `cue_joiner` among the
/// last words ("… had stalled and said"), or all of it when a quotation
/// closes on a comma there ("“no way back,” adding"); `None` when neither,
/// as a participle after a plain comma ("posted a comment, saying …") makes
/// the first verb no cue of its own.
fn before_second_cue(before: &str, joiners: &Lexicon) -> Option<usize> {
    /// How many words before a second cue its joiner may stand ("and then
    /// publicly said").
    const JOINER_REACH: usize = 3;
    let joiner = before
        .split_ascii_whitespace()
        .rev()
        .take(JOINER_REACH)
        .find(|w| joiners.contains(w))
        .map(|w| w.as_ptr() as usize - before.as_ptr() as usize);
    match joiner {
        Some(joiner) => Some(
            before[..joiner]
                .trim_end_matches([' ', ',', '-', ';', '\n'])
                .len(),
        ),
        None if before.trim_end().ends_with(QUOTED_COMMA) => Some(before.trim_end().len()),
        None => None,
    }
}

/// How much of what a statement says stands before a second statement with
/// a speaker of its own, joined by a comma and a `cue_joiner` (`head` runs
/// up to that statement's match): "Lee said the budget was balanced, and
/// Ruiz said it was not" keeps "the budget was balanced".
fn before_joined_clause(head: &str, joiners: &Lexicon) -> Option<usize> {
    let (rest, last) = head.trim_end().rsplit_once(' ')?;
    let rest = rest.trim_end();
    (joiners.contains(last) && rest.ends_with(',')).then(|| rest.len() - 1)
}

/// Whether `content` opens as a noun phrase about the statement itself: "a
/// disclosure that ...", "an admission which ...".
fn describes_statement(content: &str, rules: &Rules) -> bool {
    let mut words = content.split_whitespace();
    let determiner = words
        .next()
        .is_some_and(|w| rules.lexicon(Lex::IndefiniteArticle).contains(w));
    let noun = words
        .next()
        .is_some_and(|w| w.chars().all(char::is_lowercase));
    let relative = words
        .next()
        .is_some_and(|w| rules.lexicon(Lex::RelativePronoun).contains(w));
    determiner && noun && relative
}

/// Whether reported speech after a cue is only the rest of a quotation's
/// attribution: `before`, the sentence up to the speaker, ends with a closing
/// quotation mark that closes no title (`names_a_work`), and the cue opens
/// no speech of its own: no "that" ends the match (“...,” Ortiz said that ...) and no participle of speech
/// follows (“...,” Harlan said, adding that ...). “They need me!” he says
/// to Okafor; “...,” Vogt said during the interview: nothing after the cue
/// was said.
fn attributes_quotation(before: &str, matched: &str, content: &str, rules: &Rules) -> bool {
    // The words of the speaker's mention that the match may have left out
    // ("Mr." of "Mr. Brandt", "his" of "his colleague") are not in between.
    let mut before = before.trim_end();
    while let Some((head, word)) = before.rsplit_once(' ') {
        let mention =
            word.starts_with(char::is_uppercase) || rules.lexicon(Lex::Determiner).contains(word);
        if !mention || word.ends_with(',') || word.contains(QUOTE_MARK) {
            break;
        }
        before = head.trim_end();
    }
    let closed = before.trim_end_matches([' ', ',']);
    // On WKLM's “City Hour,” Ortiz said ...: a title is no quotation.
    let title = closed
        .strip_suffix(QUOTE_MARK)
        .and_then(|inner| Some(inner.rfind(QUOTE_MARK)? + 1..inner.len()))
        .is_some_and(|words| names_a_work(closed, words, rules));
    let quotation = closed.ends_with(QUOTE_MARK) && !title;
    let that = matched
        .trim_end()
        .rsplit(' ')
        .next()
        .is_some_and(|w| rules.lexicon(Lex::RelativePronoun).contains(w));
    let participles = rules.lexicon(Lex::CueParticiple);
    let participle = |w: &str| participles.contains(w.trim_end_matches(','));
    let words: Vec<&str> = content.split_whitespace().collect();
    // At the start, or after a comma (“...,” he told a rally, saying ...).
    let speech = words.iter().take(2).any(|w| participle(w))
        || words
            .windows(2)
            .any(|p| p[0].trim_end_matches(QUOTE_MARK).ends_with(',') && participle(p[1]));
    quotation && !that && !speech
}

/// Whether `range` neither starts nor ends inside a word: the check of a
/// Unicode `\b` around the speaker and role, made here because the lazy DFA
/// gives up at the first byte beyond ASCII in a pattern with `\b` (and the
/// whole search falls back to a slower engine), and names may start with "Á".
fn whole_words(text: &str, range: &Range<usize>) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let inside = text[range.clone()].chars();
    let (first, last) = (inside.clone().next(), inside.clone().next_back());
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let starts_inside = word(before) && word(first);
    let ends_inside = word(last) && word(after);
    !starts_inside && !ends_inside
}

/// Whether some match of a quote rule in the sentence `hay` could pass
/// `accepts`. Whatever the match, what a rule with `says` finds runs to one
/// end of the sentence, so that end decides:
/// - speech before the cue, in a sentence that opens with a quotation mark,
///   opens with that mark: it is a direct quote, or a quoted fragment that
///   the sentence goes on from (`opens_with_quoted_fragment`), or empty;
/// - speech after the cue, in a sentence that ends with a question mark, is a
///   question or is empty.
pub(crate) fn may_accept(rule: &CompiledRule, hay: &str, rules: &Rules) -> bool {
    match rule.says {
        Some(Says::Before) => {
            let hay = hay.trim_start();
            !hay.starts_with(QUOTE_MARK)
                || opens_with_quoted_fragment(hay, Some(rules.lexicon(Lex::QuoteContinuation)))
        }
        Some(Says::After) => !hay.trim_end().ends_with(QUESTION_MARK),
        None => true,
    }
}

/// Whether `text`, which opens with a quotation mark, quotes a fragment that
/// its own words go on from: "“We’re quite relieved” about the ruling"
/// is reported speech quoting some words (mixed), where "“We won,” he said"
/// (the quotation closes on its punctuation) is a direct quote, and so is
/// one that a single word completes ("“... in Russia’s Kursk” region, she
/// said"). With `after_comma` (the `quote_continuation` lexicon), for speech
/// before its cue, a quotation that closes on a comma may go on too, with a
/// word of that lexicon: "“The tide has turned,” and ticket sales
/// began to climb, Okafor said" (not "“…,” one senior Democrat said",
/// where the words after the quotation name its speaker).
fn opens_with_quoted_fragment(text: &str, after_comma: Option<&Lexicon>) -> bool {
    let Some(inner) = text.strip_prefix(QUOTE_MARK) else {
        return false;
    };
    let Some(close) = inner.find(QUOTE_MARK) else {
        return false;
    };
    let quoted = &inner[..close];
    let rest = &inner[close + 1..];
    let goes_on = rest.starts_with(' ')
        && rest.trim_start().starts_with(char::is_alphanumeric)
        && rest.split_whitespace().nth(1).is_some();
    let closes_on_punctuation = quoted.ends_with([',', '.', '!', '?', ';', ':']);
    let continues_after_comma = quoted.ends_with(',')
        && after_comma.is_some_and(|continuation| {
            rest.split_whitespace()
                .next()
                .is_some_and(|w| continuation.contains(w))
        });
    goes_on && (!closes_on_punctuation || continues_after_comma)
}

/// Lexicons of cue words whose values are cue classes.
const CUE_LEXICONS: [Lex; 5] = [
    Lex::SayVerb,
    Lex::SayThatVerb,
    Lex::QuoteVerb,
    Lex::NameVerb,
    Lex::AccordingTo,
];

/// The class of a cue: the value of its first word(s) in a cue lexicon ("said"
/// is `speech`, "according to" is `according_to`).
fn cue_class(rules: &Rules, cue: &str) -> Option<CueClass> {
    let words: Vec<&str> = cue.split_whitespace().collect();
    (1..=words.len().min(2)).rev().find_map(|n| {
        let head = words[..n].join(" ");
        CUE_LEXICONS
            .iter()
            .find_map(|&l| rules.lexicon(l).value_of(&head))
            .and_then(|class| class.parse().ok())
    })
}

/// The words inside the quotation marks when `range` of the normalized
/// `text` is one quotation and nothing else (trailing commas and spaces
/// aside).
fn whole_quotation(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let q = &text[range.clone()];
    let lead = q.len() - q.trim_start().len();
    let kept = q.trim_end_matches(TRAILING).len();
    if kept <= lead {
        return None;
    }
    let inner = &text[range.start + lead..range.start + kept];
    let one = inner.len() > 2
        && inner.starts_with(QUOTE_MARK)
        && inner.ends_with(QUOTE_MARK)
        && inner.matches(QUOTE_MARK).count() == 2;
    one.then(|| range.start + lead + 1..range.start + kept - 1)
}

/// A quote from its match: what was said, the speaker as written, the role,
/// the cue and its class, and the ranges linking needs.
pub(crate) fn read(f: &Fields) -> Draft {
    let m = f.m;
    let mut kind = quote_kind(m.rule);
    let mut said = String::new();
    let mut content = f.range(Cap::Quote);
    if let Some(quote) = f.source(Cap::Quote) {
        said = quote.trim_end_matches(TRAILING).trim_start().to_string();
        // Words named in quotation marks and nothing else (She declared
        // “What a night!”) are a direct quote: what is inside the marks,
        // read from the source (a normalized mark may stand for two).
        if let Some(inner) = f
            .range(Cap::Quote)
            .and_then(|r| whole_quotation(f.doc.text(), r))
        {
            if kind == QuoteKind::Mixed {
                kind = QuoteKind::Direct;
                said = f.doc.source_text(inner.clone()).trim().to_string();
                content = Some(inner);
            }
        }
        // Reported speech that quotes some words verbatim is mixed.
        let quoted = f.normalized(Cap::Quote).is_some_and(|q| q.contains('"'));
        if kind == QuoteKind::Indirect && quoted {
            kind = QuoteKind::Mixed;
        }
    }
    let body = Body::Quote(Quote { kind, said });
    let mut d = Draft::new(m.rule.id.clone(), body, m.span.clone(), m.paragraph);
    d.speaker_span = f
        .range(Cap::Speaker)
        .and_then(|r| speaker_range(f.doc.text(), r, f.rules));
    // "General Motors said": a body whose name opens with a role word, not
    // a general named Motors.
    let mut role = f.range(Cap::Role);
    if let (Some(r), Some(speaker)) = (&role, &d.speaker_span) {
        // The role before the name, and with it the body's name, or it and
        // more words ("General Motors Corp.").
        let whole = r.start..speaker.end;
        let name = (r.end <= speaker.start).then(|| &f.doc.text()[whole.clone()]);
        let bodies = f.rules.lexicon(Lex::TitledBody);
        let titled = name.is_some_and(|name| {
            bodies.contains(name)
                || name
                    .match_indices(' ')
                    .any(|(k, _)| bodies.contains(&name[..k]))
        });
        if titled {
            d.speaker_span = Some(whole);
            role = None;
        }
    }
    let a = &mut d.attribution;
    if let Some(span) = &d.speaker_span {
        a.speaker_mention = collapse_whitespace(f.doc.source_text(span.clone()));
    }
    if let Some(role) = role.and_then(|r| role_range(f.doc.text(), r, f.rules)) {
        a.speaker_role = collapse_whitespace(f.doc.source_text(role));
    }
    if let Some(cue) = f.source(Cap::Cue) {
        a.cue = collapse_whitespace(cue);
        a.cue_class = cue_class(f.rules, &a.cue);
    }
    d.content = content;
    d.cue_span = f.range(Cap::Cue);
    d.when_span = f.range(Cap::When);
    d
}

#[cfg(test)]
mod tests {
    use super::whole_words;

    #[test]
    fn a_speaker_is_whole_words_in_any_script() {
        assert!(whole_words("Álvaro Uribe said", &(0..13)));
        // "he" inside "Renéhe": the letter before is beyond ASCII.
        assert!(!whole_words("Renéhe said", &(5..7)));
        assert!(!whole_words("Müllers said", &(0..7)));
        // A role that opens with its comma ends the word before it.
        assert!(whole_words("Wilders, founder", &(7..16)));
    }
}
