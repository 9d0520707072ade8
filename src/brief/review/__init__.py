"""Review of a finished build: how it renders the glossary (`glossary check --against`)."""
