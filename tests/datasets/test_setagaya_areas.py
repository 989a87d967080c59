"""Tests for the `setagaya-areas` reference Data Package and its extractor."""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
PKG_DIR = REPO / "datasets" / "setagaya-areas"
EXTRACTOR = REPO / "tools" / "extract" / "areas.py"


def load_extractor() -> ModuleType:
    """Import tools/extract/areas.py by path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("extract_areas", EXTRACTOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(name: str) -> list[dict[str, str]]:
    """Read one committed CSV resource."""
    with (PKG_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_counts() -> None:
    """5 地域, 28 地区, 277 町丁目 in 61 町."""
    assert len(rows("chiiki")) == 5
    assert len(rows("chiku")) == 28
    chome = rows("chome")
    assert len(chome) == 277
    assert len({r["town"] for r in chome}) == 61


def test_population_total() -> None:
    """2015 census population sums to 903,346."""
    assert sum(int(r["population_2015"]) for r in rows("chome")) == 903346


def test_every_chome_assigned_once_and_every_chiku_used() -> None:
    """Each 町丁目 appears once with a known 地区; each 地区 has at least one 町丁目."""
    chome = rows("chome")
    keys = Counter(r["key_code"] for r in chome)
    assert max(keys.values()) == 1
    chiku_ids = {r["chiku_id"] for r in rows("chiku")}
    used = Counter(r["chiku_id"] for r in chome)
    assert set(used) == chiku_ids
    assert min(used.values()) >= 1


def test_foreign_keys_and_confidence() -> None:
    """FKs resolve and the confidence column is kept."""
    chiiki_ids = {r["chiiki_id"] for r in rows("chiiki")}
    chiku = rows("chiku")
    assert {r["chiiki_id"] for r in chiku} == chiiki_ids
    # The reference README says 10 / 11 / 7; the file itself has 10 / 12 / 6 (池尻 (01), whose
    # 四丁目 is split with 代沢, is `inferred` in the file). The package keeps the file's values.
    assert Counter(r["confidence"] for r in chiku) == {
        "verified": 10, "inferred": 12, "uncertain": 6
    }
    assert all(r["confidence"] in {"verified", "inferred", "uncertain"} for r in rows("chome"))
    ikejiri4 = [r for r in rows("chome") if r["name"] == "池尻四丁目"]
    assert ikejiri4 and "代沢" in ikejiri4[0]["note"]


def test_town_kana_is_hiragana() -> None:
    """Every town reading is hiragana (or empty) and one reading per 町."""
    by_town: dict[str, set[str]] = {}
    for r in rows("chome"):
        by_town.setdefault(r["town"], set()).add(r["town_kana"])
        assert all("\u3041" <= ch <= "\u309f" or ch == "ー" for ch in r["town_kana"])
    assert all(len(v) == 1 for v in by_town.values())
    assert by_town["三軒茶屋"] == {"さんげんぢゃや"}


def test_descriptor_contract() -> None:
    """Descriptor carries the convention's required properties and the e-Stat credit."""
    desc = json.loads((PKG_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["name"] == "setagaya-areas"
    assert desc["portal"]["kind"] == "reference"
    assert "e-Stat" in desc["attribution_ja"]
    assert any("e-Stat" in s["title"] for s in desc["sources"])
    assert [r["name"] for r in desc["resources"]] == ["chiiki", "chiku", "chome"]
    for res in desc["resources"]:
        assert res["path"] == f"{res['name']}.csv"
        for f in res["schema"]["fields"]:
            assert {"name", "type", "title", "description"} <= set(f)


def test_frictionless_validates() -> None:
    """The package validates with frictionless, foreign keys included."""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(PKG_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_extractor_reproduces_committed_files(tmp_path: Path) -> None:
    """Re-running the extractor gives byte-identical files."""
    if not (SHARED / "reference").is_dir():
        pytest.skip(f"reference files not found at {SHARED / 'reference'}")
    module = load_extractor()
    written = module.build(tmp_path, SHARED)
    assert {p.name for p in written} == {"chiiki.csv", "chiku.csv", "chome.csv",
                                         "datapackage.json"}
    for p in written:
        assert p.read_bytes() == (PKG_DIR / p.name).read_bytes(), p.name


def test_values_match_reference(tmp_path: Path) -> None:
    """Census columns are copied unchanged from the reference file."""
    src_path = SHARED / "reference" / "setagaya_chome_2015_census.csv"
    if not src_path.is_file():
        pytest.skip(f"reference file not found: {src_path}")
    with src_path.open(encoding="utf-8", newline="") as fh:
        src = {r["key_code"]: r for r in csv.DictReader(fh)}
    for r in rows("chome"):
        s = src[r["key_code"]]
        for col in ("name", "name_estat", "town", "chome_no", "area_m2", "population_2015",
                    "households_2015", "rep_lon", "rep_lat"):
            assert r[col] == s[col], (r["key_code"], col)
