"""Demo data: an upper union with four CĐCS shaped like the seed documents.

`python manage.py seed_demo` calls `seed()`. The data is deterministic (random.Random(2026), fixed
dates), built in one transaction, and skipped when the top organisation (code CDVC-DEMO) exists,
so `make run` can call it on every start.

- Công đoàn Viên chức tỉnh Bến Tre (upper union)
  - Công đoàn Trường Đại học Đồng Khởi: 815 members, 25 groups at the main site and three công
    đoàn bộ phận with 2, 2 and 17 groups (the seed report's shape); BCH of 15 elected in 2022,
    13 today after two retirements, a transfer and a by-election; Ban Thường vụ, UBKT, Ban Nữ
    công over two terms.
  - Công đoàn cơ sở Sở Nội vụ: 56 members (28 women) in 7 groups; the demo logins work here.
  - Công đoàn cơ sở Thư viện tỉnh (18 members, 2 groups), Bảo tàng tỉnh (9 members, no groups).

Organisations go through services.organisation_create (treebeard paths); members, events and
positions are bulk-created with their history rows (simple_history.utils.bulk_create_with_history)
after filling the same derived columns the services fill (services.prepare_member).
"""

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from unionhub.models import Role, RoleAssignment
from unionhub.text import fold

from .models import (
    AdmissionApplication,
    Body,
    LevelChoice,
    Member,
    MemberEvent,
    Organisation,
    PartyRecommendation,
    Position,
    Term,
)
from .organisations.services import organisation_create
from .registry import services

SEED = 2026
MARKER_CODE = "CDVC-DEMO"
DEMO_PASSWORD = "UnionHub@2026"
# No demo date lies after this day, so the data never describes the future.
LAST_DAY = date(2026, 10, 31)

K = Organisation.Kind
E = MemberEvent.Kind
T = Position.Title
M = Position.Method
B = Body.Kind


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str | None  # a unionhub.models.Role; None for the administrator (superuser)
    organisation_code: str
    description: str


DEMO_ACCOUNTS = (
    DemoAccount("admin", None, MARKER_CODE, "Quản trị hệ thống (superuser, /quan-tri/)"),
    DemoAccount("chutich", Role.OFFICER, "DEMO-SNV", "Chủ tịch CĐCS Sở Nội vụ"),
    DemoAccount("ketoan", Role.ACCOUNTANT, "DEMO-SNV", "Kế toán công đoàn, Sở Nội vụ"),
    DemoAccount("kiemtra", Role.INSPECTOR, "DEMO-SNV", "Chủ nhiệm UBKT, Sở Nội vụ"),
    DemoAccount("totruong", Role.GROUP_LEADER, "DEMO-SNV-02", "Tổ trưởng Tổ Tổ chức cán bộ"),
    DemoAccount("doanvien", Role.MEMBER, "DEMO-SNV", "Đoàn viên Tổ Tổ chức cán bộ"),
    DemoAccount("captren", Role.UPPER_VIEWER, MARKER_CODE, "Cán bộ Công đoàn Viên chức tỉnh"),
    DemoAccount("chutich2", Role.OFFICER, "DEMO-DHDK", "Chủ tịch CĐ Trường ĐH Đồng Khởi"),
)

# --- the shape of the branches ---------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A tổ công đoàn: its name, active members, of whom women, and the staff profile."""

    name: str
    size: int
    women: int
    profile: str  # faculty, politics, language, it, office, service, school, agency, archive


@dataclass(frozen=True)
class SubBranch:
    code: str
    name: str
    short_name: str
    address: str
    groups: tuple[Unit, ...]


@dataclass(frozen=True)
class Branch:
    code: str
    name: str
    short_name: str
    employer: str
    address: str
    suffix: str  # of the branch's own decisions: "15/QĐ-CĐT"
    employer_suffix: str  # of the employer's decisions (retirement): "112/QĐ-ĐHĐK"
    email_domain: str
    terms: tuple[tuple[int, date, date], ...]  # (congress number, congress day = start, end)
    groups: tuple[Unit, ...] = ()
    sub_branches: tuple[SubBranch, ...] = ()
    direct: Unit | None = None  # members registered at the branch itself (no groups)
    past: tuple[tuple[str, int], ...] = ()  # ordinary past members: (ending event, how many)
    transfers: int = 0  # active members who moved between the branch's groups


UPPER = {
    "code": MARKER_CODE,
    "name": "Công đoàn Viên chức tỉnh Bến Tre",
    "short_name": "CĐVC tỉnh Bến Tre",
    "address": "Đường Cách Mạng Tháng Tám, phường An Hội, thành phố Bến Tre",
}
UPPER_SUFFIX = "CĐVC"

UNIVERSITY = Branch(
    code="DEMO-DHDK",
    name="Công đoàn Trường Đại học Đồng Khởi",
    short_name="CĐ Trường ĐH Đồng Khởi",
    employer="Trường Đại học Đồng Khởi",
    address="Số 26 đường Nguyễn Đình Chiểu, phường Phú Khương, thành phố Bến Tre",
    suffix="CĐT",
    employer_suffix="ĐHĐK",
    email_domain="dhdk.edu.vn",
    terms=((12, date(2017, 5, 20), date(2022, 9, 14)), (13, date(2022, 9, 15), date(2027, 9, 14))),
    groups=(
        Unit("Tổ Văn phòng", 29, 22, "office"),
        Unit("Tổ Phòng Tổ chức cán bộ", 12, 7, "office"),
        Unit("Tổ Phòng Đào tạo", 20, 15, "office"),
        Unit("Tổ Phòng Kế hoạch - Tài chính", 15, 13, "office"),
        Unit("Tổ Phòng Quản trị - Thiết bị", 28, 8, "service"),
        Unit("Tổ Phòng Khoa học và Hợp tác quốc tế", 11, 6, "office"),
        Unit("Tổ Phòng Công tác sinh viên", 14, 7, "office"),
        Unit("Tổ Phòng Khảo thí và Đảm bảo chất lượng", 10, 6, "office"),
        Unit("Tổ Phòng Thanh tra - Pháp chế", 8, 4, "office"),
        Unit("Tổ Thư viện", 13, 11, "office"),
        Unit("Tổ Trung tâm Công nghệ thông tin", 12, 3, "it"),
        Unit("Tổ Trung tâm Ngoại ngữ - Tin học", 11, 7, "language"),
        Unit("Tổ Khoa Sư phạm", 36, 27, "faculty"),
        Unit("Tổ Khoa Kinh tế", 38, 27, "faculty"),
        Unit("Tổ Khoa Nông nghiệp và Thủy sản", 34, 15, "faculty"),
        Unit("Tổ Khoa Công nghệ thông tin", 30, 9, "it"),
        Unit("Tổ Khoa Kỹ thuật - Công nghệ", 29, 6, "faculty"),
        Unit("Tổ Khoa Ngoại ngữ", 32, 24, "language"),
        Unit("Tổ Khoa Lý luận chính trị", 18, 9, "politics"),
        Unit("Tổ Khoa Luật", 22, 13, "faculty"),
        Unit("Tổ Khoa Khoa học xã hội và Nhân văn", 24, 18, "faculty"),
        Unit("Tổ Khoa Khoa học tự nhiên", 27, 16, "faculty"),
        Unit("Tổ Khoa Giáo dục thể chất - Quốc phòng", 16, 4, "faculty"),
        Unit("Tổ Khoa Môi trường và Tài nguyên", 21, 13, "faculty"),
        Unit("Tổ Trường Thực hành Sư phạm", 40, 33, "school"),
    ),
    sub_branches=(
        SubBranch(
            "DEMO-DHDK-VL",
            "Công đoàn bộ phận Phân hiệu Vĩnh Long",
            "CĐBP Phân hiệu Vĩnh Long",
            "Phường 1, thành phố Vĩnh Long, tỉnh Vĩnh Long",
            (
                Unit("Tổ Hành chính - Đào tạo", 25, 16, "office"),
                Unit("Tổ Giảng viên", 23, 13, "faculty"),
            ),
        ),
        SubBranch(
            "DEMO-DHDK-MC",
            "Công đoàn bộ phận Trạm Thực nghiệm Nông nghiệp Mỏ Cày",
            "CĐBP Trạm Mỏ Cày",
            "Xã Tân Trung, huyện Mỏ Cày Nam, tỉnh Bến Tre",
            (
                Unit("Tổ Nghiên cứu", 22, 9, "faculty"),
                Unit("Tổ Kỹ thuật viên", 18, 6, "service"),
            ),
        ),
        SubBranch(
            "DEMO-DHDK-HCM",
            "Công đoàn bộ phận Cơ sở Thành phố Hồ Chí Minh",
            "CĐBP Cơ sở TP. HCM",
            "Quận 10, Thành phố Hồ Chí Minh",
            (
                Unit("Tổ Văn phòng Cơ sở", 14, 10, "office"),
                Unit("Tổ Đào tạo", 12, 8, "office"),
                Unit("Tổ Kế hoạch - Tài chính", 8, 6, "office"),
                Unit("Tổ Quản trị - Thiết bị", 13, 4, "service"),
                Unit("Tổ Công tác sinh viên", 9, 5, "office"),
                Unit("Tổ Thư viện", 7, 6, "office"),
                Unit("Tổ Khoa Kinh tế", 14, 9, "faculty"),
                Unit("Tổ Khoa Quản trị kinh doanh", 12, 7, "faculty"),
                Unit("Tổ Khoa Tài chính - Ngân hàng", 11, 7, "faculty"),
                Unit("Tổ Khoa Kế toán - Kiểm toán", 10, 8, "faculty"),
                Unit("Tổ Khoa Luật", 10, 5, "faculty"),
                Unit("Tổ Khoa Công nghệ thông tin", 11, 3, "it"),
                Unit("Tổ Khoa Ngoại ngữ", 12, 9, "language"),
                Unit("Tổ Khoa Du lịch", 8, 5, "faculty"),
                Unit("Tổ Khoa Marketing", 8, 5, "faculty"),
                Unit("Tổ Bộ môn Lý luận chính trị", 9, 4, "politics"),
                Unit("Tổ Trung tâm Bồi dưỡng nghiệp vụ", 9, 6, "office"),
            ),
        ),
    ),
    past=((E.RETIRED, 20), (E.LEFT, 4), (E.TRANSFERRED_OUT, 6), (E.DECEASED, 1)),
    transfers=18,
)

HOME_AFFAIRS = Branch(
    code="DEMO-SNV",
    name="Công đoàn cơ sở Sở Nội vụ",
    short_name="CĐCS Sở Nội vụ",
    employer="Sở Nội vụ tỉnh Bến Tre",
    address="Số 3 đường Hai Bà Trưng, phường 2, thành phố Bến Tre",
    suffix="CĐCS",
    employer_suffix="SNV",
    email_domain="sonoivu.bentre.gov.vn",
    terms=((5, date(2017, 10, 12), date(2023, 3, 15)), (6, date(2023, 3, 16), date(2028, 3, 15))),
    groups=(
        Unit("Tổ Văn phòng", 10, 6, "agency"),
        Unit("Tổ Tổ chức cán bộ", 8, 4, "agency"),
        Unit("Tổ Công chức - Viên chức", 8, 4, "agency"),
        Unit("Tổ Xây dựng chính quyền", 7, 3, "agency"),
        Unit("Tổ Thanh tra", 6, 2, "agency"),
        Unit("Tổ Thi đua - Khen thưởng", 8, 4, "agency"),
        Unit("Tổ Văn thư - Lưu trữ", 9, 5, "archive"),
    ),
    past=((E.RETIRED, 2), (E.LEFT, 1)),
    transfers=2,
)

LIBRARY = Branch(
    code="DEMO-TV",
    name="Công đoàn cơ sở Thư viện tỉnh Bến Tre",
    short_name="CĐCS Thư viện tỉnh",
    employer="Thư viện tỉnh Bến Tre",
    address="Số 1 đường Hùng Vương, phường 3, thành phố Bến Tre",
    suffix="CĐTV",
    employer_suffix="TV",
    email_domain="thuvien.bentre.gov.vn",
    terms=((4, date(2017, 8, 18), date(2022, 8, 25)), (5, date(2022, 8, 26), date(2027, 8, 25))),
    groups=(
        Unit("Tổ Nghiệp vụ", 11, 9, "office"),
        Unit("Tổ Hành chính - Phục vụ", 7, 4, "service"),
    ),
    past=((E.RETIRED, 1),),
    transfers=1,
)

MUSEUM = Branch(
    code="DEMO-BT",
    name="Công đoàn cơ sở Bảo tàng tỉnh Bến Tre",
    short_name="CĐCS Bảo tàng tỉnh",
    employer="Bảo tàng tỉnh Bến Tre",
    address="Số 146 đường Hùng Vương, phường 3, thành phố Bến Tre",
    suffix="CĐBT",
    employer_suffix="BT",
    email_domain="baotang.bentre.gov.vn",
    terms=((3, date(2018, 3, 9), date(2023, 3, 9)), (4, date(2023, 3, 10), date(2028, 3, 9))),
    direct=Unit("", 9, 5, "office"),
    past=((E.TRANSFERRED_OUT, 1),),
)

BRANCHES = (UNIVERSITY, HOME_AFFAIRS, LIBRARY, MUSEUM)

# --- names and profile lists -----------------------------------------------------------------

# fmt: off

SURNAMES = {
    "Nguyễn": 31, "Trần": 11, "Lê": 9, "Phạm": 6, "Huỳnh": 6, "Võ": 6, "Phan": 5, "Trương": 3,
    "Hồ": 3, "Đặng": 2, "Bùi": 2, "Đỗ": 2, "Ngô": 2, "Dương": 2, "Lâm": 2, "Hoàng": 2, "Đoàn": 1,
    "Mai": 1, "Lý": 1, "Châu": 1, "Cao": 1, "Lương": 1, "Tô": 1, "Vũ": 1, "Thái": 1, "Quách": 1,
}
MIDDLE = {
    "M": {
        "Văn": 30, "Minh": 8, "Quốc": 6, "Thanh": 6, "Hữu": 6, "Hoàng": 5, "Tấn": 5, "Công": 4,
        "Đức": 4, "Ngọc": 3, "Trung": 3, "Chí": 3, "Thành": 3, "Duy": 3, "Quang": 3, "Hoài": 2,
        "Phước": 2, "Nhật": 2, "Trọng": 2, "Xuân": 2, "Anh": 2,
    },
    "F": {
        "Thị": 40, "Ngọc": 8, "Thanh": 5, "Thu": 4, "Kim": 4, "Thùy": 4, "Mỹ": 4, "Bích": 3,
        "Hồng": 3, "Phương": 3, "Minh": 2, "Diễm": 2, "Tuyết": 2, "Hoài": 2, "Như": 2, "Cẩm": 2,
        "Xuân": 2, "Kiều": 2,
    },
}
GIVEN = {
    "M": (
        "An Bảo Bình Cường Danh Duy Dũng Đạt Định Đông Giang Hải Hào Hậu Hiếu Hiển Hòa Hoàng Hùng "
        "Huy Khải Khang Khanh Khoa Kiệt Lâm Lộc Long Luân Lực Minh Nam Nghĩa Nguyên Nhân Phát "
        "Phong Phúc Phụng Quang Quân Sang Sơn Tài Tâm Tân Thái Thắng Thanh Thiện Thịnh Thông Toàn "
        "Trí Triết Trung Trường Tuấn Tùng Vinh Việt Vũ Vương"
    ).split(),
    "F": (
        "Anh Bích Châu Diễm Diệu Dung Duyên Giang Hà Hằng Hạnh Hân Hiền Hoa Hồng Huệ Hương Khánh "
        "Lan Liên Linh Loan Mai My Nga Ngân Nguyệt Nhung Nhi Oanh Phượng Phương Quyên Quỳnh Tâm "
        "Thảo Thanh Thơ Thư Thủy Thúy Trâm Trang Trinh Tuyết Uyên Vân Vy Xuân Yến"
    ).split(),
}

PROFESSIONAL = {
    "faculty": {"Tiến sĩ": 30, "Thạc sĩ": 58, "Đại học": 12},
    "politics": {"Tiến sĩ": 35, "Thạc sĩ": 55, "Đại học": 10},
    "language": {"Tiến sĩ": 10, "Thạc sĩ": 55, "Đại học": 35},
    "it": {"Tiến sĩ": 15, "Thạc sĩ": 45, "Đại học": 35, "Cao đẳng": 5},
    "office": {"Tiến sĩ": 4, "Thạc sĩ": 38, "Đại học": 48, "Cao đẳng": 5, "Trung cấp": 5},
    "school": {"Thạc sĩ": 30, "Đại học": 65, "Cao đẳng": 5},
    "agency": {"Tiến sĩ": 2, "Thạc sĩ": 38, "Đại học": 55, "Cao đẳng": 2, "Trung cấp": 3},
    "archive": {"Thạc sĩ": 10, "Đại học": 60, "Cao đẳng": 15, "Trung cấp": 15},
    "service": {
        "Đại học": 20, "Cao đẳng": 15, "Trung cấp": 25, "Sơ cấp": 10, "Chưa qua đào tạo": 30,
    },
}
TEACHING = {"faculty", "politics", "language", "it", "school"}
POLITICAL_PARTY = {"Cao cấp": 18, "Cử nhân": 4, "Trung cấp": 40, "Sơ cấp": 28, None: 10}
POLITICAL_PARTY_SENIOR = {"Cao cấp": 50, "Cử nhân": 20, "Trung cấp": 20, "Sơ cấp": 10}
POLITICAL_OTHERS = {"Sơ cấp": 4, "Trung cấp": 2, None: 94}
LANGUAGE = {
    "Tiến sĩ": {"C1": 35, "B2": 30, "B1": 30, "Cử nhân": 5},
    "Thạc sĩ": {"B1": 55, "B2": 30, "C1": 5, "B": 10},
    "Đại học": {"B": 25, "B1": 35, "A2": 10, "A": 10, "B2": 5, None: 15},
    "Cao đẳng": {"A": 30, "A2": 20, "B": 15, None: 35},
    "Trung cấp": {"A": 30, "A2": 20, "B": 15, None: 35},
}
LANGUAGE_UNSCHOOLED = {"A": 15, None: 85}
LANGUAGE_TEACHERS = {"Cử nhân": 70, "C1": 20, "B2": 10}
OLD_LANGUAGE = {"A2": "A", "B1": "B", "B2": "C"}  # certificates of those schooled before 2008
IT = {"Ứng dụng CNTT cơ bản": 40, "Ứng dụng CNTT nâng cao": 8, "A": 15, "B": 20, None: 17}
IT_SERVICE = {"Ứng dụng CNTT cơ bản": 20, "A": 20, None: 60}
IT_EXPERTS = {"Cử nhân": 75, "Ứng dụng CNTT nâng cao": 25}
ETHNICITY = {"Kinh": 965, "Khmer": 15, "Hoa": 15, "Tày": 3, "Chăm": 2}

BASE_SALARY = 2_340_000  # lương cơ sở from 1/7/2024, đồng
# Civil-service pay scales: starting coefficient, step every three years, ceiling.
PAY_SCALE = {
    "Tiến sĩ": (3.00, 0.34, 6.78),
    "Thạc sĩ": (2.67, 0.34, 6.38),
    "Đại học": (2.34, 0.33, 4.98),
    "Cao đẳng": (2.10, 0.31, 4.89),
    "Trung cấp": (1.86, 0.20, 4.06),
    "Sơ cấp": (1.65, 0.18, 3.63),
    "Chưa qua đào tạo": (1.50, 0.18, 3.48),
    None: (1.50, 0.18, 3.48),
}
PROVINCE_CODES = {"083": 70, "082": 8, "086": 8, "084": 6, "079": 8}  # of the CCCD number
PHONE_PREFIXES = (
    "090 091 093 094 096 097 098 032 033 034 035 036 037 038 039 070 076 077 078 079 081 082 "
    "083 084 085 086 088 089"
).split()
DESTINATIONS = (
    "Trường Đại học Cần Thơ",
    "Sở Giáo dục và Đào tạo tỉnh Bến Tre",
    "Trường Đại học Trà Vinh",
    "Trường Đại học Sư phạm Kỹ thuật Vĩnh Long",
    "Trường Đại học Kinh tế Thành phố Hồ Chí Minh",
    "Trường Cao đẳng Bến Tre",
    "Ủy ban nhân dân huyện Châu Thành",
)
LEFT_NOTES = (
    "Xin nghỉ việc, chấm dứt hợp đồng làm việc.",
    "Nghỉ việc để chuyển sang khu vực tư nhân.",
    "Thôi việc theo nguyện vọng cá nhân.",
)

# fmt: on


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day_in(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _years_after(day: date, years: int, months: int = 0) -> date:
    month = day.month - 1 + months
    return date(day.year + years + month // 12, month % 12 + 1, min(day.day, 28))


# --- the builder -----------------------------------------------------------------------------


@dataclass
class _Site:
    """A branch being built: its organisations and the active members to pick office holders."""

    spec: Branch
    org: Organisation
    groups: list[tuple[Organisation, Unit]] = field(default_factory=list)
    subs: list[Organisation] = field(default_factory=list)
    pool: list[Member] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)  # id() of members given a committee seat

    def unit_of(self, org: Organisation) -> Unit:
        return next(unit for group, unit in self.groups if group.pk == org.pk)

    def group(self, name: str) -> Organisation:
        return next(group for group, unit in self.groups if group.name == name)


class _Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.levels = {(c.kind, c.name): c for c in LevelChoice.objects.all()}
        # Card numbers "BT" + year of joining + a serial, unique even beside other data.
        self.card_serials = iter(rng.sample(range(100_000, 1_000_000), 5_000))
        self.existing_cards = set(
            Member.objects.filter(card_number__startswith="BT").values_list(
                "card_number", flat=True
            )
        )
        self.members: list[Member] = []
        self.terms: list[Term] = []
        self.bodies: list[Body] = []
        self.positions: list[Position] = []
        self.applications: list[AdmissionApplication] = []
        self.recommendations: list[PartyRecommendation] = []
        self.numbers: Counter = Counter()
        self.emails: set[str] = set()
        self.sites: dict[str, _Site] = {}

    # numbers ---------------------------------------------------------------------------------

    def decision(self, suffix: str, day: date, kind: str = "QĐ", lag: int = 0):
        """A numbered decision of `suffix`'s office: ("15/QĐ-CĐT", its date)."""
        key = (kind, suffix, day.year)
        if suffix == UPPER_SUFFIX and not self.numbers[key]:
            # A provincial office issues many more: start the year somewhere in its register.
            self.numbers[key] = self.rng.randint(20, 150)
        self.numbers[key] += self.rng.randint(1, 3)
        return f"{self.numbers[key]:02d}/{kind}-{suffix}", day + timedelta(days=lag)

    def card(self, joined: date) -> str | None:
        if joined.year >= 2026:
            return None  # the card has not been issued yet
        while True:
            number = f"BT{joined.year % 100:02d}{next(self.card_serials):06d}"
            if number not in self.existing_cards:
                return number

    # people ----------------------------------------------------------------------------------

    def name(self, gender: str) -> str:
        rng = self.rng
        surname = _weighted(rng, SURNAMES)
        middle = _weighted(rng, MIDDLE[gender])
        if rng.random() < 0.18:  # four-word names: "Nguyễn Thị Ngọc Hân", "Trần Minh Quốc Bảo"
            second = _weighted(rng, MIDDLE[gender])
            if second not in (middle, "Văn", "Thị"):
                middle = f"{middle} {second}"
        given = rng.choice(GIVEN[gender])
        while given in middle.split():
            given = rng.choice(GIVEN[gender])
        return f"{surname} {middle} {given}"

    def birth_date(self, gender: str) -> date:
        # Active staff: men born from 1966, women from 1970 (older ones have retired by 2026).
        low = 1966 if gender == "M" else 1970
        year = round(self.rng.triangular(low, 2000, 1985))
        return date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def joined_date(self, born: date, before: date | None = None) -> date:
        rng = self.rng
        low = max(date(born.year + 22, 1, 1), date(1986, 1, 1))
        high = min(date(born.year + 30, 12, 31), date(2026, 6, 30))
        if before is not None:
            high = min(high, before - timedelta(days=200))
        return _day_in(rng, low, max(low, high))

    def email(self, full_name: str, domain: str) -> str:
        words = fold(full_name).split()
        local = words[-1] + "".join(w[0] for w in words[:-1])
        candidate, n = local, 1
        while f"{candidate}@{domain}" in self.emails:
            n += 1
            candidate = f"{local}{n}"
        self.emails.add(f"{candidate}@{domain}")
        return f"{candidate}@{domain}"

    def level(self, kind: str, name: str | None) -> LevelChoice | None:
        return self.levels.get((kind, name)) if name else None

    def member(
        self,
        site: _Site,
        org: Organisation,
        gender: str,
        profile: str,
        *,
        born: date | None = None,
        joined: date | None = None,
        joined_before: date | None = None,
    ) -> Member:
        rng = self.rng
        born = born or self.birth_date(gender)
        joined = joined or self.joined_date(born, joined_before)
        full_name = self.name(gender)
        professional = _weighted(rng, PROFESSIONAL[profile])
        if professional == "Tiến sĩ" and born.year > 1992:
            professional = "Thạc sĩ"
        if professional == "Thạc sĩ" and born.year > 1998:
            professional = "Đại học"
        party_chance = 0.18 + (0.12 if born.year < 1980 else 0)
        party_chance += {"Tiến sĩ": 0.15, "Thạc sĩ": 0.05}.get(professional, 0)
        party_chance += {"politics": 0.6, "agency": 0.2, "service": -0.1}.get(profile, 0)
        party = rng.random() < party_chance
        if party:
            senior = profile == "politics" or professional == "Tiến sĩ"
            political = _weighted(rng, POLITICAL_PARTY_SENIOR if senior else POLITICAL_PARTY)
        else:
            political = _weighted(rng, POLITICAL_OTHERS)
        if profile == "language" and professional != "Cao đẳng":
            language = _weighted(rng, LANGUAGE_TEACHERS)
        else:
            language = _weighted(rng, LANGUAGE.get(professional, LANGUAGE_UNSCHOOLED))
        if born.year < 1978:
            language = OLD_LANGUAGE.get(language, language)
        if profile == "it" and professional != "Cao đẳng":
            it = _weighted(rng, IT_EXPERTS)
        else:
            it = _weighted(rng, IT_SERVICE if profile == "service" else IT)
        contract = 0.45 if joined.year >= 2019 else 0.08
        contract += 0.3 if profile == "service" else 0
        start, step, ceiling = PAY_SCALE[professional]
        coefficient = min(ceiling, start + step * (max(0, 2026 - joined.year) // 3))
        allowance = rng.uniform(0.25, 0.45) if profile in TEACHING else rng.uniform(0, 0.2)
        salary = round(coefficient * BASE_SALARY * (1 + allowance), -3)
        century = 0 if born.year < 2000 else 2
        national_id = (
            f"{_weighted(rng, PROVINCE_CODES)}{century + (gender == 'F')}{born.year % 100:02d}"
            f"{rng.randint(0, 999_999):06d}"
        )
        member = Member(
            organisation=org,
            full_name=full_name,
            gender=gender,
            date_of_birth=born,
            ethnicity=self.level("ethnicity", _weighted(rng, ETHNICITY)),
            party_member=party,
            employment=(
                Member.Employment.CONTRACT
                if rng.random() < contract
                else Member.Employment.PERMANENT
            ),
            professional_level=self.level("professional", professional),
            political_level=self.level("political", political),
            language_level=self.level("language", language),
            it_level=self.level("it", it),
            card_number=self.card(joined),
            national_id=national_id,
            salary_basis=int(min(20_000_000, max(5_000_000, salary))),
            phone=(
                f"{rng.choice(PHONE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"
                if rng.random() < 0.9
                else ""
            ),
            email=self.email(full_name, site.spec.email_domain) if rng.random() < 0.7 else "",
            joined_on=joined,
            status=Member.Status.ACTIVE,
        )
        services.prepare_member(member)
        member.demo_events = []
        member.demo_since = joined  # in the current group since
        member.demo_ended = None  # the day membership ended, for past members
        self.members.append(member)
        self.event(member, E.ADMITTED, joined, org, decision=self.admission_decision(site, joined))
        return member

    def admission_decision(self, site: _Site, day: date):
        if day.year < 2005 and self.rng.random() < 0.5:
            return "", None  # older paper records often lack the number
        return self.decision(site.spec.suffix, day)

    def event(self, member, kind, day, org, *, from_org=None, decision=("", None), **extra):
        if member.demo_events and day <= member.demo_events[-1].date:
            raise ValueError(f"demo data: events of {member} out of order")
        status = MemberEvent.STATUS_AFTER[kind]
        member.demo_events.append(
            MemberEvent(
                member=member,
                kind=kind,
                date=day,
                organisation=org,
                from_organisation=from_org,
                status_after=status,
                decision_no=decision[0],
                decision_date=decision[1],
                **extra,
            )
        )
        member.status = status
        member.organisation = org
        if status == Member.Status.ACTIVE:
            member.demo_since = day
            member.demo_ended = None
        else:
            member.demo_ended = day

    def retirement_birth_date(self, gender: str, day: date) -> date:
        """Born so that `day` is the first of the month after reaching retirement age."""
        years, months = (
            (60, 3 * max(0, day.year - 2020))
            if gender == "M"
            else (55, 4 * max(0, day.year - 2020))
        )
        reached = _years_after(day, -years, -months - 1)
        return date(reached.year, reached.month, self.rng.randint(1, 28))

    def past(
        self,
        site: _Site,
        kind: str,
        day: date,
        gender: str | None = None,
        *,
        org: Organisation | None = None,
        destination: str = "",
        note: str = "",
    ) -> Member:
        """A member whose membership ended on `day` (retirement, transfer out, leaving, death)."""
        rng = self.rng
        gender = gender or rng.choice("MF")
        if org is None:
            org, unit = rng.choices(site.groups, weights=[u.size for _, u in site.groups])[0]
        else:
            unit = site.unit_of(org)
        born = None
        if kind == E.RETIRED:
            born = self.retirement_birth_date(gender, day)
            note = note or "Nghỉ hưu theo chế độ."
        elif kind == E.DECEASED:
            born = date(rng.randint(1966, 1972), rng.randint(1, 12), rng.randint(1, 28))
        else:
            born = self.birth_date(gender)
            if born.year + 24 > day.year:  # old enough to have worked here a while
                born = born.replace(year=day.year - rng.randint(24, 40))
        member = self.member(
            site, org, gender, unit.profile, born=born, joined_before=day - timedelta(days=730)
        )
        if kind == E.RETIRED:
            decision = self.decision(site.spec.employer_suffix, day, lag=-60)
        elif kind == E.DECEASED:
            decision = ("", None)
        else:
            decision = self.decision(site.spec.suffix, day, lag=-5)
        self.event(member, kind, day, org, decision=decision, destination=destination, note=note)
        return member

    # structure -------------------------------------------------------------------------------

    def organisation(self, parent, kind, *, code, name, short_name="", address="", employer=""):
        return organisation_create(
            parent=parent,
            actor=None,
            kind=kind,
            code=code,
            name=name,
            short_name=short_name,
            address=address,
            employer_unit=employer,
        )

    def site(self, upper: Organisation, spec: Branch) -> _Site:
        branch = self.organisation(
            upper,
            K.BRANCH,
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            address=spec.address,
            employer=spec.employer,
        )
        site = _Site(spec=spec, org=branch)
        for i, unit in enumerate(spec.groups, start=1):
            group = self.organisation(branch, K.GROUP, code=f"{spec.code}-{i:02d}", name=unit.name)
            site.groups.append((group, unit))
        for sub_spec in spec.sub_branches:
            sub = self.organisation(
                branch,
                K.SUB_BRANCH,
                code=sub_spec.code,
                name=sub_spec.name,
                short_name=sub_spec.short_name,
                address=sub_spec.address,
            )
            site.subs.append(sub)
            for i, unit in enumerate(sub_spec.groups, start=1):
                group = self.organisation(
                    sub, K.GROUP, code=f"{sub_spec.code}-{i:02d}", name=unit.name
                )
                site.groups.append((group, unit))
        if spec.direct:
            site.groups.append((branch, spec.direct))
        self.sites[spec.code] = site
        return site

    def fill(self, site: _Site) -> None:
        """The active members of every group, then the branch's ordinary past members."""
        rng = self.rng
        for org, unit in site.groups:
            genders = ["F"] * unit.women + ["M"] * (unit.size - unit.women)
            rng.shuffle(genders)
            for gender in genders:
                site.pool.append(self.member(site, org, gender, unit.profile))
        for kind, count in site.spec.past:
            for _ in range(count):
                day = _day_in(rng, date(2017, 6, 1), date(2026, 9, 30))
                if kind == E.RETIRED:
                    day = day.replace(day=1)
                self.past(
                    site,
                    kind,
                    day,
                    destination=rng.choice(DESTINATIONS) if kind == E.TRANSFERRED_OUT else "",
                    note=(
                        rng.choice(LEFT_NOTES)
                        if kind == E.LEFT
                        else "Từ trần do bệnh hiểm nghèo."
                        if kind == E.DECEASED
                        else ""
                    ),
                )
        rng.shuffle(site.pool)

    def transfer(self, site: _Site, member: Member, origin: Organisation, day: date) -> None:
        """Rewrite a freshly admitted member's history: admitted at `origin`, moved on `day`."""
        current = member.organisation
        member.demo_events[0].organisation = origin
        self.event(
            member,
            E.TRANSFERRED,
            day,
            current,
            from_org=origin,
            decision=self.decision(site.spec.suffix, day),
            note="Chuyển sinh hoạt theo quyết định điều động công tác.",
        )

    def transfers(self, site: _Site) -> None:
        rng = self.rng
        others = [g for g, _ in site.groups]
        if len(others) < 2:
            return
        candidates = [
            m for m in site.pool if len(m.demo_events) == 1 and m.joined_on < date(2023, 1, 1)
        ]
        for member in candidates[: site.spec.transfers]:
            origin = rng.choice([g for g in others if g.pk != member.organisation.pk])
            start = max(member.joined_on + timedelta(days=400), date(2012, 1, 1))
            self.transfer(site, member, origin, _day_in(rng, start, date(2026, 9, 30)))

    # choosing office holders -----------------------------------------------------------------

    def pick(
        self,
        site: _Site,
        *,
        gender: str | None = None,
        born: tuple[int, int] = (1966, 2000),
        since: date = LAST_DAY,
        within: Organisation | None = None,
        party: bool | None = None,
        exclude: set[int] | None = None,
        exclusive: bool = True,
    ) -> Member:
        """The next active member of the branch (in the shuffled pool order) who fits."""
        exclude = site.taken if exclude is None else exclude
        for member in site.pool:
            if (
                id(member) not in exclude
                and (gender is None or member.gender == gender)
                and born[0] <= member.date_of_birth.year <= born[1]
                and member.demo_since < since
                and (within is None or member.organisation.path.startswith(within.path))
                and (party is None or member.party_member == party)
            ):
                if exclusive:
                    exclude.add(id(member))
                return member
        raise LookupError(f"demo data: nobody fits in {site.spec.name}")

    def pick_first(self, site: _Site, *, since: tuple[date, ...], **criteria) -> Member:
        """pick() with the first `since` somebody fits (the later ones are fallbacks)."""
        for day in since[:-1]:
            try:
                return self.pick(site, since=day, **criteria)
            except LookupError:
                pass
        return self.pick(site, since=since[-1], **criteria)

    def term(self, org: Organisation, number: int, start: date, end: date) -> Term:
        term = Term(
            organisation=org, congress_number=number, congress_date=start, start=start, end=end
        )
        self.terms.append(term)
        return term

    def body(self, org: Organisation, kind: str, term: Term | None = None, name: str = "") -> Body:
        body = Body(organisation=org, kind=kind, term=term, name=name)
        self.bodies.append(body)
        return body

    def seat(
        self,
        body,
        member,
        title,
        start,
        *,
        end=None,
        method=M.ELECTED,
        decision=("", None),
        note="",
    ):
        position = Position(
            body=body,
            member=member,
            title=title,
            start=start,
            end=end,
            method=method,
            decision_no=decision[0],
            decision_date=decision[1],
            note=note,
        )
        self.positions.append(position)
        return position

    def seats(self, body, holders, start, end, decision, method=M.ELECTED):
        """Seats filled at once (a congress, a BCH meeting), held until `end` by default."""
        return {
            id(member): self.seat(
                body, member, title, start, end=end, method=method, decision=decision
            )
            for title, member in holders
        }

    def congress_terms(self, site: _Site):
        (n1, s1, e1), (n2, s2, e2) = site.spec.terms
        return self.term(site.org, n1, s1, e1), self.term(site.org, n2, s2, e2)

    def upper_decision(self, day: date):
        return self.decision(UPPER_SUFFIX, day, lag=self.rng.randint(7, 15))

    # committees ------------------------------------------------------------------------------

    def university_committees(self, site: _Site) -> dict[str, Member]:
        """Two terms; BCH 15 -> 14 (term XII), 15 -> 13 (term XIII) with by-elections."""
        org = site.org
        t1, t2 = self.congress_terms(site)
        handover = t2.start  # term XII seats end when the XIII congress elects
        pick = self.pick
        chair_1 = self.past(site, E.RETIRED, date(2022, 10, 1), "M")
        vice_c = self.past(site, E.RETIRED, date(2020, 7, 1), "M")
        vice_q = self.past(site, E.RETIRED, date(2024, 7, 1), "M")
        women_head_2 = self.past(site, E.RETIRED, date(2025, 1, 1), "F")
        moved = self.past(
            site, E.TRANSFERRED_OUT, date(2025, 2, 15), "M", destination="Trường Đại học Cần Thơ"
        )
        chair_2 = pick(site, gender="M", born=(1968, 1976), since=date(2008, 1, 1))
        vice_b = pick(site, gender="F", born=(1970, 1980), since=date(2010, 1, 1))
        vice_x = pick(site, born=(1972, 1984), since=date(2012, 1, 1))
        insp_1 = pick(site, born=(1968, 1980), since=date(2012, 1, 1), party=True)
        insp_2 = pick(site, born=(1975, 1986), since=date(2014, 1, 1), party=True)
        vice_v = pick(site, born=(1975, 1986), since=date(2015, 1, 1))
        old = [pick(site, born=(1966, 1985), since=date(2016, 1, 1)) for _ in range(7)]
        new = [pick(site, born=(1978, 1990), since=date(2019, 1, 1)) for _ in range(3)]
        by_elected = pick(site, born=(1980, 1992), since=date(2020, 1, 1))

        # Term XII (2017–2022): 15 elected; a vice chair retires, a member replaces him.
        bch = self.body(org, B.EXECUTIVE, t1)
        elected = self.upper_decision(t1.start)
        seats = self.seats(
            bch,
            [
                (T.CHAIR, chair_1),
                (T.VICE_CHAIR, chair_2),
                (T.VICE_CHAIR, vice_b),
                (T.VICE_CHAIR, vice_c),
                (T.MEMBER, vice_x),
                (T.MEMBER, insp_1),
                (T.MEMBER, vice_q),
                (T.MEMBER, women_head_2),
            ]
            + [(T.MEMBER, m) for m in old],
            t1.start,
            handover,
            elected,
        )
        by_day = date(2020, 9, 10)
        by_decision = self.upper_decision(by_day)
        seats[id(vice_x)].end = by_day
        self.seat(
            bch,
            vice_x,
            T.VICE_CHAIR,
            by_day,
            end=handover,
            method=M.BY_ELECTION,
            decision=by_decision,
            note="Bầu bổ sung thay đồng chí Phó Chủ tịch nghỉ hưu.",
        )
        standing = self.body(org, B.STANDING, t1)
        self.seats(
            standing,
            [
                (T.CHAIR, chair_1),
                (T.VICE_CHAIR, chair_2),
                (T.VICE_CHAIR, vice_b),
                (T.VICE_CHAIR, vice_c),
                (T.MEMBER, insp_1),
            ],
            t1.start,
            handover,
            elected,
        )
        self.seat(
            standing,
            vice_x,
            T.VICE_CHAIR,
            by_day,
            end=handover,
            method=M.BY_ELECTION,
            decision=by_decision,
        )
        inspection_1 = [pick(site, born=(1966, 1988), since=date(2016, 1, 1)) for _ in range(4)]
        self.seats(
            self.body(org, B.INSPECTION, t1),
            [(T.HEAD, insp_1), (T.VICE_HEAD, inspection_1[0])]
            + [(T.MEMBER, m) for m in inspection_1[1:]],
            t1.start,
            handover,
            elected,
        )
        women_1 = [
            pick(site, gender="F", born=(1970, 1990), since=date(2016, 1, 1)) for _ in range(5)
        ]
        appointed = self.decision(site.spec.suffix, t1.start + timedelta(days=20))
        self.seats(
            self.body(org, B.WOMEN, t1),
            [(T.LEADER, vice_b), (T.DEPUTY_LEADER, women_head_2)]
            + [(T.MEMBER, m) for m in women_1],
            t1.start + timedelta(days=20),
            handover,
            appointed,
            method=M.APPOINTED,
        )

        # Term XIII (2022–2027): 15 elected; two retire, one moves away; by-election -> 13.
        bch = self.body(org, B.EXECUTIVE, t2)
        elected = self.upper_decision(t2.start)
        seats = self.seats(
            bch,
            [
                (T.CHAIR, chair_2),
                (T.VICE_CHAIR, vice_b),
                (T.VICE_CHAIR, vice_x),
                (T.VICE_CHAIR, vice_q),
                (T.MEMBER, insp_2),
                (T.MEMBER, women_head_2),
                (T.MEMBER, moved),
                (T.MEMBER, vice_v),
            ]
            + [(T.MEMBER, m) for m in old[:4] + new],
            t2.start,
            None,
            elected,
        )
        by_day = date(2025, 4, 10)
        by_decision = self.upper_decision(by_day)
        seats[id(vice_v)].end = by_day
        self.seat(
            bch,
            vice_v,
            T.VICE_CHAIR,
            by_day,
            method=M.BY_ELECTION,
            decision=by_decision,
            note="Bầu bổ sung Phó Chủ tịch thay đồng chí nghỉ hưu.",
        )
        self.seat(
            bch,
            by_elected,
            T.MEMBER,
            by_day,
            method=M.BY_ELECTION,
            decision=by_decision,
            note="Bầu bổ sung Ủy viên Ban Chấp hành.",
        )
        standing = self.body(org, B.STANDING, t2)
        self.seats(
            standing,
            [
                (T.CHAIR, chair_2),
                (T.VICE_CHAIR, vice_b),
                (T.VICE_CHAIR, vice_x),
                (T.VICE_CHAIR, vice_q),
                (T.MEMBER, insp_2),
            ],
            t2.start,
            None,
            elected,
        )
        self.seat(
            standing, vice_v, T.VICE_CHAIR, by_day, method=M.BY_ELECTION, decision=by_decision
        )
        inspection_2 = [pick(site, born=(1975, 1990), since=date(2020, 1, 1)) for _ in range(2)]
        self.seats(
            self.body(org, B.INSPECTION, t2),
            [(T.HEAD, insp_2), (T.VICE_HEAD, inspection_1[0]), (T.MEMBER, inspection_1[1])]
            + [(T.MEMBER, m) for m in inspection_2],
            t2.start,
            None,
            elected,
        )
        women = self.body(org, B.WOMEN, t2)
        deputy = pick(site, gender="F", born=(1978, 1990), since=date(2018, 1, 1))
        appointed = self.decision(site.spec.suffix, t2.start + timedelta(days=21))
        seats = self.seats(
            women,
            [(T.LEADER, women_head_2), (T.DEPUTY_LEADER, deputy)]
            + [(T.MEMBER, m) for m in women_1[2:]]
            + [
                (T.MEMBER, pick(site, gender="F", born=(1980, 1995), since=date(2020, 1, 1)))
                for _ in range(2)
            ],
            t2.start + timedelta(days=21),
            None,
            appointed,
            method=M.APPOINTED,
        )
        new_head = date(2025, 2, 10)
        seats[id(deputy)].end = new_head
        self.seat(
            women,
            deputy,
            T.LEADER,
            new_head,
            method=M.APPOINTED,
            decision=self.decision(site.spec.suffix, new_head),
            note="Thay đồng chí Trưởng ban nghỉ hưu.",
        )

        for sub in site.subs:
            term = self.term(sub, 4, date(2022, 8, 12), date(2027, 8, 11))
            holders = [
                pick(site, born=(1968, 1990), since=date(2018, 1, 1), within=sub) for _ in range(3)
            ]
            self.seats(
                self.body(sub, B.EXECUTIVE, term),
                list(zip((T.CHAIR, T.VICE_CHAIR, T.MEMBER), holders, strict=True)),
                term.start,
                None,
                self.decision(site.spec.suffix, term.start, lag=10),
            )
        self.group_leaders(site, date(2022, 10, 15), date(2025, 4, 15), deputies_from=15)
        return {"chutich2": chair_2}

    def home_affairs_committees(self, site: _Site) -> dict[str, Member]:
        """BCH of 5 over two terms, each with a change mid-term; the demo logins live here."""
        org = site.org
        t1, t2 = self.congress_terms(site)
        handover = t2.start
        pick = self.pick
        office = site.group("Tổ Văn phòng")
        personnel = site.group("Tổ Tổ chức cán bộ")
        chair_1 = self.past(site, E.RETIRED, date(2022, 1, 1), "M", org=office)
        moved = self.past(
            site,
            E.TRANSFERRED_OUT,
            date(2025, 7, 1),
            "M",
            destination="Văn phòng Ủy ban nhân dân tỉnh Bến Tre",
        )
        chair = pick(site, gender="M", born=(1972, 1980), since=date(2008, 1, 1), within=office)
        accountant = pick(
            site, gender="F", born=(1982, 1992), since=date(2014, 1, 1), within=office
        )
        inspector = pick(
            site,
            born=(1975, 1986),
            since=date(2012, 1, 1),
            party=True,
            within=site.group("Tổ Thanh tra"),
        )
        leader = pick(site, born=(1978, 1990), since=date(2016, 1, 1), within=personnel)
        member = pick(
            site, born=(1988, 2000), since=date(2023, 1, 1), within=personnel, party=False
        )
        vice = pick(site, born=(1972, 1984), since=date(2010, 1, 1))
        women_head = pick(site, gender="F", born=(1975, 1986), since=date(2012, 1, 1))
        a, b = (pick(site, born=(1970, 1985), since=date(2012, 1, 1)) for _ in range(2))
        by_elected = pick(site, born=(1980, 1992), since=date(2019, 1, 1))

        bch = self.body(org, B.EXECUTIVE, t1)
        elected = self.upper_decision(t1.start)
        seats = self.seats(
            bch,
            [
                (T.CHAIR, chair_1),
                (T.VICE_CHAIR, chair),
                (T.MEMBER, a),
                (T.MEMBER, b),
                (T.MEMBER, women_head),
            ],
            t1.start,
            handover,
            elected,
        )
        by_day = date(2022, 2, 20)
        by_decision = self.upper_decision(by_day)
        seats[id(chair)].end = by_day
        self.seat(
            bch,
            chair,
            T.CHAIR,
            by_day,
            end=handover,
            method=M.BY_ELECTION,
            decision=by_decision,
            note="Bầu bổ sung Chủ tịch thay đồng chí nghỉ hưu.",
        )
        self.seat(
            bch,
            vice,
            T.VICE_CHAIR,
            by_day,
            end=handover,
            method=M.BY_ELECTION,
            decision=by_decision,
        )
        inspection = [pick(site, born=(1975, 1992), since=date(2016, 1, 1)) for _ in range(3)]
        self.seats(
            self.body(org, B.INSPECTION, t1),
            [(T.HEAD, a), (T.MEMBER, inspection[0]), (T.MEMBER, inspection[1])],
            t1.start,
            handover,
            elected,
        )
        women = [
            pick(site, gender="F", born=(1975, 1995), since=date(2016, 1, 1)) for _ in range(3)
        ]
        appointed = self.decision(site.spec.suffix, t1.start + timedelta(days=14))
        self.seats(
            self.body(org, B.WOMEN, t1),
            [(T.LEADER, women_head), (T.MEMBER, women[0]), (T.MEMBER, women[1])],
            t1.start + timedelta(days=14),
            handover,
            appointed,
            method=M.APPOINTED,
        )

        bch = self.body(org, B.EXECUTIVE, t2)
        elected = self.upper_decision(t2.start)
        self.seats(
            bch,
            [
                (T.CHAIR, chair),
                (T.VICE_CHAIR, vice),
                (T.MEMBER, women_head),
                (T.MEMBER, inspector),
                (T.MEMBER, moved),
            ],
            t2.start,
            None,
            elected,
        )
        by_day = date(2025, 9, 12)
        self.seat(
            bch,
            by_elected,
            T.MEMBER,
            by_day,
            method=M.BY_ELECTION,
            decision=self.upper_decision(by_day),
            note="Bầu bổ sung thay đồng chí chuyển công tác.",
        )
        self.seats(
            self.body(org, B.INSPECTION, t2),
            [(T.HEAD, inspector), (T.MEMBER, inspection[1]), (T.MEMBER, inspection[2])],
            t2.start,
            None,
            elected,
        )
        appointed = self.decision(site.spec.suffix, t2.start + timedelta(days=14))
        self.seats(
            self.body(org, B.WOMEN, t2),
            [(T.LEADER, women_head), (T.MEMBER, women[1]), (T.MEMBER, women[2])],
            t2.start + timedelta(days=14),
            None,
            appointed,
            method=M.APPOINTED,
        )
        conference = date(2026, 1, 15)  # Hội nghị cán bộ, công chức năm 2026
        self.seats(
            self.body(org, B.PEOPLES_INSPECTION, t2),
            [
                (T.LEADER, pick(site, born=(1975, 1990), since=date(2018, 1, 1))),
                (T.MEMBER, pick(site, born=(1975, 1995), since=date(2018, 1, 1))),
                (T.MEMBER, pick(site, born=(1975, 1995), since=date(2018, 1, 1))),
            ],
            conference,
            None,
            ("01/NQ-HNCBCC", conference),
        )
        self.group_leaders(
            site,
            date(2023, 6, 1),
            date(2025, 12, 1),
            deputies_from=9,
            fixed={personnel.pk: leader},
            reserved={id(chair), id(member), id(accountant)},
        )
        return {
            "chutich": chair,
            "ketoan": accountant,
            "kiemtra": inspector,
            "totruong": leader,
            "doanvien": member,
        }

    def small_committees(self, site: _Site) -> dict[str, Member]:
        """BCH of 3 over two terms; from 15 members a UBKT of 3 and a Ban Nữ công of 3.

        (Under 30 members the charter lets a BCH member handle inspection; the smallest branch
        here does so.)
        """
        org = site.org
        t1, t2 = self.congress_terms(site)
        pick = self.pick
        chair, member = (pick(site, born=(1966, 1985), since=t1.start) for _ in range(2))
        vice_1 = pick(site, born=(1966, 1990), since=t1.start)
        vice_2 = pick(site, born=(1966, 1995), since=t2.start)
        size = sum(unit.size for _, unit in site.groups)
        women_count = sum(unit.women for _, unit in site.groups)
        inspectors = [pick(site, since=t1.start) for _ in range(2)] if size >= 15 else []
        for term, vice, handover in ((t1, vice_1, t2.start), (t2, vice_2, None)):
            elected = self.upper_decision(term.start)
            self.seats(
                self.body(org, B.EXECUTIVE, term),
                [(T.CHAIR, chair), (T.VICE_CHAIR, vice), (T.MEMBER, member)],
                term.start,
                handover,
                elected,
            )
            if inspectors:
                self.seats(
                    self.body(org, B.INSPECTION, term),
                    [(T.HEAD, member), (T.MEMBER, inspectors[0]), (T.MEMBER, inspectors[1])],
                    term.start,
                    handover,
                    elected,
                )
            if women_count >= 6:
                women = [pick(site, gender="F", since=term.start) for _ in range(3)]
                self.seats(
                    self.body(org, B.WOMEN, term),
                    [(T.LEADER, women[0]), (T.MEMBER, women[1]), (T.MEMBER, women[2])],
                    term.start + timedelta(days=10),
                    handover,
                    self.decision(site.spec.suffix, term.start + timedelta(days=10)),
                    method=M.APPOINTED,
                )
        if any(group.kind == K.GROUP for group, _ in site.groups):
            self.group_leaders(site, date(2022, 9, 20), date(2025, 3, 20), deputies_from=99)
        return {}

    def group_leaders(self, site, previous, current, *, deputies_from, fixed=None, reserved=()):
        """Each group elects a Tổ trưởng (and in bigger groups a Tổ phó) for 2.5 years."""
        rng = self.rng
        fixed = fixed or {}
        prev_decision = self.decision(site.spec.suffix, previous, lag=10)
        decision = self.decision(site.spec.suffix, current, lag=10)
        for group, unit in site.groups:
            if group.kind != K.GROUP:
                continue
            body = self.body(group, B.GROUP_LEADERSHIP)
            used = set(reserved)
            leader = fixed.get(group.pk) or self.pick_first(
                site, within=group, since=(current, LAST_DAY), exclude=used
            )
            used.add(id(leader))
            earlier = leader
            if leader.demo_since >= previous or rng.random() < 0.4:
                try:
                    earlier = self.pick(site, within=group, since=previous, exclude=used)
                except LookupError:  # nobody else of today's group was there
                    earlier = leader if leader.demo_since < previous else None
            if earlier is not None:
                self.seat(
                    body, earlier, T.GROUP_LEADER, previous, end=current, decision=prev_decision
                )
            self.seat(
                body, leader, T.GROUP_LEADER, max(current, leader.demo_since), decision=decision
            )
            if unit.size >= deputies_from:
                deputy = self.pick_first(
                    site, within=group, since=(current, LAST_DAY), exclude=used
                )
                self.seat(
                    body, deputy, T.GROUP_DEPUTY, max(current, deputy.demo_since), decision=decision
                )

    # member stories --------------------------------------------------------------------------

    def stories(self, sites: dict[str, _Site]) -> None:
        """Reinstatement, a transfer between branches, applications, Party recommendations."""
        rng = self.rng
        university, home, library = (sites[b.code] for b in (UNIVERSITY, HOME_AFFAIRS, LIBRARY))

        # A lecturer leaves to study abroad and comes back with a doctorate.
        doctor = next(
            m
            for m in university.pool
            if len(m.demo_events) == 1
            and m.joined_on < date(2012, 1, 1)
            and m.date_of_birth.year <= 1985
            and university.unit_of(m.organisation).profile == "faculty"
        )
        group = doctor.organisation
        self.event(
            doctor,
            E.LEFT,
            date(2019, 9, 1),
            group,
            decision=self.decision(UNIVERSITY.suffix, date(2019, 9, 1)),
            note="Nghỉ việc để học tiến sĩ ở nước ngoài.",
        )
        self.event(
            doctor,
            E.REINSTATED,
            date(2022, 1, 10),
            group,
            from_org=group,
            decision=self.decision(UNIVERSITY.suffix, date(2022, 1, 10)),
            note="Trở lại công tác sau khi bảo vệ luận án tiến sĩ.",
        )
        doctor.professional_level = self.level("professional", "Tiến sĩ")

        # Moved from the provincial library to the Sở Nội vụ in 2021.
        mover = next(
            m for m in home.pool if len(m.demo_events) == 1 and m.joined_on < date(2019, 1, 1)
        )
        self.transfer(home, mover, library.groups[0][0], date(2021, 4, 1))

        # Admitted in 2025 from an application (đơn xin gia nhập) decided by the BCH.
        newcomer = next(
            m for m in home.pool if len(m.demo_events) == 1 and m.date_of_birth.year >= 1993
        )
        decided = date(2025, 3, 5)
        number, _ = self.decision(HOME_AFFAIRS.suffix, decided)
        newcomer.joined_on = newcomer.demo_since = decided
        newcomer.employment = Member.Employment.CONTRACT
        newcomer.card_number = self.card(decided)
        admitted = newcomer.demo_events[0]
        admitted.date, admitted.decision_no, admitted.decision_date = decided, number, decided
        self.applications.append(
            AdmissionApplication(
                organisation=newcomer.organisation,
                full_name=newcomer.full_name,
                gender=newcomer.gender,
                date_of_birth=newcomer.date_of_birth,
                submitted_on=date(2025, 2, 10),
                status=AdmissionApplication.Status.APPROVED,
                decision_no=number,
                decided_on=decided,
                member=newcomer,
                note="Công chức mới tuyển dụng.",
            )
        )
        for site, submitted, note in (
            (home, date(2026, 9, 15), "Công chức mới tiếp nhận từ huyện."),
            (home, date(2026, 10, 20), "Hợp đồng lao động từ tháng 9/2026."),
            (university, date(2026, 10, 2), "Giảng viên mới tuyển dụng."),
            (university, date(2026, 10, 9), "Giảng viên mới tuyển dụng."),
            (university, date(2026, 10, 27), "Chuyên viên hợp đồng."),
        ):
            self.applications.append(self.application(site, submitted, note))
        rejected = self.application(university, date(2026, 3, 2), "")
        rejected.status = AdmissionApplication.Status.REJECTED
        rejected.decided_on = date(2026, 3, 20)
        rejected.note = "Chưa đủ điều kiện: đang trong thời gian hợp đồng thử việc."
        self.applications.append(rejected)

        # Party recommendations (giới thiệu đoàn viên ưu tú cho Đảng), 2024 and 2025.
        P = PartyRecommendation.Outcome
        picked: set[int] = set()

        def young(site):
            return self.pick(
                site, born=(1986, 1998), since=date(2023, 1, 1), party=False, exclude=picked
            )

        plan = [
            (
                university,
                2024,
                date(2024, 5, 10),
                [
                    (young(university), P.ADMITTED, date(2024, 11, 20)),
                    (young(university), P.ADMITTED, date(2025, 1, 8)),
                    (again := young(university), P.NOT_ADMITTED, None),
                    (young(university), P.NOT_ADMITTED, None),
                    (young(university), P.NOT_ADMITTED, None),
                ],
            ),
            (
                university,
                2025,
                date(2025, 5, 8),
                [
                    (again, P.ADMITTED, date(2026, 1, 15)),
                    (young(university), P.ADMITTED, date(2025, 12, 3)),
                    (young(university), P.PENDING, None),
                    (young(university), P.PENDING, None),
                ],
            ),
            (home, 2024, date(2024, 6, 12), [(young(home), P.ADMITTED, date(2025, 2, 3))]),
            (
                home,
                2025,
                date(2025, 6, 10),
                [
                    (young(home), P.PENDING, None),
                    (young(home), P.PENDING, None),
                ],
            ),
            (library, 2025, date(2025, 6, 2), [(young(library), P.PENDING, None)]),
        ]
        for site, year, day, rows in plan:
            number, _ = self.decision(site.spec.suffix, day, kind="GT")
            for member, outcome, outcome_on in rows:
                self.recommendations.append(
                    PartyRecommendation(
                        member=member,
                        year=year,
                        recommended_on=day,
                        decision_no=number,
                        outcome=outcome,
                        outcome_on=outcome_on,
                        note="Chưa đủ điều kiện kết nạp trong năm."
                        if outcome == P.NOT_ADMITTED
                        else "",
                    )
                )
        for rec in self.recommendations:
            if rec.outcome == P.ADMITTED:
                rec.member.party_member = True
                rec.member.political_level = rec.member.political_level or self.level(
                    "political", "Sơ cấp"
                )
        rng.shuffle(self.applications)

    def application(self, site: _Site, submitted: date, note: str) -> AdmissionApplication:
        gender = self.rng.choice("MF")
        org = self.rng.choice([g for g, _ in site.groups])
        return AdmissionApplication(
            organisation=org,
            full_name=self.name(gender),
            gender=gender,
            date_of_birth=date(
                self.rng.randint(1996, 2003), self.rng.randint(1, 12), self.rng.randint(1, 28)
            ),
            submitted_on=submitted,
            note=note,
        )

    # saving ----------------------------------------------------------------------------------

    def close_positions_of_past_members(self) -> None:
        """As services.member_end does: a seat ends the day its holder's membership ends."""
        for position in self.positions:
            ended = position.member.demo_ended
            if ended and (position.end is None or position.end > ended):
                position.end = ended

    def save(self) -> None:
        self.close_positions_of_past_members()
        reason = "Dữ liệu demo"
        bulk_create_with_history(self.members, Member, batch_size=500, default_change_reason=reason)
        events = sorted(
            (e for m in self.members for e in m.demo_events), key=lambda e: (e.date, e.member.pk)
        )
        bulk_create_with_history(events, MemberEvent, batch_size=500, default_change_reason=reason)
        bulk_create_with_history(self.terms, Term, default_change_reason=reason)
        bulk_create_with_history(self.bodies, Body, default_change_reason=reason)
        positions = sorted(self.positions, key=lambda p: (p.start, Position.RANK[p.title]))
        bulk_create_with_history(positions, Position, batch_size=500, default_change_reason=reason)
        bulk_create_with_history(
            self.applications, AdmissionApplication, default_change_reason=reason
        )
        bulk_create_with_history(
            self.recommendations, PartyRecommendation, default_change_reason=reason
        )


# --- users -----------------------------------------------------------------------------------


def _split_name(full_name: str) -> tuple[str, str]:
    """("Nguyễn Văn", "An"): Django's last_name holds họ and tên đệm, first_name the tên."""
    words = full_name.split()
    return " ".join(words[:-1]), words[-1]


def _create_users(people: dict[str, Member], viewer_name: str, password: str) -> dict[str, str]:
    """The demo accounts; returns the password to print for each (existing users are kept)."""
    User = get_user_model()
    encoded = make_password(password)  # hashed once: the accounts share it
    shown = {}
    orgs = {
        o.code: o
        for o in Organisation.objects.filter(code__in={a.organisation_code for a in DEMO_ACCOUNTS})
    }
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        member = people.get(account.username)
        if user is None:
            if member is not None:
                last, first = _split_name(member.full_name)
            elif account.role is None:
                last, first = "", "Quản trị viên"
            else:
                last, first = _split_name(viewer_name)
            user = User.objects.create(
                username=account.username,
                password=encoded,
                first_name=first,
                last_name=last,
                email=member.email if member else "",
                is_staff=account.role is None,
                is_superuser=account.role is None,
            )
            shown[account.username] = password
        else:
            shown[account.username] = "(giữ nguyên)"
        if member is not None and not Member.objects.filter(user=user).exists():
            member.user = user
        if account.role:
            RoleAssignment.objects.get_or_create(
                user=user, organisation=orgs[account.organisation_code], role=account.role
            )
    return shown


def _reset_passwords(password: str) -> None:
    User = get_user_model()
    User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).update(
        password=make_password(password)
    )


def _current_passwords() -> dict[str, str]:
    """What to print for accounts seeded earlier: the default password if it still works."""
    User = get_user_model()
    encoded = dict(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", "password"
        )
    )
    works: dict[str, bool] = {}  # one check per distinct hash: the accounts share one
    shown = {}
    for account in DEMO_ACCOUNTS:
        value = encoded.get(account.username)
        if value is None:
            shown[account.username] = "(không còn)"
            continue
        if value not in works:
            works[value] = check_password(DEMO_PASSWORD, value)
        shown[account.username] = DEMO_PASSWORD if works[value] else "(đã đổi)"
    return shown


# --- entry point -----------------------------------------------------------------------------


@dataclass
class SeedResult:
    created: bool
    seconds: float
    accounts: list[tuple[str, str, str, str]]  # username, role, organisation, password
    counts: dict[str, int] = field(default_factory=dict)


def account_rows(passwords: dict[str, str]) -> list[tuple[str, str, str, str]]:
    orgs = {
        o.code: o
        for o in Organisation.objects.filter(code__in={a.organisation_code for a in DEMO_ACCOUNTS})
    }
    rows = []
    for account in DEMO_ACCOUNTS:
        org = orgs.get(account.organisation_code)
        where = org.name if org else account.organisation_code
        if org is not None and org.kind == K.GROUP:
            where = f"{org.name}, {Organisation.objects.get_parent(org).short_name}"
        if account.role is None:
            where, role = "Toàn hệ thống", "Quản trị hệ thống"
        else:
            role = str(Role(account.role).label)
        rows.append((account.username, role, where, passwords[account.username]))
    return rows


def seed(password: str | None = None) -> SeedResult:
    """Build the demo data once; on later runs only report (and reset passwords if asked)."""
    started = time.perf_counter()
    if Organisation.objects.filter(code=MARKER_CODE).exists():
        if password:
            _reset_passwords(password)
            shown = {a.username: password for a in DEMO_ACCOUNTS}
        else:
            shown = _current_passwords()
        return SeedResult(False, time.perf_counter() - started, account_rows(shown))
    with transaction.atomic():
        builder = _Builder(random.Random(SEED))
        upper = builder.organisation(None, K.UPPER, **UPPER)
        sites = {spec.code: builder.site(upper, spec) for spec in BRANCHES}
        for site in sites.values():
            builder.fill(site)
            builder.transfers(site)
        builder.stories(sites)
        people = builder.university_committees(sites[UNIVERSITY.code])
        people |= builder.home_affairs_committees(sites[HOME_AFFAIRS.code])
        builder.small_committees(sites[LIBRARY.code])
        builder.small_committees(sites[MUSEUM.code])
        viewer = builder.name("M")
        shown = _create_users(people, viewer, password or DEMO_PASSWORD)
        builder.save()
        counts = {
            "organisations": Organisation.objects.subtree_of(upper).count(),
            "members": len(builder.members),
            "active": sum(m.status == Member.Status.ACTIVE for m in builder.members),
            "events": sum(len(m.demo_events) for m in builder.members),
            "positions": len(builder.positions),
        }
    return SeedResult(True, time.perf_counter() - started, account_rows(shown), counts)


def format_table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> list[str]:
    widths = [max(len(str(v)) for v in column) for column in zip(headers, *rows, strict=True)]

    def line(values):
        return "  ".join(str(v).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
