"""The fault suite's own services: a PostgreSQL cluster, a redis-server, TCP proxies in front of
the daphne processes, and the thread whose event loop runs the proxies and the protocol clients.

Nothing here touches the machine's shared PostgreSQL or Redis: the cluster is initdb'd into a
temporary folder and listens on a port of its own (127.0.0.1 and a Unix socket in that
folder), the redis-server on another, keeping nothing on disk. Every process is started here
and stopped here by its own process id (the postmaster's from its data folder's
postmaster.pid), never by name.

- `PostgresCluster`: initdb, start, `stop(mode)`; `crash()` is `pg_ctl stop -m immediate`
  (PostgreSQL down without a clean shutdown: recovery from the WAL when it starts again).
  As root, every PostgreSQL command runs as the `postgres` user (PostgreSQL refuses root).
- `RedisServer`: `redis-server --save '' --appendonly no` in the foreground; `kill()` is
  SIGKILL, `start()` again on the same port.
- `TcpProxy`: what a reverse proxy is in production. Browsers and protocol clients reach each
  daphne through one, so that `drop_all()` can cut every connection at once (a reset to both
  ends, as a network failure or a proxy restart does) while daphne itself runs on; `latency`
  delays everything it forwards, as a slow (mobile) network does.
- `LoopThread`: an asyncio event loop in a thread of its own. Playwright's sync API cannot run
  inside a running event loop, so the proxies and the protocol clients live on this one and the
  test's own thread drives the browsers.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


class ServiceError(RuntimeError):
    """A service of the suite's own could not be started or stopped."""


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(test, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if test():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)


def _tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# --- PostgreSQL -----------------------------------------------------------------------------------


def postgres_bindir() -> Path | None:
    """Where initdb, pg_ctl and postgres are: LANTERN_PG_BIN, else the newest
    /usr/lib/postgresql/*/bin, else the folder of an `initdb` on the PATH."""
    named = os.environ.get("LANTERN_PG_BIN")
    candidates = [Path(named)] if named else []

    def version(path: str) -> tuple:
        number = Path(path).parent.name
        return tuple(int(part) for part in number.split(".") if part.isdigit())

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version)][
        ::-1
    ]
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(os.path.realpath(found)).parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


class PostgresCluster:
    """A PostgreSQL cluster of the suite's own, in `workdir`, on `port`."""

    def __init__(self, workdir: Path, port: int, bindir: Path) -> None:
        self.workdir = Path(workdir)
        self.port = port
        self.bindir = bindir
        self.data = self.workdir / "data"
        self.log_path = self.workdir / "postgresql.log"
        # PostgreSQL will not run as root: then its commands run as the `postgres` user.
        self.user = "postgres" if os.geteuid() == 0 else None

    def url(self, database: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(  # noqa: S603 - PostgreSQL's own programs, our arguments
            [str(self.bindir / args[0]), *args[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=self.workdir,
        )
        if result.returncode != 0:
            raise ServiceError(
                f"{' '.join(args[:2])} failed ({result.returncode}):\n{result.stdout[-2000:]}"
                f"\n{result.stderr[-2000:]}\n{_tail(self.log_path)}"
            )
        return result.stdout

    def init(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.workdir, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-locale", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        # fsync off: a killed PostgreSQL (what the suite does to it) loses nothing the operating
        # system holds, and every commit is written there before it is acknowledged
        # (synchronous_commit stays on); only a crash of the machine itself could lose data.
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -c unix_socket_directories={self.workdir}"
            " -c max_connections=200 -c fsync=off"
        )
        self._run(
            "pg_ctl", "start", "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", "60",
            "-o", options,
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", mode, "-w", "-t", "60")

    def crash(self) -> None:
        """Down at once, without a checkpoint: every backend killed, recovery at the next start."""
        self.stop("immediate")

    @property
    def pid(self) -> int | None:
        """The postmaster's process id, from its data folder (None when it is not running)."""
        try:
            return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None

    def running(self) -> bool:
        return pid_alive(self.pid)

    def ensure_stopped(self) -> None:
        """For the end of the session, whatever happened: stop it, by its pid if need be."""
        pid = self.pid
        if not pid_alive(pid):
            return
        with contextlib.suppress(ServiceError, subprocess.TimeoutExpired):
            self.stop("immediate")
        if pid_alive(pid):
            os.kill(pid, signal.SIGKILL)  # its backends notice the postmaster's death and exit
            wait_until(lambda: not pid_alive(pid), 10)


# --- Redis ----------------------------------------------------------------------------------------


def redis_server_path() -> str | None:
    return os.environ.get("LANTERN_REDIS_SERVER") or shutil.which("redis-server")


def redis_ping(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A redis-server of the suite's own on `port`: nothing kept on disk."""

    def __init__(self, workdir: Path, port: int, executable: str) -> None:
        self.workdir = Path(workdir)
        self.port = port
        self.executable = executable
        self.log_path = self.workdir / "redis.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            raise ServiceError(f"redis-server already runs here (PID {self.pid})")
        self.workdir.mkdir(parents=True, exist_ok=True)
        command = [
            self.executable, "--port", str(self.port), "--bind", HOST, "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--dir", str(self.workdir),
            "--protected-mode", "no",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir
            )
        if not wait_until(lambda: redis_ping(self.port) or self.process.poll() is not None, 20):
            self.stop()
            raise ServiceError(f"redis-server did not answer:\n{_tail(self.log_path)}")
        if self.process.poll() is not None:
            raise ServiceError(f"redis-server exited:\n{_tail(self.log_path)}")

    def kill(self) -> None:
        """SIGKILL: down at once, everything it held gone (it keeps nothing on disk anyway)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


# --- The event loop thread and the proxies --------------------------------------------------------


class LoopThread:
    """An asyncio event loop running in a daemon thread; `run()` hands it a coroutine and
    waits for the result from any other thread."""

    def __init__(self, name: str = "faults-loop") -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._main, name=name, daemon=True)
        self.thread.start()

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def run(self, coroutine: Coroutine, timeout: float | None = 120) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    def submit(self, coroutine: Coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def call(self, func, *args) -> None:
        self.loop.call_soon_threadsafe(func, *args)

    def close(self) -> None:
        if self.loop.is_closed():
            return

        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        with contextlib.suppress(Exception):
            self.run(cancel_all(), timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        if not self.thread.is_alive():
            self.loop.close()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset (SO_LINGER 0), as a failed network or a crashed proxy does."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class TcpProxy:
    """Forwards every TCP connection on `port` to `backend_port` (both on 127.0.0.1), byte for
    byte, as a reverse proxy would; `drop_all()` resets them all at once. Runs on a LoopThread."""

    def __init__(self, backend_port: int, port: int) -> None:
        self.backend_port = backend_port
        self.port = port
        self.server: asyncio.Server | None = None
        self.pairs: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()
        self.connections = 0  # accepted in all
        self.dropped = 0
        self.latency = 0.0  # seconds added to every chunk, each way (a slow network)

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, HOST, self.port, reuse_address=True)

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.drop_all()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.server.wait_closed(), 5)
            self.server = None

    async def drop_all(self) -> int:
        pairs = list(self.pairs)
        for client, backend in pairs:
            _reset(client)
            _reset(backend)
        self.pairs.clear()
        self.dropped += len(pairs)
        return len(pairs)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            backend_reader, backend_writer = await asyncio.wait_for(
                asyncio.open_connection(HOST, self.backend_port), 10
            )
        except (OSError, TimeoutError):
            _reset(writer)  # nobody there (a killed server not yet back): refused, as by it
            return
        pair = (writer, backend_writer)
        self.pairs.add(pair)
        try:
            await asyncio.gather(
                self._pipe(reader, backend_writer, pair), self._pipe(backend_reader, writer, pair)
            )
        finally:
            self.pairs.discard(pair)
            for end in pair:
                with contextlib.suppress(Exception):
                    end.close()

    @staticmethod
    def _write(target: asyncio.StreamWriter, data: bytes) -> None:
        if not target.is_closing():
            target.write(data)

    @staticmethod
    def _eof(target: asyncio.StreamWriter) -> None:
        if target.can_write_eof() and not target.is_closing():
            target.write_eof()

    async def _pipe(self, source: asyncio.StreamReader, target: asyncio.StreamWriter, pair):
        try:
            while True:
                data = await source.read(65536)
                if not data:
                    if self.latency:
                        asyncio.get_running_loop().call_later(self.latency, self._eof, target)
                    else:
                        self._eof(target)
                    return
                if self.latency:
                    # Later, in order (the same delay for every chunk), unless cut meanwhile.
                    asyncio.get_running_loop().call_later(self.latency, self._write, target, data)
                else:
                    target.write(data)
                    await target.drain()
        except (ConnectionError, OSError, RuntimeError):
            # One end failed (reset, or closed under us): the other goes the same way.
            for end in pair:
                if not end.is_closing():
                    _reset(end)
