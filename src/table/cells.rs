//! A claim's cells: the text of each column, the typed cell a spreadsheet
//! gets, and the guard that keeps a text cell from being read as a formula.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::xlsx::Cell;
use crate::model::{Body, COLUMNS, Claim, Decimal, Timex};

/// The text of every column of a claim, in `COLUMNS` order: figures in plain
/// digits, dates as TIMEX3 values, days as `YYYY-MM-DD`, unknowns empty.
pub fn texts(c: &Claim) -> [Cow<'_, str>; COLUMNS.len()] {
    let p = &*c.provenance;
    let a = &c.attribution;
    let empty = || Cow::Borrowed("");
    let shown = |v: Option<String>| v.map_or(Cow::Borrowed(""), Cow::Owned);
    // The columns that depend on the kind: subtype, value, value_max,
    // approx, unit, concept, actor.
    let [subtype, value, value_max, approx, unit, concept, actor]: [Cow<str>; 7] = match &c.body {
        Body::Quote(q) => [
            q.kind.as_str().into(),
            q.said.as_str().into(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
        ],
        Body::Count(n) => [
            n.subtype.as_str().into(),
            shown(n.value.map(|v| v.to_string())),
            shown(n.value_max.map(|v| v.to_string())),
            n.approx.as_str().into(),
            n.unit.as_str().into(),
            n.concept.as_str().into(),
            n.actor.as_str().into(),
        ],
        Body::Date(d) => [
            d.kind.as_str().into(),
            shown(d.value.as_ref().map(Timex::to_string)),
            shown(d.value_max.as_ref().map(Timex::to_string)),
            empty(),
            empty(),
            empty(),
            empty(),
        ],
    };
    let (when, when_text) = match &c.when {
        Some(w) => (
            shown(w.value.as_ref().map(Timex::to_string)),
            w.text.as_str().into(),
        ),
        None => (empty(), empty()),
    };
    [
        p.doc_id.as_str().into(),
        p.outlet.as_str().into(),
        shown(p.published.map(day)),
        c.kind().as_str().into(),
        subtype,
        c.text.as_str().into(),
        value,
        value_max,
        approx,
        unit,
        concept,
        a.speaker.as_str().into(),
        a.speaker_role.as_str().into(),
        a.cue.as_str().into(),
        when,
        when_text,
        c.sentence.as_str().into(),
        c.start.to_string().into(),
        c.end.to_string().into(),
        (*c.rule).into(),
        a.speaker_mention.as_str().into(),
        p.source.as_str().into(),
        p.published_from.as_str().into(),
        a.cue_class.map_or("", |k| k.as_str()).into(),
        actor,
        p.outlet_from.as_str().into(),
        p.wire.as_str().into(),
        match &c.body {
            Body::Count(n) => n.event.map_or("", |e| e.as_str()).into(),
            _ => empty(),
        },
        match &c.body {
            Body::Count(n) => n.scope.map_or("", |s| s.as_str()).into(),
            _ => empty(),
        },
        match &c.body {
            Body::Count(n) => shown(n.as_of.as_ref().map(Timex::to_string)),
            _ => empty(),
        },
        p.published_time.as_str().into(),
    ]
}

/// The text of one column of a claim, by name.
pub fn text(c: &Claim, column: &str) -> Option<String> {
    let k = COLUMNS.iter().position(|&name| name == column)?;
    Some(texts(c)[k].to_string())
}

/// A day as the table writes it.
pub(crate) fn day(d: NaiveDate) -> String {
    Timex::Day(d).to_string()
}

/// A claim's cells for a spreadsheet, in `COLUMNS` order: counts' figures as
/// numbers, full days (`published`, `when`, a date's `value`) as dates,
/// offsets as numbers, the rest as text.
pub fn typed_cells(c: &Claim) -> Vec<Cell> {
    let texts = texts(c);
    COLUMNS
        .iter()
        .zip(texts)
        .map(|(column, text)| typed(c, column).unwrap_or_else(|| Cell::Text(text.into_owned())))
        .collect()
}

/// The typed cell of a column that is not text (see `typed_cells`); `None`
/// for a text column, or a value a spreadsheet keeps as text.
pub fn typed(c: &Claim, column: &str) -> Option<Cell> {
    let day_cell = |value: Option<&Timex>| match value? {
        Timex::Day(d) => Cell::date(*d),
        _ => None,
    };
    let number = |n: Option<Decimal>| {
        Some(n?.to_f64())
            .filter(|f| f.is_finite())
            .map(Cell::Number)
    };
    match (column, &c.body) {
        ("value", Body::Count(n)) => number(n.value),
        ("value_max", Body::Count(n)) => number(n.value_max),
        ("value", Body::Date(d)) => day_cell(d.value.as_ref()),
        ("value_max", Body::Date(d)) => day_cell(d.value_max.as_ref()),
        ("published", _) => Cell::date(c.provenance.published?),
        ("when", _) => day_cell(c.when.as_ref()?.value.as_ref()),
        ("start", _) => Some(Cell::Number(c.start as f64)),
        ("end", _) => Some(Cell::Number(c.end as f64)),
        _ => None,
    }
}

/// Makes a text cell inert in a spreadsheet: a cell that Excel, LibreOffice or
/// Google Sheets would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading apostrophe, which spreadsheets show as
/// nothing and treat as "this is text" (the OWASP CSV-injection advice). A lone
/// `-` or `+` (standard input's name) cannot be a formula and is left alone.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes() {
        b"-" | b"+" => Cow::Borrowed(cell),
        [b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r', ..] => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The cell `spreadsheet_safe` was given: its apostrophe taken off again, for
/// a table read back.
pub fn without_spreadsheet_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if matches!(spreadsheet_safe(rest), Cow::Owned(_)) => rest,
        _ => cell,
    }
}

impl Cell {
    /// A day as a date cell, where a spreadsheet can hold it.
    pub fn date(d: NaiveDate) -> Option<Cell> {
        let (y, m, day) = (
            u16::try_from(d.year()).ok()?,
            d.month() as u8,
            d.day() as u8,
        );
        rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, day).ok()?;
        Some(Cell::Date(y, m, day))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Count, DateExpr, DateKind, Decimal, Quote, QuoteKind, When};

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(spreadsheet_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(spreadsheet_safe("+1"), "'+1");
        assert_eq!(spreadsheet_safe("-1"), "'-1");
        assert_eq!(spreadsheet_safe("-"), "-");
        assert_eq!(spreadsheet_safe("="), "'=");
        assert_eq!(spreadsheet_safe("@x"), "'@x");
        assert_eq!(spreadsheet_safe("\tx"), "'\tx");
        assert_eq!(spreadsheet_safe("\rx"), "'\rx");
        assert_eq!(spreadsheet_safe("+"), "+");
        assert_eq!(spreadsheet_safe("plain"), "plain");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn the_guard_comes_off_what_it_put_on() {
        for cell in ["=SUM(A1)", "+1", "-2", "@x", "\tx", "plain", "-", "'quoted"] {
            assert_eq!(without_spreadsheet_guard(&spreadsheet_safe(cell)), cell);
        }
    }

    fn count() -> Claim {
        let mut c = Claim::new(Body::Count(Count {
            value: Some(Decimal::from_int(10_000)),
            value_max: Some("12000.5".parse().unwrap()),
            unit: "North Korean soldiers".into(),
            ..Count::new()
        }));
        Arc::make_mut(&mut c.provenance).published = NaiveDate::from_ymd_opt(2024, 11, 4);
        c.when = Some(When {
            value: Some("2024-W44".parse().unwrap()),
            text: "last week".into(),
        });
        c.start = 3;
        c
    }

    #[test]
    fn typed_values_are_written_as_the_contract_says() {
        let c = count();
        let t = |column| text(&c, column).unwrap();
        assert_eq!(
            [t("kind"), t("value"), t("value_max"), t("approx")],
            ["count", "10000", "12000.5", "exact"]
        );
        assert_eq!(
            [t("published"), t("when"), t("when_text")],
            ["2024-11-04", "2024-W44", "last week"]
        );
        assert_eq!(
            [t("start"), t("published_from"), t("cue_class")],
            ["3", "", ""]
        );
        assert_eq!(text(&c, "no such column"), None);
        let quote = Claim::new(Body::Quote(Quote {
            kind: QuoteKind::Mixed,
            said: "words".into(),
        }));
        assert_eq!(text(&quote, "subtype").unwrap(), "mixed");
        assert_eq!(text(&quote, "approx").unwrap(), "");
    }

    #[test]
    fn spreadsheets_get_numbers_and_days_as_such() {
        let c = count();
        let cell = |column| typed(&c, column);
        assert_eq!(cell("value"), Some(Cell::Number(10000.0)));
        assert_eq!(cell("value_max"), Some(Cell::Number(12000.5)));
        assert_eq!(cell("published"), Some(Cell::Date(2024, 11, 4)));
        // A week is no day: text.
        assert_eq!(cell("when"), None);
        assert_eq!(cell("start"), Some(Cell::Number(3.0)));
        assert_eq!(cell("unit"), None);
        let date = |value: &str| {
            Claim::new(Body::Date(DateExpr {
                kind: DateKind::Date,
                value: Some(value.parse().unwrap()),
                value_max: None,
            }))
        };
        assert_eq!(
            typed(&date("2024-11-04"), "value"),
            Some(Cell::Date(2024, 11, 4))
        );
        assert_eq!(typed(&date("2024-11"), "value"), None);
        // Excel has no day before 1900.
        assert_eq!(typed(&date("1850-01-01"), "value"), None);
        let cells = typed_cells(&c);
        assert_eq!(cells.len(), COLUMNS.len());
        assert_eq!(cells[9], Cell::Text("North Korean soldiers".into()));
    }
}
