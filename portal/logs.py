"""Structured JSON logs with request ids; never a request body, form field or query string."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object per line, with the request id when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the JSON line for RECORD."""
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "pid": record.process,
        }
        if has_request_context():
            entry["request_id"] = g.get("request_id")
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "INFO") -> None:
    """Send every log record to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def init_app(app: Flask) -> None:
    """Give every request an id (kept from X-Request-ID when well formed) and an access log line."""
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    """Remember the request id and start time."""
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    """Log method, path (no query string) and status; echo the request id."""
    response.headers["X-Request-ID"] = g.get("request_id", "")
    started = g.get("request_started")
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    logging.getLogger("portal.access").info(
        "request", extra={"method": request.method, "path": request.path,
                          "status": response.status_code, "duration_ms": duration})
    return response
