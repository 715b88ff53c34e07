#!/usr/bin/env python3
"""Builds a deterministic N-MB benchmark corpus from the seed pages.

The corpus is the seed pages repeated, whole, in a shuffled but fixed order
(a tiny LCG with a fixed seed: the same arguments always give the same bytes,
on any machine and Python version). Every document heading ("No. 192") gets
a new number from one running counter, so the documents of the corpus are
distinct records and the output of `opis extract` over it is reproducible
(the i-th document of the corpus is always "No. i").

Pages are never cut: the corpus ends with the first page that reaches the
requested size, so it is at most one page (< 70 kB) larger than asked.

    python3 bench/make_corpus.py --mb 200 --out bench/corpus/corpus-200.txt
    python3 bench/make_corpus.py --mb 50 --dir bench/corpus/pages-50   # one file per page
"""

import argparse
import os
import re
import sys

# A document heading is a line that is "No." and a number and nothing else
# (the grammar of the collection's pages; the segmenter cuts documents there).
HEADING = re.compile(rb"^(No\.[ \t]*)(\d+)([ \t]*\r?)$", re.M)

MB = 1_000_000


class Lcg:
    """Numerical Recipes LCG: fixed, portable, good enough to vary page order."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self, n):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) % n


def load_seeds(seed_dir):
    names = sorted(n for n in os.listdir(seed_dir) if n.endswith(".txt"))
    if not names:
        sys.exit(f"make_corpus: no *.txt pages in {seed_dir}")
    pages = []
    for n in names:
        with open(os.path.join(seed_dir, n), "rb") as f:
            data = f.read()
        if not data.endswith(b"\n"):
            data += b"\n"
        pages.append(data)
    return pages


def pages(seeds, target, seed):
    """Yields renumbered pages until `target` bytes have been produced."""
    rng = Lcg(seed)
    counter = [0]

    def renumber(m):
        counter[0] += 1
        return m.group(1) + str(counter[0]).encode() + m.group(3)

    produced = 0
    while produced < target:
        # One round: every seed page once, in a shuffled order (Fisher-Yates).
        order = list(range(len(seeds)))
        for i in range(len(order) - 1, 0, -1):
            j = rng.next(i + 1)
            order[i], order[j] = order[j], order[i]
        for k in order:
            page = HEADING.sub(renumber, seeds[k])
            produced += len(page)
            yield page
            if produced >= target:
                return


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, required=True, help="size in MB (10^6 bytes)")
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", help="write one file")
    out.add_argument("--dir", help="write one file per page into this directory")
    ap.add_argument("--seeds", default=os.path.join(here, "..", "seeds"), help="seed page directory")
    ap.add_argument("--seed", type=int, default=1925, help="page-order seed (default 1925)")
    a = ap.parse_args()
    seeds = load_seeds(a.seeds)
    target = int(a.mb * MB)
    total = 0
    n = 0
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        tmp = a.out + ".tmp"
        with open(tmp, "wb") as f:
            for p in pages(seeds, target, a.seed):
                f.write(p)
                total += len(p)
                n += 1
        os.replace(tmp, a.out)
        where = a.out
    else:
        os.makedirs(a.dir, exist_ok=True)
        for p in pages(seeds, target, a.seed):
            with open(os.path.join(a.dir, f"{n:07d}.txt"), "wb") as f:
                f.write(p)
            total += len(p)
            n += 1
        where = a.dir
    print(f"make_corpus: {where}: {n} pages, {total} bytes ({total / MB:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
