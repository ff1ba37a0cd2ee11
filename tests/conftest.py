"""Shared fixtures.

The demo site is loaded once into the test database when it is created, followed by a small
tree of pages with the tests' own text (`tree`); each test runs in a transaction that is rolled
back, so tests see the same site and can change it freely.
pytest-django runs transactional tests (which flush the database) after all the others.
"""

from django.core.management import call_command
from django.utils import translation

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from tests.awareness.factories import build_tree

    with django_db_blocker.unblock(), translation.override("lv"):
        call_command("load_demo_content", "--no-staff", verbosity=0)
        # The pages most tests assert on, with text of their own (the demo's wording changes).
        build_tree()
    yield
    # The chat's own connections (chat/db.py: its pool's threads', and the event loops', one
    # loop for each test) closed before the test database is dropped.
    from chat.db import close_connections

    close_connections()


def clear_test_cache() -> None:
    """Empty the cache between tests. On Redis only this run's keys go (test settings give each
    run its own key prefix): `cache.clear()` would flush the whole Redis database, under other
    runs and services sharing it."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]  # the backend itself (`django.core.cache.cache` is a proxy)
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=cache.make_key("*"), count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A request through the test client activates its URL's language in the test's thread
    (LocaleMiddleware) and nothing deactivates it: a later test would then write, say, the
    Russian columns when it meant the default ones. Every test starts and ends without one."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_test_cache()
    yield
    clear_test_cache()


@pytest.fixture
def tree(db):
    """One published page of every type in all four languages, plus a Latvian-only campaign
    (see tests/awareness/factories.py for the text each page carries). Built once per session
    in `django_db_setup`; each test's changes are rolled back."""
    from tests.awareness.factories import load_tree

    return load_tree()


@pytest.fixture
def superuser(db):
    from tests.awareness.factories import make_user

    return make_user("t-admin", superuser=True)


@pytest.fixture
def editor(db):
    from tests.awareness.factories import make_user

    return make_user("t-editor", groups=("Editors",))


@pytest.fixture
def moderator(db):
    from tests.awareness.factories import make_user

    return make_user("t-moderator", groups=("Moderators",))


@pytest.fixture
def outsider(db):
    """Signed in, but in no group: may not use the admin at all."""
    from tests.awareness.factories import make_user

    return make_user("t-outsider")
