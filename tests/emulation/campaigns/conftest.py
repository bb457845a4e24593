"""Fixtures the campaigns' test modules share: the campaigns of every level with branch A's
and B's registrations, and the initiatives of branches A and B."""

import pytest

from emulation.models import WOMEN_CAMPAIGN, Initiative, Registration
from tests.emulation.campaigns.factories import campaign, enter, register, seeded
from tests.factories import MemberFactory

Status, Level = Initiative.Status, Initiative.Level


@pytest.fixture
def camp(tree, users, member_a):
    """Campaigns kept by the upper union, branch A (members and groups), group A1, branch B,
    and an unused one of branch A. Members: An (A1, man), Hoa (A1, woman), Cúc (A2, woman),
    Khác (B1). Registrations 2025: An in branch A's campaign, Khác in "Lao động sáng tạo"."""
    t = tree
    hoa = MemberFactory(organisation=t.group_a1, full_name="Phạm Thị Hoa", gender="F")
    cuc = MemberFactory(organisation=t.group_a2, full_name="Lê Thị Cúc", gender="F")
    other = MemberFactory(organisation=t.group_b1, full_name="Trần Văn Khác")
    upper_c = campaign(t.upper, "Thi đua cấp tỉnh")
    a_c = campaign(t.branch_a, "Dạy giỏi trường A", for_groups=True)
    a1_c = campaign(t.group_a1, "Tổ Văn phòng số hóa")
    b_c = campaign(t.branch_b, "Phong trào trường B")
    a_empty = campaign(t.branch_a, "Phong trào chưa ai đăng ký")
    register(t.group_a1, a_c, {member_a: "Dạy tốt"})
    register(t.group_b1, seeded("lao-dong-sang-tao"), {other: ""})
    return type(
        "Camp",
        (),
        {
            "tree": t,
            "an": member_a,
            "hoa": hoa,
            "cuc": cuc,
            "other": other,
            "upper_c": upper_c,
            "a_c": a_c,
            "a1_c": a1_c,
            "b_c": b_c,
            "a_empty": a_empty,
            "reg_a": Registration.objects.get(member=member_a),
            "good": seeded("lao-dong-gioi"),
            "women": seeded(WOMEN_CAMPAIGN),
            "green": seeded("xanh-sach-dep"),
        },
    )


@pytest.fixture
def ini(tree, users):
    """Branch A: An (A1), Bình (A2); initiative `a` by An kept by the branch (recognised at the
    unit level), `group` by An kept by group A1. Branch B: Khánh and initiative `b`."""
    an = MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An")
    binh = MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình")
    khanh = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khánh")
    a = enter(
        tree.branch_a,
        [an],
        name="Ứng dụng phần mềm quản lý điểm và sổ liên lạc điện tử",
        field="Chuyển đổi số",
        status=Status.RECOGNISED,
        level=Level.UNIT,
        benefit="Giảm một nửa thời gian nhập điểm.",
    )
    group = enter(tree.group_a1, [an], name="Sổ tay văn thư điện tử", status=Status.ACCEPTED)
    b = enter(tree.branch_b, [khanh], name="Câu lạc bộ đọc sách")
    return type(
        "Ini",
        (),
        {"tree": tree, "an": an, "binh": binh, "khanh": khanh, "a": a, "group": group, "b": b},
    )
