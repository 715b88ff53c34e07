//! Entity quality on the hand-made seed gold (tests/gold/, see
//! docs/annotation.md), measured as the CLEF HIPE tasks measure it. The
//! floors are the scores recorded when the gold and the gazetteers last
//! changed: a change that lowers them fails here.

use opis::driver::{self, Output, Render};
use opis::emit::JsonLines;
use opis::eval::{self, Gold, Label};
use opis::input::Input;
use opis::pipeline::{Extractor, Page};
use std::path::PathBuf;

struct Entities;

impl Render for Entities {
    fn render(&self, page: &Page<'_>, out: &mut Vec<u8>) {
        let mut w = JsonLines::new(out);
        for e in page.entities() {
            w.write(&e).unwrap();
        }
    }
}

#[test]
fn seed_scores_do_not_drop() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(&root).unwrap();
    let gold = Gold::load(&root.join("tests/gold")).expect("the gold matches the seeds");
    let inputs: Vec<Input> = gold.paths().into_iter().map(Input::File).collect();
    let ex = Extractor::new().unwrap();
    let mut records = Vec::new();
    driver::run(&ex, &inputs, &Entities, &mut |o: Output| {
        records.extend_from_slice(&o.records);
        Ok(())
    })
    .unwrap();
    let predictions = eval::read_predictions("opis", &String::from_utf8(records).unwrap()).unwrap();
    let report = eval::evaluate(&gold, &predictions).unwrap();
    let f1 = |l: Label| report.strict.per_label[&l].f1;
    let link = |l: Label| report.linking.accuracy_strict.per_label[&l].accuracy;
    // Recorded 2026-11-22: PERSON 0.992, PLACE 0.998 strict F1; linking 0.998 / 0.995.
    assert!(f1(Label::Person) >= 0.99, "PERSON strict F1 {}", f1(Label::Person));
    assert!(f1(Label::Place) >= 0.99, "PLACE strict F1 {}", f1(Label::Place));
    assert!(report.strict.overall.f1 >= 0.955, "overall strict F1 {}", report.strict.overall.f1);
    assert!(link(Label::Person) >= 0.99, "PERSON linking {}", link(Label::Person));
    assert!(link(Label::Place) >= 0.99, "PLACE linking {}", link(Label::Place));
    assert!(
        report.linking.accuracy_strict.overall.accuracy >= 0.98,
        "linking {}",
        report.linking.accuracy_strict.overall.accuracy
    );
}
