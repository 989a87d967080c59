"""sogo-senryaku-2015's texts (seed 000's 人口ビジョン: (2)将来の人口推計 and (3)将来展望): as printed, on their lines."""

from __future__ import annotations

import csv
import json
from collections import Counter

from tests.helpers import ROOT, SEEDS, needs_seeds

PACKAGE = ROOT / "datasets" / "sogo-senryaku-2015"
SEED = SEEDS / "000_076715ebbd3c51e9.txt"


def rows(name: str = "texts") -> list[dict[str, str]]:
    """Read one CSV of the package."""
    with (PACKAGE / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def seed_lines() -> list[str]:
    """The seed's lines (index 0 is line 1)."""
    return SEED.read_text(encoding="utf-8").split("\n")


def joined(lines: list[str], first: int, last: int) -> str:
    """Lines FIRST..LAST stripped and joined with nothing between them (as the texts are quoted)."""
    return "".join(line.strip() for line in lines[first - 1:last])


def test_counts_per_section_are_pinned():
    assert Counter(r["section"] for r in rows()) == {
        "projection": 4, "projection_note": 2, "future_outlook": 2, "outlook_issue": 3, "outlook_direction": 3,
        "viewpoint": 3}
    assert len(rows()) == 17


def test_the_outlook_table_has_three_rows_of_two_cells_as_printed():
    table = [r for r in rows() if r["section"] in ("outlook_issue", "outlook_direction")]
    assert [(r["aspect_ja"], r["heading_ja"]) for r in table] == [
        ("自然増減", "現状・課題"), ("自然増減", "目指すべき方向性"),
        ("社会増減", "現状・課題"), ("社会増減", "目指すべき方向性"),
        ("年齢3階層別人口", "現状・課題"), ("年齢3階層別人口", "目指すべき方向性")]
    outside = [r for r in rows() if r not in table]
    assert all(r["aspect_ja"] == "" and r["aspect_line"] == "" for r in outside)


def test_headings_are_as_printed():
    assert {r["section"]: r["heading_ja"] for r in rows() if r["section"] not in ("outlook_issue", "outlook_direction")} \
        == {"projection": "(2)将来の人口推計", "projection_note": "(2)将来の人口推計", "future_outlook": "①将来展望",
            "viewpoint": "②総合戦略につながる3つの視点"}


def test_the_outlook_says_what_the_ward_aims_at():
    outlook = [r["text_ja"] for r in rows() if r["section"] == "future_outlook"]
    assert "長期的には人口減少に歯止めをかけることを視野に入れ、中長期的には安定した地域運営を目指す" in outlook[1]
    assert "緩やかな人口増加と年齢構成のバランスの維持を図る" in outlook[1]


def test_viewpoints_name_the_three_pillars():
    pillars = {r["node_id"]: r["name_ja"] for r in rows("nodes") if r["level"] == "pillar"}
    viewpoints = [r for r in rows() if r["section"] == "viewpoint"]
    assert [r["node_id"] for r in viewpoints] == [f"sogo-senryaku-2015:soan:p{i}" for i in (1, 2, 3)]
    for r in viewpoints:
        assert r["text_ja"].startswith(f"「{pillars[r['node_id']]}」"), r["text_id"]
    assert all(r["node_id"] == "" for r in rows() if r["section"] != "viewpoint")


def test_every_figure_printed_in_the_projection_text_is_in_population_vision():
    text = "".join(r["text_ja"] for r in rows())
    for printed in ("1億人", "1.22", "約1,014,000人", "約874,000人"):
        assert printed in text
        assert any(printed in r["value_text"] or printed.removeprefix("約") in r["value_text"]
                   for r in rows("population_vision")), printed


def test_descriptor_lists_texts_and_a_changelog_entry_that_changes_no_figure():
    desc = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in desc["resources"]]
    assert names[-1] == "texts" and len(names) == 9
    entry = next(e for e in desc["portal"]["changelog"] if e["version"] == "1.2.0")
    assert "数値の変更はない" in entry["summary_ja"] and "No figure changed." in entry["summary_en"]
    assert "17" in entry["summary_ja"] and "17 rows" in entry["summary_en"]


@needs_seeds
def test_every_text_is_found_verbatim_in_its_joined_span():
    lines = seed_lines()
    for r in rows():
        first, last = int(r["source_line"]), int(r["source_line_end"])
        span = joined(lines, first, last)
        assert r["text_ja"] == span.removeprefix("・"), r["text_id"]
        assert lines[first - 1].strip() and lines[last - 1].strip(), r["text_id"]  # the span starts and ends on text
        assert r["source_document"] == SEED.name


@needs_seeds
def test_headings_and_row_labels_are_printed_on_their_lines():
    lines = seed_lines()
    for r in rows():
        assert r["heading_ja"] in lines[int(r["heading_line"]) - 1], r["text_id"]
        if r["aspect_ja"]:
            first = int(r["aspect_line"])
            assert joined(lines, first, first + 2).startswith(r["aspect_ja"]) or \
                lines[first - 1].strip() == r["aspect_ja"], r["text_id"]
    assert lines[811].strip() == "(3)将来展望 ～人口動向の特性や人口推計から見えてくるもの～"


@needs_seeds
def test_the_blocks_cover_the_outlook_without_gaps_or_overlaps():
    lines = seed_lines()
    outlook = sorted((int(r["source_line"]), int(r["source_line_end"])) for r in rows()
                     if r["section"] not in ("projection", "projection_note"))
    covered = {n for a, b in outlook for n in range(a, b + 1)}
    assert sum(b - a + 1 for a, b in outlook) == len(covered)  # no overlap
    printed = {n for n in range(815, 900) if lines[n - 1].strip()}
    labels = {821, 823, 839, 857, 859, 893}  # the table heading, its row labels and the ② heading
    assert printed - labels == {n for n in covered if lines[n - 1].strip()}
