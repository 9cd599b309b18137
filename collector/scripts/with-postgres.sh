#!/usr/bin/env bash
# A throw-away PostgreSQL for the collector's tests and bench.
#
#   scripts/with-postgres.sh COMMAND [ARG…]   run COMMAND with DATABASE_URL set, then stop the cluster
#   . scripts/with-postgres.sh                (sourced) export DATABASE_URL; the cluster stops when the shell exits
#
# Installs Debian's postgresql when no server binaries are found (as root, with
# apt-get), initialises a cluster in a temporary directory (as the `postgres`
# user when run as root: PostgreSQL refuses to run as root), starts it on
# 127.0.0.1 on a free port with trust authentication (nothing else can reach a
# loopback-only throw-away cluster that lives for one run), creates the
# database `consent_gate_test` and exports
# DATABASE_URL=postgres://postgres@127.0.0.1:PORT/consent_gate_test.
# The cluster is stopped and its directory removed on exit (trap).
# When DATABASE_URL is already set (a developer's own server), it is used as is.

_pg_find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

_pg_free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Run a command as the cluster's owner.
_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_pg_stop() {
  if [ -n "${_PG_DATA:-}" ] && [ -d "$_PG_DATA" ]; then
    _pg_as_owner "$_PG_BIN/pg_ctl" -D "$_PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$_PG_ROOT"
    echo "== PostgreSQL: throw-away cluster stopped" >&2
  fi
}

# Errors are checked one by one (`|| return 1`): errexit does not apply inside
# a function called from `||`, which is how both modes below call it.
_pg_start() {
  if [ -n "${DATABASE_URL:-}" ]; then
    echo "== PostgreSQL: using DATABASE_URL from the environment" >&2
    return 0
  fi
  if ! _PG_BIN=$(_pg_find_bin); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "== installing Debian's postgresql" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq || return 1
      apt-get install -y -qq postgresql >/dev/null || return 1
      _PG_BIN=$(_pg_find_bin) || return 1
    else
      echo "with-postgres: no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql" >&2
      return 1
    fi
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres || return 1
  fi

  _PG_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/consent-gate-pg.XXXXXX") || return 1
  _PG_DATA="$_PG_ROOT/data"
  local port log
  port=$(_pg_free_port) || return 1
  log="$_PG_ROOT/server.log"
  if [ "$(id -u)" = 0 ]; then chown postgres "$_PG_ROOT" || return 1; fi
  chmod 700 "$_PG_ROOT" || return 1
  trap _pg_stop EXIT
  trap 'exit 130' INT TERM

  _pg_as_owner "$_PG_BIN/initdb" -D "$_PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null || return 1
  if ! _pg_as_owner "$_PG_BIN/pg_ctl" -D "$_PG_DATA" -l "$log" -w -t 60 \
      -o "-p $port -k $_PG_ROOT -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null; then
    cat "$log" >&2
    return 1
  fi
  _pg_as_owner "$_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres consent_gate_test || return 1
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/consent_gate_test"
  echo "== PostgreSQL $("$_PG_BIN/postgres" --version | awk '{print $3}'): throw-away cluster at $DATABASE_URL" >&2
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: keep the caller's shell options.
  _pg_saved_opts=$(set +o)
  _pg_start || { eval "$_pg_saved_opts"; return 1; }
  eval "$_pg_saved_opts"
else
  set -euo pipefail
  if [ $# -eq 0 ]; then
    echo "usage: scripts/with-postgres.sh COMMAND [ARG…]  (or source it)" >&2
    exit 2
  fi
  _pg_start || exit 1
  set +e
  "$@"
  exit $?
fi
