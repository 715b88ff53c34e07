//! The entities stage over the five seed pages (normalized), with the mini
//! gazetteer: the mentions a reader would mark must be there, the words a
//! reader would not mark must not.

use opis::entities::{DocContext, Gazetteer, Label, MatchSource, Matcher, Mention};
use opis::normalize::Normalized;

fn matcher() -> Matcher {
    Matcher::new(Gazetteer::load_dir("tests/data/gazetteer-mini").expect("mini gazetteer")).expect("automaton")
}

fn seeds() -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir("seeds")
        .expect("seeds dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let src = std::fs::read_to_string(p).expect("seed");
            Normalized::new(&src).view().to_string()
        })
        .collect()
}

struct Found {
    text: String,
    id: Option<String>,
    label: Label,
    source: MatchSource,
}

fn all_mentions(m: &Matcher) -> Vec<Found> {
    let mut found = Vec::new();
    for view in seeds() {
        let mut ctx = DocContext::new();
        let mut out: Vec<Mention> = Vec::new();
        m.find(&view, &mut ctx, &mut out);
        for w in out.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "overlap {:?}", w);
        }
        for x in out {
            found.push(Found {
                text: view[x.span.range()].to_string(),
                id: x.id.map(|i| m.gazetteer().entry(i).id.clone()),
                label: x.label,
                source: x.source,
            });
        }
    }
    found
}

#[test]
fn reader_marked_mentions_in_the_seeds() {
    let m = matcher();
    let found = all_mentions(&m);
    let has = |text: &str, id: Option<&str>, label: Label| {
        assert!(
            found.iter().any(|f| f.text == text && f.id.as_deref() == id && f.label == label),
            "missing {text} {id:?} {label:?}"
        );
    };
    let person = |text: &str, id: &str| has(text, Some(id), Label::Person);
    person("Sergo", "ordzhonikidze-gk");
    person("Koba", "stalin-iv");
    person("Kobe", "stalin-iv");
    person("Soso", "stalin-iv");
    person("Smilge", "smilga-it");
    person("Amayak", "nazaretyan-am");
    person("Budu", "mdivani-pg");
    person("Buda", "mdivani-pg");
    person("Alyosha", "svanidze-as");
    person("Arvid", "pyatakov-gl");
    person("Ilyich", "lenin-vi");
    person("Klim", "voroshilov-ke");
    person("Nadezhda Konstantinovna", "krupskaya-nk");
    person("F. E. Dzerzhinsky", "dzerzhinsky-fe");
    person("I. V. Stalin", "stalin-iv");
    person("Vladimir Ilyich Lenin", "lenin-vi");
    person("Uglanov", "uglanov-na");
    person("A.P. Smirnov", "smirnov-ap");
    person("Antonov-Ovseenko", "antonov-ovseenko-va");
    person("Yuri Leonidovich", "pyatakov-gl");
    person("Trotsky", "trotsky-ld");
    person("Zina", "ordzhonikidze-zg");
    has("Graskin", None, Label::Person);
    has("Medvedev R.A.", None, Label::Person);
    has("Leningrad", Some("saint-petersburg"), Label::Place);
    has("Petrograd", Some("saint-petersburg"), Label::Place);
    has("Sukhum", Some("sukhumi"), Label::Place);
    has("Kobi", Some("kobi"), Label::Place);
    has("Pravda", Some("pravda"), Label::Org);
    has("Politburo", Some("politburo"), Label::Org);
    has("Central Committee", Some("central-committee"), Label::Org);
    for f in &found {
        for bad in ["Leninist", "Leninists", "Leningraders", "Georgian", "Trotskyism"] {
            assert_ne!(f.text, bad, "{bad} is not a mention");
        }
        // Compilers and months are never people found by patterns.
        if f.source == MatchSource::Pattern {
            for bad in ["October", "March", "Central", "Committee", "Chairman", "Moscow"] {
                assert!(!f.text.ends_with(bad), "pattern person {}", f.text);
            }
        }
    }
    // "Leninist faction" and "Leningrad organization" in the same sentence:
    // exactly the place is found there.
    let view = "at the meeting of the Leninist faction: the Leningrad organization";
    let mut out = Vec::new();
    m.find(view, &mut DocContext::new(), &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(&view[out[0].span.range()], "Leningrad");
}

#[test]
fn every_mention_rule_is_documented() {
    let m = matcher();
    for view in seeds() {
        let mut out = Vec::new();
        m.find(&view, &mut DocContext::new(), &mut out);
        for x in out {
            assert!(
                opis::entities::variants::RULES.contains(&x.rule) || opis::entities::patterns::RULES.contains(&x.rule),
                "undocumented rule {}",
                x.rule
            );
        }
    }
}
