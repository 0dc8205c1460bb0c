# Setup shared by the serving benchmarks, sourced after their own installs: a scratch folder removed on exit
# (with any server still running), graft built, the demo trained into a store there ($graft runs against it),
# the bench's admin key, one prediction request ($row, also in $work/one.json), and the demo's LightGBM
# version ($trees; the demo's champion is its linear model).
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
median() { python3 -c "import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
