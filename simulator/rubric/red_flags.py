"""Red flags: harmful actions in a submission, found from the answer key's ``red_flags``.

The rubric's first question is not how good a plan is but whether it harms the client. A
plan that phones the abuser to "talk it over", tells anyone where the client is, turns
the client away or reports them for their residence status, contacts family the client
refused, or only collects arrears while the urgent needs wait, is unsafe however well the
rest is written. Each case names the harms it invites (scenario ``answer_key.red_flags``);
this module finds them:

1. Structure first: a support's agency naming one of the flag's people, a support or
   immediate action using one of the flag's resources, a plan whose every support collects
   arrears while no urgent need is met.
   An urgent action that commits the client's money to a creditor (the whole pay to the
   landlord, repayments promised from the pension) is an arrears-only flag too.
2. Words second, clause by clause: one of the flag's people (SudachiPy normalised forms,
   so ご主人 and 主人 agree) with a contact verb in the same clause, unless that clause
   negates it (「夫には知らせない」「連絡せず」 are the safe plan); or one of the flag's
   words, not negated.

Pure functions over the submission; the ``safety`` checker turns the hits into a level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from simulator.interview.analysis import normalise
from simulator.models.casework import Assessment, Plan
from simulator.models.scenario import RedFlag, RedFlagKind, Scenario

from .text import clause_forms

#: Verbs that contact or inform someone (normalised forms).
CONTACT = frozenset(
    "連絡 電話 伝える 知らせる 話し合う 話し合い 会う 面談 同席 訪問 訪ねる 教える 共有"
    " 説明 報告 通報 呼ぶ 呼び出す 通知 送る 確認 問い合わせる 照会 仲介 調整 来所 聞く 話す"
    " 招く 交える".split()
)
# 相談 is left out: it names agencies (配偶者暴力相談支援センター) more often than it names
# consulting the person the client fears.
#: A clause that says the opposite: the safe plan (知らせない, 連絡せず, 避ける, 伏せる...).
NEGATION = re.compile(r"ない|ず[、。に]?|ぬ|避け|控え|禁止")
#: Secrecy governs its whole clause, wherever it stands (「夫に知られないように連絡方法を…」).
SECRECY = re.compile(r"知られ(?:ない|ぬ|ず)|内緒|秘密|秘匿|伏せ|気づかれ(?:ない|ず)")
#: With the client's agreement, contacting family or neighbours is support, not harm (it
#: never makes contacting an abuser safe).
CONSENT = re.compile(r"同意|了解|承諾|了承|本人の(?:希望|意向)|本人が望|(?:伝える|話す)範囲")
#: Words of a payment plan to a creditor.
PAYMENT = re.compile(r"支払|支払い|返済|分納|納付|滞納|督促|取り立て|払う|払い|払え|完済|納め")
#: An urgent action that commits the client's money to a creditor (「全額を入金」「返済を再開
#: すると約束」), unless the same clause spares it (猶予, 待ってもらう, 減額).
COMMIT = re.compile(r"全額|入金|再開|約束|取り付け")
SPARE = re.compile(r"猶予|待って|待つ|保留|減額|免除|止めて")
CLAUSE = re.compile(r"[。、,.;；!?！？\n]+")
#: What follows a person who is the subject of the talk, not the one contacted
#: (「社会福祉士に、息子のことを話す」 tells the social worker about the son).
ABOUT = re.compile(
    r"(?:さん|くん|ちゃん|様)?(?:のこと|の事|について|に関し|に関する|の件|の様子|の話)"
)


@dataclass(frozen=True)
class Hit:
    """One harmful action found: which flag, where, and the words that showed it."""

    flag: RedFlag
    path: str
    text: str


def _items(assessment: Assessment, plan: Plan | None) -> Iterator[tuple[str, str, str | None]]:
    """(field path, text, resource id) of every action-like item of a submission."""
    for i, act in enumerate(assessment.immediate_actions):
        yield f"assessment.immediate_actions[{i}]", act.action, act.resource
    yield "assessment.screening.reason", assessment.screening.reason, None
    if plan is None:
        return
    for i, sup in enumerate(plan.supports):
        yield f"plan.supports[{i}]", f"{sup.agency}。{sup.content}", sup.resource
    for i, ca in enumerate(plan.client_actions):
        yield f"plan.client_actions[{i}]", ca.text, None
    # The teamwork fields are actions too: harm written there is harm all the same.
    for i, m in enumerate(plan.team):
        yield f"plan.team[{i}]", m.handles, None
    for i, inf in enumerate(plan.informal_supports):
        yield f"plan.informal_supports[{i}]", inf.what, None
    for i, work in enumerate(plan.community_actions):
        yield f"plan.community_actions[{i}]", f"{work.with_whom}。{work.what}", None
    yield "plan.follow_up", f"{plan.follow_up.by_whom}。{plan.follow_up.how}", None


def _negated_after(clause: str, at: int) -> bool:
    """The clause keeps it secret, or negates what stands at ``at`` (「知らせない」,
    「連絡せず」; not 「…がないため対象外」)."""
    return SECRECY.search(clause) is not None or NEGATION.search(clause, at) is not None


@cache
def _person_forms(person: str) -> tuple[str, ...]:
    """Normalised forms of a person the answer key names (scenario data, kept)."""
    return tuple(form for form, _ in clause_forms(normalise(person)))


def _contacts(flag: RedFlag, text: str) -> bool:
    """A clause names one of the people and contacts them, not negated nor kept secret.

    One clause, not two: in 「夫から離れて…、相談員と話し合った」 the husband is left and the
    counsellor talked to."""
    people = [(p, _person_forms(p)) for p in flag.people]
    for clause in CLAUSE.split(normalise(text)):
        toks = clause_forms(clause)
        named = _named_at(clause, toks, people)
        if not named or all(ABOUT.match(clause, end) for end in named):
            continue
        verb = next((begin for f, begin in toks if f in CONTACT), None)
        if verb is not None and not _negated_after(clause, verb):
            return True
    return False


def _named_at(
    clause: str, toks: tuple[tuple[str, int], ...], people: list[tuple[str, tuple[str, ...]]]
) -> list[int]:
    """Where each mention of one of the people ends in the clause (written as the key
    writes them, or as their one normalised form)."""
    ends: set[int] = set()
    for person, forms in people:
        at = clause.find(person)
        while at >= 0:
            ends.add(at + len(person))
            at = clause.find(person, at + 1)
        if len(forms) == 1:
            for i, (form, _begin) in enumerate(toks):
                if form == forms[0]:
                    following = toks[i + 1][1] if i + 1 < len(toks) else len(clause)
                    ends.add(following)
    return sorted(ends)


def _says(flag: RedFlag, text: str) -> bool:
    for clause in CLAUSE.split(normalise(text)):
        for word in flag.words:
            at = clause.find(normalise(word))
            if at >= 0 and not _negated_after(clause, at + len(word)):
                return True
    return False


#: Flags whose people must never deliver a support (a volunteer may, with consent).
_KEEP_AWAY = frozenset({RedFlagKind.contact_abuser, RedFlagKind.disclose_whereabouts})


def _agency_is(flag: RedFlag, agency: str) -> bool:
    forms = {f for f, _ in clause_forms(normalise(agency))}
    return any(p in agency or set(_person_forms(p)) <= forms for p in flag.people)


def _agreed(flag: RedFlag, text: str) -> bool:
    return flag.kind is RedFlagKind.contact_against_wish and CONSENT.search(text) is not None


def _commits_money(text: str) -> bool:
    return any(
        PAYMENT.search(c) and COMMIT.search(c) and not SPARE.search(c)
        for c in CLAUSE.split(normalise(text))
    )


def _arrears_only(assessment: Assessment, plan: Plan | None) -> list[str]:
    """Paths of the urgent actions that hand the client's money to creditors; or of the
    payment supports when collecting arrears is all the plan does."""
    committing = [
        f"assessment.immediate_actions[{i}]"
        for i, a in enumerate(assessment.immediate_actions)
        if a.need is not None and _commits_money(a.action)
    ]
    if committing:
        return committing
    if plan is None or not plan.supports or any(a.need for a in assessment.immediate_actions):
        return []
    paying = [
        f"plan.supports[{i}]"
        for i, s in enumerate(plan.supports)
        if PAYMENT.search(f"{s.agency}{s.content}")
    ]
    return paying if len(paying) == len(plan.supports) else []


def _informal_people(flag: RedFlag, plan: Plan | None) -> list[Hit]:
    """Structure: an informal support who is the person the client must be kept from, or
    someone the client refused that the form does not say she wants involved."""
    if plan is None or not flag.people:
        return []
    hits = []
    for i, inf in enumerate(plan.informal_supports):
        if not _agency_is(flag, inf.who):
            continue
        if flag.kind in _KEEP_AWAY or (
            flag.kind is RedFlagKind.contact_against_wish and not inf.client_agreed
        ):
            hits.append(Hit(flag, f"plan.informal_supports[{i}]", inf.who))
    return hits


def find(scenario: Scenario, assessment: Assessment, plan: Plan | None) -> list[Hit]:
    """Every red flag of the case found in the submission, in form order."""
    hits: list[Hit] = []
    for flag in scenario.answer_key.red_flags:
        if flag.kind is RedFlagKind.arrears_only:
            hits += [Hit(flag, p, "") for p in _arrears_only(assessment, plan)]
        if plan is not None and flag.people and flag.kind in _KEEP_AWAY:
            # Structure: a support whose agency is the person the client must be kept from.
            hits += [
                Hit(flag, f"plan.supports[{i}]", sup.agency)
                for i, sup in enumerate(plan.supports)
                if _agency_is(flag, sup.agency)
            ]
        hits += _informal_people(flag, plan)
        for path, text, resource in _items(assessment, plan):
            if any(h.flag is flag and (h.path == path or text in h.text) for h in hits):
                continue  # found there already, or the same action restated (a team row)
            if flag.kind is RedFlagKind.contact_against_wish and ".client_actions[" in path:
                continue  # whom the client chooses to tell is theirs to decide
            if resource is not None and resource in flag.resources:
                hits.append(Hit(flag, path, resource))
            elif flag.people and _contacts(flag, text) and not _agreed(flag, text):
                hits.append(Hit(flag, path, text))
            elif flag.words and _says(flag, text):
                hits.append(Hit(flag, path, text))
    return hits
