"""A `runbook serve` on a free 127.0.0.1 port, for the hostile corpus and schemathesis.

The server runs in its own process group with its data segment capped (4 GiB), so an amplifying body cannot take
the machine down, and without Swift's crash backtracer (SWIFT_BACKTRACE=enable=no), so a trap ends the process at
once; the runtime's `Fatal error:` line still lands in the log.
"""
import http.client
import os
import resource
import signal
import socket
import subprocess
import sys
import time

MEMORY_CAP = 4 * 1024 ** 3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, data, config, runbooks, log_path):
        self.binary, self.data, self.config, self.runbooks = binary, data, config, runbooks
        self.log_path = log_path
        self.port = free_port()
        self.process = None
        self.restarts = 0

    def cli(self, *args, env=None):
        result = subprocess.run([self.binary, *args, "--data", self.data, "--config", self.config],
                                capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=60)
        if result.returncode != 0:
            sys.exit(f"live server: `runbook {' '.join(args)}` failed: {result.stderr.strip()}")
        return result.stdout

    def start(self):
        def cap():
            resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_CAP, MEMORY_CAP))
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--config", self.config, "--runbooks", self.runbooks,
             "--listen", f"127.0.0.1:{self.port}", "--log-format", "json"],
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=cap, start_new_session=True,
            env={"SWIFT_BACKTRACE": "enable=no", **os.environ})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"live server: the server exited at start; see {self.log_path}")
            if self.alive(timeout=1):
                return
            time.sleep(0.2)
        sys.exit("live server: the server did not answer /__lbheartbeat__ within 60 s")

    def alive(self, timeout=3.0):
        if self.process.poll() is not None:
            return False
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            conn.request("GET", "/__lbheartbeat__")
            ok = conn.getresponse().status == 200
            conn.close()
            return ok
        except (OSError, http.client.HTTPException):
            return False

    def log_size(self):
        return os.path.getsize(self.log_path)

    def crashed_since(self, offset):
        """True when the log written since `offset` shows a Swift runtime trap or a fatal signal."""
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            text = log.read()
        return any(mark in text for mark in (b"Fatal error:", b"*** Signal", b"Program crashed", b"Illegal instruction"))

    def stop(self):
        """Kills the server's process group (its crash backtracer too, which holds the listening socket)."""
        if self.process:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()

    def restart(self):
        self.stop()
        self.restarts += 1
        self.port = free_port()
        self.start()
