"""The published result page: counts, each group's summary with 「（他N件）」, the ward's response
and the link to where the plan changed, the published text of every comment, the receipt digest."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template

from portal import clock
from portal.consult import crosswalk, services
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _
from portal.review import results

bp = Blueprint("consult_result", __name__, url_prefix="/<lang>/consultations")


@bp.context_processor
def _helpers() -> dict[str, object]:
    """Labels and the time formatter for the result page."""
    from portal.consult.dates import show_time
    from portal.consult.forms import AGE_GROUPS
    from portal.review.labels import CATEGORY_LABELS, CHANNEL_LABELS, EXCLUSION_LABELS

    return {"consult_time": show_time, "age_groups": AGE_GROUPS,
            "exclusion_labels": EXCLUSION_LABELS, "category_labels": CATEGORY_LABELS,
            "channel_labels": CHANNEL_LABELS}


@bp.get("/<slug>/result")
def result(slug: str):
    """Show the result of a consultation once it is published (404 before that)."""
    session = get_session()
    c = services.get_consultation(session, slug)
    if c is None:
        fail(404, _("There is no consultation called %(slug)s.", slug=slug))
    view = results.result_view(session, c)
    if view.result is None:
        fail(404, _("The result of this consultation has not been published yet. Comments stay "
                    "private until the ward publishes it."))
    chiku = {k.chiku_id: k.name for k in services.list_chiku(session)}
    later = {m.node_id: crosswalk.later_places(session, current_app.config["DATASETS_DIR"],
                                               c.revision_id, m.node_id, m.concept_id)
             for m in {g.measure.node_id: g.measure for g in view.groups if g.measure}.values()}
    html = render_template("consult/result.html", c=c, view=view, chiku=chiku, now=clock.now(),
                           later=later,
                           dataset_exists="catalog.dataset_page" in current_app.view_functions)
    return Response(html)


def placement(session, consultation, comment) -> dict | None:
    """For the receipt check: the published group (or exclusion) of COMMENT, None before publication."""
    view = results.result_view(session, consultation)
    if view.result is None:
        return None
    from portal.review.labels import CATEGORY_LABELS, EXCLUSION_LABELS

    review = view.reviews.get(comment.id)
    group = view.group_of(comment)
    exclusion = review.exclusion if review else None
    category = group.group.category if group else None
    return {"group": group, "exclusion": exclusion,
            "exclusion_label": EXCLUSION_LABELS.get(exclusion or "", ""),
            "category_label": CATEGORY_LABELS.get(category or "", ""),
            "in_digest": comment.receipt_code_sha256 in set(results.receipt_hashes(session,
                                                                                   consultation)),
            "hash": comment.receipt_code_sha256, "digest": view.result.receipt_digest}
