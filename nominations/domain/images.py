"""Checking and re-encoding uploaded photos: only real PNG, JPEG or WebP pictures, of bounded size,
re-encoded from their pixels so that no metadata (GPS position, camera, author) is kept."""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def clean_photo(upload) -> ContentFile:
    """Return the photo re-encoded as a metadata-free JPEG, or raise ValidationError saying why."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This photo is too large (%(size)s MB). The limit is %(limit)s MB.")
            % {"size": round(upload.size / 1_048_576, 1), "limit": settings.PHOTO_MAX_BYTES // 1_048_576},
            code="too_large",
        )
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                if image_format not in ACCEPTED_FORMATS:
                    raise ValidationError(_unsupported(), code="format")
                if width * height > settings.PHOTO_MAX_PIXELS:
                    raise ValidationError(_too_many_pixels(), code="pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                image = image.convert("RGB")
                image.thumbnail((settings.PHOTO_MAX_SIDE, settings.PHOTO_MAX_SIDE))
                pixels_only = Image.new("RGB", image.size)
                pixels_only.paste(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_too_many_pixels(), code="pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not a picture we can read, or it is damaged. Try another photo."),
            code="invalid",
        ) from None
    output = io.BytesIO()
    pixels_only.save(output, format="JPEG", quality=85, optimize=True)
    return ContentFile(output.getvalue(), name="photo.jpg")


def _unsupported() -> str:
    return _("Only JPEG, PNG and WebP photos are accepted.")


def _too_many_pixels() -> str:
    return _("This photo has too many pixels. Send a smaller photo (at most 40 megapixels).")
