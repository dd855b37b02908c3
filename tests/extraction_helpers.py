"""What the extraction tests share: picking the events of one type, and a date span as its first and last day."""

from __future__ import annotations

from typing import TypeVar

from tradewatch import DateSpan, Event

T = TypeVar("T")


def only(events: list[Event], kind: type[T]) -> list[T]:
    """The events of `kind`, in order."""
    return [e for e in events if isinstance(e, kind)]


def days(span: DateSpan | None) -> tuple[str, str] | None:
    """A span's first and last day as ISO dates (what the corpus scorer compares), or None."""
    if span is None:
        return None
    return str(span.start), str(span.end)
