"""The PDF writer: reportlab, with notes at the foot of the page that cites them."""
