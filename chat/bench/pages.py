"""The page benchmark: requests per second and latency of pages, and what pages weigh.

Speed is measured with wrk (Debian's package `wrk`): a C load generator with keep-alive
connections, so the client spends little of the machine's two cores, and its latency
distribution gives the percentiles (a small Lua script prints them as JSON). Pages:

- the home page and a campaign page, *cached* (the page cache of awareness/cache.py, warm)
  and *uncached*: the same URL with a query string the cache never stores (only `page=N` is
  cached), so every request renders the page;
- a trivial Django view behind the same middleware, on the same server (`/bench/trivial/`,
  in the benchmark's URL conf only, chat/bench/urls.py): the baseline.

Those run with several connections at once (`--connections`, 8): requests per second. One
daphne process renders on one core at most (Python's GIL), so there a request's latency is
mostly its wait behind the others (about 8 × a render): queueing. The *latency* of an
uncached page is measured apart, with one connection (`*_uncached_latency`): what one visitor
waits for a page to be rendered.
An uncached render still finds what only changes on publishing (the frame, the route) kept per
generation in the server's memory; the first render after a publish computes that too, which
the latency cases' `after_publish` shows: the page cache cleared before each of 30 requests,
one at a time (with a shared cache only, i.e. Redis, since the server must see the clearing).

Weight: each public page type's HTML, and every stylesheet, script, image, icon and font it
(or its CSS) references, fetched without compression; requests to other hosts are counted
(and must be none). Resources that scripts fetch later (the chat widget asks for availability
only when opened) are not seen here; tests/e2e/test_page_weight.py loads the home page in a
real browser.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.utils import translation

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
    .. '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
"""
UNCACHED_QUERY = "?bench-uncached=1"
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def wrk_path() -> str | None:
    return shutil.which("wrk")


def page_urls(language: str = "lv") -> dict[str, str]:
    """The first live public page of each page type: its path in `language`."""
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    found: dict[str, str] = {}
    for page in Page.objects.live().public().specific().exclude(depth__lte=1).order_by("path"):
        kind = page._meta.model_name
        if kind not in found:
            with translation.override(language):
                found[kind] = page.relative_url(site)
    return found


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - our own server
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def run_wrk(url: str, *, seconds: int, connections: int, threads: int = 1) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(  # noqa: S603
            [
                wrk_path() or "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        Path(script.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("WRK-JSON "))
    raw = json.loads(line.removeprefix("WRK-JSON "))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds_run, 1),
        "latency_ms": {k: round(v / 1000, 2) for k, v in raw["latency_us"].items()},
        "errors": raw["errors"],
        "bytes_per_response": round(raw["bytes"] / max(1, raw["requests"])),
        "connections": connections,
        "seconds": round(seconds_run, 2),
    }


def speed(base_url: str, paths: dict[str, str], *, seconds: int, connections: int, progress):
    """wrk on the trivial view and on each page, cached and uncached, with `connections`
    connections; then each uncached page with one connection, for its latency."""
    cases = {"trivial_view": ("/bench/trivial/", connections)}
    for name, path in paths.items():
        cases[f"{name}_cached"] = (path, connections)
        cases[f"{name}_uncached"] = (path + UNCACHED_QUERY, connections)
    for name, path in paths.items():
        cases[f"{name}_uncached_latency"] = (path + UNCACHED_QUERY, 1)
    results = {}
    for case, (path, case_connections) in cases.items():
        url = base_url + path
        status, headers, _body = fetch(url)  # warms the cache; then checks it is used or not
        status, headers, _body = fetch(url)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        cache_header = headers.get("X-Cache", "")
        if case.endswith("_cached") and cache_header != "hit":
            raise RuntimeError(f"{path} is not served from the page cache ({cache_header!r})")
        if "_uncached" in case and cache_header:
            raise RuntimeError(f"{path} went through the cache")
        progress(f"wrk {case}: {path} for {seconds} s, {case_connections} connections")
        result = run_wrk(url, seconds=seconds, connections=case_connections)
        result.update(path=path, x_cache=cache_header or None)
        results[case] = result
        lat = result["latency_ms"]
        progress(
            f"  {result['requests_per_s']} req/s, p50 {lat['p50']} p95 {lat['p95']} "
            f"p99 {lat['p99']} ms, errors {sum(result['errors'].values())}"
        )
        if case.endswith("_uncached_latency"):
            result["after_publish"] = after_publish(url)
            if result["after_publish"]:
                lat = result["after_publish"]["latency_ms"]
                progress(f"  right after a publish: p50 {lat['p50']} p95 {lat['p95']} ms")
    trivial = results["trivial_view"]
    for result in results.values():
        # Only comparable with the same number of connections.
        comparable = trivial["requests_per_s"] and result["connections"] == trivial["connections"]
        result["vs_trivial"] = (
            round(result["requests_per_s"] / trivial["requests_per_s"], 3) if comparable else None
        )
    return results


def after_publish(url: str, *, samples: int = 30) -> dict | None:
    """The page at `url` right after the page cache is cleared (as publishing does), one
    request at a time: the first render of a generation, which also computes what later
    renders find in the server's memory. Timed here with urllib (a little more than wrk
    would see). Only with a cache the server shares (Redis): None otherwise."""
    from django.conf import settings

    from awareness.cache import clear_page_cache

    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        return None
    times = []
    for _ in range(samples):
        clear_page_cache()
        start = time.perf_counter()
        status, _headers, _body = fetch(url)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
    fetch(url)  # what follows starts warm again
    times.sort()
    return {
        "requests": samples,
        "latency_ms": {
            "p50": round(statistics.median(times), 2),
            "p95": round(times[math.ceil(0.95 * samples) - 1], 2),
            "max": round(times[-1], 2),
        },
    }


class ResourceParser(HTMLParser):
    """The URLs a page makes the browser fetch as it loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower().split()
            if {
                "stylesheet",
                "icon",
                "preload",
                "modulepreload",
                "manifest",
                "apple-touch-icon",
            } & set(rel):
                self.urls.append(("css" if "stylesheet" in rel else "link", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.urls.append(("js", attrs["src"]))
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and attrs.get("src"):
            self.urls.append(("img" if tag in ("img", "source") else tag, attrs["src"]))
        if attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.urls.append(("img", candidate.strip().split()[0]))
        if tag == "object" and attrs.get("data"):
            self.urls.append(("object", attrs["data"]))


def weight(base_url: str, paths: dict[str, str]) -> dict:
    """Bytes and requests per page type: the HTML plus what it references (CSS followed for
    its own url() and @import), each fetched once per page, uncompressed."""
    own_host = urlsplit(base_url).netloc
    report = {}
    for kind, path in paths.items():
        page_url = base_url + path
        status, _headers, html = fetch(page_url)
        parser = ResourceParser()
        parser.feed(html.decode("utf-8", "replace"))
        queue = [(k, urljoin(page_url, u)) for k, u in parser.urls if not u.startswith("data:")]
        seen: dict[str, tuple[str, int, int]] = {}
        external = []
        while queue:
            resource_kind, url = queue.pop(0)
            url = url.split("#", 1)[0]
            if url in seen:
                continue
            if urlsplit(url).netloc != own_host:
                external.append(url)
                seen[url] = (resource_kind, 0, 0)
                continue
            code, _h, body = fetch(url)
            seen[url] = (resource_kind, code, len(body))
            if resource_kind == "css":
                for match in CSS_URL.finditer(body.decode("utf-8", "replace")):
                    ref = match.group(1) or match.group(2)
                    if ref and not ref.startswith("data:"):
                        nested_kind = "css" if match.group(2) else "asset"
                        queue.append((nested_kind, urljoin(url, ref)))
        by_kind: dict[str, int] = {}
        for resource_kind, _code, size in seen.values():
            by_kind[resource_kind] = by_kind.get(resource_kind, 0) + size
        report[kind] = {
            "path": path,
            "status": status,
            "html_bytes": len(html),
            "requests": 1 + len(seen),
            "total_bytes": len(html) + sum(size for _k, _c, size in seen.values()),
            "bytes_by_kind": by_kind,
            "failed": sorted(url for url, (_k, code, _s) in seen.items() if code and code != 200),
            "other_hosts": len(external),
            "other_host_urls": sorted(set(external)),
        }
    return report
