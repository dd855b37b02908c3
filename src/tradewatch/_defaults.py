"""What a new user starts from: the default sources (package data ``data/sources.toml``) and the text of a
starter ``tradewatch.toml``, which ``tradewatch init`` writes."""

from __future__ import annotations

from importlib import resources

from .config import parse_config
from .feeds import Source

__all__ = ["default_sources", "default_sources_toml", "starter_config", "toml_string"]

_SOURCES = "sources.toml"


def default_sources_toml() -> str:
    """The ``[[source]]`` tables of the default sources, with their comments, as packaged."""
    return (resources.files("tradewatch") / "data" / _SOURCES).read_text(encoding="utf-8")


def default_sources() -> list[Source]:
    """The default sources: Federal Register feeds (USTR, BIS, ITA, presidential documents), WTO news, the
    European Commission's trade news and two Google News searches (tariffs, export controls)."""
    return list(parse_config(default_sources_toml(), path=f"tradewatch/data/{_SOURCES}").sources)


def toml_string(value: str) -> str:
    """`value` as a TOML basic string. JSON's escapes would almost do, but TOML also forbids a raw DEL."""
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


#: The rules `tradewatch init` starts with: the changes most users want to hear about, to the log.
STARTER_RULES = """\
[[rule]]
name = "tariff rate moves by 5 points or more"
type = "tariff"
changed = "rate"
min_delta = 5

[[rule]]
name = "truce end date moves"
type = "truce"
changed = "until"

[[rule]]
name = "export controls imposed, tightened or lifted"
type = "export_control"
status = ["imposed", "tightened", "lifted"]
any = [ { new = true }, { changed = "status", type = "export_control" } ]

[[rule]]
name = "new threats"
type = "threat"
new = true

# Send alerts elsewhere with a [[sink]] table and `sinks = ["log", "team"]` in a rule, e.g.:
# [[sink]]
# name = "team"
# type = "apprise"              # needs: pip install "tradewatch[apprise]"
# urls = ["mailto://user:password@example.com"]
"""


def starter_config(store: str = "tradewatch.sqlite", *, rules_toml: str = STARTER_RULES) -> str:
    """The text of a new ``tradewatch.toml``: the `store` line, the default sources, and a commented block
    for rules, where `rules_toml` (example rules, usually commented out) is placed verbatim."""
    rules = rules_toml if not rules_toml or rules_toml.endswith("\n") else rules_toml + "\n"
    return (
        "# tradewatch.toml: the sources to watch, and where tradewatch keeps what it has seen.\n"
        "# `tradewatch sources` lists them with their health; `tradewatch watch` polls them until stopped.\n"
        "\n"
        '# A path relative to this file, or ":memory:" for a run that forgets everything when it ends.\n'
        f"store = {toml_string(store)}\n"
        "\n"
        f"{default_sources_toml().rstrip()}\n"
        "\n"
        "# --- Rules: which changes alert, and where the alerts go " + "-" * 44 + "\n"
        "# Without rules the watcher still keeps the ledger of measures up to date; it alerts nobody.\n"
        f"{rules}"
    )
