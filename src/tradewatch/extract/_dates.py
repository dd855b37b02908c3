"""Date phrases in a sentence, resolved to `DateSpan`s against the item's published day.

Only phrases anchored on a month name, a weekday or a fixed relative expression are read; numbers alone never
make a date. Codes that look like dates ("Section 301", "H20", "200%") are masked before matching. The rules
are the design's: early/mid/late are days 1-10/11-20/21-end; "in July" is the most recent July not after
publication unless the sentence speaks of the future; "on Monday" likewise; "for 90 days" counts from the
published day; a day without a year ("Nov. 10") is the one nearest to publication.

The day, month and year are taken from the matched groups directly. A general date parser (dateutil,
dateparser) was tried on the extracted spans and dropped: it cost 160 microseconds a call, more than the rest
of a sentence's reading, and added nothing the patterns had not already fixed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

import attrs

from tradewatch.model import DateSpan, Granularity

from ._numbers import NUMBER_WORDS
from ._text import lowered

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {**NUMBER_WORDS, "a": 1}
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?)"
_SUPERLATIVE_BEFORE = re.compile(
    # (with no verb of what is to come between: not "will impose its biggest retaliatory tariffs ... in 21 days")
    r"\b(?:first|largest|biggest|highest|lowest|worst|best|steepest|sharpest|strongest|weakest|only)\b"
    r"(?:(?!\b(?:will|would|shall|plans?\s+to|set\s+to|is\s+to|are\s+to|going\s+to)\b)[^,.;])*$"
)

_FULL_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
)
# The words that may lead a month or weekday name in a phrase ("early March", "by Friday").
_PART_LEAD = (
    r"(?i:early|mid|late|the end of|end of|end-|the beginning of|beginning of|the start of|start of"
    r"|the middle of|middle of)"
)
_MONTH_LEAD = r"(?i:in|since|until|through|by|from|before|after|during|last|next|this)"
_PAIR_LEAD = r"(?i:on|from|last|next|this)"
_WEEKDAY_LEAD = r"(?i:on|by|until|from|last|next|this|since|before|starting|beginning|effective)"
# One pattern per kind of phrase; matches of all kinds are collected, and the longest wins where they overlap.
# Month and weekday names must be capitalised (that is how "May" the month differs from the modal verb), so
# the patterns built on them are case-sensitive, their lead words case-insensitive in (?i:...) groups:
# a pattern compiled with IGNORECASE as a whole ran ten to twenty times slower. The other kinds are blind to
# case: written in lower case, they run on the lowered sentence (same offsets), and their groups are read in
# lower case anyway.
_NAMED = frozenset(
    {
        "part",
        "month_day_range",
        "month_day",
        "day_month",
        "month_year",
        "bare_month",
        "weekday_pair",
        "weekday",
        "q_year",
    }
)
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern))
    for kind, pattern in [
        (
            "part",
            rf"(?P<part>{_PART_LEAD})[\s-]*{_MONTH}(?:,?\s+{_YEAR})?",
        ),
        (
            "month_day_range",
            rf"{_MONTH}\s+{_DAY}\s*(?:-|–|(?i:to|through|and))\s*(?P<day2>[0-3]?\d)\b(?:,?\s+{_YEAR})?",
        ),
        ("month_day", rf"{_MONTH}\s+{_DAY}(?![\d%])(?:,?\s+{_YEAR})?"),
        ("day_month", rf"\b(?P<day>[0-3]?\d)\s+{_FULL_MONTH}(?:,?\s+{_YEAR})?"),
        ("month_year", rf"{_FULL_MONTH}\s+{_YEAR}"),
        (
            "bare_month",
            # "since August last year": the month of the year named after it
            rf"(?P<lead>{_MONTH_LEAD})\s+{_FULL_MONTH}"
            r"(?:\s+(?P<relyear>last|next|this)\s+year\b|(?!\s+(?:[0-3]?\d|(?:19|20)\d\d)))",
        ),
        (
            "weekday_pair",
            rf"(?:(?P<lead>{_PAIR_LEAD})\s+)?{_WEEKDAY}\s+(?:(?i:and|to|through)|-|–)\s+"
            r"(?P<weekday2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
        ),
        ("weekday", rf"(?:(?P<lead>{_WEEKDAY_LEAD})\s+)?{_WEEKDAY}"),
        # "met in Kuala Lumpur over the weekend", "suspended the ban last weekend": the Saturday and Sunday
        (
            "weekend",
            r"\b(?P<rel>(?:over|at|during|on)\s+the|last|this|next|the\s+past|the\s+coming)\s+weekend\b",
        ),
        ("rel_week", r"(?P<rel>this|next|last|the coming|the past)\s+week\b"),
        # "early next month": the part of the month named relative to the published one
        ("rel_month", r"(?:\b(?P<part>early|mid|late)[\s-]+)?(?P<rel>this|next|last|the coming)\s+month\b"),
        ("rel_year", r"\b(?P<rel>this|next|last|the coming|the previous)\s+year\b(?!-)"),
        (
            "period_end",
            r"(?:(?:by|before|at|until|through)\s+)?(?:the\s+)?(?P<end>end of (?:the|this) year|year-end"
            r"|end-year|end of next year|end of the month|end of this month|end of next month"
            # "unless Bern offers better terms before the end of the week": the last day of that week
            r"|end of (?:the|this|next) week\b"
            # "until the end of 2027", "to end-2027": the last days of a year named by its number
            r"|end(?: of |-)(?:19|20)\d\d(?![\d%-]))",
        ),
        # "in early 2026", "by mid-2026", "late 2025": a third of a year named by its number, as "early" is the
        # first third of a month
        ("year_part", r"\b(?P<part>early|mid|late)[\s-]+(?P<year>(?:19|20)\d\d)(?![\d%-])"),
        # "later this month": the rest of it, from the day after publication
        ("later", r"\blater\s+this\s+(?P<unit>week|month|year)\b"),
        # "in the second half of the year", "the first half of 2026"
        (
            "half_year",
            r"\b(?P<half>first|second)\s+half\s+of\s+(?:(?P<rel>the|this|next)\s+year\b|(?P<year>(?:19|20)\d\d)(?![\d%-]))",
        ),
        # "on the first day of next month", "from the start of next month"
        (
            "month_start",
            r"\b(?:the\s+)?(?P<kind>first day|first|start|beginning)\s+of\s+(?P<rel>this|next)\s+month\b",
        ),
        # "at the start of next year": its first days, as "the end of the year" is its last
        (
            "year_start",
            r"\b(?:the\s+)?(?:start|beginning)\s+of\s+(?:(?P<rel>the|this|next)\s+year\b|(?P<year>(?:19|20)\d\d)(?![\d%-]))",
        ),
        ("relday", r"\b(?P<rel>today|tomorrow|yesterday)\b"),
        (
            "duration",
            r"\b(?P<lead>for|within|in|lasting|running)\s+"
            r"(?:(?:another|a further|an additional|the next|the coming)\s+)?"
            rf"{_COUNT}\s+{_UNIT}\b",
        ),
        ("hyphen_duration", r"\b(?P<count>\d{1,3})-(?P<unit>day|week|month)\b"),
        ("quarter", rf"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+{_YEAR})?"),
        ("q_year", rf"\bQ(?P<q>[1-4])\s+{_YEAR}"),
        ("year", rf"\b(?P<lead>in|since|during|by|until|from|through)\s+{_YEAR}(?![\d%-])"),
    ]
]
# Things that look like dates and are not: statute sections, model numbers, rates, round numbers of goods.
# Matched on the lowered sentence: every pattern below that is blind to case is written in lower case and
# compiled without IGNORECASE, which ran several times slower.
_NOT_DATES = re.compile(
    r"\b(?:section|sec\.|article|chapter|title|hts|hs)\s+\d[\d.]*|\b[a-z]{1,3}\d{2,4}[a-z]?\b"
    r"|\d+(?:\.\d+)?\s*(?:%|per\s?cent|percent|pct)|\$\s?\d[\d,.]*"
)
_DIGIT = re.compile(r"\d")
# The sentence speaks of what is to come: its weekdays and bare months are the next ones, not the last.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is to|are to|set to|due to|scheduled to|plans? to|planning to|expected to|next"
    r"|upcoming|is going to|are going to|takes effect|take effect|comes into force|come into force|kicks in"
    r"|begins|starts|is scheduled|are scheduled|would be|on track to|poised to|slated to|likely to"
    # "talks are planned for June", "a vote is set for Friday"
    r"|(?:is|are)\s+(?:planned|scheduled|set|slated|pencill?ed in|penciled in)\s+for"
    # "proposed on Monday to require permits from March": what a proposal would do is to come
    r"|propos(?:ed|es|e)\s+(?:on\s+\w+\s+)?to)\b|'ll\b"
)
_MONTH_CUES = frozenset(
    "january february march april may june july august september october november december jan feb mar apr"
    " jun jul aug sept sep oct nov dec".split()
)
_WEEKDAY_CUES = frozenset(WEEKDAYS)
_KIND_CUES: dict[str, frozenset[str]] = {
    "part": _MONTH_CUES,
    "month_day": _MONTH_CUES,
    "day_month": _MONTH_CUES,
    "month_year": _MONTH_CUES,
    "bare_month": _MONTH_CUES,
    "weekday": _WEEKDAY_CUES,
    "weekday_pair": _WEEKDAY_CUES,
    "month_day_range": _MONTH_CUES,
    "rel_week": frozenset({"week"}),
    "weekend": frozenset({"weekend"}),
    "rel_month": frozenset({"month"}),
    "rel_year": frozenset({"year"}),
    "period_end": frozenset({"end", "year-end", "end-year"}),
    "relday": frozenset({"today", "tomorrow", "yesterday"}),
    "duration": frozenset(
        {"hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"}
    ),
    "hyphen_duration": frozenset({"day", "week", "month"}),
    "year_part": frozenset({"<year>"}),
    "later": frozenset({"later"}),
    "half_year": frozenset({"half"}),
    "month_start": frozenset({"first", "start", "beginning"}),
    "year_start": frozenset({"start", "beginning"}),
    "quarter": frozenset({"quarter"}),
    "q_year": frozenset({"q1", "q2", "q3", "q4"}),
    "year": frozenset({"<year>"}),
}
_YEAR_DIGITS = re.compile(r"\b(?:19|20)\d\d\b")
# Kinds whose every phrase holds a digit (a day, a year, a count in figures): none in a sentence without one.
_DIGIT_KINDS = frozenset(
    {
        "month_day_range",
        "month_day",
        "day_month",
        "month_year",
        "year",
        "q_year",
        "hyphen_duration",
        "year_part",
    }
)
_CUE_WORD = re.compile(r"[A-Za-z][a-z0-9]*(?:-[a-z]+)?")
_ANY_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|week|month|year|today"
    r"|tomorrow|yesterday|days|day|hours|quarter|q[1-4]|19\d\d|20\d\d|end)"
)
_MAY_MODAL = re.compile(r"May\s+(?:be|have|not|also|still|soon|well|impose|raise|face|take|need|seek)\b")


@attrs.frozen
class DateMention:
    start: int
    end: int
    span: DateSpan
    anaphoric: bool = False  # "the same day": the date of a measure stated before


# "Ottawa will drop its duties on the same day": the day of the measure stated just before.
SAME_DAY = re.compile(r"\b(?:on\s+)?(?:the|that)\s+(?:very\s+)?same\s+(?:day|date)\b")


# Month and weekday names, capitalised: a phrase built on one needs it. Each pattern starts with a set of
# letters, so the scan for it is fast, unlike the scans of patterns that start with a lead word ("in", "early").
_MONTH_ANCHOR = re.compile(_MONTH)
_WEEKDAY_ANCHOR = re.compile(_WEEKDAY)


@attrs.frozen
class _Lead:
    """How a kind of phrase that starts with a lead word before a name is found: only in the few characters
    before each name. Scanning the whole sentence with the kind's pattern, which starts with a case-blind
    choice of words, cost more than the rest of the date reading."""

    anchor: re.Pattern[str]  # the name: a month or a weekday, capitalised
    lead: re.Pattern[str]  # the lead words alone
    longest: int  # the longest lead: no match starts farther than that before the white space of its name
    between: str  # characters other than white space that may stand between the lead and the name
    optional: bool  # whether the kind also matches the name alone


_LEADS: dict[str, _Lead] = {
    "part": _Lead(_MONTH_ANCHOR, re.compile(_PART_LEAD), len("the beginning of"), "-", optional=False),
    "bare_month": _Lead(_MONTH_ANCHOR, re.compile(_MONTH_LEAD), len("through"), "", optional=False),
    "weekday_pair": _Lead(_WEEKDAY_ANCHOR, re.compile(_PAIR_LEAD), len("from"), "", optional=True),
    "weekday": _Lead(_WEEKDAY_ANCHOR, re.compile(_WEEKDAY_LEAD), len("beginning"), "", optional=True),
}


def _anchors(masked: str, anchor: re.Pattern[str], cache: dict[re.Pattern[str], list[int]]) -> list[int]:
    found = cache.get(anchor)
    if found is None:
        found = cache[anchor] = [m.start() for m in anchor.finditer(masked)]
    return found


def _lead_matches(
    pattern: re.Pattern[str], lead: _Lead, masked: str, names: list[int]
) -> list[re.Match[str]]:
    """What ``pattern.finditer(masked)`` finds, tried only in the window before each name.

    A match holds a name and starts at most `lead.longest` characters (plus the white space and `between`
    characters) before it, so the first name at or after the scan's position bounds where the next match can
    start; within that window the candidates are the starts of lead words, then the name itself when the lead
    is optional. Matches do not overlap, as with finditer.
    """
    found: list[re.Match[str]] = []
    cur = 0  # where finditer would go on scanning
    for name in names:
        if name < cur:
            continue  # inside the last match
        first = name
        while first > cur and (masked[first - 1].isspace() or masked[first - 1] in lead.between):
            first -= 1
        at = lead.lead.search(masked, max(cur, first - lead.longest), name)
        match = None
        while at is not None and match is None:
            match = pattern.match(masked, at.start())
            if match is None:
                at = lead.lead.search(masked, at.start() + 1, name)
        if match is None and lead.optional:
            match = pattern.match(masked, name)
        if match is not None:
            found.append(match)
            cur = match.end()
    return found


def find_dates(sentence: str, published: date | None, low: str | None = None) -> list[DateMention]:
    """Date phrases in `sentence` (offsets relative to it). Relative phrases need `published`. `low` is the
    sentence lowered with its offsets kept, when the caller has it."""
    if low is None:
        low = lowered(sentence)
    if not _ANY_DATE_WORD.search(low):
        return []
    masked, masked_low = sentence, low  # as written, for the named kinds; lowered, for the others
    digits = _DIGIT.search(sentence) is not None
    if digits:
        spans = [m.span() for m in _NOT_DATES.finditer(low)]
        if spans:
            masked, masked_low = _masked(sentence, spans), _masked(low, spans)
    future = bool(_FUTURE.search(low))
    cues = set(map(str.lower, _CUE_WORD.findall(masked)))
    if digits and _YEAR_DIGITS.search(masked):
        cues.add("<year>")
    matches: list[tuple[int, int, str, re.Match[str]]] = []
    names: dict[re.Pattern[str], list[int]] = {}
    for kind, pattern in _KINDS:
        if not cues & _KIND_CUES[kind]:
            continue  # a kind of phrase whose anchor word the sentence lacks
        if not digits and kind in _DIGIT_KINDS:
            continue
        lead = _LEADS.get(kind)
        found: Iterable[re.Match[str]]
        if lead is None:
            found = pattern.finditer(masked if kind in _NAMED else masked_low)
        else:
            found = _lead_matches(pattern, lead, masked, _anchors(masked, lead.anchor, names))
        for match in found:
            matches.append((match.start(), match.end(), kind, match))
    matches.sort(key=lambda m: (m[0], m[0] - m[1]))
    found_dates: list[DateMention] = []
    last_end = -1
    for start, end, kind, match in matches:
        if start < last_end or not _is_date(match, masked):
            continue
        if (
            kind == "duration"
            and (match.group("lead") or "").lower() == "in"
            and (match.group("unit") or "").lower().startswith(("year", "decade"))
            and _SUPERLATIVE_BEFORE.search(low, max(0, start - 80), start)
        ):
            continue  # "the first visit by a Canadian leader in eight years": eight years gone by, no date
        if kind == "part":
            # "the curbs it imposed in late May": a part of a month is the next one unless a past verb
            # stands right before it (its preposition aside)
            # ("extended until early November" is an end to come, whatever the verb)
            preposition = _PART_PREPOSITION.search(low, max(0, start - 8), start)
            if preposition is not None and preposition.group(1) == "since":
                tense = False  # "in place since late August": a start gone by, as "since August" is
            elif preposition is not None and preposition.group(1) in _ONWARD | {"through"}:
                tense = True
            else:
                tense = _local_tense(low, preposition.start() if preposition else start, True)
        elif (
            kind == "weekday"
            and (
                (match.group("lead") or "").lower() in _ONWARD
                # "starting on Friday", "effective on Monday": the start is in the word before "on"
                or (
                    (match.group("lead") or "").lower() == "on"
                    and _ONWARD_BEFORE_ON.search(low, max(0, start - 16), start) is not None
                )
            )
            and (published is None or WEEKDAYS[match.group("weekday").lower()] != published.weekday())
        ):
            # "is widening the rule from Saturday", "must reply by Friday": a start or a limit is to come
            # unless a past verb stands right before it ("from Friday" on a Friday is that day); "with the increase
            # taking effect on Wednesday" is to come whatever the verb before it
            taking = _TAKING_EFFECT_ON.search(low, max(0, start - 16), start)
            if (
                taking is not None
                and published is not None
                and not _BEGAN_TAKING.search(low, max(0, taking.start() - 16), taking.start())
            ):
                # "with the increase taking effect on Wednesday": whichever Wednesday is nearer the story, told
                # on a Tuesday the next one, on a Friday the one gone by
                weekday = WEEKDAYS[match.group("weekday").lower()]
                tense = (weekday - published.weekday()) % 7 < (published.weekday() - weekday) % 7
            else:
                tense = _local_tense(low, start, True) if future else _no_past_before(low, start)
        elif (
            kind == "bare_month"
            and low.startswith("from ", start)
            and not future
            and not _RANGE_ON.match(low, end)
            and _DECIDED.search(low, max(0, start - 120), start)
            and not _PAST_VERB.search(low, max(0, start - 40), start)
        ):
            # "the Senate approved tariffs on cars from January" (in December): a start decided is the next such
            # month; "has imposed tariffs from January", "took effect from January" stay in the past
            tense = True
        elif kind == "weekday" and low.endswith("earlier ", max(0, start - 8), start):
            tense = False  # "Earlier on Wednesday, China's tariff took effect": a day of the past or the story's own
        elif (match.groupdict().get("lead") or "").lower() == "since":
            # "hit by a 50% tariff since August": a start gone by, whatever the sentence's tense
            tense = False
        elif kind == "weekday" and future and _PAST_VERB_AFTER.match(low, end):
            tense = False  # "the ministry on Monday extended its list": the verb that follows is past
        else:
            tense = _local_tense(low, start, future) if future and kind in _TENSED else future
        # "in place since April 4", told in November: a start gone by, not the next April 4
        # ("took effect on April 4": a verb of what began, in the past, right before its day says the same; not
        # "will be imposed on Aug. 1")
        gone = kind in _ABSOLUTE_DAYS and (
            (match.groupdict().get("lead") or "").lower() == "since"
            or low.endswith("since ", 0, start)
            or _BEGAN_ON.search(low, max(0, start - 40), start) is not None
        )
        span = _resolve(kind, match, sentence[start:end], published, tense, gone=gone)
        if (
            span is not None
            and published is not None
            and kind in _ABSOLUTE_DAYS
            and (next_year := _NEXT_YEAR_AFTER.match(low, end)) is not None
        ):
            # "until Nov. 10 next year": that day of the year after the story's
            try:
                moved = span.start.replace(year=published.year + 1)
                span = DateSpan.day(moved, sentence[start : next_year.end()])
                end = next_year.end()
            except ValueError:  # 29 February
                pass
        if span is not None:
            found_dates.append(DateMention(start, end, span))
            last_end = end
    return _with_weekdays_joined(found_dates, sentence)


# "on Thursday, July 31", "from Monday 4 August": the weekday names the day the date gives.
_WEEKDAY_THEN_DATE = re.compile(r",?\s*\(?")


def _with_weekdays_joined(found: list[DateMention], sentence: str) -> list[DateMention]:
    """A weekday right before a date of that weekday is part of it: one mention, with the date's day
    (whatever the weekday alone would resolve to) and the text of both, so that the words before the weekday
    ("takes effect on") lead to the date."""
    if len(found) < 2:
        return found
    out: list[DateMention] = []
    skip = False
    for d, nxt in zip(found, [*found[1:], None], strict=True):
        if skip:
            skip = False
            continue
        day = _WEEKDAY_WORD.search(sentence, d.start, d.end)
        if (
            nxt is not None
            and day is not None
            and d.span.granularity is Granularity.DAY
            and nxt.span.granularity is Granularity.DAY
            and WEEKDAYS[day.group().lower()] == nxt.span.start.weekday()
            and _WEEKDAY_THEN_DATE.fullmatch(sentence, d.end, nxt.start) is not None
        ):
            out.append(
                DateMention(d.start, nxt.end, attrs.evolve(nxt.span, text=sentence[d.start : nxt.end]))
            )
            skip = True
        else:
            out.append(d)
    return out


_WEEKDAY_WORD = re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")


# Kinds whose year or week depends on the tense: "said on Monday" in a sentence that also says what "will"
# happen is the Monday just past.
_TENSED = frozenset({"weekday", "weekday_pair", "bare_month"})
_STATEMENT_BREAK = re.compile(r"[,;:]|\bbut\b")
_PAST_VERB = re.compile(
    r"\b(?:said|says|told\s+[\w ]{1,25}?|announced|confirmed|signed|met|held|agreed|reached|ended|began"
    r"|took effect(?:\s+at\s+[\d:.apm ]+(?:\w+\s+)?)?|came into (?:force|effect)|went into effect|kicked in|took"
    r"|was|were|had|\w{3,}ed)\s+(?:(?:it|that|a|an|the|its|their)\s+)?$"
)


# A past verb right after a day: "the department on Monday added ...".
_PAST_VERB_AFTER = re.compile(
    r"\s+(?:(?:also|again|formally|quietly|further|abruptly)\s+)?(?:\w{3,}ed|said|met|held|took|signed|set|cut"
    r"|put|made|began)\b"
)


_ONWARD = frozenset({"from", "until", "by", "before", "starting", "beginning", "effective"})
# "approved tariffs ... from January": a start decided, not one that took place
_DECIDED = re.compile(
    r"\b(?:approved|announced|unveiled|decided|agreed|signed|passed|voted|set|adopted|published|ordered)\b"
)
_RANGE_ON = re.compile(r"\s+(?:to|through|until|till|and)\s")  # "from January to May": a span gone by
# ("with the increase taking effect on Wednesday", told on a Tuesday: the Wednesday to come)
_ONWARD_BEFORE_ON = re.compile(r"\b(?:starting|beginning|effective|taking\s+effect|kicking\s+in)\s+$")
_TAKING_EFFECT_ON = re.compile(r"\b(?:taking\s+effect|kicking\s+in)\s+$")
# "began taking effect on Wednesday", "which started kicking in on Monday": a start gone by
_BEGAN_TAKING = re.compile(r"\b(?:began|begun|started|was|were|had\s+been|has\s+been)\s+$")
_PART_PREPOSITION = re.compile(r"\b(in|since|from|by|until|through|before)\s+$")
_TO_BE = re.compile(r"\b(?:will|would|shall|to|'ll)\s+(?:be|have been)\s+$")


_ANY_PAST = re.compile(
    # (not where goods come from: "electric cars made in China from Wednesday")
    r"\b(?!(?:made|produced|manufactured|assembled|built|grown)\s+(?:in|by|at)\b)"
    r"(?:\w{3,}ed|said|was|were|had|took|began|came|went|met|set|cut|put|kept|made|ran|paid)\b"
)


def _no_past_before(low: str, start: int) -> bool:
    """Whether the statement that holds a date at `start` has no past-tense verb before it (a participle after
    "is" or "are", "the goods are covered from Monday", is no past)."""
    window_start = max(0, start - 80)
    for m in _STATEMENT_BREAK.finditer(low, window_start, start):
        window_start = m.end()
    return not any(
        not _PASSIVE_AUX.search(low, max(0, m.start() - 12), m.start())
        for m in _ANY_PAST.finditer(low, window_start, start)
    )


_PASSIVE_AUX = re.compile(r"\b(?:is|are|be|being|gets?)\s+$")


# A meeting a statement follows, and a report in the past that it did: "reached a deal after talks in Seoul on
# Thursday and Friday, he said".
_AFTER_MEETING = re.compile(
    r"\b(?:after|following)\s+(?:[\w-]+\s+){0,4}?(?:talks|negotiations|meetings?)\s+(?:in\s+[\w.-]+(?:\s+[\w.-]+)?\s+)?$"
)
_REPORTED_PAST = re.compile(r"\b(?:said|reached|agreed|struck|announced|signed|concluded)\b")


def _local_tense(low: str, start: int, future: bool) -> bool:
    """The tense of the statement that holds a date at `start`: a past verb right before it ("said on Monday",
    "met on Friday") speaks of the past, whatever the rest of the sentence says will happen."""
    window_start = max(0, start - 60)
    for m in _STATEMENT_BREAK.finditer(low, window_start, start):
        window_start = m.end()
    window = low[window_start:start]
    past = _PAST_VERB.search(window) or _DONE_WHERE_OR_BY.search(window)
    if past is not None and not _TO_BE.search(window, 0, past.start()):
        return False
    if future and _AFTER_MEETING.search(window) and _REPORTED_PAST.search(low):
        return False  # "said they would work on a deal, after talks in Seoul on Thursday": the talks are over
    wide_start = max(0, start - 100)
    for m in _STATEMENT_BREAK.finditer(low, wide_start, start):
        wide_start = m.end()
    wide = low[wide_start:start]
    relative = _PRONOUN_PAST.search(wide) if future else None
    if relative is not None and not _FUTURE.search(wide, relative.start()):
        return False
    if future and _PAST_FORM.search(wide) and not _FUTURE.search(wide):
        # "removed tariffs on a range of farm goods on Monday and will keep suspending ...": the statement that
        # holds the date is in the past, whatever the sentence goes on to say will happen
        return False
    return future


# A past verb of the statement; not a participle that describes goods ("cars imported from China on Friday").
_PAST_FORM = re.compile(
    r"\b(?:\w{3,}ed|took|met|held|began|struck|said|told|rose|fell)\b"
    r"(?!\s+(?:from|in|into|by|at|under|for|to|since|as|on|with)\b)"
)
# "a deal announced by President Donald Trump on Wednesday", "a deal struck in Washington on Tuesday": a
# participle, then who made it or where, right before the date
_WITH_A_LEADER = (
    r"with\s+(?:the\s+)?(?:[\w-]+\s+)?(?:president|prime\s+minister|premier|chancellor|minister|secretary"
    r"|vice\s+premier|commissioner|leader|counterpart)\s+(?:[\w.'’-]+\s+){0,3}?"
)
_DONE_WHERE_OR_BY = re.compile(
    # ("made" in China is where goods come from: "electric cars made in China from Wednesday")
    r"\b(?:announced|unveiled|struck|reached|signed|sealed|agreed|concluded|imposed|issued|published"
    r"|made(?!\s+in\b))"
    # "a deal Carney struck with President Xi Jinping (in Beijing) on Friday": with whom, then where (a leader or
    # minister by title: not "announced with effect from Monday")
    r"\s+(?:" + _WITH_A_LEADER + r"(?:on\s+)?$|(?:" + _WITH_A_LEADER + r")?(?:by|in|at)\s+"
    r"(?:(?!(?:will|would|shall|to|is|are|was|were|be|take|takes|apply|applies|come|comes)\b)"
    r"[\w.'’-]+\s+){1,4}?(?:on\s+)?$)"
)
# "will roll back the tariffs they imposed on each other in April": a verb after its pronoun is finite, and the
# relative clause it opens is in the past, whatever the sentence says will happen
_PRONOUN_PAST = re.compile(
    r"\b(?!(?:says|was|has|is|as|this|its|us|yes|does)\b)[a-z]{3,}s\s+(?:they|it|we)\s+"
    r"(?:\w{3,}ed|took|met|held|began|struck)\b[^,;]*$"
)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append("#" * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _is_date(match: re.Match[str], masked: str) -> bool:
    month = match.groupdict().get("month")
    if month is None:
        return True
    if not month[0].isupper():
        return False  # "may" the modal verb, "march" the verb
    return not (month == "May" and _MAY_MODAL.match(masked, match.start("month")))


_ABSOLUTE_DAYS = frozenset({"month_day", "day_month", "month_day_range"})
_NEXT_YEAR_AFTER = re.compile(r",?\s+(?:of\s+)?next\s+year\b")
_BEGAN_ON = re.compile(
    r"(?<!will )(?<!would )(?<!to )\b(?:took effect|came into (?:force|effect)|went into (?:force|effect)|kicked in"
    r"|began|started)\s+(?:on\s+)?$"
)


def _resolve(
    kind: str, m: re.Match[str], text: str, published: date | None, future: bool, *, gone: bool = False
) -> DateSpan | None:
    g = m.groupdict()
    try:
        if kind == "part":
            month = MONTHS[g["month"].lower().rstrip(".")]
            year = int(g["year"]) if g["year"] else _year_for_month(month, published, future=future)
            if year is None:
                return None
            part = g["part"].lower()
            if "mid" in part or "middle" in part:
                return DateSpan.part_of_month(year, month, "mid", text)
            if "end" in part or "late" in part:
                return DateSpan.part_of_month(year, month, "late", text)
            return DateSpan.part_of_month(year, month, "early", text)
        if kind in ("month_day", "day_month"):
            return _absolute_day(m, text, published, gone=gone)
        if kind == "month_day_range":
            first = _absolute_day(m, text, published, gone=gone)
            if first is None or int(g["day2"]) <= first.start.day:
                return first
            end = first.start.replace(day=int(g["day2"]))
            return DateSpan(start=first.start, end=end, granularity=Granularity.DAY, text=text)
        if kind == "weekday_pair":
            first_day = _weekday(g["weekday"].lower(), text, published, future)
            if first_day is None:
                return None
            gap = (WEEKDAYS[g["weekday2"].lower()] - first_day.start.weekday()) % 7
            start, end = first_day.start, first_day.start + timedelta(days=gap)
            if not future and published is not None and end > published:
                # "met on Friday and Saturday", told on a Friday: the last such pair that is over
                start, end = start - timedelta(days=7), end - timedelta(days=7)
            return DateSpan(start=start, end=end, granularity=Granularity.DAY, text=text)
        if kind == "month_year":
            return DateSpan.month(int(g["year"]), MONTHS[g["month"].lower()], text)
        if kind == "weekday":
            return _weekday(g["weekday"].lower(), text, published, future)
        if kind == "q_year":
            return DateSpan.quarter(int(g["year"]), int(g["q"]), text)
        if kind == "year":
            return DateSpan.year(int(g["year"]), text)
        if kind == "year_part":
            opening = {"early": 1, "mid": 5, "late": 9}[g["part"].lower()]
            year = int(g["year"])
            closing = date(year, opening + 4, 1) - timedelta(days=1) if opening < 9 else date(year, 12, 31)
            return DateSpan(
                start=date(year, opening, 1), end=closing, granularity=Granularity.MONTH, text=text
            )
        if kind == "year_start" and g["year"]:
            return DateSpan.part_of_month(int(g["year"]), 1, "early", text)
        if published is None:
            return None
        if kind == "bare_month":
            month = MONTHS[g["month"].lower()]
            lead = g["lead"].lower()
            if g["relyear"]:
                year = published.year + {"last": -1, "next": 1}.get(g["relyear"], 0)
            elif lead == "last":
                year = published.year if month < published.month else published.year - 1
            elif lead == "next":
                year = published.year if month > published.month else published.year + 1
            else:
                ahead = future or lead in ("until", "by", "through", "before")
                year = _year_for_month(month, published, future=ahead) or published.year
            return DateSpan.month(year, month, text)
        if kind == "rel_week":
            shift = {"next": 7, "the coming": 7, "last": -7, "the past": -7}.get(g["rel"].lower(), 0)
            return DateSpan.week_of(published + timedelta(days=shift), text)
        if kind == "rel_month":
            shift = {"next": 1, "the coming": 1, "last": -1}.get(g["rel"].lower(), 0)
            year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
            if g["part"]:
                return DateSpan.part_of_month(year, month + 1, g["part"].lower(), text)
            return DateSpan.month(year, month + 1, text)
        if kind == "rel_year":
            shift = {"next": 1, "the coming": 1, "last": -1, "the previous": -1}.get(g["rel"].lower(), 0)
            return DateSpan.year(published.year + shift, text)
        if kind == "period_end":
            phrase = g["end"].lower()
            if "week" in phrase:
                last = DateSpan.week_of(published + timedelta(days=7 if "next" in phrase else 0)).end
                return DateSpan.day(last, text)
            if "month" in phrase:
                shift = 1 if "next" in phrase else 0
                year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
                return DateSpan.part_of_month(year, month + 1, "late", text)
            named = re.search(r"\d{4}", phrase)
            if named is not None:
                return DateSpan.part_of_month(int(named.group()), 12, "late", text)
            return DateSpan.part_of_month(published.year + ("next" in phrase), 12, "late", text)
        if kind == "year_start":
            return DateSpan.part_of_month(published.year + (g["rel"].lower() == "next"), 1, "early", text)
        if kind == "later":
            unit = g["unit"].lower()
            if unit == "week":
                last = DateSpan.week_of(published).end
            elif unit == "month":
                last = DateSpan.month(published.year, published.month).end
            else:
                last = date(published.year, 12, 31)
            granularity = Granularity.WEEK if unit == "week" else Granularity.PART_OF_MONTH
            if unit == "year":
                granularity = Granularity.MONTH
            return DateSpan(
                start=min(published + timedelta(days=1), last), end=last, granularity=granularity, text=text
            )
        if kind == "half_year":
            year = int(g["year"]) if g["year"] else published.year + (g["rel"].lower() == "next")
            if g["half"].lower() == "first":
                return DateSpan(
                    start=date(year, 1, 1), end=date(year, 6, 30), granularity=Granularity.QUARTER, text=text
                )
            return DateSpan(
                start=date(year, 7, 1), end=date(year, 12, 31), granularity=Granularity.QUARTER, text=text
            )
        if kind == "month_start":
            shift = 1 if g["rel"].lower() == "next" else 0
            year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
            if g["kind"].lower() in ("first day", "first"):
                return DateSpan.day(date(year, month + 1, 1), text)
            return DateSpan.part_of_month(year, month + 1, "early", text)
        if kind == "weekend":
            rel = " ".join(g["rel"].lower().split())
            ahead = rel in ("next", "the coming") or (rel == "this" and future)
            weekday = published.weekday()
            if ahead:
                saturday = published + timedelta(days=(5 - weekday) % 7 or 7)
            else:
                # the weekend gone by, or the one of a story told on it
                saturday = published - timedelta(days=(weekday - 5) % 7)
            return DateSpan(
                start=saturday, end=saturday + timedelta(days=1), granularity=Granularity.DAY, text=text
            )
        if kind == "relday":
            shift = {"today": 0, "tomorrow": 1, "yesterday": -1}[g["rel"].lower()]
            return DateSpan.day(published + timedelta(days=shift), text)
        if kind in ("duration", "hyphen_duration"):
            return DateSpan.day(published + timedelta(days=days_of(_count(g["count"]), g["unit"])), text)
        if kind == "quarter":
            q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["q"].lower()) or int(g["q"][0])
            return DateSpan.quarter(int(g["year"]) if g["year"] else published.year, q, text)
    except (ValueError, OverflowError):
        return None
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def days_of(count: int, unit: str) -> int:
    """The days of a length: "90 days", "two weeks", "24 hours" (the day they run out)."""
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return -(-count // 24)  # "within 24 hours": the day the hours run out
    return count * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]


def _year_for_month(month: int, published: date | None, *, future: bool) -> int | None:
    if published is None:
        return None
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _absolute_day(
    m: re.Match[str], text: str, published: date | None, *, gone: bool = False
) -> DateSpan | None:
    month = MONTHS[m.group("month").lower().rstrip(".")]
    day = int(m.group("day"))
    year = m.group("year")
    if year is not None:
        return DateSpan.day(date(int(year), month, day), text)
    if published is None:
        return None
    # No year given: the occurrence nearest to publication.
    candidates = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:  # 29 February
            continue
    if not candidates:
        return None
    past = [d for d in candidates if d <= published]
    if gone and past:
        return DateSpan.day(past[-1], text)  # the statement says it is gone by: the latest before the story
    return DateSpan.day(min(candidates, key=lambda d: abs((d - published).days)), text)


_ONWARD_WORD = re.compile(r"(?:from|starting|beginning|effective)\s")


def _weekday(name: str, text: str, published: date | None, future: bool) -> DateSpan | None:
    if published is None:
        return None
    target = WEEKDAYS[name]
    lowered = text.lower()
    ahead = "next" in lowered or (future and "last" not in lowered)
    if ahead:
        # "from Tuesday" in a story of a Tuesday, of a step to come: that very day (but "next Tuesday" is a week on)
        # ("takes effect on Thursday" in a story of a Thursday: wire copy names the day itself by its weekday)
        today = "next" not in lowered and (
            _ONWARD_WORD.match(lowered) is not None or lowered.startswith("on ")
        )
        delta = (target - published.weekday()) % 7 or (0 if today else 7)
        return DateSpan.day(published + timedelta(days=delta), text)
    delta = (published.weekday() - target) % 7
    return DateSpan.day(published - timedelta(days=delta), text)
