#!/usr/bin/env bash
# Whole-process benchmark: builds a JSONL corpus of SIZE megabytes from the
# bundled samples (deterministic), then times `claimex extract` on it with one
# thread and with every core, reporting MB/s, articles/s and peak resident
# memory, and one all-matches ripgrep pass over the same file as the scan floor
# (when `rg` is installed).
#
#   benches/run.sh          # 100 MB
#   benches/run.sh 1000     # 1 GB
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-100}"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/claimex-bench}"
mkdir -p "$dir"
corpus="$dir/corpus-$size.jsonl"

cargo build --release --quiet --bin claimex --example make_corpus
[ -f "$corpus" ] || target/release/examples/make_corpus "$size" "$corpus"
bytes=$(stat -c %s "$corpus")
articles=$(wc -l < "$corpus")
cores=$(nproc)
echo "corpus: $corpus, $bytes bytes, $articles articles; machine: $cores cores, $(uname -m)"

run() { # label, command...
    local label="$1"; shift
    local log="$dir/time.log"
    /usr/bin/time -v "$@" > /dev/null 2> "$log"
    local secs rss
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    awk -v l="$label" -v s="$secs" -v b="$bytes" -v a="$articles" -v r="$rss" \
        'BEGIN {printf "%-28s %7.2f s %8.2f MB/s %9.0f articles/s %7.0f MB peak\n", l, s, b/1e6/s, a/s, r/1024}'
}

start=$(date +%s.%N); target/release/claimex rules check > /dev/null; end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN {printf "%-28s %7.2f s (whole process)\n", "compile the default rules", e-s}'
run "extract --jobs 1" target/release/claimex extract "$corpus" --jobs 1
run "extract --jobs $cores" target/release/claimex extract "$corpus" --jobs "$cores"
run "compare --jobs $cores" target/release/claimex compare "$corpus" --jobs "$cores"
if command -v rg > /dev/null; then
    run "rg -o (scan floor)" rg -o --no-filename '[0-9][0-9,.]*|[A-Z][a-z]+day' "$corpus"
else
    echo "rg not installed: no scan floor (cargo install ripgrep)"
fi
