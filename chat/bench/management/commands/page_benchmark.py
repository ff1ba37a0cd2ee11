"""The page benchmark (chat/bench/pages.py, docs/performance.md).

    python manage.py page_benchmark --start-server --json docs/bench/pages.json

Needs wrk (Debian: `apt-get install wrk`; `make bench` installs it when run as root) and the
demo content (`manage.py load_demo_content`) in this command's database. A command of the
benchmark app: it exists only with `chat.bench.settings`.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from chat.bench import pages
from chat.bench.server import BenchServer


class Command(BaseCommand):
    help = "Requests/s and latency of pages (cached, uncached, a trivial view); page weight."

    def add_arguments(self, parser):
        parser.add_argument("--start-server", action="store_true", help="start daphne here")
        parser.add_argument("--port", type=int, default=8101)
        parser.add_argument("--server-settings", default="chat.bench.settings")
        parser.add_argument("--log", default="var/bench/daphne-pages.log")
        parser.add_argument("--url", help="a running server instead, e.g. http://127.0.0.1:8101")
        parser.add_argument("--seconds", type=int, default=10, help="per wrk run")
        parser.add_argument("--connections", type=int, default=8, help="wrk connections")
        parser.add_argument("--language", default="lv")
        parser.add_argument("--json", help="write the results here")

    def handle(self, *args, **options):
        if pages.wrk_path() is None:
            raise CommandError("wrk is missing: apt-get install wrk (make bench does it as root)")
        paths = pages.page_urls(options["language"])
        missing = {"homepage", "campaignpage"} - set(paths)
        if missing:
            raise CommandError(f"no live {', '.join(sorted(missing))}: load the demo content")
        connection.close()
        if options["start_server"]:
            server = BenchServer(port=options["port"])
            log = Path(settings.BASE_DIR) / options["log"]
            self.log(f"starting daphne on port {options['port']} (output: {log})")
            server.start(settings_module=options["server_settings"], log_path=log)
            base_url = server.http_url
        elif options["url"]:
            server, base_url = None, options["url"].rstrip("/")
        else:
            raise CommandError("give --start-server, or --url of a server started by hand")
        try:
            speed_paths = {"home": paths["homepage"], "campaign": paths["campaignpage"]}
            results = {
                "speed": pages.speed(
                    base_url,
                    speed_paths,
                    seconds=options["seconds"],
                    connections=options["connections"],
                    progress=self.log,
                ),
                "weight": pages.weight(base_url, paths),
            }
            if server is not None:
                results["server_memory"] = server.memory()
        finally:
            if server is not None:
                server.stop()
        results["meta"] = {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "tool": "wrk, 1 thread, keep-alive",
            "database": connection.vendor,
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1],
            "server_settings": options["server_settings"],
        }
        for kind, item in results["weight"].items():
            self.log(
                f"weight {kind}: {item['requests']} requests, {item['total_bytes']} bytes "
                f"(HTML {item['html_bytes']}), other hosts {item['other_hosts']}"
            )
        if options["json"]:
            path = Path(options["json"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(results, indent=2) + "\n")
            self.log(f"results: {path}")

    def log(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
