#!/usr/bin/env bash
# Review benchmark: single-row predict through graft serve on 127.0.0.1 under wrk, with the demo in auto and a review
# policy that sends a random 10 % of answers to the review queue (sample_percent: 10), against the bare endpoint and
# against predict in auto without a policy, in the same server, taking turns (three runs each by default, medians).
# The policy is switched by applying a spec revision over the API between runs; every serving process reads it within a
# second. Each item is made by the log's writer in the transaction of its prediction, off the request path.
# Usage: TURNS=3 bash bench/review.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
source bench/common.sh
plain=$(cat "$work/demo/churn-risk.yaml")
reviewed="$plain
review: { sample_percent: 10, warnings: false, reasons: [wrong_label] }"
spec() { # $1: the YAML to apply
  curl -sf -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/yaml' --data-binary "$1" http://127.0.0.1:5091/v1/usecases/churn-risk/spec >/dev/null
  sleep 2 # every process reads the new revision within a second
}
predict=/v1/usecases/churn-risk/predict

serve true
curl -sf -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' http://127.0.0.1:5091/v1/usecases/churn-risk/stage \
  -d '{"stage": "auto", "reason": "bench", "override_gates": true}' >/dev/null
load /bench/usecases/churn-risk/predict "$work/one.json" 32 >/dev/null # warm-up of every path
load $predict "$work/one.json" 32 >/dev/null
spec "$reviewed"; load $predict "$work/one.json" 32 >/dev/null; spec "$plain"
bares=(); alones=(); reviews=()
alone() { read -r rps _ _ _ < <(load $predict "$work/one.json" 32); alones+=("$rps"); }
reviewed() { spec "$reviewed"; read -r rps _ _ _ < <(load $predict "$work/one.json" 32); reviews+=("$rps"); spec "$plain"; }
for turn in $(seq "${TURNS:-3}"); do
  read -r rps _ _ _ < <(load /bench/usecases/churn-risk/predict "$work/one.json" 32); bares+=("$rps")
  if [ $((turn % 2)) = 1 ]; then alone; reviewed; else reviewed; alone; fi
done
items=$(curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:5091/v1/review/items?usecase=churn-risk&limit=1000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
dropped=$(dropped)
stop
bare=$(median "${bares[@]}"); alone=$(median "${alones[@]}"); review=$(median "${reviews[@]}")
pct() { python3 -c "print(f'{$1:.0%}')"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2, ${seconds}s per run, client and server on the same cores"
echo "bare endpoint, 32 connections:            $bare req/s (median of ${bares[*]})"
echo "predict in auto, no review policy:        $alone req/s = $(pct "$alone/$bare") of bare (median of ${alones[*]})"
echo "predict in auto, 10 % sent to review:     $review req/s = $(pct "$review/$bare") of bare, $(pct "$review/$alone") of predict alone (median of ${reviews[*]})"
echo "review items in the queue (first 1,000 listed): $items; log records dropped: $dropped"
