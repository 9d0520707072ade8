"""The error users see: one line naming the file (and line), turned into exit code 1 by the CLI."""


class BriefError(Exception):
    """A problem with the user's input or environment, reported as one line."""
