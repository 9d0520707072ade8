"""The user-editable build configuration (`brief.toml`): sections, curation and output."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.errors import BriefError, has_control, read_input


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
class TranslationConfig:
    """[translation] in brief.toml: which engine translates, for every command that does.

    The key itself never sits in the file: `api_key_env` names the environment variable
    holding it. `path` is the file the values came from, so later checks can name it.
    """

    backend: str = "argos"  # a name in translate.backends.BACKENDS
    url: str = ""  # the LibreTranslate server, e.g. http://mt.office.example:5000
    api_key_env: str = ""  # e.g. "BRIEF_LT_API_KEY"; empty: the server needs no key
    timeout: float = 60.0  # seconds for one request (connect and read)
    batch_size: int = 32  # segments per translate call (one HTTP request per batch)
    path: Path | None = None


@dataclass
class Config:
    title: str = ""  # "" (unset): derived from the sources (curate/title.py)
    author: str = ""
    office: str = ""
    subject: str = "US–Japan relations"
    bottom_line_items: int = 4
    max_points: int = 0  # the brief's section points in all (0: each section's max_items only)
    min_score: float = 2.0
    merge_threshold: float = 0.5
    sections: list[SectionConfig] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_sources: list[str] = field(default_factory=list)
    pins: list[Pin] = field(default_factory=list)
    east_asian_font: str = "IPAexMincho"  # the PDF's Japanese face, named in the DOCX
    page_size: str = "A4"  # A4 or Letter, for the DOCX and the PDF
    mail: MailConfig = field(default_factory=lambda: MailConfig())
    translation: TranslationConfig = field(default_factory=lambda: TranslationConfig())
    path: Path | None = None


MAX_META = 255  # the longest title/author/office/subject a DOCX core property can hold
_TOP_KEYS = {"brief", "curation", "sections", "output", "mail", "translation"}
_TRANSLATION_KEYS = {"backend", "url", "api_key_env", "timeout", "batch_size"}
_MAIL_KEYS = {"from", "smtp_host", "smtp_port", "starttls", "username", "password_env"}
_BRIEF_KEYS = {"title", "author", "office", "subject", "bottom_line_items", "min_score",
               "merge_threshold", "max_points"}
_CURATION_KEYS = {"exclude", "exclude_sources", "pin"}
_SECTION_KEYS = {"key", "title", "description", "max_items", "keywords"}
_PIN_KEYS = {"text", "section"}
_OUTPUT_KEYS = {"east_asian_font", "page_size"}
PAGE_SIZES = ("A4", "Letter")


def _check_keys(where: str, table: dict[str, Any], allowed: set[str], path: Path) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise BriefError(
            f"{path}: unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} in [{where}] "
            f"(allowed: {', '.join(sorted(allowed))})"
        )


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; every way it can be unreadable is one line naming the file."""
    try:
        return tomllib.loads(read_input(path).decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise BriefError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BriefError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except RecursionError:
        raise BriefError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


def load_config(path: Path) -> Config:
    """Read and validate `brief.toml`; unknown keys and bad values are errors naming the file."""
    if not path.exists():
        raise BriefError(f"{path}: config file not found")
    return config_from_dict(read_toml(path), path)


_KINDS = {str: "text in quotes", int: "a whole number", float: "a number",
          bool: "true or false", list: "a list of texts in quotes"}


def _get(table: dict[str, Any], key: str, kind: type, where: str, path: Path,
         default: Any) -> Any:  # noqa: ANN401 - the value's type is `kind`
    """TABLE[KEY] checked to be of KIND; an error naming the table and key otherwise."""
    if key not in table:
        return default
    v = table[key]
    ok = {str: isinstance(v, str), bool: isinstance(v, bool),
          int: isinstance(v, int) and not isinstance(v, bool),
          float: isinstance(v, int | float) and not isinstance(v, bool),
          list: isinstance(v, list) and all(isinstance(x, str) for x in v)}[kind]
    if not ok:
        raise BriefError(f"{path}: [{where}] {key} must be {_KINDS[kind]}, not {v!r}")
    for text in (v if kind is list else [v] if kind is str else []):
        # Titles go into XML (DOCX), PDF metadata and mail headers: no control characters.
        bad = has_control(text, allowed="\n\t" if key == "description" else "")
        if bad:
            raise BriefError(f"{path}: [{where}] {key} contains the control character {bad}")
    return float(v) if kind is float else v


def _in_range(value: float, low: float, high: float, where: str, key: str,
              path: Path) -> None:
    if not low <= value <= high:
        raise BriefError(f"{path}: [{where}] {key} must be between {low:g} and {high:g}, "
                         f"not {value:g}")


def _tables(data: dict[str, Any], key: str, path: Path, many: bool = False,
            name: str = "") -> Any:  # noqa: ANN401
    """[KEY] as a table, or [[KEY]] as a list of tables when MANY (NAME: its dotted name)."""
    v = data.get(key, [] if many else {})
    key = name or key
    if many and isinstance(v, list) and all(isinstance(t, dict) for t in v):
        return v
    if not many and isinstance(v, dict):
        return v
    shape = f"[[{key}]] tables" if many else f"a [{key}] table"
    raise BriefError(f"{path}: {key} must be {shape}, not {v!r}")


def _translation(table: dict[str, Any], path: Path) -> TranslationConfig:
    """[translation], checked; whether `backend` names a registered backend is checked where
    the backends are known (translate.backends.get_backend), with the same kind of message."""
    _check_keys("translation", table, _TRANSLATION_KEYS, path)
    d = TranslationConfig()
    t = TranslationConfig(
        backend=_get(table, "backend", str, "translation", path, d.backend),
        url=_get(table, "url", str, "translation", path, d.url).strip(),
        api_key_env=_get(table, "api_key_env", str, "translation", path, d.api_key_env),
        timeout=_get(table, "timeout", float, "translation", path, d.timeout),
        batch_size=_get(table, "batch_size", int, "translation", path, d.batch_size),
        path=path)
    _in_range(t.timeout, 1, 3600, "translation", "timeout", path)
    _in_range(t.batch_size, 1, 1000, "translation", "batch_size", path)
    check_url(t.url, f"{path}: [translation] url")
    if t.api_key_env and not t.api_key_env.replace("_", "").isalnum():
        raise BriefError(f"{path}: [translation] api_key_env must be the name of an "
                         f"environment variable (like BRIEF_LT_API_KEY), not {t.api_key_env!r}")
    return t


def check_url(url: str, where: str) -> None:
    """A server address must be http(s)://host[:port][/path]; WHERE starts the error."""
    from urllib.parse import urlsplit

    if not url:
        return
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise BriefError(f"{where} must be an http:// or https:// address like "
                         f"http://localhost:5000, not {url!r}")


def config_from_dict(data: dict[str, Any], path: Path) -> Config:
    _check_keys("top level", data, _TOP_KEYS, path)
    cfg = Config(path=path)
    meta = _tables(data, "brief", path)
    _check_keys("brief", meta, _BRIEF_KEYS, path)
    for key in ("title", "author", "office", "subject"):
        setattr(cfg, key, _get(meta, key, str, "brief", path, getattr(cfg, key)))
        if len(getattr(cfg, key)) > MAX_META:  # document properties (DOCX) hold 255
            raise BriefError(f"{path}: [brief] {key} is {len(getattr(cfg, key))} characters; "
                             f"at most {MAX_META}")
    cfg.bottom_line_items = _get(meta, "bottom_line_items", int, "brief", path,
                                 cfg.bottom_line_items)
    _in_range(cfg.bottom_line_items, 1, 10, "brief", "bottom_line_items", path)
    cfg.max_points = _get(meta, "max_points", int, "brief", path, cfg.max_points)
    _in_range(cfg.max_points, 0, 500, "brief", "max_points", path)
    cfg.min_score = _get(meta, "min_score", float, "brief", path, cfg.min_score)
    _in_range(cfg.min_score, 0, 100, "brief", "min_score", path)
    cfg.merge_threshold = _get(meta, "merge_threshold", float, "brief", path,
                               cfg.merge_threshold)
    _in_range(cfg.merge_threshold, 0.05, 1.15, "brief", "merge_threshold", path)
    out = _tables(data, "output", path)
    _check_keys("output", out, _OUTPUT_KEYS, path)
    cfg.east_asian_font = _get(out, "east_asian_font", str, "output", path, cfg.east_asian_font)
    size = _get(out, "page_size", str, "output", path, cfg.page_size)
    match = [p for p in PAGE_SIZES if p.lower() == size.lower()]
    if not match:
        raise BriefError(f"{path}: [output] page_size must be "
                         f"{' or '.join(repr(p) for p in PAGE_SIZES)}, not {size!r}")
    cfg.page_size = match[0]

    mail = _tables(data, "mail", path)
    _check_keys("mail", mail, _MAIL_KEYS, path)
    d = MailConfig()
    cfg.mail = MailConfig(
        sender=_get(mail, "from", str, "mail", path, d.sender),
        smtp_host=_get(mail, "smtp_host", str, "mail", path, d.smtp_host),
        smtp_port=_get(mail, "smtp_port", int, "mail", path, d.smtp_port),
        starttls=_get(mail, "starttls", bool, "mail", path, d.starttls),
        username=_get(mail, "username", str, "mail", path, d.username),
        password_env=_get(mail, "password_env", str, "mail", path, d.password_env))
    _in_range(cfg.mail.smtp_port, 1, 65535, "mail", "smtp_port", path)

    cfg.translation = _translation(_tables(data, "translation", path), path)

    cur = _tables(data, "curation", path)
    _check_keys("curation", cur, _CURATION_KEYS, path)
    cfg.exclude = _get(cur, "exclude", list, "curation", path, [])
    cfg.exclude_sources = _get(cur, "exclude_sources", list, "curation", path, [])
    for pin in _tables(cur, "pin", path, many=True, name="curation.pin"):
        _check_keys("curation.pin", pin, _PIN_KEYS, path)
        text = _get(pin, "text", str, "curation.pin", path, "")
        section = _get(pin, "section", str, "curation.pin", path, "")
        if not text or not section:
            raise BriefError(f"{path}: [[curation.pin]] needs both 'text' and 'section'")
        cfg.pins.append(Pin(text=text, section=section))

    seen: set[str] = set()
    for sec in _tables(data, "sections", path, many=True):
        _check_keys("sections", sec, _SECTION_KEYS, path)
        if "key" not in sec or "title" not in sec:
            raise BriefError(f"{path}: every [[sections]] entry needs 'key' and 'title'")
        key = _get(sec, "key", str, "sections", path, "")
        if key in seen:
            raise BriefError(f"{path}: section key {key!r} appears twice")
        seen.add(key)
        where = f"sections {key}"
        keywords = sec.get("keywords", {})
        if not isinstance(keywords, dict) or not all(
                isinstance(v, int | float) and not isinstance(v, bool)
                for v in keywords.values()):
            raise BriefError(f"{path}: keywords of section {key!r} must be a table "
                             "of term = weight")
        for term, weight in keywords.items():
            if not math.isfinite(weight) or not 0 < weight <= 100:
                raise BriefError(f"{path}: [sections {key}] keyword {term!r} has weight "
                                 f"{weight!r}; weights must be numbers above 0, at most 100")
            bad = has_control(term)
            if bad or not term.strip():
                raise BriefError(f"{path}: [sections {key}] keyword {term!r} is empty or "
                                 f"contains the control character {bad}")
        max_items = _get(sec, "max_items", int, where, path, 6)
        _in_range(max_items, 1, 50, where, "max_items", path)
        cfg.sections.append(SectionConfig(
            key=key, title=_get(sec, "title", str, where, path, ""),
            description=_get(sec, "description", str, where, path, ""),
            max_items=max_items,
            keywords={str(k): float(v) for k, v in keywords.items()},
        ))
    if not cfg.sections:
        raise BriefError(f"{path}: no [[sections]] defined")
    for pin in cfg.pins:
        if pin.section not in seen:
            raise BriefError(f"{path}: pin names unknown section {pin.section!r}")
    return cfg
