#!/usr/bin/env bash
# Challenger benchmark: single-row predict through graft serve on 127.0.0.1 under wrk, with a shadow challenger (the
# demo's LightGBM version beside its linear champion) on 10 % of requests, against the bare endpoint and against
# predict without a challenger, in the same server, taking turns (three runs each by default, medians); then the champion's
# latency at half of the maximum load without a challenger (paced connections), with and without the shadow challenger,
# taking turns: client p50/p99 from wrk, server p50/p99 from the service's own histogram. The request carries no
# entity id, so the 10 % are drawn at random (with entity ids they are drawn by bucket, sticky; the cost is the same).
# Usage: TURNS=3 bash bench/challenger.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
source bench/common.sh
python3 -c "import json,sys; r=json.loads(sys.argv[1]); r.pop('entity_id'); print(json.dumps(r))" "$row" > "$work/one.json"
challenger() { # on: the demo's LightGBM version in shadow on 10 % of requests; off: none
  if [ "$1" = on ]; then
    curl -sf -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' http://127.0.0.1:5091/v1/usecases/churn-risk/challenger \
      -d "{\"version\": \"$trees\", \"mode\": \"shadow\", \"percent\": 10, \"reason\": \"bench\"}" >/dev/null
  else
    curl -sf -X DELETE -H "Authorization: Bearer $key" -H 'Content-Type: application/json' http://127.0.0.1:5091/v1/usecases/churn-risk/challenger \
      -d '{"reason": "bench"}' >/dev/null
  fi
}
gauge() { metrics | awk -v name="$1" '$1 == name {print $2}'; }
predict=/v1/usecases/churn-risk/predict

serve true
load /bench/usecases/churn-risk/predict "$work/one.json" 32 >/dev/null # warm-up: JIT and tiered compilation of every path
load $predict "$work/one.json" 32 >/dev/null
challenger on
load $predict "$work/one.json" 32 >/dev/null
challenger off
bares=(); alones=(); shadows=()
alone() { read -r rps _ _ _ < <(load $predict "$work/one.json" 32); alones+=("$rps"); }
shadowed() { challenger on; read -r rps _ _ _ < <(load $predict "$work/one.json" 32); shadows+=("$rps"); challenger off; }
for turn in $(seq "${TURNS:-3}"); do # the two predicts swap places every turn, so neither always runs on a warmer server
  read -r rps _ _ _ < <(load /bench/usecases/churn-risk/predict "$work/one.json" 32); bares+=("$rps")
  if [ $((turn % 2)) = 1 ]; then alone; shadowed; else shadowed; alone; fi
done
bare=$(median "${bares[@]}"); alone=$(median "${alones[@]}"); shadow=$(median "${shadows[@]}")

# half of the maximum without a challenger, paced, each way as many times, taking turns
pause=$(paced_pause "$(python3 -c "print(0.5 * $alone)")" 64 "")
off_p99=(); on_p99=(); off_server=(); on_server=()
for _ in $(seq "${TURNS:-3}"); do
  for state in $([ $((${#off_p99[@]} % 2)) = 0 ] && echo off on || echo on off); do
    challenger $state
    metrics > "$work/before.txt"
    read -r rps p50 p99 _ < <(load $predict "$work/one.json" 64 "" "$pause")
    quantiles=$(server_quantiles "$work/before.txt")
    if [ $state = on ]; then on_p99+=("$p99"); on_server+=("$rps req/s, client p50 $p50 ms, p99 $p99 ms; server $quantiles"); else off_p99+=("$p99"); off_server+=("$rps req/s, client p50 $p50 ms, p99 $p99 ms; server $quantiles"); fi
  done
done
compared=$(gauge graft_challenger_compared_total); dropped=$(gauge graft_challenger_dropped_total)
fallbacks=$(metrics | awk '/^graft_fallbacks_total/ {n += $2} END {print n + 0}')
stop

pct() { python3 -c "print(f'{$1:.0%}')"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2, ${seconds}s per run, client and server on the same cores"
echo "bare endpoint, 32 connections:                 $bare req/s (median of ${bares[*]})"
echo "predict, no challenger:                        $alone req/s = $(pct "$alone/$bare") of bare (median of ${alones[*]})"
echo "predict, shadow challenger on 10 %:            $shadow req/s = $(pct "$shadow/$bare") of bare, $(pct "$shadow/$alone") of predict alone (median of ${shadows[*]})"
echo "paced at half of predict's maximum, 64 connections, champion's latency:"
for i in $(seq 0 $((${TURNS:-3} - 1))); do echo "  turn $((i + 1)) no challenger: ${off_server[$i]}"; echo "  turn $((i + 1)) shadow 10 %:    ${on_server[$i]}"; done
echo "client p99, median of the turns: no challenger $(median "${off_p99[@]}") ms, shadow challenger $(median "${on_p99[@]}") ms"
echo "requests compared off the request path: $compared; left out because the challenger's queue was full: $dropped; answers the rule gave (fallbacks): $fallbacks"
