"""The app's secret: configured in production, generated once and kept for an embedded install.

There is no default secret in the code: a shared default lets anyone sign a session cookie.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

#: Shortest configured secret `portal serve --production` accepts, in bytes (UTF-8).
MIN_BYTES = 32


def init_app(app: Flask) -> None:
    """Use the configured SECRET_KEY, else the one kept in SECRET_KEY_FILE (created if absent)."""
    configured = app.config.get("SECRET_KEY") or ""
    app.extensions["secret_configured"] = bool(configured)
    if not configured:
        app.config["SECRET_KEY"] = _kept_secret(Path(app.config["SECRET_KEY_FILE"]))


def _kept_secret(path: Path) -> str:
    """Read the secret kept at PATH; the first time, write a random one (readable by us only)."""
    try:
        kept = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        kept = ""
    if len(kept.encode()) >= MIN_BYTES:
        return kept
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(fresh + "\n")
    os.chmod(path, 0o600)
    return fresh


def production_problem(app: Flask) -> str | None:
    """Why production must not start with this app's secret, or None when it is fine."""
    configured = app.config["SECRET_KEY"] if app.extensions.get("secret_configured") else ""
    if len(configured.encode("utf-8")) >= MIN_BYTES:
        return None
    why = "is not set" if not configured else f"is only {len(configured.encode())} bytes long"
    return (f"Refusing to serve in production: PORTAL_SECRET_KEY {why}. Set it to a random "
            f"value of at least {MIN_BYTES} bytes, for example the output of "
            "`python3 -c \"import secrets; print(secrets.token_urlsafe(48))\"`, and keep it "
            "secret: whoever knows it can sign staff sessions.")
