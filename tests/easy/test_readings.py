"""Readings for ふりがな: 151 words with expected readings from named sources (≥ 98 % exact).

tests/easy/readings_expected.tsv lists each word, its expected reading, its group and where the
reading comes from (the reference data's 地区 kana, Japan Post's 町 kana, JMdict headwords; the
丁目 counter rule is labelled as a rule). tools/easy/build_readings.py writes it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from portal.easy import readings
from portal.easy.readings import hiragana, reading
from portal.easy.ruby import ruby_html
from portal.search.japanese import word_readings

EXPECTED = Path(__file__).with_name("readings_expected.tsv")
#: Share of words that must be read exactly.
REQUIRED = 0.98
#: Groups and how many words each must have (the issue's minimum).
MINIMUM = {"地区": 28, "町丁目": 60, "用語": 40, "部・計画": 20}


def _rows() -> list[dict[str, str]]:
    with open(EXPECTED, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _kana(text: str) -> str:
    """Only the kana of TEXT (digits, Latin, punctuation dropped: they get no reading)."""
    return re.sub("[^ぁ-ゖー]", "", hiragana(text))


def test_the_word_list_covers_every_group_and_names_its_sources():
    rows = _rows()
    counts = {group: sum(r["kind"] == group for r in rows) for group in MINIMUM}
    assert all(counts[g] >= n for g, n in MINIMUM.items()), counts
    assert len(rows) >= 150
    assert all(r["source"].strip() for r in rows)
    chiku = {r["word"] for r in rows if r["kind"] == "地区"}
    assert len(chiku) == 28


def test_readings_are_exact_for_at_least_98_percent_and_misses_are_listed():
    rows = _rows()
    misses = [(r["word"], r["reading"], reading(r["word"])) for r in rows
              if _kana(reading(r["word"])) != _kana(r["reading"])]
    alone = sum(_kana("".join(k for _s, k in word_readings(r["word"]))) == _kana(r["reading"])
                for r in rows)
    print(f"\nreadings: {len(rows) - len(misses)}/{len(rows)} exact; "
          f"SudachiPy alone (no table, no 丁目 rule): {alone}/{len(rows)}")
    for word, want, got in misses:
        print(f"  miss: {word} expected {want}, got {got}")
    assert (len(rows) - len(misses)) / len(rows) >= REQUIRED, misses


@pytest.mark.parametrize(("word", "expected"), [
    ("等々力", "とどろき"), ("三軒茶屋", "さんげんぢゃや"), ("九品仏", "くほんぶつ"),
    ("池尻四丁目", "いけじりよんちょうめ")])
def test_the_table_overrides_the_analyser_for_proper_nouns(word, expected):
    assert reading(word) == expected


def test_the_table_holds_every_chiku_and_town_of_the_reference():
    table = readings.table()
    root = Path(__file__).resolve().parents[2]
    ref = next((p / "shared" / "reference" for p in (root.parent, root.parent.parent)
                if (p / "shared" / "reference").is_dir()), None)
    if ref is None:
        pytest.skip("../shared/reference is not beside the repository")
    with open(ref / "setagaya_chiku.csv", encoding="utf-8") as fh:
        chiku = {r["name"]: r["kana"] for r in csv.DictReader(fh)}
    with open(ref / "setagaya_chome_2015_census.csv", encoding="utf-8") as fh:
        towns = {r["town"] for r in csv.DictReader(fh)}
    assert towns <= set(table)
    assert all(table[name] == kana for name, kana in chiku.items())


def test_numbers_latin_and_kana_get_no_ruby():
    html = str(ruby_html("令和5年度 ２０２３ PDF みどり"))
    assert html.count("<ruby>") == 2
    assert "5<ruby>" in html and "２０２３ PDF みどり" in html


def test_ruby_has_rp_fallbacks_and_okurigana_outside():
    assert str(ruby_html("見込み")) == "<ruby>見込<rp>(</rp><rt>みこ</rt><rp>)</rp></ruby>み"
    assert str(ruby_html("申し込み")) == ("<ruby>申<rp>(</rp><rt>もう</rt><rp>)</rp></ruby>し"
                                       "<ruby>込<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>み")


def test_ruby_escapes_the_text_around_and_inside():
    html = str(ruby_html('<script>施策</script> & "区"'))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "&#34;" in html or "&quot;" in html
