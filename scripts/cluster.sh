#!/usr/bin/env bash
# Several nodes on PostgreSQL (SPEC 3): starts a PostgreSQL of its own, two ProfilePortal nodes on it and nginx in front
# of them (round-robin), all on 127.0.0.1, and prints the URL and the demo sign-in. Ctrl+C (or SIGTERM) stops nginx, the
# nodes and PostgreSQL by their process ids; a node that dies is started again. Data, logs, mail and the generated
# database password live in ./data/cluster (delete it to start over).
#
# Settings (environment): PORTAL_URL (default http://127.0.0.1:8080, nginx's address), CLUSTER_NODE1_PORT,
# CLUSTER_NODE2_PORT, CLUSTER_POSTGRES_PORT (default: free ports), CLUSTER_DIR (default ./data/cluster),
# Seed__AdminEmail, Seed__AdminPassword. Once everything answers, CLUSTER_DIR/ready holds the URL (for scripts and tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/prerequisites.sh
source scripts/lib/postgres.sh
ensure_dotnet
ensure_packages "${RUNTIME_PACKAGES[@]}" nginx curl
ensure_postgres

url="${PORTAL_URL:-http://127.0.0.1:8080}"
if [[ ! "$url" =~ ^http://127\.0\.0\.1(:([0-9]+))?/?$ ]]; then
  echo "PORTAL_URL must be http://127.0.0.1:PORT: the cluster listens on the loopback address only." >&2
  exit 1
fi
url="${url%/}"
nginx_port="${BASH_REMATCH[2]:-80}"
admin_email="${Seed__AdminEmail:-admin@example.com}"
admin_password="${Seed__AdminPassword:-Demo!Passw0rd}"
seed_demo="${Seed__Demo:-true}"
mkdir -p "${CLUSTER_DIR:-$root/data/cluster}"
cluster_dir="$(cd "${CLUSTER_DIR:-$root/data/cluster}" && pwd)"
# The PostgreSQL server runs as the postgres user, which must reach its folder inside this one.
chmod 755 "$cluster_dir"
pg_dir="$cluster_dir/postgres"
nginx_dir="$cluster_dir/nginx"
ready_file="$cluster_dir/ready"
database=profileportal
database_role=portal
database_password_file="$cluster_dir/portal-password"

# Three distinct ports for PostgreSQL and the nodes (free ones unless given).
ports=()
for wanted in "${CLUSTER_POSTGRES_PORT:-}" "${CLUSTER_NODE1_PORT:-}" "${CLUSTER_NODE2_PORT:-}"; do
  port="$wanted"
  while [ -z "$port" ] || [ "$port" = "$nginx_port" ] || [[ " ${ports[*]} " == *" $port "* ]]; do
    if [ -n "$wanted" ]; then
      echo "Port $wanted is given twice: PORTAL_URL and the CLUSTER_*_PORT settings must all differ." >&2
      exit 1
    fi
    port="$(pg_free_port)"
  done
  ports+=("$port")
done
for port in "$nginx_port" "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Something already listens on 127.0.0.1:$port; choose other ports (PORTAL_URL, CLUSTER_*_PORT)." >&2
    exit 1
  fi
done
pg_port="${ports[0]}"
node_ports=("" "${ports[1]}" "${ports[2]}")
node_pids=("" "" "")
nginx_pid=""

# is_running PID: the process exists and has not exited (an exited child stays a zombie until it is waited for).
is_running() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [ -n "$state" ] && [[ "$state" != Z* ]]
}

# stop_process PID NAME: SIGTERM (graceful for both .NET and nginx), SIGKILL after 20 s.
stop_process() {
  local pid="$1" name="$2" i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    is_running "$pid" || break
    sleep 0.2
  done
  if is_running "$pid"; then
    echo "$name did not stop within 20 s; killing it." >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# A run that was killed (SIGKILL leaves no chance to clean up) may have left nodes or nginx behind: stop those, by the
# pid files of this folder, when the process is still the program that wrote it.
stop_leftover() {
  local pid_file="$1" program="$2" pid i
  pid="$(head -n 1 "$pid_file" 2>/dev/null)" || return 0
  rm -f "$pid_file"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$program" || return 0
  echo "Stopping $program (pid $pid) left from an earlier run."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  rm -f "$ready_file"
  echo "Stopping the cluster..."
  # nginx first, so no request reaches a node that is stopping; PostgreSQL last.
  stop_process "$nginx_pid" nginx
  stop_process "${node_pids[2]}" "node 2"
  stop_process "${node_pids[1]}" "node 1"
  pg_stop "$pg_dir"
  rm -f "$cluster_dir/cluster.pid" "$cluster_dir"/node*/pid
  echo "Stopped."
  exit "$status"
}

# wait_healthy NAME URL PID LOG: waits until URL/healthz answers 200 (120 s at most: the first start migrates and seeds).
wait_healthy() {
  local name="$1" base="$2" pid="$3" log="$4" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null --max-time 5 "$base/healthz" 2>/dev/null; do
    if ! is_running "$pid" || ((SECONDS >= deadline)); then
      if is_running "$pid"; then echo "$name did not answer $base/healthz within 120 s." >&2; else echo "$name stopped while starting." >&2; fi
      echo "The end of $log:" >&2
      tail -n 30 "$log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

# start_node N: starts node N on its port (in a session of its own, so Ctrl+C reaches only this script, which stops the
# nodes in order) and waits until it is healthy.
start_node() {
  local n="$1" dir="$cluster_dir/node$1"
  mkdir -p "$dir/logs" "$dir/mail-pickup"
  (
    export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
    # Links in emails and the accepted Host header: the address people use, nginx's.
    export Portal__PublicBaseUrl="$url"
    export Database__Provider=Postgres
    # Two nodes × 40 pooled connections stay below PostgreSQL's default max_connections (100, 3 of them reserved).
    ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=$database;Username=$database_role;Password=$(cat "$database_password_file");Maximum Pool Size=40;Max Auto Prepare=20"
    export ConnectionStrings__Default
    # nginx is the only proxy: its X-Forwarded-For/-Proto give the client's address and scheme.
    export ForwardedHeaders__KnownProxies__0=127.0.0.1
    export Email__PickupDirectory="$dir/mail-pickup"
    export Serilog__WriteTo__File__Args__configure__File__Args__path="$dir/logs/profileportal-.log"
    export Seed__AdminEmail="$admin_email" Seed__AdminPassword="$admin_password" Seed__Demo="$seed_demo"
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
    cd "$root/src/ProfilePortal.Web"
    exec setsid dotnet bin/Release/net10.0/ProfilePortal.Web.dll --urls "http://127.0.0.1:${node_ports[n]}"
  ) >>"$dir/console.log" 2>&1 &
  node_pids[n]=$!
  echo "${node_pids[n]}" >"$dir/pid"
  wait_healthy "Node $n" "http://127.0.0.1:${node_ports[n]}" "${node_pids[n]}" "$dir/console.log"
}

write_nginx_config() {
  local temp="$nginx_dir/temp" user_line=""
  mkdir -p "$temp"/{client_body,proxy,fastcgi,uwsgi,scgi}
  # As root, nginx's workers run as an unprivileged user, which must write the temporary folders (large uploads).
  if [ "$(id -u)" -eq 0 ]; then
    user_line="user www-data www-data;"
    chown -R www-data:www-data "$temp"
  fi
  cat >"$nginx_dir/nginx.conf" <<NGINX
# Written by scripts/cluster.sh on every start; edits are lost.
$user_line
daemon off;
worker_processes auto;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 1024; }

http {
  log_format upstream '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                      'upstream=\$upstream_addr upstream_status=\$upstream_status time=\$request_time';
  access_log $nginx_dir/access.log upstream;
  client_body_temp_path $temp/client_body;
  proxy_temp_path $temp/proxy;
  fastcgi_temp_path $temp/fastcgi;
  uwsgi_temp_path $temp/uwsgi;
  scgi_temp_path $temp/scgi;
  server_tokens off;

  upstream portal {
    # Round-robin. Passive health checks: a node that fails a request is left out for 10 s, then tried again.
    server 127.0.0.1:${node_ports[1]} max_fails=1 fail_timeout=10s;
    server 127.0.0.1:${node_ports[2]} max_fails=1 fail_timeout=10s;
    keepalive 32;
  }

  server {
    listen 127.0.0.1:$nginx_port;
    # An avatar upload is at most 5 MB plus the form (AvatarService.UploadRequestLimit, 5 MB + 64 KB); the app
    # refuses anything larger itself with a clear message, so nginx only stops what is far beyond it.
    client_max_body_size 6m;

    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      # nginx is the edge: the client's own X-Forwarded-For is not passed on, only the address nginx saw.
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      # A node that refuses the connection or does not answer in time: the request goes to the other one.
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}
NGINX
}

start_nginx() {
  nginx -t -q -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log"
  (exec setsid nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log") >>"$nginx_dir/console.log" 2>&1 &
  nginx_pid=$!
  wait_healthy nginx "$url" "$nginx_pid" "$nginx_dir/error.log"
}

if pid="$(head -n 1 "$cluster_dir/cluster.pid" 2>/dev/null)" && [[ "$pid" =~ ^[0-9]+$ ]] && [ "$pid" != $$ ] &&
   tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF cluster.sh; then
  echo "A cluster already runs from $cluster_dir (pid $pid); stop it with Ctrl+C there, or: kill -INT $pid" >&2
  exit 1
fi
rm -f "$ready_file"
stop_leftover "$nginx_dir/nginx.pid" nginx
stop_leftover "$cluster_dir/node1/pid" ProfilePortal.Web.dll
stop_leftover "$cluster_dir/node2/pid" ProfilePortal.Web.dll
echo $$ >"$cluster_dir/cluster.pid"
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

echo "Building ProfilePortal..."
dotnet build src/ProfilePortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly

echo "Starting PostgreSQL on 127.0.0.1:$pg_port..."
pg_start "$pg_dir" "$pg_port"
pg_generate_password "$database_password_file"
pg_ensure_role "$pg_port" "$database_role" "$database_password_file"
pg_create_database "$pg_port" "$database" "$database_role"

# One node at a time: the first applies the migrations and seeds, the second finds both done.
for n in 1 2; do
  echo "Starting node $n on 127.0.0.1:${node_ports[n]}..."
  start_node "$n"
done
echo "Starting nginx on $url..."
mkdir -p "$nginx_dir"
write_nginx_config
start_nginx

cat <<MSG

  ProfilePortal cluster: $url
  nginx (round-robin) in front of node 1 on 127.0.0.1:${node_ports[1]} and node 2 on 127.0.0.1:${node_ports[2]};
  PostgreSQL on 127.0.0.1:$pg_port (database $database, role $database_role, its password in ${database_password_file#"$root"/}).
  Sign in as $admin_email with the password $admin_password
MSG
if [ "$seed_demo" = true ]; then
  echo "  The twenty demo people (emails firstname.lastname@acme.example) use the same password."
fi
cat <<MSG
  Logs: ${cluster_dir#"$root"/}/node1/logs, node2/logs, nginx/access.log; mail: node1/mail-pickup, node2/mail-pickup.
  Stop with Ctrl+C.

MSG
echo "$url" >"$ready_file"

# Until a signal: a node that dies (killed, crashed) is started again while nginx sends its requests to the other; one
# that cannot start again (not healthy within 120 s) ends the cluster.
while true; do
  exited=""
  # (Its stderr is dropped: bash would print the whole command of a node killed by a signal.)
  wait -n -p exited "$nginx_pid" "${node_pids[1]}" "${node_pids[2]}" 2>/dev/null || true
  if [ "$exited" = "$nginx_pid" ]; then
    echo "nginx stopped; the end of $nginx_dir/error.log:" >&2
    tail -n 20 "$nginx_dir/error.log" >&2 || true
    exit 1
  fi
  for n in 1 2; do
    [ "$exited" = "${node_pids[n]}" ] || continue
    echo "Node $n (pid $exited) stopped; starting it again..."
    start_node "$n"
    echo "Node $n is back (pid ${node_pids[n]})."
  done
done
