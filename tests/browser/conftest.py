"""Browser-test infrastructure: a real portal server on a free loopback port and headless Chromium.

Reusable by any feature: `portal_url` is the base URL of a server process built from datasets/
into a temporary database (`serve_copy(built_site, tmp, env)` starts another on a copy of the
same build, for a module needing its own data or settings), `browser_page` a fresh Chromium
page with no network beyond 127.0.0.1, and `axe_check(page)` returns the serious and critical
axe-core violations. Without /usr/bin/chromium every browser test is skipped with a message saying so.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
SKIP_MESSAGE = "browser tests skipped: /usr/bin/chromium not found"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every browser test, saying why, when Chromium is not installed."""
    if CHROMIUM.exists():
        return
    marker = pytest.mark.skip(reason=SKIP_MESSAGE)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say plainly at the end of the run that the browser tests did not run."""
    if not CHROMIUM.exists():
        terminalreporter.write_line(SKIP_MESSAGE, yellow=True)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp: Path, port: int) -> dict[str, str]:
    """Environment for a portal process whose database and index live under TMP."""
    env = dict(os.environ)
    env.update({
        "PORTAL_DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite'}",
        "PORTAL_SEARCH_INDEX_DIR": str(tmp / "search_index"),
        "PORTAL_RELEASES_DIR": str(tmp / "releases"),
        "PORTAL_PUBLISHED_DIR": str(tmp / "published"),
        "PORTAL_DATASETS_DIR": str(ROOT / "datasets"),
        "PORTAL_SERVE_PORT": str(port), "PORTAL_SECRET_KEY": "browser-tests",
        "PYTHONPATH": str(ROOT),
    })
    return env


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Poll URL until it answers; fail with the server's output if it dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"portal server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"portal server did not answer at {url} within {timeout} s")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run `portal build` of datasets/ once into a folder that every test server copies."""
    if not CHROMIUM.exists():
        pytest.skip(SKIP_MESSAGE)
    tmp = tmp_path_factory.mktemp("browser-build")
    build = [sys.executable, "-c", "from portal.cli import main; main()", "build"]
    subprocess.run(build, env=server_env(tmp, free_port()), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return tmp


@contextmanager
def serve_copy(built: Path, tmp: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve a copy of the BUILT folder from TMP (own database) on a free port; yield the base URL."""
    shutil.copytree(built, tmp, dirs_exist_ok=True)
    port = free_port()
    env = {**server_env(tmp, port), **(extra_env or {})}
    code = ("from portal import create_app; "
            f"create_app().run(host='127.0.0.1', port={port}, threaded=True, use_reloader=False)")
    with open(tmp / "server.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT, stdout=log,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def portal_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared server: a copy of the built datasets/ served on a free port; yield the base URL."""
    with serve_copy(built_site, tmp_path_factory.mktemp("browser-server")) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.skip(SKIP_MESSAGE)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[Any]:
    """A fresh page (own cookies) in a phone-sized or desktop viewport."""
    context = chromium.new_context(viewport={"width": 1024, "height": 800}, locale="ja-JP")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_check() -> Callable[[Any], list[dict[str, Any]]]:
    """Run axe-core (bundled by axe-playwright-python) and return serious/critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any) -> list[dict[str, Any]]:
        results = axe.run(page)
        return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]

    return check
