"""地域 and 地区 pages, and finding a 地区 by typing a 町丁目 (a plain GET form, no JavaScript)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from markupsafe import Markup

from portal.areas import figures, rollout, services
from portal.areas.maps import HEIGHT, WIDTH, project
from portal.cache import cached_page, cached_value
from portal.db import get_session
from portal.i18n import _, current_lang

bp = Blueprint("areas", __name__, url_prefix="/<lang>/chiku")


def _page(template: str, key: tuple, build) -> str:
    """Render TEMPLATE's body (cached) in the layout; BUILD looks up, 404s and gives a title."""
    session = get_session()
    key = ("areas", *key, current_lang())

    def body() -> tuple[str, Markup]:
        context = build(session)
        return context["title"], Markup(render_template(f"areas/_{template}_body.html", **context))

    def page() -> str:
        title, html = cached_value(session, ("body", *key), body)
        return render_template("areas/page.html", body=html, title=title)

    return cached_page(session, key, not request.cookies, page)


@bp.get("/")
def chiku_index():
    """List the 5 地域 and their 地区 with readings, and offer the 町丁目 lookup."""
    return _page("index", ("index",),
                 lambda s: {"title": _("Districts (地区)"), "chiikis": services.list_chiiki(s)})


@bp.get("/area/<chiiki_id>/")
def chiiki_page(chiiki_id: str):
    """Show one 地域: its 地区, population and map."""
    def build(session):
        chiiki = services.get_chiiki(session, chiiki_id) or abort(404)
        chomes = [c for k in chiiki.chikus for c in k.chomes]
        return {"title": _("%(name)s area", name=chiiki.name), "chiiki": chiiki, "chomes": chomes,
                "pop": services.population(chomes),
                "map": _map(session, {k.chiku_id for k in chiiki.chikus}),
                "has_figures": figures.has_figures(session, [chiiki_id, *(k.chiku_id for k in chiiki.chikus)
                                                             ]),
                "credit": services.dataset_attribution(session)}

    return _page("chiiki", ("chiiki", chiiki_id), build)


@bp.get("/<chiku_id>/")
def chiku_page(chiku_id: str):
    """Show one 地区: 町丁目 with confidence, population, map, plan items rolled out everywhere."""
    def build(session):
        chiku = services.get_chiku(session, chiku_id) or abort(404)
        return {"title": _("%(name)s district", name=chiku.name), "chiku": chiku,
                "chomes": chiku.chomes, "pop": services.population(chiku.chomes),
                "map": _map(session, {chiku.chiku_id}),
                "rollout": rollout.grouped(session, current_app.config["DATASETS_DIR"]),
                "entries": figures.chiku_entries(session, chiku.chiku_id),
                "credit": services.dataset_attribution(session)}

    return _page("chiku", ("chiku", chiku_id), build)


@bp.get("/find")
def find_page():
    """Find the 地区 of a typed 町丁目 (kanji or kana) and list the matches."""
    raw = request.args.get("q", "")
    if len(raw) > 200:
        raw = raw[:200]
    query, matches = services.find_chome(get_session(), raw) if raw.strip() else (None, [])
    return render_template("areas/find.html", q=raw, query=query, matches=matches,
                           chikus=services.chikus_of(matches))


def _map(session, highlight: set[str]) -> dict:
    """Map geometry with the 地区 in HIGHLIGHT emphasised."""
    return {"points": project(services.all_chome(session), highlight), "width": WIDTH, "height": HEIGHT}


@bp.app_template_global("district_figures")
def district_figures(indicator) -> Markup:
    """The indicator page's 地区 table and map (empty markup when the ward published none)."""
    session = get_session()
    found = figures.indicator_areas(session, indicator)
    if not found:
        return Markup("")
    return Markup(render_template("areas/_indicator_areas.html", ind=indicator, figures=found,
                                  map=figures.value_map(session, found)))


@bp.app_context_processor
def area_labels() -> dict[str, object]:
    """Expose the translated confidence labels to every template."""
    from portal.i18n import _l

    return {"confidence_labels": {"verified": _l("Verified"), "inferred": _l("Inferred"),
                                  "uncertain": _l("Uncertain")}}
