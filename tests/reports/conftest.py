"""Fixtures the reports' test modules share: the members' history of branches A and B counted
by hand for the dashboard, and branch A's history with its executive committee for the member
report."""

from datetime import date

import pytest

from members.models import Body, LevelChoice, Member, MemberEvent, Position
from members.registry import services
from tests.factories import BodyFactory, MemberFactory, PositionFactory

K = MemberEvent.Kind


def level(kind, name):
    return LevelChoice.objects.get(kind=kind, name=name)


@pytest.fixture
def history(tree):
    """Branch A (groups A1, A2) and branch B (group B1), counted by hand.

    member   gender  history                                         counted in A at 31/12 of
    An       F       A1 since 2015, party, Thạc sĩ, chair of the BCH 2020 2021 2022 2023 2024 day
    Bình     M       A1 from 01/03/2021, party, Cử nhân CT, Đại học       2021 2022 2023 2024 day
    Cúc      F       A1 2018, moved to A2 01/05/2022                 2020 2021 2022 2023 2024 day
    Dũng     M       A2 2010, retired 15/01/2023                     2020 2021 2022
    Em       M       A1 2019, left 01/06/2020                        -
    Giang    F       A2 from 01/09/2024                                                  2024 day
    Hà       F       B1 2012, moved to A1 01/06/2023                                2023 2024 day
    Khánh    M       A1 2012, moved to B1 01/10/2024                 2020 2021 2022 2023
    Long     M       A2 2016, BCH member, retired 01/03/2025         2020 2021 2022 2023 2024
    Mai      M       A2 from 01/02/2022, Đại học                               2022 2023 2024 day
    Nga      M       A1 from 01/03/2023                                             2023 2024 day
    Oanh     F       A1 from 31/12/2024 (the trend day itself)                           2024 day
    Phong    M       A2 2010, retired 01/09/2025 (after the day)     2020 2021 2022 2023 2024 day
    Nam      M       B1 2010                                         (branch B only)

    Branch A: 6, 7, 8, 9, 10 at the year ends, 9 on the day (5 women: 55.6 %, 2 party members);
    on the day A1 has 5 (3 women), A2 has 4 (2 women). Twelve months: Giang and Oanh admitted,
    Khánh transferred out, Long retired. Branch B on the day: Nam and Khánh.
    """
    a1, a2, b1 = tree.group_a1, tree.group_a2, tree.group_b1
    cu_nhan = level(LevelChoice.Kind.POLITICAL, "Cử nhân")
    dai_hoc = level(LevelChoice.Kind.PROFESSIONAL, "Đại học")

    def member(org, name, joined, gender="M", **fields):
        return MemberFactory(
            organisation=org, full_name=name, gender=gender, joined_on=joined, **fields
        )

    an = member(
        a1,
        "An",
        date(2015, 1, 1),
        "F",
        party_member=True,
        professional_level=level(LevelChoice.Kind.PROFESSIONAL, "Thạc sĩ"),
    )
    member(
        a1,
        "Bình",
        date(2021, 3, 1),
        party_member=True,
        political_level=cu_nhan,
        professional_level=dai_hoc,
    )
    cuc = member(a1, "Cúc", date(2018, 1, 1), "F")
    services.member_transfer(member=cuc, to=a2, day=date(2022, 5, 1), actor=None)
    dung = member(a2, "Dũng", date(2010, 1, 1))
    services.member_end(member=dung, kind=K.RETIRED, day=date(2023, 1, 15), actor=None)
    em = member(a1, "Em", date(2019, 1, 1))
    services.member_end(member=em, kind=K.LEFT, day=date(2020, 6, 1), actor=None)
    member(a2, "Giang", date(2024, 9, 1), "F")
    ha = member(b1, "Hà", date(2012, 1, 1), "F")
    services.member_transfer(member=ha, to=a1, day=date(2023, 6, 1), actor=None)
    khanh = member(a1, "Khánh", date(2012, 1, 1))
    services.member_transfer(member=khanh, to=b1, day=date(2024, 10, 1), actor=None)
    long_ = member(a2, "Long", date(2016, 1, 1))
    body = BodyFactory(organisation=tree.branch_a)
    PositionFactory(body=body, member=an, title=Position.Title.CHAIR)
    PositionFactory(body=body, member=long_, title=Position.Title.MEMBER)
    services.member_end(member=long_, kind=K.RETIRED, day=date(2025, 3, 1), actor=None)
    member(a2, "Mai", date(2022, 2, 1), professional_level=dai_hoc)
    member(a1, "Nga", date(2023, 3, 1))
    member(a1, "Oanh", date(2024, 12, 31), "F")
    phong = member(a2, "Phong", date(2010, 1, 1))
    services.member_end(member=phong, kind=K.RETIRED, day=date(2025, 9, 1), actor=None)
    member(b1, "Nam", date(2010, 1, 1))
    return tree


@pytest.fixture
def report_branch(branch_history):
    """branch_history plus an executive committee: Bình chairs it from 2020; An was a member
    until 2021 (not on the day); Cúc joined it in 2023 (after the day)."""
    tree = branch_history
    tree.branch_a.address = "12 Đồng Khởi, phường 3, tỉnh Bến Tre"
    tree.branch_a.save()
    members = {m.full_name: m for m in Member.objects.all()}
    body = BodyFactory(organisation=tree.branch_a, kind=Body.Kind.EXECUTIVE, term=None)
    PositionFactory(
        body=body, member=members["Bình"], title=Position.Title.CHAIR, start=date(2020, 1, 1)
    )
    PositionFactory(body=body, member=members["An"], start=date(2020, 1, 1), end=date(2021, 1, 1))
    PositionFactory(body=body, member=members["Cúc"], start=date(2023, 1, 1))
    PositionFactory(body=body, member=members["Dũng"], start=date(2020, 1, 1))
    return tree
