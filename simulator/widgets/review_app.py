"""The supervisor's review app: the queue beside one submission, and the decisions.

A thin view: the queue and the decisions are the store's (simulator.store.review), the
sheet is simulator.store.review_sheet's plain data; this module renders them, escaping
every piece of text, and calls the repository. Evidence pointers are in-page links to the
turn or field they name (the assessment and the plan are in the page, in the standard
forms' layout, with an element per field); ``:target`` highlights what the link scrolled to.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from simulator.clock import utc_now
from simulator.i18n import t
from simulator.store import Repository, Status, StoreError
from simulator.store.decisions import Decision
from simulator.store.queue import QueueFilter
from simulator.store.records import QueueRow
from simulator.store.review_sheet import ReviewSheet, anchor

from .acting import acting, service_acting, with_banner
from .html import esc, tag
from .review_decisions import DecisionPanel
from .review_desk import LocalReviewDesk, ReviewDesk, ServiceReviewDesk

_CSS = """<style>
.nw-review :target { background: #ffe08a; outline: 3px solid #d69e2e; }
.nw-review .nw-turn { border-bottom: 1px solid #ddd; padding: 4px; }
.nw-review .nw-missed { color: #9b2c2c; }
.nw-review .nw-disclosed { color: #276749; }
.nw-review .nw-urgent { background: #c53030; color: #fff; padding: 2px 6px; font-weight: bold; }
.nw-review table { border-collapse: collapse; } .nw-review td, .nw-review th { padding: 2px 6px; }
.nw-review a.nw-ev { color: #1a56a8; text-decoration: underline; margin-right: 0.6em;
  white-space: nowrap; }
.nw-review .nw-card th { white-space: nowrap; }
.nw-review .nw-card td:first-child { min-width: 11em; }
.nw-review .nw-form { max-width: 210mm; margin-top: 8px; }
.nw-review .nw-back { font-size: 8pt; font-weight: normal; margin-left: 1.5em; color: #1a56a8; }
.nw-review #nw-scorecard:target { background: none; outline: none; }
.nw-review .nw-form :target { background: #ffe08a; outline: 3px solid #d69e2e; }
.nw-review [id^="nw-ev-"] { scroll-margin-top: 80px; }
</style>"""


def _link(sheet: ReviewSheet, pointer: str, locale: str | None) -> str:
    """A pointer as a link to the element that shows it, or as text when none does. A
    field reads in the form's words (長期目標, 支援内容 2・社会資源); its path, which a
    comment's target takes, is the link's tooltip. A turn keeps its id (t07)."""
    from simulator.casework.labels import field_label

    target = sheet.target(pointer)
    turn = target is not None and any(x.id == pointer for x in sheet.turns)
    words = pointer if turn or target is None else field_label(pointer, locale)
    if target is None:
        return esc(pointer)
    return f'<a class="nw-ev" href="#{esc(target)}" title="{esc(pointer)}">{esc(words)}</a>'


def sheet_html(sheet: ReviewSheet, locale: str | None) -> str:
    """The submission side by side with its scorecard, all text escaped."""
    # Imported on the first opened submission, not with the queue: the page is up sooner.
    from simulator.casework.printing import form_css

    head = [
        tag("h3", t("review.title_one", locale, id=sheet.submission_id, version=sheet.version)),
    ]
    if sheet.urgent:
        labels = ", ".join(t(f"review.risk.{u}", locale) for u in sheet.urgent)
        head.append(
            f'<p><span class="nw-urgent">{esc(t("review.urgent", locale))}</span> {esc(labels)}</p>'
        )
    facts = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in sheet.persona)
    head.append(f"<table>{facts}</table>")
    turns = []
    for x in sheet.turns:
        extra = ""
        if x.disclosed:
            extra += tag("div", "✔ " + ", ".join(x.disclosed), "nw-disclosed")
        if x.missed_cue:
            extra += tag("div", t("review.missed_cue", locale, cue=x.missed_cue), "nw-missed")
        turns.append(
            f'<div class="nw-turn" id="{esc(anchor(x.id))}"><b>{esc(x.id)}</b> '
            f"{esc(x.said)}<br>→ {esc(x.reply)}{extra}</div>"
        )
    rows = []
    for c in sheet.criteria:
        auto = "-" if c.automatic is None else str(c.automatic)
        now = "-" if c.current is None else str(c.current)
        links = " ".join(_link(sheet, p, locale) for p in c.evidence)
        rows.append(
            f"<tr><td>{esc(c.title)}</td><td>{esc(auto)}</td><td>{esc(now)}</td><td>{links}</td></tr>"
        )
    card = (
        f'<table class="nw-card" id="nw-scorecard"><tr>'
        f"<th>{esc(t('review.criterion', locale))}</th>"
        f"<th>{esc(t('review.automatic', locale))}</th><th>{esc(t('review.current', locale))}</th>"
        f"<th>{esc(t('review.evidence', locale))}</th></tr>{''.join(rows)}</table>"
    )
    cited = "".join(
        f"<div>{_link(sheet, f.path, locale)}: {esc(f.text or '-')}</div>" for f in sheet.fields
    )
    changed = "".join(
        f"<tr><td>{esc(f.path)}</td><td><del>{esc(f.previous or '')}</del></td>"
        f"<td><ins>{esc(f.text)}</ins></td></tr>"
        for f in sheet.changed
    )
    # An event's third column is a status, a criterion, or the turn or field commented on:
    # the last two link to what they name.
    events = "".join(
        f"<tr><td>{esc(when)}</td><td>{esc(who)}</td><td>{_link(sheet, what, locale)}</td>"
        f"<td>{esc(text)}</td></tr>"
        for when, who, what, text in sheet.events
    )
    back = f'<a class="nw-back" href="#nw-scorecard">{esc(t("review.back_to_card", locale))}</a>'
    return (
        f'{_CSS}<div class="nw-review">{"".join(head)}'
        f'<div style="display:flex;gap:16px"><div style="flex:1">'
        f"{tag('h4', t('review.transcript', locale))}{''.join(turns)}</div>"
        f'<div style="flex:1">{tag("h4", t("review.scorecard", locale))}{card}'
        f"{tag('h4', t('review.fields', locale))}{cited}"
        + (f"{tag('h4', t('review.changed', locale))}<table>{changed}</table>" if changed else "")
        + f"{tag('h4', t('review.events', locale))}<table>{events}</table></div></div>"
        f"<h4>{esc(t('review.forms', locale))}{back}</h4>"
        # The form's CSS is scoped to .nw-form; its HTML comes from the print template,
        # which escapes every value (autoescape).
        f"<style>{form_css()}</style>{sheet.forms_html}</div>"
    )


class ReviewApp(w.VBox):
    """The queue, one submission, and the supervisor's decisions on it."""

    def __init__(
        self, desk: ReviewDesk | Repository, *, locale: str | None = None, page: int = 50
    ) -> None:
        # A Repository is today's in-kernel desk (tests and plain kernels pass one).
        self.desk = LocalReviewDesk(desk) if isinstance(desk, Repository) else desk
        self.locale, self.page = locale, page
        self.sheet: ReviewSheet | None = None

        def tr(key: str) -> str:
            return t(key, locale)

        self.scenario = w.Text(placeholder=tr("review.filter_scenario"))
        self.trainee = w.Text(placeholder=tr("review.filter_trainee"))
        self.status = w.Dropdown(
            options=[(tr("review.any"), "")]
            + [(tr(f"review.status.{s}"), s) for s in ("submitted", "in_review", "approved")],
            value="",
        )
        self.lowest = w.Text(placeholder=tr("review.filter_lowest"))
        refresh = w.Button(description=tr("review.refresh"))
        refresh.on_click(lambda _: self.load_queue())
        self._pages: list[str | None] = [None]
        self._next: str | None = None
        self.page_label = w.HTML()
        self.back = w.Button(description=tr("review.page_back"))
        self.back.on_click(lambda _: self.turn_page(-1))
        self.more = w.Button(description=tr("review.page_more"))
        self.more.add_class("nw-more")
        self.more.on_click(lambda _: self.turn_page(1))
        self.queue = w.Select(options=[], rows=12, layout=w.Layout(width="100%"))
        self.queue.add_class("nw-queue")
        # The keys themselves are queue_keys.js's, installed beside the app by review_app().
        self.keys_hint = w.HTML(tag("div", tr("review.keys"), "nw-keys"))
        self.queue.observe(
            lambda ch: self.show_submission(ch["new"]) if ch["new"] else None, "value"
        )
        self.prev_button = w.Button(description=tr("review.prev"))
        self.next_button = w.Button(description=tr("review.next"))
        self.prev_button.on_click(lambda _: self.step(-1))
        self.next_button.on_click(lambda _: self.step(1))
        self.detail = w.HTML()
        self.detail.add_class("nw-detail")
        self.message = w.HTML()
        self.message.add_class("nw-message")
        self._base: list[w.Widget] = [
            w.HBox([self.scenario, self.trainee, self.status, self.lowest, refresh]),
            self.queue,
            self.keys_hint,
            w.HBox([self.prev_button, self.next_button, self.back, self.page_label, self.more]),
            self.message,
            self.detail,
        ]
        super().__init__(self._base)
        self._panel: DecisionPanel | None = None
        self.add_class("nuiawase-review")
        self.load_queue()

    @property
    def decisions(self) -> DecisionPanel:
        """The decision controls, made and shown below the submission on first use."""
        if self._panel is None:
            self._panel = DecisionPanel(
                self.desk.book,
                self.locale,
                on_override=self.override,
                on_comment=self.comment,
                on_decide=self.decide,
                on_criterion=self._fill_canned,
            )
            self.children = [*self._base, self._panel]
        return self._panel

    # --- the queue ----------------------------------------------------------------------
    def load_queue(self, reset: bool = True) -> None:
        """Reload the queue with the filters: its first page, or (``reset`` False) the page
        the page buttons moved to."""
        if reset:
            self._pages = [None]
        where = QueueFilter(
            scenario=self.scenario.value.strip() or None,
            trainee=self.trainee.value.strip() or None,
            status=Status(self.status.value) if self.status.value else None,
            lowest=self.lowest.value.strip() or None,
        )
        try:
            found = self.desk.queue(self._pages[-1], self.page, where)
            rows, self._next = found.rows, found.next_cursor
        except StoreError as exc:
            self._say(exc.message(self.locale), error=True)
            rows, self._next = (), None
        self.page_label.value = t("review.page", self.locale, page=len(self._pages))
        self.more.disabled = self._next is None
        self.back.disabled = len(self._pages) < 2
        flag = t("review.urgent", self.locale)
        now = utc_now()
        # Select options are plain text: nothing a trainee typed can become markup here.
        self.queue.options = [
            (
                f"{'【' + flag + '】' if r.urgent else ''}{r.submission_id} {self._who(r)} "
                f"{r.scenario_id} {t(f'review.status.{r.status}', self.locale)} "
                f"{t('review.waiting', self.locale, days=(now - r.submitted_at).days)}",
                r.submission_id,
            )
            for r in rows
        ]

    def _who(self, row: QueueRow) -> str:
        # The supervisor knows trainees by name; the login stays beside it (the filter's).
        name = row.trainee_display_name
        if not name or name == row.trainee:
            return row.trainee
        return t("review.who", self.locale, name=name, login=row.trainee)

    def turn_page(self, delta: int) -> None:
        """The next (1) or previous (-1) page of the queue."""
        if delta > 0 and self._next is not None:
            self._pages.append(self._next)
        elif delta < 0 and len(self._pages) > 1:
            self._pages.pop()
        else:
            return
        self.load_queue(reset=False)

    def step(self, delta: int) -> None:
        """Open the next (1) or previous (-1) submission of the queue, without reloading."""
        ids = [v for _, v in self.queue.options]
        if not ids:
            return
        here = ids.index(self.queue.value) if self.queue.value in ids else -1
        self.queue.value = ids[max(0, min(len(ids) - 1, here + delta))]

    def show_submission(self, submission_id: int) -> None:
        """Show one submission."""
        try:
            self.sheet = self.desk.sheet(submission_id, self.locale)
        except StoreError as exc:
            self._say(exc.message(self.locale), error=True)
            return
        self.detail.value = sheet_html(self.sheet, self.locale)
        panel = self.decisions
        # Only what changed goes to the browser: each widget update is one more message
        # before the next submission is on screen.
        if panel.supervision.trainee != self.sheet.trainee:
            panel.supervision.show(self.sheet.trainee)
        choices = [(c.title, c.id) for c in self.sheet.criteria]
        if list(panel.criterion.options) != choices:
            panel.criterion.options = choices
        self._fill_canned()
        self._say("")

    def _fill_canned(self) -> None:
        line = next(
            (
                c
                for c in (self.sheet.criteria if self.sheet else ())
                if c.id == self.decisions.criterion.value
            ),
            None,
        )
        choices = [("", "")] + [(x[:40], x) for x in (line.canned if line else ())]
        if list(self.decisions.canned.options) != choices:
            self.decisions.canned.options = choices

    # --- decisions ----------------------------------------------------------------------
    def _act(self, decision: Decision) -> bool:
        """Record one decision on the open submission (the desk takes submitted work into
        review first), then show it again and say which decision was recorded."""
        if self.sheet is None:
            return False
        sid = self.sheet.submission_id
        try:
            self.desk.decide(sid, decision)
        except StoreError as exc:
            self._say(exc.message(self.locale), error=True)
            return False
        self.show_submission(sid)
        # Naming the decision lets the supervisor (and a test) tell one save from the last.
        what = "add_comment" if decision.action == "comment" else decision.action
        self._say(t("review.saved", self.locale, what=t(f"review.{what}", self.locale)))
        return True

    def override(self) -> None:
        """Override the chosen criterion's level; the store refuses an empty reason."""
        d = self.decisions
        level = int(d.level.value)
        if self._act(Decision("override", d.criterion.value, level, reason=d.reason.value)):
            d.reason.value = ""

    def comment(self) -> None:
        """Comment on the submission, the chosen criterion, or a turn or field."""
        d = self.decisions
        target = d.target.value.strip() or None
        said = Decision("comment", d.criterion.value, text=d.comment_text.value, target=target)
        if self._act(said):
            d.comment_text.value = ""

    def decide(self, action: str) -> None:
        """Return (with the note), approve, or release the submission."""
        if self._act(Decision(action, note=self.decisions.note.value or None)):
            self.decisions.note.value = ""
        self.load_queue()

    def _say(self, text: str, error: bool = False) -> None:
        value = tag("div", text, "nuiawase-msg-error" if error else "nuiawase-done") if text else ""
        if self.message.value != value:
            self.message.value = value
        if self._panel is not None and self._panel.message.value != value:
            self._panel.message.value = value


QUEUE_KEYS = Path(__file__).with_name("queue_keys.js")


def install_queue_keys() -> None:
    """Put the queue's keyboard (j/k, arrows, Enter) into the page: a static script, shown
    as the cell's JavaScript output (Voila runs it; widgets have no key events)."""
    from IPython.display import Javascript, display

    script = Javascript(QUEUE_KEYS.read_text(encoding="utf-8"))  # type: ignore[no-untyped-call]
    display(script)  # type: ignore[no-untyped-call]


def review_app(workspace: str | Path | None = None, locale: str | None = None) -> w.Widget:
    """The notebook's one line: the app, or the reason it cannot open, in words."""
    try:
        remote = service_acting(workspace)
        if remote is not None:
            app = ReviewApp(ServiceReviewDesk(remote.client), locale=locale or remote.locale)
            install_queue_keys()
            return with_banner(app, remote, locale)
        who = acting(workspace)
        app = ReviewApp(who.repo, locale=locale or who.locale)
    except StoreError as exc:
        return w.HTML(tag("div", exc.message(locale), "nuiawase-msg-error"))
    install_queue_keys()
    return with_banner(app, who, locale)
