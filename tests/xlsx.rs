//! Workbooks read back as a spreadsheet reads them (with `calamine`): figures
//! are numbers, days are dates, and text that looks like a formula is text.

use crate::util::{self, Dir, claimex, samples};
use calamine::{Data, Reader, Xlsx, open_workbook};

type Book = Xlsx<std::io::BufReader<std::fs::File>>;

fn run_to_file(args: &[&str], out: &str) -> Book {
    let mut args = args.to_vec();
    args.extend_from_slice(&["-o", out]);
    let run = claimex(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    open_workbook(out).expect("a workbook calamine can open")
}

/// `COMMAND` on the bundled samples with their manifest, as a workbook.
fn seeds_to_workbook(command: &str, out: &str) -> Book {
    let samples = samples();
    let manifest = samples.join("manifest.csv");
    let args = [
        command,
        samples.to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
        "--format",
        "xlsx",
    ];
    run_to_file(&args, out)
}

/// The header, and the rows as (column -> cell) maps.
fn rows(book: &mut Book, sheet: &str) -> Vec<std::collections::HashMap<String, Data>> {
    let range = book.worksheet_range(sheet).expect("the sheet exists");
    let mut lines = range.rows();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    lines
        .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

#[test]
fn extract_writes_figures_as_numbers_and_days_as_dates() {
    let dir = Dir::new();
    let out = dir.join("claims.xlsx");
    let mut book = seeds_to_workbook("extract", &out);
    assert_eq!(book.sheet_names(), ["Claims"]);
    let header: Vec<String> = book
        .worksheet_range("Claims")
        .unwrap()
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, claimex::COLUMNS);
    let rows = rows(&mut book, "Claims");
    let miller = rows
        .iter()
        .find(|r| {
            r["kind"] == Data::String("count".into())
                && r["speaker"] == Data::String("Matthew Miller".into())
        })
        .expect("Miller's count");
    assert_eq!(miller["value"], Data::Float(10000.0));
    assert!(
        matches!(miller["published"], Data::DateTime(_)),
        "{:?}",
        miller["published"]
    );
    assert!(
        matches!(miller["when"], Data::DateTime(_)),
        "{:?}",
        miller["when"]
    );
    assert_eq!(miller["start"], Data::Float(4905.0));
    // A week stays text.
    assert!(
        rows.iter()
            .any(|r| r["value"] == Data::String("2024-W44".into()))
    );
    // As many rows as the CSV has.
    let csv_rows = util::extract_seeds("csv").rows().len();
    assert_eq!(rows.len(), csv_rows);
}

#[test]
fn a_quote_that_starts_with_equals_is_text_not_a_formula() {
    let dir = Dir::new();
    let article = dir.write(
        "a.txt",
        "\u{201c}=SUM(A1:A9)*10 is what they want,\u{201d} Miller said Monday.",
    );
    let out = dir.join("claims.xlsx");
    let mut book = run_to_file(&["extract", &article, "--format", "xlsx"], &out);
    let rows = rows(&mut book, "Claims");
    let quote = rows
        .iter()
        .find(|r| r["kind"] == Data::String("quote".into()))
        .expect("the quote");
    let Data::String(said) = &quote["value"] else {
        panic!("the quote is text: {:?}", quote["value"]);
    };
    assert!(
        said.starts_with("=SUM(A1:A9)*10 is what they want"),
        "{said}"
    );
    let formulas = book.worksheet_formula("Claims").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
}

#[test]
fn compare_writes_a_comparison_sheet_and_a_claims_sheet() {
    let dir = Dir::new();
    let out = dir.join("compare.xlsx");
    let mut book = seeds_to_workbook("compare", &out);
    assert_eq!(book.sheet_names(), ["Comparison", "Claims"]);
    let comparison = rows(&mut book, "Comparison");
    let troops: Vec<_> = comparison
        .iter()
        .filter(|r| r["group"] == Data::String("troops deployed / North Korea".into()))
        .collect();
    let figures: Vec<&Data> = troops.iter().map(|r| &r["value"]).collect();
    for want in [10000.0, 8000.0] {
        assert!(
            figures.contains(&&Data::Float(want)),
            "{want} not in {figures:?}"
        );
    }
    assert!(
        troops
            .iter()
            .all(|r| r["disagree"] == Data::String("yes".into()))
    );
    // Every count compared is on the claims sheet, the reprints' too.
    let claims = rows(&mut book, "Claims");
    let from_001 = claims
        .iter()
        .filter(|r| r["doc_id"] == Data::String("001_ca7cebb2266aefef".into()))
        .count();
    assert!(from_001 >= 3, "{from_001}");
}

/// The same input gives the same bytes, as in the other formats: the
/// workbook's creation time is `SOURCE_DATE_EPOCH`, or else a constant,
/// never the clock.
#[test]
fn the_same_input_gives_the_same_workbook() {
    let dir = Dir::new();
    let samples = samples();
    let run = |name: &str, epoch: Option<&str>| {
        let out = dir.join(name);
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_claimex"));
        cmd.args([
            "extract",
            samples.to_str().unwrap(),
            "--format",
            "xlsx",
            "-o",
            &out,
        ]);
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        let status = cmd.output().unwrap();
        (
            status.status.code(),
            std::fs::read(&out).ok(),
            status.stderr,
        )
    };
    let (code, first, _) = run("first.xlsx", None);
    assert_eq!(code, Some(0));
    // Past a second boundary, where a clock's time would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (_, second, _) = run("second.xlsx", None);
    assert!(first.is_some() && first == second, "identical bytes");

    let (code, dated, _) = run("dated.xlsx", Some("1700000000"));
    assert_eq!(code, Some(0));
    assert_ne!(dated, first);
    let core = unzip_entry(&dir.join("dated.xlsx"), "docProps/core.xml");
    assert!(core.contains("2023-11-14T22:13:20Z"), "{core}");

    let (code, none, stderr) = run("bad.xlsx", Some("yesterday"));
    assert_eq!(code, Some(2));
    assert!(none.is_none(), "nothing written");
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH is `yesterday`"),
        "{stderr}"
    );
}

/// One file of a ZIP archive (a workbook), as text.
fn unzip_entry(path: &str, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}
