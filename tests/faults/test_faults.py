"""The chat through faults: nothing lost, nothing twice, nothing out of order, every visitor back
in its own conversation, and no traceback in the servers' output.

Each test runs one fault against two daphne processes sharing the suite's own PostgreSQL and
Redis, with the real widget and console in Chromium and protocol clients for volume (see
tests/faults/scenario.py for the run and the figures, tests/faults/conftest.py for the
services). The figures of every fault are printed (one line each) and written to the report
(LANTERN_FAULTS_REPORT); docs/reliability.md holds the latest.

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/pytest tests/faults -m faults

(DATABASE_URL and REDIS_URL only say that this is the PostgreSQL pass: the suite starts its own
PostgreSQL and Redis and never uses those.)
"""

from __future__ import annotations

import re

import pytest

from .conftest import postgres_pass
from .scenario import Figures, Fleet

pytestmark = [
    pytest.mark.faults,
    pytest.mark.browser,  # Chromium: `make test-fast` (-m "not browser") leaves them out too
    pytest.mark.skipif(
        not postgres_pass(),
        reason="the fault suite runs in the PostgreSQL pass (DATABASE_URL=postgres://…)",
    ),
]

DOWN_SECONDS = 10.0  # Redis down, PostgreSQL down
PAUSE_SECONDS = 15.0  # a daphne process stopped (SIGSTOP) this long
LATENCY = 0.2  # seconds the proxies add each way during the socket drops (a mobile network)


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ (?:CRITICAL|ERROR|WARNING|INFO) (\S+) (.*)$")
CHAINED = ("Traceback (most recent call last):", "During handling", "The above exception")
EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(?:: |$)")  # "module.Name: message", or a bare name


def tracebacks(output: str) -> list[str]:
    """Each kind of traceback in a server's output: the log line it belongs to (its logger and
    message), how many times, and the exception it ends with."""
    kinds: dict[tuple[str, str], list] = {}
    where, current = ("?", "?"), None
    for line in output.splitlines():
        logged = LOG_LINE.match(line)
        if logged:
            where, current = (logged.group(1), logged.group(2)[:90]), None
        elif line.startswith("Traceback (most recent call last):"):
            if current is None:
                current = kinds.setdefault(where, [0, ""])
                current[0] += 1
        elif current is not None and EXCEPTION.match(line) and not line.startswith(CHAINED):
            current[1] = line[:160]  # the last exception of the chain
    return [
        f"{count} × after `{logger} {message}`: {last}"
        for (logger, message), (count, last) in kinds.items()
    ]


def excerpt(output: str, needle: str, lines: int = 12) -> str:
    """The lines around the first `needle` in a server's output."""
    rows = output.splitlines()
    for number, row in enumerate(rows):
        if needle in row:
            return "\n".join(rows[max(0, number - 2) : number + lines])
    return ""


def conclude(fleet: Fleet, figures: Figures, report, say) -> None:
    """Stop everything, read the servers' output, record the figures, and judge."""
    fleet.close()
    problems = list(figures.problems)
    for name, output in fleet.servers.output().items():
        if "Traceback" in output:
            problems.append(
                f"daphne {name} wrote tracebacks:\n  " + "\n  ".join(tracebacks(output))
            )
        problems += [f"daphne {name}'s output holds {found}" for found in fleet.secrets_in(output)]
    problems += fleet.servers.died
    figures.problems = problems
    passed = not problems and figures.recovery_seconds is not None
    counts = (figures.lost, figures.duplicated, figures.out_of_order, figures.unacked)
    passed = passed and counts == (0, 0, 0, 0)
    report.add(figures, "pass" if passed else "FAIL")
    say(figures.line())
    if not passed:
        if getattr(fleet, "dump_path", None):
            problems.append(f"(every message, line and socket event: {fleet.dump_path})")
        detail = "\n".join(problems[:40])
        more = f"\n… and {len(problems) - 40} more" if len(problems) > 40 else ""
        pytest.fail(f"{figures.line()}\n{detail}{more}", pytrace=False)


def run_and_judge(fleet: Fleet, report, say, name: str, **fault) -> Figures:
    """Run one fault and judge it; a run that broke down in the middle is reported too."""
    try:
        figures = fleet.run_fault(name, **fault)
    except BaseException as error:
        report.add(Figures(name, problems=[repr(error)[:300]]), f"ERROR ({type(error).__name__})")
        raise
    conclude(fleet, figures, report, say)
    return figures


def test_forced_socket_drops(fleet, fault_report, say):
    """Every connection to both servers cut at once (a reset to both ends, as a failed network
    or a restarted reverse proxy does), three times 2.5 s apart, on a slow network (the proxies
    add LATENCY each way). Each browser client types a message right after each cut, and
    another the moment its socket is open again, before the server has greeted it."""
    cut = fleet.cut_and_write
    figures = run_and_judge(
        fleet,
        fault_report,
        say,
        f"socket drops (3 × all connections, +{LATENCY * 1000:g} ms each way)",
        actions={0.0: cut, 2.5: cut, 5.0: cut},
        end=None,
        hold=5.0,
        rounds=(),
        recovery_rounds=(1.0,),
        latency=LATENCY,
    )
    assert figures.dropped_connections >= figures.clients, "the proxies cut too few connections"


def test_kill_9_of_a_daphne_process(fleet, fault_report, say):
    """Server a dies (SIGKILL) and is started again on the same port, as a supervisor would;
    its clients come back to it, and the other server's go on meanwhile. The browsers keep
    writing while their clients come back to the new process."""
    run_and_judge(
        fleet,
        fault_report,
        say,
        "kill -9 of a daphne process",
        actions={0.0: lambda: fleet.servers.kill("a")},
        end=lambda: fleet.servers.restart("a"),
        hold=2.0,
        rounds=(0.2, 1.5),
        recovery_rounds=(0.0, 0.5, 1.0, 1.5, 2.0),
    )


def test_redis_down(fleet, fault_report, say):
    """The channel layer's Redis is killed and started again (empty) 10 s later. Half-way,
    every connection is cut: clients come back, and visitors resume, while it is down."""
    redis = fleet.services.redis
    run_and_judge(
        fleet,
        fault_report,
        say,
        f"Redis down {DOWN_SECONDS:g} s",
        actions={0.0: redis.kill, DOWN_SECONDS / 2: fleet.servers.drop_all},
        end=redis.start,
        hold=DOWN_SECONDS,
        rounds=(0.5, DOWN_SECONDS / 2, DOWN_SECONDS / 2 + 1.5),
        recovery_rounds=(0.3,),
    )


def test_postgresql_down(fleet, fault_report, say):
    """PostgreSQL stops at once (`pg_ctl stop -m immediate`: every backend killed, no
    checkpoint) and starts again 10 s later, recovering from its WAL. Half-way, every
    connection is cut: clients come back, and visitors resume, while it is down."""
    pg = fleet.services.pg
    run_and_judge(
        fleet,
        fault_report,
        say,
        f"PostgreSQL down {DOWN_SECONDS:g} s",
        actions={0.0: pg.crash, DOWN_SECONDS / 2: fleet.servers.drop_all},
        end=pg.start,
        hold=DOWN_SECONDS,
        rounds=(0.5, DOWN_SECONDS / 2, DOWN_SECONDS / 2 + 1.5),
        recovery_rounds=(0.3,),
    )


def test_daphne_process_paused(fleet, fault_report, say):
    """Server a stops running for 15 s (SIGSTOP, then SIGCONT): its sockets stay open, what
    they send waits in the kernel, and the server reads it all late."""
    run_and_judge(
        fleet,
        fault_report,
        say,
        f"daphne paused {PAUSE_SECONDS:g} s (SIGSTOP/SIGCONT)",
        actions={0.0: lambda: fleet.servers.pause("a")},
        end=lambda: fleet.servers.resume("a"),
        hold=PAUSE_SECONDS,
        rounds=(0.5, PAUSE_SECONDS / 2),
        recovery_rounds=(0.3,),
    )


def test_no_message_text_in_the_services_logs(fault_services):
    """After the faults: the suite's PostgreSQL and Redis logged no message text either (a
    database log is a log). Resends are part of every fault: PostgreSQL logs a statement that
    fails (`log_min_error_statement`, ERROR by default), with the values written into it."""
    if not fault_services.tags:
        pytest.skip("no fault ran in this session")
    found = []
    for path in (fault_services.pg.log_path, fault_services.redis.log_path):
        text = path.read_text(errors="replace") if path.exists() else ""
        for tag in fault_services.tags:
            if tag in text:
                found.append(f"{path.name}:\n{excerpt(text, tag, lines=3)}")
                break
    assert not found, "message text in the logs of the suite's own services:\n" + "\n".join(found)
