//! Inputs: files and directories given on the command line, or standard input.
//!
//! Directories are walked recursively for `*.txt` files, in sorted order so
//! that output is the same on every machine. Unreadable entries, symlink
//! loops and special files (FIFOs, sockets, devices) met in a walk are
//! reported and skipped; the rest is still processed.

use crate::diag::{Diagnostic, Severity};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`, or no path at all).
    Stdin,
}

impl Input {
    /// The name used in records: the path as given, or `-`.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.to_string_lossy().into_owned(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// A path that could not be used, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The path.
    pub path: String,
    /// Why it was skipped.
    pub diagnostic: Diagnostic,
}

/// Expands command-line paths into inputs. No path means standard input.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skipped>) {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    if paths.is_empty() {
        inputs.push(Input::Stdin);
        return (inputs, skipped);
    }
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut seen = HashSet::new();
                walk(p, &mut inputs, &mut skipped, &mut seen);
            }
            Ok(_) => inputs.push(Input::File(p.clone())),
            Err(e) => skipped.push(skip(p, "input/unreadable", format!("cannot read: {e}"))),
        }
    }
    (inputs, skipped)
}

fn skip(p: &Path, code: &'static str, message: String) -> Skipped {
    Skipped { path: p.to_string_lossy().into_owned(), diagnostic: Diagnostic::whole(Severity::Error, code, message) }
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, skipped: &mut Vec<Skipped>, seen: &mut HashSet<PathBuf>) {
    // A directory reached twice through symlinks is a loop: walk it once.
    match fs::canonicalize(dir) {
        Ok(c) => {
            if !seen.insert(c) {
                skipped.push(skip(
                    dir,
                    "input/symlink-loop",
                    "already visited through another path (a symlink loop?)".to_owned(),
                ));
                return;
            }
        }
        Err(e) => {
            skipped.push(skip(dir, "input/unreadable", format!("cannot resolve: {e}")));
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            skipped.push(skip(dir, "input/unreadable", format!("cannot read directory: {e}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for e in entries {
        match e {
            Ok(e) => paths.push(e.path()),
            Err(e) => skipped.push(skip(dir, "input/unreadable", format!("cannot list: {e}"))),
        }
    }
    paths.sort();
    for p in paths {
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, inputs, skipped, seen),
            Ok(m) if p.extension().is_some_and(|x| x == "txt") => {
                if m.is_file() {
                    inputs.push(Input::File(p));
                } else {
                    // A FIFO, socket or device found by walking: opening a
                    // FIFO for reading blocks until some writer comes, so
                    // the run would hang. One named on the command line is
                    // read (`opis extract <(zcat pages.gz)` is such a pipe).
                    skipped.push(skip(
                        &p,
                        "input/not-a-file",
                        "not a regular file (FIFO, socket or device); not read".to_owned(),
                    ));
                }
            }
            Ok(_) => {}
            Err(e) => skipped.push(skip(&p, "input/unreadable", format!("cannot read: {e}"))),
        }
    }
}
