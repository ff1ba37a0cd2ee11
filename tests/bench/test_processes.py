"""The benchmark's reading of /proc (chat/bench/processes.py): a process's CPU time, a
process tree's with the children that exit between two readings, the PostgreSQL and Redis
servers found by their listening sockets or names, the CPU time per delivered message, and
the host. On a fake /proc tree, and on this process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chat.bench import processes
from chat.bench.processes import CLOCK_TICKS, CpuMeter, Stat, read_stat

POSTGRES = {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": 5432}
TCP_HEADER = (
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode\n"
)


class FakeProc:
    """A /proc of a few processes, their stat, cmdline and file descriptors."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "net").mkdir(parents=True)
        self.listen: list[str] = []

    def process(
        self,
        pid: int,
        comm: str,
        ppid: int,
        *,
        utime: int = 0,
        stime: int = 0,
        cutime: int = 0,
        cstime: int = 0,
        cmdline: str = "",
        sockets: tuple[int, ...] = (),
    ) -> None:
        folder = self.root / str(pid)
        (folder / "fd").mkdir(parents=True, exist_ok=True)
        for old in (folder / "fd").iterdir():
            old.unlink()
        # man 5 proc: pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
        # majflt cmajflt utime stime cutime cstime priority nice ...
        (folder / "stat").write_text(
            f"{pid} ({comm}) S {ppid} {pid} {pid} 0 -1 4194560 100 0 0 0 "
            f"{utime} {stime} {cutime} {cstime} 20 0 1 0 12345 1000000 200 "
            + " ".join(["0"] * 30)
            + "\n"
        )
        (folder / "cmdline").write_bytes(cmdline.replace(" ", "\0").encode() + b"\0")
        for number, inode in enumerate(sockets, start=3):
            os.symlink(f"socket:[{inode}]", folder / "fd" / str(number))
        os.symlink("/dev/null", folder / "fd" / "0")

    def gone(self, pid: int) -> None:
        for path in sorted((self.root / str(pid)).rglob("*"), reverse=True):
            path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
        (self.root / str(pid)).rmdir()

    def listening(self, port: int, inode: int, *, state: str = "0A") -> None:
        self.listen.append(
            f"   {len(self.listen)}: 0100007F:{port:04X} 00000000:0000 {state} "
            f"00000000:00000000 00:00000000 00000000   106        0 {inode} 1 "
            "0000000000000000 100 0 0 10 0"
        )
        (self.root / "net" / "tcp").write_text(TCP_HEADER + "\n".join(self.listen) + "\n")


@pytest.fixture
def proc(tmp_path) -> FakeProc:
    fake = FakeProc(tmp_path / "proc")
    fake.process(1, "systemd", 0, cmdline="/sbin/init")
    return fake


def test_a_stat_line_is_read_past_an_awkward_command_name(proc):
    proc.process(40, "odd) name (x", 1, utime=7, stime=3, cutime=11, cstime=2)
    assert read_stat(40, proc.root) == Stat(40, "odd) name (x", 1, 7, 3, 11, 2)


def test_this_process_reads_as_the_kernel_counts_it():
    stat = read_stat(os.getpid())
    assert stat.pid == os.getpid()
    assert stat.ppid == os.getppid()
    assert stat.own >= 0 and stat.children >= 0
    times = os.times()
    # The same counters, read a moment apart (/proc in clock ticks).
    assert abs(stat.own / CLOCK_TICKS - (times.user + times.system)) < 0.5


def test_a_tree_counts_children_that_came_and_went(proc):
    proc.process(100, "postgres", 1, utime=50, stime=10, cutime=200, cstime=20)
    proc.process(101, "postgres", 100, utime=30, stime=5)  # checkpointer: alive throughout
    proc.process(102, "postgres", 100, utime=8, stime=2)  # a backend that will exit
    proc.process(200, "python", 1, utime=999)  # not a child: not counted
    first = processes.tree_ticks(100, proc.root)
    assert first == 50 + 10 + 200 + 20 + 35 + 10

    # Meanwhile: 101 worked 4 ticks; 102 worked 3 more and exited (reaped: its 13 are in the
    # postmaster's cutime now); 103 began, worked 6 and exited; 104 began and is alive; the
    # postmaster itself worked 1.
    proc.process(100, "postgres", 1, utime=51, stime=10, cutime=200 + 13 + 6, cstime=20)
    proc.process(101, "postgres", 100, utime=34, stime=5)
    proc.gone(102)
    proc.process(104, "postgres", 100, utime=2, stime=1)
    second = processes.tree_ticks(100, proc.root)
    assert second - first == 1 + 4 + 3 + 6 + 3


def test_postgresql_is_the_postmaster_listening_on_its_port(proc):
    proc.process(
        500, "postgres", 1, cmdline="/usr/lib/postgresql/15/bin/postgres -D /x", sockets=(777,)
    )
    proc.process(501, "postgres", 500, cmdline="postgres: 15/main: checkpointer")
    proc.process(
        600, "postgres", 1, cmdline="/usr/lib/postgresql/16/bin/postgres -D /y", sockets=(888,)
    )
    proc.listening(5432, 777)
    proc.listening(5433, 888)
    proc.listening(6000, 999, state="01")  # an established connection: not a listener
    assert processes.find_postgres(POSTGRES, proc.root) == 500
    assert processes.find_postgres({**POSTGRES, "PORT": "5433"}, proc.root) == 600
    assert "nothing listens on port 6000" in processes.find_postgres(
        {**POSTGRES, "PORT": 6000}, proc.root
    )


def test_postgresql_by_name_when_its_sockets_are_hidden(proc):
    # Another user's file descriptors cannot be read: the listening socket is seen, not who
    # holds it. The postmaster is then the `postgres` whose parent is not one.
    proc.process(500, "postgres", 1, cmdline="/usr/lib/postgresql/15/bin/postgres -D /x")
    proc.process(501, "postgres", 500)
    proc.process(502, "postgres", 500)
    proc.listening(5432, 777)
    assert processes.find_postgres(POSTGRES, proc.root) == 500
    proc.process(600, "postgres", 1, cmdline="/usr/lib/postgresql/16/bin/postgres -p 5432")
    assert processes.find_postgres(POSTGRES, proc.root) == 600
    proc.process(600, "postgres", 1, cmdline="/usr/lib/postgresql/16/bin/postgres -p 5433")
    assert "2 PostgreSQL servers" in processes.find_postgres(POSTGRES, proc.root)


def test_without_a_local_postgresql_it_says_why(proc):
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    assert "sqlite3, not PostgreSQL" in processes.find_postgres(sqlite, proc.root)
    elsewhere = {**POSTGRES, "HOST": "db.invalid"}
    assert "another host" in processes.find_postgres(elsewhere, proc.root)


def test_redis_is_the_server_on_the_port_of_its_url(proc):
    proc.process(700, "redis-server", 1, cmdline="redis-server 127.0.0.1:6379", sockets=(555,))
    proc.listening(6379, 555)
    assert processes.find_redis("redis://127.0.0.1:6379/5", proc.root) == 700
    assert processes.find_redis("redis://localhost/0", proc.root) == 700
    assert "no REDIS_URL" in processes.find_redis("", proc.root)
    assert "nothing listens on port 6380" in processes.find_redis(
        "redis://127.0.0.1:6380/0", proc.root
    )
    (proc.root / "700" / "fd" / "3").unlink()  # hidden: found by its name and port
    assert processes.find_redis("redis://127.0.0.1:6379/5", proc.root) == 700


def test_cpu_per_delivered_message_by_kind():
    start = {"daphne": 10.0, "postgresql": 5.0, "redis": "no REDIS_URL (in-memory)"}
    end = {"daphne": 12.0, "postgresql": 5.5, "redis": "no REDIS_URL (in-memory)"}
    cpu = CpuMeter.spent(start, end, delivered=1000, elapsed=4.0, client_seconds=0.25)
    assert cpu["daphne"] == {"seconds": 2.0, "percent": 50.0, "ms_per_message": 2.0}
    assert cpu["postgresql"]["ms_per_message"] == 0.5
    assert cpu["redis"] == {"unavailable": "no REDIS_URL (in-memory)"}
    assert cpu["servers"]["ms_per_message"] == 2.5
    assert cpu["servers"]["includes"] == ["daphne", "postgresql"]
    assert cpu["load_generator"]["ms_per_message"] == 0.25
    # A process that went away meanwhile is unavailable for the run, not a negative figure.
    end["postgresql"] = "could not be read"
    gone = CpuMeter.spent(start, end, delivered=0, elapsed=1.0, client_seconds=0.0)
    assert gone["postgresql"] == {"unavailable": "could not be read"}
    assert gone["daphne"]["ms_per_message"] is None  # nothing delivered


def test_a_meter_of_this_process_and_a_missing_one():
    meter = CpuMeter(
        {"daphne": processes.Process(os.getpid()), "postgresql": "the database is sqlite3"}
    )
    assert meter.found() == {
        "daphne": f"PID {os.getpid()}",
        "postgresql": "unavailable: the database is sqlite3",
    }
    first = meter.sample()
    sum(i * i for i in range(200_000))
    second = meter.sample()
    assert second["daphne"] >= first["daphne"] >= 0
    assert second["postgresql"] == "the database is sqlite3"


def test_the_host(proc):
    (proc.root / "cpuinfo").write_text(
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R)  Xeon(R) CPU\n\n"
        "processor\t: 1\nmodel name\t: Intel(R)  Xeon(R) CPU\n"
    )
    assert processes.cpu_model(proc.root) == "Intel(R) Xeon(R) CPU"
    host = processes.host()
    assert host["kernel"] and host["cpu_model"] and host["machine"]
    assert host["cpus"] >= host["cpus_usable"] >= 1
    assert host["kernel"] in processes.describe_host(host)


def test_the_disk_sync_latency_of_the_host(tmp_path):
    sync = processes.sync_latency(tmp_path, writes=20, pause=0)
    assert sync["writes"] == 20
    assert 0 <= sync["p50"] <= sync["p99"] <= sync["p999"] <= sync["max"]
    assert list(tmp_path.iterdir()) == []  # its file is gone
    host = {"cpu_model": "CPU", "cpus": 2, "kernel": "6.1", "fdatasync_ms": sync}
    assert f"p99.9 {sync['p999']} ms" in processes.describe_host(host)
