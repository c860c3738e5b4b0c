#!/usr/bin/env python3
"""Fault drills against a built `runbook` binary: each bounded in time, each printing one summary line.

    scripts/faults/run --short            # what scripts/test runs: 3 kill cycles, short outages
    scripts/faults/run --long             # 20 kill cycles, a one-minute receiver outage
    scripts/faults/run --short kill disk  # only some drills

Drills:
  kill      SIGKILL the server at random moments under sustained ingest, restart, repeat. Every alert that got a
            2xx is stored, no incident is duplicated, PRAGMA integrity_check is ok, every delivery reached the
            recording receiver at least once.
  disk      The data folder sits on a small tmpfs that fills up: ingest answers 503 storage_full (what still fits in
            space the database holds may be accepted, and is then stored), the heartbeat fails, the database stays
            intact, and both recover once space returns. Needs root (mount).
  receiver  The notification receiver is down for a stretch: the backlog metric and the heartbeat show it, and
            everything is delivered once it returns.
  slow      Hundreds of idle and drip-feeding connections: the server keeps answering others, and closes them.

The binary is $RUNBOOK_BIN, else .build/debug/runbook, else .build/release/runbook. Exit status 1 when a drill
fails, 0 when all pass (a drill that cannot run here, such as disk without root, is reported as skipped).
"""
import argparse
import http.server
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def binary():
    for path in [os.environ.get("RUNBOOK_BIN", ""), ".build/debug/runbook", ".build/release/runbook"]:
        if path and os.path.exists(os.path.join(ROOT, path)):
            return os.path.join(ROOT, path)
    sys.exit("faults: no runbook binary; build one (swift build) or set RUNBOOK_BIN")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Receiver:
    """A local HTTP receiver recording every POST; `down` makes it answer 503."""

    def __init__(self):
        self.requests = []
        self.down = False
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if outer.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                with outer.lock:
                    outer.requests.append((dict(self.headers), body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        class Quiet(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a sender killed mid-request is what the drills do

        self.server = Quiet(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keys(self):
        with self.lock:
            return {headers.get("Idempotency-Key") or headers.get("webhook-id") for headers, _ in self.requests}

    def close(self):
        self.server.shutdown()


class Server:
    """One `runbook serve` process on a free port, with its data folder and config."""

    def __init__(self, data, config, port=None, log=None, environment=None):
        self.data, self.config, self.environment = data, config, environment
        self.port = port or free_port()
        self.process = None
        self.log = open(log or os.path.join(os.path.dirname(config), f"serve-{self.port}.log"), "ab")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        self.process = subprocess.Popen(
            [binary(), "serve", "--listen", f"127.0.0.1:{self.port}", "--data", self.data, "--config", self.config,
             "--log-format", "json", "--library-poll-interval", "0"],
            cwd=ROOT, stdout=self.log, stderr=self.log, env=self.environment)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"runbook serve exited with {self.process.returncode}; see {self.log.name}")
            try:
                if request(self.base + "/__lbheartbeat__", timeout=1)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"runbook serve did not answer within {timeout} s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def request(url, body=None, headers=None, timeout=10):
    """(status, headers, body) of one request; HTTP errors are answers, not exceptions."""
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def admin(data, config, *arguments):
    out = subprocess.run([binary(), *arguments, "--data", data, "--config", config, "--json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"runbook {' '.join(arguments)} failed: {out.stderr}")
    return json.loads(out.stdout)


def write_config(folder, receiver_port, max_due_age="5m", extra=""):
    path = os.path.join(folder, "runbook.yaml")
    with open(path, "w") as config:
        config.write(f"""runbooks: [examples/runbooks]
{extra}notifications:
  channels:
    - name: recorder
      type: webhook
      url: http://127.0.0.1:{receiver_port}/hook
  default_route:
    channels: [recorder]
  storm:
    limit: 100000
    window: 1m
  retry:
    first: 100ms
    cap: 500ms
    give_up: 24h
  dispatcher:
    poll_interval: 100ms
    max_due_age: {max_due_age}
""")
    return path


def alert(name):
    return json.dumps({
        "version": "4", "groupKey": name, "status": "firing", "receiver": "runbook", "groupLabels": {},
        "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://alertmanager.test",
        "alerts": [{"status": "firing", "labels": {"alertname": name, "app": "fault-drill"},
                    "annotations": {"summary": "fault drill"}, "startsAt": "2026-01-01T00:00:00Z",
                    "endsAt": "0001-01-01T00:00:00Z", "fingerprint": name}],
    })


def ingest(server, token, name, timeout=10):
    return request(server.base + "/api/v1/ingest/alertmanager/drill", alert(name),
                   {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}, timeout=timeout)


def database(data):
    return sqlite3.connect(os.path.join(data, "runbook.sqlite"), timeout=30)


def wait_until(condition, timeout, step=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def setup(folder, receiver, **config):
    data = os.path.join(folder, "data")
    path = write_config(folder, receiver.port, **config)
    token = admin(data, path, "integrations", "add", "drill", "--source", "alertmanager")["token"]
    return data, path, token


def drill_kill(folder, cycles):
    receiver = Receiver()
    data, config, token = setup(folder, receiver)
    server = Server(data, config)
    acknowledged, refused, cut, counter = set(), 0, 0, [0]
    lock = threading.Lock()
    for cycle in range(cycles):
        server.start()
        stop = threading.Event()

        def load():
            nonlocal refused, cut
            while not stop.is_set():
                with lock:
                    counter[0] += 1
                    name = f"Drill{counter[0]}"
                try:
                    status = ingest(server, token, name, timeout=5)[0]
                except OSError:
                    status = 0
                with lock:
                    if 200 <= status < 300:
                        acknowledged.add(name)
                    elif status:
                        refused += 1
                    else:
                        cut += 1

        threads = [threading.Thread(target=load) for _ in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(0.3, 1.5))
        server.kill()
        stop.set()
        for thread in threads:
            thread.join()
    server.start()
    with database(data) as db:
        sent_target = db.execute("SELECT COUNT(*) FROM deliveries").fetchone()[0]
    delivered = wait_until(lambda: pending(data) == 0, 60)
    server.stop()
    with database(data) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        stored = {row[0] for row in db.execute("SELECT DISTINCT json_extract(labels, '$.alertname') FROM alerts")}
        duplicated = db.execute(
            "SELECT COUNT(*) FROM (SELECT key FROM incidents GROUP BY key, source HAVING COUNT(*) > 1)").fetchone()[0]
        keys = {row[0] for row in db.execute("SELECT idempotencyKey FROM deliveries")}
    lost = acknowledged - stored
    unsent = keys - receiver.keys()
    receiver.close()
    ok = integrity == "ok" and not lost and duplicated == 0 and not unsent and delivered
    print(f"fault kill: {'PASS' if ok else 'FAIL'} cycles={cycles} acknowledged={len(acknowledged)} "
          f"stored={len(acknowledged & stored)} lost={len(lost)} refused={refused} cut_or_unreachable={cut} "
          f"duplicated_incidents="
          f"{duplicated} deliveries={len(keys)} received={len(keys & receiver.keys())} unsent={len(unsent)} "
          f"(of {sent_target} before the drain) integrity={integrity}")
    return ok


def pending(data):
    with database(data) as db:
        return db.execute("SELECT COUNT(*) FROM deliveries WHERE state NOT IN ('sent', 'dead')").fetchone()[0]


def metric(server, name):
    text = request(server.base + "/metrics")[2].decode()
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


def drill_disk(folder):
    if os.geteuid() != 0:
        print("fault disk: SKIP (needs root to mount a tmpfs)")
        return True
    mount = os.path.join(folder, "small")
    os.makedirs(mount)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount]).returncode != 0:
        print("fault disk: SKIP (mount -t tmpfs failed)")
        return True
    receiver = Receiver()
    try:
        path = write_config(folder, receiver.port, extra="http:\n  heartbeat_interval: 100ms\n")
        data = os.path.join(mount, "data")
        token = admin(data, path, "integrations", "add", "drill", "--source", "alertmanager")["token"]
        server = Server(data, path)
        server.start()
        stored_before = sum(1 for number in range(20) if ingest(server, token, f"Before{number}")[0] == 202)
        filler = os.path.join(mount, "filler")
        with open(filler, "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        # At least 20 ingests, and on until one is refused: writes that fit in space the database already holds may
        # be accepted first (at most 200 in all).
        def refused(answer):
            return answer[0] == 503 and b"storage_full" in answer[2]
        answers = []
        for number in range(200):
            answers.append(ingest(server, token, f"Full{number}"))
            if number >= 19 and any(refused(answer) for answer in answers):
                break
        full = [answer for answer in answers if refused(answer)]
        other = sorted({answer[0] for answer in answers if answer not in full})
        time.sleep(0.2)
        heartbeat_full = request(server.base + "/__heartbeat__")[0]
        os.remove(filler)
        recovered = wait_until(lambda: ingest(server, token, "After")[0] == 202, 10, step=0.2)
        time.sleep(0.2)
        heartbeat_after = request(server.base + "/__heartbeat__")[0]
        server.stop()
        with database(data) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            before = db.execute("SELECT COUNT(*) FROM alerts WHERE title LIKE 'Before%' OR "
                                "json_extract(labels, '$.alertname') LIKE 'Before%'").fetchone()[0]
            during = db.execute("SELECT COUNT(*) FROM alerts WHERE "
                                "json_extract(labels, '$.alertname') LIKE 'Full%'").fetchone()[0]
        # A write that fits in space the database already holds (the WAL starts over in it) may still be accepted on
        # the full disk; each one accepted must be stored, and none refused may be.
        accepted = sum(1 for answer in answers if answer[0] == 202)
        ok = (len(full) > 0 and len(full) + accepted == len(answers) and heartbeat_full == 503 and recovered
              and heartbeat_after == 200 and integrity == "ok" and before == stored_before and during == accepted)
        print(f"fault disk: {'PASS' if ok else 'FAIL'} stored_before={stored_before} kept={before} "
              f"storage_full_503={len(full)}/{len(answers)} accepted_while_full={accepted} stored_while_full={during} "
              f"other_statuses={other} heartbeat_full={heartbeat_full} "
              f"recovered={recovered} heartbeat_after={heartbeat_after} integrity={integrity}")
        return ok
    finally:
        receiver.close()
        subprocess.run(["umount", "-l", mount])


def drill_receiver(folder, outage):
    receiver = Receiver()
    data, config, token = setup(folder, receiver, max_due_age="1s",
                                extra="http:\n  heartbeat_interval: 100ms\n")
    server = Server(data, config)
    server.start()
    receiver.down = True
    sent = sum(1 for number in range(20) if ingest(server, token, f"Outage{number}")[0] == 202)
    started = time.time()
    backlog, heartbeat_failed = 0.0, False
    while time.time() - started < outage:
        backlog = max(backlog, metric(server, "runbook_outbox_pending") or 0)
        heartbeat_failed = heartbeat_failed or request(server.base + "/__heartbeat__")[0] == 503
        time.sleep(0.25)
    receiver.down = False
    returned = time.time()
    delivered = wait_until(lambda: pending(data) == 0, 60)
    took = time.time() - returned
    heartbeat_after = 0
    if wait_until(lambda: request(server.base + "/__heartbeat__")[0] == 200, 10):
        heartbeat_after = 200
    server.stop()
    with database(data) as db:
        keys = {row[0] for row in db.execute("SELECT idempotencyKey FROM deliveries")}
    missing = keys - receiver.keys()
    receiver.close()
    ok = sent == 20 and backlog > 0 and heartbeat_failed and delivered and not missing and heartbeat_after == 200
    print(f"fault receiver: {'PASS' if ok else 'FAIL'} outage={outage}s alerts={sent} max_backlog_metric="
          f"{int(backlog)} heartbeat_failed_during={heartbeat_failed} delivered_after={took:.1f}s "
          f"deliveries={len(keys)} missing={len(missing)} heartbeat_after={heartbeat_after}")
    return ok


def drill_slow(folder, connections):
    receiver = Receiver()
    data, config, token = setup(folder, receiver,
                                extra="http:\n  header_timeout: 2s\n  body_timeout: 2s\n  idle_timeout: 3s\n")
    server = Server(data, config)
    server.start()
    sockets = []
    for number in range(connections):
        client = socket.create_connection(("127.0.0.1", server.port))
        if number % 3 == 1:
            client.sendall(b"GET /__version__ HTTP/1.1\r\nHost: x\r\n")
        elif number % 3 == 2:
            client.sendall(b"POST /api/v1/ingest/alertmanager/drill HTTP/1.1\r\nHost: x\r\n"
                           b"Content-Length: 1000\r\n\r\n0123456789")
        sockets.append(client)
    latencies, failures = [], 0
    for number in range(50):
        started = time.time()
        status = ingest(server, token, f"Busy{number}", timeout=5)[0] if number % 2 else \
            request(server.base + "/__version__", timeout=5)[0]
        latencies.append(time.time() - started)
        failures += 0 if status in (200, 202) else 1
    closed = 0
    for client in sockets:
        client.settimeout(10)
        try:
            while client.recv(4096):
                pass
            closed += 1
        except OSError:
            closed += 1 if isinstance(sys.exc_info()[1], ConnectionResetError) else 0
        client.close()
    server.stop()
    receiver.close()
    latencies.sort()
    ok = failures == 0 and closed == connections and latencies[-1] < 2
    print(f"fault slow: {'PASS' if ok else 'FAIL'} slow_connections={connections} closed_by_server={closed} "
          f"others_answered={50 - failures}/50 p50={latencies[len(latencies) // 2] * 1000:.0f}ms "
          f"max={latencies[-1] * 1000:.0f}ms")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--short", action="store_true", help="the quick form (default)")
    size.add_argument("--long", action="store_true", help="20 kill cycles, a one-minute outage, more connections")
    parser.add_argument("drills", nargs="*", default=["kill", "disk", "receiver", "slow"])
    arguments = parser.parse_args()
    long = arguments.long
    results = []
    for name in arguments.drills:
        with tempfile.TemporaryDirectory(prefix=f"runbook-fault-{name}-") as folder:
            try:
                if name == "kill":
                    results.append(drill_kill(folder, 20 if long else 3))
                elif name == "disk":
                    results.append(drill_disk(folder))
                elif name == "receiver":
                    results.append(drill_receiver(folder, 60 if long else 4))
                elif name == "slow":
                    results.append(drill_slow(folder, 300 if long else 120))
                else:
                    sys.exit(f"faults: unknown drill {name}")
            except Exception as error:
                print(f"fault {name}: FAIL {error}")
                results.append(False)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
