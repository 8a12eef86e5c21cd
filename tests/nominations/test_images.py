import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from nominations.domain.images import clean_photo
from nominations.models import Nomination


def _image_bytes(fmt="JPEG", size=(64, 48), exif=True) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    output = io.BytesIO()
    kwargs = {}
    if exif and fmt in {"JPEG", "WEBP", "PNG"}:
        data = Image.Exif()
        data[0x010E] = "secret description"  # ImageDescription
        data[0x013B] = "Léa Tremblay"  # Artist
        kwargs["exif"] = data.tobytes()
    image.save(output, format=fmt, **kwargs)
    return output.getvalue()


def _upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_photo_is_reencoded_as_jpeg_without_metadata(fmt):
    cleaned = clean_photo(_upload(_image_bytes(fmt)))

    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG"
    assert image.size == (64, 48)
    assert dict(image.getexif()) == {}
    assert b"secret description" not in cleaned.file.getvalue()
    assert "exif" not in image.info


def test_large_photo_is_scaled_down(settings):
    settings.PHOTO_MAX_SIDE = 100
    cleaned = clean_photo(_upload(_image_bytes(size=(400, 200))))
    assert Image.open(io.BytesIO(cleaned.read())).size == (100, 50)


def test_gif_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_photo(_upload(_image_bytes("GIF", exif=False), "a.gif", "image/gif"))
    assert error.value.code == "format"


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as error:
        clean_photo(_upload(svg, "a.svg", "image/svg+xml"))
    assert error.value.code == "invalid"


def test_truncated_image_is_refused():
    data = _image_bytes(size=(300, 300))
    with pytest.raises(ValidationError) as error:
        clean_photo(_upload(data[: len(data) // 2]))
    assert error.value.code == "invalid"


def test_decompression_bomb_is_refused(settings):
    settings.PHOTO_MAX_PIXELS = 10_000
    with pytest.raises(ValidationError) as error:
        clean_photo(_upload(_image_bytes("PNG", size=(200, 200), exif=False), "a.png", "image/png"))
    assert error.value.code == "pixels"


def test_polyglot_html_after_a_jpeg_is_dropped_by_reencoding():
    payload = _image_bytes() + b"<html><script>alert(1)</script></html>"
    cleaned = clean_photo(_upload(payload)).file.getvalue()
    assert b"<script>" not in cleaned


def test_oversize_file_is_refused_before_reading(settings):
    settings.PHOTO_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        clean_photo(_upload(b"\xff" * 2000))
    assert error.value.code == "too_large"


@pytest.mark.django_db
def test_bad_photo_in_the_form_gets_a_message_and_nothing_is_saved(post_nomination, client):
    response = post_nomination(language="en", photo_upload=_upload(b"not an image", "x.jpg"))
    assert response.status_code == 400
    assert "not a picture we can read" in response.content.decode()
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_good_photo_in_the_form_is_stored_under_a_generated_name(post_nomination):
    post_nomination(photo_upload=_upload(_image_bytes(), "Léa à Sherbrooke.jpg"))
    nomination = Nomination.objects.get()
    assert nomination.photo.name.startswith("nominations/photos/")
    assert "Sherbrooke" not in nomination.photo.name
    assert Image.open(nomination.photo.path).format == "JPEG"


def test_a_multi_picture_jpeg_from_a_phone_keeps_its_first_picture_as_a_plain_jpeg():
    first = Image.new("RGB", (64, 48), (200, 30, 30))
    second = Image.new("RGB", (64, 48), (30, 30, 200))
    exif = Image.Exif()
    exif[0x013B] = "Léa Tremblay"  # Artist
    output = io.BytesIO()
    first.save(output, format="MPO", save_all=True, append_images=[second], exif=exif.tobytes())
    assert Image.open(io.BytesIO(output.getvalue())).format == "MPO"

    cleaned = clean_photo(_upload(output.getvalue()))

    image = Image.open(io.BytesIO(cleaned.read()))
    assert (image.format, image.size, getattr(image, "n_frames", 1)) == ("JPEG", (64, 48), 1)
    assert dict(image.getexif()) == {}
    red, _green, blue = image.getpixel((32, 24))
    assert red > 150 and blue < 80  # the first picture, not the second
