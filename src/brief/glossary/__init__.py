"""The terminology glossary (glossary/*.tsv): load, validate, edit, exchange, suggest."""
