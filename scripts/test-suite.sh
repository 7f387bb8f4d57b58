#!/usr/bin/env bash
# The README's test command (`make test`): ruff, the suite, the benchmark smoke, then a timing table.
#
#   make test                               the whole suite on SQLite (a newcomer's run)
#   PROFICIO_TEST_POSTGRES=1 make test      CI's split: every database test on PostgreSQL, and on SQLite the
#                                           tests without a database, the browser journeys and the
#                                           vendor-sensitive ones (tests/parts.py says why)
#   make test-thorough                      everything on both databases, property tests at full strength
#
# Each pass runs on two xdist workers, a test file per worker at a time, so that a module's shared demo
# district is written once. Timings and JUnit reports go to var/test-report/; scripts/test_report.py prints
# the table and refuses a run that tested nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/proficio}
REPORT=var/test-report
export NUMBA_CACHE_DIR=${NUMBA_CACHE_DIR:-$PWD/var/numba-cache}  # compiled once, shared by both workers

rm -rf "$REPORT"
mkdir -p "$REPORT"
if [ -n "${PROFICIO_SETUP_SECONDS:-}" ]; then
  printf 'setup\t%s\n' "$PROFICIO_SETUP_SECONDS" >>"$REPORT/steps.tsv"
fi

failed=""
step() {  # step NAME COMMAND…: run it unless an earlier step failed, and note how long it took
  local name=$1 start=$SECONDS
  shift
  [ -n "$failed" ] && return
  echo "== $name"
  "$@" || failed=$name
  printf '%s\t%s\n' "$name" $((SECONDS - start)) >>"$REPORT/steps.tsv"
}
pytest_pass() {  # pytest_pass NAME DATABASE_URL ARGS…: one pass on two workers ("" = SQLite), with its JUnit report
  local name=$1 url=$2
  shift 2
  local database=(env -u DATABASE_URL)
  [ -n "$url" ] && database=(env DATABASE_URL="$url")
  "${database[@]}" "$BIN/python" -m pytest -n 2 --dist loadfile --durations=15 --junitxml="$REPORT/$name.xml" "$@"
}

step lint "$BIN/ruff" check src tests benchmarks
if [ "${PROFICIO_TEST_THOROUGH:-0}" = "1" ]; then
  step "sqlite: whole, thorough" pytest_pass sqlite "" --hypothesis-profile=thorough
  step "postgresql: whole, thorough" pytest_pass postgresql "$PG_URL" --hypothesis-profile=thorough
elif [ "${PROFICIO_TEST_POSTGRES:-0}" = "1" ]; then
  step "sqlite: sqlite-ci part" pytest_pass sqlite "" --part=sqlite-ci
  step "postgresql: postgres-ci part" pytest_pass postgresql "$PG_URL" --part=postgres-ci
else
  echo "PostgreSQL pass skipped (set PROFICIO_TEST_POSTGRES=1 to split the suite between SQLite and PostgreSQL)."
  step "sqlite: whole suite" pytest_pass sqlite ""
fi
# Two at a time: each smoke runs its benchmark as a child process on its own database (or its own private
# servers, on free ports), and most of their time is writing a small district, so two share the cores well.
step "benchmark smoke" env -u DATABASE_URL "$BIN/python" -m pytest --part=benchmark-smoke -n 2 --dist load \
  --junitxml="$REPORT/benchmark-smoke.xml"

"$BIN/python" scripts/test_report.py "$REPORT" || failed=${failed:-report}
if [ -n "$failed" ]; then
  echo "make test failed at: $failed" >&2
  exit 1
fi
