"""Read a worksheet's values as openpyxl's read-only, values-only iter_rows gives them, faster.

openpyxl's read-only reader turns every cell into a dict and every inline string into a Text
object: reading the 20× benchmark's upload (21,000 rows) took 7 CPU seconds, twice per
publication (at import and again at approval). The workbook is still opened by openpyxl
(load_workbook read-only, values only: sheets, shared strings, date styles, epoch); only the
<row>/<c> elements of each sheet are read here, with openpyxl's own XML parser and conversions
(numbers, dates by the cell's style, booleans, shared and inline strings, cached formula results),
rows placed by their number and cells by their column exactly as ReadOnlyWorksheet places them.
tests/publishing/test_sheet_values.py compares both on templates and hand-made sheets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from warnings import warn

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

_ROW, _VALUE = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}v"
_INLINE, _TEXT, _RUN = f"{{{SHEET_MAIN_NS}}}is", f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"


def _inline(element: Any) -> str:
    """An inline string's text: its plain text, then each rich-text run's (phonetic runs left out)."""
    parts = []
    plain = element.find(_TEXT)
    if plain is not None and plain.text is not None:
        parts.append(plain.text)
    for run in element.findall(_RUN):
        text = run.find(_TEXT)
        if text is not None and text.text is not None:
            parts.append(text.text)
    return "".join(parts)


def _number(text: str) -> int | float:
    """A number as openpyxl casts it."""
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


class _Cells:
    """Cell values of one sheet, converted as openpyxl's WorkSheetParser does with data_only."""

    def __init__(self, ws: ReadOnlyWorksheet) -> None:
        book = ws.parent
        self.strings, self.epoch = ws._shared_strings, book.epoch
        self.dates, self.durations = book._date_formats, book._timedelta_formats

    def value(self, cell: Any) -> Any:
        """The value of one <c> element (its cached result when it holds a formula)."""
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            child = cell.find(_INLINE)
            return None if child is None else _inline(child)
        text = cell.findtext(_VALUE, None) or None
        if text is None:
            return None
        if kind == "n":
            style = cell.get("s", 0)
            value = _number(text)
            if style and int(style) in self.dates:
                try:
                    return from_excel(value, self.epoch, timedelta=int(style) in self.durations)
                except (OverflowError, ValueError):
                    warn(f"Cell {cell.get('r')} is marked as a date but the serial value {value} is outside "
                         "the limits for dates. The cell will be treated as an error.", stacklevel=2)
                    return "#VALUE!"
            return value
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text


def _row_number(row: Any, previous: int) -> int:
    """A <row>'s number (its r attribute, else the one after the previous row), as openpyxl reads it."""
    r = row.get("r")
    if r is None:
        return previous + 1
    try:
        return int(r)
    except ValueError:
        number = float(r)
        if not number.is_integer():
            raise ValueError(f"{r} is not a valid row number") from None
        return int(number)


def _placed(row: Any, cells: _Cells, max_col: int | None) -> tuple[Any, ...]:
    """One row's values by column (1 … MAX_COL, or its last cell's column when the sheet is unsized)."""
    found, column = [], 0
    for cell in row:  # every child counts as a cell, as in openpyxl's parse_row
        ref = cell.get("r")
        column = coordinate_to_tuple(ref)[1] if ref else column + 1
        found.append((column, cells.value(cell)))
    if not found and not max_col:
        return ()
    width = max_col or found[-1][0]
    values: list[Any] = [None] * width
    for col, value in found:
        if 1 <= col <= width:
            values[col - 1] = value
    return tuple(values)


def rows(ws: ReadOnlyWorksheet, max_row: int) -> Iterator[tuple[Any, ...]]:
    """ws.iter_rows(max_row=MAX_ROW, values_only=True) of a read-only, data-only workbook's sheet."""
    cells, max_col = _Cells(ws), ws.max_column
    empty = (None,) * max_col if max_col is not None else ()
    counter, number = 1, 0
    with ws._get_source() as source:
        for _event, element in iterparse(source):
            if element.tag != _ROW:
                continue
            number = _row_number(element, number)
            if number > max_row:
                break
            for _ in range(counter, number):  # rows missing from the XML
                counter += 1
                yield empty
            if counter <= number:
                counter += 1
                yield _placed(element, cells, max_col)
            element.clear()
    if max_row < number:
        for _ in range(counter, max_row + 1):
            yield empty
