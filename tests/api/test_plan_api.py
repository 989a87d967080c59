"""Plan tree and observations endpoints."""

from __future__ import annotations


def test_plans_list_their_revisions(real_client):
    plans = real_client.get("/api/v1/plans").get_json()["plans"]
    mirai = next(p for p in plans if p["plan_id"] == "mirai-plan-2022")
    assert [r["stage"] for r in mirai["revisions"]] == ["original", "revised"]


def test_revision_tree_nests_nodes_with_their_indicators(real_client):
    tree = real_client.get("/api/v1/plans/mirai-plan-2022/revisions/mirai-plan-2022:revised/tree").get_json()
    assert len(tree["nodes"]) == 4  # 4 政策の柱
    measures = [m for pillar in tree["nodes"] for m in pillar["children"]]
    assert len(measures) == 19
    indicators = []
    stack = list(tree["nodes"])
    while stack:
        node = stack.pop()
        indicators += node["indicators"]
        stack += node["children"]
    assert len(indicators) == 154


def test_observations_filter_by_plan_series_year_and_node(real_client):
    body = real_client.get("/api/v1/observations?plan=hoken-fukushi-plan&series=target&_size=1000").get_json()
    assert body["count"] > 0
    assert all(o["series"] == "target" and o["revision_id"].startswith("hoken-fukushi-plan")
               for o in body["observations"])
    year = real_client.get("/api/v1/observations?fiscal_year=2022&plan=mirai-plan-2022&_size=1000").get_json()
    assert year["count"] > 0 and all(o["fiscal_year"] == 2022 for o in year["observations"])
    node = real_client.get("/api/v1/observations?node=mirai-plan-2022:revised:project-1-1").get_json()
    assert node["count"] > 0
    assert all(o["indicator_id"].startswith("mirai-plan-2022:") for o in node["observations"])


def test_observation_pages_cover_every_row_once(real_client):
    url, ids = "/api/v1/observations?plan=mirai-plan-2022&_size=150", []
    while url:
        body = real_client.get(url.replace("http://localhost", "")).get_json()
        ids += [o["observation_id"] for o in body["observations"]]
        url = body["next"]
    assert len(ids) == len(set(ids)) == 806


def test_chiku_filter_says_no_district_breakdown_exists(real_client):
    body = real_client.get("/api/v1/observations?chiku=01").get_json()
    assert body["observations"] == [] and "地区" in body["note"]
    bad = real_client.get("/api/v1/observations?chiku=99")
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "chiku"


def test_bad_observation_parameters_are_400s(real_client):
    for query, param in (("fiscal_year=R4", "fiscal_year"), ("colour=red", "colour"),
                         ("_size=5000", "_size"), ("_cursor=xyz", "_cursor")):
        response = real_client.get(f"/api/v1/observations?{query}")
        assert response.status_code == 400, query
        assert response.get_json()["error"]["parameter"] == param


def _walk(client, url: str) -> list[dict]:
    """Every observation on every page from URL, following `next`."""
    found = []
    while url:
        body = client.get(url.replace("http://localhost", "")).get_json()
        found += body["observations"]
        url = body["next"]
    return found


def test_observations_give_the_total_behind_every_page(real_client):
    first = real_client.get("/api/v1/observations?plan=mirai-plan-2022&_size=10").get_json()
    assert first["total"] == 806 and first["count"] == 10
    target = real_client.get("/api/v1/observations?plan=mirai-plan-2022&series=target&_size=1").get_json()
    assert target["total"] == len(_walk(real_client, "/api/v1/observations?plan=mirai-plan-2022"
                                                     "&series=target&_size=1000"))
    assert real_client.get("/api/v1/observations?chiku=01").get_json()["total"] == 0


def test_observations_sort_by_any_listed_column_across_pages(real_client):
    base = "/api/v1/observations?plan=mirai-plan-2022&_size=70&_sort="
    for sort in ("fiscal_year", "-fiscal_year", "value", "-value", "indicator_id", "-series",
                 "-observation_id"):
        column, desc = sort.lstrip("-"), sort.startswith("-")
        rows = _walk(real_client, base + sort)
        assert len(rows) == len({r["observation_id"] for r in rows}) == 806, sort
        present = [r[column] for r in rows if r[column] is not None]
        assert present == sorted(present, reverse=desc), sort
        # Empty values (a blank or prose cell has no number) come last, whichever the direction.
        empties = [i for i, r in enumerate(rows) if r[column] is None]
        assert empties == list(range(len(present), len(rows))), sort


def test_bad_sort_or_a_cursor_from_another_sort_is_a_400(real_client):
    bad = real_client.get("/api/v1/observations?_sort=colour")
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "_sort"
    by_id = real_client.get("/api/v1/observations?_size=1&_sort=indicator_id").get_json()["next"]
    cursor = by_id.split("_cursor=")[1].split("&")[0]
    mixed = real_client.get(f"/api/v1/observations?_sort=value&_cursor={cursor}")
    assert mixed.status_code == 400 and mixed.get_json()["error"]["parameter"] == "_cursor"
