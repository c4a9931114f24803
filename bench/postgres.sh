#!/usr/bin/env bash
# Benchmarks for PostgreSQL and several nodes (issue 12), side by side in one run:
#   providers  the signed-in profile page (GET /Settings/Profile) and GET /api/v1/me with a token: one node on SQLite
#              beside one node on PostgreSQL (node 1 of scripts/cluster.sh, addressed directly, no nginx)
#              and, when BENCH_PG_VARIANT is set, a third node on the cluster's database with those connection string
#              options instead of cluster.sh's (default "Maximum Pool Size=40": without "Max Auto Prepare=20", so
#              PostgreSQL parses and plans every statement, to show what preparing them saves)
#   nodes      the profile page through nginx to two nodes (scripts/cluster.sh's own nginx) beside nginx to one node (a
#              second nginx started here from the cluster's configuration with node 2 left out, same settings otherwise)
# For every measured run: requests/s, p50, p99, and the CPU each process used (nodes, PostgreSQL with its backends,
# each nginx, wrk, and the rest of the machine), from /proc, so it shows what limits the throughput.
#
#   bench/postgres.sh                         both parts, 2 rounds, about 8 minutes
#   BENCH_PARTS=nodes bench/postgres.sh       one part
#   BENCH_KEEP=1 bench/postgres.sh            keep the temp folders (logs, the cluster's data)
#
# Tunables: BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_DURATION (15s), BENCH_WARMUP (5s, before each measured run),
# BENCH_ROUNDS (2; rounds alternate the order), BENCH_PARTS ("providers nodes"), BENCH_PG_VARIANT, BENCH_KEEP. One wrk at a time; all on
# 127.0.0.1, every process stopped by its pid on exit.
set -euo pipefail

THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DURATION="${BENCH_DURATION:-15s}"
WARMUP="${BENCH_WARMUP:-5s}"
ROUNDS="${BENCH_ROUNDS:-2}"
PARTS="${BENCH_PARTS:-providers nodes}"
PG_VARIANT="${BENCH_PG_VARIANT-Maximum Pool Size=40}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
source "$REPO/scripts/lib/prerequisites.sh"
source "$REPO/scripts/lib/postgres.sh"
source "$REPO/bench/lib/portal.sh"
ADMIN_EMAIL="bench-admin@example.com"
PASSWORD='Bench!Passw0rd'

ensure_dotnet
ensure_packages "${RUNTIME_PACKAGES[@]}" curl wrk nginx
ensure_postgres

WORK="$(mktemp -d "${TMPDIR:-/tmp}/postgres-bench.XXXXXX")"
CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/postgres-bench-cluster.XXXXXX")"
NODE_PIDS=()
CLUSTER_PID=""
SINGLE_NGINX_PID=""
cleanup() {
  if [ -n "$SINGLE_NGINX_PID" ] && kill -0 "$SINGLE_NGINX_PID" 2>/dev/null; then
    kill -TERM "$SINGLE_NGINX_PID" 2>/dev/null || true
    wait "$SINGLE_NGINX_PID" 2>/dev/null || true
  fi
  stop_nodes
  stop_cluster
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK and $CLUSTER_DIR"; else rm -rf "$WORK" "$CLUSTER_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ProfilePortal (Release)..."
dotnet build "$REPO/src/ProfilePortal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# Both databases get the same seed (the admin in the demo organization, so the profile page shows the same account
# panel), and the API's per-token rate limit is raised so wrk measures the work, not the limiter.
export Seed__AdminEmail="$ADMIN_EMAIL" Seed__AdminPassword="$PASSWORD" Seed__Demo=true
export Api__RateLimit__PermitLimit=100000000 MALLOC_ARENA_MAX=2

echo "Starting one node on SQLite..."
start_node "$WORK/sqlite" "the SQLite node"
SQLITE_URL="$NODE_URL"
SQLITE_PID="$NODE_PID"
echo "Starting scripts/cluster.sh (PostgreSQL, two nodes, nginx)..."
start_cluster "$CLUSTER_DIR" "$WORK/cluster.log"
NODE1_URL="http://127.0.0.1:$CLUSTER_NODE1_PORT"
node_pid() { head -n 1 "$CLUSTER_DIR/node$1/pid"; }
POSTMASTER_PID="$(head -n 1 "$CLUSTER_DIR/postgres/pgdata/postmaster.pid")"
CLUSTER_NGINX_PID="$(head -n 1 "$CLUSTER_DIR/nginx/nginx.pid")"

VARIANT_PID=""
if [ -n "$PG_VARIANT" ]; then
  echo "Starting a third node on the cluster's database with \"$PG_VARIANT\" as its connection string's options..."
  start_node "$WORK/variant" "the variant PostgreSQL node" Database__Provider=Postgres \
    "ConnectionStrings__Default=Host=127.0.0.1;Port=$CLUSTER_PG_PORT;Database=profileportal;Username=portal;Password=$(cat "$CLUSTER_DIR/portal-password");$PG_VARIANT"
  VARIANT_URL="$NODE_URL"
  VARIANT_PID="$NODE_PID"
fi

# nginx in front of node 1 only: the cluster's own configuration with node 2's line removed, on another port, with its
# own pid, logs and temp folders.
SINGLE_DIR="$WORK/nginx-single"
SINGLE_PORT="$(pg_free_port)"
mkdir -p "$SINGLE_DIR/temp"/{client_body,proxy,fastcgi,uwsgi,scgi}
[ "$(id -u)" -ne 0 ] || chown -R www-data:www-data "$SINGLE_DIR/temp"
sed -e "s#$CLUSTER_DIR/nginx#$SINGLE_DIR#g" -e "/127\.0\.0\.1:$CLUSTER_NODE2_PORT/d" \
  -e "s#listen 127\.0\.0\.1:[0-9]*;#listen 127.0.0.1:$SINGLE_PORT;#" "$CLUSTER_DIR/nginx/nginx.conf" >"$SINGLE_DIR/nginx.conf"
if ! grep -q "127.0.0.1:$CLUSTER_NODE1_PORT" "$SINGLE_DIR/nginx.conf" || grep -q "127.0.0.1:$CLUSTER_NODE2_PORT" "$SINGLE_DIR/nginx.conf"; then
  echo "could not derive the one-node nginx configuration from $CLUSTER_DIR/nginx/nginx.conf" >&2; exit 1
fi
nginx -t -q -p "$SINGLE_DIR" -c "$SINGLE_DIR/nginx.conf" -e "$SINGLE_DIR/error.log"
(exec setsid nginx -p "$SINGLE_DIR" -c "$SINGLE_DIR/nginx.conf" -e "$SINGLE_DIR/error.log") >"$SINGLE_DIR/console.log" 2>&1 &
SINGLE_NGINX_PID=$!
SINGLE_URL="http://127.0.0.1:$SINGLE_PORT"
for _ in $(seq 100); do "${CURL[@]}" -fs -o /dev/null "$SINGLE_URL/healthz" && break; sleep 0.2; done
assert_loopback_only "$SINGLE_NGINX_PID" "the one-node nginx"
echo "SQLite node $SQLITE_URL; PostgreSQL node 1 $NODE1_URL (node 2 on :$CLUSTER_NODE2_PORT); nginx to both $CLUSTER_URL; nginx to node 1 $SINGLE_URL."

# Signed in once per database (a session works on every node of the cluster and through both nginx), one token each.
sign_in "$SQLITE_URL" "$WORK/sqlite.cookies" "$ADMIN_EMAIL" "$PASSWORD"
sign_in "$CLUSTER_URL" "$WORK/cluster.cookies" "$ADMIN_EMAIL" "$PASSWORD"
SQLITE_COOKIE="$(cookie_header "$WORK/sqlite.cookies")"
CLUSTER_COOKIE="$(cookie_header "$WORK/cluster.cookies")"
SQLITE_TOKEN="$(create_token "$SQLITE_URL" "$WORK/sqlite.cookies")"
CLUSTER_TOKEN="$(create_token "$CLUSTER_URL" "$WORK/cluster.cookies")"

# Each case: label|URL|header|what the answer must contain. wrk counts a 302 to sign-in as a success, so every case is
# checked with curl before and after the runs.
declare -A CASES
CASES[sqlite profile]="$SQLITE_URL/Settings/Profile|Cookie: $SQLITE_COOKIE|data-testid=\"account-panel\""
CASES[postgres profile]="$NODE1_URL/Settings/Profile|Cookie: $CLUSTER_COOKIE|data-testid=\"account-panel\""
CASES[sqlite /api/v1/me]="$SQLITE_URL/api/v1/me|Authorization: Bearer $SQLITE_TOKEN|\"email\":\"$ADMIN_EMAIL\""
CASES[postgres /api/v1/me]="$NODE1_URL/api/v1/me|Authorization: Bearer $CLUSTER_TOKEN|\"email\":\"$ADMIN_EMAIL\""
if [ -n "$VARIANT_PID" ]; then
  CASES[variant profile]="$VARIANT_URL/Settings/Profile|Cookie: $CLUSTER_COOKIE|data-testid=\"account-panel\""
  CASES[variant /api/v1/me]="$VARIANT_URL/api/v1/me|Authorization: Bearer $CLUSTER_TOKEN|\"email\":\"$ADMIN_EMAIL\""
fi
CASES[nginx, one node]="$SINGLE_URL/Settings/Profile|Cookie: $CLUSTER_COOKIE|data-testid=\"account-panel\""
CASES[nginx, two nodes]="$CLUSTER_URL/Settings/Profile|Cookie: $CLUSTER_COOKIE|data-testid=\"account-panel\""
declare -A BYTES
verify() {
  local label url header expect result
  for label in "${!CASES[@]}"; do
    IFS='|' read -r url header expect <<<"${CASES[$label]}"
    result="$("${CURL[@]}" -H "$header" -o "$WORK/verify.out" -w '%{http_code} %{size_download}' "$url")"
    if [ "${result%% *}" != 200 ] || ! grep -qF -- "$expect" "$WORK/verify.out"; then
      echo "$label: expected 200 containing $expect, got $result" >&2; head -c 400 "$WORK/verify.out" >&2; exit 1
    fi
    BYTES[$label]="${result#* }"
  done
}
verify
echo "Every case answers 200 with the admin's page or JSON."

HZ="$(getconf CLK_TCK)"
# machine_ticks: busy and total CPU ticks of the whole machine (/proc/stat), all cores.
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }
# waited_ticks: CPU of this script's finished children (wrk, once waited for).
waited_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
# snapshot: the CPU ticks of every component (1 SQLite node, 2 node 1, 3 node 2, 4 PostgreSQL, 5 the two-node nginx,
# 6 the one-node nginx, 7 the variant node, 8 wrk), then the machine's busy and total ticks.
snapshot() {
  echo "$(cpu_ticks "$SQLITE_PID") $(cpu_ticks "$(node_pid 1)") $(cpu_ticks "$(node_pid 2)") $(tree_cpu_ticks "$POSTMASTER_PID")" \
    "$(tree_cpu_ticks "$CLUSTER_NGINX_PID") $(tree_cpu_ticks "$SINGLE_NGINX_PID") $([ -n "$VARIANT_PID" ] && cpu_ticks "$VARIANT_PID" || echo 0)" \
    "$(waited_ticks) $(machine_ticks)"
}

declare -A RPS P50 P99 USAGE
# measure <label>: warm-up, then the measured wrk run with a CPU snapshot before and after. USAGE[label] is each
# component's CPU in cores (CPU seconds per second), then the machine's busy cores and the rest ("other").
measure() {
  local label="$1" url header expect out="$WORK/wrk.txt" before after started ended
  IFS='|' read -r url header expect <<<"${CASES[$label]}"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$header" "$url" >/dev/null
  before="$(snapshot)"; started="$(date +%s.%N)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$header" "$url" >"$out"
  after="$(snapshot)"; ended="$(date +%s.%N)"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$out"; then echo "wrk reported errors for $label:" >&2; cat "$out" >&2; exit 1; fi
  RPS[$label]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")"
  P50[$label]="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  P99[$label]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  USAGE[$label]="$(awk -v b="$before" -v a="$after" -v s="$started" -v e="$ended" -v hz="$HZ" -v cores="$(nproc)" 'BEGIN {
    n = split(b, x, " "); split(a, y, " "); wall = e - s; known = 0
    for (i = 1; i <= n - 2; i++) { u = (y[i] - x[i]) / hz / wall; if (u < 0) u = 0; printf "%.2f ", u; known += u }
    busy = (y[n-1] - x[n-1]) / (y[n] - x[n]) * cores
    printf "%.2f %.2f", busy, (busy - known > 0 ? busy - known : 0) }')"
  printf '  %-22s %7s req/s  p50 %7s ms  p99 %7s ms\n' "$label" "${RPS[$label]}" "${P50[$label]}" "${P99[$label]}"
}

# cpu_per_request <label> <component index...>: CPU ms per request of those components together.
cpu_per_request() {
  local label="$1"; shift
  awk -v u="${USAGE[$label]}" -v rps="${RPS[$label]}" -v list="$*" 'BEGIN {
    split(u, x, " "); n = split(list, idx, " "); for (i = 1; i <= n; i++) sum += x[idx[i]]; printf "%.2f", sum * 1000 / rps }'
}

usage_row() { # <label>: | req/s | p50 | p99 | cores used by each component | busy | other |
  local label="$1"
  printf '| %s | %s | %s | %s | %s |\n' "$label" "${RPS[$label]}" "${P50[$label]}" "${P99[$label]}" "${USAGE[$label]// / | }"
}

echo
echo "== $(machine); $(date -u '+%Y-%m-%d %H:%M UTC'); work tree at $(git -C "$REPO" rev-parse --short HEAD)"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up), one wrk at a time, loopback"
# The processes have just started (JIT, tiered compilation): every case once before the first round.
for label in "${!CASES[@]}"; do
  IFS='|' read -r url header _ <<<"${CASES[$label]}"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$header" "$url" >/dev/null
done

for part in $PARTS; do
  case "$part" in
    providers)
      order=("sqlite profile" "postgres profile" "sqlite /api/v1/me" "postgres /api/v1/me")
      [ -z "$VARIANT_PID" ] || order=("sqlite profile" "postgres profile" "variant profile" "sqlite /api/v1/me" "postgres /api/v1/me" "variant /api/v1/me")
      ;;
    nodes) order=("nginx, one node" "nginx, two nodes") ;;
    *) echo "unknown part '$part' in BENCH_PARTS (providers, nodes)" >&2; exit 2 ;;
  esac
  for round in $(seq "$ROUNDS"); do
    echo "-- $part, round $round ($(machine))"
    if [ $((round % 2)) -eq 1 ]; then labels=("${order[@]}"); else labels=(); for ((i = ${#order[@]} - 1; i >= 0; i--)); do labels+=("${order[$i]}"); done; fi
    for label in "${labels[@]}"; do measure "$label"; done
    verify
    echo
    echo "| case | requests/s | p50 (ms) | p99 (ms) | cores: SQLite node | node 1 | node 2 | PostgreSQL | nginx (two) | nginx (one) | variant node | wrk | machine busy | other |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for label in "${order[@]}"; do usage_row "$label"; done
    echo
    if [ "$part" = providers ]; then
      for what in profile /api/v1/me; do
        echo "$what: PostgreSQL/SQLite requests/s $(awk -v p="${RPS[postgres $what]}" -v s="${RPS[sqlite $what]}" 'BEGIN { printf "%.2f", p / s }');" \
          "CPU ms per request: SQLite node $(cpu_per_request "sqlite $what" 1), PostgreSQL node $(cpu_per_request "postgres $what" 2)" \
          "+ PostgreSQL $(cpu_per_request "postgres $what" 4) = $(cpu_per_request "postgres $what" 2 4); response bytes ${BYTES[sqlite $what]} / ${BYTES[postgres $what]}"
        if [ -n "$VARIANT_PID" ]; then
          echo "  variant node (\"$PG_VARIANT\"): requests/s $(awk -v t="${RPS[variant $what]}" -v s="${RPS[sqlite $what]}" 'BEGIN { printf "%.2f", t / s }') of SQLite's;" \
            "CPU ms per request: node $(cpu_per_request "variant $what" 7) + PostgreSQL $(cpu_per_request "variant $what" 4) = $(cpu_per_request "variant $what" 7 4)"
        fi
      done
    else
      echo "two nodes / one node, requests/s: $(awk -v t="${RPS[nginx, two nodes]}" -v o="${RPS[nginx, one node]}" 'BEGIN { printf "%.2f", t / o }');" \
        "CPU ms per request (nodes + PostgreSQL + nginx): one node $(cpu_per_request "nginx, one node" 2 3 4 6), two nodes $(cpu_per_request "nginx, two nodes" 2 3 4 5)"
    fi
    echo
  done
done
echo "Cores: CPU seconds per second of wall time over each measured run, from /proc (user + system; PostgreSQL and nginx"
echo "with their child processes); machine busy from /proc/stat over all $(nproc) cores; other = busy minus the listed processes."
