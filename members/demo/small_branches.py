"""The two small branches as data: Công đoàn cơ sở Thư viện tỉnh (18 members in 2 groups; a BCH
of three, a UBKT and a Ban Nữ công) and Bảo tàng tỉnh (9 members, no groups; a BCH of three, one
of whom handles inspection, as the charter allows under 30 members)."""

from datetime import date

from members.models import Body, MemberEvent, Position

from .shapes import (
    Branch,
    BranchDecision,
    Committee,
    Congress,
    GroupLeaders,
    Pick,
    Unit,
    UpperDecision,
)

B = Body.Kind
E = MemberEvent.Kind
T = Position.Title
M = Position.Method

# fmt: off
LIBRARY_PEOPLE = {
    "chair": Pick(born=(1966, 1985), since=date(2017, 8, 18)),
    "member": Pick(born=(1966, 1985), since=date(2017, 8, 18)),
    "vice_iv": Pick(born=(1966, 1990), since=date(2017, 8, 18)),
    "vice_v": Pick(born=(1966, 1995), since=date(2022, 8, 26)),
    "ubkt_1": Pick(since=date(2017, 8, 18)), "ubkt_2": Pick(since=date(2017, 8, 18)),
    "women_1": Pick(gender="F", since=date(2017, 8, 18)),
    "women_2": Pick(gender="F", since=date(2017, 8, 18)),
    "women_3": Pick(gender="F", since=date(2017, 8, 18)),
    "women_4": Pick(gender="F", since=date(2022, 8, 26)),
    "women_5": Pick(gender="F", since=date(2022, 8, 26)),
    "women_6": Pick(gender="F", since=date(2022, 8, 26)),
}

LIBRARY_COMMITTEES = (
    Committee(B.EXECUTIVE, 4, "congress IV", (
        (T.CHAIR, "chair"), (T.VICE_CHAIR, "vice_iv"), (T.MEMBER, "member"),
    )),
    Committee(B.INSPECTION, 4, "congress IV", (
        (T.HEAD, "member"), (T.MEMBER, "ubkt_1"), (T.MEMBER, "ubkt_2"),
    )),
    Committee(B.WOMEN, 4, "women IV", (
        (T.LEADER, "women_1"), (T.MEMBER, "women_2"), (T.MEMBER, "women_3"),
    ), start=date(2017, 8, 28), method=M.APPOINTED),
    Committee(B.EXECUTIVE, 5, "congress V", (
        (T.CHAIR, "chair"), (T.VICE_CHAIR, "vice_v"), (T.MEMBER, "member"),
    )),
    Committee(B.INSPECTION, 5, "congress V", (
        (T.HEAD, "member"), (T.MEMBER, "ubkt_1"), (T.MEMBER, "ubkt_2"),
    )),
    Committee(B.WOMEN, 5, "women V", (
        (T.LEADER, "women_4"), (T.MEMBER, "women_5"), (T.MEMBER, "women_6"),
    ), start=date(2022, 9, 5), method=M.APPOINTED),
)

MUSEUM_PEOPLE = {
    "chair": Pick(born=(1966, 1985), since=date(2018, 3, 9)),
    "member": Pick(born=(1966, 1985), since=date(2018, 3, 9)),
    "vice_iii": Pick(born=(1966, 1990), since=date(2018, 3, 9)),
    "vice_iv": Pick(born=(1966, 1995), since=date(2023, 3, 10)),
}

MUSEUM_COMMITTEES = (
    Committee(B.EXECUTIVE, 3, "congress III", (
        (T.CHAIR, "chair"), (T.VICE_CHAIR, "vice_iii"), (T.MEMBER, "member"),
    )),
    Committee(B.EXECUTIVE, 4, "congress IV", (
        (T.CHAIR, "chair"), (T.VICE_CHAIR, "vice_iv"), (T.MEMBER, "member"),
    )),
)
# fmt: on

LIBRARY = Branch(
    code="DEMO-TV",
    name="Công đoàn cơ sở Thư viện tỉnh Bến Tre",
    short_name="CĐCS Thư viện tỉnh",
    employer="Thư viện tỉnh Bến Tre",
    address="Số 1 đường Hùng Vương, phường 3, thành phố Bến Tre",
    suffix="CĐTV",
    employer_suffix="TV",
    email_domain="thuvien.bentre.gov.vn",
    congresses=(
        Congress(4, date(2017, 8, 18), date(2022, 8, 25)),
        Congress(5, date(2022, 8, 26), date(2027, 8, 25)),
    ),
    groups=(
        Unit("Tổ Nghiệp vụ", 11, 9, "office"),
        Unit("Tổ Hành chính - Phục vụ", 7, 4, "service"),
    ),
    past=((E.RETIRED, 1),),
    transfers=1,
    people=LIBRARY_PEOPLE,
    decisions={
        "congress IV": UpperDecision(date(2017, 8, 18)),
        "women IV": BranchDecision(date(2017, 8, 28)),
        "congress V": UpperDecision(date(2022, 8, 26)),
        "women V": BranchDecision(date(2022, 9, 5)),
    },
    committees=LIBRARY_COMMITTEES,
    group_leaders=GroupLeaders(date(2022, 9, 20), date(2025, 3, 20)),
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
    congresses=(
        Congress(3, date(2018, 3, 9), date(2023, 3, 9)),
        Congress(4, date(2023, 3, 10), date(2028, 3, 9)),
    ),
    direct=Unit("", 9, 5, "office"),
    past=((E.TRANSFERRED_OUT, 1),),
    people=MUSEUM_PEOPLE,
    decisions={
        "congress III": UpperDecision(date(2018, 3, 9)),
        "congress IV": UpperDecision(date(2023, 3, 10)),
    },
    committees=MUSEUM_COMMITTEES,
)
