"""The user-editable build configuration (`brief.toml`): sections, curation and output."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.errors import BriefError, has_control, read_input
from brief.settings import Key, Table, check_keys


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
    batch_size: int = 32  # segments per translate call (one HTTP request per batch)
    options: dict[str, Any] = field(default_factory=dict)  # the backends' own keys, unread
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
    reference_doc: str = ""  # an office's .docx whose styles and page the DOCX takes
    key_figures: int = 8  # Key figures in the body (two or more sources); 0: all of them
    body_conflicts: int = 4  # Sources differ entries in the body; 0: all of them
    mail: MailConfig = field(default_factory=lambda: MailConfig())
    translation: TranslationConfig = field(default_factory=lambda: TranslationConfig())
    path: Path | None = None


MAX_META = 255  # the longest title/author/office/subject a DOCX core property can hold
PAGE_SIZES = ("A4", "Letter")


def check_url(url: str, where: str) -> str:
    """A server address must be http(s)://host[:port][/path]; WHERE starts the error."""
    from urllib.parse import urlsplit

    url = url.strip()
    if not url:
        return url
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
            or any(ch.isspace() or has_control(ch) for ch in url)):
        raise BriefError(f"{where} must be an http:// or https:// address like "
                         f"http://localhost:5000, not {url!r}")
    return url


def _meta(name: str, help: str, default: str = "") -> Key:
    return Key(name, str, default, help, max_len=MAX_META)


BRIEF = Table("brief", (
    _meta("title", "the brief's title; unset: derived from the sources (who, what, when)"),
    _meta("author", "shown in the byline and the document properties"),
    _meta("office", "the office named in the byline"),
    _meta("subject", "the document properties' subject", Config.subject),
    Key("bottom_line_items", int, Config.bottom_line_items, "points in the Bottom line",
        low=1, high=10),
    Key("max_points", int, Config.max_points,
        "section points in the whole brief, shared by evidence (0: only each max_items)",
        low=0, high=500),
    Key("min_score", float, Config.min_score, "the least section score a sentence needs",
        low=0, high=100),
    Key("merge_threshold", float, Config.merge_threshold,
        "how alike two reports must be to merge into one point", low=0.05, high=1.15),
))
OUTPUT = Table("output", (
    Key("east_asian_font", str, Config.east_asian_font,
        "the Japanese face named in the DOCX (Word substitutes one it has)"),
    Key("page_size", str, Config.page_size, "paper for the DOCX and the PDF",
        choices=PAGE_SIZES),
    Key("reference_doc", str, Config.reference_doc,
        "an office's .docx (relative to brief.toml) whose styles, page and fonts the DOCX "
        "takes, like Pandoc's --reference-doc"),
    Key("key_figures", int, Config.key_figures,
        "Key figures the body shows (those two or more sources report; the rest follow the "
        "Timeline); 0: every figure in the body", low=0, high=1000),
    Key("body_conflicts", int, Config.body_conflicts,
        "Sources differ entries the body shows (those disputing a Bottom line point first; "
        "the rest follow the Timeline); 0: every entry in the body", low=0, high=1000),
))
MAIL = Table("mail", (
    Key("from", str, MailConfig.sender, "the From address when --from is not given",
        attr="sender"),
    Key("smtp_host", str, MailConfig.smtp_host, "the SMTP server `brief email --send` uses"),
    Key("smtp_port", int, MailConfig.smtp_port, "its port", low=1, high=65535),
    Key("starttls", bool, MailConfig.starttls,
        "upgrade the connection with STARTTLS (false for a plain local server)"),
    Key("username", str, MailConfig.username, "the SMTP login, when the server wants one"),
    Key("password_env", str, MailConfig.password_env,
        "the environment variable holding the SMTP password"),
))
TRANSLATION = Table("translation", (
    Key("backend", str, TranslationConfig.backend,
        "the engine: a name in translate.backends.BACKENDS (`argos`, `libretranslate`)"),
    Key("batch_size", int, TranslationConfig.batch_size,
        "segments per translate call (one HTTP request per batch)", low=1, high=1000),
))  # each backend adds its own keys: translate/backends/*.py SETTINGS
CURATION = Table("curation", (
    Key("exclude", list, [], "drop sentences containing any of these texts"),
    Key("exclude_sources", list, [], "drop these source files (file names)"),
))
PIN = Table("curation.pin", (
    Key("text", str, "", "a piece of the Japanese sentence to force in"),
    Key("section", str, "", "the key of the section it goes in"),
), many=True)
SECTIONS = Table("sections", (
    Key("key", str, "", "the section's id (security, trade, or one of your own)"),
    Key("title", str, "", "its heading"),
    Key("description", str, "", "what it covers; its Japanese words help place sentences",
        controls="\n\t"),
    Key("max_items", int, SectionConfig.max_items, "at most this many points", low=1, high=50),
    Key("keywords", dict, {}, "your own terms: a table of term = weight (above 0, at most 100)",
        check=lambda value, where: _keywords(value, where)),
), many=True)
TABLES = (BRIEF, OUTPUT, MAIL, TRANSLATION, CURATION, PIN, SECTIONS)
_TOP_KEYS = {"brief", "curation", "sections", "output", "mail", "translation"}


MAX_TOML = 16 * 2**20  # brief.toml is a page; a sources.toml for thousands of articles a few MiB


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; every way it can be unreadable is one line naming the file."""
    try:
        return tomllib.loads(read_input(path, MAX_TOML).decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise BriefError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BriefError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except RecursionError:
        raise BriefError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


def load_config(path: Path) -> Config:
    """Read and validate `brief.toml`; unknown keys and bad values are errors naming the file."""
    if not path.exists():
        raise BriefError(f"{path}: config file not found (`brief init` makes a project here)")
    return config_from_dict(read_toml(path), path)


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


def config_from_dict(data: dict[str, Any], path: Path) -> Config:
    """brief.toml's tables, each read by its description above."""
    check_keys("top level", data, _TOP_KEYS, path)
    cfg = Config(path=path, **BRIEF.read(_tables(data, "brief", path), path))
    output = OUTPUT.read(_tables(data, "output", path), path)
    cfg.east_asian_font, cfg.page_size = output["east_asian_font"], output["page_size"]
    cfg.key_figures, cfg.body_conflicts = output["key_figures"], output["body_conflicts"]
    if output["reference_doc"]:  # a relative path is the project's, not the shell's
        cfg.reference_doc = str(path.parent / Path(output["reference_doc"]).expanduser())
    cfg.mail = MailConfig(**MAIL.read(_tables(data, "mail", path), path))
    cfg.translation = _translation(_tables(data, "translation", path), path)
    cur = _tables(data, "curation", path)
    cfg.__dict__.update(CURATION.read(cur, path, also=["pin"]))
    cfg.pins = [_pin(pin, path) for pin in _tables(cur, "pin", path, many=True,
                                                    name="curation.pin")]
    cfg.sections = _sections(_tables(data, "sections", path, many=True), path)
    keys = {s.key for s in cfg.sections}
    for pin in cfg.pins:
        if pin.section not in keys:
            raise BriefError(f"{path}: pin names unknown section {pin.section!r}")
    return cfg


def _translation(table: dict[str, Any], path: Path) -> TranslationConfig:
    """[translation]'s own keys; the rest belong to the backends, which read and check them
    (translate.backends.choose), so a new backend's setting needs no change here."""
    own = {k.name for k in TRANSLATION.keys}
    values = TRANSLATION.read({k: v for k, v in table.items() if k in own}, path)
    return TranslationConfig(**values, options={k: v for k, v in table.items() if k not in own},
                             path=path)


def _pin(table: dict[str, Any], path: Path) -> Pin:
    pin = Pin(**PIN.read(table, path))
    if not pin.text or not pin.section:
        raise BriefError(f"{path}: [[curation.pin]] needs both 'text' and 'section'")
    return pin


def _sections(tables: list[dict[str, Any]], path: Path) -> list[SectionConfig]:
    out: list[SectionConfig] = []
    for table in tables:
        if "key" not in table or "title" not in table:
            raise BriefError(f"{path}: every [[sections]] entry needs 'key' and 'title'")
        key = SECTIONS.keys[0].read(table, SECTIONS.where(path))
        if any(s.key == key for s in out):
            raise BriefError(f"{path}: section key {key!r} appears twice")
        out.append(SectionConfig(**SECTIONS.read(table, path, label=f"sections {key}")))
    if not out:
        raise BriefError(f"{path}: no [[sections]] defined")
    return out


def _keywords(value: dict[str, Any], where: str) -> dict[str, float]:
    """A section's own terms and weights; WHERE: "FILE: [sections KEY]"."""
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
        raise BriefError(f"{where} keywords must be a table of term = weight (numbers)")
    for term, weight in value.items():
        if not math.isfinite(weight) or not 0 < weight <= 100:
            raise BriefError(f"{where} keyword {term!r} has weight {weight!r}; weights must be "
                             "numbers above 0, at most 100")
        bad = has_control(term)
        if bad or not term.strip():
            raise BriefError(f"{where} keyword {term!r} is empty or contains the control "
                             f"character {bad}")
    return {str(k): float(v) for k, v in value.items()}
