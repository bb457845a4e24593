"""Công đoàn cơ sở Sở Nội vụ as data: 56 members (28 women) in 7 groups; a BCH of five over two
terms, each with a change mid-term, a UBKT, a Ban Nữ công and a Ban Thanh tra nhân dân. The demo
logins of a branch's officers live here."""

from datetime import date

from members.models import Body, MemberEvent, Position

from .shapes import (
    Branch,
    BranchDecision,
    Change,
    Committee,
    Congress,
    GroupLeaders,
    Past,
    Pick,
    Resolution,
    Unit,
    UpperDecision,
)

B = Body.Kind
E = MemberEvent.Kind
T = Position.Title
M = Position.Method

INSPECTOR = Pick(born=(1975, 1992), since=date(2016, 1, 1))
WOMAN = Pick(gender="F", born=(1975, 1995), since=date(2016, 1, 1))
BCH = Pick(born=(1970, 1985), since=date(2012, 1, 1))
PEOPLES_INSPECTOR = Pick(born=(1975, 1995), since=date(2018, 1, 1))

# fmt: off
PEOPLE = {
    # Made for their seats: members who have left since.
    "chair_v": Past(E.RETIRED, date(2022, 1, 1), "M", group="Tổ Văn phòng"),
    "moved_away": Past(
        E.TRANSFERRED_OUT, date(2025, 7, 1), "M",
        destination="Văn phòng Ủy ban nhân dân tỉnh Bến Tre",
    ),
    # Picked from today's members, in this order.
    "chair": Pick(gender="M", born=(1972, 1980), since=date(2008, 1, 1), within="Tổ Văn phòng"),
    "accountant": Pick(
        gender="F", born=(1982, 1992), since=date(2014, 1, 1), within="Tổ Văn phòng"
    ),
    "inspector": Pick(born=(1975, 1986), since=date(2012, 1, 1), party=True, within="Tổ Thanh tra"),
    "group_leader": Pick(born=(1978, 1990), since=date(2016, 1, 1), within="Tổ Tổ chức cán bộ"),
    "member": Pick(
        born=(1988, 2000), since=date(2023, 1, 1), within="Tổ Tổ chức cán bộ", party=False
    ),
    "vice_chair": Pick(born=(1972, 1984), since=date(2010, 1, 1)),
    "women_head": Pick(gender="F", born=(1975, 1986), since=date(2012, 1, 1)),
    "bch_1": BCH, "bch_2": BCH,
    "bch_since_2025": Pick(born=(1980, 1992), since=date(2019, 1, 1)),
    "ubkt_1": INSPECTOR, "ubkt_2": INSPECTOR, "ubkt_3": INSPECTOR,
    "women_1": WOMAN, "women_2": WOMAN, "women_3": WOMAN,
    "ttnd_head": Pick(born=(1975, 1990), since=date(2018, 1, 1)),
    "ttnd_1": PEOPLES_INSPECTOR, "ttnd_2": PEOPLES_INSPECTOR,
}

DECISIONS = {
    "congress V": UpperDecision(date(2017, 10, 12)),
    "by-election 2022": UpperDecision(date(2022, 2, 20)),
    "women V": BranchDecision(date(2017, 10, 26)),
    "congress VI": UpperDecision(date(2023, 3, 16)),
    "by-election 2025": UpperDecision(date(2025, 9, 12)),
    "women VI": BranchDecision(date(2023, 3, 30)),
    # Hội nghị cán bộ, công chức năm 2026 elects the Ban Thanh tra nhân dân.
    "conference 2026": Resolution("01/NQ-HNCBCC", date(2026, 1, 15)),
}

COMMITTEES = (
    # Term V (2017–2023): the chair retires; the vice chair succeeds him.
    Committee(B.EXECUTIVE, 5, "congress V", (
        (T.CHAIR, "chair_v"), (T.VICE_CHAIR, "chair"),
        (T.MEMBER, "bch_1"), (T.MEMBER, "bch_2"), (T.MEMBER, "women_head"),
    ), changes=(
        Change(date(2022, 2, 20), "by-election 2022", (
            (T.CHAIR, "chair", "Bầu bổ sung Chủ tịch thay đồng chí nghỉ hưu."),
            (T.VICE_CHAIR, "vice_chair"),
        ), ends=("chair",)),
    )),
    Committee(B.INSPECTION, 5, "congress V", (
        (T.HEAD, "bch_1"), (T.MEMBER, "ubkt_1"), (T.MEMBER, "ubkt_2"),
    )),
    Committee(B.WOMEN, 5, "women V", (
        (T.LEADER, "women_head"), (T.MEMBER, "women_1"), (T.MEMBER, "women_2"),
    ), start=date(2017, 10, 26), method=M.APPOINTED),

    # Term VI (2023–2028): a member moves away; a by-election replaces him.
    Committee(B.EXECUTIVE, 6, "congress VI", (
        (T.CHAIR, "chair"), (T.VICE_CHAIR, "vice_chair"),
        (T.MEMBER, "women_head"), (T.MEMBER, "inspector"), (T.MEMBER, "moved_away"),
    ), changes=(
        Change(date(2025, 9, 12), "by-election 2025", (
            (T.MEMBER, "bch_since_2025", "Bầu bổ sung thay đồng chí chuyển công tác."),
        )),
    )),
    Committee(B.INSPECTION, 6, "congress VI", (
        (T.HEAD, "inspector"), (T.MEMBER, "ubkt_2"), (T.MEMBER, "ubkt_3"),
    )),
    Committee(B.WOMEN, 6, "women VI", (
        (T.LEADER, "women_head"), (T.MEMBER, "women_2"), (T.MEMBER, "women_3"),
    ), start=date(2023, 3, 30), method=M.APPOINTED),
    Committee(B.PEOPLES_INSPECTION, 6, "conference 2026", (
        (T.LEADER, "ttnd_head"), (T.MEMBER, "ttnd_1"), (T.MEMBER, "ttnd_2"),
    ), start=date(2026, 1, 15)),
)
# fmt: on

HOME_AFFAIRS = Branch(
    code="DEMO-SNV",
    name="Công đoàn cơ sở Sở Nội vụ",
    short_name="CĐCS Sở Nội vụ",
    employer="Sở Nội vụ tỉnh Bến Tre",
    address="Số 3 đường Hai Bà Trưng, phường 2, thành phố Bến Tre",
    suffix="CĐCS",
    employer_suffix="SNV",
    email_domain="sonoivu.bentre.gov.vn",
    congresses=(
        Congress(5, date(2017, 10, 12), date(2023, 3, 15)),
        Congress(6, date(2023, 3, 16), date(2028, 3, 15)),
    ),
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
    people=PEOPLE,
    decisions=DECISIONS,
    committees=COMMITTEES,
    group_leaders=GroupLeaders(
        date(2023, 6, 1),
        date(2025, 12, 1),
        deputies_from=9,
        fixed={"Tổ Tổ chức cán bộ": "group_leader"},
        reserved=("chair", "member", "accountant"),
    ),
    logins={
        "chutich": "chair",
        "ketoan": "accountant",
        "kiemtra": "inspector",
        "totruong": "group_leader",
        "doanvien": "member",
    },
)
