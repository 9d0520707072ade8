"""brief.toml's settings come from one declaration each: parsing, messages, the README table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import toy_backend
from brief.config import load_config
from brief.errors import BriefError
from brief.translate.backends import BACKENDS, choose, get_backend
from conftest import ROOT

SECTION = '[[sections]]\nkey = "a"\ntitle = "A"\n'


def _config(tmp_path: Path, toml: str) -> Path:
    p = tmp_path / "brief.toml"
    p.write_text(toml + SECTION, encoding="utf-8")
    return p


def test_a_new_backend_is_one_module_and_one_registry_line(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(BACKENDS, "toy", toy_backend)  # the one registry line
    p = _config(tmp_path, '[translation]\nbackend = "toy"\nprefix = "EN>"\nbatch_size = 3\n')
    engine = get_backend(load_config(p).translation)
    assert engine.translate_batch(["日本"]) == ["EN> 2 characters"]
    assert engine.batch_size == 3
    assert choose(load_config(_config(tmp_path, '[translation]\nbackend = "toy"\n'))
                  .translation).options == {"prefix": "EN:"}  # its default
    bad = _config(tmp_path, '[translation]\nbackend = "toy"\nprefix = 5\n')
    with pytest.raises(BriefError) as exc:
        choose(load_config(bad).translation)
    assert str(exc.value) == f"{bad}: [translation] prefix must be text in quotes, not 5"


def test_another_backend_s_keys_are_checked_but_not_passed_on(tmp_path: Path) -> None:
    p = _config(tmp_path, '[translation]\nurl = "http://mt.example:5000"\n')
    assert choose(load_config(p).translation).options == {}  # argos has no keys of its own
    over = choose(load_config(p).translation, backend="libretranslate")
    assert over.options["url"] == "http://mt.example:5000"
    with pytest.raises(BriefError, match=r"\[translation\] timeout must be between 1 and 3600"):
        choose(load_config(_config(tmp_path, "[translation]\ntimeout = 0\n")).translation)


def test_a_bad_backend_key_stops_an_untranslated_build_too(tmp_path: Path) -> None:
    from brief.options import BuildOptions
    from brief.pipeline import build

    p = _config(tmp_path, '[translation]\nserver = "x"\n')
    with pytest.raises(BriefError, match=r"unknown key 'server' in \[translation\]"):
        build(BuildOptions(sources=tmp_path / "none", glossary=tmp_path, out=tmp_path / "out",
                           config=p, translate=False))
    assert not (tmp_path / "out").exists()


def test_the_readme_lists_every_setting_as_declared() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "settings_table.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in ("`bottom_line_items`", "`page_size`", "`starttls`", "`api_key_env`", "`timeout`"):
        assert key in readme.split("<!-- settings table")[1]
