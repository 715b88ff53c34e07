#!/usr/bin/env python3
"""Gold annotation helper for opis (stdlib only, Python 3.11).

Subcommands:
  find FILE "exact text" [--nth N | --after "context"] --label L --id ID
      Print one gold JSON line for an occurrence of the exact text in FILE.
      --nth N       the N-th occurrence (1-based) in the file (default 1).
      --after CTX   the first occurrence of the text that starts at or after the
                    first occurrence of CTX (CTX may contain the text itself).
      --id null     (or NIL / none) writes "id": null.
  build FILE SPEC.tsv [-o OUT.jsonl]
      Build a whole gold file from a line-based spec (easier to review than
      offsets): one mention per row, tab-separated
          LINE  TEXT  LABEL  ID  [K]
      LINE is the 1-based line number in FILE, TEXT the exact text, K the
      occurrence of TEXT within that line (default 1), ID a slug or null.
      Lines starting with # and blank lines are ignored. Output is sorted.
  check FILE.jsonl...
      Validate gold files (see check_file). Exit status 1 on any error.
  stats FILE.jsonl...
      Counts per label, NIL count, distinct ids.

FILE paths in gold lines are relative to the repository root (the parent of
tests/); find accepts any path and records it relative to the root when possible.
"""
import argparse
import json
import os
import re
import sys
from collections import Counter

LABELS = {"PERSON", "PLACE", "ORG"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KEYS = ["file", "start", "end", "char_start", "char_end", "text", "label", "id"]


def rel_to_root(path):
    ap = os.path.abspath(path)
    try:
        rel = os.path.relpath(ap, ROOT)
    except ValueError:
        return path
    if rel.startswith(".."):
        return path
    return rel.replace(os.sep, "/")


def char_offset(data, byte_off):
    return len(data[:byte_off].decode("utf-8"))


def cmd_find(args):
    with open(args.file, "rb") as f:
        data = f.read()
    needle = args.text.encode("utf-8")
    if not needle:
        sys.exit("find: empty text")
    if args.after is not None:
        ctx = args.after.encode("utf-8")
        c = data.find(ctx)
        if c < 0:
            sys.exit(f"find: context not found: {args.after!r}")
        if data.count(ctx) > 1:
            print(f"find: warning: context occurs {data.count(ctx)} times; using the first",
                  file=sys.stderr)
        pos = data.find(needle, c)
        if pos < 0:
            sys.exit(f"find: {args.text!r} not found after context {args.after!r}")
    else:
        n = args.nth
        if n < 1:
            sys.exit("find: --nth is 1-based")
        pos = -1
        for _ in range(n):
            pos = data.find(needle, pos + 1)
            if pos < 0:
                sys.exit(f"find: occurrence {n} of {args.text!r} not found "
                         f"(file has {data.count(needle)})")
    if args.label not in LABELS:
        sys.exit(f"find: bad label {args.label}")
    ident = None if args.id.lower() in ("null", "nil", "none", "") else args.id
    if ident is not None and not ID_RE.match(ident):
        sys.exit(f"find: bad id {ident!r}")
    end = pos + len(needle)
    rec = {
        "file": rel_to_root(args.file),
        "start": pos,
        "end": end,
        "char_start": char_offset(data, pos),
        "char_end": char_offset(data, end),
        "text": args.text,
        "label": args.label,
        "id": ident,
    }
    print(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))


def record(data, relfile, pos, text, label, ident):
    end = pos + len(text.encode("utf-8"))
    return {
        "file": relfile,
        "start": pos,
        "end": end,
        "char_start": char_offset(data, pos),
        "char_end": char_offset(data, end),
        "text": text,
        "label": label,
        "id": ident,
    }


def cmd_build(args):
    with open(args.file, "rb") as f:
        data = f.read()
    line_starts = [0]
    for i, b in enumerate(data):
        if b == 0x0A:
            line_starts.append(i + 1)
    relfile = rel_to_root(args.file)
    recs = []
    errs = 0
    with open(args.spec, encoding="utf-8") as f:
        for sn, row in enumerate(f, 1):
            row = row.rstrip("\n")
            if not row.strip() or row.lstrip().startswith("#"):
                continue
            parts = row.split("\t")
            if len(parts) not in (4, 5):
                print(f"{args.spec}:{sn}: expected 4 or 5 tab-separated fields", file=sys.stderr)
                errs += 1
                continue
            line, text, label, ident = parts[:4]
            k = int(parts[4]) if len(parts) == 5 and parts[4] else 1
            ln = int(line)
            if not (1 <= ln <= len(line_starts)):
                print(f"{args.spec}:{sn}: no line {ln}", file=sys.stderr)
                errs += 1
                continue
            ls = line_starts[ln - 1]
            le = line_starts[ln] - 1 if ln < len(line_starts) else len(data)
            needle = text.encode("utf-8")
            pos = ls - 1
            for _ in range(k):
                pos = data.find(needle, pos + 1, le)
                if pos < 0:
                    break
            if pos < 0:
                print(f"{args.spec}:{sn}: occurrence {k} of {text!r} not on line {ln}", file=sys.stderr)
                errs += 1
                continue
            if label not in LABELS:
                print(f"{args.spec}:{sn}: bad label {label}", file=sys.stderr)
                errs += 1
                continue
            idv = None if ident.lower() in ("null", "nil", "none", "") else ident
            if idv is not None and not ID_RE.match(idv):
                print(f"{args.spec}:{sn}: bad id {idv!r}", file=sys.stderr)
                errs += 1
                continue
            before = data[pos - 1:pos].decode("utf-8", "replace") if pos > 0 else ""
            after = data[pos + len(needle):pos + len(needle) + 1].decode("utf-8", "replace")
            if before.isalnum() or after.isalpha():
                # a word cut in the middle ("Georgia" in "Georgian") is almost always a
                # wrong occurrence; digits after are usually glued footnote markers.
                print(f"{args.spec}:{sn}: warning: {text!r} on line {ln} is inside a word "
                      f"({before!r}..{after!r})", file=sys.stderr)
            recs.append(record(data, relfile, pos, text, label, idv))
    if errs:
        sys.exit(1)
    recs.sort(key=lambda r: (r["start"], -r["end"], r["label"]))
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    for r in recs:
        out.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    if args.output:
        out.close()


def load(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            recs.append((ln, json.loads(line)))
    return recs


def check_file(path):
    errors = []
    cache = {}
    try:
        recs = load(path)
    except (OSError, json.JSONDecodeError) as e:
        return [f"{path}: cannot read: {e}"]
    prev = None
    seen = set()
    spans_pp = []  # (start, end, label, ln) for PERSON/PLACE
    for ln, r in recs:
        where = f"{path}:{ln}"
        if set(r) != set(KEYS):
            errors.append(f"{where}: keys {sorted(r)} != {sorted(KEYS)}")
            continue
        fp = os.path.join(ROOT, r["file"])
        if r["file"] not in cache:
            try:
                with open(fp, "rb") as f:
                    cache[r["file"]] = f.read()
            except OSError:
                errors.append(f"{where}: file {r['file']} not found relative to {ROOT}")
                cache[r["file"]] = None
        data = cache[r["file"]]
        s, e = r["start"], r["end"]
        if not all(isinstance(x, int) for x in (s, e, r["char_start"], r["char_end"])):
            errors.append(f"{where}: offsets must be integers")
            continue
        if data is not None:
            if not (0 <= s < e <= len(data)):
                errors.append(f"{where}: bad span {s}..{e}")
            else:
                sl = data[s:e]
                if sl != r["text"].encode("utf-8"):
                    errors.append(f"{where}: text {r['text']!r} != slice {sl!r}")
                else:
                    try:
                        cs, ce = char_offset(data, s), char_offset(data, e)
                    except UnicodeDecodeError:
                        errors.append(f"{where}: span not on a UTF-8 boundary")
                    else:
                        if (cs, ce) != (r["char_start"], r["char_end"]):
                            errors.append(f"{where}: char offsets {r['char_start']},{r['char_end']}"
                                          f" != {cs},{ce}")
                if r["text"] != r["text"].strip():
                    errors.append(f"{where}: span has surrounding whitespace")
        if r["label"] not in LABELS:
            errors.append(f"{where}: bad label {r['label']!r}")
        if r["id"] is not None and not (isinstance(r["id"], str) and ID_RE.match(r["id"])):
            errors.append(f"{where}: bad id {r['id']!r}")
        key = (r["file"], s, e, r["label"])
        if key in seen:
            errors.append(f"{where}: duplicate {key}")
        seen.add(key)
        order = (r["file"], s, -e)
        if prev is not None and order < prev:
            errors.append(f"{where}: not sorted by start (then longer first)")
        prev = order
        if r["label"] in ("PERSON", "PLACE"):
            spans_pp.append((r["file"], s, e, r["label"], ln))
    spans_pp.sort()
    for a, b in zip(spans_pp, spans_pp[1:]):
        if a[0] == b[0] and b[1] < a[2]:
            errors.append(f"{path}:{b[4]}: {b[3]} overlaps {a[3]} at line {a[4]}")
    return errors


def cmd_check(args):
    total = 0
    bad = 0
    for p in args.files:
        errs = check_file(p)
        n = len(load(p)) if not errs or not errs[0].endswith("cannot read") else 0
        total += n
        for e in errs:
            print(e)
        bad += len(errs)
        print(f"{p}: {n} mentions, {len(errs)} errors", file=sys.stderr)
    sys.exit(1 if bad else 0)


def cmd_stats(args):
    for p in args.files:
        recs = [r for _, r in load(p)]
        lab = Counter(r["label"] for r in recs)
        nil = [r for r in recs if r["id"] is None]
        ids = Counter(r["id"] for r in recs if r["id"] is not None)
        print(f"{p}: {len(recs)} mentions; " +
              ", ".join(f"{k} {lab.get(k, 0)}" for k in sorted(LABELS)) +
              f"; NIL {len(nil)}; distinct ids {len(ids)}")
        for r in nil:
            print(f"  NIL {r['label']} {r['text']!r} @{r['start']}")
        if args.ids:
            for i, c in sorted(ids.items()):
                print(f"  {c:4d} {i}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("find", help="print a gold JSON line for an occurrence")
    f.add_argument("file")
    f.add_argument("text")
    g = f.add_mutually_exclusive_group()
    g.add_argument("--nth", type=int, default=1)
    g.add_argument("--after")
    f.add_argument("--label", required=True)
    f.add_argument("--id", required=True)
    f.set_defaults(func=cmd_find)
    b = sub.add_parser("build", help="build a gold file from a line-based spec")
    b.add_argument("file")
    b.add_argument("spec")
    b.add_argument("-o", "--output")
    b.set_defaults(func=cmd_build)
    c = sub.add_parser("check", help="validate gold files")
    c.add_argument("files", nargs="+")
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("stats", help="counts per label and NIL")
    s.add_argument("files", nargs="+")
    s.add_argument("--ids", action="store_true", help="also list ids with counts")
    s.set_defaults(func=cmd_stats)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
