"""The launcher of daphne processes for tests and benchmarks (lantern/testing/daphne.py).

Starting a real server is what tests/e2e, tests/chat/test_two_servers.py and tests/bench do
with it; here, what it says when daphne cannot start, and that the site never imports it."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

from django.conf import settings

import pytest

from lantern.testing.daphne import Daphne, DaphneError

REPO = Path(settings.BASE_DIR)
# Development only: the launcher itself and the benchmark app (installed by its settings only).
DEVELOPMENT = [REPO / "site" / "testing", REPO / "chat" / "bench"]


def test_the_site_never_imports_the_launcher():
    importers = []
    for folder in ("site", "awareness", "chat"):
        for path in (REPO / folder).rglob("*.py"):
            if any(path.is_relative_to(dev) for dev in DEVELOPMENT):
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(name.startswith(("lantern.testing", "testing")) for name in names):
                    importers.append(str(path.relative_to(REPO)))
    assert importers == []


def test_a_taken_port_is_refused_before_anything_starts(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        server = Daphne(
            settings="lantern.settings.test", port=sock.getsockname()[1], log_path=tmp_path / "log"
        )
        with pytest.raises(DaphneError, match="is taken"):
            server.start()
    assert server.pid is None


def test_a_daphne_that_exits_is_reported_with_its_log(tmp_path):
    server = Daphne(
        settings="lantern.settings.test",
        application="lantern.no_such_module:application",
        log_path=tmp_path / "daphne.log",
    )
    with pytest.raises(DaphneError, match="daphne exited with") as error:
        server.start()
    assert "no_such_module" in str(error.value)  # the log's tail
    assert server.poll() is not None
