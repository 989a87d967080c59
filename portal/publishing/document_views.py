"""Staff pages for the documents registry: propose a document's official URL, decide on proposals."""

from __future__ import annotations

from flask import abort, current_app, g, redirect, render_template, request, url_for

from portal import clock
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.publishing import document_urls
from portal.publishing.after import approve_url_and_refresh
from portal.publishing.forms import DecisionForm, DocumentUrlForm
from portal.publishing.models import DRAFT
from portal.publishing.packages import PublishingError
from portal.publishing.views import bp, decide_with
from portal.staff import session as login
from portal.staff.views import private


def _hosts() -> tuple[str, ...]:
    """The hosts an official URL may be on (configuration)."""
    return tuple(current_app.config["PUBLISHING_DOCUMENT_URL_HOSTS"].split())


def _form() -> DocumentUrlForm:
    """The proposal form with the registry's documents to choose from."""
    form = DocumentUrlForm()
    docs = document_urls.documents(current_app.config["DATASETS_DIR"])
    form.document.choices = [(d.document_id, f"{d.title_ja}（{d.date_printed or d.stage_ja}）") for d in docs]
    return form


def _page(form: DocumentUrlForm, message: str | None = None, status: int = 200):
    """The registry's documents with their URLs, the proposal form (with any error), the proposals."""
    datasets_dir = current_app.config["DATASETS_DIR"]
    return private(render_template(
        "publishing/documents.html", documents=document_urls.documents(datasets_dir),
        version=document_urls.registry_version(datasets_dir), form=form, message=message,
        hosts=_hosts(), proposals=document_urls.recent(get_session())), status)


@bp.get("/documents/")
@login.require("editor")
def documents_page():
    """Every registered document and its official URL; the form to propose one."""
    form = _form()
    if request.args.get("document") in dict(form.document.choices):
        form.document.data = request.args["document"]
    return _page(form)


@bp.post("/documents/")
@login.require("editor")
def propose_url():
    """Keep a proposed URL as a draft for another administrator; a bad URL is explained, nothing kept."""
    form = _form()
    if not form.validate_on_submit():
        return _page(form, _("Choose a document, and give a URL of at most %(max)s characters and a note.",
                             max=document_urls.MAX_URL), 400)
    session = get_session()
    session.rollback()  # the login check read the account: begin the write transaction afresh
    begin_write(session)
    try:
        draft = document_urls.propose(
            session, current_app.config["DATASETS_DIR"], document_id=form.document.data or "",
            url=form.url.data or "", note=form.note.data or "", actor=g.staff_user, hosts=_hosts(),
            now=clock.now())
    except PublishingError as exc:
        session.rollback()
        return _page(form, str(exc), 422)
    session.commit()
    return redirect(url_for(".url_draft_page", draft_id=draft.id), code=303)


@bp.get("/documents/drafts/<int:draft_id>")
@login.require("editor")
def url_draft_page(draft_id: int):
    """One proposal: the document, the URL before and after, and the decision form for another admin."""
    draft = document_urls.get(get_session(), draft_id) or abort(404)
    docs = {d.document_id: d for d in document_urls.documents(current_app.config["DATASETS_DIR"])}
    user = g.staff_user
    may_decide = user.can("admin") and user.username != draft.proposed_by and draft.status == DRAFT
    return private(render_template("publishing/document_url.html", draft=draft,
                                   document=docs.get(draft.document_id), form=DecisionForm(),
                                   may_decide=may_decide))


@bp.post("/documents/drafts/<int:draft_id>/decide")
@login.require("admin")
def decide_url(draft_id: int):
    """Approve the proposal (publish the registry's next version) or send it back with a comment."""
    return decide_with(draft_id, document_urls.get, approve_url_and_refresh, document_urls.send_back,
                       _("The proposal was sent back to the person who made it."), ".url_draft_page")
