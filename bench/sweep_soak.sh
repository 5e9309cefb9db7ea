#!/usr/bin/env bash
# Soak test of resumable sweeps: a long sweep killed with SIGKILL at 20 random moments,
# resumed each time, must end byte-identical to an uninterrupted run (CSV and its provenance
# sidecar). Then the stop latency: SIGINT and SIGTERM sent while a slow point (about 7 s, a
# 11-qubit chain) runs must end the process within one second, exit 3, keep OUT.partial.
# Writes bench/results/sweep_soak.md. Usage: bench/sweep_soak.sh [qbat binary]
set -euo pipefail
cd "$(dirname "$0")/.."
qbat="${1:-target/release/qbat}"
[ -x "$qbat" ] || cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
report=bench/results/sweep_soak.md

# 2 x 61 x 5 = 610 points of a 6-qubit chain, two threads
sweep=(sweep --n 6 --topology chain --series temperature=0.5,2 --vary mu=0:10:61
       --vary dmu=0:4:5 --threads 2)
t0=$(now)
"$qbat" "${sweep[@]}" --out "$work/ref.csv"
t_ref=$(echo "$(now) - $t0" | bc)
echo "uninterrupted: $t_ref s"

kills=()
for k in $(seq 20); do
    # a random moment between 0.05 s and 0.05 + t_ref/25 s after the start (the 20 kills
    # together cover most of the run)
    r=$((RANDOM % 1000))
    delay=$(echo "scale=3; 0.05 + $r * $t_ref / 25000" | bc)
    "$qbat" "${sweep[@]}" --out "$work/soak.csv" --resume 2>/dev/null &
    pid=$!
    sleep "$delay"
    if kill -KILL "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        rows=$(( $(wc -l < "$work/soak.csv.partial") - 2 ))
        kills+=("$k: killed after ${delay} s, $rows rows in the partial file")
    else
        wait "$pid" || true
        kills+=("$k: finished before the kill at ${delay} s")
    fi
    echo "${kills[-1]}"
done
"$qbat" "${sweep[@]}" --out "$work/soak.csv" --resume 2>/dev/null
cmp "$work/soak.csv" "$work/ref.csv"
cmp "$work/soak.csv.meta.json" "$work/ref.csv.meta.json"
echo "after 20 SIGKILLs and resumes: byte-identical"

# stop latency while a slow point runs
slow=(sweep --n 11 --topology chain --vary mu=0:4:5 --serial)
latency=()
for sig in INT TERM; do
    rm -f "$work/slow.csv.partial"
    "$qbat" "${slow[@]}" --out "$work/slow.csv" 2>"$work/slow.err" &
    pid=$!
    sleep 2
    t0=$(now)
    kill "-$sig" "$pid"
    rc=0
    wait "$pid" || rc=$?
    dt=$(echo "$(now) - $t0" | bc)
    latency+=("SIG$sig during a point: exit $rc after $dt s; stderr: $(cat "$work/slow.err")")
    echo "${latency[-1]}"
    [ "$rc" -eq 3 ] && [ -f "$work/slow.csv.partial" ]
done

{
    echo "# Sweep soak test and stop latency"
    echo
    echo "Measured by \`bench/sweep_soak.sh $qbat\` on $(date -u +%Y-%m-%d) ($(nproc) cores)."
    echo
    echo "## 20 SIGKILLs at random moments, resumed each time"
    echo
    echo "Sweep: \`qbat ${sweep[*]}\` (610 points); uninterrupted run ${t_ref} s."
    echo
    for line in "${kills[@]}"; do echo "- $line"; done
    echo
    echo "Final file and its provenance sidecar: byte-identical to the uninterrupted run (cmp)."
    echo
    echo "## Stop latency (SIGINT, SIGTERM) while a point of about 7 s runs"
    echo
    echo "Sweep: \`qbat ${slow[*]} --out slow.csv\`, signal sent 2 s after the start."
    echo
    for line in "${latency[@]}"; do echo "- $line"; done
} > "$report"
echo "wrote $report"
