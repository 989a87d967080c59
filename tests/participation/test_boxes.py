"""Issue 16: 施策 and indicator pages lead to the open consultation and show what became of the
comments; consultation pages, the list and the home page link a published result."""

from __future__ import annotations

import html
import re

from portal import clock
from tests.helpers import AFTER, DURING
from tests.participation.conftest import MEASURE, RESPONSE, SUCCESSOR, SUMMARY, answer_and_publish

NOT_A_VOTE = "投票ではありません"


def _page(client, path: str) -> str:
    """GET PATH (200) and return the page unescaped, 用語集 links (portal.easy.terms) unwrapped."""
    r = client.get(path)
    assert r.status_code == 200, path
    return re.sub(r'<a class="term" [^>]*>([^<]*)</a>', r"\1", html.unescape(r.get_data(as_text=True)))


def _indicator_of(client, node_id: str) -> str | None:
    """The first indicator page linked from NODE_ID's page (its own or a 事業's)."""
    page = _page(client, f"/ja/plans/node/{node_id}/")
    found = re.search(r'href="(/ja/plans/indicator/[^"]+/)"', page)
    return found.group(1) if found else None


def test_open_consultation_box_links_to_the_form_with_the_measure_chosen(ward_app):
    client = ward_app.test_client()
    with clock.frozen(DURING):
        page = _page(client, f"/ja/plans/node/{MEASURE}/")
        assert "意見募集中：この施策への意見を書く（締切 令和8年11月30日（2026年11月30日）23時59分）" in page
        assert f'/ja/consultations/demo/comment?measure={MEASURE}"' in page
        form = _page(client, f"/ja/consultations/demo/comment?measure={MEASURE}")
        assert f'<option value="{MEASURE}" selected>' in form
        # the next revision's 施策, tied by the crosswalk, leads to the same form
        later = _page(client, f"/ja/plans/node/{SUCCESSOR}/")
        assert f'/ja/consultations/demo/comment?measure={MEASURE}"' in later
        assert "計画の別の版の同じ施策" in later


def test_indicator_page_has_the_box_of_its_measure(ward_app):
    client = ward_app.test_client()
    with clock.frozen(DURING):
        indicator = _indicator_of(client, SUCCESSOR)
        assert indicator, "the 施策 has an indicator"
        assert "この施策への意見を書く" in _page(client, indicator)


def test_a_page_of_another_plan_has_no_box(ward_app):
    client = ward_app.test_client()
    with clock.frozen(DURING):
        page = _page(client, "/ja/plans/")
        other = re.search(r'href="/ja/plans/(mirai-plan-2022|sogo-senryaku-2015)/"', page).group(1)
        node = re.search(r'href="(/ja/plans/node/[^"]+/)"', _page(client, f"/ja/plans/{other}/")).group(1)
        assert 'class="consult-box"' not in _page(client, node)


def test_after_close_and_publication_the_measure_shows_count_groups_and_answers(
        ward_app, commented_on_measure):
    client = ward_app.test_client()
    with clock.frozen(AFTER):
        closed = _page(client, f"/ja/plans/node/{MEASURE}/")
        assert "意見の募集は" in closed and "区の考え方を読む" not in closed
        assert SUMMARY not in closed  # comments stay private until the result is published
    answer_and_publish(ward_app.test_client(), commented_on_measure)
    with clock.frozen(AFTER):
        for node in (MEASURE, SUCCESSOR):
            page = _page(client, f"/ja/plans/node/{node}/")
            assert "2件の意見 — 区の考え方を読む" in page, node
            link = re.search(r'href="(/ja/consultations/demo/result#measure-\d+)"', page).group(1)
            assert SUMMARY in page and RESPONSE in page and "同趣旨の意見" in page
            assert "2件" in page and NOT_A_VOTE in page
            result = _page(client, link.split("#")[0])
            assert f'id="{link.split("#")[1]}"' in result
        assert "計画全体が読みやすい" not in page  # the general group belongs to no 施策


def test_result_page_shows_same_effect_counts_where_the_measure_went_and_no_ranking(
        ward_app, commented_on_measure):
    answer_and_publish(ward_app.test_client(), commented_on_measure)
    client = ward_app.test_client()
    with clock.frozen(AFTER):
        page = _page(client, "/ja/consultations/demo/result")
        assert "同趣旨の意見" in page and NOT_A_VOTE in page
        assert f'href="/ja/plans/node/{SUCCESSOR}/"' in page and "名称変更" in page
        # nothing to like or vote with, and no order by popularity: groups keep the ward's order
        assert not re.search(r"<(button|input)[^>]*(like|vote|いいね)", page, re.I)
        assert "ランキング" not in page and "人気" not in page
        positions = [int(n) for n in re.findall(r'id="group-(\d+)"', page)]
        assert positions == sorted(positions)
        en = _page(client, "/en/consultations/demo/result")
        assert "Public comment is not a vote" in en and "Comments to the same effect" in en


def test_published_result_is_linked_from_the_consultation_list_page_and_home(
        ward_app, commented_on_measure):
    client = ward_app.test_client()
    with clock.frozen(AFTER):
        for path in ("/ja/consultations/demo/", "/ja/consultations/", "/ja/"):
            assert "/ja/consultations/demo/result" not in _page(client, path), path
    answer_and_publish(ward_app.test_client(), commented_on_measure)
    with clock.frozen(AFTER):
        for lang in ("ja", "en", "zh-hans", "ko"):
            for path in (f"/{lang}/consultations/demo/", f"/{lang}/consultations/", f"/{lang}/"):
                assert f'href="/{lang}/consultations/demo/result"' in _page(client, path), path
