"""The chiku-rollout package: every row quotes its source line and names a real plan item."""

from __future__ import annotations

import csv

from portal.catalog import packages
from tests.helpers import ROOT, SEEDS, needs_seeds

FOLDER = ROOT / "datasets" / "chiku-rollout"


def _rows() -> list[dict[str, str]]:
    with open(FOLDER / "rollout.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_package_validates():
    assert packages.validate(FOLDER) == []


@needs_seeds
def test_every_quote_is_printed_on_its_line_and_contains_its_phrase():
    lines: dict[str, list[str]] = {}
    for row in _rows():
        doc = lines.setdefault(row["source_document"],
                               (SEEDS / row["source_document"]).read_text(encoding="utf-8").splitlines())
        assert row["phrase"] in row["quote_ja"]
        assert doc[int(row["source_line"]) - 1].strip() == row["quote_ja"]


def test_every_row_names_a_published_plan_item():
    nodes = set()
    for plan in ("mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015"):
        with open(ROOT / "datasets" / plan / "nodes.csv", encoding="utf-8") as fh:
            nodes |= {r["node_id"] for r in csv.DictReader(fh)}
    rows = _rows()
    assert rows and all(r["node_id"] in nodes for r in rows)
    assert any("防災塾" in r["quote_ja"] for r in rows)  # 各地区において「防災塾」を実施します
    assert any("福祉の相談窓口" in r["quote_ja"] for r in rows)
