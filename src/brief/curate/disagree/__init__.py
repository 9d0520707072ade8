"""Where sources disagree: one detector per kind of disagreement, in one registry.

A detector takes the build's `Evidence` (figures, passages, sources, assertions) and returns
the `Conflict`s it finds; `curate/conflicts.py` runs them in this order, numbers the entries
and gives each its verdict. Adding a kind is one module with a `detect` function and one
line here.
"""

from __future__ import annotations

from brief.curate.disagree import (
    accounts,
    approvals,
    as_of,
    attribute,
    blame,
    documents,
    events,
    faces,
    figures,
    findings,
    framing,
    groups,
    noted,
    offices,
    owners,
    places,
    prices,
    rebuttals,
    responses,
    scenes,
    venues,
    visits,
    zones,
)
from brief.curate.disagree.base import Detector, Evidence

DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("figure", figures.detect),
    ("price", prices.detect),
    ("statement", documents.detect),
    ("claims", events.detect),  # date, modality, deadline, single-source
    ("approval", approvals.detect),
    ("attribute", attribute.detect),
    ("office", offices.detect),
    ("owner", owners.detect),
    ("place", places.detect),
    ("response", responses.detect),
    ("venue", venues.detect),
    ("visit", visits.detect),
    ("as-of", as_of.detect),
    ("group", groups.detect),
    ("finding", findings.detect),
    ("account", accounts.detect),
    ("zone", zones.detect),
    ("faces", faces.detect),
    ("scene", scenes.detect),
    ("framing", framing.detect),
    ("blame", blame.detect),
    ("rebuttal", rebuttals.detect),
    ("noted", noted.detect),
)

__all__ = ["DETECTORS", "Evidence"]
