//! Entity quality measured the way the CLEF HIPE shared tasks measure it.
//!
//! # Inputs
//! - **Gold** (`tests/gold/*.jsonl`): one mention per line,
//!   `{"file","start","end","char_start","char_end","text","label","id"}`,
//!   byte offsets into the file named by `"file"`, label `PERSON`/`PLACE`/`ORG`,
//!   `id` a gazetteer id or `null` (NIL: a mention whose referent a historian
//!   cannot identify). Gold is *verified* when loaded ([`Gold::new`]): the
//!   `text` must be the file's bytes at `[start, end)`, the code-point
//!   offsets must agree, labels must be known, spans non-empty, and no
//!   mention may be listed twice. Every problem is reported with its gold
//!   file and line; nothing is skipped silently, because a silently dropped
//!   gold line would flatter or punish the system without anyone noticing.
//! - **Predictions** ([`read_predictions`]): opis entity records (`"type":
//!   "entity"`, other record types are ignored) or gold-format lines (no
//!   `"type"`), so the output of any other system converted to the gold
//!   format can be scored by the same code. A `text` field, when present, is
//!   checked like gold text: an offset bug in a converter is an error, not a
//!   lower score.
//!
//! # Which file a prediction belongs to
//! Gold names files as the annotators stored them (`seeds/000_….txt`); opis
//! names them as given on its command line. A prediction belongs to the gold
//! file of the same name, else to the gold file whose resolved path is that
//! name, else to the only gold file with the same base name. Predictions on
//! files the gold does not cover are not scored (they are counted in
//! [`Report::ignored_predictions`]): gold is a claim about its files only.
//!
//! # Metrics (HIPE definitions, micro-averaged)
//! - **strict**: a prediction is a true positive when file, boundaries and
//!   label are exactly those of a gold mention. Each gold mention and each
//!   prediction takes part in at most one match.
//! - **fuzzy**: same label and at least one byte in common. Matching is
//!   one-to-one: strict matches are kept first (so fuzzy never scores below
//!   strict), then the remaining gold/prediction pairs of the same label are
//!   matched greedily by largest overlap in bytes (ties: earlier gold, then
//!   earlier prediction). Greedy is not an optimal assignment, but with the
//!   non-overlapping mentions both sides produce it almost always is. (The
//!   HIPE scorer counts overlap in tokens; bytes give the same matches
//!   without committing to a tokenizer.) Finding the overlapping pairs is
//!   linear in their number, which is small unless one side nests many
//!   mentions of one label inside each other.
//! - Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic
//!   mean; 0/0 is reported as 0 (the HIPE scorer's and scikit-learn's
//!   convention), so a label nobody predicted has precision 0.
//! - **Linking accuracy**: over gold mentions matched by a prediction (in
//!   the strict and in the fuzzy matching), the share whose predicted id
//!   equals the gold id, `null == null` counting as correct (NIL).
//! - **Linking P/R/F1** (HIPE "NEL strict"): a prediction is a true positive
//!   when its boundaries are exactly a gold mention's and its id equals the
//!   gold id (NIL included). The label is not compared — linking is judged
//!   on its own — and a true positive or miss counts under the gold label, a
//!   false alarm under the predicted label.
//!
//! # Error lists
//! Misses (gold not matched strictly), false alarms (predictions not
//! matched strictly) and wrong links (strictly matched, different id), each
//! with file, line:column, text, label, ids, what the other side had there
//! ([`ErrorKind`]) and about 60 characters of context: what a gazetteer
//! editor needs to find and fix the cause. All lists are in file order.

use crate::span::{OffsetIndex, Span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::fs;
use std::path::{Path, PathBuf};

/// Code points of context shown on each side of a mention: about 60 in all,
/// enough to recognise the sentence without flooding the listing.
const CONTEXT_CHARS: usize = 30;

/// What an entity is: the entities stage's own labels, so gold, predictions
/// and records speak one vocabulary.
pub use crate::entities::Label;

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a mention was read from: a JSON Lines source and a 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// The gold or predictions file (or any name the caller gave).
    pub source: String,
    /// 1-based line.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// One mention, gold or predicted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The file it is in, as named by its source.
    pub file: String,
    /// Byte range in the file.
    pub span: Span,
    /// Its label.
    pub label: Label,
    /// Gazetteer id; `None` is NIL.
    pub id: Option<String>,
    /// The text as the source wrote it, if it did (checked against the file).
    pub text: Option<String>,
    /// Code-point offsets as the source wrote them, if it did (checked).
    pub chars: Option<(usize, usize)>,
    /// Where it was read from.
    pub origin: Origin,
}

impl Mention {
    /// A mention with no text, code-point offsets or origin (for tests and
    /// for callers that build predictions in memory).
    pub fn new(file: &str, start: usize, end: usize, label: Label, id: Option<&str>) -> Mention {
        Mention {
            file: file.to_owned(),
            span: Span::new(start, end),
            label,
            id: id.map(str::to_owned),
            text: None,
            chars: None,
            origin: Origin::default(),
        }
    }

    fn key(&self) -> (&str, usize, usize, Label) {
        (&self.file, self.span.start, self.span.end, self.label)
    }
}

/// A problem with gold or predictions, located at its source line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where.
    pub at: Origin,
    /// What is wrong, in words.
    pub message: String,
}

/// Why gold or predictions could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// Gold is invalid (every problem found is listed).
    #[error("invalid gold ({} problem(s)):\n{}", .0.len(), list(.0))]
    Gold(Vec<Problem>),
    /// Predictions are invalid (every problem found is listed).
    #[error("invalid predictions ({} problem(s)):\n{}", .0.len(), list(.0))]
    Predictions(Vec<Problem>),
}

fn list(problems: &[Problem]) -> String {
    let mut s = String::new();
    for p in problems {
        let _ = writeln!(s, "  {}: {}", p.at, p.message);
    }
    s.pop();
    s
}

/// A file's text with its offset index (for code points, lines and columns).
#[derive(Clone, Debug)]
struct FileText {
    text: String,
    index: OffsetIndex,
}

impl FileText {
    fn new(text: String) -> FileText {
        let index = OffsetIndex::new(&text);
        FileText { text, index }
    }
}

/// Verified gold: mentions in file order and the texts they point into.
#[derive(Clone, Debug)]
pub struct Gold {
    mentions: Vec<Mention>,
    files: BTreeMap<String, FileText>,
    /// Resolved path on disk → gold file name (so predictions made from
    /// the resolved path find their gold).
    paths: BTreeMap<String, String>,
}

/// Reads JSON Lines mentions. `gold`: every field of the gold format is
/// required and lines must not have a `"type"`. Otherwise (predictions):
/// lines whose `"type"` is present and not `"entity"` are skipped, and
/// `text`/`char_start`/`char_end` are optional.
fn read_lines(source: &str, content: &str, gold: bool) -> (Vec<Mention>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let at = Origin { source: source.to_owned(), line: i + 1 };
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line, gold) {
            Ok(Some(mut m)) => {
                m.origin = at;
                out.push(m);
            }
            Ok(None) => {}
            Err(message) => problems.push(Problem { at, message }),
        }
    }
    (out, problems)
}

fn parse_line(line: &str, gold: bool) -> Result<Option<Mention>, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    match obj.get("type") {
        None => {}
        Some(serde_json::Value::String(t)) if t == "entity" && !gold => {}
        Some(_) if gold => return Err("gold lines have no \"type\"".to_owned()),
        Some(_) => return Ok(None),
    }
    let int = |k: &str| -> Result<Option<usize>, String> {
        match obj.get(k) {
            None => Ok(None),
            Some(x) => x.as_u64().map(|n| Some(n as usize)).ok_or(format!("\"{k}\" is not a non-negative integer")),
        }
    };
    let need = |k: &str, x: Option<usize>| x.ok_or(format!("missing \"{k}\""));
    let file = obj.get("file").and_then(|f| f.as_str()).ok_or("missing \"file\" (a string)")?;
    let start = need("start", int("start")?)?;
    let end = need("end", int("end")?)?;
    let label = obj.get("label").and_then(|l| l.as_str()).ok_or("missing \"label\" (a string)")?;
    let label = Label::parse(label).ok_or(format!("unknown label {label:?} (PERSON, PLACE or ORG)"))?;
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Null) => None,
        None if !gold => None,
        None => return Err("missing \"id\" (a string, or null for NIL)".to_owned()),
        Some(_) => return Err("\"id\" is neither a string nor null".to_owned()),
    };
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        None if !gold => None,
        _ => return Err("missing \"text\" (a string)".to_owned()),
    };
    let (cs, ce) = (int("char_start")?, int("char_end")?);
    let chars = match (cs, ce) {
        (Some(a), Some(b)) => Some((a, b)),
        (None, None) if !gold => None,
        _ => return Err("\"char_start\" and \"char_end\" are required together".to_owned()),
    };
    if end <= start {
        return Err(format!("empty or reversed span: end {end} <= start {start}"));
    }
    Ok(Some(Mention {
        file: file.to_owned(),
        span: Span::new(start, end),
        label,
        id,
        text,
        chars,
        origin: Origin::default(),
    }))
}

/// Reads predictions: opis entity records or gold-format lines. `source`
/// names the input in error messages.
pub fn read_predictions(source: &str, content: &str) -> Result<Vec<Mention>, EvalError> {
    let (m, problems) = read_lines(source, content, false);
    if problems.is_empty() {
        Ok(m)
    } else {
        Err(EvalError::Predictions(problems))
    }
}

/// Reads gold lines without verifying them against the texts (use
/// [`Gold::new`] for that).
pub fn read_gold_lines(source: &str, content: &str) -> Result<Vec<Mention>, EvalError> {
    let (m, problems) = read_lines(source, content, true);
    if problems.is_empty() {
        Ok(m)
    } else {
        Err(EvalError::Gold(problems))
    }
}

/// Checks a mention's span, text and code-point offsets against its file.
fn check_against(m: &Mention, f: &FileText) -> Option<String> {
    let Some(slice) = f.text.get(m.span.range()) else {
        return Some(format!(
            "span {}..{} is outside {} ({} bytes) or cuts a character",
            m.span.start,
            m.span.end,
            m.file,
            f.text.len()
        ));
    };
    if let Some(t) = &m.text {
        if t != slice {
            return Some(format!(
                "text {t:?} differs from the file's bytes {}..{}: {slice:?}",
                m.span.start, m.span.end
            ));
        }
    }
    if let Some((cs, ce)) = m.chars {
        let want = (f.index.char_offset(&f.text, m.span.start), f.index.char_offset(&f.text, m.span.end));
        if (cs, ce) != want {
            return Some(format!(
                "char offsets {cs}..{ce} disagree with byte offsets {}..{} (they give {}..{})",
                m.span.start, m.span.end, want.0, want.1
            ));
        }
    }
    None
}

fn sort_mentions(v: &mut [Mention]) {
    v.sort_by(|a, b| a.key().cmp(&b.key()).then_with(|| a.id.cmp(&b.id)).then_with(|| a.origin.cmp(&b.origin)));
}

impl Gold {
    /// Verifies gold mentions against the texts of their files (`texts`:
    /// file name as the gold writes it → content). Every problem is
    /// collected: a file the texts lack, text or offset mismatches,
    /// duplicates (same file, span and label).
    pub fn new(mut mentions: Vec<Mention>, texts: BTreeMap<String, String>) -> Result<Gold, EvalError> {
        let files: BTreeMap<String, FileText> = texts.into_iter().map(|(k, v)| (k, FileText::new(v))).collect();
        let mut problems = Vec::new();
        for m in &mentions {
            let msg = match files.get(&m.file) {
                None => Some(format!("file {:?} not found", m.file)),
                Some(f) => check_against(m, f),
            };
            if let Some(message) = msg {
                problems.push(Problem { at: m.origin.clone(), message });
            }
        }
        sort_mentions(&mut mentions);
        for w in mentions.windows(2) {
            if let [a, b] = w {
                if a.key() == b.key() {
                    problems.push(Problem {
                        at: b.origin.clone(),
                        message: format!(
                            "duplicate of {}: {} {:?} at {}..{}",
                            a.origin,
                            a.label,
                            a.text.as_deref().unwrap_or(""),
                            a.span.start,
                            a.span.end
                        ),
                    });
                }
            }
        }
        if !problems.is_empty() {
            problems.sort_by(|a, b| a.at.cmp(&b.at));
            return Err(EvalError::Gold(problems));
        }
        Ok(Gold { mentions, files, paths: BTreeMap::new() })
    }

    /// Loads gold from a `*.jsonl` file or a directory of them (not
    /// recursive, sorted by name) and reads the files it refers to. A
    /// relative `"file"` is looked up from the current directory, then from
    /// each directory above the gold file (so `tests/gold/x.jsonl` naming
    /// `seeds/x.txt` works from anywhere).
    pub fn load(path: &Path) -> Result<Gold, EvalError> {
        let io = |p: &Path, e| EvalError::Io { path: p.display().to_string(), source: e };
        let sources: Vec<PathBuf> = if path.is_dir() {
            let mut v: Vec<PathBuf> = fs::read_dir(path)
                .map_err(|e| io(path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl") && p.is_file())
                .collect();
            v.sort();
            v
        } else {
            vec![path.to_path_buf()]
        };
        let mut mentions = Vec::new();
        let mut problems = Vec::new();
        for s in &sources {
            let content = fs::read_to_string(s).map_err(|e| io(s, e))?;
            let (m, p) = read_lines(&s.display().to_string(), &content, true);
            mentions.extend(m);
            problems.extend(p);
        }
        if sources.is_empty() {
            problems.push(Problem {
                at: Origin { source: path.display().to_string(), line: 0 },
                message: "no *.jsonl gold files".to_owned(),
            });
        }
        let mut texts = BTreeMap::new();
        let mut paths = BTreeMap::new();
        let names: BTreeSet<(&str, &str)> =
            mentions.iter().map(|m| (m.file.as_str(), m.origin.source.as_str())).collect();
        for (name, source) in names {
            if texts.contains_key(name) {
                continue;
            }
            match resolve(name, Path::new(source)) {
                Some(p) => {
                    let content = fs::read_to_string(&p).map_err(|e| io(&p, e))?;
                    texts.insert(name.to_owned(), content);
                    paths.insert(p.display().to_string(), name.to_owned());
                }
                None => problems.push(Problem {
                    at: Origin { source: source.to_owned(), line: 0 },
                    message: format!("file {name:?} not found (from the current directory or above the gold file)"),
                }),
            }
        }
        // Check the rest too, so one run lists every problem; mentions of
        // a file not found were reported once above.
        mentions.retain(|m| texts.contains_key(&m.file));
        match Gold::new(mentions, texts) {
            Ok(mut gold) if problems.is_empty() => {
                gold.paths = paths;
                Ok(gold)
            }
            Ok(_) => Err(EvalError::Gold(problems)),
            Err(EvalError::Gold(more)) => {
                problems.extend(more);
                problems.sort_by(|a, b| a.at.cmp(&b.at));
                Err(EvalError::Gold(problems))
            }
            Err(e) => Err(e),
        }
    }

    /// The verified mentions, in file order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The files the gold covers, as it names them, sorted.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The paths the files were read from (for running a system on them),
    /// sorted by gold name. Empty for gold built with [`Gold::new`].
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut v: Vec<(&String, &String)> = self.paths.iter().map(|(p, n)| (n, p)).collect();
        v.sort();
        v.into_iter().map(|(_, p)| PathBuf::from(p)).collect()
    }

    /// The gold file name a prediction's file name refers to, if any.
    fn file_of(&self, name: &str) -> Option<&str> {
        if let Some((k, _)) = self.files.get_key_value(name) {
            return Some(k);
        }
        if let Some(k) = self.paths.get(name) {
            return Some(k);
        }
        let base = base_name(name);
        let mut it = self.files.keys().filter(|k| base_name(k) == base);
        match (it.next(), it.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        }
    }
}

fn base_name(p: &str) -> &str {
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

fn resolve(name: &str, gold_file: &Path) -> Option<PathBuf> {
    let p = Path::new(name);
    if p.is_absolute() || p.is_file() {
        return p.is_file().then(|| p.to_path_buf());
    }
    gold_file.ancestors().skip(1).map(|d| d.join(p)).find(|c| c.is_file())
}

/// Counts and scores for one label or overall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Gold mentions (TP + FN).
    pub gold: usize,
    /// Predictions (TP + FP).
    pub predicted: usize,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// TP / (TP + FP); 0 when nothing was predicted.
    pub precision: f64,
    /// TP / (TP + FN); 0 when there is no gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub f1: f64,
}

impl Prf {
    /// Scores from counts.
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { gold: tp + fn_, predicted: tp + fp, tp, fp, fn_, precision, recall, f1 }
    }
}

/// Micro-averaged scores per label and overall.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Per label (labels present in gold or predictions).
    pub per_label: BTreeMap<Label, Prf>,
    /// All labels together (micro average: counts summed).
    pub overall: Prf,
}

impl Scores {
    fn from_counts(counts: &BTreeMap<Label, [usize; 3]>) -> Scores {
        let per_label: BTreeMap<Label, Prf> =
            counts.iter().map(|(l, c)| (*l, Prf::from_counts(c[0], c[1], c[2]))).collect();
        let sum = |i: usize| counts.values().map(|c| c[i]).sum::<usize>();
        Scores { per_label, overall: Prf::from_counts(sum(0), sum(1), sum(2)) }
    }
}

/// Linking accuracy over matched gold mentions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// Gold mentions matched by a prediction.
    pub matched: usize,
    /// Of those, how many have the gold id (NIL = NIL counts).
    pub correct: usize,
    /// correct / matched; 0 when nothing matched.
    pub accuracy: f64,
}

impl Accuracy {
    fn new(matched: usize, correct: usize) -> Accuracy {
        Accuracy { matched, correct, accuracy: if matched == 0 { 0.0 } else { correct as f64 / matched as f64 } }
    }
}

/// Linking accuracy per label and overall.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LinkAccuracy {
    /// Per gold label.
    pub per_label: BTreeMap<Label, Accuracy>,
    /// All labels.
    pub overall: Accuracy,
}

/// Everything about linking.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Linking {
    /// Accuracy over strictly matched gold mentions.
    pub accuracy_strict: LinkAccuracy,
    /// Accuracy over fuzzily matched gold mentions.
    pub accuracy_fuzzy: LinkAccuracy,
    /// HIPE NEL strict: TP = same boundaries and same id (label not compared).
    pub strict: Scores,
}

/// What the other side had where an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Nothing overlapping with any label.
    Missing,
    /// Same label, overlapping, different boundaries (a fuzzy match).
    Boundary,
    /// Overlapping (or identical span) with another label.
    Label,
    /// Strictly matched, different id.
    WrongLink,
}

/// A mention as shown in an error list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// Byte offsets in the file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in code points.
    pub column: usize,
    /// The text.
    pub text: String,
    /// Label.
    pub label: Label,
    /// Id (`None` = NIL).
    pub id: Option<String>,
}

/// One entry of an error list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    /// The gold file name.
    pub file: String,
    /// What went wrong.
    pub kind: ErrorKind,
    /// The missed gold mention, the false alarm, or (wrong links) the gold mention.
    pub mention: Shown,
    /// The other side's mention there: the fuzzy partner, the mention with
    /// another label, or (wrong links) the prediction.
    pub other: Option<Shown>,
    /// Up to `CONTEXT_CHARS` (30) code points before the mention (line breaks as `⏎`).
    pub before: String,
    /// Up to `CONTEXT_CHARS` (30) code points after it.
    pub after: String,
}

/// The result of scoring predictions against gold.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Files scored (gold names).
    pub files: Vec<String>,
    /// Predictions on files the gold does not cover (not scored).
    pub ignored_predictions: usize,
    /// Exact boundaries and label.
    pub strict: Scores,
    /// Same label, any overlap.
    pub fuzzy: Scores,
    /// Linking.
    pub linking: Linking,
    /// Gold mentions not matched strictly.
    pub misses: Vec<ErrorItem>,
    /// Predictions not matched strictly.
    pub false_alarms: Vec<ErrorItem>,
    /// Strictly matched, with a different id.
    pub wrong_links: Vec<ErrorItem>,
    /// Strict and fuzzy scores of each file (all labels), to see which
    /// pages are weak. HIPE's document-macro average is their mean F1.
    pub per_file: BTreeMap<String, FileScores>,
}

/// One file's scores, all labels together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct FileScores {
    /// Strict regime.
    pub strict: Prf,
    /// Fuzzy regime.
    pub fuzzy: Prf,
}

/// Mentions of one side, sorted by start, with the running maximum of
/// their ends, to find every mention overlapping a span without scanning
/// all of them.
struct Intervals<'m> {
    items: Vec<(usize, &'m Mention)>,
    max_end: Vec<usize>,
}

impl<'m> Intervals<'m> {
    fn new(side: &'m [Mention], file: &str) -> Intervals<'m> {
        // `side` is sorted by file, then start.
        let from = side.partition_point(|m| m.file.as_str() < file);
        let to = side.partition_point(|m| m.file.as_str() <= file);
        let items: Vec<(usize, &Mention)> = (from..to).filter_map(|i| side.get(i).map(|m| (i, m))).collect();
        let mut max_end = Vec::with_capacity(items.len());
        let mut run = 0;
        for (_, m) in &items {
            run = run.max(m.span.end);
            max_end.push(run);
        }
        Intervals { items, max_end }
    }

    /// Indices (into the side) of mentions overlapping `s`, latest start first.
    /// Walks back from the last mention starting before `s.end` while an
    /// earlier one can still reach `s.start`: linear in the answer unless
    /// mentions are deeply nested.
    fn overlapping(&self, s: Span, out: &mut Vec<usize>) {
        out.clear();
        let mut i = self.items.partition_point(|(_, m)| m.span.start < s.end);
        while i > 0 {
            i -= 1;
            if self.max_end.get(i).is_none_or(|&e| e <= s.start) {
                break;
            }
            if let Some((idx, m)) = self.items.get(i) {
                if m.span.overlaps(s) {
                    out.push(*idx);
                }
            }
        }
    }
}

/// Overlap in bytes of two spans.
fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Scores `predictions` against `gold`. Predictions are checked against the
/// gold files' texts (span inside the file and on character boundaries;
/// `text` and code-point offsets, when given, must agree); a bad prediction
/// is an error naming its source line.
pub fn evaluate(gold: &Gold, predictions: &[Mention]) -> Result<Report, EvalError> {
    let mut preds = Vec::with_capacity(predictions.len());
    let mut ignored = 0;
    let mut problems = Vec::new();
    for p in predictions {
        let Some(key) = gold.file_of(&p.file) else {
            ignored += 1;
            continue;
        };
        let mut p = p.clone();
        p.file = key.to_owned();
        if let Some(message) = gold.files.get(key).and_then(|f| check_against(&p, f)) {
            problems.push(Problem { at: p.origin.clone(), message });
        }
        preds.push(p);
    }
    if !problems.is_empty() {
        return Err(EvalError::Predictions(problems));
    }
    sort_mentions(&mut preds);
    let golds = &gold.mentions;

    // Strict: one-to-one on (file, start, end, label).
    let mut by_key: BTreeMap<(&str, usize, usize, Label), Vec<usize>> = BTreeMap::new();
    for (i, g) in golds.iter().enumerate().rev() {
        by_key.entry(g.key()).or_default().push(i);
    }
    let mut strict_g: Vec<Option<usize>> = vec![None; golds.len()];
    let mut strict_p: Vec<Option<usize>> = vec![None; preds.len()];
    for (pi, p) in preds.iter().enumerate() {
        if let Some(gi) = by_key.get_mut(&p.key()).and_then(Vec::pop) {
            strict_g[gi] = Some(pi);
            strict_p[pi] = Some(gi);
        }
    }

    // Fuzzy: strict pairs, then greedy by overlap among the rest.
    let mut fuzzy_g = strict_g.clone();
    let mut fuzzy_p = strict_p.clone();
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    let mut buf = Vec::new();
    let mut pred_index: BTreeMap<&str, Intervals<'_>> = BTreeMap::new();
    let mut gold_index: BTreeMap<&str, Intervals<'_>> = BTreeMap::new();
    for f in gold.files.keys() {
        pred_index.insert(f, Intervals::new(&preds, f));
        gold_index.insert(f, Intervals::new(golds, f));
    }
    for (gi, g) in golds.iter().enumerate() {
        if fuzzy_g[gi].is_some() {
            continue;
        }
        if let Some(iv) = pred_index.get(g.file.as_str()) {
            iv.overlapping(g.span, &mut buf);
            for &pi in &buf {
                if let Some(p) = preds.get(pi) {
                    if p.label == g.label && fuzzy_p[pi].is_none() {
                        cands.push((overlap(g.span, p.span), gi, pi));
                    }
                }
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, gi, pi) in cands {
        if fuzzy_g[gi].is_none() && fuzzy_p[pi].is_none() {
            fuzzy_g[gi] = Some(pi);
            fuzzy_p[pi] = Some(gi);
        }
    }

    let counts = |mg: &[Option<usize>], mp: &[Option<usize>]| {
        let mut c: BTreeMap<Label, [usize; 3]> = BTreeMap::new();
        for (g, m) in golds.iter().zip(mg) {
            c.entry(g.label).or_default()[if m.is_some() { 0 } else { 2 }] += 1;
        }
        for (p, m) in preds.iter().zip(mp) {
            if m.is_none() {
                c.entry(p.label).or_default()[1] += 1;
            }
        }
        c
    };
    let by_file = |mg: &[Option<usize>], mp: &[Option<usize>]| {
        let mut c: BTreeMap<&str, [usize; 3]> = gold.files.keys().map(|f| (f.as_str(), [0; 3])).collect();
        for (g, m) in golds.iter().zip(mg) {
            c.entry(&g.file).or_default()[if m.is_some() { 0 } else { 2 }] += 1;
        }
        for (p, m) in preds.iter().zip(mp) {
            if m.is_none() {
                c.entry(&p.file).or_default()[1] += 1;
            }
        }
        c
    };
    let (fs, ff) = (by_file(&strict_g, &strict_p), by_file(&fuzzy_g, &fuzzy_p));
    let per_file = fs
        .iter()
        .map(|(f, c)| {
            let z = ff.get(f).copied().unwrap_or_default();
            let fuzzy = Prf::from_counts(z[0], z[1], z[2]);
            ((*f).to_owned(), FileScores { strict: Prf::from_counts(c[0], c[1], c[2]), fuzzy })
        })
        .collect();
    let strict = Scores::from_counts(&counts(&strict_g, &strict_p));
    let fuzzy = Scores::from_counts(&counts(&fuzzy_g, &fuzzy_p));

    let accuracy = |mg: &[Option<usize>]| {
        let mut c: BTreeMap<Label, (usize, usize)> = BTreeMap::new();
        for (g, m) in golds.iter().zip(mg) {
            if let Some(p) = m.and_then(|pi| preds.get(pi)) {
                let e = c.entry(g.label).or_default();
                e.0 += 1;
                e.1 += usize::from(p.id == g.id);
            }
        }
        let (m, k) = c.values().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
        LinkAccuracy {
            per_label: c.into_iter().map(|(l, (m, k))| (l, Accuracy::new(m, k))).collect(),
            overall: Accuracy::new(m, k),
        }
    };

    // HIPE NEL strict: one-to-one on (file, start, end, id).
    let mut by_link: BTreeMap<(&str, usize, usize, Option<&str>), Vec<usize>> = BTreeMap::new();
    for (i, g) in golds.iter().enumerate().rev() {
        by_link.entry((&g.file, g.span.start, g.span.end, g.id.as_deref())).or_default().push(i);
    }
    let mut link_g = vec![false; golds.len()];
    let mut lc: BTreeMap<Label, [usize; 3]> = BTreeMap::new();
    for p in &preds {
        match by_link.get_mut(&(p.file.as_str(), p.span.start, p.span.end, p.id.as_deref())).and_then(Vec::pop) {
            Some(gi) => {
                if let (Some(flag), Some(g)) = (link_g.get_mut(gi), golds.get(gi)) {
                    *flag = true;
                    lc.entry(g.label).or_default()[0] += 1;
                }
            }
            None => lc.entry(p.label).or_default()[1] += 1,
        }
    }
    for (g, hit) in golds.iter().zip(&link_g) {
        if !hit {
            lc.entry(g.label).or_default()[2] += 1;
        }
    }
    let linking = Linking {
        accuracy_strict: accuracy(&strict_g),
        accuracy_fuzzy: accuracy(&fuzzy_g),
        strict: Scores::from_counts(&lc),
    };

    // Error lists.
    let show = |m: &Mention| gold.shown(m);
    let mut misses = Vec::new();
    let mut wrong_links = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        match strict_g[gi].and_then(|pi| preds.get(pi)) {
            Some(p) if p.id != g.id => wrong_links.push(gold.item(g, ErrorKind::WrongLink, Some(show(p)))),
            Some(_) => {}
            None => {
                let (kind, other) = explain(g, fuzzy_g[gi], &preds, pred_index.get(g.file.as_str()), &mut buf);
                misses.push(gold.item(g, kind, other.map(show)));
            }
        }
    }
    let mut false_alarms = Vec::new();
    for (pi, p) in preds.iter().enumerate() {
        if strict_p[pi].is_none() {
            let (kind, other) = explain(p, fuzzy_p[pi], golds, gold_index.get(p.file.as_str()), &mut buf);
            false_alarms.push(gold.item(p, kind, other.map(show)));
        }
    }
    let files: BTreeSet<&str> =
        golds.iter().map(|g| g.file.as_str()).chain(gold.files.keys().map(String::as_str)).collect();
    Ok(Report {
        files: files.into_iter().map(str::to_owned).collect(),
        ignored_predictions: ignored,
        strict,
        fuzzy,
        linking,
        misses,
        false_alarms,
        wrong_links,
        per_file,
    })
}

/// Why a mention found no strict partner: its fuzzy partner, else an
/// overlapping mention of another label (the largest overlap), else nothing.
fn explain<'o>(
    m: &Mention,
    fuzzy: Option<usize>,
    others: &'o [Mention],
    index: Option<&Intervals<'_>>,
    buf: &mut Vec<usize>,
) -> (ErrorKind, Option<&'o Mention>) {
    if let Some(o) = fuzzy.and_then(|i| others.get(i)) {
        return (ErrorKind::Boundary, Some(o));
    }
    if let Some(iv) = index {
        iv.overlapping(m.span, buf);
        let best = buf
            .iter()
            .filter_map(|&i| others.get(i))
            .filter(|o| o.label != m.label)
            .max_by(|a, b| overlap(m.span, a.span).cmp(&overlap(m.span, b.span)).then(b.span.cmp(&a.span)));
        if let Some(o) = best {
            return (ErrorKind::Label, Some(o));
        }
    }
    (ErrorKind::Missing, None)
}

impl Gold {
    fn shown(&self, m: &Mention) -> Shown {
        let (line, column, text) = match self.files.get(&m.file) {
            Some(f) => {
                let p = f.index.position(&f.text, m.span.start);
                (p.line, p.column, f.text.get(m.span.range()).unwrap_or("").to_owned())
            }
            None => (0, 0, m.text.clone().unwrap_or_default()),
        };
        Shown { start: m.span.start, end: m.span.end, line, column, text, label: m.label, id: m.id.clone() }
    }

    fn item(&self, m: &Mention, kind: ErrorKind, other: Option<Shown>) -> ErrorItem {
        let (before, after) = match self.files.get(&m.file) {
            Some(f) => context(&f.text, m.span),
            None => (String::new(), String::new()),
        };
        ErrorItem { file: m.file.clone(), kind, mention: self.shown(m), other, before, after }
    }
}

/// `t` with line breaks shown as `⏎`.
fn one_line(t: &str) -> String {
    t.chars().map(|c| if c == '\n' || c == '\r' { '⏎' } else { c }).collect()
}

/// Up to [`CONTEXT_CHARS`] code points on each side of `s`, line breaks
/// shown as `⏎` so an item stays on one line.
fn context(text: &str, s: Span) -> (String, String) {
    let clean = one_line;
    let before = text.get(..s.start).unwrap_or("");
    let from = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let after = text.get(s.end..).unwrap_or("");
    let to = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(i, _)| i);
    (clean(before.get(from..).unwrap_or("")), clean(after.get(..to).unwrap_or("")))
}

impl Report {
    /// The report as aligned text tables and error lists. `errors` caps
    /// the misses and false alarms listed (wrong links too); `None` lists all.
    pub fn render_text(&self, errors: Option<usize>) -> String {
        let mut s = String::new();
        let o = &self.strict.overall;
        let _ = writeln!(
            s,
            "opis eval: {} file(s), {} gold mention(s), {} prediction(s) scored, {} on files without gold ignored",
            self.files.len(),
            o.gold,
            o.predicted,
            self.ignored_predictions
        );
        prf_table(&mut s, "Strict (exact boundaries, same label)", &self.strict);
        prf_table(&mut s, "Fuzzy (same label, any overlap; one-to-one, greedy by overlap)", &self.fuzzy);
        let l = &self.linking;
        let _ = writeln!(s, "\nLinking accuracy (matched gold mentions whose id is right; NIL = NIL is right)");
        let _ = writeln!(
            s,
            "{:<8} {:>14} {:>8} {:>9} {:>14} {:>8} {:>9}",
            "label", "strict matched", "correct", "accuracy", "fuzzy matched", "correct", "accuracy"
        );
        let labels: BTreeSet<Label> =
            l.accuracy_strict.per_label.keys().chain(l.accuracy_fuzzy.per_label.keys()).copied().collect();
        let row = |s: &mut String, name: &str, a: Accuracy, b: Accuracy| {
            let _ = writeln!(
                s,
                "{:<8} {:>14} {:>8} {:>9.3} {:>14} {:>8} {:>9.3}",
                name, a.matched, a.correct, a.accuracy, b.matched, b.correct, b.accuracy
            );
        };
        for lab in labels {
            let a = l.accuracy_strict.per_label.get(&lab).copied().unwrap_or_default();
            let b = l.accuracy_fuzzy.per_label.get(&lab).copied().unwrap_or_default();
            row(&mut s, lab.as_str(), a, b);
        }
        row(&mut s, "ALL", l.accuracy_strict.overall, l.accuracy_fuzzy.overall);
        prf_table(
            &mut s,
            "Linking, HIPE NEL strict (exact boundaries and same id, NIL included; label not compared)",
            &l.strict,
        );

        let _ = writeln!(s, "\nBy file (all labels)");
        let _ = writeln!(
            s,
            "{:<40} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9}",
            "file", "gold", "pred", "TP", "FP", "FN", "strict F1", "fuzzy F1"
        );
        for (f, sc) in &self.per_file {
            let p = &sc.strict;
            let _ = writeln!(
                s,
                "{:<40} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9.3} {:>9.3}",
                f, p.gold, p.predicted, p.tp, p.fp, p.fn_, p.f1, sc.fuzzy.f1
            );
        }

        let cap = errors.unwrap_or(usize::MAX);
        error_list(&mut s, "Misses (gold mentions not matched strictly)", "predicted", &self.misses, cap);
        error_list(&mut s, "False alarms (predictions not matched strictly)", "gold", &self.false_alarms, cap);
        error_list(&mut s, "Wrong links (strict match, different id)", "predicted", &self.wrong_links, cap);
        s
    }
}

fn prf_table(s: &mut String, title: &str, sc: &Scores) {
    let _ = writeln!(s, "\n{title}");
    let _ = writeln!(
        s,
        "{:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
        "label", "gold", "pred", "TP", "FP", "FN", "precision", "recall", "F1"
    );
    let row = |s: &mut String, name: &str, p: &Prf| {
        let _ = writeln!(
            s,
            "{:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}",
            name, p.gold, p.predicted, p.tp, p.fp, p.fn_, p.precision, p.recall, p.f1
        );
    };
    for (l, p) in &sc.per_label {
        row(s, l.as_str(), p);
    }
    row(s, "ALL", &sc.overall);
}

fn id_str(id: &Option<String>) -> &str {
    id.as_deref().unwrap_or("NIL")
}

fn error_list(s: &mut String, title: &str, other_side: &str, items: &[ErrorItem], cap: usize) {
    let shown = items.len().min(cap);
    let _ = writeln!(
        s,
        "\n{title}: {}{}",
        items.len(),
        if shown < items.len() { format!(", first {shown}") } else { String::new() }
    );
    for it in items.iter().take(cap) {
        let m = &it.mention;
        let _ = write!(
            s,
            "  {}:{}:{}  {:<6} {:?} id={}",
            it.file,
            m.line,
            m.column,
            m.label.as_str(),
            m.text,
            id_str(&m.id)
        );
        let _ = match (&it.kind, &it.other) {
            (ErrorKind::WrongLink, Some(o)) => write!(s, "  {other_side} id={}", id_str(&o.id)),
            (k, Some(o)) => write!(
                s,
                "  [{}: {other_side} {} {:?} id={}]",
                match k {
                    ErrorKind::Boundary => "boundary",
                    _ => "label",
                },
                o.label.as_str(),
                o.text,
                id_str(&o.id)
            ),
            (_, None) => write!(s, "  [missing]"),
        };
        let _ = writeln!(s, "\n      …{}«{}»{}…", it.before, one_line(&m.text), it.after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: &str = "f.txt";
    const TEXT: &str = "Comrade I. V. Stalin wrote to Kamenev in Moscow about the Politburo.\nNext line: Tiflis.";

    fn at(needle: &str) -> (usize, usize) {
        let s = TEXT.find(needle).unwrap();
        (s, s + needle.len())
    }

    fn m(needle: &str, label: Label, id: Option<&str>) -> Mention {
        let (s, e) = at(needle);
        Mention::new(F, s, e, label, id)
    }

    fn gold(ms: Vec<Mention>) -> Gold {
        Gold::new(ms, BTreeMap::from([(F.to_owned(), TEXT.to_owned())])).unwrap()
    }

    fn std_gold() -> Gold {
        gold(vec![
            m("I. V. Stalin", Label::Person, Some("stalin-iv")),
            m("Kamenev", Label::Person, Some("kamenev-lb")),
            m("Moscow", Label::Place, Some("moscow")),
            m("Politburo", Label::Org, Some("politburo")),
            m("Tiflis", Label::Place, None),
        ])
    }

    #[test]
    fn perfect_predictions_score_one_everywhere() {
        let g = std_gold();
        let r = evaluate(&g, g.mentions()).unwrap();
        for sc in [&r.strict, &r.fuzzy, &r.linking.strict] {
            assert_eq!((sc.overall.tp, sc.overall.fp, sc.overall.fn_), (5, 0, 0));
            assert_eq!(sc.overall.f1, 1.0);
        }
        assert_eq!(r.linking.accuracy_strict.overall.accuracy, 1.0);
        assert!(r.misses.is_empty() && r.false_alarms.is_empty() && r.wrong_links.is_empty());
    }

    #[test]
    fn exact_match_counts_in_both_regimes_overlap_only_in_fuzzy() {
        let g = std_gold();
        // "Stalin" alone overlaps "I. V. Stalin": a fuzzy hit, a strict miss and false alarm.
        let p = vec![m("Stalin", Label::Person, Some("stalin-iv")), m("Kamenev", Label::Person, Some("kamenev-lb"))];
        let r = evaluate(&g, &p).unwrap();
        let sp = &r.strict.per_label[&Label::Person];
        assert_eq!((sp.tp, sp.fp, sp.fn_), (1, 1, 1));
        let fp = &r.fuzzy.per_label[&Label::Person];
        assert_eq!((fp.tp, fp.fp, fp.fn_), (2, 0, 0));
        assert_eq!(r.misses.iter().filter(|e| e.kind == ErrorKind::Boundary).count(), 1);
        let fa = &r.false_alarms[0];
        assert_eq!((fa.kind, fa.mention.text.as_str()), (ErrorKind::Boundary, "Stalin"));
        assert_eq!(fa.other.as_ref().unwrap().text, "I. V. Stalin");
        // Overall: 5 gold, 2 predicted.
        assert_eq!((r.strict.overall.tp, r.strict.overall.fp, r.strict.overall.fn_), (1, 1, 4));
        assert!((r.strict.overall.precision - 0.5).abs() < 1e-12);
        assert!((r.strict.overall.recall - 0.2).abs() < 1e-12);
    }

    #[test]
    fn a_gold_mention_is_matched_at_most_once() {
        let g = std_gold();
        // The exact span twice: one TP, one FP (strict); fuzzy must not reuse the gold.
        let p = vec![m("Kamenev", Label::Person, Some("kamenev-lb")), m("Kamenev", Label::Person, Some("kamenev-lb"))];
        let r = evaluate(&g, &p).unwrap();
        let s = &r.strict.per_label[&Label::Person];
        assert_eq!((s.tp, s.fp), (1, 1));
        let f = &r.fuzzy.per_label[&Label::Person];
        assert_eq!((f.tp, f.fp), (1, 1));
    }

    #[test]
    fn a_prediction_is_matched_at_most_once() {
        // One long prediction over two gold mentions: fuzzy matches one of them,
        // the larger overlap.
        let text = "Zinoviev-Kamenev group";
        let g = Gold::new(
            vec![
                Mention::new(F, 0, 8, Label::Person, Some("zinoviev-ge")),
                Mention::new(F, 9, 16, Label::Person, None),
            ],
            BTreeMap::from([(F.to_owned(), text.to_owned())]),
        )
        .unwrap();
        let r = evaluate(&g, &[Mention::new(F, 0, 16, Label::Person, None)]).unwrap();
        let f = &r.fuzzy.overall;
        assert_eq!((f.tp, f.fp, f.fn_), (1, 0, 1));
        // Greedy by overlap: Zinoviev (8 bytes) beats Kamenev (7).
        let missed: Vec<&str> =
            r.misses.iter().filter(|e| e.kind == ErrorKind::Missing).map(|e| e.mention.text.as_str()).collect();
        assert_eq!(missed, ["Kamenev"]);
    }

    #[test]
    fn strict_pairs_win_over_larger_overlaps_in_fuzzy() {
        // Gold "Kamenev" is exactly predicted, and also covered by a longer prediction:
        // the exact pair is kept, the longer prediction is a false alarm.
        let text = "Lev Kamenev";
        let g = Gold::new(
            vec![Mention::new(F, 4, 11, Label::Person, None)],
            BTreeMap::from([(F.to_owned(), text.to_owned())]),
        )
        .unwrap();
        let p = vec![Mention::new(F, 0, 11, Label::Person, None), Mention::new(F, 4, 11, Label::Person, None)];
        let r = evaluate(&g, &p).unwrap();
        assert_eq!((r.fuzzy.overall.tp, r.fuzzy.overall.fp), (1, 1));
        assert_eq!(r.strict.overall.tp, 1);
    }

    #[test]
    fn label_mismatch_is_no_match_in_either_regime() {
        let g = std_gold();
        let r = evaluate(&g, &[m("Moscow", Label::Org, Some("moscow"))]).unwrap();
        assert_eq!(r.strict.overall.tp, 0);
        assert_eq!(r.fuzzy.overall.tp, 0);
        assert_eq!(r.fuzzy.per_label[&Label::Org].fp, 1);
        let miss = r.misses.iter().find(|e| e.mention.text == "Moscow").unwrap();
        assert_eq!(miss.kind, ErrorKind::Label);
        assert_eq!(r.false_alarms[0].kind, ErrorKind::Label);
        // Linking ignores the label: same span, same id.
        assert_eq!(r.linking.strict.overall.tp, 1);
        assert_eq!(r.linking.strict.per_label[&Label::Place].tp, 1);
    }

    #[test]
    fn nil_equals_nil_in_linking() {
        let g = std_gold();
        let p = vec![
            m("Tiflis", Label::Place, None),                 // NIL = NIL: right
            m("Kamenev", Label::Person, Some("kamenev-ss")), // wrong person
            m("Moscow", Label::Place, None),                 // NIL for a known place: wrong
        ];
        let r = evaluate(&g, &p).unwrap();
        let a = r.linking.accuracy_strict.overall;
        assert_eq!((a.matched, a.correct), (3, 1));
        assert_eq!(r.linking.accuracy_strict.per_label[&Label::Place].correct, 1);
        assert_eq!(r.wrong_links.len(), 2);
        let k = r.wrong_links.iter().find(|w| w.mention.text == "Kamenev").unwrap();
        assert_eq!(k.other.as_ref().unwrap().id.as_deref(), Some("kamenev-ss"));
        let l = &r.linking.strict.overall;
        assert_eq!((l.tp, l.fp, l.fn_), (1, 2, 4));
    }

    #[test]
    fn fuzzy_linking_accuracy_counts_boundary_matches() {
        let g = std_gold();
        let r = evaluate(&g, &[m("Stalin", Label::Person, Some("stalin-iv"))]).unwrap();
        assert_eq!(r.linking.accuracy_strict.overall.matched, 0);
        let f = r.linking.accuracy_fuzzy.overall;
        assert_eq!((f.matched, f.correct), (1, 1));
    }

    #[test]
    fn gold_text_mismatch_is_an_error_naming_the_line() {
        let mut bad = m("Kamenev", Label::Person, None);
        bad.text = Some("Kamenev ".to_owned());
        bad.origin = Origin { source: "g.jsonl".into(), line: 7 };
        let e = Gold::new(vec![bad], BTreeMap::from([(F.to_owned(), TEXT.to_owned())])).unwrap_err();
        let s = e.to_string();
        assert!(s.contains("g.jsonl:7") && s.contains("differs"), "{s}");
    }

    #[test]
    fn gold_lines_are_checked_for_every_rule() {
        let t = "“Stalin” and Kamenev";
        let s = t.find("Stalin").unwrap();
        let line = |start: usize, end: usize, cs: usize, ce: usize, text: &str, label: &str| {
            format!(
                r#"{{"file":"f.txt","start":{start},"end":{end},"char_start":{cs},"char_end":{ce},"text":"{text}","label":"{label}","id":null}}"#
            )
        };
        let texts = || BTreeMap::from([(F.to_owned(), t.to_owned())]);
        let ok = line(s, s + 6, 1, 7, "Stalin", "PERSON");
        assert!(Gold::new(read_gold_lines("g", &ok).unwrap(), texts()).is_ok());
        // Char offsets that are byte offsets (the curly quote is 3 bytes).
        let e = Gold::new(read_gold_lines("g", &line(s, s + 6, s, s + 6, "Stalin", "PERSON")).unwrap(), texts());
        assert!(e.unwrap_err().to_string().contains("g:1: char offsets"));
        // Unknown label, empty span, missing id, a "type" field.
        assert!(read_gold_lines("g", &line(s, s + 6, 1, 7, "Stalin", "PER"))
            .unwrap_err()
            .to_string()
            .contains("unknown label"));
        assert!(read_gold_lines("g", &line(s, s, 1, 1, "", "PERSON")).unwrap_err().to_string().contains("end"));
        let no_id = ok.replace(r#","id":null"#, "");
        assert!(read_gold_lines("g", &no_id).unwrap_err().to_string().contains("missing \"id\""));
        let typed = ok.replace("{", r#"{"type":"entity","#);
        assert!(read_gold_lines("g", &typed).is_err());
        // Duplicates: both lines named.
        let dup = format!("{ok}\n{ok}\n");
        let e = Gold::new(read_gold_lines("g", &dup).unwrap(), texts()).unwrap_err().to_string();
        assert!(e.contains("g:2: duplicate of g:1"), "{e}");
        // A span cutting the curly quote.
        let e = Gold::new(read_gold_lines("g", &line(1, 3, 0, 1, "x", "PERSON")).unwrap(), texts()).unwrap_err();
        assert!(e.to_string().contains("cuts a character"));
        // A file the texts lack.
        let e = Gold::new(read_gold_lines("g", &ok).unwrap(), BTreeMap::new()).unwrap_err();
        assert!(e.to_string().contains("not found"));
    }

    #[test]
    fn predictions_accept_entity_records_and_gold_lines_and_skip_other_records() {
        let src = concat!(
            r#"{"type":"document","v":1,"file":"x","start":0,"end":3}"#,
            "\n",
            r#"{"type":"entity","v":1,"file":"f.txt","start":30,"end":37,"label":"PERSON","id":"kamenev-lb","rule":"x"}"#,
            "\n\n",
            r#"{"file":"f.txt","start":41,"end":47,"label":"PLACE","id":null,"text":"Moscow"}"#,
            "\n"
        );
        let p = read_predictions("p", src).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].origin, Origin { source: "p".into(), line: 4 });
        let r = evaluate(&std_gold(), &p).unwrap();
        assert_eq!(r.strict.overall.tp, 2);
        // A wrong text in a prediction is an error, not a miss.
        let bad = r#"{"file":"f.txt","start":41,"end":47,"label":"PLACE","id":null,"text":"Moskva"}"#;
        let e = evaluate(&std_gold(), &read_predictions("p", bad).unwrap()).unwrap_err();
        assert!(e.to_string().contains("p:1"));
        assert!(read_predictions("p", r#"{"type":"entity","file":"f.txt","start":1,"end":2,"label":"GPE"}"#).is_err());
    }

    #[test]
    fn predictions_find_their_gold_file_by_base_name_and_others_are_ignored() {
        let g = std_gold();
        let (s, e) = at("Kamenev");
        let p = vec![
            Mention::new("/some/where/f.txt", s, e, Label::Person, Some("kamenev-lb")),
            Mention::new("other.txt", s, e, Label::Person, None),
        ];
        let r = evaluate(&g, &p).unwrap();
        assert_eq!((r.strict.overall.tp, r.ignored_predictions), (1, 1));
    }

    #[test]
    fn error_items_carry_position_and_context() {
        let g = std_gold();
        let r = evaluate(&g, &[]).unwrap();
        let t = r.misses.iter().find(|e| e.mention.text == "Tiflis").unwrap();
        assert_eq!((t.mention.line, t.mention.column), (2, 12));
        assert_eq!(t.before, "out the Politburo.⏎Next line: ");
        assert_eq!(t.after, ".");
        assert_eq!(r.misses.iter().map(|e| e.mention.start).collect::<Vec<_>>(), {
            let mut v: Vec<usize> = r.misses.iter().map(|e| e.mention.start).collect();
            v.sort();
            v
        });
        let text = r.render_text(Some(1));
        assert!(text.contains("Misses (gold mentions not matched strictly): 5, first 1"), "{text}");
        assert!(text.contains("f.txt:1:9  PERSON \"I. V. Stalin\" id=stalin-iv  [missing]"), "{text}");
    }

    #[test]
    fn per_file_scores_split_the_overall_counts() {
        let t2 = "Moscow";
        let mut ms = std_gold().mentions().to_vec();
        ms.push(Mention::new("g.txt", 0, 6, Label::Place, Some("moscow")));
        let g = Gold::new(ms, BTreeMap::from([(F.to_owned(), TEXT.to_owned()), ("g.txt".to_owned(), t2.to_owned())]))
            .unwrap();
        let r = evaluate(&g, &[Mention::new("g.txt", 0, 6, Label::Place, None)]).unwrap();
        assert_eq!(r.per_file["g.txt"].strict.tp, 1);
        assert_eq!(r.per_file[F].strict.fn_, 5);
        assert_eq!(r.per_file.values().map(|f| f.strict.gold).sum::<usize>(), r.strict.overall.gold);
    }

    #[test]
    fn zero_denominators_give_zero_not_nan() {
        let p = Prf::from_counts(0, 0, 0);
        assert_eq!((p.precision, p.recall, p.f1), (0.0, 0.0, 0.0));
        let p = Prf::from_counts(3, 1, 2);
        assert!((p.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
    }

    #[test]
    fn report_serializes_labels_as_map_keys() {
        let g = std_gold();
        let r = evaluate(&g, g.mentions()).unwrap();
        let j = serde_json::to_value(&r).unwrap();
        assert_eq!(j["strict"]["per_label"]["PERSON"]["tp"], 2);
        assert_eq!(j["strict"]["overall"]["fn"], 0);
    }
}
