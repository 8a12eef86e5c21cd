"""static/js/nomination-form.js, run by Node against a minimal stand-in for the page's elements: the
suggestions of a chain (one name, several municipalities) stay apart, picking one sets its municipality,
the chosen municipality filters the next requests, and the status messages are the page's own."""

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "nomination-form.js"
NODE = shutil.which("node")

HARNESS = Path(__file__).with_name("suggestion_harness.js")


def _attribute(body: str, element_id: str, name: str) -> str:
    tag = re.search(rf'<[^>]*id="{element_id}"[^>]*>', body).group(0)
    return html.unescape(re.search(rf'{name}="([^"]*)"', tag).group(1))


@pytest.mark.django_db
@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_suggestions_of_a_chain_stay_apart_and_picking_one_sets_its_municipality(client, edition):
    body = client.get("/fr/nominations/new/").content.decode()
    page = {
        "script": str(SCRIPT),
        "url": _attribute(body, "nomination-form-script", "data-suggest-url"),
        "one": _attribute(body, "employer-suggestions-status", "data-one"),
        "many": _attribute(body, "employer-suggestions-status", "data-many"),
    }

    run = subprocess.run(  # noqa: S603 - fixed arguments, our own script
        [NODE, str(HARNESS)],
        env={"SUGGESTION_PAGE": json.dumps(page)},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )

    seen = json.loads(run.stdout)
    assert seen == {
        "options": ["IGA — Magog", "IGA — Sherbrooke"],
        "status_many": "2 entreprises déjà proposées correspondent.",
        "picked": ["IGA", "5"],
        "status_one": "1 entreprise déjà proposée correspond.",
        "requests": [
            "/fr/nominations/employers/suggest/?q=IG",
            "/fr/nominations/employers/suggest/?q=IGA%20Ex&municipality=5",
        ],
    }
