"""Review and export: weekly history, the Markdown review, the CSV log, the JSON document and `load`."""
