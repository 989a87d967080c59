"""Seed 004's context statistics (tables printed beside the 推進施策 text, not indicators) as rows.

Imported by tools/extract/seed001_004.py, which writes them into datasets/hoken-fukushi-plan as the
resource `context_statistics`: the 「福祉の相談窓口」相談件数 (lines 217-241), the number of 不登校
children FY2019-2022 (lines 3895-3897) with the 私立中学校 share (line 3899), and the FY2022 results
of the three ほっとスクール (lines 4267-4273), the only per-place figures in the documents. Each cell
is located by hand and asserted to be printed on its line; `value` folds full-width digits and
drops thousands separators (, and ，), `value_text` keeps the cell as printed. Nothing is computed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

SEED004 = "004_77d912f534da2e2e.txt"
PLAN = "hoken-fukushi-plan"
FW = str.maketrans("０１２３４５６７８９．", "0123456789.")
FY = {"2017": "平成29年度（2017年度）", "2019": "令和元年度（2019年度）", "2020": "令和2年度（2020年度）",
      "2021": "令和3年度（2021年度）", "2022": "令和4年度（2022年度）"}
CONSULT = "「福祉の相談窓口」相談件数"
FUTOKO = "世田谷区における不登校の児童・生徒の人数"
HOT = "ほっとスクール（教育支援センター）令和４年度（2022年度）実績"
#: (table, table line, row label, label line, column, fiscal year, cell as printed, line, note)
CELLS: list[tuple[str, int, str, int, str, str, str, int, str]] = [
    ("consultations", 217, "まちづくりセンター", 221, "", "2017", "2,542 件", 221, ""),
    ("consultations", 217, "まちづくりセンター", 221, "", "2020", "1,634 件", 221, ""),
    ("consultations", 217, "まちづくりセンター", 221, "", "2022", "6,608 件", 221,
     "（※）スマートフォンでのワクチン接種予約支援を含む。(line 241)"),
    ("consultations", 217, "あんしんすこやかセンター", 223, "", "2017", "149,183 件", 227, ""),
    ("consultations", 217, "あんしんすこやかセンター", 223, "", "2020", "193,643 件", 231, ""),
    ("consultations", 217, "あんしんすこやかセンター", 223, "", "2022", "221,115 件", 235, ""),
    ("consultations", 217, "あんしんすこやかセンター（高齢分野以外の相談件数）", 223, "", "2017", "1,588 件", 229,
     "Printed in brackets under the row's total: the part of it outside the 高齢 field."),
    ("consultations", 217, "あんしんすこやかセンター（高齢分野以外の相談件数）", 223, "", "2020", "2,284 件", 233,
     "As for 2017."),
    ("consultations", 217, "あんしんすこやかセンター（高齢分野以外の相談件数）", 223, "", "2022", "3,715 件", 237,
     "As for 2017."),
    ("consultations", 217, "社会福祉協議会", 239, "", "2017", "3,227 件", 239, ""),
    ("consultations", 217, "社会福祉協議会", 239, "", "2020", "4,046 件", 239, ""),
    ("consultations", 217, "社会福祉協議会", 239, "", "2022", "3,244 件", 239, ""),
    ("futoko", 3891, "不登校の児童・生徒", 3891, "", "2019", "825 名", 3897, ""),
    ("futoko", 3891, "不登校の児童・生徒", 3891, "", "2020", "968 名", 3897, ""),
    ("futoko", 3891, "不登校の児童・生徒", 3891, "", "2021", "1,228 名", 3897, ""),
    ("futoko", 3891, "不登校の児童・生徒", 3891, "", "2022", "1,540 名", 3897, ""),
    ("futoko", 3891, "私立中学校へ進学した児童の割合", 3899, "", "2020", "33.6％", 3899, ""),
    ("hot-school", 4267, "ほっとスクール城山", 4269, "相談・見学件数", "2022", "３５１件", 4269, ""),
    ("hot-school", 4267, "ほっとスクール城山", 4269, "入室者数", "2022", "２７人", 4269, ""),
    ("hot-school", 4267, "ほっとスクール城山", 4269, "高校等進学者数", "2022", "７人", 4269, ""),
    ("hot-school", 4267, "ほっとスクール城山", 4269, "学校復帰者数", "2022", "０人", 4269, ""),
    ("hot-school", 4267, "ほっとスクール尾山台", 4271, "相談・見学件数", "2022", "１７３件", 4271, ""),
    ("hot-school", 4267, "ほっとスクール尾山台", 4271, "入室者数", "2022", "５人", 4271, ""),
    ("hot-school", 4267, "ほっとスクール尾山台", 4271, "高校等進学者数", "2022", "１人", 4271, ""),
    ("hot-school", 4267, "ほっとスクール尾山台", 4271, "学校復帰者数", "2022", "１人", 4271, ""),
    ("hot-school", 4267, "ほっとスクール希望丘", 4273, "相談・見学件数", "2022", "１，２１１件", 4273, ""),
    ("hot-school", 4267, "ほっとスクール希望丘", 4273, "入室者数", "2022", "４４人", 4273, ""),
    ("hot-school", 4267, "ほっとスクール希望丘", 4273, "高校等進学者数", "2022", "９人", 4273, ""),
    ("hot-school", 4267, "ほっとスクール希望丘", 4273, "学校復帰者数", "2022", "３人", 4273, ""),
    ("hot-school", 4261, "ほっとスクールの数", 4261, "", "", "３か所", 4265,
     "Printed 「「城山」「尾山台」「希望丘」の３か所があります」: a level, the three sites of the table (tested)."),
]
TITLES = {"consultations": CONSULT, "futoko": FUTOKO, "hot-school": HOT}


def build_rows(lines: list[str]) -> list[dict[str, Any]]:
    """One row per printed cell, each asserted on its line."""
    out = []
    for k, (table, tline, label, lline, column, fy, text, n, note) in enumerate(CELLS, start=1):
        assert text.replace(" ", "") in lines[n - 1].replace(" ", ""), (n, text)
        assert label.split("（")[0][:6] in lines[lline - 1].replace(" ", "") or table == "futoko", (lline, label)
        number = re.search(r"[0-9０-９][0-9０-９,，.．]*", text).group(0)
        out.append({
            "statistic_id": f"{PLAN}:context:{table}-{k}", "table": table, "table_ja": TITLES[table], "table_line": tline,
            "row_label_ja": label, "label_line": lline, "column_ja": column, "fiscal_year": fy,
            "period_ja": FY.get(fy, ""), "value": number.translate(FW).replace(",", "").replace("，", ""),
            "value_text": text, "unit": re.sub(r"^[0-9０-９,，.．\s]+", "", text),
            "is_total": "false", "total_semantics": "level" if "の数" in label else "", "note": note,
            "source_document": SEED004, "source_line": n,
        })
    assert len({r["statistic_id"] for r in out}) == len(out)
    return out


def schema(F: Callable[..., dict], src: list[dict]) -> dict[str, Any]:
    """Table schema of context_statistics."""
    return {"fields": [
        F("statistic_id", "string", "Statistic ID", "Portal identifier."),
        F("table", "string", "Table", "consultations, futoko or hot-school.",
          constraints={"enum": ["consultations", "futoko", "hot-school"]}),
        F("table_ja", "string", "Table (ja)", "What the table shows, in the document's words."),
        F("table_line", "integer", "Line of the table heading", "Where the table or its lead sentence is printed."),
        F("row_label_ja", "string", "Row", "Row label as printed (the ほっとスクール sites are the only places named)."),
        F("label_line", "integer", "Line of the row label", "1-based line."),
        F("column_ja", "string", "Column", "Column heading as printed, where the table has several per year."),
        F("fiscal_year", "integer", "Fiscal year", "Western fiscal year of the column; empty for counts of sites."),
        F("period_ja", "string", "Period as printed", "The year heading of the column (digit widths as printed vary; "
          "shown here with ASCII digits)."),
        F("value", "number", "Value", "The number as printed (full-width digits folded, separators dropped)."),
        F("value_text", "string", "Cell as printed", "The cell exactly as printed."),
        F("unit", "string", "Unit", "As printed (件, 名, 人, ％, か所)."),
        F("is_total", "boolean", "Is a total", "No total is printed in these tables."),
        F("total_semantics", "string", "Meaning", "level for a count of sites (tested against the table's rows).",
          constraints={"enum": ["sum", "cumulative", "level"]}),
        F("note", "string", "Note", "※ note printed with the cell, or an extraction note."),
    ] + src, "primaryKey": ["statistic_id"], "foreignKeys": [], "missingValues": [""]}
