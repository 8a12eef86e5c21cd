#!/usr/bin/env bash
# The benchmark (bench/README.md): seeds databases of N nominations, measures every page, serves the
# app with gunicorn and measures throughput on 127.0.0.1, then writes docs/performance.md.
#
#   bash scripts/bench.sh                                         300, 2,000 and 20,000 on both databases
#   bash scripts/bench.sh --sizes 300,2000 --database sqlite     arguments go to python -m bench.run
#
# PostgreSQL: started (as root) by scripts/postgres.sh when --database is postgres or both; the role
# needs CREATEDB, the benchmark creates and drops the databases bench_<N>.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh

# gunicorn serves the app; wrk sends the load (without it, a bounded Python load generator does).
if ! .venv/bin/python -c 'import gunicorn' >/dev/null 2>&1; then
    echo "==> pip install gunicorn"
    .venv/bin/python -m pip install -q -e '.[bench]'
fi
if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "==> apt-get install wrk"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null || echo "wrk unavailable: Python load generator"
fi

database=both
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
        --database=*) database=${args[$i]#--database=} ;;
        --database) database=${args[$((i + 1))]:-both} ;;
    esac
done
if [ "$database" != "sqlite" ] && [ -z "${BENCH_POSTGRES_URL:-}" ]; then
    url=$(bash scripts/postgres.sh)
    export BENCH_POSTGRES_URL="${url%/*}/postgres"
fi

unset DJANGO_SETTINGS_MODULE DATABASE_URL
exec .venv/bin/python -m bench.run "$@"
