"""Translated labels for statuses, series, relations and node levels (lazy, shown by templates)."""

from __future__ import annotations

from portal.i18n import _l

STATUS_LABELS = {
    "achieved": _l("Achieved"),
    "on_track": _l("On track"),
    "behind": _l("Behind"),
    "no_data": _l("No data yet"),
    "not_measurable": _l("Not measurable"),
}

SERIES_LABELS = {
    "planned_original": _l("Plan (original)"),
    "planned_revised": _l("Plan (revised)"),
    "actual": _l("Actual"),
    "baseline": _l("Baseline"),
    "target": _l("Target"),
    "target_original": _l("Target (original)"),
}

RELATION_LABELS = {
    "unchanged": _l("Unchanged"),
    "renamed": _l("Renamed"),
    "renumbered": _l("Renumbered"),
    "renamed_and_renumbered": _l("Renamed and renumbered"),
    "moved": _l("Moved"),
    "merged": _l("Merged"),
    "split": _l("Split"),
    "filled": _l("Filled in"),
    "new": _l("New"),
    "removed": _l("Removed"),
    "unknown": _l("Counterpart unknown"),
}

LEVEL_LABELS = {
    "pillar": _l("Pillar"),
    "measure": _l("Measure"),
    "project": _l("Project"),
    "aim": _l("Aim"),
    "initiative": _l("Key initiative"),
    "section": _l("Section"),
}

KIND_LABELS = {"action": _l("Activity level (行動量)"), "outcome": _l("Outcome indicator (成果指標)")}

DIRECTION_LABELS = {
    "higher_is_better": _l("Higher is better"),
    "lower_is_better": _l("Lower is better"),
}

SEMANTICS_LABELS = {
    "sum": _l("The total (総量) is the sum of the yearly values."),
    "cumulative": _l("Values are cumulative (累計): each is a running total, and the total is the last "
                     "year's value."),
    "level": _l("Values are levels reached each year; the total is not a sum."),
    "none": _l("No total (総量) is printed for this indicator."),
}

REASON_LABELS = {
    "no_numeric_target": _l("No numeric plan or target is printed, so progress cannot be measured."),
    "no_actual": _l("No actual result has been published yet."),
    "no_target_for_year": _l("No value is planned for the year of the latest result."),
    "final_target": _l("The latest result meets the plan's final target."),
    "year_plan": _l("The latest result is compared with the value planned for that year."),
}
