#!/usr/bin/env bash
# Benchmark: the People directory (/People) with 100,000 people in one organization (SPEC 2.8a, issue 15; goal p95 <= 50 ms
# per search). Seeds the people as bench/admin-users-search.sh does (Seed__DemoUsers, all in the demo organization),
# starts the real app (Release, Production, 127.0.0.1, a temp SQLite file, or with BENCH_DATABASE=postgres a PostgreSQL of
# its own in the temp dir), signs in with curl as the seeded administrator and as one of the seeded members, then sends
# each query one at a time (curl's own time_total per request, no concurrency) and prints p50/p95/max. On SQLite it also
# prints SQLite's plan for the list's count and page, as the app sends them.
#
#   bench/people.sh                                100,000 people, 200 requests per query
#   BENCH_DATABASE=postgres bench/people.sh
#   BENCH_USERS=20000 BENCH_REQUESTS=50 bench/people.sh
#   BENCH_KEEP=1 bench/people.sh                   keep the temp dir (database, server log)
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
# A seeded member (the bulk people share the seed's password); the People list shows them their organization too.
MEMBER="demo-000123"
case "$DATABASE" in sqlite | postgres) ;; *) echo "BENCH_DATABASE must be sqlite or postgres" >&2; exit 2 ;; esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/people-bench.XXXXXX")"
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

ADMIN_JAR="$WORK/admin-cookies"
MEMBER_JAR="$WORK/member-cookies"
sign_in "$URL" "$ADMIN_JAR" "$ADMIN_EMAIL" "$PASSWORD"
sign_in "$URL" "$MEMBER_JAR" "$MEMBER" "$PASSWORD"

# The Support department's id from the filter's options (the seeded administrator is in the demo organization).
"${CURL[@]}" -b "$ADMIN_JAR" -o "$WORK/list.html" "$URL/People"
DEPARTMENT="$(grep -o '<option value="[0-9a-f-]\{36\}">Support</option>' "$WORK/list.html" | head -1 | sed 's/<option value="//; s/".*//')"
[ -n "$DEPARTMENT" ] || { echo "no Support department in the filter" >&2; exit 1; }

# run <label> <cookie jar> <query>: warm-up, then REQUESTS sequential GETs; every response must be a 200 with the count line.
printf '\n| query | as | URL | people matched | p50 (ms) | p95 (ms) | max (ms) |\n| --- | --- | --- | ---: | ---: | ---: | ---: |\n'
run() {
  local label="$1" jar="$2" path="/People$3" times="$WORK/times.txt" out="$WORK/page.html" result matched who
  [ -z "${ADMIN_LIST:-}" ] || path="/Admin/Users$3"
  who="$([ "$jar" = "$ADMIN_JAR" ] && echo administrator || echo member)"
  for _ in $(seq "$WARMUP"); do "${CURL[@]}" -b "$jar" -o /dev/null "$URL$path"; done
  : >"$times"
  for _ in $(seq "$REQUESTS"); do
    result="$("${CURL[@]}" -b "$jar" -o "$out" -w '%{http_code} %{time_total}' "$URL$path")"
    [ "${result%% *}" = "200" ] || { echo "$label: HTTP ${result%% *}" >&2; exit 1; }
    echo "${result#* }" >>"$times"
  done
  grep -q 'data-testid="result-count"' "$out" || { echo "$label: not the list" >&2; exit 1; }
  matched="$(tr -d '\n' <"$out" | grep -o 'data-testid="result-count">[^<]*' | sed 's/.*">//' | grep -o 'of [0-9]* people' | grep -o '[0-9]*' || echo 0)"
  sort -n "$times" | awk -v label="$label" -v who="$who" -v path="$path" -v matched="${matched:-0}" '{ t[NR] = $1 * 1000 }
    END { p50 = t[int(NR * 0.50 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)]; printf "| %s | %s | `%s` | %s | %.1f | %.1f | %.1f |\n", label, who, path, matched, p50, p95, t[NR] }'
}

run "list, first page (by name)" "$ADMIN_JAR" ""
run "list, page 2000" "$ADMIN_JAR" "?pageNumber=2000"
run "name prefix" "$ADMIN_JAR" "?q=smi"
run "first last prefix" "$ADMIN_JAR" "?q=john%20sm"
run "last first prefix" "$ADMIN_JAR" "?q=smith%20j"
run "no match" "$ADMIN_JAR" "?q=zzzq"
run "filter by department" "$ADMIN_JAR" "?department=$DEPARTMENT"
run "department + name prefix" "$ADMIN_JAR" "?department=$DEPARTMENT&q=mi"
run "list, first page (by name)" "$MEMBER_JAR" ""
run "name prefix" "$MEMBER_JAR" "?q=smi"
run "filter by department" "$MEMBER_JAR" "?department=$DEPARTMENT"
run "department + name prefix" "$MEMBER_JAR" "?department=$DEPARTMENT&q=mi"
# The peer in the same run: the admin users list's first page (bench/admin-users-search.sh), same people, same machine load.
ADMIN_LIST=1 run "admin users list, first page (peer)" "$ADMIN_JAR" ""

if [ "$DATABASE" = sqlite ]; then
  echo
  echo "SQLite's plans for the list (the SQL PeopleDirectory sends, shortened: count, then the page):"
  python3 - "$WORK/bench.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
org = db.execute("SELECT Id FROM Organizations WHERE Name = 'Acme Corporation'").fetchone()[0]
listed = "OrganizationId = ? AND DisabledAt IS NULL AND DeletionRequestedAt IS NULL"
name = ("DisabledAt IS NULL AND DeletionRequestedAt IS NULL AND ((NormalizedFullName >= ? AND NormalizedFullName < ?)"
        " OR (NormalizedSortName >= ? AND NormalizedSortName < ?)) AND COALESCE(OrganizationId, '00000000-0000-0000-0000-000000000000') = ?")
count = ("SELECT (SELECT count(*) FROM AspNetUsers WHERE OrganizationId = ?)"
         " - (SELECT count(*) FROM AspNetUsers WHERE DisabledAt IS NOT NULL AND COALESCE(OrganizationId, '') = ?)"
         " - (SELECT count(*) FROM AspNetUsers WHERE DeletionRequestedAt IS NOT NULL AND DisabledAt IS NULL AND COALESCE(OrganizationId, '') = ?)")
cases = [
    ("count, whole organization", count, (org, org, org)),
    ("page, whole organization", f"SELECT Id FROM AspNetUsers WHERE {listed} ORDER BY NormalizedSortName, Id LIMIT 25", (org,)),
    ("count, name prefix SMI", f"SELECT count(*) FROM AspNetUsers WHERE {name}", ("SMI", "SMJ", "SMI", "SMJ", org)),
    ("page, name prefix SMI", f"SELECT Id FROM AspNetUsers WHERE {name} ORDER BY NormalizedSortName, Id LIMIT 25", ("SMI", "SMJ", "SMI", "SMJ", org)),
]
for label, sql, args in cases:
    print(f"- {label}: " + " / ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, args)))
PY
fi
