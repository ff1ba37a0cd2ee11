"""Real-browser tests: Playwright's Python package drives Chromium against daphne.

- `e2e_site` (session): a temporary file-based SQLite database, `migrate`, `load_demo_content`,
  a dump of the pages' URLs and titles (`site_data.py`), and daphne in a subprocess on a free
  port of 127.0.0.1, through `lantern.serve` (the access log without client addresses), with
  the settings `lantern.settings.test`, started by the launcher of `lantern.testing.daphne`.
  REDIS_URL is passed on when set: then the server caches pages in Redis.
- `browser` (package): one Chromium for all the tests. Debian's chromium (`LANTERN_CHROMIUM`,
  default /usr/bin/chromium), since Playwright cannot download its own browser here. Missing:
  a skip on a workstation, a failure in CI (`CI` set), where a skip would go unnoticed.
  Package scope on purpose: between its calls Playwright's sync API marks an asyncio loop as
  running in this thread, which would break async tests outside tests/e2e run after these.
- `new_context`: browser contexts that reach only the test server. Every request to another
  host is aborted, except the navigation to the quick-exit destination (a real external site
  the demo content names), which gets a tiny local page instead: that is the test boundary.
  Tests that must prove that nothing goes to another host record the requests themselves.
- `e2e_db` (session): one long-lived Python process with Django set up against the server's
  database (the same environment as daphne), which runs small snippets of ORM code for the
  chat tests: set opening hours, check the rows a chat leaves behind. One process, because
  `manage.py shell -c` takes seconds to start each time.
- Chat: `chat_operator` (a staff user with `chat.operate_chat`), `operator_state` (that user
  signed in through the Wagtail login form, as Playwright storage state), and `chat_ready`
  (opening hours all day every day, nobody available, no open conversation: each chat test
  starts from the same place, whatever the clock says).

The tests are plain sync functions: Playwright's sync API must not run in a running event loop
(pytest-asyncio runs in auto mode here).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from lantern.testing.daphne import Daphne, DaphneError
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
    "helpdirectorypage",
    "selfcheckpage",
    "accessibilitystatementpage",
]
SERVER_START_SECONDS = 60
COMMAND_SECONDS = 300


def _in_ci() -> bool:
    # Set at all (whatever its value): a CI must never skip these tests silently.
    return "CI" in os.environ


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
    env: dict = field(default_factory=dict, repr=False)

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


# settings module -> a migrated database with the demo content (a file of its own, never
# served) and its site data: built by the first server of the session, copied for the others.
_BUILT_DATABASES: dict[str, tuple[Path, dict]] = {}


def _fresh_database(settings_module: str, env: dict[str, str], path: Path) -> dict:
    """Put a migrated database with the demo content at `path`; returns its site data.

    Migrating and loading the demo take about 20 s, the same for every server of a settings
    module: what `serve_site`'s `extra_env` changes is read by the server at run time (a time
    limit, whether a second factor is required), never stored. So the first server builds the
    database and keeps a copy, and the next ones start from a copy of that copy."""
    built = _BUILT_DATABASES.get(settings_module)
    if built is None:
        _run(["migrate", "--noinput"], env)
        _run(["load_demo_content"], env)
        output = _run(["shell", "-c", "from tests.e2e.site_data import dump; dump()"], env)
        try:
            data = json.loads(output.split(BEGIN, 1)[1].split(END, 1)[0])
        except (IndexError, ValueError) as error:
            pytest.fail(f"could not read the site data ({error}):\n{output[-3000:]}")
        keep = Path(tempfile.mkdtemp(prefix="lantern-e2e-built-")) / "built.sqlite3"
        shutil.copyfile(path, keep)
        built = _BUILT_DATABASES[settings_module] = (keep, data)
    else:
        shutil.copyfile(built[0], path)
    return json.loads(json.dumps(built[1]))  # each server's own copy


@pytest.fixture(scope="session", autouse=True)
def _remove_built_databases():
    yield
    for path, _data in _BUILT_DATABASES.values():
        shutil.rmtree(path.parent, ignore_errors=True)
    _BUILT_DATABASES.clear()


@contextlib.contextmanager
def serve_site(**extra_env: str):
    """A test server of its own: fresh database, demo content, daphne on a free port.
    `extra_env`: settings from the environment for this server (e.g. LANTERN_REQUIRE_2FA),
    read at run time (the database is the same for every server: `_fresh_database`)."""
    workdir = Path(tempfile.mkdtemp(prefix="lantern-e2e-"))
    # LANTERN_E2E_SETTINGS: another settings module for the server, e.g. one that puts
    # changed templates first to check that these tests catch a regression.
    settings_module = os.environ.get("LANTERN_E2E_SETTINGS", "lantern.settings.test")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
        **extra_env,
    }
    server = Daphne(
        settings=settings_module,
        env=env,
        log_path=workdir / "daphne.log",
        ready_path="/robots.txt",  # answered: the database and the pages work too
        start_timeout=SERVER_START_SECONDS,
        cwd=REPO,
    )
    try:
        data = _fresh_database(settings_module, env, workdir / "e2e.sqlite3")
        try:
            server.start()
        except DaphneError as error:
            pytest.fail(str(error), pytrace=False)

        yield E2ESite(base_url=server.url, data=data, env=env)
    finally:
        died = server.stop()
        log = server.output(4000)
        shutil.rmtree(workdir, ignore_errors=True)
    if died is not None:
        pytest.fail(f"daphne stopped during the tests ({died}):\n{log}", pytrace=False)


@pytest.fixture(scope="session")
def e2e_site(chromium_executable):
    with serve_site() as site:
        yield site


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


# --- The chat ---------------------------------------------------------------------------------

DB_HELPER = """
import json, sys, traceback
import django
django.setup()
answers = sys.stdout
sys.stdout = sys.stderr  # whatever the snippets print must not mix with the answers
for line in sys.stdin:
    request = json.loads(line)
    namespace = {"result": None, **request["args"]}
    try:
        exec(request["code"], namespace)
        answer = {"result": namespace["result"]}
    except Exception:
        answer = {"error": traceback.format_exc()}
    answers.write(json.dumps(answer, default=str) + "\\n")
    answers.flush()
"""


class E2EDatabase:
    """Runs ORM snippets in the server's database. A snippet sets `result` (JSON-able) to
    answer; keyword arguments become its variables. Django's autocommit mode: nothing stays
    locked between snippets."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115  (closed in close())
        self.process = subprocess.Popen(
            [sys.executable, "-c", DB_HELPER],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )

    def run(self, snippet: str, /, **args):
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"code": snippet, "args": args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            pytest.fail(f"the database helper stopped:\n{_tail(self.log_path)}", pytrace=False)
        answer = json.loads(line)
        if "error" in answer:
            pytest.fail(f"snippet failed:\n{snippet}\n{answer['error']}", pytrace=False)
        return answer["result"]

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="session")
def e2e_db(e2e_site):
    workdir = Path(tempfile.mkdtemp(prefix="lantern-e2e-db-"))
    database = E2EDatabase(e2e_site.env, workdir / "helper.log")
    try:
        yield database
    finally:
        database.close()
        shutil.rmtree(workdir, ignore_errors=True)


OPERATOR_PASSWORD = "operator-e2e-password"


def sign_in(page, user: dict) -> None:
    """Through the Wagtail admin's sign-in form, with `user`'s username and password."""
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(user["username"])
    page.locator("input[name=password]").fill(user["password"])
    page.locator("form button[type=submit]").click()


CREATE_OPERATOR = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
user, _created = get_user_model().objects.get_or_create(
    username="e2e-operator", defaults={"first_name": "Olga", "last_name": "Operator"}
)
user.set_password(password)
user.save()
user.user_permissions.set([
    Permission.objects.get(content_type__app_label="chat", codename="operate_chat"),
    Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
])
result = {"id": user.pk, "username": user.username, "password": password}
"""


@pytest.fixture(scope="session")
def chat_operator(e2e_db) -> dict:
    """A chat operator: staff who may use the Wagtail admin and answer chats, nothing else."""
    return e2e_db.run(CREATE_OPERATOR, password=OPERATOR_PASSWORD)


@pytest.fixture(scope="package")
def operator_state(browser, e2e_site, chat_operator) -> dict:
    """The operator signed in through the Wagtail admin's login form, as storage state that
    each operator context starts from (the session cookie)."""
    context = browser.new_context(base_url=e2e_site.base_url)
    try:
        page = context.new_page()
        sign_in(page, chat_operator)
        page.wait_for_url(e2e_site.url("/admin/"))
        return context.storage_state()
    finally:
        context.close()


ALL_DAY = """
import datetime
from wagtail.models import Site
from awareness.models import ChatOpeningHours, SafetySettings
safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
safety.chat_hours.all().delete()
for weekday in weekdays:
    ChatOpeningHours.objects.create(
        settings=safety, weekday=weekday, opens=datetime.time(0, 0), closes=datetime.time.max
    )
"""

RESET_CHAT = """
from django.utils import timezone
from chat.models import Conversation, Message, OperatorStatus
Message.objects.filter(conversation__in=Conversation.objects.open()).delete()
Conversation.objects.open().update(
    status=Conversation.Status.CLOSED, outcome=Conversation.Outcome.ABANDONED,
    token_hash=None, closed_at=timezone.now(),
)
OperatorStatus.objects.update(available=False, max_chats=3)
"""


@pytest.fixture
def chat_ready(e2e_db, chat_operator):
    """The chat open all day every day (tests must not depend on the clock), nobody available
    and nobody waiting; every operator back to three chats at once."""
    e2e_db.run(RESET_CHAT + ALL_DAY, weekdays=list(range(7)))
    return e2e_db


def set_chat_hours(e2e_db, weekdays: list[int]) -> None:
    """Opening hours all day on these weekdays (none: the chat is closed)."""
    e2e_db.run(ALL_DAY, weekdays=weekdays)


CONSOLE_PATH = "/admin/chat/console/"
PANEL = "#chat-panel"


def screenshot(page, name: str) -> None:
    """Keep a picture of the chat for people to look at (LANTERN_E2E_SCREENSHOTS, default the
    temporary directory): lantern-chat-<name>.png."""
    folder = Path(os.environ.get("LANTERN_E2E_SCREENSHOTS", tempfile.gettempdir()))
    page.screenshot(path=folder / f"lantern-chat-{name.replace(' ', '-')}.png")


def chat_strings(e2e_db, language: str) -> dict:
    """The widget's texts in `language`, as the server renders them (its translations), and
    the chat rules it shows (`rules`: paragraphs, `rulesVersion`)."""
    return e2e_db.run(
        """
from django.utils import translation
from chat.consent import consent_text
from chat.models import ChatRules
from chat.templatetags.chat_tags import widget_strings
rules = ChatRules.objects.current()
with translation.override(language):
    result = {
        **widget_strings(),
        "consentText": consent_text(language),
        "rules": rules.paragraphs(language),
        "rulesVersion": rules.version,
    }
""",
        language=language,
    )


def translate(e2e_db, language: str, *texts: str) -> list[str]:
    return e2e_db.run(
        """
from django.utils import translation
from django.utils.translation import gettext
with translation.override(language):
    result = [gettext(text) for text in texts]
""",
        language=language,
        texts=list(texts),
    )


def wait_until_accepting(page, accepting: bool = True, seconds: float = 10) -> None:
    """Until the public availability check says that someone can (or cannot) answer."""
    deadline = time.monotonic() + seconds
    while True:
        data = page.request.get("/chat/availability/").json()
        if data["accepting"] == accepting:
            return
        assert time.monotonic() < deadline, f"availability stayed {data}"
        time.sleep(0.1)


def open_console(new_context, operator_state, *, available: bool = True, **options):
    """The operator's console in a context of its own, connected, and (by default) available
    for new chats."""
    from playwright.sync_api import expect

    options.setdefault("viewport", {"width": 1280, "height": 1000})
    context = new_context(storage_state=operator_state, **options)
    page = context.new_page()
    page.goto(CONSOLE_PATH)
    toggle = page.locator("[data-available]")
    expect(toggle).to_be_enabled()
    if available:
        toggle.check()
        wait_until_accepting(page)
    return page


def open_chat(page, e2e_site, language: str = "lv", page_type: str = "homepage") -> None:
    """A public page, then the chat launcher."""
    from playwright.sync_api import expect

    page.goto(e2e_site.first(page_type)["urls"][language])
    page.locator("[data-chat-launcher]").click()
    expect(page.locator(PANEL)).to_be_visible()


def start_chat(page, topic: str | None = None, language: str | None = None) -> None:
    from playwright.sync_api import expect

    expect(page.locator("[data-view=intro]")).to_be_visible()
    if topic:
        page.locator(f"[data-chat-start] input[name=topic][value={topic}]").check()
    if language:
        page.locator("#chat-language").select_option(language)
    page.locator("[data-chat-start-button]").click()
    expect(page.locator("[data-chat-queue]")).not_to_be_empty()


def accept_first(console) -> int:
    """The operator accepts the first visitor waiting; returns the conversation's number."""
    from playwright.sync_api import expect

    button = console.locator("[data-queue] button").first
    conversation = int(button.get_attribute("data-id"))
    button.click()
    expect(conversation_in(console, conversation)).to_be_visible()
    return conversation


def conversation_in(console, conversation: int):
    """The conversation's card in the console, put on screen (chosen in the list beside it,
    as the operator would) if another one is."""
    card = console.locator(f"article.conversation:has(h3#conversation-{conversation}-title)")
    entry = console.locator(f"[data-conversation-list] [data-open='{conversation}']")
    if entry.count() and not card.is_visible():
        entry.click()
    return card


def visitor_says(page, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")


def operator_says(console, conversation: int, text: str) -> None:
    """Send, and wait until the server has stored it (the line has its number)."""
    from playwright.sync_api import expect

    card = conversation_in(console, conversation)
    field = card.locator("[data-composer] textarea")
    field.fill(text)
    field.press("Enter")
    line = card.locator(".line--operator:not(.line--note)").last
    expect(line.locator(".line__text")).to_have_text(text)
    expect(line).to_have_attribute("data-seq", re.compile(r"^\d+$"))


def visitor_log(page) -> list[tuple[str, str]]:
    """(sender, text) of every line of the visitor's log, in order."""
    return page.locator("[data-chat-log] > li").evaluate_all(
        """items => items.map(item => [
            item.className.replace(/.*chat__message--(\\w+).*/, '$1'),
            Array.from(item.querySelectorAll('.chat__text')).map(p => p.textContent).join('\\n'),
        ])"""
    )


def console_log(console, conversation: int) -> list[tuple[str, str]]:
    return (
        conversation_in(console, conversation)
        .locator("[data-log] > li")
        .evaluate_all(
            """items => items.map(item => [
            item.className.replace(/.*line--(\\w+).*/, '$1'),
            item.querySelector('.line__text').textContent,
        ])"""
        )
    )
