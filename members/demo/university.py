"""Công đoàn Trường Đại học Đồng Khởi as data: 815 members in 25 groups at the main site and three
công đoàn bộ phận with 2, 2 and 17 groups (the seed report's shape); a BCH of 15 elected in 2022,
13 today after two retirements, a transfer and a by-election; Ban Thường vụ, UBKT and Ban Nữ công
over two terms; each công đoàn bộ phận with a BCH of three."""

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
    SubBranch,
    Unit,
    UpperDecision,
)

B = Body.Kind
E = MemberEvent.Kind
T = Position.Title
M = Position.Method

SUB_BRANCH_TERM = (Congress(4, date(2022, 8, 12), date(2027, 8, 11)),)

OLD_HAND = Pick(born=(1966, 1985), since=date(2016, 1, 1))  # on the BCH since term XII
NEWCOMER = Pick(born=(1978, 1990), since=date(2019, 1, 1))  # on the BCH since term XIII
INSPECTOR_XII = Pick(born=(1966, 1988), since=date(2016, 1, 1))
INSPECTOR_XIII = Pick(born=(1975, 1990), since=date(2020, 1, 1))
WOMAN_XII = Pick(gender="F", born=(1970, 1990), since=date(2016, 1, 1))
WOMAN_XIII = Pick(gender="F", born=(1980, 1995), since=date(2020, 1, 1))


# fmt: off
PEOPLE = {
    # Made for their seats: members who have left since.
    "chair_xii": Past(E.RETIRED, date(2022, 10, 1), "M"),
    "vice_xii": Past(E.RETIRED, date(2020, 7, 1), "M"),
    "vice_xiii": Past(E.RETIRED, date(2024, 7, 1), "M"),
    "women_head": Past(E.RETIRED, date(2025, 1, 1), "F"),
    "moved_away": Past(
        E.TRANSFERRED_OUT, date(2025, 2, 15), "M", destination="Trường Đại học Cần Thơ"
    ),
    # Picked from today's members, in this order.
    "chair": Pick(gender="M", born=(1968, 1976), since=date(2008, 1, 1)),
    "vice_woman": Pick(gender="F", born=(1970, 1980), since=date(2010, 1, 1)),
    "vice_since_2020": Pick(born=(1972, 1984), since=date(2012, 1, 1)),
    "ubkt_head_xii": Pick(born=(1968, 1980), since=date(2012, 1, 1), party=True),
    "ubkt_head_xiii": Pick(born=(1975, 1986), since=date(2014, 1, 1), party=True),
    "vice_since_2025": Pick(born=(1975, 1986), since=date(2015, 1, 1)),
    "bch_1": OLD_HAND, "bch_2": OLD_HAND, "bch_3": OLD_HAND, "bch_4": OLD_HAND,
    "bch_5": OLD_HAND, "bch_6": OLD_HAND, "bch_7": OLD_HAND,
    "bch_8": NEWCOMER, "bch_9": NEWCOMER, "bch_10": NEWCOMER,
    "bch_since_2025": Pick(born=(1980, 1992), since=date(2020, 1, 1)),
    "ubkt_1": INSPECTOR_XII, "ubkt_2": INSPECTOR_XII, "ubkt_3": INSPECTOR_XII,
    "ubkt_4": INSPECTOR_XII,
    "women_1": WOMAN_XII, "women_2": WOMAN_XII, "women_3": WOMAN_XII, "women_4": WOMAN_XII,
    "women_5": WOMAN_XII,
    "ubkt_5": INSPECTOR_XIII, "ubkt_6": INSPECTOR_XIII,
    "women_deputy": Pick(gender="F", born=(1978, 1990), since=date(2018, 1, 1)),
    "women_6": WOMAN_XIII, "women_7": WOMAN_XIII,
    "vl_chair": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-VL"),
    "vl_vice": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-VL"),
    "vl_member": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-VL"),
    "mc_chair": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-MC"),
    "mc_vice": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-MC"),
    "mc_member": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-MC"),
    "hcm_chair": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-HCM"),
    "hcm_vice": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-HCM"),
    "hcm_member": Pick(born=(1968, 1990), since=date(2018, 1, 1), within="DEMO-DHDK-HCM"),
}

DECISIONS = {
    "congress XII": UpperDecision(date(2017, 5, 20)),
    "by-election 2020": UpperDecision(date(2020, 9, 10)),
    "women XII": BranchDecision(date(2017, 6, 9)),
    "congress XIII": UpperDecision(date(2022, 9, 15)),
    "by-election 2025": UpperDecision(date(2025, 4, 10)),
    "women XIII": BranchDecision(date(2022, 10, 6)),
    "women head 2025": BranchDecision(date(2025, 2, 10)),
    "congress VL": BranchDecision(date(2022, 8, 12), lag=10),
    "congress MC": BranchDecision(date(2022, 8, 12), lag=10),
    "congress HCM": BranchDecision(date(2022, 8, 12), lag=10),
}

COMMITTEES = (
    # Term XII (2017–2022): 15 elected; a vice chair retires, a member replaces him.
    Committee(B.EXECUTIVE, 12, "congress XII", (
        (T.CHAIR, "chair_xii"),
        (T.VICE_CHAIR, "chair"), (T.VICE_CHAIR, "vice_woman"), (T.VICE_CHAIR, "vice_xii"),
        (T.MEMBER, "vice_since_2020"), (T.MEMBER, "ubkt_head_xii"), (T.MEMBER, "vice_xiii"),
        (T.MEMBER, "women_head"),
        (T.MEMBER, "bch_1"), (T.MEMBER, "bch_2"), (T.MEMBER, "bch_3"), (T.MEMBER, "bch_4"),
        (T.MEMBER, "bch_5"), (T.MEMBER, "bch_6"), (T.MEMBER, "bch_7"),
    ), changes=(
        Change(date(2020, 9, 10), "by-election 2020", (
            (T.VICE_CHAIR, "vice_since_2020", "Bầu bổ sung thay đồng chí Phó Chủ tịch nghỉ hưu."),
        ), ends=("vice_since_2020",)),
    )),
    Committee(B.STANDING, 12, "congress XII", (
        (T.CHAIR, "chair_xii"),
        (T.VICE_CHAIR, "chair"), (T.VICE_CHAIR, "vice_woman"), (T.VICE_CHAIR, "vice_xii"),
        (T.MEMBER, "ubkt_head_xii"),
    ), changes=(
        Change(date(2020, 9, 10), "by-election 2020", ((T.VICE_CHAIR, "vice_since_2020"),)),
    )),
    Committee(B.INSPECTION, 12, "congress XII", (
        (T.HEAD, "ubkt_head_xii"), (T.VICE_HEAD, "ubkt_1"),
        (T.MEMBER, "ubkt_2"), (T.MEMBER, "ubkt_3"), (T.MEMBER, "ubkt_4"),
    )),
    Committee(B.WOMEN, 12, "women XII", (
        (T.LEADER, "vice_woman"), (T.DEPUTY_LEADER, "women_head"),
        (T.MEMBER, "women_1"), (T.MEMBER, "women_2"), (T.MEMBER, "women_3"),
        (T.MEMBER, "women_4"), (T.MEMBER, "women_5"),
    ), start=date(2017, 6, 9), method=M.APPOINTED),

    # Term XIII (2022–2027): 15 elected; two retire, one moves away; a by-election: 13 today.
    Committee(B.EXECUTIVE, 13, "congress XIII", (
        (T.CHAIR, "chair"),
        (T.VICE_CHAIR, "vice_woman"), (T.VICE_CHAIR, "vice_since_2020"),
        (T.VICE_CHAIR, "vice_xiii"),
        (T.MEMBER, "ubkt_head_xiii"), (T.MEMBER, "women_head"), (T.MEMBER, "moved_away"),
        (T.MEMBER, "vice_since_2025"),
        (T.MEMBER, "bch_1"), (T.MEMBER, "bch_2"), (T.MEMBER, "bch_3"), (T.MEMBER, "bch_4"),
        (T.MEMBER, "bch_8"), (T.MEMBER, "bch_9"), (T.MEMBER, "bch_10"),
    ), changes=(
        Change(date(2025, 4, 10), "by-election 2025", (
            (T.VICE_CHAIR, "vice_since_2025", "Bầu bổ sung Phó Chủ tịch thay đồng chí nghỉ hưu."),
            (T.MEMBER, "bch_since_2025", "Bầu bổ sung Ủy viên Ban Chấp hành."),
        ), ends=("vice_since_2025",)),
    )),
    Committee(B.STANDING, 13, "congress XIII", (
        (T.CHAIR, "chair"),
        (T.VICE_CHAIR, "vice_woman"), (T.VICE_CHAIR, "vice_since_2020"),
        (T.VICE_CHAIR, "vice_xiii"),
        (T.MEMBER, "ubkt_head_xiii"),
    ), changes=(
        Change(date(2025, 4, 10), "by-election 2025", ((T.VICE_CHAIR, "vice_since_2025"),)),
    )),
    Committee(B.INSPECTION, 13, "congress XIII", (
        (T.HEAD, "ubkt_head_xiii"), (T.VICE_HEAD, "ubkt_1"),
        (T.MEMBER, "ubkt_2"), (T.MEMBER, "ubkt_5"), (T.MEMBER, "ubkt_6"),
    )),
    Committee(B.WOMEN, 13, "women XIII", (
        (T.LEADER, "women_head"), (T.DEPUTY_LEADER, "women_deputy"),
        (T.MEMBER, "women_3"), (T.MEMBER, "women_4"), (T.MEMBER, "women_5"),
        (T.MEMBER, "women_6"), (T.MEMBER, "women_7"),
    ), start=date(2022, 10, 6), method=M.APPOINTED, changes=(
        Change(date(2025, 2, 10), "women head 2025", (
            (T.LEADER, "women_deputy", "Thay đồng chí Trưởng ban nghỉ hưu."),
        ), ends=("women_deputy",), method=M.APPOINTED),
    )),

    # The công đoàn bộ phận: a BCH of three each (term IV, 2022–2027).
    Committee(B.EXECUTIVE, 4, "congress VL", (
        (T.CHAIR, "vl_chair"), (T.VICE_CHAIR, "vl_vice"), (T.MEMBER, "vl_member"),
    ), at="DEMO-DHDK-VL"),
    Committee(B.EXECUTIVE, 4, "congress MC", (
        (T.CHAIR, "mc_chair"), (T.VICE_CHAIR, "mc_vice"), (T.MEMBER, "mc_member"),
    ), at="DEMO-DHDK-MC"),
    Committee(B.EXECUTIVE, 4, "congress HCM", (
        (T.CHAIR, "hcm_chair"), (T.VICE_CHAIR, "hcm_vice"), (T.MEMBER, "hcm_member"),
    ), at="DEMO-DHDK-HCM"),
)
# fmt: on

UNIVERSITY = Branch(
    code="DEMO-DHDK",
    name="Công đoàn Trường Đại học Đồng Khởi",
    short_name="CĐ Trường ĐH Đồng Khởi",
    employer="Trường Đại học Đồng Khởi",
    address="Số 26 đường Nguyễn Đình Chiểu, phường Phú Khương, thành phố Bến Tre",
    suffix="CĐT",
    employer_suffix="ĐHĐK",
    email_domain="dhdk.edu.vn",
    congresses=(
        Congress(12, date(2017, 5, 20), date(2022, 9, 14)),
        Congress(13, date(2022, 9, 15), date(2027, 9, 14)),
    ),
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
            congresses=SUB_BRANCH_TERM,
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
            congresses=SUB_BRANCH_TERM,
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
            congresses=SUB_BRANCH_TERM,
        ),
    ),
    past=((E.RETIRED, 20), (E.LEFT, 4), (E.TRANSFERRED_OUT, 6), (E.DECEASED, 1)),
    transfers=18,
    people=PEOPLE,
    decisions=DECISIONS,
    committees=COMMITTEES,
    group_leaders=GroupLeaders(date(2022, 10, 15), date(2025, 4, 15), deputies_from=15),
    logins={"chutich2": "chair"},
)
