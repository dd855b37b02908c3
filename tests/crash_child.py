"""A watcher process for the crash tests: polls one feed, alerts on every tariff rate change, and delivers
each alert by appending it to a JSON-lines file (flushed and fsynced before the delivery counts).

    python tests/crash_child.py STORE FEED_URL OUT_FILE SEED

Sleeps at random around each delivery, so that a SIGKILL from the test lands before, during and after the
write as well as in polls and commits.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from datetime import timedelta
from pathlib import Path

from tradewatch import Source, Tariff, Watcher, rules
from tradewatch.model import Alert


def main() -> None:
    store, url, out, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rng = random.Random(seed)
    watcher = Watcher(
        [Source(name="feed", url=url, interval=timedelta(seconds=1))],
        store=store,
        cpu_processes=0,
        lease=timedelta(seconds=2),
        delivery_lease=timedelta(seconds=2),
        poll_interval_tick=0.1,
        deliver_interval=0.1,
        retry_delay=timedelta(milliseconds=100),
        seed=seed,
    )

    @watcher.on(rules.changed(Tariff, "rate", name="rate"), timeout=5.0)
    def deliver(alert: Alert) -> None:
        time.sleep(rng.random() * 0.05)
        assert alert.change is not None
        line = json.dumps({"id": alert.id, "old": alert.change.old, "new": alert.change.new})
        with open(out, "a", encoding="utf-8") as file:
            file.write(line + "\n")
            file.flush()
            os.fsync(file.fileno())
        time.sleep(rng.random() * 0.05)

    # Until run() installs its own handler, SIGTERM still means a clean exit; the ready file tells the test
    # that the stop it sends from now on is a clean stop, not a kill during start-up.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    Path(out + ".ready").touch()
    watcher.run()


if __name__ == "__main__":
    main()
