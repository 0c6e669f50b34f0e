//! The parts of a date expression, as its rule captured them: numbers,
//! names through the rules' lexicons, years and decades in words.

use chrono::{Datelike, NaiveDate};

use super::tense::{Tense, before_event_noun, clause_tense};
use crate::claims::fields::Fields;
use crate::claims::number::NumberWords;
use crate::model::{DayPart, Decimal, Holiday, Season, Timex, Unit};
use crate::rules::Rules;
use crate::rules::vocabulary::{Cap, Lex};

pub(crate) use crate::rules::vocabulary::Grain;

/// A grain as a rule captured it, in any case.
pub(super) fn grain_of(text: &str) -> Option<Grain> {
    text.trim().to_ascii_lowercase().parse().ok()
}

/// The TIMEX3 duration unit of a grain, and how many of that unit one grain
/// is.
pub(super) fn duration_unit(grain: Grain) -> Option<(Unit, i128)> {
    Some(match grain {
        Grain::Second => (Unit::Second, 1),
        Grain::Minute => (Unit::Minute, 1),
        Grain::Hour => (Unit::Hour, 1),
        Grain::Day => (Unit::Day, 1),
        Grain::Week => (Unit::Week, 1),
        Grain::Month => (Unit::Month, 1),
        Grain::Quarter => (Unit::Month, 3),
        Grain::Year => (Unit::Year, 1),
        Grain::Decade => (Unit::Year, 10),
        Grain::Century => (Unit::Year, 100),
        Grain::Weekend => return None,
    })
}

/// What a date expression says, part by part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateParts {
    pub year: Option<i32>,
    /// The last year of a range of years ("1950-53").
    pub year_end: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// The last day of a range within one month ("Nov. 19-20").
    pub day_end: Option<u32>,
    /// ISO weekday, Monday = 1.
    pub weekday: Option<u32>,
    /// The last weekday of a range of them in one week ("next week between
    /// Wednesday and *Friday*").
    pub weekday_end: Option<u32>,
    /// -1 for "last", 0 for "this", 1 for "next"; none for a bare expression.
    pub shift: Option<i32>,
    pub grain: Option<Grain>,
    /// How many grains: "*two* days ago", "*three*-year-long".
    pub amount: Option<Decimal>,
    /// The larger amount of a range of lengths: "two to *three* weeks".
    pub amount_end: Option<Decimal>,
    /// An amount, a season or a part of the day was written but could not be
    /// read ("umpteen days ago"): the expression has no value, rather than a
    /// guessed one.
    pub unreadable: bool,
    /// A part of the day: "this *afternoon*".
    pub part: Option<DayPart>,
    /// A clock time, 24-hour.
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    /// The clause speaks of the future ("will meet on Thursday"): a bare
    /// weekday is the coming one.
    pub future: bool,
    /// The sentence speaks of the past ("flew out on Jan. 22"): a date without
    /// a year is the most recent such day.
    pub past: bool,
    /// The date is a term ("until Friday"): the nearest such day.
    pub term: bool,
    /// A verb in the past right before the date governs it ("the quarter
    /// ended Oct. 31"): gone by, even later in the reference month.
    pub settled: bool,
    /// The date names a one-off event ("the Aug. 7 bombings"): a recent day
    /// gone by, or no value.
    pub event: bool,
    /// "Q3", "the first half": a quarter (1-4) or half (1-2) of a year; -1 for
    /// the last one.
    pub quarter: Option<i32>,
    pub half: Option<i32>,
    pub season: Option<Season>,
    /// The decade as TIMEX3 writes it: 197 for "the 1970s"; one written in
    /// two digits in its century (see `decade_of`).
    pub decade: Option<i32>,
    /// The century by its ordinal: 15 for "the 15th century" (TIMEX3 `14`).
    pub century: Option<i32>,
    /// An ISO week number: "week 10".
    pub week: Option<u32>,
    /// Which weekday or week of a month or year: "the *first* Friday of July",
    /// "the *third* week of 2027"; -1 for the last.
    pub nth: Option<i32>,
    /// Days from the reference to the day a relative expression counts from:
    /// 1 for "two days from *tomorrow*".
    pub anchor: Option<i32>,
    /// "The rest of the week": from the reference day to the end of the grain.
    pub rest: bool,
    /// "2 years 1 month 21 days": several amounts, each with its grain.
    pub compound: Vec<(Decimal, Grain)>,
    /// The expression counts from the story's own time, not the article's date
    /// ("the next day", "two weeks later", "that weekend"): from the last date
    /// the article named before it (see `resolve_anaphora`).
    pub anaphoric: bool,
    /// The last date the article named before it, as it named it ("until
    /// then", "by that time"; see `resolve_anaphora`).
    pub echo: bool,
    /// The expression is the period of `amount` `grain`s from its day ("within
    /// 2 weeks from today"), not the day that many grains on.
    pub period: bool,
    /// "now", "recently", "soon": TIMEX3's `PRESENT_REF`, `PAST_REF` or
    /// `FUTURE_REF`.
    pub reference: Option<Timex>,
    /// The amount is not said: "for years" is `PXY`.
    pub vague: bool,
    /// A quarter named by its grain alone ("the latest quarter", "the
    /// year-earlier period"): the story's quarter (see `resolve_anaphora`).
    pub story_period: bool,
    /// A clock time in UTC ("18:00 UTC", "0800 GMT").
    pub utc: bool,
    /// A holiday ("Thanksgiving"): its day in `year`, else the nearest one.
    pub holiday: Option<Holiday>,
}

impl DateParts {
    /// "A year ago", "a year earlier", "last year": one year back, which in
    /// the sentence of a quarter means that quarter a year back.
    pub(super) fn is_year_before(&self) -> bool {
        self.grain == Some(Grain::Year)
            && self.shift == Some(-1)
            && self.amount.is_none_or(|a| a == Decimal::ONE)
            && self.compound.is_empty()
    }

    /// A clock time with no day, week or grain of its own: "at 10 p.m.",
    /// "18:00 UTC" (not "Monday at 3 p.m.").
    pub(super) fn is_bare_clock(&self) -> bool {
        self.hour.is_some()
            && self.weekday.is_none()
            && self.day.is_none()
            && self.grain.is_none()
            && self.anchor.is_none()
    }

    /// The story's day itself: "the day", "that same day", "in the
    /// morning", "at 10 p.m.": no amount, no shift and a day's precision.
    pub(super) fn is_story_day(&self) -> bool {
        self.anaphoric
            && self.shift.is_none_or(|s| s == 0)
            && self.amount.is_none()
            && self.compound.is_empty()
            && self.grain.is_none_or(|g| g == Grain::Day)
            && self.weekday.is_none()
    }

    /// The tense that places a date written without its year or month (see
    /// `clause_tense` for a clause with both).
    pub(super) fn tense(&self) -> Tense {
        match (self.future, self.past) {
            (true, _) => Tense::Future,
            (false, true) => Tense::Past,
            _ => Tense::None,
        }
    }
}

/// The date parts a match captured.
pub(super) fn parts(f: &Fields, reference: Option<NaiveDate>) -> DateParts {
    let number = |cap: Cap| f.value(cap).and_then(|v| v.trim().parse::<i64>().ok());
    let year = f.value(Cap::Year).and_then(|v| year_value(f, &v));
    let year_end = match (year, f.value(Cap::YearEnd)) {
        (Some(start), Some(end)) => year_range_end(start, &end),
        (None, Some(end)) => year_value(f, &end),
        _ => None,
    };
    let hour = number(Cap::Hour).and_then(|h| u32::try_from(h).ok());
    // `meridiem` is 0 for a.m. and 12 for p.m.: 12 a.m. is 0:00, 3 p.m. 15:00;
    // "13 p.m." is no time.
    let hour = match (hour, number(Cap::Meridiem)) {
        (Some(h), Some(m)) if (1..=12).contains(&h) => Some(h % 12 + m as u32),
        (Some(_), Some(_)) => Some(u32::MAX),
        (h, _) => h,
    };
    let tense = clause_tense(f);
    let amount_text = f.value(Cap::Amount);
    let amount = amount_text.as_deref().and_then(|a| read_amount(f, a));
    let amount_end_text = f.value(Cap::AmountEnd);
    let amount_end = amount_end_text.as_deref().and_then(|a| read_amount(f, a));
    // "Two and a half years": half a grain more.
    let amount = match f.value(Cap::AndAHalf) {
        Some(_) => amount.and_then(|a| a.checked_add(Decimal::parse_plain("0.5")?)),
        None => amount,
    };
    // Seasons and parts of the day are TIMEX3 codes (`SU`, `AF`), in any case.
    let code = |cap: Cap| f.value(cap).map(|v| v.trim().to_uppercase());
    let (season_text, part_text) = (code(Cap::Season), code(Cap::Part));
    let season = season_text.as_deref().and_then(|s| s.parse().ok());
    let part = part_text.as_deref().and_then(|p| p.parse().ok());
    let grain = f.value(Cap::Grain).as_deref().and_then(grain_of);
    let (month, day) = (
        f.value(Cap::Month).and_then(|m| month_number(f, &m)),
        f.value(Cap::Day).and_then(|d| day_number(f, &d)),
    );
    // "The quarter ended Sept. 30": the calendar quarter that ends that day,
    // whatever the company's fiscal year calls it; a quarter that ends on no
    // calendar quarter's last day ("ended July 31") stays the story's.
    let ended_quarter = match (grain, month, day) {
        (Some(Grain::Quarter), Some(m), Some(d)) => calendar_quarter_ending(m, d),
        _ => None,
    };
    let (month, day) = match ended_quarter {
        Some(_) => (None, None),
        None => (month, day),
    };
    DateParts {
        year,
        year_end,
        month,
        day,
        day_end: f.value(Cap::DayEnd).and_then(|d| day_number(f, &d)),
        weekday: number(Cap::Weekday).and_then(|w| u32::try_from(w).ok()),
        weekday_end: number(Cap::WeekdayEnd).and_then(|w| u32::try_from(w).ok()),
        shift: number(Cap::Shift).and_then(|s| i32::try_from(s).ok()),
        grain,
        amount,
        amount_end,
        unreadable: (amount_text.is_some() && amount.is_none())
            || (amount_end_text.is_some() && amount_end.is_none())
            || (season_text.is_some() && season.is_none())
            || (part_text.is_some() && part.is_none()),
        part,
        hour,
        minute: number(Cap::Minute).and_then(|m| u32::try_from(m).ok()),
        future: tense.future,
        past: tense.past,
        term: tense.term,
        settled: tense.settled,
        event: f.value(Cap::Month).is_some() && f.value(Cap::Day).is_some() && before_event_noun(f),
        quarter: number(Cap::Quarter)
            .and_then(|q| i32::try_from(q).ok())
            .or(ended_quarter),
        half: number(Cap::Half).and_then(|h| i32::try_from(h).ok()),
        season,
        decade: f
            .value(Cap::Decade)
            .and_then(|d| decade_of(f, &d, reference, tense.future)),
        century: f
            .value(Cap::Century)
            .and_then(|c| day_number(f, &c))
            .map(|c| c as i32),
        week: number(Cap::Week).and_then(|w| u32::try_from(w).ok()),
        nth: number(Cap::Nth).and_then(|n| i32::try_from(n).ok()),
        anchor: number(Cap::Anchor).and_then(|a| i32::try_from(a).ok()),
        rest: f.value(Cap::Rest).is_some(),
        compound: f
            .value(Cap::Compound)
            .and_then(|c| compound(f, &c))
            .unwrap_or_default(),
        anaphoric: f.value(Cap::Anaphoric).is_some(),
        echo: f.value(Cap::Echo).is_some(),
        period: f.value(Cap::Period).is_some(),
        reference: f.value(Cap::Reference).and_then(|r| r.trim().parse().ok()),
        vague: f.value(Cap::Vague).is_some(),
        story_period: f.value(Cap::StoryPeriod).is_some(),
        utc: f.value(Cap::Utc).is_some(),
        holiday: f.value(Cap::Holiday).and_then(|h| Holiday::parse(&h)),
    }
}

/// The calendar quarter (1-4) whose last day is `day` of `month`: 3 for
/// Sept. 30.
fn calendar_quarter_ending(month: u32, day: u32) -> Option<i32> {
    let last = match month {
        3 | 12 => 31,
        6 | 9 => 30,
        _ => return None,
    };
    (day == last).then_some(month as i32 / 3)
}

/// A year as written: four digits, or two ("05/05/89") read among the
/// hundred years from the `two_digit_years_from` setting.
pub(super) fn year_of(rules: &Rules, text: &str) -> Option<i32> {
    let text = text.trim().trim_start_matches(['\'', '’']);
    let y: i32 = text.parse().ok()?;
    Some(match text.len() {
        2 => in_hundred_from(rules.settings.two_digit_years_from, y),
        _ => y,
    })
}

/// The year whose last two digits are `two_digits` among the hundred from
/// `first`.
fn in_hundred_from(first: i32, two_digits: i32) -> i32 {
    let year = first - first.rem_euclid(100) + two_digits;
    if year < first { year + 100 } else { year }
}

/// A year as written: in digits (`year_of`) or in words (`year_in_words`).
fn year_value(f: &Fields, text: &str) -> Option<i32> {
    match text.trim_start().starts_with(|c: char| c.is_alphabetic()) {
        true => year_in_words(f, text),
        false => year_of(f.rules, text),
    }
}

/// A year said in words: its hundreds from the `year_hundreds` lexicon, then
/// two digits as a number ("nineteen seventy-eight"), a `year_zero` word and a
/// digit ("nineteen oh one") or a multiplier of a hundred ("nineteen
/// hundred"); or else a number ("two thousand and eighteen").
fn year_in_words(f: &Fields, text: &str) -> Option<i32> {
    let text = text.trim();
    let lexicon = |lex: Lex| f.rules.lexicon(lex);
    let number = |words: &str| i32::try_from(f.figures.numbers.parse(words)?.as_integer()?).ok();
    let Some((first, rest)) = text.split_once([' ', '-']) else {
        return number(text);
    };
    let Some(hundreds) = lexicon(Lex::YearHundreds).value_of(first) else {
        return number(text);
    };
    let hundreds: i32 = hundreds.parse().ok()?;
    let rest = rest.trim();
    if lexicon(Lex::NumberMultiplier).value_of(rest) == Some("100") {
        return Some(hundreds * 100);
    }
    let rest = match rest.split_once(' ') {
        Some((zero, digit)) if lexicon(Lex::YearZero).contains(zero) => digit,
        _ => rest,
    };
    let two_digits = number(rest).filter(|n| (0..100).contains(n))?;
    Some(hundreds * 100 + two_digits)
}

/// Whether a year in words reads as a plain number ("two thousand", unlike
/// "nineteen seventy-eight", which starts with a `year_hundreds` word) and so
/// may be a count.
pub(super) fn year_may_be_count(rules: &Rules, text: &str) -> bool {
    let text = text.trim();
    let first = text.split([' ', '-']).next().unwrap_or(text);
    text.starts_with(|c: char| c.is_alphabetic())
        && !rules.lexicon(Lex::YearHundreds).contains(first)
}

/// "2 years 1 month 21 days" as amount and grain pairs; `None` unless the text
/// is all pairs, two or more, with an optional "and" or comma between them.
fn compound(f: &Fields, text: &str) -> Option<Vec<(Decimal, Grain)>> {
    let units = f.rules.lexicon(Lex::GrainUnit);
    let mut pairs = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let tokens = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty());
    for token in tokens {
        // "3h": digits glued to their unit.
        let glued = token
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|&k| k > 0 && units.contains(&token[k..]));
        let unit = match glued {
            Some(k) => {
                words.push(&token[..k]);
                &token[k..]
            }
            None => token,
        };
        match units.value_of(unit).and_then(grain_of) {
            Some(grain) => {
                pairs.push((read_amount(f, &words.join(" "))?, grain));
                words.clear();
            }
            None if words.is_empty() && f.rules.lexicon(Lex::Conjunction).contains(unit) => {}
            None => words.push(unit),
        }
    }
    (words.is_empty() && pairs.len() >= 2).then_some(pairs)
}

/// The end of a range of years: "1950-53" ends in 1953, "1999-00" in 2000. A
/// two-digit end more than 20 years on ("2016-11") is no range.
pub(super) fn year_range_end(start: i32, end: &str) -> Option<i32> {
    let end = end.trim();
    let value: i32 = end.parse().ok()?;
    let year = match end.len() {
        2 => {
            let y = start - start.rem_euclid(100) + value;
            let y = if y <= start { y + 100 } else { y };
            (y - start <= 20).then_some(y)?
        }
        _ => value,
    };
    (year > start).then_some(year)
}

/// A decade as TIMEX3 writes it (197) from "1970s", "'70s", "70's" or a
/// `decade_word` value. Two digits name a decade of the hundred years from
/// the `two_digit_decades_from` setting ("'80s" the 1980s, "'20s" the 2020s),
/// moved by the reference date where there is one: one that would begin after
/// it is the century before's ("Germany in the '20s", in 2016, is the 1920s),
/// unless the clause speaks of the future (`future`), where one that ended
/// before it is the century after's. In words with its century: "nineteen
/// seventies" (a `year_hundreds` word and a `decade_of_century` word), "two
/// thousand and tens", "two thousands".
fn decade_of(f: &Fields, text: &str, reference: Option<NaiveDate>, future: bool) -> Option<i32> {
    if text.trim_start().starts_with(|c: char| c.is_alphabetic()) {
        return decade_in_words(f, text.trim());
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let n: i32 = digits.parse().ok()?;
    Some(match digits.len() {
        4 => n / 10,
        3 => n,
        2 => {
            let d = in_hundred_from(f.rules.settings.two_digit_decades_from, n) / 10;
            match reference.map(|r| r.year()) {
                Some(y) if !future && d * 10 > y => d - 10,
                Some(y) if future && d * 10 + 9 < y => d + 10,
                _ => d,
            }
        }
        _ => return None,
    })
}

fn decade_in_words(f: &Fields, text: &str) -> Option<i32> {
    let number = |words: &str| i32::try_from(f.figures.numbers.parse(words)?.as_integer()?).ok();
    let Some((century, decade)) = text
        .rsplit_once([' ', '-'])
        .and_then(|(c, d)| Some((c, f.rules.lexicon(Lex::DecadeOfCentury).value_of(d)?)))
    else {
        // "the two thousands"
        return number(text).filter(|n| n % 100 == 0).map(|n| n / 10);
    };
    let decade: i32 = decade.parse().ok()?;
    let century = match f.rules.lexicon(Lex::YearHundreds).value_of(century) {
        Some(hundreds) => hundreds.parse::<i32>().ok()?,
        // "two thousand and": the number without its "and"
        None => {
            let words = century.trim_end();
            let words = words
                .rsplit_once(' ')
                .filter(|(_, last)| f.rules.lexicon(Lex::NumberFiller).contains(last))
                .map_or(words, |(head, _)| head);
            number(words).filter(|n| n % 100 == 0)? / 100
        }
    };
    Some(century * 10 + decade)
}

/// A month as captured: its number, or a name of the `month` lexicon (a
/// pattern that cannot use the lexicon, such as "Oct2" with the day glued to
/// it, captures the name as written).
fn month_number(f: &Fields, text: &str) -> Option<u32> {
    let text = text.trim();
    match text.parse() {
        Ok(m) => Some(m),
        Err(_) => f.rules.lexicon(Lex::Month).value_of(text)?.parse().ok(),
    }
}

/// A day of the month (or a century's ordinal): "22", "22nd", or an entry of
/// the `ordinal_day` or `cardinal_day` lexicon ("twenty-second", "twenty two").
fn day_number(f: &Fields, text: &str) -> Option<u32> {
    let text = text.trim();
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        return digits.parse().ok();
    }
    [Lex::OrdinalDay, Lex::CardinalDay]
        .into_iter()
        .find_map(|lex| f.rules.lexicon(lex).value_of(text)?.parse().ok())
}

/// How many grains an amount says: a figure ("two", "30"), or "a"/"an" from
/// the `number_article` lexicon ("a month ago").
pub(super) fn read_amount(f: &Fields, text: &str) -> Option<Decimal> {
    amount_of(f.rules, &f.figures.numbers, text)
}

/// The amount of a length in digits or words ("24", "two", "a").
pub(super) fn amount_of(rules: &Rules, numbers: &NumberWords, text: &str) -> Option<Decimal> {
    if let Some(n) = numbers.parse(text) {
        return Some(n);
    }
    let value = rules.lexicon(Lex::NumberArticle).value_of(text)?;
    Decimal::parse_plain(value)
}
