import re
from pathlib import Path

import pytest

from brief.config import load_config
from brief.errors import BriefError
from conftest import FIXTURES


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


SECTION = '\n[[sections]]\nkey = "a"\ntitle = "A"\n'


@pytest.mark.parametrize(("toml", "message"), [
    ('[brief]\ntitle = 5\n', "[brief] title must be text in quotes, not 5"),
    ('[brief]\nmerge_threshold = "high"\n',
     "[brief] merge_threshold must be a number, not 'high'"),
    ("[brief]\nmerge_threshold = 7\n", "[brief] merge_threshold must be between 0.05 and 1.15"),
    ("[brief]\nbottom_line_items = 2.5\n", "[brief] bottom_line_items must be a whole number"),
    ("[brief]\nbottom_line_items = 0\n", "[brief] bottom_line_items must be between 1 and 10"),
    ("[brief]\nmin_score = true\n", "[brief] min_score must be a number, not True"),
    ('[mail]\nsmtp_port = "x"\n', "[mail] smtp_port must be a whole number, not 'x'"),
    ("[mail]\nsmtp_port = 70000\n", "[mail] smtp_port must be between 1 and 65535"),
    ('[mail]\nstarttls = "yes"\n', "[mail] starttls must be true or false, not 'yes'"),
    ('[curation]\nexclude = "広告"\n',
     "[curation] exclude must be a list of texts in quotes, not '広告'"),
    ('[curation]\nexclude = [1]\n', "[curation] exclude must be a list of texts in quotes"),
    ('[curation]\npin = "x"\n', "curation.pin must be [[curation.pin]] tables, not 'x'"),
    ('brief = 5\n', "brief must be a [brief] table, not 5"),
    ('sections = "x"\n', "sections must be [[sections]] tables, not 'x'"),
    ('[translation]\nserver = "x"\n', "unknown key 'server' in [translation] (allowed: "
     "api_key_env, backend, batch_size, timeout, url)"),
    ('[translation]\nurl = "localhost:5000"\n', "[translation] url must be an http:// or "
     "https:// address like http://localhost:5000, not 'localhost:5000'"),
    ('[translation]\nurl = "http://mt:port"\n', "[translation] url must be an http://"),
    ('[translation]\ntimeout = 0\n', "[translation] timeout must be between 1 and 3600, not 0"),
    ('[translation]\nbatch_size = "8"\n', "[translation] batch_size must be a whole number"),
    ('[translation]\nbatch_size = 0\n', "[translation] batch_size must be between 1 and 1000"),
    ('[translation]\napi_key_env = "sk-1234 secret"\n', "[translation] api_key_env must be the "
     "name of an environment variable (like BRIEF_LT_API_KEY), not 'sk-1234 secret'"),
    ('translation = "argos"\n', "translation must be a [translation] table, not 'argos'"),
])
def test_wrong_value_types_name_table_and_key(tmp_path: Path, toml: str, message: str) -> None:
    p = tmp_path / "brief.toml"
    p.write_text(toml + ("" if toml.startswith("sections") else SECTION), encoding="utf-8")
    with pytest.raises(BriefError) as exc:
        load_config(p)
    assert str(exc.value).startswith(f"{p}: ") and message in str(exc.value)


@pytest.mark.parametrize(("toml", "message"), [
    ('max_items = "b"\n', "[sections a] max_items must be a whole number, not 'b'"),
    ('keywords = {x = "b"}\n', "keywords of section 'a' must be a table of term = weight"),
    ('description = 3\n', "[sections a] description must be text in quotes, not 3"),
])
def test_wrong_section_values_name_the_section(tmp_path: Path, toml: str, message: str) -> None:
    p = tmp_path / "brief.toml"
    p.write_text(SECTION + toml, encoding="utf-8")
    with pytest.raises(BriefError, match=re.escape(message)):
        load_config(p)


def test_the_shipped_config_loads() -> None:
    cfg = load_config(FIXTURES / "brief.toml")
    assert [s.key for s in cfg.sections] == ["security", "economic_security", "trade", "optics"]
    assert cfg.merge_threshold == 0.5 and isinstance(cfg.min_score, float)


def test_translation_settings_and_the_backend_choice(tmp_path: Path) -> None:
    from brief.translate.backends import choose, get_backend

    p = tmp_path / "brief.toml"
    p.write_text('[translation]\nbackend = "libretranslate"\nurl = "https://mt.example:5000/"\n'
                 'api_key_env = "BRIEF_LT_API_KEY"\ntimeout = 20\nbatch_size = 8\n' + SECTION,
                 encoding="utf-8")
    t = load_config(p).translation
    assert (t.backend, t.url, t.api_key_env, t.timeout, t.batch_size) == (
        "libretranslate", "https://mt.example:5000/", "BRIEF_LT_API_KEY", 20.0, 8)
    assert load_config(FIXTURES / "brief.toml").translation.backend == "argos"  # the default
    assert choose(t, backend="argos").backend == "argos"  # the command line wins
    over = choose(load_config(FIXTURES / "brief.toml").translation, server="http://mt:5000")
    assert (over.backend, over.url) == ("libretranslate", "http://mt:5000")  # --server alone
    with pytest.raises(BriefError, match=r"^--server must be an http:// or https:// address"):
        choose(t, server="mt:5000")
    p.write_text('[translation]\nbackend = "deepl"\n' + SECTION, encoding="utf-8")
    with pytest.raises(BriefError) as exc:
        get_backend(load_config(p).translation)
    assert str(exc.value) == (f"{p}: [translation] backend must be one of argos, "
                              "libretranslate, not 'deepl'")
    p.write_text('[translation]\nbackend = "libretranslate"\n' + SECTION, encoding="utf-8")
    with pytest.raises(BriefError) as exc:
        get_backend(load_config(p).translation)
    assert str(exc.value) == (f"{p}: [translation] url is needed for the libretranslate "
                              "backend (or pass --server URL)")
