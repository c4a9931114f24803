#!/usr/bin/env bash
# Benchmark: the admin users search (/Admin/Users) with 100,000 people (SPEC 2.9, issue 7; goal p95 <= 50 ms).
# Starts the real app (Release, Production, 127.0.0.1, a temp SQLite file, or with BENCH_DATABASE=postgres a PostgreSQL
# of its own in the temp dir) with Seed__DemoUsers, signs in as the seeded administrator with curl, then sends each query
# one at a time (a bash client: curl's own time_total per request, no concurrency) and prints p50/p95/max.
# On SQLite it also times, directly in SQLite (python3's sqlite3), what a substring ("email fragment") search would
# cost, which the app deliberately does not offer (docs/decisions/0004). On PostgreSQL it then sends each query once
# more with auto_explain logging every statement's plan with actual times (EXPLAIN ANALYZE of the SQL the app sends),
# and prints the plan of each query's slowest statement.
#
#   bench/admin-users-search.sh                    100,000 people, 200 requests per query (about 3 minutes)
#   BENCH_DATABASE=postgres bench/admin-users-search.sh
#   BENCH_DATABASE=postgres BENCH_PG_OPTIONS="Maximum Pool Size=40" bench/admin-users-search.sh   (other connection
#                                                  string options; default: scripts/cluster.sh's, with Max Auto Prepare=20)
#   BENCH_USERS=20000 BENCH_REQUESTS=50 bench/admin-users-search.sh
#   BENCH_KEEP=1 bench/admin-users-search.sh       keep the temp dir (database, server log, plans.txt)
#
# The server (and PostgreSQL) are started with their pids recorded, checked to listen only on 127.0.0.1, and stopped by
# pid on exit.
set -euo pipefail

USERS="${BENCH_USERS:-100000}"
REQUESTS="${BENCH_REQUESTS:-200}"
WARMUP="${BENCH_WARMUP_REQUESTS:-20}"
DATABASE="${BENCH_DATABASE:-sqlite}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
source "$REPO/scripts/lib/prerequisites.sh"
source "$REPO/scripts/lib/postgres.sh"
source "$REPO/bench/lib/portal.sh"
PG_OPTIONS="${BENCH_PG_OPTIONS:-$PG_NODE_OPTIONS}"
ADMIN_EMAIL="bench-admin@example.com"
PASSWORD='Bench!Passw0rd'
case "$DATABASE" in sqlite | postgres) ;; *) echo "BENCH_DATABASE must be sqlite or postgres" >&2; exit 2 ;; esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/admin-search-bench.XXXXXX")"
NODE_PIDS=()
POSTGRES_DIRS=()
cleanup() {
  stop_nodes
  stop_postgres
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ProfilePortal (Release)..."
dotnet build "$REPO/src/ProfilePortal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

database_settings=("ConnectionStrings__Default=Data Source=$WORK/bench.db")
if [ "$DATABASE" = postgres ]; then
  ensure_postgres
  echo "Starting PostgreSQL..."
  # The server runs as the postgres user, which must pass through the temp dir (not list it) to its own folder.
  chmod o+x "$WORK"
  start_postgres "$WORK/pg"
  # auto_explain in every session of the app, silent until the plans are wanted (log_min_duration -1).
  pg_psql "$PG_PORT" -d postgres -c "load 'auto_explain'" -c "alter system set session_preload_libraries = 'auto_explain'" \
    -c "alter system set auto_explain.log_min_duration = -1" -c "select pg_reload_conf()" >/dev/null
  # BENCH_PG_OPTIONS replaces the connection string's options (default: those of scripts/cluster.sh's nodes).
  database_settings=(Database__Provider=Postgres "ConnectionStrings__Default=$POSTGRES_ADDRESS;$PG_OPTIONS")
fi

echo "Starting on $DATABASE with Seed__DemoUsers=$USERS (the first start inserts them)..."
started="$(date +%s.%N)"
start_node "$WORK" server "${database_settings[@]}" \
  "Seed__AdminEmail=$ADMIN_EMAIL" "Seed__AdminPassword=$PASSWORD" "Seed__Demo=true" "Seed__DemoUsers=$USERS"
URL="$NODE_URL"
PID="$NODE_PID"
ready="$(date +%s.%N)"
echo "== machine: $(machine); $(date -u '+%Y-%m-%d %H:%M UTC'); work tree at $(git -C "$REPO" rev-parse --short HEAD); database: $DATABASE$([ "$DATABASE" = sqlite ] || echo " ($PG_OPTIONS)")"
awk -v a="$started" -v b="$ready" -v n="$USERS" 'BEGIN { printf "server up at %s, pid %s; start-up with the seed of %d people: %.1f s\n", "'"$URL"'", "'"$PID"'", n, b - a }'

JAR="$WORK/cookies"
sign_in "$URL" "$JAR" "$ADMIN_EMAIL" "$PASSWORD"

# A department id from the filter's options, and a surname and email prefix that exist.
"${CURL[@]}" -b "$JAR" -o "$WORK/list.html" "$URL/Admin/Users"
DEPARTMENT="$(grep -o '<option value="[0-9a-f-]\{36\}">Support</option>' "$WORK/list.html" | head -1 | sed 's/<option value="//; s/".*//')"
[ -n "$DEPARTMENT" ] || { echo "no Support department in the filter" >&2; exit 1; }

# run <label> <query>: warm-up, then REQUESTS sequential GETs; every response must be a 200 listing the count line.
printf '\n| query | URL | people matched | p50 (ms) | p95 (ms) | max (ms) |\n| --- | --- | ---: | ---: | ---: | ---: |\n' | tee "$WORK/table.md"
run() {
  local label="$1" path="/Admin/Users$2" times="$WORK/times.txt" out="$WORK/page.html" result
  for _ in $(seq "$WARMUP"); do "${CURL[@]}" -b "$JAR" -o /dev/null "$URL$path"; done
  : >"$times"
  for _ in $(seq "$REQUESTS"); do
    result="$("${CURL[@]}" -b "$JAR" -o "$out" -w '%{http_code} %{time_total}' "$URL$path")"
    [ "${result%% *}" = "200" ] || { echo "$label: HTTP ${result%% *}" >&2; exit 1; }
    echo "${result#* }" >>"$times"
  done
  grep -q 'data-testid="result-count"' "$out" || { echo "$label: not the users list" >&2; exit 1; }
  local matched
  matched="$(tr -d '\n' <"$out" | grep -o 'data-testid="result-count">[^<]*' | sed 's/.*">//; s/^ *//; s/ *$//' | grep -o 'of [0-9]* people\|No people match' | grep -o '[0-9]*' || echo 0)"
  sort -n "$times" | awk -v label="$label" -v path="$2" -v matched="${matched:-0}" '{ t[NR] = $1 * 1000 }
    END { p50 = t[int(NR * 0.50 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)]; printf "| %s | `%s` | %s | %.1f | %.1f | %.1f |\n", label, path, matched, p50, p95, t[NR]
          printf "%s\t%.1f\t%s\n", label, p95, path >> "'"$WORK/p95.tsv"'" }' | tee -a "$WORK/table.md"
}

run "list, first page (sorted by name)" ""
run "name prefix" "?q=smi"
run "full name prefix" "?q=john%20sm"
run "email prefix" "?q=john.s"
run "username prefix (one person)" "?q=demo-054321"
run "filter by department" "?department=$DEPARTMENT"
run "department + name prefix" "?department=$DEPARTMENT&q=mi"
run "status locked (none)" "?status=Locked"
run "newest first, page 2000" "?sort=Newest&pageNumber=2000"

if [ "$DATABASE" = postgres ]; then
  # Each query once more with auto_explain on: every statement the app sends is logged with its plan and actual times
  # (log_analyze), then off again. The plan of each query's slowest statement is printed; all are in plans.txt.
  echo
  echo "Plans of the SQL the app sends (auto_explain with log_analyze, one request per query; all in plans.txt):"
  pg_psql "$PG_PORT" -d postgres -c "alter system set auto_explain.log_min_duration = 0" \
    -c "alter system set auto_explain.log_analyze = on" -c "alter system set auto_explain.log_buffers = on" -c "select pg_reload_conf()" >/dev/null
  sleep 1
  log="$WORK/pg/postgres/postgres.log"
  while IFS=$'\t' read -r label p95 path; do
    size="$(stat -c %s "$log")"
    "${CURL[@]}" -b "$JAR" -o /dev/null "$URL/Admin/Users$path"
    sleep 0.5
    { echo "=== $label ($path), p95 $p95 ms"; tail -c +"$((size + 1))" "$log"; } >"$WORK/plan.txt"
    cat "$WORK/plan.txt" >>"$WORK/plans.txt"
    python3 - "$WORK/plan.txt" "$p95" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
header, entries = lines[0], []
for line in lines[1:]:
    m = re.search(r"LOG:  duration: ([0-9.]+) ms  plan:", line)
    if m: entries.append([float(m.group(1)), []])
    elif entries and line.startswith("\t"): entries[-1][1].append(line[1:])
print(f"\n{header}: {len(entries)} statements, " + ", ".join(f"{d:.2f}" for d, _ in entries) + " ms")
if not entries: sys.exit(0)
duration, text = max(entries)
start = next((i for i, l in enumerate(text) if "(cost=" in l), len(text))
query = " ".join(" ".join(text[:start]).replace("Query Text:", "").split())
print(f"slowest, {duration:.2f} ms: {query[:160]}{'...' if len(query) > 160 else ''}")
plan = text[start:]
# Under the goal: the plan's nodes only; over it: the whole plan.
shown = plan if float(sys.argv[2]) > 50 else [l for l in plan if "(cost=" in l or "Cond:" in l or "Filter:" in l or "Execution" in l]
for l in shown[:40]: print("    " + l)
PY
  done <"$WORK/p95.tsv"
  pg_psql "$PG_PORT" -d postgres -c "alter system set auto_explain.log_min_duration = -1" -c "select pg_reload_conf()" >/dev/null
fi

if [ "$DATABASE" = sqlite ]; then
echo
echo "What a substring (email fragment) search would cost, timed in SQLite itself (no HTTP, page of 25 + count):"
python3 - "$WORK/bench.db" "$REQUESTS" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
n = int(sys.argv[2])
def measure(label, sql, args):
    for _ in range(5): db.execute(sql, args).fetchall()
    times = []
    for _ in range(n):
        t = time.perf_counter(); db.execute(sql, args).fetchall(); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    plan = " / ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, args))
    print(f"| {label} | {times[int(n*0.5)]:.1f} | {times[min(n-1, int(n*0.95))]:.1f} | {plan} |")
print("| query | p50 (ms) | p95 (ms) | SQLite plan |\n| --- | ---: | ---: | --- |")
for frag in ("%CONTOSO%", "%SMITH%"):
    measure(f"count LIKE '{frag}'", 'SELECT count(*) FROM AspNetUsers WHERE NormalizedEmail LIKE ?', (frag,))
    measure(f"page LIKE '{frag}' order by name", 'SELECT Id FROM AspNetUsers WHERE NormalizedEmail LIKE ? ORDER BY NormalizedSortName LIMIT 25', (frag,))
measure("count prefix range 'JOHN.S'", 'SELECT count(*) FROM AspNetUsers WHERE NormalizedEmail >= ? AND NormalizedEmail < ?', ("JOHN.S", "JOHN.T"))
PY
fi
