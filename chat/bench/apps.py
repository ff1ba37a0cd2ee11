from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmarks (docs/performance.md), development only: installed by
    `chat.bench.settings` alone. It brings the benchmark's URL conf and ASGI application (the
    site's, plus a trivial view and a bare Channels chat) and its commands: `chat_loadtest`,
    `page_benchmark`, `bench_report`."""

    name = "chat.bench"
    label = "bench"
    verbose_name = "Benchmarks (development only)"
