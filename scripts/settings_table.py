"""Write the README's table of brief.toml settings from their declarations.

    .venv/bin/python scripts/settings_table.py          # rewrite the table in README.md
    .venv/bin/python scripts/settings_table.py --check  # exit 1 if README.md is out of date

tests/test_settings.py runs the check, so a new or changed key cannot go undocumented.
"""

from __future__ import annotations

import sys
from pathlib import Path

from brief.translate.backends import settings_table

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- settings table: scripts/settings_table.py -->", "<!-- end of settings table -->"


def updated(text: str) -> str:
    """TEXT (the README) with the block between the markers replaced by the current table."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{settings_table()}{END}{tail}"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv[1:]:
        sys.exit(0 if new == text else "README.md's settings table is out of date: run "
                 "scripts/settings_table.py")
    README.write_text(new, encoding="utf-8")
