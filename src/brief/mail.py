"""`brief email`: an RFC 5322 message with the Bottom line as text and the PDF attached.

The message is built from the last build's JSON and PDF, found from the build's own record
(`last-build.json`, so dated names work too), so it says exactly what the attachment says: a
PDF older than the JSON, or changed since the build, is refused. Writing `out/brief.eml` is
the default; `--send` hands it to the SMTP server named in `[mail]` of brief.toml. A brief
with flagged points (the model's English failed the checks: they are shown in Japanese) is
refused unless `--allow-flagged` says to send it as it is.
"""

from __future__ import annotations

import hashlib
import os
import re
import smtplib
import ssl
import textwrap
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path

from brief.atomic import link_target
from brief.config import MailConfig
from brief.curate.changes import summary
from brief.errors import BriefError, check_regular, has_control, read_input, shown
from brief.model import FLAGGED, Brief, Item, read_build
from brief.render import RECORD, read_record
from brief.render.document_builder import human_date
from brief.translate.checks import printable
from brief.translate.report import flagged_line

MAX_PDF = 512 * 2**20  # a brief's PDF is a few MiB; a mail server refuses far less than this


def _recorded(out_dir: Path, record: dict[str, dict[str, str]], fmt: str, missing: str,
              changed: str) -> Path:
    """The FMT file the last build wrote, refused (one line) when that build wrote none or
    the file is no longer the one it wrote."""
    if fmt not in record:
        raise BriefError(f"{out_dir / RECORD}: the last build wrote {missing} (build without "
                         f"--format, or add --format {fmt})")
    path = out_dir / record[fmt]["file"]
    if not _as_recorded(path, record[fmt]):
        raise BriefError(f"{path}: {changed}")
    return path


def _as_recorded(path: Path, entry: dict[str, str]) -> bool:
    """PATH is the file the build recorded (or missing, which the caller reports)."""
    return not path.is_file() or (hashlib.sha256(read_input(path, MAX_PDF)).hexdigest()
                                  == entry.get("sha256"))


def last_build(out_dir: Path, pdf: Path | None = None) -> tuple[Path, Path]:
    """The last build's JSON and PDF (PDF: the one given, else the build's own).

    Refuses a PDF older than the JSON or, for the build's own, changed since the build."""
    record = read_record(out_dir)
    if record:
        json_path = _recorded(out_dir, record, "json", "no JSON to make the message from",
                              "not the file the last build wrote (an interrupted build, or "
                              "edited since); run `brief build` again")
        if pdf is None:
            pdf = _recorded(out_dir, record, "pdf", "no PDF",
                            "changed since the last build (run `brief build` again, or name "
                            "the file with --pdf)")
    else:  # a build from before build records: its files, never a link out of OUT_DIR
        json_path = link_target(out_dir / "brief.json", False)
        pdf = pdf or link_target(out_dir / "brief.pdf", False)
    if not pdf.exists():
        raise BriefError(f"{pdf}: no PDF to attach (run `brief build` first)")
    check_regular(pdf, MAX_PDF)  # a FIFO, /dev/zero, a folder: refused by name
    if not json_path.is_file():
        raise BriefError(f"{json_path}: no build found (run `brief build` first)")
    if pdf.stat().st_mtime_ns < json_path.stat().st_mtime_ns:
        raise BriefError(f"{pdf}: older than the last build ({json_path.name}); it would not "
                         "match the message (run `brief build` again)")
    return json_path, pdf


def _point(item: Item) -> str:
    """A Bottom line point as the message shows it: its English, else its Japanese; a
    flagged one marked (the model's output is never mailed)."""
    if item.status == FLAGGED:
        return printable(f"{item.ja} [machine translation failed: shown in Japanese]")
    return printable(item.en or item.ja)


def translation_line(brief: Brief) -> str:
    """How the text was translated: the model and every kind of text counted."""
    if not brief.translation_ran:
        return "(Not translated: the points are in Japanese.)"
    c = brief.translation_counts()["points"]
    engine = brief.model_name or brief.model or "no model (every point from the memory)"
    line = (f"Machine translation: {engine}. Points: {c['approved']} approved by a person, "
            f"{c['machine']} machine-translated, {c['flagged']} flagged.")
    flagged = flagged_line(brief)
    return f"{line} {flagged[0].upper()}{flagged[1:]}." if flagged else line


BODY_WIDTH = 72  # what mail readers and RFC 5322's 78-character advice expect


def _wrap(text: str, first: str = "") -> str:
    """TEXT in lines of at most BODY_WIDTH, later lines indented under FIRST; a word longer
    than the line (a URL, a Japanese sentence without spaces) is never cut."""
    return textwrap.fill(text, BODY_WIDTH, initial_indent=first,
                         subsequent_indent=" " * len(first), break_long_words=False,
                         break_on_hyphens=False)


def body_text(brief: Brief) -> str:
    """Plain-text summary: what changed since the previous brief ('2 new, 1 changed since
    the brief of 27 October 2025.'), title, date, the Bottom line points, what is attached."""
    since = summary(brief, f"the brief of {human_date(brief.previous)}")
    lines = [_wrap(since), ""] if since else []
    lines += [brief.title, f"{brief.office} · {brief.date}".strip(" ·"), "", "Bottom line:"]
    for n, item in enumerate(brief.bottom_line, 1):
        lines.append(_wrap(_point(item), f"{n}. "))
    lines += ["", _wrap(translation_line(brief))]
    lines += ["", _wrap(f"The full brief with sources and footnotes is attached as PDF "
                        f"({len(brief.sources)} sources)."), ""]
    return "\n".join(lines)


_ADDRESS = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+")


_LINE_BREAKS = "\u0085\u2028\u2029"


def check_header(value: str, option: str) -> str:
    """VALUE as one header line, or an error naming the option: a CR/LF would start another
    header (Bcc: …), a control character or a Unicode line separator breaks the message."""
    bad = has_control(value) or next((f"U+{ord(c):04X}" for c in value if c in _LINE_BREAKS),
                                     None)
    if bad:
        raise BriefError(f"{option} {printable(value)!r}: contains the control character "
                         f"{bad} (one line of text, please)")
    if len(value) > 998:
        raise BriefError(f"{option}: {len(value)} characters; a mail header line holds at "
                         "most 998")
    return value


def one_line(text: str) -> str:
    """A text brief wrote (a title) as a header value: line breaks and controls become
    spaces, as a mail client would show them."""
    return " ".join("".join(" " if has_control(c) or c in _LINE_BREAKS else c
                            for c in text).split())[:900]


def check_address(value: str, option: str) -> str:
    """An address as typed (`a@b.org` or `Name <a@b.org>`), or an error naming the option."""
    check_header(value, option)
    _, addr = parseaddr(value)
    if not _ADDRESS.fullmatch(addr or ""):
        raise BriefError(f"{option} {value!r}: not an email address (name@example.org)")
    return value


def refuse_flagged(brief: Brief, json_path: Path) -> None:
    """Stop (one line) before a brief whose points the model failed to translate is mailed
    to readers who expect English; --allow-flagged sends it as it is."""
    c = brief.translation_counts()["points"]
    if c[FLAGGED]:
        raise BriefError(f"{json_path}: {c[FLAGGED]} of {sum(c.values())} points are flagged "
                         "(machine translation failed: shown in Japanese); review them "
                         "(`brief review export`) and build again, or send it as it is "
                         "with --allow-flagged")


def compose(out_dir: Path, pdf: Path | None, to: list[str], sender: str,
            subject: str | None = None, allow_flagged: bool = False) -> EmailMessage:
    """The message for the last build in OUT_DIR, attaching PDF (default: the build's own),
    named after its file and dated now; refused for a brief with flagged points unless
    ALLOW_FLAGGED."""
    if not to:
        raise BriefError("brief email: give at least one --to address")
    for addr in to:
        check_address(addr, "--to")
    if not sender:
        raise BriefError("brief email: no sender; give --from or set `from` in [mail] of "
                         "brief.toml")
    check_address(sender, "--from (or [mail] from)")
    if subject is not None:
        check_header(subject, "--subject")
    json_path, pdf = last_build(out_dir, pdf)
    brief = read_build(json_path)
    if not allow_flagged:
        refuse_flagged(brief, json_path)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject or one_line(f"{brief.title} ({brief.date})")
    msg["Date"] = format_datetime(datetime.now().astimezone())  # when sent, not when built
    pdf_bytes = read_input(pdf, MAX_PDF)
    if not pdf_bytes.startswith(b"%PDF-"):
        raise BriefError(f"{shown(pdf)}: not a PDF file (it does not start with %PDF-); "
                         "name the brief's PDF with --pdf")
    digest = hashlib.sha256(pdf_bytes + msg["To"].encode()).hexdigest()[:20]
    msg["Message-ID"] = f"<{digest}@brief.invalid>"  # stable for the same build and recipients
    msg.set_content(body_text(brief))
    msg.add_attachment(pdf_bytes, maintype="application", subtype="pdf", filename=pdf.name)
    return msg


def _starttls(smtp: smtplib.SMTP, mail: MailConfig) -> None:
    """Upgrade to TLS (the default); a server that cannot is named with the way out, since a
    plain local relay (127.0.0.1:25) is a common set-up."""
    try:
        smtp.starttls()
    except (smtplib.SMTPNotSupportedError, ssl.SSLError) as exc:
        raise BriefError(f"brief email --send: {mail.smtp_host}:{mail.smtp_port}: STARTTLS "
                         f"failed ({exc}); for a server without TLS (a local relay) set "
                         "`starttls = false` in [mail] of brief.toml") from None


def send(msg: EmailMessage, mail: MailConfig) -> None:
    if not mail.smtp_host:
        raise BriefError("brief email --send: no SMTP server; set smtp_host in [mail] of "
                         "brief.toml")
    try:
        with smtplib.SMTP(mail.smtp_host, mail.smtp_port, timeout=30) as smtp:
            if mail.starttls:
                _starttls(smtp, mail)
            if mail.username:
                password = os.environ.get(mail.password_env, "")
                if not password:
                    raise BriefError(f"brief email --send: set the SMTP password in "
                                     f"${mail.password_env}")
                smtp.login(mail.username, password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise BriefError(f"brief email --send: {mail.smtp_host}:{mail.smtp_port}: {exc}") from None
