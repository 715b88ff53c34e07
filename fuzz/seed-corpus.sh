#!/usr/bin/env bash
# Seeds every fuzz target's corpus from the sample pages: each page whole,
# each paragraph (blank-line separated) and each non-blank line, so libFuzzer
# starts from the collection's grammar instead of from nothing.
set -euo pipefail
cd "$(dirname "$0")"
for t in normalize segment dates extract citations entities; do
  dir="corpus/$t"
  mkdir -p "$dir"
  for page in ../seeds/*.txt; do
    stem=$(basename "$page" .txt)
    cp "$page" "$dir/$stem.page"
    awk -v RS= -v dir="$dir" -v stem="$stem" '{ f = sprintf("%s/%s.para%04d", dir, stem, NR); printf "%s\n", $0 > f; close(f) }' "$page"
    awk -v dir="$dir" -v stem="$stem" 'NF { f = sprintf("%s/%s.line%04d", dir, stem, NR); print > f; close(f) }' "$page"
  done
done
echo "corpus: $(ls corpus/extract | wc -l) files per target"
