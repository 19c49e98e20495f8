#!/bin/sh
# fuzz.sh SECONDS [HARNESS...] - run libFuzzer harnesses from build-fuzz/fuzz
# for SECONDS each, starting from the seed corpus in fuzz/corpus/NAME.
# Crashes are saved in build-fuzz/crashes/ and make this script fail.
set -u
secs=${1:-60}
shift
[ $# -gt 0 ] || set -- $(cd build-fuzz/fuzz && ls fuzz_* 2>/dev/null)
status=0
mkdir -p build-fuzz/crashes
for n in "$@"; do
    corpus=build-fuzz/corpus/$n
    mkdir -p "$corpus"
    [ -d "fuzz/corpus/$n" ] && cp -n fuzz/corpus/"$n"/* "$corpus"/ 2>/dev/null
    echo "fuzz: $n for ${secs}s"
    if ! build-fuzz/fuzz/"$n" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=build-fuzz/crashes/"$n"- -print_final_stats=1 "$corpus" 2>build-fuzz/"$n".log; then
        tail -40 build-fuzz/"$n".log
        status=1
    else
        grep -E 'stat::number_of_executed_units' build-fuzz/"$n".log | sed "s/^/FIGURE $n: /"
    fi
done
exit $status
