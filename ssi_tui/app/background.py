"""The one way the app runs a service call off the UI thread: in a worker, under the
workspace's lock, with the result posted as a typed message and every error as `LoadFailed`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ssi_tui.app.messages import LoadFailed

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.message import Message

    from ssi_tui.services.workspace import Workspace

T = TypeVar("T")


def user_errors() -> tuple[type[Exception], ...]:
    """What a service call may raise that is the user's or the store's problem, not a bug."""
    from ssi_tui.services.errors import DataFileError, InputError, StoreError

    return (StoreError, InputError, DataFileError, OSError)


def load(
    node: DOMNode,
    what: str,
    fetch: Callable[[Workspace], T],
    message: Callable[[T], Message],
    *,
    group: str,
    quiet: bool = False,
) -> None:
    """Run `fetch(workspace)` in a thread worker (a newer load of the same `group` replaces
    an older one) and post `message(result)` to `node`; a failure posts `LoadFailed(what, …)`
    (nothing with `quiet`: another screen names the problem)."""

    def work() -> None:
        workspace: Any = getattr(node.app, "workspace", None)
        if workspace is None:
            return
        try:
            with workspace.lock:
                value = fetch(workspace)
        except user_errors() as error:
            if not quiet:
                node.post_message(LoadFailed(what, str(error)))
            return
        node.post_message(message(value))

    node.run_worker(work, thread=True, exclusive=True, group=group, description=what)
