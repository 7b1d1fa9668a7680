"""Wordings that contradict each other: different numbers, or yes and no, for one thing.

A fact's wordings are picked at random per trainee, so two trainees who compare notes must
hear the same story. This reads the wordings shallowly, and says so in the guide:

* **Numbers**: a number with a unit (円/万円, 歳, 年, か月, 日, 時間, 人, 回, 件, 社) and the
  noun just before it (家賃, 手取り, 母...) is one claim. The same noun and unit with
  different numbers in two wordings of one fact, or in two facts, is a contradiction.
  ``{placeholders}`` are skipped: the persona fills them the same way everywhere.
* **Yes and no**: a verb or adjective stem said negatively in one wording of a fact (払えて
  ない, ありません) and affirmatively in another (払えています), with no negation of it there.

It cannot see paraphrases (先月も先々月も against 3か月), numbers written in words beyond
一-十, relative amounts (半分), who a number belongs to when the noun is missing, or
negation carried by the context (「それも、もう…」).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulator.models import Scenario

from .source import PathPart

_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_NUMBER = r"[0-9０-９]+(?:[.,][0-9]+)?|[一二三四五六七八九十]{1,3}"
#: Units a number is read with; money is normalised to yen.
_UNITS = r"万円|千円|万|円|歳|才|年間|年|ヶ月|か月|カ月|ヵ月|ケ月|日間|日|時間|人|回|件|社"
_CLAIM = re.compile(
    rf"(?P<num>{_NUMBER})(?:万(?P<sen>[0-9一二三四五六七八九])千)?(?P<unit>{_UNITS})"
)
#: The noun a number is about: the last run of kanji or katakana shortly before it.
_NOUN = re.compile(r"[一-龥ァ-ヶー]+")
_NOUN_WINDOW = 6
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_UNIT_KIND = {
    "万円": "yen",
    "千円": "yen",
    "万": "yen",
    "円": "yen",
    "才": "歳",
    "年間": "年",
    "か月": "月",
    "ヶ月": "月",
    "カ月": "月",
    "ヵ月": "月",
    "ケ月": "月",
    "日間": "日",
}
_UNIT_SCALE = {"万円": 10_000, "万": 10_000, "千円": 1_000}

#: A predicate (kanji, then the kana up to the ending) said negatively now (払えてない,
#: 払えていません), and the same predicate said affirmatively now (払えてます, 払えてる).
#: Past forms are left out: 「飲んでた」 and 「飲んでない」 are a change, not a contradiction.
_NEGATED = re.compile(r"([一-龥]+[ぁ-ん]{0,4}?)(?:ない|ません)")
_AFFIRMED = re.compile(r"([一-龥]+[ぁ-ん]{0,4}?)(?:ます|る)(?![たと])")
#: Stems of words that end in ない without being a negation (少ない, 危ない, 申し訳ない,
#: 間違いない...), as the stem pattern cuts them.
_NOT_NEGATION = frozenset({"少", "危", "仕方", "訳", "情け", "切", "頼り", "間違い", "違い"})
#: Words near a number that place it in the past: 「派遣のときは手取り18万」 is not today's.
_PAST = re.compile(r"前は|昔|とき|時は|頃|ころ|当時|以前")
_PAST_WINDOW = 12


@dataclass(frozen=True)
class Claim:
    """A number said about something: 家賃 6万円 -> ("家賃", "yen", 60000)."""

    noun: str
    unit: str
    value: float
    text: str
    past: bool = False


def _number(text: str) -> float:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "")
    if text[0].isdigit():
        return float(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return float(_KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(ones, 0))
    return float(_KANJI_DIGITS[text[0]])


def claims(wording: str) -> list[Claim]:
    """The numbers of a wording with their unit and the noun they are about."""
    text = _PLACEHOLDER.sub("〓", wording)  # a filled-in value is never a claim
    out: list[Claim] = []
    for m in _CLAIM.finditer(text):
        before = text[max(0, m.start() - _NOUN_WINDOW) : m.start()]
        nouns = _NOUN.findall(before)
        past = bool(_PAST.search(text[max(0, m.start() - _PAST_WINDOW) : m.start()]))
        if not nouns:
            continue  # nobody can tell what the number is about
        unit = m.group("unit")
        value = _number(m.group("num")) * _UNIT_SCALE.get(unit, 1)
        if m.group("sen"):  # 6万5千円: the number before 万 counts ten-thousands
            value = _number(m.group("num")) * 10_000 + _number(m.group("sen")) * 1_000
        out.append(Claim(nouns[-1], _UNIT_KIND.get(unit, unit), value, m.group(0), past))
    return out


def _stem(text: str) -> str:
    # 払えてい(ます) and 払えて(ない) are one predicate; so are 払えてい(ない) and 払えて(る).
    return text[:-1] if text.endswith(("てい", "でい")) else text


def _stems(pattern: re.Pattern[str], wording: str) -> set[str]:
    found = {_stem(m.group(1)) for m in pattern.finditer(_PLACEHOLDER.sub("〓", wording))}
    return {s for s in found if not s.endswith(("な", "なか")) and s not in _NOT_NEGATION}


#: (field path, message key, message arguments) of one problem.
Finding = tuple[list[PathPart], str, dict[str, object]]


def _number_clashes(
    said: Sequence[tuple[list[PathPart], str]],
) -> Iterable[tuple[list[PathPart], Claim, Claim]]:
    """Pairs of claims about one noun and unit with no value in common."""
    first: dict[tuple[str, str], tuple[list[PathPart], set[float], Claim]] = {}
    for path, wording in said:
        mine: dict[tuple[str, str], set[float]] = {}
        by_key: dict[tuple[str, str], Claim] = {}
        for c in claims(wording):
            mine.setdefault((c.noun, c.unit), set()).add(c.value)
            by_key.setdefault((c.noun, c.unit), c)
        for key, values in mine.items():
            if key not in first:
                first[key] = (path, values, by_key[key])
            elif not values & first[key][1]:
                yield path, first[key][2], by_key[key]


def contradiction_findings(scenario: Scenario) -> list[Finding]:
    """Numbers and yes/no that disagree within a fact's wordings or across facts."""
    out: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    for n, fact in enumerate(scenario.facts):
        said: list[tuple[list[PathPart], str]] = [
            (["facts", n, "wordings", k], w) for k, w in enumerate(fact.wordings)
        ]
        for path, a, b in _number_clashes(said):
            reported.add((b.noun, b.unit))
            args: dict[str, object] = {"id": fact.id, "a": a.text, "b": b.text, "noun": a.noun}
            out.append((path, "lint.numbers_disagree", args))
        negated = [_stems(_NEGATED, w) for w in fact.wordings]
        affirmed = [_stems(_AFFIRMED, w) for w in fact.wordings]
        for k, aff in enumerate(affirmed):
            others = set().union(*(neg for j, neg in enumerate(negated) if j != k))
            for stem in sorted((aff & others) - negated[k]):
                args = {"id": fact.id, "stem": stem}
                out.append((["facts", n, "wordings", k], "lint.yes_and_no", args))
    # Across facts: one wording per fact may say each thing; the first fact that said it
    # is named so the author can see both.
    across: list[tuple[list[PathPart], str]] = []
    owner: dict[str, str] = {}
    for n, fact in enumerate(scenario.facts):
        for k, w in enumerate(fact.wordings):
            across.append((["facts", n, "wordings", k], w))
            owner[f"{n}/{k}"] = fact.id
    seen_facts: dict[tuple[str, str], set[float]] = {}
    first_owner: dict[tuple[str, str], tuple[str, Claim]] = {}
    for path, wording in across:
        fid = owner[f"{path[1]}/{path[3]}"]
        for c in claims(wording):
            key = (c.noun, c.unit)
            if key in reported or len(c.noun) < 2 or c.past:
                continue  # one-character nouns (母, 月) are too vague across facts, and a
                # past figure (前は手取り18万) may differ from today's
            if key not in first_owner:
                first_owner[key] = (fid, c)
                seen_facts[key] = {c.value}
            elif first_owner[key][0] == fid:
                seen_facts[key].add(c.value)
            elif c.value not in seen_facts[key]:
                reported.add(key)
                other, claim = first_owner[key]
                args = {"id": fid, "other": other, "a": claim.text, "b": c.text, "noun": c.noun}
                out.append((path, "lint.numbers_disagree_facts", args))
    return out
