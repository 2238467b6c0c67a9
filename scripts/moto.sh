#!/usr/bin/env bash
# Start or stop a local moto server (the AWS emulator the live-source tests use).
#
#   scripts/moto.sh start    start (or reuse) a server on a free loopback port; prints http://127.0.0.1:PORT
#   scripts/moto.sh stop     stop the server this state dir knows about
#   scripts/moto.sh status   print the URL and exit 0 when running, exit 1 otherwise
#   scripts/moto.sh url      same as status
#
# State (pid, port, log) lives in $MOTO_STATE_DIR, default <repo>/.moto (git-ignored).
# The server runs through scripts/moto_patch.py (moto fidelity fixes) with
# MOTO_IAM_LOAD_MANAGED_POLICIES=true and MOTO_ACCOUNT_ID (default 882816896907,
# the guide's account, so the guide's ARNs line up).
# When moto or the AWS CLI is missing, installs them with `python3 -m pip install "moto[server]" awscli`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
state="${MOTO_STATE_DIR:-$repo/.moto}"
python="${PYTHON:-python3}"
pidfile="$state/moto.pid"
portfile="$state/moto.port"
logfile="$state/moto.log"

die() { echo "moto.sh: $*" >&2; exit 1; }

answers() { # port -> 0 when a server answers HTTP there (any status: it is alive)
    "$python" - "$1" <<'PY' >/dev/null 2>&1
import sys, urllib.error, urllib.request
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/moto-api/", timeout=10).read()
except urllib.error.HTTPError:
    pass
PY
}

running_port() { # prints the port when our server is alive and answering
    [[ -f "$pidfile" && -f "$portfile" ]] || return 1
    local pid port
    pid="$(cat "$pidfile")"; port="$(cat "$portfile")"
    [[ -n "$pid" && -n "$port" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    answers "$port" || return 1
    echo "$port"
}

ensure_installed() {
    if ! "$python" -c 'import moto, moto.server, flask, flask_cors' >/dev/null 2>&1 || ! command -v aws >/dev/null 2>&1; then
        echo "moto.sh: installing moto[server] and awscli with pip" >&2
        "$python" -m pip install --quiet "moto[server]" awscli >&2 \
            || die "could not pip install moto[server] awscli; install them by hand and retry"
    fi
    "$python" -c 'import moto.server' >/dev/null 2>&1 || die "moto is still not importable by $python"
}

free_port() {
    "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
    mkdir -p "$state"
    if port="$(running_port)"; then
        echo "http://127.0.0.1:$port"
        return 0
    fi
    stop_quietly
    ensure_installed
    local port pid attempt
    port="${MOTO_PORT:-$(free_port)}"
    : >"$logfile"
    # Launched through Python so the server inherits no descriptor but the log:
    # a caller that waits for this script's pipes or sockets to close (Foundation's
    # Process does) must not wait for the server's lifetime.
    pid="$(MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACCOUNT_ID="${MOTO_ACCOUNT_ID:-882816896907}" \
        "$python" - "$here/moto_patch.py" "$port" "$logfile" <<'PY'
import subprocess, sys
script, port, log = sys.argv[1:4]
with open(log, "ab") as out:
    server = subprocess.Popen(
        [sys.executable, script, "-H", "127.0.0.1", "-p", port],
        stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
        close_fds=True, start_new_session=True)
print(server.pid)
PY
)"
    echo "$pid" >"$pidfile"
    echo "$port" >"$portfile"
    for attempt in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$pidfile" "$portfile"
            die "moto server exited while starting; last log lines ($logfile):
$(tail -n 20 "$logfile")"
        fi
        if answers "$port"; then
            echo "http://127.0.0.1:$port"
            return 0
        fi
        sleep 0.2
    done
    kill "$pid" 2>/dev/null || true
    rm -f "$pidfile" "$portfile"
    die "moto server did not answer on port $port within 30 s; see $logfile"
}

stop_quietly() {
    [[ -f "$pidfile" ]] || { rm -f "$portfile"; return 0; }
    local pid
    pid="$(cat "$pidfile")"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile" "$portfile"
}

case "${1:-}" in
    start) start ;;
    stop) stop_quietly ;;
    status|url)
        if port="$(running_port)"; then echo "http://127.0.0.1:$port"; else echo "moto.sh: not running" >&2; exit 1; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
