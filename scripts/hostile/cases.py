"""The hostile-request corpus: table-driven generators, one per category.

Each generator takes the run's `Context` (base URL, tokens, integration secrets, ids of seeded objects) and
returns `Case`s. A case has a category, a name, a request and an expectation:

- `reject`: a 4xx whose body is a JSON object with a non-empty `error` code and `detail` (APIError's shape), and,
  when `statuses` is given, one of those statuses;
- `accept`: a 2xx (the input is legitimately valid);
- `either`: valid input the server may take or refuse, as long as the answer is a 2xx or a 4xx JSON error.

Every case must also get no 5xx, leave the process alive and answering `/__lbheartbeat__`, answer within its
timeout, and, when rejected, leave every table of the database as it was. `short` marks the cases of
`run --short`. A request may be built at send time (`prepare`), for signatures over the current time.
"""
import base64
import hashlib
import hmac
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable, Optional

REJECT, ACCEPT, EITHER = "reject", "accept", "either"
JSON_TYPE = "application/json"


@dataclass
class Request:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: Optional[bytes] = None
    raw: Optional[bytes] = None  # sent as it is over a socket, for what http.client cannot write


@dataclass
class Case:
    category: str
    name: str
    request: Optional[Request]
    expect: str = REJECT
    statuses: tuple = ()
    timeout: float = 10.0
    short: bool = False
    prepare: Optional[Callable[[], Request]] = None
    full_only: bool = False


@dataclass
class Context:
    tokens: dict  # role -> API token secret
    integrations: dict  # name -> {"source", "token"}
    sentry_signing_secret: str
    incident_id: int = 1
    alert_id: int = 1
    silence_id: int = 1
    entry_id: str = ""
    missing_id: int = 999_999


def js(value) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def json_headers(secret=None):
    headers = {"Content-Type": JSON_TYPE}
    if secret:
        headers.update(bearer(secret))
    return headers


def alertmanager(alerts=None, common=None, **extra):
    alerts = alerts if alerts is not None else [{
        "status": "firing", "labels": {"alertname": "HostileProbe", "instance": "probe-1"},
        "annotations": {"summary": "a probe"}, "startsAt": "2026-12-01T00:00:00Z",
    }]
    payload = {"version": "4", "status": "firing", "receiver": "runbook", "groupKey": "{}:{}",
               "groupLabels": {}, "commonLabels": common or {}, "commonAnnotations": {}, "alerts": alerts}
    payload.update(extra)
    return payload


VALID_BODIES = {
    "alertmanager": alertmanager(),
    "sentry": {"action": "triggered", "data": {"event": {"title": "KeyError: probe", "issue_id": "42",
                                                          "tags": [["level", "error"]]}}},
    "pingdom": {"check_id": 1, "check_name": "probe", "current_state": "DOWN", "previous_state": "UP",
                "check_type": "HTTP", "description": "probe down"},
    "datadog": {"id": "1", "title": "[Triggered] probe", "alert_transition": "Triggered", "tags": "host:a,env:p",
                "body": "probe"},
    "generic": {"routing_key": "k", "event_action": "trigger", "dedup_key": "probe",
                "payload": {"summary": "probe", "source": "h", "severity": "critical"}},
    "cloudwatch": {"AlarmName": "probe", "NewStateValue": "ALARM", "NewStateReason": "r",
                   "Trigger": {"MetricName": "CPU", "Dimensions": []}},
}

SOURCES = ["alertmanager", "sentry", "pingdom", "datadog", "cloudwatch", "generic"]


def ingest_path(ctx, source, integration=None):
    return f"/api/v1/ingest/{source}/{integration or source_integration(ctx, source)}"


def source_integration(ctx, source):
    """The token-authenticated integration of each source (sentry's has no signing secret)."""
    return {"sentry": "sentry-token"}.get(source, source)


def ingest(ctx, source, body: bytes, headers=None, integration=None, query=""):
    name = integration or source_integration(ctx, source)
    hdrs = json_headers(ctx.integrations[name]["token"]) if integration != "-" else json_headers()
    if source == "sentry":
        hdrs.update(sentry_headers(ctx.integrations[name]["token"], body))
    hdrs.update(headers or {})
    return Request("POST", ingest_path(ctx, source, name) + query, hdrs, body)


def sentry_headers(key, body, timestamp=None):
    signature = hmac.new(key.encode(), body, hashlib.sha256).hexdigest()
    return {"Sentry-Hook-Signature": signature, "Sentry-Hook-Timestamp": str(int(timestamp or time.time()))}


def nested(depth, open_="[", close="]"):
    return (open_ * depth + close * depth).encode()


# --- routes of openapi.yaml, with the least role each needs -------------------------------------------------------

def routes(ctx):
    """(method, path template, least role, a valid body or None); `{id}` is filled per case."""
    return [
        ("GET", "/api/v1/incidents", "viewer", None),
        ("GET", "/api/v1/incidents/{incident}", "viewer", None),
        ("POST", "/api/v1/incidents/{incident}/acknowledge", "operator", None),
        ("POST", "/api/v1/incidents/{incident}/notes", "operator", {"text": "hostile probe"}),
        ("POST", "/api/v1/incidents/{incident}/resolve", "operator", None),
        ("POST", "/api/v1/incidents/{incident}/reopen", "operator", None),
        ("POST", "/api/v1/incidents/{incident}/retract", "admin", {"reason": "hostile probe"}),
        ("POST", "/api/v1/alerts/{alert}/retract", "admin", {"reason": "hostile probe"}),
        ("GET", "/api/v1/runbooks", "viewer", None),
        ("GET", "/api/v1/runbooks/entry?id={entry}", "viewer", None),
        ("GET", "/api/v1/runbooks/search?q=disk", "viewer", None),
        ("GET", "/api/v1/runbooks/lint", "viewer", None),
        ("POST", "/api/v1/runbooks/reload", "operator", None),
        ("GET", "/api/v1/coverage", "viewer", None),
        ("GET", "/api/v1/deliveries", "viewer", None),
        ("GET", "/api/v1/deliveries/{delivery}", "viewer", None),
        ("POST", "/api/v1/deliveries/retry", "operator", {"ids": [ctx.missing_id]}),
        ("GET", "/api/v1/silences", "viewer", None),
        ("POST", "/api/v1/silences", "operator",
         {"matchers": ["alertname=HostileRoleProbe"], "duration": "1m", "comment": "hostile probe"}),
        ("POST", "/api/v1/silences/{silence}/expire", "operator", None),
    ]


ROLE_RANK = {"viewer": 0, "operator": 1, "admin": 2}


def fill(ctx, template, existing):
    """Fills path ids: existing objects for reads, a missing id for writes (so an allowed write changes nothing)."""
    ids = {"incident": ctx.incident_id, "alert": ctx.alert_id, "silence": ctx.silence_id,
           "delivery": ctx.missing_id, "entry": urllib.parse.quote(ctx.entry_id, safe="")}
    if not existing:
        ids.update(incident=ctx.missing_id, alert=ctx.missing_id, silence=ctx.missing_id)
    return template.format(**ids)


def auth_cases(ctx):
    cases = []
    admin = ctx.tokens["admin"]
    integration_secret = ctx.integrations["alertmanager"]["token"]
    bad_credentials = [
        ("none", {}, (401,)),
        ("empty bearer", {"Authorization": "Bearer "}, (401,)),
        ("scheme only", {"Authorization": "Bearer"}, (401,)),
        ("unknown token", bearer("rbt_" + "A" * 43), (401,)),
        ("token of another shape", bearer("x" * 5000), (401,)),
        ("integration secret as API token", bearer(integration_secret), (401,)),
        ("admin token in the query", {}, (401,)),
        ("admin token in X-Api-Key", {"X-Api-Key": admin}, (401,)),
        ("admin token as Basic", {"Authorization": "Basic " + base64.b64encode(f"a:{admin}".encode()).decode()},
         (401,)),
        ("admin token with a suffix", bearer(admin + "x"), (401,)),
        ("admin token truncated", bearer(admin[:-1]), (401,)),
        ("admin token with SQL", bearer(admin + "' OR '1'='1"), (401,)),
        ("admin token with NUL", bearer(admin + "%00"), (401,)),
    ]
    for method, template, least, body in routes(ctx):
        data = js(body) if body is not None else None
        path = fill(ctx, template, existing=method == "GET")
        for index, (label, headers, statuses) in enumerate(bad_credentials):
            hdrs = dict(headers)
            if body is not None:
                hdrs["Content-Type"] = JSON_TYPE
            route_path = path
            if label == "admin token in the query":
                route_path += ("&" if "?" in path else "?") + "token=" + admin
            cases.append(Case("auth: tokens wrong/missing/misplaced", f"{method} {template}: {label}",
                              Request(method, route_path, hdrs, data), REJECT, statuses,
                              short=index in (0, 3, 5, 6)))
        for role in ("viewer", "operator", "admin"):
            hdrs = bearer(ctx.tokens[role])
            if body is not None:
                hdrs["Content-Type"] = JSON_TYPE
            name = f"{method} {template}: {role}"
            if ROLE_RANK[role] < ROLE_RANK[least]:
                cases.append(Case("auth: each role on every route", name, Request(method, path, hdrs, data),
                                  REJECT, (403,), short=True))
            elif "{" in template and method == "POST" or "{delivery}" in template:
                cases.append(Case("auth: each role on every route", name + " (missing id)",
                                  Request(method, path, hdrs, data), REJECT, (404,), short=role == least))
            elif template == "/api/v1/deliveries/retry":
                cases.append(Case("auth: each role on every route", name + " (missing id)",
                                  Request(method, path, hdrs, data), REJECT, (404,), short=role == least))
            else:
                cases.append(Case("auth: each role on every route", name, Request(method, path, hdrs, data),
                                  ACCEPT, short=role == least))
    for source in SOURCES:
        body = js(VALID_BODIES[source])
        for role in ("viewer", "operator", "admin"):
            req = ingest(ctx, source, body)
            req.headers.update(bearer(ctx.tokens[role]))
            cases.append(Case("auth: each role on every route", f"ingest {source}: {role} API token",
                              req, REJECT, (401,), short=role == "admin"))
        other = "pingdom" if source != "pingdom" else "datadog"
        req = ingest(ctx, source, body)
        req.headers.update(bearer(ctx.integrations[other]["token"]))
        cases.append(Case("auth: tokens wrong/missing/misplaced", f"ingest {source}: another integration's secret",
                          req, REJECT, (401,), short=True))
        req = ingest(ctx, source, body)
        del req.headers["Authorization"]
        cases.append(Case("auth: tokens wrong/missing/misplaced", f"ingest {source}: no secret", req, REJECT,
                          (401,), short=source == "alertmanager"))
        req = ingest(ctx, source, body)
        secret = req.headers.pop("Authorization")[len("Bearer "):]
        req.headers["X-Token"] = secret
        cases.append(Case("auth: tokens wrong/missing/misplaced", f"ingest {source}: secret in X-Token", req,
                          REJECT, (401,)))
        req = ingest(ctx, source, body, query="?token=" + "rbi_" + "B" * 43)
        del req.headers["Authorization"]
        cases.append(Case("auth: tokens wrong/missing/misplaced", f"ingest {source}: wrong ?token=", req, REJECT,
                          (401,)))
        cases.append(Case("auth: each role on every route", f"ingest {source} without integration",
                          Request("POST", f"/api/v1/ingest/{source}", json_headers(), body), REJECT, (404,)))
    for source in ("alertmanager", "pingdom", "datadog", "generic"):
        cases.append(Case("auth: each role on every route", f"ingest {source}: integration secret",
                          ingest(ctx, source, js(VALID_BODIES[source])), ACCEPT, short=source == "alertmanager"))
        req = ingest(ctx, source, js(VALID_BODIES[source]),
                     query="?token=" + urllib.parse.quote(ctx.integrations[source]["token"]))
        del req.headers["Authorization"]
        cases.append(Case("auth: each role on every route", f"ingest {source}: secret as ?token=", req, ACCEPT))
    for path in ("/__version__", "/__lbheartbeat__", "/__heartbeat__", "/metrics"):
        cases.append(Case("auth: each role on every route", f"GET {path}: no token", Request("GET", path), ACCEPT,
                          short=True))
        cases.append(Case("auth: each role on every route", f"POST {path}: wrong method",
                          Request("POST", path, json_headers(), b"{}"), REJECT, (404, 405)))
    return cases


def malformed_json_cases(ctx):
    cases = []
    operator = ctx.tokens["operator"]
    valid = js(VALID_BODIES["alertmanager"])
    bodies = [
        ("empty body", b""),
        ("whitespace only", b"   \n\t "),
        ("truncated at 1 byte", valid[:1]),
        ("truncated in half", valid[: len(valid) // 2]),
        ("truncated by one byte", valid[:-1]),
        ("trailing garbage", valid + b"garbage"),
        ("two documents", valid + valid),
        ("trailing comma", b'{"alerts":[],}'),
        ("single quotes", b"{'alerts': []}"),
        ("unquoted keys", b"{alerts: []}"),
        ("comment", b'{"alerts": [] /* c */}'),
        ("NaN literal", b'{"alerts": NaN}'),
        ("Infinity literal", b'{"version": Infinity, "alerts": []}'),
        ("bad escape", b'{"alerts": "\\x41"}'),
        ("lone surrogate escape", b'{"receiver": "\\ud800", "alerts": []}'),
        ("unterminated string", b'{"receiver": "abc'),
        ("control character in string", b'{"receiver": "a\x01b", "alerts": []}'),
        ("number overflow", b'{"version": 1e999999, "alerts": []}'),
        ("huge integer", b'{"version": ' + b"9" * 5000 + b', "alerts": []}'),
        ("leading zeros", b'{"version": 0001, "alerts": []}'),
        ("bare string", b'"alerts"'),
        ("bare number", b"42"),
        ("null", b"null"),
        ("array at top", b"[]"),
        ("BOM then JSON", b"\xef\xbb\xbf" + valid),
        ("UTF-16 body", valid.decode().encode("utf-16")),
        ("duplicate keys", b'{"alerts": [], "alerts": 5}'),
        ("deep unclosed", b"[" * 1000),
        ("closing only", b"]]]]}}}}"),
    ]
    for index, (name, body) in enumerate(bodies):
        for source in SOURCES if index < 6 else ["alertmanager", "generic"]:
            expect = REJECT
            if name in ("BOM then JSON", "duplicate keys", "huge integer", "number overflow",
                        "lone surrogate escape"):
                expect = EITHER
            cases.append(Case("malformed JSON", f"ingest {source}: {name}", ingest(ctx, source, body), expect,
                              short=index % 3 == 0 and source in ("alertmanager", "sentry")))
    for name, body in bodies[:12]:
        for path in (f"/api/v1/incidents/{ctx.incident_id}/notes", "/api/v1/silences", "/api/v1/deliveries/retry"):
            cases.append(Case("malformed JSON", f"POST {path}: {name}", Request("POST", path, json_headers(operator),
                                                                                 body), REJECT,
                              short=name == "truncated in half"))
    return cases


def nesting_cases(ctx):
    cases = []
    operator = ctx.tokens["operator"]
    admin = ctx.tokens["admin"]
    for depth in (100, 1_000, 100_000):
        for source in SOURCES:
            cases.append(Case("deep nesting", f"ingest {source}: arrays {depth} deep",
                              ingest(ctx, source, nested(depth)), REJECT, short=depth == 100_000))
        body = b'{"alerts":[{"labels":{"a":' + nested(depth, '{"x":', "}").replace(b'}', b'') + b'1' + \
            b"}" * depth + b"}}]}"
        cases.append(Case("deep nesting", f"ingest alertmanager: objects {depth} deep in labels",
                          ingest(ctx, "alertmanager", body), REJECT, short=depth == 1_000))
        inner = b'{"x":' * depth + b"1" + b"}" * depth
        cases.append(Case("deep nesting", f"ingest generic: objects {depth} deep in payload.custom_details",
                          ingest(ctx, "generic", b'{"routing_key":"k","event_action":"trigger","payload":'
                                 b'{"summary":"s","source":"h","severity":"critical","custom_details":' + inner +
                                 b"}}"),
                          EITHER if depth == 100 else REJECT))
        for path, token in ((f"/api/v1/incidents/{ctx.incident_id}/notes", operator), ("/api/v1/silences", operator),
                            (f"/api/v1/incidents/{ctx.missing_id}/retract", admin)):
            cases.append(Case("deep nesting", f"POST {path}: arrays {depth} deep",
                              Request("POST", path, json_headers(token), nested(depth)), REJECT,
                              short=depth == 100_000 and "notes" in path))
    return cases


def huge_cases(ctx):
    cases = []
    operator = ctx.tokens["operator"]
    mib = 1024 * 1024

    def am(alerts=None, common=None):
        return ingest(ctx, "alertmanager", js(alertmanager(alerts, common)))

    probe = {"alertname": "HostileHuge"}
    cases += [
        Case("huge and amplifying bodies", "body of 1 MiB + 1 byte", ingest(ctx, "generic", b" " * (mib + 1)),
             REJECT, (413,), short=True),
        Case("huge and amplifying bodies", "body of 8 MiB", ingest(ctx, "alertmanager", b"[" * (8 * mib)), REJECT,
             (413,)),
        Case("huge and amplifying bodies", "note of 2 MiB",
             Request("POST", f"/api/v1/incidents/{ctx.incident_id}/notes", json_headers(operator),
                     js({"text": "n" * 2 * mib})), REJECT, (413,), short=True),
        Case("huge and amplifying bodies", "label value of 900 KB",
             am([{"labels": {**probe, "v": "x" * 900_000}, "annotations": {}}]), REJECT, (413, 422), short=True),
        Case("huge and amplifying bodies", "label name of 500 KB",
             am([{"labels": {**probe, "n" * 500_000: "x"}, "annotations": {}}]), REJECT, (413, 422)),
        Case("huge and amplifying bodies", "annotation of 900 KB",
             am([{"labels": probe, "annotations": {"description": "d" * 900_000}}]), REJECT, (413, 422)),
        Case("huge and amplifying bodies", "10,000 labels on one alert",
             am([{"labels": {**probe, **{f"l{i}": "v" for i in range(10_000)}}, "annotations": {}}]),
             REJECT, (413, 422), short=True),
        Case("huge and amplifying bodies", "20,000 alerts in one request",
             am([{"labels": {**probe, "i": str(i)}} for i in range(20_000)]), REJECT, (413, 422)),
        Case("huge and amplifying bodies", "commonLabels 2,000 x 2,000 alerts (amplifies to 4 M labels)",
             am([{"labels": {"i": str(i)}} for i in range(2_000)], {f"c{i}": "v" for i in range(2_000)}),
             REJECT, (413, 422), short=True),
        Case("huge and amplifying bodies", "commonLabels 12,000 x 30,000 alerts under 1 MiB",
             ingest(ctx, "alertmanager", b'{"version":"4","status":"firing","commonLabels":{' +
                    b",".join(f'"c{i}":"v"'.encode() for i in range(12_000)) + b'},"alerts":[' +
                    b",".join([b'{"labels":{}}'] * 30_000) + b"]}"),
             REJECT, (413, 422), full_only=True),
        Case("huge and amplifying bodies", "generic payload of 95,000 keys",
             ingest(ctx, "generic", js({"summary": "probe", **{f"k{i}": i for i in range(95_000)}})),
             EITHER, timeout=5.0),
        Case("huge and amplifying bodies", "sentry tags of 50,000 pairs",
             ingest(ctx, "sentry", js({"action": "triggered", "data": {"event": {
                 "title": "probe", "tags": [[f"t{i}", "v"] for i in range(50_000)]}}})), REJECT, (413, 422)),
        Case("huge and amplifying bodies", "datadog tags string of 60,000 tags",
             ingest(ctx, "datadog", js({"title": "probe", "tags": ",".join(f"t{i}:v" for i in range(60_000))})),
             REJECT, (413, 422)),
        Case("huge and amplifying bodies", "silence of 5,000 matchers",
             Request("POST", "/api/v1/silences", json_headers(operator),
                     js({"matchers": [f"l{i}=v" for i in range(5_000)], "duration": "1m", "comment": "c"})),
             EITHER, timeout=5.0),
        Case("huge and amplifying bodies", "retry of 100,000 ids",
             Request("POST", "/api/v1/deliveries/retry", json_headers(operator),
                     js({"ids": list(range(1, 100_001))})), REJECT, (400, 404, 413, 422)),
    ]
    return cases


def utf8_cases(ctx):
    cases = []
    operator = ctx.tokens["operator"]
    sequences = [
        ("lone continuation byte", b"\x80"),
        ("0xFF byte", b"\xff"),
        ("overlong slash", b"\xc0\xaf"),
        ("overlong NUL", b"\xc0\x80"),
        ("UTF-8 surrogate", b"\xed\xa0\x80"),
        ("truncated 3-byte sequence", b"\xe2\x82"),
        ("code point over U+10FFFF", b"\xf4\x90\x80\x80"),
        ("raw NUL", b"\x00"),
    ]
    for index, (name, raw) in enumerate(sequences):
        body = b'{"version":"4","alerts":[{"labels":{"alertname":"Probe' + raw + b'"}}]}'
        cases.append(Case("invalid UTF-8 and NUL", f"ingest alertmanager: {name} in a label",
                          ingest(ctx, "alertmanager", body), REJECT, short=index in (1, 4, 7)))
        key = b'{"version":"4","alerts":[{"labels":{"alert' + raw + b'name":"Probe"}}]}'
        cases.append(Case("invalid UTF-8 and NUL", f"ingest alertmanager: {name} in a label name",
                          ingest(ctx, "alertmanager", key), REJECT))
        cases.append(Case("invalid UTF-8 and NUL", f"ingest generic: {name} in the summary",
                          ingest(ctx, "generic", b'{"event_action":"trigger","payload":{"summary":"a' + raw +
                                 b'","source":"h","severity":"critical"}}'), REJECT))
        cases.append(Case("invalid UTF-8 and NUL", f"note: {name} in the text",
                          Request("POST", f"/api/v1/incidents/{ctx.incident_id}/notes", json_headers(operator),
                                  b'{"text":"a' + raw + b'"}'), REJECT, short=index == 1))
        cases.append(Case("invalid UTF-8 and NUL", f"silence: {name} in a matcher",
                          Request("POST", "/api/v1/silences", json_headers(operator),
                                  b'{"matchers":["alertname=a' + raw + b'"],"duration":"1m","comment":"c"}'),
                          REJECT))
    escapes = [
        ("escaped NUL in a label value", js(alertmanager([{"labels": {"alertname": "Probe\u0000x"}}]))),
        ("escaped NUL in a label name", js(alertmanager([{"labels": {"alert\u0000name": "Probe"}}]))),
        ("right-to-left override in a label", js(alertmanager([{"labels": {"alertname": "Probe\u202egnp.exe"}}]))),
    ]
    for name, body in escapes:
        cases.append(Case("invalid UTF-8 and NUL", f"ingest alertmanager: {name}", ingest(ctx, "alertmanager", body),
                          EITHER))
    cases.append(Case("invalid UTF-8 and NUL", "NUL in the path",
                      Request("GET", "/api/v1/incidents/1%00", bearer(ctx.tokens["viewer"])), REJECT, (400, 404),
                      short=True))
    cases.append(Case("invalid UTF-8 and NUL", "invalid UTF-8 in a query value",
                      Request("GET", "/api/v1/incidents?state=%ff%fe", bearer(ctx.tokens["viewer"])), REJECT, (400,)))
    cases.append(Case("invalid UTF-8 and NUL", "invalid UTF-8 in the search",
                      Request("GET", "/api/v1/runbooks/search?q=%c0%af", bearer(ctx.tokens["viewer"])), EITHER))
    return cases


def wrong_type_cases(ctx):
    cases = []
    operator, admin = ctx.tokens["operator"], ctx.tokens["admin"]
    am_bodies = [
        ("alerts is a string", alertmanager(alerts="x")),
        ("alerts is an object", alertmanager(alerts={"a": 1})),
        ("alerts is null", alertmanager(alerts=None) | {"alerts": None}),
        ("an alert is a number", alertmanager(alerts=[5])),
        ("labels is an array", alertmanager(alerts=[{"labels": ["a", "b"]}])),
        ("labels is a string", alertmanager(alerts=[{"labels": "alertname=x"}])),
        ("a label value is an object", alertmanager(alerts=[{"labels": {"alertname": {"a": 1}}}])),
        ("a label value is an array", alertmanager(alerts=[{"labels": {"alertname": [1]}}])),
        ("annotations is an array", alertmanager(alerts=[{"labels": {"alertname": "x"}, "annotations": []}])),
        ("status is a number", alertmanager(alerts=[{"labels": {"alertname": "x"}, "status": 5}])),
        ("startsAt is not a time", alertmanager(alerts=[{"labels": {"alertname": "x"}, "startsAt": "yesterday"}])),
        ("startsAt is a number", alertmanager(alerts=[{"labels": {"alertname": "x"}, "startsAt": 1e300}])),
        ("commonLabels is an array", alertmanager(common=None) | {"commonLabels": [1, 2]}),
        ("no alerts at all", {"version": "4"}),
    ]
    for index, (name, body) in enumerate(am_bodies):
        cases.append(Case("wrong types", f"ingest alertmanager: {name}", ingest(ctx, "alertmanager", js(body)),
                          REJECT, (400, 422), short=index % 4 == 0))
    others = [
        ("sentry", "data is a string", {"action": "triggered", "data": "x"}),
        ("sentry", "event is an array", {"action": "triggered", "data": {"event": []}}),
        ("sentry", "tags is a string", {"action": "triggered", "data": {"event": {"title": "t", "tags": "x"}}}),
        ("sentry", "a tag is a triple", {"action": "triggered", "data": {"event": {"title": "t",
                                                                                    "tags": [["a", "b", "c"]]}}}),
        ("pingdom", "current_state is an object", {"check_name": "c", "current_state": {"a": 1}}),
        ("pingdom", "check_name is an array", {"check_name": [1], "current_state": "DOWN"}),
        ("datadog", "tags is an object", {"title": "t", "tags": {"a": 1}}),
        ("datadog", "title is an array", {"title": ["t"], "alert_transition": "Triggered"}),
        ("datadog", "empty object", {}),
        ("generic", "payload is a string", {"event_action": "trigger", "payload": "x"}),
        ("generic", "summary is an object", {"event_action": "trigger",
                                             "payload": {"summary": {"a": 1}, "source": "h", "severity": "critical"}}),
        ("generic", "dedup_key of 10,000 chars", {"event_action": "trigger", "dedup_key": "d" * 10_000,
                                                  "payload": {"summary": "s", "source": "h", "severity": "critical"}}),
        ("generic", "empty object", {}),
        ("cloudwatch", "Message is a number", {"Type": "Notification", "Message": 5}),
        ("cloudwatch", "Trigger is a string", {"AlarmName": "a", "NewStateValue": "ALARM", "Trigger": "x"}),
    ]
    for source, name, body in others:
        cases.append(Case("wrong types", f"ingest {source}: {name}", ingest(ctx, source, js(body)), REJECT,
                          (400, 401, 422), short=name == "empty object"))
    bodies = [
        ("notes", f"/api/v1/incidents/{ctx.incident_id}/notes", operator, [
            {}, {"text": 1}, {"text": None}, {"text": ""}, {"text": ["a"]}, {"note": "a"}, [{"text": "a"}]]),
        ("retract", f"/api/v1/incidents/{ctx.incident_id}/retract", admin, [
            {}, {"reason": 1}, {"reason": ""}, {"reason": None}, {"reason": {"a": "b"}}]),
        ("alert retract", f"/api/v1/alerts/{ctx.alert_id}/retract", admin, [{}, {"reason": ""}, {"reason": 5}]),
        ("retry", "/api/v1/deliveries/retry", operator, [
            {}, {"ids": "1"}, {"ids": []}, {"ids": [-1]}, {"ids": ["a"]}, {"ids": [1.5]}, {"all_dead": "yes"},
            {"all_dead": False}, {"ids": [1], "all_dead": True}, {"ids": [2 ** 70]}]),
        ("silence", "/api/v1/silences", operator, [
            {}, {"matchers": "a=b", "duration": "1h", "comment": "c"},
            {"matchers": [], "duration": "1h", "comment": "c"},
            {"matchers": [1], "duration": "1h", "comment": "c"},
            {"matchers": ["a=b"], "duration": 3600, "comment": "c"},
            {"matchers": ["a=b"], "duration": "1h", "comment": ""},
            {"matchers": ["a=b"], "duration": "1h"},
            {"matchers": ["a=b"], "comment": "c"},
            {"matchers": ["a=b"], "duration": "1h", "ends_at": "2099-01-01T00:00:00Z", "comment": "c"},
            {"matchers": ["a=b"], "ends_at": "2000-01-01T00:00:00Z", "comment": "c"},
            {"matchers": ["a=b"], "ends_at": "tomorrow", "comment": "c"},
            {"matchers": ["a=b"], "ends_at": 4102444800, "comment": "c"},
            {"matchers": ["=b"], "duration": "1h", "comment": "c"},
            {"matchers": ["a"], "duration": "1h", "comment": "c"},
            {"matchers": ["1a=b"], "duration": "1h", "comment": "c"},
            {"matchers": ["a=~("], "duration": "1h", "comment": "c"},
            {"matchers": ["a=~[z-a]"], "duration": "1h", "comment": "c"},
            {"matchers": ["a=b"], "duration": "1h", "comment": 5},
        ]),
    ]
    for label, path, token, items in bodies:
        for index, body in enumerate(items):
            cases.append(Case("wrong types", f"{label}: {json.dumps(body)[:60]}",
                              Request("POST", path, json_headers(token), js(body)), REJECT, (400, 404, 422),
                              short=index == 1))
    return cases


def content_type_cases(ctx):
    cases = []
    operator = ctx.tokens["operator"]
    types = [
        ("text/plain", REJECT), ("text/html", REJECT), ("application/xml", REJECT),
        ("application/x-www-form-urlencoded", REJECT), ("multipart/form-data; boundary=x", REJECT),
        ("application/octet-stream", REJECT), ("image/png", REJECT),
        ("application/json; charset=utf-8", ACCEPT), ("application/vnd.api+json", ACCEPT),
        ("APPLICATION/JSON", EITHER), ("garbage", EITHER), ("", EITHER), (";;;", EITHER),
        ("application/json" + ", text/plain" * 200, EITHER),
    ]
    for index, (content_type, expect) in enumerate(types):
        for source in ("alertmanager", "generic", "sentry"):
            body = VALID_BODIES[source]
            if source == "sentry":
                # A body of its own: the same signed body twice is a replay (409), whatever the content type.
                body = json.loads(json.dumps(body))
                body["data"]["event"]["event_id"] = f"content-type-{index}"
            req = ingest(ctx, source, js(body))
            req.headers["Content-Type"] = content_type
            cases.append(Case("wrong content types", f"ingest {source}: {content_type[:40]!r}", req, expect,
                              (415,) if expect == REJECT else (), short=index in (0, 3, 7)))
        if expect != ACCEPT:
            hdrs = bearer(operator) | {"Content-Type": content_type}
            cases.append(Case("wrong content types", f"note: {content_type[:40]!r}",
                              Request("POST", f"/api/v1/incidents/{ctx.missing_id}/notes", hdrs, js({"text": "x"})),
                              expect if expect == REJECT else EITHER, (415,) if expect == REJECT else ()))
            cases.append(Case("wrong content types", f"silence: {content_type[:40]!r}",
                              Request("POST", "/api/v1/silences", hdrs, js({"matchers": ["x=y"], "duration": "1m",
                                                                            "comment": "ct"})),
                              expect if expect == REJECT else EITHER, (415,) if expect == REJECT else ()))
    req = ingest(ctx, "cloudwatch", js(VALID_BODIES["cloudwatch"]))
    req.headers["Content-Type"] = "text/plain"
    cases.append(Case("wrong content types", "ingest cloudwatch: bare alarm as text/plain", req, REJECT, short=True))
    return cases


SQL = ["' OR '1'='1", "1; DROP TABLE incidents; --", "\" OR \"\"=\"", "1 UNION SELECT * FROM apiTokens",
       "%27%20OR%201=1--", "'; DELETE FROM alerts WHERE ''='"]
TRAVERSAL = ["../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "....//....//etc",
             "..\\..\\windows\\win.ini", "/etc/passwd", "file:///etc/passwd"]


def injection_cases(ctx):
    cases = []
    viewer, operator = ctx.tokens["viewer"], ctx.tokens["operator"]
    for index, text in enumerate(SQL + TRAVERSAL):
        quoted = urllib.parse.quote(text, safe="")
        short = index in (1, 7)
        for template in ("/api/v1/incidents/{}", "/api/v1/deliveries/{}"):
            cases.append(Case("SQL metacharacters and path traversal", f"GET {template}: {text}",
                              Request("GET", template.format(quoted), bearer(viewer)), REJECT, (400, 404),
                              short=short))
        for template in ("/api/v1/incidents/{}/acknowledge", "/api/v1/silences/{}/expire"):
            cases.append(Case("SQL metacharacters and path traversal", f"POST {template}: {text}",
                              Request("POST", template.format(quoted), bearer(operator)), REJECT, (400, 404)))
        cases.append(Case("SQL metacharacters and path traversal", f"ingest into integration {text!r}",
                          Request("POST", f"/api/v1/ingest/alertmanager/{quoted}",
                                  json_headers(ctx.integrations["alertmanager"]["token"]),
                                  js(VALID_BODIES["alertmanager"])), REJECT, (401, 404), short=short))
        cases.append(Case("SQL metacharacters and path traversal", f"ingest from source {text!r}",
                          Request("POST", f"/api/v1/ingest/{quoted}/alertmanager",
                                  json_headers(ctx.integrations["alertmanager"]["token"]),
                                  js(VALID_BODIES["alertmanager"])), REJECT, (400, 404)))
        cases.append(Case("SQL metacharacters and path traversal", f"entry id {text!r}",
                          Request("GET", f"/api/v1/runbooks/entry?id={quoted}", bearer(viewer)), REJECT, (400, 404),
                          short=short))
        for param in ("state", "source", "since", "until", "cursor"):
            cases.append(Case("SQL metacharacters and path traversal", f"incidents ?{param}={text}",
                              Request("GET", f"/api/v1/incidents?{param}={quoted}", bearer(viewer)), REJECT, (400,),
                              short=short and param == "cursor"))
        for query in (f"entry={quoted}", f"label.alertname={quoted}", f"label.{quoted}=x"):
            cases.append(Case("SQL metacharacters and path traversal", f"incidents ?{query[:40]}",
                              Request("GET", f"/api/v1/incidents?{query}", bearer(viewer)), EITHER))
        cases.append(Case("SQL metacharacters and path traversal", f"deliveries ?state={text}",
                          Request("GET", f"/api/v1/deliveries?state={quoted}", bearer(viewer)), REJECT, (400,)))
        cases.append(Case("SQL metacharacters and path traversal", f"search q={text}",
                          Request("GET", f"/api/v1/runbooks/search?q={quoted}", bearer(viewer)), ACCEPT))
        cases.append(Case("SQL metacharacters and path traversal", f"note text {text!r}",
                          Request("POST", f"/api/v1/incidents/{ctx.incident_id}/notes", json_headers(operator),
                                  js({"text": text})), ACCEPT, short=short))
        cases.append(Case("SQL metacharacters and path traversal", f"silence matcher value {text!r}",
                          Request("POST", "/api/v1/silences", json_headers(operator),
                                  js({"matchers": [f"alertname={text}"], "duration": "1m", "comment": text})),
                          ACCEPT))
        cases.append(Case("SQL metacharacters and path traversal", f"silence matcher name {text!r}",
                          Request("POST", "/api/v1/silences", json_headers(operator),
                                  js({"matchers": [f"{text}=x"], "duration": "1m", "comment": "c"})), REJECT, (400,)))
        cases.append(Case("SQL metacharacters and path traversal", f"alert labels {text!r}",
                          ingest(ctx, "alertmanager", js(alertmanager([{"labels": {
                              "alertname": "HostileSQL", "v": text}, "annotations": {"runbook_url": text}}]))),
                          ACCEPT, short=short))
    cases.append(Case("SQL metacharacters and path traversal", "path with ../ to the metrics",
                      Request("GET", "/api/v1/../../metrics", bearer(viewer)), EITHER))
    cases.append(Case("SQL metacharacters and path traversal", "encoded ../ out of the API",
                      Request("GET", "/api/v1/runbooks/%2e%2e%2f%2e%2e%2fetc%2fpasswd", bearer(viewer)), REJECT,
                      (400, 404), short=True))
    return cases


def pagination_cases(ctx):
    cases = []
    viewer = ctx.tokens["viewer"]
    values = ["-1", "0", "1001", "99999999999999999999", "abc", "1e3", "1.5", "", " 1", "0x10", "NaN", "-0",
              "1,2", "%00", "9223372036854775808"]
    for index, value in enumerate(values):
        quoted = urllib.parse.quote(value, safe="%")
        short = index in (0, 3, 4)
        for path in ("/api/v1/incidents", "/api/v1/deliveries", "/api/v1/coverage"):
            cases.append(Case("hostile pagination", f"{path}?limit={value!r}",
                              Request("GET", f"{path}?limit={quoted}", bearer(viewer)), REJECT, (400,),
                              short=short and path == "/api/v1/incidents"))
        cases.append(Case("hostile pagination", f"search limit={value!r}",
                          Request("GET", f"/api/v1/runbooks/search?q=disk&limit={quoted}", bearer(viewer)),
                          REJECT, (400,)))
    cursors = ["garbage", "' OR 1=1 --", base64.b64encode(b'{"id": -1}').decode(), "A" * 10_000, "-1", "0",
               base64.urlsafe_b64encode(b"\xff" * 40).decode(), "%00", "9" * 400,
               base64.b64encode(b"1|2|3|4|5").decode()]
    for index, cursor in enumerate(cursors):
        cases.append(Case("hostile pagination", f"incidents cursor={cursor[:30]!r}",
                          Request("GET", f"/api/v1/incidents?cursor={urllib.parse.quote(cursor, safe='%')}",
                                  bearer(viewer)), REJECT, (400,), short=index in (0, 3)))
    for value in ("-0.1", "1.5", "NaN", "inf", "abc", "1e999"):
        cases.append(Case("hostile pagination", f"coverage threshold={value}",
                          Request("GET", f"/api/v1/coverage?threshold={value}", bearer(viewer)), REJECT, (400,)))
    for value in ("maybe", "2"):
        cases.append(Case("hostile pagination", f"silences all={value!r}",
                          Request("GET", f"/api/v1/silences?all={value}", bearer(viewer)), REJECT, (400,)))
    for value in ("-1", "abc", "99999999999999999999"):
        cases.append(Case("hostile pagination", f"deliveries incident={value}",
                          Request("GET", f"/api/v1/deliveries?incident={value}", bearer(viewer)), REJECT, (400,)))
    for value in ("yesterday", "2026-13-45T99:99:99Z", "1e", "--1"):
        cases.append(Case("hostile pagination", f"incidents since={value}",
                          Request("GET", f"/api/v1/incidents?since={value}", bearer(viewer)), REJECT, (400,)))
    for value in ("99999999999999999999", "-99999999999", "1e308", "+5"):
        cases.append(Case("hostile pagination", f"incidents since={value} (a number, however far)",
                          Request("GET", f"/api/v1/incidents?since={value}&limit=+5", bearer(viewer)), EITHER,
                          short=value == "1e308"))
    return cases


def duration_cases(ctx):
    cases = []
    operator = ctx.tokens["operator"]

    def silence(duration=None, ends_at=None, matchers=None):
        body = {"matchers": matchers or ["alertname=HostileDuration"], "comment": "hostile"}
        if duration is not None:
            body["duration"] = duration
        if ends_at is not None:
            body["ends_at"] = ends_at
        return Request("POST", "/api/v1/silences", json_headers(operator), js(body))

    durations = [
        ("20000000000w", True), ("9" * 400 + "s", True), ("99999999999999999999d", True), ("10000w", False),
        ("1e308s", False), ("-1h", True), ("0", False), ("0s", False), ("1h-", False), (".h", False),
        ("1.5.5h", False), ("h", False), ("1", False), ("1y", False), ("１h", False),
        ("9" * 20 + "ms", False), ("0.0000000001ms", False), ("NaNh", False), ("infh", False),
    ]
    for value, short in durations:
        cases.append(Case("oversized durations", f"silence duration {value[:30]!r}", silence(value), REJECT,
                          (400, 422), short=short))
    for value in ("9999-12-31T23:59:59Z", "+275760-09-13T00:00:00Z", "2026-12-04T00:00:00+99:00"):
        cases.append(Case("oversized durations", f"silence ends_at {value}", silence(ends_at=value), REJECT,
                          (400, 422)))
    cases.append(Case("oversized durations", "silence duration 1h written 5,000 times", silence("1h" * 5000),
                      EITHER))
    return cases


def regex_cases(ctx):
    cases = []
    operator = ctx.tokens["operator"]

    def silence(matcher, comment="hostile regex"):
        return Request("POST", "/api/v1/silences", json_headers(operator),
                       js({"matchers": [matcher], "duration": "10m", "comment": comment}))

    cases += [
        Case("pathological regex", "regex of 100,000 characters", silence("alertname=~" + "a" * 100_000), REJECT,
             (400, 413, 422), short=True),
        Case("pathological regex", "regex of 10,000 alternatives",
             silence("alertname=~" + "|".join(f"a{i}" for i in range(10_000))), REJECT, (400, 413, 422)),
        Case("pathological regex", "regex nested 500 groups deep", silence("alertname=~" + "(" * 500 + "a" +
                                                                             ")" * 500), REJECT, (400, 422)),
        Case("pathological regex", "regex a{1000}{1000}", silence("alertname=~a{1000}{1000}"), REJECT, (400, 422)),
        Case("pathological regex", "back-reference regex", silence("alertname=~(a*)*\\1b"), EITHER),
        Case("pathological regex", "silence with (a+)+b", silence("alertname=~(a+)+b"), EITHER, short=True),
        Case("pathological regex", "silence with (.*a){12}", silence("alertname=~(.*a){12}"), EITHER),
    ]
    # One group key: the alerts open one incident, whose labels meet every silence once (2^30 steps unbudgeted).
    alerts = [{"labels": {"alertname": "a" * 30 + "!" + chr(99 + i), "i": str(i)}, "annotations": {}}
              for i in range(20)]
    cases.append(Case("pathological regex", "20 alerts against (a+)+b silences answer within 3 s",
                      ingest(ctx, "alertmanager", js(alertmanager(alerts, groupKey="{}:{alertname=~regex-stall}"))),
                      ACCEPT, timeout=3.0, short=True))
    cases.append(Case("pathological regex", "a heartbeat after the regex ingest answers within 2 s",
                      Request("GET", "/__lbheartbeat__"), ACCEPT, timeout=2.0))
    return cases


def filter_cases(ctx):
    viewer = ctx.tokens["viewer"]
    many = "&".join(f"label.k{i}=v{i}" for i in range(1_100))
    cases = [
        Case("label filters", "1,100 label filters on incidents", Request("GET", f"/api/v1/incidents?{many}",
                                                                           bearer(viewer)), REJECT, (400, 422),
             short=True),
        Case("label filters", "1,100 labels to fill an entry",
             Request("GET", f"/api/v1/runbooks/entry?id={urllib.parse.quote(ctx.entry_id, safe='')}&{many}",
                     bearer(viewer)), EITHER),
        Case("label filters", "1,100 states on incidents",
             Request("GET", "/api/v1/incidents?" + "&".join(["state=triggered"] * 1_100), bearer(viewer)), EITHER),
        Case("label filters", "label filter of 100 KB",
             Request("GET", f"/api/v1/incidents?label.k={'v' * 100_000}", bearer(viewer)), REJECT,
             (400, 413, 414, 422, 431)),
        Case("label filters", "empty label name", Request("GET", "/api/v1/incidents?label.=x", bearer(viewer)),
             REJECT, (400,)),
    ]
    return cases


def sentry_cases(ctx):
    cases = []
    signed = ctx.integrations["sentry-signed"]
    path = f"/api/v1/ingest/sentry/sentry-signed"
    secret = ctx.sentry_signing_secret
    body = js({"action": "triggered", "data": {"event": {"title": "HostileSentryReplay", "issue_id": "7001"}}})

    def request(headers):
        return Request("POST", path, {"Content-Type": JSON_TYPE} | headers, body)

    def signed_now(offset=0, key=secret, payload=body):
        def make():
            return Request("POST", path, {"Content-Type": JSON_TYPE} | sentry_headers(key, payload,
                                                                                        time.time() + offset), body)
        return make

    original = {}

    def first():
        req = signed_now()()
        original.update(req.headers)
        return req

    def replay():
        headers = dict(original)
        headers["Sentry-Hook-Timestamp"] = str(int(time.time()) + 1)
        return Request("POST", path, headers, body)

    def replay_same():
        return Request("POST", path, dict(original), body)

    cases += [
        Case("Sentry forgeries and replays", "no signature", request({"Sentry-Hook-Timestamp": str(int(time.time()))}),
             REJECT, (401,), short=True),
        Case("Sentry forgeries and replays", "no timestamp",
             request({"Sentry-Hook-Signature": sentry_headers(secret, body)["Sentry-Hook-Signature"]}), REJECT, (401,)),
        Case("Sentry forgeries and replays", "signed with the wrong key", None, REJECT, (401,),
             prepare=signed_now(key="not-the-secret"), short=True),
        Case("Sentry forgeries and replays", "signed with the integration token instead", None, REJECT, (401,),
             prepare=signed_now(key=signed["token"])),
        Case("Sentry forgeries and replays", "signature of another body", None, REJECT, (401,),
             prepare=signed_now(payload=b"{}")),
        Case("Sentry forgeries and replays", "timestamp 10 minutes old", None, REJECT, (401,),
             prepare=signed_now(offset=-600)),
        Case("Sentry forgeries and replays", "timestamp 10 minutes ahead", None, REJECT, (401,),
             prepare=signed_now(offset=600)),
        Case("Sentry forgeries and replays", "timestamp not a number",
             request({"Sentry-Hook-Signature": "0" * 64, "Sentry-Hook-Timestamp": "now"}), REJECT, (401,)),
        Case("Sentry forgeries and replays", "timestamp 1e400",
             request({"Sentry-Hook-Signature": "0" * 64, "Sentry-Hook-Timestamp": "1e400"}), REJECT, (401,)),
        Case("Sentry forgeries and replays", "timestamp NaN",
             request({"Sentry-Hook-Signature": "0" * 64, "Sentry-Hook-Timestamp": "nan"}), REJECT, (401,)),
        Case("Sentry forgeries and replays", "signature not hex",
             request({"Sentry-Hook-Signature": "z" * 64, "Sentry-Hook-Timestamp": str(int(time.time()))}), REJECT,
             (401,)),
        Case("Sentry forgeries and replays", "signature of 100 KB",
             request({"Sentry-Hook-Signature": "a" * 100_000, "Sentry-Hook-Timestamp": str(int(time.time()))}),
             REJECT, (400, 401, 431)),
        Case("Sentry forgeries and replays", "a token but no signature on a signed integration",
             Request("POST", path, json_headers(signed["token"]), body), REJECT, (401,)),
        Case("Sentry forgeries and replays", "token integration: token without signature",
             Request("POST", "/api/v1/ingest/sentry/sentry-token",
                     json_headers(ctx.integrations["sentry-token"]["token"]), body), REJECT, (401,)),
        Case("Sentry forgeries and replays", "valid signature and fresh timestamp", None, ACCEPT, prepare=first,
             short=True),
        Case("Sentry forgeries and replays", "replay of that request with a fresh timestamp", None, REJECT, (401, 409),
             prepare=replay, short=True),
        Case("Sentry forgeries and replays", "replay of that request as it was", None, EITHER, prepare=replay_same),
    ]
    return cases


def sns_message(**overrides):
    message = {
        "Type": "Notification", "MessageId": "5f8e-hostile", "TopicArn": "arn:aws:sns:us-east-1:123456789012:alarms",
        "Subject": "ALARM", "Message": json.dumps(VALID_BODIES["cloudwatch"]),
        "Timestamp": "2026-12-04T00:00:00.000Z", "SignatureVersion": "1",
        "Signature": base64.b64encode(b"\x01" * 256).decode(),
        "SigningCertURL": "https://evil.example/SimpleNotificationService.pem",
        "UnsubscribeURL": "https://evil.example/unsubscribe",
    }
    message.update(overrides)
    return {k: v for k, v in message.items() if v is not None}


def sns_cases(ctx):
    cases = []
    hosts = [
        "http://sns.us-east-1.amazonaws.com/cert.pem", "https://evil.example/cert.pem",
        "https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
        "https://evil.example/sns.us-east-1.amazonaws.com/",
        "https://sns.us-east-1.amazonaws.com@evil.example/cert.pem", "https://127.0.0.1/cert.pem",
        "file:///etc/passwd", "https://sns.us-east-1.amazonaws.com:1@127.0.0.1:1/cert.pem", "not a url", "",
    ]
    for index, url in enumerate(hosts):
        cases.append(Case("SNS forgeries and replays", f"SigningCertURL {url!r}",
                          ingest(ctx, "cloudwatch", js(sns_message(SigningCertURL=url))), REJECT, (400, 401, 403),
                          short=index in (1, 4)))
    forgeries = [
        ("no Signature", {"Signature": None}),
        ("no SigningCertURL", {"SigningCertURL": None}),
        ("SignatureVersion 3", {"SignatureVersion": "3"}),
        ("Signature not base64", {"Signature": "!!!"}),
        ("unknown Type", {"Type": "Bogus"}),
        ("Message not JSON", {"Message": "not json {"}),
        ("SubscriptionConfirmation with a foreign SubscribeURL",
         {"Type": "SubscriptionConfirmation", "SubscribeURL": "http://127.0.0.1:1/confirm", "Token": "t"}),
        ("UnsubscribeConfirmation", {"Type": "UnsubscribeConfirmation"}),
    ]
    for name, overrides in forgeries:
        cases.append(Case("SNS forgeries and replays", name, ingest(ctx, "cloudwatch", js(sns_message(**overrides))),
                          REJECT, (400, 401, 403), short=name == "no Signature"))
    pinned = ctx.integrations["cloudwatch-pinned"]["token"]
    cases += [
        Case("SNS forgeries and replays", "bare CloudWatch alarm without its SNS envelope",
             ingest(ctx, "cloudwatch", js(VALID_BODIES["cloudwatch"])), REJECT, (400, 401), short=True),
        Case("SNS forgeries and replays", "bare CloudWatch alarm to a topic-pinned integration",
             Request("POST", "/api/v1/ingest/cloudwatch/cloudwatch-pinned", json_headers(pinned),
                     js(VALID_BODIES["cloudwatch"])), REJECT, (400, 401, 403), short=True),
        Case("SNS forgeries and replays", "message from another topic to a pinned integration",
             Request("POST", "/api/v1/ingest/cloudwatch/cloudwatch-pinned", json_headers(pinned),
                     js(sns_message(TopicArn="arn:aws:sns:us-east-1:999999999999:evil"))), REJECT, (401, 403)),
        Case("SNS forgeries and replays", "SNS message as text/plain with a forged signature",
             ingest(ctx, "cloudwatch", js(sns_message()), {"Content-Type": "text/plain; charset=UTF-8"}), REJECT,
             (400, 401)),
        Case("SNS forgeries and replays", "SNS envelope to the alertmanager integration",
             ingest(ctx, "alertmanager", js(sns_message())), REJECT, (400, 422)),
    ]
    return cases


def protocol_cases(ctx):
    """Requests http.client will not write, sent raw; the HTTP codec's answers must be JSON errors too."""
    raws = [
        ("garbage request line", b"GARBAGE\r\n\r\n"),
        ("header without a colon", b"GET /__version__ HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"),
        ("negative Content-Length", b"POST /api/v1/silences HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
        ("two Content-Lengths", b"POST /api/v1/silences HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                b"Content-Length: 5\r\n\r\n{}"),
        ("bad chunk size", b"POST /api/v1/silences HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                           b"zz\r\n{}\r\n0\r\n\r\n"),
        ("HTTP/9.9", b"GET /__version__ HTTP/9.9\r\nHost: x\r\n\r\n"),
    ]
    # A 401 is right where the server answers from the headers, before it reads the broken body.
    return [Case("protocol errors", name, Request("RAW", "", raw=raw), REJECT, (400, 401, 413, 431, 505),
                 short=i == 0)
            for i, (name, raw) in enumerate(raws)]


def fuzz_finding_cases(ctx):
    """Inputs scripts/fuzz/run found to crash a decoder, sent to the live server."""
    firing = ["Labels:\n - = x\n", "Labels:\n - alertname = Probe\n - = no name\nAnnotations:\n - = \n"]
    return [Case("decoder inputs found by fuzzing", f"generic: templated label line without a name #{i}",
                 ingest(ctx, "generic", js({"event_action": "trigger", "payload": {
                     "summary": "probe", "source": "Alertmanager", "severity": "warning",
                     "custom_details": {"firing": text}}})), EITHER, short=True)
            for i, text in enumerate(firing)]


GENERATORS = [auth_cases, malformed_json_cases, nesting_cases, huge_cases, utf8_cases, wrong_type_cases,
              content_type_cases, injection_cases, pagination_cases, duration_cases, regex_cases, filter_cases,
              sentry_cases, sns_cases, protocol_cases, fuzz_finding_cases]


def all_cases(ctx):
    return [case for generator in GENERATORS for case in generator(ctx)]
