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
