#!/usr/bin/env bash
# Prepare a working copy: the virtual environment, the dependencies and the compiled translations.
# Safe to run again and again (run.sh and test.sh call it). Made for Debian 12 with Python 3.11;
# as root it installs the missing Debian packages, otherwise it says which ones are missing.
#
#   BOOTSTRAP_FORCE=1 bash scripts/bootstrap.sh   reinstall the dependencies even if pyproject.toml did not change
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP="$VENV/.bootstrap-stamp"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" -eq 0 ]; }

APT_UPDATED=0
apt_install() {
    # Install Debian packages as root; otherwise report what is missing and fail.
    if ! is_root; then
        warn "missing Debian packages: $*; install them as root: apt-get install -y $*"
        return 1
    fi
    if [ "$APT_UPDATED" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    apt_install python3 python3-venv || { warn "Python 3.11 is needed"; exit 1; }
fi

# A virtual environment that no longer runs (Python upgraded, folder copied) is made again.
if [ -d "$VENV" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    say "the virtual environment in $VENV is broken: making it again"
    rm -rf "$VENV"
fi

if [ ! -x "$VENV/bin/python" ]; then
    # Debian splits venv support (ensurepip) into python3-venv.
    if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt_install "python${version}-venv" || apt_install python3-venv
    fi
    say "creating the virtual environment in $VENV"
    "$PYTHON" -m venv "$VENV"
fi

# Dependencies: installed again only when pyproject.toml changed (or on request).
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "${BOOTSTRAP_FORCE:-0}" = "1" ] || [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$wanted" ]; then
    say "installing the dependencies (pip install -e \".[dev]\")"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[dev]"
    echo "$wanted" >"$STAMP"
else
    say "dependencies up to date"
fi

# Translations: .mo files are not in git, so they are compiled at every setup.
shopt -s nullglob
catalogs=(locale/*/LC_MESSAGES/django.po)
shopt -u nullglob
if [ "${#catalogs[@]}" -eq 0 ]; then
    say "no translation catalogue (locale/*/LC_MESSAGES/django.po) yet: nothing to compile"
elif command -v msgfmt >/dev/null 2>&1; then
    say "compiling translations (manage.py compilemessages)"
    DJANGO_SETTINGS_MODULE=config.settings.dev \
        "$VENV/bin/python" manage.py compilemessages --ignore="$VENV" --ignore=.git --ignore=node_modules -v0
else
    # Babel is a dependency, so this works without Debian's gettext.
    say "compiling translations (pybabel compile)"
    "$VENV/bin/pybabel" compile -d locale -D django --statistics
fi

say "ready: $VENV/bin/python ($("$VENV/bin/python" --version 2>&1))"
