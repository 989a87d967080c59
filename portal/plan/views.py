"""Plan pages: plans, revisions, nodes (pillar, 施策, 事業 …), indicators, comparison, method."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from markupsafe import Markup

from portal.cache import cached_page, cached_value
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _, current_lang, is_japanese
from portal.plan import compare as compare_mod
from portal.plan import services
from portal.plan.approach import load_approach
from portal.plan.charts import build_chart
from portal.plan.extras import changes_by_indicator
from portal.plan.figures import figures
from portal.plan.tree import build_tree

bp = Blueprint("plan", __name__, url_prefix="/<lang>/plans")


def _tree(session, revision_id: str):
    """The assessed tree of REVISION_ID, computed once per data stamp."""
    return cached_value(session, ("tree", revision_id), lambda: build_tree(session, revision_id))


#: Where a body template leaves room for the consultation box (filled per request, never cached
#: in the body: the box follows the clock and the ward's publication, not the data stamp).
BOX_SLOT = "<!-- consultation-box -->"


def _box(session, key: tuple) -> str:
    """The consultation box of a node or indicator page, from the feature that registered one."""
    render = current_app.extensions.get("plan_consultation_box")
    if render is None or key[0] not in ("node", "indicator"):
        return ""
    from portal import clock

    return render(session, key[0], key[1], clock.now())


def _page(template: str, key: tuple, build) -> str:
    """Render TEMPLATE's body (cached) inside the layout; BUILD returns its context with a title.

    BUILD does the lookups (and the 404), so a cached page costs no query beyond the data stamp.
    The consultation box is part of the whole page's key, so a cached page never shows a stale one.
    """
    session = get_session()
    key = (*key, current_lang())

    def body() -> tuple[str, Markup, tuple | None]:
        context = build(session)
        return (context["title"], Markup(render_template(f"plan/_{template}_body.html", **context)),
                context.get("feed"))

    box = _box(session, key)

    def page() -> str:
        title, html, feed = cached_value(session, ("body", *key), body)
        html = Markup(str(html).replace(BOX_SLOT, box, 1))
        return render_template("plan/page.html", body=html, title=title, feed=feed)

    return cached_page(session, (*key, box), not request.cookies, page)


@bp.get("/")
def plans_index():
    """List every plan with its revisions and an at-a-glance status count."""
    def build(session):
        plans = services.list_plans(session)
        trees = {p.plan_id: _tree(session, r.revision_id) for p in plans
                 if (r := services.main_revision(p))}
        return {"title": _("Plans"), "plans": plans, "trees": trees,
                "approach": load_approach(current_app.config["DATASETS_DIR"])}

    return _page("index", ("index",), build)


@bp.get("/approach/next-basic-plan/")
def approach_page():
    """The approach to drafting the next Basic Plan (次期基本計画策定の考え方), as printed."""
    def build(session):
        approach = load_approach(current_app.config["DATASETS_DIR"]) or abort(404)
        return {"title": _name(approach.title_ja, approach.title_en), "approach": approach}

    return _page("approach", ("approach",), build)


@bp.get("/<plan_id>/")
def plan_page(plan_id: str):
    """Show a plan: its revisions, status summary and the tree of its main revision."""
    def build(session):
        plan = services.get_plan(session, plan_id) or abort(404)
        revision = services.main_revision(plan)
        tree = _tree(session, revision.revision_id) if revision else None
        return {"title": _name(plan.name_ja, plan.name_en), "plan": plan, "revision": revision,
                "tree": tree, "feed": ("updates.plan_feed", {"plan_id": plan_id})}

    return _page("plan", ("plan", plan_id), build)


@bp.get("/<plan_id>/revisions/<revision_id>/")
def revision_page(plan_id: str, revision_id: str):
    """Show one revision's tree with status roll-ups."""
    def build(session):
        revision = services.get_revision(session, plan_id, revision_id) or abort(404)
        return {"title": _name(revision.label_ja, revision.label_en), "plan": revision.plan,
                "revision": revision, "tree": _tree(session, revision_id),
                "feed": ("updates.plan_feed", {"plan_id": plan_id})}

    return _page("revision", ("revision", plan_id, revision_id), build)


@bp.get("/node/<node_id>/")
def node_page(node_id: str):
    """Show one node (pillar, 施策, 事業 …): 目指す姿, 所管部, children and indicators."""
    def build(session):
        node = services.get_node(session, node_id) or abort(404)
        return {"title": _name(node.name_ja, node.name_en), "node": node,
                "tree": _tree(session, node.revision_id),
                "revision": services.revision_of(session, node.revision_id),
                "trail": services.ancestors(node),
                "feed": ("updates.concept_feed", {"concept_id": node.concept_id})}

    return _page("node", ("node", node_id), build)


@bp.get("/indicator/<indicator_id>/")
def indicator_page(indicator_id: str):
    """Show one indicator: status, chart, figures table, target changes with reasons."""
    def build(session):
        indicator = services.get_indicator(session, indicator_id) or abort(404)
        figs = figures(indicator)
        plan = services.revision_of(session, indicator.revision_id).plan
        changes = changes_by_indicator(current_app.config["DATASETS_DIR"],
                                       services.plan_dataset_name(session, plan))
        return {"title": _name(indicator.name_ja, indicator.name_en), "ind": indicator,
                "figs": figs, "charts": [(sub, build_chart(sub, figs.years)) for sub in figs.subs],
                "plan": plan, "changes": changes.get(indicator_id, []),
                "trail": [*services.ancestors(indicator.node), indicator.node],
                "feed": ("updates.concept_feed", {"concept_id": indicator.node.concept_id})}

    return _page("indicator", ("indicator", indicator_id), build)


@bp.get("/<plan_id>/compare")
def compare_page(plan_id: str):
    """Compare two revisions of a plan (?from=<revision>&to=<revision>)."""
    session = get_session()
    plan = services.get_plan(session, plan_id) or abort(404)
    pair = compare_mod.choose_pair(plan, request.args.get("from"), request.args.get("to"))
    if isinstance(pair, str):
        fail(400, pair)
    old, new = pair

    def build(session):
        result = compare_mod.compare(session, current_app.config["DATASETS_DIR"], plan, old, new)
        return {"title": _("Compare revisions"), "plan": plan, "old": old, "new": new,
                "result": result}

    return _page("compare", ("compare", plan_id, old.revision_id, new.revision_id), build)


@bp.get("/method/")
def method_page():
    """Explain how statuses, achievement rates and roll-ups are computed."""
    return render_template("plan/method.html")


def _name(ja: str | None, en: str | None) -> str:
    """The content name in the page language (Japanese fallback), digits in one width."""
    from portal.catalog.documents import ascii_digits
    from portal.i18n import localized

    return ascii_digits(localized({"ja": ja or "", "en": en or ""}))


@bp.app_context_processor
def plan_labels() -> dict[str, object]:
    """Expose the translated status, series and relation labels to every template."""
    from portal.plan import explain, labels

    return {"plan_explanation": explain.explanation,
            "status_labels": labels.STATUS_LABELS, "series_labels": labels.SERIES_LABELS,
            "relation_labels": labels.RELATION_LABELS, "level_labels": labels.LEVEL_LABELS,
            "kind_labels": labels.KIND_LABELS, "direction_labels": labels.DIRECTION_LABELS,
            "semantics_labels": labels.SEMANTICS_LABELS, "reason_labels": labels.REASON_LABELS,
            "plan_progress_summary": _progress_summary, "config_endpoints": current_app.view_functions,
            "punct": _punctuation()}


#: Sentence punctuation of generated sentences: Japanese pages use 。：、（）, the others Western marks.
PUNCTUATION = {"ja": {"stop": "。", "colon": "：", "comma": "、", "open": "（", "close": "）"},
               "other": {"stop": ". ", "colon": ": ", "comma": ", ", "open": " (", "close": ")"}}


def _punctuation() -> dict[str, str]:
    """The punctuation of generated sentences in the page language."""
    return PUNCTUATION["ja" if is_japanese() else "other"]


def _progress_summary() -> list[dict[str, object]]:
    """Each plan with the status counts of its main revision (for the home page)."""
    session = get_session()

    def compute() -> list[dict[str, object]]:
        items = []
        for plan in services.list_plans(session):
            revision = services.main_revision(plan)
            tree = _tree(session, revision.revision_id) if revision else None
            items.append({"plan": plan, "counts": tree.rollup() if tree else {}})
        return items

    return cached_value(session, ("summary",), compute)
