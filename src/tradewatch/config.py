"""``tradewatch.toml``: the store and the sources to watch, read with the standard library's tomllib.

Any string may name environment variables as ``${NAME}`` (``$${`` for a literal ``${``), so that secrets
stay out of the file.

```toml
store = "tradewatch.sqlite"     # relative to this file; ":memory:" for a throw-away run;
                                # or "postgresql://user@host/dbname" (password from PGPASSWORD or ~/.pgpass)
max_workers = 8                 # concurrent polls
cpu_processes = 2               # worker processes for parsing and extraction (default: one per core)
public_only = false             # true: fetch public addresses only, refuse file:// (untrusted sources)

[[source]]
name = "ustr"
url = "https://ustr.example/rss.xml"
interval = "15m"                # seconds (900), or "90s", "15m", "1h", "1d", "1h30m"
tags = ["us", "official"]
enabled = true
alert_on_first_poll = false

[[rule]]
name = "US tariff moves of 10 points or more"
sinks = ["log"]                 # names of sinks; default ["log"]
type = "tariff"                 # every condition in the table must hold
changed = "rate"
min_delta = 10
imposer = "US"
```

[[sink]]
name = "team-hook"
type = "webhook"                # log, jsonl, webhook or apprise
url = "https://hooks.example/tradewatch"
secret_env = "TRADEWATCH_HOOK_SECRET"
```

The keys of a ``[[rule]]`` table are described in docs/rules.md and read by `tradewatch.rules.rule_from_table`;
those of a ``[[sink]]`` table in docs/delivery.md, read by `tradewatch.sinks.sink_from_table`. A sink named
``log`` exists without a table (alerts to the log); a rule may only name sinks that exist.

Config is data, never code. Every problem raises `ConfigError`, whose message names the file, the line when
it can be found, the table and the reason: ``tradewatch.toml:9: [[source]] #2 ("ustr"): interval: "15x" is
not a duration``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs

from .delivery import Sink, SinkConfigError, sink_from_table
from .feeds import Source
from .model import InvalidValueError
from .rules import RuleError, RuleSpec, rule_from_table
from .store import is_postgres_url
from .store._common import DELIVERED_KEEP, ITEMS_KEEP

__all__ = ["Config", "ConfigError", "RuleSpec", "load_config", "parse_config", "parse_duration"]

_TOP_KEYS = (
    "store",
    "keep_items",
    "keep_delivered",
    "max_workers",
    "cpu_processes",
    "public_only",
    "source",
)
# Named after the settings in "unknown key" messages rather than among them, so that the list of settings
# reads the same as before rules existed.
_TABLE_KEYS = ("rule", "sink")
_SOURCE_KEYS = ("name", "url", "interval", "tags", "enabled", "alert_on_first_poll")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)")
_SOURCE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*source[ \t]*\]\]", re.MULTILINE)
_RULE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*rule[ \t]*\]\]", re.MULTILINE)
_SINK_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*sink[ \t]*\]\]", re.MULTILINE)


class ConfigError(ValueError):
    """A configuration file cannot be used. `path`, `line` (or None), `table` (or None) and `reason` say
    where and why."""

    def __init__(self, path: str, reason: str, *, table: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.table = table
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {table}: {reason}" if table else f"{where}: {reason}")


@attrs.frozen(kw_only=True)
class Config:
    """What a configuration file says. `store` is a path (resolved against the file's folder),
    ``":memory:"``, or a PostgreSQL URL."""

    store: str = "tradewatch.sqlite"
    #: How long the store keeps items (with their events) and delivered alerts; None keeps them forever.
    keep_items: timedelta | None = ITEMS_KEEP
    keep_delivered: timedelta | None = DELIVERED_KEEP
    max_workers: int = 8
    cpu_processes: int | None = None
    #: Fetch public addresses only and refuse ``file://`` sources (for sources untrusted people may add).
    public_only: bool = False
    sources: tuple[Source, ...] = ()
    rules: tuple[RuleSpec, ...] = ()
    #: The ``[[sink]]`` tables, checked; `build_sinks` makes the sinks.
    sinks: tuple[Mapping[str, Any], ...] = ()

    def build_sinks(self) -> list[Sink]:
        """New sinks from the ``[[sink]]`` tables (the caller closes them, or hands them to a `Watcher`)."""
        return [sink_from_table(table) for table in self.sinks]


_VARIABLE = re.compile(r"\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _interpolated(value: Any, *, path: str, text: str, where: str) -> Any:
    """`value` with ``${NAME}`` in its strings replaced by the environment variable NAME, so that secrets
    (a webhook secret, an Apprise token, a database password) stay out of the file; ``$${`` is a literal
    ``${``. An unset variable is an error naming the key and the line."""
    if isinstance(value, dict):
        return {
            k: _interpolated(v, path=path, text=text, where=f"{where}.{k}" if where else k)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_interpolated(v, path=path, text=text, where=f"{where}[{n}]") for n, v in enumerate(value)]
    if not isinstance(value, str) or "${" not in value:
        return value

    def variable(match: re.Match[str]) -> str:
        name = match[1]
        if name is None:
            return "${"
        found = os.environ.get(name)
        if found is None:
            at = text.find(match[0])
            raise ConfigError(
                path,
                f"{where}: the environment variable {name} is not set",
                line=text.count("\n", 0, at) + 1 if at >= 0 else None,
            )
        return found

    return _VARIABLE.sub(variable, value)


def parse_duration(value: object) -> timedelta:
    """Seconds as a number (``900``, ``"900"``), or a string of parts such as ``"15m"``, ``"1h30m"``,
    ``"90s"``, ``"1d"``. Raises ValueError naming the value."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration")
    if isinstance(value, int | float):
        return timedelta(seconds=value)
    if isinstance(value, str):
        text = value.strip().lower()
        try:
            return timedelta(seconds=float(text))
        except ValueError:
            pass
        parts = _PART.findall(text)
        if parts and _PART.sub("", text).strip() == "":
            return timedelta(seconds=sum(float(n) * _UNITS[unit] for n, unit in parts))
    raise ValueError(f"{value!r} is not a duration (use seconds, or e.g. '90s', '15m', '1h', '1d')")


def _retention(data: Mapping[str, Any], key: str, default: timedelta, path: str) -> timedelta | None:
    """A retention period: a duration ("180d", seconds), or false to keep for ever."""
    if key not in data:
        return default
    value = data[key]
    if value is False:
        return None
    try:
        found = parse_duration(value)
    except ValueError as exc:
        raise ConfigError(path, f"{key}: {exc}, or false to keep for ever") from None
    if found < timedelta(0):
        raise ConfigError(path, f"{key}: must not be negative, not {value!r}")
    return found


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and check a configuration file."""
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(name, f"cannot read: {exc}") from None
    return parse_config(text, path=name, base=Path(name).resolve().parent)


def parse_config(text: str, *, path: str = "<config>", base: Path | None = None) -> Config:
    """Check configuration text. A relative `store` path is resolved against `base` when it is given."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None
    data = _interpolated(data, path=path, text=text, where="")
    for key in data:
        if key not in _TOP_KEYS and key not in _TABLE_KEYS:
            raise ConfigError(
                path,
                f"unknown key {key!r} (known: {', '.join(_TOP_KEYS)}); known tables: [[source]], [[rule]], [[sink]]",
            )
    store = data.get("store", "tradewatch.sqlite")
    if not isinstance(store, str) or not store.strip():
        raise ConfigError(
            path, "store: must be a non-empty string (a file path, ':memory:' or a postgresql:// URL)"
        )
    if store != ":memory:" and not is_postgres_url(store) and base is not None:
        store = str(base / Path(store).expanduser())
    keep_items = _retention(data, "keep_items", ITEMS_KEEP, path)
    keep_delivered = _retention(data, "keep_delivered", DELIVERED_KEEP, path)
    workers = data.get("max_workers", 8)
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= 1024:
        raise ConfigError(path, f"max_workers: must be an integer from 1 to 1024, not {workers!r}")
    cpu = data.get("cpu_processes")
    if cpu is not None and (isinstance(cpu, bool) or not isinstance(cpu, int) or not 0 <= cpu <= 64):
        raise ConfigError(path, f"cpu_processes: must be an integer from 0 to 64, not {cpu!r}")
    public_only = data.get("public_only", False)
    if not isinstance(public_only, bool):
        raise ConfigError(path, f"public_only: must be true or false, not {public_only!r}")
    tables = data.get("source", [])
    if not isinstance(tables, list):
        raise ConfigError(path, "source: must be an array of [[source]] tables")
    headers = [text.count("\n", 0, m.start()) + 1 for m in _SOURCE_HEADER.finditer(text)]
    sources: list[Source] = []
    names: dict[str, int] = {}
    for n, table in enumerate(tables):
        line = headers[n] if n < len(headers) and len(headers) == len(tables) else None
        source = _source(table, path=path, index=n, line=line, text=text)
        if source.name in names:
            raise ConfigError(
                path,
                f"name: {source.name!r} is already used by [[source]] #{names[source.name] + 1}",
                table=_label(n, source.name),
                line=line,
            )
        names[source.name] = n
        sources.append(source)
    rules = _rules(data, text, path)
    sinks = _sinks(data, text, path, base)
    known = {"log", *(t["name"] for t in sinks)}
    for n, spec in enumerate(rules):
        for name in spec.sinks:
            if name not in known:
                raise ConfigError(
                    path,
                    f"sinks: no sink named {name!r} (known: {', '.join(sorted(known))})",
                    table=_label(n, spec.rule.name, kind="rule"),
                )
    return Config(
        store=store,
        keep_items=keep_items,
        keep_delivered=keep_delivered,
        max_workers=workers,
        cpu_processes=cpu,
        public_only=public_only,
        sources=tuple(sources),
        rules=rules,
        sinks=sinks,
    )


def _rules(data: Mapping[str, Any], text: str, path: str) -> tuple[RuleSpec, ...]:
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise ConfigError(path, "rule: must be an array of [[rule]] tables")
    headers = [text.count("\n", 0, m.start()) + 1 for m in _RULE_HEADER.finditer(text)]
    specs: list[RuleSpec] = []
    names: dict[str, int] = {}
    for n, table in enumerate(tables):
        line = headers[n] if len(headers) == len(tables) else None
        label = _label(n, table.get("name") if isinstance(table, dict) else None, kind="rule")
        try:
            rule, sinks = rule_from_table(table)
        except RuleError as exc:
            # "any[1].imposer" is written on the line of `any`
            key = re.split(r"[.\[]", exc.key, maxsplit=1)[0] if exc.key else None
            where = _key_line(text, line, key) if key else line
            raise ConfigError(path, str(exc), table=label, line=where) from None
        if rule.name in names:
            raise ConfigError(
                path,
                f"name: {rule.name!r} is already used by [[rule]] #{names[rule.name] + 1}",
                table=label,
                line=line,
            )
        names[rule.name] = n
        specs.append(RuleSpec(rule=rule, sinks=sinks))
    return tuple(specs)


def _sinks(data: Mapping[str, Any], text: str, path: str, base: Path | None) -> tuple[Mapping[str, Any], ...]:
    tables = data.get("sink", [])
    if not isinstance(tables, list):
        raise ConfigError(path, "sink: must be an array of [[sink]] tables")
    headers = [text.count("\n", 0, m.start()) + 1 for m in _SINK_HEADER.finditer(text)]
    checked: list[Mapping[str, Any]] = []
    names: dict[str, int] = {}
    for n, table in enumerate(tables):
        line = headers[n] if len(headers) == len(tables) else None
        label = _label(n, table.get("name") if isinstance(table, dict) else None, kind="sink")
        if isinstance(table, dict) and isinstance(table.get("path"), str) and base is not None:
            # A file sink's path is read like the store's: relative to the configuration file.
            table = {**table, "path": str(base / Path(table["path"]).expanduser())}
        try:
            # Built once to check every key (and that a secret's environment variable is set), then closed:
            # the watcher builds its own when it starts.
            sink_from_table(table).close()
        except SinkConfigError as exc:
            where = _key_line(text, line, exc.key) if exc.key else line
            reason = f"{exc.key}: {exc.reason}" if exc.key else exc.reason
            raise ConfigError(path, reason, table=label, line=where) from None
        name = table["name"]
        if name in names or name == "log":
            raise ConfigError(
                path,
                f"name: {name!r} is already used"
                + (f" by [[sink]] #{names[name] + 1}" if name in names else " by the built-in log sink"),
                table=label,
                line=line,
            )
        names[name] = n
        checked.append(table)
    return tuple(checked)


def _label(index: int, name: object, *, kind: str = "source") -> str:
    return f"[[{kind}]] #{index + 1}" + (f" ({name!r})" if isinstance(name, str) and name.strip() else "")


def _known(
    table: Mapping[str, Any], keys: tuple[str, ...], path: str, label: str | None, line: int | None
) -> None:
    for key in table:
        if key not in keys:
            raise ConfigError(path, f"unknown key {key!r} (known: {', '.join(keys)})", table=label, line=line)


def _key_line(text: str, start: int | None, key: str) -> int | None:
    """The line of ``key = ...`` within the table whose header is on line `start`, if it can be found."""
    if start is None:
        return None
    lines = text.splitlines()
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if stripped.startswith("["):
            break
        if re.match(rf"{re.escape(key)}\s*=", stripped):
            return number + 1
    return start


def _source(table: object, *, path: str, index: int, line: int | None, text: str) -> Source:
    if not isinstance(table, dict):
        raise ConfigError(path, "must be a table", table=_label(index, None), line=line)
    label = _label(index, table.get("name"))
    _known(table, _SOURCE_KEYS, path, label, line)
    for required in ("name", "url"):
        if required not in table:
            raise ConfigError(path, f"{required}: required key missing", table=label, line=line)
    fields = dict(table)
    if "interval" in fields:
        try:
            fields["interval"] = parse_duration(fields["interval"])
        except (ValueError, OverflowError) as exc:
            raise ConfigError(
                path, f"interval: {exc}", table=label, line=_key_line(text, line, "interval")
            ) from None
    if isinstance(fields.get("tags"), str):
        fields["tags"] = [fields["tags"]]
    try:
        return Source(**fields)
    except InvalidValueError as exc:
        raise ConfigError(path, str(exc), table=label, line=_key_line(text, line, exc.field)) from None
