#!/usr/bin/env bash
# Benchmark: GET /api/v1/me with a personal access token, beside the same JSON without authentication, and with
# 1 vs 100,000 tokens in the database. bench/ApiBench starts the real app twice in one process on 127.0.0.1
# (Production environment, a temp SQLite file each, the seeded admin): "one" (the admin's token is the only one)
# and "many" (BENCH_EXTRA_TOKENS more rows, a quarter of them revoked). Each serves two peers beside the API:
#   /bench/me-anonymous  the handler's uncached read for the admin (same queries, same JSON) with no token: a cache miss
#   /bench/me-static     the same JSON bytes prepared once: no database, no authentication
#
#   bench/api.sh      (about 3 minutes)
#
# Tunables (environment): BENCH_THREADS=2 BENCH_CONNECTIONS=32 BENCH_DURATION=10s BENCH_WARMUP=5s BENCH_INITIAL_WARMUP=10s
#   BENCH_ROUNDS=2 (rounds alternate the order) BENCH_EXTRA_TOKENS=100000 BENCH_KEEP=1 (keep the temp dir and log)
#   BENCH_DATABASE=postgres (both portals on a PostgreSQL of their own, one database each, options as scripts/cluster.sh's
#   nodes; host CPU counts the bench host only, not PostgreSQL).
# One wrk at a time, loopback only; the host is started with its pid recorded and stopped on exit (stdin closed,
# then TERM/KILL by pid). See bench/README.md.
set -euo pipefail

THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-5s}"
INITIAL_WARMUP="${BENCH_INITIAL_WARMUP:-10s}"
ROUNDS="${BENCH_ROUNDS:-2}"
EXTRA="${BENCH_EXTRA_TOKENS:-100000}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
HOST_DLL="$REPO/bench/ApiBench/bin/Release/net10.0/ApiBench.dll"

source "$REPO/scripts/lib/prerequisites.sh"
command -v wrk >/dev/null 2>&1 || ensure_packages wrk
echo "Building bench/ApiBench (Release)..."
dotnet build "$REPO/bench/ApiBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

bench_workdir api-bench
DATABASE="${BENCH_DATABASE:-sqlite}"
case "$DATABASE" in sqlite | postgres) ;; *) echo "BENCH_DATABASE must be sqlite or postgres" >&2; exit 2 ;; esac
if [ "$DATABASE" = postgres ]; then
  source "$REPO/scripts/lib/postgres.sh"
  source "$REPO/bench/lib/portal.sh"
  ensure_postgres
  # PostgreSQL lives in WORK: stop it (by pid, pg_stop) before WORK goes.
  trap 'stop_host "$HOST_PID"; stop_postgres; if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi' EXIT
  # The server runs as the postgres user, which must pass through the temp dir (not list it) to its own folder.
  chmod o+x "$WORK"
  start_postgres "$WORK/pg"
  pg_create_database "$PG_PORT" profileportal_many portal
  export BENCH_POSTGRES_ONE="$POSTGRES_CONNECTION"
  export BENCH_POSTGRES_MANY="${POSTGRES_CONNECTION/Database=profileportal;/Database=profileportal_many;}"
fi

start_host "$REPO/bench/ApiBench" "$HOST_DLL" serve "$EXTRA" 900
field() { awk -v k="$1" -v n="$2" '$1 == k && $2 == n { print $3 }' "$WORK/host.log" | sed 's:/$::'; }
for _ in $(seq 1500); do
  kill -0 "$HOST_PID" 2>/dev/null || { echo "host exited at start:" >&2; tail -40 "$WORK/host.log" >&2; exit 1; }
  [ -n "$(field BENCH-TOKENS many)" ] && break
  sleep 0.2
done
[ -n "$(field BENCH-TOKENS many)" ] || { echo "host did not start" >&2; tail -40 "$WORK/host.log" >&2; exit 1; }
assert_loopback_only "$HOST_PID" host
declare -A URL TOKEN
for n in one many; do URL[$n]="$(field BENCH-URL $n)"; TOKEN[$n]="$(field BENCH-TOKEN $n)"; done
echo "one: ${URL[one]} ($(field BENCH-TOKENS one) token)   many: ${URL[many]} ($(field BENCH-TOKENS many) tokens)   pid $HOST_PID   $DATABASE"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

HZ="$(getconf CLK_TCK)"

# Each case: name, server, path, token ("-" for none). Every case must answer 200 with the admin's JSON.
CASES=("token-1|one|/api/v1/me|${TOKEN[one]}" "token-100k|many|/api/v1/me|${TOKEN[many]}" "anonymous|one|/bench/me-anonymous|-" "static|one|/bench/me-static|-")
curl_case() { local server="$1" path="$2" token="$3"; shift 3
  if [ "$token" = "-" ]; then curl -sS --max-time 20 "$@" "${URL[$server]}$path"; else curl -sS --max-time 20 -H "Authorization: Bearer $token" "$@" "${URL[$server]}$path"; fi; }
verify() {
  for c in "${CASES[@]}"; do
    IFS='|' read -r name server path token <<<"$c"
    status="$(curl_case "$server" "$path" "$token" -o "$WORK/$name.json" -w '%{http_code}')"
    if [ "$status" != "200" ] || ! grep -q '"email":"bench-admin@example.com"' "$WORK/$name.json"; then
      echo "$name: expected 200 with the admin's JSON, got $status" >&2; head -c 400 "$WORK/$name.json" >&2; exit 1
    fi
  done
  # The peers answer the same document as the token request on the same server (the other server has its own admin).
  for name in anonymous static; do cmp -s "$WORK/token-1.json" "$WORK/$name.json" || { echo "$name answers different JSON" >&2; exit 1; }; done
  curl_case one /api/v1/me "ppt_wrong" -o /dev/null -w '%{http_code}' | grep -q 401 || { echo "a wrong token was not refused" >&2; exit 1; }
}
verify
echo "token-1, anonymous and static answer the same $(wc -c <"$WORK/token-1.json")-byte JSON; a wrong token gets 401."

declare -A RPS P50 P99 CPU
measure() {
  local name="$1" server="$2" path="$3" token="$4" out="$WORK/wrk.txt" t0 t1
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
  [ "$token" = "-" ] || args+=(-H "Authorization: Bearer $token")
  wrk "${args[@]}" -d"$WARMUP" "${URL[$server]}$path" >/dev/null
  t0="$(cpu_ticks "$HOST_PID")"
  wrk "${args[@]}" -d"$DURATION" "${URL[$server]}$path" >"$out"
  t1="$(cpu_ticks "$HOST_PID")"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$out"; then echo "wrk reported errors for $name:" >&2; cat "$out" >&2; exit 1; fi
  RPS[$name]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")"
  P50[$name]="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  P99[$name]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  CPU[$name]="$(awk -v t="$((t1 - t0))" -v hz="$HZ" '/ requests in / { printf "%.3f", t * 1000 / hz / $1 }' "$out")"
  printf '  %-11s %-20s %8s req/s  p50 %6s ms  p99 %6s ms  host CPU %6s ms/req\n' "$name" "$path" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "${CPU[$name]}"
}

# The host has just started (JIT, tiered compilation): warm every case up once before the first round.
echo "Initial warm-up: $INITIAL_WARMUP per case..."
for c in "${CASES[@]}"; do
  IFS='|' read -r name server path token <<<"$c"
  if [ "$token" = "-" ]; then wrk -t"$THREADS" -c"$CONNECTIONS" -d"$INITIAL_WARMUP" "${URL[$server]}$path" >/dev/null
  else wrk -t"$THREADS" -c"$CONNECTIONS" -d"$INITIAL_WARMUP" -H "Authorization: Bearer $token" "${URL[$server]}$path" >/dev/null; fi
done
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up), one wrk at a time"
for round in $(seq "$ROUNDS"); do
  echo "-- round $round"
  if [ $((round % 2)) -eq 1 ]; then order=("${CASES[@]}"); else order=(); for ((i=${#CASES[@]}-1; i>=0; i--)); do order+=("${CASES[$i]}"); done; fi
  for c in "${order[@]}"; do IFS='|' read -r name server path token <<<"$c"; measure "$name" "$server" "$path" "$token"; done
  awk -v t1="${RPS[token-1]}" -v tm="${RPS[token-100k]}" -v a="${RPS[anonymous]}" -v s="${RPS[static]}" 'BEGIN {
    printf "   token/anonymous (cached vs uncached) %.2f   token/static %.2f (goal >= 0.25)   100k tokens/1 token %.2f (flat = 1.0)\n", t1 / a, t1 / s, tm / t1 }'
done
verify
echo "Still 200 with the same JSON after the runs."
