"""The demo union as data: the upper union and its four branches (each described in a module of
its own), the demo logins and their password, and the stories of single members: a comeback, a
move between branches, an admission from an application, pending and rejected applications,
recommendations to the Party. members.demo.loader turns it into rows."""

from datetime import date

from members.models import PartyRecommendation
from unionhub.models import Role

from .home_affairs import HOME_AFFAIRS
from .shapes import (
    Admission,
    Application,
    Comeback,
    DemoAccount,
    Move,
    Pick,
    Recommendations,
    Untouched,
)
from .small_branches import LIBRARY, MUSEUM
from .university import UNIVERSITY

SEED = 2026  # of random.Random: every run draws the same members
MARKER_CODE = "CDVC-DEMO"
DEMO_PASSWORD = "UnionHub@2026"

UPPER = {
    "code": MARKER_CODE,
    "name": "Công đoàn Viên chức tỉnh Bến Tre",
    "short_name": "CĐVC tỉnh Bến Tre",
    "address": "Đường Cách Mạng Tháng Tám, phường An Hội, thành phố Bến Tre",
}
UPPER_SUFFIX = "CĐVC"  # of the upper union's decisions: "112/QĐ-CĐVC"

BRANCHES = (UNIVERSITY, HOME_AFFAIRS, LIBRARY, MUSEUM)

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

# --- stories of single members, told in this order -------------------------------------------

STORIES = (
    # A lecturer leaves to study abroad and comes back with a doctorate.
    Comeback(
        branch="DEMO-DHDK",
        who=Untouched(joined_before=date(2012, 1, 1), born=(1966, 1985), profile="faculty"),
        left=date(2019, 9, 1),
        left_note="Nghỉ việc để học tiến sĩ ở nước ngoài.",
        back=date(2022, 1, 10),
        back_note="Trở lại công tác sau khi bảo vệ luận án tiến sĩ.",
        professional="Tiến sĩ",
    ),
    # Moved from the provincial library to the Sở Nội vụ in 2021.
    Move(
        branch="DEMO-SNV",
        who=Untouched(joined_before=date(2019, 1, 1)),
        origin="DEMO-TV",
        origin_group="Tổ Nghiệp vụ",
        day=date(2021, 4, 1),
    ),
    # Admitted in 2025 from an application (đơn xin gia nhập) decided by the BCH.
    Admission(
        branch="DEMO-SNV",
        who=Untouched(born=(1993, 2000)),
        submitted=date(2025, 2, 10),
        decided=date(2025, 3, 5),
        note="Công chức mới tuyển dụng.",
    ),
)

APPLICATIONS = (
    Application("DEMO-SNV", date(2026, 9, 15), "Công chức mới tiếp nhận từ huyện."),
    Application("DEMO-SNV", date(2026, 10, 20), "Hợp đồng lao động từ tháng 9/2026."),
    Application("DEMO-DHDK", date(2026, 10, 2), "Giảng viên mới tuyển dụng."),
    Application("DEMO-DHDK", date(2026, 10, 9), "Giảng viên mới tuyển dụng."),
    Application("DEMO-DHDK", date(2026, 10, 27), "Chuyên viên hợp đồng."),
    Application(
        "DEMO-DHDK",
        date(2026, 3, 2),
        "Chưa đủ điều kiện: đang trong thời gian hợp đồng thử việc.",
        rejected_on=date(2026, 3, 20),
    ),
)

# Recommended to the Party (giới thiệu đoàn viên ưu tú cho Đảng): young members outside it.
RECOMMENDED = Pick(born=(1986, 1998), since=date(2023, 1, 1), party=False)
NOT_ADMITTED_NOTE = "Chưa đủ điều kiện kết nạp trong năm."
P = PartyRecommendation.Outcome

# fmt: off
RECOMMENDATIONS = (
    Recommendations("DEMO-DHDK", 2024, date(2024, 5, 10), (
        ("dhdk_1", P.ADMITTED, date(2024, 11, 20)),
        ("dhdk_2", P.ADMITTED, date(2025, 1, 8)),
        ("dhdk_3", P.NOT_ADMITTED, None),  # recommended again in 2025
        ("dhdk_4", P.NOT_ADMITTED, None),
        ("dhdk_5", P.NOT_ADMITTED, None),
    )),
    Recommendations("DEMO-DHDK", 2025, date(2025, 5, 8), (
        ("dhdk_3", P.ADMITTED, date(2026, 1, 15)),
        ("dhdk_6", P.ADMITTED, date(2025, 12, 3)),
        ("dhdk_7", P.PENDING, None),
        ("dhdk_8", P.PENDING, None),
    )),
    Recommendations("DEMO-SNV", 2024, date(2024, 6, 12), (
        ("snv_1", P.ADMITTED, date(2025, 2, 3)),
    )),
    Recommendations("DEMO-SNV", 2025, date(2025, 6, 10), (
        ("snv_2", P.PENDING, None),
        ("snv_3", P.PENDING, None),
    )),
    Recommendations("DEMO-TV", 2025, date(2025, 6, 2), (
        ("tv_1", P.PENDING, None),
    )),
)
# fmt: on
