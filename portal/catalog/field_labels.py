"""Japanese names of the columns whose schema titles are English (for the Excel header rows).

Column titles in the packages are Japanese for some resources and English for others; a
spreadsheet shows both languages, so the portal team names the remaining columns in Japanese
here. These are labels of the portal's own columns, not translations of the ward's content.
"""

from __future__ import annotations

import re
from typing import Any

JA = {
    "name_en": "名称（英語）", "label_en": "版名（英語）", "topic_en": "項目（英語）",
    "note_en": "備考（英語）",
    "strategy_marks": "総合戦略の印", "change_id": "変更ID", "change_kind": "変更の種類",
    "old_value_text": "変更前の値（表記）", "new_value_text": "変更後の値（表記）", "old_value": "変更前の値",
    "new_value": "変更後の値", "reason_ja": "理由", "old_source_line": "変更前の値の出典行",
    "new_source_line": "変更後の値の出典行", "reason_source_line": "理由の出典行（先頭）",
    "budget_id": "事業費行ID", "department_id": "所管部ID", "rollout_id": "行ID", "phrase": "該当語",
    "quote_ja": "記載行", "revisions": "版", "relations": "その他の関係",
    "from_source_document": "元の出典文書",
    "from_source_lines": "元の出典行（複数）", "from_source_line": "元の出典行",
    "to_source_document": "先の出典文書", "to_source_lines": "先の出典行（複数）",
    "to_source_line": "先の出典行",
    "opinion_id": "意見ID", "theme_ja": "テーマ", "body_ja": "本文", "meeting_ja": "会議", "date": "日付",
    "source_line_end": "出典行（終わり）", "also_printed_at": "他の記載箇所", "key_code": "小地域キーコード",
    "measure_id": "施策ID", "amount": "金額",
}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def japanese(field: dict[str, Any]) -> str:
    """The column's Japanese name: its title when Japanese, else the portal's label, else its name."""
    title = field.get("title", "")
    if field.get("title_ja"):
        return field["title_ja"]
    if _CJK.search(title):
        return title
    return JA.get(field["name"], title or field["name"])


def english(field: dict[str, Any]) -> str:
    """The column's English title (its name when the title is Japanese or missing)."""
    title = field.get("title", "")
    return title if title and not _CJK.search(title) else field["name"]
