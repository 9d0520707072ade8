"""The DOCX writer: python-docx for the document, real Word footnotes added by hand."""
