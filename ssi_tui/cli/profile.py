"""`ssi-tui goals profile`: the headline and summary, and their fit with the goals."""

from __future__ import annotations

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import print_json
from ssi_tui.services.errors import FieldErrors
from ssi_tui.wording import _
from ssi_tui.wording.profile import fit_lines

OPTIONS = {"headline": "--headline", "summary": "--summary"}


def run_profile(context: Context) -> int:
    """Set the texts given (the other kept), then print both and the fit they give."""
    args = context.args
    changing = args.headline is not None or args.summary is not None
    workspace = context.workspace(write=changing)
    service = workspace.goals
    current = service.checklist()
    if changing:
        values = {
            "headline": current.headline_text if args.headline is None else args.headline,
            "summary": current.summary_text if args.summary is None else args.summary,
        }
        try:
            text = service.check_profile_text(values)
        except FieldErrors as error:
            field, message = next(iter(error.errors.items()))
            raise UserError(
                _("{name}: {value}").format(name=OPTIONS.get(field, field), value=message)
            ) from None
        service.set_profile_text(text)
        current = service.checklist()
    fit = service.profile_fit()
    if args.json:
        from ssi_tui.domain.explain import fit_json

        print_json(
            {
                "headline": current.headline_text,
                "summary": current.summary_text,
                "fit": fit_json(fit),
            },
            context.stdout,
        )
        return 0
    lines = [
        _("Headline: {text}").format(text=current.headline_text or "-"),
        _("Summary: {text}").format(text=current.summary_text.replace("\n", "\n  ") or "-"),
        *fit_lines(fit.value, fit.has_text, fit.rows()),
    ]
    if changing:
        lines.insert(0, "Saved.")
    context.stdout.write("\n".join(lines) + "\n")
    return 0
