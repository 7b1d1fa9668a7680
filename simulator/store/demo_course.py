"""The demo's course in motion: twelve trainees at different points of the curriculum.

Each trainee follows a script through the modules (simulator.curriculum): start, the
exercise (for a practice exercise, the hand-rated exemplar submission of its case at the
trainee's level, tests/exemplars), the reflection and the check (a weak trainee fails
some checks first). Two supervisors review: older practice work is approved and released
(weak work returned with a comment), and the capstones stand at every step of review -
waiting, in review, returned with comments, resubmitted and approved, released.

Every step is written through the store's own calls, as the trainee or the supervisor, at
a fixed moment (simulator.clock.clock_at): the same script gives the same record. A step
whose moment is already stored is skipped, so seeding again adds nothing and a seeding cut
short goes on where it stopped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from simulator.clock import clock_at
from simulator.curriculum.catalog import COURSE, module
from simulator.curriculum.session import ModuleSession
from simulator.models.submission import Submission

from .progress import CAPSTONE
from .repository import Repository, Store


@dataclass(frozen=True)
class DemoTrainee:
    """One scripted trainee: how well they work and how far they have come."""

    name: str
    shown: str
    level: str
    #: Index in COURSE of the module they are in (12: the capstone).
    reached: int
    #: Where they stand in it: started, exercise, reflection, check_failed (a module);
    #: submitted, in_review, returned, approved, released (the capstone's review).
    where: str


SUPERVISORS = (("shunin", "主任 相談支援員"), ("nishida", "西田 恵子"))
CAST = (
    DemoTrainee("aoki", "青木 さくら", "strong", 12, "released"),
    DemoTrainee("inoue", "井上 大翔", "weak", 12, "approved"),
    DemoTrainee("ueda", "上田 美咲", "middling", 12, "returned"),
    DemoTrainee("endo", "遠藤 蓮", "middling", 12, "in_review"),
    DemoTrainee("okada", "岡田 結衣", "strong", 12, "submitted"),
    DemoTrainee("kato", "加藤 湊", "middling", 11, "check_failed"),
    DemoTrainee("kimura", "木村 陽菜", "weak", 9, "exercise"),
    DemoTrainee("kudo", "工藤 颯", "strong", 7, "reflection"),
    DemoTrainee("kondo", "近藤 美桜", "weak", 5, "check_failed"),
    DemoTrainee("saito", "斎藤 悠真", "middling", 3, "exercise"),
    DemoTrainee("shimizu", "清水 葵", "strong", 1, "started"),
    DemoTrainee("suzuki", "鈴木 陸", "middling", 0, "started"),
)
#: The course began on a Monday, 09:00 in Japan; a trainee takes a step every 20 hours.
START = dt.datetime(2026, 9, 7, 0, 0, tzinfo=dt.UTC)
STEP = dt.timedelta(hours=20)
#: The levels of a trainee's practice work in turn (where the case has that exemplar).
LEVELS = {
    "strong": ("strong", "strong", "middling"),
    "middling": ("middling", "plain", "strong", "middling"),
    "weak": ("weak", "redflag", "middling", "stuffed"),
}
REFLECTIONS = (
    "{title}では、本人の言葉をそのまま受け止めることの難しさに気づいた。次は要約して確かめてから質問したい。",
    "{title}を通して、世帯全体を見る視点が足りなかったと感じた。家族の状況も最初に聞くようにする。",
    "{title}で、急ぎの課題と本人の望みを分けて整理できた。プランには日付のある小さな一歩を入れたい。",
)
RETURN_NOTE = "プランの根拠になる事実が足りません。コメントを読んで見直し、再提出してください。"
COMMENTS = {
    "strong": "本人の言葉の目標と日付のある一歩がそろっています。",
    "middling": "世帯全体（子どもの学校費用）にも触れてください。",
    "weak": "面接で聞いていない事実をプランに書いています。語られたことを根拠にしてください。",
}
APPROVE_NOTE = "よく見直されています。承認します。"


@dataclass(frozen=True)
class Step:
    """One thing done at one moment, by the trainee or their supervisor."""

    when: dt.datetime
    action: str  # start, submit, resubmit, exercise, reflection, check_failed, check_passed,
    # review, comment, return, approve, release
    module: str
    case: str | None = None
    level: str | None = None
    text: str | None = None


class _Add(Protocol):
    def __call__(self, action: str, mid: str, **kw: str | None) -> None: ...


def _level(person: DemoTrainee, turn: int, case: str, exemplars: Path) -> str:
    wanted = LEVELS[person.level][turn % len(LEVELS[person.level])]
    return wanted if (exemplars / case / f"{wanted}.json").is_file() else person.level


def script(person: DemoTrainee, index: int, exemplars: Path) -> list[Step]:
    """Everything ``person`` (the index-th of CAST) and their supervisor did, in order."""
    steps: list[Step] = []
    base = START + dt.timedelta(minutes=7 * index)

    def add(action: str, mid: str, **kw: str | None) -> None:
        steps.append(Step(base + STEP * len(steps), action, mid, **kw))

    practice: list[tuple[str, str]] = []  # (module, level) of each practice submission
    for position, mid in enumerate(COURSE[: person.reached + 1]):
        current = position == person.reached
        exercise = module(mid).exercise
        case = exercise.case
        # Practice work is handed in; the other apps' exercises leave no submission.
        has_work = exercise.app == "practice" and case is not None and (exemplars / case).is_dir()
        add("start", mid)
        # Work handed in two modules back is reviewed now (returned when weak).
        if len(practice) > 0 and mid != CAPSTONE and practice[0][0] < COURSE[position - 1]:
            old, level = practice.pop(0)
            add("review", old)
            if level in ("weak", "redflag", "stuffed"):
                add("comment", old, level="weak")
                add("return", old, text=RETURN_NOTE)
            else:
                add("approve", old)
                add("release", old)
        if mid == CAPSTONE:
            _capstone(person, case, add)
            return steps
        if current and person.where == "started":
            break
        if has_work:
            assert case is not None
            level = _level(person, position, case, exemplars)
            add("submit", mid, case=case, level=level)
            practice.append((mid, level))
        add("exercise", mid)
        if current and person.where == "exercise":
            break
        text = REFLECTIONS[(index + position) % len(REFLECTIONS)]
        add("reflection", mid, text=text.format(title=module(mid).title.get("ja")))
        if current and person.where == "reflection":
            break
        if (person.level == "weak" and position % 2) or current:
            add("check_failed", mid)
        if current:
            break
        add("check_passed", mid, level=person.level)
    return steps


def _capstone(person: DemoTrainee, case: str | None, add: _Add) -> None:
    first = "weak" if person.where == "approved" else person.level
    add("submit", CAPSTONE, case=case, level=first)
    add("exercise", CAPSTONE)
    if person.where == "submitted":
        return
    add("review", CAPSTONE)
    add("comment", CAPSTONE, level=first)
    if person.where == "in_review":
        return
    if person.where in ("returned", "approved"):
        add("return", CAPSTONE, text=RETURN_NOTE)
        if person.where == "returned":
            return
        add("resubmit", CAPSTONE, case=case, level="strong")
        add("review", CAPSTONE)
    add("approve", CAPSTONE, text=APPROVE_NOTE)
    add("check_passed", CAPSTONE, level=person.level)
    if person.where == "released":
        add("release", CAPSTONE)
        add("reflection", CAPSTONE, text=REFLECTIONS[0].format(title="修了課題"))


def supervisor_of(index: int) -> str:
    """Who reviews the index-th trainee's work (the two supervisors share the cohort)."""
    return SUPERVISORS[index % len(SUPERVISORS)][0]


class _Runner:
    """Plays one trainee's script, skipping what is stored already."""

    def __init__(
        self,
        store: Store,
        person: DemoTrainee,
        index: int,
        exemplars: Path,
        hashes: dict[str, str],
    ) -> None:
        self.me: Repository = store.as_user(person.name)
        self.hashes = hashes
        self.boss: Repository = store.as_user(supervisor_of(index))
        self.exemplars, self.added = exemplars, 0
        op = store.as_operator()
        self.attempts = {a.started_at: a.id for a in op.attempts(person.name)}
        subs = op.submissions(person.name)
        self.subs = {s.submitted_at: s.id for s in subs}
        self.done = {e.created_at for e in op.module_events(person.name)} | set(self.subs)
        self.done |= {e.created_at for s in subs for e in op.review_events(s.id)}
        # The latest submission and the attempt of each module's work.
        self.work: dict[str, int] = {}
        self.attempt_of: dict[str, int] = {}

    def play(self, step: Step) -> None:
        if step.action in ("submit", "resubmit"):
            self.attempt_of.setdefault(step.module, self.attempts.get(step.when, 0))
            if step.when in self.subs:
                self.work[step.module] = self.subs[step.when]
        if step.when in self.done:
            return
        with clock_at(step.when):
            self._do(step)

    def _do(self, step: Step) -> None:
        session = ModuleSession(module(step.module), self.me)
        sid = self.work.get(step.module, 0)
        match step.action:
            case "start":
                session.start()
            case "exercise":
                session.exercise_done()
            case "reflection":
                session.write_reflection(step.text or "")
            case "check_passed" | "check_failed":
                session.answer_check(_answers(step.module, step.action, step.level))
            case "submit" | "resubmit":
                self._submit(step)
            case "review":
                self.boss.start_review(sid)
            case "comment":
                self.boss.add_comment(sid, COMMENTS[step.level or "middling"])
            case "return":
                self.boss.return_to_trainee(sid, step.text)
            case "approve":
                self.boss.approve(sid, step.text)
            case "release":
                self.boss.release(sid)

    def _submit(self, step: Step) -> None:
        assert step.case is not None and step.level is not None
        work = Submission.model_validate_json(
            (self.exemplars / step.case / f"{step.level}.json").read_bytes()
        )
        attempt = self.attempt_of.get(step.module) or 0
        if not attempt:
            attempt = self.me.start_attempt(self.hashes[step.case], seed=work.seed).id
            self.attempt_of[step.module] = attempt
        key = f"demo/course/{step.module}/{step.action}"
        sub = self.me.submit(
            attempt, work.model_copy(update={"submitted_at": step.when}), idempotency_key=key
        )
        self.work[step.module] = sub.id
        self.added += 1


def _answers(mid: str, action: str, level: str | None) -> list[int | None]:
    """Answers that fail the check (all but the last wrong), or pass it: all right for a
    strong trainee, the first one wrong for the others (the pass mark is 0.6)."""
    questions = module(mid).check
    right: list[int | None] = [q.answer for q in questions]
    wrong: list[int | None] = [(q.answer + 1) % len(q.choices) for q in questions]
    if action == "check_failed":
        return [*wrong[:-1], right[-1]]
    return right if level == "strong" else [wrong[0], *right[1:]]


def seed_course(store: Store, exemplars: Path, hashes: dict[str, str]) -> int:
    """Play every demo trainee's script (``hashes``: the registered scenarios' content
    hashes by id); returns the submissions added."""
    added = 0
    for index, person in enumerate(CAST):
        runner = _Runner(store, person, index, exemplars, hashes)
        for step in script(person, index, exemplars):
            runner.play(step)
        added += runner.added
    return added


def course_steps(exemplars: Path) -> Iterator[tuple[DemoTrainee, list[Step]]]:
    """Each demo trainee with their script (what the demo's tests expect)."""
    for index, person in enumerate(CAST):
        yield person, script(person, index, exemplars)


__all__ = ["CAST", "SUPERVISORS", "DemoTrainee", "Step", "seed_course", "supervisor_of"]
