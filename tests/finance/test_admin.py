"""The admin shows the books and the funds but changes none of them."""

import pytest
from django.urls import reverse

from tests.finance.pages import snapshot

pytestmark = pytest.mark.django_db


def test_the_admin_shows_vouchers_and_the_funds_but_changes_none(client, fin, users):
    from finance.models import BudgetLine, Drive, Loan

    client.force_login(users.admin)
    posted = fin.a.receipt
    change = reverse("admin:finance_voucher_change", args=[posted.pk])
    assert client.get(change).status_code == 200  # read-only view
    before = snapshot()
    response = client.post(change, {"amount": "1", "description": "Sửa trong admin"})
    assert response.status_code == 403
    assert client.post(reverse("admin:finance_voucher_delete", args=[posted.pk])).status_code == 403
    assert snapshot() == before
    for model in (BudgetLine, Drive, Loan):
        name = model._meta.model_name
        assert client.get(reverse(f"admin:finance_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:finance_{name}_add")).status_code == 403
