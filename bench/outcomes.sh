#!/usr/bin/env bash
# Records every check's outcome (section, check, status, blocked by, message) in every run of the suite the self-tests
# make: each simulated fault, each GitLab version, the runtime faults on Docker and Kubernetes, the hostile answers. Run it on two commits and diff the
# folders to prove a change of structure kept every behaviour:
#   bench/outcomes.sh /tmp/before   (on the old commit)
#   bench/outcomes.sh /tmp/after    (on the new one)
#   bench/compare-outcomes.py /tmp/before /tmp/after   (masks ids, ports, dates and JSON key order)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: bench/outcomes.sh <folder>}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
./mvnw -B -ntp test -Dselftest.outcomes="$out" >"$out.log" 2>&1 || { echo "some tests failed: $out.log" >&2; }
echo "$(ls "$out" | wc -l) runs recorded in $out"
