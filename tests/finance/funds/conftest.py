"""Fixtures of the funds' tests: the books of branches A and B with drives and loans in both."""

import pytest

from tests.finance.funds.factories import make_funds


@pytest.fixture
def funds(fin, users):
    """The books' fixture (branches A and B), with drives and loans in both."""
    tree = fin.tree
    make_funds(fin, tree.branch_a, tree.group_a1, tree.group_a2, users.accountant, "a")
    make_funds(fin, tree.branch_b, tree.group_b1, tree.group_b1, users.officer_b, "b")
    return fin
