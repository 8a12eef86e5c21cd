#!/usr/bin/env bash
# Set up and run the application with demo data (SQLite, development settings).
#
#   bash scripts/run.sh                  http://127.0.0.1:8000/fr/
#   PORT=8080 bash scripts/run.sh        another port (HOST too; other host names need DJANGO_ALLOWED_HOSTS)
#   DEMO_PHASE=jury bash scripts/run.sh  where the demo's current edition stands, when the demo is loaded
#   bash scripts/run.sh --noreload       extra arguments go to manage.py runserver
#
# The demo is loaded only into a database without any edition; to start over:
#   .venv/bin/python manage.py load_demo --reset --phase published
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
DEMO_PHASE=${DEMO_PHASE:-nominations}
DEMO_NOMINATIONS=${DEMO_NOMINATIONS:-300}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
PY=.venv/bin/python

bash scripts/bootstrap.sh

echo "==> applying migrations"
"$PY" manage.py migrate --noinput -v0

display_host=$HOST
if [ "$HOST" = "0.0.0.0" ]; then display_host=127.0.0.1; fi
site_url="http://${display_host}:${PORT}"

has_edition() {
    "$PY" - <<'PYTHON'
import django

django.setup()
from contest.models import Edition

raise SystemExit(0 if Edition.objects.exists() else 1)
PYTHON
}

logins_note=""
if has_edition; then
    echo "==> the database already has an edition: demo data not loaded again"
    logins_note=" (if this database was filled by load_demo)"
else
    echo "==> loading the demo data (phase ${DEMO_PHASE}, ${DEMO_NOMINATIONS} nominations)"
    "$PY" manage.py load_demo --phase "$DEMO_PHASE" --nominations "$DEMO_NOMINATIONS" --site-url "$site_url"
fi

cat <<EOF

  Mon boss c'est le meilleur is starting at  ${site_url}/fr/
  English: ${site_url}/en/     Django admin: ${site_url}/admin/

  Demo logins${logins_note} (e-mail address), all with the password demo-password-2026:
    admin@example.org                         superuser
    staff@example.org                         staff
    juror1@example.org ... juror6@example.org jurors
  E-mails are printed in this terminal. Stop with Ctrl+C.

EOF

exec "$PY" manage.py runserver "${HOST}:${PORT}" "$@"
