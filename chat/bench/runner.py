"""Runs of the load generator against one server: a single load, a growth series, the
saturation search and the idle connections, each measured the same way for Lantern and for
bare Channels. Results are plain dicts, written as JSON by the command."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from asgiref.sync import sync_to_async
from websockets.asyncio.client import ClientConnection

from chat.models import Conversation, Message

from .load import BARE_PATH, VISITOR_PATH, BareTarget, LanternTarget, Ledger, Window, hold_idle
from .processes import KINDS, CpuMeter
from .server import BenchServer

TARGETS = {"lantern": LanternTarget, "bare": BareTarget}
# Per-side message rates per conversation tried by the saturation search, each ~1.4 × the last.
SATURATION_RATES = (0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 11, 16, 22, 32, 45, 64)
STEP_PAUSE = 1.0


@dataclass
class Load:
    conversations: int
    messages: int  # per side
    rate: float  # messages per second per side
    chats_per_operator: int = 10

    @property
    def offered_rate(self) -> float:
        return 2 * self.conversations * self.rate


def vacuum_chat_tables() -> None:
    """VACUUM ANALYZE the chat's tables, as pgbench vacuums before its runs. A run leaves
    thousands of dead rows (every message update of a conversation's row; the messages of
    conversations that end without consent are deleted), and this machine's PostgreSQL runs
    without autovacuum (`autovacuum = off`): left alone they pile up from run to run, and each
    run would be measured on a database the one before it bloated."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in (Conversation, Message):
            cursor.execute(f"VACUUM ANALYZE {quote(model._meta.db_table)}")
    connection.close()


class Runner:
    def __init__(
        self,
        server: BenchServer,
        *,
        cookies: list[str],
        cookie_name: str,
        progress: Callable[[str], None] | None = None,
        meter: CpuMeter | None = None,
    ) -> None:
        self.server, self.cookies, self.cookie_name = server, cookies, cookie_name
        self.progress = progress or (lambda _line: None)
        # The server processes whose CPU time each run reports: daphne, and the PostgreSQL
        # and Redis servers of these settings (the server's own: it inherits the environment).
        self.meter = meter or CpuMeter.for_servers(
            server.pid, settings.DATABASES["default"], getattr(settings, "REDIS_URL", "")
        )

    def _target(self, name: str, load: Load):
        return TARGETS[name](
            self.server.ws_url, Ledger(), chats_per_operator=load.chats_per_operator
        )

    async def _setup(self, name: str, load: Load):
        if name == "lantern":
            await sync_to_async(vacuum_chat_tables, thread_sensitive=False)()
        target = self._target(name, load)
        began = time.perf_counter()
        await target.setup(load.conversations, self.cookies, self.cookie_name)
        return target, time.perf_counter() - began

    def _measure(self):
        """A function that returns what the servers and this client spent since now, given
        the messages delivered meanwhile: daphne's CPU as before (`server_cpu_*`), and under
        `cpu` each server process kind's and the load generator's, per delivered message."""
        servers, client, wall = self.meter.sample(), time.process_time(), time.perf_counter()

        def spent(delivered: int) -> dict:
            elapsed = time.perf_counter() - wall
            client_cpu = time.process_time() - client
            now = self.meter.sample()
            cpu = CpuMeter.spent(
                servers, now, delivered=delivered, elapsed=elapsed, client_seconds=client_cpu
            )
            server_cpu = cpu["daphne"].get("seconds", 0.0)
            return {
                "server_cpu_s": round(server_cpu, 2),
                "server_cpu_percent": round(100 * server_cpu / elapsed, 1),
                "client_cpu_percent": round(100 * client_cpu / elapsed, 1),
                "cpu": cpu,
            }

        return spent

    async def _exchange(self, target, load: Load, label: str) -> dict:
        window = Window(label)
        spent = self._measure()
        await target.send_messages(window, load.messages, load.rate, self.progress)
        return {
            **window.summary(),
            **spent(window.delivered),
            "server_memory": self.server.memory(),
        }

    async def run(self, name: str, load: Load) -> dict:
        """Set up, send, end: one run of one target."""
        label = f"{name} {load.conversations} conversations"
        self.progress(f"{label}: setting up")
        memory_before = self.server.memory()
        target, setup_seconds = await self._setup(name, load)
        try:
            self.progress(f"{label}: {load.messages} messages per side at {load.rate}/s")
            result = await self._exchange(target, load, label)
            ended = await target.end()
        finally:
            await target.teardown()
        result.update(
            target=name,
            conversations=load.conversations,
            messages_per_side=load.messages,
            rate_per_side=load.rate,
            offered_rate_per_s=load.offered_rate,
            operators=len(target.operators),
            setup_s=round(setup_seconds, 2),
            ended=ended,
            frames_read=target.ledger.frames,
            server_memory_before=memory_before,
        )
        self.progress(self.describe(result))
        return result

    @staticmethod
    def describe(result: dict) -> str:
        lat = result["latency_ms"]
        return (
            f"  {result.get('target', '')} {result.get('conversations', '')}: "
            f"sent {result['sent']}, delivered {result['delivered']}, lost {result['lost']}, "
            f"duplicated {result['duplicated']}; p50 {lat['p50']} p95 {lat['p95']} "
            f"p99 {lat['p99']} max {lat['max']} ms; {result['throughput_per_s']} msg/s; "
            f"server CPU {result['server_cpu_percent']}%, client CPU "
            f"{result['client_cpu_percent']}%; server peak "
            f"{result['server_memory'].get('hwm_kb', 0) // 1024} MiB"
            + (f"; {describe_cpu(result['cpu'])}" if "cpu" in result else "")
        )

    async def compare(self, load: Load, targets: list[str]) -> dict:
        """The same load on each target, bare first; Lantern's figures as ratios to bare's."""
        runs = {name: await self.run(name, load) for name in sorted(targets)}
        result = {"load": load.__dict__, "runs": runs}
        if "lantern" in runs and "bare" in runs:
            result["lantern_vs_bare"] = ratios(runs["lantern"], runs["bare"])
        return result

    async def saturation(
        self,
        name: str,
        conversations: int,
        *,
        step_seconds: float,
        p99_limit_ms: float,
        rates=SATURATION_RATES,
    ) -> dict:
        """Raise the rate step by step on one set of conversations until a step loses or
        duplicates a message, keeps p99 above the limit, or cannot deliver what was offered
        (below 90 %); then try once halfway between the last good step and the bad one.
        The saturation rate is the highest step that passed (messages per second in all)."""
        load = Load(conversations, 0, 0)
        self.progress(f"saturation {name}: setting up {conversations} conversations")
        target, _setup = await self._setup(name, load)
        steps = []

        async def step(rate: float) -> dict:
            load = Load(conversations, max(3, round(rate * step_seconds)), rate)
            label = f"saturation {name} {load.offered_rate:g} msg/s"
            result = await self._exchange(target, load, label)
            result.update(
                target=name,
                conversations=conversations,
                rate_per_side=rate,
                offered_rate_per_s=load.offered_rate,
            )
            result["passed"] = (
                result["lost"] == 0
                and result["duplicated"] == 0
                and result["latency_ms"]["p99"] <= p99_limit_ms
                and result["throughput_per_s"] >= 0.9 * load.offered_rate
            )
            self.progress(self.describe(result) + (" PASS" if result["passed"] else " FAIL"))
            steps.append(result)
            await asyncio.sleep(STEP_PAUSE)
            return result

        best = None
        try:
            previous = None
            for rate in rates:
                result = await step(rate)
                if not result["passed"]:
                    if previous is not None:
                        middle = round((previous + rate) / 2, 3)
                        if (await step(middle))["passed"]:
                            best = middle
                    break
                best = previous = rate
            await target.end()
        finally:
            await target.teardown()
        passed = [s for s in steps if s["passed"]]
        top = max(passed, key=lambda s: s["offered_rate_per_s"]) if passed else None
        return {
            "target": name,
            "conversations": conversations,
            "step_seconds": step_seconds,
            "p99_limit_ms": p99_limit_ms,
            "saturation_rate_per_s": top["offered_rate_per_s"] if top else 0,
            "saturation_rate_per_side": best or 0,
            "at_saturation": top,
            "steps": steps,
        }

    async def idle(self, count: int, *, settle: float = 5.0) -> dict:
        """`count` idle sockets of each kind, held together (bare Channels' first, then
        Lantern visitors' on top), so neither reuses memory the other freed."""
        results: dict[str, dict] = {}
        held: list[ClientConnection] = []
        try:
            for name, path in (("bare", BARE_PATH), ("lantern_visitor", VISITOR_PATH)):
                self.progress(f"idle: {count} {name} connections")
                results[name] = item = await hold_idle(
                    self.server.ws_url,
                    path,
                    count,
                    settle=settle,
                    sample=self.server.memory,
                    held=held,
                    progress=self.progress,
                )
                self.progress(
                    f"  {name}: {item['opened']} open, RSS +{item['rss_growth_kb']} KiB, "
                    f"{item['kb_per_connection']} KiB per connection"
                )
        finally:
            await asyncio.gather(*(ws.close() for ws in held), return_exceptions=True)
        await asyncio.sleep(settle)
        return results


def ratios(lantern: dict, bare: dict) -> dict:
    def ratio(a, b):
        return round(a / b, 3) if b else None

    return {
        "throughput": ratio(lantern["throughput_per_s"], bare["throughput_per_s"]),
        "p50": ratio(lantern["latency_ms"]["p50"], bare["latency_ms"]["p50"]),
        "p95": ratio(lantern["latency_ms"]["p95"], bare["latency_ms"]["p95"]),
        "p99": ratio(lantern["latency_ms"]["p99"], bare["latency_ms"]["p99"]),
        "max": ratio(lantern["latency_ms"]["max"], bare["latency_ms"]["max"]),
        "server_cpu": ratio(lantern["server_cpu_s"], bare["server_cpu_s"]),
        "cpu_per_message": {
            kind: ratio(mine["ms_per_message"], theirs["ms_per_message"])
            for kind, mine in lantern.get("cpu", {}).items()
            if (theirs := bare.get("cpu", {}).get(kind))
            and mine.get("ms_per_message") is not None
            and theirs.get("ms_per_message") is not None
        },
    }


CPU_NAMES = {**KINDS, "servers": "servers", "load_generator": "load generator"}


def describe_cpu(cpu: dict) -> str:
    """CPU ms per delivered message by process kind, e.g. for a progress line."""
    parts = []
    for kind, item in cpu.items():
        value = item.get("ms_per_message")
        name = CPU_NAMES.get(kind, kind)
        parts.append(f"{name} {'n/a' if value is None else f'{value:.3f}'}")
    return "CPU ms/msg: " + ", ".join(parts)
