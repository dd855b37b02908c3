"""``tradewatch demo``: the watcher's real job on the bundled sample feeds, start to finish, in seconds.

A `DemoServer` on this machine plays the scripted steps; a real `Watcher` (APScheduler ticks, HTTP fetches,
extraction, the ledger in a SQLite file, rules read from a TOML config, the outbox and its delivery tick)
polls it; each alert is printed as a person would want to read it. The demo waits for each step's scripted
changes before it plays the next, and gives up on a step after `step_timeout` seconds.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from tradewatch.config import load_config
from tradewatch.delivery import render_text
from tradewatch.model import Alert
from tradewatch.watcher import Watcher

from ._script import DEMO_STEPS, ExpectedChange
from ._server import DemoServer

__all__ = ["DEMO_RULES", "DemoResult", "run_demo"]

#: The demo's rules, as a user would write them in tradewatch.toml; their alerts go to the "log" sink, which
#: the demo replaces with one that prints to the screen.
DEMO_RULES = """\
[[rule]]
name = "tariff rate moves"
type = "tariff"
changed = "rate"

[[rule]]
name = "truce end date moves"
type = "truce"
changed = "until"

[[rule]]
name = "export controls change"
type = "export_control"
changed = "status"

[[rule]]
name = "talks scheduled"
type = "negotiation"
new = true

[[rule]]
name = "threats"
type = "threat"
new = true
"""


@attrs.frozen(kw_only=True)
class DemoResult:
    """What the demo saw: every alert printed, and the scripted changes no alert matched."""

    alerts: tuple[Alert, ...]
    missed: tuple[ExpectedChange, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.missed


class _Screen:
    """A sink that prints each alert readably and keeps it for the demo to check."""

    digest = False

    def __init__(self, out: TextIO, name: str = "log") -> None:
        self.name = name
        self.out = out
        self.alerts: list[Alert] = []
        self.arrived = threading.Condition()

    def send(self, alerts: Sequence[Alert]) -> None:
        for alert in alerts:
            _, body = render_text([alert])
            self.out.write("\n  " + body.replace("\n", "\n    ") + "\n")
            self.out.flush()
        with self.arrived:
            self.alerts += alerts
            self.arrived.notify_all()

    def close(self) -> None:
        pass


def _matched(expected: ExpectedChange, alerts: Sequence[Alert]) -> bool:
    return any(a.change is not None and expected.matches(a.change) for a in alerts)


def run_demo(out: TextIO, *, folder: str | Path | None = None, step_timeout: float = 15.0) -> DemoResult:
    """Play every step of the demo and print the alerts to `out`. The store and config are written to
    `folder` (a temporary folder, removed afterwards, when None)."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tradewatch-demo-") as scratch:
        where = Path(folder) if folder is not None else Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        with DemoServer() as server:
            config_path = where / "tradewatch.toml"
            config_path.write_text(
                server.config_toml(where / "demo.sqlite", interval="1s", rules_toml=DEMO_RULES),
                encoding="utf-8",
            )
            config = load_config(config_path)
            screen = _Screen(out)
            out.write(
                f"tradewatch demo: {len(config.sources)} sample feeds served at {server.base_url}, "
                f"{len(config.rules)} rules from {config_path.name}, store {where / 'demo.sqlite'}\n"
            )
            watcher = Watcher(
                config.sources,
                store=config.store,
                cpu_processes=config.cpu_processes,
                rules=[(spec.rule, spec.sinks) for spec in config.rules],
                sinks=[screen],
            )
            missed: list[ExpectedChange] = []
            try:
                watcher.start()
                out.write(f"\nstep 0: {DEMO_STEPS[0].title}\n")
                _wait(lambda: all(s.health.last_success is not None for s in watcher.sources()), step_timeout)
                measures = watcher.store.measures()
                out.write(f"  baseline read: {len(measures)} measures in the ledger, no alerts (not news)\n")
                for step in DEMO_STEPS[1:]:
                    server.advance()
                    out.write(f"\nstep {step.number}: {step.title}\n")
                    out.flush()
                    with screen.arrived:
                        screen.arrived.wait_for(
                            lambda s=step: all(_matched(e, screen.alerts) for e in s.expected),  # type: ignore[misc]
                            timeout=step_timeout,
                        )
                        missed += [e for e in step.expected if not _matched(e, screen.alerts)]
            finally:
                watcher.stop()
    seconds = time.monotonic() - started
    result = DemoResult(alerts=tuple(screen.alerts), missed=tuple(missed), seconds=seconds)
    out.write(
        f"\n{len(result.alerts)} alerts in {seconds:.1f} s; "
        + (
            "every scripted change was reported.\n"
            if result.ok
            else f"{len(missed)} scripted changes missed:\n"
        )
    )
    for change in missed:
        out.write(f"  missed: {change.describe()}\n")
    return result


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
