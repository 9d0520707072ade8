import email
import json
import socket
from email import policy
from email.message import EmailMessage, Message
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from brief.cli import main
from brief.model import Brief, Citation, Item, Section, Source


def _plain(msg: Message) -> str:
    """The text/plain body a mail client shows (the message must have one)."""
    assert isinstance(msg, EmailMessage)
    body = msg.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def _fake_build(out: Path, flagged: bool = False) -> None:
    """A build's brief.json and PDF (FLAGGED: its one point failed the output checks)."""
    out.mkdir()
    item = Item("i1", "security", "防衛費", [Citation("S1", 0, 3, "防衛費")],
                en="Japan moves 2% of GDP forward.")
    if flagged:
        item.en, item.machine_output, item.status = "", "Closed closed", "flagged"
        item.flags = ["repeated text"]
    brief = Brief("US–Japan brief", "2025-10-28", "", "Desk",
                  [Source("S1", "a.txt", "A", ""), Source("S2", "b.txt", "B", "")], [item],
                  [Section("security", "Security", items=[item])], translated=True)
    (out / "brief.json").write_text(json.dumps(brief.to_dict()), encoding="utf-8")
    (out / "brief.pdf").write_bytes(b"%PDF-1.4\n% test pdf\n%%EOF\n")


def test_email_writes_a_parseable_eml_with_the_pdf(tmp_path: Path) -> None:
    _fake_build(tmp_path / "out")
    (tmp_path / "brief.toml").write_text('[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["email", "--to", "desk@example.org", "--out", str(tmp_path / "out"),
                                  "--config", str(tmp_path / "brief.toml"), "--from", "me@example.org"])
    assert r.exit_code == 0, r.output
    msg = email.message_from_bytes((tmp_path / "out" / "brief.eml").read_bytes(), policy=policy.default)
    assert msg["To"] == "desk@example.org" and msg["Subject"] == "US–Japan brief (2025-10-28)"
    assert "1. Japan moves 2% of GDP forward." in _plain(msg)
    [att] = list(msg.iter_attachments())
    assert att.get_content_type() == "application/pdf" and att.get_filename() == "brief.pdf"
    assert att.get_content() == (tmp_path / "out" / "brief.pdf").read_bytes()


@pytest.mark.parametrize(("args", "message"), [
    (["--to", "notanaddress"], "--to 'notanaddress': not an email address"),
    (["--to", "desk@example.org", "--to", "a@b"], "--to 'a@b': not an email address"),
    (["--to", "desk@example.org", "--from", "me"], "--from (or [mail] from) 'me': not an email"),
])
def test_bad_addresses_are_refused_before_anything_is_written(tmp_path: Path, args: list,
                                                             message: str) -> None:
    _fake_build(tmp_path / "out")
    (tmp_path / "brief.toml").write_text('[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["email", *args, "--out", str(tmp_path / "out"),
                                  "--config", str(tmp_path / "brief.toml"),
                                  *([] if "--from" in args else ["--from", "a@example.org"])])
    assert r.exit_code == 1 and message in r.output, r.output
    assert not (tmp_path / "out" / "brief.eml").exists()
    ok = CliRunner().invoke(main, ["email", "--to", "Desk <desk@example.org>", "--out",
                                   str(tmp_path / "out"), "--config", str(tmp_path / "brief.toml"),
                                   "--from", "a@example.org"])
    assert ok.exit_code == 0, ok.output


def test_email_without_a_build_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "brief.toml").write_text('[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["email", "--to", "a@b.c", "--out", str(tmp_path / "out"),
                                  "--config", str(tmp_path / "brief.toml"), "--from", "a@b.c"])
    assert r.exit_code == 1 and "no PDF to attach (run `brief build` first)" in r.output


@pytest.fixture
def smtp_server():  # noqa: ANN201
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message) -> None:  # noqa: ANN001
            received.append(message)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def test_send_through_a_local_smtp_server(tmp_path: Path, smtp_server) -> None:  # noqa: ANN001
    port, received = smtp_server
    _fake_build(tmp_path / "out")
    (tmp_path / "brief.toml").write_text(
        f'[mail]\nfrom = "brief@example.org"\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\n'
        'starttls = false\n[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["email", "--to", "desk@example.org", "--send", "--out",
                                  str(tmp_path / "out"), "--config", str(tmp_path / "brief.toml")])
    assert r.exit_code == 0, r.output
    [msg] = received
    assert msg["From"] == "brief@example.org" and msg["To"] == "desk@example.org"
    assert any(p.get_filename() == "brief.pdf" for p in msg.walk())


def test_a_brief_with_flagged_points_is_not_sent_unless_allowed(tmp_path: Path,
                                                                smtp_server) -> None:  # noqa: ANN001
    port, received = smtp_server
    _fake_build(tmp_path / "out", flagged=True)
    (tmp_path / "brief.toml").write_text(
        f'[mail]\nfrom = "brief@example.org"\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\n'
        'starttls = false\n[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")
    args = ["email", "--to", "desk@example.org", "--send", "--out", str(tmp_path / "out"),
            "--config", str(tmp_path / "brief.toml")]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1 and r.stderr.count("\n") == 1, r.output
    assert "brief.json: 1 of 1 points are flagged" in r.stderr and "--allow-flagged" in r.stderr
    assert received == [] and not (tmp_path / "out" / "brief.eml").exists()
    r = CliRunner().invoke(main, [*args, "--allow-flagged"])
    assert r.exit_code == 0, r.output
    [msg] = received
    body = _plain(email.message_from_bytes(msg.as_bytes(), policy=policy.default))
    assert "1. 防衛費 [machine translation failed: shown in Japanese]" in body
    assert "Closed" not in body


def test_a_flagged_point_is_mailed_in_japanese_marked_never_as_the_models_output() -> None:
    from brief.mail import body_text

    item = Item("i1", "security", "防衛費を増やす。", [Citation("S1", 0, 3, "防衛費")],
                machine_output="Closed", status="flagged", flags=["one word for a sentence"])
    brief = Brief("B", "2025-10-28", "", "Desk", [Source("S1", "a.txt", "A", "")], [item],
                  [Section("security", "Security", items=[item])], translated=False,
                  model_name="Test Engine 1.0")
    text = body_text(brief)
    assert "1. 防衛費を増やす。 [machine translation failed: shown in Japanese]" in text
    assert "Closed" not in text and "Test Engine 1.0" in text and "1 flagged" in text
    assert "Flagged (shown in Japanese): 1 of 1 point." in " ".join(text.split())  # wrapped
    assert "Not translated" not in text  # it was: the model failed


def _email(project: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["email", "--to", "desk@example.org", "--out",
                                     str(project / "out"), "--config",
                                     str(project / "brief.toml"), *extra])


def _build(project: Path, *extra: str) -> None:
    from brief.options import BuildOptions
    from brief.pipeline import build

    build(BuildOptions(sources=project / "seeds", glossary=project / "glossary",
                       out=project / "out", config=project / "brief.toml", translate=False,
                       dated_name="--dated-name" in extra,
                       formats=tuple(e for e in extra if not e.startswith("--"))))


def test_email_attaches_the_last_builds_dated_pdf_named_after_its_file(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After `brief build --dated-name` the message finds the dated PDF from the build's
    record, names the attachment after it and is dated now, not SOURCE_DATE_EPOCH."""
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1761609600")  # 2025-10-28: the build date
    _build(project, "--dated-name")
    r = _email(project, "--from", "me@example.org")
    assert r.exit_code == 0, r.output
    msg = email.message_from_bytes((project / "out" / "brief.eml").read_bytes(),
                                   policy=policy.default)
    [att] = list(msg.iter_attachments())
    [pdf] = (project / "out").glob("2025-10-28_*.pdf")
    assert att.get_filename() == pdf.name and att.get_content() == pdf.read_bytes()
    sent = parsedate_to_datetime(msg["Date"])
    assert abs((datetime.now(UTC) - sent).total_seconds()) < 600
    assert not (project / "out" / "brief.pdf").exists()


def test_email_refuses_a_pdf_older_than_the_build_or_changed_since(one_article_project: Path) -> None:
    project = one_article_project  # the mail and its checks are tested, not the build's size
    _build(project)
    old = (project / "out" / "brief.pdf").read_bytes()
    _build(project, "json")  # a later build that wrote no PDF: the old one must not go out
    r = _email(project, "--from", "me@example.org")
    assert r.exit_code == 1 and "the last build wrote no PDF" in r.output, r.output
    _build(project)
    pdf = project / "out" / "brief.pdf"
    pdf.write_bytes(old + b"\n% edited")
    r = _email(project, "--from", "me@example.org")
    assert r.exit_code == 1 and "changed since the last build" in r.output, r.output
    stale = project / "old.pdf"
    stale.write_bytes(old)
    os_time = (project / "out" / "brief.json").stat().st_mtime - 60
    import os
    os.utime(stale, (os_time, os_time))
    r = _email(project, "--from", "me@example.org", "--pdf", str(stale))
    assert r.exit_code == 1 and "older than the last build" in r.output, r.output
    assert not (project / "out" / "brief.eml").exists()


def test_email_requires_a_sender(one_article_project: Path) -> None:
    project = one_article_project  # the mail and its checks are tested, not the build's size
    _build(project)
    r = _email(project)
    assert r.exit_code == 1 and "no sender; give --from or set `from` in [mail]" in r.output
    assert "localhost" not in r.output and not (project / "out" / "brief.eml").exists()


def test_email_refuses_a_json_the_last_build_did_not_write(one_article_project: Path) -> None:
    """A build killed after brief.json was replaced but before the PDF and the record: the
    message's text would not match the attachment, so nothing is written."""
    project = one_article_project  # the mail and its checks are tested, not the build's size
    _build(project)
    json_path = project / "out" / "brief.json"
    json_path.write_bytes(json_path.read_bytes().replace(b'"title"', b'"title" ', 1))
    r = _email(project, "--from", "me@example.org")
    assert r.exit_code == 1 and "not the file the last build wrote" in r.output, r.output
    assert not (project / "out" / "brief.eml").exists()


def test_starttls_against_a_plain_server_says_how_to_turn_it_off(tmp_path: Path,
                                                                 smtp_server) -> None:  # noqa: ANN001
    port, received = smtp_server
    _fake_build(tmp_path / "out")
    (tmp_path / "brief.toml").write_text(
        f'[mail]\nfrom = "brief@example.org"\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\n'
        '[[sections]]\nkey = "a"\ntitle = "A"\n', encoding="utf-8")  # starttls: the default
    r = CliRunner().invoke(main, ["email", "--to", "desk@example.org", "--send", "--out",
                                  str(tmp_path / "out"), "--config", str(tmp_path / "brief.toml")])
    assert r.exit_code == 1 and not received
    assert f"127.0.0.1:{port}: STARTTLS failed" in r.output
    assert "set `starttls = false` in [mail] of brief.toml" in r.output


def test_the_body_is_wrapped_for_mail_readers() -> None:
    from brief.mail import BODY_WIDTH, _wrap

    long = ("Japan and the United States agreed to expand missile defense cooperation and to "
            "strengthen supply chains for critical minerals, officials said on Tuesday.")
    lines = _wrap(long, "1. ").splitlines()
    assert len(lines) > 1 and all(len(ln) <= BODY_WIDTH for ln in lines)
    assert lines[0].startswith("1. Japan") and lines[1].startswith("   ")
    assert _wrap("https://example.org/" + "a" * 90) == "https://example.org/" + "a" * 90
