"""The paper a counsellor brings to the coordination meeting: the assessment sheet and the
plan as one printable HTML page laid out like the standard forms (A4, Japanese fonts, a
page break before the plan), and a PDF of it where a headless Chromium is installed.

Every piece of text from a submission goes through ``html.escape``; markup comes only from
this module's templates, so nothing a trainee typed can become markup on the page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from simulator.i18n import current_locale, t
from simulator.models.casework import (
    ActProgramme,
    Assessment,
    DomainStatus,
    Plan,
    PlanKind,
    ScreeningOutcome,
)
from simulator.models.submission import Submission
from simulator.models.vocab import IntakeCategory
from simulator.settings import load_settings

from .context import CaseContext
from .labels import (
    category_label,
    format_date,
    need_label,
    outcome_label,
    plan_kind_label,
    programme_label,
    resource_label,
    severity_label,
    status_label,
    topic_label,
    urgency_label,
)

FONT_STACK = (
    '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", '
    '"Yu Gothic", "Meiryo", sans-serif'
)

CSS = f"""
@page {{ size: A4; margin: 14mm 12mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT_STACK}; font-size: 9.5pt; line-height: 1.45; color: #000;
  margin: 0; }}
.sheet {{ width: 100%; }}
.sheet + .sheet {{ break-before: page; page-break-before: always; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.1em; }}
h2 {{ font-size: 10.5pt; margin: 4mm 0 1.5mm; border-left: 3pt solid #000;
  padding-left: 2mm; break-after: avoid; page-break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: top;
  text-align: left; }}
th {{ background: #eee; font-weight: normal; white-space: nowrap; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
.text {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
.box {{ border: 0.6pt solid #000; padding: 1.5mm; min-height: 14mm; }}
.checks td {{ width: 25%; }}
.mark {{ display: inline-block; width: 1.4em; text-align: center; font-weight: bold; }}
.muted {{ color: #555; }}
.sign {{ height: 12mm; }}
.meta th {{ width: 14%; }}
.footer {{ margin-top: 3mm; font-size: 8pt; color: #555; text-align: right; }}
@media screen {{ body {{ max-width: 210mm; margin: 8mm auto; padding: 0 6mm; }}
  .sheet + .sheet {{ margin-top: 12mm; border-top: 1px dashed #999; padding-top: 8mm; }} }}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _text(value: str) -> str:
    """A block of free text: escaped, line breaks kept by CSS."""
    return f'<div class="text">{_e(value) if value.strip() else "&nbsp;"}</div>'


def _tick(on: bool) -> str:
    return "☑" if on else "☐"


def _row(*cells: str, head: Sequence[int] = ()) -> str:
    """A table row of already-escaped cells; indexes in ``head`` become <th>."""
    return (
        "<tr>"
        + "".join(f"<th>{c}</th>" if i in head else f"<td>{c}</td>" for i, c in enumerate(cells))
        + "</tr>\n"
    )


def _table(rows: Iterable[str], cls: str = "") -> str:
    attr = f' class="{_e(cls)}"' if cls else ""
    # One row per line keeps the golden file's diffs readable.
    return f"<table{attr}>\n" + "".join(rows) + "</table>\n"


def _evidence(ids: Sequence[str]) -> str:
    return _e(", ".join(ids)) if ids else '<span class="muted">-</span>'


class _Page:
    def __init__(self, sub: Submission, context: CaseContext, locale: str | None) -> None:
        self.sub = sub
        self.ctx = context
        self.loc = locale
        self.lang = current_locale(locale)

    def tr(self, key: str, **values: object) -> str:
        return _e(t(key, self.loc, **values))

    def header(self) -> str:
        p = self.ctx.persona
        members = [
            t(
                "print.member",
                self.loc,
                relation=t(f"vocab.relation.{m.relation.value}", self.loc),
                age=m.age,
                together=t("print.together" if m.living_together else "print.apart", self.loc),
            )
            for m in p.household
        ]
        sub = self.sub
        return _table(
            [
                _row(
                    self.tr("print.name"),
                    f"{_e(p.name.kanji)}（{_e(p.name.kana)}）",
                    self.tr("print.age_sex"),
                    self.tr(
                        "print.age_value", age=p.age, sex=t(f"vocab.sex.{p.sex.value}", self.loc)
                    ),
                    head=(0, 2),
                ),
                _row(
                    self.tr("print.address"),
                    _e(p.address.full),
                    self.tr("print.household"),
                    _e(" / ".join(members) or "-"),
                    head=(0, 2),
                ),
                _row(
                    self.tr("print.case"),
                    _e(self.ctx.scenario.title.get(self.lang)),
                    self.tr("print.worker"),
                    _e(sub.trainee_id),
                    head=(0, 2),
                ),
            ],
            "meta",
        )

    # ------------------------------------------------------------ assessment
    def assessment(self, a: Assessment) -> str:
        parts = [
            f"<h1>{self.tr('print.assessment_title')}</h1>",
            self.header(),
            _table(
                [
                    _row(
                        self.tr("print.assessed_on"),
                        _e(format_date(a.assessed_on, self.loc)),
                        self.tr("print.arrival"),
                        self.tr(f"vocab.arrival.{self.ctx.scenario.arrival.value}"),
                        head=(0, 2),
                    )
                ],
                "meta",
            ),
            f"<h2>{self.tr('print.checklist')}</h2>",
            self.checklist(a),
            f"<h2>{self.tr('print.screening')}</h2>",
            self.screening(a),
            f"<h2>{self.tr('print.findings')}</h2>",
            self.findings(a),
            f"<h2>{self.tr('print.strengths')}</h2>",
            _table(
                [_row(self.tr("print.strength"), self.tr("print.evidence"), head=(0, 1))]
                + [_row(_text(s.text), _evidence(s.evidence)) for s in a.strengths]
                or [_row("-", "-")]
            ),
            f"<h2>{self.tr('print.urgency')}</h2>",
            self.urgency(a),
            f"<h2>{self.tr('print.judgement')}</h2>",
            f'<div class="box">{_text(a.judgement)}</div>',
            f"<h2>{self.tr('print.consent')}</h2>",
            _table(
                [
                    _row(
                        _tick(a.consent.information_sharing)
                        + f" {self.tr('print.consent_sharing')}",
                        _e(format_date(a.consent.information_sharing_on, self.loc)),
                    ),
                    _row(
                        f"{_tick(a.consent.database)} {self.tr('print.consent_database')}",
                        _e(format_date(a.consent.database_on, self.loc)),
                    ),
                ]
            ),
        ]
        return '<section class="sheet assessment">\n' + "\n".join(parts) + "</section>\n"

    def checklist(self, a: Assessment) -> str:
        cells = []
        for category in IntakeCategory:
            mark = (
                "◎"
                if category is a.checklist.most_pressing
                else "○"
                if category in a.checklist.checked
                else ""
            )
            label = _e(category_label(category, self.loc))
            if category is IntakeCategory.other and a.checklist.other.strip():
                label += f"（{_e(a.checklist.other)}）"
            cells.append(f'<span class="mark">{mark or "&nbsp;"}</span>{label}')
        rows = [_row(*cells[i : i + 4]) for i in range(0, len(cells), 4)]
        return _table(rows, "checks") + f'<p class="muted">{self.tr("print.checklist_legend")}</p>'

    def screening(self, a: Assessment) -> str:
        s = a.screening
        boxes = " ".join(
            f"{_tick(s.outcome is o)} {_e(outcome_label(o, self.loc))}" for o in ScreeningOutcome
        )
        rows = [
            _row(self.tr("print.screening_result"), boxes, head=(0,)),
            _row(self.tr("print.reason"), _text(s.reason), head=(0,)),
        ]
        if s.outcome is ScreeningOutcome.hand_off:
            resource = self.ctx.resource(s.hand_off_to)
            rows.append(
                _row(
                    self.tr("print.hand_off_to"), _e(resource_label(resource, self.loc)), head=(0,)
                )
            )
        return _table(rows)

    def findings(self, a: Assessment) -> str:
        rows = [
            _row(
                self.tr("print.domain"),
                self.tr("print.status"),
                self.tr("print.severity"),
                self.tr("print.notes"),
                self.tr("print.evidence"),
                head=(0, 1, 2, 3, 4),
            )
        ]
        for f in a.findings:
            rows.append(
                _row(
                    _e(topic_label(f.domain, self.loc)),
                    _e(status_label(f.status, self.loc)),
                    _e(severity_label(f.severity, self.loc))
                    if f.status is DomainStatus.concern
                    else "-",
                    _text(f.notes),
                    _evidence(f.evidence),
                )
            )
        return _table(rows)

    def urgency(self, a: Assessment) -> str:
        rows = [
            _row(self.tr("print.urgency_level"), _e(urgency_label(a.urgency, self.loc)), head=(0,))
        ]
        head = _row(
            self.tr("print.need"),
            self.tr("print.action"),
            self.tr("print.resource"),
            self.tr("print.done_on"),
            self.tr("print.evidence"),
            head=(0, 1, 2, 3, 4),
        )
        actions = [
            _row(
                _e(need_label(x.need, self.loc)),
                _text(x.action),
                _e(resource_label(self.ctx.resource(x.resource), self.loc)),
                _e(format_date(x.done_on, self.loc)),
                _evidence(x.evidence),
            )
            for x in a.immediate_actions
        ]
        return _table(rows) + (_table([head, *actions]) if actions else "")

    # ------------------------------------------------------------ plan
    def plan(self, p: Plan | None) -> str:
        parts = [f"<h1>{self.tr('print.plan_title')}</h1>"]
        if p is None:
            outcome = self.sub.assessment.screening.outcome
            parts += [
                self.header(),
                f"<p>{self.tr('print.no_plan', outcome=outcome_label(outcome, self.loc))}</p>",
            ]
            return '<section class="sheet plan">\n' + "\n".join(parts) + "</section>\n"
        kinds = " ".join(
            f"{_tick(p.kind is k)} {_e(plan_kind_label(k, self.loc))}" for k in PlanKind
        )
        parts += [
            f"<p>{kinds}</p>",
            self.header(),
            _table(
                [
                    _row(self.tr("print.long_goal"), _text(p.long_term_goal), head=(0,)),
                    _row(self.tr("print.short_goal"), _text(p.short_term_goal), head=(0,)),
                ],
                "meta",
            ),
            f"<h2>{self.tr('print.issues')}</h2>",
            self.issues(p),
            f"<h2>{self.tr('print.client_actions')}</h2>",
            self.client_actions(p),
            f"<h2>{self.tr('print.supports')}</h2>",
            self.supports(p),
            f"<h2>{self.tr('print.programmes')}</h2>",
            "<p>"
            + "　".join(
                f"{_tick(x in p.act_programmes)} {_e(programme_label(x, self.loc))}"
                for x in ActProgramme
            )
            + "</p>",
            f"<h2>{self.tr('print.other_support')}</h2>",
            self.other_support(p),
            f"<h2>{self.tr('print.schedule')}</h2>",
            _table(
                [
                    _row(
                        self.tr("print.period"),
                        self.tr(
                            "print.period_value",
                            start=format_date(p.period_start, self.loc),
                            end=format_date(p.period_end, self.loc),
                        ),
                        self.tr("print.monitoring"),
                        _e(format_date(p.next_monitoring, self.loc)),
                        head=(0, 2),
                    ),
                    _row(
                        self.tr("print.meeting"),
                        _e(format_date(p.coordination_meeting, self.loc)),
                        self.tr("print.decision"),
                        "",
                        head=(0, 2),
                    ),
                ],
                "meta",
            ),
            f"<h2>{self.tr('print.plan_consent')}</h2>",
            _table(
                [
                    _row(
                        f"{_tick(p.consent.agreed)} {self.tr('print.agree')}",
                        self.tr("print.agreed_on", date=format_date(p.consent.agreed_on, self.loc)),
                    ),
                    _row(self.tr("print.signature"), '<div class="sign"></div>', head=(0,)),
                ]
            ),
        ]
        return '<section class="sheet plan">\n' + "\n".join(parts) + "</section>\n"

    def issues(self, p: Plan) -> str:
        rows = [
            _row(
                self.tr("print.issue_no"),
                self.tr("print.issue"),
                self.tr("print.based_on"),
                head=(0, 1, 2),
            )
        ]
        for issue in p.issues:
            domains = t("print.list_sep", self.loc).join(
                topic_label(d, self.loc) for d in issue.findings
            )
            rows.append(_row(_e(issue.id), _text(issue.text), _e(domains or "-")))
        return _table(rows)

    def client_actions(self, p: Plan) -> str:
        rows = [
            _row(
                self.tr("print.action"),
                self.tr("print.for_issues"),
                self.tr("print.due_on"),
                head=(0, 1, 2),
            )
        ]
        rows += [
            _row(_text(a.text), _e(", ".join(a.issues) or "-"), _e(format_date(a.due_on, self.loc)))
            for a in p.client_actions
        ]
        return _table(rows)

    def supports(self, p: Plan) -> str:
        rows = [
            _row(
                self.tr("print.support"),
                self.tr("print.resource"),
                self.tr("print.formal"),
                self.tr("print.agency"),
                self.tr("print.period_frequency"),
                self.tr("print.for_issues"),
                head=(0, 1, 2, 3, 4, 5),
            )
        ]
        for s in p.supports:
            resource = self.ctx.resource(s.resource)
            formal = (
                "-"
                if resource is None
                else t("print.formal_yes" if resource.formal else "print.formal_no", self.loc)
            )
            rows.append(
                _row(
                    _text(s.content),
                    _e(resource_label(resource, self.loc)),
                    _e(formal),
                    _text(s.agency),
                    _text(f"{s.period}\n{s.frequency}".strip()),
                    _e(", ".join(s.issues) or "-"),
                )
            )
        return _table(rows)

    def other_support(self, p: Plan) -> str:
        names = []
        for s in p.supports:
            resource = self.ctx.resource(s.resource)
            if resource is not None and not resource.act_programme:
                names.append(resource_label(resource, self.loc))
        unique = list(dict.fromkeys(names))
        return f"<p>{_e('、'.join(unique) or '-')}</p>"

    # ------------------------------------------------------------ cited turns
    def cited(self) -> str:
        a, cited = self.sub.assessment, set()
        for f in a.findings:
            cited.update(f.evidence)
        for s in a.strengths:
            cited.update(s.evidence)
        for x in a.immediate_actions:
            cited.update(x.evidence)
        turns = [turn for turn in self.sub.transcript.turns if turn.id in cited]
        if not turns:
            return ""
        rows = [
            _row(
                self.tr("print.turn"),
                self.tr("print.topic"),
                self.tr("print.reply"),
                head=(0, 1, 2),
            )
        ]
        for turn in turns:
            topic = topic_label(turn.topic, self.loc) if turn.topic else "-"
            rows.append(_row(_e(turn.id), _e(topic), _text(turn.reply)))
        return (
            '<section class="sheet cited">'
            f"<h1>{self.tr('print.cited_title')}</h1>{_table(rows)}</section>"
        )

    def render(self) -> str:
        sub = self.sub
        title = t(
            "print.page_title", self.loc, name=self.ctx.persona.name.kanji, version=sub.version
        )
        footer = self.tr(
            "print.footer",
            trainee=sub.trainee_id,
            attempt=sub.attempt_id,
            version=sub.version,
            submitted=sub.submitted_at.strftime("%Y-%m-%d %H:%M UTC"),
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{_e(self.lang)}"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n"
            f"{self.assessment(sub.assessment)}{self.plan(sub.plan)}{self.cited()}"
            f'<p class="footer">{footer}</p></body></html>\n'
        )


def render_html(sub: Submission, context: CaseContext, locale: str | None = None) -> str:
    """The assessment sheet and the plan as one printable HTML page (A4, form layout)."""
    return _Page(sub, context, locale).render()


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
