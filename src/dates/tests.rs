//! Tests of the date grammar on the collection's real forms.

use super::*;
use crate::normalize::Normalized;

fn parser() -> DateParser {
    DateParser::new()
}

fn heading(line: &str) -> Option<Date> {
    parser().heading(line, &[])
}

/// Span of `part` (first occurrence) in `text`.
fn span_of(text: &str, part: &str) -> Span {
    let start = text.find(part).expect("part present");
    Span::new(start, start + part.len())
}

fn anchor(line: &str) -> Date {
    heading(line).expect("anchor parses")
}

fn inline(line: &str, anchor_line: &str) -> Option<Date> {
    let a = anchor(anchor_line);
    parser().inline_line(line, &[], Some(&a))
}

fn find(text: &str, anchor_line: Option<&str>) -> Vec<Date> {
    let a = anchor_line.map(anchor);
    let found = parser().find(text, &[], a.as_ref());
    for d in &found {
        assert_eq!(&text[d.span.range()], d.raw, "span and raw agree");
    }
    found
}

fn edtfs(found: &[Date]) -> Vec<(&str, &str)> {
    found.iter().map(|d| (d.raw.as_str(), d.edtf.as_str())).collect()
}

// ---- headings -------------------------------------------------------------

#[test]
fn heading_month_day_year() {
    let d = heading("October 2, 1925").unwrap();
    assert_eq!(d.edtf, "1925-10-02");
    assert_eq!(d.kind, DateKind::Day);
    assert_eq!(d.calendar, Calendar::Gregorian);
    assert!(!d.old_style_possible);
    assert_eq!(d.span, Span::new(0, 15));
    let p = d.start.unwrap();
    assert_eq!((p.year, p.month, p.day), (Some(1925), Some(10), Some(2)));
    assert_eq!(d.start, d.end);
}

#[test]
fn heading_day_range_and_cross_year_range() {
    let d = heading("October 5-6, 1925").unwrap();
    assert_eq!(d.edtf, "1925-10-05/1925-10-06");
    assert_eq!(d.kind, DateKind::Interval);
    let d = heading("December 26, 1912 - January 1, 1913").unwrap();
    assert_eq!(d.edtf, "1912-12-26/1913-01-01");
    assert_eq!(d.calendar, Calendar::Unspecified);
    assert!(d.old_style_possible);
    let d = heading("November-December 1912").unwrap();
    assert_eq!(d.edtf, "1912-11/1912-12");
    // A range that runs backwards is not a range.
    assert!(heading("October 6-5, 1925").is_none());
}

#[test]
fn heading_with_supplied_year() {
    let line = "March 17 1926";
    let d = parser().heading(line, &[span_of(line, "1926")]).unwrap();
    assert_eq!(d.edtf, "1926-03-17");
    assert_eq!(d.supplied, vec![DatePart::Year]);
    let line = "August 3 1923";
    let d = parser().heading(line, &[span_of(line, "1923")]).unwrap();
    assert_eq!(d.edtf, "1923-08-03");
    assert_eq!(d.supplied, vec![DatePart::Year]);
}

#[test]
fn heading_wholly_supplied() {
    let line = "August 1924";
    let d = parser().heading(line, &[Span::new(0, line.len())]).unwrap();
    assert_eq!(d.edtf, "1924-08");
    assert_eq!(d.kind, DateKind::Month);
    assert_eq!(d.supplied, vec![DatePart::Year, DatePart::Month]);
    let line = "1921";
    let d = parser().heading(line, &[Span::new(0, 4)]).unwrap();
    assert_eq!((d.edtf.as_str(), d.kind), ("1921", DateKind::Year));
    assert_eq!(d.supplied, vec![DatePart::Year]);
}

#[test]
fn heading_open_ends() {
    let d = heading("Not earlier than November 10, 1923").unwrap();
    assert_eq!(d.edtf, "1923-11-10/..");
    assert_eq!(d.qualifier, Some(Qualifier::NotBefore));
    assert!(d.end.is_none());
    let d = heading("Not later than November 10, 1923").unwrap();
    assert_eq!(d.edtf, "../1923-11-10");
    assert!(d.start.is_none());
    let line = "Not before November 10, 1923";
    let d = parser().heading(line, &[Span::new(0, line.len())]).unwrap();
    assert_eq!(d.edtf, "1923-11-10/..");
    assert_eq!(d.supplied, vec![DatePart::Year, DatePart::Month, DatePart::Day, DatePart::Qualifier]);
    assert_eq!(heading("After October 5, 1925").unwrap().edtf, "1925-10-05/..");
    assert_eq!(heading("No later than 1917").unwrap().edtf, "../1917");
}

#[test]
fn heading_parts_of_month_and_year() {
    let line = "Early March 1920";
    let d = parser().heading(line, &[span_of(line, "Early")]).unwrap();
    assert_eq!(d.edtf, "1920-03-01/1920-03-10~");
    assert_eq!(d.qualifier, Some(Qualifier::Early));
    assert_eq!(d.supplied, vec![DatePart::Qualifier]);
    assert_eq!(heading("Late 1919").unwrap().edtf, "1919-09~/1919-12");
    assert_eq!(heading("Mid-May 1923").unwrap().edtf, "1923-05-11~/1923-05-20~");
    assert_eq!(heading("Late February 1924").unwrap().edtf, "1924-02-21~/1924-02-29");
    // "Early" does not qualify a day.
    assert!(heading("Early March 5, 1920").is_none());
}

#[test]
fn heading_seasons_decades_and_marks() {
    let d = heading("Spring 1921").unwrap();
    assert_eq!((d.edtf.as_str(), d.kind), ("1921-21", DateKind::Season));
    assert_eq!(heading("Autumn of 1918").unwrap().edtf, "1918-23");
    assert_eq!(heading("Winter 1919").unwrap().edtf, "1919-24");
    let d = heading("1920s").unwrap();
    assert_eq!((d.edtf.as_str(), d.kind), ("192X", DateKind::Decade));
    assert_eq!(d.end.unwrap().year, Some(1929));
    let d = heading("1921?").unwrap();
    assert_eq!(d.edtf, "1921?");
    assert!(d.uncertain);
    assert_eq!(heading("circa 1921").unwrap().edtf, "1921~");
    assert_eq!(heading("ca. 1921?").unwrap().edtf, "1921%");
    assert_eq!(heading("1923").unwrap().edtf, "1923");
    assert_eq!(heading("1923-1927").unwrap().edtf, "1923/1927");
    assert_eq!(heading("October 2, 1925.").unwrap().edtf, "1925-10-02");
}

#[test]
fn heading_rejects_non_dates() {
    for line in [
        "No. 192",
        "SECRET.",
        "Yuri Leonidovich.",
        "October 2, 1925 I wrote",
        "March",
        "2/X-25",
        "F. 76. Op. 2. D. 197. L. 9.",
        "Spring",
        "",
    ] {
        assert!(heading(line).is_none(), "{line:?}");
    }
    assert!(heading(&"1".repeat(10_000)).is_none());
    assert!(heading(&format!("October 2, {}", "9".repeat(150))).is_none());
    assert!(heading("October 32, 1925").is_none());
    assert!(heading("February 29, 1923").is_none());
    assert_eq!(heading("February 29, 1924").unwrap().edtf, "1924-02-29");
}

// ---- inline dates ---------------------------------------------------------

#[test]
fn inline_roman_months() {
    let d = inline("2/X-25", "October 2, 1925").unwrap();
    assert_eq!(d.edtf, "1925-10-02");
    assert_eq!(d.resolved_from_anchor, vec![DatePart::Century]);
    assert!(!d.assumed_century);
    assert_eq!(inline("20/IV-1923", "April 20, 1923").unwrap().edtf, "1923-04-20");
    assert_eq!(inline("22/V-23", "May 22, 1923").unwrap().edtf, "1923-05-22");
    assert_eq!(inline("20/XII 23", "December 20, 1923").unwrap().edtf, "1923-12-20");
    assert_eq!(inline("22/XI-23", "November 22, 1923").unwrap().edtf, "1923-11-22");
    assert_eq!(inline("28/II 26", "March 28, 1926").unwrap().edtf, "1926-02-28");
}

#[test]
fn inline_arabic_months() {
    let d = inline("24/1 23", "January 24, 1923").unwrap();
    assert_eq!(d.edtf, "1923-01-24");
    assert_eq!(inline("28/1 23", "January 28, 1923").unwrap().edtf, "1923-01-28");
    // Without a year an Arabic month is a fraction.
    assert!(inline("1/2", "January 28, 1923").is_none());
}

#[test]
fn inline_without_year_takes_the_anchor() {
    let d = inline("17/III.", "March 17 1926").unwrap();
    assert_eq!(d.edtf, "1926-03-17");
    assert_eq!(d.raw, "17/III");
    assert_eq!(d.resolved_from_anchor, vec![DatePart::Year]);
    assert_eq!(inline("3/VIII", "August 3 1923").unwrap().edtf, "1923-08-03");
    assert_eq!(inline("19 / V", "May 22, 1923").unwrap().edtf, "1923-05-19");
    assert_eq!(inline("27/VII", "August 3 1923").unwrap().edtf, "1923-07-27");
    // Nearest year to the anchor, across New Year.
    assert_eq!(inline("28/XII", "January 2, 1913").unwrap().edtf, "1912-12-28");
    // No anchor: the year stays unspecified.
    let d = parser().inline_line("3/VIII", &[], None).unwrap();
    assert_eq!(d.edtf, "XXXX-08-03");
    assert_eq!(d.calendar, Calendar::Unspecified);
}

#[test]
fn inline_two_digit_year_century() {
    let d = parser().inline_line("2/X-25", &[], None).unwrap();
    assert_eq!(d.edtf, "1925-10-02");
    assert!(d.assumed_century);
    assert_eq!(inline("2/X-25", "October 2, 1825").unwrap().edtf, "1825-10-02");
}

#[test]
fn inline_place_and_date() {
    let line = "Berlin, 1.XI.1923";
    let d = inline(line, "November 1, 1923").unwrap();
    assert_eq!(d.edtf, "1923-11-01");
    assert_eq!(d.raw, "1.XI.1923");
    assert_eq!(d.place, Some(Span::new(0, 6)));
    let line = "Rostov-on-Don, 22/V-23";
    let d = inline(line, "May 22, 1923").unwrap();
    assert_eq!(&line[d.place.unwrap().range()], "Rostov-on-Don");
    assert!(inline("Poltava", "November 10, 1923").is_none());
}

#[test]
fn inline_written_dates() {
    let d = inline("November 10th. G.", "November 10 1923").unwrap();
    assert_eq!(d.edtf, "1923-11-10");
    assert_eq!(d.raw, "November 10th. G.");
    assert_eq!(d.resolved_from_anchor, vec![DatePart::Year]);
    let d = inline("November 10th.", "November 10 1923").unwrap();
    assert_eq!(d.raw, "November 10th");
    let d = inline("March 27, 1926", "March 27, 1926").unwrap();
    assert!(d.resolved_from_anchor.is_empty());
}

#[test]
fn inline_rejects_prose_and_bad_days() {
    for line in
        ["Dear Sergo!", "17/III. Dear Sergo", "32/I 23", "30/II 26", "F. Dzerzhinsky.", "S. Minin 2 .", "L. 1-8"]
    {
        assert!(inline(line, "March 28, 1926").is_none(), "{line:?}");
    }
}

// ---- running text ---------------------------------------------------------

#[test]
fn finds_dates_in_notes() {
    let text = "On February 1, 1923, the Politburo considered Svanidze's protest against the STO's decision of January 16 on the release of 1 million gold rubles.";
    let f = find(text, None);
    assert_eq!(edtfs(&f), vec![("February 1, 1923", "1923-02-01"), ("January 16", "1923-01-16")]);
    assert_eq!(f[1].resolved_from_text, vec![DatePart::Year]);
    let text = "The final decision on publication was made at a meeting of the Politburo on 24 January.";
    let f = find(text, Some("January 28, 1923"));
    assert_eq!(edtfs(&f), vec![("24 January", "1923-01-24")]);
    assert_eq!(f[0].resolved_from_anchor, vec![DatePart::Year]);
}

#[test]
fn finds_months_years_and_ranges() {
    let text = "arrested in May 1923 for criticism. In November 1923, the Politburo; in August 1924 a meeting; which met on October 25-27, 1923 (News); Trotsky Archive, 1923-1927: In 4 vols; in 1918 regarding; the turn of 1918-19.";
    let f = find(text, None);
    assert_eq!(
        edtfs(&f),
        vec![
            ("May 1923", "1923-05"),
            ("November 1923", "1923-11"),
            ("August 1924", "1924-08"),
            ("October 25-27, 1923", "1923-10-25/1923-10-27"),
            ("1923-1927", "1923/1927"),
            ("1918", "1918"),
            ("1918-19", "1918/1919"),
        ]
    );
}

#[test]
fn finds_day_ranges_with_anchor_year() {
    let text =
        "which were cited at the last plenum of the Central Committee of the CP(b)U (October 29-31), encourage me";
    let f = find(text, Some("November 10 1923"));
    assert_eq!(edtfs(&f), vec![("October 29-31", "1923-10-29/1923-10-31")]);
    let text = "Written after the meeting of the faction, on the night of 5 to 6 October 1925, in two copies.";
    let f = find(text, None);
    assert_eq!(edtfs(&f), vec![("5 to 6 October 1925", "1925-10-05/1925-10-06")]);
}

#[test]
fn finds_seasons_and_parts() {
    let text = "In the summer and autumn of 1918, a conflict broke out. On October 3, Stalin wrote. By the end of 1919 the armies; mid-December; early November 1923.";
    let f = find(text, None);
    assert_eq!(
        edtfs(&f),
        vec![
            ("summer and autumn of 1918", "1918-22/1918-23"),
            ("October 3", "1918-10-03"),
            ("the end of 1919", "1919-09~/1919-12"),
            ("mid-December", "1919-12-11~/1919-12-20~"),
            ("early November 1923", "1923-11-01/1923-11-10~"),
        ]
    );
}

#[test]
fn dual_dates_are_verified() {
    let text = "in November-December 1912. The labor strike on November 15 (28) (the opening day of the Duma). At the conference that took place from December 26, 1912 to January 1, 1913 (January 8-14, 1913), Lenin criticised.";
    let f = find(text, None);
    let strike = &f[1];
    assert_eq!(strike.raw, "November 15 (28)");
    assert_eq!(strike.edtf, "1912-11-28");
    assert_eq!(strike.julian.as_deref(), Some("1912-11-15"));
    assert_eq!(strike.calendar, Calendar::Dual);
    assert!(!strike.old_style_possible);
    let conf = &f[2];
    assert_eq!(conf.raw, "from December 26, 1912 to January 1, 1913 (January 8-14, 1913)");
    assert_eq!(conf.edtf, "1913-01-08/1913-01-14");
    assert_eq!(conf.julian.as_deref(), Some("1912-12-26/1913-01-01"));
    assert_eq!(f.len(), 3);
}

#[test]
fn wrong_offset_is_not_a_dual_date() {
    let f = find("on November 15 (20) of 1912 and on December 7, 1912 (December 19)", None);
    assert_eq!(f[0].raw, "November 15");
    assert!(f[0].julian.is_none());
    // 12 days is the nineteenth-century offset, not 1912's.
    let d = f.iter().find(|d| d.raw.starts_with("December 7")).unwrap();
    assert_eq!(d.raw, "December 7, 1912");
    assert_eq!(d.calendar, Calendar::Unspecified);
    assert!(d.old_style_possible);
    // After the switch there is no Julian reading to verify.
    let f = find("On March 1, 1918 (14)", None);
    assert_eq!(f[0].raw, "March 1, 1918");
    assert_eq!(f[0].calendar, Calendar::Gregorian);
}

#[test]
fn day_only_needs_on_the_and_a_month() {
    let text = "I received a telegram from you on November 9th stating that. On the 11th, a telegram arrived. On the 9th I telegraphed you. the 4th anniversary of the 4th Cavalry Division; on the 4th anniversary.";
    let f = find(text, Some("November 13, 1923"));
    assert_eq!(edtfs(&f), vec![("November 9th", "1923-11-09"), ("the 11th", "1923-11-11"), ("the 9th", "1923-11-09"),]);
    assert_eq!(f[1].resolved_from_text, vec![DatePart::Month, DatePart::Year]);
    // Without a month to go by, "the 11th" is not resolvable.
    assert!(find("On the 11th, a telegram arrived.", None).is_empty());
}

#[test]
fn numeric_forms_in_text() {
    let text = "Today, 3/VIII, at the meeting of the SRT. My arguments in SRT, 27/VII, when. (No. 58 of 19/X), Pravda, No. 285 of 15/XII. 20/XII 23 Former left communists:";
    let f = find(text, Some("August 3 1923"));
    assert_eq!(
        edtfs(&f),
        vec![
            ("3/VIII", "1923-08-03"),
            ("27/VII", "1923-07-27"),
            ("19/X", "1923-10-19"),
            ("15/XII", "1923-12-15"),
            ("20/XII 23", "1923-12-20"),
        ]
    );
}

#[test]
fn numbers_that_are_not_dates() {
    let text = "No. 192. 305,342 commodity rubles; 3,400,000 rubles; L. 1-8. S. 238-241. P. 22. 11,000 rifles! 2000 revolvers and 1 1/2 hundreds of machine gun pistols. platform 46. the 10th, 11th, and 12th Party Congresses. May I come? It may 5 times. F. 1923. pp. 1918-1920. temperature 40.6; the XII Congress.";
    let f = find(text, None);
    assert!(f.is_empty(), "{:?}", edtfs(&f));
}

#[test]
fn bibliographic_years_are_reported() {
    let text = "Political diary. 1964 - 1970. Amsterdam. 1972. S. 238-241. (Medvedev R.A. On Stalin and Stalinism. M., 1990. S. 129-136).";
    let f = find(text, None);
    assert_eq!(edtfs(&f), vec![("1964 - 1970", "1964/1970"), ("1972", "1972"), ("1990", "1990")]);
}

#[test]
fn supplied_century_in_text() {
    let text = "as in 1917 I followed Lenin";
    let f = parser().find(text, &[Span::new(6, 8)], None);
    assert_eq!(f[0].edtf, "1917");
    assert_eq!(f[0].supplied, vec![DatePart::Century]);
    assert!(f[0].old_style_possible);
}

#[test]
fn huge_inputs_stay_linear_and_safe() {
    let long_number = "7".repeat(10_000);
    assert!(parser().find(&long_number, &[], None).is_empty());
    let text = "On October 2, 1925 and ".repeat(20_000);
    let f = parser().find(&text, &[], None);
    assert_eq!(f.len(), 20_000);
    assert_eq!(&text[f[19_999].span.range()], "October 2, 1925");
    let brackets = "[".repeat(100_000);
    assert!(parser().find(&brackets, &[], None).is_empty());
}

// ---- agreement ------------------------------------------------------------

#[test]
fn inline_disagreeing_with_heading_is_flagged() {
    let h = anchor("March 28, 1926");
    let i = parser().inline_line("28/II 26", &[], Some(&h)).unwrap();
    let a = compare(&h, &i);
    assert_eq!(a.status, AgreementStatus::Disagree);
    assert!(a.reason.contains("month"), "{}", a.reason);
    assert!(!a.reason.contains("day"), "{}", a.reason);
}

#[test]
fn inline_agreeing_with_heading() {
    let h = anchor("October 2, 1925");
    let i = parser().inline_line("2/X-25", &[], Some(&h)).unwrap();
    assert_eq!(compare(&h, &i).status, AgreementStatus::Agree);

    let h = anchor("August 3 1923");
    let i = parser().inline_line("3/VIII", &[], Some(&h)).unwrap();
    let a = compare(&h, &i);
    assert_eq!(a.status, AgreementStatus::Agree);
    assert!(a.reason.contains("year taken from the heading"), "{}", a.reason);

    let h = anchor("October 5-6, 1925");
    for (line, status) in
        [("5/X-25", AgreementStatus::Agree), ("6/X-25", AgreementStatus::Agree), ("7/X-25", AgreementStatus::Disagree)]
    {
        let i = parser().inline_line(line, &[], Some(&h)).unwrap();
        assert_eq!(compare(&h, &i).status, status, "{line}");
    }
}

#[test]
fn old_style_offset_is_named() {
    let h = anchor("March 28, 1917");
    let i = parser().inline_line("15/III 17", &[], Some(&h)).unwrap();
    let a = compare(&h, &i);
    assert_eq!(a.status, AgreementStatus::CalendarOffset);
    assert!(a.reason.contains("13 days"), "{}", a.reason);
    // The same distance in 1926 is a plain disagreement.
    let h = anchor("March 28, 1926");
    let i = parser().inline_line("15/III 26", &[], Some(&h)).unwrap();
    assert_eq!(compare(&h, &i).status, AgreementStatus::Disagree);
}

#[test]
fn no_year_cannot_be_compared() {
    let h = anchor("October 2, 1925");
    let i = parser().inline_line("3/VIII", &[], None).unwrap();
    assert_eq!(compare(&h, &i).status, AgreementStatus::Unknown);
}

#[test]
fn month_names_and_roman_numerals() {
    assert_eq!(month_from_name("October"), Some(10));
    assert_eq!(month_from_name("sept"), Some(9));
    assert_eq!(month_from_name("Octobers"), None);
    assert_eq!(month_from_roman("VIII"), Some(8));
    assert_eq!(month_from_roman("XIII"), None);
    assert_eq!(month_from_roman("viii"), None);
}

#[test]
fn serializes_snake_case() {
    let d = heading("Not earlier than November 10, 1923").unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["qualifier"], "not_before");
    assert_eq!(json["kind"], "interval");
    assert_eq!(json["calendar"], "gregorian");
    assert_eq!(json["old_style_possible"], false);
    assert_eq!(json["span"]["end"], 34);
}

// ---- seed pages -------------------------------------------------------------

/// Runs the stage as the pipeline will: on the normalised view, with the
/// editors' brackets as supplied spans.
fn seed_dates(source: &str) -> (String, Vec<Date>) {
    let n = Normalized::new(source);
    let supplied: Vec<Span> = n.supplied().iter().map(|s| s.view).collect();
    let view = n.view().to_string();
    let found = parser().find(&view, &supplied, None);
    for d in &found {
        assert_eq!(&view[d.span.range()], d.raw);
    }
    (view, found)
}

fn has(found: &[Date], raw: &str, edtf: &str) -> bool {
    found.iter().any(|d| d.raw == raw && d.edtf == edtf)
}

#[test]
fn seed_000_dzerzhinsky_1925() {
    let (_, f) = seed_dates(include_str!("../../seeds/000_ca3170ac503367ea.txt"));
    assert!(has(&f, "October 2, 1925", "1925-10-02"));
    assert!(has(&f, "2/X-25", "1925-10-02"));
    assert!(has(&f, "October 5-6, 1925", "1925-10-05/1925-10-06"));
    assert!(has(&f, "5 to 6 October 1925", "1925-10-05/1925-10-06"));
    assert!(has(&f, "1964 - 1970", "1964/1970"));
    let night = f.iter().find(|d| d.raw == "5 to 6 October 1925").unwrap();
    assert_eq!(night.supplied, vec![DatePart::Century]);
    assert!(!f.iter().any(|d| d.raw.contains("192") && d.edtf.starts_with("0")));
    assert!(!f.iter().any(|d| d.raw.contains("238")));
}

#[test]
fn seed_001_letters_of_1923() {
    let (view, f) = seed_dates(include_str!("../../seeds/001_e33aa29600d11d37.txt"));
    for (raw, edtf) in [
        ("January 24, 1923", "1923-01-24"),
        ("24/1 23", "1923-01-24"),
        ("February 1, 1923", "1923-02-01"),
        ("20/IV-1923", "1923-04-20"),
        ("22/V-23", "1923-05-22"),
        ("19 / V", "1923-05-19"),
        ("3/VIII", "1923-08-03"),
        ("1.XI.1923", "1923-11-01"),
        ("October 29-31", "1923-10-29/1923-10-31"),
        ("October 25-27, 1923", "1923-10-25/1923-10-27"),
        ("September 7, 1923", "1923-09-07"),
        ("November 1923", "1923-11"),
        ("22/XI-23", "1923-11-22"),
        ("20/XII 23", "1923-12-20"),
    ] {
        assert!(has(&f, raw, edtf), "{raw} {edtf}");
    }
    let h = f.iter().find(|d| d.raw == "November 10 1923").unwrap();
    assert_eq!(h.supplied, vec![DatePart::Year]);
    // Counts and citations are not dates.
    assert!(!f.iter().any(|d| d.raw.contains("305")));
    assert!(view.contains("2000 revolvers"));
    assert!(!f.iter().any(|d| d.raw == "2000"));
}

#[test]
fn seed_004_section_introduction() {
    let (_, f) = seed_dates(include_str!("../../seeds/004_57b51450ee369dff.txt"));
    assert!(has(&f, "December 1912 - February 1916", "1912-12/1916-02"));
    assert!(has(&f, "November 15 (28)", "1912-11-28"));
    assert!(has(&f, "from December 26, 1912 to January 1, 1913 (January 8-14, 1913)", "1913-01-08/1913-01-14"));
    assert!(has(&f, "December 9", "1912-12-09"));
    assert!(has(&f, "August 30, 1920", "1920-08-30"));
    assert!(has(&f, "October 3", "1918-10-03"));
    let old = f.iter().find(|d| d.raw == "December 7, 1912").unwrap();
    assert!(old.old_style_possible);
}

#[test]
fn seed_002_kirov_serebryakov_dzerzhinsky_1926() {
    let (_, f) = seed_dates(include_str!("../../seeds/002_fdd5d5c2287fb503.txt"));
    assert!(has(&f, "March 17 1926", "1926-03-17"));
    assert!(has(&f, "17/III", "1926-03-17"));
    assert!(has(&f, "28/II 26", "1926-02-28"));
    assert!(has(&f, "April 25, 1926", "1926-04-25"));
}

#[test]
fn seed_003_kalinin_1924() {
    let (_, f) = seed_dates(include_str!("../../seeds/003_76952b757a5e301d.txt"));
    let d = f.iter().find(|d| d.raw == "August 1924").unwrap();
    assert_eq!(d.supplied, vec![DatePart::Year, DatePart::Month]);
    assert!(has(&f, "1924-1925", "1924/1925"));
    assert!(has(&f, "1991", "1991"));
}

#[test]
fn dual_date_with_year_after_the_parenthesis() {
    let f = find("On October 25 (November 7), 1917, the Bolsheviks took power; on 25 October (7 November) 1917 again; and December 20 (January 2), 1913.", None);
    assert_eq!(
        edtfs(&f),
        vec![
            ("October 25 (November 7), 1917", "1917-11-07"),
            ("25 October (7 November) 1917", "1917-11-07"),
            ("December 20 (January 2), 1913", "1913-01-02"),
        ]
    );
    assert_eq!(f[0].julian.as_deref(), Some("1917-10-25"));
    assert_eq!(f[2].julian.as_deref(), Some("1912-12-20"));
    // A wrong pair leaves the year out of the date.
    let f = find("On October 25 (November 9), 1917, nothing.", None);
    assert_eq!(f[0].raw, "October 25");
    assert!(f[0].julian.is_none());
}

#[test]
fn abbreviated_months() {
    assert_eq!(heading("Oct. 2, 1925").unwrap().edtf, "1925-10-02");
    assert_eq!(heading("Sept. 1923").unwrap().edtf, "1923-09");
    let f = find("On Dec. 7, 1912 Lenin wrote.", None);
    assert_eq!(edtfs(&f), vec![("Dec. 7, 1912", "1912-12-07")]);
}

#[test]
fn between_and_from_to_ranges() {
    let f = find("between March 5 and 10, 1926 and from 1918 to 1920.", None);
    assert_eq!(
        edtfs(&f),
        vec![("between March 5 and 10, 1926", "1926-03-05/1926-03-10"), ("from 1918 to 1920", "1918/1920"),]
    );
}

#[test]
fn inline_day_range() {
    let d = inline("5-6/X-25", "October 5-6, 1925").unwrap();
    assert_eq!(d.edtf, "1925-10-05/1925-10-06");
    assert_eq!(d.kind, DateKind::Interval);
    let h = anchor("October 5-6, 1925");
    assert_eq!(compare(&h, &d).status, AgreementStatus::Agree);
    assert!(inline("6-5/X-25", "October 5-6, 1925").is_none());
    assert!(find("L. 1-8/X", Some("October 5-6, 1925")).iter().all(|d| d.raw != "1-8/X"));
}

#[test]
fn year_ranges_need_cues_like_years() {
    let f = find("Section I 1912 - 1921\nThe documents; paid 1800-2000 workers; in 1918-1919 only.", None);
    assert_eq!(edtfs(&f), vec![("1912 - 1921", "1912/1921"), ("1918-1919", "1918/1919")]);
}

/// The EDTF writer against the `format!` calls it replaced, on every shape
/// of point and years far outside the usual range.
#[test]
fn edtf_points_are_written_as_format_wrote_them() {
    fn by_format(p: &Pt) -> String {
        let mut s = match p.year {
            None => "XXXX".to_string(),
            Some(y) if p.decade => format!("{:03}X", y / 10),
            Some(y) => format!("{y:04}"),
        };
        if let Some(c) = p.season {
            s.push_str(&format!("-{c}"));
        } else if let Some(m) = p.month {
            s.push_str(&format!("-{m:02}"));
            if let Some(d) = p.day {
                s.push_str(&format!("-{d:02}"));
            }
        }
        s
    }
    let mut years: Vec<Option<i32>> = vec![None, Some(i32::MIN), Some(i32::MAX), Some(-1), Some(-10), Some(-99999)];
    years.extend((-1200..12000).step_by(7).map(Some));
    years.extend([0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 1_000_000_000].map(Some));
    let small: Vec<Option<u8>> =
        [None, Some(0), Some(1), Some(9), Some(10), Some(12), Some(21), Some(99), Some(100), Some(255)].to_vec();
    let mut n = 0;
    for &year in &years {
        for decade in [false, true] {
            for &month in &small {
                for &day in &small {
                    for season in [None, Some(21), Some(5), Some(200)] {
                        let p = Pt { year, month, day, season, decade, ..Pt::default() };
                        let mut s = String::new();
                        push_pt(&mut s, &p);
                        assert_eq!(s, by_format(&p), "{p:?}");
                        n += 1;
                    }
                }
            }
        }
    }
    assert!(n > 100_000);
    let (a, b) = (
        Pt { year: Some(1917), month: Some(10), day: Some(25), ..Pt::default() },
        Pt { year: Some(5), ..Pt::default() },
    );
    assert_eq!(fmt_range(&a, Some(&b)), format!("{}/{}", by_format(&a), by_format(&b)));
    assert_eq!(fmt_range(&b, None), by_format(&b));
}
