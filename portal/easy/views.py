"""The 用語集 page, on the two Japanese versions of the site (/ja/glossary/, /ja-easy/glossary/)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from portal.easy.glossary import TERMS
from portal.i18n import is_japanese

bp = Blueprint("easy", __name__, url_prefix="/<lang>")


@bp.route("/glossary/")
def glossary_page():
    """Every 用語集 word with the portal's explanation (Japanese pages only: the words are)."""
    if not is_japanese():
        abort(404)
    return render_template("easy/glossary.html", terms=TERMS)
