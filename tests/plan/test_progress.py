"""The status rule on real indicators of both plans (portal/plan/progress.py)."""

from __future__ import annotations

import pytest

from portal.db import get_session
from portal.plan.figures import figures
from portal.plan.models import Indicator


def _assess(site_app, indicator_id: str):
    """Figures of a real indicator, computed from the loaded database."""
    with site_app.app_context():
        return figures(get_session().get(Indicator, indicator_id))


def test_sum_indicator_below_its_year_plan_is_behind_and_flagged_as_estimate(site_app):
    figs = _assess(site_app, "mirai-plan-2022:action:1-1-1")  # 防災塾参加人数: 950 見込み vs 1,000
    assert figs.status.status == "behind"
    assert figs.status.year == 2022
    assert figs.status.is_estimate
    assert figs.status.rate == pytest.approx(0.95)
    assert figs.status.actual.text == "950 人"


def test_lower_is_better_indicator_compares_the_other_way(site_app):
    # 13-2 グループホーム: 5 人 (見込み) against 5 planned for R4 and 4.8 for R5 (fewer is better):
    # reading it as higher-is-better would call 5 ≥ 4.8 "achieved".
    figs = _assess(site_app, "mirai-plan-2022:action:13-2")
    home = next(a for a in figs.assessments if a.sub_item.startswith("グループホーム"))
    assert home.status == "on_track"
    assert home.compared_with.value == 5


def test_cumulative_indicator_is_not_summed(site_app):
    # 8-3 試行実施地区数（累計）: plan 5 (R4) and 5 (R5) are running totals; 5 reached → achieved.
    figs = _assess(site_app, "mirai-plan-2022:action:8-3")
    assert figs.indicator.cumulative
    assert figs.status.status == "achieved"
    # 15-3 (累計): 115 of 142 planned by R5, above the 75 planned for R4 → on track, not achieved.
    assert _assess(site_app, "mirai-plan-2022:action:15-3").status.status == "on_track"


def test_changed_target_uses_the_revised_value(site_app):
    # 12-1-1 登録定員数 (level): R5 plan revised 140 → 100 名; 100 reached → achieved.
    figs = _assess(site_app, "mirai-plan-2022:action:12-1-1")
    assert figs.status.status == "achieved"
    assert figs.status.compared_with.text == "100 名"
    # 7-2 (sum): 総量 revised 20 → 16 件, R4 plan 10, 見込み 6 → behind at 60 %.
    behind = _assess(site_app, "mirai-plan-2022:action:7-2").status
    assert behind.status == "behind" and behind.rate == pytest.approx(0.6)


def test_plan_with_targets_only_has_no_data_yet(site_app):
    # 地域保健医療福祉総合計画 (seed 004): baseline 現況値 and targets for R6–R9, no actual yet.
    figs = _assess(site_app, "hoken-fukushi-plan:action:p1-1-3")
    assert figs.status.status == "no_data"


def test_prose_target_is_not_measurable(site_app):
    # P1.1-2: the R6–R9 target is one sentence (「各地区の四者連携の取組みの中で…周知活動を実施する。」).
    assert _assess(site_app, "hoken-fukushi-plan:action:p1-1-2").status.status == "not_measurable"


def test_outcome_with_changed_target_and_no_actual_is_no_data(site_app):
    figs = _assess(site_app, "mirai-plan-2022:outcome:1-2")  # target 19% → 50%, no actual printed
    assert figs.status.status == "no_data"
    sub = figs.subs[0]
    assert sub.cell("target_original", 2023).value == 19
    assert sub.cell("target", 2023).value == 50
