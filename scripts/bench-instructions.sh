#!/usr/bin/env bash
# Instructions executed by `run --snapshot` on a generated snapshot, counted by
# callgrind (valgrind): unlike wall time on a shared machine, the count barely
# moves from run to run (±0.03%), so it shows what a change to the code saves.
# Not a test: it prints figures (docs/benchmarks.md records them).
#
#   scripts/bench-instructions.sh                     # 1,000 services, Markdown
#   BENCH_SERVICES=100 BENCH_FORMAT=json scripts/bench-instructions.sh
#   BENCH_SKIP_BUILD=1 BENCH_SCRATCH=.build-static scripts/bench-instructions.sh
#
# Needs valgrind (apt-get install valgrind) and binutils' strip: valgrind 3.19
# cannot read the DWARF 5 the toolchain writes, so a copy without debug
# information is profiled. The count includes both cores' threads.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
command -v valgrind >/dev/null || { echo "bench-instructions.sh: valgrind is missing: apt-get install valgrind" >&2; exit 2; }
services="${BENCH_SERVICES:-1000}"; format="${BENCH_FORMAT:-markdown}"
scratch="${BENCH_SCRATCH:-.build-static}"
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    BUILD_SCRATCH="$scratch" scripts/build-release.sh >/dev/null
fi
bin="$scratch/release/hydrous-audit"
[[ -x "$bin" ]] || { echo "bench-instructions.sh: no release binary at $bin" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/bench-snapshot.py --services "$services" "$work/snapshot.json" >/dev/null
strip -g -o "$work/hydrous-audit" "$bin"
HYDROUS_AUDIT_HOME="$repo" valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
    "$work/hydrous-audit" run --snapshot "$work/snapshot.json" --format "$format" >/dev/null 2>"$work/valgrind.txt" || true
total="$(awk '/I +refs:/ {print $NF}' "$work/valgrind.txt")"
[[ -n "$total" ]] || { cat "$work/valgrind.txt" >&2; exit 1; }
echo "run --snapshot ($services services, $format): $total instructions"
echo "largest inclusive costs in the tool's own code:"
callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null \
    | grep -E '\$s(5Rules|9Inventory|7Pricing|12HydrousAudit)' | grep -vE 'Parallel|ParallelText|StderrLogger|TA \[|TATm \[' \
    | head -n "${BENCH_TOP:-15}" | sed -E 's/ \[[^]]*\]$//' | cut -c1-160
