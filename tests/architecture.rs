//! The shape of the source tree: modules import one another in one
//! direction only, and the lower layers know nothing of the upper ones.
//!
//! Each file of `src/` is a node; a file imports another when it names an
//! item of it through `crate::`, `super::` or a child module it declares
//! (`mod date; ... date::read`). Test modules are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// Every `.rs` file under `src/`, by its module path (`claims::date::joins`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                out.insert(parts, path);
            }
        }
    }
    out
}

/// The module a path names: its longest prefix that is a module.
fn resolve<'a>(
    modules: &'a BTreeMap<Vec<String>, PathBuf>,
    path: &[String],
) -> Option<&'a Vec<String>> {
    (1..=path.len())
        .rev()
        .find_map(|k| modules.get_key_value(&path[..k]).map(|(key, _)| key))
}

/// Each module's imports of other modules of the crate.
fn imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules();
    // `$crate::` in a macro is resolved where the macro is used: no import.
    let path_re =
        Regex::new(r"(?:^|[^$\w])(crate|super)::([A-Za-z_]\w*(?:::[A-Za-z_]\w*)*)").unwrap();
    let group_re = Regex::new(r"\buse\s+(crate|super)::\{([^}]*)\}").unwrap();
    let mod_re = Regex::new(r"(?m)^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+(\w+)\s*;").unwrap();
    let comment = Regex::new(r"//[^\n]*").unwrap();
    let mut out = BTreeMap::new();
    for (module, path) in &modules {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        // The binary's own modules (the command line) sit on top of everything.
        if file == "main.rs" || module.first().is_some_and(|m| m == "cli") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let code = comment.replace_all(code, "");
        // `super::` means the parent of a file, or of a folder's `mod.rs`.
        let is_root = matches!(file.as_str(), "mod.rs" | "lib.rs");
        let parent: Vec<String> = match is_root {
            true => module.clone(),
            false => module[..module.len().saturating_sub(1)].to_vec(),
        };
        let mut deps = BTreeSet::new();
        let mut add = |base: &[String], rest: &str| {
            let mut full = base.to_vec();
            full.extend(rest.split("::").map(|s| s.trim().to_string()));
            if let Some(target) = resolve(&modules, &full) {
                if target != module {
                    deps.insert(target.clone());
                }
            }
        };
        for c in path_re.captures_iter(&code) {
            let base: &[String] = if &c[1] == "crate" { &[] } else { &parent };
            add(base, &c[2]);
        }
        for c in group_re.captures_iter(&code) {
            let base: &[String] = if &c[1] == "crate" { &[] } else { &parent };
            for item in c[2].split(',').filter(|i| !i.trim().is_empty()) {
                add(base, item.trim());
            }
        }
        for c in mod_re.captures_iter(&code) {
            let child = &c[1];
            if Regex::new(&format!(r"(^|[^:\w]){child}::"))
                .unwrap()
                .is_match(&code)
            {
                add(module, child);
            }
        }
        out.insert(module.clone(), deps);
    }
    out
}

fn name(module: &[String]) -> String {
    match module.is_empty() {
        true => "lib".to_string(),
        false => module.join("::"),
    }
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    // Depth-first search for a back edge; the path to it is the cycle.
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        path: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        state.insert(node.clone(), 1);
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let from = path.iter().position(|p| p == next).unwrap();
                    let mut cycle: Vec<String> = path[from..].iter().map(|m| name(m)).collect();
                    cycle.push(name(next));
                    return Some(cycle);
                }
                0 => {
                    if let Some(cycle) = visit(next, graph, state, path) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node) {
            let cycle = visit(node, &graph, &mut state, &mut Vec::new());
            assert!(
                cycle.is_none(),
                "import cycle: {}",
                cycle.unwrap().join(" -> ")
            );
        }
    }
    assert!(
        graph.len() > 40,
        "the source tree was read: {} files",
        graph.len()
    );
}

#[test]
fn lower_layers_do_not_import_upper_ones() {
    let graph = imports();
    // What each layer must never import (by top-level module).
    let forbidden: &[(&str, &[&str])] = &[
        (
            "model",
            &[
                "text", "pattern", "rules", "engine", "claims", "link", "extract", "input",
                "table", "compare", "pipeline",
            ],
        ),
        (
            "text",
            &[
                "rules", "engine", "claims", "link", "extract", "input", "table", "compare",
            ],
        ),
        ("pattern", &["rules", "engine", "claims", "link", "extract"]),
        (
            "rules",
            &[
                "engine", "claims", "link", "extract", "input", "table", "compare",
            ],
        ),
        (
            "engine",
            &["claims", "link", "extract", "input", "table", "compare"],
        ),
        ("claims", &["link", "extract", "input", "table", "compare"]),
        ("link", &["extract", "input", "table", "compare"]),
        (
            "input",
            &[
                "text", "pattern", "rules", "engine", "claims", "link", "extract", "table",
                "compare",
            ],
        ),
        (
            "table",
            &[
                "text", "pattern", "rules", "engine", "claims", "link", "extract", "input",
                "compare",
            ],
        ),
        (
            "compare",
            &[
                "text", "pattern", "rules", "engine", "claims", "link", "extract", "input",
            ],
        ),
    ];
    let mut wrong = Vec::new();
    for (module, deps) in &graph {
        let Some(layer) = module.first() else {
            continue;
        };
        let Some((_, never)) = forbidden.iter().find(|(l, _)| l == layer) else {
            continue;
        };
        for dep in deps {
            if dep.first().is_some_and(|d| never.contains(&d.as_str())) {
                wrong.push(format!("{} imports {}", name(module), name(dep)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
