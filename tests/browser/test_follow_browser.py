"""Follow by e-mail in headless Chromium, without JavaScript: from a 施策 page to the form, the
answer page; axe-core finds nothing serious on either, in Japanese and English."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MEASURE = "hoken-fukushi-plan:r2024:measure-1"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_follow_a_measure_by_email_without_javascript(portal_url, chromium, axe_check, lang):
    context = chromium.new_context(java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{portal_url}/{lang}/plans/node/{MEASURE}/")
    page.locator("p.follow a").last.click()
    assert "/follow/?target=concept" in page.url
    problems = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe_check(page)]
    page.locator("#follow-address").fill("reader@example.jp")
    page.locator("#freq-weekly").check()
    page.locator("form button[type=submit]").click()
    assert page.locator("h1").inner_text() in ("メールをご確認ください", "Check your mail")
    assert "reader@example.jp" not in page.content()
    problems += [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe_check(page)]
    context.close()
    assert problems == []
