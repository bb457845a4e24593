"""Fixtures of the books' tests: a branch's bare accounts, before any voucher."""

import pytest

from finance.models import Account
from tests.finance.factories import START


@pytest.fixture
def books(tree):
    """Branch A keeps a cash box (5.000.000đ on 01/01/2025) and a bank account (20.000.000đ)."""
    cash = Account.objects.create(
        organisation=tree.branch_a,
        kind=Account.Kind.CASH,
        name="Tiền mặt",
        opening_balance=5_000_000,
        opening_date=START,
    )
    bank = Account.objects.create(
        organisation=tree.branch_a,
        kind=Account.Kind.BANK,
        name="Tiền gửi Vietcombank",
        opening_balance=20_000_000,
        opening_date=START,
    )
    return type("Books", (), {"tree": tree, "org": tree.branch_a, "cash": cash, "bank": bank})
