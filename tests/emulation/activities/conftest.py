"""Fixtures the activities' test modules share: uploads kept in a temporary media folder, the
activities of branches A and B that the pages' and services' tests read and change, and the
year counted by hand that the year view's tests read."""

from datetime import date

import pytest

from emulation.activities import services
from emulation.models import Activity
from finance.ledger import services as finance_services
from finance.models import Account
from members.models import Member
from tests.emulation.activities.factories import activity, attach, cash, held, payment, spend
from tests.factories import MemberFactory

Kind = Activity.Kind


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def act(tree, users):
    """Branch A: the sports day (An and Bình listed, a 2.000.000 payment voucher, 500.000 from
    other sources, a PDF) and a study session of group A1 (count only). Branch B: one activity
    with its own voucher and file."""
    an = MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An")
    binh = MemberFactory(
        organisation=tree.group_a2, full_name="Lê Thị Bình", gender=Member.Gender.FEMALE
    )
    khanh = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khánh")
    cash_a, cash_b = cash(tree.branch_a), cash(tree.branch_b)
    voucher_a = payment(cash_a)
    voucher_b = payment(cash_b, description="Chi hội thao")
    a = activity(
        tree.branch_a,
        other_cost=500_000,
        results="Giải ba bóng chuyền hơi nữ\nGiải khuyến khích kéo co",
    )
    services.activity_participants_set(activity=a, members=[an, binh], actor=None)
    services.activity_voucher_link(activity=a, voucher=voucher_a, actor=None)
    group = activity(
        tree.group_a1,
        name="Học tập nghị quyết",
        kind=Activity.Kind.STUDY,
        starts_on=date(2025, 4, 16),
        participant_count=14,
        invited_count=15,
    )
    b = activity(tree.branch_b, name="Hội thao trường B")
    services.activity_voucher_link(activity=b, voucher=voucher_b, actor=None)
    return type(
        "Act",
        (),
        {
            "tree": tree,
            "an": an,
            "binh": binh,
            "khanh": khanh,
            "cash_a": cash_a,
            "voucher_a": voucher_a,
            "voucher_b": voucher_b,
            "a": a,
            "group": group,
            "b": b,
            "file_a": attach(a),
            "file_b": attach(b),
        },
    )


@pytest.fixture
def year(tree, users):
    """Activities counted by hand. Branch A, 2025, in date order:

    1. Hội thao ngành (branch A, 05-07/03, sports): An, Bình, Chi listed (3); a posted payment
       of 2.000.000, a draft one of 500.000, a posted 1.000.000 since reversed (not counted),
       1.500.000 from other sources: 4.000.000. Won "Giải ba bóng chuyền hơi nữ" and
       "Giải nhì kéo co".
    2. Gặp mặt 8/3 (branch A, 08/03): 25 counted, 3.000.000 from other sources.
    3. Học tập Nghị quyết (group A1, 10/06, study): An and Chi listed but 40 entered (the count
       wins), 50 invited: 80,0%.
    4. Quán triệt Nghị quyết 57 (group A2, 20/11, study): Bình listed, 2 invited: 50,0%.
    Totals: 4 activities, 69 taking part, 7.000.000đ. Study: 41 of 52 invited, 78,8%.
    Left out: branch A's year-end party of 30/12/2024; branch B's Hội diễn văn nghệ (01/04/2025,
    10 counted, 700.000 other, won "Giải nhất văn nghệ"), counted only by the upper union.
    """
    an = MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An")
    binh = MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình")
    chi = MemberFactory(organisation=tree.group_a1, full_name="Phạm Thị Chi")
    cash = Account.objects.create(
        organisation=tree.branch_a,
        kind=Account.Kind.CASH,
        name="Tiền mặt",
        opening_balance=20_000_000,
        opening_date=date(2024, 1, 1),
    )
    reversed_payment = spend(cash, 1_000_000)
    finance_services.voucher_reverse(voucher=reversed_payment, day=date(2025, 3, 9), actor=None)
    sports = held(
        tree.branch_a,
        Kind.SPORTS,
        "Hội thao ngành",
        date(2025, 3, 5),
        ends_on=date(2025, 3, 7),
        place="Nhà thi đấu tỉnh",
        listed=[an, binh, chi],
        vouchers=[
            spend(cash, 2_000_000),
            spend(cash, 500_000, post=False),
            reversed_payment,
        ],
        other_cost=1_500_000,
        results="Giải ba bóng chuyền hơi nữ\n\n  Giải nhì kéo co  \n",
    )
    women = held(
        tree.branch_a,
        Kind.WOMEN_0803,
        "Gặp mặt 8/3",
        date(2025, 3, 8),
        participant_count=25,
        other_cost=3_000_000,
    )
    study = held(
        tree.group_a1,
        Kind.STUDY,
        "Học tập Nghị quyết",
        date(2025, 6, 10),
        listed=[an, chi],
        participant_count=40,
        invited_count=50,
    )
    study_57 = held(
        tree.group_a2,
        Kind.STUDY,
        "Quán triệt Nghị quyết 57",
        date(2025, 11, 20),
        listed=[binh],
        invited_count=2,
    )
    held(
        tree.branch_a, Kind.CULTURE, "Liên hoan cuối năm", date(2024, 12, 30), participant_count=60
    )
    other = held(
        tree.branch_b,
        Kind.CULTURE,
        "Hội diễn văn nghệ",
        date(2025, 4, 1),
        participant_count=10,
        other_cost=700_000,
        results="Giải nhất văn nghệ",
    )
    return type(
        "Year",
        (),
        {
            "tree": tree,
            "users": users,
            "cash": cash,
            "members": [an, binh, chi],
            "sports": sports,
            "women": women,
            "study": study,
            "study_57": study_57,
            "other": other,
        },
    )
