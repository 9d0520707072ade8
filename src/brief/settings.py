"""Declarative settings: each `brief.toml` table described once, as data.

A `Table` lists its `Key`s (name, type, default, range or choices, one line of help). From that
one description come the parsing, every validation message (always "FILE: [table] key …"), and
the README's table of settings (`markdown()`), so the three cannot drift apart. A translation
backend declares its own keys the same way, in its own module.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.errors import BriefError, has_control

_KINDS: dict[type, str] = {str: "text in quotes", int: "a whole number", float: "a number",
                           bool: "true or false", list: "a list of texts in quotes",
                           dict: "a table of term = weight"}


@dataclass(frozen=True)
class Key:
    """One key of a table: how it is read, checked and documented."""

    name: str  # as written in brief.toml
    kind: type  # str, int, float, bool or list (of str)
    default: Any
    help: str
    attr: str = ""  # the Python attribute, when it differs from the name ("from" -> sender)
    low: float | None = None  # inclusive range of a number
    high: float | None = None
    choices: tuple[str, ...] = ()  # the allowed texts, matched without regard to case
    max_len: int | None = None  # the longest text (document properties hold 255)
    controls: str = ""  # control characters a text may hold ("\n\t" for descriptions)
    check: Callable[[Any, str], Any] | None = None  # (value, "FILE: [table]") -> value

    @property
    def field(self) -> str:
        return self.attr or self.name

    def read(self, table: dict[str, Any], where: str) -> Any:  # noqa: ANN401 - of `kind`
        """TABLE's value for this key, checked; the default when absent. WHERE: "FILE: [t]"."""
        if self.name not in table:
            return self.default
        value = table[self.name]
        if not _is(value, self.kind):
            raise BriefError(f"{where} {self.name} must be {_KINDS[self.kind]}, not {value!r}")
        for text in value if self.kind is list else [value] if self.kind is str else []:
            # texts reach XML (DOCX), PDF metadata and mail headers: no control characters
            bad = has_control(text, allowed=self.controls)
            if bad:
                raise BriefError(f"{where} {self.name} contains the control character {bad}")
        value = float(value) if self.kind is float else value
        self._check_bounds(value, where)
        if self.choices:
            value = self._choice(str(value), where)
        return self.check(value, where) if self.check else value

    def _check_bounds(self, value: Any, where: str) -> None:  # noqa: ANN401
        if self.low is not None and self.high is not None and not (
                math.isfinite(value) and self.low <= value <= self.high):
            raise BriefError(f"{where} {self.name} must be between {self.low:g} and "
                             f"{self.high:g}, not {value:g}")
        if self.max_len is not None and len(value) > self.max_len:
            raise BriefError(f"{where} {self.name} is {len(value)} characters; "
                             f"at most {self.max_len}")

    def _choice(self, value: str, where: str) -> str:
        match = [c for c in self.choices if c.lower() == value.lower()]
        if not match:
            allowed = " or ".join(repr(c) for c in self.choices)
            raise BriefError(f"{where} {self.name} must be {allowed}, not {value!r}")
        return match[0]

    def describe(self) -> str:
        """The allowed values in words, for the README's table."""
        if self.choices:
            return " or ".join(f"`{c}`" for c in self.choices)
        if self.low is not None and self.high is not None:
            return f"{_KINDS[self.kind]}, {self.low:g} to {self.high:g}"
        if self.max_len is not None:
            return f"{_KINDS[self.kind]}, at most {self.max_len} characters"
        return _KINDS[self.kind]


def _is(value: object, kind: type) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is list:
        return isinstance(value, list) and all(isinstance(x, str) for x in value)
    return isinstance(value, kind)


@dataclass(frozen=True)
class Table:
    """A brief.toml table: its name as written ("sections", "curation.pin") and its keys."""

    name: str
    keys: tuple[Key, ...]
    help: str = ""
    many: bool = False  # [[name]]: a list of tables
    owner: str = ""  # the translation backend whose keys these are

    def where(self, path: Path | None, label: str = "") -> str:
        shown = f"[[{self.name}]]" if self.many and not label else f"[{label or self.name}]"
        return f"{path}: {shown}" if path is not None else shown

    def read(self, table: dict[str, Any], path: Path | None, label: str = "",
             also: Iterable[str] = ()) -> dict[str, Any]:
        """{attribute: value} for every key of TABLE (defaults filled in); unknown keys, bad
        types and values are one error naming FILE, the table (LABEL: how an entry is named,
        e.g. "sections trade") and the key. ALSO: keys another description owns."""
        check_keys(label or self.name, table, {k.name for k in self.keys} | set(also), path)
        where = self.where(path, label)
        return {k.field: k.read(table, where) for k in self.keys}

    def markdown(self) -> str:
        """This table's rows of the README's settings table."""
        name = f"[[{self.name}]]" if self.many else f"[{self.name}]"
        name = f"`{name}`" + (f" ({self.owner})" if self.owner else "")
        rows = []
        for k in self.keys:
            default = "" if k.default in ("", [], {}, None) else f"`{_toml(k.default)}`"
            rows.append(f"| {name} | `{k.name}` | {k.describe()} | {default} | {k.help} |")
        return "\n".join(rows)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def check_keys(where: str, table: dict[str, Any], allowed: set[str], path: Path | None) -> None:
    """Refuse keys ALLOWED does not name, listing what is allowed."""
    unknown = sorted(set(table) - allowed)
    if unknown:
        shown = f"{path}: " if path is not None else ""
        raise BriefError(
            f"{shown}unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} in [{where}] "
            f"(allowed: {', '.join(sorted(allowed))})")


HEADER = ("| table | key | value | default | what it does |\n"
          "|---|---|---|---|---|")


def markdown(tables: Iterable[Table]) -> str:
    """The README's table of settings, generated from the descriptions."""
    return "\n".join([HEADER, *(t.markdown() for t in tables)]) + "\n"
