#!/usr/bin/env python3
"""Times the Python peers of opis on one corpus with one pattern list.

Every peer gets exactly the same patterns (JSON Lines {"label","pattern","id"},
from `opis gazetteer export --format jsonl` or bench/export_patterns.py) and
the same text, already in memory and cut into the same chunks (~256 kB, at
line ends: spaCy refuses documents over `nlp.max_length`, and every peer is
fed identically). Only matching is timed: building the matcher and reading
the file are not, which favours the peers (opis is timed end to end).

Peers (all case-sensitive, as opis is):
  spacy-entityruler   spaCy EntityRuler, phrase patterns, spacy.blank("en")
  spacy-phrasematcher spaCy PhraseMatcher on the same tokenizer
  flashtext           KeywordProcessor(case_sensitive=True).extract_keywords
  pyahocorasick       Automaton.iter_long (leftmost-longest) + word-boundary check
  pyahocorasick-bare  Automaton.iter_long alone: no boundary check, no other work
                      (the issue's ×2 target is against this one)

Prints one JSON object per peer: {"peer","bytes","seconds","mb_per_s",
"cpu_seconds","cpu_mb_per_s","matches","build_seconds","patterns"} (wall clock
and process CPU time: on a shared machine the CPU figure is the steadier one).
"""

import argparse
import json
import sys
import time

CHUNK = 256 * 1024


def chunks(text, size=CHUNK):
    out = []
    i = 0
    n = len(text)
    while i < n:
        j = min(n, i + size)
        if j < n:
            nl = text.find("\n", j)
            j = n if nl < 0 else nl + 1
        out.append(text[i:j])
        i = j
    return out


def load_patterns(path):
    pats = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                o = json.loads(line)
                pats.append((o["label"], o["pattern"], o["id"]))
    return pats


def peer_entityruler(pats, docs):
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.max_length = CHUNK * 8
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False})
    ruler.add_patterns([{"label": lab, "pattern": p, "id": i} for lab, p, i in pats])
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for doc in nlp.pipe(docs, batch_size=16):
        n += len(doc.ents)
    return time.perf_counter() - t0, time.process_time() - c0, n, build


def peer_phrasematcher(pats, docs):
    import spacy
    from spacy.matcher import PhraseMatcher

    t0 = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.max_length = CHUNK * 8
    m = PhraseMatcher(nlp.vocab)
    by_label = {}
    for lab, p, _ in pats:
        by_label.setdefault(lab, []).append(p)
    for lab, ps in by_label.items():
        m.add(lab, list(nlp.tokenizer.pipe(ps)))
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for doc in nlp.tokenizer.pipe(docs, batch_size=16):
        # Longest non-overlapping, as the EntityRuler and opis report.
        n += len(_longest(m(doc)))
    return time.perf_counter() - t0, time.process_time() - c0, n, build


def _longest(matches):
    best = []
    end = -1
    for _, s, e in sorted(matches, key=lambda x: (x[1], -(x[2] - x[1]))):
        if s >= end:
            best.append((s, e))
            end = e
    return best


def peer_flashtext(pats, docs):
    from flashtext import KeywordProcessor

    t0 = time.perf_counter()
    kp = KeywordProcessor(case_sensitive=True)
    for _, p, i in pats:
        kp.add_keyword(p, i)
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for d in docs:
        n += len(kp.extract_keywords(d, span_info=True))
    return time.perf_counter() - t0, time.process_time() - c0, n, build


def ahocorasick_automaton(pats):
    """The pyahocorasick automaton of the pattern list, and its build time."""
    import ahocorasick

    t0 = time.perf_counter()
    a = ahocorasick.Automaton()
    for _, p, i in pats:
        a.add_word(p, (len(p), i))
    a.make_automaton()
    return a, time.perf_counter() - t0


def peer_pyahocorasick(pats, docs):
    a, build = ahocorasick_automaton(pats)
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for d in docs:
        last = len(d) - 1
        for end, (ln, _) in a.iter_long(d):
            start = end - ln + 1
            # Word boundaries, as opis requires: no letter or digit glued on either side.
            if start > 0 and d[start - 1].isalnum():
                continue
            if end < last and d[end + 1].isalnum():
                continue
            n += 1
    return time.perf_counter() - t0, time.process_time() - c0, n, build


def peer_pyahocorasick_bare(pats, docs):
    a, build = ahocorasick_automaton(pats)
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for d in docs:
        for _ in a.iter_long(d):
            n += 1
    return time.perf_counter() - t0, time.process_time() - c0, n, build


PEERS = {
    "spacy-entityruler": peer_entityruler,
    "spacy-phrasematcher": peer_phrasematcher,
    "flashtext": peer_flashtext,
    "pyahocorasick": peer_pyahocorasick,
    "pyahocorasick-bare": peer_pyahocorasick_bare,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--patterns", required=True)
    ap.add_argument("--peers", default=",".join(PEERS), help="comma-separated subset of: " + ", ".join(PEERS))
    ap.add_argument(
        "--slow-mb",
        type=float,
        default=0,
        help="give the spaCy peers only the first N MB (their rate is flat; 0 = everything)",
    )
    a = ap.parse_args()
    pats = load_patterns(a.patterns)
    with open(a.corpus, encoding="utf-8") as f:
        text = f.read()
    docs = chunks(text)
    del text
    for name in a.peers.split(","):
        name = name.strip()
        if not name:
            continue
        fn = PEERS.get(name)
        if fn is None:
            sys.exit(f"peers.py: unknown peer {name!r}")
        mine = docs
        if a.slow_mb and name.startswith("spacy"):
            limit = int(a.slow_mb * 1_000_000)
            mine, acc = [], 0
            for d in docs:
                if acc >= limit:
                    break
                mine.append(d)
                acc += len(d.encode("utf-8"))
        nbytes = sum(len(d.encode("utf-8")) for d in mine)
        secs, cpu, n, build = fn(pats, mine)
        print(
            json.dumps(
                {
                    "peer": name,
                    "bytes": nbytes,
                    "seconds": round(secs, 3),
                    "mb_per_s": round(nbytes / 1e6 / secs, 2) if secs > 0 else None,
                    "cpu_seconds": round(cpu, 3),
                    "cpu_mb_per_s": round(nbytes / 1e6 / cpu, 2) if cpu > 0 else None,
                    "matches": n,
                    "build_seconds": round(build, 3),
                    "patterns": len(pats),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
