"""A build with the real-tokenizer package (real Argos ja→en vocabulary, random weights): its
output is random pieces in many scripts, so every text must be flagged, its output kept out
of `en` and out of every format, nothing may crash, and `brief email` must not mail it unless
asked (see ../shared/models/README.md)."""

import email
import json
import re
import shutil
import zipfile
from email import policy
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

from brief.cli import main
from brief.glossary.terms import load_glossary
from brief.options import BuildOptions
from brief.pipeline import build
from brief.review.exchange import export
from brief.translate.backends import Backend
from brief.translate.checks import printable
from brief.translate.memory import Memory
from conftest import FIXTURES, ROOT, SHARED_MODELS
from test_mail import smtp_server  # noqa: F401 - the real local SMTP server fixture

REALTOK = SHARED_MODELS / "test-realtok" / "ja_en-realtok-random-weights.argosmodel"
# slow: the real 50,000-piece tokenizer translates a whole brief once for the module (~6 s)
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not REALTOK.is_file(), reason=f"{REALTOK} not present")]
KINDS = ("points", "figures", "events", "claims", "titles")


@pytest.fixture(scope="module")
def realtok_backend(tmp_path_factory: pytest.TempPathFactory) -> Backend:
    """The package loaded from its own directory, not installed: the session's tiny package
    stays the installed one for the other tests."""
    from argostranslate.package import Package

    from brief.translate.backends.argos import ArgosBackend

    where = tmp_path_factory.mktemp("realtok")
    with zipfile.ZipFile(REALTOK) as z:
        z.extractall(where)
    return ArgosBackend(Package(next(p.parent for p in where.glob("*/metadata.json"))))


@pytest.fixture(scope="module")
def flagged(tmp_path_factory: pytest.TempPathFactory, realtok_backend: Backend) -> Path:
    """A project built once with the random-weights model (every format)."""
    project = tmp_path_factory.mktemp("flagged")
    for name in ("seeds", "glossary"):
        shutil.copytree(FIXTURES / name, project / name)
    shutil.copy(FIXTURES / "brief.toml", project / "brief.toml")
    for seed in ("000_442978453d0daec2.txt", "001_f1cd6fa94029fc4f.txt"):
        (project / "seeds" / seed).unlink()  # fewer sentences: the model is slow on CPU
    build(BuildOptions(sources=project / "seeds", glossary=project / "glossary",
                       out=project / "out", config=project / "brief.toml"),
          backend=lambda: realtok_backend)
    return project


def _data(project: Path) -> dict:
    return json.loads((project / "out" / "brief.json").read_text(encoding="utf-8"))


def _texts(data: dict) -> list[tuple[dict, str, str, str]]:
    """(object, en key, status key, output key) of every translated text in brief.json."""
    objs = [*data["bottom_line"], *(i for s in data["sections"] for i in s["items"]),
            *data["figures"], *data["timeline"],
            *(cl for c in data["conflicts"] for cl in c["claims"])]
    return ([(o, "en", "status", "machine_output") for o in objs]
            + [(s, "title_en", "title_status", "title_machine_output") for s in data["sources"]])


def _snippets(data: dict) -> list[str]:
    """Runs of the model's outputs that a writer would print as they are (letters and spaces
    only, so no escaping can hide them): none may appear in any format."""
    found = set()
    for obj, _, _, out in _texts(data):
        for run in re.findall(r"[A-Za-z][A-Za-z ]{14,}[A-Za-z]", printable(obj[out])):
            found.add(run)
    return sorted(found)


def test_every_text_is_flagged_and_its_output_kept_out_of_en(flagged: Path) -> None:
    data = _data(flagged)
    schema = json.loads((ROOT / "schema" / "brief.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    texts = _texts(data)
    assert texts and all(o[status] == "flagged" and o[en] == "" and o[out]
                         for o, en, status, out in texts)
    assert data["translated"] is False and data["model"]  # it ran; nothing passed
    counts = data["translation_counts"]
    assert all(counts[k]["machine"] == counts[k]["approved"] == 0 for k in KINDS), counts
    assert counts["figures"]["flagged"] == len(data["figures"])
    assert counts["events"]["flagged"] == len(data["timeline"]) > 0
    assert counts["titles"]["flagged"] == len(data["sources"]) > 0
    assert counts["points"]["flagged"] == len({i["id"] for s in data["sections"]
                                               for i in s["items"]})


def test_no_format_shows_the_models_output(flagged: Path) -> None:
    from pypdf import PdfReader

    data = _data(flagged)
    out = flagged / "out"
    formats = {"md": (out / "brief.md").read_text(encoding="utf-8"),
               "html": (out / "brief.html").read_text(encoding="utf-8"),
               "docx": zipfile.ZipFile(out / "brief.docx").read("word/document.xml").decode(),
               "pdf": " ".join(p.extract_text() for p in PdfReader(out / "brief.pdf").pages)}
    snippets = _snippets(data)
    assert len(snippets) >= 5  # enough of the garbage to look for
    for fmt, text in formats.items():
        assert [s for s in snippets if s in text] == [], fmt
    [point, *_] = data["bottom_line"]
    shown = re.sub(r"<[^>]+>", "", formats["html"])  # as a reader sees it (no-break spans)
    assert point["ja"][:10] in formats["md"] and point["ja"][:10] in shown


def test_every_flagged_text_is_marked_and_its_reasons_are_in_one_appendix(flagged: Path) -> None:
    from pypdf import PdfReader

    data = _data(flagged)
    out = flagged / "out"
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "brief.pdf").pages)
    counted = re.search(r"(\d+) texts flagged", pdf)
    assert "MT?" in pdf and pdf.count("Unchecked machine translation") >= 1
    points = data["translation_counts"]["points"]["flagged"]
    assert counted and int(counted.group(1)) >= points + len(data["sources"])
    doc = zipfile.ZipFile(out / "brief.docx").read("word/document.xml").decode()
    assert ">MT?<" in doc


def test_review_export_offers_the_output_as_a_note_never_as_the_english(flagged: Path) -> None:
    glossary, data = load_glossary(flagged / "glossary"), _data(flagged)
    xlf, n = export(flagged / "out", glossary, Memory(None), "xliff2")
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "schemas" / "xliff_core_2.0.xsd")))
    root = etree.fromstring(xlf)
    assert schema.validate(root), schema.error_log
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    units = root.findall(".//x:unit", ns)
    mtc = "urn:oasis:names:tc:xliff:matches:2.0"
    assert len(units) == n and root.find(".//x:segment/x:target", ns) is None
    assert root.find(f".//{{{mtc}}}match[@type='mt']") is None  # never one keystroke away
    first = data["bottom_line"][0]
    [unit] = [u for u in units if u.get("id") == first["id"]]
    assert unit.findtext("x:notes/x:note[@category='machine']", "", ns) == printable(
        first["machine_output"])
    tsv, _ = export(flagged / "out", glossary, Memory(None), "tsv")
    rows = [line.split("\t") for line in tsv.decode().splitlines()[1:]]
    assert rows and all(r[2] == "flagged" and r[4] == "" and r[5] for r in rows)


def test_glossary_check_against_it_checks_the_models_output(flagged: Path) -> None:
    r = CliRunner().invoke(main, ["glossary", "check", "--glossary", str(flagged / "glossary"),
                                  "--against", str(flagged / "out")])
    assert "was not translated" not in r.output
    assert f"model {_data(flagged)['model']}: " in r.output and r.exit_code == 1, r.output


def test_email_refuses_the_flagged_brief_unless_allowed(flagged: Path, tmp_path: Path,
                                                       smtp_server) -> None:  # noqa: ANN001, F811
    port, received = smtp_server
    config = tmp_path / "brief.toml"
    config.write_text(f'[mail]\nfrom = "brief@example.org"\nsmtp_host = "127.0.0.1"\n'
                      f'smtp_port = {port}\nstarttls = false\n[[sections]]\nkey = "a"\n'
                      'title = "A"\n', encoding="utf-8")
    args = ["email", "--to", "desk@example.org", "--send", "--out", str(flagged / "out"),
            "--config", str(config)]
    data = _data(flagged)
    n = data["translation_counts"]["points"]["flagged"]
    assert data["bottom_line"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1 and r.stderr.count("\n") == 1, r.output
    assert f"{n} of {n} points are flagged" in r.stderr and "--allow-flagged" in r.stderr
    assert received == [] and not (flagged / "out" / "brief.eml").exists()
    r = CliRunner().invoke(main, [*args, "--allow-flagged"])
    assert r.exit_code == 0, r.output
    [msg] = received
    msg = email.message_from_bytes(msg.as_bytes(), policy=policy.default)
    part = msg.get_body(("plain",))
    assert part is not None
    body = " ".join(part.get_content().split())  # the body is wrapped at 72 columns
    for point in data["bottom_line"]:
        assert re.sub(r"\s", "", point["ja"][:15]) in re.sub(r"\s", "", body)
    assert body.count("[machine translation failed: shown in Japanese]") == len(
        data["bottom_line"])
    assert f"Flagged (shown in Japanese): {n} of {n} points" in body
    assert [s for s in _snippets(data) if s in body] == []


def test_the_flagged_pdf_draws_every_glyph_and_keeps_its_length(flagged: Path,
                                                                 tmp_path: Path) -> None:
    """Every code on every page of the flagged PDF has its glyph (tests/pdf_glyphs.py reads
    the file); marking every text costs at most one page over the same sources untranslated."""
    from pdf_glyphs import check

    report = check(flagged / "out" / "brief.pdf")
    assert report.codes > 2000 and report.missing == [] and report.bad_strings == []
    build(BuildOptions(sources=flagged / "seeds", glossary=flagged / "glossary",
                       out=tmp_path / "plain", config=flagged / "brief.toml", translate=False,
                       formats=("pdf",)))
    plain = check(tmp_path / "plain" / "brief.pdf")
    assert plain.missing == [] and report.pages <= plain.pages + 1, (report.pages, plain.pages)
