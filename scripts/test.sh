#!/usr/bin/env bash
# Quick start (2): installs what the tests need, builds with warnings as errors, runs every test project and
# ends with one line "Tests: N passed, N failed" summed over all of them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MALLOC_ARENA_MAX=2
dotnet restore ProfilePortal.sln -v quiet
dotnet build ProfilePortal.sln -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly -warnaserror

results="$root/.test-results"
rm -rf "$results"
status=0
dotnet test ProfilePortal.sln -c Release --no-build --nologo --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed writes no failure counts; never report such a run as clean.
  failed=1
fi
echo "Tests: $passed passed, $failed failed"
exit "$status"
