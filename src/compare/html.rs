//! The comparison as one self-contained HTML page: no scripts, styles or fonts
//! from elsewhere. Each group has its one-line disagreement, an inline SVG
//! chart of its figures by date and outlet (ranges as bars, qualifiers as
//! marker shapes), and its table. The page fits a phone: the chart scales to
//! the screen and tables scroll sideways.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::display::{cmp_in_time, display_day, display_when, group_digits, listed};
use super::group::{Comparison, Group, Row, story_id};
use crate::model::{Approx, Timex};

/// A narrow canvas: on a phone the chart is drawn near its own size, so its
/// text stays readable.
const WIDTH: f64 = 420.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;
/// Colors for outlets, in the order they first appear (readable on white,
/// distinct for the common kinds of color blindness).
const PALETTE: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999",
];

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1600px;padding:12px;color:#222;line-height:1.4}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}\
.badge{font-size:.75em;padding:2px 8px;border-radius:10px;background:#eee;white-space:nowrap}\
.badge.disagree{background:#fde2d4;color:#8a2b00}.badge.agree{background:#dff3e8;color:#0b5d35}.badge.updated{background:#e3ecfb;color:#1d3f7a}\
.explanation{background:#f7f7f7;border-left:4px solid #D55E00;padding:6px 10px}\
.timeline{background:#f7f7f7;border-left:4px solid #0072B2;padding:6px 10px}\
svg.chart{width:100%;height:auto;max-width:560px;display:block}\
.legend{font-size:.85em;color:#444}\
.table-wrap{overflow-x:auto}\
table{border-collapse:collapse;font-size:.9em;min-width:760px;width:100%}\
td.sentence{min-width:22em}\
td.date{white-space:nowrap}\
td.ids{overflow-wrap:anywhere;min-width:8em}\
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}\
td.num{text-align:right;white-space:nowrap}td.vague{text-align:right}\
.stale{color:#8a2b00}";

/// Writes the whole page.
pub fn write_html<W: Write>(mut out: W, comparison: &Comparison) -> io::Result<W> {
    let groups = &comparison.groups;
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Figures compared</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Figures compared</h1>\n<p>{} group(s) of counts from {} article(s); {} disagree.</p>\n",
        groups.len(),
        comparison.article_count(),
        groups.iter().filter(|g| g.disagree).count()
    );
    for (k, g) in groups.iter().enumerate() {
        group_section(&mut page, comparison, k + 1, g)?;
    }
    page.push_str("</body>\n</html>\n");
    out.write_all(page.as_bytes())?;
    Ok(out)
}

fn group_section(
    page: &mut String,
    comparison: &Comparison,
    number: usize,
    g: &Group,
) -> io::Result<()> {
    let class = match (g.compared, g.disagree, g.updated) {
        (false, _, _) => "",
        (true, true, _) => "disagree",
        (true, false, true) => "updated",
        (true, false, false) => "agree",
    };
    let _ = write!(
        page,
        "<section id=\"group-{number}\">\n<h2>{} <span class=\"badge {class}\">{}</span></h2>\n",
        esc(&g.key),
        g.verdict()
    );
    if !g.disagreement.is_empty() {
        let _ = writeln!(
            page,
            "<p class=\"explanation\">{}</p>",
            esc(&g.disagreement)
        );
    }
    if !g.timeline.is_empty() {
        let _ = writeln!(
            page,
            "<p class=\"timeline\">Timeline: {}</p>",
            esc(&g.timeline)
        );
    }
    if !g.concept.is_empty() {
        chart(page, comparison, number, g)?;
    }
    table(page, comparison, g)?;
    page.push_str("</section>\n");
    Ok(())
}

/// A figure's place on the chart: low and high values, the date it is
/// given for (else its article's), if any.
struct Point<'a> {
    low: f64,
    high: f64,
    day: Option<Timex>,
    row: &'a Row,
}

fn points<'a>(comparison: &'a Comparison, g: &'a Group) -> Vec<Point<'a>> {
    g.rows
        .iter()
        .filter(|r| r.figure.approx != Approx::Vague)
        .map(|r| {
            let amount = comparison.amount(r);
            let low = amount.value.to_f64();
            let day = match comparison.when(r) {
                Some(when) => Some(when.clone()),
                None => r.figure.published.map(Timex::Day),
            };
            Point {
                low,
                high: amount.max.map_or(low, |m| m.to_f64()),
                day,
                row: r,
            }
        })
        .collect()
}

/// The most value ticks a chart's axis has, whatever its figures.
const MAX_TICKS: f64 = 20.0;

/// A round step for about five ticks up to `max`.
fn tick_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
}

fn chart(page: &mut String, comparison: &Comparison, number: usize, g: &Group) -> io::Result<()> {
    let points = points(comparison, g);
    if points.is_empty() {
        return Ok(());
    }
    // Days in order, undated last; each day a column.
    let mut days: Vec<Option<&Timex>> = points.iter().map(|p| p.day.as_ref()).collect();
    days.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => cmp_in_time(a, b),
        (a, b) => a.is_none().cmp(&b.is_none()),
    });
    days.dedup();
    let first_outlet = |row: &Row| comparison.outlets(row).first().copied().unwrap_or("");
    let mut outlets: Vec<&str> = Vec::new();
    for p in &points {
        let outlet = first_outlet(p.row);
        if !outlets.contains(&outlet) {
            outlets.push(outlet);
        }
    }
    let max = points.iter().map(|p| p.high).fold(0.0, f64::max);
    let step = tick_step(max * 1.1);
    let top_value = (max * 1.1 / step).ceil().max(1.0) * step;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (1.0 - v / top_value);
    let column = plot_w / days.len() as f64;
    let label = format!("Figures for {} by date and outlet", g.key);
    let _ = write!(
        page,
        "<figure>\n<svg class=\"chart\" id=\"chart-{number}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        esc(&label)
    );
    // Axes, ticks and day labels.
    // Counted, not stepped until `top_value`: an addition too small to move
    // a huge float would never get there.
    let ticks = (top_value / step).round().clamp(1.0, MAX_TICKS) as usize;
    for k in 0..=ticks {
        let tick = k as f64 * step;
        let _ = writeln!(
            page,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#e5e5e5\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#555\">{}</text>",
            WIDTH - RIGHT,
            y(tick),
            y(tick),
            LEFT - 6.0,
            y(tick) + 4.0,
            group_digits(&format_number(tick))
        );
    }
    for (k, day) in days.iter().enumerate() {
        let x = LEFT + column * (k as f64 + 0.5);
        let text = match day {
            Some(day) => display_when(Some(day)),
            None => "undated".to_string(),
        };
        let _ = writeln!(
            page,
            "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
            HEIGHT - BOTTOM + 18.0,
            esc(&text)
        );
    }
    // Figures: within a day's column, side by side in row order.
    for (k, day) in days.iter().enumerate() {
        let here: Vec<&Point> = points.iter().filter(|p| p.day.as_ref() == *day).collect();
        for (i, p) in here.iter().enumerate() {
            let x = LEFT + column * (k as f64 + (i as f64 + 1.0) / (here.len() as f64 + 1.0));
            let outlet = first_outlet(p.row);
            let color =
                PALETTE[outlets.iter().position(|o| *o == outlet).unwrap_or(0) % PALETTE.len()];
            marker(page, comparison, x, (y(p.low), y(p.high)), color, p.row)?;
        }
    }
    let _ = writeln!(
        page,
        "<line x1=\"{LEFT}\" x2=\"{LEFT}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#999\"/><line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\"/>",
        HEIGHT - BOTTOM,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM,
        HEIGHT - BOTTOM
    );
    page.push_str("</svg>\n<figcaption class=\"legend\">");
    for (k, outlet) in outlets.iter().enumerate() {
        let name = if outlet.is_empty() {
            "outlet unknown"
        } else {
            outlet
        };
        let _ = write!(
            page,
            "<span style=\"color:{}\">&#9679;</span> {} &nbsp; ",
            PALETTE[k % PALETTE.len()],
            esc(name)
        );
    }
    page.push_str(
        "<br>&#9679; exact &nbsp; &#9675; approximate &nbsp; &#9660; at most &nbsp; &#9650; at least &nbsp; &#9646; a range. \
         Each figure at the day it is given for, else its article's date.</figcaption>\n</figure>\n",
    );
    Ok(())
}

/// One figure: a bar for a range, else a shape by qualifier; its tooltip says
/// who gives it, where and when.
fn marker(
    page: &mut String,
    comparison: &Comparison,
    x: f64,
    (y_low, y_high): (f64, f64),
    color: &str,
    row: &Row,
) -> io::Result<()> {
    let approx = row.figure.approx;
    let figure = comparison.shown_figure(row)?;
    let who = match comparison.text(row.figure.speaker) {
        "" => "unattributed",
        speaker => speaker,
    };
    let title = format!(
        "{figure} ({}) by {who}, {}: {}",
        approx.as_str().replace('_', " "),
        listed(&comparison.outlets(row)),
        comparison.articles(row)[0]
    );
    let _ = write!(page, "<g class=\"figure\"><title>{}</title>", esc(&title));
    if (y_low - y_high).abs() > 0.5 {
        let _ = write!(
            page,
            "<rect x=\"{:.1}\" y=\"{y_high:.1}\" width=\"10\" height=\"{:.1}\" fill=\"{color}\" fill-opacity=\"0.35\" stroke=\"{color}\"/>",
            x - 5.0,
            y_low - y_high
        );
    } else {
        let shape = match approx {
            Approx::AtMost => format!(
                "<path d=\"M{:.1} {:.1} L{:.1} {:.1} L{x:.1} {:.1} Z\" fill=\"{color}\"/>",
                x - 6.0,
                y_low - 5.0,
                x + 6.0,
                y_low - 5.0,
                y_low + 6.0
            ),
            Approx::AtLeast => format!(
                "<path d=\"M{:.1} {:.1} L{:.1} {:.1} L{x:.1} {:.1} Z\" fill=\"{color}\"/>",
                x - 6.0,
                y_low + 5.0,
                x + 6.0,
                y_low + 5.0,
                y_low - 6.0
            ),
            Approx::Approximate => format!(
                "<circle cx=\"{x:.1}\" cy=\"{y_low:.1}\" r=\"5.5\" fill=\"white\" stroke=\"{color}\" stroke-width=\"2.5\"/>"
            ),
            _ => format!("<circle cx=\"{x:.1}\" cy=\"{y_low:.1}\" r=\"6\" fill=\"{color}\"/>"),
        };
        page.push_str(&shape);
    }
    page.push_str("</g>\n");
    Ok(())
}

fn table(page: &mut String, comparison: &Comparison, g: &Group) -> io::Result<()> {
    page.push_str(
        "<div class=\"table-wrap\"><table>\n<thead><tr><th>figure</th><th>approx</th><th>unit</th><th>speaker</th>\
         <th>when</th><th>outlets</th><th>articles</th><th>published</th><th>story</th><th>sentence</th></tr></thead>\n<tbody>\n",
    );
    for r in &g.rows {
        let c = comparison.claim(&r.figure)?;
        let figure = comparison.shown_figure(r)?;
        let docs = comparison.articles(r);
        // A figure in digits stays on one line; a vague one ("thousands of
        // North Korean soldiers") wraps, so that a phone shows it whole.
        let figure_class = match r.figure.approx {
            Approx::Vague => "vague",
            _ => "num",
        };
        let stale = match r.stale().is_empty() {
            true => String::new(),
            false => format!("<br><span class=\"stale\">Stale? {}</span>", esc(r.stale())),
        };
        let _ = writeln!(
            page,
            "<tr><td class=\"{figure_class}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"date\">{}</td><td>{}</td><td class=\"ids\">{}</td><td class=\"date\">{}</td><td>{}</td><td class=\"sentence\">{}{stale}</td></tr>",
            esc(&figure),
            esc(&r.figure.approx.as_str().replace('_', " ")),
            esc(comparison.text(r.figure.unit)),
            esc(comparison.text(r.figure.speaker)),
            esc(&display_when(comparison.when(r))),
            esc(&listed(&comparison.outlets(r))),
            esc(&listed(&docs)),
            esc(&display_day(r.figure.published)),
            esc(&story_id(r)),
            esc(&c.sentence),
        );
    }
    page.push_str("</tbody></table></div>\n");
    Ok(())
}

/// A tick value without a needless fraction.
fn format_number(v: f64) -> String {
    match v.fract() == 0.0 {
        true => format!("{v:.0}"),
        false => format!("{v}"),
    }
}

/// Text safe in HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(13_200.0), 5_000.0);
        assert_eq!(tick_step(100.0), 20.0);
        assert_eq!(tick_step(7.0), 2.0);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }
}
