#!/usr/bin/env bash
# Benchmark: SCIM provisioning (issue 19). An identity provider's initial cycle: BENCH_USERS people (10,000)
# created with POST /scim/v2/Users from BENCH_CLIENTS concurrent clients (4), with requests/s and p50/p95/p99 per
# request; then the lookup identity providers send before each create, GET /scim/v2/Users?filter=userName eq "...",
# on the full table (p50/p95/p99).
#
#   bench/scim.sh                                        10,000 people, 4 clients, SQLite
#   BENCH_DATABASE=postgres bench/scim.sh                on a PostgreSQL of its own (bench/lib/portal.sh start_postgres)
#   BENCH_USERS=2000 BENCH_CLIENTS=8 bench/scim.sh       a quick look, more clients
#
# The portal (Release, Production, a fresh database) and PostgreSQL listen on 127.0.0.1 only; they are started with
# their pids recorded and stopped by pid on exit. See bench/README.md.
set -euo pipefail

USERS="${BENCH_USERS:-10000}"
CLIENTS="${BENCH_CLIENTS:-4}"
LOOKUPS="${BENCH_LOOKUPS:-1000}"
DATABASE="${BENCH_DATABASE:-sqlite}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
source "$REPO/scripts/lib/prerequisites.sh"
source "$REPO/scripts/lib/postgres.sh"
source "$REPO/bench/lib/portal.sh"
ADMIN_EMAIL="bench-admin@example.com"
PASSWORD='Bench!Passw0rd'
TOOL_DLL="$REPO/bench/ScimBench/bin/Release/net10.0/ScimBench.dll"
HZ="$(getconf CLK_TCK)"
case "$DATABASE" in sqlite | postgres) ;; *) echo "BENCH_DATABASE must be sqlite or postgres" >&2; exit 2 ;; esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/scim-bench.XXXXXX")"
NODE_PIDS=()
POSTGRES_DIRS=()
cleanup() {
  stop_nodes
  stop_postgres
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ProfilePortal and bench/ScimBench (Release)..."
dotnet build "$REPO/bench/ScimBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

database_settings=("ConnectionStrings__Default=Data Source=$WORK/server/profileportal.db")
if [ "$DATABASE" = postgres ]; then
  ensure_postgres
  echo "Starting PostgreSQL..."
  # The server runs as the postgres user, which must pass through the temp dir (not list it) to its own folder.
  chmod o+x "$WORK"
  start_postgres "$WORK/pg"
  database_settings=(Database__Provider=Postgres "ConnectionStrings__Default=$POSTGRES_CONNECTION")
fi

echo "Starting the portal on $DATABASE (fresh database, the seeded admin only)..."
start_node "$WORK/server" server "${database_settings[@]}" "Seed__AdminEmail=$ADMIN_EMAIL" "Seed__AdminPassword=$PASSWORD"
URL="$NODE_URL"
PID="$NODE_PID"

# tool <args>: bench/ScimBench with the portal's database settings; prints its BENCH- lines, fails on a non-zero exit.
tool() {
  local status=0
  (cd "$REPO" && env "${database_settings[@]}" "Email__PickupDirectory=$WORK/tool-mail" \
    "Serilog__WriteTo__File__Args__configure__File__Args__path=$WORK/tool-logs/tool-.log" \
    dotnet "$TOOL_DLL" "$@") >"$WORK/tool.log" 2>&1 || status=$?
  grep '^BENCH-' "$WORK/tool.log" || true
  if [ "$status" != 0 ]; then echo "ScimBench $1 failed (exit $status):" >&2; grep -v '^BENCH-' "$WORK/tool.log" | tail -30 >&2; return 1; fi
}

# The token an administrator would create on /Admin/Provisioning, created through the same service.
TOKEN="$(tool token "$ADMIN_EMAIL" "Bench identity provider" | sed -n 's/^BENCH-TOKEN //p')"
[ -n "$TOKEN" ] || { echo "no provisioning token created" >&2; exit 1; }
status="$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL/scim/v2/Users?count=1")"
[ "$status" = 200 ] || { echo "GET /scim/v2/Users with the token answered $status (is /scim/v2/Users on this branch?)" >&2; exit 1; }

# machine_busy_ticks: busy (not idle, not iowait) clock ticks of the whole machine, from /proc/stat.
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

ROWS=()
FAILED=0
# phase <name> <tool args...>: runs the ScimBench phase and adds its row: requests/s, latency, portal and machine cores.
phase() {
  local name="$1" out s0 s1 m0 m1 t0 t1 result
  shift
  s0="$(cpu_ticks "$PID")"; m0="$(machine_busy_ticks)"; t0="$(date +%s.%N)"
  out="$(tool "$@")" || FAILED=1
  s1="$(cpu_ticks "$PID")"; m1="$(machine_busy_ticks)"; t1="$(date +%s.%N)"
  echo "$out" | grep '^BENCH-ERROR' | sed 's/^BENCH-ERROR /   error: /' || true
  result="$(echo "$out" | sed -n "s/^BENCH-RESULT $1 //p")"
  [ -n "$result" ] || { echo "ScimBench $1 printed no result" >&2; exit 1; }
  field() { echo "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  ROWS+=("$(awk -v name="$name" -v n="$(field requests)" -v e="$(field errors)" -v sec="$(field seconds)" -v rps="$(field rps)" \
    -v p50="$(field p50)" -v p95="$(field p95)" -v p99="$(field p99)" -v max="$(field max)" \
    -v s="$((s1 - s0))" -v m="$((m1 - m0))" -v hz="$HZ" -v t0="$t0" -v t1="$t1" \
    'BEGIN { t = t1 - t0; printf "| %s | %d | %d | %.1f | %.0f | %.1f | **%.1f** | %.1f | %.1f | %.2f | %.2f | %.1f |", name, n, e, sec, rps, p50, p95, p99, max, s / hz / t, m / hz / t, 1000 * s / hz / (n > 0 ? n : 1) }')")
  echo "   ${ROWS[-1]}"
}

RUN="r$(date +%s)"
echo
echo "== machine: $(machine); $(date -u '+%Y-%m-%d %H:%M UTC'); work tree at $(git -C "$REPO" rev-parse --short HEAD); database: $DATABASE"
echo "== portal $URL (pid $PID); $USERS people from $CLIENTS clients, then $LOOKUPS lookups by userName from $CLIENTS clients"
phase "POST /scim/v2/Users" provision "$URL" "$TOKEN" "$USERS" "$CLIENTS" "$RUN"
phase "GET /scim/v2/Users?filter=userName eq" lookup "$URL" "$TOKEN" "$USERS" "$LOOKUPS" "$CLIENTS" "$RUN"

echo
echo "Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| request | requests | errors | seconds | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | portal cores | machine busy cores | portal CPU ms per request |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
if [ "$FAILED" = 1 ]; then echo "Some requests failed (see the errors above)." >&2; exit 1; fi
