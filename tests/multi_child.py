"""A watcher process for the multi-process tests: watches the sources of a JSON spec on a shared store until it
is killed or told to stop (SIGTERM), and records what it does, each line flushed and fsynced:

- every alert it delivers, as one JSON line in ``DELIVERED`` (alert id, measure key, old and new value, pid);
- every lease it takes and every poll it commits, as JSON lines in ``POLLS`` (source, times, pid).

    python tests/multi_child.py SPEC

``SPEC`` is a JSON file: ``store`` (a path or a database URL), ``sources`` (a list of objects with ``name``,
``url``, ``interval`` in seconds and ``alert_on_first_poll``), ``delivered`` and ``polls`` (the two output
files), ``go`` (a file whose appearance starts the polling, so that several processes begin together), and
the watcher's settings: ``lease``, ``delivery_lease`` (seconds), ``max_workers``, ``tick``,
``deliver_interval``; ``deliver_sleep`` makes each delivery wait up to that many seconds, so that a kill can
land while deliveries are leased.

A poll counts once its commit returned: a "committing" line is written before ``commit_poll``, a "commit"
line after it came back with a result. A process killed between the two may have committed a poll it never
logged; the tests tell that case from a lost one by the validators the next claim of the source carries.
"""

from __future__ import annotations

import json
import logging
import os
import random
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from tradewatch import Source, Tariff, Watcher, rules
from tradewatch.model import Alert
from tradewatch.store import Claim, Committed, PollResult, open_store


class Log:
    """Appends JSON lines to a file, each flushed and fsynced before `write` returns."""

    def __init__(self, path: str) -> None:
        self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (open for the life of the process)
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, separators=(",", ":")) + "\n"
        with self._lock:
            self._file.write(line)
            self._file.flush()
            os.fsync(self._file.fileno())


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(process)d %(name)s %(message)s")
    pid = os.getpid()
    rng = random.Random(pid)
    deliver_sleep = float(spec.get("deliver_sleep", 0.0))
    polls = Log(spec["polls"])
    delivered = Log(spec["delivered"])
    store = open_store(spec["store"])

    claim_due = store.claim_due
    commit_poll = store.commit_poll

    def logged_claim_due(owner: str, limit: int, lease: timedelta, **kw: Any) -> list[Claim]:
        claims = claim_due(owner, limit, lease, **kw)
        for c in claims:
            polls.write(
                {
                    "ev": "claim",
                    "source": c.source.name,
                    "epoch": c.epoch,
                    "lease_until": c.lease_until.timestamp(),
                    "etag": c.validators.etag,
                    "t": time.time(),
                    "pid": pid,
                }
            )
        return claims

    def logged_commit_poll(owner: str, result: PollResult, **kw: Any) -> Committed | None:
        polls.write(
            {
                "ev": "committing",
                "source": result.name,
                "epoch": result.epoch,
                "polled_at": result.polled_at.timestamp(),
                "etag": None if result.validators is None else result.validators.etag,
                "t": time.time(),
                "pid": pid,
            }
        )
        try:
            committed = commit_poll(owner, result, **kw)
        except Exception as exc:
            # It may have gone through all the same (a connection lost during COMMIT): the test asks the store.
            polls.write(
                {
                    "ev": "commit_error",
                    "source": result.name,
                    "epoch": result.epoch,
                    "polled_at": result.polled_at.timestamp(),
                    "error": f"{type(exc).__name__}: {exc}",
                    "t": time.time(),
                    "pid": pid,
                }
            )
            raise
        polls.write(
            {
                "ev": "commit" if committed is not None else "fenced",
                "source": result.name,
                "epoch": result.epoch,
                "polled_at": result.polled_at.timestamp(),
                "ok": result.ok,
                "error": result.error_kind,
                "t": time.time(),
                "pid": pid,
            }
        )
        return committed

    # Instance attributes shadow the methods: the watcher calls these, the store's own code is unchanged.
    store.claim_due = logged_claim_due  # type: ignore[method-assign]
    store.commit_poll = logged_commit_poll  # type: ignore[method-assign]

    sources = [
        Source(
            name=s["name"],
            url=s["url"],
            interval=timedelta(seconds=s["interval"]),
            alert_on_first_poll=s.get("alert_on_first_poll", False),
        )
        for s in spec["sources"]
    ]
    try:
        watcher = Watcher(
            sources,
            store=store,
            cpu_processes=0,
            max_workers=spec.get("max_workers", 4),
            lease=timedelta(seconds=spec.get("lease", 5)),
            delivery_lease=timedelta(seconds=spec.get("delivery_lease", 3)),
            poll_interval_tick=spec.get("tick", 0.2),
            deliver_interval=spec.get("deliver_interval", 0.2),
            retry_delay=timedelta(milliseconds=200),
            max_retry_delay=timedelta(seconds=2),
            max_attempts=1000,
        )

        @watcher.on(rules.changed(Tariff, "rate", name="rate"), timeout=10.0)
        def deliver(alert: Alert) -> None:
            assert alert.change is not None
            time.sleep(rng.random() * deliver_sleep)
            delivered.write(
                {
                    "id": alert.id,
                    "key": alert.change.key,
                    "old": str(alert.change.old),
                    "new": str(alert.change.new),
                    "source": alert.item.source,
                    "pid": pid,
                    "t": time.time(),
                }
            )

        polls.write({"ev": "ready", "pid": pid, "t": time.time()})
        go = Path(spec["go"])
        while not go.exists():
            time.sleep(0.02)
        watcher.run()
    finally:
        store.close()


if __name__ == "__main__":
    main()
