"""Extraction: from a news item's text to typed events, each with its evidence.

`Extractor` is the protocol every extractor implements; `RuleBasedExtractor` is the built-in one (pure Python,
deterministic, no model downloads). `extract()` runs the built-in extractor on a piece of text.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol, runtime_checkable

from tradewatch.model import Event, Item

from ._extractor import RuleBasedExtractor

__all__ = ["Extractor", "RuleBasedExtractor", "extract"]


@runtime_checkable
class Extractor(Protocol):
    """Turns one item into the events it states. Must be pure (no I/O, no clock, no shared mutable state),
    so that the watcher may call it from several threads or processes at once."""

    def extract(self, item: Item) -> list[Event]:
        """The events `item` states, each with `Evidence` pointing into ``item.text``."""
        ...


_DEFAULT = RuleBasedExtractor()


def extract(
    text: str,
    *,
    published: datetime | date | None = None,
    source: str | None = None,
    title: str | None = None,
) -> list[Event]:
    """The trade-policy events that `text` states, each with the sentence it was read from.

    `published` anchors relative dates ("on Monday", "for 90 days"); without it they are left out. Never
    raises for any text: bad input gives an empty list.
    """
    return _DEFAULT.extract_text(text, title=title, published=published, source=source)
