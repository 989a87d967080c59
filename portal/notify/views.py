"""Follow by email: the form (any followable page links it), the confirmation and unsubscribe
pages (each a button: state changes only on POST), and RFC 8058's one-click unsubscribe POST.

Every answer is the same whether the address was known or not; the address appears only in the
form the visitor is filling in, never in a page, log line or URL.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request

from portal import clock
from portal.db import begin_write, get_session
from portal.i18n import _, content_lang
from portal.notify import services, targets
from portal.notify.models import FREQUENCIES
from portal.security import client_key, csrf

bp = Blueprint("notify", __name__, url_prefix="/<lang>/follow")


def _private(html: str, status: int = 200) -> Response:
    """A page that may hold a typed address or a link secret: never cached, never referred."""
    response = Response(html, status=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _target_or_404(target: str, key: str) -> targets.Target:
    """What is to be followed, or 404."""
    found = targets.resolve(get_session(), target, key)
    if found is None:
        abort(404)
    return found


@bp.get("/")
def follow_page():
    """The form: an address and how often (the target comes from ?target=&key=)."""
    found = _target_or_404(request.args.get("target", "site"), request.args.get("key", ""))
    return _private(render_template("notify/follow.html", t=found, address="", frequency="immediate",
                                    frequencies=FREQUENCIES))


@bp.post("/")
def follow():
    """Queue a confirmation mail; the answer never says whether the address was known."""
    found = _target_or_404(request.form.get("target", ""), request.form.get("key", ""))
    address, frequency = request.form.get("address", ""), request.form.get("frequency", "immediate")
    error, status = None, 400
    if services.normalize_address(address) is None:
        error = _("This does not look like an e-mail address. Check it and try again.")
    elif frequency not in FREQUENCIES:
        error = _("Choose how often you want mails.")
    elif targets.limited(current_app, client_key(request.remote_addr)):
        error, status = _("Too many requests from your connection. Please try again in an hour."), 429
    if error:
        html = render_template("notify/follow.html", t=found, address=address, frequency=frequency,
                               frequencies=FREQUENCIES, error=error)
        return _private(html, status)
    session = get_session()
    session.rollback()  # end the read transaction: the write turn starts a fresh one
    begin_write(session)
    services.ask(session, services.FollowRequest(address, found.target, found.key, content_lang(),
                                                 frequency, found.plan_id),
                 current_app.config["SECRET_KEY"], clock.now())
    session.commit()
    return _private(render_template("notify/message.html", title=_("Check your mail"), message=_(
        "If the address can receive mail, a confirmation link is on its way. Nothing will be sent "
        "to it until the link is used. Unconfirmed addresses are deleted after 7 days.")))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_page(token: str):
    """GET: a button (mail scanners open links); POST: confirm."""
    if request.method == "GET":
        return _private(render_template("notify/message.html", title=_("Confirm your subscription"),
                                        button=_("Confirm"), message=_(
            "Press the button to start receiving updates at this address.")))
    session = get_session()
    session.rollback()  # end the read transaction: the write turn starts a fresh one
    begin_write(session)
    sub = services.confirm(session, token, clock.now())
    session.commit()
    if sub is None:
        return _private(render_template("notify/message.html", title=_("This link is not valid"),
                                        message=_("It may have expired: unconfirmed requests are "
                                                  "deleted after 7 days. Please ask again.")), 404)
    return _private(render_template("notify/message.html", title=_("Subscription confirmed"), message=_(
        "You will receive updates at this address. Every mail has a link to stop them.")))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe_page(token: str):
    """GET: a button; POST: stop the mails and delete the address (same answer if already gone)."""
    if request.method == "GET":
        return _private(render_template("notify/message.html", title=_("Stop these mails"),
                                        button=_("Unsubscribe"), message=_(
            "Press the button to stop these mails. No login is needed.")))
    _unsubscribe(token)
    return _private(render_template("notify/message.html", title=_("Unsubscribed"), message=_(
        "You will receive no more of these mails. If no other subscription uses your address, "
        "it has been deleted.")))


def _unsubscribe(token: str) -> None:
    """Delete the subscription of TOKEN (nothing when unknown), in one commit."""
    session = get_session()
    session.rollback()  # end the read transaction: the write turn starts a fresh one
    begin_write(session)
    services.unsubscribe(session, token)
    session.commit()


@bp.post("/one-click/<token>")
@csrf.exempt
def one_click(token: str):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click; the link's secret is the proof."""
    if request.form.get("List-Unsubscribe") != "One-Click":
        return Response("Expected List-Unsubscribe=One-Click\n", status=400, mimetype="text/plain")
    _unsubscribe(token)
    return Response("Unsubscribed\n", mimetype="text/plain")
