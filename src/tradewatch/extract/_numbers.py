"""Percentages in a sentence: "25%", "25 percent", "7.5 per cent", "twenty-five percent"."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ._text import lowered

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
#: Number words up to ninety, for counts ("for ninety days") as well as rates ("twenty-five percent").
NUMBER_WORDS = {**_UNITS, **_TENS}
_WORD = "|".join([*_TENS, *_UNITS])
_TWO_WORDS = rf"(?:{_WORD})(?:[\s-](?:{_WORD}))?"
_WORD_NUMBER = rf"(?:{_TWO_WORDS}(?:\s+hundred(?:\s+(?:and\s+)?{_TWO_WORDS})?)?|(?:a|one)\s+hundred)"
# Written in lower case and matched on the lowered sentence (same offsets): with IGNORECASE it ran four
# times slower. The number words of a match are read in lower case anyway.
#: The unit of a percentage as wire copy writes it: "25%", "25 percent", "25 per cent", "25 pct", and the
#: British "25pc" (only joined to its figure: a free-standing "pc" is a computer).
UNIT = r"(?:%|per\s?cent\b|percent\b|pct\b|(?<=\d)pc\b)"
PERCENT = re.compile(
    rf"(?<![\w.])(?P<num>\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|\d+(?:\.\d+)?|{_WORD_NUMBER})"
    r"(?:\s*-?\s*)(?P<unit>%|per\s?cent\b|percent(?:age)?\b|pct\b|(?<=\d)pc\b)(?P<points>\s+points?\b)?",
)


# A percentage that measures a change or a share, not a rate: "exports rose 13% year on year", "shares fell
# as much as 2%", "roughly 13% of its global shipments". Wire copy is full of them (market reaction, trade
# figures); none of them is the rate of a measure.
_CHANGE_BEFORE = re.compile(
    r"\b(?:r[io]se|rises|rising|fell|falls?|falling|jump(?:s|ed)|climb(?:s|ed)|gain(?:s|ed)|dropp?(?:s|ed)"
    r"|slid|slides|slipp(?:ed)|declin(?:es|ed)|lost|loses|surg(?:es|ed)|tumbl(?:es|ed)|plung(?:es|ed)|sank"
    r"|soar(?:s|ed)|firm(?:s|ed)|weaken(?:s|ed)|strengthen(?:s|ed)|grew|grows|shr[ai]nk|shrinks"
    r"|contract(?:s|ed)|rall(?:y|ies|ied)|advanc(?:es|ed)|shed|edg(?:es|ed) (?:up|down|higher|lower)|up|down"
    # "is expected to expand by about 4%" (but "plans to expand 25% tariffs" names a duty)
    r"|(?:expand(?:s|ed|ing)?|increas(?:e|es|ed|ing)|grow(?:s|ing)?|contract(?:ing)?)(?=\s+by\b))"
    r"\s+(?:by\s+)?(?:(?:about|nearly|almost|roughly|around|some|more than|less than|as much as|over|just"
    r"|a further|another)\s+)?$"
)
_CHANGE_AFTER = re.compile(
    r"\s*(?:year[\s-]on[\s-]year|year[\s-]over[\s-]year|from a year (?:earlier|ago|before)|on the (?:day|week|month"
    r"|year|quarter)|in (?:early|late|morning|afternoon) trading)\b"
    r"|\s+of\s+(?!(?:the|their|its)\s+(?:customs\s+|declared\s+|import\s+|reference\s+|export\s+)?(?:value|price)\b)"
)
# The second figure of a range ("growth of only 2% to 4%") is what the first one is.
_RANGE_AFTER = re.compile(r"\s*(?:to|and|-|–)\s*$")


# "cut its forecast for global growth to 2.8% from 3.3%", "inflation of 4%": the figure of an economic
# measure, with no duty named between it and the number.
_INDICATOR_BEFORE = re.compile(
    r"\b(?:growth|gdp|inflation|forecasts?|unemployment|jobless rate|yields?|interest rates?|profits?|revenues?"
    r"|earnings|margins?|market share|stake|output|deficit|surplus)\b(?:(?!tariff|dut(?:y|ies)|lev(?:y|ies)|surtax"
    r"|surcharge)[^%;])*$"
)


def _not_a_rate(low: str, start: int, end: int) -> bool:
    return bool(
        _CHANGE_BEFORE.search(low, max(0, start - 40), start)
        or _CHANGE_AFTER.match(low, end)
        or _INDICATOR_BEFORE.search(low, max(0, start - 60), start)
    )


@attrs.frozen
class Percent:
    start: int
    end: int
    value: Decimal
    points: bool  # "10 percentage points": a change, not a rate


def find_percents(sentence: str, low: str | None = None) -> list[Percent]:
    """Percentages in `sentence`; `low` is the sentence lowered with its offsets kept, when the caller has
    it."""
    low = lowered(sentence) if low is None else low
    if "%" not in low and "per" not in low and "pc" not in low:
        return []  # no unit, no percentage: most sentences cost only this
    found = []
    skipped_end = -1
    for m in PERCENT.finditer(low):
        value = _value(m.group("num"))
        if value is None or value > 10_000:
            continue  # "9999999%" is no rate
        points = bool(m.group("points")) or m.group("unit").lower() == "percentage"
        if not points and (
            _not_a_rate(low, m.start(), m.end())
            or (skipped_end >= 0 and _RANGE_AFTER.fullmatch(low, skipped_end, m.start()))
        ):
            skipped_end = m.end()
            continue
        found.append(Percent(m.start(), m.end(), value, points))
    return found


def _value(text: str) -> Decimal | None:
    text = text.strip().lower()
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", text):
        if word in ("and", "a"):
            current = current or (1 if word == "a" else 0)
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word in _TENS:
            current += _TENS[word]
        elif word in _UNITS:
            current += _UNITS[word]
        else:
            return None
    total += current
    return Decimal(total)
