"""The layout's chrome is rendered once per language and page address: it must still be this
page's chrome, in this language, for every visitor."""

from __future__ import annotations

import re

from portal import chrome


def _switcher(page: str) -> dict[str, str]:
    """The language switcher's links: language → href."""
    nav = re.search(r'<nav aria-label="[^"]*" class="lang-switch">(.*?)</nav>', page, re.S).group(1)
    return {lang: href for href, lang in re.findall(r'<a href="([^"]*)" lang="([^"]*)"', nav)}


def test_each_page_gets_the_switcher_of_its_own_address(client):
    first = client.get("/en/plans/tiny/").get_data(as_text=True)
    other = client.get("/en/").get_data(as_text=True)
    again = client.get("/en/plans/tiny/").get_data(as_text=True)
    assert _switcher(first)["ko"] == _switcher(again)["ko"] == "/ko/plans/tiny/"
    assert _switcher(other)["ko"] == "/ko/"


def test_the_same_page_in_two_languages_gets_each_its_own_chrome(client):
    en = client.get("/en/plans/tiny/").get_data(as_text=True)
    ja = client.get("/ja/plans/tiny/").get_data(as_text=True)
    assert "Skip to main content" in en and "Skip to main content" not in ja
    assert re.search(r'href="/ja/plans/tiny/"[^>]*aria-current="true"', ja)
    assert re.search(r'href="/en/plans/tiny/"[^>]*aria-current="true"', en)


def test_a_page_with_a_query_keeps_its_own_query_in_the_switcher(client):
    client.get("/ja/search?q=%E9%98%B2%E7%81%BD")  # 防災
    page = client.get("/ja/search?q=%E5%AD%90%E3%81%A9%E3%82%82").get_data(as_text=True)  # 子ども
    assert _switcher(page)["en"] == "/en/search?q=%E5%AD%90%E3%81%A9%E3%82%82"


def test_the_cache_is_bounded(app, client):
    assert app.extensions["chrome_cache"].maxsize == chrome.MAX_ENTRIES
    app.extensions["chrome_cache"].resize(4)
    for lang in ("ja", "en", "ko", "zh-hans"):
        client.get(f"/{lang}/")
        client.get(f"/{lang}/plans/tiny/")
    assert len(app.extensions["chrome_cache"]) <= 4
