"""The user-editable build configuration (`brief.toml`): sections, curation and output."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.errors import BriefError, read_input


@dataclass
class SectionConfig:
    key: str
    title: str
    description: str = ""
    max_items: int = 6
    keywords: dict[str, float] = field(default_factory=dict)


@dataclass
class Pin:
    text: str  # a substring of the Japanese sentence to force in
    section: str


@dataclass
class MailConfig:
    """[mail] in brief.toml: where `brief email --send` delivers."""

    sender: str = ""  # the From address when --from is not given
    smtp_host: str = ""
    smtp_port: int = 587
    starttls: bool = True
    username: str = ""
    password_env: str = "BRIEF_SMTP_PASSWORD"  # the password is read from this variable


@dataclass
class Config:
    title: str = "US–Japan Relations Brief"
    author: str = ""
    office: str = ""
    subject: str = "US–Japan relations"
    bottom_line_items: int = 4
    min_score: float = 2.0
    merge_threshold: float = 0.5
    sections: list[SectionConfig] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_sources: list[str] = field(default_factory=list)
    pins: list[Pin] = field(default_factory=list)
    east_asian_font: str = "Yu Mincho"
    mail: MailConfig = field(default_factory=lambda: MailConfig())
    path: Path | None = None

    def section(self, key: str) -> SectionConfig:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


_TOP_KEYS = {"brief", "curation", "sections", "output", "mail"}
_MAIL_KEYS = {"from", "smtp_host", "smtp_port", "starttls", "username", "password_env"}
_BRIEF_KEYS = {"title", "author", "office", "subject", "bottom_line_items", "min_score",
               "merge_threshold"}
_CURATION_KEYS = {"exclude", "exclude_sources", "pin"}
_SECTION_KEYS = {"key", "title", "description", "max_items", "keywords"}
_PIN_KEYS = {"text", "section"}
_OUTPUT_KEYS = {"east_asian_font"}


def _check_keys(where: str, table: dict[str, Any], allowed: set[str], path: Path) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise BriefError(
            f"{path}: unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} in [{where}] "
            f"(allowed: {', '.join(sorted(allowed))})"
        )


def load_config(path: Path) -> Config:
    """Read and validate `brief.toml`; unknown keys and bad values are errors naming the file."""
    if not path.exists():
        raise BriefError(f"{path}: config file not found")
    try:
        data = tomllib.loads(read_input(path).decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise BriefError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BriefError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return config_from_dict(data, path)


def config_from_dict(data: dict[str, Any], path: Path) -> Config:
    _check_keys("top level", data, _TOP_KEYS, path)
    cfg = Config(path=path)
    meta = data.get("brief", {})
    _check_keys("brief", meta, _BRIEF_KEYS, path)
    for key in _BRIEF_KEYS:
        if key in meta:
            setattr(cfg, key, meta[key])
    out = data.get("output", {})
    _check_keys("output", out, _OUTPUT_KEYS, path)
    cfg.east_asian_font = out.get("east_asian_font", cfg.east_asian_font)

    mail = data.get("mail", {})
    _check_keys("mail", mail, _MAIL_KEYS, path)
    cfg.mail = MailConfig(
        sender=str(mail.get("from", "")), smtp_host=str(mail.get("smtp_host", "")),
        smtp_port=int(mail.get("smtp_port", 587)), starttls=bool(mail.get("starttls", True)),
        username=str(mail.get("username", "")),
        password_env=str(mail.get("password_env", "BRIEF_SMTP_PASSWORD")))

    cur = data.get("curation", {})
    _check_keys("curation", cur, _CURATION_KEYS, path)
    cfg.exclude = [str(x) for x in cur.get("exclude", [])]
    cfg.exclude_sources = [str(x) for x in cur.get("exclude_sources", [])]
    for pin in cur.get("pin", []):
        _check_keys("curation.pin", pin, _PIN_KEYS, path)
        if not pin.get("text") or not pin.get("section"):
            raise BriefError(f"{path}: [[curation.pin]] needs both 'text' and 'section'")
        cfg.pins.append(Pin(text=str(pin["text"]), section=str(pin["section"])))

    seen: set[str] = set()
    for sec in data.get("sections", []):
        _check_keys("sections", sec, _SECTION_KEYS, path)
        if "key" not in sec or "title" not in sec:
            raise BriefError(f"{path}: every [[sections]] entry needs 'key' and 'title'")
        if sec["key"] in seen:
            raise BriefError(f"{path}: section key {sec['key']!r} appears twice")
        seen.add(sec["key"])
        keywords = sec.get("keywords", {})
        if not isinstance(keywords, dict):
            raise BriefError(f"{path}: keywords of section {sec['key']!r} must be a table "
                             "of term = weight")
        cfg.sections.append(SectionConfig(
            key=str(sec["key"]), title=str(sec["title"]),
            description=str(sec.get("description", "")),
            max_items=int(sec.get("max_items", 6)),
            keywords={str(k): float(v) for k, v in keywords.items()},
        ))
    if not cfg.sections:
        raise BriefError(f"{path}: no [[sections]] defined")
    for pin in cfg.pins:
        if pin.section not in seen:
            raise BriefError(f"{path}: pin names unknown section {pin.section!r}")
    return cfg
