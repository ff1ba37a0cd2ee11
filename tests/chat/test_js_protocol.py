"""The browser clients speak the protocol of chat/protocol.py.

static/js/chat-socket.js, the socket client the widget and the console share, exports the
protocol's constants under chat/protocol.py's names, between `// protocol:begin` and
`// protocol:end`. Every close and error code must be there on both sides with the same value,
and every other constant the script exports there (the limits the clients use) must equal
chat/protocol.py's. The widget and the console take their close codes from the module: a
close code written as a number in either of them fails.
"""

import re
from pathlib import Path

import pytest

from chat import protocol

JS = Path(__file__).resolve().parents[2] / "static" / "js"
TEMPLATES = Path(__file__).resolve().parents[2] / "chat" / "templates" / "chat"
SOCKET = JS / "chat-socket.js"
CLIENTS = [JS / "chat-widget.js", JS / "chat-console.js"]

BLOCK = re.compile(r"^// protocol:begin\n(.*?)^// protocol:end$", re.MULTILINE | re.DOTALL)
CONSTANT = re.compile(r'export const ([A-Z][A-Z0-9_]*) = (\d+|"[^"\\]*");(?: +//.*)?')
COMMENT = re.compile(r"//.*")
# The codes of the brief that started this test, whatever chat/protocol.py says today.
CLOSE_CODE_LITERALS = {1000, 1009, 1011, 4001, 4003, 4008, 4010, 4011, 4500}


def js_constants() -> dict[str, int | str]:
    source = SOCKET.read_text()
    blocks = BLOCK.findall(source)
    assert len(blocks) == 1, "chat-socket.js needs exactly one protocol:begin/end block"
    constants: dict[str, int | str] = {}
    for line in blocks[0].splitlines():
        line = line.strip()
        if not line or COMMENT.fullmatch(line):
            continue
        match = CONSTANT.fullmatch(line)
        assert match, f"not a constant of the protocol block: {line!r}"
        name, value = match.groups()
        assert name not in constants, f"{name} twice in chat-socket.js"
        constants[name] = value[1:-1] if value.startswith('"') else int(value)
    # A code exported outside the block would escape this comparison.
    outside = set(re.findall(r"export const ((?:CLOSE|ERROR)_\w+)", source)) - set(constants)
    assert not outside, f"protocol codes outside the protocol block: {sorted(outside)}"
    return constants


def python_codes() -> dict[str, int | str]:
    return {
        name: value
        for name, value in vars(protocol).items()
        if name.startswith(("CLOSE_", "ERROR_")) and type(value) in (int, str)
    }


def test_every_close_and_error_code_on_both_sides():
    js = {
        name: value
        for name, value in js_constants().items()
        if name.startswith(("CLOSE_", "ERROR_"))
    }
    assert js == python_codes()


def test_every_other_exported_constant_equals_python():
    constants = js_constants()
    limits = {
        name: value
        for name, value in constants.items()
        if not name.startswith(("CLOSE_", "ERROR_"))
    }
    assert limits, "the clients' limits (HEARTBEAT_SECONDS, ...) are exported with the codes"
    for name, value in limits.items():
        assert hasattr(protocol, name), f"chat-socket.js exports {name}, chat/protocol.py has none"
        expected = getattr(protocol, name)
        assert type(value) is type(expected) and value == expected, (
            f"{name}: chat-socket.js says {value!r}, chat/protocol.py {expected!r}"
        )


def test_no_reconnect_codes_are_close_codes():
    match = re.search(r"NO_RECONNECT_CODES = Object\.freeze\(\[([^\]]*)\]\)", SOCKET.read_text())
    assert match, "NO_RECONNECT_CODES not found in chat-socket.js"
    names = set(re.findall(r"\w+", match.group(1)))
    assert names and names <= {name for name in python_codes() if name.startswith("CLOSE_")}


@pytest.mark.parametrize("client", CLIENTS, ids=lambda path: path.name)
def test_clients_take_close_codes_from_the_module(client):
    source = client.read_text()
    codes = CLOSE_CODE_LITERALS | {
        value for name, value in python_codes().items() if name.startswith("CLOSE_")
    }
    literals = sorted(
        {int(number) for number in re.findall(r"(?<![\w.])(\d+)(?![\w.])", source)} & codes
    )
    assert not literals, f"{client.name} writes close codes as numbers: {literals}"
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
def test_clients_are_loaded_as_modules(template, script):
    html = (TEMPLATES / template).read_text()
    assert f"""<script type="module" src="{{% static 'js/{script}' %}}"></script>""" in html
