"""Sentences and masks: the text is measured, and rewritten only with a map back (`rewritten`), so every span
points into the original."""

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


# Ways newsrooms write what the rules read one way, rewritten with a map back to the text as written:
# - "25 per cent", "25 percent", "25-percent", "25 pct", "25pc" as "25%" (the rules read every phrase around a rate,
#   "to 25% from 10%", "a 25% tariff", with its sign; the British "pc" only joined to its figure: "5 pc units" are
#   computers);
# - a weekday without its "on", as agencies in the United States write it ("said Friday", "banned exports late
#   Tuesday"), with it (not "last Friday", "Friday's talks", "Black Friday", "Monday and Tuesday");
# - a day before its month, as British and Commonwealth copy writes it ("from 1 March", "on 3 December 2024"),
#   after it ("from March 1", "on December 3, 2024");
# - the hour of a day named after it left out ("will expire at midnight on Aug. 1", "takes effect at 12:01 a.m. EDT
#   on Thursday"): the rules read the day as that of the verb before it.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:\.|\b))"
)
# Each way is looked for only in a text that holds its words (one scan of a 2 KB item with the three patterns in
# one alternation cost ~85-185 µs; most items hold none of them).
_UNIT_WORDS = re.compile(r"(?<=\d)(?i:(?:(?:\s?-\s?|\s)?(?:per\s?cent|percent|pct)|pc))\b")
_BARE_WEEKDAY = re.compile(
    r"(?=(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?![-'’]))(?<=[a-z%] )"
    r"(?i:(?<!\bon )(?<!\blast )(?<!\bnext )(?<!\bthis )(?<!\bthat )(?<!\bby )(?<!\buntil )"
    r"(?<!\btill )(?<!\bsince )(?<!\bfrom )(?<!\bthrough )(?<!\bto )(?<!\bbefore )(?<!\bafter )(?<!\bbetween )"
    r"(?<!\band )(?<!\bor )(?<!\bevery )(?<!\beach )(?<!\bof )(?<!\bblack )(?<!\bgood )(?<!\bsuper )(?<!\bcyber )"
    # (nor after a word that leads a date by itself: "due Tuesday", "effective Friday", "starting Monday")
    r"(?<!\bholy )(?<!\beaster )(?<!\bdue )(?<!\beffective )(?<!\bstarting )(?<!\bbeginning )(?<!\bexpiring )"
    r"(?<!\bending ))"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_BEFORE_MONTH = re.compile(
    rf"(?<![\w$.,-])(?P<mday>[12]?\d|3[01])\s+(?P<month>{_MONTH})(?!\s+(?:be|have|not|also|well)\b)"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_A_DAY_BEFORE_A_NAME = re.compile(r"\d\s+[JFMASOND][a-z]")
_HOUR_BEFORE_DAY = re.compile(
    r"\s+at\s+(?:(?:just\s+)?(?:after|before)\s+)?(?:midnight|noon"
    r"|\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d\d\b)"
    r"(?:\s+(?:\(?(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST)\)?|local\s+time|(?:Washington|Beijing|Brussels|New\s+York)\s+time"
    r"|Eastern(?:\s+time)?))?"
    rf"(?=,?\s+(?:on\s|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|{_MONTH}\s*\d))"
)


class RewrittenText:
    """A text as the rules read it (`rewritten`), and the way back to the text as written."""

    __slots__ = ("_marks", "_read_at", "phrases", "text")

    def __init__(self, text: str, marks: list[tuple[int, int]], phrases: dict[str, str]) -> None:
        self.text = text
        self._marks = marks  # (offset in `text`, offset in the original) at each edge of a rewritten phrase
        self._read_at = [m[0] for m in marks]
        self.phrases = phrases  # each phrase as read, with the words it stands for as written

    def original(self, offset: int) -> int:
        """The offset in the original text of `offset` in `text` (an edge of a rewritten phrase maps to the
        same edge of the words it stands for)."""
        i = bisect.bisect_right(self._read_at, offset) - 1
        if i < 0:
            return offset
        at, was = self._marks[i]
        return was + (offset - at)

    def as_written(self, phrase: str) -> str:
        """`phrase` (a date's words, say) with what was rewritten in it as the text wrote it."""
        for read, written in self.phrases.items():
            if read in phrase:
                phrase = phrase.replace(read, written)
        return phrase


def rewritten(text: str) -> RewrittenText | None:
    """`text` with "25 per cent" and its kind written "25%", "said Friday" written "said on Friday", "1 March"
    written "March 1" and "at midnight on Aug. 1" written "on Aug. 1", or None when it has none of them."""
    found: list[tuple[int, int, str]] = []  # (start, end, the words as read)
    phrases: dict[str, str] = {}
    low = text.lower()
    if "per" in low or "pc" in low:
        found += ((m.start(), m.end(), "%") for m in _UNIT_WORDS.finditer(text))
    if any(day in text for day in _WEEKDAYS):
        for m in _BARE_WEEKDAY.finditer(text):
            found.append((m.start(), m.end(), "on "))
            phrases["on " + m.group("weekday")] = m.group("weekday")
    if " at " in text:
        found += ((m.start(), m.end(), "") for m in _HOUR_BEFORE_DAY.finditer(text))
    if _A_DAY_BEFORE_A_NAME.search(text):
        for m in _DAY_BEFORE_MONTH.finditer(text):
            year = m.group("year")
            written = f"{m.group('month')} {m.group('mday')}" + (f", {year}" if year else "")
            found.append((m.start(), m.end(), written))
            phrases[written] = m.group()
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    last = shift = 0
    for start, end, written in sorted(found):
        at = start + shift
        parts += (text[last:start], written)
        marks += ((at, start), (at + len(written), end))
        shift += len(written) - (end - start)
        last = end
    if not marks:
        return None
    parts.append(text[last:])
    return RewrittenText("".join(parts), marks, phrases)
