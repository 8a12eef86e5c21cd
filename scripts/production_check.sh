#!/usr/bin/env bash
# Production settings check: the application starts under gunicorn with the production settings on
# PostgreSQL and answers pages on 127.0.0.1, as it would behind the reverse proxy of docs/deploy.md.
#
#   bash scripts/production_check.sh
#
# Uses the PostgreSQL server of scripts/postgres.sh (or DATABASE_URL if set) and a database of its own,
# created and dropped here; installs gunicorn into .venv if missing. Exits non-zero on any failure.
#
# HTTPS: the production settings redirect plain HTTP to HTTPS and trust the X-Forwarded-Proto header
# that the reverse proxy sets. Rather than switch the redirect off (DJANGO_SECURE_SSL_REDIRECT=false,
# which would check settings that production does not run), this check keeps the settings as deployed
# and plays the proxy: a request without the header must be redirected to https://, and the requests
# carrying "X-Forwarded-Proto: https" (what nginx sends after TLS) must be answered.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DATABASE=monboss_prodcheck
PYTHON=.venv/bin/python
# No "database does not exist, skipping" notices from psql.
export PGOPTIONS="--client-min-messages=warning"

say() { printf '==> %s\n' "$*"; }
fail() { printf 'production check FAILED: %s\n' "$*" >&2; exit 1; }

[ -x "$PYTHON" ] || bash scripts/bootstrap.sh
command -v curl >/dev/null 2>&1 || fail "curl is missing (apt-get install -y curl)"
command -v psql >/dev/null 2>&1 || fail "psql is missing (apt-get install -y postgresql-client)"

if ! "$PYTHON" -c 'import gunicorn' >/dev/null 2>&1; then
    say "pip install gunicorn into .venv"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "gunicorn>=23,<24"
fi

# The server's address from scripts/postgres.sh; the check's own database beside the one it names.
server_url=${DATABASE_URL:-$(bash scripts/postgres.sh)}
[ -n "$server_url" ] || fail "no PostgreSQL server (scripts/postgres.sh printed no URL)"
database_url="${server_url%/*}/${DATABASE}"

work=$(mktemp -d -t monboss-prodcheck-XXXXXX)
gunicorn_pid=""
cleanup() {
    status=$?
    if [ -n "$gunicorn_pid" ] && kill -0 "$gunicorn_pid" 2>/dev/null; then
        kill -TERM "$gunicorn_pid" 2>/dev/null || true
        for _attempt in $(seq 1 20); do
            kill -0 "$gunicorn_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$gunicorn_pid" 2>/dev/null || true
    fi
    psql "$server_url" -X -q -v ON_ERROR_STOP=1 \
        -c "DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)" >/dev/null 2>&1 ||
        printf 'warning: could not drop the database %s\n' "$DATABASE" >&2
    if [ "$status" -ne 0 ] && [ -s "$work/gunicorn.log" ]; then
        printf -- '--- gunicorn log (last 40 lines) ---\n' >&2
        tail -n 40 "$work/gunicorn.log" >&2
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

say "creating the database ${DATABASE}"
if ! psql "$server_url" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)" \
    -c "CREATE DATABASE ${DATABASE} ENCODING 'UTF8' TEMPLATE template0" >/dev/null; then
    fail "cannot create the database ${DATABASE} on the server of DATABASE_URL (the role needs CREATEDB)"
fi

# The production environment: a random secret key, the loopback host names, a throw-away STATIC_ROOT and
# MEDIA_ROOT. Nothing of the surrounding shell that would change these settings is kept.
unset REDIS_URL AWS_STORAGE_BUCKET_NAME DJANGO_SECURE_SSL_REDIRECT DJANGO_HSTS_SECONDS DJANGO_ALLOW_ASYNC_UNSAFE
export DJANGO_SETTINGS_MODULE=config.settings.production
DJANGO_SECRET_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(64))')
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="$database_url"
export DJANGO_STATIC_ROOT="$work/static"
export DJANGO_MEDIA_ROOT="$work/media"
export TRUSTED_PROXY_COUNT=1

say "manage.py check --deploy"
"$PYTHON" manage.py check --deploy --fail-level WARNING || fail "the deployment checks report a problem"
say "manage.py migrate"
"$PYTHON" manage.py migrate --no-input -v 0 || fail "migrate"
say "manage.py compilemessages"
"$PYTHON" manage.py compilemessages -l fr -v 0 --ignore=.venv || fail "compilemessages"
say "manage.py collectstatic"
"$PYTHON" manage.py collectstatic --no-input -v 0 || fail "collectstatic"

port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:${port}"
say "gunicorn config.wsgi on 127.0.0.1:${port} (2 workers)"
"$PYTHON" -m gunicorn config.wsgi:application --bind "127.0.0.1:${port}" --workers 2 --timeout 30 \
    --access-logfile - --error-logfile - >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!

# Bounded wait: 60 attempts, half a second apart.
ready=0
for _attempt in $(seq 1 60); do
    kill -0 "$gunicorn_pid" 2>/dev/null || fail "gunicorn stopped before answering"
    if curl -s -o /dev/null --max-time 2 "$base/fr/"; then
        ready=1
        break
    fi
    sleep 0.5
done
[ "$ready" -eq 1 ] || fail "gunicorn did not answer on ${base} within 30 seconds"

# As the reverse proxy does after TLS.
proxied() { curl -s --max-time 10 -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-For: 203.0.113.7' "$@"; }

say "GET /fr/ over plain HTTP is redirected to HTTPS"
status=$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' "$base/fr/")
[ "$status" = "301 https://127.0.0.1:${port}/fr/" ] || fail "GET /fr/ without the proxy's header: got '${status}'"

say "GET /fr/ through the proxy"
status=$(proxied -D "$work/page.headers" -o "$work/page.html" -w '%{http_code}' "$base/fr/")
[ "$status" = "200" ] || fail "GET /fr/: HTTP ${status}, expected 200"
grep -qi '^content-security-policy: .*default-src' "$work/page.headers" ||
    fail "GET /fr/: no Content-Security-Policy header"
grep -qi '^strict-transport-security: max-age=' "$work/page.headers" ||
    fail "GET /fr/: no Strict-Transport-Security header"
grep -q '<html lang="fr-CA">' "$work/page.html" || fail "GET /fr/: the page is not in French (no <html lang=\"fr-CA\">)"
# A translated string: the compiled French catalogue is in use.
grep -q 'Aller au contenu' "$work/page.html" || fail "GET /fr/: the French translation is missing (\"Aller au contenu\")"

# A static file the page links to: its hashed name proves the manifest was built and WhiteNoise serves it.
static_path=$(grep -o '/static/[^"]*\.css' "$work/page.html" | head -n1 || true)
[ -n "$static_path" ] || fail "GET /fr/: the page links to no stylesheet under /static/"
say "GET ${static_path} (WhiteNoise)"
status=$(proxied -D "$work/static.headers" -o "$work/static.body" -w '%{http_code}' "$base${static_path}")
[ "$status" = "200" ] || fail "GET ${static_path}: HTTP ${status}, expected 200"
grep -qi '^content-type: text/css' "$work/static.headers" || fail "GET ${static_path}: not served as text/css"
[ -s "$work/static.body" ] || fail "GET ${static_path}: empty body"

say "production check passed: gunicorn answered /fr/ (200, CSP, French) and ${static_path} (200)"
