"""The やさしい日本語 interface (/ja-easy/): its own catalogue with ruby on every kanji, Japanese
content and formats, reachable from every page's language switcher; the portal's status
explanation on 施策 pages; the 用語集 and the links to it; 地区 pages without forced ruby."""

from __future__ import annotations

import re

MEASURE = "mirai-plan-2022:revised:measure-1"


def _unruby(page: str) -> str:
    """PAGE without its ruby markup (base text kept)."""
    return re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>|</?ruby>", "", page)


def _text(page: str) -> str:
    """The visible text of PAGE without ruby readings and tags."""
    page = re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>", "", page)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def test_easy_pages_are_japanese_with_their_own_strings_and_ruby(site_client):
    page = site_client.get("/ja-easy/").get_data(as_text=True)
    assert '<html lang="ja">' in page
    assert "はじめの ページ" in _text(page)  # the easy catalogue's "Home"
    assert "ホーム" not in _text(page)
    assert "<ruby>" in page and "<rp>(</rp><rt>" in page
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert "<ruby>" not in title
    assert "ふりがなを" not in page  # ruby is always on here: no switch


def test_every_page_links_to_its_easy_version_and_back(site_client):
    page = site_client.get(f"/ja/plans/node/{MEASURE}/").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" lang="ja" hreflang="ja"[^>]*>やさしい にほんご</a>', page)
    assert link and link.group(1) == f"/ja-easy/plans/node/{MEASURE}/"
    easy = site_client.get(link.group(1)).get_data(as_text=True)
    assert re.search(rf'href="/ja-easy/plans/node/{MEASURE}/"[^>]*aria-current="true"', easy)
    assert f'href="/ja/plans/node/{MEASURE}/"' in easy
    assert f'href="/en/plans/node/{MEASURE}/"' in easy


def test_plan_content_keeps_the_wards_wording_with_ruby(site_client):
    plain = _text(site_client.get(f"/ja/plans/node/{MEASURE}/").get_data(as_text=True))
    easy = _text(site_client.get(f"/ja-easy/plans/node/{MEASURE}/").get_data(as_text=True))
    vision = "地域住民の防災意識を高め、自助・共助を推進するとともに"
    assert vision in plain and vision in easy
    assert "地域防災力の向上" in easy


def test_measure_pages_start_with_a_labelled_status_explanation(site_client):
    page = site_client.get(f"/ja-easy/plans/node/{MEASURE}/").get_data(as_text=True)
    box = re.search(r'<section class="portal-explanation".*?</section>', page, re.DOTALL)
    assert box, "no explanation on the 施策 page"
    words = _text(box.group())
    assert "ポータルが 書きました" in words and "区の 文では ありません" in words
    # measure-1: 3 indicators behind the plan, 3 without a result (the same counts as the roll-up).
    assert "6 つの 指標" in words
    assert "3 つの 指標は、予定より おくれて います。" in words
    assert "3 つの 指標は、まだ 結果が ありません。" in words
    assert page.index("portal-explanation") < page.index('id="rollup-h"')
    english = site_client.get(f"/en/plans/node/{MEASURE}/").get_data(as_text=True)
    assert "3 indicators are behind the plan." in _text(english)


def test_the_glossary_exists_in_both_japanese_versions_only(site_client):
    ja = site_client.get("/ja/glossary/").get_data(as_text=True)
    easy = site_client.get("/ja-easy/glossary/").get_data(as_text=True)
    for word in ("施策", "事業", "行動量", "成果指標", "総量", "見込み", "現況値", "パブリックコメント",
                 "区の考え方"):
        assert f"<dfn>{word}</dfn>" in ja
        assert f"<dfn>{word}</dfn>" in _unruby(easy), word
    assert "区の公式な定義ではありません" in ja
    assert "年が 終わる 前に 出した、よそうの 数です。" in _text(easy)
    assert site_client.get("/en/glossary/").status_code == 404


def test_the_first_occurrence_of_a_term_links_to_the_glossary(site_client):
    page = site_client.get(f"/ja/plans/node/{MEASURE}/").get_data(as_text=True)
    links = re.findall(r'<a class="term" href="/ja/glossary/#term-([\w-]+)" '
                       r'aria-describedby="term-note-([\w-]+)">([^<]+)</a>', page)
    assert links
    slugs = [slug for slug, _note, _word in links]
    assert len(slugs) == len(set(slugs)), "a term is linked more than once"
    assert "mikomi" in slugs  # 見込み, in the note above the indicator table
    notes = re.search(r'<div class="term-notes" hidden>(.*?)</div>', page).group(1)
    for slug, note, _word in links:
        assert slug == note and f'<span id="term-note-{slug}">' in notes
    main = page[page.index("<main"):page.index("</main>")]
    assert not re.search(r"<h[1-6][^>]*>[^<]*<a class=\"term\"", main)
    assert 'class="term"' not in site_client.get(f"/en/plans/node/{MEASURE}/").get_data(as_text=True)


def test_easy_term_links_lead_to_the_easy_glossary(site_client):
    page = site_client.get(f"/ja-easy/plans/node/{MEASURE}/").get_data(as_text=True)
    assert 'class="term" href="/ja-easy/glossary/#term-' in page
    notes = re.search(r'<div class="term-notes" hidden>(.*?)</div>', page).group(1)
    assert "<ruby>" not in notes  # a description is read once, without readings


def test_district_pages_have_no_ruby_unless_asked(site_client):
    plain = site_client.get("/ja/chiku/").get_data(as_text=True)
    assert "<ruby>" not in plain
    ruby = site_client.get("/ja/chiku/?furigana=1").get_data(as_text=True)
    assert re.search(r"<ruby>池尻<rp>\(</rp><rt>いけじり</rt>", ruby)


def test_search_districts_and_downloads_work_from_easy_pages(site_client, real_client):
    home = site_client.get("/ja-easy/").get_data(as_text=True)
    for path in ("/ja-easy/search", "/ja-easy/chiku/", "/ja-easy/datasets/", "/ja-easy/glossary/"):
        assert f'href="{path}' in home, path
    found = _text(real_client.get("/ja-easy/search?q=防災塾").get_data(as_text=True))
    assert re.search(r"\d+件 見つかりました", found)  # the Japanese index, easy words
    assert 'href="/ja-easy/plans/node/' in real_client.get("/ja-easy/search?q=防災塾").get_data(as_text=True)
    chiku = _text(site_client.get("/ja-easy/chiku/find?q=太子堂4丁目").get_data(as_text=True))
    assert "「太子堂4丁目」は この 地区です" in chiku
    dataset = site_client.get("/ja-easy/datasets/").get_data(as_text=True)
    assert re.search(r'href="/ja-easy/datasets/[\w-]+/', dataset)


def test_an_unknown_easy_page_answers_in_easy_japanese(site_client):
    response = site_client.get("/ja-easy/plans/no-such-plan/")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert '<html lang="ja">' in page
    assert "この ページは ありません。" in _text(page)
    missing = site_client.get("/ja-easy/no-such-page/")
    assert missing.status_code == 404
    assert "この ページは ありません。" in _text(missing.get_data(as_text=True))
