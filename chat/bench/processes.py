"""The CPU time of every server process a run uses, and the host it runs on, read from /proc.

A run is served by three kinds of process on this machine: the daphne process, PostgreSQL
(the postmaster and its children: a backend per connection, the checkpointer, the background
and WAL writers...) and the Redis server. Each is followed as a *tree*: its root process and
the children it forks. The CPU time of a tree at one moment (user + system, in clock ticks of
/proc/<pid>/stat, man 5 proc) is

    the root's own utime + stime
    + the root's cutime + cstime (what its children that have exited and been reaped spent)
    + utime + stime + cutime + cstime of each child alive now,

so that the difference between two moments counts every child: one alive at both (its own
delta), one that was alive at the start and has exited (its whole time is in the root's
cutime now, less what the first moment counted), and a short-lived backend that began and
ended between the two (in the root's cutime only). The root's stat is read before and after
its children's, and the snapshot is taken again if its cutime moved meanwhile (a child reaped
while the children were read would otherwise count twice or not at all).

What is found: PostgreSQL by the process listening on the port of the database settings
(TCP, or the Unix socket `.s.PGSQL.<port>`), else by the command name `postgres` of a process
whose parent is not `postgres`; Redis by the process listening on the port of `REDIS_URL`,
else by the command name `redis-server` with that port in its command line. A process that
cannot be found (SQLite, the in-memory channel layer, a server on another host, another user's
process where /proc hides its sockets) is reported "unavailable" with the reason, and the run
goes on. These are shared servers: what else they do during a run is counted too.
"""

from __future__ import annotations

import os
import platform
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - names, not a bind
LISTEN = "0A"  # the TCP state column of /proc/net/tcp (include/net/tcp_states.h)
SNAPSHOT_TRIES = 5

# What the report calls each kind, in its order.
KINDS = {"daphne": "daphne", "postgresql": "PostgreSQL", "redis": "Redis"}


@dataclass(frozen=True)
class Stat:
    """The fields of /proc/<pid>/stat used here; times in clock ticks."""

    pid: int
    comm: str
    ppid: int
    utime: int
    stime: int
    cutime: int
    cstime: int

    @property
    def own(self) -> int:
        return self.utime + self.stime

    @property
    def children(self) -> int:
        return self.cutime + self.cstime


def read_stat(pid: int, proc: Path = PROC) -> Stat:
    """Parse /proc/<pid>/stat. The command name (field 2) is in parentheses and may hold
    spaces and parentheses itself: it ends at the last ')'."""
    text = (proc / str(pid) / "stat").read_text()
    head, _, tail = text.rpartition(")")
    comm = head.partition("(")[2]
    fields = tail.split()
    # fields[0] is field 3 (state); ppid is 4, utime 14, stime 15, cutime 16, cstime 17.
    return Stat(
        pid=pid,
        comm=comm,
        ppid=int(fields[1]),
        utime=int(fields[11]),
        stime=int(fields[12]),
        cutime=int(fields[13]),
        cstime=int(fields[14]),
    )


def all_stats(proc: Path = PROC) -> dict[int, Stat]:
    """Every process's stat (those that exit while being read are left out)."""
    found = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = read_stat(int(entry.name), proc)
            except (OSError, ValueError, IndexError):
                continue
    return found


def cmdline(pid: int, proc: Path = PROC) -> str:
    try:
        return (proc / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def tree_ticks(root: int, proc: Path = PROC) -> int:
    """The CPU time of `root` and all its children, exited ones included (see above)."""
    tries = 0
    while True:
        tries += 1
        before = read_stat(root, proc)
        live = sum(
            stat.own + stat.children for stat in all_stats(proc).values() if stat.ppid == root
        )
        after = read_stat(root, proc)
        if after.children == before.children or tries >= SNAPSHOT_TRIES:
            return after.own + after.children + live


def tree_seconds(root: int, proc: Path = PROC) -> float:
    return tree_ticks(root, proc) / CLOCK_TICKS


# --- Finding the servers ---------------------------------------------------------------------


def _listening_inodes(port: int, unix_suffix: str | None, proc: Path) -> set[str]:
    inodes = set()
    for name in ("tcp", "tcp6"):
        try:
            lines = (proc / "net" / name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if (
                len(fields) > 9
                and fields[3] == LISTEN
                and int(fields[1].rsplit(":", 1)[1], 16) == port
            ):
                inodes.add(fields[9])
    if unix_suffix:
        try:
            lines = (proc / "net" / "unix").read_text().splitlines()[1:]
        except OSError:
            lines = []
        for line in lines:
            fields = line.split()
            if len(fields) > 7 and fields[7].endswith(unix_suffix):
                inodes.add(fields[6])
    return inodes


def listening_pids(
    port: int, *, unix_suffix: str | None = None, proc: Path = PROC
) -> set[int] | None:
    """The processes holding a listening TCP socket on `port` (any address), or a Unix socket
    whose path ends in `unix_suffix`; None if no such socket exists at all. The sockets are
    seen by everyone, but another user's file descriptors only by root (or that user): the
    set is empty when the socket exists and its holder cannot be seen."""
    inodes = _listening_inodes(port, unix_suffix, proc)
    if not inodes:
        return None
    targets = {f"socket:[{inode}]" for inode in inodes}
    found = set()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) in targets:
                    found.add(int(entry.name))
                    break
        except OSError:
            continue
    return found


def _topmost(pid: int, stats: dict[int, Stat], comms: Iterable[str]) -> int:
    """Up the parents from `pid` while they have one of these command names."""
    names = set(comms)
    while (parent := stats.get(stats[pid].ppid)) is not None and parent.comm in names:
        pid = parent.pid
    return pid


def _is_local(host: str) -> bool:
    if host.startswith("/") or host in LOCAL_HOSTS:
        return True
    try:
        return socket.gethostbyname(host).startswith("127.")
    except OSError:
        return False


POSTGRES_NAMES = ("postgres", "postmaster")
REDIS_NAMES = ("redis-server", "valkey-server")


def find_postgres(database: Mapping[str, Any], proc: Path = PROC) -> int | str:
    """The postmaster serving `database` (a DATABASES entry), or why there is none."""
    engine = database.get("ENGINE", "")
    if "postgresql" not in engine:
        return f"the database is {engine.rsplit('.', 1)[-1] or 'not set'}, not PostgreSQL"
    host = str(database.get("HOST") or "")
    if not _is_local(host):
        return f"PostgreSQL runs on another host ({host})"
    port = int(database.get("PORT") or 5432)
    unix = f"{host.rstrip('/')}/.s.PGSQL.{port}" if host.startswith("/") else f".s.PGSQL.{port}"
    stats = all_stats(proc)
    listening = listening_pids(port, unix_suffix=unix, proc=proc)
    if listening is None:
        return f"nothing listens on port {port} here"
    for pid in sorted(listening):
        if pid in stats:
            return _topmost(pid, stats, POSTGRES_NAMES)
    # The socket's holder is hidden: a postmaster by its name, a `postgres` process whose
    # parent is not one (init, a service manager, a shell).
    roots = sorted(
        s.pid
        for s in stats.values()
        if s.comm in POSTGRES_NAMES
        and (s.ppid not in stats or stats[s.ppid].comm not in POSTGRES_NAMES)
    )
    if len(roots) > 1:
        named = [pid for pid in roots if f"-p {port}" in cmdline(pid, proc)]
        roots = named if len(named) == 1 else roots
    if len(roots) == 1:
        return roots[0]
    if not roots:
        return f"no PostgreSQL server process (port {port}) found in /proc"
    return f"{len(roots)} PostgreSQL servers, cannot tell which listens on port {port}"


def find_redis(url: str, proc: Path = PROC) -> int | str:
    """The Redis server of `url` (a REDIS_URL), or why there is none."""
    if not url:
        return "no REDIS_URL (the in-memory channel layer)"
    parts = urlsplit(url)
    if parts.scheme == "unix":
        port, unix, host = 0, parts.path, "/"
    else:
        port, unix, host = parts.port or 6379, None, parts.hostname or ""
    if not _is_local(host):
        return f"Redis runs on another host ({host})"
    where = f"port {port}" if port else unix
    stats = all_stats(proc)
    listening = listening_pids(port, unix_suffix=unix, proc=proc)
    if listening is None:
        return f"nothing listens on {where} here"
    for pid in sorted(listening):
        if pid in stats:
            return pid
    # The socket's holder is hidden: by its name, with the port in its command line.
    wanted = f":{port}" if port else unix or ""
    named = sorted(
        s.pid for s in stats.values() if s.comm in REDIS_NAMES and wanted in cmdline(s.pid, proc)
    )
    if len(named) == 1:
        return named[0]
    if not named:
        return f"no Redis server process ({where}) found in /proc"
    return f"{len(named)} Redis servers, cannot tell which listens on {where}"


# --- Measuring -------------------------------------------------------------------------------


class CpuMeter:
    """The CPU seconds of each kind of server process: `sources` maps a kind to a function
    returning its CPU seconds so far, or to the reason it is unavailable."""

    def __init__(self, sources: dict[str, Callable[[], float] | str]) -> None:
        self.sources = sources

    @classmethod
    def for_servers(
        cls, daphne: int | None, database: Mapping[str, Any], redis_url: str
    ) -> CpuMeter:
        """The daphne process `daphne` (its own time: it forks nothing), and the PostgreSQL
        and Redis servers of these settings (each with its children)."""
        sources: dict[str, Callable[[], float] | str] = {
            "daphne": Process(daphne) if daphne else "no server PID (give --server-pid)"
        }
        for kind, found in (
            ("postgresql", find_postgres(database)),
            ("redis", find_redis(redis_url)),
        ):
            try:
                sources[kind] = found if isinstance(found, str) else Tree(found)
            except OSError as error:  # it exited just now
                sources[kind] = f"PID {found} could not be read ({error})"
        return cls(sources)

    def found(self) -> dict[str, str]:
        """What each kind is measured on, or why it is not."""
        return {
            kind: getattr(source, "label", "measured")
            if callable(source)
            else f"unavailable: {source}"
            for kind, source in self.sources.items()
        }

    def describe(self) -> str:
        return "; ".join(f"{KINDS.get(kind, kind)}: {what}" for kind, what in self.found().items())

    def sample(self) -> dict[str, float | str]:
        taken: dict[str, float | str] = {}
        for kind, source in self.sources.items():
            if isinstance(source, str):
                taken[kind] = source
                continue
            try:
                taken[kind] = source()
            except (OSError, ValueError, IndexError) as error:
                taken[kind] = f"could not be read ({type(error).__name__}: {error})"
        return taken

    @staticmethod
    def spent(
        start: dict[str, float | str],
        end: dict[str, float | str],
        *,
        delivered: int,
        elapsed: float,
        client_seconds: float,
    ) -> dict:
        """Seconds, % of one core and milliseconds per delivered message, by kind; the servers
        in all (the kinds that were measured), and the load generator beside them."""

        def figures(seconds: float) -> dict:
            return {
                "seconds": round(seconds, 3),
                "percent": round(100 * seconds / elapsed, 1) if elapsed > 0 else None,
                "ms_per_message": round(1000 * seconds / delivered, 3) if delivered else None,
            }

        result: dict = {}
        total, included = 0.0, []
        for kind, first in start.items():
            last = end.get(kind)
            if isinstance(first, str) or isinstance(last, str) or last is None:
                reason = first if isinstance(first, str) else last
                result[kind] = {"unavailable": reason or "not sampled"}
                continue
            seconds = max(0.0, last - first)
            result[kind] = figures(seconds)
            total += seconds
            included.append(kind)
        result["servers"] = {**figures(total), "includes": included}
        result["load_generator"] = figures(max(0.0, client_seconds))
        return result


class Process:
    """One process's own CPU seconds (all its threads), as a source for `CpuMeter`."""

    def __init__(self, pid: int, proc: Path = PROC) -> None:
        self.pid, self.proc = pid, proc
        self.label = f"PID {pid}"

    def __call__(self) -> float:
        return read_stat(self.pid, self.proc).own / CLOCK_TICKS


class Tree:
    """A process and its children, as a source of CPU seconds for `CpuMeter`."""

    def __init__(self, pid: int, proc: Path = PROC) -> None:
        self.pid, self.proc = pid, proc
        self.label = f"PID {pid} ({read_stat(pid, proc).comm}) and its children"

    def __call__(self) -> float:
        return tree_seconds(self.pid, self.proc)


# --- The host --------------------------------------------------------------------------------


def cpu_model(proc: Path = PROC) -> str:
    """The first "model name" of /proc/cpuinfo (or, on CPUs that name none there, such as
    some ARM ones, the first "Hardware" or "Processor" line; else the platform's name)."""
    try:
        lines = (proc / "cpuinfo").read_text().splitlines()
    except OSError:
        lines = []
    for key in ("model name", "Hardware", "Processor", "cpu model"):
        for line in lines:
            name, _, value = line.partition(":")
            if name.strip() == key and value.strip():
                return " ".join(value.split())
    return platform.processor() or platform.machine() or "unknown"


def host(proc: Path = PROC) -> dict:
    return {
        "kernel": platform.release(),
        "cpu_model": cpu_model(proc),
        "cpus": os.cpu_count() or 0,
        "cpus_usable": len(os.sched_getaffinity(0)),
        "machine": platform.machine(),
    }


def sync_latency(directory: Path, writes: int = 1000, pause: float = 0.005) -> dict:
    """How long this machine's disk takes to make a write durable: `writes` 8 KiB writes to a
    file in `directory`, each followed by fdatasync (as PostgreSQL makes its WAL durable at
    every commit, by default), `pause` seconds apart; percentiles in milliseconds. A commit
    waits for this, and so does every message: hosts differ here far more than in CPU."""
    path = directory / f".sync-latency-{os.getpid()}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    times = []
    try:
        for number in range(writes):
            os.pwrite(fd, b"\0" * 8192, (number % 64) * 8192)
            start = time.perf_counter()
            os.fdatasync(fd)
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(pause)
    finally:
        os.close(fd)
        path.unlink()
    times.sort()

    def at(fraction: float) -> float:
        return round(times[min(len(times) - 1, int(len(times) * fraction))], 2)

    return {
        "writes": writes,
        "p50": at(0.50),
        "p99": at(0.99),
        "p999": at(0.999),
        "max": round(times[-1], 2),
        "over_100_ms": sum(t > 100 for t in times),
    }


def describe_host(info: dict) -> str:
    usable = info.get("cpus_usable")
    cpus = f"{info.get('cpus', '?')} CPUs"
    if usable and usable != info.get("cpus"):
        cpus += f" ({usable} usable)"
    machine = f"{info['machine']}, " if info.get("machine") else ""
    text = f"{info.get('cpu_model', '?')}, {cpus}, {machine}Linux {info.get('kernel', '?')}"
    sync = info.get("fdatasync_ms")
    if sync:
        text += (
            f"; disk fdatasync p50 {sync['p50']} ms, p99 {sync['p99']} ms,"
            f" p99.9 {sync['p999']} ms, max {sync['max']} ms"
        )
    return text
