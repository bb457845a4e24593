"""The books' index, voucher list and transfers, and the query counts of the books' pages
(who may open what is in tests/finance/test_pages.py)."""

from datetime import date

import pytest
from django.urls import reverse

from finance.models import Voucher
from tests.finance.factories import add_vouchers, category, make_voucher, open_bank
from tests.finance.pages import YEAR, org_a, pk, url
from tests.pages import count_queries

pytestmark = pytest.mark.django_db


# --- transfers -------------------------------------------------------------------------------


def test_a_transfer_creates_a_linked_pair_of_drafts(client, fin, users):
    bank = open_bank(fin.a)
    client.force_login(users.accountant)
    response = client.post(
        url("transfer_create", org=org_a)(fin),
        {
            "source": bank.pk,
            "destination": fin.a.cash.pk,
            "date": "20/04/2025",
            "amount": "3.000.000",
            "description": "Rút tiền gửi về quỹ",
        },
    )
    payment = Voucher.objects.get(account=bank)
    receipt = payment.transfer_pair
    assert response["Location"] == reverse("finance:voucher_detail", args=[payment.pk])
    assert (payment.kind, receipt.kind, receipt.account) == ("payment", "receipt", fin.a.cash)
    assert payment.category is None and receipt.category is None
    # Posting one side posts both; the transfer is neither income nor spending.
    client.post(reverse("finance:voucher_post", args=[receipt.pk]))
    assert set(
        Voucher.objects.filter(pk__in=[payment.pk, receipt.pk]).values_list("state", flat=True)
    ) == {"posted"}
    report = client.get(url("summary", org=org_a)(fin) + "&from=01/04/2025&to=30/04/2025").context[
        "report"
    ]
    assert (report.total_income, report.total_spending) == (0, 0)
    # Its page names the other side, and offers no reversal (a transfer back does that).
    html = client.get(reverse("finance:voucher_detail", args=[receipt.pk])).content.decode()
    assert reverse("finance:voucher_detail", args=[payment.pk]) in html
    assert reverse("finance:voucher_reverse", args=[receipt.pk]) not in html


def test_a_transfer_to_the_same_account_is_refused_on_the_destination(client, fin, users):
    open_bank(fin.a)
    client.force_login(users.accountant)
    response = client.post(
        url("transfer_create", org=org_a)(fin),
        {
            "source": fin.a.cash.pk,
            "destination": fin.a.cash.pk,
            "date": "20/04/2025",
            "amount": "3.000.000",
            "description": "Nộp tiền",
        },
    )
    assert "destination" in response.context["form"].errors


# --- the index and the voucher list ----------------------------------------------------------


def test_the_voucher_list_filters_and_totals_the_posted_ones(client, fin, users):
    make_voucher(fin.a, "receipt", "T01", 300_000, date(2025, 5, 1), description="Thu bổ sung")
    client.force_login(users.accountant)
    base = url("voucher_list", org=org_a)(fin)
    response = client.get(base)
    assert response.context["totals"] is None  # no selection: the index shows the balances
    assert len(response.context["page"].object_list) == 4  # drafts are listed too
    response = client.get(base + "&from=01/01/2025&to=31/12/2025")
    assert response.context["totals"] == {"receipts": 2_300_000, "payments": 500_000}
    response = client.get(base + "&kind=receipt&state=posted")
    assert {v.pk for v in response.context["page"]} == {
        fin.a.receipt.pk,
        Voucher.objects.get(description="Thu bổ sung").pk,
    }
    response = client.get(base + "&q=bổ sung")
    assert [v.description for v in response.context["page"]] == ["Thu bổ sung"]
    assert response.context["totals"] == {"receipts": 300_000, "payments": 0}
    # A line with sub-lines stands for them all: C02 finds the C02.1 payment.
    response = client.get(base + f"&category={category('C02').pk}")
    assert [v.pk for v in response.context["page"]] == [fin.a.payment.pk]
    response = client.get(base + "&from=02/03/2025&to=09/03/2025")
    assert [v.pk for v in response.context["page"]] == [fin.a.payment.pk]
    # Newest first.
    dates = [v.date for v in client.get(base).context["page"]]
    assert dates == sorted(dates, reverse=True)


def test_the_index_shows_balances_and_the_write_buttons_to_writers_only(client, fin, users):
    client.force_login(users.accountant)
    html = client.get(url("index", org=org_a)(fin)).content.decode()
    assert "6.500.000đ" in html  # 5.000.000 + 2.000.000 - 500.000
    assert "Lập phiếu thu" in html and "Thêm tài khoản" in html
    client.force_login(users.inspector)
    html = client.get(url("index", org=org_a)(fin)).content.decode()
    assert "6.500.000đ" in html
    assert "Lập phiếu thu" not in html and "Lập phiếu chi" not in html


def test_a_transfer_needs_two_accounts(client, fin, users):
    client.force_login(users.accountant)
    response = client.get(url("transfer_create", org=org_a)(fin))
    assert response["Location"].startswith(reverse("finance:account_create"))
    index = client.get(url("index", org=org_a)(fin)).content.decode()
    assert reverse("finance:transfer_create") not in index


def test_a_branch_without_accounts_is_told_how_to_start(client, tree, users):
    client.force_login(users.accountant)
    response = client.get(reverse("finance:index"))
    html = response.content.decode()
    assert "Thêm tài khoản tiền mặt/tiền gửi với số dư đầu kỳ" in html
    # Entering a voucher first sends the accountant to open an account.
    response = client.get(reverse("finance:voucher_create") + f"?org={tree.branch_a.pk}")
    assert response["Location"].startswith(reverse("finance:account_create"))


def test_the_upper_viewer_chooses_a_branch(client, fin, users):
    client.force_login(users.upper_viewer)
    response = client.get(reverse("finance:index"))
    names = [b.name for b in response.context["page"]]
    assert names == [fin.tree.branch_a.name, fin.tree.branch_b.name]


# --- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        lambda f: url("index", org=org_a)(f),
        lambda f: url("voucher_list", org=org_a)(f),
        lambda f: url("voucher_list", org=org_a)(f) + "&kind=payment&page=2",
        lambda f: url("account_book", pk("a", "cash"))(f) + YEAR,
        lambda f: url("summary", org=org_a)(f) + "&from=01/01/2025&to=31/12/2025",
        lambda f: url("periods", org=org_a)(f),
        lambda f: url("voucher_detail", pk("a", "receipt"))(f),
    ],
)
def test_finance_pages_query_count_does_not_grow_with_vouchers(page, client, fin, users):
    add_vouchers(fin.a, 60)  # enough for a second page of payments
    client.force_login(users.accountant)
    before = count_queries(client, page(fin))
    add_vouchers(fin.a, 30)
    assert count_queries(client, page(fin)) == before
