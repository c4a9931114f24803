#!/usr/bin/env bash
# Load and faults (issue 12): BENCH_USERS (64) signed-in virtual users for BENCH_DURATION (60) seconds, each with its own
# seeded account and cookie jar, mixing page reads, profile saves, avatar uploads, token creation (with revokes) and
# session ends (bench/LoadBench), against two configurations in one run:
#   sqlite   one node on a temp SQLite file (as scripts/run.sh starts it)
#   cluster  scripts/cluster.sh in a temp folder: PostgreSQL, two nodes, nginx round-robin in front; BENCH_KILL_AFTER
#            (20) seconds into the measured phase, node 1 gets SIGKILL and the cluster script starts it again
# Then for each: requests, errors and p50/p95/p99 per kind; errors in the kill window apart; the server logs searched for
# 5xx, errors and "database is locked"; the lost-writes check (each person's stored title = their last acknowledged
# save), through the app and again in the database itself.
#
#   bench/load.sh                                  both, about 6 minutes
#   BENCH_CONFIGS=cluster bench/load.sh            one of them
#   BENCH_USERS=16 BENCH_DURATION=20 bench/load.sh
#   BENCH_KEEP=1 bench/load.sh                     keep the temp folders (logs, reports, the cluster's data)
#
# Everything listens on 127.0.0.1 only and is stopped by its process id on exit. Tunables: BENCH_USERS, BENCH_DURATION,
# BENCH_KILL_AFTER, BENCH_THINK_MS (0), BENCH_CONFIGS ("sqlite cluster"), BENCH_KEEP. Exit status 1 when any
# configuration had an error or a lost write (both still run).
set -euo pipefail

USERS="${BENCH_USERS:-64}"
DURATION="${BENCH_DURATION:-60}"
KILL_AFTER="${BENCH_KILL_AFTER:-20}"
THINK_MS="${BENCH_THINK_MS:-0}"
CONFIGS="${BENCH_CONFIGS:-sqlite cluster}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
source "$REPO/scripts/lib/prerequisites.sh"
source "$REPO/scripts/lib/postgres.sh"
source "$REPO/bench/lib/portal.sh"
ADMIN_EMAIL="bench-admin@example.com"
# Every seeded person shares it (Seed:DemoPassword defaults to the admin's); a bench password, not a secret.
PASSWORD='Bench!Passw0rd'
LOADBENCH="$REPO/bench/LoadBench/bin/Release/net10.0/LoadBench.dll"

ensure_dotnet
ensure_packages "${RUNTIME_PACKAGES[@]}" curl
ensure_postgres

WORK="$(mktemp -d "${TMPDIR:-/tmp}/load-bench.XXXXXX")"
NODE_PIDS=()
CLUSTER_PID=""
CLUSTER_DIR=""
LOAD_PID=""
cleanup() {
  if [ -n "$LOAD_PID" ] && kill -0 "$LOAD_PID" 2>/dev/null; then kill -TERM "$LOAD_PID" 2>/dev/null || true; fi
  stop_nodes
  stop_cluster
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK${CLUSTER_DIR:+ and $CLUSTER_DIR}"; else rm -rf "$WORK" ${CLUSTER_DIR:+"$CLUSTER_DIR"}; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ProfilePortal and bench/LoadBench (Release)..."
dotnet build "$REPO/src/ProfilePortal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build "$REPO/bench/LoadBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# The app's settings for both configurations: the seeded people, and the sign-in throttle out of the way (64 people
# sign in from one address, and each "end a session" signs in once more).
export Seed__AdminEmail="$ADMIN_EMAIL" Seed__AdminPassword="$PASSWORD" Seed__Demo=true Seed__DemoUsers="$USERS"
export Throttling__SignIn__PerIp__PermitLimit=1000000 Throttling__SignIn__PerAccount__PermitLimit=1000000
export MALLOC_ARENA_MAX=2

# run_load <out dir> [LoadBench options...]: runs LoadBench in the background (its pid in LOAD_PID).
run_load() {
  local out="$1"; shift
  mkdir -p "$out"
  LOADBENCH_PASSWORD="$PASSWORD" dotnet "$LOADBENCH" --users "$USERS" --duration "$DURATION" --think-ms "$THINK_MS" \
    --out "$out" --started-file "$out/started" "$@" >"$out/loadbench.log" 2>&1 &
  LOAD_PID=$!
}

# wait_load <out dir>: waits for LoadBench, prints its report, returns its status.
wait_load() {
  local status=0
  wait "$LOAD_PID" || status=$?
  LOAD_PID=""
  cat "$1/loadbench.log"
  return "$status"
}

# log_sizes <files...>: each file's size now, to read only what is written after (start-up is not under test).
log_sizes() { local f; for f in "$@"; do stat -c %s "$f" 2>/dev/null || echo 0; done; }

# server_log_findings "<sizes>" <log files...>: what the servers logged since the sizes were taken that a load test must
# not produce.
server_log_findings() {
  local sizes i=0 f new
  read -r -a sizes <<<"$1"
  shift
  new="$WORK/new-log-lines"
  : >"$new"
  for f in "$@"; do tail -c +"$((${sizes[i]:-0} + 1))" "$f" >>"$new" 2>/dev/null || true; i=$((i + 1)); done
  echo "Server logs since the sign-ins began: $(grep -ciE 'database is locked|SQLITE_BUSY|database table is locked' "$new" || true)" \
    "\"database is locked\"/busy, $(grep -cE 'RequestLoggingMiddleware: HTTP [A-Z]+ [^ ]+ responded 5[0-9]{2} ' "$new" || true) responses with a 5xx status," \
    "$(grep -cE '^\[[0-9:]+ (ERR|FTL)\]' "$new" || true) ERR/FTL entries, $(grep -c 'RequestLoggingMiddleware: HTTP ' "$new" || true) requests."
  if grep -qE '^\[[0-9:]+ (ERR|FTL)\]' "$new"; then
    echo "First ERR/FTL entries:"
    grep -E -A3 '^\[[0-9:]+ (ERR|FTL)\]' "$new" | cut -c1-300 | head -20
  fi
}

# db_check <titles.tsv> <stored.tsv>: each person's title in the database is their last acknowledged save (or a save
# after it whose answer was lost).
db_check() {
  python3 - "$1" "$2" <<'PY'
import sys
expected = {}
for line in open(sys.argv[1], encoding="utf-8"):
    user, last, doubt, _ = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
    expected[user] = (last, set(filter(None, doubt.split("|"))))
stored = dict((line.rstrip("\n").split("\t") + [""])[:2] for line in open(sys.argv[2], encoding="utf-8") if line.strip())
lost = [f"{u}: database has {stored.get(u)!r}, last acknowledged {last!r}" for u, (last, doubt) in sorted(expected.items())
        if stored.get(u, None) != last and stored.get(u) not in doubt]
print(f"Database check: {len(lost)} lost writes ({len(expected)} people, titles read from the database itself).")
for entry in lost: print("- " + entry)
sys.exit(1 if lost else 0)
PY
}

OVERALL=0

run_sqlite() {
  local dir="$WORK/sqlite" url sizes status=0
  mkdir -p "$dir"
  echo
  echo "=== (a) one node on SQLite, $USERS people, ${DURATION} s; $(machine); $(date -u '+%Y-%m-%d %H:%M UTC')"
  start_node "$dir" "the SQLite node"
  url="$NODE_URL"
  echo "Node at $url (pid $NODE_PID)."
  sizes="$(log_sizes "$dir/console.log")"
  run_load "$dir/load" --url "$url"
  wait_load "$dir/load" || status=$?
  server_log_findings "$sizes" "$dir/console.log"
  python3 - "$dir/profileportal.db" >"$dir/stored.tsv" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for user, title in db.execute("SELECT UserName, coalesce(Title, '') FROM AspNetUsers WHERE UserName LIKE 'demo-%'"):
    print(f"{user}\t{title}")
PY
  db_check "$dir/load/titles.tsv" "$dir/stored.tsv" || status=1
  stop_nodes
  [ "$status" -eq 0 ] || OVERALL=1
}

run_cluster() {
  local dir="$WORK/cluster" url sizes status=0 victim started notes=()
  mkdir -p "$dir"
  CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/load-cluster.XXXXXX")"
  echo
  echo "=== (b) two nodes behind nginx on PostgreSQL (scripts/cluster.sh), $USERS people, ${DURATION} s, node 1 killed at +${KILL_AFTER} s; $(machine); $(date -u '+%Y-%m-%d %H:%M UTC')"
  start_cluster "$CLUSTER_DIR" "$dir/cluster.log"
  url="$CLUSTER_URL"
  echo "Cluster at $url (nginx), node 1 on :$CLUSTER_NODE1_PORT, node 2 on :$CLUSTER_NODE2_PORT, PostgreSQL on :$CLUSTER_PG_PORT."

  sizes="$(log_sizes "$CLUSTER_DIR/node1/console.log" "$CLUSTER_DIR/node2/console.log")"
  run_load "$dir/load" --url "$url" --events-file "$dir/events"
  for _ in $(seq 600); do [ -s "$dir/load/started" ] && break; kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.2; done
  [ -s "$dir/load/started" ] || { cat "$dir/load/loadbench.log" >&2; echo "LoadBench did not start its measured phase" >&2; exit 1; }
  started="$(cat "$dir/load/started")"
  sleep "$(awk -v s="$started" -v k="$KILL_AFTER" -v now="$(date +%s.%N)" 'BEGIN { d = s + k - now; print (d > 0 ? d : 0) }')"
  victim="$(head -n 1 "$CLUSTER_DIR/node1/pid")"
  echo "kill $(date +%s.%N)" >>"$dir/events"
  kill -KILL "$victim"
  notes+=("SIGKILL to node 1 (pid $victim) ${KILL_AFTER} s into the measured phase.")
  # Back when the cluster script has started it again and seen it healthy (it prints "Node 1 is back"); LoadBench reads
  # the time when it writes its report, so a node slower than the run to come back is reported by this script alone.
  for _ in $(seq 1500); do
    if grep -q 'Node 1 is back' "$dir/cluster.log"; then
      echo "back $(date +%s.%N)" >>"$dir/events"
      notes+=("Node 1 healthy again $(awk -v k="$(awk '$1 == "kill" { print $2 }' "$dir/events")" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - k }') s after the kill (cluster.sh: \"Node 1 is back\").")
      break
    fi
    if ! kill -0 "$LOAD_PID" 2>/dev/null && [ "$(awk -v s="$started" -v now="$(date +%s.%N)" 'BEGIN { print (now - s > 240) }')" = 1 ]; then
      notes+=("Node 1 was not healthy again within 240 s of the measured phase's start.")
      status=1
      break
    fi
    sleep 0.2
  done
  wait_load "$dir/load" || status=$?

  echo
  printf '%s\n' "${notes[@]}"
  server_log_findings "$sizes" "$CLUSTER_DIR/node1/console.log" "$CLUSTER_DIR/node2/console.log"
  # Node 1 rejoined: requests its restarted process served (its console log after the last start).
  awk '/Now listening on/ { n = 0; next } /RequestLoggingMiddleware: HTTP / { n++ } END { printf "Node 1 after its restart served %d requests", n }' "$CLUSTER_DIR/node1/console.log"
  echo " (node 2 in all: $(grep -c 'RequestLoggingMiddleware: HTTP ' "$CLUSTER_DIR/node2/console.log"))."
  grep -E 'Node 1|node 1' "$dir/cluster.log" | sed 's/^/  cluster.sh: /'
  # nginx: statuses, requests it passed to a second node after the first failed (proxy_next_upstream), its errors.
  awk '{ split($0, part, "\""); split(part[3], after, " "); s[after[1]]++ }
       / upstream=[^ ]*, / { retried++ }
       END { printf "nginx access log: "; for (k in s) printf "%s x%d  ", k, s[k]; printf "; passed on to the other node after a failure: %d\n", retried }' "$CLUSTER_DIR/nginx/access.log"
  echo "nginx error log, by message ($(grep -c '' "$CLUSTER_DIR/nginx/error.log" || true) lines; request bodies buffered to disk are the avatar uploads):"
  sed -E -e 's/^[0-9\/: ]+\[([a-z]+)\] [0-9#]+: (\*[0-9]+ )?/[\1] /' -e 's/, (client|server|host|referrer|upstream|request): .*//' \
    -e 's/temporary file .*/temporary file/' "$CLUSTER_DIR/nginx/error.log" | sort | uniq -c | sort -rn | head -10 | sed 's/^/  /'

  PG_PASSFILE="$CLUSTER_DIR/postgres/superuser.pgpass" pg_psql "$CLUSTER_PG_PORT" -d profileportal -At -F $'\t' \
    -c "select \"UserName\", coalesce(\"Title\", '') from \"AspNetUsers\" where \"UserName\" like 'demo-%'" >"$dir/stored.tsv"
  db_check "$dir/load/titles.tsv" "$dir/stored.tsv" || status=1
  stop_cluster
  [ "$status" -eq 0 ] || OVERALL=1
}

for config in $CONFIGS; do
  case "$config" in
    sqlite) run_sqlite ;;
    cluster) run_cluster ;;
    *) echo "unknown configuration '$config' in BENCH_CONFIGS (sqlite, cluster)" >&2; exit 2 ;;
  esac
done
exit "$OVERALL"
