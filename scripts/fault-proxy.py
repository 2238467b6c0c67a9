#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of an AWS emulator (moto).

Forwards every request to an upstream and, per the configuration, answers
some attempts itself with a fault instead. Standard library only.

    scripts/fault-proxy.py --upstream http://127.0.0.1:PORT [options]

The first line on stdout is the proxy's URL (``http://127.0.0.1:FREE_PORT``);
point ``--endpoint-url`` at it. The proxy stops by itself after
``--max-seconds`` (default 600) so a forgotten one never outlives its test.

Faults (``--fault KIND --first N``): for the first N attempts of every
distinct call, the key being service + operation (``X-Amz-Target`` or the
form's ``Action``) + SHA-256 of the body, so each page of a list is its own
call. KIND is one of

* ``throttle``  the protocol's own throttling answer: JSON 1.1 HTTP 400
  ``{"__type":"ThrottlingException",...}``; query HTTP 400
  ``<ErrorResponse>...<Code>Throttling</Code>...``; EC2 HTTP 503
  ``<Response><Errors><Error><Code>RequestLimitExceeded</Code>...``
* ``500`` / ``503``  an internal error / service unavailable, same shapes
* ``drop``  read the request, then close the socket without answering
* ``slow``  sleep ``--slow-seconds`` (default 1) then forward

``--always ACTION=KIND`` (repeatable) faults every attempt of that operation
(past any retry budget). ``--latency-ms MS`` adds a fixed delay to every
forwarded call (the benchmark's stand-in for a real network round trip).

``--close-connections`` answers every call with ``Connection: close`` (no
keep-alive), so each request arrives on a fresh connection and a ``drop``
reaches the client as a failed attempt. Without it a ``drop`` mostly hits a
*reused* connection, which libcurl answers by re-sending the request on a new
one by itself, without its body under swift-corelibs-foundation (see
docs/benchmarks.md for how the client copes); such a re-send, cut short, is
counted under a key of its own.

``--paginate`` serves the JSON 1.1 list calls moto answers in one piece
(ECS ListClusters, ListServices, ListTasks, ListTaskDefinitionFamilies,
ListTaskDefinitions; ECR DescribeRepositories, DescribeImages) a page at a
time, as AWS does: at most the request's ``maxResults`` (AWS's default when
absent), further capped by ``--page-size N`` when given, with an opaque
``nextToken``. The client must follow the tokens to see everything.

``--strip ACTION=FIELD`` (repeatable) forwards ACTION but removes member
FIELD from the first item of its answer that has it (JSON: the first object
holding the key, breadth first, so ``DescribeServices=serviceName`` hits
``services[0]``; query XML: the first ``<FIELD>`` element): a malformed answer
that is otherwise well formed, for the "missing required field" tests.

Control endpoints (never forwarded):

* ``GET  /__proxy/stats``  JSON: requests in total, by service, by
  ``service Operation``, faults injected by kind, forwarded count, peak
  calls in flight by service (``*`` for all together)
* ``GET  /__proxy/timeline``  JSON ``{"origin": <first arrival, Unix seconds>,
  "requests": [...]}``: one entry a request since the last reset, in arrival
  order, with service, action, and ``start`` / ``end`` (arrival, answer
  written) in seconds from the first arrival (for the benchmark)
* ``POST /__proxy/config`` JSON body ``{"fault": "throttle", "first": 2,
  "always": {"DescribeDBInstances": "503"}, "latencyMs": 0, "slowSeconds": 1,
  "paginate": false, "pageSize": 0, "closeConnections": false,
  "strip": {"DescribeServices": "serviceName"}}``
  replaces the configuration and clears attempt counters and stats
* ``POST /__proxy/reset``  clears attempt counters and stats only

The proxy never logs request bodies or headers (they carry signatures).
"""

import argparse
import base64
import hashlib
import http.client
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KINDS = ("throttle", "500", "503", "drop", "slow")
SCOPE = re.compile(r"Credential=[^/,]+/[^/,]+/[^/,]+/([^/,]+)/aws4_request")
TARGET_SERVICES = {
    "AmazonEC2ContainerServiceV20141113": "ecs",
    "AmazonEC2ContainerRegistry_V20150921": "ecr",
    "Logs_20140328": "logs",
    "AWSPriceListService": "pricing",
}
# JSON list calls moto does not paginate: operation -> (result key, AWS default page size, AWS maximum).
PAGINATED = {
    "ListClusters": ("clusterArns", 100, 100),
    "ListServices": ("serviceArns", 10, 100),
    "ListTasks": ("taskArns", 100, 100),
    "ListTaskDefinitionFamilies": ("families", 100, 100),
    "ListTaskDefinitions": ("taskDefinitionArns", 100, 100),
    "DescribeRepositories": ("repositories", 100, 1000),
    "DescribeImages": ("imageDetails", 100, 1000),
}


class Config:
    """What to inject; replaced atomically under the state lock."""

    def __init__(self, fault=None, first=0, always=None, latency_ms=0.0, slow_seconds=1.0, paginate=False, page_size=0,
                 close_connections=False, strip=None):
        if fault is not None and fault not in KINDS:
            raise ValueError(f"unknown fault {fault!r}: expected one of {', '.join(KINDS)}")
        for action, kind in (always or {}).items():
            if kind not in KINDS:
                raise ValueError(f"--always {action}={kind}: expected one of {', '.join(KINDS)}")
        self.fault = fault
        self.first = max(0, int(first))
        self.always = dict(always or {})
        self.latency = max(0.0, float(latency_ms)) / 1000.0
        self.slow = max(0.0, float(slow_seconds))
        self.paginate = bool(paginate)
        self.page_size = max(0, int(page_size or 0))
        self.close_connections = bool(close_connections)
        self.strip = {str(action): str(field) for action, field in (strip or {}).items()}

    @staticmethod
    def from_json(obj):
        return Config(
            fault=obj.get("fault"), first=obj.get("first", 0), always=obj.get("always") or {},
            latency_ms=obj.get("latencyMs", 0), slow_seconds=obj.get("slowSeconds", 1.0),
            paginate=obj.get("paginate", False), page_size=obj.get("pageSize", 0),
            close_connections=obj.get("closeConnections", False), strip=obj.get("strip") or {})

    def describe(self):
        return {"fault": self.fault, "first": self.first, "always": self.always,
                "latencyMs": self.latency * 1000.0, "slowSeconds": self.slow,
                "paginate": self.paginate, "pageSize": self.page_size,
                "closeConnections": self.close_connections, "strip": self.strip}


class State:
    """Attempt counters and statistics, shared by the handler threads."""

    def __init__(self, config):
        self.lock = threading.Lock()
        self.config = config
        self.clear()

    def clear(self):
        self.attempts = {}
        self.total = 0
        self.forwarded = 0
        self.by_service = {}
        self.by_action = {}
        self.faults = {}
        self.in_flight = {}
        self.peak_in_flight = {}
        self.timeline = []

    def enter(self, service):
        """Counts a call in flight for `service` (peak kept for the stats)."""
        with self.lock:
            now = self.in_flight.get(service, 0) + 1
            self.in_flight[service] = now
            self.peak_in_flight[service] = max(now, self.peak_in_flight.get(service, 0))
            total = sum(self.in_flight.values())
            self.peak_in_flight["*"] = max(total, self.peak_in_flight.get("*", 0))

    def leave(self, service, action, started):
        ended = time.monotonic()
        with self.lock:
            self.in_flight[service] = max(0, self.in_flight.get(service, 0) - 1)
            self.timeline.append((service, action, started, ended))

    def timeline_json(self):
        """Every request since the last reset: service, action, and when it
        reached the proxy and when its answer was written, in seconds from the
        first request's arrival."""
        with self.lock:
            rows = sorted(self.timeline, key=lambda row: row[2])
        origin = rows[0][2] if rows else time.monotonic()
        return {
            # The first arrival on the wall clock, to set against a client's own start and end times.
            "origin": round(time.time() - (time.monotonic() - origin), 4),
            "requests": [{"service": service, "action": action, "start": round(start - origin, 4),
                          "end": round(end - origin, 4)} for service, action, start, end in rows],
        }

    def decide(self, service, action, body):
        """Counts this attempt and returns (fault kind or None, config)."""
        key = (service, action, hashlib.sha256(body).hexdigest())
        with self.lock:
            config = self.config
            attempt = self.attempts.get(key, 0) + 1
            self.attempts[key] = attempt
            self.total += 1
            self.by_service[service] = self.by_service.get(service, 0) + 1
            name = f"{service} {action}"
            self.by_action[name] = self.by_action.get(name, 0) + 1
            kind = config.always.get(action)
            if kind is None and config.fault is not None and attempt <= config.first:
                kind = config.fault
            if kind is not None:
                self.faults[kind] = self.faults.get(kind, 0) + 1
            if kind in (None, "slow"):
                self.forwarded += 1
            return kind, config

    def stats(self):
        with self.lock:
            return {
                "requests": self.total, "forwarded": self.forwarded,
                "byService": dict(sorted(self.by_service.items())),
                "byAction": dict(sorted(self.by_action.items())),
                "faults": dict(sorted(self.faults.items())),
                "distinctCalls": len(self.attempts),
                "peakInFlight": dict(sorted(self.peak_in_flight.items())),
                "config": self.config.describe(),
            }


def identify(headers, body):
    """(service, operation) from the signature scope and target or Action."""
    target = headers.get("X-Amz-Target")
    if target and "." in target:
        prefix, operation = target.rsplit(".", 1)
        service = TARGET_SERVICES.get(prefix)
    else:
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        operation = (fields.get("Action") or ["?"])[0]
        service = None
    match = SCOPE.search(headers.get("Authorization") or "")
    if match:
        service = match.group(1)
    return service or "unknown", operation


def fault_answer(kind, service, is_json):
    """(status, content type, body) in the protocol's own error shape."""
    request_id = str(uuid.uuid4())
    codes = {
        "throttle": ("ThrottlingException", "Throttling", "RequestLimitExceeded", "Rate exceeded"),
        "500": ("InternalFailure", "InternalFailure", "InternalError", "An internal error occurred"),
        "503": ("ServiceUnavailableException", "ServiceUnavailable", "Unavailable", "Service unavailable"),
    }[kind]
    json_code, query_code, ec2_code, message = codes
    if is_json:
        status = 500 if kind == "500" else 503 if kind == "503" else 400
        body = json.dumps({"__type": json_code, "message": message})
        return status, "application/x-amz-json-1.1", body
    if service == "ec2":
        status = 500 if kind == "500" else 503
        body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{ec2_code}</Code>"
                f"<Message>{message}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>")
        return status, "text/xml;charset=UTF-8", body
    status = 500 if kind == "500" else 503 if kind == "503" else 400
    error_type = "Receiver" if kind in ("500", "503") else "Sender"
    body = (f"<ErrorResponse><Error><Type>{error_type}</Type><Code>{query_code}</Code><Message>{message}</Message>"
            f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>")
    return status, "text/xml", body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hydrous-fault-proxy/1"

    def log_message(self, format, *args):  # noqa: A002 - keep request lines (and their bodies) out of logs
        pass

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _close_if_configured(self):
        if self.server.state.config.close_connections:
            self.send_header("Connection", "close")
            self.close_connection = True

    def _answer(self, status, content_type, body):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self._close_if_configured()
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/__proxy/stats"):
            self._answer(200, "application/json", json.dumps(self.server.state.stats(), sort_keys=True))
            return
        if self.path.startswith("/__proxy/timeline"):
            self._answer(200, "application/json", json.dumps(self.server.state.timeline_json()))
            return
        self._proxy(b"")

    def do_POST(self):
        body = self._read_body()
        state = self.server.state
        if self.path.startswith("/__proxy/config"):
            try:
                config = Config.from_json(json.loads(body or b"{}"))
            except (ValueError, TypeError, AttributeError) as error:
                self._answer(400, "application/json", json.dumps({"error": str(error)}))
                return
            with state.lock:
                state.config = config
                state.clear()
            self._answer(200, "application/json", json.dumps(config.describe(), sort_keys=True))
            return
        if self.path.startswith("/__proxy/reset"):
            with state.lock:
                state.clear()
            self._answer(200, "application/json", "{}")
            return
        self._proxy(body)

    def _proxy(self, body):
        state = self.server.state
        is_json = bool(self.headers.get("X-Amz-Target"))
        service, action = identify(self.headers, body)
        started = time.monotonic()
        state.enter(service)
        try:
            self._serve(state, service, action, body, is_json)
        finally:
            state.leave(service, action, started)

    def _serve(self, state, service, action, body, is_json):
        kind, config = state.decide(service, action, body)
        if kind == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if kind in ("throttle", "500", "503"):
            self._answer(*fault_answer(kind, service, is_json))
            return
        delay = config.latency + (config.slow if kind == "slow" else 0.0)
        if delay > 0:
            time.sleep(delay)
        page = None
        if config.paginate and is_json and action in PAGINATED:
            body, page = paged_request(body, action, config.page_size)
        self._forward(body, page, config.strip.get(action))

    def _forward(self, body, page=None, strip=None):
        upstream = self.server.upstream
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("connection", "keep-alive", "proxy-connection", "content-length")}
        headers["Content-Length"] = str(len(body))
        try:
            connection = http.client.HTTPConnection(upstream.hostname, upstream.port or 80, timeout=120)
            connection.request(self.command, self.path, body=body if body else None, headers=headers)
            response = connection.getresponse()
            data = response.read()
            status = response.status
            answer_headers = [(k, v) for k, v in response.getheaders()
                              if k.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length",
                                                   "server", "date")]
            connection.close()
        except OSError as error:
            self._answer(502, "text/plain", f"fault-proxy: upstream {upstream.geturl()} failed: {type(error).__name__}")
            return
        if page is not None and status == 200:
            data = paged_answer(data, page)
        if strip and status == 200:
            data = stripped_answer(data, strip)
        self.send_response(status)
        self._close_if_configured()
        for name, value in answer_headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def paged_request(body, action, cap):
    """Strips paging members from a JSON list request; returns (body, (key, offset, size))."""
    key, default, maximum = PAGINATED[action]
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        return body, None
    token = request.pop("nextToken", None)
    asked = request.pop("maxResults", None)
    size = min(maximum, int(asked)) if isinstance(asked, int) and asked > 0 else default
    if cap:
        size = min(size, cap)
    offset = 0
    if token:
        try:
            offset = int(json.loads(base64.b64decode(token))["offset"])
        except (ValueError, KeyError, TypeError):
            offset = 0
    return json.dumps(request).encode("utf-8"), (key, offset, size)


def paged_answer(data, page):
    """The page of the upstream's full answer, with a nextToken when more remain."""
    key, offset, size = page
    try:
        answer = json.loads(data)
    except ValueError:
        return data
    items = answer.get(key)
    if not isinstance(items, list):
        return data
    answer[key] = items[offset:offset + size]
    answer.pop("nextToken", None)
    if offset + size < len(items):
        answer["nextToken"] = base64.b64encode(json.dumps({"offset": offset + size}).encode()).decode()
    return json.dumps(answer).encode("utf-8")


def stripped_answer(data, field):
    """The answer without member `field` in its first item holding it (JSON breadth first, or XML)."""
    try:
        answer = json.loads(data)
    except ValueError:
        pattern = re.compile(rb"<" + re.escape(field.encode()) + rb"(\s[^>]*)?(/>|>.*?</" + re.escape(field.encode()) + rb">)", re.S)
        return pattern.sub(b"", data, count=1)
    queue = [answer]
    while queue:
        node = queue.pop(0)
        if isinstance(node, dict):
            if field in node:
                del node[field]
                break
            queue.extend(node.values())
        elif isinstance(node, list):
            queue.extend(node)
    return json.dumps(answer).encode("utf-8")


def parse_pairs(values, flag):
    pairs = {}
    for value in values or []:
        action, sep, setting = value.partition("=")
        if not sep or not action or not setting:
            raise ValueError(f"{flag} {value}: expected ACTION=VALUE, e.g. DescribeDBInstances=503")
        pairs[action] = setting
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", required=True, help="the emulator's URL, e.g. http://127.0.0.1:5000")
    parser.add_argument("--port", type=int, default=0, help="listen port (default: a free one)")
    parser.add_argument("--fault", choices=KINDS, help="fault for the first N attempts of every call")
    parser.add_argument("--first", type=int, default=1, help="attempts of every call that get --fault (default 1)")
    parser.add_argument("--always", action="append", metavar="ACTION=KIND", help="fault every attempt of ACTION")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added to every forwarded call")
    parser.add_argument("--slow-seconds", type=float, default=1.0, help="the delay of the slow fault")
    parser.add_argument("--paginate", action="store_true", help="page the JSON list calls moto answers whole")
    parser.add_argument("--page-size", type=int, default=0, help="with --paginate: at most this many per page")
    parser.add_argument("--close-connections", action="store_true", help="answer with Connection: close")
    parser.add_argument("--strip", action="append", metavar="ACTION=FIELD", help="drop FIELD from ACTION's first item")
    parser.add_argument("--config", help="a JSON file with the keys POST /__proxy/config takes")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="stop after this long (default 600)")
    args = parser.parse_args()

    upstream = urllib.parse.urlparse(args.upstream)
    if upstream.scheme != "http" or not upstream.hostname:
        parser.error(f"--upstream {args.upstream}: expected http://HOST:PORT")
    try:
        if args.config:
            with open(args.config, encoding="utf-8") as handle:
                config = Config.from_json(json.load(handle))
        else:
            config = Config(fault=args.fault, first=args.first if args.fault else 0, always=parse_pairs(args.always, "--always"),
                            latency_ms=args.latency_ms, slow_seconds=args.slow_seconds,
                            paginate=args.paginate, page_size=args.page_size,
                            close_connections=args.close_connections, strip=parse_pairs(args.strip, "--strip"))
    except (OSError, ValueError) as error:
        parser.error(str(error))

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    server.upstream = upstream
    server.state = State(config)

    def expire():
        time.sleep(max(1.0, args.max_seconds))
        sys.stderr.write(f"fault-proxy: max lifetime {args.max_seconds:.0f} s reached, stopping\n")
        sys.stderr.flush()
        os._exit(0)

    threading.Thread(target=expire, daemon=True).start()
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
