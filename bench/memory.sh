#!/usr/bin/env bash
# Peak memory of `opis extract` on one large file (issue 5: 1 GB single file,
# peak RSS <= 300 MB). Streaming bounds memory by batches, not by the file,
# so the peak should not grow with the file: this prints it for each size.
#
#   bench/memory.sh              # 1000 MB
#   SIZES="200 1000" bench/memory.sh
#   LIMIT_MB=300 (default) — exits 1 if any run peaks above it
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-1000}
LIMIT_MB=${LIMIT_MB:-300}
command -v /usr/bin/time >/dev/null || { echo "memory.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
nice cargo build --release --quiet --bin opis
fail=0
for mb in $SIZES; do
  corpus=bench/corpus/corpus-$mb.txt
  [ -f "$corpus" ] || python3 bench/make_corpus.py --mb "$mb" --out "$corpus"
  tf=$(mktemp)
  nice /usr/bin/time -v -o "$tf" target/release/opis extract --quiet "$corpus" >/dev/null
  rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tf")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$tf")
  rm -f "$tf"
  rss_mb=$((rss_kb / 1024))
  verdict=ok
  if [ "$rss_mb" -gt "$LIMIT_MB" ]; then verdict=OVER; fail=1; fi
  printf '%s MB file: peak RSS %s MB (limit %s MB) %s, wall %s\n' "$mb" "$rss_mb" "$LIMIT_MB" "$verdict" "$wall"
done
exit $fail
