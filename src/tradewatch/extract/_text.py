"""Sentences and masks: the text is measured, and rewritten only with a map back (`percent_signs`), so every
span points into the original."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

# A sentence ends at . ! ? (with closing quotes/brackets) followed by space and a capital, digit or quote,
# or at a line break before a capital, a quote or a bullet (agency copy opens with bullet points of its own:
# "* China raises tariffs ...\n* Beijing says ..."). Abbreviations that end in a full stop are checked
# separately.
_END = re.compile(r"""[.!?]["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[A-Z"“]|[*•·‣–-]\s))""")
_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.k",
        "e.u",
        "u.n",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "corp",
        "inc",
        "ltd",
        "co",
        "gov",
        "sen",
        "rep",
        "gen",
        "lt",
        "col",
        "prof",
        "jr",
        "sr",
        "etc",
        "approx",
        "est",
        "dept",
        "min",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "fig",
        "vol",
        "art",
        "para",
    ]
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]$")
_TAG = re.compile(r"<[^<>]{0,500}>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding white space."""
    start = 0
    for match in _END.finditer(text):
        stop = match.end() if text[match.start()] in ".!?" else match.start()
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        yield from _trimmed(text, start, stop)
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _is_abbreviation(text: str, dot: int) -> bool:
    before = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if before is None:
        return False
    word = before.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # "H. R. McMaster", "John F. Kennedy": a lone capital initial.
    return bool(_INITIAL.search(text, max(0, dot - 2), dot))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def blank_markup(text: str) -> str:
    """HTML tags and entities replaced by spaces of the same length, so offsets stay those of `text`."""
    if "<" not in text and "&" not in text:
        return text
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def mask(text: str, pattern: re.Pattern[str], fill: str = "#") -> str:
    """`text` with every match of `pattern` overwritten by `fill`, keeping its length."""
    return pattern.sub(lambda m: fill * len(m.group()), text)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lowered(text: str) -> str:
    """`text` in lower case with every offset kept, for case-sensitive patterns written in lower case: a
    pattern compiled with IGNORECASE ran three to five times slower on these sentences."""
    low = text.lower()
    # A few characters ("İ") lower to two; then only ASCII letters are lowered.
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


DATELINE = re.compile(
    # "TURNBERRY, Scotland, July 28 -": the city's region or country may follow it
    # "LIMA/SANTIAGO, May 2 -": a story filed from two cities names both
    r"^\s*([A-Z][A-Z .'/-]{2,40}?)(?:,\s*[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)?(?=,|\s*[-–—]\s))?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"(?:,?\s+\d{4})?)?(?:\s*\([^)]{1,40}\))?\s*[-–—]\s"
)


# "25 per cent", "25 percent", "25-percent", "25 pct", "25pc": newsrooms write the unit of a rate in several ways,
# and the rules read every phrase around a rate ("to 25% from 10%", "a 25% tariff") with its sign.
# (the British "pc" only joined to its figure: "5 pc units" are computers)
_UNIT_WORDS = re.compile(r"(?<=\d)(?:(?:\s?-\s?|\s)?(?:per\s?cent|percent|pct)|pc)\b", re.IGNORECASE)


class SignedText:
    """A text with the words of its percentages written as "%", and the way back to the text as written."""

    __slots__ = ("_marks", "_signed_at", "text")

    def __init__(self, text: str, marks: list[tuple[int, int]]) -> None:
        self.text = text
        self._marks = marks  # (offset in `text`, offset in the original) at each edge of a rewritten unit
        self._signed_at = [m[0] for m in marks]

    def original(self, offset: int) -> int:
        """The offset in the original text of `offset` in `text` (an edge of a rewritten unit maps to the same
        edge of the words it replaced)."""
        i = bisect.bisect_right(self._signed_at, offset) - 1
        if i < 0:
            return offset
        at, was = self._marks[i]
        return was + (offset - at)


def percent_signs(text: str) -> SignedText | None:
    """`text` with "25 per cent" and its kind written "25%", or None when it has none."""
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    last = shift = 0
    for unit in _UNIT_WORDS.finditer(text):
        at = unit.start() - shift
        parts += (text[last : unit.start()], "%")
        marks += ((at, unit.start()), (at + 1, unit.end()))
        shift += unit.end() - unit.start() - 1
        last = unit.end()
    if not marks:
        return None
    parts.append(text[last:])
    return SignedText("".join(parts), marks)
