//! `compare` on multi-outlet stories written for these tests
//! (`tests/data/stories/`, each with a README of what it plants): figures of
//! different things kept apart, earlier events named in passing left out,
//! updates told from disagreements, and an unnamed rewrite's outlet.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use crate::util::{Dir, claimex, copy_default_rules, parse_csv};

fn story(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/stories")
        .join(name)
}

/// `compare` rows on some articles of a story (all of them if `files` is empty).
fn compare(name: &str, files: &[&str]) -> Vec<HashMap<String, String>> {
    compare_with(name, files, &[])
}

/// `compare` rows with the default rules and the extra countries `actors`
/// (`"Kestrian" = "Kestria"` lines of the `country` lexicon): the border
/// story's countries are invented, and a user covering an unlisted party
/// adds it so.
fn compare_with(name: &str, files: &[&str], actors: &[&str]) -> Vec<HashMap<String, String>> {
    let dir = Dir::new();
    let rules = match actors.is_empty() {
        true => None,
        false => {
            let rules = copy_default_rules(&dir);
            let path = std::path::Path::new(&rules).join("actors.toml");
            let text = std::fs::read_to_string(&path).unwrap();
            let table = "[lexicons.country]\n";
            let added = format!("{table}{}\n", actors.join("\n"));
            std::fs::write(&path, text.replacen(table, &added, 1)).unwrap();
            Some(rules)
        }
    };
    let dir = story(name);
    let manifest = dir.join("manifest.csv");
    let paths: Vec<String> = match files.is_empty() {
        true => vec![dir.display().to_string()],
        false => files
            .iter()
            .map(|f| dir.join(f).display().to_string())
            .collect(),
    };
    let mut args = vec!["compare"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--manifest", manifest.to_str().unwrap()]);
    if let Some(rules) = &rules {
        args.extend(["--rules", rules.as_str()]);
    }
    let run = claimex(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    parse_csv(&run.stdout)
}

/// The groups that hold a figure, with whether each disagrees.
fn groups_of(rows: &[HashMap<String, String>], value: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r["value"] == value)
        .map(|r| (r["group"].clone(), r["disagree"].clone()))
        .collect();
    found.dedup();
    found
}

#[test]
fn the_killed_the_rescued_and_an_older_disaster_are_apart() {
    for (name, killed, rescued, older) in [
        ("ferry-sinking", "214", "131", "332"),
        ("building-collapse", "41", "48", "19"),
    ] {
        let rows = compare(name, &[]);
        let killed = groups_of(&rows, killed);
        assert!(
            killed.iter().all(|(g, _)| g.starts_with("people killed")),
            "{name}: {killed:?}"
        );
        let rescued = groups_of(&rows, rescued);
        assert!(
            rescued.iter().any(|(g, _)| g == "people rescued"),
            "{name}: {rescued:?}"
        );
        assert!(
            !rescued.iter().any(|(g, _)| g.contains("killed")),
            "{name}: {rescued:?}"
        );
        // "the deadliest since a 2006 sinking that killed 332 people".
        let older = groups_of(&rows, older);
        assert!(
            older
                .iter()
                .all(|(g, d)| g.contains("earlier events") && d == "no"),
            "{name}: {older:?}"
        );
    }
}

#[test]
fn a_toll_that_rises_during_the_day_is_an_update() {
    // The agency's morning and evening stories alone.
    let rows = compare(
        "ferry-sinking",
        &["01-ap-tuesday-morning.txt", "02-ap-tuesday-evening.txt"],
    );
    let killed = groups_of(&rows, "214");
    assert!(killed.iter().all(|(_, d)| d == "no"), "{killed:?}");
    let rows = compare(
        "building-collapse",
        &["01-ap-morning.txt", "03-ap-evening.txt"],
    );
    let killed = groups_of(&rows, "41");
    assert!(killed.iter().all(|(_, d)| d == "no"), "{killed:?}");
}

#[test]
fn two_outlets_with_different_tolls_the_same_evening_disagree() {
    // The provincial governor's 209 in the local paper against the national
    // agency's 214 on the wire, both Tuesday evening.
    let rows = compare(
        "ferry-sinking",
        &["02-ap-tuesday-evening.txt", "03-local-evening.txt"],
    );
    assert_eq!(groups_of(&rows, "214"), groups_of(&rows, "209"));
    assert!(groups_of(&rows, "209").iter().all(|(_, d)| d == "yes"));
}

/// An article with no date given takes the one it dates itself with: its
/// time stamp line at the top, not a file photo's caption a week older, nor a
/// year it names in passing.
#[test]
fn an_undated_article_takes_its_own_time_stamp() {
    for (name, file, day) in [
        ("building-collapse", "04-local-undated.txt", "2024-03-12"),
        (
            "wildfire-evacuations",
            "02-caption-undated.txt",
            "2024-08-13",
        ),
        ("border-deployment", "04-afp-undated.txt", "2024-10-09"),
    ] {
        let path = story(name).join(file);
        let run = claimex(&["extract", path.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // Said once on standard error, as a note.
        let said = format!("no date given; dated {day} from its own text");
        assert_eq!(run.stderr.matches(&said).count(), 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("claimex: note: "), "{}", run.stderr);
        let rows = run.rows();
        assert!(!rows.is_empty(), "{file}");
        assert!(
            rows.iter()
                .all(|r| r["published"] == day && r["published_from"] == "text"),
            "{file}: {} {}",
            rows[0]["published"],
            rows[0]["published_from"]
        );
    }
}

/// Valdoria and Kestria, the border story's invented countries.
const BORDER_COUNTRIES: [&str; 4] = [
    "\"Valdoria\" = \"Valdoria\"",
    "\"Valdorian\" = \"Valdoria\"",
    "\"Kestria\" = \"Kestria\"",
    "\"Kestrian\" = \"Kestria\"",
];

/// Every story, whole, as `compare` groups it.
fn every_story() -> Vec<(&'static str, Vec<HashMap<String, String>>)> {
    [
        "building-collapse",
        "ferry-sinking",
        "wildfire-evacuations",
        "factory-closure",
        "border-deployment",
        "cholera-outbreak",
    ]
    .into_iter()
    .map(|name| {
        let actors: &[&str] = match name {
            "border-deployment" => &BORDER_COUNTRIES,
            _ => &[],
        };
        (name, compare_with(name, &[], actors))
    })
    .collect()
}

/// Each group's first row: its verdict, disagreement line and timeline.
fn groups(rows: &[HashMap<String, String>]) -> BTreeMap<String, &HashMap<String, String>> {
    let mut out = BTreeMap::new();
    for r in rows {
        out.entry(r["group"].clone()).or_insert(r);
    }
    out
}

/// The figures a disagreement line or timeline names: "209" of "209 (Frans
/// Tumiwa)".
fn figures_named(line: &str) -> BTreeSet<String> {
    let pattern = regex::Regex::new(r"(?:^|: | vs |; )([0-9][0-9,–]*) \(").unwrap();
    pattern
        .captures_iter(line)
        .map(|c| c[1].to_string())
        .collect()
}

/// A planted disagreement: its group, its time, and the figures in conflict.
type Planted = (&'static str, &'static str, &'static [&'static str]);

/// The disagreements each story plants, and nothing else: the group, the
/// time, and the figures in conflict then.
#[test]
fn every_planted_disagreement_is_found_and_nothing_else_disagrees() {
    let planted: BTreeMap<&str, Vec<Planted>> = BTreeMap::from([
        // The state governor's 38 against the agency's 41, Tuesday evening.
        (
            "building-collapse",
            vec![(
                "people killed / Nigeria",
                "2024-03-12 evening",
                &["38", "41"][..],
            )],
        ),
        // The governor's 209 against the agency's 214, Tuesday evening.
        (
            "ferry-sinking",
            vec![(
                "people killed / Indonesia",
                "2024-05-14 evening",
                &["209", "214"][..],
            )],
        ),
        // The sheriff's 15,500 evacuated against the state's 17,800 and
        // about 18,000, Tuesday.
        (
            "wildfire-evacuations",
            vec![(
                "people evacuated",
                "2024-08-13",
                &["15,500", "17,800", "18,000"][..],
            )],
        ),
        // The union's 1,450 jobs against the company's 1,300, Feb. 6; the
        // company's 900 strikers against the union's more than 1,100.
        (
            "factory-closure",
            vec![
                (
                    "jobs laid off / United Kingdom",
                    "2024-02-06",
                    &["1,300", "1,450"][..],
                ),
                ("people protesting", "2024-02-08", &["900", "1,100"][..]),
            ],
        ),
        // The ministry's 3,000 troops against the diplomats' 4,500, Monday.
        (
            "border-deployment",
            vec![(
                "troops deployed / Valdoria",
                "2024-10-07",
                &["3,000", "4,500"][..],
            )],
        ),
        // The district's 21 deaths against the ministry's 14, Wednesday.
        (
            "cholera-outbreak",
            vec![("people killed / Zambia", "2024-06-12", &["14", "21"][..])],
        ),
    ]);
    for (name, rows) in every_story() {
        let groups = groups(&rows);
        let disagreeing: BTreeSet<&str> = groups
            .iter()
            .filter(|(_, r)| r["disagree"] == "yes")
            .map(|(g, _)| g.as_str())
            .collect();
        let expected = &planted[name];
        let expected_groups: BTreeSet<&str> = expected.iter().map(|(g, ..)| *g).collect();
        assert_eq!(disagreeing, expected_groups, "{name}");
        for (group, time, figures) in expected {
            let line = &groups[*group]["disagreement"];
            assert!(line.starts_with(time), "{name}: {line}");
            // The figures in conflict, and no others (an earlier toll, a
            // later one, another article's own history).
            let named = figures_named(line);
            let figures: BTreeSet<String> = figures.iter().map(|f| f.to_string()).collect();
            assert_eq!(named, figures, "{name}: {line}");
        }
    }
}

/// A count that rises from article to article is a timeline, in time order.
#[test]
fn updates_are_laid_out_in_time() {
    let updates: [(&str, &str, &[&str]); 7] = [
        (
            "ferry-sinking",
            "people killed / Indonesia",
            &["150", "214", "231"],
        ),
        (
            "building-collapse",
            "people killed / Nigeria",
            &["23", "41", "47"],
        ),
        (
            "cholera-outbreak",
            "people killed / Zambia",
            &["9", "14", "17"],
        ),
        (
            "factory-closure",
            "jobs laid off / United Kingdom",
            &["1,300", "1,150"],
        ),
        ("wildfire-evacuations", "people killed", &["2", "3"]),
        (
            "border-deployment",
            "troops deployed / Valdoria",
            &["3,000", "3,800", "4,000"],
        ),
        (
            "ferry-sinking",
            "people missing / Indonesia",
            &["108", "90"],
        ),
    ];
    let stories: HashMap<&str, Vec<HashMap<String, String>>> = every_story().into_iter().collect();
    for (name, group, figures) in updates {
        let groups = groups(&stories[name]);
        let row = groups
            .get(group)
            .unwrap_or_else(|| panic!("{name}: no {group} in {:?}", groups.keys()));
        let timeline = &row["timeline"];
        let at = |f: &str| {
            timeline
                .find(&format!(": {f} ("))
                .or_else(|| timeline.find(&format!("; {f} (")))
                .unwrap_or_else(|| panic!("{name}: {f} not in {timeline}"))
        };
        let places: Vec<usize> = figures.iter().map(|f| at(f)).collect();
        assert!(places.is_sorted(), "{name}: {timeline}");
    }
    // Figures that only rose are an update, not a disagreement.
    for (name, group) in [
        ("wildfire-evacuations", "people killed"),
        ("ferry-sinking", "people missing / Indonesia"),
    ] {
        let groups = groups(&stories[name]);
        assert_eq!(groups[group]["disagree"], "no", "{name}: {group}");
    }
}

/// A portal's trimmed copy of a wire story is that story: its figures are
/// the wire's rows, reprinted, not a second confirmation.
#[test]
fn a_portals_trimmed_copy_is_the_wire_story() {
    for (name, wire, portal) in [
        ("building-collapse", "01-ap-morning", "02-portal-trimmed"),
        (
            "ferry-sinking",
            "02-ap-tuesday-evening",
            "05-portal-trimmed",
        ),
        ("factory-closure", "01-reuters", "02-portal-trimmed"),
        (
            "cholera-outbreak",
            "02-reuters-wednesday",
            "05-portal-trimmed",
        ),
    ] {
        let rows = compare(name, &[]);
        let story_of = |doc: &str| -> BTreeSet<String> {
            rows.iter()
                .filter(|r| r["doc_id"] == doc || r["reprinted_in"].split("; ").any(|d| d == doc))
                .map(|r| r["story"].clone())
                .collect()
        };
        let (wire_stories, portal_stories) = (story_of(wire), story_of(portal));
        assert_eq!(portal_stories.len(), 1, "{name}: {portal_stories:?}");
        assert!(wire_stories.is_superset(&portal_stories), "{name}");
        // The portal's figures are reprints on the wire's rows.
        assert!(
            rows.iter().all(|r| r["doc_id"] != portal),
            "{name}: the portal's copy has rows of its own"
        );
    }
}

/// Each article's outlet and wire: a dateline's agency is its own, a
/// portal's copy names the portal and the wire, and an unnamed rewrite that
/// credits an agency has no outlet and that agency as its wire.
#[test]
fn outlets_and_wires_are_the_articles_own() {
    for (name, file, outlet, wire) in [
        (
            "ferry-sinking",
            "04-rewrite-ap-credit.txt",
            "",
            "Associated Press",
        ),
        (
            "cholera-outbreak",
            "04-rewrite-ap-credit.txt",
            "",
            "Associated Press",
        ),
        (
            "factory-closure",
            "04-rewrite-reuters-credit.txt",
            "",
            "Reuters",
        ),
        (
            "ferry-sinking",
            "05-portal-trimmed.txt",
            "Berita Kini English",
            "Associated Press",
        ),
        (
            "factory-closure",
            "02-portal-trimmed.txt",
            "Midlands Business Hub",
            "Reuters",
        ),
        ("ferry-sinking", "03-local-evening.txt", "Kaluwi Pos", ""),
        (
            "border-deployment",
            "04-afp-undated.txt",
            "AFP",
            "Agence France-Presse",
        ),
    ] {
        let dir = story(name);
        let manifest = dir.join("manifest.csv");
        let run = claimex(&[
            "extract",
            dir.join(file).to_str().unwrap(),
            "--manifest",
            manifest.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let rows = run.rows();
        assert!(!rows.is_empty(), "{name}/{file}");
        for r in &rows {
            assert_eq!(
                (r["outlet"].as_str(), r["wire"].as_str()),
                (outlet, wire),
                "{name}/{file}"
            );
        }
    }
}
