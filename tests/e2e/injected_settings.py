"""Settings for the server of tests/e2e/test_admin_csp.py's injection test: the test settings,
with one admin page more (tests/e2e/injected_urls.py) that has the bug an attacker looks for."""

from pathlib import Path

from lantern.settings.test import *  # noqa: F403
from lantern.settings.test import TEMPLATES

ROOT_URLCONF = "tests.e2e.injected_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
