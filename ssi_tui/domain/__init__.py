"""The domain: models, catalog and rules, alignment, scoring and flags. Never imports Textual."""
