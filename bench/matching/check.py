#!/usr/bin/env python3
"""Check bench/matching/heldout.jsonl: JSON per line, unique ids, known fields,
every expected id exists in its library (`runbook entries`), counts table.
Usage: python3 bench/matching/check.py [--runbook PATH] [--cases FILE]"""
import argparse, collections, json, os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--runbook", default="/work/main/.build/debug/runbook")
ap.add_argument("--cases", default=os.path.join(here, "heldout.jsonl"))
ap.add_argument("--shared", default="/work/shared")
a = ap.parse_args()
libs = {"seeds": [a.shared + "/runbooks"], "po": [a.shared + "/corpora/prometheus-operator"],
        "openshift": [a.shared + "/corpora/openshift"], "gitlab": [a.shared + "/corpora/gitlab"]}
libs["po+openshift"] = libs["po"] + libs["openshift"]
entries = {}
for name, dirs in libs.items():
    ids = set()
    for d in dirs:
        out = subprocess.run([a.runbook, "entries", "--json", d], capture_output=True, text=True, check=True).stdout
        ids |= {e["id"] for e in json.loads(out)}
    entries[name] = ids
# heldout.jsonl ids start with h-, heldoutN.jsonl ids with hN- (heldout2.jsonl: h2-, heldout6.jsonl: h6-, ...).
base = os.path.basename(a.cases)
number = re.match(r"heldout(\d*)", base)
prefix = f"h{number.group(1)}-" if number else "h-"
bad = 0
seen = set()
by = collections.defaultdict(collections.Counter)
fmts = {"text", "alertmanager", "sentry", "pingdom", "datadog", "cloudwatch-sns", "generic"}
for n, line in enumerate(open(a.cases), 1):
    c = json.loads(line)
    if set(c) != {"id", "corpus", "input", "format", "expect", "note"}:
        print(f"line {n}: fields {sorted(c)}"); bad += 1
    if c["id"] in seen or not c["id"].startswith(prefix):
        print(f"line {n}: bad or duplicate id {c['id']}"); bad += 1
    seen.add(c["id"])
    if c["format"] not in fmts or c["corpus"] not in libs:
        print(f"line {n}: format/corpus {c['format']} {c['corpus']}"); bad += 1
    if (c["format"] == "text") != isinstance(c["input"], str):
        print(f"line {n}: input type does not fit format"); bad += 1
    blob = json.dumps(c["input"]).lower()
    if "runbook" in blob:
        print(f"line {n}: input mentions a runbook"); bad += 1
    for e in c["expect"]:
        if e not in entries[c["corpus"]]:
            print(f"line {n} {c['id']}: unknown entry {e}"); bad += 1
    k = by[c["corpus"]]
    k["cases"] += 1; k["neg" if not c["expect"] else "pos"] += 1; k[c["format"]] += 1
tot = collections.Counter()
print("| corpus | cases | positive | negative | formats |\n|---|---|---|---|---|")
for name in ["seeds", "po", "openshift", "po+openshift", "gitlab"]:
    k = by[name]; tot.update(k)
    f = ", ".join(f"{x} {k[x]}" for x in sorted(fmts, key=lambda x: -k[x]) if k[x])
    print(f"| {name} | {k['cases']} | {k['pos']} | {k['neg']} | {f} |")
f = ", ".join(f"{x} {tot[x]}" for x in sorted(fmts, key=lambda x: -tot[x]) if tot[x])
print(f"| all | {tot['cases']} | {tot['pos']} | {tot['neg']} | {f} |")
print("problems:", bad)
sys.exit(1 if bad else 0)
