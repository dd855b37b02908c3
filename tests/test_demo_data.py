"""The demo's material: its sample feeds and what the extractor reads in them, the loopback server, the default
sources and starter configuration, and OPML import.

If an extractor change breaks a demo item, the item tests here fail with the events it now gives: fix the
extractor, or rewrite the item so that it states its facts in a way the extractor reads (and say why).
"""

from __future__ import annotations

import itertools
import tomllib
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tradewatch.config import parse_config
from tradewatch.demo import (
    DEMO_SOURCES,
    DEMO_STEPS,
    DemoServer,
    feed_bytes,
    feed_file_name,
    measure_parts,
    plain,
)
from tradewatch.extract import RuleBasedExtractor
from tradewatch.feeds import HttpFetcher, OpmlError, Source, Validators, parse_feed, sources_from_opml
from tradewatch.model import Change, ChangeKind, DateSpan, Event, Item, Product, Rate, Tariff, Truce

FETCHED_AT = datetime(2030, 1, 1, tzinfo=UTC)
EXTRACTOR = RuleBasedExtractor()
LAST = len(DEMO_STEPS) - 1
EV = ("US", "CN", "electric vehicles")
US_CN = ("CN", "US")

# What each demo item states: (type, measure key parts, {field path: value as `plain` spells it}). Items not
# listed state nothing (the distractors).
INTENDED: dict[str, list[tuple[str, tuple[str, ...], dict[str, str | None]]]] = {
    "hw-20250602-0815-us-ev-tariff": [
        (
            "tariff",
            EV,
            {
                "status": "in_force",
                "rate": "25",
                "previous_rate": None,
                "effective": "2018-01-01/2018-12-31",
                "authority": "Section 301",
            },
        )
    ],
    "td-2025-06-03-truce-clock": [("truce", US_CN, {"status": "agreed", "until": "2025-08-12"})],
    "tag:ministry.example.invalid,2025-06-04:gallium-germanium": [
        (
            "export_control",
            ("CN", "US", metal),
            {"control": "ban", "status": "imposed", "effective": "2024-12-01/2024-12-31"},
        )
        for metal in ("gallium", "germanium")
    ],
    "hw-20250610-1405-us-ev-tariff-raise": [
        (
            "tariff",
            EV,
            {
                "status": "raised",
                "rate": "100",
                "previous_rate": "25",
                "effective": "2025-07-01",
                "authority": "Section 301",
            },
        )
    ],
    "hw-20250811-1802-us-china-truce": [("truce", US_CN, {"status": "extended", "until": "2025-11-10"})],
    "td-2025-08-11-truce-extended": [("truce", US_CN, {"status": "extended", "until": "2025-11-10"})],
    "tag:ministry.example.invalid,2025-08-20:gallium-germanium-lifted": [
        (
            "export_control",
            ("CN", "US", metal),
            {"control": "ban", "status": "lifted", "effective": "2025-08-20"},
        )
        for metal in ("gallium", "germanium")
    ],
    "td-2025-09-05-madrid-round": [
        (
            "negotiation",
            US_CN,
            {
                "status": "scheduled",
                "venue": "Madrid",
                "round": "4",
                "when": "2025-09-14",
                "delegates": "He Lifeng, Scott Bessent",
            },
        )
    ],
    "hw-20251010-2012-magnet-tariff-threat": [
        (
            "threat",
            ("US", "CN", "tariff", "rare-earth magnets"),
            {
                "kind": "tariff",
                "measure.rate": "200",
                "measure.status": "proposed",
                "condition": "unless Beijing resumes exports of the magnets",
                "deadline": "2025-11-01",
            },
        )
    ],
}


def _items(source: str, step: int) -> list[Item]:
    parsed = parse_feed(
        feed_bytes(source, step),
        source=source,
        url=f"http://127.0.0.1:8000/{source}.xml",
        headers={},
        fetched_at=FETCHED_AT,
    )
    assert parsed.warning is None
    assert parsed.duplicates == 0
    return list(parsed.items)


def _all_items() -> dict[str, Item]:
    return {item.id: item for source in DEMO_SOURCES for item in _items(source.name, LAST)}


def _value(event: object, path: str) -> Any:
    for part in path.split("."):
        event = getattr(event, part)
    return event


def _describe(events: list[Event]) -> list[tuple[str, tuple[str, ...]]]:
    return [(event.TYPE, measure_parts(event)) for event in events]


# --- the sample feeds and what they state ------------------------------------------------------------------


@pytest.mark.parametrize("item_id", [item for step in DEMO_STEPS for item in step.items])
def test_every_demo_item_extracts_to_its_intended_events(item_id: str) -> None:
    item = _all_items()[item_id]
    events = EXTRACTOR.extract(item)
    intended = INTENDED.get(item_id, [])
    assert sorted(_describe(events)) == sorted((kind, key) for kind, key, _ in intended), events
    for kind, key, fields in intended:
        (event,) = [e for e in events if kind == e.TYPE and measure_parts(e) == key]
        for path, value in fields.items():
            assert plain(_value(event, path)) == value, (item_id, path, event)
        # Evidence points into the item, as the watcher will show it.
        assert event.evidence.sentence in item.text


def test_the_public_extract_function_reads_the_items_the_same_way() -> None:
    from tradewatch import extract

    for item in _all_items().values():
        direct = extract(item.text, published=item.published, title=item.title)
        assert _describe(direct) == _describe(EXTRACTOR.extract(item))


def test_distractors_state_nothing_and_every_other_item_is_intended() -> None:
    listed = {item for step in DEMO_STEPS for item in step.items}
    distractors = {item for step in DEMO_STEPS for item in step.distractors}
    assert distractors <= listed
    assert set(INTENDED) == listed - distractors
    assert set(_all_items()) == listed


def test_feeds_keep_old_items_and_add_each_steps_items_at_that_step() -> None:
    for source in DEMO_SOURCES:
        seen: dict[str, Item] = {}
        for step in DEMO_STEPS:
            items = {item.id: item for item in _items(source.name, step.number)}
            new = set(items) - set(seen)
            assert new == {i for i in step.items if _source_of(i) == source.name}, (source.name, step.number)
            changed = feed_file_name(source.name, step.number) == f"{source.name}.{step.number}.xml"
            assert changed == (source.name in step.feeds)
            assert changed == (bool(new) or step.number == 0)
            for item_id, item in seen.items():
                assert items[item_id] == item, "an old item changed between steps"
            # Newest first, as news sites list them.
            published = [item.published for item in items.values()]
            assert published == sorted(published, reverse=True)
            seen.update(items)


def _source_of(item_id: str) -> str:
    return next(item.source for item in _all_items().values() if item.id == item_id)


def test_steps_happen_in_published_order_and_are_numbered() -> None:
    items = _all_items()
    for number, step in enumerate(DEMO_STEPS):
        assert step.number == number
        assert step.baseline == (number == 0)
        assert step.items and set(step.feeds) == {items[i].source for i in step.items}
    for earlier, later in itertools.pairwise(DEMO_STEPS):
        assert max(items[i].published for i in earlier.items) < min(items[i].published for i in later.items)


def test_items_have_the_parts_a_feed_item_has() -> None:
    for item in _all_items().values():
        assert item.title and item.text and item.url is not None
        assert item.url.startswith(("http://example.invalid/", "http://127.0.0.1:8000/"))
        assert datetime(2025, 1, 1, tzinfo=UTC) < item.published < datetime(2026, 1, 1, tzinfo=UTC)


def test_one_step_carries_one_story_on_two_sources() -> None:
    from tradewatch.feeds import story_key

    items = _all_items()
    syndicated = [step for step in DEMO_STEPS if step.syndicated]
    assert len(syndicated) == 1
    (step,) = syndicated
    carried = [items[i] for i in step.items if items[i].source in step.syndicated]
    assert {item.source for item in carried} == set(step.syndicated) and len(carried) == 2
    assert len({story_key(item) for item in carried}) == 1
    assert len({item.id for item in carried}) == 2
    assert _describe(EXTRACTOR.extract(carried[0])) == _describe(EXTRACTOR.extract(carried[1]))


# --- the script's expected changes, checked against what the items state ----------------------------------


def _replay() -> list[list[tuple[Event, Event | None]]]:
    """Each step's events in published order, each with the latest earlier event of the same measure (a
    ledger in miniature: the script must hold whatever the real ledger makes of it)."""
    items = _all_items()
    state: dict[tuple[str, tuple[str, ...]], Event] = {}
    steps = []
    for step in DEMO_STEPS:
        applied: list[tuple[Event, Event | None]] = []
        for item in sorted((items[i] for i in step.items), key=lambda item: item.published):
            for event in EXTRACTOR.extract(item):
                key = (event.TYPE, measure_parts(event))
                applied.append((event, state.get(key)))
                state[key] = event
        steps.append(applied)
    return steps


def test_each_expected_change_follows_from_the_items() -> None:
    replayed = _replay()
    for step, applied in zip(DEMO_STEPS, replayed, strict=True):
        assert step.expected, f"step {step.number} expects nothing"
        for expected in step.expected:
            matching = [(event, before) for event, before in applied if expected.carried_by(event)]
            assert matching, (step.number, expected.describe())
            event, before = matching[0]
            if expected.kind == "new":
                assert before is None, (step.number, expected.describe())
            else:
                assert expected.field is not None and before is not None
                assert plain(getattr(before, expected.field)) == expected.old
                assert plain(getattr(event, expected.field)) == expected.new
        # Every measure the step touches is one the script is about.
        touched = {(event.TYPE, measure_parts(event)) for event, _ in applied}
        assert touched == {(e.type, e.key) for e in step.expected}


def _change(event: Event, **fields: Any) -> Change:
    return Change(key="|".join(measure_parts(event)), event=event, **fields)


def test_expected_change_matches_ledger_changes_in_their_wire_form() -> None:
    items = _all_items()
    (raised,) = EXTRACTOR.extract(items["hw-20250610-1405-us-ev-tariff-raise"])
    (expected,) = DEMO_STEPS[1].expected
    assert expected.matches(_change(raised, kind=ChangeKind.CHANGED, field="rate", old="25", new="100"))
    assert expected.matches(_change(raised, kind="changed", field="rate", old="25.0", new="100.00"))
    assert not expected.matches(_change(raised, kind="changed", field="rate", old="25", new="50"))
    assert not expected.matches(_change(raised, kind="changed", field="status", old="in_force", new="raised"))
    assert not expected.matches(_change(raised, kind="new"))
    assert str(expected) == "tariff US / CN / electric vehicles: rate 25 -> 100"

    (extended,) = EXTRACTOR.extract(items["hw-20250811-1802-us-china-truce"])
    (truce,) = DEMO_STEPS[2].expected
    span = {"start": "2025-08-12", "end": "2025-08-12", "granularity": "day", "text": "Aug. 12"}
    new = {"start": "2025-11-10", "end": "2025-11-10", "granularity": "day", "text": "Nov. 10"}
    assert truce.matches(_change(extended, kind="changed", field="until", old=span, new=new))
    assert isinstance(extended, Truce) and extended.until is not None
    assert truce.matches(
        _change(
            extended, kind="changed", field="until", old=DateSpan.day(date(2025, 8, 12)), new=extended.until
        )
    )

    (threat,) = EXTRACTOR.extract(items["hw-20251010-2012-magnet-tariff-threat"])
    (threatened,) = DEMO_STEPS[5].expected
    assert threatened.matches(_change(threat, kind="new"))
    assert not threatened.matches(_change(raised, kind="new"))
    assert "new (measure.rate 200" in threatened.describe()


def test_the_real_ledger_reports_every_expected_change() -> None:
    ledger_module = pytest.importorskip("tradewatch.ledger")
    items = _all_items()
    ledger = ledger_module.Ledger({})
    for step in DEMO_STEPS:
        changes: list[Change] = []
        for item in sorted((items[i] for i in step.items), key=lambda item: item.published):
            changes += ledger.apply(EXTRACTOR.extract(item))
        for expected in step.expected:
            assert any(expected.matches(change) for change in changes), (step.number, str(expected), changes)


def test_plain_spells_values_one_way() -> None:
    assert plain(None) is None
    assert plain(True) == "true"
    assert plain("100") == plain(100) == plain(100.0) == "100"
    assert plain("12.50") == "12.5"
    assert plain(Product(name="Gallium")) == "gallium"
    assert plain(DateSpan.month(2025, 11)) == "2025-11-01/2025-11-30"
    assert plain({"name": "steel"}) == "steel"
    assert plain(("He Lifeng", "Scott Bessent")) == "He Lifeng, Scott Bessent"
    assert plain(Rate(25)) == "25"
    assert plain("unless Beijing resumes exports") == "unless Beijing resumes exports"


def test_measure_parts_follow_the_ledger_keys() -> None:
    items = _all_items()
    tariff = EXTRACTOR.extract(items["hw-20250602-0815-us-ev-tariff"])[0]
    assert isinstance(tariff, Tariff)
    assert measure_parts(tariff) == EV
    bare = Tariff(imposer="US", target="CN", status="announced", evidence=tariff.evidence)
    assert measure_parts(bare) == ("US", "CN", "")


def test_feed_file_name_refuses_unknown_sources_and_steps() -> None:
    with pytest.raises(KeyError):
        feed_file_name("nope", 0)
    with pytest.raises(IndexError):
        feed_file_name("wire", LAST + 1)
    assert feed_file_name("ministry", 2) == "ministry.0.xml"


# --- the loopback server ---------------------------------------------------------------------------------


def test_server_serves_the_current_step_with_validators(capfd: pytest.CaptureFixture[str]) -> None:
    with DemoServer() as server, httpx.Client() as client:
        assert server.step == 0 and server.last_step == LAST
        assert list(server.urls) == [source.name for source in DEMO_SOURCES]
        for source in DEMO_SOURCES:
            url = server.urls[source.name]
            assert url.startswith("http://127.0.0.1:") and url.endswith(f"/{source.name}.xml")
            response = client.get(url)
            assert response.status_code == 200
            assert response.content == feed_bytes(source.name, 0)
            assert response.headers["content-type"] == source.content_type
            assert response.headers["etag"].startswith('"')
            assert response.headers["last-modified"].endswith("GMT")
            assert "max-age" not in response.headers.get("cache-control", "")
        head = client.head(server.urls["wire"])
        assert head.status_code == 200 and head.content == b""
        assert client.get(server.base_url + "/nope.xml").status_code == 404
        assert client.get(server.base_url + "/").status_code == 404
    out, err = capfd.readouterr()
    assert out == "" and err == "", "the server must stay quiet"


def test_server_answers_304_when_unchanged_and_200_after_advance() -> None:
    with DemoServer() as server, httpx.Client() as client:
        first = {name: client.get(url) for name, url in server.urls.items()}

        def conditional(name: str, **headers: str) -> httpx.Response:
            return client.get(server.urls[name], headers=headers)

        for name, response in first.items():
            etag, modified = response.headers["etag"], response.headers["last-modified"]
            assert conditional(name, **{"If-None-Match": etag}).status_code == 304
            assert conditional(name, **{"If-None-Match": f'"other", W/{etag}'}).status_code == 304
            assert conditional(name, **{"If-None-Match": "*"}).status_code == 304
            assert conditional(name, **{"If-Modified-Since": modified}).status_code == 304
            # If-None-Match decides when both are sent.
            both = {"If-None-Match": '"other"', "If-Modified-Since": modified}
            assert conditional(name, **both).status_code == 200
            assert conditional(name, **{"If-Modified-Since": "not a date"}).status_code == 200
            not_modified = conditional(name, **{"If-None-Match": etag})
            assert not_modified.content == b"" and not_modified.headers["etag"] == etag

        etags = {name: response.headers["etag"] for name, response in first.items()}
        modified = {name: response.headers["last-modified"] for name, response in first.items()}
        for step in DEMO_STEPS[1:]:
            assert server.advance() == step.number == server.step
            for name in server.urls:
                by_etag = conditional(name, **{"If-None-Match": etags[name]})
                by_date = conditional(name, **{"If-Modified-Since": modified[name]})
                if name in step.feeds:
                    assert by_etag.status_code == by_date.status_code == 200, (step.number, name)
                    assert by_etag.content == feed_bytes(name, step.number)
                    assert by_etag.headers["etag"] != etags[name]
                    etags[name] = by_etag.headers["etag"]
                    modified[name] = by_etag.headers["last-modified"]
                else:
                    assert by_etag.status_code == by_date.status_code == 304, (step.number, name)
        with pytest.raises(IndexError):
            server.advance()
        assert server.step == LAST


def test_server_works_with_the_watchers_fetcher() -> None:
    with DemoServer() as server, HttpFetcher() as fetcher:
        url = server.urls["trade-desk"]
        fetched = fetcher.fetch(url, Validators())
        assert fetched.status == 200 and fetched.body == feed_bytes("trade-desk", 0)
        assert fetched.validators.etag and fetched.validators.last_modified
        assert fetcher.fetch(url, fetched.validators).not_modified
        server.advance()  # step 1 changes only the wire
        assert fetcher.fetch(url, fetched.validators).not_modified
        server.advance()
        again = fetcher.fetch(url, fetched.validators)
        assert not again.not_modified and again.body == feed_bytes("trade-desk", 2)


def test_server_can_start_at_a_step_and_close_twice() -> None:
    server = DemoServer(step=3)
    try:
        assert server.step == 3
        server.start()
        assert httpx.get(server.urls["ministry"]).content == feed_bytes("ministry", 3)
    finally:
        server.close()
        server.close()
    with pytest.raises(RuntimeError):
        server.start()
    with pytest.raises(IndexError):
        DemoServer(step=LAST + 1)


def test_config_toml_parses_into_the_demo_sources(tmp_path: Path) -> None:
    with DemoServer() as server:
        store = tmp_path / 'odd "name" \\ here.sqlite'
        text = server.config_toml(store)
        config = parse_config(text, path="demo.toml")
        assert config.store == str(store)
        assert [s.name for s in config.sources] == [s.name for s in DEMO_SOURCES]
        for source, demo in zip(config.sources, DEMO_SOURCES, strict=True):
            assert source.url == server.urls[demo.name]
            assert source.interval == timedelta(seconds=1)
            assert source.tags == tuple(sorted(demo.tags))
            assert source.enabled and not source.alert_on_first_poll
        slower = parse_config(server.config_toml("demo.sqlite", interval="2s"), base=tmp_path)
        assert {s.interval for s in slower.sources} == {timedelta(seconds=2)}
        assert slower.store == str(tmp_path / "demo.sqlite")
        rules = "# a rule table would go here\n"
        with_rules = server.config_toml("demo.sqlite", rules_toml=rules)
        assert with_rules.endswith(rules) and with_rules.startswith(server.config_toml("demo.sqlite"))
        assert server.config_toml("demo.sqlite", rules_toml="# no newline").endswith("# no newline\n")
        parse_config(with_rules)


# --- default sources and the starter configuration -------------------------------------------------------


def test_default_sources_are_valid_and_cover_the_official_registers() -> None:
    from tradewatch._defaults import default_sources

    sources = default_sources()
    names = [s.name for s in sources]
    assert len(names) == len(set(names)) >= 8
    for source in sources:
        assert isinstance(source, Source)
        assert source.url.startswith("https://")
        assert timedelta(minutes=15) <= source.interval <= timedelta(minutes=60)
        assert source.tags and source.enabled and not source.alert_on_first_poll
    urls = " ".join(s.url for s in sources)
    for part in (
        "conditions[agencies][]=trade-representative-office-of-united-states",
        "conditions[agencies][]=industry-and-security-bureau",
        "conditions[agencies][]=international-trade-administration",
        "conditions[type][]=PRESDOCU",
        "https://www.wto.org/library/rss/latest_news_e.xml",
        "https://news.google.com/rss/search?q=tariffs&hl=en-US&gl=US&ceid=US:en",
        "export%20controls",
        "europa.eu",
    ):
        assert part in urls, part


def test_starter_config_parses_into_the_default_sources(tmp_path: Path) -> None:
    from tradewatch._defaults import default_sources, starter_config

    text = starter_config()
    config = parse_config(text, path="tradewatch.toml", base=tmp_path)
    assert config.store == str(tmp_path / "tradewatch.sqlite")
    assert list(config.sources) == default_sources()
    assert "# --- Rules" in text
    odd = 'C:\\data\\"trade"\x7f.sqlite'
    assert tomllib.loads(starter_config(odd))["store"] == odd
    assert parse_config(starter_config(":memory:")).store == ":memory:"
    rules = '# [[rule]]\n# name = "example"'
    assert starter_config(rules_toml=rules).endswith(rules + "\n")
    parse_config(starter_config(rules_toml=rules))


def test_toml_string_round_trips_awkward_text() -> None:
    from tradewatch._defaults import toml_string

    for text in ("", "plain", 'quote " and \\ backslash', "tab\tnew\nline\r\x00\x1f\x7f", "ünïcødé 中文 😀"):
        assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


# --- OPML import -------------------------------------------------------------------------------------------

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Trade news" title="Trade news">
      <outline type="rss" text="Wire: Trade" xmlUrl="https://wire.example/trade.rss" htmlUrl="https://wire.example/"/>
      <outline text="Official">
        <outline type="rss" text="USTR notices" xmlUrl="https://ustr.example/feed.xml"/>
        <outline type="rss" text="Wire: Trade" xmlUrl="https://wire.example/trade-two.rss"/>
      </outline>
      <outline type="rss" text="A link without a feed" htmlUrl="https://nofeed.example/"/>
    </outline>
    <outline type="rss" title="Only a title" xmlUrl="feed://titled.example/rss"/>
    <outline type="rss" xmlUrl="https://www.wto.org/library/rss/latest_news_e.xml"/>
    <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
    <outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
    <outline text="Elsewhere">
      <outline type="rss" text="USTR notices again" xmlUrl="https://ustr.example/feed.xml"/>
    </outline>
  </body>
</opml>
"""


def test_opml_sources_with_categories_as_tags() -> None:
    sources = sources_from_opml(OPML.encode())
    by_name = {s.name: s for s in sources}
    assert [s.name for s in sources] == [
        "wire-trade",
        "ustr-notices",
        "wire-trade-2",
        "only-a-title",
        "www-wto-org",
    ]
    assert by_name["wire-trade"].url == "https://wire.example/trade.rss"
    assert by_name["wire-trade"].tags == ("trade news",)
    assert by_name["ustr-notices"].tags == ("elsewhere", "official", "trade news")  # listed twice: merged
    assert by_name["wire-trade-2"].tags == ("official", "trade news")
    assert by_name["only-a-title"].url == "http://titled.example/rss"
    assert by_name["www-wto-org"].tags == ()
    assert all(s.interval == timedelta(minutes=30) for s in sources)


def test_opml_interval_tags_and_text_input() -> None:
    sources = sources_from_opml(OPML, interval=timedelta(hours=1), tags=("imported",))
    assert {s.interval for s in sources} == {timedelta(hours=1)}
    assert all("imported" in s.tags for s in sources)
    assert sources_from_opml(OPML, tags="x")[0].tags == ("trade news", "x")
    assert sources_from_opml(OPML, interval=120)[0].interval == timedelta(minutes=2)
    with pytest.raises(ValueError, match="interval"):
        sources_from_opml(OPML, interval=0)


def test_opml_names_are_unique_and_valid_sources() -> None:
    outlines = "".join(
        f'<outline text="{text}" xmlUrl="https://h{n}.example/rss"/>'
        for n, text in enumerate(["Same", "Same", "same!", "", "   ", "中文 新闻", "x" * 1000, "---"])
    )
    sources = sources_from_opml(f"<opml><body>{outlines}</body></opml>")
    names = [s.name for s in sources]
    assert names[:3] == ["same", "same-2", "same-3"]
    assert names[3:5] == ["h3-example", "h4-example"]
    assert names[5] == "中文-新闻"
    assert len(names[6]) <= 60 and names[7] == "h7-example"
    assert len(set(names)) == len(names)
    assert all(isinstance(s, Source) for s in sources)


def test_opml_in_a_namespace_and_deeply_nested() -> None:
    namespaced = '<opml xmlns="http://opml.org/spec2"><body><outline text="A" xmlUrl="https://a.example/"/></body></opml>'
    assert [s.url for s in sources_from_opml(namespaced)] == ["https://a.example/"]
    depth = 5000
    deep = (
        "<opml><body>"
        + '<outline text="c">' * depth
        + '<outline text="leaf" xmlUrl="https://deep.example/"/>'
    )
    deep += "</outline>" * depth + "</body></opml>"
    (leaf,) = sources_from_opml(deep)
    assert leaf.tags == ("c",)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<opml><body><outline text="&c;" xmlUrl="https://bomb.example/"/></body></opml>
"""


@pytest.mark.parametrize(
    "data",
    [
        BOMB.encode(),
        BOMB,
        BOMB.replace('version="1.0"', 'version="1.0" encoding="utf-16"').encode("utf-16"),
        b'<!DOCTYPE opml SYSTEM "http://example.invalid/opml.dtd"><opml><body/></opml>',
    ],
    ids=["bytes", "str", "utf-16", "external"],
)
def test_opml_with_a_doctype_is_refused(data: bytes | str) -> None:
    with pytest.raises(OpmlError, match="DOCTYPE"):
        sources_from_opml(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        ("  \n", "empty"),
        (b"\x00\xff garbage \x89PNG", "not well-formed"),
        ("<opml><body><outline></body></opml>", "not well-formed"),
        ('<rss version="2.0"><channel/></rss>', "root element is <rss>"),
        ("<opml><head/></opml>", "no <body>"),
        (b"<opml><body/></opml>" + b" " * 10_000_001, "larger than"),
    ],
)
def test_opml_garbage_raises_opml_error(data: bytes | str, message: str) -> None:
    with pytest.raises(OpmlError, match=message) as raised:
        sources_from_opml(data)
    assert isinstance(raised.value, ValueError)


def test_opml_with_no_feeds_gives_no_sources() -> None:
    assert sources_from_opml("<opml><body><outline text='Empty folder'/></body></opml>") == []
    with pytest.raises(TypeError):
        sources_from_opml(123)  # type: ignore[arg-type]


def test_demo_feed_documents_are_well_formed_and_say_they_are_samples() -> None:
    for source in DEMO_SOURCES:
        for step in DEMO_STEPS:
            if source.name not in step.feeds:
                continue
            document = feed_bytes(source.name, step.number)
            root = ET.fromstring(document)
            assert root.tag == ("rss" if source.format == "rss" else "{http://www.w3.org/2005/Atom}feed")
            assert b"Sample feed bundled with tradewatch" in document
            assert b"<!DOCTYPE" not in document and b"<ttl>" not in document
