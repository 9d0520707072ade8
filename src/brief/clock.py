"""The build clock: one date for every output, so builds are reproducible."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from brief.errors import BriefError

_MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a datetime can hold


def build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now.

    A set but unusable value is an error, not a silent fall-back to now: the user asked for
    a reproducible date and would otherwise get a different one each build.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.strip():
        return datetime.now(tz=UTC)
    value = epoch.strip()
    if not value.isascii() or not value.isdigit() or int(value) > _MAX_EPOCH:
        raise BriefError(f"SOURCE_DATE_EPOCH={epoch[:40]!r}: must be whole seconds since "
                         f"1970-01-01 UTC, from 0 to {_MAX_EPOCH} (year 9999)")
    return datetime.fromtimestamp(int(value), tz=UTC)
