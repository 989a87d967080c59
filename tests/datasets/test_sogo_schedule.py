"""sogo-senryaku-2015's schedule (seed 000's cover memo, 「３ 主な予定」): every step as printed, on its line."""

from __future__ import annotations

import csv

import pytest

from tests.helpers import ROOT, SEEDS

PACKAGE = ROOT / "datasets" / "sogo-senryaku-2015"
SEED = SEEDS / "000_076715ebbd3c51e9.txt"


def steps() -> list[dict[str, str]]:
    """The schedule rows."""
    with (PACKAGE / "schedule.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_seven_steps_with_the_resident_consultation_as_printed():
    rows = steps()
    assert len(rows) == 7
    consultation = [r for r in rows if r["is_consultation"] == "true"]
    assert [(r["year_ja"], r["when_ja"]) for r in consultation] == [("平成２７年", "９月中旬～１０月上旬")]
    assert rows[-1]["event_ja"] == "「総合戦略」スタート" and rows[-1]["year_ja"] == "平成２８年"


def test_every_step_is_printed_on_its_lines():
    if not SEED.exists():
        pytest.skip(f"seed not available at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for r in steps():
        first, last = int(r["source_line"]), int(r["line_end"])
        wrapped = "".join(line.strip() for line in lines[first:last])  # a time may continue below its row
        assert r["when_ja"].endswith(wrapped), r["step_id"]
        head = r["when_ja"].removesuffix(wrapped) if wrapped else r["when_ja"]
        assert head in lines[first - 1] and r["event_ja"] in lines[first - 1], r["step_id"]
