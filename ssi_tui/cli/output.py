"""Plain-text and JSON output for the command line (user text printed literally, cleaned)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ssi_tui.domain.text import clean_text
from ssi_tui.wording import number


def print_json(value: Any, stream: TextIO | None = None) -> None:
    """Print exactly one JSON document."""
    stream = stream or sys.stdout
    stream.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def record(model: Any) -> dict[str, Any]:
    """A stored record as `--json` prints it: as the JSON export writes it."""
    return dict(model.model_dump(mode="json"))


def cell(value: Any) -> str:
    """A table cell: text cleaned of control characters, None as a dash."""
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return number(value, 1)
    return clean_text(str(value))


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], align_right: Sequence[int] = ()
) -> str:
    """Columns padded to their widest cell."""
    texts = [[cell(value) for value in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in texts:
        for index, text in enumerate(row):
            widths[index] = max(widths[index], len(text))

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(widths[index]) if index in align_right else value.ljust(widths[index])
            for index, value in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    output = [line(headers), line(["-" * width for width in widths])]
    output.extend(line(row) for row in texts)
    return "\n".join(output)


def bar(value: float, maximum: float = 25.0, width: int = 20) -> str:
    """A text bar for a score."""
    filled = round(width * max(0.0, min(value, maximum)) / maximum) if maximum else 0
    return "█" * filled + "·" * (width - filled)
