"""The CSP nonce for the inline scripts that templates themselves write, and for no other.

Wagtail's admin (and wagtail-modeltranslation's editor integration) still write a few inline
`<script>` elements (date choosers, inline panels, the workflow's settings), which a policy
without 'unsafe-inline' blocks. The nonce is given where a script is *written*, not where it
ends up: `Loader` rewrites the source of every template as it is loaded, so that each literal
`<script` opening tag of an inline script gets `nonce="{% lantern_script_nonce %}"`. A
`<script>` that arrives inside rendered data (a page title, a form value, anything marked safe
on its way) is never part of a template's source, so it gets no nonce and the browser refuses
to run it. (The response-level rewriting this replaces gave the nonce to every `<script>` in
admin HTML, injected ones included.)

- `Loader`: Django's cached loader over the usual loaders (TEMPLATES' OPTIONS "loaders"),
  which rewrites the sources it loads.
- `FormRenderer` (FORM_RENDERER): Django's own form renderer, whose engine loads widget
  templates (Wagtail's date and time inputs carry inline scripts) through `Loader` too.
- `lantern_script_nonce`: the tag (a builtin, TEMPLATES' OPTIONS "builtins"), which prints the
  nonce of the request being answered (`CurrentRequestMiddleware` keeps it in a context
  variable, since Wagtail renders many templates without a request in their context).
- Python code writes a few inline scripts too, which get the nonce through `nonce_scripts`:
  the functions of Wagtail's hooks for admin scripts (`insert_editor_js`,
  `insert_global_admin_js`; wagtail-modeltranslation's editor settings), whose output is code
  by Wagtail's contract (`Loader` has templates call them through `lantern_script_hook_output`
  instead of Wagtail's `hook_output`), and Wagtail's chooser widgets, which end with the script
  that starts them (`install`, called when the app is ready). Lantern's own code writes none.

External scripts (`src=`) need no nonce: the policy allows this site's own ('self'). JSON
(`type="application/json"`) is data, never run. Public pages carry no inline script at all, so
the tag never runs on them and cached pages never hold a nonce.
"""

from __future__ import annotations

import contextvars
import functools
import re
from pathlib import Path

import django.forms
from django import template
from django.forms.renderers import DjangoTemplates
from django.template.loaders import cached
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe

from wagtail import hooks

TAG_NAME = "lantern_script_nonce"
NONCE_ATTRIBUTE = f'nonce="{{% {TAG_NAME} %}}"'

# A `<script` opening tag in template source, up to its `>`; template tags, variables and
# comments inside it may hold a `>` of their own.
SCRIPT_OPENING = re.compile(
    r"<script(?=[\s>/]|\{[%{#])((?:\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|[^>{]|\{(?![%{#]))*)>",
    re.IGNORECASE | re.DOTALL,
)
# Opening tags that need no nonce: external scripts, scripts that have one, and data.
NEEDS_NO_NONCE = re.compile(
    r"""\b(?:src|nonce)\s*=|\btype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE
)
# The same in HTML that Python code writes (no template syntax in it).
HTML_SCRIPT_OPENING = re.compile(r"<script(?=[\s>/])([^>]*)>", re.IGNORECASE)
# Wagtail's hooks whose functions return admin scripts, as templates output them.
SCRIPT_HOOKS = ("insert_editor_js", "insert_global_admin_js")
HOOK_OUTPUT = re.compile(
    r"""\{%\s*hook_output\s+(["'])(""" + "|".join(SCRIPT_HOOKS) + r""")\1\s*%\}"""
)

current_request: contextvars.ContextVar = contextvars.ContextVar(
    "lantern_current_request", default=None
)


def add_nonce_tags(source: str) -> str:
    """`source` (a template's) with `nonce="{% lantern_script_nonce %}"` in each opening tag of
    an inline script that has no nonce yet."""

    def add(match: re.Match) -> str:
        attributes = match.group(1)
        if NEEDS_NO_NONCE.search(attributes):
            return match.group(0)
        return f"<script {NONCE_ATTRIBUTE}{attributes}>"

    source = HOOK_OUTPUT.sub(r"{% lantern_script_hook_output '\2' %}", source)
    return SCRIPT_OPENING.sub(add, source)


def request_nonce(request=None) -> str:
    """The CSP nonce of `request`, else of the request being answered; "" outside one."""
    for candidate in (request, current_request.get()):
        nonce = getattr(candidate, "csp_nonce", None)
        if nonce is not None:
            return str(nonce)
    return ""


def nonce_scripts(html: str) -> SafeString:
    """`html`, written by trusted Python code (never holding data from outside), with the
    current request's nonce on each of its inline scripts."""
    nonce = request_nonce()

    def add(match: re.Match) -> str:
        attributes = match.group(1)
        if not nonce or NEEDS_NO_NONCE.search(attributes):
            return match.group(0)
        return f'<script nonce="{nonce}"{attributes}>'

    return mark_safe(HTML_SCRIPT_OPENING.sub(add, str(html)))  # noqa: S308 (trusted code's HTML)


def install() -> None:
    """Gives the script that ends each of Wagtail's chooser widgets (`BaseChooser.render`:
    the widget's HTML, then `<script>new PageChooser(id, options)</script>`, built from the
    field's id and the chooser's URLs) the nonce. Only that last script: the widget's HTML
    before it is a rendered template, which may hold data."""
    from wagtail.admin.widgets.chooser import BaseChooser

    render = BaseChooser.render
    if getattr(render, "gives_nonce", False):
        return

    @functools.wraps(render)
    def render_with_nonce(self, *args, **kwargs):
        html = str(render(self, *args, **kwargs))
        widget, opening, script = html.rpartition("<script>")
        nonce = request_nonce()
        if not opening or not nonce:
            return mark_safe(html)  # noqa: S308 (Wagtail's own output, unchanged)
        return mark_safe(f'{widget}<script nonce="{nonce}">{script}')  # noqa: S308

    render_with_nonce.gives_nonce = True  # type: ignore[attr-defined]
    BaseChooser.render = render_with_nonce


class Loader(cached.Loader):
    """Django's cached loader, which gives the inline scripts of the templates it loads the
    nonce tag (`add_nonce_tags`)."""

    def get_contents(self, origin) -> str:
        return add_nonce_tags(super().get_contents(origin))


class FormRenderer(DjangoTemplates):
    """Django's default form renderer, with widget templates loaded through `Loader`."""

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": False,
                "DIRS": [Path(django.forms.__file__).parent / "templates"],
                "NAME": "djangoforms",
                "OPTIONS": {
                    "loaders": [
                        (
                            "lantern.script_nonce.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                    "builtins": ["lantern.script_nonce"],
                },
            }
        )


class CurrentRequestMiddleware:
    """Keeps the request being answered in `current_request` while its response is made (the
    templates are rendered), for `lantern_script_nonce`. Must come after
    csp.middleware.CSPMiddleware, which gives the request its nonce."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


register = template.Library()


@register.simple_tag
def lantern_script_hook_output(hook_name: str) -> SafeString:
    """Wagtail's `hook_output`, with the nonce on the inline scripts the hook functions
    return (code, by Wagtail's contract: they escape whatever data they include)."""
    return nonce_scripts("".join(str(fn()) for fn in hooks.get_hooks(hook_name)))


@register.simple_tag(name=TAG_NAME, takes_context=True)
def lantern_script_nonce(context) -> str:
    """The CSP nonce of the request being answered ("" outside a request)."""
    return request_nonce(context.get("request"))
