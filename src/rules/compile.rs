//! Compiling a rule set: parsing its files, expanding macros and lexicons,
//! compiling patterns on every core, and checking every rule against the
//! declared vocabulary, with each problem's file, line and rule.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use regex::{Regex, RegexBuilder, RegexSetBuilder};
use toml::Spanned;

use super::captures::{CaptureFields, field_of_capture};
use super::error::{RuleError, RuleErrors, plain_regex_message, regex_message};
use super::expand::Expander;
use super::lexicon::Lexicon;
use super::schema::{ExampleDef, JoinDef, LexiconDef, OutletDef, RuleDef, RuleFile};
use super::set::{
    CompiledRule, Example, JoinOp, JoinRule, OutletRole, OutletRule, Rules, Says, Scope,
};
use super::vocabulary::{self, Cap, LEXICONS, Need, SETTINGS, Settings};
use crate::model::{DateKind, Kind, is_expectable_field, parse_published};

/// The first rule that needs what `needed_by` names: who needs it, and the
/// rule's file, line and id.
fn first_needing(
    needed_by: &[Need],
    rules: &[CompiledRule],
    outlets: &[OutletRule],
) -> Option<(String, String, usize, String)> {
    needed_by.iter().find_map(|need| match need {
        Need::Rules(kind) => rules.iter().find(|r| r.kind == *kind).map(|r| {
            (
                format!("{kind} rules"),
                r.file.clone(),
                r.line,
                r.id.to_string(),
            )
        }),
        Need::Outlets => outlets.first().map(|r| {
            (
                "outlet rules".to_string(),
                r.file.clone(),
                r.line,
                r.id.clone(),
            )
        }),
    })
}

/// Whether a rules source is a word list (`NAME.words`) rather than TOML.
pub(super) fn is_word_list(name: &str) -> bool {
    name.ends_with(".words")
}

/// Every lexicon of a rule set, by name.
type Lexicons = HashMap<String, Arc<Lexicon>>;

/// A sentence with its first letter in lowercase.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
use crate::pattern::{Pattern, PatternError};
use crate::text::{Stops, TextRules};

/// Upper bound on one compiled rule pattern. A pattern past it is reported with
/// its rule id rather than slowing every article down.
pub const PATTERN_SIZE_LIMIT: usize = 8 << 20;

/// Cache of the lazy DFA per pattern (and per thread using it). Unicode classes
/// inside repetitions need more than the default, or matching falls back to a
/// far slower engine.
pub const DFA_CACHE_LIMIT: usize = 32 << 20;

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A parsed file, kept with its name and line starts for locating problems.
struct Parsed<'s> {
    name: &'s str,
    file: RuleFile,
    /// Where each line after the first starts, for `line`.
    line_starts: Vec<usize>,
}

impl Parsed<'_> {
    /// The 1-based line of a byte offset, as `line_of` gives it, without
    /// counting from the start of the file each time (a rule set asks
    /// thousands of times).
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) + 1
    }
}

#[derive(Default)]
pub(super) struct Compiler {
    errors: Vec<RuleError>,
    warnings: Vec<RuleError>,
    /// Rule patterns compiled ahead, on every core, by expanded pattern.
    compiled: CompiledAhead<Pattern, PatternError>,
    /// Outlet and text patterns compiled ahead, by pattern.
    plain: CompiledAhead<Regex, regex::Error>,
}

/// Patterns compiled on every core before the rules that use them are read.
type CompiledAhead<T, E> = HashMap<String, Result<T, E>>;

/// A rule's pattern with the engine's limits.
fn compile_pattern(pattern: &str) -> Result<Pattern, PatternError> {
    Pattern::new(pattern, PATTERN_SIZE_LIMIT, DFA_CACHE_LIMIT)
}

/// An outlet or text pattern: these run on every paragraph, without the
/// prefilter, so the regex crate's own literal search is worth its start-up.
fn compile_plain(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(DFA_CACHE_LIMIT)
        .build()
}

/// What `compile_all` is given: a rule's pattern, or an outlet or text pattern.
enum Job {
    Rule(String),
    Plain(String),
}

/// Compiles the patterns on every core: regex compilation is most of the time
/// a rule set takes to load. A pattern left out (its thread failed) is
/// compiled again where it is used.
fn compile_all(
    jobs: Vec<Job>,
) -> (
    CompiledAhead<Pattern, PatternError>,
    CompiledAhead<Regex, regex::Error>,
) {
    enum Built {
        Rule(Result<Pattern, PatternError>),
        Plain(Result<Regex, regex::Error>),
    }
    let weight = |job: &Job| match job {
        Job::Rule(p) | Job::Plain(p) => p.len(),
    };
    let built = crate::parallel::map(&jobs, weight, |job| match job {
        Job::Rule(p) => Built::Rule(compile_pattern(p)),
        Job::Plain(p) => Built::Plain(compile_plain(p)),
    });
    let (mut rules, mut plain) = (HashMap::new(), HashMap::new());
    for (job, built) in jobs.into_iter().zip(built) {
        match (job, built) {
            (Job::Rule(p), Some(Built::Rule(r))) => {
                rules.insert(p, r);
            }
            (Job::Plain(p), Some(Built::Plain(r))) => {
                plain.insert(p, r);
            }
            _ => {}
        }
    }
    (rules, plain)
}

/// The anchored form of a text pattern that must open a paragraph (datelines):
/// a search never scans past the start of a paragraph that has none.
fn anchored_at_start(pattern: &str) -> String {
    format!("^(?:{pattern})")
}

/// The form an outlet pattern is compiled in: `^` and `$` at line ends.
fn outlet_form(expanded: &str) -> String {
    format!("(?m:{expanded})")
}

impl Compiler {
    fn error(
        &mut self,
        file: &str,
        line: Option<usize>,
        rule: Option<&str>,
        message: impl Into<String>,
    ) {
        self.errors.push(RuleError {
            file: file.to_string(),
            line,
            rule: rule.map(str::to_string),
            message: message.into(),
        });
    }

    /// An outlet or text pattern, compiled ahead or now.
    fn compile_plain(&mut self, pattern: &str) -> Result<Regex, regex::Error> {
        self.plain
            .remove(pattern)
            .unwrap_or_else(|| compile_plain(pattern))
    }

    pub(super) fn compile(mut self, sources: &[(String, String)]) -> Result<Rules, RuleErrors> {
        let (word_lists, files): (Vec<_>, Vec<_>) =
            sources.iter().partition(|(name, _)| is_word_list(name));
        let parsed: Vec<Parsed> = files
            .iter()
            .filter_map(|(name, text)| self.parse(name, text))
            .collect();

        let mut lexicons = self.lexicons(&parsed);
        for (name, text) in word_lists {
            self.word_list(name, text, &mut lexicons);
        }
        let macros = self.macros(&parsed);
        let mut expander = Expander::new(&macros, &lexicons, PATTERN_SIZE_LIMIT);
        self.check_macros(&parsed, &mut expander);
        let mut jobs: Vec<Job> = Vec::new();
        for p in &parsed {
            for def in &p.file.rules {
                if let Ok(x) = expander.expand(def.get_ref().pattern.get_ref()) {
                    jobs.push(Job::Rule(x.regex));
                }
            }
            for def in &p.file.outlets {
                if let Ok(x) = expander.expand(def.get_ref().pattern.get_ref()) {
                    jobs.push(Job::Plain(outlet_form(&x.regex)));
                }
            }
        }
        let text_patterns = parsed.iter().flat_map(|p| {
            let text = &p.file.text;
            let boilerplate = text.boilerplate.iter().map(|b| b.get_ref().clone());
            let opening = text.datelines.iter().chain(&text.dateline_prefixes);
            boilerplate.chain(opening.map(|d| anchored_at_start(d.get_ref())))
        });
        jobs.extend(text_patterns.map(Job::Plain));
        (self.compiled, self.plain) = compile_all(jobs);
        let text = self.text_rules(&parsed);
        let mut rules = Vec::new();
        let mut seen_ids: HashMap<String, (String, usize)> = HashMap::new();
        for p in &parsed {
            for def in &p.file.rules {
                let line = p.line(def.span().start);
                let id = def.get_ref().id.get_ref().clone();
                if !self.claim_id(p, line, &id, &mut seen_ids) {
                    continue;
                }
                if let Some(rule) = self.rule(
                    p,
                    def.get_ref(),
                    line,
                    rules.len(),
                    &mut expander,
                    &lexicons,
                ) {
                    rules.push(rule);
                }
            }
        }
        let outlets: Vec<OutletRule> = parsed
            .iter()
            .flat_map(|p| p.file.outlets.iter().map(move |def| (p, def)))
            .filter_map(|(p, def)| self.outlet(p, def, &mut expander, &mut seen_ids))
            .collect();
        let joins: Vec<JoinRule> = parsed
            .iter()
            .flat_map(|p| p.file.joins.iter().map(move |def| (p, def)))
            .filter_map(|(p, def)| self.join(p, def, &mut seen_ids))
            .collect();
        self.check_needed(&rules, &outlets, &lexicons);
        let settings = self.settings(&parsed, &rules, &outlets);
        if rules.is_empty() && self.errors.is_empty() {
            let file = sources
                .first()
                .map_or("(no rules files)", |(n, _)| n.as_str());
            self.error(file, None, None, "the rule set has no [[rule]]");
        }
        match (self.errors.is_empty(), text) {
            (true, Some(text)) => Ok(Rules {
                rules,
                outlets,
                joins,
                read: LEXICONS
                    .iter()
                    .map(|spec| lexicons.get(spec.name).cloned().unwrap_or_default())
                    .collect(),
                lexicons,
                text,
                settings,
                warnings: self.warnings,
            }),
            _ => Err(RuleErrors(self.errors)),
        }
    }

    fn parse<'s>(&mut self, name: &'s str, text: &'s str) -> Option<Parsed<'s>> {
        let de = match toml::Deserializer::parse(text) {
            Ok(de) => de,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start));
                self.error(
                    name,
                    line,
                    None,
                    format!("TOML syntax: {}", e.message().trim()),
                );
                return None;
            }
        };
        let mut unknown = Vec::new();
        let file: RuleFile =
            match serde_ignored::deserialize(de, |path| unknown.push(path.to_string())) {
                Ok(f) => f,
                Err(e) => {
                    let e: toml::de::Error = e;
                    let line = e.span().map(|s| line_of(text, s.start));
                    self.error(name, line, None, e.message().trim().to_string());
                    return None;
                }
            };
        for path in unknown {
            // Spanned values add a private segment to the path; users never wrote it.
            let path: Vec<&str> = path.split('.').filter(|s| !s.starts_with("$__")).collect();
            let path = path.join(".");
            let (line, rule) = locate_unknown(&file, text, &path);
            self.error(
                name,
                line,
                rule.as_deref(),
                format!("unknown field `{path}`"),
            );
        }
        let line_starts = text.match_indices('\n').map(|(k, _)| k + 1).collect();
        Some(Parsed {
            name,
            file,
            line_starts,
        })
    }

    fn lexicons(&mut self, parsed: &[Parsed]) -> Lexicons {
        let mut lexicons = HashMap::new();
        let mut origin: HashMap<String, String> = HashMap::new();
        for p in parsed {
            for (name, def) in &p.file.lexicons {
                let line = p.line(def.span().start);
                if let Some(first) = origin.get(name) {
                    let msg = format!("lexicon `{name}` is defined twice (also in {first})");
                    self.error(p.name, Some(line), None, msg);
                    continue;
                }
                origin.insert(name.clone(), p.name.to_string());
                let lex = match def.get_ref() {
                    LexiconDef::List(items) => {
                        Lexicon::new(items.iter().map(|i| (i.as_str(), None)))
                    }
                    LexiconDef::Valued(map) => {
                        Lexicon::new(map.iter().map(|(k, v)| (k.as_str(), Some(v.as_str()))))
                    }
                };
                self.check_lexicon(p, line, name, def.get_ref());
                lexicons.insert(name.clone(), Arc::new(lex));
            }
        }
        lexicons
    }

    /// A lexicon from a word list (`NAME.words`): one entry per line, with
    /// its value after a tab if it has one; `#` starts a comment line. For
    /// lists too long to write as TOML: a hundred thousand entries load in a
    /// few milliseconds, where TOML would take a tenth of a second.
    fn word_list(&mut self, file: &str, text: &str, lexicons: &mut Lexicons) {
        let name = std::path::Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if lexicons.contains_key(&name) {
            let msg = format!("lexicon `{name}` is defined twice (also in a .toml file)");
            self.error(file, None, None, msg);
            return;
        }
        let spec = LEXICONS.iter().find(|s| s.name == name);
        let mut entries = Vec::new();
        for (k, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (entry, value) = match line.split_once('\t') {
                Some((entry, value)) => (entry, Some(value)),
                None => (line, None),
            };
            let problem = match (spec, value) {
                (_, Some(v)) if v.contains('\t') => {
                    Some("more than one tab: write the entry, a tab and its value".to_string())
                }
                (Some(spec), Some(v)) => spec.values.check(v).err(),
                (Some(spec), None) if spec.values.valued() => Some(format!(
                    "needs a value after a tab ({})",
                    spec.values.describe()
                )),
                _ => None,
            };
            if let Some(problem) = problem {
                self.error(
                    file,
                    Some(k + 1),
                    None,
                    format!("lexicon `{name}`: {problem}"),
                );
                continue;
            }
            entries.push((entry, value));
        }
        lexicons.insert(name, Arc::new(Lexicon::new(entries)));
    }

    /// A lexicon the code reads must have the values it reads.
    fn check_lexicon(&mut self, p: &Parsed, line: usize, name: &str, def: &LexiconDef) {
        let Some(spec) = LEXICONS.iter().find(|s| s.name == name) else {
            return;
        };
        if !spec.values.valued() {
            return;
        }
        match def {
            LexiconDef::List(items) if !items.is_empty() => {
                let msg = format!(
                    "lexicon `{name}` needs a value for each entry ({}): write it as a table, `[lexicons.{name}]`",
                    spec.values.describe()
                );
                self.error(p.name, Some(line), None, msg);
            }
            LexiconDef::List(_) => {}
            LexiconDef::Valued(map) => {
                for (entry, value) in map {
                    if let Err(e) = spec.values.check(value) {
                        let msg = format!("lexicon `{name}`, entry `{entry}`: {e}");
                        self.error(p.name, Some(line), None, msg);
                    }
                }
            }
        }
    }

    /// A rule's captures must be ones its kind reads, and the lexicons they
    /// take must give the values the capture holds.
    #[allow(clippy::too_many_arguments)]
    fn check_captures(
        &mut self,
        p: &Parsed,
        id: &str,
        line: usize,
        kind: Kind,
        re: &Pattern,
        lexicon_captures: &[(String, String)],
        lexicons: &Lexicons,
    ) {
        for name in re.capture_names().flatten() {
            if name.starts_with('_') {
                continue;
            }
            let Some(cap) = Cap::of(kind, field_of_capture(name)) else {
                let msg = format!(
                    "capture `{name}` means nothing in a {kind} rule (known: {}; prefix helpers with `_`)",
                    Cap::names(kind).join(", ")
                );
                self.error(p.name, Some(line), Some(id), msg);
                continue;
            };
            let spec = cap.spec();
            let taken = lexicon_captures
                .iter()
                .find(|(c, _)| c == name)
                .and_then(|(_, lex)| Some((lex, lexicons.get(lex)?)));
            match taken {
                Some((lex_name, lex)) if lex.entries().any(|(_, v)| v.is_some()) => {
                    let bad = lex.entries().find_map(|(entry, v)| {
                        Some((entry, spec.values.check(v.unwrap_or("")).err()?))
                    });
                    if let Some((entry, e)) = bad {
                        let msg = format!(
                            "capture `{name}` takes lexicon `{lex_name}`, whose entry `{entry}`: {e}"
                        );
                        self.error(p.name, Some(line), Some(id), msg);
                    }
                }
                _ if !spec.text => {
                    let msg = format!(
                        "capture `{name}` must be one lexicon whose values are {}, as in `(?P<{name}>{{@lexicon}})`, or a `set` constant",
                        spec.values.describe()
                    );
                    self.error(p.name, Some(line), Some(id), msg);
                }
                _ => {}
            }
        }
    }

    /// A rule's `set` constants must be captures its kind reads, with their
    /// values.
    fn check_set(&mut self, p: &Parsed, line: usize, id: &str, kind: Kind, def: &RuleDef) {
        for (key, value) in &def.set {
            let msg = match Cap::of(kind, key) {
                Some(cap) => match cap.spec().values.check(value) {
                    Ok(()) => continue,
                    Err(e) => format!("`set` {key}: {e}"),
                },
                None => format!(
                    "`set` names `{key}`, which a {kind} rule does not read (known: {})",
                    Cap::names(kind).join(", ")
                ),
            };
            self.error(p.name, Some(line), Some(id), msg);
        }
    }

    /// The `[settings]` of every file: declared names with their values, each
    /// defined once, and every one the rules need.
    fn settings(
        &mut self,
        parsed: &[Parsed],
        rules: &[CompiledRule],
        outlets: &[OutletRule],
    ) -> Settings {
        let mut values: Vec<(&str, i64)> = Vec::new();
        for p in parsed {
            for (name, value) in &p.file.settings {
                let line = p.line(value.span().start);
                let Some(spec) = SETTINGS.iter().find(|s| s.name == name) else {
                    let known: Vec<&str> = SETTINGS.iter().map(|s| s.name).collect();
                    let msg = format!("unknown setting `{name}` (known: {})", known.join(", "));
                    self.error(p.name, Some(line), None, msg);
                    continue;
                };
                if values.iter().any(|(n, _)| *n == spec.name) {
                    let msg = format!("setting `{name}` is defined twice");
                    self.error(p.name, Some(line), None, msg);
                    continue;
                }
                let value = *value.get_ref();
                if let Err(e) = spec.values.check(&value.to_string()) {
                    self.error(p.name, Some(line), None, format!("setting `{name}`: {e}"));
                    continue;
                }
                values.push((spec.name, value));
            }
        }
        for spec in SETTINGS {
            if values.iter().any(|(n, _)| *n == spec.name) {
                continue;
            }
            if let Some((who, file, line, id)) = first_needing(spec.needed_by, rules, outlets) {
                let msg = format!(
                    "{who} need the setting `{}`, which no rules file's `[settings]` defines ({})",
                    spec.name,
                    lowercase_first(spec.purpose.trim_end_matches('.'))
                );
                self.error(&file, Some(line), Some(&id), msg);
            }
        }
        Settings::from_values(&values)
    }

    /// Every lexicon the code reads that the rule set's rules need must be
    /// defined; the error names the first rule that needs it.
    fn check_needed(
        &mut self,
        rules: &[CompiledRule],
        outlets: &[OutletRule],
        lexicons: &Lexicons,
    ) {
        for spec in LEXICONS {
            if lexicons.contains_key(spec.name) {
                continue;
            }
            if let Some((who, file, line, id)) = first_needing(spec.needed_by, rules, outlets) {
                let msg = format!(
                    "{who} need the lexicon `{}`, which no rules file defines ({}; an empty list turns this off)",
                    spec.name,
                    lowercase_first(spec.purpose.trim_end_matches('.'))
                );
                self.error(&file, Some(line), Some(&id), msg);
            }
        }
    }

    fn macros(&mut self, parsed: &[Parsed]) -> BTreeMap<String, String> {
        let mut macros = BTreeMap::new();
        let mut origin: HashMap<String, String> = HashMap::new();
        for p in parsed {
            for (name, body) in &p.file.macros {
                let line = p.line(body.span().start);
                if let Some(first) = origin.get(name) {
                    let msg = format!("macro `{name}` is defined twice (also in {first})");
                    self.error(p.name, Some(line), None, msg);
                    continue;
                }
                origin.insert(name.clone(), p.name.to_string());
                macros.insert(name.clone(), body.get_ref().clone());
            }
        }
        macros
    }

    /// Checks every macro's references once, so that a broken macro is
    /// reported where it is defined even when no rule uses it. Only rules'
    /// patterns are expanded (and held to the size limit).
    fn check_macros(&mut self, parsed: &[Parsed], expander: &mut Expander) {
        for p in parsed {
            for (name, body) in &p.file.macros {
                if let Err(e) = expander.check(&format!("{{{name}}}")) {
                    let line = p.line(body.span().start);
                    self.error(p.name, Some(line), None, format!("macro `{name}`: {e}"));
                }
            }
        }
    }

    fn text_rules(&mut self, parsed: &[Parsed]) -> Option<TextRules> {
        let mut stops = Stops::default();
        let mut boilerplate = Vec::new();
        let mut datelines = Vec::new();
        let mut dateline_prefixes = Vec::new();
        let mut ok = true;
        for p in parsed {
            let text = &p.file.text;
            for (list, out) in [
                (&text.abbreviations, &mut stops.abbreviations),
                (
                    &text.sentence_ending_abbreviations,
                    &mut stops.ending_before_capital,
                ),
                (&text.time_words, &mut stops.time_words),
            ] {
                out.extend(list.iter().map(|a| a.trim().to_string()));
            }
            // Datelines open a paragraph: anchored, a search never scans past
            // the start of a paragraph that has none.
            for (list, out, anchored) in [
                (&p.file.text.boilerplate, &mut boilerplate, false),
                (&p.file.text.datelines, &mut datelines, true),
                (&p.file.text.dateline_prefixes, &mut dateline_prefixes, true),
            ] {
                for pat in list {
                    let line = p.line(pat.span().start);
                    let pattern = match anchored {
                        true => anchored_at_start(pat.get_ref()),
                        false => pat.get_ref().clone(),
                    };
                    match self.compile_plain(&pattern) {
                        Ok(re) => out.push(re),
                        Err(e) => {
                            ok = false;
                            self.error(
                                p.name,
                                Some(line),
                                None,
                                format!("bad text pattern: {}", plain_regex_message(&e)),
                            );
                        }
                    }
                }
            }
        }
        let anchored: Vec<String> = boilerplate
            .iter()
            .map(|re| format!("^(?:{})$", re.as_str()))
            .collect();
        let boilerplate = match RegexSetBuilder::new(&anchored)
            .size_limit(PATTERN_SIZE_LIMIT * 4)
            .build()
        {
            Ok(set) => set,
            Err(e) => {
                let file = parsed.first().map_or("", |p| p.name);
                self.error(
                    file,
                    None,
                    None,
                    format!("boilerplate patterns: {}", plain_regex_message(&e)),
                );
                return None;
            }
        };
        ok.then_some(TextRules {
            stops,
            boilerplate,
            datelines,
            dateline_prefixes,
        })
    }

    /// Compiles one `[[outlet]]`, reporting a bad role, pattern or id.
    fn outlet(
        &mut self,
        p: &Parsed,
        def: &Spanned<OutletDef>,
        expander: &mut Expander,
        seen_ids: &mut HashMap<String, (String, usize)>,
    ) -> Option<OutletRule> {
        let line = p.line(def.span().start);
        let def = def.get_ref();
        let id = def.id.get_ref().clone();
        if !self.claim_id(p, line, &id, seen_ids) {
            return None;
        }
        let role = match def.role.get_ref().as_str() {
            "wire" => Some(OutletRole::Wire),
            "own" => Some(OutletRole::Own),
            "site" => Some(OutletRole::Site),
            other => {
                let msg = format!("unknown outlet role `{other}` (expected wire, own or site)");
                let at = p.line(def.role.span().start);
                self.error(p.name, Some(at), Some(&id), msg);
                None
            }
        };
        let regex = match expander.expand(def.pattern.get_ref()) {
            Ok(expanded) => match self.compile_plain(&outlet_form(&expanded.regex)) {
                Ok(re) => Some(re),
                Err(e) => {
                    let msg = format!("bad pattern: {}", plain_regex_message(&e));
                    self.error(p.name, Some(line), Some(&id), msg);
                    None
                }
            },
            Err(e) => {
                self.error(p.name, Some(line), Some(&id), e.to_string());
                None
            }
        };
        let mut examples = Vec::new();
        for e in &def.examples {
            let at = p.line(e.span().start);
            let e = e.get_ref();
            if e.expect.is_some() == e.expect_none {
                let msg = "an outlet example needs `expect` or `expect_none = true`, not both";
                self.error(p.name, Some(at), Some(&id), msg);
                continue;
            }
            examples.push((e.text.clone(), e.expect.clone(), at));
        }
        Some(OutletRule {
            id,
            role: role?,
            regex: regex?,
            examples,
            file: p.name.to_string(),
            line,
        })
    }

    /// Records a rule's id; false (with an error) when another rule has it.
    fn claim_id(
        &mut self,
        p: &Parsed,
        line: usize,
        id: &str,
        seen_ids: &mut HashMap<String, (String, usize)>,
    ) -> bool {
        if let Some((file, first)) = seen_ids.get(id) {
            let msg = format!("duplicate rule id (first defined at {file}:{first})");
            self.error(p.name, Some(line), Some(id), msg);
            return false;
        }
        seen_ids.insert(id.to_string(), (p.name.to_string(), line));
        true
    }

    /// Warns about a rule without a positive and a negative example.
    fn warn_unless_both_examples(
        &mut self,
        p: &Parsed,
        line: usize,
        id: &str,
        examples: &[Example],
    ) {
        if !examples.iter().any(|e| !e.expect_none) || !examples.iter().any(|e| e.expect_none) {
            self.warnings.push(RuleError {
                file: p.name.to_string(),
                line: Some(line),
                rule: Some(id.to_string()),
                message:
                    "rule should have at least one positive and one negative (expect_none) example"
                        .into(),
            });
        }
    }

    fn join(
        &mut self,
        p: &Parsed,
        def: &Spanned<JoinDef>,
        seen_ids: &mut HashMap<String, (String, usize)>,
    ) -> Option<JoinRule> {
        let line = p.line(def.span().start);
        let def = def.get_ref();
        let id = def.id.get_ref().clone();
        if !self.claim_id(p, line, &id, seen_ids) {
            return None;
        }
        let errors_before = self.errors.len();
        let operation = JoinOp::parse(def.operation.get_ref());
        if operation.is_none() {
            let msg = format!(
                "unknown join operation `{}` (expected {})",
                def.operation.get_ref(),
                JoinOp::NAMES.join(", ")
            );
            let at = p.line(def.operation.span().start);
            self.error(p.name, Some(at), Some(&id), msg);
        }
        let mut kinds = |names: &[String], which: &str| -> Vec<DateKind> {
            if names.is_empty() {
                let msg = format!("a join needs the subtypes of its `{which}` claim");
                self.error(p.name, Some(line), Some(&id), msg);
            }
            names
                .iter()
                .filter_map(|n| match n.parse::<DateKind>() {
                    Ok(kind) => Some(kind),
                    Err(_) => {
                        let msg = format!(
                            "unknown subtype `{n}` in `{which}` (expected {})",
                            DateKind::NAMES.join(", ")
                        );
                        self.error(p.name, Some(line), Some(&id), msg);
                        None
                    }
                })
                .collect()
        };
        let (first, second) = (kinds(&def.first, "first"), kinds(&def.second, "second"));
        if def.needs_opener && def.opener.is_empty() {
            let msg = "a join with `needs_opener` needs an `opener`";
            self.error(p.name, Some(line), Some(&id), msg);
        }
        let examples = self.examples(p, &def.examples, &id);
        self.warn_unless_both_examples(p, line, &id, &examples);
        if self.errors.len() > errors_before {
            return None;
        }
        let words = |list: &[String]| {
            Lexicon::new(
                list.iter()
                    .map(|w| w.trim())
                    .filter(|w| !w.is_empty())
                    .map(|w| (w, None)),
            )
        };
        Some(JoinRule {
            id: id.into(),
            operation: operation?,
            first,
            second,
            between: words(&def.between),
            adjacent: def.between.iter().any(|w| w.trim().is_empty()),
            opener: words(&def.opener),
            needs_opener: def.needs_opener,
            examples,
            file: p.name.to_string(),
            line,
        })
    }

    fn rule(
        &mut self,
        p: &Parsed,
        def: &RuleDef,
        line: usize,
        order: usize,
        expander: &mut Expander,
        lexicons: &Lexicons,
    ) -> Option<CompiledRule> {
        let id = def.id.get_ref().as_str();
        let errors_before = self.errors.len();
        if id.trim().is_empty() {
            self.error(p.name, Some(line), None, "rule id is empty");
        }
        let kind: Option<Kind> = def.kind.get_ref().parse().ok();
        if kind.is_none() {
            let msg = format!(
                "unknown kind `{}` (expected quote, count or date)",
                def.kind.get_ref()
            );
            self.error(p.name, Some(p.line(def.kind.span().start)), Some(id), msg);
        }
        let scope = match def.scope.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("sentence") => Scope::Sentence,
            Some("paragraph") => Scope::Paragraph,
            Some(other) => {
                let at = def.scope.as_ref().map(|s| p.line(s.span().start));
                let msg = format!("unknown scope `{other}` (expected sentence or paragraph)");
                self.error(p.name, at, Some(id), msg);
                Scope::Sentence
            }
        };
        let says = match def
            .says
            .as_ref()
            .map(|s| (s.get_ref().as_str(), p.line(s.span().start)))
        {
            None => None,
            Some((value, at)) => {
                let says = match value {
                    "after" => Some(Says::After),
                    "before" => Some(Says::Before),
                    other => {
                        self.error(
                            p.name,
                            Some(at),
                            Some(id),
                            format!("unknown `says` value `{other}` (expected after or before)"),
                        );
                        None
                    }
                };
                if kind != Some(Kind::Quote) || scope != Scope::Sentence {
                    self.error(
                        p.name,
                        Some(at),
                        Some(id),
                        "`says` is for quote rules over sentences",
                    );
                }
                says
            }
        };
        let pattern_line = p.line(def.pattern.span().start);
        let expansion = match expander.expand(def.pattern.get_ref()) {
            Ok(x) => Some(x),
            Err(e) => {
                self.error(p.name, Some(pattern_line), Some(id), e.to_string());
                None
            }
        };
        let regex = expansion.as_ref().and_then(|x| {
            let compiled = self
                .compiled
                .remove(&x.regex)
                .unwrap_or_else(|| compile_pattern(&x.regex));
            match compiled {
                Ok(re) => Some(re),
                Err(e) => {
                    self.error(p.name, Some(pattern_line), Some(id), regex_message(&e));
                    None
                }
            }
        });
        if let (Some(kind), Some(re)) = (kind, &regex) {
            if says.is_some() && re.capture_names().flatten().any(|n| n == "quote") {
                let msg = "a rule with `says` finds what was said itself; drop the `quote` capture";
                self.error(p.name, Some(pattern_line), Some(id), msg);
            }
            if let Some(x) = &expansion {
                self.check_captures(p, id, pattern_line, kind, re, &x.lexicon_captures, lexicons);
            }
            // A claim needs something to say: a rule that captures none of
            // what its kind reads would give rows with empty values.
            let fields: Vec<&str> = re
                .capture_names()
                .flatten()
                .map(field_of_capture)
                .chain(def.set.keys().map(String::as_str))
                .collect();
            if !def.veto {
                if let Some(need) = vocabulary::lacks(kind, &fields, says.is_some()) {
                    self.error(p.name, Some(pattern_line), Some(id), need);
                }
            }
        }
        if let Some(kind) = kind {
            self.check_set(p, line, id, kind, def);
            if let (Some(names), Some(subtype)) = (vocabulary::subtypes(kind), &def.subtype) {
                if !names.contains(&subtype.get_ref().as_str()) {
                    let at = p.line(subtype.span().start);
                    let msg = format!(
                        "unknown subtype `{}` for a {kind} rule (expected {})",
                        subtype.get_ref(),
                        names.join(", ")
                    );
                    self.error(p.name, Some(at), Some(id), msg);
                }
            }
        }
        let examples = self.examples(p, &def.examples, id);
        if def.veto {
            // A veto makes no claim: its positive examples show the claim that
            // still stands beside it, so they must name that claim's rule.
            for ex in examples
                .iter()
                .filter(|e| !e.expect_none && !e.expect.contains_key("rule"))
            {
                self.error(
                    p.name,
                    Some(ex.line),
                    Some(id),
                    "a veto rule's positive example must name the `rule` of the claim it expects",
                );
            }
        }
        if self.errors.len() > errors_before {
            return None;
        }
        if regex
            .as_ref()
            .is_some_and(Pattern::has_unicode_word_boundary)
        {
            self.warnings.push(RuleError {
                file: p.name.to_string(),
                line: Some(pattern_line),
                rule: Some(id.to_string()),
                message: "pattern uses Unicode's `\\b`, which makes matching slow on any \
                          text beyond ASCII; use an ASCII boundary, `{B}` or `(?-u:\\b)`"
                    .into(),
            });
        }
        if regex.as_ref().is_some_and(|re| re.is_match("")) {
            self.warnings.push(RuleError {
                file: p.name.to_string(),
                line: Some(pattern_line),
                rule: Some(id.to_string()),
                message: "pattern can match empty text; empty matches are skipped".into(),
            });
        }
        self.warn_unless_both_examples(p, line, id, &examples);
        Some(CompiledRule {
            id: id.into(),
            kind: kind?,
            subtype: def.subtype.as_ref().map(|s| s.get_ref().clone()),
            priority: def.priority,
            veto: def.veto,
            fallback: def.fallback,
            says,
            scope,
            captures: CaptureFields::new(regex.as_ref()?.capture_names()),
            regex: regex?,
            order,
            lexicon_fields: expansion?.lexicon_captures,
            set: def.set.clone(),
            examples,
            file: p.name.to_string(),
            line,
        })
    }

    fn examples(&mut self, p: &Parsed, defs: &[Spanned<ExampleDef>], id: &str) -> Vec<Example> {
        let mut out = Vec::new();
        for ex in defs {
            let line = p.line(ex.span().start);
            let ex = ex.get_ref();
            for key in ex.expect.keys() {
                if !is_expectable_field(key) {
                    self.error(
                        p.name,
                        Some(line),
                        Some(id),
                        format!("example expects unknown field `{key}`"),
                    );
                }
            }
            if ex.expect_none && !ex.expect.is_empty() {
                self.error(
                    p.name,
                    Some(line),
                    Some(id),
                    "example has both `expect` and `expect_none`",
                );
            }
            let published = match ex.published.as_deref().map(parse_published) {
                None => None,
                Some(Ok(d)) => Some(d),
                Some(Err(e)) => {
                    self.error(
                        p.name,
                        Some(line),
                        Some(id),
                        format!("example `published`: {e}"),
                    );
                    None
                }
            };
            out.push(Example {
                text: ex.text.clone(),
                published,
                expect: ex.expect.clone(),
                expect_none: ex.expect_none,
                line,
            });
        }
        out
    }
}

/// The line (and rule id) of an unknown key, from its serde_ignored path such as
/// `rule.3.example.0.expct`.
fn locate_unknown(file: &RuleFile, text: &str, path: &str) -> (Option<usize>, Option<String>) {
    let parts: Vec<&str> = path.split('.').collect();
    let key = parts.last().copied().unwrap_or(path);
    let (region, rule) = match (
        parts.first(),
        parts.get(1).and_then(|i| i.parse::<usize>().ok()),
    ) {
        (Some(&"rule"), Some(i)) if i < file.rules.len() => {
            let r = &file.rules[i];
            let start = r.span().start;
            // A rule's span covers its keys; search from the rule's header on.
            let end = file.rules.get(i + 1).map_or(text.len(), |n| n.span().start);
            (start..end, Some(r.get_ref().id.get_ref().clone()))
        }
        _ => (0..text.len(), None),
    };
    let hay = &text[region.clone()];
    let found = hay.match_indices(key).find(|(pos, _)| {
        let before = hay[..*pos].chars().next_back();
        let after = hay[pos + key.len()..].trim_start().chars().next();
        matches!(
            before,
            None | Some('\n' | ' ' | '\t' | '[' | '.' | '{' | ',')
        ) && matches!(after, Some('=' | ']' | '.'))
    });
    let line = found.map(|(pos, _)| line_of(text, region.start + pos));
    (line, rule)
}
