//! The one declared vocabulary between the rules files and the code: every
//! lexicon the code reads by name, every capture a rule of each kind may
//! name, what each is for, which rules need it, and the values it may hold.
//!
//! The code reads lexicons only through `Lex` and captures only through
//! `Cap`, so that nothing here can be misspelled there; `rules check` holds
//! every rules file to these declarations (see `check`), and the rules
//! author's reference (`docs/vocabulary.md`, `claimex rules vocabulary`) is
//! written from them.

use std::fmt::Write as _;

use crate::model::{
    Approx, CueClass, DateKind, DayPart, Decimal, Event, Holiday, Kind, QuoteKind, Season, named,
};

named! {
    /// The unit a relative expression or a duration counts in ("last
    /// *week*", "three-*year*-long").
    pub enum Grain {
        Second = "second",
        Minute = "minute",
        Hour = "hour",
        Day = "day",
        Week = "week",
        /// Saturday and Sunday of an ISO week: "last weekend".
        Weekend = "weekend",
        Month = "month",
        Quarter = "quarter",
        Year = "year",
        Decade = "decade",
        Century = "century",
    }
}

named! {
    /// What a pronoun can stand for.
    pub enum PronounKind {
        /// A man named before: "he".
        Male = "male",
        /// A woman named before: "she".
        Female = "female",
        /// A body named before: "it".
        Body = "body",
        /// Who issued the last statement: "the statement".
        Statement = "statement",
        /// A group of people named before it in its sentence: "they".
        Group = "group",
        /// The article's writer, whom its text does not name: "I". The
        /// mention stays in `speaker_mention`; `speaker` is left empty.
        Writer = "writer",
        /// People the article does not name: "some", "others", a plural
        /// whose cue agrees with it ("Some say", not the nouns of "many
        /// promises", "some warning signs"). The mention stays in
        /// `speaker_mention`; `speaker` is left empty.
        Unnamed = "unnamed",
    }
}

named! {
    /// A person's gender, as a given name or a gendered word says it.
    pub enum Gender {
        Male = "male",
        Female = "female",
    }
}

/// Which rules need a lexicon: it must be defined whenever the rule set has
/// a rule of these kinds (or an outlet rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    Rules(Kind),
    Outlets,
}

use Need::{Outlets, Rules as R};
const QUOTE: Need = R(Kind::Quote);
const COUNT: Need = R(Kind::Count);
const DATE: Need = R(Kind::Date);

/// The values a lexicon's entries, a capture or a `set` constant may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Values {
    /// A list: the code reads the entries, not their values.
    Entries,
    /// Any text (a canonical name, a concept).
    Text,
    /// One of these names.
    OneOf(&'static [&'static str]),
    /// One of these names, or empty.
    OneOfOrEmpty(&'static [&'static str]),
    /// A whole number from the first to the second, both included.
    Integer(i64, i64),
    /// A number in plain digits (`2`, `0.5`).
    Number,
    /// Any value: whether the capture takes part is what counts.
    Flag,
    /// When a holiday falls (see `Holiday`): `12-25`, `11/4/4`, `easter-2`.
    Holiday,
}

impl Values {
    /// Why `value` is not one of these values, if it is not.
    pub(crate) fn check(self, value: &str) -> Result<(), String> {
        let ok = match self {
            Values::Entries | Values::Text | Values::Flag => true,
            Values::OneOf(names) => names.contains(&value),
            Values::OneOfOrEmpty(names) => value.is_empty() || names.contains(&value),
            Values::Integer(low, high) => value
                .parse::<i64>()
                .is_ok_and(|n| (low..=high).contains(&n)),
            Values::Number => value.parse::<Decimal>().is_ok(),
            Values::Holiday => Holiday::parse(value).is_some(),
        };
        match ok {
            true => Ok(()),
            false => Err(format!("`{value}` is not {}", self.describe())),
        }
    }

    /// Whether entries need a value each.
    pub(crate) fn valued(self) -> bool {
        !matches!(self, Values::Entries | Values::Text | Values::Flag)
    }

    /// The values, for people.
    pub(crate) fn describe(self) -> String {
        match self {
            Values::Entries => "a list of phrases".into(),
            Values::Text => "text".into(),
            Values::Flag => "any value".into(),
            Values::OneOf(names) => format!("one of {}", names.join(", ")),
            Values::OneOfOrEmpty(names) => format!("one of {}, or empty", names.join(", ")),
            Values::Integer(low, high) => format!("a whole number from {low} to {high}"),
            Values::Number => "a number in digits".into(),
            Values::Holiday => "a holiday's day: `MM-DD` (\"12-25\"), `month/nth/weekday` (\"11/4/4\", the fourth Thursday of November; -1 the last), or `easter`, each maybe followed by `+N` or `-N` days; or a day that happened once, `YYYY-MM-DD`".into(),
        }
    }
}

/// A lexicon the code reads.
#[derive(Debug)]
pub(crate) struct LexiconSpec {
    pub name: &'static str,
    /// Which rules need it defined.
    pub needed_by: &'static [Need],
    /// The values its entries must have (a list's entries need none).
    pub values: Values,
    pub purpose: &'static str,
}

/// Declares the lexicons the code reads: the `Lex` enum and `LEXICONS`.
macro_rules! lexicons {
    ($( $lex:ident = $name:literal, [$($need:expr),*], $values:expr, $purpose:literal; )+) => {
        /// A lexicon the code reads; `LEXICONS` says what it is for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum Lex {
            $($lex,)+
        }

        /// Every lexicon the code reads, in the order of `Lex`.
        pub(crate) const LEXICONS: &[LexiconSpec] = &[
            $(LexiconSpec {
                name: $name,
                needed_by: &[$($need),*],
                values: $values,
                purpose: $purpose,
            },)+
        ];
    };
}

const INTEGER: Values = Values::Integer(i64::MIN, i64::MAX);

lexicons! {
    // Who said what.
    Pronoun = "pronoun", [QUOTE], Values::OneOf(PronounKind::NAMES),
        "Pronouns a speaker may be, each with what it stands for: `male` and `female` resolve to the nearest person of agreeing gender named before, `body` to the nearest body, `statement` to who issued the last statement; `group` (\"they\") to a group of people named before it in its own sentence, outside what was said (a body whose last word `plural_noun` calls a `person` or `group` noun; without that list it stays unresolved).";
    PossessivePronoun = "possessive_pronoun", [QUOTE], Values::OneOf(PronounKind::NAMES),
        "Possessive pronouns a speaker may be before a noun of speech (\"*his* claim that “…”\"), each with what it stands for, resolved as a `pronoun` of that kind is.";
    RoleNoun = "role_noun", [QUOTE], Values::Entries,
        "Nouns that are a role, not a name (\"spokeswoman\", \"President\"): \"the spokeswoman\" is the last person named with that role, and a run of capitalized words before one is a role, not a person.";
    RoleModifier = "role_modifier", [QUOTE], Values::Entries,
        "Words that may stand in a role before its noun (\"foreign\", \"deputy\").";
    NotName = "not_name", [QUOTE], Values::Entries,
        "Capitalized words that are never part of a name (\"But\", \"The\"): they are cut from the front of a speaker.";
    Title = "title", [QUOTE], Values::Entries,
        "Titles written before a name (\"Sen.\", \"Gov.\"), never part of it: the role column leaves out one written alone, and keeps one with what it is of (\"Ohio Gov.\").";
    DefiniteArticle = "definite_article", [QUOTE], Values::Entries,
        "The definite article (\"the\"): \"the spokeswoman\" is a role noun after it; a body's name may open with it.";
    PossessiveSuffix = "possessive_suffix", [QUOTE, DATE], Values::Entries,
        "Endings of a possessive (\"'s\"): a possessive is no speaker, and a name is read without it; a year before a part of it (\"last year*'s* third quarter\") is that part's year.";
    Place = "place", [QUOTE], Values::Entries,
        "Places: a run of capitalized words that is one is no person.";
    PlacePreposition = "place_preposition", [QUOTE], Values::Entries,
        "Prepositions of where (\"in\", \"near\"): a run of capitalized words right after one is a place, unless it opens with a `given_name` or is a possessive (\"in Ada Cole's plan\").";
    BodyNoun = "body_noun", [QUOTE], Values::Entries,
        "Nouns that end the name of a body that speaks (\"ministry\", \"government\", \"White House\").";
    CompanySuffix = "company_suffix", [QUOTE], Values::Entries,
        "Words that end a company's name (\"Corp.\", \"PLC\", \"Group\"): a name that ends in one, or a run of names before one, is a body, never a person.";
    VerbNotInSource = "verb_not_in_source", [QUOTE], Values::Entries,
        "Verbs that stand in no source named with capitals (\"is\", \"was\"): a speaker that holds one ran into the clause after it.";
    TitledBody = "titled_body", [QUOTE], Values::Entries,
        "Bodies whose names open with a role or title word (\"General Motors\", \"Major League Baseball\"): the whole name is the speaker, not a person with that role.";
    IssueVerb = "issue_verb", [QUOTE], Values::Entries,
        "Verbs of issuing a statement (\"issued\"): the issuers are who \"the statement\" stands for.";
    StatementNoun = "statement_noun", [QUOTE], Values::Entries,
        "Nouns naming what an `issue_verb` issues (\"statement\").";
    Conjunction = "conjunction", [QUOTE, DATE], Values::Entries,
        "The word that joins the last of a list (\"and\"): its shortest entry joins the issuers of a joint statement, and it may join the amounts of a compound duration (\"2 years and 6 months\").";
    GivenName = "given_name", [QUOTE], Values::OneOf(Gender::NAMES),
        "Given names with their gender, which a \"he\" or \"she\" must agree with.";
    GenderWord = "gender_word", [QUOTE], Values::OneOf(Gender::NAMES),
        "Words before a name that give its gender (\"spokeswoman\", \"Mr.\").";
    SayVerb = "say_verb", [QUOTE], Values::OneOf(CueClass::NAMES),
        "Cue verbs, each with its cue class (the `cue_class` column).";
    SayThatVerb = "say_that_verb", [QUOTE], Values::OneOf(CueClass::NAMES),
        "Cue verbs that take a clause (\"estimated that\"), each with its cue class.";
    QuoteVerb = "quote_verb", [QUOTE], Values::OneOf(CueClass::NAMES),
        "Cue verbs that introduce only quoted words (\"asked\", \"replied\"), each with its cue class.";
    NameVerb = "name_verb", [QUOTE], Values::OneOf(CueClass::NAMES),
        "Cue verbs that name something in quoted words (\"called the report “outrageous”\"), each with its cue class.";
    Determiner = "determiner", [QUOTE], Values::Entries,
        "Words that open a mention before its noun (\"his\", \"the\"): a quotation's attribution may open with one the pattern left out.";
    SettingPreposition = "setting_preposition", [QUOTE], Values::Entries,
        "Prepositions that open where or when a statement was made (\"in\", \"on\"): reported speech that is only such a phrase (\"said in a statement.\", \"wrote on Twitter.\") gives no row, once its speaker has gone to the quotation before it.";
    IndefiniteArticle = "indefinite_article", [QUOTE], Values::Entries,
        "\"a\" and \"an\": after a cue and a comma, one of these, a noun and a `relative_pronoun` describe the statement (\"a disclosure that ...\"), not its content.";
    RelativePronoun = "relative_pronoun", [QUOTE], Values::Entries,
        "Words that open a relative clause (\"that\", \"which\"); one that ends a cue's match (\"said that\") opens what was said; quoted words a relative clause names (\"defended what Lee called “…”\") are not the sentence subject's, and a mention that holds one with a subject of its own (\"a memo that the governor\") is no speaker.";
    NotPluralVerbEnding = "not_plural_verb_ending", [QUOTE], Values::Entries,
        "Endings of a word that cannot be the verb of a plural subject (\"s\", \"ing\"): after an `unnamed` pronoun such as \"many\" or \"some\", a cue that has one makes the two a noun phrase (\"many promises\", \"some warning signs\"), not a speaker and a cue.";
    NamingParticle = "naming_particle", [QUOTE], Values::Entries,
        "Words between a naming verb and the words it names (\"described *as* “…”\").";
    TitleLead = "title_lead", [QUOTE], Values::Entries,
        "Words before the title of a work in quotation marks (\"on\" “Meet the Press”, \"his book\" “…”): capitalized words quoted after one are a title, no quote.";
    TitleSmallWord = "title_small_word", [QUOTE], Values::Entries,
        "Words a title leaves in lowercase (\"of\", \"the\"): “The Art of the Deal” is capitalized as a title.";
    QuoteContinuation = "quote_continuation", [QUOTE], Values::Entries,
        "Words that go on with the sentence's own words after a quotation closed on a comma (\"“…,” *and* volunteers began to sign up, Harlan said\"): what comes before the cue is reported speech quoting a fragment, not a direct quote.";
    SaidEnds = "said_ends", [QUOTE], Values::Entries,
        "Phrases that, after a comma, end reported speech after its cue: they name where it came from (\"citing\", \"according to\").";
    ClauseSubordinator = "clause_subordinator", [QUOTE], Values::Entries,
        "Words that open a sentence with a clause before its main one (\"Although\", \"After\"): reported speech after a cue in that clause ends at its comma.";
    CueJoiner = "cue_joiner", [QUOTE], Values::Entries,
        "Words that join a second cue to what the sentence's subject did (\"issued a statement saying … *and* said …\"): what the first statement says ends before the one that stands before the second cue.";
    CueTimeWord = "cue_time_word", [QUOTE], Values::Entries,
        "Words of when or how often (\"this\", \"morning\", \"several\", \"times\") that, with adverbs in \"-ly\" and weekdays, stand between a cue and its `said_opener` and go to the cue (\"said earlier this month *that* …\").";
    SaidOpener = "said_opener", [QUOTE], Values::Entries,
        "Words that open what was said after where or to whom it was said (\"told an audience in Dayton at a book fair *that* …\"): a short phrase after a cue that opens with a `setting_preposition` and ends with one goes to the cue, not to what was said.";
    CueParticiple = "cue_participle", [QUOTE], Values::Entries,
        "Participles that attribute what follows to the sentence's subject (\"saying\", \"adding\"): after a quotation's attribution they open speech of its own.";
    AccordingTo = "according_to", [QUOTE], Values::OneOf(CueClass::NAMES),
        "Cues like \"according to\", each with its cue class.";
    Weekday = "weekday", [QUOTE, DATE], Values::Integer(1, 7),
        "Weekday names with their ISO number (Monday is 1); never part of a name.";
    Month = "month", [QUOTE, DATE], Values::Integer(1, 12),
        "Month names with their number; never part of a name.";
    WeekdayName = "weekday_name", [QUOTE, DATE], Values::Integer(1, 7),
        "Weekday names written out, with their ISO number: the mention finder ends a name before one (\"Cole Saturday said\").";
    // Counts.
    NotInUnit = "not_in_unit", [COUNT], Values::Entries,
        "Words that cannot be in a counted noun phrase (\"5 of *them*\"): a match whose `unit` holds one is no count.";
    NotCounted = "not_counted", [COUNT], Values::Entries,
        "Units of time and measure, money and percentages (\"30 *years*\", \"500 *miles*\"): a `unit` that ends in one is no count.";
    CountNoun = "count_noun", [COUNT], Values::Text,
        "Counted nouns with the concept each counts (\"soldiers\" counts `troops`): the head of a counted noun phrase, before any other noun.";
    PluralNoun = "plural_noun", [COUNT], Values::Text,
        "The plural forms of English nouns, with the WordNet class of each noun's most frequent sense (`person`, `artifact`...): the head of a counted noun phrase is the first word that is one (or has a plural's shape), and a `person` noun counts people. A word list (`rules/plural_noun.words`), generated from WordNet by `scripts/wordnet_lexicons.py`.";
    CollectiveNoun = "collective_noun", [COUNT], Values::OneOf(&["people", "things"]),
        "Singular nouns that count many (\"12,000 *staff*\", \"300 *cattle*\"), with what they count.";
    MeasureUnit = "measure_unit", [COUNT, DATE], Values::Text,
        "Units of measure and currencies with their dimension (\"gigawatts\" is `power`): a figure right before one is a measurement, not a count, and no year (\"2000 quarter-pound burgers\"; a unit of time or a currency aside). A word list (`rules/measure_unit.words`), generated from WordNet with metric prefixes and symbols.";
    RateAfter = "rate_after", [COUNT], Values::Entries,
        "Words after a counted noun that make it a rate (\"3,000 tests *per* day\", \"20 burglaries *a week*\"): no count.";
    Event = "event", [COUNT], Values::OneOf(Event::NAMES),
        "Words and phrases that say what happened to what a count counts, with the event each names (\"were killed\" is `killed`, \"sent\" is `deployed`): read right before the figure, in the clause after it, in the counted noun, then in the clause before it.";
    EventPresence = "event_presence", [COUNT], Values::OneOf(Event::NAMES),
        "Phrases of being somewhere (\"were in\", \"are stationed in\") and the event they give a count whose concept is in `presence_concept`.";
    GenericConcept = "generic_concept", [COUNT], Values::Entries,
        "Concepts too general to say what is counted without an event (`people`): a count of one whose clause names no event keeps its unit and no concept, so that `compare` lists it and compares nothing with it (300 residents and 5,000 evacuees are not one figure).";
    PresenceConcept = "presence_concept", [COUNT], Values::Entries,
        "Concepts whose counts are deployed where they are (`troops`): `event_presence` applies to them.";
    ClauseEnd = "clause_end", [COUNT], Values::Entries,
        "Words that end the clause an event is read in (\"and\", \"when\", \"after\").";
    NotAsOf = "not_as_of", [COUNT], Values::Entries,
        "Words right before a date (up to three words back) that make it the date of another figure or of a start, not the day a count was current (the `as_of` column): \"up *from* 14 on Wednesday\", \"the toll *from* Monday night's disaster\", \"*since* Monday\".";
    TotalScope = "total_scope", [COUNT], Values::Entries,
        "Words right after a counted noun that make its figure a total (\"14,500 people *worldwide*\", \"five servicemen *from the two countries*\"): the `scope` column says `total`, and `compare` keeps totals apart from the figures of one part.";
    CountJoiner = "count_joiner", [COUNT], Values::Entries,
        "Words that join two modifiers of a counted noun (\"digital *and* physical sales\") or two counts that are objects of one verb (\"dispatched three warships *and* 800 marines\").";
    SingularEnding = "singular_ending", [COUNT], Values::Entries,
        "Endings of a lowercase word in \"s\" that is no plural (\"press\", \"various\", \"crisis\"): such a word is a counted noun only if `plural_noun` has it.";
    PeopleConcept = "people_concept", [COUNT], Values::Entries,
        "Concepts that count people, and the classes of `plural_noun` and `collective_noun` that do (`person`): their counts have the subtype `people`, others `things`.";
    Qualifier = "qualifier", [COUNT], Values::OneOf(Approx::NAMES),
        "Phrases before a figure and the `approx` class each gives (\"as many as\" is `at_most`).";
    RangeStart = "range_start", [COUNT], Values::Entries,
        "Words that open a range of figures (\"between\", \"from\").";
    RangeConnector = "range_connector", [COUNT], Values::Entries,
        "Words between the two ends of a range (\"to\", \"-\", \"or\").";
    RangeJoiner = "range_joiner", [COUNT], Values::Entries,
        "Words between two one-sided bounds read as one range (\"larger than 20 *and* less than 35\").";
    RangeSuffix = "range_suffix", [COUNT], Values::OneOfOrEmpty(Approx::NAMES),
        "Phrases after a figure and the `approx` class each gives (\"or more\" is `at_least`); empty keeps the class of the qualifier.";
    NumberWord = "number_word", [COUNT, DATE], Values::Number,
        "Number words and their values (\"seven\", \"twenty\").";
    NumberFraction = "number_fraction", [COUNT, DATE], Values::Number,
        "Fractions and their values (\"half\").";
    NumberArticle = "number_article", [COUNT, DATE], Values::Number,
        "Articles that stand for one before a multiplier (\"*a* hundred\", \"*a* month ago\").";
    NumberMultiplier = "number_multiplier", [COUNT, DATE], Values::Number,
        "Words that multiply the number before them (\"hundred\", \"dozen\", \"million\").";
    NumberAbbreviation = "number_abbreviation", [COUNT, DATE], Values::Number,
        "Abbreviated multipliers glued to digits (\"12k\", \"2bn\").";
    NumberPoint = "number_point", [COUNT, DATE], Values::Entries,
        "The decimal point in words (\"point\").";
    NumberSign = "number_sign", [COUNT, DATE], Values::Entries,
        "Words for a negative number (\"minus\").";
    NumberFiller = "number_filler", [COUNT, DATE], Values::Entries,
        "Words a number in words may hold that add nothing (\"and\" in \"one hundred and five\").";
    Country = "country", [COUNT], Values::Text,
        "Countries, demonyms and capitals, each with the country's name: a count's `actor`.";
    ActorBlocker = "actor_blocker", [COUNT], Values::Entries,
        "Prepositions that make a country a place, not an actor (\"*to* Russia\").";
    ActorMarker = "actor_marker", [COUNT], Values::Entries,
        "Words after a count that introduce its actor (\"troops *from* North Korea\").";
    ActorDeterminer = "actor_determiner", [COUNT], Values::Entries,
        "Words skipped before a country (\"from *the* Philippines\").";
    // Dates.
    FutureMarker = "future_marker", [DATE], Values::Entries,
        "Words that put a clause in the future (\"will\", \"is due to\", \"'ll\"): a date without its year or month is then the next such day.";
    IntentMarker = "intent_marker", [DATE], Values::Entries,
        "A decision, promise or expectation that points ahead (\"decided to\", \"vowed to\"): a date after it is the next such day, one before it dates the decision.";
    PastMarker = "past_marker", [DATE], Values::Entries,
        "Verbs in the past tense (\"was\", \"flew\"): a date without its year or month is then the latest such day.";
    PastSuffix = "past_suffix", [DATE], Values::Entries,
        "Endings of a verb in the past tense (\"ed\").";
    PastSuffixBlocker = "past_suffix_blocker", [DATE], Values::Entries,
        "Words after which a past ending is no past tense (\"is *scheduled*\", \"will be *held*\").";
    PastSuffixException = "past_suffix_exception", [DATE], Values::Entries,
        "Words with a past ending that are no verb in the past (\"hundred\") or that date the report, not the event (\"announced\").";
    ParticipleSuffix = "participle_suffix", [DATE], Values::Entries,
        "Endings of a present participle that may open a clause (\"ing\"): a clause before a date that opens with one (\"…, *rising* to a high in June\") takes the tense of the clause before it.";
    ParticipleException = "participle_exception", [DATE], Values::Entries,
        "Words with a participle's ending that open no clause (\"morning\", \"during\").";
    ReportingVerb = "reporting_verb", [DATE], Values::Entries,
        "Verbs of a report in the past (\"said\", \"told\"): a date right after one dates the report, in the past (\"said Thursday\").";
    DatePreposition = "date_preposition", [DATE], Values::Entries,
        "Prepositions between a reporting verb and the date it dates (\"said *on* Thursday\").";
    TimestampWord = "timestamp_word", [DATE], Values::Entries,
        "Words that open an article's time stamp line (\"Published\", \"Updated\"): for an article with no date given, the latest date in such a line at its top is its date.";
    CaptionMarker = "caption_marker", [DATE], Values::Entries,
        "Marks of a photo caption (\"(AP Photo\", \"FILE -\"): a date in a caption's paragraph is never an article's date.";
    DeadlineMarker = "deadline_marker", [DATE], Values::Entries,
        "Words before a date that is a limit or a term (\"until\", \"effective\", \"expire\"): a verb in the past before them does not place the date in the past.";
    InfinitiveMarker = "infinitive_marker", [DATE], Values::Entries,
        "The word of an infinitive (\"to\"), before an `infinitive_verb`: \"ordered him *to* appear May 4\".";
    InfinitiveVerb = "infinitive_verb", [DATE], Values::Entries,
        "Verbs whose infinitive points ahead of the clause's verb (\"ordered him to *appear* May 4\", \"agreed to *meet* on Friday\"): a date after one is not placed in the past by a verb before it, but is the nearest such day.";
    PresentMarker = "present_marker", [DATE], Values::Entries,
        "Verbs in the present (\"is\", \"are\"): one nearer a date than a verb in the past takes the past away (\"had not agreed ... when the appeal *is* argued in May\").";
    ClockBeforeDay = "clock_before_day", [DATE], Values::Entries,
        "Words of a clock time written before a day (\"9 *a.m.* Tuesday\", \"*noon* Thursday\", \"4 p.m. *EST* Dec. 12\"), as the words of a clause are split: the day's clause is read before them (\"until 9 a.m. Tuesday\" is a term).";
    DeadlineNoun = "deadline_noun", [DATE], Values::Entries,
        "Nouns a date before names as a term (\"the Jan. 12 *deadline*\"): the nearest such day, as after a `deadline_marker`.";
    EventNoun = "event_noun", [DATE], Values::Entries,
        "Nouns of a one-off event a day written before names (\"the Aug. 7 *bombings*\"): the day is the latest such one gone by, and only a recent one; further back its year is unknown, and the date has no value.";
    PastPlanMarker = "past_plan_marker", [DATE], Values::Entries,
        "A plan told in the past perfect (\"had been scheduled\", \"had planned\"): a date after it, even after an infinitive or a term (\"had been scheduled to close Friday\"), is in the past.";
    PostponeMarker = "postpone_marker", [DATE], Values::Entries,
        "Words of putting something off, right before the new date (\"postponed until\", \"delayed until\"): the date is ahead of the report, even in a clause in the past.";
    ComparisonWord = "comparison_word", [DATE], Values::Entries,
        "Superlatives of a comparison (\"its *worst* drop since 2008\"): a date after a `comparison_since` in their clause is a point of comparison, not the story's time, and no anchor of \"the following day\".";
    ComparisonSince = "comparison_since", [DATE], Values::Entries,
        "The words right before the date of a comparison (\"since\", \"since the\").";
    YearHundreds = "year_hundreds", [DATE], INTEGER,
        "The hundreds of a year said in words, with their value (\"nineteen\" is 19 in \"nineteen seventy-eight\").";
    YearZero = "year_zero", [DATE], Values::Entries,
        "Words for the zero of a year in words (\"nineteen *oh* one\").";
    DecadeOfCentury = "decade_of_century", [DATE], Values::Integer(0, 9),
        "Decades in words after a century, with their digit (\"seventies\" is 7).";
    OrdinalDay = "ordinal_day", [DATE], Values::Integer(1, 31),
        "Days of the month as ordinal words, with their number (\"twenty-second\").";
    CardinalDay = "cardinal_day", [DATE], Values::Integer(1, 31),
        "Days of the month as cardinal words, with their number (\"twenty two\").";
    GrainUnit = "grain_unit", [QUOTE, DATE], Values::OneOf(Grain::NAMES),
        "Units of time and the grain each is (\"weeks\" is `week`): compound durations are read with them, and a relative year after a part of a year ends in one. A speaker that runs on past one and a `clause_subordinator` (\"two days after port officials\") is the words after them.";
    Nth = "nth", [DATE], Values::Integer(-1, 5),
        "Ordinals of a weekday or part in a month or year (\"first\" is 1, \"last\" is -1).";
    // Outlets.
    OutletName = "outlet_name", [Outlets], Values::Text,
        "Outlets' names as credits write them, each with its canonical spelling (\"AP\" is \"Associated Press\").";
}

/// A capture a rule of some kind may name.
#[derive(Debug)]
pub(crate) struct CaptureSpec {
    pub cap: Cap,
    pub name: &'static str,
    /// The kinds of rule that read it.
    pub kinds: &'static [Kind],
    /// The values a lexicon it takes, or a `set` constant for it, must have.
    pub values: Values,
    /// Whether the capture may take text as written (else only a lexicon's
    /// values or a `set` constant).
    pub text: bool,
    pub purpose: &'static str,
}

/// Declares the captures: the `Cap` enum and `CAPTURES`.
macro_rules! captures {
    ($( $cap:ident = $name:literal, [$($kind:ident),*], $values:expr, $text:literal, $purpose:literal; )+) => {
        /// A capture the code reads; `CAPTURES` says what it is for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum Cap {
            $($cap,)+
        }

        /// Every capture, in the order of `Cap`.
        pub(crate) const CAPTURES: &[CaptureSpec] = &[
            $(CaptureSpec {
                cap: Cap::$cap,
                name: $name,
                kinds: &[$(Kind::$kind),*],
                values: $values,
                text: $text,
                purpose: $purpose,
            },)+
        ];
    };
}

captures! {
    Span = "span", [Quote, Count, Date], Values::Text, true,
        "When it takes part, the claim's text instead of the whole match, so that a rule can require context it does not claim.";
    // Quotes.
    Quote = "quote", [Quote], Values::Text, true, "What was said.";
    Speaker = "speaker", [Quote], Values::Text, true, "Who said it, as written.";
    Role = "role", [Quote], Values::Text, true, "The speaker's role, as written (\"Pentagon spokeswoman\").";
    Cue = "cue", [Quote], Values::Text, true, "The attribution cue (\"told reporters\").";
    When = "when", [Quote], Values::Text, true, "The date expression by the cue (\"said *Monday*\").";
    // Counts.
    Figure = "figure", [Count], Values::Text, true,
        "The whole figure phrase (\"about 10,000 to 12,000\"), read into `value`, `value_max` and `approx`.";
    Value = "value", [Count], Values::Number, true, "The figure, or the lower end of a range.";
    ValueMax = "value_max", [Count], Values::Number, true, "The upper end of a range.";
    Approx = "approx", [Count], Values::OneOf(Approx::NAMES), false,
        "The figure's qualifier class; from a lexicon's values or `set`.";
    Unit = "unit", [Count], Values::Text, true, "The counted thing, as written.";
    UnitWords = "unit_words", [Count], Values::Text, true,
        "The words after a figure, among which the code finds the counted noun (a `count_noun`, `plural_noun` or `collective_noun`, or a lowercase word with a plural's shape): the `unit` is the phrase up to it, and the match is cut back there.";
    Concept = "concept", [Count], Values::Text, true, "The normalized concept (\"troops\").";
    Elided = "elided", [Count], Values::Flag, true,
        "Marks a figure whose noun is elided (\"61 *were rescued*\", \"48 *of them*\"): it counts what the count before it in the sentence counts, and is no count where there is none.";
    ElidedBefore = "elided_before", [Count], Values::Flag, true,
        "Marks a figure whose noun is in an earlier sentence (\"About 900 workers walked out. The union put *the number* at 1,100\"): it counts what the count before it in the paragraph counts, and is no count where there is none.";
    Event = "event", [Count], Values::OneOf(Event::NAMES), false,
        "What happened to what is counted, from a lexicon's values or `set` (\"the *death toll*\" is `killed`); where a rule gives none, the clause around the figure is read (the `event` lexicon).";
    // Dates.
    Year = "year", [Date], INTEGER, true, "A year in digits (\"2024\", \"'89\") or words.";
    YearEnd = "year_end", [Date], INTEGER, true, "The last year of a range (\"1950-*53*\").";
    Month = "month", [Date], Values::Integer(1, 12), true, "A month: its number, or a name of the `month` lexicon.";
    Day = "day", [Date], Values::Integer(1, 31), true, "A day of the month: digits (\"22\", \"22nd\") or an `ordinal_day` or `cardinal_day` word.";
    DayEnd = "day_end", [Date], Values::Integer(1, 31), true, "The last day of a range within one month (\"Nov. 19-*20*\").";
    Weekday = "weekday", [Date], Values::Integer(1, 7), true, "A weekday, Monday 1.";
    WeekdayEnd = "weekday_end", [Date], Values::Integer(1, 7), true, "The last weekday of a range in one week.";
    Shift = "shift", [Date], INTEGER, true, "How many grains back or on: -1 last, 0 this, 1 next.";
    Grain = "grain", [Date], Values::OneOf(Grain::NAMES), true, "The unit of a relative expression or a duration.";
    Amount = "amount", [Date], Values::Number, true, "How many grains (\"*two* days ago\").";
    AmountEnd = "amount_end", [Date], Values::Number, true, "The larger amount of a range of lengths (\"two to *three* weeks\"): the claim's `value_max`.";
    AndAHalf = "and_a_half", [Date], Values::Flag, true, "Half a grain more than the `amount` (\"two *and a half* years\", \"5 *1/2* hours\", \"a minute *and a half*\").";
    Holiday = "holiday", [Date], Values::Holiday, false, "A holiday, by when it falls (from the `holiday` lexicon): its day in the year written with it, else the nearest in the clause's tense; a day that happened once (the `historic_day` lexicon) is that day.";
    Compound = "compound", [Date], Values::Text, true, "Several amounts with their units (\"2 years and 6 months\").";
    Anchor = "anchor", [Date], INTEGER, true, "Days from the reference to the day a count starts from (\"from *tomorrow*\" is 1).";
    Nth = "nth", [Date], Values::Integer(-1, 5), true, "Which weekday or week of a month or year (\"the *first* Friday\"); -1 the last.";
    Quarter = "quarter", [Date], Values::Integer(-1, 4), true, "A quarter of a year; -1 the last.";
    Half = "half", [Date], Values::Integer(-1, 2), true, "A half of a year; -1 the last.";
    Season = "season", [Date], Values::OneOf(Season::NAMES), true, "A season, as TIMEX3 writes it.";
    Decade = "decade", [Date], INTEGER, true, "A decade (\"the 1970s\", \"the '80s\", a `decade_word`).";
    Century = "century", [Date], INTEGER, true, "A century by its ordinal (\"the 21st century\").";
    Week = "week", [Date], Values::Integer(1, 53), true, "An ISO week number.";
    Hour = "hour", [Date], Values::Integer(0, 24), true, "A clock hour.";
    Minute = "minute", [Date], Values::Integer(0, 59), true, "Clock minutes.";
    Meridiem = "meridiem", [Date], Values::OneOf(&["0", "12"]), true, "a.m. (0) or p.m. (12).";
    Part = "part", [Date], Values::OneOf(DayPart::NAMES), true, "A part of the day, as TIMEX3 writes it.";
    Rest = "rest", [Date], Values::Flag, true, "\"The rest of\" the grain: from the reference day to its end.";
    Anaphoric = "anaphoric", [Date], Values::Flag, true, "Counts from the last date the article named (\"two days *later*\").";
    Period = "period", [Date], Values::Flag, true, "The period of `amount` grains from its day (\"*within* 2 weeks\").";
    Echo = "echo", [Date], Values::Flag, true, "The last date the article named before it, as it named it (\"until *then*\", \"by *that time*\").";
    Reference = "reference", [Date], Values::OneOf(&["PRESENT_REF", "PAST_REF", "FUTURE_REF"]), false,
        "The present, the past or the future, unnamed (\"now\", \"recently\", \"soon\").";
    StoryPeriod = "story_period", [Date], Values::Flag, true,
        "A quarter named by its grain alone (\"the latest quarter\", \"the year-earlier period\"): the last quarter the article named, `shift` years on when the grain is a year; with none named, from the reference date.";
    Utc = "utc", [Date], Values::Flag, true, "The clock time is in UTC (\"18:00 *UTC*\", \"*GMT*\"): TIMEX3's `Z`.";
    Vague = "vague", [Date], Values::Flag, true, "The amount is not said (\"for *years*\", \"the past *few* months\"): `PXY`, `PXM`.";
}

impl Cap {
    pub(crate) fn spec(self) -> &'static CaptureSpec {
        &CAPTURES[self as usize]
    }

    pub(crate) fn name(self) -> &'static str {
        self.spec().name
    }

    /// The capture of a kind named `field` (a capture's name without an
    /// alternative's `_2`).
    pub(crate) fn of(kind: Kind, field: &str) -> Option<Cap> {
        CAPTURES
            .iter()
            .find(|c| c.name == field && c.kinds.contains(&kind))
            .map(|c| c.cap)
    }

    /// The names of every capture a kind reads.
    pub(crate) fn names(kind: Kind) -> Vec<&'static str> {
        CAPTURES
            .iter()
            .filter(|c| c.kinds.contains(&kind))
            .map(|c| c.name)
            .collect()
    }
}

/// A setting of the `[settings]` table: a number the code reads.
#[derive(Debug)]
pub(crate) struct SettingSpec {
    pub name: &'static str,
    pub needed_by: &'static [Need],
    pub values: Values,
    pub purpose: &'static str,
}

/// Every setting the code reads.
pub(crate) const SETTINGS: &[SettingSpec] = &[
    SettingSpec {
        name: "two_digit_years_from",
        needed_by: &[DATE],
        values: Values::Integer(0, 9900),
        purpose: "The first of the hundred years a year written with two digits can be: from 1950, \"'89\" is 1989 and \"'05\" is 2005.",
    },
    SettingSpec {
        name: "two_digit_decades_from",
        needed_by: &[DATE],
        values: Values::Integer(0, 9900),
        purpose: "The first of the hundred years a decade written with two digits can be in: from 1930, \"the '80s\" are the 1980s and \"the '20s\" the 2020s. With an article's date, a decade that begins after it is the century before's (\"the '20s\" in 2016 are the 1920s), and one that ended before it, in a clause about the future, the century after's.",
    },
    SettingSpec {
        name: "bare_year_first",
        needed_by: &[DATE],
        values: Values::Integer(0, 9999),
        purpose: "The first year a bare four-digit number ending a range of dates can be (\"between May 2015 and 2018\").",
    },
    SettingSpec {
        name: "bare_year_last",
        needed_by: &[DATE],
        values: Values::Integer(0, 9999),
        purpose: "The last such year.",
    },
];

/// The settings, read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub two_digit_years_from: i32,
    pub two_digit_decades_from: i32,
    pub bare_years: (i32, i32),
}

impl Settings {
    /// The settings from (name, value) pairs that `SETTINGS` declares and
    /// `rules check` has checked; an absent one is 0.
    pub(crate) fn from_values(values: &[(&str, i64)]) -> Settings {
        let get = |name: &str| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(0, |&(_, v)| i32::try_from(v).unwrap_or_default())
        };
        Settings {
            two_digit_years_from: get("two_digit_years_from"),
            two_digit_decades_from: get("two_digit_decades_from"),
            bare_years: (get("bare_year_first"), get("bare_year_last")),
        }
    }
}

/// What a claim rule of `kind` lacks, if the captures and constants it gives
/// (`fields`) say nothing its kind reads: a count needs its figure, a quote
/// what was said, a date some part of a date.
pub(crate) fn lacks(kind: Kind, fields: &[&str], says: bool) -> Option<String> {
    let has = |name: &str| fields.contains(&name);
    match kind {
        Kind::Count if !has("figure") && !has("value") => {
            Some("a count rule needs a `figure` or a `value` capture".into())
        }
        Kind::Quote if !has("quote") && !says => Some(
            "a quote rule needs a `quote` capture, or `says` to take what was said from the sentence"
                .into(),
        ),
        Kind::Date if !fields.iter().any(|f| *f != "span" && Cap::of(kind, f).is_some()) => {
            Some(format!(
                "a date rule needs a capture or `set` constant that says which date (one of {})",
                Cap::names(kind)
                    .into_iter()
                    .filter(|n| *n != "span")
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
        _ => None,
    }
}

/// The subtypes a rule of a kind may name; `None` for any (counts).
pub(crate) fn subtypes(kind: Kind) -> Option<&'static [&'static str]> {
    match kind {
        Kind::Quote => Some(QuoteKind::NAMES),
        Kind::Date => Some(DateKind::NAMES),
        Kind::Count => None,
    }
}

/// Which rules need a lexicon or setting, for people.
fn needs(needed_by: &[Need]) -> Vec<String> {
    needed_by
        .iter()
        .map(|n| match n {
            Need::Rules(kind) => format!("{kind} rules"),
            Need::Outlets => "outlet rules".to_string(),
        })
        .collect()
}

/// The rules author's reference: every lexicon and capture, as Markdown.
pub fn reference() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# The rules vocabulary\n\n\
         What the code of this version reads from a rule set, written from its \
         declarations (`claimex rules vocabulary` prints it). `rules check` reports a \
         lexicon that the rules of the set need and that no file defines, a value \
         outside a lexicon's or a capture's values, and a capture or `subtype` a \
         rule's kind does not know. A lexicon may be empty (`name = []`) to turn \
         its part of the reading off.\n\n\
         ## Lexicons the code reads\n\n\
         | lexicon | needed by | values | what for |\n|---|---|---|---|"
    );
    for spec in LEXICONS {
        let needed = needs(spec.needed_by);
        let values = match spec.values {
            Values::Entries => "a list".to_string(),
            v => v.describe(),
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            spec.name,
            needed.join(", "),
            values,
            spec.purpose.replace('|', "\\|")
        );
    }
    let _ = writeln!(
        out,
        "\n## Captures\n\n\
         A capture whose body is exactly one lexicon (`(?P<shift>{{@shift}})`) takes \
         that lexicon's value, which must be one of the capture's values; so must a \
         `set` constant. A capture marked \"from text\" may also take the text it \
         matches, read when the claim is built. Captures whose name starts with `_` \
         are helpers; `name_2`, `name_3` fill `name`.\n\n\
         | capture | kinds | values | from text | what for |\n|---|---|---|---|---|"
    );
    for spec in CAPTURES {
        let kinds: Vec<&str> = spec.kinds.iter().map(|k| k.as_str()).collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            spec.name,
            kinds.join(", "),
            spec.values.describe(),
            if spec.text { "yes" } else { "no" },
            spec.purpose.replace('|', "\\|")
        );
    }
    let _ = writeln!(
        out,
        "\n## Settings\n\n\
         The `[settings]` table holds the numbers the code reads.\n\n\
         | setting | needed by | values | what for |\n|---|---|---|---|"
    );
    for spec in SETTINGS {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            spec.name,
            needs(spec.needed_by).join(", "),
            spec.values.describe(),
            spec.purpose.replace('|', "\\|")
        );
    }
    let _ = writeln!(
        out,
        "\n## Subtypes\n\n\
         A quote rule's `subtype` is one of {}; a date rule's one of {}; a count \
         rule's is free (the code gives `people` or `things` by the concept, or by the \
         counted noun's class in `plural_noun` or `collective_noun`, when the rule \
         names none).",
        QuoteKind::NAMES.join(", "),
        DateKind::NAMES.join(", ")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declarations_are_in_the_order_of_their_enums() {
        assert_eq!(LEXICONS[Lex::Pronoun as usize].name, "pronoun");
        assert_eq!(LEXICONS[Lex::OutletName as usize].name, "outlet_name");
        for (k, spec) in CAPTURES.iter().enumerate() {
            assert_eq!(spec.cap as usize, k, "{}", spec.name);
        }
    }

    #[test]
    fn names_are_declared_once() {
        let mut names: Vec<&str> = LEXICONS.iter().map(|s| s.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before);
        for kind in Kind::ALL {
            let mut caps = Cap::names(*kind);
            caps.sort_unstable();
            let before = caps.len();
            caps.dedup();
            assert_eq!(caps.len(), before, "{kind}");
        }
    }

    #[test]
    fn values_are_checked() {
        assert!(Values::Integer(1, 7).check("7").is_ok());
        assert_eq!(
            Values::Integer(1, 7).check("8").unwrap_err(),
            "`8` is not a whole number from 1 to 7"
        );
        assert!(Values::OneOf(Approx::NAMES).check("at_most").is_ok());
        assert!(Values::OneOf(Approx::NAMES).check("At_Most").is_err());
        assert!(Values::OneOfOrEmpty(Approx::NAMES).check("").is_ok());
        assert!(Values::Number.check("0.5").is_ok());
        assert!(Values::Number.check("half").is_err());
    }

    /// The rules author's reference in `docs/` is the one the declarations
    /// write; regenerate it with `cargo run -- rules vocabulary >
    /// docs/vocabulary.md`.
    #[test]
    fn the_documented_vocabulary_is_the_declared_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/vocabulary.md");
        let written = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            written == reference(),
            "docs/vocabulary.md is out of date: run `cargo run -- rules vocabulary > docs/vocabulary.md`"
        );
    }
}
