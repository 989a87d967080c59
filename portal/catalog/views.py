"""Catalogue pages: the list of datasets and a page per dataset."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from portal.catalog import services
from portal.db import get_session

bp = Blueprint("catalog", __name__, url_prefix="/<lang>/datasets")


@bp.get("/")
def datasets_index():
    """List every dataset."""
    return render_template("catalog/index.html", datasets=services.list_datasets(get_session()))


@bp.get("/<name>/")
def dataset_page(name: str):
    """Show one dataset."""
    dataset = next((d for d in services.list_datasets(get_session()) if d.name == name), None)
    if dataset is None:
        abort(404)
    return render_template("catalog/dataset.html", dataset=dataset)
