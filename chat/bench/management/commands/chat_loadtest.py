"""The chat load generator (chat/bench/, docs/performance.md).

    python manage.py chat_loadtest --start-server                  # 200 conversations, 1 msg/s
    python manage.py chat_loadtest --start-server --growth 50,100,200,400 --saturation \\
        --idle 2000 --json docs/bench/chat.json --svg docs/bench/growth.svg

Against a daphne of its own (`--start-server`: `python -m chat.bench.serve` on `--port`, with
`--server-settings`, by default `chat.bench.settings`, and this command's database and Redis),
or one already running (`--url` and `--server-pid`, started with
`DJANGO_SETTINGS_MODULE=chat.bench.settings python -m chat.bench.serve --port 8100`, sharing
this command's database: the bench operators and their sessions are created in it).

A command of the benchmark app: it exists only with `chat.bench.settings` (or settings that
install `chat.bench` too).
"""

from __future__ import annotations

import asyncio
import datetime
import json
import math
import platform
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from chat.bench import chart, processes
from chat.bench.operators import bench_operators
from chat.bench.processes import CpuMeter
from chat.bench.runner import CPU_NAMES, Load, Runner
from chat.bench.server import BenchServer, fd_limit_of, raise_fd_limit


def positive_ints(value: str) -> list[int]:
    return [int(part) for part in value.split(",") if part.strip()]


class Command(BaseCommand):
    help = "Drive the chat (and a bare Channels chat) with real websocket clients; report."

    def add_arguments(self, parser):
        server = parser.add_argument_group("server")
        server.add_argument("--start-server", action="store_true", help="start daphne here")
        server.add_argument("--port", type=int, default=8100, help="its port (default 8100)")
        server.add_argument(
            "--server-settings",
            default="chat.bench.settings",
            help="its DJANGO_SETTINGS_MODULE (default chat.bench.settings)",
        )
        server.add_argument("--log", default="var/bench/daphne-chat.log", help="its output")
        server.add_argument("--url", help="a running server instead, e.g. ws://127.0.0.1:8100")
        server.add_argument("--server-pid", type=int, help="the running server's PID (memory)")

        load = parser.add_argument_group("load")
        load.add_argument("--conversations", type=int, default=200)
        load.add_argument("--messages", type=int, default=20, help="per side")
        load.add_argument("--rate", type=float, default=1.0, help="messages/s per side")
        load.add_argument("--chats-per-operator", type=int, default=10, help="1 to 10")
        load.add_argument(
            "--targets", default="lantern,bare", help="lantern, bare or both (default)"
        )
        load.add_argument(
            "--growth", type=positive_ints, help="conversation counts, e.g. 50,100,200,400"
        )
        load.add_argument("--saturation", action="store_true", help="find the saturation rate")
        load.add_argument("--saturation-conversations", type=int, default=100)
        load.add_argument("--saturation-step-seconds", type=float, default=6.0)
        load.add_argument("--saturation-p99-ms", type=float, default=250.0)
        load.add_argument("--idle", type=int, default=0, help="hold this many idle sockets")
        load.add_argument(
            "--idle-settle", type=float, default=5.0, help="seconds before memory is read"
        )

        output = parser.add_argument_group("output")
        output.add_argument("--json", help="write the results here")
        output.add_argument("--svg", help="write the growth chart here (with --growth)")
        output.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args, **options):
        targets = [t.strip() for t in options["targets"].split(",") if t.strip()]
        if not targets or set(targets) - {"lantern", "bare"}:
            raise CommandError("--targets takes lantern, bare or lantern,bare")
        if not 1 <= options["chats_per_operator"] <= 10:
            raise CommandError("--chats-per-operator must be 1 to 10 (the protocol's max_chats)")
        if not options["start_server"] and not options["url"]:
            raise CommandError("give --start-server, or --url of a server started by hand")
        counts = options["growth"] or [options["conversations"]]
        largest = max(
            [*counts, options["saturation_conversations"] if options["saturation"] else 0]
        )
        sockets = max(2 * largest + 64, 2 * options["idle"] + 256)
        soft, hard = raise_fd_limit(sockets + 256)
        if soft < sockets:
            raise CommandError(f"open-file limit {soft} (hard {hard}) < {sockets} sockets needed")
        self.log(f"open-file limit of this process (and its daphne): {soft}")
        host = processes.host()
        output = Path(settings.BASE_DIR) / Path(options["log"]).parent
        output.mkdir(parents=True, exist_ok=True)
        host["fdatasync_ms"] = processes.sync_latency(output)
        self.log(f"host: {processes.describe_host(host)}")

        operators_needed = math.ceil(largest / options["chats_per_operator"])
        operators = bench_operators(operators_needed, options["chats_per_operator"])
        cookies = [session for _pk, session in operators]
        connection.close()  # the server is the one talking to the database from now on

        if options["start_server"]:
            server = BenchServer(port=options["port"])
            log = Path(settings.BASE_DIR) / options["log"]
            self.log(f"starting daphne on port {options['port']} (output: {log})")
            server.start(settings_module=options["server_settings"], log_path=log)
        else:
            url = options["url"].rstrip("/")
            address, _, port = url.split("://", 1)[1].partition(":")
            server = BenchServer(host=address, port=int(port or 80), pid=options["server_pid"])
        try:
            if server.pid:
                limit = fd_limit_of(server.pid)
                self.log(f"server PID {server.pid}, open-file limit {limit}")
                if limit is not None and limit < sockets:
                    raise CommandError(f"the server's open-file limit {limit} < {sockets}")
            meter = CpuMeter.for_servers(
                server.pid, settings.DATABASES["default"], getattr(settings, "REDIS_URL", "")
            )
            self.log(f"CPU time measured of {meter.describe()}")
            results = asyncio.run(self.run_all(server, cookies, counts, targets, options, meter))
        finally:
            server.stop()

        results["meta"] = self.meta(options, server)
        results["meta"]["host"] = host
        results["meta"]["cpu_measured"] = meter.found()
        if options["json"]:
            path = Path(options["json"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(results, indent=2) + "\n")
            self.log(f"results: {path}")
        if options["svg"] and results.get("growth"):
            path = Path(options["svg"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(chart.growth_chart(results["growth"], results["meta"]["date"]))
            self.log(f"chart: {path}")
        self.summarise(results)

    async def run_all(self, server, cookies, counts, targets, options, meter=None) -> dict:
        runner = Runner(
            server,
            cookies=cookies,
            cookie_name=settings.SESSION_COOKIE_NAME,
            progress=None if options["quiet"] else self.log,
            meter=meter,
        )
        results: dict = {}
        if options["idle"]:  # first, on a fresh server: later runs leave memory behind
            results["idle"] = await runner.idle(options["idle"], settle=options["idle_settle"])
        comparisons = []
        for count in counts:
            load = Load(count, options["messages"], options["rate"], options["chats_per_operator"])
            comparisons.append(await runner.compare(load, targets))
        if options["growth"]:
            results["growth"] = comparisons
        else:
            results["load"] = comparisons[0]
        if options["saturation"]:
            results["saturation"] = {
                name: await runner.saturation(
                    name,
                    options["saturation_conversations"],
                    step_seconds=options["saturation_step_seconds"],
                    p99_limit_ms=options["saturation_p99_ms"],
                )
                for name in sorted(targets)
            }
            sat = results["saturation"]
            if "lantern" in sat and "bare" in sat and sat["bare"]["saturation_rate_per_s"]:
                sat["lantern_vs_bare"] = round(
                    sat["lantern"]["saturation_rate_per_s"] / sat["bare"]["saturation_rate_per_s"],
                    3,
                )
        return results

    def meta(self, options, server) -> dict:
        layer = settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(".", 1)[1]
        return {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "command": "python manage.py " + " ".join(sys.argv[1:]),
            "machine": f"{platform.machine()}, {_cpus()} CPUs, Linux {platform.release()}",
            "python": platform.python_version(),
            "database": connection.vendor,
            "channel_layer": layer,
            "server": "one daphne process (python -m chat.bench.serve)",
            "server_settings": options["server_settings"],
        }

    def summarise(self, results: dict) -> None:
        host = results.get("meta", {}).get("host")
        if host:
            self.log(f"host: {processes.describe_host(host)}")
        for comparison in results.get("growth") or [results.get("load")]:
            if not comparison:
                continue
            count = comparison["load"]["conversations"]
            for name, run in sorted(comparison["runs"].items()):
                if "cpu" in run:
                    self.log(f"{count} conversations, {name}: {cpu_line(run['cpu'])}")
            if "lantern_vs_bare" in comparison:
                r = comparison["lantern_vs_bare"]
                self.log(
                    f"{count} conversations, Lantern / bare: "
                    f"throughput ×{r['throughput']}, p50 ×{r['p50']}, p99 ×{r['p99']}"
                    + "".join(
                        f", CPU per message {CPU_NAMES.get(kind, kind)} "
                        + ("— (bare's 0)" if ratio is None else f"×{ratio}")
                        for kind, ratio in r.get("cpu_per_message", {}).items()
                    )
                )
        sat = results.get("saturation")
        if sat:
            for name in ("lantern", "bare"):
                if name in sat:
                    self.log(f"saturation {name}: {sat[name]['saturation_rate_per_s']} msg/s")
            if "lantern_vs_bare" in sat:
                self.log(f"saturation Lantern / bare: ×{sat['lantern_vs_bare']}")

    def log(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()


def cpu_line(cpu: dict) -> str:
    """CPU ms per delivered message by process kind, with the seconds, or why not measured."""
    parts = []
    for kind, item in cpu.items():
        name = CPU_NAMES.get(kind, kind)
        if "unavailable" in item:
            parts.append(f"{name} unavailable")
        elif item["ms_per_message"] is None:
            parts.append(f"{name} {item['seconds']} s (nothing delivered)")
        else:
            parts.append(f"{name} {item['ms_per_message']:.3f} ms ({item['seconds']} s)")
    return "CPU per delivered message: " + ", ".join(parts)


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))
