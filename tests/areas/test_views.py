"""地区 pages: every 地区 and 地域 in four languages, population with its source, lookup by 町丁目."""

from __future__ import annotations

import csv
import re

import pytest

from tests.helpers import ROOT

LANGS = ("ja", "en", "zh-hans", "ko")
AREAS = ROOT / "datasets" / "setagaya-areas"


def _rows(name: str) -> list[dict[str, str]]:
    with open(AREAS / f"{name}.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("lang", LANGS)
def test_every_chiku_and_chiiki_page_answers_in_every_language(site_client, lang):
    assert site_client.get(f"/{lang}/chiku/").status_code == 200
    for chiiki in _rows("chiiki"):
        assert site_client.get(f"/{lang}/chiku/area/{chiiki['chiiki_id']}/").status_code == 200
    for chiku in _rows("chiku"):
        assert site_client.get(f"/{lang}/chiku/{chiku['chiku_id']}/").status_code == 200


def test_index_lists_5_areas_and_28_districts_with_readings(site_client):
    page = site_client.get("/ja/chiku/").get_data(as_text=True)
    assert page.count('href="/ja/chiku/area/') == 5
    assert "<ruby>" not in page  # on Japanese pages ruby comes only through the ふりがな switch
    for chiku in _rows("chiku"):
        assert f">{chiku['name']}</a>" in page
    english = site_client.get("/en/chiku/").get_data(as_text=True)
    for chiku in _rows("chiku"):
        assert f"<rt>{chiku['kana']}</rt>" in english


def test_chiku_page_population_is_the_sum_of_its_chome_with_estat_credit(site_client):
    expected = sum(int(r["population_2015"]) for r in _rows("chome") if r["chiku_id"] == "02")
    page = site_client.get("/en/chiku/02/").get_data(as_text=True)
    assert f"{expected:,}" in page
    assert "e-Stat" in page and "平成27年国勢調査" in page


def test_chiku_page_flags_uncertain_chome_and_draws_a_local_map(site_client):
    uncertain = next(r for r in _rows("chome") if r["confidence"] == "uncertain")
    page = site_client.get(f"/en/chiku/{uncertain['chiku_id']}/").get_data(as_text=True)
    assert uncertain["name"] in page
    assert 'class="confidence-uncertain">Uncertain' in page
    assert "<svg" in page and "pt-uncertain" in page
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", "")  # no tile or image from another host


def test_chiku_page_lists_items_rolled_out_everywhere_and_says_figures_are_ward_wide(site_client):
    page = site_client.get("/ja/chiku/15/").get_data(as_text=True)
    assert "防災塾" in page and "福祉の相談窓口" in page
    assert "地区別の数値はありません" in page


def test_chiku_page_quotes_whole_sentences_grouped_by_plan_and_item(site_client):
    """Issue 18: sentences, not cut lines, under their plan and item, with the item's indicators' status."""
    page = site_client.get("/ja/chiku/15/").get_data(as_text=True)
    section = page[page.index('id="plans-h"'):page.index('id="chome-h"')]
    plans = re.findall(r"<h3>(.*?)</h3>", section)
    assert len(plans) == 3 and len(set(plans)) == 3  # each plan once, its items beneath it
    quotes = re.findall(r'<blockquote lang="ja"><p>(.*?)</p></blockquote>', section)
    assert quotes and all(q.endswith("。") for q in quotes)
    assert any("28 地区の日常生活圏域ごとに「アクションチーム」を結成します。" in q for q in quotes)
    assert not any(q.startswith("知症") for q in quotes)
    item = section[section.index("地域づくりプロジェクト"):]
    item = item[:item.index("</li>")]
    folded = section[section.index("<details>"):section.index("</details>")]  # コラム sentences: background
    assert "コラム" in folded and "28地区もある世田谷区。" in folded
    related = item[item.index('class="related"'):]
    assert "アクションチーム" in related and 'class="status status-' in related  # 4-4's indicators, ward-wide


@pytest.mark.parametrize(("typed", "chiku"), [
    ("桜新町", "深沢"), ("太子堂4丁目", "太子堂"), ("たいしどう", "太子堂"), ("タイシドウ", "太子堂"),
    ("太子堂４丁目", "太子堂"), ("太子堂四丁目", "太子堂"), ("世田谷区太子堂4丁目5-1", "太子堂"),
])
def test_find_district_by_chome_in_kanji_or_kana(site_client, typed, chiku):
    response = site_client.get("/ja/chiku/find", query_string={"q": typed})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<strong lang="ja">{chiku}</strong>' in page or f">{chiku}</a>" in page


def test_find_with_a_chome_number_narrows_to_that_block(site_client):
    page = site_client.get("/ja/chiku/find", query_string={"q": "太子堂4丁目"}).get_data(as_text=True)
    assert "太子堂四丁目" in page and "太子堂一丁目" not in page


@pytest.mark.parametrize("typed", ["", "存在しない町", "<script>alert(1)</script>", "x" * 5000, "%00"])
def test_find_never_fails_and_escapes_input(site_client, typed):
    response = site_client.get("/en/chiku/find", query_string={"q": typed})
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)


def test_unknown_chiku_is_404_in_the_users_language(site_client):
    response = site_client.get("/ja/chiku/99/")
    assert response.status_code == 404
    assert "このページは存在しません" in response.get_data(as_text=True)
    assert site_client.get("/en/chiku/area/nowhere/").status_code == 404
