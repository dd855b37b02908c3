"""Kill trials: a watcher process SIGKILLed at random points while it polls, commits and delivers, then
restarted, over and over; an account of every alert.

    .venv/bin/python bench/crash.py [--trials 5] [--kills 20] [--items 120]

Each trial is the crash test of the suite (tests/test_crash.py) at a chosen size: a loopback feed gains an
item every 0.15 s, each item after the first poll's baseline is one tariff rate change and so one alert, and
the watcher (tests/crash_child.py, SQLite store, deliveries appended to a file and fsynced) is killed
`--kills` times at a random moment 0.8-2.5 s after its start, then run to the end and stopped cleanly. The
account says how many alerts the outbox held, how many distinct ones reached the sink, how many copies it
received (a repeat is a delivery whose record the kill prevented) and how many rate changes no delivered
alert carries (the target is 0). A trial whose checks fail is reported with the reason and counted.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from test_crash import run_kill_cycle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1000)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, SQLite store, {args.trials} trials of {args.kills} kills")
    print("| trial | kills | items | baseline | alerts | delivered | copies | repeats | lost | time |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals = {"kills": 0, "alerts": 0, "delivered": 0, "copies": 0, "lost": 0, "failed": 0}
    for trial in range(args.trials):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            try:
                account = run_kill_cycle(
                    Path(tmp), kills=args.kills, total=args.items, seed=args.seed + 97 * trial
                )
            except AssertionError as error:
                totals["failed"] += 1
                totals["kills"] += args.kills
                print(f"| {trial + 1} | {args.kills} | FAILED: {str(error)[:200]} |")
                continue
        took = time.perf_counter() - started
        for name in ("kills", "alerts", "delivered", "copies", "lost"):
            totals[name] += getattr(account, name)
        print(
            f"| {trial + 1} | {account.kills} | {account.items} | {account.baseline} | {account.alerts} "
            f"| {account.delivered} | {account.copies} | {account.repeats} | {account.lost} | {took:.0f} s |"
        )
    print(
        f"\n{args.trials} trials, {totals['kills']} kills: {totals['alerts']} alerts, "
        f"{totals['delivered']} delivered at least once, {totals['copies'] - totals['delivered']} repeated "
        f"deliveries, {totals['lost']} lost, {totals['failed']} trials failed"
    )


if __name__ == "__main__":
    main()
