"""Benchmarks of the chat and the pages (docs/performance.md).

- `load`: the chat load generator (real websocket clients, the real protocol), its bare
  Channels baseline, the saturation search and the idle-connections mode;
- `pages`: requests per second and latency of pages (wrk), and their weight;
- `server`: the benchmark's daphne process (start, stop, memory, CPU);
- `operators`: signed-in bench operators created directly in the server's database;
- `consumers`, `routing`, `views`: what `LANTERN_BENCHMARK` mounts (never in production);
- `report`, `chart`: the tables and the SVG chart in docs/performance.md.
"""
