"""Fixtures of the funds' tests: the books of branches A and B with drives and loans in both,
branch A's year 2025 with its budget."""

from datetime import date

import pytest

from finance.ledger import services
from tests.finance.factories import make_voucher, open_bank
from tests.finance.funds.factories import make_funds, save


@pytest.fixture
def funds(fin, users):
    """The books' fixture (branches A and B), with drives and loans in both."""
    tree = fin.tree
    make_funds(fin, tree.branch_a, tree.group_a1, tree.group_a2, users.accountant, "a")
    make_funds(fin, tree.branch_b, tree.group_b1, tree.group_b1, users.officer_b, "b")
    return fin


@pytest.fixture
def year_2025(fin):
    """Branch A's 2025 beyond the fixture's (T01 2.000.000 in March, C02.1 500.000 in March,
    a draft T02), with its budget. By hand:

    T01  budget 20.000.000; 2.000.000 (Mar) + 3.000.000 (Jun) reversed in July = 2.000.000
    T03  own 500.000 + T03.4 200.000 = 700.000; own 1.000.000 (Apr) + T03.4 120.000 = 1.120.000
    C01  budget 5.000.000; 4.000.000 (Oct)
    C02  own 1.000.000 + C02.1 2.000.000 + C02.2 3.000.000 = 6.000.000;
         C02.1 500.000 + C02.2 (1.000.000 in May reversed in May) 2.000.000 (Aug) + own 300.000
         = 2.800.000
    C07  budget 1.000.000; nothing
    A transfer of 1.000.000 to the bank, a January 2026 receipt and branch B count nowhere.
    Income 3.120.000 of 20.700.000; spending 6.800.000 of 12.000.000; opening 5.000.000,
    closing 5.000.000 + 3.120.000 - 6.800.000 = 1.320.000.
    """
    a = fin.a
    twice = make_voucher(a, "receipt", "T01", 3_000_000, date(2025, 6, 10))
    services.voucher_reverse(voucher=twice, day=date(2025, 7, 1), actor=a.actor)
    make_voucher(a, "receipt", "T03", 1_000_000, date(2025, 4, 15))
    make_voucher(a, "receipt", "T03.4", 120_000, date(2025, 12, 31))
    wrong = make_voucher(a, "payment", "C02.2", 1_000_000, date(2025, 5, 5))
    services.voucher_reverse(voucher=wrong, day=date(2025, 5, 20), actor=a.actor)
    make_voucher(a, "payment", "C02.2", 2_000_000, date(2025, 8, 8))
    make_voucher(a, "payment", "C02", 300_000, date(2025, 9, 9))
    make_voucher(a, "payment", "C01", 4_000_000, date(2025, 10, 20))
    bank = open_bank(a)
    payment, _receipt = services.transfer_create(
        organisation=a.org,
        source=a.cash,
        destination=bank,
        day=date(2025, 11, 1),
        amount=1_000_000,
        description="Nộp tiền mặt vào tài khoản",
        actor=a.actor,
    )
    services.voucher_post(voucher=payment, actor=a.actor)
    make_voucher(a, "receipt", "T01", 700_000, date(2026, 1, 5))
    save(
        a,
        2025,
        {
            "T01": 20_000_000,
            "T03": 500_000,
            "T03.4": 200_000,
            "C01": 5_000_000,
            "C02": 1_000_000,
            "C02.1": 2_000_000,
            "C02.2": 3_000_000,
            "C07": 1_000_000,
        },
    )
    return fin
