"""The sheets and columns of the publishing template, shared by the writer and the reader.

The observations sheet uses the observations resource's own column names (the long format of
docs/dataset-conventions.md), with three read-only helper columns (indicator code, name, unit)
so staff can see what a row is about. source_document and source_line are not in the sheet:
the portal fills them on import with the uploaded file and the sheet row (the figure's trace).
"""

from __future__ import annotations

from dataclasses import dataclass

README, OBSERVATIONS, TARGETS, SOURCE = "README", "observations", "target_changes", "source"
#: The optional sheet of per-地区 (or 地域) values (地区別).
AREAS = "by_area"


@dataclass(frozen=True)
class Column:
    """One template column: its name, whether staff may edit it, and its help in ja and en."""

    name: str
    editable: bool
    ja: str
    en: str
    kind: str = "text"  # text | integer | number | boolean


OBSERVATION_COLUMNS = (
    Column(
        "observation_id",
        False,
        "行の識別子（既存の行のみ。新しい行は空欄のまま）",
        "Row identifier (existing rows only; leave it empty on new rows)",
    ),
    Column(
        "indicator_id",
        True,
        "指標の識別子（必須。既存の指標のみ）",
        "Indicator identifier (required; an existing indicator)",
    ),
    Column("indicator_code", False, "指標の番号（表示のみ）", "Indicator code as printed (read-only)"),
    Column("indicator_name_ja", False, "指標名（表示のみ）", "Indicator name (read-only)"),
    Column(
        "unit",
        False,
        "単位（表示のみ。アップロードで単位は変えられません）",
        "Unit (read-only; an upload cannot change a unit)",
    ),
    Column(
        "revision_id",
        True,
        "版の識別子（空欄の行には記入済み）",
        "Revision identifier (pre-filled on the empty rows)",
    ),
    Column(
        "series",
        True,
        "系列：planned_original・planned_revised・actual・baseline・target・target_original",
        "Series: planned_original, planned_revised, actual, baseline, target, target_original",
    ),
    Column(
        "fiscal_year",
        True,
        "年度（西暦。令和5年度 = 2023。総量は空欄）",
        "Fiscal year (Western; 令和5年度 = 2023; empty for 総量)",
        "integer",
    ),
    Column("is_total", True, "総量の行なら true", "true for a 総量 (total) row", "boolean"),
    Column(
        "sub_item", True, "複合セルの項目名（なければ空欄）", "Sub-item label of a composite cell, else empty"
    ),
    Column(
        "value",
        True,
        "数値（数字のみ。―・検討・調整・文章のときは空欄）",
        "The number (digits only; empty for ―, 検討・調整 or prose)",
        "number",
    ),
    Column(
        "value_text",
        True,
        "資料に記載どおりのセル（空欄なら value をそのまま記載）",
        "The cell as printed (if empty, the value as typed)",
    ),
    Column(
        "is_estimate",
        True,
        "見込みなら true（年度が終わる前の実績は必ず true）",
        "true for an estimate (見込み); an actual before its fiscal year ends must be true",
        "boolean",
    ),
    Column(
        "as_of",
        True,
        "時点（見込みのときは必須。例：令和6年12月末時点）",
        "As of, as printed (required for estimates)",
    ),
    Column("note", True, "注記（例：（累計））", "Note printed with the cell, e.g. （累計）"),
)

TARGET_COLUMNS = (
    Column("indicator_id", False, "指標の識別子", "Indicator identifier"),
    Column("indicator_code", False, "指標の番号", "Indicator code as printed"),
    Column("indicator_name_ja", False, "指標名", "Indicator name"),
    Column("unit", False, "単位", "Unit"),
    Column("fiscal_year", False, "目標の年度", "Fiscal year of the target", "integer"),
    Column("sub_item", False, "項目名", "Sub-item label"),
    Column("old_value_text", False, "現在の目標値（記載どおり）", "Current target as printed"),
    Column("old_value", False, "現在の目標値（数値）", "Current target (number)", "number"),
    Column(
        "new_value_text",
        True,
        "変更後の目標値（記載どおり。変更しないなら空欄）",
        "New target as printed (empty: no change)",
    ),
    Column("new_value", True, "変更後の目標値（数値）", "New target (number)", "number"),
    Column("reason_ja", True, "変更理由（目標値を変えるときは必須）", "Reason (required for a change)"),
)

#: The source sheet: one row per field, the value in column B.
SOURCE_FIELDS = (
    Column("title_ja", True, "資料名（必須）", "Document title in Japanese (required)"),
    Column("title_en", True, "資料名（英語。任意）", "Document title in English (optional)"),
    Column("publisher", True, "発行者（必須）", "Publisher (required)"),
    Column("published", True, "発行日（必須。YYYY-MM-DD）", "Date published (required, YYYY-MM-DD)"),
    Column("url", True, "URL（あれば）", "URL, if any"),
    Column("page", True, "掲載ページ（あれば）", "Page, if any"),
)

SERIES = ("planned_original", "planned_revised", "actual", "baseline", "target", "target_original")

#: Read-only helper columns (shown to staff, not columns of the observations resource).
HELPERS = ("indicator_code", "indicator_name_ja", "unit")

#: Columns of the observations resource the sheet carries (the rest are helpers).
OBSERVATION_FIELDS = tuple(c.name for c in OBSERVATION_COLUMNS if c.name not in HELPERS)

AREA_COLUMN = Column(
    "area",
    True,
    "地区コード（01〜28）または地域コード（setagaya・kitazawa・tamagawa・kinuta・karasuyama）。必須",
    "District code (01 to 28) or area code (setagaya, kitazawa, tamagawa, kinuta, karasuyama); required",
)

#: The by_area sheet: the observations columns with the area after sub_item (no 総量 per 地区).
AREA_COLUMNS = tuple(
    col
    for c in OBSERVATION_COLUMNS
    for col in ((c, AREA_COLUMN) if c.name == "sub_item" else (c,))
)
AREA_FIELDS = tuple(c.name for c in AREA_COLUMNS if c.name not in HELPERS)
