# Sourced by test.sh: provides a PostgreSQL server for the integration suite's PostgreSQL run.
#   postgres_start  sets PORTAL_TEST_POSTGRES (a role that may create databases) or returns non-zero with a reason
#   postgres_stop   stops and deletes a server that postgres_start created (never one of the caller's)
# A PORTAL_TEST_POSTGRES given by the caller is used as it is. Otherwise Debian's postgresql is installed with apt-get when
# missing, and a throw-away cluster is created in a temp folder, listening on 127.0.0.1 only with trust authentication
# (nothing else can reach it), durability switched off because its data dies with the run.

PG_TMP=""
PG_BIN=""

postgres_start() {
  if [ -n "${PORTAL_TEST_POSTGRES:-}" ]; then
    echo "PostgreSQL: using PORTAL_TEST_POSTGRES from the environment"
    return 0
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$PG_BIN" ]; then
    echo "Installing Debian's postgresql for the PostgreSQL run of the integration tests..."
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null \
      || { echo "PostgreSQL: could not install postgresql with apt-get"; return 1; }
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$PG_BIN" ] || { echo "PostgreSQL: no server binaries after installing postgresql"; return 1; }
  fi

  # initdb refuses to run as root: as root the cluster belongs to Debian's postgres user.
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  PG_TMP=$(mktemp -d /tmp/portal-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TMP"
  local port
  for port in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --no-sync >"$PG_TMP/initdb.log" 2>&1 \
    || { echo "PostgreSQL: initdb failed"; tail -5 "$PG_TMP/initdb.log"; return 1; }
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 start \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { echo "PostgreSQL: the server did not start"; tail -5 "$PG_TMP/server.log"; return 1; }
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL: throw-away server $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

postgres_stop() {
  [ -n "$PG_TMP" ] || return 0
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_TMP"
  PG_TMP=""
}
