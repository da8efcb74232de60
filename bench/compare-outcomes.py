#!/usr/bin/env python3
"""Compares two folders written by bench/outcomes.sh: every run of the suite the self-tests made, check by check.

usage: bench/compare-outcomes.py <before> <after>

What differs from run to run is masked first (temporary folders, container and JUnit ids, ports, dates), and two lines
that differ only in the order of their characters (a JSON object's keys) count as the same. Prints each run whose
outcomes differ, the differing lines, and the totals; exits 1 when a run differs.
"""
import os
import re
import sys

MASKS = [
    (r"-[0-9a-f]{8}\b", "-<id>"),
    (r"[0-9a-f]{12,}", "<id>"),
    (r"\[\d+\]", "[<id>]"),
    (r"port \d+", "port <port>"),
    (r"\d{4}-\d\d-\d\dT[\d:]+Z|\w{3} \w{3} \d\d [\d:]+ UTC \d{4}", "<date>"),
    (r"junit-?\d+", "<id>"),
    (r"-\d{9,}", "-<id>"),
    (r"\d{6,}", "<id>"),
    (r"junit-?<(hex|n|junit|id)>|<(hex|n|junit)>", "<id>"),
]


def masked(text):
    for pattern, replacement in MASKS:
        text = re.sub(pattern, replacement, text)
    return text


def runs(folder):
    """Each recorded run: its settings (first line) → its checks, one line each, the check named by its method."""
    recorded = {}
    for name in sorted(os.listdir(folder)):
        lines = open(os.path.join(folder, name), encoding="utf-8").read().split("\n")
        checks = []
        for line in filter(None, lines[1:]):
            fields = line.split(" | ")
            fields[1] = fields[1].split(" ")[0]
            checks.append(masked(" | ".join(fields)))
        settings = masked(lines[0])
        while settings in recorded:
            settings += " (again)"
        recorded[settings] = sorted(checks)
    return recorded


def same_but_for_order(removed, added):
    return sorted("".join(sorted(x)) for x in removed) == sorted("".join(sorted(x)) for x in added)


def main(before_folder, after_folder):
    before, after = runs(before_folder), runs(after_folder)
    differing = 0
    for settings in sorted(set(before) & set(after)):
        removed = [c for c in before[settings] if c not in after[settings]]
        added = [c for c in after[settings] if c not in before[settings]]
        if not removed and not added or same_but_for_order(removed, added):
            continue
        differing += 1
        print("##", settings)
        for line in removed:
            print("  -", line)
        for line in added:
            print("  +", line)
    for settings in sorted(set(before) - set(after)):
        print("only before:", settings)
    for settings in sorted(set(after) - set(before)):
        print("only after:", settings)
    common = len(set(before) & set(after))
    print(f"runs: {len(before)} before, {len(after)} after, {common} in both; {common - differing} identical, {differing} differing")
    return 1 if differing or set(before) ^ set(after) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
