"""The benchmark's daphne process: started here or given by its PID, and read from /proc.

Memory: VmRSS (now) and VmHWM (the peak since the process started) of /proc/<pid>/status.
CPU: user + system time of /proc/<pid>/stat, all of the process's threads (daphne's event
loop and the thread that runs the database work), not PostgreSQL's or Redis's.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        # As daphne binds: connections of an earlier server still in TIME_WAIT do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


class BenchServer:
    """A daphne of our own (`python -m chat.bench.serve`), or one already running (`pid`)."""

    def __init__(self, *, port: int, pid: int | None = None, host: str = "127.0.0.1") -> None:
        self.host, self.port, self.pid = host, port, pid
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    def start(self, *, settings_module: str, log_path: Path, extra_env: dict | None = None):
        if not port_is_free(self.port, self.host):
            raise RuntimeError(f"port {self.port} is taken: pick another with --port")
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "LANTERN_BENCHMARK": "1",
            "PYTHONPATH": str(settings.BASE_DIR),
            **(extra_env or {}),
        }
        with log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [
                    sys.executable,
                    "-m",
                    "chat.bench.serve",
                    "--bind",
                    self.host,
                    "--port",
                    str(self.port),
                    "lantern.asgi:application",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.pid = self.process.pid
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"daphne exited ({self.process.returncode}): see {self.log_path}"
                )
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"daphne did not listen on port {self.port}: see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def alive(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        return self.pid is not None and Path(f"/proc/{self.pid}").exists()

    def memory(self) -> dict[str, int]:
        return memory_kb(self.pid) if self.pid else {}

    def cpu(self) -> float:
        return cpu_seconds(self.pid) if self.pid else 0.0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
