"""The paper a counsellor brings to the coordination meeting: the assessment sheet and the
plan laid out like the standard forms, as one printable HTML page (A4, Japanese fonts, a
page break before the plan) and a PDF of it where a headless Chromium is installed.

The layout is one Jinja2 template (templates/forms.html.j2, autoescape on, so nothing a
trainee typed can become markup) with its CSS in files: forms.css is the form itself,
scoped to ``.nw-form`` so the review app shows the same layout inside its page, and
print.css is the paper (A4 margins, the page's body). Every field has a stable element id
(``field_anchor``) so an evidence pointer can scroll to it and highlight it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from simulator.i18n import current_locale, t
from simulator.models.casework import ActProgramme, PlanKind, ScreeningOutcome
from simulator.models.persona import Persona
from simulator.models.submission import Submission
from simulator.models.vocab import IntakeCategory
from simulator.settings import load_settings

from . import labels
from .context import CaseContext
from .paths import field_anchor

TEMPLATES = Path(__file__).with_name("templates")


@cache
def template_environment() -> jinja2.Environment:
    """The printed pages' Jinja2 environment: autoescape on, strict about unknown names."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def form_css() -> str:
    """The form's own CSS, every rule under ``.nw-form``."""
    return (TEMPLATES / "forms.css").read_text(encoding="utf-8")


@cache
def print_css() -> str:
    """The paper's CSS (A4 margins, the page's body)."""
    return (TEMPLATES / "print.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class RenderedForm:
    """The forms as an HTML fragment, and the field paths that have an element in it."""

    html: str
    anchors: frozenset[str]


class _Anchors:
    """The template's ``fid(path)``: an element id for a field path, remembered."""

    def __init__(self) -> None:
        self.paths: set[str] = set()

    def __call__(self, path: str) -> str:
        self.paths.add(path)
        return field_anchor(path)


def _context(sub: Submission, context: CaseContext, locale: str | None) -> dict[str, Any]:
    """What the template reads: the submission, its case, and words for coded values."""
    loc = locale
    cited = {e for f in sub.assessment.findings for e in f.evidence}
    cited |= {e for s in sub.assessment.strengths for e in s.evidence}
    cited |= {e for x in sub.assessment.immediate_actions for e in x.evidence}
    return {
        "sub": sub,
        "a": sub.assessment,
        "p": sub.plan,
        "ctx": context,
        "persona": context.persona,
        "lang": current_locale(locale),
        "sep": t("print.list_sep", loc),
        "tr": partial(t, locale=loc),
        "date": partial(labels.format_date, locale=loc),
        "topic": partial(labels.topic_label, locale=loc),
        "topics": lambda domains: [labels.topic_label(d, loc) for d in domains],
        "category": partial(labels.category_label, locale=loc),
        "status": partial(labels.status_label, locale=loc),
        "severity": partial(labels.severity_label, locale=loc),
        "outcome": partial(labels.outcome_label, locale=loc),
        "urgency": partial(labels.urgency_label, locale=loc),
        "need": partial(labels.need_label, locale=loc),
        "plan_kind": partial(labels.plan_kind_label, locale=loc),
        "programme": partial(labels.programme_label, locale=loc),
        "role": partial(labels.role_label, locale=loc),
        "community_kind": partial(labels.community_kind_label, locale=loc),
        "resource": lambda rid: labels.resource_label(context.resource(rid), loc),
        "formal": lambda rid: _formal(context, rid, loc),
        "other_support": _other_support(sub, context, loc),
        "categories": list(IntakeCategory),
        "outcomes": list(ScreeningOutcome),
        "kinds": list(PlanKind),
        "programmes": list(ActProgramme),
        "members": household_members(context.persona, loc),
        "anchor": field_anchor,
        "cited_turns": [x for x in sub.transcript.turns if x.id in cited],
    }


def household_members(persona: Persona, locale: str | None = None) -> list[str]:
    """Each household member as the printed forms say it: relation, age, living together."""
    return [
        t(
            "print.member",
            locale,
            relation=t(f"vocab.relation.{m.relation.value}", locale),
            age=m.age,
            together=t("print.together" if m.living_together else "print.apart", locale),
        )
        for m in persona.household
    ]


def _formal(context: CaseContext, rid: str | None, locale: str | None) -> str:
    resource = context.resource(rid)
    if resource is None:
        return "-"
    return t("print.formal_yes" if resource.formal else "print.formal_no", locale)


def _other_support(sub: Submission, context: CaseContext, locale: str | None) -> list[str]:
    """Resources outside the Act's programmes, each once, in the plan's order."""
    names: Iterable[str] = (
        labels.resource_label(r, locale)
        for r in (context.resource(s.resource) for s in (sub.plan.supports if sub.plan else ()))
        if r is not None and not r.act_programme
    )
    return list(dict.fromkeys(names))


def render_form(
    sub: Submission,
    context: CaseContext,
    locale: str | None = None,
    *,
    turn_links: bool = False,
    cited: bool = True,
    back_link: bool = False,
    worker: str | None = None,
) -> RenderedForm:
    """The assessment sheet and the plan as an HTML fragment in ``<div class="nw-form">``.

    ``turn_links`` makes each cited turn id a link to the element of that turn (the review
    app shows the transcript beside the form); ``cited`` adds the page of cited turns;
    ``back_link`` puts a link back to the review app's scorecard beside each heading;
    ``worker`` is the trainee's name as the workspace or hub gives it (else the id).
    """
    fid = _Anchors()
    values = _context(sub, context, locale)
    values["worker"] = worker or sub.trainee_id
    html = (
        template_environment()
        .get_template("forms.html.j2")
        .render(**values, fid=fid, turn_links=turn_links, cited=cited, back_link=back_link)
    )
    return RenderedForm(html, frozenset(fid.paths))


def render_html(
    sub: Submission, context: CaseContext, locale: str | None = None, worker: str | None = None
) -> str:
    """The assessment sheet and the plan as one printable HTML page (A4, form layout);
    ``worker`` names the trainee (see :func:`render_form`)."""
    form = render_form(sub, context, locale, worker=worker)
    return (
        template_environment()
        .get_template("page.html.j2")
        .render(
            lang=current_locale(locale),
            title=t(
                "print.page_title",
                locale,
                name=context.persona.name.kanji,
                version=sub.version,
            ),
            css=Markup(print_css() + form_css()),
            form=Markup(form.html),
            footer=t(
                "print.footer",
                locale,
                trainee=worker or sub.trainee_id,
                attempt=sub.attempt_id,
                version=sub.version,
                submitted=sub.submitted_at.strftime("%Y-%m-%d %H:%M UTC"),
            ),
        )
    )


# ---------------------------------------------------------------- PDF
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PdfUnavailable(RuntimeError):
    """No headless browser to print with is installed."""


class PdfFailed(RuntimeError):
    """The browser ran but did not produce a PDF."""


def find_chromium() -> str | None:
    """A Chromium to print with: NUIAWASE_CHROMIUM, else one on PATH, else None."""
    env = load_settings().browser
    if env:
        return env if Path(env).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: Path, pdf: Path, browser: str | None = None, timeout: float = 120) -> Path:
    """Print ``html`` to ``pdf`` with headless Chromium (A4 comes from the page's CSS)."""
    browser = browser or find_chromium()
    if browser is None:
        raise PdfUnavailable("no chromium")
    pdf = pdf.resolve()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nuiawase-chromium-") as profile:
        cmd = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            # A throwaway profile: a running browser's profile lock must not block us.
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")  # Chromium refuses to run as root with a sandbox
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfFailed(str(exc)) from None
    if not pdf.is_file() or not pdf.read_bytes()[:5] == b"%PDF-":
        tail = done.stderr.decode("utf-8", "replace")[-500:]
        raise PdfFailed(f"exit {done.returncode}: {tail}")
    return pdf
