#!/usr/bin/env bash
# Quick start (2): installs what the tests need, builds with warnings as errors, runs every test project on SQLite,
# then the integration tests again on PostgreSQL (a throwaway server of its own: initdb into a temp folder, a free
# loopback port, stopped by pid at the end, also when tests fail), and ends with one line
# "Tests: N passed, N failed" summed over both runs and all projects.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/prerequisites.sh
source scripts/lib/postgres.sh
source scripts/lib/trx.sh
ensure_dotnet
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_npm
ensure_postgres
# The SMTP server of the email tests (tests/ProfilePortal.Tests/Features/Email/SmtpSink.cs).
npm_install_locked tests/ProfilePortal.Tests/Features/Email/smtp-sink

postgres_dir="$(mktemp -d /tmp/profileportal-test-postgres.XXXXXX)"
stop_postgres() {
  pg_stop "$postgres_dir" || true
  rm -rf "$postgres_dir"
}
trap stop_postgres EXIT
postgres_port="$(pg_free_port)"
PG_THROWAWAY=true pg_start "$postgres_dir" "$postgres_port"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MALLOC_ARENA_MAX=2
# Every app instance a test starts watches its content and web roots; with inotify each watcher takes one of the
# user's 128 inotify instances (fs.inotify.max_user_instances), and a run starts hundreds of instances. Polling uses
# none. (The test assemblies also set this for themselves, for a plain `dotnet test`.)
export DOTNET_USE_POLLING_FILE_WATCHER=true
dotnet restore ProfilePortal.sln -v quiet
# dotnet-ef: CompiledModelTests compares Data/CompiledModels with what the tool generates.
dotnet tool restore >/dev/null
dotnet build ProfilePortal.sln -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly -warnaserror

results="$root/.test-results"
rm -rf "$results"
status=0
echo "== Every test project on SQLite"
dotnet test ProfilePortal.sln -c Release --no-build --nologo --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results/sqlite" || status=$?

# Every integration test again on PostgreSQL, except the few about SQLite itself (the hand-written-migrations upgrade,
# its connection settings); each test class gets a database of its own in the server started above.
echo "== Integration tests on PostgreSQL (127.0.0.1:$postgres_port)"
PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$postgres_port;Username=postgres" \
  dotnet test tests/ProfilePortal.Tests -c Release --no-build --nologo --filter "Database!=SqliteOnly" \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results/postgres" || status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$failed" -gt 0 ]; then
  trx_list_failures "$results"/*/*.trx
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed writes no failure counts; never report such a run as clean.
  failed=1
fi
echo "Tests: $passed passed, $failed failed"
exit "$status"
