//! The comparison written out: CSV (one row per reported figure, the
//! contract's columns first) and Markdown (a readable table per group).

use std::io::{self, Write};

use super::display::{display_day, display_when, listed};
use super::group::{Comparison, Group, Row, story_id};
use crate::model::{COLUMNS, Claim};
use crate::table::cells::{self, typed, typed_cells};
use crate::table::xlsx::{self, Cell, Sheet};
use crate::table::{csv_io, spreadsheet_safe};

/// The CSV columns: the contract's sixteen, then additions.
pub const COMPARE_COLUMNS: [&str; 28] = [
    "group",
    "concept",
    "actor",
    "story",
    "disagree",
    "doc_id",
    "outlet",
    "published",
    "value",
    "value_max",
    "approx",
    "unit",
    "speaker",
    "when",
    "text",
    "sentence",
    // Additions.
    "speaker_role",
    "cue",
    "wire",
    "reprinted_in",
    "outlets",
    "stale",
    "disagreement",
    "source",
    "start",
    "end",
    "event",
    "timeline",
];

/// One cell of a row; `c` is the row's full claim.
fn cell(comparison: &Comparison, group: &Group, row: &Row, c: &Claim, column: &str) -> String {
    match column {
        "group" => group.key.clone(),
        "concept" => group.concept.clone(),
        "actor" => group.actor.clone(),
        "event" => group.event.clone(),
        "story" => story_id(row),
        "disagree" => if group.disagree { "yes" } else { "no" }.to_string(),
        "reprinted_in" => comparison.reprints(row).join("; "),
        "outlets" => comparison.outlets(row).join("; "),
        "stale" => row.stale().to_string(),
        "disagreement" => group.disagreement.clone(),
        "timeline" => group.timeline.clone(),
        other => cells::text(c, other).unwrap_or_default(),
    }
}

/// One row per reported figure (a wire story's reprints on the row of its
/// first copy), groups in order. Cells are made formula-safe unless `raw`.
pub fn write_csv<W: Write>(out: W, comparison: &Comparison, raw: bool, bom: bool) -> io::Result<W> {
    let mut out = out;
    if bom {
        // Excel reads a UTF-8 CSV as UTF-8 only with this mark.
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(COMPARE_COLUMNS).map_err(csv_io)?;
    for g in &comparison.groups {
        for row in &g.rows {
            let claim = comparison.claim(&row.figure)?;
            for column in COMPARE_COLUMNS {
                let value = cell(comparison, g, row, &claim, column);
                let value = match raw {
                    true => value.as_str().into(),
                    false => spreadsheet_safe(&value),
                };
                w.write_field(value.as_bytes()).map_err(csv_io)?;
            }
            w.write_record(None::<&[u8]>).map_err(csv_io)?;
        }
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// A workbook: the Comparison sheet (the CSV's rows, figures as numbers and
/// days as dates) and the Claims sheet (every count compared, reprints
/// included, as `extract` writes them).
pub fn write_xlsx<W: Write>(mut out: W, comparison: &Comparison) -> io::Result<W> {
    let mut compared = Sheet::new("Comparison", &COMPARE_COLUMNS).map_err(xlsx::xlsx_io)?;
    let mut claims = Sheet::new("Claims", &COLUMNS).map_err(xlsx::xlsx_io)?;
    for g in &comparison.groups {
        for row in &g.rows {
            let claim = comparison.claim(&row.figure)?;
            let cells: Vec<Cell> = COMPARE_COLUMNS
                .iter()
                .map(|&column| {
                    typed(&claim, column)
                        .unwrap_or_else(|| Cell::Text(cell(comparison, g, row, &claim, column)))
                })
                .collect();
            compared.push(&cells).map_err(xlsx::xlsx_io)?;
            claims.push(&typed_cells(&claim)).map_err(xlsx::xlsx_io)?;
            for copy in row.copies() {
                let c = comparison.claim(copy)?;
                claims.push(&typed_cells(&c)).map_err(xlsx::xlsx_io)?;
            }
        }
    }
    out.write_all(&xlsx::workbook(vec![compared, claims])?)?;
    Ok(out)
}

/// A readable report: per group, the disagreement in one line and a table of
/// its figures with thousands separators.
pub fn write_markdown<W: Write>(mut out: W, comparison: &Comparison) -> io::Result<W> {
    let groups = &comparison.groups;
    writeln!(out, "# Figures compared\n")?;
    writeln!(
        out,
        "{} group(s) of counts from {} article(s); {} disagree.\n",
        groups.len(),
        comparison.article_count(),
        groups.iter().filter(|g| g.disagree).count()
    )?;
    for g in groups {
        writeln!(
            out,
            "## {} ({} article(s), {})\n",
            md(&g.key),
            g.articles(),
            g.verdict()
        )?;
        if !g.disagreement.is_empty() {
            writeln!(out, "{}\n", md(&g.disagreement))?;
        }
        if !g.timeline.is_empty() {
            writeln!(out, "Timeline: {}\n", md(&g.timeline))?;
        }
        writeln!(
            out,
            "| figure | approx | unit | speaker | when | outlets | articles | published | story | note |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|---|---|---|---|")?;
        for r in &g.rows {
            let text = |sym| comparison.text(sym).to_string();
            let f = &r.figure;
            let cells = [
                comparison.shown_figure(r)?,
                f.approx.as_str().replace('_', " "),
                text(f.unit),
                text(f.speaker),
                display_when(comparison.when(r)),
                listed(&comparison.outlets(r)),
                listed(&comparison.articles(r)),
                display_day(f.published),
                story_id(r),
                r.stale().to_string(),
            ];
            let cells: Vec<String> = cells.iter().map(|s| md(s)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        writeln!(out)?;
    }
    Ok(out)
}

/// Text safe in a Markdown table cell, shown as written: HTML (which
/// Markdown renderers pass through, `<script>` and all) as entities, the
/// characters that make a cell a link, code or emphasis, or end it, escaped;
/// line breaks as spaces.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut before = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // An underscore inside a word (`000_37409f`) is no emphasis: left
        // as it is, for the raw report's readers.
        let inside_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let in_word = c == '_' && inside_word(before) && inside_word(chars.peek().copied());
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '_' if in_word => out.push(c),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        before = Some(c);
    }
    out
}
