//! Shared by the integration tests: the seed pages and snapshot settings.
#![allow(dead_code)]

use std::path::PathBuf;

/// The seed pages, read from `seeds/` so the tests see exactly the bytes users do.
pub fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("seeds/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = format!("seeds/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).expect("seed is UTF-8"))
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5, "the five seed pages");
    out
}

/// insta settings: every snapshot lives in the top-level `snapshots/` folder.
pub fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// A short, stable label for a seed file: "000".
pub fn short(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    &base[..3]
}

/// One line of text, cut for a readable snapshot.
pub fn excerpt(s: &str, n: usize) -> String {
    let one: String = s.trim_end().replace('\n', "⏎");
    if one.chars().count() > n {
        format!("{}…", one.chars().take(n).collect::<String>())
    } else {
        one
    }
}

/// Runs the `opis` binary from the repository root; panics unless it exits 0.
pub fn opis(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_opis"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run opis");
    assert!(out.status.success(), "opis {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}
