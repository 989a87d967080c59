"""The whole public-comment cycle in headless Chromium: residents comment, the period closes, staff
log in, moderate (redact), group, respond and publish; the resident checks the receipt and reads
the answer. axe-core runs on every staff page and on the result pages along the way."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from portal.clock import TEST_CLOCK_ENV
from tests.helpers import ROOT, serve_copy, server_env

pytestmark = pytest.mark.browser

DEMO_TITLE = "【デモ】地域保健医療福祉総合計画 素案（審議会資料）への意見募集"
PASSWORD = "browser cycle passphrase 2026"
FILL_WAIT_MS = 3200
#: The demo opens at build time for 30 days; 31 days later it has closed.
CLOSED_OFFSET_SECONDS = 31 * 86400
PHONE = "090-1234-5678"
SUMMARY = "見守りの担い手と相談の窓口を増やしてほしい。"
RESPONSE = "地域の見守り活動への支援を計画に盛り込みます。"


@dataclass
class Ward:
    """The module's own server (TESTING on, clock movable through CLOCK_FILE)."""

    base: str
    clock_file: Path
    axe: list[tuple[str, str, list]] = field(default_factory=list)

    def close_consultation(self) -> None:
        """Move the server's clock past the demo's closing time."""
        self.clock_file.write_text(str(CLOSED_OFFSET_SECONDS), encoding="ascii")


@pytest.fixture(scope="module")
def ward(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ward]:
    """A copy of the built site served with a movable clock, and an admin added through the CLI."""
    tmp = tmp_path_factory.mktemp("staff-cycle")
    site, clock_file = tmp / "site", tmp / "clock-offset"
    extra = {"PORTAL_TESTING": "1", TEST_CLOCK_ENV: str(clock_file)}
    with serve_copy(built_site, site, extra) as base:
        command = [sys.executable, "-c", "from portal.cli import main; main()", "user", "add",
                   "clerk", "--role", "admin", "--name", "Browser Test Clerk", "--password-stdin"]
        subprocess.run(command, input=PASSWORD + "\n", text=True, check=True, cwd=ROOT,
                       env={**server_env(site, 0), **extra}, capture_output=True)
        yield Ward(base, clock_file)


def _page(chromium: Any) -> Any:
    """A page in a fresh browser context of its own (own cookies), failing fast on a missing element."""
    page = chromium.new_context(locale="ja-JP").new_page()
    page.set_default_timeout(10_000)
    return page


def _axe(ward: Ward, axe_check, page: Any, where: str) -> None:
    """Record serious/critical axe violations of PAGE under WHERE."""
    ward.axe += [(where, v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe_check(page)]


def _resident_comments(page: Any, base: str, body: str) -> tuple[str, str, str]:
    """Comment on the first 施策 of the demo; return (受付番号, receipt code, 施策 node id)."""
    page.goto(f"{base}/ja/consultations/demo/")
    page.locator("ol.consult-measures > li").first.get_by_role(
        "link", name=re.compile("この施策に意見を書く")).click()
    node_id = page.get_by_label("ご意見の対象となる施策").input_value()
    page.get_by_label("ご意見（必須）").fill(body)
    page.wait_for_timeout(FILL_WAIT_MS)
    page.get_by_role("button", name="送信前に確認する").click()
    page.get_by_role("button", name="送信する").click()
    assert page.locator("h1").inner_text() == "ご意見を受け付けました"
    return page.locator("#receipt-no").inner_text(), page.locator("#receipt-code").inner_text(), node_id


def _staff_logs_in(page: Any, ward: Ward, axe_check) -> None:
    """Open a staff page, get sent to the login form, log in and land on the dashboard."""
    page.goto(f"{ward.base}/staff/")
    assert page.locator("h1").inner_text() == "職員ログイン"
    _axe(ward, axe_check, page, "staff login")
    page.get_by_label("ユーザー名").fill("clerk")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    assert page.locator("h1").inner_text() == "意見募集の一覧"
    _axe(ward, axe_check, page, "staff dashboard")


def _moderate(page: Any, ward: Ward, axe_check, plain: str, with_phone: str) -> None:
    """Review both comments from the queue; redact the phone number in the second."""
    page.get_by_role("link", name=DEMO_TITLE).click()
    _axe(ward, axe_check, page, "moderation queue")
    page.get_by_role("link", name=f"受付番号{plain}", exact=True).click()
    _axe(ward, axe_check, page, "comment page")
    page.get_by_role("button", name="保存する").click()
    assert f"受付番号{plain}の意見を保存しました。" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name=f"受付番号{with_phone}", exact=True).click()
    assert PHONE in page.locator("#original-text").inner_text()
    page.get_by_label("個人情報が含まれている").check()
    redacted = page.get_by_label(re.compile("^公表用の文章"))
    redacted.fill("")
    page.get_by_role("button", name="保存する").click()
    assert page.get_by_role("alert").is_visible() and redacted.get_attribute("aria-invalid") == "true"
    _axe(ward, axe_check, page, "comment page with an error")
    redacted.fill(
        page.locator("#original-text").inner_text().replace(PHONE, "＊＊＊"))
    page.get_by_role("button", name="保存する").click()
    assert f"受付番号{with_phone}の意見を保存しました。" in page.get_by_role("status").inner_text()


def _group_and_respond(page: Any, ward: Ward, axe_check, node_id: str, numbers: list[str]) -> None:
    """Start a group on the 施策, write the ward's response, tick both comments, save."""
    page.get_by_role("navigation", name="職員用ページ").get_by_role(
        "link", name="意見の概要と区の考え方").click()
    _axe(ward, axe_check, page, "groups")
    page.get_by_label("施策", exact=True).select_option(value=node_id)
    page.get_by_label("意見の概要", exact=True).fill(SUMMARY)
    page.get_by_role("button", name="作成する").click()
    _axe(ward, axe_check, page, "group page")
    page.get_by_label("区の考え方", exact=True).fill(RESPONSE)
    page.get_by_label("区の考え方の区分").select_option(value="reflected")
    for no in numbers:
        page.get_by_label(re.compile(f"^受付番号{no}:")).check()
    page.get_by_role("button", name="意見の概要を保存する").click()
    assert page.get_by_role("status").is_visible()
    for no in numbers:
        assert page.get_by_label(re.compile(f"^受付番号{no}:")).is_checked()


def _publish(page: Any, ward: Ward, axe_check) -> None:
    """Open the publication page (now complete) and publish; land on the public result page."""
    page.get_by_role("navigation", name="職員用ページ").get_by_role("link", name="結果の公表").click()
    _axe(ward, axe_check, page, "publish (ready)")
    page.get_by_role("button", name="結果を公表する").click()
    assert page.url.endswith("/ja/consultations/demo/result")
    assert page.locator("h1").inner_text() == "意見募集の結果：意見の概要と区の考え方"


def test_whole_cycle_comment_close_moderate_group_respond_publish_and_read(ward, chromium, axe_check):
    resident = _page(chromium)
    number, code, node_id = _resident_comments(resident, ward.base, "見守りの担い手を増やしてください。")
    other = _page(chromium)
    phone_no, _code, _node = _resident_comments(
        other, ward.base, f"相談の窓口を増やしてください。連絡先は{PHONE}です。")
    other.context.close()

    ward.close_consultation()
    resident.goto(f"{ward.base}/ja/consultations/demo/")
    assert resident.get_by_role("link", name=re.compile("この施策に意見を書く")).count() == 0

    staff = _page(chromium)
    _staff_logs_in(staff, ward, axe_check)
    staff.goto(f"{ward.base}/staff/consultations/demo/publish")
    assert f"受付番号{number}の意見が" in staff.get_by_role("alert").inner_text()
    _axe(ward, axe_check, staff, "publish (incomplete)")
    staff.goto(f"{ward.base}/staff/")
    _moderate(staff, ward, axe_check, number, phone_no)
    _group_and_respond(staff, ward, axe_check, node_id, [number, phone_no])
    _publish(staff, ward, axe_check)
    staff.context.close()

    resident.goto(f"{ward.base}/ja/consultations/demo/receipt")
    resident.get_by_label("受付番号").fill(number)
    resident.get_by_label("受付確認コード").fill(code)
    resident.get_by_role("button", name="確認", exact=True).click()
    counted = resident.locator("#receipt-counted").inner_text()
    assert "あなたの意見は「意見の概要 1」にまとめられています。" in counted
    assert RESPONSE in resident.locator("main").inner_text()
    _axe(ward, axe_check, resident, "receipt check with the answer")
    resident.get_by_role("link", name="結果のページで見る").click()
    group = resident.locator("#group-1")
    assert f"{SUMMARY}（他1件）" in group.inner_text() and RESPONSE in group.inner_text()
    page_text = resident.locator("main").inner_text()
    assert PHONE not in page_text
    _axe(ward, axe_check, resident, "result page")
    resident.goto(f"{ward.base}/en/consultations/demo/result")
    assert RESPONSE in resident.locator("#group-1").inner_text()
    _axe(ward, axe_check, resident, "result page (en)")
    resident.context.close()
    assert ward.axe == []
