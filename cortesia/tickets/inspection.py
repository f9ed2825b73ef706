"""Refuse uploads that are small on disk but huge once opened: zip bombs and pixel floods.

Only headers, an archive's directory and the first 4 KB of each member are read; nothing
is extracted or decoded (see :mod:`cortesia.lib.zip_directory` and
:mod:`cortesia.lib.image_headers`). The checks go by
the content, not by the name or declared type, so a PNG called ``notes.txt`` and a docx
are measured too.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from cortesia.core.errors import ExpandsTooLarge
from cortesia.lib.image_headers import UnreadableImageHeader, image_size
from cortesia.lib.zip_directory import ZipExcess, ZipLimits, zip_excess

# 100 megapixels (about 400 MB once decoded as RGBA) is above any phone or camera photo
# but a 100 MP medium-format one; floods declare billions (50 000 × 50 000 is 2 500 MP).
MAX_PIXELS = 100_000_000
# An archive may unpack to ten times the upload limit, and never to more than this.
MAX_UNPACKED = 1_000_000_000


def zip_limits() -> ZipLimits:
    return ZipLimits(max_unpacked=min(10 * settings.CORTESIA_ATTACHMENT_MAX_BYTES, MAX_UNPACKED))


def attachment_inspect(path: Path, *, size: int) -> None:
    """Raise ExpandsTooLarge when the file at ``path`` (``size`` bytes) is an image that
    declares more than :data:`MAX_PIXELS` pixels, or a zip archive beyond :func:`zip_limits`.
    Other content passes."""
    limits = zip_limits()
    with path.open("rb") as stream:
        try:
            dimensions = image_size(stream)
        except UnreadableImageHeader:
            raise ExpandsTooLarge(
                _("The size of this image cannot be read from its header.")
            ) from None
        if dimensions is not None and dimensions[0] * dimensions[1] > MAX_PIXELS:
            raise ExpandsTooLarge(
                _("An image may have at most %(count)d million pixels.")
                % {"count": MAX_PIXELS // 1_000_000}
            )
        excess = zip_excess(stream, size, limits)
    if excess is not None:
        raise ExpandsTooLarge(_excess_message(excess, limits))


def _excess_message(excess: ZipExcess, limits: ZipLimits) -> str:
    if excess is ZipExcess.MEMBERS:
        return _("An archive may hold at most %(count)d files.") % {"count": limits.max_members}
    if excess is ZipExcess.UNPACKED:
        return _("An archive may unpack to at most %(size)d MB.") % {
            "size": limits.max_unpacked // 1_000_000
        }
    if excess is ZipExcess.RATIO:
        return _("An archive may not hold files packed more than %(ratio)d to 1.") % {
            "ratio": limits.max_ratio
        }
    return _("Archives may be nested at most %(depth)d levels deep.") % {"depth": limits.max_depth}
