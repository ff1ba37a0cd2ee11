"""The browser clients speak the protocol of chat/protocol.py, served by the server.

Every close code, error code and limit the clients use is chat/protocol.py's: the pages that
load the widget or the console carry `protocol.for_clients()` as JSON
(`<script id="lantern-chat-protocol">`, `{% chat_protocol %}`), and static/js/chat-socket.js
reads it there and exports it as `protocol`. No script writes a close code as a number or
compares with an error code written as a string: a code changed on the server is the code the
clients use, with nothing to keep in step.
"""

import json
import re
from pathlib import Path

from django.template import Context, Template

import pytest

from chat import protocol

JS = Path(__file__).resolve().parents[2] / "static" / "js"
TEMPLATES = Path(__file__).resolve().parents[2] / "chat" / "templates" / "chat"
SOCKET = JS / "chat-socket.js"
CLIENTS = [JS / "chat-panel.js", JS / "chat-console.js"]
SCRIPTS = [SOCKET, *CLIENTS]
# The codes of the brief that started this test, whatever chat/protocol.py says today.
CLOSE_CODE_LITERALS = {1000, 1009, 1011, 4001, 4003, 4008, 4010, 4011, 4500}


def python_codes() -> dict[str, int | str]:
    return {
        name: value
        for name, value in vars(protocol).items()
        if name.startswith(("CLOSE_", "ERROR_")) and type(value) in (int, str)
    }


def served() -> dict:
    html = Template("{% load chat_tags %}{% chat_protocol %}").render(Context())
    match = re.fullmatch(
        r'<script id="lantern-chat-protocol" type="application/json">(.*)</script>', html, re.S
    )
    assert match, html
    return json.loads(match.group(1))


def test_every_close_and_error_code_is_served():
    values = served()
    assert {name: values[name] for name in python_codes()} == python_codes()
    assert values["MAX_MESSAGE_CHARS"] == protocol.MAX_MESSAGE_CHARS
    assert values["HEARTBEAT_SECONDS"] == protocol.HEARTBEAT_SECONDS


def test_resume_period_is_the_settings(settings):
    settings.LANTERN_CHAT_RESUME_SECONDS = 77
    assert served()["RESUME_SECONDS"] == 77


def test_no_reconnect_codes_are_close_codes():
    codes = served()["NO_RECONNECT_CODES"]
    close_codes = {v for name, v in python_codes().items() if name.startswith("CLOSE_")}
    assert codes and set(codes) <= close_codes
    # A server failure and a flood are followed by a reconnect.
    assert protocol.CLOSE_SERVER_ERROR not in codes and protocol.CLOSE_FLOOD not in codes


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_scripts_write_no_code_down(script):
    # The clients' own timings (FIRST_RECONNECT_MS = 1000, seconds * 1000) are not codes.
    source = re.sub(r"const \w+_MS = \d+;|\* 1000\b", "", script.read_text())
    close_codes = CLOSE_CODE_LITERALS | {
        value for name, value in python_codes().items() if name.startswith("CLOSE_")
    }
    literals = sorted(
        {int(number) for number in re.findall(r"(?<![\w.])(\d+)(?![\w.])", source)} & close_codes
    )
    assert not literals, f"{script.name} writes close codes as numbers: {literals}"
    errors = {value for name, value in python_codes().items() if name.startswith("ERROR_")}
    compared = {
        value
        for value in errors
        if re.search(rf'[!=]==?\s*"{value}"|"{value}"\s*[!=]==?|case "{value}"', source)
    }
    assert not compared, f"{script.name} writes error codes as strings: {sorted(compared)}"
    assert not re.search(r"export const (CLOSE|ERROR)_", source)


def test_the_socket_client_reads_the_served_protocol():
    source = SOCKET.read_text()
    assert 'document.getElementById("lantern-chat-protocol")' in source
    assert "export const protocol = " in source


@pytest.mark.parametrize("client", CLIENTS, ids=lambda path: path.name)
def test_clients_use_the_socket_client(client):
    source = client.read_text()
    # Imported (the console), or loaded when needed (the widget, on most pages never).
    assert re.search(
        r'^import \{[^}]*\} from "\./chat-socket\.js";$|\bimport\("\./chat-socket\.js"\)',
        source,
        re.MULTILINE,
    ), f"{client.name} does not use chat-socket.js"


@pytest.mark.parametrize(
    ("template", "script"),
    [("widget.html", "chat-widget.js"), ("console.html", "chat-console.js")],
)
def test_pages_load_the_clients_as_modules_with_the_protocol(template, script):
    html = (TEMPLATES / template).read_text()
    assert f"""<script type="module" src="{{% static 'js/{script}' %}}"></script>""" in html
    assert "{% chat_protocol %}" in html
