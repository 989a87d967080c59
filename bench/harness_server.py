"""A real `portal serve --production` server on loopback for the load-and-fault harness and tests.

The server runs in its own session, its JSON logs go to a file, and its gunicorn workers can be
listed and SIGKILLed one at a time (the arbiter then starts a replacement).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests import helpers
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def server_env(tmp: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """PORTAL_* settings of a server whose files live under TMP (demo consultation, no fill delay)."""
    harness = {"SECRET_KEY": "harness-only-secret-0123456789abcd", "CONSULT_MIN_FILL_SECONDS": "0",
               "CONSULT_RATE_LIMIT": "1000000 per minute", "DEMO_MODE": "true"}
    return helpers.server_env(tmp, database_url=database_url, **{**harness, **extra})


def build(env: dict[str, str], index: bool = True) -> None:
    """Run `portal build` (database, demo consultation and, with INDEX, the search indexes)."""
    args = [str(BIN / "portal"), "build"] + ([] if index else ["--no-index"])
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True)


class ProductionServer:
    """`portal serve --production --workers N` on 127.0.0.1:PORT, logs to LOG."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 3, port: int | None = None):
        self.env, self.log, self.workers = env, log, workers
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_path: str = "/ja/consultations/demo/", wait: float = 60) -> None:
        """Start the server and wait until every worker is up and READY_PATH answers."""
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(BIN / "portal"), "serve", "--production", "--workers", str(self.workers),
                 "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True)
        deadline = time.time() + wait
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            if len(self.worker_pids()) == self.workers and self._answers(ready_path):
                return
            time.sleep(0.2)
        raise RuntimeError("server did not start")

    def _answers(self, path: str) -> bool:
        """True when PATH answers 200."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        """The gunicorn workers' process ids (children of the arbiter)."""
        if self.proc is None:
            return []
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def kill_worker(self) -> int:
        """SIGKILL the oldest worker; return its pid (the arbiter starts a new one)."""
        pid = sorted(self.worker_pids())[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def terminate(self) -> None:
        """Send SIGTERM to the arbiter (graceful shutdown)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 40) -> int | None:
        """Stop gracefully (SIGTERM), SIGKILL the group if it hangs; return the exit code."""
        if self.proc is None:
            return None
        self.terminate()
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            return self.proc.wait()
