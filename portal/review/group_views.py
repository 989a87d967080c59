"""Staff pages for opinion groups (意見の概要, 区の考え方) and for publishing the result."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for

from portal import clock
from portal.cache import expire_pages
from portal.consult import crosswalk, services
from portal.db import get_session
from portal.i18n import _
from portal.review import completeness, grouping, publication, responses, results
from portal.review.forms import AnswerForm, NewGroupForm, errors_of, receipt_number
from portal.review.moderation import list_comments
from portal.review.pages import actor, consultation_or_404, log_action, render, write_consultation
from portal.review.search import result_document
from portal.staff import session as login
from portal.staff.blueprint import bp


@bp.route("/consultations/<slug>/groups", methods=["GET", "POST"])
@login.require("editor")
def groups(slug: str):
    """List the groups; start a new one on a 施策 (or on general comments)."""
    session = get_session()
    c = consultation_or_404(slug)
    message, errors = None, {}
    form = NewGroupForm(request.form)
    if request.method == "POST" and not form.validate():
        errors = errors_of(form)
    elif request.method == "POST":
        session, c = write_consultation(slug)
        try:
            group = grouping.create_group(session, c, node_id=form.node_id.data or None,
                                          summary_ja=form.summary_ja.data)
        except services.ConsultError as exc:
            session.rollback()
            message = str(exc)
        else:
            log_action(session, "create_group", f"group:{slug}:{group.id}", None,
                       grouping.group_snapshot(group))
            session.commit()
            return redirect(url_for("staff.group_page", slug=slug, gid=group.id), code=303)
    return render("staff/groups.html", status=400 if message or errors else 200, c=c,
                  message=message, errors=errors, view=results.result_view(session, c),
                  form=request.form)


def _change_choices(session, c, group) -> list:
    """Later places of the group's 施策 (from the crosswalk) the change link may point to."""
    if not group.node_id:
        return []
    measure = c.measure(group.node_id)
    places = crosswalk.later_places(session, current_app.config["DATASETS_DIR"], c.revision_id,
                                    group.node_id, measure.concept_id if measure else None)
    return [p for p in places if p.node is not None]


@bp.route("/consultations/<slug>/groups/<int:gid>", methods=["GET", "POST"])
@login.require("editor")
def group_page(slug: str, gid: int):
    """Edit a group's summary, the ward's response, its category and change; choose its comments."""
    session = get_session()
    c = consultation_or_404(slug)
    group = grouping.get_group(session, c, gid) or abort(404)
    message, errors = None, {}
    if request.method == "POST":
        form = AnswerForm(request.form)
        errors = {} if form.validate() else errors_of(form)
        message = None if errors else _save_group(slug, gid, form.answer())
        if not (message or errors):
            return redirect(url_for("staff.group_page", slug=slug, gid=gid), code=303)
        session = get_session()
        c = consultation_or_404(slug)
        group = grouping.get_group(session, c, gid) or abort(404)
    view = results.result_view(session, c)
    return render("staff/group.html", status=400 if message or errors else 200, c=c, group=group,
                  view=view, message=message, errors=errors, typed=request.form,
                  changes=_change_choices(session, c, group),
                  members={x.id for x in grouping.members(session, group)})


def _save_group(slug: str, gid: int, answer: responses.Answer) -> str | None:
    """Save the ward's ANSWER and the group's comments; return an error message or None."""
    session, c = write_consultation(slug)
    group = grouping.get_group(session, c, gid) or abort(404)
    before = grouping.group_snapshot(group)
    chosen = {n for v in request.form.getlist("comment") if (n := receipt_number(v)) is not None}
    comments = {x.receipt_no: x for x in list_comments(session, c)}
    current = {x.receipt_no for x in grouping.members(session, group)}
    user = actor()
    try:
        responses.answer_group(session, c, group, answer)
        grouping.assign(session, c, group, [comments[n] for n in sorted(chosen - current)
                                            if n in comments], actor=user, now=clock.now())
        grouping.assign(session, c, None, [comments[n] for n in sorted(current - chosen)],
                        actor=user, now=clock.now())
    except services.ConsultError as exc:
        session.rollback()
        return str(exc)
    after = {**grouping.group_snapshot(group), "comments": sorted(chosen & set(comments))}
    log_action(session, "answer_group", f"group:{slug}:{gid}",
               {**before, "comments": sorted(current)}, after)
    session.commit()
    flash(_("The group was saved."))
    return None


@bp.route("/consultations/<slug>/publish", methods=["GET", "POST"])
@login.require("admin")
def publish(slug: str):
    """Show what is left; publish the result as a page and an open-data package when complete."""
    session = get_session()
    c = consultation_or_404(slug)
    left = completeness.completeness(session, c, now=clock.now())
    if request.method == "GET" or not left.complete:
        return render("staff/publish.html", status=200 if request.method == "GET" else 409, c=c,
                      left=left, result=results.get_result(session, c))
    return _publish(slug)


def _publish(slug: str):
    """Publish in one transaction, then add the result to the search index."""
    session, c = write_consultation(slug)
    cfg = current_app.config
    to = publication.Destinations(cfg["PUBLISHED_DIR"], cfg["RELEASES_DIR"], cfg["PUBLIC_BASE_URL"])
    try:
        result = publication.publish_result(session, c, actor=actor(), now=clock.now(), to=to)
    except publication.ResultIncomplete as exc:
        session.rollback()
        return render("staff/publish.html", status=409, c=c, left=exc.left, result=None)
    except services.ConsultError as exc:
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.publish", slug=slug), code=303)
    log_action(session, "publish_result", f"consultation:{slug}", None,
               {"receipt_digest": result.receipt_digest, "receipt_count": result.receipt_count,
                "package": f"{result.package_name} {result.package_version}"})
    session.commit()
    expire_pages(current_app)  # the result's dataset shows on this process's next page
    _index(session, c, result.package_name)
    flash(_("The result was published."))
    return redirect(url_for("consult_result.result", slug=slug, lang="ja"), code=303)


def _index(session, c, package_name: str) -> None:
    """Add the result page and its dataset to every language's search index."""
    from portal.catalog.search import documents as dataset_documents
    from portal.search.services import update_documents

    docs = []
    for lang in current_app.config["LANGUAGES"]:
        docs.append(result_document(session, c, lang))
        docs += [d for d in dataset_documents(session, lang) if d.key == package_name]
    update_documents(docs, timeout=30)
