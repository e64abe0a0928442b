"""ssi-tui: LinkedIn's Social Selling Index, raw and weighted by your own relational goals."""

from __future__ import annotations

__version__ = "0.1.0"
