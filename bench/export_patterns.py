#!/usr/bin/env python3
"""Interim pattern export straight from gazetteers/*.tsv (GAZETTEER.md).

Used by bench/peers.sh only while `opis gazetteer export --format jsonl` is
not available. It writes the forms the contract names explicitly —
preferred, variants, the bare surname (unless `no-bare`), SURNAME, initials
before and after the surname ("I. V. Stalin", "I.V. Stalin", "I. Stalin",
"Stalin I. V.", "Stalin I.V."), given name + patronymic, given name +
surname, full name — but NOT the entities stage's transliteration and case
forms, nor its collision filtering. So the list is a subset of what opis
matches; `opis gazetteer export` is the authority.

Output: JSON Lines {"label","pattern","id"}, one per (pattern, entry), in
file order, deterministic.
"""

import argparse
import csv
import json
import os
import sys

LABELS = (("people.tsv", "PERSON"), ("places.tsv", "PLACE"), ("orgs.tsv", "ORG"))


def initial(word):
    # "Iosif" -> "I."; digraph initials as the translation writes them ("Yu.", "Ya.") are not guessed.
    return word[0] + "." if word else ""


def person_forms(r):
    sur, giv, pat = r["surname"], r["given"], r["patronymic"]
    flags = {f.strip() for f in r["flags"].split(",") if f.strip()}
    out = [r["preferred"]]
    out += [v for v in r["variants"].split("|") if v]
    if sur:
        if "no-bare" not in flags:
            out.append(sur)
            if sur.upper() != sur:
                out.append(sur.upper())
        if giv:
            gi = initial(giv)
            if pat:
                pi = initial(pat)
                out += [f"{gi} {pi} {sur}", f"{gi}{pi} {sur}", f"{sur} {gi} {pi}", f"{sur} {gi}{pi}"]
            out += [f"{gi} {sur}", f"{giv} {sur}"]
            if pat:
                out += [f"{giv} {pat}", f"{giv} {pat} {sur}"]
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=os.path.join(here, "..", "gazetteers"))
    a = ap.parse_args()
    w = sys.stdout
    for name, label in LABELS:
        with open(os.path.join(a.dir, name), encoding="utf-8", newline="") as f:
            rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            for r in rows:
                forms = person_forms(r) if label == "PERSON" else [r["preferred"]] + [
                    v for v in r["variants"].split("|") if v
                ]
                seen = set()
                for p in forms:
                    p = p.strip()
                    if p and p not in seen:
                        seen.add(p)
                        w.write(json.dumps({"label": label, "pattern": p, "id": r["id"]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
