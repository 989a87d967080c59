"""mirai-plan-2022's chapter 3 ＤＸの推進 (seed 003): texts with source spans, every printed total tested."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest

from tests.helpers import ROOT, SEEDS

PACKAGE = ROOT / "datasets" / "mirai-plan-2022"
SEED = SEEDS / "003_a0da86d5be0d2af2.txt"


def rows(name: str) -> list[dict[str, str]]:
    """Read one CSV of the package."""
    with (PACKAGE / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def figures() -> dict[str, Decimal]:
    """dx_figures by slug."""
    return {r["figure_id"].rsplit(":", 1)[1]: Decimal(r["value"]) for r in rows("dx_figures")}


def test_four_policies_twelve_focus_areas_fourteen_initiatives():
    kinds = [r["kind"] for r in rows("dx_texts")]
    assert (kinds.count("policy"), kinds.count("focus"), kinds.count("item")) == (4, 12, 14)


def test_the_decidim_and_line_pilots_are_there_with_their_years():
    items = {r["name_ja"]: r for r in rows("dx_texts") if r["kind"] == "item"}
    pilot = items["先進事例（市民参加型合意形成プラットフォーム等）の研究"]
    assert "Decidimを導入し、次期基本計画の検討に際して試行を実施" in pilot["fy2022_ja"]
    assert "次期基本計画の骨子案に対する区民意見募集において活用を図る" in pilot["fy2023_ja"]
    line = items["LINEを活用した通報機能やアンケート機能の追加"]
    assert "パブリックコメント1回" in line["fy2022_ja"]


def test_printed_totals_are_tested_sums():
    f = figures()
    assert f["procedures-total"] == f["procedures-childcare"] + f["procedures-care"]  # 26 = 15 + 11
    assert f["smartphone-basic-total"] == f["smartphone-basic-each"] * f["smartphone-districts"]  # 5 × 28
    assert f["smartphone-help-total"] == f["smartphone-help-each"] * f["smartphone-districts"]  # 2 × 28
    totals = {r["figure_id"].rsplit(":", 1)[1] for r in rows("dx_figures") if r["is_total"] == "true"}
    assert totals == {"procedures-total", "smartphone-basic-total", "smartphone-help-total"}
    assert all(r["total_semantics"] in ("sum", "level", "") for r in rows("dx_figures"))


def test_texts_are_printed_within_their_spans():
    if not SEED.exists():
        pytest.skip(f"seed not available at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")

    def span(a: str, b: str) -> str:
        return re.sub(r"\s", "", "".join(lines[int(a) - 1:int(b)])).replace("◆", "")

    for r in rows("dx_texts"):
        for col in ("content", "fy2022", "fy2023"):
            if r[f"{col}_ja"]:
                assert re.sub(r"\s", "", r[f"{col}_ja"]) in span(r[f"{col}_start"], r[f"{col}_end"]), r["text_id"]
    for r in rows("dx_figures"):
        assert r["value_text"] in lines[int(r["source_line"]) - 1], r["figure_id"]
