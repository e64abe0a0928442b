"""A generic modal form: compact fields, inline validation messages, Enter to save, Escape to cancel."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from ssi_tui.app.registry import bindings_for
from ssi_tui.app.widgets.checkbox import StateCheckbox
from ssi_tui.app.widgets.keybar import KeyBar
from ssi_tui.wording import N_, _

FieldKind = Literal["input", "select", "checkbox", "text"]
Values = dict[str, Any]
Check = Callable[[Values], Any]
"""A form's one validation: its values → the model to save, or `FieldErrors`/`InputError`."""
Save = Callable[[Any], Awaitable[Any]]
"""A form's save: the checked model → the write's result (awaited: `SSIApp.write`)."""


@dataclass
class FormField:
    """One field of a form."""

    name: str
    label: str
    kind: FieldKind = "input"
    value: Any = None
    placeholder: str = ""
    options: Sequence[tuple[str, Any]] = ()
    suggestions: Sequence[str] = ()
    allow_blank: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def field_errors(error: Exception, *, saving: bool = False) -> dict[str, str] | None:
    """A user error as the form shows it: field → message ("" for the form as a whole); None
    for anything else (a bug: not the user's to read)."""
    from ssi_tui.app.background import user_errors
    from ssi_tui.services.errors import FieldErrors, InputError

    if isinstance(error, FieldErrors):
        return error.errors
    if isinstance(error, InputError):
        return {error.field or "": str(error)}
    if isinstance(error, user_errors()):
        return {"": _("Not saved: {why}").format(why=error) if saving else str(error)}
    return None


def checkbox_label(spec: FormField, value: bool) -> str:
    """'yes' or 'no', then what the box means (`extra["text"]`, when it says more than yes)."""
    text = spec.extra.get("text", "")
    state = _("yes") if value else _("no")
    return f"{state} — {_(text)}" if text and text != "yes" else state


class FormSelect(Select[Any]):
    """A form's Select: Enter on a chosen value moves on to the next field (it reopened the
    list); on an empty one it opens the list. Space and the arrows open it too."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "confirm", show=False)]

    def action_confirm(self) -> None:
        """Move on from a chosen value, else choose one."""
        if self.is_blank():
            self.action_show_overlay()
        else:
            self.screen.focus_next()


class FormScreen(ModalScreen[Any]):
    """Collects values and turns them into a model with `check`, the service's one validation
    (run once per submit; as you type, only for the fields that show an error): its
    `FieldErrors`/`InputError` go under their fields, all at once, the first one focused. With
    `save`, the form then saves the model itself, in a worker: it stays open, the values kept,
    when the save is refused ("Not saved: …"), and dismisses with the save's result once it is
    done. Without, it dismisses with the model. Escape dismisses with None. `focus` names the
    field focused first (its text selected); `preview` words the values as they are typed."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    #form { width: 72; max-height: 100%; border: thick $primary; }
    #form-title { margin-bottom: 1; }
    #form-grid { grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; height: auto; }
    .form-label { padding: 0 1 0 0; color: $text-muted; }
    .form-cell { height: auto; }
    .form-cell Input, .form-cell Select, .form-cell Checkbox, .form-cell TextArea { width: 1fr; }
    .form-cell TextArea { height: 6; }
    .form-error { color: $text-error; height: auto; display: none; }
    .form-error.-shown, #form-message { display: block; }
    #form-preview { color: $text-muted; margin-top: 1; height: auto; }
    #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    #form-buttons Button { margin-left: 1; min-width: 10; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("form")

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        check: Check,
        *,
        save: Save | None = None,
        submit_label: str = N_("Save"),
        focus: str | None = None,
        preview: Callable[[Values], str] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.check = check
        self.save = save
        self.submit_label = submit_label
        self.first_focus = focus
        self.preview = preview

    def on_mount(self) -> None:
        """Focus the field asked for (an Input selects its text: typing replaces it)."""
        if self.first_focus is not None:
            self.query_one(f"#field-{self.first_focus}").focus()
        self._show_preview()

    def _show_preview(self) -> None:
        if self.preview is not None:
            self.query_one("#form-preview", Static).update(Content(self.preview(self.values())))

    def checked(self, values: Values) -> tuple[Any, dict[str, str]]:
        """The form's model for `values` and the errors that block it (one validation)."""
        try:
            return self.check(values), {}
        except Exception as error:  # noqa: BLE001 - only the user's errors are caught below
            errors = field_errors(error)
            if errors is None:
                raise
            return None, errors

    def compose(self) -> ComposeResult:
        """Label | field rows, each with room for its error, then the buttons."""
        with Vertical(id="form", classes="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), id="form-title")
            with Grid(id="form-grid"):
                for spec in self.fields:
                    yield Label(_(spec.label), classes="form-label")
                    with Vertical(classes="form-cell"):
                        yield self._widget(spec)
                        yield Static("", id=f"error-{spec.name}", classes="form-error")
            if self.preview is not None:
                yield Static("", id="form-preview")
            yield Static("", id="form-message", classes="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(_(self.submit_label), id="submit", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield KeyBar()  # the form's own keys, not those of the screen behind

    def _widget(self, spec: FormField) -> Input | FormSelect | StateCheckbox | TextArea:
        widget_id = f"field-{spec.name}"
        if spec.kind == "text":  # several lines; Tab leaves it, ctrl+s saves
            return TextArea(
                "" if spec.value is None else str(spec.value),
                id=widget_id,
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
                placeholder=_(spec.placeholder),
            )
        if spec.kind == "select":
            return FormSelect(
                list(spec.options),
                value=spec.value if spec.value is not None else Select.NULL,
                allow_blank=spec.allow_blank,
                prompt=_(spec.extra["prompt"]) if "prompt" in spec.extra else _("Select"),
                id=widget_id,
                compact=True,
            )
        if spec.kind == "checkbox":
            return StateCheckbox(
                checkbox_label(spec, bool(spec.value)),
                value=bool(spec.value),
                id=widget_id,
                compact=True,
            )
        suggester = (
            SuggestFromList(spec.suggestions, case_sensitive=False) if spec.suggestions else None
        )
        return Input(
            value="" if spec.value is None else str(spec.value),
            placeholder=_(spec.placeholder),
            suggester=suggester,
            id=widget_id,
            compact=True,
        )

    def values(self) -> Values:
        """Current values by field name (blank text → None)."""
        result: Values = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Input):
                result[spec.name] = widget.value.strip() or None
            elif isinstance(widget, Select):
                result[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Checkbox):
                result[spec.name] = widget.value
            elif isinstance(widget, TextArea):
                result[spec.name] = widget.text.strip() or None
        return result

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each message under its field (literally); clear the others."""
        for spec in self.fields:
            message = errors.get(spec.name, "")
            self.query_one(f"#error-{spec.name}", Static).update(Content(message))
            self.query_one(f"#error-{spec.name}").set_class(bool(message), "-shown")
        # An error about no field of this form (or about all of it) shows under the fields.
        known = {spec.name for spec in self.fields}
        general = [
            message if not name or message.startswith(name) else f"{name}: {message}"
            for name, message in errors.items()
            if message and name not in known
        ]
        self.query_one("#form-message", Static).update(Content("\n".join(general)))

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        """A checkbox says yes or no in words, not only by the colour of its mark."""
        name = (event.checkbox.id or "").removeprefix("field-")
        spec = next((spec for spec in self.fields if spec.name == name), None)
        if spec is not None:
            event.checkbox.label = checkbox_label(spec, event.value)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        """A value chosen from the list (the Select has the focus back): on to the next field."""
        if event.select.has_focus:
            self.focus_next()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    def _revalidate(self) -> None:
        """Inline validation: only fields that already show an error are re-checked as you type."""
        shown = {
            spec.name
            for spec in self.fields
            if self.query_one(f"#error-{spec.name}").has_class("-shown")
        }
        self._show_preview()
        if shown:
            _result, errors = self.checked(self.values())
            self.show_errors({name: message for name, message in errors.items() if name in shown})

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Check everything; save (or hand back the model) when clean."""
        if self.query_one("#submit", Button).disabled:
            return  # a save is under way
        model, errors = self.checked(self.values())
        self.show_errors(errors)
        if errors:
            self._focus_first_error(errors)
        elif self.save is None:
            self.dismiss(model)
        else:
            self._save(model)

    @work(exclusive=True, group="form-save")
    async def _save(self, model: Any) -> None:
        """Save the checked model; a refusal shows in the form, which stays open."""
        assert self.save is not None
        button = self.query_one("#submit", Button)
        button.disabled = True
        try:
            result = await self.save(model)
        except Exception as error:  # noqa: BLE001 - only the user's errors are caught below
            errors = field_errors(error, saving=True)
            if errors is None:
                raise
            button.disabled = False
            self.show_errors(errors)
            self._focus_first_error(errors)
            return
        self.dismiss(result)

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        for spec in self.fields:
            if errors.get(spec.name):
                self.query_one(f"#field-{spec.name}").focus()
                return

    def action_next_field(self) -> None:
        """Tab: the next field (the key is in the footer, so the form says how to move on)."""
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
