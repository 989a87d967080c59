"""A resident comments on a 施策 of the demo consultation in headless Chromium, with and without
JavaScript: list → consultation → form → confirmation → receipt → receipt check; axe on each page."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

DEMO_TITLE = "【デモ】地域保健医療福祉総合計画 素案（審議会資料）への意見募集"
#: The server refuses a form sent sooner than CONSULT_MIN_FILL_SECONDS (3 s) after it was shown.
FILL_WAIT_MS = 3200


def _serious(axe_check, page: Any, where: str) -> list[tuple[str, str, list]]:
    """Serious/critical axe violations on PAGE, labelled with WHERE, for an assert message."""
    return [(where, v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe_check(page)]


def _open_first_measure_form(page: Any, base: str) -> str:
    """From the consultation list to the comment form of the first 施策; return its name."""
    page.goto(f"{base}/ja/consultations/")
    page.get_by_role("link", name=DEMO_TITLE).click()
    assert page.locator("h1").inner_text() == DEMO_TITLE
    first = page.locator("ol.consult-measures > li").first
    name = first.locator("h3").inner_text()
    first.get_by_role("link", name=re.compile("この施策に意見を書く")).click()
    assert page.locator("h1").inner_text() == "ご意見"
    return name


def _write_and_confirm(page: Any, body: str) -> None:
    """Fill the form like a resident (after the minimum fill time) and ask for the check screen."""
    page.get_by_label("ご意見（必須）").fill(body)
    page.get_by_label("お住まいの地区").select_option(label="太子堂")
    page.get_by_label("年代").select_option(index=3)
    page.wait_for_timeout(FILL_WAIT_MS)
    page.get_by_role("button", name="送信前に確認する").click()
    assert page.locator("h1").inner_text() == "入力内容の確認"


def _receipt(page: Any) -> tuple[str, str]:
    """The receipt number and code shown on the receipt page."""
    assert page.locator("h1").inner_text() == "ご意見を受け付けました"
    return page.locator("#receipt-no").inner_text(), page.locator("#receipt-code").inner_text()


def _check_receipt(page: Any, number: str, code: str) -> None:
    """Open the receipt check from the receipt page and look the comment up."""
    page.get_by_role("link", name="送信したご意見の確認（受付番号と受付確認コード）").click()
    page.get_by_label("受付番号").fill(number)
    page.get_by_label("受付確認コード").fill(code)
    page.get_by_role("button", name="確認", exact=True).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_resident_comments_on_a_measure_and_checks_the_receipt(portal_url, chromium, javascript):
    context = chromium.new_context(java_script_enabled=javascript, locale="ja-JP")
    page = context.new_page()
    measure = _open_first_measure_form(page, portal_url)
    code_name = measure.split(" ", 1)[0]
    assert code_name in page.get_by_label("ご意見の対象となる施策").locator("option:checked").inner_text()
    body = f"見守りの担い手を増やしてください。（{'JSあり' if javascript else 'JSなし'}）"
    _write_and_confirm(page, body)
    facts = page.locator("dl.consult-facts").inner_text()
    assert body in facts and code_name in facts and "太子堂" in facts
    if javascript:  # the counter is live only with JavaScript; the server renders it otherwise
        page.get_by_role("button", name="入力画面に戻って修正する").click()
        assert page.get_by_label("ご意見（必須）").input_value() == body
        assert page.locator("#body-count-n").inner_text() == str(len(body))
        page.wait_for_timeout(FILL_WAIT_MS)
        page.get_by_role("button", name="送信前に確認する").click()
    page.get_by_role("button", name="送信する").click()
    number, code = _receipt(page)
    assert number.isdigit() and re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code), code
    assert body in page.locator("main").inner_text()
    _check_receipt(page, number, code)
    found = page.locator("main").inner_text()
    assert f"{number}" in page.locator("#found-heading").inner_text()
    assert body in found and code_name in found
    context.close()


def test_a_wrong_receipt_code_finds_nothing(portal_url, browser_page):
    page = browser_page
    page.goto(f"{portal_url}/ja/consultations/demo/receipt")
    page.get_by_label("受付番号").fill("1")
    page.get_by_label("受付確認コード").fill("0000-0000-0000-0000")
    page.get_by_role("button", name="確認", exact=True).click()
    assert page.get_by_role("alert").is_visible()
    assert page.locator("#found-heading").count() == 0


def test_an_empty_comment_is_refused_with_a_message_tied_to_the_field(portal_url, browser_page):
    page = browser_page
    _open_first_measure_form(page, portal_url)
    page.wait_for_timeout(FILL_WAIT_MS)
    page.get_by_role("button", name="送信前に確認する").click()
    assert page.locator("h1").inner_text() == "ご意見"
    assert page.get_by_role("alert").is_visible()
    box = page.get_by_label("ご意見（必須）")
    assert box.get_attribute("aria-invalid") == "true"
    assert "body-error" in box.get_attribute("aria-describedby")


def test_axe_finds_no_serious_violation_on_the_resident_pages(portal_url, browser_page, axe_check):
    page = browser_page
    found = []
    page.goto(f"{portal_url}/ja/consultations/")
    found += _serious(axe_check, page, "list")
    page.get_by_role("link", name=DEMO_TITLE).click()
    found += _serious(axe_check, page, "detail")
    page.get_by_role("link", name="全体への意見を書く").click()
    found += _serious(axe_check, page, "comment form")
    page.get_by_role("button", name="送信前に確認する").click()
    found += _serious(axe_check, page, "comment form with errors")
    _write_and_confirm(page, "全体についての意見です。")
    found += _serious(axe_check, page, "confirmation")
    page.get_by_role("button", name="送信する").click()
    number, code = _receipt(page)
    found += _serious(axe_check, page, "receipt")
    page.get_by_role("link", name="送信したご意見の確認（受付番号と受付確認コード）").click()
    found += _serious(axe_check, page, "receipt check form")
    page.get_by_label("受付番号").fill(number)
    page.get_by_label("受付確認コード").fill(code)
    page.get_by_role("button", name="確認", exact=True).click()
    found += _serious(axe_check, page, "receipt check answer")
    for lang in ("en", "ko"):
        page.goto(f"{portal_url}/{lang}/consultations/demo/")
        found += _serious(axe_check, page, f"detail ({lang})")
    assert found == []
