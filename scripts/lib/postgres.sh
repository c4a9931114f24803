# shellcheck shell=bash
# Sourced after scripts/lib/prerequisites.sh by the scripts that need a PostgreSQL of their own (scripts/cluster.sh,
# the test script): a server whose files all live in one folder of the caller's (data, log, unix socket), listening on
# 127.0.0.1 only, on a port of the caller's, started and stopped by its process id. Debian's system cluster and its
# service are never started, stopped or read.
#
# The default collation is ICU's en-US, a linguistic order like the en_US.UTF-8 most production servers have, so the
# tests see what a column without an explicit collation does there.
# PG_THROWAWAY=true makes a test server: trust authentication (loopback only) and fsync off, so its data may be lost in
# a crash, which a test does not mind. Otherwise the superuser `postgres` gets a generated password (scram-sha-256),
# kept in DIR/superuser.pgpass (mode 600, libpq's password-file format); pg_start points PG_PASSFILE at it and the
# helpers below use it. Nothing secret is printed or passed on a command line.

# ensure_postgres: installs Debian's postgresql package (and python3, which these helpers use) when missing and sets
# PG_BIN to the newest server's binaries (/usr/lib/postgresql/<version>/bin).
ensure_postgres() {
  ensure_packages postgresql python3
  PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [ ! -x "$PG_BIN/pg_ctl" ]; then
    echo "No PostgreSQL server binaries under /usr/lib/postgresql/*/bin although the postgresql package is installed." >&2
    return 1
  fi
}

# pg_free_port: prints a TCP port that nothing listens on at 127.0.0.1 right now.
pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_start DIR PORT: initialises DIR/pgdata on first use and starts the server on 127.0.0.1:PORT, its unix socket in
# DIR and its log in DIR/postgres.log; returns once it accepts connections (30 s at most).
pg_start() {
  local dir port options
  : "${PG_BIN:?call ensure_postgres before pg_start}"
  mkdir -p "$1"
  dir="$(cd "$1" && pwd)"
  port="$2"
  case "$dir" in
    *\'* | *' '*) echo "pg_start: the folder name must not contain quotes or spaces: $dir" >&2; return 1 ;;
  esac
  # The server refuses to run as root: it runs as the postgres system user, in a folder that user owns.
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  if ! _pg_as_server_user test -w "$dir"; then
    echo "pg_start: the postgres user cannot write $dir; make the folders above it searchable (chmod o+x)." >&2
    return 1
  fi

  if _pg_postmaster_pid "$dir" >/dev/null; then
    echo "A PostgreSQL server from an earlier run still uses $dir; stopping it first."
    pg_stop "$dir"
  fi
  if [ ! -s "$dir/pgdata/PG_VERSION" ]; then
    _pg_initdb "$dir" || return 1
  fi
  if ! _pg_is_throwaway; then PG_PASSFILE="$dir/superuser.pgpass"; fi

  options="-c listen_addresses=127.0.0.1 -p $port -k '$dir'"
  # A test server also takes more connections: test classes run in parallel, each app with its own pool.
  if _pg_is_throwaway; then options+=" -c fsync=off -c max_connections=300"; fi
  if ! (cd "$dir" && _pg_as_server_user "$PG_BIN/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -o "$options" \
        -w -t 30 start >/dev/null); then
    _pg_fail "$dir" "PostgreSQL could not start on 127.0.0.1:$port (or took over 30 s)."
    return 1
  fi
  local deadline=$((SECONDS + 30))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; do
    if ((SECONDS >= deadline)); then
      _pg_fail "$dir" "PostgreSQL started but did not answer on 127.0.0.1:$port within 30 s."
      return 1
    fi
    sleep 0.2
  done
}

# pg_stop DIR: stops the server started from DIR (SIGINT, PostgreSQL's fast shutdown; SIGKILL after 20 s). Quiet and
# successful when it is not running.
pg_stop() {
  local dir pid i
  dir="$(cd "$1" 2>/dev/null && pwd)" || return 0
  pid="$(_pg_postmaster_pid "$dir")" || return 0
  kill -INT "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  echo "PostgreSQL in $dir did not stop within 20 s; killing it." >&2
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
}

# pg_psql PORT [PSQL ARGS...]: psql as the superuser over 127.0.0.1:PORT, stopping at the first error.
pg_psql() {
  local port="$1"
  shift
  PGPASSFILE="${PG_PASSFILE:-}" PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
    -U postgres "$@"
}

# pg_create_database PORT NAME [OWNER]: creates the database unless it exists (owned by OWNER, default postgres).
pg_create_database() {
  pg_psql "$1" -d postgres -v name="$2" -v owner="${3:-postgres}" <<'SQL'
select format('create database %I owner %I encoding ''UTF8''', :'name', :'owner')
where not exists (select 1 from pg_database where datname = :'name') \gexec
SQL
}

# pg_drop_database PORT NAME: drops the database if it exists, ending its connections.
pg_drop_database() {
  pg_psql "$1" -d postgres -v name="$2" <<'SQL'
drop database if exists :"name" with (force);
SQL
}

# pg_ensure_role PORT NAME PASSWORD_FILE: creates the login role unless it exists and sets its password from the file.
# Only a salted SCRAM verifier, computed here, reaches the server, so the password itself is in no statement or log.
pg_ensure_role() {
  local verifier
  verifier="$(_pg_scram_verifier "$3")" || return 1
  pg_psql "$1" -d postgres -v name="$2" <<SQL
select format('create role %I login', :'name') where not exists (select 1 from pg_roles where rolname = :'name') \gexec
\set verifier '$verifier'
alter role :"name" login password :'verifier';
SQL
}

# pg_generate_password FILE: writes a random password to FILE (mode 600) unless FILE exists already.
pg_generate_password() {
  [ -s "$1" ] && return 0
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(32))' >"$1")
}

_pg_is_throwaway() { [ "${PG_THROWAWAY:-false}" = true ]; }

_pg_as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_pg_initdb() {
  local dir="$1" auth=(--auth=trust) password_file="$1/.initdb-password"
  if ! _pg_is_throwaway; then
    # initdb reads the superuser's password from a file it can read; the lasting copy is the pgpass file.
    pg_generate_password "$password_file" || return 1
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$password_file"; fi
    auth=(--auth=scram-sha-256 "--pwfile=$password_file")
    (umask 077 && printf '127.0.0.1:*:*:postgres:%s\n' "$(cat "$password_file")" >"$dir/superuser.pgpass")
  fi
  local status=0
  (cd "$dir" && _pg_as_server_user "$PG_BIN/initdb" -D "$dir/pgdata" -U postgres "${auth[@]}" --encoding=UTF8 \
    --locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US >"$dir/initdb.log" 2>&1) || status=$?
  rm -f "$password_file"
  if [ "$status" -ne 0 ]; then
    echo "initdb failed in $dir/pgdata; the end of $dir/initdb.log:" >&2
    tail -n 20 "$dir/initdb.log" >&2
    return 1
  fi
}

# Prints the postmaster's pid when the server of DIR runs (the pid file's process is alive and was started on DIR's
# data folder, so a pid reused by another program after a crash is never signalled); fails otherwise.
_pg_postmaster_pid() {
  local dir="$1" pid
  pid="$(head -n 1 "$dir/pgdata/postmaster.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-D $dir/pgdata" || return 1
  echo "$pid"
}

_pg_fail() {
  local dir="$1" message="$2"
  echo "$message The end of $dir/postgres.log:" >&2
  tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
  pg_stop "$dir"
}

# RFC 7677 SCRAM-SHA-256 verifier of the password in the file, in PostgreSQL's stored form (4096 iterations, the
# server's default). The password is ASCII, so SASLprep leaves it unchanged.
_pg_scram_verifier() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, os, sys
password = open(sys.argv[1], encoding="ascii").read().strip().encode()
salt, iterations = os.urandom(16), 4096
salted = hashlib.pbkdf2_hmac("sha256", password, salt, iterations)
stored_key = hashlib.sha256(hmac.new(salted, b"Client Key", "sha256").digest()).digest()
server_key = hmac.new(salted, b"Server Key", "sha256").digest()
b64 = lambda b: base64.b64encode(b).decode()
print(f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}")
PY
}
