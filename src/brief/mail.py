"""`brief email`: an RFC 5322 message with the Bottom line as text and the PDF attached.

The message is built from the last build's `brief.json` and PDF, so it says exactly what the
attachment says. Writing `out/brief.eml` is the default; `--send` hands it to the SMTP
server named in `[mail]` of brief.toml.
"""

from __future__ import annotations

import hashlib
import os
import re
import smtplib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path

from brief.clock import build_date
from brief.config import MailConfig
from brief.errors import BriefError
from brief.model import Brief
from brief.render.common import counts_line, text_of


def read_build(out_dir: Path) -> Brief:
    """The last build's brief.json, or a one-line error naming the file."""
    path = out_dir / "brief.json"
    if not path.is_file():
        raise BriefError(f"{path}: no build found (run `brief build` first)")
    try:
        return Brief.read(path)
    except (OSError, ValueError) as exc:
        raise BriefError(f"{path}: not a brief.json written by `brief build` ({exc})") from None


def body_text(brief: Brief) -> str:
    """Plain-text summary: title, date, the Bottom line points, what is attached."""
    lines = [brief.title, f"{brief.office} · {brief.date}".strip(" ·"), "", "Bottom line:"]
    for n, item in enumerate(brief.bottom_line, 1):
        lines.append(f"{n}. {text_of(brief, item)}")  # a flagged point: Japanese + reason
    if not brief.translated:
        lines += ["", "(Not translated: the points are in Japanese.)"]
    else:
        lines += ["", counts_line(brief)]
    lines += ["", f"The full brief with sources and footnotes is attached as PDF "
              f"({len(brief.sources)} sources).", ""]
    return "\n".join(lines)


_ADDRESS = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+")


def check_address(value: str, option: str) -> str:
    """An address as typed (`a@b.org` or `Name <a@b.org>`), or an error naming the option."""
    _, addr = parseaddr(value)
    if not _ADDRESS.fullmatch(addr or ""):
        raise BriefError(f"{option} {value!r}: not an email address (name@example.org)")
    return value


def compose(out_dir: Path, pdf: Path, to: list[str], sender: str,
            subject: str | None = None) -> EmailMessage:
    if not to:
        raise BriefError("brief email: give at least one --to address")
    for addr in to:
        check_address(addr, "--to")
    if sender:
        check_address(sender, "--from (or [mail] from)")
    if not pdf.is_file():
        raise BriefError(f"{pdf}: no PDF to attach (run `brief build` first)")
    brief = read_build(out_dir)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender or "brief@localhost"
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject or f"{brief.title} ({brief.date})"
    msg["Date"] = format_datetime(build_date())
    pdf_bytes = pdf.read_bytes()
    digest = hashlib.sha256(pdf_bytes + msg["To"].encode()).hexdigest()[:20]
    msg["Message-ID"] = f"<{digest}@brief.invalid>"  # stable for the same build and recipients
    msg.set_content(body_text(brief))
    msg.add_attachment(pdf_bytes, maintype="application", subtype="pdf", filename=pdf.name)
    return msg


def send(msg: EmailMessage, mail: MailConfig) -> None:
    if not mail.smtp_host:
        raise BriefError("brief email --send: no SMTP server; set smtp_host in [mail] of "
                         "brief.toml")
    try:
        with smtplib.SMTP(mail.smtp_host, mail.smtp_port, timeout=30) as smtp:
            if mail.starttls:
                smtp.starttls()
            if mail.username:
                password = os.environ.get(mail.password_env, "")
                if not password:
                    raise BriefError(f"brief email --send: set the SMTP password in "
                                     f"${mail.password_env}")
                smtp.login(mail.username, password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise BriefError(f"brief email --send: {mail.smtp_host}:{mail.smtp_port}: {exc}") from None
