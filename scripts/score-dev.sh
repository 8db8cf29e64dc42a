#!/usr/bin/env bash
# Scores extraction (and clustering, when the cluster verb exists) on the shared dev set.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
bin/claimwatch extract --input ../shared/eval/dev.jsonl --output "$tmp/pred.jsonl" 2>/dev/null
args=()
if bin/claimwatch cluster --input ../shared/eval/dev.jsonl --output "$tmp/clusters.jsonl" 2>/dev/null; then args=(--clusters "$tmp/clusters.jsonl"); fi
node ../shared/eval/score.mjs ../shared/eval/dev.jsonl "$tmp/pred.jsonl" "${args[@]}" "$@"
rm -rf "$tmp"
