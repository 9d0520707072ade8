import zipfile
from pathlib import Path

import pytest

from brief.errors import BriefError
from brief.translate.backends.argos import ArgosBackend, check_package_file, find_package


def test_missing_model_error_says_which_command_installs_it(monkeypatch) -> None:  # noqa: ANN001
    import brief.translate.backends.argos as m

    monkeypatch.setattr(m, "installed_packages", lambda: [])
    with pytest.raises(BriefError) as exc:
        find_package()
    assert "brief models install" in str(exc.value) and "--no-translate" in str(exc.value)


def test_truncated_or_foreign_package_files_are_refused(tmp_path: Path, tiny_package: Path) -> None:
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(tiny_package.read_bytes()[:5000])
    with pytest.raises(BriefError, match="not a valid .argosmodel"):
        check_package_file(cut)
    foreign = tmp_path / "foreign.argosmodel"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("p/metadata.json", '{"from_code": "en", "to_code": "de"}')
        z.writestr("p/model/model.bin", b"x")
    with pytest.raises(BriefError, match="translates en→de, not ja→en"):
        check_package_file(foreign)


def test_install_from_file_then_translate_in_one_batch(installed_tiny: Path) -> None:
    pkg = find_package()
    assert (pkg.from_code, pkg.to_code) == ("ja", "en")
    backend = ArgosBackend(pkg)
    out = backend.translate_batch(["高市首相は会談した。", "日本は投資を約束した。", "協力する。"])
    assert len(out) == 3 and all(isinstance(s, str) and s for s in out)
    assert out == backend.translate_batch(["高市首相は会談した。", "日本は投資を約束した。", "協力する。"])


def test_unreachable_index_is_one_clear_error(tmp_path: Path, monkeypatch, capfd) -> None:  # noqa: ANN001
    from argostranslate import settings

    from brief.translate.backends.argos import install_from_index

    monkeypatch.setattr(settings, "remote_package_index", "http://127.0.0.1:9/index.json")
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "index.json")
    with pytest.raises(BriefError) as exc:
        install_from_index()
    message = str(exc.value)
    assert message.startswith("could not reach the Argos package index (http://127.0.0.1:9/")
    assert "brief models install FILE.argosmodel" in message and "recursion" not in message
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # argostranslate's own error lines are not shown too


def _repack(src: Path, dest: Path, edit) -> Path:  # noqa: ANN001 - edit(zipfile, name, data)
    """A copy of the tiny package with members changed by EDIT (which writes them)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            edit(zout, info.filename, zin.read(info))
    return dest


def _copy(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    z.writestr(name, data)


def _installed_state() -> list[tuple[str, str]]:
    from brief.translate.backends.argos import installed_packages

    return sorted((str(p.package_path), p.package_version) for p in installed_packages())


def _bomb(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    _copy(z, name, data)
    if name.endswith("README.md"):
        z.writestr(name.replace("README", "padding"), b"\0" * (64 * 2**20))


def _many(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    _copy(z, name, data)
    if name.endswith("README.md"):
        for i in range(1200):
            z.writestr(f"translate-ja_en-tiny/extra/{i}.txt", b"x")


def _symlink(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    _copy(z, name, data)
    if name.endswith("README.md"):
        info = zipfile.ZipInfo("translate-ja_en-tiny/link")
        info.external_attr = (0o120777 << 16)
        z.writestr(info, "/etc/passwd")


def _named(bad: str):  # noqa: ANN202
    def edit(z: zipfile.ZipFile, name: str, data: bytes) -> None:
        _copy(z, name, data)
        if name.endswith("README.md"):
            z.writestr(bad, b"x")
    return edit


def _garbage_model(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    if name.endswith("model/model.bin"):
        data = bytes(range(256)) * 40
    elif name.endswith("metadata.json"):
        data = data.replace(b'"0.0.1"', b'"99.0"')  # would win every later build
    _copy(z, name, data)


def _bad_metadata(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    _copy(z, name, b"{not json" if name.endswith("metadata.json") else data)


@pytest.mark.parametrize(("edit", "message"), [
    (_bomb, "refused: expands to"),
    (_many, "refused: 1206 members"),
    (_symlink, "refused: member 'translate-ja_en-tiny/link' is a symlink"),
    (_named("/etc/cron.d/x"), "refused: member '/etc/cron.d/x' is not a plain relative path"),
    (_named("translate-ja_en-tiny/../../x"), "is not a plain relative path"),
    (_named("./translate-ja_en-tiny/x"), "is not a plain relative path"),
    (_named("translate-ja_en-tiny/a\\..\\..\\x"), "is not a plain relative path"),
    (_named("other-root/x"), "all members must be in one top folder"),
    (_garbage_model, "refused: the model does not load"),
    (_bad_metadata, "metadata.json is not valid JSON"),
])
def test_a_bad_package_is_refused_and_the_installed_ones_stay(
        tmp_path: Path, installed_tiny: Path, edit, message: str) -> None:  # noqa: ANN001
    from click.testing import CliRunner

    from brief.cli import main

    before = _installed_state()
    bad = _repack(installed_tiny, tmp_path / "bad.argosmodel", edit)
    r = CliRunner().invoke(main, ["models", "install", str(bad)])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1, r.output
    assert r.stderr.startswith(f"brief: error: {bad}: ") and message in r.stderr
    assert _installed_state() == before
    assert find_package().package_version == "0.0.1"
    assert not list(tmp_path.glob("*/.brief-install-*"))


def test_reinstalling_swaps_in_place(tmp_path: Path, installed_tiny: Path) -> None:
    from argostranslate import settings

    from brief.translate.backends.argos import install_file

    install_file(installed_tiny)
    assert [p.name for p in Path(settings.package_data_dir).iterdir()] == ["translate-ja_en-tiny"]
    assert not [p for p in Path(settings.package_data_dir).parent.iterdir()
                if p.name.startswith(".brief-install-")]


def test_a_broken_installed_package_is_skipped_with_a_warning(installed_tiny: Path) -> None:
    from argostranslate import settings
    from click.testing import CliRunner

    from brief.cli import main

    broken = Path(settings.package_data_dir) / "translate-broken"
    broken.mkdir()
    try:
        for meta in ("{oops", '{"from_code": 5, "to_code": "en", "package_version": []}'):
            (broken / "metadata.json").write_text(meta)
            r = CliRunner().invoke(main, ["models", "list"])
            assert r.exit_code == 0, r.output
            assert "ja→en\t0.0.1" in r.stdout
            assert r.stderr.startswith(f"brief: warning: {broken}")
            assert find_package().package_version == "0.0.1"
    finally:
        import shutil

        shutil.rmtree(broken)
