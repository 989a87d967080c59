"""The staff blueprint (/staff/…), shared by the login pages and the consultation pages."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")
