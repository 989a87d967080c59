"""Follow by e-mail in headless Chromium: from a 施策 page to the form and the answer page, once
without JavaScript (it must work) and once with it (axe-core needs it: nothing serious found)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MEASURE = "hoken-fukushi-plan:r2024:measure-1"


def _walk(page, base: str, lang: str, address: str, axe_check=None) -> list:
    """Follow the 施策 by e-mail; return axe's serious violations when AXE_CHECK is given."""
    problems = []
    page.goto(f"{base}/{lang}/plans/node/{MEASURE}/")
    page.locator("p.follow a").last.click()
    assert "/follow/?target=concept" in page.url
    if axe_check:
        problems += [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe_check(page)]
    page.locator("#follow-address").fill(address)
    page.locator("#freq-weekly").check()
    page.locator("form button[type=submit]").click()
    assert page.locator("h1").inner_text() in ("メールをご確認ください", "Check your mail")
    assert address not in page.content()
    if axe_check:
        problems += [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe_check(page)]
    return problems


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_follow_a_measure_by_email_with_and_without_javascript(portal_url, chromium, axe_check, lang):
    for javascript in (False, True):
        context = chromium.new_context(java_script_enabled=javascript, locale="ja-JP")
        page = context.new_page()
        page.set_default_timeout(10_000)
        problems = _walk(page, portal_url, lang, f"reader-{javascript}@example.jp",
                         axe_check if javascript else None)
        context.close()
        assert problems == []
