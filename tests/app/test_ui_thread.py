"""The UI thread never reads the store: every screen and every form gets its data from a
worker (a load, or an awaited read), and every write goes through the writer thread.

Measured, not assumed: the store's repositories and its raw table access record any call made
on the main thread (Pilot runs the app's event loop there; workers run in other threads)
while a user goes through every screen, panel and form by keyboard."""

from __future__ import annotations

import ast
import functools
import inspect
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.app.app import SSIApp
from ssi_tui.store import activities, contacts, hotfile, tables

from .conftest import settle

STORE_CLASSES = [
    activities.Activities,
    contacts.Contacts,
    tables.Singleton,
    tables.Checklist,
    tables.Settings,
    tables.Records,
    tables.Readings,
]


@pytest.fixture
def ui_thread_reads(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], dict[str, bool]]:
    """Every store call made on the main thread while `recording["on"]`."""
    calls: list[str] = []
    recording = {"on": False}

    def watch(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def watched(*args: Any, **kwargs: Any) -> Any:
            if recording["on"] and threading.current_thread() is threading.main_thread():
                calls.append(name)
            return method(*args, **kwargs)

        return watched

    for cls in STORE_CLASSES:
        for name, member in list(vars(cls).items()):
            if name.startswith("_") or not inspect.isfunction(member):
                continue
            monkeypatch.setattr(cls, name, watch(f"{cls.__name__}.{name}", member))
    monkeypatch.setattr(
        hotfile.HotFile,
        "table_data",
        watch("HotFile.table_data", hotfile.HotFile.table_data),
    )
    return calls, recording


async def visit(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_no_store_read_on_the_ui_thread(
    demo_app: SSIApp,
    ui_thread_reads: tuple[list[str], dict[str, bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ssi_tui.app.screens.form import FormScreen

    calls, recording = ui_thread_reads
    forms: list[str] = []
    shown = FormScreen.on_mount

    def on_mount(form: FormScreen) -> None:
        forms.append(form.title_text.split(" ")[0] + " " + form.title_text.split(" ")[1])
        shown(form)

    monkeypatch.setattr(FormScreen, "on_mount", on_mount)
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        recording["on"] = True
        assert demo_app.workspace is not None
        demo_app.workspace.goals.get()  # the watch works: a read here is seen…
        assert calls[0] == "Singleton.get"
        calls.clear()  # …and the user's tour starts with none
        # Dashboard: flags, explanations, full screen.
        await visit(pilot, "j", "enter", "escape", "2", "z", "escape", "2", "w")
        # Goals: every form, opened and left.
        await visit(pilot, "g", "n", "escape", "e", "escape", "K", "escape", "h", "escape")
        await visit(pilot, "A", "escape", "o", "escape", "tab", "tab", "tab")
        # Activity log: new, edit; Contacts: edit, audience form, losing touch.
        await visit(pilot, "a", "n", "escape", "e", "escape", "s")
        await visit(pilot, "c", "enter", "escape", "A", "escape", "l", "l")
        # Readings, Planner (new plan, the removal question), Trends, Import.
        await visit(pilot, "r", "n", "escape")
        await visit(pilot, "p", "n", "escape", "tab", "delete", "n")
        await visit(pilot, "t", "w", "1", "i", "escape", "d")
        recording["on"] = False
        assert demo_app.is_running
    # The tour opened every form (each on data a worker read).
    assert sorted(set(forms)) == [
        "Add a",
        "Add an",
        "Audience of",
        "Audience prospects",
        "Contact Alice",
        "Edit activity",
        "Headline and",
        "Log an",
        "Roles and",
    ]
    assert forms.count("Add a") == 3  # target account, weekly objective, plan
    assert forms.count("Add an") == 2  # audience, official reading
    assert calls == [], f"store calls on the UI thread: {sorted(set(calls))}"


def test_screens_call_no_service_read_outside_a_worker() -> None:
    """Statically too: in the app's screens and widgets, a service is only reached inside a
    function given to a worker (a `load`, a `read`, a `write`/`save` lambda, a thread worker):
    never `self.workspace.<service>.<read>()` in a handler. A check a form runs on the UI
    thread is a pure function of data a worker read (it is named `check…`)."""
    root = Path(__file__).parents[2] / "ssi_tui" / "app"
    offences = []
    for path in [*root.glob("screens/*.py"), *root.glob("widgets/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if _runs_in_a_worker(node):
                continue
            for call in _own_calls(node):
                chain = _chain(call.func)
                if (
                    len(chain) >= 3
                    and chain[-3] == "workspace"
                    and not chain[-1].startswith(("check", "fit_preview", "shares_with", "kinds"))
                ):
                    offences.append(f"{path.name}:{call.lineno} {'.'.join(chain)}")
    assert offences == []


def _runs_in_a_worker(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A thread worker, or a function a worker runs (a fetch/load/write given the workspace)."""
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and any(
            keyword.arg == "thread" for keyword in decorator.keywords
        ):
            return True
    arguments = [argument.arg for argument in function.args.args]
    return bool(arguments) and arguments[0] in ("workspace", "ws")


def _own_calls(function: ast.AST) -> list[ast.Call]:
    """The calls in a function's body, not those in the lambdas and functions it defines (a
    lambda given to a worker runs there)."""
    calls: list[ast.Call] = []
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.Call):
            calls.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return calls


def _chain(node: ast.AST) -> list[str]:
    """`self.workspace.goals.get` → ["self", "workspace", "goals", "get"]."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return names[::-1]
