"""The home page's first load (a fresh context: no cache) transfers at most 100 KB, counting
every response (HTML, CSS, JavaScript, images, icons) by its uncompressed body plus headers.
Images editors upload (/media/) are not counted."""

import pytest
from playwright.sync_api import Error

pytestmark = pytest.mark.browser

BUDGET = 100 * 1024


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_home_page_weighs_at_most_100_kb(new_context, e2e_site, language):
    context = new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(e2e_site.first("homepage")["urls"][language], wait_until="load")
    page.wait_for_load_state("networkidle")

    sizes = {}
    for response in responses:
        if "/media/" in response.url:
            continue
        try:
            body = len(response.body())
        except Error:  # a redirect has no body
            body = 0
        headers = response.request.sizes()["responseHeadersSize"]
        sizes[response.url] = sizes.get(response.url, 0) + body + max(headers, 0)

    total = sum(sizes.values())
    listing = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items()))
    assert sizes, "no responses recorded"
    assert total <= BUDGET, f"{total} bytes > {BUDGET}:\n{listing}"
