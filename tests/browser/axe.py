"""axe-core in the browser tests: inject the npm package's script into a page, run it, describe.

axe-core comes from the npm registry (``scripts/test.sh`` installs it into ``.cache/axe``), never
from a CDN. The site's CSP (``script-src 'self'``) blocks the injected inline script, so the pages
audited here are opened in a browser context created with ``bypass_csp=True``.
"""

import json
import os
from pathlib import Path

import pytest

AXE_SCRIPT = (
    Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
)
# WCAG 2.1 level AA, and the level A rules it includes.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(results =>
    results.violations.map(violation => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map(node => node.target.join(' ')),
    })))"""


def axe_source() -> str:
    """The text of axe.min.js; fails under CI and skips elsewhere when it is not installed."""
    if not AXE_SCRIPT.exists():
        message = (
            f"{AXE_SCRIPT.name} is missing: run `npm install --no-save --prefix .cache/axe axe-core@4` "
            "(scripts/test.sh does)."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page, source: str) -> list[dict]:
    """The WCAG 2.1 AA violations axe finds on the page as it stands."""
    page.add_script_tag(content=source)
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def describe(violations_by_page: dict[str, list[dict]]) -> str:
    """One readable block per page: rule, impact, help and the elements concerned."""
    lines = []
    for label, violations in violations_by_page.items():
        if not violations:
            continue
        lines.append(f"{label}:")
        for violation in violations:
            lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
            lines.extend(f"      {target}" for target in violation["targets"][:5])
            if len(violation["targets"]) > 5:
                lines.append(f"      … and {len(violation['targets']) - 5} more")
    return "\n".join(lines)


def report(run: str, violations_by_page: dict[str, list[dict]]) -> None:
    """With AXE_REPORT=<file>, append one JSON line per run: each page audited and the ids of its
    violations (an empty list for a clean page), so that a person can quote the results page by page."""
    path = os.environ.get("AXE_REPORT")
    if not path:
        return
    pages = {label: [violation["id"] for violation in found] for label, found in violations_by_page.items()}
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(json.dumps({"run": run, "pages": pages}, ensure_ascii=False) + "\n")
