"""`ssi-tui completion bash|zsh|fish`: the shell completion script, made by shtab from the
parser itself (every subcommand and option, as `--help` lists them)."""

from __future__ import annotations

import argparse

from ssi_tui.cli.context import Context
from ssi_tui.wording import _

SHELLS = ("bash", "zsh", "fish")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `completion`."""
    parser = subparsers.add_parser(
        "completion",
        parents=[common],
        help=_("print the shell completion script (bash, zsh, fish)"),
        description=(
            _(
                "Print the completion script for your shell, to be saved where it looks for them. "
                "bash: ssi-tui completion bash > ~/.local/share/bash-completion/completions/ssi-tui; "
                'zsh: ssi-tui completion zsh > "${fpath[1]}/_ssi-tui"; '
                "fish: ssi-tui completion fish > ~/.config/fish/completions/ssi-tui.fish. "
                "Then open a new shell."
            )
        ),
    )
    parser.add_argument("shell", choices=SHELLS, help=_("your shell"))
    parser.set_defaults(handler=run_completion)


def run_completion(context: Context) -> int:
    """Print the script."""
    import shtab

    from ssi_tui.cli.parser import build_parser

    script = shtab.complete(build_parser(), shell=context.args.shell)
    context.stdout.write(script if script.endswith("\n") else script + "\n")
    return 0
