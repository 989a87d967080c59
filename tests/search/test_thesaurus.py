"""The portal thesaurus is reviewed data: each entry has a reason and points at words the plans use."""

from __future__ import annotations

import csv
import re

import pytest

from portal.search.analysis import fold
from portal.search.expand import DATA
from portal.search.japanese import morph_tokens


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with open(DATA / "thesaurus.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_thesaurus_has_a_few_hundred_entries_each_with_its_reason(rows):
    assert len(rows) >= 300
    assert {r["lang"] for r in rows} == {"ja", "en"}
    assert all(r["typed"].strip() and r["plan_terms"].strip() and len(r["reason"]) > 10 for r in rows)
    keys = [(r["lang"], fold(r["typed"])) for r in rows]
    assert len(keys) == len(set(keys)), "an everyday word is listed twice"


def test_every_plan_word_of_the_thesaurus_occurs_in_the_plans(real_app, rows):
    from portal.search.rebuild import collect_documents

    with real_app.app_context():
        docs = collect_documents(real_app, "ja")
    ja = fold("\n".join(f"{d.title} {d.keywords} {d.body}" for d in docs))
    ja_words = {t for d in docs for t in morph_tokens(f"{d.title} {d.body}")}
    en = " ".join(f"{d.title_en} {d.text_en}".lower() for d in docs)
    missing = []
    for row in rows:
        for term in row["plan_terms"].split("|"):
            if row["lang"] == "ja":
                found = fold(term) in ja or fold(term) in ja_words
            else:
                found = re.search(rf"\b{re.escape(term.lower())}\b", en) is not None
            if not found:
                missing.append((row["typed"], term))
    assert not missing, missing


def test_sudachi_synonym_file_is_shipped_with_its_licence_line():
    first = (DATA / "sudachi_synonyms.tsv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert "Apache-2.0" in first and "SudachiDict" in first
