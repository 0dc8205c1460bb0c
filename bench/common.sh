# Setup shared by the serving benchmarks, sourced after their own installs: a scratch folder removed on exit
# (with any server still running), graft built, the demo trained into a store there ($graft runs against it),
# the bench's admin key, one prediction request ($row, also in $work/one.json), the demo's LightGBM
# version ($trees; the demo's champion is its linear model), and wrk loads with the service's own latency histogram.
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/Graft.Cli -c Release -v q >/dev/null
graft="dotnet src/Graft.Cli/bin/Release/net10.0/graft.dll --data-dir $work/store"
$graft demo --no-serve --rows 5000 --dir "$work/demo" >/dev/null 2>&1
key=bench-admin-key-0123456789abcdefghijklmnop
row='{"entity_id":"C-000001","inputs":{"plan":"Standard","contract":"Month-to-month","payment_method":"Card","region":"North","tenure_months":4,"monthly_charges":53.95,"total_charges":215.8,"support_tickets_90d":1,"logins_30d":13,"late_payments_12m":0,"nps_score":4,"last_ticket_text":"How do I change my plan?"}}'
echo "$row" > "$work/one.json"
trees=$($graft models list churn-risk --json 2>/dev/null | python3 -c 'import json,sys; print([m["version"] for m in json.load(sys.stdin) if m["candidate"]=="lightgbm"][0])')

# Servers run in the background on 127.0.0.1:5091, logging to $work/serve.log, one at a time.
await_server() { # waits until the server just started answers; shows its log and ends the bench if it never does
  for _ in $(seq 150); do curl -sf http://127.0.0.1:5091/healthz >/dev/null && return; sleep 0.2; done
  echo "graft serve did not start" >&2; cat "$work/serve.log" >&2; exit 1
}
stop() { kill %1; wait %1 2>/dev/null || true; }
median() { python3 -c "import statistics, sys; print(round(statistics.median(float(x) for x in sys.argv[1:]), 3))" "$@"; }

# A server with the bare endpoint beside predict, load, and what the service says about it, on 127.0.0.1:5091.
serve() { # $1: prediction log enabled (true/false); $2: cores for the server (taskset list, default all); $3: monitoring windows counted (default true)
  GRAFT_BOOTSTRAP_ADMIN_KEY=$key Graft__RateLimit__RequestsPerSecond=0 Graft__Bench__BareEndpoint=true Graft__PredictionLog__Enabled=$1 Graft__PredictionLog__Windows=${3:-true} \
    taskset -c "${2:-0-$(($(nproc) - 1))}" $graft serve --urls http://127.0.0.1:5091 >"$work/serve.log" 2>&1 &
  server=$! # taskset runs the server in its own process: this is the server's pid
  await_server
}
server_cpu() { awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$server/stat"; } # seconds of CPU the server has used
load() { # $1 path, $2 body file, $3 connections [, $4 cores for wrk, $5 pause per connection in ms] -> "rps p50ms p99ms errors"
  KEY=$key BODY=$2 DELAY_MS=${5:-} taskset -c "${4:-0-$(($(nproc) - 1))}" wrk -t2 -c"$3" -d"${seconds}s" -s bench/post.lua "http://127.0.0.1:5091$1" \
    | awk '/^RESULT/{print $2, $3, $4, $5}'
}
paced_pause() { # $1 target req/s, $2 connections, $3 cores for wrk: the pause per connection that lands on the target.
  # A connection's cycle is its pause plus the time the answer takes, so a first guess undershoots; a 3-second
  # run measures that overhead and the pause is corrected by it.
  local guess overhead measured
  guess=$(python3 -c "print(max(1, round($2 * 1000 / $1)))")
  read -r measured _ _ _ < <(seconds=3 load /v1/usecases/churn-risk/predict "$work/one.json" "$2" "$3" "$guess")
  overhead=$(python3 -c "print($2 * 1000 / $measured - $guess)")
  python3 -c "print(max(1, round($2 * 1000 / $1 - $overhead)))"
}
dropped() { metrics | awk '/^graft_prediction_log_dropped_total /{print $2}'; }
metrics() { curl -s -H "Authorization: Bearer $key" http://127.0.0.1:5091/metrics; }
server_quantiles() { # $1: /metrics text saved before the run -> p50/p99 of the run from the service's own latency histogram (upper bucket bounds)
  metrics | python3 -c '
import sys, re
def buckets(lines):  # summed over the series of every route
    counts = {}
    for m in (re.match(r"graft_prediction_duration_seconds_bucket\{.*le=\"([^\"]+)\"\} (\S+)", l) for l in lines):
        if m:
            le = float("inf") if m.group(1) == "+Inf" else float(m.group(1))
            counts[le] = counts.get(le, 0) + float(m.group(2))
    return counts
before = buckets(open(sys.argv[1]))
b = sorted((le, c - before.get(le, 0)) for le, c in buckets(sys.stdin).items()); total = b[-1][1]
q = lambda p: next(le for le, c in b if c >= p * total)
print(f"p50 <= {q(0.5)*1000:g} ms, p99 <= {q(0.99)*1000:g} ms over {int(total)} predictions")' "$1"
}
