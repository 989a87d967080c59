"""The consultation fixtures (make_app, capp, cclient) live in tests/conftest.py and the form steps
in tests/helpers.py; these names stay importable from here for tests written before the move."""

from __future__ import annotations

from tests.helpers import BUILD_AT, confirm, form_tokens, hidden_fields, receipt_of, submit

__all__ = ["BUILD_AT", "confirm", "form_tokens", "hidden_fields", "receipt_of", "submit"]
