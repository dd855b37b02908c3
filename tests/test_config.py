"""tradewatch.toml: what is accepted, and errors that name the file, the line, the table and the reason."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewatch import config as config_module
from tradewatch.config import Config, ConfigError, load_config, parse_config, parse_duration

GOOD = """\
store = "data/tw.sqlite"
max_workers = 4
cpu_processes = 0

[[source]]
name = "ustr"
url = "https://ustr.example/rss.xml"
interval = "15m"
tags = ["us", "official"]

[[source]]
name = "bis"
url = "https://bis.example/feed.atom"
interval = 3600
enabled = false
alert_on_first_poll = true
"""


def test_a_good_file_gives_sources_and_a_store_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "tradewatch.toml"
    path.write_text(GOOD)
    config = load_config(path)
    assert config.store == str(tmp_path / "data" / "tw.sqlite")
    assert config.max_workers == 4
    assert config.cpu_processes == 0
    ustr, bis = config.sources
    assert (ustr.name, ustr.interval, ustr.tags, ustr.enabled) == (
        "ustr",
        timedelta(minutes=15),
        ("official", "us"),
        True,
    )
    assert (bis.interval, bis.enabled, bis.alert_on_first_poll) == (timedelta(hours=1), False, True)


def test_defaults() -> None:
    assert parse_config("") == Config()
    assert parse_config('store = ":memory:"', base=Path("/x")).store == ":memory:"
    one = parse_config('[[source]]\nname = "a"\nurl = "file:///tmp/a.xml"\ntags = "solo"\n').sources[0]
    assert one.tags == ("solo",)
    assert one.interval == timedelta(minutes=15)


def test_retention_is_a_duration_or_false_for_ever() -> None:
    assert (Config().keep_items, Config().keep_delivered) == (timedelta(days=180), timedelta(days=30))
    found = parse_config('keep_items = "365d"\nkeep_delivered = false\n')
    assert (found.keep_items, found.keep_delivered) == (timedelta(days=365), None)
    assert parse_config("keep_delivered = 0").keep_delivered == timedelta(0)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (90, 90),
        (1.5, 1.5),
        ("900", 900),
        ("90s", 90),
        ("15m", 900),
        ("1h", 3600),
        ("1h30m", 5400),
        ("1d", 86400),
        (" 2 H ", 7200),
        ("500ms", 0.5),
    ],
)
def test_durations(value: object, seconds: float) -> None:
    assert parse_duration(value) == timedelta(seconds=seconds)


@pytest.mark.parametrize("value", ["15x", "", "m", "1h 2x", True, None, [1]])
def test_bad_durations(value: object) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_workers = 2\nstore = ]\n", r"cfg.toml: not valid TOML: .*line 2"),
        (
            "stor = 'x'",
            r"cfg.toml: unknown key 'stor' \(known: store, keep_items, keep_delivered, max_workers, cpu_processes,"
            r" public_only, source\)",
        ),
        ("store = ''", r"cfg.toml: store: must be a non-empty string"),
        ("max_workers = 0", r"cfg.toml: max_workers: must be an integer from 1 to 1024, not 0"),
        ("max_workers = true", r"max_workers: must be an integer"),
        ("cpu_processes = -1", r"cpu_processes: must be an integer from 0 to 64, not -1"),
        (
            'keep_items = "a while"',
            r"cfg.toml: keep_items: 'a while' is not a duration .*or false to keep for ever",
        ),
        ("keep_delivered = true", r"keep_delivered: True is not a duration"),
        ("keep_delivered = -5", r"keep_delivered: must not be negative, not -5"),
        ("source = 3", r"source: must be an array of \[\[source\]\] tables"),
        ('[[source]]\nname = "a"\n', r"cfg.toml:1: \[\[source\]\] #1 \('a'\): url: required key missing"),
        (
            '[[source]]\nname = "a"\nurl = "https://a.example/"\n\n[[source]]\nname = "b"\nurl = "https://b.example/"\n'
            'interval = "15x"\n',
            r"cfg.toml:8: \[\[source\]\] #2 \('b'\): interval: '15x' is not a duration",
        ),
        (
            '[[source]]\nname = "a"\nurl = "ftp://a.example/f"\n',
            r"cfg.toml:3: \[\[source\]\] #1 \('a'\): url: .*must start with http://, https:// or file://",
        ),
        ('[[source]]\nname = "a"\nurl = "https://a.example/"\nintervall = 5\n', r"unknown key 'intervall'"),
        ('[[source]]\nname = "a"\nurl = "https://a.example/"\ninterval = 0\n', r"interval: must be between"),
        (
            '[[source]]\nname = "a"\nurl = "https://a.example/"\nenabled = "yes"\n',
            r"cfg.toml:4: .*enabled: must be True or False",
        ),
        (
            '[[source]]\nname = "a"\nurl = "https://a.example/"\n[[source]]\nname = "a"\nurl = "https://b.example/"\n',
            r"cfg.toml:4: \[\[source\]\] #2 \('a'\): name: 'a' is already used by \[\[source\]\] #1",
        ),
        ('[[source]]\nname = 5\nurl = "https://a.example/"\n', r"\[\[source\]\] #1: name: must be a string"),
    ],
)
def test_errors_name_the_file_line_table_and_reason(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(text, path="cfg.toml")


def test_an_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing.toml: cannot read"):
        load_config(tmp_path / "missing.toml")
    error = ConfigError("f.toml", "bad", table="[[source]] #1", line=3)
    assert (error.path, error.line, error.table, error.reason, str(error)) == (
        "f.toml",
        3,
        "[[source]] #1",
        "bad",
        "f.toml:3: [[source]] #1: bad",
    )


# -- [[rule]] tables ------------------------------------------------------------------------------------------

RULES = """\
[[source]]
name = "ustr"
url = "https://ustr.example/rss.xml"

[[rule]]
name = "US steel tariffs up 10 points or more"
sinks = ["log", "team-hook"]
type = "tariff"
changed = "rate"
min_delta = 10
direction = "up"
imposer = "US"
product = "steel"
not = { keywords = ["opinion"] }

[[rule]]
name = "talks or truces"
any = [ { type = "negotiation" }, { type = "truce" } ]

[[sink]]
name = "team-hook"
type = "webhook"
url = "https://hooks.example/tradewatch"
"""


def test_rule_tables_give_rule_specs() -> None:
    from tradewatch import rules
    from tradewatch.config import RuleSpec
    from tradewatch.model import Tariff

    config = parse_config(RULES)
    moves, talks = config.rules
    assert isinstance(moves, RuleSpec)
    assert moves.sinks == ("log", "team-hook")
    assert moves.rule == (
        rules.changed(Tariff, "rate", min_delta=10, direction="up", imposer="US", product="steel")
        & ~rules.keywords("opinion")
    ).named("US steel tariffs up 10 points or more")
    assert talks.sinks == ("log",)
    assert talks.rule.name == "talks or truces"
    assert [s.name for s in config.sources] == ["ustr"]


def test_no_rule_tables_no_rules() -> None:
    assert parse_config(GOOD).rules == ()
    assert parse_config('[[rule]]\nname = "all"\n').rules[0].rule.name == "all"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rule = 3", r"cfg.toml: rule: must be an array of \[\[rule\]\] tables"),
        ("rules = 3", r"cfg.toml: unknown key 'rules' .*\[\[rule\]\]"),
        ('[[rule]]\ntype = "tariff"\n', r"cfg.toml:1: \[\[rule\]\] #1: name: required key missing"),
        (
            '[[rule]]\nname = "a"\n\n[[rule]]\nname = "b"\ntype = "tariff"\nimposr = "US"\n',
            r"cfg.toml:7: \[\[rule\]\] #2 \('b'\): imposr: unknown key \(did you mean 'imposer'\?\)",
        ),
        (
            '[[rule]]\nname = "a"\ntype = "truce"\nchanged = "rate"\n',
            r"cfg.toml:4: \[\[rule\]\] #1 \('a'\): changed: 'rate' is not a field .* for truce",
        ),
        (
            '[[rule]]\nname = "a"\nimposer = "USA"\n',
            r"cfg.toml:3: \[\[rule\]\] #1 \('a'\): imposer: 'USA' is not an ISO 3166-1 alpha-2 code",
        ),
        (
            '[[rule]]\nname = "a"\nregex = "("\n',
            r"cfg.toml:3: \[\[rule\]\] #1 \('a'\): regex: '\(' is not a valid regular expression",
        ),
        (
            '[[rule]]\nname = "a"\nkeywords = ["x"]\nany = [\n  { imposer = "US" },\n  { imposer = "ZZ" },\n]\n',
            r"cfg.toml:4: \[\[rule\]\] #1 \('a'\): any\[1\].imposer: 'ZZ' is not an ISO",
        ),
        ('[[rule]]\nname = "a"\nsinks = "log"\n', r"cfg.toml:3: .*sinks: must be a list of sink names"),
        (
            '[[rule]]\nname = "a"\nsinks = ["log", ""]\n',
            r"cfg.toml:3: .*sinks: must not hold an empty string",
        ),
        ('[[rule]]\nname = "a"\nmin_confidence = 2\n', r"cfg.toml:3: .*min_confidence: must be <= 1"),
        ('[[rule]]\nname = "a"\nnew = false\n', r"cfg.toml:3: .*new: only `new = true` is meaningful"),
        (
            '[[rule]]\nname = "a"\n[[rule]]\nname = "b"\n[[rule]]\nname = "a"\ntype = "tariff"\n',
            r"cfg.toml:5: \[\[rule\]\] #3 \('a'\): name: 'a' is already used by \[\[rule\]\] #1",
        ),
        ("[[rule]]\nname = 4\n", r"cfg.toml:2: \[\[rule\]\] #1: name: must be a string"),
        (
            'rule = [ { name = "a", type = "x" } ]',
            r"cfg.toml: \[\[rule\]\] #1 \('a'\): type: 'x' is not an event",
        ),
        ("rule = [ 3 ]", r"cfg.toml: \[\[rule\]\] #1: must be a table"),
    ],
)
def test_rule_errors_name_the_file_line_table_and_reason(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(text, path="cfg.toml")


def test_a_rule_error_keeps_its_parts() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config('store = ":memory:"\n\n[[rule]]\nname = "x"\nstatus = "sideways"\n', path="f.toml")
    error = info.value
    assert (error.path, error.line, error.table) == ("f.toml", 5, "[[rule]] #1 ('x')")
    assert error.reason.startswith("status: 'sideways' is not a status")


def test_sink_tables_are_checked_and_rules_may_only_name_known_sinks(tmp_path: Path) -> None:
    head = 'store = ":memory:"\n[[rule]]\nname = "r"\nsinks = ["file"]\n'
    sink = '[[sink]]\nname = "file"\ntype = "jsonl"\npath = "out/alerts.jsonl"\n'
    config = parse_config(head + sink, path="t.toml", base=tmp_path)
    assert [t["name"] for t in config.sinks] == ["file"]
    assert config.sinks[0]["path"] == str(tmp_path / "out" / "alerts.jsonl")  # relative to the file
    (built,) = config.build_sinks()
    assert built.name == "file"
    built.close()
    with pytest.raises(ConfigError, match=r"\[\[rule\]\] #1 \('r'\): sinks: no sink named 'file'"):
        parse_config(head, path="t.toml")
    with pytest.raises(ConfigError, match=r"t.toml:9: \[\[sink\]\] #1 \('file'\): colour: unknown key"):
        parse_config(head + sink + 'colour = "red"\n', path="t.toml")
    with pytest.raises(ConfigError, match="already used by the built-in log sink"):
        parse_config('[[sink]]\nname = "log"\ntype = "log"\n', path="t.toml")
    with pytest.raises(ConfigError, match=r"already used by \[\[sink\]\] #1"):
        parse_config(sink + sink.replace("alerts", "other"), path="t.toml")


def test_environment_variables_fill_strings_anywhere_in_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TW_DB_PASSWORD", "s3cret")
    monkeypatch.setenv("TW_TOKEN", "abc/def")
    config = parse_config(
        'store = "postgresql://tw:${TW_DB_PASSWORD}@db.internal/tw"\n'
        "[[sink]]\n"
        'name = "team"\n'
        'type = "webhook"\n'
        'url = "https://hooks.example/${TW_TOKEN}?literal=$${kept}"\n'
    )
    assert config.store == "postgresql://tw:s3cret@db.internal/tw"
    assert config.sinks[0]["url"] == "https://hooks.example/abc/def?literal=${kept}"


def test_an_unset_environment_variable_names_the_key_and_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TW_MISSING", raising=False)
    with pytest.raises(ConfigError) as caught:
        parse_config(
            'max_workers = 2\n[[sink]]\nname = "x"\ntype = "apprise"\nurls = ["slack://${TW_MISSING}"]\n'
        )
    assert caught.value.line == 5
    assert "sink[0].urls[0]: the environment variable TW_MISSING is not set" in str(caught.value)


@given(st.text().filter(lambda s: "${" not in s))
def test_strings_without_a_variable_are_left_as_written(value: str) -> None:
    assert config_module._interpolated({"a": [value]}, path="p", text="", where="") == {"a": [value]}
