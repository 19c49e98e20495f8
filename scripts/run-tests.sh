#!/bin/sh
# run-tests.sh - the whole test suite, as `make test` runs it.
#
#   scripts/run-tests.sh              unit, CLI, ASan+UBSan, fuzz, evaluations
#   scripts/run-tests.sh --quick      unit and CLI tests of $BUILD only
#   scripts/run-tests.sh --unit-only  unit tests of $BUILD only
#
# Each check passes, fails or skips (exit 77, saying why).  The last line is
# "N passed, N failed".  Evaluations that need ../shared skip when it is absent.
set -u
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
FUZZ_SECONDS=${FUZZ_SECONDS:-8}
MODE=${1:-all}
passed=0 failed=0 skipped=0
failures=""
logdir=$(mktemp -d)
pgdir=""
trap '[ -n "$pgdir" ] && scripts/pg-test-server stop "$pgdir"; rm -rf "$logdir"' EXIT

# PostgreSQL for the store suite's second backend, one server for the run
# (tests skip, saying why, when it cannot start; $NEWSGRAPH_PG_URL: use that).
if [ -z "${NEWSGRAPH_PG_URL:-}" ] && [ "$MODE" != --unit-only ]; then
    if url=$(scripts/pg-test-server start "$logdir/pg" 2>&1); then
        pgdir="$logdir/pg"
        NEWSGRAPH_PG_URL=$(echo "$url" | tail -1)
        export NEWSGRAPH_PG_URL
    else
        echo "PostgreSQL tests will skip: $(echo "$url" | tail -1)"
    fi
fi

section() { printf '\n== %s\n' "$1"; }

# note NAME STATUS [DETAIL]
note() {
    case $2 in
    pass) passed=$((passed + 1)); printf '  ok    %s\n' "$1" ;;
    skip) skipped=$((skipped + 1)); printf '  skip  %s: %s\n' "$1" "$3" ;;
    *) failed=$((failed + 1)); failures="$failures $1"; printf '  FAIL  %s\n' "$1" ;;
    esac
}

# A cmocka binary: count its individual tests.
run_unit() {
    name=$(basename "$1")
    log="$logdir/$name.log"
    "$1" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    p=${p:-0} f=${f:-0}
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1 # crashed before its summary
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        failures="$failures $name"
        printf '  FAIL  %s (%s passed, %s failed)\n' "$name" "$p" "$f"
        sed 's/^/        /' "$log" | grep -v '^\s*\[ \(RUN\|      OK\) ' | tail -40
    else
        printf '  ok    %s (%s tests)\n' "$name" "$p"
    fi
}

# A script check: exit 0 pass, 77 skip (last line of output says why), else fail.
run_script() {
    name=$1
    shift
    log="$logdir/$(echo "$name" | tr '/ ' '__').log"
    "$@" >"$log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        note "$name" pass
        grep '^FIGURE' "$log" | sed 's/^FIGURE/        /'
    elif [ $rc -eq 77 ]; then
        note "$name" skip "$(tail -1 "$log")"
    else
        note "$name" fail
        tail -30 "$log" | sed 's/^/        /'
    fi
}

unit_tests() {
    section "unit tests ($BUILD)"
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] && run_unit "$t"
    done
}

cli_tests() {
    section "command-line and golden-file tests ($BUILD)"
    for t in tests/cli/*.sh; do
        [ -f "$t" ] && run_script "$(basename "$t" .sh)" env NG="$BUILD/newsgraph" BUILD="$BUILD" SHARED="$SHARED" sh "$t"
    done
}

asan_tests() {
    section "AddressSanitizer + UndefinedBehaviorSanitizer build"
    if ! make --no-print-directory asan-build >"$logdir/asan-build.log" 2>&1; then
        note "asan-build" fail
        tail -30 "$logdir/asan-build.log"
        return
    fi
    saved=$BUILD
    BUILD=build-asan
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    unit_tests
    cli_tests
    BUILD=$saved
}

fuzz_tests() {
    section "fuzzing (${FUZZ_SECONDS}s per harness)"
    if ! make --no-print-directory fuzz-build >"$logdir/fuzz-build.log" 2>&1; then
        note "fuzz-build" fail
        tail -30 "$logdir/fuzz-build.log"
        return
    fi
    for h in build-fuzz/fuzz/fuzz_*; do
        [ -x "$h" ] || continue
        n=$(basename "$h")
        run_script "$n" scripts/fuzz.sh "$FUZZ_SECONDS" "$n"
    done
}

eval_tests() {
    section "evaluations on ../shared data"
    for t in tests/eval/*.sh; do
        [ -f "$t" ] && run_script "$(basename "$t" .sh)" env NG="$BUILD/newsgraph" SHARED="$SHARED" sh "$t"
    done
}

t0=$(date +%s)
case $MODE in
--unit-only) unit_tests ;;
--quick) unit_tests; cli_tests ;;
*) unit_tests; cli_tests; eval_tests; asan_tests; fuzz_tests ;;
esac
printf '\n%s seconds; %s skipped%s\n' "$(($(date +%s) - t0))" "$skipped" "${failures:+; failed:$failures}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
