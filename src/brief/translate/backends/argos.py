"""The Argos Translate ja→en package: install (index or file), find, and load for batches.

argostranslate and ctranslate2 are imported inside functions: `brief --help` and glossary
commands never pay for them.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

from brief.config import TranslationConfig
from brief.errors import BriefError, check_regular
from brief.settings import Table

FROM, TO = "ja", "en"
INSTALL_HINT = ("run `brief models install` (needs internet) or "
                "`brief models install FILE.argosmodel`")


def argos_settings() -> Any:  # noqa: ANN401 - argostranslate's settings module
    """argostranslate's settings module. Importing it creates its folders (ARGOS_PACKAGES_DIR,
    the XDG data and cache folders) and raises FileExistsError when one of them names a
    file: that is one line naming the path and the variable to change, never an OSError
    from inside the library."""
    try:
        from argostranslate import settings
    except OSError as exc:
        from brief.errors import shown

        name = Path(exc.filename or os.environ.get("ARGOS_PACKAGES_DIR", ""))
        var = next((k for k in ("ARGOS_PACKAGES_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME")
                    if os.environ.get(k) and Path(os.environ[k]) == name), None)
        where = f"{var}={shown(name)}" if var else shown(name)
        why = ("is a file, not a folder" if name.exists() and not name.is_dir()
               else f"cannot be made a folder ({exc.strerror or exc})")
        raise BriefError(f"{where}: {why}; argostranslate keeps the translation models "
                         f"there (set {var or 'ARGOS_PACKAGES_DIR'} to a folder)") from None
    return settings


def installed_packages() -> list[Any]:
    """Installed translate packages; one whose metadata.json or tokenizer cannot be read is
    skipped with a warning instead of breaking `models list` and every build."""
    settings = argos_settings()
    from argostranslate import package

    from brief.errors import warn

    found = []
    for directory in settings.package_dirs:
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if not path.is_dir() or path.name.startswith("."):
                continue
            try:
                pkg = package.Package(path)
            except Exception as exc:  # noqa: BLE001 - argostranslate raises anything here
                warn(f"{path}: broken translation package skipped ({type(exc).__name__}: "
                     f"{str(exc)[:120]}); reinstall it or remove the folder")
                continue
            if not all(isinstance(getattr(pkg, a, None), str)
                       for a in ("from_code", "to_code", "package_version")):
                warn(f"{path}/metadata.json: from_code, to_code and package_version must be "
                     "text; package skipped")
                continue
            if getattr(pkg, "type", "translate") == "translate":
                found.append(pkg)
    return found


def find_package() -> Any:
    """The installed ja→en package (newest version), or a BriefError saying how to install."""
    pkgs = [p for p in installed_packages() if p.from_code == FROM and p.to_code == TO]
    if not pkgs:
        raise BriefError(f"no Japanese→English translation model is installed: {INSTALL_HINT}; "
                         "or build without translation: `brief build --no-translate`")
    from packaging.version import InvalidVersion, Version

    def version(p: Any) -> Version:
        try:
            return Version(p.package_version or "0")
        except InvalidVersion:
            return Version("0")

    return max(pkgs, key=version)


MAX_MEMBERS = 1000  # real packages hold a dozen or two files
MAX_TOTAL = 4 * 2**30  # uncompressed; the largest Argos models are a few hundred MB
MAX_RATIO = 20  # model weights barely compress; a zip bomb compresses a thousandfold
_ALLOWED_TYPES = (0, stat.S_IFREG, stat.S_IFDIR)  # 0: made by a tool that records no mode


def _check_name(path: Path, name: str) -> None:
    """A member name that extracts inside the package's folder and nowhere else."""
    parts = name.rstrip("/").split("/")
    if (not name or name.startswith("/") or "\\" in name or ":" in parts[0]
            or any(p in ("", ".", "..") for p in parts)
            or any(ord(c) < 0x20 or c == "\x7f" for c in name)):
        raise BriefError(f"{path}: refused: member {name!r} is not a plain relative path "
                         "(absolute, '..', './' or odd characters)")


def check_package_file(path: Path) -> dict[str, Any]:
    """Validate an .argosmodel file before installing it; return its metadata.

    Everything is checked from the zip directory before a byte is extracted: member count,
    names, types (no symlinks or devices), total and compression ratio (no zip bombs), a
    metadata.json that is a JSON object naming ja→en, a model/model.bin, and the CRCs.
    """
    check_regular(path, DOWNLOAD_BYTES)  # a FIFO, a device, a folder: refused by name
    try:
        with zipfile.ZipFile(path) as z:
            root = _check_members(path, z.infolist())
            bad = z.testzip()
            if bad is not None:
                raise BriefError(f"{path}: corrupt member {bad} (truncated download?)")
            try:
                meta = json.loads(z.read(f"{root}/metadata.json").decode("utf-8"))
            except (ValueError, RecursionError):
                raise BriefError(f"{path}: {root}/metadata.json is not valid JSON") from None
    except zipfile.BadZipFile:
        raise BriefError(f"{path}: not a valid .argosmodel (zip) file; truncated or foreign "
                         "file?") from None
    except (NotImplementedError, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise BriefError(f"{path}: cannot read the package ({exc})") from None
    checked = _check_metadata(path, root, meta)
    checked["_root"] = root
    return checked


def _check_members(path: Path, infos: list[zipfile.ZipInfo]) -> str:
    """The zip directory of a genuine package: few plain members in one top folder, a sane
    expanded size, metadata.json and model/model.bin; returns that folder's name."""
    if len(infos) > MAX_MEMBERS:
        raise BriefError(f"{path}: refused: {len(infos)} members (a package has at "
                         f"most {MAX_MEMBERS})")
    for info in infos:
        _check_name(path, info.filename)
        if info.flag_bits & 0x1:  # zipfile could read it only with the password
            raise BriefError(f"{path}: refused: member {info.filename!r} is encrypted (a "
                             "password-protected zip); install the package file as it was "
                             "published")
        if stat.S_IFMT(info.external_attr >> 16) not in _ALLOWED_TYPES:
            raise BriefError(f"{path}: refused: member {info.filename!r} is a "
                             "symlink or special file")
    roots = {i.filename.split("/")[0] for i in infos}
    if len(roots) != 1 or any("/" not in i.filename for i in infos if not i.is_dir()):
        raise BriefError(f"{path}: not an Argos package (all members must be in one "
                         "top folder)")
    root = roots.pop()
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_TOTAL or (total > 2**20 and total > MAX_RATIO * max(packed, 1)):
        raise BriefError(f"{path}: refused: expands to {total / 2**20:.0f} MiB from "
                         f"{packed / 2**20:.1f} MiB (limit {MAX_TOTAL // 2**30} GiB, "
                         f"ratio {MAX_RATIO}); not a genuine model package")
    names = {i.filename for i in infos}
    if f"{root}/metadata.json" not in names:
        raise BriefError(f"{path}: not an Argos package (no <dir>/metadata.json inside)")
    if f"{root}/model/model.bin" not in names:
        raise BriefError(f"{path}: Argos package has no model/model.bin")
    return root


def _check_metadata(path: Path, root: str, meta: object) -> dict[str, Any]:
    """metadata.json names a ja→en translation package in text fields."""
    if not isinstance(meta, dict):
        raise BriefError(f"{path}: {root}/metadata.json must be a JSON object")
    for key in ("package_version", "code", "target_prefix"):
        if key in meta and not isinstance(meta[key], str):
            raise BriefError(f"{path}: {root}/metadata.json: {key} must be text")
    if meta.get("type", "translate") != "translate":
        raise BriefError(f"{path}: a package of type {str(meta.get('type'))[:40]!r}, not a "
                         "translation model; not installed (it would replace the ja→en model)")
    if meta.get("from_code") != FROM or meta.get("to_code") != TO:
        raise BriefError(f"{path}: package translates {meta.get('from_code')}→"
                         f"{meta.get('to_code')}, not {FROM}→{TO}")
    return meta


def _load_check(path: Path, package_dir: Path) -> None:
    """The extracted package loads the way a build will load it: argostranslate reads its
    metadata and tokenizer, CTranslate2 its model.bin. Anything else is refused."""
    import ctranslate2
    from argostranslate import package

    try:
        pkg = package.Package(package_dir)
        tokenizer = getattr(pkg, "tokenizer", None)
        if tokenizer is not None:
            tokenizer.encode("テスト")
        ctranslate2.Translator(str(package_dir / "model"), device="cpu")
    except Exception as exc:  # noqa: BLE001 - any failure to load means a broken package
        raise BriefError(f"{path}: refused: the model does not load ({type(exc).__name__}: "
                         f"{str(exc)[:160]})") from None


def sweep_installs(folder: Path) -> None:
    """Remove the work folders of installs a kill stopped (.brief-install-PID-*, PID no longer
    running): each holds a whole extracted model that nothing would ever remove."""
    import shutil

    from brief.atomic import pid_alive

    for entry in folder.glob(".brief-install-*") if folder.is_dir() else []:
        pid = entry.name.removeprefix(".brief-install-").split("-")[0]
        if entry.is_dir() and not entry.is_symlink() and not (pid.isdigit()
                                                               and pid_alive(int(pid))):
            shutil.rmtree(entry, ignore_errors=True)


def install_file(path: Path) -> str:
    """Install a package file: check it, extract into a private folder, load it from there,
    then swap it into argostranslate's package folder. A refused package leaves the
    installed ones exactly as they were."""
    import shutil
    import tempfile

    meta = check_package_file(path)
    settings = argos_settings()
    root = meta.pop("_root")
    packages = Path(settings.package_data_dir)
    packages.mkdir(parents=True, exist_ok=True)
    sweep_installs(packages.parent)
    work = Path(tempfile.mkdtemp(prefix=f".brief-install-{os.getpid()}-", dir=packages.parent))
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                dest = work / info.filename
                if info.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                with z.open(info) as src, open(dest, "wb") as out:
                    shutil.copyfileobj(src, out, 2**20)
        _load_check(path, work / root)
        final = packages / root
        old = work / ".previous"
        if final.exists():
            final.rename(old)
        try:
            (work / root).rename(final)
        except OSError:
            if old.exists():
                old.rename(final)  # put the previous package back before cleaning up
            raise
    except OSError as exc:
        raise BriefError(f"{path}: cannot install into {packages} ({exc.strerror})") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    from argostranslate.translate import get_installed_languages

    get_installed_languages.cache_clear()
    return f"{meta.get('from_code')}→{meta.get('to_code')} {meta.get('package_version', '')}"


INDEX_SECONDS, INDEX_BYTES = 60.0, 16 * 2**20  # the index is ~100 kB of JSON
DOWNLOAD_SECONDS = 3600.0  # a few hundred MB on a slow office line
DOWNLOAD_BYTES = 2 * 2**30  # the largest Argos packages are a few hundred MB


def _fetch(url: str, seconds: float, max_bytes: int, sink: Any = None) -> bytes:  # noqa: ANN401
    """URL's body (or into SINK), bounded in time and size (fetch.read); one line if not."""
    import time

    import httpx

    from brief.translate.backends import fetch

    where = fetch.redacted(url)
    with fetch.client() as client:
        try:
            r = fetch.read(client, "GET", url, deadline=time.monotonic() + seconds,
                           max_bytes=max_bytes, sink=sink)
        except httpx.TimeoutException:
            raise BriefError(f"{where}: no whole answer within {seconds:g} s") from None
        except fetch.Bounded as exc:
            raise BriefError(f"{where}: refused: {exc.why}") from None
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
            raise BriefError(f"{where}: cannot download ({str(exc)[:160]})") from None
    if r.status != 200:
        raise BriefError(f"{where}: answered {r.status} {r.reason}")
    return r.body


def _index() -> list[Any]:
    """The Argos index's packages, fetched with a deadline and a size cap (argostranslate's
    own update waits forever on a stalled server and reads any size)."""
    settings = argos_settings()
    from argostranslate import package

    from brief.atomic import atomic_write
    from brief.translate.backends.fetch import redacted

    try:
        data = _fetch(settings.remote_package_index, INDEX_SECONDS, INDEX_BYTES)
        entries = json.loads(data.decode("utf-8"))
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ValueError("not a list of packages")
        found = [package.AvailablePackage(e) for e in entries]
    except (BriefError, ValueError, RecursionError, TypeError, KeyError, AttributeError) as exc:
        raise BriefError(f"could not reach the Argos package index "
                         f"({redacted(settings.remote_package_index)}: {exc}); offline, "
                         "install from a file: `brief models install FILE.argosmodel`") from None
    atomic_write(Path(settings.local_package_index), data)  # what argospm would keep
    return found


def install_from_index() -> str:
    """Download and install the ja→en package from the Argos package index: the index and
    the package each within a deadline and a size cap, then the checks of a file."""
    import tempfile

    settings = argos_settings()
    matches = [p for p in _index() if getattr(p, "from_code", None) == FROM
               and getattr(p, "to_code", None) == TO
               and getattr(p, "type", "translate") == "translate"]
    links = [u for p in matches[:1] for u in (getattr(p, "links", None) or [])
             if isinstance(u, str) and u.startswith(("https://", "http://"))]
    if not links:
        raise BriefError("the Argos package index lists no ja→en package to download; "
                         "install from a file: `brief models install FILE.argosmodel`")
    downloads = Path(settings.downloads_dir)
    downloads.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".brief-download-", suffix=".argosmodel", dir=downloads)
    downloaded = Path(name)
    try:
        with open(fd, "wb") as out:
            _fetch(links[0], DOWNLOAD_SECONDS, DOWNLOAD_BYTES, sink=out.write)
        return install_file(downloaded)  # a download gets the same checks as a given file
    finally:
        downloaded.unlink(missing_ok=True)


MAX_OUTPUT = 256  # CTranslate2's own default cap on an output's length, in pieces
MAX_BATCH_TOKENS = 2048  # source pieces per model call: long sentences come fewer at a time


def decoding_cap(source_pieces: int) -> int:
    """The most pieces the model may write for a source of SOURCE_PIECES pieces.

    An English sentence runs to about 1-1.5 times the pieces of its Japanese; twice that plus
    a margin never cuts a real translation, while a model that fails to stop (a degenerate
    beam, a garbage model) stops there instead of at 256 pieces."""
    return min(MAX_OUTPUT, 2 * source_pieces + 10)


class ArgosBackend:
    """One loaded CTranslate2 model from an installed Argos package, used for whole batches.

    Tokenisation and the decoding options are argostranslate's own (its SentencePiece
    tokenizer, target prefix, replace_unknowns, length penalty); sentence splitting is ours,
    so each segment is one sentence. A call's segments are sorted by length and run in
    batches of similar length (bounded in segments and in pieces), each with an output cap
    from its longest source: no batch pads short sentences to a long one or decodes past
    what its sources could need.
    """

    def __init__(self, pkg: Any | None = None, beam_size: int = 4, batch_size: int = 32) -> None:
        self.pkg = pkg if pkg is not None else find_package()
        self.model_dir = Path(self.pkg.package_path) / "model"
        size = (self.model_dir / "model.bin").stat().st_size
        self.model_id = (f"argos:{self.pkg.from_code}-{self.pkg.to_code}:"
                         f"{self.pkg.package_version}:{size}")
        self.name = (f"Argos Translate {self.pkg.from_code}→{self.pkg.to_code} "
                     f"{self.pkg.package_version}")
        self.beam_size = beam_size
        self.batch_size = batch_size
        self._translator: Any = None

    @property
    def translator(self) -> Any:
        """The CTranslate2 model, loaded on first use: a build whose segments all come from
        the cache or the translation memory never pays for it."""
        if self._translator is None:
            import ctranslate2

            try:
                self._translator = ctranslate2.Translator(
                    str(self.model_dir), device="cpu", compute_type="auto", inter_threads=1)
            except Exception as exc:  # noqa: BLE001 - CTranslate2 raises anything on a bad file
                from brief.errors import shown

                why = " ".join(f"{type(exc).__name__}: {exc}".split())[:160]
                raise BriefError(f"{shown(self.model_dir / 'model.bin')}: the {self.name} "
                                 f"model does not load ({why}); reinstall it (`brief models "
                                 "install`) or build with --no-translate") from None
        return self._translator

    def options(self, tokens: list[list[str]] | None = None) -> dict[str, Any]:
        """Decoding options for one model call on TOKENS (the cap from its longest)."""
        longest = max(map(len, tokens), default=0) if tokens is not None else MAX_OUTPUT
        return dict(replace_unknowns=True, max_batch_size=self.batch_size,
                    beam_size=self.beam_size, num_hypotheses=1, length_penalty=0.2,
                    max_decoding_length=decoding_cap(longest))

    def encode(self, texts: list[str]) -> list[list[str]]:
        return [self.pkg.tokenizer.encode(t) for t in texts]

    def batches(self, tokens: list[list[str]]) -> list[list[int]]:
        """Indices of TOKENS in model calls: shortest first, at most batch_size segments
        and MAX_BATCH_TOKENS source pieces (padded to the longest) per call."""
        order = sorted(range(len(tokens)), key=lambda i: (len(tokens[i]), i))
        out: list[list[int]] = []
        for i in order:
            batch = out[-1] if out else None
            if (batch is None or len(batch) >= self.batch_size
                    or (len(batch) + 1) * len(tokens[i]) > MAX_BATCH_TOKENS):
                out.append([i])
            else:
                batch.append(i)
        return out

    def translate_tokens(self, tokens: list[list[str]]) -> list[list[str]]:
        """The model's best output pieces for each source, in the order given."""
        prefix = self.pkg.target_prefix or ""
        out: list[list[str]] = [[] for _ in tokens]
        for batch in self.batches(tokens):
            part = [tokens[i] for i in batch]
            results = self.translator.translate_batch(
                part, target_prefix=[[prefix]] * len(part) if prefix else None,
                **self.options(part))
            for i, r in zip(batch, results, strict=True):
                out[i] = r.hypotheses[0]
        return out

    def translate_batch(self, texts: list[str]) -> list[str]:
        if not texts:
            return []
        prefix = self.pkg.target_prefix or ""
        out: list[str] = []
        for pieces in self.translate_tokens(self.encode(texts)):
            value = self.pkg.tokenizer.decode(pieces)
            if prefix and value.startswith(prefix):
                value = value[len(prefix):]
            out.append(value.strip())
        return out


SETTINGS = Table("translation", (), owner="argos")  # no keys beyond [translation]'s own


def create(settings: TranslationConfig) -> ArgosBackend:
    """The installed ja→en package, loaded (the `argos` entry of backends.BACKENDS)."""
    return ArgosBackend(batch_size=settings.batch_size)
