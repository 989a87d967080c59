"""Every published package: validates, traces each figure to its source line, names in ja and en."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.build import build
from portal.catalog import packages
from portal.db import get_session
from portal.plan.models import Indicator, Node, Observation
from tests.helpers import ROOT, SEEDS

PACKAGES = packages.discover(ROOT / "datasets")
_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_NUMBER = re.compile(r"\d{1,3}(?:[,，]\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _numbers(line: str) -> list[float]:
    """Numbers printed on LINE: digit width folded, thousands separators and spaces dropped.

    Tokens are read both as printed (so `16,679 25,028` gives two numbers) and with every space
    removed (so a number split by the PDF extraction, `9 2.8`, is still found).
    """
    folded = line.translate(_DIGITS)
    tokens = _NUMBER.findall(folded) + _NUMBER.findall(re.sub(r"\s", "", folded))
    return [float(re.sub(r"[,，\s]", "", t)) for t in tokens]


def _figure_rows() -> list[tuple[str, str, dict[str, str]]]:
    """Every row of every resource that carries value + source_document + source_line."""
    rows = []
    for folder in PACKAGES:
        desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for res in desc["resources"]:
            names = {f["name"] for f in res["schema"]["fields"]}
            if not {"value", "source_document", "source_line"} <= names:
                continue
            with open(folder / res["path"], encoding="utf-8", newline="") as fh:
                rows.extend((folder.name, res["name"], row) for row in csv.DictReader(fh))
    return rows


def test_there_are_packages_to_check():
    assert {p.name for p in PACKAGES} >= {
        "mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015", "setagaya-areas"}


@pytest.mark.parametrize("folder", PACKAGES, ids=lambda p: p.name)
def test_package_validates_with_frictionless(folder: Path):
    problems = packages.validate(folder)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("folder", PACKAGES, ids=lambda p: p.name)
def test_package_metadata_is_complete_and_bilingual(folder: Path):
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for key in ("title", "title_ja", "description", "description_ja", "version", "created",
                "licenses", "sources", "contributors", "keywords", "attribution_ja"):
        assert desc.get(key), f"{folder.name} lacks {key}"
    for res in desc["resources"]:
        assert res["schema"].get("primaryKey"), f"{res['name']} has no primary key"
        undocumented = [f["name"] for f in res["schema"]["fields"] if not f.get("description")]
        assert not undocumented, f"{res['name']}: fields without description {undocumented}"


def test_every_figure_occurs_on_its_source_line():
    if not SEEDS.is_dir():
        pytest.skip(f"provenance not checked: the seed documents are not at {SEEDS}")
    lines = {p.name: p.read_text(encoding="utf-8").splitlines() for p in SEEDS.glob("*.txt")}
    checked, wrong = 0, []
    for package, resource, row in _figure_rows():
        if row["value"] in ("", None):
            continue
        value = float(row["value"])
        doc_lines = lines.get(row["source_document"])
        assert doc_lines is not None, f"{package}/{resource}: unknown document {row['source_document']}"
        printed = _numbers(doc_lines[int(row["source_line"]) - 1])
        if not any(abs(n - value) < 1e-9 for n in printed):
            wrong.append(f"{package}/{resource} {row.get('observation_id') or row}: {row['value']}")
        checked += 1
    assert checked > 1000
    assert not wrong, f"{len(wrong)} figures not found on their line: {wrong[:5]}"


def test_every_observation_names_its_source():
    for package, resource, row in _figure_rows():
        if resource == "observations":
            assert row["source_document"] and row["source_line"], f"{package}: {row}"
            assert row["value_text"] != "", f"{package}: value_text must keep the printed cell"


def test_values_are_empty_where_the_cell_is_not_a_number():
    for _package, resource, row in _figure_rows():
        if resource == "observations" and row["value_text"].strip() in {"―", "－", "-", "検討・調整"}:
            assert row["value"] == "", row


def test_circled_numbers_survive_in_codes():
    with open(ROOT / "datasets" / "mirai-plan-2022" / "indicators.csv", encoding="utf-8") as fh:
        codes = {row["code"] for row in csv.DictReader(fh)}
    assert "12-3②" in codes and "1-1①" in codes


def test_build_loads_every_package_with_japanese_and_english_names(real_app):
    with real_app.app_context():
        session = get_session()
        assert session.scalar(select(func.count()).select_from(Indicator)) == 154 + 83
        assert session.scalar(select(func.count()).select_from(Observation)) > 1000
        nameless = session.scalar(select(func.count()).select_from(Node).where(
            (Node.name_en == "") | (Node.name_ja == "")))
        assert nameless == 0
        unnamed = session.scalar(select(func.count()).select_from(Indicator).where(
            (Indicator.name_en == "") | (Indicator.name_ja == "")))
        assert unnamed == 0


def test_a_second_build_changes_nothing(real_app):
    with real_app.app_context():
        before = get_session().scalar(select(func.count()).select_from(Observation))
        report = build(real_app)
        assert {action for _, _, action, _ in report.packages} == {"unchanged"}
        assert report.index_counts == {}
        assert get_session().scalar(select(func.count()).select_from(Observation)) == before


def test_translations_are_marked_unofficial():
    for folder in PACKAGES:
        desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        if desc["portal"]["kind"] == "plan":
            assert "unofficial" in desc["portal"].get("translation_note", "").lower()
