"""Fixtures the awards' test modules share: the decisions of branches A and B that the
decision pages' tests read and change, and the members and cash accounts the import's tests
read sheets against."""

import pytest

from emulation.awards.services import Recipient
from tests.emulation.awards.factories import cash, decide
from tests.factories import MemberFactory


@pytest.fixture
def aw(tree, users):
    """Branch A: a decision for An (A1, prize 500.000 on a draft voucher) and Bình (A2), and a
    collective one for group A1. Branch B: one decision for Khánh."""
    an = MemberFactory(organisation=tree.group_a1, full_name="Nguyễn Văn An")
    binh = MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình")
    khanh = MemberFactory(organisation=tree.group_b1, full_name="Trần Văn Khánh")
    cash_a = cash(tree.branch_a)
    a = decide(
        tree.branch_a,
        [Recipient(an, prize=500_000), Recipient(binh)],
        prize_account=cash_a,
    )
    group = decide(
        tree.branch_a,
        [Recipient(organisation=tree.group_a1)],
        name="Tập thể lao động tiên tiến",
        subject="collective",
        number="13/QĐ-SGD",
    )
    b = decide(tree.branch_b, [Recipient(khanh)], number="7/QĐ")
    award = a.awards.get(member=binh)
    return type(
        "Aw",
        (),
        {
            "tree": tree,
            "an": an,
            "binh": binh,
            "khanh": khanh,
            "cash_a": cash_a,
            "a": a,
            "group": group,
            "b": b,
            "award_a": award,
            "award_b": b.awards.get(),
            "voucher_a": a.awards.get(member=an).voucher,
        },
    )


@pytest.fixture
def imp(tree, users):
    """Branch A: An (A1, card A-001), Bình (A2), two Trần Văn Cường (A1 and A2), a cash
    account. Branch B: Khánh (B1, card B-001) and its own cash account."""
    return type(
        "Imp",
        (),
        {
            "tree": tree,
            "an": MemberFactory(
                organisation=tree.group_a1, full_name="Nguyễn Văn An", card_number="A-001"
            ),
            "binh": MemberFactory(organisation=tree.group_a2, full_name="Lê Thị Bình"),
            "cuong_a1": MemberFactory(organisation=tree.group_a1, full_name="Trần Văn Cường"),
            "cuong_a2": MemberFactory(organisation=tree.group_a2, full_name="Trần Văn Cường"),
            "khanh": MemberFactory(
                organisation=tree.group_b1, full_name="Trần Văn Khánh", card_number="B-001"
            ),
            "cash_a": cash(tree.branch_a),
            "cash_b": cash(tree.branch_b),
        },
    )
