"""Issue 15's browser test in headless Chromium: an editor downloads the template, fills FY2023
actuals for three indicators of mirai-plan-2022 (openpyxl), uploads a version with two errors,
sees both tied to their cells, fixes them and sees the preview with the status changes; another
admin approves; the public pages show the new figures, the dataset its new version and changelog,
the old version's files are byte for byte the same, and search finds the source document."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import MIRAI_NEXT, MIRAI_VERSION, ROOT, serve_copy, server_env
from tests.publishing.filling import SOURCE, THREE, fill_actuals, fill_source, find_row, put

pytestmark = pytest.mark.browser

PASSWORD = "publishing browser passphrase"
OLD_FILES = ("observations.csv", "observations.json", "datapackage.json",
             f"mirai-plan-2022-{MIRAI_VERSION}.zip")


@pytest.fixture(scope="module")
def ward(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the built site on a writable copy of datasets/, with an editor and an admin."""
    tmp = tmp_path_factory.mktemp("publishing")
    site, datasets = tmp / "site", tmp / "datasets"
    shutil.copytree(ROOT / "datasets", datasets)
    extra = {"PORTAL_DATASETS_DIR": str(datasets)}
    with serve_copy(built_site, site, extra) as base:
        for name, role in (("sato", "editor"), ("suzuki", "admin")):
            command = [sys.executable, "-c", "from portal.cli import main; main()", "user", "add", name,
                       "--role", role, "--name", name.title(), "--password-stdin"]
            subprocess.run(command, input=PASSWORD + "\n", text=True, check=True, cwd=ROOT,
                           env={**server_env(site, 0), **extra}, capture_output=True)
        yield base


def _login(chromium: Any, base: str, user: str) -> Any:
    """A fresh browser context logged in as USER, on the publishing page."""
    page = chromium.new_context(locale="ja-JP", accept_downloads=True).new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base}/staff/data/")
    page.get_by_label("ユーザー名").fill(user)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    assert page.locator("h1").inner_text() == "数値の公表"
    return page


def _digests(base: str) -> dict[str, str]:
    """sha256 of the shipped version's files as served."""
    found = {}
    for name in OLD_FILES:
        with urllib.request.urlopen(f"{base}/datasets/mirai-plan-2022/{MIRAI_VERSION}/{name}") as response:
            found[name] = hashlib.sha256(response.read()).hexdigest()
    return found


def _upload(page: Any, path: Path) -> None:
    """Choose the plan and the file on the upload form and send it."""
    page.get_by_label("計画のデータパッケージ").select_option("mirai-plan-2022")
    page.get_by_label("記入したテンプレート（.xlsx または .csv）").set_input_files(str(path))
    page.get_by_role("button", name="確認して下書きにする").click()


def test_ward_publishes_fy2023_actuals_through_the_browser(chromium, ward, tmp_path):
    before = _digests(ward)
    editor = _login(chromium, ward, "sato")
    with editor.expect_download() as download:
        editor.locator("a[href$='/mirai-plan-2022/template.xlsx']").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    rows = fill_actuals(book)
    fill_source(book)
    put(book["observations"], rows[THREE[1]], value="二十")  # error 1: text in a number column
    target = find_row(book["target_changes"], indicator_id="mirai-plan-2022:outcome:1-1-1")
    put(book["target_changes"], target, new_value=80, new_value_text="80％")  # error 2: no reason
    broken = tmp_path / "推進状況R5-誤りあり.xlsx"
    book.save(broken)
    _upload(editor, broken)
    errors = editor.locator("table.upload-issues tbody tr")
    assert errors.count() == 2
    cells = [errors.nth(i).locator("td").all_inner_texts()[:4] for i in range(2)]
    assert cells == [["observations", str(rows[THREE[1]]), "value", "二十"],
                     ["target_changes", str(target), "reason_ja", ""]]

    put(book["observations"], rows[THREE[1]], value=20)
    put(book["target_changes"], target, reason_ja="地域の参加が想定を上回ったため上方修正した。")
    fixed = tmp_path / "推進状況R5.xlsx"
    book.save(fixed)
    _upload(editor, fixed)
    statuses = editor.locator("ul.status-changes").inner_text()
    assert "防災塾参加人数: 遅れ → 達成" in statuses
    assert "地域の参加が想定を上回ったため上方修正した。" in editor.content()
    draft_url = editor.url
    assert editor.get_by_role("button", name="承認して公表する").count() == 0  # not for the uploader

    admin = _login(chromium, ward, "suzuki")
    admin.goto(draft_url)
    admin.get_by_role("button", name="承認して公表する").click(timeout=240_000)  # publish + re-index
    assert MIRAI_NEXT in admin.locator("main").inner_text()

    admin.goto(f"{ward}/ja/plans/indicator/mirai-plan-2022:action:1-1-1/")
    page_text = admin.locator("main").inner_text()
    assert "1,600" in page_text and "達成" in page_text
    admin.goto(f"{ward}/ja/datasets/mirai-plan-2022/")
    changelog = admin.locator("ol.changelog").inner_text()
    assert MIRAI_NEXT in changelog and SOURCE["title_ja"] in changelog and "sato" in changelog
    assert _digests(ward) == before
    admin.goto(f"{ward}/ja/search?q={SOURCE['title_ja']}")
    assert admin.locator("a[href='/ja/datasets/mirai-plan-2022/']").count() >= 1


def test_ward_supplies_a_documents_official_url_through_the_browser(chromium, ward, axe_check):
    """Issue 18's "the data-publishing flow lets staff fill it": propose, see, approve, then public."""
    url = "https://www.city.setagaya.lg.jp/test-only/mirai-2022-progress.html"
    editor = _login(chromium, ward, "sato")
    editor.get_by_role("link", name="出典資料").click()
    assert editor.locator("h1").inner_text() == "出典資料"
    assert axe_check(editor) == []
    editor.get_by_label("資料", exact=True).select_option("mirai-2022-progress")
    editor.get_by_label("公式URL（https://…。空欄にするとURLを削除）").fill("http://www.city.setagaya.lg.jp/x")
    editor.get_by_label("URLの出どころ（一覧の変更履歴で公開されます）").fill("区の計画一覧のページ")
    editor.get_by_role("button", name="承認を依頼する").click()
    assert "https:// で始め" in editor.get_by_role("alert").inner_text()  # explained, nothing kept
    editor.get_by_label("公式URL（https://…。空欄にするとURLを削除）").fill(url)
    editor.get_by_role("button", name="承認を依頼する").click()
    assert editor.locator("h1").inner_text().startswith("提案 1")
    assert axe_check(editor) == []
    with urllib.request.urlopen(f"{ward}/ja/datasets/mirai-plan-2022/") as response:
        assert url not in response.read().decode()
    admin = _login(chromium, ward, "suzuki")
    admin.goto(f"{ward}/staff/data/documents/drafts/1")
    admin.get_by_role("button", name="承認して公表する").click()
    assert "plan-documents" in admin.locator("body").inner_text()
    public = chromium.new_context(locale="ja-JP").new_page()
    public.goto(f"{ward}/ja/datasets/mirai-plan-2022/")
    assert public.get_by_role("link", name="公式ページ").get_attribute("href") == url
