#!/usr/bin/env bash
# Cold build and test times of a fresh clone, as a new user meets them.
#
#   bench/build_times.sh [REV]     (default HEAD; run from the repository)
#
# Clones REV into an empty temporary folder (no sibling `shared/`, no target directory), then
# times, each from cold (its own empty target directory, crates already downloaded):
#   1. `cargo build --release`
#   2. `cargo test --workspace` (build and run: the README's test command)
# and prints wall, user and system seconds and peak memory for each. The machine should be
# otherwise idle for the wall times to mean anything; the CPU seconds hold under load too.
# Results go in bench/results/build_times.md by hand, with the date and machine.
set -euo pipefail
rev=${1:-HEAD}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/qbat"
cd "$work/qbat"
git checkout -q "$rev"
cargo fetch -q
echo "revision $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
measure() {
    local name=$1; shift
    local target="$work/target-$name"
    /usr/bin/time -f "$name: %e s wall, %U s user, %S s system, %M KB peak" \
        env CARGO_TARGET_DIR="$target" "$@" >"$work/$name.log" 2>&1 \
        || { tail -n 30 "$work/$name.log"; echo "$name failed" >&2; exit 1; }
    tail -n 1 "$work/$name.log"
    grep -E "^test result" "$work/$name.log" | sed "s/^/  $name: /" || true
}
measure release cargo build --release
measure test cargo test --workspace
