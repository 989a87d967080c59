"""Issue 16's resident walk in headless Chromium, with the server's test clock: a resident reads a
施策 of the consulted revision, follows 「この施策への意見を書く」 and comments; after the period
closes and the ward publishes its answer, the 施策 page shows the count and the link to 区の考え方,
and the next revision's 施策 shows the earlier opinions through the crosswalk. axe-core runs on
every public page along the way."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_staff_cycle import (
    FILL_WAIT_MS,
    RESPONSE,
    SUMMARY,
    Ward,
    _axe,
    _group_and_respond,
    _page,
    _publish,
    _staff_logs_in,
)
from tests.browser.test_staff_cycle import ward as ward_fixture
from tests.participation.conftest import MEASURE, SUCCESSOR

pytestmark = pytest.mark.browser

REVISION = "hoken-fukushi-plan:r2023-04-26"
#: The staff cycle's server (a copy of the build of its own, clock movable), one for this module.
ward = ward_fixture


def _resident_comments_from_the_measure_page(page: Any, ward: Ward, axe_check) -> str:
    """Read the 施策 from its revision, follow the box's link, comment; return the 受付番号."""
    page.goto(f"{ward.base}/ja/plans/hoken-fukushi-plan/revisions/{REVISION}/")
    page.locator(f'a[href$="/node/{MEASURE}/"]').first.click()
    box = page.locator("section.consult-box")
    _axe(ward, axe_check, page, "施策 page, consultation open")
    box.get_by_role("link", name=re.compile("^意見募集中：この施策への意見を書く（締切 .+）$")).click()
    assert page.get_by_label("ご意見の対象となる施策").input_value() == MEASURE
    _axe(ward, axe_check, page, "comment form from the 施策 page")
    page.get_by_label("ご意見（必須）").fill("地区の相談窓口をもっと身近にしてください。")
    page.wait_for_timeout(FILL_WAIT_MS)
    page.get_by_role("button", name="送信前に確認する").click()
    page.get_by_role("button", name="送信する").click()
    assert page.locator("h1").inner_text() == "ご意見を受け付けました"
    return page.locator("#receipt-no").inner_text()


def test_resident_walk_from_measure_to_comment_to_the_wards_answer_and_the_next_revision(
        ward, chromium, axe_check):
    resident = _page(chromium)
    number = _resident_comments_from_the_measure_page(resident, ward, axe_check)

    ward.close_consultation()
    resident.goto(f"{ward.base}/ja/plans/node/{MEASURE}/")
    box = resident.locator("section.consult-box")
    assert box.get_by_role("link", name=re.compile("この施策への意見を書く")).count() == 0
    assert "締め切りました" in box.inner_text()

    staff = _page(chromium)
    _staff_logs_in(staff, ward, axe_check)
    staff.goto(f"{ward.base}/staff/consultations/demo/")
    _group_and_respond(staff, ward, axe_check, MEASURE, [number])
    _publish(staff, ward, axe_check)
    staff.context.close()

    resident.goto(f"{ward.base}/ja/plans/node/{MEASURE}/")
    box = resident.locator("section.consult-box")
    assert SUMMARY in box.inner_text() and RESPONSE in box.inner_text()
    assert "同趣旨の意見" in box.inner_text() and "投票ではありません" in box.inner_text()
    _axe(ward, axe_check, resident, "施策 page, result published")
    box.get_by_role("link", name="1件の意見 — 区の考え方を読む").click()
    assert re.search(r"/ja/consultations/demo/result#measure-\d+$", resident.url)
    anchor = resident.url.rsplit("#", 1)[1]
    assert resident.locator(f"#{anchor}").is_visible()
    later = resident.locator("ul.later-places").first
    later.get_by_role("link").first.click()
    assert resident.url.endswith(f"/ja/plans/node/{SUCCESSOR}/")
    box = resident.locator("section.consult-box")
    assert SUMMARY in box.inner_text() and RESPONSE in box.inner_text()
    assert "計画の別の版の同じ施策" in box.inner_text()
    _axe(ward, axe_check, resident, "later revision's 施策 page")
    resident.goto(f"{ward.base}/en/plans/node/{SUCCESSOR}/")
    assert "read the ward's responses" in resident.locator("section.consult-box").inner_text()
    _axe(ward, axe_check, resident, "later revision's 施策 page (en)")
    resident.goto(f"{ward.base}/ja/updates/")
    assert "結果公表：" in resident.locator("main").inner_text()
    _axe(ward, axe_check, resident, "updates page")
    resident.context.close()
    assert ward.axe == []
