"""Structured JSON logs with request ids; never a request body, form field, query string or
exception message (gunicorn's own lines go through the same formatter)."""

from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import re
import sys
import threading
import time
import traceback
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, has_request_context, request

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
#: A query string: from '?' after a path or URL up to white space or a quote.
_QUERY = re.compile(r"(/[^\s?'\"]*)\?[^\s'\"]*")
#: Put where an exception's message was: it may quote a parameter or a form value.
WITHHELD = "(message not logged: it may quote request data)"


def scrub(text: str) -> str:
    """TEXT with every query string after a path or URL cut off (the path is kept)."""
    return _QUERY.sub(r"\1?…", text)


def _exception_lines(exc_info) -> str:
    """The traceback of EXC_INFO with each exception's message withheld and query strings cut."""
    _type, value, tb = exc_info
    trace = traceback.TracebackException(type(value), value, tb, compact=True) if value \
        else None
    if trace is None:
        return ""
    seen, node = set(), trace
    while node is not None and id(node) not in seen:  # the chain of causes and contexts
        seen.add(id(node))
        node._str = WITHHELD  # type: ignore[attr-defined]
        node = node.__cause__ or node.__context__
    return scrub("".join(trace.format()).rstrip("\n"))


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object per line, with the request id when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the JSON line for RECORD."""
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": scrub(record.getMessage()),
            "pid": record.process,
        }
        if hasattr(record, "request_id"):
            entry["request_id"] = record.request_id
        elif has_request_context():
            entry["request_id"] = g.get("request_id")
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = _exception_lines(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class _Enqueue(logging.Handler):
    """Hand records to the writer thread, stamped with the request id while it is known."""

    def __init__(self, records: queue.SimpleQueue[logging.LogRecord | None]) -> None:
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        """Queue RECORD (its message merged now, as its arguments may change later)."""
        if has_request_context():
            record.request_id = g.get("request_id")
        record.msg, record.args = record.getMessage(), None
        self.records.put(record)


#: Longest a log line waits in the queue before the writer thread writes it.
POLL_SECONDS = 0.05


class _Writer(threading.Thread):
    """Format queued records as JSON lines and write every waiting line with one flush.

    A request thread only queues its record: writing from 8 request threads at once made
    them queue on the handler lock and the GIL, which cost a third of a small request's CPU.
    """

    def __init__(self, stream) -> None:
        super().__init__(name="log-writer", daemon=True)
        self.stream, self.formatter = stream, JsonFormatter()
        self.records: queue.SimpleQueue[logging.LogRecord | dict | None] = queue.SimpleQueue()

    def _line(self, item: logging.LogRecord | dict) -> str:
        """The JSON line of a log record, or of an access entry queued as a dict."""
        if isinstance(item, dict):
            item["ts"] = datetime.fromtimestamp(item["ts"], UTC).isoformat(timespec="milliseconds")
            return json.dumps(item, ensure_ascii=False)
        return self.formatter.format(item)

    def run(self) -> None:
        """Write what has queued every POLL_SECONDS, until the None sentinel.

        Polling, not a blocking get: a thread blocked on the queue is woken by every put (a
        thread switch per request, measured at 6 % of a comment's CPU); a line waits at most
        POLL_SECONDS."""
        while True:
            batch: list[logging.LogRecord | dict | None] = []
            while len(batch) < 1024:
                try:
                    batch.append(self.records.get_nowait())
                except queue.Empty:
                    break
            if not batch:
                time.sleep(POLL_SECONDS)
                continue
            lines = [self._line(r) for r in batch if r is not None]
            if lines:
                try:
                    self.stream.write("\n".join(lines) + "\n")
                    self.stream.flush()
                except (OSError, ValueError):
                    pass  # stderr gone: nowhere left to report it
            if None in batch:
                return

    def stop(self) -> None:
        """Write what is queued, then end (at interpreter exit)."""
        self.records.put(None)
        self.join(5)


#: The background writer once `configure` ran (production); None under the development server.
_writer: _Writer | None = None


def configure(level: str = "INFO") -> None:
    """Send every log record to stderr as JSON lines, written by a background thread."""
    global _writer
    writer = _writer = _Writer(sys.stderr)
    writer.start()
    atexit.register(writer.stop)
    root = logging.getLogger()
    root.handlers[:] = [_Enqueue(writer.records)]
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
    fields = {"method": request.method, "path": request.path, "status": response.status_code,
              "duration_ms": duration}
    access = logging.getLogger("portal.access")
    if _writer is not None and access.isEnabledFor(logging.INFO):
        # The line's fields go straight to the writer: a LogRecord's caller lookup walks the
        # whole request stack, for every request. Same JSON as any other record.
        _writer.records.put({"ts": time.time(), "level": "info", "logger": "portal.access",
                             "msg": "request", "pid": os.getpid(),
                             "request_id": g.get("request_id"), **fields})
    else:
        access.info("request", extra=fields)
    return response
