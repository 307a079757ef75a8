#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 and lets user `postgres` in without a
# password (trust), as the tests and the local run expect. Installs it with apt where it is missing,
# creates or starts the cluster where it is stopped. Safe to run again.
set -euo pipefail

PGHOST=127.0.0.1
PGPORT=5432

say() { printf 'ensure-postgres: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  say "need root for: $*"; exit 1; fi; }

answers() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }
lets_us_in() { psql -w -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; }

if answers && lets_us_in; then
  say "PostgreSQL answers on $PGHOST:$PGPORT"
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL is missing and this is not a Debian/Ubuntu machine: install PostgreSQL 13+ listening on"
    say "$PGHOST:$PGPORT with trust auth for user postgres, or point the tests at a server with REFUND_TEST_PG_URL."
    exit 1
  fi
  say "installing PostgreSQL with apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  say "creating cluster $version/main"
  as_root pg_createcluster "$version" main
fi

hba=/etc/postgresql/$version/main/pg_hba.conf
if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
  say "allowing trust auth on $PGHOST for local development and tests ($hba)"
  as_root sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$hba"
  grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32' "$hba" || echo 'host all all 127.0.0.1/32 trust' | as_root tee -a "$hba" >/dev/null
fi

if answers; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
else
  say "starting cluster $version/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi

for _ in $(seq 1 30); do
  if answers && lets_us_in; then
    say "PostgreSQL answers on $PGHOST:$PGPORT"
    exit 0
  fi
  sleep 1
done
say "PostgreSQL did not come up on $PGHOST:$PGPORT; see /var/log/postgresql/"
exit 1
