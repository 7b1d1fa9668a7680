"""The controlled vocabulary shared by scenarios, regions, interviews and rubrics.

Every value is a stable English identifier; Japanese and English labels live in the
message catalogs (simulator/i18n), under ``vocab.<enum name>.<value>``.
"""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    """Assessment domains of the インテーク・アセスメントシート; also what a move is about."""

    referral = "referral"  # 相談経路
    complaint = "complaint"  # 主訴・本人の希望
    household = "household"  # 世帯・家族構成
    life_history = "life_history"  # 生活歴（学歴・職歴）
    employment = "employment"  # 就労
    income = "income"  # 収入・支出・資産
    debt = "debt"  # 債務・滞納
    housing = "housing"  # 住まい
    health = "health"  # 健康・障害
    mental_health = "mental_health"  # こころの状態・希死念慮
    family = "family"  # 家族関係
    social = "social"  # 社会参加・孤立
    children = "children"  # 子ども（就学・学習）
    caregiving = "caregiving"  # 介護
    abuse = "abuse"  # DV・虐待
    food_cash = "food_cash"  # 食料・手持ち金
    strengths = "strengths"  # 強み・できていること


class Technique(StrEnum):
    """How a counsellor's move is made. The last four are harmful."""

    open_question = "open_question"
    closed_question = "closed_question"
    reflection = "reflection"
    empathy = "empathy"
    summary = "summary"
    information = "information"
    advice = "advice"
    reassurance = "reassurance"
    silence = "silence"
    judgement = "judgement"
    premature_advice = "premature_advice"
    blame = "blame"
    interrogation = "interrogation"

    @property
    def harmful(self) -> bool:
        """True for moves that damage the relationship and never open a fact."""
        return self in HARMFUL_TECHNIQUES


HARMFUL_TECHNIQUES = frozenset(
    {Technique.judgement, Technique.premature_advice, Technique.blame, Technique.interrogation}
)


class IntakeCategory(StrEnum):
    """The problem checklist of the 相談受付・申込票 (○ each, ◎ the most pressing)."""

    health = "health"  # 病気・健康・障害
    housing = "housing"  # 住まい
    income = "income"  # 収入・生活費
    rent_loan = "rent_loan"  # 家賃・ローンの支払い
    arrears = "arrears"  # 税金・公共料金等の滞納
    debt = "debt"  # 債務
    job_search = "job_search"  # 仕事探し・就職
    work_trouble = "work_trouble"  # 仕事上の不安・トラブル
    neighbours = "neighbours"  # 地域との関係
    family = "family"  # 家族関係・人間関係
    childrearing = "childrearing"  # 子育て
    caregiving = "caregiving"  # 介護
    withdrawal = "withdrawal"  # ひきこもり・不登校
    dv_abuse = "dv_abuse"  # DV・虐待
    no_food = "no_food"  # 食べるものがない
    other = "other"  # その他


class Sensitivity(StrEnum):
    """How hard a fact is for the client to say aloud."""

    low = "low"
    medium = "medium"
    high = "high"


class Urgency(StrEnum):
    """Risks that need action before any plan (support before the plan)."""

    no_food = "no_food"
    eviction = "eviction"
    no_shelter = "no_shelter"
    suicide_risk = "suicide_risk"
    violence = "violence"
    no_cash = "no_cash"
    untreated_illness = "untreated_illness"


class ConversationStyle(StrEnum):
    """How the client talks."""

    reserved = "reserved"
    verbose = "verbose"
    tangent = "tangent"
    pleasing = "pleasing"
    guarded = "guarded"


class ArrivalRoute(StrEnum):
    """How the client reached the centre (把握の経路)."""

    walk_in = "walk_in"
    phone = "phone"
    referral_tax = "referral_tax"
    referral_housing = "referral_housing"
    referral_health_insurance = "referral_health_insurance"
    referral_school = "referral_school"
    referral_agency = "referral_agency"
    family = "family"
    hotline = "hotline"
    outreach = "outreach"


class Difficulty(StrEnum):
    """How hard a scenario is for a trainee."""

    introductory = "introductory"
    intermediate = "intermediate"
    advanced = "advanced"


class Sex(StrEnum):
    """Sex as recorded on the intake sheet."""

    male = "male"
    female = "female"


class Relation(StrEnum):
    """A household member's relation to the client."""

    father = "father"
    mother = "mother"
    spouse = "spouse"
    partner = "partner"
    son = "son"
    daughter = "daughter"
    brother = "brother"
    sister = "sister"
    grandfather = "grandfather"
    grandmother = "grandmother"
    grandchild = "grandchild"
    other = "other"


class HousingType(StrEnum):
    """Housing tenure (申込票 sheet B)."""

    owned = "owned"
    rented = "rented"
    public = "public"
    company = "company"
    family_home = "family_home"
    net_cafe = "net_cafe"
    none = "none"


class EmploymentType(StrEnum):
    """Kind of a job in the work history."""

    regular = "regular"
    non_regular = "non_regular"
    dispatch = "dispatch"
    live_in = "live_in"
    self_employed = "self_employed"
    part_time = "part_time"


class HealthInsurance(StrEnum):
    """Health insurance status."""

    employee = "employee"  # 被用者保険
    national = "national"  # 国民健康保険
    national_arrears = "national_arrears"  # 国保（滞納・短期証）
    late_elderly = "late_elderly"  # 後期高齢者医療
    dependent = "dependent"  # 扶養
    public_assistance = "public_assistance"  # 医療扶助
    none = "none"


class ResidenceStatus(StrEnum):
    """Nationality and residence status, which some resources restrict."""

    citizen = "citizen"
    permanent_resident = "permanent_resident"
    long_term_resident = "long_term_resident"
    spouse_visa = "spouse_visa"
    work_visa = "work_visa"
    technical_intern = "technical_intern"
    student = "student"


class ResourceKind(StrEnum):
    """The catalogue of resources a plan links to (DOMAIN.md)."""

    housing_benefit = "housing_benefit"  # 住居確保給付金
    work_preparation = "work_preparation"  # 就労準備支援事業
    intermediate_work = "intermediate_work"  # 認定就労訓練事業
    household_budget = "household_budget"  # 家計改善支援事業
    temporary_shelter = "temporary_shelter"  # 一時生活支援・居住支援
    child_learning = "child_learning"  # 子どもの学習・生活支援
    public_assistance = "public_assistance"  # 生活保護
    welfare_fund = "welfare_fund"  # 生活福祉資金
    hello_work = "hello_work"  # ハローワーク
    free_clinic = "free_clinic"  # 無料低額診療
    health_centre = "health_centre"  # 保健センター
    community_care_centre = "community_care_centre"  # 地域包括支援センター
    disability_support = "disability_support"  # 障害者相談支援
    legal_aid = "legal_aid"  # 法テラス・弁護士・司法書士
    food_support = "food_support"  # フードバンク・子ども食堂
    community = "community"  # 民生委員・自治会・ボランティア・居場所
    dv_support = "dv_support"  # 配偶者暴力相談支援センター
    daily_life_support = "daily_life_support"  # 日常生活自立支援事業
    mental_health_line = "mental_health_line"  # いのちの電話・こころの相談
    international = "international"  # 国際交流協会・通訳
    school = "school"  # 学校・スクールソーシャルワーカー
    other = "other"


class RegionKind(StrEnum):
    """What kind of municipality a region is."""

    urban_ward = "urban_ward"
    city = "city"
    rural_town = "rural_town"
