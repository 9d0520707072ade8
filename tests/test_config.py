from pathlib import Path

import pytest

from brief.config import load_config
from brief.errors import BriefError


def test_unknown_keys_are_named(tmp_path: Path) -> None:
    p = tmp_path / "brief.toml"
    p.write_text('[brief]\ntitel = "x"\n[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")
    with pytest.raises(BriefError, match=r"brief\.toml: unknown key 'titel' in \[brief\]"):
        load_config(p)


def test_pin_to_unknown_section(tmp_path: Path) -> None:
    p = tmp_path / "brief.toml"
    p.write_text('[[curation.pin]]\ntext = "x"\nsection = "nope"\n'
                 '[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")
    with pytest.raises(BriefError, match="unknown section 'nope'"):
        load_config(p)
