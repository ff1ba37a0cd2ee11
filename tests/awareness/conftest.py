"""Fixtures of the awareness tests: admin clients (the shared ones are in tests/conftest.py)."""

from django.contrib.auth.models import Permission
from django.test import Client

import pytest


@pytest.fixture
def admin_client(superuser):
    """A client signed in as a superuser; the `client` fixture stays anonymous."""
    admin = Client()
    admin.force_login(superuser)
    return admin


@pytest.fixture
def admin_only(db):
    """May open the admin, but has no permission on any page, snippet or setting."""
    from tests.awareness.factories import make_user

    user = make_user("t-admin-only")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user
