"""hoken-fukushi-plan's context statistics (seed 004): counts as printed, the one printed level tested."""

from __future__ import annotations

import csv
from collections import Counter

from tests.helpers import ROOT

PACKAGE = ROOT / "datasets" / "hoken-fukushi-plan"


def stats() -> list[dict[str, str]]:
    """The context_statistics rows."""
    with (PACKAGE / "context_statistics.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_printed_cell_is_there():
    assert Counter(r["table"] for r in stats()) == {"consultations": 12, "futoko": 5, "hot-school": 13}


def test_futoko_series_fy2019_to_fy2022_as_printed():
    series = {r["fiscal_year"]: r["value"] for r in stats()
              if r["table"] == "futoko" and r["row_label_ja"] == "不登校の児童・生徒"}
    assert series == {"2019": "825", "2020": "968", "2021": "1228", "2022": "1540"}


def test_the_printed_number_of_hot_schools_counts_the_sites_of_the_table():
    rows = [r for r in stats() if r["table"] == "hot-school"]
    level = next(r for r in rows if r["total_semantics"] == "level")
    sites = {r["row_label_ja"] for r in rows if r is not level}
    assert sites == {"ほっとスクール城山", "ほっとスクール尾山台", "ほっとスクール希望丘"}
    assert float(level["value"]) == len(sites) == 3
    kibougaoka = next(r for r in rows if r["row_label_ja"] == "ほっとスクール希望丘" and r["column_ja"] == "相談・見学件数")
    assert (kibougaoka["value"], kibougaoka["value_text"]) == ("1211", "１，２１１件")  # full width kept as printed
