"""The ASGI entry point: what it loads is kept out of the collector's full collections."""

import subprocess
import sys

from django.conf import settings

PROBE = """
import gc
before = gc.get_freeze_count()
import lantern.asgi
print(before, gc.get_freeze_count())
"""


def test_what_the_entry_point_loaded_is_frozen():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "lantern.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    before, after = map(int, result.stdout.split())
    assert before == 0
    # Django, Wagtail and the apps: far more objects than a bare interpreter holds.
    assert after > 50_000
