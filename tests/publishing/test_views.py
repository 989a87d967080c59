"""The staff pages: upload with errors tied to cells, the preview with status changes, approval by
another admin, then the public pages, the dataset's changelog and search show the new figures."""

from __future__ import annotations

import io
import re

from tests.helpers import hidden_fields
from tests.publishing.conftest import MIRAI, login
from tests.publishing.filling import as_bytes, filled, find_row, put


def _post_upload(client, data: bytes):
    token = hidden_fields(client.get("/staff/data/").get_data(as_text=True))["csrf_token"]
    return client.post(
        "/staff/data/upload",
        content_type="multipart/form-data",
        data={"csrf_token": token, "package": MIRAI, "file": (io.BytesIO(data), "推進状況R5.xlsx")},
    )


def test_upload_preview_approve_and_publish_through_the_staff_pages(pub_app, tmp_path):
    editor = pub_app.test_client()
    login(editor, "editor")
    book = filled(pub_app, tmp_path)
    obs, targets = book["observations"], book["target_changes"]
    bad_row = find_row(
        obs,
        indicator_id="mirai-plan-2022:action:1-1-1",
        series="actual",
        fiscal_year=2023,
        observation_id=None,
    )
    put(obs, bad_row, value="千六百")
    target_row = find_row(targets, indicator_id="mirai-plan-2022:outcome:1-1-1")
    put(targets, target_row, new_value=80, new_value_text="80％")
    page = _post_upload(editor, as_bytes(book))
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert re.search(rf"<td>observations</td><td>{bad_row}</td><td>value</td><td>千六百</td>", html)
    assert re.search(rf"<td>target_changes</td><td>{target_row}</td><td>reason_ja</td>", html)

    put(obs, bad_row, value=1600)
    put(targets, target_row, reason_ja="地域の参加が想定を上回ったため上方修正した。")
    response = _post_upload(editor, as_bytes(book))
    assert response.status_code == 303
    draft_url = response.headers["Location"]
    preview = editor.get(draft_url).get_data(as_text=True)
    assert "防災塾参加人数: 遅れ → 達成" in preview
    assert "地域の参加が想定を上回ったため上方修正した。" in preview
    assert "あなた以外の管理者が承認します" in preview

    admin = pub_app.test_client()
    login(admin, "admin")
    form = hidden_fields(admin.get(draft_url).get_data(as_text=True))
    done = admin.post(
        draft_url + "/decide",
        data={"csrf_token": form["csrf_token"], "decision": "approve", "comment": "決裁済み"},
    )
    assert done.status_code == 303
    assert "1.1.1" in admin.get(draft_url).get_data(as_text=True)

    public = pub_app.test_client()
    indicator = public.get("/ja/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
    assert "1,600" in indicator
    dataset = public.get(f"/ja/datasets/{MIRAI}/").get_data(as_text=True)
    assert "1.1.1" in dataset and "令和5年度 推進状況（テスト用）" in dataset
    found = public.get("/ja/search?q=推進状況（テスト用）").get_data(as_text=True)
    assert f"/ja/datasets/{MIRAI}/" in found
