#!/usr/bin/env bash
# Reruns the table of issue 14 (performance, second round) and prints it as Markdown.
#
#   bench/perf2.sh [QBAT] [OUTDIR]        QBAT defaults to target/release/qbat
#   JOBS="evolve sweep star13 chain13" bench/perf2.sh     a subset (n14 is opt-in: 16 GB)
#
# Every job runs under /usr/bin/time -v, one after another (nothing concurrent). Reported:
# wall seconds, CPU seconds (user + sys, a fairer figure on a shared machine) and peak RSS.
# The outputs (JSON / CSV) are kept in OUTDIR for comparison (bench/perf2_compare.py).
# The general model is compare_qutip.py's: mu_0 = 0, mu_i = 1.5 + 2.5 (i - 1)/(N - 2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QBAT=${1:-$ROOT/target/release/qbat}
OUT=${2:-$(mktemp -d /tmp/perf2.XXXXXX)}
JOBS=${JOBS:-"evolve sweep star13 chain13"}
mkdir -p "$OUT"

general_mu() {  # N -> comma-separated mu list
  python3 -c "import sys; n=int(sys.argv[1]); print(','.join(['0']+[repr(1.5+2.5*(i-1)/(n-2)) for i in range(1,n)]))" "$1"
}

run() {  # name, command...
  local name=$1; shift
  local rc=0
  /usr/bin/time -v -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$OUT/$name.time")
  user=$(awk -F': ' '/User time/{print $2}' "$OUT/$name.time")
  sys=$(awk -F': ' '/System time/{print $2}' "$OUT/$name.time")
  rss=$(awk -F': ' '/Maximum resident/{print $2}' "$OUT/$name.time")
  python3 - "$name" "$wall" "$user" "$sys" "$rss" "$rc" "$*" <<'PY'
import sys
name, wall, user, sys_, rss, rc, cmd = sys.argv[1:]
parts = [float(p) for p in wall.split(":")]
secs = 0.0
for p in parts:
    secs = secs * 60 + p
cmd = cmd.split("/")[-1] if cmd.startswith("/") else cmd
print(f"| {name} | {secs:.1f} | {float(user) + float(sys_):.1f} | {int(rss) / 1e6:.2f} | {rc} |", flush=True)
PY
}

echo "qbat: $QBAT ($(date -u +%FT%TZ), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "outputs: $OUT"
echo
echo "| job | wall s | CPU s (user+sys) | peak RSS GB | exit |"
echo "|---|---|---|---|---|"
for job in $JOBS; do
  case $job in
    evolve) run evolve "$QBAT" evolve --n 1001 --mu 0 --dmu 4 --times 0:50:101 --json --out "$OUT/evolve.csv" ;;
    sweep) run sweep "$QBAT" sweep --n 1001 --dmu 4 --vary mu=0:2:101 --serial --out "$OUT/sweep.csv" ;;
    sweep-par) run sweep-par "$QBAT" sweep --n 1001 --dmu 4 --vary mu=0:2:101 --out "$OUT/sweep-par.csv" ;;
    star13) run star13 "$QBAT" steady --n 13 --mu "$(general_mu 13)" --dmu 0 --json ;;
    chain13) run chain13 "$QBAT" steady --n 13 --topology chain --mu "$(general_mu 13)" --dmu 0 --json ;;
    n14) run n14 prlimit --as=22000000000 "$QBAT" steady --n 14 --mu "$(general_mu 14)" --dmu 0 --json ;;
    *) echo "unknown job $job" >&2; exit 2 ;;
  esac
done
