"""story_key: one story syndicated by several sources gets one key; different stories do not share one."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewatch import Item
from tradewatch.feeds import canonical_url, normalise_title, story_key, story_keys

PUBLISHED = datetime(2025, 8, 12, 9, 30, tzinfo=UTC)


def item(url: str | None = None, title: str = "", source: str = "wire", id: str = "1") -> Item:
    return Item(id=id, source=source, title=title, url=url, published=PUBLISHED)


STORY = "https://news.example/world/us-raises-steel-tariff?id=42"


class TestCanonicalLinks:
    @pytest.mark.parametrize(
        "variant",
        [
            STORY,
            "http://news.example/world/us-raises-steel-tariff?id=42",
            "HTTPS://WWW.News.Example/world/us-raises-steel-tariff?id=42",
            "https://news.example:443/world/us-raises-steel-tariff/?id=42",
            "  https://news.example/world/us-raises-steel-tariff?id=42#comments \n",
            "https://news.example/world/us-raises-steel-tariff?utm_source=rss&id=42&utm_medium=feed",
            "https://news.example/world/us-raises-steel-tariff?id=42&fbclid=abc&gclid=x&mc_cid=1",
            "https://news.example//world/us-raises-steel-tariff?id=42",
            "https://news.example/world/us%2Draises%2dsteel-tariff?id=42",
            "https://news.example/world/us-raises-steel-tariff?id=42&UTM_Campaign=x",
        ],
    )
    def test_variants_of_one_link_share_a_key(self, variant: str) -> None:
        assert story_key(item(variant, source="other", id="x")) == story_key(item(STORY))

    @pytest.mark.parametrize(
        "other",
        [
            "https://news.example/world/us-raises-steel-tariff?id=43",
            "https://news.example/world/US-raises-steel-tariff?id=42",  # paths are case-sensitive
            "https://news.example:8443/world/us-raises-steel-tariff?id=42",
            "https://other.example/world/us-raises-steel-tariff?id=42",
            "https://news.example/world/us-raises-steel-tariff?id=42&page=2",
        ],
    )
    def test_different_links_do_not(self, other: str) -> None:
        assert story_key(item(other)) != story_key(item(STORY))

    def test_query_order_does_not_matter(self) -> None:
        assert canonical_url("https://a.example/x?b=2&a=1") == canonical_url("https://a.example/x?a=1&b=2")
        assert canonical_url("https://a.example/x?q=a+b") == canonical_url("https://a.example/x?q=a%20b")

    def test_the_canonical_form(self) -> None:
        assert canonical_url("HTTPS://www.A.example:443/P/%7Euser/?utm_x=1&b=2#f") == "a.example/P/~user?b=2"
        assert canonical_url("https://a.example/") == "a.example"
        assert canonical_url("https://a.example:8080/x") == "a.example:8080/x"

    @pytest.mark.parametrize(
        "url",
        [
            "ftp://a.example/x",
            "/relative/path",
            "tag:a.example,2025:1",
            "https://",
            "https://a.example:99999999/",
        ],
    )
    def test_non_http_links_have_no_canonical_form(self, url: str) -> None:
        assert canonical_url(url) is None

    @given(
        st.sampled_from(["http", "https", "HTTPS"]),
        st.sampled_from(["news.example", "www.news.example", "NEWS.example"]),
        st.lists(st.text(alphabet="abcXYZ019-._~%/ ", max_size=8), max_size=4),
        st.dictionaries(st.text(alphabet="abcdef_", min_size=1, max_size=6), st.text(max_size=6), max_size=4),
    )
    def test_canonical_form_is_idempotent(
        self, scheme: str, host: str, segments: list[str], query: dict[str, str]
    ) -> None:
        url = f"{scheme}://{host}/" + "/".join(quote(s) for s in segments) + "?" + urlencode(query)
        once = canonical_url(url)
        assert once is not None
        assert canonical_url("https://" + once) == once


class TestTitles:
    @pytest.mark.parametrize(
        "variant",
        [
            "US raises steel tariff to 50%",
            "  us raises   STEEL tariff to 50% ",
            "US raises steel tariff, to 50%!",
            "US raises steel tariff to 50 %",
            "US raises steel tariff to ５０%",  # full-width digits (NFKC)
            "US raises steel\u00a0tariff to 50%",
        ],
    )
    def test_title_variants_share_a_key(self, variant: str) -> None:
        assert story_key(item(title=variant)) == story_key(item(title="US raises steel tariff to 50%"))

    def test_a_publisher_suffix_is_kept(self) -> None:
        # Telling "- Reuters" from "- day two" is guesswork; merging two stories would hide one.
        assert normalise_title("Trade talks - day two") != normalise_title("Trade talks - day one")
        assert normalise_title("Tariffs rise - Reuters") == "tariffs rise reuters"

    def test_the_link_comes_first(self) -> None:
        assert story_key(item(STORY, title="Anything at all here")).startswith("url:")
        assert story_key(item(None, title="US raises steel tariff")) == "title:us raises steel tariff"

    def test_keys_offer_both(self) -> None:
        assert story_keys(item(STORY, title="US raises steel tariff")) == (
            "url:news.example/world/us-raises-steel-tariff?id=42",
            "title:us raises steel tariff",
        )

    @pytest.mark.parametrize("title", ["", "   ", "Update", "Trade news", "!!! ???"])
    def test_short_or_empty_titles_identify_no_story(self, title: str) -> None:
        assert story_keys(item(None, title=title)) == ()
        assert story_key(item(None, title=title, source="wire", id="7")) == "item:wire\x1f7"
        assert story_key(item(None, title=title, source="wire", id="7")) != story_key(
            item(None, title=title, source="other", id="7")
        )

    @given(st.text(max_size=60))
    def test_normalising_is_idempotent_and_case_blind(self, title: str) -> None:
        once = normalise_title(title)
        assert normalise_title(once) == once
        assert normalise_title(title.upper()) == normalise_title(title.lower()) or not title.isascii()
