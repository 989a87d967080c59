"""地域 and 地区 pages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from portal.areas import services
from portal.areas.models import Chiiki, Chiku
from portal.db import get_session

bp = Blueprint("areas", __name__, url_prefix="/<lang>/chiku")


@bp.get("/")
def chiku_index():
    """List the 5 地域 and their 地区."""
    return render_template("areas/index.html", chiikis=services.list_chiiki(get_session()))


@bp.get("/area/<chiiki_id>/")
def chiiki_page(chiiki_id: str):
    """Show one 地域."""
    chiiki = get_session().get(Chiiki, chiiki_id) or abort(404)
    return render_template("areas/chiiki.html", chiiki=chiiki)


@bp.get("/<chiku_id>/")
def chiku_page(chiku_id: str):
    """Show one 地区."""
    chiku = get_session().get(Chiku, chiku_id) or abort(404)
    return render_template("areas/chiku.html", chiku=chiku)
