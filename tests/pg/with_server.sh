#!/usr/bin/env bash
# tests/pg/with_server.sh COMMAND [ARG...]: run COMMAND against a PostgreSQL
# server of its own, made for it and gone after.
#
# The cluster lives in a temporary directory: initdb -E UTF8 with the
# C.UTF-8 locale (installed with every Debian libc), so that text sorts by
# code point, as it does in SQLite; the server listens on a Unix socket in
# that directory only (no TCP). PostgreSQL refuses to run as root, and CI
# runs as root: then the cluster belongs to the unprivileged user `nobody`.
# Prefect's schema (tests/pg/prefect_schema.sql) is loaded into the database
# `prefect`; COMMAND sees PGHOST, PGPORT, PGUSER and PGDATABASE, so that a
# plain `psql` reaches it. The server is stopped and the directory removed
# whatever happens, COMMAND's status is ours.
#   PG_BINDIR  the server's binaries (default: pg_config --bindir, else
#              Debian's PostgreSQL 15)
set -euo pipefail
cd "$(dirname "$0")/../.."

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  bindir=$(pg_config --bindir 2>/dev/null || true)
  [ -x "$bindir/initdb" ] || bindir=/usr/lib/postgresql/15/bin
fi
for tool in initdb pg_ctl postgres; do
  if [ ! -x "$bindir/$tool" ]; then
    echo "with_server.sh: no $bindir/$tool (Debian: apt-get install postgresql-15)" >&2
    exit 2
  fi
done

dir=$(mktemp -d /tmp/prefect-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # nobody must reach its directory: mktemp made it root's, mode 700
  chown nobody "$dir"
  as_owner=(runuser -u nobody --)
fi
cleanup() {
  status=$?
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 -U prefect --auth=trust \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# a port number of its own keeps the socket's name apart from any other
# server's, though the directory already does
port=$(( 20000 + RANDOM % 20000 ))
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
  -o "-c listen_addresses='' -k $dir -p $port -c fsync=off -c full_page_writes=off" start \
  || { cat "$dir/server.log" >&2; exit 1; }

export PGHOST=$dir PGPORT=$port PGUSER=prefect PGDATABASE=prefect
psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE prefect" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -f tests/pg/prefect_schema.sql >/dev/null
"$@"
