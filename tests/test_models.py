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
