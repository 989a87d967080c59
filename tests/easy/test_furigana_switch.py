"""The ふりがな switch: a link on Japanese pages to the same page with ruby (furigana=1), off by
default, working without JavaScript, and cached separately from the plain page."""

from __future__ import annotations

import re

MEASURE = "/ja/plans/node/mirai-plan-2022:revised:measure-1/"


def _switch(page: str) -> str:
    """The ふりがな switch's link and text."""
    match = re.search(r'<p class="ruby-switch"><a href="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert match, "no ふりがな switch on the page"
    return match.group(1).replace("&amp;", "&"), match.group(2)


def test_japanese_pages_are_plain_by_default_and_link_to_their_ruby_version(site_client):
    page = site_client.get(MEASURE).get_data(as_text=True)
    assert "<ruby>" not in page
    href, text = _switch(page)
    assert text == "ふりがなを つける"
    assert href == MEASURE + "?furigana=1"


def test_the_ruby_version_has_ruby_with_fallbacks_and_a_link_back(site_client):
    page = site_client.get(MEASURE + "?furigana=1").get_data(as_text=True)
    assert "<ruby>" in page and "<rp>(</rp><rt>" in page
    href, text = _switch(page)
    assert (href, text) == (MEASURE, "ふりがなを けす")
    # The title and attributes stay as written (no markup where only text may go).
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert "<ruby>" not in title
    assert not re.search(r'="[^"]*<ruby>', page)


def test_links_from_a_ruby_page_keep_ruby_on(site_client):
    page = site_client.get(MEASURE + "?furigana=1").get_data(as_text=True)
    links = re.findall(r'<a href="(/ja/[^"]*)"([^>]*)>', page)
    assert len(links) > 5
    assert all("furigana=1" in href for href, rest in links if "data-ruby-switch" not in rest)
    assert f'<a href="{MEASURE}" data-ruby-switch' in page


def test_plain_and_ruby_pages_are_cached_apart(site_client):
    url = "/ja/plans/node/mirai-plan-2022:revised:measure-2/"
    ruby = site_client.get(url + "?furigana=1").get_data(as_text=True)
    plain = site_client.get(url).get_data(as_text=True)
    assert "<ruby>" in ruby and _switch(ruby)[1] == "ふりがなを けす"
    assert "<ruby>" not in plain and _switch(plain)[1] == "ふりがなを つける"
    assert site_client.get(url + "?furigana=1").get_data(as_text=True) == ruby


def test_another_value_or_language_gives_the_plain_page(site_client):
    assert "<ruby>" not in site_client.get(MEASURE + "?furigana=yes").get_data(as_text=True)
    english = site_client.get(MEASURE.replace("/ja/", "/en/") + "?furigana=1").get_data(as_text=True)
    assert "<ruby>" not in english and "ruby-switch" not in english


def test_place_names_get_the_tables_readings_on_an_area_page(site_client):
    page = site_client.get("/ja/chiku/16/?furigana=1")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # SudachiPy alone reads 等々力 as とどりき; the table (Japan Post's kana) says とどろき.
    assert "<ruby>等々力<rp>(</rp><rt>とどろき</rt><rp>)</rp></ruby>" in html
    assert "とどりき" not in html
