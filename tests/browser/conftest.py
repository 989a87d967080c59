"""Browser-test infrastructure: a real portal server on a free loopback port and headless Chromium.

Reusable by any feature: `portal_url` is the base URL of a server process on a copy of the
session's build of datasets/ (`serve_copy(built_site, tmp, env)` from tests/helpers.py starts
another on a copy of the same build, for a module needing its own data or settings),
`browser_page` a fresh Chromium page with no network beyond 127.0.0.1, and `axe_check(page)`
returns the serious and critical axe-core violations. Without /usr/bin/chromium every browser
test is skipped with a message saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Built, copy_built, free_port, serve_copy, server_env

#: Kept importable from here for tests written before tests/helpers.py.
__all__ = ["free_port", "serve_copy", "server_env"]

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


@pytest.fixture(scope="session")
def built_site(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's build of datasets/ (demo open from now) that every test server copies."""
    if not CHROMIUM.exists():
        pytest.skip(SKIP_MESSAGE)
    return copy_built(built, tmp_path_factory.mktemp("browser-build")).folder


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
