"""parse_feed: feedparser's output normalised to Items, hostile documents refused, nothing else escaping."""

from __future__ import annotations

import codecs
import contextlib
import pickle
import time
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds_servers import FEED, rss
from tradewatch.feeds import EntityExpansionError, NotAFeedError, ParsedFeed, ParseError, parse_feed
from tradewatch.feeds._parse import CONTENT_HASH_PREFIX, MAX_ENTITY_EXPANSION
from tradewatch.feeds._text import clean, html_to_text, one_line, to_text

FETCHED = datetime(2025, 8, 13, 6, 0, tzinfo=UTC)
URL = "https://news.example/trade/feed.xml"
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}


def parse(body: bytes | str, headers: dict[str, str] | None = None, url: str = URL) -> ParsedFeed:
    data = body.encode() if isinstance(body, str) else body
    return parse_feed(data, source="wire", url=url, headers=headers or {}, fetched_at=FETCHED)


def atom(*entries: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom wire</title><id>urn:feed</id><updated>2025-08-12T00:00:00Z</updated>{extra}"
        + "".join(f"<entry>{entry}</entry>" for entry in entries)
        + "</feed>"
    )


class TestItems:
    def test_rss_items_are_normalised(self) -> None:
        parsed = parse(FEED, RSS_TYPE)
        assert parsed.version == "rss20"
        assert parsed.title == "Trade wire"
        assert parsed.warning is None
        first = parsed.items[0]
        assert first.id == "steel-1"
        assert first.source == "wire"
        assert first.title == "US raises steel tariff to 50%"
        assert first.text == "US raises steel tariff to 50%"
        assert first.url == "https://news.example/steel-1"
        assert first.published == datetime(2025, 8, 12, 9, 30, tzinfo=UTC)
        assert [item.id for item in parsed.items] == ["steel-1", "chips-2"]

    def test_dates_become_utc_and_fall_back_to_updated_then_fetch_time(self) -> None:
        parsed = parse(
            atom(
                "<id>a</id><published>2025-08-12T09:30:00+02:00</published>"
                "<updated>2025-08-14T00:00:00Z</updated>",
                "<id>b</id><updated>2025-08-11T23:00:00-05:00</updated>",
                "<id>c</id>",
            )
        )
        published = [item.published for item in parsed.items]
        assert published == [
            datetime(2025, 8, 12, 7, 30, tzinfo=UTC),
            datetime(2025, 8, 12, 4, 0, tzinfo=UTC),
            FETCHED,
        ]
        assert all(p.tzinfo is UTC for p in published)

    def test_fetch_time_in_another_zone_is_converted(self) -> None:
        tokyo = timezone(timedelta(hours=9))
        parsed = parse_feed(
            atom("<id>a</id>").encode(), source="s", url=URL, headers={}, fetched_at=FETCHED.astimezone(tokyo)
        )
        assert parsed.items[0].published == FETCHED
        assert parsed.items[0].published.tzinfo is UTC

    def test_an_unreadable_date_falls_back(self) -> None:
        body = rss(("a", "A story")).replace(b"Tue, 12 Aug 2025 09:30:00 GMT", b"the day before yesterday")
        assert parse(body).items[0].published == FETCHED

    def test_the_longest_html_or_text_content_wins_over_the_summary(self) -> None:
        parsed = parse(
            atom(
                "<id>a</id><summary>Short teaser.</summary>"
                '<content type="html">&lt;p&gt;The full story, with &lt;b&gt;all&lt;/b&gt; details.'
                "&lt;/p&gt;</content>",
                "<id>b</id><summary>Only a summary.</summary>",
                '<id>c</id><summary>Teaser.</summary><content type="html">&lt;img src="x.png"/&gt;</content>',
            )
        )
        assert [item.text for item in parsed.items] == [
            "The full story, with all details.",
            "Only a summary.",
            "Teaser.",  # the content holds no text, so the summary stands in
        ]

    def test_rss_content_encoded_is_preferred_and_longest(self) -> None:
        body = (
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t'
            "</title><item><guid>a</guid><description>Teaser</description>"
            "<content:encoded><![CDATA[<p>Full text one.</p><p>Full text two.</p>]]></content:encoded>"
            "</item></channel></rss>"
        )
        assert parse(body).items[0].text == "Full text one.\nFull text two."

    def test_plain_text_content_is_not_read_as_html(self) -> None:
        parsed = parse(atom('<id>a</id><content type="text">Tariff &lt;b&gt; 25% &amp; rising</content>'))
        assert parsed.items[0].text == "Tariff <b> 25% & rising"

    def test_xhtml_content(self) -> None:
        parsed = parse(
            atom(
                '<id>a</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                "<p>One &amp; two</p><ul><li>three</li><li>four</li></ul></div></content>"
            )
        )
        assert parsed.items[0].text == "One & two\nthree\nfour"

    def test_titles_are_one_plain_line(self) -> None:
        parsed = parse(
            atom(
                '<id>a</id><title type="html">&lt;b&gt;Tariffs&lt;/b&gt;\n  rise &amp;amp; fall</title>',
                '<id>b</id><title type="text">A &lt; B\n tariffs</title>',
            )
        )
        assert [item.title for item in parsed.items] == ["Tariffs rise & fall", "A < B tariffs"]

    def test_relative_links_resolve_against_the_feed_url(self) -> None:
        body = rss(("a", "A story"), link=False).replace(b"<guid", b"<link>/news/a.html</link><guid")
        assert parse(body).items[0].url == "https://news.example/news/a.html"
        located = parse(body, {"Content-Location": "https://mirror.example/feeds/x.xml"})
        assert located.items[0].url == "https://mirror.example/news/a.html"

    def test_relative_ids_do_not_change_when_the_feed_moves(self) -> None:
        body = b'<rss version="2.0"><channel><title>t</title><item><guid>a1</guid></item></channel></rss>'
        old = parse(body, url="https://news.example/feed.xml").items[0]
        new = parse(body, url="https://feeds.example/trade/rss").items[0]
        assert old.id == new.id == "a1"
        assert (old.url, new.url) == ("https://news.example/a1", "https://feeds.example/trade/a1")

    @pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,hi", "mailto:desk@news.example"])
    def test_links_a_reader_cannot_follow_are_dropped(self, link: str) -> None:
        body = rss(("a", "A story"), link=False).replace(b"<guid", f"<link>{link}</link><guid".encode())
        assert parse(body).items[0].url is None

    def test_ttl(self) -> None:
        assert parse(rss(("a", "A"), ttl=90)).ttl == timedelta(minutes=90)
        assert parse(rss(("a", "A"))).ttl is None
        for bad in (b"0", b"-5", b"soon", b"99999999999"):
            body = rss(("a", "A"), ttl=1).replace(b"<ttl>1</ttl>", b"<ttl>" + bad + b"</ttl>")
            assert parse(body).ttl is None, bad

    def test_an_empty_feed_is_a_feed(self) -> None:
        parsed = parse(rss())
        assert parsed.items == ()
        assert parsed.version == "rss20"


class TestIds:
    def test_guid_then_link_then_a_content_hash(self) -> None:
        parsed = parse(
            '<rss version="2.0"><channel><title>t</title>'
            "<item><guid isPermaLink='false'>g-1</guid><link>https://news.example/1</link><title>A</title></item>"
            "<item><link>https://news.example/2</link><title>B</title></item>"
            "<item><title>C</title><description>Only words.</description></item>"
            "</channel></rss>"
        )
        ids = [item.id for item in parsed.items]
        assert ids[:2] == ["g-1", "https://news.example/2"]
        assert ids[2].startswith(CONTENT_HASH_PREFIX)
        assert len(ids[2]) == len(CONTENT_HASH_PREFIX) + 64

    def test_content_hashes_are_stable_and_tell_entries_apart(self) -> None:
        def entries(*texts: str) -> list[str]:
            body = atom(*(f"<title>Same title</title><content>{t}</content>" for t in texts))
            return [item.id for item in parse(body).items]

        assert entries("one", "two") == entries("one", "two")
        assert len(set(entries("one", "two"))) == 2
        assert entries("one")[0] != entries("uno")[0]

    def test_duplicate_ids_keep_the_first(self) -> None:
        parsed = parse(rss(("a", "First"), ("b", "Other"), ("a", "Second")))
        assert [(item.id, item.title) for item in parsed.items] == [("a", "First"), ("b", "Other")]
        assert parsed.duplicates == 1

    def test_an_overlong_guid_gives_way_to_the_link(self) -> None:
        body = rss(("x" * 5000, "Long"))
        item = parse(body).items[0]
        assert item.id == "https://news.example/" + "x" * 5000 or item.id.startswith(CONTENT_HASH_PREFIX)
        assert len(item.id) <= 4096


class TestNotAFeed:
    @pytest.mark.parametrize("body", [b"", b"   \n\t "])
    def test_an_empty_body(self, body: bytes) -> None:
        with pytest.raises(NotAFeedError, match="empty") as caught:
            parse(body)
        assert caught.value.kind == "not_a_feed"
        assert caught.value.url == URL

    @pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", None])
    def test_an_html_page(self, content_type: str | None) -> None:
        page = (
            b"<!DOCTYPE html><html><head><title>Trade news</title></head><body><p>Welcome</p></body></html>"
        )
        headers = {"Content-Type": content_type} if content_type else {}
        with pytest.raises(NotAFeedError, match="HTML page" if content_type else "not an RSS"):
            parse(page, headers)

    def test_a_feed_served_as_html_is_still_a_feed(self) -> None:
        parsed = parse(FEED, {"Content-Type": "text/html"})
        assert len(parsed.items) == 2
        assert parsed.warning is not None
        assert "NonXMLContentType" in parsed.warning

    @pytest.mark.parametrize(
        "body",
        [
            b"\x00\x01\x02\xff\xfe garbage",
            b'{"version": "https://jsonfeed.org/version/1.1", "items": []}',
            b"<a>",
        ],
    )
    def test_other_things(self, body: bytes) -> None:
        with pytest.raises(NotAFeedError):
            parse(body)

    def test_a_body_is_never_taken_for_a_file_name(self, tmp_path: Path) -> None:
        # Given bytes, feedparser would open them as a path; a server could make the watcher read local files.
        local = tmp_path / "private.xml"
        local.write_bytes(FEED)
        with pytest.raises(NotAFeedError):
            parse(str(local).encode())


class TestEncodings:
    def test_invalid_utf8_is_read_with_a_warning(self) -> None:
        body = FEED.replace(b"China curbs", b"China \xff\xfe curbs")
        parsed = parse(body, RSS_TYPE)
        assert [item.id for item in parsed.items] == ["steel-1", "chips-2"]
        assert parsed.warning is not None
        assert "CharacterEncodingOverride" in parsed.warning
        assert "curbs gallium exports" in parsed.items[1].title

    @pytest.mark.parametrize("encoding", ["utf-16", "iso-8859-1", "windows-1252"])
    def test_declared_encodings(self, encoding: str) -> None:
        text = (
            rss(("a", "Zölle auf Stahl: 25 %")).decode().replace('encoding="utf-8"', f'encoding="{encoding}"')
        )
        assert parse(text.encode(encoding)).items[0].title == "Zölle auf Stahl: 25 %"

    def test_control_characters_are_dropped(self) -> None:
        parsed = parse(
            atom('<id>a</id><title>Tariffs&#0; rise</title><content type="text">a&#1;b\x0bc</content>')
        )
        assert parsed.items[0].title == "Tariffs rise"
        assert parsed.items[0].text == "ab\nc"

    @pytest.mark.parametrize(
        "ref", ["&#xD800;", "&#XdFfF;", "&#55296;", "&#x110000;", "&#99999999999999999999;"]
    )
    def test_impossible_character_references_become_replacement_characters(self, ref: str) -> None:
        # feedparser itself crashes on these; one bad reference must not cost the whole feed.
        body = rss(("a", "Tariffs rise")).replace(
            b"Tariffs rise</title>", f"Tariffs {ref}rise</title>".encode()
        )
        title = parse(body).items[0].title
        assert title == "Tariffs \ufffdrise"
        title.encode("utf-8")  # storable

    def test_ordinary_character_references_are_untouched(self) -> None:
        body = rss(("a", "x")).replace(b"x</title>", b"&#8217;&#x2014;&#12354;&#x1F600;&#0065;</title>")
        assert parse(body).items[0].title == "\u2019\u2014\u3042\U0001f600A"


def laughs(levels: int = 10) -> bytes:
    declarations = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        + "\n".join(declarations)
        + f'\n]>\n<rss version="2.0"><channel><title>t</title><item><guid>a</guid><title>&lol{levels - 1};'
        "</title></item></channel></rss>"
    ).encode()


def quadratic(references: int = 2000, size: int = 50_000, encoding: str = "utf-8") -> bytes:
    document = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE rss [\n<!ENTITY a "{"A" * size}">\n]>\n'
        '<rss version="2.0"><channel><title>t</title><item><guid>a</guid><description>'
        + "&a;" * references
        + "</description></item></channel></rss>"
    )
    return document.encode(encoding)


class TestEntityExpansion:
    @pytest.mark.parametrize(
        "body",
        [
            laughs(),
            laughs().replace(b"\n<!ENTITY", b"<!ENTITY"),  # one line: feedparser's own filter misses these
            quadratic(),  # 100 million characters from 100 kB: feedparser's loose parser would build it
            quadratic(encoding="utf-16"),  # hidden from a byte-level search
            quadratic(encoding="utf-7"),
            quadratic().replace(b"<!ENTITY a ", b"<!ENTITY   a\n"),
        ],
        ids=["billion-laughs", "one-line", "quadratic", "utf-16", "utf-7", "spaced"],
    )
    def test_entity_bombs_are_refused_quickly_and_cheaply(self, body: bytes) -> None:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            with pytest.raises(EntityExpansionError, match="expand") as caught:
                parse(body)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert time.perf_counter() - started < 2
        assert peak < 20_000_000
        assert caught.value.kind == "entity_expansion"
        assert isinstance(caught.value, ParseError)

    def test_a_modest_entity_is_allowed(self) -> None:
        body = (
            '<!DOCTYPE rss [\n  <!ENTITY id "tag:news.example,2025:">\n  <!ENTITY co "Acme &#38; Co">\n]>\n'
            '<rss version="2.0"><channel><title>t</title><item><guid isPermaLink="false">&id;42</guid>'
            "<title>&co; tariffs</title></item></channel></rss>"
        )
        item = parse(body).items[0]
        assert item.id == "tag:news.example,2025:42"

    def test_expansion_just_under_the_limit_is_allowed(self) -> None:
        references = MAX_ENTITY_EXPANSION // 10_000 - 1
        parse(quadratic(references=references, size=10_000))
        with pytest.raises(EntityExpansionError):
            parse(quadratic(references=references + 2, size=10_000))

    def test_cycles_and_floods_of_declarations_are_refused(self) -> None:
        cycle = b'<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><rss version="2.0"><channel/></rss>'
        with pytest.raises(EntityExpansionError, match="cycle"):
            parse(cycle)
        flood = "".join(f'<!ENTITY e{n} "x">' for n in range(1001))
        with pytest.raises(EntityExpansionError, match="declarations"):
            parse(f'<!DOCTYPE r [{flood}]><rss version="2.0"><channel/></rss>')

    def test_external_and_parameter_entities_are_not_fetched(self) -> None:
        body = (
            '<!DOCTYPE rss [<!ENTITY ext SYSTEM "file:///etc/passwd"><!ENTITY % p "x">]>'
            '<rss version="2.0"><channel><title>t</title><item><guid>a</guid><title>&ext;</title></item>'
            "</channel></rss>"
        )
        assert "root:" not in parse(body).items[0].title


class TestParserFailures:
    def test_an_exception_inside_feedparser_becomes_a_parse_error(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def explode(*_: Any, **__: Any) -> Any:
            raise RecursionError("maximum recursion depth exceeded")

        monkeypatch.setattr(feedparser, "parse", explode)
        monkeypatch.setattr("tradewatch.feeds._parse.parse_fast", lambda *_: None)  # feedparser must run
        with pytest.raises(ParseError, match="RecursionError") as caught:
            parse(FEED)
        assert type(caught.value) is ParseError
        assert caught.value.kind == "parse"
        assert isinstance(caught.value.__cause__, RecursionError)

    def test_unusable_parser_output_becomes_a_parse_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        result = feedparser.FeedParserDict(version="rss20", entries=[42], feed=feedparser.FeedParserDict())
        monkeypatch.setattr(feedparser, "parse", lambda *_, **__: result)
        monkeypatch.setattr("tradewatch.feeds._parse.parse_fast", lambda *_: None)  # feedparser must run
        with pytest.raises(ParseError, match="unusable parser output"):
            parse(FEED)

    def test_parse_errors_pickle(self) -> None:
        error = NotAFeedError("u: not a feed", url="u")
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is NotAFeedError
        assert str(copy) == str(error)
        assert copy.url == "u"
        assert isinstance(copy, ValueError)

    @pytest.mark.parametrize(
        "arguments",
        [{"source": ""}, {"source": "x" * 501}, {"fetched_at": datetime(2025, 8, 13)}],
    )
    def test_bad_arguments_are_programming_errors(self, arguments: dict[str, Any]) -> None:
        call: dict[str, Any] = {"source": "s", "url": URL, "headers": {}, "fetched_at": FETCHED, **arguments}
        with pytest.raises(ValueError, match=next(iter(arguments))) as caught:
            parse_feed(FEED, **call)
        assert not isinstance(caught.value, ParseError)


class TestText:
    @pytest.mark.parametrize(
        ("html", "text"),
        [
            ("<p>Tariffs &amp; trade</p><p>Second&nbsp;paragraph</p>", "Tariffs & trade\nSecond paragraph"),
            ("one<br>two<br/>three<hr>four", "one\ntwo\nthree\nfour"),
            ("<div>  lots \n\t of   space  </div>", "lots of space"),
            ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
            ("<h2>Head</h2>body <b>bold</b> <i>it</i>", "Head\nbody bold it"),
            ("a<script>var x = '<p>no</p>';</script>b", "ab"),
            ("a<style>p { color: red }</style> b", "a b"),
            ("<noscript>enable js</noscript>text", "text"),
            ("<template><p>later</p></template>shown", "shown"),
            ("<script>unclosed", ""),
            ("<script/>after", "after"),
            ("&lt;not a tag&gt; &#8211; &#x2014; &eacute;", "<not a tag> – — é"),
            ("<a href='https://news.example'>link</a> text", "link text"),
            ("<table><tr><td>1</td><td>2</td></tr></table>", "1\n2"),
            ("no markup at all", "no markup at all"),
            ("<![foo[x]]> recovered <b>text</b>", "recovered text"),  # html.parser asserts on this one
            ("", ""),
        ],
    )
    def test_html_to_text(self, html: str, text: str) -> None:
        assert html_to_text(html) == text

    def test_to_text_respects_the_type(self) -> None:
        assert to_text("a <b> c", "text/plain") == "a <b> c"
        assert to_text("a <b> c", "text/html") == "a c"
        assert to_text("a <b> c", None) == "a c"

    def test_one_line(self) -> None:
        assert one_line(" a\n b\x00c ") == "a bc"

    @given(st.text())
    def test_html_to_text_never_fails_and_is_clean(self, html: str) -> None:
        text = html_to_text(html)
        assert text == clean(text)
        assert "\n\n" not in text
        assert not text.startswith((" ", "\n"))

    @given(st.text(alphabet=st.characters(exclude_characters="<>&", exclude_categories=["Cs", "Cc"])))
    def test_escaped_text_comes_back(self, words: str) -> None:
        assert html_to_text(f"<p>{escape(words)}</p><script>{escape(words)}</script>") == clean(words)


# Text that survives XML and feedparser unchanged: no markup characters, no controls, no surrogates.
xml_text = st.text(
    alphabet=st.characters(exclude_characters="<>&\r", exclude_categories=["Cs", "Cc", "Co", "Cn"]),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


@st.composite
def feeds(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, str]]]:
    entries = draw(
        st.lists(
            st.tuples(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True), xml_text),
            max_size=8,
            unique_by=lambda e: e[0],
        )
    )
    if draw(st.booleans()):
        return rss(*entries), entries
    body = atom(
        *(
            f"<id>urn:x:{guid}</id><title>{escape(title)}</title><updated>2025-08-12T00:00:00Z</updated>"
            f"<content type='html'>{escape(escape(title))}</content>"
            for guid, title in entries
        )
    ).encode()
    return body, [(f"urn:x:{guid}", title) for guid, title in entries]


def undo_mojibake(text: str) -> str:
    """feedparser's repair of UTF-8 that was decoded as Latin-1 and encoded again ("Ã©" becomes "é"),
    applied to every UTF-8 document after stripping whitespace; text that happens to look like that is
    read the same way."""
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def mangle(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    for position, length, insert in cuts:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + length :]
    return data


class TestProperties:
    @given(feeds())
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def test_valid_feeds_give_their_items(self, feed: tuple[bytes, list[tuple[str, str]]]) -> None:
        body, entries = feed
        parsed = parse(body)
        assert [(item.id, item.title) for item in parsed.items] == [
            (guid, one_line(undo_mojibake(title.strip()))) for guid, title in entries
        ]

    @given(feeds(), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 20), st.binary(max_size=8))))
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def test_mangled_feeds_raise_only_parse_errors(
        self, feed: tuple[bytes, list[tuple[str, str]]], cuts: list[tuple[int, int, bytes]]
    ) -> None:
        try:
            parsed = parse(mangle(feed[0], cuts))
        except ParseError:
            return
        assert len({item.id for item in parsed.items}) == len(parsed.items)

    @given(st.binary(max_size=2000))
    def test_random_bytes_raise_only_parse_errors(self, body: bytes) -> None:
        with contextlib.suppress(ParseError):
            parse(body)

    @given(st.text(max_size=300), st.sampled_from(["text/html", "application/xml", "text/plain", ""]))
    def test_random_text_with_any_content_type_raises_only_parse_errors(self, body: str, kind: str) -> None:
        with contextlib.suppress(ParseError):
            parse(codecs.encode(body, "utf-8", "surrogatepass"), {"Content-Type": kind})
