"""The material ``tradewatch demo`` runs on: three sample feeds that change over a scripted sequence of
steps, the changes each step should bring, and a loopback server that plays them.

Step 0 is the baseline (a 25% U.S. tariff on Chinese electric vehicles, a U.S.-China truce until Aug. 12,
China's ban on gallium and germanium exports to the U.S.); each later step makes one scripted change:
the tariff raised to 100%, the truce extended to Nov. 10 (reported by two sources), the ban lifted, a round
of talks scheduled, a tariff threatened. `DEMO_STEPS` says which feeds change at each step and which
changes the ledger must then report.
"""

from ._run import DEMO_RULES, DemoResult, run_demo
from ._script import (
    DEMO_SOURCES,
    DEMO_STEPS,
    DemoSource,
    DemoStep,
    ExpectedChange,
    feed_bytes,
    feed_file_name,
    measure_parts,
    plain,
)
from ._server import DemoServer

__all__ = [
    "DEMO_RULES",
    "DEMO_SOURCES",
    "DEMO_STEPS",
    "DemoResult",
    "DemoServer",
    "DemoSource",
    "DemoStep",
    "ExpectedChange",
    "feed_bytes",
    "feed_file_name",
    "measure_parts",
    "plain",
    "run_demo",
]
