"""A resident's walk through the site in headless Chromium, and axe-core on every page type."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "/ja/", "/en/plans/", "/ja/plans/mirai-plan-2022/",
    "/ja/plans/mirai-plan-2022/revisions/mirai-plan-2022:original/",
    "/ja/plans/node/mirai-plan-2022:revised:pillar-1/", "/ja/plans/node/mirai-plan-2022:revised:measure-1/",
    "/ja/plans/node/mirai-plan-2022:revised:project-1-1/",
    "/ja/plans/indicator/mirai-plan-2022:action:1-1-1/", "/en/plans/indicator/mirai-plan-2022:action:13-2/",
    "/ja/plans/hoken-fukushi-plan/compare", "/en/plans/mirai-plan-2022/compare", "/ja/plans/method/",
    "/ja/chiku/", "/ja/chiku/02/", "/ko/chiku/area/setagaya/", "/ja/chiku/find?q=太子堂4丁目",
    "/zh-hans/plans/node/hoken-fukushi-plan:r2024:measure-1/", "/ja/plans/no-such-plan/",
]


def test_walk_home_plan_measure_indicator_chart(portal_url, browser_page):
    page = browser_page
    page.goto(f"{portal_url}/ja/")
    page.get_by_role("link", name="世田谷区未来つながるプラン 2022-2023（実施計画）").first.click()
    page.get_by_role("link", name="地域防災力の向上").first.click()
    assert page.locator("h1").inner_text() == "地域防災力の向上"
    page.get_by_role("link", name="1-1① 防災塾参加人数").click()
    chart = page.locator("figure.chart svg[role=img]").first
    assert chart.is_visible()
    assert "防災塾参加人数" in chart.locator("title").text_content()
    assert page.locator("table.figures caption").first.is_visible()
    assert "見込み" in page.locator("main").inner_text()


def test_language_switch_keeps_the_page(portal_url, browser_page):
    page = browser_page
    page.goto(f"{portal_url}/ja/plans/indicator/mirai-plan-2022:action:1-1-1/")
    page.get_by_role("navigation", name="言語").get_by_role("link", name="English").click()
    assert page.url.endswith("/en/plans/indicator/mirai-plan-2022:action:1-1-1/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "bosai-juku" in page.locator("h1").inner_text()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    assert page.url.endswith("/ko/plans/indicator/mirai-plan-2022:action:1-1-1/")
    assert page.locator(".fallback-note").is_visible()


def test_find_district_by_typing_a_chome(portal_url, browser_page):
    page = browser_page
    page.goto(f"{portal_url}/ja/")
    page.get_by_label("町丁目名").fill("たいしどう")
    page.get_by_role("button", name="お住まいの地区を探す").click()
    assert "/ja/chiku/find" in page.url
    page.get_by_label("町丁目名").fill("太子堂４丁目")
    page.get_by_role("button", name="お住まいの地区を探す").click()
    page.get_by_role("link", name="太子堂 地区").click()
    assert page.url.endswith("/ja/chiku/02/")
    assert page.locator("h1").inner_text().startswith("太子堂")


def test_pages_work_without_javascript(portal_url, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{portal_url}/ja/chiku/find?q=%E6%A1%9C%E6%96%B0%E7%94%BA")
    assert "深沢" in page.locator("main").inner_text()
    page.goto(f"{portal_url}/en/plans/indicator/mirai-plan-2022:action:1-2/")
    assert page.locator("svg[role=img]").count() >= 1
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_no_serious_or_critical_violation(portal_url, browser_page, axe_check, path):
    page = browser_page
    page.goto(f"{portal_url}{path}")
    violations = axe_check(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
                              for v in violations]


def test_phone_width_has_no_horizontal_page_scroll(portal_url, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/ja/plans/node/mirai-plan-2022:revised:measure-1/", "/ja/chiku/02/"):
        page.goto(f"{portal_url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360 + 1, (path, width)
    context.close()
