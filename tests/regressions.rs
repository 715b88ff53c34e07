//! Inputs that once crashed opis or lost bytes, found by the property tests
//! (tests/properties.rs) and the fuzzers (fuzz/). Each stays here so the
//! bug cannot come back.

use opis::pipeline::{Base, Extractor};

/// The segment records of `text`, checked to rebuild it byte for byte.
fn partition(text: &str) -> Vec<(String, &'static str)> {
    let ex = Extractor::new().expect("the embedded gazetteers are valid");
    let page = ex.page("r.txt", text, Base::default());
    let recs = page.segment_records();
    let mut at = 0;
    let mut rebuilt = String::new();
    for r in &recs {
        assert_eq!(r.loc.start, at, "consecutive");
        at = r.loc.end;
        rebuilt.push_str(r.text);
    }
    assert_eq!(rebuilt, text, "the segments rebuild the text");
    // Units and sentences render without panicking.
    let _ = serde_json::to_string(&page.units()).unwrap();
    let _ = serde_json::to_string(&page.segment_stream(true)).unwrap();
    recs.into_iter().map(|r| (r.text.to_owned(), r.segment)).collect()
}

/// Heading names were split at " and " by slicing the line at every byte
/// offset: a Cyrillic letter before " to " panicked ("byte index is not a
/// char boundary").
#[test]
fn cyrillic_in_a_heading_line_does_not_panic() {
    partition("ЛенинHello to all friends.\n");
    partition("Сталин and Ленин to Молотов\n\nOctober 2, 1925\n");
    assert!(opis::segment::parse_heading("Сталин and Ленин to Молотов").is_some());
}

/// A text of invisible characters only has an empty reading view; its bytes
/// were in no segment.
#[test]
fn a_lone_byte_order_mark_is_a_segment() {
    assert_eq!(partition("\u{FEFF}"), vec![("\u{FEFF}".to_owned(), "blank")]);
    assert_eq!(partition("\u{200B}\u{00AD}").len(), 1);
}

/// A byte-order mark and a lone `\r` were merged into one edit, and the
/// first line boundary mapped to the edit's first byte: the first segment
/// was cut inside the mark and later ones lost their bytes.
#[test]
fn a_byte_order_mark_before_a_lone_carriage_return_stays_in_the_first_line() {
    let segs = partition("\u{FEFF}\r\"Tov. BUKHARIN told a meeting.\r\nNo. 167\n");
    assert_eq!(segs[0].0, "\u{FEFF}\r");
}

/// `\r\r\n` is two line ends; the second `\r` belongs to the second line.
#[test]
fn lone_and_paired_carriage_returns_end_their_own_lines() {
    let segs = partition("a\r\rb\r\n\r\nc");
    let texts: Vec<&str> = segs.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(texts.concat(), "a\r\rb\r\n\r\nc");
    assert!(texts.contains(&"\r"), "the blank line is the lone \\r: {texts:?}");
}

/// Streaming cut files at `\n` only, but the reading view also ends a line
/// at a lone `\r`: a navigation line after a `\r` made the streamer take
/// the line before as the page title and cut there, so streamed output
/// differed from whole-file output.
#[test]
fn streaming_cuts_agree_with_lone_carriage_returns() {
    same_streamed_and_whole(
        "No. 167\n\nAnd when all the wrath of the Party falls upon them.\n\n2/X-25\n\
         October 2, 1925\rSECRET.Marx-Engels |  Lenin  | Stalin |  Home Page\nmore text\n",
    );
}

/// The streamer judged lines on the source and the segmenter on the view:
/// "Section I[August 1924]…" is a section heading in the source but reads
/// "Section IAugust 1924…" in the view; and it looked three lines around a
/// navigation line for a title where the segmenter looks two.
#[test]
fn streaming_cuts_agree_with_the_reading_view() {
    same_streamed_and_whole("No. 167\nSection I[August 1924]\"Tov. BUKHARIN told a meeting.\nmore\n");
    same_streamed_and_whole("No. 1\n\ntext\n\nTitle\n\n\nMarx-Engels |  Lenin  | Stalin |  Home Page\nmore\n");
    same_streamed_and_whole("No. 1\n\ntext\n\u{200B}\nMarx-Engels |  Lenin  | Stalin |  Home Page\nmore\n");
}

/// The streamer read the pending text's last, incomplete line as the line
/// after a candidate title: cut after 40 bytes, a long line starting like
/// the navigation line looked like one, and a paragraph became a page title.
#[test]
fn streaming_does_not_judge_an_incomplete_line() {
    let long = format!(
        "No. 167\n\nFirst paragraph of the letter.\n1. Eviction from large cities.\n\
         Marx-Engels |  Lenin  | Stalin |  Home Page2On September 7, 1923, {}\nend\n",
        "Dzerzhinsky sent the following letter to Krestinsky. ".repeat(5)
    );
    same_streamed_and_whole(&long);
}

/// A lone `\r` inside editorial brackets was copied into the view as is, so
/// the view had a line break fewer than the source.
#[test]
fn a_carriage_return_in_brackets_still_ends_the_line() {
    let n = opis::normalize::Normalized::new("[\r]");
    assert_eq!(n.view().matches('\n').count(), 1);
    partition("F[runze\r] wrote\r[19]23\n");
}

/// A starter that is not in NFC ("שׁ" U+FB2A, which NFC decomposes) took
/// the character before it into its edit, even a newline; the line boundary
/// then mapped past the edit and the next segment was empty.
#[test]
fn a_decomposing_starter_after_a_newline_keeps_the_line_boundary() {
    let segs = partition("(see Pravda).\n\u{FB2A}");
    assert_eq!(segs.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), ["(see Pravda).\n", "\u{FB2A}"]);
    let segs = partition("a\n\u{316}\u{301}b\n");
    assert!(segs.iter().all(|s| !s.0.is_empty()));
    assert_eq!(segs[0].0, "a\n");
    // Composition still takes the starter: e + combining acute reads é.
    assert_eq!(opis::normalize::Normalized::new("Pe\u{301}tain").view(), "P\u{E9}tain");
}

fn same_streamed_and_whole(text: &str) {
    use opis::driver::{self, Options, Output, Render};
    use opis::input::Input;
    struct Units;
    impl Render for Units {
        fn render(&self, page: &opis::pipeline::Page<'_>, out: &mut Vec<u8>) {
            for u in page.units() {
                out.extend(serde_json::to_vec(&u).unwrap());
                out.push(b'\n');
            }
            for s in page.segment_stream(false) {
                out.extend(serde_json::to_vec(&s).unwrap());
                out.push(b'\n');
            }
        }
    }

    let dir = std::env::temp_dir().join(format!("opis-regress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let path = dir.join(format!("{}.txt", N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    std::fs::write(&path, text).unwrap();
    let ex = Extractor::new().expect("the embedded gazetteers are valid");
    let inputs = vec![Input::File(path.clone())];
    let run = |opts: Options| {
        let mut out = Vec::new();
        driver::run_with(opts, &ex, &inputs, &Units, &mut |o: Output| {
            out.extend(o.records);
            Ok(())
        })
        .unwrap();
        String::from_utf8(out).unwrap()
    };
    let whole = run(Options::default());
    for chunk in 1..=160 {
        assert_eq!(run(Options { whole_file: 0, chunk, batch_bytes: 1 }), whole, "chunk {chunk}");
    }
    let _ = std::fs::remove_file(&path);
}

/// A section's entities and citations named it by its title as read
/// ("Section II") while its own record, its segments and its dates gave the
/// title as written ("Section I[I]"): the `doc` of a mention did not join
/// with any record.
#[test]
fn a_section_is_named_by_its_title_as_written_in_every_record() {
    let text = "Bolshevik Leaders correspondence\n\nMarx-Engels |  Lenin  | Stalin |  Home Page\n\n\
                Section I[I] 1921 - 1923 \n\nStalin and Trotsky argued in 1922. 1\n\n\nNotes:\n\n\
                1 RTsKhIDNI. F. 17. Op. 2. D. 3. L. 4.\n";
    let ex = Extractor::new().expect("the embedded gazetteers are valid");
    let page = ex.page("r.txt", text, Base::default());
    let [section] = page.sections.as_slice() else { panic!("one section: {:?}", page.sections.len()) };
    assert_eq!(section.title, "Section I[I]");
    let title = serde_json::json!(section.title);
    let mentions: Vec<_> = page.entities().collect();
    assert!(mentions.len() >= 2, "Stalin and Trotsky: {mentions:?}");
    for m in &mentions {
        assert_eq!(serde_json::to_value(&m.doc).unwrap(), title, "entity {}", m.text);
    }
    assert!(!page.citations.is_empty());
    for c in &page.citations {
        assert_eq!(serde_json::to_value(&c.doc).unwrap(), title, "citation {}", c.citation.raw);
    }
    for s in page.segment_records().iter().filter(|s| s.segment.starts_with("section.")) {
        assert_eq!(serde_json::to_value(&s.doc).unwrap(), title, "segment {:?}", s.text);
    }
}

/// Found by the entities fuzzer: `Zhuravlev V. V.` is a form of the shipped
/// gazetteer, and the initials before the next surname were read back over
/// its `V.` (`V. M.Zinoviev`): two mentions sharing bytes.
#[test]
fn a_form_ending_in_initials_does_not_lend_them_to_the_next_name() {
    use opis::entities::{DocContext, Gazetteer, Matcher};
    let m = Matcher::new(Gazetteer::embedded().expect("embedded gazetteer")).expect("automaton");
    let text = "A New Look at Events and Facts, edited by Zhuravlev V. V. M.Zinoviev, Voroshilov, Mikoyan";
    let mut out = Vec::new();
    m.find(text, &mut DocContext::new(), &mut out);
    for w in out.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "{:?} overlaps {:?}",
            &text[w[0].span.range()],
            &text[w[1].span.range()]
        );
    }
    let got: Vec<&str> = out.iter().map(|x| &text[x.span.range()]).collect();
    assert!(got.contains(&"Zhuravlev V. V.") && got.contains(&"M.Zinoviev"), "{got:?}");
}
