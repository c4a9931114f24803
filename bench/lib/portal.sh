# shellcheck shell=bash
# shellcheck disable=SC2034  # the functions set variables for the scripts that source this file
# Shared by the bench scripts that run ProfilePortal itself (a node on SQLite, a node on a PostgreSQL of its own, or
# scripts/cluster.sh) and talk to it with curl. Source after bench/lib/host.sh, scripts/lib/prerequisites.sh and
# scripts/lib/postgres.sh (and ensure_postgres); defines functions only. Every process listens on 127.0.0.1 and is
# stopped by its pid.

# machine: what the figures were measured on, and how busy it was.
machine() { echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg)"; }

# start_node <dir> <name> [VAR=value...]: starts the Release build on http://127.0.0.1:0 (Production, mail and logs in
# <dir>, console output in <dir>/console.log, SQLite in <dir>/profileportal.db unless the settings say otherwise) and
# waits until it listens; sets NODE_URL and NODE_PID, and appends the pid to NODE_PIDS (stop_nodes stops them).
start_node() {
  local dir="$1" name="$2"
  shift 2
  mkdir -p "$dir"
  (cd "$REPO/src/ProfilePortal.Web" && exec env ASPNETCORE_ENVIRONMENT=Production Portal__PublicBaseUrl=http://127.0.0.1 \
    "ConnectionStrings__Default=Data Source=$dir/profileportal.db" \
    "Email__PickupDirectory=$dir/mail" "Serilog__WriteTo__File__Args__configure__File__Args__path=$dir/logs/profileportal-.log" "$@" \
    dotnet bin/Release/net10.0/ProfilePortal.Web.dll --urls "http://127.0.0.1:0") >"$dir/console.log" 2>&1 &
  NODE_PID=$!
  NODE_PIDS+=("$NODE_PID")
  NODE_URL="$(wait_listening "$NODE_PID" "$dir/console.log" 3000)" || exit 1
  assert_loopback_only "$NODE_PID" "$name"
}

# stop_nodes: SIGTERM to every node start_node started, SIGKILL after 10 s.
stop_nodes() {
  local pid
  for pid in "${NODE_PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  NODE_PIDS=()
}

# The options scripts/cluster.sh gives its nodes after the address and credentials: the pool size, and Npgsql's
# automatic preparation of the statements a connection runs often (kept across pooled reuse).
PG_NODE_OPTIONS="Maximum Pool Size=40;Max Auto Prepare=20"

# start_postgres <dir>: a PostgreSQL of its own in <dir> on a free port (scripts/lib/postgres.sh: scram-sha-256, fsync
# on, as scripts/cluster.sh runs it) with the database "profileportal" owned by the role "portal"; sets PG_PORT,
# POSTGRES_ADDRESS (host, port, database and credentials; the password is in <dir>/portal-password) and
# POSTGRES_CONNECTION (that with PG_NODE_OPTIONS: a node's connection string as cluster.sh writes it).
start_postgres() {
  local dir="$1"
  mkdir -p "$dir"
  chmod 755 "$dir"
  PG_PORT="$(pg_free_port)"
  pg_start "$dir/postgres" "$PG_PORT"
  POSTGRES_DIRS+=("$dir/postgres")
  pg_generate_password "$dir/portal-password"
  pg_ensure_role "$PG_PORT" portal "$dir/portal-password"
  pg_create_database "$PG_PORT" profileportal portal
  POSTGRES_ADDRESS="Host=127.0.0.1;Port=$PG_PORT;Database=profileportal;Username=portal;Password=$(cat "$dir/portal-password")"
  POSTGRES_CONNECTION="$POSTGRES_ADDRESS;$PG_NODE_OPTIONS"
}

# stop_postgres: stops every server start_postgres started.
stop_postgres() {
  local dir
  for dir in "${POSTGRES_DIRS[@]}"; do pg_stop "$dir"; done
  POSTGRES_DIRS=()
}

# start_cluster <cluster dir> <console log>: scripts/cluster.sh in <cluster dir> on free ports, in the background;
# returns once its ready file is written. Sets CLUSTER_PID, CLUSTER_URL (nginx), CLUSTER_PG_PORT, CLUSTER_NODE1_PORT,
# CLUSTER_NODE2_PORT.
start_cluster() {
  local dir="$1" log="$2" nginx_port pid_file
  nginx_port="$(pg_free_port)"
  CLUSTER_PG_PORT="$(pg_free_port)"; CLUSTER_NODE1_PORT="$(pg_free_port)"; CLUSTER_NODE2_PORT="$(pg_free_port)"
  PORTAL_URL="http://127.0.0.1:$nginx_port" CLUSTER_DIR="$dir" CLUSTER_POSTGRES_PORT="$CLUSTER_PG_PORT" \
    CLUSTER_NODE1_PORT="$CLUSTER_NODE1_PORT" CLUSTER_NODE2_PORT="$CLUSTER_NODE2_PORT" "$REPO/scripts/cluster.sh" >"$log" 2>&1 &
  CLUSTER_PID=$!
  for _ in $(seq 1500); do
    [ -s "$dir/ready" ] && break
    kill -0 "$CLUSTER_PID" 2>/dev/null || { echo "scripts/cluster.sh stopped while starting:" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.2
  done
  [ -s "$dir/ready" ] || { echo "the cluster was not ready within 300 s" >&2; tail -30 "$log" >&2; exit 1; }
  CLUSTER_URL="$(cat "$dir/ready")"
  for pid_file in "$dir/node1/pid" "$dir/node2/pid" "$dir/nginx/nginx.pid"; do
    assert_loopback_only "$(head -n 1 "$pid_file")" "$pid_file"
  done
}

# stop_cluster: the cluster script stops nginx, the nodes and PostgreSQL on SIGTERM (SIGINT is ignored by a script's
# background jobs).
stop_cluster() {
  if [ -z "${CLUSTER_PID:-}" ] || ! kill -0 "$CLUSTER_PID" 2>/dev/null; then CLUSTER_PID=""; return 0; fi
  kill -TERM "$CLUSTER_PID" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$CLUSTER_PID" 2>/dev/null || { CLUSTER_PID=""; return 0; }; sleep 0.2; done
  echo "scripts/cluster.sh did not stop within 60 s" >&2
}

CURL=(curl -sS --max-time 30)
token_from() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

# cookie_header <jar>: every cookie in the jar as one Cookie header value (authentication and antiforgery, as a browser
# sends them), for wrk.
cookie_header() { awk -F'\t' 'NF >= 7 && $0 !~ /^# / { sub(/^#HttpOnly_/, "", $1); printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$1"; }

# sign_in <url> <jar> <login> <password>: signs in with curl (antiforgery token from the form) into the cookie jar.
sign_in() {
  local url="$1" jar="$2" page status
  page="$(mktemp)"
  "${CURL[@]}" -c "$jar" -b "$jar" -o "$page" "$url/Account/Login"
  status="$("${CURL[@]}" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
    --data-urlencode "Input.Login=$3" --data-urlencode "Input.Password=$4" \
    --data-urlencode "__RequestVerificationToken=$(token_from "$page")" "$url/Account/Login")"
  rm -f "$page"
  case "$status" in "302 "*"/Settings/Profile"*) ;; *) echo "sign-in to $url failed ($status)" >&2; exit 1 ;; esac
}

# create_token <url> <jar>: creates a read token on the Tokens page (as a person does) and prints its value.
create_token() {
  local url="$1" jar="$2" page status value
  page="$(mktemp)"
  "${CURL[@]}" -c "$jar" -b "$jar" -o "$page" "$url/Settings/Tokens"
  status="$("${CURL[@]}" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "Input.Description=bench" --data-urlencode "Input.Read=true" --data-urlencode "Input.NeverExpires=false" \
    --data-urlencode "Input.ExpiresOn=$(grep -o 'name="Input.ExpiresOn" value="[^"]*"' "$page" | sed 's/.*value="//; s/"$//')" \
    --data-urlencode "__Invariant=Input.ExpiresOn" --data-urlencode "__RequestVerificationToken=$(token_from "$page")" \
    "$url/Settings/Tokens?handler=Create")"
  [ "$status" = 302 ] || { echo "token creation at $url failed ($status)" >&2; exit 1; }
  "${CURL[@]}" -c "$jar" -b "$jar" -o "$page" "$url/Settings/Tokens"
  value="$(grep -o 'id="new-token-value" [^>]*value="[^"]*"' "$page" | sed 's/.*value="//; s/"$//')"
  rm -f "$page"
  [ -n "$value" ] || { echo "no new token shown at $url" >&2; exit 1; }
  echo "$value"
}
