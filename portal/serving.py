"""Production serving: gunicorn with N workers, JSON logs and graceful shutdown."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger


class JsonGunicornLogger(Logger):
    """gunicorn's own messages (arbiter, worker boots and exits) as JSON lines like the app's."""

    def setup(self, cfg: Any) -> None:
        """Install gunicorn's handlers, then give each the portal's JSON formatter."""
        super().setup(cfg)
        from portal.logs import JsonFormatter

        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())


class PortalServer(BaseApplication):
    """Run the portal's WSGI app under gunicorn with options given in code, not a config file."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply our options to gunicorn's settings."""
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self):
        """Create the app in each worker (after fork), with JSON logs."""
        from portal import create_app, logs

        logs.configure()
        return create_app()


def run(host: str, port: int, workers: int, threads: int, timeout: int = 30) -> None:
    """Serve on HOST:PORT until SIGTERM/SIGINT; workers finish their requests before exiting."""
    PortalServer({
        "bind": f"{host}:{port}", "workers": workers, "threads": threads,
        "worker_class": "gthread", "graceful_timeout": timeout, "timeout": timeout,
        "accesslog": None, "errorlog": "-", "loglevel": "info",
        "logger_class": "portal.serving.JsonGunicornLogger",
        "forwarded_allow_ips": "127.0.0.1", "max_requests": 0,
    }).run()
