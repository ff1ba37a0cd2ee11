"""Write the benchmarks' figures into docs/performance.md (between its marker lines).

python manage.py bench_report --chat docs/bench/chat.json --pages docs/bench/pages.json

A command of the benchmark app: it exists only with `chat.bench.settings`.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from chat.bench.report import markdown, update_document


class Command(BaseCommand):
    help = "Rewrite the figures of docs/performance.md from the benchmarks' JSON files."

    def add_arguments(self, parser):
        parser.add_argument("--chat", default="docs/bench/chat.json")
        parser.add_argument("--pages", default="docs/bench/pages.json")
        parser.add_argument("--doc", default="docs/performance.md")

    def handle(self, *args, **options):
        def load(name):
            path = Path(options[name])
            return json.loads(path.read_text()) if path.exists() else {}

        document = Path(options["doc"])
        text = document.read_text() if document.exists() else "# Performance\n"
        document.write_text(update_document(text, markdown(load("chat"), load("pages"))))
        self.stdout.write(f"figures written to {document}")
