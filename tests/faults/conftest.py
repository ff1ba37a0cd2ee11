"""Fixtures of the fault suite (tests/faults/, marker `faults`).

- `fault_services` (session): the suite's own PostgreSQL cluster (initdb into a temporary
  folder, its own port) and redis-server (its own port, nothing on disk), the database
  migrated once with the demo content, opening hours all day, two console operators (signed in
  through the admin's form by the first run that needs them) and the protocol operators (with
  sessions made in the database), and a runner of ORM snippets against that database. Nothing
  of it is the machine's shared PostgreSQL or Redis, which the servers never see.
- `fault_browser` (package): one Chromium (Debian's, as tests/e2e), closed at the end of the
  package: Playwright's sync API marks an asyncio loop as running in this thread meanwhile.
- `fault_loop` (session): the event loop thread of the proxies and the protocol clients.
- `fleet`: a fresh run: both daphne processes and their proxies, the browsers and protocol
  clients in conversation; everything stopped at the end, whatever happened.
- `fault_report` (session): the figures of every fault; at the end of the session written as
  JSON and Markdown (to LANTERN_FAULTS_REPORT, a file path ending in .md, if set; else to the
  session's temporary folder) and shown in the terminal summary.

The suite runs in the PostgreSQL pass only (DATABASE_URL names PostgreSQL: CI's second pass):
the embedded pass skips it. In that pass a missing PostgreSQL, redis-server or Chromium fails
it in CI (`CI` set), where a skip would go unnoticed, and skips it elsewhere.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lantern.testing.daphne import free_port
from tests.e2e.conftest import ALL_DAY, CHROMIUM_ARGS

from .scenario import (
    CONSOLE_PASSWORD,
    CREATE_OPERATORS,
    PROTOCOL_PAIRS,
    FaultsDatabase,
    Fleet,
    trace,
)
from .services import (
    LoopThread,
    PostgresCluster,
    RedisServer,
    postgres_bindir,
    redis_server_path,
)

REPO = Path(__file__).resolve().parents[2]
DATABASE = "lantern_faults"
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def postgres_pass() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def missing(reason: str) -> None:
    """A requirement of the suite is missing: a failure in CI, a skip elsewhere."""
    if "CI" in os.environ:
        pytest.fail(f"{reason} (CI is set: the fault suite may not be skipped)", pytrace=False)
    pytest.skip(reason)


@dataclass
class Services:
    pg: PostgresCluster
    redis: RedisServer
    server_env: dict[str, str]
    db: FaultsDatabase
    operators: dict
    workdir: Path
    storage_states: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)  # of every run's texts, to find in logs

    def ensure_up(self) -> None:
        """After a run that failed in the middle of a fault: both services up again."""
        if not self.pg.running():
            self.pg.start()
        if self.redis.process is None or self.redis.process.poll() is not None:
            self.redis.start()


# `manage.py migrate --noinput` and `load_demo_content --no-staff`, in the snippet runner's
# process (one start of Django instead of three).
PREPARE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_demo_content", "--no-staff", verbosity=0)
"""


def _create_database(pg: PostgresCluster) -> None:
    import psycopg

    url = pg.url("postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {DATABASE}")


# When the suite's services started to be set up: the report's date and duration.
SUITE_STARTED = [datetime.datetime.now(datetime.UTC), time.monotonic()]


@pytest.fixture(scope="session")
def fault_services():
    SUITE_STARTED[:] = [datetime.datetime.now(datetime.UTC), time.monotonic()]
    if not postgres_pass():
        pytest.skip("the fault suite runs in the PostgreSQL pass (DATABASE_URL=postgres://…)")
    bindir = postgres_bindir()
    if bindir is None:
        missing("PostgreSQL's initdb, pg_ctl and postgres were not found (LANTERN_PG_BIN)")
    redis_server = redis_server_path()
    if redis_server is None:
        missing("redis-server was not found (LANTERN_REDIS_SERVER)")

    workdir = Path(tempfile.mkdtemp(prefix="lantern-faults-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user in a folder below
    pg = PostgresCluster(workdir / "postgresql", free_port(), bindir)
    redis = RedisServer(workdir / "redis", free_port(), redis_server)
    db = None
    try:
        pg.init()
        pg.start()
        trace("PostgreSQL started")
        _create_database(pg)
        redis.start()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lantern.settings.test",
            "DATABASE_URL": pg.url(DATABASE),
            "REDIS_URL": redis.url,
            "CHANNEL_LAYER_PREFIX": "lantern-faults",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONPATH": str(REPO),
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "INFO",
        }
        env.pop("LANTERN_REQUIRE_2FA", None)
        db = FaultsDatabase(env, workdir / "db-helper.log")
        db.run(PREPARE)
        trace("migrated, demo content loaded")
        db.run(ALL_DAY, weekdays=list(range(7)))
        operators = db.run(
            CREATE_OPERATORS, consoles=2, protocol=PROTOCOL_PAIRS, password=CONSOLE_PASSWORD
        )
        server_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.faults.server_settings"}
        yield Services(pg, redis, server_env, db, operators, workdir)
    finally:
        if db is not None:
            db.close()
        redis.stop()
        pg.ensure_stopped()
        if os.environ.get("LANTERN_FAULTS_KEEP"):
            sys.stderr.write(f"\nfault suite: PostgreSQL's and Redis's files kept in {workdir}\n")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="package")
def fault_browser(fault_services):
    path = os.environ.get("LANTERN_CHROMIUM", DEFAULT_CHROMIUM)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        missing(f"Chromium was not found at {path} (`make browser`, or LANTERN_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def fault_loop():
    loop = LoopThread()
    yield loop
    loop.close()


# --- The report ---------------------------------------------------------------------------------


def host() -> dict:
    cpu = platform.processor() or "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "kernel": platform.release(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }


COLUMNS = [
    ("fault", "fault"),
    ("sent", "sent"),
    ("frames", "frames sent"),
    ("acked", "acked"),
    ("delivered", "delivered"),
    ("lost", "lost"),
    ("duplicated", "duplicated"),
    ("out_of_order", "out of order"),
    ("unacked", "never acked"),
    ("recovery_seconds", "every client back after (s)"),
    ("outcome", "result"),
]


class FaultReport:
    def __init__(self) -> None:
        self.runs: list[dict] = []

    def add(self, figures, outcome: str) -> None:
        self.runs.append({**figures.as_dict(), "outcome": outcome})

    def markdown(self) -> str:
        head = "| " + " | ".join(title for _key, title in COLUMNS) + " |"
        rule = "|" + "|".join(" --- " for _ in COLUMNS) + "|"
        rows = []
        for run in self.runs:
            cells = []
            for key, _title in COLUMNS:
                value = run.get(key)
                cells.append("never" if key == "recovery_seconds" and value is None else str(value))
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join([head, rule, *rows])

    def write(self) -> Path | None:
        if not self.runs:
            return None
        target = os.environ.get("LANTERN_FAULTS_REPORT")
        path = Path(target) if target else Path(tempfile.gettempdir()) / "lantern-faults.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        started, monotonic = SUITE_STARTED
        data = {
            "date": started.isoformat(timespec="seconds"),
            "seconds": round(time.monotonic() - monotonic, 1),
            "command": " ".join(["pytest", *sys.argv[1:]]),
            "host": host(),
            "runs": self.runs,
        }
        path.with_suffix(".json").write_text(json.dumps(data, indent=2, default=str) + "\n")
        details = "\n".join(
            f"- {run['fault']}: {run['conversations']} conversations, {run['clients']} clients "
            f"({run['browser_clients']} in Chromium), fault {run['fault_seconds']} s, "
            f"refused {run['refused'] or 'none'}, retried by hand {run['retried_by_hand']}, "
            f"connections cut by the proxies {run['dropped_connections']}, slowest back: "
            f"{run['slowest_client'] or '-'}"
            for run in self.runs
        )
        path.write_text(
            f"Fault suite, {data['date']} ({data['seconds']} s): `{data['command']}`\n\n"
            f"Host: Linux {data['host']['kernel']}, {data['host']['cpu']}, "
            f"{data['host']['cores']} cores, Python {data['host']['python']}\n\n"
            f"{self.markdown()}\n\n{details}\n"
        )
        return path


@pytest.fixture(scope="session")
def fault_report(request):
    report = FaultReport()
    yield report
    path = report.write()
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    if path is not None and reporter is not None:
        reporter.write_line("")
        reporter.write_line(f"fault suite figures ({path}, {path.with_suffix('.json')}):")
        for line in report.markdown().splitlines():
            reporter.write_line(line)


@pytest.fixture
def say(request):
    """Write one line to the terminal, whatever pytest captures."""
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    capture = request.config.pluginmanager.getplugin("capturemanager")

    def write(line: str) -> None:
        if reporter is None:
            return
        with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
            reporter.write_line(line)

    return write


@pytest.fixture
def fleet(fault_services, fault_browser, fault_loop, tmp_path):
    fleet = Fleet(services=fault_services, browser=fault_browser, loop=fault_loop, workdir=tmp_path)
    try:
        fleet.start()
        yield fleet
    finally:
        fleet.close()
        fault_services.ensure_up()
