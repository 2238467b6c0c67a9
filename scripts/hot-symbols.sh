#!/usr/bin/env bash
# Regenerates scripts/hot-symbols.txt, the symbol ordering file that
# scripts/build-release.sh hands to lld. callgrind (valgrind) records every
# function the release binary runs for `check` on the guide and `run --snapshot`
# on the guide's snapshot and on 1,000 services in every format; lld then lays
# those functions out together at the start of the text, so a 1,000-service run
# maps 8 MiB of the ~20 MB text instead of 12.6 MiB: ~5 MB less peak RSS
# (docs/benchmarks.md).
# Run it after changes that rename or add hot functions; a stale file only
# orders less (names missing from the build are skipped), it never breaks one.
#
#   scripts/hot-symbols.sh                                   # builds, then profiles
#   BENCH_SKIP_BUILD=1 BENCH_SCRATCH=.build-static scripts/hot-symbols.sh
#
# Needs valgrind and binutils' strip, like scripts/bench-instructions.sh.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
command -v valgrind >/dev/null || { echo "hot-symbols.sh: valgrind is missing: apt-get install valgrind" >&2; exit 2; }
scratch="${BENCH_SCRATCH:-.build-static}"
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    BUILD_SCRATCH="$scratch" scripts/build-release.sh >/dev/null
fi
bin="$scratch/release/hydrous-audit"
[[ -x "$bin" ]] || { echo "hot-symbols.sh: no release binary at $bin" >&2; exit 2; }
guide="${BENCH_GUIDE:-../shared/guide/aws-deployment-guide.md}"
[[ -f "$guide" ]] || { echo "hot-symbols.sh: no deployment guide at $guide (set BENCH_GUIDE)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/bench-snapshot.py --services 1000 "$work/snapshot.json" >/dev/null
# valgrind 3.19 cannot read the toolchain's DWARF 5: profile a copy without it.
strip -g -o "$work/hydrous-audit" "$bin"
profile() { # name, arguments...
    local name="$1"; shift
    HYDROUS_AUDIT_HOME="$repo" valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$name.out" \
        "$work/hydrous-audit" "$@" >/dev/null 2>"$work/$name.txt" || true
    [[ -s "$work/$name.out" ]] || { echo "hot-symbols.sh: callgrind wrote nothing for $name:" >&2; cat "$work/$name.txt" >&2; exit 1; }
}
profile check check "$guide"
profile guide run --snapshot examples/guide/snapshot.json
for format in markdown json sarif text; do
    profile "$format" run --snapshot "$work/snapshot.json" --format "$format"
done
scripts/hot-symbols.py hydrous-audit scripts/hot-symbols.txt "$work"/*.out
