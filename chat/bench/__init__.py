"""Benchmarks of the chat and the pages (docs/performance.md): a development-only app, installed
by `chat.bench.settings` alone (never by the site's settings), with its commands in
`management/commands` (`chat_loadtest`, `page_benchmark`, `bench_report`).

- `load`: the chat load generator (real websocket clients, the real protocol), its bare
  Channels baseline, the saturation search and the idle-connections mode;
- `pages`: requests per second and latency of pages (wrk), and their weight;
- `server`: the benchmark's daphne process (started with `lantern.testing.daphne`; memory,
  CPU);
- `operators`: signed-in bench operators created directly in the server's database;
- `settings`, `urls`, `asgi`, `serve`: the benchmark's server: the site's URL conf and
  websocket routes plus what only the benchmark mounts (`views`: a trivial view; `routing`,
  `consumers`: a bare Channels chat), and the chat's rate limit raised;
- `report`, `chart`: the tables and the SVG chart in docs/performance.md.
"""
