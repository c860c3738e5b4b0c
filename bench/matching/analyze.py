#!/usr/bin/env python3
"""Read the output of `RunbookBench eval -v` against the case files, to compare matcher changes case by case.

`eval` prints its own tables; this reads its per-case lines (the top three entries with their confidence and
evidence) and judges each case as `score.py` does: top-1 right, top-3 right, `matched` right (top-1 right and at
or over the threshold), and for a negative, "none" (under the threshold).

Usage (from the repository's root, after `swift build --product RunbookBench`):

    .build/debug/RunbookBench eval -v --set heldout --set heldout2 ... - > before.out 2>/dev/null
    python3 bench/matching/analyze.py summary before.out          # by library, format, kind of input; confident answers
    python3 bench/matching/analyze.py diff before.out after.out   # every case whose judgement changed
    python3 bench/matching/analyze.py fails after.out [--kind neg|top1|thr] [--prefix h31-] [--corpus gitlab]
    python3 bench/matching/analyze.py calibration after.out   # confidence bucket -> share right, by kind of input

Keep stderr out of the file (`2>/dev/null`): the index's timing lines would interleave with the cases' lines.
The case files read are `../shared/matching/cases*.jsonl` and this folder's `heldout*.jsonl`; a case in the
output but in no file is an error, a case in a file but not in the output is left out of every figure.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
THRESHOLD = 0.5
LIBRARIES = ["seeds", "po", "openshift", "po+openshift", "gitlab"]


def load_cases(shared):
    files = sorted(glob.glob(os.path.join(shared, "matching", "cases*.jsonl")))
    files += sorted(glob.glob(os.path.join(HERE, "heldout*.jsonl")))
    cases = {}
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    case = json.loads(line)
                    case["file"] = os.path.basename(path)
                    cases[case["id"]] = case
    return cases


def parse(path):
    """The cases of one `eval -v` output: id → {title, matches: [(confidence, entry, evidence)]}."""
    runs = {}
    current = None
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            head = re.match(r"^(ok  |FAIL) (\S+) expect=", line)
            if head:
                current = {"id": head.group(2), "title": "", "matches": []}
                runs[current["id"]] = current
                continue
            if current is None:
                continue
            title = re.match(r"^     title: (.*)$", line)
            if title:
                current["title"] = title.group(1)
                continue
            match = re.match(r"^   [* ] (\d\.\d{3}) (\S+)  ?(.*)$", line)
            if match:
                current["matches"].append((float(match.group(1)), match.group(2), match.group(3)))
            elif line.startswith("corpus "):
                current = None
    return runs


def plain(entry):
    """An entry id without the library prefix a combined corpus gives it (`po/…`, `openshift/…`)."""
    for prefix in ("po/", "openshift/"):
        if entry.startswith(prefix):
            return entry[len(prefix):]
    return entry


def judge(case, run):
    matches = run["matches"]
    top = plain(matches[0][1]) if matches else None
    confident = bool(matches) and matches[0][0] >= THRESHOLD
    if not case["expect"]:
        return {"negative": True, "none": not confident}
    top1 = top in case["expect"]
    return {
        "negative": False,
        "top1": top1,
        "top3": any(plain(m[1]) in case["expect"] for m in matches[:3]),
        "matched": top1 and confident,
    }


def tally(cases, runs, group):
    table = collections.defaultdict(collections.Counter)
    for case_id, run in runs.items():
        case = cases[case_id]
        verdict = judge(case, run)
        for key in (group(case), "all"):
            row = table[key]
            if verdict["negative"]:
                row["negatives"] += 1
                row["none"] += verdict["none"]
            else:
                row["positives"] += 1
                for name in ("top1", "top3", "matched"):
                    row[name] += verdict[name]
    return table


def print_table(title, table, order):
    def share(part, whole):
        return f"{100 * part / whole:5.1f}" if whole else "    -"
    print(f"| {title} | positives | top-1 | top-3 | `matched` right | negatives | \"none\" |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key in [k for k in order if k in table] + sorted(k for k in table if k not in order and k != "all") + ["all"]:
        row = table[key]
        print(f"| {key} | {row['positives']} | {share(row['top1'], row['positives'])} | "
              f"{share(row['top3'], row['positives'])} | {share(row['matched'], row['positives'])} | "
              f"{row['negatives']} | {share(row['none'], row['negatives'])} |")
    print()


def summary(cases, runs):
    print(f"{len(runs)} cases\n")
    print_table("library", tally(cases, runs, lambda c: c["corpus"]), LIBRARIES)
    print_table("format", tally(cases, runs, lambda c: c["format"]), [])
    print_table("input", tally(cases, runs, lambda c: "text" if c["format"] == "text" else "payload"), [])
    confident_answers(cases, runs)


def confident_answers(cases, runs):
    """How often an answer at or over the threshold names a right entry, by kind of input: the figures
    `docs/INCIDENTS.md` ("How far to trust a match") gives. A confident answer to a negative counts as wrong."""
    counts = collections.defaultdict(collections.Counter)
    for case_id, run in runs.items():
        case = cases[case_id]
        matches = run["matches"]
        if not matches or matches[0][0] < THRESHOLD:
            continue
        kind = "text" if case["format"] == "text" else "payload"
        counts[kind]["confident"] += 1
        counts[kind]["right"] += plain(matches[0][1]) in case["expect"]
    print("| input | confident answers | right | share right |")
    print("|---|---:|---:|---:|")
    for kind in ("payload", "text"):
        row = counts[kind]
        share = f"{100 * row['right'] / row['confident']:.1f}" if row["confident"] else "-"
        print(f"| {kind} | {row['confident']} | {row['right']} | {share} |")
    print()


def calibration(cases, runs):
    """How often the top entry was right, by its confidence in buckets of 0.1, for payloads, chat and free text,
    and all: the calibration table of `bench/README.md`. A negative's top entry is never right; a case with no
    candidate counts in the lowest bucket."""
    buckets = collections.defaultdict(collections.Counter)
    for case_id, run in runs.items():
        case = cases[case_id]
        matches = run["matches"]
        confidence = matches[0][0] if matches else 0.0
        right = bool(matches) and plain(matches[0][1]) in case["expect"]
        bucket = min(int(confidence * 10), 9)
        for kind in ("text" if case["format"] == "text" else "payload", "all"):
            buckets[bucket][kind] += 1
            buckets[bucket][kind + " right"] += right
    print(f"{len(runs)} cases\n")
    print("| confidence of the top entry | payloads: answers | right | chat and text: answers | right "
          "| all: answers | right |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for bucket in range(10):
        row = buckets[bucket]
        cells = []
        for kind in ("payload", "text", "all"):
            count = row[kind]
            cells += [str(count), f"{round(100 * row[kind + ' right'] / count)} %" if count else "-"]
        print(f"| {bucket / 10:.1f}–{(bucket + 1) / 10:.1f} | " + " | ".join(cells) + " |")
    print()


def diff(cases, before, after):
    moved = collections.Counter()
    for case_id in before:
        if case_id not in after:
            continue
        case = cases[case_id]
        old, new = judge(case, before[case_id]), judge(case, after[case_id])
        for name in old:
            if name == "negative" or old[name] == new[name]:
                continue
            sign = "+" if new[name] else "-"
            moved[f"{name} {sign}"] += 1
            was = before[case_id]["matches"][0][1] if before[case_id]["matches"] else "nothing"
            now = after[case_id]["matches"][0][1] if after[case_id]["matches"] else "nothing"
            print(f"{sign}{name} {case_id} [{case['corpus']}] {was} -> {now} | {after[case_id]['title'][:80]}")
    print(", ".join(f"{name}: {count}" for name, count in sorted(moved.items())) or "no judgement changed")


def fails(cases, runs, kind, prefix, corpus):
    for case_id, run in runs.items():
        case = cases[case_id]
        if not case_id.startswith(prefix) or (corpus and case["corpus"] != corpus):
            continue
        verdict = judge(case, run)
        wrong = {
            "neg": verdict["negative"] and not verdict["none"],
            "top1": not verdict["negative"] and not verdict["top1"],
            "thr": not verdict["negative"] and verdict["top1"] and not verdict["matched"],
        }
        if not (wrong[kind] if kind else any(wrong.values())):
            continue
        print(f"== {case_id} [{case['corpus']}, {case['format']}] expect {case['expect']}")
        print(f"   title: {run['title'][:160]}")
        for confidence, entry, evidence in run["matches"][:3]:
            print(f"   {confidence:.3f} {entry} {evidence[:200]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["summary", "diff", "fails", "calibration"])
    parser.add_argument("outputs", nargs="+", help="eval -v output files (two for diff)")
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "..", "shared"),
                        help="the shared folder holding matching/cases*.jsonl (default: ../shared)")
    parser.add_argument("--kind", choices=["neg", "top1", "thr"], help="fails: only negatives answered, "
                        "wrong top-1, or right top-1 under the threshold")
    parser.add_argument("--prefix", default="", help="fails: only case ids starting so (h31-)")
    parser.add_argument("--corpus", choices=LIBRARIES, help="fails: one library only")
    args = parser.parse_args()
    cases = load_cases(args.shared)
    runs = [parse(path) for path in args.outputs]
    for run in runs:
        unknown = [case_id for case_id in run if case_id not in cases]
        if unknown:
            sys.exit(f"cases in the output but in no case file: {', '.join(unknown[:5])}")
    if args.command == "summary":
        summary(cases, runs[0])
    elif args.command == "diff":
        if len(runs) != 2:
            sys.exit("diff takes two outputs: before and after")
        diff(cases, runs[0], runs[1])
    elif args.command == "calibration":
        calibration(cases, runs[0])
    else:
        fails(cases, runs[0], args.kind, args.prefix, args.corpus)


if __name__ == "__main__":
    main()
