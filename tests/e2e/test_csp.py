"""Public pages carry no inline script, no <style> element and no style="" attribute (the
Content-Security-Policy has no 'unsafe-inline', and cached pages cannot carry nonces), and the
browser reports no CSP violation and no script error on any of them."""

import pytest

from tests.e2e.conftest import PAGE_TYPES

pytestmark = pytest.mark.browser

INLINE = """() => Array.from(document.querySelectorAll(
    'script:not([src]):not([type="application/json"]), style, [style], [onclick], [onload]'
)).map(element => element.outerHTML.slice(0, 120))"""


def test_no_inline_code_and_no_csp_violation(new_context, e2e_site):
    context = new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', event => console.error("
        "'CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));"
    )
    problems = []
    for language in ("lv", "uk"):
        paths = [p["urls"][language] for t in PAGE_TYPES for p in e2e_site.pages_of(t)]
        paths.append(f"/{language}/search/?q={e2e_site.search_term(language)}")
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            policy = response.header_value("content-security-policy") or ""
            if "script-src" not in policy or "unsafe-inline" in policy:
                problems.append(f"{path}: weak or missing CSP: {policy!r}")
            inline = page.evaluate(INLINE)
            if inline:
                problems.append(f"{path}: inline code: {inline}")
    assert not problems, "\n".join(problems)
    assert not errors, "\n".join(errors)
