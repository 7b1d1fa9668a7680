"""Our own ja_JP tables, the way a Faker locale provider holds its lists.

Faker supplies names and company names; everything here is what Faker lacks or gets
wrong for our purpose. Changing a table changes the personas every seed gives, so the
golden files under tests/golden must be regenerated (``pytest --update-goldens``) and the
diff reviewed.
"""

from __future__ import annotations

from typing import Final

#: Faker 40.54.0 pairs whose romaji does not match the kana. Passport Hepburn (long
#: vowels dropped, as on a passport or a bank card) is what clients write on forms.
ROMAJI_FIXES: Final[dict[str, str]] = {
    "シュウヘイ": "Shuhei",  # Faker has "Shohei", which reads ショウヘイ
    "ミツル": "Mitsuru",  # Faker has Kunrei "Mituru"; every other entry is Hepburn
}

# A name triple as Faker's *_pair providers give it: (written form, katakana, romaji).
NameTriple = tuple[str, str, str]

#: Names for clients who are not Japanese nationals. Faker ja_JP has only Japanese names,
#: and a Filipino client called 佐藤 花子 would teach the wrong thing. The written form is
#: what the residence card shows: Chinese names in kanji, the others in Latin letters.
#: Keys are PersonaTemplate.nationality values.
FOREIGN_FAMILY_NAMES: Final[dict[str, tuple[NameTriple, ...]]] = {
    "philippines": (
        ("SANTOS", "サントス", "Santos"),
        ("REYES", "レイエス", "Reyes"),
        ("CRUZ", "クルス", "Cruz"),
        ("GARCIA", "ガルシア", "Garcia"),
        ("MENDOZA", "メンドーサ", "Mendoza"),
        ("RAMOS", "ラモス", "Ramos"),
        ("BAUTISTA", "バウティスタ", "Bautista"),
        ("VILLANUEVA", "ビリャヌエバ", "Villanueva"),
        ("AQUINO", "アキノ", "Aquino"),
        ("FERNANDEZ", "フェルナンデス", "Fernandez"),
        ("TORRES", "トーレス", "Torres"),
    ),
    "vietnam": (
        ("NGUYEN", "グエン", "Nguyen"),
        ("TRAN", "チャン", "Tran"),
        ("LE", "レ", "Le"),
        ("PHAM", "ファム", "Pham"),
        ("HOANG", "ホアン", "Hoang"),
        ("VU", "ヴー", "Vu"),
    ),
    "china": (
        ("王", "ワン", "Wang"),
        ("李", "リー", "Li"),
        ("張", "チャン", "Zhang"),
        ("劉", "リュウ", "Liu"),
        ("陳", "チェン", "Chen"),
        ("楊", "ヤン", "Yang"),
    ),
    "brazil": (
        ("SILVA", "シルバ", "Silva"),
        ("SANTOS", "サントス", "Santos"),
        ("OLIVEIRA", "オリベイラ", "Oliveira"),
        ("SOUZA", "ソウザ", "Souza"),
        ("PEREIRA", "ペレイラ", "Pereira"),
        ("COSTA", "コスタ", "Costa"),
    ),
    "nepal": (
        ("GURUNG", "グルン", "Gurung"),
        ("TAMANG", "タマン", "Tamang"),
        ("SHRESTHA", "シュレスタ", "Shrestha"),
        ("RAI", "ライ", "Rai"),
        ("THAPA", "タパ", "Thapa"),
        ("MAGAR", "マガル", "Magar"),
    ),
}

FOREIGN_GIVEN_NAMES_MALE: Final[dict[str, tuple[NameTriple, ...]]] = {
    "philippines": (
        ("JOSE", "ホセ", "Jose"),
        ("MARK", "マーク", "Mark"),
        ("JOHN", "ジョン", "John"),
        ("CARLO", "カルロ", "Carlo"),
        ("RAFAEL", "ラファエル", "Rafael"),
    ),
    "vietnam": (
        ("VAN MINH", "ヴァン ミン", "Van Minh"),
        ("DUC ANH", "ドゥック アイン", "Duc Anh"),
        ("VAN HUNG", "ヴァン フン", "Van Hung"),
        ("MINH TUAN", "ミン トゥアン", "Minh Tuan"),
        ("QUANG HUY", "クアン フイ", "Quang Huy"),
    ),
    "china": (
        ("偉", "ウェイ", "Wei"),
        ("強", "チアン", "Qiang"),
        ("磊", "レイ", "Lei"),
        ("浩然", "ハオラン", "Haoran"),
        ("志明", "ジーミン", "Zhiming"),
    ),
    "brazil": (
        ("LUCAS", "ルーカス", "Lucas"),
        ("RAFAEL", "ハファエル", "Rafael"),
        ("PEDRO", "ペドロ", "Pedro"),
        ("MARCOS", "マルコス", "Marcos"),
        ("FELIPE", "フェリペ", "Felipe"),
    ),
    "nepal": (
        ("RAM", "ラム", "Ram"),
        ("BIKASH", "ビカス", "Bikash"),
        ("SUMAN", "スマン", "Suman"),
        ("RAJESH", "ラジェシュ", "Rajesh"),
        ("SANTOSH", "サントス", "Santosh"),
    ),
}

FOREIGN_GIVEN_NAMES_FEMALE: Final[dict[str, tuple[NameTriple, ...]]] = {
    "philippines": (
        ("MARIA", "マリア", "Maria"),
        ("GRACE", "グレース", "Grace"),
        ("JOY", "ジョイ", "Joy"),
        ("CRISTINA", "クリスティーナ", "Cristina"),
        ("ANGELICA", "アンジェリカ", "Angelica"),
        ("ROSALIE", "ロザリー", "Rosalie"),
        ("MARIBEL", "マリベル", "Maribel"),
        ("JENNIFER", "ジェニファー", "Jennifer"),
        ("LIZA", "リザ", "Liza"),
        ("CHERRY", "チェリー", "Cherry"),
    ),
    "vietnam": (
        ("THI LAN", "ティ ラン", "Thi Lan"),
        ("THI HUONG", "ティ フオン", "Thi Huong"),
        ("THU TRANG", "トゥ チャン", "Thu Trang"),
        ("NGOC ANH", "ゴック アイン", "Ngoc Anh"),
        ("THI MAI", "ティ マイ", "Thi Mai"),
    ),
    "china": (
        ("静", "ジン", "Jing"),
        ("麗", "リー", "Li"),
        ("芳", "ファン", "Fang"),
        ("秀英", "シウイン", "Xiuying"),
        ("婷", "ティン", "Ting"),
    ),
    "brazil": (
        ("ANA", "アナ", "Ana"),
        ("JULIANA", "ジュリアナ", "Juliana"),
        ("FERNANDA", "フェルナンダ", "Fernanda"),
        ("PATRICIA", "パトリシア", "Patricia"),
        ("CAMILA", "カミラ", "Camila"),
    ),
    "nepal": (
        ("SITA", "シタ", "Sita"),
        ("ANITA", "アニタ", "Anita"),
        ("SUNITA", "スニタ", "Sunita"),
        ("GITA", "ギタ", "Gita"),
        ("SABINA", "サビナ", "Sabina"),
    ),
}

#: Private rented buildings: (name, number of floors). Wooden 荘 and アパート are two
#: storeys, so their room numbers never say 3xx.
RENTED_BUILDINGS: Final[tuple[tuple[str, int], ...]] = (
    ("コーポ桜", 3),
    ("コーポ若葉", 2),
    ("ハイツ富士見", 3),
    ("ハイツけやき", 2),
    ("メゾン青葉", 4),
    ("メゾンすみれ", 3),
    ("グリーンハイム", 3),
    ("サンハイム朝日", 4),
    ("レジデンス白樺", 5),
    ("パレス第一", 4),
    ("カーサひまわり", 3),
    ("松風荘", 2),
    ("第二清風荘", 2),
    ("みどり荘", 2),
    ("ひばりアパート", 2),
    ("フォーレスト", 3),
)

#: Share of rented homes with a building name; the rest are rented detached houses (貸家).
RENTED_BUILDING_SHARE: Final = 0.9

#: Rooms per floor in a rented building (101..108).
ROOMS_PER_FLOOR: Final = 8

#: Public housing: 団地 blocks have 1-12 buildings of 3-5 floors.
PUBLIC_HOUSING_SUFFIXES: Final[tuple[str, ...]] = ("団地", "住宅", "アパート")
PUBLIC_HOUSING_BLOCKS: Final = 12
PUBLIC_HOUSING_FLOORS: Final = 5

#: Which public body runs public housing, by the last character of the prefecture name.
PREFECTURAL_HOUSING: Final[dict[str, str]] = {
    "都": "都営",
    "道": "道営",
    "府": "府営",
    "県": "県営",
}
#: ... and of the municipality name (a ward of a designated city is run by the city).
MUNICIPAL_HOUSING: Final[dict[str, str]] = {"区": "区営", "市": "市営", "町": "町営", "村": "村営"}

#: Street numbers: 番 within a 丁目, 番地 where the town has no 丁目 (rural lots run high).
BAN_MAX_CHOME: Final = 30
BANCHI_MAX: Final = 3000
GO_MAX: Final = 20

#: Mobile prefixes and rough weights (070 was opened to mobiles only in 2013).
MOBILE_PREFIXES: Final[tuple[tuple[str, int], ...]] = (("090", 50), ("080", 35), ("070", 15))

#: Chance a client gives a fixed line rather than a mobile, by minimum age. Older clients
#: often give the home phone; younger ones rarely have one.
LANDLINE_SHARE_BY_AGE: Final[tuple[tuple[int, float], ...]] = ((65, 0.45), (40, 0.12), (0, 0.03))

#: Share of clients who are men when the template leaves sex open (DOMAIN.md: ~60%).
MALE_SHARE: Final = 0.6

#: Employer shown for self-employed work: company() would invent a firm the client
#: never had.
SELF_EMPLOYED_EMPLOYER: Final = "自営"

#: Faker ja_JP company names can be banks or insurers ('高橋銀行合同会社'), which cannot
#: legally be a 合同会社 or 有限会社 and rarely employ the centre's clients; such names
#: are drawn again.
UNLIKELY_EMPLOYER_WORDS: Final[tuple[str, ...]] = ("銀行", "保険")

#: Youngest age gap between generations (parent and child), so a template's wide ranges
#: never give a mother five years older than the client.
GENERATION_GAP: Final = 16
