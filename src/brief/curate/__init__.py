"""Curation: passages become the brief's points, key figures, conflicts and timeline."""
