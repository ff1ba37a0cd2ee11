"""`manage.py` for an installed Lantern: `lantern-admin COMMAND` or `python -m lantern COMMAND`.

The checkout's manage.py stays next to the sources; a wheel installs this module and the
`lantern-admin` script instead (pyproject.toml). The same default settings as manage.py, so
production exports DJANGO_SETTINGS_MODULE as it does there.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings.dev")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if os.path.basename(argv[0]) == "__main__.py":
        argv[0] = "python -m lantern"  # for the usage lines (Django would say `-m django`)
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
