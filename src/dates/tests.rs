use super::*;

fn p() -> DateParser {
    DateParser::new()
}

#[test]
fn dump_seeds() {
    for s in [
        include_str!("../../seeds/000_ca3170ac503367ea.txt"),
        include_str!("../../seeds/001_e33aa29600d11d37.txt"),
        include_str!("../../seeds/002_fdd5d5c2287fb503.txt"),
        include_str!("../../seeds/003_76952b757a5e301d.txt"),
        include_str!("../../seeds/004_57b51450ee369dff.txt"),
    ] {
        for line in s.lines() {
            if let Some(d) = p().heading(line, &[]) {
                println!("HEADING {:?} -> {} {:?}", d.raw, d.edtf, d.calendar);
            } else if let Some(d) = p().inline_line(line, &[], None) {
                println!("INLINE {:?} -> {} place={:?}", d.raw, d.edtf, d.place);
            }
        }
        for d in p().find(s, &[], None) {
            println!(
                "FIND {:?} -> {} {:?} jul={:?} ctx={:?}",
                d.raw, d.edtf, d.calendar, d.julian, d.resolved_from_text
            );
        }
    }
}
