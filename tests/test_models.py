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


def _sentence_splitter(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    """A package of another type (Argos's sentence-boundary models are "sbd") under the
    ja→en folder name: installed, it would replace the working model."""
    if name.endswith("metadata.json"):
        data = data.replace(b'"type": "translate"', b'"type": "sbd"')
        assert b'"sbd"' in data
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
    (_sentence_splitter, "a package of type 'sbd', not a translation model; not installed"),
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


def _crc_table() -> list[int]:
    """CRC-32's byte table (the one zlib.crc32 uses), for the cipher's key updates."""
    table = []
    for n in range(256):
        for _ in range(8):
            n = (n >> 1) ^ 0xEDB88320 if n & 1 else n >> 1
        table.append(n)
    return table


def _zipcrypto(data: bytes, password: bytes, check: int) -> bytes:
    """DATA encrypted with the traditional PKWARE cipher (what `zip -e` writes), behind
    its 12-byte header whose last byte is CHECK (the high byte of the CRC). The keys are
    updated with CRC-32's table in local variables: a zlib.crc32 call per byte took twice
    as long, on the two megabytes of the tiny package."""
    crc = _crc_table()
    k0, k1, k2 = 0x12345678, 0x23456789, 0x34567890
    plain = password + bytes(range(11)) + bytes([check]) + data
    out = bytearray(len(plain) - len(password))
    for i, b in enumerate(plain):
        at = i - len(password)
        if at >= 0:  # the password only sets the keys; the header and DATA are encrypted
            t = (k2 | 2) & 0xFFFF
            out[at] = b ^ (((t * (t ^ 1)) >> 8) & 0xFF)
        k0 = (k0 >> 8) ^ crc[(k0 ^ b) & 0xFF]
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = (k2 >> 8) ^ crc[(k2 ^ (k1 >> 24)) & 0xFF]
    return bytes(out)


def _encrypted_copy(src: Path, dest: Path, password: bytes = b"secret") -> Path:
    """SRC's members, stored and encrypted with PASSWORD, as `zip -e -0` writes them."""
    import struct
    import zlib

    local, central = bytearray(), bytearray()
    with zipfile.ZipFile(src) as z:
        infos = z.infolist()
        for info in infos:
            data, name = z.read(info), info.filename.encode()
            crc = zlib.crc32(data)
            flags = 0 if info.is_dir() else 1
            body = data if info.is_dir() else _zipcrypto(data, password, crc >> 24)
            fields = struct.pack("<HHHHHIIIHH", 20, flags, 0, 0, 0x21, crc, len(body),
                                 len(data), len(name), 0)
            central += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                        + struct.pack("<HHHII", 0, 0, 0, info.external_attr, len(local)) + name)
            local += b"PK\x03\x04" + fields + name + body
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(infos), len(infos), len(central),
                      len(local), 0)
    dest.write_bytes(bytes(local + central + end))
    return dest


def test_an_encrypted_package_is_refused_by_name_and_the_model_kept(
        tmp_path: Path, installed_tiny: Path) -> None:
    from click.testing import CliRunner

    from brief.cli import main

    before = _installed_state()
    locked = _encrypted_copy(installed_tiny, tmp_path / "locked.argosmodel")
    with zipfile.ZipFile(locked) as z:  # a genuine encrypted zip: it opens with the password
        # (the small members: zipfile decrypts in Python, ~1 s per MiB of model.bin)
        for member in ("translate-ja_en-tiny/metadata.json", "translate-ja_en-tiny/model/config.json"):
            assert z.read(member, pwd=b"secret") == zipfile.ZipFile(installed_tiny).read(member)
    r = CliRunner().invoke(main, ["models", "install", str(locked)])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1, r.output
    assert r.stderr.startswith(f"brief: error: {locked}: refused: member ")
    assert "is encrypted (a password-protected zip)" in r.stderr
    assert _installed_state() == before and find_package().package_version == "0.0.1"
    assert not list(tmp_path.glob("*/.brief-install-*"))


def _brief(cwd: Path, env: dict[str, str], *args: str) -> tuple[int, list[str]]:
    """`brief ARGS` in its own process with ENV added (argostranslate reads its folders
    once, at import): the exit code and the lines on stderr that are not warnings."""
    import os
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "brief", *args], cwd=cwd, text=True,
                       capture_output=True, timeout=300, env={**os.environ, **env})
    return r.returncode, [ln for ln in r.stderr.splitlines()
                          if not ln.startswith("brief: warning: ")]


@pytest.mark.slow  # three commands in subprocesses: ~10 s
def test_argos_packages_dir_that_is_a_file_is_one_line(project: Path, tiny_package: Path) -> None:
    in_the_way = project / "models"
    in_the_way.write_text("not a folder\n")
    env = {"ARGOS_PACKAGES_DIR": str(in_the_way)}
    for args in (("models", "list"), ("models", "install", str(tiny_package)),
                 ("build", "--format", "md")):
        code, errors = _brief(project, env, *args)
        assert code == 1 and len(errors) == 1, (args, code, errors)
        assert errors[0].startswith(f"brief: error: ARGOS_PACKAGES_DIR={in_the_way}: is a file, "
                                    "not a folder"), errors
    assert in_the_way.read_text() == "not a folder\n"
    assert not list(project.glob("out/brief.*"))  # the analyses' cache only


@pytest.mark.slow  # an install and three builds of one article in subprocesses: ~10 s
def test_an_installed_model_that_does_not_load_is_one_line_naming_it(
        one_article_project: Path, tmp_path: Path, tiny_package: Path) -> None:
    """A model.bin damaged after its install (a disk error, a copy cut short, another
    tool's file): the build stops in one line naming it and how to go on, out/ as it was;
    `--no-translate` still builds."""
    project = one_article_project  # the model is tested, not the build's size
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    assert _brief(project, env, "models", "install", str(tiny_package)) == (0, [])
    assert _brief(project, env, "build", "--no-translate", "--format", "md",
                  "--format", "json") == (0, [])
    before = {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()}
    model = tmp_path / "packages" / "translate-ja_en-tiny" / "model" / "model.bin"
    good = model.read_bytes()
    for damage in (good[:len(good) // 2], good[:2000] + bytes(range(256)) * 40):
        model.write_bytes(damage)
        code, errors = _brief(project, env, "build", "--format", "md", "--format", "json")
        assert code == 1 and len(errors) == 1, (code, errors)
        assert errors[0].startswith(f"brief: error: {model}: the Argos Translate ja→en 0.0.1 "
                                    "model does not load ("), errors
        assert errors[0].endswith("reinstall it (`brief models install`) or build with "
                                  "--no-translate")
        assert {p.name: p.read_bytes() for p in (project / "out").iterdir()
                if p.is_file()} == before
