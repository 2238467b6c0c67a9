#!/usr/bin/env bash
# The speed benchmark (not a test: it prints figures; docs/benchmarks.md records them).
#
#   scripts/bench.sh            # release build, private moto, 10 clusters x 20 services
#   BENCH_SKIP_BUILD=1 scripts/bench.sh
#   BENCH_LINK=dynamic scripts/bench.sh   # the Swift runtime as shared libraries (plain `swift build -c release`)
#   BENCH_PARTS=c scripts/bench.sh   # only part (c); BENCH_TIMEOUT=120 bounds each timed command
#   BENCH_PAIRS=5 BENCH_PARTS=b scripts/bench.sh   # part (b) over 5 concurrent/one-by-one pairs (default 3)
#
# (a) API calls per service for a 10 x 20 deployment against the minimum the
#     batch and page limits allow (scripts/bench-calls.py prints the formula);
# (b) wall time of `run` through scripts/fault-proxy.py adding 50 ms a call:
#     concurrent (default) vs --max-in-flight 1 (after one untimed warm-up
#     run, in alternating pairs, the median pair's ratio) vs the critical path,
#     and from the proxy's timeline the ECS task-definition bucket's floor;
# (c) wall time and peak RSS (/usr/bin/time -v) of `check` on the guide and of
#     `run --snapshot` on generated snapshots up to 1,000 services: in the
#     default format (Markdown) at every size, in all four at the largest;
#     then `diff` of two reports and `run --compare` at the largest size.
# Starts its own moto (private MOTO_STATE_DIR) and proxy, stops both at exit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
clusters="${BENCH_CLUSTERS:-10}"; services="${BENCH_SERVICES:-20}"; latency_ms="${BENCH_LATENCY_MS:-50}"
guide="${BENCH_GUIDE:-/work/shared/guide/aws-deployment-guide.md}"
[[ -f "$guide" ]] || guide="../shared/guide/aws-deployment-guide.md"
scratch="${BENCH_SCRATCH:-.build-bench-${BENCH_LINK:-static}}"
work="$(mktemp -d)"
export MOTO_STATE_DIR="$work/moto" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
unset AWS_SESSION_TOKEN AWS_PROFILE
proxy_pid=""
cleanup() {
    [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null || true
    scripts/moto.sh stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
say() { printf '%s\n' "$*"; }
command -v /usr/bin/time >/dev/null || { say "bench.sh: /usr/bin/time is missing: apt-get install time"; exit 2; }

# The shipped build (scripts/build-release.sh: Swift runtime linked in); BENCH_LINK=dynamic for plain `swift build -c release`.
link_flag=(); [[ "${BENCH_LINK:-static}" == dynamic ]] && link_flag=(--dynamic)
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    BUILD_SCRATCH="$scratch" scripts/build-release.sh "${link_flag[@]}" 2>&1 >/dev/null | tail -n 1 >&2
fi
bin="$scratch/release/hydrous-audit"
[[ -x "$bin" ]] || { say "bench.sh: no release binary at $bin"; exit 2; }

parts="${BENCH_PARTS:-abc}"; limit="${BENCH_TIMEOUT:-120}"
if [[ "$parts" == *a* || "$parts" == *b* ]]; then
moto="$(scripts/moto.sh start)"
scripts/scale-deployment.py "$moto" --clusters "$clusters" --services "$services" \
    --log-groups "$services" --load-balancers "$clusters" >"$work/scale.txt"
scripts/fault-proxy.py --upstream "$moto" --paginate --max-seconds 1800 >"$work/proxy.url" 2>"$work/proxy.err" &
proxy_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/proxy.url" ]] && break; sleep 0.1; done
proxy="$(head -n 1 "$work/proxy.url")"
configure() { curl -sf -X POST "$proxy/__proxy/config" -d "$1" >/dev/null; }
live=(--region us-east-1 --endpoint-url "$proxy")
seconds() { date +%s.%N; }  # not a Python start-up (tens of ms) inside every timed span

say "== hydrous-audit benchmark: $clusters clusters x $services services ($(tr '\n' ' ' <"$work/scale.txt"))"
say "   $(uname -sm), $(nproc) cores, $("$bin" --version 2>/dev/null || echo hydrous-audit)"

fi

if [[ "$parts" == *a* ]]; then
say ""
say "== (a) API calls per service vs the minimum (no added latency)"
configure '{"paginate": true}'
"$bin" snapshot "${live[@]}" --output "$work/snapshot.json" --verbose 2>"$work/verbose.txt" || true
curl -sf "$proxy/__proxy/stats" >"$work/stats.json"
scripts/bench-calls.py "$work/stats.json" "$work/snapshot.json"
say "   --verbose lines: $(grep -c '^hydrous-audit: call ' "$work/verbose.txt"); proxy requests: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$work/stats.json")"
say "   peak calls in flight (proxy): $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["peakInFlight"])' "$work/stats.json")"

fi

if [[ "$parts" == *b* ]]; then
say ""
say "== (b) wall time through the proxy at ${latency_ms} ms a call"
run_timed() { # label, extra args... (the seconds go to $work/t)
    local label="$1"; shift
    configure "{\"paginate\": true, \"latencyMs\": $latency_ms}"
    local start end
    start="$(seconds)"
    "$bin" run "${live[@]}" --format json --allow-incomplete "$@" >"$work/report.json" 2>/dev/null || true
    end="$(seconds)"
    local calls
    calls="$(curl -sf "$proxy/__proxy/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["requests"], d["peakInFlight"].get("*", 0))')"
    python3 -c 'import sys; s,e,l,c=sys.argv[1:5]; n,p=c.split(); print(f"   {l:<28}{float(e)-float(s):7.2f} s  ({n} calls, peak {p} in flight)")' "$start" "$end" "$label" "$calls"
    python3 -c "print(float('$end')-float('$start'))" >"$work/t"
    echo "$start $end" >"$work/span"
    curl -sf "$proxy/__proxy/timeline" >"$work/timeline.json"
}
# One untimed run first: the emulator loads each service's code on its first
# request (about 0.3 s here), a cost of the emulator, not of the audit, that
# would otherwise fall on whichever run came first. Then BENCH_PAIRS pairs,
# each a concurrent run and a one-by-one run back to back, so drift in the
# machine's load falls on both sides; the figure is the median pair's ratio.
pairs="${BENCH_PAIRS:-3}"
"$bin" run "${live[@]}" --format json --allow-incomplete >/dev/null 2>&1 || true
ratios=()
for pair in $(seq 1 "$pairs"); do
    run_timed "concurrent ($pair/$pairs)"; concurrent="$(cat "$work/t")"
    [[ "$pair" == 1 ]] && { cp "$work/timeline.json" "$work/timeline-concurrent.json"; cp "$work/span" "$work/span-concurrent"; }
    run_timed "one-by-one ($pair/$pairs)" --max-in-flight 1; serial="$(cat "$work/t")"
    ratios+=("$concurrent/$serial")
done
# Critical path: the longest chain of calls that wait on each other in the
# collectors (ListClusters > DescribeClusters > ListServices > DescribeServices >
# GetRole > ListAttachedRolePolicies = 6 levels, one page each at these sizes).
# ListTaskDefinitionFamilies (2 pages, each page's families described while the
# next is read) > DescribeTaskDefinition runs alongside the clusters; a service
# on an older revision than its family's newest would add one
# DescribeTaskDefinition after DescribeServices (none here).
depth=6
python3 - "$depth" "$latency_ms" "${ratios[@]}" <<'PY'
import statistics, sys
depth, latency = int(sys.argv[1]), float(sys.argv[2])
pairs = [tuple(float(x) for x in r.split("/")) for r in sys.argv[3:]]
ratios = sorted(c / s for c, s in pairs)
median = statistics.median(ratios)
print(f"   {'critical path':<28}{depth * latency / 1000:7.2f} s  ({depth} dependent calls x {latency:.0f} ms)")
print(f"   concurrent / one-by-one, each pair: {', '.join(f'{r:.3f}' for r in sorted((c / s for c, s in pairs)))}")
print(f"   concurrent / one-by-one = {median:.3f}, median of {len(pairs)} pairs (target < 0.25)")
PY
# The floor AWS's quotas set: ECS's task-definition reads share one bucket of
# 50 that refills 20 a second (docs/rate-quotas.md), so the last of N such
# calls cannot leave before (N - 50) / 20 s after the first.
python3 - "$work/timeline-concurrent.json" "$work/span-concurrent" <<'PY'
import json, sys
timeline = json.load(open(sys.argv[1]))
rows, origin = timeline["requests"], timeline["origin"]
start, end = (float(x) for x in open(sys.argv[2]).read().split())
bucket = [r for r in rows if r["service"] == "ecs" and r["action"] in
          ("DescribeTaskDefinition", "ListTaskDefinitionFamilies", "ListTaskDefinitions")]
if bucket:
    first, last = min(r["start"] for r in bucket), max(r["start"] for r in bucket)
    floor = max(0, len(bucket) - 50) / 20
    others = max((r["end"] for r in rows if r not in bucket), default=0)
    print(f"   first pair, ECS task-definition bucket: {len(bucket)} calls, the first {first:.2f} s after the run's"
          f" first call, the last {last - first:.2f} s after that (quota floor {floor:.2f} s);"
          f" every other call answered by {others:.2f} s; last answer at {max(r['end'] for r in rows):.2f} s")
    print(f"   first pair, outside the calls: {1000 * (origin - start):.0f} ms from the command's start to its first call,"
          f" {1000 * (end - origin - max(r['end'] for r in rows)):.0f} ms from the last answer to its exit")
PY

fi

if [[ "$parts" == *c* ]]; then
say ""
say "== (c) offline speed and memory (/usr/bin/time -v over 5 runs: fastest and median wall time, largest RSS; ${limit} s limit a run)"
measure() { # label, runs, command...
    local label="$1" runs="$2"; shift 2
    local best_t="" best_m="" status times=()
    for _ in $(seq 1 "$runs"); do
        status=0
        /usr/bin/time -v timeout "$limit" "$@" >/dev/null 2>"$work/time.txt" || status=$?
        if [[ "$status" == 124 ]] || grep -q "exit status 124" "$work/time.txt"; then
            printf '   %-44s > %s s (stopped by the limit)\n' "$label" "$limit"
            return 0
        fi
        local t m
        t="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')"
        m="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
        times+=("$t")
        if [[ -z "$best_m" || "$m" -gt "$best_m" ]]; then best_m="$m"; fi
    done
    python3 -c '
import statistics, sys
label, memory, times = sys.argv[1], int(sys.argv[2]), sorted(float(t) for t in sys.argv[3:])
print(f"   {label:<44}{times[0]*1000:6.0f} ms fastest {statistics.median(times)*1000:6.0f} ms median  {memory/1024:6.1f} MB peak RSS")
' "$label" "$best_m" "${times[@]}"
}
measure "check <guide>" 5 "$bin" check "$guide"
measure "run --snapshot (guide, 1 service, markdown)" 5 "$bin" run --snapshot examples/guide/snapshot.json
# The default format (Markdown) at every size; at the largest, every format.
sizes=(${BENCH_SNAPSHOT_SIZES:-50 100 200 1000})
for n in "${sizes[@]}"; do
    scripts/bench-snapshot.py --services "$n" "$work/snapshot-$n.json" >/dev/null
    formats=(markdown); [[ "$n" == "${sizes[-1]}" ]] && formats=(markdown json sarif text)
    for format in "${formats[@]}"; do
        measure "run --snapshot ($n services, $format)" 5 "$bin" run --snapshot "$work/snapshot-$n.json" --format "$format"
    done
done
# The weekly path at the largest size: last week's JSON report read back.
n="${sizes[-1]}"
"$bin" run --snapshot "$work/snapshot-$n.json" --format json --output "$work/report-$n.json" --fail-on none >/dev/null
measure "diff (two $n-service reports)" 5 "$bin" diff "$work/report-$n.json" "$work/report-$n.json"
measure "run --snapshot ($n services) --compare" 5 "$bin" run --snapshot "$work/snapshot-$n.json" --compare "$work/report-$n.json" --format json
say "   targets: under 100 ms and 50 MB each (for check and run --snapshot; diff and --compare have none)"
fi
