#!/usr/bin/env bash
# Monitoring benchmark: what counting every answer into its monitoring window costs the service. Single-row predict
# through graft serve on 127.0.0.1 under wrk, with the windows counted and without (Graft:PredictionLog:Windows), two
# servers taking turns, each run beside the bare endpoint in the same server; medians of the turns (three by default).
# The windows are counted by the log's writer after each batch, off the request path, so what they cost is the
# writer's share of the two cores.
# Usage: TURNS=3 bash bench/monitoring.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
source bench/common.sh
predict=/v1/usecases/churn-risk/predict
bares=(); withs=(); withouts=()
run() { # $1: windows counted (true/false)
  serve true "" "$1"
  load $predict "$work/one.json" 32 >/dev/null # warm-up
  read -r bare _ _ _ < <(load /bench/usecases/churn-risk/predict "$work/one.json" 32); bares+=("$bare")
  read -r rps _ _ _ < <(load $predict "$work/one.json" 32)
  if [ "$1" = true ]; then withs+=("$rps"); else withouts+=("$rps"); fi
  stop
}
for turn in $(seq "${TURNS:-3}"); do
  if [ $((turn % 2)) = 1 ]; then run true; run false; else run false; run true; fi
done
windows=$($graft monitor churn-risk --window 1d --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
bare=$(median "${bares[@]}"); with=$(median "${withs[@]}"); without=$(median "${withouts[@]}")
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2, ${seconds}s per run, client and server on the same cores"
echo "bare endpoint: $bare req/s (${bares[*]})"
echo "predict, windows counted: $with req/s (${withs[*]}); $(python3 -c "print(f'{$with / $bare:.2f}')")× bare"
echo "predict, windows off: $without req/s (${withouts[*]}); $(python3 -c "print(f'{$without / $bare:.2f}')")× bare"
echo "windows cost: $(python3 -c "print(f'{1 - $with / $without:.1%}')") of predict throughput; the windows counted $windows answers"
