"""Build hook: the translation catalogs compiled (`.po` → `.mo`) into the package, and the
command registry's TOML kept parsed (`ssi_tui/app/parsed.py`: read back at each start).

The `.po` files under `ssi_tui/locale/<lang>/LC_MESSAGES/` are the sources (in git); the
`.mo` files the program reads at run time (stdlib `gettext`) are made here, with Babel, each
time the package is built or installed (editable installs included), and shipped in the wheel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script in a venv without hatchling: only `compile_catalogs`
    BuildHookInterface = object  # type: ignore[assignment,misc]


def compile_catalogs(root: Path) -> list[Path]:
    """Compile every `.po` under `root`/ssi_tui/locale next to itself; the `.mo` files made."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    made = []
    for source in sorted((root / "ssi_tui" / "locale").glob("*/LC_MESSAGES/*.po")):
        with source.open("rb") as handle:
            catalog = read_po(handle, locale=source.parent.parent.name)
        target = source.with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        made.append(target)
    return made


PARSED_TOML = ("ssi_tui/app/commands.toml",)


def parse_toml_files(root: Path) -> list[Path]:
    """Write the parsed copy of each TOML file the app reads at start-up; the copies made."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_ssi_parsed", root / "ssi_tui/app/parsed.py")
    assert spec is not None and spec.loader is not None
    parsed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parsed)
    return [parsed.write_copy(root / name) for name in PARSED_TOML]


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile the catalogs before the wheel (or the editable install) is made."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile, and make sure the (git-ignored) `.mo` files are in the wheel."""
        root = Path(self.root)
        for made in [*compile_catalogs(root), *parse_toml_files(root)]:
            build_data["artifacts"].append(made.relative_to(root).as_posix())


if __name__ == "__main__":  # `python hatch_build.py`: compile in place, e.g. after editing a .po
    here = Path(__file__).resolve().parent
    for made in [*compile_catalogs(here), *parse_toml_files(here)]:
        print(made)
