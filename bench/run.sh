#!/usr/bin/env bash
# Benchmark of the suite on the embedded demo (not a test: it reports figures, it asserts nothing).
#   bench/run.sh [runs]     default 3 runs of each scenario; prints medians.
# Scenarios:
#   demo       the healthy demo: wall time of `mvn verify -Denv=demo` and the time of its test phase (the checks)
#   latency    every simulated component answers 500 ms late; compared with the run's critical path and with the time
#              all its answers would take one after another
#   silent     the AI gateway and the model server accept connections and never answer; compared with the timeout
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
summary=allure-results/demo/duo-conformance-summary.json
record=target/bench-requests.jsonl

median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "$@"; }
test_phase() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["duration_ms"]/1000)' "$summary"; }

scenario() {
  local name=$1; shift
  local walls=() phases=()
  for ((i = 1; i <= runs; i++)); do
    local start end
    start=$(date +%s.%N)
    ./mvnw -B -q -o verify -Denv=demo -Ddemo.record="$record" "$@" >/dev/null 2>&1 || true   # a faulty scenario fails the build by design
    end=$(date +%s.%N)
    walls+=("$(python3 -c "print($end - $start)")")
    phases+=("$(test_phase)")
  done
  printf '%-8s wall %6ss   test phase %6ss   (medians of %d runs)\n' "$name" "$(median "${walls[@]}")" "$(median "${phases[@]}")" "$runs"
}

./mvnw -B -q verify -Denv=demo >/dev/null 2>&1   # warm-up: dependencies, compilation, report CLI
scenario demo
scenario latency -Ddemo.latency=500ms
answers=$(wc -l < "$record")
# The longest chain of dependent requests (every other chain is shorter and runs beside it): GET /api/v4/version,
# /api/v4/user and /api/v4/personal_access_tokens/self, sent at once (1 answer); then POST /api/v4/code_suggestions/completions,
# which GitLab passes to the gateway, which reads GitLab's OIDC discovery document and then its keys before it asks
# the model; the model, the gateway and GitLab answer in turn (5 answers): 6 answers.
echo "         critical path: 6 answers x 500 ms = 3.00s; all $answers answers one after another: $(python3 -c "print(f'{$answers * 0.5:.2f}')")s"
# When the last request of the run reached a simulator, from the first (the record's timeline).
echo "         last request sent $(python3 - "$record" <<'PY'
import datetime, json, sys
times = [datetime.datetime.fromisoformat(json.loads(l)["at"].replace("Z", "+00:00")) for l in open(sys.argv[1])]
print(f"{(max(times) - min(times)).total_seconds():.2f}s after the first")
PY
)"
scenario silent -Ddemo.faults=aigw-silent,model-silent
echo "         configured timeout (environments/demo.yaml): request 10s, whole request deadline connect 2s + request 10s = 12s"
