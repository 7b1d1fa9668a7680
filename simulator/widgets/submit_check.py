"""What the trainee reads by the submit button: every warning of both forms before they
submit (a warning in a folded panel is otherwise easy to miss), and every error that
blocks a submit, each with the field it is about. Nothing is capped or merged, so the
count in the heading is the number of lines below it."""

from __future__ import annotations

import ipywidgets as w

from simulator.casework.checks import Message
from simulator.casework.message_list import listed
from simulator.casework.session import CaseworkSession
from simulator.i18n import t

from .html import bullet_list, tag


def blocked_html(errors: list[Message], locale: str | None) -> str:
    """Why a submit was refused: the count, then each error with its field."""
    return tag("div", t("submission.blocked", locale, n=len(errors)), "nuiawase-msg-error") + (
        bullet_list(listed(errors, locale), "nuiawase-msg-error nuiawase-blocked-list")
    )


def warnings_html(session: CaseworkSession, locale: str | None) -> str:
    """Every warning of both forms, listed before the submit button; empty when none."""
    warnings = [m for m in session.messages() if not m.blocking]
    if not warnings:
        return ""
    return (
        '<div class="nuiawase-presubmit">'
        + tag("b", t("submission.warnings", locale, n=len(warnings)))
        + bullet_list(listed(warnings, locale), "nuiawase-msg-warning")
        + "</div>"
    )


def warning_list(session: CaseworkSession, locale: str | None) -> w.HTML:
    """The warnings list, kept current as the forms change."""
    box = w.HTML(warnings_html(session, locale))
    box.add_class("nuiawase-warning-list")

    def refresh(_: str) -> None:
        html = warnings_html(session, locale)
        if box.value != html:
            box.value = html

    session.on_change(refresh)
    return box
