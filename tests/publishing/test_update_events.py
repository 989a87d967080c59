"""Issue 16: the ward's data-publishing flow produces the same public "new data version" event as
`portal build` (the event is derived from the release it records): in the site feed, the plan's
feed and on /<lang>/updates/, a correction as a correction."""

from __future__ import annotations

import json
import re

import feedparser

from tests.helpers import MIRAI_NEXT, ROOT
from tests.publishing.conftest import MIRAI
from tests.publishing.filling import as_bytes, filled, import_file


def _publish(app, tmp_path, *extra: str) -> None:
    """Upload the filled template as the editor and approve it as the admin."""
    result = import_file(app, tmp_path, as_bytes(filled(app, tmp_path)), "editor", "upload.xlsx", *extra)
    assert result.exit_code == 0, result.output
    draft_id = re.search(r"draft (\d+)", result.output).group(1)
    approved = app.test_cli_runner().invoke(args=["data", "approve", draft_id, "--by", "admin"])
    assert approved.exit_code == 0, approved.output


def _titles(client, path: str) -> list[str]:
    """The entry titles of the feed PATH (which must parse cleanly)."""
    parsed = feedparser.parse(client.get(path).data)
    assert not parsed.bozo
    return [e.title for e in parsed.entries]


def test_built_version_and_published_version_are_both_events(pub_app, tmp_path):
    client = pub_app.test_client()
    built = json.loads((ROOT / "datasets" / MIRAI / "datapackage.json").read_text("utf-8"))["version"]
    assert any(f"版{built}）" in t for t in _titles(client, f"/ja/updates/plans/{MIRAI}.atom"))
    _publish(pub_app, tmp_path)
    titles = _titles(client, f"/ja/updates/plans/{MIRAI}.atom")
    assert titles[0].startswith(f"新しいデータ（版{MIRAI_NEXT}）")
    assert titles[0] == _titles(client, "/ja/updates/feed.atom")[0]
    page = client.get("/ja/updates/").get_data(as_text=True)
    assert f"新しいデータ（版{MIRAI_NEXT}）" in page and "数値の追加3件" in page


def test_a_correction_is_announced_as_a_correction_with_its_reason(pub_app, tmp_path):
    _publish(pub_app, tmp_path, "--correction", "令和5年度実績の誤りを訂正")
    client = pub_app.test_client()
    parsed = feedparser.parse(client.get(f"/ja/updates/plans/{MIRAI}.atom").data)
    newest = parsed.entries[0]
    built = json.loads((ROOT / "datasets" / MIRAI / "datapackage.json").read_text("utf-8"))["version"]
    major, minor, patch = (int(x) for x in built.split("."))
    assert newest.title.startswith(f"データの訂正（版{major}.{minor}.{patch + 1}）")
    assert "令和5年度実績の誤りを訂正" in newest.summary
