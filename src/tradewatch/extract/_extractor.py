"""The built-in extractor: sentences -> clauses -> events, then one event per measure per item."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

import attrs

from tradewatch.model import (
    DateSpan,
    Event,
    ExportControl,
    Granularity,
    Item,
    Negotiation,
    Rate,
    Tariff,
    Threat,
    Truce,
)

from . import _lexicon as lex
from ._actors import find_actors
from ._dates import SAME_DAY, DateMention, find_dates
from ._lexicon import VENUES
from ._numbers import NUMBER_WORDS, find_percents
from ._rules import (
    REPORTED,
    SUPERSEDED,
    THREATENED_BEFORE,
    TIME_CLAUSE,
    WARNING_AFTER,
    Clause,
    Context,
    acting_codes,
    earlier_duty_exemptions,
    export_controls,
    first_actor,
    listed_entities,
    negotiations,
    promises_a_reply,
    purchase_demands,
    rates_by_country,
    tariffs,
    threat_joined_to_measure,
    threats,
    truces,
)
from ._text import DATELINE, RewrittenText, blank_markup, lowered, rewritten, sentences

# One quick test per sentence: most sentences of a news item name no measure and cost only this. A word's
# first five letters are looked up in a set (a scan with a regular expression of all trigger words cost
# five times as much); every builder then applies its own exact patterns.
_TRIGGER_STEMS = frozenset(
    w[:5]
    for w in """tariff duty duties levy levies surtax surcharge antidumping anti-dumping countervailing export
    exports licence license licences licenses licensing entity unverified blacklist embargo ban bans banned
    halt halted curb curbs restrict restricted restrictions block blocked prohibit prohibited bar barred hold spoke
    whitelist white
    holding held withhold withheld truce ceasefire cease-fire detente détente talks negotiate negotiation
    negotiations negotiators round consultations dialogue discussions deal deals agreement pact pacts framework met meet
    meets meeting threat threaten threatened warn warned vow vowed ultimatum unless else otherwise if should
    sanction sanctions asked urged pressed pushed told called sales shipments supplies stop stopped suspend
    suspended limit limits permit permits allow let exempt exempted spared excluded dispute import
    countermeasures retaliate reprisal reviews checks scrutiny vetting covered moratorium pause necessary
    respond""".split()
)
# The first five letters of each word (a run of [a-zé-]), cut by the pattern itself rather than word by word
# in Python.
_STEM = re.compile(r"([a-zé-]{1,5})[a-zé-]*")


def _has_trigger(sentence: str) -> bool:
    return _has_trigger_lower(sentence, sentence.lower())


def _has_trigger_lower(sentence: str, lower: str) -> bool:
    # A percentage is a trigger on its own, however its unit is written: "imports from Vietnam and Taiwan 20%",
    # "charging 25 per cent on steel".
    return (
        "%" in sentence
        or "per cent" in lower
        or "percent" in lower
        # "rules to cut China off from advanced computing chips"
        or " off from " in lower
        # "said on Monday after a call with Trump": leaders talking (not every "called")
        or " call with " in lower
        or " call between " in lower
        or not _TRIGGER_STEMS.isdisjoint(_STEM.findall(lower))
    )


_EFFECT = re.compile(
    r"\b(?:with effect(?: from)?|take effect|takes effect|took effect|taking effect|come into force|comes into force"
    r"|came into force|enter into force|enters into force|entered into force|come into effect|comes into effect"
    r"|came into effect|effective|kick in|kicks in|kicked in|go into effect"
    r"|goes into effect|went into effect|start(?:s|ed)? to apply|appl(?:y|ies|ied)(?! for\b)|would apply|applied from"
    r"|retroactive(?:ly)?|backdated"
    # "The baseline duty will be collected from Saturday": the day collection begins
    r"|(?:be|is|are|being)\s+collected)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
# A sentence that asks, from its first word ("Could a second Trump term bring 60% tariffs on China?"), not one that
# states and then asks ("Trump imposes 50% tariffs on Brazil - what happens next?")
_QUESTION = re.compile(
    r"[\"“‘']?(?:will|would|could|can|should|shall|is|are|was|were|does|do|did|has|have|what|why|how|who|when"
    r"|where)\b[^?]*\?[\"'”’)\]]*\s*$",
    re.IGNORECASE,
)
# Words that link a sentence to the story before it and say nothing of the measure it states.
_DISCOURSE_LEAD = re.compile(
    r"(?:Separately|Meanwhile|However|Also|In addition|Additionally|Moreover|Furthermore|Still|Instead|Elsewhere"
    r"|Likewise|Similarly|Nonetheless|Nevertheless|Besides|Indeed|In turn"
    r"|In a separate (?:move|statement|decision|announcement|development))\s*,\s+"
)
_SINCE = re.compile(r"\b(?:[Ss]ince|ever since)\s*$")
_EXEMPTION = re.compile(r"\b(?:[Ee]xempt|[Ee]xclu|[Ww]aiver)")
_CLOCK = re.compile(r"\b[ap]\.m\.", re.IGNORECASE)
_TALKS = re.compile(
    r"\b(?:talks|negotiations|round of|(?:deal|agreement|pact) (?:reached|struck|sealed|clinched)"
    r" (?:by|in|at|on|last|this|earlier)"
    # "agreed to a truce after Trump met Xi in Busan": the leaders' meeting is talks of its own
    r"|(?:after|when|as|since)\s+(?:[\w.'-]+\s+){1,6}?(?:met|meets|meeting)\b"
    # "Trump and Xi met in Buenos Aires and agreed a truce": the leaders' meeting where it was agreed
    r"|\bmet\s+(?:in|at)\s+(?-i:[A-Z])[\w-]*|\bspok(?:e|en)\s+(?:by|on the)\s+(?:tele)?phone"
    # "agreed at a meeting in Osaka to a truce", "the outcome of Thursday's meeting between Trump and Xi"
    r"|(?:at|after|following)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+)?(?:meeting|summit)\b|\bmeeting between\b"
    # "won a reprieve after a phone call between Presidents Sheinbaum and Trump": the call is talks of its own
    r"|(?:after|following)\s+(?:a|an|the|their)\s+(?:(?:phone|telephone|video)\s+)?call\s+(?:with|between)\b"
    # "agreed over dinner in Buenos Aires to a 90-day truce": the leaders' dinner is talks of its own
    r"|(?<!said\s)\bover\s+(?:a\s+|their\s+)?(?:working\s+)?(?:dinner|lunch)\s+(?:in|at)\b)\b",
    re.IGNORECASE,
)
# Searched on the lowered text, without IGNORECASE: a pattern that starts with a choice of plain letters is
# scanned for those letters alone, several times faster than a case-blind scan.
_EFFECT_WORD = re.compile(r"effect|force|kick|appl[yi]|retroactiv|collected")
_AUTHORITY = re.compile(
    r"\bSection\s+(?:232|301|201|122)\b|\bIEEPA\b|\bInternational Emergency Economic Powers Act\b"
)
_log = logging.getLogger(__name__)
# Characters of one item that are read. News items are a few kilobytes; a megabyte-long "item" is a
# document dump, and reading its first quarter megabyte bounds the time one item can take.
MAX_TEXT = 262_144


Builder = Callable[[Clause, Context], list[Any]]


@attrs.frozen
class RuleBasedExtractor:
    """Pure-Python, deterministic extraction by patterns and a gazetteer; no model, no downloads.

    Thread-safe and stateless: one instance may serve every thread of a process.
    """

    def extract(self, item: Item) -> list[Event]:
        return self.extract_text(
            item.text or item.title,
            title=item.title,
            published=item.published,
            source=item.source,
            item_id=item.id,
            url=item.url,
        )

    def extract_text(
        self,
        text: str,
        *,
        title: str | None = None,
        published: datetime | date | None = None,
        source: str | None = None,
        item_id: str | None = None,
        url: str | None = None,
    ) -> list[Event]:
        """The events `text` states. Relative dates ("on Monday") resolve only when `published` is given."""
        if not isinstance(text, str) or not text.strip():
            return []
        text = text[:MAX_TEXT]
        read_as = rewritten(text)
        stated, denied = self._read_text(
            read_as.text if read_as else text,
            title=title,
            published=published,
            source=source,
            item_id=item_id,
            url=url,
        )
        if read_as is not None:
            stated = [_as_written(event, text, read_as) for event in stated]
        if not stated and not denied and title and title.strip() and title not in text:
            # A feed's summary is often a teaser ("What the new duties mean for exporters") and only the
            # headline states the news: read when the text states nothing, less surely than a full sentence.
            headline = self.extract_text(title, published=published, source=source, item_id=item_id, url=url)
            stated = [_less_sure(e, _HEADLINE_CONFIDENCE) for e in headline]
        return stated

    def _read_text(
        self,
        text: str,
        *,
        title: str | None,
        published: datetime | date | None,
        source: str | None,
        item_id: str | None,
        url: str | None,
    ) -> tuple[list[Event], bool]:
        """The events of `text`, and whether it denied a measure ("will not impose tariffs")."""
        day, stamp = _published(published)
        readable = blank_markup(text)
        context = Context(
            published=day,
            evidence={"item_id": item_id, "url": url, "source": source, "published": stamp},
            item_text=text,
            main_actors=[],
        )
        clauses: list[tuple[Clause, list[str]]] = []  # with the jurisdictions each names as acting
        counts: Counter[str] = Counter()
        dates_of: dict[tuple[int, int], list[DateMention]] = {}
        dateline = DATELINE.match(readable)
        dateline_end = dateline.end() if dateline else 0
        spans = list(sentences(readable))

        def _date_before(at: int) -> DateSpan | None:
            """The date of the last measure stated in the few sentences before `at`."""
            earlier = [(s, e) for s, e in spans if s < at and e > dateline_end][-3:]
            for s, e in reversed(earlier):
                s = max(s, dateline_end)
                found = dates_of.get((s, e))
                if found is None:
                    found = find_dates(readable[s:e], day)
                low_s = lowered(readable[s:e])
                meant = _dated_measure(low_s, [d for d in found if not _reporting(low_s, d.start)])
                if meant is not None:
                    return meant.span
            return None

        for start, end in spans:
            sentence = readable[start:end]
            lower = sentence.lower()
            if not _has_trigger_lower(sentence, lower):
                if start == 0 or len(clauses) < 2:
                    counts.update(m.code for m in find_actors(sentence))
                continue
            if _QUESTION.match(sentence):
                continue  # "Could a second Trump term bring 60% tariffs on China?": a question states nothing
            # The dateline ("BUENOS AIRES, Dec 2 -") says where the story was filed, not who acts.
            actors = tuple(m for m in find_actors(sentence) if start + m.start >= dateline_end)
            clause_text = text[start:end]
            low = lower if len(lower) == len(sentence) else lowered(sentence)
            clause = Clause(
                text=clause_text,
                low=low if readable is text else lowered(clause_text),
                offset=start,
                actors=actors,
                read_dates=_date_reader(
                    sentence, low, start, end, day, dateline_end, dates_of, partial(_date_before, start)
                ),
                percents=tuple(find_percents(sentence, low)),
            )
            lead = _DISCOURSE_LEAD.match(sentence)
            if lead is not None:
                # "Separately, the EU on Tuesday imposed duties ...": the statement starts after the word that links
                # it to the story (the evidence still quotes the whole sentence)
                clause = clause.part(lead.end(), len(clause.text))
            acting = acting_codes(clause)
            counts.update(acting)
            clauses.append((clause, acting))
        if title:
            counts.update(m.code for m in find_actors(title))
        context.main_actors = [code for code, _ in counts.most_common() if code != "*"]
        if dateline:
            city = dateline.group(1).strip().title()
            context.dateline_city = city if city.lower() in VENUES else None
            found = find_actors(city)
            context.dateline = found[0].code if found else None
        events: list[Event] = []
        for clause, acting in clauses:
            try:
                stated = _read(clause, context)
                if stated and _SPECULATED.search(clause.low):
                    stated = [e for e in stated if not _only_supposed(e)]
                events.extend(stated)
            except ValueError:  # pragma: no cover - a rule that built an invalid event; skip the sentence
                _log.debug("no events from sentence at %d", clause.offset, exc_info=True)
            context.recent = acting[::-1] + context.recent[:4]
            person = next((m.code for m in reversed(clause.actors) if m.kind == "person"), None)
            context.last_person = person or context.last_person
        events = _undated_by_start(_named_sets(events, context.counted_sets))
        events = _spread_over_countries_named(events, readable, spans)
        stated = _fill_from_item(
            merge(_without_exempted_sources(events)),
            readable,
            spans,
            dateline_end,
            day,
            dates_of,
            context.acted_days,
        )
        return stated, context.denied


#: How much surer a sentence of the text is than the same words in a headline, which drops the details that
#: qualify a statement ("considers", "if talks fail") to fit its space.
_HEADLINE_CONFIDENCE = 0.8


def _as_written(event: Event, text: str, read_as: RewrittenText) -> Event:
    """`event` read from `read_as.text`, its evidence (and a threat's condition) quoted from `text` as written."""
    evidence = event.evidence
    start, end = read_as.original(evidence.start), read_as.original(evidence.end)
    changes: dict[str, Any] = {
        "evidence": attrs.evolve(evidence, sentence=text[start:end], start=start, end=end)
    }
    condition = getattr(event, "condition", None)
    if condition and (at := evidence.sentence.find(condition)) >= 0:
        at += evidence.start
        changes["condition"] = text[read_as.original(at) : read_as.original(at + len(condition))]
    for name in ("effective", "until", "when", "deadline"):
        span = getattr(event, name, None)
        if not isinstance(span, DateSpan) or not span.text:
            continue
        # The words of the date as the text wrote them: the very slice, when the date stands in the evidence
        # ("on Thursday at 12:01 a.m. on Friday" read without its hour), else its rewritten phrases put back.
        at = evidence.sentence.find(span.text)
        if at >= 0 and read_as.text.startswith(span.text, evidence.start + at):
            at += evidence.start
            written = text[read_as.original(at) : read_as.original(at + len(span.text))]
        else:
            written = read_as.as_written(span.text)
        changes[name] = attrs.evolve(span, text=written)
    measure = getattr(event, "measure", None)
    if measure is not None:
        changes["measure"] = _as_written(measure, text, read_as)  # a threat's measure quotes its own evidence
    return attrs.evolve(event, **changes)


def _less_sure(event: Event, factor: float) -> Event:
    evidence = event.evidence
    return attrs.evolve(
        event, evidence=attrs.evolve(evidence, confidence=round(evidence.confidence * factor, 3))
    )


def _date_reader(
    sentence: str,
    low: str,
    start: int,
    end: int,
    day: date | None,
    dateline_end: int,
    dates_of: dict[tuple[int, int], list[DateMention]],
    before: Callable[[], DateSpan | None],
) -> Callable[[], tuple[DateMention, ...]]:
    """Reads the dates of the sentence at `start`:`end` when a rule first asks for them, leaving them in
    `dates_of` for `_fill_from_item`; a date inside the dateline is when the story was filed, not news.
    "The same day" takes the date of the measure stated before it (`before` finds one in earlier sentences)."""

    def read() -> tuple[DateMention, ...]:
        found = dates_of[start, end] = find_dates(sentence, day, low)
        if "same" in low:
            found = dates_of[start, end] = _with_same_day(low, found, before)
        return tuple(d for d in found if start + d.start >= dateline_end)

    return read


def _reporting(low: str, at: int) -> bool:
    return bool(REPORTED.search(low, max(0, at - 40), at) or SUPERSEDED.search(low, max(0, at - 60), at))


def _with_same_day(
    low: str, found: list[DateMention], before: Callable[[], DateSpan | None]
) -> list[DateMention]:
    out = list(found)
    for m in SAME_DAY.finditer(low):
        if any(d.start < m.end() and m.start() < d.end for d in found):
            continue
        earlier = _dated_measure(
            low, [d for d in found if d.end <= m.start() and not _reporting(low, d.start)]
        )
        span = earlier.span if earlier else before()
        if span is not None:
            text = m.group().removeprefix("on ").strip()
            out.append(DateMention(m.start(), m.end(), attrs.evolve(span, text=text), anaphoric=True))
    return sorted(out, key=lambda d: d.start)


# The day a decision was taken, not the day its measure applies: "will double on Jan. 1, under increases that
# Washington decided in May. Duties on wafers will also rise on the same date" points at Jan. 1.
_DECIDED_ON = re.compile(
    r"\b(?:decided|announced|agreed|approved|ordered|signed|unveiled|proposed|adopted|since)\s+(?:\w+\s+)?"
    r"(?:in|on|last|earlier)?\s*$"
)


def _dated_measure(low: str, found: list[DateMention]) -> DateMention | None:
    """Of the dates of a passage, the one "the same day" refers back to: the last, unless it is the day of a
    decision or of a standing measure's start and another date of the passage remains."""
    for d in reversed(found):
        if not _DECIDED_ON.search(low, max(0, d.start - 40), d.start):
            return d
    return found[-1] if found else None


def _published(value: datetime | date | None) -> tuple[date | None, datetime | None]:
    if value is None:
        return None, None
    if isinstance(value, datetime):
        stamp = value if value.utcoffset() is not None else value.replace(tzinfo=UTC)
        return stamp.date(), stamp
    return value, datetime(value.year, value.month, value.day, tzinfo=UTC)


# Where one sentence joins two statements: "lifted its ban on X, but is still holding back Y".
# "imposed export controls on tungsten and bismuth, and added two firms to its entity list": a second verb
# of the same subject after ", and" starts a statement of its own.
_JOIN = re.compile(
    # Every join starts with a comma, a semicolon or white space: tested first, a position that holds none of
    # them costs one test instead of one per alternative (the scan takes a third less time).
    r"(?=[\s,;])(?:"
    r",?\s+but\s+|;\s+|,\s+while\s+|,\s+whereas\s+|,\s+and\s+(?=[A-Z]|it\b|the\b)"
    # "U.S. tariffs on Chinese goods would total 55% while Chinese levies on American goods would stay at 10%"
    r"|\s+(?:while|whereas)\s+(?=[A-Z])"
    r"|,\s+and\s+(?:also\s+|then\s+)?(?=(?:added|placed|put|imposed|banned|lifted|removed|suspended|extended"
    r"|raised|cut|lowered|halted|restricted|tightened|eased|relaxed|blacklisted|announced|scrapped|dropped"
    r"|exempted|paused|will|would|plans|is|are|has|have"
    # "raised its tariff on Canadian goods to 35%, and applies a 50% tariff on steel from all countries"
    r"|applies|charges|levies|keeps|maintains"
    # "follows curbs on X, and comes days after Y widened its own": what the move follows is another measure
    r"|comes|came|follows|followed)\b)"
    # "Vietnam will pay 20%, and goods transshipped through the country will be charged 40%": goods that open a
    # statement of their own, with the rate they will pay
    r"|,\s+and\s+(?=(?:[a-z][\w-]*\s+){1,6}?(?:will|would|must|should)\s+(?:also\s+)?(?:be\s+)?(?:charged|taxed"
    r"|face|pay)\b)"
    # "halved a tariff to 10% and Beijing suspended its curbs": a named subject and its own verb
    r"|\s+and\s+(?=[A-Z][\w.'’-]+\s+(?:also\s+)?(?:[a-z]+ed|will|would|has|have|is|are|said)\b)"
    # "removed tariffs of up to 15% on Monday and will keep suspending its 24% tariff", "cuts the tariff on
    # cars to 10% and removes duties on steel": the same subject's second statement of a measure
    r"|\s+and\s+(?=(?:will|would)\s+(?:also\s+)?(?:keep|continue|lift|remove|raise|cut|lower|impose|suspend"
    r"|extend|scrap|drop|add|ban|restrict|ease|relax|tighten|exempt|pause)\b"
    r"|(?:removes|lifts|raises|cuts|lowers|imposes|suspends|extends|scraps|drops|exempts|pauses|eases"
    r"|removed|lifted|scrapped|dropped|exempted|paused|eased|tightened|imposed|widened|expanded|restricted|placed"
    r"|put|added|banned)"
    r"\s+(?:its|their|the|a|an|all|duties|tariffs|levies|curbs|controls|licen[cs]es?|export)\b)"
    r")"
)


def _by_part(builder: Builder, trigger: re.Pattern[str], clause: Clause, context: Context) -> list[Any]:
    """Run `builder` on each joined statement of the sentence when more than one names the measure."""
    # The joins are found once per sentence, for the three builders that split it.
    bounds = [0, *(x for m in clause.text_matches(_JOIN) for x in (m.start(), m.end())), len(clause.text)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if len(parts) > 1 and _named_twice(trigger, clause.low, parts):
        read: list[Any] = []
        previous: tuple[int, int] | None = None
        for a, b in parts:
            # "Washington raised its tariff on Canadian goods ..., and applies a 50% tariff on steel": a statement
            # that opens with its verb has the subject of the one before
            context.joined_subject = (
                _subject_of(clause.part(*previous))
                if previous and _OPENS_WITH_VERB.match(clause.low, a)
                else None
            )
            found = builder(clause.part(a, b), context)
            context.joined_subject = None
            previous = (a, b)
            if read and _SAME_TIME.search(clause.low, a, b):
                found = [_at_the_same_time(e, read) for e in found]
            found = [_aimed_as_before(e, read, clause.low[a:b]) for e in found]
            if (
                read
                and not any(a <= m.start < b and m.kind != "person" for m in clause.actors)
                and _AND_BEFORE.search(clause.low, max(0, a - 8), a)
                and _GOODS_OPEN.match(clause.low, a)
            ):
                # "... on U.S. farm goods from March 10, and soybeans and pork will face a 10% levy": goods that open
                # a statement with no jurisdiction of its own are the earlier duty's target's
                found = [_on_the_same_partner(e, read) for e in found]
            read += found
        return read
    return builder(clause, context)


def _subject_of(part: Clause) -> str | None:
    """The jurisdiction a statement opens with as its subject ("China's commerce ministry said ...")."""
    found = first_actor(part, 0, len(part.text), ())
    return found.code if found is not None else None


_OPENS_WITH_VERB = re.compile(
    r"(?:also\s+|then\s+)?(?:applies|charges|levies|keeps|maintains|added|placed|put|imposed|banned|lifted|removed"
    r"|suspended|extended|raised|cut|lowered|halted|restricted|tightened|eased|relaxed|scrapped|dropped|exempted"
    r"|paused|will|would)\b"
)


# "..., and Beijing answered within hours with matching duties": the answer came on the day of what it answers
_SAME_TIME = re.compile(
    r"\b(?:within (?:hours|minutes)|(?:hours|minutes) later|the same day|that same day)\b"
)


# "imposed worldwide licence requirements", "for exports to any destination": aimed at everyone
_GLOBAL = re.compile(
    r"\bworldwide\b|\bglobally\b|\bglobal\s+(?:licen|export|control|restriction|curb|requirement|ban)"
    r"|\b(?:to|for)\s+(?:any|all|every)\s+destinations?\b|\ball countries\b"
)


def _aimed_as_before(event: Any, before: list[Any], statement: str) -> Any:
    """ "On Monday the Commerce Department added 140 Chinese entities to its Entity List, and imposed licence
    requirements on memory chips": a control of the same government that names no destination is aimed where
    its sentence's first one was, and the day that opens the sentence dates both."""
    if not isinstance(event, ExportControl):
        return event
    earlier = [e for e in before if isinstance(e, ExportControl) and e.imposer == event.imposer]
    changes: dict[str, Any] = {}
    if event.target == "*" and not _GLOBAL.search(statement):
        aimed = next((e.target for e in earlier if e.target != "*"), None)
        if aimed is not None:
            changes["target"] = aimed
    if event.effective is None and event.status.value not in ("proposed", "demanded"):
        opening = next(
            (e.effective for e in earlier if e.effective and e.effective.text.startswith("On ")), None
        )
        if opening is not None:
            changes["effective"] = opening
    return attrs.evolve(event, **changes) if changes else event


_AND_BEFORE = re.compile(r",\s+and\s+$")
_GOODS_OPEN = re.compile(
    r"(?!imported\b|imports\b|all\b|every\b|other\b|it\b|the\b)(?:[a-z][\w-]*\s+){1,6}?(?:will|would|must|should)"
    r"\s+(?:also\s+)?(?:be\s+)?(?:charged|taxed|face|pay)\b(?![^.;]*\b(?:all|every|any)\s+(?:countries|nations|partners))"
)


def _on_the_same_partner(event: Any, before: list[Any]) -> Any:
    if not isinstance(event, Tariff) or event.target != "*":
        return event
    partners = {e.target for e in before if isinstance(e, Tariff) and e.imposer == event.imposer}
    if len(partners) != 1 or "*" in partners:
        return event
    return attrs.evolve(event, target=partners.pop())


def _at_the_same_time(event: Any, before: list[Any]) -> Any:
    if not isinstance(event, Tariff) or event.effective is not None:
        return event
    earlier = next((e for e in before if isinstance(e, Tariff) and e.effective is not None), None)
    if earlier is None:
        return event
    status = "in_force" if event.status == "announced" and earlier.status == "in_force" else event.status
    return attrs.evolve(event, effective=earlier.effective, status=status)


def _named_twice(trigger: re.Pattern[str], low: str, parts: list[tuple[int, int]]) -> bool:
    """Whether `trigger` is found in more than one of the parts; the search stops at the second."""
    named = 0
    for a, b in parts:
        if trigger.search(low[a:b]):
            named += 1
            if named > 1:
                return True
    return False


# Cheap gates, one per builder: substrings of the lowered sentence that every match of the builder's
# trigger pattern contains, so that a sentence without any of them skips the builder (which would find no
# trigger and return nothing). A builder that passes its gate still applies its own exact patterns.
_TARIFF_CUES = (
    "tariff",
    "dut",
    "lev",
    "surtax",
    "surcharge",
    "safeguard measure",
    "dumping",
    "countervailing",
    "rate",
    "charg",
    "collect",
    "export tax",
    "import tax",
    # "suspended its countermeasures on US goods": retaliatory duties by another name
    "countermeasure",
    "counter-measure",
    # "a 25% penalty on Indian goods": a duty named for what it punishes
    "penalt",
    # "taxed at 40%", "will tax at 25%", "taxes at 10%"
    "tax",
    # "Canadian steel pays 25% under Section 232"
    "pay",
)
_CONTROL_CUES = (
    "export",
    "off from",
    "ship",
    "sell",
    "permit",
    "list",
    "licen",
    "sale",
    "shipment",
    "supplies",
    "deliveries",
    "embargo",
    "back",
    "withh",
    "review",
    "check",
    "scrutiny",
    "vetting",
)
_TRUCE_CUES = (
    "truce",
    "cease",
    "tente",
    " war",
    "dispute",
    "fight",
    "conflict",
    "reprieve",
    "pause agreed",
    "agreed to pause",
    "pause struck",
    "pause reached",
    "pause negotiated",
    "moratorium",
)
_NEGOTIATION_CUES = (
    "talks",
    "negotiat",
    "round of",
    "consultations",
    "dialogue",
    "discussions",
    "deal",
    "agreement",
    "pact",
    "framework",
    "meet",
    "call with",
    "spoke",
    "call between",
    "phone call",
    "video call",
    "pressed",
    "urged",
    'call" with',
    "call” with",
    "dinner",
    "lunch",
)
_THREAT_CUES = (
    "threat",
    "warn",
    "vow",
    "ultimatum",
    "unless",
    "else",
    "otherwise",
    "should",
    "until",
    # reprisals promised on no condition: "would take resolute measures", "would retaliate"
    "countermeasure",
    "counter-measure",
    "retaliat",
    # (not "in response to": a cause, no reply promised)
    "would respond",
    "will respond",
    "hit back",
    "in kind",
    "reprisal",
    "resolute",
    "decisive",
    "forceful",
    "firm measures",
    "firm action",
    "strong measures",
    "necessary measures",
    "respond to",
    "strong action",
    # "thinking about punishing Spain with tariffs"
    "punish",
)


def _any(low: str, cues: tuple[str, ...]) -> bool:
    # A plain loop of substring tests: faster here than any() over a generator, or one regular expression
    # of all the cues (whose first letters are common ones).
    for cue in cues:  # noqa: SIM110
        if cue in low:
            return True
    return False


def _has_word(low: str, word: str) -> bool:
    """Whether `word` stands in `low` as a whole word, as ``\\bword\\b`` would find it."""
    at = low.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_word_char(low[at - 1])) and (end == len(low) or not _is_word_char(low[end])):
            return True
        at = low.find(word, at + 1)
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# "Some traders are betting that Washington may put tariffs on copper", "analysts speculated that Beijing could
# respond with duties": what onlookers guess a government may do is neither its proposal nor its threat
_SPECULATED = re.compile(
    r"\b(?:analysts?|traders?|economists?|investors?|strategists?|observers?|markets?)\b(?:\s+[\w-]+){0,3}?\s+"
    r"(?:are\s+|were\s+|have\s+been\s+|had\s+been\s+)?(?:betting|bet|bets|speculat(?:e|es|ed|ing)"
    r"|wager(?:s|ed|ing)?|guess(?:es|ed|ing)?)\s+"
    # what they guess a government may do, in the clause that follows the verb (not "bet on safe-haven assets
    # after Trump threatened ...", nor "betting that the Commission will approve its proposal")
    r"(?:that\s+)?(?:[\w.'’-]+\s+){1,4}?(?:may|might|could)\b"
)


_THREATENED_TO = re.compile(
    r"(?<!the )\bthreaten(?:s|ed|ing)?\s+(?:on\s+\w+\s+)?(?:to|an?|new|fresh|higher)\b"
)


def _only_supposed(event: Event) -> bool:
    if isinstance(event, Threat):
        return True
    return isinstance(event, Tariff | ExportControl) and event.status.value == "proposed"


def _read(clause: Clause, context: Context) -> list[Event]:
    low = clause.low
    truce_cue = _any(low, _TRUCE_CUES)
    negotiation_cue = _any(low, _NEGOTIATION_CUES) or _has_word(low, "met")
    if _any(low, _THREAT_CUES) or _has_word(low, "if"):
        threat = threats(clause, context)
        answered_controls: list[ExportControl] = []
        if threat:
            # A threatened measure is the threat's, not a measure of its own; other kinds still count, and so
            # does a duty told in a clause of time of its own ("..., days after Brussels announced tariffs").
            after = TIME_CLAUSE.search(low)
            answered = (
                tariffs(clause.part(after.end(), len(clause.text)), context)
                if after is not None
                and _any(low[after.end() :], _TARIFF_CUES)
                # (not "..., after Trump threatened to raise tariffs on Korean goods to 25%": the threat itself;
                # but "hours after the threatened 25% U.S. tariffs came into force" is a duty)
                and not _THREATENED_TO.search(low, after.end())
                else []
            )
            # "a deal that sets a 15% tariff, below the 25% rate Trump had threatened": the deal's own duty
            named_before = THREATENED_BEFORE.search(low)
            if named_before is not None and _any(low[: named_before.start()], _TARIFF_CUES):
                answered += tariffs(clause.part(0, named_before.start()), context)
            # "Goods from Japan will face tariffs of 25% from Aug. 1, Trump said, warning that the rate would rise
            # if Tokyo retaliated": the duty stated before the warning is news of its own
            warning = WARNING_AFTER.search(low)
            if (
                warning is not None
                and named_before is None
                and _any(low[: warning.start()], _TARIFF_CUES)
                # not "Trump threatened a 50% tariff on EU goods, adding that ...": the threat is told before
                and not lex.THREAT.search(low, 0, warning.start())
            ):
                stated = tariffs(clause.part(0, warning.start()), context)
                answered += [t for t in stated if t.status.value in ("announced", "in_force", "raised")]
            if all(t.measure is None for t in threat) and promises_a_reply(low):
                # "would respond firmly to the new U.S. tariffs on steel", "would take necessary measures ...,
                # after the Netherlands expanded export licence requirements": the measure answered is news as well
                actors = {t.actor for t in threat}
                answered += [t for t in tariffs(clause, context) if t.imposer not in actors]
                if after is not None and _any(low[after.end() :], _CONTROL_CUES):
                    controls = export_controls(clause.part(after.end(), len(clause.text)), context)
                    answered_controls = [c for c in controls if c.imposer not in actors]
            joined = threat_joined_to_measure(low)
            if joined is not None and named_before is None:
                # "raised its tariff on Chinese steel to 50% on Tuesday, and threatened a 60% duty": the measure
                # taken before the threat is news of its own
                done = clause.part(0, joined.start())
                if _any(done.low, _TARIFF_CUES):
                    answered += _by_part(tariffs, lex.TARIFF, done, context)
                if _any(done.low, _CONTROL_CUES):
                    answered += _by_part(export_controls, lex.EXPORT_CONTROL, done, context)
            return [
                *threat,
                *answered,
                *answered_controls,
                *(truces(clause, context) if truce_cue and not _truce_only_asked(low, threat) else ()),
                *(negotiations(clause, context) if negotiation_cue else ()),
            ]
    events: list[Event] = []
    imposer_before = context.last_imposer
    if _any(low, _TARIFF_CUES):
        events.extend(_by_part(tariffs, lex.TARIFF, clause, context))
        pledge = _PLEDGE.search(low) if context.last_threat_actor is not None else None
        if pledge is not None and context.last_threat_actor is not None:
            # "Trump threatened a 25% tariff on Mexico and Canada ... In a pair of posts, Trump also said he would
            # charge an extra 10% tariff on goods from China": a pledge of the one who threatened, in the story of
            # his threats, is a threat too (the duty the pledge names, not one stated beside it)
            actor, rate = context.last_threat_actor, pledge.group("rate")
            events = [_as_threat(e) if _pledged(e, actor, rate) else e for e in events]
    if not events and (
        "exempt" in low or "spare" in low or "exclude" in low or "not covered" in low or "escape" in low
    ):
        events.extend(earlier_duty_exemptions(clause, context))
    if "more" in low:
        events.extend(purchase_demands(clause, context))
    if "%" in low or "percent" in low or "per cent" in low:
        # "The EU had faced a 20% reciprocal rate, Japan 24% and Vietnam 46%": the countries after the first
        # duty's, each with its rate
        covered = {e.target for e in events if isinstance(e, Tariff | Threat)}
        # The imposer of the sentence's own duty ("Washington set a 24% tariff on Japan, while Vietnam faces 46%"),
        # unless that duty answers the story's imposer ("China retaliated with duties on American coal, while
        # Canada faced 25%": the rates are the story imposer's)
        own = [e for e in events if isinstance(e, Tariff)]
        answers = bool(own) and imposer_before is not None and all(e.target == imposer_before for e in own)
        rated = rates_by_country(clause, context, imposer_before if answers else context.last_imposer)
        events.extend(e for e in rated if e.target not in covered)
    if _any(low, _CONTROL_CUES):
        events.extend(_by_part(export_controls, lex.EXPORT_CONTROL, clause, context))
    if not events and context.last_lister is not None:
        events.extend(listed_entities(clause, context))
    if truce_cue:
        found = truces(clause, context)
        reprieve = _REPRIEVE.search(low) if found else None
        if reprieve is not None:
            found = _reprieve_truces(clause, reprieve, events, found, context)
        events.extend(found)
    if negotiation_cue and (not any(isinstance(e, Truce) for e in events) or _TALKS.search(clause.text)):
        # "agreed to a truce after talks in Geneva": the talks are an event of their own.
        events.extend(_by_part(negotiations, lex.NEGOTIATION, clause, context))
    return events


def _reprieve_truces(
    clause: Clause, reprieve: re.Match[str], events: list[Event], found: list[Truce], ctx: Context
) -> list[Truce]:
    """ "US tariffs on Canada and Mexico took effect after a one-month reprieve expired": the reprieve was
    between the imposer of the duties and each of the partners they hit that it covered (those it is "for", else
    those named before it). A reprieve is a truce only in a story of trade: not "the company's reprieve expired"."""
    low = clause.low
    of_trade = _OF_TRADE.search(low) is not None
    kept = (
        found[1:] if _NAMED_TRUCE.search(low) else []
    )  # "..., and China's truce with the U.S. was extended"
    covered = _REPRIEVE_FOR.match(low, reprieve.end())
    if covered is not None and covered.group("others"):
        return kept  # "after the reprieve for other countries was extended": none of those named here
    if covered is not None:
        named = {m.code for m in clause.actors if covered.start() <= m.start < covered.end()}
    else:
        named = {m.code for m in clause.actors if m.start < reprieve.start()}
    duties: set[tuple[str, str]] = {
        (e.imposer, e.target) for e in events if isinstance(e, Tariff) and e.target in named
    }
    if not duties and covered is not None and ctx.last_imposer is not None:
        # "The one-month reprieve for Canada and Mexico expired": granted by the story's imposer
        duties = {(ctx.last_imposer, code) for code in named}
    elif not of_trade:
        return []
    imposers = {i for i, _ in duties}
    if len(imposers) != 1:
        return found
    pairs = [pair for pair in sorted(duties) if pair[0] != pair[1]]
    return [attrs.evolve(found[0], parties=tuple(sorted(pair))) for pair in pairs] + kept or found


_REPRIEVE_FOR = re.compile(
    r"\s+for\s+(?:(?P<others>(?:all\s+)?other\s+(?:countries|partners|nations|economies)|others|the rest)\b"
    r"|[^.;]{1,80}?(?=\s+(?:expired|ended|lapsed|ran out|was|were|agreed|granted|won)\b))"
)


def _truce_only_asked(low: str, threats: list[Threat]) -> bool:
    """ "Trump threatened tariffs on Russia unless Moscow agrees to a ceasefire": the truce named is the
    condition of the threat, none agreed."""
    asked = [t.condition.lower() for t in threats if t.condition]
    spans = [(at, at + len(c)) for c in asked if (at := low.find(c)) >= 0]
    return bool(asked) and all(
        any(_ASKED_TRUCE.search(condition[: max(0, condition.find(m.group()))]) for condition in asked)
        # "if no ceasefire deal is reached within 50 days": a truce named only inside the condition
        or any(a <= m.start() < b for a, b in spans)
        for m in lex.TRUCE.finditer(low)
    )


_ASKED_TRUCE = re.compile(
    r"\b(?:agrees?|agreed|accepts?|accepted|reach(?:es)?|reached|signs?|signed|declares?)\s+(?:to\s+)?"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$"
)


_PAUSES = frozenset({"suspended", "extended"})

_PLEDGE = re.compile(
    r"\b(?:said|says|wrote|posted)\s+(?:that\s+)?(?:he|she|it|they)\s+would\s+(?:also\s+)?"
    r"(?:impose|charge|slap|levy|put|add)\s+(?:an?\s+|the\s+)?(?:extra\s+|additional\s+|further\s+|new\s+)?"
    r"(?:(?P<rate>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)|(?:[\w-]+\s+)?(?:tariffs?|duties|levies))"
)


def _pledged(event: Event, actor: str, rate: str | None) -> bool:
    return (
        isinstance(event, Tariff)
        and event.imposer == actor
        and event.status.value in ("announced", "raised")
        and event.effective is None
        and (rate is None or (event.rate is not None and event.rate.percent == Decimal(rate)))
    )


def _as_threat(event: Event) -> Event:
    assert isinstance(event, Tariff)
    measure = attrs.evolve(event, status="proposed", previous_rate=None)
    return Threat(
        actor=event.imposer, target=event.target, measure=measure, kind="tariff", evidence=event.evidence
    )


_REPRIEVE = re.compile(rf"\b(?:{lex.REPRIEVE})\b")
# A truce called one, beside a reprieve ("..., and China's truce with the U.S. was extended")
_NAMED_TRUCE = re.compile(r"\b(?:truces?|ceasefires?|cease-fires?|d[ée]tente)\b")
# A reprieve is a truce in a story of trade, not "the company's reprieve expired"
_OF_TRADE = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|trade|imports?|exports?|truce)\b")

# Changes to a measure: the date a change applies from is never when the measure it changes began.
_CHANGES = frozenset(
    {"relaxed", "lifted", "lowered", "raised", "suspended", "extended", "exempted", "tightened"}
)


def _undated_by_start(events: list[Event]) -> list[Event]:
    """ "Easing restrictions in place since October 2023": a date after "since" tells when what is changed
    began; it is not when the change applies."""
    out: list[Event] = []
    for e in events:
        effective = getattr(e, "effective", None)
        if (
            isinstance(e, (Tariff, ExportControl))
            and effective is not None
            and e.status.value in _CHANGES
            and _after_since(e.evidence.sentence, effective.text)
        ):
            e = attrs.evolve(e, effective=None)
        out.append(e)
    return out


def _after_since(sentence: str, phrase: str) -> bool:
    if phrase[:5].lower() == "since":
        return True
    at = sentence.find(phrase)
    return at > 0 and sentence[max(0, at - 7) : at].strip().lower().endswith("since")


_COUNTED_COUNTRIES = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?P<other>other\s+)?"
    r"(?:[A-Z][\w-]*\s+)?"
    r"(?:countries|nations|economies|trading partners|member states)\b"
)
_COUNTRIES_NAMED = re.compile(
    r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:countries|nations|economies|trading partners|member states)\s*"
    r"(?:named|listed|targeted|affected|concerned|in question|are|were|include|included|[-–—:])",
    re.IGNORECASE,
)


def _spread_over_countries_named(events: list[Event], text: str, spans: list[tuple[int, int]]) -> list[Event]:
    """ "a 10% tariff on goods from eight European countries ... The countries named were Denmark, Norway, ...":
    a measure on countries the sentence counts is on each of those the next sentences name, when they name as
    many."""
    out: list[Event] = []
    named_after: dict[int, list[str]] = {}
    for event in events:
        target = getattr(event, "target", None)
        counted = (
            _COUNTED_COUNTRIES.search(event.evidence.sentence)
            if isinstance(event, Tariff | Threat) and "countries" in event.evidence.sentence
            else None
        )
        if counted is None:
            out.append(event)
            continue
        n = NUMBER_WORDS.get(counted.group("n").lower()) or int(counted.group("n"))
        at = next((i for i, (s, e) in enumerate(spans) if s <= event.evidence.start < e), None)
        if at is not None and at not in named_after:
            named_after[at] = []
            for s, e in spans[at + 1 : at + 4]:
                if _COUNTRIES_NAMED.search(text, s, e):
                    codes = [m.code for m in find_actors(text[s:e]) if m.kind == "country"]
                    named_after[at] = list(dict.fromkeys(codes))
                    break
        codes = named_after.get(at, []) if at is not None else []
        # the measure must be on the counted countries themselves: its target "*" or a bloc named in the count
        # ("goods from eight European countries"), not a country named apart ("a 50% tariff on Brazilian goods,
        # far above the rates on four other countries")
        sentence = event.evidence.sentence
        counted_codes = {m.code for m in find_actors(sentence[counted.start() : counted.end()])}
        on_them = target == "*" or target in counted_codes
        if len(codes) != n or target in codes or not on_them or counted.group("other"):
            out.append(event)
            continue
        for code in codes:
            changes: dict[str, Any] = {"target": code}
            measure = getattr(event, "measure", None)
            if measure is not None and getattr(measure, "target", None) == target:
                changes["measure"] = attrs.evolve(measure, target=code)
            out.append(attrs.evolve(event, **changes))
    return out


def _named_sets(events: list[Event], counted: list[tuple[int, list[ExportControl]]]) -> list[Event]:
    """ "Seoul will tighten its curbs on exports of two metals from Friday. Exporters of nickel and cobalt will
    need a licence...": when the item names as many goods of that control elsewhere as the sentence counted, those are
    the goods, and they undergo what that sentence says, at the date it gives."""
    for n, stated in counted:
        general = stated[0]
        named = [
            e
            for e in events
            if isinstance(e, ExportControl)
            and e.imposer == general.imposer
            and e.target == general.target
            and e.item is not None
            and not any(e is s for s in stated)
        ]
        if len({e.item.name for e in named if e.item is not None}) != n:
            continue
        out: list[Event] = []
        for e in events:
            if any(e is s for s in stated):
                continue  # the counted set is the named goods
            if (
                isinstance(e, ExportControl)
                and any(e is x for x in named)
                and e.status.value == "imposed"
                and e.status != general.status
            ):
                # the sentence that names the goods describes them; the counting one says what happens
                e = attrs.evolve(e, status=general.status, effective=general.effective)
            out.append(e)
        events = out
    return events


def _without_exempted_sources(events: list[Event]) -> list[Event]:
    """ "Exempted beef and coffee from the tariff on Brazil": the goods are what is exempted; the tariff they are
    exempted from is no exemption of its own."""
    goods = {
        (e.imposer, e.target)
        for e in events
        if isinstance(e, Tariff) and e.status == "exempted" and e.product
    }
    if not goods:
        return events
    return [
        e
        for e in events
        if not (
            isinstance(e, Tariff)
            and e.status == "exempted"
            and e.product is None
            and (e.imposer, e.target) in goods
        )
    ]


def key(event: Event) -> tuple[Any, ...]:
    """The measure an event is about: one event per key per item."""
    if isinstance(event, Tariff):
        return (
            "tariff",
            event.imposer,
            event.target,
            _goods_key(event.product.name) if event.product else None,
        )
    if isinstance(event, ExportControl):
        # An Entity List listing has no item; it is a measure of its own, not an unnamed part of another.
        item = (
            event.item.name
            if event.item
            else (event.control.value if event.control.value == "entity_list" else None)
        )
        return ("export_control", event.imposer, event.target, item)
    if isinstance(event, Truce | Negotiation):
        return (event.TYPE, event.parties)
    return ("threat", event.actor, event.target)


def _goods_key(name: str) -> str:
    """'car' and 'cars' name the same goods: "duties on Korean trucks ... the truck duty"."""
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


# "The duties come on top of a 10% baseline tariff on all imports": the sentence names a duty of its own
_ANOTHER_DUTY_NAMED = re.compile(
    r"\bon top of\b|\bbaseline\b|\buniversal\b|\ball (?:imports|countries|goods)\b", re.I
)
_THE_DUTIES = re.compile(
    r"(?:The|These|Those)\s+(?:new\s+|provisional\s+|definitive\s+)?(?:duties|duty|tariffs?|levies|levy)\b"
)


def _rates_of(events: list[Event]) -> set[Any]:
    return {e.rate for e in events if isinstance(e, Tariff) and e.rate is not None}


def _same_rates(general: list[Event], specific: list[Event]) -> bool:
    rates, known = _rates_of(general), _rates_of(specific)
    return not rates or not known or bool(rates & known)


# "Most other EU goods have faced a 15% tariff": the goods besides those named, a measure of their own
# "other British goods", "other whiskies still face the full duty": the rest, not the goods named
_OTHER_GOODS = re.compile(
    r"\bother\s+(?!than\b|things\b|hand\b|words\b|sides?\b|countries\b|nations\b|partners\b|economies\b|members\b"
    r"|officials\b|measures\b|steps\b|issues\b|areas\b)[\w-]+"
)


def _rate_before_change(general: list[Event], specific: list[Event]) -> bool:
    """ "Will double tariffs on steel to 50% ... the current 25% rate was not enough to keep foreign steel out": a
    standing rate stated beside the goods of a change is the rate the change starts from, not a measure apart."""
    changes = [e for e in specific if isinstance(e, Tariff) and e.product is not None]
    if not changes or any(not isinstance(e, Tariff) or e.status.value != "in_force" for e in general):
        return False
    change = changes[0]
    name = change.product.name if change.product else ""
    return all(
        isinstance(e, Tariff)
        and _standing_rate(change, [e]) is not None
        and re.search(rf"\b{re.escape(name)}\b", lowered(e.evidence.sentence)) is not None
        for e in general
    )


def _same_sentence(general: list[Event], specific: list[Event]) -> bool:
    """ "Duties on $60 billion of U.S. goods, including a 10% tariff on LNG": one sentence that names a package
    and a part of it names two measures."""
    said = {e.evidence.sentence for e in specific}
    return all(e.evidence.sentence in said for e in general)


def _exempted(events: list[Event]) -> bool:
    return all(getattr(e, "status", None) == "exempted" for e in events)


def merge(events: list[Event]) -> list[Event]:
    """One event per measure: the most confident statement, its empty fields filled from the others."""
    groups: dict[tuple[Any, ...], list[Event]] = {}
    for event in events:
        groups.setdefault(key(event), []).append(event)
    # A measure stated without a product joins the one product-specific measure of the same direction.
    for k in [k for k in groups if k[0] in ("tariff", "export_control") and k[3] is None]:
        specific = [o for o in groups if o[:3] == k[:3] and o[3] is not None]
        if len(specific) > 1:
            # the one change whose goods the standing rate's sentence names
            named = [o for o in specific if _rate_before_change(groups[k], groups[o])]
            specific = named if len(named) == 1 else specific
        # ...unless it states a rate of its own: "the US tariff on British cars is cut to 10% ... the 10% tariff
        # on most other British goods remains" names two measures.
        # ...nor is a duty the exemption of one good from it ("a 30% levy on Indian goods ... jet fuel was
        # exempted from the levy").
        # ...nor one that the same sentence states beside it: "duties on $60 billion of U.S. goods, including a
        # 10% tariff on gas" names the package and one of its parts.
        if (
            len(specific) == 1
            and not _same_sentence(groups[k], groups[specific[0]])
            and not any(_OTHER_GOODS.search(lowered(e.evidence.sentence)) for e in groups[k])
            and (
                _same_rates(groups[k], groups[specific[0]])
                or _rate_before_change(groups[k], groups[specific[0]])
            )
            and _exempted(groups[k]) == _exempted(groups[specific[0]])
        ):
            groups[specific[0]].extend(groups.pop(k))
    # "Vietnam imposed duties of up to 27.83% on hot-rolled steel from China ... The duties take effect immediately
    # and range from 19.38% to 27.83%": a duty named with no goods and no partner, at the rate of the imposer's
    # one duty the item names, is that duty
    for k in [k for k in groups if k[0] == "tariff" and k[2] == "*" and k[3] is None]:
        specific = [o for o in groups if o[0] == "tariff" and o[1] == k[1] and o != k]
        if (
            len(specific) == 1
            and not _same_sentence(groups[k], groups[specific[0]])
            and all(
                _THE_DUTIES.match(e.evidence.sentence) and not _ANOTHER_DUTY_NAMED.search(e.evidence.sentence)
                for e in groups[k]
            )
            and _rates_of(groups[k]) == _rates_of(groups[specific[0]]) != set()
            and _exempted(groups[k]) == _exempted(groups[specific[0]])
        ):
            groups[specific[0]].extend(groups.pop(k))
    merged = []
    for group in groups.values():
        best = max(enumerate(group), key=lambda pair: (pair[1].evidence.confidence, -pair[0]))[1]
        fills: dict[str, Any] = {}
        for field in attrs.fields(type(best)):
            if getattr(best, field.name) in (None, ()):
                for other in group:
                    if field.name == "effective" and _other_stage(best, other):
                        continue
                    value = getattr(other, field.name)
                    if value not in (None, ()):
                        fills[field.name] = value
                        break
        if (
            isinstance(best, Tariff)
            and best.status.value == "in_force"
            and fills.get("rate") is not None
            and fills.get("previous_rate") is not None
            and fills["previous_rate"] != fills["rate"]
        ):
            # "An extra tariff took effect on Wednesday, doubling the duty to 50% from 25%": the change that applies
            fills["status"] = "raised" if fills["rate"] > fills["previous_rate"] else "lowered"
        if isinstance(best, Tariff) and best.previous_rate is None and "previous_rate" not in fills:
            standing = _standing_rate(best, group)
            if standing is not None:
                fills["previous_rate"] = standing
        if isinstance(best, Threat):
            fills.pop("measure", None)  # another statement's measure may be of another kind
        if isinstance(best, Truce) and best.until is not None and _LENGTH.match(best.until.text):
            # "suspend the duties for five years ... the truce runs until June 2026": a named end says more
            named_end = next(
                (
                    o.until
                    for o in group
                    if isinstance(o, Truce) and o.until and not _LENGTH.match(o.until.text)
                ),
                None,
            )
            if named_end is not None:
                fills["until"] = named_end
        if isinstance(best, Negotiation) and best.when is not None:
            days = _days_of_talks(best.when, group)
            if days is not None:
                fills["when"] = days
        try:
            merged.append(attrs.evolve(best, **fills) if fills else best)
        except ValueError:  # the statements do not combine into one valid event: keep the surest
            merged.append(best)
    return merged


# A date phrase that gives a length, not an end: "for 90 days", "another three months".
# (and a length by itself: "a 90-day truce", "a two-week truce")
_LENGTH = re.compile(
    r"(?:for|in|within|another|a further|an additional)\s|(?:\d{1,3}|[a-z]+)-(?:day|week)$", re.IGNORECASE
)


def _standing_rate(best: Tariff, group: list[Event]) -> Rate | None:
    """ "Will cut its duty on canola to 15% ... Canola had faced duties of 75.8% since August": the rate another
    statement gives the duty as standing is the rate a cut or a rise starts from."""
    if best.rate is None or best.status.value not in ("raised", "lowered"):
        return None
    for other in group:
        if not isinstance(other, Tariff) or other.status.value != "in_force" or other.rate is None:
            continue
        if (other.rate > best.rate) == (best.status.value == "lowered") and other.rate != best.rate:
            return other.rate
    return None


def _days_of_talks(when: DateSpan, group: list[Event]) -> DateSpan | None:
    """ "Agreed on Monday after weekend talks ... met on Saturday and Sunday": the days the talks ran, when one
    statement gives them, rather than the day they ended or a deal was announced after them."""
    if when.granularity is not Granularity.DAY:
        return None
    for other in group:
        span: DateSpan | None = other.when if isinstance(other, Negotiation) else None
        if (
            span is not None
            and span.granularity is Granularity.DAY
            and span.start < span.end
            and when.start - timedelta(days=1) <= span.end <= when.end
        ):
            return span
    return None


def _other_stage(best: Event, other: Event) -> bool:
    """Whether `other` states another stage of the measure's life than `best`: "the car tariff, imposed in April,
    will be cut from Sept. 16" dates the cut, and April is not when the cut applies."""
    status = getattr(best, "status", None)
    if isinstance(best, ExportControl) and isinstance(other, ExportControl):
        # "will lift its curbs on the two metals ... The curbs on nickel and cobalt were introduced in 2023"
        return other.status != status
    theirs = getattr(other, "status", None)
    # "has reimposed a 10% tariff ... Washington had removed the duty in May 2019": a removal is a stage of its own
    return status is not None and theirs != status and (theirs == "in_force" or "lifted" in (status, theirs))


_WOULD_APPLY = re.compile(rf"{lex.HEDGE.pattern}|\bwould\b")


def _fill_from_item(
    events: list[Event],
    text: str,
    spans: list[tuple[int, int]],
    skip: int,
    published: date | None,
    dates_of: dict[tuple[int, int], list[DateMention]],
    acted_days: set[DateSpan],
) -> list[Event]:
    """What one sentence of an item says of "the duties" applies to the measures the item names.

    A sentence such as "The duties take effect on Tuesday" states a date for measures named elsewhere; the
    one legal basis an item names ("under Section 232") is the basis of its tariffs. `dates_of` holds the
    dates already found in sentences (by span), read from the whole sentence.
    """
    effect = None
    effect_sentence = None
    effect_hedged = False
    effect_at = -1  # where the sentence of `effect` starts
    exemption = False
    low_text = lowered(text)
    # "The baseline duty takes effect on Saturday": the date of the measure the item called "baseline" (its word
    # before the duty's noun), whatever the other measures of the item take
    named: dict[str, DateSpan] = {}
    for start, end in spans:
        sentence = text[max(start, skip) : end]  # the dateline's date is when the story was filed
        if not _EFFECT_WORD.search(low_text, max(start, skip), end):
            continue
        called = _CALLED.match(low_text, max(start, skip), end)
        if effect is not None and called is None:
            continue
        if _ANOTHER_MEASURE.match(low_text, max(start, skip), end):
            continue  # "A separate rule, effective Dec. 1, ...": the date of that rule, not of the item's others
        # The dates of a sentence read in the main pass are not read again.
        known = dates_of.get((start, end)) if start >= skip else None
        for d in find_dates(sentence, published) if known is None else known:
            # "at 6 a.m. local time on Friday": the points of a clock time end no statement.
            lead = _CLOCK.sub(lambda m: m.group().replace(".", " "), sentence[max(0, d.start - 60) : d.start])
            if _SINCE.search(lead) or d.span.text[:5].lower() == "since":
                continue  # "the rate it applies since June 4": when a standing measure began, not a change
            if _EFFECT.search(lead) and not SUPERSEDED.search(lead.lower()):
                if called is not None:
                    named.setdefault(called.group("word"), d.span)
                    if called.group("word") == "baseline":
                        break  # the date of the global duty only, not of the duties others answer it with
                if effect is None:
                    effect = d.span
                    effect_sentence = text[start:end].strip()
                    effect_at = start
                    # "could take effect", "would take effect in January if lawmakers approve": the date a
                    # proposed measure would apply from
                    effect_hedged = _WOULD_APPLY.search(lead.lower()) is not None
                    # "The exclusions apply from April 5": the date of the item's exemptions too
                    exemption = _EXEMPTION.search(sentence, 0, d.start) is not None
                break
    # Most items name no legal basis: three substring tests spare them a scan of the text.
    cited = "Section" in text or "IEEPA" in text or "International Emergency" in text
    authorities = {m.group() for m in _AUTHORITY.finditer(text, skip)} if cited else set()
    authority = None
    if len(authorities) == 1:
        found = authorities.pop()
        authority = "IEEPA" if found.startswith("Intern") else found
    # (imposer, status) of the duties stated with goods, a rate or a target: "the duties" of the same imposer
    # refer to them; a pause of "the higher rates on dozens of partners" beside a rise of one partner's duty
    # is a measure of its own
    specific = {
        (e.imposer, e.status)
        for e in events
        if isinstance(e, Tariff) and (e.product or e.rate or e.target != "*")
    }
    specific_imposers = {imposer for imposer, _ in specific}
    # "U.S. tariffs took effect on Friday ... Mexico said it would hit U.S. pork with duties": the day one
    # side's duties took effect does not date the other side's answer.
    effect_imposers = {
        e.imposer
        for e in events
        if isinstance(e, Tariff)
        and effect_sentence is not None
        and e.evidence.sentence.strip() == effect_sentence
    }

    # Measures of one package share its date: "India will raise duties on 28 U.S. products from Sunday.
    # Duties on walnuts will rise to 120%..." dates the walnuts too.
    package_dates: dict[tuple[str, str], DateSpan] = {}
    for e in events:
        if isinstance(e, Tariff) and e.effective is not None:
            package_dates.setdefault((e.imposer, e.status.value), e.effective)
    # "...the licence regime for zinc that took effect in May": the date of one government's controls
    effect_controllers = {
        e.imposer for e in events if isinstance(e, ExportControl) and e.evidence.start == effect_at
    }
    pause_end = (
        _end_of_pause(text, spans, skip, published, dates_of)
        if any(isinstance(e, Tariff) and e.status.value == "extended" and e.effective is None for e in events)
        else None
    )
    out: list[Event] = []
    for event in events:
        if (
            isinstance(event, Tariff)
            and event.status.value == "extended"
            and event.effective is None
            and pause_end
        ):
            event = attrs.evolve(event, effective=pause_end)  # "The suspension now runs until August 2025."
        if isinstance(event, Tariff):
            anaphoric = event.product is None and event.rate is None and event.target == "*"
            if anaphoric and (
                (event.imposer, event.status) in specific
                or (event.status not in _PAUSES and event.imposer in specific_imposers)
            ):
                continue  # "the duties" of a sentence that only adds a date or a basis to named measures
            fills: dict[str, Any] = {}
            own = (
                _named_date(named, event.evidence.sentence, event.target == "*")
                if named and event.effective is None
                else None
            )
            if own is not None and event.status not in _UNDATED:
                fills["effective"] = own
            elif event.effective is None and event.status not in _UNDATED:
                shared = package_dates.get((event.imposer, event.status.value))
                separate = _SEPARATE.match(event.evidence.sentence) is not None
                other_side = bool(effect_imposers) and event.imposer not in effect_imposers
                if shared is not None or (effect is not None and not separate and not other_side):
                    fills["effective"] = shared or effect
            elif event.effective is None and (
                (event.status == "exempted" and exemption)
                # "the duties could take effect in early March": when a proposed measure would apply
                or (
                    event.status == "proposed"
                    and effect_hedged
                    and not (effect_imposers and event.imposer not in effect_imposers)
                )
            ):
                fills["effective"] = effect
            # The authorities read here (Sections 232/301/201/122, IEEPA) are United States law.
            if event.authority is None and authority is not None and event.imposer == "US":
                fills["authority"] = authority
            event = attrs.evolve(event, **fills) if fills else event
        elif (
            isinstance(event, ExportControl)
            and (event.effective is None or event.effective in acted_days)
            and effect is not None
            and not _SEPARATE.match(event.evidence.sentence)
            # a control of the sentence that dates another statement is not the one that date is about
            and event.evidence.start != effect_at
            and (not effect_controllers or event.imposer in effect_controllers)
            # "Beijing's licensing rules for gallium took effect in August 2023": a date long past is that of an
            # older control the story recalls, not of the one it reports
            and not (published is not None and effect.end < published - _LONG_AGO)
        ):
            event = attrs.evolve(event, effective=effect)
        elif (
            isinstance(event, Negotiation)
            and event.when is None
            and event.status.value in ("held", "concluded")
        ):
            # talks the item dates only by the truce they produced ended in it
            agreed = _agreed_on(event, events, published)
            event = attrs.evolve(event, when=agreed, status="concluded") if agreed else event
        elif isinstance(event, Truce) and event.until is None:
            # "Both truces run until early March": one end date for the item's truces of that status.
            until = next(
                (t.until for t in events if isinstance(t, Truce) and t.until and t.status is event.status),
                None,
            )
            event = attrs.evolve(event, until=until) if until else event
        out.append(event)
    return out


_LONG_AGO = timedelta(days=180)
# "The suspension now runs until August 2025": the new end of a pause or an exemption the item said was extended
_PAUSE_UNTIL = re.compile(
    r"\b(?:suspension|pause|exemption|exclusion|waiver|reprieve)s?\b[^.;]{0,40}?\b(?:until|till|through)\s*$",
    re.IGNORECASE,
)


_UNTIL_WORD = re.compile(r"\b(?:until|till|through)\s*$")
_OLD_PAUSE_END = re.compile(r"\b(?:had been|was|were)\s+(?:due|set|scheduled)\b", re.IGNORECASE)


def _end_of_pause(
    text: str,
    spans: list[tuple[int, int]],
    skip: int,
    published: date | None,
    dates_of: dict[tuple[int, int], list[DateMention]],
) -> DateSpan | None:
    for start, end in spans:
        if (
            "until" not in text[start:end]
            and "through" not in text[start:end]
            and "till" not in text[start:end]
        ):
            continue
        sentence = text[max(start, skip) : end]
        known = dates_of.get((start, end)) if start >= skip else None
        found = None
        for d in find_dates(sentence, published) if known is None else known:
            lead = sentence[max(0, d.start - 80) : d.start]
            if (
                (
                    _PAUSE_UNTIL.search(sentence, max(0, d.start - 80), d.start)
                    or (found and _UNTIL_WORD.search(lead))
                )
                # "The suspension had been due to run until Aug. 12": the old end; "A separate exemption runs
                # until Dec. 31": another measure's
                and not _OLD_PAUSE_END.search(lead)
                and not _ANOTHER_MEASURE.match(lowered(sentence))
                and not _SEPARATE.match(sentence)
            ):
                # the last end the sentence names: "set to run until Aug. 12, will now run until ..."
                found = d.span
        if found is not None:
            return found
    return None


_DUTY_NOUN = r"(?:tariffs?|dut(?:y|ies)|levy|levies|surtax|surcharge|rates?)\b"
# A sentence that opens with the duty it dates, called by a word of its own: "The baseline duty takes effect ..."
_CALLED = re.compile(r"\s*(?:the|its|their)\s+(?P<word>[a-z][a-z-]{3,})\s+" + _DUTY_NOUN)


def _named_date(named: dict[str, DateSpan], sentence: str, global_duty: bool) -> DateSpan | None:
    low = lowered(sentence)
    for word, span in named.items():
        # "a minimum 10% tariff on imports from almost every country ... The baseline duty applies from Saturday"
        # (a duty on all countries: not another side's "blanket 34% tariff on all U.S. goods")
        called = _BASELINE_NAMES if word == "baseline" and global_duty else re.escape(word)
        if re.search(rf"\b(?:{called})\s+(?:\d+(?:\.\d+)?\s*%\s+)?{_DUTY_NOUN}", low):
            return span
    return None


_BASELINE_NAMES = r"baseline|minimum|universal|blanket|across-the-board"


def _agreed_on(talks: Negotiation, events: list[Event], published: date | None) -> DateSpan | None:
    """ "The two leaders agreed on Wednesday to a truce": the day the parties' talks ended in the truce, for
    talks the item dates nowhere else."""
    for truce in events:
        if not isinstance(truce, Truce) or truce.parties != talks.parties:
            continue
        if truce.status.value not in ("agreed", "extended"):
            continue
        sentence = truce.evidence.sentence
        low = lowered(sentence)
        for d in find_dates(sentence, published, low):
            lead = low[max(0, d.start - 90) : d.start]
            if (
                d.span.granularity is Granularity.DAY
                and d.span != truce.until
                and _AGREED_LEAD.search(lead)
                and not _reporting(low, d.start)
            ):
                return d.span
    return None


# The verb of an agreement, then at most a few words before its day: "agreed on Tuesday", "agreed to a truce
# over dinner in Buenos Aires on Saturday".
_AGREED_LEAD = re.compile(r"\b(?:agreed|reached|struck|sealed|signed|called a truce)\b[^,;.]{0,80}$")
# "Separately, the ministry added 16 entities to its list": a measure of its own, not dated by the others.
_SEPARATE = re.compile(r"\s*(?:Separately|In a separate (?:move|step|decision|statement|announcement))\b")
_ANOTHER_MEASURE = re.compile(r"\s*(?:a separate|another)\s")
_UNDATED = frozenset({"exempted", "demanded", "proposed", "in_force", "suspended"})
