use super::*;

fn view(path: &str) -> String {
    let raw = std::fs::read_to_string(path).unwrap();
    crate::normalize::Normalized::new(&raw).view().to_string()
}

#[test]
#[ignore]
fn dump_seeds() {
    let p = CitationParser::new();
    let mut files: Vec<_> = std::fs::read_dir("seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = view(f.to_str().unwrap());
        let mut ctx = Context::new();
        println!("== {}", f.display());
        for c in p.find(&text, &mut ctx) {
            println!(
                "{:?} {:?} {} {:?}/{:?}/{:?}/{:?}/{:?} ibid={} inh={:?}",
                c.kind,
                c.style,
                c.raw,
                c.archive,
                c.fond,
                c.opis,
                c.delo,
                c.folios,
                c.ibid,
                c.inherited
            );
            if c.kind == Kind::Published {
                println!(
                    "    a={:?} t={:?} y={:?} v={:?} n={:?} p={:?}",
                    c.author, c.title, c.year, c.volume, c.issue, c.pages
                );
            }
            if let Some(f) = &c.form {
                println!("    form={:?}", f.text);
            }
            if let Some(f) = &c.published {
                println!("    pub={:?}", f.text);
            }
            for a in &c.audit {
                println!(
                    "    AUDIT {} {} [{}]",
                    a.code,
                    a.message,
                    &text[a.span.range()]
                );
            }
            println!("    canon={:?}", c.canonical);
        }
    }
}
