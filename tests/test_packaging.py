"""The wheel: built from the checkout, it holds every package, template, static file, migration
and compiled catalogue, and works installed in a virtual environment that cannot see the
checkout.

The build runs on a copy of the checkout (an in-tree build leaves `build/` behind, whose stale
files end up in later wheels, and two test runs at once would share it), without build isolation
and without an index: with this venv's setuptools, nothing downloaded. The new environment gets
the project venv's installed dependencies through a plain path in a .pth file, which adds the
folder without running the .pth files inside it, so the editable install's finder stays out;
the test extra is blocked there, since a deployment installs the wheel without it.

About 15 seconds (a build, a venv, three Django start-ups): `-m "not packaging"` leaves it out.
"""

import base64
import os
import re
import secrets
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
import venv
import zipfile
from importlib import metadata
from pathlib import Path

from django.utils import translation

import pytest

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[1]
# Source folder -> where its files go in the wheel (pyproject.toml's package-dir).
SOURCES = {
    "site": "lantern",
    "awareness": "awareness",
    "chat": "chat",
    "static": "lantern/static",
    "locales": "lantern/locales",
}
# Development-only: in the wheel or not, as its app decides; never required.
DEV_ONLY = ("chat/bench/",)
CATALOGUES = ("lv", "ru", "uk")
# The project venv's installed packages.
DEPENDENCIES = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
TRANSLATED = "Quick exit"  # a message of Lantern's own, translated in every catalogue
# Whatever the build copies: the checkout less what is local to this machine.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "var",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".ruff_cache",
    "test-results",
    "db.sqlite3*",
    "node_modules",
)


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        **kwargs,
    )
    shown = " ".join(str(part).strip()[:60] for part in command)  # the probe's first line
    assert result.returncode == 0, f"{shown}\n{result.stdout}\n{result.stderr}"
    return result


def shipped(source: str, relative: Path) -> bool:
    """Whether a file of the checkout belongs in the wheel."""
    if relative.name.startswith(".") or "__pycache__" in relative.parts:
        return False
    if source == "static":
        return True
    if source == "locales":
        return relative.suffix == ".mo"
    return (
        relative.suffix in {".py", ".json", ".svg"}
        or "templates" in relative.parts
        or "static" in relative.parts
    )


def expected_files() -> set[str]:
    """Every file the wheel must hold, as its path in the wheel."""
    expected = set()
    for source, target in SOURCES.items():
        for path in (REPO / source).rglob("*"):
            relative = path.relative_to(REPO / source)
            in_checkout = f"{source}/{relative.as_posix()}"
            if (
                path.is_file()
                and shipped(source, relative)
                and not in_checkout.startswith(DEV_ONLY)
            ):
                expected.add(f"{target}/{relative.as_posix()}")
    return expected


def modules_of_the_test_extra() -> set[str]:
    """Top-level modules only the test extra brings (never the base dependencies)."""

    def name(requirement: str) -> str:
        distribution = re.split(r"[^A-Za-z0-9._-]", requirement.strip(), maxsplit=1)[0]
        return re.sub(r"[-_.]+", "-", distribution).lower()

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    test_only = {name(r) for r in project["optional-dependencies"]["test"]} - {
        name(r) for r in project["dependencies"]
    }
    base_lock = (REPO / "requirements" / "base.txt").read_text().splitlines()
    test_only -= {name(line) for line in base_lock if re.match(r"[A-Za-z0-9]", line)}
    return {
        module
        for module, dists in metadata.packages_distributions().items()
        if any(name(dist) in test_only for dist in dists)
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    major = int(metadata.version("setuptools").split(".")[0])
    assert major >= 77, (
        f"setuptools {metadata.version('setuptools')} can't build the wheel (77 or later reads "
        "the licence expression): `make install-test` installs the pinned one"
    )
    missing = [
        lang
        for lang in CATALOGUES
        if not (REPO / "locales" / lang / "LC_MESSAGES" / "django.mo").is_file()
    ]
    assert not missing, f"no compiled catalogue for {missing}: run `make compilemessages`"
    tmp = tmp_path_factory.mktemp("wheel")
    source, dist = tmp / "source", tmp / "dist"
    shutil.copytree(REPO, source, ignore=NOT_COPIED)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--no-index", "--no-cache-dir", "--wheel-dir", dist, source],
        env=env,
    )
    (built,) = dist.glob("lantern-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    """A fresh venv with the wheel installed, the project venv's dependencies on its path and
    the test extra blocked; the commands run outside the checkout."""
    tmp = tmp_path_factory.mktemp("installed")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = Path(
        run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    )
    # Installed before the dependencies are visible, so that pip sees an empty environment
    # (and never the editable install of the project venv).
    run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps"]
        + ["--no-index", "--no-cache-dir", wheel],
        env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"),
    )
    (purelib / "lantern-dependencies.pth").write_text("".join(f"{p}\n" for p in DEPENDENCIES))
    (purelib / "_block_test_extra.py").write_text(
        textwrap.dedent(
            f"""\
            import sys

            BLOCKED = {sorted(modules_of_the_test_extra())!r}


            class BlockTestExtra:
                @staticmethod
                def find_spec(name, path=None, target=None):
                    if name.partition(".")[0] in BLOCKED:
                        raise ModuleNotFoundError(f"{{name}} is in the test extra", name=name)


            sys.meta_path.insert(0, BlockTestExtra)
            """
        )
    )
    (purelib / "block-test-extra.pth").write_text("import _block_test_extra\n")
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": f"{env_dir / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
        "DJANGO_SETTINGS_MODULE": "lantern.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "lantern.example.org",
        "LANTERN_WITHDRAWAL_CODE_KEYS": secrets.token_urlsafe(48),
        "LANTERN_DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
    }
    return {
        "python": python,
        "bin": env_dir / "bin",
        "purelib": purelib,
        "env": env,
        "cwd": elsewhere,
    }


def test_the_wheel_holds_every_package_template_static_file_and_catalogue(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(expected_files() - names)
    assert not missing, f"not in {wheel.name}: {missing}"
    # What the expectation is made of was found at all.
    for package in (
        "lantern/settings",
        "chat/referrals",
        "awareness/migrations",
        "chat/migrations",
        "chat/referrals/migrations",
    ):
        assert f"{package}/__init__.py" in names
    assert "lantern/templates/base.html" in names
    assert "lantern/static/js/chat-widget.js" in names
    assert "lantern/static/js/chat-panel.js" in names
    assert "chat/referrals/static/referrals/queue.css" in names
    for lang in CATALOGUES:
        assert f"lantern/locales/{lang}/LC_MESSAGES/django.mo" in names
    # Nothing installed as `site` (the standard library's), nor the tests or the .po sources.
    top_level = {name.split("/", 1)[0] for name in names}
    assert top_level == {"lantern", "awareness", "chat", wheel.name.split("-py")[0] + ".dist-info"}
    assert not [name for name in names if name.endswith(".po")]
    entry_points = zipfile.ZipFile(wheel).read(
        f"{wheel.name.split('-py')[0]}.dist-info/entry_points.txt"
    )
    assert b"lantern-admin = lantern.__main__:main" in entry_points


def test_the_installed_wheel_passes_the_checks_outside_the_checkout(installed):
    common = {"env": installed["env"], "cwd": installed["cwd"]}
    run([installed["bin"] / "lantern-admin", "check", "--fail-level", "WARNING"], **common)
    # The installed migrations are complete: they match the installed models.
    run(
        [installed["python"], "-m", "lantern", "makemigrations", "--check", "--dry-run"],
        **common,
    )


def test_the_installed_wheel_finds_its_static_files_templates_and_catalogues(installed):
    with translation.override("lv"):
        expected = translation.gettext(TRANSLATED)
    assert expected != TRANSLATED
    probe = f"""
        import sys
        from pathlib import Path

        import django

        django.setup()

        from django.conf import settings
        from django.contrib.staticfiles import finders
        from django.template.loader import get_template
        from django.utils import translation

        import awareness
        import chat.referrals
        import lantern

        venv = Path({str(installed["purelib"])!r})
        checkout = Path({str(REPO)!r})

        def inside(path):
            path = Path(path).resolve()
            assert path.is_relative_to(venv) and not path.is_relative_to(checkout), path

        for module in (lantern, awareness, chat.referrals):
            inside(module.__file__)
        assert not any("editable" in repr(finder) for finder in sys.meta_path), sys.meta_path
        # The checkout holds the project venv, whose dependencies are on the path on purpose.
        dependencies = {sorted(DEPENDENCIES)!r}
        assert not [
            p for p in sys.path
            if Path(p or ".").resolve().is_relative_to(checkout) and p not in dependencies
        ], sys.path
        try:
            import pytest
        except ModuleNotFoundError:
            pass
        else:
            raise AssertionError("the test extra is visible")
        for path in ("js/chat-widget.js", "css/site.css", "referrals/queue.css"):
            found = finders.find(path)
            assert found, path
            inside(found)
        for name in ("base.html", "awareness/home_page.html", "chat/widget.html",
                     "referrals/lead.html"):
            inside(get_template(name).origin.name)
        (locales,) = settings.LOCALE_PATHS
        inside(locales)
        with translation.override("lv"):
            translated = translation.gettext({TRANSLATED!r})
        assert translated == {expected!r}, translated
        print("ok")
    """
    result = run(
        [installed["python"], "-c", textwrap.dedent(probe)],
        env=installed["env"],
        cwd=installed["cwd"],
    )
    assert result.stdout.strip() == "ok"
