"""Plan pages in four languages: statuses, estimates, target revisions, charts, compare, errors."""

from __future__ import annotations

import csv

import pytest

from tests.helpers import ROOT

LANGS = ("ja", "en", "zh-hans", "ko")
MIRAI = ROOT / "datasets" / "mirai-plan-2022"


def _rows(package: str, resource: str) -> list[dict[str, str]]:
    with open(ROOT / "datasets" / package / f"{resource}.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _measures_and_pillars() -> list[str]:
    ids = []
    for package in ("mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015"):
        ids += [r["node_id"] for r in _rows(package, "nodes") if r["level"] in ("pillar", "measure")]
    return ids


@pytest.mark.parametrize("lang", LANGS)
def test_every_plan_and_measure_page_answers_in_every_language(site_client, lang):
    plans = [r["plan_id"] for p in ("mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015")
             for r in _rows(p, "plans")]
    urls = [f"/{lang}/plans/", f"/{lang}/plans/method/"] + [f"/{lang}/plans/{p}/" for p in plans]
    urls += [f"/{lang}/plans/node/{n}/" for n in _measures_and_pillars()]
    for url in urls:
        assert site_client.get(url).status_code == 200, url


@pytest.mark.parametrize("lang", LANGS)
def test_every_revision_and_compare_page_answers(site_client, lang):
    for rev in _rows("hoken-fukushi-plan", "revisions") + _rows("mirai-plan-2022", "revisions"):
        url = f"/{lang}/plans/{rev['plan_id']}/revisions/{rev['revision_id']}/"
        assert site_client.get(url).status_code == 200, url
    for plan in ("mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015"):
        assert site_client.get(f"/{lang}/plans/{plan}/compare").status_code == 200


def test_measure_page_shows_vision_department_projects_and_statuses(site_client):
    page = site_client.get("/ja/plans/node/mirai-plan-2022:revised:measure-1/").get_data(as_text=True)
    assert "地域防災力の向上" in page
    assert "危機管理部" in page
    assert "防災塾参加人数" in page
    assert "遅れ" in page  # 1-1① is behind its R4 plan (950 of 1,000)
    assert "見込み" in page


def test_indicator_page_says_estimate_and_shows_chart_with_table(site_client):
    page = site_client.get("/en/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
    assert "<svg" in page and 'role="img"' in page and "<desc" in page
    assert "<caption>" in page and 'scope="col"' in page
    assert "950 人" in page and "estimate" in page
    assert "令和4年12月末現在での令和4年度末見込み" in page


def test_indicator_page_shows_target_revision_with_reason(site_client):
    page = site_client.get("/ja/plans/indicator/mirai-plan-2022:outcome:1-2/").get_data(as_text=True)
    assert "19%" in page and "50％" in page
    assert "個別避難計画作成対象者を2, 500人から" in page  # the reason as printed (changes.csv)
    assert "当初計画" in page


def test_japanese_dates_show_both_eras(site_client):
    page = site_client.get("/ja/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
    assert "令和4年度（2022年度）" in page
    english = site_client.get("/en/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
    assert "FY2022" in english and "令和4年度（2022年度）" not in english
    korean = site_client.get("/ko/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
    assert "令和4年度（2022年度）" not in korean


def test_chinese_and_korean_fall_back_to_japanese_content_with_a_note(site_client):
    page = site_client.get("/zh-hans/plans/node/mirai-plan-2022:revised:measure-1/").get_data(as_text=True)
    assert "地域防災力の向上" in page
    assert 'class="fallback-note"' in page


@pytest.mark.parametrize(("url", "text"), [
    ("/en/plans/node/no-such-node/", "This page does not exist"),
    ("/ja/plans/indicator/nope/", "このページは存在しません"),
    ("/en/plans/mirai-plan-2022/revisions/hoken-fukushi-plan:r2024/", "This page does not exist"),
    ("/ko/plans/nope/compare", "페이지"),
])
def test_unknown_ids_are_404_in_the_users_language(site_client, url, text):
    response = site_client.get(url)
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


@pytest.mark.parametrize("query", [
    "?from=nope&to=hoken-fukushi-plan:r2024",
    "?from=hoken-fukushi-plan:r2024&to=hoken-fukushi-plan:r2023-04-26",
    "?from=hoken-fukushi-plan:r2024",
    "?from=mirai-plan-2022:original&to=hoken-fukushi-plan:r2024",
    "?from=%00%ff&to=",
])
def test_bad_compare_parameters_are_400_with_a_message(site_client, query):
    response = site_client.get(f"/en/plans/hoken-fukushi-plan/compare{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "revision" in page


def test_compare_hoken_draft_to_later_text(site_client):
    url = ("/ja/plans/hoken-fukushi-plan/compare"
           "?from=hoken-fukushi-plan:r2023-04-26&to=hoken-fukushi-plan:r2024")
    page = site_client.get(url).get_data(as_text=True)
    for label in ("名称変更", "統合", "分割", "新規", "削除"):
        assert label in page, label
    assert "<del>" in page and "<ins>" in page  # the section name 包括的な支援体制… → 世田谷版…


def test_compare_mirai_original_to_revised_lists_changed_targets_with_reasons(site_client):
    page = site_client.get("/en/plans/mirai-plan-2022/compare").get_data(as_text=True)
    assert "1,200 件" in page and "3,800 件" in page
    assert "当初計画では優先度の高い者を個別避難計画作成対象にすることとしていたが" in page
