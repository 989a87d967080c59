"""The glossary (plan-documents/glossary.csv): one English term per Japanese term everywhere.

Every name pair of every package (`name_ja`/`name_en`, `label_*`, `title_*`, `part_*`), every
descriptor and resource title pair, and every UI string whose Japanese translation uses a
glossary term must use that term's English form.
"""

from __future__ import annotations

import csv
import json

import pytest

from tests.helpers import ROOT

DATASETS = ROOT / "datasets"
PAIRS = ("name", "label", "title", "part")


def _terms() -> list[tuple[str, list[str]]]:
    with (DATASETS / "plan-documents" / "glossary.csv").open(encoding="utf-8", newline="") as fh:
        return [(r["term_ja"], r["forms"].split(";")) for r in csv.DictReader(fh)]


def _fold(text: str) -> str:
    return text.lower().replace("’", "'")


def _misses(pairs: list[tuple[str, str, str]]) -> list[str]:
    """(where, ja, en) pairs whose English lacks the glossary term of a term in the Japanese."""
    found = []
    for where, ja, en in pairs:
        for term, forms in _terms():
            quoted = term in en  # the Japanese term quoted as such (e.g. a search example)
            if term in ja and en and not quoted and not any(_fold(f) in _fold(en) for f in forms):
                found.append(f"{where}: {term} → {forms[0]!r} missing in {en!r}")
    return found


def _package_pairs(folder) -> list[tuple[str, str, str]]:
    pairs = []
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    pairs.append((f"{folder.name} title", desc.get("title_ja", ""), desc.get("title", "")))
    for res in desc["resources"]:
        pairs.append((f"{folder.name}/{res['name']} title", res.get("title_ja", ""), res.get("title", "")))
        with (folder / res["path"]).open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh), start=2):
                for base in PAIRS:
                    if f"{base}_ja" in row and f"{base}_en" in row:
                        pairs.append((f"{folder.name}/{res['path']}:{i}", row[f"{base}_ja"] or "",
                                      row[f"{base}_en"] or ""))
    return pairs


def test_glossary_has_one_english_term_per_japanese_term():
    terms = [t for t, _ in _terms()]
    assert len(terms) == len(set(terms)) >= 10
    assert {"児童館", "防災塾", "お部屋探しサポート", "延べ"} <= set(terms)


@pytest.mark.parametrize("folder", sorted(p.parent for p in DATASETS.glob("*/datapackage.json")),
                         ids=lambda p: p.name)
def test_every_package_uses_the_glossary_terms(folder):
    assert not _misses(_package_pairs(folder))


def test_ui_strings_use_the_glossary_terms():
    pairs = []
    for path in sorted((ROOT / "tools" / "i18n").glob("*.json")):
        for msgid, langs in json.loads(path.read_text(encoding="utf-8")).items():
            pairs.append((f"{path.name}: {msgid[:40]}", langs.get("ja", ""), msgid))
    assert not _misses(pairs)


def test_a_stray_translation_is_caught():
    assert _misses([("x", "児童館の数", "Number of children's houses")])
    assert not _misses([("x", "児童館の数", "Number of children's centres")])
