use super::*;

pub(crate) const SEEDS: [(&str, &str); 5] = [
    ("000_ca3170ac503367ea.txt", include_str!("../../seeds/000_ca3170ac503367ea.txt")),
    ("001_e33aa29600d11d37.txt", include_str!("../../seeds/001_e33aa29600d11d37.txt")),
    ("002_fdd5d5c2287fb503.txt", include_str!("../../seeds/002_fdd5d5c2287fb503.txt")),
    ("003_76952b757a5e301d.txt", include_str!("../../seeds/003_76952b757a5e301d.txt")),
    ("004_57b51450ee369dff.txt", include_str!("../../seeds/004_57b51450ee369dff.txt")),
];

#[test]
#[ignore = "prints the segmentation of the seeds for reading"]
fn dump() {
    let seg = Segmenter::new();
    for (name, src) in SEEDS {
        let norm = Normalized::new(src);
        let s = seg.segment(&norm);
        println!("=== {name}");
        for g in &s.segments {
            let t = &norm.view()[g.span.range()];
            let t: String = t.chars().take(70).collect();
            println!("{:24} {:?} {:?}", g.kind.as_str(), g.owner, t.trim_end());
        }
        for d in &s.documents {
            println!(
                "DOC {:?} heading={:?} date={:?} sigs={:?} pd={:?} notes={:?} markers={:?}",
                d.number.map(|n| n.0),
                d.heading.as_ref().map(|h| (
                    h.senders.iter().map(|x| &norm.view()[x.range()]).collect::<Vec<_>>(),
                    h.recipients.iter().map(|x| &norm.view()[x.range()]).collect::<Vec<_>>()
                )),
                d.date.map(|x| &norm.view()[x.range()]),
                d.signatures.iter().map(|x| &norm.view()[x.range()]).collect::<Vec<_>>(),
                d.place_dates.iter().map(|x| &norm.view()[x.range()]).collect::<Vec<_>>(),
                d.notes.iter().map(|n| (n.n, n.numbering, n.paragraphs.len())).collect::<Vec<_>>(),
                d.markers.iter().map(|m| (m.marker.n, m.note)).collect::<Vec<_>>(),
            );
        }
        for d in &s.sections {
            println!(
                "SECTION notes={:?} markers={:?}",
                d.notes.iter().map(|n| n.n).collect::<Vec<_>>(),
                d.markers.iter().map(|m| (m.marker.n, m.note)).collect::<Vec<_>>()
            );
        }
        for d in &s.diagnostics {
            println!("DIAG {} {} {:?}", d.code, d.message, d.span.map(|x| &norm.view()[x.range()]));
        }
    }
}
