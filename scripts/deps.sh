#!/bin/sh
# deps.sh - install every build and test dependency from Debian's packages.
# Idempotent: checks with dpkg first and calls apt-get only for what is missing.
set -eu

# What each package is for is in README.md ("Dependencies").
PKGS="make gcc g++ clang llvm libclang-rt-14-dev pkg-config
libutf8proc-dev libgumbo-dev libsqlite3-dev libpq-dev libmicrohttpd-dev
libcmocka-dev zlib1g-dev libjansson-dev nettle-dev libxxhash-dev libcld2-dev
postgresql python3 wrk chromium time curl"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node.js and npm build the web UI and drive the browser tests; a machine
# may already have them from elsewhere than Debian.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
# shellcheck disable=SC2086
if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends $missing; } >"$log" 2>&1; then
    tail -20 "$log" >&2
    echo "deps.sh: apt-get failed (full log: $log)" >&2
    exit 1
fi
rm -f "$log"
echo "deps.sh: done"
