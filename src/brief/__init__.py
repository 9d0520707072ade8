"""brief: Japanese sources on US–Japan relations in, an English policy brief out.

The pipeline, one package per stage, in order (no module imports from a stage after it):

    read/       files -> Source (ingest, boilerplate) -> Passage (segment)
    analyse/    morphology, numbers, classify: what a passage says and where it belongs
    curate/     points (cluster, rank, bottom line), figures, conflicts, timeline -> Brief
    glossary/   the termbase: load and validate, edit, exchange (TBX/CSV), suggest
    translate/  protect terms and numbers, cache, run; backends/ (one registry)
    review/     check a finished build against the glossary
    render/     one registry of writers (json, md, docx/, pdf/)

`model` is the one data model they share; `config`, `options`, `clock`, `errors` and
`atomic` are leaves; `pipeline` runs the stages and `cli` is the command line.
"""
