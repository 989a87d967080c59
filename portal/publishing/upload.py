"""Read an uploaded template safely: values only, no macros, no external links, bounded size.

An .xlsx is a ZIP: it is opened with openpyxl in read-only, values-only mode after the ZIP's
member list has been checked (a macro project or an external-link part refuses the file, as does
an unpacked size far beyond the upload's). A CSV is the observations sheet alone (UTF-8).
Every cell comes back as text, as typed; the checks parse it against the Table Schema.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from portal.i18n import _
from portal.publishing import sheet_values
from portal.publishing.columns import OBSERVATIONS
from portal.publishing.packages import PublishingError
from portal.spreadsheet import FORMULA_STARTS

#: Extensions of workbooks that can carry macros (refused) and of those read.
MACRO_EXTENSIONS = (".xlsm", ".xltm", ".xlam", ".xlsb", ".xls")
#: How much larger than the upload its unpacked parts may be (a ZIP-bomb bound).
UNPACK_FACTOR = 40


class UploadRefused(PublishingError):
    """The file cannot be read at all (type, size, macros, links); nothing was checked."""


@dataclass(frozen=True)
class Limits:
    """The largest upload accepted, in bytes and in rows per sheet."""

    max_bytes: int
    max_rows: int


@dataclass
class Sheet:
    """One sheet as text: its header and its non-empty rows with their sheet row numbers."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


@dataclass
class Upload:
    """An uploaded file: its bytes, sha256, kind (xlsx or csv) and its sheets as text."""

    filename: str
    data: bytes
    kind: str
    sheets: dict[str, Sheet]

    @property
    def sha256(self) -> str:
        """The sha256 of the file as uploaded (the 原本's fingerprint)."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def original_name(self) -> str:
        """The file name the 原本 gets in the release (safe for release folders)."""
        return f"original-{self.sha256[:16]}.{self.kind}"


def as_text(value: Any) -> str:
    """A cell as typed: whole numbers without '.0', dates in ISO form, a formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]  # the quote safe_cell put in front of a formula-like text
    return text


def _sheet(name: str, rows: list[tuple[Any, ...]], max_rows: int) -> Sheet:
    """Turn raw rows (header first) into a Sheet, skipping empty rows."""
    if len(rows) - 1 > max_rows:
        raise UploadRefused(
            _(
                "The sheet %(sheet)s has %(n)s rows; at most %(max)s rows can be uploaded.",
                sheet=name,
                n=len(rows) - 1,
                max=max_rows,
            )
        )
    header = [as_text(v) for v in rows[0]] if rows else []
    sheet = Sheet(name, header)
    for number, raw in enumerate(rows[1:], start=2):
        values = {h: as_text(v) for h, v in zip(header, raw, strict=False) if h}
        if any(values.values()):
            sheet.rows.append((number, values))
    return sheet


def _check_zip(data: bytes) -> None:
    """Refuse a workbook with a macro project, external links or an outsized unpacked content."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadRefused(_("The file is not an Excel workbook (.xlsx) or a CSV file.")) from None
    names = archive.namelist()
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UploadRefused(
            _(
                "The workbook contains macros. Save it as an Excel workbook (.xlsx) "
                "without macros and upload it again."
            )
        )
    if any(n.lower().startswith("xl/externallinks/") for n in names):
        raise UploadRefused(
            _(
                "The workbook links to other files (external links). Replace the links "
                "with values and upload it again."
            )
        )
    if sum(i.file_size for i in archive.infolist()) > UNPACK_FACTOR * max(len(data), 1_000_000):
        raise UploadRefused(_("The workbook unpacks to far more data than it holds; it cannot be read."))


def _read_xlsx(data: bytes, limits: Limits) -> dict[str, Sheet]:
    """Every sheet of a workbook as text (values only: formulas give their saved results)."""
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many types for a damaged file
        raise UploadRefused(_("The workbook cannot be read; it may be damaged.")) from None
    try:
        sheets = {}
        for ws in book.worksheets:
            try:
                values = list(sheet_values.rows(ws, limits.max_rows + 2))
            except Exception:  # a damaged sheet: a message, not a 500
                raise UploadRefused(_("The workbook cannot be read; it may be damaged.")) from None
            sheets[ws.title] = _sheet(ws.title, values, limits.max_rows)
        return sheets
    finally:
        book.close()


def _read_csv(data: bytes, limits: Limits) -> dict[str, Sheet]:
    """A CSV upload: the observations sheet alone."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(_("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    rows = [tuple(r) for r in csv.reader(io.StringIO(text))]
    return {OBSERVATIONS: _sheet(OBSERVATIONS, rows, limits.max_rows)}


def read_upload(filename: str, data: bytes, limits: Limits) -> Upload:
    """Read an uploaded template; raise UploadRefused with the reason when it cannot be read."""
    lower = filename.lower()
    if len(data) > limits.max_bytes:
        raise UploadRefused(
            _(
                "The file is %(size)s bytes; at most %(max)s bytes can be uploaded.",
                size=len(data),
                max=limits.max_bytes,
            )
        )
    if lower.endswith(MACRO_EXTENSIONS):
        raise UploadRefused(
            _(
                "Files that can hold macros (.xlsm and older Excel formats) are not "
                "accepted. Save the workbook as .xlsx and upload it again."
            )
        )
    if lower.endswith(".csv"):
        return Upload(filename, data, "csv", _read_csv(data, limits))
    if not lower.endswith(".xlsx"):
        raise UploadRefused(_("The file is not an Excel workbook (.xlsx) or a CSV file."))
    return Upload(filename, data, "xlsx", _read_xlsx(data, limits))
