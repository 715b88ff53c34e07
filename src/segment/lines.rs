//! The shapes of the lines of a page: which line is a number, a heading, a
//! date, a signature… Each rule names the forms that motivated it; the tests
//! at the bottom hold them.

use crate::segment::Kind;
use crate::span::Span;
use regex::Regex;

/// A document heading split into senders and recipients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The heading line (content).
    pub span: Span,
    /// Each sender ("F. E. Dzerzhinsky").
    pub senders: Vec<Span>,
    /// Each recipient (a person or an organisation).
    pub recipients: Vec<Span>,
    /// The separator (" to ", " - "), if the heading splits.
    pub separator: Option<Span>,
}

impl Heading {
    /// A heading that does not split into senders and recipients.
    pub fn whole(span: Span) -> Heading {
        Heading { span, senders: Vec::new(), recipients: Vec::new(), separator: None }
    }

    /// The same heading moved `by` bytes.
    pub fn shifted(mut self, by: usize) -> Heading {
        self.span = self.span.shift(by);
        for s in self.senders.iter_mut().chain(self.recipients.iter_mut()) {
            *s = s.shift(by);
        }
        self.separator = self.separator.map(|s| s.shift(by));
        self
    }
}

/// Headings longer than this are prose, not "X to Y". The longest in the
/// collection lists nine senders and four recipients (No. 177, ~230 bytes).
const MAX_HEADING: usize = 600;

/// Splits "F. E. Dzerzhinsky to I. V. Stalin, G. K. Ordzhonikidze" (also
/// with " - " or " — ", a trailing period, several names separated by commas
/// or "and", organisations as recipients). Spans are relative to `line`.
pub fn parse_heading(line: &str) -> Option<Heading> {
    if line.is_empty() || line.len() > MAX_HEADING {
        return None;
    }
    let body = line.strip_suffix('.').unwrap_or(line);
    // The separator: " to " first (it cannot occur inside a name), else " - ".
    let (sep_start, sep_len) = body.find(" to ").map(|p| (p, 4)).or_else(|| body.find(" - ").map(|p| (p, 3)))?;
    let left = Span::new(0, sep_start);
    let right = Span::new(sep_start + sep_len, body.len());
    let senders = split_names(line, left);
    let recipients = split_names(line, right);
    if senders.is_empty() || recipients.is_empty() {
        return None;
    }
    // Every sender must look like a person's name: initials and a
    // capitalised surname, or capitalised words only (no sentence).
    if senders.iter().any(|s| !looks_like_name(&line[s.range()])) {
        return None;
    }
    if recipients.iter().any(|r| line[r.range()].split_whitespace().count() > 12) {
        return None;
    }
    Some(Heading {
        span: Span::new(0, line.len()),
        senders,
        recipients,
        separator: Some(Span::new(sep_start, sep_start + sep_len)),
    })
}

/// Names separated by ", " or " and " within `within`.
fn split_names(line: &str, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let text = &line[within.range()];
    let mut start = 0;
    let push = |a: usize, b: usize, out: &mut Vec<Span>| {
        let piece = &text[a..b];
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        if !t.is_empty() {
            let s = within.start + a + lead;
            out.push(Span::new(s, s + t.len()));
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b',' {
            push(start, i, &mut out);
            start = i + 1;
        } else if bytes[i..].starts_with(b" and ") {
            // Bytes, not `text[i..]`: `i` walks bytes and may sit inside a
            // character ("Ленин to …" once panicked here).
            push(start, i, &mut out);
            start = i + 5;
            i += 5;
            continue;
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

fn looks_like_name(s: &str) -> bool {
    // Words counted, not collected: this runs on every candidate heading.
    let mut count = 0;
    let mut last = "";
    let mut caps = true;
    for w in s.split_whitespace() {
        count += 1;
        if count > 6 {
            return false;
        }
        // Every word capitalised (initials, surnames, "Sov.").
        let w0 = w.trim_start_matches(['[', '(']);
        caps &= w0.chars().next().is_some_and(|c| c.is_uppercase());
        last = w;
    }
    if count == 0 {
        return false;
    }
    // The last one a word of two letters or more.
    let last = last.trim_end_matches(['.', ']', ')']);
    caps && last.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Words a date line may contain besides numbers and month names.
const DATE_WORDS: &[&str] = &[
    "not",
    "earlier",
    "later",
    "than",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "middle",
    "end",
    "beginning",
    "start",
    "of",
    "the",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "between",
    "and",
    "to",
    "or",
    "circa",
    "c",
    "ca",
    "first",
    "second",
    "half",
    "no",
    "g",
    "old",
    "new",
    "style",
    "os",
    "ns",
    "night",
    "from",
];

/// Compiled line grammar.
#[derive(Clone, Debug)]
pub struct LineShapes {
    section: Regex,
    inline_date: Regex,
    provenance: Regex,
    marking: Regex,
    addressee_start: Regex,
    name_patronymic: Regex,
    name_sequence: Regex,
    signature: Regex,
    valediction: Regex,
    titled_signature: Regex,
    trailing_signature: Regex,
    leading_salutation: Regex,
    postscript: Regex,
    single_name: Regex,
    place_then_date: Regex,
    notes_heading: Regex,
    collection: Regex,
    edition: Regex,
    compilers: Regex,
    series: Regex,
}

/// A personal name as signatures write it: up to three initials ("I.",
/// "Yu.", "In." — the translation renders "Iv." as "In."), then a
/// capitalised or all-caps surname, possibly hyphenated.
const NAME: &str = r"(?:(?:[A-ZА-Я][a-zа-я]{0,2}\.\s?){0,3}[A-ZА-Я][\p{L}'’]+(?:-[A-ZА-Я][\p{L}'’]+)?)";

impl Default for LineShapes {
    fn default() -> Self {
        LineShapes::new()
    }
}

impl LineShapes {
    /// Compile the grammar. The patterns are constants; failure to compile is
    /// a bug caught by the tests, so this falls back to a never-matching regex
    /// rather than panicking.
    pub fn new() -> LineShapes {
        let re = |p: &str| Regex::new(p).unwrap_or_else(|_| never());
        LineShapes {
            section: re(r"^(?:Section|SECTION|Part|PART)\s+(?:[IVXLC]{1,6}|\d{1,3})\b\.?"),
            inline_date: re(
                r"^\d{1,2}\s*[/.]\s*(?:[IVX]{1,4}|\d{1,2})\s*\.?(?:\s*[-.\s]\s*(?:\d{4}|\d{2}))?\s*(?:[gG]\.)?\s*\.?$",
            ),
            provenance: re(concat!(
                r"^(?:(?:[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{1,11}(?:\s+[A-ZА-Я][A-Za-zА-Яа-я]{1,5}){0,2})\s*[.,;:]?\s*",
                r"(?:[FfФф]|[Ff]ond|[Ff]\s*\.)\.?\s*(?:[A-ZА-Я]\s*-?\s*)?\d",
                r"|(?:Ibid|IBID|Там же|In the same place)\.?,?\s*(?:[FfФDdДLlЛ]|Op|On|Оп|ll)\.)",
            )),
            marking: re(concat!(
                r"^(?i:(?:top\s+|strictly\s+|completely\s+)?secret|copy|copies|personal|confidential|",
                r"(?:very\s+)?urgent|not\s+for\s+publication|draft|cipher|telegram|by\s+direct\s+wire|original|",
                r"extract|excerpt)\b"
            )),
            addressee_start: re(concat!(
                r"^(?:(?:T|Tov|TOV|Tow)\.\s|(?:Dear|DEAR|Hello|Hi|Greetings|Respected|Esteemed|My dear|To|TO|",
                r"Comrade|COMRADE|comrade|Comrades|comrades|Secretary|SECRETARY|Chairman|CHAIRMAN|",
                r"People's Commissar|Member|Members|In the|IN THE)\b)"
            )),
            name_patronymic: re(r"^[A-Z][a-z]+ [A-Z][a-z]+(?:vich|vna|ich|ichna|ych|ovna|evna)[.!,]?$"),
            name_sequence: re(r"^(?:[A-ZА-Я][\p{L}-]+[.,!]\s*){2,6}$"),
            signature: re(&format!(r"^{NAME}(?:\s+\d{{1,2}})?\s*[.!]?$")),
            valediction: re(&format!(
                concat!(
                    r"^(?:With\s+[\p{{L}}\s-]{{0,40}}?greetings|Greetings|Regards|Best\s+wishes|Yours(?:\s+truly|",
                    r"\s+faithfully|\s+sincerely)?|Your|Warmly|Respectfully|Cordially|I\s+shake\s+your\s+hand)",
                    r"[,!.]?\s+{NAME}(?:\s+\d{{1,2}})?\s*[.!]?$"
                ),
                NAME = NAME
            )),
            titled_signature: re(&format!(r"^[^:]{{3,120}}:\s*{NAME}(?:\s+\d{{1,2}})?\s*\.?$")),
            trailing_signature: re(&format!(
                r"(?:^|[.!?*]\s+)((?:Your|Yours|With\s+[\p{{L}}\s]{{0,30}}greetings,?)\s+{NAME}(?:\s+\d{{1,2}})?\s*\.?)$"
            )),
            leading_salutation: re(r"^(?:Dear|Hello|Greetings|Respected|Esteemed|My dear)\b[^!?.\n]{0,60}!"),
            postscript: re(r"^(?:P\.\s?P\.\s?S\.|P\.\s?S\.|PPS|PSS|PS|P\.S)(?:[\s.:,]|$)"),
            single_name: re(r"^[A-ZА-Я][\p{L}'-]+\.?$"),
            place_then_date: re(r"^[A-ZА-Я][\p{L}'-]+(?:\s+[A-ZА-Я][\p{L}'-]+){0,2},\s+(.+)$"),
            notes_heading: re(r"^(?i:notes?|примечания|footnotes|endnotes)\s*:?$"),
            collection: re(r"(?i)^bolshevik\s+leader(?:ship|s)?\s+correspondence\b"),
            edition: re(r"(?i)^collection\s+of\s+documents\b"),
            compilers: re(r"(?i)^(?:compiled|compilers|edited)\s+by\b"),
            series: re(r"(?i)^[\p{L}\s-]{1,40}\bcorrespondences?\.?$"),
        }
    }

    /// "No. 192" / "Number 3" → the number and where its digits are.
    ///
    /// Read by hand, as `^(?:No\.?|Number|NUMBER|№|N)\s*(\d{1,5})\s*\.?$`
    /// would match it (the number its group parses to): this is asked of every
    /// line, and the regex's captures cost a thousand instructions on each
    /// line starting with "N" ("Notes:", "Nevertheless"). A test compares
    /// the two on generated lines.
    pub fn number(&self, line: &str) -> Option<(u32, Span)> {
        // Of the alternatives, only the longest that fits can be followed
        // by `\s*\d`: "Number" and "NUMBER" leave "umber"/"UMBER" to "N",
        // "No" leaves "o"; a dot after "No" is not a space or a digit.
        let rest = if let Some(r) = line.strip_prefix("Number").or_else(|| line.strip_prefix("NUMBER")) {
            r
        } else if let Some(r) = line.strip_prefix("No") {
            r.strip_prefix('.').unwrap_or(r)
        } else {
            line.strip_prefix('№').or_else(|| line.strip_prefix('N'))?
        };
        // `\s` is Unicode White_Space, as `char::is_whitespace` is.
        let digits = rest.trim_start();
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        // A non-ASCII `\d` would fail the parse after a match, and it fails
        // the tail here: both say no.
        if !(1..=5).contains(&n) {
            return None;
        }
        let tail = digits[n..].trim_start();
        if !tail.strip_prefix('.').unwrap_or(tail).is_empty() {
            return None;
        }
        let start = line.len() - digits.len();
        Some((digits[..n].parse().ok()?, Span::new(start, start + n)))
    }

    /// "Section I 1912 - 1921" → length of "Section I" and the rest's range.
    pub fn section_heading(&self, line: &str) -> Option<(usize, Option<(usize, usize)>)> {
        // "Section", "SECTION", "Part", "PART": a byte test first, as in `number`.
        if !matches!(line.as_bytes().first(), Some(b'S' | b'P')) {
            return None;
        }
        let m = self.section.find(line)?;
        let rest = &line[m.end()..];
        let lead = rest.len() - rest.trim_start().len();
        let t = rest.trim();
        let sub = (!t.is_empty()).then(|| (m.end() + lead, m.end() + lead + t.len()));
        Some((m.end(), sub))
    }

    /// The site navigation line: short cells between at least two bars.
    pub fn is_nav(&self, line: &str) -> bool {
        // Length first: a 100 MB line of bars must not become 10^8 cells.
        // Then two bars at least (three cells), found by memchr before any
        // cell is split: most lines have none.
        line.len() <= 200
            && memchr::memchr_iter(b'|', line.as_bytes()).nth(1).is_some()
            && line.split('|').all(|c| c.trim().len() <= 40)
    }

    /// Page boilerplate other than title and navigation.
    pub fn boilerplate(&self, line: &str) -> Option<Kind> {
        if self.collection.is_match(line) {
            Some(Kind::PageCollection)
        } else if self.edition.is_match(line) {
            Some(Kind::PageEdition)
        } else if self.compilers.is_match(line) {
            Some(Kind::PageCompilers)
        } else if self.series.is_match(line) {
            Some(Kind::PageSeries)
        } else {
            None
        }
    }

    /// "Notes:".
    pub fn is_notes_heading(&self, line: &str) -> bool {
        // The words start with n, f, e (either case) or a Cyrillic letter:
        // a byte test spares the regex on almost every line. Non-ASCII first
        // bytes go to the regex, so case folding beyond ASCII stays its call.
        matches!(line.as_bytes().first(), Some(b'n' | b'N' | b'f' | b'F' | b'e' | b'E' | 0x80..))
            && self.notes_heading.is_match(line)
    }

    /// A line that is an archival reference ("RTSKHIDNI. F. 76. …",
    /// "GARF. F. R-5674. …", "РГАСПИ. Ф. 558. …", "Ibid. L. 5.").
    pub fn is_provenance(&self, line: &str) -> bool {
        // Both alternatives start with a capital: A-Z or Cyrillic А-Я/Ё,
        // whose UTF-8 starts with 0xD0. Notes start with their number and
        // never reach the regex.
        matches!(line.as_bytes().first(), Some(b'A'..=b'Z' | 0xD0)) && self.provenance.is_match(line)
    }

    /// A heading date line: "October 2, 1925", "October 5-6, 1925",
    /// "March 17 1926" (view of "March 17 \[1926\]"), "August 1924", "Not
    /// earlier than March 1920", "November 10th. G.". Only date words,
    /// numbers and punctuation, with a month or a year among them.
    pub fn is_heading_date(&self, line: &str) -> bool {
        if line.is_empty() || line.len() > 120 {
            return false;
        }
        let mut has_anchor = false;
        let mut tokens = 0;
        for tok in line
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '-' | '/' | '?' | '(' | ')' | '[' | ']'))
            .filter(|t| !t.is_empty())
        {
            tokens += 1;
            if tokens > 16 {
                return false;
            }
            // ASCII tokens are compared without case and without the
            // allocation of a lowercase copy (month names and date words are
            // ASCII, compared ignoring ASCII case); others are lowercased as
            // before, since a few non-ASCII letters lowercase to ASCII.
            let lower = if tok.is_ascii() { std::borrow::Cow::Borrowed(tok) } else { tok.to_lowercase().into() };
            let digits = tok.trim_end_matches(|c: char| c.is_alphabetic());
            if crate::dates::month_from_name(&lower).is_some() {
                has_anchor = true;
            } else if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                let suffix = &tok[digits.len()..];
                if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                    return false;
                }
                match digits.len() {
                    1 | 2 => {}
                    4 => {
                        let y: u32 = digits.parse().unwrap_or(0);
                        if !(1000..2100).contains(&y) {
                            return false;
                        }
                        has_anchor = true;
                    }
                    _ => return false,
                }
            } else if !DATE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(&lower)) {
                return false;
            }
        }
        has_anchor
    }

    /// An inline date line: "2/X-25", "24/1 23", "20/IV-1923", "17/III.",
    /// "3/VIII", "19 / V", "1.XI.1923".
    pub fn is_inline_date(&self, line: &str) -> bool {
        line.len() <= 40 && self.inline_date.is_match(line)
    }

    /// A place and/or date line after the signature: a date, "Berlin,
    /// 1.XI.1923", or a place name alone ("Poltava").
    pub fn is_place_date(&self, line: &str) -> bool {
        if self.is_inline_date(line) || self.is_heading_date(line) {
            return true;
        }
        if let Some(c) = self.place_then_date.captures(line) {
            if let Some(d) = c.get(1) {
                let d = d.as_str();
                return self.is_inline_date(d) || self.is_heading_date(d);
            }
        }
        self.single_name.is_match(line)
    }

    /// A one-word line ("Poltava", "Shevardin"): a place or a signatory,
    /// depending on its neighbours.
    pub fn is_single_name(&self, line: &str) -> bool {
        self.single_name.is_match(line) && !self.is_heading_date(line)
    }

    /// "SECRET.", "COPY.", "Copy: CC.", "Copies of comrades …".
    pub fn is_marking(&self, line: &str) -> bool {
        // Every word starts with one of these letters, either case; the
        // regex folds case by Unicode ("ſ" is an "s"), so non-ASCII first
        // bytes go to it. The byte test spares the word count and the regex
        // on the body lines this is asked of.
        matches!(
            line.as_bytes().first(),
            Some(
                b't' | b'T'
                    | b's'
                    | b'S'
                    | b'c'
                    | b'C'
                    | b'p'
                    | b'P'
                    | b'u'
                    | b'U'
                    | b'v'
                    | b'V'
                    | b'n'
                    | b'N'
                    | b'd'
                    | b'D'
                    | b'b'
                    | b'B'
                    | b'o'
                    | b'O'
                    | b'e'
                    | b'E'
                    | 0x80..
            )
        ) && line.split_whitespace().take(15).count() <= 14
            && self.marking.is_match(line)
    }

    /// An addressee or salutation line at the head of a letter: "T. Stalin!",
    /// "Dear Sergo!", "Yuri Leonidovich.", "Klim. Stalin. Sergo.",
    /// "Secretary of the Central Committee of the RCP(b), Comrade Stalin.",
    /// "TO THE SECRETARY OF THE CC RCP(b) comrade. STALIN.", "ISTPART.".
    pub fn is_addressee(&self, line: &str) -> bool {
        // Counting stops past the limit: the answer is the same and a long
        // line costs no more than a short one.
        let words = line.split_whitespace().take(17).count();
        if words == 0 || words > 16 {
            return false;
        }
        if line.ends_with('!') && words <= 8 {
            return true;
        }
        if self.addressee_start.is_match(line) {
            // "Tov. Graskin, in addition to this letter, will give you …" is
            // the body: an address is short and has no verb-led clause.
            return words <= 12;
        }
        if self.name_patronymic.is_match(line) || self.name_sequence.is_match(line) {
            return true;
        }
        // An all-caps addressee ("ISTPART."). Counted, not collected: four
        // words can still be a 100 MB line.
        let mut letters = line.chars().filter(|c| c.is_alphabetic());
        words <= 4 && line.ends_with('.') && letters.clone().nth(2).is_some() && letters.all(char::is_uppercase)
    }

    /// A signature line: "F. Dzerzhinsky.", "I. Stalin.", "F. DZERZHINSKY.",
    /// "S. Minin 2 .", "Your Amayak.", "Yours S. Kirov.", "With comradely
    /// greetings, N. Krestinsky.", "Secretary of the Poltava Provincial
    /// Committee: B. Magidov.", "Arvid 10 .", "G. Pyatakov", "In. Stukov".
    pub fn is_signature(&self, line: &str) -> bool {
        if line.len() > 200 {
            return false;
        }
        // Each regex is tried only where its first letter or its colon is
        // (this is asked of a letter's body lines from the last one back, and
        // `titled_signature` reads up to 120 bytes looking for the colon).
        // The valedictions start with W, G, R, B, Y, C or I; a titled
        // signature has a colon; a name starts with A-Z or Cyrillic А-Я,
        // whose UTF-8 starts with 0xD0.
        let first = line.as_bytes().first().copied();
        let valediction = matches!(first, Some(b'W' | b'G' | b'R' | b'B' | b'Y' | b'C' | b'I'));
        if (valediction && self.valediction.is_match(line))
            || (memchr::memchr(b':', line.as_bytes()).is_some() && self.titled_signature.is_match(line))
        {
            return true;
        }
        if !matches!(first, Some(b'A'..=b'Z' | 0xD0)) || !self.signature.is_match(line) {
            return false;
        }
        // A bare word is a signature only with a marker after it ("Arvid 10 .")
        // or a full stop ("A[rvid]." reads "Arvid."); otherwise it is a place
        // or a signatory in a list, decided by the neighbours.
        let has_initial = line.split_whitespace().count() >= 2;
        has_initial || line.trim_end().ends_with('.')
    }

    /// "Former left communists:" — a line introducing a list of signatories.
    pub fn is_signature_intro(&self, line: &str) -> bool {
        line.ends_with(':') && line.split_whitespace().take(9).count() <= 8
    }

    /// "PS", "PSS", "P.S." at the start of a line → the label's length.
    pub fn postscript_label(&self, line: &str) -> Option<usize> {
        // Every label starts with "P"; this is asked of every closing line.
        if !line.starts_with('P') {
            return None;
        }
        let m = self.postscript.find(line)?;
        let label = m.as_str().trim_end_matches([' ', '\t', ':', ',']);
        Some(label.len())
    }

    /// "Dear comrade Stalin! I am replying…" → length of the salutation.
    pub fn leading_salutation(&self, line: &str) -> Option<usize> {
        let m = self.leading_salutation.find(line)?;
        (m.end() < line.len() && line[m.end()..].trim().len() > 1).then_some(m.end())
    }

    /// "… Write a couple of words *. Your Voroshilov 1 ." → where the closing
    /// signature starts.
    pub fn trailing_signature(&self, line: &str) -> Option<usize> {
        // The signature opens with "Your", "Yours" or "With … greetings": a
        // paragraph with neither word cannot end with one, and the regex
        // (its captures, over a letter's last paragraph) is not run.
        if !line.contains("Your") && !line.contains("greetings") {
            return None;
        }
        // The match, not its captures: the regex ends with `$`, so the
        // match is found by one reverse scan from the end, where captures
        // also ran the backtracker over it (with its visited set cleared,
        // ~30,000 instructions a paragraph). The signature (group 1) starts
        // at the match, or after the `[.!?*]\s+` before it: the two openings
        // are told apart by that first character (the signature opens with
        // "Y" or "W"), and `\s+` takes every space, since the signature
        // does not start with one. A test compares this with the captures.
        let m = self.trailing_signature.find(line)?;
        let at = m.as_str();
        let sig = match at.strip_prefix(['.', '!', '?', '*']) {
            Some(rest) => line.len() - rest.trim_start().len(),
            None => m.start(),
        };
        (sig > 0).then_some(sig)
    }
}

fn never() -> Regex {
    // `[^\s\S]` matches nothing and always compiles.
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a constant pattern"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes() -> LineShapes {
        LineShapes::new()
    }

    #[test]
    fn numbers() {
        let s = shapes();
        assert_eq!(s.number("No. 192").map(|x| x.0), Some(192));
        assert_eq!(s.number("Number 3").map(|x| x.0), Some(3));
        assert_eq!(s.number("No. 192 was"), None);
        assert_eq!(s.number("No. 99999999999999"), None);
        // The first-byte test lets the other spellings through.
        assert_eq!(s.number("№ 17").map(|x| x.0), Some(17));
        assert_eq!(s.number("N 4").map(|x| x.0), Some(4));
        assert_eq!(s.number("NUMBER 12.").map(|x| x.0), Some(12));
        assert!(s.is_notes_heading("Notes:") && s.is_notes_heading("notes") && s.is_notes_heading("Footnotes"));
        assert!(s.is_notes_heading("ENDNOTES") && s.is_notes_heading("Примечания:"));
        assert!(!s.is_notes_heading("Note that the letter"));
        assert!(!s.is_nav("Marx-Engels | Lenin"));
    }

    #[test]
    fn the_number_reader_is_the_regex() {
        let re = Regex::new(r"^(?:No\.?|Number|NUMBER|№|N)\s*(\d{1,5})\s*\.?$").unwrap();
        let old = |line: &str| -> Option<(u32, Span)> {
            let c = re.captures(line)?;
            let m = c.get(1)?;
            Some((m.as_str().parse().ok()?, Span::new(m.start(), m.end())))
        };
        let s = shapes();
        // `\s` and `char::is_whitespace` agree on every character.
        let space = Regex::new(r"^\s$").unwrap();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(space.is_match(c.encode_utf8(&mut [0; 4])), c.is_whitespace(), "{c:?}");
        }
        let pieces = [
            "No", "No.", "N", "Number", "NUMBER", "№", "Nu", "o", ".", "..", " ", "  ", "\t", "\n", "\u{a0}",
            "\u{2003}", "\u{85}", "\u{200b}", "1", "23", "456", "99999", "0", "٣", "１", "x", "No 1", "a", "Ö",
        ];
        let mut g = crate::testgen::Gen::new(0x2545_f491_4f6c_dd1d);
        let lines = (0..200_000).map(|_| {
            let k = 1 + g.below(6);
            (0..k).map(|_| g.pick(&pieces)).collect()
        });
        same_as_regex(lines, old, |line| s.number(line), 1000);
    }

    /// `new` gives what `old` (the regex it replaces) gives on every line,
    /// and more than `min_found` lines are matches: the lines exercise what
    /// the two find, not only what they refuse.
    fn same_as_regex<T: PartialEq + std::fmt::Debug>(
        lines: impl Iterator<Item = String>,
        old: impl Fn(&str) -> Option<T>,
        new: impl Fn(&str) -> Option<T>,
        min_found: usize,
    ) {
        let mut found = 0;
        for line in lines {
            let want = old(&line);
            found += usize::from(want.is_some());
            assert_eq!(new(&line), want, "{line:?}");
        }
        assert!(found > min_found, "{found}");
    }

    #[test]
    fn the_trailing_signature_is_the_captured_group() {
        let s = shapes();
        let old = |line: &str| -> Option<usize> {
            let c = s.trailing_signature.captures(line)?;
            let m = c.get(1)?;
            (m.start() > 0).then_some(m.start())
        };
        let pieces = [
            "Your",
            "Yours",
            "With",
            "comradely",
            "greetings",
            "greetings,",
            "With communist greetings",
            "I. V.",
            "Stalin",
            "Voroshilov",
            "S. Kirov",
            "Yu.",
            "Ordzhonikidze-Sergo",
            "Ленин",
            "1",
            "12",
            "123",
            ".",
            "!",
            "?",
            "*",
            ",",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "\n",
            "write",
            "a",
            "word",
            "Y",
            "W",
        ];
        let mut g = crate::testgen::Gen::new(0x853c_49e6_748f_ea9b);
        let lines = (0..100_000).map(|_| {
            let k = 1 + g.below(12);
            let mut line = String::new();
            for _ in 0..k {
                line.push_str(g.pick(&pieces));
                if g.below(3) != 0 {
                    line.push(' ');
                }
            }
            // Half of them end as a signature would, after any of the above.
            if g.below(2) == 0 {
                let open = ["Your ", "Yours ", "With comradely greetings, ", "With greetings "];
                let name = ["Stalin", "I. V. Stalin", "S. Kirov 1", "Voroshilov 12 .", "Ленин."];
                line.push_str(g.pick(&open));
                line.push_str(g.pick(&name));
            }
            line
        });
        same_as_regex(lines, old, |line| s.trailing_signature(line), 5000);
    }

    #[test]
    fn headings() {
        let line = "F. E. Dzerzhinsky to I. V. Stalin, G. K. Ordzhonikidze";
        let h = parse_heading(line).unwrap();
        let names: Vec<_> = h.senders.iter().chain(&h.recipients).map(|s| &line[s.range()]).collect();
        assert_eq!(names, ["F. E. Dzerzhinsky", "I. V. Stalin", "G. K. Ordzhonikidze"]);

        let line = "A. M. Nazaretyan - G. K. Ordzhonikidze.";
        let h = parse_heading(line).unwrap();
        assert_eq!(&line[h.recipients[0].range()], "G. K. Ordzhonikidze");

        let line = "G. L. Pyatakov, K. B. Radek, V. M. Maksimovsky - Eastpart, Central Committee of the RCP (b), Central Control Commission, editorial board of Pravda";
        let h = parse_heading(line).unwrap();
        assert_eq!(h.senders.len(), 3);
        let r: Vec<_> = h.recipients.iter().map(|s| &line[s.range()]).collect();
        assert_eq!(
            r,
            ["Eastpart", "Central Committee of the RCP (b)", "Central Control Commission", "editorial board of Pravda"]
        );

        let line = "I. V. Stalin and L. D. Trotsky to V. I. Lenin";
        assert_eq!(parse_heading(line).unwrap().senders.len(), 2);

        assert!(parse_heading("I fully agree with your thought to go on.").is_none());
        assert!(parse_heading("The majority of the peasantry is not with us - we have not").is_none());
    }

    #[test]
    fn dates() {
        let s = shapes();
        for d in [
            "October 2, 1925",
            "October 5-6, 1925",
            "March 17 1926",
            "August 1924",
            "August 3 1923",
            "November 10th. G.",
            "Not earlier than March 1920",
            "1923",
            "March 27, 1926",
        ] {
            assert!(s.is_heading_date(d), "{d}");
        }
        for d in ["Other.", "Poltava", "1 See note", "46.", "May the party", "In 1917, when Zinoviev"] {
            assert!(!s.is_heading_date(d), "{d}");
        }
        for d in [
            "2/X-25",
            "24/1 23",
            "20/IV-1923",
            "22/V-23",
            "20/XII 23",
            "17/III.",
            "3/VIII",
            "19 / V",
            "1.XI.1923",
            "28/II 26",
            "22/XI-23",
        ] {
            assert!(s.is_inline_date(d), "{d}");
        }
        assert!(s.is_place_date("Berlin, 1.XI.1923"));
        assert!(s.is_place_date("Poltava"));
        assert!(!s.is_inline_date("1 1/2"));
    }

    #[test]
    fn provenance() {
        let s = shapes();
        for p in [
            "RTSKHIDNI. F. 76. Op. 2. D. 197. L. 9. Certified typewritten copy.",
            "RTSHIDNI; F. 85. Op. 24. D. 150. L. 1-2. Autograph.",
            "GARF. F. R-5674. On. 1. D. 1. L. 92",
            "РГАСПИ. Ф. 558. Оп. 1. Д. 5391. Л. 3 (автограф).",
            "RGASPI, f. 558, op. 1, d. 5403, l. 1",
            "Ibid. L. 5.",
            "AVP RF. F. 04. Op. 32",
        ] {
            assert!(s.is_provenance(p), "{p}");
        }
        for p in ["F. E. Dzerzhinsky to G. L. Pyatakov", "Frunze was operated on", "F. Dzerzhinsky."] {
            assert!(!s.is_provenance(p), "{p}");
        }
    }

    #[test]
    fn head_of_letter() {
        let s = shapes();
        for m in ["SECRET.", "COPY.", "Copy.", "Copy: CC.", "Copies of comrades Dzerzhinsky, Trilisser and Menzhinsky."]
        {
            assert!(s.is_marking(m), "{m}");
        }
        for a in [
            "T. Stalin!",
            "Dear Sergo!",
            "Hello, dear Sergo!",
            "Yuri Leonidovich.",
            "Klim. Stalin. Sergo.",
            "Secretary of the Central Committee of the RCP(b), Comrade Stalin.",
            "TO THE SECRETARY OF THE CC RCP(b) comrade. STALIN.",
            "Tov. Stalin.",
            "Dear comrade. MAGIDOV!",
            "comrade STALIN.",
            "ISTPART.",
            "T. Stalin 1 .",
            "T. Stalin",
            "Dear comrades.",
        ] {
            assert!(s.is_addressee(a), "{a}");
        }
        for b in [
            "I fully agree with your thought.",
            "Tov. Graskin, in addition to this letter, will give you two more packets: one with an extract of the decision",
            "Let it not surprise you that I am writing you a personal, informal letter.",
        ] {
            assert!(!s.is_addressee(b), "{b}");
        }
        assert_eq!(s.leading_salutation("Dear comrade Stalin! I am replying to your note"), Some(20));
    }

    #[test]
    fn closings() {
        let s = shapes();
        for sig in [
            "F. Dzerzhinsky.",
            "I. Stalin.",
            "F. DZERZHINSKY.",
            "S. Minin 2 .",
            "Your Amayak.",
            "Yours S. Kirov.",
            "With comradely greetings, N. Krestinsky.",
            "With communist greetings Serebryakov.",
            "Secretary of the Poltava Provincial Committee: B. Magidov.",
            "Arvid 10 .",
            "Arvid.",
            "G. Pyatakov",
            "In. Stukov",
        ] {
            assert!(s.is_signature(sig), "{sig}");
        }
        for not in ["Poltava", "Shevardin", "I think the following:", "Other things were said today."] {
            assert!(!s.is_signature(not), "{not}");
        }
        assert_eq!(s.postscript_label("PS Only by taking control"), Some(2));
        assert_eq!(s.postscript_label("PSS The scandal"), Some(3));
        assert_eq!(s.postscript_label("P.S. Greetings"), Some(4));
        assert_eq!(s.postscript_label("PSYCHOLOGY"), None);
        let line = "Greetings to Zinaida Gavrilovna and son. Write a couple of words *. Your Voroshilov 1 .";
        assert_eq!(&line[s.trailing_signature(line).unwrap()..], "Your Voroshilov 1 .");
    }

    #[test]
    fn boilerplate() {
        let s = shapes();
        assert!(s.is_nav("Marx-Engels |  Lenin  | Stalin |  Home Page"));
        assert_eq!(s.boilerplate("Bolshevik leadership Correspondence. 1912-1927"), Some(Kind::PageCollection));
        assert_eq!(s.boilerplate("Collection of documents 1996."), Some(Kind::PageEdition));
        assert_eq!(
            s.boilerplate("Compiled by: A.V.Kvashonkin, L.P.Kosheleva, L.A.Rogovaya, O.V.Khlevnyuk."),
            Some(Kind::PageCompilers)
        );
        assert_eq!(s.boilerplate("Stalin Correspondences"), Some(Kind::PageSeries));
        assert_eq!(s.section_heading("Section I 1912 - 1921").map(|x| x.0), Some(9));
    }
}
