"""The ふりがな switch in Chromium: on and off on a 施策 page without JavaScript, axe clean both ways,
and the ruby page's accessibility tree gives each base text once (the reading beside it, never a
second copy of the kanji; the <rp> parentheses are not read)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

MEASURE = "/ja/plans/node/mirai-plan-2022:revised:measure-1/"


def test_a_resident_switches_furigana_on_and_off_on_a_measure_page(portal_url, browser_page, axe_check):
    page = browser_page
    page.goto(f"{portal_url}{MEASURE}")
    assert page.locator("ruby").count() == 0
    assert axe_check(page) == []
    page.get_by_role("link", name="ふりがなを つける").click()
    assert page.url == f"{portal_url}{MEASURE}?furigana=1"
    heading = page.locator("h1")
    assert heading.locator("ruby").count() > 0
    assert heading.locator("rt").first.is_visible()
    assert not heading.locator("rp").first.is_visible()
    assert axe_check(page) == []
    page.get_by_role("link", name="ふりがなを けす").click()
    assert page.url == f"{portal_url}{MEASURE}"
    assert page.locator("ruby").count() == 0


def test_links_keep_furigana_while_the_resident_moves_on(portal_url, browser_page, axe_check):
    page = browser_page
    page.goto(f"{portal_url}{MEASURE}?furigana=1")
    page.locator("main a[href*='/plans/indicator/']").first.click()
    assert "furigana=1" in page.url and "/plans/indicator/" in page.url
    assert page.locator("main ruby").count() > 0
    assert axe_check(page) == []


def test_the_ruby_page_gives_the_base_text_once_to_the_accessibility_tree(portal_url, browser_page):
    page = browser_page
    page.goto(f"{portal_url}{MEASURE}")
    base = page.locator("h1").inner_text().strip()
    page.goto(f"{portal_url}{MEASURE}?furigana=1")
    readings = [rt.strip() for rt in page.locator("h1 rt").all_inner_texts()]
    # Chromium names the heading e.g. "地域 ちいき 防災 ぼうさい 力 りょく の 向上 こうじょう".
    name = re.search(r'heading "(.*)"', page.locator("h1").aria_snapshot()).group(1)
    assert readings and "(" not in name and "（" not in name
    for kanji in set(re.findall("[一-龥々]", base)):
        assert name.count(kanji) == base.count(kanji), (kanji, name)
    leftover = name
    for reading in readings:
        assert reading in leftover, (reading, name)
        leftover = leftover.replace(reading, "", 1)
    assert leftover.replace(" ", "") == base.replace(" ", "")
