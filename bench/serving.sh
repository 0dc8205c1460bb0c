#!/usr/bin/env bash
# Serving benchmark: graft serve on 127.0.0.1 under wrk (installed from Debian's packages if missing).
# Measures, in one run: predict throughput against a bare minimal-API endpoint of the same shape in the same
# server; client and server-side latency at half of the maximum load (paced connections); batch rows/s over
# HTTP (1,000-row requests); and the throughput cost of the prediction log (on shared cores, and with the
# server and wrk pinned to separate cores) and its drops at 80 % of the maximum. Comparisons take turns,
# three runs a side, and report medians: this machine's speed drifts more between minutes than the log
# costs. Every load runs for a fixed time.
# Usage: bash bench/serving.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
source bench/common.sh
python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(json.dumps({'rows':[r]*1000}))" "$row" > "$work/batch.json"

serve true
# warm-up: JIT and tiered compilation of both paths. Predict's is long: 20-30 s into its load the tiered compiler
# still took a tenth of the server's CPU (perf, 2026-12-07), and a fifth of that after a minute.
seconds=$((3 * seconds)) load /v1/usecases/churn-risk/predict "$work/one.json" 32 >/dev/null
load /bench/usecases/churn-risk/predict "$work/one.json" 32 >/dev/null
# bare and predict take turns, three runs each in the same server, so the machine's drift falls on both alike
# Each run also gives the server's CPU time per request (user and system, from /proc): steadier than req/s on a
# machine whose speed drifts, and it says how much of predict's cost is the server's own work.
per_request() { python3 -c "print(round(($2 - $1) * 1e6 / ($3 * $seconds), 1))"; } # cpu before, after, req/s -> µs a request
bares=(); predicts=(); bare_us=(); predict_us=(); bare_err=0; predict_err=0
for _ in 1 2 3; do
  before=$(server_cpu); read -r rps _ _ errors < <(load /bench/usecases/churn-risk/predict "$work/one.json" 32); bares+=("$rps"); bare_err=$((bare_err + errors))
  bare_us+=("$(per_request "$before" "$(server_cpu)" "$rps")")
  before=$(server_cpu); read -r rps p50 p99 errors < <(load /v1/usecases/churn-risk/predict "$work/one.json" 32); predicts+=("$rps"); predict_err=$((predict_err + errors))
  predict_us+=("$(per_request "$before" "$(server_cpu)" "$rps")")
done
bare=$(median "${bares[@]}"); predict=$(median "${predicts[@]}")
load /v1/usecases/churn-risk/predict "$work/batch.json" 4 >/dev/null   # warm-up of the batch path
read -r batch _ _ batch_err < <(load /v1/usecases/churn-risk/predict "$work/batch.json" 4)
admin() { curl -sf -X POST -H "Authorization: Bearer $key" "http://127.0.0.1:5091$1" >/dev/null; }
admin "/v1/models/$trees/promote"   # the same batches against the LightGBM version, then back to the linear champion
load /v1/usecases/churn-risk/predict "$work/batch.json" 4 >/dev/null
read -r batch_trees _ _ batch_trees_err < <(load /v1/usecases/churn-risk/predict "$work/batch.json" 4)
admin /v1/usecases/churn-risk/rollback
dropped=$(dropped)
# half of the maximum: 64 connections, each pausing so that together they ask for that rate
half_pause=$(paced_pause "$(python3 -c "print(0.5 * $predict)")" 64 "")
metrics > "$work/before.txt"
read -r light lp50 lp99 light_err < <(load /v1/usecases/churn-risk/predict "$work/one.json" 64 "" "$half_pause")
light_server=$(server_quantiles "$work/before.txt")
stop

# The log's cost: servers with the log off and on take turns, three of each, after a warm-up each long enough
# for the JIT: a fresh server answers a third as fast in its first seconds, and the log-on one has more to compile.
log_cost() { # $1 connections, $2 cores for the server, $3 cores for wrk -> "median-off median-on"
  local offs=() ons=() logged rps
  for _ in 1 2 3; do
    for logged in false true; do
      serve "$logged" "$2"
      seconds=$((2 * seconds)) load /v1/usecases/churn-risk/predict "$work/one.json" "$1" "$3" >/dev/null # a fresh server needs about 12 s to reach speed
      read -r rps _ _ _ < <(load /v1/usecases/churn-risk/predict "$work/one.json" "$1" "$3")
      if [ "$logged" = true ]; then ons+=("$rps"); else offs+=("$rps"); fi
      stop
    done
  done
  echo "$(median "${offs[@]}") $(median "${ons[@]}")"
}
read -r nolog logged < <(log_cost 32 "" "")

# The same, measured quietly (the server on core 0, wrk on core 1); then drops below full load.
read -r pinned_off pinned_on < <(log_cost 16 0 1)
serve true 0
seconds=$((2 * seconds)) load /v1/usecases/churn-risk/predict "$work/one.json" 16 1 >/dev/null
# 80 % of the logged maximum, paced the same way; drops are counted over that run alone, once the queue the
# full-speed runs left has been written
pause=$(paced_pause "$(python3 -c "print(0.8 * $pinned_on)")" 64 1)
for _ in $(seq 100); do [ "$(metrics | awk '/^graft_prediction_log_queue_depth /{print $2}')" = "0" ] && break; sleep 0.1; done
before=$(dropped)
read -r paced _ _ _ < <(load /v1/usecases/churn-risk/predict "$work/one.json" 64 1 "$pause")
paced_dropped=$(python3 -c "print(int($(dropped)) - int($before))")
stop

pct() { python3 -c "print(f'{$1:.0%}')"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; wrk -t2, ${seconds}s per run, client and server on the same cores"
echo "bare endpoint, 32 connections:       $bare req/s (median; errors $bare_err)"
echo "predict, log on, 32 connections:     $predict req/s = $(pct "$predict/$bare") of bare (medians of 3 runs each, taking turns: bare ${bares[*]}, predict ${predicts[*]}); client p50 $p50 ms, p99 $p99 ms in the last (errors $predict_err)"
echo "server CPU a request (user + system, medians): bare $(median "${bare_us[@]}") µs, predict $(median "${predict_us[@]}") µs (bare ${bare_us[*]}; predict ${predict_us[*]})"
echo "log off vs on, 32 connections, fresh servers taking turns (medians of 3): $nolog vs $logged req/s; the log costs $(pct "1-$logged/$nolog") of throughput"
echo "predict, paced ($(pct "$light/$predict") of max): $light req/s; client p50 $lp50 ms, p99 $lp99 ms; server $light_server"
echo "batch over HTTP, 1,000-row requests, 4 connections: $(python3 -c "print(round($batch*1000))") rows/s (errors $batch_err); LightGBM: $(python3 -c "print(round($batch_trees*1000))") rows/s (errors $batch_trees_err)"
echo "prediction log records dropped during the 32-connection runs: ${dropped:-?}"
echo "server on core 0, wrk on core 1, 16 connections (medians of 3, taking turns): log off $pinned_off req/s, log on $pinned_on req/s; the log costs $(pct "1-$pinned_on/$pinned_off")"
echo "server on core 0, paced load at $paced req/s ($(pct "$paced/$pinned_on") of the logged maximum): $paced_dropped log records dropped"
