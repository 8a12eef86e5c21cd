"""The guides' images: every image that README.md and docs/ show exists, and the screenshots they show
are those the acceptance test takes (tests/browser/test_acceptance.py, SAVE_SCREENSHOTS=1), in the
guide's own language, so no guide points to a screen the suite no longer shoots."""

import re
from pathlib import Path

import pytest

from tests.browser.test_acceptance import LANGUAGES, SCREENS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
IMAGES = DOCS / "img"
JOURNEY = IMAGES / "journey"
PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
# ![alt](target) and <img src="target">
IMAGE_LINK = re.compile(
    r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img\b[^>]*\bsrc=\"([^\"]+)\""
)


def images_of(page: Path) -> list[Path]:
    text = page.read_text(encoding="utf-8")
    targets = [first or second for first, second in IMAGE_LINK.findall(text)]
    return [(page.parent / target).resolve() for target in targets if "://" not in target]


def test_the_pattern_finds_images():
    page = DOCS / "fr" / "guide-personnel.md"
    assert images_of(page), "no image found in the staff guide: is the pattern still right?"


@pytest.mark.parametrize("document", PAGES, ids=lambda document: str(document.relative_to(ROOT)))
def test_every_image_shown_exists(document):
    missing = [str(image.relative_to(ROOT)) for image in images_of(document) if not image.is_file()]
    assert not missing, f"{document.relative_to(ROOT)} shows missing images: {missing}"


@pytest.mark.parametrize("document", PAGES, ids=lambda document: str(document.relative_to(ROOT)))
def test_screenshots_shown_are_taken_by_the_acceptance_test_in_the_pages_language(document):
    language = {"fr": "fr", "en": "en"}.get(document.parent.name) if document.parent.parent == DOCS else None
    for image in images_of(document):
        if not image.is_relative_to(JOURNEY):
            continue
        relative = image.relative_to(JOURNEY)
        assert len(relative.parts) == 2 and relative.parts[0] in LANGUAGES, relative
        assert relative.suffix == ".png" and relative.stem in SCREENS, (
            f"{document.relative_to(ROOT)} shows {relative}, which the acceptance test does not take"
        )
        if language:
            assert relative.parts[0] == language, (
                f"{document.relative_to(ROOT)} (in {language}) shows {relative}"
            )


def test_every_screenshot_in_the_repository_is_one_the_acceptance_test_takes():
    stale = [
        str(image.relative_to(ROOT))
        for image in JOURNEY.rglob("*")
        if image.is_file() and (image.parent.parent != JOURNEY or image.stem not in SCREENS)
    ]
    assert not stale, f"not taken by the acceptance test any more, delete: {stale}"
    for language in LANGUAGES:
        missing = [name for name in SCREENS if not (JOURNEY / language / f"{name}.png").is_file()]
        assert not missing, f"run SAVE_SCREENSHOTS=1 pytest tests/browser/test_acceptance.py: {missing}"


def test_no_image_lies_unused():
    shown = {image for page in PAGES for image in images_of(page)}
    unused = [
        str(image.relative_to(ROOT))
        for image in IMAGES.rglob("*.png")
        if not image.is_relative_to(JOURNEY) and image.resolve() not in shown
    ]
    assert not unused, f"images no page shows: {unused}"
