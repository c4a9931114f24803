#!/usr/bin/env bash
# Benchmark: the admin users search (/Admin/Users) with 100,000 people (SPEC 2.9, issue 7; goal p95 <= 50 ms).
# Starts the real app (Release, Production, 127.0.0.1, a temp SQLite file) with Seed__DemoUsers, signs in as the
# seeded administrator with curl, then sends each query one at a time (a bash client: curl's own time_total per
# request, no concurrency) and prints p50/p95/max. It also times, directly in SQLite (python3's sqlite3), what a
# substring ("email fragment") search would cost, which the app deliberately does not offer (docs/decisions/0004).
#
#   bench/admin-users-search.sh                    100,000 people, 200 requests per query (about 3 minutes)
#   BENCH_USERS=20000 BENCH_REQUESTS=50 bench/admin-users-search.sh
#   BENCH_KEEP=1 bench/admin-users-search.sh       keep the temp dir (database, server log)
#
# The server is started with its pid recorded, checked to listen only on 127.0.0.1, and stopped by pid on exit.
set -euo pipefail

USERS="${BENCH_USERS:-100000}"
REQUESTS="${BENCH_REQUESTS:-200}"
WARMUP="${BENCH_WARMUP_REQUESTS:-20}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
ADMIN_EMAIL="bench-admin@example.com"
PASSWORD='Bench!Passw0rd'

WORK="$(mktemp -d "${TMPDIR:-/tmp}/admin-search-bench.XXXXXX")"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ProfilePortal (Release)..."
dotnet build "$REPO/src/ProfilePortal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

echo "Starting with Seed__DemoUsers=$USERS (the first start inserts them)..."
started="$(date +%s.%N)"
(cd "$REPO/src/ProfilePortal.Web" && exec env ASPNETCORE_ENVIRONMENT=Production Portal__PublicBaseUrl=http://127.0.0.1 \
  "ConnectionStrings__Default=Data Source=$WORK/bench.db" \
  "Seed__AdminEmail=$ADMIN_EMAIL" "Seed__AdminPassword=$PASSWORD" "Seed__Demo=true" "Seed__DemoUsers=$USERS" \
  "Email__PickupDirectory=$WORK/mail" "Serilog__WriteTo__File__Args__path=$WORK/logs/portal-.log" \
  dotnet bin/Release/net10.0/ProfilePortal.Web.dll --urls "http://127.0.0.1:0") >"$WORK/server.log" 2>&1 &
PID=$!
URL="$(wait_listening "$PID" "$WORK/server.log" 3000)" || exit 1
ready="$(date +%s.%N)"
assert_loopback_only "$PID" server
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
awk -v a="$started" -v b="$ready" -v n="$USERS" 'BEGIN { printf "server up at %s, pid %s; start-up with the seed of %d people: %.1f s\n", "'"$URL"'", "'"$PID"'", n, b - a }'

CURL=(curl -sS --max-time 20)
JAR="$WORK/cookies"
token_from() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
"${CURL[@]}" -c "$JAR" -b "$JAR" -o "$WORK/login.html" "$URL/Account/Login"
status="$("${CURL[@]}" -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "Input.Login=$ADMIN_EMAIL" --data-urlencode "Input.Password=$PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$(token_from "$WORK/login.html")" "$URL/Account/Login")"
case "$status" in "302 "*"/Settings/Profile"*) ;; *) echo "sign-in failed ($status)" >&2; exit 1 ;; esac

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
    END { p50 = t[int(NR * 0.50 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)]; printf "| %s | `%s` | %s | %.1f | %.1f | %.1f |\n", label, path, matched, p50, p95, t[NR] }' | tee -a "$WORK/table.md"
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
