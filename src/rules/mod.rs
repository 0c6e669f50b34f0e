//! The rules file: loading, validation and compilation.
//!
//! A rule set is one TOML file or a folder of them, merged in file-name order.
//! Every problem found is collected with its file, line and rule id, so that
//! `claimex rules check` can report them all at once.

mod captures;
mod expand;
pub(crate) mod lexicon;
mod schema;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use regex::{Regex, RegexBuilder, RegexSetBuilder};

pub(crate) use crate::pattern::{Pattern, PatternError};
pub use crate::text::TextRules;
pub(crate) use captures::{CaptureFields, field_of_capture};
pub use lexicon::Lexicon;

use crate::model::parse_published;
use crate::model::{Kind, is_expectable_field};
use expand::Expander;
use schema::{LexiconDef, OutletDef, RuleDef, RuleFile};
use toml::Spanned;

/// The default rule set, embedded at build time. `tests/rules.rs` checks that
/// this list holds every `.toml` file in `rules/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("rules/actors.toml", include_str!("../../rules/actors.toml")),
    ("rules/common.toml", include_str!("../../rules/common.toml")),
    ("rules/counts.toml", include_str!("../../rules/counts.toml")),
    ("rules/dates.toml", include_str!("../../rules/dates.toml")),
    (
        "rules/numbers.toml",
        include_str!("../../rules/numbers.toml"),
    ),
    (
        "rules/outlets.toml",
        include_str!("../../rules/outlets.toml"),
    ),
    ("rules/quotes.toml", include_str!("../../rules/quotes.toml")),
    ("rules/text.toml", include_str!("../../rules/text.toml")),
];

/// Upper bound on one compiled rule pattern. A pattern past it is reported with
/// its rule id rather than slowing every article down.
pub const PATTERN_SIZE_LIMIT: usize = 8 << 20;

/// Cache of the lazy DFA per pattern (and per thread using it). Unicode classes
/// inside repetitions need more than the default, or matching falls back to a
/// far slower engine.
pub const DFA_CACHE_LIMIT: usize = 32 << 20;

/// Capture names each kind of rule understands. Every kind also knows `span`:
/// when it takes part, it (not the whole match) is the claim's text, so a rule
/// can require context ("in 2023") without making it part of the claim.
/// Captures starting with `_` are helpers and carry no field.
fn known_captures(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Count => &[
            "span",
            "figure",
            "value",
            "value_max",
            "approx",
            "unit",
            "concept",
        ],
        Kind::Date => &[
            "span",
            "year",
            "year_end",
            "month",
            "day",
            "day_end",
            "weekday",
            "shift",
            "grain",
            "amount",
            "part",
            "hour",
            "minute",
            "meridiem",
            "quarter",
            "half",
            "season",
            "decade",
            "century",
            "week",
            "nth",
            "anchor",
            "rest",
            "compound",
            "anaphoric",
            "period",
            "weekday_end",
        ],
        Kind::Quote => &["span", "quote", "speaker", "role", "cue", "when"],
    }
}

/// One problem in a rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    pub file: String,
    pub line: Option<usize>,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, ": rule {rule}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// Where a reported-speech rule finds what was said (see `schema::RuleDef::says`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Says {
    /// From the end of the match to the end of the sentence.
    After,
    /// From the start of the sentence to the start of the match.
    Before,
}

/// The stretch of text a rule's pattern runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Sentence,
    Paragraph,
}

/// A rule, compiled.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub id: Arc<str>,
    pub kind: Kind,
    pub subtype: Option<String>,
    pub priority: i32,
    /// Marks text that is not a claim of this kind (see `schema::RuleDef::veto`).
    pub veto: bool,
    pub says: Option<Says>,
    pub scope: Scope,
    pub regex: Pattern,
    /// The pattern's captures by the field they fill.
    pub(crate) captures: CaptureFields,
    /// Position in the rule set: the last tie-breaker between overlapping matches.
    pub order: usize,
    /// Captures whose field value is a lexicon's value: (capture, lexicon).
    pub lexicon_fields: Vec<(String, String)>,
    /// Constant fields.
    pub set: BTreeMap<String, String>,
    pub examples: Vec<Example>,
    pub file: String,
    pub line: usize,
}

/// A rule's inline example.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub published: Option<NaiveDate>,
    pub expect: BTreeMap<String, String>,
    pub expect_none: bool,
    pub line: usize,
}

/// What an outlet rule names: a wire service the article credits, or the
/// site that published it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletRole {
    Wire,
    Site,
}

/// An `[[outlet]]` rule, compiled.
#[derive(Debug, Clone)]
pub struct OutletRule {
    pub id: String,
    pub role: OutletRole,
    pub regex: Regex,
    /// (text, expected outlet or none, line) for `rules test`.
    pub examples: Vec<(String, Option<String>, usize)>,
    pub file: String,
    pub line: usize,
}

/// A compiled, validated rule set.
#[derive(Debug, Clone)]
pub struct Rules {
    pub rules: Vec<CompiledRule>,
    /// Credits and boilerplate that name an article's outlet, in file order.
    pub outlets: Vec<OutletRule>,
    pub lexicons: HashMap<String, Lexicon>,
    pub text: TextRules,
    /// Problems that do not stop the rule set from working (a rule with no examples).
    pub warnings: Vec<RuleError>,
}

impl Rules {
    /// The default rule set embedded in the binary.
    pub fn embedded() -> Result<Rules, RuleErrors> {
        let sources: Vec<(String, String)> = EMBEDDED
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        Rules::from_sources(&sources)
    }

    /// Loads a rules file, or every `.toml` file in a folder (recursively, in
    /// file-name order).
    pub fn load(path: &Path) -> Result<Rules, RuleErrors> {
        let single = |message: String| {
            RuleErrors(vec![RuleError {
                file: path.display().to_string(),
                line: None,
                rule: None,
                message,
            }])
        };
        let files = if path.is_dir() {
            let files =
                crate::files::files_under(path, &|p| crate::files::has_extension(p, "toml"))
                    .map_err(|e| single(format!("cannot read folder: {e}")))?;
            if files.is_empty() {
                return Err(single("folder holds no .toml rules files".into()));
            }
            files
        } else {
            vec![path.to_path_buf()]
        };
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for file in files {
            match std::fs::read(&file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => sources.push((file.display().to_string(), text)),
                    Err(e) => errors.push(RuleError {
                        file: file.display().to_string(),
                        line: None,
                        rule: None,
                        message: format!(
                            "not valid UTF-8 (at byte {})",
                            e.utf8_error().valid_up_to()
                        ),
                    }),
                },
                Err(e) => errors.push(RuleError {
                    file: file.display().to_string(),
                    line: None,
                    rule: None,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        if sources.is_empty() {
            // Every file failed to load; that says it all.
            return Err(RuleErrors(errors));
        }
        match Rules::from_sources(&sources) {
            Ok(rules) if errors.is_empty() => Ok(rules),
            Ok(_) => Err(RuleErrors(errors)),
            Err(RuleErrors(more)) => {
                errors.extend(more);
                Err(RuleErrors(errors))
            }
        }
    }

    /// Compiles a rule set from (file name, TOML text) pairs.
    pub fn from_sources(sources: &[(String, String)]) -> Result<Rules, RuleErrors> {
        Compiler::default().compile(sources)
    }

    pub fn lexicon(&self, name: &str) -> Option<&Lexicon> {
        self.lexicons.get(name)
    }
}

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
struct Compiler {
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

    fn compile(mut self, sources: &[(String, String)]) -> Result<Rules, RuleErrors> {
        let parsed: Vec<Parsed> = sources
            .iter()
            .filter_map(|(name, text)| self.parse(name, text))
            .collect();

        let lexicons = self.lexicons(&parsed);
        let macros = self.macros(&parsed);
        let mut expander = Expander::new(&macros, &lexicons);
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
                if let Some((file, first)) = seen_ids.get(&id) {
                    let msg = format!("duplicate rule id (first defined at {file}:{first})");
                    self.error(p.name, Some(line), Some(&id), msg);
                    continue;
                }
                seen_ids.insert(id.clone(), (p.name.to_string(), line));
                if let Some(rule) = self.rule(p, def.get_ref(), line, rules.len(), &mut expander) {
                    rules.push(rule);
                }
            }
        }
        let outlets = parsed
            .iter()
            .flat_map(|p| p.file.outlets.iter().map(move |def| (p, def)))
            .filter_map(|(p, def)| self.outlet(p, def, &mut expander, &mut seen_ids))
            .collect();
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
                lexicons,
                text,
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

    fn lexicons(&mut self, parsed: &[Parsed]) -> HashMap<String, Lexicon> {
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
                lexicons.insert(name.clone(), lex);
            }
        }
        lexicons
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

    /// Expands every macro once, so that a broken macro is reported where it is
    /// defined even when no rule uses it.
    fn check_macros(&mut self, parsed: &[Parsed], expander: &mut Expander) {
        for p in parsed {
            for (name, body) in &p.file.macros {
                if let Err(e) = expander.expand(&format!("{{{name}}}")) {
                    let line = p.line(body.span().start);
                    self.error(p.name, Some(line), None, format!("macro `{name}`: {e}"));
                }
            }
        }
    }

    fn text_rules(&mut self, parsed: &[Parsed]) -> Option<TextRules> {
        let mut abbreviations = HashSet::new();
        let mut boilerplate = Vec::new();
        let mut datelines = Vec::new();
        let mut dateline_prefixes = Vec::new();
        let mut ok = true;
        for p in parsed {
            abbreviations.extend(
                p.file
                    .text
                    .abbreviations
                    .iter()
                    .map(|a| a.trim().to_string()),
            );
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
            abbreviations,
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
        if let Some((file, first)) = seen_ids.get(&id) {
            let msg = format!("duplicate rule id (first defined at {file}:{first})");
            self.error(p.name, Some(line), Some(&id), msg);
            return None;
        }
        seen_ids.insert(id.clone(), (p.name.to_string(), line));
        let role = match def.role.get_ref().as_str() {
            "wire" => Some(OutletRole::Wire),
            "site" => Some(OutletRole::Site),
            other => {
                let msg = format!("unknown outlet role `{other}` (expected wire or site)");
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

    fn rule(
        &mut self,
        p: &Parsed,
        def: &RuleDef,
        line: usize,
        order: usize,
        expander: &mut Expander,
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
            for name in re.capture_names().flatten() {
                let field = field_of_capture(name);
                if !name.starts_with('_') && !known_captures(kind).contains(&field) {
                    let msg = format!(
                        "capture `{name}` means nothing in a {} rule (known: {}; prefix helpers with `_`)",
                        kind.as_str(),
                        known_captures(kind).join(", ")
                    );
                    self.error(p.name, Some(pattern_line), Some(id), msg);
                }
            }
        }
        for key in def.set.keys() {
            let capture = kind.is_some_and(|k| known_captures(k).contains(&key.as_str()));
            if !is_expectable_field(key) && !capture {
                self.error(
                    p.name,
                    Some(line),
                    Some(id),
                    format!("`set` names unknown field `{key}`"),
                );
            }
        }
        let examples = self.examples(p, def, id);
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
        if regex.as_ref().is_some_and(|re| re.is_match("")) {
            self.warnings.push(RuleError {
                file: p.name.to_string(),
                line: Some(pattern_line),
                rule: Some(id.to_string()),
                message: "pattern can match empty text; empty matches are skipped".into(),
            });
        }
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
        Some(CompiledRule {
            id: id.into(),
            kind: kind?,
            subtype: def.subtype.clone(),
            priority: def.priority,
            veto: def.veto,
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

    fn examples(&mut self, p: &Parsed, def: &RuleDef, id: &str) -> Vec<Example> {
        let mut out = Vec::new();
        for ex in &def.examples {
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

/// A rule pattern's error in one line.
fn regex_message(e: &PatternError) -> String {
    match e {
        PatternError::TooBig(limit) => too_big_message(*limit),
        PatternError::Syntax(text) => syntax_message(text),
    }
}

/// An outlet or text pattern's error in one line.
fn plain_regex_message(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => too_big_message(*limit),
        other => syntax_message(&other.to_string()),
    }
}

fn too_big_message(limit: usize) -> String {
    format!(
        "pattern compiles to more than the limit of {} MiB; make it smaller or split it into several rules",
        limit >> 20
    )
}

/// The regex parser's message quotes the whole pattern, which after macro
/// expansion can run to pages: this keeps the error, and the pattern if short.
fn syntax_message(text: &str) -> String {
    let error = text
        .lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .unwrap_or(text);
    let pattern = text
        .lines()
        .nth(1)
        .map(str::trim)
        .filter(|p| p.len() <= 120);
    match pattern {
        Some(p) => format!("regex {error} in `{p}`"),
        None => format!("regex {error}"),
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
