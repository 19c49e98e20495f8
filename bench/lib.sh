# bench/lib.sh - helpers the benchmarks share (sourced, not run).

# need_shared: exit the benchmark with a note when ../shared/data is absent.
need_shared() {
    [ -d "$SHARED/data" ] || { echo "  skipped: needs $SHARED/data"; exit 0; }
}

# measure OUTFILE CMD...: run CMD pinned to one core; sets SECS and RSS_MB.
measure() {
    out=$1
    shift
    tf=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$tf" taskset -c 0 "$@" >"$out" 2>/dev/null
    SECS=$(cut -d' ' -f1 "$tf")
    RSS_MB=$(awk '{printf "%.1f", $2 / 1024}' "$tf")
    rm -f "$tf"
}

# rate N SECS: N/SECS as an integer.
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }'; }

# ratio A B: A/B with one decimal.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
