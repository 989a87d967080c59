"""A resident reads the portal in やさしい日本語 in headless Chromium: switches to 「やさしい にほんご」
on a 施策 page, reads the portal's status explanation, follows a word to the 用語集 (its
explanation is the link's accessible description), and comments through the easy form; axe
clean on every page, and the easy 施策 page fits a phone's width."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

MEASURE = "/ja/plans/node/mirai-plan-2022:revised:measure-1/"
EASY_MEASURE = "/ja-easy/plans/node/mirai-plan-2022:revised:measure-1/"
DEMO_TITLE = "【デモ】地域保健医療福祉総合計画 素案（審議会資料）への意見募集"
#: The server refuses a form sent sooner than CONSULT_MIN_FILL_SECONDS (3 s) after it was shown.
FILL_WAIT_MS = 3200
#: The text of an element as printed, without the ruby readings a reader sees above it.
BASE_TEXT = ("e => { const c = e.cloneNode(true); c.querySelectorAll('rt, rp').forEach(x => x.remove());"
             " return c.textContent.replace(/\\s+/g, ' ').trim(); }")


def _base(locator: Any) -> str:
    """LOCATOR's text without ruby readings."""
    return locator.evaluate(BASE_TEXT)


def _serious(axe_check: Any, page: Any, where: str) -> list[tuple[str, str, list]]:
    """Serious/critical axe violations on PAGE, labelled with WHERE."""
    return [(where, v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe_check(page)]


def _description(page: Any, word: str) -> str:
    """The accessible description Chromium gives the first link named WORD in <main>."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    for node in nodes:
        name = node.get("name", {}).get("value", "")
        if node.get("role", {}).get("value") == "link" and name.replace(" ", "").startswith(word):
            return node.get("description", {}).get("value", "")
    return ""


def test_a_resident_switches_to_easy_japanese_reads_the_status_and_uses_the_glossary(
        portal_url, browser_page, axe_check):
    page = browser_page
    found = []
    page.goto(f"{portal_url}{MEASURE}")
    page.get_by_role("navigation", name="言語").get_by_role("link", name="やさしい にほんご").click()
    assert page.url == f"{portal_url}{EASY_MEASURE}"
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1 rt").count() > 0 and page.locator("h1 rt").first.is_visible()
    assert _base(page.locator("h1")) == "地域防災力の向上"  # the ward's name, not rewritten
    box = page.locator("section.portal-explanation")
    assert box.is_visible()
    assert "ポータルが 書きました" in _base(box.locator("h2"))
    words = _base(box)
    assert "3 つの 指標は、予定より おくれて います。" in words
    assert "3 つの 指標は、まだ 結果が ありません。" in words
    found += _serious(axe_check, page, "easy measure page")
    term = page.locator("main a.term").first
    word = _base(term)
    assert word in ("施策", "事業", "指標", "所管部", "見込み", "地区", "現況値", "実績")
    description = _description(page, word)
    assert description and "<" not in description and "ruby" not in description
    term.click()
    assert re.search(r"/ja-easy/glossary/#term-[\w-]+$", page.url)
    entry = page.locator(f"dt#{page.url.rsplit('#', 1)[1]}")
    assert _base(entry) == word and entry.is_visible()
    assert _base(entry.locator("xpath=following-sibling::dd[1]")).replace(" ", "") == \
        description.replace(" ", "")
    found += _serious(axe_check, page, "easy glossary")
    page.goto(f"{portal_url}/ja/glossary/")
    found += _serious(axe_check, page, "glossary")
    assert found == []


def test_a_resident_comments_through_the_easy_form(portal_url, browser_page, axe_check):
    page = browser_page
    found = []
    page.goto(f"{portal_url}/ja-easy/consultations/")
    page.get_by_role("link", name=re.compile("デモ")).first.click()
    found += _serious(axe_check, page, "easy consultation")
    link = page.locator("ol.consult-measures > li").first.locator("a[href*='measure=']").first
    assert _base(link).startswith("この 施策に 意見を 書く")
    link.click()
    assert _base(page.locator("h1")) == "あなたの 意見"
    assert "ここには 何も 書かないで ください" not in page.locator("main").inner_text()  # honeypot hidden
    found += _serious(axe_check, page, "easy form")
    body = "公園の ベンチを ふやして ください。"
    page.locator("textarea[name=body]").fill(body)
    page.locator("select[name=residence]").select_option(label="太子堂")
    page.wait_for_timeout(FILL_WAIT_MS)
    page.locator("main form button[type=submit]").last.click()
    assert _base(page.locator("h1")) == "書いた 意見を たしかめる"
    assert body in _base(page.locator("main"))
    found += _serious(axe_check, page, "easy confirmation")
    send = page.locator("button.send-button")
    assert _base(send) == "送る"
    send.click()
    assert _base(page.locator("h1")) == "あなたの 意見を 受けつけました"
    assert page.locator("#receipt-no").inner_text().isdigit()
    assert "受付番号と コードを 書いて 取って おいて ください。" in _base(page.locator("main"))
    found += _serious(axe_check, page, "easy receipt")
    assert found == []


def test_the_easy_measure_page_fits_a_phone(portal_url, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="ja-JP")
    page = context.new_page()
    page.goto(f"{portal_url}{EASY_MEASURE}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("section.portal-explanation").is_visible()
    context.close()
