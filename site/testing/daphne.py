"""The one launcher of daphne processes for the tests and the benchmarks.

The browser tests' server (tests/e2e/conftest.py), the two servers sharing Redis
(tests/chat/test_two_servers.py) and the benchmark's server (chat/bench/server.py) all start
daphne here: `python -m lantern.serve` (the access log without client addresses) or another
entry point built on it (`chat.bench.serve`), with the given settings module and environment,
on a given or a free port of 127.0.0.1. `start()` returns once daphne accepts connections (or
answers 200 on `ready_path`), with its output (stdout and stderr) in `log_path`; `stop()` ends
that process, by its id, and no other.

    with Daphne(settings="lantern.settings.test", log_path=tmp / "daphne.log") as server:
        urllib.request.urlopen(server.url + "/robots.txt")
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # site/testing/daphne.py -> the repository
HOST = "127.0.0.1"
DEFAULT_APPLICATION = "lantern.asgi:application"


class DaphneError(RuntimeError):
    """Daphne did not start, or its port is taken; the message ends with its log's tail."""


def free_port(host: str = HOST) -> int:
    """A port nothing listens on now (the system's choice)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_is_free(port: int, host: str = HOST) -> bool:
    with socket.socket() as sock:
        # As daphne binds: connections of an earlier server still in TIME_WAIT do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


class Daphne:
    """One daphne process.

    - `settings`: its DJANGO_SETTINGS_MODULE; `env`: more variables, over this process's own.
    - `port`: None for a free one. `log_path`: its output (`append_log`: added to the file).
    - `module`, `application`: what runs, `python -m <module> [options] <application>`;
      `application=None` leaves the choice to the module (`chat.bench.serve` takes its
      settings' ASGI_APPLICATION).
    - `ready_path`: None waits until the port accepts connections; a path waits until it
      answers 200 (the database and the pages work too).
    """

    def __init__(
        self,
        *,
        settings: str,
        log_path: Path,
        port: int | None = None,
        host: str = HOST,
        env: Mapping[str, str] | None = None,
        module: str = "lantern.serve",
        application: str | None = DEFAULT_APPLICATION,
        ready_path: str | None = None,
        start_timeout: float = 60,
        stop_timeout: float = 10,
        append_log: bool = False,
        cwd: Path = REPO,
    ) -> None:
        self.settings, self.host = settings, host
        self.port = free_port(host) if port is None else port
        self.log_path = Path(log_path)
        self.env = dict(env or {})
        self.module, self.application = module, application
        self.ready_path = ready_path
        self.start_timeout, self.stop_timeout = start_timeout, stop_timeout
        self.append_log, self.cwd = append_log, cwd
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    @property
    def command(self) -> list[str]:
        command = [sys.executable, "-m", self.module, "--bind", self.host, "--port", str(self.port)]
        return command if self.application is None else [*command, self.application]

    def start(self) -> Daphne:
        """Start daphne and wait until it is ready; DaphneError (and no process left) if not."""
        if self.process is not None:
            raise DaphneError(f"daphne was already started here (PID {self.pid})")
        if not port_is_free(self.port, self.host):
            raise DaphneError(f"port {self.port} is taken")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, **self.env, "DJANGO_SETTINGS_MODULE": self.settings}
        with self.log_path.open("ab" if self.append_log else "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                self.command, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def wait_ready(self) -> None:
        if self.process is None:
            raise DaphneError("start() first")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self.process.poll() is not None:
                raise DaphneError(
                    f"daphne exited with {self.process.returncode} (log: {self.log_path}):\n"
                    f"{self.output(4000)}"
                )
            if self._ready(opener):
                return
            if time.monotonic() > deadline:
                what = f"answer {self.ready_path}" if self.ready_path else f"listen on {self.port}"
                raise DaphneError(
                    f"daphne did not {what} within {self.start_timeout:g} s "
                    f"(log: {self.log_path}):\n{self.output(4000)}"
                )
            time.sleep(0.1)

    def _ready(self, opener) -> bool:
        try:
            if self.ready_path is None:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return True
            with opener.open(self.url + self.ready_path, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def poll(self) -> int | None:
        """Its exit code once it has stopped, None while it runs (or before `start()`)."""
        return self.process.poll() if self.process is not None else None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> int | None:
        """Terminate the process started here (SIGTERM to its PID, SIGKILL after
        `stop_timeout`). Returns its exit code if it had already stopped on its own, so that
        a server that died during the tests is noticed; None otherwise."""
        if self.process is None:
            return None
        exited = self.process.poll()
        if exited is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=self.stop_timeout)
        return exited

    def output(self, chars: int | None = None) -> str:
        """What it wrote so far (the last `chars` characters)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return text[-chars:] if chars else text

    def __enter__(self) -> Daphne:
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()
