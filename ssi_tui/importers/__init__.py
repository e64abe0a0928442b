"""LinkedIn data export import: the archive, its CSV files, their mapping to domain objects.

- `archive`   the ZIP or folder, read in memory by member name, with safety limits
- `files`     which file is which (basename patterns, old names, member-id suffixes, decoys)
- `csvfiles`  tolerant CSV reading (header scan, bounded field size, line numbers)
- `dates`     the export's many date formats
- `cleaning`  control characters out of every imported field
- `people`    people joined on their `/in/<slug>`, else their name
- `drafts`    an activity to be, with its stable key (what makes re-imports idempotent)
- `mapping`   rows → drafts, people and profile facts, one handler per file kind
- `messages`  messages.csv: sent or received once the owner is known; bodies never kept
- `owner`     who the export belongs to
- `reader`    the whole archive → a `ParsedExport` (no store needed)
- `merge`     a `ParsedExport` against the store: what is new, which contacts match, one save
  (`ssi_tui.services.imports.import_export` is what the command line and the app call)
- `summary`   the per-file summary
"""
