#!/usr/bin/env bash
# Brings up Debian's PostgreSQL 15 for caesium's PostgreSQL store tests and the
# multi-node tests: installs the `postgresql` package when missing, starts the
# `15 main` cluster, and creates a role with a password and a database the
# tests connect to over TCP on 127.0.0.1 (the default of CAESIUM_TEST_PG_DSN):
#
#   postgres://caesium:caesium@127.0.0.1:5432/caesium_test
#
# The role may create databases: each test file makes its own, so files run in
# parallel. For a bare Debian machine, as root. Idempotent. Override the names
# with CAESIUM_PG_USER, CAESIUM_PG_PASSWORD, CAESIUM_PG_DATABASE.
set -euo pipefail

LOG_DIR=${CAESIUM_ENGINES_LOG_DIR:-/tmp}
PG_USER=${CAESIUM_PG_USER:-caesium}
PG_PASSWORD=${CAESIUM_PG_PASSWORD:-caesium}
PG_DATABASE=${CAESIUM_PG_DATABASE:-caesium_test}
WAIT_SECONDS=${CAESIUM_ENGINES_WAIT:-60}

log() { printf '[setup-postgres] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (it installs packages and starts the cluster)"

if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql/15 ]; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$LOG_DIR/caesium-apt-pg.log" 2>&1 || die "apt-get update failed, see $LOG_DIR/caesium-apt-pg.log"
  apt-get install -y -qq --no-install-recommends postgresql >>"$LOG_DIR/caesium-apt-pg.log" 2>&1 \
    || die "apt-get install postgresql failed, see $LOG_DIR/caesium-apt-pg.log"
fi
[ -d /etc/postgresql/15/main ] || pg_createcluster 15 main >>"$LOG_DIR/caesium-apt-pg.log" 2>&1

as_pg() { (cd / && runuser -u postgres -- "$@"); }
if ! pg_lsclusters -h | awk '$1 == 15 && $2 == "main" { print $4 }' | grep -q online; then
  log "starting the PostgreSQL 15 cluster"
  pg_ctlcluster 15 main start
fi
deadline=$((SECONDS + WAIT_SECONDS))
until as_pg psql -qtAc 'select 1' >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || die "PostgreSQL did not answer within ${WAIT_SECONDS}s, see /var/log/postgresql/postgresql-15-main.log"
  sleep 0.5
done

# Many test files and servers connect at once.
max=$(as_pg psql -qtAc 'show max_connections')
if [ "$max" -lt 300 ]; then
  as_pg psql -qc 'alter system set max_connections = 300' >/dev/null
  pg_ctlcluster 15 main restart
  until as_pg psql -qtAc 'select 1' >/dev/null 2>&1; do sleep 0.5; done
fi

if [ "$(as_pg psql -qtAc "select 1 from pg_roles where rolname = '$PG_USER'")" != 1 ]; then
  log "creating role $PG_USER"
  as_pg psql -qc "create role \"$PG_USER\" login createdb password '$PG_PASSWORD'" >/dev/null
fi
if [ "$(as_pg psql -qtAc "select 1 from pg_database where datname = '$PG_DATABASE'")" != 1 ]; then
  log "creating database $PG_DATABASE"
  as_pg psql -qc "create database \"$PG_DATABASE\" owner \"$PG_USER\"" >/dev/null
fi

PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -U "$PG_USER" -d "$PG_DATABASE" -qtAc 'select 1' >/dev/null \
  || die "cannot connect as $PG_USER over TCP 127.0.0.1:5432 (check /etc/postgresql/15/main/pg_hba.conf)"
log "ready: postgres://$PG_USER:***@127.0.0.1:5432/$PG_DATABASE"
