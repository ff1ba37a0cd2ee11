"""Shared fixtures.

The demo site is loaded once into the test database when it is created; each test runs in a
transaction that is rolled back, so tests see the same site and can change it freely.
pytest-django runs transactional tests (which flush the database) after all the others.
"""

import pytest

from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), translation.override("lv"):
        call_command("load_demo_content", "--no-staff", verbosity=0)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
