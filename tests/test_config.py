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
    from brief.translate.backends import choose

    with pytest.raises(BriefError) as exc:
        choose(load_config(p).translation)  # a backend's own keys are read when it is chosen
    assert str(exc.value).startswith(f"{p}: ") and message in str(exc.value)


@pytest.mark.parametrize(("toml", "message"), [
    ('max_items = "b"\n', "[sections a] max_items must be a whole number, not 'b'"),
    ('keywords = {x = "b"}\n', "[sections a] keywords must be a table of term = weight"),
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


def test_page_size_is_a4_by_default_letter_on_request_and_nothing_else(tmp_path: Path) -> None:
    p = tmp_path / "brief.toml"
    p.write_text(SECTION, encoding="utf-8")
    assert load_config(p).page_size == "A4"
    p.write_text('[output]\npage_size = "letter"\n' + SECTION, encoding="utf-8")
    assert load_config(p).page_size == "Letter"
    p.write_text('[output]\npage_size = "A5"\n' + SECTION, encoding="utf-8")
    with pytest.raises(BriefError, match=r"\[output\] page_size must be 'A4' or 'Letter', not 'A5'"):
        load_config(p)


_SECTION = '[[sections]]\nkey = "a"\ntitle = "A"\n'


@pytest.mark.parametrize("weight", ["nan", "inf", "-inf", "-1.5", "0", "101"])
def test_keyword_weights_must_be_positive_finite(tmp_path: Path, weight: str) -> None:
    p = tmp_path / "brief.toml"
    p.write_text(_SECTION + f'keywords = {{ "防衛費" = {weight} }}\n', encoding="utf-8")
    with pytest.raises(BriefError, match=r"\[sections a\] keyword '防衛費' has weight .*"
                                         "weights must be numbers above 0, at most 100"):
        load_config(p)


def test_deeply_nested_toml_is_one_line(tmp_path: Path) -> None:
    p = tmp_path / "brief.toml"
    p.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n" + _SECTION, encoding="utf-8")
    with pytest.raises(BriefError, match=r"brief\.toml: invalid TOML: .*nested too deeply"):
        load_config(p)
    p.write_text("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"brief\.toml: invalid TOML"):
        load_config(p)


@pytest.mark.parametrize(("toml", "where"), [
    ('[brief]\ntitle = "US\\u0007Japan"\n', r"\[brief\] title contains the control character U\+0007"),
    ('[brief]\nauthor = "A\\nB"\n', r"\[brief\] author contains the control character U\+000A"),
    ('[brief]\nsubject = "S\\r\\nBcc: x"\n', r"\[brief\] subject contains the control character U\+000D"),
    ('[curation]\nexclude = ["ok", "bad\\u0000"]\n', r"\[curation\] exclude contains the control"),
])
def test_control_characters_in_config_text_are_refused(tmp_path: Path, toml: str, where: str) -> None:
    p = tmp_path / "brief.toml"
    p.write_text(toml + _SECTION, encoding="utf-8")
    with pytest.raises(BriefError, match=where):
        load_config(p)


def test_a_section_title_with_a_control_character_names_the_section(tmp_path: Path) -> None:
    p = tmp_path / "brief.toml"
    p.write_text('[[sections]]\nkey = "a"\ntitle = "A\\u001f"\n', encoding="utf-8")
    with pytest.raises(BriefError, match=r"\[sections a\] title contains the control character U\+001F"):
        load_config(p)
    p.write_text('[[sections]]\nkey = "a"\ntitle = "A"\ndescription = "line one\\nline two"\n',
                 encoding="utf-8")
    assert load_config(p).sections[0].description == "line one\nline two"


def test_a_pin_that_matches_nothing_is_a_warning(project: Path, monkeypatch) -> None:  # noqa: ANN001
    from click.testing import CliRunner

    from brief.cli import main

    monkeypatch.chdir(project)
    with (project / "brief.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[curation.pin]]\ntext = "どの記事にもない文言"\nsection = "trade"\n')
    r = CliRunner().invoke(main, ["build", "--no-translate", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert ("brief: warning: brief.toml: pin 'どの記事にもない文言' matches no sentence in the "
            "sources; it has no effect") in r.stderr


@pytest.mark.parametrize("key", ["title", "author", "office", "subject"])
def test_document_metadata_over_255_characters_is_refused(tmp_path: Path, key: str) -> None:
    p = tmp_path / "brief.toml"
    p.write_text(f'[brief]\n{key} = "{"x" * 256}"\n' + _SECTION, encoding="utf-8")
    with pytest.raises(BriefError, match=rf"\[brief\] {key} is 256 characters; at most 255"):
        load_config(p)
    p.write_text(f'[brief]\n{key} = "{"x" * 255}"\n' + _SECTION, encoding="utf-8")
    assert getattr(load_config(p), key) == "x" * 255


def test_translation_settings_and_the_backend_choice(tmp_path: Path) -> None:
    from brief.translate.backends import choose, get_backend

    p = tmp_path / "brief.toml"
    p.write_text('[translation]\nbackend = "libretranslate"\nurl = "https://mt.example:5000/"\n'
                 'api_key_env = "BRIEF_LT_API_KEY"\ntimeout = 20\nbatch_size = 8\n' + SECTION,
                 encoding="utf-8")
    t = choose(load_config(p).translation)
    assert (t.backend, t.options, t.batch_size) == ("libretranslate", {
        "url": "https://mt.example:5000/", "api_key_env": "BRIEF_LT_API_KEY", "timeout": 20.0},
        8)
    assert load_config(FIXTURES / "brief.toml").translation.backend == "argos"  # the default
    assert choose(t, backend="argos").backend == "argos"  # the command line wins
    over = choose(load_config(FIXTURES / "brief.toml").translation, server="http://mt:5000")
    assert (over.backend, over.options["url"]) == ("libretranslate", "http://mt:5000")  # --server alone
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
