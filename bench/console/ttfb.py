#!/usr/bin/env python3
"""Time to first byte of the console's incident page with many incidents stored (issue 10: p99 < 20 ms at 10,000).

Starts `runbook serve` on a free 127.0.0.1 port with a fresh data folder and the example library, stores N
incidents through the Alertmanager ingest endpoint (100 alerts of distinct keys per request, each opening its own
incident), signs in to the console with an API token, then asks for the pages of random incidents over one kept-alive
connection and times each from sending the request to reading the status line and headers.

Usage: bench/console/ttfb.py [--binary .build/release/runbook] [--incidents 10000] [--requests 2000]
"""
import argparse
import http.client
import json
import random
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def payload(start, count):
    alerts = [{"status": "firing",
               "labels": {"alertname": f"BenchAlert{number}", "service": f"svc-{number % 50}", "instance": "h1"},
               "annotations": {"summary": f"bench alert {number}"},
               "startsAt": "2026-12-01T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
               "fingerprint": f"bench-{number}"} for number in range(start, start + count)]
    return json.dumps({"version": "4", "groupKey": f"bench-{start}", "status": "firing", "receiver": "runbook",
                       "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {},
                       "externalURL": "http://alertmanager.invalid", "alerts": alerts})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "runbook"))
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="runbook-console-bench-"))
    data = folder / "data"
    run = lambda *command: subprocess.run([args.binary, *command, "--data", str(data)], check=True,
                                          capture_output=True, text=True).stdout
    ingest_token = json.loads(run("integrations", "add", "am", "--source", "alertmanager", "--json"))["token"]
    api_token = json.loads(run("tokens", "add", "bench", "--role", "viewer", "--json"))["token"]
    port = free_port()
    server = subprocess.Popen([args.binary, "serve", "--runbooks", str(ROOT / "examples" / "runbooks"),
                               "--data", str(data), "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        connection = None
        for _ in range(300):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", "/__lbheartbeat__")
                answer = connection.getresponse()
                answer.read()
                if answer.status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        seeded = time.monotonic()
        ids = []
        for start in range(0, args.incidents, 100):
            connection.request("POST", "/api/v1/ingest/alertmanager/am", body=payload(start, 100),
                               headers={"Content-Type": "application/json",
                                        "Authorization": f"Bearer {ingest_token}"})
            answer = connection.getresponse()
            ids += json.loads(answer.read())["incidents"]
        print(f"stored {len(ids)} incidents in {time.monotonic() - seeded:.1f} s")

        connection.request("GET", "/sign-in")
        answer = connection.getresponse()
        page = answer.read().decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        signin_cookie = answer.getheader("Set-Cookie").split(";")[0]
        body = urllib.parse.urlencode({"csrf": csrf, "token": api_token, "next": "/incidents"})
        connection.request("POST", "/sign-in", body=body,
                           headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": signin_cookie})
        answer = connection.getresponse()
        answer.read()
        session = next(line.split(";")[0] for line in answer.headers.get_all("Set-Cookie")
                       if line.startswith("rb_session="))

        random.seed(10)
        timings = []
        for _ in range(args.requests):
            incident = random.choice(ids)
            started = time.perf_counter()
            connection.request("GET", f"/incidents/{incident}", headers={"Cookie": session})
            answer = connection.getresponse()
            first_byte = time.perf_counter()
            assert answer.status == 200, answer.status
            answer.read()
            timings.append((first_byte - started) * 1000)
        timings.sort()
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(f"incident page TTFB over {len(timings)} requests, {len(ids)} incidents stored: "
              f"p50 {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms, max {timings[-1]:.2f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
