"""Catalogue pages in Chromium: the JSON-LD block raises no CSP violation; axe finds nothing serious."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/ja/datasets/", "/ja/datasets/mirai-plan-2022/", "/en/datasets/setagaya-areas/1.0.0/"]


def _watch_csp(page) -> list[str]:
    """Collect CSP violations: the DOM event (recorded before any page script) and console errors."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    return problems


@pytest.mark.parametrize("path", PAGES)
def test_catalogue_pages_raise_no_csp_violation(portal_url, browser_page, path):
    console = _watch_csp(browser_page)
    response = browser_page.goto(portal_url + path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    browser_page.wait_for_load_state("load")
    assert browser_page.evaluate("window.__csp") == []
    assert console == []


def test_dataset_page_exposes_its_json_ld_to_readers(portal_url, browser_page):
    browser_page.goto(portal_url + "/ja/datasets/mirai-plan-2022/")
    text = browser_page.locator('script[type="application/ld+json"]').text_content()
    data = json.loads(text)
    assert data["@type"] == "Dataset" and data["version"] == "1.1.1"


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation_on_catalogue_pages(portal_url, browser_page, axe_check, path):
    browser_page.goto(portal_url + path)
    violations = axe_check(browser_page)
    assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]
