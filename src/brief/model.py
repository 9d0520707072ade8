"""The one data model of a brief: sources -> passages -> sections -> items with citations.

Readers (ingest, segment) fill it, curation and translation enrich it, renderers consume it.
Everything here is plain data so that it serialises to JSON for review and diffing.
"""

from __future__ import annotations

import copy
import functools
import json
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from brief.errors import BriefError
from brief.vocab import (
    Change,
    ConflictKind,
    FigureKind,
    Modality,
    PassageKind,
    Phase,
    Reliability,
    SourceKind,
    Status,
)

if typing.TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

# of brief.json (src/brief/brief.schema.json, linked as schema/brief.schema.json); bump when a
# field changes meaning, and migrate the older version in _MIGRATIONS (or refuse it)
SCHEMA_VERSION = 2
SCHEMA_FILE = "brief.schema.json"  # package data, next to this module

# Status of a translated text (Item, Figure, Claim, Event, a Source's title):
APPROVED: Status = "approved"  # a person's English, from the translation memory
MACHINE: Status = "machine"  # the model's English, passed every output check
FLAGGED: Status = "flagged"  # the model's English failed a check: the Japanese is shown instead,
# `en` stays "" and the model's output is kept apart in `machine_output` (for review only)
STATUSES: tuple[Status, ...] = (APPROVED, MACHINE, FLAGGED)


@dataclass
class Source:
    """One input article."""

    id: str  # stable short id, e.g. "S1"
    path: str  # file name relative to the sources directory
    title: str
    text: str  # cleaned full text (boilerplate removed), offsets below refer to it
    outlet: str = ""
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD or YYYY-MM)
    kind: SourceKind = "article"  # wire, newspaper, broadcaster, official, news, article, forum,
    # ai-generated, machine-translated, blog (ad-supported), digest (sidecar or derived)
    reliability: Reliability = ""  # high / medium / low: the sidecar's, else from the kind
    derived: list[str] = field(default_factory=list)  # metadata fields derived, not given
    title_en: str = ""  # the title in English ("" until translated, and when flagged)
    title_status: Status = ""  # approved / machine / flagged ("" until translated)
    title_flags: list[str] = field(default_factory=list)  # why the title is flagged
    kind_reason: str = ""  # why the kind (and reliability): the tell-tale or outlet list entry
    origin: str = ""  # a wire service the text credits (共同通信): one outlet with its carriers
    title_machine_output: str = ""  # the model's English title when flagged, else ""

    @property
    def outlet_key(self) -> str:
        """Who independently reported this: the credited wire, else the outlet, else the file.
        Two sites carrying one wire story, or two pages of one outlet, count once."""
        return self.origin or self.outlet or self.id


@dataclass
class Passage:
    """A unit of source text: a prose sentence, a list item, a heading or a table row."""

    source_id: str
    start: int  # character offsets into Source.text
    end: int
    text: str
    kind: PassageKind = "sentence"  # sentence, heading, table, quote, list
    index: int = 0  # position within the source (0-based)
    total: int = 1  # passages in the source, for position scoring


@dataclass
class Citation:
    """Where an item's point is reported: one source span with its Japanese text."""

    source_id: str
    start: int
    end: int
    ja: str

    @classmethod
    def of(cls, p: Passage) -> Citation:
        """The citation of a whole passage."""
        return cls(p.source_id, p.start, p.end, p.text)


@dataclass
class Item:
    """One point in a section, merged from every source that reports it."""

    id: str
    section: str
    ja: str  # the representative Japanese sentence
    citations: list[Citation]
    score: float = 0.0
    en: str = ""  # English a reader may see ("" until translated, and when flagged)
    pinned: bool = False
    terms: list[str] = field(default_factory=list)  # glossary terms (ja) found in `ja`
    status: Status = ""  # approved / machine / flagged ("" until translated)
    flags: list[str] = field(default_factory=list)  # output-check reasons, glossary breaks
    modality: Modality = ""  # of the point's sentence: done, intention, planned, adjusting,
    # negated, opinion, reported, stated (analyse/claims.py)
    outlets: int = 0  # independent outlets that report it (Source.outlet_key), as ranked
    credible: bool = True  # reported by at least one source not rated low
    machine_output: str = ""  # the model's English when flagged (never shown), else ""
    dispute: str = ""  # the Conflict.id of the "Sources differ" entry disputing it, else ""
    change: Change = ""  # against the previous build's brief: new, changed, "" (the same)
    changes: list[str] = field(default_factory=list)  # what changed, in English: "figure
    # 2 → 3 (S1)", "new outlet: Asahi", "planned → done", "reworded"

    @property
    def source_ids(self) -> list[str]:
        """The cited sources, each once, in citation order (a point may cite 2,000)."""
        return list(dict.fromkeys(c.source_id for c in self.citations))


@dataclass
class Section:
    key: str
    title: str
    description: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class Figure:
    """One key figure: a number in English conventions, what it measures, where it is said."""

    id: str
    kind: FigureKind
    quantity: str  # the number in English: "$550 billion (about ¥84 trillion)", "about 70%"
    ja: str  # what the figure measures: the clause, or a table's header and row label
    citations: list[Citation]
    section: str = ""  # section key the clause belongs to, "" when none
    en: str = ""
    amount: str = ""  # the main number in plain digits ("550000000000", "70")
    unit: str = ""  # USD, JPY, "%", "% of GDP", "fields", ...
    periods: list[str] = field(default_factory=list)  # fiscal years said with it: FY2027
    table_label: str = ""  # a table figure: the column header that says what it measures
    table_row: str = ""  # a table figure: the row label that says what it is about
    status: Status = ""  # approved / machine / flagged ("" until translated)
    flags: list[str] = field(default_factory=list)  # output-check reasons, glossary breaks
    measure: str = ""  # what the number counts, in the source's words (レアアース採掘, 会談)
    subject: str = ""  # whose figure it is (中国 of a world share), "" when unsaid
    bound: str = ""  # about, over, more than, at least, up to, under, "" (exact)
    low: str = ""  # a range figure: the lower end in plain digits ("" when one value)
    machine_output: str = ""  # the model's English when flagged (never shown), else ""
    change: Change = ""  # against the previous build's brief: new, changed, "" (the same)
    changes: list[str] = field(default_factory=list)  # what changed, in English ("date …")

    @property
    def value(self) -> str:
        """The figure as the Key figures table shows it: '2% of GDP · within FY2027'."""
        return " · ".join([self.quantity, *self.periods])


@dataclass
class Claim:
    """One side of a disagreement: a value or statement and the sources that give it."""

    value: str  # English value ("about 70%") or stance ("signed", "not signed")
    ja: str
    citations: list[Citation]
    en: str = ""
    status: Status = ""  # approved / machine / flagged ("" until translated)
    flags: list[str] = field(default_factory=list)  # output-check reasons, glossary breaks
    modality: Modality = ""  # the side's modality when the conflict is about one (Assertion)
    machine_output: str = ""  # the model's English when flagged (never shown), else ""


@dataclass
class Assertion:
    """One structured claim a sentence makes (analyse/claims.py): who did what, how sure.

    Not to be confused with `Claim`, one side of a conflict."""

    source_id: str
    start: int  # the sentence's offsets in Source.text
    end: int
    ja: str  # the sentence
    event: str  # the event or predicate (会談, 署名, 推薦, 訪問, 一致, …)
    about: str  # what it is about: the event's object or place (ノーベル平和賞, 横須賀基地)
    modality: Modality
    actors: list[str] = field(default_factory=list)  # people, countries, organisations
    dates: list[str] = field(default_factory=list)  # ISO dates, resolved per article
    speaker: str = ""  # reported speech: who says it
    deadline: str = ""  # "by …" resolved to YYYY-MM (今年度末まで in 2025-10 -> 2026-03)
    place: str = ""  # the place name the event happens at (横須賀), "" when none


@dataclass
class Conflict:
    """Sources differ on the same figure or fact: every side is shown, none is picked."""

    id: str
    topic: str  # English description of what is disputed
    claims: list[Claim]
    kind: ConflictKind = "figure"
    verdict: str = ""  # which side more, and more credible, outlets take (English)
    note: str = ""  # where both sides can be true: what each is about (English), else ""
    change: Change = ""  # against the previous build's brief: new, changed, "" (the same)
    changes: list[str] = field(default_factory=list)  # what changed, in English ("date …")


@dataclass
class Event:
    """A dated happening, with the date resolved against its article's date."""

    id: str
    date: str  # ISO YYYY-MM-DD
    ja: str
    citations: list[Citation]
    en: str = ""
    date_note: str = ""  # how a relative date was resolved ("8日 in an article of 2025-12-09")
    status: Status = ""  # approved / machine / flagged ("" until translated)
    flags: list[str] = field(default_factory=list)  # output-check reasons, glossary breaks
    phase: Phase = "done"  # done, or planned (a plan or announcement of what is to come)
    machine_output: str = ""  # the model's English when flagged (never shown), else ""
    section: str = ""  # the key of the section its sentence belongs to, "" when none
    change: Change = ""  # against the previous build's brief: new, changed, "" (the same)
    changes: list[str] = field(default_factory=list)  # what changed, in English ("date …")


@dataclass
class Dropped:
    """A point of the previous build's brief that no point of this one continues."""

    id: str  # its id in the previous brief.json
    section: str  # the title of the section it stood in
    ja: str
    en: str = ""  # the English its readers were shown, "" when they saw the Japanese
    paths: list[str] = field(default_factory=list)  # the source files that reported it


@dataclass
class Violation:
    """A glossary rule the translation broke."""

    item_id: str
    term_ja: str
    expected: str
    problem: str  # "missing" or "forbidden: <text>"


Translated = Item | Figure | Event | Claim  # a text with en, status, flags, machine_output


@dataclass
class Brief:
    title: str
    date: str
    author: str
    office: str
    sources: list[Source]
    bottom_line: list[Item]
    sections: list[Section]
    figures: list[Figure] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    glossary_used: list[tuple[str, str]] = field(default_factory=list)  # (ja, en) pairs
    violations: list[Violation] = field(default_factory=list)
    # some text has English a reader may use (approved, or machine that passed the checks):
    # false for --no-translate and when every output was flagged (see translation_ran)
    translated: bool = False
    model: str = ""  # translation model id, "" when not translated
    title_ja: str = ""  # title derived from the sources (Japanese); "" when brief.toml sets one
    model_name: str = ""  # the engine and version as the title block names it
    assertions: list[Assertion] = field(default_factory=list)  # what each sentence claims
    previous: str = ""  # the date of the previous build's brief the marks compare with
    dropped: list[Dropped] = field(default_factory=list)  # its points this brief drops

    def status_counts(self, objs: Sequence[Translated] | None = None) -> dict[str, int]:
        """How many OBJS (default: the points) are approved, machine, flagged."""
        objs = self.all_items() if objs is None else objs
        return {st: sum(1 for o in objs if o.status == st) for st in STATUSES}

    def texts(self) -> dict[str, Sequence[Translated]]:
        """Every translated text but the source titles, by kind, in the order the build
        line and brief.json name them."""
        return {"points": self.all_items(), "figures": self.figures, "events": self.timeline,
                "claims": [cl for c in self.conflicts for cl in c.claims]}

    def translation_counts(self) -> dict[str, dict[str, int]]:
        """approved / machine / flagged for every kind of text (points, figures, events,
        claims, source titles; segments: the first four together): the one count that the
        build's status line, `brief email` and brief.json use, so none counts points only."""
        statuses = {kind: [o.status for o in objs] for kind, objs in self.texts().items()}
        statuses["titles"] = [s.title_status for s in self.sources]
        statuses["segments"] = [st for kind in ("points", "figures", "events", "claims")
                                for st in statuses[kind]]
        return {kind: {st: sts.count(st) for st in STATUSES} for kind, sts in statuses.items()}

    @property
    def translation_ran(self) -> bool:
        """The translation stage ran (every text then has a status), even when every output
        was flagged and `translated` is therefore false."""
        return self.translated or any(st for counts in self._statuses() for st in counts)

    def usable_english(self) -> bool:
        """Some text has English a reader may be shown: what `translated` records."""
        return any(st in (APPROVED, MACHINE) for counts in self._statuses() for st in counts)

    def _statuses(self) -> list[list[Status]]:
        return [[o.status for o in objs] for objs in self.texts().values()] + [
            [s.title_status for s in self.sources]]

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def contribution_counts(self) -> dict[str, tuple[int, int, int]]:
        """(points, figures, events) citing each source, counted in one pass once the brief
        is curated (citations do not change after that): the Sources table of N rows does
        not rescan the brief N times."""
        counts: dict[str, list[int]] = {}
        columns: list[Sequence[Item | Figure | Event]] = [self.all_items(), self.figures,
                                                          self.timeline]
        for col, objs in enumerate(columns):
            for o in objs:
                for sid in {c.source_id for c in o.citations}:
                    counts.setdefault(sid, [0, 0, 0])[col] += 1
        return {sid: (n[0], n[1], n[2]) for sid, n in counts.items()}

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def all_items(self) -> list[Item]:
        """Every item once: the bottom line references items that also sit in sections."""
        seen: dict[str, Item] = {}
        for item in self.bottom_line:
            seen.setdefault(item.id, item)
        for section in self.sections:
            for item in section.items:
                seen.setdefault(item.id, item)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        """The brief as brief.json holds it (schema/brief.schema.json)."""
        data = {"schema_version": SCHEMA_VERSION, **_plain(self)}
        # whoever filled the brief (translate_brief keeps them apart already), a flagged
        # text's English never reaches brief.json's `en`: it is machine_output there
        _flagged_apart(data)
        # Keep JSON compact and reviewable: full source texts are in the seeds already.
        for s in data["sources"]:
            s.pop("text", None)
        for fig, obj in zip(data["figures"], self.figures, strict=True):
            fig["value"] = obj.value  # the display form, kept for readers of older files
        if self.translation_ran:
            data["translation_counts"] = self.translation_counts()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], schema: bool = True) -> Brief:
        """The inverse of to_dict: what `brief email`, `brief review export` and `glossary
        check --against` read. An older version is migrated, then the data is checked
        against the schema, so a reader never meets a field of the wrong shape; SCHEMA
        False skips that check for data a build record vouches for (its hash: to_dict's own
        output), which costs seconds on a brief of thousands of sources.

        Raises ValueError (one line) on a file that is not a brief.json of a version read."""
        data = checked(data, schema)
        try:
            sections = [_make(Section, s, items=[_item(i) for i in s.get("items", [])])
                        for s in data.get("sections", [])]
            by_id = {it.id: it for sec in sections for it in sec.items}
            return _make(
                cls, data,
                sources=[_make(Source, s, text="") for s in data["sources"]],
                bottom_line=[by_id.get(i["id"]) or _item(i) for i in data["bottom_line"]],
                sections=sections,
                figures=[_make(Figure, f, citations=_cites(f)) for f in data.get("figures", [])],
                conflicts=[_make(Conflict, c, claims=[_make(Claim, cl, citations=_cites(cl))
                                                      for cl in c["claims"]])
                           for c in data.get("conflicts", [])],
                timeline=[_make(Event, e, citations=_cites(e)) for e in data.get("timeline", [])],
                glossary_used=[(ja, en) for ja, en in data.get("glossary_used", [])],
                violations=[_make(Violation, v) for v in data.get("violations", [])],
                assertions=[_make(Assertion, a) for a in data.get("assertions", [])],
                dropped=[_make(Dropped, d) for d in data.get("dropped", [])],
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"missing or malformed field ({exc})") from None

    @classmethod
    def read(cls, path: Path) -> Brief:
        """A brief.json written by `brief build`; ValueError/BriefError say what is wrong."""
        from brief.errors import read_input

        try:
            data = json.loads(read_input(path, MAX_JSON).decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"not valid JSON ({exc})") from None
        except RecursionError:
            raise ValueError("not valid JSON (nested too deeply)") from None
        return cls.from_dict(data)


MAX_JSON = 512 * 2**20  # brief.json of thousands of sources is tens of MiB


def read_build(path: Path) -> Brief:
    """A build's brief.json (PATH: the file, or the output folder that holds it), or a
    one-line error naming the file: what every command that reads a build goes through."""
    if path.is_dir():  # the folder: its last complete build's brief.json, as recorded
        from brief.atomic import recorded

        path = recorded(path, "json") or path / "brief.json"
    elif not path.suffix:
        path = path / "brief.json"
    if not path.is_file():
        raise BriefError(f"{path}: no build found (run `brief build` first)")
    try:
        return Brief.read(path)
    except (OSError, ValueError) as exc:
        raise BriefError(f"{path}: {exc}") from None


READS = (1, SCHEMA_VERSION)  # the oldest and newest schema_version read


def checked(data: object, schema: bool = True) -> dict[str, Any]:
    """DATA as a brief.json of the current version: an older one migrated, then validated
    against the schema (unless not SCHEMA); ValueError (one line) when it is neither."""
    if not isinstance(data, dict):
        raise ValueError(f"not a brief.json (a JSON {_json_type(data)}, not an object)")
    if "schema_version" not in data:
        raise ValueError("not a brief.json written by `brief build`: no schema_version")
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < READS[0]:
        raise ValueError(f"schema_version {version!r:.20} is not a version of brief.json "
                         f"(this brief reads {READS[0]} to {READS[1]})")
    if version > SCHEMA_VERSION:
        raise ValueError(f"schema_version {version} is newer than this brief reads ({READS[0]} "
                         f"to {READS[1]}): upgrade brief, or build again with this one")
    if version == 1:
        data = _from_v1(data)
    if not schema:
        return data
    from jsonschema.exceptions import best_match  # loaded by the commands that read a build

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise ValueError(f"not the shape of a brief.json (schema version {SCHEMA_VERSION}): "
                         f"{_describe(error)}")
    return data


def _json_type(value: object) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


@functools.cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = json.loads(resources.files("brief").joinpath(SCHEMA_FILE).read_text("utf-8"))
    return Draft202012Validator(schema)


def _describe(error: ValidationError) -> str:
    """'$.sections[0].items[0].citations: [] should be non-empty', shortened to one line
    (a message may quote a whole object)."""
    message = " ".join(error.message.split())
    field_name = error.path[-1] if error.path else ""
    if error.validator == "const" and field_name in ("en", "title_en"):
        message = "must be empty for a flagged text (the model's output is machine_output)"
    elif error.validator == "const" and str(field_name).endswith("machine_output"):
        message = "must be empty unless the text is flagged"
    elif len(message) > 90:
        message = f"fails {error.validator!r} {str(error.validator_value)[:50]}"
    return f"{error.json_path}: {message}"


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _flagged_apart(data: dict[str, Any]) -> list[object]:
    """In brief.json DATA, move a flagged text's English from `en` (`title_en`) to
    `machine_output` (`title_machine_output`) and clear the latter elsewhere; the statuses
    of every text. Objects of the wrong shape are skipped (the schema names them)."""
    texts = [*_dicts(data.get("bottom_line")),
             *(i for s in _dicts(data.get("sections")) for i in _dicts(s.get("items"))),
             *_dicts(data.get("figures")), *_dicts(data.get("timeline")),
             *(cl for c in _dicts(data.get("conflicts")) for cl in _dicts(c.get("claims")))]
    statuses = []
    for obj, en, status, output in ([(o, "en", "status", "machine_output") for o in texts]
                                    + [(s, "title_en", "title_status", "title_machine_output")
                                       for s in _dicts(data.get("sources"))]):
        statuses.append(obj.get(status))
        if obj.get(status) == FLAGGED:
            obj[output], obj[en] = obj.get(output) or obj.get(en, ""), ""
        else:
            obj[output] = ""
    return statuses


def _from_v1(old: dict[str, Any]) -> dict[str, Any]:
    """A version 1 brief.json as version 2: a flagged text's English (the model's output
    that failed the checks) moves from `en` to `machine_output`, and `translated` is true
    only when some text passed. Fields of the wrong shape are left for the schema to name."""
    data = copy.deepcopy(old)
    statuses = _flagged_apart(data)
    if data.get("translated") is True and any(statuses):  # (a file from before statuses
        data["translated"] = any(st in (APPROVED, MACHINE) for st in statuses)  # keeps it)
    data.pop("translation_counts", None)  # recounted by to_dict, with every kind
    data["schema_version"] = SCHEMA_VERSION
    return data


_ATOMS = (str, int, float, bool, type(None))


def _plain(obj: Any) -> Any:  # noqa: ANN401 - any model value
    """dataclasses.asdict without its deep copy: the same dicts, lists and tuples in field
    order, sharing the (immutable) strings and numbers. asdict deep-copied every leaf, which
    was half of the JSON writer's time at 2,000 articles."""
    if isinstance(obj, _ATOMS):
        return obj
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_plain(v) for v in obj)
    if isinstance(obj, dict):
        return {_plain(k): _plain(v) for k, v in obj.items()}
    names = _field_names(type(obj))  # type: ignore[arg-type]  # a dataclass type is hashable
    return {name: _plain(getattr(obj, name)) for name in names}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_T = TypeVar("_T")


def _make(cls: type[_T], data: dict[str, Any], **nested: Any) -> _T:  # noqa: ANN401
    """CLS from DATA's known fields (unknown keys, from newer writers, are ignored); a value
    of the wrong type (an id that is a number, a text that is null) is a TypeError here,
    not a crash later in whatever reads the brief."""
    hints = _hints(cls)  # type: ignore[arg-type]  # a dataclass type is hashable
    kwargs = {k: v for k, v in data.items() if k in hints}
    for k, v in kwargs.items():
        if k not in nested and not _type_ok(v, hints[k]):
            raise TypeError(f"{cls.__name__}.{k} is {type(v).__name__}: {v!r:.40}")
    kwargs.update(nested)
    return cls(**kwargs)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def _type_ok(value: object, hint: Any) -> bool:  # noqa: ANN401 - any typing construct
    """VALUE as JSON could hold HINT: str, int, float, bool, lists and tuples of them, X | None
    (anything more complex is accepted as is)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_type_ok(value, a) for a in args)
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if origin is typing.Literal:  # a closed vocabulary (vocab.py)
        return isinstance(value, str) and value in args
    if origin in (list, tuple):
        if not isinstance(value, list | tuple):
            return False
        inner = args[0] if args and (origin is list or args[-1] is Ellipsis) else None
        if origin is tuple and args and args[-1] is not Ellipsis:
            return len(value) == len(args) and all(map(_type_ok, value, args))
        return inner is None or all(_type_ok(v, inner) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    return True


def _cites(data: dict[str, Any]) -> list[Citation]:
    return [_make(Citation, c) for c in data["citations"]]


def _item(data: dict[str, Any]) -> Item:
    return _make(Item, data, citations=_cites(data))


def segments_of(brief: Brief) -> list[tuple[str, Item | Figure | Event | Claim]]:
    """Everything in the brief that is translated, each with a stable id."""
    return ([(it.id, it) for it in brief.all_items()] + [(f.id, f) for f in brief.figures]
            + [(e.id, e) for e in brief.timeline]
            + [(f"{c.id}.{n}", claim) for c in brief.conflicts
               for n, claim in enumerate(c.claims, 1)])
