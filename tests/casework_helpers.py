"""Shared helpers for the assessment and plan tests: fill in the forms as a trainee would.

``fill_through_widgets`` sets widget values and clicks buttons, nothing else, so it also
runs inside a real kernel (tests/test_casework_kernel.py). The sample case is
netcafe-kyojuu, seed 7 (simulator/casework/data/sample_interview.yaml), dated 2025-06-01.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from simulator.models.casework import ASSESSMENT_DOMAINS
from simulator.models.vocab import Topic
from simulator.widgets.assessment_form import AssessmentForm
from simulator.widgets.plan_editor import PlanEditor

DAY = dt.date(2025, 6, 1)

FINDINGS: dict[Topic, tuple[str, int, str, tuple[str, ...]]] = {
    Topic.housing: (
        "concern",
        3,
        "ネットカフェと路上の往復。今夜の宿泊費もない。",
        ("t02", "t07", "t09"),
    ),
    Topic.health: (
        "concern",
        3,
        "足の傷が1か月治らない。糖尿病の治療中断、無保険。",
        ("t03", "t04", "t05"),
    ),
    Topic.food_cash: ("concern", 3, "食事は1日1回、手持ちは数千円。", ("t14",)),
    Topic.employment: ("concern", 2, "日雇いのみ。身分証がなく仕事が減っている。", ("t08", "t19")),
    Topic.debt: ("concern", 2, "以前のアパートの滞納家賃を保証会社が請求。", ("t11",)),
    Topic.family: ("concern", 1, "離婚後、息子と長く会っていない。", ("t17",)),
    Topic.social: ("concern", 2, "名前で呼んでくれるのは夜回りの支援者だけ。", ("t28",)),
}


def finding_index(topic: Topic) -> int:
    """The row of a domain on the sheet."""
    return ASSESSMENT_DOMAINS.index(topic)


def fill_through_widgets(a: AssessmentForm, p: PlanEditor, goal: str | None = None) -> None:
    """Fill every section of both forms through widget values and button clicks."""
    fill_assessment(a)
    fill_plan(p, goal)
    fill_teamwork(a, p)


#: What the sample trainee records about teamwork and the community, by field path.
TEAMWORK: dict[str, Any] = {
    "assessment.sharing.supervision[0].held_on": DAY,
    "assessment.sharing.supervision[0].with_whom": "主任相談支援員",
    "assessment.sharing.supervision[0].about": "今夜の宿泊先と足の傷の受診を当日中に相談した。",
    "assessment.sharing.two_person": True,
    "assessment.sharing.second_worker": "主任相談支援員",
    "assessment.sharing.two_person_reason": "路上生活と未治療の病気が重なり、同行が多いため。",
    "plan.team[0].role": "employment_counsellor",
    "plan.team[0].who": "就労支援員の佐藤",
    "plan.team[0].handles": "身分証の再発行のあと、日雇い以外の仕事探しに同行する。",
    "plan.team[0].issues": ("i1",),
    "plan.informal_supports[0].who": "夜回りの支援者",
    "plan.informal_supports[0].what": "名前で呼んでくれる夜回りの人と、移った後も会う。",
    "plan.informal_supports[0].client_agreed": True,
    "plan.community_actions[0].kind": "resource_gap",
    "plan.community_actions[0].what": "区内に個室のシェルターが少ないことを会議で伝える。",
    "plan.community_actions[0].with_whom": "支援調整会議",
    "plan.community_actions[0].when": "6月10日",
    "plan.follow_up.when": "終結後3か月",
    "plan.follow_up.how": "夜回りの支援者と連絡を取り合い、電話で様子を聞く。",
    "plan.follow_up.by_whom": "担当相談支援員",
}


def fill_teamwork(a: AssessmentForm, p: PlanEditor) -> None:
    """Fill the teamwork and community sections (a row of each list) through widgets."""
    _row_list(a, "assessment.sharing.supervision").add_button.click()
    for path in ("plan.team", "plan.informal_supports", "plan.community_actions"):
        _row_list(p, path).add_button.click()
    widgets = a.binder.widgets | p.binder.widgets
    for path, value in TEAMWORK.items():
        if isinstance(value, str) and path.endswith((".role", ".kind")):
            choose(widgets[path], value)
        else:
            widgets[path].value = value


def fill_assessment(a: AssessmentForm) -> None:
    """Fill every section of the assessment sheet."""
    aw = a.binder.widgets
    for category in ("housing", "health", "income", "no_food", "job_search", "debt", "family"):
        a.checklist_boxes[next(c for c in a.checklist_boxes if c.value == category)].value = True
    choose(aw["assessment.checklist.most_pressing"], "housing")
    choose(aw["assessment.screening.outcome"], "ongoing_support")
    aw[
        "assessment.screening.reason"
    ].value = "住まい・健康・食事の課題が重なり、継続的な支援が必要。"
    for topic, (status, severity, notes, turns) in FINDINGS.items():
        path = f"assessment.findings[{finding_index(topic)}]"
        a.open_domain(finding_index(topic))  # a panel's fields exist once it is opened
        choose(aw[f"{path}.status"], status)
        aw[f"{path}.severity"].value = severity
        aw[f"{path}.notes"].value = notes
        aw[f"{path}.evidence"].value = turns
    strengths = _row_list(a, "assessment.strengths")
    strengths.add_button.click()
    aw[
        "assessment.strengths[0].text"
    ].value = "印刷工場で十数年機械を扱い、整備もできる。休まず働く。"
    aw["assessment.strengths[0].evidence"].value = ("t20",)
    choose(aw["assessment.urgency"], "immediate")
    actions = _row_list(a, "assessment.immediate_actions")
    actions.add_button.click()
    choose(aw["assessment.immediate_actions[0].need"], "no_shelter")
    aw["assessment.immediate_actions[0].action"].value = "一時生活支援事業の当日入所を調整した。"
    aw["assessment.immediate_actions[0].resource"].value = "temporary_shelter"
    aw["assessment.immediate_actions[0].done_on"].value = DAY
    aw["assessment.immediate_actions[0].evidence"].value = ("t07",)
    aw["assessment.judgement"].value = (
        "住まいを失い、健康と収入の問題が悪循環になっている。\n働く意欲と技術があり、"
        "まず寝場所と治療を確保し、住民票・身分証を回復して就労につなげる。"
    )
    aw["assessment.consent.information_sharing"].value = True
    aw["assessment.consent.information_sharing_on"].value = DAY
    aw["assessment.consent.database"].value = True
    aw["assessment.consent.database_on"].value = DAY


def fill_plan(p: PlanEditor, goal: str | None = None) -> None:
    """Fill every section of the plan (the assessment must be filled first)."""
    pw = p.binder.widgets
    pw["plan.long_term_goal"].value = goal or "また働いて、いつか息子に会いに行けるようになりたい。"
    pw["plan.short_term_goal"].value = "屋根のあるところで寝て、足を治したい。"
    p.issues.add_button.click()
    p.issues.add_button.click()
    pw["plan.issues[0].text"].value = "今夜から寝る場所がない"
    pw["plan.issues[0].findings"].value = (Topic.housing,)
    pw["plan.issues[1].text"].value = "足の傷と糖尿病を治療していない"
    pw["plan.issues[1].findings"].value = (Topic.health,)
    p.client_actions.add_button.click()
    pw["plan.client_actions[0].text"].value = "シェルターで暮らし、毎朝決まった時間に起きる。"
    pw["plan.client_actions[0].due_on"].value = dt.date(2025, 6, 8)
    pw["plan.client_actions[0].issues"].value = ("i1",)
    p.picker.search.value = "一時"
    p.picker.results.value = "temporary_shelter"
    p.picker.add_button.click()
    pw["plan.supports[0].content"].value = "一時生活支援事業での宿泊と食事、居住支援。"
    pw["plan.supports[0].period"].value = "6月〜8月"
    pw["plan.supports[0].frequency"].value = "週1回面談"
    pw["plan.supports[0].issues"].value = ("i1",)
    p.picker.search.value = "診療"
    p.picker.results.value = "free_clinic"
    p.picker.add_button.click()
    pw["plan.supports[1].content"].value = "無料低額診療での受診に同行する。"
    pw["plan.supports[1].period"].value = "6月"
    pw["plan.supports[1].frequency"].value = "受診時"
    pw["plan.supports[1].issues"].value = ("i2",)
    shelter = next(b for prog, b in p.programme_boxes.items() if prog.value == "temporary_shelter")
    shelter.value = True
    pw["plan.period_start"].value = dt.date(2025, 6, 2)
    pw["plan.period_end"].value = dt.date(2025, 11, 30)
    pw["plan.next_monitoring"].value = dt.date(2025, 8, 29)
    pw["plan.coordination_meeting"].value = dt.date(2025, 6, 10)
    pw["plan.consent.agreed"].value = True
    pw["plan.consent.agreed_on"].value = dt.date(2025, 6, 2)


def choose(widget: Any, value: str) -> None:
    """Pick the option of a dropdown whose value is (or is the enum of) ``value``."""
    widget.value = next(v for _, v in widget.options if v is not None and _plain(v) == value)


def _row_list(form: Any, path: str) -> Any:
    from simulator.widgets.form_parts import RowList

    def walk(widget: Any) -> Any:
        if isinstance(widget, RowList) and widget.path == path:
            return widget
        for child in getattr(widget, "children", ()):
            found = walk(child)
            if found is not None:
                return found
        return None

    return walk(form)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def snapshot(a: AssessmentForm, p: PlanEditor) -> dict[str, Any]:
    """Every bound widget's value and every tick box, as plain JSON-able values (every
    domain panel is opened first: its fields are built when it is opened)."""
    for i in range(len(a.findings.children)):
        a.open_domain(i)
    out = {path: _plain(widget.value) for path, widget in a.binder.widgets.items()}
    out |= {f"checklist.{c.value}": box.value for c, box in a.checklist_boxes.items()}
    out |= {f"programme.{x.value}": box.value for x, box in p.programme_boxes.items()}
    return out
