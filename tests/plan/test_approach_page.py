"""The next Basic Plan's approach (seed 002) is shown on its own page, linked from the plans list."""

from __future__ import annotations

import re


def test_plans_list_links_the_next_plan_approach_by_its_title(site_client):
    page = site_client.get("/ja/plans/").get_data(as_text=True)
    assert '<a href="/ja/plans/approach/next-basic-plan/">次期基本計画策定の考え方</a>' in page


def test_japanese_page_shows_the_document_as_printed_with_its_source(site_client):
    response = site_client.get("/ja/plans/approach/next-basic-plan/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>次期基本計画策定の考え方</h1>" in page
    assert "子どもや若者への積極的な意見聴取と計画への反映" in page
    assert "① コロナ禍からの復興・物価高騰等から区民生活と区内経済を守る" in page
    assert ("DXの取組みの加速（本庁舎整備を契機とした働き方改革、"
            "デジタル・デモクラシーによる「参加と協働」の発展）") in page
    assert "デジタル・デモクラシー" in page and "用語解説" in page
    assert "出典：次期基本計画策定の考え方" in page
    assert page.count("<li>") >= 9 + 25
    assert not re.search(r"002_|seed", page, re.IGNORECASE)


def test_english_page_keeps_the_japanese_text_and_marks_the_title_unofficial(site_client):
    page = site_client.get("/en/plans/approach/next-basic-plan/").get_data(as_text=True)
    assert "<h1>Approach to drafting the next Basic Plan</h1>" in page
    assert '<p class="meta" lang="ja">次期基本計画策定の考え方</p>' in page
    assert "unofficial translation" in page
    assert '<span lang="ja">ＥＢＰＭの推進、全庁的なマネジメント力の強化と底上げ</span>' in page
