#!/usr/bin/env python3
"""Drives the web console in headless Chromium, in the order issue 10's "Done when" gives.

Starts `runbook serve` on a free 127.0.0.1 port with a fresh data folder, the fixture library beside this file, a
webhook channel pointed at a receiver inside this script, and `notifications.console_url` set to the server itself.
Then: sign in as a local user; post an Alertmanager payload to the ingest endpoint; see the incident appear in the
list without a reload; open it and see the entry's Diagnosis with a placeholder filled from the labels; acknowledge,
note, correct the entry and resolve, seeing each step in the timeline; follow the links of the webhook delivery the
receiver got; check that hostile labels, annotations and runbook HTML render as text and never run. Screenshots of
the incident, runbook and coverage pages at 1280x900 and 390x844 go to test-output/console/.

Usage: scripts/console-e2e/e2e.py [--binary PATH] [--keep]
Prints one line per step and a last line `N passed, M failed`; exits 1 when a step failed.
"""
import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
OUTPUT = ROOT / "test-output" / "console"
PASSWORD = "e2e-password-long-enough"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Receiver(BaseHTTPRequestHandler):
    """Keeps every webhook body it is sent."""

    bodies = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        Receiver.bodies.append(json.loads(self.rfile.read(length) or b"{}"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what} after {seconds} s")


def alert_payload(name, labels, annotations):
    alert = {"status": "firing", "labels": {"alertname": name, **labels}, "annotations": annotations,
             "startsAt": "2026-12-01T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
             "fingerprint": f"e2e-{name}"}
    return {"version": "4", "groupKey": f"{{}}:{{alertname=\"{name}\"}}", "status": "firing",
            "receiver": "runbook", "groupLabels": {"alertname": name}, "commonLabels": {"alertname": name},
            "commonAnnotations": {}, "externalURL": "http://alertmanager.invalid", "alerts": [alert]}


class Run:
    def __init__(self, args):
        self.args = args
        self.passed = 0
        self.failed = 0
        self.folder = Path(tempfile.mkdtemp(prefix="runbook-console-e2e-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.binary = args.binary or str(ROOT / ".build" / "debug" / "runbook")
        self.server = None
        self.receiver = None
        self.driver = None

    # Set-up

    def start(self):
        receiver_port = free_port()
        self.receiver = ThreadingHTTPServer(("127.0.0.1", receiver_port), Receiver)
        threading.Thread(target=self.receiver.serve_forever, daemon=True).start()
        config = self.folder / "runbook.yml"
        config.write_text(f"""notifications:
  console_url: {self.base}
  channels:
    - name: e2e-hook
      type: webhook
      url: http://127.0.0.1:{receiver_port}/hook
  default_route:
    channels: [e2e-hook]
""")
        data = self.folder / "data"
        run([self.binary, "users", "add", "e2e", "--role", "operator", "--password-stdin", "--data", str(data)],
            input=PASSWORD + "\n")
        integration = json.loads(run([self.binary, "integrations", "add", "am", "--source", "alertmanager",
                                      "--json", "--data", str(data)]))
        self.ingest_token = integration["token"]
        self.log = open(self.folder / "server.log", "w")
        self.server = subprocess.Popen(
            [self.binary, "serve", "--config", str(config), "--runbooks", str(HERE / "runbooks"),
             "--data", str(data), "--listen", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(self.server_answers, 30, "the server to answer /__lbheartbeat__")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,900"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(
            service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        OUTPUT.mkdir(parents=True, exist_ok=True)

    def server_answers(self):
        if self.server.poll() is not None:
            raise AssertionError(f"the server exited with {self.server.returncode}; see {self.folder}/server.log")
        try:
            with urllib.request.urlopen(self.base + "/__lbheartbeat__", timeout=1) as answer:
                return answer.status == 200
        except OSError:
            return False

    def stop(self):
        if self.driver:
            self.driver.quit()
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=30)
        if self.receiver:
            self.receiver.shutdown()
        if not self.args.keep:
            shutil.rmtree(self.folder, ignore_errors=True)

    # Helpers

    def step(self, name, body):
        try:
            body()
        except (AssertionError, WebDriverException, OSError, subprocess.CalledProcessError) as error:
            self.failed += 1
            print(f"FAIL {name}: {str(error).strip().splitlines()[0] if str(error).strip() else type(error)}")
            return False
        self.passed += 1
        print(f"ok   {name}")
        return True

    def ingest(self, payload):
        request = urllib.request.Request(
            f"{self.base}/api/v1/ingest/alertmanager/am", data=json.dumps(payload).encode(), method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.ingest_token}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 202, f"ingest answered {answer.status}"
            return json.loads(answer.read())

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def click(self, label):
        self.driver.find_element(By.XPATH, f'//button[normalize-space()="{label}"]').click()

    def arrived(self, path, what):
        # A click returns before the next page has loaded: wait for it, rather than read the old one.
        WebDriverWait(self.driver, 20).until(
            lambda d: d.current_url.split("#")[0].endswith(path) and d.execute_script(
                "return document.readyState") == "complete",
            f"{what}: still at {self.driver.current_url}")

    def timeline_has(self, line):
        # The form posts and the page is replaced: an element found on the old page goes stale meanwhile. Chromium
        # reports that either as a stale element or, when the old document goes while the text is read, as an
        # "unknown error" that the node "does not belong to the document": both mean "not yet", nothing else does.
        def shown(driver):
            try:
                return line in driver.find_element(By.ID, "timeline").find_element(By.XPATH, "..").text
            except WebDriverException as error:
                if "does not belong to the document" in str(error):
                    return False
                raise

        WebDriverWait(self.driver, 10, ignored_exceptions=[StaleElementReferenceException]).until(
            shown, f"the timeline lacks '{line}'")

    def no_script_ran(self):
        ran = self.driver.execute_script("return window.__xss === undefined ? null : String(window.__xss)")
        assert ran is None, f"a hostile fixture ran: window.__xss = {ran}"

    def screenshots(self, name):
        for size, (width, height) in SIZES.items():
            self.driver.set_window_size(width, height)
            self.driver.save_screenshot(str(OUTPUT / f"{name}-{size}.png"))
            wide = self.driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert wide <= 0, f"the {name} page is {wide} px wider than a {width} px window"
        self.driver.set_window_size(*SIZES["desktop"])

    # The steps

    def sign_in(self):
        self.driver.get(self.base + "/incidents")
        assert "/sign-in" in self.driver.current_url, f"not sent to sign in: {self.driver.current_url}"
        self.driver.find_element(By.ID, "name").send_keys("e2e")
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        self.click("Sign in")
        self.arrived("/incidents", "after sign-in")
        assert "e2e (operator)" in self.text()

    def incident_appears_without_reload(self):
        self.driver.execute_script("window.__sameDocument = 'yes'")
        payload = alert_payload(
            "DiskFull", {"service": "payments-db", "instance": "db-7", "xss": '<script>window.__xss="label"</script>'},
            {"summary": "<img src=x onerror=\"window.__xss='annotation'\">"})
        self.incident = self.ingest(payload)["incidents"][0]
        WebDriverWait(self.driver, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, f'#incident-rows a[href="/incidents/{self.incident}"]'),
            "the new incident never appeared in the list")
        same = self.driver.execute_script("return window.__sameDocument || null")
        assert same == "yes", "the list page was reloaded to show the incident"

    def diagnosis_filled(self):
        self.driver.find_element(By.CSS_SELECTOR, f'#incident-rows a[href="/incidents/{self.incident}"]').click()
        self.arrived(f"/incidents/{self.incident}", "after opening the incident")
        headings = [h.text for h in self.driver.find_elements(By.TAG_NAME, "h4")]
        assert headings[:2] == ["Diagnosis", "Mitigation"], f"part headings: {headings}"
        assert "ssh db-7 df -h /var/lib/postgresql" in self.text(), "the command is not filled from the labels"
        self.screenshots("incident")

    def hostile_alert_is_text(self):
        self.no_script_ran()
        text = self.text()
        assert '<script>window.__xss="label"</script>' in text, "the hostile label is not shown as text"
        assert "<img src=x onerror=" in text, "the hostile annotation is not shown as text"

    def acknowledge(self):
        self.click("Acknowledge")
        self.timeline_has("acknowledged by e2e")

    def note(self):
        self.driver.find_element(By.ID, "note-text").send_keys("Cleared old WAL archives <by hand>")
        self.click("Add note")
        self.timeline_has("note by e2e: Cleared old WAL archives <by hand>")

    def correct_entry(self):
        self.driver.find_element(By.ID, "entry-other").send_keys("payments.md#highlatency-checkout")
        self.click("Save the entry")
        self.timeline_has("entryChosen by e2e")
        marks = [m.text for m in self.driver.find_elements(By.CSS_SELECTOR, "mark.unfilled")]
        assert "<namespace>" in marks, f"the unfilled placeholder is not highlighted: {marks}"

    def resolve(self):
        self.click("Resolve")
        self.timeline_has("resolved by e2e")
        assert self.driver.find_elements(By.XPATH, '//button[normalize-space()="Reopen"]'), "no reopen after resolve"

    def webhook_links_open(self):
        body = wait_for(lambda: next((b for b in Receiver.bodies
                                      if (b.get("data") or {}).get("entry", {}).get("url")), None),
                        30, "a webhook delivery with links")
        incident_url = body["data"]["incident"]["url"]
        entry_url = body["data"]["entry"]["url"]
        assert incident_url == f"{self.base}/incidents/{self.incident}", f"incident link {incident_url}"
        self.driver.get(incident_url)
        assert f"Incident {self.incident}" in self.driver.find_element(By.TAG_NAME, "h1").text
        self.driver.get(entry_url)
        anchor = entry_url.split("#", 1)[1]
        assert self.driver.find_elements(By.ID, anchor), f"the runbook page has no element with id {anchor}"

    def hostile_runbook_is_text(self):
        self.driver.get(self.base + "/runbooks/payments.md#hostile-fixture")
        self.no_script_ran()
        text = self.text()
        assert "<script>window.__xss" in text, "the runbook's raw HTML block is not shown as text"
        links = [a.get_attribute("href") or "" for a in self.driver.find_elements(By.TAG_NAME, "a")]
        assert not any(link.lower().startswith("javascript:") for link in links), "a javascript: link survived"
        self.screenshots("runbook")

    def coverage(self):
        self.ingest(alert_payload("Zorblax", {"service": "quux"}, {"summary": "nothing answers this"}))
        self.driver.get(self.base + "/coverage")
        assert "Zorblax" in self.text(), "the unanswered key is not on the coverage page"
        self.screenshots("coverage")

    def headings_in_order(self):
        for path in [f"/incidents/{self.incident}", "/runbooks/payments.md", "/coverage", "/incidents", "/runbooks"]:
            self.driver.get(self.base + path)
            levels = self.driver.execute_script(
                "return Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1])")
            assert levels.count(1) == 1 and levels[0] == 1, f"{path}: one h1 first, got {levels}"
            jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
            assert not jumps, f"{path}: a heading level is skipped: {jumps}"
            unlabelled = self.driver.execute_script(
                "return Array.from(document.querySelectorAll('input:not([type=hidden]),select,textarea'))"
                ".filter(e => !(e.id && document.querySelector('label[for=\"' + e.id + '\"]'))).length")
            assert unlabelled == 0, f"{path}: {unlabelled} input(s) without a label"

    def keyboard_reaches_the_actions(self):
        self.driver.get(f"{self.base}/incidents/{self.incident}")
        body = self.driver.find_element(By.TAG_NAME, "body")
        reached = set()
        for _ in range(40):
            body.send_keys("\ue004")  # Tab
            active = self.driver.switch_to.active_element
            reached.add((active.tag_name, active.text or active.get_attribute("name") or ""))
        assert ("button", "Reopen") in reached, f"Tab never reached the Reopen button: {sorted(reached)[:10]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="the runbook binary (default: .build/debug/runbook)")
    parser.add_argument("--keep", action="store_true", help="keep the data folder and server log")
    args = parser.parse_args()
    e2e = Run(args)
    try:
        if not e2e.step("start the server, the receiver and Chromium", e2e.start):
            raise SystemExit(1)
        steps = [
            ("sign in as a local user", e2e.sign_in),
            ("an ingested incident appears in the list without a reload", e2e.incident_appears_without_reload),
            ("the incident shows Diagnosis first, filled from the labels", e2e.diagnosis_filled),
            ("hostile labels and annotations show as text", e2e.hostile_alert_is_text),
            ("acknowledge shows on the timeline", e2e.acknowledge),
            ("a note shows on the timeline", e2e.note),
            ("correcting the entry shows on the timeline", e2e.correct_entry),
            ("resolve shows on the timeline", e2e.resolve),
            ("the webhook delivery's links open their pages", e2e.webhook_links_open),
            ("a hostile runbook shows as text", e2e.hostile_runbook_is_text),
            ("the coverage page lists the unanswered key", e2e.coverage),
            ("headings in order and every input labelled", e2e.headings_in_order),
            ("the keyboard reaches the incident's actions", e2e.keyboard_reaches_the_actions),
        ]
        for name, body in steps:
            if not e2e.step(name, body) and name.startswith(("sign in", "an ingested", "the incident shows")):
                break
    finally:
        e2e.stop()
        print(f"console-e2e: {e2e.passed} passed, {e2e.failed} failed")
    sys.exit(1 if e2e.failed else 0)


if __name__ == "__main__":
    main()
