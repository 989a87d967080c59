"""Opening consultations, their status from the clock, the demo, the pages, the shared limiter store."""

from __future__ import annotations

import multiprocessing
from datetime import datetime

import pytest

from portal import clock
from portal.consult import services
from portal.consult.limiter import DatabaseStorage
from portal.db import get_session, make_engine
from portal.review import opening

REVISION = "mirai-plan-2022:revised"


def _spec(**extra) -> opening.ConsultationSpec:
    values = dict(slug="mirai-test", revision_id=REVISION, opens_local=datetime(2027, 1, 1),
                  closes_local=datetime(2027, 1, 30, 23, 59), title_ja="未来つながるプラン修正への意見募集")
    values.update(extra)
    return opening.ConsultationSpec(**values)


def test_a_period_under_the_minimum_needs_a_recorded_reason(capp):
    with capp.app_context():
        session = get_session()
        short = _spec(closes_local=datetime(2027, 1, 21, 23, 59))
        with pytest.raises(services.ConsultError, match="21日間"):
            opening.open_consultation(session, short, min_days=30, now=clock.now())
        short.short_period_reason_ja = "法改正の施行日に間に合わせるため"
        assert opening.open_consultation(session, short, min_days=30, now=clock.now()).id


def test_thirty_days_counted_from_the_opening_day_is_enough(capp):
    with capp.app_context():
        c = opening.open_consultation(get_session(), _spec(), min_days=30, now=clock.now())
        assert opening.period_days(c.opens_at, c.closes_at) == 30
        assert len(c.measures) == 19  # every 施策 of the revised plan


def test_scope_of_chosen_measures_refuses_a_node_that_is_not_a_measure(capp):
    with capp.app_context():
        with pytest.raises(services.ConsultError, match="の施策ではありません"):  # in the ward's language
            opening.open_consultation(get_session(), _spec(node_ids=["mirai-plan-2022:revised:pillar-1"]),
                                       min_days=30, now=clock.now())


@pytest.mark.parametrize(("at", "status"), [
    (datetime(2026, 12, 31, 14, 59), "scheduled"), (datetime(2026, 12, 31, 15, 0), "open"),
    (datetime(2027, 1, 30, 14, 59, 59), "open"), (datetime(2027, 1, 30, 15, 0), "closed"),
])
def test_status_follows_the_clock(capp, at, status):
    with capp.app_context():
        c = opening.open_consultation(get_session(), _spec(), min_days=30, now=clock.now())
        assert c.status(at) == status
        c.results_published_at = datetime(2027, 3, 1)
        assert c.status(datetime(2027, 3, 2)) == "results"


def test_cli_opens_a_consultation_and_refuses_a_short_one(capp):
    runner = capp.test_cli_runner()
    args = ["consult", "open", "--slug", "cli-test", "--revision", REVISION, "--opens", "2027-02-01",
            "--closes", "2027-02-10", "--title-ja", "テスト"]
    refused = runner.invoke(args=args)
    assert refused.exit_code != 0 and "最低日数（30日）より短い" in refused.output
    ok = runner.invoke(args=[*args, "--short-reason-ja", "緊急のため",
                             "--measure", "mirai-plan-2022:revised:measure-1"])
    assert ok.exit_code == 0, ok.output
    assert "1 施策" in ok.output and "2027-02-10 23:59" in ok.output


def test_build_adds_a_demo_open_for_thirty_days_labelled_on_every_page(capp, cclient):
    with capp.app_context():
        demo = services.get_consultation(get_session(), "demo")
        assert demo.is_demo and opening.period_days(demo.opens_at, demo.closes_at) == 30
    with clock.frozen(datetime(2026, 11, 10)):
        for url in ("/ja/consultations/", "/ja/consultations/demo/", "/en/consultations/demo/comment",
                    "/ja/consultations/demo/receipt"):
            page = cclient.get(url).get_data(as_text=True)
            assert 'class="consult-demo"' in page, url


def test_no_demo_without_demo_mode(tmp_path):
    from portal import create_app
    from portal.build import build
    from tests.helpers import ROOT, make_config

    app = create_app(make_config(tmp_path, ROOT / "datasets", DEMO_MODE=False,
                                 RELEASES_DIR=str(tmp_path / "r")))
    with app.app_context():
        build(app, reindex=False)
        assert services.list_consultations(get_session()) == []


def test_detail_lists_measures_with_comment_links_and_later_places(cclient):
    with clock.frozen(datetime(2026, 11, 10)):
        page = cclient.get("/ja/consultations/demo/").get_data(as_text=True)
    assert page.count("この施策に意見を書く") == 8
    assert "後の版「第４章 今後の施策の方向 第１節（後の版）」では" in page
    assert "/ja/plans/hoken-fukushi-plan/revisions/hoken-fukushi-plan:r2023-04-26/" in page


def _hammer(url: str, n: int) -> None:
    storage = DatabaseStorage(engine=make_engine(url))
    for _ in range(n):
        storage.incr("shared-key", 60)


def test_rate_limit_counts_are_shared_by_processes(capp):
    url = capp.config["DATABASE_URL"]
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_hammer, args=(url, 150)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert DatabaseStorage(engine=make_engine(url)).get("shared-key") == 300
