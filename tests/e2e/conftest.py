"""Real-browser tests: Playwright's Python package drives Chromium against daphne.

- `e2e_site` (session): a temporary file-based SQLite database, `migrate`, `load_demo_content`,
  a dump of the pages' URLs and titles (`site_data.py`), and daphne in a subprocess on a free
  port of 127.0.0.1, through `lantern.serve` (the access log without client addresses), with
  the settings `lantern.settings.test`. REDIS_URL is passed on when set: then the server caches
  pages in Redis.
- `browser` (package): one Chromium for all the tests. Debian's chromium (`LANTERN_CHROMIUM`,
  default /usr/bin/chromium), since Playwright cannot download its own browser here. Missing:
  a skip on a workstation, a failure in CI (`CI` set), where a skip would go unnoticed.
  Package scope on purpose: between its calls Playwright's sync API marks an asyncio loop as
  running in this thread, which would break async tests outside tests/e2e run after these.
- `new_context`: browser contexts that reach only the test server. Every request to another
  host is aborted, except the navigation to the quick-exit destination (a real external site
  the demo content names), which gets a tiny local page instead: that is the test boundary.
  Tests that must prove that nothing goes to another host record the requests themselves.

The tests are plain sync functions: Playwright's sync API must not run in a running event loop
(pytest-asyncio runs in auto mode here).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.site_data import BEGIN, END

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices (landmarks, heading order, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
NEUTRAL_PAGE = "<!doctype html><html lang=en><title>Weather</title><p>Sunny.</p></html>"
PAGE_TYPES = [
    "homepage",
    "campaignindexpage",
    "campaignpage",
    "articleindexpage",
    "articlepage",
    "helppage",
    "safetypage",
]
SERVER_START_SECONDS = 60
COMMAND_SECONDS = 300


def _in_ci() -> bool:
    # Set at all (whatever its value): a CI must never skip these tests silently.
    return "CI" in os.environ


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
            pytrace=False,
        )
    return result.stdout


def _tail(path: Path, chars: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


@dataclass
class E2ESite:
    """The running test server and what the demo content holds."""

    base_url: str
    data: dict

    @property
    def languages(self) -> list[str]:
        return self.data["languages"]

    @property
    def quick_exit_url(self) -> str:
        return self.data["quick_exit_url"]

    @property
    def emergency_number(self) -> str:
        return self.data["emergency_number"]

    def url(self, path: str) -> str:
        return self.base_url + path

    def is_local(self, url: str) -> bool:
        return url.startswith(self.base_url + "/") or url.startswith(("data:", "blob:"))

    def pages_of(self, page_type: str) -> list[dict]:
        return [page for page in self.data["pages"] if page["type"] == page_type]

    def first(self, page_type: str) -> dict:
        pages = self.pages_of(page_type)
        assert pages, f"the demo content has no live {page_type}"
        return pages[0]

    def shown_language(self, page: dict, language: str) -> str:
        """The language a page's text is shown in: its own, else the fallbacks (lv, en)."""
        if page["titles"].get(language):
            return language
        for fallback in self.data["fallback_languages"]:
            if page["titles"].get(fallback):
                return fallback
        return self.data["default_language"]

    def title(self, page: dict, language: str) -> str:
        return page["titles"][self.shown_language(page, language)]

    def search_term(self, language: str) -> str:
        """A query with results in `language`: the first campaign's title there."""
        return self.title(self.first("campaignpage"), language)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = os.environ.get("LANTERN_CHROMIUM", DEFAULT_CHROMIUM)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        reason = (
            f"Chromium was not found at {path}: install Debian's chromium package "
            "(`make browser`) or point LANTERN_CHROMIUM at a Chromium binary"
        )
        if _in_ci():
            pytest.fail(f"{reason} (CI is set: a missing browser is a failure)", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def e2e_site(chromium_executable):
    workdir = Path(tempfile.mkdtemp(prefix="lantern-e2e-"))
    port = _free_port()
    env = {
        **os.environ,
        # LANTERN_E2E_SETTINGS: another settings module for the server, e.g. one that puts
        # changed templates first to check that these tests catch a regression.
        "DJANGO_SETTINGS_MODULE": os.environ.get("LANTERN_E2E_SETTINGS", "lantern.settings.test"),
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    process = None
    log_path = workdir / "daphne.log"
    try:
        _run(["migrate", "--noinput"], env)
        _run(["load_demo_content"], env)
        output = _run(["shell", "-c", "from tests.e2e.site_data import dump; dump()"], env)
        try:
            data = json.loads(output.split(BEGIN, 1)[1].split(END, 1)[0])
        except (IndexError, ValueError) as error:
            pytest.fail(f"could not read the site data ({error}):\n{output[-3000:]}")

        with open(log_path, "wb") as log:
            process = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "lantern.serve",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "lantern.asgi:application",
                ],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base_url = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"daphne exited with {process.returncode}:\n{_tail(log_path)}", pytrace=False
                )
            try:
                with opener.open(base_url + "/robots.txt", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"daphne did not answer within {SERVER_START_SECONDS}s:\n{_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.2)

        yield E2ESite(base_url=base_url, data=data)
    finally:
        died = None
        if process is not None:
            died = process.poll()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        log = _tail(log_path)
        shutil.rmtree(workdir, ignore_errors=True)
    if died is not None:
        pytest.fail(f"daphne stopped during the tests ({died}):\n{log}", pytrace=False)


@pytest.fixture(scope="package")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_context(browser, e2e_site):
    """Make browser contexts (closed after the test) that reach only the test server."""
    contexts = []
    exit_host = urlsplit(e2e_site.quick_exit_url).netloc

    def guard(route):
        request = route.request
        if request.is_navigation_request() and urlsplit(request.url).netloc == exit_host:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE)
        else:
            route.abort()

    def make(**options):
        options.setdefault("base_url", e2e_site.base_url)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.route(lambda url: not e2e_site.is_local(url), guard)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    # The package bundles axe-core (axe.min.js) and injects it with page.evaluate: nothing is
    # fetched from the network.
    return Axe()


def axe_violations(axe, page) -> list[dict]:
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)
