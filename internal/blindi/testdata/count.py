#!/usr/bin/env python3
"""Count findings on the blindi corpus (every line PII-free): per kind
(lines with a finding / total lines) and per template.

usage: count.py DIR  (DIR holds blindi.jsonl, blindi.templates.txt and findings.jsonl)
"""
import collections, json, os, sys

d = sys.argv[1]
tmpl = [l.rstrip("\n") for l in open(os.path.join(d, "blindi.templates.txt"), encoding="utf-8")]
total = len(tmpl)
per_tmpl_total = collections.Counter(tmpl)
find = [json.loads(l) for l in open(os.path.join(d, "findings.jsonl"), encoding="utf-8") if l.strip()]
kinds = collections.Counter(f["type"] for f in find)
lines_kind = collections.defaultdict(set)
by_tmpl = collections.defaultdict(collections.Counter)
lines_tmpl = collections.defaultdict(set)
for f in find:
    lines_kind[f["type"]].add(f["line"])
    t = tmpl[f["line"] - 1]
    by_tmpl[t][f["type"]] += 1
    lines_tmpl[t].add(f["line"])
all_lines = {f["line"] for f in find}
print("lines: %d, findings: %d, lines with a finding: %d (%.2f%%)" % (total, len(find), len(all_lines), 100.0 * len(all_lines) / total))
print("\nper kind: findings, lines with a finding / total")
for k in ["iin", "phone", "email", "card_pan", "card_expiry", "card_cvv", "person_name"]:
    print("  %-12s %5d  %5d / %d" % (k, kinds[k], len(lines_kind[k]), total))
print("\nper template: lines with a finding / template lines, findings by kind")
for t in sorted(per_tmpl_total):
    if t in by_tmpl:
        print("  %-16s %5d / %-5d %s" % (t, len(lines_tmpl[t]), per_tmpl_total[t], dict(sorted(by_tmpl[t].items()))))
clean = sorted(t for t in per_tmpl_total if t not in by_tmpl)
print("  clean templates (%d): %s" % (len(clean), " ".join(clean)))
