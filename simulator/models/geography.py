"""Japan's 47 prefectures with the leading digits of their fixed-line area codes.

Regions are fictional municipalities inside real prefectures; this table lets the linter
catch a region whose area code could not belong to its prefecture.
"""

from __future__ import annotations

#: prefecture -> first two digits of the area codes used there ("03" is Tokyo's 23 wards).
PREFECTURE_AREA_PREFIXES: dict[str, tuple[str, ...]] = {
    "北海道": ("01",),
    "青森県": ("01",),
    "岩手県": ("01",),
    "宮城県": ("02",),
    "秋田県": ("01",),
    "山形県": ("02",),
    "福島県": ("02",),
    "茨城県": ("02",),
    "栃木県": ("02",),
    "群馬県": ("02",),
    "埼玉県": ("04",),
    "千葉県": ("04",),
    "東京都": ("03", "04"),
    "神奈川県": ("04",),
    "新潟県": ("02",),
    "富山県": ("07",),
    "石川県": ("07",),
    "福井県": ("07",),
    "山梨県": ("05",),
    "長野県": ("02",),
    "岐阜県": ("05",),
    "静岡県": ("05",),
    "愛知県": ("05",),
    "三重県": ("05",),
    "滋賀県": ("07",),
    "京都府": ("07",),
    "大阪府": ("06", "07"),
    "兵庫県": ("07",),
    "奈良県": ("07",),
    "和歌山県": ("07",),
    "鳥取県": ("08",),
    "島根県": ("08",),
    "岡山県": ("08",),
    "広島県": ("08",),
    "山口県": ("08",),
    "徳島県": ("08",),
    "香川県": ("08",),
    "愛媛県": ("08",),
    "高知県": ("08",),
    "福岡県": ("09",),
    "佐賀県": ("09",),
    "長崎県": ("09",),
    "熊本県": ("09",),
    "大分県": ("09",),
    "宮崎県": ("09",),
    "鹿児島県": ("09",),
    "沖縄県": ("09",),
}
