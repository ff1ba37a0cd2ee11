"""Production's static storage gives the chat's ES modules hashed names and rewrites the
imports between them to those names, the lazy `import()`s of the widget included."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from lantern.storage import StaticStorage

MODULES = [
    "js/chat-socket.js",
    "js/chat-widget.js",
    "js/chat-panel.js",
    "js/chat-console.js",
    "js/proof-of-work.js",
    "js/error-summary.js",
]


def test_the_chat_scripts_import_the_hashed_socket_module(tmp_path):
    storage = StaticStorage(location=tmp_path, base_url="/static/")
    source = Path(settings.BASE_DIR) / "static"
    for name in MODULES:
        storage.save(name, ContentFile((source / name).read_bytes()))
    processed = list(storage.post_process({name: (storage, name) for name in MODULES}))
    assert all(not isinstance(result, Exception) for _name, _hashed, result in processed)
    socket_module = Path(storage.stored_name("js/chat-socket.js")).name
    assert socket_module != "chat-socket.js"
    launcher = storage.open(storage.stored_name("js/chat-widget.js")).read().decode()
    panel_module = Path(storage.stored_name("js/chat-panel.js")).name
    assert f'import("./{panel_module}")' in launcher and 'import("./chat-panel.js")' not in launcher
    widget = storage.open(storage.stored_name("js/chat-panel.js")).read().decode()
    console = storage.open(storage.stored_name("js/chat-console.js")).read().decode()
    assert f'import("./{socket_module}")' in widget and 'import("./chat-socket.js")' not in widget
    assert f'from "./{socket_module}"' in console and 'from "./chat-socket.js"' not in console
    # The proof-of-work solver, loaded by the widget when the panel opens.
    solver = Path(storage.stored_name("js/proof-of-work.js")).name
    assert f'import("./{solver}")' in widget and 'import("./proof-of-work.js")' not in widget
    # The error summary, which the page loads too: one module, so one hashed name for both.
    summary = Path(storage.stored_name("js/error-summary.js")).name
    assert f'from "./{summary}"' in widget and 'from "./error-summary.js"' not in widget


def test_the_challenge_form_imports_the_hashed_solver(tmp_path):
    """js/challenge-form.js (the proof-of-work field's script) and the solver it imports."""
    modules = ["js/proof-of-work.js", "js/challenge-form.js"]
    storage = StaticStorage(location=tmp_path, base_url="/static/")
    source = Path(settings.BASE_DIR) / "static"
    for name in modules:
        storage.save(name, ContentFile((source / name).read_bytes()))
    processed = list(storage.post_process({name: (storage, name) for name in modules}))
    assert all(not isinstance(result, Exception) for _name, _hashed, result in processed)
    solver = Path(storage.stored_name("js/proof-of-work.js")).name
    assert solver != "proof-of-work.js"
    script = storage.open(storage.stored_name("js/challenge-form.js")).read().decode()
    assert f'from "./{solver}"' in script and 'from "./proof-of-work.js"' not in script
