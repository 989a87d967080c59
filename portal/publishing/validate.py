"""Check an upload against the package it was made from: every sheet, every rule, every error."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.catalog.packages import PackageData
from portal.i18n import _
from portal.publishing.byarea import check_by_area
from portal.publishing.checks import Context, SheetRow, check_observations
from portal.publishing.columns import AREAS, OBSERVATIONS, SOURCE, TARGETS
from portal.publishing.issues import Issue
from portal.publishing.sheets import TargetChange, check_source, check_targets
from portal.publishing.upload import Upload


@dataclass
class Checked:
    """An upload checked against a package: its issues, or the rows, target changes and source."""

    upload: Upload
    package: PackageData
    issues: list[Issue] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)
    changes: list[TargetChange] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the upload may become a draft."""
        return not self.issues


def check_upload(
    pkg: PackageData, upload: Upload, *, today: date, source: dict[str, str] | None = None
) -> Checked:
    """Apply the Table Schema and every domain rule; issues sorted by sheet and row."""
    result = Checked(upload, pkg)
    sheet = upload.sheets.get(OBSERVATIONS)
    if sheet is None:
        result.issues.append(
            Issue(
                OBSERVATIONS,
                None,
                None,
                "",
                _("The file has no sheet called observations. Start from the template."),
            )
        )
        return result
    if upload.kind == "xlsx" and SOURCE not in upload.sheets and not source:
        result.issues.append(
            Issue(SOURCE, None, None, "", _("The file has no sheet called source. Start from the template."))
        )
    ctx = Context.of(pkg, today)
    result.rows = check_observations(ctx, pkg, sheet)
    result.rows += check_by_area(ctx, pkg, upload.sheets.get(AREAS), result.rows)
    result.changes, target_issues = check_targets(ctx, upload.sheets.get(TARGETS), result.rows)
    result.source, source_issues = check_source(upload.sheets.get(SOURCE), source or {})
    result.issues = sorted(ctx.issues + target_issues + source_issues, key=_order)
    if not result.issues and not _anything_new(result):
        result.issues.append(
            Issue(OBSERVATIONS, None, None, "", _("The upload changes nothing: every row is as published."))
        )
    return result


def _anything_new(result: Checked) -> bool:
    """True when the upload adds, changes or removes a figure, or changes a target."""
    kept = sum(1 for r in result.rows if r.status == "kept")
    return (
        bool(result.changes) or kept != len(result.rows) or kept != len(result.package.rows("observations"))
    )


def _order(issue: Issue) -> tuple[Any, ...]:
    """Sort key: sheet order of the template, then row, then column."""
    sheets = {OBSERVATIONS: 0, AREAS: 1, TARGETS: 2, SOURCE: 3}
    return sheets.get(issue.sheet, 9), issue.row or 0, issue.column or ""
