"""`tradewatch demo` end to end: every scripted change is printed as an alert with its old and new values."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tradewatch.cli import main
from tradewatch.config import load_config
from tradewatch.demo import DEMO_STEPS, run_demo


def test_the_demo_prints_an_alert_for_every_scripted_change(tmp_path: Path) -> None:
    out = io.StringIO()
    result = run_demo(out, folder=tmp_path, step_timeout=20)
    text = out.getvalue()
    assert result.ok, text
    assert result.seconds < 60
    for step in DEMO_STEPS[1:]:
        assert f"step {step.number}: {step.title}" in text
    assert "rate 25% → 100% (+75 points)" in text
    assert "until 2025-08-12 → 2025-11-10 (+90 days)" in text
    assert "status imposed → lifted" in text
    assert "new talks CN+US: scheduled, round 4, in Madrid" in text
    assert "new threat US→CN: tariff of 200% on rare-earth magnets" in text
    # The truce story ran on two sources: one alert, not two.
    assert sum(1 for a in result.alerts if a.rule == "truce end date moves") == 1
    assert len(load_config(tmp_path / "tradewatch.toml").rules) == 5


def test_init_writes_a_config_that_reads_back_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tradewatch.toml"
    assert main(["init", "--config", str(path)]) == 0
    config = load_config(path)
    assert len(config.sources) >= 8 and len(config.rules) == 4
    assert main(["init", "--config", str(path)]) == 2
    assert "exists" in capsys.readouterr().err
    assert main(["init", "--config", str(path), "--force"]) == 0
