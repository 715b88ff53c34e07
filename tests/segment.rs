//! The segment stage on every seed page: the partition property and a
//! snapshot of each page's layout.

mod common;

use opis::normalize::Normalized;
use opis::pipeline::{Base, Extractor};
use opis::segment::Segmenter;
use std::fmt::Write;

#[test]
fn segments_partition_every_seed_byte_for_byte() {
    let ex = Extractor::new().unwrap();
    for (name, text) in common::seeds() {
        let page = ex.page(&name, &text, Base::default());
        let recs = page.segment_records();
        let mut at = 0;
        let mut joined = String::new();
        for r in &recs {
            assert_eq!(r.loc.start, at, "{name}: gap or overlap before {:?}", r.segment);
            assert_eq!(&text[r.loc.start..r.loc.end], r.text, "{name}");
            joined.push_str(r.text);
            at = r.loc.end;
        }
        assert_eq!(at, text.len(), "{name}: partition ends at the end of the file");
        assert_eq!(joined, text, "{name}: concatenation is the file");
    }
}

#[test]
fn partition_holds_with_crlf_bom_and_glued_markers_at_line_starts() {
    let text = "\u{FEFF}No. 1\r\n\r\nA. B. Ivanov to V. G. Petrov\r\n\r\nMay 1, 1923\r\n\r\nText about Moscow1 .\r\n\r\nRTSKHIDNI. F. 1. Op. 1. D. 1. L. 1.\r\n\r\nNotes:\r\n\r\n1On the letterhead.\r\n";
    let ex = Extractor::new().unwrap();
    let page = ex.page("x.txt", text, Base::default());
    let joined: String = page.segment_records().iter().map(|r| r.text).collect();
    assert_eq!(joined, text);
    assert_eq!(page.documents.len(), 1);
    assert_eq!(page.documents[0].notes.len(), 1);
}

#[test]
fn layout_of_each_seed() {
    let seg = Segmenter::new();
    for (name, text) in common::seeds() {
        let norm = Normalized::new(&text);
        let layout = seg.segment(&norm);
        let mut out = String::new();
        for s in &layout.segments {
            if s.kind == opis::segment::Kind::Blank {
                continue;
            }
            let owner = match s.owner {
                opis::segment::Owner::Page => "page".to_owned(),
                opis::segment::Owner::Document(i) => format!("doc{i}"),
                opis::segment::Owner::Section(i) => format!("sec{i}"),
            };
            writeln!(out, "{:<24} {:<5} {}", s.kind.as_str(), owner, common::excerpt(&norm.view()[s.span.range()], 60))
                .unwrap();
        }
        for (i, d) in layout.documents.iter().enumerate() {
            let v = |s: opis::span::Span| norm.view()[s.range()].to_owned();
            writeln!(out, "doc{i}: number={:?}", d.number.map(|n| n.0)).unwrap();
            if let Some(h) = &d.heading {
                writeln!(
                    out,
                    "  senders={:?} recipients={:?}",
                    h.senders.iter().map(|s| v(*s)).collect::<Vec<_>>(),
                    h.recipients.iter().map(|s| v(*s)).collect::<Vec<_>>()
                )
                .unwrap();
            }
            writeln!(
                out,
                "  date={:?} place_dates={:?}",
                d.date.map(v),
                d.place_dates.iter().map(|s| v(*s)).collect::<Vec<_>>()
            )
            .unwrap();
            writeln!(out, "  signatures={:?}", d.signatures.iter().map(|s| v(*s)).collect::<Vec<_>>()).unwrap();
            writeln!(
                out,
                "  addressees={:?} markings={:?}",
                d.addressees.iter().map(|s| v(*s)).collect::<Vec<_>>(),
                d.markings.iter().map(|s| v(*s)).collect::<Vec<_>>()
            )
            .unwrap();
            writeln!(
                out,
                "  postscripts={:?}",
                d.postscripts.iter().map(|p| common::excerpt(&v(p.span), 30)).collect::<Vec<_>>()
            )
            .unwrap();
            for n in &d.notes {
                writeln!(
                    out,
                    "  note {} ({:?}, {} paragraph(s)): {}",
                    n.n,
                    n.numbering,
                    n.paragraphs.len(),
                    common::excerpt(&v(n.paragraphs[0]), 50)
                )
                .unwrap();
            }
            let links: Vec<String> = d
                .markers
                .iter()
                .map(|m| format!("{}→{}", &text[m.marker.source.range()], m.note.map_or("-".into(), |n| n.to_string())))
                .collect();
            writeln!(out, "  markers={}", links.join(" ")).unwrap();
        }
        for (i, s) in layout.sections.iter().enumerate() {
            let links: Vec<String> = s
                .markers
                .iter()
                .map(|m| format!("{}→{}", &text[m.marker.source.range()], m.note.map_or("-".into(), |n| n.to_string())))
                .collect();
            writeln!(
                out,
                "sec{i}: {} paragraphs, notes {:?}, markers={}",
                s.paragraphs.len(),
                s.notes.iter().map(|n| n.n).collect::<Vec<_>>(),
                links.join(" ")
            )
            .unwrap();
        }
        common::settings().bind(|| insta::assert_snapshot!(format!("segment-{}", common::short(&name)), out));
    }
}
