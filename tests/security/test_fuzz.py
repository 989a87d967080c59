"""Item 8 of issue 14: every route of app.url_map, in all four languages, with hostile path
segments, query values and form fields (Unicode digits, huge integers, nested JSON, CR/LF …)
answers without a 5xx; and the thirteen requests the probe found answering 500 answer 4xx."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from flask import Flask
from sqlalchemy import select

from portal import clock, create_app
from portal.areas.models import Chiiki, Chiku
from portal.build import build
from portal.catalog.models import Dataset, Resource
from portal.db import get_session
from portal.plan.models import Indicator, Node, Revision
from tests.helpers import ROOT, make_config
from tests.staff.conftest import AFTER, PASSWORD, add_user

LANGS = ("ja", "en", "zh-hans", "ko")
#: Values that broke parsers: Unicode digits, huge and negative numbers, nested JSON, CR/LF,
#: NUL, traversal, overlong text.
HOSTILE = ["²", "١٢", "𝟙", "9" * 20, "-" + "9" * 25, "--5", "-1", "0", "1e309", "NaN",
           "[" * 1000, '{"a":' * 200 + "1" + "}" * 200, "/staff/\r\nX: y", "\r\n", "\x00",
           "../../etc/passwd", "%", "ｘ" * 3000, "<script>", "' OR 1=1 --", "true", ""]
#: Query parameter names the portal reads, and url_for's own keywords.
QUERY_NAMES = ["q", "page", "from", "to", "measure", "_size", "_cursor", "fiscal_year", "rows",
               "start", "id", "name", "next", "expired", "lang", "same_submitter_as", "chiku",
               "plan", "theme", "format", "licence", "kind", "pillar", "department", "status",
               "indicator_id", "node_id", "revision_id", "series", "sort", "_sort", "limit",
               "endpoint", "_method", "_external", "_scheme", "_anchor", "values"]
FORM_NAMES = ["receipt_no", "code", "username", "password", "next", "body", "name", "contact",
              "measure", "node_id", "residence", "age_group", "relation", "started",
              "submission", "website", "summary_ja", "response_ja", "category",
              "change_node_id", "comment", "slug", "revision_id", "opens", "closes", "title_ja",
              "session", "has_personal_info", "published_text", "exclusion", "channel",
              "received_on", "same_submitter_as", "status"]

#: The requests the probe saw answer 500.
PROBE = [("GET", "/ja/plans/?endpoint=x", None), ("GET", "/ja/plans/?_method=DELETE", None),
         ("GET", "/api/v1/observations?fiscal_year=--5", None),
         ("GET", "/api/v1/observations?fiscal_year=²", None),
         ("GET", "/api/v1/observations?fiscal_year=" + "9" * 20, None),
         ("GET", "/api/v1/datasets/mirai-plan-2022/latest/resources/observations/rows?_size=²", None),
         ("GET", "/api/v1/observations?_cursor=" + quote("[" * 1000), None),
         ("GET", "/api/3/action/package_search?rows=²", None),
         ("GET", "/api/3/action/package_search?start=²", None),
         ("POST", "/ja/consultations/demo/receipt", {"receipt_no": "²", "code": "x"}),
         ("GET", "/staff/consultations/demo/comments/" + "9" * 20, None),
         ("GET", "/staff/consultations/demo/groups/" + "9" * 20, None),
         ("POST", "/staff/consultations/demo/comments/new", {"same_submitter_as": "²",
                                                              "channel": "paper"}),
         ("POST", "/staff/login", {"username": "admin", "password": PASSWORD,
                                   "next": "/staff/\r\nX"})]


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The real datasets with the demo consultation and a search index; CSRF off so that every
    handler is reached; one admin."""
    tmp = tmp_path_factory.mktemp("fuzz")
    app = create_app(make_config(tmp, ROOT / "datasets", WTF_CSRF_ENABLED=False,
                                 CONSULT_MIN_FILL_SECONDS=0))
    with app.app_context():
        build(app)
    add_user(app, "admin", "admin")
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="module")
def admin(fuzz_app: Flask):
    """A client logged in as the administrator (clock: AFTER)."""
    client = fuzz_app.test_client()
    with clock.frozen(AFTER):
        r = client.post("/staff/login", data={"username": "admin", "password": PASSWORD})
        assert r.status_code == 303
    return client


def known_values(app: Flask) -> dict[str, str]:
    """One existing object for each path argument name."""
    with app.app_context():
        s = get_session()
        dataset = s.scalars(select(Dataset).where(Dataset.name == "mirai-plan-2022")).first()
        resource = s.scalars(select(Resource).where(Resource.dataset_id == dataset.id)).first()
        revision = s.scalars(select(Revision)).first()
        return {"lang": "ja", "slug": "demo", "no": "1", "gid": "1",
                "plan_id": revision.plan_id, "revision_id": revision.revision_id,
                "node_id": s.scalars(select(Node.node_id)).first(),
                "concept_id": s.scalars(select(Node.concept_id)).first(),
                "indicator_id": s.scalars(select(Indicator.indicator_id)).first(),
                "chiku_id": s.scalars(select(Chiku.chiku_id)).first(),
                "chiiki_id": s.scalars(select(Chiiki.chiiki_id)).first(),
                "name": dataset.name, "version": dataset.version, "resource": resource.name,
                "filename": "datapackage.json", "fmt": "csv", "ext": "xlsx", "draft_id": "1", "token": "x"}


def fill(rule: str, values: dict[str, str]) -> str:
    """RULE with each <converter:arg> replaced by its value (URL-quoted)."""
    return re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>",
                  lambda m: quote(values[m.group(1)], safe=""), rule)


def requests_for(app: Flask) -> Iterator[tuple[str, str, dict | None]]:
    """(method, url, form) for every rule × language × hostile path value, query and form."""
    known = known_values(app)
    for rule in app.url_map.iter_rules():
        methods = sorted(rule.methods & {"GET", "POST"})
        for lang in (LANGS if "lang" in rule.arguments else ("ja",)):
            base = {**known, "lang": lang}
            urls = [fill(rule.rule, base)]
            for arg in sorted(rule.arguments - {"lang"}):
                urls += [fill(rule.rule, {**base, arg: v}) for v in HOSTILE if v]
            for value in HOSTILE:
                urls.append(urls[0] + "?" + urlencode({n: value for n in QUERY_NAMES}))
            for method in methods:
                form = {n: "²" for n in FORM_NAMES} if method == "POST" else None
                yield from ((method, url, form) for url in urls)
                if method == "POST":
                    for value in HOSTILE:
                        yield method, urls[0], {n: value for n in FORM_NAMES}


def test_the_requests_the_probe_found_do_not_fail(fuzz_app, admin):
    with clock.frozen(AFTER):
        answers = [(method, url[:100], admin.open(url, method=method, data=form).status_code)
                   for method, url, form in PROBE]
    assert [a for a in answers if a[2] >= 500] == []


@pytest.mark.slow
def test_every_route_in_every_language_survives_hostile_input(fuzz_app, admin):
    anonymous = fuzz_app.test_client()
    failures, count = [], 0
    with clock.frozen(AFTER):
        for method, url, form in requests_for(fuzz_app):
            client = admin if url.startswith("/staff/") and "logout" not in url else anonymous
            r = client.open(url, method=method, data=form)
            r.close()
            count += 1
            if r.status_code >= 500:
                failures.append((method, url[:160], r.status_code))
    assert count > 5000
    assert failures == [], f"{len(failures)} of {count} requests failed: {failures[:40]}"
