"""A bounded hostile sweep of every operation in /v3/api-docs, against a node on 127.0.0.1.

Start a node with a known admin key, then run this script:
  ./mvnw -o -q -DskipTests package
  java -jar target/phasekeeper.jar --server.port=18081 --phasekeeper.security.admin-api-key=KEY
  SWEEP_KEY=KEY PORT=18081 python3 .ci/hostile-sweep.py

Each operation gets malformed, wrong-typed, deeply nested and unknown-field bodies, odd content
types, hostile path and query values (shell metacharacters included), odd headers and other
methods; at most MAX_REQUESTS requests. It reports every 5xx and every error that is not the
surface's shape (Moab's {"messages": [...]} under /mws, application/problem+json elsewhere),
whether a shell metacharacter ran anything, and the node's health afterwards. Over-long values
and batch sizes are not swept here.
"""
import collections
import json
import os
import socket
import urllib.parse

PORT = int(os.environ.get("PORT", "18081"))
KEY = os.environ.get("SWEEP_KEY", "sweep-admin-key")
MAX_REQUESTS = 8000

def raw(method, target, headers=None, body=b"", timeout=30):
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for k, v in (headers or {}).items():
        head += f"{k}: {v}\r\n"
    if body or method in ("POST", "PUT"):
        head += f"Content-Length: {len(body)}\r\n"
    data = head.encode("latin-1", "replace") + b"\r\n" + body
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    s.sendall(data)
    out = b""
    try:
        while True:
            c = s.recv(65536)
            if not c: break
            out += c
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    h, _, b = out.partition(b"\r\n\r\n")
    lines = h.split(b"\r\n")
    try:
        status = int(lines[0].split()[1])
    except Exception:
        return 0, {}, out
    hdrs = {}
    for l in lines[1:]:
        k, _, v = l.partition(b":")
        hdrs[k.decode().strip().lower()] = v.decode(errors="replace").strip()
    if hdrs.get("transfer-encoding", "").lower() == "chunked":
        bb = b""; rest = b
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            try: n = int(size_line.split(b";")[0], 16)
            except ValueError: break
            if n == 0: break
            bb += rest[:n]; rest = rest[n+2:]
        b = bb
    return status, hdrs, b

def shape_ok(path, status, hdrs, body):
    if status < 400:
        return True, ""
    ct = hdrs.get("content-type", "")
    try:
        j = json.loads(body)
    except Exception:
        return False, f"not JSON: {ct} {body[:80]!r}"
    if path.startswith("/mws"):
        if not ct.startswith("application/json") or not isinstance(j.get("messages"), list) or not j["messages"]:
            return False, f"not Moab shape: {ct} {body[:120]!r}"
    else:
        if not ct.startswith("application/problem+json") or j.get("status") != status or not j.get("detail"):
            return False, f"not problem+json: {ct} {body[:120]!r}"
    return True, ""

K = {"X-Api-Key": KEY}
JSONH = dict(K, **{"Content-Type": "application/json"})

def setup():
    st, _, b = raw("POST", "/mws/rest/services", JSONH, json.dumps({"name": "sweep", "tenant": {"name": "sweept"}}).encode())
    name = json.loads(b).get("name", "sweep.1") if st == 201 else "sweep.1"
    raw("POST", "/mws/rest/services/hooks/global-definitions", JSONH, json.dumps({"name": "sweephook", "type": "exec", "transition": "submit", "url": "exec:///nothing.sh"}).encode())
    return name

HOSTILE_STRINGS = ["$(touch /tmp/pk-sweep-pwned)", "`touch /tmp/pk-sweep-pwned`", "a;touch /tmp/pk-sweep-pwned",
                   "|id", "&&id", "' OR 1=1 --", "\"", "\\", "../../etc/passwd", "%00", "\u00e9\u4e2d", "{}", "[]", "null", "-1", "0",
                   "1e400", "99999999999999999999999", "NaN", "true", "....", ".", "a..b", ",", "{\"$where\":\"1\"}", "\t", " "]
PATH_VALUES = ["x", "sweep.1", "000000000000000000000000", "%2e%2e", "a%20b", "%24(id)", "a;b", "%3Bid", "%7Cid", "%60id%60",
               "%25", "%C3%A9", "a.b.c", "-1", "...", "%2F", "%00", "%5C", "%0a", ""]
BODIES = [b"", b"{", b"}", b"[", b"null", b"123", b"\"s\"", b"[]", b"{}", b"[{}]", b"{\"a\":}", b"\xff\xfe", b"{\"x\":1e400}",
          b"{\"x\":99999999999999999999999999999}", b"{\"zzz\":1,\"yyy\":[1,2]}", b"[" * 70 + b"]" * 70, b"[" * 5000 + b"]" * 5000,
          b"{\"a\":" * 70 + b"1" + b"}" * 70, b"{\"a\":1,\"a\":2}", b"{'single':'quotes'}", b"{unquoted:1}"]
CONTENT_TYPES = [None, "text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=xx",
                 "application/x-www-form-urlencoded", "application/json; charset=ebcdic", "*/*", "application/json"]

def fill(path, values):
    out = path
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out

def main():
    spec = json.loads(raw("GET", "/v3/api-docs", K)[2])
    service = setup()
    ops = []
    for p, methods in spec["paths"].items():
        for m, op in methods.items():
            ops.append((m.upper(), p, op))
    print(f"{len(ops)} operations")
    findings = collections.defaultdict(list)
    count = 0
    def check(method, p_template, target, headers, body, label):
        nonlocal count
        if count >= MAX_REQUESTS: return
        count += 1
        st, h, b = raw(method, target, headers, body)
        path = target.split("?")[0]
        if st == 0 or st >= 500:
            findings["5xx"].append((method, p_template, label, st, b[:160]))
            return
        ok, why = shape_ok(path, st, h, b)
        if not ok:
            findings["shape"].append((method, p_template, label, st, why))
    for method, p, op in ops:
        params = op.get("parameters", [])
        pathp = [x["name"] for x in params if x["in"] == "path"]
        queryp = [x for x in params if x["in"] == "query"]
        base_vals = {n: (service if "idOrName" in n or n == "name" else "x") for n in pathp}
        base = fill(p, base_vals)
        has_body = "requestBody" in op
        body0 = b"{}" if has_body else b""
        hdr0 = JSONH if has_body else K
        # path parameters
        for n in pathp:
            for v in PATH_VALUES:
                vals = dict(base_vals); vals[n] = v
                check(method, p, fill(p, vals), hdr0, body0, f"path {n}={v!r}")
        # query parameters
        for q in queryp:
            for v in HOSTILE_STRINGS:
                check(method, p, base + "?" + q["name"] + "=" + urllib.parse.quote(v, safe=""), hdr0, body0, f"query {q['name']}={v!r}")
            check(method, p, base + "?" + q["name"] + "=" + urllib.parse.quote("x" * 100, safe=""), hdr0, body0, f"query {q['name']} long")
        # bodies and content types
        if has_body:
            for b in BODIES:
                check(method, p, base, JSONH, b, f"body {b[:30]!r}")
            for ct in CONTENT_TYPES:
                h = dict(K)
                if ct: h["Content-Type"] = ct
                check(method, p, base, h, b"{}", f"content-type {ct!r}")
            schema = json.dumps(op["requestBody"]).lower()
            for field in ["name", "label", "user", "account", "status", "tenant", "url", "type", "transition", "role", "attributes", "data", "skip", "statusCode", "includeServiceAsBody", "timeoutInSeconds", "hooks", "parent", "includedServices", "stepsCompleted", "durationRequested", "startDateRequested"]:
                for v in [1, -1, 1.5, True, None, [], {}, [1, {}], {"a": {"b": [1]}}, "$(touch /tmp/pk-sweep-pwned)", "`id`", "a;id", "../x", "\u0000", "1e400", "9999999999999999999999"]:
                    check(method, p, base, JSONH, json.dumps({field: v}).encode(), f"body {field}={v!r}")
            for v in ["$(touch /tmp/pk-sweep-pwned)", "exec:///../../../bin/sh?-c&touch%20/tmp/pk-sweep-pwned", "exec://$(id)", "http://x", "ssh://h/p", "exec:///a|b", "exec:///nothing.sh?a=$(id)"]:
                check(method, p, base, JSONH, json.dumps({"name": "sw", "type": "exec", "transition": "submit", "url": v}).encode(), f"body url={v!r}")
        # no key / wrong key
        check(method, p, base, {"X-Api-Key": "nope"}, body0, "wrong key")
        # errors asked for as HTML or XML, odd headers, other methods
        for accept in ["text/html", "application/xml", "image/png", "*/*;q=0", "garbage"]:
            h = dict(hdr0); h["Accept"] = accept
            check(method, p, base + "?max=0&fields=....", h, b"{" if has_body else b"", f"accept {accept!r}")
            check(method, p, fill(p, {n: "%2e%2e" for n in pathp}) if pathp else base + ";x", h, body0, f"accept {accept!r} firewall")
        for name, value in [("If-Match", "garbage"), ("If-Match", "*"), ("Idempotency-Key", "$(id)"), ("Idempotency-Key", ""),
                            ("Content-Length", "abc"), ("Transfer-Encoding", "chunked, gzip"), ("X-Api-Key", KEY + " trailing")]:
            h = dict(hdr0); h[name] = value
            check(method, p, base, h, body0, f"header {name}={value!r}")
        for other in ["PATCH", "TRACE", "OPTIONS", "HEAD", "FOO"]:
            if other != method:
                st, hh, bb = raw(other, base, hdr0, body0)
                if st == 0 or st >= 500:
                    findings["5xx"].append((other, p, "method", st, bb[:160]))
                elif other not in ("HEAD", "OPTIONS"):
                    ok, why = shape_ok(base, st, hh, bb)
                    if not ok:
                        findings["shape"].append((other, p, "method", st, why))
    print(f"{count} requests")
    for kind in ("5xx", "shape"):
        print(f"== {kind}: {len(findings[kind])}")
        for f in findings[kind][:200]:
            print("  ", f)
    print("pwned file exists:", os.path.exists("/tmp/pk-sweep-pwned"))
    st, _, b = raw("GET", "/actuator/health", {})
    print("health", st, b[:60])

main()
