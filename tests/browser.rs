//! The HTML report opened in a real headless browser (Chromium): it renders,
//! its charts are there, its tables fit a desktop window with the sentence in
//! view and no date broken across lines, and a phone-sized screenshot is
//! written as a test artifact (`target/tmp/compare-report.png`).
//!
//! Chromium is `$CLAIMEX_CHROMIUM`, else `chromium` or `chromium-browser` on
//! the PATH. Without one the test says so and passes, unless
//! `CLAIMEX_REQUIRE_BROWSER=1` (as `.ci/run` sets, after installing Debian's
//! `chromium`): then a missing browser fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{claimex, samples};

/// Measures the laid-out page into `data-layout` on its body: the tables
/// wider than their box, the sentence cells past the window's right edge, and
/// the date cells laid out on more than one line.
const MEASURE: &str = "<script>\
const wraps=[...document.querySelectorAll('.table-wrap')];\
const over=wraps.filter(w=>w.scrollWidth>w.clientWidth+1).length;\
const out=[...document.querySelectorAll('td.sentence')].filter(td=>td.getBoundingClientRect().right>window.innerWidth+1).length;\
const lines=td=>{const r=document.createRange();r.selectNodeContents(td);return new Set([...r.getClientRects()].map(c=>Math.round(c.top))).size;};\
const broken=[...document.querySelectorAll('td.date')].filter(td=>td.textContent.trim()&&lines(td)>1).length;\
document.body.setAttribute('data-layout',over+' '+out+' '+broken);\
</script>";

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CLAIMEX_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("chromium"), dir.join("chromium-browser")])
        .find(|candidate| candidate.is_file())
}

/// Runs headless Chromium with the flags a closed network and a root user need.
fn headless(browser: &Path, profile: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium starts");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_html_report_renders_in_a_browser_with_its_charts() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("CLAIMEX_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "CLAIMEX_REQUIRE_BROWSER=1 but no chromium was found"
        );
        eprintln!("skipped: no chromium on this machine (set CLAIMEX_CHROMIUM to one)");
        return;
    };
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let html = artifacts.join("compare-report.html");
    let png = artifacts.join("compare-report.png");
    let _ = std::fs::remove_file(&png);
    let samples = samples();
    let manifest = samples.join("manifest.csv");
    let run = claimex(&[
        "compare",
        samples.to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(&html).unwrap();
    // Self-contained: nothing is fetched from elsewhere.
    for outside in ["<script", "<link", "src=\"http", "@import", "url("] {
        assert!(!page.contains(outside), "the page loads {outside}");
    }

    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", html.display());
    // The DOM as the browser parsed it: the troops chart with a mark per figure.
    let dom = headless(&browser, profile.path(), &["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("troops deployed / North Korea"), "{dom}");
    let chart_start = dom.find("id=\"chart-1\"").expect("the first group's chart");
    let chart = &dom[chart_start..dom[chart_start..].find("</svg>").unwrap() + chart_start];
    let marks = chart.matches("class=\"figure\"").count();
    assert!(marks >= 6, "{marks} figures drawn in the troops chart");
    assert!(chart.contains("<rect"), "the 10,000-12,000 range is a bar");

    // The layout, measured in the page as a browser lays it out: at a
    // desktop's 1,400 pixels the tables fit (the sentence column in view, no
    // sideways scrolling), and at a phone's 412 no date breaks across lines.
    let measured = artifacts.join("compare-report-measured.html");
    std::fs::write(
        &measured,
        page.replace("</body>", &format!("{MEASURE}</body>")),
    )
    .unwrap();
    let measured_url = format!("file://{}", measured.display());
    for (width, wide) in [(1400, true), (412, false)] {
        let size = format!("--window-size={width},1200");
        let dom = headless(
            &browser,
            profile.path(),
            &["--dump-dom", &size, &measured_url],
        );
        let dom = String::from_utf8_lossy(&dom.stdout);
        let layout = dom
            .split("data-layout=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the measuring script ran");
        let [overflowing, sentences_out, broken_dates]: [usize; 3] = layout
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        assert_eq!(broken_dates, 0, "dates broken across lines at {width} px");
        if wide {
            assert_eq!(overflowing, 0, "tables scroll sideways at {width} px");
            assert_eq!(sentences_out, 0, "sentences out of view at {width} px");
        }
    }

    // A phone-sized screenshot, kept as an artifact.
    let screenshot = format!("--screenshot={}", png.display());
    headless(
        &browser,
        profile.path(),
        &["--window-size=412,1800", &screenshot, &url],
    );
    let bytes = std::fs::read(&png).expect("the screenshot was written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // An empty white page compresses to a few kilobytes; text and a chart do not.
    assert!(
        bytes.len() > 20_000,
        "the screenshot holds {} bytes",
        bytes.len()
    );
    eprintln!("screenshot: {}", png.display());
}
