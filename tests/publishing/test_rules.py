"""One upload per rule of issue 15, each breaking that rule: the import exits 1, names the sheet,
row and column with the offending value, and nothing changes."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.publishing.upload import Limits, read_upload
from portal.publishing.validate import check_upload
from tests.publishing.filling import (
    THREE,
    as_bytes,
    fill_actuals,
    fill_source,
    find_row,
    import_file,
    put,
    template,
)


@pytest.fixture(scope="module")
def blank(pub_built, tmp_path_factory):
    """The template's bytes, made once for the module."""
    from portal import create_app
    from tests.publishing.conftest import make_config_without_database

    tmp = tmp_path_factory.mktemp("blank")
    app = create_app(
        {**make_config_without_database(pub_built), "DATABASE_URL": (pub_built / "database-url").read_text()}
    )
    data = as_bytes(template(app, tmp))
    app.extensions["db_engine"].dispose()
    return data


@pytest.fixture
def book(blank):
    """A valid filled workbook to break: three FY2023 actuals and the source."""
    wb = load_workbook(io.BytesIO(blank))
    fill_actuals(wb)
    fill_source(wb)
    return wb


def refused(app, tmp_path, data: bytes, where: str, name: str = "upload.xlsx") -> str:
    """Import DATA, expect exit 1 with an error at WHERE (e.g. 'observations!812 [value]')."""
    result = import_file(app, tmp_path, data, "editor", name)
    assert result.exit_code == 1, result.output
    assert where in result.output, result.output
    return result.output


def _row(book, indicator=THREE[0]) -> int:
    return find_row(
        book["observations"], indicator_id=indicator, series="actual", fiscal_year=2023, observation_id=None
    )


def test_text_in_a_number_column_is_refused_by_the_table_schema(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, value="約1,600")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [value]")


def test_unknown_indicator_code_is_refused(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, indicator_id="mirai-plan-2022:action:9-9-9")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [indicator_id]")


def test_unknown_revision_is_refused(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, revision_id="mirai-plan-2022:draft")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [revision_id]")


def test_series_outside_the_vocabulary_is_refused(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, series="forecast")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [series]")


def test_fiscal_year_outside_the_plan_period_is_refused(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, fiscal_year=2031)
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [fiscal_year]")


def test_value_must_match_value_text_after_folding(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, value=1600, value_text="１，６５０人")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [value]")


def test_full_width_value_text_with_separators_matches(pub_app, tmp_path, book):
    put(book["observations"], _row(book), value=1600, value_text="１，６００ 人")
    assert import_file(pub_app, tmp_path, as_bytes(book)).exit_code == 0


def test_printed_text_keeps_an_empty_value(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, value=1, value_text="検討・調整")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [value]")


def test_duplicate_indicator_series_year_sub_item_is_refused(pub_app, tmp_path, book):
    ws = book["observations"]
    row = _row(book)
    copy = ws.max_row + 1
    for col in range(1, ws.max_column + 1):
        ws.cell(row=copy, column=col, value=ws.cell(row=row, column=col).value)
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{copy} [series]")


def test_target_change_without_reason_is_refused(pub_app, tmp_path, book):
    ws = book["target_changes"]
    row = find_row(ws, indicator_id="mirai-plan-2022:outcome:1-1-1")
    put(ws, row, new_value=80, new_value_text="80％")
    refused(pub_app, tmp_path, as_bytes(book), f"target_changes!{row} [reason_ja]")


def test_target_changed_on_the_observations_sheet_alone_is_refused(pub_app, tmp_path, book):
    ws = book["observations"]
    row = find_row(ws, indicator_id="mirai-plan-2022:outcome:1-1-1", series="target")
    put(ws, row, value=80, value_text="80％")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [value]")


def test_unit_never_changes_silently(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, unit="回")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [unit]")


def test_actual_of_an_unfinished_year_must_be_flagged_as_estimate(pub_app, book):
    with pub_app.app_context():
        from portal.publishing.packages import read_plan_package

        pkg = read_plan_package(pub_app.config["DATASETS_DIR"], "mirai-plan-2022")
    upload = read_upload("u.xlsx", as_bytes(book), Limits(10**8, 10**6))
    issues = check_upload(pkg, upload, today=date(2023, 12, 1)).issues
    assert {(i.sheet, i.row, i.column) for i in issues} == {
        ("observations", _row(book, t), "is_estimate") for t in THREE
    }
    assert not check_upload(pkg, upload, today=date(2024, 4, 1)).issues


def test_estimate_needs_its_date(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, is_estimate="true", as_of="")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [as_of]")


def test_unknown_observation_id_is_refused(pub_app, tmp_path, book):
    row = _row(book)
    put(book["observations"], row, observation_id="mirai-plan-2022:made-up")
    refused(pub_app, tmp_path, as_bytes(book), f"observations!{row} [observation_id]")


def test_source_document_is_required(pub_app, tmp_path, book):
    fill_source(book, title_ja="")
    book["source"]["B2"] = None
    refused(pub_app, tmp_path, as_bytes(book), "source!2 [value]")


def test_missing_column_is_named(pub_app, tmp_path, book):
    book["observations"].delete_cols(12)  # value_text
    refused(pub_app, tmp_path, as_bytes(book), "observations!1 [value_text]")


def test_macro_workbook_is_refused(pub_app, tmp_path, book):
    output = refused(pub_app, tmp_path, as_bytes(book), "", name="upload.xlsm")
    assert ".xlsm" in output


def test_workbook_with_a_macro_project_inside_is_refused(pub_app, tmp_path, book):
    data = io.BytesIO(as_bytes(book))
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 64)
    assert "マクロ" in refused(pub_app, tmp_path, data.getvalue(), "")


def test_external_links_are_refused(pub_app, tmp_path, book):
    data = io.BytesIO(as_bytes(book))
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("xl/externalLinks/externalLink1.xml", b"<externalLink/>")
    assert "外部" in refused(pub_app, tmp_path, data.getvalue(), "")


def test_over_size_and_row_limits_are_refused(pub_app, tmp_path, book):
    pub_app.config["PUBLISHING_MAX_UPLOAD_BYTES"] = 1000
    assert "1000" in refused(pub_app, tmp_path, as_bytes(book), "")
    pub_app.config["PUBLISHING_MAX_UPLOAD_BYTES"] = 10**8
    pub_app.config["PUBLISHING_MAX_ROWS"] = 100
    assert "100" in refused(pub_app, tmp_path, as_bytes(book), "")


def test_a_file_that_is_not_a_spreadsheet_is_refused(pub_app, tmp_path):
    refused(pub_app, tmp_path, b"%PDF-1.4 not a workbook", "", name="figures.xlsx")
