"""Checking and re-encoding uploaded images (youths' photos, employers' logos): only real PNG, JPEG or
WebP pictures, of bounded size, re-encoded from their pixels so that no metadata (GPS position,
camera, author) is kept."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# MPO is how Pillow names a JPEG that holds several pictures (many phones take them): its first picture
# is kept, as a plain JPEG.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
# A logo is shown small: 800 px on its longest side is plenty, and its thumbnail 200 px.
LOGO_MAX_SIDE = 800
LOGO_THUMBNAIL_SIDE = 200


@dataclass(frozen=True)
class ImageMessages:
    """What the uploader is told for each refusal; ``too_large`` takes %(size)s and %(limit)s."""

    too_large: str
    unsupported: str
    too_many_pixels: str
    invalid: str


PHOTO_MESSAGES = ImageMessages(
    too_large=_("This photo is too large (%(size)s MB). The limit is %(limit)s MB."),
    unsupported=_("Only JPEG, PNG and WebP photos are accepted."),
    too_many_pixels=_("This photo has too many pixels. Send a smaller photo (at most 40 megapixels)."),
    invalid=_("This file is not a picture we can read, or it is damaged. Try another photo."),
)
LOGO_MESSAGES = ImageMessages(
    too_large=_("This logo is too large (%(size)s MB). The limit is %(limit)s MB."),
    unsupported=_("Only JPEG, PNG and WebP logos are accepted (no SVG or GIF)."),
    too_many_pixels=_("This logo has too many pixels. Send a smaller image."),
    invalid=_("This file is not an image we can read, or it is damaged. Try another file."),
)


def reencode_pixels(
    upload, *, max_side: int, keep_transparency: bool, messages: ImageMessages
) -> Image.Image:
    """The upload's pixels in a new image that carries nothing else (no EXIF, ICC, text chunks),
    turned upright and scaled down to ``max_side``; or ValidationError saying why not.

    Checked before decoding: the file size, the format (JPEG, PNG, WebP), the pixel count
    (settings.PHOTO_MAX_PIXELS, and Pillow's decompression-bomb guard)."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            str(messages.too_large)
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
                    raise ValidationError(str(messages.unsupported), code="format")
                if width * height > settings.PHOTO_MAX_PIXELS:
                    raise ValidationError(str(messages.too_many_pixels), code="pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                mode = "RGBA" if keep_transparency and _has_transparency(image) else "RGB"
                image = image.convert(mode)
                image.thumbnail((max_side, max_side))
                pixels_only = Image.new(mode, image.size)
                pixels_only.paste(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(str(messages.too_many_pixels), code="pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(str(messages.invalid), code="invalid") from None
    return pixels_only


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info


def clean_photo(upload) -> ContentFile:
    """Return the photo re-encoded as a metadata-free JPEG, or raise ValidationError saying why."""
    pixels = reencode_pixels(
        upload, max_side=settings.PHOTO_MAX_SIDE, keep_transparency=False, messages=PHOTO_MESSAGES
    )
    output = io.BytesIO()
    pixels.save(output, format="JPEG", quality=85, optimize=True)
    return ContentFile(output.getvalue(), name="photo.jpg")


def clean_logo(upload) -> ContentFile:
    """Return the logo re-encoded as a metadata-free PNG (transparency kept), at most LOGO_MAX_SIDE
    pixels on its longest side, or raise ValidationError saying why."""
    pixels = reencode_pixels(upload, max_side=LOGO_MAX_SIDE, keep_transparency=True, messages=LOGO_MESSAGES)
    return _png(pixels, name="logo.png")


def logo_thumbnail(logo: ContentFile) -> ContentFile:
    """A LOGO_THUMBNAIL_SIDE px PNG of a logo already cleaned by ``clean_logo``."""
    logo.seek(0)
    with Image.open(logo) as image:
        image.load()
        thumbnail = image.copy()
    logo.seek(0)
    thumbnail.thumbnail((LOGO_THUMBNAIL_SIDE, LOGO_THUMBNAIL_SIDE))
    return _png(thumbnail, name="logo-thumbnail.png")


def _png(image: Image.Image, *, name: str) -> ContentFile:
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return ContentFile(output.getvalue(), name=name)
