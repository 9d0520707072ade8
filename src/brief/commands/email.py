"""`brief email`: the last build's PDF attached to a message with the Bottom line as text."""

from __future__ import annotations

from pathlib import Path

import click

from brief.commands.options import config_file, examples, out_dir, path_option


@click.command("email", epilog=examples(
    "brief email --to desk@example.org --from me@example.org",
    "brief email --to desk@example.org --from me@example.org --send"))
@click.option("--to", "to", multiple=True, required=True, help="Recipient (repeatable).")
@click.option("--from", "sender", default="", help="Sender (required unless [mail] from is set).")
@click.option("--subject", default=None, help="Subject (default: the brief's title and date).")
@out_dir("its brief.json and PDF; brief.eml is written there.")
@path_option("--pdf", default=None,
             help="PDF to attach (default: the last build's PDF in OUT).")
@config_file("its [mail] table says how to send.")
@click.option("--send", "do_send", is_flag=True,
              help="Also deliver through the SMTP server in [mail] of the config.")
@click.option("--allow-flagged", is_flag=True,
              help="Mail a brief with flagged points (machine translation failed: shown in "
                   "Japanese); refused by default.")
def command(to: tuple[str, ...], sender: str, subject: str | None, out: Path, pdf: Path | None,
            config: Path, do_send: bool, allow_flagged: bool) -> None:
    """Write OUT/brief.eml: the Bottom line as text, the PDF attached; --send mails it.
    """
    from brief.atomic import atomic_write
    from brief.config import load_config
    from brief.mail import compose, send

    cfg = load_config(config)
    msg = compose(out, pdf, list(to), sender or cfg.mail.sender, subject, allow_flagged)
    eml = out / "brief.eml"
    atomic_write(eml, msg.as_bytes(), follow_links=False)  # a link out of out/: refused
    click.echo(f"wrote {eml}")
    if do_send:
        send(msg, cfg.mail)
        click.echo(f"sent to {', '.join(to)} via {cfg.mail.smtp_host}:{cfg.mail.smtp_port}")
