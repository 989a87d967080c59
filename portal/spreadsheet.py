"""Cells of files meant for spreadsheets (the `-excel.csv` twins): never a live formula.

OWASP's CSV-injection rule: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
is read by Excel or LibreOffice as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`), so such a
cell gets a leading apostrophe, which the spreadsheet shows as text. Plain numbers (`-5`, `-0.25`)
are left as they are: they are not formulas and must stay numbers. The plain CSV and JSON files
are never changed: they keep every text exactly as published.
"""

from __future__ import annotations

import csv
import io
import re

#: First characters a spreadsheet treats as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A plain decimal number (kept as a number in the Excel twin).
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: Byte-order mark that makes Excel open a CSV as UTF-8.
BOM = "\ufeff"


def safe_cell(value: str) -> str:
    """VALUE with a leading apostrophe when it starts like a formula (OWASP CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def excel_cell(value: str) -> str:
    """A cell of an Excel twin: numbers as they are, any other text through safe_cell."""
    return value if NUMBER.fullmatch(value) else safe_cell(value)


def excel_csv(raw: bytes) -> bytes:
    """The Excel twin of a UTF-8 CSV file: BOM first, every cell through excel_cell."""
    text = raw.decode("utf-8").removeprefix(BOM)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([excel_cell(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")
