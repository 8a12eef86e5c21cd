"""Hostile uploads through the real forms: the public nomination form's photo and the employer claim
form's logo. Each is refused with a clear message next to its field and nothing is saved, or, for a
JPEG carrying a payload after its end, re-encoded without it. Stored files have generated names."""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from nominations.domain.employers import make_claim_token
from nominations.models import Employer, Nomination, TestimonialAnswer
from tests.factories import make_employer, nomination_post_data

PAYLOAD = b"<?php system($_GET['c']); ?><html><body><script>alert(document.cookie)</script></body></html>"

PHOTO_MESSAGES = {
    "format": "Only JPEG, PNG and WebP photos are accepted.",
    "invalid": "This file is not a picture we can read, or it is damaged. Try another photo.",
    "pixels": "This photo has too many pixels. Send a smaller photo (at most 40 megapixels).",
}
LOGO_MESSAGES = {
    "format": "Only JPEG, PNG and WebP logos are accepted (no SVG or GIF).",
    "invalid": "This file is not an image we can read, or it is damaged. Try another file.",
    "pixels": "This logo has too many pixels. Send a smaller image.",
}


# Hostile files --------------------------------------------------------------------------------------


def jpeg(size=(320, 240)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(output, format="JPEG", quality=90)
    return output.getvalue()


def jpeg_with_payload() -> bytes:
    """A real JPEG followed by an HTML/PHP payload: browsers and PHP happily find it in the file."""
    return jpeg() + PAYLOAD


def gif_js_polyglot() -> bytes:
    """A GIF whose header is also the start of a JavaScript comment: served as a script it runs
    ``alert(1)`` (the width bytes are "/*", the trailer closes the comment)."""
    return (
        b"GIF89a/*\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
        b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
        b"*/=1;alert(1);//"
    )


def svg() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script>alert(document.domain)</script><rect width="10" height="10"/></svg>'
    )


def truncated_png() -> bytes:
    output = io.BytesIO()
    Image.effect_noise((400, 400), 64).save(output, format="PNG")
    data = output.getvalue()
    return data[: len(data) // 2]


def truncated_jpeg() -> bytes:
    output = io.BytesIO()
    Image.effect_noise((400, 400), 64).convert("RGB").save(output, format="JPEG")
    data = output.getvalue()
    return data[: len(data) * 2 // 3]


def png_bomb(width: int, height: int) -> bytes:
    """A black-and-white PNG that declares width × height pixels: its rows of zeros compress about a
    thousand to one, so a 900-megapixel picture is a file of about 100 KB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then one bit per pixel
    compressor = zlib.compressobj(9)
    rows_per_chunk = 1000
    idat = [
        compressor.compress(row * min(rows_per_chunk, height - done))
        for done in range(0, height, rows_per_chunk)
    ]
    idat.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(idat)) + chunk(b"IEND", b"")
    )


def oversize_jpeg() -> bytes:
    """A little over 5.5 MB: a real JPEG padded after its end."""
    data = jpeg()
    return data + b"\x00" * (5_800_000 - len(data))


HOSTILE = {
    "gif_js_polyglot": (gif_js_polyglot, "polyglot.gif", "image/gif", "format"),
    "gif_js_polyglot_named_jpeg": (gif_js_polyglot, "photo.jpg", "image/jpeg", "format"),
    "svg": (svg, "image.svg", "image/svg+xml", "invalid"),
    "svg_named_png": (svg, "image.png", "image/png", "invalid"),
    "truncated_png": (truncated_png, "cut.png", "image/png", "invalid"),
    "truncated_jpeg": (truncated_jpeg, "cut.jpg", "image/jpeg", "invalid"),
    "bomb_900_megapixels": (lambda: png_bomb(30000, 30000), "bomb.png", "image/png", "pixels"),
    "bomb_64_megapixels": (lambda: png_bomb(8000, 8000), "bomb.png", "image/png", "pixels"),
}


def media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def field_error(page: str, field: str) -> str | None:
    match = re.search(rf'<p class="error-text" id="id_{field}_error">(.*?)</p>', page, re.DOTALL)
    return match.group(1) if match else None


def test_hostile_files_are_what_they_claim():
    """The files below really are hostile, so that refusing them means something."""
    assert gif_js_polyglot().startswith(b"GIF89a/*") and gif_js_polyglot().endswith(b"alert(1);//")
    assert Image.open(io.BytesIO(gif_js_polyglot())).format == "GIF"
    assert Image.open(io.BytesIO(jpeg_with_payload())).format == "JPEG"
    assert PAYLOAD in jpeg_with_payload()
    assert len(png_bomb(30000, 30000)) < 200_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_bomb(30000, 30000)))
    assert Image.open(io.BytesIO(png_bomb(8000, 8000))).size == (8000, 8000)
    assert len(oversize_jpeg()) > settings.PHOTO_MAX_BYTES


# The public nomination form ---------------------------------------------------------------------------


@pytest.fixture
def post_photo(client, edition, guard_fields, django_capture_on_commit_callbacks):
    def post(content: bytes, name: str, content_type: str, language: str = "en"):
        data = {
            **nomination_post_data(edition),
            **guard_fields,
            "photo_upload": SimpleUploadedFile(name, content, content_type=content_type),
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/{language}/nominations/new/", data)

    return post


def assert_nothing_saved(files_before: set[str]) -> None:
    assert Nomination.objects.count() == 0
    assert Employer.objects.count() == 0
    assert TestimonialAnswer.objects.count() == 0
    assert media_files() == files_before


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_public_form_refuses_a_hostile_photo_next_to_the_field(post_photo, case):
    build, name, content_type, code = HOSTILE[case]
    before = media_files()

    response = post_photo(build(), name, content_type)

    assert response.status_code == 400
    page = response.content.decode()
    assert field_error(page, "photo_upload") == PHOTO_MESSAGES[code]
    # What was typed stays in the form.
    assert 'value="Resto Chez Ginette inc."' in page
    assert_nothing_saved(before)


def test_public_form_refuses_an_oversize_photo_next_to_the_field(post_photo):
    before = media_files()

    response = post_photo(oversize_jpeg(), "big.jpg", "image/jpeg")

    assert response.status_code == 400
    assert field_error(response.content.decode(), "photo_upload") == (
        "This photo is too large (5.5 MB). The limit is 5 MB."
    )
    assert_nothing_saved(before)


def test_public_form_says_why_in_french_on_the_french_page(post_photo):
    response = post_photo(oversize_jpeg(), "big.jpg", "image/jpeg", language="fr")

    assert response.status_code == 400
    assert field_error(response.content.decode(), "photo_upload") == (
        "Cette photo est trop lourde (5.5 Mo). La limite est de 5 Mo."
    )
    assert Nomination.objects.count() == 0


def test_public_form_keeps_a_jpeg_with_a_payload_only_re_encoded_under_a_generated_name(post_photo):
    before = media_files()

    response = post_photo(jpeg_with_payload(), "../../shell.php.jpg", "image/jpeg")

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert re.fullmatch(r"nominations/photos/[0-9a-f]{32}\.jpg", nomination.photo.name)
    assert media_files() - before == {nomination.photo.name}
    stored = Path(settings.MEDIA_ROOT, nomination.photo.name).read_bytes()
    assert b"<?php" not in stored
    assert b"<script" not in stored
    assert b"<html" not in stored
    assert stored.endswith(b"\xff\xd9")  # nothing after the end of the JPEG
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("JPEG", (320, 240))


# The employer claim form --------------------------------------------------------------------------------


@pytest.fixture
def employer(db):
    return make_employer("Resto Chez Ginette")


@pytest.fixture
def post_logo(client, employer, django_capture_on_commit_callbacks):
    def post(content: bytes, name: str, content_type: str):
        data = {
            "description": "Un resto familial.",
            "website": "https://resto.example.org",
            "logo_upload": SimpleUploadedFile(name, content, content_type=content_type),
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/en/employer/{make_claim_token(employer)}/", data)

    return post


def assert_employer_unchanged(employer: Employer, files_before: set[str]) -> None:
    employer.refresh_from_db()
    assert (employer.logo.name, employer.logo_thumbnail.name) == ("", "")
    assert (employer.description, employer.website, employer.claimed_at) == ("", "", None)
    assert media_files() == files_before


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_claim_form_refuses_a_hostile_logo_next_to_the_field(post_logo, employer, case):
    build, name, content_type, code = HOSTILE[case]
    before = media_files()

    response = post_logo(build(), name, content_type)

    assert response.status_code == 400
    page = response.content.decode()
    assert field_error(page, "logo_upload") == LOGO_MESSAGES[code]
    assert "Un resto familial." in page
    assert_employer_unchanged(employer, before)


def test_claim_form_refuses_an_oversize_logo_next_to_the_field(post_logo, employer):
    before = media_files()

    response = post_logo(oversize_jpeg(), "big.jpg", "image/jpeg")

    assert response.status_code == 400
    assert field_error(response.content.decode(), "logo_upload") == (
        "This logo is too large (5.5 MB). The limit is 5 MB."
    )
    assert_employer_unchanged(employer, before)


def test_claim_form_keeps_a_jpeg_with_a_payload_only_re_encoded_under_generated_names(post_logo, employer):
    before = media_files()

    response = post_logo(jpeg_with_payload(), "logo.php", "application/x-php")

    assert response.status_code == 302
    employer.refresh_from_db()
    names = {employer.logo.name, employer.logo_thumbnail.name}
    assert len(names) == 2
    assert all(re.fullmatch(r"employers/logos/[0-9a-f]{32}\.png", name) for name in names)
    assert media_files() - before == names
    for name in names:
        stored = Path(settings.MEDIA_ROOT, name).read_bytes()
        assert b"<?php" not in stored
        assert b"<script" not in stored
        with Image.open(io.BytesIO(stored)) as image:
            assert image.format == "PNG"
    with Image.open(employer.logo.path) as logo:
        assert logo.size == (320, 240)
