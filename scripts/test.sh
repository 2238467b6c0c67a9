#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what the tests need
# (OpenSSL and libxml2 headers, moto's server, the AWS CLI, jsonschema),
# starts the AWS emulator on loopback, builds, runs every test, stops the emulator.
#
#   scripts/test.sh                 # everything
#   scripts/test.sh --filter Rules  # a subset (passed to `swift test`)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

log() { printf 'test.sh: %s\n' "$*" >&2; }

# System libraries the package links (libcrypto for SigV4, libxml2 for FoundationXML).
if ! pkg-config --exists libcrypto 2>/dev/null || [ ! -e /usr/include/libxml2/libxml/parser.h ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        log "installing libssl-dev libxml2-dev pkg-config"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev libxml2-dev pkg-config >/dev/null
    else
        log "libssl-dev and libxml2-dev are needed: install them with your package manager"; exit 2
    fi
fi

# Python tools: the emulator, the AWS CLI that replays the guide, the SARIF schema validator.
python3 - <<'PY' 2>/dev/null || { log "installing moto[server] awscli jsonschema"; python3 -m pip install --quiet "moto[server]" awscli jsonschema; }
import moto, moto.server, flask_cors, jsonschema, awscli  # noqa: F401
PY
command -v aws >/dev/null || { log "the AWS CLI is not on PATH after pip install"; exit 2; }

# The emulator: one server for the whole run; tests reset it between cases.
export MOTO_STATE_DIR="${MOTO_STATE_DIR:-$repo/.moto}"
HYDROUS_MOTO_ENDPOINT="$(scripts/moto.sh start)"
export HYDROUS_MOTO_ENDPOINT
trap 'scripts/moto.sh stop || true' EXIT
log "moto at $HYDROUS_MOTO_ENDPOINT"

# Build once (the CLI tests run the real binary), then test.
swift build 2>&1 | tail -n 3
export HYDROUS_AUDIT_BIN="$repo/.build/debug/hydrous-audit"
swift test "$@" 2>&1 | tee "${TEST_LOG:-/tmp/hydrous-audit-test.log}"
status=${PIPESTATUS[0]}
[[ "$status" == 0 ]] || exit "$status"

# The binary as it ships (scripts/build-release.sh: static Foundation, libcurl
# loaded on first request, lld's symbol ordering) through the command-line
# tests again: offline, live against moto with authentication on (every
# request through the lazily loaded libcurl), and the leak scan of everything
# it prints. Skipped for a filtered run, or with HYDROUS_TEST_RELEASE=0.
if [[ $# == 0 && "${HYDROUS_TEST_RELEASE:-1}" != 0 ]]; then
    log "building the release binary"
    build_log="${TEST_RELEASE_BUILD_LOG:-/tmp/hydrous-audit-release-build.log}"
    if ! relative="$(scripts/build-release.sh 2>"$build_log")"; then
        tail -n 30 "$build_log" >&2
        log "scripts/build-release.sh failed (whole log: $build_log)"
        exit 1
    fi
    release="$repo/$relative"
    log "command-line tests again with $release"
    HYDROUS_AUDIT_BIN="$release" swift test --skip-build \
        --filter 'CheckCLITests|GuideSnapshotCLITests|LiveGuideCLITests|LeakTests' 2>&1 \
        | tee "${TEST_RELEASE_LOG:-/tmp/hydrous-audit-test-release.log}"
    status=${PIPESTATUS[0]}
fi
exit "$status"
