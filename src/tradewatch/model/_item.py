"""A news item as the watcher hands it to extraction."""

from __future__ import annotations

from datetime import datetime

import attrs

from . import _checks as check


@attrs.frozen(kw_only=True)
class Item:
    """One entry of one source: its stable `id`, the plain `text` of its body, and when it was published.

    `published` is the feed's date, or the time it was first fetched when the feed gives none.
    """

    id: str = attrs.field(validator=check.text(max_len=4096))
    source: str = attrs.field(validator=check.text(max_len=500))
    title: str = attrs.field(default="", validator=check.text(max_len=10_000, empty=True))
    text: str = attrs.field(default="", validator=check.text(max_len=10_000_000, empty=True))
    url: str | None = attrs.field(default=None, validator=check.text(max_len=4096, optional=True))
    published: datetime = attrs.field(validator=check.aware_datetime())
