#!/usr/bin/env bash
# A/B of graft serve variants under the same single-row predict load as serving.sh: fresh servers of each
# variant take turns (default five turns), each warmed for 20 s and then measured for 10 s, and the medians
# are reported. This machine's speed drifts by a fifth between minutes, so one run of each says little.
# A variant is name[:settings[:graft.dll]]: settings are environment assignments separated by spaces (for
# example Graft__PredictionLog__Enabled=false), and the dll is another build of graft (dotnet build
# src/Graft.Cli -c Release -o <dir>), so two versions of the code can take turns. Such a build serves a demo store
# it made itself (the same demo data), since versions may differ in schema.
# Usage: TURNS=5 bash bench/ab.sh off:Graft__PredictionLog__Enabled=false on 'other::/tmp/other/graft.dll'
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bash bench/ab.sh <variant> <variant> [...]; see the comment at the top" >&2; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
source bench/common.sh
own=src/Graft.Cli/bin/Release/net10.0/graft.dll
store_of() { # $1 variant name, $2 dll
  [ -n "$2" ] || { echo "$work/store"; return; }
  [ -d "$work/store-$1" ] || dotnet "$2" --data-dir "$work/store-$1" demo --no-serve --rows 5000 --dir "$work/demo-$1" >/dev/null 2>&1
  echo "$work/store-$1"
}
serve() { # $1 settings, $2 dll, $3 store
  env GRAFT_BOOTSTRAP_ADMIN_KEY=$key Graft__RateLimit__RequestsPerSecond=0 $1 \
    dotnet "${2:-$own}" --data-dir "$3" serve --urls http://127.0.0.1:5091 >"$work/serve.log" 2>&1 &
  server=$!
  await_server
}
load() { KEY=$key BODY=$work/one.json wrk -t2 -c32 -d"$1s" -s bench/post.lua http://127.0.0.1:5091/v1/usecases/churn-risk/predict | awk '/^RESULT/{print $2}'; }
# Beside req/s, the server's CPU time a request (user and system, from /proc): it drifts less with the machine's
# speed than req/s does, so it tells two builds apart in fewer turns.
declare -A runs cpus
# The variants' order is reversed every other turn: the first server of a turn measured about 6 µs a request cheaper
# than the second, whichever build it was (two six-turn runs of the same two builds, 2026-12-08).
variants=("$@")
reversed=(); for ((i = ${#variants[@]} - 1; i >= 0; i--)); do reversed+=("${variants[i]}"); done
for turn in $(seq "${TURNS:-5}"); do
  if ((turn % 2 == 0)); then order=("${reversed[@]}"); else order=("${variants[@]}"); fi
  for variant in "${order[@]}"; do
    IFS=: read -r name settings dll <<<"$variant"
    serve "$settings" "$dll" "$(store_of "$name" "$dll")"
    load 20 >/dev/null # a fresh server needs about 12 s to reach speed
    before=$(server_cpu)
    rps=$(load 10)
    us=$(python3 -c "print(round(($(server_cpu) - $before) * 1e6 / ($rps * 10), 1))")
    runs[$name]="${runs[$name]:-} $rps"
    cpus[$name]="${cpus[$name]:-} $us"
    echo "turn $turn: $name $rps req/s, $us µs of server CPU a request"
    stop
  done
done
for variant in "$@"; do
  IFS=: read -r name _ _ <<<"$variant"
  echo "$name: median $(median ${runs[$name]}) req/s (${runs[$name]# }); $(median ${cpus[$name]}) µs of server CPU a request (${cpus[$name]# })"
done
