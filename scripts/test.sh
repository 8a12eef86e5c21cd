#!/usr/bin/env bash
# Set up and run the whole test suite: SQLite by default, PostgreSQL when DATABASE_URL points to one
# (see scripts/postgres.sh). Browser tests use Debian's Chromium, installed here when missing (as root).
#
#   bash scripts/test.sh                       everything
#   bash scripts/test.sh tests/contest -x      extra arguments go to pytest
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

is_root() { [ "$(id -u)" -eq 0 ]; }

bash scripts/bootstrap.sh

# Chromium for the browser tests; gettext (msgfmt, xgettext) for the translation checks; Node.js and
# npm to fetch axe-core for the accessibility checks.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    if is_root; then
        echo "==> apt-get install ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    else
        echo "warning: missing Debian packages: ${missing[*]} (install as root: apt-get install -y ${missing[*]});" \
            "the tests that need them will fail" >&2
    fi
fi

# axe-core from the npm registry (never a CDN): tests/browser/test_accessibility.py injects it.
if [ ! -f .cache/axe/node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "==> npm install axe-core@4 into .cache/axe"
        mkdir -p .cache/axe
        npm install --no-save --no-audit --no-fund --prefix .cache/axe axe-core@4 >/dev/null
    else
        echo "warning: npm is missing: the accessibility checks will fail (install as root: apt-get install -y npm)" >&2
    fi
fi

# pyproject.toml names the test settings; a DJANGO_SETTINGS_MODULE left in the shell must not win.
unset DJANGO_SETTINGS_MODULE
# Django's live server and Playwright share a thread with an event loop in the browser tests.
export DJANGO_ALLOW_ASYNC_UNSAFE=${DJANGO_ALLOW_ASYNC_UNSAFE:-true}

if [ -n "${DATABASE_URL:-}" ]; then
    # Never print the password.
    echo "==> running the tests on ${DATABASE_URL%%://*} ($(printf '%s' "$DATABASE_URL" | sed -E 's#//[^@]*@#//#'))"
else
    echo "==> running the tests on SQLite"
fi

status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no test (exit code 5): that is a failure" >&2
    exit 1
fi
exit "$status"
