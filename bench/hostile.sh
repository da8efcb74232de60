#!/usr/bin/env bash
# Wall time of a run against a hostile model server (not a test: it reports figures, it asserts nothing).
#   bench/hostile.sh [runs] [fault…]   default 3 runs of the healthy demo and of each hostile fault; prints medians.
# The demo with http.request_timeout: 3s (connect 2s: a whole request's deadline is 5s), its model server answering
# GET /v1/models with a body that stalls after one byte, trickles one byte a second, never ends, or is a gzip bomb.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
faults=("${@:-model-stalled-body model-trickling-body model-trickling-chunked-body model-endless-body model-gzip-bomb}")
env=bench-hostile
summary=allure-results/$env/duo-conformance-summary.json
sed 's/request_timeout: 10s/request_timeout: 3s/' environments/demo.yaml > "environments/$env.yaml"
trap 'rm -f "environments/$env.yaml"' EXIT

median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "$@"; }
test_phase() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["duration_ms"]/1000)' "$summary"; }

scenario() {
  local fault=$1 walls=() phases=()
  for ((i = 1; i <= runs; i++)); do
    local start end
    start=$(date +%s.%N)
    mvn -B -q -o verify -Denv=$env -Ddemo.faults="$fault" >/dev/null 2>&1 || true   # a faulty scenario fails the build by design
    end=$(date +%s.%N)
    walls+=("$(python3 -c "print($end - $start)")")
    phases+=("$(test_phase)")
  done
  printf '%-30s wall %6ss   test phase %6ss   (medians of %d runs)\n' "${fault:-healthy}" "$(median "${walls[@]}")" "$(median "${phases[@]}")" "$runs"
}

mvn -B -q -o verify -Denv=$env >/dev/null 2>&1 || true   # warm-up: compilation, report CLI
scenario ""
for fault in ${faults[*]}; do
  scenario "$fault"
done
