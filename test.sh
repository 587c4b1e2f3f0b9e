#!/usr/bin/env bash
# Runs the whole test suite (unit, bUnit, integration, contract, end-to-end) and ends with "N passed, N failed".
# On a fresh Debian machine it first installs Chromium for the end-to-end tests.
# Portal.Tests (unit, bUnit, integration) runs twice: on SQLite, then on PostgreSQL. PORTAL_TEST_POSTGRES=<Npgsql connection
# string of a role that may create databases> uses your server; otherwise Debian's postgresql is installed when missing and
# a throw-away server is started on 127.0.0.1 (tests/throwaway-postgres.sh). If PostgreSQL cannot be provided, that run
# counts as a failure. Outside CI, PORTAL_TEST_POSTGRES=none leaves the PostgreSQL run out, and the summary says so.
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the end-to-end tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium with apt-get"; exit 1; }
fi

. tests/throwaway-postgres.sh
trap postgres_stop EXIT
postgres_projects="tests/Portal.Tests/Portal.Tests.csproj"
postgres_note=""
if [ "${PORTAL_TEST_POSTGRES:-}" = "none" ] && [ "${CI:-}" != "true" ]; then
  unset PORTAL_TEST_POSTGRES; postgres_projects=""; postgres_note=" (PostgreSQL run left out: PORTAL_TEST_POSTGRES=none)"
elif [ "${PORTAL_TEST_POSTGRES:-}" = "none" ] || ! postgres_start; then
  unset PORTAL_TEST_POSTGRES; postgres_projects=""; postgres_note=" (PostgreSQL run FAILED: no PostgreSQL server)"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=TestResults
rm -rf "$results"

dotnet build Portal.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

status=0
run_tests() { # project, report name, database provider
  echo "== $2"
  # A hung test is stopped after 5 minutes and reported, instead of stalling the run.
  PORTAL_TEST_PROVIDER=$3 dotnet test "$1" -c Release --no-build -nologo --logger "trx;LogFileName=$2.trx" --results-directory "$results" \
    --blame-hang-timeout 5m --blame-hang-dump-type none \
    -- RunConfiguration.TestSessionTimeout=2400000 || status=1
}
for project in tests/*/*.csproj; do
  run_tests "$project" "$(basename "$project" .csproj)" Sqlite
done
for project in $postgres_projects; do
  run_tests "$project" "$(basename "$project" .csproj).PostgreSql" PostgreSql
done
postgres_stop

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*'); f=$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  e=$(echo "$counters" | grep -o ' error="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  # A run the test host did not finish (a crash, or a hang the blame collector stopped) reports only the tests it ran,
  # none of them failed: the tests it never ran count as one failure, not as nothing.
  if grep -q '<ResultSummary outcome="Failed"' "$trx" && [ $(( ${f:-0} + ${e:-0} )) -eq 0 ]; then
    failed=$((failed + 1)); echo "Aborted run: $(basename "$trx")"
  fi
done
projects=$(( $(ls tests/*/*.csproj | wc -l) + $(echo $postgres_projects | wc -w) )); reports=$(ls "$results"/*.trx 2>/dev/null | wc -l)
# A project that crashed before writing its report counts as a failure, not as nothing.
if [ "$reports" -lt "$projects" ]; then failed=$((failed + projects - reports)); status=1; fi
# A PostgreSQL run that could not happen (no server) is one failure.
case "$postgres_note" in *FAILED*) failed=$((failed + 1)) ;; esac
[ "$failed" -gt 0 ] && status=1
[ -n "$postgres_note" ] && echo "Note:$postgres_note"
echo "$passed passed, $failed failed"
exit $status
