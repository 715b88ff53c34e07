//! The archives a reference can name, with their renamings.
//!
//! Russian federal archives were renamed in 1991–1999 (and the party archive
//! twice), so one collection of papers is cited under several acronyms
//! depending on the year of the publication. A dataset wants one key per
//! institution; an auditor wants to see the name as cited. Each row therefore
//! carries the correct spelling of the acronym in both scripts and the
//! acronym of today's institution.

use std::collections::HashMap;

/// One archive name: its correct Latin (LoC) and Cyrillic spellings, the
/// acronym of the institution that holds the papers today, and whether the
/// name is an earlier one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row {
    pub latin: &'static str,
    pub cyrillic: &'static str,
    pub institution: &'static str,
    pub obsolete: bool,
}

const fn row(latin: &'static str, cyrillic: &'static str, institution: &'static str, obsolete: bool) -> Row {
    Row { latin, cyrillic, institution, obsolete }
}

/// Federal archives and their earlier names, then the party/state archives
/// of regions most often cited in studies of the Soviet leadership.
pub(crate) const ROWS: &[Row] = &[
    row("RGASPI", "РГАСПИ", "RGASPI", false),
    // 1991–1999 name of the former Central Party Archive.
    row("RTsKhIDNI", "РЦХИДНИ", "RGASPI", true),
    row("TsPA IML", "ЦПА ИМЛ", "RGASPI", true),
    row("TsPA", "ЦПА", "RGASPI", true),
    row("GARF", "ГАРФ", "GARF", false),
    row("TsGAOR", "ЦГАОР", "GARF", true),
    row("TsGAOR SSSR", "ЦГАОР СССР", "GARF", true),
    row("TsGA RSFSR", "ЦГА РСФСР", "GARF", true),
    row("RGVA", "РГВА", "RGVA", false),
    row("TsGASA", "ЦГАСА", "RGVA", true),
    row("TsGAKA", "ЦГАКА", "RGVA", true),
    row("RGAE", "РГАЭ", "RGAE", false),
    row("TsGANKh", "ЦГАНХ", "RGAE", true),
    row("TsGANKh SSSR", "ЦГАНХ СССР", "RGAE", true),
    row("RGANI", "РГАНИ", "RGANI", false),
    row("TsKhSD", "ЦХСД", "RGANI", true),
    row("APRF", "АП РФ", "APRF", false),
    row("TsA FSB", "ЦА ФСБ", "TsA FSB", false),
    row("TsA FSB RF", "ЦА ФСБ РФ", "TsA FSB", false),
    row("RGVIA", "РГВИА", "RGVIA", false),
    row("TsGVIA", "ЦГВИА", "RGVIA", true),
    row("AVP RF", "АВП РФ", "AVP RF", false),
    row("RGALI", "РГАЛИ", "RGALI", false),
    row("TsGALI", "ЦГАЛИ", "RGALI", true),
    row("RGIA", "РГИА", "RGIA", false),
    row("TsGIA", "ЦГИА", "RGIA", true),
    row("RGADA", "РГАДА", "RGADA", false),
    row("TsAMO", "ЦАМО", "TsAMO", false),
    row("RGAVMF", "РГАВМФ", "RGAVMF", false),
    row("TsGAVMF", "ЦГАВМФ", "RGAVMF", true),
    row("RGAKFD", "РГАКФД", "RGAKFD", false),
    row("TsDOOSO", "ЦДООСО", "TsDOOSO", false),
    row("PermGANI", "ПермГАНИ", "PermGANI", false),
    row("TsGAIPD SPb", "ЦГАИПД СПб", "TsGAIPD SPb", false),
    row("TsGA SPb", "ЦГА СПб", "TsGA SPb", false),
    row("TsAOPIM", "ЦАОПИМ", "TsAOPIM", false),
    row("TsGAMO", "ЦГАМО", "TsGAMO", false),
    row("TsGAM", "ЦГАМ", "TsGAM", false),
    row("TsDAHO", "ЦДАГО", "TsDAHO", false),
    row("TsDAVO", "ЦДАВО", "TsDAVO", false),
    row("GAPO", "ГАПО", "GAPO", false),
    row("GARO", "ГАРО", "GARO", false),
    row("GASO", "ГАСО", "GASO", false),
    row("GANO", "ГАНО", "GANO", false),
    row("TsGA UR", "ЦГА УР", "TsGA UR", false),
];

/// How a cited name was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// Correct spelling (any capitalisation: the collection prints
    /// "RTSKHIDNI" in capitals as its house style).
    Exact,
    /// One letter off a known name of at least [`MIN_FUZZY`] letters.
    Misspelled,
}

/// Shorter acronyms are too dense (GAPO/GARO/GASO differ by one letter) for a
/// one-letter difference to mean a misprint rather than another archive.
const MIN_FUZZY: usize = 5;

/// Lookup of cited names, built once.
pub(crate) struct Archives {
    by_key: HashMap<String, (usize, bool)>,
    by_skeleton: HashMap<String, (usize, bool)>,
    keys: Vec<(Vec<char>, usize, bool)>,
}

/// The key with transliteration variants folded: Ц is written Ts, Tz or C,
/// Х is Kh, H or X ("RCHIDNI", "RTsHIDNI" for RTsKhIDNI).
fn skeleton(key: &str) -> String {
    key.replace("TS", "C").replace("TZ", "C").replace("KH", "H").replace('X', "H")
}

/// The key a name is looked up by: letters only, upper case, so that
/// "RTSKHIDNI", "RTsKhIDNI", "AP RF" and "APRF" meet.
pub(crate) fn key(name: &str) -> String {
    // Sized up front: collected char by char, the String grew (and was
    // copied) twice for a usual acronym, on every name looked up.
    let mut k = String::with_capacity(name.len());
    k.extend(name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase));
    k
}

impl Archives {
    pub(crate) fn new() -> Archives {
        let mut by_key = HashMap::new();
        let mut by_skeleton = HashMap::new();
        let mut keys = Vec::new();
        for (i, r) in ROWS.iter().enumerate() {
            for (name, cyr) in [(r.latin, false), (r.cyrillic, true)] {
                let k = key(name);
                let sk = if cyr { k.clone() } else { skeleton(&k) };
                keys.push((sk.chars().collect(), i, cyr));
                by_skeleton.insert(sk, (i, cyr));
                by_key.insert(k, (i, cyr));
            }
        }
        Archives { by_key, by_skeleton, keys }
    }

    /// The row for a cited name, whether the cited name is Cyrillic, and how
    /// it matched.
    pub(crate) fn lookup(&self, name: &str) -> Option<(&'static Row, bool, Match)> {
        let k = key(name);
        if let Some(&(i, cyr)) = self.by_key.get(&k) {
            return ROWS.get(i).map(|r| (r, cyr, Match::Exact));
        }
        let sk = skeleton(&k);
        if let Some(&(i, cyr)) = self.by_skeleton.get(&sk) {
            return ROWS.get(i).map(|r| (r, cyr, Match::Misspelled));
        }
        let chars: Vec<char> = sk.chars().collect();
        if chars.len() < MIN_FUZZY || chars.len() > 24 {
            return None;
        }
        let mut found = None;
        for (kc, i, cyr) in &self.keys {
            if kc.len() >= MIN_FUZZY && within_one(&chars, kc) {
                if found.is_some() {
                    // Two candidates: a guess would be an invention.
                    return None;
                }
                found = ROWS.get(*i).map(|r| (r, *cyr, Match::Misspelled));
            }
        }
        found
    }
}

/// The Cyrillic spelling of an institution, for rendering.
pub(crate) fn cyrillic_of(institution: &str) -> Option<&'static str> {
    ROWS.iter().find(|r| !r.obsolete && r.institution == institution).map(|r| r.cyrillic)
}

/// True when `a` and `b` differ by one insertion, deletion, substitution or
/// transposition of neighbours (bounded by the short key length).
fn within_one(a: &[char], b: &[char]) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let mut i = 0;
    while i < la && i < lb && a.get(i) == b.get(i) {
        i += 1;
    }
    fn tail(x: &[char], from: usize) -> Option<&[char]> {
        x.get(from..)
    }
    if la == lb {
        // substitution, or transposition of i and i+1
        if tail(a, i + 1) == tail(b, i + 1) {
            return true;
        }
        return a.get(i) == b.get(i + 1) && a.get(i + 1) == b.get(i) && tail(a, i + 2) == tail(b, i + 2);
    }
    if la > lb {
        tail(a, i + 1) == tail(b, i)
    } else {
        tail(a, i) == tail(b, i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_capitals_are_exact() {
        let a = Archives::new();
        let (r, cyr, m) = a.lookup("RTSKHIDNI").unwrap();
        assert_eq!((r.latin, r.institution, cyr, m), ("RTsKhIDNI", "RGASPI", false, Match::Exact));
        assert_eq!(a.lookup("AP RF").unwrap().0.institution, "APRF");
        assert_eq!(a.lookup("РЦХИДНИ").unwrap().0.institution, "RGASPI");
        assert!(a.lookup("РЦХИДНИ").unwrap().1);
    }

    /// `Grammar::canonical_name` takes the row of a cited archive for the
    /// row of its spelling.
    #[test]
    fn each_spelling_finds_its_own_row() {
        let a = Archives::new();
        for r in ROWS {
            for (name, cyr) in [(r.latin, false), (r.cyrillic, true)] {
                let (found, c, m) = a.lookup(name).unwrap();
                assert!(found.latin == r.latin && c == cyr && m == Match::Exact, "{name}");
            }
        }
    }

    #[test]
    fn one_letter_off_is_a_misspelling() {
        let a = Archives::new();
        let (r, _, m) = a.lookup("RTSHIDNI").unwrap();
        assert_eq!((r.latin, m), ("RTsKhIDNI", Match::Misspelled));
        assert_eq!(a.lookup("RGAPSI").unwrap().0.latin, "RGASPI");
        // Short acronyms are not guessed.
        assert!(a.lookup("GAKO").is_none());
        assert!(a.lookup("TSDNA").is_none());
        // Transliteration variants of Ц and Х.
        assert_eq!(a.lookup("RCHIDNI").unwrap().0.latin, "RTsKhIDNI");
        assert_eq!(a.lookup("RTsHIDNI").unwrap().2, Match::Misspelled);
        assert_eq!(a.lookup("TsKhSD").unwrap().2, Match::Exact);
    }
}
