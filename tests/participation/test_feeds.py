"""Issue 16's feeds: /<lang>/updates/, Atom 1.0 feeds read by feedparser (no bozo, newest first,
stable ids), conditional GET (ETag, Last-Modified, 304), the pages' <link rel="alternate">, and
the .ics of a consultation read by the icalendar library (closing minute in Asia/Tokyo)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest

from portal import clock
from tests.helpers import AFTER, DURING
from tests.participation.conftest import MEASURE, answer_and_publish

JST = ZoneInfo("Asia/Tokyo")
CONCEPT_FEED = "/ja/updates/measures/{concept}.atom"


def _feed(client, path: str, **headers):
    """GET the feed PATH; parse it and check that feedparser finds nothing wrong."""
    r = client.get(path, headers=headers)
    assert r.status_code == 200, path
    assert r.mimetype == "application/atom+xml"
    parsed = feedparser.parse(r.data)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return r, parsed


def _newest_first(parsed) -> None:
    """Entries are in order, newest first, with unique ids."""
    times = [e.updated_parsed for e in parsed.entries]
    assert times == sorted(times, reverse=True)
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)


def _alternates(page: str) -> list[str]:
    """The Atom feeds a page links with <link rel="alternate" type="application/atom+xml">."""
    return re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', page)


def test_every_feed_parses_without_bozo_and_lists_events_newest_first(ward_app, commented_on_measure):
    answer_and_publish(ward_app.test_client(), commented_on_measure)
    client = ward_app.test_client()
    with clock.frozen(AFTER):
        pages = ["/ja/", "/ja/plans/hoken-fukushi-plan/", f"/ja/plans/node/{MEASURE}/",
                 "/ja/consultations/demo/", "/ja/consultations/demo/result"]
        feeds = set()
        for path in pages:
            found = _alternates(client.get(path).get_data(as_text=True))
            assert found, f"{path} links no feed"
            feeds.update(found)
        plans = set(re.findall(r'href="/ja/plans/([a-z0-9-]+)/"',
                               client.get("/ja/plans/").get_data(as_text=True))) - {"method"}
        for plan in plans:  # every plan page links its own feed
            found = _alternates(client.get(f"/ja/plans/{plan}/").get_data(as_text=True))
            assert f"/ja/updates/plans/{plan}.atom" in found
            feeds.update(found)
        assert "/ja/updates/feed.atom" in feeds and "/ja/updates/consultations/demo.atom" in feeds
        for path in sorted(feeds):
            _r, parsed = _feed(client, path)
            assert parsed.version == "atom10" and parsed.entries, path
            _newest_first(parsed)
        _r, demo = _feed(client, "/ja/updates/consultations/demo.atom")
        titles = [e.title for e in demo.entries]
        assert [t.split("：")[0] for t in titles] == ["結果公表", "意見募集の締切", "締切まで7日以内",
                                                      "意見募集の開始"]


def test_concept_feed_follows_the_measure_across_revisions(ward_app, commented_on_measure):
    answer_and_publish(ward_app.test_client(), commented_on_measure)
    client = ward_app.test_client()
    with clock.frozen(AFTER):
        node_page = client.get(f"/ja/plans/node/{MEASURE}/").get_data(as_text=True)
        feed = next(f for f in _alternates(node_page) if "/measures/" in f)
        _r, parsed = _feed(client, feed)
        kinds = " ".join(e.title for e in parsed.entries)
        assert "結果公表" in kinds and "新しい版" in kinds and "データ" in kinds
        _newest_first(parsed)


def test_conditional_get_answers_304_and_a_new_event_changes_the_feed(ward_app, commented_on_measure):
    client = ward_app.test_client()
    with clock.frozen(AFTER):
        r, before = _feed(client, "/ja/updates/feed.atom")
        etag, modified = r.headers["ETag"], r.headers["Last-Modified"]
        assert client.get("/ja/updates/feed.atom", headers={"If-None-Match": etag}).status_code == 304
        assert client.get("/ja/updates/feed.atom",
                          headers={"If-Modified-Since": modified}).status_code == 304
    answer_and_publish(ward_app.test_client(), commented_on_measure)
    with clock.frozen(AFTER):
        r2, after = _feed(client, "/ja/updates/feed.atom", **{"If-None-Match": etag})
        assert r2.headers["ETag"] != etag
        new = [e for e in after.entries if e.id not in {b.id for b in before.entries}]
        assert [e.title.split("：")[0] for e in new] == ["結果公表"]
        # every earlier event keeps its id
        assert {e.id for e in before.entries} <= {e.id for e in after.entries}


def test_updates_page_lists_every_public_event_newest_first_in_four_languages(ward_app):
    client = ward_app.test_client()
    with clock.frozen(DURING):
        page = client.get("/ja/updates/").get_data(as_text=True)
        stamps = re.findall(r'<time datetime="([^"]+)"', page)
        assert stamps and stamps == sorted(stamps, reverse=True)
        assert "意見募集の開始" in page and "結果公表" not in page  # nothing from the future
        assert "新しいデータ" in page
        for lang, word in (("en", "Consultation opened"), ("zh-hans", "意见征集开始"),
                           ("ko", "의견 모집 시작")):
            other = client.get(f"/{lang}/updates/").get_data(as_text=True)
            assert word in other, lang
            _r, parsed = _feed(client, f"/{lang}/updates/feed.atom")
            assert parsed.feed.language == lang and word in " ".join(e.title for e in parsed.entries)


def test_feed_of_something_unknown_is_404(ward_app):
    client = ward_app.test_client()
    for path in ("/ja/updates/plans/no-such-plan.atom", "/ja/updates/measures/nothing.atom",
                 "/ja/updates/consultations/nothing.atom", "/ja/updates/consultations/nothing.ics"):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_ics_parses_with_the_closing_minute_in_japan_time(ward_app, lang):
    client = ward_app.test_client()
    detail = client.get(f"/{lang}/consultations/demo/").get_data(as_text=True)
    link = re.search(r'href="([^"]+\.ics)"', detail).group(1)
    r = client.get(link)
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(r.data)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    closing = events["demo-closing"]["DTSTART"].dt
    assert closing.tzinfo is not None and closing.utcoffset().total_seconds() == 9 * 3600
    assert (closing.hour, closing.minute) == (23, 59)
    opening = events["demo-opening"]["DTSTART"].dt
    assert opening < closing
    with ward_app.app_context():
        from portal.consult import services
        from portal.db import get_session

        c = services.get_consultation(get_session(), "demo")
        assert closing == c.closes_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(JST)
        assert isinstance(closing, datetime)
    assert client.get(link, headers={"If-None-Match": r.headers["ETag"]}).status_code == 304
