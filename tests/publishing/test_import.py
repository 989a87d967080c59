"""Importing a filled template: a valid upload becomes a private draft with its preview; the CLI
prints the draft id and a change summary."""

from __future__ import annotations

import re

from portal.publishing.models import Draft
from tests.publishing.filling import THREE, as_bytes, filled, import_file


def test_import_of_three_actuals_makes_a_draft_with_its_preview(pub_app, tmp_path):
    result = import_file(pub_app, tmp_path, as_bytes(filled(pub_app, tmp_path)))
    assert result.exit_code == 0, result.output
    draft_id = int(re.search(r"draft (\d+)", result.output).group(1))
    assert "3 added, 0 changed, 0 removed" in result.output
    with pub_app.app_context():
        from portal.db import get_session

        draft = get_session().get(Draft, draft_id)
        added = {(a["indicator_id"], a["fiscal_year"]) for a in draft.summary["added"]}
        assert added == {(i, 2023) for i in THREE}
        assert draft.status == "draft" and draft.base_version == "1.1.1" and draft.bump == "minor"
        assert draft.source["title_ja"].startswith("世田谷区未来つながるプラン")
        print(draft.summary["statuses"], draft.summary["per_measure"])
