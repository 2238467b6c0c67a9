#!/usr/bin/env bash
# Builds the fuzz targets in Fuzz/ (libFuzzer + AddressSanitizer, release) and
# runs each for a bounded time on a copy of its seed corpus.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 300        # 300 s per target
#   scripts/fuzz.sh 60 FuzzXML # one target
#
# Targets: FuzzXML (AWS query answers -> AWSXMLNode), FuzzCLI (shell/Markdown
# text -> AWS CLI parser and the file reader), FuzzSecrets (SecretDetector
# classify + redaction invariants), FuzzJSON (the JSON syntax locator that
# places snapshot and price-table errors, against Foundation's parser),
# FuzzSnapshot (the hand-written snapshot reader against JSONDecoder),
# FuzzReport (JSON reports read back: fast parse against the parse with
# lines, the tree reader against JSONDecoder, errors' file and line; inputs
# are raw bytes or edits of Fuzz/corpus/report-base.json value by value).
# Seeds: Fuzz/corpus/{xml,cli,secrets,json,snapshot,report}; a Fuzz/corpus/<seeds>.dict
# beside them is passed as libFuzzer's -dict (tokens worth splicing in).
# New inputs go to Fuzz/work/<target>/ (git-ignored); a crash is written to
# Fuzz/crashes/<target>/ and the script exits 1 after running every target.
# Figures (runs, exec/s) are printed per target. Exit 2 when the toolchain
# cannot build with -sanitize=fuzzer.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzXML FuzzCLI FuzzSecrets FuzzJSON FuzzSnapshot FuzzReport)
log() { printf 'fuzz.sh: %s\n' "$*" >&2; }

# SwiftPM keeps its build plan for the path dependency (the main package)
# until a manifest changes, so a source file added there since the last fuzz
# build is missing from it ("cannot find 'X' in scope"). Drop the plan when
# the main package's file list (Swift and C) has changed.
listing="$(find Sources -name '*.swift' -o -name '*.c' -o -name '*.h' | LC_ALL=C sort | sha256sum | cut -d' ' -f1)"
stamp="Fuzz/.build/hydrous-sources.sha256"
if [ -d Fuzz/.build ] && [ "$(cat "$stamp" 2>/dev/null)" != "$listing" ]; then
    find Fuzz/.build -maxdepth 3 -name description.json -path '*/release/*' -delete
fi

log "building ${targets[*]} (release, -sanitize=fuzzer,address)"
if ! swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -Ev "Cannot export local symbol" | tail -n 5; then
    log "build failed"; exit 2
fi
printf '%s\n' "$listing" >"$stamp"
bin="$(swift build -c release --package-path Fuzz --show-bin-path)"

corpus_of() {
    case "$1" in
        FuzzXML) echo xml ;; FuzzCLI) echo cli ;; FuzzSecrets) echo secrets ;; FuzzJSON) echo json ;;
        FuzzSnapshot) echo snapshot ;; FuzzReport) echo report ;; *) echo "$1" ;;
    esac
}

status=0
for target in "${targets[@]}"; do
    [ -x "$bin/$target" ] || { log "no $bin/$target"; status=2; continue; }
    work="Fuzz/work/$target"; crashes="Fuzz/crashes/$target"
    mkdir -p "$work" "$crashes"
    out="$(mktemp)"
    dict=(); [ -f "Fuzz/corpus/$(corpus_of "$target").dict" ] && dict=(-dict="Fuzz/corpus/$(corpus_of "$target").dict")
    log "running $target for ${seconds}s"
    # SWIFT_BACKTRACE off: libFuzzer/ASan report crashes; Swift's backtracer would hang on them.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "${dict[@]}" "$work" "Fuzz/corpus/$(corpus_of "$target")" >"$out" 2>&1
    rc=$?
    runs="$(grep -E '^stat::number_of_executed_units' "$out" | awk '{print $2}')"
    speed="$(grep -E '^stat::average_exec_per_sec' "$out" | awk '{print $2}')"
    cov="$(grep -E '#[0-9]+.*(DONE|pulse)' "$out" | tail -n 1 | sed -E 's/.*cov: ([0-9]+).*/\1/')"
    printf '%-12s runs=%s exec/s=%s cov=%s exit=%s\n' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "$rc"
    if [ "$rc" -ne 0 ]; then
        status=1
        log "$target found a problem (exit $rc); last lines:"
        tail -n 40 "$out" >&2
        ls -1 "$crashes" >&2
    fi
    rm -f "$out"
done
exit "$status"
