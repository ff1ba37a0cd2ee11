"""The benchmark's daphne process: started here (with the launcher the tests use too,
`lantern.testing.daphne`) or given by its PID, and read from /proc.

Memory: VmRSS (now) and VmHWM (the peak since the process started) of /proc/<pid>/status.
CPU: user + system time of /proc/<pid>/stat, all of the process's threads (daphne's event
loop and the thread that runs the database work). PostgreSQL's and Redis's, and the host's
description, are read by `chat.bench.processes`.
"""

from __future__ import annotations

import resource
from pathlib import Path

from django.conf import settings

from lantern.testing.daphne import Daphne, port_is_free

from .processes import CLOCK_TICKS, read_stat


def raise_fd_limit(needed: int) -> tuple[int, int]:
    """Raise this process's soft limit on open files to `needed` (children, such as the daphne
    started here, inherit it). Returns (soft, hard) after; the hard limit cannot be raised
    without privileges, so a `needed` above it is an error the caller reports."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def fd_limit_of(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
            if line.startswith("Max open files"):
                value = line.split()[3]
                return None if value == "unlimited" else int(value)
    except OSError:
        return None
    return None


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return {"rss_kb": found.get("VmRSS", 0), "hwm_kb": found.get("VmHWM", 0)}


def cpu_seconds(pid: int) -> float:
    """User + system time of a process (all its threads), in seconds."""
    return read_stat(pid).own / CLOCK_TICKS


class BenchServer:
    """A daphne of our own (`python -m chat.bench.serve`, through the launcher of
    `lantern.testing.daphne`), or one already running (`pid`)."""

    def __init__(self, *, port: int, pid: int | None = None, host: str = "127.0.0.1") -> None:
        self.host, self.port, self.pid = host, port, pid
        self.daphne: Daphne | None = None
        self.log_path: Path | None = None

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    def start(self, *, settings_module: str, log_path: Path, extra_env: dict | None = None):
        """Serve `settings_module`'s ASGI_APPLICATION (`chat.bench.asgi` with the bench's
        settings) until `stop()`; its output is added to `log_path`."""
        if not port_is_free(self.port, self.host):
            raise RuntimeError(f"port {self.port} is taken: pick another with --port")
        self.log_path = log_path
        self.daphne = Daphne(
            settings=settings_module,
            port=self.port,
            host=self.host,
            env={"PYTHONPATH": str(settings.BASE_DIR), **(extra_env or {})},
            module="chat.bench.serve",
            application=None,  # the settings' ASGI_APPLICATION
            log_path=log_path,
            append_log=True,
            start_timeout=90,
            stop_timeout=15,
            cwd=settings.BASE_DIR,
        ).start()
        self.pid = self.daphne.pid
        return self

    def stop(self) -> None:
        if self.daphne is not None:
            self.daphne.stop()

    def alive(self) -> bool:
        if self.daphne is not None:
            return self.daphne.alive()
        return self.pid is not None and Path(f"/proc/{self.pid}").exists()

    def memory(self) -> dict[str, int]:
        return memory_kb(self.pid) if self.pid else {}

    def cpu(self) -> float:
        return cpu_seconds(self.pid) if self.pid else 0.0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
