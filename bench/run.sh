#!/bin/sh
# bench/run.sh - every benchmark, as `make bench` runs it.  Figures go to
# stdout, one block per benchmark; each states tokens/s per core, the ratio
# against a peer run in the same command where there is one, and peak RSS.
#   bench/run.sh            all benchmarks
#   bench/run.sh 20-tag     only those whose file name starts with the argument
# Corpora are assembled from ../shared/data (see bench/corpus.sh); a
# benchmark that needs them says so and is skipped when they are absent.
set -u
cd "$(dirname "$0")/.."
export NG=${NG:-build/newsgraph} SHARED=${SHARED:-../shared} BENCH_DIR=${BENCH_DIR:-build/bench}
mkdir -p "$BENCH_DIR"
echo "newsgraph $($NG --version | cut -d' ' -f2) on $(uname -m), $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
for b in bench/[0-9][0-9]-*.sh; do
    [ -f "$b" ] || continue
    name=$(basename "$b" .sh)
    [ $# -gt 0 ] && case $name in "$1"*) ;; *) continue ;; esac
    printf '\n== %s\n' "$name"
    sh "$b" || echo "  (benchmark $name failed)"
done
