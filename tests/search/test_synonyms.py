"""Issue 20: residents' own words — colloquial Japanese, rare next to common words, English synonyms
without matches inside other words, and an honest answer for words no plan uses."""

from __future__ import annotations

import re

import pytest

from portal.search import expand
from portal.search.analysis import fold
from portal.search.services import search_documents


def _answer(app, q: str, lang: str = "ja"):
    with app.test_request_context(f"/{lang}/search"):
        return search_documents(lang, q)


@pytest.fixture(scope="module")
def texts(real_app) -> dict[str, str]:
    """uid → the folded text a page holds (title, keywords, body, English name and text)."""
    from portal.search.rebuild import collect_documents

    with real_app.app_context():
        docs = collect_documents(real_app, "ja")
    return {d.uid: fold(" ".join((d.title, d.keywords, d.body, d.title_en, d.text_en))) for d in docs}


@pytest.mark.parametrize(("query", "official", "expected"), [
    ("年配の人", "高齢者", "measure:mirai-plan-2022:revised:measure-9"),
    ("保育園に入れない", "保育", "project:sogo-senryaku-2015:soan:p1-i1-s2"),
    ("引き籠もり", "ひきこもり", "measure:mirai-plan-2022:revised:measure-3"),
    ("学校に行けない", "不登校", "project:hoken-fukushi-plan:r2024:project-8-1-2"),
    ("seniors", "older people", "pillar:mirai-plan-2022:revised:pillar-1"),
])
def test_colloquial_query_finds_the_official_terms_pages(real_app, query, official, expected):
    answer = _answer(real_app, query)
    assert expected in [f"{r.kind}:{r.key}" for r in answer.results]
    assert official in answer.also


def test_the_page_says_which_words_it_also_searched_for(real_client):
    page = real_client.get("/ja/search", query_string={"q": "年配の人"}).get_data(as_text=True)
    assert "計画で使われている次の言葉でも検索しました" in page
    assert 'href="/ja/search?q=%E9%AB%98%E9%BD%A2%E8%80%85"' in page  # 高齢者, a link


def test_typed_words_weigh_more_than_their_expansions(app):
    """Two pages of one kind, one with the word typed (老人), one with its thesaurus word (高齢者)."""
    from portal.search.documents import Document
    from portal.search.services import update_documents

    docs = [Document("project", key, "ja", title, endpoint="site.home")
            for key, title in (("a", "高齢者の住まい"), ("b", "老人の住まい"))]
    with app.app_context():
        update_documents(docs)
    answer = _answer(app, "老人")
    assert [r.key for r in answer.results] == ["b", "a"]
    assert answer.results[0].score > answer.results[1].score
    assert answer.also == ["高齢者"]


@pytest.mark.parametrize(("query", "rare"), [
    ("ゲリラ豪雨対策", "豪雨"), ("認知症の支援", "認知症"), ("防災塾の推進", "防災塾"),
    ("ヤングケアラー支援", "ヤングケアラー"), ("dementia support", "dementia"),
])
def test_rare_and_common_query_ranks_pages_with_the_rare_word_first(real_app, texts, query, rare):
    """The first page holds the rare word; no page is there for the common word (対策, 支援) alone."""
    answer = _answer(real_app, query)
    ranked = [f"{r.kind}:{r.key}" for r in answer.results]
    assert ranked and fold(rare) in texts[ranked[0]]
    words = [fold(rare), *(fold(w) for w in answer.also)]
    assert all(any(w in texts[uid] for w in words) for uid in ranked), answer.also


def test_a_page_sharing_only_the_common_word_is_never_listed(real_app, texts):
    """空き家 is in no plan: the answer may list pages on 住宅 (its thesaurus words), never 対策 alone."""
    answer = _answer(real_app, "空き家対策")
    assert "空き家" in answer.absent
    for r in answer.results:
        text = texts[f"{r.kind}:{r.key}"]
        assert any(fold(w) in text for w in ("空き室", "住宅")), r.title


@pytest.mark.parametrize("word", ["art", "care", "nation", "ward", "station", "plan"])
def test_english_one_word_query_never_matches_inside_another_word(real_app, texts, word):
    answer = _answer(real_app, word)
    also = [fold(w) for w in answer.also]
    for r in answer.results:
        text = texts[f"{r.kind}:{r.key}"]
        assert re.search(rf"(?<![a-z]){word}", text) or any(a in text for a in also), r.title


def test_english_word_no_plan_uses_is_not_answered_by_a_near_spelling(real_app):
    """ration: the plans say ratio, rate and evacuation, never ration."""
    answer = _answer(real_app, "ration")
    assert answer.results == [] and answer.absent == ["ration"]


@pytest.mark.parametrize(("query", "lang", "message"), [
    ("ペットの防災", "ja", "「ペット」という言葉を使っているページはありません。"),
    ("花火大会", "ja", "「花火」という言葉を使っているページはありません。"),
    ("karaoke", "en", "No page uses the word “karaoke”."),
])
def test_absent_term_is_said_plainly_with_no_list(real_client, query, lang, message):
    page = real_client.get(f"/{lang}/search", query_string={"q": query}).get_data(as_text=True)
    assert message in page
    assert '<ol class="results"' not in page


def test_absent_term_offers_related_words_as_links(real_client):
    page = real_client.get("/ja/search", query_string={"q": "ペットの防災"}).get_data(as_text=True)
    assert "計画で使われている関連する言葉" in page
    assert 'href="/ja/search?q=%E9%98%B2%E7%81%BD"' in page  # 防災


def test_api_reports_unused_and_related_words(real_client):
    body = real_client.get("/api/v1/search", query_string={"q": "ペットの防災", "lang": "ja"}).get_json()
    assert body["total"] == 0 and body["unused_words"] == ["ペット"] and body["related"] == ["防災"]
    body = real_client.get("/api/v1/search", query_string={"q": "年配の人", "lang": "en"}).get_json()
    assert "高齢者" in body["also_searched"] and body["total"] > 0


def test_sudachi_synonyms_come_by_group_id_and_respect_the_trigger_flag():
    found = expand.synonyms("高齢者", "高齢者", [13456])
    assert {"年寄り", "老人"} <= set(found) and "高齢者" not in found
    assert expand.synonyms("シニア", "シニア", [13456]) == []  # シニア may be a target, never a trigger
    assert expand.synonyms("年配", "年配", []) == []
