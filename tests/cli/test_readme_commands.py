"""The README's command list and `--help` agree: every command and option the README shows
exists, and every command the parser has is in the README."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

from ssi_tui.cli.parser import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def command_lines() -> list[str]:
    """The lines of the README's code blocks that run `ssi-tui` (continuations joined)."""
    lines, block, joined = [], False, ""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            block = not block
            continue
        if not block:
            continue
        joined = f"{joined} {line.strip()}" if joined else line.strip()
        if joined.endswith("\\"):
            joined = joined[:-1]
            continue
        if joined.startswith("ssi-tui"):
            lines.append(joined)
        joined = ""
    return lines


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def resolve(tokens: list[str]) -> tuple[list[str], argparse.ArgumentParser]:
    """The command path the tokens name, and its parser."""
    parser, path = build_parser(), []
    for token in tokens:
        choices = subcommands(parser)
        if token not in choices:
            break
        parser, path = choices[token], [*path, token]
    return path, parser


def test_every_command_and_option_shown_exists() -> None:
    seen: set[str] = set()
    problems = []
    lines = command_lines()
    assert len(lines) > 25
    for line in lines:
        code, _, comment = line.partition("  #")
        code = code.split(">")[0]  # a redirection is the shell's
        last: argparse.ArgumentParser | None = None
        for segment in code.split(" / "):
            tokens = shlex.split(segment)
            if tokens and tokens[0] == "ssi-tui":
                tokens = tokens[1:]
            if tokens and not tokens[0].startswith("-") or last is None:
                path, last = resolve(tokens)
                if path:
                    seen.add(path[0])
            options = set(last._option_string_actions)
            for option in OPTION.findall(segment):
                if option not in options:
                    problems.append(f"{line!r}: {option} is not an option of {last.prog}")
        options = set(last._option_string_actions) if last else set()
        own = comment.split("ssi-tui")[0]  # options named in the comment, before another command
        for option in OPTION.findall(own):
            if option not in options:
                problems.append(f"{line!r} (comment): {option} is not an option of {last.prog}")
    assert problems == []
    missing = set(subcommands(build_parser())) - seen
    assert missing == set(), f"commands --help lists and the README does not: {sorted(missing)}"
