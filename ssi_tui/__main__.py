"""Allow ``python -m ssi_tui``."""

from __future__ import annotations

from ssi_tui.cli.main import main

raise SystemExit(main())
