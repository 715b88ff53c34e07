//! Tests of the citation stage on real forms: the seed pages (every archival
//! reference, by hand), each style and variant, each audit code, rendering,
//! and pathological inputs.

use super::*;

fn view(path: &str) -> String {
    let raw = std::fs::read_to_string(path).unwrap();
    crate::normalize::Normalized::new(&raw).view().to_string()
}

fn all(text: &str) -> Vec<Citation> {
    CitationParser::new().find(text, &mut Context::new())
}

fn one(text: &str) -> Citation {
    let mut v: Vec<Citation> = all(text).into_iter().filter(|c| c.kind == Kind::Archival).collect();
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.remove(0)
}

type Fields<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>, Vec<&'a str>);

fn fields(c: &Citation) -> Fields<'_> {
    (
        c.institution.as_deref(),
        c.fond.as_deref(),
        c.opis.as_deref(),
        c.delo.as_deref(),
        c.folios.iter().map(String::as_str).collect(),
    )
}

fn codes_of(c: &Citation) -> Vec<&'static str> {
    c.audit.iter().map(|a| a.code).collect()
}

// ---- the seed pages: every archival reference, by hand ----

struct Want {
    raw: &'static str,
    archive: &'static str,
    fond: &'static str,
    opis: &'static str,
    delo: &'static str,
    folios: &'static [&'static str],
    inherited: &'static [&'static str],
    form: Option<&'static str>,
    audit: &'static [&'static str],
}

const fn w(
    raw: &'static str,
    archive: &'static str,
    (fond, opis, delo): (&'static str, &'static str, &'static str),
    folios: &'static [&'static str],
    inherited: &'static [&'static str],
    form: Option<&'static str>,
    audit: &'static [&'static str],
) -> Want {
    Want { raw, archive, fond, opis, delo, folios, inherited, form, audit }
}

const R: &str = "RTsKhIDNI";
const IBID3: &[&str] = &["archive", "fond", "opis"];
const IBID4: &[&str] = &["archive", "fond", "opis", "delo"];
const AUTOGRAPH: Option<&str> = Some("Autograph");
const SIGNED: Option<&str> = Some("Typewritten text. The signature is an autograph");

fn seed_expectations() -> Vec<(&'static str, Vec<Want>)> {
    use codes::*;
    vec![
        (
            "000",
            vec![
                w(
                    "RTSKHIDNI. F. 76. Op. 2. D. 197. L. 9.",
                    R,
                    ("76", "2", "197"),
                    &["9"],
                    &[],
                    Some("Certified typewritten copy"),
                    &[],
                ),
                w("RTSKHIDNI. F. 76. Op. 2. D. 28. L. 1-8.", R, ("76", "2", "28"), &["1-8"], &[], AUTOGRAPH, &[]),
            ],
        ),
        (
            "001",
            vec![
                w(
                    "RTSKHIDNI. F. 85. Op. 1/S. D. 13. L. 12-13.",
                    R,
                    ("85", "1/S", "13"),
                    &["12-13"],
                    &[],
                    AUTOGRAPH,
                    &[],
                ),
                w("RTSKHIDNI. F. 17. Op. 3. D. 332. L. 1", R, ("17", "3", "332"), &["1"], &[], None, &[]),
                w("Ibid. D. 331. L. 1", R, ("17", "3", "331"), &["1"], IBID3, None, &[]),
                w(
                    "RTSKHIDNI. F. 85. Op. 1/S. D. 13. L. 14-15.",
                    R,
                    ("85", "1/S", "13"),
                    &["14-15"],
                    &[],
                    AUTOGRAPH,
                    &[],
                ),
                w("RTSKHIDNI. F. 17. Op. 3. D. 332. L. 4", R, ("17", "3", "332"), &["4"], &[], None, &[]),
                w("RTSKHIDNI. F. 85. Op. 24. D. 175. L. 1.", R, ("85", "24", "175"), &["1"], &[], AUTOGRAPH, &[]),
                w(
                    "RTSHIDNI; F. 85. Op. 24. D. 150. L. 1-2.",
                    R,
                    ("85", "24", "150"),
                    &["1-2"],
                    &[],
                    AUTOGRAPH,
                    &[ARCHIVE_MISSPELLED, SEPARATOR],
                ),
                w(
                    "RTSKHIDNI. F. 76. Op. 2. D. 103. L. 103 - 113.",
                    R,
                    ("76", "2", "103"),
                    &["103-113"],
                    &[],
                    AUTOGRAPH,
                    &[RANGE_SPACED],
                ),
                w(
                    "GARF. F. R-5674. On. 1. D. 1. L. 92",
                    "GARF",
                    ("R-5674", "1", "1"),
                    &["92"],
                    &[],
                    None,
                    &[LABEL_MISREAD],
                ),
                w("Ibid., L. 93", "GARF", ("R-5674", "1", "1"), &["93"], IBID4, None, &[SEPARATOR]),
                w("Ibid. L. 79-80", "GARF", ("R-5674", "1", "1"), &["79-80"], IBID4, None, &[]),
                w(
                    "RTSKHIDNI. F. 76. Op. 3. D. 231. L. 2.",
                    R,
                    ("76", "3", "231"),
                    &["2"],
                    &[],
                    Some("Certified typewritten copy"),
                    &[],
                ),
                w("RTSKHIDNI. F. 76. Op. 3. D. 231. L. 3", R, ("76", "3", "231"), &["3"], &[], None, &[]),
                w(
                    "RTSKHIDNI. F. 558. On. 2. D. 137. L. 1-5.",
                    R,
                    ("558", "2", "137"),
                    &["1-5"],
                    &[],
                    Some("Typewritten text"),
                    &[LABEL_MISREAD],
                ),
                w(
                    "RTSKHIDNI. F. 558. On. 1. D. 2565. L. 2-7.",
                    R,
                    ("558", "1", "2565"),
                    &["2-7"],
                    &[],
                    SIGNED,
                    &[LABEL_MISREAD],
                ),
                w("RTsKhIDNI. F. 17. Op. 112. D. 486. L. 1", R, ("17", "112", "486"), &["1"], &[], None, &[]),
                w("Ibid. D. 561. L. 56-56v.", R, ("17", "112", "561"), &["56-56v"], IBID3, None, &[]),
                w("RTSKHIDNI. F. 76. Op. 3. D. 162. L. 15-16.", R, ("76", "3", "162"), &["15-16"], &[], SIGNED, &[]),
                w("RTSKHIDNI, F. 76, Op. 3, D. 162, L. 14", R, ("76", "3", "162"), &["14"], &[], None, &[SEPARATOR]),
                w("Ibid. L. 17", R, ("76", "3", "162"), &["17"], IBID4, None, &[]),
                w(
                    "RTSKHIDNI. F. 558. On. 1. D. 2565. L. 1.",
                    R,
                    ("558", "1", "2565"),
                    &["1"],
                    &[],
                    SIGNED,
                    &[LABEL_MISREAD],
                ),
                w("RTsKhIDNI. F. 17. Op. 3. D. 391. L. 6-7", R, ("17", "3", "391"), &["6-7"], &[], None, &[]),
                w(
                    "RTSKHIDNI. F. 17. Op. 71. D. 76. L. 1-2.",
                    R,
                    ("17", "71", "76"),
                    &["1-2"],
                    &[],
                    Some("Typewritten text. Signatures are autographs"),
                    &[],
                ),
            ],
        ),
        (
            "002",
            vec![
                w("RTSKHIDNI. F. 85. Op. 25. D. 120. L. 1-2.", R, ("85", "25", "120"), &["1-2"], &[], AUTOGRAPH, &[]),
                w(
                    "RTSKHIDNI. F. 85. Op. 1/S. D. 171. L. 1.",
                    R,
                    ("85", "1/S", "171"),
                    &["1"],
                    &[],
                    Some("Uncertified typewritten copy"),
                    &[],
                ),
                w(
                    "RTSHIDNI; F. 76. Op. 2. D. 325. L. 25.",
                    R,
                    ("76", "2", "325"),
                    &["25"],
                    &[],
                    AUTOGRAPH,
                    &[ARCHIVE_MISSPELLED, SEPARATOR],
                ),
            ],
        ),
        (
            "003",
            vec![w("RTSKHIDNI. F. 78. Op. 7. D. 210. L. 1-2.", R, ("78", "7", "210"), &["1-2"], &[], AUTOGRAPH, &[])],
        ),
        (
            "004",
            vec![
                w(
                    "RTSHIDNI. F. 558. On. 1. D. 5467. L. 3.",
                    R,
                    ("558", "1", "5467"),
                    &["3"],
                    &[],
                    None,
                    &[ARCHIVE_MISSPELLED, LABEL_MISREAD],
                ),
                w(
                    "RTSHIDNI. F. 558. On. 1. D. 5457. L. 4.",
                    R,
                    ("558", "1", "5457"),
                    &["4"],
                    &[],
                    None,
                    &[ARCHIVE_MISSPELLED, LABEL_MISREAD],
                ),
            ],
        ),
    ]
}

/// Parses a seed page with one context per document ("No. 192" headings
/// start a document), as the pipeline does.
fn parse_page(view: &str) -> Vec<Citation> {
    let p = CitationParser::new();
    let mut out = Vec::new();
    let mut ctx = Context::new();
    let mut chunk_start = 0;
    let mut pos = 0;
    for line in view.split_inclusive('\n') {
        let t = line.trim();
        let heading = t.strip_prefix("No. ").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if heading {
            out.extend(shifted(p.find(&view[chunk_start..pos], &mut ctx), chunk_start));
            ctx.reset();
            chunk_start = pos;
        }
        pos += line.len();
    }
    out.extend(shifted(p.find(&view[chunk_start..], &mut ctx), chunk_start));
    out
}

fn shifted(v: Vec<Citation>, by: usize) -> Vec<Citation> {
    v.into_iter()
        .map(|mut c| {
            c.span = c.span.shift(by);
            c
        })
        .collect()
}

#[test]
fn every_archival_reference_of_the_seed_pages() {
    let mut total = 0;
    for (prefix, wants) in seed_expectations() {
        let path = std::fs::read_dir("seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
            .unwrap();
        let text = view(path.to_str().unwrap());
        let got: Vec<Citation> = parse_page(&text).into_iter().filter(|c| c.kind == Kind::Archival).collect();
        assert_eq!(got.len(), wants.len(), "{prefix}: {:#?}", got.iter().map(|c| &c.raw).collect::<Vec<_>>());
        for (c, w) in got.iter().zip(&wants) {
            assert_eq!(c.raw, w.raw, "{prefix}");
            assert_eq!(c.style, Some(Style::Translation), "{}", w.raw);
            assert_eq!(c.archive.as_deref(), Some(w.archive), "{}", w.raw);
            let inst = if w.archive == "GARF" { "GARF" } else { "RGASPI" };
            assert_eq!(
                fields(c),
                (Some(inst), Some(w.fond), Some(w.opis), Some(w.delo), w.folios.to_vec()),
                "{}",
                w.raw
            );
            assert_eq!(c.ibid, w.raw.starts_with("Ibid"), "{}", w.raw);
            assert_eq!(c.inherited, w.inherited, "{}", w.raw);
            assert_eq!(c.form.as_ref().map(|f| f.text.as_str()), w.form, "{}", w.raw);
            assert_eq!(codes_of(c), w.audit, "{}", w.raw);
            assert_eq!(&text[c.span.range()], c.raw);
            total += 1;
        }
    }
    assert_eq!(total, 31);
}

#[test]
fn seed_provenance_with_published_source() {
    let text = view(
        std::fs::read_dir("seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("000"))
            .unwrap()
            .to_str()
            .unwrap(),
    );
    let line = text.lines().find(|l| l.contains("D. 28. L. 1-8")).unwrap();
    let p = CitationParser::new();
    assert!(p.is_provenance(line));
    let c = p.provenance(line, &mut Context::new()).unwrap();
    assert_eq!(c.form.as_ref().unwrap().text, "Autograph");
    let pubd = c.published.unwrap();
    assert_eq!(pubd.text, "Political diary. 1964 - 1970. Amsterdam. 1972. S. 238-241");
    assert_eq!(&line[pubd.span.range()], pubd.text);
    assert_eq!(&line[c.form.unwrap().span.range()], "Autograph");
}

#[test]
fn seed_published_references() {
    let mut found = Vec::new();
    for e in std::fs::read_dir("seeds").unwrap() {
        let text = view(e.unwrap().path().to_str().unwrap());
        found.extend(parse_page(&text).into_iter().filter(|c| c.kind == Kind::Published));
    }
    let by_raw = |s: &str| found.iter().find(|c| c.raw.starts_with(s)).unwrap_or_else(|| panic!("{s}"));
    let lenin = by_raw("Lenin V.I. PSS");
    assert_eq!(
        (lenin.author.as_deref(), lenin.title.as_deref(), lenin.volume.as_deref(), lenin.pages.as_deref()),
        (Some("Lenin V.I."), Some("PSS"), Some("51"), Some("141-142"))
    );
    let news = by_raw("News of the Central Committee of the CPSU. 1989");
    assert_eq!(
        (news.year.as_deref(), news.issue.as_deref(), news.pages.as_deref()),
        (Some("1989"), Some("11"), Some("179-192"))
    );
    let source = by_raw("Source. 1995");
    assert_eq!(source.title.as_deref(), Some("Source"));
    let ibid = by_raw("Ibid., pp. 128-129");
    assert!(ibid.ibid);
    assert_eq!(
        (ibid.title.as_deref(), ibid.year.as_deref(), ibid.pages.as_deref()),
        (Some("Source"), Some("1995"), Some("128-129"))
    );
    assert_eq!(ibid.inherited, ["title", "year", "issue"]);
    let med = by_raw("Medvedev R.A.");
    assert_eq!(
        (med.title.as_deref(), med.year.as_deref(), med.pages.as_deref()),
        (Some("On Stalin and Stalinism"), Some("1990"), Some("129-136"))
    );
    let cpsu = by_raw("CPSU in resolutions");
    assert_eq!((cpsu.year.as_deref(), cpsu.volume.as_deref(), cpsu.pages.as_deref()), (None, Some("4"), Some("22")));
    // "See: " is not part of the reference.
    assert!(by_raw("Babichenko L.G.").raw.ends_with("S. 125-157"));
    assert!(found.iter().all(|c| c.canonical.is_none() && c.style.is_none()));
}

// ---- styles and variants ----

#[test]
fn translation_style_variants() {
    let c = one("RTSKHIDNI. F. 85. Op. 1/S. D. 13. L. 12-13. Autograph.");
    assert_eq!(fields(&c), (Some("RGASPI"), Some("85"), Some("1/S"), Some("13"), vec!["12-13"]));
    assert_eq!(c.archive.as_deref(), Some("RTsKhIDNI"));
    assert_eq!(c.canonical.as_deref(), Some("RTsKhIDNI. F. 85. Op. 1/S. D. 13. L. 12-13."));
    assert_eq!(c.notes.first().map(|n| n.code), Some(codes::ARCHIVE_RENAMED));
    let c = one("(GARF. F. R-5674. On. 1. D. 1. L. 92) .");
    assert_eq!(fields(&c), (Some("GARF"), Some("R-5674"), Some("1"), Some("1"), vec!["92"]));
    assert_eq!(c.raw, "GARF. F. R-5674. On. 1. D. 1. L. 92");
    let c = one("RTsKhIDNI. F. 17. Op. 2. D. 317. L. 11 ob.");
    assert_eq!(c.folios, ["11v"]);
}

#[test]
fn western_style_variants() {
    let c = one("RGASPI, f. 558, op. 1, d. 5403, l. 1");
    assert_eq!(c.style, Some(Style::Western));
    assert_eq!(fields(&c), (Some("RGASPI"), Some("558"), Some("1"), Some("5403"), vec!["1"]));
    assert_eq!(one("GARF, f. R-5446, op. 1, d. 20, ll. 177, 178, 191.").folios, ["177", "178", "191"]);
    assert_eq!(one("RGANI, f. 3, op. 14, d. 12, ll. 1-2ob.").folios, ["1-2v"]);
    assert_eq!(one("RGVA, f. 33987, op. 3, d. 46, ll. 22-6.").folios, ["22-26"]);
    assert_eq!(one("APRF, f. 3, op. 24, d. 375, ll. 101-3.").folios, ["101-103"]);
    assert_eq!(one("RGAE, f. 4372, o. 91, d. 1215, l. 4.").opis.as_deref(), Some("91"));
    assert_eq!(one("RGASPI, f. 82, op. 2, d. 1420, passim.").folios, ["passim"]);
    // A credit line after the reference is not part of it.
    let c = one("AVP RF, f. 0136, op. 22, d. 11, l. 48. Contributed by Oleg Khlevniuk.");
    assert_eq!(c.raw, "AVP RF, f. 0136, op. 22, d. 11, l. 48.");
    assert!(c.audit.is_empty());
    assert_eq!(c.canonical.as_deref(), Some("AVP RF, f. 0136, op. 22, d. 11, l. 48."));
}

#[test]
fn western_chains_inherit_archive_and_upper_levels() {
    let v = all("RGASPI, f. 558, op. 1, d. 4137, l. 1; d. 1943, l. 1.");
    assert_eq!(v.len(), 2);
    assert_eq!(fields(&v[1]), (Some("RGASPI"), Some("558"), Some("1"), Some("1943"), vec!["1"]));
    assert_eq!(v[1].inherited, ["archive", "fond", "opis"]);
    assert!(!v[1].ibid);
    assert!(v[0].audit.is_empty() && v[1].audit.is_empty(), "{v:#?}");
    let v = all("RGASPI, f. 74, op. 2, d. 37, l. 3; f. 85, op. 27, d. 97, l. 1.");
    assert_eq!(v[1].inherited, ["archive"]);
    assert_eq!(v[1].fond.as_deref(), Some("85"));
    let mut ctx = Context::new();
    let p = CitationParser::new();
    p.find("RGASPI, f. 17, op. 3, d. 5, l. 1.", &mut ctx);
    let c = p.find("Ibid., ll. 196-198.", &mut ctx).remove(0);
    assert_eq!(fields(&c), (Some("RGASPI"), Some("17"), Some("3"), Some("5"), vec!["196-198"]));
    assert_eq!(c.style, Some(Style::Western));
    assert!(c.audit.is_empty(), "{:?}", c.audit);
}

#[test]
fn cyrillic_style_variants() {
    let c = one("РГАСПИ. Ф. 558. Оп. 1. Д. 5391. Л. 3 (автограф).");
    assert_eq!(c.style, Some(Style::Cyrillic));
    assert_eq!(fields(&c), (Some("RGASPI"), Some("558"), Some("1"), Some("5391"), vec!["3"]));
    assert_eq!(c.form.as_ref().map(|f| f.text.as_str()), Some("автограф"));
    assert!(c.audit.is_empty(), "{:?}", c.audit);
    assert_eq!(one("РГАСПИ. Ф. 17. Оп. 3. Д. 500. Л. 17 об.").folios, ["17v"]);
    assert_eq!(one("ГАРФ. Ф. Р-5446. Оп. 1. Д. 20. Л. 1-5 об.").folios, ["1-5v"]);
    let c = one("ЦПА ИМЛ. Ф. 2. Оп. 1. Ед. хр. 46. Л. 2.");
    assert_eq!((c.institution.as_deref(), c.delo.as_deref()), (Some("RGASPI"), Some("46")));
    assert!(c.audit.is_empty(), "{:?}", c.audit);
    let mut ctx = Context::new();
    let p = CitationParser::new();
    p.find("ГАРФ. Ф. Р-5446. Оп. 1. Д. 20. Л. 1.", &mut ctx);
    let c = p.find("Там же. Л. 7.", &mut ctx).remove(0);
    assert!(c.ibid);
    assert_eq!(fields(&c), (Some("GARF"), Some("Р-5446"), Some("1"), Some("20"), vec!["7"]));
    assert_eq!(c.style, Some(Style::Cyrillic));
    assert!(c.audit.is_empty(), "{:?}", c.audit);
    let c = one("РГАСПИ. Ф. 558. On. 1. Д. 2714. Л. 1.");
    assert_eq!(c.opis.as_deref(), Some("1"));
    assert_eq!(codes_of(&c), [codes::SCRIPT_MIXED]);
}

#[test]
fn compact_shorthand() {
    let c = one("RGASPI 558.1.5403.1.");
    assert_eq!(fields(&c), (Some("RGASPI"), Some("558"), Some("1"), Some("5403"), vec!["1"]));
    assert_eq!(c.style, None);
    assert_eq!(c.canonical.as_deref(), Some("RGASPI, f. 558, op. 1, d. 5403, l. 1."));
    let c = one("see RGASPI 17/3/500/2-4 and");
    assert_eq!(fields(&c), (Some("RGASPI"), Some("17"), Some("3"), Some("500"), vec!["2-4"]));
    // Not shorthand: a date or a plain number after a name.
    assert!(all("RGASPI 1995 report").is_empty());
}

#[test]
fn other_and_regional_archives() {
    for (text, inst) in [
        ("TsDOOSO, f. 4, op. 10, d. 211, l. 6.", Some("TsDOOSO")),
        ("PermGANI, f. 105, op. 2, d. 49, ll. 12-14.", Some("PermGANI")),
        ("TsGAIPD SPb, f. 24, op. 2v, d. 1829, l. 38.", Some("TsGAIPD SPb")),
        ("TsA FSB RF. F. 3. Op. 4. D. 152. L. 157-159.", Some("TsA FSB")),
        ("TsKhSD, f. 89, op. 73, d. 2, ll. 1-3.", Some("RGANI")),
        ("ЦГАНХ. Ф. 3429. Оп. 1. Д. 115. Л. 9.", Some("RGAE")),
        ("TsGASA. F. 33988. Op. 2. D. 208. L. 3.", Some("RGVA")),
        ("GOPAPO. F. 105. Op. 1. D. 22. L. 4.", None),
    ] {
        let c = one(text);
        assert_eq!(c.institution.as_deref(), inst, "{text}");
        assert!(c.archive.is_some(), "{text}");
    }
}

#[test]
fn ibid_without_labels_repeats_the_reference() {
    let mut ctx = Context::new();
    let p = CitationParser::new();
    p.find("RGASPI, f. 17, op. 3, d. 5, l. 1.", &mut ctx);
    let c = p.find("(Ibid.)", &mut ctx).remove(0);
    assert_eq!(c.inherited, ["archive", "fond", "opis", "delo", "folios"]);
    assert_eq!(c.folios, ["1"]);
    // With nothing before, a bare "Ibid" is just a word.
    assert!(all("ibid. and so on").is_empty());
}

#[test]
fn running_text_is_not_a_reference() {
    for text in [
        "the Chairman of the OGPU F. DZERZHINSKY.",
        "F. Dzerzhinsky.",
        "Pravda, No. 285 of 15/XII, writes",
        "(documents No. 22-24)",
        "(No. 58 of 19/X)",
        "Three divisions were brought together - 4, Chongar and 14.",
        "In Berlin F. 5 was the address.",
    ] {
        assert!(all(text).is_empty(), "{text}: {:#?}", all(text));
    }
}

// ---- audit codes, one real form each ----

#[test]
fn every_audit_code_fires_on_its_form() {
    use codes::*;
    let cases: &[(&str, &str)] = &[
        (ARCHIVE_MISSPELLED, "RTSHIDNI. F. 558. Op. 1. D. 5467. L. 3."),
        (ARCHIVE_UNKNOWN, "GOPAPO. F. 105. Op. 1. D. 22. L. 4."),
        (ARCHIVE_MISSING, "(F. 17. Op. 3. D. 5. L. 1)"),
        (LABEL_MISREAD, "GARF. F. R-5674. On. 1. D. 1. L. 92."),
        (LABEL_CASE, "RGASPI. F. 17. op. 3. D. 5. L. 1."),
        (LABEL_TRANSLATED, "RGAE. F. 7733. Op. 36. D. 59. Sheet 12."),
        (LABEL_NONSTANDARD, "RGAE, f. 4372, o. 91, d. 1215, l. 4."),
        (LABEL_PERIOD, "RGASPI. F. 17. Op 3. D. 5. L. 1."),
        (LABEL_SPACING, "RGASPI. F.17. Op. 3. D. 5. L. 1."),
        (FOLIO_LABEL_NUMBER, "RGASPI, f. 17, op. 3, d. 5, l. 1-4."),
        (SEPARATOR, "RTSKHIDNI, F. 76, Op. 3, D. 162, L. 14."),
        (STYLE_MIXED, "RGASPI, F. 17, op. 3, D. 500, l. 2."),
        (SCRIPT_MIXED, "РГАСПИ. Ф. 558. On. 1. Д. 2714. Л. 1."),
        (FINAL_PERIOD, "RGASPI, f. 17, op. 162, d. 9, l. 54"),
        (RANGE_SPACED, "RTSKHIDNI. F. 76. Op. 2. D. 103. L. 103 - 113."),
        (RANGE_ABBREVIATED, "RGASPI. F. 17. Op. 3. D. 5. L. 22-6."),
        (VERSO_REV, "RGASPI. F. 325. Op. 1. D. 400. L. 88 rev."),
        (VERSO_FORM, "RTsKhIDNI. F. 17. Op. 2. D. 317. L. 11 ob."),
        (IBID_TRANSLATED, "RGASPI. F. 325. Op. 1. D. 400. L. 8. In the same place. D. 401. L. 5."),
        (IBID_UNRESOLVED, "Ibid. D. 5. L. 1."),
        (COMPACT_SHORTHAND, "RGASPI 558.1.5403.1."),
    ];
    for &(code, text) in cases {
        let found = all(text);
        let c = found.last().unwrap_or_else(|| panic!("{text}"));
        assert_eq!(codes_of(c), [code], "{text}: {:#?}", c.audit);
        for a in &c.audit {
            assert!(c.span.start <= a.span.start && a.span.end <= c.span.end.max(a.span.end), "{text}");
            assert!(text.get(a.span.range()).is_some());
        }
    }
    let covered: Vec<&str> = cases.iter().map(|c| c.0).chain([ARCHIVE_RENAMED]).collect();
    for code in ALL {
        assert!(covered.contains(code), "no test for {code}");
        assert_eq!(diagnostic_code(code), format!("citations/{code}"));
    }
    // The renaming is a note, never a deviation.
    let c = one("RTsKhIDNI. F. 17. Op. 3. D. 424. L. 4.");
    assert!(c.audit.is_empty());
    assert_eq!(c.notes[0].code, ARCHIVE_RENAMED);
}

#[test]
fn correct_references_have_no_audit() {
    for text in [
        "RTSKHIDNI. F. 76. Op. 2. D. 197. L. 9.",
        "RTsKhIDNI. F. 17. Op. 112. D. 486. L. 1.",
        "(RTSKHIDNI. F. 17. Op. 3. D. 332. L. 1)",
        "RGASPI, f. 558, op. 1, d. 5403, l. 1.",
        "RGASPI f. 17, op. 3, d. 500, ll. 2-4.",
        "GARF, f. R-5446, op. 1, d. 20, ll. 177, 178, 191.",
        "RGASPI, f. 558, op. 11, d. 769, ll. 176-176ob.",
        "РГАСПИ. Ф. 558. Оп. 1. Д. 5391. Л. 3.",
        "РГАЭ. Ф. 4372. Оп. 91. Д. 1215. Л. 4 об.-5.",
        "RGANI. F. 2. Op. 1. D. 230. L. 5-6v.",
    ] {
        let c = one(text);
        assert!(c.audit.is_empty(), "{text}: {:#?}", c.audit);
    }
}

// ---- rendering ----

#[test]
fn render_in_three_styles() {
    let c = one("RTSKHIDNI. F. 17. Op. 3. D. 5. L. 56-56v.");
    assert_eq!(c.canonical.as_deref(), Some("RTsKhIDNI. F. 17. Op. 3. D. 5. L. 56-56v."));
    assert_eq!(render(&c, Style::Translation).as_deref(), Some("RGASPI. F. 17. Op. 3. D. 5. L. 56-56v."));
    assert_eq!(render(&c, Style::Western).as_deref(), Some("RGASPI, f. 17, op. 3, d. 5, l. 56-56ob."));
    assert_eq!(render(&c, Style::Cyrillic).as_deref(), Some("РГАСПИ. Ф. 17. Оп. 3. Д. 5. Л. 56-56 об."));
    let c = one("GARF, f. R-5446, op. 1, d. 20, ll. 177, 178, 191.");
    assert_eq!(render(&c, Style::Western).as_deref(), Some("GARF, f. R-5446, op. 1, d. 20, ll. 177, 178, 191."));
    assert_eq!(render(&c, Style::Cyrillic).as_deref(), Some("ГАРФ. Ф. Р-5446. Оп. 1. Д. 20. Л. 177, 178, 191."));
    let c = one("RGASPI, f. 558, op. 1, d. 5403, l. 1");
    assert_eq!(render(&c, Style::Translation).as_deref(), Some("RGASPI. F. 558. Op. 1. D. 5403. L. 1."));
    assert_eq!(render(&c, Style::Western).as_deref(), Some("RGASPI, f. 558, op. 1, d. 5403, l. 1."));
    assert_eq!(render(&c, Style::Cyrillic).as_deref(), Some("РГАСПИ. Ф. 558. Оп. 1. Д. 5403. Л. 1."));
    let c = one("ГАРФ. Ф. Р-5446. Оп. 1. Д. 20. Л. 1-5 об.");
    assert_eq!(render(&c, Style::Translation).as_deref(), Some("GARF. F. R-5446. Op. 1. D. 20. L. 1-5v."));
    // Every canonical rendering reads back to the same fields, without deviations.
    for text in [
        "RTSHIDNI; F. 85. Op. 24. D. 150. L. 1-2.",
        "RGASPI, F. 17, op. 3, D. 500, l. 2.",
        "РГАСПИ. Ф. 558. On. 1. Д. 2714. Л. 1.",
        "RGASPI 17/3/500/2-4",
    ] {
        let c = one(text);
        for style in [Style::Translation, Style::Western, Style::Cyrillic] {
            let r = render(&c, style).unwrap();
            let back = one(&r);
            assert!(back.audit.is_empty(), "{r}: {:#?}", back.audit);
            assert_eq!(back.institution, c.institution, "{r}");
            assert_eq!(back.folios, c.folios, "{r}");
        }
    }
}

#[test]
fn audit_summary_counts() {
    let v =
        all("RTSHIDNI; F. 85. Op. 24. D. 150. L. 1-2.\nRGASPI, f. 1, op. 1, d. 1, l. 1\n(Source. 1995. No. 5. P. 138)");
    let s = AuditSummary::from_citations(&v);
    assert_eq!((s.citations, s.archival, s.published), (3, 2, 1));
    assert_eq!(s.by_code.get(codes::SEPARATOR), Some(&1));
    assert_eq!(s.by_code.get(codes::FINAL_PERIOD), Some(&1));
    assert_eq!(s.by_institution["RGASPI"].values().sum::<usize>(), 3);
    assert_eq!(s.styles.get("western"), Some(&1));
    let mut m = s.clone();
    m.merge(&s);
    assert_eq!(m.deviations, 2 * s.deviations);
    assert!(serde_json::to_string(&s).is_ok());
}

// ---- robustness ----

#[test]
fn ten_thousand_chained_references_are_linear() {
    let mut text = String::from("RGASPI, f. 17, op. 3, d. 1, l. 1");
    for i in 2..=10_000 {
        text.push_str(&format!("; d. {i}, l. {i}"));
    }
    text.push('.');
    let t = std::time::Instant::now();
    let v = all(&text);
    assert_eq!(v.len(), 10_000);
    assert_eq!(v[9_999].delo.as_deref(), Some("10000"));
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}

#[test]
fn pathological_inputs_do_not_panic_or_crawl() {
    let digits = "9".repeat(10_000);
    let c = one(&format!("RGASPI. F. {digits}. Op. 1. D. 1. L. {digits}-{digits}v."));
    assert_eq!(c.folios[0].len(), 20_002);
    let t = std::time::Instant::now();
    for text in [
        "(".repeat(100_000),
        "F. 1. ".repeat(20_000),
        "Ibid. ".repeat(20_000),
        "RGASPI ".repeat(20_000),
        "L. 1, ".repeat(20_000),
        "RGASPI. F. 1. Op. 1. D. 1. L. 1-".repeat(5_000),
        "Там же. Л. ".repeat(10_000),
    ] {
        let _ = all(&text);
        let _ = CitationParser::new().is_provenance(&text);
    }
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

#[test]
fn systematic_label_deviations_are_one_entry() {
    let c = one("РГАСПИ, ф. 17, оп. 3, д. 500, л. 2.");
    assert_eq!(c.style, Some(Style::Cyrillic));
    assert_eq!(fields(&c), (Some("RGASPI"), Some("17"), Some("3"), Some("500"), vec!["2"]));
    assert_eq!(codes_of(&c), [codes::SEPARATOR, codes::LABEL_CASE]);
    let c = one("RTSKHIDNI. F.85. Op.1/S. D.13. L.12-13.");
    assert_eq!(c.opis.as_deref(), Some("1/S"));
    assert_eq!(codes_of(&c), [codes::LABEL_SPACING]);
}

#[test]
fn ibid_with_fond_inherits_only_the_archive() {
    let mut ctx = Context::new();
    let p = CitationParser::new();
    p.find("(RTSKHIDNI. F. 17. Op. 3. D. 332. L. 1)", &mut ctx);
    let c = p.find("(Ibid. F. 558. Op. 1. D. 5467. L. 3; D. 5468. L. 1)", &mut ctx);
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].inherited, ["archive"]);
    assert_eq!(fields(&c[0]), (Some("RGASPI"), Some("558"), Some("1"), Some("5467"), vec!["3"]));
    assert_eq!(fields(&c[1]), (Some("RGASPI"), Some("558"), Some("1"), Some("5468"), vec!["1"]));
    assert!(c.iter().all(|c| c.audit.is_empty()), "{c:#?}");
}

#[test]
fn labels_as_full_words_and_missing_separators() {
    let c = one("RGASPI, fond 17, opis 3, delo 500, list 2.");
    assert_eq!(c.style, Some(Style::Western));
    assert_eq!(fields(&c), (Some("RGASPI"), Some("17"), Some("3"), Some("500"), vec!["2"]));
    assert!(c.audit.is_empty(), "{:?}", c.audit);
    let c = one("RTSKHIDNI F. 558 Op. 1 D. 5467 L. 3.");
    assert_eq!(fields(&c), (Some("RGASPI"), Some("558"), Some("1"), Some("5467"), vec!["3"]));
    assert_eq!(codes_of(&c), [codes::SEPARATOR]);
}

#[test]
fn provenance_published_label_is_not_the_source() {
    let line =
        "RTSKHIDNI. F. 17. Op. 3. D. 332. L. 1-1v. Autograph. Published: Izvestia TsK KPSS. 1989. No. 12. P. 191.";
    let c = CitationParser::new().provenance(line, &mut Context::new()).unwrap();
    assert_eq!(c.folios, ["1-1v"]);
    let p = c.published.unwrap();
    assert_eq!(p.text, "Izvestia TsK KPSS. 1989. No. 12. P. 191");
    assert_eq!(&line[p.span.range()], p.text);
    // A line that starts with a note number is a note, not a provenance line.
    assert!(!CitationParser::new().is_provenance("1 RTSHIDNI. F. 558. On. 1. D. 5467. L. 3."));
    assert!(CitationParser::new().is_provenance("RTSHIDNI; F. 85. Op. 24. D. 150. L. 1-2. Autograph."));
    assert!(CitationParser::new().is_provenance("РГАСПИ. Ф. 558. Оп. 1. Д. 5391. Л. 3 (автограф)."));
    assert!(!CitationParser::new().is_provenance("F. Dzerzhinsky."));
}

#[test]
fn json_shape_is_the_cli_contract() {
    let c = one("RTSHIDNI; F. 85. Op. 24. D. 150. L. 1-2. Autograph.");
    let v: serde_json::Value = serde_json::to_value(&c).unwrap();
    for key in [
        "span",
        "raw",
        "kind",
        "style",
        "archive",
        "institution",
        "fond",
        "opis",
        "delo",
        "folios",
        "ibid",
        "inherited",
        "form",
        "published",
        "audit",
        "notes",
        "canonical",
        "author",
        "title",
        "year",
        "volume",
        "issue",
        "pages",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["kind"], "archival");
    assert_eq!(v["style"], "translation");
    assert_eq!(v["span"]["start"], 0);
    assert_eq!(v["audit"][0]["code"], "archive-misspelled");
    assert_eq!(v["form"]["text"], "Autograph");
}

#[test]
fn random_fragment_soup_never_panics() {
    // Deterministic xorshift so failures reproduce.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let frags = [
        "RGASPI",
        "РГАСПИ",
        "RTSHIDNI",
        "F.",
        "f.",
        "Ф.",
        "Op.",
        "On.",
        "Оп.",
        "D.",
        "Д.",
        "L.",
        "ll.",
        "Л.",
        "Ед. хр.",
        " ",
        ". ",
        ", ",
        "; ",
        "-",
        " - ",
        "1",
        "22",
        "56v",
        "об.",
        "rev.",
        "ob.",
        "(",
        ")",
        "Ibid.",
        "Там же",
        "In the same place",
        "passim",
        "R-",
        "/",
        "P.",
        "S.",
        "1995",
        "No.",
        "T.",
        "\n",
        "Autograph.",
        "Medvedev R.A.",
        "9999999999",
        "ё",
        "\u{a0}",
        "é",
    ];
    let p = CitationParser::new();
    for _ in 0..20_000 {
        let mut s = String::new();
        let n = (x % 24) as usize + 1;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(frags[(x % frags.len() as u64) as usize]);
        }
        let mut ctx = Context::new();
        for c in p.find(&s, &mut ctx) {
            assert_eq!(s.get(c.span.range()), Some(c.raw.as_str()), "{s:?}");
            for a in c.audit.iter().chain(&c.notes) {
                assert!(s.get(a.span.range()).is_some(), "{s:?}");
            }
            for part in [&c.form, &c.published].into_iter().flatten() {
                assert_eq!(s.get(part.span.range()), Some(part.text.as_str()), "{s:?}");
            }
            let _ = render(&c, Style::Cyrillic);
        }
        let _ = p.provenance(&s, &mut ctx);
    }
}

#[test]
fn acronym_in_parentheses_after_the_full_name() {
    let c = one("Archive of the President of the Russian Federation (APRF), f. 3, op. 24, d. 375, l. 5.");
    assert_eq!(fields(&c), (Some("APRF"), Some("3"), Some("24"), Some("375"), vec!["5"]));
    assert!(c.raw.starts_with("APRF), f. 3"), "{}", c.raw);
    assert!(c.audit.is_empty(), "{:?}", c.audit);
}

#[test]
fn a_megabyte_of_pages_in_reasonable_time() {
    let mut text = String::new();
    for e in std::fs::read_dir("seeds").unwrap() {
        text.push_str(&view(e.unwrap().path().to_str().unwrap()));
    }
    let one_pass = text.len();
    let text = text.repeat((1 << 20) / one_pass + 1);
    let t = std::time::Instant::now();
    let v = all(&text);
    assert!(v.len() >= 400, "{}", v.len());
    // Debug build, shared machine: generous, but quadratic behaviour would blow it.
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
    eprintln!("{} bytes: {} references in {:?}", text.len(), v.len(), t.elapsed());
}

#[test]
fn provenance_tails() {
    let p = CitationParser::new();
    let line = "RTSKHIDNI. F. 85. Op. 1/S. D. 11. L. 1. Telegram. Autograph.";
    let c = p.provenance(line, &mut Context::new()).unwrap();
    assert_eq!(c.form.unwrap().text, "Telegram. Autograph");
    // A publication with no form statement before it.
    let line = "RTSKHIDNI. F. 558. Op. 1. D. 2714. L. 1. Pravda. 1923. No. 285. P. 2.";
    let c = p.provenance(line, &mut Context::new()).unwrap();
    assert!(c.form.is_none());
    assert_eq!(c.published.unwrap().text, "Pravda. 1923. No. 285. P. 2");
    // Prose after a reference that starts a note is neither.
    let text = "RTSKHIDNI. F. 17. Op. 3. D. 5. L. 1. In 1923 the Politburo met 12 times.";
    let c = one(text);
    assert!(c.form.is_none() && c.published.is_none());
    // Russian form in parentheses and as sentences.
    let c = one("РГАСПИ. Ф. 558. Оп. 1. Д. 5391. Л. 3. Подлинник. Машинопись.");
    assert_eq!(c.form.unwrap().text, "Подлинник. Машинопись");
}

#[test]
fn glued_note_numbers_and_transliteration_variants() {
    let c = one("1RTSKHIDNI. F. 558. Op. 1. D. 5467. L. 3.");
    assert_eq!(c.raw, "RTSKHIDNI. F. 558. Op. 1. D. 5467. L. 3.");
    assert!(c.audit.is_empty(), "{:?}", c.audit);
    let c = one("RCHIDNI. F. 17. Op. 3. D. 5. L. 1.");
    assert_eq!(c.institution.as_deref(), Some("RGASPI"));
    assert_eq!(codes_of(&c), [codes::ARCHIVE_MISSPELLED]);
}

#[test]
fn a_continuation_keeps_the_style_it_continues() {
    let mut ctx = Context::new();
    let p = CitationParser::new();
    p.find("(RTSKHIDNI. F. 17. Op. 3. D. 332. L. 1)", &mut ctx);
    let c = p.find("(Ibid. l. 17)", &mut ctx).remove(0);
    assert_eq!(c.style, Some(Style::Translation));
    assert_eq!(codes_of(&c), [codes::LABEL_CASE]);
    let c = p.find("(Там же. Л. 5)", &mut ctx).remove(0);
    assert_eq!(c.style, Some(Style::Cyrillic));
    assert!(c.audit.is_empty(), "{:?}", c.audit);
}

/// `Context::set` overwrites the kept reference in place: what it keeps
/// must not depend on what it kept before.
#[test]
fn the_context_keeps_the_same_whatever_it_kept_before() {
    let p = CitationParser::new();
    let mut found: Vec<Citation> = Vec::new();
    for e in std::fs::read_dir("seeds").unwrap() {
        found.extend(p.find(&view(e.unwrap().path().to_str().unwrap()), &mut Context::new()));
    }
    let published = "(Lenin V.I. PSS. T. 51. S. 141-142; Ibid., pp. 3-4) (Source. 1995. No. 5. P. 138) \
                     (Medvedev R.A. On Stalin and Stalinism. M., 1990. S. 129-136) RGASPI. F. 17. Op. 3. D. 5. L. 1.";
    found.extend(p.find(published, &mut Context::new()));
    let n = |k: Kind| found.iter().filter(|c| c.kind == k).count();
    assert!(n(Kind::Published) >= 4 && n(Kind::Archival) > 20, "{} {}", n(Kind::Published), n(Kind::Archival));
    for pair in found.windows(2) {
        let (mut reused, mut fresh) = (Context::new(), Context::new());
        reused.set(&pair[0]);
        reused.set(&pair[1]);
        fresh.set(&pair[1]);
        assert_eq!(reused.last(), fresh.last());
    }
}
