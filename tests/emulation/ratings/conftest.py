"""Fixtures the ratings' test modules share: the members of branches A and B to rate."""

import pytest

from members.models import Member
from tests.factories import MemberFactory


@pytest.fixture
def rated(tree, users, member_a):
    """Group A1: An (member_a), Hoa (woman); group A2: Cúc (woman); group B1: Khác."""
    hoa = MemberFactory(
        organisation=tree.group_a1, full_name="Phạm Thị Hoa", gender=Member.Gender.FEMALE
    )
    cuc = MemberFactory(
        organisation=tree.group_a2, full_name="Lê Thị Cúc", gender=Member.Gender.FEMALE
    )
    other = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khác")
    return type(
        "Rated",
        (),
        {"tree": tree, "users": users, "an": member_a, "hoa": hoa, "cuc": cuc, "other": other},
    )
