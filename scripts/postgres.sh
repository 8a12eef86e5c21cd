#!/usr/bin/env bash
# A local PostgreSQL server for the tests and for development, without systemd (Debian 12).
# Installs postgresql if missing (as root), starts the cluster listening on 127.0.0.1 only, creates the
# role and the database "monboss" if missing, then prints the DATABASE_URL on standard output (its only
# line there; messages go to standard error), so that:
#
#   DATABASE_URL=$(bash scripts/postgres.sh) bash scripts/test.sh
#
# Safe to run again: every step checks first.
set -euo pipefail

# Keep standard output for the URL alone.
exec 3>&1 1>&2

ROLE=monboss
PASSWORD=monboss
DATABASE=monboss

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*"; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
    # Without root, only tell whether a server answers and what is missing.
    url="postgres://${ROLE}:${PASSWORD}@127.0.0.1:5432/${DATABASE}"
    if command -v psql >/dev/null 2>&1 && psql "$url" -tAc 'SELECT 1' >/dev/null 2>&1; then
        say "PostgreSQL answers at 127.0.0.1:5432 with the role ${ROLE}"
        echo "$url" >&3
        exit 0
    fi
    die "not root: cannot install or start PostgreSQL. As root: apt-get install -y postgresql, then run this script again."
fi

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
    say "apt-get install postgresql"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    # The package's own attempt to start the server may fail without systemd; we start it below.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 3>&-
fi

# The first cluster; make one if the package did not.
cluster=$(pg_lsclusters --no-header | head -n1 || true)
if [ -z "$cluster" ]; then
    version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)
    say "creating the PostgreSQL ${version} cluster \"main\""
    pg_createcluster "$version" main >/dev/null
    cluster=$(pg_lsclusters --no-header | head -n1)
fi
read -r version name port _rest <<<"$cluster"

# Listen on the loopback address only, through a drop-in file of Debian's conf.d folder. Debian's default
# ('localhost') is loopback already, so a running server is not restarted for this (others may be using
# it): the setting applies at its next start.
listen_conf="/etc/postgresql/${version}/${name}/conf.d/listen-loopback.conf"
if [ ! -f "$listen_conf" ]; then
    say "PostgreSQL ${version}/${name}: listen_addresses = '127.0.0.1' (${listen_conf})"
    mkdir -p "$(dirname "$listen_conf")"
    printf "# Written by scripts/postgres.sh: loopback only.\nlisten_addresses = '127.0.0.1'\n" >"$listen_conf"
    chown postgres:postgres "$listen_conf"
fi

if [ "$(pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1 == v && $2 == n {print $4}')" != "online" ]; then
    say "starting PostgreSQL ${version}/${name} on port ${port}"
    # The server outlives this script: it must not inherit the descriptor that carries the URL (3), or
    # a caller reading it with $(...) would wait for the server to stop, that is forever.
    pg_ctlcluster "$version" "$name" start </dev/null 3>&-
fi

for _attempt in $(seq 1 30); do
    if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
    sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || die "PostgreSQL does not answer on 127.0.0.1:${port}"

as_postgres() {
    # From /, which the postgres user can read, to avoid "could not change directory" warnings.
    (cd / && runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -X -q -tA "$@")
}

if [ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'")" = "1" ]; then
    say "role ${ROLE} exists"
    as_postgres -c "ALTER ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'"
else
    say "creating the role ${ROLE}"
    # CREATEDB: the test runner creates and drops its own test database.
    as_postgres -c "CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'"
fi

if [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'")" = "1" ]; then
    say "database ${DATABASE} exists"
else
    say "creating the database ${DATABASE}"
    as_postgres -c "CREATE DATABASE ${DATABASE} OWNER ${ROLE} ENCODING 'UTF8' TEMPLATE template0"
fi

url="postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}"
say "PostgreSQL is ready: DATABASE_URL=${url}"
echo "$url" >&3
