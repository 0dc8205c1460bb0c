#!/usr/bin/env bash
# Graft against scikit-learn servers on the same machine: the same kind of model (gradient-boosted trees on the
# same generated churn data), the same request, the same wrk load. Python workers run one OpenMP thread each
# (OMP_NUM_THREADS=1), as two workers on two cores should; more threads only oversubscribe the cores. Installs Debian's python3-sklearn,
# python3-flask, gunicorn, python3-fastapi, uvicorn and wrk if missing; uses /usr/bin/python3.
# Usage: bash bench/python-comparison.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
if ! /usr/bin/python3 -c "import sklearn, flask, fastapi, uvicorn, pandas" 2>/dev/null || ! command -v gunicorn >/dev/null || ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-sklearn python3-pandas python3-flask gunicorn python3-fastapi uvicorn wrk >/dev/null
fi
source bench/common.sh
# Graft serves its LightGBM version, so both sides serve gradient-boosted trees.
$graft models promote "$trees" >/dev/null
(cd bench/python && /usr/bin/python3 churn_model.py "$work/demo/customers.csv" "$work/model.pkl")
wait_for() { for _ in $(seq 150); do curl -s -o /dev/null -X POST "$1" && return; sleep 0.2; done; echo "no server at $1" >&2; exit 1; }
load() { KEY=$key BODY="$work/one.json" wrk -t2 -c32 -d"${seconds}s" -s bench/post.lua "$1" | awk '/^RESULT/{print $2, $3, $4, $5}'; }

stop() { kill "$1" 2>/dev/null || true; pkill -P "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
GRAFT_BOOTSTRAP_ADMIN_KEY=$key Graft__RateLimit__RequestsPerSecond=0 $graft serve --urls http://127.0.0.1:5091 >"$work/graft.log" 2>&1 &
pid=$!
wait_for http://127.0.0.1:5091/v1/usecases/churn-risk/predict
load http://127.0.0.1:5091/v1/usecases/churn-risk/predict >/dev/null
read -r graft_rps graft_p50 graft_p99 graft_err < <(load http://127.0.0.1:5091/v1/usecases/churn-risk/predict)
stop "$pid"

MODEL="$work/model.pkl" OMP_NUM_THREADS=1 gunicorn --chdir bench/python -w 2 -b 127.0.0.1:5092 flask_app:app >"$work/flask.log" 2>&1 &
pid=$!
wait_for http://127.0.0.1:5092/v1/usecases/churn-risk/predict
load http://127.0.0.1:5092/v1/usecases/churn-risk/predict >/dev/null
read -r flask_rps flask_p50 flask_p99 flask_err < <(load http://127.0.0.1:5092/v1/usecases/churn-risk/predict)
stop "$pid"

MODEL="$work/model.pkl" OMP_NUM_THREADS=1 uvicorn --app-dir bench/python fastapi_app:app --workers 2 --host 127.0.0.1 --port 5093 --log-level warning >"$work/fastapi.log" 2>&1 &
pid=$!
wait_for http://127.0.0.1:5093/v1/usecases/churn-risk/predict
load http://127.0.0.1:5093/v1/usecases/churn-risk/predict >/dev/null
read -r fast_rps fast_p50 fast_p99 fast_err < <(load http://127.0.0.1:5093/v1/usecases/churn-risk/predict)
stop "$pid"

ratio() { /usr/bin/python3 -c "print(f'{$1/$2:.1f}x' if $2 else 'n/a (no answers)')"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; wrk -t2 -c32, ${seconds}s after a warm-up run, on the same cores"
echo "graft ($trees, log on):            $graft_rps req/s, p50 $graft_p50 ms, p99 $graft_p99 ms (errors $graft_err)"
echo "scikit-learn, Flask + gunicorn -w 2:  $flask_rps req/s, p50 $flask_p50 ms, p99 $flask_p99 ms (errors $flask_err); graft is $(ratio "$graft_rps" "$flask_rps")"
echo "scikit-learn, FastAPI + uvicorn -w 2: $fast_rps req/s, p50 $fast_p50 ms, p99 $fast_p99 ms (errors $fast_err); graft is $(ratio "$graft_rps" "$fast_rps")"
