"""A second app on a store another ssi-tui holds: read-only, said before anything is tried,
and offered to take over once the other one closes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from ssi_tui.wording import _

if TYPE_CHECKING:
    from textual.timer import Timer

    from ssi_tui.services.workspace import Workspace

LOCK_POLL_SECONDS = 2.0  # how often a read-only app checks whether the store has been freed


def unguarded(action: str, parameters: tuple[object, ...]) -> tuple[str, tuple[object, ...]]:
    """The action a `guard_write('…')` binding runs, for `check_action` (which sees the
    wrapper): e.g. ('guard_write', ("count(1)",)) → ('count', (1,))."""
    if action == "guard_write" and parameters and isinstance(parameters[0], str):
        from textual.actions import parse

        _namespace, name, inner = parse(parameters[0])
        return name, inner
    return action, parameters


class ReadOnlyWatch:
    """For the app: commands that write go through `guard_write`; a read-only app probes the
    lock and, once it is free, offers `app.take_over` (reopen the store as the writer)."""

    data_dir: Path
    workspace: Workspace | None
    read_only_reason: str | None
    writer_free: bool = False
    """Read-only, and the other ssi-tui has since closed: `app.take_over` is offered."""
    _watch_lock: Timer | None = None

    def start_lock_probe(self) -> None:
        """Start probing the lock (a store opened read-only)."""
        if self.read_only_reason and self._watch_lock is None:
            self._watch_lock = self.set_interval(  # type: ignore[attr-defined]
                LOCK_POLL_SECONDS, self._probe_lock
            )

    async def action_guard_write(self, action: str, node: Any = None) -> None:
        """Run a command that writes, unless the store is read-only: then say why (another
        ssi-tui holds it, with its PID) and change nothing."""
        if self.read_only_reason:
            reason = self.read_only_reason
            self.notify(  # type: ignore[attr-defined]
                _(
                    "{reason}. Changes are off here; when it closes, this app offers to take over."
                ).format(reason=f"{reason[:1].upper()}{reason[1:]}"),
                title=_("Read-only"),
                severity="warning",
                markup=False,
            )
            return
        await self.run_action(action, node or self)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="lock-probe", description="lock probe")
    def _probe_lock(self) -> None:
        """Whether the other ssi-tui has released the store (probed in a thread)."""
        from ssi_tui.services.opening import writer_free

        if self.read_only_reason and not self.writer_free and writer_free(self.data_dir):
            self.call_from_thread(self._writer_freed)  # type: ignore[attr-defined]

    def _writer_freed(self) -> None:
        self.writer_free = True
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.notify(  # type: ignore[attr-defined]
            _(
                "The other ssi-tui has closed: {key} to make changes here (the store is read again)."
            ).format(key=self.get_key_display_for("app.take_over")),
            title=_("Store free"),
            timeout=30,
            markup=False,
        )

    def get_key_display_for(self, command_id: str) -> str:
        """The key that runs a command now (the user's keymap applied)."""
        from ssi_tui.app.registry import key_display

        return key_display(self, command_id)  # type: ignore[arg-type]

    def action_take_over(self) -> None:
        """Become the writer: reopen the store now that no other ssi-tui holds it."""
        if not (self.read_only_reason and self.writer_free):
            return
        if self._watch_lock is not None:
            self._watch_lock.stop()
            self._watch_lock = None
        workspace, self.workspace = self.workspace, None
        if workspace is not None:  # a read-only store: closing it frees its documents
            self.run_worker(workspace.close, thread=True, group="close")  # type: ignore[attr-defined]
        self.read_only_reason = None
        self.writer_free = False
        self.undo_left = 0
        self.load_store()  # type: ignore[attr-defined]
