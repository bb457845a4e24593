"""`manage.py seed_demo` on any day of the year: the books depend on how much of the month has
passed."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from finance.models import Voucher

pytestmark = pytest.mark.django_db


def test_seeds_early_in_a_month_when_one_voucher_day_has_come():
    """On the 5th to the 9th the month has one day of vouchers so far (an IndexError before)."""
    day = date(2026, 12, 5)
    call_command("seed_demo", today=day, stdout=StringIO())
    keeping_books = set(Voucher.objects.values_list("organisation", flat=True))
    withdrawals = Voucher.objects.filter(date=day, description__startswith="Rút tiền gửi")
    # The bank to the cash: a payment and a receipt in each branch that keeps its books here.
    assert keeping_books and sorted(withdrawals.values_list("organisation", "kind")) == sorted(
        (org, kind) for org in keeping_books for kind in ("payment", "receipt")
    )
