"""The benchmark app (chat/bench/): what its settings install, that its server is the site's
plus its own routes, and that what it imports is installed by what installs it."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management import find_commands

from channels.routing import URLRouter

import chat.bench.settings as bench_settings
from chat.bench import asgi as bench_asgi
from chat.bench import urls as bench_urls
from chat.bench.routing import websocket_urlpatterns as bench_websocket_urlpatterns
from chat.routing import websocket_urlpatterns as site_websocket_urlpatterns
from lantern import asgi as site_asgi
from lantern import urls as site_urls

REPO = Path(settings.BASE_DIR)
BENCH = REPO / "chat" / "bench"
FIRST_PARTY = {"lantern", "awareness", "chat", "tests"}


def test_only_the_bench_settings_install_the_bench_app():
    assert bench_settings.INSTALLED_APPS[-1] == "chat.bench"
    assert bench_settings.INSTALLED_APPS[:-1] == settings.INSTALLED_APPS
    assert bench_settings.ROOT_URLCONF == "chat.bench.urls"
    assert bench_settings.ASGI_APPLICATION == "chat.bench.asgi.application"


def test_the_bench_commands_belong_to_the_bench_app():
    commands = {"chat_loadtest", "page_benchmark", "bench_report"}
    assert commands <= set(find_commands(str(BENCH / "management")))
    assert not commands & set(find_commands(str(REPO / "chat" / "management")))


def test_the_bench_urls_are_the_sites_and_the_trivial_view():
    assert bench_urls.urlpatterns[1:] == site_urls.urlpatterns
    assert bench_urls.handler500 == site_urls.handler500


def test_the_bench_sockets_are_the_sites_and_the_bare_chat():
    assert bench_websocket_urlpatterns[:-1] == site_websocket_urlpatterns
    assert str(bench_websocket_urlpatterns[-1].pattern) == "ws/bench/chat/"


def layers(application) -> tuple[list[type], URLRouter]:
    """The middleware classes around a websocket URLRouter, outermost first, and the router."""
    found = []
    while not isinstance(application, URLRouter):
        found.append(type(application))
        application = getattr(application, "inner", None) or application.application
    return found, application


def test_the_bench_application_is_the_sites_with_its_routes():
    site, bench = site_asgi.application, bench_asgi.application
    site_http, bench_http = site.application_mapping["http"], bench.application_mapping["http"]
    # Django's ASGI application, behind the same filter of forwarded headers.
    assert type(bench_http) is type(site_http)
    assert bench_http.application is site_http.application
    site_layers, site_router = layers(site.application_mapping["websocket"])
    bench_layers, bench_router = layers(bench.application_mapping["websocket"])
    assert bench_layers == site_layers
    assert len(site_layers) >= 4  # origin check, cookies, session, user
    # Each followed by the refusal of every other path (lantern.asgi.UNKNOWN_PATH).
    assert site_router.routes == [*site_websocket_urlpatterns, site_asgi.UNKNOWN_PATH]
    assert bench_router.routes == [*bench_websocket_urlpatterns, site_asgi.UNKNOWN_PATH]


def requirement_names(requirements: list[str]) -> set[str]:
    return {canonical(re.split(r"[\s<>=!~\[;(]", req, maxsplit=1)[0]) for req in requirements}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def with_their_dependencies(names: set[str]) -> set[str]:
    """The distributions `names` install, with everything they require (extras left out)."""
    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += requirement_names([req for req in requires if "extra ==" not in req])
    return found


def imported_distributions(folder: Path) -> dict[str, set[str]]:
    """The third-party distributions that the modules of `folder` import, by module name."""
    by_module = metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".", 1)[0]
                if top in FIRST_PARTY or top in sys.stdlib_module_names or top == "__future__":
                    continue
                distributions = by_module.get(top)
                assert distributions, f"{path}: {name} is installed by no distribution"
                found.setdefault(name, set()).update(canonical(d) for d in distributions)
    return found


def test_what_the_bench_imports_is_installed_with_it():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    # The site's dependencies and the `bench` extra (make bench installs both), with theirs.
    installed = with_their_dependencies(
        requirement_names(project["dependencies"]) | requirement_names(extras["bench"])
    )
    missing = {
        module: distributions
        for module, distributions in imported_distributions(BENCH).items()
        if not distributions & installed
    }
    assert not missing, f"imported by chat/bench/ but not in the bench extra: {missing}"
    # tests/bench runs the benchmark: the test extra installs what the bench extra does.
    assert set(extras["bench"]) <= set(extras["test"])
