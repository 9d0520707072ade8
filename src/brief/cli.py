"""The `brief` command (the console script's entry point): the commands themselves live in
brief/commands/, one module per command group."""

from brief.commands import main

__all__ = ["main"]
