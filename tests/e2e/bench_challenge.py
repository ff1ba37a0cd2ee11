"""What the proof of work before a start costs a visitor's phone, and an attacker's machine.

Not a test (nothing is asserted about time, and `pytest` does not collect this file by its
name): `make bench-challenge` runs it and prints the figures, recorded in docs/performance.md.

- visitor: in Chromium with its CPU slowed down four times (Chrome DevTools' "4x slowdown",
  the usual stand-in for a mid-range phone), a visitor opens the chat panel on the home page
  and presses "Start chat" at once (the worst case: the widget starts solving when the panel
  opens, so a visitor who reads first waits less) or after 5 s of reading; the time from the
  press until the widget shows the place in the queue. Each level on a server of its own:
  "none" (a challenge of one attempt of one iteration: what a start cost before), the
  normal level and the raised level, at the site's default settings.
- attacker: how long this machine needs to solve the challenges for MAX_WAITING starts (a full
  queue) with the fastest solver at hand, PBKDF2 in C (Python's hashlib, as the published
  ALTCHA solvers use), on every core; measured on 200 challenges at the normal level and on
  40 at the raised level (times 5).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import time

from django.conf import settings
from django.test import override_settings

from playwright.sync_api import expect

from chat import protocol
from chat.bench.processes import host
from lantern import challenge
from lantern.settings import base as defaults
from lantern.testing.challenge import solve
from tests.e2e.conftest import ALL_DAY, E2EDatabase, serve_site

TRIALS = int(os.environ.get("BENCH_TRIALS", "7"))
READING_SECONDS = 5

READY = """
import time
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.utils import timezone
from chat.models import Conversation, OperatorStatus
for attempt in range(100):  # the server may be writing (the last visitor leaving): SQLite waits
    try:
        Conversation.objects.all().delete()
        user, _created = get_user_model().objects.get_or_create(username="bench-operator")
        OperatorStatus.objects.update_or_create(
            user=user,
            defaults={"available": True, "last_seen_at": timezone.now(), "max_chats": 3},
        )
        break
    except OperationalError:
        time.sleep(0.1)
result = None
"""


def levels() -> dict[str, dict[str, str]]:
    cost = str(settings.LANTERN_CHALLENGE_COST)
    normal, raised = (
        str(settings.LANTERN_CHALLENGE_NORMAL_WORK),
        str(settings.LANTERN_CHALLENGE_RAISED_WORK),
    )
    return {
        "none": {"LANTERN_CHALLENGE_COST": "1", "LANTERN_CHALLENGE_NORMAL_WORK": "1"},
        "normal": {"LANTERN_CHALLENGE_COST": cost, "LANTERN_CHALLENGE_NORMAL_WORK": normal},
        # The raised level from the first start (as under a flood).
        "raised": {"LANTERN_CHALLENGE_COST": cost, "LANTERN_CHALLENGE_NORMAL_WORK": raised},
    }


def summary(values: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(values), 2),
        "max_s": round(max(values), 2),
        "n": len(values),
    }


def visitor_start(browser, site, database, *, reading: float) -> float:
    database.run(READY)
    context = browser.new_context(base_url=site.base_url)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(site.first("homepage")["urls"]["lv"])
        page.locator("[data-chat-launcher]").click()
        expect(page.locator("[data-view=intro]")).to_be_visible()
        time.sleep(reading)
        pressed = time.monotonic()
        page.locator("[data-chat-start-button]").click()
        expect(page.locator("[data-chat-queue]")).not_to_be_empty(timeout=120_000)
        return time.monotonic() - pressed
    finally:
        context.close()


def _solve_one(issued: dict) -> None:
    solve(issued)


def attacker_seconds(level: str, count: int) -> float:
    """Seconds for this machine to solve `count` challenges of `level`, on every core."""
    work = (
        settings.LANTERN_CHALLENGE_NORMAL_WORK
        if level == "normal"
        else settings.LANTERN_CHALLENGE_RAISED_WORK
    )
    with override_settings(LANTERN_CHALLENGE_SECONDS=3600):
        issued = [challenge.issue("start", work) for _ in range(count)]
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        pool.map(_solve_one, issued, chunksize=1)
    return time.monotonic() - started


@override_settings(
    # The site's defaults, not the tests' quick ones.
    LANTERN_CHALLENGE_COST=defaults.LANTERN_CHALLENGE_COST,
    LANTERN_CHALLENGE_NORMAL_WORK=defaults.LANTERN_CHALLENGE_NORMAL_WORK,
    LANTERN_CHALLENGE_RAISED_WORK=defaults.LANTERN_CHALLENGE_RAISED_WORK,
)
def test_what_the_challenge_costs(browser, tmp_path):
    figures: dict = {"host": host(), "visitor_start_4x_slower_cpu": {}, "attacker_fill": {}}
    for name, env in levels().items():
        with serve_site(**env) as site:
            database = E2EDatabase(site.env, tmp_path / f"{name}-helper.log")
            try:
                database.run(ALL_DAY, weekdays=list(range(7)))
                at_once = [visitor_start(browser, site, database, reading=0) for _ in range(TRIALS)]
                reading = [
                    visitor_start(browser, site, database, reading=READING_SECONDS)
                    for _ in range(max(1, TRIALS // 2))
                ]
            finally:
                database.close()
        figures["visitor_start_4x_slower_cpu"][name] = {
            "pressed_at_once": summary(at_once),
            f"pressed_after_{READING_SECONDS}s": summary(reading),
        }
        print(name, figures["visitor_start_4x_slower_cpu"][name], flush=True)  # noqa: T201
    queue = protocol.MAX_WAITING
    normal = attacker_seconds("normal", queue)
    raised = attacker_seconds("raised", queue // 5) * 5
    figures["attacker_fill"] = {
        "cores": os.cpu_count(),
        "queue": queue,
        "normal_s": round(normal, 1),
        "raised_s": round(raised, 1),
        "raised_measured_on": queue // 5,
    }
    print("\nchallenge benchmark:", json.dumps(figures, indent=2))  # noqa: T201 - the output
