#!/usr/bin/env bash
# opis against its peers, side by side, on one corpus with one pattern list.
#
#   bench/peers.sh                      # 200 MB corpus, every peer
#   MB=50 bench/peers.sh                # smaller corpus
#   SLOW_MB=50 bench/peers.sh           # spaCy peers on the first 50 MB only (their rate is flat)
#   PEERS=flashtext,pyahocorasick bench/peers.sh
#   SKIP_PEERS=1 bench/peers.sh         # opis only (no Python venv)
#   PATTERNS_FROM=FILE bench/peers.sh   # use a pattern list exported elsewhere (JSON Lines)
#   SCAN_BIN=BIN bench/peers.sh         # another build's binary for `BIN scan --gazetteer gazetteers CORPUS`
#
# What runs (all on the same bytes, case-sensitive, same patterns):
#   spaCy EntityRuler (phrase patterns, spacy.blank("en")), spaCy PhraseMatcher,
#   flashtext, pyahocorasick (leftmost-longest + word-boundary check, and bare
#   leftmost-longest, the ×2 target's reference)  — bench/peers.py,
#     matching only (build and file reading not timed);
#   opis bare Aho-Corasick scan, one thread — `opis scan`, scanning only (every
#     byte, unanchored, as the peers do), and the word-start walk of the same
#     automaton that `opis extract` matches with;
#   opis extract, release build, all cores and one thread, output to /dev/null —
#     end to end, wall clock, with peak RSS.
# Prints MB/s for each, the ratios the issue sets as targets, and writes all
# numbers to bench/corpus/results-<MB>.jsonl.
#
# The Python peers live in their own venv, bench/.venv (gitignored), built on
# first use from bench/requirements-peers.txt. Heavy work runs under `nice`.
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${MB:-200}
SLOW_MB=${SLOW_MB:-0}
PEERS=${PEERS:-spacy-entityruler,spacy-phrasematcher,flashtext,pyahocorasick,pyahocorasick-bare}
SKIP_PEERS=${SKIP_PEERS:-0}
CORPUS=${CORPUS:-bench/corpus/corpus-$MB.txt}
PATTERNS=bench/corpus/patterns.jsonl
RESULTS=bench/corpus/results-$MB.jsonl
VENV=bench/.venv
NICE="nice -n 10"
CORES=$(nproc)

say() { printf '%s\n' "$*" >&2; }

mkdir -p bench/corpus
[ -f "$CORPUS" ] || python3 bench/make_corpus.py --mb "$MB" --out "$CORPUS"
BYTES=$(stat -c %s "$CORPUS")

say "== building opis (release)"
$NICE cargo build --release --quiet --bin opis
OPIS=target/release/opis

# The pattern list: opis's own export when the CLI has it, else the interim
# TSV exporter (a subset: no transliteration/case forms, no collision filter).
if [ -n "${PATTERNS_FROM:-}" ]; then
  cp "$PATTERNS_FROM" "$PATTERNS"
  PATTERN_SOURCE="$PATTERNS_FROM"
elif $OPIS gazetteer export --help >/dev/null 2>&1; then
  $OPIS gazetteer export --format jsonl >"$PATTERNS"
  PATTERN_SOURCE="opis gazetteer export"
else
  python3 bench/export_patterns.py >"$PATTERNS"
  PATTERN_SOURCE="bench/export_patterns.py (interim: TSV forms only)"
fi
say "== patterns: $(wc -l <"$PATTERNS") lines from $PATTERN_SOURCE"

: >"$RESULTS"
record() { printf '%s\n' "$1" | tee -a "$RESULTS"; }

# opis bare scan and word-start walk: one thread, matching only.
say "== opis bare Aho-Corasick scan and word-start walk (1 thread)"
if [ -n "${SCAN_BIN:-}" ]; then
  record "$($NICE "$SCAN_BIN" scan --gazetteer gazetteers "$CORPUS")"
else
  record "$($NICE $OPIS scan "$CORPUS")"
fi

# opis extract end to end: wall clock, CPU time and peak RSS from GNU time;
# best (lowest wall clock) of $REPEAT runs, as the other side of a shared
# machine's noise.
REPEAT=${REPEAT:-2}
extract() { # $1 = threads
  local tf best="" line
  tf=$(mktemp)
  for _ in $(seq "$REPEAT"); do
    $NICE /usr/bin/time -f '%e %U %S %M' -o "$tf" $OPIS extract --quiet --threads "$1" --summary "$tf.sum" \
      "$CORPUS" >/dev/null
    line=$(cat "$tf")
    if [ -z "$best" ] || python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)' \
      "${line%% *}" "${best%% *}"; then
      best=$line
    fi
  done
  record "$(python3 -c 'import json,sys
b,t=int(sys.argv[1]),int(sys.argv[2])
s,u,sy,r=sys.argv[3].split()
s,cpu=float(s),float(u)+float(sy)
sm=json.load(open(sys.argv[4]))
print(json.dumps({"peer":"opis-extract-%dt"%t,"bytes":b,"seconds":s,"mb_per_s":round(b/1e6/s,2) if s>0 else None,
  "cpu_seconds":round(cpu,2),"cpu_mb_per_s":round(b/1e6/cpu,2) if cpu>0 else None,"threads":t,"peak_rss_mb":round(int(r)/1024,1),
  "documents":sm.get("documents"),"entities":sm.get("entities"),"citations":sm.get("citations")}))' \
    "$BYTES" "$1" "$best" "$tf.sum")"
  rm -f "$tf" "$tf.sum"
}
say "== opis extract, all $CORES cores"
extract "$CORES"
say "== opis extract, 1 thread"
extract 1

if [ "$SKIP_PEERS" != 1 ]; then
  if [ ! -f "$VENV/.installed" ] || ! cmp -s bench/requirements-peers.txt "$VENV/.installed"; then
    say "== installing the Python peers into $VENV"
    python3 -m venv "$VENV"
    $NICE "$VENV/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements-peers.txt
    cp bench/requirements-peers.txt "$VENV/.installed"
  fi
  say "== Python peers: $PEERS"
  $NICE "$VENV/bin/python" bench/peers.py --corpus "$CORPUS" --patterns "$PATTERNS" --peers "$PEERS" \
    --slow-mb "$SLOW_MB" | tee -a "$RESULTS"
fi

python3 bench/summary.py "$RESULTS" --machine "$CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
  --patterns "$PATTERN_SOURCE"
