"""The supervisor's review app: the queue beside one submission, and the decisions.

A thin view: the queue and the decisions are the store's (simulator.store.review), the
sheet is simulator.store.review_sheet's plain data; this module renders them, escaping
every piece of text, and calls the repository. Evidence pointers are in-page links to the
turn or field they name; ``:target`` highlights what the link scrolled to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from simulator.clock import utc_now
from simulator.i18n import t
from simulator.store import Repository, Status, StoreError
from simulator.store.queue import QueueFilter
from simulator.store.review_sheet import ReviewSheet, anchor, build_sheet

from .acting import acting, with_banner
from .html import esc, tag
from .supervision_view import SupervisionView

_CSS = """<style>
.nw-review :target { background: #ffe08a; outline: 3px solid #d69e2e; }
.nw-review .nw-turn { border-bottom: 1px solid #ddd; padding: 4px; }
.nw-review .nw-missed { color: #9b2c2c; }
.nw-review .nw-disclosed { color: #276749; }
.nw-review .nw-urgent { background: #c53030; color: #fff; padding: 2px 6px; font-weight: bold; }
.nw-review table { border-collapse: collapse; } .nw-review td, .nw-review th { padding: 2px 6px; }
.nw-review iframe { width: 100%; height: 480px; border: 1px solid #ccc; }
</style>"""


def _link(pointer: str) -> str:
    return f'<a class="nw-ev" href="#{esc(anchor(pointer))}">{esc(pointer)}</a>'


def sheet_html(sheet: ReviewSheet, locale: str | None) -> str:
    """The submission side by side with its scorecard, all text escaped."""
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
        links = " ".join(_link(p) for p in c.evidence)
        rows.append(
            f"<tr><td>{esc(c.title)}</td><td>{esc(auto)}</td><td>{esc(now)}</td><td>{links}</td></tr>"
        )
    card = (
        f"<table><tr><th>{esc(t('review.criterion', locale))}</th>"
        f"<th>{esc(t('review.automatic', locale))}</th><th>{esc(t('review.current', locale))}</th>"
        f"<th>{esc(t('review.evidence', locale))}</th></tr>{''.join(rows)}</table>"
    )
    cited = "".join(
        f'<div id="{esc(anchor(f.path))}"><b>{esc(f.path)}</b>: {esc(f.text or "-")}</div>'
        for f in sheet.fields
    )
    changed = "".join(
        f"<tr><td>{esc(f.path)}</td><td><del>{esc(f.previous or '')}</del></td>"
        f"<td><ins>{esc(f.text)}</ins></td></tr>"
        for f in sheet.changed
    )
    events = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in e) + "</tr>" for e in sheet.events
    )
    return (
        f'{_CSS}<div class="nw-review">{"".join(head)}'
        f'<div style="display:flex;gap:16px"><div style="flex:1">'
        f"{tag('h4', t('review.transcript', locale))}{''.join(turns)}</div>"
        f'<div style="flex:1">{tag("h4", t("review.scorecard", locale))}{card}'
        f"{tag('h4', t('review.fields', locale))}{cited}"
        + (f"{tag('h4', t('review.changed', locale))}<table>{changed}</table>" if changed else "")
        + f"{tag('h4', t('review.events', locale))}<table>{events}</table></div></div>"
        f"{tag('h4', t('review.forms', locale))}"
        # The printed form keeps its own page styles apart; srcdoc is an escaped attribute.
        f'<iframe sandbox="" srcdoc="{esc(sheet.forms_html)}"></iframe></div>'
    )


class ReviewApp(w.VBox):
    """The queue, one submission, and the supervisor's decisions on it."""

    def __init__(self, repo: Repository, *, locale: str | None = None, page: int = 50) -> None:
        self.repo, self.locale, self.page = repo, locale, page
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
        self.criterion = w.Dropdown(options=[], description=tr("review.criterion"))
        self.criterion.add_class("nw-criterion")
        self.criterion.observe(lambda _: self._fill_canned(), "value")
        self.level = w.Dropdown(options=[0, 1, 2, 3], description=tr("review.level"))
        self.level.add_class("nw-level")
        self.reason = w.Textarea(placeholder=tr("review.reason"))
        self.reason.add_class("nw-reason")
        override = w.Button(description=tr("review.override"), button_style="warning")
        override.add_class("nw-override")
        override.on_click(lambda _: self.override())
        self.target = w.Text(placeholder=tr("review.target"))
        self.target.add_class("nw-target")
        self.canned = w.Dropdown(options=[], description=tr("review.canned"))
        self.canned.observe(
            lambda ch: setattr(self.comment_text, "value", ch["new"] or ""), "value"
        )
        self.comment_text: w.Textarea = w.Textarea(placeholder=tr("review.comment"))
        self.comment_text.add_class("nw-comment")
        comment = w.Button(description=tr("review.add_comment"))
        comment.add_class("nw-add-comment")
        comment.on_click(lambda _: self.comment())
        self.note = w.Textarea(placeholder=tr("review.note"))
        self.note.add_class("nw-note")
        self.supervision = SupervisionView(repo, locale=locale)
        buttons = []
        for action, style in (("return", "danger"), ("approve", "success"), ("release", "info")):
            b = w.Button(description=tr(f"review.{action}"), button_style=style)
            b.add_class(f"nw-{action}")
            b.on_click(lambda _, a=action: self.decide(a))
            buttons.append(b)
        super().__init__(
            [
                w.HBox([self.scenario, self.trainee, self.status, self.lowest, refresh]),
                self.queue,
                w.HBox([self.prev_button, self.next_button, self.back, self.page_label, self.more]),
                self.message,
                self.detail,
                w.HBox([self.criterion, self.level, self.reason, override]),
                w.HBox([self.target, self.canned, self.comment_text, comment]),
                w.HBox([self.note, *buttons]),
                self.supervision,
            ]
        )
        self.add_class("nuiawase-review")
        self.load_queue()

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
            found = self.repo.review_queue(cursor=self._pages[-1], limit=self.page, where=where)
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
                f"{'【' + flag + '】' if r.urgent else ''}{r.submission_id} {r.trainee} "
                f"{r.scenario_id} {t(f'review.status.{r.status}', self.locale)} "
                f"{t('review.waiting', self.locale, days=(now - r.submitted_at).days)}",
                r.submission_id,
            )
            for r in rows
        ]

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
            self.sheet = build_sheet(self.repo, submission_id, self.locale)
        except StoreError as exc:
            self._say(exc.message(self.locale), error=True)
            return
        self.detail.value = sheet_html(self.sheet, self.locale)
        # Only what changed goes to the browser: each widget update is one more message
        # before the next submission is on screen.
        if self.supervision.trainee != self.sheet.trainee:
            self.supervision.show(self.sheet.trainee)
        choices = [(c.title, c.id) for c in self.sheet.criteria]
        if list(self.criterion.options) != choices:
            self.criterion.options = choices
        self._fill_canned()
        self._say("")

    def _fill_canned(self) -> None:
        line = next(
            (
                c
                for c in (self.sheet.criteria if self.sheet else ())
                if c.id == self.criterion.value
            ),
            None,
        )
        choices = [("", "")] + [(x[:40], x) for x in (line.canned if line else ())]
        if list(self.canned.options) != choices:
            self.canned.options = choices

    # --- decisions ----------------------------------------------------------------------
    def _act(self, what: str, work: Callable[[int], object], *, into_review: bool = True) -> bool:
        """Do one decision on the open submission (taking submitted work into review
        first), then show it again and say which decision was recorded."""
        if self.sheet is None:
            return False
        sid = self.sheet.submission_id
        try:
            if into_review and self.repo.submission(sid).status == Status.submitted:
                self.repo.start_review(sid)
            work(sid)
        except StoreError as exc:
            self._say(exc.message(self.locale), error=True)
            return False
        self.show_submission(sid)
        # Naming the decision lets the supervisor (and a test) tell one save from the last.
        self._say(t("review.saved", self.locale, what=t(f"review.{what}", self.locale)))
        return True

    def override(self) -> None:
        """Override the chosen criterion's level; the store refuses an empty reason."""
        if self._act(
            "override",
            lambda sid: self.repo.override_level(
                sid, self.criterion.value, int(self.level.value), self.reason.value
            ),
        ):
            self.reason.value = ""

    def comment(self) -> None:
        """Comment on the submission, the chosen criterion, or a turn or field."""
        target = self.target.value.strip() or None
        if self._act(
            "add_comment",
            lambda sid: self.repo.add_comment(
                sid,
                self.comment_text.value,
                self.criterion.value if not target else None,
                target=target,
            ),
        ):
            self.comment_text.value = ""

    def decide(self, action: str) -> None:
        """Return (with the note), approve, or release the submission."""
        calls = {
            "return": self.repo.return_to_trainee,
            "approve": self.repo.approve,
            "release": self.repo.release,
        }
        # Release needs approved work: it must not take anything into review.
        if self._act(
            action,
            lambda sid: calls[action](sid, self.note.value or None),
            into_review=action != "release",
        ):
            self.note.value = ""
        self.load_queue()

    def _say(self, text: str, error: bool = False) -> None:
        value = tag("div", text, "nuiawase-msg-error" if error else "nuiawase-done") if text else ""
        if self.message.value != value:
            self.message.value = value


def acting_repo(workspace: str | Path | None = None) -> Repository:
    """Whom the app acts for (simulator.widgets.acting: ``?as=`` only in the demo)."""
    return acting(workspace).repo


def review_app(workspace: str | Path | None = None, locale: str | None = None) -> w.Widget:
    """The notebook's one line: the app, or the reason it cannot open, in words."""
    try:
        who = acting(workspace)
        app = ReviewApp(who.repo, locale=locale or who.locale)
        return with_banner(app, who, locale)
    except StoreError as exc:
        return w.HTML(tag("div", exc.message(locale), "nuiawase-msg-error"))
