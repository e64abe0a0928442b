"""The Textual app: screens, widgets, palette commands. Reads and writes through the store only."""
