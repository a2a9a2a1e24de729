"""Uploaded pictures (logos, photos): checked, decoded safely and re-encoded as square PNGs.

Re-encoding is the point: whatever the upload carried (metadata, trailing bytes, a polyglot
file), only freshly drawn pixels are stored and served back.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from datetime import datetime

from PIL import Image, ImageOps, UnidentifiedImageError

from core.config import Settings
from core.errors import InvalidInput
from core.i18n import N_

_ALLOWED_FORMATS = frozenset({"JPEG", "PNG"})
_NOT_A_PICTURE = {
    "logo": N_("The logo must be a JPG or PNG picture."),
    "photo": N_("The photo must be a JPG or PNG picture."),
}
_NOT_A_PICTURE_ANY = N_("The picture must be a JPG or PNG file.")
_TOO_LARGE = {
    "logo": N_("The logo is too large: at most {limit} MB."),
    "photo": N_("The photo is too large: at most {limit} MB."),
}


def square_png(data: bytes, *, size: int, max_bytes: int, field: str) -> bytes:
    """A ``size``×``size`` PNG cropped from the centre of an uploaded JPG or PNG.

    Raises:
        InvalidInput: larger than ``max_bytes``, not a JPG/PNG, unreadable, or a
            decompression bomb (``field`` names the form field).
    """
    return _reencoded(
        data,
        max_bytes=max_bytes,
        field=field,
        draw=lambda image: ImageOps.fit(image.convert("RGBA"), (size, size)),
    )


def bounded_png(data: bytes, *, side: int, max_bytes: int, field: str) -> bytes:
    """An uploaded JPG or PNG as a PNG of at most ``side`` pixels a side, its proportions
    kept and nothing cropped (a diagram in a question must stay whole).

    Raises:
        InvalidInput: as ``square_png``.
    """

    def draw(image: Image.Image) -> Image.Image:
        has_alpha = "A" in image.getbands() or "transparency" in image.info
        drawn = image.convert("RGBA" if has_alpha else "RGB")
        drawn.thumbnail((side, side))
        return drawn

    return _reencoded(data, max_bytes=max_bytes, field=field, draw=draw)


def _reencoded(
    data: bytes, *, max_bytes: int, field: str, draw: Callable[[Image.Image], Image.Image]
) -> bytes:
    not_a_picture = InvalidInput(_NOT_A_PICTURE.get(field, _NOT_A_PICTURE_ANY), field=field)
    if not data:
        raise not_a_picture
    if len(data) > max_bytes:
        raise InvalidInput(
            _TOO_LARGE.get(field, N_("The picture is too large: at most {limit} MB.")),
            field=field,
            limit=max(1, max_bytes // (1024 * 1024)),
        )
    try:
        # An absurd pixel count is a decompression bomb, not a picture: Pillow only warns
        # below twice its limit, so turn the warning into an error too.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in _ALLOWED_FORMATS:
                    raise not_a_picture
                image.load()
                drawn = draw(ImageOps.exif_transpose(image))
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise not_a_picture from None
    out = io.BytesIO()
    drawn.save(out, format="PNG")
    return out.getvalue()


def store_upload(settings: Settings, stem: str, png: bytes, now: datetime) -> str:
    """Write a PNG under the uploads dir as ``<stem>-<unix time>.png``; its relative path.

    A new name each time: the previous file stays for the audit trail, and a browser never
    shows a cached old picture.
    """
    relative = f"{stem}-{int(now.timestamp())}.png"
    path = settings.uploads_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return relative
