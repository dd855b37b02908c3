"""Generated feeds through the whole pipeline, many of them: fetch over loopback HTTP, parse, extract, store.

    .venv/bin/python bench/fuzz.py [--feeds 5000] [--seed 0]

The feeds are drawn by the strategy of the reliability tests (tests/test_reliability.py): RSS or Atom
documents of trade news in eight encodings, declared truly, falsely or not at all, and in part mangled
afterwards (bytes cut out, inserted or replaced). Each is served by a loopback server under a drawn
Content-Type (without a charset, or with one of the eight, true or not) and polled once by one watcher, as a user's
source would be; `--seed` makes a run repeatable. The table counts the outcomes: a feed read (items stored,
events extracted) or a failed poll with the kind of error; any exception out of the watcher, any error kind
the documentation does not list, and any event whose evidence is not text of its item are counted as defects
(the target is 0).
"""

from __future__ import annotations

import argparse
import http.server
import platform
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from test_reliability import DOCUMENTED, ENCODINGS, feed_bytes
from tradewatch import Source, Watcher
from tradewatch.watcher import PollStatus

#: The server always answers 200 with a whole body, so only the kinds of a body that is not a readable feed
#: can occur (docs/feeds.md lists them).
DOCUMENTED_HTTP = DOCUMENTED - {"file"}


class Body:
    content = b""
    content_type = "application/rss+xml"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", Body.content_type)
        self.send_header("Content-Length", str(len(Body.content)))
        self.end_headers()
        self.wfile.write(Body.content)

    def log_message(self, *args: Any) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    outcomes: Counter[str] = Counter()
    defects: list[str] = []
    totals = Counter[str]()
    source = Source(name="generated", url=url)
    with Watcher([source], store=":memory:", cpu_processes=0, seed=args.seed) as watcher:

        @settings(
            max_examples=args.feeds,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @seed(args.seed)
        @given(body=feed_bytes(), charset=st.sampled_from([None, *ENCODINGS]))
        def one(body: bytes, charset: str | None) -> None:
            Body.content = body
            Body.content_type = "application/rss+xml" + (f"; charset={charset}" if charset else "")
            totals["feeds"] += 1
            totals["bytes"] += len(body)
            try:
                outcome = watcher.poll_once()["generated"]
            except Exception as error:  # a defect to count, not to stop on
                defects.append(f"exception: {error!r}")
                return
            if outcome.status is PollStatus.FAILED:
                outcomes[f"failed: {outcome.error_kind}"] += 1
                if outcome.error_kind not in DOCUMENTED_HTTP:
                    defects.append(f"undocumented kind {outcome.error_kind}: {outcome.error}")
                return
            outcomes[outcome.status.value] += 1
            totals["items"] += outcome.new
            totals["events"] += outcome.events
            for new in outcome.items:
                for event in new.events:
                    if event.evidence.sentence not in f"{new.item.title}\n{new.item.text}":
                        defects.append(f"evidence not in item: {event.evidence.sentence[:80]!r}")

        started = time.perf_counter()
        one()
        took = time.perf_counter() - started
    server.shutdown()
    print(f"Python {platform.python_version()}: {totals['feeds']:,} generated feeds in {took:.0f} s")
    print(
        f"{totals['bytes'] / 1e6:.1f} MB served, {totals['items']:,} new items, {totals['events']:,} events\n"
    )
    print("| outcome | feeds |\n|---|---:|")
    for name, count in sorted(outcomes.items(), key=lambda pair: -pair[1]):
        print(f"| {name} | {count:,} |")
    print(f"\ndefects: {len(defects)}")
    for defect in defects[:20]:
        print("  ", defect)


if __name__ == "__main__":
    main()
