"""The rule-based reading of one sentence: which measures it states, who acts on whom, with what.

Each builder takes a `Clause` (a sentence with its actors, dates and percentages already found) and the
item's `Context`, and returns events. Direction is decided before attribution: a jurisdiction after "on",
"against" or "from" is a target; one in possessive or adjective position before the trigger, or the
sentence's subject, is the actor.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar, cast

import attrs

from tradewatch.model import (
    DateSpan,
    Evidence,
    ExportControl,
    Negotiation,
    Product,
    Rate,
    Tariff,
    Threat,
    Truce,
)

from . import _lexicon as lex
from ._actors import Mention
from ._dates import DateMention, days_of
from ._numbers import NUMBER_WORDS, UNIT, Percent
from ._text import DATELINE, lowered

_I = re.IGNORECASE
_T = TypeVar("_T")
_MISSING = object()


@attrs.frozen
class Clause:
    text: str
    offset: int  # where the text starts in the item's text
    actors: tuple[Mention, ...]
    # Reads the date phrases of `text` (see `dates`).
    read_dates: Callable[[], tuple[DateMention, ...]] = attrs.field(eq=False, repr=False)
    percents: tuple[Percent, ...]
    sentence: tuple[int, int] | None = None  # the whole sentence, when this is a part of one
    # `text` lowered, offsets kept: the case-blind patterns are written in lower case and run on it.
    low: str = attrs.field(default=attrs.Factory(lambda self: lowered(self.text), takes_self=True))
    # What `matches` and `scan` found in `low`: several readers look for the same cues in one sentence (the
    # tariff reader's trigger three times), and the clause is the sentence, so they are found once.
    _found: dict[Any, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every match of `pattern` in `low`, as ``list(pattern.finditer(low))``."""
        found = self._found.get(pattern)
        if found is None:
            found = self._found[pattern] = list(pattern.finditer(self.low))
        return found

    def text_matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Every match of `pattern` in `text` (as written), as ``list(pattern.finditer(text))``."""
        key = ("text", pattern)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = list(pattern.finditer(self.text))
        return found

    def once(self, name: str, read: Callable[[Clause], _T]) -> _T:
        """``read(self)``, read once per clause (what several readers ask of the same sentence)."""
        found = self._found.get(name, _MISSING)
        if found is _MISSING:
            found = self._found[name] = read(self)
        return cast(_T, found)

    def scan(self, table: list[tuple[str, re.Pattern[str]]]) -> list[tuple[int, re.Match[str]]]:
        """Every cue of a status table in `low`, as ``_scan(table, low)``."""
        key = id(table)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = _scan(table, self.low)
        return found

    def actors_in(self, start: int, end: int) -> tuple[Mention, ...]:
        """The actors that start within `text[start:end]`, found by bisection (a long sentence of many lists
        asks this of every list)."""
        starts = self.once("actor_starts", lambda c: [m.start for m in c.actors])
        return self.actors[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def percents_in(self, start: int, end: int) -> tuple[Percent, ...]:
        """The percentages that start within `text[start:end]`, found by bisection."""
        starts = self.once("percent_starts", lambda c: [p.start for p in c.percents])
        return self.percents[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    @functools.cached_property
    def dates(self) -> tuple[DateMention, ...]:
        """The date phrases of `text`, read on first use: reading them is the costliest part of preparing a
        sentence, and about half of the sentences that pass the trigger test state nothing that needs one."""
        return self.read_dates()

    def part(self, start: int, end: int) -> Clause:
        """The clause `text[start:end]` of this sentence, with the findings that fall inside it."""
        return Clause(
            text=self.text[start:end],
            offset=self.offset + start,
            actors=tuple(
                attrs.evolve(a, start=a.start - start, end=a.end - start)
                for a in self.actors
                if start <= a.start < end
            ),
            read_dates=lambda: tuple(
                attrs.evolve(d, start=d.start - start, end=d.end - start)
                for d in self.dates
                if start <= d.start < end
            ),
            percents=tuple(
                attrs.evolve(p, start=p.start - start, end=p.end - start)
                for p in self.percents
                if start <= p.start < end
            ),
            sentence=self.sentence or (self.offset, self.offset + len(self.text)),
            low=self.low[start:end],
        )


@attrs.define
class Context:
    published: date | None
    evidence: dict[str, Any]  # item_id, url, source, published for Evidence
    item_text: str
    main_actors: list[str]  # the item's actors, most mentioned first
    dateline: str | None = None
    recent: list[str] = attrs.Factory(list)  # actors of the previous sentences, latest first
    dateline_city: str | None = None  # "GENEVA", as a venue: "Geneva"
    last_controller: str | None = None  # of the item's latest export control
    last_imposer: str | None = None  # of the item's latest tariff: "the pause covers the 20% rate on ..."
    last_person: str | None = None  # whose official the latest named person is: what "he" or "she" refers to
    last_threat_actor: str | None = None  # who made the item's latest threat
    last_lister: str | None = None  # who made the item's latest Entity List listing
    # (imposer, goods) -> whose goods the item said they were: "tariffs on Chinese solar cells ... the rate on
    # solar cells will go from 25% to 50%"; all the origins they were last named with: "steel from the EU,
    # Canada and Mexico".
    product_targets: dict[tuple[str, str], tuple[str, ...]] = attrs.Factory(dict)
    # imposer -> the jurisdictions its latest duty named: "Orange juice was exempted from the levy" on Brazil
    last_targets: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    # "curbs on exports of two metals": the controls of a set the sentence counts without naming it,
    # as (how many, the statement's controls)
    counted_sets: list[tuple[int, list[ExportControl]]] = attrs.Factory(list)
    # imposer -> the goods its latest duty named: "were exempted from both duties" after duties on steel and aluminum
    # (where its sentence starts, goods)
    last_goods: dict[str, tuple[int, tuple[Product, ...]]] = attrs.Factory(dict)
    # the goods a counted set of a control stood for ("the three metals": zinc, lead and tin), which a later
    # "the metals" refers to
    named_set: list[Product] = attrs.Factory(list)
    # Whether a sentence denied a measure ("will not impose tariffs"): the item states that nothing happened,
    # so its headline ("UK holds fire on retaliation") is not read for an event instead.
    denied: bool = False
    # the imposer of the statement before, while a statement that opens with its verb is read
    joined_subject: str | None = None
    # The dates of controls that name only the day each was made ("on Tuesday banned exports"): a day another
    # sentence says the rules take effect ("The rules take effect on Dec. 1") outranks them.
    acted_days: set[DateSpan] = attrs.Factory(set)
    _immediate: bool | None = None
    _item_low: str | None = None
    _story_has: dict[re.Pattern[str], bool] = attrs.Factory(dict)

    def story_has(self, pattern: re.Pattern[str]) -> bool:
        """Whether the item's text (in lower case) holds `pattern`: looked up once per item, since the rules
        that ask (is this a story about duties? about trade?) ask for every sentence."""
        found = self._story_has.get(pattern)
        if found is None:
            if self._item_low is None:
                self._item_low = self.item_text.lower()
            found = self._story_has[pattern] = pattern.search(self._item_low) is not None
        return found

    @property
    def immediate(self) -> bool:
        """Whether the item says a measure applies at once ("took effect immediately"): read once per item."""
        if self._immediate is None:
            self._immediate = "mmediate" in self.item_text and _IMMEDIATE.search(self.item_text) is not None
        return self._immediate

    def quote(self, clause: Clause, confidence: float) -> Evidence:
        start, end = clause.sentence or (clause.offset, clause.offset + len(clause.text))
        return Evidence.quote(
            self.item_text,
            start,
            end,
            confidence=round(min(max(confidence, 0.0), 1.0), 2),
            **self.evidence,
        )


# --- shared helpers -------------------------------------------------------------------------------------

_ACTING_DEMONYM_NOUN = re.compile(
    r"\s+(?:government|officials?|authorities|administration|president|prime minister|premier|leader"
    r"|ministry|minister|regulators?|negotiators?|delegation|side|commerce|customs|trade|finance|foreign"
    r"|embassy|state|central|cabinet|parliament|lawmakers|envoy|team)\b",
    _I,
)
_TARGET_LEAD = re.compile(
    # not "On Monday the US Commerce Department added": a day after "on" is when, not whom
    r"\b(?:on(?!\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:jan|feb|mar|apr|jun|jul|aug|sep"
    r"|oct|nov|dec)[a-z]*\.?\s+\d))|against|from|toward|towards|targeting|target|hitting|hit(?!\s+back\b)|to|into|of|with|for|over|through|via"
    # "added 14 organisations, including US defence contractors, to its list": those listed, not who lists
    r"|including|such as)\s+"
    r"(?:(?:the|all|most|some|many|certain|more|its|their|imports|goods|products|exports|shipments|of|from"
    r"|made|in|produced|[\w-]+)\s+){0,3}$",
    _I,
)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", _I)


# Matched on lowered text (`Clause.low`, same offsets), like every pattern of this module that is written in
# lower case and compiled without IGNORECASE: compiled with it, such scans cost three to ten times more.
_ALL_PARTNERS = re.compile(
    r"\b(?:all|every|most|global|worldwide|all of its|any) (?:trading )?(?:partners?|countries|nations|imports"
    r"|origins|sources|suppliers|economies)\b|\bbaseline\b|\bglobal(?:ly)?\b|\bworldwide\b|\ball imports\b"
    r"|\bfrom anywhere\b|\bmost-favou?red-nation\b"
    # "a general tariff of 62% on bone-in chicken": the duty every origin pays
    r"|\bgeneral (?:import )?(?:tariffs?|dut(?:y|ies)|rates?)\b"
    # "steel imported from countries it has no trade agreement with": every partner of a kind, none by name
    r"|\bfrom (?:other |all other )?countries (?:that|which|it|with|without|outside|where)\b",
)


def _all_partners(low: str, end: int | None = None) -> bool:
    """Whether the sentence names every partner ("tariffs on all imports", "a baseline tariff"), not in a
    comparison ("one of the steepest rates Washington applied to any trading partner")."""
    for m in _ALL_PARTNERS.finditer(low, 0, len(low) if end is None else end):
        if not (
            m.group().startswith("any") and _COMPARED_WITH_ANY.search(low, max(0, m.start() - 70), m.start())
        ):
            return True
    return False


_COMPARED_WITH_ANY = re.compile(
    r"\b(?:steepest|highest|lowest|harshest|toughest|heaviest|biggest|largest|most|least)\b[^.;]{0,60}$"
)


def _distinct(codes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(c for c in codes if c and c != "*"))


def _is_actor(clause: Clause, mention: Mention) -> bool:
    if mention.kind != "demonym":
        return True
    return bool(_ACTING_DEMONYM_NOUN.match(clause.text, mention.end))


# Where a reported clause begins: "Lutnick said ... that China would resume ...".
_CLAUSE_START = re.compile(
    r"\b(?:that|said|says|while|whereas|after|when|because|once)\b|[;:]|,\s+(?:and|but)\b"
    # "..., prompting Washington to hold back the tariffs": who was moved to act is the subject of the act
    r"|\b(?:prompting|prompted|forcing|forced|pushing|pushed|persuading|persuaded|leading)\b"
    r"(?!\s+by\b)(?=\s+(?:[\w.'’-]+\s+){1,4}?to\s)"
)  # on Clause.low


def _subject(clause: Clause, before: int, exclude: Sequence[str] = ()) -> Mention | None:
    """The acting jurisdiction left of `before` that is not introduced as a target: the first one of the
    clause that holds `before`, else the first one of the sentence."""
    starts = [m.end() for m in _CLAUSE_START.finditer(clause.low, 0, before)]
    if starts:
        found = _first_actor(clause, starts[-1], before, exclude)
        if found is not None:
            return found
    return _first_actor(clause, 0, before, exclude)


_MET_IN = re.compile(
    r"\b(?:met|meet|meets|meeting|talks|held|summit|gathered|convened)\s+(?:[\w-]+\s+){0,2}?(?:in|at)\s+$"
)


def _first_actor(clause: Clause, start: int, before: int, exclude: Sequence[str]) -> Mention | None:
    for m in clause.actors:
        if m.start < start:
            continue
        if m.start >= before:
            break
        if m.code in exclude or not _is_actor(clause, m):
            continue
        if m.kind == "capital" and _MET_IN.search(clause.low, max(0, m.start - 40), m.start):
            continue  # "the two sides last met in London": where they met, not who acts
        # the words that may make it a target stand in its own clause ("after Washington raised")
        lead_from = max(0, m.start - 40)
        lead = clause.text[lead_from : m.start]
        if _TARGET_LEAD.search(lead[max(0, start - lead_from) :]) and not re.search(
            r"\b(?:said|says)\b", lead, _I
        ):
            continue
        return m
    return None


#: The first acting jurisdiction of `clause.text[start:before]`, for the extractor's joined statements.
first_actor = _first_actor


# Where the statement of a measure ends and the sentence goes on about something else.
# On `Clause.low`: compiled without IGNORECASE, the scan costs half as much.
_STATEMENT_END = re.compile(
    r",\s+(?:\w+ing|which|who|while|as|after|before|but|said|says|according)\b|;|\s[-–—]\s"
    # "exempted from the duties while they negotiate with Washington": a clause with a subject of its own;
    # "imposed a tariff on pipes but exempted refined copper, the bulk of what the U.S. imports": a second verb
    r"|\s(?:(?:while|whereas|because|until|as long as)\s+(?:they|it|he|she|we)"
    r"|but\s+(?:also\s+)?(?:[a-z]+ed|will|would|has|have|is|are|was|were|kept|left|spared))\b"
)


_APPOSITION = re.compile(
    r",\s+(?:a|an|the|in a|in an)\s+(?:[\w-]+\s+)?(?:move|step|decision|measure|blow|boost|reversal|response"
    r"|sign|signal|setback|win|victory|escalation|concession)\b",
    _I,
)


def _target_after(clause: Clause, pos: int, exclude: Sequence[str] = (), limit: int = 90) -> Mention | None:
    end = _STATEMENT_END.search(clause.low, pos)
    stop = min(pos + limit, end.start() if end else len(clause.text))
    for m in clause.actors:
        if m.start < pos or m.code in exclude:
            continue
        if m.start > stop:
            break
        lead = clause.text[max(pos, m.start - 45) : m.start]
        if _BY.search(lead) or _is_destination(clause, m.start) or _FOR_BUYING.search(lead):
            continue
        if _TARGET_LEAD.search(lead):
            return m
    return None


# "a penalty for buying Russian oil": the goods whose purchase the duty punishes, not its target
_FOR_BUYING = re.compile(
    r"\b(?:(?:for|over)\s+(?:(?:its|their)\s+)?|(?:that|which|who)\s+(?:keep\s+|continue\s+to\s+|still\s+)?)"
    r"(?:buying|importing|purchasing|purchases\s+of|imports\s+of|buy|import|purchase)\s+$",
    _I,
)


def _agent_after_by(clause: Clause, pos: int, limit: int = 80) -> Mention | None:
    """'a duty imposed by Washington': the agent of the measure, within its own statement; "..., in a bid to
    shield mills hit by US duties" names the agent of something else."""
    end = _STATEMENT_END.search(clause.low, pos)
    stop = min(pos + limit, end.start() if end else len(clause.text))
    for m in clause.actors:
        if m.start > stop:
            break
        if (
            m.start >= pos
            and _BY.search(clause.text[max(pos, m.start - 8) : m.start])
            and not _MADE_BY.search(clause.low, max(pos, m.start - 40), m.start)
        ):
            return m
    return None


# "tariffs on drones, an industry dominated by Chinese manufacturers": who makes or holds the goods, not who
# sets the duty
_MADE_BY = re.compile(
    r"\b(?:dominated|made|produced|manufactured|owned|supplied|built|assembled|used|bought|sold"
    r"|exported|shipped|operated|mined|refined|processed)\s+by\s+(?:the\s+)?$"
)


def _adjacent_before(clause: Clause, trigger_start: int) -> Mention | None:
    """'U.S. tariffs', "China's export curbs", 'EU duties': the jurisdiction that owns the measure."""
    for m in reversed(clause.actors):
        if m.end > trigger_start:
            continue
        gap = clause.text[m.end : trigger_start]
        if re.fullmatch(
            r"\.?(?:'s|’s|')?\s*(?:(?:new|fresh|additional|extra|higher|retaliatory|counter|reciprocal|punitive"
            r"|existing|current|sweeping|blanket|planned|proposed|latest|steep|hefty|broad|tighter|expanded"
            r"|standard|basic|general|normal|usual|regular|ordinary"
            r"|import|export|[\d.]+\s?(?:%|percent|per cent)|[\w-]+-related|\"[\w\s-]+\")[\s-]+){0,4}",
            gap,
            _I,
        ):
            return m
        return None
    return None


_COMBINED: dict[int, re.Pattern[str]] = {}


def _combined(table: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
    """One pattern for a whole status table (a group per status), so a sentence is scanned once."""
    found = _COMBINED.get(id(table))
    if found is None:
        # Matched against the lowered text (same length, same offsets): IGNORECASE costs several times more.
        patterns = [p.pattern for _, p in table]
        if all(p.startswith(r"\b") for p in patterns):
            # Every cue starts at a word boundary, with a letter: testing that once, before the choice of
            # statuses, rather than once per status spares the scan most of its work at positions that start
            # no word (four to six times faster on these tables). Every status pattern of _lexicon starts
            # with a letter after its boundary, so the lookahead for a word character drops no cue.
            alternatives = "|".join(f"(?P<s{i}>{p[2:]})" for i, p in enumerate(patterns))
            found = re.compile(rf"\b(?=\w)(?:{alternatives})")
        else:
            found = re.compile("|".join(f"(?P<s{i}>{p})" for i, p in enumerate(patterns)))
        _COMBINED[id(table)] = found
    return found


_PERFECT_PARTICIPLE = re.compile(r"\bhaving\s+(?:been\s+)?$")
# "goods that had so far been spared": auxiliaries and adverbs may stand between the pronoun and its verb
_RELATIVE_LEAD = re.compile(
    r"\b(?:that|which)\s+(?:it\s+|they\s+)?(?:(?:had|has|have|was|were|is|are|been|be|so far|already|long"
    r"|\w+ly)\s+){0,3}$"
)
# A relative clause without "that": "will halve the tariffs it imposed last year", "the duties he placed on
# steel". Its verb describes the measure; the sentence's own verb is what happens to it.
_BARE_RELATIVE_LEAD = re.compile(
    r"\b(?:tariffs?|duty|duties|levy|levies|surtax(?:es)?|surcharges?|curbs|controls|restrictions|bans?"
    r"|measures|countermeasures|%)(?:\s+(?:of|at)\s+(?:up\s+to\s+)?[\d.]+\s*(?:%|per\s?cent|percent))?"
    # "the curbs on tin it announced in July": the goods may stand between the measure and its clause
    r"(?:\s+on\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?"
    r"\s+(?:it|he|she|they|we)\s+(?:had\s+|has\s+|have\s+)?$"
)


_ASIDE_OPEN = re.compile(r",\s*(?:(?:first|originally|initially|already|previously)\s+)?$")
# Words before a noun: "its levy", "a 10% levy", "the new levies".
_NOUN_LEAD = re.compile(
    r"\b(?:a|an|the|its|their|his|her|this|that|these|those|such|any|no|[\w.]+'s)\s+(?:[\w-]+\s+){0,2}$"
    r"|(?:%|\bper\s?cent|\bpercent)\s+(?:[\w-]+\s+)?$"
)


# A clause of time or cause after the measure: its verb tells of another event.
_LATER_CLAUSE = re.compile(r"\b(?:after|before|once|when|until|since|because)\s+(?:[\w'’-]+\s+){0,3}$")


def _nearest(
    table: list[tuple[str, re.Pattern[str]]],
    text: str,
    low: str,
    anchor: tuple[int, int],
    weak: frozenset[str] = frozenset(),
    within: int = 10_000,
    nouns: frozenset[int] = frozenset(),
    hits: list[tuple[int, re.Match[str]]] | None = None,
) -> tuple[str, re.Match[str]] | None:
    """The status whose cue stands nearest the trigger; weak cues and the trigger's own words count less.
    `nouns`: where the measure's own nouns start ("the levies it imposed"), which are no cue of a verb.
    `hits`: ``_scan(table, low)``, when the caller has it."""
    best: tuple[float, int, str, re.Match[str]] | None = None
    for rank, m in _scan(table, low) if hits is None else hits:
        status = table[rank][0]
        if text[m.start() : m.end()].strip() == "May":  # the month, not the modal verb
            continue
        if m.start() in nouns:
            continue
        if m.group() in ("levy", "levies") and _NOUN_LEAD.search(low, max(0, m.start() - 30), m.start()):
            continue  # "will remove its levy on beef": the noun names the measure, it is no verb of it
        distance: float = max(anchor[0] - m.end(), m.start() - anchor[1], 0)
        if distance > within:
            continue
        if anchor[0] <= m.start() < anchor[1]:
            # "banned exports", "required licences": the trigger says what the measure is, not what happened
            # to it; a cue that only ends in it ("will pause the widening of its export curbs") is a verb
            # of its own.
            distance += 50
        elif m.start() < anchor[0] < m.end():
            distance += 15
        if _RELATIVE_LEAD.search(low, max(0, m.start() - 32), m.start()):
            distance += 25  # "a rule that extended its curbs": the clause describes the measure
        elif _BARE_RELATIVE_LEAD.search(low, max(0, m.start() - 50), m.start()):
            # "will drop the duties it slapped on X": the verb of the clause stands right before the goods,
            # nearer them than the sentence's own verb
            distance += 80
        if m.group().lower() in weak:
            distance += 60
        if (
            m.group().endswith(("ed", "en"))
            and _ASIDE_OPEN.search(low, max(0, m.start() - 20), m.start())
            and "," in low[m.end() : m.end() + 80]
            # "let the firm, placed on the Entity List in May, keep buying": an aside that holds the measure
            # says what happened to it
            and not m.end() <= anchor[0] < low.find(",", m.end())
        ):
            distance += 80  # "the levy, imposed in June, will be removed": the aside describes the measure
        if _PERFECT_PARTICIPLE.search(low, max(0, m.start() - 8), m.start()):
            continue  # "..., having suspended both in January": what was done before, not the news
        if m.start() > anchor[1]:
            distance += 5  # verbs before the trigger ("raised tariffs") read more surely than after
            if _LATER_CLAUSE.search(low, max(anchor[1], m.start() - 30), m.start()):
                # "reinstated its tariff on beef after the waiver expired": another event's verb
                distance += 40
        key = (distance, rank)
        if best is None or key < best[:2]:
            best = (distance, rank, status, m)
    return None if best is None else (best[2], best[3])


def _scan(table: list[tuple[str, re.Pattern[str]]], low: str) -> list[tuple[int, re.Match[str]]]:
    """Every cue of the table in `low` (lowered text) with its rank, in one pass of the combined pattern (where
    two statuses' cues start at one place, the earlier status in the table wins)."""
    return [(int(m.lastgroup[1:]), m) for m in _combined(table).finditer(low) if m.lastgroup]


_NEGATION_BREAK = re.compile(r"[,;]|\b(?:but|and|after|while|which)\b")


def _negated(clause: Clause, pos: int) -> bool:
    start = max(0, pos - 45)
    # The statement that holds `pos` starts after the last break of the window (case-sensitive, as written).
    cut = 0
    for m in _NEGATION_BREAK.finditer(clause.text[start:pos]):
        cut = m.end()
    window = clause.low[start + cut : pos]
    return any(not _REDUCED_RELATIVE.match(window, m.start()) for m in lex.NEGATION.finditer(window))


# "goods not covered by the pact", "items not listed in the annex": a negated participle describes the goods,
# it does not deny the measure.
_REDUCED_RELATIVE = re.compile(r"not\s+(?:\w+ed|subject|eligible|qualifying)\s+(?:by|under|in|to|for)\b")


def _denied(ctx: Context) -> list[Any]:
    """No event, from a sentence that denies one."""
    ctx.denied = True
    return []


def _hedged(clause: Clause, pos: int, end: int) -> bool:
    start = max(0, pos - 60)
    for m in lex.HEDGE.finditer(clause.low[start:end]):
        if clause.text[start + m.start() : start + m.end()] == "May":
            continue
        if _TALKS_HEDGED.match(clause.low, start + m.end()):
            continue  # "has proposed negotiations over the 50% tariff that took effect": the talks are to come
        return True
    return False


_TALKS_HEDGED = re.compile(
    r"\s+(?:(?:new|fresh|formal|further|bilateral|trade)\s+)*(?:negotiations|talks|consultations|dialogue)\b"
)


# A date right after a reporting verb ("the ministry said on Monday", "told reporters on Friday") is when the
# news was given, not when a measure applies or talks take place.
REPORTED = re.compile(
    r"\b(?:said|says|announced|stated|added|reported|told\s+(?:\w+\s+){0,2}?(?:reporters|journalists|"
    r"lawmakers|parliament|a news conference|a briefing|\w+))"
    # "said in a statement on Friday", "said in a television interview late on Tuesday"
    r"(?:\s+in\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:statement|interview|post|briefing|notice|speech|release))?"
    r"\s+(?:(?:late|early|earlier|later)\s+)?$"
)


# "the hikes that were set to start on Monday": a plan stated in the past tense was overtaken
# (postponed, paused, cancelled); its date is not the measure's.
SUPERSEDED = re.compile(
    r"\b(?:were|was|had been)\s+(?:due|scheduled|set|slated|planned|expected)\s+to\s+[\w\s]{0,30}$"
)


def _measure_dates(clause: Clause) -> list[DateMention]:
    return clause.once("measure_dates", _read_measure_dates)


def _read_measure_dates(clause: Clause) -> list[DateMention]:
    return [
        d
        for d in clause.dates
        if not REPORTED.search(clause.low, max(0, d.start - 40), d.start)
        and not SUPERSEDED.search(clause.low, max(0, d.start - 60), d.start)
        and not (
            _OF_AN_OLD_RATE.search(clause.low, max(0, d.start - 160), d.start)
            # (a start named as such is the measure's: "... under the deal announced in July starting Sept. 16",
            # but not the start the old rate was to have: "the 25% rate Trump had threatened to impose from Aug. 1")
            and not (
                _TERM_START.search(clause.low, max(0, d.start - 15), d.start)
                and not _OLD_RATE_START.search(clause.low, max(0, d.start - 30), d.start)
            )
        )
    ]


# "down from the 32% rate set in April", "below the 25% rate Trump had threatened to impose from Aug. 1": the
# date of the rate compared, not of the measure (but "to 25% from 10% on Monday" is the change's)
_OF_AN_OLD_RATE = re.compile(
    r"\b(?:from|below|above|than|instead of)\s+(?:the\s+|a\s+|its\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per cent)"
    r"(?:[^,;.%]|(?<=\b[a-z])\.){0,80}?\b(?:set|announced|imposed|threatened|planned|had|introduced|slapped"
    r"|proposed)\b(?:[^,;.%]|(?<=\b[a-z])\.){0,60}$"
)


# Where a statement ends before a date: a cue on the far side of one ("to 5% from 8%, the ministry said on
# Friday") introduces no date of this one.
_DATE_CUE_BREAK = re.compile(r".*(?:[,;]|:(?!\d)|\bsaid\b|\bsays\b)", re.DOTALL)  # "12:01 a.m." ends none


# A date of the measure's imposition or announcement: "reversing a restriction imposed in April", "the curbs it
# introduced last year", "the controls it announced on October 9". A change to the measure (a relaxation, a
# lifting) is not dated by it.
_IMPOSED_ON = re.compile(
    r"\b(?:imposed|introduced|adopted|placed|slapped|put in place|announced|unveiled)\s+(?:(?:in|on|since|from)\s+)?$",
    _I,
)


def _first_date(
    clause: Clause,
    cue: re.Pattern[str] | None = None,
    *,
    old_stage: bool = False,
    acts: bool = False,
    act_words: re.Pattern[str] | None = None,
) -> DateSpan | None:
    """The first date the cue introduces; a duration ("for five years") only when no day is named. With
    `old_stage`, a date of when the measure was imposed is not the one sought. With `acts`, also the day of a
    change stated as done ("on Tuesday imposed controls", "doubled tariffs on Wednesday"): the day it was made
    is the day it applies."""
    return _dated(clause, cue, old_stage=old_stage, acts=acts, act_words=act_words)[0]


def _dated(
    clause: Clause,
    cue: re.Pattern[str] | None = None,
    *,
    old_stage: bool = False,
    acts: bool = False,
    act_words: re.Pattern[str] | None = None,
) -> tuple[DateSpan | None, bool]:
    """`_first_date`, and whether the date is only the day the change was made (no cue of its own)."""
    found = []
    acted = []  # dates of the act only, with no cue of their own
    for d in _measure_dates(clause):
        if old_stage and (
            _IMPOSED_ON.search(clause.text, max(0, d.start - 30), d.start)
            or _imposed_then(clause.low, d.start)
        ):
            continue
        # "the same day" points back at the date of another measure, so it is a measure's date by itself.
        if cue is not None and not d.anaphoric:
            lead = clause.text[max(0, d.start - 35) : d.start]
            cut = _DATE_CUE_BREAK.match(lead)
            lead = lead[cut.end() :] if cut else lead
            if not cue.search(lead + clause.text[d.start : d.start + len(d.span.text) + 1]):
                if acts and _acted_on(clause, d, act_words or _PAST_ACT):
                    acted.append(d.span)
                continue
        found.append(d.span)
    # "removed the tariff on Thursday, with the change applying from November 13": a day the text says the
    # change applies from outranks the day it was made
    only_acted = not found
    found = found or acted
    named = [span for span in found if not _DURATION.match(span.text)]
    chosen = named or found
    return (chosen[0], only_acted) if chosen else (None, False)


_DURATION = re.compile(r"(?:for|within)\s", _I)
_FOR_A_TIME = re.compile(r"for\s", _I)
_ONWARD_LEAD = re.compile(r"\b(?:from|starting|effective|until|as of|as from|beginning)\s")
_IMPOSED_WORD = re.compile(r"\b(?:imposed|reimposed|introduced|slapped|levied|adopted|placed)\b")


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007  # the last one is wanted
        pass
    return found


def _imposed_then(low: str, at: int) -> bool:
    """ "roll back the tariffs they imposed on each other in April": the date of when the measure was imposed,
    its verb the last one before the date."""
    if _ONWARD_LEAD.search(low, max(0, at - 12), at + 10):
        return False  # "it imposed in March on farm goods from Nov. 10": the day the change applies
    imposed = _last_match(_IMPOSED_WORD, low, max(0, at - 60), at)
    if imposed is not None and "," in low[imposed.end() : at]:
        return False  # "doubled the duties, all imposed under Section 232, to 50% on Wednesday": the change's day
    return imposed is not None and not any(
        m.group() != "imposed" for m in _PAST_ACT.finditer(low, imposed.end(), at)
    )


# A change stated as done, in the past tense: its day, right before or after the verb and its object, is when
# it was made. "Announced", "unveiled", "proposed" state a decision, whose day is when it was said.
_PAST_ACT = re.compile(
    r"\b(?:imposed|tightened|expanded|widened|added|banned|halted|lifted|removed|scrapped|dropped|raised|doubled|tripled"
    # ("cut" reads as done when nothing says it is to come: "India on Tuesday cut its tariff", not "agreed on
    # Thursday to cut tariffs")
    r"|hiked|lowered|reduced|eased|relaxed|suspended|paused|restricted|blacklisted|slashed|halved|extended|trimmed"
    # (a duty's "cut", not "cut off trade talks", "cut shipments")
    r"|(?<!\bto )(?<!\bwould )(?<!\bcould )(?<!\bmay )(?<!\bmight )(?<!\bshould )(?<!\bmust )(?<!\band )cut"
    r"(?!\s+(?:off|back|short|ties|shipments|imports|exports|output|production|jobs|purchases|orders|forecasts?"
    r"|prices|spending|staff|supplies|deliveries)\b)"
    r"|struck(?= down)|invalidated|overturned|answered|retaliated|responded(?= with)|hit back(?= with)"
    r"|placed|introduced|levied|slapped|adopted"
    # "put Huawei on its Entity List on Thursday" (not "will put": `_acted_on` turns away what is to come)
    r"|put(?=\s+(?:[\w.&'’-]+\s+){1,6}?on\s+(?:the|its|their)\s+(?:[\w-]+\s+)?(?:entity|export|trade)\s+(?:list|blacklist)\b)"
    # "hit China with new export curbs on Tuesday"
    r"|(?<!\bto )hit(?=\s+(?:[\w.'’-]+\s+){1,4}?with\b)"
    r"|began|started)\b"
)
_DAY_WORD = re.compile(
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b", _I
)


_IMMEDIATE = re.compile(
    r"\b(?:with immediate effect|effective immediately|(?:take|takes|took|taking) effect immediately"
    r"|(?:apply|applies|applied) immediately|immediately effective)\b",
    _I,
)


def _said_that_day(clause: Clause, published: date, text: str) -> DateSpan:
    """The day a measure that applies "immediately" was stated: the weekday the sentence names ("announced on
    Tuesday a ban, effective immediately"), else the story's own day."""
    for d in clause.dates:
        span = d.span
        if (
            span.granularity.value == "day"
            and span.end <= published
            and _DAY_WORD.fullmatch(span.text)
            # (not the day of what it answers: "in response to U.S. chip curbs unveiled on Monday", "a week after
            # talks collapsed on Monday")
            and not _OTHER_EVENT_BEFORE.search(clause.low, clause.low.rfind(",", 0, d.start) + 1, d.start)
        ):
            return span
    return DateSpan.day(published, text)


_OTHER_EVENT_BEFORE = re.compile(
    r"\b(?:after|following|in response to|responding to|in retaliation for|retaliating against|in reply to"
    r"|before|since|when|once)\b"
)


_IN_BEFORE = re.compile(r"\bin $")
_INSERTED = re.compile(
    r"\s*(?:including|such as|among them|mostly|many of them|most of them)\b"
    # "began requiring licences for exports of gallium and germanium, two metals used in chipmaking, on Aug. 1":
    # what the goods are, said between them and the day
    r"|\s*(?:a|an|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z-]+\s+){0,2}(?:metals?|minerals?"
    r"|materials?|elements?|chemicals?|products|goods|inputs?|ingredients?|components?|crops?|staples?|exports?"
    r"|commodit(?:y|ies))\b"
)
# The rest of a list after one of its commas: a few words, the last item after "and", then the day.
_LIST_TAIL = re.compile(
    r"(?:\s+(?:and|or))?(?:\s+[a-z-]+){1,3}(?:\s+(?:and|or)(?:\s+[a-z-]+){1,3})?"
    # "... and antimony to the United States on Tuesday": the list's destination may close it
    r"(?:\s+(?:to|from)(?:\s+[a-z.-]+){1,3})?\s+(?:on\s+)?$"
)
_LIST_ITEM = re.compile(r"(?:\s+[a-z-]+){1,3}")
_ANOTHER_PAST_VERB = re.compile(
    r"\b(?:reached|struck|agreed|signed|met|held|said|announced|made|took|came|sealed|clinched|won|lost|launched"
    r"|opened|started|began|ended|dropped|lifted|removed|scrapped|withdrew|eased|suspended|paused|retaliated"
    r"|responded)\b"
)
_LAST_WEEK = re.compile(
    r"(?:earlier\s+)?(?:last|this)\s+week|(?:over|at|during|on)\s+the\s+weekend|last\s+weekend", _I
)
_IN_OR_LAST = re.compile(r"(?:in|last)\s", _I)  # the month's phrase may hold its preposition


def _acted_on(clause: Clause, d: DateMention, verbs: re.Pattern[str]) -> bool:
    """Whether `d` is the day (or the month) of a change stated as done, whose verb is one of `verbs`."""
    if (
        d.span.granularity.value == "month"
        and clause.low[: d.start].strip() in ("", "in")
        and clause.low.startswith(",", d.end)
    ):
        # "Last October, Washington imposed sweeping rules", "In March, China banned exports": a month that opens
        # the sentence dates the verb right after its subject
        end = clause.low.find(",", d.end + 1)
        window = clause.low[d.end : d.end + 60 if end < 0 else min(end, d.end + 60)]
        act = verbs.search(window)
        return (
            act is not None
            and not lex.FUTURE.search(window)
            and not _hedged(clause, d.end, d.end + len(window))
            and not _ANOTHER_PAST_VERB.search(window, 0, act.start())
        )
    if d.span.granularity.value == "month" and (
        _IN_BEFORE.search(clause.low, max(0, d.start - 4), d.start) or _IN_OR_LAST.match(d.span.text)
    ):
        # "were lifted in August 2023", "removed its duties last August": the month of a change done is when
        # it applies
        # the verb may stand before a long object: "imposed countervailing duties of up to 35.3% on Chinese
        # electric vehicles in October 2024"
        window_start = max(0, d.start - 100)
        window = clause.low[window_start : d.start]
        act = _last_match(verbs, clause.low, window_start, d.start)
        # "lifted its ban under a deal the leaders reached in Lima last month": the month of another verb
        return (
            act is not None
            and not lex.FUTURE.search(window)
            and not _ANOTHER_PAST_VERB.search(clause.low, act.end(), d.start)
            # "the ban, imposed last December, would no longer apply, but exporters must still obtain
            # licences": a participle after a comma says when the noun before it was imposed
            and not clause.low.endswith(", ", 0, act.start())
        )
    # "China last week restricted exports of tungsten": a week gone by dates the act as a weekday does
    last_week = _LAST_WEEK.fullmatch(d.span.text) is not None
    if d.span.granularity.value != "day" and not last_week:
        return False
    # "dropped its tariffs on Jan. 1": a calendar day after "on" dates the act as a weekday does
    if (
        not last_week
        and not _DAY_WORD.match(d.span.text)
        and not (clause.low.endswith("on ", 0, d.start) or d.span.text.lower().startswith("on "))
    ):
        return False
    start = clause.low.rfind(",", 0, d.start) + 1
    # "doubled tariffs on imports including cars, alcoholic drinks(,) and tobacco on Wednesday": the commas of a
    # list of goods end no statement; the window steps back over its items to the statement that holds them
    if start and _LIST_TAIL.match(clause.low, start, d.start):
        for _ in range(12):
            prev = clause.low.rfind(",", 0, start - 1) + 1
            item = _LIST_ITEM.fullmatch(clause.low, prev, start - 1)
            start = prev
            if item is None or start == 0:
                break
    if start and not verbs.search(clause.low, start, d.start):
        # "added 14 foreign organisations, including U.S. and Canadian companies, to its entity list on Thursday":
        # the window steps back over an inserted "including ..." to the statement around it
        prev = clause.low.rfind(",", 0, start - 1) + 1
        if _INSERTED.match(clause.low, prev, start - 1):
            start = clause.low.rfind(",", 0, prev - 1) + 1
        elif _INSERTED.match(clause.low, start, d.start):
            start = prev  # the window opens with the words inserted: the statement is before them
    if clause.low[: d.start].strip() in ("", "earlier", "later", "early", "late", "also"):
        # "On Tuesday, Canada raised its surtax": a day that opens the sentence dates the verb that follows it
        after = d.end + (1 if clause.low.startswith(",", d.end) else 0)
        end = clause.low.find(",", after)
        window = clause.low[d.start : d.end + 60 if end < 0 else min(end, d.end + 60)]
    else:
        end = clause.low.find(",", d.end)
        # The verb may stand well before the day, across a long object: "imposed a provisional safeguard duty
        # of 12 percent on all imports of some flat steel products on Monday".
        window = clause.low[max(start, d.start - 130) : d.end + 20 if end < 0 else min(end, d.end + 20)]
    act = verbs.search(window)
    return (
        act is not None
        and not window.endswith(", ", 0, act.start())
        and not lex.FUTURE.search(window)
        and not _hedged(clause, d.start, d.end)
        # "Earlier on Monday, Canada said it had imposed 25% tariffs ... last week": the day of the report, not
        # of the act it reports as done before
        and not _SAID_IT_HAD.search(window, 0, act.start())
    )


_SAID_IT_HAD = re.compile(r"\b(?:said|says|announced|confirmed)\s+(?:that\s+)?(?:[\w.'’-]+\s+){0,3}?had\s+$")


def _confidence(clause: Clause, base: float) -> float:
    if clause.matches(lex.BACKGROUND):
        base -= 0.25
    return base


# --- products ---------------------------------------------------------------------------------------------

# (not "after the US on Friday exempted Chinese-made smartphones": "on" a day says when)
_PRODUCT_START = re.compile(
    r"\b(?:on(?!\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)|covering|including|against)\s+",
    _I,
)
# "made" ends the goods ("cars made in Mexico") unless it is part of their origin ("Chinese-made cars").
_PRODUCT_STOP = re.compile(
    r"\s*(?:[,;:()\"“”]|\s-\s|\b(?<!-)(?:from|to|at|by|in|into|since|starting|effective|beginning|which|that|as|after"
    r"|before|until|under|over|worth(?!\s+of\b)|valued|with|amid|while|because|if|unless|this|next|last|on|said|says"
    # "goods already facing duties", "products, Trump wrote": what follows the goods says something of them
    r"|will|would|already|facing|wrote|writes|told|tells|earlier|later|(?<!ly )(?<!once )(?<!\d )(?:excluded|exempted)"
    # "American goods also took effect", "imports above that quota"
    r"|also|above|below|currently|still|now|soon|typically|usually|generally|expire|expires|expired|lapse|lapses|lapsed"
    r"|was|were|is|are|has|have|had|could|may|might|should|can|citing|following|saying|rather|instead|made"
    r"|when|where|who|whose|than|plus|up|down|back(?=\s+to\b)|unless|through|beyond|within|under|per|totall?ing"
    # "movies produced abroad": where the goods are made says nothing more of them
    r"|(?<!-)(?:produced|manufactured|assembled|grown)"
    r"|accounting"
    r"|taking|bringing|raising|lifting|cutting|doubling|entering|arriving|coming|bound|destined|crossing"
    # "tariffs on steel and aluminium doubled to 50%", "duty on British goods stays": the verb of the duty
    r"|doubled|tripled|halved|rose|rises|fell|falls|jumped|climbed|soared|stays|stayed|remain|remains|remained"
    r"|took|takes|kicked|went|came|during|be|been|being"
    # "a 34% tariff on all U.S. goods and vowed further action": the subject's next verb
    r"|and\s+(?:vowed|warned|threatened|pledged|promised|urged|called|said|added))\b|$)",
)


def _hits_between(
    clause: Clause, table: list[tuple[str, re.Pattern[str]]], start: int, end: int
) -> list[tuple[int, re.Match[str]]]:
    """The cues of `table` the clause holds that start at `start` or after and end by `end` (found once)."""
    hits = clause.scan(table)
    starts = clause.once(f"starts {id(table)}", lambda c: [m.start() for _, m in hits])
    inside = hits[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    return [hit for hit in inside if hit[1].end() <= end]


_FAR = 2000  # characters: farther than any status cue of a sentence of news is from what it governs
_NO_GOODS_WORDS = frozenset(
    "is are was were be been being it its this that these those which who whom whose there here he she they we"
    " you industries sectors".split()
)
_SCALE = r"(?:billion|million|trillion|bn|mn|bln|mln|tn|trln)\b"
_CURRENCY = r"(?:euros?|dollars?|pounds?|sterling|yuan|renminbi|yen|won|rupees?|pesos?|reais|francs?)\b"
_AMOUNT_OF = (
    r"(?:(?:set|fixed|limited|given|agreed|specified|certain|duty-free)\s+)?"
    r"(?:volumes?|quantity|quantities|amounts?|quotas?|tonnages?"
    # "1 million tonnes of sugar", "50,000 barrels of crude": a measure of the goods
    r"|(?:metric\s+)?(?:tonnes|tons|barrels|bushels|kilograms|kilos|bales|cargoes|shipments|containers|units"
    r"|carloads|truckloads))\s+of"
)
_PRODUCT_LEAD = re.compile(
    # "a set volume of steel", "a quota of beef": an amount of the goods, tried before "certain" alone
    rf"^(?:(?:{_AMOUNT_OF}"
    r"|the|a|an|all|every|each|some|certain|most|more|many|its|their|about|nearly|roughly|around|imported|foreign"
    r"|other|various|key|selected|specific|select|additional|new|further|extra|any|these|those|such|remaining|related"
    # Money before the goods, in any currency and as agencies abbreviate it: "$60 billion of", "C$30 bln worth
    # of", "21 bln euros of", "€4.5bn in".
    rf"|(?:[A-Z]{{0,2}}\$|€|£|¥)[\d.,]+(?:\s*{_SCALE})?(?:\s+{_CURRENCY})?(?:\s+(?:worth|in))?(?:\s+of)?"
    rf"|[\d.,]+\s*{_SCALE}(?:\s+{_CURRENCY})?(?:\s+(?:worth|in))?(?:\s+of)?"
    r"|billions of dollars(?:\s+(?:worth|in))?(?:\s+of)?|imports of|shipments of|exports of|sales of"
    r"|purchases of|supplies of|dozens of|hundreds of|goods such as|buyers of|purchasers of|users of|importers of"
    # after "a", which the repeat has already taken: "a range of US farm goods"
    r"|(?:wide |broad )?(?:range|list|variety|host|number|basket|raft|slew|swathe|array) of"
    r"|products such as|items such as|including|such as|so-called|of|two|three|four|five|six|seven|eight|nine"
    r"|ten|several|dozens|\d+|\d+ types of|\w+ types of|\w+ kinds of|types of|kinds of|categories of)\s+)+",
    _I,
)
_ANAPHORA = re.compile(
    r"\s*(?:(?:the|these|those|both|all)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s"
    r"|(?:(?:some|other|any|the)\s+)?(?:related|similar|such|affected|listed)\s+(?:goods|products|items|materials"
    r"|metals|minerals)\b)",
    _I,
)
# "gallium and germanium, two metals used in chips": after goods listed, an apposition that counts them
_COUNTED_APPOSITION = re.compile(
    r"\s*(?:two|three|four|five|six|seven|eight|nine|ten|both)\s+(?:of\s+)?(?:[\w'’-]+\s+){0,2}?(?:metals|minerals"
    r"|elements|materials|chemicals|products|goods|items|commodities|exports|imports|industries|sectors)\b",
    _I,
)
# "tungsten and indium, metals used in defence": a class of goods described by their use, which classes the
# goods named with it rather than naming more
_CLASSED_APPOSITION = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:metals|minerals|elements|materials|chemicals|commodities)\s+(?:used|needed|vital"
    r"|critical|essential|crucial)\b",
    _I,
)
_COUNTED_BEFORE = re.compile(
    r"\b(?:the|these|those|both)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+$"
)
_CATCH_ALL = re.compile(
    r"(?:(?:dozens|hundreds|scores|thousands|a range|a host|a number|a list|a variety) of\s+)?"
    # "tungsten, tellurium and three other metals": the rest, counted
    r"(?:(?:many|several|various|some|all|\d+|two|three|four|five|six|seven|eight|nine|ten|a dozen)\s+)?other\s",
    _I,
)
_GOODS_TAIL = re.compile(
    r"\s+(?:imports|exports|shipments|sales|purchases|supplies|imported|made|produced|such|sold|shipped|used)$",
    _I,
)


# "an investigation into copper imports that could lead to tariffs on the metal": the kind, with "the", stands
# for the goods named before it in the sentence
_KIND_NAMED_BEFORE = re.compile(
    r"\s*the\s+(metal|grain|oilseed|crop|fuel|alloy|commodity|mineral|fish|meat|drink|spirit)\b(?!\s+[a-z])"
)


def products_in(clause: Clause, start: int, end: int, *, opens: bool = False) -> list[Product]:
    """The goods named in `clause.text[start:end]`: a noun phrase, with jurisdictions and quantities
    stripped; coordinated goods ("steel and aluminium") are returned one by one."""
    kind = _KIND_NAMED_BEFORE.match(clause.low, start, end)
    if kind is not None:
        earlier = [m for m in lex.PRODUCTS.finditer(clause.low, 0, start) if m.group() != kind.group(1)]
        if earlier:
            return [Product(name=earlier[-1].group())]
    phrase = clause.text[start:end]
    stop = _PRODUCT_STOP.search(clause.low[start:end])  # the lowered phrase
    if stop is not None:
        phrase = phrase[: stop.start()]
    # Jurisdiction words inside the phrase (demonyms, "China's") are origins, not goods.
    for m in reversed(clause.actors_in(start, start + len(phrase))):
        s, e = m.start - start, m.end - start
        tail = phrase[e : e + 2]
        e += 2 if tail in ("'s", "’s") else 0
        phrase = phrase[:s] + " " + phrase[e:]
    phrase = re.sub(r"\s+", " ", phrase).strip(" -")
    # `opens`: the phrase opens a statement ("Watches, Switzerland's largest export, are exempt")
    opens = (
        opens
        or start == 0
        or (start < 60 and (d := DATELINE.match(clause.text)) is not None and d.end() >= start)
    )
    if opens and re.match(r"[A-Z][a-z]+(?:\s+[a-z]|$)", phrase):
        phrase = (
            phrase[0].lower() + phrase[1:]
        )  # "Generic drugs were exempted": capitalised as the first word
    parts = re.split(r"\s*(?:,|\band\b|\bor\b|&|\bas well as\b)\s*", phrase)
    found = []
    for index, part in enumerate(parts):
        # a class of goods described by its use is an apposition wherever it stands: the controls' goods are
        # read one list item at a time
        if (index and _COUNTED_APPOSITION.match(part)) or _CLASSED_APPOSITION.match(part):
            continue
        if _CATCH_ALL.match(part):
            continue  # "cocoa, tea and several other crops": the rest, not goods of their own
        if _ANAPHORA.match(part):
            continue  # "exporters of the five metals", "some related products": goods named before
        if _CLAUSE_NOT_GOODS.match(part):
            continue  # "on U.S. cars, retaliating against Washington's decision": a clause after the list
        part = _PRODUCT_LEAD.sub("", _MADE_BY_ORIGIN.sub("", part.strip()))
        part = _GOODS_TAIL.sub("", part)
        verb = _VERB_AFTER_GOODS.search(part)
        if verb is not None:
            part = part[
                : verb.start()
            ]  # "Turkish steel angered Ankara": the verb of the sentence ends the goods
        words = part.split()
        # "on Swiss goods.": the stop at the end of the sentence is no part of the word
        # "on U.S. goods": the abbreviation's last point, left behind by the origin, is no word either
        bare = [w.lower().strip(".,;:!?") for w in words]
        if all(w in lex.GENERIC_GOODS for w in bare if w):
            continue
        if len(bare) == 1 and bare[0] in _NO_GOODS_WORDS:
            continue  # "is", "it": a word of grammar left of a list
        if len(words) > 4:
            lexical = lex.PRODUCTS.search(lowered(part))
            if lexical is None:
                continue
            part = part[lexical.start() : lexical.end()]
        part = _without_leading_names(part.strip(" .,;:'\"’”"))
        if _plausible_goods(part):
            found.append(Product(name=_NOUN_OF_ADJECTIVE.get(part.lower(), part.replace("’", "'"))))
    return found


# "curbs on rare-earth exports", "the rare-earth export controls": the adjective left of the trade names the goods
_NOUN_OF_ADJECTIVE = {"rare-earth": "rare earths", "rare earth": "rare earths"}


# A clause after a list of goods, opened by a verb's -ing form and its object.
# "imposed licence requirements on memory chips, rattling global markets": what the measure did after the goods
_REACTION_NOT_GOODS = re.compile(
    r"\s*(?:rattling|hurting|hitting|boosting|sending|sparking|prompting|fuell?ing|dragging|weighing|roiling"
    r"|jolting|unsettling|spooking|denting|lifting|angering|drawing)\s+(?:the\s+|its\s+|their\s+|a\s+)?"
    r"(?:[\w-]+\s+)?(?:markets?|shares|stocks|investors|prices|industry|industries|producers|exporters|importers"
    r"|farmers|officials|growers|makers|traders|hopes|fears|concerns|tensions|street|equities|bonds|currenc(?:y|ies)"
    r"|dollar|yuan|yen|euro|peso|rupee|sentiment|confidence)\b"
)
_CLAUSE_NOT_GOODS = re.compile(
    r"\s*(?!(?:clothing|bedding|packaging|roofing|flooring|tubing|piping|fencing|housing|lighting|casting|forging"
    r"|seasoning|dressing|heating|cooling|building|mining|printing|shipping)\b)[a-z]+ing\s+(?:against|the|a|an|its"
    r"|their|his|her|that|what|how|it|them|him|us|back|up|down)\b(?!\s+to\s+\d)"
)
# A verb in the past tense after a word of the goods, before what it does or where ("steel angered Ankara",
# "rare earths it unveiled on Oct. 9", "goods not covered by the pact", "movies produced outside the United
# States"); not an adjective of goods ("advanced AI chips", "refined copper", "rare earths and related
# products"), nor "-eed" ("canola seed").
_VERB_AFTER_GOODS = re.compile(
    r"(?<=[a-z])\s+(?<!\band\s)(?<!\bor\s)(?<!\bof\s)(?:(?:it|they|he|she|we)\s+)?(?:not\s+|already\s+|previously\s+)?"
    r"[a-z]{3,}(?<!e)ed"
    r"(?=\s+(?:by|in|on|at|to|for|from|with|outside|inside|into|under|over|the|a|an|its|their|his|her|this|last)\b"
    r"|\s+[A-Z][a-z]|\s*[.!?]?\s*$)"
)
# What is left of "Chinese-made cars" once the origin is taken out of the goods.
_MADE_BY_ORIGIN = re.compile(r"^-?(?:made|built|produced|grown|manufactured|assembled)\s+", _I)
_EDGE_WORDS = re.compile(
    r"^(?:(?:a|an|the|such|now|so|also|then|both|either|each|every|other|this|that|these|those)\s+)+"
    r"|(?:\s+(?:now|such|too|also|alone|only|as|etc|and|or))+$",
    _I,
)
_NOT_GOODS_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "such",
        "now",
        "first",
        "use",
        "used",
        "uses",
        "same",
        "date",
        "minutes",
        "hours",
        "set",
        "two",
        "three",
        "officials",
        "official",
        "minister",
        "ministry",
        "spokesman",
        "spokeswoman",
        "president",
        "government",
        "administration",
        "destination",
        "destinations",
        "checks",
        # an amount of money is no goods: "21 bln euros ($23 bln) of goods"
        "euro",
        "euros",
        "dollar",
        "dollars",
        "yuan",
        "yen",
        "bln",
        "mln",
        "billion",
        "million",
        "said",
        "says",
        "wrote",
        "writes",
        "told",
        "tells",
        "took",
        "taken",
        "demanded",
        "accusing",
        "failing",
        "remains",
        "remain",
        "rest",
        "part",
        "share",
        "shares",
        "range",
        "dozens",
        "hundreds",
        "scores",
        "number",
        "numbers",
        "list",
        "lists",
        "round",
        "talks",
        "talk",
        "grounds",
        "reasons",
        "reason",
        "use",
        "year",
        "years",
        "month",
        "months",
    ]
)
# Words of the measure itself, which a phrase after "on" or "of" can run into.
_NOT_GOODS_WORDS |= frozenset(
    """restriction restrictions curbs curb limits limit quotas quota licences licenses licence license controls
    control requirements requirement rules rule ban bans measures measure aimed regime regimes chief
    more less than""".split()
)
# A clause or a party the phrase ran into: "requiring foreign companies to obtain licences", ", subject to
# further talks", "rivals in Bangladesh", "gives negotiators until July".
_NOT_GOODS_WORDS |= frozenset(
    """requiring forcing allowing asking making adding leaving giving gives taking putting bringing meaning
    subject bloc firms companies rivals negotiators comment faces pays zero nil without saying which what
    buyers customers clients users importers lower higher it them abroad biggest largest other another matching
    authorisations
    authorizations""".split()
)
# What the parties work on, and what is said of goods after them ("duty on Mexican goods staying in place")
_NOT_GOODS_WORDS |= frozenset(
    """agreement agreements deal deals accord pact framework talks negotiations staying remaining standing
    shoppers consumers households investors travellers travelers exporters producers farmers scale
    trafficking capping mills makers carmakers automakers steelmakers chipmakers manufacturers shippers growers
    miners refiners immediately quickly gradually fully partially temporarily permanently entirely completely
    worldwide globally overseas likewise""".split()
)


_LEADING_NAME = re.compile(r"^(?:[A-Z][\w.&-]*(?:'s|’s)?\s+)+(?=[\w-]+)")


def _without_leading_names(part: str) -> str:
    """'Nvidia's H20 chips' -> 'H20 chips': a company in front of goods names the maker, not the goods."""
    m = _LEADING_NAME.match(part)
    if m is None:
        return part
    rest = part[m.end() :]
    for word_end in [m.start(), *[x.end() for x in re.finditer(r"\s+", part[: m.end()])]]:
        candidate = part[word_end:]
        if candidate and lex.PRODUCTS.fullmatch(candidate.lower()):
            return candidate
    return rest if rest and rest[0].islower() else part


_NUMBER_WORDS = re.compile(
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|and)[\s-]*)+"
)


def _plausible_goods(part: str) -> bool:
    """Whether a phrase reads as goods: 'canola oil' does, 'the rest', 'Posco' and 'two officials' do not."""
    part = _EDGE_WORDS.sub("", part).strip()
    if not part:
        return False
    if lex.PRODUCTS.search(lowered(part)):
        return True
    words = part.split()
    if len(words) > 3 or part[0].isupper() or re.search(r"\d", part) or _NUMBER_WORDS.fullmatch(part.lower()):
        return False  # proper names (companies) and figures ("twenty-five", of a rate in words) are not goods
    low_words = [w.lower().strip(".,'") for w in words]
    if low_words[-1] in _NON_GOODS or any(w in _NOT_GOODS_WORDS for w in low_words):
        return False
    if _REACTION_NOT_GOODS.match(" " + part.lower()):
        return False  # "rattling global markets": what a measure did, after its goods
    if low_words[0] in ("of", "on", "to", "top", "at", "for", "parts"):
        return False  # "and of 10% on soybeans": what is left of a second rate, not goods
    if low_words[-1].endswith("ed") and not low_words[-1].endswith(("seed", "feed", "bred")):
        return False  # "imposed", "exempted", "the unions warned": a verb the phrase ran into
    return all(re.fullmatch(r"[a-z][a-z-]*", w) for w in low_words)


def _products_near(clause: Clause, trigger: re.Match[str], *, limit: int = 70) -> list[Product]:
    after = _PRODUCT_START.search(clause.text, trigger.end(), min(len(clause.text), trigger.end() + limit))
    if after is not None:
        found = products_in(clause, after.end(), len(clause.text))
        if found:
            return found
    # "steel tariffs", "auto duties": the good right before the trigger.
    before = clause.text[max(0, trigger.start() - 40) : trigger.start()]
    m = re.search(
        r"\b((?:[\w-]+(?:\s+(?:and|&)|,)\s+)?(?:steel|alumin(?:i)?um|auto|car|lumber|timber|copper|solar|chip|semiconductor"
        r"|pharmaceutical|drug|ev|electric[- ]vehicle|furniture|truck|dairy|wine|soybean|pork|beef|rice|wheat"
        r"|textile|tyre|tire|film|movie|ship|crane|drone|battery|magnet|rare[- ]earth|polysilicon|graphite"
        r"|critical[- ]minerals?|energy|oil|gas|coal|fertilizer|timber)s?)\s+$",
        before,
        _I,
    )
    if m is not None:
        return [Product(name=n) for n in re.split(r"\s+(?:and|&)\s+|,\s+", m.group(1))]
    return []


# --- tariffs ----------------------------------------------------------------------------------------------

_RANGE = re.compile(
    rf"\b(?:ranging|range|ranged|varying|vary)\s+from\s+[^,;]{{0,30}}?{UNIT}\s+to\s+[^,;]{{0,30}}?{UNIT}"
    rf"|\bbetween\s+[^,;]{{0,20}}?{UNIT}\s+and\s+[^,;]{{0,20}}?{UNIT}"
)
_FROM_TO = re.compile(
    # not "ranging from 12.8% to 36.4%", a range of rates
    r"(?<!ranging )(?<!range )(?<!ranged )(?<!varying )(?<!vary )"
    rf"from\s+(?P<a>[^,;]{{0,30}}?{UNIT})\s+(?:to|up to|down to)\s+(?P<b>[^,;]{{0,30}}?{UNIT})"
    rf"|to\s+(?P<c>[^,;]{{0,30}}?{UNIT})\s*,?\s+(?:up |down )?from\s+(?P<d>[^,;]{{0,30}}?{UNIT})",
)  # on Clause.low: its groups are compared in lower case
_TO_ZERO = re.compile(r"\b(?:to|at)\s+(?:zero|nil)\b(?!\s*(?:%|per\s?cent|percent))")
_MOVED_TO = re.compile(
    r"\b(?:cut|lowered|reduced|raised|increased|hiked|lifted|brought|doubled|halved|set to (?:rise|fall)|rise|fall"
    # "will halve its 150% tariff on whisky to 75%": the verb in any form
    r"|go up|come down|drop|lower|reduce|raise|increase|hike|lift|bring|double|halve|slash|slashed|trim|trimmed"
    r"|cuts|lowers|reduces|raises|increases|hikes|lifts|doubles|halves|slashes|trims)\b[^.;]{0,50}?\bto\s+"
    r"(?:about\s+|around\s+)?$"
)
# "down from provisional deposits of up to 62.4%", "well below the provisional rates of up to 62.4%": the rates of
# an earlier stage of the same duty (but not "far below the 46% rate he had announced", a rate never applied)
_PROVISIONAL_RATES_OF = (
    r"(?:provisional|preliminary|interim)\s+(?:anti-dumping\s+)?(?:rates?|deposits?|dut(?:y|ies)|tariffs?|levies)"
    r"\s+of\s+(?:up\s+to\s+|as\s+much\s+as\s+)?"
)
_PREVIOUS = re.compile(
    r"\b(?:(?:up from|down from|from|compared with|compared to|replacing|previously|instead of|versus|vs\.?)\s+"
    rf"(?:an?\s+|the\s+)?(?:current\s+|existing\s+|earlier\s+|previous\s+)?(?:{_PROVISIONAL_RATES_OF})?"
    # "to about 15% from roughly 85% now"
    r"(?:roughly\s+|about\s+|around\s+|nearly\s+|almost\s+|some\s+|as much as\s+|as high as\s+)?"
    rf"|(?:well|far)\s+below\s+(?:the\s+)?{_PROVISIONAL_RATES_OF}"
    # "will cut its tariff on European cars, now as high as 110%, to 10%": the rate now, said beside the duty
    r"|,\s+(?:now|currently)\s+(?:as high as\s+|at\s+|about\s+|around\s+|up to\s+)?)$",
    _I,
)
_IF_CLAUSE = re.compile(r"\b(?:if|unless)\s+[^,;:]*$")
_COUNTERFACTUAL = re.compile(r"\b(?:would|could|might|should)(?: not|n't)? have\s+(?:been\s+)?$")
_NOT_ANSWERED = re.compile(
    r"\b(?:not|n't|never|no plans? to|declined to|refused to)\s+(?:to\s+)?(?:retaliate|respond|hit back)\s+"
    r"(?P<reply>against|to|at)\s+(?:the|a|an|its|their)\s+(?:[\w.%'’-]+\s+){0,4}$"
)
# (what goods would pay or face, not "Without the deal, the United States would impose a 30% tariff": a threat)
_WITHOUT_IT = re.compile(
    r"\s*(?:without|but for|absent)\s+(?:it|them|this|that|those|these|the\s+[\w-]+)\s*,[^.;]*\bwould\s+"
    r"(?:have\s+to\s+)?(?:pay|face|be\s+charged|be\s+hit|cost|carry|attract)\b"
)
_ALTERNATIVE = re.compile(r"\brather than\s+(?:the\s+|a\s+|an\s+)?$", _I)
# "a 40% levy on bicycles, doubling the current 20% rate": a rate named after the new one as
# the one in force is the previous rate.
_STANDING_RATE = re.compile(r"\bthe\s+(?:current|existing|previous|prior|old|present)\s+$", _I)
_ADDITIONAL = re.compile(r"\b(?:additional|extra|further|more|another|added|incremental)\s+$", _I)
_WEAK_TARIFF = frozenset(
    [
        # "will drop its retaliatory tariffs": an adjective of the duty, weaker than the verb of the sentence
        "retaliatory",
        "set",
        "sets",
        "setting",
        "new",
        "hit",
        "hits",
        "hitting",
        "put",
        "placed",
        "place",
        "places",
        "found",
        "final",
        "preliminary",
        "determine",
        "determined",
        "determination",
        "confirm",
        "confirmed",
        "face",
        "faces",
        "faced",
        "facing",
        "still",
        "remain",
        "remains",
        "remained",
        "current",
        "currently",
        "pay",
        "paying",
        "keep",
        "keeps",
        "keeping",
        "kept",
        "subject",
        "to",
        "existing",
        "in",
        "place",
        "additional",
        "extra",
        "further",
        "higher",
        "levied",
        "charged",
        "collect",
        "collects",
        "collected",
        "collecting",
        "maintain",
        "maintained",
        "retain",
        "retained",
        # an adjective of the duty ("will drop the retaliatory duties"), not what happens to it
        "retaliatory",
    ]
)


_OF_RATE = re.compile(r"\s+of\s+")


def _rates(clause: Clause, trigger: re.Match[str]) -> tuple[Rate | None, Rate | None, bool]:
    """(rate, previous rate, whether the rate is added on top) for the tariff at `trigger`."""
    percents = [p for p in clause.percents if not p.points and p.value <= 10_000]
    zero = _TO_ZERO.search(clause.low, trigger.start())
    if zero is not None:
        # "will lower tariffs on US farm goods to zero", "from 10% to zero": the duty goes
        before = [p for p in percents if p.end <= zero.start() and zero.start() - p.end <= 12]
        return Rate(0), Rate(before[-1].value) if before else None, False
    if not percents:
        return None, None, False
    # the words a range needs, looked for before its pattern scans the sentence
    spread = (
        _RANGE.search(clause.low)
        if "between" in clause.low or "rang" in clause.low or "vary" in clause.low
        else None
    )
    if spread is not None:
        # "duties ranging from 12.8% to 36.4%", "between 10% and 25%": the range's top, no change of rate
        top = [p for p in percents if spread.start() <= p.start < spread.end()]
        if top:
            return Rate(max(p.value for p in top)), None, False
    ft = _FROM_TO.search(clause.low)
    if ft is not None:
        new_text, old_text = (
            (ft.group("b"), ft.group("a")) if ft.group("b") else (ft.group("c"), ft.group("d"))
        )
        new = [
            p
            for p in percents
            if ft.start() <= p.start < ft.end()
            and p.start >= ft.start() + (ft.group().lower().find(new_text.lower()) if new_text else 0)
        ]
        old_start = ft.start() + ft.group().lower().find(old_text.lower())
        old = [p for p in percents if old_start <= p.start < old_start + len(old_text)]
        new = [p for p in new if p not in old]
        if new and old:
            return Rate(new[0].value), Rate(old[0].value), False
    # "The EU's 10% tariff on US cars will be cut to 2.5%": the duty's own rate, then where it goes
    own = [p for p in percents if p.end <= trigger.start() and trigger.start() - p.end <= 15]
    if not own:
        # "Tariffs of 25% on Japanese cars were lowered to 15%": the rate right after the duty is its own
        own = [
            p
            for p in percents
            if p.start > trigger.end() and _OF_RATE.fullmatch(clause.low, trigger.end(), p.start)
        ]
    if own:
        moved = next(
            (
                p
                for p in percents
                if p.start > max(trigger.end(), own[-1].end)
                # the verb of the move may come before the duty: "raised its 20% duty on gold to 25%"
                and _MOVED_TO.search(clause.low, max(0, own[-1].start - 40, p.start - 90), p.start)
            ),
            None,
        )
        if moved is not None and moved.value != own[-1].value:
            return Rate(moved.value), Rate(own[-1].value), False
    previous = None
    candidates: list[Percent] = []
    for p in percents:
        lead = clause.text[max(0, p.start - 30) : p.start]
        if "rather" in lead and _ALTERNATIVE.search(lead):
            continue  # "will keep paying 25% rather than the 50% rate": another duty's rate
        if _PREVIOUS.search(clause.text, max(0, p.start - 70), p.start) or (
            candidates and _STANDING_RATE.search(lead)
        ):
            previous = previous or p
        else:
            candidates.append(p)
    if not candidates:
        return None, None, False
    anchor = trigger.start()
    chosen = min(candidates, key=lambda p: abs(p.start - anchor))
    # "an additional 10%", "10% more", and "additional tariffs of 25%": a duty on top of the one in place.
    added = (
        bool(_ADDITIONAL.search(clause.text[max(0, chosen.start - 20) : chosen.start]))
        or bool(
            re.match(r"\s*(?:additional|extra|more|further)\b", clause.text[chosen.end : chosen.end + 15], _I)
        )
        or (
            _ADDITIONAL.search(clause.text[max(0, trigger.start() - 20) : trigger.start()]) is not None
            and 0 < chosen.start - trigger.end() <= 12
        )
    )
    return Rate(chosen.value), Rate(previous.value) if previous else None, added


# "an additional 25% tariff ..., doubling the total duty to 50%": the text gives the new total
_TOTAL_TO = re.compile(
    r"\b(?:bringing|taking|lifting|raising|doubling|tripling|pushing)\s+(?:the\s+|its\s+)?(?:total|overall|combined"
    r"|cumulative"
    # "took effect, raising duties on many Indian exports to as much as 50%": the duties now paid in all
    r"|duties|tariffs|levies)\b[^;%]{0,90}?\bto\s+(?:as much as\s+|as high as\s+)?"
)


def _with_total(clause: Clause, added: Rate) -> tuple[Rate, Rate | None]:
    """(rate, previous rate) of a duty added on top: the total and what stood before it, when the text gives the
    total; else the added rate alone."""
    total = _TOTAL_TO.search(clause.low)
    if total is None:
        return added, None
    for p in clause.percents:
        if total.end() <= p.start <= total.end() + 2 and p.value > added.percent:
            return Rate(p.value), Rate(p.value - added.percent)
    return added, None


def _authority(clause: Clause) -> str | None:
    m = lex.AUTHORITY.search(clause.low)
    if m is None:
        return None
    if m.group("section"):
        return f"Section {m.group('section')}"
    if m.group("ieepa"):
        return "IEEPA"
    if m.group("ad"):
        return "anti-dumping"
    return "countervailing"


_LOOSELY_DATED = frozenset({"exempted", "suspended", "demanded", "proposed"})
_STRICT_EFFECT_CUE = re.compile(
    r"\b(?:effective|starting|as of|as from|take effect|takes effect|took effect|retroactive(?:ly)? to|backdated to"
    # "could impose them by the end of the year": when a measure under consideration would apply
    r"|by the end of|by year-end)\b"
    # "exempts a set volume from Jan. 1": "from" a named day dates the measure, unlike "exempted from tariffs"
    r"|\bfrom\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    # "would suspend its counter-tariffs for six months from Thursday"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!['’]))",
    _I,
)
_EFFECT_CUE = re.compile(
    r"\b(?:effective|from|starting|beginning|as of|as from|take effect|takes effect|took effect|taking effect"
    r"|(?:come|comes|came|coming|go|goes|went|going|enter|enters|entered|entering) into (?:force|effect)"
    # (not "until" or "through": "a 40% duty on onion exports until March 31" ends then, an extension's new end
    # aside)
    r"|(?:kick|kicks|kicked|kicking) in|begins?|start|starts"
    r"|apply|applies|applied|expire|expires|pushed back to|delayed to"
    r"|postponed to|moved to|backdated to|retroactive(?:ly)? (?:to|from))\b"
    # the verb of a change to come, right before its date: "will be removed on Monday", "will rise from May 1"
    r"|\b(?:will|shall)\s+(?:also\s+|now\s+)?(?:be\s+)?[a-z]+\s+(?:on|from|in)\s"
    # the new rate, then when it came: "raised its tariff to 20% last week", "cut the duty to 5% in March"
    r"|\bto\s+\d[\d.]*\s*(?:%|per\s?cent|percent)\s+(?:on|in|last|this|early|mid|late)\b"
    # "will cut its duty to 15% by March 1": the day by which the change applies
    r"|\bby\s+(?:(?:early|mid|late)[\s-]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    # "would lift its tariff on grapes next Friday", "will raise it to 20% within 30 days": a day to come, by
    # itself the day the change applies
    r"|\bnext\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month)\b|\bwithin\s+\d"
    # "will cut tariffs on cars in two weeks", "later this month", "in the second half of the year"
    r"|\bin\s+(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?|months?)\b"
    r"|\blater\s+this\s+(?:week|month|year)\b|\b(?:first|second)\s+half\s+of\b",
    _I,
)
# "extended the waiver on raw cotton to Dec. 31": the new end of what is extended
_EXTENDED_CUE = re.compile(
    _EFFECT_CUE.pattern
    + r"|\b(?:until|through)\b|\bto\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
    _I,
)
# A measure stated as standing is dated by when it was put in place: "a 25% tariff, which Washington imposed in
# March", "a duty that Turkey introduced last year" ("imposed on Brazil in July", with a target in between, is read
# as the day of the act: `_acted_on`).
# "Since" dates only such a measure: "the rate, in place since Sept. 1, will fall to 7.5%" says when the old
# rate began, not when the cut applies.
_IN_FORCE_CUE = re.compile(
    _EFFECT_CUE.pattern
    + r"|\b(?:in effect since|since)\b"
    # "imposed under Section 232 in March": the law it was imposed under may stand between
    + r"|\b(?:imposed|introduced|placed|slapped|levied|adopted|set)\s+(?:under\s+section\s+\d+\s+)?(?:in|since|last"
    r"|this|earlier|early|mid|late)\b",
    _I,
)


_BEGAN_APPLYING = re.compile(
    r"\b(?:began|begun|begins|begin|started|starts|start)\s+(?:collecting|charging|applying|levying|imposing|enforcing"
    r"|requiring)\b"
)


# "began requiring a permit on Monday": the day a control began to apply is its date
_BEGAN_REQUIRING = re.compile(
    r"\b(?:began|begun|started)\s+(?:requiring|enforcing|applying|restricting|banning|blocking|checking)\b"
)

# (and "Beijing answered with a 100% tariff on Canadian canola oil last March": a duty imposed in reply)
_IMPOSED_PAST = re.compile(r"\b(?:imposed|slapped|levied|(?:answered|retaliated|responded|hit back) with)\b")
_OTHER_VERB_BETWEEN = re.compile(r"\b(?:announced|unveiled|proposed|said|plans|planned|threatened)\b[^,;]*$")
_IMPOSED_DONE = re.compile(r"\b(?:imposed|introduced|slapped|levied|placed|put|(?:is|are) imposing)\b")


# "The 25% duties on steel that Washington imposed in March": a relative clause after the duty names who set it.
_SET_AFTER_ACTOR = re.compile(
    r"\s+(?:had\s+|has\s+|have\s+)?(?:first\s+|originally\s+)?(?:imposed|slapped|levied|introduced|placed|set)\b"
)
_RELATIVE_BEFORE_ACTOR = re.compile(r"\b(?:that|which)\s+(?:the\s+)?$")


_US_LAW = re.compile(
    r"\bSection\s+(?:232|301|201|122)\b|\bIEEPA\b|\bInternational Emergency Economic Powers Act\b"
)
# "a response to the Section 232 tariffs": the law of the duty answered, not of this one
_ANSWERING_LAW = re.compile(
    r"\b(?:response|answer|reply|retaliation|riposte)\s+(?:to|for)\s+(?:the\s+)?$", _I
)
_UNDER_BEFORE = re.compile(r"\bunder\s+(?:the\s+)?$")


def _us_law_of(clause: Clause, trigger: re.Match[str]) -> bool:
    """Whether the duty at `trigger` is set under United States law: "Section 232 tariffs of 50%", "duties
    imposed under Section 301" (the law before the duty or "under" it, not one the duty answers)."""
    for law in _US_LAW.finditer(clause.text):
        if _ANSWERING_LAW.search(clause.text, max(0, law.start() - 30), law.start()):
            continue
        if law.end() <= trigger.start() or _UNDER_BEFORE.search(
            clause.low, max(0, law.start() - 14), law.start()
        ):
            return True
    return False


def _imposed_by_after(clause: Clause, after: int) -> str | None:
    """The jurisdiction a relative clause after the duty says set it: "the duties that Washington imposed"."""
    for m in clause.actors:
        if m.start < after:
            continue
        if m.start - after > 120:
            break
        if _RELATIVE_BEFORE_ACTOR.search(
            clause.low, max(0, m.start - 12), m.start
        ) and _SET_AFTER_ACTOR.match(clause.low, m.end):
            return m.code
    return None


_TOOK_EFFECT = re.compile(
    r"\b(?:took effect|came into (?:force|effect)|kicked in|went into effect|entered into force)\b"
)
_TOOK_EFFECT_NOW = re.compile(
    _TOOK_EFFECT.pattern + r"(?=\s+(?:just\s+)?(?:after|at)\s+midnight|\s+overnight|\s*[.,;]|\s*$)"
)
# "Since the tariff took effect, imports have plunged": a duty in force for some time before the story, unlike
# one that took effect "minutes after" or "just after midnight"
_SINCE_IT_TOOK_EFFECT = re.compile(
    r"\b(?:since|(?<!minutes )(?<!hours )(?<!moments )(?<!shortly )(?<!just )(?<!soon )after|when|once|before)\b"
)


def _day_it_will_be_done(clause: Clause, published: date | None) -> DateSpan | None:
    """ "will impose a 25% tariff on U.S. bourbon on April 1": a day named with "on" right after a change to come and
    its object (the duty, its rate, its goods) is the day it applies; not the day of anything else the sentence
    tells ("will lift tariffs under a deal reached on Sunday", "after talks with Trump on Monday")."""
    will = _WILL_CHANGE.search(clause.low)
    first = lex.TARIFF.search(clause.low)
    if will is None or first is None or first.start() < will.start():
        return None  # the change to come is not that of the sentence's first duty
    for d in _measure_dates(clause):
        if d.start < will.end() or d.span.granularity.value != "day":
            continue
        if not (d.span.text.lower().startswith("on ") or clause.low.endswith("on ", 0, d.start)):
            continue
        between = clause.low[will.end() : d.start]
        if not _OBJECT_THEN_ON.fullmatch(between) or _NOT_THE_OBJECT.search(between):
            return None
        if published is not None and d.span.end < published:
            return None  # a day gone by is not when a change to come applies
        return d.span
    return None


# What may stand between the verb of a change to come and its day: its object, rates and goods.
_OBJECT_THEN_ON = re.compile(
    r"\s+(?:(?:its|their|the|a|an|all)\s+)?(?:[\w.%'’-]+\s+){0,8}?(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|surcharges?"
    r"|counter-?tariffs?)(?:\s+(?:of|to|from|at)\s+(?:up\s+to\s+)?[\d.]+\s*%)*(?:\s+on\s+(?:[\w.'’-]+\s+){0,4}?"
    r"[\w.'’-]+)?(?:\s+(?:to|from)\s+[\d.]+\s*%)*\s+(?:on\s+)?"
)
_NOT_THE_OBJECT = re.compile(
    r"\b(?:after|following|under|ahead|before|when|once|that|which|as|during|in|with|by|for|signed|sealed|reached"
    r"|unveiled|disclosed|due|again|deal|agreement|meeting|talks|visit|vote|ruling|order)\b"
)


_WILL_CHANGE = re.compile(
    r"\b(?:will|shall|is to|are to|(?:is|are) set to|plans? to)\s+(?:also\s+|now\s+)?(?:impose|introduce|levy|apply"
    r"|slap|put|raise|hike|lift|remove|cut|lower|scrap|suspend|pause|increase|reduce|double|halve|drop|start)\b"
)


def _day_collection_began(clause: Clause) -> DateSpan | None:
    """ "started charging 25% on steel on June 1": the day named after the verb of collection is the day the
    duty began to apply, a calendar day as much as a weekday."""
    began = _BEGAN_APPLYING.search(clause.low)
    if began is None:
        return None
    for d in _measure_dates(clause):
        if d.start < began.end() or d.span.granularity.value != "day":
            continue
        if d.span.text.lower().startswith("on ") or clause.low.endswith("on ", 0, d.start):
            return d.span
    return None


def _date_cue(status: str) -> re.Pattern[str]:
    if status in _LOOSELY_DATED:
        return _STRICT_EFFECT_CUE
    if status == "extended":
        return _EXTENDED_CUE
    return _IN_FORCE_CUE if status == "in_force" else _EFFECT_CUE


@attrs.frozen
class Segment:
    """One "on ..." phrase of a tariff sentence, with what it covers and at what rate."""

    at: int  # where "on" stands
    end: int
    covers: tuple[tuple[tuple[str, ...], Product | None], ...]  # (targets, product) per listed item
    rate: Rate | None
    previous: Rate | None
    status: str | None
    verb_at: int


# On `Clause.low`. The word boundary is tested once for the three kinds of lead, not once per kind.
_SEGMENT_LEAD = re.compile(
    r"\b(?:(?P<origin>(?:goods|imports|products|those|shipments|exports)\s+(?:from|made in))\s+"
    # (not "range up to 27.83% depending on the producer", "based on the value")
    # (nor "accusing Beijing of reneging on its commitments", "going back on its word")
    r"|(?P<on>(?<!depending )(?<!depends )(?<!based )(?<!reneging )(?<!reneged )(?<!renege )(?<!back )"
    r"on(?!\s+hold\b|\s+top\s+of\b)|against"
    r"|(?<=%\s)(?:to(?:\s+the\s+(?:cost|price)\s+of)?|for)"
    # "waive its tariffs for a set volume of steel": "for" an amount of goods names the goods
    rf"|for(?=\s+(?:an?\s+|the\s+)?{_AMOUNT_OF}))\s+"
    # "sparing Mexico an increase": spared a change to come, not exempted from the duty
    r"|(?P<exempt>exempt(?:s|ed|ing)?|spar(?:es|ed|ing)(?!\s+(?:[\w.'-]+\s+){1,3}?(?:an?|the|any)\s+"
    r"(?:further\s+|planned\s+)?(?:increase|hike|rise|doubling))|(?<=will )exclude|(?<=would )exclude"
    r"|(?<!ly )(?<!once )(?<!\d )exclud(?:es|ed|ing)"
    r"|except(?:ing)? for|including|covering)\s+)",
)
_LINKED = re.compile(
    # (words, not their ends: not the "rate" of "Separately, the EU on Tuesday imposed ...")
    r"(?:%|(?:\b|counter-?)(?:per\s?cent|percent|pct|tariffs?|dut(?:y|ies)|levy|levies|surtax(?:es)?|surcharges?"
    r"|rates?|those|rise|rose|raised?|imposed?|impose|apply|applies|applied|remain|remains|stay|stays|and|kept|keep"
    r"|exempt(?:s|ed|ing)?)(?:s|es|d|ed)?\b)[^.;]{0,40}$",
)
_NON_GOODS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        # "on a par with", "on Monday night", "said on Monday morning": no goods
        "par",
        "night",
        "morning",
        "evening",
        "afternoon",
        "grounds",
        "ground",
        "basis",
        "behalf",
        "media",
        "record",
        "track",
        "top",
        "hold",
        "condition",
        "conditions",
        "average",
        "balance",
        "list",
        "lists",
        "notice",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "time",
        "times",
        "hand",
        "hands",
        "side",
        "sides",
        "way",
        "ways",
        "point",
        "points",
        "fentanyl",
        "migrants",
        "migration",
        "drugs",
        "security",
        "national",
        "trade",
        "talks",
        "negotiations",
        "deal",
        "deals",
        "measures",
        "measure",
        "rules",
        "rule",
        "controls",
        "control",
        "tariff",
        "tariffs",
        "duties",
        "duty",
        "countries",
        "country",
        "partners",
        "partner",
        "nations",
        "nation",
        "economy",
        "economies",
        "order",
        "orders",
        "increase",
        "increases",
        "rise",
        "rate",
        "rates",
        "cost",
        "costs",
        "price",
        "prices",
        "value",
        "values",
        "level",
        "levels",
        "total",
        "average",
        "him",
        "her",
        "them",
        "it",
        "this",
        "that",
        "these",
        "those",
        "his",
        "their",
        "its",
        "our",
        "your",
        "shipments",
        # "rose on hopes that China would cut its tariffs": a market's mood, no goods
        "hopes",
        "hope",
        "fears",
        "worries",
        "concerns",
        "optimism",
        "expectations",
        "speculation",
        "news",
        "reports",
        # "retaliating against Washington's decision to raise duties": what was decided, no goods
        "decision",
        "decisions",
        # "a wheat export quota of 10.6 million tonnes": an amount, no goods
        "tonnes",
        "tonne",
        "tons",
        "barrels",
    ]
)


_BARE_DEMONYM = re.compile(r"\s*[A-Z][\w.'’-]*\s*")


_LIST_PART = re.compile(r"[^,;]+")


_EXPORTS_TO = re.compile(r"\bexports?\s+to\s+(?:the\s+)?$")
_ANY_DOER = re.compile(
    r"\s*(?:goods\s+from\s+)?any\s+(?:country|countries|nation|nations|buyer|buyers|importer|importers)\s+"
    r"(?:that|which|who|\w+ing)\b"
)


def _covers(clause: Clause, start: int, end: int) -> tuple[list[tuple[tuple[str, ...], Product | None]], int]:
    """The items listed from `start`: each with the jurisdictions it names (targets) and its goods."""
    text = clause.text
    items: list[tuple[list[str], Product | None]] = []
    adjectival: set[int] = set()
    pos = start
    stop_at = end
    for part in _LIST_PART.finditer(text, start, end):
        chunk_start = part.start()
        chunk = part.group()
        cut = next(
            (
                m
                for m in _ITEM_STOP.finditer(clause.low[chunk_start : chunk_start + len(chunk)])
                if not _from_actor(clause, chunk_start + m.start(), chunk)
            ),
            None,
        )
        if cut is not None:
            chunk = chunk[: cut.start()]
            stop_at = chunk_start + cut.start()
        if items and _EXAMPLES.match(chunk):
            break  # "furniture, such as sofas and beds": examples of the goods, not more goods
        if items and _APPOSITION_ITEM.match(chunk):
            break  # "on aircraft parts, a boost for engine makers": what the list is, not more goods
        inner = _INNER_EXAMPLES.search(chunk)
        origins = (
            [
                m.code
                for m in clause.actors
                if chunk_start <= m.start < chunk_start + inner.start() and m.kind != "person"
            ]
            if inner is not None
            else []
        )
        if (
            inner is not None
            and origins
            and _clean_product(clause, chunk_start, chunk_start + inner.start()) is None
        ):
            # "US goods such as bourbon and motorcycles": goods of no kind but their origin, so the examples
            # are the goods named; they keep the origin ("goods such as orange juice" alone recalls goods
            # named before)
            chunk_start += inner.end()
            chunk = chunk[inner.end() :]
            inner = None
        elif inner is not None:
            # "copper products such as pipes and wiring": the goods are the products, the rest examples
            chunk = chunk[: inner.start()]
            stop_at = chunk_start + inner.start()
            cut = inner
        listed = len(items)
        for a, b in _list_items(chunk):
            s0, s1 = chunk_start + a, chunk_start + b
            if _ANY_DOER.match(clause.low, s0):
                # "a 25% tariff on any country buying Venezuelan oil": on whoever does it, not on whom it names
                items.append((["*"], None))
                continue
            inside = clause.actors_in(s0, s1)
            targets = [m.code for m in inside if m.kind != "person" and not _is_destination(clause, m.start)]
            product = _clean_product(clause, s0, s1)
            targets = targets or list(origins)
            if not targets and product is not None and _ANY_ORIGIN.match(clause.low, s0):
                targets = ["*"]  # "imported cars", "foreign steel": whatever their origin
            if targets or product is not None:
                if (
                    product is None
                    and targets
                    and all(m.kind == "demonym" for m in inside)
                    and _BARE_DEMONYM.fullmatch(clause.text, s0, s1)
                ):
                    adjectival.add(len(items))  # "Chinese and Taiwanese stainless steel": "Chinese" qualifies
                items.append((targets, product))
        if len(items) == listed:
            # "on Friday, the ministry said": a part that lists nothing ends the list.
            stop_at = chunk_start
            break
        pos = chunk_start + len(chunk)
        if cut is not None:
            break
    # "Chinese and Taiwanese stainless steel": origins that qualify the goods named after them
    for i in sorted(adjectival, reverse=True):
        if i + 1 < len(items) and items[i + 1][1] is not None and items[i + 1][0]:
            items[i + 1] = (_distinct([*items[i][0], *items[i + 1][0]]), items[i + 1][1])
            del items[i]
    items = _shared_origins(items)
    # Goods listed without an origin take the origin named next to them ("Canadian canola oil, oil cakes
    # and peas"; "wine, cheese and olive oil from Italy").
    filled: list[tuple[tuple[str, ...], Product | None]] = []
    for i, (targets, product) in enumerate(items):
        if not targets and product is not None:
            before = next((t for t, _ in reversed(items[:i]) if t), None)
            after = next((t for t, _ in items[i + 1 :] if t), None)
            targets = list(before or after or [])
        filled.append((tuple(targets), product))
    return filled, min(pos, stop_at)


# "imports into the United States", "goods entering the EU": the jurisdiction the goods go to, which levies the
# duty on them; never their origin. Nor is the one goods are "made outside" of.
_DESTINATION_LEAD = re.compile(
    r"\b(?:(?:imports?|goods|products|shipments?|imported|shipped|brought|sent|coming)\s+to|into|entering"
    r"|arriving\s+in|outside(?:\s+of)?)\s+"
    r"(?:the\s+)?$"
)


def _is_destination(clause: Clause, at: int) -> bool:
    return _DESTINATION_LEAD.search(clause.low, max(0, at - 40), at) is not None


def _shared_origins(items: list[tuple[list[str], Product | None]]) -> list[tuple[list[str], Product | None]]:
    """ "Steel and aluminum from the EU, Canada and Mexico": the origins listed after the goods are the origins
    of every good before them, not items of their own."""
    last = len(items)
    while last > 0 and items[last - 1][1] is None and items[last - 1][0]:
        last -= 1
    if last == len(items) or last == 0 or not items[last - 1][0] or items[last - 1][1] is None:
        return items
    first_origin = items[last - 1][0]
    origins = _distinct([*first_origin, *(t for ts, _ in items[last:] for t in ts)])
    return [(origins if not ts or ts == first_origin else ts, p) for ts, p in items[:last]]


_EXAMPLES = re.compile(r"\s*(?:such as|like|notably|for example|e\.g\.)\s", _I)
_INNER_EXAMPLES = re.compile(r"(?<=\w)\s+(?:such as|notably|for example|e\.g\.|including)\s", _I)
# "a boost for engine makers", "the bulk of what it imports", "the latest duties set under Section 232"
_APPOSITION_ITEM = re.compile(
    r"\s*(?:an?\s(?![\d$])|the\s+(?:bulk|main|chief|(?!(?:rest|west|interest)\b)[\w-]+est)\b)", _I
)
_ANY_ORIGIN = re.compile(r"\s*(?:(?:the|all|most)\s+)?(?:imported|foreign|foreign-made|overseas)\s")
_LIST_SEPARATOR = re.compile(r"\s*(?:\b(?:and|or|as well as|plus)\b|&)\s*", _I)


def _list_items(chunk: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for sep in _LIST_SEPARATOR.finditer(chunk):
        spans.append((pos, sep.start()))
        pos = sep.end()
    spans.append((pos, len(chunk)))
    return [(a, b) for a, b in spans if chunk[a:b].strip()]


# Matched on the lowered chunk (`Clause.low`, same offsets): IGNORECASE made it the costliest scan of a
# tariff sentence.
_ITEM_STOP = re.compile(
    # (not the "-in" of "bone-in chicken", the "-to" of "ready-to-wear")
    r"\b(?<!-)(?:from|to|at|by|in|since|starting|effective|beginning|which|that|as of|after|before|until|under|over"
    r"|worth(?!\s+of\b)|valued|amid|while|because|if|unless|this|next|last|on|said|says|will|would|was|were|is|are"
    r"|has|have|had|could|may|might|should|can|must|shall|need|needs|citing|following|saying|rather|instead|when|where|who"
    r"|than|plus|up|down|back(?=\s+to\b)|through|beyond|within|per|taking|bringing|raising|lifting|cutting|doubling"
    r"|adding|add|adds|worldwide|globally|overseas|rising|falling|climbing|increasing|declining|jumping"
    r"|but|accounting|totall?ing|among|in retaliation|with|for|a year|annually|each|invoking|according|took"
    r"|wrote|writes|told|tells|already|warning|arguing|noting|claiming|insisting"
    # "on Brazilian goods on Wednesday and excluded civil aircraft": the verb of another statement (not
    # "previously excluded products", "352 excluded products": an adjective of the goods)
    r"|(?<!ly )(?<!once )(?<!\d )(?:excluded|exempted)"
    # "reinstated the tariffs on Thursday pending appeal"
    r"|pending"
    # an adverb that ends a list ("..., well below the provisional rates", "along with"), not "well pumps"
    r"|well(?=\s+(?:below|above|short|over|under|ahead|behind|beyond|past)\b)"
    r"|far(?=\s+(?:below|above|short|more|less|from|beyond|ahead|behind)\b)|along(?=\s+with\b)"
    # "..., siding with domestic mills": a participle that takes a side ends the list
    r"|(?:siding|sided|agreeing|disagreeing)(?=\s+with\b)"
    r"|take|takes|taking|came|come|comes|went|go|goes|rose|rise|rises|fell|fall|falls|stood|stands|remain"
    r"|remained|remains|entered|enter|kicked|kick|kicks|starts?|started|began|begins?|still|face|faces|faced"
    # "the duties frozen until March", not "frozen chicken", where the word is part of the goods
    r"|pay|pays|paid|combined|suspended|paused|frozen(?!\s+(?!(?:until|for|since|at|in|on|by|pending|as|while|and)\b)[a-z]))\b"
    r"|\s[-–—]\s|[()\"“”:]|\b\d+(?:\.\d+)?\s*(?:%|per\s?cent|percent|pct)|\b(?:tariffs?|duties"
    r"|(?<!heavy-)(?<!light-)(?<!heavy )(?<!light )(?<!medium )duty|levy"
    r"|levies|surtax(?:es)?|surcharges?)\b",
)


def _from_actor(clause: Clause, cut_at: int, chunk: str) -> bool:
    # "imports from Canada", "goods made in China": the origin continues the item.
    word = clause.text[cut_at : cut_at + 8].lower()
    if not (word.startswith(("from", "in"))):
        return False
    return any(cut_at < m.start <= cut_at + 12 for m in clause.actors)


def _clean_product(clause: Clause, start: int, end: int) -> Product | None:
    found = products_in(clause, start, end)
    if not found:
        return None
    product = found[0]
    words = product.name.split()
    if len(words) > 1 and words[-1] in ("late", "early") and _ON_NEXT.match(clause.low, end):
        # "on Mexican goods late on Friday": the time of day, not the goods
        words = words[:-1]
        product = attrs.evolve(product, name=" ".join(words))
    if (words and words[-1].strip(".") in _NON_GOODS) or all(w in _NON_GOODS for w in words):
        return None
    if not lex.PRODUCTS.search(lowered(product.name)) and len(words) > 3:
        return None
    return product


_ON_NEXT = re.compile(r"\s*on\b")
_ON_A_DAY = re.compile(
    r"on\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s|\d|the same)"
)


def _next_lead(low: str, pos: int) -> re.Match[str] | None:
    """The next list lead after `pos`; "on April 2" and "on Monday" are dates, not lists of goods."""
    for lead in _SEGMENT_LEAD.finditer(low, pos):
        if not (lead.group("on") and _ON_A_DAY.match(low, lead.start())):
            return lead
    return None


_CONTROL_BEFORE_ON = re.compile(
    r"\b(?:export\s+)?(?:controls?|curbs?|restrictions?|bans?|licen[cs](?:e|es|ing)\s+requirements?)\s+$"
)
_DUTY_AND = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies))\s+(?:and|or)\s+(?:new\s+)?$")


_FROM_THE = re.compile(r"from\s+(?:the\s+)?")
_OWNED_DUTY_AFTER = re.compile(
    r"\.?(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|surcharges?|counter-?tariffs?)\b"
)


_TOLD = re.compile(
    r"\b(?:told|tells|informed|informs|notified|notifies|wrote\s+to|writes\s+to|warned|warns)\s+$"
)


def _exempt_from_owned_duty(clause: Clause, at: int) -> bool:
    """Whether "exempted" is followed by "from" the duty of a jurisdiction named right before it ("exempted from
    the US tariffs", "from Washington's levies")."""
    lead = _FROM_THE.match(clause.low, at)
    if lead is None:
        return False
    owner = next((m for m in clause.actors if m.start == lead.end()), None)
    # (a possessive, or the United States, whose duties newsrooms name so; "the China tariffs", "the Chinese
    # tariffs" are those on Chinese goods)
    return (
        owner is not None
        and (owner.code == "US" or clause.low.startswith(("'s", "’s"), owner.end))
        and _OWNED_DUTY_AFTER.match(clause.low, owner.end) is not None
    )


def _segments(clause: Clause, first: int) -> list[Segment]:
    text = clause.text
    segments: list[Segment] = []
    last_end = first
    low = clause.low
    nouns: frozenset[int] | None = None
    for lead in _SEGMENT_LEAD.finditer(low):
        if lead.start() < max(0, first - 60) and not lead.group("origin"):
            continue
        if lead.start() < last_end and segments:
            continue
        if lead.group("on") and not _LINKED.search(low[max(0, lead.start() - 45) : lead.start()]):
            continue
        if lead.group("exempt") and _exempt_from_owned_duty(clause, lead.end()):
            continue  # "were exempted from the US tariffs": the duty's owner, not a list of those exempted
        if lead.group("on") and low.endswith(("including those ", "including the ones "), 0, lead.start()):
            continue  # "exempted from the reciprocal tariffs, including those on goods from China": the duties
        if lead.group("on"):
            control = _CONTROL_BEFORE_ON.search(low, max(0, lead.start() - 40), lead.start())
            if control is not None and not _DUTY_AND.search(
                low, max(0, control.start() - 30), control.start()
            ):
                continue  # "..., and imposed licence requirements on exports of tungsten": goods of a control

        covers, end = _covers(clause, lead.end(), len(text))
        if not covers:
            continue
        nxt = _next_lead(low, end)
        seg_end = nxt.start() if nxt else len(text)
        rate, previous = _segment_rates(
            clause, last_end if segments else 0, lead.start(), lead.end(), seg_end
        )
        if lead.group("origin"):
            # "imports from Vietnam and Taiwan 20%": the rate follows the origins.
            following = [p for p in clause.percents if end <= p.start < seg_end and not p.points]
            if following and (
                rate is None or not _PERCENT_BEFORE.search(text[max(0, lead.start() - 25) : lead.start()])
            ):
                rate, previous = Rate(following[0].value), None
            elif not following and rate is None:
                continue
        status: str | None = (
            "exempted" if lead.group("exempt") and re.match(r"ex|sp", lead.group(), _I) else None
        )
        verb_at = lead.start()
        if (
            status is None
            and segments
            and lead.group("exempt")
            and _EXAMPLE_LEAD.match(low, lead.start())
            and lead.start() - segments[-1].end <= 40
        ):
            # "doubled tariffs on American imports on Wednesday, including cars and wine": the goods are part
            # of the duty just named and undergo its verb, not a cue further on ("in retaliation for ...")
            status, verb_at = segments[-1].status, segments[-1].verb_at
        if status is None:
            window_start = segments[-1].end if segments else 0
            # The status cue nearest the list: before it ("raised duties on X") or right after it ("a levy
            # on X took effect", "duties on X, imposed in March, remain in place").
            upto = seg_end  # up to the next lead (`nxt`)
            if nouns is None:
                nouns = frozenset(t.start() for t in clause.matches(lex.TARIFF))
            hit = _nearest(
                lex.TARIFF_STATUS,
                text[:upto],
                clause.low[:upto],
                (lead.start(), end),
                weak=_WEAK_TARIFF,
                nouns=nouns,
                # the cues the clause has found once, those that end before the next list (a scan of the text
                # up to each list made a long sentence of many lists quadratic)
                # (and no farther before the list than a long sentence's length: a cue further off decides nothing)
                hits=_hits_between(clause, lex.TARIFF_STATUS, lead.start() - _FAR, upto),
            )
            if hit is not None and hit[1].start() >= end and clause.low.endswith("in ", 0, hit[1].start()):
                # "raising the duty on cars to 120% ... and on leaf tobacco to 60%, in retaliation for U.S.
                # sanctions", "lifted its 25% tariff on U.S. steel, in retaliation for ...": a clause of cause after
                # the list names no verb of it
                hit = _nearest(
                    lex.TARIFF_STATUS,
                    text[: hit[1].start()],
                    clause.low[: hit[1].start()],
                    (lead.start(), end),
                    weak=_WEAK_TARIFF,
                    nouns=nouns,
                    hits=_hits_between(clause, lex.TARIFF_STATUS, lead.start() - _FAR, hit[1].start()),
                )
            if hit is not None and hit[1].start() >= window_start - 80:
                status, verb_at = _tense(hit[0], hit[1], text), hit[1].start()
                if _ON_TOP_OF.match(hit[1].group()) and hit[1].start() < lead.start():
                    status = "in_force"  # "comes on top of a 20% duty on lumber": the duty below stands
            elif segments:
                status, verb_at = segments[-1].status, segments[-1].verb_at  # the list goes on
        segments.append(Segment(lead.start(), end, tuple(covers), rate, previous, status, verb_at))
        last_end = end
    return segments


_EXAMPLE_LEAD = re.compile(r"includ|cover")
_RELATIVE_PARTICIPLE = re.compile(
    r"(?:tariffs?|dut(?:y|ies)|levy|levies|surtax(?:es)?|surcharges?)[\w\s.,%-]{0,40}?,?\s*(?:(?:which|that)\s+)?"
    r"(?:it|he|she|they|washington|beijing|ottawa|brussels|the [\w.]+|[A-Z][\w.]*)?\s*(?:had\s+)?$",
    _I,
)


def _tense(status: str, cue: re.Match[str], text: str) -> str:
    """'will face a 15% rate': a weak in-force cue in the future tense states a duty to come; 'the 20% tariff
    imposed over fentanyl': a participle after the duty names a measure that already stands."""
    before = text[max(0, cue.start() - 40) : cue.start()]
    if status == "announced" and cue.group().lower().endswith("ed") and _RELATIVE_PARTICIPLE.search(before):
        return "in_force"
    if status == "in_force" and cue.group().lower() in _WEAK_TARIFF - _STILL:
        before = text[max(0, cue.start() - 20) : cue.start()]
        if re.search(
            r"\b(?:will|would|to|set to|due to)\s+(?:(?!still\b|keep|continue|remain|stay)\w+\s+)?$", before
        ):
            return "announced"
    if status == "in_force" and cue.group().lower() == "subject to" and _WILL_BE.search(text, 0, cue.start()):
        return "announced"  # "will be subject to a 19% tariff": a duty to come
    if status == "in_force" and _WILL_START.search(text, max(0, cue.start() - 30), cue.start()):
        return "announced"  # "will start charging duties on Friday": collection to come
    if (
        status == "in_force"
        and _EFFECT_VERB.match(cue.group())
        and _TO_COME.search(text, max(0, cue.start() - 25), cue.start())
    ):
        return "announced"  # "is due to take effect on Thursday", "would take effect": not in force yet
    if status == "in_force" and _STILL_TO_START.match(text, cue.end()):
        return "announced"  # "the tariff remains on track to start on Tuesday": it has not started
    return status


_ON_TOP_OF = re.compile(r"on top of|stack(?:s|ed)? on")
_WILL_BE = re.compile(r"\b(?:will|would|shall)\s+(?:also\s+|now\s+)?be\s+$", _I)
_STILL_TO_START = re.compile(
    r"\s+(?:on track|set|due|scheduled|expected|poised)\s+to\s+(?:start|begin|take effect|come into force"
    r"|go into effect|kick in|apply)\b",
    _I,
)
_TO_COME = re.compile(r"\b(?:will|would|shall|to)\s+(?:(?:also|now|only|then)\s+)?$", _I)
_WILL_START = re.compile(r"\b(?:will|would|to|set to|due to)\s+(?:start|begin)\s+$", _I)
_STILL = frozenset(
    {
        "keep",
        "keeps",
        "keeping",
        "kept",
        "maintain",
        "maintained",
        "retain",
        "retained",
        "remain",
        "remains",
        "remained",
        "still",
    }
)  # "will keep its duties": they stand now and after
_PERCENT_BEFORE = re.compile(r"%\s*(?:\w+\s+){0,2}$")


def _segment_rates(
    clause: Clause, floor: int, lead_start: int, lead_end: int, seg_end: int
) -> tuple[Rate | None, Rate | None]:
    text = clause.text
    inside = [p for p in clause.percents_in(lead_end, seg_end) if not p.points]
    ft = _FROM_TO.search(clause.low, lead_end, seg_end)
    if ft is not None:
        nums = [p for p in clause.percents if ft.start() <= p.start < ft.end()]
        if len(nums) >= 2:
            first, second = nums[0], nums[1]
            if ft.group("b"):
                return Rate(second.value), Rate(first.value)
            return Rate(first.value), Rate(second.value)
    before = [
        p
        # (from before `floor`: a rate written out in words may start before it and end after)
        for p in clause.percents_in(max(0, lead_start - 160), lead_start)
        if floor <= p.end <= lead_start and lead_start - p.end <= 40 and not p.points
    ]
    standing = next((p for p in inside if _STANDING_RATE.search(text, max(0, p.start - 30), p.start)), None)
    at = [p for p in inside if re.search(r"\b(?:at|to|of)\s+$", text[max(0, p.start - 6) : p.start])]
    if at and floor > 0:
        # "raising the duty on shrimp to 40% and on rice to 15%": a later list's own "to 20%" beats the
        # rate the list before it ended with.
        return Rate(at[0].value), None
    if before and standing is not None:
        # "a 40% levy on bicycles, doubling the current 20% rate"
        return Rate(before[-1].value), Rate(standing.value)
    if before:
        prev = None
        after_prev = re.search(
            r"\bfrom\s+(?:the\s+)?(?:current\s+)?$", text[max(0, before[-1].start - 20) : before[-1].start]
        )
        if after_prev and len(before) >= 2:
            prev = Rate(before[-1].value)
            return Rate(before[-2].value), prev
        return Rate(before[-1].value), None
    at = [p for p in inside if re.search(r"\b(?:at|to|of)\s+$", text[max(0, p.start - 6) : p.start])]
    if at:
        return Rate(at[0].value), None
    return None, None


_CAUSE_LEAD = re.compile(
    r"\b(?:in (?:retaliation|response) (?:for|to)|retaliat(?:e|es|ed|ing|ion) against|in return for|to counter"
    r"|to punish|over"
    # "Korea's exports fell, hit by higher U.S. duties": a duty named as the cause of what a market did
    r"|(?:hit|hurt|dented|squeezed|weighed down|battered) by)\s+(?:the\s+)?(?:(?:higher|new|steep|steeper|additional"
    r"|extra|rising)\s+)?$"
)
# "..., which drew Chinese duties of 15 percent": the answer told as what the cause brought, already standing
_ANSWER_LEAD = re.compile(
    r"\b(?:drew|drawing|prompted|prompting|provoked|provoking|triggered|triggering|sparked|sparking)\s+(?:the\s+)?$"
)


# "Copper ore and copper cathodes were also exempted", "are exempt from it for now": goods as the subject of
# an exemption, the duty they are exempt from named before.
_EXEMPTED_SUBJECT = re.compile(
    # "refined copper ... escaped the duty entirely"
    r"\b(?:escaped|escapes|escape|escaping)\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+)?(?:duty|duties|tariffs?|levy"
    r"|levies)\b|"
    r"\b(?:are|were|is|was|will be|would be|have been|has been|had been|remain|remains|stay|stays)\s+"
    # "Smartphones and pharmaceuticals ... are not covered": outside the duty
    # (not "are not covered by the agreement": left out of a deal that cut the duty, they keep it in full)
    r"(?:also\s+|now\s+|all\s+|likewise\s+)?(?:exempt(?:ed)?|excluded|spared"
    r"|not covered(?!\s+by\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+)?"
    r"(?:agreement|deal|pact|framework|accord|truce)))\b"
)


def _listed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items of a list in `text[start:end]` ("ore, concentrates and cathodes"), each to be read
    alone (`products_in` stops at the first comma): its comma-separated parts, each split by `_list_items`."""
    spans: list[tuple[int, int]] = []
    pos = start
    for comma in [*re.finditer(r",\s*", text[start:end]), None]:
        stop = end if comma is None else start + comma.start()
        spans += [(pos + a, pos + b) for a, b in _list_items(text[pos:stop])]
        pos = end if comma is None else start + comma.end()
    return spans


_SUBJECT_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
_POSSESSIVE_START = re.compile(r"(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s")


def _subject_start(clause: Clause, verb: int) -> int:
    """Where the subject of the verb at `verb` starts: after the last join of statements before it, but not
    after the comma of a list's last item ("Civil aircraft, orange juice, and energy products are exempt")."""
    begin = 0
    for join in _SUBJECT_JOIN.finditer(clause.text, 0, verb):
        items = clause.low[begin : join.start()].split(",")
        if (
            join.group().startswith(",")
            and "and" in join.group()
            and len(items) > 1
            and all(_LIST_ITEM_ALONE.fullmatch(item) for item in items)
            and _LAST_ITEM.fullmatch(clause.low, join.end(), verb)
        ):
            continue
        begin = join.end()
    return begin


# The last item of a list of goods, up to its verb: a few words and no verb of their own
_LAST_ITEM = re.compile(r"(?:[a-z][a-z-]*\s+){1,4}")
# An item before it, between commas: a few words, none a verb ("Coffee, beef and sugar face the full rate, and
# orange juice is exempt", "Markets slumped, the dollar fell, and ..." are statements, not items)
_LIST_ITEM_ALONE = re.compile(
    r"\s*(?:(?!(?:is|are|was|were|be|been|face|faces|faced|pay|pays|paid|remain|remains|fell|rose|jumped|slumped"
    r"|stalled|said|says|will|would|has|have|had)\b)[a-z0-9][a-z0-9-]*\s*){1,5}"
)


def earlier_duty_exemptions(clause: Clause, ctx: Context) -> list[Tariff]:
    """Goods a sentence exempts from a duty the item stated before, without naming the duty again: the
    exemption is from the latest duty the item stated, on whoever it targets."""
    imposer = ctx.last_imposer
    verb = _EXEMPTED_SUBJECT.search(clause.low)
    if verb is None and imposer is not None:
        return _goods_exempted_by_act(clause, ctx, imposer)
    if imposer is None or verb is None or verb.start() > 160:
        return []
    if _negated(clause, verb.start()):
        return _denied(ctx)
    dateline = DATELINE.match(clause.text) if clause.offset == 0 else None
    head = (dateline.end() if dateline is not None else 0) + 4  # "The EU"
    if any(m.start <= head and m.kind != "demonym" for m in clause.actors):
        return _partners_exempted(
            clause, ctx, imposer, verb.start(), verb.end()
        )  # "Britain was spared the increase"
    # The subject lists the goods: each item of the list read on its own ("Copper ore, copper concentrates and
    # copper cathodes")
    # ", CBP said, and USMCA-compliant goods ... are exempt": the subject starts after the last join
    # "Goods in transit are spared, and pharmaceuticals and smartphones remain exempt": each verb its subject
    goods: list[Product] = []
    for each in [verb, *_EXEMPTED_SUBJECT.finditer(clause.low, verb.end(), 200)]:
        goods += _goods_of_list(clause, _subject_start(clause, each.start()), each.start())
    goods = _distinct_goods(goods)
    if not goods:
        # "Imports from Britain, which struck a deal last month, were exempted from the increase"
        return _partners_exempted(clause, ctx, imposer, verb.start(), verb.end())
    begin = _subject_start(clause, verb.start())
    origins = _distinct(
        m.code for m in clause.actors if begin <= m.start < verb.start() and m.code != imposer
    )
    targets = tuple(origins) or ctx.last_targets.get(imposer) or ("*",)
    effective = _first_date(clause, _date_cue("exempted"), acts=False)
    return _exempted(clause, ctx, imposer, goods, targets, effective)


_FROM_A_RELIEF = re.compile(
    r"\s+from\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?(?:pause|cut|deal|reprieve|suspension|reduction"
    r"|agreement|truce|relief|exemption|extension)\b"
)


def _partners_exempted(
    clause: Clause, ctx: Context, imposer: str, verb_at: int, verb_end: int
) -> list[Tariff]:
    """The jurisdictions the subject names exempted from the latest duty of the item, on each of its goods:
    "Britain was spared the increase" after a rise of the duties on steel and aluminium."""
    if _FROM_A_RELIEF.match(clause.low, verb_end):
        return []  # "China was excluded from the pause": left out of a relief, it still pays
    begin = max([0, *(m.end() for m in _SUBJECT_JOIN.finditer(clause.text, 0, verb_at))])
    partners = _distinct(
        m.code
        for m in clause.actors
        if begin <= m.start < verb_at and m.code not in (imposer, "*") and m.kind != "demonym"
    )
    if not partners:
        return []
    goods: list[Product | None] = [*ctx.last_goods.get(imposer, (0, ()))[1]] or [None]
    return _exempted(clause, ctx, imposer, goods, partners, _first_date(clause, _date_cue("exempted")))


def _goods_of_list(clause: Clause, start: int, end: int) -> list[Product]:
    """The goods of a list in `text[start:end]`, each item read on its own, none of the generic words."""
    return _distinct_goods(
        p
        for a, b in _listed(clause.text, start, end)
        # "Pharmaceuticals, Switzerland's largest export, are exempt": an apposition describes the goods
        if not _POSSESSIVE_START.match(clause.text, a)
        for p in products_in(clause, a, b, opens=True)
        if p.name.lower() not in lex.GENERIC_GOODS
    )


def _exempted(
    clause: Clause,
    ctx: Context,
    imposer: str,
    goods: Sequence[Product | None],
    targets: Sequence[str],
    effective: DateSpan | None = None,
) -> list[Tariff]:
    """The exemptions of `goods` from the duty of `imposer` on each of `targets`."""
    evidence = ctx.quote(clause, _confidence(clause, 0.7))
    found = [
        Tariff(
            imposer=imposer,
            target=target,
            product=good,
            status="exempted",
            effective=effective,
            evidence=evidence,
        )
        for good in goods
        for target in targets
        if target != imposer
    ]
    return _as_is(clause, found)


# "The order exempts several of Brazil's main exports, including orange juice and civil aircraft": the act
# that set the duty the item stated exempts goods named after the verb
_EXEMPTS_GOODS = re.compile(
    r"\b(?:exempts|exempted|spares|spared|excludes|excluded)\s+(?!from\b|it\b|them\b)"
)
_ACT_SUBJECT = re.compile(
    r"(?:\s*(?:the|its|his|this|that)\s+(?:[\w-]+\s+)?(?:order|proclamation|decree|rule|measure|regulation|notice"
    r"|list|tariff|tariffs|duty|duties|levy|plan|policy)"
    # "The proclamation signed on Wednesday exempts ...": the act and when it was made
    r"(?:\s+(?:signed|issued|published|announced|unveiled)(?:\s+(?:on|last)\s+\w+)?)?|\s*(?:it|they))\s+(?:also\s+)?$"
)
_INCLUDING = re.compile(r"\b(?:including|such as|among them)\s+")


def _goods_exempted_by_act(clause: Clause, ctx: Context, imposer: str) -> list[Tariff]:
    verb = _EXEMPTS_GOODS.search(clause.low, 0, 160)
    if verb is None:
        return []
    dateline = DATELINE.match(clause.text) if clause.offset == 0 else None
    if not _ACT_SUBJECT.fullmatch(clause.low, dateline.end() if dateline else 0, verb.start()):
        return []  # "Britain exempted ...": whose act it is, the sentence says; read with its own duty
    if _negated(clause, verb.start()):
        return _denied(ctx)
    including = _INCLUDING.search(clause.low, verb.end())
    start = including.end() if including is not None else verb.end()
    end = min(
        (clause.text.find(c, start) for c in (";", " - ", ", a ", ", which") if c in clause.text[start:]),
        default=len(clause.text),
    )
    goods = _goods_of_list(clause, start, end)
    return _exempted(clause, ctx, imposer, goods, ctx.last_targets.get(imposer) or ("*",))


_GOODS_BOUND_FOR = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:exports|goods|products|shipments|imports|sales|steel|cars)\s+"
    r"(?:(?:shipped|sent|sold)\s+)?(?:to|into|bound for|headed for|entering)\s+(?:the\s+)?"
)


def _answer_owned_after(clause: Clause, after: int) -> int:
    """Where a later duty told as an answer with an owner of its own starts ("..., which triggered EU duties
    on ..."), else the sentence's end."""
    for later in clause.matches(lex.TARIFF):
        if later.start() <= after:
            continue
        owner = _adjacent_before(clause, later.start())
        if owner is not None and _ANSWER_LEAD.search(clause.low, max(0, owner.start - 30), owner.start):
            return owner.start
        # "China hit back after Washington raised its levy on Chinese goods, announcing tariffs of 15% on US
        # chicken": the participle's duty is the main subject's answer
        participle = _ANSWER_PARTICIPLE.search(clause.low, max(0, later.start() - 40), later.start())
        if participle is not None:
            return participle.start()
    return len(clause.text)


_ANSWER_PARTICIPLE = re.compile(
    r",\s+(?:announcing|imposing|slapping|levying|unveiling|retaliating\s+with|responding\s+with)\s+(?:[\w%.$-]+\s+){0,4}$"
)


def _closing_speaker(
    clause: Clause, after: int, exclude: Sequence[str], story_imposer: str | None = None
) -> str | None:
    """Who says so at the end of a statement ("..., President Donald Trump said on Monday"). One only qualified
    by a demonym ("..., a Japanese official said") comments on the story's duty rather than imposing it, when
    the story has an imposer."""
    return next(
        (
            story_imposer if m.kind == "demonym" and story_imposer is not None else m.code
            for m in reversed(clause.actors)
            if m.start > after and m.code not in exclude and _SAYS_AFTER.match(clause.low, m.end)
        ),
        None,
    )


def _shipped_to(clause: Clause, before: int) -> tuple[str, str] | None:
    """ "Indonesian exports to the U.S. will be subject to a 19% tariff": where the goods are bound imposes the
    duty, where they come from undergoes it (as imposer and target)."""
    actors = [m for m in clause.actors if m.end <= before]
    for origin, bound in itertools.pairwise(actors):
        if (
            origin.code != bound.code
            and _GOODS_BOUND_FOR.fullmatch(clause.low, origin.end, bound.start)
            and _UNDERGO_VERB.search(clause.low, bound.end, bound.end + 40)
        ):
            return bound.code, origin.code
    return None


# "..., after Washington raised its own duties on ...": a party that opens a clause of its own and acts on its
# duties with a verb of its own
_OWN_CLAUSE_LEAD = re.compile(r"(?:\b(?:after|when|while|as|and|but|since|before|once)|,)\s+(?:the\s+)?$")
_ACTS_ON_ITS = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+|also\s+|then\s+)?[a-z]+(?:ed|s)\s+(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?"
)


def _subject_of_own_clause(clause: Clause, trigger_start: int) -> Mention | None:
    for m in reversed(clause.actors):
        if m.end > trigger_start:
            continue
        if m.end < trigger_start - 60:
            return None
        if (
            m.kind != "demonym"
            and _ACTS_ON_ITS.fullmatch(clause.low, m.end, trigger_start)
            and _OWN_CLAUSE_LEAD.search(clause.low, max(0, m.start - 12), m.start)
        ):
            return m
        return None
    return None


def tariffs(clause: Clause, ctx: Context) -> list[Tariff]:
    """Every tariff the sentence states: its first duty's, and those of a later duty with an owner of its
    own ("China announced tariffs on U.S. coal, minutes after a 10% U.S. tariff on Chinese imports took
    effect")."""
    found = _tariffs(clause, ctx)
    imposers: set[str] = {t.imposer for t in found}
    later_found: list[Tariff] = []
    first_end = cause_at = answer_at = len(clause.text)
    for later in clause.matches(lex.TARIFF)[1:]:
        owner = _adjacent_before(clause, later.start())
        acting = None if owner is not None else _subject_of_own_clause(clause, later.start())
        owner = owner or acting
        if (
            owner is None
            or owner.code in imposers
            or (owner.kind == "demonym" and _goods_between(clause, owner.end, later.start()))
        ):
            continue
        # "a 10% U.S. tariff": the rate may stand before an owner, not before the subject of a clause (nor is a
        # rate before "and" the owner's: "fall to 30% from 145% and Chinese duties ... will drop to 10%")
        start = owner.start if acting else max(0, clause.text.rfind(" ", 0, max(0, owner.start - 8)) + 1)
        if " and " in clause.low[start : owner.start]:
            start = owner.start
        first_end = min(first_end, start)
        cause = _CAUSE_LEAD.search(clause.low, max(0, owner.start - 30), owner.start) is not None
        answer = _ANSWER_LEAD.search(clause.low, max(0, owner.start - 30), owner.start) is not None
        # a duty named as the cause, or as the answer it drew, is a measure even with no rate or verb of its own
        owned = _tariffs(clause.part(start, len(clause.text)), ctx, standing=cause or answer)
        if cause or answer:
            # "imposed in retaliation for Ottawa's levies on EVs": the duty named as the cause already stands
            # (unless told as still to come: "triggered EU counter-tariffs, which Brussels will impose from April 1")
            to_come = lex.FUTURE.search(clause.low, start) is not None
            owned = [
                attrs.evolve(t, status="in_force") if t.status == "announced" and not to_come else t
                for t in owned
            ]
            cause_at = min(cause_at, start) if owned and cause else cause_at
            answer_at = min(answer_at, start) if owned and answer else answer_at
        later_found.extend(owned)
        imposers.add(owner.code)
    if answer_at < cause_at:
        # "The U.S. tariffs on steel triggered EU counter-tariffs of 25% on motorcycles": what comes before the
        # answer is its cause, a measure only if it says something of its own
        found = _tariffs(clause.part(0, answer_at), ctx)
    elif cause_at < len(clause.text) and not any(d.start >= first_end for d in clause.dates):
        # "tariffs on pork, retaliating against Washington's duties on steel": the goods of the duty answered
        # are not those of the answer
        found = _tariffs(clause.part(0, cause_at), ctx) or found
    elif later_found and any(d.start >= first_end for d in clause.dates):
        # The later duty's dates are its own: "announced tariffs on coal on Tuesday, minutes after a U.S. tariff
        # took effect at 12:01 a.m. on Tuesday" does not date the coal tariff by the U.S. one.
        own = _tariffs(clause.part(0, first_end), ctx)
        if not own:  # the first duty's status is read from the whole sentence; its dates are not
            theirs = [d.span for d in clause.dates if d.start >= first_end]
            own = [attrs.evolve(t, effective=None) if t.effective in theirs else t for t in found]
        found = own
    elif later_found and any(p.start >= first_end for p in clause.percents):
        # "announced tariffs on coal on Tuesday, minutes after an additional 10% U.S. duty came into force": the
        # later duty's rate and its "additional" are its own
        found = _tariffs(clause.part(0, first_end), ctx) or found
    took = _WHICH_TOOK_EFFECT.search(clause.low) if ctx.published is not None else None
    if (
        took is not None
        and ctx.published is not None
        and not lex.FUTURE.search(clause.low, 0, took.start())
        and not _hedged(clause, 0, took.start())
    ):
        # "set a 15% duty on chicken and a 10% duty on pork, which took effect on March 10": all in force since
        found = [
            attrs.evolve(t, status="in_force")
            if t.status == "announced" and t.effective is not None and t.effective.end <= ctx.published
            else t
            for t in found
        ]
    reply_at, reply = _participle_answer(clause, ctx, found)
    if reply:
        # what the sentence says before the participle is the duty answered
        found = _tariffs(clause.part(0, reply_at), ctx) + reply
    found = found + later_found
    return _as_is(clause, found + _owned_after(clause, ctx, found) + _as_will(clause, found))


_WHICH_TOOK_EFFECT = re.compile(
    r",\s+(?:which|that)\s+(?:took|had taken|came into|went into)\s+(?:effect|force)\b"
)


def _participle_answer(clause: Clause, ctx: Context, found: list[Tariff]) -> tuple[int, list[Tariff]]:
    """ "China hit back after Washington raised its levy on Chinese goods, announcing tariffs of 15% on US
    chicken": the duty of the participle is the answer of the sentence's subject (with where it starts)."""
    if ", " not in clause.low:
        return 0, []
    participle = _ANSWER_PARTICIPLE_START.search(clause.low)
    if participle is None or not lex.TARIFF.search(clause.low, participle.end()):
        return 0, []
    main = _first_actor(clause, 0, participle.start(), ())
    if main is None or any(t.imposer == main.code for t in found):
        return 0, []
    joined, ctx.joined_subject = ctx.joined_subject, main.code
    try:
        answer = _tariffs(clause.part(participle.end(), len(clause.text)), ctx)
    finally:
        ctx.joined_subject = joined
    return participle.start(), [t for t in answer if t.imposer == main.code]


_ANSWER_PARTICIPLE_START = re.compile(
    r",\s+(?:announcing|imposing|slapping|levying|unveiling|retaliating\s+with|responding\s+with)\s"
)


# "Aircraft will be exempt from the 15% rate, as will certain chemicals and generic drugs": more goods in the same
# case as those before
_AS_WILL = re.compile(r",\s+as\s+(?:will|would|are|were|is|was)\s+(?:also\s+)?(?P<goods>[^.;,]{3,120})")


def _as_will(clause: Clause, found: list[Tariff]) -> list[Tariff]:
    exempted = [t for t in found if t.status == "exempted" and t.product is not None]
    if not exempted or ", as " not in clause.low:
        return []
    tail = _AS_WILL.search(clause.low)
    if tail is None:
        return []
    goods = _goods_of_list(clause, *tail.span("goods"))
    first = exempted[0]
    known = {t.product.name for t in exempted if t.product is not None}
    return [attrs.evolve(first, product=good) for good in goods if good.name not in known]


# "retaliating against the 34% tariff Washington announced on Wednesday", "a 25% tariff that Washington imposed
# in March": a duty whose owner follows it, in a clause of its own
_OWNER_LEAD = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:the\s+)?(?:(?:President|Prime Minister|Premier|Chancellor|Secretary)\s+)?"
)
_OWNER_VERB = re.compile(
    r"(?:\s+(?:had|has|have))?\s+(?P<verb>announced|unveiled|set|placed|slapped|put|imposed|levied|introduced)\b"
)


def _owned_after(clause: Clause, ctx: Context, found: list[Tariff]) -> list[Tariff]:
    text = clause.text
    out: list[Tariff] = []
    for trigger in clause.matches(lex.TARIFF):
        lead = _OWNER_LEAD.match(text, trigger.end())
        if lead is None:
            continue
        owner = next((m for m in clause.actors if m.start == lead.end()), None)
        verb = _OWNER_VERB.match(text, owner.end) if owner is not None else None
        if owner is None or verb is None:
            continue
        # the figure of the duty's own noun phrase, right before it: "the 34% reciprocal tariff"
        rate = next(
            (
                p.value
                for p in reversed(clause.percents)
                if p.end <= trigger.start()
                and "," not in text[p.end : trigger.start()]
                and trigger.start() - p.end <= 25
            ),
            None,
        )
        if any(t.imposer == owner.code and (t.rate is None or t.rate.percent == rate) for t in found):
            continue  # the sentence's own statement of that duty
        target_m = _target_after(clause, verb.end(), exclude=[owner.code], limit=40)
        others = [t.imposer for t in found if t.imposer != owner.code]
        target = target_m.code if target_m is not None else (others[0] if others else "*")
        status = "in_force" if verb.group("verb") in ("imposed", "levied") else "announced"
        out.append(
            Tariff(
                imposer=owner.code,
                target=target,
                rate=None if rate is None else Rate(rate),
                status=status,
                evidence=ctx.quote(clause, _confidence(clause, 0.7)),
            )
        )
    return out


# "Pharmaceuticals are exempt from the levy for now, as is gold bullion": more goods in the same case.
_AS_IS = re.compile(r",\s+as\s+(?:is|are|were|was)\s+(?P<goods>[^,;.]+)")


def _as_is(clause: Clause, found: list[Tariff]) -> list[Tariff]:
    exempted = [t for t in found if t.status == "exempted" and t.product is not None]
    m = _AS_IS.search(clause.text) if exempted else None
    if m is None:
        return found
    more = products_in(clause, m.start("goods"), m.end("goods"))
    known = {t.product.name for t in exempted if t.product is not None}
    first = exempted[0]
    return found + [attrs.evolve(first, product=p) for p in more if p.name not in known]


# "is weighing tariffs on lumber", "proposed duties on steel": a duty the verb governs is a measure under
# consideration, though no rate or status verb of its own is given
_WEIGHED = re.compile(
    # "on the proposed tariffs" names a measure already told of, as an adjective, not a verb
    r"(?<!\bthe )(?<!these )(?<!those )(?<!\bits )(?<!their )"
    r"\b(?:consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|mull(?:s|ed|ing)?|propos(?:e|es|ed|ing)|eye(?:s|d|ing)?"
    # "a consultation on possible duties on batteries": duties put to the public before a decision
    r"|(?:consultation|consultations|review|investigation|probe|study) (?:on|into|of))\s+"
    r"(?:(?:new|possible|fresh|higher|additional|further|retaliatory|steep|steeper|hefty|heavy|punitive|sweeping"
    r"|its|their|the|a|an)\s+){0,2}(?:counter[\s-]?)?$"
)


_KEEPS_ON = re.compile(
    r"\b(?:keep|keeps|kept|keeping|continue|continues|continued|continuing)\s+(?:to\s+)?(?:\w+ly\s+)?$"
)


def _kept_on(status: str, low: str, verb_at: int) -> str:
    """ "Will keep suspending its 24% tariff for another year": a pause that goes on is extended."""
    if status == "suspended" and _KEEPS_ON.search(low, max(0, verb_at - 30), verb_at):
        return "extended"
    return status


# "proposed on Tuesday to nearly halve the quota and to double the duty", "asked Congress to raise tariffs":
# the verb of the measure is what a proposal would do, however far the proposal stands before it.
_PROPOSED_TO = re.compile(
    r"\b(?:propos(?:e|es|ed|ing)|(?:ask(?:s|ed|ing)?|urg(?:es|ed|ing)) (?:congress|parliament|lawmakers|legislators"
    r"|the (?:legislature|senate|congress|parliament|assembly|diet|house))|plans?|planning|intends?|intending"
    # "offered to cut its tariffs on US goods to zero": a concession offered, not yet made
    r"|offer(?:s|ed|ing)?)\b"
    r"[^.;:]{0,120}?\bto\s+(?:\w+ly\s+)?$"
)


# "the EU's 10% duty on imported cars is among the highest": a duty described as it stands, not one to come
_STANDS = re.compile(
    r"[^.;,]{0,60}?\b(?:is|are|remains|remain|stands at|stand at|stays|stay)\s+"
    r"(?!to\b|set\b|due\b|expected\b|likely\b|being\b|not\b)"
)
_PART_OF = re.compile(r"\s+(?:most|part|some|much|half)\s+of\s+(?:the|their|its)\b")
_MAY_FOLLOW = re.compile(
    r"[^.;,]{0,80}?\b(?:may|might|could)\s+(?:also\s+|soon\s+|later\s+|yet\s+)?(?:follow|come|be imposed|be introduced"
    r"|be added|be slapped|be set)\b"
)


_RELIEFS = frozenset({"exempted", "lifted", "suspended", "lowered"})
_TARIFF_CHANGES = frozenset({"raised", "lowered", "lifted", "suspended", "extended", "exempted"})
_ANY_NEW = re.compile(r"\b(?:any|all)\s+(?:new\s+|further\s+|future\s+)?$")
_GOODS_OR_RATE_NEXT = re.compile(r"\s+(?:of\s+\d|on\s|against\s)")


def _answers_bare_duty(
    clause: Clause, trigger: re.Match[str], status_hit: tuple[str, re.Match[str]] | None
) -> bool:
    """Whether the duty `trigger` names is only the cause another measure answers ("curbed exports of
    tungsten in retaliation for U.S. tariffs"), with neither goods nor a rate of its own."""
    owner = _adjacent_before(clause, trigger.start())
    lead_end = owner.start if owner is not None else trigger.start()
    # "retaliate against any new U.S. tariffs": the duty answered may be one that does not exist yet
    any_new = _ANY_NEW.search(clause.low, max(0, lead_end - 12), lead_end)
    lead_end = any_new.start() if any_new is not None else lead_end
    cause = _CAUSE_LEAD.search(clause.low, max(0, lead_end - 30), lead_end)
    return (
        cause is not None
        # the verb is another measure's, or the cause's own word ("in retaliation for")
        and (status_hit is None or status_hit[1].start() < cause.end())
        and not _GOODS_OR_RATE_NEXT.match(clause.low, trigger.end())
        and not any(p.start > cause.start() for p in clause.percents)
    )


_THREATENED_BEFORE = re.compile(
    r"\b(?:a|an|the|its|his|their)\s+(?P<adj>threatened|hypothetical|notional)\s+"
    r"(?:\d[\d.]*\s*(?:%|percent|per cent)\s+)?(?:[\w.-]+\s+){0,2}$"
    # "could answer any new U.S. levies on pharmaceuticals": duties that do not exist yet
    r"|\bany\s+(?P<any>new|future|further|additional|fresh)\s+(?:[\w.-]+\s+){0,1}$"
)


# "are exempt from the 40% duty": the rate of the duty goods are exempted from, which the exemption keeps as a
# relief does; other rates of an exemption's sentence are not its own
_EXEMPT_FROM_RATED_DUTY = re.compile(
    r"\b(?:exempt(?:ed)?|spared|excluded)\s+from\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+)?"
    r"(\d+(?:\.\d+)?)\s*(?:%|percent|per\s?cent)\s+(?:[\w-]+\s+)?(?:tariffs?|dut(?:y|ies)|levy|levies|rate"
    r"|surtax|surcharge)\b"
)


_ORDERED_THEN = re.compile(
    r",\s+(?:ordered|announced|imposed|signed|unveiled|approved|decided|set)\s+(?:[\w-]+\s+){0,2}?(?:in|on|last)?\s*$"
)
_TALKS_STOPPED = dict(lex.NEGOTIATION_STATUS)["suspended"]


def _talks_stopped_on(clause: Clause) -> bool:
    """ "Britain on Tuesday suspended negotiations", "suspended trade talks on Friday": the day talks were stopped
    is named with the act that stopped them."""
    return any(
        _DAY_WORD.match(d.span.text) and _acted_on(clause, d, _TALKS_STOPPED) for d in _measure_dates(clause)
    )


def _talks_said_stopped_on(clause: Clause) -> DateSpan | None:
    """ "said late Thursday he was terminating all trade negotiations": the day it was said (not "said on Monday
    he would end the talks")."""
    return next(
        (
            d.span
            for d in clause.dates
            if _DAY_WORD.fullmatch(d.span.text)
            and _SAID_ON.search(clause.low, max(0, d.start - 16), d.start)
            and _STOPPED_AS_SAID.match(clause.low, d.end)
        ),
        None,
    )


_SAID_ON = re.compile(r"\b(?:said|announced|declared)\s+(?:(?:late|early)\s+)?(?:on\s+)?$")
_STOPPED_AS_SAID = re.compile(
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:that\s+)?"
    r"(?:(?!will\b|would\b|could\b|may\b|might\b|should\b|plans?\b|wants?\b)[\w.'’-]+\s+){0,3}?"
    rf"(?:{_TALKS_STOPPED.pattern})"
)


# Between a verb and the duty it acts on: its object's determiners and modifiers, a span of time, nothing that
# starts another phrase ("raised doubts about the levies", "after talks ended without a deal, the tariffs")
_OBJECT_OF = re.compile(
    r"\s+(?:for\s+(?:one|two|three|six|\d+)\s+\w+\s+)?(?:the\s+|its\s+|their\s+|his\s+)?"
    r"(?:(?!about\b|over\b|of\b|on\b|in\b|with\b|without\b|after\b)[\w%.'’-]+\s+){0,4}"
)
_PARTICIPLE_AFTER_LIST = re.compile(r",\s+(?:all|both|each|which were|that were|first)?\s*$")
# (the one who threatens as the subject: not "after talks were pushed back to July 20", "the pause, postponed to
# July 9")
_PUT_OFF_TO = re.compile(
    r"(?<!were )(?<!was )(?<!been )(?<!\bbe )(?<!, )\b(?:pushed back|pushes back|delayed|postponed|put off)\s+"
    r"(?:to|until)\s+$"
)
_DUE_AFTER_DUTY = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:[\w.'’-]+\s+){1,3}?(?:was|were|is|are|had\s+been|has\s+been)\s+"
    r"(?:due|set|planned|scheduled|going|about|expected|poised)\s+to\s+$"
)


def _tariffs(clause: Clause, ctx: Context, *, standing: bool = False) -> list[Tariff]:
    triggers = clause.matches(lex.TARIFF)
    if not triggers:
        return []
    trigger = triggers[0]
    if len(triggers) == 1 and _AVERAGE_RATE.search(
        clause.low, max(0, trigger.start() - 40), trigger.end() + 6
    ):
        return []  # "expect the effective U.S. tariff rate to settle around 15%": a statistic, no measure
    supposed = _THREATENED_BEFORE.search(clause.low, max(0, trigger.start() - 40), trigger.start())
    if supposed is not None and supposed.group("any") is not None:
        # "China, vowing to answer any new U.S. tariffs, imposed 15% duties on American coal": the duties after
        rest = clause.part(trigger.end(), len(clause.text))
        if len(triggers) == 1 or lex.FUTURE.search(rest.low) or _hedged(rest, 0, len(rest.text)):
            return []  # "any new U.S. tariffs would be met with countermeasures": a reply promised, not made
        return _tariffs(rest, ctx, standing=standing)
    if (
        supposed is not None
        and len(triggers) == 1
        and (supposed.group("adj") != "threatened" or _OFF_THE_TABLE.match(clause.low, trigger.end()))
    ):
        # "a hypothetical 30% duty", "takes a threatened 100% tariff off the table": no duty (but "the threatened
        # 25% U.S. tariffs came into force" is one)
        return []
    text = clause.text
    hits = clause.scan(lex.TARIFF_STATUS)
    cause = _CAUSE_AFTER.search(clause.low, trigger.end()) if hits else None
    if cause is not None:
        # "lifted its 25% tariff on U.S. soybeans, in retaliation for ...": the words of the cause are no verb of
        # the duty
        hits = [h for h in hits if not cause.start() <= h[1].start() < cause.end()]
    status_hit = _nearest(
        lex.TARIFF_STATUS,
        text,
        clause.low,
        trigger.span(),
        weak=_WEAK_TARIFF,
        hits=hits,
    )
    status = status_hit[0] if status_hit else "announced"
    if (
        status == "raised"
        and status_hit is not None
        and _PAUSED_RISE.search(clause.low, max(0, status_hit[1].start() - 40), status_hit[1].end())
    ):
        status = "suspended"  # "agreed to pause their tariff hikes for 90 days": the rises held off
    if status_hit is None and _STANDS.match(clause.low, trigger.end()):
        status = "in_force"  # "the EU's 10% duty on imported cars is among the highest": a duty that stands
    elif (
        status_hit is None
        and _OWNED_BEFORE.search(clause.low, max(0, trigger.start() - 30), trigger.start())
        and not lex.FUTURE.search(clause.low)
        and not lex.HEDGE.search(clause.low)
    ):
        # "China criticised Canada's 100% surtax on Chinese electric vehicles": a side's duty named with no verb of
        # its own stands
        status = "in_force"
    if not standing and _answers_bare_duty(clause, trigger, status_hit):
        return []  # "restricted exports of gallium in response to U.S. tariffs": the duty answered, as a cause
    verb_pos = status_hit[1].start() if status_hit else trigger.start()
    stands = False
    if (
        status_hit is not None
        and status in _RELIEFS
        and (_negated(clause, verb_pos) or _NO_BEFORE.search(clause.low, max(0, verb_pos - 4), verb_pos))
    ):
        # "declined to exempt India from its duties of 25% on steel", "will not lift its tariffs", "produced no
        # easing of the tariffs": relief denied, the duty stands
        stands, status, status_hit = True, "in_force", None
    elif (
        not_answered := _NOT_ANSWERED.search(clause.low, max(0, trigger.start() - 70), trigger.start())
    ) and any(not_answered.end("reply") <= m.start < trigger.start() for m in clause.actors):
        # "will not retaliate against the 30% U.S. tariff that took effect on Thursday": the reply is denied, the
        # duty it would answer stands
        stands, status, status_hit = True, "in_force", None
    elif _negated(clause, verb_pos) or (status_hit is None and _negated(clause, trigger.start())):
        after = TIME_CLAUSE.search(clause.text, trigger.end())
        if after is not None and len(triggers) > 1 and triggers[-1].start() > after.end():
            # "Britain will not impose retaliatory tariffs, ..., a day after Trump announced a 10% tariff on
            # imports from the United Kingdom": the duty the clause of time tells stands on its own
            _denied(ctx)
            return _tariffs(clause.part(after.end(), len(clause.text)), ctx, standing=standing)
        return _denied(ctx)
    if status_hit is not None and _COUNTERFACTUAL.search(clause.low, max(0, verb_pos - 25), verb_pos):
        return []  # "they would have put a 50% levy on whiskey": what did not happen states no measure
    if _WITHOUT_IT.match(clause.low):
        return []  # "Without them, the machinery would pay duties of 25%": what a relief spares, no duty
    if (
        ("if" in clause.low or "unless" in clause.low)
        and _IF_CLAUSE.search(clause.low, max(0, trigger.start() - 80), trigger.start())
        and not any(p.start > trigger.start() - 80 for p in clause.percents)
    ):
        return []  # "if the U.S. continues to impose tariffs, China will ignore it": a condition, not a measure
    if len(triggers) == 1 and not clause.percents and _OPINION_OF_DUTIES.search(clause.low):
        return []
    if len(triggers) == 1 and _PAYS_NO.search(clause.low, max(0, trigger.start() - 40), trigger.start()):
        return []  # "imports from India were found to have negligible margins and face no duty"
    if not clause.percents and (
        _TOPIC_LEAD.search(clause.low, max(0, trigger.start() - 40), trigger.start())
        or (
            _AWAITED_LEAD.search(clause.low, max(0, trigger.start() - 50), trigger.start())
            # (not "ahead of U.S. tariffs on Canadian and Mexican goods that take effect on Tuesday": a duty of
            # its own, with its targets and its day)
            and not any(
                trigger.end() <= m.start <= trigger.end() + 40
                and _ON_OR_FROM.search(clause.low, trigger.end(), m.start)
                for m in clause.actors
            )
            and not any(d.start > trigger.start() for d in clause.dates)
        )
    ):
        # "officials will meet on Thursday to discuss the tariffs": the duties as a subject of talks; "amid a row
        # over steel tariffs, Canada imposed duties on whiskey": the duty named after it is the measure
        if len(triggers) == 1:
            return []
        return _tariffs(clause.part(triggers[0].end(), len(clause.text)), ctx, standing=standing)
    may_follow = _MAY_FOLLOW.match(clause.low, trigger.end(), min(len(clause.low), trigger.end() + 80))
    if (
        status_hit is None
        and not clause.percents
        and not lex.AUTHORITY.search(clause.low)
        and not _WEIGHED.search(clause.low, max(0, trigger.start() - 40), trigger.start())
        and not may_follow
        and not standing
        and not stands
    ):
        return []  # a passing mention ("tariff costs", "the tariff fight") states no measure
    if _EFFECT_OF_DUTIES.match(text, trigger.start()) or _ON_ONES_OWN.search(text):
        return []  # "tariffs could hurt growth", "duties on his own": what duties do, not a measure
    rate, previous, added = _rates(clause, trigger)
    added_rate = rate
    if added and rate is not None and previous is None:
        rate, previous = _with_total(clause, rate)
    demand = _demand(clause, trigger, ctx.last_imposer)
    if demand is None and _wish(clause, trigger):
        return []  # "carmakers have been seeking lower duties on engines": a wish, not a measure or a demand
    if _PROBED.search(clause.low, max(0, trigger.start() - 90), trigger.start()):
        return []  # "a Section 301 probe into Brazil's ethanol tariffs": the subject of an inquiry, no act
    if _WITHOUT_DUTIES.search(clause.low, max(0, trigger.start() - 30), trigger.start()):
        return []  # "ended its probe into Chinese steel without duties": none imposed
    if _MARKET_MOOD.search(clause.low, max(0, trigger.start() - 80), trigger.start()):
        return []  # "futures rose on hopes that China would cut its tariffs": a market's guess, not a measure
    segments = [] if demand else _segments(clause, min(trigger.start(), verb_pos))
    imposer: str | None = None
    target: str | None = None
    if demand is not None:
        imposer, target = demand[1], demand[0]
        if lex.TIGHTENING_ASKED.search(clause.low, 0, trigger.end()):
            # "urged Mexico to impose tariffs on Chinese cars": the duty asked for targets the goods' origin
            found_target = _target_after(clause, trigger.start(), exclude=[imposer])
            target = found_target.code if found_target is not None else "*"
        status = "demanded"
    else:
        owner = _adjacent_before(clause, trigger.start())
        target_m = _target_after(clause, trigger.start())
        if (
            owner is not None
            and target_m is None
            and owner.kind == "demonym"
            and _goods_between(clause, owner.end, trigger.start())
        ):
            target_m, owner = owner, None
        seg_targets = {t for seg in segments for ts, _ in seg.covers for t in ts}
        agent = _agent_after_by(clause, trigger.end())
        before = min(trigger.start(), verb_pos)
        # "The U.S. raised tariffs on steel, prompting EU counter-tariffs on American motorcycles": the goods
        # of a later duty with an owner of its own say nothing of who imposes this one
        answer = _answer_owned_after(clause, trigger.end())
        own_lists = {t for seg in segments if seg.at < answer for ts, _ in seg.covers for t in ts}
        subject = _subject(
            clause, before, exclude=sorted(own_lists | ({target_m.code} if target_m else set()))
        )
        # "the U.S. tariff on steel ..., which drew Chinese duties on American fruit": the owner is no target of
        # its own duty's list; a later list is another duty's
        own_targets = {t for ts, _ in segments[0].covers for t in ts} if segments else set()
        actor = owner if owner is not None and owner.code not in own_targets else None
        actor = actor or agent or subject
        imposer = actor.code if actor else None
        target = target_m.code if target_m else None
        undergoers = _undergoers(clause, min(trigger.start(), verb_pos))
        goods = [] if undergoers or seg_targets or target_m else _goods_subject(clause, trigger.start())
        if goods:
            # "Steel pipes from Vietnam will face a 25% tariff": the goods undergo the duty of whoever the
            # story is about; their origin, if named, is its target.
            origins = _distinct(
                m.code
                for m in clause.actors
                if m.start < goods[0][1] and m.kind != "person" and not _is_destination(clause, m.start)
            )
            # "Steel entering the European Union": where the goods go levies the duty
            into = next(
                (m.code for m in clause.actors if m.start < goods[0][1] and _is_destination(clause, m.start)),
                None,
            )
            # "Canola seed had faced duties of 75%" in a story of two sides' duties: the goods were named
            # before as those of one imposer only, whose duty they undergo.
            named = {p.name for p, _ in goods}
            known = [] if origins else _distinct(i for (i, good) in ctx.product_targets if good in named)
            found_imposer = ctx.last_imposer if ctx.last_imposer not in (None, *origins) else None
            found_imposer = known[0] if len(known) == 1 else found_imposer
            found_imposer = (
                into or found_imposer or _context_actor(ctx, exclude=origins[0] if origins else None)
            )
            if status_hit is not None:
                status = _background(_tense(status, status_hit[1], text), clause)
            status = _undergone(clause.low, goods[0][1], status)
            status = "proposed" if _hedged(clause, 0, trigger.end()) else status
            rated: list[tuple[list[Product], Rate | None]] = [([p for p, _ in goods], rate)]
            rated += [([p], r) for p, r in _gapped(clause, trigger.end())]
            return [
                event
                for products, own_rate in rated
                for event in _tariff_events(
                    ctx,
                    clause,
                    found_imposer,
                    [
                        # "Leaf tobacco will face a 60% duty" after "tariffs on American tobacco": goods
                        # already named with their origin keep it
                        (
                            tuple(origins)
                            or _known_target(ctx, found_imposer or "", p, clause.low)
                            or _story_partner(ctx, found_imposer, clause)
                            or ("*",),
                            p,
                        )
                        for p in products
                    ],
                    own_rate,
                    previous if own_rate is rate else None,
                    status,
                    _tariff_confidence(clause, 0.7),
                )
            ]
        if undergoers and not seg_targets and target_m is None:
            # "Canada and Mexico will be exempted", "Japan will face a 15% tariff": the subject undergoes
            # someone else's duty.
            imposer_m = owner if owner is not None and owner.code not in undergoers else agent
            # "Canadian energy and potash face a lower 10% rate": the duty of the imposer the item told last;
            # "Goods from Japan will face tariffs of 25%, President Donald Trump said": of the one who says so
            last = ctx.last_imposer if ctx.last_imposer not in (None, *undergoers) else None
            speaker = _closing_speaker(clause, trigger.end(), undergoers, last)
            found = (
                imposer_m.code if imposer_m else speaker or last or _context_actor(ctx, exclude=undergoers[0])
            )
            if imposer_m is None and found in undergoers:
                # "Canada, Mexico and the EU were exempted": none of those exempted imposes the duty
                found = ctx.last_imposer if ctx.last_imposer not in (None, *undergoers) else None
            listed: list[Product | None] = list(_products_or_none(clause, trigger))
            if listed == [None]:  # "Canadian lumber will face a 14% duty": the goods are the subject
                listed = [p for p, _ in _goods_subject(clause, trigger.start())] or listed
            if listed == [None] and status_hit is not None and status_hit[0] == "exempted" and found:
                # "were exempted from both duties": from the duties on the goods just named
                listed = [*ctx.last_goods.get(found, (0, ()))[1]] or listed
            covers_u = [(tuple(undergoers), p) for p in listed]
            if status_hit is not None:
                status = _background(_tense(status, status_hit[1], text), clause)
            verb = _GOODS_UNDERGO.search(clause.low, 0, trigger.start() + 1)
            status = _undergone(clause.low, verb.start(), status) if verb else status
            return _tariff_events(
                ctx,
                clause,
                found,
                covers_u,
                rate,
                previous,
                "proposed" if _hedged(clause, 0, trigger.end()) else status,
                _tariff_confidence(clause, 0.7),
            )
        exempt_subject = (
            _subject_goods(clause, verb_pos) if status == "exempted" and not seg_targets else None
        )
        if exempt_subject:
            # "Pharmaceuticals, Switzerland's largest export, are exempt from it": the goods are the subject;
            # the duty is one the item named before, on the country the sentence names or on that duty's target.
            head, subject_products = exempt_subject
            # (the duty's owner, when named: "are exempt from Washington's tariffs")
            by = (
                agent.code
                if agent
                else owner.code
                if owner is not None
                else ctx.last_imposer or _context_actor(ctx, exclude=None)
            )
            origins = _distinct(m.code for m in clause.actors if m.start < head and m.code != by)
            origins = origins or list(ctx.last_targets.get(by or "", ())) or ["*"]
            from_rate = _EXEMPT_FROM_RATED_DUTY.search(clause.low) if "from" in clause.low else None
            return _tariff_events(
                ctx,
                clause,
                by,
                [(tuple(origins), p) for p in subject_products],
                Rate(from_rate.group(1)) if from_rate else None,
                None,
                "exempted",
                0.7,
                exempt_from_rate=True,
            )
        if status == "exempted" and not seg_targets:
            exempted = [
                m.code
                for m in clause.actors
                if (m.start < verb_pos and m.code != imposer and _is_actor(clause, m) is False)
                or (m.start < verb_pos and m.kind == "country" and m.code != imposer)
            ]
            if exempted and imposer is None:
                imposer = _context_actor(ctx, exclude=exempted[0])
            if exempted:
                return _tariff_events(
                    ctx,
                    clause,
                    imposer,
                    [(tuple(_distinct(exempted)), p) for p in _products_or_none(clause, trigger)],
                    None,
                    None,
                    "exempted",
                    0.7,
                )
        if imposer is None and target is None and not segments:
            facing = re.search(r"\b(?:fac(?:e|es|ed|ing)|hit with|subject to|pay(?:s|ing)?)\b", text, _I)
            subj = _subject(clause, trigger.start())
            if facing and subj is not None:
                target = subj.code
    if imposer is None and demand is None:
        shipped = _shipped_to(clause, min(trigger.start(), verb_pos))
        if shipped is not None:
            imposer, target = shipped
    if imposer is None and demand is None and seg_targets:
        # "Goods from Japan and South Korea will face tariffs of 25%, President Donald Trump said"
        story = ctx.last_imposer if ctx.last_imposer not in (None, *seg_targets) else None
        imposer = _closing_speaker(clause, trigger.end(), sorted(seg_targets), story)
    if imposer is None:
        imposer = _imposed_by_after(clause, trigger.end()) or ctx.joined_subject
    if imposer is None and _us_law_of(clause, trigger):
        # "Section 232 tariffs of 50% on steel and aluminum are already in force": United States law
        imposer = "US"
    if imposer is None:
        # "The levies on cheese and wine were first set in 2019": goods the item already named with
        # their imposer.
        named = {p.name for seg in segments for _, p in seg.covers if p is not None}
        known = _distinct(i for (i, good) in ctx.product_targets if good in named)
        if len(known) == 1:
            imposer = known[0]
    if imposer is None:
        seg_targets = {t for seg in segments for ts, _ in seg.covers for t in ts}
        excluded = target or (sorted(seg_targets)[0] if len(seg_targets) == 1 else None)
        if (
            ctx.last_imposer is not None
            and ctx.last_imposer != excluded
            and ctx.last_imposer not in seg_targets
        ):
            imposer = ctx.last_imposer
        else:
            imposer = _context_actor(ctx, exclude=excluded)
    owned = (
        _adjacent_before(clause, trigger.start()) if _ITS_OWN_GOODS.match(clause.low, trigger.end()) else None
    )
    addressee = (
        next(
            (
                m
                for m in clause.actors
                if m.end <= trigger.start()
                and m.code not in (imposer, "*")
                and _TOLD.search(clause.low, max(0, m.start - 16), m.start)
            ),
            None,
        )
        if (target is None or target == "*") and _ITS_OWN_GOODS.match(clause.low, trigger.end())
        else None
    )
    if addressee is not None:
        # "Trump told Japan that he would impose 25% tariffs on its goods": the goods are those of whom he told
        target = addressee.code
    elif (
        (target is None or target == "*")
        and _ITS_OWN_GOODS.match(clause.low, trigger.end())
        # (not "Indonesia will impose a 5% levy on its coal exports", "the export duty on its rice exports": a duty
        # it sets on its own goods)
        and not _own_export_duty(clause, trigger, imposer)
        # (not "the 30% U.S. tariff on most of its exports": the owner of the duty named by it)
        and (owned is None or owned.code != imposer)
    ):
        # "Britain accepted that a 10% levy on most of its exports will stay": the subject's own goods undergo
        # the duty of the other side
        target = imposer
        imposer = next(
            (m.code for m in clause.actors if m.code not in (target, "*") and _is_actor(clause, m)),
            None,
        ) or _context_actor(ctx, exclude=target)
    elif (target is None or target == "*") and owned is not None and owned.code == imposer and imposer:
        # "the 30% U.S. tariff on most of its exports", in a story about South Africa: the story's other side
        its = _subject(clause, trigger.start(), exclude=[imposer])
        target = its.code if its is not None else _context_actor(ctx, exclude=imposer)
    if imposer is None or imposer == "*":
        return []
    if status_hit is not None:
        status = _tense(status, status_hit[1], text)
        if _ON_TOP_OF.match(status_hit[1].group()) and status_hit[1].start() < trigger.start():
            status = "in_force"
    status = _background(status, clause)
    nominal = _nominal_status(clause, trigger) if demand is None else None
    status = nominal or status
    status = _kept_on(status, clause.low, verb_pos)
    if status == "lifted" and status_hit is not None and _PART_OF.match(clause.low, status_hit[1].end()):
        status = "lowered"  # "roll back most of the tariffs they imposed": what is left still stands
    if may_follow:
        status = "proposed"  # "duties on galvanised steel may follow": the duty as the subject of a hedge
    if (status_hit is None and previous is not None and rate is not None) or (
        status in ("announced", "in_force") and previous is not None and rate is not None and rate != previous
    ):
        status = "raised" if rate > previous else "lowered"
    elif added and (status == "announced" or _takes_effect(status, status_hit)):
        status = "raised"
    hedged = status != "demanded" and (
        _hedged(clause, min(verb_pos, trigger.start()), max(verb_pos, trigger.start()))
        or (
            status_hit is not None
            and _PROPOSED_TO.search(clause.low, max(0, verb_pos - 130), verb_pos) is not None
        )
    )
    if hedged:
        status = "proposed"
    default_target = target
    if default_target is None or default_target == imposer:
        # Only those the statement names: "cut its duty on rice, a move that helps Thai growers".
        ends = _STATEMENT_END.search(clause.low, trigger.end())
        aside = _APPOSITION.search(clause.text, trigger.end())
        stop = min(m.start() if m else len(text) for m in (ends, aside))
        others = [c for c in _distinct(m.code for m in clause.actors if m.start < stop) if c != imposer]
        default_target = others[0] if others and not _all_partners(clause.low) else "*"
        told = ctx.last_targets.get(imposer, ())
        if (
            not others
            and segments
            and len(told) == 1
            and told[0] != "*"
            and not _all_partners(clause.low)
            # not "Separately, Washington will impose duties of 25% on imported cars": goods of any origin
            and not _STORY_OF_ANY_ORIGIN.search(clause.low)
        ):
            # "Beijing will charge 15% on coal and 10% on farm machinery": goods listed with rates in a story
            # of one imposer's duties on one partner are that partner's
            default_target = told[0]
    confidence = _tariff_confidence(clause, 0.8 if status_hit else 0.6)
    if segments:
        events: list[Tariff] = []
        multi = len(segments) > 1
        for i, seg in enumerate(segments):
            seg_status = (
                _background(_kept_on(seg.status, clause.low, seg.verb_at), clause) if seg.status else status
            )
            if nominal and seg_status != "exempted":
                seg_status = nominal
            if (
                status_hit is not None
                and status_hit[0] in _TARIFF_CHANGES
                and status_hit[1].start() < trigger.start()
                and seg_status in ("announced", "in_force")
                and seg.verb_at > trigger.end()
                and _EFFECT_VERB.match(clause.low, seg.verb_at)
            ):
                # "the removal of its counter-tariffs on U.S. goods would take effect on Sept. 1": the change
                # named before the duty takes effect; the verb of effect dates it
                seg_status = status_hit[0]
            if (
                seg.status
                and status_hit is not None
                and status_hit[1].start() < trigger.start() < seg.verb_at
                and _OBJECT_OF.fullmatch(clause.low, status_hit[1].end(), trigger.start()) is not None
                and (
                    _DUE_AFTER_DUTY.match(clause.low, trigger.end(), seg.verb_at)
                    or (
                        _PARTICIPLE_AFTER_LIST.search(clause.low, max(0, seg.verb_at - 12), seg.verb_at)
                        and _IMPOSED_WORD.match(clause.low, seg.verb_at) is not None
                    )
                )
            ):
                # "agreed to pause the 25% tariffs Washington was due to slap on Mexican goods", "struck down the
                # levies on Canada, Mexico and China, all imposed under the emergency law": the verb of a relative
                # clause or of a participle says what the duty was, the verb before it what happened to it
                seg_status = status
            if seg.status and _negated(clause, seg.verb_at):
                continue
            if seg_status in _RELIEFS and _NO_BEFORE.search(clause.low, max(0, seg.verb_at - 4), seg.verb_at):
                seg_status = "in_force"  # "produced no easing of the U.S. tariffs on Canadian goods"
            if hedged and seg_status not in ("exempted", "demanded"):
                seg_status = "proposed"
            seg_rate = seg.rate if (seg.rate or multi) else rate
            seg_prev = seg.previous if (seg.rate or multi) else previous
            if seg_prev is None and not multi and seg_rate == rate:
                seg_prev = previous  # "goods from Vietnam will face a 20% tariff, down from 46%"
            elif seg_rate is not None and seg_rate == added_rate and added_rate != rate:
                seg_rate, seg_prev = rate, previous  # the added duty stated with the total it brings
            elif not multi and seg_rate is not None and seg_rate == previous and rate is not None:
                # "the 10% tariff on cars will be cut to 2.5%": where it goes, and where it was
                seg_rate, seg_prev = rate, previous
            if seg_status in ("announced", "in_force") and seg_prev and seg_rate and seg_rate != seg_prev:
                seg_status = "raised" if seg_rate > seg_prev else "lowered"
            elif (
                (
                    seg_status == "announced"
                    or (seg_status == "in_force" and _EFFECT_VERB.match(clause.low, seg.verb_at))
                )
                and seg.rate is not None
                and _added_rate(clause, seg.rate, segments[i - 1].end if i else 0, seg.end)
            ):
                seg_status = "raised"  # "an additional 10% on Chinese goods kicked in": a rise that applies
            elif seg_status == "announced" and added:
                seg_status = "raised"  # "additional tariffs of 25% on pork": on top of the duty in place
            covers = [
                (ts or _known_target(ctx, imposer, p, clause.low) or (default_target,), p)
                for ts, p in seg.covers
            ]
            # "20% on shoes from July 1 and 15% on toys from Aug. 15": each list has its own start.
            until = segments[i + 1].at if i + 1 < len(segments) else len(clause.text)
            own = _segment_date(clause, seg.at, until, seg_status) if multi else None
            if own is None and ":" in clause.text[: seg.at]:
                own = _date_before_colon(clause)
            events.extend(
                _tariff_events(
                    ctx, clause, imposer, covers, seg_rate, seg_prev, seg_status, confidence, effective=own
                )
            )
        if events:
            return events
    products = _products_or_none(clause, trigger)
    if products == [None]:
        products = _hit_goods(clause, trigger.start()) or products
    covers = [
        ((target,) if target else _known_target(ctx, imposer, p, clause.low) or (default_target,), p)
        for p in products
    ]
    return _tariff_events(ctx, clause, imposer, covers, rate, previous, status, confidence)


# "take effect", "come into force" in the present: with a day to come, a duty not in force yet
_PRESENT_EFFECT = re.compile(
    r"\b(?:take|takes) effect\b|\b(?:come|comes|enter|enters) into force\b|\b(?:kick|kicks) in\b"
    # "applies a 50% tariff on Indian goods from Aug. 27", "will total 50% from Aug. 27": from a day to come
    r"|\bapplies\b|\b(?:will|would) total\b"
)
# The verb of a duty that starts to apply, not of one that stands: "took effect", "kicked in", "came into force".
_EFFECT_VERB = re.compile(
    r"(?:took|take|takes|taking|went|go|goes|came|come|comes|entered|kick|kicks|kicked)\b"
)


def _takes_effect(status: str, hit: tuple[str, re.Match[str]] | None) -> bool:
    """ "An additional 10% tariff took effect": the duty added on top of another applies, a rise of the total."""
    return status == "in_force" and hit is not None and _EFFECT_VERB.match(hit[1].group()) is not None


def _added_rate(clause: Clause, rate: Rate, start: int, end: int) -> bool:
    """Whether `rate`, stated between `start` and `end`, is one added on top ("an additional 10%")."""
    for p in clause.percents:
        if start <= p.start < end and p.value == rate.percent:
            return bool(_ADDITIONAL.search(clause.text[max(0, p.start - 20) : p.start])) or bool(
                re.match(r"\s*(?:additional|extra|more|further)\b", clause.text[p.end : p.end + 15], _I)
            )
    return False


# "would hit U.S. pork and apples with duties": the goods stand between the verb and the duty.
_HIT_WITH = re.compile(
    r"\b(?:hit|hits|hitting|target|targets|targeted|targeting|slap|slaps|slapped|slapping)\s+"
    r"(?P<goods>[^,;]{3,80}?(?:,[^,;]{3,40}?)*)\s+with\s+(?:[\w%.-]+\s+){0,4}$"
)


def _hit_goods(clause: Clause, trigger_start: int) -> list[Product | None]:
    m = _HIT_WITH.search(clause.low, max(0, trigger_start - 160), trigger_start)
    if m is None:
        return []
    listed, _ = _covers(clause, m.start("goods"), m.end("goods"))
    # ("hit Canada hard with tariffs": how hard, not what)
    return [p for _, p in listed if p is not None and p.name.lower() not in _HOW_HARD]


_HOW_HARD = frozenset({"hard", "harder", "again", "first", "back", "heavily", "twice"})


# "The suspension of the U.S. tariffs on whisky takes effect immediately": the change the duty undergoes is the
# noun it depends on, whatever verb the sentence then gives that change.
_NOMINAL = re.compile(
    r"\b(?P<noun>suspension|removal|lifting|elimination|repeal|extension|reduction|halving|increase|doubling)"
    r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w.'’%-]+\s+){0,3}$"
)
_NOMINAL_STATUS = {
    "suspension": "suspended",
    "removal": "lifted",
    "lifting": "lifted",
    "elimination": "lifted",
    "repeal": "lifted",
    "extension": "extended",
    "reduction": "lowered",
    "halving": "lowered",
    "increase": "raised",
    "doubling": "raised",
}


def _nominal_status(clause: Clause, trigger: re.Match[str]) -> str | None:
    m = _NOMINAL.search(clause.low, max(0, trigger.start() - 60), trigger.start())
    if m is None:
        return None
    if m.group("noun") == "suspension" and _EXTENDS.search(clause.low, max(0, m.start() - 50), m.start()):
        return "extended"  # "extended the suspension of its tariffs": the pause is pushed back
    if _NO_BEFORE.search(clause.low, max(0, m.start() - 4), m.start()):
        return "in_force"  # "a meeting that produced no easing of the U.S. tariffs": the duties stand
    return _NOMINAL_STATUS[m.group("noun")]


_EXTENDS = re.compile(
    r"\b(?:extend(?:s|ed|ing)?|prolong(?:s|ed|ing)?)(?:\s+(?:until|by|for)\s+[^,;]{1,30}?)?\s+(?:the\s+|its\s+|their\s+)?$"
)


def _segment_date(clause: Clause, start: int, end: int, status: str) -> DateSpan | None:
    cue = _date_cue(status)
    for d in _measure_dates(clause):
        if start <= d.start < end and cue.search(
            clause.text[max(start, d.start - 35) : d.start + len(d.span.text) + 1]
        ):
            return d.span
    return None


def _background(status: str, clause: Clause) -> str:
    if status == "announced" and _states_background(clause):
        return "in_force"  # "the 25% tariffs imposed in 2018": an old measure, stated as still standing
    return status


def _tariff_confidence(clause: Clause, base: float) -> float:
    return base - 0.25 if _states_background(clause) else base


# "sawmills that were already paying duties", "a dispute that has already rattled markets": a clause of its own
# about another noun says nothing of the age of the duty the sentence states.
_OTHERS_CLAUSE = re.compile(r"\b(?P<noun>[a-z]+),?\s+(?:that|which|who)\s+(?:[a-z]+\s+){0,3}$")
_DUTY_NOUNS = frozenset(
    "tariff tariffs duty duties levy levies surtax surtaxes surcharge surcharges rate rates measure measures".split()
)


_ANSWERS = re.compile(
    r",\s+(?:retaliating against|in retaliation (?:for|against)|in response to|responding to|hitting back at)\b"
)


def _states_background(clause: Clause) -> bool:
    """Whether the sentence states its duty as an old one ("imposed in 2018", "already in place")."""
    low = clause.low
    # "..., retaliating against duties Ottawa imposed last year": the age of the duty answered, not of the answer
    answer = _ANSWERS.search(low) if "retaliat" in low or "respon" in low or "hitting back" in low else None
    # Asked several times of a tariff sentence (its status, the confidence of each of its duties): the cues
    # are found once per clause.
    for m in clause.matches(lex.BACKGROUND):
        if answer is not None and m.start() > answer.start():
            continue
        other = _OTHERS_CLAUSE.search(low, max(0, m.start() - 40), m.start())
        if other is None:
            return True
        noun = other.group("noun")
        if noun in _DUTY_NOUNS or noun in lex.GENERIC_GOODS or lex.PRODUCTS.fullmatch(noun):
            return True
    return False


_EFFECT_OF_DUTIES = re.compile(
    r"(?:tariffs?|duties|duty|levy|levies)(?:\s+on\s+[\w-]+)?\s+(?:could|would|will|may|might|to|are set to|"
    r"threaten to)?\s*(?:hurt|raise|push|weigh|add|cost|hit|damage|dent|slow|fuel|boost|drive|squeeze|eat)\b",
    _I,
)
_ON_ONES_OWN = re.compile(r"\bon (?:his|her|its|their) own\b", _I)


_STORY_OF_ANY_ORIGIN = re.compile(
    r"\b(?:imported(?! from)|foreign(?:-made)?\s+(?:[\w-]+\s+)?(?:goods|products|imports|cars|vehicles|steel"
    r"|alumini?um|metals|trucks|parts)|separately|all imports|global\s+(?:tariffs?|dut(?:y|ies)|levy|levies|rates?)"
    r"|section 232)\b"
)


_IMPOSING_VERB = re.compile(
    r"\b(?:impos(?:e|es|ed|ing)|lev(?:y|ies|ied|ying)|charg(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|cut(?:s|ting)?"
    r"|lower(?:s|ed|ing)?|set(?:s|ting)?|introduc(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|slash(?:es|ed|ing)?"
    r"|scrap(?:s|ped|ping)?|remov(?:e|es|ed|ing)|lift(?:s|ed|ing)?|doubl(?:e|es|ed|ing))\b"
)
_ITS_OWN_GOODS = re.compile(
    r"\s+on\s+(?:(?:most|some|all|many|much|half)\s+of\s+)?(?:its|their)\s+(?P<goods>[\w-]+\s+)?(?:exports|goods"
    r"|products|shipments|sales)\b(?!\s+of\b)"  # not "raised its duty on its exports of steel": an export duty
)
_EXPORT_DUTY_WORD = re.compile(r"\bexport\s+$")


def _own_export_duty(clause: Clause, trigger: re.Match[str], imposer: str | None) -> bool:
    """Whether the duty "on its (coal) exports" is the subject's own export duty: named so ("the export duty on its
    rice exports"), a levy or a duty on named goods of its own, or set by the subject's own verb right before it
    ("Indonesia will impose a 5% levy on its coal exports", not "Kenya hopes the U.S. will lift the tariff")."""
    if _EXPORT_DUTY_WORD.search(clause.low, max(0, trigger.start() - 8), trigger.start()):
        return True
    own = _ITS_OWN_GOODS.match(clause.low, trigger.end())
    if own is not None and own.group("goods") and not trigger.group().lower().startswith("tariff"):
        return True
    verb = _last_match(_IMPOSING_VERB, clause.low, max(0, trigger.start() - 45), trigger.start())
    if verb is None or re.search(r"\b(?:the|a|an)\s+$", clause.low[max(0, verb.start() - 5) : verb.start()]):
        return False  # no verb, or a noun of one ("the lifting of", "a cut in")
    # the verb's subject: no other jurisdiction stands between the imposer and it
    return not any(m.code != imposer for m in clause.actors if verb.start() - 30 <= m.start < verb.start())


# What ties goods back to the duty the story told: its top rate, the bill or decree that sets it.
_OF_THE_STORY_S_DUTY = re.compile(
    r"\bthe\s+top\s+(?:\d+(?:\.\d+)?\s*%\s+)?(?:rate|tariff|duty)\b|\b(?:according\s+to|under)\s+the\s+(?:bill|decree|law|regulation"
    r"|measure|plan|proposal)\b"
)


def _story_partner(ctx: Context, imposer: str | None, clause: Clause) -> tuple[str, ...] | None:
    """ "Mexico's Senate approved tariffs of up to 50% on products from China ... Cars will face the top rate of
    50%": goods a sentence with no jurisdiction of its own says will pay a rate pay the duty the story told last, on
    its one partner."""
    if (
        imposer is None
        or any(m.kind != "person" for m in clause.actors)
        or _all_partners(clause.low)
        # (a duty by sector beside the story's country duty: "Semiconductors will face a tariff of about 100%",
        # "Steel and aluminium already pay 25% under Section 232")
        or not _OF_THE_STORY_S_DUTY.search(clause.low)
    ):
        return None
    told = ctx.last_targets.get(imposer)
    return told if told is not None and len(told) == 1 else None


def _known_target(ctx: Context, imposer: str, product: Product | None, low: str) -> tuple[str, ...] | None:
    if product is None or _all_partners(low):
        return None
    found = ctx.product_targets.get((imposer, product.name))
    if found is None:
        # "duties on Korean trucks ... the truck duty": the same goods, singular or plural
        stem = product.name.rstrip("s")
        found = next(
            (t for (i, good), t in ctx.product_targets.items() if i == imposer and good.rstrip("s") == stem),
            None,
        )
    return found


_FROM_THAT_DUTY = re.compile(
    r"\b(?:exempt(?:ed)?|spared|excluded|exclusions?|exemptions?)\s+from\s+(?:it|them|(?:the|its|their|this|that|these"
    r"|those|both)\b)"
)


def _distinct_goods(products: Iterable[Product | None]) -> list[Product]:
    found: dict[str, Product] = {}
    for p in products:
        if p is not None:
            found.setdefault(p.name, p)
    return list(found.values())


_SECONDARY_AFTER = re.compile(
    # a second threat made ("could face secondary tariffs"), not a doubt about one ("doubted that secondary
    # tariffs would work") nor the first told again ("said secondary tariffs would start in April")
    r"\b(?:and|while)\s+(?:[\w.'’-]+\s+){0,8}?(?:face|faces|facing|hit with|impose|imposing|slap|slapping"
    r"|threaten\w*|levy)\s+(?:[\w.'’-]+\s+){0,3}?secondary (?:tariffs?|duties|levies)\b"
)
_SECONDARY = re.compile(
    r"\bsecondary (?:tariffs?|duties|levies|sanctions)\b|\bcountries (?:that|which) (?:keep |continue to |still )?"
    r"(?:buy|buying|import|importing|purchase)\b"
)
# "will cut tariffs on more than 100 products", "paused its reciprocal tariffs on dozens of countries": goods or
# partners counted, or a programme named, a measure of its own though no goods or partner is named
_COUNTED_GOODS = re.compile(
    r"\bon\s+(?:more than |over |nearly |about |some |almost |around |roughly )?[\d,]+\s+(?:[\w-]+\s+)?"
    r"(?:products|goods|items|tariff lines|lines|categories)\b"
    r"|\bon\s+(?:more than |about |some |nearly )?(?:dozens|scores|[\d,]+)\s+(?:of\s+)?(?:other\s+)?(?:countries"
    r"|trading partners|partners|nations|economies)\b"
    r"|\breciprocal (?:tariffs|duties|rates)\b"
)
# "scrapped all industrial tariffs", "removed all its import duties": every duty of the imposer, which the
# sentence states for itself, not one named before
_ALL_DUTIES = re.compile(
    r"\ball\s+(?:of\s+)?(?:its\s+|their\s+|the\s+)?(?:[a-z-]+\s+){0,2}(?:tariffs|duties|levies)\b"
)


_IMPORTERS_OF = re.compile(
    r"\bimporters\s+of\s+(?P<goods>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:(?:from|made in)\s+[^,;]{1,40}?\s+)?"
    r"to\s+(?:pay|post|lodge|provide)\b"
)
_LET_IN_AT = re.compile(
    r"\b(?:(?:allow|allows|allowed|allowing|let|lets|letting|admit|admits|admitted)\s+(?:up to\s+)?"
    r"(?:[\d,.]+\s+(?:million\s+|billion\s+)?)?(?P<goods>(?:[\w-]+\s+){0,4}?[\w-]+)\s+"
    r"(?:a year\s+|annually\s+|each year\s+|per year\s+)?(?:into|in)\b"
    r"|(?:up to\s+)?(?:[\d,.]+\s+)?(?P<entering>(?:[\w-]+\s+){0,4}?[\w-]+)\s+(?:a year\s+)?enters?\b)"
    r"[^,;]{0,40}?\bat\s+(?:a|an|the)\s+(?:[\d.]+\s*(?:%|percent|per cent)\s+)?(?:tariff|rate|duty|levy)\b"
)


def _goods_before_the_duty(clause: Clause) -> list[Product]:
    """Goods named before a duty that gives none: "required importers of European brandy to pay deposits of up
    to 39%" (the goods they import), "will allow up to 49,000 Chinese-made electric vehicles a year into its market
    at a tariff of 6.1%", "British cars enter the United States at a 10% tariff" (the goods let in at the rate)."""
    for pattern, cue in ((_IMPORTERS_OF, "importers of"), (_LET_IN_AT, " at ")):
        found = pattern.search(clause.low) if cue in clause.low else None
        if found is None:
            continue
        group = "goods" if found.group("goods") is not None else "entering"
        goods = products_in(clause, *found.span(group))
        if goods:
            return goods
    return _goods_then_the_duty(clause)


def _goods_then_the_duty(clause: Clause) -> list[Product]:
    """ "will remove its steel tariffs on Canada": the goods the lexicon knows named right before the sentence's
    first duty (not "its reciprocal tariffs", "retaliating after Trump doubled the steel tariffs", "the Russian oil
    tariff on India"), without their rates or the duty's kind ("its retaliatory steel tariffs")."""
    found = _GOODS_THEN_DUTY.search(clause.low) if " on " in clause.low else None
    first = lex.TARIFF.search(clause.low)
    if (
        found is None
        or first is None
        or first.start() < found.end("goods")
        or clause.actors_in(*found.span("goods"))
    ):
        return []
    return [
        attrs.evolve(g, name=_KIND_LEAD.sub("", _RATE_LEAD.sub("", g.name)))
        for g in products_in(clause, *found.span("goods"))
        if lex.PRODUCTS.search(lowered(g.name))
    ]


_RATE_LEAD = re.compile(r"^[\d.]+%\s+")
_OWNED_BEFORE = re.compile(r"[a-z.]['’]s\s+(?:[\d.]+\s*%\s+)?(?:[a-z-]+\s+){0,2}$")
_KIND_LEAD = re.compile(r"^(?:(?:retaliatory|counter|new|reciprocal|additional|extra|punitive|existing)\s+)+")


# "will remove its steel tariffs on Canada", "doubled the steel and aluminum tariffs on Turkey": the goods named
# before the duty, whose "on" names the partner
_GOODS_THEN_DUTY = re.compile(
    r"\b(?:its|their|the|his|her)\s+(?:[\d.]+%\s+)?(?P<goods>[a-z-]+(?:\s+(?:and\s+)?(?:[\d.]+%\s+)?[a-z-]+)?)\s+"
    r"(?:tariffs?|dut(?:y|ies)|lev(?:y|ies))\s+on\s+"
)


def _immediately_the_duty(clause: Clause, now: re.Match[str]) -> bool:
    """Whether "effective immediately" is said of the sentence's duty: the duty named before it ("imposed 25%
    tariffs, effective immediately, in retaliation for U.S. tariffs": another one after it only as a cause), or
    after it when it opens the statement ("Effective immediately, I am raising the tariff"); not "halted exports
    effective immediately after Washington imposed 54% tariffs"."""
    before = lex.TARIFF.search(clause.low, 0, now.start())
    after = lex.TARIFF.search(clause.low, now.end())
    if before is not None:
        return after is None or _CAUSE_AFTER.search(clause.low, now.end(), after.start()) is not None
    opens = re.fullmatch(r"[\s\"“'‘]*(?:[^.;:]{0,60}:\s*[\"“'‘]?)?", clause.low[: now.start()]) is not None
    # (not "Effective immediately, Beijing halted exports ..., after Washington imposed 54% tariffs": the cause)
    return (
        opens
        and after is not None
        and not _CAUSE_AFTER.search(clause.low, now.end(), after.start())
        and not re.search(r"\bafter\b", clause.low[now.end() : after.start()])
    )


def _tariff_events(
    ctx: Context,
    clause: Clause,
    imposer: str | None,
    covers: Sequence[tuple[Sequence[str], Product | None]],
    rate: Rate | None,
    previous: Rate | None,
    status: str,
    confidence: float,
    effective: DateSpan | None = None,
    *,
    exempt_from_rate: bool = False,
) -> list[Tariff]:
    if imposer is None:
        return []
    ctx.last_imposer = imposer
    if ("secondary" in clause.low or "countries" in clause.low) and _SECONDARY.search(clause.low):
        # "secondary tariffs aimed at countries that keep buying Russian oil": whoever buys it, on all their goods
        covers = [(("*",), None)]
    if all(p is None for _, p in covers):
        goods_before = _goods_before_the_duty(clause)
        if goods_before:
            covers = [(ts, p) for ts, _ in covers for p in goods_before]
    earlier = ctx.last_targets.get(imposer)
    if (
        status == "exempted"
        and earlier
        and not any(m.code != imposer for m in clause.actors)
        and _FROM_THAT_DUTY.search(clause.low)
    ):
        # "Hundreds of products were exempted from the 40% levy": goods exempted from a duty the item named
        # before, on whoever that duty targets.
        covers = [(earlier if tuple(ts) == ("*",) and p is not None else ts, p) for ts, p in covers]
    if status != "exempted" and any(p is not None for _, p in covers):
        # the lists of one sentence ("25% on steel and 10% on aluminum") name the goods of one statement
        where = clause.sentence[0] if clause.sentence else clause.offset
        before = ctx.last_goods.get(imposer)
        kept = before[1] if before is not None and before[0] == where else ()
        ctx.last_goods[imposer] = (where, tuple(_distinct_goods([*kept, *(p for _, p in covers)])))
    for targets, product in covers:
        named = tuple(t for t in targets if t not in ("*", imposer))
        if named:
            ctx.last_targets[imposer] = named
        if product is not None and named:
            ctx.product_targets[(imposer, product.name)] = named
    # A pause, an exemption, a demand or a proposal is dated only when the text says from when it applies.
    # "Chile imposed provisional duties of 33.5% on Tuesday": imposed, with no day to come, is in force
    duty = (
        lex.TARIFF.search(clause.low) if status == "announced" and _IMPOSED_PAST.search(clause.low) else None
    )
    imposed_now = (
        status == "announced"
        and duty is not None
        # its own verb, right before the duty: not "announced a tariff, matching duties Washington imposed"
        and _IMPOSED_PAST.search(clause.low, max(0, duty.start() - 60), duty.start()) is not None
        and not _OTHER_VERB_BETWEEN.search(clause.low, max(0, duty.start() - 60), duty.start())
        and not (lex.FUTURE.search(clause.low) or lex.HEDGE.search(clause.low))
    )
    if effective is None:
        acts = (
            status in ("raised", "lowered", "lifted")
            or (status in ("announced", "in_force") and ctx.immediate)
            # "began collecting the duty on Friday": the day collection began is the day it applies
            or (status in ("announced", "in_force") and _BEGAN_APPLYING.search(clause.low) is not None)
            or imposed_now
        )
        # "a 40% duty that Ankara placed on Chinese electric vehicles in March 2023": a standing duty is dated by
        # when it was put in place, the day of that verb only (not "though Ottawa dropped its counter-tariffs in
        # September")
        put_in_place = not acts and status == "in_force" and _IMPOSED_WORD.search(clause.low) is not None
        # "Earlier on Wednesday, China's 84% tariff took effect": the day the duty came into force
        came_in = not acts and not put_in_place and status == "in_force" and _TOOK_EFFECT.search(clause.low)
        # a change's date is not that of when the duty it changes was imposed
        effective = _first_date(
            clause,
            _date_cue(status),
            acts=acts or put_in_place,
            old_stage=status in _TARIFF_CHANGES,
            act_words=_IMPOSED_WORD if put_in_place else _PAST_ACT,
        )
        if came_in and (effective is None or (ctx.published is not None and effective.start > ctx.published)):
            # (not "... took effect, and the EU approved duties to apply from next week": another measure's start)
            effective = next(
                (d.span for d in _measure_dates(clause) if _acted_on(clause, d, _TOOK_EFFECT)), None
            )
        if (
            effective is not None
            and status in ("announced", "in_force")
            and _FOR_A_TIME.match(effective.text)
        ):
            effective = None  # "the duties, which will apply for five years": how long, not from when
    if status == "announced" and ctx.immediate and _IMPOSED_DONE.search(clause.low):
        # "imposed a 12% duty on Monday ... The duty takes effect immediately": a duty imposed at once is in
        # force, not one to come
        status = "in_force" if not (lex.FUTURE.search(clause.low) or lex.HEDGE.search(clause.low)) else status
    if imposed_now and (effective is None or (ctx.published is not None and effective.end <= ctx.published)):
        status = "in_force"
    if effective is None and status in ("announced", "in_force"):
        effective = _day_collection_began(clause)
    if effective is None and status in ("announced", "raised", "lowered", "lifted"):
        effective = _day_it_will_be_done(clause, ctx.published)
    if (
        effective is None
        and ctx.published is not None
        and status in ("announced", "in_force", "raised", "lowered", "lifted")
        and (now := _IMMEDIATE.search(clause.text)) is not None
        and _immediately_the_duty(clause, now)
    ):
        # "imposed 25% tariffs on U.S. goods, effective immediately": from the day it was said, as a control
        effective = _said_that_day(clause, ctx.published, now.group())
    if effective is None and status in ("in_force", "raised", "lowered") and ctx.published is not None:
        # "a 25% tariff on imported cars came into force just after midnight": in force from the story's day
        now = _TOOK_EFFECT_NOW.search(clause.low)
        if (
            now is not None
            # (a date a participle gives the duty before it, "ordered last month under Section 232", is when it
            # was ordered, not when it came into force)
            and not any(
                d.start > now.start() or not _ORDERED_THEN.search(clause.low, max(0, d.start - 40), d.start)
                for d in clause.dates
            )
            and not _SINCE_IT_TOOK_EFFECT.search(clause.low, 0, now.start())
        ):
            effective = DateSpan.day(ctx.published, clause.text[now.start() : now.end()])
    if (
        status == "in_force"
        and effective is not None
        and ctx.published is not None
        and effective.start > ctx.published
        and _PRESENT_EFFECT.search(clause.low)
    ):
        status = "announced"  # "the new tariffs take effect in January": in force only from a day to come
    elif (
        status == "announced"
        and effective is not None
        and ctx.published is not None
        and effective.start == effective.end == ctx.published
        and _PRESENT_EFFECT.search(clause.low)
    ):
        status = (
            "in_force"  # "Ukraine's duty on exports of soybeans comes into force on Thursday", that very day
        )
    if status == "in_force" and rate is not None and previous is not None and rate != previous:
        # "An extra U.S. tariff took effect on Wednesday, doubling the duty to 50% from 25%": a rise that applies
        status = "raised" if rate > previous else "lowered"
    authority = _authority(clause)
    evidence = ctx.quote(clause, confidence)
    out = []
    seen = set()
    vague = all(not ts or ts == ("*",) for ts, _ in covers) and all(p is None for _, p in covers)
    if (
        vague
        and rate is None
        and authority is None
        and not any(m.code != imposer for m in clause.actors)
        and not _ALL_DUTIES.search(clause.low)
        and not _COUNTED_GOODS.search(clause.low)
        # (but "has extended a pause on tariffs until Aug. 1" states the new end of a pause)
        and not (status == "extended" and effective is not None)
    ):
        return []  # "such a levy", "the duties": nothing of its own to state; dates reach them via the item
    for targets, product in covers:
        for target in targets:
            if target == imposer or (target, product) in seen:
                continue
            seen.add((target, product))
            out.append(
                Tariff(
                    imposer=imposer,
                    target=target,
                    product=product,
                    rate=rate if status != "exempted" or exempt_from_rate else None,
                    previous_rate=None if status == "exempted" else previous,
                    status=status,
                    effective=effective,
                    authority=authority,
                    evidence=evidence,
                )
            )
    if len(out) > 1 and "respectively" in clause.low and status != "exempted":
        out = _rates_respectively(clause, out)
    return out


# "to 50% and 20% from 25% and 10% respectively": the rates of the goods named, in their order
_RESPECTIVELY = re.compile(
    r"\bto\s+(?P<to>\d[\d.]*\s*%(?:\s*(?:,|and|,\s*and)\s*\d[\d.]*\s*%)+)"
    r"(?:\s+from\s+(?P<from>\d[\d.]*\s*%(?:\s*(?:,|and|,\s*and)\s*\d[\d.]*\s*%)+))?\s*,?\s*respectively\b"
    # "to 100% and 40%, respectively, from 150% and 50%"
    r"(?:,?\s+from\s+(?P<from2>\d[\d.]*\s*%(?:\s*(?:,|and|,\s*and)\s*\d[\d.]*\s*%)+))?"
)


def _rates_respectively(clause: Clause, found: list[Tariff]) -> list[Tariff]:
    m = _RESPECTIVELY.search(clause.low)
    if m is None:
        return found
    a, b = m.span("to")
    rates = [Rate(p.value) for p in clause.percents if a <= p.start < b]
    group = "from" if m.group("from") is not None else "from2"
    a, b = m.span(group) if m.group(group) is not None else (0, 0)
    before = [Rate(p.value) for p in clause.percents if a <= p.start < b]
    goods = list(dict.fromkeys(t.product for t in found))
    if len(goods) != len(rates) or (before and len(before) != len(rates)):
        return found
    out = []
    for t in found:
        i = goods.index(t.product)
        previous = before[i] if before else t.previous_rate
        status = t.status.value
        if previous is not None and status in ("raised", "lowered") and rates[i] != previous:
            status = "raised" if rates[i].percent > previous.percent else "lowered"
        out.append(attrs.evolve(t, rate=rates[i], previous_rate=previous, status=status))
    return out


_UNDERGO_VERB = re.compile(
    r"\b(?:fac(?:e|es|ed|ing)|pay(?:s|ing)?|paid"
    # "were temporarily exempted", "will be largely spared": an adverb between the verb and its participle
    r"|(?:be|been|being|is|are|was|were|get|got)\s+(?:[a-z]+ly\s+)?exempt(?:ed)?"
    r"|(?:be|been|is|are|was|were)\s+(?:[a-z]+ly\s+)?spared|hit with|slapped with|hit by|subject(?:ed)? to"
    r"|escap(?:e|es|ed)"
    r"|avoid(?:s|ed)?|won|wins|obtain(?:s|ed)?"
    # "Australia was granted a permanent exemption": the passive of what is given
    r"|(?:was|were|is|are|been|be)\s+(?:[a-z]+ly\s+)?(?:granted|given|offered|handed)"
    r"|secured|receiv(?:e|es|ed)|gets?|got)\b",
)
_LIST_GAP = re.compile(r"(?:'s)?\s*(?:,\s*|\s+(?:and|&|or)\s+|,\s*and\s+)(?:the\s+)?", _I)


def _undergoers(clause: Clause, before: int) -> list[str]:
    """'Canada and Mexico, two large suppliers, will be exempted', 'Japan will face a 15% tariff':
    the jurisdictions that open the sentence as the subject of an undergoing verb."""
    verb = _UNDERGO_VERB.search(clause.low, 0, before + 30)
    if verb is None:
        return []
    # "Trump said India would pay a 25% tariff": the subject of the clause reported; "HANOI, July 3 - Vietnamese
    # goods will face": the subject after the dateline
    dateline = DATELINE.match(clause.text) if clause.offset == 0 else None
    opens = dateline.end() if dateline is not None and dateline.end() < verb.start() else 0
    for said in _REPORTED_OPEN.finditer(clause.low, 0, verb.start()):
        opens = said.end()
    leading = [m for m in clause.actors if opens <= m.start < verb.start() and not _is_place(clause, m)]
    if not leading or clause.text[opens : leading[0].start].strip(" ,").lower() not in _SUBJECT_OPENERS:
        return []
    subject = [leading[0]]
    for m in leading[1:]:
        if not _LIST_GAP.fullmatch(clause.text[subject[-1].end : m.start]):
            break
        subject.append(m)
    between = clause.text[subject[-1].end : verb.start()]
    if subject[-1].kind == "demonym" and any(
        p.name.lower() not in lex.GENERIC_GOODS for p in products_in(clause, subject[-1].end, verb.start())
    ):
        return []  # "Chinese cars will pay 50%": goods of that origin, read as goods
    # Nothing but an apposition, modals and adverbs between the subject and its verb.
    between = re.sub(
        r"^(?:'s)?[^,]*?(?:goods|products|exports|imports|companies|carmakers|exporters)?", "", between
    )
    between = re.sub(r",[^,]{0,140},", " ", between)
    if not re.fullmatch(r"[\s\w-]{0,60}", between) or re.search(
        r"\b(?:said|says|told|announced|requir\w*|order\w*|forc\w*|compel\w*|oblig\w*|made|make|makes)\b",
        between,
    ):
        return []  # "Ottawa required importers to pay": the subject makes others pay
    return _distinct(m.code for m in subject)


_REPORTED_OPEN = re.compile(
    # "notified Tokyo that Japanese goods would face": the clause reported to its addressee (tried first, so that
    # "told Japanese officials that Korean goods ..." opens at "that")
    r"\b(?:notified|informed|told|warned|wrote to|assured)\s+(?:[\w.'’-]+\s+){1,3}?that\s+"
    r"|\b(?:said|says|warned|warns|told\s+\w+|added)\s+(?:that\s+)?"
)


_GOODS_UNDERGO = re.compile(
    r"\b(?:(?:will|would|could|now|also|still|must|to)\s+)*(?:fac(?:e|es|ed|ing)|pay(?:s|ing)?|paid|hit with"
    r"|carr(?:y|ies|ied|ying)|draw(?:s|ing)?|drew|attract(?:s|ed|ing)?"
    r"|(?:be|are|is|were|was|remains?|remained|stays?)\s+(?:hit with|slapped with|hit by|subject to|taxed at"
    r"|charged))\b"
)


_REPORTED_FUTURE = re.compile(r"\b(?:said|says|announced|notified|informed|told|wrote|warned)\b[^,;]*$")


_GOES_ON_BEFORE = re.compile(r"\b(?:continue|continues|keep|keeps|still)\s+(?:to\s+)?$")
_GOES_ON_MODAL = re.compile(r"(?:will|would)\s+(?:still|continue\s+to|keep)\b")


def _undergone(low: str, verb_at: int, status: str) -> str:
    """The status of a duty its subject undergoes, by the modal of the verb at `verb_at`: "would also face higher
    duties under the plan" is a proposal, "will face a 25% tariff" a duty to come."""
    modal = low[verb_at : verb_at + 20]
    if re.match(r"(?:would|could)\b", modal) and status not in ("exempted", "demanded"):
        if (
            modal.startswith("would")
            and _REPORTED_FUTURE.search(low, max(0, verb_at - 80), verb_at)
            and not lex.HEDGE.search(low, verb_at)
        ):
            # "Trump notified Tokyo that Japanese goods would face a 25% tariff": "will", reported
            return "announced" if status == "in_force" else status
        return "proposed"
    # "will keep paying 25%", "will continue to face": the duty stands now and after
    if status == "in_force" and re.match(r"will\s+(?!still\b|keep|continue|remain|stay)", modal):
        return "announced"
    # "Mexican goods will continue to pay a 25% tariff", "will still face": a duty that goes on stands now
    if status == "announced" and (
        _GOES_ON_BEFORE.search(low, max(0, verb_at - 30), verb_at) or _GOES_ON_MODAL.match(modal)
    ):
        return "in_force"
    # "cars, which face a separate 25% levy", "Canadian lumber faces a 14% duty": a duty borne now stands
    # (not "faces a 25% tariff starting next week": one to come)
    if (
        status == "announced"
        and re.match(r"(?:face|faces|pay|pays|carry|carries)\b", modal)
        and not _STARTS_LATER.search(low, verb_at, verb_at + 120)
    ):
        return "in_force"
    return status


_STARTS_LATER = re.compile(
    r"\b(?:starting|beginning|from|effective|as of|as from)\s+"
    r"(?:next|tomorrow|later|the (?:start|beginning|end) of next)\b"
    # "faces a 25% tariff starting April 3": a start named as such is one to come
    r"|\b(?:starting|beginning)\s+(?:on\s+|from\s+)?(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?"
    r"|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?"
    r"|fri|sat(?:ur)?|sun)(?:day)?\b|\d{1,2}\b)"
)


# "Cabinets will carry a 50% duty, sofas 30% and trucks 25%": the verb and the duty are left out of the later
# items, each of which pairs goods with a rate of their own.
# "trucks will face a 25% tariff and buses a 10% tariff": the gapped rate may keep its article
_GAPPED = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<goods>[a-z][a-z -]{1,40}?)\s+(?:at\s+|an?\s+)?(?=\d)")


def _gapped(clause: Clause, after: int) -> list[tuple[Product, Rate]]:
    """The (goods, rate) pairs that follow the first duty stated of goods, its verb left out."""
    out: list[tuple[Product, Rate]] = []
    # the first rate stands before the duty ("a 50% duty") or right after it ("a duty of 50%")
    pos = after if any(p.end <= after and after - p.end <= 20 for p in clause.percents) else None
    pos = pos or next((p.end for p in clause.percents if after <= p.start <= after + 12), None)
    while pos is not None:
        m = _GAPPED.match(clause.low, pos)
        rate = next(
            (p for p in clause.percents if m is not None and p.start == m.end() and not p.points), None
        )
        if m is None or rate is None:
            break
        found = products_in(clause, m.start("goods"), m.end("goods"))
        if len(found) != 1:
            break
        out.append((found[0], Rate(rate.value)))
        pos = rate.end
    return out


def _goods_subject(clause: Clause, before: int) -> list[tuple[Product, int]]:
    """ "Canadian lumber will face a 14% duty", "Washing machines will pay up to 50%": the goods that open the
    sentence as the subject of an undergoing verb (with where the verb stands); none when a jurisdiction or
    anything but goods opens it."""
    # "will be taxed at 40%", "will be charged 10%": the duty's own word may end the verb
    # ("Chinese cars will pay 50%": the verb itself may be the duty's trigger)
    own_verb = next(
        (
            w
            for w in ("taxed at", "charged", "pays", "pay", "paid", "faces", "face")
            if clause.low.startswith(w, before)
        ),
        None,
    )
    reach = before + (len(own_verb) if own_verb else 1)
    verb = _GOODS_UNDERGO.search(clause.low, 0, reach)
    shift = 0
    dateline = DATELINE.match(clause.text) if verb is not None and clause.offset == 0 else None
    if dateline is not None and verb is not None and dateline.end() < verb.start():
        # the story's first sentence opens after where it was filed: "ROME, May 2 - Imported pasta will face"
        shift = dateline.end()
        clause = clause.part(shift, len(clause.text))
        verb = _GOODS_UNDERGO.search(clause.low, 0, reach - shift)
    if verb is not None and "," in clause.text[: verb.start()]:
        # "Exports of cars, which face a separate 25% U.S. levy, dropped": the goods the relative clause is of
        which = _WHICH_BEFORE.search(clause.low, 0, verb.start())
        if (
            which is not None
            and "," not in clause.text[: which.start()]
            and len(clause.text[: which.start()].split()) <= 7
        ):
            head = clause.part(0, which.start())
            if head.text[:1].isupper():
                head = attrs.evolve(head, text=head.text[0].lower() + head.text[1:])
            return [(p, shift + verb.start()) for p in products_in(head, 0, len(head.text))]
        return []
    if verb is None:
        return []
    if len(clause.text[: verb.start()].split()) > 7:
        # "Steel entering the European Union above newly reduced quotas will pay 50%": the goods before the
        # participle that says where they go
        went = _GOODS_GOING.search(clause.low, 0, verb.start())
        if (
            went is None
            or len(clause.text[: went.start()].split()) > 4
            or (clause.actors and clause.actors[0].start == 0)
        ):
            return []
        head = clause.part(0, went.start())
        if head.text[:1].isupper():
            head = attrs.evolve(head, text=head.text[0].lower() + head.text[1:])
        return [(p, shift + verb.start()) for p in products_in(head, 0, len(head.text))]
    if any(m.start < verb.start() and m.kind == "person" for m in clause.actors):
        return []
    subject = [m for m in clause.actors if m.start < verb.start()]
    if subject and subject[0].start == 0 and subject[0].kind != "demonym":
        return []  # "Japan will face a 15% tariff": a jurisdiction, read as such elsewhere
    if clause.text[:1].isupper() and not (subject and subject[0].start == 0):
        # the capital that opens the sentence is no proper name: "Steel pipes" are goods
        clause = attrs.evolve(clause, text=clause.text[0].lower() + clause.text[1:])
    return [(p, shift + verb.start()) for p in products_in(clause, 0, verb.start())]


_GOODS_GOING = re.compile(r"\s(?:entering|arriving in|imported into|coming into|shipped to|sold in)\s")
_WHICH_BEFORE = re.compile(r",\s+(?:which|that)\s+(?:already\s+|also\s+|now\s+)?$")


# The verb "be" (or "remain") right before an exemption: "are exempt", "were temporarily spared".
_BE_BEFORE = re.compile(
    r"\b(?:are|is|were|was|be|been|remain|remains|remained|stay|stays)\s+(?:(?:[a-z]+ly|now|still|also|all)\s+)?$"
)


def _subject_goods(clause: Clause, verb_pos: int) -> tuple[int, list[Product]] | None:
    """Goods that open the sentence as the subject of an exemption, with where the subject ends."""
    be = _BE_BEFORE.search(clause.low, max(0, verb_pos - 30), verb_pos)
    if be is None or be.start() > 160:
        return None
    # The subject starts after the dateline ("WASHINGTON, April 14 - Smartphones and computers were ...").
    dateline = DATELINE.match(clause.text) if clause.offset == 0 else None
    begin = dateline.end() if dateline is not None and dateline.end() < be.start() else 0
    head_end = clause.text.find(",", begin, be.start())
    head_end = be.start() if head_end < 0 else head_end
    if clause.actors and clause.actors[0].start <= begin:
        return None  # "Canada and Mexico are exempt": countries, not goods
    products = products_in(clause, begin, head_end)
    if products and _LIST_TO_THE_VERB.match(clause.low, head_end, be.start()):
        # "Orange juice, civil aircraft and energy products are exempt": a list, not an apposition
        products = _goods_of_list(clause, begin, be.start()) or products
    return (be.start(), products) if products else None


_LIST_TO_THE_VERB = re.compile(r",(?:\s+[\w-]+){1,3},?\s+and(?:\s+[\w-]+){1,3}\s*$")


_SUBJECT_OPENERS = frozenset(
    {"", "the", "and", "but", "most", "most other", "all", "imports from", "goods from"}
)


def _products_or_none(clause: Clause, trigger: re.Match[str]) -> list[Product | None]:
    found: list[Product | None] = list(_products_near(clause, trigger))
    return found or [None]


def _goods_between(clause: Clause, start: int, end: int) -> bool:
    return bool(re.search(r"[a-z]{3,}", clause.text[start:end]))


def _context_actor(ctx: Context, exclude: str | None, *, also: Sequence[str] = ()) -> str | None:
    for code in [*ctx.recent, *ctx.main_actors, ctx.dateline]:
        if code and code != exclude and code != "*" and code not in also:
            return code
    return None


_SHOULD_CHANGE = re.compile(
    r"\b(?:should|must|needs? to|ought to)\s+(?:(?:immediately|quickly|also|now)\s+)?(?:lift|remove|scrap|drop|ease"
    r"|relax|cut|lower|end|cancel|withdraw|eliminate|roll back)\b"
)


def _should_change(clause: Clause, trigger: re.Match[str]) -> tuple[str, str] | None:
    """ "Sefcovic said China should lift its curbs on magnets": (who says so, who should change the measure)."""
    change = _SHOULD_CHANGE.search(clause.low, 0, trigger.start())
    if change is None or not _SAID_BEFORE.search(clause.low, 0, change.start()):
        return None
    asked = next((m for m in reversed(clause.actors) if m.end <= change.start() and m.kind != "person"), None)
    if asked is None or not re.fullmatch(r"(?:'s)?\s+", clause.text[asked.end : change.start()]):
        return None
    demander = _first_actor(clause, 0, asked.start, (asked.code,))
    if demander is None:
        return None
    return demander.code, asked.code


_SAID_BEFORE = re.compile(r"\b(?:said|says|told)\b")
_ASKED_BY_NAME = re.compile(r"\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+)?\s+to\s")


def _demand(clause: Clause, trigger: re.Match[str], imposer: str | None = None) -> tuple[str, str] | None:
    """(who demands, who is asked) when the sentence demands a change to the measure; when a trade asks a
    government by name ("Farmers urged Beijing to cut its tariffs on Canadian canola"), the goods' origin stands
    for the one who demands."""
    verb = None
    # (not the name of the agency in the dateline: "WASHINGTON, Oct 8 (Beltway Press Service) -")
    dateline = DATELINE.match(clause.text) if clause.offset == 0 else None
    for m in lex.DEMAND.finditer(clause.low, dateline.end() if dateline else 0, trigger.start() + 1):
        verb = m
    if verb is None:
        return _should_change(clause, trigger)
    change = lex.DEMANDED_CHANGE.search(clause.low, verb.end())
    if change is None or change.start() > trigger.end() + 40:
        return None
    non_state = _NON_STATE_SPEAKER.search(clause.low, max(0, verb.start() - 40), verb.start()) is not None
    # "Carmakers in Japan want relief from US tariffs": a wish of a trade, not a government's demand; but "Farmers
    # urged Beijing to cut its tariffs": a change asked of a government by name
    # "urged Ottawa to drop", "demanded that the United States remove": who is asked stands before the change
    bound = change.end() if change.group().startswith("that") else change.start() + 5
    if change.group().endswith("from"):
        bound = change.end() + 20  # "relief from US tariffs", "an exemption from Washington's duties"
    # "demanded that the tariffs on Canadian steel be lifted": the goods' origin is not who is asked
    asked = next((a for a in clause.actors if verb.end() <= a.start <= bound and _is_actor(clause, a)), None)
    # Who demands a change is not who is asked, nor who owns the duty ("the removal of the 20% U.S. tariffs"); with
    # neither named, not the story's imposer ("said it was in talks with Washington and demanded that the tariffs
    # on Canadian steel be lifted")
    duty_owner = _adjacent_before(clause, trigger.start())
    not_demander = asked.code if asked is not None else duty_owner.code if duty_owner is not None else imposer
    demander = (
        None if non_state else _subject(clause, verb.start(), exclude=[not_demander] if not_demander else ())
    )
    if non_state and (asked is None or not _ASKED_BY_NAME.match(clause.low, verb.end())):
        return None
    if asked is None and demander is not None:
        # "pressed for the removal of the 25% U.S. tariff": who is asked owns the duty; "demanded that the
        # tariffs on Canadian steel be lifted": the duties of the imposer the story is about
        owner = _adjacent_before(clause, trigger.start())
        if owner is not None and owner.code != demander.code:
            return demander.code, owner.code
        if owner is None and imposer is not None and imposer != demander.code:
            return demander.code, imposer
    if asked is None and demander is not None:
        return None
    if demander is None and asked is not None:
        # "Farmers urged Beijing to cut its tariffs on Australian barley": whoever asks, the duty is demanded
        # of the one asked, on the goods' origin
        origin = next((a for a in clause.actors if a.start > trigger.end() and a.code != asked.code), None)
        return (origin.code, asked.code) if origin is not None else None
    if demander is None or asked is None or demander.code == asked.code:
        return None
    return demander.code, asked.code


_WISHED_CHANGE = re.compile(r"\s+(?:\w+\s+)?(?:lower|reduced|cheaper|smaller|fewer|an end to|relief from)\b")


_PROBED = re.compile(
    r"\b(?:investigation|probe|inquiry|review|complaint|case)\s+(?:into|of|against|over)\s+(?:[\w.'’-]+\s+){0,6}?"
    r"(?:(?:trade\s+)?practices,?\s+(?:including|such\s+as)\s+(?:its\s+|their\s+)?(?:[\w-]+\s+){0,2})?$"
)
_WITHOUT_DUTIES = re.compile(r"\bwithout\s+(?:imposing\s+)?(?:any\s+)?(?:new\s+)?(?:[\w-]+\s+)?$")
_MARKET_MOOD = re.compile(
    r"\b(?:on|amid|over)\s+(?:growing\s+|renewed\s+|fresh\s+)?(?:hopes?|fears?|worries|concerns|optimism|expectations"
    r"|speculation|bets)\s+(?:that\s+)?(?:[\w.'’-]+\s+){0,4}?(?:would|could|might|may|will)\s+"
    # (the hope's own clause: not "... would resume purchases after Beijing cut its tariff")
    r"(?:(?!after\b|as\b|when\b|while\b|because\b|since\b|following\b|once\b)[\w-]+\s+){0,8}?$"
)


def _wish(clause: Clause, trigger: re.Match[str]) -> bool:
    """Whether the duty is what someone other than a government wants changed: a demand needs a demander."""
    verb = None
    for m in lex.DEMAND.finditer(clause.low, max(0, trigger.start() - 40), trigger.start()):
        verb = m
    return (
        verb is not None
        and bool(_WISHED_CHANGE.match(clause.low, verb.end()))
        and (
            _subject(clause, verb.start()) is None
            # "Carmakers in Japan want relief": the country names where the trade is, not who demands
            or _NON_STATE_SPEAKER.search(clause.low, max(0, verb.start() - 40), verb.start()) is not None
        )
    )


def purchase_demands(clause: Clause, ctx: Context) -> list[Tariff]:
    """'China is asked to buy more US soybeans': a demand on the buyer's barriers to the seller's goods."""
    m = re.search(
        r"\b(?:asked|urged|pressed|pushed|told|called on|demanded|wants?|pushing|pressing|urging|asking)\s+"
        r"(?:(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+)?"
        r"to\s+(?:buy|purchase|import)\s+more\s+(?P<rest>[^.,;]{2,60})",
        clause.text,
        _I,
    )
    if m is None:
        return []
    origin = next((a for a in clause.actors if m.start("rest") <= a.start < m.end("rest")), None)
    # "Trump asked China to buy": the one asked (the object) buys; "China is asked to buy": the subject.
    buyer = next((a for a in clause.actors if m.start() <= a.start < m.start("rest")), None) or _subject(
        clause, m.start()
    )
    if origin is None or buyer is None or origin.code == buyer.code:
        return []
    goods = products_in(clause, m.start("rest"), m.end("rest"))
    return [
        Tariff(
            imposer=buyer.code,
            target=origin.code,
            product=p,
            status="demanded",
            evidence=ctx.quote(clause, 0.6),
        )
        for p in (goods or [None])  # type: ignore[list-item]
    ]


# What may follow a rate assigned to a country: punctuation, a word that links, or a word for the duty
_RATE_ENDS = (
    r"(?=\s*(?:[^\w\s]|$|(?:on|from|under|in|if|unless|starting|beginning|as|and|or|but|after|before|when|now|too"
    r"|also|already|instead|respectively|then|each|this|next|effective"
    r"|while|by|each|for|at|with|to|until|the|tariffs?|dut(?:y|ies)|levy|levies|rates?|surcharges?|penalt(?:y|ies)"
    r"|imports?|exports?|reciprocal|additional|extra|baseline|punitive|retaliatory|tariff)\b))"
)
# "South Africa faces 30%, Indonesia 32%, and Thailand and Cambodia 36%", "Imports from Japan and South Korea
# will be charged 25%": rates assigned country by country in a story about duties, none of them called a tariff
_ASSIGNED = re.compile(
    r"\s+(?:faces?|will face|would face|had faced|faced|gets?|got|receives?|received|pays?|will pay|would pay"
    r"|(?:was|were|is|are|will be|would be)\s+(?:each\s+)?(?:assigned|charged|hit with|subject to))\s+"
    r"(?:(?:a|an)\s+)?(?:(?:rate|duty|tariff|levy)\s+of\s+)?(?P<rate>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)"
    # not "gets 20% of its gas", "pays 30% more for insurance": a share or a price, no rate of duty
    r"(?!\s*(?:of|more|less|higher|lower|cheaper|dearer|above|below|up|down)\b)"
    # nor "faced a 3% drop in exports", "24% inflation", "pay 13% in sales tax": a rate of something else
    + _RATE_ENDS
    + lex.DOMESTIC_TAX_AFTER
)
_GAPPED_RATE = re.compile(
    r"\s+(?:each\s+)?(?P<rate>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)"
    r"(?!\s*(?:of|more|less|higher|lower|cheaper|dearer|above|below|up|down)\b)" + _RATE_ENDS
)
_NEXT_IN_LIST = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?:imports\s+from\s+)?")
_DUTY_STORY = re.compile(r"\b(?:tariffs?|duty|duties|levy|levies)\b")
_IN_FORCE_PAYMENT = re.compile(r"\s+(?:pays?|paid|(?:is|are|was|were)\s+(?:charged|hit|subject))\b")


# "30% for South Africa and 40% for Laos and Myanmar": the rate stated before the countries it is set for
_RATE_FOR = re.compile(
    r"(?<![\d.])(?P<rate>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(?:(?:rates?|tariffs?|duty|duties)\s+)?"
    r"(?:for|on)\s+(?:imports\s+from\s+|goods\s+from\s+)?$"
)


def _rated_countries_named(clause: Clause) -> list[Mention]:
    """The countries and blocs a sentence may assign rates to: not places, nor where the goods go ("Chinese
    electric vehicles entering Mexico face a 50% duty", "Vietnam's exports to the US will face a 20% tariff")."""
    return [
        m
        for m in clause.actors
        if m.kind in ("country", "bloc")
        and not _is_place(clause, m)
        and not _is_destination(clause, m.start)
        and not _EXPORTS_TO.search(clause.low, max(0, m.start - 20), m.start)
    ]


def _rates_set_for(clause: Clause) -> list[tuple[list[str], Rate, bool]]:
    countries = _rated_countries_named(clause)
    found: list[tuple[list[str], Rate, bool]] = []
    for i, m in enumerate(countries):
        lead = _RATE_FOR.search(clause.low, max(0, m.start - 40), m.start)
        if lead is None:
            continue
        group = [m]
        for later in countries[i + 1 :]:
            if not _NEXT_IN_LIST.fullmatch(clause.text, group[-1].end, later.start) or _RATE_FOR.search(
                clause.low, max(0, later.start - 40), later.start
            ):
                break
            group.append(later)
        found.append(([g.code for g in group], Rate(lead.group("rate")), False))
    return found


def rates_by_country(clause: Clause, ctx: Context, last_imposer: str | None) -> list[Tariff]:
    """Rates assigned country by country; `last_imposer` is the imposer of the story's duties told before this
    sentence (not one of its own: "China retaliated with 15% duties on coal, while Canada faced 25%")."""
    if not ctx.story_has(_DUTY_STORY):
        return []
    if not any(_ASSIGNED.match(clause.text, m.end) for m in clause.actors):
        return _rated_countries(clause, ctx, _rates_set_for(clause), last_imposer)
    countries = _rated_countries_named(clause)
    found: list[tuple[list[str], Rate, bool]] = []
    group: list[Mention] = []
    assigned = False
    text = clause.text
    for m in countries:
        if group and not _NEXT_IN_LIST.fullmatch(text, group[-1].end, m.start):
            group = []
        group.append(m)
        verb = _ASSIGNED.match(text, m.end)
        gapped = _GAPPED_RATE.match(text, m.end) if assigned else None
        hit = verb or gapped
        if hit is None:
            continue
        assigned = True
        in_force = verb is not None and _IN_FORCE_PAYMENT.match(text, m.end) is not None
        found.append(([g.code for g in group], Rate(hit.group("rate")), in_force))
        group = []
    return _rated_countries(clause, ctx, found, last_imposer)


def _rated_countries(
    clause: Clause, ctx: Context, found: list[tuple[list[str], Rate, bool]], last_imposer: str | None
) -> list[Tariff]:
    if not found:
        return []
    targets = [code for codes, _, _ in found for code in codes]
    # the story's imposer: the one whose duty the item told last, else its main actor
    imposer = last_imposer if last_imposer not in (None, *targets) else None
    imposer = imposer or _context_actor(ctx, exclude=targets[0], also=targets)
    if imposer is None:
        return []
    evidence = ctx.quote(clause, 0.6)
    effective = _date_before_colon(clause)
    return [
        Tariff(
            imposer=imposer,
            target=code,
            rate=rate,
            status="in_force" if in_force else "announced",
            effective=effective,
            evidence=evidence,
        )
        for codes, rate, in_force in found
        for code in codes
        if code != imposer
    ]


_STATEMENT_OPENS = re.compile(r"\bwhile\b|\bwhereas\b|,\s+and\b|;")


def _date_before_colon(clause: Clause) -> DateSpan | None:
    """ "The baseline duty applies from Saturday, while the higher rates kick in on April 9: 34% for China, 20%
    for the European Union": rates listed after a colon take the date of the statement the colon ends."""
    colon = clause.text.find(":")
    if colon < 0 or not clause.percents or clause.percents[0].start < colon:
        return None
    dates = _measure_dates(clause)
    if any(d.start > colon for d in dates):
        return None
    opens = _last_match(_STATEMENT_OPENS, clause.low, 0, colon)
    start = opens.end() if opens is not None else 0
    # (not "In a statement on Sunday, the government said: ...": the day of what was said)
    if not _APPLIES_FROM.search(clause.low, start, colon):
        return None
    within = [d.span for d in dates if start <= d.start < colon]
    return within[-1] if within else None


_APPLIES_FROM = re.compile(
    r"\b(?:kick|kicks|kicked|apply|applies|applied|take effect|takes effect|took effect|effective|follow|follows"
    r"|start|starts|begin|begins|come into force|comes into force|enter into force|enters into force)\b"
)


# --- export controls -------------------------------------------------------------------------------------


_GENERIC_BODY = re.compile(
    r"\s*(?:the\s+)?(?:(?:commerce|trade|foreign|finance|economy|industry|agriculture|farm|energy|mining)\s+ministry"
    r"|ministry|government|cabinet"
    r"|state council|customs\s+(?:administration|agency|authority|office))\b"
)


_PRIVATE_HALT = re.compile(
    r"\b(?:factories|firms|companies|company|carmakers?|automakers?|makers?|exporters|producers|manufacturers"
    r"|suppliers|retailers|importers|traders|shippers|refiners|miners|growers|farmers)\s+(?:that\s+|which\s+|who\s+)?"
    r"(?:had\s+|have\s+|has\s+)?(?:halted|stopped|suspended|paused|resumed|cut|curbed)\s+(?:[\w-]+\s+)?"
    r"(?:shipments|exports|deliveries|sales)\b"
)
_WOULD_HAVE = re.compile(r"\bwould have\s+(?:[\w-]+\s+){0,2}$")

# "as the region braces for a new wave of U.S. tariffs", "rushed goods through ports ahead of new duties": duties
# awaited, with no rate or goods of their own, are a backdrop, not a measure
_ON_OR_FROM = re.compile(r"\b(?:on|from|against)\b")
_AWAITED_LEAD = re.compile(
    r"\b(?:brac(?:e|es|ed|ing)(?:\s+itself|\s+themselves)?\s+for|ahead\s+of|in\s+anticipation\s+of|clarity\s+on\s+how"
    r"|wary\s+of|fears?\s+of)\s+(?:the\s+|a\s+|any\s+)?(?:new\s+|fresh\s+|further\s+|more\s+|possible\s+)?"
    r"(?:wave\s+of\s+|round\s+of\s+)?(?:[\w.-]+\s+)?$"
)
# "ministers will meet to discuss export curbs", "a dispute over export controls": the topic of talks or of a
# quarrel, not a measure
_TOPIC_LEAD = re.compile(
    r"\b(?:discuss(?:es|ed|ing)?|talks? (?:on|over|about)|negotiat\w* (?:on|over|about)|dispute over"
    r"|tensions? over|row over|concerns? (?:over|about))\s+(?:the\s+|their\s+|its\s+|new\s+)?(?:[\w-]+\s+)?$"
)
# "imports from India ... face no duty": a duty denied
_PAYS_NO = re.compile(
    r"\b(?:face|faces|faced|facing|pay|pays|paid|paying|carry|carries|attract|attracts|bear|bears)\s+no\s+"
    r"(?:[\w-]+\s+){0,2}$"
)
# "an advertisement that quoted Reagan criticising tariffs": an opinion of duties in general, the bare word with
# nothing of its own after it (not "criticised the steel tariffs Washington doubled on Wednesday")
_OPINION_OF_DUTIES = re.compile(
    r"\b(?:criticis|criticiz|prais|defend|attack)\w*\s+(?:tariffs|duties|levies)\s*(?:[.;,]|$)"
)


_WOULD_CUT = re.compile(r"\b(?:threaten\w*|could|would|might|may|vow\w*)\b[^.;,]*$")
_CAUSE_AFTER = re.compile(
    r",\s+(?:hitting back|in response|in retaliation|retaliating|responding|a day after|days after|hours after)\b"
)


def export_controls(clause: Clause, ctx: Context) -> list[ExportControl]:
    trigger = lex.EXPORT_CONTROL.search(clause.low)
    if trigger is None:
        return []
    if _TOPIC_LEAD.search(clause.low, max(0, trigger.start() - 40), trigger.start()):
        return []
    if _TRUSTED_LIST.search(trigger.group()) and (
        _struck_off(clause) is None or _LIST_OF_SUPPLIERS.match(clause.low, trigger.end())
    ):
        # "removed three Australian beef plants from its white list", "from its white list of approved beef
        # suppliers": the suppliers it buys from, not the countries it sells to
        return []
    private = _PRIVATE_HALT.search(clause.low)
    if private is not None and private.start() <= trigger.start() < private.end():
        return []  # "Chinese factories that had halted shipments to the United States": a business's choice
    if _THREATENED_TO_DO.search(clause.low, max(0, trigger.start() - 30), trigger.start()):
        return []  # "a strike threatens to halt shipments of copper to China": what may happen, no measure taken
    if _WOULD_HAVE.search(clause.low, max(0, trigger.start() - 40), trigger.start()) and not any(
        lex.CONTROL_STATUS[rank][0] in ("lifted", "relaxed") for rank, _ in clause.scan(lex.CONTROL_STATUS)
    ):
        # "the rule ... would have required licences for shipments": what a rule dropped would have done (but
        # "rescinded a rule that would have required licences" lifts it)
        return []
    text = clause.text
    status_hit = _nearest(
        lex.CONTROL_STATUS,
        text,
        clause.low,
        trigger.span(),
        # "expanded its controls, requiring licences": the participle says what the control asks, not its change
        weak=frozenset({"new", "set", "put", "list", "requiring"}),
        within=80,
        hits=clause.scan(lex.CONTROL_STATUS),
    )
    status = status_hit[0] if status_hit else "imposed"
    verb_pos = status_hit[1].start() if status_hit else trigger.start()
    undergone = _control_undergoes(clause, trigger)
    if undergone is not None:
        status, verb_pos = undergone
    earlier = _EARLIER_STAGE.search(clause.low, max(0, verb_pos - 30), verb_pos) if status_hit else None
    change = _change_before(clause, earlier.start()) if earlier is not None else None
    dated = clause  # where the control's own dates stand
    if change is not None and earlier is not None:
        # "resumed granting licences for the turbines, a year after it banned their export": the control is
        # named in a clause about its earlier stage; the sentence's news is the change before it.
        status, verb_pos = change[0], change[1].start()
        dated = clause.part(0, earlier.start())
    relief_denied = False
    if _negated(clause, verb_pos):
        if status not in ("lifted", "relaxed") or status_hit is None:
            return _denied(ctx)
        status = "imposed"  # "will not lift its ban on nickel ore exports": relief denied, the control stands
        relief_denied = True
    if _ANY_SUCH.search(clause.low, max(0, trigger.start() - 40), trigger.start()):
        return []  # "each new set of export rules is sold as ...": rules in general, none in particular
    if _TOPIC_LIST.search(clause.low, max(0, trigger.start() - 60), trigger.start()):
        return []  # "progress on issues including export controls and visas": a subject of talks
    # (not the kind of the measure a clause after it says this one answers: "banned shipments of gallium to the
    # United States, hitting back at Monday's addition of 140 Chinese firms to Washington's Entity List")
    cause = _CAUSE_AFTER.search(clause.low, trigger.end())
    if cause is not None:
        # (the clause of the cause ends at its comma: "..., in retaliation for U.S. tariffs, requiring licences")
        after = clause.low.find(",", cause.end())
        kind_text = clause.low[: cause.start()] + (" " + clause.low[after:] if after > 0 else "")
    else:
        kind_text = clause.low
    kind = next((k for k, p in lex.CONTROL_KIND if p.search(kind_text)), "other")
    if (
        kind == "entity_list"
        and status_hit
        and re.match(r"remov|delist|take|took|struck", status_hit[1].group(), _I)
    ):
        status = "lifted"
    elif kind == "entity_list" and status == "imposed" and _GROWN_TOTAL.search(clause.low):
        status = "tightened"  # "added 12 firms to the list, bringing the total to 80": more of a listing
    demand = _demand(clause, trigger)
    if demand is not None:
        status = "demanded"
    elif not relief_denied and _hedged(clause, min(verb_pos, trigger.start()), max(verb_pos, trigger.end())):
        status = "proposed"  # (not "has no plans to lift its ban": the ban stands)
    owner = _adjacent_before(clause, trigger.start())
    # A control's target is the destination the text names ("to China", "Chinese buyers"); a rule that
    # applies to every destination targets "*" even when the story says whom it is aimed at.
    destination = _listed_entities_from(clause) if kind == "entity_list" else None
    if trigger.group().startswith("cut") and _WOULD_CUT.search(
        clause.low, max(0, trigger.start() - 30), trigger.start()
    ):
        return []  # "threatened on Friday to cut the United States off from supplies": a threat, not a control
    if destination is None and trigger.group().startswith("cut"):
        # "rules to cut China off from advanced computing chips": who is cut off is the destination
        destination = next((m for m in clause.actors if trigger.start() <= m.start < trigger.end()), None)
    if destination is None and (destination := _destination(clause, trigger)) is None:
        destination = _struck_off(clause)
        if (
            destination is not None
            and status not in ("demanded", "proposed")
            and _TRUSTED_LIST.search(clause.low)
        ):
            # a country struck off a list of trusted buyers needs licences it did not: controls tightened on it,
            # or proposed ("is weighing the removal of South Korea from its white list")
            hedge = lex.HEDGE.search(clause.low, max(0, destination.start - 50), destination.start)
            status = "proposed" if hedge is not None else "tightened"
    if destination is not None and _ANY_DESTINATION.search(clause.low, trigger.start()):
        destination = None  # "licences for shipments to any destination": every destination, whoever is named
    if kind != "entity_list" and _LISTED_BUYERS.search(clause.low):
        return []  # "suppliers need a licence to sell to the listed firms": what a listing means, no rule of its own
    # "exports of AI chips to Malaysia and Thailand": each destination of the list is a target
    listed = _listed_after(clause, destination) if destination is not None else []
    subject = _subject(
        clause, min(trigger.start(), verb_pos), exclude=[destination.code, *listed] if destination else ()
    )
    target: str
    if demand is not None:
        # "pressing Japan to restrict exports of chip tools to China": a control asked for is aimed at its
        # destination, not at who asks; one asked away ("pressing Washington to ease its curbs") at its named
        # destination, else at the one who asks, whose buyers it binds
        imposer, target = demand[1], demand[0]
        if destination is not None and destination.code != imposer:
            target = destination.code
        elif lex.TIGHTENING_ASKED.search(clause.low, 0, trigger.end()):
            target = "*"
    else:
        actor = (
            owner
            if owner is not None and (destination is None or owner.code != destination.code)
            else subject
        )
        actor = actor or _agent_after_by(clause, trigger.end())
        excluded = destination.code if destination else None
        bound = _bound_exporters(clause) if actor is None else None
        if actor is not None:
            found: str | None = actor.code
        elif ctx.last_controller is not None and ctx.last_controller != excluded:
            found = ctx.last_controller  # the story goes on about the same government's controls
        elif _GENERIC_BODY.match(clause.low) and ctx.last_imposer not in (None, excluded):
            # "China will impose a 34% tariff ... The commerce ministry also put seven rare earths under export
            # licensing": a ministry the story does not name is of the government whose duty it told last
            # (not of the dateline's city: that is where the story was filed)
            found = ctx.last_imposer
        elif _GENERIC_BODY.match(clause.low) and ctx.dateline not in (None, "*", excluded):
            # "MOSCOW - ... The agriculture ministry said it would lift a ban": with no measure told before, the
            # ministry of the government where the story was filed
            found = ctx.dateline
        elif bound is not None and bound.code != excluded:
            found = (
                bound.code
            )  # "Japanese suppliers now need a licence": the rule of the exporters' government
        else:
            found = _context_actor(ctx, exclude=excluded)
        if found is None:
            return []
        owner_of = _company_country(clause) if kind == "entity_list" and destination is None else None
        imposer, target = found, (destination.code if destination else owner_of or "*")
    if imposer == target or imposer == "*":
        return []
    items: list[Product | None]
    named = None if kind == "entity_list" else _set_named_elsewhere(clause, trigger, ctx)
    if named:
        items = list(named)
    else:
        items = [None] if kind == "entity_list" else list(_control_items(clause, trigger)) or [None]
    if (
        status_hit is None
        and demand is None
        and items == [None]
        and owner is None
        and kind != "entity_list"
        # "Japanese exporters ... must apply for individual licences": a rule binding exporters is a measure
        and _bound_exporters(clause) is None
    ):
        return []  # "ministers will discuss investment and export controls": controls named as a topic, not a measure
    # (only a control read makes its government the story's: not "Shipments to Belarus are not counted")
    ctx.last_controller = imposer
    if kind == "entity_list" and status == "imposed":
        ctx.last_lister = imposer
    confidence = _confidence(clause, 0.8 if status_hit else 0.6)
    # "The rule, which took effect immediately": the day the control was imposed is the day it applies.
    immediate = status not in ("proposed", "demanded") and ctx.immediate
    # "China on Sunday lifted its ban": as for a duty lifted or lowered, the day a control was lifted or
    # eased is the day it applies.
    acts = (
        immediate
        or status in ("lifted", "relaxed", "imposed", "tightened")
        or _BEGAN_REQUIRING.search(clause.low) is not None
    )
    effective, acted = _dated(dated, _CONTROL_DATE_CUE, old_stage=status != "imposed", acts=acts)
    if acted and effective is not None:
        ctx.acted_days.add(effective)
    if effective is None and ctx.published is not None and status not in ("proposed", "demanded"):
        # "put seven rare earths under export licensing with immediate effect": from the day it was said
        now = _IMMEDIATE.search(clause.text)
        effective = _said_that_day(dated, ctx.published, now.group()) if now is not None else None
    # the rest of a list of destinations, when the target is the first of them (not a demander's own)
    in_list = destination is not None and target == destination.code
    targets = [target, *(t for t in listed if t != imposer)] if in_list else [target]
    controls = [
        ExportControl(
            imposer=imposer,
            target=each,
            item=item,
            control=kind,
            status=status,
            effective=effective,
            evidence=ctx.quote(clause, confidence),
        )
        for each in dict.fromkeys(targets)
        for item in items
    ]
    if demand is not None:
        # "pressing Japan and the Netherlands to further restrict exports": a demand of each government asked
        # (the mention nearest the measure: "Japan and South Korea said Washington was pressing Japan and ...")
        asked = next(
            (m for m in reversed(clause.actors) if m.code == imposer and m.end <= trigger.start()), None
        )
        others = (
            [code for code in _listed_after(clause, asked) if code not in (imposer, target)] if asked else []
        )
        controls += [
            attrs.evolve(c, imposer=code) for code in others for c in controls if c.imposer == imposer
        ]
    counted = None if kind == "entity_list" or named else _counted_set(clause, trigger)
    if counted is not None:
        ctx.counted_sets.append((counted, controls))
    return controls


_ENTITIES_FROM = re.compile(
    r"\b(?:entities|companies|firms|organi[sz]ations|individuals|groups)\s+(?:based\s+)?(?:from|in)\s+(?:the\s+)?$"
    # "added 80 companies, most of them Chinese, to its Entity List"
    r"|\b(?:entities|companies|firms|organi[sz]ations)\s*,\s+(?:most|many|all|nearly all|almost all|half)\s+of\s+them"
    r"\s+(?:based\s+in\s+)?(?:the\s+)?$"
)


def _listed_entities_from(clause: Clause) -> Mention | None:
    """'601 entities from Russia, Pakistan and Iran were placed on its list': where the listed come from."""
    return next(
        (
            m
            for m in clause.actors
            if m.kind != "person" and _ENTITIES_FROM.search(clause.low, max(0, m.start - 40), m.start)
        ),
        None,
    )


_MAINLAND_GAP = re.compile(r"(?:,\s*|\s+(?:and|or)\s+|,\s*and\s+)mainland\s+", _I)


def _listed_after(clause: Clause, first: Mention) -> list[str]:
    """The jurisdictions listed right after `first` ("to Malaysia, Thailand and Vietnam")."""
    found: list[str] = []
    end = first.end
    for m in clause.actors:
        if m.start < end:
            continue
        gap = _LIST_GAP.fullmatch(clause.text, end, m.start) or _MAINLAND_GAP.fullmatch(
            clause.text, end, m.start
        )
        if gap is None or m.kind == "person" or m.code == "*":
            break
        found.append(m.code)
        end = m.end
    return found


_ANY_SUCH = re.compile(r"\b(?:every|each)\s+(?:new\s+)?(?:round|set|wave|batch)\s+of\s+$")
_TOPIC_LIST = re.compile(
    r"\b(?:issues|topics|matters|areas|subjects|questions|disputes)\s+(?:including|such as|like|ranging from"
    r"|from)\s+(?:[\w-]+(?:,\s+|\s+))*?$"
)


# A clause about an earlier stage of the measure: "... months after it barred", "since they imposed".
_EARLIER_STAGE = re.compile(r"\b(?:after|since)\s+(?:it|they|the\s+\w+|\w+)?\s*(?:had\s+)?$")


def _change_before(clause: Clause, before: int) -> tuple[str, re.Match[str]] | None:
    """The last cue of a change to a control (eased, lifted, tightened) in the sentence before `before`."""
    found = None
    for rank, m in _scan(lex.CONTROL_STATUS, clause.low[:before]):
        status = lex.CONTROL_STATUS[rank][0]
        if status in ("relaxed", "lifted", "tightened") and not _negated(clause, m.start()):
            found = (status, m)
    return found


_GROWN_TOTAL = re.compile(
    r"\b(?:bring|brings|bringing|taking|takes|raising|raises) (?:the|its) (?:total|number|tally)\b"
)


# The measure as the subject of a passive verb: "a widening of the export rules ... will be put on hold",
# "the curbs on cobalt exports were lifted". What the passive says happens to the measure outweighs the
# nouns and participles that describe it ("expansion", "announced in May").
_PASSIVE_CHANGE = re.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:[a-z]+ly\s+)?(?:(?P<relaxed>put on hold|suspended|paused|delayed"
    r"|postponed|shelved|frozen|eased|relaxed|loosened)|(?P<lifted>lifted|scrapped|removed|revoked|rescinded"
    r"|withdrawn|abolished))\b"
)
# Between the measure and its passive verb: no new statement ("when talks were suspended").
_OTHER_SUBJECT = re.compile(r"[,;:]|\b(?:when|after|while|as|because|since|which|that|who|but|talks)\b")


def _control_undergoes(clause: Clause, trigger: re.Match[str]) -> tuple[str, int] | None:
    passive = _PASSIVE_CHANGE.search(clause.low, trigger.end(), trigger.end() + 110)
    if passive is None or _OTHER_SUBJECT.search(clause.low, trigger.end(), passive.start()):
        return None
    return ("lifted" if passive.group("lifted") else "relaxed"), passive.start()


_BUYER_NOUN = re.compile(
    r"\.?(?:\s+[a-z][\w-]*){0,2}?\s+(?:buyers?|toolmakers?|tech companies|customers?|clients?|companies|company"
    r"|firms?|entities|entity|users?|military|airlines?"
    r"|factories|plants|fabs|chipmakers?|manufacturers?|importers?|groups?|businesses|carmakers?|smelters?"
    r"|makers?|producers?|suppliers?|shipyards?|developers?|operators?|contractors?|institutes?|universities)\b",
    _I,
)
_CONTROL_DESTINATION_LEAD = re.compile(
    r"\b(?:to|into|bound for|destined for|headed for|for (?:buyers|customers|users) in|in"
    # "halted all exports to and imports from Israel"
    r"|to and (?:imports|purchases|shipments) from"
    # "imposed sweeping export controls on Russia": the country the controls are placed on
    r"|(?:controls?|curbs?|restrictions?|embargo(?:es)?)\s+(?:on|against))\s+(?:the\s+)?$",
    _I,
)


_ANY_DESTINATION = re.compile(
    r"\bto (?:any|all|every) (?:other )?(?:destinations?|countr(?:y|ies)|buyers?|markets?)\b|\bworldwide\b"
)


_LISTED_BUYERS = re.compile(
    r"\b(?:to|for|with)\s+(?:the|those|these)\s+(?:listed|blacklisted|designated)\s+(?:firms|companies|entities)\b"
    # "Companies on the list must obtain a licence before they can receive U.S. technology"
    r"|\b(?:companies|firms|entities) on the (?:list|blacklist|entity list)\b"
)
_LIST_OF_SUPPLIERS = re.compile(
    r"\s+of\s+(?:[\w-]+\s+){0,3}?(?:suppliers|exporters|plants|producers|firms|companies|facilities|establishments"
    r"|vendors|processors|slaughterhouses|abattoirs|mills|farms|brands)\b"
)
_TRUSTED_LIST = re.compile(r"\bwhite[\s-]?list\b|\blist of (?:trusted|preferred|favou?red)\b")
# "may drop Japan from its list of favoured buyers": the country struck off a list of
# favoured destinations is the one the control hits.
_STRUCK_OFF = re.compile(
    r"\b(?:drop(?:s|ped|ping)?|remov(?:e|es|ed|ing)|strik(?:e|es|ing)|struck|exclud(?:e|es|ed|ing)"
    # "weighing the removal of South Korea from its white list"
    r"|(?:removal|exclusion|delisting)\s+of)\s+(?:the\s+)?$"
)


def _struck_off(clause: Clause) -> Mention | None:
    for m in clause.actors:
        if (
            m.kind == "country"
            and _STRUCK_OFF.search(clause.low, max(0, m.start - 20), m.start)
            and clause.low.startswith(" from ", m.end)
        ):
            return m
    return None


def _destination(clause: Clause, trigger: re.Match[str]) -> Mention | None:
    """Where the controlled goods may not go: 'to China', 'Chinese buyers', 'China-bound' — in the statement
    of the control itself, not in what the story says it will do ("a step expected to curb sales to ...")."""
    aside = _ASIDE.search(clause.text, trigger.end())
    stepped: list[tuple[int, int]] = []
    while aside is not None and (closed := _CLOSED_APPOSITIVE.match(clause.text, aside.start())) is not None:
        # "banned exports of graphite, a key battery material, to the United States": the aside is closed and
        # the statement goes on after it (who the aside names is no destination: "chip tools, a blow to China,")
        stepped.append(closed.span())
        aside = _ASIDE.search(clause.text, closed.end())
    limit = aside.start() if aside else len(clause.text)
    for m in clause.actors:
        if m.start >= limit:
            break
        if any(a <= m.start < b for a, b in stepped):
            continue
        if _WHO_IS_HIT.search(clause.low, max(0, m.start - 16), m.start) and _WITH_AFTER.match(
            clause.low, m.end
        ):
            return m  # "The United States hit China with new export curbs": who is hit with them
        lead = clause.text[max(0, m.start - 30) : m.start]
        if (
            m.kind in ("country", "bloc", "capital")
            and _CONTROL_DESTINATION_LEAD.search(lead)
            and not _is_place(clause, m)
        ):
            return m
        # "The Commerce Department expanded the Entity List": a government's own body buys nothing; "chips made at
        # the company's Chinese plants": where the goods are made
        buyers = (
            _BUYER_NOUN.match(clause.text, m.end)
            if m.kind not in ("institution", "person")
            and not _MADE_AT.search(clause.low, max(0, m.start - 30), m.start)
            else None
        )
        if buyers is not None and _BOUND_BY_RULE.match(clause.low, buyers.end()):
            continue  # "requiring Taiwanese companies to obtain permission": those who export, not buyers
        if buyers is not None or clause.text[m.end : m.end + 6].lower() == "-bound":
            return m
    return None


_MADE_AT = re.compile(
    r"\b(?:made|produced|built|assembled|manufactured)\s+(?:at|in|by)\s+(?:[\w.'’-]+\s+){0,3}$"
)
_BOUND_BY_RULE = re.compile(
    r"\s+(?:(?:now|also|still|already)\s+)?"
    r"(?:(?:to|must|need to|needs to|will need to|have to|has to)\s+)?(?:obtain|seek|apply for|get|secure"
    r"|need|needs|will need)\s+(?:[\w-]+\s+){0,2}?(?:licen[cs]es?|permits?|permission|approval)\b"
)


_EXPORTERS_BOUND = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:exporters|suppliers|companies|firms|producers|manufacturers|makers|chipmakers)"
    r"\b[^.;]{0,80}?\b(?:must|need to|needs to|will need to|have to|has to|now need|now needs|are required to"
    r"|will be required to)\s+(?:[a-z]+\s+)?(?:obtain|seek|apply for|get|secure)\b"
)


# "More than 50 of the entities are in China, while others are based in the United Arab Emirates, South Africa
# and Taiwan": where the entities of the listing the item told are
_ENTITIES_IN = re.compile(
    r"\b(?:entities|companies|firms|organisations|organizations|additions|others|of them)\b[^.;]{0,60}?"
    r"\b(?:in|from|based in|located in|registered in)\s+(?:the\s+)?$"
)


_ABOUT_LISTING = re.compile(
    r"\b(?:entit(?:y|ies)|list(?:ed|ing)?|additions?|added|designat\w*|blacklist\w*|of them|subsidiaries)\b"
)


def listed_entities(clause: Clause, ctx: Context) -> list[ExportControl]:
    """The countries a sentence after an Entity List listing places its entities in, each a listing of its own."""
    # ("Most U.S. companies in China expect sales to fall" after a listing is about other companies)
    if ctx.last_lister is None or not _ABOUT_LISTING.search(clause.low):
        return []
    found: list[str] = []
    for m in clause.actors:
        if m.code in found or m.code == ctx.last_lister or m.kind == "person":
            continue
        if _ENTITIES_IN.search(clause.low, max(0, m.start - 90), m.start):
            found += [m.code, *_listed_after(clause, m)]
    evidence = ctx.quote(clause, 0.6)
    return [
        ExportControl(
            imposer=ctx.last_lister,
            target=code,
            item=None,
            control="entity_list",
            status="imposed",
            evidence=evidence,
        )
        for code in dict.fromkeys(found)
        if code not in (ctx.last_lister, "*")
    ]


def _bound_exporters(clause: Clause) -> Mention | None:
    """ "Japanese suppliers now need a licence for each shipment", "Japanese exporters of three materials must
    apply for individual licences": the exporters a rule binds are those of the government that set it."""
    for m in clause.actors:
        buyers = _BUYER_NOUN.match(clause.text, m.end)
        if buyers is not None and _BOUND_BY_RULE.match(clause.low, buyers.end()):
            return m
        if m.kind in ("demonym", "country") and _EXPORTERS_BOUND.match(clause.low, m.end):
            return m
    return None


def _company_country(clause: Clause) -> str | None:
    """Whose companies an Entity List listing names: 'adding Huawei Technologies to the Entity List'."""
    m = lex.COMPANIES.search(clause.low)
    return lex.COMPANY_COUNTRY[m.group().lower()] if m else None


_ASIDE = re.compile(r",\s+(?:a|an|which|as|while|but|in a|the)\b|;|\s[-–—]\s", _I)
_WITH_AFTER = re.compile(r"(?:'s)?\s+(?:[\w.-]+\s+){0,2}?with\b")
_CLOSED_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s+[^,;.]{1,40},\s+(?=(?:to|for)\s)", _I)
_CONTROL_LEAD = re.compile(
    r"\b(?:exports?|sales?|shipments?|supplies|deliveries|exporters|shipping|selling|exporting|supplying"
    # "exports to Japan of ...", "any sale to the state airline of ...": the recipient before the goods
    r"|sell|ship|export|supply|purchases?|buying)\s+(?:to\s+(?:the|a|an|any)\s+(?:[\w.-]+\s+){1,3}?(?=of\s)"
    r"|(?:to|into)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+)?"
    r"(?:of\s+)?(?:(?:the|its|their|all|some|most|certain)\s+(?!\d+\s|(?:two|three|four|five|six|seven|eight|nine"
    r"|ten|related|similar|such)\s))?"
    r"|\b(?:ban|curbs?|restrictions?|controls?|limits?|licen[cs](?:e|ing) (?:requirements?|regimes?)|embargo|halt"
    # "export licences for vaccines", "a quota of 1 million tonnes for sugar exports"
    r"|licen[cs]es|permits|authori[sz]ations?|quotas?(?:\s+of\s+[^.;]{1,40}?)?"
    # "the minimum export price of $550 a tonne on onions"
    r"|minimum\s+(?:export\s+)?prices?(?:\s+of\s+[^.;]{1,40}?)?)"
    r"\s+(?:on|for)"
    r"\s+(?:(?:the|its|their|all)\s+)?(?:(?:exports?|sales?|shipments?)\s+of\s+)?",
    _I,
)


# When a control applies: "from Aug. 1", "takes effect next month", "lifted in July" (the day of an
# announcement, "on Tuesday", is when it was said, not when it applies). "Until" names when a control or its
# pause ends, and "in" before a capital is mostly a place ("talks in Seoul last month").
_CONTROL_DATE_CUE = re.compile(
    # "From Tuesday, exporters need ...": a cue that opens the sentence is capitalised
    r"\b(?:[Ee]ffective|[Ff]rom|[Ss]tarting|take effect|takes effect|took effect|in effect|[Ss]ince|through"
    # "Japan's licence requirement ... comes into force on July 23"
    r"|(?:come|comes|came|coming|enter|enters|entered|entering) into (?:force|effect)|(?:kick|kicks|kicked) in)\s+"
    r"(?:(?:on|in|from)\s+)?(?:early |mid-?|late )?(?:[A-Z]|\d|next|this|last)"
    r"|\bin\s+(?:early |mid-?|late )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d|next|this|last)",
)


# "exports of two metals used in batteries", "its curbs on four key minerals": goods counted, not named
_COUNTED_SET = re.compile(
    r"(?:(?:the|its|their|these|those)\s+)?(?P<n>two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:[a-z-]+\s+)?[a-z-]{3,}s\b(?!\s+(?:of|such as|including|like)\b)"
)


def _counted_set(clause: Clause, trigger: re.Match[str]) -> int | None:
    """How many goods the control covers, when the sentence counts them instead of naming them."""
    for lead in clause.text_matches(_CONTROL_LEAD):
        if abs(lead.start() - trigger.start()) > 110:
            continue
        counted = _COUNTED_SET.match(clause.low, lead.end())
        if counted is not None:
            return NUMBER_WORDS[counted.group("n")]
    return None


# "the five metals", "three materials used in chips", "the metals": goods the item lists elsewhere, counted or
# named by their class.
_SET_REFERENCE = re.compile(
    r"(?:(?P<the>the|these|those|its|their)\s+)?(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?:[a-z-]+\s+)?(?:metals|minerals|materials|elements|chemicals|compounds|items)\b"
)
# One of the goods of a list: a few words, up to a word that goes on with the sentence.
_LISTED_GOOD = (
    r"[a-z][a-z-]*(?:\s+(?!(?:and|or|were|was|are|is|will|would|that|which|from|to|in|for|with|of|on|by|at"
    r"|as|the|a|an|[a-z]+ed|sold|made|built|grown|bought|sent|known|taken|go|goes|need|needs)\b)[a-z][a-z-]*){0,2}"
)
_LISTED = re.compile(
    rf"\b(?:of|on|in|covers?|covered|covering|including|includes?|such as|namely|like)\s+"
    rf"(?P<list>{_LISTED_GOOD}(?:,\s+{_LISTED_GOOD})*,?\s+(?:and|or)\s+{_LISTED_GOOD})(?=[\s,.;:)]|$)"
)
_DEFINITE_END = re.compile(r"\b(?:the|these|those|its|their)\s+$")
_LIST_SPLIT = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _set_named_elsewhere(clause: Clause, trigger: re.Match[str], ctx: Context) -> list[Product] | None:
    """The goods of a control that the sentence counts or names by their class: the list of as many goods the
    item gives nearest to the sentence; "the metals" are those of the set counted before."""
    for lead in clause.text_matches(_CONTROL_LEAD):
        if abs(lead.start() - trigger.start()) > 110:
            continue
        ref = _SET_REFERENCE.match(clause.low, lead.end())
        if ref is None:
            continue
        if ref.group("n") is None:
            # "exporters of the metals": the article may stand in the lead
            definite = ref.group("the") or _DEFINITE_END.search(clause.low, lead.start(), lead.end())
            return list(ctx.named_set) if definite and ctx.named_set else None
        # as written: a list of names ("in Europe, Asia and Africa") is no list of goods
        found = _listed_goods(ctx.item_text, NUMBER_WORDS[ref.group("n")], clause.offset)
        if found:
            ctx.named_set = found
        return found
    return None


def _listed_goods(text: str, n: int, near: int) -> list[Product] | None:
    best: tuple[int, list[Product]] | None = None
    for m in _LISTED.finditer(text):
        names = [p.strip() for p in _LIST_SPLIT.split(m.group("list"))]
        if len(names) != n or not all(_plausible_goods(name) for name in names):
            continue
        distance = abs(m.start() - near)
        if best is None or distance < best[0]:
            best = (distance, [Product(name=name) for name in names])
    return best[1] if best else None


# "China bans gallium, germanium exports": the goods listed between the verb and the exports
_GOODS_THEN_EXPORTS = re.compile(
    r"(?:ban(?:ned|s|ning)?|halt(?:ed|s|ing)?|suspend(?:ed|s|ing)?|restrict(?:ed|s|ing)?|curb(?:ed|s|ing)?"
    r"|block(?:ed|s|ing)?|prohibit(?:ed|s|ing)?)\s+(?P<goods>(?:[a-z][\w-]*(?:,\s+|\s+and\s+|\s+)){1,4}?)exports?\b"
)


def _control_items(clause: Clause, trigger: re.Match[str]) -> list[Product]:
    text = clause.text
    placed = _PUT_UNDER.search(clause.low) or _WIDENED_TO.search(clause.low)
    if placed is not None and placed.start() <= trigger.start() <= placed.end():
        # "put seven rare earths - samarium, ..., yttrium - under export licensing", "extended its licensing
        # regime to five more elements, including holmium and europium": the goods named, else the goods counted
        a, b = placed.span("goods") if placed.group("goods") is not None else placed.span("added")
        counted = _NAMED_AFTER_COUNT.search(clause.low, a, b)
        if counted is not None:
            a, b = counted.span("list") if counted.group("list") is not None else counted.span("list2")
        # (goods "added" to a regime are read only when counted and named: "added five rare earths - ... -")
        if counted is not None or placed.group("goods") is not None:
            found = _distinct_goods(p for x, y in _listed(text, a, b) for p in products_in(clause, x, y))
            if found:
                return found
    counted = _COUNT_INCLUDING.match(clause.low, trigger.end())
    if counted is not None:
        # "licences for seven medium and heavy rare earths, including samarium, ..., and dysprosium": the goods
        # named, not the set counted
        a, b = counted.span("list")
        found = _distinct_goods(p for x, y in _listed(text, a, b) for p in products_in(clause, x, y))
        if found:
            return found
    listed = _GOODS_THEN_EXPORTS.match(clause.low, trigger.start())
    if listed is not None:
        items = _listed(text, listed.start("goods"), listed.end("goods"))
        named = _distinct_goods(p for a, b in items for p in products_in(clause, a, b))
        if named:
            return named
    for lead in clause.text_matches(_CONTROL_LEAD):
        if abs(lead.start() - trigger.start()) > 110:
            continue
        covers, _end = _covers(clause, lead.end(), len(text))
        products = [p for _, p in covers if p is not None]
        if products:
            return list(dict.fromkeys(products))
    lexical = [
        text[m.start() : m.end()]
        for m in lex.PRODUCTS.finditer(clause.low)
        if not _COUNTED_BEFORE.search(clause.low, max(0, m.start() - 20), m.start())
    ]
    if lexical:
        return [Product(name=lexical[0])]
    # "the rare-earth export controls", "its chip export curbs": the goods named before the measure
    modifier = _GOODS_BEFORE.search(clause.low, max(0, trigger.start() - 30), trigger.end())
    if modifier is not None:
        goods = modifier.group("goods")
        if ("-" in goods and not goods.endswith(("ing", "ed"))) or lex.PRODUCTS.fullmatch(goods):
            return [Product(name=_NOUN_OF_ADJECTIVE.get(goods, goods))]
    return []


_PUT_UNDER = re.compile(
    r"\b(?:put|puts|putting|placed|places|placing|brought|brings|bringing)\s+(?P<goods>[^.;]{3,200}?)\s+under\s+"
    r"(?:the\s+|its\s+|an?\s+)?(?:export\s+)?(?:licens|licenc|control|restrict|curb)"
    # "added five rare earths - holmium, ..., ytterbium - to its export licensing regime"
    r"|\b(?:add|adds|added|adding)\s+(?P<added>[^.;]{3,200}?)\s+to\s+(?:the\s+|its\s+|their\s+)?(?:export\s+)?"
    r"(?:licens|licenc|control(?!\s+list)|restrict|curb)"
)
# The goods a list names run to the end of the statement: not into an aside after it ("including holmium and
# europium, a move that rattled markets").
_LIST_RUN = (
    r"(?:(?!,\s+(?:a|an|the|which|as|while|but|in|after|amid|citing|saying|adding|following|days?|weeks?|hours?)\s)"
    r"[^.;]){3,200}"
)
_WIDENED_TO = re.compile(
    r"\b(?:extend(?:s|ed|ing)?|expand(?:s|ed|ing)?|widen(?:s|ed|ing)?)\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:licensing|licensing regime|controls?|restrictions?|curbs?)\s+to\s+(?P<goods>{_LIST_RUN})"
)
# the goods a phrase names after counting them: "seven rare earths - samarium, ..., yttrium -", "five more
# elements, including holmium and europium"
# (right after the measure: not "banned exports of gallium, adding to existing curbs on five other minerals,
# including graphite")
_COUNT_INCLUDING = re.compile(
    r"\s+(?:for|on|of|to)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:more\s+)?(?!other\b)"
    r"(?:[a-z-]+\s+){0,3}?"
    r"(?:rare\s+earths|metals|minerals|elements|materials|items|products|goods|chemicals|types\s+of\s+[a-z-]+)"
    rf",?\s+including\s+(?P<list>{_LIST_RUN})"
)
_NAMED_AFTER_COUNT = re.compile(
    rf"\s[-–—]\s(?P<list>[^-–—]{{3,200}}?)\s[-–—](?:\s|$)|\bincluding\s+(?P<list2>{_LIST_RUN})"
)
_GOODS_BEFORE = re.compile(
    r"\b(?P<goods>[a-z]+-[a-z]+|[a-z]{3,})\s+export[\s-](?:controls?|curbs?|restrictions?|bans?|rules?|limits?)\b"
)


# --- truces -----------------------------------------------------------------------------------------------

# A cue right before the date (a few words may stand between a verb and its date: "expires on Aug. 12"),
# or the lead word of the date phrase itself ("for 90 days", "in 90 days").
_UNTIL_CUE = re.compile(
    r"(?:\b(?:until|till|through|expires?|expiring|expiry|ends?|ending|runs?|running|deadline|lapse[sd]?)\b"
    r"(?:\s+[\w.,]+){0,2}|\b(?:to|by|for|in|another|further|extended|extends?|extending))\s*$"
    r"|^(?:for|in|within|lasting|running|until|through)\b",
    _I,
)


_NAMED_END = re.compile(
    r"\b(?:until|till|through|expires?|expiring|ends?|ending|deadline of)\s*(?:(?:on|in|at)\s+)?$", _I
)

_TRUCE_ENDING = re.compile(r"\b(?:expired|lapsed|ran out|(?P<ended>collapsed|broke down))\b", _I)


def _statement_end(text: str, at: int) -> int:
    """Where the statement that goes on at `at` ends: the next comma, semicolon or full stop."""
    found = _BREAK.search(text, at)
    return found.start() if found else len(text)


_BREAK = re.compile(r"[,;]|\.(?:\s|$)")


_WON = re.compile(r"\b(?:won|wins|secured|secures)\s+(?:an?\s+)?$")


def _won_by_a_government(clause: Clause, at: int) -> bool:
    """ "Mexico won a 90-day reprieve": the subject right before the verb is a jurisdiction (not "Apple won",
    "Canadian automakers won")."""
    won = _WON.search(clause.low, max(0, at - 40), at)
    if won is None:
        return True
    return any(
        m.kind in ("country", "capital", "person", "institution") and 0 <= won.start() - m.end <= 2
        for m in clause.actors
    )


def truces(clause: Clause, ctx: Context) -> list[Truce]:
    trigger = lex.TRUCE.search(clause.low)
    if trigger is None:
        return []
    if trigger.group().startswith("cease") and not ctx.story_has(_TRADE_WORDS):
        return []  # "the ceasefire in Gaza", in a story that is not about trade: a truce of arms
    if trigger.group().endswith("reprieve") and not _won_by_a_government(clause, trigger.start()):
        return []  # "Apple won a reprieve from U.S. tariffs": an exemption for a company, no truce
    text = clause.text
    hit = _nearest(lex.TRUCE_STATUS, text, clause.low, trigger.span(), hits=clause.scan(lex.TRUCE_STATUS))
    status = hit[0] if hit else "agreed"
    if status == "agreed" and _truce_extended(clause.low, trigger.end()):
        # "The truce agreed in May was extended on Monday", "mirroring an extension of the trade truce": the
        # participle describes the truce, the extension is the news
        hit = None
        status = "extended"
    if hit and _negated(clause, hit[1].start()):
        if not (status == "extended" and _STILL_RUNS.match(clause.low, trigger.end())):
            return _denied(ctx)
        # "without announcing an extension of their truce, which expires on August 12": the truce stands
        hit, status = None, "agreed"
    if status == "extended" and hit and _hedged(clause, hit[1].start(), _statement_end(text, hit[1].end())):
        return []  # "the truce may well be prolonged", "an extension is one option": nothing is extended yet
    if status in ("agreed", "extended"):
        # "the truces the US agreed with Canada expired on Tuesday": the end is the news, not the clause
        # that names the truce.
        ending = _TRUCE_ENDING.search(text, trigger.end())
        if ending is not None and not _negated(clause, ending.start()):
            status = "ended" if ending.group("ended") else "expired"
    if re.search(r"\b(?:set|due|scheduled|is to|will|would)\s+(?:to\s+)?(?:expire|end|lapse)", text, _I):
        status = "agreed" if not hit or hit[0] in ("expired", "ended") else status
    parties = _parties(clause, ctx)
    if len(parties) < 2:
        return []
    until = _until(clause, ctx, status)
    evidence = ctx.quote(clause, _confidence(clause, 0.8 if hit else 0.5))
    return [
        Truce(parties=pair, status=status, until=until, evidence=evidence) for pair in _pairs(clause, parties)
    ]


def _truce_extended(low: str, after: int) -> bool:
    """ "The truce agreed in May was extended", "mirroring an extension of the trade truce": the extension is the
    truce's when it stands in the truce's own statement (not "agreed a truce, and the suspension of port fees was
    extended")."""
    own = _ANOTHER_STATEMENT.search(low, after)
    found = _TRUCE_EXTENDED.search(low)
    return found is not None and (own is None or found.start() < own.start())


_ANOTHER_STATEMENT = re.compile(r";|,\s+(?:and|but|while)\s+(?!which\b)|\b(?:under which|whereby)\b")
_TRUCE_EXTENDED = re.compile(
    r"\b(?:was|were|will be|would be|has been|have been|had been|is being|to be)\s+(?:formally\s+|again\s+)?"
    r"(?:extended|prolonged|renewed)\b"
    r"|\b(?:an?|the|its|their)\s+extension\s+of\s+(?:the|its|their|a)\s+(?:[\w-]+\s+){0,2}?(?:truce|ceasefire)\b"
)
_STILL_RUNS = re.compile(r"[^.;]{0,20}?\bwhich (?:expires|ends|runs out|lapses|runs until)\b")
_TRADE_WORDS = re.compile(r"\b(?:trade|tariffs?|duties|levies|exports?|imports?|economic|commerce)\b")


def _until(clause: Clause, ctx: Context, status: str = "agreed") -> DateSpan | None:
    dates = _measure_dates(clause)
    durations = [
        d
        for d in dates
        if re.search(r"\d|days|weeks|months", d.span.text)
        and d.span.text[:1].isalpha()
        and re.search(r"day|week|month|year", d.span.text, _I)
        and not re.match(r"(?:this|next|last)\s", d.span.text, _I)
    ]
    # A named end ("runs until Aug. 12") says more than a length ("a 90-day truce") met before it.
    for d in dates:
        lead = clause.text[max(0, d.start - 25) : d.start]
        if d not in durations and _NAMED_END.search(lead) and not _replaced_end(clause, d, lead):
            return d.span
    if status in ("expired", "ended"):
        # "expired on Tuesday", "collapsed on Friday": the day it ended is its end.
        for d in dates:
            if _ENDED_ON.search(clause.low, max(0, d.start - 30), d.start):
                return d.span
        # "said on Thursday he would raise tariffs, abruptly ending a truce": the day of the act that ends it,
        # the day it was said
        ending = _ENDING_BY.search(clause.low)
        if ending is not None:
            for d in reversed(clause.dates):
                if d.end <= ending.start() and _DAY_WORD.match(d.span.text):
                    return d.span
    term = _term_from_start(clause)
    if term is not None:
        return term
    if status == "agreed":
        lasting = _lasting_from_the_day(clause, dates, ctx.published)
        if lasting is not None:
            return lasting[0]
    for d in dates:
        lead = clause.text[max(0, d.start - 25) : d.start]
        if d not in durations and (
            re.search(r"\b(?:since|last|was agreed|agreed|reached)\s*$", lead, _I)
            # "extend the truce beyond the March 1 deadline": the old end, passed, and no new one
            or re.search(r"\b(?:beyond|past)\s+(?:the\s+|its\s+|their\s+)?$", lead, _I)
            # "extend their truce, due to expire on Nov. 10, until November next year": the old end, when a new
            # one follows
            or _replaced_end(clause, d, lead)
            or re.match(r"(?:on|since|last)\s", d.span.text, _I)
            # "ends a truce that Trump and Xi struck over dinner in Buenos Aires in December"
            or (
                _AGREED_BEFORE.search(clause.low, max(0, d.start - 60), d.start)
                and not _NEW_END_CUE.match(d.span.text)
                and not _NEW_END_CUE.search(lead)
            )
        ):
            continue  # when it was agreed, not when it ends
        if re.match(r"in\s", d.span.text, _I) and re.search(r"\bextend(?:s|ed)?\s*$", lead, _I):
            continue  # "was extended in August": when it was extended, not until when
        if _UNTIL_CUE.search(lead) or _UNTIL_CUE.match(d.span.text):
            return _anchored_duration(clause, d) or d.span
    return None


# "a 90-day truce", "a 30-day pause": how long the truce agreed lasts
_DAYS_LONG = re.compile(
    r"\s+(?:(?:tariff|trade)\s+)?(?:truce|pause|reprieve|ceasefire|cease-fire|standstill|suspension)\b"
)


def _lasting_from_the_day(
    clause: Clause, dates: list[DateMention], published: date | None
) -> tuple[DateSpan | None] | None:
    """ "agreed on Saturday to a 90-day truce", "a two-week pause": its last day counted from the day it was
    agreed, or from the story's day when the sentence does not say when; (None,) when it names a time of the
    agreement that is no day ("agreed in May to a 90-day truce"); None when the sentence names no truce of some
    days or weeks (a truce of months or years is left to the dates the item gives)."""
    term = _TRUCE_LENGTH.search(clause.low)
    if term is None:
        return None
    inside = [o for o in dates if term.start() <= o.start < term.end()]
    others = [o for o in dates if o not in inside]
    when = (
        next((o.span for o in others if _when_agreed(clause, o)), None)
        or next(
            (
                o.span
                for o in others
                if o.span.granularity.value == "day"
                # a day said with the truce, no comma between: not "..., and negotiators will meet on June 5"
                and not re.search(r"[,;]", clause.low[min(o.end, term.end()) : max(o.start, term.start())])
            ),
            None,
        )
    )
    if when is not None and when.granularity.value != "day":
        return (None,)
    start = when.start if when is not None else published
    n = term.group("n")
    count = int(n) if n.isdigit() else NUMBER_WORDS[n]
    if start is None:
        return (inside[0].span,) if inside else None
    unit = term.group("unit")
    end = start + timedelta(days=days_of(count, unit))
    return (DateSpan.day(end, clause.text[term.start() : term.start("unit") + len(unit)]),)


# "a 90-day truce", "a two-week pause": how long the truce agreed lasts
_TRUCE_LENGTH = re.compile(
    r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)-(?P<unit>day|week)"
    r"\s+(?:(?:tariff|trade)\s+)?(?:truce|pause|reprieve|ceasefire|cease-fire|standstill|suspension)\b"
)


def _when_agreed(clause: Clause, d: DateMention) -> bool:
    """Whether `d` says when the truce was agreed or began: "agreed on Saturday to ...", "agreed to ... on May
    12", "On Saturday, the two leaders agreed", "which took effect on May 14" (not "..., and negotiators will meet
    again on June 5")."""
    if re.search(r"\bagree(?:d|s)?\b[^,;]{0,80}$", clause.low[max(0, d.start - 90) : d.start]):
        return True
    # "a 90-day truce that took effect on May 14", "... from Wednesday": when it began
    if re.search(
        r"\b(?:from|starting|beginning|effective|took effect|takes effect|began|begins|started|starts)\s+(?:on\s+)?$",
        clause.low[max(0, d.start - 30) : d.start],
    ):
        return True
    # "On May 12, the United States and China agreed ...", "Late on Monday, ... agreed"
    return (
        "," not in clause.low[: d.start]
        and re.match(r"[^;]{0,100}?\bagree(?:d|s)?\b", clause.low[d.end :]) is not None
    )


def _replaced_end(clause: Clause, d: DateMention, lead: str) -> bool:
    """ "extend their truce, due to expire on Nov. 10, until November next year": the old end, a new one after."""
    return _OLD_END.search(lead) is not None and clause.once("last_new_end", _last_new_end) > d.end


def _last_new_end(clause: Clause) -> int:
    """Where the sentence's last date with a cue of a new end ("until ...") starts; -1 if none (found once per
    sentence: a sentence may hold thousands of dates)."""
    return max(
        (
            o.start
            for o in clause.dates
            if _NEW_END_CUE.match(o.span.text)
            or _NEW_END_CUE.search(clause.text[max(0, o.start - 25) : o.start])
        ),
        default=-1,
    )


# A new end named after the old one: "until November next year" (not "agreed in Geneva in May")
_NEW_END_CUE = re.compile(
    r"\b(?:until|till|through|to|into)\s*$|^(?:until|till|through)\b"
    # "..., due to expire on Aug. 12, for another 90 days": a term added
    r"|^(?:for|by)\s+(?:another|a further|further|an extra|an additional)\b",
    _I,
)


_OLD_END = re.compile(
    r"\b(?:due|set|scheduled|slated)\s+to\s+(?:expire|end|lapse|run out)\s+(?:on\s+|in\s+)?$", _I
)
_AGREED_BEFORE = re.compile(
    r"\b(?:struck|agreed|reached|sealed|signed|brokered|hammered out)\b(?![^,;]{0,45}\b(?:to|for)\s)[^,;]{0,45}$"
)
_ENDING_BY = re.compile(r",\s+(?:\w+ly\s+)?(?:ending|breaking|wrecking|shattering)\s+(?:a|the|its|their)\s")
_ENDED_ON = re.compile(r"\b(?:expired|lapsed|ran out|ended|collapsed|broke down)\s+(?:\w+\s+){0,2}$")


# "a 90-day truce starting May 14", "a one-year truce took effect on Monday": a term and the day it starts
_TERM = re.compile(
    r"\b(?P<n>\d{1,3}|one|two|three|six)-(?P<unit>day|week|month|year)\s+(?:[\w-]+\s+){0,2}?(?:truce|pause"
    r"|ceasefire|cease-fire|suspension)\b"
)
_OLD_RATE_START = re.compile(
    r"\bto\s+(?:impose|apply|charge|levy|take effect|start|begin|kick in)\s+(?:on\s+)?(?:from|starting|beginning)\s+$"
)
_TERM_START = re.compile(
    r"\b(?:starting|from|beginning|begins|began|took effect|takes effect|effective|as of)\s+(?:on\s+)?$"
)


def _term_from_start(clause: Clause) -> DateSpan | None:
    term = _TERM.search(clause.low)
    if term is None:
        return None
    n = int(term.group("n")) if term.group("n").isdigit() else NUMBER_WORDS[term.group("n")]
    for d in clause.dates:
        if (
            d.start > term.end()
            and d.span.granularity.value == "day"
            and _TERM_START.search(clause.low, max(0, d.start - 20), d.start)
        ):
            start = d.span.start
            unit = term.group("unit")
            if unit == "year":
                try:
                    end = start.replace(year=start.year + n)
                except ValueError:  # 29 February
                    end = start.replace(year=start.year + n, day=28)
            else:
                end = start + timedelta(days=days_of(n, unit))
            return DateSpan.day(end, clause.text[term.start() : d.end])
    return None


def _anchored_duration(clause: Clause, d: DateMention) -> DateSpan | None:
    """'for 90 days from Dec. 1': the duration counts from the stated start."""
    m = re.match(r"\D*?(\d{1,3})\s+(day|week|month)", d.span.text, _I)
    if m is None:
        return None
    for other in clause.dates:
        if other.start > d.end and re.search(
            r"\b(?:from|starting|beginning|as of)\s*$", clause.text[d.end : other.start], _I
        ):
            days = days_of(int(m.group(1)), m.group(2))
            end = other.span.start + timedelta(days=days)
            return DateSpan.day(end, clause.text[d.start : other.end])
    return None


_LOCATIVE = re.compile(
    r"\b(?:in|at|to|from|visit(?:s|ed|ing)?|arriv(?:e|es|ed|ing) in|held in|hosted in|travel(?:s|led|ed)? to"
    r"|trip to|talks in|meeting in|(?:left|leaves|leaving|depart(?:s|ed|ing)?|flew|flies"
    r"|flying|set off|sets off|setting off) for)\s+(?:the\s+)?$",
    _I,
)


_COUNTRY_AS_PLACE = re.compile(
    r"\b(?:travel(?:s|led|ed|ling|ing)? to|trip to|visit(?:s|ed|ing)?|arriv(?:e|es|ed|ing) in|held in|hosted in"
    r"|residence of|summit in|talks in|meeting in|meetings in|sessions in|sidelines in|flew to|fly to|headed to"
    r"|heads to|(?:left|leaves|leaving|depart(?:s|ed|ing)?|flew|flies|flying) for)\s+"
    r"(?:the\s+)?$",
)


_PLACE_LIST = re.compile(r"\bin\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:,\s*[A-Z][\w'’-]+)*,?\s+and\s+$")


def _is_place(clause: Clause, mention: Mention, *, meeting: bool = False) -> bool:
    """'talks in London', 'visits Washington', 'travel to Spain', 'sessions in Geneva and London': named as
    where things happen. In a sentence about a meeting, 'in Switzerland' is a place too."""
    lead = clause.text[max(0, mention.start - 40) : mention.start]
    if mention.kind in ("capital", "country") and _ATTRIBUTIVE.match(clause.low, mention.end):
        return True  # "The Stockholm meeting", "a strategist at a Singapore bank": a place, not a party
    if (
        mention.kind == "capital"
        and _AFTER_PLACES.search(lead)
        and _PLACES_END.match(clause.text, mention.end)
        and clause.once("rounds", _names_rounds)
    ):
        # "the third round since the truce, after Geneva and London": where earlier rounds met (not "after Beijing
        # and Washington agreed", where the capitals act)
        return True
    if mention.kind in ("capital", "institution"):
        return bool(_LOCATIVE.search(lead[-25:]) or _PLACE_LIST.search(lead))
    if mention.kind == "demonym":
        # "met at the French embassy": a building of the host, not a party; "talks in the Swiss city", "in the
        # South Korean city of Busan": a place
        return bool(_AT_THE.search(lead)) or _PLACE_NOUN.match(clause.low, mention.end) is not None
    if mention.kind != "country":
        return False
    low = clause.low[max(0, mention.start - 25) : mention.start]  # the last 25 characters of `lead`
    if _COUNTRY_AS_PLACE.search(low) or (meeting and _IN_REGION.search(lead)):
        return True
    # "at their talks in Busan, South Korea": the country of a city named as a place; not "from Canada,
    # Mexico", a list of jurisdictions
    city = _CITY_COMMA.search(lead)
    return city is not None and not any(
        m.end == mention.start - len(lead) + city.end("city") for m in clause.actors if m is not mention
    )


_PLACES_END = re.compile(r"(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w'’.-]+)*\s*(?:[.;,)]|$)")


def _names_rounds(clause: Clause) -> bool:
    return _ROUNDS.search(clause.low) is not None


_AFTER_PLACES = re.compile(r"\b(?:after|following|since)\s+(?:[A-Z][\w'’.-]+(?:,\s+|\s+and\s+))*$")
_ROUNDS = re.compile(r"\b(?:rounds?|meetings?|talks|sessions?|summits?)\b")
_ATTRIBUTIVE = re.compile(
    r"\s+(?:meeting|talks|round|summit|session|sessions|conference|consensus|bank|firm|brokerage|fund|consultancy"
    r"|think tank|university|newspaper|lender|office|airport)\b"
)
_CITY_COMMA = re.compile(r"\b(?:in|at)\s+(?P<city>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}),\s+$")


_AT_THE = re.compile(r"\bat\s+the\s+$")
_PLACE_NOUN = re.compile(r"\s+(?:city|capital|port|resort|town|coast|border town|island)\b")


# "in Switzerland", "troops in northern Iraq": a region of a country is where something happens.
_IN_REGION = re.compile(
    r"\bin\s+(?:the\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|northern|southern"
    r"|eastern|western|central)\s+)?$"
)


def acting_codes(clause: Clause) -> list[str]:
    """The jurisdictions a sentence names as acting or acted upon, places left out."""
    return [m.code for m in clause.actors if not _is_place(clause, m)]


# "a bilateral trade agreement", "the two sides": the other party is the story's own
_BOTH_SIDES = re.compile(
    r"\b(?:bilateral|the two (?:sides|countries|governments)|both (?:sides|countries))\b"
)
# ", as the three producers brace for new duties": a clause of background after the statement
_AS_BACKGROUND = re.compile(
    r",\s+as\s+(?!well\b|part\b|of\b|expected\b|planned\b|agreed\b)"
    # "suspended trade talks with Israel on Tuesday, in retaliation for U.S. sanctions": a clause of cause or
    # of setting names no party to the talks
    r"|,\s+(?:in\s+(?:retaliation|response|reply)\s+(?:for|to)|citing|amid|in protest (?:at|against|over))\s"
)


# Trade blocs that negotiate for their members, who are the parties of the deal ("the EU and Mercosur signed").
_BLOC_MEMBERS = (
    (re.compile(r"\bmercosur\b"), ("AR", "BR", "PY", "UY")),
    (re.compile(r"\befta\b|\beuropean free trade association\b"), ("CH", "IS", "LI", "NO")),
    (re.compile(r"\bgulf cooperation council\b|\bgcc\b"), ("AE", "BH", "KW", "OM", "QA", "SA")),
)


_TOPIC_BEFORE = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|talked about|talk about|touched on)\s+(?:[\w-]+(?:,\s+|\s+and\s+|\s+))*$"
)
_OF_GOODS = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:oil|gas|crude|coal|energy|goods|products|imports|exports|purchases|shipments|steel"
    r"|grain|wheat|soybeans|cars|chips)\b"
)


def _parties(clause: Clause, ctx: Context) -> list[str]:
    acting = _distinct(
        m.code
        for m in clause.actors
        if not _is_place(clause, m, meeting=True)
        # "the tariff it imposed over Russian oil purchases": a demonym of goods names no party to talks
        and not (m.kind == "demonym" and _OF_GOODS.match(clause.low, m.end))
        # "the two leaders discussed trade, Ukraine and Taiwan": topics, not parties
        and not _TOPIC_BEFORE.search(clause.low, max(0, m.start - 60), m.start)
    )
    for bloc, members in _BLOC_MEMBERS:
        if bloc.search(clause.low):
            acting = _distinct([*acting, *members])
    background = _AS_BACKGROUND.search(clause.text) if len(acting) > 2 else None
    if background is not None:
        before = _distinct(
            m.code
            for m in clause.actors
            if m.start < background.start() and not _is_place(clause, m, meeting=True)
        )
        for bloc, members in _BLOC_MEMBERS:
            if bloc.search(clause.low, 0, background.start()):
                before = _distinct([*before, *members])
        acting = before if len(before) >= 2 else acting
    places = _distinct(m.code for m in clause.actors if _is_place(clause, m, meeting=True))
    parties = acting
    # "He will meet the minister in Paris": the pronoun's person is a party; the meeting's place is not, unless
    # the story names no one else.
    person = [ctx.last_person] if ctx.last_person and _PERSON_PRONOUN.match(clause.text) else []
    # "The truce runs until March 1": a measure between parties the sentence does not name is between the
    # item's main ones, not whoever the sentence before happened to mention
    # ("negotiators will meet to finalise a bilateral pact": the story's other party too)
    pair_named = not parties or (len(parties) == 1 and _BOTH_SIDES.search(clause.low) is not None)
    nearby = (
        [*ctx.main_actors[:2], *ctx.recent] if pair_named and not person else [*ctx.recent, *ctx.main_actors]
    )
    for code in [*person, *nearby, *places]:
        if len(parties) >= 2:
            break
        if code not in parties and code != "*":
            parties.append(code)
    return parties


def _pairs(clause: Clause, parties: list[str]) -> list[list[str]]:
    """A sentence naming three or more jurisdictions usually states one bilateral measure per partner of
    its subject ("the US reached truces with Canada and Mexico"), unless it says the deal is joint."""
    if len(parties) < 3 or re.search(
        r"\b(?:trilateral|three-way|multilateral|among|all three|joint|bloc (?:of|comprising|made up of)"
        r"|(?:bloc|group|grouping)'s members"
        # "the EU and the Mercosur countries Brazil, Argentina, ... signed their agreement": one deal of them all
        r"|mercosur|asean|efta|cptpp|rcep|gcc|gulf cooperation council"
        r"|(?:signed|sealed|concluded|reached|struck|initiall?ed|ratified) their)\b",
        clause.text,
        _I,
    ):
        return [parties]
    # "Mexico and Canada each secured a truce with the United States": the one named after "with" is the hub;
    # otherwise the subject ("the US reached truces with Canada and Mexico").
    partner = re.search(r"\bwith\s+(?:the\s+)?", clause.text)
    after_with = next((m for m in clause.actors if partner and m.start == partner.end()), None)
    following = [m for m in clause.actors if partner and m.start > partner.end()]
    if after_with is not None and not (
        following and _LIST_GAP.fullmatch(clause.text[after_with.end : following[0].start])
    ):
        hub = after_with.code
    else:
        subject = _subject(clause, len(clause.text))
        hub = subject.code if subject is not None and subject.code in parties else parties[0]
    return [[hub, other] for other in parties if other != hub]


# --- negotiations -----------------------------------------------------------------------------------------

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_ROUND = re.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\d{1,2}(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,2}?(?:round|meeting|session|set of talks|face-to-face meeting)s?\b"
    r"|\bround\s+(?P<num>\d{1,2})\b",
)
_NAME_AFTER_TITLE = re.compile(
    r"\b(?:Vice Premier|Premier|President|Prime Minister|Secretary|Representative|Minister|Commissioner"
    r"|negotiator|representative|envoy|Ambassador|Chancellor|Senator|Director|Chair|chief|counterpart"
    r"|Governor|Deputy|Vice Minister|secretary|minister|commissioner|ambassador|adviser|advisor)\s+"
    r"(?P<name>(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|de|von|der|van|da|dos)){1,3})"
)
_VENUE = re.compile(
    r"\b(?:in|at|to|visits?|visited|visiting|arrived in|arrives in|hosted in|(?:planned|scheduled|set|slated) for)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:in\s+)?(?P<city>(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})",
)
# "countries that strike deals with ...", "any nation that signs a trade pact with ...": whoever does, no one
_ANY_WHO = re.compile(
    r"\b(?:countries|nations|partners|economies|governments|others|any (?:country|nation|partner|government))\s+"
    r"(?:that|which|who)\s+(?:[\w-]+\s+){0,2}?$"
)
_ONE_OF = re.compile(r"\b(?:among|one of)\b[^.;,]{0,30}$")
_PAUSED_RISE = re.compile(
    r"\b(?:paus|suspend|freez|delay|postpon|halt|shelv)(?:e|es|ed|ing|s)?\s+(?:the\s+|their\s+|its\s+|planned\s+)*"
    r"(?:[\w-]+\s+){0,2}?(?:hikes?|increases?|rises?)$"
)
_NEGOTIATORS_MET = re.compile(r"\bnegotiators\s+(?:have\s+|had\s+|will\s+|are\s+due\s+to\s+)?(?:met|meet)\b")
_AVERAGE_RATE = re.compile(r"\b(?:effective|average|overall)\s+(?:[\w.]+\s+){0,2}?tariff\s+rate\b")
_NEGOTIATION_NOISE = re.compile(
    r"\b(?:talks? (?:with|to) (?:reporters|investors|analysts|journalists|shareholders)|said in talks"
    r"|room for (?:talks|negotiations|dialogue)|open to (?:dialogue|talks|negotiations)|door (?:remained|remains|is)"
    r" open|round of (?:controls|tariffs|sanctions|cuts|measures|restrictions|curbs|duties|layoffs)"
    r"|earnings|conference call|meeting (?:with|of) (?:shareholders|investors|analysts)|board meeting"
    # "betting that many of the rates would be negotiated down": what talks might yield, no talks
    # (not "held talks and negotiated down the rate": talks that did take place)
    r"|(?:be|been|being) negotiated (?:down|lower|away))\b",
)
# "suspended for 90 days to allow negotiations": talks as the purpose of another step, none held
_TALKS_AS_PURPOSE = re.compile(
    r"\b(?:to|and) (?:allow|permit|make room for|leave room for|give time for|leave time for|buy time for"
    r"|clear the way for|pave the way for) (?:[\w-]+ ){0,2}?$"
)
_OTHER_PURPOSE = re.compile(
    r"\bto\s+discuss\s+(?!trade|tariffs?|dut(?:y|ies)|the\s+(?:trade|tariffs?))|\b(?:security|peace|war|ceasefire"
    r"|defen[cs]e|military|nuclear|hostages?|migration)\b"
)
_TRADE_CONTEXT = re.compile(
    r"\b(?:trade|tariffs?|negotiat|talks|deal|agreement|pact|round|economic|commerce|delegation|truce"
    r"|counterpart|framework)\b",
)


_CALLED_OFF = re.compile(
    r"\b(?:has|have|had) been (?:postponed|suspended|called off|cancell?ed|delayed|put on hold)\b"
    # "A visit by U.S. trade negotiators planned for this week was called off"
    r"|\b(?:talks|negotiations|visit|trip|meeting|round|summit)\b(?:[^.;]|(?<=\b[a-z])\.|\.(?=\s+\d)){0,120}?"
    r"\b(?:was|were)"
    r" (?:called off|cancell?ed|scrapped)\b"
    r"|\b(?:talks|negotiations) (?:were|are) (?:off|postponed|suspended|called off|cancell?ed)\b"
)
_THERE = re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|will|would|has|have|had)\b)")
_OFFICIALS = re.compile(r"\b(?:officials|ministers|negotiators|delegations|envoys|representatives)\b")
_TALKS_GO_ON = re.compile(
    r"\b(?:while|as|until|pending)\s+(?:the\s+)?(?:trade\s+)?(?:talks|negotiations)\s+(?:continue|go on|proceed"
    r"|progress|are under way|are ongoing)\b"
)
# "during talks", "amid negotiations": talks named as the time of something else
_TIME_OF_TALKS = re.compile(r"\b(?:during|amid|throughout|ahead of)\s+(?:the\s+|their\s+|trade\s+)*$")
_SUBJECT_ASIDE = re.compile(r",\s[^,;()]{3,160},\s")
_NEGOTIATORS_MEET = re.compile(
    r"\b(?:trade\s+)?(?:negotiators|delegations)\s+(?:will|would|are to|are due to|plan to|agreed to)\s+"
    r"(?:meet|hold talks|sit down)\b"
)
_WITH_PARTNER = re.compile(r"\s+(?:with|between)\s")
_MEETING_TO_COME = re.compile(r"\b(?:will|would|to|are to|is to|set to|plan to|plans to)\s+meet\b")
_A_CALL = re.compile(r"call$|^spok")


# "Vietnam, which signed a free trade agreement with the EU in 2019": a signing recalled
_SIGNED_BEFORE = re.compile(r"\b(?:which|that|who|after|since|when)\s+(?:had\s+|has\s+|have\s+)?$")
_LEADER_OF = re.compile(r"(?:'s|’s)\s+(?:president|prime minister|premier|leader|chancellor)\b")
_NAMED_AFTER_WITH = re.compile(
    r"\s+(?:with|to)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*(?:'s)?\s+){0,4}?(?:[A-Z][\w.'’-]*|(?:president|prime minister"
    r"|premier|leader|counterpart))"
)
_NAME_AFTER = re.compile(r"(?:\s+[A-Z][\w.'’-]*){1,4}")


def _a_call_abroad(clause: Clause, trigger: re.Match[str]) -> bool:
    """Whether "spoke (by phone) with/to ..." names a leader or official of another jurisdiction than the
    speaker's ("Carney spoke with President Donald Trump", "Modi spoke with Trump"), or two leaders spoke ("Trump
    and Xi spoke by phone")."""
    speaker = first_actor(clause, 0, trigger.start(), ())
    if not clause.low.startswith((" with ", " to "), trigger.end()):
        return speaker is not None and any(
            m.code != speaker.code for m in clause.actors if speaker.end <= m.start < trigger.start()
        )
    return _someone_abroad(clause, trigger.end(), speaker)


def _met_leader_abroad(clause: Clause, trigger: re.Match[str]) -> bool:
    """ "after meeting Chinese President Xi Jinping": a leader of another jurisdiction than the one who met."""
    met = _MET_LEADER.match(clause.text, trigger.start())
    if met is None:
        return False
    named = _NAME_AFTER.match(clause.text, met.end())
    end = named.end() if named else met.end()
    return _of_another_side(clause, trigger.end(), end, first_actor(clause, 0, trigger.start(), ()))


def _someone_abroad(clause: Clause, after: int, speaker: Mention | None) -> bool:
    """Whether the one named right after `after` ("with President Donald Trump", "with China's president", "with
    Xi Jinping", "with his counterpart He Lifeng") is of another jurisdiction than `speaker`."""
    leader = _WITH_LEADER.match(clause.text, after)
    if leader is not None and leader.group().rstrip().endswith(("counterpart", "counterparts")):
        return True  # a counterpart is of another jurisdiction by itself
    if clause.low.startswith(" between ", after):
        # "a meeting between Presidents Donald Trump and Xi Jinping": two sides named
        return len({m.code for m in clause.actors if after <= m.start < after + 90 and m.code != "*"}) >= 2
    if leader is None:
        # with no title, a leader by name ("with Trump", "with Xi Jinping") or a country's leader ("with China's
        # president"), not "with Canadian reporters", "with U.S. investors", "to the European Parliament"
        named = _NAMED_AFTER_WITH.match(clause.text, after)
        return named is not None and any(
            (speaker is None or m.code != speaker.code)
            and (m.kind == "person" or _LEADER_OF.match(clause.low, m.end))
            for m in clause.actors
            if after <= m.start < named.end()
        )
    # the one spoken to: a title and the name after it ("U.S. Trade Representative Jamieson Greer")
    named = _NAME_AFTER.match(clause.text, leader.end())
    return _of_another_side(clause, after, named.end() if named else leader.end(), speaker)


def _pressed_abroad(clause: Clause, verb_at: int, end: int) -> bool:
    """ "EU trade chief Maros Sefcovic urged Chinese Commerce Minister Wang Wentao ...": a government's person who
    presses a minister of another jurisdiction (not "Canadian steelmakers urged Prime Minister Mark Carney", "Ford
    Chief Executive Jim Farley urged Commerce Secretary Howard Lutnick")."""
    speaker = next((m for m in reversed(clause.actors) if m.end <= verb_at and verb_at - m.end <= 60), None)
    if speaker is None or speaker.kind == "demonym":
        return False
    return _of_another_side(clause, verb_at, end, speaker)


def _of_another_side(clause: Clause, start: int, end: int, speaker: Mention | None) -> bool:
    """Whether `clause.text[start:end]` names a jurisdiction other than the speaker's."""
    return any(
        m.code != "*" and (speaker is None or m.code != speaker.code)
        for m in clause.actors
        if start <= m.start < end
    )


_MET_LEADER = re.compile(
    r"(?:met|meet|meets|meeting)\s+(?:with\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}?(?:President|Prime Minister|Premier"
    r"|Chancellor|Vice Premier|Minister|Secretary)\b"
)
_WITH_LEADER = re.compile(
    r"[\"”]?\s+(?:with|between|to)\s+(?:(?:the|his|her|their)\s+)?(?:(?:the\s+)?[A-Z][\w.'’-]*\s+){0,3}?"
    r"(?:President|Prime Minister|Premier|Chancellor"
    r"|leader|Vice Premier|Minister|Secretary|counterpart|Representative|Commissioner)s?\b"
)
_LEADER_ON_THE_LINE = re.compile(
    r"\b(?:urged|pressed|asked|told|called on|warned|assured|thanked|congratulated)\s+(?:[A-Z][\w.'’-]*\s+){0,3}?"
    r"(?:President|Prime Minister|Premier|Chancellor|Vice Premier|Minister|Secretary|Representative|Commissioner)"
    r"\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:in|during|on)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+)?$"
)
_AFTER_TALKS = re.compile(r"\b(?:after|following)\s+(?:the\s+|their\s+|a\s+|an\s+|his\s+|her\s+)?$")
_FAILED = re.compile(r"\b(?:failed|fail|fails|unable) to\s+$")
# (not "wrapped up the final round of talks": the final one ends them; "the last round" is the latest one)
_A_ROUND = re.compile(r"\s*(?:(?:the|a|an|its|their)\s+)?(?!final\b)(?:[\w-]+\s+)?round\b")
_WITHOUT_DEAL = re.compile(r"\bwithout (?:a |an |any )?(?:[\w-]+ )?(?:deal|agreement|accord|breakthrough)\b")
# A deal hoped for or denied concludes nothing: "hope to sign a pact soon", "no deal was struck".
_UNREALISED = re.compile(
    # "hopes to strike a deal" (a deal "the first country to strike" is read with its verb: `_FIRST_TO`)
    r"\bto\s+$"
    r"|\bno\s+(?:[\w-]+\s+)?(?:(?:deal|agreement|accord|pact|breakthrough)\s+(?:was|were|has been|had been|is)\s+)?$"
)


# "would keep its countermeasures suspended to allow time for talks": the verb is the measure's, not the talks'.
_MEASURE_NEXT_TO = re.compile(
    r"\b(?:tariffs?|duties|levies|countermeasures|curbs|controls|sanctions|restrictions)\s+(?:[\w-]+\s+)?$"
)
_MEASURE_AFTER = re.compile(
    r"\s+(?:(?:its|their|the|all|some)\s+)?(?:[\w-]+\s+)?(?:tariffs?|duties|levies|countermeasures|curbs"
    # (not "suspended tariff talks": the talks are about the tariff)
    r"|controls|sanctions|restrictions)\b(?!\s+(?:talks|negotiations|discussions|consultations)\b)"
)


_CONCLUDING_TRIGGER = re.compile(r"(?:reach|strike|struck|sign|seal|clinch|conclude|finali[sz]e)")
# "became the first country to strike a deal" (not "hopes to become the first", "could be the first")
_FIRST_TO = re.compile(
    r"(?:\b(?:became|was|were|is|has become|had become)\s+|,\s+)the\s+first\s+(?:[\w-]+\s+){0,2}?to\s+$"
)


def _unrealised_deals(clause: Clause) -> frozenset[int]:
    """Where the cues of a conclusion stand that the sentence only hopes for or denies, and the cues of a
    suspension that speak of another measure."""
    low = clause.low
    out = []
    for rank, m in clause.scan(lex.NEGOTIATION_STATUS):
        status = lex.NEGOTIATION_STATUS[rank][0]
        if (
            status == "concluded"
            and _UNREALISED.search(low, max(0, m.start() - 40), m.start())
            and not _FAILED.search(low, max(0, m.start() - 12), m.start())
        ) or (
            status == "suspended"
            and (
                _MEASURE_NEXT_TO.search(low, max(0, m.start() - 30), m.start())
                or _MEASURE_AFTER.match(low, m.end())
            )
        ):
            out.append(m.start())
    return frozenset(out)


_DEAL_AS_CONDITION = re.compile(
    r"\b(?:unless|if|until|should|depending on)\s+(?:[\w'’-]+\s+){0,4}$"
    # "countries with which it has no trade agreement": an agreement that does not exist
    r"|\b(?:has|have|had|with|without)\s+no\s+(?:[\w-]+\s+){0,2}$"
)
# "will lower its tariff to 19% under a trade deal": a deal named as the ground of a measure, not talks
_A_DEAL_WITH = re.compile(
    r"(?:\s+(?:reached|struck|sealed|signed|agreed))?\s+with\b(?![^.;]*\b(?:took effect|signed|in force)\s+in\s+\d{4})"
)
# "under a possible trade agreement", "qualify under the free trade agreement with": no deal concluded now
_NO_DEAL_NOW = re.compile(
    r"\b(?:possible|proposed|potential|future|any|free|existing|current|planned|draft)\b"
)
_UNDER_DEAL = re.compile(
    r"\b(?:under|as part of|in line with)\s+(?:a|an|the|its|their|this|that)\s+(?:[\w-]+\s+){0,3}$"
)


_NO_BEFORE = re.compile(r"\bno $")
# "three rounds of talks between the two sides are planned for June": talks to come
_PLANNED_AFTER = re.compile(
    r"(?:\s+(?:between|among|with|of|on|over)\s+[^,;]{1,80}?)?\s+(?:are|is|were|was|have been|has been)\s+"
    r"(?:planned|scheduled|expected|set|slated|due|penciled|pencilled)\b"
)
_DAYS_OF_TALKS = re.compile(
    r"\b(?:two|three|four|five|several|\d+)[\s-](?:days?|rounds?|hours?) of (?:talks|negotiations|discussions)\b"
)


def negotiations(clause: Clause, ctx: Context) -> list[Negotiation]:
    # the first mention of talks that is no purpose of another step
    trigger = next(
        (
            t
            for t in lex.NEGOTIATION.finditer(clause.low)
            if not _TALKS_AS_PURPOSE.search(clause.low, max(0, t.start() - 40), t.start())
        ),
        None,
    )
    if trigger is None or _NEGOTIATION_NOISE.search(clause.low):
        return []
    anyone = _ANY_WHO.search(clause.low, max(0, trigger.start() - 40), trigger.start())
    if anyone is not None and not _ONE_OF.search(clause.low, max(0, anyone.start() - 40), anyone.start()):
        # "retaliate against countries that strike deals with the United States": deals of anyone (but "India is
        # among the countries that have held talks" names one)
        return []
    text = clause.text
    word = trigger.group().lower()
    if word.startswith("spok") and not _a_call_abroad(clause, trigger):
        return []  # "Trump spoke to reporters", "spoke with Commerce Secretary Howard Lutnick": no talks
    if word in ("pressed", "urged") and not _pressed_abroad(clause, trigger.start(), trigger.end() + 80):
        return []  # "Canadian steelmakers urged Prime Minister Mark Carney in Ottawa": lobbying at home
    if (
        word in ("met", "meet", "meets", "meeting")
        and not _TRADE_CONTEXT.search(clause.low)
        # "U.S. and Chinese negotiators met in London on Tuesday" (not "as negotiators pressed for a ceasefire")
        and not (_NEGOTIATORS_MET.search(clause.low) and not _OTHER_PURPOSE.search(clause.low))
        # "US and Canadian officials are expected to meet next week" in a story about trade
        and not (
            ctx.story_has(_TRADE_CONTEXT)
            # "EU leaders met Chinese President Xi Jinping in Beijing on Thursday" in a story about trade (of the
            # story's own sides, and not "to discuss security guarantees")
            and (
                _OFFICIALS.search(clause.low)
                or (
                    _met_leader_abroad(clause, trigger)
                    and not _OTHER_PURPOSE.search(clause.low)
                    and all(m.code in ctx.main_actors[:4] for m in clause.actors if m.kind != "capital")
                )
            )
        )
    ):
        return []
    if (
        "while" in clause.low or "as " in clause.low or "until" in clause.low or "pending" in clause.low
    ) and (_TALKS_GO_ON.search(clause.low)):
        return []  # "will keep the duties in place while talks continue": talks as a time frame
    # "The talks, led by the two finance ministers, concluded on Saturday": the verb after an aside is theirs.
    aside = _SUBJECT_ASIDE.match(clause.low, trigger.end())
    hit = _nearest(
        lex.NEGOTIATION_STATUS,
        text,
        clause.low,
        (trigger.start(), aside.end()) if aside else trigger.span(),
        weak=frozenset({"will", "meeting", "hold", "holding", "holds"}),
        within=60,
        nouns=(unrealised := _unrealised_deals(clause)),
        hits=clause.scan(lex.NEGOTIATION_STATUS),
    )
    if (
        hit is None
        and _CONCLUDING_TRIGGER.match(trigger.group().lower())
        and _FIRST_TO.search(clause.low, max(0, trigger.start() - 40), trigger.start())
    ):
        hit = ("concluded", trigger)  # "became the first country to strike a deal with Washington"
    if (
        hit is not None
        and hit[1].start() < trigger.start()
        and _TIME_OF_TALKS.search(clause.low, max(0, trigger.start() - 20), trigger.start())
    ):
        hit = None  # "having paused the duties as a gesture during talks": the verb is not the talks'
    if hit is None or hit[0] != "suspended":
        # "A trip for talks, which had been set for June, has been postponed": the sentence's own verb,
        # however far from the talks.
        called_off = _CALLED_OFF.search(clause.low)
        if called_off is not None and not _negated(clause, called_off.start()):
            hit = ("suspended", called_off)
    failed = bool(
        hit
        and hit[0] == "concluded"
        and _FAILED.search(clause.low, max(0, hit[1].start() - 12), hit[1].start())
    )
    failed = failed or bool(hit and hit[0] == "concluded" and _WITHOUT_DEAL.search(clause.low))
    # "concluded the sixth round of talks": a round held, no deal concluded
    failed = failed or bool(hit and hit[0] == "concluded" and _A_ROUND.match(clause.low, hit[1].end()))
    if failed and hit is not None:
        # "failed to conclude a deal", "ended on Friday without a deal": talks held, nothing concluded
        hit = ("held", hit[1])
    if hit and _negated(clause, hit[1].start()) and hit[0] != "suspended":
        return _denied(ctx)
    if _NO_BEFORE.search(clause.low, max(0, trigger.start() - 4), trigger.start()):
        return _denied(ctx)  # "No meeting between US and Chinese officials has been scheduled"
    if (hit and _DEAL_AS_CONDITION.search(clause.low, max(0, hit[1].start() - 40), hit[1].start())) or (
        _DEAL_AS_CONDITION.search(clause.low, max(0, trigger.start() - 40), trigger.start())
    ):
        # "a 30% tariff unless they strike better trade deals", "ready to retaliate if talks fail": a condition,
        # not talks that took place
        return []
    # (a call is talks only with a leader or minister on the line: not "told reporters in a phone call")
    word_low = trigger.group().lower()
    strong = word_low not in (
        "met",
        "meet",
        "meets",
        "meeting",
        "discussions",
        "dialogue",
    ) and not _A_CALL.search(word_low)
    weak_status = hit is None or hit[1].group().lower() in ("will", "meeting", "hold", "holding", "holds")
    under_deal = False
    under = (
        _UNDER_DEAL.search(clause.low, max(0, trigger.start() - 40), trigger.start()) if weak_status else None
    )
    if under is not None:
        if not _A_DEAL_WITH.match(clause.low, trigger.end()) or _NO_DEAL_NOW.search(
            clause.low, under.start(), trigger.end()
        ):
            return []
        # "under a trade agreement with Hanoi", "under a deal reached with Washington": the deal the talks
        # concluded, with the partner it names
        hit, under_deal = ("concluded", trigger), True
    after_talks = hit is None and _AFTER_TALKS.search(
        clause.low, max(0, trigger.start() - 12), trigger.start()
    )
    days_of_talks = _DAYS_OF_TALKS.search(clause.low, max(0, trigger.start() - 20), trigger.end())
    if (
        weak_status
        and not (
            _round(clause.low)
            or _venue(clause)
            # "the accord, unveiled after talks with the other side's envoy": talks that took place
            or (after_talks and strong and _WITH_PARTNER.match(clause.low, trigger.end()))
            # "said on Thursday after a call with President Claudia Sheinbaum": a leader talked to
            or (
                (
                    _AFTER_TALKS.search(clause.low, max(0, trigger.start() - 12), trigger.start())
                    or _A_CALL.search(word_low)
                )
                and (
                    _WITH_LEADER.match(clause.text, trigger.end())
                    # "after a call with Trump": a leader the gazetteer knows by name
                    or any(
                        m.kind == "person"
                        and clause.low[trigger.end() : m.start].strip() in ("with", "between")
                        for m in clause.actors_in(trigger.end(), trigger.end() + 12)
                    )
                )
            )
            # "after meeting Chinese President Xi Jinping on Thursday", "Thursday's meeting between Presidents Donald
            # Trump and Xi Jinping": a meeting with or between leaders is talks
            # (of another jurisdiction: not "Trump's meeting with his Commerce Secretary")
            or _met_leader_abroad(clause, trigger)
            or (
                word_low in ("meeting", "met", "meet", "meets")
                and _WITH_LEADER.match(clause.text, trigger.end()) is not None
                and _someone_abroad(clause, trigger.end(), first_actor(clause, 0, trigger.start(), ()))
            )
            # "urged Chinese Commerce Minister Wang Wentao in a video call": a leader or minister on the line
            or (
                _A_CALL.search(word_low)
                and (
                    on_line := _LEADER_ON_THE_LINE.search(
                        clause.text, max(0, trigger.start() - 90), trigger.start()
                    )
                )
                is not None
                and _pressed_abroad(clause, on_line.start(), on_line.end())
            )
            # "negotiators would meet in the coming weeks": a meeting of negotiators is talks
            or _NEGOTIATORS_MEET.search(clause.low)
            # "following two days of talks in the Swiss city": talks that lasted, so took place
            or days_of_talks
            or (strong and clause.dates and (hit is not None or _dated_past_talks(clause, trigger, ctx)))
        )
    ):
        return []  # talks mentioned in passing: no status, no time, no place
    if (
        re.search(r"(?:deal|agreement|pact|framework)$", word)
        and (hit is None or hit[0] == "held")
        and not failed
    ):
        return []  # "goods covered by the USMCA trade pact" names an agreement, not a negotiation
    status = hit[0] if hit else ("scheduled" if lex.FUTURE.search(clause.low) else "held")
    if hit is None and (
        _AFTER_TALKS.search(clause.low, max(0, trigger.start() - 12), trigger.start()) or days_of_talks
    ):
        # "after talks in Washington, the leaders said they would...", "following two days of talks": the talks
        # are over (not "three rounds of talks are planned for June")
        status = "scheduled" if _PLANNED_AFTER.match(clause.low, trigger.end()) else "held"
    if status == "held" and lex.FUTURE.search(clause.low[max(0, trigger.start() - 40) : trigger.end() + 10]):
        status = "scheduled"
    if (
        status == "held"
        and not failed
        and not _WITHOUT_DEAL.search(clause.low)
        and any(
            lex.NEGOTIATION_STATUS[rank][0] == "concluded"
            and m.start() not in unrealised
            and not _FAILED.search(clause.low, max(0, m.start() - 12), m.start())
            for rank, m in clause.scan(lex.NEGOTIATION_STATUS)
        )
    ):
        status = "concluded"  # "agreed on a framework after two days of talks that ended on Tuesday"
    later_meeting = _MEETING_TO_COME.search(clause.low, trigger.end()) if word.endswith("call") else None
    if later_meeting is not None:
        # "held a video call over the weekend and agreed to meet in Malaysia this week": the meeting is the news
        status = "scheduled"
    parties = _parties(clause, ctx)
    if len(parties) < 2:
        return []
    evidence = ctx.quote(clause, _confidence(clause, 0.75 if hit else 0.55))
    venue, round_, delegates = _venue(clause), _round(clause.low), _delegates(clause)
    when = _when(clause, after=later_meeting.end() if later_meeting is not None else trigger.end())
    if (
        (under_deal or status == "scheduled")
        and when is not None
        and not any(d.span is when for d in _measure_dates(clause))
    ):
        # "under a trade agreement with Hanoi, Trump said on Wednesday", "agreed to hold further talks, officials
        # said on Thursday": the day of the report, not of the talks
        when = None
    talks_before = _AFTER_TALKS.search(clause.low, max(0, trigger.start() - 12), trigger.start())
    if talks_before and status != "scheduled" and not _dated_near(clause, trigger):
        when = None  # "the deal, announced after talks with X, will apply from Jan. 1": the date of another statement
    said_after = (
        _SAID_AFTER_TALKS.search(clause.low)
        if status in ("held", "concluded")
        and (when is None or not _dated_in_statement(clause, trigger, when))
        else None
    )
    if said_after is not None and _A_LEADER_AFTER_WITH.match(clause.text, said_after.end()):
        # "..., Trump said on Monday after a call with Modi": the day of the report is the day of the call
        when = next((d.span for d in clause.dates if d.start == said_after.start("day")), when)
    if status in ("proposed", "suspended") and not re.search(r"\b(?:until|from|for|by)\b", text, _I):
        # "talks were suspended on Friday": the day it was said, not a time of talks; but "talks could resume
        # early next month" is all to come, so the date is that of the talks
        future = when is not None and ctx.published is not None and when.start > ctx.published
        if not (status == "proposed" and future) and not (
            status == "suspended" and _talks_stopped_on(clause)
        ):
            when = None
    elif status in ("proposed", "suspended") and when is not None:
        when = _when(clause, stated_only=True)
    if status == "suspended" and (said_stopped := _talks_said_stopped_on(clause)) is not None:
        # "said late Thursday he was terminating all trade negotiations with Canada, which began in March"
        when = said_stopped
    if (
        status == "scheduled"
        and when is not None
        and ctx.published is not None
        and when.end < ctx.published
        and when.granularity.value == "month"
        and _AGREED_TO_MEET.search(clause.low, 0, trigger.start())
    ):
        # "agreed on Friday to hold talks in Beijing in January": the January to come
        when = DateSpan.month(when.start.year + 1, when.start.month, when.text)
    if status == "scheduled" and when is not None and ctx.published is not None and when.end < ctx.published:
        status = "held"  # "the truce agreed at their talks in Busan on October 30": talks of a day gone by
    elif (
        status == "held"
        and when is not None
        and ctx.published is not None
        and when.start > ctx.published
        and _DAY_WORD.fullmatch(when.text)
    ):
        # "would lower the tariff after meeting Xi on Thursday": talks held, on the weekday gone by (the
        # sentence's future tense is its other verb's)
        week = timedelta(days=7)
        when = attrs.evolve(when, start=when.start - week, end=when.end - week)
    elif (
        status == "held"
        and when is not None
        and ctx.published is not None
        and when.start > ctx.published
        and _dated_in_statement(clause, trigger, when)
        and not _HELD_OR_MET.search(clause.low, max(0, trigger.start() - 30), trigger.end())
    ):
        # "a U.S. team is still due in New Delhi on Aug. 25 for the sixth round": talks to come
        status = "scheduled"
    # A report of talks, filed from where they took place; a deal is announced from anywhere.
    # (a call has no place: "spoke to Greer by phone" from Johannesburg was no meeting there)
    talks_named = (
        (status == "held" and not _A_CALL.search(word))
        or (status == "concluded" and word in ("talks", "negotiations"))
        # "KUALA LUMPUR - ... signed an upgraded free trade agreement": a signing is where it is reported from
        or (
            status == "concluded"
            and word.startswith("sign")
            and (
                (
                    when is None
                    and not _SIGNED_BEFORE.search(clause.low, max(0, trigger.start() - 20), trigger.start())
                )
                or (
                    when is not None
                    and ctx.published is not None
                    and abs((ctx.published - when.end).days) <= 7
                )
            )
        )
    )
    if venue is None and talks_named and ctx.dateline_city and not _THERE.search(clause.low):
        venue = ctx.dateline_city  # ...unless "they met there": the place the story named before
    return [
        Negotiation(
            parties=pair,
            status=status,
            venue=venue,
            round=round_,
            when=when,
            delegates=delegates,
            evidence=evidence,
        )
        for pair in _pairs(clause, parties)
    ]


def _dated_in_statement(clause: Clause, trigger: re.Match[str], when: DateSpan) -> bool:
    """Whether `when` is told in the talks' own statement, no break between it and them (not "..., from Sept. 1,
    ... while talks continue": another measure's day)."""
    for d in clause.dates:
        if (d.span is not when and d.span != when) or _DURATION.match(d.span.text):
            continue  # ("met for two days": how long, not when)
        a, b = (d.end, trigger.start()) if d.end <= trigger.start() else (trigger.end(), d.start)
        if (
            b - a <= 80
            and not re.search(r"[,;:()]", clause.text[a:b])
            and not _ANOTHER_DAY_AHEAD.search(clause.low, a, b)
        ):
            return True
    return False


_HELD_OR_MET = re.compile(r"\b(?:held|met|had)\b")
# "held intensive talks ahead of the Aug. 1 deadline", "to avert tariffs due on Aug. 1": another measure's day
_ANOTHER_DAY_AHEAD = re.compile(r"\b(?:ahead of|deadline|due|avert|before|until|by)\b")


def _dated_near(clause: Clause, trigger: re.Match[str]) -> bool:
    return any(
        d.start >= trigger.end() and _TALKS_TO_DATE.fullmatch(clause.text, trigger.end(), d.start)
        for d in clause.dates
    )


def _dated_past_talks(clause: Clause, trigger: re.Match[str], ctx: Context) -> bool:
    """ "The talks on Monday and Tuesday had been candid", "talks last week were useful": talks dated where they
    are named, on days already past, were held."""
    if ctx.published is None:
        return False
    return any(
        d.start >= trigger.end()
        and not clause.text[trigger.end() : d.start].strip()
        and d.span.end <= ctx.published
        for d in clause.dates
    )


def _round(low: str) -> int | None:
    m = _ROUND.search(low)
    if m is None:
        return None
    if m.group("num"):
        return int(m.group("num"))
    word = m.group("ord").lower()
    number = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    if number == 1 and low.startswith(" since", m.end()):
        return None  # "the first meeting since March": they met again, no round; "the fifth round since May" counts
    if number == 1 and m.group().endswith("meeting"):
        return None  # "their first face-to-face meeting": they met for the first time, no round is counted
    return number


# "told reporters in Brussels", "a news conference in Ottawa": where one side spoke, not where talks took place
# (two leaders who "said in Brussels" they had a deal may well have met there)
_SAID_IN = re.compile(
    r"\b(?:told|tells|telling)\s+(?:[\w-]+\s+){0,3}?$|\b(?:(?:news|press) (?:conference|briefing)|interview)\s+$",
    _I,
)


def _venue(clause: Clause) -> str | None:
    for m in _VENUE.finditer(clause.text):
        if m.group().startswith("in") and _SAID_IN.search(clause.text, max(0, m.start() - 40), m.start()):
            continue
        city = m.group("city")
        words = city.split()
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            if candidate.lower() in lex.VENUES:
                if _NAMES_AN_EARLIER_DEAL.match(clause.text, m.start("city") + len(candidate)):
                    break  # "to put their Geneva truce back on track": where an earlier deal was made
                return "Washington" if candidate.lower() == "white house" else candidate
    return None


_NAMES_AN_EARLIER_DEAL = re.compile(
    r"\s+(?:truce|deal|agreement|accord|consensus|framework|pact|ceasefire)\b"
)


_OTHER_MEASURE_BEGAN = re.compile(
    r"\b(?:that|which)\s+(?:has\s+|had\s+)?(?:took|taken|take|takes) effect\s+(?:on\s+|in\s+)?$"
    r"|\b(?:that|which)\s+(?:came|come|comes|went|go|goes) into (?:force|effect)\s+(?:on\s+|in\s+)?$"
)
# (the talks are with a leader or a minister: not "said on Monday after a meeting with exporters")
_A_LEADER_AFTER_WITH = re.compile(
    r"\s+(?:(?:the|his|her|their)\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}?(?:President|Prime Minister|Premier|Chancellor"
    r"|leader|Vice Premier|Minister|Secretary|counterpart|Representative|Commissioner|King|Emir|Sultan)s?\b"
)
_SAID_AFTER_TALKS = re.compile(
    # (or any act on the day: "extended the truce with Mexico for 90 days on Thursday after a call with")
    r"(?:\b(?:said|announced|told reporters)\s+(?:late\s+|early\s+)?)?"
    r"\b(?P<day>on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"\s*,?\s+(?:shortly\s+|just\s+)?after\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+)?"
    r"(?:(?:phone|telephone|video)\s+)?(?:call|talks|meeting|conversation)\s+with\b"
)
_SINCE_CLAUSE = re.compile(r"\bsince\s+[^,;:()]*$")
# Between the talks and a date of theirs: no break of the statement ("talks held in Washington last week").
_TALKS_TO_DATE = re.compile(r"[^,;:()]{0,60}")


def _when(clause: Clause, *, stated_only: bool = False, after: int | None = None) -> DateSpan | None:
    # A date of the talks themselves first; "have agreed a pact, X said on Friday" dates them only when the
    # sentence gives no other, and never talks that are only proposed.
    stated = _measure_dates(clause)
    # (the day of a rate compared or of a plan overtaken is no fallback: "below the 25% rate Trump had threatened
    # to impose from Aug. 1")
    reported = [
        d
        for d in clause.dates
        if d not in stated and REPORTED.search(clause.low, max(0, d.start - 40), d.start)
    ]
    candidates = stated if stated_only else [*stated, *reported]
    if after is not None:
        # "beyond the March 1 deadline, citing progress in talks held in Washington last week": the date that
        # follows the talks in their own statement is theirs.
        near = [
            d
            for d in candidates
            if d.start >= after and _TALKS_TO_DATE.fullmatch(clause.text, after, d.start)
        ]
        candidates = near + [d for d in candidates if d not in near]
    for d in candidates:
        if d.span.granularity.value == "year" or re.match(r"since\b", d.span.text, _I):
            continue
        since = _SINCE_CLAUSE.search(clause.text, max(0, d.start - 60), d.start)
        if since is not None and (after is None or since.start() >= after):
            continue  # "the first talks since tensions rose in April": the date of what came before them
        if _OTHER_MEASURE_BEGAN.search(clause.low, max(0, d.start - 50), d.start):
            continue  # "talks over the duty that took effect in May": the day of the duty
        if re.match(r"from\b", d.span.text, _I) and d.span.granularity.value != "day":
            continue  # "the first talks from April": a period, not a meeting; "from Sunday" starts one
        if _LENGTH_OF_TALKS.match(d.span.text):
            continue  # "met for two days of talks", "for three hours on Tuesday": how long, not when
        if re.match(r"(?:until|till|through)\b", d.span.text, _I) or _NAMED_END.search(
            clause.text, max(0, d.start - 25), d.start
        ):
            continue  # "a truce that runs until Sept. 30": when something ends, not when talks take place
        return d.span
    return None


def _delegates(clause: Clause) -> tuple[str, ...]:
    names: list[tuple[int, str]] = [
        (a.start, a.text.removesuffix("'s").removesuffix("’s")) for a in clause.actors if a.kind == "person"
    ]
    for title in _NAME_AFTER_TITLE.finditer(clause.text):
        at = title.start("name")
        if any(a.start <= at < a.end and a.kind != "person" for a in clause.actors):
            continue
        names.append((at, title.group("name")))
    names.sort()
    out: list[str] = []
    for _, name in names:
        if any(name in other or other in name for other in out):
            if any(other in name and other != name for other in out):
                out = [name if (other in name) else other for other in out]
            continue
        out.append(name)
    return tuple(out)


# --- threats ----------------------------------------------------------------------------------------------

_THREAT_MEASURE = re.compile(
    r"\b(?:to\s+(?:impose|slap|levy|raise|hike|put|add|restrict|ban|cut off|halt|block|curb|sanction|retaliate"
    # "threatened to suspend rice exports to Indonesia": a halt of its own exports
    r"|blacklist|(?:suspend|stop)(?=\s+(?:[\w-]+\s+){0,3}?(?:exports|shipments|sales)\b))"
    r"|with\s+(?:new\s+|fresh\s+|higher\s+|additional\s+|steep\s+)?(?:tariffs?|duties|sanctions|export|levies|penalties)"
    r"|(?:would|will|could)\s+(?:impose|slap|levy|raise|hike|face|put|add|restrict|ban|cut off|halt|block|hit"
    r"|retaliate|respond|be hit)|tariffs? of|duties of|\d+%\s+(?:tariffs?|duty|duties|levies|levy)"
    r"|(?:would|will|to)\s+take\s+(?:[\w-]+\s+){0,2}?(?:counter-?measures|measures|action)"
    r"|(?:tariffs?|duties|levies|levy|sanctions) (?:on|against)"
    # "threatened retaliation against any country that ...", "threatened countermeasures on 72 billion euros"
    r"|(?:threaten(?:s|ed|ing)?|vow(?:s|ed)?|warn(?:s|ed)?(?:\s+[\w.'’-]+){0,3}?\s+of)\s+(?:[\w-]+\s+)?(?:retaliation"
    r"|retaliatory measures|counter-?measures|reprisals?|consequences|repercussions))\b",
    _I,
)


_ANY_PARTY = re.compile(
    r"\b(?:any|every|all)\s+(?:other\s+)?(?:country|countries|party|parties|nation|nations|trading partners?"
    r"|economy|economies|government|governments)\b"
)
# "He also threatened the European Union with tariffs": the threatener is someone named before.
_PRONOUN_START = re.compile(r"\s*(?:He|She|They|It|The president|The leader)\b")
_PERSON_PRONOUN = re.compile(r"\s*(?:He|She|The president|The leader)\b")


# Who warns without wielding any measure: industry, analysts, lobbies.
_NON_STATE_SPEAKER = re.compile(
    r"\b(?:groups?|associations?|federations?|chambers?|lobby|lobbies|industry|analysts?|economists?|executives?"
    # "unions" of workers; not "the European Union" or "the Eurasian Economic Union"
    r"|companies|firms|farmers|growers|manufacturers|makers|retailers|importers|exporters|builders"
    r"|(?<!european )(?<!economic )(?<!customs )(?<!african )unions?"
    r"|investors|traders|businesses|carmakers|automakers|shippers|ceos?|strategists?)\b"
)


# "The warning, made in a speech, came after ...": the threat the story has told, and what came before it.
_RECALLED_THREAT = re.compile(
    r"\s*(?:the|that|this|his|her|its|their)\s+(?:[\w-]+\s+)?(?:warning|threat|ultimatum)\b(?:,[^,;]{1,60},)?"
    r"\s+(?:came|comes|followed|follows|was made|was issued)\b"
)


# After a jurisdiction (and the goods it qualifies): it would undergo the measure ("British steel could face").
_UNDERGOES = re.compile(
    # not across a verb of speech: in "Trump said the EU would face", the EU faces it
    r"(?:\s+(?!said\b|says\b|told\b|warned\b|wrote\b|posted\b|added\b)[\w-]+){0,3}?\s+"
    r"(?:(?:could|would|will|may|might)\s+(?:also\s+|then\s+)?(?:face|be hit|pay|be subject|risk)|faces|is hit"
    r"|is subject|risks|risked|stands to face)\b"
)


_SAYS = re.compile(r"\s+(?:said|says|wrote|writes|told|announced)\b")
_SAYS_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){0,2}?\s+(?:said|says|wrote|writes|told|announced)\b")
_WARNED_PARTY = re.compile(r"\s+(?:the\s+)?$")


# "the 25% rate Trump had threatened to impose": a measure named before the verb of its threat
THREATENED_BEFORE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent|per cent)\s+(?:"
    r"(?:[\w-]+\s+)?(?P<noun>rate|tariff|duty|levy)\s+(?:that\s+|which\s+)?(?:[\w.'’-]+\s+){1,4}?(?:had\s+|has\s+)?"
    # "down from the 32% threatened": the rate, with the verb right after it
    r"|(?:previously\s+|earlier\s+|initially\s+|originally\s+|first\s+)?)threatened\b"
)
_OR_FACE = re.compile(r"\bor (?:else )?face\b")
_MAIN_PROMISE = re.compile(
    r"\b(?:will|would|could|is to|plans to)\s+(?:also\s+)?(?:impose|slap|levy|raise|hike|put|add|ban|restrict"
    r"|block|halt|cut off|retaliate|respond|hit|double|triple)\b"
)
_AT_HOME = re.compile(
    r"\s+(?:the\s+|a\s+)?(?:u\.s\.\s+|us\s+|federal\s+|supreme\s+)?(?:congress|parliament|senate|house|lawmakers"
    r"|legislators|courts?|judges?|voters|regulators)\b"
)
_OPENS = re.compile(r"(?:[^-–—]{0,60}\s[-–—]\s)?\s*")  # nothing, or a dateline, before the condition
_ADJACENT_SUBJECT = re.compile(
    r"(?:'s)?\s+(?:(?:officials|leaders|negotiators|spokesman|spokeswoman|spokesperson|ministry|government"
    r"|administration|had|has|have|also|again|repeatedly|previously|earlier|once|then)\s+)*"
)
_CLOSING = re.compile(r"(?:\s+(?:on\s+\w+|in\s+a\s+[\w\s]{1,30}?|late\s+on\s+\w+))?\s*(?:[.;]|$)")
_AVERTED = re.compile(
    r"\b(?:avert(?:s|ed|ing)?|avoid(?:s|ed|ing)?|stav(?:e|es|ed|ing) off|head(?:s|ed|ing)? off|forestall(?:s|ed|ing)?)"
    r"\s+(?:a|an|the|its|their|his)\s+(?:[\w-]+\s+)?$"
)
# ", Trump said, warning that the rate would rise": a warning told after a statement
WARNING_AFTER = re.compile(r",\s+(?:warning|adding|threatening)\s+that\b")
# "raised its tariff on Chinese steel to 50% on Tuesday, and threatened a 60% duty unless ...": a threat joined to
# a measure its subject took, each a statement of its own
_THREAT_JOINED = re.compile(r",?\s+and\s+(?:also\s+|then\s+|later\s+)?(?=(?:threatened|warned|vowed)\b)")
# the verb of a measure taken before the join (not "said the tariff was unacceptable", "is preparing tariffs")
_MEASURE_TAKEN = re.compile(
    r"\b(?:imposed|imposes|raised|raises|hiked|increased|doubled|tripled|lowered|reduced|cut|cuts|slashed|halved"
    r"|lifted|lifts|removed|scrapped|suspended|paused|banned|bans|restricted|halted|tightened|eased|relaxed|extended"
    r"|added|placed|put|set|slapped|announced|unveiled|approved|adopted|levied|introduced|expanded|finali[sz]ed"
    r"|matched|ordered|signed|hit|hits|(?:responded|retaliated|hit back|answered) with"
    # "said he would impose 25% tariffs on their goods from Aug. 1, and warned that ...": a duty announced
    r"|(?:will|would)\s+(?:impose|charge|levy|slap|raise))\b"
)
# a reaction to another's measure: "Canada rejected the 35% tariff and vowed to retaliate" (not "so-called
# reciprocal tariffs", "what it called U.S. bullying")
_REACTION = re.compile(
    r"\b(?:condemn(?:s|ed|ing)?|reject(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)"
    r"|criticiz(?:e|es|ed|ing)|slam(?:s|med|ming)?|protest(?:s|ed|ing)?|(?<!so-)(?<!what it )(?<!what he )"
    r"(?<!what she )(?<!what they )call(?:s|ed)|regret(?:s|ted|ting)?|welcom(?:e|es|ed|ing)|accus(?:e|es|ed|ing)"
    r"|blast(?:s|ed|ing)?|decr(?:y|ies|ied|ying)|hit out|den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?"
    r"|complain(?:s|ed|ing)?|lament(?:s|ed|ing)?|deplor(?:e|es|ed|ing))\b"
)
# "... and threatened to raise them to 50%", "... and warned that the rates could rise again": the threat is of
# the measure just named (not "warned it would respond": "it" is who warns)
_REFERS_BACK = re.compile(
    r"\b(?:raise|increase|double|hike|lift|extend|reimpose|reinstate|expand|widen|impose|apply|activate)\s+"
    r"(?:them|it|those|these)\b"
    r"|\b(?:it|they|the|its|their|those)\s+(?:(?:rates?|tariffs|duties|levies)\s+)?(?:would|could|will|may|might)\s+"
    r"(?:\w+\s+)?(?:rise|go up|go higher|increase|climb|double(?!\s+down))\b"
    r"|\b(?:further|new)\s+(?:increases|rises|hikes)\b"
)


def threat_joined_to_measure(low: str) -> re.Match[str] | None:
    """Where a threat joined to a measure its subject took starts ("raised its tariff on steel to 50% on
    Tuesday, and threatened a 60% duty"): None when the first statement takes no measure ("said the tariff was
    unacceptable"), is a reaction ("condemned the tariff and vowed to fight") or is already a threat."""
    joined = _THREAT_JOINED.search(low)
    if joined is None or lex.THREAT.search(low, 0, joined.start()):
        return None
    if (
        _MEASURE_TAKEN.search(low, 0, joined.start()) is None
        or _REACTION.search(low, 0, joined.start()) is not None
        or _CONDITIONAL.search(low, 0, joined.start()) is not None
    ):
        return None
    return joined


_CONDITIONAL = re.compile(r"\b(?:unless|if|or else|otherwise)\b")


_DESCRIBES_MEASURE = re.compile(
    r"\s*(?:with|including|at)\s+(?:[\w-]+\s+){0,3}?(?:tariffs?|dut(?:y|ies)|levies|rates?)\b"
)
_AGREED_TO_MEET = re.compile(
    r"\bagree(?:d|s)?\s+(?:on\s+\w+\s+)?to\s+(?:hold|meet|start|begin|launch|open|resume)\b"
)
_LENGTH_OF_TALKS = re.compile(r"(?:for|lasting)\s", _I)
_THREATENED_TO_DO = re.compile(r"\bthreat(?:en(?:s|ed|ing)?)?\s+to\s+$")


def _outside_condition(low: str, at: int) -> str:
    """`low` without the condition that starts at `at`, up to the comma that ends its clause."""
    end = low.find(",", at)
    return low[:at] + (" " + low[end:] if end >= 0 else "")


_OFF_THE_TABLE = re.compile(r"[^.;,]{0,80}?\boff the table\b")
_TAKES_OFF = re.compile(r"\b(?:take|takes|took|taken|taking)\s+(?:a|an|the|its|his|their)\s+$")
_REPRISAL_PROMISED = re.compile(
    # "would have to take necessary countermeasures": the reply named as such, whatever its adjective
    r"\b(?:would|will)\s+(?:have to\s+|be forced to\s+)?(?:take|adopt)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:counter-?measures|retaliatory measures|reprisals?)\b"
    # "would take resolute measures": measures of reply, however named
    r"|\b(?:would|will)\s+take\s+(?:firm|resolute|decisive|strong|forceful)\s+(?:measures|action)\b"
    r"|\b(?:would|will)\s+(?:retaliate|hit back|respond in kind)\b"
)
# The same in a government's set phrases, read only in a sentence that states no measure of its own (not "announced
# export controls, saying it would take all necessary measures to safeguard national security", "will respond to
# the tariffs with 25% counter-tariffs"): "would take all necessary measures to firmly safeguard the interests of
# Chinese companies", "said Brazil would respond to the measure under its new reciprocity law"
_WHO_IS_HIT = re.compile(
    r"\b(?:hit|hits|hitting|slap|slaps|slapping|punish|punishing|penali[sz]e|penali[sz]ing|target|targeting)\s+"
    r"(?:the\s+)?$"
)


def promises_a_reply(low: str) -> bool:
    """Whether the sentence promises a reply in a set phrase ("would respond firmly to the new U.S. tariffs")."""
    return _set_reply(low) is not None


def _set_reply(low: str) -> re.Match[str] | None:
    """The set phrase of a reply promised, not one asked about or forecast ("asked whether Japan would respond to
    the tariffs")."""
    found = _REPLY_SET_PHRASE.search(low)
    if found is None or _NOT_PROMISED.search(low, max(0, found.start() - 60), found.start()):
        return None
    return found


_NOT_PROMISED = re.compile(
    r"\b(?:whether|if|how|asked|expects?|expected|likely|unlikely|unclear|watching|wondering|question|doubt"
    r"|predict(?:s|ed)?|forecast|bet(?:s|ting)?)\b[^.;]{0,50}$"
)
_REPLY_SET_PHRASE = re.compile(
    r"\b(?:would|will)\s+take\s+(?:all\s+)?necessary\s+measures\s+to\s+(?:firmly\s+|resolutely\s+)?"
    r"(?:safeguard|defend|protect|uphold)\s+(?:the\s+|its\s+|their\s+)?(?:legitimate\s+|lawful\s+)?"
    r"(?:rights|interests)\b"
    # ("would respond firmly and proportionately to the new U.S. tariffs")
    r"|\b(?:would|will)\s+respond\s+(?:(?:firmly|resolutely|proportionately|robustly|swiftly|strongly|decisively"
    r"|forcefully|appropriately)\s+(?:and\s+)?)*to\s+(?:the|this|these|that|such)\s+(?:[\w.-]+\s+){0,2}?"
    r"(?:measures?|moves?|tariffs?"
    r"|duties|levies)\b(?!\s+(?:with|through|by|via|calmly)\b)(?![^.;]*\b(?:negotiat|dialogue|rather than|talks)\w*)"
)


_NAMES_ONLY = re.compile(r"(?:\s*,\s*|\s+and\s+|\s+the\s+|\s+|[A-Z][\w.'’-]*)*")


def _in_undergoing_list(clause: Clause, subject: Mention, before: int) -> bool:
    """ "Goods from Denmark, Norway ... and Finland will face": a party of a list whose last member undergoes
    the measure is one of those who would undergo it."""
    return any(
        m.start >= subject.start
        and m.end <= before
        and _UNDERGOES.match(clause.low, m.end)
        and _NAMES_ONLY.fullmatch(clause.text, subject.end, m.start)
        for m in clause.actors
    )


def threats(clause: Clause, ctx: Context) -> list[Threat]:
    text = clause.text
    low = clause.low
    first = lex.THREAT.search(low)
    # a second threat verb is rare: looked for only after a first
    verbs = [first, *lex.THREAT.finditer(low, first.end())] if first is not None else []
    verb = first
    if len(verbs) > 1:
        # "China vowed to fight after Trump threatened a 50% tariff": the threat of the measure is the one
        # that names it
        named = lex.TARIFF.search(low, verbs[0].end()) or lex.EXPORT_CONTROL.search(low, verbs[0].end())
        if named is not None:
            verb = [v for v in verbs if v.start() < named.start()][-1]
    if verb is not None and (
        _AVERTED.search(low, max(0, verb.start() - 40), verb.start())
        or (
            _TAKES_OFF.search(low, max(0, verb.start() - 20), verb.start())
            and _OFF_THE_TABLE.match(low, verb.end())
        )
    ):
        # "a deal that averts a threatened 30% rate", "takes a threatened 100% tariff off the table": the threat
        # is withdrawn, the deal is the news
        return []
    condition = lex.CONDITION.search(low)
    # "said it would take firm countermeasures": reprisals promised, on no stated condition
    promise = _REPRISAL_PROMISED.search(low) if verb is None and condition is None else None
    set_reply = False
    if promise is None and verb is None and condition is None and not clause.percents:
        promise = _set_reply(low)
        set_reply = promise is not None
        answered = TIME_CLAUSE.search(low, promise.end()) if promise is not None else None
        if promise is not None and any(
            not promise.start() <= m.start() < promise.end()
            # (nor in the clause of time that tells what it answers: "..., after the Netherlands expanded export
            # licence requirements")
            and not (answered is not None and m.start() >= answered.start())
            for pattern in (lex.TARIFF, lex.EXPORT_CONTROL)
            for m in pattern.finditer(low)
        ):
            promise = None  # a measure of the sentence's own beside the reply: not only a reply promised
            set_reply = False
    if verb is None and condition is None and promise is None:
        return []
    if lex.ORDINARY_THREAT.search(low) and condition is None:
        return []
    if (
        verb is not None
        and low.startswith("warn", verb.start())
        and _NON_STATE_SPEAKER.search(low, 0, verb.start())
    ):
        return []  # "Farm groups warned that Mexico could retaliate": a forecast by bystanders, nobody's threat
    if verb is not None and not _THREAT_MEASURE.search(text) and condition is None:
        return []
    if verb is not None and condition is None and _RECALLED_THREAT.match(low):
        return []  # "The warning came a day after Ottawa raised its duties": a threat told before
    if (
        verb is None
        and not (condition is not None and _HITS_BACK.match(condition.group()))
        and not re.search(
            r"\b(?:will|would|could|threat|warn|vow|said|says|or face"
            r"|(?:is|are|stands?|stood|was|were) (?:ready|prepared) to)\b",
            text,
            _I,
        )
    ):
        return []
    cond_at = _promise_if(condition) if condition else len(text)
    promised = condition is not None and cond_at > condition.start()  # "will face a 25% tariff if ..."
    anchor = (
        verb.start() if verb is not None else (cond_at if condition else promise.start() if promise else 0)
    )
    # "would be held in reserve and not imposed unless Colombia fails to honour the deal": a measure withheld
    # on a condition is threatened, not denied
    withheld = condition is not None and condition.group().lower().startswith("unless")
    if _negated(clause, anchor) and not withheld:
        return _denied(ctx)
    # "citing Ottawa's threat of a 20% surtax": the measure threatened is the one named after the threat.
    # (and only there when the threat is joined to a measure its subject took: "raised its tariff on steel to
    # 50% on Tuesday, and threatened further action")
    joined = threat_joined_to_measure(low) if verb is not None else None
    after_measure = joined is not None and verb is not None and joined.end() == verb.start()
    refers_back = after_measure and verb is not None and _REFERS_BACK.search(low, verb.end(), verb.end() + 60)
    after_joined = after_measure and not refers_back
    tariff = (verb is not None and lex.TARIFF.search(low, verb.end())) or (
        None if after_joined else lex.TARIFF.search(low)
    )
    control = lex.EXPORT_CONTROL.search(low, verb.end() if after_joined and verb is not None else 0)
    if set_reply:
        # "would respond to the new U.S. tariffs": the duty answered, not the one promised
        tariff = control = None
    cause_told = TIME_CLAUSE.search(low, anchor) if verb is None else None
    if cause_told is not None:
        # "would take resolute measures to defend its rights, after Washington raised duties on Chinese electric
        # vehicles": the measure the clause of time tells is the one answered, not the one promised (but "will
        # retaliate, after the U.S. doubled its tariffs, with 34% tariffs" promises the one after it)
        told_end = low.find(",", cause_told.end())
        told_end = len(low) if told_end < 0 else told_end
        if tariff is not None and cause_told.start() < tariff.start() < told_end:
            tariff = lex.TARIFF.search(low, told_end)
        if control is not None and cause_told.start() < control.start() < told_end:
            control = lex.EXPORT_CONTROL.search(low, told_end)
    reprisal = (
        condition is not None and _HITS_BACK.match(condition.group()) is not None
    ) or promise is not None
    if verb is None and tariff is None and control is None and not reprisal:
        return []  # "France would hit back if ...": a reprisal promised, whatever it is, is a threat
    if (
        verb is None
        and condition is not None
        and condition.group().lower().startswith(("if", "unless"))
        and not reprisal
        and control is None
        and tariff is not None
    ):
        # "if the U.S. continues to impose tariffs, China will ignore it": the only duty is the condition's
        clause_end = low.find(",", condition.end())
        if (
            cond_at <= tariff.start()
            and (clause_end < 0 or not lex.TARIFF.search(low, clause_end))
            and tariff.start() < (clause_end if clause_end >= 0 else len(low))
        ):
            return []
    measure_cut = cond_at
    told_after = TIME_CLAUSE.search(low, tariff.end()) if tariff is not None else None
    if told_after is not None:
        # "threatened a 100% tariff on Canadian goods, a week after Ottawa cut its duty on Chinese EVs to 6.1%":
        # what the time clause tells is another measure's
        measure_cut = min(measure_cut, told_after.start())
    or_face = _OR_FACE.search(low, condition.start()) if condition is not None else None
    promised_by: Mention | None = None
    if or_face is not None:
        # "until August 1 to curb transshipments or face a 46% tariff": the measure follows its condition
        measure_cut = len(text)
        tariff = lex.TARIFF.search(low, or_face.end()) or tariff
    elif (
        condition is not None
        and condition.group().lower().startswith(("if", "unless"))
        and _OPENS.fullmatch(low, 0, condition.start())
        # (not "Unless Congress approves the deal, ...", "Unless a court blocks them, ...": a step at home)
        and not (condition.group().lower() == "unless" and _AT_HOME.match(low, condition.end()))
    ):
        # "If no deal is reached by July 9, the EU faces a 50% tariff", "Unless Ottawa scraps its tax by June 30,
        # the United States will impose a 25% tariff": the measure follows the clause
        comma = low.find(",", condition.end())
        if comma > 0:
            measure_cut, anchor = len(text), comma + 1
            main = _MAIN_PROMISE.search(low, comma + 1)
            if main is not None:
                # "If no deal is reached, Washington will impose a 50% tariff": the main clause's subject
                anchor = main.start()
                promised_by = _first_actor(clause, comma + 1, main.start(), ())
    # "he would hit Russia with secondary tariffs": who would be hit is no one who threatens
    hit = tuple(
        m.code for m in clause.actors if _WHO_IS_HIT.search(low, max(0, m.start - 25), m.start) is not None
    )
    subject = _holder(clause, verb) or _speaker(clause, anchor) or _first_actor(clause, 0, anchor, hit)
    subject = promised_by or subject
    if verb is not None and verb is not verbs[0]:
        # the later threat's own subject, between the two verbs: "... after Trump threatened"
        own = [m for m in clause.actors if verbs[0].end() <= m.start < verb.start() and _is_actor(clause, m)]
        subject = own[-1] if own else subject
    if verb is not None:
        # "below the 25% rate President Donald Trump had threatened to impose": the one right before the verb
        adjacent = next(
            (
                m
                for m in reversed(clause.actors)
                if m.end <= verb.start() and _ADJACENT_SUBJECT.fullmatch(clause.low, m.end, verb.start())
            ),
            None,
        )
        subject = adjacent if adjacent is not None and adjacent.kind != "demonym" else subject
    if (
        verb is None
        and condition is not None
        and (
            subject is None
            or _TARGET_LEAD.search(text, max(0, subject.start - 40), subject.start)
            or _in_undergoing_list(clause, subject, cond_at)
        )
    ):
        # "Countries will pay an additional 10% tariff if they ..., President Donald Trump said", "Goods from
        # Denmark and Norway will face a 10% tariff ... unless ..., Trump said": who says so makes the threat
        closing = next(
            (m for m in reversed(clause.actors) if m.start > cond_at and _SAYS_AFTER.match(low, m.end)), None
        )
        subject = closing or subject
    if (
        subject is None
        and verb is None
        # "..., the EU faces a 50% tariff, Trump said": who faces it, and who says so, are named
        # "Japanese cars will face a 25% tariff if no deal is reached": who would undergo a promised measure
        # stands before it
        and not any(
            (0 if promised else anchor) <= m.start < measure_cut and _UNDERGOES.match(low, m.end)
            for m in clause.actors
        )
    ):
        return []  # "the tariff would apply if no deal is reached": whose threat, the sentence does not say
    if subject is None and not _PRONOUN_START.match(text):
        subject = _first_actor(clause, 0, measure_cut, hit)
    # "The proclamation warns that British steel could face the 50% rate": who would face the measure is its
    # target; the threat is that of whoever the story says imposes it
    # "Mexico risks losing its access ..., US officials warned": a warning verb that closes the sentence reports
    # it; who undergoes the measure stands before it
    after = verb.end() if verb is not None and not _CLOSING.match(low, verb.end()) else 0
    undergoer = next(
        (m for m in clause.actors if after <= m.start < measure_cut and _UNDERGOES.match(low, m.end)), None
    )
    if undergoer is not None and (subject is None or subject.code == undergoer.code):
        subject = None
    else:
        undergoer = None
    # "The president warned Japan of higher tariffs": who is warned is the target, not who warns
    warned = None
    if verb is not None and low.startswith("warn", verb.start()):
        warned = next(
            (
                m
                for m in clause.actors
                if m.start > verb.end() and _WARNED_PARTY.match(low, verb.end(), m.start)
            ),
            None,
        )
    if warned is not None and (subject is None or subject.code == warned.code):
        undergoer, subject = warned, None
    if subject is None and undergoer is not None:
        # "India could face higher tariffs ..., Trump said": who says so, else the story's imposer
        speaker = next(
            (
                m
                for m in clause.actors
                if m.code != undergoer.code
                # "..., a White House adviser said": who speaks, a word or two of title between
                and (m.kind == "person" or _SAYS_AFTER.match(clause.low, m.end) is not None)
            ),
            None,
        )
        code = speaker.code if speaker is not None else None
        code = code or (ctx.last_imposer if ctx.last_imposer not in (None, undergoer.code) else None)
        code = code or _context_actor(ctx, exclude=undergoer.code)
        if code is None:
            return []
        actor = code
    elif subject is None:
        # "She also warned ...": a pronoun refers to the person named last, else to the story's actor, unless
        # the sentence names that one as the target ("threatening to block exports of engines to China").
        person = ctx.last_person if _PERSON_PRONOUN.match(text) else None
        led = next(
            (
                m
                for m in clause.actors
                if m.start > anchor and _TARGET_LEAD.search(text, max(0, m.start - 40), m.start)
            ),
            None,
        )
        code = person or _context_actor(ctx, exclude=led.code if led is not None else None)
        if code is None:
            return []
        actor = code
    else:
        actor = subject.code
    any_party = _ANY_PARTY.search(low, anchor, measure_cut)
    if any_party is None and condition is not None and reprisal:
        # "would respond if any party strikes such a deal": whoever does what the condition says
        any_party = _ANY_PARTY.match(low, condition.end() + 1)
    # "would tariff Denmark heavily if it ...": the measure promised names its target before the condition
    promised_at = (
        condition.start()
        if verb is None and condition is not None and cond_at > condition.start()
        else anchor
    )
    if verb is None and condition is not None and promised_at >= cond_at:
        # "said he would impose a 25% tariff on India unless it stops buying oil from Russia": the promise before
        # the condition names the target, not the condition
        main = _MAIN_PROMISE.search(low, 0, cond_at)
        promised_at = main.start() if main is not None else promised_at
    target_m = undergoer or _target_after(
        clause, promised_at, exclude=[actor], limit=any_party.start() - promised_at if any_party else 90
    )
    if target_m is None and any_party is None:
        target_m = next((m for m in clause.actors if m.code != actor and m.start > promised_at), None)
    if target_m is None and any_party is not None:
        target = "*"  # "against any country that joins the curbs": whoever does it
    else:
        target = target_m.code if target_m else _context_actor(ctx, exclude=actor) or "*"
    if condition is not None and (target_m is None or target_m.start > cond_at):
        # "would blacklist US defence firms if Washington went ahead with arms sales to Taiwan": the parties the
        # measure names are its target, not those of the condition
        buyers = next(
            (
                m
                for m in clause.actors
                if m.start < cond_at and m.code != actor and _BUYER_NOUN.match(clause.text, m.end)
            ),
            None,
        )
        # "a 10% tariff on goods from Denmark until a deal is reached on Greenland": the party named before
        # the condition
        # (after the verb, or the start of the promise: not "At a news conference with Canada's prime minister,
        # Trump threatened 25% tariffs unless Mexico ...")
        lo = verb.end() if verb is not None else condition.start()
        before = next(
            (m for m in clause.actors if lo < m.start < cond_at and m.code != actor and m.kind != "person"),
            None,
        )
        target = buyers.code if buyers is not None else before.code if before is not None else target
    named_before = THREATENED_BEFORE.search(low, 0, verb.end()) if verb is not None else None
    verb_end = verb.end() if verb is not None else -1
    # "below the 25% rate Trump had threatened", "down from the 32% threatened": a rate named before the verb
    rate_before = named_before if named_before is not None and named_before.end() == verb_end else None
    if rate_before is not None and rate_before.group("noun") is None:
        shipped = _shipped_to(clause, len(text))
        if shipped is not None:
            # "Indonesian exports to the U.S. will face a 19% tariff, down from the 32% threatened": the threat
            # of whoever imposes the duty, on whoever undergoes it
            actor, target = shipped
    if target == actor:
        return []
    measure: Tariff | ExportControl | None = None
    kind = "other"
    conf = _confidence(clause, 0.75)
    evidence = ctx.quote(clause, conf)
    if rate_before is not None and rate_before.group("noun") is not None:
        # "below the 25% rate Trump had threatened to impose": the measure named before its threat
        tariff = lex.TARIFF.search(low, rate_before.start("noun"), rate_before.end()) or tariff
    if tariff is not None and tariff.start() < measure_cut and after_joined and anchor < tariff.start():
        # "raised its tariff to 50% from 25%, and threatened a 60% duty": the rates of the measure taken before
        # the threat are not the threatened one's
        threatened_part = clause.part(anchor, measure_cut)
        own_tariff = lex.TARIFF.search(threatened_part.low, tariff.start() - anchor)
        rate, previous, _added = (
            _rates(threatened_part, own_tariff) if own_tariff is not None else (None, None, False)
        )
    elif tariff is not None and tariff.start() < measure_cut and refers_back:
        # "raised tariffs on cars to 50%, and warned they could go higher", "... threatened to raise them to 75%":
        # the duty just named, at the rate the threat gives it, if any
        said = [p for p in clause.percents if anchor <= p.start < measure_cut and not p.points]
        rate, previous = (Rate(said[0].value) if said else None), None
    elif tariff is not None and tariff.start() < measure_cut:
        # (the rates of what follows the measure, past its condition or a clause of time, are not its own)
        # ("would retaliate with tariffs on U.S. services unless Washington lowers its 50% steel tariff"; but "if
        # talks fail, with duties of up to 30% on U.S. goods" names the measure's own rate after the condition)
        cond_end = low.find(",", measure_cut)
        described = cond_end >= 0 and _DESCRIBES_MEASURE.match(low, cond_end + 1) is not None
        rate, previous, _added = _rates(clause if described else clause.part(0, measure_cut), tariff)
    if tariff is not None and tariff.start() < measure_cut:
        if WARNING_AFTER.search(low, tariff.end(), anchor + 20):
            rate = previous = (
                None  # "will face tariffs of 25%, Trump said, warning that the rate would rise": of the duty
            )
        if rate_before is not None and rate_before.group("noun") is None:
            # "a 19% tariff, down from the 32% threatened": the rate threatened is the one before the verb
            rate = next((Rate(p.value) for p in clause.percents if p.start == rate_before.start()), rate)
            previous = None
        # "a 24% tariff unless it cuts its duties on farm goods": the goods of the condition are not the measure's
        products = _products_near(clause, tariff, limit=min(70, max(0, measure_cut - tariff.end())))
        measure_target = "*" if _all_partners(low, measure_cut) and target_m is None else target
        if _SECONDARY.search(low) or "buyers of" in low:
            measure_target = "*"
        measure = Tariff(
            imposer=actor,
            target=measure_target if measure_target != actor else "*",
            product=products[0] if products else None,
            rate=rate,
            # "threatened to raise tariffs on Korean goods to 25% from 15%": the rate the threat would replace
            previous_rate=previous if previous != rate else None,
            status="proposed",
            evidence=evidence,
        )
        kind = "tariff"
    elif control is not None and control.start() < measure_cut:
        items = _control_items(clause, control)
        measure = ExportControl(
            imposer=actor,
            target=target if target != actor else "*",
            item=items[0] if items else None,
            # (of the measure, not of its condition: "would respond with curbs on rare earths if the U.S. blacklists
            # more Chinese firms")
            control=next(
                (k for k, p in lex.CONTROL_KIND if p.search(_outside_condition(low, measure_cut))), "other"
            ),
            status="proposed",
            evidence=evidence,
        )
        kind = "export_control"
    elif lex.SANCTION.search(low):
        kind = "sanction"
    condition_text = _condition(text, condition) if condition else None
    deadline = None
    # "...citing Ottawa's threat of a surtax from May 1": a date that follows the threat is more surely its own.
    dates = _measure_dates(clause)
    # "pushed back to July 9 the 50 per cent tariff he had threatened to slap on EU goods from June 1": the day
    # the threat was put off to is its deadline now
    moved = next((d for d in dates if _PUT_OFF_TO.search(clause.low, max(0, d.start - 25), d.start)), None)
    ordered = [d for d in dates if d.start > anchor] + [d for d in dates if d.start <= anchor]
    if moved is not None:
        deadline, ordered = moved.span, []
    for d in ordered:
        if d.start > anchor and _OTHER_EVENT.search(low, anchor, d.start):
            continue  # "... a day after the two sides extended their truce until November": not the threat's
        if d.start < anchor and WARNING_AFTER.search(low, d.end, anchor + 20):
            # "will face tariffs of 25% from Aug. 1, Trump said, warning that the rate would rise": the day of
            # the duty stated, not of the warning
            continue
        lead = text[max(0, d.start - 20) : d.start]
        if re.search(
            r"\b(?:by|before|within|deadline|from|starting|no later than|on|until)\s*$", lead, _I
        ) or _DEADLINE_LEAD.match(d.span.text):
            deadline = d.span
            break
    threat = Threat(
        actor=actor,
        target=target,
        measure=measure,
        kind=kind,
        condition=condition_text,
        deadline=deadline,
        evidence=evidence,
    )
    # "a 25% tariff on all products from Mexico and Canada": one threat to each.
    targets = []
    if isinstance(measure, Tariff) and tariff is not None:
        targets = _distinct(
            t
            for seg in _segments(clause, tariff.start())
            if seg.at < measure_cut
            for ts, _ in seg.covers
            for t in ts
        )
        targets = [t for t in targets if t != actor]
    found = (
        [threat]
        if len(targets) < 2 or not isinstance(measure, Tariff)
        else [attrs.evolve(threat, target=t, measure=attrs.evolve(measure, target=t)) for t in targets]
    )
    later = _SECONDARY_AFTER.search(low, measure_cut if measure_cut < len(low) else anchor)
    if later is not None and target != "*" and isinstance(measure, Tariff):
        # "... unless Moscow agrees to a deal, and said buyers of Russian oil could face secondary tariffs": a
        # second threat, on whoever buys
        found.append(
            attrs.evolve(
                threat,
                target="*",
                measure=Tariff(imposer=actor, target="*", status="proposed", evidence=evidence),
                condition=None,
                deadline=None,
            )
        )
    ctx.last_threat_actor = actor
    return found


# ", days after Brussels announced tariffs": a clause of time that tells another event
TIME_CLAUSE = re.compile(
    r",\s+(?:(?:(?:\d+|two|three|four|five|six|several|a few)\s+)?(?:days|a day|hours|weeks|a week|months|shortly|just"
    r"|soon)\s+)?after\s+"
)


# "Panama gave in a day after the president said he would impose duties on it unless ...": whoever says what
# he or she would do is the one who threatens, not the subject of the sentence.
_SAID_WOULD = re.compile(
    r"\b(?:said|says|warned|warns|told\s+[\w ]{1,30}?)\s+(?:that\s+)?(?:he|she|it|they)\s+(?:would|will|could)\b"
)


def _speaker(clause: Clause, before: int) -> Mention | None:
    said_all = list(_SAID_WOULD.finditer(clause.low, 0, before))
    if not said_all:
        return None
    said = said_all[-1]
    found = [m for m in clause.actors if m.end <= said.start() and _is_actor(clause, m)]
    return found[-1] if found else None


# "Ottawa's threat of a surtax", "the president's renewed threat": the threat's possessor makes it.
_POSSESSED = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}$")


def _holder(clause: Clause, verb: re.Match[str] | None) -> Mention | None:
    if verb is None or not clause.low.startswith("threat", verb.start()) or verb.group() != "threat":
        return None
    for m in clause.actors:
        if m.end > verb.start():
            break
        between = clause.text[m.end : verb.start()]
        if (m.text.endswith(("'s", "’s")) or between.startswith(("'s", "’s"))) and _POSSESSED.fullmatch(
            between
        ):
            return m
    return None


# Where a clause about another event begins: "threatened tariffs, a day after Beijing raised its own".
_OTHER_EVENT = re.compile(r"\b(?:after|since|while|whereas|when)\b")
# A date phrase that is a time limit by its own lead word: "by Tuesday", "within 24 hours", "until July 9".
_DEADLINE_LEAD = re.compile(r"(?:by|before|within|until|no later than)\b", _I)


_HITS_BACK = re.compile(r"(?:respond|retaliat|hit back|fight|take|counter)", _I)


def _promise_if(m: re.Match[str]) -> int:
    """Where the condition of a measure promised on it starts: "would tax their goods ... if they ..." at "if"."""
    found = m.group().lower()
    # "would tax their goods ... if", "retaliate with tariffs on US goods if": the promised measure comes first
    promised = found.startswith(("would", "will", "could", "respond", "retaliat", "hit back", "fight"))
    return m.start() + _last_condition_word(found) if promised else m.start()


def _last_condition_word(found: str) -> int:
    """Where the last "if", "should" or "until" of a promise stands (whole words: not the "if" of "tariffs")."""
    return max([0, *(w.start() for w in _CONDITION_WORD.finditer(found))])


_CONDITION_WORD = re.compile(r"\b(?:if|should|until)\b")


def _condition(text: str, m: re.Match[str]) -> str:
    # "would respond ... if Washington raises tariffs": the condition starts at "if" (or "should").
    found = m.group().lower()
    promised = found.startswith(
        ("respond", "retaliat", "hit", "fight", "take", "counter", "would", "will", "could")
    )
    start = m.start() + _last_condition_word(found) if promised else m.start()
    rest = text[start:]
    cut = re.search(
        r"(?<!\b[A-Z])[.;]\s|[.;\"”]$|,\s+(?:he|she|they|the|officials|a|an|according|said|says|and|but)\b|,\s+\w+ing\b|\s+-\s+"
        r"|\s+—\s+",
        rest,
    )
    clause = rest[: cut.start()] if cut else rest
    return clause.strip().rstrip(".,;\"”’'").strip()
