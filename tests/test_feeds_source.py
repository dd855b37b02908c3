"""Source, SourceHealth and Validators: what they accept and what they refuse, naming the field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest

from tradewatch import InvalidValueError
from tradewatch.feeds import Source, SourceHealth, Validators


def source(**changes: Any) -> Source:
    return Source(**{"name": "ustr", "url": "https://ustr.example/feed.xml", **changes})


class TestSource:
    def test_defaults(self) -> None:
        s = source()
        assert s.interval == timedelta(minutes=15)
        assert s.tags == ()
        assert s.enabled is True
        assert s.alert_on_first_poll is False

    def test_friendly_inputs_are_normalised(self) -> None:
        s = source(name=" ustr ", url=" file:///srv/archive.xml ", interval=90, tags=["b", "a", "b", " c "])
        assert s.name == "ustr"
        assert s.url == "file:///srv/archive.xml"
        assert s.interval == timedelta(seconds=90)
        assert s.tags == ("a", "b", "c")
        assert source(tags="single").tags == ("single",)
        assert source(interval=1.5).interval == timedelta(seconds=1.5)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"name": ""}, "name"),
            ({"name": "x" * 501}, "name"),
            ({"name": 5}, "name"),
            ({"url": "ftp://ustr.example/feed"}, "url"),
            ({"url": "ustr.example/feed"}, "url"),
            ({"url": "https:///feed.xml"}, "url"),
            ({"url": "file://"}, "url"),
            ({"url": "http://[::1/feed"}, "url"),
            ({"url": "https://a.example/" + "x" * 5000}, "url"),
            ({"interval": timedelta(milliseconds=500)}, "interval"),
            ({"interval": timedelta(days=400)}, "interval"),
            ({"interval": "15m"}, "interval"),
            ({"interval": True}, "interval"),
            ({"interval": 10**20}, "interval"),
            ({"tags": ["ok", ""]}, "tags"),
            ({"tags": [1, 2]}, "tags"),
            ({"tags": 5}, "tags"),
            ({"enabled": "yes"}, "enabled"),
            ({"alert_on_first_poll": 1}, "alert_on_first_poll"),
        ],
    )
    def test_bad_values_name_the_field(self, changes: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as caught:
            source(**changes)
        assert caught.value.field == field

    def test_sources_are_frozen_values(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            source().name = "other"  # type: ignore[misc]
        assert source() == source()
        assert len({source(), source()}) == 1


class TestHealthAndValidators:
    def test_health_defaults_to_a_new_source(self) -> None:
        health = SourceHealth()
        assert health.consecutive_failures == 0
        assert health.due_at is None
        assert health.last_error_kind is None
        assert health.disabled_reason is None

    def test_health_holds_what_the_watcher_records(self) -> None:
        when = datetime(2025, 8, 12, tzinfo=UTC)
        health = SourceHealth(
            due_at=when,
            last_polled=when,
            last_success=None,
            last_error_kind="gone",
            last_error="https://ustr.example/feed.xml: HTTP 410 Gone",
            consecutive_failures=1,
            disabled_reason="gone (HTTP 410)",
        )
        assert health.disabled_reason == "gone (HTTP 410)"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"due_at": datetime(2025, 8, 12)}, "due_at"),
            ({"last_success": "yesterday"}, "last_success"),
            ({"consecutive_failures": -1}, "consecutive_failures"),
            ({"consecutive_failures": True}, "consecutive_failures"),
            ({"last_error_kind": 500}, "last_error_kind"),
        ],
    )
    def test_bad_health(self, changes: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as caught:
            SourceHealth(**changes)
        assert caught.value.field == field

    def test_validators(self) -> None:
        assert Validators() == Validators(etag=None, last_modified=None, body_sha256=None)
        Validators(etag='W/"x"', last_modified="Tue, 12 Aug 2025 09:30:00 GMT", body_sha256="ab" * 32)
        for bad in ("AB" * 32, "ab" * 31, "not hex"):
            with pytest.raises(InvalidValueError, match="body_sha256"):
                Validators(body_sha256=bad)
        with pytest.raises(InvalidValueError, match="etag"):
            Validators(etag=b'"x"')  # type: ignore[arg-type]
