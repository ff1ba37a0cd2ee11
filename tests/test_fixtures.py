"""The shared fixtures themselves."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils import translation

import pytest

from tests.conftest import clear_test_cache


def test_clearing_the_cache_between_tests_spares_other_runs_keys():
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        pytest.skip("only Redis is shared between runs (CI's second pass)")
    client = cache._cache.get_client(write=True)
    foreign = "another-run:1:kept"
    client.set(foreign, b"1")
    cache.set("ours", 1)
    try:
        clear_test_cache()

        assert cache.get("ours") is None
        assert client.get(foreign) == b"1"
    finally:
        client.delete(foreign)


def test_clearing_the_cache_empties_it():
    cache = caches["default"]
    cache.set("ours", 1)

    clear_test_cache()

    assert cache.get("ours") is None


@pytest.mark.django_db
def test_a_request_leaves_its_language_active(client):
    """Why every test starts without an active language (see conftest)."""
    client.get("/ru/")

    assert translation.get_language() == "ru"


def test_tests_start_without_an_active_language():
    assert translation.get_language() == "lv"  # settings.LANGUAGE_CODE, nothing activated
