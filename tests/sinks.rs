//! `opis extract --format csv|cmif`: letters for spreadsheets and for the
//! TEI Correspondence Metadata Interchange Format.

mod common;

use common::opis;

#[test]
fn csv_has_one_row_per_letter() {
    let out = opis(&["extract", "-q", "--format", "csv", "seeds/"]);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, opis::sink::CSV_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 17);
    let no207 = rows.iter().find(|x| &x[1] == "207").unwrap();
    assert_eq!((&no207[5], &no207[7], &no207[9]), ("dzerzhinsky-fe", "stalin-iv", "1926-03-28"));
    assert_eq!((&no207[14], &no207[15], &no207[16], &no207[17]), ("76", "2", "325", "25"));
}

#[test]
fn cmif_of_a_page() {
    let out = opis(&["extract", "-q", "--format", "cmif", "seeds/002_fdd5d5c2287fb503.txt"]);
    assert!(out.starts_with("<?xml") && out.trim_end().ends_with("</TEI>"));
    assert_eq!(out.matches("<correspDesc ").count(), out.matches("</correspDesc>").count());
    common::settings().bind(|| insta::assert_snapshot!("cmif-002", out));
}
