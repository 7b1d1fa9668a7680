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
    # Since 2024-12-02 no 短期証 or 資格証明書 are issued: arrears of a year or more may
    # bring a 資格確認書 under which the patient pays in full and claims 特別療養費.
    national_arrears = "national_arrears"  # 国保（滞納あり・資格確認書（特別療養費）のおそれ）
    late_elderly = "late_elderly"  # 後期高齢者医療
    dependent = "dependent"  # 扶養
    public_assistance = "public_assistance"  # 医療扶助
    none = "none"


class ResidenceStatus(StrEnum):
    """Nationality and residence status, which some resources restrict."""

    citizen = "citizen"
    permanent_resident = "permanent_resident"  # 永住者
    special_permanent_resident = "special_permanent_resident"  # 特別永住者
    long_term_resident = "long_term_resident"  # 定住者
    spouse_visa = "spouse_visa"  # 日本人の配偶者等
    spouse_of_permanent = "spouse_of_permanent"  # 永住者の配偶者等
    recognised_refugee = "recognised_refugee"  # 認定難民
    work_visa = "work_visa"  # 就労系の在留資格
    technical_intern = "technical_intern"  # 技能実習・育成就労
    student = "student"  # 留学
    dependent = "dependent"  # 家族滞在
    designated_activities = "designated_activities"  # 特定活動（難民申請中など）


class ResourceKind(StrEnum):
    """The catalogue of resources a plan links to (DOMAIN.md)."""

    housing_benefit = "housing_benefit"  # 住居確保給付金
    work_preparation = "work_preparation"  # 就労準備支援事業
    intermediate_work = "intermediate_work"  # 認定就労訓練事業
    household_budget = "household_budget"  # 家計改善支援事業
    # The id keeps its pre-2025 name; since 2025-04 the programme is 生活困窮者居住支援事業.
    temporary_shelter = "temporary_shelter"  # 居住支援事業（旧 一時生活支援事業）
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
    child_welfare = "child_welfare"  # 児童相談所・こども家庭センター
    single_parent = "single_parent"  # ひとり親窓口・母子父子寡婦福祉資金・高等職業訓練促進給付金
    tax_insurance = "tax_insurance"  # 税務課・国保（分納・減免・換価の猶予）
    housing_support_corp = "housing_support_corp"  # 居住支援法人
    hikikomori_centre = "hikikomori_centre"  # ひきこもり地域支援センター
    guardianship = "guardianship"  # 成年後見制度の中核機関
    consumer_centre = "consumer_centre"  # 消費生活センター
    women_support = "women_support"  # 女性相談支援センター（困難女性支援法）
    other = "other"


class RegionKind(StrEnum):
    """What kind of municipality a region is."""

    urban_ward = "urban_ward"
    city = "city"
    rural_town = "rural_town"
