#!/usr/bin/env bash
# Score the built CLI on the seed fixtures (.txt and .docx) against the gold ledgers in ../shared/eval.
# usage: scripts/score-seeds.sh [--show N]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${LEDGER_SHARED:-../shared}
[ -f "$shared/eval/score.py" ] || { echo "score-seeds: $shared/eval not found" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ext in txt docx; do
  mkdir -p "$out/$ext"
  node -e 'for (const [k, v] of Object.entries(require("./fixtures/seeds.json"))) console.log(k, v)' |
    while read -r name stem; do
      f="fixtures/$name.$ext"
      [ -f "$f" ] && node bin/ledger.js parse "$f" >"$out/$ext/$stem.json" 2>/dev/null || true
    done
  echo "== .$ext fixtures"
  python3 "$shared/eval/score.py" --dir "$shared/eval/gold" "$out/$ext" "$@"
done
