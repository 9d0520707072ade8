"""The Argos Translate ja→en package: install (index or file), find, and load for batches.

argostranslate and ctranslate2 are imported inside functions: `brief --help` and glossary
commands never pay for them.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from brief.config import TranslationConfig
from brief.errors import BriefError

FROM, TO = "ja", "en"
INSTALL_HINT = ("run `brief models install` (needs internet) or "
                "`brief models install FILE.argosmodel`")


def installed_packages() -> list[Any]:
    from argostranslate import package

    return [p for p in package.get_installed_packages()
            if getattr(p, "type", "translate") == "translate"]


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


def check_package_file(path: Path) -> dict[str, Any]:
    """Validate an .argosmodel file before installing it; return its metadata."""
    if not path.is_file():
        raise BriefError(f"{path}: file not found")
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            meta_names = [n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")]
            if not meta_names:
                raise BriefError(f"{path}: not an Argos package (no <dir>/metadata.json inside)")
            meta = json.loads(z.read(meta_names[0]))
            root = meta_names[0].split("/")[0]
            if f"{root}/model/model.bin" not in names:
                raise BriefError(f"{path}: Argos package has no model/model.bin")
            bad = z.testzip()
            if bad is not None:
                raise BriefError(f"{path}: corrupt member {bad} (truncated download?)")
    except zipfile.BadZipFile:
        raise BriefError(f"{path}: not a valid .argosmodel (zip) file; truncated or foreign "
                         "file?") from None
    if meta.get("from_code") != FROM or meta.get("to_code") != TO:
        raise BriefError(f"{path}: package translates {meta.get('from_code')}→"
                         f"{meta.get('to_code')}, not {FROM}→{TO}")
    return meta


def install_file(path: Path) -> str:
    """Install a package file through argostranslate; return a description."""
    meta = check_package_file(path)
    from argostranslate import package

    package.install_from_path(path)
    return f"{meta.get('from_code')}→{meta.get('to_code')} {meta.get('package_version', '')}"


def install_from_index() -> str:
    """Download and install the ja→en package from the Argos package index."""
    import contextlib
    import io

    from argostranslate import package, settings

    index = Path(settings.local_package_index)
    offline = BriefError(f"could not reach the Argos package index "
                         f"({settings.remote_package_index}); offline, install from a file: "
                         "`brief models install FILE.argosmodel`")
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            package.update_package_index()  # logs and returns when the network fails
        if not index.exists():
            raise offline
        available = package.get_available_packages()
    except (OSError, ValueError):  # unreadable or truncated index
        raise offline from None
    matches = [p for p in available if p.from_code == FROM and p.to_code == TO]
    if not matches:
        raise BriefError("could not reach the Argos package index or it lists no ja→en "
                         "package; install from a file: `brief models install FILE.argosmodel`")
    pkg = matches[0]
    try:
        pkg.install()
    except Exception as exc:  # noqa: BLE001
        raise BriefError(f"download of {pkg} failed: {exc}") from None
    return f"{pkg.from_code}→{pkg.to_code} {pkg.package_version}"


class ArgosBackend:
    """One loaded CTranslate2 model from an installed Argos package, used for whole batches.

    Tokenisation and the decoding options are argostranslate's own (its SentencePiece
    tokenizer, target prefix, replace_unknowns, length penalty); sentence splitting is ours,
    so each segment is one sentence and the whole build is one translate_batch call.
    """

    def __init__(self, pkg: Any | None = None, beam_size: int = 4, batch_size: int = 32) -> None:
        import ctranslate2

        self.pkg = pkg if pkg is not None else find_package()
        model_dir = Path(self.pkg.package_path) / "model"
        size = (model_dir / "model.bin").stat().st_size
        self.model_id = (f"argos:{self.pkg.from_code}-{self.pkg.to_code}:"
                         f"{self.pkg.package_version}:{size}")
        self.beam_size = beam_size
        self.batch_size = batch_size
        self.translator = ctranslate2.Translator(str(model_dir), device="cpu",
                                                 compute_type="auto", inter_threads=1)

    def options(self) -> dict[str, Any]:
        return dict(replace_unknowns=True, max_batch_size=32, beam_size=self.beam_size,
                    num_hypotheses=1, length_penalty=0.2)

    def encode(self, texts: list[str]) -> list[list[str]]:
        return [self.pkg.tokenizer.encode(t) for t in texts]

    def translate_batch(self, texts: list[str]) -> list[str]:
        if not texts:
            return []
        tokens = self.encode(texts)
        prefix = self.pkg.target_prefix or ""
        results = self.translator.translate_batch(
            tokens, target_prefix=[[prefix]] * len(tokens) if prefix else None,
            **self.options())
        out: list[str] = []
        for r in results:
            value = self.pkg.tokenizer.decode(r.hypotheses[0])
            if prefix and value.startswith(prefix):
                value = value[len(prefix):]
            out.append(value.strip())
        return out


def create(settings: TranslationConfig) -> ArgosBackend:
    """The installed ja→en package, loaded (the `argos` entry of backends.BACKENDS)."""
    return ArgosBackend(batch_size=settings.batch_size)
